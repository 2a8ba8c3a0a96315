"""Golden tests: the whole pipeline on the labeled corpus, with accuracy floors.

The floors sit in one baseline file, tests/baselines/floors.json (see
tests/floors.py), beside the SHA-256 of the gold they were measured on: the
five seeds (whose required bar is the acceptance bar of the issue "Gold labels,
evaluation and a trained classifier": detection F1 >= 0.95, category >= 0.95,
source >= 0.90), the labeled dev set, and ../shared/realdev scored by its
reference scorer. A floor sits a little under the figure measured (the file's
margin), to catch regressions, not noise. A changed gold file fails the floor
test until the baseline is re-measured (``python tests/baselines/update_floors.py``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsclaims.config import load_config
from newsclaims.evaluation.baseline import baseline_claims
from newsclaims.evaluation.gold import load_gold
from newsclaims.evaluation.scores import EvalReport, score_claims
from newsclaims.records import DocumentResult

import floors
from equivalence import assert_produced_claims

CORPUS = floors.CORPUS
DEV = floors.DEV
# The labeled sets hold non-loss documents on purpose: about 78% of the seed
# and dev documents (and of realdev's) have claims today.
MIN_SHARE_WITH_CLAIMS = 0.7


def _floors(suite: str) -> dict[str, float]:
    try:
        return floors.suite_floors(suite)
    except floors.BaselineError as exc:
        pytest.fail(str(exc))


def _assert_floors(suite: str, measured: dict[str, float]) -> None:
    failures = floors.below_floors(measured, _floors(suite))
    assert failures == [], f"{suite}: {failures} (measured {measured})"


@pytest.fixture(scope="module")
def seed_claims(extractor) -> list[dict]:  # type: ignore[no-untyped-def]
    results = floors.run_pipeline(extractor, [CORPUS])
    assert_produced_claims(results)  # every seed, no error
    return floors.claim_dicts(results)


@pytest.fixture(scope="module")
def seed_report(seed_claims: list[dict]) -> EvalReport:
    report: EvalReport = floors.seeds_report(seed_claims)
    return report


def _field(report: EvalReport, name: str) -> float:
    value = report.to_dict()["fields"][name]["accuracy"]
    assert value is not None
    return float(value)


def _detection_f1(report: EvalReport) -> float:
    return float(report.to_dict()["detection"]["f1"])


def test_golden_seed_floors(seed_report: EvalReport) -> None:
    _assert_floors("seeds", floors.project_metrics(seed_report, floors.SUITE_FIELDS["seeds"]))


def _find(claims: list[dict], doc_prefix: str, surface: str) -> list[dict]:
    return [c for c in claims if c["doc_id"].startswith(doc_prefix) and c["surface"] == surface]


def test_golden_seed_named_claims(seed_claims: list[dict]) -> None:
    [may] = _find(seed_claims, "001", "38,940")[:1]
    assert (may["value"], may["category"], may["side"], may["source"]) == (38940.0, "total", "Russia", "Ukraine's Defense Ministry")
    assert (may["period_start"], may["period_end"]) == ("2024-05-01", "2024-05-31")
    [rutte] = _find(seed_claims, "004", "20,000 to 25,000")
    assert (rutte["category"], rutte["low"], rutte["high"], rutte["rate"], rutte["source"]) == (
        "killed", 20000.0, 25000.0, "month", "Mark Rutte")
    [tank] = _find(seed_claims, "003", "one")
    assert (tank["category"], tank["equipment_type"], tank["value"]) == ("equipment", "tank", 1.0)
    [drones] = _find(seed_claims, "003", "five")
    assert (drones["category"], drones["equipment_type"], drones["value"]) == ("equipment", "drone", 5.0)


def test_golden_seed_distractors_are_not_claims(seed_claims: list[dict]) -> None:
    values = {(c["doc_id"][:3], c["value"]) for c in seed_claims}
    assert ("004", 30000.0) not in values  # new soldiers a month: recruits
    assert ("004", 90.0) not in values  # 90% of targets
    feed = [c for c in seed_claims if c["doc_id"].startswith("000") and ("Trump" in c["sentence"] or "Zelensky" in c["sentence"])]
    assert feed == []


def test_golden_page_dump_matches_clean_dump(seed_claims: list[dict]) -> None:
    """Seed 000 is a cluttered page dump of seed 001's article: the same claims come out."""

    def key(claim: dict) -> tuple:
        return (claim["value"], claim["category"], claim["side"], claim["source"])

    dump = {key(c) for c in seed_claims if c["doc_id"].startswith("000")}
    clean = {key(c) for c in seed_claims if c["doc_id"].startswith("001")}
    assert dump and dump == clean


