"""Shared fixtures: the spaCy pipeline and an Extractor, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsclaims.config import default_settings, load_config
from newsclaims.stages.parse import load_nlp

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(default_settings().parse)


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from newsclaims.extractor import Extractor

    return Extractor(load_config())


@pytest.fixture(scope="session")
def rules_extractor():  # type: ignore[no-untyped-def]
    from newsclaims.extractor import Extractor

    return Extractor(load_config(overrides={"classifier": {"name": "newsclaims.classifier.rules.v1"}}))
