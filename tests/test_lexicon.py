"""The lexicon's lookups: equipment words in a phrase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicon import load_lexicon

LEXICON = load_lexicon()
EQUIPMENT_WORDS = sorted({word for words in LEXICON.equipment_type.values() for word in words})


def scan_equipment_types(phrase: str) -> list[str]:
    """The plain definition: scan every listed word over the padded phrase."""
    lowered = f" {phrase.lower()} "
    hits: list[tuple[int, str]] = []
    for kind, words in LEXICON.equipment_type.items():
        for word in sorted(words):
            if f" {word} " in lowered or (not word.endswith(("s", "-")) and f" {word}s " in lowered):
                hits.append((len(word), kind))
    return [kind for _, kind in sorted(hits, key=lambda hit: -hit[0])]


@pytest.mark.parametrize(
    ("phrase", "expected_first"),
    [
        ("tanks", "tank"),
        ("Russian main battle tanks", "tank"),
        ("artillery systems", "artillery"),
        ("the soldiers", None),
        ("", None),
    ],
)
def test_lexicon_equipment_types_in_examples(phrase: str, expected_first: str | None) -> None:
    kinds = LEXICON.equipment_types_in(phrase)
    assert (kinds[0] if kinds else None) == expected_first
    assert kinds == scan_equipment_types(phrase)


PIECES = st.one_of(
    st.sampled_from(EQUIPMENT_WORDS),
    st.sampled_from(EQUIPMENT_WORDS).map(lambda word: word + "s"),
    st.sampled_from(EQUIPMENT_WORDS).map(str.upper),
    st.sampled_from(["the", "Russian", "destroyed", "of", "1,160", "-", "(+6)", "\n", ""]),
    st.text(alphabet="abcdeilnorstuvy- ", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8), st.sampled_from([" ", "  ", "-", ", "]))
def test_lexicon_equipment_index_matches_the_plain_scan(pieces: list[str], joiner: str) -> None:
    phrase = joiner.join(pieces)
    assert LEXICON.equipment_types_in(phrase) == scan_equipment_types(phrase)
