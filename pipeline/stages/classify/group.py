"""``group`` of a claim: military, civilian or mixed, from the counted noun and its sentence."""

from __future__ import annotations

from spacy.tokens import Span

from newsclaims.lexicon import Lexicon
from newsclaims.spacy_ext.tree import number_head


def classify_group(span: Span, category: str, lexicon: Lexicon) -> str | None:
    """military / civilian / mixed from the counted noun and its sentence."""
    if category == "equipment":
        return "military"
    sentence_text = span.sent.text.lower()
    if any(phrase in sentence_text for phrase in lexicon.group["mixed"]):
        return "mixed"
    head = number_head(span)
    words = {head.lemma_.lower(), head.lower_} | {t.lower_ for t in head.children}
    if words & lexicon.group["civilian"] and not words & lexicon.group["military"]:
        return "civilian"
    if words & lexicon.group["military"]:
        return "military"
    sentence_words = {t.lower_ for t in span.sent} | {t.lemma_.lower() for t in span.sent}
    civilian = bool(sentence_words & {"civilian", "civilians", "child", "children"})
    military = bool(sentence_words & lexicon.group["military"])
    if civilian and military:
        return "mixed"
    if civilian:
        return "civilian"
    return "military"
