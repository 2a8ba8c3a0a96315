"""The layout of a cleaned document that the stages read: list and tally
lines, and the header line a list hangs from."""

from __future__ import annotations

import re

from newsclaims.records import Paragraph

LIST_LINE = re.compile(r"^\s*(?:[-•*—–]|\(?\d{1,4}[).:]|(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{4})(?:\s*\([^)]*\))?\s*:)")


def is_list_line(text: str) -> bool:
    """A tally or list item: short, or opening with a bullet, a number, a year or a date and a colon."""
    return LIST_LINE.match(text) is not None or (len(text) <= 80 and ("—" in text or ":" in text))


def list_header(paragraphs: list[Paragraph], index: int, offset: int) -> str | None:
    """The header line of the list a number's line belongs to, or None when it is not a list line.

    The list is either lines of one paragraph below its first line, or a run of
    list-line paragraphs below a header paragraph.
    """
    text = paragraphs[index].text
    first_break = text.find("\n")
    if 0 <= first_break < offset:
        return text[:first_break]
    if not is_list_line(text):
        return None
    for back in range(index - 1, max(-1, index - 40), -1):
        if not is_list_line(paragraphs[back].text):
            return paragraphs[back].text
    return None
