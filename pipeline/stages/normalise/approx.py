"""``approx`` of a claim, from the number reader's qualifier."""

from __future__ import annotations

from newsclaims.records import Quantity


def approx_of(quantity: Quantity) -> str:
    """The contract's approx: increments and decrements are exact counts."""
    return quantity.qualifier if quantity.qualifier in ("exact", "at_least", "at_most", "about") else "exact"
