"""Read and check gold labels and predicted claims, and turn them into match items.

Gold is a labeled JSONL file in one of two shapes, every claim checked against
the labeling conventions:

* documents (``corpus/gold.jsonl``, the labeled sets with ``text``): one
  document per line, ``{"id", "published", "claims"}``; a document without
  claims has ``"claims": []``;
* mentions (``../shared/realdev/gold.jsonl``): one claim per line with the
  document in ``doc``, in text order within a document; a document without
  claims has no line, so which documents were labeled comes from elsewhere
  (``documents``, the corpus folder).

A gold claim may list other acceptable sources in ``source_alt`` (``source``
may then be null: "no source" and each alternative are all right).

Predictions are the claim objects of
``CLAIM_SCHEMA.md`` (one per line of ``claims.jsonl``), or a labeled file whose
claims are flattened, so one annotator can be scored against another.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from newsclaims.errors import NewsclaimsError
from newsclaims.evaluation.match import MatchItem, close
from newsclaims.records import CATEGORIES, EQUIPMENT_TYPES, GROUPS, RATES, Approx

APPROX_VALUES: tuple[str, ...] = get_args(Approx)
# The fields every gold claim must carry (labeling conventions, CLAIM).
GOLD_CLAIM_KEYS: tuple[str, ...] = (
    "surface", "value", "low", "high", "approx", "category", "equipment_type", "side",
    "group", "source", "rate", "period_start", "period_end",
)
# Keys a gold claim may carry besides GOLD_CLAIM_KEYS: the labeler's note and the
# output-only fields of CLAIM_SCHEMA (so a corrected claims file can be gold).
_GOLD_EXTRA_KEYS = frozenset({"note", "source_alt", "doc_id", "sentence", "start", "end", "confidence", "metadata"})
# The key naming the document of a line in the mentions shape.
MENTION_DOC_KEY = "doc"
GoldFormat = Literal["documents", "mentions"]


class EvaluationInputError(NewsclaimsError, ValueError):
    """A gold or predictions file (or record) is malformed; the message says where and why."""


@dataclass(slots=True, frozen=True)
class GoldDocument:
    """One labeled document: its claims in text order and, when labeled with it, its text."""

    id: str
    published: dt.date | None
    claims: tuple[dict[str, Any], ...]
    text: str | None = None


# --------------------------------------------------------------------------- checks


def is_number(value: Any) -> bool:
    """A finite int or float (``bool`` excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_date(value: Any, where: str, name: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise EvaluationInputError(f"{where}: {name} must be an ISO date string or null, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EvaluationInputError(f"{where}: {name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_choice(claim: Mapping[str, Any], key: str, allowed: Iterable[str], where: str, nullable: bool) -> None:
    value = claim[key]
    if value is None and nullable:
        return
    allowed = tuple(allowed)
    if value not in allowed:
        raise EvaluationInputError(f"{where}: {key} {value!r} is not one of {', '.join(allowed)}"
                                   + (" or null" if nullable else ""))


def _check_gold_claim(claim: Any, where: str) -> dict[str, Any]:
    """Validate one gold claim against the labeling conventions and return a plain copy."""
    if not isinstance(claim, Mapping):
        raise EvaluationInputError(f"{where}: a claim must be a JSON object, got {type(claim).__name__}")
    missing = [key for key in GOLD_CLAIM_KEYS if key not in claim]
    if missing:
        raise EvaluationInputError(f"{where}: claim lacks key(s) {', '.join(missing)}")
    unknown = sorted(set(claim) - set(GOLD_CLAIM_KEYS) - _GOLD_EXTRA_KEYS)
    if unknown:
        raise EvaluationInputError(f"{where}: claim has unknown key(s) {', '.join(unknown)}")
    if not isinstance(claim["surface"], str) or not claim["surface"].strip():
        raise EvaluationInputError(f"{where}: surface must be a non-empty string")
    where = f"{where} ({claim['surface']!r})"
    for key in ("value", "low", "high"):
        if not is_number(claim[key]):
            raise EvaluationInputError(f"{where}: {key} must be a finite number, got {claim[key]!r}")
    if claim["low"] > claim["high"] or not close(claim["value"], claim["low"]):
        raise EvaluationInputError(
            f"{where}: expected value == low <= high, got value={claim['value']} low={claim['low']} high={claim['high']}")
    _check_choice(claim, "approx", APPROX_VALUES, where, nullable=False)
    _check_choice(claim, "category", CATEGORIES, where, nullable=False)
    _check_choice(claim, "equipment_type", EQUIPMENT_TYPES, where, nullable=True)
    if claim["equipment_type"] is not None and claim["category"] != "equipment":
        raise EvaluationInputError(f"{where}: equipment_type is set but category is {claim['category']!r}")
    _check_choice(claim, "group", GROUPS, where, nullable=True)
    _check_choice(claim, "rate", RATES, where, nullable=True)
    for key in ("side", "source"):
        if claim[key] is not None and not isinstance(claim[key], str):
            raise EvaluationInputError(f"{where}: {key} must be a string or null, got {claim[key]!r}")
    alternatives = claim.get("source_alt")
    if alternatives is not None and (not isinstance(alternatives, list)
                                     or not all(isinstance(alt, str) and alt.strip() for alt in alternatives)):
        raise EvaluationInputError(f"{where}: source_alt must be a list of non-empty strings, got {alternatives!r}")
    start = _check_date(claim["period_start"], where, "period_start")
    end = _check_date(claim["period_end"], where, "period_end")
    if start is not None and end is not None and start > end:
        raise EvaluationInputError(f"{where}: period_start {start} is after period_end {end}")
    return dict(claim)


# --------------------------------------------------------------------------- files


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, object)`` for each non-blank line; bad JSON is an error."""
    if not path.is_file():
        raise EvaluationInputError(f"{path}: file not found")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationInputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None


def _record_format(record: Mapping[str, Any]) -> GoldFormat:
    return "mentions" if MENTION_DOC_KEY in record and "claims" not in record else "documents"


def gold_format(path: Path) -> GoldFormat:
    """Which shape a gold file has, read from its first line (``documents`` when it has none).

    Raises:
        EvaluationInputError: missing file, or bad JSON on the first line.
    """
    for _, record in _read_jsonl(Path(path)):
        return _record_format(record) if isinstance(record, dict) else "documents"
    return "documents"


def _read_text(text_dir: Path | None, doc_id: str) -> str | None:
    if text_dir is None:
        return None
    candidate = Path(text_dir) / doc_id
    return candidate.read_text(encoding="utf-8", errors="replace") if candidate.is_file() else None


def load_gold(path: Path, text_dir: Path | None = None,
              documents: Iterable[str] | None = None) -> dict[str, GoldDocument]:
    """Read a gold file in either shape (see the module docstring).

    Args:
        path: the JSONL file.
        text_dir: where to read a document's text when its line has none
            (``text_dir / id``, e.g. ``corpus/`` for ``corpus/gold.jsonl``); the
            text only serves to show the sentence of a missed claim, so a missing
            file is skipped.
        documents: ids of every labeled document; those the file does not
            name are documents without claims (so a claim predicted there is a
            false positive). Needed for the mentions shape, which has no line
            for a document without claims.

    Returns:
        Documents by id: file order, then the claim-free ``documents``.

    Raises:
        EvaluationInputError: missing file, bad JSON, a missing or invalid
            field, a duplicate id, both shapes in one file, or no documents at
            all.
    """
    path = Path(path)
    docs: dict[str, GoldDocument] = {}
    mentions: dict[str, list[dict[str, Any]]] = {}
    shape: GoldFormat | None = None
    for number, record in _read_jsonl(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict):
            raise EvaluationInputError(f"{where}: a line must be a JSON object")
        line_shape = _record_format(record)
        if shape is not None and line_shape != shape:
            raise EvaluationInputError(f"{where}: a {line_shape[:-1]} line in a file of {shape} "
                                       f"(one claim per line with '{MENTION_DOC_KEY}', or one document per line "
                                       f"with 'id' and 'claims', not both)")
        shape = line_shape
        if shape == "mentions":
            doc_id = record[MENTION_DOC_KEY]
            if not isinstance(doc_id, str) or not doc_id:
                raise EvaluationInputError(f"{where}: missing or empty '{MENTION_DOC_KEY}'")
            claim = {key: value for key, value in record.items() if key != MENTION_DOC_KEY}
            mentions.setdefault(doc_id, []).append(_check_gold_claim(claim, f"{where} ({doc_id})"))
            continue
        doc_id = record.get("id")
        if not isinstance(doc_id, str) or not doc_id:
            raise EvaluationInputError(f"{where}: missing or empty 'id'")
        if doc_id in docs:
            raise EvaluationInputError(f"{where}: duplicate id {doc_id!r}")
        if "claims" not in record or not isinstance(record["claims"], list):
            raise EvaluationInputError(f"{where}: 'claims' must be a list (use [] for a document without claims)")
        published = _check_date(record.get("published"), where, "published")
        text = record.get("text")
        if text is not None and not isinstance(text, str):
            raise EvaluationInputError(f"{where}: 'text' must be a string")
        if text is None:
            text = _read_text(text_dir, doc_id)
        claims = tuple(_check_gold_claim(claim, f"{where} claim {i}") for i, claim in enumerate(record["claims"]))
        docs[doc_id] = GoldDocument(id=doc_id, published=published, claims=claims, text=text)
    for doc_id, doc_claims in mentions.items():
        docs[doc_id] = GoldDocument(id=doc_id, published=None, claims=tuple(doc_claims), text=_read_text(text_dir, doc_id))
    for doc_id in documents or ():
        if doc_id not in docs:
            docs[doc_id] = GoldDocument(id=doc_id, published=None, claims=(), text=_read_text(text_dir, doc_id))
    if not docs:
        raise EvaluationInputError(f"{path}: no documents")
    return docs


def load_predictions(path: Path) -> list[dict[str, Any]]:
    """Read predicted claims: ``claims.jsonl`` lines, or a labeled file whose claims are flattened.

    A labeled line (``{"id", "claims": [...]}``) becomes one prediction per
    claim with ``doc_id`` set, so two annotators' files can be compared.

    Raises:
        EvaluationInputError: missing file, bad JSON, or a line that is not an object.
    """
    path = Path(path)
    predictions: list[dict[str, Any]] = []
    for number, record in _read_jsonl(path):
        if not isinstance(record, dict):
            raise EvaluationInputError(f"{path}:{number}: a line must be a JSON object")
        if "claims" in record and "id" in record and "doc_id" not in record:
            if not isinstance(record["claims"], list) or not all(isinstance(c, dict) for c in record["claims"]):
                raise EvaluationInputError(f"{path}:{number}: 'claims' must be a list of objects")
            predictions.extend({**claim, "doc_id": record["id"]} for claim in record["claims"])
        else:
            predictions.append(record)
    return predictions


# --------------------------------------------------------------------------- match items


def prediction_item(index: int, record: Mapping[str, Any]) -> MatchItem:
    """A predicted claim as a match item; ``low``/``high`` default to ``value``.

    Raises:
        EvaluationInputError: no ``doc_id`` or ``category``, or a number field
            that is not a finite number.
    """
    def number(key: str, default: float | None = None) -> float:
        value = record.get(key, default)
        if not is_number(value):
            raise EvaluationInputError(f"prediction {index}: {key} must be a finite number, got {value!r}")
        return float(value)

    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise EvaluationInputError(f"prediction {index}: missing or empty 'doc_id'")
    value = number("value")
    category = record.get("category")
    if not isinstance(category, str) or not category:
        raise EvaluationInputError(f"prediction {index} ({doc_id}): missing or empty 'category'")
    start = record.get("start")
    return MatchItem(index=index, doc_id=doc_id, surface=str(record.get("surface", "")), value=value,
                     low=number("low", value), high=number("high", value), category=category, record=record,
                     sentence=record.get("sentence"), start=start if isinstance(start, int) else None)


# A sentence ends at . ! ? (optionally followed by a closing quote or bracket)
# before whitespace, or at a line break, unless the period closes a common
# abbreviation ("Dec. 12", "U.S. estimate"). Only used to show gold context.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Gov|Sen|Rep"
    r"|St|No|vs|[A-Z](?:\.[A-Z])*)$")


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    for found in _SENTENCE_END.finditer(text, start, end):
        if found.group() == "\n" or not _ABBREVIATION.search(text[max(0, found.start() - 10):found.start()]):
            yield found


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, whitespace runs collapsed."""
    left = 0
    for found in _sentence_ends(text, 0, start):
        left = found.end()
    right_match = next(_sentence_ends(text, end, len(text)), None)
    right = right_match.end() if right_match else len(text)
    return " ".join(text[left:right].split())


def gold_items(doc: GoldDocument) -> list[MatchItem]:
    """Gold claims as match items; with text, each finds its sentence (searching on in text order)."""
    items: list[MatchItem] = []
    cursor = 0
    for index, claim in enumerate(doc.claims):
        sentence = start = None
        if doc.text is not None:
            # The surface as a whole token: "6" must not be found inside "16" or "6,000".
            pattern = re.compile(r"(?<!\w)" + re.escape(claim["surface"]) + r"(?!\w|[.,]\d)")
            found = pattern.search(doc.text, cursor) or pattern.search(doc.text)
            if found:
                start, cursor = found.start(), found.end()
                sentence = sentence_around(doc.text, found.start(), found.end())
        items.append(MatchItem(index=index, doc_id=doc.id, surface=claim["surface"], value=float(claim["value"]),
                               low=float(claim["low"]), high=float(claim["high"]), category=claim["category"],
                               record=claim, sentence=sentence, start=start))
    return items
