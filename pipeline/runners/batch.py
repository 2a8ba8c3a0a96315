"""Batch runs: documents in, a claims file and an errors file out.

``run_batch`` is what ``newsclaims extract`` does, as a library call::

    from newsclaims import run_batch

    summary = run_batch(["corpus/"], output="claims.jsonl", errors="errors.jsonl", workers=2)
    print(summary.documents, summary.claims, summary.errors)

Every input document ends as claims (one JSON line each in ``output``), no
claims, or one error record (one line in ``errors``); a document that fails
never stops the batch (unless ``fail_fast``). Two ways to run:

- **in parts** (both outputs are files): results are committed in parts
  beside the claims file and merged into the outputs at the end
  (``newsclaims.runners.parts``), so a killed run can be continued with
  ``resume=True``; ``engine="dask"`` runs the parts on dask.distributed;
- **streaming** (an output is ``"-"``, stdout): lines are written as results
  arrive, in input order; no parts, so no resume and no Dask.

Which documents are done is keyed by each document's id and content; whether
the parts left by a killed run may be reused is decided by ``run_fingerprint``:
the configuration (minus the keys that only change speed) and a hash of the
classifier model's bytes, so a copied model or a fresh checkout resumes and a
retrained one does not.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Literal, cast

from newsclaims.config import PipelineConfig, load_config
from newsclaims.errors import BatchError, NewsclaimsError, ResumeError
from newsclaims.io.readers import iter_documents
from newsclaims.io.writers import STDOUT, atomic_output, check_writable, result_lines
from newsclaims.records import Document, ErrorRecord
from newsclaims.resources import packaged_path
from newsclaims.runners.local import ParallelExtractor, plain_config
from newsclaims.runners.parts import Counts, PartStore, config_fingerprint, state_folder

Engine = Literal["local", "dask"]
Record = Document | ErrorRecord
Input = str | os.PathLike[str]

# Settings that change how fast the output comes, never the output (each is
# checked by a test that compares claims with it on and off), so a run may be
# resumed with other values.
SPEED_ONLY_KEYS = {"run": ("workers", "batch_size"), "parse": ("numpy_blas", "lemma_cache_size")}


class FailFast(NewsclaimsError):
    """``fail_fast`` is on and a document failed: the batch stopped at it.

    ``error`` is the document's error record. The outputs are not written; in
    parts mode the documents before it stay committed for ``resume``.
    """

    def __init__(self, error: ErrorRecord) -> None:
        super().__init__(f"document {error.doc_id!r} failed at {error.stage}: {error.error}")
        self.error = error


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How one batch runs (the arguments of ``run_batch`` but the inputs and the configuration)."""

    output: str  # claims JSONL file, or "-" for stdout
    errors: str  # error records JSONL file, or "-" for stdout
    engine: Engine  # "local" processes, or "dask" (dask.distributed)
    resume: bool  # continue a killed run from its committed parts
    force: bool  # overwrite existing outputs, or drop the parts of an unfinished run
    partition_size: int  # documents per committed part and per Dask partition
    fail_fast: bool  # stop at the first document that fails (raises FailFast)
    progress: bool  # a progress bar on stderr
    scheduler: str | None  # Dask scheduler address; None = a LocalCluster on this machine

    @property
    def streaming(self) -> bool:
        """An output is stdout: lines are written as results arrive (no parts, no resume)."""
        return STDOUT in (self.output, self.errors)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch did. The first five count the merged outputs (with a resumed
    run, the documents an earlier run did too)."""

    documents: int  # input documents in the outputs
    with_claims: int  # documents with at least one claim
    no_claims: int  # documents processed without a claim
    errors: int  # documents that became an error record
    claims: int  # claim lines written
    processed: int  # documents extracted by this run
    skipped: int  # documents done by an earlier run (resume), not extracted again
    seconds: float  # wall time of the run

    @property
    def documents_per_second(self) -> float:
        """Documents extracted by this run per second of it."""
        return self.processed / max(self.seconds, 1e-9)


def run_batch(
    inputs: Input | Iterable[Input] | Iterable[Record],
    *,
    output: str | os.PathLike[str],
    errors: str | os.PathLike[str],
    config: PipelineConfig | Input | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    engine: Engine = "local",
    resume: bool = False,
    force: bool = False,
    partition_size: int = 200,
    fail_fast: bool = False,
    progress: bool | None = False,
    scheduler: str | None = None,
) -> BatchSummary:
    """Extract the claims of every input document into ``output``, its failures into ``errors``.

    Args:
        inputs: paths, read by ``iter_documents`` (folders, .txt/.html files,
            .jsonl files, ``"-"`` for JSONL on stdin), or ``Document`` /
            ``ErrorRecord`` records of your own reader (not both; a single path
            may be given alone).
        output: the claims JSONL file, or ``"-"`` for stdout.
        errors: the error records JSONL file, or ``"-"`` for stdout.
        config: a loaded configuration, a TOML file read on top of the packaged
            defaults, or None for the defaults.
        workers: worker processes (or Dask LocalCluster workers); 0 = every core;
            None = ``[run] workers`` of the configuration.
        batch_size: paragraphs per spaCy batch; None = ``[run] batch_size``.
        engine: ``"local"`` processes, or ``"dask"`` (needs the ``dask`` extra,
            and file outputs).
        resume: continue a killed run: skip the documents its parts hold (same
            id and content) and merge. Needs file outputs.
        force: overwrite existing outputs (and drop an unfinished run's parts).
        partition_size: documents per committed part and per Dask partition.
        fail_fast: stop at the first document that fails, raising ``FailFast``.
        progress: a progress bar on stderr; None = when stderr is a terminal.
        scheduler: a Dask scheduler address (``engine="dask"`` only); None = a
            LocalCluster on this machine.

    Returns:
        The counts of the outputs and the run's time (``BatchSummary``).

    Raises:
        BatchError: an option does not fit, an output exists (without ``force``),
            or an unfinished run's parts are in the way or of another configuration.
        FailFast: ``fail_fast`` and a document failed.
        ConfigError: the configuration is invalid.
        ModelError: the classifier model cannot be loaded.
    """
    loaded = _load_config(config, workers, batch_size)
    run_settings = loaded.run
    options = BatchOptions(
        output=os.fspath(output),
        errors=os.fspath(errors),
        engine=engine,
        resume=resume,
        force=force,
        partition_size=partition_size,
        fail_fast=fail_fast,
        progress=sys.stderr.isatty() if progress is None else progress,
        scheduler=scheduler,
    )
    _check(options)
    records = _records(inputs, run_settings.max_document_bytes)
    started = time.perf_counter()
    if options.streaming:
        counts, processed, skipped = _run_streaming(records, options, loaded, run_settings.workers)
    else:
        counts, processed, skipped = _run_in_parts(records, options, loaded, run_settings.workers)
    return BatchSummary(
        documents=counts.documents,
        with_claims=counts.with_claims,
        no_claims=counts.no_claims,
        errors=counts.errors,
        claims=counts.claims,
        processed=processed,
        skipped=skipped,
        seconds=time.perf_counter() - started,
    )


def run_fingerprint(config: PipelineConfig) -> str:
    """What a resumed run must share with the run that left the parts: the configuration
    (minus ``SPEED_ONLY_KEYS``) and the content of the classifier's model files.

    The model counts by its bytes, not by where it lies or when its files were
    written: ``[classifier] model_path`` is left out of the configuration part,
    so a copy of the model elsewhere, or a fresh checkout, resumes.
    """
    sections = plain_config(config)
    for section, left_out in {**SPEED_ONLY_KEYS, "classifier": ("model_path",)}.items():
        kept = sections.get(section, {})
        sections[section] = {key: value for key, value in kept.items() if key not in left_out}
    model_path = str(config.classifier.model_path)
    return config_fingerprint(sections, lambda: model_digest(packaged_path(model_path)) if model_path else "")


# Per process: (folder, its files' names and stat signatures) -> digest. A file
# written again (size, modification or change time, inode) is hashed again; an
# unchanged model is read once per process. The times only decide when to
# re-read, never the digest.
_MODEL_DIGESTS: dict[tuple[str, tuple[tuple[str, int, int, int, int], ...]], str] = {}


def model_digest(directory: Path) -> str:
    """A hash of the names and bytes of the files in ``directory`` ("" if it is no folder).

    Content only: a copy of the model with new file times, or a fresh checkout,
    gives the same digest; changed model bytes give another one.
    """
    if not directory.is_dir():
        return ""
    files = sorted((path for path in directory.iterdir() if path.is_file()), key=lambda path: path.name)
    stats = tuple((path.name, *_signature(path)) for path in files)
    key = (str(directory.resolve()), stats)
    cached = _MODEL_DIGESTS.get(key)
    if cached is None:
        digest = hashlib.blake2b(digest_size=16)
        for path in files:
            name = path.name.encode("utf-8", "surrogateescape")
            digest.update(len(name).to_bytes(8, "little"))  # length-prefixed: no two file lists collide
            digest.update(name)
            digest.update(path.stat().st_size.to_bytes(8, "little"))
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        cached = _MODEL_DIGESTS[key] = digest.hexdigest()
    return cached


def _signature(path: Path) -> tuple[int, int, int, int]:
    """Changes whenever the file is written: the change time cannot be set back by ``utime``."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


# -- setting up ------------------------------------------------------------------------


def _load_config(config: PipelineConfig | Input | None, workers: int | None, batch_size: int | None) -> PipelineConfig:
    run: dict[str, Any] = {}
    if batch_size is not None:
        run["batch_size"] = batch_size
    if workers is not None:
        run["workers"] = workers
    if not isinstance(config, PipelineConfig):
        return load_config(None if config is None else os.fspath(config), overrides={"run": run} if run else None)
    if not run:
        return config
    sections = plain_config(config)
    sections["run"] = {**sections.get("run", {}), **run}
    return load_config(overrides=sections)


def _check(options: BatchOptions) -> None:
    """Refuse options that do not fit, before anything is read or written."""
    if options.engine not in ("local", "dask"):
        raise BatchError(f"engine must be 'local' or 'dask', got {options.engine!r}")
    if options.scheduler and options.engine != "dask":
        raise BatchError("--scheduler needs --engine dask")
    if options.partition_size < 1:
        raise BatchError(f"--partition-size must be at least 1, got {options.partition_size}")
    if options.streaming and (options.resume or options.engine == "dask"):
        raise BatchError("--resume and --engine dask write parts beside the output files: give -o FILE and --errors FILE")
    if options.fail_fast and options.engine == "dask":
        raise BatchError("--fail-fast is not supported with --engine dask (partitions run concurrently)")


def _records(inputs: Input | Iterable[Input] | Iterable[Record], max_bytes: int) -> Iterator[Record]:
    """The records of ``inputs``: read from paths, or given as records."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    items: Iterator[Input | Record] = iter(inputs)
    first = next(items, None)
    if first is None:
        return iter(())
    if isinstance(first, (Document, ErrorRecord)):
        return chain([first], cast("Iterator[Record]", items))  # records: passed on as they come
    paths: list[str | Path] = []
    for item in (first, *items):
        if not isinstance(item, (str, os.PathLike)):
            raise BatchError(f"inputs are paths or records, not both: got {type(item).__name__} among paths")
        paths.append(item if isinstance(item, str) else Path(item))
    return iter_documents(paths, max_bytes=max_bytes)


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    from tqdm import tqdm

    bar = tqdm(total=None, unit="doc", disable=not enabled, file=sys.stderr, dynamic_ncols=True)
    try:
        yield bar
    finally:
        bar.close()


def _writable(*paths: str | Path, force: bool) -> None:
    try:
        for path in paths:
            check_writable(path, force)
    except FileExistsError as exc:
        raise BatchError(str(exc)) from exc


# -- running ---------------------------------------------------------------------------


def _run_streaming(records: Iterable[Record], options: BatchOptions, config: PipelineConfig, workers: int) -> tuple[Counts, int, int]:
    """Write claims and errors as results arrive (an output is stdout): no parts, no resume."""
    _writable(options.output, options.errors, force=options.force)
    counts = Counts()
    with atomic_output(options.output, options.force) as claims_out, atomic_output(
        options.errors, options.force
    ) as errors_out, ParallelExtractor(config, workers) as runner, _progress(options.progress) as bar:
        for result in runner.extract_many(records):
            if result.error is not None and options.fail_fast:
                raise FailFast(result.error)
            claims, errors = result_lines(result)
            claims_out.writelines(claims)
            errors_out.writelines(errors)
            counts.add(len(claims), len(errors))
            bar.update(1)
    return counts, counts.documents, 0


def _run_in_parts(records: Iterable[Record], options: BatchOptions, config: PipelineConfig, workers: int) -> tuple[Counts, int, int]:
    """Commit results in parts beside the output (resumable), then merge them into the outputs."""
    claims_path, errors_path = Path(options.output), Path(options.errors)
    leftover = options.resume and state_folder(claims_path).exists()
    if not leftover:
        _writable(claims_path, errors_path, force=options.force)
    try:
        store = PartStore.open(claims_path, run_fingerprint(config), resume=options.resume, force=options.force)
    except ResumeError as exc:
        raise BatchError(str(exc)) from exc
    tagged = store.pending(records)
    processed = 0
    with _progress(options.progress) as bar:
        if options.engine == "dask":
            from newsclaims.runners.dask import DaskSettings, run_dask

            def on_part(rows: list[Any]) -> None:
                nonlocal processed
                processed += len(rows)
                bar.update(len(rows))

            settings = DaskSettings(scheduler=options.scheduler, n_workers=workers or None, partition_size=options.partition_size)
            try:
                run_dask(tagged, config, store.writer(), store.fingerprint, settings, on_part=on_part)
            except ImportError as exc:
                raise BatchError(str(exc)) from exc
        else:
            writer = store.writer()
            part: list[Any] = []
            with ParallelExtractor(config, workers) as runner:
                for tag, result in runner.run(tagged):
                    if part and tag.index != part[-1][0].index + 1:
                        writer.write(part)  # a gap (documents done before): parts never straddle one
                        part = []
                    if result.error is not None and options.fail_fast:
                        writer.write(part)  # the documents before the failure stay done for resume
                        raise FailFast(result.error)
                    part.append((tag, result))
                    processed += 1
                    bar.update(1)
                    if len(part) >= options.partition_size:
                        writer.write(part)
                        part = []
                writer.write(part)
    counts = store.merge(claims_path, errors_path)
    return counts, processed, store.skipped
