"""Language detection on the cleaned text (py3langid), and the one-time loads
cleaning needs."""

from __future__ import annotations

import functools
import re
from typing import Any

from newsclaims.settings import CleanSettings


def prepare_clean(settings: CleanSettings) -> None:
    """Load what cleaning needs once (trafilatura, the py3langid model: about 1 s).

    Called before a document's clock starts, so the first document of a run
    does not pay for loading under its time budget. Cheap after the first call.
    """
    import trafilatura  # noqa: F401  (the import itself is the work)

    if settings.detect_language:
        _identifier(settings.languages)


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    """The py3langid model, loaded once per process (about 1 s) and per language set."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


# Words of letters only: digits, table rules and punctuation say nothing about
# the language, and a page that is mostly numbers made py3langid answer "zxx"
# (no linguistic content) for English articles with large tables.
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Enough words for a stable guess; classifying all of a 200,000-character page costs time and adds nothing.
_LANGUAGE_SAMPLE_WORDS = 5000
# Fewer letter words than this is no language at all (a table of numbers, "40 ++ 12").
_MIN_LANGUAGE_WORDS = 2
NO_LANGUAGE = "zxx"  # ISO 639-2 "no linguistic content", py3langid's own label for it


def detect_language(text: str, languages: tuple[str, ...] = ()) -> tuple[str, float]:
    """The ISO 639-1 language of ``text`` and its probability, from its letter words.

    Returns ``("zxx", 1.0)`` when the text has (almost) no words: such a
    document cannot state a loss claim in any language.
    """
    words = _LETTER_WORD.findall(text)
    if len(words) < _MIN_LANGUAGE_WORDS:
        return NO_LANGUAGE, 1.0
    language, score = _identifier(languages).classify(" ".join(words[:_LANGUAGE_SAMPLE_WORDS]))
    return str(language), float(score)
