"""Document context: what a claim takes from the statement it continues.

A real report is read as a whole: a lead gives the speaker and the period, and
the sentences, quote lines and list lines after it continue that statement; a
headline or key point restates a figure the body attributes. Each claim's own
sentence is read by the stages before this one; this stage reads the claims of
one document in text order and carries, as explicit state (``Statement``):

- the **period** of the governing statement to the claims that continue it
  (later sentences, quote lines and list lines with no time expression of
  their own, from the same speaker), until a new time expression or a new
  speaker starts a statement of its own;
- the **period, source and side** of a body claim to a headline, teaser, key
  point or caption that restates it (the same figure and category).

It returns new ``Claim`` records; ``metadata["period_how"]`` says where the
period came from (``sentence``, ``header``, ``context``, ``restated``) and
``metadata["source_how"]`` / ``side_how`` gain ``restated``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsclaims.records import Claim, ClaimContext
from newsclaims.settings import ContextSettings

# A restatement elsewhere than the headline must be a figure too distinctive to
# repeat by chance ("two", "12" recur in unrelated sentences of one article).
MIN_RESTATED_VALUE = 100.0


@dataclasses.dataclass(slots=True)
class Statement:
    """The statement claims are read as continuing: its speaker and period."""

    source: str | None
    period_start: str | None
    period_end: str | None
    paragraph_index: int


def _same_source(a: str | None, b: str | None) -> bool:
    def key(name: str | None) -> str | None:
        return None if name is None else name.lower().removeprefix("the ").replace("’", "'")

    return key(a) == key(b)


def carry_periods(claims: Sequence[Claim], contexts: Sequence[ClaimContext], max_gap: int) -> list[Claim]:
    """Give each claim without a time expression of its own the period of the
    statement it continues (same speaker, at most ``max_gap`` paragraphs after
    that statement's last claim)."""
    out: list[Claim] = []
    statement: Statement | None = None
    for claim, context in zip(claims, contexts, strict=True):
        if context.headline:
            # A headline or teaser restates; it does not open the body's statement.
            out.append(claim)
            continue
        if claim.metadata.get("period_how") is not None:
            statement = Statement(claim.source, claim.period_start, claim.period_end, context.paragraph_index)
            out.append(claim)
            continue
        continues = (
            statement is not None
            and _same_source(claim.source, statement.source)
            and context.paragraph_index - statement.paragraph_index <= max_gap
            and not context.increment
            and not context.mentions_time
            and claim.rate is None
            and not _adds_to_a_count(claim, context)
        )
        if statement is not None and continues:
            statement.paragraph_index = context.paragraph_index
            if statement.period_start is not None or statement.period_end is not None:
                out.append(
                    dataclasses.replace(
                        claim,
                        period_start=statement.period_start,
                        period_end=statement.period_end,
                        metadata={**claim.metadata, "period_how": "context"},
                    )
                )
                continue
        elif not context.mentions_time:
            # A new speaker, or a claim out of reach, with no time expression:
            # a statement of its own, with no period to carry. (A claim whose
            # time cannot be resolved is a breakdown of the statement, not a new one.)
            statement = Statement(claim.source, None, None, context.paragraph_index)
        out.append(claim)
    return out


def _adds_to_a_count(claim: Claim, context: ClaimContext) -> bool:
    """ "another 620", "eight more": a new count on top of the statement's, not part of it."""
    offset = claim.start - context.sentence_start
    before = claim.sentence[max(0, offset - 12) : offset].lower().split()
    after = claim.sentence[offset + len(claim.surface) : offset + len(claim.surface) + 30].lower().split()
    return (bool(before) and before[-1] in ADDING_WORDS) or "more" in after[:2]


# Words before a number that add it to a count given before ("another 40").
ADDING_WORDS = frozenset({"another", "additional", "further"})


def _restated_by(claim: Claim, context: ClaimContext, body: Sequence[tuple[Claim, ClaimContext]]) -> Claim | None:
    """The attributed body claim that ``claim`` restates, if any."""
    if not context.headline and claim.value < MIN_RESTATED_VALUE:
        return None
    for other, other_context in body:
        if other is claim or other_context.headline or other.source is None:
            continue
        same_side = claim.side is None or other.side is None or claim.side == other.side
        # "more than 100,000" and "some 100,000" are two figures, not one restated.
        same_hedge = claim.approx == other.approx or "exact" in (claim.approx, other.approx)
        if (other.low, other.high) == (claim.low, claim.high) and other.category == claim.category and same_side and same_hedge:
            return other
    return None


def restated_figures(claims: Sequence[Claim], contexts: Sequence[ClaimContext]) -> list[Claim]:
    """A headline, key point or caption that restates an attributed body figure
    takes that figure's source, period and side where it has none of its own."""
    pairs = list(zip(claims, contexts, strict=True))
    out: list[Claim] = []
    for claim, context in pairs:
        # A headline keeps the source attribution found for it (its trailer, or
        # the body figure it restates) and still lacks the body's period.
        needs_period = context.headline and context.period_how is None and claim.period_start is None
        if claim.source is not None and not needs_period:
            out.append(claim)
            continue
        body = _restated_by(claim, context, pairs)
        if body is None:
            out.append(claim)
            continue
        metadata = dict(claim.metadata)
        changes: dict[str, object] = {}
        if claim.source is None:
            changes["source"] = body.source
            metadata["source_how"] = "restated"
        if context.period_how is None and (body.period_start or body.period_end):
            changes["period_start"], changes["period_end"] = body.period_start, body.period_end
            metadata["period_how"] = "restated"
        if claim.side is None and body.side is not None:
            changes["side"] = body.side
            metadata["side_how"] = "restated"
        out.append(dataclasses.replace(claim, **changes, metadata=metadata))  # type: ignore[arg-type]
    return out


def tally_periods(claims: Sequence[Claim], contexts: Sequence[ClaimContext]) -> list[Claim]:
    """A loss tally's lines with no period of their own (or of their header's)
    are the running count of the war to the report day, and their increments
    "(+6)" cover the report day (the Conventions' daily tally)."""
    out: list[Claim] = []
    for claim, context in zip(claims, contexts, strict=True):
        start, end = _tally_period(context) if context.tally and context.period_how is None else (None, None)
        if start is None:
            out.append(claim)
            continue
        out.append(dataclasses.replace(claim, period_start=start, period_end=end, metadata={**claim.metadata, "period_how": "tally"}))
    return out


def _tally_period(context: ClaimContext) -> tuple[str | None, str | None]:
    if context.increment:
        return context.as_of, context.as_of
    if context.war_start is None:
        return None, None
    return context.war_start, context.as_of


def apply_document_context(claims: Sequence[Claim], contexts: Sequence[ClaimContext], settings: ContextSettings) -> list[Claim]:
    """Tally lines first, then the periods statements carry, then restatements
    (a headline takes its body figure's period, carried or not)."""
    out = tally_periods(claims, contexts)
    if settings.carry_periods:
        out = carry_periods(out, contexts, settings.max_paragraph_gap)
    if settings.restated_figures:
        out = restated_figures(out, contexts)
    return out
