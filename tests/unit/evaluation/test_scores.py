"""Tests for newsclaims.evaluation.scores: matching, counts, field accuracy, loading and reporting."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from newsclaims.evaluation.scores import (
    Accuracy,
    EvalReport,
    EvaluationInputError,
    GoldDocument,
    PRFScore,
    evaluate_claims_file,
    format_report,
    load_gold,
    load_predictions,
    normalise_source,
    score_claims,
)


def gold_claim(surface: str, value: float, category: str = "killed", **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "surface": surface, "value": value, "low": value, "high": value, "approx": "exact",
        "category": category, "equipment_type": None, "side": "Russia", "group": "military",
        "source": "Ukraine's Defense Ministry", "rate": None, "period_start": None, "period_end": None,
    }
    claim.update(fields)
    return claim


def predicted(doc_id: str, claim: dict[str, Any], start: int = 0, **fields: Any) -> dict[str, Any]:
    """A prediction that repeats a gold claim, with overrides."""
    record = {**claim, "doc_id": doc_id, "sentence": f"... {claim['surface']} ...", "start": start,
              "end": start + len(claim["surface"]), "confidence": 0.9}
    record.update(fields)
    return record


def gold_docs(**claims_by_doc: list[dict[str, Any]]) -> dict[str, GoldDocument]:
    return {doc_id: GoldDocument(id=doc_id, published=None, claims=tuple(claims))
            for doc_id, claims in claims_by_doc.items()}


KILLED = gold_claim("38,940", 38940, "total")
WOUNDED = gold_claim("1,200", 1200, "wounded", rate="day")
TANKS = gold_claim("7,834", 7834, "equipment", equipment_type="tank")
RANGE = gold_claim("20,000 to 25,000", 20000, "killed", high=25000)


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


@pytest.mark.parametrize(
    ("low", "high", "matches"),
    [
        (20000, 25000, True),
        (20000.01, 25000, True),  # within the 1e-6 relative tolerance
        (20000.5, 25000, False),
        (20000, 20000, False),  # a single number never matches a range ...
        (20000, 26000, False),  # ... nor does a range with another end
        (22500, 22500, False),  # a midpoint is not the range
    ],
)
def test_evaluate_range_matching(low: float, high: float, matches: bool) -> None:
    pred = predicted("a", RANGE, value=low, low=low, high=high)
    report = score_claims([pred], gold_docs(a=[RANGE]))
    assert report.detection.tp == int(matches)
    assert report.detection.fn == int(not matches)


@pytest.mark.parametrize(
    ("pred_value", "matches"),
    [(38940, True), (38940.00001, True), (38940.5, False), (3894, False), (389400, False)],
)
def test_evaluate_point_value_tolerance(pred_value: float, matches: bool) -> None:
    pred = predicted("a", KILLED, value=pred_value, low=pred_value, high=pred_value)
    assert score_claims([pred], gold_docs(a=[KILLED])).detection.tp == int(matches)


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


def test_evaluate_matching_prefers_same_category() -> None:
    # Two gold claims with one number: killed and wounded; predictions arrive in the other order.
    first, second = gold_claim("500", 500, "killed"), gold_claim("500", 500, "wounded")
    preds = [predicted("a", second, 0), predicted("a", first, 40)]
    report = score_claims(preds, gold_docs(a=[first, second]))
    assert report.fields["category"].correct == 2
    assert report.confusion == {("killed", "killed"): 1, ("wounded", "wounded"): 1}


def test_evaluate_matching_follows_text_order_for_equal_numbers() -> None:
    # "+6" twice in an equipment list: the k-th predicted goes with the k-th gold.
    tanks = gold_claim("+6", 6, "equipment", equipment_type="tank")
    apcs = gold_claim("+6", 6, "equipment", equipment_type="apc")
    preds = [predicted("a", apcs, 80), predicted("a", tanks, 10)]
    report = score_claims(preds, gold_docs(a=[tanks, apcs]))
    assert (report.fields["equipment_type"].correct, report.fields["equipment_type"].total) == (2, 2)


def test_evaluate_matching_prefers_same_surface() -> None:
    # One number written two ways by two sources; the predictions come in the other text order.
    words = gold_claim("1.1 million", 1_100_000, "total", source="UK Defense Intelligence")
    digits = gold_claim("1,100,000", 1_100_000, "total", source="Ukraine's General Staff")
    preds = [predicted("a", digits, 0), predicted("a", words, 50)]
    report = score_claims(preds, gold_docs(a=[words, digits]))
    assert (report.fields["source"].correct, report.fields["source"].total) == (2, 2)


def test_evaluate_is_deterministic_under_prediction_order() -> None:
    claims = [gold_claim("+6", 6, "equipment", equipment_type=t) for t in ("tank", "apc", "drone")]
    claims += [gold_claim("500", 500, "killed"), gold_claim("500", 500, "total")]
    gold = gold_docs(a=claims, b=[KILLED, WOUNDED])
    preds = [predicted("a", claim, 10 * i, equipment_type="tank" if i == 2 else claim["equipment_type"])
             for i, claim in enumerate(claims)]
    preds += [predicted("b", KILLED, 0), predicted("b", gold_claim("9", 9, "total"), 5)]
    expected = score_claims(preds, gold).to_dict()
    rng = random.Random(7)
    for _ in range(5):
        shuffled = preds[:]
        rng.shuffle(shuffled)
        assert score_claims(shuffled, gold).to_dict() == expected


@pytest.mark.parametrize(
    ("gold_source", "predicted_source", "equal"),
    [
        ("Ukraine's Defense Ministry", "Ukraine's Defense Ministry", True),
        ("Ukraine's Defense Ministry", "ukraine\u2019s defense ministry", True),
        ("the General Staff", "General Staff", True),
        ("The Kremlin", "the Kremlin", True),
        ("Mark Rutte", " \u201cMark Rutte,\u201d ", True),
        ("UK Defense Intelligence", "UK  Defense   Intelligence.", True),
        (None, None, True),
        # substance differs: these must not match
        ("Ukraine's General Staff", "Russia's Defense Ministry", False),
        ("Ukraine's General Staff", "the General Staff", False),
        ("UK Defense Intelligence", "US Defense Intelligence", False),
        ("Mark Rutte", "Rutte", False),
        ("Ukraine's Defense Ministry", "Ukraine's Defence Ministry", False),
        ("Theodore Roosevelt", "odore Roosevelt", False),  # "the" is only stripped as a word
        (None, "Mark Rutte", False),
        ("Mark Rutte", None, False),
    ],
)
def test_evaluate_source_leniency(gold_source: str | None, predicted_source: str | None, equal: bool) -> None:
    assert (normalise_source(gold_source) == normalise_source(predicted_source)) is equal
    claim = gold_claim("100", 100, source=gold_source)
    report = score_claims([predicted("a", claim, source=predicted_source)], gold_docs(a=[claim]))
    assert report.fields["source"].correct == int(equal)


@pytest.mark.parametrize(
    ("field_name", "gold_fields", "pred_fields", "right"),
    [
        ("period", {"period_start": None, "period_end": None}, {}, True),
        ("period", {"period_start": "2024-05-01", "period_end": "2024-05-31"},
         {"period_start": "2024-05-01", "period_end": "2024-05-31"}, True),
        ("period", {"period_start": "2024-05-01", "period_end": "2024-05-31"},
         {"period_start": "2024-05-01", "period_end": "2024-06-02"}, False),
        ("period", {"period_start": "2024-05-01", "period_end": "2024-05-31"},
         {"period_start": None, "period_end": None}, False),
        ("rate", {"rate": "day"}, {}, True),
        ("rate", {"rate": "day"}, {"rate": None}, False),
        ("approx", {"approx": "at_least"}, {"approx": "about"}, False),
        ("side", {"side": "Russia"}, {"side": "russia"}, True),
        ("side", {"side": "Russia"}, {"side": "Ukraine"}, False),
        ("side", {"side": "Soviet Union"}, {"side": None}, False),
        ("group", {"group": "civilian"}, {"group": "military"}, False),
    ],
)
def test_evaluate_field_accuracy(field_name: str, gold_fields: dict[str, Any], pred_fields: dict[str, Any],
                                 right: bool) -> None:
    claim = gold_claim("100", 100, **gold_fields)
    report = score_claims([predicted("a", claim, **pred_fields)], gold_docs(a=[claim]))
    assert (report.fields[field_name].correct, report.fields[field_name].total) == (int(right), 1)


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


def test_evaluate_gold_sentence_comes_from_text() -> None:
    text = "Russia lost 16 tanks on Monday. Later, 6 more were destroyed! Nothing else."
    tanks = gold_claim("6", 6, "equipment", equipment_type="tank")
    gold = {"a": GoldDocument(id="a", published=None, claims=(tanks,), text=text)}
    report = score_claims([], gold)
    # "6" is found as a whole number, not inside "16".
    assert [(m.sentence, m.start) for m in report.misses] == [("Later, 6 more were destroyed!", 39)]


def test_evaluate_gold_sentences_follow_text_order_for_repeated_surfaces() -> None:
    text = "In May 500 were killed. In June 500 were wounded."
    claims = (gold_claim("500", 500, "killed"), gold_claim("500", 500, "wounded"))
    gold = {"a": GoldDocument(id="a", published=None, claims=claims, text=text)}
    assert [m.sentence for m in score_claims([], gold).misses] == ["In May 500 were killed.",
                                                                    "In June 500 were wounded."]


@pytest.mark.parametrize(
    ("text", "surface", "sentence"),
    [
        ("Intro. A U.S. estimate on Dec. 12 put it at 315,000. Next one.", "315,000",
         "A U.S. estimate on Dec. 12 put it at 315,000."),
        ("Losses rose in May. Then 40 more died. Gen. Smith agreed.", "40", "Then 40 more died."),
        ('"It was 50," he said. Later.', "50", '"It was 50," he said.'),
        ("tanks \u2014 7,834 (+6) units\nartillery \u2014 9", "+6", "tanks \u2014 7,834 (+6) units"),
    ],
)
def test_evaluate_gold_sentence_boundaries(text: str, surface: str, sentence: str) -> None:
    claim = gold_claim(surface, 6, "total")
    gold = {"a": GoldDocument(id="a", published=None, claims=(claim,), text=text)}
    assert score_claims([], gold).misses[0].sentence == sentence


def test_evaluate_prediction_without_doc_id_is_an_error() -> None:
    with pytest.raises(EvaluationInputError, match="doc_id"):
        score_claims([{"value": 3, "category": "killed"}], gold_docs(a=[]))
    with pytest.raises(EvaluationInputError, match="value"):
        score_claims([{"doc_id": "a", "value": "three", "category": "killed"}], gold_docs(a=[]))


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_load_gold_reads_both_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("They said 38,940 were lost.", encoding="utf-8")
    seed = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a.txt", "published": "2024-06-02", "claims": [KILLED]},
        {"id": "b.txt", "published": None, "claims": []},
    ])
    gold = load_gold(seed, text_dir=tmp_path)
    assert list(gold) == ["a.txt", "b.txt"]
    assert gold["a.txt"].published is not None and gold["a.txt"].published.isoformat() == "2024-06-02"
    assert gold["a.txt"].text == "They said 38,940 were lost."
    assert gold["b.txt"].text is None and gold["b.txt"].claims == ()
    labeled = write_jsonl(tmp_path / "labeled.jsonl", [
        {"id": "x", "text": "Some 1,200 were wounded.", "published": None, "claims": [{**WOUNDED, "note": "rate"}]},
        "",
    ])
    assert load_gold(labeled)["x"].text == "Some 1,200 were wounded."


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "not valid JSON"),
        (["[1, 2]"], "JSON object"),
        ([{"published": None, "claims": []}], "'id'"),
        ([{"id": "a", "claims": []}, {"id": "a", "claims": []}], "duplicate id"),
        ([{"id": "a", "published": None}], "'claims' must be a list"),
        ([{"id": "a", "published": "June 2", "claims": []}], "ISO date"),
        ([{"id": "a", "text": 5, "claims": []}], "'text'"),
        ([{"id": "a", "claims": ["38,940"]}], "JSON object"),
        ([{"id": "a", "claims": [{k: v for k, v in KILLED.items() if k != "source"}]}], "lacks key"),
        ([{"id": "a", "claims": [{**KILLED, "catgory": "total"}]}], "unknown key"),
        ([{"id": "a", "claims": [{**KILLED, "category": "dead"}]}], "category 'dead'"),
        ([{"id": "a", "claims": [{**KILLED, "approx": "over"}]}], "approx"),
        ([{"id": "a", "claims": [{**KILLED, "value": "38,940"}]}], "finite number"),
        ([{"id": "a", "claims": [{**KILLED, "value": True}]}], "finite number"),
        ([{"id": "a", "claims": [{**RANGE, "low": 30000}]}], "value == low <= high"),
        ([{"id": "a", "claims": [{**KILLED, "equipment_type": "tank"}]}], "equipment_type is set"),
        ([{"id": "a", "claims": [{**KILLED, "equipment_type": "tanks", "category": "equipment"}]}], "equipment_type"),
        ([{"id": "a", "claims": [{**KILLED, "rate": "daily"}]}], "rate"),
        ([{"id": "a", "claims": [{**KILLED, "group": "army"}]}], "group"),
        ([{"id": "a", "claims": [{**KILLED, "side": 3}]}], "side"),
        ([{"id": "a", "claims": [{**KILLED, "period_start": "2024-06-01", "period_end": "2024-05-01"}]}], "after"),
        ([{"id": "a", "claims": [{**KILLED, "surface": ""}]}], "surface"),
        ([""], "no documents"),
    ],
)
def test_evaluate_load_gold_rejects_malformed_files(tmp_path: Path, lines: list[Any], message: str) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", lines)
    with pytest.raises(EvaluationInputError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)


def test_evaluate_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationInputError, match="not found"):
        load_gold(tmp_path / "nope.jsonl")


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


@pytest.mark.parametrize(
    ("line", "message"),
    [("{bad", "not valid JSON"), ("3", "JSON object"), ('{"id": "a", "claims": [1]}', "list of objects")],
)
def test_evaluate_load_predictions_rejects_malformed_lines(tmp_path: Path, line: str, message: str) -> None:
    path = write_jsonl(tmp_path / "claims.jsonl", [predicted("a", KILLED), line])
    with pytest.raises(EvaluationInputError, match=f"claims.jsonl:2: .*{message}"):
        load_predictions(path)


def test_evaluate_report_serialises_and_formats() -> None:
    preds = [predicted("a", KILLED, category="killed"), predicted("a", gold_claim("2024", 2024, "total"), 9)]
    report = score_claims(preds, gold_docs(a=[KILLED, TANKS]))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["detection"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["confusion"]["matrix"]["total"]["killed"] == 1
    assert data["confusion"]["labels"][-1] == "none"
    text = format_report(report, "Test run")
    for expected in ("Test run", "any category", "same category", "field (matched)", "category confusion",
                     "misses (1)", "false positives (1)", "'7,834'", "'2024'", "field errors (1)"):
        assert expected in text
    assert "... 1 more" in format_report(report, "cut", max_items=0)


def test_evaluate_empty_report_adds_as_identity() -> None:
    report = score_claims([predicted("a", KILLED)], gold_docs(a=[KILLED, WOUNDED]))
    total = EvalReport()
    total += report
    assert total.to_dict() == report.to_dict()
