"""Classification: rule classifier, registry, equipment type, side and group."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims.config import default_settings
from newsclaims.errors import ConfigError
from newsclaims.lexicon import load_lexicon
from newsclaims.stages.classify import (
    RuleClassifier,
    build_classifier,
    classify_equipment_type,
    classify_group,
    classify_side,
)

from parsed import candidate_span

LEXICON = load_lexicon()
DEFAULTS = default_settings()


def _span(nlp, text: str, surface: str):  # type: ignore[no-untyped-def]
    return candidate_span(nlp, text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "side"),
    [
        ("Russian troop losses in May amounted to 38,940, Ukraine's Defense Ministry said.", "38,940", "Russia"),
        ("Ukraine's General Staff said 1,200 Russian soldiers were killed.", "1,200", "Russia"),
        ("The Soviet Union lost an estimated 15,000 soldiers in Afghanistan.", "15,000", "Soviet Union"),
        ("Kyiv has only admitted 13,000 deaths.", "13,000", "Ukraine"),
        ("Moscow's forces lost 30 tanks near Avdiivka.", "30", "Russia"),
        ("The storm destroyed 40 houses.", "40", None),
        ("US warships shot down 18 drones fired by the Houthis.", "18", "Houthis"),
        ("A Russian missile strike killed 41 people in the city.", "41", None),
        ("Israel said 12 of its soldiers were killed in Gaza.", "12", "Israel"),
    ],
)
def test_classify_side(nlp, text: str, surface: str, side: str | None) -> None:  # type: ignore[no-untyped-def]
    from newsclaims.spacy_ext.tree import attribution_tokens

    _, span = _span(nlp, text, surface)
    excluded = attribution_tokens(span, LEXICON.reporting_verbs, LEXICON.carrier_nouns)
    assert classify_side(span, LEXICON, excluded) == side


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("The army destroyed one tank and five drones.", "one", "tank"),
        ("The army destroyed one tank and five drones.", "five", "drone"),
        ("Troops hit two armored personnel carriers.", "two", "apc"),
        ("It lost 1,160 Russian artillery systems in May.", "1,160", "artillery"),
        ("Air defences shot down 12 cruise missiles overnight.", "12", "missile"),
        ("Three Ka-52 helicopters were downed.", "Three", "helicopter"),
        ("Seven other vehicles were destroyed.", "Seven", "vehicle"),
        ("The number of destroyed artillery pieces — 976 — was a record.", "976", "artillery"),
    ],
)
def test_classify_equipment_type(nlp, text: str, surface: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    candidate, span = _span(nlp, text, surface)
    assert classify_equipment_type(candidate, span, LEXICON) == kind


@pytest.mark.parametrize(
    ("text", "surface", "category", "group"),
    [
        ("Some 300 civilians were killed in the shelling.", "300", "killed", "civilian"),
        ("Some 300 soldiers were killed in the assault.", "300", "killed", "military"),
        ("The toll of 1,000 includes military and civilian dead.", "1,000", "killed", "mixed"),
        ("The army lost 12 tanks.", "12", "equipment", None),
    ],
)
def test_classify_group(nlp, text: str, surface: str, category: str, group: str | None) -> None:  # type: ignore[no-untyped-def]
    _, span = _span(nlp, text, surface)
    assert classify_group(span, category, LEXICON) == group


@pytest.mark.parametrize(
    ("features", "label"),
    [
        ({"lexwin=killed": 1, "lexsent=killed": 1}, "killed"),
        ({"lexwin=killed": 1, "lexwin=wounded": 1}, "total"),
        ({"lexwin=distractor": 1, "lexsent=distractor": 1}, "none"),
        ({"eq=tank": 1, "lexsent=equipment": 1}, "equipment"),
        ({"year_like": 1, "lexwin=killed": 1}, "none"),
        ({}, "none"),
    ],
)
def test_classify_rule_classifier(features: dict, label: str) -> None:
    [(predicted, probability)] = RuleClassifier().predict([features])
    assert predicted == label and 0.0 <= probability <= 1.0


def test_classify_registry_rejects_unknown_name() -> None:
    with pytest.raises(ConfigError, match="not one of"):
        build_classifier(DEFAULTS.classifier.replace(name="newsclaims.classifier.nope.v1"), Path("."))


def test_classify_civilians_take_the_country_they_were_hit_in(extractor) -> None:  # type: ignore[no-untyped-def]
    # CLAIM_SCHEMA.md, Conventions (side): read from the sentence, before any document context.
    [claim] = extractor.extract({"id": "t", "text": "At least 12,162 civilians have been killed in Ukraine since the invasion, the UN said."})
    assert (claim.side, claim.group, claim.metadata["side_how"]) == ("Ukraine", "civilian", "sentence")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("A Russian missile attack on Kyiv killed at least 41 people on Monday, Ukrainian officials said.", "Ukraine"),
        ("Shelling killed 16 people in Kharkiv on Saturday as the war went on, the governor said.", "Ukraine"),
        ("North Korea has suffered about 3,000 casualties fighting Ukrainian troops, Seoul's spy agency said.", "North Korea"),
        (
            "Russia launched 73 drones overnight, the Ukrainian Air Force said. Air defence units shot down 69 of the drones, it said.",
            "Russia",
        ),
        ("Russia's Defence Ministry acknowledged 498 deaths among its soldiers in the war in Ukraine.", "Russia"),
    ],
)
def test_classify_side_from_places_and_two_word_names(extractor, text: str, side: str) -> None:  # type: ignore[no-untyped-def]
    claims = extractor.extract({"id": "t", "text": text})
    assert claims and claims[0].side == side
