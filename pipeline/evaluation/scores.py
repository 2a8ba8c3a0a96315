"""Score predicted loss claims against gold labels.

Pure scoring over plain dicts: predictions are the claim objects of
``CLAIM_SCHEMA.md`` (one per line of ``claims.jsonl``), gold is a labeled JSONL
file (``corpus/gold.jsonl`` or a labeled set with ``text``). Nothing here runs
the pipeline, so the same scorer grades the pipeline, the keyword baseline and
one annotator against another.

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

Detection counts (tp/fp/fn) ignore the category; a category disagreement shows
up in the category accuracy and the confusion matrix instead, so a number that
was found but mislabeled is not counted twice. All counts are additive
(``PRFScore`` and ``EvalReport`` support ``+=``), so per-document or
per-partition reports sum to the report of the union.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, get_args

from newsclaims.records import CATEGORIES, EQUIPMENT_TYPES, GROUPS, NOT_A_CLAIM, RATES, Approx

APPROX_VALUES: tuple[str, ...] = get_args(Approx)
# Numbers are floats parsed from text ("1.1 million"); 1e-6 relative absorbs
# float noise without letting two different counts match.
REL_TOLERANCE = 1e-6
# The fields every gold claim must carry (labeling conventions, CLAIM).
GOLD_CLAIM_KEYS: tuple[str, ...] = (
    "surface", "value", "low", "high", "approx", "category", "equipment_type", "side",
    "group", "source", "rate", "period_start", "period_end",
)
# Keys a gold claim may carry besides GOLD_CLAIM_KEYS: the labeler's note and the
# output-only fields of CLAIM_SCHEMA (so a corrected claims file can be gold).
_GOLD_EXTRA_KEYS = frozenset({"note", "doc_id", "sentence", "start", "end", "confidence", "metadata"})
# Per-field accuracy over matched pairs, in report order. "period" compares
# (period_start, period_end) together.
FIELDS: tuple[str, ...] = ("category", "equipment_type", "side", "source", "approx", "rate", "period", "group")


class EvaluationInputError(ValueError):
    """A gold or predictions file (or record) is malformed; the message says where and why."""


# --------------------------------------------------------------------------- scores


@dataclass(slots=True)
class PRFScore:
    """Additive detection counts, like spaCy's ``scorer.PRFScore``.

    Precision, recall and F1 are 0.0 when their denominator is 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: PRFScore) -> PRFScore:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def __add__(self, other: PRFScore) -> PRFScore:
        return PRFScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fscore(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.fscore}


@dataclass(slots=True)
class Accuracy:
    """Additive right/total counts for one field over matched pairs."""

    correct: int = 0
    total: int = 0

    def __iadd__(self, other: Accuracy) -> Accuracy:
        self.correct += other.correct
        self.total += other.total
        return self

    @property
    def accuracy(self) -> float | None:
        """``None`` when no pair was compared: "no evidence" is not 0% or 100%."""
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "n": self.total, "accuracy": self.accuracy}


@dataclass(slots=True, frozen=True)
class ClaimRef:
    """A claim named in a report (a miss or a false positive), enough to find it again."""

    doc_id: str
    surface: str
    value: float
    low: float
    high: float
    category: str
    sentence: str | None = None
    start: int | None = None


@dataclass(slots=True, frozen=True)
class FieldMismatch:
    """A matched pair that disagrees on one field."""

    doc_id: str
    surface: str
    field: str
    gold: Any
    predicted: Any


