"""Candidates: every count in a parsed paragraph that could be a loss claim.

The number reader (``newsclaims.stages.numbers.find_quantities``) finds and reads each
quantity; this stage keeps the counts (not dates, years, percentages, money,
durations, ages or ordinals), places each in its spaCy sentence, and records
the context the later stages read: the counted noun, the number's syntactic
head and governing verb, nearby lemmas, negation.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsclaims.lexicon import Lexicon
from newsclaims.records import Candidate, CleanDocument, Paragraph, Quantity
from newsclaims.settings import CandidateSettings
from newsclaims.spacy_ext.tree import governing_verb, number_head
from newsclaims.stages.numbers import find_quantities

# Tokens either side of the number whose lemmas become context features.
WINDOW = 6


def find_candidates(
    clean: CleanDocument,
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    settings: CandidateSettings,
) -> list[Candidate]:
    """Every count in the parsed paragraphs of ``clean``, in text order."""
    candidates: list[Candidate] = []
    for paragraph_index, paragraph in enumerate(paragraphs):
        if paragraph.doc is None or not paragraph.relevant:
            continue
        sentence_memo: dict[int, SentenceContext] = {}
        for quantity in find_quantities(paragraph.text):
            if quantity.kind != "count" or (quantity.vague and not settings.emit_vague) or not _countable(quantity):
                continue
            candidate = _place(clean.id, paragraph, paragraph_index, quantity, lexicon, sentence_memo)
            if candidate is not None:
                candidates.append(candidate)
    return candidates


SCALED = re.compile(r"(?i)\d\s*(?:thousand|million|billion|bn|k|m)\b|\d(?:k|m|bn)\b")
MODEL_NUMBER = re.compile(r"^\d+-\d+$")


def _countable(quantity: Quantity) -> bool:
    """People and equipment come in whole numbers: "27,934.02" is an index level,
    "787-9" a model name; "1.1 million" is fine (a scaled amount)."""
    if not float(quantity.value).is_integer() and not SCALED.search(quantity.surface):
        return False
    if MODEL_NUMBER.match(quantity.surface):
        first, second = (int(part) for part in quantity.surface.split("-"))
        # A real range rises ("20-25"); "787-9" or "T-72"-like codes do not.
        return quantity.is_range and first < second
    return True


def _place(
    doc_id: str,
    paragraph: Paragraph,
    paragraph_index: int,
    quantity: Quantity,
    lexicon: Lexicon,
    sentence_memo: dict[int, SentenceContext] | None = None,
) -> Candidate | None:
    doc = paragraph.doc
    assert doc is not None
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentence = span.sent
    shifted = dataclasses.replace(
        quantity, start=quantity.start + paragraph.start, end=quantity.end + paragraph.start
    )
    features = context_features(span, sentence, quantity, lexicon, sentence_memo)
    return Candidate(
        doc_id=doc_id,
        quantity=shifted,
        sentence=sentence.text,
        sentence_start=paragraph.start + sentence.start_char,
        features=features,
        paragraph_index=paragraph_index,
        token_start=span.start,
        token_end=span.end,
    )


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


@dataclass(frozen=True)
class SentenceContext:
    """What the features read from a number's sentence as a whole; the same for
    every number in it (a tally sentence holds dozens)."""

    lemmas: frozenset[str]
    previous_lemmas: frozenset[str] | None
    context_words: frozenset[str]


def sentence_context(sentence: Span, lexicon: Lexicon) -> SentenceContext:
    doc = sentence.doc
    previous = None
    if sentence.start > 0:
        previous = frozenset(_lemma(token) for token in doc[sentence.start - 1].sent if not token.is_punct)
    return SentenceContext(
        lemmas=frozenset(_lemma(token) for token in sentence if not token.is_punct),
        previous_lemmas=previous,
        context_words=frozenset(lexicon.context_word_set(sentence.text)),
    )


def context_features(
    span: Span,
    sentence: Span,
    quantity: Quantity,
    lexicon: Lexicon,
    sentence_memo: dict[int, SentenceContext] | None = None,
) -> dict[str, Any]:
    """Sparse features of a number's context, for the category classifier.

    ``sentence_memo`` (per parsed paragraph, keyed by sentence start) keeps
    the sentence-wide reads for the next number of the same sentence.
    """
    doc: Doc = span.doc
    if sentence_memo is None:
        sentence_memo = {}
    context = sentence_memo.get(sentence.start)
    if context is None:
        context = sentence_memo[sentence.start] = sentence_context(sentence, lexicon)
    features: dict[str, Any] = {}
    head = number_head(span)
    verb = governing_verb(head if head.i not in range(span.start, span.end) else span.root)
    features["dep=" + span.root.dep_] = 1
    features["head=" + _lemma(head)] = 1
    if verb is not None:
        features["verb=" + _lemma(verb)] = 1
        if any(child.dep_ == "neg" for child in verb.children):
            features["negated"] = 1
    if quantity.noun:
        for word in quantity.noun.split():
            features["noun=" + word] = 1
    features["qual=" + quantity.qualifier] = 1
    if quantity.is_range:
        features["range"] = 1
    if quantity.is_increment:
        features["increment"] = 1
    magnitude = len(str(int(abs(quantity.value)))) if quantity.value >= 1 else 0
    features[f"magnitude={min(magnitude, 8)}"] = 1
    if 1900 <= quantity.value <= 2100 and float(quantity.value).is_integer() and "," not in quantity.surface:
        features["year_like"] = 1
    left = max(sentence.start, span.start - WINDOW)
    right = min(sentence.end, span.end + WINDOW)
    window_lemmas: list[str] = []
    for token in doc[left:right]:
        if span.start <= token.i < span.end or token.is_punct or token.like_num:
            continue
        lemma = _lemma(token)
        window_lemmas.append(lemma)
        side = "L" if token.i < span.start else "R"
        features[f"w{side}=" + lemma] = 1
    if span.start > sentence.start:
        features["prev=" + _lemma(doc[span.start - 1])] = 1
    if span.end < sentence.end:
        features["next=" + _lemma(doc[span.end])] = 1
    sentence_lemmas = context.lemmas
    for name, words in lexicon.category.items():
        if words & set(window_lemmas):
            features["lexwin=" + name] = 1
        if words & sentence_lemmas:
            features["lexsent=" + name] = 1
    if context.previous_lemmas is not None:
        # A quote often continues the sentence before ("... have reached one
        # million. More than 628,000 occurred in the past year and a half.").
        previous_lemmas = context.previous_lemmas
        for name, words in lexicon.category.items():
            if words & previous_lemmas:
                features["lexprev=" + name] = 1
    # What the counted noun itself says ("troops killed", "military deaths",
    # "wounded soldiers"): nearer evidence than the rest of the sentence.
    near = [head] + [child for child in head.children if child.dep_ in ("acl", "amod", "relcl", "compound", "conj")]
    near_lemmas = {_lemma(token) for token in near if not (span.start <= token.i < span.end)}
    for name, words in lexicon.category.items():
        if words & near_lemmas:
            features["headlex=" + name] = 1
    # Words of war in the sentence ("a Russian missile attack ... killed 41 people"
    # vs "a hurricane killed 41 people").
    context_words = context.context_words
    for word in sorted(context_words):
        features["ctx=" + word] = 1
    features[f"ctxcount={min(len(context_words), 3)}"] = 1
    if lexicon.distractor & set(window_lemmas):
        features["lexwin=distractor"] = 1
    if lexicon.distractor & sentence_lemmas:
        features["lexsent=distractor"] = 1
    noun_phrase = f"{quantity.noun or ''} {_lemma(head)}".strip()
    for kind in lexicon.equipment_types_in(noun_phrase)[:1]:
        features["eq=" + kind] = 1
    if "\n" in sentence.text or sentence.text.count(":") or "—" in sentence.text:
        features["listlike"] = 1
    return features
