"""Tests for pipeline/readers.py: inputs, ids, JSONL errors, encodings, binaries, limits."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import sys
import types
import zipfile
from pathlib import Path

import pytest

from newsclaims.io.readers import iter_documents
from newsclaims.records import Document, ErrorRecord

MB = 1_000_000
CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def _read(inputs: list[str | Path], max_bytes: int = MB) -> list[Document | ErrorRecord]:
    return list(iter_documents(inputs, max_bytes))


def _errors(records: list[Document | ErrorRecord]) -> dict[str, str]:
    return {r.doc_id: r.error for r in records if isinstance(r, ErrorRecord)}


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_readers_directory_walk_is_recursive_sorted_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a" / "z" / "deep.htm").write_text("<p>deep</p>", encoding="utf-8")
    (tmp_path / "a" / "1.HTML").write_text("<p>one</p>", encoding="utf-8")
    (tmp_path / "0.txt").write_text("zero", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored: not a document type", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")  # labels, not documents
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    records = _read([tmp_path])
    assert [r.id for r in records if isinstance(r, Document)] == ["0.txt", "a/1.HTML", "a/z/deep.htm", "b/2.txt"]
    assert not _errors(records)
    by_id = {r.id: r for r in records if isinstance(r, Document)}
    assert by_id["a/1.HTML"].html == "<p>one</p>" and by_id["a/1.HTML"].text is None
    assert by_id["b/2.txt"].text == "two" and by_id["b/2.txt"].html is None


def test_readers_seed_corpus_ids_and_date_line() -> None:
    records = _read([CORPUS])
    docs = [r for r in records if isinstance(r, Document)]
    assert [d.id for d in docs] == sorted(p.name for p in CORPUS.glob("*.txt"))
    dated = {d.id: d.published for d in docs if d.published}
    assert dated == {"001_7a029ef314fae4ab.txt": dt.date(2024, 6, 2)}
    first = next(d for d in docs if d.id.startswith("001_"))
    assert first.text is not None and first.text.startswith("This audio is created with AI assistance")


def test_readers_single_file_id_is_file_name(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "article.html"
    path.parent.mkdir()
    path.write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (doc,) = _read([path])
    assert isinstance(doc, Document) and doc.id == "article.html" and doc.html is not None


@pytest.mark.parametrize(
    ("text", "expected_text", "expected_date"),
    [
        ("date 2024-06-02 First words.\nMore.", "First words.\nMore.", dt.date(2024, 6, 2)),
        (" date 2024-06-02\n\nBody.", "\n\nBody.", dt.date(2024, 6, 2)),
        ("\ufeffdate 2023-01-31 Body.", "Body.", dt.date(2023, 1, 31)),
        # Negative rows: not a leading marker, or not the marker's form.
        ("Body.\ndate 2024-06-02 later", "Body.\ndate 2024-06-02 later", None),
        ("update 2024-06-02 Body.", "update 2024-06-02 Body.", None),
        ("date of the attack 2024-06-02", "date of the attack 2024-06-02", None),
    ],
)
def test_readers_date_marker(tmp_path: Path, text: str, expected_text: str, expected_date: dt.date | None) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (doc,) = _read([tmp_path / "a.txt"])
    assert isinstance(doc, Document)
    assert doc.text == expected_text
    assert doc.published == expected_date


def test_readers_invalid_date_marker_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-13-45 Body.", encoding="utf-8")
    (record,) = _read([tmp_path / "a.txt"])
    assert isinstance(record, ErrorRecord) and record.stage == "read" and "date marker" in record.error


def test_readers_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "docs.jsonl", [
        json.dumps({"id": "ok-text", "text": "Body.", "url": "https://x.test/a", "published": "2024-06-02",
                    "claims": [{"surface": "5"}]}),
        json.dumps({"id": "ok-html", "html": "<p>Body</p>", "published": "2024-06-02T10:30:00+03:00"}),
        '{"id": "broken", "text": ',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "no id"}),
        json.dumps({"id": 17, "text": "id is a number"}),
        json.dumps({"id": "no-body"}),
        json.dumps({"id": "both", "text": "t", "html": "<p>h</p>"}),
        json.dumps({"id": "text-type", "text": ["a"]}),
        json.dumps({"id": "url-type", "text": "t", "url": 5}),
        json.dumps({"id": "bad-date", "text": "t", "published": "June 2nd"}),
        json.dumps({"id": "date-type", "text": "t", "published": 20240602}),
        json.dumps({"id": "../../etc/passwd", "text": "ids are labels, kept as given"}),
        json.dumps({"id": "ok-text", "text": "duplicate"}),
    ])
    records = _read([path])
    docs = {r.id: r for r in records if isinstance(r, Document)}
    assert set(docs) == {"ok-text", "ok-html", "../../etc/passwd"}
    assert docs["ok-text"].url == "https://x.test/a" and docs["ok-text"].published == dt.date(2024, 6, 2)
    assert docs["ok-text"].text == "Body." and docs["ok-text"].metadata["encoding"] == "utf-8"
    assert docs["ok-html"].html == "<p>Body</p>" and docs["ok-html"].published == dt.date(2024, 6, 2)
    errors = [r for r in records if isinstance(r, ErrorRecord)]
    assert all(e.stage == "read" for e in errors)
    messages = {e.doc_id: e.error for e in errors if e.doc_id != "ok-text"}
    assert "malformed JSON" in messages["docs.jsonl:3"]
    assert "JSON object" in messages["docs.jsonl:5"]
    assert "'id'" in messages["docs.jsonl:6"] and "'id'" in messages["docs.jsonl:7"]
    assert "neither" in messages["no-body"] and "both" in messages["both"]
    assert "'text' must be a string" in messages["text-type"] and "'url'" in messages["url-type"]
    assert "published" in messages["bad-date"] and "published" in messages["date-type"]
    duplicate = [e for e in errors if e.doc_id == "ok-text"]
    assert len(duplicate) == 1 and "duplicate id" in duplicate[0].error
    # Every non-blank line is accounted for: 14 records from 15 lines (one blank).
    assert len(records) == 14


def test_readers_jsonl_invalid_utf8_and_oversized_line(tmp_path: Path) -> None:
    path = tmp_path / "raw.jsonl"
    long_text = "x" * 500
    path.write_bytes(
        b'{"id": "latin", "text": "caf\xe9"}\n'
        + json.dumps({"id": "long", "text": long_text}).encode() + b"\n"
        + b'{"id": "after", "text": "still read"}\n'
    )
    records = _read([path], max_bytes=200)
    errors = _errors(records)
    assert "UTF-8" in errors["raw.jsonl:1"]
    assert "over the limit" in errors["raw.jsonl:2"]
    assert [r.id for r in records if isinstance(r, Document)] == ["after"]


def test_readers_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"id": "s1", "text": "From stdin."}) + "\nnot json\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    records = _read(["-"])
    assert isinstance(records[0], Document) and records[0].id == "s1"
    assert isinstance(records[1], ErrorRecord) and records[1].doc_id == "stdin:2"


@pytest.mark.parametrize(
    ("text", "encoding", "expected_encoding"),
    [
        ("Втрати російських військ у травні склали 38 940 осіб, повідомило Міністерство оборони України.",
         "cp1251", "cp1251"),
        ("Потери российских войск в мае составили 38 940 человек, сообщило Министерство обороны.",
         "cp1251", "cp1251"),
        ("Les pertes de l'armée russe ont été très élevées en mai, selon le ministère. Père, frère, où.",
         "latin-1", "cp1252"),  # cp1252 is latin-1's superset; the text is identical
        ("Die Verluste der russischen Armee waren im Mai so hoch wie nie. Größe, Straße, Übung.",
         "latin-1", "cp1252"),
        ("Втрати: 38 940 осіб.", "utf-16", "utf-16"),
        ("Pérdidas: 38.940.", "utf-8-sig", "utf-8-sig"),
        ("Pérdidas: 38.940.", "utf-32", "utf-32"),
        ("Plain UTF-8 — with a dash.", "utf-8", "utf-8"),
    ],
)
def test_readers_decodes_encodings(tmp_path: Path, text: str, encoding: str, expected_encoding: str) -> None:
    (tmp_path / "doc.txt").write_bytes(text.encode(encoding))
    (doc,) = _read([tmp_path / "doc.txt"])
    assert isinstance(doc, Document), doc
    assert doc.text == text
    assert codecs.lookup(doc.metadata["encoding"]).name == codecs.lookup(expected_encoding).name


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "payload", "kind"),
    [
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("page.html", gzip.compress(b"<html><body>compressed</body></html>"), "gzip"),
        ("bundle.txt", _zip_bytes(), "ZIP"),
        ("nul.txt", b"text with a \x00 NUL byte", "NUL"),
    ],
)
def test_readers_binary_files_are_errors(tmp_path: Path, name: str, payload: bytes, kind: str) -> None:
    (tmp_path / name).write_bytes(payload)
    (record,) = _read([tmp_path])
    assert isinstance(record, ErrorRecord) and record.doc_id == name and record.stage == "read"
    assert "binary" in record.error and kind in record.error


def test_readers_size_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "small.txt").write_text("x" * 100, encoding="utf-8")
    records = _read([tmp_path], max_bytes=100)
    assert "over the limit" in _errors(records)["big.txt"]
    assert [r.id for r in records if isinstance(r, Document)] == ["small.txt"]


def test_readers_duplicate_ids_across_inputs(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text("second", encoding="utf-8")
    records = _read([tmp_path / "one", tmp_path / "two"])
    assert isinstance(records[0], Document) and records[0].text == "first"
    assert isinstance(records[1], ErrorRecord) and records[1].doc_id == "a.txt"
    assert "duplicate id" in records[1].error


def test_readers_unreadable_and_missing_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "locked.txt").write_text("secret", encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # skipped by the walk, refused when named
    monkeypatch.setattr(Path, "open", guarded_open)
    records = _read([tmp_path, tmp_path / "missing.jsonl", tmp_path / "notes.pdf"])
    errors = _errors(records)
    assert "cannot read" in errors["dangling.txt"]
    assert "Permission denied" in errors["locked.txt"]
    assert "not found" in errors[str(tmp_path / "missing.jsonl")]
    assert "unsupported input" in errors["notes.pdf"]
    assert not any(isinstance(r, Document) for r in records)
    assert len(records) == 4


def test_readers_is_a_lazy_generator(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": "t"}) for i in range(3)]
    stream = iter_documents([_write_jsonl(tmp_path / "d.jsonl", lines), tmp_path / "absent.txt"], MB)
    assert next(stream).id == "d0"  # type: ignore[union-attr]
    assert not isinstance(stream, list)
