"""Extraction over several processes on one machine (``--workers N``).

Each worker process builds one ``Extractor`` in its pool initializer (models
load once per process, never per document) and receives documents in small
chunks. The parent keeps a bounded number of chunks in flight, so the corpus
is never held in memory, and consumes every future in submission order, so
results come out in input order whatever the number of workers.

No failure is fire-and-forget: a chunk that raises in a worker is retried
there document by document, and a document that still fails, or that kills
its worker process (a segfault, the OOM killer), becomes one
``ErrorRecord(doc_id, stage="worker", ...)``; the pool is rebuilt and the run
goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsclaims.config import PipelineConfig, load_config
from newsclaims.extractor import Extractor
from newsclaims.records import Document, DocumentResult, ErrorRecord

STAGE = "worker"
T = TypeVar("T")
Record = Document | ErrorRecord

# The worker process's extractor, built once by ``_init_worker``.
_EXTRACTOR: Extractor | None = None


def resolve_workers(requested: int) -> int:
    """The number of worker processes: ``requested``, or every usable core when 0.

    Raises:
        ValueError: ``requested`` is negative.
    """
    if requested < 0:
        raise ValueError(f"workers must be 0 (all cores) or more, got {requested}")
    if requested:
        return requested
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may run on, not all the machine's
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def plain_config(config: PipelineConfig) -> dict[str, dict[str, Any]]:
    """The configuration as plain dicts, which pickle (the read-only mappings do not)."""
    return {name: _plain(section) for name, section in config.sections.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def config_from_plain(sections: Mapping[str, Mapping[str, Any]]) -> PipelineConfig:
    """Rebuild (and re-validate) a configuration sent to another process."""
    return load_config(overrides=sections)


def extract_chunk(extractor: Extractor, records: Sequence[Record]) -> list[DocumentResult]:
    """Results of a chunk of records, one per record, whatever goes wrong.

    The chunk is parsed as one ``nlp.pipe`` stream; if that raises (a crash
    in a library outside the per-document error handling), each record is
    retried alone so only the culprit becomes an error record.
    """
    try:
        return list(extractor.extract_many(records))
    except Exception:  # noqa: BLE001 - isolated below, record by record
        pass
    results: list[DocumentResult] = []
    for record in records:
        try:
            results.extend(extractor.extract_many([record]))
        except Exception as exc:  # noqa: BLE001 - becomes an error record
            results.append(failed_result(record, exc))
    return results


def failed_result(record: Record, exc: BaseException | str) -> DocumentResult:
    """A ``DocumentResult`` whose error says the worker could not process the record."""
    doc_id = record.doc_id if isinstance(record, ErrorRecord) else record.id
    message = exc if isinstance(exc, str) else (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    return DocumentResult(doc_id, error=ErrorRecord(doc_id, STAGE, message))


def _init_worker(sections: dict[str, dict[str, Any]]) -> None:
    global _EXTRACTOR  # noqa: PLW0603 - the worker process's one Extractor, built by the pool initializer
    # One process per core: a BLAS or OpenMP thread pool inside each worker
    # would only oversubscribe the cores the other workers use.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _EXTRACTOR = Extractor(config_from_plain(sections))


def _work(records: list[Record]) -> list[DocumentResult]:
    assert _EXTRACTOR is not None, "worker initializer did not run"
    return extract_chunk(_EXTRACTOR, records)


class ParallelExtractor:
    """``Extractor.extract_many`` over ``workers`` processes (1 = in this process).

    Use as a context manager, or call ``close()``: the pool's processes are
    stopped when done.
    """

    def __init__(
        self,
        config: PipelineConfig,
        workers: int = 0,
        chunk_size: int = 16,
        start_method: str = "spawn",
    ) -> None:
        """Args:
            config: the pipeline configuration every worker builds its ``Extractor`` from.
            workers: processes; 0 = every usable core; 1 = no pool, extraction in this process.
            chunk_size: documents sent to a worker at once (small chunks balance the load,
                large ones cost less pickling).
            start_method: multiprocessing start method; "spawn" gives each worker a fresh
                interpreter (safe with the threads of tqdm, Dask or the caller).
        """
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
        self.config = config
        self.workers = resolve_workers(workers)
        self.chunk_size = chunk_size
        self._sections = plain_config(config)
        self._context = multiprocessing.get_context(start_method)
        self._pool: ProcessPoolExecutor | None = None
        self._local: Extractor | None = Extractor(config) if self.workers == 1 else None

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (pending work is cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def extract_many(self, records: Iterable[Record]) -> Iterator[DocumentResult]:
        """One ``DocumentResult`` per record, in input order, streaming."""
        for _, result in self.run((None, record) for record in records):
            yield result

    def run(self, items: Iterable[tuple[T, Record]]) -> Iterator[tuple[T, DocumentResult]]:
        """Like ``extract_many`` with a tag riding along each record (as spaCy's ``as_tuples``)."""
        for tags, results in self._run_chunks(_chunks(items, self.chunk_size)):
            yield from zip(tags, results, strict=True)

    # -- execution ---------------------------------------------------------------------

    def _run_chunks(self, chunks: Iterable[tuple[list[T], list[Record]]]) -> Iterator[tuple[list[T], list[DocumentResult]]]:
        if self._local is not None:
            for tags, records in chunks:
                yield tags, extract_chunk(self._local, records)
            return
        window = 2 * self.workers  # enough queued work to keep every worker busy, no more
        in_flight: deque[tuple[list[T], list[Record], Future[list[DocumentResult]]]] = deque()
        for tags, records in chunks:
            in_flight.append((tags, records, self._submit(records)))
            while len(in_flight) >= window:
                yield from self._collect(in_flight)
        while in_flight:
            yield from self._collect(in_flight)

    def _collect(self, in_flight: deque[tuple[list[T], list[Record], Future[list[DocumentResult]]]]) -> Iterator[tuple[list[T], list[DocumentResult]]]:
        """Consume the oldest future; on a dead pool, recover every chunk it took down."""
        tags, records, future = in_flight.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            lost = [(tags, records)] + [(t, r) for t, r, _ in in_flight]
            in_flight.clear()
            self._restart()
            for lost_tags, lost_records in lost:
                yield lost_tags, self._isolated(lost_records)
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a record that cannot be pickled
            results = [failed_result(record, exc) for record in records]
        if len(results) != len(records):  # never silently drop or invent a document
            results = [failed_result(record, f"worker returned {len(results)} results for {len(records)} records") for record in records]
        yield tags, results

    def _isolated(self, records: list[Record]) -> list[DocumentResult]:
        """Run records one at a time so a record that kills its worker is the only one lost."""
        results: list[DocumentResult] = []
        for record in records:
            try:
                results.extend(self._submit([record]).result())
            except BrokenProcessPool:
                results.append(failed_result(record, "worker process died while processing this document"))
                self._restart()
            except Exception as exc:  # noqa: BLE001
                results.append(failed_result(record, exc))
        return results

    def _submit(self, records: list[Record]) -> Future[list[DocumentResult]]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=self._context,
                initializer=_init_worker,
                initargs=(self._sections,),
            )
        return self._pool.submit(_work, records)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None


def _chunks(items: Iterable[tuple[T, Record]], size: int) -> Iterator[tuple[list[T], list[Record]]]:
    tags: list[T] = []
    records: list[Record] = []
    for tag, record in items:
        tags.append(tag)
        records.append(record)
        if len(records) >= size:
            yield tags, records
            tags, records = [], []
    if records:
        yield tags, records
