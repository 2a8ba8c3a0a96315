"""Tests for newsclaims.evaluation.baseline: sentence filter, keyword categories and quantulum3 numbers.

quantulum3 takes seconds to import, so the text is run once (module fixture)
and the table rows check its claims.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsclaims.evaluation.baseline import _equipment_mentions, _personnel_category, _sentences, baseline_claims
from newsclaims.records import Claim

TEXT = (
    "Ukraine said 1,200 Russian soldiers were killed on Monday. "
    "Officials estimated 20,000 to 25,000 troops were killed or wounded.\n"
    "The army received 50 new recruits. "
    "Russia lost two helicopters and five drones, the ministry said. "
    "Losses rose 12% as 300 soldiers were wounded.\n"
    "Ukraine destroyed 4 fuel tanks and 3 armoured vehicles. "
    "Between 7,000 and 9,000 prisoners were captured."
)


@pytest.fixture(scope="module")
def claims() -> list[dict[str, Any]]:
    return baseline_claims("doc-1", TEXT)


@pytest.mark.parametrize(
    ("surface", "low", "high", "category", "equipment_type"),
    [
        ("1,200", 1200, 1200, "killed", None),
        ("20,000 to 25,000", 20000, 25000, "total", None),  # several personnel words -> total
        ("two", 2, 2, "equipment", "helicopter"),  # typed by the nearest keyword after it
        ("five", 5, 5, "equipment", "drone"),
        ("300", 300, 300, "wounded", None),
        ("4", 4, 4, "equipment", "vehicle"),  # "fuel tanks" are not tanks
        ("3", 3, 3, "equipment", "apc"),
        ("Between 7,000 and 9,000", 7000, 9000, "captured", None),  # sentence-initial range
    ],
)
def test_baseline_finds_claim(claims: list[dict[str, Any]], surface: str, low: float, high: float,
                              category: str, equipment_type: str | None) -> None:
    found = [c for c in claims if c["surface"] == surface]
    assert len(found) == 1, [c["surface"] for c in claims]
    claim = found[0]
    assert (claim["value"], claim["low"], claim["high"]) == (low, low, high)
    assert (claim["category"], claim["equipment_type"]) == (category, equipment_type)
    assert TEXT[claim["start"]:claim["end"]] == surface
    assert surface in claim["sentence"]


@pytest.mark.parametrize(
    "surface",
    [
        "50",  # no loss keyword in "The army received 50 new recruits."
        "12%",  # a percentage has a unit
        "12",
    ],
)
def test_baseline_skips_non_claims(claims: list[dict[str, Any]], surface: str) -> None:
    assert surface not in [c["surface"] for c in claims]


def test_baseline_emits_schema_fields(claims: list[dict[str, Any]]) -> None:
    schema = [f.name for f in dataclasses.fields(Claim) if f.name != "metadata"]
    assert len(claims) == 8
    for claim in claims:
        assert sorted(claim) == sorted(schema)
        assert claim["doc_id"] == "doc-1"
        assert (claim["side"], claim["source"], claim["rate"]) == (None, None, None)
        assert (claim["period_start"], claim["period_end"], claim["approx"]) == (None, None, "exact")
        assert claim["group"] == ("military" if claim["category"] == "equipment" else None)
    assert [c["start"] for c in claims] == sorted(c["start"] for c in claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two!  Three?", [(0, "One."), (5, "Two!"), (11, "Three?")]),
        ('He said "no." Then left.', [(0, 'He said "no."'), (14, "Then left.")]),
        ("Losses hit 1.1 million.\n\nNext", [(0, "Losses hit 1.1 million."), (25, "Next")]),
        ("no end", [(0, "no end")]),
        ("  \n ", []),
    ],
)
def test_baseline_sentence_split(text: str, expected: list[tuple[int, str]]) -> None:
    assert list(_sentences(text)) == expected


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        ("Russia lost 7 tanks.", ["tank"]),
        ("Russia lost 7 fuel tanks.", ["vehicle"]),
        ("Russia lost 3 armored personnel carriers and 2 trucks.", ["apc", "vehicle"]),
        ("Two anti-aircraft systems and a jet were hit.", ["air_defense", "aircraft"]),
        ("Unmanned aerial vehicles were downed.", ["drone"]),
        ("Some 40 soldiers were killed.", []),
        ("The think tank said so.", ["tank"]),  # a baseline does not know idioms
    ],
)
def test_baseline_equipment_keywords(sentence: str, types: list[str]) -> None:
    assert [t for _, _, t in _equipment_mentions(sentence)] == types


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("40 soldiers were killed.", "killed"),
        ("The death toll rose to 40.", "killed"),
        ("40 were injured.", "wounded"),
        ("40 POWs were held.", "captured"),
        ("40 are missing.", "missing"),
        ("40 were killed or wounded.", "total"),
        ("Losses reached 40.", "total"),
    ],
)
def test_baseline_personnel_category(sentence: str, category: str) -> None:
    assert _personnel_category(sentence) == category
