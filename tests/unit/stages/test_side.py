"""Side and group of a claim, per the Conventions of CLAIM_SCHEMA.md (side, group).

Every sentence here is invented. The sentence-level rows call ``classify_side``
on a parse; the rows that need the document (who speaks, the claims before,
the place that was hit) run the whole extractor.
"""

from __future__ import annotations

import pytest

from newsclaims.lexicon import load_lexicon
from newsclaims.spacy_ext.tree import attribution_tokens
from newsclaims.stages.classify import classify_group, classify_side

from parsed import candidate_span

LEXICON = load_lexicon()


def _span(nlp, text: str, surface: str):  # type: ignore[no-untyped-def]
    return candidate_span(nlp, text, surface)[1]


def _side(nlp, text: str, surface: str) -> str | None:  # type: ignore[no-untyped-def]
    span = _span(nlp, text, surface)
    return classify_side(span, LEXICON, attribution_tokens(span, LEXICON.reporting_verbs, LEXICON.carrier_nouns), text)


def _claim_sides(extractor, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {claim.surface: claim.side for claim in extractor.extract({"id": "t", "text": text})}


# -- the sentence alone ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "side"),
    [
        # the attacker, captor, opponent or maker is not the side
        ("At least 14 civilians were killed in an Israeli air strike on a school, medics said.", "14", None),
        ("Another 35 armoured vehicles were captured intact by Ukrainian marines near the river.", "35", None),
        ("Six Colombian soldiers were killed in an ambush by FARC guerrillas in the mountains.", "Six", "Colombia"),
        ("North Korea has suffered about 3,000 casualties fighting Ukrainian troops in Kursk.", "3,000", "North Korea"),
        ("Moscow's forces lost nine German-made Leopard tanks and four US-supplied Bradleys, the army said.", "nine", "Russia"),
        # non-state forces keep their own names, also after a country adjective
        ("Seven Taliban were killed and eight were wounded during the gun battle, the police said.", "Seven", "Taliban"),
        ("Seven Taliban were killed and eight were wounded during the gun battle, the police said.", "eight", "Taliban"),
        ("Troops killed at least 13 al-Shabab militants in a raid on a camp, the army said.", "13", "al-Shabab"),
        ("Two M23 commanders were killed in the fighting near Goma, a UN official said.", "Two", "M23"),
        ("The strike killed 30 Lebanese Hezbollah fighters near the border.", "30", "Hezbollah"),
        ("At least 460 fighters from the Rapid Support Forces were killed in the battle.", "460", "RSF"),
        ("Three UN peacekeepers were wounded when their base was shelled.", "Three", "UN"),
        ("The drone strike wounded 12 pro-Russian rebels near the airport.", "12", "rebels"),
        # canonical names
        ("At least 40 Palestinians were killed in the strikes overnight.", "40", "Palestine"),
        ("Britain lost 255 servicemen during the ten-week war.", "255", "UK"),
        ("Seven American troops were wounded in the raid.", "Seven", "US"),
        # combined and conflict-wide figures have no side
        ("About 90,000 Armenian and Azerbaijani troops were killed in total.", "90,000", None),
        ("Nearly 500 soldiers died on both sides in the battle for the bridge.", "500", None),
        ("The war has killed an estimated 150,000 people since it began.", "150,000", None),
        ("At least 50 Houthi rebels and Yemeni government troops have been killed in the fighting.", "50", None),
        ("Together, Armenia and Azerbaijan have lost close to 7,000 soldiers in the war.", "7,000", None),
        ("Gunmen freed 105 hostages: 81 Israelis and 24 foreign nationals.", "24", None),
        # coordinated items each take their own noun, or the noun before them
        ("Up to 43,000 Russians and 17,500 Ukrainians may have died on the battlefield.", "43,000", "Russia"),
        ("Up to 43,000 Russians and 17,500 Ukrainians may have died on the battlefield.", "17,500", "Ukraine"),
        ("The army ambushed Eritrean troops, killing 313 Eritrean soldiers with 488 others wounded.", "488", "Eritrea"),
        ("The brigade destroyed 12 Armenian tanks and 19 armoured vehicles near the town.", "19", "Armenia"),
        # the claimant's nationality and a dateline are not the side
        ("Russian troops have lost 2,002 armoured vehicles since the war began, claimed the Ukrainian army.", "2,002", "Russia"),
        ("Kyiv, May 3: Russia has lost up to 900 soldiers in the past day, the General Staff said.", "900", "Russia"),
        # a pronoun points back at the victims named before it
        ("Iraqi forces clashed with Islamic State militants in the desert, killing 14 of them.", "14", "Islamic State"),
        (
            "The army said its troops killed hundreds of RSF fighters and destroyed 17 of their armoured vehicles.",
            "17",
            "RSF",
        ),
        ("The Soviet Union's invasion of Afghanistan, where 15,000 of its soldiers were killed, lasted ten years.", "15,000", "Soviet Union"),
        # a state's own forces, and members of the one group of the article
        (
            "Syria's war goes on. At least 360 soldiers on the rebel side and 230 soldiers in the government forces were killed.",
            "230",
            "Syria",
        ),
        ("Israel said its strikes had killed 50 Hezbollah operatives, including three commanders.", "three", "Hezbollah"),
        ("Volunteers counted 40 armoured vehicles lost by a single Russian brigade near the town.", "40", "Russia"),
        # civilians take the country where they were hit
        ("At least 3,800 people have been killed in Lebanon over the year, the health ministry said.", "3,800", "Lebanon"),
        ("The cross-border fighting has killed at least 560 people in Lebanon, a tally showed.", "560", "Lebanon"),
    ],
)
def test_side_from_the_sentence(nlp, text: str, surface: str, side: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _side(nlp, text, surface) == side


def test_side_owner_only_names_need_the_counted_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    # "UN" names a side only as the counted noun's own word, never as the speaker.
    assert _side(nlp, "A UN official said 20 soldiers were killed in the shelling of the base.", "20") is None


def test_side_of_an_unknown_nationality_the_article_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Karvonia mobilised last spring. The army said 31 Karvonian recruits were killed in the barrage."
    assert _side(nlp, text, "31") == "Karvonia"
    # without the country's name in the text the nationality names no side
    assert _side(nlp, "The army said 31 Karvonian recruits were killed in the barrage.", "31") is None


# -- the document ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "side"),
    [
        # the party that reports losses someone else inflicted reports its own
        ("Hezbollah says two fighters were killed in an Israeli strike on a village in the south of the country.", "two", "Hezbollah"),
        (
            "An Eskerian artillery barrage killed 31 soldiers at a training ground on Monday, the Karvonian army said. "
            "Karvonia and Eskeria have been at war since 2022.",
            "31",
            "Karvonia",
        ),
        # ... and the one that says it inflicted them reports the other party's
        (
            "The Tigrayan forces said they repelled an offensive by the Ethiopian army in which 300 soldiers were killed.",
            "300",
            "Ethiopia",
        ),
        ("Russia's Defence Ministry said its forces had destroyed 14 tanks in the Pokrovsk direction during the war.", "14", "Ukraine"),
        # the captor's side is not the loser's: the other party of the war is
        ("Another 2,619 units of equipment were captured by Ukrainian forces, the analysts said of the war.", "2,619", "Russia"),
        # weapons shot down are the launcher's
        ("Ukrainian air defences intercepted 30 drones over Kyiv overnight, the air force said of the war.", "30", "Russia"),
        (
            "Russia launched 60 drones at Ukraine overnight, the air force said. Air defence units shot down 52 of the drones, it said.",
            "52",
            "Russia",
        ),
        # "enemy" in a speaker's words is the speaker's opponent; "with the enemy", the speaker's own
        ("Our units destroyed 40 units of enemy equipment over the past day, Ukraine's General Staff said of the war.", "40", "Russia"),
        (
            "Another 23 servicemen died in battles with the enemy on Tuesday, Armenia's Defence Ministry said in its war update.",
            "23",
            "Armenia",
        ),
        # "its forces have lost": the reporter's own
        ("Armenia's Defence Ministry said its forces had lost 250 soldiers in the war so far.", "250", "Armenia"),
        # an armed group's members are the group's, not the state's
        (
            "Six guerrillas from the FARC rebel group and four Colombian soldiers were killed in clashes. "
            "Three soldiers were injured and two militants captured.",
            "two",
            "FARC",
        ),
        # the place that was hit, when the attacker is named
        ("Two civilians died and nine were wounded in Russian shelling of Kherson, the governor said.", "Two", "Ukraine"),
    ],
)
def test_side_from_the_document(extractor, text: str, surface: str, side: str | None) -> None:  # type: ignore[no-untyped-def]
    sides = _claim_sides(extractor, text)
    assert surface in sides and sides[surface] == side


