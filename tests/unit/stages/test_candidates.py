"""Candidates: counts only, placed in their sentence, with context features."""

from __future__ import annotations

from newsclaims.config import default_settings
from newsclaims.lexicon import load_lexicon
from newsclaims.records import CleanDocument
from newsclaims.stages.candidates import find_candidates
from newsclaims.stages.parse import parse_paragraphs, split_paragraphs

DEFAULTS = default_settings()


def _candidates(nlp, text: str, emit_vague: bool = False):  # type: ignore[no-untyped-def]
    clean = CleanDocument(id="t", text=text)
    [(_, paragraphs)] = list(parse_paragraphs(nlp, [(clean, split_paragraphs(text, 5000))], DEFAULTS.parse, 8))
    return find_candidates(clean, paragraphs, load_lexicon(), DEFAULTS.candidates.replace(emit_vague=emit_vague))


def test_candidates_keep_counts_not_years_percent_dates(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In 2023, about 90% of the 1,200 soldiers killed on June 1 were conscripts aged 25."
    surfaces = [c.quantity.surface for c in _candidates(nlp, text)]
    assert surfaces == ["1,200"]


def test_candidates_offsets_and_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Intro line without claims.\n\nThe army said it lost 40 tanks. Later, 12 more were hit."
    candidates = _candidates(nlp, text)
    assert [c.quantity.surface for c in candidates] == ["40", "12"]
    for candidate in candidates:
        q = candidate.quantity
        assert text[q.start : q.end] == q.surface
        assert text[candidate.sentence_start : candidate.sentence_start + len(candidate.sentence)] == candidate.sentence
    assert candidates[0].sentence == "The army said it lost 40 tanks."


def test_candidates_context_features(nlp) -> None:  # type: ignore[no-untyped-def]
    [candidate] = _candidates(nlp, "Russian forces lost 300 tanks in the battle.")
    features = candidate.features
    assert features["noun=tank"] == 1
    assert features["verb=lose"] == 1
    assert features["eq=tank"] == 1
    assert "lexwin=total" in features


def test_candidates_vague_amounts_are_optional(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Dozens of soldiers were killed."
    assert _candidates(nlp, text) == []
    assert [c.quantity.surface for c in _candidates(nlp, text, emit_vague=True)] == ["Dozens"]


def test_candidates_skip_fractions_and_model_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The army lost 3.5 tanks, 1.1 million troops, 20-25 drones and a 787-9 jet near the front."
    surfaces = [c.quantity.surface for c in _candidates(nlp, text)]
    assert "3.5" not in surfaces and "787-9" not in surfaces
    assert "1.1 million" in surfaces and "20-25" in surfaces
