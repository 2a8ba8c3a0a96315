"""Training: gold labels onto candidates, and a seeded, reproducible model."""

from __future__ import annotations

import json
from pathlib import Path

from newsclaims.config import load_config
from newsclaims.records import Candidate, Quantity
from newsclaims.train import label_candidates, train_category_model

REPO = Path(__file__).resolve().parents[2]


def _candidate(surface: str, value: float, low: float | None = None, high: float | None = None) -> Candidate:
    quantity = Quantity(surface, 0, len(surface), value, low if low is not None else value, high if high is not None else value,
                        is_range=low is not None)
    return Candidate(doc_id="d", quantity=quantity, sentence=surface, sentence_start=0)


def _gold(value: float, category: str, low: float | None = None, high: float | None = None) -> dict:
    return {"value": value, "low": low if low is not None else value, "high": high if high is not None else value, "category": category}


def test_train_labels_candidates_once_each_in_order() -> None:
    candidates = [_candidate("100", 100), _candidate("100", 100), _candidate("5", 5), _candidate("2022", 2022)]
    gold = [_gold(100, "killed"), _gold(5, "equipment")]
    assert label_candidates(candidates, gold) == ["killed", "none", "equipment", "none"]


def test_train_labels_ranges_by_both_ends() -> None:
    candidates = [_candidate("20,000 to 25,000", 20000, 20000, 25000), _candidate("20,000", 20000)]
    assert label_candidates(candidates, [_gold(20000, "killed", 20000, 25000)]) == ["killed", "none"]


def _subset(source: Path, target: Path, count: int) -> None:
    with source.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()][:count]
    target.write_text("".join(lines), encoding="utf-8")


def test_train_is_seeded_and_reproducible(tmp_path: Path) -> None:
    _subset(REPO / "corpus/labeled/train.jsonl", tmp_path / "train.jsonl", 60)
    _subset(REPO / "corpus/labeled/dev.jsonl", tmp_path / "dev.jsonl", 20)
    metrics = []
    for run in ("a", "b"):
        overrides = {"train": {"train_paths": [str(tmp_path / "train.jsonl")], "dev_path": str(tmp_path / "dev.jsonl"),
                               "output_dir": str(tmp_path / run)}}
        metrics.append(train_category_model(load_config(overrides=overrides)))
    assert metrics[0] == metrics[1]
    meta = [json.loads((tmp_path / run / "meta.json").read_text()) for run in ("a", "b")]
    assert meta[0]["training_config_hash"] != ""
    assert meta[0]["metrics"] == meta[1]["metrics"]
    assert (tmp_path / "a" / "README.md").read_text().startswith("# Category classifier")
