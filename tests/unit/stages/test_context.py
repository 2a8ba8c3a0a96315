"""The document-context stage: periods carried over statements, tally lines,
restated headline figures. Claims are built by hand (invented figures)."""

from __future__ import annotations

import dataclasses
from typing import Any

from newsclaims.config import default_settings
from newsclaims.records import Claim, ClaimContext
from newsclaims.stages.context import apply_document_context, carry_periods, restated_figures, tally_periods

SETTINGS = default_settings().context


def claim(value: float, *, source: str | None = "the ministry", period: tuple[str | None, str | None] = (None, None),
          category: str = "killed", side: str | None = "Kestria", period_how: str | None = None) -> Claim:
    return Claim(
        doc_id="d", surface=str(int(value)), value=value, low=value, high=value, approx="exact", category=category,
        equipment_type=None, side=side, group=None, source=source, rate=None, period_start=period[0],
        period_end=period[1], sentence="", start=0, end=1, confidence=0.9,
        metadata={"source_how": "sentence" if source else None, "side_how": "sentence", "period_how": period_how},
    )


def context(paragraph: int, **changes: Any) -> ClaimContext:
    values: dict[str, Any] = {"paragraph_index": paragraph, "sentence_start": paragraph * 100, "period_how": None,
                              "mentions_time": False, "headline": False, "increment": False}
    values.update(changes)
    return ClaimContext(**values)


MAY = ("2024-05-01", "2024-05-31")


def test_context_a_continuation_takes_the_statements_period() -> None:
    # "The ministry said 1,200 soldiers were killed in May. It also said 300 were captured."
    claims = [claim(1200, period=MAY, period_how="sentence"), claim(300, category="captured")]
    out = carry_periods(claims, [context(0, period_how="sentence"), context(0)], max_gap=2)
    assert (out[1].period_start, out[1].period_end) == MAY
    assert out[1].metadata["period_how"] == "context"
    assert claims[1].period_start is None  # a new record, the input is left as it was


def test_context_a_new_speaker_stops_the_carry() -> None:
    claims = [claim(1200, period=MAY, period_how="sentence"), claim(40, source="the governor"), claim(12, source="the governor")]
    out = carry_periods(claims, [context(0, period_how="sentence"), context(1), context(1)], max_gap=2)
    assert [(c.period_start, c.period_end) for c in out[1:]] == [(None, None), (None, None)]


def test_context_a_new_time_expression_stops_the_carry_but_not_the_statement() -> None:
    # "... 1,200 in May. Of them, 80 died the next day. The ministry also counted 15 tanks lost."
    claims = [claim(1200, period=MAY, period_how="sentence"), claim(80), claim(15, category="equipment")]
    contexts = [context(0, period_how="sentence"), context(0, mentions_time=True), context(1)]
    out = carry_periods(claims, contexts, max_gap=2)
    assert out[1].period_start is None
    assert (out[2].period_start, out[2].period_end) == MAY


def test_context_the_carry_reaches_only_so_far() -> None:
    claims = [claim(1200, period=MAY, period_how="sentence"), claim(90)]
    out = carry_periods(claims, [context(0, period_how="sentence"), context(5)], max_gap=2)
    assert out[1].period_start is None


def test_context_a_headline_restating_a_body_figure_takes_its_source_period_and_side() -> None:
    claims = [claim(38940, source=None, side=None, category="total"),
              claim(38940, period=MAY, category="total", period_how="sentence", source="Kestria's Defence Ministry")]
    out = restated_figures(claims, [context(0, headline=True), context(1, period_how="sentence")])
    assert (out[0].source, out[0].side, out[0].period_start) == ("Kestria's Defence Ministry", "Kestria", "2024-05-01")
    assert out[0].metadata["source_how"] == "restated"


def test_context_a_restatement_needs_the_same_category_and_side() -> None:
    claims = [claim(5000, source=None, category="total", side="Kestria"),
              claim(5000, category="killed", side="Kestria"), claim(5000, category="total", side="Moravia")]
    out = restated_figures(claims, [context(0, headline=True), context(1), context(2)])
    assert out[0].source is None


