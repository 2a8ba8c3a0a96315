"""The trained category classifier: a scikit-learn pipeline stored with skops.

A model directory holds ``model.skops`` (the fitted DictVectorizer +
LogisticRegression), ``meta.json`` (labels, library versions, the file's
SHA-256, training-config hash, dev metrics) and ``README.md`` (the model card).
Loading refuses a file whose hash or library versions do not match, or that
holds types outside a short allow-list: nothing is unpickled blindly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from newsclaims.errors import ModelError

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
FORMAT = "newsclaims.category-model.v1"
# Libraries whose versions must match between training and loading.
VERSIONED = ("scikit-learn", "skops", "numpy", "scipy")
# Types skops may rebuild (beyond its defaults). Anything else is refused.
TRUSTED_TYPES = [
    "sklearn.pipeline.Pipeline",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.str_",
    "builtins.float",
    "builtins.int",
    "builtins.str",
    "scipy.sparse._csr.csr_matrix",
]


def library_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in VERSIONED}


@dataclass
class CategoryModel:
    """A fitted pipeline with the interface of ``classify.CategoryClassifier``."""

    pipeline: Any
    meta: dict[str, Any]

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def predict(self, features: Sequence[Mapping[str, Any]]) -> list[tuple[str, float]]:
        if not features:
            return []
        probabilities = self.pipeline.predict_proba([dict(f) for f in features])
        labels = self.labels
        results: list[tuple[str, float]] = []
        for row in probabilities:
            best = int(row.argmax())
            results.append((labels[best], float(row[best])))
        return results


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_category_model(pipeline: Any, directory: Path, meta: Mapping[str, Any], card: str) -> Path:
    """Write model, metadata and card to ``directory`` (created).

    Raises:
        ModelError: the model could not be written.
    """
    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    try:
        sio.dump(pipeline, model_path)
    except Exception as exc:
        raise ModelError(f"could not save the model to {model_path}: {exc}") from exc
    full_meta = dict(meta)
    full_meta.update(
        format=FORMAT,
        labels=[str(label) for label in pipeline.classes_],
        versions=library_versions(),
        sha256=_sha256(model_path),
    )
    (directory / META_FILE).write_text(json.dumps(full_meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(card, encoding="utf-8")
    return directory


def load_category_model(directory: Path) -> CategoryModel:
    """Load a model directory written by ``save_category_model``, after checks.

    Raises:
        ModelError: missing files, a foreign format, a hash mismatch, other
            library versions, or untrusted types inside the file.
    """
    import skops.io as sio

    meta_path, model_path = directory / META_FILE, directory / MODEL_FILE
    if not meta_path.is_file() or not model_path.is_file():
        raise ModelError(
            f"no category model at {directory} (expected {MODEL_FILE} and {META_FILE}); "
            "train one with `newsclaims train`, or set [classifier] name = \"newsclaims.classifier.rules.v1\""
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_path} is not readable JSON: {exc}") from exc
    if meta.get("format") != FORMAT:
        raise ModelError(f"{directory} is not a newsclaims category model (format {meta.get('format')!r})")
    if _sha256(model_path) != meta.get("sha256"):
        raise ModelError(f"{model_path} does not match the SHA-256 in {META_FILE}: refusing to load it")
    found = library_versions()
    wanted = meta.get("versions", {})
    mismatched = {name: (wanted.get(name), found[name]) for name in VERSIONED if wanted.get(name) != found[name]}
    if mismatched:
        detail = ", ".join(f"{name} trained {old} / installed {new}" for name, (old, new) in mismatched.items())
        raise ModelError(f"model {directory} was saved with other library versions ({detail}); retrain with `newsclaims train`")
    try:
        found_types = sio.get_untrusted_types(file=model_path)
    except Exception as exc:  # not a skops archive at all (a pickle, a zip of something else ...)
        raise ModelError(f"{model_path} is not a readable skops model: {type(exc).__name__}: {exc}") from exc
    untrusted = [name for name in found_types if name not in TRUSTED_TYPES]
    if untrusted:
        raise ModelError(f"model {model_path} holds types outside the allow-list: {', '.join(untrusted)}")
    try:
        pipeline = sio.load(model_path, trusted=found_types)
    except Exception as exc:
        raise ModelError(f"{model_path} could not be loaded: {type(exc).__name__}: {exc}") from exc
    return CategoryModel(pipeline=pipeline, meta=meta)
