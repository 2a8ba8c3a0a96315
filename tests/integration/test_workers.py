"""Multi-process extraction: same output as one process, failures become error records."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from newsclaims.cli import main
from newsclaims.config import load_config
from newsclaims.io.readers import iter_documents
from newsclaims.records import Claim, Document, DocumentResult, ErrorRecord
from newsclaims.runners import local as workers
from newsclaims.runners.local import ParallelExtractor, extract_chunk, resolve_workers

from equivalence import assert_output_produced_claims, assert_produced_claims

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
RULES = {"classifier": {"name": "newsclaims.classifier.rules.v1"}}


def make_corpus(folder: Path, copies: int = 2) -> Path:
    """The seeds, ``copies`` seed copies with shifted numbers, one HTML page and one unreadable file."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    for copy in range(copies):
        shifted = re.sub(r"\d{3,}", lambda m: _shift(m.group(), 7 * (copy + 1)), texts[copy % len(texts)])  # noqa: B023 - called within the iteration
        (folder / f"copy_{copy:02d}.txt").write_text(shifted, encoding="utf-8")
    paragraphs = [p for p in texts[2].split("\n\n") if p.strip()][:6]
    body = "".join(f"<p>{p.strip()}</p>\n" for p in paragraphs)
    html = f"<html><head><title>Losses</title></head><body><nav>Home | World</nav><article>{body}</article></body></html>"
    (folder / "page.html").write_text(html, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    return folder


def _shift(number: str, by: int) -> str:
    """Another number of the same width; years (1900-2099) stay, so dates stay valid."""
    value = int(number)
    if len(number) == 4 and 1900 <= value <= 2099:
        return number
    return str(value + by).zfill(len(number))[-len(number):] if len(str(value + by)) <= len(number) else str(value - by)


def lines_of(results: Sequence[DocumentResult]) -> tuple[list[str], list[str]]:
    claims = [json.dumps(c.to_dict(), ensure_ascii=False) for r in results for c in r.claims]
    errors = [json.dumps(r.error.to_dict(), ensure_ascii=False) for r in results if r.error is not None]
    return claims, errors


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("workers") / "corpus")


@pytest.mark.parametrize(
    ("requested", "expected"),
    [(3, 3), (1, 1), (0, len(os.sched_getaffinity(0))), (-1, ValueError)],
)
def test_workers_resolve_workers(requested: int, expected: int | type[Exception]) -> None:
    if isinstance(expected, type):
        with pytest.raises(expected):
            resolve_workers(requested)
    else:
        assert resolve_workers(requested) == expected


@pytest.mark.slow
def test_workers_two_processes_match_single_process(corpus: Path, rules_extractor) -> None:  # type: ignore[no-untyped-def]
    single = list(rules_extractor.extract_many(iter_documents([corpus], max_bytes=10_000_000)))
    assert_produced_claims(single, failing={"broken.txt"})
    with ParallelExtractor(load_config(overrides=RULES), workers=2, chunk_size=2) as runner:
        parallel = list(runner.extract_many(iter_documents([corpus], max_bytes=10_000_000)))
    assert [r.doc_id for r in parallel] == [r.doc_id for r in single]  # input order, nothing dropped
    claims, errors = lines_of(parallel)
    expected_claims, expected_errors = lines_of(single)
    assert claims == expected_claims  # byte-identical, and already in the same order
    assert errors == expected_errors
    assert len(claims) > 40


@pytest.mark.slow
def test_workers_cli_two_workers_match_one(corpus: Path, tmp_path: Path) -> None:
    config = tmp_path / "rules.toml"
    config.write_text('[classifier]\nname = "newsclaims.classifier.rules.v1"\n')
    outputs = {}
    for count in ("1", "2"):
        out = tmp_path / count
        code = main(["extract", str(corpus), "-o", str(out / "c.jsonl"), "--errors", str(out / "e.jsonl"),
                     "--config", str(config), "--workers", count, "--partition-size", "3", "--no-progress"])
        assert code == 1  # broken.txt is an error record
        outputs[count] = ((out / "c.jsonl").read_bytes(), (out / "e.jsonl").read_bytes())
        assert not list(out.glob(".*"))  # no parts folder or temp file left behind
    assert_output_produced_claims(*outputs["1"], [p.name for p in corpus.iterdir()], failing={"broken.txt"})
    assert outputs["1"] == outputs["2"]


class _FlakyExtractor:
    """Raises on the whole chunk when it holds the document "bad", and on "bad" alone."""

    def extract_many(self, records: Sequence[Document | ErrorRecord]) -> Iterator[DocumentResult]:
        if any(isinstance(r, Document) and r.id == "bad" for r in records):
            raise RuntimeError("library crash")
        for record in records:
            yield DocumentResult(record.id, claims=[_claim(record.id)])


def _claim(doc_id: str) -> Claim:
    return Claim(doc_id, "5", 5.0, 5.0, 5.0, "exact", "killed", None, None, None, None, None, None, None, "s", 0, 1, 1.0)


@pytest.mark.parametrize(
    ("ids", "failed"),
    [(["a", "bad", "b"], {"bad"}), (["a", "b"], set()), (["bad"], {"bad"})],
)
def test_workers_extract_chunk_isolates_the_failing_document(ids: list[str], failed: set[str]) -> None:
    results = extract_chunk(_FlakyExtractor(), [Document(doc_id, text="x") for doc_id in ids])  # type: ignore[arg-type]
    assert [r.doc_id for r in results] == ids
    assert {r.doc_id for r in results if r.error is not None} == failed
    assert all(r.error.stage == "worker" and "library crash" in r.error.error for r in results if r.error)
    assert all(r.claims == [_claim(r.doc_id)] for r in results if r.error is None)  # the others were redone


def _fake_init(sections: dict) -> None:  # runs in the forked worker instead of loading models
    pass


def _crashing_work(records: list[Document]) -> list[DocumentResult]:
    if any(r.id == "kill" for r in records):
        os._exit(3)  # the worker process dies, as on a segfault or the OOM killer
    return [DocumentResult(r.id, claims=[_claim(r.id)]) for r in records]


def test_workers_dead_worker_becomes_error_record_and_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_init_worker", _fake_init)
    monkeypatch.setattr(workers, "_work", _crashing_work)
    ids = ["a", "b", "kill", "c", "d", "e", "f"]
    with ParallelExtractor(load_config(overrides=RULES), workers=2, chunk_size=2, start_method="fork") as runner:
        results = list(runner.extract_many(Document(doc_id, text="x") for doc_id in ids))
    assert [r.doc_id for r in results] == ids
    errors = {r.doc_id: r.error for r in results if r.error is not None}
    assert list(errors) == ["kill"]
    assert errors["kill"].stage == "worker" and "died" in errors["kill"].error
    assert all(len(r.claims) == 1 for r in results if r.doc_id != "kill")
