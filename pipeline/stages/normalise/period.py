"""The period a claim covers, as ISO dates.

Periods are resolved against the publication date ("in May" in a 2024-06-02
article is 2024-05-01..2024-05-31; "last month"; "on Wednesday") or against
explicit dates and years in the sentence ("2022: ...", "November 28, 2024:").
What cannot be resolved stays null: no year is guessed. ``claim_period``
adds the document's context: a tally line takes the period its list header
states.
"""

from __future__ import annotations

import calendar
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
MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY_RE = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for_month(month: int, published: dt.date | None, explicit: str | None) -> int | None:
    if explicit:
        return int(explicit)
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


@dataclass(frozen=True)
class _Period:
    start: dt.date | None
    end: dt.date | None
    position: int


WAR_SINCE = re.compile(
    r"since\s+(?:the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+|russia's\s+|russia’s\s+|moscow's\s+|its\s+|this\s+)?"
    r"(?:full[- ]scale\s+)?(?:invasion|war|conflict|fighting|['‘’\"]?special military operation)"
    r"|(?:moscow|russia)(?:'s|’s)\s+(?:full[- ]scale\s+)?invasion(?:\s+began)?"
    r"|(?:launching|the)\s+(?:its\s+)?(?:full[- ]scale\s+)?(?:invasion|war|conflict|fighting)(?:\s+(?:began|started|broke out|erupted))?)"
)


