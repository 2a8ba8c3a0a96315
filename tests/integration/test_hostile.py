"""Hostile input: every document ends as claims, "no claims" or an error record.

The hostile corpus is generated here, in a temporary directory (no binary or
huge fixtures in the repository): empty and binary files, broken and legacy
encodings, a 50 MB page, HTML nested 10,000 levels deep, a 200,000-character
sentence, a table of 10,000 numbers, non-English articles, and a JSONL feed
with malformed lines, mistyped fields, duplicate and path-like ids. Each case
states its outcome (status, stage, cause) and the batch run checks all of them,
plus the invariant: documents with claims + no claims + errors = input
documents. Further tests cover the per-document budgets (pipeline/budget.py),
the command line's exit code and outputs, and model-file safety.

The article texts below are written for these tests.
"""

from __future__ import annotations

import ast
import codecs
import gzip
import hashlib
import json
import random
import re
import shutil
import signal
import struct
import threading
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclaims import cli
from newsclaims import extractor as run_module
from newsclaims.budget import (
    BudgetExceeded,
    DocumentTimeout,
    check_document_size,
    check_parse_load,
    time_limit,
    timer_available,
)
from newsclaims.config import load_config
from newsclaims.errors import EXIT_FAILED_DOCUMENTS
from newsclaims.extractor import STAGES, Extractor
from newsclaims.io.readers import iter_documents
from newsclaims.records import Document, DocumentResult, ErrorRecord
from newsclaims.settings import RunSettings
from newsclaims.stages.classify.model import META_FILE, MODEL_FILE, ModelError, library_versions, load_category_model

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "models" / "category_logreg"
MB = 1_000_000

# Two paragraphs, four loss claims (14 killed, 37 wounded, 6 and 11 equipment).
EN_ARTICLE = (
    "The regional governor said on Tuesday that 14 civilians were killed and 37 were wounded "
    "when shells hit the market in the town centre.\n\n"
    "The defence ministry said its forces had destroyed 6 tanks and 11 armoured vehicles near "
    "the river crossing over the past day."
)
# English with characters outside ASCII, for the legacy and UTF-16 encodings.
EN_LATIN1 = EN_ARTICLE.replace("the market", "the café terrace")
EN_UTF16 = EN_ARTICLE.replace("the market", "the city’s covered market")
QUIET_TEXT = (
    "The weather was mild on Sunday and the market in the old town reopened after the holidays, "
    "with traders selling bread, honey and flowers along the river."
)
BUDGET_TEXT = "The city council approved a budget of 3 million euros for 12 new schools, the mayor said on Monday."
RUSSIAN = (
    "По словам местных властей, в результате ночного обстрела погибли 12 человек, ещё 30 получили "
    "ранения. Министерство обороны сообщило, что за сутки было уничтожено пять танков."
)
UKRAINIAN = (
    "За словами голови обласної адміністрації, у вівторок внаслідок обстрілу ринку загинули 14 мирних "
    "жителів, ще 37 отримали поранення. Міністерство оборони повідомило про знищення 6 танків."
)
GERMAN = (
    "Nach Angaben der Regionalverwaltung wurden bei dem Beschuss am Dienstag 14 Zivilisten getötet und "
    "37 weitere verletzt. Das Verteidigungsministerium teilte mit, man habe 6 Panzer zerstört."
)
FRENCH = (
    "Selon le gouverneur régional, 14 civils ont été tués et 37 blessés mardi lorsque des obus ont "
    "frappé le marché du centre-ville. Le ministère a annoncé la destruction de 6 chars."
)
# Words for run-on text: no digits, no number words, no sentence ends.
FILLER_WORDS = (
    "the convoy moved along the road past farms and fields while residents waited near the station "
    "for news from relatives and volunteers carried water blankets and bread to the shelters as "
    "engineers repaired the bridge and the power lines under grey skies"
).split()


# ------------------------------------------------------------------ the corpus


@dataclass(frozen=True)
class Case:
    """One input document and the outcome it must have."""

    doc_id: str
    status: str  # "claims", "no_claims" or "error"
    stage: str | None = None  # for errors: the stage named in the record
    cause: str = ""  # for errors: a regular expression the message must match