def test_side_combined_figures_stay_null_in_context(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine's General Staff said Russia had lost 1,200 soldiers over the past day. "
        "The war has killed at least 100,000 people on both sides, Western officials said."
    )
    sides = _claim_sides(extractor, text)
    assert sides["1,200"] == "Russia" and sides["100,000"] is None


# -- group --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "category", "group"),
    [
        ("The army lost 12 tanks and 30 drones in the assault.", "12", "equipment", None),
        ("Shelling killed 41 people in the city, officials said.", "41", "killed", None),
        ("Ukraine's General Staff said Russian losses had reached 742,570.", "742,570", "total", "military"),
        ("The ministry registered 65,000 servicemen and civilians as missing.", "65,000", "missing", "mixed"),
        ("The barrage killed 31 recruits and wounded 58 at a training ground.", "58", "wounded", "military"),
        ("The governor said 12 civilians had been killed and 121 wounded in the region.", "121", "wounded", "civilian"),
        ("Seven Taliban were killed in the gun battle.", "Seven", "killed", "military"),
        ("At least 254 aid workers have been killed since the war began.", "254", "killed", "civilian"),
        ("Up to 43,000 Russians may have died on the battlefield.", "43,000", "killed", "military"),
        ("Russian units had lost about 3,500 men killed and wounded there in April.", "3,500", "total", "military"),
    ],
)
def test_group_from_the_counted_noun(nlp, text: str, surface: str, category: str, group: str | None) -> None:  # type: ignore[no-untyped-def]
    assert classify_group(_span(nlp, text, surface), category, LEXICON) == group
