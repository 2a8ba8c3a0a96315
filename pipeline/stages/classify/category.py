"""The category of a candidate (or ``none``: not a loss claim), by a classifier
chosen by registry name in ``[classifier]``: the trained scikit-learn model
(``newsclaims.classifier.logreg.v1``, see ``model.py``) or the keyword rules
(``newsclaims.classifier.rules.v1``) behind the same interface."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from newsclaims.errors import ConfigError
from newsclaims.records import NOT_A_CLAIM
from newsclaims.settings import ClassifierSettings

LOSS_CATEGORIES = ("killed", "wounded", "captured", "missing", "total")


class CategoryClassifier(Protocol):
    """Predicts ``(label, probability)`` per feature dict; label may be ``none``."""

    def predict(self, features: Sequence[Mapping[str, Any]]) -> list[tuple[str, float]]: ...


class RuleClassifier:
    """Keyword rules over the context features: the baseline and fallback."""

    def predict(self, features: Sequence[Mapping[str, Any]]) -> list[tuple[str, float]]:
        return [self._one(f) for f in features]

    @staticmethod
    def _one(f: Mapping[str, Any]) -> tuple[str, float]:
        window = {name.split("=", 1)[1] for name in f if name.startswith("lexwin=")}
        sentence = {name.split("=", 1)[1] for name in f if name.startswith("lexsent=")}
        if "year_like" in f or "negated" in f:
            return NOT_A_CLAIM, 0.6
        if "distractor" in window and not (window & set(LOSS_CATEGORIES)):
            return NOT_A_CLAIM, 0.7
        if any(name.startswith("eq=") for name in f) and ("equipment" in sentence or "total" in sentence or "killed" in sentence):
            return "equipment", 0.7
        for scope, probability in ((window, 0.8), (sentence, 0.6)):
            if "killed" in scope and "wounded" in scope:
                return "total", probability
            for category in ("killed", "wounded", "captured", "missing", "total"):
                if category in scope:
                    return category, probability
        return NOT_A_CLAIM, 0.5


ClassifierBuilder = Callable[[ClassifierSettings, Path], CategoryClassifier]


def _build_rules(settings: ClassifierSettings, root: Path) -> CategoryClassifier:
    return RuleClassifier()


def _build_logreg(settings: ClassifierSettings, root: Path) -> CategoryClassifier:
    from newsclaims.stages.classify.model import load_category_model

    path = Path(settings.model_path)
    return load_category_model(path if path.is_absolute() else root / path)


CLASSIFIERS: dict[str, ClassifierBuilder] = {
    "newsclaims.classifier.rules.v1": _build_rules,
    "newsclaims.classifier.logreg.v1": _build_logreg,
}


def build_classifier(settings: ClassifierSettings, root: Path) -> CategoryClassifier:
    """The classifier the config names.

    Raises:
        ConfigError: the name is not registered.
    """
    try:
        builder = CLASSIFIERS[settings.name]
    except KeyError:
        raise ConfigError(f"[classifier] name {settings.name!r} is not one of {sorted(CLASSIFIERS)}") from None
    return builder(settings, root)
