"""The word lists of ``configs/lexicon.toml``, loaded once and validated."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsclaims.errors import ConfigError
from newsclaims.records import CATEGORIES, EQUIPMENT_TYPES, GROUPS
from newsclaims.resources import DEFAULT_LEXICON_PATH


@dataclass(frozen=True)
class Lexicon:
    """Vocabulary for features and rules: each list is lower-case words or phrases.

    The lookup structures (side index, equipment index, gate and context
    regexes, context matcher) are built once here: the stages call them per
    token and per candidate.
    """

    category: dict[str, frozenset[str]]
    distractor: frozenset[str]
    equipment_type: dict[str, frozenset[str]]
    side: dict[str, frozenset[str]]
    group: dict[str, frozenset[str]]
    reporting_verbs: frozenset[str]
    carrier_nouns: frozenset[str]
    gate: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    place: dict[str, frozenset[str]] | None = None
    # Side words read only as written ("US", "IS"), by side name.
    side_exact: dict[str, frozenset[str]] = field(default_factory=dict)
    # The side stage's word lists ([side_rules]): lower-case words, except
    # ``owner_only`` and ``opponents``, which hold side names as written.
    side_rules: dict[str, frozenset[str]] = field(default_factory=dict)
    _side_index: dict[str, str] = field(init=False, repr=False, compare=False)
    _equipment_index: _PhraseIndex = field(init=False, repr=False, compare=False)
    _gate_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _context_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _context_matcher: _WordMatcher = field(init=False, repr=False, compare=False)
    _exact_index: dict[str, str] = field(init=False, repr=False, compare=False)
    _exact_lowered: frozenset[str] = field(init=False, repr=False, compare=False)
    _phrase_ends: frozenset[str] = field(init=False, repr=False, compare=False)
    _opponents: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for side, words in self.side.items():
            for word in sorted(words):
                index.setdefault(word, side)
        object.__setattr__(self, "_side_index", index)
        exact: dict[str, str] = {}
        for side, words in self.side_exact.items():
            for word in sorted(words):
                exact.setdefault(word, side)
        object.__setattr__(self, "_exact_index", exact)
        object.__setattr__(self, "_exact_lowered", frozenset(word.lower() for word in exact))
        ends = {re.split(r"[ -]", word)[-1] for word in index if " " in word or "-" in word}
        object.__setattr__(self, "_phrase_ends", frozenset(ends))
        opponents: dict[str, str] = {}
        for entry in sorted(self.side_rules.get("opponents", frozenset())):
            side, _, enemy = entry.partition("=")
            opponents.setdefault(side.strip(), enemy.strip())
        object.__setattr__(self, "_opponents", opponents)
        object.__setattr__(self, "_equipment_index", _PhraseIndex(self.equipment_type))
        object.__setattr__(self, "_gate_pattern", _alternation(self.gate, r"\b(?:{})"))
        object.__setattr__(self, "_context_pattern", _alternation(self.context, r"\b(?:{})\b"))
        object.__setattr__(self, "_context_matcher", _WordMatcher(self.context, self._context_pattern))

    def side_of_place(self, name: str) -> str | None:
        """The side a place belongs to ("Kharkiv" -> "Ukraine"), or None."""
        lowered = name.lower()
        for side, places in (self.place or {}).items():
            if lowered in places:
                return side
        return None

    def context_words_in(self, text: str) -> int:
        """How many distinct conflict-context words occur in ``text``."""
        return len(self.context_word_set(text))

    def context_word_set(self, text: str) -> set[str]:
        """The distinct conflict-context words in ``text`` (lower case): what
        ``_context_pattern.finditer`` matches, found faster (``_WordMatcher``)."""
        return self._context_matcher.words_in(text)

    @property
    def gate_pattern(self) -> re.Pattern[str]:
        """Loss vocabulary as one regex (word starts; matched case-insensitively)."""
        return self._gate_pattern

    def side_of(self, word: str) -> str | None:
        """The side a word names ("Russian" -> "Russia"), or None."""
        return self._side_index.get(word.lower())

    def side_of_exact(self, word: str) -> tuple[bool, str | None]:
        """Whether ``word`` is, in some casing, a side word read only as written
        ("us", "IS"), and the side it names as written here (None otherwise)."""
        side = self._exact_index.get(word)
        if side is not None:
            return True, side
        return word.lower() in self._exact_lowered, None

    def ends_side_phrase(self, word: str) -> bool:
        """Whether ``word`` (lower case) is the last word of a multi-word side entry
        ("forces" of "rapid support forces", "shabab" of "al-shabab")."""
        return word in self._phrase_ends

    def side_rule(self, name: str) -> frozenset[str]:
        """One word list of ``[side_rules]`` (empty when the lexicon has none)."""
        return self.side_rules.get(name, frozenset())

    def opponent_of(self, side: str | None) -> str | None:
        """The other party of a two-party conflict (``[side_rules] opponents``)."""
        return self._opponents.get(side) if side else None

    def equipment_types_in(self, phrase: str) -> list[str]:
        """Equipment types whose words occur in ``phrase`` (as whole space-separated
        words, or with a plural "s"), one entry per matching word, longest word first."""
        return self._equipment_index.kinds_in(phrase)


class _PhraseIndex:
    """Which listed words occur in a phrase, by dictionary lookups of its word n-grams.

    A word ``w`` of kind ``k`` matches when `` w `` occurs in the lower-cased
    phrase padded with spaces, or `` ws `` does (``w`` not ending in "s" or
    "-"). Such a match starts and ends at a space, so it is a run of the
    phrase's space-separated parts: looking up every run of up to the longest
    word's length finds exactly the words a substring scan of every word
    would, in a few lookups instead of one scan per listed word.
    """

    def __init__(self, words_by_kind: dict[str, frozenset[str]]) -> None:
        # One entry per (kind, word), numbered in the lexicon's order: ties in
        # length keep that order, as a scan of the lists would.
        self.entries: list[tuple[int, str]] = []
        self.forms: dict[str, list[int]] = {}
        for kind, words in words_by_kind.items():
            for word in sorted(words):
                number = len(self.entries)
                self.entries.append((len(word), kind))
                self.forms.setdefault(word, []).append(number)
                if not word.endswith(("s", "-")):
                    self.forms.setdefault(word + "s", []).append(number)
        self.longest = max((len(form.split(" ")) for form in self.forms), default=0)

    def kinds_in(self, phrase: str) -> list[str]:
        parts = phrase.lower().split(" ")
        found: set[int] = set()
        for start in range(len(parts)):
            for end in range(start + 1, min(len(parts), start + self.longest) + 1):
                numbers = self.forms.get(" ".join(parts[start:end]))
                if numbers:
                    found.update(numbers)
        hits = [self.entries[number] for number in sorted(found)]
        return [kind for _, kind in sorted(hits, key=lambda hit: -hit[0])]


WORD_RUN = re.compile(r"\w+")
PLAIN_ENTRY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class _WordMatcher:
    """The matches of ``\b(?:w1|w2|...)\b`` (case-insensitive) without trying
    every listed word at every position of the text.

    An entry is letters and digits, or such runs joined by "-", so a match
    can only start where a run of word characters starts (``\b``), and at an
    all-ASCII run only if the run, lower-cased, is a listed word or the first
    part of a hyphenated one. Most news text has no non-ASCII word and no
    such first part: then the matches are just the runs that are listed
    words. Otherwise the regex itself is tried at each run start that can
    match, skipping what a previous match covered, as ``finditer`` does.
    Lexicons with other entries (spaces, apostrophes) use the regex throughout.
    """

    def __init__(self, words: frozenset[str], pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.plain = all(PLAIN_ENTRY.fullmatch(word) for word in words)
        self.single = frozenset(word for word in words if "-" not in word)
        self.heads = frozenset(word.split("-")[0] for word in words if "-" in word)
        # Where a match can start at an all-ASCII run.
        self.starts = self.single | self.heads

    def words_in(self, text: str) -> set[str]:
        if not self.plain:
            return {match.group(0).lower() for match in self.pattern.finditer(text)}
        words = WORD_RUN.findall(text)
        if all(map(str.isascii, words)):
            lowered = set(map(str.lower, words))
            if not lowered & self.heads:
                return lowered & self.single
        found: set[str] = set()
        covered = 0
        for run in WORD_RUN.finditer(text):
            if run.start() < covered:
                continue
            word = run.group()
            if word.isascii() and word.lower() not in self.starts:
                continue
            match = self.pattern.match(text, run.start())
            if match is not None:
                found.add(match.group(0).lower())
                covered = match.end()
        return found


def _strings(table: dict[str, object], key: str, where: str) -> frozenset[str]:
    """Like ``_words``, keeping the case (side names, words read as written)."""
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"lexicon [{where}] {key}: expected a list of strings")
    return frozenset(value)


# Lists of [side_rules] that hold side names or words as written.
CASED_SIDE_RULES = ("owner_only", "opponents", "generic", "non_state")


def _alternation(words: frozenset[str], template: str) -> re.Pattern[str]:
    """One case-insensitive regex for a word list, longest words first."""
    body = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(template.format(body or "(?!)"), re.IGNORECASE)


def _words(table: dict[str, object], key: str, where: str) -> frozenset[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"lexicon [{where}] {key}: expected a list of strings")
    return frozenset(item.lower() for item in value)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DEFAULT_LEXICON_PATH) -> Lexicon:
    """Read and check the lexicon file (cached: it is read once per process).

    Raises:
        ConfigError: the file is missing, or a section or list is malformed.
    """
    if not path.is_file():
        raise ConfigError(f"lexicon file not found: {path}")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    category_table = data.get("category", {})
    category = {name: _words(category_table, name, "category") for name in CATEGORIES}
    equipment_table = data.get("equipment_type", {})
    equipment = {name: _words(equipment_table, name, "equipment_type") for name in EQUIPMENT_TYPES}
    group_table = data.get("group", {})
    # the contract's groups, and the group stage's other lists ("military_cues")
    group = {name: _words(group_table, name, "group") for name in (*GROUPS, *(k for k in group_table if k not in GROUPS))}
    side_table = data.get("side", {})
    side = {name: _words(side_table, name, "side") for name in side_table}
    exact_table = data.get("side_exact", {})
    side_exact = {name: _strings(exact_table, name, "side_exact") for name in exact_table}
    rules_table = data.get("side_rules", {})
    side_rules = {
        name: (_strings if name in CASED_SIDE_RULES else _words)(rules_table, name, "side_rules") for name in rules_table
    }
    attribution = data.get("attribution", {})
    return Lexicon(
        category=category,
        distractor=_words(category_table, "distractor", "category"),
        equipment_type=equipment,
        side=side,
        group=group,
        reporting_verbs=_words(attribution, "reporting_verbs", "attribution"),
        carrier_nouns=_words(attribution, "carrier_nouns", "attribution"),
        gate=_words(data.get("gate", {}), "words", "gate"),
        context=_words(data.get("context", {}), "words", "context"),
        place={name: _words(data.get("place", {}), name, "place") for name in data.get("place", {})},
        side_exact=side_exact,
        side_rules=side_rules,
    )
