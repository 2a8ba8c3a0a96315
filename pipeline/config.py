"""Load the pipeline configuration: shipped defaults, then a user file on top.

Each stage owns one ``[section]`` of the TOML file and a frozen dataclass that
validates it (``SettingsClass.from_mapping``). This module only merges files
and checks that no unknown section appears.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, TypeVar

from newsclaims.resources import DEFAULT_CONFIG_PATH
SECTIONS = ("run", "clean", "parse", "candidates", "attribution", "classifier", "normalise", "train")


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or invalid."""


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    """The merged configuration, one read-only mapping per section."""

    sections: Mapping[str, Mapping[str, Any]]
    path: str | None = None

    def section(self, name: str) -> Mapping[str, Any]:
        if name not in SECTIONS:
            raise ConfigError(f"unknown config section [{name}]")
        return self.sections.get(name, MappingProxyType({}))


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


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> PipelineConfig:
    """Read ``configs/default.toml``, then ``path`` on top, then ``overrides``.

    Raises:
        ConfigError: a file is missing or invalid, or names an unknown section.
    """
    data = _read_toml(DEFAULT_CONFIG_PATH)
    if path is not None:
        data = _merge(data, _read_toml(Path(path)))
    if overrides:
        data = _merge(data, overrides)
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"unknown config section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    for name, body in data.items():
        if not isinstance(body, Mapping):
            raise ConfigError(f"config section [{name}] must be a table")
    frozen = {name: MappingProxyType(dict(body)) for name, body in data.items()}
    return PipelineConfig(sections=MappingProxyType(frozen), path=str(path) if path else None)


SettingsT = TypeVar("SettingsT")


def settings_from_mapping(cls: type[SettingsT], section: str, mapping: Mapping[str, Any]) -> SettingsT:
    """Build a frozen settings dataclass from a config section, checking keys and types.

    Raises:
        ConfigError: an unknown key, or a value of the wrong type.
    """
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise ConfigError(f"[{section}]: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
    values: dict[str, Any] = {}
    for key, value in mapping.items():
        default = getattr(cls, key, None) if not isinstance(fields[key].default, dataclasses._MISSING_TYPE) else None
        sequence_ok = isinstance(default, (list, tuple)) and isinstance(value, (list, tuple))
        number_ok = isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool)
        if default is not None and not isinstance(value, type(default)) and not (sequence_ok or number_ok):
            raise ConfigError(f"[{section}] {key}: expected {type(default).__name__}, got {type(value).__name__}")
        if isinstance(default, (list, tuple)):
            value = tuple(value)
        values[key] = value
    return cls(**values)
