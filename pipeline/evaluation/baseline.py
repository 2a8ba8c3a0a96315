"""A keyword + quantulum3 baseline: the claim extractor a reader could assemble in an afternoon.

Split the text into sentences with one regex, keep sentences that mention a
loss word, let quantulum3 find the numbers, and label every unitless number in
a kept sentence by the sentence's keywords. No parsing, no attribution, no
dates. It is the floor the pipeline has to beat, so it is kept honest: it is
neither tuned on the gold labels nor handicapped on purpose.

The rules, in order:

* a sentence is kept when it holds a loss or equipment keyword;
* each quantulum3 quantity whose unit is ``dimensionless`` is a claim
  (percentages, money, lengths and rates such as "1,200 a day" have units and
  are dropped; years and day numbers are not, quantulum3 cannot tell them);
* category: an equipment keyword makes every claim in the sentence
  ``equipment``, typed by the equipment keyword nearest after the number (else
  nearest before it), so a list "two helicopters, seven drones" types each
  number; else exactly one of killed / wounded / captured / missing; else (none
  or several, as in "killed or wounded") ``total``;
* ``side``, ``source``, ``rate`` and the period are null; ``approx`` is exact;
  ``group`` is ``military`` for equipment (the labeling convention), else null.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# A sentence ends after . ! or ? (optionally closed by a quote or bracket)
# followed by whitespace, or at a line break. Abbreviations such as "U.S."
# followed by a capital will split a sentence; a baseline lives with it.
_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+|\n+")

# Equipment keyword groups, most specific first: "fuel tanks" are vehicles,
# "anti-aircraft" is air defense, "unmanned aerial vehicles" are drones.
EQUIPMENT_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("special", r"special (?:equipment|vehicles?)"),
    ("air_defense", r"air[- ]defen[cs]e|anti-aircraft|surface-to-air"),
    ("mlrs", r"MLRS|multiple (?:launch )?rocket|rocket launchers?"),
    ("drone", r"drones?|UAVs?|unmanned aerial vehicles?"),
    ("apc", r"armou?red (?:combat |personnel |fighting )?vehicles?|armou?red personnel carriers?"
            r"|infantry fighting vehicles?|APCs?|IFVs?|AFVs?|BMPs?|BTRs?"),
    ("tank", r"(?<!fuel )tanks?"),
    ("artillery", r"artillery|howitzers?"),
    ("helicopter", r"helicopters?"),
    ("aircraft", r"aircraft|(?:war)?planes?|jets?"),
    ("submarine", r"submarines?"),
    ("ship", r"(?:war)?ships?|boats?|vessels?"),
    ("missile", r"(?:cruise )?missiles?"),
    ("vehicle", r"vehicles?|trucks?|fuel tanks?|cars?"),
)
PERSONNEL_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("killed", r"killed|dead|deaths?|died|death toll|fatalities|lives lost"),
    ("wounded", r"wounded|injured|injuries"),
    ("captured", r"captured|prisoners?|POWs?|taken prisoner"),
    ("missing", r"missing"),
)
# Words that make a sentence worth reading at all (besides any keyword above).
LOSS_KEYWORDS = r"casualt(?:y|ies)|loss(?:es)?|lost|destroyed|downed|shot down|damaged|eliminated"


def _compile(pattern: str) -> re.Pattern[str]:
    # Case-insensitive, whole words; acronyms (MLRS, POW) match in any case too.
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


_EQUIPMENT = tuple((name, _compile(pattern)) for name, pattern in EQUIPMENT_KEYWORDS)
_PERSONNEL = tuple((name, _compile(pattern)) for name, pattern in PERSONNEL_KEYWORDS)
_ANY_KEYWORD = _compile("|".join([LOSS_KEYWORDS, *(p for _, p in EQUIPMENT_KEYWORDS),
                                  *(p for _, p in PERSONNEL_KEYWORDS)]))


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, sentence)`` for each non-empty sentence, offsets into ``text``."""
    start = 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            yield start + chunk.index(stripped), stripped
        if boundary:
            start = boundary.end()


def _equipment_mentions(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, equipment_type)`` of each equipment keyword, in text order.

    Groups are tried most specific first and a later group cannot claim text an
    earlier one holds ("armoured vehicles" is apc, not also vehicle).
    """
    mentions: list[tuple[int, int, str]] = []
    for equipment_type, pattern in _EQUIPMENT:
        for match in pattern.finditer(sentence):
            if all(match.end() <= start or match.start() >= end for start, end, _ in mentions):
                mentions.append((match.start(), match.end(), equipment_type))
    return sorted(mentions)


def _personnel_category(sentence: str) -> str:
    found = [name for name, pattern in _PERSONNEL if pattern.search(sentence)]
    return found[0] if len(found) == 1 else "total"


def _nearest_type(mentions: list[tuple[int, int, str]], start: int, end: int) -> str:
    after = [m for m in mentions if m[0] >= end]
    if after:
        return after[0][2]
    before = [m for m in mentions if m[1] <= start]
    return before[-1][2] if before else mentions[0][2]


def baseline_claims(doc_id: str, text: str) -> list[dict[str, Any]]:
    """Claim dicts (``CLAIM_SCHEMA`` fields) found by keywords and quantulum3 in ``text``.

    ``start``/``end`` are offsets into ``text``; ``confidence`` is 1.0 because
    the rules give no probability.
    """
    # quantulum3 loads its unit tables and classifier at import (seconds): only pay when used.
    from quantulum3 import parser

    claims: list[dict[str, Any]] = []
    for offset, sentence in _sentences(text):
        if not _ANY_KEYWORD.search(sentence):
            continue
        mentions = _equipment_mentions(sentence)
        category = "equipment" if mentions else _personnel_category(sentence)
        for quantity in parser.parse(sentence):
            if quantity.unit.name != "dimensionless":
                continue
            # quantulum3 reports a range as midpoint +- uncertainty; the schema wants its ends.
            spread = quantity.uncertainty or 0.0
            low, high = quantity.value - spread, quantity.value + spread
            # Its span can start at -1 for a sentence-initial range ("Between 7 and 9 ...").
            span_start, span_end = max(quantity.span[0], 0), quantity.span[1]
            equipment_type = _nearest_type(mentions, span_start, span_end) if mentions else None
            claims.append({
                "doc_id": doc_id,
                "surface": quantity.surface or sentence[span_start:span_end],
                "value": low, "low": low, "high": high,
                "approx": "exact",
                "category": category,
                "equipment_type": equipment_type,
                "side": None,
                "group": "military" if category == "equipment" else None,
                "source": None,
                "rate": None,
                "period_start": None,
                "period_end": None,
                "sentence": sentence,
                "start": offset + span_start,
                "end": offset + span_end,
                "confidence": 1.0,
            })
    return claims


def main(argv: list[str] | None = None) -> int:
    """``python -m newsclaims.evaluation.baseline DIR``: baseline claims of every ``.txt`` below DIR as JSONL on stdout."""
    import json

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m newsclaims.evaluation.baseline CORPUS_DIR > claims.jsonl", file=sys.stderr)
        return 2
    root = Path(args[0])
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for claim in baseline_claims(path.relative_to(root).as_posix(), text):
            print(json.dumps(claim, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