@pytest.fixture(scope="module")
def dev_report(extractor) -> EvalReport:  # type: ignore[no-untyped-def]
    results = floors.run_pipeline(extractor, [DEV])
    assert_produced_claims(results, min_share=MIN_SHARE_WITH_CLAIMS)
    report: EvalReport = floors.dev_report(floors.claim_dicts(results))
    return report


@pytest.mark.slow
def test_golden_dev_floors(dev_report: EvalReport) -> None:
    _assert_floors("dev", floors.project_metrics(dev_report, floors.SUITE_FIELDS["dev"]))


@pytest.mark.slow
def test_golden_pipeline_beats_keyword_baseline_on_dev(dev_report: EvalReport) -> None:
    gold = load_gold(DEV)
    predicted = [claim for doc in gold.values() for claim in baseline_claims(doc.id, doc.text or "")]
    baseline = score_claims(predicted, gold)
    assert _detection_f1(dev_report) > _detection_f1(baseline)
    same_category = dev_report.to_dict()["typed"]["f1"]
    assert same_category > baseline.to_dict()["typed"]["f1"]


@pytest.mark.slow
def test_golden_articles_dev_floors(extractor) -> None:  # type: ignore[no-untyped-def]
    """The invented whole-article dev set: periods, sources and sides read from document context."""
    results = floors.run_pipeline(extractor, [floors.ARTICLES_DEV])
    assert_produced_claims(results, min_share=0.8)
    report = floors.dev_report(floors.claim_dicts(results), floors.ARTICLES_DEV)
    _assert_floors("articles_dev", floors.project_metrics(report, floors.SUITE_FIELDS["articles_dev"]))


