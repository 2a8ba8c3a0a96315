"""Helpers over spaCy's dependency tree shared by the stages (they read a
parse; none of them changes one)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token


def number_head(span: Span) -> Token:
    """The token the number modifies or hangs from ("38,940 troops" -> troops)."""
    token = span.root
    while token.dep_ in ("nummod", "quantmod", "compound", "nmod", "npadvmod") and token.head is not token:
        if token.head.i in range(span.start, span.end):
            token = token.head
            continue
        return token.head
    return token


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the dependency tree."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return current
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def attribution_tokens(span: Any, reporting_verbs: frozenset[str], carrier_nouns: frozenset[str]) -> set[int]:
    """Token indices of the sentence's attribution phrases (subjects of reporting verbs, 'according to X')."""
    excluded: set[int] = set()
    for token in span.sent:
        if token.lemma_.lower() in reporting_verbs and token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("nsubj", "agent") and not (child.left_edge.i <= span.start <= child.right_edge.i):
                    excluded.update(t.i for t in child.subtree)
        if token.dep_ in ("nsubj", "nsubjpass") and token.lemma_.lower() in carrier_nouns and not (
            token.left_edge.i <= span.start <= token.right_edge.i
        ):
            # "the Ukrainian figure was 340,650": the figure's owner reports, it does not lose.
            excluded.update(t.i for t in token.subtree)
        if token.lower_ == "according":
            excluded.update(t.i for t in token.subtree)
    return excluded
