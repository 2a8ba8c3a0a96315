"""The period a claim covers, as ISO dates.

A sentence is read in three passes:

1. calendar expressions ("3 March 2023", "May 2, 1982", "between Feb 24 and
   Apr 17", "from 24.02.22 to 11.11.24", "the 1998-2000 war", "on Tuesday",
   "Tuesday's fighting", "in May", "since October 2023");
2. the date the figure was *said* (a statement time: "the ministry said on
   Monday", "On April 2, the ministry put ...", "its March bulletin", an "as
   of" date, a dateline): it is not the count's period but the count's as-of
   date, which ends running counts, anchors relative phrases ("over the past
   day", "to date") and caps every period (no period ends after its as-of date);
3. the phrases that give the count its span: calendar expressions in their
   role ("since", "from .. to", "began on"), relative phrases ("over the past
   week", "last month", "since the beginning of the year"), war-to-date idioms
   ("since Russia invaded", "so far", "throughout the war", "in seven months of
   fighting", "through the first month of the war"), and time phrases that
   cannot be resolved ("since the siege began", "last summer"), which keep a
   number from borrowing a farther period. A sentence with no time phrase at
   all may still state a running total ("bringing the total to 94,760", "have
   now lost", "has suffered"): the war to date.

The number takes the nearest such phrase, preferring one in its own clause
and leaving a subset's phrase to the subset ("742,570, including 1,590 over
the past day"). A war-to-date count runs from the side's war start
(``war_start``) to the as-of date, else the publication date, else stays
half-open (start set, end null); a period is never end-only. No year is
guessed: what cannot be resolved stays null. ``claim_period`` adds the
document's context: a list line takes the period of its list header, "since
then" looks back into its paragraph. ``mentions_time`` tells the context stage
whether a sentence starts a time of its own.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from newsclaims.layout import list_header
from newsclaims.records import Paragraph
from newsclaims.settings import NormaliseSettings

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_RE = r"(?P<month>" + _MONTH_ALT + r")\b\.?"
WEEKDAY_RE = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-four": 24, "thirty": 30, "forty-eight": 48, "seventy-two": 72,
}
_COUNT = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"


def _month(name: str) -> str:
    """A month-name group called ``name``."""
    return r"(?P<" + name + r">" + _MONTH_ALT + r")\b\.?"


def _count(text: str) -> int | None:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _add_units(date: dt.date, count: int, unit: str) -> dt.date:
    """``date`` plus ``count`` days, weeks, months or years."""
    unit = unit.rstrip("s")
    if unit == "day":
        return date + dt.timedelta(days=count)
    if unit == "week":
        return date + dt.timedelta(weeks=count)
    return _add_months(date, count * (12 if unit == "year" else 1))


def _previous_month(date: dt.date) -> tuple[int, int]:
    return (date.year - 1, 12) if date.month == 1 else (date.year, date.month - 1)


def _year_for(month: int, day: int | None, ref: dt.date | None, explicit: str | None) -> int | None:
    """The year of a month (and day) written without one: the latest not after ``ref``."""
    if explicit:
        return int(explicit)
    if ref is None:
        return None
    written = (month, day) if day is not None else (month, 0)
    return ref.year if written <= (ref.month, ref.day) else ref.year - 1


def _last_year(ref: dt.date | None) -> int | None:
    return ref.year - 1 if ref else None


def _full_year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


# --------------------------------------------------------------------------
# Pass 1: calendar expressions.


@dataclass(frozen=True)
class _Cal:
    """A calendar expression: the interval it names (None when its year is unknown)."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: str  # "day", "month" or "year"
    weekday: bool = False
    span: bool = False  # a written range ("from March 1 to April 30"): never the date of a statement


_Y = r"(?:19|20)\d{2}"
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_NOT_NUMBER = r"(?![.,]?\d)"  # "May 2" but not "May 2,400"
_RANGE_WORD = r"\s*(?:-|–|—|to|and|until|till|through|thru)\s*"

