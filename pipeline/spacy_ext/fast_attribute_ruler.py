"""A drop-in, output-identical replacement for spaCy's ``attribute_ruler``.

spaCy's ``AttributeRuler`` runs its patterns (179 in ``en_core_web_sm``,
almost all one token long: ``TAG`` / ``LOWER`` / ``DEP`` / ``IS_SPACE``
tests) through the general ``Matcher`` state machine, which costs tens of
microseconds per token. Those patterns need no state machine: a token either
satisfies a set of equality / set-membership / regex tests or it does not.
``FastAttributeRuler`` answers them with dictionary lookups instead:

* every token pattern is compiled into checks on columns of
  ``Doc.to_array`` (the same ``get_token_attr`` values the ``Matcher`` reads);
* each pattern is indexed by its most selective check (its anchor), so a
  token only verifies the few patterns whose anchor value it carries;
* the outcome of the one-token patterns depends only on the token's own
  column values, and only on whether each value is one a pattern names (or
  which regexes it satisfies), so the outcome is memoised on that
  equivalence class: after warm-up a token costs a few dict lookups;
* the attributes of every rule that hits a token are merged once per
  distinct rule combination and written with spaCy's own ``set_token_attrs``.

Semantics copied from ``spacy/pipeline/attributeruler.py`` (3.8):
all matches are found on the document *before* anything is written; matches
are applied sorted by (rule number, start, end), so a later rule overrides an
earlier one for the same attribute; a multi-token rule writes the token at its
``index`` (negative counts from the end); ``MORPH`` values are normalised
through ``vocab.morphology`` when the rule is added; the matcher runs with
``allow_missing=True`` (no annotation checks). Rules that write lexeme-level
attributes (``LOWER``, flags, ...) or extension attributes ``_`` touch state
shared between tokens, so for those the exact global order is replayed
instead of the per-token merge.

Only pattern features whose meaning is certain are accepted; anything else
(quantifiers, ``MORPH``/``SENT_START``/``HEAD``/``ENT_IOB`` tests, comparison
or fuzzy predicates, extension attributes) raises ``UnsupportedPatternError``
when the rule is added, so a future model cannot silently diverge.
"""


import copy
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import srsly
from spacy import util
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.pipeline.pipe import Pipe
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.util import SimpleFrozenList
from spacy.vocab import Vocab

FACTORY_NAME = "newsclaims_fast_attribute_ruler"