@dataclass(slots=True)
class EvalReport:
    """Everything the scorer measured; additive with ``+=`` over disjoint document sets.

    Attributes:
        detection: number matches regardless of category.
        typed: matches that also agree on category (a miscategorised match is
            one fp and one fn here).
        per_category: ``typed`` split by category (tp and fn by the gold
            category, fp by the predicted one).
        fields: per-field accuracy over matched pairs; ``equipment_type`` only
            over pairs where gold or prediction is ``equipment``.
        confusion: ``(gold, predicted) -> count``, with ``"none"`` for misses
            (gold, "none") and false positives ("none", predicted).
        ignored_predictions / ignored_docs: predictions for documents absent
            from gold, which are not scored.
    """

    detection: PRFScore = field(default_factory=PRFScore)
    typed: PRFScore = field(default_factory=PRFScore)
    per_category: dict[str, PRFScore] = field(default_factory=dict)
    fields: dict[str, Accuracy] = field(default_factory=lambda: {name: Accuracy() for name in FIELDS})
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    misses: list[ClaimRef] = field(default_factory=list)
    false_positives: list[ClaimRef] = field(default_factory=list)
    mismatches: list[FieldMismatch] = field(default_factory=list)
    gold_docs: int = 0
    docs_with_predictions: int = 0
    ignored_predictions: int = 0
    ignored_docs: list[str] = field(default_factory=list)

    def __iadd__(self, other: EvalReport) -> EvalReport:
        self.detection += other.detection
        self.typed += other.typed
        for name, score in other.per_category.items():
            self.per_category.setdefault(name, PRFScore())
            self.per_category[name] += score
        for name, acc in other.fields.items():
            self.fields.setdefault(name, Accuracy())
            self.fields[name] += acc
        for key, count in other.confusion.items():
            self.confusion[key] = self.confusion.get(key, 0) + count
        self.misses.extend(other.misses)
        self.false_positives.extend(other.false_positives)
        self.mismatches.extend(other.mismatches)
        self.gold_docs += other.gold_docs
        self.docs_with_predictions += other.docs_with_predictions
        self.ignored_predictions += other.ignored_predictions
        self.ignored_docs = sorted(set(self.ignored_docs) | set(other.ignored_docs))
        return self

    def confusion_labels(self) -> list[str]:
        """Row/column labels: the schema categories, any others seen, then ``none``."""
        seen = {label for pair in self.confusion for label in pair} - {NOT_A_CLAIM}
        extra = sorted(seen - set(CATEGORIES))
        return [*CATEGORIES, *extra, NOT_A_CLAIM]

    def confusion_matrix(self) -> dict[str, dict[str, int]]:
        """The confusion counts as ``{gold: {predicted: n}}`` with every cell filled."""
        labels = self.confusion_labels()
        return {g: {p: self.confusion.get((g, p), 0) for p in labels} for g in labels}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable view (for ``--json``)."""
        return {
            "documents": {"gold": self.gold_docs, "with_predictions": self.docs_with_predictions,
                          "ignored_predictions": self.ignored_predictions,
                          "ignored_docs": list(self.ignored_docs)},
            "detection": self.detection.to_dict(),
            "typed": self.typed.to_dict(),
            "per_category": {name: self.per_category[name].to_dict() for name in _ordered(self.per_category)},
            "fields": {name: acc.to_dict() for name, acc in self.fields.items()},
            "confusion": {"labels": self.confusion_labels(), "matrix": self.confusion_matrix()},
            "misses": [asdict(ref) for ref in self.misses],
            "false_positives": [asdict(ref) for ref in self.false_positives],
            "mismatches": [asdict(m) for m in self.mismatches],
        }


def _ordered(names: Iterable[str]) -> list[str]:
    """Schema categories first in schema order, then anything else sorted."""
    names = set(names)
    return [c for c in CATEGORIES if c in names] + sorted(names - set(CATEGORIES))


# --------------------------------------------------------------------------- gold


@dataclass(slots=True, frozen=True)
class GoldDocument:
    """One labeled document: its claims in text order and, when labeled with it, its text."""

    id: str
    published: dt.date | None
    claims: tuple[dict[str, Any], ...]
    text: str | None = None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_date(value: Any, where: str, name: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise EvaluationInputError(f"{where}: {name} must be an ISO date string or null, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EvaluationInputError(f"{where}: {name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_choice(claim: Mapping[str, Any], key: str, allowed: Iterable[str], where: str, nullable: bool) -> None:
    value = claim[key]
    if value is None and nullable:
        return
    allowed = tuple(allowed)
    if value not in allowed:
        raise EvaluationInputError(f"{where}: {key} {value!r} is not one of {', '.join(allowed)}"
                                   + (" or null" if nullable else ""))


def _check_gold_claim(claim: Any, where: str) -> dict[str, Any]:
    """Validate one gold claim against the labeling conventions and return a plain copy."""
    if not isinstance(claim, Mapping):
        raise EvaluationInputError(f"{where}: a claim must be a JSON object, got {type(claim).__name__}")
    missing = [key for key in GOLD_CLAIM_KEYS if key not in claim]
    if missing:
        raise EvaluationInputError(f"{where}: claim lacks key(s) {', '.join(missing)}")
    unknown = sorted(set(claim) - set(GOLD_CLAIM_KEYS) - _GOLD_EXTRA_KEYS)
    if unknown:
        raise EvaluationInputError(f"{where}: claim has unknown key(s) {', '.join(unknown)}")
    if not isinstance(claim["surface"], str) or not claim["surface"].strip():
        raise EvaluationInputError(f"{where}: surface must be a non-empty string")
    where = f"{where} ({claim['surface']!r})"
    for key in ("value", "low", "high"):
        if not _is_number(claim[key]):
            raise EvaluationInputError(f"{where}: {key} must be a finite number, got {claim[key]!r}")
    if claim["low"] > claim["high"] or not _close(claim["value"], claim["low"]):
        raise EvaluationInputError(
            f"{where}: expected value == low <= high, got value={claim['value']} low={claim['low']} high={claim['high']}")
    _check_choice(claim, "approx", APPROX_VALUES, where, nullable=False)
    _check_choice(claim, "category", CATEGORIES, where, nullable=False)
    _check_choice(claim, "equipment_type", EQUIPMENT_TYPES, where, nullable=True)
    if claim["equipment_type"] is not None and claim["category"] != "equipment":
        raise EvaluationInputError(f"{where}: equipment_type is set but category is {claim['category']!r}")
    _check_choice(claim, "group", GROUPS, where, nullable=True)
    _check_choice(claim, "rate", RATES, where, nullable=True)
    for key in ("side", "source"):
        if claim[key] is not None and not isinstance(claim[key], str):
            raise EvaluationInputError(f"{where}: {key} must be a string or null, got {claim[key]!r}")
    start = _check_date(claim["period_start"], where, "period_start")
    end = _check_date(claim["period_end"], where, "period_end")
    if start is not None and end is not None and start > end:
        raise EvaluationInputError(f"{where}: period_start {start} is after period_end {end}")
    return dict(claim)


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, object)`` for each non-blank line; bad JSON is an error."""
    if not path.is_file():
        raise EvaluationInputError(f"{path}: file not found")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationInputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None


