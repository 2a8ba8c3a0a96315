"""The contract's ``equipment_type`` of an equipment claim, from the tally label,
the counted noun and its sentence."""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsclaims.lexicon import Lexicon
from newsclaims.records import Candidate
from newsclaims.spacy_ext.tree import number_head


def classify_equipment_type(candidate: Candidate, span: Span, lexicon: Lexicon) -> str:
    """The contract's equipment_type for an equipment claim ("other" when unknown)."""
    # A tally line names its equipment before the number: "tanks — 7,834 (+6)".
    doc_text = span.doc.text
    line_start = doc_text.rfind("\n", 0, span.start_char) + 1
    label = TALLY_LABEL.match(doc_text[line_start : span.start_char])
    if label:
        kinds = [k for k in lexicon.equipment_types_in(label.group(1)) if k != "other"]
        if kinds:
            return kinds[0]
    head = number_head(span)
    phrase_tokens = [t for t in head.subtree if t.i >= span.start or t.dep_ in ("compound", "amod")]
    phrase = " ".join(t.lower_ for t in phrase_tokens if not (span.start <= t.i < span.end))
    noun = candidate.quantity.noun or ""
    for text in (noun, f"{phrase} {head.lemma_.lower()}", _window_text(span, 4)):
        kinds = lexicon.equipment_types_in(text)
        kinds = [k for k in kinds if k != "other"] or kinds
        if kinds:
            return kinds[0]
    # "the number of destroyed Russian artillery pieces — 976 —": the nearest
    # equipment word anywhere in the sentence.
    sentence = span.sent
    by_distance = sorted(sentence, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
    for token in by_distance:
        kinds = [k for k in lexicon.equipment_types_in(token.lower_) if k != "other"]
        if kinds:
            return kinds[0]
    return "other"


TALLY_LABEL = re.compile(r"^\s*[-•*]?\s*([^\d\n]{2,60}?)\s*[—–:-]+\s*(?:about|some|over|around|~)?\s*(?:\d[\d,.]*\s*\(?)?\s*$", re.IGNORECASE)


def _window_text(span: Span, width: int) -> str:
    sentence = span.sent
    return " ".join(t.lower_ for t in span.doc[max(sentence.start, span.start - 1) : min(sentence.end, span.end + width)])
