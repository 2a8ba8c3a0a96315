"""Pair predicted claims with gold claims, and compare the fields of a pair.

Pure functions over :class:`MatchItem` (one claim on either side, built by
:mod:`newsclaims.evaluation.gold`); nothing here reads files or counts scores.

How a prediction is matched to a gold claim (per document, one-to-one):

* the numbers must agree: the same ``value`` (relative tolerance 1e-6) or, when
  either side is a range, the same ``(low, high)``. A range and a single number
  never match: a prediction that reads "20,000 to 25,000" as 20,000 missed the
  range;
* among the pairs whose numbers agree, pairs that also agree on ``category``
  are taken first, then pairs with the same surface, then text order (the
  k-th "+6" in gold goes with the k-th "+6" predicted: gold claims are listed
  in text order and predictions are sorted by ``start``). The result does not
  depend on the order predictions arrive in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Numbers are floats parsed from text ("1.1 million"); 1e-6 relative absorbs
# float noise without letting two different counts match.
REL_TOLERANCE = 1e-6
# Per-field accuracy over matched pairs, in report order. "period" compares
# (period_start, period_end) together.
FIELDS: tuple[str, ...] = ("category", "equipment_type", "side", "source", "approx", "rate", "period", "group")
# Gold keys that list other acceptable values of a field (a gold claim may say
# "source: X, or Y or Z is also right"): field -> key.
ALTERNATIVE_KEYS: Mapping[str, str] = {"source": "source_alt"}


def close(a: float, b: float) -> bool:
    """Two parsed numbers are the same count (relative tolerance :data:`REL_TOLERANCE`)."""
    return math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=0.0)


@dataclass(slots=True)
class MatchItem:
    """A claim on either side of the match, with what matching and reporting need.

    ``index`` is the claim's position in text order within its document (gold:
    file order; predictions: sorted by offset), used to break ties.
    """

    index: int
    doc_id: str
    surface: str
    value: float
    low: float
    high: float
    category: str
    record: Mapping[str, Any]
    sentence: str | None
    start: int | None

    @property
    def is_range(self) -> bool:
        return not close(self.low, self.high)


def numbers_match(a: MatchItem, b: MatchItem) -> bool:
    """Same value, or, when either side is a range, the same ``(low, high)``."""
    if a.is_range or b.is_range:
        return close(a.low, b.low) and close(a.high, b.high)
    return close(a.value, b.value)


def surface_key(surface: str) -> str:
    """A surface with case and inner whitespace ignored (a tie-breaker, never a condition)."""
    return " ".join(surface.casefold().split())


def match(gold: Sequence[MatchItem], predicted: Sequence[MatchItem]) -> list[tuple[MatchItem, MatchItem]]:
    """One-to-one ``(gold, predicted)`` pairs with agreeing numbers, in gold order.

    Greedy over candidate pairs sorted by preference (same category, then same
    surface, then text order); ``index`` is each item's position in text order,
    so among equal numbers the earliest gold claim takes the earliest
    prediction. Because "numbers agree" partitions the claims into groups of
    equal numbers, and every gold claim in a group can pair with every
    prediction in it, greedy reaches the maximum number of pairs.
    """
    candidates = [
        ((g.category != p.category, surface_key(g.surface) != surface_key(p.surface), g.index, p.index), g, p)
        for g in gold for p in predicted if numbers_match(g, p)
    ]
    candidates.sort(key=lambda candidate: candidate[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[MatchItem, MatchItem]] = []
    for _, g, p in candidates:
        if g.index in used_gold or p.index in used_pred:
            continue
        used_gold.add(g.index)
        used_pred.add(p.index)
        pairs.append((g, p))
    pairs.sort(key=lambda pair: pair[0].index)
    return pairs


# --------------------------------------------------------------------------- field comparison

_LEADING_THE = re.compile(r"^the\s+")
# Punctuation stripped from either end of a source: quotes, brackets, commas, dots, dashes.
_EDGE_PUNCT = ".,;:!?\"'()[]{}-\u2013\u2014\u201c\u201d\u2018\u2019 \t\n"


def normalise_source(source: str | None) -> str | None:
    """The form of a source name reduced away, its substance kept.

    Case, curly vs straight apostrophes, a leading "the", surrounding
    whitespace/punctuation and inner runs of whitespace are ignored; every word
    of the name still counts, so "the General Staff" and "Ukraine's General
    Staff" stay different.
    """
    if source is None:
        return None
    text = source.replace("\u2019", "'").replace("\u2018", "'").casefold()
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = _LEADING_THE.sub("", text).strip(_EDGE_PUNCT)
    return text or None


def normalise_side(side: object) -> object:
    """Case and inner whitespace ignored; a non-string (``None``) is kept as it is."""
    return " ".join(side.casefold().split()) if isinstance(side, str) else side


def field_value(record: Mapping[str, Any], name: str) -> Any:
    """The value of one :data:`FIELDS` entry; ``period`` is ``(period_start, period_end)``."""
    if name == "period":
        return (record.get("period_start"), record.get("period_end"))
    return record.get(name)


def field_equal(name: str, gold: Any, predicted: Any) -> bool:
    """Whether a predicted field value equals the gold one (``source`` and ``side`` normalised)."""
    if name == "source":
        return normalise_source(gold) == normalise_source(predicted)
    if name == "side":
        return normalise_side(gold) == normalise_side(predicted)
    return bool(gold == predicted)


def field_correct(name: str, gold_record: Mapping[str, Any], predicted: Any) -> bool:
    """Whether ``predicted`` equals the gold value of ``name`` or one of its listed alternatives.

    A gold claim may list other acceptable values (``source_alt`` for
    ``source``, see :data:`ALTERNATIVE_KEYS`); without them this is
    :func:`field_equal` on the gold value.
    """
    if field_equal(name, field_value(gold_record, name), predicted):
        return True
    key = ALTERNATIVE_KEYS.get(name)
    alternatives = gold_record.get(key) if key is not None else None
    if not alternatives:
        return False
    return any(field_equal(name, alt, predicted) for alt in alternatives)
