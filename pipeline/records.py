"""Typed records that flow through the pipeline.

The flow is one way: ``Document`` (raw input) -> ``CleanDocument`` (clean) ->
``Quantity`` / ``Candidate`` (candidates) -> ``Candidate`` with source
(attribution) -> category (classification) -> ``Claim`` (normalisation) ->
JSON line (output). A document that fails becomes one ``ErrorRecord``.

``Claim`` field names are the contract in ``CLAIM_SCHEMA.md``: extend, never
rename. Free extras go in ``metadata``.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

Approx = Literal["exact", "at_least", "at_most", "about"]
Qualifier = Literal["exact", "at_least", "at_most", "about", "up", "down"]
Category = Literal["killed", "wounded", "captured", "missing", "total", "equipment"]
CATEGORIES: tuple[str, ...] = ("killed", "wounded", "captured", "missing", "total", "equipment")
NOT_A_CLAIM = "none"
EQUIPMENT_TYPES: tuple[str, ...] = (
    "tank", "apc", "artillery", "mlrs", "air_defense", "aircraft", "helicopter", "drone",
    "ship", "submarine", "missile", "vehicle", "special", "other",
)
GROUPS: tuple[str, ...] = ("military", "civilian", "mixed")
RATES: tuple[str, ...] = ("day", "week", "month", "year")


@dataclass(slots=True)
class Document:
    """One input record as read: either HTML or plain text, never both."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: dt.date | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CleanDocument:
    """The article body after boilerplate removal, with what metadata we found."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Quantity:
    """A number found in text, read and normalised (the candidates stage's unit).

    ``kind`` says what the number counts: ``count`` (a plain cardinal, with
    ``noun`` when one follows), ``percent``, ``money``, ``year``, ``date``,
    ``duration``, ``age``, ``ordinal``, ``measure`` (a physical unit) or
    ``other``. Only ``count`` quantities can become loss claims.
    """

    surface: str
    start: int
    end: int
    value: float
    low: float
    high: float
    qualifier: Qualifier = "exact"
    kind: str = "count"
    noun: str | None = None
    unit: str | None = None
    is_range: bool = False
    is_increment: bool = False
    vague: bool = False


@dataclass(slots=True)
class Candidate:
    """A count in a sentence that may be a loss claim, with its context."""

    doc_id: str
    quantity: Quantity
    sentence: str
    sentence_start: int
    features: dict[str, Any] = field(default_factory=dict)
    paragraph_index: int = 0
    token_start: int = 0
    token_end: int = 0
    source: str | None = None
    source_how: str | None = None
    category: str | None = None
    confidence: float = 0.0
    equipment_type: str | None = None
    side: str | None = None
    group: str | None = None


@dataclass(slots=True)
class Claim:
    """One loss claim, field for field the record of ``CLAIM_SCHEMA.md``."""

    doc_id: str
    surface: str
    value: float
    low: float
    high: float
    approx: str
    category: str
    equipment_type: str | None
    side: str | None
    group: str | None
    source: str | None
    rate: str | None
    period_start: str | None
    period_end: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, fields in schema order: what ``asdict`` gives.

        Every field but ``metadata`` is a str, number or None, so only the
        metadata needs copying: a plain copy when its values are flat (the
        pipeline's own), a deep copy when they nest. ``asdict`` deep-copies
        every field at ten times the cost, once per claim written."""
        record = {name: getattr(self, name) for name in CLAIM_FIELDS}
        record["metadata"] = copy.deepcopy(self.metadata) if _nested(self.metadata) else dict(self.metadata)
        return record


CLAIM_FIELDS: tuple[str, ...] = tuple(name for name in Claim.__dataclass_fields__)


def _nested(mapping: dict[str, Any]) -> bool:
    return any(isinstance(value, (dict, list, tuple, set)) for value in mapping.values())


@dataclass(slots=True)
class ErrorRecord:
    """A document that could not be processed: which, where, and why."""

    doc_id: str
    stage: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DocumentResult:
    """What became of one input record: its claims, or the error that stopped it."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    error: ErrorRecord | None = None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "error"
        return "claims" if self.claims else "no_claims"


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the cleaned text: its offset, and its parse when parsed."""

    start: int
    text: str
    doc: Doc | None = None
    # Can this paragraph hold a claim (see ``mark_relevant``)? Only relevant
    # paragraphs are read by the stages, whether or not the prefilter is on.
    relevant: bool = True
    # Why spaCy could not parse this paragraph, if it could not.
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """Where a claim stands in its document: what the context stage reads
    (``stages/context.py``) besides the claim itself."""

    paragraph_index: int
    # Offset of the claim's sentence in the cleaned text.
    sentence_start: int
    # Where the claim's period came from before context: "sentence" (a time
    # expression of its own), "header" (its list header's), or None.
    period_how: str | None
    # Its sentence names a time of its own, resolved or not ("the next day").
    mentions_time: bool
    # A headline, teaser or key point before the body: it restates, it does not lead.
    headline: bool
    # A tally's day increment "(+6)": it has its own period (the report day).
    increment: bool
    # A line of a loss tally ("tanks — 7,834 (+6) units;").
    tally: bool = False
    # The start of the war the claim's side fights, and the report day (ISO), if known.
    war_start: str | None = None
    as_of: str | None = None

