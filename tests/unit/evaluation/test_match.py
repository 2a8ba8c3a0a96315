"""Tests for newsclaims.evaluation.match: number matching, one-to-one pairing and field equality."""

from __future__ import annotations

import random
from typing import Any

import pytest

from newsclaims.evaluation.match import field_correct, normalise_source
from newsclaims.evaluation.scores import score_claims

from claim_cases import KILLED, RANGE, WOUNDED, gold_claim, gold_docs, predicted


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


@pytest.mark.parametrize(
    ("gold_source", "alternatives", "predicted_source", "right"),
    [
        ("Northern Command", ["the Coast Guard", "Harbor Office"], "the Coast Guard", True),
        ("Northern Command", ["the Coast Guard"], "coast guard", True),  # alternatives are normalised too
        ("Northern Command", ["the Coast Guard"], "Northern Command", True),
        ("Northern Command", ["the Coast Guard"], "Southern Command", False),
        ("Northern Command", [], "the Coast Guard", False),
        # A null source with alternatives: "no source" and each alternative are right.
        (None, ["Harbor Office"], None, True),
        (None, ["Harbor Office"], "Harbor Office", True),
        (None, ["Harbor Office"], "Northern Command", False),
    ],
)
def test_source_alternatives_are_accepted(gold_source: str | None, alternatives: list[str],
                                          predicted_source: str | None, right: bool) -> None:
    claim = gold_claim("30", 30, source=gold_source, source_alt=alternatives)
    assert field_correct("source", claim, predicted_source) is right
    report = score_claims([predicted("a", claim, source=predicted_source)], gold_docs(a=[claim]))
    assert report.fields["source"].correct == int(right)
    # A wrong source is listed against the main gold source.
    assert [(m.gold, m.predicted) for m in report.mismatches] == ([] if right else [(gold_source, predicted_source)])


def test_alternatives_only_widen_their_own_field() -> None:
    claim = gold_claim("30", 30, side="Northland", source_alt=["Southland"])
    assert field_correct("side", claim, "Southland") is False
    assert field_correct("side", claim, "northland") is True
