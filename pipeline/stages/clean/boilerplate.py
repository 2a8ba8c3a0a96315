"""Text-level boilerplate rules for page dumps: site chrome, newsletter
sign-up blocks, trailing news feeds, photo captions and credits, embedded
social-media trailers, truncated teasers. The rules are general, never
strings of one article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

_TERMINAL = ".!?…\"”’'»)]"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^[-•*·▪–—]\s+")


def _rx(*alternatives: str) -> re.Pattern[str]:
    """A whole-line pattern, case-insensitive, tolerant of trailing punctuation."""
    body = "|".join(alternatives)
    return re.compile(rf"^(?:{body})[\s.:!|»›>]*$", re.IGNORECASE)


# Widget labels printed at the top of article bodies; removed as a prefix so
# text on the same line survives.
_WIDGET_PREFIX = re.compile(
    r"^(?:this audio is (?:created|generated|produced) with (?:the help of )?ai(?: assistance)?\.?"
    r"|listen to (?:this|the) (?:article|story)(?: \d+ min(?:ute)?s?)?\.?"
    r"|your browser does not support the audio element\.?)\s*",
    re.IGNORECASE,
)

# Site chrome and calls to action: always a whole line.
_NAV_LINE = _rx(
    r"skip to (?:main |the )?(?:content|navigation|search|footer)",
    r"(?:pre-?order|order|buy|donate|subscribe|join|shop|read|watch|listen|sign up|register) (?:now|here|today)",
    r"menu|search|home|share|tweet|e-?mail|print|copy link|link copied|close|comments?|show comments",
    r"share (?:this|the) (?:article|story|page)|share on \w+|follow us(?: on \w+)?",
    r"advertisement|advertising|ad|sponsored(?: content)?|back to top|support us|donate",
    r"sign in|log ?in|log ?out|register|my account|cookie settings|accept(?: all)?(?: cookies)?",
    r"privacy policy|terms of (?:use|service)|all rights reserved|©.{0,60}",
)

# Newsletter sign-up blocks. Kept short (whole lines only) so a body sentence
# that happens to mention subscribing is never matched.
_SIGNUP_LINE = _rx(
    r"subscribe(?: (?:to|for) [\w '’.-]{1,60})?",
    r"sign up(?: (?:to|for) [\w '’.-]{1,60})?",
    r"\*\s*indicates required(?: field)?s?|indicates required(?: field)?s?",
    r"(?:please,? )?enter (?:your|a|an)? ?(?:correct |valid )?e-?mail(?: address)?(?: (?:to subscribe|here|below))?",
    r"your e-?mail(?: address)?|e-?mail address|e-?mail\*?",
    r"success(?:f)?ul+y subscribed|subscription confirmed|you(?:'|’)re (?:all set|subscribed|signed up)",
    r"(?:thank you|thanks) for (?:signing up|subscribing|registering)\b.{0,200}",
    r"we(?:'|’)ve sent you (?:a|an) (?:confirmation|verification) e-?mail.{0,100}",
    r"(?:please )?check your (?:inbox|e-?mail).{0,100}",
    r"by (?:signing up|subscribing|clicking)\b.{0,200}",
    r"(?:get|receive) (?:our|the) .{0,60}newsletter.{0,60}|newsletters?",
    r"unsubscribe at any time.{0,60}|no spam.{0,60}",
)

# Headers of trailing feed blocks: everything after one is other stories.
_FEED_HEADER = _rx(
    r"news ?feed|more news|more stories|latest(?: news| stories| updates| headlines)?",
    r"editor(?:s(?:'|’)?|(?:'|’)s) (?:picks?|choice)|top (?:stories|news)|most (?:read|popular|viewed|shared)",
    r"trending(?: now| stories| news)?|recommended(?: for you| stories| articles| reading)?|popular(?: now| stories)?",
    r"you (?:may|might) also (?:like|enjoy|be interested in)|what to read next|read next|up next",
    r"more from [\w '’.&-]{1,40}|more (?:on|about) this (?:story|topic)",
)
# Weaker headers: often a short list of links inside the body.
_RELATED_HEADER = _rx(
    r"related(?: (?:articles?|stories|news|content|posts|coverage|reading|topics|links))?",
    r"read more|read also|also read|see also|further reading",
)
# "READ MORE: <headline>" style inline teasers.
_INLINE_TEASER = re.compile(r"^(?:read more|read also|also read|related|see also|more|watch|listen)\s*[:|»›]\s*\S", re.IGNORECASE)

_CLOCK = r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_DATE = (
    r"(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
# Feed item stamps ("8:06 AM (Updated: )") and dateline stamps
# ("Updated: June 2, 2024, 10:15"): a time or a date and nothing else.
_TIMESTAMP_LINE = re.compile(
    rf"^(?:{_CLOCK}(?:\s*\((?:updated|edited)\s*:?[^)]{{0,40}}\))?"
    rf"|(?:(?:last )?updated|published|posted)(?: on| at)?\s*:?\s*(?:{_DATE}|{_CLOCK})(?:,? (?:at )?{_CLOCK})?"
    r"|\d+\s+(?:min(?:ute)?s?|hours?|days?)\s+ago|\d+\s+min(?:ute)?s?\s+read)$",
    re.IGNORECASE,
)

# Social embeds printed as text: "<tweet text> pic.twitter.com/xyz — Name (@handle) June 1, 2024".
_EMBED_TRAILER = re.compile(
    r"(?:pic\.twitter\.com/\w+|[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$)"
)

# Photo credits. A credit names a photographer and/or an agency, usually
# "Name/Agency", "NAME/AFP via Getty Images" or "(Name via Getty Images)".
_CAP_WORD = r"[A-Z][\w.'’-]*"
_NAME = rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|de|van|von|al|el|da|di)){{0,5}}"
_WIRE_AGENCIES = (
    r"Reuters|AFP|AP|EPA(?:-EFE)?|Anadolu(?: Agency)?|TASS|Sputnik|Ukrinform|Bloomberg|Xinhua|Kyodo|Yonhap|dpa"
)
# Names that only ever appear in photo credits (a bare "(Reuters)" can be a
# wire-story dateline, a bare "(Getty Images)" cannot).
_PHOTO_AGENCIES = (
    r"Getty Images|Shutterstock|Alamy|AP Photo|NurPhoto|SOPA Images|LightRocket|Sipa USA|ZUMA(?: Press| Wire)?"
    r"|picture alliance|Imagn|Abaca(?:press)?|Hans Lucas|Corbis|iStock"
)
_SLASH_CREDIT = rf"{_NAME}(?:\s*/\s*{_NAME})+(?:\s+via\s+{_NAME})?"
_VIA_CREDIT = rf"(?:{_NAME}\s+)?via\s+(?:{_PHOTO_AGENCIES}|{_WIRE_AGENCIES})"
_LABEL_CREDIT = (
    r"(?i:(?:photo(?:graph)?s?|images?|pictures?|credits?|illustration|video)(?:\s+by|\s+credit)?\s*[:|]"
    r"|photo(?:graph)?s? by|(?:photo(?:graph)?s? )?courtesy(?: of)?)\s*[^\n]{1,80}"
)
_CREDIT_ONLY = re.compile(
    rf"^\(?\s*(?:{_SLASH_CREDIT}|{_VIA_CREDIT}|{_PHOTO_AGENCIES}|{_WIRE_AGENCIES}|{_LABEL_CREDIT})\s*\)?$"
)
# A caption sentence with its credit at the end of the line.
_TRAILING_CREDIT = re.compile(
    rf"(?:\(\s*(?:{_SLASH_CREDIT}|{_VIA_CREDIT}|{_LABEL_CREDIT}|[^()]{{0,60}}\b(?:{_PHOTO_AGENCIES}))\s*\)"
    rf"|[.!?”\"]\s+(?:(?i:photo|image|credit)s?(?: by)?:?\s+)?(?:{_SLASH_CREDIT}|{_VIA_CREDIT})"
    rf"|[.!?”\"]\s+(?i:photo(?:graph)?|image|credit)s?(?: by)?\s*:\s*[^\n]{{1,60}})\s*$"
)
_CREDIT_MAX_WORDS = 12  # a credit-only line names a few people and agencies, no more


@dataclass
class _Line:
    text: str
    block: int  # index of the blank-line separated block the line belongs to
    drop: str | None = None  # reason the line is removed, None = kept


def strip_text(text: str, *, page_dump: bool, enabled: bool = True) -> tuple[list[str], Counter[str]]:
    """Split ``text`` into paragraphs, removing boilerplate lines when ``enabled``.

    ``page_dump`` marks raw page text (a scraper's dump or our own rendering
    of <body>), as opposed to trafilatura's output: only there do menus sit
    above the article and hard-wrapped lines need re-joining.
    """
    lines = _split_lines(text)
    if enabled:
        _drop_head_chrome(lines)
        _mark_lines(lines, head_menus=page_dump)
        _drop_feed_sections(lines)
        _drop_signup_fillers(lines)
        _drop_caption_companions(lines)
        _drop_truncated_teasers(lines)
    removed = Counter(line.drop for line in lines if line.drop)
    kept = [line for line in lines if not line.drop]
    return _paragraphs(kept, join_wrapped=page_dump), removed


def _split_lines(text: str) -> list[_Line]:
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            block += 1
            continue
        lines.append(_Line(line, block))
    return lines


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_prose(text: str) -> bool:
    """A body sentence: long enough and ending like a sentence."""
    return _words(text) >= 10 and text[-1] in _TERMINAL


def is_headline(text: str) -> bool:
    """A title-like line: a few words, no sentence-final punctuation."""
    return 2 <= _words(text) <= 20 and text[-1] not in _TERMINAL + ":;,"


def _ends_mid_sentence(text: str) -> bool:
    """A paragraph cut off inside a sentence (not one ending in a byline like "PTI")."""
    if _words(text) < 8 or not (text[-1].isalnum() or text[-1] in ",;-–—"):
        return False
    tail = re.split(r"[.!?…][\"”’')\]]*\s", text)[-1]
    return _words(tail) >= 4


def _kept(lines: list[_Line]) -> Iterable[tuple[int, _Line]]:
    return ((i, line) for i, line in enumerate(lines) if not line.drop)


def _drop_head_chrome(lines: list[_Line]) -> None:
    """Everything up to a "Skip to content" link near the top is site header."""
    for i, line in enumerate(lines[:15]):
        if re.match(r"^skip to (?:main |the )?content\W*$", line.text, re.IGNORECASE):
            for head in lines[: i + 1]:
                head.drop = "header"
            return


def _mark_lines(lines: list[_Line], head_menus: bool) -> None:
    """Line-level rules: chrome, sign-up, timestamps, embeds, captions, widgets."""
    body_started = False
    for line in lines:
        if line.drop:
            continue
        stripped = _WIDGET_PREFIX.sub("", line.text)
        if not stripped:
            line.drop = "widget"
            continue
        line.text = stripped
        text = _BULLET.sub("", line.text)
        if _NAV_LINE.match(text):
            line.drop = "navigation"
        elif _SIGNUP_LINE.match(text):
            line.drop = "signup"
        elif _TIMESTAMP_LINE.match(text):
            line.drop = "timestamp"
        elif _EMBED_TRAILER.search(text):
            line.drop = "embed"
        elif _is_credit(text):
            line.drop = "caption"
        elif _INLINE_TEASER.match(text) and not _is_prose(text):
            line.drop = "teaser"
        elif head_menus and not body_started and (
            (_BULLET.match(line.text) and _words(text) <= 4 and not re.search(r"\d", text))
            or _FEED_HEADER.match(text) or _RELATED_HEADER.match(text)
        ):
            line.drop = "navigation"  # menu items above the article
        elif _is_prose(line.text):
            body_started = True


def _is_credit(text: str) -> bool:
    if _words(text) <= _CREDIT_MAX_WORDS and _CREDIT_ONLY.match(text):
        return True
    return bool(_TRAILING_CREDIT.search(text))


_FEED_EVIDENCE_LINES = 6  # a feed shows its stamps or another header within its first items


def _drop_feed_sections(lines: list[_Line]) -> None:
    """Drop trailing feed blocks ("News Feed", "Related", ...) that follow the article.

    A feed header ends the article when more body prose precedes it than
    follows it: a "Latest news" menu item above the article is then only a
    menu line, while a "News Feed" below the article takes everything after
    it (other stories, their timestamps, sign-up boxes). A "Related"/"Read
    more" box does the same when a feed follows it; inside the body it only
    takes the link headlines directly under it.
    """
    prose = [_words(line.text) if not line.drop and _is_prose(line.text) else 0 for line in lines]
    total = sum(prose)
    before = 0
    for i, line in enumerate(lines):
        before += prose[i]
        if line.drop:
            continue
        text = _BULLET.sub("", line.text)
        strong, weak = _FEED_HEADER.match(text), _RELATED_HEADER.match(text)
        if not (strong or weak):
            continue
        after = total - before
        if not before or before < after:
            line.drop = "navigation"  # a menu entry, not the end of the article
            continue
        rest = lines[i + 1:]
        feed_like = any(
            r.drop in {"timestamp", "signup"} or _FEED_HEADER.match(r.text) or _RELATED_HEADER.match(r.text)
            for r in rest[:_FEED_EVIDENCE_LINES]
        )
        if strong or feed_like or not after:
            _drop_from(lines, i, "feed")
            return
        line.drop = "related"
        for follower in rest:
            if follower.drop:
                continue
            if _is_prose(follower.text):
                break
            follower.drop = "related"


def _drop_from(lines: list[_Line], start: int, reason: str) -> None:
    for line in lines[start:]:
        line.drop = line.drop or reason


def _drop_signup_fillers(lines: list[_Line]) -> None:
    """Short lines sandwiched between sign-up lines (newsletter names) go too."""
    signup = [i for i, line in enumerate(lines) if line.drop == "signup"]
    for a, b in pairwise(signup):
        middle = lines[a + 1: b]
        if len(middle) <= 3 and all(m.drop or (_words(m.text) <= 8 and not _is_prose(m.text)) for m in middle):
            for m in middle:
                m.drop = m.drop or "signup"


def _drop_caption_companions(lines: list[_Line]) -> None:
    """Drop the caption title that goes with a dropped credit line.

    A title-like line directly above a caption/credit in the same block is
    the picture's title. A two-line block, a sentence and a credit, is a
    caption unit as a whole; in a longer block only title-like lines go, since
    a body paragraph may sit right above a credit in a single-spaced dump.
    """
    blocks: dict[int, list[_Line]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    for i, line in enumerate(lines):
        if line.drop != "caption":
            continue
        if i > 0:
            above = lines[i - 1]
            if not above.drop and above.block == line.block and is_headline(above.text) and not _BULLET.match(above.text):
                above.drop = "caption"
        block = blocks[line.block]
        if len(block) == 2 and all(m.drop or _words(m.text) <= 40 for m in block):
            for m in block:
                m.drop = m.drop or "caption"
        elif len(block) <= 3:
            for m in block:
                if not m.drop and not _is_prose(m.text) and is_headline(m.text):
                    m.drop = "caption"


# Reasons that mark a boilerplate block: a truncated paragraph right before
# one of these is a related-article teaser, not the end of the article.
_BLOCK_REASONS = frozenset({"feed", "signup", "navigation", "timestamp", "related", "teaser"})


def _drop_truncated_teasers(lines: list[_Line]) -> None:
    """Drop a paragraph that stops mid-sentence right before a boilerplate block.

    Feeds and "related" boxes print a headline and the first characters of
    another article. When such a cut-off paragraph sits directly before
    removed boilerplate, drop it and the headline-like line above it.
    """
    for i, line in enumerate(lines):
        if line.drop or not _ends_mid_sentence(line.text):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or nxt.drop not in _BLOCK_REASONS:
            continue
        line.drop = "teaser"
        if i > 0 and not lines[i - 1].drop and is_headline(lines[i - 1].text):
            lines[i - 1].drop = "teaser"


# "air defence systems — 992 (+1)": a tally line stands alone even when the
# line above it ("MLRS — 1,250") does not end like a sentence.
_TALLY_LINE = re.compile(r"^\s*[-•*]?\s*[^\d\n]{2,60}?\s*[—–:]\s*(?:about\s+|over\s+|some\s+)?\d")


def _paragraphs(kept: list[_Line], join_wrapped: bool) -> list[str]:
    """One paragraph per kept line; hard-wrapped lines of a block are re-joined.

    A line joins the previous one only when the previous does not end like a
    sentence and the line starts in lower case: a mid-sentence wrap.
    """
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in kept:
        if (
            join_wrapped and previous is not None and paragraphs
            and previous.block == line.block
            and paragraphs[-1][-1] not in _TERMINAL + ":"
            and line.text[0].islower()
            and not _TALLY_LINE.match(line.text)
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


# ---------------------------------------------------------------- language
