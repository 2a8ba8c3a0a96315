"""Extraction on dask.distributed (``--engine dask``).

The input is read once, in the client, by the same reader as a local run (so
ids, duplicate and read errors are identical), and cut into partitions of
consecutive documents. Each window of partitions becomes a Dask bag
(``dask.bag.from_delayed``, one bag partition per part) mapped with
``map_partitions``: a task extracts its partition with the worker's own
``Extractor`` (built once per worker thread and reused) and writes the
partition's claims and errors as one committed part (see ``newsclaims.runners.parts``),
returning only the small manifest. The client keeps at most two windows in
flight, so neither it nor the scheduler ever holds the corpus.

A partition that fails on the cluster (an exception that escapes, or a worker
lost repeatedly: ``KilledWorker``) is committed by the client as one error
record per document, so every input document still ends as claims, no claims
or an error.

Parts are written by the workers: with ``--scheduler`` the output folder must
be reachable from every worker (a shared file system), as for any Dask
``to_textfiles``. Dask is an optional dependency: ``pip install
'newsclaims[dask]'``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsclaims.config import PipelineConfig
from newsclaims.extractor import Extractor
from newsclaims.records import Document, DocumentResult, ErrorRecord
from newsclaims.runners.local import config_from_plain, extract_chunk, failed_result, plain_config
from newsclaims.runners.parts import PartWriter, Tag, contiguous_parts

Record = Document | ErrorRecord
ManifestRow = tuple[int, str, int, int]

# Per worker thread: Extractors are not shared between threads (spaCy's
# pipeline is not documented as thread-safe), but each thread builds its own
# only once and reuses it for every partition it runs.
_LOCAL = threading.local()


def _require_dask() -> tuple[Any, Any, Any]:
    try:
        import dask
        import dask.bag as db
        from dask import distributed
    except ImportError as exc:
        raise ImportError(
            "--engine dask needs dask.distributed: pip install 'newsclaims[dask]' (the `dask` extra)"
        ) from exc
    return dask, db, distributed


@dataclass
class DaskSettings:
    """How to reach or build the cluster, and how to cut the input."""

    scheduler: str | None = None  # address of a running scheduler; None = a LocalCluster
    n_workers: int | None = None  # LocalCluster workers (default: one per core)
    threads_per_worker: int = 1
    processes: bool = True  # LocalCluster workers as processes (False: threads of this process)
    partition_size: int = 200  # documents per partition (and per committed part)
    partitions_per_window: int | None = None  # default: 2 per worker thread


def _worker_extractor(sections: dict[str, dict[str, Any]], fingerprint: str) -> Extractor:
    cached: dict[str, Extractor] | None = getattr(_LOCAL, "extractors", None)
    if cached is None:
        cached = _LOCAL.extractors = {}
    if fingerprint not in cached:
        cached[fingerprint] = Extractor(config_from_plain(sections))
    return cached[fingerprint]


def extract_partition(
    items: list[tuple[Tag, Record]], sections: dict[str, dict[str, Any]], fingerprint: str, writer: PartWriter
) -> list[list[ManifestRow]]:
    """One bag partition: extract its documents, commit them as a part, return the manifest.

    Returns a one-element list (a bag partition is a sequence).
    """
    items = list(items)
    if not items:
        return []
    extractor = _worker_extractor(sections, fingerprint)
    results = extract_chunk(extractor, [record for _, record in items])
    return [writer.write([(tag, result) for (tag, _), result in zip(items, results, strict=True)])]


def run_dask(
    tagged: Iterable[tuple[Tag, Record]],
    config: PipelineConfig,
    writer: PartWriter,
    fingerprint: str,
    settings: DaskSettings,
    on_part: Callable[[list[ManifestRow]], None] | None = None,
) -> None:
    """Extract every tagged record on a Dask cluster, committing one part per partition.

    ``on_part`` is called in the client with each committed part's manifest rows, in
    input order (for progress and counts).

    Raises:
        ImportError: dask or distributed is not installed (names the ``dask`` extra).
    """
    dask, db, distributed = _require_dask()
    sections = plain_config(config)
    with _client(distributed, settings) as client:
        threads = sum(client.nthreads().values()) or 1
        per_window = settings.partitions_per_window or 2 * threads
        pending: deque[tuple[list[list[tuple[Tag, Record]]], list[Any]]] = deque()
        for window in _windows(contiguous_parts(tagged, settings.partition_size), per_window):
            bag = db.from_delayed([dask.delayed(part, traverse=False) for part in window])
            mapped = bag.map_partitions(extract_partition, sections, fingerprint, writer)
            pending.append((window, client.compute(mapped.to_delayed())))
            while len(pending) >= 2:
                _consume(pending.popleft(), writer, on_part)
        while pending:
            _consume(pending.popleft(), writer, on_part)


def _consume(
    submitted: tuple[list[list[tuple[Tag, Record]]], list[Any]],
    writer: PartWriter,
    on_part: Callable[[list[ManifestRow]], None] | None,
) -> None:
    """Wait for every partition of a window, in order; commit failed ones as error records."""
    window, futures = submitted
    for part, future in zip(window, futures, strict=True):
        try:
            rows = future.result()[0]
        except Exception as exc:  # noqa: BLE001 - KilledWorker, a task exception: becomes error records
            results: list[DocumentResult] = [failed_result(record, exc) for _, record in part]
            rows = writer.write([(tag, result) for (tag, _), result in zip(part, results, strict=True)])
        if on_part is not None:
            on_part(rows)


def _windows(parts: Iterator[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    window: list[list[Any]] = []
    for part in parts:
        window.append(part)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


class _client:
    """A ``distributed.Client`` on the given scheduler, or on a LocalCluster closed on exit."""

    def __init__(self, distributed: Any, settings: DaskSettings) -> None:
        self._distributed = distributed
        self._settings = settings
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> Any:
        settings = self._settings
        if settings.scheduler:
            self._client = self._distributed.Client(settings.scheduler)
        else:
            self._cluster = self._distributed.LocalCluster(
                n_workers=settings.n_workers,
                threads_per_worker=settings.threads_per_worker,
                processes=settings.processes,
                dashboard_address=None,  # no web server: batch jobs, and no port clashes
            )
            self._client = self._distributed.Client(self._cluster)
        return self._client

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
