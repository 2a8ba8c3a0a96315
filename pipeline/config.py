"""Load the pipeline configuration: packaged default -> user file -> overrides.

The packaged ``configs/default.toml`` (commented) holds every value; the
schema of each ``[section]`` (types, allowed ranges) is in
``newsclaims.settings``. ``load_config`` merges the three layers, validates
every section at once and returns typed settings per section
(``config.run``, ``config.parse``, ...): a typo or a value out of range is a
``ConfigError`` at load, never a per-document error later.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from newsclaims.errors import ConfigError
from newsclaims.resources import DEFAULT_CONFIG_PATH
from newsclaims.settings import (
    SECTION_MODELS,
    SECTIONS,
    AttributionSettings,
    CandidateSettings,
    ClassifierSettings,
    CleanSettings,
    ContextSettings,
    NormaliseSettings,
    ParseSettings,
    RunSettings,
    Settings,
    TrainSettings,
    describe_errors,
)

__all__ = ["SECTIONS", "ConfigError", "PipelineConfig", "default_settings", "load_config"]


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    """The merged configuration: typed settings per section, and the sections as read.

    ``sections`` keeps the merged TOML values (what the resume fingerprint and
    the worker processes are given); ``settings`` holds them validated.
    """

    sections: Mapping[str, Mapping[str, Any]]
    settings: Settings
    path: str | None = None

    def section(self, name: str) -> Mapping[str, Any]:
        """One section as read (plain TOML values); prefer the typed ``config.<name>``."""
        if name not in SECTIONS:
            raise ConfigError(f"unknown config section [{name}]")
        return self.sections.get(name, MappingProxyType({}))

    @property
    def run(self) -> RunSettings:
        return self.settings.run

    @property
    def clean(self) -> CleanSettings:
        return self.settings.clean

    @property
    def parse(self) -> ParseSettings:
        return self.settings.parse

    @property
    def candidates(self) -> CandidateSettings:
        return self.settings.candidates

    @property
    def attribution(self) -> AttributionSettings:
        return self.settings.attribution

    @property
    def classifier(self) -> ClassifierSettings:
        return self.settings.classifier

    @property
    def normalise(self) -> NormaliseSettings:
        return self.settings.normalise

    @property
    def context(self) -> ContextSettings:
        return self.settings.context

    @property
    def train(self) -> TrainSettings:
        return self.settings.train


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _origin(section: str, key: str | None, layers: list[tuple[str, Mapping[str, Any]]]) -> str:
    """Where ``[section] key`` was set last: ``"FILE: "``, ``"overrides: "``, or nothing (the packaged file)."""
    for where, layer in reversed(layers):
        body = layer.get(section)
        if isinstance(body, Mapping) and (key is None or key in body):
            return f"{where}: "
    return ""


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> PipelineConfig:
    """Read the packaged ``configs/default.toml``, then ``path`` on top, then ``overrides``,
    and validate every section.

    Raises:
        ConfigError: a file is missing or not TOML, a section or key is unknown, or a
            value has the wrong type or is out of range (one line per problem:
            ``[section] key = value: must be ...``).
    """
    data = _read_toml(DEFAULT_CONFIG_PATH)
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if path is not None:
        user = _read_toml(Path(path))
        layers.append((str(path), user))
        data = _merge(data, user)
    if overrides:
        layers.append(("overrides", overrides))
        data = _merge(data, overrides)
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"unknown config section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    for name, body in data.items():
        if not isinstance(body, Mapping):
            raise ConfigError(f"config section [{name}] must be a table")
    problems: list[str] = []
    validated: dict[str, BaseModel] = {}
    for name, model in SECTION_MODELS.items():
        body = data.get(name, {})
        try:
            validated[name] = model.model_validate(body)
        except ValidationError as exc:
            problems.extend(_origin(name, key, layers) + line for key, line in describe_errors(name, model, body, exc))
    if problems:
        raise ConfigError("\n".join(problems))
    frozen = {name: MappingProxyType(dict(body)) for name, body in data.items()}
    return PipelineConfig(
        sections=MappingProxyType(frozen), settings=Settings.model_validate(validated), path=str(path) if path else None
    )


@functools.cache
def default_settings() -> Settings:
    """The packaged defaults, validated (loaded once per process)."""
    return load_config().settings
