"""Read input documents: directories, single files, JSONL files and stdin.

``iter_documents`` is a generator: it opens one file (or reads one JSONL line)
at a time and never holds the corpus in memory, so it can feed batch, process
and Dask runners alike.

Bad input never crashes the run and is never dropped silently: each problem
(malformed JSON, missing or mistyped field, duplicate id, bad date, oversized
or unreadable or binary file, undecodable bytes) becomes one
``ErrorRecord(doc_id, stage="read", error=...)`` in the output stream.

Document ids are labels only. An id such as ``"../../etc/x"`` is kept exactly
as given: no code in the pipeline builds a file path from an id, so such ids
are harmless and rewriting them would break the link to the caller's data.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer

from newsclaims.errors import ReadError
from newsclaims.records import Document, ErrorRecord

STAGE = "read"
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
STDIN_NAME = "stdin"

# Leading magic bytes of binary formats that are sometimes saved with a text
# extension by scrapers (a PDF or image behind a .html URL, a gzip body saved
# without decompression). NUL bytes catch the rest.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"GIF8", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
)

# Checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# On short single-byte texts charset-normalizer often scores several code
# pages equally (cp1250 and cp1252 decode most Western accents alike). Ties
# are broken by how common the code page is on the web (W3Techs usage
# ranking); cp1252 is the WHATWG decoder for "latin-1" pages anyway.
_PREFERRED_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250", "koi8_r", "koi8_u",
    "iso8859_2", "cp1256", "cp1253", "cp1254", "iso8859_5", "mac_cyrillic",
)
_PREFERRED_CODECS = tuple(codecs.lookup(name).name for name in _PREFERRED_ENCODINGS)

# "date 2024-06-02" at the very start of a plain-text dump, written by our
# scraper; whatever follows on the same line is article text.
_DATE_MARKER = re.compile(r"\A[\ufeff\s]*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def iter_documents(inputs: Iterable[str | Path], max_bytes: int) -> Iterator[Document | ErrorRecord]:
    """Yield one ``Document`` or ``ErrorRecord`` per input document, streaming.

    Args:
        inputs: each a directory (walked recursively in sorted order; every
            ``.txt``/``.html``/``.htm`` file is a document whose id is its path
            relative to the directory, with forward slashes), a single
            ``.txt``/``.html``/``.htm`` file (id = file name), a ``.jsonl``
            file (one record per line: ``id`` plus ``html`` or ``text``,
            optional ``url`` and ``published``), or ``"-"`` for JSONL on stdin.
        max_bytes: largest accepted file (or JSONL line) in bytes, 0 for no
            limit; larger ones become error records without being read
            into memory.

    Yields:
        A ``Document`` per good document, an ``ErrorRecord`` (stage "read")
        per bad one, in input order. A repeated id yields an error record for
        every occurrence after the first.
    """
    seen: dict[str, str] = {}
    for item in inputs:
        for record in _iter_input(item, max_bytes):
            if isinstance(record, Document):
                origin = str(record.metadata.get("source", record.id))
                first = seen.get(record.id)
                if first is not None:
                    yield ErrorRecord(record.id, STAGE, f"duplicate id {record.id!r} in {origin}; first seen in {first}")
                    continue
                seen[record.id] = origin
            yield record


def _iter_input(item: str | Path, max_bytes: int) -> Iterator[Document | ErrorRecord]:
    if str(item) == "-":
        yield from _iter_jsonl(sys.stdin.buffer, STDIN_NAME, max_bytes)
        return
    path = Path(item)
    if path.is_dir():
        for file_path in _walk(path):
            doc_id = file_path.relative_to(path).as_posix()
            yield _read_file(file_path, doc_id, max_bytes)
        return
    suffix = path.suffix.lower()
    if not path.exists():
        yield ErrorRecord(str(item), STAGE, f"input not found: {item}")
    elif suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as handle:
                yield from _iter_jsonl(handle, path.name, max_bytes)
        except OSError as exc:
            yield ErrorRecord(path.name, STAGE, f"cannot read {path}: {exc.strerror or exc}")
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield _read_file(path, path.name, max_bytes)
    else:
        yield ErrorRecord(
            path.name, STAGE,
            f"unsupported input {item}: expected a directory, .txt/.html/.htm, .jsonl or '-'",
        )


def _walk(root: Path) -> Iterator[Path]:
    """Yield document files under ``root`` depth first, names sorted at each level.

    Hidden entries (".git", ".DS_Store") are skipped, and symlinked
    directories are not entered, so a link loop cannot make the walk endless.
    """
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        return  # an unreadable subdirectory has no files we could report by id
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        elif entry.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            yield entry


def _read_file(path: Path, doc_id: str, max_bytes: int) -> Document | ErrorRecord:
    try:
        size = path.stat().st_size
        if 0 < max_bytes < size:
            raise ReadError(f"file is {size} bytes, over the limit of {max_bytes} bytes")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1 if max_bytes > 0 else -1)  # a file growing under us is still capped
        if 0 < max_bytes < len(data):
            raise ReadError(f"file is over the limit of {max_bytes} bytes")
        text, encoding = decode_bytes(data)
        is_html = path.suffix.lower() in HTML_SUFFIXES
        metadata: dict[str, Any] = {"encoding": encoding, "source": str(path)}
        if is_html:
            return Document(id=doc_id, html=text, metadata=metadata)
        body, published = _split_date_marker(text)
        return Document(id=doc_id, text=body, published=published, metadata=metadata)
    except ReadError as exc:
        return ErrorRecord(doc_id, STAGE, f"{path}: {exc}")
    except OSError as exc:
        return ErrorRecord(doc_id, STAGE, f"cannot read {path}: {exc.strerror or exc}")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; return the text and the encoding used.

    Order: a byte-order mark (UTF-8/16/32), else strict UTF-8, else UTF-8
    with its few invalid bytes replaced (``_repair_utf8``), else
    charset-normalizer's best guess (ties broken by web prevalence).

    Raises:
        ReadError: the bytes look binary or cannot be decoded.
    """
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReadError(f"binary content ({kind} file), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from exc
            if "\x00" in text:
                raise ReadError("binary content (NUL characters), not text")
            return text, encoding
    if b"\x00" in data:
        raise ReadError("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = _repair_utf8(data)
    if repaired is not None:
        return repaired, "utf-8/replace"
    return _detect(data)


# A UTF-8 file with a few corrupt bytes (a truncated download, a bad copy) is
# still UTF-8: when its valid multibyte characters outnumber its invalid
# sequences this many times, the bad bytes become U+FFFD instead of sending the
# whole file to code-page detection, which turned such pages into mojibake or
# refused them. Legacy code pages almost never form valid multibyte sequences
# (cp1251 and cp1252 letters are followed by ASCII or other letters, not by
# 0x80-0xBF continuation bytes), so they stay far below the ratio.
_UTF8_REPAIR_RATIO = 20


def _repair_utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    replacements = text.count("\ufffd")
    invalid = replacements - data.count("\ufffd".encode("utf-8"))
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - replacements
    if invalid > 0 and valid_non_ascii >= _UTF8_REPAIR_RATIO * invalid:
        return text
    return None


def _detect(data: bytes) -> tuple[str, str]:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise ReadError("cannot detect the text encoding (not UTF-8 and no code page fits)")
    best = min((m.chaos, -m.coherence) for m in matches)
    # Every code page that scores best, including those charset-normalizer
    # found to decode these bytes identically to a scored one.
    tied = [name for m in matches if (m.chaos, -m.coherence) == best for name in (m.could_be_from_charset or [m.encoding])]
    chosen = min(tied, key=_encoding_rank)
    try:
        return data.decode(chosen), chosen
    except (UnicodeDecodeError, LookupError) as exc:  # defensive: the detector decoded it already
        raise ReadError(f"cannot decode as detected encoding {chosen}: {exc}") from exc


def _encoding_rank(name: str) -> int:
    codec = codecs.lookup(name).name
    return _PREFERRED_CODECS.index(codec) if codec in _PREFERRED_CODECS else len(_PREFERRED_CODECS)


def _split_date_marker(text: str) -> tuple[str, dt.date | None]:
    """Strip a leading ``date YYYY-MM-DD`` marker; return the text and the date."""
    match = _DATE_MARKER.match(text)
    if match is None:
        return text, None
    try:
        published = dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise ReadError(f"invalid date marker {match.group(1)!r}: {exc}") from exc
    return text[match.end():], published


def _iter_jsonl(handle: BinaryIO, name: str, max_bytes: int) -> Iterator[Document | ErrorRecord]:
    chunk = max_bytes + 1 if max_bytes > 0 else -1  # -1: whole lines, no limit
    line_no = 0
    while True:
        raw = handle.readline(chunk)
        if not raw:
            return
        line_no += 1
        where = f"{name}:{line_no}"
        if 0 < max_bytes < len(raw) and not raw.endswith(b"\n"):
            # Skip the rest of the oversized line in bounded chunks.
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(chunk)
            yield ErrorRecord(where, STAGE, f"{where}: line is over the limit of {max_bytes} bytes")
            continue
        if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue  # blank lines separate nothing in JSONL; they are not records
        yield _parse_jsonl_record(raw, where)


def _parse_jsonl_record(raw: bytes, where: str) -> Document | ErrorRecord:
    doc_id = where
    try:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError(f"line is not valid UTF-8: {exc.reason} at byte {exc.start}") from exc
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
        if not isinstance(record, dict):
            raise ReadError(f"expected a JSON object, got {type(record).__name__}")
        raw_id = record.get("id")
        if not isinstance(raw_id, str) or not raw_id.strip():
            raise ReadError("missing or invalid 'id' (a non-empty string is required)")
        if _LONE_SURROGATE.search(raw_id):
            # JSON allows "\ud800" escapes; such an id could not be written to any output file.
            raise ReadError("invalid 'id': it holds a lone surrogate escape (not valid Unicode)")
        doc_id = raw_id
        return document_from_record(record, raw_id, where)
    except ReadError as exc:
        return ErrorRecord(doc_id, STAGE, f"{where}: {exc}")


def document_from_record(record: dict[str, Any], doc_id: str, where: str) -> Document:
    """A ``Document`` from one JSON record (a JSONL line or a library caller's dict).

    Raises:
        ReadError: ``html``/``text``, ``url`` or ``published`` is missing or mistyped.
    """
    html, text = record.get("html"), record.get("text")
    if html is not None and text is not None:
        raise ReadError("record has both 'html' and 'text'; give exactly one")
    if html is None and text is None:
        raise ReadError("record has neither 'html' nor 'text'")
    body = html if html is not None else text
    if not isinstance(body, str):
        key = "html" if html is not None else "text"
        raise ReadError(f"'{key}' must be a string, got {type(body).__name__}")
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        raise ReadError(f"'url' must be a string or null, got {type(url).__name__}")
    published = _parse_published(record.get("published"))
    metadata: dict[str, Any] = {"encoding": "utf-8", "source": where}
    if html is not None:
        return Document(id=doc_id, html=body, url=url, published=published, metadata=metadata)
    body, marker_date = _split_date_marker(body)
    return Document(id=doc_id, text=body, url=url, published=published or marker_date, metadata=metadata)


def _parse_published(value: Any) -> dt.date | None:
    """Accept null, an ISO date ("2024-06-02") or an ISO datetime (date part kept)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReadError(f"'published' must be an ISO date string or null, got {type(value).__name__}")
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError as exc:
        raise ReadError(f"invalid 'published' value {value!r} (expected YYYY-MM-DD)") from exc