def _periods(sentence: str, published: dt.date | None, settings: NormaliseSettings, war_start: dt.date | None) -> list[_Period]:
    found: list[_Period] = []
    lower = sentence.lower()
    if war_start is not None:
        for match in WAR_SINCE.finditer(lower):
            found.append(_Period(war_start, published, match.start()))
    for match in re.finditer(r"\b(?:since|from)\s+" + MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", lower):
        month, day = MONTHS[match["month"]], int(match["day"])
        year = _year_for_month(month, published, match["year"])
        start = _safe_date(year, month, day) if year else None
        if start and not any(p.position == match.start() for p in found):
            found.append(_Period(start, published, match.start()))
    as_of: dt.date | None = None
    for match in re.finditer(r"\b(?:on|as of|by)\s+" + MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b", lower):
        month, day = MONTHS[match["month"]], int(match["day"])
        year = _year_for_month(month, published, match["year"])
        date = _safe_date(year, month, day) if year else None
        if date is None:
            continue
        if match.group(0).startswith(("as of", "by")):
            as_of = date
        elif re.search(r"\bsince\b[^.;]{0,110}$", lower[max(0, match.start() - 110) : match.start()]):
            # "since fighting erupted ... on April 15, 2023": a running count from that day.
            found.append(_Period(date, published, match.start()))
        else:
            found.append(_Period(date, date, match.start()))
    if as_of is not None:
        # "since the start of the invasion, as of March 4": the count runs to that date.
        found = [_Period(p.start, as_of, p.position) if p.end == published and p.start and p.start <= as_of else p for p in found]
    for match in re.finditer(r"(?:^|\n)\s*" + MONTH_RE + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\s*:", lower):
        date = _safe_date(int(match["year"]), MONTHS[match["month"]], int(match["day"]))
        if date:
            found.append(_Period(date, date, match.start()))
    for match in re.finditer(r"(?:^|\n)\s*(?P<year>(?:19|20)\d{2})\s*(?:\((?:as of|through|until)\s+" + MONTH_RE + r"\s+(?P<day>\d{1,2})\))?\s*:", lower):
        year = int(match["year"])
        end: dt.date | None = dt.date(year, 12, 31)
        if match["month"]:
            end = _safe_date(year, MONTHS[match["month"]], int(match["day"])) or end
        found.append(_Period(dt.date(year, 1, 1), end, match.start()))
    for match in re.finditer(
        r"\b(?:in|during|for|throughout)\s+(?:the\s+month\s+of\s+)?" + MONTH_RE
        + r"(?:\s+(?P<year>\d{4})|(?P<last>\s+of\s+last\s+year))?\b",
        lower,
    ):
        month = MONTHS[match["month"]]
        if match["last"]:  # noqa: SIM108 - as a conditional expression the branch would nest one
            year = published.year - 1 if published else None
        else:
            year = _year_for_month(month, published, match["year"])
        if year:
            start, end = _month_range(year, month)
            found.append(_Period(start, end, match.start()))
    for match in re.finditer(r"\bsince\s+(?:early\s+|late\s+|mid-)?" + MONTH_RE + r"(?!\s+\d)\b", lower):
        # "since November": from the start of the latest such month before the report.
        if published is not None:
            month = MONTHS[match["month"]]
            year = _year_for_month(month, published, None)
            if year:
                found.append(_Period(dt.date(year, month, 1), published, match.start()))
    for match in re.finditer(
        r"\b(?:from|between)\s+(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})\.(?P<y1>\d{2,4})"
        r"\s+(?:to|and|until|-)\s+(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{2,4})\b",
        lower,
    ):
        # "from 24.02.22 to 11.11.24" (day.month.year, as Ukrainian reports write it).
        def _full(year: str) -> int:
            return int(year) + 2000 if len(year) == 2 else int(year)

        start = _safe_date(_full(match["y1"]), int(match["m1"]), int(match["d1"]))
        end = _safe_date(_full(match["y2"]), int(match["m2"]), int(match["d2"]))
        if start and end and start <= end:
            found.append(_Period(start, end, match.start()))
    for match in re.finditer(r"\b(?:since|from)\s+(?:the\s+)?(?:start\s+of\s+|beginning\s+of\s+)?" + MONTH_RE + r"\s+(?P<year>(?:19|20)\d{2})\b", lower):
        # "since October 2023", "since the February 2021 coup": from that month to the report.
        if published is not None:
            start = dt.date(int(match["year"]), MONTHS[match["month"]], 1)
            if start <= published:
                found.append(_Period(start, published, match.start()))
    for match in re.finditer(r"\b" + MONTH_RE + r"\s+(?P<year>(?:19|20)\d{2})\b", lower):
        if any(abs(p.position - match.start()) < 12 for p in found):
            continue
        start, end = _month_range(int(match["year"]), MONTHS[match["month"]])
        found.append(_Period(start, end, match.start()))
    if published is not None:
        relative = {
            "last month": _month_range(*(_previous_month(published))),
            "this month": (_month_range(published.year, published.month)[0], published),
            "last year": (dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)),
            "this year": (dt.date(published.year, 1, 1), published),
            "yesterday": (published - dt.timedelta(days=1),) * 2,
            "today": (published, published),
            "past week": (published - dt.timedelta(days=7), published),
            "past 24 hours": (published - dt.timedelta(days=1), published),
        }
        for phrase, (start, end) in relative.items():
            for match in re.finditer(r"\b" + phrase + r"\b", lower):
                if phrase == "last year" and re.search(r"of\s+last\s+year", lower[max(0, match.start() - 4) : match.end()]):
                    continue
                found.append(_Period(start, end, match.start()))
        for match in re.finditer(r"\b(?:on|last|this)\s+" + WEEKDAY_RE + r"\b|^\s*" + WEEKDAY_RE.replace("weekday", "weekday2") + r"(?:'s|’s)?\b", lower):
            weekday = WEEKDAYS[match["weekday"] or match["weekday2"]]
            delta = (published.weekday() - weekday) % 7
            date = published - dt.timedelta(days=delta)
            found.append(_Period(date, date, match.start()))
    for match in re.finditer(r"\b(?:in|during|throughout|for)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)", lower):
        year = int(match["year"])
        if published is None or year <= published.year:
            found.append(_Period(dt.date(year, 1, 1), dt.date(year, 12, 31), match.start()))
    return found


def _previous_month(date: dt.date) -> tuple[int, int]:
    return (date.year - 1, 12) if date.month == 1 else (date.year, date.month - 1)


REPORTING = r"(?:said|says|reported|stated|announced|posted|published|told|confirmed|wrote|added|claimed|estimated)"
# "reported on Dec. 12", "said on June 1": the date of the statement, not of the losses.
STATEMENT_BEFORE = re.compile(REPORTING + r"(?:\s+\w+){0,2}\s+$", re.IGNORECASE)
# "Last month, Ukraine said ...": a leading time phrase that dates the statement.
STATEMENT_AFTER = re.compile(r"^[^,.]{0,25},\s+(?:[\w'’.-]+\s+){1,5}" + REPORTING + r"\b", re.IGNORECASE)


def _is_statement_time(sentence: str, position: int) -> bool:
    if STATEMENT_BEFORE.search(sentence[max(0, position - 40) : position]):
        return True
    return position <= 2 and STATEMENT_AFTER.search(sentence[position:]) is not None


def resolve_period(
    sentence: str,
    number_start: int,
    published: dt.date | None,
    settings: NormaliseSettings,
    war_start: dt.date | None,
) -> tuple[str | None, str | None]:
    """The (period_start, period_end) nearest the number in ``sentence``, ISO strings or None."""
    periods = [p for p in _periods(sentence, published, settings, war_start) if not _is_statement_time(sentence, p.position)]
    if not periods:
        return None, None
    best = min(periods, key=lambda p: (abs(p.position - number_start), p.position))
    if best.start is None or best.end is None:
        # A period has both ends or none: "since the invasion" in an undated article is unknown.
        return None, None
    return best.start.isoformat(), best.end.isoformat()


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
) -> tuple[str | None, str | None]:
    """The period of the number at ``offset`` in ``sentence``: the sentence's own,
    else (for a list line that is not a day's increment) its list header's
    ("... since the start of the full-scale invasion, as of March 4:")."""
    start, end = resolve_period(sentence, offset, published, settings, war_start)
    if start is None and not is_increment:
        header = list_header(paragraphs, paragraph_index, paragraph_offset)
        if header is not None:
            start, end = resolve_period(header, len(header), published, settings, war_start)
    return start, end