# Token attributes a pattern may test. For all of them ``Doc.to_array`` and the
# Matcher read the same value (``get_token_attr``); SENT_START differs (the
# Matcher turns it into a bool), MORPH set predicates normalise through the
# morphology table, ENT_IOB maps strings to indices, HEAD is a relative offset:
# those are refused rather than approximated.
_FLAG_ATTRS = frozenset(value for name, value in IDS.items() if 0 < value < 64)
_STRING_ATTRS = frozenset(
    IDS[name]
    for name in (
        "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX",
        "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "ENT_ID", "ENT_KB_ID",
    )
)
_NUMBER_ATTRS = frozenset((IDS["LENGTH"], IDS["SPACY"]))
_SUPPORTED_ATTRS = _FLAG_ATTRS | _STRING_ATTRS | _NUMBER_ATTRS
# Written attributes that ``set_token_attrs`` also stores on the shared
# lexeme: their effect depends on the global order of application.
_LEXEME_ATTRS = _FLAG_ATTRS | frozenset(IDS[name] for name in ("ID", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LANG"))
# Class of a column value that no pattern names and no regex needs.
_OTHER = -1
# Caches are bounded so a long stream cannot grow them without limit; past the
# bound, results are computed but not stored (still exact, just slower).
_MEMO_LIMIT = 100_000


class UnsupportedPatternError(ValueError):
    """A rule uses a Matcher feature this ruler does not replicate exactly."""


@dataclass(frozen=True, slots=True)
class _Check:
    """One test of attribute ``attr``, read from column ``column`` of a
    token's ``to_array`` row."""

    attr: int
    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    value: Any  # int, frozenset[int] or re.Pattern[str]

    def holds(self, row: Sequence[int], strings: Any) -> bool:
        found = row[self.column]
        if self.kind == "eq":
            return bool(found == self.value)
        if self.kind == "in":
            return found in self.value
        if self.kind == "not_in":
            return found not in self.value
        # The Matcher searches the attribute's string (re.search, not match).
        return self.value.search(strings[found]) is not None


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One Matcher pattern of rule ``rule``: a check list per token, and the
    position (non-negative) of the token that the rule writes."""

    rule: int
    tokens: tuple[tuple[_Check, ...], ...]
    target: int

    def matches_at(self, rows: Sequence[Sequence[int]], start: int, strings: Any) -> bool:
        if start < 0 or start + len(self.tokens) > len(rows):
            return False
        return all(
            check.holds(rows[start + offset], strings)
            for offset, checks in enumerate(self.tokens)
            for check in checks
        )


class _ColumnClasses(dict[int, int | tuple[bool, ...]]):
    """Maps a column value to its equivalence class for the one-token patterns.

    Values some pattern names map to themselves (pre-filled); any other value
    maps to ``_OTHER``, or, when regexes test the column, to the tuple of
    regex outcomes (computed once per value): two values of the same class
    pass exactly the same checks.
    """

    __slots__ = ("regexes", "strings")

    def __init__(self, known: Iterable[int], regexes: Sequence[re.Pattern[str]], strings: Any) -> None:
        super().__init__((value, value) for value in known)
        self.regexes = tuple(regexes)
        self.strings = strings

    def __missing__(self, value: int) -> int | tuple[bool, ...]:
        if not self.regexes:
            return _OTHER
        text = self.strings[value]
        outcome = tuple(regex.search(text) is not None for regex in self.regexes)
        if len(self) < _MEMO_LIMIT:
            self[value] = outcome
        return outcome


def _attr_id(key: str | int) -> int:
    """The attribute ID of a pattern key, as the Matcher reads it."""
    if isinstance(key, int):
        attr = key
    else:
        name = key.upper()
        name = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(name, name)
        if name not in IDS:
            raise UnsupportedPatternError(f"unknown token attribute {key!r} in an attribute_ruler pattern")
        attr = IDS[name]
    if attr not in _SUPPORTED_ATTRS:
        raise UnsupportedPatternError(
            f"attribute {key!r} is not supported by {FACTORY_NAME} (supported: flags IS_*/LIKE_*, "
            "ORTH/TEXT, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_ID, "
            "ENT_KB_ID, LENGTH, SPACY); use spaCy's attribute_ruler for this model"
        )
    return attr


class FastAttributeRuler(Pipe):
    """Sets token attributes for tokens matched by attribute-ruler rules,
    exactly as ``spacy.pipeline.AttributeRuler`` does, without the Matcher."""

    def __init__(
        self,
        vocab: Vocab,
        name: str = "attribute_ruler",
        *,
        scorer: Callable[..., dict[str, Any]] | None = attribute_ruler_score,
    ) -> None:
        self.name = name
        self.vocab = vocab
        self.scorer = scorer
        self.clear()

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler, name: str | None = None) -> "FastAttributeRuler":
        """A fast ruler with the same rules, in the same order, as ``ruler``."""
        fast = cls(ruler.vocab, name or ruler.name, scorer=ruler.scorer)
        fast.add_patterns(ruler.patterns)
        return fast

    # -- rules ---------------------------------------------------------------

    def clear(self) -> None:
        """Remove every rule."""
        self._raw_patterns: list[list[list[dict[Any, Any]]]] = []
        self._attrs_unnormed: list[dict[Any, Any]] = []
        self._attrs: list[dict[Any, Any]] = []
        self._indices: list[int] = []
        self._compile()

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Reset and load ``patterns`` (the ``[initialize.components]`` hook)."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    def add(self, patterns: list[list[dict[Any, Any]]], attrs: dict[Any, Any], index: int = 0) -> None:
        """Add one rule: Matcher ``patterns`` whose token at ``index`` gets ``attrs``."""
        self._add(patterns, attrs, index)
        self._compile()

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add rules given as dicts with keys ``patterns``, ``attrs`` and ``index``."""
        for rule in patterns:
            self._add(rule["patterns"], rule["attrs"], rule.get("index", 0))
        self._compile()

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The rules, in the format of ``AttributeRuler.patterns``."""
        return [
            {"patterns": copy.deepcopy(raw), "attrs": copy.deepcopy(attrs), "index": index}
            for raw, attrs, index in zip(self._raw_patterns, self._attrs_unnormed, self._indices, strict=True)
        ]

    def _add(self, patterns: object, attrs: dict[Any, Any], index: int) -> None:
        if not isinstance(patterns, list) or not patterns:
            raise UnsupportedPatternError(f"a rule needs a non-empty list of patterns, got {patterns!r}")
        for pattern in patterns:
            if not isinstance(pattern, list) or not pattern:
                raise UnsupportedPatternError(f"a pattern must be a non-empty list of token dicts, got {pattern!r}")
            # A pattern without quantifiers always matches exactly len(pattern)
            # tokens, so a bad index is certain to fail: say so now, rather
            # than at the first match as spaCy does (E1001).
            if not -len(pattern) <= index < len(pattern):
                raise UnsupportedPatternError(f"index {index} is outside the pattern {pattern!r}")
        # Validate the whole rule before storing anything.
        for pattern in patterns:
            for spec in pattern:
                self._compile_token(spec)
        normalized = normalize_token_attrs(self.vocab, attrs)
        self._raw_patterns.append(copy.deepcopy(patterns))
        self._attrs_unnormed.append(copy.deepcopy(attrs))
        self._attrs.append(normalized)
        self._indices.append(index)

    # -- compilation ---------------------------------------------------------

    def _compile_token(self, spec: Any) -> tuple[_Check, ...]:
        """The checks of one token dict (columns are assigned later by ``_compile``)."""
        if not isinstance(spec, dict):
            raise UnsupportedPatternError(f"a pattern token must be a dict, got {spec!r}")
        checks: list[_Check] = []
        for key, value in spec.items():
            if isinstance(key, str) and key.upper() == "OP":
                if value != "1":
                    raise UnsupportedPatternError(f"quantifier OP={value!r} is not supported in {spec!r}")
                continue
            if key == "_":
                raise UnsupportedPatternError(f"extension attribute tests are not supported in {spec!r}")
            attr = _attr_id(key)
            if isinstance(value, dict):
                checks.extend(self._compile_predicates(key, attr, value))
            elif isinstance(value, str):
                # Same conversion as Matcher._get_attr_values.
                checks.append(_Check(attr, -1, "eq", self.vocab.strings.add(value)))
            elif isinstance(value, (bool, int)):
                checks.append(_Check(attr, -1, "eq", int(value)))
            else:
                raise UnsupportedPatternError(f"value {value!r} of {key!r} is not a string, int, bool or dict")
        return tuple(checks)

    def _compile_predicates(self, key: Any, attr: int, predicates: dict[Any, Any]) -> list[_Check]:
        checks: list[_Check] = []
        for predicate, argument in predicates.items():
            kind = str(predicate).upper()
            if kind in ("IN", "NOT_IN") and isinstance(argument, (list, tuple, set, frozenset)):
                # Same conversion as the Matcher's _SetPredicate.
                values = frozenset(get_string_id(item) for item in argument)
                checks.append(_Check(attr, -1, kind.lower(), values))
            elif kind == "REGEX" and isinstance(argument, str) and attr in _STRING_ATTRS:
                checks.append(_Check(attr, -1, "regex", re.compile(argument)))
            else:
                raise UnsupportedPatternError(
                    f"predicate {predicate!r}: {argument!r} on {key!r} is not supported "
                    "(supported: IN / NOT_IN with a list, REGEX with a string on a string attribute)"
                )
        return checks

    def _compile(self) -> None:
        """Build the column list, anchor indexes and memo tables from the rules.

        Columns used by one-token patterns come first so that a row's prefix
        is the memo key's source.
        """
        single: list[_Pattern] = []
        multi: list[_Pattern] = []
        for rule, (patterns, index) in enumerate(zip(self._raw_patterns, self._indices, strict=True)):
            for pattern in patterns:
                tokens = tuple(self._compile_token(spec) for spec in pattern)
                compiled = _Pattern(rule, tokens, index % len(pattern))
                (single if len(tokens) == 1 else multi).append(compiled)
        single_attrs = _tested_attrs(single)
        order = single_attrs + [attr for attr in _tested_attrs(multi) if attr not in single_attrs]
        n_single = len(single_attrs)
        column_of = {attr: column for column, attr in enumerate(order)}
        single = [_with_columns(pattern, column_of) for pattern in single]
        multi = [_with_columns(pattern, column_of) for pattern in multi]
        self._columns = order
        self._single_index, self._single_unanchored = _anchor_index(single)
        self._multi_index, self._multi_unanchored = _anchor_index(multi)
        self._classes = [
            _ColumnClasses(
                known=_named_values(single, column),
                regexes=[c.value for p in single for c in p.tokens[0] if c.column == column and c.kind == "regex"],
                strings=self.vocab.strings,
            )
            for column in range(n_single)
        ]
        self._memo: dict[tuple[Any, ...], tuple[tuple[int, ...], dict[Any, Any] | None]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any] | None] = {(): None}
        # Per-token merging is exact only when every write is a token field.
        self._merge_safe = all("_" not in attrs and not (_LEXEME_ATTRS & attrs.keys()) for attrs in self._attrs)

    # -- matching ------------------------------------------------------------

    def _rows(self, doc: Doc) -> list[list[int]]:
        """Each token's values of the tested attributes (read before any write)."""
        if not self._columns:
            return [[] for _ in range(len(doc))]
        # spaCy's stub asks for list[int | str] (invariant); a list of attribute IDs is what it reads.
        values = doc.to_array(self._columns).tolist()  # type: ignore[arg-type]
        return values if len(self._columns) > 1 else [[value] for value in values]

    def _single_entries(self, rows: list[list[int]]) -> list[tuple[tuple[int, ...], dict[Any, Any] | None]]:
        """Per token: the rules its one-token patterns hit, and their merged attrs."""
        memo = self._memo
        classes = self._classes
        entries = []
        for row in rows:
            key = tuple(map(_ColumnClasses.__getitem__, classes, row))
            entry = memo.get(key)
            if entry is None:
                rules = self._single_rules(row)
                entry = (rules, self._merge(rules))
                if len(memo) < _MEMO_LIMIT:
                    memo[key] = entry
            entries.append(entry)
        return entries

    def _single_rules(self, row: list[int]) -> tuple[int, ...]:
        strings = self.vocab.strings
        rows = (row,)
        hits = {
            pattern.rule
            for pattern in _candidates(self._single_index, self._single_unanchored, row)
            if pattern.matches_at(rows, 0, strings)
        }
        return tuple(sorted(hits))

    def _multi_matches(self, rows: list[list[int]]) -> set[tuple[int, int, int, int]]:
        """(rule, start, end, target) of every multi-token pattern match."""
        found: set[tuple[int, int, int, int]] = set()
        strings = self.vocab.strings
        candidates: list[tuple[_Pattern, int]] = []  # (pattern, start)
        for column, buckets in self._multi_index.items():
            values = [row[column] for row in rows]
            # Most documents carry no anchor value at all: one set
            # intersection answers that without a per-token lookup.
            if buckets.keys().isdisjoint(values):
                continue
            for position, value in enumerate(values):
                for pattern, anchor in buckets.get(value, ()):
                    candidates.append((pattern, position - anchor))
        for pattern, _ in self._multi_unanchored:
            candidates.extend((pattern, start) for start in range(len(rows)))
        for pattern, start in candidates:
            if pattern.matches_at(rows, start, strings):
                found.add((pattern.rule, start, start + len(pattern.tokens), start + pattern.target))
        return found

    def _merge(self, rules: tuple[int, ...]) -> dict[Any, Any] | None:
        merged = self._merged.get(rules)
        if merged is None and rules:
            merged = {}
            for rule in rules:  # ascending: a later rule overrides
                merged.update(self._attrs[rule])
            if len(self._merged) < _MEMO_LIMIT:
                self._merged[rules] = merged
        return merged

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """All matches as sorted ``(rule, start, end)``: the order of application."""
        return [match[:3] for match in self._all_matches(self._rows(doc))]

    def _all_matches(self, rows: list[list[int]]) -> list[tuple[int, int, int, int]]:
        matches = self._multi_matches(rows)
        for position, (rules, _) in enumerate(self._single_entries(rows)):
            matches.update((rule, position, position + 1, position) for rule in rules)
        # spaCy sorts (rule, match_id, start, end); match_id follows the rule.
        return sorted(matches)

    # -- the component -------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on the doc, as ``AttributeRuler.__call__``."""
        error_handler = self.get_error_handler()
        try:
            self._annotate(doc)
            return doc
        except Exception as exc:  # noqa: BLE001 - routed like spaCy's own pipes
            return error_handler(self.name, self, [doc], exc)

    def _annotate(self, doc: Doc) -> None:
        """Match every rule on the unmodified doc, then write the attributes."""
        if len(doc) == 0:
            return
        rows = self._rows(doc)
        if not self._merge_safe:
            for rule, _start, _end, target in self._all_matches(rows):
                set_token_attrs(doc[target], self._attrs[rule])
            return
        entries = self._single_entries(rows)
        multi = self._multi_matches(rows)
        if multi:
            extra: dict[int, set[int]] = {}
            for rule, _start, _end, target in multi:
                extra.setdefault(target, set()).add(rule)
            for target, rules in extra.items():
                combined = tuple(sorted(rules.union(entries[target][0])))
                entries[target] = (combined, self._merge(combined))
        for token, (_, merged) in zip(doc, entries, strict=True):
            if merged is not None:
                set_token_attrs(token, merged)

    # -- serialisation (the rules only; the vocab is the pipeline's) ----------

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        return util.to_bytes({"patterns": lambda: srsly.msgpack_dumps(self.patterns)}, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> "FastAttributeRuler":
        self.clear()
        util.from_bytes(bytes_data, {"patterns": lambda b: self.add_patterns(srsly.msgpack_loads(b))}, exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        util.to_disk(path, {"patterns": lambda p: srsly.write_msgpack(p, self.patterns)}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> "FastAttributeRuler":
        self.clear()
        util.from_disk(path, {"patterns": lambda p: self.add_patterns(srsly.read_msgpack(p))}, exclude)
        return self


def _tested_attrs(patterns: list[_Pattern]) -> list[int]:
    """The attributes the patterns test, in first-seen order."""
    seen = dict.fromkeys(check.attr for pattern in patterns for checks in pattern.tokens for check in checks)
    return list(seen)


def _with_columns(pattern: _Pattern, column_of: dict[int, int]) -> _Pattern:
    tokens = tuple(
        tuple(_Check(check.attr, column_of[check.attr], check.kind, check.value) for check in checks)
        for checks in pattern.tokens
    )
    return _Pattern(pattern.rule, tokens, pattern.target)


def _anchor_score(check: _Check) -> tuple[int, int] | None:
    """Lower is more selective; None when the check cannot serve as an index key
    (NOT_IN and REGEX name no value to look up)."""
    # A flag has two values, so a test on it splits the tokens roughly in two.
    flag = check.attr in _FLAG_ATTRS
    if check.kind == "eq":
        return (2, 0) if flag else (0, 0)
    if check.kind == "in":
        return (3 if flag else 1, len(check.value))
    return None


def _anchor_index(
    patterns: list[_Pattern],
) -> tuple[dict[int, dict[int, list[tuple[_Pattern, int]]]], list[tuple[_Pattern, int]]]:
    """Index every pattern under the value(s) of its most selective check:
    column -> value -> [(pattern, position of the anchored token)]."""
    index: dict[int, dict[int, list[tuple[_Pattern, int]]]] = {}
    unanchored: list[tuple[_Pattern, int]] = []
    for pattern in patterns:
        best: tuple[tuple[int, int], int, _Check] | None = None
        for position, checks in enumerate(pattern.tokens):
            for check in checks:
                score = _anchor_score(check)
                if score is not None and (best is None or score < best[0]):
                    best = (score, position, check)
        if best is None:
            unanchored.append((pattern, 0))
            continue
        _, position, check = best
        values = (check.value,) if check.kind == "eq" else check.value
        buckets = index.setdefault(check.column, {})
        for value in values:
            buckets.setdefault(value, []).append((pattern, position))
    return index, unanchored


def _anchored(
    index: dict[int, dict[int, list[tuple[_Pattern, int]]]],
    unanchored: list[tuple[_Pattern, int]],
    row: Sequence[int],
) -> Iterable[tuple[_Pattern, int]]:
    """(pattern, anchor position) pairs whose anchor value this row carries;
    unanchored patterns are tried with every row as their first token."""
    for column, buckets in index.items():
        yield from buckets.get(row[column], ())
    yield from unanchored


def _candidates(
    index: dict[int, dict[int, list[tuple[_Pattern, int]]]],
    unanchored: list[tuple[_Pattern, int]],
    row: Sequence[int],
) -> Iterable[_Pattern]:
    return (pattern for pattern, _ in _anchored(index, unanchored, row))


def _named_values(patterns: list[_Pattern], column: int) -> set[int]:
    """Every value of ``column`` that an eq / IN / NOT_IN check names."""
    named: set[int] = set()
    for pattern in patterns:
        for check in pattern.tokens[0]:
            if check.column != column:
                continue
            if check.kind == "eq":
                named.add(check.value)
            elif check.kind in ("in", "not_in"):
                named.update(check.value)
    return named


@Language.factory(
    FACTORY_NAME,
    default_config={"scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, scorer: Callable[..., Any] | None) -> FastAttributeRuler:
    """spaCy factory: an empty ruler; rules come from ``add_patterns``,
    ``initialize(patterns=...)`` or ``from_disk``."""
    return FastAttributeRuler(nlp.vocab, name, scorer=scorer)


def use_fast_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace ``nlp``'s attribute ruler ``name`` in place (same name, same
    position, same rules) by a ``FastAttributeRuler``. A no-op when it is
    already one."""
    current = nlp.get_pipe(name)
    if isinstance(current, FastAttributeRuler):
        return
    if not isinstance(current, AttributeRuler):
        raise TypeError(f"pipe {name!r} is a {type(current).__name__}, not spaCy's AttributeRuler")
    patterns = current.patterns
    # Compile before touching the pipeline: an unsupported rule leaves nlp unchanged.
    FastAttributeRuler(nlp.vocab, name).add_patterns(patterns)
    replacement = cast(FastAttributeRuler, nlp.replace_pipe(name, FACTORY_NAME))
    replacement.add_patterns(patterns)
