"""Normalisation: approx, rate and period resolution, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from newsclaims.config import default_settings
from newsclaims.records import Quantity
from newsclaims.stages.normalise import approx_of, find_rate, resolve_period

SETTINGS = default_settings().normalise
PUBLISHED = dt.date(2024, 6, 2)  # a Sunday


def _period(sentence: str, number: str, published: dt.date | None = PUBLISHED, war: bool = True) -> tuple[str | None, str | None]:
    return resolve_period(sentence, sentence.index(number), published, SETTINGS, SETTINGS.war_start("Russia") if war else None)


@pytest.mark.parametrize(
    ("sentence", "number", "expected"),
    [
        ("Russian troop losses in May amounted to 38,940, the ministry said.", "38,940", ("2024-05-01", "2024-05-31")),
        ("The previous record of 29,970 was set in December of last year.", "29,970", ("2023-12-01", "2023-12-31")),
        ("Losses last month reached 31,000.", "31,000", ("2024-05-01", "2024-05-31")),
        ("On Wednesday, 660 Russian troops were killed.", "660", ("2024-05-29", "2024-05-29")),
        ("2022: 106,720 troops lost — averaging 340 per day", "106,720", ("2022-01-01", "2022-12-31")),
        ("2025 (as of June 4): Over 200,000 troops", "200,000", ("2025-01-01", "2025-06-04")),
        ("November 28, 2024: 2,030 casualties in a single day", "2,030", ("2024-11-28", "2024-11-28")),
        ("About 450,000 were killed or wounded since the start of the conflict.", "450,000", ("2022-02-24", "2024-06-02")),
        ("It has lost 1,000 tanks since the start of the full-scale invasion.", "1,000", ("2022-02-24", "2024-06-02")),
        ("In 2023, Russia lost 253,290 troops.", "253,290", ("2023-01-01", "2023-12-31")),
        ("38,940 — russian personnel losses in May 2024.", "38,940", ("2024-05-01", "2024-05-31")),
        ("Israel said 1,200 people were killed in the attack.", "1,200", (None, None)),
    ],
)
def test_normalise_resolves_period(sentence: str, number: str, expected: tuple[str | None, str | None]) -> None:
    assert _period(sentence, number) == expected


def test_normalise_period_needs_a_year() -> None:
    # No publication date and no year in the text: nothing is guessed.
    assert _period("Russian troop losses in May amounted to 38,940.", "38,940", published=None) == (None, None)


def test_normalise_invasion_start_only_in_war_context() -> None:
    sentence = "Some 5,000 fighters were killed since the start of the war."
    assert _period(sentence, "5,000", war=False) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "number", "rate"),
    [
        ("Reported losses averaged 1,200 a day during May.", "1,200", "day"),
        ("He said that 20,000 to 25,000 troops are dying each month.", "20,000 to 25,000", "month"),
        ("An estimated 1,000 soldiers killed and wounded every day.", "1,000", "day"),
        ("Around 10,000 troops killed each month since February.", "10,000", "month"),
        ("2022: 106,720 troops lost — averaging 340 per day", "340", "day"),
        ("November 28, 2024: 2,030 casualties in a single day", "2,030", None),
        ("2022: 106,720 troops lost — averaging 340 per day", "106,720", None),
        ("Russia lost 38,940 troops in May.", "38,940", None),
        ("Recruiting runs at 30,000 a month while losses stand at 1,100 daily.", "1,100", "day"),
    ],
)
def test_normalise_finds_rate(sentence: str, number: str, rate: str | None) -> None:
    start = sentence.index(number)
    assert find_rate(sentence, start + len(number), SETTINGS, start) == rate


@pytest.mark.parametrize(
    ("qualifier", "approx"),
    [("exact", "exact"), ("at_least", "at_least"), ("at_most", "at_most"), ("about", "about"), ("up", "exact"), ("down", "exact")],
)
def test_normalise_approx_maps_qualifiers(qualifier: str, approx: str) -> None:
    quantity = Quantity("6", 0, 1, 6.0, 6.0, 6.0, qualifier=qualifier)  # type: ignore[arg-type]
    assert approx_of(quantity) == approx


@pytest.mark.parametrize(
    ("sentence", "number", "rate"),
    [
        ("The highest monthly figure, 38,940, came in May.", "38,940", None),
        ("Russian troop losses amounted to 38,940, the highest monthly figure.", "38,940", None),
        ("The daily average of 1,100 held through spring.", "1,100", "day"),
        ("Its monthly toll stood at 20,000 soldiers.", "20,000", "month"),
    ],
)
def test_normalise_rate_words_as_adjectives(sentence: str, number: str, rate: str | None) -> None:
    start = sentence.index(number)
    assert find_rate(sentence, start + len(number), SETTINGS, start) == rate


@pytest.mark.parametrize(
    ("sentence", "number", "published", "expected"),
    [
        (
            "At least 15,550 people have been killed since fighting erupted between the army and the RSF on April 15, 2023.",
            "15,550",
            dt.date(2024, 11, 20),
            ("2023-04-15", "2024-11-20"),
        ),
        ("Some 4,474 people have been killed since the February 2021 coup.", "4,474", dt.date(2024, 2, 1), ("2021-02-01", "2024-02-01")),
        (
            "Russian losses since the start of the full-scale invasion, as of March 4: 414,280",
            "414,280",
            dt.date(2024, 3, 5),
            ("2022-02-24", "2024-03-04"),
        ),
        ("A U.S. estimate reported on Dec. 12 put the total at 315,000.", "315,000", dt.date(2024, 6, 2), (None, None)),
        ("Last month, Ukraine said Russia's total losses had passed 500,000.", "500,000", dt.date(2024, 6, 2), (None, None)),
    ],
)
def test_normalise_running_counts_and_statement_dates(
    sentence: str, number: str, published: dt.date, expected: tuple[str | None, str | None]
) -> None:
    assert _period(sentence, number, published=published) == expected


@pytest.mark.parametrize(
    ("sentence", "number", "side", "expected"),
    [
        ("The IDF said it had killed about 9,000 Hamas fighters since the war began.", "9,000", "Hamas", ("2023-10-07", "2024-01-10")),
        ("Ukraine has lost 620 aircraft since the beginning of the 'special military operation'.", "620", "Ukraine", ("2022-02-24", "2024-01-10")),
        ("Border guards destroyed 23 boats in the delta since November.", "23", "Russia", ("2023-11-01", "2024-01-10")),
        ("Total combat losses of the enemy from 24.02.22 to 11.11.24: 710,360", "710,360", "Russia", ("2022-02-24", "2024-11-11")),
        ("Some 300 fighters were killed since the war began.", "300", "Atlantis", (None, None)),
    ],
)
def test_normalise_war_starts_by_side(sentence: str, number: str, side: str, expected: tuple[str | None, str | None]) -> None:
    published = dt.date(2024, 1, 10)
    assert resolve_period(sentence, sentence.index(number), published, SETTINGS, SETTINGS.war_start(side)) == expected
