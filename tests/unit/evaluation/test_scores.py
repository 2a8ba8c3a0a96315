"""Tests for newsclaims.evaluation.scores: counts, confusion, field accuracy and additive reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims.evaluation.gold import load_predictions
from newsclaims.evaluation.scores import Accuracy, EvalReport, PRFScore, evaluate_claims_file, score_claims

from claim_cases import KILLED, RANGE, TANKS, WOUNDED, gold_claim, gold_docs, predicted, write_jsonl


def test_evaluate_perfect_match_scores_one_everywhere() -> None:
    gold = gold_docs(a=[KILLED, WOUNDED], b=[TANKS, RANGE])
    preds = [predicted("a", KILLED, 0), predicted("a", WOUNDED, 10), predicted("b", TANKS, 0),
             predicted("b", RANGE, 20)]
    report = score_claims(preds, gold)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (4, 0, 0)
    assert report.detection.fscore == pytest.approx(1.0)
    assert report.typed.fscore == pytest.approx(1.0)
    assert all(acc.accuracy == pytest.approx(1.0) for acc in report.fields.values())
    # equipment_type is only compared where a side says equipment: one pair here.
    assert report.fields["equipment_type"].total == 1
    assert report.fields["category"].total == 4
    assert report.misses == [] and report.false_positives == [] and report.mismatches == []
    assert report.confusion == {("total", "total"): 1, ("wounded", "wounded"): 1,
                                ("equipment", "equipment"): 1, ("killed", "killed"): 1}

def test_evaluate_miss_is_counted_and_listed() -> None:
    report = score_claims([predicted("a", KILLED)], gold_docs(a=[KILLED, WOUNDED]))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 1)
    assert report.detection.precision == pytest.approx(1.0)
    assert report.detection.recall == pytest.approx(0.5)
    assert [(m.doc_id, m.surface, m.value, m.category) for m in report.misses] == [("a", "1,200", 1200.0, "wounded")]
    assert report.confusion[("wounded", "none")] == 1

def test_evaluate_false_positive_is_counted_with_its_sentence() -> None:
    extra = predicted("a", gold_claim("2024", 2024, "total"), 50, sentence="In May 2024 losses rose.")
    report = score_claims([predicted("a", KILLED), extra], gold_docs(a=[KILLED]))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 1, 0)
    assert [(f.surface, f.category, f.sentence) for f in report.false_positives] == [
        ("2024", "total", "In May 2024 losses rose.")]
    assert report.confusion[("none", "total")] == 1

def test_evaluate_gold_document_without_predictions_counts_misses() -> None:
    report = score_claims([], gold_docs(a=[KILLED, TANKS], b=[]))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (0, 0, 2)
    assert report.detection.precision == 0.0 and report.detection.fscore == 0.0
    assert report.docs_with_predictions == 0 and report.gold_docs == 2

def test_evaluate_predictions_for_unknown_documents_are_ignored_but_counted() -> None:
    preds = [predicted("a", KILLED), predicted("zzz", WOUNDED), predicted("zzz", TANKS, 9), predicted("yyy", TANKS)]
    report = score_claims(preds, gold_docs(a=[KILLED]))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)
    assert report.ignored_predictions == 3
    assert report.ignored_docs == ["yyy", "zzz"]

def test_evaluate_category_mismatch_counts_in_confusion_not_detection() -> None:
    report = score_claims([predicted("a", KILLED, category="killed")], gold_docs(a=[KILLED]))
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)
    assert (report.typed.tp, report.typed.fp, report.typed.fn) == (0, 1, 1)
    assert report.confusion == {("total", "killed"): 1}
    assert report.confusion_matrix()["total"]["killed"] == 1
    assert report.confusion_matrix()["total"]["none"] == 0
    assert (report.fields["category"].correct, report.fields["category"].total) == (0, 1)
    assert report.per_category["total"].fn == 1 and report.per_category["killed"].fp == 1
    assert [(m.field, m.gold, m.predicted) for m in report.mismatches] == [("category", "total", "killed")]

def test_evaluate_equipment_type_only_scored_where_equipment_is_involved() -> None:
    personnel = gold_claim("100", 100, "killed")
    misread = predicted("a", TANKS, 5, category="total", equipment_type=None)
    report = score_claims([predicted("a", personnel), misread], gold_docs(a=[personnel, TANKS]))
    assert (report.fields["equipment_type"].correct, report.fields["equipment_type"].total) == (0, 1)

@pytest.mark.parametrize(
    ("left", "right", "total"),
    [
        (PRFScore(1, 2, 3), PRFScore(4, 5, 6), PRFScore(5, 7, 9)),
        (PRFScore(), PRFScore(2, 0, 1), PRFScore(2, 0, 1)),
        (PRFScore(), PRFScore(), PRFScore()),
    ],
)
def test_evaluate_prfscore_adds(left: PRFScore, right: PRFScore, total: PRFScore) -> None:
    assert left + right == total
    summed = PRFScore(left.tp, left.fp, left.fn)
    summed += right
    assert summed == total

@pytest.mark.parametrize(
    ("score", "precision", "recall", "f1"),
    [
        (PRFScore(3, 1, 2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (PRFScore(0, 0, 0), 0.0, 0.0, 0.0),
        (PRFScore(0, 4, 0), 0.0, 0.0, 0.0),
        (PRFScore(5, 0, 0), 1.0, 1.0, 1.0),
    ],
)
def test_evaluate_prfscore_rates(score: PRFScore, precision: float, recall: float, f1: float) -> None:
    assert (score.precision, score.recall, score.fscore) == pytest.approx((precision, recall, f1))

def test_evaluate_reports_sum_to_the_union() -> None:
    part_a = gold_docs(a=[KILLED, WOUNDED], b=[TANKS])
    part_b = gold_docs(c=[RANGE, gold_claim("500", 500, "killed")], d=[KILLED])
    preds_a = [predicted("a", KILLED, category="killed"), predicted("b", TANKS, source="the Kremlin"),
               predicted("b", gold_claim("3", 3, "total"), 30)]
    preds_b = [predicted("c", RANGE), predicted("c", gold_claim("500", 500, "killed"), 40, side="Ukraine"),
               predicted("x", KILLED)]
    total = score_claims(preds_a, part_a)
    total += score_claims(preds_b, part_b)
    union = score_claims(preds_a + preds_b, {**part_a, **part_b})
    assert total.to_dict() == union.to_dict()
    assert total.detection == union.detection == PRFScore(tp=4, fp=1, fn=2)
    assert total.fields["category"] == Accuracy(correct=3, total=4)

def test_evaluate_claims_file_end_to_end(tmp_path: Path) -> None:
    gold_path = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a", "text": "Losses hit 38,940. Some 1,200 were wounded.", "published": None,
         "claims": [KILLED, WOUNDED]},
    ])
    claims_path = write_jsonl(tmp_path / "claims.jsonl", [predicted("a", KILLED), predicted("b", KILLED)])
    report = evaluate_claims_file(claims_path, gold_path)
    assert (report.detection.tp, report.detection.fn, report.ignored_predictions) == (1, 1, 1)
    assert report.misses[0].sentence == "Some 1,200 were wounded."
    # A labeled file as predictions (annotator agreement) flattens to claims with doc_id.
    assert len(load_predictions(gold_path)) == 2
    assert evaluate_claims_file(gold_path, gold_path).detection == PRFScore(tp=2)

def test_evaluate_empty_report_adds_as_identity() -> None:
    report = score_claims([predicted("a", KILLED)], gold_docs(a=[KILLED, WOUNDED]))
    total = EvalReport()
    total += report
    assert total.to_dict() == report.to_dict()


def test_per_category_and_typed_scores_agree_with_sklearn_on_the_confusion() -> None:
    """Per-category P/R/F1 and ``typed`` are sklearn's per-label and micro scores over the confusion pairs."""
    from sklearn.metrics import precision_recall_fscore_support

    claims = [KILLED, WOUNDED, TANKS, RANGE, gold_claim("500", 500, "captured"), gold_claim("9", 9, "missing")]
    preds = [predicted("a", KILLED, category="killed"), predicted("a", WOUNDED, 10),
             predicted("a", TANKS, 20), predicted("a", gold_claim("2024", 2024, "total"), 30),
             predicted("a", gold_claim("500", 500, "captured"), 40), predicted("a", gold_claim("7", 7, "equipment"), 50)]
    report = score_claims(preds, gold_docs(a=claims))
    y_true = [g for (g, _), n in report.confusion.items() for _ in range(n)]
    y_pred = [p for (_, p), n in report.confusion.items() for _ in range(n)]
    labels = sorted(report.per_category)
    precision, recall, f1, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0.0)
    for name, p, r, f in zip(labels, precision, recall, f1, strict=True):
        score = report.per_category[name]
        assert (score.precision, score.recall, score.fscore) == pytest.approx((p, r, f)), name
    micro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="micro", zero_division=0.0)
    assert (report.typed.precision, report.typed.recall, report.typed.fscore) == pytest.approx(micro[:3])


def test_empty_report_has_a_zero_confusion_matrix() -> None:
    matrix = EvalReport().confusion_matrix()
    assert set(matrix) == set(matrix["none"]) and "killed" in matrix
    assert all(count == 0 for row in matrix.values() for count in row.values())
