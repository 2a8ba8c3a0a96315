"""Settings schemas: defaults written once (in the TOML), every key range- and
type-checked at load, error messages that name section, key, value and range."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from newsclaims.config import ConfigError, default_settings, load_config
from newsclaims.resources import DEFAULT_CONFIG_PATH
from newsclaims.settings import SECTION_MODELS, SECTIONS, Allowed, NormaliseSettings, Settings, parse_war_start

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- defaults live once


def test_settings_default_toml_sets_exactly_the_declared_keys() -> None:
    with DEFAULT_CONFIG_PATH.open("rb") as handle:
        shipped = tomllib.load(handle)
    assert list(shipped) == list(SECTIONS) == list(Settings.model_fields)
    assert all(Settings.model_fields[name].annotation is model for name, model in SECTION_MODELS.items())
    for name, model in SECTION_MODELS.items():
        assert set(shipped[name]) == set(model.model_fields), name


@pytest.mark.parametrize("name", SECTIONS)
def test_settings_models_declare_no_default_values(name: str) -> None:
    # The values live in configs/default.toml only: a default here would be a second copy.
    for key, field in SECTION_MODELS[name].model_fields.items():
        assert field.is_required(), f"[{name}] {key} has a default in settings.py"
        assert any(isinstance(m, Allowed) for m in field.metadata), f"[{name}] {key} does not say what it allows"


def test_settings_shipped_defaults_validate_and_are_frozen() -> None:
    settings = default_settings()
    assert settings.run.languages == ("en",) and settings.clean.languages == ()
    assert settings.train.train_paths[0] == "corpus/labeled/train.jsonl" and len(settings.train.train_paths) == 4
    with pytest.raises(ValidationError, match="frozen"):
        settings.classifier.min_confidence = 0.9  # type: ignore[misc]


def test_settings_replace_validates_like_a_config_file() -> None:
    parse = default_settings().parse
    assert parse.replace(prefilter=False).prefilter is False and parse.prefilter is True
    with pytest.raises(ValidationError):
        parse.replace(max_paragraph_chars=0)


# ---------------------------------------------------------------- ranges and types


def _error(section: str, values: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(overrides={section: values})
    return str(caught.value)


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("run", "batch_size", 0, "[run] batch_size = 0: must be an integer >= 1"),
        ("run", "workers", -1, "[run] workers = -1: must be an integer >= 0 (0 = all cores)"),
        ("run", "max_document_bytes", -5, "[run] max_document_bytes = -5: must be an integer >= 0 (0 = no limit)"),
        ("run", "max_parse_chars", -1, "[run] max_parse_chars = -1: must be an integer >= 0"),
        ("run", "max_numbers", -1, "[run] max_numbers = -1: must be an integer >= 0"),
        ("run", "max_document_seconds", -0.5, "[run] max_document_seconds = -0.5: must be a number of seconds >= 0"),
        ("run", "max_document_seconds", float("inf"), "[run] max_document_seconds = inf: must be a number"),
        ("run", "languages", [], '[run] languages = []: must be a non-empty list of language codes, e.g. ["en"]'),
        ("run", "languages", ["english"], '"english" is not a language code py3langid knows'),
        ("clean", "languages", ["ua"], '[clean] languages = ["ua"]: must be a list of language codes'),
        ("clean", "min_chars", -1, "[clean] min_chars = -1: must be an integer >= 0"),
        ("parse", "max_paragraph_chars", 0, "[parse] max_paragraph_chars = 0: must be an integer >= 1"),
        ("parse", "lemma_cache_size", -1, "[parse] lemma_cache_size = -1: must be an integer >= 0 (0 = off)"),
        ("parse", "model", "", '[parse] model = "": must be a non-empty string'),
        ("candidates", "min_context_words", -1, "[candidates] min_context_words = -1: must be an integer >= 0"),
        ("attribution", "inherit_paragraphs", -1, "[attribution] inherit_paragraphs = -1: must be an integer >= 0"),
        ("classifier", "min_confidence", 5.0, "[classifier] min_confidence = 5.0: must be a number between 0 and 1"),
        ("classifier", "min_confidence", -0.1, "[classifier] min_confidence = -0.1: must be a number between 0 and 1"),
        ("classifier", "model_path", " ", '[classifier] model_path = " ": must be a non-empty string'),
        ("normalise", "rate_window", -1, "[normalise] rate_window = -1: must be an integer >= 0"),
        ("normalise", "war_starts", ["Russia 2022-02-24"], '"Russia 2022-02-24" is not Side=YYYY-MM-DD'),
        ("normalise", "war_starts", ["Russia=2022-02-30"], '"Russia=2022-02-30": day is out of range for month'),
        ("normalise", "war_starts", ["RSF=2023-04-15", "RSF=2023-04-16"], "side RSF given twice"),
        ("train", "C", 0, "[train] C = 0: must be a number > 0"),
        ("train", "max_iter", 0, "[train] max_iter = 0: must be an integer >= 1"),
        ("train", "seed", -1, "[train] seed = -1: must be an integer between 0 and 2**32 - 1"),
        ("train", "class_weight", "none", '[train] class_weight = "none": must be "balanced" or "" (no class weights)'),
        ("train", "train_paths", [], "[train] train_paths = []: must be a non-empty list of non-empty strings"),
    ],
)
def test_settings_reject_values_out_of_range(section: str, key: str, value: Any, message: str) -> None:
    assert message in _error(section, {key: value})


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("run", "batch_size", "32", '[run] batch_size = "32": must be an integer >= 1'),
        ("run", "batch_size", True, "[run] batch_size = true: must be an integer >= 1"),
        ("run", "batch_size", 32.0, "[run] batch_size = 32.0: must be an integer >= 1"),
        ("parse", "prefilter", 1, "[parse] prefilter = 1: must be true or false"),
        ("parse", "prefilter", "yes", '[parse] prefilter = "yes": must be true or false'),
        ("classifier", "min_confidence", "high", '[classifier] min_confidence = "high": must be a number between 0 and 1'),
        ("classifier", "min_confidence", True, "[classifier] min_confidence = true: must be a number"),
        ("clean", "languages", "en", '[clean] languages = "en": must be a list of language codes'),
        ("normalise", "war_starts", "Russia=2022-02-24", '[normalise] war_starts = "Russia=2022-02-24": must be a list'),
        ("train", "train_paths", ["a.jsonl", 3], '[train] train_paths = ["a.jsonl", 3]: must be a non-empty list'),
    ],
)
def test_settings_reject_wrong_types(section: str, key: str, value: Any, message: str) -> None:
    assert message in _error(section, {key: value})


@pytest.mark.parametrize(
    ("section", "values", "check"),
    [
        ("classifier", {"min_confidence": 0}, lambda s: s.classifier.min_confidence == 0.0),
        ("classifier", {"min_confidence": 1}, lambda s: s.classifier.min_confidence == 1.0),
        ("run", {"workers": 0, "max_document_seconds": 0, "max_numbers": 0}, lambda s: s.run.max_document_seconds == 0.0),
        ("run", {"languages": ["en", "uk", "zxx"]}, lambda s: s.run.languages == ("en", "uk", "zxx")),
        ("parse", {"lemma_cache_size": 0, "max_paragraph_chars": 1}, lambda s: s.parse.max_paragraph_chars == 1),
        ("train", {"class_weight": "", "C": 1}, lambda s: s.train.class_weight == "" and s.train.C == 1.0),
        ("normalise", {"war_starts": []}, lambda s: s.normalise.war_start("Russia") is None),
    ],
)
def test_settings_accept_the_edges_of_each_range(section: str, values: dict[str, Any], check: Any) -> None:
    assert check(load_config(overrides={section: values}).settings)


def test_settings_unknown_key_is_an_error_with_a_suggestion() -> None:
    message = _error("classifier", {"min_confidance": 0.5})
    assert message.startswith("overrides: [classifier] min_confidance: unknown key (did you mean min_confidence?)")
    assert "known: name, model_path, min_confidence" in message


def test_settings_every_bad_key_of_every_section_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(overrides={"run": {"batch_size": 0}, "train": {"seed": -1}, "parse": {"nosuch": 1}})
    lines = str(caught.value).splitlines()
    assert [line.split(":")[1].strip().split(" ")[0] for line in lines] == ["[run]", "[parse]", "[train]"]


def test_settings_bad_config_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsclaims.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text("[classifier]\nmin_confidence = 5.0\n", encoding="utf-8")
    code = main(["extract", str(REPO / "corpus"), "--config", str(bad), "-o", str(tmp_path / "c.jsonl"), "--errors", str(tmp_path / "e.jsonl")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"newsclaims: error: {bad}: [classifier] min_confidence = 5.0: must be a number between 0 and 1"]
    assert not (tmp_path / "c.jsonl").exists()


# ---------------------------------------------------------------- helpers


def test_settings_war_start_by_side() -> None:
    settings = default_settings().normalise
    assert settings.war_start("Hamas") == dt.date(2023, 10, 7)
    assert settings.war_start("Russia") == dt.date(2022, 2, 24)
    assert settings.war_start(None) is None and settings.war_start("Nobody") is None
    assert parse_war_start("Side with spaces=2024-01-02") == ("Side with spaces", dt.date(2024, 1, 2))
    with pytest.raises(ValidationError):
        NormaliseSettings(war_starts=("Russia=24.02.2022",), rate_window=60)


def test_settings_language_codes_are_those_py3langid_knows() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from newsclaims.settings import LANGUAGE_CODES

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert set(identifier.nb_classes) == LANGUAGE_CODES
