"""Every configuration section's schema: the type and allowed range of each key.

The values, defaults included, are written once: in the packaged, commented
``configs/default.toml``, which ``newsclaims.config.load_config`` always reads
first (then the user's file, then overrides). The models below declare types
and ranges and no default, so code and TOML cannot drift apart: a key missing
from the TOML fails at load, and ``tests/unit/test_settings.py`` checks that
the TOML sets exactly the keys declared here.

Settings objects come from a loaded config (``load_config().parse``); a
variant for a test is ``load_config(overrides={"parse": {"prefilter": False}}).parse``
or ``settings.replace(prefilter=False)``. Every model is frozen, rejects
unknown keys and checks types strictly (``batch_size = "32"`` or ``= true``
is an error; an integer is accepted where a number is, a TOML array where a
list is).

This module imports nothing from the package (house rule 1): ``config.py``
turns a ``ValidationError`` into a ``ConfigError`` with ``describe_errors``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Allowed:
    """What a key accepts, as an error message says it ("an integer >= 1")."""

    text: str


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("")  # "must be a non-empty string" says it all
    return value


# The language codes py3langid 0.4.0 can answer (``_full_model`` classes), so
# that a typo ("ua" for "uk") fails at load, not when the identifier is built.
# ISO 639-1 where there is one, else ISO 639-3; "zxx" is "no linguistic
# content". tests/unit/test_settings.py checks the list against the library.
LANGUAGE_CODES = frozenset(
    "ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et eu ext fa fi fo fr "
    "fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id ig is it ja jv ka kab kik kk km kn ko "
    "ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms mt my ne nl nn no nso oc om or pa pcm pl ps pt qu ro ru "
    "rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur uz uzs vec vi vo wa wuu xh yo yue "
    "zh zu zxx".split()
)


def _language(value: str) -> str:
    if value not in LANGUAGE_CODES:
        close = difflib.get_close_matches(value.lower(), sorted(LANGUAGE_CODES), n=3)
        hint = f"; did you mean {', '.join(json.dumps(c) for c in close)}?" if close else ""
        raise ValueError(f"{json.dumps(value)} is not a language code py3langid knows{hint}")
    return value


_WAR_START = re.compile(r"(?P<side>[^=\s](?:[^=]*[^=\s])?)=(?P<date>\d{4}-\d{2}-\d{2})")


def parse_war_start(entry: str) -> tuple[str, dt.date]:
    """``"Russia=2022-02-24"`` -> ``("Russia", date(2022, 2, 24))``.

    Raises:
        ValueError: the entry is not ``Side=YYYY-MM-DD`` with a real date.
    """
    match = _WAR_START.fullmatch(entry)
    if match is None:
        raise ValueError(f"{json.dumps(entry)} is not Side=YYYY-MM-DD")
    try:
        return match["side"], dt.date.fromisoformat(match["date"])
    except ValueError as exc:
        raise ValueError(f"{json.dumps(entry)}: {exc}") from None


def _war_starts(entries: tuple[str, ...]) -> tuple[str, ...]:
    sides = [parse_war_start(entry)[0] for entry in entries]
    repeated = sorted({side for side in sides if sides.count(side) > 1})
    if repeated:
        raise ValueError(f"side {', '.join(repeated)} given twice")
    return entries


Flag = Annotated[bool, Allowed("true or false")]
PositiveInt = Annotated[int, Field(ge=1), Allowed("an integer >= 1")]
Count = Annotated[int, Field(ge=0), Allowed("an integer >= 0")]
Budget = Annotated[int, Field(ge=0), Allowed("an integer >= 0 (0 = no limit)")]
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False), Allowed("a number of seconds >= 0 (0 = no limit)")]
Probability = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False), Allowed("a number between 0 and 1")]
PositiveFloat = Annotated[float, Field(gt=0, allow_inf_nan=False), Allowed("a number > 0")]
Text = Annotated[str, AfterValidator(_non_blank), Allowed("a non-empty string")]
Language = Annotated[str, AfterValidator(_language)]
# Lists: a TOML array (a list) is accepted for a tuple, items are checked strictly.
Languages = Annotated[
    tuple[Language, ...], Field(strict=False), Allowed('a list of language codes, e.g. ["en", "uk"] (empty = all)')
]
SomeLanguages = Annotated[
    tuple[Language, ...], Field(strict=False, min_length=1), Allowed('a non-empty list of language codes, e.g. ["en"]')
]
Paths = Annotated[tuple[Text, ...], Field(strict=False, min_length=1), Allowed("a non-empty list of non-empty strings")]
WarStarts = Annotated[
    tuple[str, ...],
    Field(strict=False),
    AfterValidator(_war_starts),
    Allowed('a list of "Side=YYYY-MM-DD" entries, each side once'),
]
ClassWeight = Annotated[Literal["balanced", ""], Allowed('"balanced" or "" (no class weights)')]
Seed = Annotated[int, Field(ge=0, le=2**32 - 1), Allowed("an integer between 0 and 2**32 - 1")]


class SectionSettings(BaseModel):
    """One ``[section]`` of the configuration: frozen, unknown keys rejected, strict types."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``, validated like a config file.

        Raises:
            pydantic.ValidationError: a changed value is out of range or of the wrong type.
        """
        return self.model_validate({**self.model_dump(), **changes})


class RunSettings(SectionSettings):
    """``[run]``: batching, worker processes, languages processed, per-document budgets."""

    batch_size: PositiveInt
    workers: Annotated[int, Field(ge=0), Allowed("an integer >= 0 (0 = all cores)")]
    # Languages processed; documents detected in another one become "skipped" error records.
    languages: SomeLanguages
    max_document_bytes: Budget
    max_parse_chars: Budget
    max_numbers: Budget
    max_document_seconds: Seconds


class CleanSettings(SectionSettings):
    """``[clean]``: trafilatura options, boilerplate rules, language detection."""

    favor_precision: Flag
    include_tables: Flag
    include_comments: Flag
    strip_boilerplate: Flag
    strip_html_boilerplate: Flag
    min_chars: Count  # below 1 acts as 1: an empty text is never an article
    detect_language: Flag
    languages: Languages


class ParseSettings(SectionSettings):
    """``[parse]``: the spaCy package, the prefilter, the paragraph cap, speed-ups."""

    model: Text
    prefilter: Flag
    fast_attribute_ruler: Flag
    max_paragraph_chars: PositiveInt  # 0 would never advance the paragraph cutter
    numpy_blas: Flag
    lemma_cache_size: Annotated[int, Field(ge=0), Allowed("an integer >= 0 (0 = off)")]


class CandidateSettings(SectionSettings):
    """``[candidates]``: vague amounts, the conflict-context gate."""

    emit_vague: Flag
    min_context_words: Annotated[int, Field(ge=0), Allowed("an integer >= 0 (0 = off)")]


class AttributionSettings(SectionSettings):
    """``[attribution]``: source inheritance, paragraph speech frames."""

    inherit_paragraphs: Count
    paragraph_frames: Flag


class ClassifierSettings(SectionSettings):
    """``[classifier]``: which classifier (by registry name), its model, the confidence floor.

    The name is checked against the registry when the classifier is built
    (``newsclaims.stages.classify.build_classifier``, at ``Extractor`` start).
    """

    name: Text
    model_path: Text
    min_confidence: Probability


class NormaliseSettings(SectionSettings):
    """``[normalise]``: war start dates by side, the rate-phrase window."""

    war_starts: WarStarts
    rate_window: Count

    def war_start(self, side: str | None) -> dt.date | None:
        """The start date of the war a side is fighting, if configured."""
        for entry in self.war_starts:
            name, date = parse_war_start(entry)
            if name == side:
                return date
        return None


class ContextSettings(SectionSettings):
    """``[context]``: how document context carries over (``stages/context.py``)."""

    carry_periods: Flag
    restated_figures: Flag
    max_paragraph_gap: Count


class TrainSettings(SectionSettings):
    """``[train]``: labeled files, model output, logistic-regression settings."""

    train_paths: Paths
    dev_path: Text
    output_dir: Text
    C: PositiveFloat
    class_weight: ClassWeight
    max_iter: PositiveInt
    seed: Seed  # scikit-learn's random_state range


class Settings(BaseModel):
    """Every section, validated: what ``load_config`` returns typed access to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    run: RunSettings
    clean: CleanSettings
    parse: ParseSettings
    candidates: CandidateSettings
    attribution: AttributionSettings
    classifier: ClassifierSettings
    normalise: NormaliseSettings
    context: ContextSettings
    train: TrainSettings


