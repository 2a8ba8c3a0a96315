"""Normalisation: ``approx``, ``rate`` and the period a claim covers.

- ``approx``: the contract's approx from the number reader's qualifier;
- ``rate``: averages and rates ("1,200 a day");
- ``period``: the span a count covers, resolved against the publication date.
"""

from newsclaims.stages.normalise.approx import approx_of
from newsclaims.stages.normalise.period import MONTHS, WEEKDAYS, claim_period, mentions_time, resolve_period
from newsclaims.stages.normalise.rate import find_rate

__all__ = ["MONTHS", "WEEKDAYS", "approx_of", "claim_period", "find_rate", "mentions_time", "resolve_period"]