def load_gold(path: Path, text_dir: Path | None = None) -> dict[str, GoldDocument]:
    """Read a gold file: ``corpus/gold.jsonl`` lines or labeled lines with ``text``.

    Each line is ``{"id", "published", "claims"}`` plus optional ``"text"``;
    every claim is checked against the labeling conventions.

    Args:
        path: the JSONL file.
        text_dir: where to read a document's text when its line has none
            (``text_dir / id``, e.g. ``corpus/`` for ``corpus/gold.jsonl``); the
            text only serves to show the sentence of a missed claim, so a missing
            file is skipped.

    Returns:
        Documents by id, in file order.

    Raises:
        EvaluationInputError: missing file, bad JSON, a missing or invalid
            field, a duplicate id, or no documents at all.
    """
    path = Path(path)
    docs: dict[str, GoldDocument] = {}
    for number, record in _read_jsonl(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict):
            raise EvaluationInputError(f"{where}: a line must be a JSON object")
        doc_id = record.get("id")
        if not isinstance(doc_id, str) or not doc_id:
            raise EvaluationInputError(f"{where}: missing or empty 'id'")
        if doc_id in docs:
            raise EvaluationInputError(f"{where}: duplicate id {doc_id!r}")
        if "claims" not in record or not isinstance(record["claims"], list):
            raise EvaluationInputError(f"{where}: 'claims' must be a list (use [] for a document without claims)")
        published = _check_date(record.get("published"), where, "published")
        text = record.get("text")
        if text is not None and not isinstance(text, str):
            raise EvaluationInputError(f"{where}: 'text' must be a string")
        if text is None and text_dir is not None:
            candidate = Path(text_dir) / doc_id
            if candidate.is_file():
                text = candidate.read_text(encoding="utf-8", errors="replace")
        claims = tuple(_check_gold_claim(claim, f"{where} claim {i}") for i, claim in enumerate(record["claims"]))
        docs[doc_id] = GoldDocument(id=doc_id, published=published, claims=claims, text=text)
    if not docs:
        raise EvaluationInputError(f"{path}: no documents")
    return docs


