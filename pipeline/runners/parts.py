"""Resumable, lossless batches: outputs written in committed parts, merged atomically.

A batch run writes its results into a state folder beside the claims file
(``.<claims name>.parts/``), one *part* per run of consecutive input
documents::

    part-000000000000-r000.claims.jsonl   claim lines of the part's documents
    part-000000000000-r000.errors.jsonl   error lines of the part's documents
    part-000000000000-r000.done.json      manifest: per document its input index,
                                          key, claim and error line counts

Every file is written to a temporary name (leading dot, ``.tmp``) and renamed
into place, and the manifest is renamed last: it is the part's commit mark.
A part without a manifest is not done, whatever else is on disk. When every
document is done the parts are merged, in input order, into the claims and
errors files (each again temp file then rename) and the state folder is
removed; a run killed at any point leaves either no final file or a complete
one.

``--resume`` reads the manifests and skips every input document already done,
keyed by its id and a hash of its content (``document_key``): a document whose
text changed is processed again and its stale claims are left out of the
merge, so each claim of the current input appears exactly once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newsclaims.errors import ResumeError
from newsclaims.io.writers import atomic_writer, result_lines, write_json
from newsclaims.records import Document, ErrorRecord

T = TypeVar("T")
Record = Document | ErrorRecord
STATE_VERSION = 1
_PART_NAME = re.compile(r"^part-(\d{12})-r(\d{3})\.done\.json$")


@dataclass(frozen=True, slots=True)
class Tag:
    """What rides along a document through the runners: its input position and key."""

    index: int
    key: str


@dataclass(slots=True)
class Counts:
    """Documents and claims of a merged output (the CLI's closing summary)."""

    documents: int = 0
    with_claims: int = 0
    no_claims: int = 0
    errors: int = 0
    claims: int = 0

    def add(self, n_claims: int, n_errors: int) -> None:
        """Count one document with its claim lines and error lines."""
        self.documents += 1
        self.claims += n_claims
        if n_errors:
            self.errors += 1
        elif n_claims:
            self.with_claims += 1
        else:
            self.no_claims += 1


def document_key(record: Record) -> str:
    """A stable key of one input record: its id and a hash of everything that shapes its claims."""
    digest = hashlib.blake2b(digest_size=16)
    if isinstance(record, ErrorRecord):
        fields: tuple[str, ...] = ("error", record.doc_id, record.stage, record.error)
    else:
        published = record.published.isoformat() if record.published else ""
        body = ("html", record.html) if record.html is not None else ("text", record.text or "")
        fields = ("document", record.id, *body, record.url or "", published)
    for value in fields:
        encoded = value.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))  # length-prefixed: no two field lists collide
        digest.update(encoded)
    return digest.hexdigest()


@dataclass(frozen=True)
class PartWriter:
    """Writes committed parts into a state folder; small and picklable, so Dask workers can hold one."""

    folder: str
    run: int

    def write(self, entries: list[tuple[Tag, Any]]) -> list[tuple[int, str, int, int]]:
        """Commit one part: the results of consecutive input documents, in input order.

        Returns the manifest rows ``(index, key, claim lines, error lines)``.
        """
        if not entries:
            return []
        stem = Path(self.folder) / f"part-{entries[0][0].index:012d}-r{self.run:03d}"
        rows: list[tuple[int, str, int, int]] = []
        with atomic_writer(stem.with_name(stem.name + ".claims.jsonl")) as claims_out, atomic_writer(
            stem.with_name(stem.name + ".errors.jsonl")
        ) as errors_out:
            for tag, result in entries:
                claims, errors = result_lines(result)
                claims_out.writelines(claims)
                errors_out.writelines(errors)
                rows.append((tag.index, tag.key, len(claims), len(errors)))
        manifest = {"version": STATE_VERSION, "run": self.run, "documents": rows}
        write_json(stem.with_name(stem.name + ".done.json"), manifest)
        _fsync_folder(Path(self.folder))
        return rows


