"""Train the category classifier on the labeled set (``newsclaims train``).

Every candidate the pipeline finds in a labeled document becomes one example:
its context features, labelled with the category of the gold claim it
matches (same value, or same range), or ``none`` when it matches no gold
claim. The seeds are test data and never trained on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsclaims.config import PipelineConfig, load_config
from newsclaims.records import NOT_A_CLAIM, Candidate
from newsclaims.settings import TrainSettings
from newsclaims.stages.classify.model import library_versions, save_category_model

REPO_ROOT = Path(__file__).resolve().parent.parent


def same_number(candidate: Candidate, gold: Mapping[str, Any]) -> bool:
    """True when a candidate reads the gold claim's number (value, or range ends)."""
    quantity = candidate.quantity

    def close(a: float, b: float) -> bool:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)

    if quantity.is_range or gold.get("low") != gold.get("high"):
        return close(quantity.low, gold["low"]) and close(quantity.high, gold["high"])
    return close(quantity.value, gold["value"])


def label_candidates(candidates: Sequence[Candidate], gold_claims: Sequence[Mapping[str, Any]]) -> list[str]:
    """The gold category of each candidate, or ``none``; each gold claim used once, in text order."""
    used: set[int] = set()
    labels: list[str] = []
    for candidate in candidates:
        label = NOT_A_CLAIM
        for index, gold in enumerate(gold_claims):
            if index not in used and same_number(candidate, gold):
                used.add(index)
                label = str(gold["category"])
                break
        labels.append(label)
    return labels


