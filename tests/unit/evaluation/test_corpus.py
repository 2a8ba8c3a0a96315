"""Tests for newsclaims.evaluation.corpus: which gold documents a corpus scores (with a claims file, no pipeline run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims.config import load_config
from newsclaims.evaluation.corpus import evaluate_corpus

from claim_cases import gold_claim, predicted, write_jsonl


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of three invented articles: one with a claim, two without."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text("The ministry said 40 sailors were killed.", encoding="utf-8")
    (folder / "a2.txt").write_text("The harbor reopened on Monday after 3 days.", encoding="utf-8")
    (folder / "a3.txt").write_text("No losses were reported.", encoding="utf-8")
    return folder


def test_mention_gold_scores_every_document_of_the_corpus(tmp_path: Path, corpus: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"doc": "a1.txt", **gold_claim("40", 40), "note": ""}])
    claims = write_jsonl(tmp_path / "claims.jsonl", [
        predicted("a1.txt", gold_claim("40", 40)),
        predicted("a2.txt", gold_claim("3", 3, "total")),  # on a claim-free document: a false positive
        predicted("zz.txt", gold_claim("9", 9)),  # not in the corpus: ignored
    ])
    result = evaluate_corpus(corpus, load_config(), gold_path=gold, claims_path=claims, with_baseline=False)
    report = result.pipeline
    assert report.gold_docs == 3
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 1, 0)
    assert [(f.doc_id, f.surface) for f in report.false_positives] == [("a2.txt", "3")]
    assert (report.ignored_predictions, report.ignored_docs) == (1, ["zz.txt"])
    assert result.baseline is None


def test_document_gold_scores_only_the_documents_it_lists(tmp_path: Path, corpus: Path) -> None:
    # A file of documents lists its claim-free documents itself ("claims": []); the others are unlabeled.
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a1.txt", "published": None, "claims": [gold_claim("40", 40)]},
        {"id": "a3.txt", "published": None, "claims": []},
    ])
    claims = write_jsonl(tmp_path / "claims.jsonl", [predicted("a1.txt", gold_claim("40", 40)),
                                                      predicted("a2.txt", gold_claim("3", 3, "total"))])
    report = evaluate_corpus(corpus, load_config(), gold_path=gold, claims_path=claims, with_baseline=False).pipeline
    assert report.gold_docs == 2
    assert (report.detection.tp, report.detection.fp, report.ignored_predictions) == (1, 0, 1)
