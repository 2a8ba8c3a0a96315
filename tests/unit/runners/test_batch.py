"""``run_batch`` as a library call: records or paths in, claims and errors files out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsclaims.config import load_config
from newsclaims.io.writers import result_lines
from newsclaims.records import Document, ErrorRecord
from newsclaims.runners import local
from newsclaims.runners.batch import BatchError, BatchSummary, FailFast, run_batch
from newsclaims.runners.parts import state_folder

RULES = load_config(overrides={"classifier": {"name": "newsclaims.classifier.rules.v1"}})

# Invented documents: two with loss claims, one quiet, one that cannot be
# processed (no body at all), one that failed before (a reader's error record).
LOSSES = "Russia lost 1,200 soldiers in May, the ministry said."
TANKS = "Ukrainian forces destroyed 14 Russian tanks near Avdiivka over the week, the general staff said on Sunday."
QUIET = "The town council met on Tuesday to discuss the new bus timetable and the repair of the library roof."


def _documents() -> list[Document | ErrorRecord]:
    return [
        Document("losses", text=LOSSES, published=dt.date(2024, 6, 2)),
        Document("quiet", text=QUIET),
        Document("empty", html=""),
        ErrorRecord("unreadable", "read", "binary content (NUL bytes), not text"),
        Document("tanks", text=TANKS, published=dt.date(2024, 2, 11)),
    ]


@pytest.fixture(autouse=True)
def shared_extractor(rules_extractor, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """One in-process Extractor for every run (workers=1), so no test loads the models again."""
    monkeypatch.setattr(local, "Extractor", lambda config: rules_extractor)
    return rules_extractor


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _expected(extractor, records: list[Document | ErrorRecord]) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    claims: list[str] = []
    errors: list[str] = []
    for result in extractor.extract_many(records):
        more_claims, more_errors = result_lines(result)
        claims += more_claims
        errors += more_errors
    return claims, errors


def test_batch_records_in_claims_and_errors_out(tmp_path: Path, shared_extractor) -> None:  # type: ignore[no-untyped-def]
    claims_path, errors_path = tmp_path / "out" / "claims.jsonl", tmp_path / "out" / "errors.jsonl"
    summary = run_batch(_documents(), output=claims_path, errors=errors_path, config=RULES, workers=1, partition_size=2)
    assert isinstance(summary, BatchSummary)
    assert (summary.documents, summary.with_claims, summary.no_claims, summary.errors) == (5, 2, 1, 2)
    assert summary.processed == 5 and summary.skipped == 0 and summary.seconds > 0
    claims = [json.loads(line) for line in _lines(claims_path)]
    assert summary.claims == len(claims) >= 2
    assert {claim["doc_id"] for claim in claims} == {"losses", "tanks"}  # the document after the failures too
    assert any(claim["value"] == 1200 and claim["source"] == "ministry" for claim in claims)
    errors = [json.loads(line) for line in _lines(errors_path)]
    assert [error["doc_id"] for error in errors] == ["empty", "unreadable"]
    assert errors[1] == {"doc_id": "unreadable", "stage": "read", "error": "binary content (NUL bytes), not text"}
    # The same bytes as the extractor's own results, and nothing left beside the outputs.
    assert (_lines(claims_path), _lines(errors_path)) == _expected(shared_extractor, _documents())
    assert sorted(p.name for p in claims_path.parent.iterdir()) == ["claims.jsonl", "errors.jsonl"]


def test_batch_reads_paths_like_the_command(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"date 2024-06-02\n{LOSSES}\n", encoding="utf-8")
    (corpus / "b.txt").write_text(QUIET, encoding="utf-8")
    (corpus / "c.txt").write_bytes(b"\x00\x01\x02binary")
    summary = run_batch(corpus, output=tmp_path / "c.jsonl", errors=tmp_path / "e.jsonl", config=RULES, workers=1)
    assert (summary.documents, summary.with_claims, summary.no_claims, summary.errors) == (3, 1, 1, 1)
    claims = [json.loads(line) for line in _lines(tmp_path / "c.jsonl")]
    assert {claim["doc_id"] for claim in claims} == {"a.txt"}
    assert claims[0]["period_start"] == "2024-05-01"  # "in May" of the date marker's year
    assert [json.loads(line)["stage"] for line in _lines(tmp_path / "e.jsonl")] == ["read"]


def test_batch_streams_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_extractor) -> None:  # type: ignore[no-untyped-def]
    summary = run_batch(_documents(), output="-", errors=tmp_path / "e.jsonl", config=RULES, workers=1)
    expected_claims, expected_errors = _expected(shared_extractor, _documents())
    assert capsys.readouterr().out == "".join(expected_claims)
    assert _lines(tmp_path / "e.jsonl") == expected_errors
    assert summary.claims == len(expected_claims) and summary.errors == 2


def test_batch_fail_fast_stops_then_resume_finishes(tmp_path: Path) -> None:
    claims_path, errors_path = tmp_path / "c.jsonl", tmp_path / "e.jsonl"
    with pytest.raises(FailFast, match="'empty' failed at") as stopped:
        run_batch(_documents(), output=claims_path, errors=errors_path, config=RULES, workers=1, partition_size=1,
                  fail_fast=True)
    assert stopped.value.error.doc_id == "empty"
    assert not claims_path.exists() and not errors_path.exists()
    assert state_folder(claims_path).exists()  # the two documents before it stay committed
    with pytest.raises(BatchError, match="--resume"):
        run_batch(_documents(), output=claims_path, errors=errors_path, config=RULES, workers=1)
    resumed = run_batch(_documents(), output=claims_path, errors=errors_path, config=RULES, workers=1, resume=True)
    assert (resumed.skipped, resumed.processed, resumed.documents, resumed.errors) == (2, 3, 5, 2)
    fresh = run_batch(_documents(), output=tmp_path / "c2.jsonl", errors=tmp_path / "e2.jsonl", config=RULES, workers=1)
    assert _lines(claims_path) == _lines(tmp_path / "c2.jsonl") and _lines(errors_path) == _lines(tmp_path / "e2.jsonl")
    assert fresh.documents == resumed.documents and fresh.claims == resumed.claims
    assert not state_folder(claims_path).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
        ({"partition_size": 0}, "--partition-size must be at least 1, got 0"),
        ({"output": "-", "resume": True}, "--resume and --engine dask write parts"),
        ({"engine": "dask", "fail_fast": True}, "--fail-fast is not supported with --engine dask"),
        ({"engine": "spark"}, "engine must be 'local' or 'dask'"),
    ],
)
def test_batch_refuses_options_that_do_not_fit(tmp_path: Path, changes: dict, message: str) -> None:
    arguments = {"output": tmp_path / "c.jsonl", "errors": tmp_path / "e.jsonl", "config": RULES, "workers": 1, **changes}
    with pytest.raises(BatchError, match=message):
        run_batch(_documents(), **arguments)
    assert not list(tmp_path.iterdir())  # refused before anything was written


def test_batch_existing_output_needs_force(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text("old\n", encoding="utf-8")
    with pytest.raises(BatchError, match=r"c\.jsonl exists; pass --force to overwrite"):
        run_batch(_documents(), output=tmp_path / "c.jsonl", errors=tmp_path / "e.jsonl", config=RULES, workers=1)
    assert (tmp_path / "c.jsonl").read_text(encoding="utf-8") == "old\n"
    summary = run_batch(_documents(), output=tmp_path / "c.jsonl", errors=tmp_path / "e.jsonl", config=RULES, workers=1,
                        force=True)
    assert len(_lines(tmp_path / "c.jsonl")) == summary.claims


def test_batch_inputs_are_paths_or_records_not_both(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="paths or records"):
        run_batch([tmp_path, Document("a", text=LOSSES)], output=tmp_path / "c.jsonl", errors=tmp_path / "e.jsonl",
                  config=RULES, workers=1)


def test_batch_no_documents_gives_empty_outputs(tmp_path: Path) -> None:
    summary = run_batch([], output=tmp_path / "c.jsonl", errors=tmp_path / "e.jsonl", config=RULES, workers=1)
    assert (summary.documents, summary.claims, summary.processed) == (0, 0, 0)
    assert (tmp_path / "c.jsonl").read_bytes() == (tmp_path / "e.jsonl").read_bytes() == b""
