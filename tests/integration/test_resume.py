"""Resumable batches: atomic parts, exactly-once claims after a kill, stale parts dropped."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsclaims.config import load_config
from newsclaims.records import Claim, Document, DocumentResult, ErrorRecord
from newsclaims.resources import packaged_path
from newsclaims.runners.batch import run_fingerprint
from newsclaims.runners.parts import PartStore, ResumeError, Tag, contiguous_parts, document_key, state_folder

from test_workers import make_corpus

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (Document("a", text="x"), Document("a", text="x", metadata={"source": "elsewhere"}), True),
        (Document("a", text="x"), Document("a", text="y"), False),  # content changed
        (Document("a", text="x"), Document("b", text="x"), False),  # another id
        (Document("a", text="x"), Document("a", html="x"), False),  # same bytes, other kind
        (Document("a", text="x"), Document("a", text="x", published=dt.date(2024, 6, 2)), False),
        (Document("ab", text="c"), Document("a", text="bc"), False),  # no field-boundary collision
        (ErrorRecord("a", "read", "bad"), ErrorRecord("a", "read", "worse"), False),
        (ErrorRecord("a", "read", "x"), Document("a", text="x"), False),
    ],
)
def test_resume_document_key(left: Document | ErrorRecord, right: Document | ErrorRecord, same: bool) -> None:
    assert (document_key(left) == document_key(right)) is same


@pytest.mark.parametrize(
    ("indices", "size", "expected"),
    [
        ([0, 1, 2, 3, 4], 2, [[0, 1], [2, 3], [4]]),
        ([0, 1, 3, 4], 5, [[0, 1], [3, 4]]),  # a gap (done documents) closes the part
        ([5], 1, [[5]]),
        ([], 3, []),
    ],
)
def test_resume_contiguous_parts(indices: list[int], size: int, expected: list[list[int]]) -> None:
    parts = contiguous_parts(((Tag(i, str(i)), i) for i in indices), size)
    assert [[tag.index for tag, _ in part] for part in parts] == expected


def test_resume_fingerprint_hashes_the_model_bytes_not_its_file_times(tmp_path: Path) -> None:
    """A copy of the model (``cp -r``: new file times, another folder) or a fresh checkout resumes;
    a model whose bytes changed does not."""

    def fingerprint(model: Path) -> str:
        return run_fingerprint(load_config(overrides={"classifier": {"model_path": str(model)}}))

    shipped = packaged_path(load_config().classifier.model_path)
    copy = tmp_path / "model"
    shutil.copytree(shipped, copy)
    for path in copy.iterdir():
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # 2001: not the shipped files' times
    assert {p.name: p.stat().st_mtime_ns for p in copy.iterdir()} != {p.name: p.stat().st_mtime_ns for p in shipped.iterdir()}
    assert fingerprint(copy) == fingerprint(shipped) == run_fingerprint(load_config())
    for path in copy.iterdir():
        os.utime(path, ns=(2_000_000_000, 2_000_000_000))  # touched again, same bytes (a fresh checkout)
    assert fingerprint(copy) == fingerprint(shipped)
    model_file = copy / "model.skops"
    data = bytearray(model_file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte changed
    model_file.write_bytes(bytes(data))
    os.utime(model_file, ns=(2_000_000_000, 2_000_000_000))
    assert fingerprint(copy) != fingerprint(shipped)


def _fake_result(record: Document | ErrorRecord) -> DocumentResult:
    """A deterministic stand-in for extraction: one claim per word of the text; errors pass through."""
    if isinstance(record, ErrorRecord):
        return DocumentResult(record.doc_id, error=record)
    words = (record.text or "").split()
    claims = [Claim(record.id, w, float(i), float(i), float(i), "exact", "killed", None, None, None, None, None,
                    None, None, record.text or "", i, i + 1, 1.0) for i, w in enumerate(words)]
    return DocumentResult(record.id, claims=claims)


def _run(tmp: Path, records: list, *, resume: bool, stop_after: int | None = None, force: bool = False) -> PartStore:
    """One batch run over ``records`` with parts of 2 documents; ``stop_after`` parts simulates a kill."""
    store = PartStore.open(tmp / "claims.jsonl", "fp", resume=resume, force=force)
    writer = store.writer()
    tagged = ((tag, _fake_result(record)) for tag, record in store.pending(records))
    for count, part in enumerate(contiguous_parts(tagged, 2)):
        if stop_after is not None and count >= stop_after:
            return store
        writer.write(part)
    store.merge(tmp / "claims.jsonl", tmp / "errors.jsonl")
    return store


RECORDS = [Document(f"d{i}", text=" ".join(f"w{i}_{j}" for j in range(i % 3 + 1))) for i in range(9)] + [
    ErrorRecord("bad", "read", "binary content")
]


def test_resume_simulated_crash_gives_each_claim_once(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _run(reference, RECORDS, resume=False)
    crashed = tmp_path / "crashed"
    _run(crashed, RECORDS, resume=False, stop_after=2)
    folder = state_folder(crashed / "claims.jsonl")
    # Debris of the kill: a temp file mid-write and a part whose manifest never landed.
    (folder / ".part-000000000004-r000.claims.jsonl.123.tmp").write_text('{"doc_id": "d4", "surf')
    (folder / "part-000000000004-r000.claims.jsonl").write_text('{"doc_id": "d4"}\n')
    assert not (crashed / "claims.jsonl").exists()
    with pytest.raises(ResumeError, match="--resume"):
        PartStore.open(crashed / "claims.jsonl", "fp", resume=False, force=False)
    with pytest.raises(ResumeError, match="configuration"):
        PartStore.open(crashed / "claims.jsonl", "other", resume=True, force=False)
    store = _run(crashed, RECORDS, resume=True)
    assert store.skipped == 4  # two committed parts of two documents
    assert (crashed / "claims.jsonl").read_bytes() == (reference / "claims.jsonl").read_bytes()
    assert (crashed / "errors.jsonl").read_bytes() == (reference / "errors.jsonl").read_bytes()
    assert not folder.exists()


def test_resume_changed_document_is_redone_and_its_stale_claims_dropped(tmp_path: Path) -> None:
    _run(tmp_path, RECORDS, resume=False, stop_after=3)
    changed = list(RECORDS)
    changed[1] = Document("d1", text="new words here")
    del changed[4]  # a document gone from the input: its committed claims must not reappear
    store = _run(tmp_path, changed, resume=True)
    assert store.skipped == 4  # d0, d2, d3, d5 were done and unchanged
    claims = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    surfaces = [c["surface"] for c in claims if c["doc_id"] == "d1"]
    assert surfaces == ["new", "words", "here"]
    assert not any(c["doc_id"] == "d4" for c in claims)
    expected = sum(len(_fake_result(r).claims) for r in changed)
    assert len(claims) == expected == len({(c["doc_id"], c["start"]) for c in claims})


def _kill_when_parts_committed(command: list[str], folder: Path, parts: int, timeout: float = 120) -> int:
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if folder.exists() and len(list(folder.glob("*.done.json"))) >= parts:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    return process.wait()


@pytest.mark.slow  # a real CLI process, SIGKILLed and resumed
def test_resume_killed_cli_run_loses_no_document_and_duplicates_no_claim(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", copies=12)
    config = tmp_path / "rules.toml"
    config.write_text('[classifier]\nname = "newsclaims.classifier.rules.v1"\n')
    base = [sys.executable, "-m", "pipeline", "extract", str(corpus), "--config", str(config),
            "--workers", "1", "--partition-size", "2", "--no-progress"]
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    subprocess.run([*base, "-o", str(reference / "c.jsonl"), "--errors", str(reference / "e.jsonl")], cwd=REPO, check=False)
    command = [*base, "-o", str(killed / "c.jsonl"), "--errors", str(killed / "e.jsonl")]
    folder = state_folder(killed / "c.jsonl")
    assert _kill_when_parts_committed(command, folder, parts=2) == -signal.SIGKILL
    # Nothing a reader could take for a complete output: no final files, and every
    # committed part's data files hold exactly the lines its manifest counts.
    assert not (killed / "c.jsonl").exists() and not (killed / "e.jsonl").exists()
    manifests = sorted(folder.glob("*.done.json"))
    assert manifests
    for manifest in manifests:
        rows = json.loads(manifest.read_text())["documents"]
        stem = manifest.name[: -len(".done.json")]
        assert len((folder / f"{stem}.claims.jsonl").read_text().splitlines()) == sum(r[2] for r in rows)
    done = sum(len(json.loads(m.read_text())["documents"]) for m in manifests)
    resumed = subprocess.run([*command, "--resume"], cwd=REPO, capture_output=True, text=True, check=False)
    assert resumed.returncode == 1, resumed.stderr  # broken.txt is an error record
    assert f"{done} documents already done were skipped" in resumed.stderr
    assert (killed / "c.jsonl").read_bytes() == (reference / "c.jsonl").read_bytes()
    assert (killed / "e.jsonl").read_bytes() == (reference / "e.jsonl").read_bytes()
    claims = (killed / "c.jsonl").read_text().splitlines()
    assert len(claims) == len(set(claims)) > 50  # each claim once (no two seed claims share a line)
    assert not folder.exists()