def load_predictions(path: Path) -> list[dict[str, Any]]:
    """Read predicted claims: ``claims.jsonl`` lines, or a labeled file whose claims are flattened.

    A labeled line (``{"id", "claims": [...]}``) becomes one prediction per
    claim with ``doc_id`` set, so two annotators' files can be compared.

    Raises:
        EvaluationInputError: missing file, bad JSON, or a line that is not an object.
    """
    path = Path(path)
    predictions: list[dict[str, Any]] = []
    for number, record in _read_jsonl(path):
        if not isinstance(record, dict):
            raise EvaluationInputError(f"{path}:{number}: a line must be a JSON object")
        if "claims" in record and "id" in record and "doc_id" not in record:
            if not isinstance(record["claims"], list) or not all(isinstance(c, dict) for c in record["claims"]):
                raise EvaluationInputError(f"{path}:{number}: 'claims' must be a list of objects")
            predictions.extend({**claim, "doc_id": record["id"]} for claim in record["claims"])
        else:
            predictions.append(record)
    return predictions


# --------------------------------------------------------------------------- matching


@dataclass(slots=True)
class _Item:
    """A claim on either side of the match, with what matching and reporting need."""

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
        return not _close(self.low, self.high)

    def ref(self) -> ClaimRef:
        return ClaimRef(self.doc_id, self.surface, self.value, self.low, self.high, self.category,
                        self.sentence, self.start)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=0.0)


def _numbers_match(a: _Item, b: _Item) -> bool:
    if a.is_range or b.is_range:
        return _close(a.low, b.low) and _close(a.high, b.high)
    return _close(a.value, b.value)


def _prediction_item(index: int, record: Mapping[str, Any]) -> _Item:
    def number(key: str, default: float | None = None) -> float:
        value = record.get(key, default)
        if not _is_number(value):
            raise EvaluationInputError(f"prediction {index}: {key} must be a finite number, got {value!r}")
        return float(value)

    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise EvaluationInputError(f"prediction {index}: missing or empty 'doc_id'")
    value = number("value")
    category = record.get("category")
    if not isinstance(category, str) or not category:
        raise EvaluationInputError(f"prediction {index} ({doc_id}): missing or empty 'category'")
    start = record.get("start")
    return _Item(index=index, doc_id=doc_id, surface=str(record.get("surface", "")), value=value,
                 low=number("low", value), high=number("high", value), category=category, record=record,
                 sentence=record.get("sentence"), start=start if isinstance(start, int) else None)


# A sentence ends at . ! ? (optionally followed by a closing quote or bracket)
# before whitespace, or at a line break, unless the period closes a common
# abbreviation ("Dec. 12", "U.S. estimate"). Only used to show gold context.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Gov|Sen|Rep"
    r"|St|No|vs|[A-Z](?:\.[A-Z])*)$")


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group() == "\n" or not _ABBREVIATION.search(text[max(0, match.start() - 10):match.start()]):
            yield match


def _sentence_around(text: str, start: int, end: int) -> str:
    left = 0
    for match in _sentence_ends(text, 0, start):
        left = match.end()
    right_match = next(_sentence_ends(text, end, len(text)), None)
    right = right_match.end() if right_match else len(text)
    return " ".join(text[left:right].split())


def _gold_items(doc: GoldDocument) -> list[_Item]:
    """Gold claims as items; with text, each finds its sentence (searching on in text order)."""
    items: list[_Item] = []
    cursor = 0
    for index, claim in enumerate(doc.claims):
        sentence = start = None
        if doc.text is not None:
            # The surface as a whole token: "6" must not be found inside "16" or "6,000".
            pattern = re.compile(r"(?<!\w)" + re.escape(claim["surface"]) + r"(?!\w|[.,]\d)")
            match = pattern.search(doc.text, cursor) or pattern.search(doc.text)
            if match:
                start, cursor = match.start(), match.end()
                sentence = _sentence_around(doc.text, match.start(), match.end())
        items.append(_Item(index=index, doc_id=doc.id, surface=claim["surface"], value=float(claim["value"]),
                           low=float(claim["low"]), high=float(claim["high"]), category=claim["category"],
                           record=claim, sentence=sentence, start=start))
    return items


