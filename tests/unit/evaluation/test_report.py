"""Tests for newsclaims.evaluation.report: the JSON view and the plain-text report."""

from __future__ import annotations

import json

from newsclaims.evaluation.report import format_report
from newsclaims.evaluation.scores import score_claims

from claim_cases import KILLED, TANKS, gold_claim, gold_docs, predicted


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
