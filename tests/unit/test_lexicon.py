"""The lexicon's lookups: equipment words in a phrase."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims.lexicon import load_lexicon

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


# -- conflict-context words: the fast matcher against the regex it stands for --------

CONTEXT_WORDS = sorted(LEXICON.context)
# A lexicon with the hard cases: entries that are prefixes of hyphenated ones,
# a three-part entry, digits.
TRICKY = frozenset({"front", "front-line", "front-line-unit", "line", "war", "t-72", "72", "anti-war"})
PIECES_TEXT = st.one_of(
    st.sampled_from(CONTEXT_WORDS + sorted(TRICKY)),
    st.sampled_from(CONTEXT_WORDS).map(str.upper),
    st.sampled_from(CONTEXT_WORDS).map(str.title),
    st.sampled_from(["-", "--", "_", "’s", "'s", "—", ".", "\n", " ", "2024", "Kyïv", "Київ", "\u212aremlin", "\u017fyria", "İdf"]),
    st.text(max_size=6),
)


def _regex_words(pattern, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {match.group(0).lower() for match in pattern.finditer(text)}


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES_TEXT, max_size=12), st.sampled_from(["", " ", "-", ", "]))
def test_lexicon_context_words_match_the_regex(pieces: list[str], joiner: str) -> None:
    from newsclaims.lexicon import _alternation, _WordMatcher

    text = joiner.join(pieces)
    assert LEXICON.context_word_set(text) == _regex_words(LEXICON._context_pattern, text)
    pattern = _alternation(TRICKY, r"\b(?:{})\b")
    assert _WordMatcher(TRICKY, pattern).words_in(text) == _regex_words(pattern, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops shelled the front-line town", {"russian", "troops", "shelled", "front-line"}),
        ("anti-war protests; warfare; the War's end", {"war"}),
        ("Kremlin_sources KREMLIN", {"kremlin"}),
        ("", set()),
    ],
)
def test_lexicon_context_word_examples(text: str, expected: set[str]) -> None:
    assert LEXICON.context_word_set(text) == expected
