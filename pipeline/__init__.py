"""newsclaims: numeric loss claims, with who made them, from news articles.

The public API is what this module exports; everything else may change
between versions. Names load on first use, so ``import newsclaims`` is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "DocumentResult",
    "ErrorRecord",
    "Extractor",
    "__version__",
    "iter_documents",
    "load_config",
    "run_batch",
]

_EXPORTS = {
    "Claim": "newsclaims.records",
    "DocumentResult": "newsclaims.records",
    "ErrorRecord": "newsclaims.records",
    "Extractor": "newsclaims.extractor",
    "iter_documents": "newsclaims.io.readers",
    "load_config": "newsclaims.config",
    "run_batch": "newsclaims.runners.batch",
}

if TYPE_CHECKING:
    from newsclaims.config import load_config
    from newsclaims.extractor import Extractor
    from newsclaims.io.readers import iter_documents
    from newsclaims.records import Claim, DocumentResult, ErrorRecord
    from newsclaims.runners.batch import run_batch


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclaims' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