@pytest.mark.slow
def test_golden_realdev_floors(extractor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """../shared/realdev, scored by its reference scorer (the figures of ``realdev-check --json``)."""
    if not floors.realdev_available():
        pytest.skip(f"{floors.REALDEV} is absent: no realdev to score")
    results = floors.run_pipeline(extractor, [floors.realdev_input(tmp_path)])
    assert_produced_claims(results, min_share=MIN_SHARE_WITH_CLAIMS)
    scores = floors.reference_scores(floors.claim_dicts(results), tmp_path)
    _assert_floors("realdev", floors.reference_metrics(scores, floors.SUITE_FIELDS["realdev"]))


# -- the baseline file --------------------------------------------------------


def test_golden_baseline_holds_every_suite_measured_minus_margin() -> None:
    """Each suite records its gold files and one floor per figure, and each floor
    is its measured figure minus the margin (never under a required bar)."""
    baseline = floors.load_baseline()
    margin = float(baseline["margin"])
    assert set(baseline["suites"]) == set(floors.SUITE_FIELDS)
    for name, suite in baseline["suites"].items():
        assert set(suite["gold"]) == set(floors.SUITE_GOLD[name]), name
        expected_metrics = {"detection_f1", *floors.SUITE_FIELDS[name]}
        assert set(suite["floors"]) == set(suite["measured"]) == expected_metrics, name
        required = suite.get("required", {})
        for metric, floor in suite["floors"].items():
            assert floor == floors.floor_of(suite["measured"][metric], margin, required.get(metric)), (name, metric)


def test_golden_baseline_gold_is_the_gold_on_disk() -> None:
    """The floors were measured on the gold files as they are (the fast suite's check of what the slow floors use)."""
    for name in floors.SUITE_FIELDS:
        if name != "realdev" or floors.realdev_available():
            _floors(name)


def test_golden_baseline_changed_gold_asks_for_a_remeasure() -> None:
    baseline = floors.load_baseline()
    assert floors.suite_floors("dev", baseline)  # the recorded hash is the dev set on disk
    stale = copy.deepcopy(baseline)
    stale["suites"]["dev"]["gold"]["corpus/labeled/dev.jsonl"] = "0" * 64
    with pytest.raises(floors.BaselineError, match=r"dev\.jsonl changed .* re-measure and update the baseline"):
        floors.suite_floors("dev", stale)


def _dev_baseline(measured: dict[str, float], floor: float, required: dict[str, float] | None = None) -> dict[str, Any]:
    suite: dict[str, Any] = {"gold": {}, "measured": dict(measured), "floors": dict.fromkeys(measured, floor)}
    if required:
        suite["required"] = required
    return {"margin": 0.02, "suites": {"dev": suite}}


@pytest.mark.parametrize(
    ("new", "allow_lower", "written", "floor"),
    [
        (0.95, False, True, 0.93),  # unchanged
        (0.97, False, True, 0.95),  # a better figure raises the floor
        (0.90, False, False, 0.93),  # lowering is refused ...
        (0.90, True, True, 0.88),  # ... unless asked for
    ],
)
def test_golden_baseline_update_refuses_to_lower_unless_asked(
    new: float, allow_lower: bool, written: bool, floor: float
) -> None:
    baseline = _dev_baseline({"detection_f1": 0.95}, 0.93)
    said: list[str] = []
    assert floors.update(baseline, {"dev": {"detection_f1": new}}, allow_lower=allow_lower, say=said.append) is written
    assert baseline["suites"]["dev"]["floors"] == {"detection_f1": floor}
    assert said[0] == f"dev.detection_f1: measured 0.950 -> {new:.3f}, floor 0.93 -> {floors.floor_of(new, 0.02, None):.2f}"
    if written:
        assert baseline["suites"]["dev"]["measured"] == {"detection_f1": new}
        assert baseline["suites"]["dev"]["gold"] == {"corpus/labeled/dev.jsonl": floors.gold_hash("corpus/labeled/dev.jsonl")}


def test_golden_baseline_update_never_goes_under_the_required_bar() -> None:
    baseline = _dev_baseline({"category": 0.96}, 0.95, required={"category": 0.95})
    assert floors.update(baseline, {"dev": {"category": 0.955}}, allow_lower=True, say=lambda _: None)
    assert baseline["suites"]["dev"]["floors"] == {"category": 0.95}  # 0.955 - 0.02 is under the bar
    assert not floors.update(baseline, {"dev": {"category": 0.94}}, allow_lower=True, say=lambda _: None)
    assert baseline["suites"]["dev"]["measured"] == {"category": 0.955}


# -- optimisations that must not change the output ----------------------------


def _lines(results: Sequence[DocumentResult]) -> tuple[list[str], list[str]]:
    claims = [json.dumps(claim, sort_keys=True) for claim in floors.claim_dicts(results)]
    errors = [json.dumps(r.error.to_dict(), sort_keys=True) for r in results if r.error is not None]
    return claims, errors


@pytest.fixture(scope="module")
def reference_lines() -> tuple[list[str], list[str]]:
    """The default pipeline on the seeds and the dev set, from a fresh extractor."""
    from newsclaims.extractor import Extractor

    results = floors.run_pipeline(Extractor(load_config()), [CORPUS, DEV])
    assert_produced_claims(results, min_share=MIN_SHARE_WITH_CLAIMS)
    return _lines(results)


def _lines_with(overrides: dict[str, Any]) -> tuple[list[str], list[str]]:
    from newsclaims.extractor import Extractor

    return _lines(floors.run_pipeline(Extractor(load_config(overrides=overrides)), [CORPUS, DEV]))


@pytest.mark.slow
def test_golden_prefilter_does_not_change_output(reference_lines: tuple[list[str], list[str]]) -> None:
    """The parse prefilter is an optimisation only: claims are identical without it."""
    assert _lines_with({"parse": {"prefilter": False}}) == reference_lines


def test_golden_library_record_reads_date_marker(extractor) -> None:  # type: ignore[no-untyped-def]
    """The README's library example: a dict record with a leading date marker."""
    [claim] = extractor.extract({"id": "a1", "text": "date 2024-06-02\nRussia lost 1,200 soldiers a day in May, the ministry said."})
    assert (claim.value, claim.rate, claim.period_start, claim.period_end) == (1200.0, "day", "2024-05-01", "2024-05-31")
    with pytest.raises(ValueError, match="neither 'html' nor 'text'"):
        extractor.extract({"id": "x"})


@pytest.mark.slow
def test_golden_fast_attribute_ruler_does_not_change_output(reference_lines: tuple[list[str], list[str]]) -> None:
    """The faster attribute ruler is an optimisation only: claims are identical with spaCy's own."""
    assert _lines_with({"parse": {"fast_attribute_ruler": False}}) == reference_lines


@pytest.mark.slow
def test_golden_numpy_blas_and_lemma_cache_do_not_change_output(reference_lines: tuple[list[str], list[str]]) -> None:
    """numpy's BLAS for the models' matrix products and the lemma memo are
    optimisations only: claims are identical with blis and no memo."""
    assert _lines_with({"parse": {"numpy_blas": False, "lemma_cache_size": 0}}) == reference_lines