CAL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "between March 1 and April 30, 2023", "from February 24 to June 1, 2022", "from 24.02 to 12.12"
    (
        "md_md",
        re.compile(
            r"\b(?:from|between)\s+" + _month("m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>" + _Y + r"))?"
            + _RANGE_WORD + r"(?:the\s+)?" + _month("m2") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?" + _NOT_NUMBER
            + r"(?:,?\s+(?P<y2>" + _Y + r"))?"
        ),
    ),
    # "between Tuesday and Thursday", "from Friday to Sunday"
    (
        "wd_wd",
        re.compile(r"\b(?:from|between)\s+" + WEEKDAY_RE + r"\s+(?:and|to|until|through)\s+(?P<weekday2>" + "|".join(WEEKDAYS) + r")\b"),
    ),
    (
        "dm_dm",
        re.compile(
            r"\b(?:from|between)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _month("m1") + r"(?:,?\s+(?P<y1>" + _Y + r"))?"
            + _RANGE_WORD + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _month("m2") + r"(?:,?\s+(?P<y2>" + _Y + r"))?"
        ),
    ),
    (
        "dotted_range",
        re.compile(
            r"\b(?:from|between)\s+(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})(?:\.(?P<y1>\d{4}|\d{2}))?"
            r"\s*(?:-|–|to|and|until|till|through|по)\s*(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})(?:\.(?P<y2>\d{4}|\d{2}))?\b(?!\.\d)"
        ),
    ),
    # "28-29 April", "3 to 4 February 2019"
    (
        "dd_m",
        re.compile(
            r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _RANGE_WORD + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _month("m1") + r"(?:,?\s+(?P<y1>" + _Y + r"))?"
        ),
    ),
    # "December 11 to 17", "on November 28 and 29, 2020"
    (
        "m_dd",
        re.compile(
            _month("m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _RANGE_WORD + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
            + _NOT_NUMBER + r"(?:,?\s+(?P<y1>" + _Y + r"))?"
        ),
    ),
    # "in July and August 1943", "between June and July of last year"
    (
        "m_m",
        re.compile(
            _month("m1") + r"(?:\s+(?P<y1>" + _Y + r"))?\s*(?:-|–|to|and|through|until)\s*" + _month("m2")
            + r"(?:,?\s+(?:of\s+)?(?P<y2>" + _Y + r")|(?P<last>\s+of\s+(?:last|the\s+previous)\s+year))?"
        ),
    ),
    # "1998-2000", "from 1980 to 1988"
    (
        "y_y",
        re.compile(
            r"(?:\b(?:in|during|from|between|of|the|since|for|through|throughout|its|their)\s+)(?P<y1>" + _Y
            + r")\s*(?:-|–|to|and|until|through)\s*(?P<y2>(?:19|20)?\d{2})\b(?![.,]?\d)"
        ),
    ),
    ("dotted", re.compile(r"(?<![\d.,])(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{4}|\d{2})\b(?![.,]?\d)")),
    # "3 March 2023", "on 14 August"
    ("d_m", re.compile(r"(?<![\d,.])\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _month("m1") + r"(?:,?\s+(?P<y1>" + _Y + r"))?")),
    # "May 2, 1982", "Dec. 12"
    ("m_d", re.compile(_month("m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _NOT_NUMBER + r"(?:,?\s+(?P<y1>" + _Y + r")\b)?")),
    # "February 2022", "December of last year"
    (
        "m_y",
        re.compile(_month("m1") + r"(?:,?\s+(?:of\s+)?(?P<y1>" + _Y + r")\b|(?P<last>\s+of\s+(?:last|the\s+previous)\s+year))"),
    ),
    ("m", re.compile(_month("m1"))),
    # a year after a preposition ("in 2023", "since 2015"), or opening a line ("2022: ...")
    (
        "y",
        re.compile(
            r"(?:\b(?:in|during|throughout|for|since|from|of|until|through|by)\s+(?:the\s+(?:whole\s+|entire\s+)?(?:year\s+)?)?|(?:^|\n)\s*)"
            r"(?P<y1>" + _Y + r")\b(?![.,]?\d)(?!\s*[-–]\s*\d)"
        ),
    ),
    # "on Christmas Day", "on New Year's Eve 2023"
    (
        "holiday",
        re.compile(r"\b(?P<holiday>christmas\s+day|christmas\s+eve|new\s+year['’]s\s+day|new\s+year['’]s\s+eve)\b(?:,?\s+(?P<y1>" + _Y + r")\b)?"),
    ),
    (
        "wd",
        re.compile(r"\b" + WEEKDAY_RE + r"(?P<poss>['’]s)?(?:\s+(?:morning|afternoon|evening|night)\b)?"),
    ),
]


HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year's eve": (12, 31)}
RANGE_KINDS = {"wd_wd", "md_md", "dm_dm", "dotted_range", "dd_m", "m_dd", "m_m", "y_y"}


def _capitalised(sentence: str, index: int) -> bool:
    return sentence[index : index + 1].isupper()


def _calendar(sentence: str, lower: str, ref: dt.date | None, published: dt.date | None) -> list[_Cal]:
    """Every calendar expression in ``sentence``, longest first where they overlap."""
    found: list[tuple[int, int, _Cal]] = []
    for kind, pattern in CAL_PATTERNS:
        for match in pattern.finditer(lower):
            if not kind.startswith("dotted") and any(
                match.group(group) is not None and not _capitalised(sentence, match.start(group))
                for group in ("m1", "m2", "weekday", "weekday2")
                if group in pattern.groupindex
            ):
                continue  # "may" the verb, "march" the noun
            cal = _build(kind, match, ref, published)
            if cal is not None and kind in RANGE_KINDS:
                cal = dataclasses.replace(cal, span=True)
            if cal is not None:
                found.append((cal.start, cal.end, cal))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[_Cal] = []
    for start, end, cal in found:
        if any(start < other.end and other.start < end for other in kept):
            continue
        kept.append(cal)
    # "Sunday, December 11": the date says it; the weekday adds nothing.
    kept = [
        cal for cal in kept
        if not (cal.weekday and any(o.start >= cal.end and o.start - cal.end <= 3 and o.precision == "day" for o in kept))
    ]
    return sorted(kept, key=lambda cal: cal.start)


def _build(kind: str, match: re.Match[str], ref: dt.date | None, published: dt.date | None) -> _Cal | None:
    """The interval a calendar expression of shape ``kind`` names (one branch per shape)."""
    g = match.groupdict()
    start, end = match.start(), match.end()
    year: int | None
    y1: int | None
    y2: int | None
    date: dt.date | None
    first: dt.date | None
    last: dt.date | None
    if kind == "y" and g["y1"]:
        start = match.start("y1")
        year = int(g["y1"])
        return _Cal(start, end, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if kind == "wd_wd":
        if published is None:
            return _Cal(start, end, None, None, "day")
        last = published - dt.timedelta(days=(published.weekday() - WEEKDAYS[g["weekday2"]]) % 7)
        first = last - dt.timedelta(days=(WEEKDAYS[g["weekday2"]] - WEEKDAYS[g["weekday"]]) % 7)
        return _Cal(start, end, first, last, "day")
    if kind == "wd":
        weekday = WEEKDAYS[g["weekday"]]
        if published is None:
            return _Cal(start, end, None, None, "day", weekday=True)
        date = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        return _Cal(start, end, date, date, "day", weekday=True)
    if kind == "holiday":
        month, day = HOLIDAYS[" ".join(g["holiday"].replace("’", "'").split())]
        year = _year_for(month, day, ref, g["y1"])
        date = _safe_date(year, month, day)
        return _Cal(start, end, date, date, "day")
    if kind in ("dotted", "dotted_range"):
        m1, d1 = int(g["m1"]), int(g["d1"])
        y1 = _full_year(g["y1"]) if g.get("y1") else None
        if kind == "dotted":
            date = _safe_date(y1, m1, d1)
            return _Cal(start, end, date, date, "day") if date else None
        m2, d2 = int(g["m2"]), int(g["d2"])
        y2 = _full_year(g["y2"]) if g.get("y2") else _year_for(m2, d2, ref, None)
        if y1 is None and y2 is not None:
            y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
        first, last = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if (first is None) != (last is None) or (first and last and first > last):
            return None
        if first is None and y2 is None and ref is None:
            return _Cal(start, end, None, None, "day")
        return _Cal(start, end, first, last, "day") if first else None
    if kind == "y_y":
        start = match.start("y1")
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if len(g["y2"]) == 4 else y1 // 100 * 100 + int(g["y2"])
        if not y1 < y2 <= y1 + 30:
            return None
        return _Cal(start, end, dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year")
    m1 = MONTHS[g["m1"]]
    if kind in ("md_md", "dm_dm"):
        m2, d1, d2 = MONTHS[g["m2"]], int(g["d1"]), int(g["d2"])
        if g["y2"]:
            y2 = int(g["y2"])
        elif g["y1"]:
            # "between October 8, 2023 and the November 27 ceasefire": a year written only with the
            # first date leaves the second to the report's year (the latest not after it)
            later = _year_for(m2, d2, ref, None)
            y2 = max(int(g["y1"]), later) if later is not None else int(g["y1"])
        else:
            y2 = _year_for(m2, d2, ref, None)
        y1 = int(g["y1"]) if g["y1"] else (None if y2 is None else (y2 if (m1, d1) <= (m2, d2) else y2 - 1))
        first, last = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if first and last and first > last:
            return None
        return _Cal(start, end, first, last, "day")
    if kind in ("dd_m", "m_dd"):
        d1, d2 = int(g["d1"]), int(g["d2"])
        if d2 <= d1:
            return None
        year = _year_for(m1, d1, ref, g["y1"])
        first, last = _safe_date(year, m1, d1), _safe_date(year, m1, d2)
        if year is not None and (first is None or last is None):
            return None
        return _Cal(start, end, first, last, "day")
    if kind == "m_m":
        m2 = MONTHS[g["m2"]]
        y2 = _last_year(ref) if g["last"] else (int(g["y2"]) if g["y2"] else _year_for(m2, None, ref, g["y1"]))
        y1 = int(g["y1"]) if g["y1"] else (None if y2 is None else (y2 if m1 <= m2 else y2 - 1))
        if y1 is None or y2 is None:
            return _Cal(start, end, None, None, "month")
        first, last = _month_range(y1, m1)[0], _month_range(y2, m2)[1]
        return _Cal(start, end, first, last, "month") if first < last else None
    if kind in ("d_m", "m_d"):
        day = int(g["d1"])
        year = _year_for(m1, day, ref, g["y1"])
        date = _safe_date(year, m1, day)
        if year is not None and date is None:
            return None
        return _Cal(start, end, date, date, "day")
    if kind == "m_y":
        year = _last_year(ref) if g["last"] else int(g["y1"])
        if year is None:
            return _Cal(start, end, None, None, "month")
        first, last = _month_range(year, m1)
        return _Cal(start, end, first, last, "month")
    # a bare month: the latest such month not after the reference date
    year = _year_for(m1, None, ref, None)
    if year is None:
        return _Cal(start, end, None, None, "month")
    first, last = _month_range(year, m1)
    return _Cal(start, end, first, last, "month")


# --------------------------------------------------------------------------
# Pass 2: statement times.

REPORTING = (
    r"(?:said|says|say|reported|reports|report|stated|announced|announces|posted|published|told|tells|confirmed|confirms|"
    r"wrote|writes|added|adds|claimed(?!\s+(?:the\s+)?li(?:ves|fe)\b)|claims(?!\s+(?:the\s+)?li(?:ves|fe)\b)|"
    r"estimated|estimates|acknowledged|acknowledges|updated|released|issued|"
    r"gave|asserted|noted|stressed|put|puts|revised|raised|disclosed|cited|briefed)"
)
REPORTING_BEFORE = REPORTING.replace("put|puts|", "")  # "put out of action over the past day" reports nothing
_QUIET_WORD = r"(?!that\b|who\b|which\b|killed\b|died\b|wounded\b|lost\b|destroyed\b|captured\b)[a-z'’.-]+"
# "said on Monday", "told NBC on Sunday", "said at a meeting on December 19"
STATEMENT_BEFORE = re.compile(
    r"\b" + REPORTING_BEFORE + r"(?:\s+" + _QUIET_WORD + r"){0,3}\s+$"
    r"|\b" + REPORTING_BEFORE + r"\s+(?:in|on|via|at|during)\s+(?:[a-z'’-]+\s+){0,5}"
    r"(?:statement|post|update|briefing|report|interview|message|bulletin|video|address|speech|conference|meeting|session)s?"
    r"\s+(?:on|in|at|late|early)?\s*$"
)
# "a US estimate released in August", "the review on 12 July", "its December bulletin"
REPORT_NOUNS = (
    r"(?:bulletin|report|update|briefing|statement|review|assessment|estimate|summary|post|figures|data|tally|count|"
    r"intelligence update|press conference|document|documents|chart|analysis|study|interview|speech|address)"
)
REPORT_BEFORE = re.compile(r"\b" + REPORT_NOUNS + r"\s+(?:(?:released|published|issued|dated|posted|compiled|made public)\s+)?(?:on|in|of)\s+$")
REPORT_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:morning|evening|daily|weekly|monthly|latest|regular)\s+)?" + REPORT_NOUNS + r"\b")
# "On April 2, the ministry put its war dead at 730", "Last month, Ukraine said ..."
STATEMENT_AFTER = re.compile(
    r"^(?:\s*(?:morning|afternoon|evening|night))?\s*,?\s+(?:(?!\d)[\w'’.-]+\s+){1,6}?(?:also\s+|again\s+)?" + REPORTING + r"\b"
)
# "The ministry on Friday put ...", "Ukraine last week reported" (a past verb: in "marines who
# attacked on August 10 say ..." the date is the attack's)
VERB_AFTER = re.compile(
    r"^\s+(?:also\s+)?(?:said|reported|stated|announced|posted|published|told|confirmed|wrote|added|claimed(?!\s+(?:the\s+)?li(?:ves|fe)\b)|"
    r"estimated|acknowledged|updated|released|issued|gave|put|revised|raised|disclosed)\b"
)
# "which put them at 852,660 on Tuesday"
PUT_AT_BEFORE = re.compile(
    r"\bput(?:s|ting)?\b[^.;]{0,60}\bat\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|up\s+to\s+)?"
    r"\d[\d,.]*(?:\s+(?:million|thousand))?\s+(?:on|in|as\s+of)\s+$"
)
WHEN_AFTER = re.compile(r"^,?\s+when\s+(?:[\w'’.-]+\s+){1,4}?" + REPORTING + r"\b")
# "Kiev, April 17: ...", "MOSCOW, August 17. /TASS/."
DATELINE = re.compile(r"^\s*[A-Z][\w.'’-]*(?:[ /-][A-Za-z][\w.'’-]*){0,3},\s+$")
LEADING = re.compile(r"^\s*[\"“‘']?\s*(?:(?:early|late|earlier|later)\s+)?(?:on|in|last|this|earlier\s+this|by|at\s+the\s+end\s+of)?\s*$")


def _is_statement(start: int, end: int, precision: str, sentence: str, lower: str) -> bool:
    """Is the time phrase at ``start:end`` the date the figure was said or published, not its period?"""
    before, after = lower[max(0, start - 90) : start], lower[end:]
    possessive = re.match(r"['’]s\b", after) is not None
    if re.match(r"\s+alone\b", after):
        return False  # "On Wednesday alone, the command said, ..." is the count's day
    if not possessive and (STATEMENT_BEFORE.search(before) or REPORT_BEFORE.search(before) or PUT_AT_BEFORE.search(before)):
        return True
    if REPORT_AFTER.match(after) or WHEN_AFTER.match(after) or VERB_AFTER.match(after):
        return True
    if re.search(r"\bput(?:s|ting)?\s+(?:[\w'’-]+\s+){0,4}(?:on|in)\s+$", before) and re.match(r"\s+at\b", after):
        return True  # "put Russian losses on Wednesday at 167,490"
    if LEADING.match(before) and not possessive and STATEMENT_AFTER.match(after):
        return True
    head = sentence[max(0, start - 40) : start]
    return precision == "day" and DATELINE.match(head) is not None and re.match(r"\s*[:.(—–-]", after) is not None


# --------------------------------------------------------------------------
# Pass 3: the phrases that give a count its span.


@dataclass(frozen=True)
class _Period:
    """A span found in a sentence; ``start`` None marks a time phrase that cannot be resolved."""

    start: dt.date | None
    end: dt.date | None
    position: int
    stop: int = -1
    weak: bool = False  # "in a single day": only when nothing else in the sentence dates the count
    stated: bool = False  # both ends written out ("from 24.02.22 to 11.11.24"): not capped at the as-of date
    cumulative: bool = False  # a running-total cue ("bringing the total to"): not for an increment or a rate
    scope: tuple[int, int] | None = None  # applies only to a number in this span ("taking the total ... to 1,617")
    clause_only: bool = False  # a cue of its clause ("have now lost"): only for a number in the same clause
    running: bool = False  # runs from a start to the as-of date ("since ...", war-to-date)

    @property
    def last(self) -> int:
        return self.stop if self.stop >= 0 else self.position


_WAR_NOUN = (
    r"(?:(?:full[- ]scale\s+|large[- ]scale\s+|russian\s+|russia['’]s\s+|(?:19|20)\d\d\s+)*"
    r"(?:invasion|war(?!\s+(?:crimes?|games?|effort|criminals?))|conflict|hostilities|aggression|"
    r"['‘’\"]?special\s+(?:military\s+)?operation['’\"]?))"
)
_WAR_OR_FIGHTING = r"(?:" + _WAR_NOUN + r"|fighting|combat)"
_DET = r"(?:the\s+|this\s+|its\s+|their\s+|[a-z]+['’]s\s+)?"
_BEGAN = r"(?:began|begun|started|broke\s+out|erupted|commenced)"
WAR_IDIOMS = re.compile(
    r"\bsince\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|outset|onset|first\s+day|outbreak)\s+of\s+" + _DET + _WAR_NOUN
    + r"|\bsince\s+" + _DET + _WAR_NOUN + r"(?:['’]s\s+(?:start|onset|outbreak|beginning))?(?:\s+of\s+aggression)?"
    r"(?:\s+(?:against|on|in|of|with)\s+(?:the\s+)?[a-z]+(?:\s+strip)?)?(?:\s+" + _BEGAN + r")?"
    r"|\bsince\s+(?:russia|moscow|putin|the\s+kremlin|it|they|russian\s+(?:forces|troops))\s+"
    r"(?:(?:launched|began|started|unleashed)\s+(?:its|his|their|the|a)?\s*" + _WAR_NOUN + r"|invaded(?:\s+(?:ukraine|its\s+neighbou?r))?)"
    r"|\bso\s+far(?:\s+(?:in|during|into)\s+(?:the|this)\s+(?:war|conflict|fighting|invasion))?(?!\s+(?:this|in\s+(?!the\s+(?:war|conflict))|today|during))"
    r"|\bto\s+date\b"
    r"|\b(?:throughout|during|over\s+the\s+course\s+of|in\s+the\s+course\s+of|for\s+the\s+duration\s+of)\s+" + _DET
    + r"(?:entire\s+|whole\s+)?(?:\d+-(?:year|month)(?:-old)?\s+)?" + _WAR_NOUN
    + r"|\b(?:killed|died|dead|lost|wounded|injured|captured|destroyed|fallen|perished|casualties|deaths|losses)\s+in\s+" + _DET
    + r"(?:\d+-(?:year|month)(?:-old)?\s+|(?:" + _COUNT + r")-(?:year|month)(?:-old)?\s+)?(?:full[- ]scale\s+)?(?:war|conflict|invasion)\b(?!['’]s)"
    r"|\b(?:in\s+|after\s+|from\s+)?(?:(?:more|less|fewer)\s+than\s+|under\s+|nearly\s+|almost\s+|over\s+|just\s+)?" + _COUNT
    + r"\s+(?:days|weeks|months|years)\s+of\s+(?:the\s+)?(?:full[- ]scale\s+)?" + _WAR_OR_FIGHTING
    + r"|\bin\s+(?:the\s+)?(?:\d+|" + _COUNT + r")-(?:year|month|day)(?:-old)?\s+(?:full[- ]scale\s+)?(?:war|conflict|invasion)\b"
    r"|\bwar\s+dead\b"
    r"|\b(?:the|this|a)\s+(?:[\w'’-]+\s+){0,2}?(?:war|conflict|insurgency)\s+(?:that\s+|which\s+)?(?:has|have|had)\s+"
    r"(?:so\s+far\s+|now\s+|already\s+)?(?:killed|claimed|left|resulted\s+in|cost)\b"
    r"|\b(?:death\s+)?toll\s+(?:of|in|from)\s+(?:the|this)\s+war\b"
)
# "in the first half of the year", "the second half of 2023"
HALF_YEAR = re.compile(r"\bthe\s+(?P<which>first|second)\s+half\s+of\s+(?:(?P<year>" + _Y + r")|the\s+year|this\s+year|year)\b")
# "through the first month of the war", "in the first 14 months of the war", "the first ten months of 2024"
FIRST_UNITS = re.compile(
    r"(?:\b(?P<through>through|until|to)\s+)?\bthe\s+first\s+(?:(?P<n>" + _COUNT + r")\s+)?(?P<unit>days?|weeks?|months?|years?)"
    r"\s+of\s+(?:(?P<war>" + _DET + _WAR_OR_FIGHTING + r")|(?P<year>" + _Y + r")|(?P<this>the\s+year|this\s+year))"
)
# "the siege", "the offensive": an event whose start the sentence may not give
_EVENT = (
    r"(?:attack|attacks|strike|strikes|offensive|counteroffensive|counter-offensive|incursion|siege|operation|ceasefire|truce|"
    r"battle|assault|uprising|coup|campaign|raid|raids|bombardment|blockade|occupation|takeover|clashes|"
    r"pause|escalation|bombing|shelling|mobilisation|mobilization|withdrawal|retreat|violence|hostilities)"
)
EVENT_SINCE = re.compile(
    r"\bsince\s+(?:the|its|their|his|her|this|that|a|an|last|[a-z]+['’]s)\s+(?:[\w'’-]+\s+){0,5}?" + _EVENT + r"\b"
    r"(?:[^,.;:]{0,60}?\b" + _BEGAN + r"\b)?"
    r"|\bsince\s+(?:[\w'’()-]+\s+){1,8}?(?:" + _BEGAN + r"|launched|laid\s+siege|crossed|entered|invaded|seized|took\s+(?:power|control)|resumed)\b"
)
SINCE_THEN = re.compile(r"\b(?:since\s+then|since\s+that\s+(?:day|date|time)|ever\s+since)\b")
COMPARISON_SINCE = re.compile(
    r"\b(?<!at\s)(?:highest|lowest|deadliest|worst|biggest|largest|heaviest|bloodiest|most|least|fewest|record|first|"
    r"greatest|strongest|smallest|fastest|slowest)\b[^,.;:]{0,60}$"
)
REPORT_DAY = re.compile(
    r"\b(?:(?:over|in|during|for|within|across)\s+)?(?:the\s+)?(?:past|last|previous|preceding)\s+(?:24|twenty-four)\s+hours\b"
    r"|\b(?:(?:over|in|during|for|within)\s+)?the\s+(?:past|last)\s+day\b"
    r"|\bover\s+the\s+previous\s+day\b|\bfrom\s+the\s+previous\s+day\b|\bfrom\s+a\s+day\s+earlier\b"
    r"|\b(?:in|within)\s+(?:just\s+|only\s+)?(?:the\s+)?(?:24|twenty-four)\s+hours\b"
    r"|\btoday\b|\btonight\b|\bthis\s+morning\b"
)
REPORT_DAY_WEAK = re.compile(
    r"\b(?:in|within|during)\s+(?:just\s+|only\s+)?(?:one|a\s+single|a|one\s+single)\s+day\b(?:\s+of\s+(?:fighting|combat|battle))?"
    r"(?!\s+(?:of|earlier|later|before|after))"
    r"|\bduring\s+the\s+day\b|\bovernight\b"
)
# "over the weekend", "the weekend battle": the last Saturday and Sunday up to the report day
WEEKEND = re.compile(
    r"\b(?:over|during|at|on|across|throughout)\s+the\s+weekend\b|\b(?:this|last)\s+weekend\b"
    r"|\bweekend(?:['’]s)?\s+(?:battle|fighting|clashes|strikes|attacks|raids|assault|offensive|shelling)\b"
)
# "during the week" in a weekly report: the 7 days ending on the report day
THE_WEEK = re.compile(r"\b(?:during|over|in|across|throughout)\s+the\s+week\b(?!\s+(?:of|before|after|ending|that|to|when))")
# "lost 900 soldiers in a week": the 7 days ending on the report day, when nothing else dates the count
WEEK_WEAK = re.compile(r"\b(?:in|within)\s+(?:just\s+|only\s+)?(?:one|a\s+single|a|one\s+single)\s+week\b(?!\s+(?:of|earlier|later|before|after))")
# "over the past week", "in the last seven days", "past 72 hours" ("last month" alone is the calendar month)
PAST_UNITS = re.compile(
    r"\b(?:(?:over|in|during|for|within|across)\s+)?(?:the\s+(?:past|last|previous|preceding)|past|(?:last|previous)(?=\s+" + _COUNT + r"\s))\s+"
    r"(?:(?P<n>" + _COUNT + r")\s+)?(?P<unit>hours|days|weeks|months|years|week|month|year)\b(?!\s+of\b)"
)
RELATIVE = re.compile(
    r"\b(?P<phrase>last\s+month|this\s+month|(?:last|the\s+previous)\s+year|this\s+year|yesterday|a\s+day\s+earlier|"
    r"the\s+(?:previous|preceding)\s+day|the\s+day\s+before|"
    r"(?:since|from)\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<unit>year|month)|"
    r"so\s+far\s+this\s+(?P<unit2>year|month)|year[- ]to[- ]date)\b"
)
# Time phrases this reader does not resolve: a number next to one does not take a farther period.
UNRESOLVED = re.compile(
    r"\b(?:(?:last|this|earlier\s+this|later\s+this|that|the\s+same|the\s+following|the\s+next|next)\s+(?:week|spring|summer|autumn|fall|winter)"
    r"|(?:that|the\s+same|the\s+following|the\s+next|next)\s+weekend"
    r"|(?:in|during|over|throughout|by)\s+(?:the\s+)?(?:(?:early|late|mid)[- ])?(?:spring|summer|autumn|winter)\b(?!\s+of\s+(?:19|20)\d\d)"
    r"|(?:last|this|the\s+previous|that)\s+(?:spring|summer|autumn|winter)"
    r"|(?:spring|summer|autumn|winter)\s+(?:counteroffensive|counter-offensive|offensive|campaign)"
    r"|(?:during|in|throughout)\s+(?:a|the|its|their|this|that)\s+(?:[\w'’-]+\s+){0,3}?(?:counteroffensive|counter-offensive|offensive|campaign)"
    r"|(?:\d+|" + _COUNT + r")-(?:day|week|month|year)(?:-long)?\s+(?:siege|battle|offensive|campaign|fight|operation|assault|standoff)"
    r"|in\s+recent\s+(?:days|weeks|months)|(?:days|weeks|months|years)\s+ago|earlier\s+this\s+(?:week|month|year)"
    r"|(?:over|in|for|during|within)\s+(?:the\s+)?(?:next|coming)\s+(?:" + _COUNT + r"\s+)?(?:days?|weeks?|months?|years?))\b"
)
STATEMENT_RELATIVE = re.compile(
    r"\b(?:last|this|earlier\s+this)\s+(?:week|month|year)\b|\blast\s+(?:spring|summer|autumn|winter)\b"
    r"|\b(?:yesterday|today|tonight|this\s+morning)\b"
)
ENDED_AFTER = re.compile(r"\s*,?\s*and\s+(?:ended|finished|closed|lasted\s+until)\s+(?:on\s+|in\s+)?")
ENDED_BEFORE = re.compile(r"\b(?:ended|ending|finished|founded|born|built|signed|formed|created)\s+(?:[a-z]+\s+){0,2}$")
# "2025 (as of June 4): ..." opening a line: that year to that day
LINE_YEAR = re.compile(
    r"(?:^|\n)\s*(?P<year>" + _Y + r")\s*\((?:as\s+of|through|until)\s+" + MONTH_RE + r"\s+(?P<day>\d{1,2})\)\s*:"
)


# A running total: "bringing the total to 94,760", "taking the number of injuries to 147,089"
RUNNING_TOTAL = re.compile(
    r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|taken|raise|raises|raising|raised|push|pushes|pushing|pushed)\s+"
    r"(?:the|its|their|[a-z]+['’]s)\s+(?:overall\s+|total\s+|running\s+|cumulative\s+)?(?:total|number|toll|tally|count|figure|losses)\b"
    r"[^,.;:]{0,70}?\bto\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|at\s+least\s+|roughly\s+)?(?=\d)"
    r"|\b(?:total|toll|tally|count|figure)\s+(?:[\w'’-]+\s+){0,6}?(?:rose|has\s+risen|had\s+risen|increased|climbed|grew|went\s+up|jumped)\s+"
    r"(?:by\s+[\d,]+\s+)?to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?(?=\d)"
)
# "have now lost", "now means Ukraine has destroyed", "now stands at": the count to date
NOW_TOTAL = re.compile(
    r"\b(?:has|have|had)\s+now\s+(?:lost|destroyed|suffered|killed|downed|shot\s+down|captured|reached|risen|climbed|passed|topped|exceeded)\b"
    r"|\bnow\s+(?:means|stands?\s+at|totals?|likely\s+exceeds?|exceeds?|tops?)\b"
    r"|\b(?:official|overall|cumulative)\s+(?:death\s+)?toll\b"
)
# "Russia has suffered 190,000 casualties", "the ministry put its own losses at 730": a count to
# date, in a sentence with no time phrase at all
PERFECT_TOTAL = re.compile(
    r"(?<!\bto\s)\b(?:has|have)\s+(?:so\s+far\s+|already\s+)?(?:suffered|sustained)\b"
    r"|\b(?:put|puts|putting)\s+(?:(?:its|their|his|her|the|[a-z]+['’]s)\s+)?(?:own\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?:losses|casualties|dead|death\s+toll|toll)\s+(?:(?:on|in)\s+[a-z]+(?:\s+\d{1,2})?,?\s+)?at\b"
)
# "the personnel figure rose by 570", "the number of tanks went up by seven": the day's increment of a tally
INCREMENT_BY = re.compile(
    r"\b(?:figure|number|tally|count|total|losses)\b[^,.;:]{0,60}?\b(?:rose|risen|increased|went\s+up|grew|climbed|jumped)\s+by\s+(?=\d|"
    + _COUNT + r"\b)"
)
EVENT_WORDS = re.compile(
    r"\b(?:the|a|an|this|that|[a-z]+['’]s)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:strike|airstrike|air\s+strike|attack|bombing|explosion|blast|ambush|raid|shelling|massacre|clash|assault|sinking)\b"
)
INCREMENT_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|further)\s+$")
INCREMENT_AFTER = re.compile(r"^\S*\s+(?:more|additional)\b")
# "30,000 a month", "1,200 troops per day": a rate, not a count to date
RATE_AFTER = re.compile(r"^\S*(?:\s+[a-z'’-]+){0,3}?\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b|^\S*\s+(?:daily|weekly|monthly)\b")


def _covering_war_start(cal: _Cal, war_start: dt.date | None) -> dt.date | None:
    """"since October 2023", "since mid-April 2023" when the side's war started that month: the war's start day."""
    if war_start is None or cal.first is None or cal.last is None or cal.precision != "month":
        return None
    return war_start if cal.first <= war_start <= cal.last else None


def _clause_before(lower: str, position: int, width: int = 130) -> str:
    """The text before ``position`` back to the last clause break (comma, semicolon, colon, dash, full stop)."""
    text = lower[max(0, position - width) : position]
    cut = max(text.rfind(mark) for mark in (",", ";", ":", ". ", "—", "–", "\n"))
    return text[cut + 1 :] if cut >= 0 else text


@dataclass(frozen=True)
class _Reading:
    """A sentence's periods and the as-of date its statement gives."""

    periods: list[_Period]
    as_of: dt.date | None  # the day the figures were said or stand at
    vague: bool  # said "in February", "last week": the as-of day is unknown
    anchor: dt.date | None  # the as-of day, else the publication date (None when vague)


def _as_of(
    sentence: str, lower: str, cals: list[_Cal], published: dt.date | None, number_start: int | None
) -> tuple[dt.date | None, bool, set[tuple[int, int]]]:
    """The as-of date the sentence gives (an "as of" date, else the statement day
    nearest the number), whether the statement dates only a month or week, and
    the spans of those time phrases (they are not the count's period)."""
    explicit: list[tuple[int, dt.date | None]] = []
    statements: list[tuple[int, dt.date | None, bool]] = []
    spans: set[tuple[int, int]] = set()
    for cal in cals:
        prefix = lower[max(0, cal.start - 16) : cal.start]
        bracketed = cal.precision == "day" and lower[cal.start - 1 : cal.start] == "(" and lower[cal.end : cal.end + 1] == ")"
        if bracketed or re.search(r"\b(?:as\s+of|as\s+at|current\s+as\s+of|up\s+to\s+and\s+including)\s+$", prefix) or (
            re.search(r"\bby\s+$", prefix) and cal.precision == "day"
        ):
            # "as of March 4", "by June 1", a header's "(May 15)": the date the figures stand at
            explicit.append((cal.start, cal.last))
            spans.add((cal.start, cal.end))
        elif not cal.span and _is_statement(cal.start, cal.end, cal.precision, sentence, lower):
            statements.append((cal.start, cal.last, cal.precision != "day"))
            spans.add((cal.start, cal.end))
    for match in re.finditer(r"\bas\s+of\s+(?:today|now)\b", lower):
        explicit.append((match.start(), published))
        spans.add((match.start(), match.end()))
    # "Last month, Ukraine said ...", "the ministry said today": relative statement times. A span
    # of days ("In the past 24 hours, the ministry said, ...") is the count's, not the statement's.
    for match in STATEMENT_RELATIVE.finditer(lower):
        phrase = " ".join(match.group(0).split())
        if (match.start(), match.end()) in spans:
            continue
        if phrase in ("today", "this morning", "tonight"):
            if not STATEMENT_BEFORE.search(lower[max(0, match.start() - 90) : match.start()]):
                continue
        elif not _is_statement(match.start(), match.end(), "day", sentence, lower):
            continue
        if phrase in ("today", "this morning", "tonight") and published is not None:
            statements.append((match.start(), published, False))
        elif phrase == "yesterday" and published is not None:
            statements.append((match.start(), published - dt.timedelta(days=1), False))
        else:
            statements.append((match.start(), None, True))
        spans.add((match.start(), match.end()))

    def nearest(items: list[tuple[int, dt.date | None]] | list[tuple[int, dt.date | None, bool]]) -> tuple:  # type: ignore[type-arg]
        if number_start is None:
            return items[0]
        return min(items, key=lambda item: (abs(item[0] - number_start), item[0]))

    if explicit:
        return nearest(explicit)[1], False, spans
    if statements:
        _, date, vague = nearest(statements)
        if vague or date is None:
            return None, True, spans
        return date, False, spans
    return None, False, spans


def _read(
    sentence: str,
    published: dt.date | None,
    war_start: dt.date | None,
    number_start: int | None = None,
    preceding: str = "",
) -> _Reading:
    lower = sentence.lower()
    cals = _calendar(sentence, lower, published, published)
    as_of, vague, skip = _as_of(sentence, lower, cals, published, number_start)
    if as_of is not None and published is not None and as_of > published:
        as_of = published
    anchor = as_of if as_of is not None else (None if vague else published)
    ref = published or as_of
    if ref is not published:
        cals = _calendar(sentence, lower, ref, published)
    found: list[_Period] = []

    def running(start: dt.date | None, position: int, stop: int) -> _Period:
        period = _Period(start, anchor if start is not None else None, position, stop, running=True)
        found.append(period)
        return period

    for match in LINE_YEAR.finditer(lower):
        year = int(match["year"])
        end = _safe_date(year, MONTHS[match["month"]], int(match["day"])) or dt.date(year, 12, 31)
        found.append(_Period(dt.date(year, 1, 1), end, match.start("year"), match.end()))
        skip.update((cal.start, cal.end) for cal in cals if match.start() <= cal.start < match.end())

    # War-to-date idioms.
    wars: list[_Period] = []
    pending_first: list[tuple[re.Match[str], int]] = []
    for match in WAR_IDIOMS.finditer(lower):
        if match.group(0).startswith("since") and COMPARISON_SINCE.search(_clause_before(lower, match.start(), 70)):
            continue
        wars.append(running(war_start, match.start(), match.end()))
    for match in FIRST_UNITS.finditer(lower):
        count = _count(match["n"]) if match["n"] else (None if match["unit"].endswith("s") else 1)
        if count is None:
            found.append(_Period(None, None, match.start(), match.end()))  # "in the first months of the war"
            continue
        base: dt.date | None
        if match["war"]:
            base = war_start
        elif match["year"]:
            base = dt.date(int(match["year"]), 1, 1)
        else:
            base = dt.date(anchor.year, 1, 1) if anchor else None
        if base is None:
            if match["war"]:
                pending_first.append((match, count))  # the sentence may date the war's start itself
            found.append(_Period(None, None, match.start(), match.end()))
            continue
        # "through the first month" ends a month after the start; "in the first 14 months" the day before
        last = _add_units(base, count, match["unit"]) - (dt.timedelta(0) if match["through"] else dt.timedelta(days=1))
        period = _Period(base, last, match.start(), match.end())
        found.append(period)
        wars.append(period)
        skip.update((cal.start, cal.end) for cal in cals if match.start() <= cal.start < match.end())

    for match in HALF_YEAR.finditer(lower):
        half_year = int(match["year"]) if match["year"] else (anchor.year if anchor else None)
        if half_year is None:
            found.append(_Period(None, None, match.start(), match.end()))
            continue
        if match["which"] == "first":
            found.append(_Period(dt.date(half_year, 1, 1), dt.date(half_year, 6, 30), match.start(), match.end()))
        else:
            found.append(_Period(dt.date(half_year, 7, 1), dt.date(half_year, 12, 31), match.start(), match.end()))
        skip.update((cal.start, cal.end) for cal in cals if match.start() <= cal.start < match.end())

    def war_clause(cal: _Cal) -> _Period | None:
        """The "since ..." war idiom whose clause ``cal`` dates ("since the conflict began in February 2022")."""
        for war in wars:
            if (
                war.position <= cal.start
                and cal.start - war.last <= 60
                and lower.startswith("since", war.position)
                and (cal.start <= war.last + 1 or not re.search(r"[,;:.()]", lower[war.last : cal.start]))
            ):
                return war
        return None

    # Calendar expressions in their role.
    for cal in cals:
        if (cal.start, cal.end) in skip:
            continue
        prefix_text = lower[max(0, cal.start - 60) : cal.start]
        after = lower[cal.end : cal.end + 40]
        if any(w.position <= cal.start and cal.end <= w.last for w in wars):
            continue  # "since the start of the 2022 invasion": a word of the idiom
        war = war_clause(cal)
        if war is not None:
            # The date the idiom's clause gives is the start: the war's own start day
            # when the date is only its month or year.
            if war.start is not None or cal.first is not None:
                covering = war_start if war_start and cal.first and cal.last and cal.precision != "day" and cal.first <= war_start <= cal.last else None
                start = covering or (war.start if cal.first is None else cal.first)
                found.remove(war)
                wars.remove(war)
                merged = _Period(start, anchor if start is not None else None, war.position, cal.end, running=True)
                found.append(merged)
                wars.append(merged)
            continue
        since = re.search(
            r"\bsince\s+(?:(?P<q>early|mid|late|the\s+(?:start|beginning|middle|end|first\s+half|second\s+half)\s+of)[\s-]+)?(?:the\s+)?$",
            prefix_text,
        )
        if since:
            if COMPARISON_SINCE.search(_clause_before(lower, cal.start - len(since.group(0)), 70)):
                continue  # "the deadliest month since October 2022" compares; it does not span the count
            start = _covering_war_start(cal, war_start) or cal.first
            if since["q"] and "end" in since["q"]:
                start = cal.last
            if cal.weekday and start is not None and start == published:
                start = start - dt.timedelta(days=7)  # "since Wednesday" said on a Wednesday: last week's
            if start is not None and anchor is not None and start > anchor:
                continue
            running(start, cal.start - len(since.group(0)), cal.end)
            continue
        if cal.precision == "year" and ENDED_BEFORE.search(re.sub(r"\s*\bin\s*$", " ", lower[max(0, cal.start - 40) : cal.start])):
            found.append(_Period(None, None, cal.start, cal.end))  # "when the war ended in 1975" dates an event
            continue
        if re.search(r"\b(?:before|after|until|till|prior\s+to|ahead\s+of)\s+(?:the\s+)?$", prefix_text):
            continue
        if cal.precision != "day" and re.search(r"\b(?:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+$", prefix_text):
            found.append(_Period(None, None, cal.start, cal.end))  # "in early November" is not the whole month
            continue
        clause = _clause_before(lower, cal.start)
        since_at = clause.rfind("since ")
        since_in_clause = since_at >= 0 and not COMPARISON_SINCE.search(clause[:since_at])
        began = re.search(r"\b(?:" + _BEGAN + r"|resumed)\b", clause)
        has_since = re.match(r"[^,.;]{0,40}?\band\s+(?:has|have|had)\s+since\b", after)
        if (since_in_clause or began or has_since) and not cal.span and not re.search(r"\b(?:from|between)\s+$", prefix_text):
            # "since fighting erupted ... on April 15, 2023", "since they launched an offensive ... in August",
            # "resumed its attacks on March 18 and has since killed ...": a running count from that day
            start = cal.first
            if start is not None and anchor is not None and start > anchor:
                continue
            opener = since_at if since_in_clause else began.start() if began else len(clause)
            ended = ENDED_AFTER.match(lower, cal.end)
            closing = next((c for c in cals if ended and c.start == ended.end()), None)
            if began and closing is not None and closing.last is not None and start is not None:
                # "an assault that began on March 7 and ended on Monday": from one to the other
                skip.add((closing.start, closing.end))
                found.append(_Period(start, closing.last, cal.start - len(clause) + opener, closing.end, stated=True))
                continue
            running(start, cal.start - len(clause) + opener, cal.end)
            continue
        found.append(_Period(cal.first, cal.last, cal.start, cal.end, stated=cal.precision == "day"))

    # "in the first week of the conflict, which began when ... attacked on 5 September 2025"
    for match, count in pending_first:
        dated = [p for p in found if p.running and p.start is not None]
        if dated:
            base = dated[0].start
            assert base is not None
            last = _add_units(base, count, match["unit"]) - (dt.timedelta(0) if match["through"] else dt.timedelta(days=1))
            found = [p for p in found if not (p.start is None and p.position == match.start())]
            found.append(_Period(base, last, match.start(), match.end()))

    # "since then": from the last date before this sentence in its paragraph.
    for match in SINCE_THEN.finditer(lower):
        earlier = [c for c in _calendar(preceding, preceding.lower(), published, published) if c.first is not None] if preceding else []
        running(earlier[-1].first if earlier else None, match.start(), match.end())

    # Running counts from an event the sentence does not date: unresolved.
    taken = [(p.position, p.last) for p in found]
    dated = [p for p in found if p.running and p.start is not None]
    for match in EVENT_SINCE.finditer(lower):
        if COMPARISON_SINCE.search(_clause_before(lower, match.start(), 70)):
            continue
        if dated and re.match(r"since\s+(?:it|they|this|that)\s", match.group(0)):
            running(dated[-1].start, match.start(), match.end())  # "began on August 10 ... since it began"
            continue
        if any(
            s <= match.start() <= e or (match.start() <= s <= match.end() + 110 and not re.search(r"[,;:.()]", lower[match.end() : s]))
            for s, e in taken
        ):
            continue  # the clause dates the event ("since they launched an offensive ... in August")
        found.append(_Period(None, None, match.start(), match.end()))

    # Relative phrases, anchored on the as-of day.
    def relative(start: dt.date | None, end: dt.date | None, match: re.Match[str], weak: bool = False) -> None:
        if (match.start(), match.end()) in skip:
            return
        if anchor is None:
            start = end = None
        found.append(_Period(start, end, match.start(), match.end(), weak))

    for match in REPORT_DAY.finditer(lower):
        relative(anchor, anchor, match)
    for match in REPORT_DAY_WEAK.finditer(lower):
        # undated, "in a single day" is a day no one can name: it still keeps the number from a farther period
        relative(anchor, anchor, match, weak=anchor is not None)
    for match in WEEK_WEAK.finditer(lower):
        relative(anchor - dt.timedelta(days=6) if anchor else None, anchor, match, weak=anchor is not None)
    for match in THE_WEEK.finditer(lower):
        relative(anchor - dt.timedelta(days=6) if anchor else None, anchor, match)
    for match in WEEKEND.finditer(lower):
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7) if anchor else None
        relative(saturday, min(saturday + dt.timedelta(days=1), anchor) if saturday and anchor else None, match)
    for match in PAST_UNITS.finditer(lower):
        unit = match["unit"].rstrip("s")
        count = _count(match["n"]) if match["n"] else 1
        if count is None or (unit == "day" and count == 1) or (unit == "hour" and count == 24):
            continue  # the report day, read above
        if anchor is None:
            relative(None, None, match)
        elif unit == "hour":
            relative(anchor - dt.timedelta(days=max(1, -(-count // 24)) - 1), anchor, match)
        elif unit in ("day", "week"):
            relative(anchor - dt.timedelta(days=count * (7 if unit == "week" else 1) - 1), anchor, match)
        else:
            relative(_add_units(anchor, -count, unit) + dt.timedelta(days=1), anchor, match)
    for match in RELATIVE.finditer(lower):
        phrase = " ".join(match["phrase"].split())
        if anchor is None:
            relative(None, None, match)
            continue
        unit = match["unit"] or match["unit2"]
        if unit == "year" or phrase.startswith("year") or phrase == "this year":
            relative(dt.date(anchor.year, 1, 1), anchor, match)
        elif unit == "month" or phrase == "this month":
            relative(_month_range(anchor.year, anchor.month)[0], anchor, match)
        elif phrase == "last month":
            relative(*_month_range(*_previous_month(anchor)), match)
        elif phrase.endswith("year"):
            relative(dt.date(anchor.year - 1, 1, 1), dt.date(anchor.year - 1, 12, 31), match)
        else:  # yesterday, the day before
            day = anchor - dt.timedelta(days=1)
            relative(day, day, match)
    for match in UNRESOLVED.finditer(lower):
        if (match.start(), match.end()) not in skip and not any(p.position <= match.start() < p.last for p in found):
            found.append(_Period(None, None, match.start(), match.end()))

    # "in a single day" dates a count only when nothing else in the sentence does.
    if any(not p.weak for p in found):
        found = [p for p in found if not p.weak]
    # "Since the insurgency began in 2019, the conflict has killed ...": a war idiom whose start is
    # unknown gives way to the running count the sentence dates.
    if any(p.running and p.start is not None for p in found):
        found = [p for p in found if not (p.running and p.start is None)]
    # A running total ("bringing the total to 94,760") counts the war to date, unless the sentence
    # gives a running count of its own ("since May 27"); a time phrase inside it ("the number shot
    # down in February to 13") dates the total alone. A count "to date" in other words ("have now
    # lost", "has suffered", "put its losses at") does too, for a number in its clause with no
    # time phrase of its own.
    cues: list[_Period] = []
    cue_ok = war_start is not None and not EVENT_WORDS.search(lower)
    for match in RUNNING_TOTAL.finditer(lower):
        scope = (match.end(), match.end() + 1)
        inner = [p for p in found if match.start() <= p.position < match.end()]
        found = [dataclasses.replace(p, scope=scope) if p in inner else p for p in found]
        if cue_ok and not inner and not any(p.running for p in found):
            cues.append(_Period(war_start, anchor, match.start(), match.end(), cumulative=True, scope=scope))
    if cue_ok:
        for match in NOW_TOTAL.finditer(lower):
            cues.append(_Period(war_start, anchor, match.start(), match.end(), cumulative=True, clause_only=True))
        for match in PERFECT_TOTAL.finditer(lower):
            if any(p.position < match.start() for p in found):
                continue  # "Over the past week, Russia has suffered ...": the leading phrase dates it
            cues.append(_Period(war_start, anchor, match.start(), match.end(), cumulative=True, clause_only=True))
    if anchor is not None and not found and not EVENT_WORDS.search(lower):
        for match in INCREMENT_BY.finditer(lower):
            cues.append(_Period(anchor, anchor, match.start(), match.end(), scope=(match.end(), match.end() + 1)))
    found.extend(cues)
    # No period ends after its as-of date.
    cap = as_of or published
    if cap is not None:
        found = [
            dataclasses.replace(p, end=cap)
            if not p.stated and p.start is not None and p.end is not None and p.start <= cap < p.end
            else p
            for p in found
        ]
    return _Reading(found, as_of, vague, anchor)


def _periods(sentence: str, published: dt.date | None, settings: NormaliseSettings, war_start: dt.date | None) -> list[_Period]:
    """Every period ``sentence`` states, statement times excluded, in text order."""
    return sorted(_read(sentence, published, war_start).periods, key=lambda p: p.position)


NUMBER_TOKEN = re.compile(r"[+-]?\w+(?:[,.]\d+)*")  # "1,590" without the comma that may follow it
SUBSET = re.compile(
    r"\b(?:including|of\s+whom|of\s+which|among\s+them|among\s+whom)\s+"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|at\s+least\s+|roughly\s+|up\s+to\s+)?(?:\d[\d,.]*\d|\d|" + _COUNT + r"\b)"
    r"|\b(?:half|most|many|some|all|a\s+third|a\s+quarter|two-thirds|\d[\d,.]*|" + _COUNT + r")\s+of\s+(?:them|those)\b"
)
CLAUSE_BREAK = re.compile(r"[,;:]|\s[—–-]\s")


def _follows_a_subset(between: str) -> bool:
    """Does a period after the number follow a subset of it ("742,570, including 1,590 over the past
    day")? A subset set off by commas ("12,162 civilians, including 659 children, have been killed
    since ...") leaves the period to the whole."""
    match = SUBSET.search(between)
    return match is not None and CLAUSE_BREAK.search(between[match.end() :]) is None


def _same_clause(lower: str, period: _Period, number_start: int, number_end: int) -> bool:
    between = lower[number_end : period.position] if period.position >= number_end else lower[period.last : number_start]
    return CLAUSE_BREAK.search(between) is None


def _distance(period: _Period, number_start: int, number_end: int) -> int:
    """Characters between the number and the period's phrase (0 when one holds the other)."""
    if number_end <= period.position:
        return period.position - number_end
    return max(0, number_start - period.last)


def _resolve(
    sentence: str, number_start: int, published: dt.date | None, war_start: dt.date | None, preceding: str = ""
) -> tuple[str | None, str | None]:
    reading = _read(sentence, published, war_start, number_start, preceding)
    if not reading.periods:
        return None, None
    token = NUMBER_TOKEN.match(sentence, number_start)
    number_end = token.end() if token else number_start
    ahead = sentence[number_start : number_start + 50].lower()
    not_to_date = (
        INCREMENT_BEFORE.search(sentence[max(0, number_start - 20) : number_start].lower())
        or INCREMENT_AFTER.match(ahead)
        or RATE_AFTER.match(ahead)
    )
    lower = sentence.lower()
    periods = [
        p
        for p in reading.periods
        if not (p.cumulative and not_to_date) and not (p.scope is not None and not p.scope[0] <= number_start <= p.scope[1])
    ]
    # A cue of a clause ("have now lost") dates only its clause's numbers, and only when nothing else there does.
    own = [p for p in periods if not p.clause_only and _same_clause(lower, p, number_start, number_end)]
    periods = [p for p in periods if not p.clause_only or (not own and _same_clause(lower, p, number_start, number_end))]
    # "losses had reached 742,570, including 1,590 over the past day": the subset's period is not the whole's
    periods = [p for p in periods if not (p.position >= number_end and _follows_a_subset(lower[number_end : p.position]))]
    if not periods:
        return None, None
    # A time phrase in the number's own clause wins over one across a comma ("..., with Moscow
    # claiming a further 310 killed there over the past day").
    near = [p for p in periods if _same_clause(lower, p, number_start, number_end)]
    best = min(near or periods, key=lambda p: (_distance(p, number_start, number_end), p.position))
    if best.start is None:
        # A period may be half-open ("since the invasion" in an undated article
        # runs from the war's start), never end-only.
        return None, None
    return best.start.isoformat(), best.end.isoformat() if best.end else None


def resolve_period(
    sentence: str,
    number_start: int,
    published: dt.date | None,
    settings: NormaliseSettings,
    war_start: dt.date | None,
) -> tuple[str | None, str | None]:
    """The (period_start, period_end) nearest the number in ``sentence``, ISO strings or None."""
    return _resolve(sentence, number_start, published, war_start)


def _sentence_prefix(paragraphs: list[Paragraph], paragraph_index: int, paragraph_offset: int, offset: int) -> str:
    """The text of the paragraph before the sentence (for "since then")."""
    if not 0 <= paragraph_index < len(paragraphs):
        return ""
    start = paragraph_offset - offset
    text = paragraphs[paragraph_index].text
    return text[: max(0, start)] if 0 <= start <= len(text) else ""


def _header_can_date(header: str) -> bool:
    """A list's header dates its lines when it introduces them ("... as of June 14:") or is a short heading."""
    stripped = header.rstrip()
    return stripped.endswith((":", "—", "–")) or len(stripped) <= 80


def statement_as_of(sentence: str, published: dt.date | None) -> dt.date | None:
    """The as-of date ``sentence`` gives its figures: an "as of" date, else the day the
    figures were said ("the ministry said on Monday"); None when it gives neither, or
    only a month ("said in February"). For a caller that carries a statement's as-of
    date to the sentences that continue it."""
    lower = sentence.lower()
    as_of, _, _ = _as_of(sentence, lower, _calendar(sentence, lower, published, published), published, None)
    if as_of is not None and published is not None and as_of > published:
        return published
    return as_of


def claim_period(
    sentence: str,
    offset: int,
    is_increment: bool,
    paragraphs: list[Paragraph],
    paragraph_index: int,
    paragraph_offset: int,
    published: dt.date | None,
    settings: NormaliseSettings,
    war_start: dt.date | None,
) -> tuple[str | None, str | None, str | None]:
    """The period of the number at ``offset`` in ``sentence`` and where it came
    from: the sentence's own (``sentence``), else (for a list line that is not a
    day's increment) its list header's (``header``: "... since the start of the
    full-scale invasion, as of March 4:"), else ``(None, None, None)``."""
    preceding = _sentence_prefix(paragraphs, paragraph_index, paragraph_offset, offset) if SINCE_THEN.search(sentence.lower()) else ""
    start, end = _resolve(sentence, offset, published, war_start, preceding)
    if start is not None or end is not None:
        return start, end, "sentence"
    if not is_increment:
        header = list_header(paragraphs, paragraph_index, paragraph_offset)
        if header is not None and _header_can_date(header):
            start, end = _resolve(header, len(header), published, war_start)
            if start is not None or end is not None:
                return start, end, "header"
    return None, None, None


# Any phrase that dates or spans a count, resolved or not ("the next day", "in
# the spring", "on 3/4"), or gives it a rate's window ("1,200 a day", "on a good
# day"): a sentence holding one has a time of its own, and takes no period from
# the statement it continues. "The same period" points back to the time already
# given, and the words of a tally ("the day's losses", "its daily bulletin")
# date nothing.
TIME_HINTS = re.compile(
    r"\b(?:yesterday|today|tonight|overnight|ago|so\s+far|to\s+date|as\s+of|since\s+then|ever\s+since)\b"
    r"|\b(?:past|last|previous|preceding|next|coming|recent|first|final|this|earlier\s+this|later\s+this)\s+(?:" + _COUNT
    + r"\s+|few\s+|several\s+|couple\s+of\s+)?(?:hours?|days?|nights?|weeks?|weekend|months?|years?|spring|summer|autumn|fall|winter)\b"
    r"|\b(?:in|during|over|within|for|throughout|after|across)\s+(?:the\s+|a\s+|just\s+|only\s+)?(?:" + _COUNT
    + r"|few|several|single)\s+(?:hours?|days?|nights?|weeks?|months?|years?)\b"
    r"|\b(?:spring|summer|autumn|winter)\b|\b(?:days|weeks|months|years)\s+(?:earlier|later)\b|\bthe\s+(?:next|following)\s+day\b"
    r"|\b(?:a|per|each|every)\s+(?:day|week|month|year)\b|\b(?:good|bad|typical|quiet|given)\s+day\b"
    r"|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"
)
ANAPHORIC_TIME = re.compile(r"\b(?:the\s+)?same\s+(?:time\s+)?(?:period|day|week|month|year|time|timeframe|time\s+frame|battles?|fighting)\b")


def mentions_time(sentence: str) -> bool:
    """Does ``sentence`` hold a time expression, whether or not it can be resolved?"""
    text = ANAPHORIC_TIME.sub(" ", sentence)
    lower = text.lower()
    if TIME_HINTS.search(lower) or WAR_IDIOMS.search(lower) or EVENT_SINCE.search(lower) or REPORT_DAY_WEAK.search(lower):
        return True
    if RELATIVE.search(lower) or UNRESOLVED.search(lower) or PAST_UNITS.search(lower) or REPORT_DAY.search(lower):
        return True
    return bool(_calendar(text, lower, None, None))