def _surface_key(surface: str) -> str:
    return " ".join(surface.casefold().split())


def _match(gold: list[_Item], predicted: list[_Item]) -> list[tuple[_Item, _Item]]:
    """One-to-one pairs with agreeing numbers, preferring category, surface, then text order.

    Greedy over candidate pairs sorted by preference; ``index`` is each item's
    position in text order, so among equal numbers the earliest gold claim
    takes the earliest prediction. Because "numbers agree" partitions the
    claims into groups of equal numbers, and every gold claim in a group can
    pair with every prediction in it, greedy reaches the maximum number of pairs.
    """
    candidates = [
        ((g.category != p.category, _surface_key(g.surface) != _surface_key(p.surface), g.index, p.index), g, p)
        for g in gold for p in predicted if _numbers_match(g, p)
    ]
    candidates.sort(key=lambda candidate: candidate[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[_Item, _Item]] = []
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


def _normalise_side(side: Any) -> Any:
    return " ".join(side.casefold().split()) if isinstance(side, str) else side


def _field_values(record: Mapping[str, Any], name: str) -> Any:
    if name == "period":
        return (record.get("period_start"), record.get("period_end"))
    return record.get(name)


def _field_equal(name: str, gold: Any, predicted: Any) -> bool:
    if name == "source":
        return normalise_source(gold) == normalise_source(predicted)
    if name == "side":
        return _normalise_side(gold) == _normalise_side(predicted)
    return bool(gold == predicted)


# --------------------------------------------------------------------------- scoring


def _score_document(gold: list[_Item], predicted: list[_Item], report: EvalReport) -> None:
    pairs = _match(gold, predicted)
    matched_gold = {g.index for g, _ in pairs}
    matched_pred = {p.index for _, p in pairs}

    def per_category(name: str) -> PRFScore:
        return report.per_category.setdefault(name, PRFScore())

    for g, p in pairs:
        report.detection.tp += 1
        report.confusion[(g.category, p.category)] = report.confusion.get((g.category, p.category), 0) + 1
        if g.category == p.category:
            report.typed.tp += 1
            per_category(g.category).tp += 1
        else:
            report.typed.fp += 1
            report.typed.fn += 1
            per_category(p.category).fp += 1
            per_category(g.category).fn += 1
        for name in FIELDS:
            # equipment_type is only meaningful where one side says equipment;
            # counting null == null on every personnel claim would inflate it.
            if name == "equipment_type" and "equipment" not in (g.category, p.category):
                continue
            gold_value, pred_value = _field_values(g.record, name), _field_values(p.record, name)
            right = _field_equal(name, gold_value, pred_value)
            report.fields[name].total += 1
            report.fields[name].correct += int(right)
            if not right:
                report.mismatches.append(FieldMismatch(g.doc_id, g.surface, name, gold_value, pred_value))
    for g in gold:
        if g.index not in matched_gold:
            report.detection.fn += 1
            report.typed.fn += 1
            per_category(g.category).fn += 1
            report.confusion[(g.category, NOT_A_CLAIM)] = report.confusion.get((g.category, NOT_A_CLAIM), 0) + 1
            report.misses.append(g.ref())
    for p in predicted:
        if p.index not in matched_pred:
            report.detection.fp += 1
            report.typed.fp += 1
            per_category(p.category).fp += 1
            report.confusion[(NOT_A_CLAIM, p.category)] = report.confusion.get((NOT_A_CLAIM, p.category), 0) + 1
            report.false_positives.append(p.ref())


def _prediction_order(item: _Item) -> tuple[Any, ...]:
    # Offsets first; the rest makes the order independent of arrival order
    # when offsets are absent or tie.
    start = item.start if item.start is not None else math.inf
    return (start, item.value, item.low, item.high, item.category, item.surface, item.index)


def score_claims(predicted: Iterable[Mapping[str, Any]], gold: Mapping[str, GoldDocument]) -> EvalReport:
    """Score predicted claims (``CLAIM_SCHEMA`` dicts with ``doc_id``) against gold documents.

    Documents are scored in sorted id order; a gold document without
    predictions counts all its claims as misses; predictions for documents
    absent from gold are counted in ``ignored_predictions`` and not scored.

    Raises:
        EvaluationInputError: a prediction lacks ``doc_id``, ``value`` or
            ``category``, or has a non-numeric number field.
    """
    by_doc: dict[str, list[_Item]] = {}
    for index, record in enumerate(predicted):
        item = _prediction_item(index, record)
        by_doc.setdefault(item.doc_id, []).append(item)
    report = EvalReport()
    report.gold_docs = len(gold)
    for doc_id in sorted(gold):
        items = sorted(by_doc.get(doc_id, []), key=_prediction_order)
        # Re-index in document order so ties in matching break by text position.
        for position, item in enumerate(items):
            item.index = position
        report.docs_with_predictions += int(bool(items))
        _score_document(_gold_items(gold[doc_id]), items, report)
    ignored = sorted(set(by_doc) - set(gold))
    report.ignored_docs = ignored
    report.ignored_predictions = sum(len(by_doc[doc_id]) for doc_id in ignored)
    return report


def evaluate_claims_file(claims_path: Path, gold_path: Path, text_dir: Path | None = None) -> EvalReport:
    """Load a predictions file and a gold file and score them (what ``newsclaims eval`` calls).

    Raises:
        EvaluationInputError: either file is missing or malformed.
    """
    return score_claims(load_predictions(Path(claims_path)), load_gold(Path(gold_path), text_dir=text_dir))


# --------------------------------------------------------------------------- formatting


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _clip(text: str | None, width: int = 160) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def _ref_line(ref: ClaimRef) -> str:
    number = _number(ref.value) if _close(ref.low, ref.high) else f"{_number(ref.low)}-{_number(ref.high)}"
    where = f"| {_clip(ref.sentence)}" if ref.sentence else ""
    return f"  {ref.doc_id}  {ref.surface!r} = {number}  [{ref.category}]  {where}".rstrip()


def format_report(report: EvalReport, title: str, max_items: int | None = 50) -> str:
    """A compact plain-text report for people.

    Detection P/R/F1 with counts (any category, same category, per category),
    per-field accuracy with n, the category confusion matrix (rows gold,
    columns predicted), then misses, false positives and field errors, each
    list cut at ``max_items`` (``None`` = all).
    """
    lines = [title, "=" * len(title)]
    lines.append(f"documents: {report.gold_docs} in gold, {report.docs_with_predictions} with predictions; "
                 f"{report.ignored_predictions} predictions ignored in {len(report.ignored_docs)} "
                 f"documents absent from gold")
    lines += ["", f"{'detection':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    rows = [("any category", report.detection), ("same category", report.typed)]
    rows += [(f"  {name}", report.per_category[name]) for name in _ordered(report.per_category)]
    for label, score in rows:
        lines.append(f"{label:<16}{score.precision:>7.3f}{score.recall:>7.3f}{score.fscore:>7.3f}"
                     f"{score.tp:>6}{score.fp:>6}{score.fn:>6}")
    lines += ["", f"{'field (matched)':<16}{'acc':>7}{'n':>6}"]
    for name, acc in report.fields.items():
        lines.append(f"{name:<16}{_fmt(acc.accuracy):>7}{acc.total:>6}")
    labels = report.confusion_labels()
    width = max(len(label) for label in labels) + 1
    lines += ["", "category confusion (rows gold, columns predicted)",
              " " * width + "".join(f"{label:>{width}}" for label in labels)]
    matrix = report.confusion_matrix()
    for gold_label in labels:
        lines.append(f"{gold_label:<{width}}" + "".join(f"{matrix[gold_label][p]:>{width}}" for p in labels))

    def section(name: str, entries: list[str]) -> None:
        lines.extend(["", f"{name} ({len(entries)})"])
        shown = entries if max_items is None else entries[:max_items]
        lines.extend(shown)
        if len(shown) < len(entries):
            lines.append(f"  ... {len(entries) - len(shown)} more")

    section("misses", [_ref_line(ref) for ref in report.misses])
    section("false positives", [_ref_line(ref) for ref in report.false_positives])
    section("field errors", [f"  {m.doc_id}  {m.surface!r}  {m.field}: gold {m.gold!r}, predicted {m.predicted!r}"
                             for m in report.mismatches])
    return "\n".join(lines)