def read_labeled(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not valid JSON: {exc}") from exc


def examples_from(path: Path, extractor: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Features and labels of every candidate in a labeled JSONL file."""
    from newsclaims.extractor import document_from_mapping

    records = list(read_labeled(path))
    gold_by_id = {record["id"]: record.get("claims", []) for record in records}
    features: list[dict[str, Any]] = []
    labels: list[str] = []
    documents = (document_from_mapping(record) for record in records)
    for doc_id, candidates in extractor.iter_candidates(documents):
        labels.extend(label_candidates(candidates, gold_by_id.get(doc_id, [])))
        features.extend(dict(c.features) for c in candidates)
    return features, labels


def _config_hash(settings: TrainSettings, config: PipelineConfig) -> str:
    payload = json.dumps({"train": settings.model_dump(), "candidates": dict(config.section("candidates"))}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def candidate_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, and per-label precision/recall/F1 over candidates."""
    labels = sorted(set(gold) | set(predicted))
    report: dict[str, Any] = {"n": len(gold), "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1)}
    per_label = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "support": tp + fn}
    report["per_label"] = per_label
    claims_gold = [g != NOT_A_CLAIM for g in gold]
    claims_pred = [p != NOT_A_CLAIM for p in predicted]
    tp = sum(g and p for g, p in zip(claims_gold, claims_pred, strict=True))
    fp = sum(p and not g for g, p in zip(claims_gold, claims_pred, strict=True))
    fn = sum(g and not p for g, p in zip(claims_gold, claims_pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    report["claim_detection"] = {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
    }
    return report


def train_category_model(config: PipelineConfig | None = None, root: Path = REPO_ROOT) -> dict[str, Any]:
    """Fit, evaluate on dev, and save the category model; returns the metrics.

    Raises:
        FileNotFoundError: the training or dev file is missing.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from newsclaims.extractor import Extractor
    from newsclaims.stages.classify import RuleClassifier

    config = config or load_config()
    settings = config.train
    train_paths = [root / path for path in settings.train_paths]
    dev_path = root / settings.dev_path
    for path in (*train_paths, dev_path):
        if not path.is_file():
            raise FileNotFoundError(f"labeled file not found: {path}")
    # Candidates do not depend on the classifier: use the rule one to avoid
    # needing a model in order to train a model.
    extractor = Extractor(load_config(config.path, overrides={"classifier": {"name": "newsclaims.classifier.rules.v1"}}), root)
    train_x: list[dict[str, Any]] = []
    train_y: list[str] = []
    for path in train_paths:
        features, labels = examples_from(path, extractor)
        train_x.extend(features)
        train_y.extend(labels)
    dev_x, dev_y = examples_from(dev_path, extractor)
    pipeline = Pipeline(
        [
            ("features", DictVectorizer(sparse=True)),
            (
                "classifier",
                LogisticRegression(
                    C=settings.C,
                    class_weight=settings.class_weight or None,
                    max_iter=settings.max_iter,
                    random_state=settings.seed,
                ),
            ),
        ]
    )
    pipeline.fit(train_x, train_y)
    dev_predicted = [str(label) for label in pipeline.predict(dev_x)]
    rules_predicted = [label for label, _ in RuleClassifier().predict(dev_x)]
    metrics = {
        "train_examples": len(train_y),
        "train_labels": dict(Counter(train_y)),
        "dev_examples": len(dev_y),
        "dev": candidate_metrics(dev_y, dev_predicted),
        "dev_rules_baseline": candidate_metrics(dev_y, rules_predicted),
    }
    meta = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "training_config_hash": _config_hash(settings, config),
        "train_files_sha256": {str(path.relative_to(root)) if path.is_relative_to(root) else str(path): _file_hash(path) for path in train_paths},
        "dev_file_sha256": _file_hash(dev_path),
        "settings": settings.model_dump(),
        "metrics": metrics,
    }
    output = Path(settings.output_dir)
    save_category_model(pipeline, output if output.is_absolute() else root / output, meta, model_card(settings, metrics))
    return metrics


def model_card(settings: TrainSettings, metrics: Mapping[str, Any]) -> str:
    dev, rules = metrics["dev"], metrics["dev_rules_baseline"]
    rows = "\n".join(
        f"| {label} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} | {scores['support']} |"
        for label, scores in sorted(dev["per_label"].items())
    )
    versions = ", ".join(f"{name} {version}" for name, version in library_versions().items())
    return f"""# Category classifier (newsclaims.classifier.logreg.v1)

Decides, for every count the candidates stage finds, whether it is a loss
claim and of which category: killed, wounded, captured, missing, total,
equipment, or `none` (not a loss claim).

## Model
scikit-learn `DictVectorizer` + `LogisticRegression` (C={settings.C},
class_weight={settings.class_weight}, max_iter={settings.max_iter},
random_state={settings.seed}), stored with skops (`model.skops`; the loader
checks its SHA-256, library versions and an allow-list of types).

## Features
From the spaCy parse around the number (`pipeline/candidates.py
context_features`): dependency label of the number, its syntactic head
(the counted noun) and governing verb lemmas, negation of that verb, the
counted noun from the number reader, lemmas in a +/-6 token window (left and
right kept apart), the token before and after, qualifier, range/increment
flags, order of magnitude, a year-like flag, lexicon hits per category on the
counted noun and its modifiers, in the window, the sentence and the sentence
before, and for distractors (recruits, deliveries, money ...), the words of war
in the sentence (`configs/lexicon.toml` [context]) and their count, the
equipment-lexicon hit on the counted noun, and a list-line flag.

## Data
Trained on {", ".join(f"`{path}`" for path in settings.train_paths)} ({metrics['train_examples']} candidates:
{json.dumps(metrics['train_labels'], sort_keys=True)}), evaluated on
`{settings.dev_path}` ({metrics['dev_examples']} candidates). Both sets are
original news-style text written by the team (see `corpus/README.md`). The five
seed articles are test data and were never trained on.

## Dev-set metrics (candidate level)
Accuracy {dev['accuracy']:.3f}; claim detection P {dev['claim_detection']['precision']:.3f}
R {dev['claim_detection']['recall']:.3f} F1 {dev['claim_detection']['f1']:.3f}.
The keyword rule classifier on the same candidates: accuracy
{rules['accuracy']:.3f}, claim detection F1 {rules['claim_detection']['f1']:.3f}.

| label | precision | recall | F1 | support |
|---|---|---|---|---|
{rows}

## Intended use and limits
English news about armed conflicts. Loss claims stated in other words than
the training set uses, other languages, and tables may be missed. The
probability is the model's, not a calibrated truth estimate.

## Versions
{versions}
"""
