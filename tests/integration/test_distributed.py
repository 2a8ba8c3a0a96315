"""Dask engine: a LocalCluster gives the single-process claims; cluster failures become error records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from newsclaims.cli import main
from newsclaims.config import load_config
from newsclaims.io.readers import iter_documents
from newsclaims.runners import dask as distributed
from newsclaims.runners.dask import DaskSettings, run_dask
from newsclaims.runners.parts import PartStore

from equivalence import assert_produced_claims
from test_workers import lines_of, make_corpus

RULES = {"classifier": {"name": "newsclaims.classifier.rules.v1"}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus")  # 9 documents


@pytest.mark.slow
def test_distributed_local_cluster_matches_single_process(corpus: Path, tmp_path: Path, rules_extractor) -> None:  # type: ignore[no-untyped-def]
    """The CLI path: LocalCluster of 2 worker processes, 2 partitions of 5 and 4 documents."""
    config = tmp_path / "rules.toml"
    config.write_text('[classifier]\nname = "newsclaims.classifier.rules.v1"\n')
    out = tmp_path / "out"
    code = main(["extract", str(corpus), "-o", str(out / "c.jsonl"), "--errors", str(out / "e.jsonl"), "--config",
                 str(config), "--engine", "dask", "--workers", "2", "--partition-size", "5", "--no-progress"])
    assert code == 1  # broken.txt is an error record
    single = list(rules_extractor.extract_many(iter_documents([corpus], max_bytes=10_000_000)))
    assert_produced_claims(single, failing={"broken.txt"})
    claims, errors = lines_of(single)
    got_claims = (out / "c.jsonl").read_text(encoding="utf-8").splitlines()
    got_errors = (out / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert got_claims == claims  # same bytes, same (input) order
    assert got_errors == errors
    assert not list(out.glob(".*"))  # parts merged and removed


def _explode(*args, **kwargs):  # type: ignore[no-untyped-def]
    raise RuntimeError("worker lost")


@pytest.mark.parametrize(("partition_size", "parts"), [(4, 3), (9, 1)])
def test_distributed_failed_partition_becomes_error_records(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partition_size: int, parts: int
) -> None:
    """Threads-only cluster (processes=False) so the patched task runs: every document ends as an error."""
    monkeypatch.setattr(distributed, "extract_partition", _explode)
    store = PartStore.open(tmp_path / "c.jsonl", "fp", resume=False, force=False)
    seen: list[int] = []
    settings = DaskSettings(n_workers=1, processes=False, partition_size=partition_size)
    records = iter_documents([corpus], max_bytes=10_000_000)
    run_dask(store.pending(records), load_config(overrides=RULES), store.writer(), "fp", settings,
             on_part=lambda rows: seen.append(len(rows)))
    assert len(seen) == parts and sum(seen) == 9
    counts = store.merge(tmp_path / "c.jsonl", tmp_path / "e.jsonl")
    errors = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert counts.errors == counts.documents == 9 and counts.claims == 0
    assert all(e["stage"] == "worker" and "worker lost" in e["error"] for e in errors)


def test_distributed_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"newsclaims\[dask\]"):
        run_dask(iter([]), load_config(overrides=RULES), None, "fp", DaskSettings())  # type: ignore[arg-type]
