"""Clean stage: turn a raw ``Document`` into the article body (``CleanDocument``).

HTML goes through trafilatura (main text, title, date; no network). Plain
text, typically a page dump from a browser or scraper, goes through
text-level boilerplate rules. The rules are general (site chrome, newsletter
sign-up blocks, trailing news feeds, photo captions and credits, embedded
social-media trailers, truncated teasers), never strings of one article.

Output text keeps one paragraph per block, separated by a blank line
(``"\\n\\n"``): downstream stages rely on paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from newsclaims.errors import CleanError
from newsclaims.records import CleanDocument, Document
from newsclaims.settings import CleanSettings
from newsclaims.stages.clean.boilerplate import is_headline, strip_text
from newsclaims.stages.clean.html import clean_html
from newsclaims.stages.clean.language import NO_LANGUAGE, detect_language, prepare_clean

__all__ = ["NO_LANGUAGE", "CleanError", "clean_document", "detect_language", "prepare_clean"]


def clean_document(doc: Document, settings: CleanSettings) -> CleanDocument:
    """Extract the article body of ``doc`` and detect its language.

    Args:
        doc: a document as read; ``html`` is preferred when set, else ``text``.
        settings: the ``[clean]`` settings.

    Returns:
        The cleaned body (paragraphs separated by blank lines), with title,
        publication date (the record's date first, the page's second), URL and
        language. ``metadata["extractor"]`` says which path produced the text
        and ``metadata["removed"]`` counts the dropped lines by reason.

    Raises:
        CleanError: the document has no usable text after cleaning.
    """
    metadata: dict[str, Any] = dict(doc.metadata)
    title: str | None = None
    published = doc.published
    url = doc.url
    if doc.html is not None:
        page = clean_html(_valid_text(doc.html), doc.url, settings)
        text, title, extractor, removed = page.text, page.title, page.extractor, page.removed
        published = published or page.published
        url = url or page.url
        if page.warnings:
            metadata["warnings"] = page.warnings
    elif doc.text is not None:
        paragraphs, removed = strip_text(_valid_text(doc.text), page_dump=True, enabled=settings.strip_boilerplate)
        text = "\n\n".join(paragraphs)
        extractor = "text_rules" if settings.strip_boilerplate else "text"
        if paragraphs and is_headline(paragraphs[0]):
            title = paragraphs[0]
    else:
        raise CleanError(f"document {doc.id!r} has neither html nor text")
    if len(text.strip()) < max(settings.min_chars, 1):
        raise CleanError(
            f"document {doc.id!r}: no usable text after cleaning "
            f"({len(text.strip())} characters, minimum {max(settings.min_chars, 1)})"
        )
    metadata["extractor"] = extractor
    metadata["removed"] = dict(removed)
    language = None
    if settings.detect_language:
        language, score = detect_language(text, settings.languages)
        metadata["language_score"] = round(float(score), 4)
    return CleanDocument(
        id=doc.id, text=text, title=title, published=published, url=url,
        language=language, metadata=metadata,
    )


# Lone surrogates (from JSONL "\\ud800" escapes or a library caller) cannot be
# encoded: spaCy's tokenizer raised on one inside a shared batch, and no output
# file could hold them. C0 control characters other than tab and line breaks
# make lxml refuse a whole page. Both are replaced, never passed on.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _valid_text(text: str) -> str:
    """``text`` with lone surrogates as U+FFFD and control characters as spaces."""
    return _CONTROL.sub(" ", _LONE_SURROGATE.sub("\ufffd", text))


# --------------------------------------------------------------------- HTML
