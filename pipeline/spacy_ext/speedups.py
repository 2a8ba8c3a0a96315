"""Speed-ups for spaCy pipelines that leave every annotation unchanged.

- ``use_numpy_blas``: the models' matrix products on numpy's BLAS (one thread)
  instead of blis;
- ``cache_lemmas``: a memo for the rule lemmatizer;
- ``single_threaded_blas``: numpy's BLAS held to one thread while parsing.

Each is checked against the plain pipeline on the labeled corpus
(tests/integration/test_golden.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from spacy.language import Language

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer


def use_numpy_blas(nlp: Language) -> None:
    """Make every model in ``nlp`` multiply matrices with numpy (its BLAS) rather than blis.

    thinc's ``NumpyOps(use_blis=False)`` is thinc's own switch for this. Only
    the Python-level products change hands; the parser's per-step C loop
    keeps blis. Call parsing inside ``single_threaded_blas()``: a BLAS thread
    pool would compete with the other worker processes for the same cores.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            node.ops = ops


def cache_lemmas(nlp: Language, max_entries: int) -> None:
    """Memoise the lemmatizer on (word, POS, morphology), the whole of what its rules read.

    spaCy's rule lemmatizer caches only some of its answers (base forms,
    the most common case, are worked out again for every token).
    """
    lemmatizer = cast("Lemmatizer", nlp.get_pipe("lemmatizer"))
    compute = lemmatizer.lemmatize
    if getattr(compute, "is_newsclaims_cache", False):
        return
    memo: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = memo.get(key)
        if lemmas is None:
            if len(memo) >= max_entries:
                memo.clear()
            lemmas = memo[key] = compute(token)
        return lemmas

    lemmatize.is_newsclaims_cache = True  # type: ignore[attr-defined]  # a marker on the function object
    lemmatizer.lemmatize = lemmatize


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """numpy's BLAS limited to one thread for the duration (one process per core)."""
    global _BLAS_CONTROLLER  # noqa: PLW0603 - one controller per process, made on first use
    if _BLAS_CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _BLAS_CONTROLLER = ThreadpoolController()
    with _BLAS_CONTROLLER.limit(limits=1, user_api="blas"):
        yield


_BLAS_CONTROLLER: Any = None