@dataclass
class PartStore:
    """The state folder of one batch run: what is done, what to skip, the final merge."""

    folder: Path
    fingerprint: str
    run: int = 0
    done: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    skipped: int = 0

    @classmethod
    def open(cls, claims_path: Path, fingerprint: str, resume: bool, force: bool) -> PartStore:
        """The state folder for ``claims_path``: fresh, or the leftover one when resuming.

        Raises:
            ResumeError: a leftover folder without ``resume`` or ``force``, or one written
                with another configuration.
        """
        folder = state_folder(claims_path)
        state_file = folder / "state.json"
        if folder.exists() and not resume:
            if not force:
                raise ResumeError(
                    f"an unfinished run left its parts in {folder}; pass --resume to continue it or --force to start over"
                )
            shutil.rmtree(folder)
        store = cls(folder, fingerprint)
        if folder.exists() and state_file.exists():
            state = json.loads(state_file.read_text(encoding="utf-8"))
            if state.get("fingerprint") != fingerprint:
                raise ResumeError(
                    f"{folder} was written with another configuration or version; pass --force to start over"
                )
            store.run = int(state["runs"])
            store._load_done()
        folder.mkdir(parents=True, exist_ok=True)
        write_json(state_file, {"version": STATE_VERSION, "fingerprint": fingerprint, "runs": store.run + 1})
        return store

    def writer(self) -> PartWriter:
        return PartWriter(str(self.folder), self.run)

    def pending(self, records: Iterable[Record]) -> Iterator[tuple[Tag, Record]]:
        """The records still to do, tagged with input index and key; done ones are counted and skipped."""
        for index, record in enumerate(records):
            key = document_key(record)
            if self.done[key] > 0:
                self.done[key] -= 1
                self.matched[key] += 1
                self.skipped += 1
                continue
            yield Tag(index, key), record

    def merge(self, claims_path: Path, errors_path: Path) -> Counts:
        """Write the final outputs from every committed part, in input order, then remove the state folder."""
        counts = Counts()
        matched = Counter(self.matched)
        with atomic_writer(claims_path) as claims_out, atomic_writer(errors_path) as errors_out:
            for part_run, stem, rows in self._parts():
                with open(f"{stem}.claims.jsonl", encoding="utf-8") as claims_in, open(
                    f"{stem}.errors.jsonl", encoding="utf-8"
                ) as errors_in:
                    for _index, key, n_claims, n_errors in rows:
                        claims = [claims_in.readline() for _ in range(n_claims)]
                        errors = [errors_in.readline() for _ in range(n_errors)]
                        if part_run != self.run:
                            if matched[key] <= 0:
                                continue  # stale: this document is gone from the input or changed
                            matched[key] -= 1
                        claims_out.writelines(claims)
                        errors_out.writelines(errors)
                        counts.add(n_claims, n_errors)
        shutil.rmtree(self.folder, ignore_errors=True)
        return counts

    # -- state --------------------------------------------------------------------------

    def _parts(self) -> list[tuple[int, Path, list[tuple[int, str, int, int]]]]:
        """Committed parts sorted by first input index (then run): input order."""
        parts = []
        for path in self.folder.iterdir():
            match = _PART_NAME.match(path.name)
            if match is None:
                continue
            manifest = json.loads(path.read_text(encoding="utf-8"))
            stem = path.with_name(path.name[: -len(".done.json")])
            parts.append((int(match.group(1)), int(match.group(2)), stem, [tuple(row) for row in manifest["documents"]]))
        parts.sort(key=lambda part: (part[0], part[1]))
        return [(run, stem, rows) for _first, run, stem, rows in parts]

    def _load_done(self) -> None:
        committed = set()
        for _run, stem, rows in self._parts():
            committed.add(stem.name)
            for _index, key, _claims, _errors in rows:
                self.done[key] += 1
        # Whatever is not a committed part (temp files, data files of a part whose
        # manifest never landed) is debris of the killed run.
        for path in self.folder.iterdir():
            part_stem = path.name.split(".")[0]
            if path.name != "state.json" and part_stem not in committed:
                path.unlink()


def state_folder(claims_path: Path) -> Path:
    return claims_path.with_name(f".{claims_path.name}.parts")


def contiguous_parts(items: Iterable[tuple[Tag, T]], size: int) -> Iterator[list[tuple[Tag, T]]]:
    """Group tagged items into parts of at most ``size`` consecutive input indices.

    A gap in the indices (documents skipped as done) closes the part, so a new
    part never straddles a committed one and the merge stays in input order.
    """
    part: list[tuple[Tag, T]] = []
    for tag, item in items:
        if part and (len(part) >= size or tag.index != part[-1][0].index + 1):
            yield part
            part = []
        part.append((tag, item))
    if part:
        yield part


def config_fingerprint(sections: dict[str, Any], extra: Callable[[], str] | None = None) -> str:
    """A hash of the configuration a run's parts were made with (resuming under another one is refused)."""
    text = json.dumps(sections, sort_keys=True, default=str) + (extra() if extra else "")
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable: the folder entry must reach the disk, not only the file data."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
