"""HTML pages to article text: trafilatura (text, title, date; no network),
with a plain rendering of ``<body>`` when it finds nothing."""

from __future__ import annotations

import datetime as dt
import html.parser
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from newsclaims.errors import CleanError
from newsclaims.settings import CleanSettings
from newsclaims.stages.clean.boilerplate import strip_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document as Extraction


@dataclass
class _Page:
    """What the HTML path found: body text and the page's own metadata."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    extractor: str
    removed: Counter[str]
    warnings: list[str]


def clean_html(html: str, url: str | None, settings: CleanSettings) -> _Page:
    """Main text via trafilatura; a plain rendering of <body> when it finds nothing."""
    import trafilatura  # heavy import (lxml, htmldate, justext): only when HTML arrives

    if not html.strip():
        raise CleanError("empty HTML")
    problems: list[str] = []
    try:
        # A Document, or None: the dict in its declared return type comes only with as_dict=True.
        result = cast("Extraction | None", trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=settings.favor_precision,
            include_comments=settings.include_comments,
            include_tables=settings.include_tables,
            # Skip htmldate's slow pattern search in free text; the page's
            # meta tags and markup give the date when there is one.
            date_extraction_params={"extensive_search": False, "original_date": True},
        ))
    except ValueError as exc:
        # lxml/htmldate reject some malformed pages with ValueError subclasses;
        # the body rendering below still gets its chance, and the reason is kept.
        result = None
        problems.append(f"trafilatura: {exc}")
    title = page_date = page_url = None
    body = ""
    if result is not None:
        body = result.text or ""
        title = result.title or None
        page_date = _parse_date(result.date)
        page_url = result.url or None
    # trafilatura emits one block per line; a line is a paragraph.
    paragraphs, removed = strip_text(body, page_dump=False, enabled=settings.strip_html_boilerplate)
    extractor = "trafilatura"
    if not paragraphs:
        # Nothing (or only boilerplate) found: render <body> as a page dump.
        try:
            paragraphs, removed = strip_text(_render_body(html), page_dump=True, enabled=settings.strip_boilerplate)
            extractor = "html_fallback"
        except CleanError as exc:
            lxml_problem: CleanError | None = exc
        else:
            lxml_problem = None
        if not paragraphs:
            # lxml (under trafilatura and _render_body) stops at libxml2's
            # nesting limit (256 levels) and silently drops deeper text; a
            # page nested 10,000 levels deep then looks empty. Python's
            # html.parser keeps no tree, so depth costs it nothing.
            soup_paragraphs, soup_removed = strip_text(
                _render_soup(html), page_dump=True, enabled=settings.strip_boilerplate
            )
            if soup_paragraphs:
                paragraphs, removed, extractor = soup_paragraphs, soup_removed, "html_soup"
                problems.append("lxml found no text; recovered with html.parser (markup nested too deep?)")
            elif lxml_problem is not None:
                raise lxml_problem
    return _Page("\n\n".join(paragraphs), title, page_date, page_url, extractor, removed, problems)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_SKIPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head", "title", "meta", "link")
_BLOCK_TAGS = frozenset(
    "p div section article main aside header footer nav h1 h2 h3 h4 h5 h6 li ul ol dl dt dd "
    "table tr blockquote pre figure figcaption form fieldset address br hr td th".split()
)


def _render_body(html: str) -> str:
    """Plain text of ``<body>``: one block element per paragraph, scripts dropped."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CleanError(f"HTML cannot be parsed: {exc}") from exc
    body = cast("HtmlElement | None", tree.find("body"))  # lxml-stubs type HTML elements as plain _Element
    if body is None:
        raise CleanError("HTML has no <body>")
    lxml.etree.strip_elements(body, *_SKIPPED_TAGS, lxml.etree.Comment, with_tail=False)
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
    # A tree parsed from str gives an _ElementUnicodeResult, a str (the stubs' union holds a bytes type too).
    return cast(str, body.text_content())


class _SoupText(html.parser.HTMLParser):
    """Text of an HTML page without building a tree: one block per paragraph, scripts dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []  # open skipped elements (script, style, head, ...)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skipping.clear()  # an unclosed <head> ends where the body starts
        elif tag in _SKIPPED_TAGS and tag not in _VOID_TAGS:
            self._skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_VOID_TAGS = frozenset({"meta", "link"})


def _render_soup(html_text: str) -> str:
    """Plain text of a page read with the tolerant, depth-unlimited ``html.parser``."""
    parser = _SoupText()
    try:
        parser.feed(html_text)
        parser.close()
    except (AssertionError, ValueError):  # older html.parser versions assert on some tag soup
        return ""
    return "".join(parser.parts)


# --------------------------------------------------------------- text rules
