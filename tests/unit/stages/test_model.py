"""The stored category model: round trip, and refusal of tampered or foreign files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from newsclaims.stages.classify.model import META_FILE, MODEL_FILE, ModelError, load_category_model, save_category_model

REPO = Path(__file__).resolve().parents[3]


def _tiny_model(directory: Path) -> Path:
    pipeline = Pipeline([("features", DictVectorizer()), ("classifier", LogisticRegression())])
    pipeline.fit([{"w=killed": 1}, {"w=tank": 1}, {"w=recruit": 1}] * 3, ["killed", "equipment", "none"] * 3)
    return save_category_model(pipeline, directory, {"note": "test"}, "# card\n")


def test_model_round_trip(tmp_path: Path) -> None:
    model = load_category_model(_tiny_model(tmp_path / "m"))
    [(label, probability)] = model.predict([{"w=tank": 1}])
    assert label == "equipment" and 0 < probability <= 1
    assert set(model.labels) == {"killed", "equipment", "none"}


def test_model_refuses_tampered_file(tmp_path: Path) -> None:
    directory = _tiny_model(tmp_path / "m")
    with (directory / MODEL_FILE).open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelError, match="SHA-256"):
        load_category_model(directory)


def test_model_refuses_other_library_versions(tmp_path: Path) -> None:
    directory = _tiny_model(tmp_path / "m")
    meta = json.loads((directory / META_FILE).read_text())
    meta["versions"]["scikit-learn"] = "0.1.0"
    (directory / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="other library versions"):
        load_category_model(directory)


def test_model_refuses_foreign_and_missing(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no category model"):
        load_category_model(tmp_path / "absent")
    directory = _tiny_model(tmp_path / "m")
    meta = json.loads((directory / META_FILE).read_text())
    meta["format"] = "something.else"
    (directory / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="not a newsclaims category model"):
        load_category_model(directory)


def test_model_shipped_model_loads_and_has_a_card() -> None:
    directory = REPO / "models" / "category_logreg"
    model = load_category_model(directory)
    assert "none" in model.labels and "equipment" in model.labels
    card = (directory / "README.md").read_text(encoding="utf-8")
    assert "Dev-set metrics" in card
