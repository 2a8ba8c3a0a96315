"""The period reader (pipeline/stages/normalise/period.py): one table per phenomenon
of the Conventions (CLAIM_SCHEMA.md, period_start / period_end). Every sentence
here is invented; the sides and places (Kestria, Velna ...) are made up."""

from __future__ import annotations

import datetime as dt

import pytest

from newsclaims.config import default_settings
from newsclaims.records import Paragraph
from newsclaims.stages.normalise import claim_period, mentions_time, resolve_period

SETTINGS = default_settings().normalise
FRIDAY = dt.date(2024, 6, 14)  # the report day of most rows: a Friday
WAR = dt.date(2022, 2, 24)  # the war start the rows' side is fighting

Row = tuple[str, str, dt.date | None, dt.date | None, tuple[str | None, str | None]]


def _period(sentence: str, number: str, published: dt.date | None, war_start: dt.date | None) -> tuple[str | None, str | None]:
    return resolve_period(sentence, sentence.index(number), published, SETTINGS, war_start)


def _check(rows: list[Row]) -> None:
    for sentence, number, published, war_start, expected in rows:
        assert _period(sentence, number, published, war_start) == expected, sentence


DAY_CONVENTIONS: list[Row] = [
    ("Kestrian forces lost 410 soldiers over the past 24 hours, the staff said.", "410", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("The army said 35 fighters were killed in the past day.", "35", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("In the last 24 hours, 12 drones were shot down.", "12", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("Border units destroyed 9 tanks in one day.", "9", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("During the day, the brigade lost 14 vehicles.", "14", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("The coastal battery lost 3 launchers over the previous 24 hours.", "3", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
    ("Over the past week, the brigade destroyed 27 tanks.", "27", FRIDAY, WAR, ("2024-06-08", "2024-06-14")),
    ("The militia lost 1,300 fighters in the past seven days.", "1,300", FRIDAY, WAR, ("2024-06-08", "2024-06-14")),
    ("Over the past 72 hours, the navy lost 4 boats.", "4", FRIDAY, WAR, ("2024-06-12", "2024-06-14")),
    ("Kestria lost over 900 soldiers in a week.", "900", FRIDAY, WAR, ("2024-06-08", "2024-06-14")),
    ("This month the rebels have lost 230 fighters.", "230", FRIDAY, WAR, ("2024-06-01", "2024-06-14")),
    ("Losses last month reached 3,100.", "3,100", FRIDAY, WAR, ("2024-05-01", "2024-05-31")),
    ("Ukraine's tally stands at 2,900 tanks, up nine from the previous day.", "nine", FRIDAY, WAR, ("2024-06-14", "2024-06-14")),
]


def test_period_day_conventions() -> None:
    _check(DAY_CONVENTIONS)


AS_OF_DAY: list[Row] = [
    # "said on Monday" sets the as-of day: the past day and the past week end on it
    ("The ministry said on Monday that 640 soldiers had been killed over the past day.", "640", FRIDAY, WAR, ("2024-06-10", "2024-06-10")),
    ("The ministry said on Monday that 5,100 soldiers had been killed over the past week.", "5,100", FRIDAY, WAR, ("2024-06-04", "2024-06-10")),
    ("On Sunday, the Velna garrison said it had lost 88 men over the past day.", "88", FRIDAY, WAR, ("2024-06-09", "2024-06-09")),
    # no period ends after its as-of date
    ("In June, the guards lost 48 armoured vehicles, the command said on June 10.", "48", FRIDAY, WAR, ("2024-06-01", "2024-06-10")),
    ("Kestria lost 520 drones in June.", "520", dt.date(2024, 6, 10), WAR, ("2024-06-01", "2024-06-10")),
    # a running count ends on the statement day, not on the publication day
    ("Kestria has lost 61,000 soldiers since the invasion began, officials said on Thursday.", "61,000", FRIDAY, WAR, ("2022-02-24", "2024-06-13")),
    ("The envoy told reporters on Tuesday that 12,000 troops had been killed so far.", "12,000", FRIDAY, WAR, ("2022-02-24", "2024-06-11")),
    # a statement dated only by its month leaves the running count's end open
    ("The president said in February that 31,000 soldiers had been killed since the invasion began.", "31,000", dt.date(2024, 4, 3), WAR, ("2022-02-24", None)),
    # "On Wednesday alone" is the count's own day, not the statement's
    ("On Wednesday alone, the command said, the enemy lost 11 tanks.", "11", dt.date(2023, 11, 30), WAR, ("2023-11-29", "2023-11-29")),
]


def test_period_as_of_day_from_the_statement() -> None:
    _check(AS_OF_DAY)


DATE_SHAPES: list[Row] = [
    ("Between March 1 and April 30, 2023, the militia lost 2,600 fighters.", "2,600", FRIDAY, WAR, ("2023-03-01", "2023-04-30")),
    ("From February 24 to June 1, 2022, the garrison lost 7,400 troops.", "7,400", FRIDAY, WAR, ("2022-02-24", "2022-06-01")),
    ("Between Feb 24 and Apr 17 the brigade lost 880 men.", "880", FRIDAY, WAR, ("2024-02-24", "2024-04-17")),
    ("Losses near Velna from December 11 to 17 amounted to 755 servicemen.", "755", dt.date(2023, 12, 20), WAR, ("2023-12-11", "2023-12-17")),
    ("The staff's count from 01.03.24 to 31.05.24 puts enemy losses at 9,120.", "9,120", FRIDAY, WAR, ("2024-03-01", "2024-05-31")),
    ("Some 3,900 fighters have been killed since 3 March 2023.", "3,900", FRIDAY, WAR, ("2023-03-03", "2024-06-14")),
    ("On 14 August, 62 soldiers were killed near the river.", "62", dt.date(2024, 9, 2), WAR, ("2024-08-14", "2024-08-14")),
    ("On 29 April 2021 the rebels killed 310 soldiers in a valley ambush.", "310", None, WAR, ("2021-04-29", "2021-04-29")),
    ("The rebels said 1,800 troops were killed on 28-29 April.", "1,800", dt.date(2021, 5, 3), WAR, ("2021-04-28", "2021-04-29")),
    ("At least 100 villagers were killed in the town on November 28 and 29.", "100", dt.date(2021, 3, 24), None, ("2020-11-28", "2020-11-29")),
    ("At least 41 civilians died in the August 14 assault on the market.", "41", dt.date(2024, 9, 2), WAR, ("2024-08-14", "2024-08-14")),
    ("At least 1,200 people were killed in the October 7 attack.", "1,200", dt.date(2023, 12, 2), None, ("2023-10-07", "2023-10-07")),
    ("The rebels captured 45 soldiers in Tuesday's fighting.", "45", dt.date(2024, 10, 3), WAR, ("2024-10-01", "2024-10-01")),
    ("Three rebels were killed during the Monday morning battle.", "Three", dt.date(2018, 9, 10), None, ("2018-09-10", "2018-09-10")),
    ("During the battle in July and August 1943, the army lost 6,000 tanks.", "6,000", None, None, ("1943-07-01", "1943-08-31")),
    ("The 1998-2000 border war killed some 80,000 soldiers.", "80,000", None, None, ("1998-01-01", "2000-12-31")),
    ("The Lorian war of 1980 to 1988 killed half a million soldiers.", "half", dt.date(2023, 1, 1), None, ("1980-01-01", "1988-12-31")),
    # "May" the verb and "march" the noun are not months
    ("The army says 40 soldiers may have died in the march to the coast.", "40", FRIDAY, None, (None, None)),
]


def test_period_date_shapes() -> None:
    _check(DATE_SHAPES)


RUNNING_FROM_A_DATE: list[Row] = [
    ("The offensive began on May 10 and has since cost the army 2,300 soldiers.", "2,300", FRIDAY, WAR, ("2024-05-10", "2024-06-14")),
    ("The navy resumed its raids on March 18 and has since sunk 14 boats.", "14", FRIDAY, WAR, ("2024-03-18", "2024-06-14")),
    ("The army has lost 5,200 troops since the offensive began in May 2024.", "5,200", FRIDAY, WAR, ("2024-05-01", "2024-06-14")),
    (
        "Some 2,316 civilians have died since the militia (RSF) laid siege to the city on 10 May 2024.",
        "2,316", None, dt.date(2023, 4, 15), ("2024-05-10", None),
    ),
    (
        "Since it launched its offensive in November 2023, the group claims to have killed 1,500 soldiers.",
        "1,500", dt.date(2025, 3, 12), None, ("2023-11-01", "2025-03-12"),
    ),
    (
        "Kyiv said on Wednesday it had captured 650 soldiers since its troops launched an incursion into the region in August.",
        "650", dt.date(2024, 11, 6), WAR, ("2024-08-01", "2024-11-06"),
    ),
    (
        "The alliance said on Tuesday that 2,389 soldiers had surrendered since its offensive began on October 27, 2023.",
        "2,389", dt.date(2024, 1, 24), None, ("2023-10-27", "2024-01-23"),
    ),
    ("The toll has now risen to nearly 300 since 2015.", "300", dt.date(2019, 2, 4), None, ("2015-01-01", "2019-02-04")),
    ("The army said on Friday it had killed 120 fighters since Wednesday.", "120", FRIDAY, WAR, ("2024-06-12", "2024-06-14")),
    ("The army said on Wednesday it had killed 70 fighters since Wednesday.", "70", dt.date(2024, 6, 12), WAR, ("2024-06-05", "2024-06-12")),
    (
        "Some 2,100 soldiers have been killed since Saturday's attack, the ministry said on Tuesday.",
        "2,100", dt.date(2023, 10, 11), dt.date(2023, 10, 7), ("2023-10-07", "2023-10-10"),
    ),
    # the war's own start day when the war began in the month the sentence names
    ("Kestrian losses since October 2023 have reached 9,800 soldiers.", "9,800", FRIDAY, dt.date(2023, 10, 7), ("2023-10-07", "2024-06-14")),
    ("The shelling since early October has killed 340 people.", "340", FRIDAY, dt.date(2023, 10, 7), ("2023-10-07", "2024-06-14")),
    ("Since mid-April 2023 the war has claimed 11,000 lives.", "11,000", None, dt.date(2023, 4, 15), ("2023-04-15", None)),
    ("Kestrian losses since October 2023 have reached 9,800 soldiers.", "9,800", FRIDAY, WAR, ("2023-10-01", "2024-06-14")),
    # a date in the clause of a war idiom: the date when it names a day, the war's start when only its month
    (
        "At least 15,550 people have been killed since fighting erupted between the army and the militia on April 15, 2023.",
        "15,550", dt.date(2024, 11, 20), WAR, ("2023-04-15", "2024-11-20"),
    ),
    ("Some 440,000 soldiers have been lost since the war began in February 2022.", "440,000", dt.date(2024, 4, 3), WAR, ("2022-02-24", "2024-04-03")),
]


def test_period_running_counts_from_a_date() -> None:
    _check(RUNNING_FROM_A_DATE)


STATEMENT_DATES: list[Row] = [
    # the date a figure was said is not its period
    ("On April 2, the ministry put its own war dead at 730.", "730", dt.date(2024, 4, 10), WAR, ("2022-02-24", "2024-04-02")),
    ("The agency's March bulletin put tanks lost since 2022 at 1,700.", "1,700", dt.date(2024, 4, 10), WAR, ("2022-01-01", None)),
    ("A report published on May 3 put the losses of the Velna brigade at 4,100.", "4,100", FRIDAY, None, (None, None)),
    ("Kestria's army said on Monday that 30 of its soldiers were killed.", "30", FRIDAY, None, (None, None)),
    (
        "NATO estimated on Wednesday that 7,000 soldiers had been killed in four weeks of fighting.",
        "7,000", dt.date(2022, 3, 25), WAR, ("2022-02-24", "2022-03-23"),
    ),
]


def test_period_statement_dates_are_as_of_dates() -> None:
    _check(STATEMENT_DATES)


WAR_TO_DATE: list[Row] = [
    ("Kestria has lost 51,000 soldiers since Moscow invaded its neighbour.", "51,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("So far, the army has lost 3,100 tanks.", "3,100", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("The ministry puts its losses to date at 14,200.", "14,200", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Throughout the war, 870 aircraft have been downed.", "870", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("During the special military operation, 410 helicopters were destroyed.", "410", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Since the start of the special operation, 1,020 tanks were destroyed.", "1,020", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Kestria lost 62,000 soldiers in seven months of fighting.", "62,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Since Russia launched its full-scale invasion, 2,900 tanks have been lost.", "2,900", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("About 45,000 soldiers have been killed in the three-year war.", "45,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Since the war began, 800 aircraft have been lost.", "800", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Since the start of the 2022 invasion, 5,000 tanks were lost.", "5,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Some 12,000 soldiers were killed in the war with Kestria.", "12,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
    ("Since the beginning of the year, 980 tanks were destroyed.", "980", FRIDAY, WAR, ("2024-01-01", "2024-06-14")),
    ("Through the first month of the war, the army lost 1,300 troops.", "1,300", FRIDAY, WAR, ("2022-02-24", "2022-03-24")),
    (
        "In the first 14 months of the war, 19,000 people were killed.",
        "19,000", dt.date(2024, 11, 20), dt.date(2023, 4, 15), ("2023-04-15", "2024-06-14"),
    ),
    ("The army lost 2,200 soldiers in the first ten months of 2023.", "2,200", FRIDAY, WAR, ("2023-01-01", "2023-10-31")),
    # the running total of a tally, and a count "now" reached
    ("Another 410 soldiers died, which has brought the total to around 61,200.", "61,200", dt.date(2023, 3, 3), WAR, ("2022-02-24", "2023-03-03")),
    ("The loss of six more tanks means the army has now lost 1,450 in total.", "1,450", dt.date(2023, 3, 3), WAR, ("2022-02-24", "2023-03-03")),
    # an increment in the same sentence is not the running total
    ("Another 410 soldiers died, which has brought the total to around 61,200.", "410", dt.date(2023, 3, 3), WAR, (None, None)),
    ("The loss of six more tanks means the army has now lost 1,450 in total.", "six", dt.date(2023, 3, 3), WAR, (None, None)),
    # a total inside an event's toll is the event's
    ("The toll from the market attack rose, bringing the total to 40.", "40", dt.date(2023, 3, 3), WAR, (None, None)),
    # ... and a time phrase inside the running total dates that total
    (
        "The air force downed two more jets, bringing the number shot down in February to 13.",
        "13", dt.date(2024, 2, 29), WAR, ("2024-02-01", "2024-02-29"),
    ),
    # a war with no known start gives no period
    ("Some 300 fighters were killed since the war began.", "300", FRIDAY, None, (None, None)),
]


def test_period_war_to_date_idioms() -> None:
    _check(WAR_TO_DATE)


HALF_OPEN: list[Row] = [
    ("Kestria has lost 28,000 soldiers since the start of the war.", "28,000", None, WAR, ("2022-02-24", None)),
    ("Approximately 9,000 fighters from the militia have now lost their lives.", "9,000", None, WAR, ("2022-02-24", None)),
    # an as-of date in the text ends the period of an undated document
    ("As of March 4, 2023, Kestria had lost 14,000 soldiers since the invasion began.", "14,000", None, WAR, ("2022-02-24", "2023-03-04")),
    ("As of March 4, Kestria had lost 14,000 soldiers since the invasion began.", "14,000", None, WAR, ("2022-02-24", None)),
    # undated, a relative date resolves to nothing
    ("Kestria lost 410 soldiers over the past 24 hours.", "410", None, WAR, (None, None)),
    ("The army said last week that 1,000 soldiers were killed in a single day of fighting.", "1,000", None, WAR, (None, None)),
]


def test_period_half_open_when_the_as_of_date_is_unknown() -> None:
    _check(HALF_OPEN)


WHICH_PERIOD: list[Row] = [
    # the number's own clause, and the whole's period for the whole, the subset's for the subset
    (
        "Russia lost 1,270 troops over the past day and 521,940 since the start of the full-scale invasion, the staff said on Friday.",
        "1,270", dt.date(2024, 6, 22), WAR, ("2024-06-21", "2024-06-21"),
    ),
    (
        "Russia lost 1,270 troops over the past day and 521,940 since the start of the full-scale invasion, the staff said on Friday.",
        "521,940", dt.date(2024, 6, 22), WAR, ("2022-02-24", "2024-06-21"),
    ),
    (
        "The staff said on Saturday that losses had reached 742,570, including 1,590 over the past day.",
        "1,590", dt.date(2024, 11, 30), WAR, ("2024-11-30", "2024-11-30"),
    ),
    (
        "Officials say 59,000 troops were lost near Velna since August, with Moscow claiming a further 310 killed there over the past day.",
        "310", dt.date(2025, 2, 18), WAR, ("2025-02-18", "2025-02-18"),
    ),
    # comparisons and events: "the deadliest month since October 2022" spans nothing
    ("July was the deadliest month for civilians since October 2022, with 219 killed.", "219", dt.date(2024, 8, 9), WAR, ("2024-07-01", "2024-07-31")),
    ("More than 2,500 were listed as missing when the war ended in 1975.", "2,500", None, None, (None, None)),
    # a time phrase no one can resolve keeps the number from a farther one
    (
        "The army lost 15,000 troops during a failed summer offensive, after losing 440,000 since the war began in February 2022.",
        "15,000", dt.date(2024, 4, 3), WAR, (None, None),
    ),
    ("The town fell on Saturday after a four-month siege that cost the army more than 700 vehicles.", "700", dt.date(2024, 2, 18), WAR, (None, None)),
    ("Some 52 fighters have been killed since the siege began.", "52", FRIDAY, WAR, (None, None)),
]


def test_period_which_phrase_dates_the_number() -> None:
    _check(WHICH_PERIOD)


def _paragraphs(*texts: str) -> list[Paragraph]:
    out, start = [], 0
    for text in texts:
        out.append(Paragraph(start, text))
        start += len(text) + 2
    return out


def test_period_list_lines_take_their_header_period() -> None:
    paragraphs = _paragraphs("Enemy losses from 01.03.25 to 30.06.25:\ntanks — 486\ndrones — 2,870")
    offset = paragraphs[0].text.index("486")
    line = "tanks — 486"
    assert claim_period(line, line.index("486"), False, paragraphs, 0, offset, None, SETTINGS, None) == ("2025-03-01", "2025-06-30", "header")


def test_period_header_date_in_brackets_is_its_as_of_date() -> None:
    paragraphs = _paragraphs("Enemy losses since the start of the full-scale invasion, according to the staff (May 15):\n• tanks: 3,100")
    offset = paragraphs[0].text.index("3,100")
    line = "• tanks: 3,100"
    period = claim_period(line, line.index("3,100"), False, paragraphs, 0, offset, dt.date(2023, 5, 15), SETTINGS, WAR)
    assert period == ("2022-02-24", "2023-05-15", "header")


def test_period_a_caption_does_not_date_a_list() -> None:
    paragraphs = _paragraphs(
        "A soldier fires a mortar towards enemy positions near Velna, in the east of the country, on February 7, 2023 as snow falls",
        "• Up to 4,300 soldiers may have died on the battlefield",
    )
    line = paragraphs[1].text
    assert claim_period(line, line.index("4,300"), False, paragraphs, 1, line.index("4,300"), None, SETTINGS, WAR) == (None, None, None)


def test_period_since_then_looks_back_into_its_paragraph() -> None:
    text = "Kestria mobilised reservists after troops crossed the border on 3 March 2025. Since then, its forces have lost 6,480 soldiers."
    paragraphs = _paragraphs(text)
    sentence = text[text.index("Since then") :]
    offset = text.index("6,480")
    period = claim_period(sentence, sentence.index("6,480"), False, paragraphs, 0, offset, dt.date(2025, 5, 7), SETTINGS, None)
    assert period == ("2025-03-03", "2025-05-07", "sentence")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Tuesday, 12 soldiers were killed.", True),
        ("Fighting in the spring killed 300.", True),
        ("Since the siege began, 900 have died.", True),
        ("Over the past week 30 died.", True),
        ("The brigade lost 40 men in 2023.", True),
        ("The army has lost 3,000 tanks so far.", True),
        ("He has served for 20 years.", True),
        ("The figures from 01.03.25 cover 31 tanks.", True),
        # a rate has a window of its own
        ("Losses ran at 1,200 a day.", True),
        ("They lose 1,000 men on a good day, one official said.", True),
        # tally words date nothing
        ("The day's losses included 14 tanks.", False),
        ("Its daily bulletin listed 12 tanks.", False),
        ("The figures cover 31 tanks.", False),
        # "the same period" points back to the time already given
        ("The same period saw 80 prisoners taken.", False),
        ("The army said it had killed 30 fighters in the same battles.", False),
        # a causal "since", "may" the verb
        ("Since Kestria does not publish its losses, estimates vary.", False),
        ("It may take years to count the dead.", False),
    ],
)
def test_period_mentions_time(sentence: str, expected: bool) -> None:
    assert mentions_time(sentence) is expected


MORE_CUES: list[Row] = [
    # a subset set off by commas leaves the period to the whole
    (
        "At least 1,216 civilians, including 65 children, have been killed in Velna since February 24, 2022, the mission said.",
        "1,216", FRIDAY, WAR, ("2022-02-24", "2024-06-14"),
    ),
    # "has suffered": a count to date when the sentence has no time phrase
    ("One estimate suggests that Kestria has suffered between 18,500 and 22,300 casualties.", "18,500", None, WAR, ("2022-02-24", None)),
    ("Kestria is believed to have suffered about 40,000 casualties.", "40,000", FRIDAY, WAR, (None, None)),
    # a tally's increment "rose by 570" is the report day's; the figure it rose to is the war's
    ("The personnel figure rose by 570 to 272,500, the staff said.", "570", dt.date(2023, 9, 11), WAR, ("2023-09-11", "2023-09-11")),
    ("The personnel figure rose by 570 to 272,500, the staff said.", "272,500", dt.date(2023, 9, 11), WAR, ("2022-02-24", "2023-09-11")),
    # holidays are days
    ("Air defences shot down 59 missiles on Christmas Day.", "59", dt.date(2024, 12, 26), WAR, ("2024-12-25", "2024-12-25")),
]


def test_period_running_totals_subsets_and_increments() -> None:
    _check(MORE_CUES)


def test_period_statement_as_of_for_continuations() -> None:
    from newsclaims.stages.normalise.period import statement_as_of

    assert statement_as_of("Kestria's army said on Monday that 30 soldiers were killed.", FRIDAY) == dt.date(2024, 6, 10)
    assert statement_as_of("As of March 4, 2023, the army had lost 14,000 soldiers.", None) == dt.date(2023, 3, 4)
    assert statement_as_of("The president said in February that 31,000 soldiers had died.", FRIDAY) is None
    assert statement_as_of("Kestria lost 410 soldiers over the past day.", FRIDAY) is None


def test_period_put_losses_at_is_a_count_to_date() -> None:
    _check(
        [
            ("The agency put Kestrian losses at around 7,000.", "7,000", FRIDAY, WAR, ("2022-02-24", "2024-06-14")),
            ("It put Velnian dead at around 2,100.", "2,100", None, WAR, ("2022-02-24", None)),
            ("A report put the total at 3,150.", "3,150", FRIDAY, WAR, (None, None)),
        ]
    )


def test_period_a_rate_is_not_a_count_to_date() -> None:
    _check([("The service puts Kestrian losses at around 3,000 a month.", "3,000", FRIDAY, WAR, (None, None))])


MORE_SHAPES: list[Row] = [
    # the weekend: the last Saturday and Sunday up to the report day (a Monday here)
    ("Fighting around the port killed at least 140 fighters over the weekend.", "140", dt.date(2024, 12, 16), None, ("2024-12-14", "2024-12-15")),
    ("The week's tally: the brigade lost 31 vehicles during the week.", "31", dt.date(2024, 6, 29), WAR, ("2024-06-23", "2024-06-29")),
    ("The air force shot down two more jets between Tuesday and Thursday.", "two", dt.date(2024, 3, 1), WAR, ("2024-02-27", "2024-02-29")),
    # an event that began and ended on named days spans them
    (
        "The rebels took 54 soldiers prisoner in an assault that began on March 7 and ended on Monday.",
        "54", dt.date(2024, 4, 10), None, ("2024-03-07", "2024-04-08"),
    ),
    # "since it began" points back to the start the sentence gave
    (
        "Marines who began their assault on the village on August 10 say they have killed 140 soldiers since it began.",
        "140", dt.date(2023, 8, 17), WAR, ("2023-08-10", "2023-08-17"),
    ),
    # a year the insurgency began in, and a war idiom whose start is unknown
    (
        "Since the insurgency began in 2019, the conflict has killed about 7,400 people.",
        "7,400", dt.date(2025, 8, 4), None, ("2019-01-01", "2025-08-04"),
    ),
    # part of a month is not the whole month
    ("At least 800 people were killed in early November.", "800", dt.date(2024, 1, 30), None, (None, None)),
    # "put losses on Wednesday at": Wednesday is the statement's
    (
        "The staff put enemy losses on Wednesday at 167,490, including 690 over the past day.",
        "167,490", dt.date(2023, 3, 22), WAR, ("2022-02-24", "2023-03-22"),
    ),
    # "claimed the lives" reports a loss, not a statement
    ("A missile strike on Monday claimed the lives of 14 people and injured 37.", "37", dt.date(2024, 9, 10), WAR, ("2024-09-09", "2024-09-09")),
    # "between October 8, 2023 and the November 27, 2024 ceasefire"
    (
        "Strikes killed 4,047 people between October 8, 2023 and the November 27, 2024 ceasefire.",
        "4,047", dt.date(2024, 12, 5), None, ("2023-10-08", "2024-11-27"),
    ),
    ("Lebanon counts 4,047 dead from 14 months of war.", "4,047", dt.date(2024, 12, 5), dt.date(2023, 10, 8), ("2023-10-08", "2024-12-05")),
    ("The army lost 1,150 tanks in the first months of the war.", "1,150", None, WAR, (None, None)),
]


def test_period_more_shapes() -> None:
    _check(MORE_SHAPES)


def test_period_halves_subsets_and_dated_war_starts() -> None:
    _check(
        [
            (
                "The rebels said on Monday they had killed 77 soldiers in the first half of the year.",
                "77", dt.date(2025, 7, 22), None, ("2025-01-01", "2025-06-30"),
            ),
            (
                "The militia had lost about 30,000 fighters since the start of the war, half of them since January.",
                "30,000", dt.date(2023, 3, 22), WAR, ("2022-02-24", "2023-03-22"),
            ),
            (
                "Almera lost three jets in the first week of the conflict, which began when Sorvik attacked on 5 September 2025.",
                "three", None, None, ("2025-09-05", "2025-09-11"),
            ),
            (
                "Strikes killed 4,047 people between October 8, 2023 and the November 27 ceasefire.",
                "4,047", dt.date(2024, 12, 5), None, ("2023-10-08", "2024-11-27"),
            ),
        ]
    )
