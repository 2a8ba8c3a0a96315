"""Score predicted loss claims against gold labels.

Pure scoring over plain dicts (read by :mod:`newsclaims.evaluation.gold`,
paired by :mod:`newsclaims.evaluation.match`): nothing here runs the pipeline,
so the same scorer grades the pipeline, the keyword baseline and one annotator
against another.

Detection counts (tp/fp/fn) ignore the category; a category disagreement shows
up in the category accuracy and the confusion matrix instead, so a number that
was found but mislabeled is not counted twice. All counts are additive
(``PRFScore`` and ``EvalReport`` support ``+=``), so per-document or
per-partition reports sum to the report of the union.

Precision, recall and F1 are computed here from the counts rather than by
``sklearn.metrics.precision_recall_fscore_support``: detection pairs a gold
list with a predicted list of different lengths (a false positive has no gold
label and a miss no predicted one), which is not the ``y_true``/``y_pred``
shape sklearn scores, and sklearn's F1 formula (``2tp / (2tp + fp + fn)``) can
differ from ``2PR / (P + R)`` in the last bit of the JSON figures. The
confusion matrix is label pairs and is built by ``sklearn.metrics.confusion_matrix``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsclaims.evaluation.gold import (
    GoldDocument,
    gold_items,
    load_gold,
    load_predictions,
    prediction_item,
)
from newsclaims.evaluation.match import FIELDS, MatchItem, field_correct, field_value, match
from newsclaims.records import CATEGORIES, NOT_A_CLAIM


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

    @classmethod
    def of(cls, item: MatchItem) -> ClaimRef:
        return cls(item.doc_id, item.surface, item.value, item.low, item.high, item.category,
                   item.sentence, item.start)


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
        """The confusion counts as ``{gold: {predicted: n}}`` with every cell filled.

        Built by ``sklearn.metrics.confusion_matrix`` over the distinct
        ``(gold, predicted)`` pairs weighted by their counts.
        """
        labels = self.confusion_labels()
        if not self.confusion:  # sklearn refuses empty input; every cell is 0
            return {g: dict.fromkeys(labels, 0) for g in labels}
        from sklearn.metrics import confusion_matrix

        pairs = list(self.confusion.items())
        counts = confusion_matrix([g for (g, _), _ in pairs], [p for (_, p), _ in pairs], labels=labels,
                                  sample_weight=[n for _, n in pairs])
        return {g: {p: int(counts[i, j]) for j, p in enumerate(labels)} for i, g in enumerate(labels)}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable view (for ``--json``)."""
        return {
            "documents": {"gold": self.gold_docs, "with_predictions": self.docs_with_predictions,
                          "ignored_predictions": self.ignored_predictions,
                          "ignored_docs": list(self.ignored_docs)},
            "detection": self.detection.to_dict(),
            "typed": self.typed.to_dict(),
            "per_category": {name: self.per_category[name].to_dict() for name in ordered_categories(self.per_category)},
            "fields": {name: acc.to_dict() for name, acc in self.fields.items()},
            "confusion": {"labels": self.confusion_labels(), "matrix": self.confusion_matrix()},
            "misses": [asdict(ref) for ref in self.misses],
            "false_positives": [asdict(ref) for ref in self.false_positives],
            "mismatches": [asdict(m) for m in self.mismatches],
        }


def ordered_categories(names: Iterable[str]) -> list[str]:
    """Schema categories first in schema order, then anything else sorted."""
    names = set(names)
    return [c for c in CATEGORIES if c in names] + sorted(names - set(CATEGORIES))


# --------------------------------------------------------------------------- scoring


def _score_document(gold: list[MatchItem], predicted: list[MatchItem], report: EvalReport) -> None:
    pairs = match(gold, predicted)
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
            gold_value, pred_value = field_value(g.record, name), field_value(p.record, name)
            right = field_correct(name, g.record, pred_value)
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
            report.misses.append(ClaimRef.of(g))
    for p in predicted:
        if p.index not in matched_pred:
            report.detection.fp += 1
            report.typed.fp += 1
            per_category(p.category).fp += 1
            report.confusion[(NOT_A_CLAIM, p.category)] = report.confusion.get((NOT_A_CLAIM, p.category), 0) + 1
            report.false_positives.append(ClaimRef.of(p))


def _prediction_order(item: MatchItem) -> tuple[Any, ...]:
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
    by_doc: dict[str, list[MatchItem]] = {}
    for index, record in enumerate(predicted):
        item = prediction_item(index, record)
        by_doc.setdefault(item.doc_id, []).append(item)
    report = EvalReport()
    report.gold_docs = len(gold)
    for doc_id in sorted(gold):
        items = sorted(by_doc.get(doc_id, []), key=_prediction_order)
        # Re-index in document order so ties in matching break by text position.
        for position, item in enumerate(items):
            item.index = position
        report.docs_with_predictions += int(bool(items))
        _score_document(gold_items(gold[doc_id]), items, report)
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