# Section name -> its model, in the order of configs/default.toml (and of ``Settings``).
SECTION_MODELS: dict[str, type[SectionSettings]] = {
    "run": RunSettings,
    "clean": CleanSettings,
    "parse": ParseSettings,
    "candidates": CandidateSettings,
    "attribution": AttributionSettings,
    "classifier": ClassifierSettings,
    "normalise": NormaliseSettings,
    "context": ContextSettings,
    "train": TrainSettings,
}
SECTIONS = tuple(SECTION_MODELS)


# -- error messages ---------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A value as it would be written in TOML (``"32"``, ``true``, ``[1, 2]``), for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def allowed(field: FieldInfo) -> str:
    """What a field accepts, from its ``Allowed`` marker."""
    marker = next((m for m in field.metadata if isinstance(m, Allowed)), None)
    return marker.text if marker else f"of type {field.annotation}"


def describe_errors(section: str, model: type[BaseModel], mapping: Any, error: ValidationError) -> list[tuple[str | None, str]]:
    """``(key, line)`` for each key a validation error is about, the line reading
    ``[section] key = value: must be ...`` (key ``None``: the section is not a table).

    ``mapping`` is the section as read (the values are quoted from it).
    """
    problems: list[tuple[str | None, str]] = []
    seen: set[str] = set()
    known = ", ".join(model.model_fields)
    for item in error.errors(include_url=False):
        loc = item["loc"]
        if not loc:
            problems.append((None, f"[{section}] must be a table of keys, got {toml_value(item['input'])}"))
            continue
        key = str(loc[0])
        if key in seen:
            continue
        seen.add(key)
        if item["type"] == "extra_forbidden":
            close = difflib.get_close_matches(key, list(model.model_fields), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append((key, f"[{section}] {key}: unknown key{hint}; known: {known}"))
        elif item["type"] == "missing":
            problems.append((key, f"[{section}] {key}: missing; must be {allowed(model.model_fields[key])}"))
        else:
            value = mapping.get(key) if isinstance(mapping, Mapping) else item["input"]
            line = f"[{section}] {key} = {toml_value(value)}: must be {allowed(model.model_fields[key])}"
            detail = str(item.get("ctx", {}).get("error", "")) if item["type"] == "value_error" else ""
            if detail:  # a check of ours: say what it found
                line += f" ({detail})"
            problems.append((key, line))
    return problems
