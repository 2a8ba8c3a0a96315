"""``rate`` of a claim: ``day``, ``week``, ``month`` or ``year`` for averages
and rates ("1,200 a day", "a daily average of 1,100"), else None."""

from __future__ import annotations

import re

from newsclaims.settings import NormaliseSettings

# "daily" after a number is a rate only as an adverb closing the phrase
# ("1,100 daily."), not as an adjective ("the highest monthly figure").
ADVERB_END = r"(?=\s*(?:[.,;:)\]—–-]|$|\s(?:on|in|since|during|over|through|for|from|according|last|this)\b))"
RATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rate, re.compile(pattern, re.IGNORECASE))
    for rate, pattern in (
        ("day", r"\b(?:a|per|each|every|an average)\s+day\b|\bper\s+24\s+hours\b|\bdaily\b" + ADVERB_END),
        ("week", r"\b(?:a|per|each|every)\s+week\b|\bweekly\b" + ADVERB_END),
        ("month", r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b" + ADVERB_END),
        ("year", r"\b(?:a|per|each|every)\s+year\b|\b(?:annually|yearly)\b" + ADVERB_END),
    )
)
# "a daily average of 1,100", "the monthly toll of 20,000": a rate word right before.
RATE_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "annual": "year", "yearly": "year"}
RATE_BEFORE = re.compile(
    r"\b(?P<word>daily|weekly|monthly|annual|yearly)\s+(?:average|rate|toll|tally|losses|casualties|death toll)"
    r"(?:\s+(?:of|at|was|is|stood at|reached|hit))*\s*(?:about|around|some|nearly|almost|over|more than|up to)?\s*$",
    re.IGNORECASE,
)
# "in a single day" counts a day's losses, it is not a rate.
NOT_RATE = re.compile(r"\b(?:single|one|that|the same|this|each single)\s+day\b", re.IGNORECASE)


def find_rate(sentence: str, number_end: int, settings: NormaliseSettings, number_start: int = 0) -> str | None:
    """day/week/month/year when a rate phrase follows the number (or 'daily X' precedes it)."""
    after = sentence[number_end : number_end + settings.rate_window]
    # Stop at the next number: its rate is its own.
    next_number = re.search(r"\d", after)
    if next_number:
        after = after[: next_number.start()]
    before = sentence[max(0, number_start - 30) : number_start]
    for rate, pattern in RATE_PATTERNS:
        match = pattern.search(after)
        if match and not NOT_RATE.search(after[max(0, match.start() - 12) : match.end()]):
            return rate
    match = RATE_BEFORE.search(before)
    if match:
        return RATE_WORDS[match["word"].lower()]
    return None