def test_context_small_figures_are_restated_only_from_a_headline() -> None:
    claims = [claim(12, source=None), claim(12)]
    assert restated_figures(claims, [context(3), context(4)])[0].source is None
    assert restated_figures(claims, [context(0, headline=True), context(4)])[0].source == "the ministry"


def test_context_tally_lines_run_from_the_war_start_and_increments_cover_the_report_day() -> None:
    claims = [claim(7834, category="equipment"), claim(6, category="equipment")]
    contexts = [context(2, tally=True, war_start="2022-02-24", as_of="2024-06-02"),
                context(2, tally=True, increment=True, war_start="2022-02-24", as_of="2024-06-02")]
    out = tally_periods(claims, contexts)
    assert (out[0].period_start, out[0].period_end) == ("2022-02-24", "2024-06-02")
    assert (out[1].period_start, out[1].period_end) == ("2024-06-02", "2024-06-02")


def test_context_an_undated_tally_is_half_open_and_its_increments_stay_null() -> None:
    claims = [claim(7834, category="equipment"), claim(6, category="equipment")]
    contexts = [context(2, tally=True, war_start="2022-02-24"), context(2, tally=True, increment=True, war_start="2022-02-24")]
    out = tally_periods(claims, contexts)
    assert (out[0].period_start, out[0].period_end) == ("2022-02-24", None)
    assert (out[1].period_start, out[1].period_end) == (None, None)


def test_context_a_tally_header_period_wins() -> None:
    out = tally_periods([claim(7834, period=MAY)], [context(2, tally=True, period_how="header", war_start="2022-02-24")])
    assert (out[0].period_start, out[0].period_end) == MAY


def test_context_settings_switch_each_rule_off() -> None:
    claims = [claim(1200, period=MAY, period_how="sentence"), claim(300)]
    contexts = [context(0, period_how="sentence"), context(0)]
    assert apply_document_context(claims, contexts, SETTINGS)[1].period_start == "2024-05-01"
    off = SETTINGS.replace(carry_periods=False)
    assert apply_document_context(claims, contexts, off)[1].period_start is None


def test_context_an_added_count_or_a_rate_does_not_take_the_statements_period() -> None:
    first = claim(1200, period=MAY, period_how="sentence")
    # "The ministry counted another 40 dead." (its sentence starts at 100, the number at 128)
    another = dataclasses.replace(claim(40), sentence="The ministry counted another 40 dead.", start=128, end=130)
    rate = dataclasses.replace(claim(30), rate="day")
    out = carry_periods([first, another, rate], [context(1, period_how="sentence"), context(1), context(1)], max_gap=2)
    assert [c.period_start for c in out[1:]] == [None, None]


def test_context_an_attributed_headline_still_takes_the_body_figures_period() -> None:
    # "Kestria lost 4,100 troops - Defence Ministry" over a body that dates the figure.
    claims = [claim(4100, source="Defence Ministry", category="total"),
              claim(4100, period=MAY, category="total", period_how="sentence", source="Kestria's Defence Ministry")]
    out = restated_figures(claims, [context(0, headline=True), context(1, period_how="sentence")])
    assert (out[0].source, out[0].period_start, out[0].period_end) == ("Defence Ministry", *MAY)
    assert out[0].metadata["period_how"] == "restated"


def test_context_a_headline_takes_a_period_the_body_figure_carried() -> None:
    # Headline "... 900 tanks"; body: "... 3,000 soldiers in May, the ministry said. It also counted 900 tanks."
    claims = [claim(900, source=None, category="equipment"), claim(3000, period=MAY, period_how="sentence"),
              claim(900, category="equipment")]
    contexts = [context(0, headline=True), context(1, period_how="sentence"), context(1)]
    out = apply_document_context(claims, contexts, SETTINGS)
    assert (out[0].period_start, out[0].period_end) == MAY
