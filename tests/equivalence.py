"""Checks shared by the equivalence tests (workers vs one process, Dask vs local,
prefilter on/off, fast attribute ruler vs spaCy's, ...).

An equivalence test compares two runs; two runs in which every document failed,
or none produced a claim, compare equal too. Each such test therefore also
asserts, on its reference run, that the documents did produce claims.

Importable from any test module: ``tests/`` is on ``sys.path`` because
``tests/conftest.py`` is a rootdir conftest outside a package (pytest's default
``prepend`` import mode).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable

from newsclaims.records import DocumentResult


def assert_produced_claims(
    results: Iterable[DocumentResult], *, failing: Collection[str] = (), min_share: float = 1.0
) -> None:
    """The run did real work: exactly the ``failing`` documents have an error,
    and at least ``min_share`` of the others produced a claim (at least one)."""
    results = list(results)
    _check(
        [r.doc_id for r in results],
        {r.doc_id for r in results if r.claims},
        {r.doc_id: r.error.error for r in results if r.error is not None},
        failing,
        min_share,
    )


def assert_output_produced_claims(
    claims_jsonl: bytes | str,
    errors_jsonl: bytes | str,
    doc_ids: Collection[str],
    *,
    failing: Collection[str] = (),
    min_share: float = 1.0,
) -> None:
    """``assert_produced_claims`` for a run's output files (claims and errors JSONL)."""
    claims = [json.loads(line) for line in _lines(claims_jsonl)]
    errors = [json.loads(line) for line in _lines(errors_jsonl)]
    _check(list(doc_ids), {c["doc_id"] for c in claims}, {e["doc_id"]: e["error"] for e in errors}, failing, min_share)


def _lines(data: bytes | str) -> list[str]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [line for line in text.splitlines() if line.strip()]


def _check(
    doc_ids: list[str], with_claims: set[str], errors: dict[str, str], failing: Collection[str], min_share: float
) -> None:
    assert doc_ids, "no document was processed"
    assert set(errors) == set(failing), f"documents that failed: {errors} (expected to fail: {sorted(failing)})"
    healthy = [doc_id for doc_id in doc_ids if doc_id not in errors]
    assert healthy, "every document failed"
    produced = [doc_id for doc_id in healthy if doc_id in with_claims]
    assert produced and len(produced) >= min_share * len(healthy), (
        f"only {len(produced)} of {len(healthy)} documents produced claims (at least {min_share:.0%} must); "
        f"without claims: {[d for d in healthy if d not in with_claims][:10]}"
    )