def _run_on_sentence(length: int, with_numbers: bool) -> str:
    """One sentence of ``length`` characters: a loss claim, then filler joined by "and"/commas."""
    rng = random.Random(6)
    parts = ["The regional governor said 14 civilians were killed and 37 were wounded when Russian artillery shelled the town"]
    size = len(parts[0])
    while size < length:
        words = [rng.choice(FILLER_WORDS) for _ in range(rng.randint(4, 9))]
        if with_numbers:  # a count with loss vocabulary: every piece of the sentence can hold claims
            at = rng.randint(0, len(words))
            words[at:at] = [str(rng.randint(2, 9999)), rng.choice(["killed", "wounded", "missing", "captured"])]
        part = " ".join(words)
        parts.append(part)
        size += len(part) + 2
    # Exactly ``length`` characters; a cut word is padded rather than left ending in ", ".
    return ", ".join(parts)[: length - 1].rstrip(" ,").ljust(length - 1, "s") + "."


def _numbers_table(rows: int, columns: int, labelled: bool) -> str:
    """A page with a table of ``rows * columns`` numbers; ``labelled`` rows start with a loss word."""
    rng = random.Random(7)
    labels = ["killed", "wounded", "missing", "captured"]
    body = "".join(
        "<tr>" + (f"<th>{labels[row % 4]}</th>" if labelled else "")
        + "".join(f"<td>{rng.randint(0, 99_999):,}</td>" for _ in range(columns)) + "</tr>"
        for row in range(rows)
    )
    return (
        "<html><head><title>Reported figures by district</title></head><body><article>"
        "<h1>Reported figures by district</h1>"
        "<p>The regional military administration published the table below on Monday, with the figures it "
        "received from every district since the invasion began.</p>"
        f"<table>{body}</table></article></body></html>"
    )


