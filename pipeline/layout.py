"""The layout of a cleaned document that the stages read: list and tally
lines, and the header line a list hangs from."""

from __future__ import annotations

import re

from newsclaims.records import Paragraph

LIST_LINE = re.compile(r"^\s*(?:[-•*—–]|\(?\d{1,4}[).:]|(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{4})(?:\s*\([^)]*\))?\s*:)")


def is_list_line(text: str) -> bool:
    """A tally or list item: short, or opening with a bullet, a number, a year or a date and a colon."""
    return LIST_LINE.match(text) is not None or (len(text) <= 80 and ("—" in text or "–" in text or ":" in text))


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


# A tally line: a label, a dash or colon, then one count, maybe its day's
# increment and a unit ("tanks — 7,834 (+6) units;", "personnel: about 414,280 (+1,050)").
TALLY_LINE = re.compile(
    r"^\s*[-•*·]?\s*[^\d\n]{2,60}?\s*[—–:-]+\s*(?:about|approximately|some|over|around|almost|nearly|~)?\s*"
    r"\d[\d,. ]*(?:\s*\(\s*[+-]\s*\d[\d,. ]*\))?\s*(?:[a-z]+\s*){0,2}[;.,]?\s*$",
    re.IGNORECASE,
)


def line_of(paragraph: Paragraph, offset: int) -> str:
    """The line of ``paragraph`` that holds character ``offset`` (relative to the paragraph)."""
    start = paragraph.text.rfind("\n", 0, offset) + 1
    end = paragraph.text.find("\n", offset)
    return paragraph.text[start : end if end >= 0 else len(paragraph.text)]


def is_tally_line(line: str) -> bool:
    """Is ``line`` one entry of a loss tally ("tanks — 7,834 (+6) units;")?"""
    return TALLY_LINE.match(line) is not None


def headline_index(paragraphs: list[Paragraph]) -> int | None:
    """The paragraph that is the document's headline, if one of the first few is: a short
    parsed line with no sentence end, followed by a body paragraph (a byline or date
    line may stand between)."""
    for index, paragraph in enumerate(paragraphs[:4]):
        text = paragraph.text.strip()
        if "\n" in text or len(text.split()) > 22:
            return None
        if paragraph.doc is None or not paragraph.relevant:
            continue
        if text.endswith((".", "!", ";")) or (is_list_line(text) and text[:1] in "-•*—–"):
            return None
        # A body paragraph follows (a byline or date line may stand between).
        return index if any(len(p.text) > max(len(text), 120) for p in paragraphs[index + 1 : index + 7]) else None
    return None
