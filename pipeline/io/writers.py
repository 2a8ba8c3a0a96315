"""Every byte newsclaims writes: JSON line encoding and one atomic write.

The claims and errors outputs, the committed parts of a resumable run and
their manifests all go through here, so a line has one encoding wherever it
is written (merged from parts or streamed) and no file ever appears under
its final name half-written:

- ``json_line`` / ``result_lines``: a record as one JSON line (UTF-8 text,
  not ASCII-escaped, ``\\n``-terminated), exactly as the outputs hold it;
- ``atomic_writer``: write a file through a temporary name beside it,
  renamed into place only when complete (and fsynced);
- ``atomic_output``: the same for an output the user named, with ``-`` for
  stdout and a refusal to overwrite an existing file unless ``force``;
- ``write_json``: a small JSON document (a manifest, a state file), atomically.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from newsclaims.records import DocumentResult

STDOUT = "-"


def json_line(record: Mapping[str, Any]) -> str:
    """One output line: ``record`` as JSON (non-ASCII kept as is) and a newline."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def result_lines(result: DocumentResult) -> tuple[list[str], list[str]]:
    """The claim lines and error lines of one ``DocumentResult``, exactly as the outputs hold them."""
    claims = [json_line(claim.to_dict()) for claim in result.claims]
    errors = [json_line(result.error.to_dict())] if result.error is not None else []
    return claims, errors


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file beside it, renamed into place only when complete.

    The temporary name starts with a dot and ends in ``.tmp``; on any exception
    (or a kill) it is removed or left as debris, never taken for the file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_writable(path: str | Path, force: bool) -> None:
    """Refuse an existing output unless ``force`` (``-``, stdout, is always writable).

    Raises:
        FileExistsError: ``path`` exists and ``force`` is false.
    """
    target = Path(path)
    if str(path) != STDOUT and target.exists() and not force:
        raise FileExistsError(f"{target} exists; pass --force to overwrite")


@contextmanager
def atomic_output(path: str | Path, force: bool) -> Iterator[IO[str]]:
    """An output file the user named, written atomically (``atomic_writer``); ``-`` is stdout.

    Raises:
        FileExistsError: ``path`` exists and ``force`` is false.
    """
    if str(path) == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    check_writable(path, force)
    with atomic_writer(Path(path)) as handle:
        yield handle


def write_json(path: Path, value: Any) -> None:
    """Write a small JSON document (``json.dump``'s default layout) atomically."""
    with atomic_writer(path) as handle:
        json.dump(value, handle)