def _png_bytes() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def _pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _html(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return f"<!doctype html><html><head><title>News</title></head><body><article>{paragraphs}</article></body></html>"


def _write_huge_html(path: Path, size: int) -> None:
    """A well-formed page of ``size`` bytes, written in 1 MB pieces (never whole in memory)."""
    paragraph = ("<p>" + " ".join(FILLER_WORDS) + ".</p>\n").encode()
    piece = paragraph * (MB // len(paragraph))
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        written = 12
        while written < size - len(piece):
            handle.write(piece)
            written += len(piece)
        handle.write(b"</body></html>")


# Binary files named like text: (name, content).
HUGE_BYTES = 50 * MB
DEEP_HTML = (
    "<html><body>" + "<div>" * 10_000 + _html(EN_ARTICLE).split("<article>")[1].split("</article>")[0]
    + "</div>" * 10_000 + "</body></html>"
)

# File name -> (content, expected outcome). Files are walked in name order.
FILE_CASES: dict[str, tuple[bytes | None, Case]] = {
    "control.txt": (EN_ARTICLE.encode(), Case("control.txt", "claims")),
    "empty.txt": (b"", Case("empty.txt", "error", "clean", r"no usable text")),
    "whitespace.txt": (b" \n\t\r\n   \n", Case("whitespace.txt", "error", "clean", r"no usable text")),
    "empty.html": (b"", Case("empty.html", "error", "clean", r"empty HTML")),
    "scan.html": (_pdf_bytes(), Case("scan.html", "error", "read", r"binary content \(PDF file\)")),
    "photo.txt": (_png_bytes(), Case("photo.txt", "error", "read", r"binary content \(PNG file\)")),
    "gzipped.html": (gzip.compress(_html(EN_ARTICLE).encode()), Case("gzipped.html", "error", "read", r"binary content \(gzip file\)")),
    "blob.txt": (bytes(range(256)) * 4, Case("blob.txt", "error", "read", r"binary content \(NUL")),
    # ASCII English with stray bytes: the claims survive whichever code page decodes it.
    "stray_bytes.txt": (EN_ARTICLE.encode().replace(b"the market", b"the mar\xc3\x28ket \xff"), Case("stray_bytes.txt", "claims")),
    # UTF-8 with a corrupt byte: repaired as UTF-8, then recognised as Ukrainian.
    "corrupt_utf8_uk.txt": (UKRAINIAN.encode()[:41] + b"\xff" + UKRAINIAN.encode()[41:], Case("corrupt_utf8_uk.txt", "error", "language", r"'uk'")),
    "cp1251_ru.txt": (RUSSIAN.encode("cp1251"), Case("cp1251_ru.txt", "error", "language", r"skipped: detected language 'ru'")),
    "latin1_en.txt": (EN_LATIN1.encode("latin-1"), Case("latin1_en.txt", "claims")),
    "utf16_en.html": (codecs.BOM_UTF16_LE + _html(EN_UTF16).encode("utf-16-le"), Case("utf16_en.html", "claims")),
    "german.txt": (GERMAN.encode(), Case("german.txt", "error", "language", r"skipped: detected language 'de'")),
    "french.html": (_html(FRENCH).encode(), Case("french.html", "error", "language", r"skipped: detected language 'fr'")),
    "ukrainian.txt": (UKRAINIAN.encode(), Case("ukrainian.txt", "error", "language", r"skipped: detected language 'uk'")),
    "huge.html": (None, Case("huge.html", "error", "read", rf"over the limit of {20 * MB} bytes")),
    "deep.html": (DEEP_HTML.encode(), Case("deep.html", "claims")),
    "no_body.html": (
        b"<html><head><title>Front page</title><meta charset='utf-8'></head></html>",
        Case("no_body.html", "error", "clean", r"no <body>"),
    ),
    # One 200,000-character sentence: cut into pieces for spaCy, its claim found.
    "sentence.txt": (_run_on_sentence(200_000, with_numbers=False).encode(), Case("sentence.txt", "claims")),
    # The same with a number every few words: over the numbers budget before any parsing.
    "sentence_numbers.txt": (
        _run_on_sentence(200_000, with_numbers=True).encode(),
        Case("sentence_numbers.txt", "error", "parse", r"numbers to examine, over the limit of 2000 \(\[run\] max_numbers\)"),
    ),
    # A table of 10,000 numbers without loss words: no paragraph can hold a claim, nothing is parsed.
    "table.html": (_numbers_table(1000, 10, labelled=False).encode(), Case("table.html", "no_claims")),
    # The same as a casualty table (a loss word on every row): over the numbers budget before parsing.
    "casualty_table.html": (
        _numbers_table(1000, 10, labelled=True).encode(),
        Case("casualty_table.html", "error", "parse", r"1\d{4} numbers to examine, over the limit of 2000"),
    ),
    "quiet.txt": (QUIET_TEXT.encode(), Case("quiet.txt", "no_claims")),
    "budget.txt": (BUDGET_TEXT.encode(), Case("budget.txt", "no_claims")),
}

FEED = "feed.jsonl"


def _line(record: object) -> bytes:
    """One JSONL line (ASCII: non-ASCII characters, lone surrogates and NUL as escapes)."""
    return json.dumps(record).encode()


# JSONL lines (raw bytes) and their outcomes, in file order; blank lines are not records.
FEED_CASES: list[tuple[bytes, Case | None]] = [
    (_line({"id": "feed/good", "text": EN_ARTICLE}), Case("feed/good", "claims")),
    (b'{"id": "feed/broken", "text": "unterminated', Case(f"{FEED}:2", "error", "read", r"malformed JSON")),
    (b"[1, 2, 3]", Case(f"{FEED}:3", "error", "read", r"expected a JSON object, got list")),
    (_line({"text": EN_ARTICLE}), Case(f"{FEED}:4", "error", "read", r"missing or invalid 'id'")),
    (_line({"id": 42, "text": EN_ARTICLE}), Case(f"{FEED}:5", "error", "read", r"missing or invalid 'id'")),
    (b"", None),
    (_line({"id": "feed/no-body", "url": "https://example.org/a"}), Case("feed/no-body", "error", "read", r"neither 'html' nor 'text'")),
    (_line({"id": "feed/typed", "text": 12345}), Case("feed/typed", "error", "read", r"'text' must be a string, got int")),
    (_line({"id": "feed/both", "text": "a", "html": "<p>b</p>"}), Case("feed/both", "error", "read", r"both 'html' and 'text'")),
    (
        _line({"id": "feed/bad-date", "text": EN_ARTICLE, "published": "yesterday"}),
        Case("feed/bad-date", "error", "read", r"invalid 'published' value 'yesterday'"),
    ),
    (_line({"id": "feed/bad-url", "html": "<p>x</p>", "url": ["a"]}), Case("feed/bad-url", "error", "read", r"'url' must be a string")),
    (_line({"id": "feed/good", "text": QUIET_TEXT}), Case("feed/good", "error", "read", r"duplicate id 'feed/good'")),
    (b'{"id": "feed/latin1", "text": "caf\xe9 \xe0 14 killed"}', Case(f"{FEED}:13", "error", "read", r"not valid UTF-8")),
    # Ids are labels: path-like ids are kept as given and never become paths.
    (_line({"id": "../../etc/x", "text": EN_ARTICLE}), Case("../../etc/x", "claims")),
    (_line({"id": "/etc/passwd", "html": _html(EN_ARTICLE)}), Case("/etc/passwd", "claims")),
    (_line({"id": "feed/quiet", "html": _html(QUIET_TEXT)}), Case("feed/quiet", "no_claims")),
    (
        _line({"id": "feed/script", "html": "<html><body><script>document.write('14 killed')</script></body></html>"}),
        Case("feed/script", "error", "clean", r"no usable text"),
    ),
    (_line({"id": "feed/russian", "text": RUSSIAN}), Case("feed/russian", "error", "language", r"'ru'")),
    # JSON escapes for lone surrogates and NUL: replaced in text, refused in ids.
    (_line({"id": "feed/surrogate", "text": EN_ARTICLE.replace("the market", "the \ud800 market")}), Case("feed/surrogate", "claims")),
    (_line({"id": "feed/nul", "html": _html(EN_ARTICLE.replace("the market", "the \x00 market"))}), Case("feed/nul", "claims")),
    (_line({"id": "feed/\udc00", "text": EN_ARTICLE}), Case(f"{FEED}:21", "error", "read", r"lone surrogate")),
]

CASES: list[Case] = [FILE_CASES[name][1] for name in sorted(FILE_CASES)] + [c for _, c in FEED_CASES if c]


def write_hostile_corpus(root: Path) -> tuple[Path, Path]:
    """Write the corpus below ``root``: a folder of files and a JSONL feed."""
    folder = root / "inbox"
    folder.mkdir()
    for name, (content, _) in FILE_CASES.items():
        if content is None:
            _write_huge_html(folder / name, HUGE_BYTES)
        else:
            (folder / name).write_bytes(content)
    feed = root / FEED
    feed.write_bytes(b"\n".join(line for line, _ in FEED_CASES) + b"\n")
    return folder, feed


# ---------------------------------------------------------------- fixtures


# ``extractor`` (tests/conftest.py): one Extractor with the default configuration per session.


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_hostile_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def outcomes(extractor: Extractor, corpus: tuple[Path, Path]) -> list[DocumentResult]:
    started = time.perf_counter()
    max_bytes = extractor.run_settings.max_document_bytes
    results = list(extractor.extract_many(iter_documents(list(corpus), max_bytes=max_bytes)))
    # No stalled batch: pathological pages are refused by budgets, not worked through.
    assert time.perf_counter() - started < 60
    return results


def _case_id(case: Case) -> str:
    return case.doc_id


# ---------------------------------------------------------------- the batch


def test_hostile_batch_accounts_for_every_input_document(outcomes: list[DocumentResult]) -> None:
    inputs = len(FILE_CASES) + sum(1 for line, _ in FEED_CASES if line.strip())
    counts = Counter(result.status for result in outcomes)
    assert set(counts) <= {"claims", "no_claims", "error"}
    assert counts["claims"] + counts["no_claims"] + counts["error"] == inputs == len(CASES)
    assert [r.doc_id for r in outcomes] == [c.doc_id for c in CASES]
    # Every kind of outcome occurs, so the invariant is not met trivially.
    assert min(counts.values()) >= 3


@pytest.mark.parametrize("index", range(len(CASES)), ids=[_case_id(c) for c in CASES])
def test_hostile_case_outcome(outcomes: list[DocumentResult], index: int) -> None:
    case, result = CASES[index], outcomes[index]
    assert result.doc_id == case.doc_id
    assert result.status == case.status, result.error
    if case.status == "error":
        assert result.error is not None and result.error.doc_id == case.doc_id
        assert result.error.stage == case.stage and result.error.stage in STAGES
        assert re.search(case.cause, result.error.error), result.error.error
    else:
        assert result.error is None
        assert all(claim.doc_id == case.doc_id for claim in result.claims)


def test_hostile_decoded_text_reaches_the_claims(outcomes: list[DocumentResult]) -> None:
    by_id = {r.doc_id: r for r in outcomes if r.status == "claims"}
    latin1 = {c.surface: c for c in by_id["latin1_en.txt"].claims}
    assert "café" in latin1["14"].sentence and latin1["14"].category == "killed"
    utf16 = {c.surface: c for c in by_id["utf16_en.html"].claims}
    assert "city’s" in utf16["37"].sentence and utf16["37"].category == "wounded"
    # The deep page's text sits below lxml's 256-level limit and is recovered.
    assert {c.surface for c in by_id["deep.html"].claims} >= {"14", "37"}
    # The run-on sentence: its claim is found, and no claim is invented from the filler.
    assert [c.surface for c in by_id["sentence.txt"].claims] == ["14", "37"]
    control = sorted((c.surface, c.category) for c in by_id["control.txt"].claims)
    for doc_id in ("../../etc/x", "/etc/passwd", "feed/good", "stray_bytes.txt"):
        assert sorted((c.surface, c.category) for c in by_id[doc_id].claims) == control


def test_hostile_generated_pages_are_what_they_claim_to_be() -> None:
    sentence = _run_on_sentence(200_000, with_numbers=False)
    assert len(sentence) == 200_000 and not re.search(r"[.!?]", sentence[:-1])
    for labelled in (False, True):
        assert len(re.findall(r"<td>([\d,]+)</td>", _numbers_table(1000, 10, labelled))) == 10_000
    assert DEEP_HTML.count("<div>") == 10_000


def test_hostile_huge_page_is_refused_unread(corpus: tuple[Path, Path]) -> None:
    huge = corpus[0] / "huge.html"
    assert huge.stat().st_size >= HUGE_BYTES - MB
    tracemalloc.start()
    try:
        records = list(iter_documents([huge], max_bytes=20 * MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MB  # the file was never read into memory (no wall-clock check: CI machines are noisy)
    assert len(records) == 1 and isinstance(records[0], ErrorRecord)
    assert records[0].stage == "read" and "over the limit" in records[0].error


def test_hostile_input_is_never_executed_or_unpickled(extractor: Extractor, tmp_path: Path) -> None:
    marker = tmp_path / "unpickled"
    # Protocol-0 pickle (plain ASCII): unpickling it would create ``marker``.
    payload = f"c__builtin__\nopen\n(V{marker}\nVw\ntR.".encode()
    (tmp_path / "payload.txt").write_bytes(payload)
    (tmp_path / "payload.html").write_bytes(b"<html><body><script>throw 1</script><p>" + payload + b"</p></body></html>")
    results = list(extractor.extract_many(iter_documents([tmp_path], max_bytes=MB)))
    assert [r.doc_id for r in results] == ["payload.html", "payload.txt"]
    assert all(r.status in {"no_claims", "error"} for r in results)
    assert not marker.exists()


# Calls that would turn input into code or objects.
FORBIDDEN_CALLS = {
    ("pickle", "load"), ("pickle", "loads"), ("marshal", "load"), ("marshal", "loads"),
    ("dill", "load"), ("dill", "loads"), ("cloudpickle", "load"), ("cloudpickle", "loads"),
    ("joblib", "load"), ("shelve", "open"), ("yaml", "load"), ("yaml", "unsafe_load"),
}
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__"}


def test_hostile_pipeline_code_never_unpickles_or_evaluates() -> None:
    found: list[str] = []
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS:
                found.append(f"{path.name}:{node.lineno} {func.id}()")
            elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                  and (func.value.id, func.attr) in FORBIDDEN_CALLS):
                found.append(f"{path.name}:{node.lineno} {func.value.id}.{func.attr}()")
    assert not found, found


# ---------------------------------------------------------------- command line


@pytest.mark.slow  # the whole hostile corpus through the command line
def test_hostile_cli_exit_code_outputs_and_paths(
    extractor: Extractor,
    corpus: tuple[Path, Path],
    outcomes: list[DocumentResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The CLI builds its own Extractor from the default config; reuse the
    # module's (same config) to keep model loading out of the test time.
    monkeypatch.setattr(run_module, "Extractor", lambda *args, **kwargs: extractor)
    out = tmp_path / "out"
    claims_path, errors_path = out / "claims.jsonl", out / "errors.jsonl"
    argv = ["extract", str(corpus[0]), str(corpus[1]), "-o", str(claims_path), "--errors", str(errors_path), "--no-progress"]
    assert cli.main(argv) == EXIT_FAILED_DOCUMENTS
    errors = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines()]
    expected_errors = [r.error.to_dict() for r in outcomes if r.error is not None]
    assert errors == expected_errors
    claim_ids = Counter(json.loads(line)["doc_id"] for line in claims_path.read_text(encoding="utf-8").splitlines())
    assert claim_ids == Counter({r.doc_id: len(r.claims) for r in outcomes if r.claims})
    # Output paths never leave the output directory, whatever the ids say.
    assert sorted(p.name for p in out.iterdir()) == ["claims.jsonl", "errors.jsonl"]
    assert not (out / "../../etc/x").exists() and not (tmp_path.parent / "etc").exists()
    # A clean corpus exits 0.
    clean_dir = tmp_path / "clean"
    clean_dir.mkdir()
    (clean_dir / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (clean_dir / "b.txt").write_text(QUIET_TEXT, encoding="utf-8")
    argv = ["extract", str(clean_dir), "-o", str(out / "c2.jsonl"), "--errors", str(out / "e2.jsonl"), "--no-progress"]
    assert cli.main(argv) == cli.EXIT_OK
    assert (out / "e2.jsonl").read_text(encoding="utf-8") == ""


@pytest.mark.slow
def test_hostile_cli_fail_fast_stops_at_the_first_failure(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_module, "Extractor", lambda *args, **kwargs: extractor)
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(_pdf_bytes())
    (tmp_path / "c.txt").write_text(EN_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["extract", str(tmp_path), "-o", str(out / "claims.jsonl"), "--errors", str(out / "errors.jsonl")]
    argv += ["--fail-fast", "--no-progress"]
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == EXIT_FAILED_DOCUMENTS
    assert "b.txt" in capsys.readouterr().err


# ---------------------------------------------------------------- budgets


def _with_run(extractor: Extractor, monkeypatch: pytest.MonkeyPatch, **changes: object) -> None:
    monkeypatch.setattr(extractor, "run_settings", extractor.run_settings.replace(**changes))


def test_budget_defaults_come_from_the_config() -> None:
    settings = load_config().run
    assert isinstance(settings, RunSettings)
    assert settings.max_document_bytes > 0 and settings.max_parse_chars > 0
    assert settings.max_numbers > 0 and settings.max_document_seconds > 0


@pytest.mark.parametrize(
    ("text", "max_bytes", "refused"),
    [
        ("a" * 10, 10, False),
        ("a" * 11, 10, True),
        ("é" * 5, 10, False),  # 10 bytes of UTF-8
        ("é" * 6, 10, True),  # 12 bytes, though only 6 characters
        ("€" * 4, 10, True),  # 12 bytes
        ("x" * 100, 0, False),  # 0 = no limit
        ("", 1, False),
    ],
)
def test_budget_document_size(text: str, max_bytes: int, refused: bool) -> None:
    if refused:
        with pytest.raises(BudgetExceeded, match=r"max_document_bytes"):
            check_document_size(text, max_bytes)
    else:
        check_document_size(text, max_bytes)


@pytest.mark.parametrize(
    ("texts", "max_chars", "max_numbers", "budget"),
    [
        (["14 killed", "37 wounded"], 100, 10, None),
        (["14 killed", "37 wounded"], 10, 10, "max_parse_chars"),
        (["1, 2, 3, 4"], 100, 3, "max_numbers"),
        (["12,345 and 1.5 and 7"], 100, 3, None),  # separators keep a number whole
        (["12,345 and 1.5 and 7"], 100, 2, "max_numbers"),
        (["x" * 1000, "1 2 3"], 0, 0, None),  # 0 = no limit
        ([], 1, 1, None),
    ],
)
def test_budget_parse_load(texts: list[str], max_chars: int, max_numbers: int, budget: str | None) -> None:
    if budget:
        with pytest.raises(BudgetExceeded, match=budget):
            check_parse_load(texts, max_chars, max_numbers)
    else:
        check_parse_load(texts, max_chars, max_numbers)


def test_budget_zero_switches_the_size_budget_off(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_bytes(_line({"id": "j", "text": EN_ARTICLE}) + b"\n")
    inputs = [tmp_path / "a.txt", tmp_path / "feed.jsonl"]
    assert all(isinstance(r, Document) for r in iter_documents(inputs, max_bytes=0))
    assert all(isinstance(r, ErrorRecord) for r in iter_documents(inputs, max_bytes=100))


def test_budget_in_memory_documents_obey_the_size_budget(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_run(extractor, monkeypatch, max_document_bytes=1000)
    docs = [Document(id="big", html="<p>" + "x" * 2000 + "</p>"), Document(id="small", text=EN_ARTICLE)]
    big, small = extractor.extract_many(docs)
    assert big.status == "error" and big.error is not None
    assert big.error.stage == "read" and "max_document_bytes" in big.error.error
    assert small.status == "claims"


def test_budget_parse_chars_refuse_before_parsing(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_run(extractor, monkeypatch, max_parse_chars=100)
    calls: list[int] = []
    original = extractor.nlp.pipe

    def counting_pipe(texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        calls.append(len(texts))
        return original(texts, **kwargs)

    monkeypatch.setattr(extractor.nlp, "pipe", counting_pipe)
    (result,) = extractor.extract_many([Document(id="long", text=EN_ARTICLE)])
    assert result.error is not None and result.error.stage == "parse"
    assert re.search(r"\d+ characters to parse, over the limit of 100", result.error.error)
    assert sum(calls) == 0  # spaCy never saw the document


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers need Unix")
def test_budget_time_limit_stops_a_slow_clean(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    # No wall-clock thresholds on the fast path (shared CI machines are noisy): the
    # slow document would hang for 20 s, the budget is 1 s, the normal one needs ~0.05 s.
    _with_run(extractor, monkeypatch, max_document_seconds=1.0)
    real = run_module.clean_document

    def hanging(doc, settings):  # type: ignore[no-untyped-def]
        if doc.id == "slow":
            end = time.perf_counter() + 20
            while time.perf_counter() < end:
                pass
        return real(doc, settings)

    monkeypatch.setattr(run_module, "clean_document", hanging)
    started = time.perf_counter()
    slow, fine = extractor.extract_many([Document(id="slow", text=EN_ARTICLE), Document(id="fine", text=EN_ARTICLE)])
    assert time.perf_counter() - started < 15  # far below the 20 s hang
    assert slow.error is not None and slow.error.stage == "clean"
    assert re.search(r"time budget: over 1(\.0)? s, stopped in clean \(\[run\] max_document_seconds = 1(\.0)?\)", slow.error.error)
    assert fine.status == "claims"
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0  # disarmed afterwards


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers need Unix")
def test_budget_time_limit_names_the_stalled_stage(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_run(extractor, monkeypatch, max_document_seconds=2.0)
    real = run_module.attribute_sources

    def stalling(candidates, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(c.doc_id == "stalls" for c in candidates):
            end = time.perf_counter() + 10  # a hang, bounded so a broken timer cannot hang the suite
            while time.perf_counter() < end:
                try:  # noqa: SIM105 - stands for library code with its own try/except
                    pass
                except Exception:  # noqa: BLE001 - library code that catches Exception must not swallow the timeout
                    pass
        return real(candidates, *args, **kwargs)

    monkeypatch.setattr(run_module, "attribute_sources", stalling)
    started = time.perf_counter()
    stalled, fine = extractor.extract_many([Document(id="stalls", text=EN_ARTICLE), Document(id="fine", text=EN_ARTICLE)])
    assert time.perf_counter() - started < 9  # far below the 10 s hang
    assert stalled.error is not None and stalled.error.stage == "attribution"
    assert "time budget" in stalled.error.error
    assert fine.status == "claims"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers need Unix")
@pytest.mark.parametrize("seconds", [0.05, 0.2])
def test_budget_time_limit_interrupts_and_restores(seconds: float) -> None:
    previous = signal.getsignal(signal.SIGALRM)
    started = time.perf_counter()
    with pytest.raises(DocumentTimeout), time_limit(seconds):
        while time.perf_counter() - started < 5:
            try:  # noqa: SIM105 - stands for library code with its own try/except
                sum(range(1000))
            except Exception:  # noqa: BLE001 - the timeout must get through a catch-all
                pass
    assert seconds <= time.perf_counter() - started < 4.5  # interrupted well before the loop's own 5 s end
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0
    with time_limit(seconds):  # a block that ends in time is left alone
        pass
    time.sleep(seconds + 0.05)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM timers need Unix")
def test_budget_time_limit_is_a_no_op_where_it_cannot_work() -> None:
    outcome: list[str] = []

    def in_thread() -> None:
        outcome.append(str(timer_available()))
        with time_limit(0.01):
            time.sleep(0.05)
        outcome.append("finished")

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert outcome == ["False", "finished"]
    # Zero means no limit; an outer timer keeps SIGALRM.
    with time_limit(0):
        time.sleep(0.02)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        assert not timer_available()
        with time_limit(0.01):
            time.sleep(0.05)
        assert 29 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------- model safety


def _copy_model(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(MODEL_DIR, target)
    return target


def _rewrite_meta(directory: Path, **changes: object) -> None:
    meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    meta.update(changes)
    (directory / META_FILE).write_text(json.dumps(meta), encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tamper_bytes(directory: Path) -> None:
    model = directory / MODEL_FILE
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))


def _foreign_format(directory: Path) -> None:
    _rewrite_meta(directory, format="someone-elses.model.v3")


def _other_versions(directory: Path) -> None:
    versions = dict(library_versions(), **{"scikit-learn": "0.24.2"})
    _rewrite_meta(directory, versions=versions)


def _untrusted_types(directory: Path) -> None:
    """A valid skops file that would call ``os.system``, its hash made to match the metadata."""
    import os

    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    sio.dump(Pipeline([("run", FunctionTransformer(func=os.system))]), directory / MODEL_FILE)
    _rewrite_meta(directory, sha256=_sha256(directory / MODEL_FILE))


def _missing_file(directory: Path) -> None:
    (directory / MODEL_FILE).unlink()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (_tamper_bytes, r"does not match the SHA-256 .*refusing to load it"),
        (_foreign_format, r"is not a newsclaims category model \(format 'someone-elses.model.v3'\)"),
        (_other_versions, r"saved with other library versions \(scikit-learn trained 0\.24\.2"),
        (_untrusted_types, r"holds types outside the allow-list: .*system"),
        (_missing_file, r"no category model at .*train one with `newsclaims train`"),
    ],
)
def test_model_refuses_tampered_or_foreign_files(tmp_path: Path, tamper: Callable[[Path], None], message: str) -> None:
    directory = _copy_model(tmp_path)
    assert load_category_model(directory).labels  # the untouched copy loads
    tamper(directory)
    with pytest.raises(ModelError, match=message):
        load_category_model(directory)


def test_model_path_from_the_config_is_checked_too(tmp_path: Path) -> None:
    directory = _copy_model(tmp_path)
    _tamper_bytes(directory)
    config = load_config(overrides={"classifier": {"model_path": str(directory)}})
    with pytest.raises(ModelError, match="refusing to load it"):
        Extractor(config)


class _Payload:
    """Unpickling an instance creates the file named ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def test_model_pickle_posing_as_skops_is_refused_and_never_runs(tmp_path: Path) -> None:
    import pickle

    directory = _copy_model(tmp_path)
    marker = tmp_path / "executed"
    (directory / MODEL_FILE).write_bytes(pickle.dumps(_Payload(marker)))
    _rewrite_meta(directory, sha256=_sha256(directory / MODEL_FILE))  # even with a matching hash
    with pytest.raises(ModelError, match=r"model\.skops is not a readable skops model"):
        load_category_model(directory)
    assert not marker.exists()
