"""Test helper: a number of an invented sentence as the stages see it (its
candidate and its span in the parse)."""

from __future__ import annotations

from typing import Any

from newsclaims.config import default_settings
from newsclaims.lexicon import load_lexicon
from newsclaims.records import Candidate, CleanDocument
from newsclaims.stages.candidates import find_candidates
from newsclaims.stages.parse import parse_paragraphs, split_paragraphs

LEXICON = load_lexicon()
DEFAULTS = default_settings()


def candidate_span(nlp: Any, text: str, surface: str) -> tuple[Candidate, Any]:
    """The candidate whose number reads ``surface`` in ``text``, and its span."""
    clean = CleanDocument(id="t", text=text)
    [(_, paragraphs)] = list(parse_paragraphs(nlp, [(clean, split_paragraphs(text, 5000))], DEFAULTS.parse, 8))
    for candidate in find_candidates(clean, paragraphs, LEXICON, DEFAULTS.candidates):
        if candidate.quantity.surface == surface:
            doc = paragraphs[candidate.paragraph_index].doc
            assert doc is not None
            return candidate, doc[candidate.token_start : candidate.token_end]
    raise AssertionError(surface)
