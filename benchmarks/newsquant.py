"""Score our number reader (and quantulum3) on the NewsQuant benchmark.

NewsQuant (Almasian et al., "CQE: A Comprehensive Quantity Extractor", EMNLP
2023) is 590 English news sentences with 904 gold quantities. The data lives
outside this repository (``../shared/benchmarks/newsquant``; its
redistribution rights are unclear, so it is never copied here). When it is
absent this script says so and exits 0.

Scoring, as described in the dataset's README and implemented here:

* a predicted quantity matches a gold one when their values are equal under
  ``np.isclose`` (rtol 1e-5, atol 1e-8); a gold range ``"lo-hi"`` matches
  only a predicted (low, high) pair, both ends close;
* value+change also needs the change symbol to agree; our qualifiers map to
  NewsQuant's symbols: exact '=', about '~', at_least '>', at_most '<',
  up 'up', down 'down';
* quantulum3 returns no ranges, so (as the original evaluation does for it)
  gold ranges are compared to its values as the mean of the range;
* precision = matches / predictions, recall = matches / gold.

One difference from the authors' script: matching here is one-to-one (a
prediction can match one gold quantity only), which can only lower our
figures, never inflate them.

NewsQuant annotates amounts but not years, dates, times of day, ordinals,
identifiers ("Game 6", "S&P 500") or sports scores, nor "several"/"a few".
The headline row keeps our quantities of the kinds NewsQuant annotates; the
"all kinds" row keeps everything ``find_quantities`` returns.

Usage: ``.venv/bin/python benchmarks/newsquant.py [--errors N] [--no-quantulum]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsclaims.records import Quantity  # noqa: E402
from newsclaims.stages.numbers import find_quantities  # noqa: E402

DATA_DIR = ROOT / ".." / "shared" / "benchmarks" / "newsquant"
TEST_SET = DATA_DIR / "formatted_test_set" / "NewsQuant.json"
PUBLISHED = DATA_DIR / "evaluation_output" / "NewsQuant.csv"

CHANGE_SYMBOL = {"exact": "=", "about": "~", "at_least": ">", "at_most": "<", "up": "up", "down": "down"}
# Kinds NewsQuant does not annotate as quantities.
OUT_OF_SCOPE_KINDS = frozenset({"year", "date", "time", "ordinal", "identifier", "score"})
# Vague quantifiers NewsQuant leaves unannotated (it annotates "dozens",
# "hundreds", "tens of thousands", ... but not these).
OUT_OF_SCOPE_VAGUE = ("several", "a few", "a couple", "a handful", "a number")

Value = float | tuple[float, float]


@dataclass(slots=True)
class Item:
    """One quantity, gold or predicted, reduced to what is scored."""

    value: Value
    change: str | None
    label: str


@dataclass(slots=True)
class Score:
    """Additive match counts; P/R/F1 computed at the end."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def decode_gold_value(raw: str, average_ranges: bool) -> Value:
    """Gold values are strings; "lo-hi" (not scientific, not negative) is a range."""
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        lo_s, hi_s = raw.split("-", 1)
        lo, hi = float(lo_s), float(hi_s)
        return (lo + hi) / 2 if average_ranges else (lo, hi)
    return float(raw)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return bool(np.isclose(gold[0], pred[0], rtol=1e-5, atol=1e-8)
                    and np.isclose(gold[1], pred[1], rtol=1e-5, atol=1e-8))
    return bool(np.isclose(gold, pred, rtol=1e-5, atol=1e-8))


def match(gold: list[Item], pred: list[Item], with_change: bool) -> tuple[int, list[Item], list[Item]]:
    """Greedy one-to-one matching in gold order. Returns (matches, misses, false positives)."""
    used = [False] * len(pred)
    misses: list[Item] = []
    hits = 0
    for g in gold:
        for j, p in enumerate(pred):
            if used[j] or not values_match(g.value, p.value):
                continue
            if with_change and g.change != p.change:
                continue
            used[j] = True
            hits += 1
            break
        else:
            misses.append(g)
    return hits, misses, [p for j, p in enumerate(pred) if not used[j]]


def in_newsquant_scope(q: Quantity) -> bool:
    if q.kind in OUT_OF_SCOPE_KINDS:
        return False
    return not (q.vague and q.surface.lower().startswith(OUT_OF_SCOPE_VAGUE))


def ours(text: str, scoped: bool) -> list[Item]:
    items = []
    for q in find_quantities(text):
        if scoped and not in_newsquant_scope(q):
            continue
        value: Value = (q.low, q.high) if q.is_range else q.value
        label = f"{q.surface!r} {q.kind} {q.qualifier}"
        items.append(Item(value=value, change=CHANGE_SYMBOL[q.qualifier], label=label))
    return items


def quantulum_tagger() -> Callable[[str], list[Item]]:
    """quantulum3 as the published evaluation ran it: every parse, value only."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser  # type: ignore[import-untyped]

    def tag(text: str) -> list[Item]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [Item(value=float(q.value), change=None, label=f"{q.surface!r} {q.unit.name}")
                    for q in parser.parse(text)]

    return tag


def evaluate(data: list[dict[str, Any]], tagger: Callable[[str], list[Item]], average_ranges: bool,
             errors: int = 0) -> tuple[Score, Score, float]:
    value, change = Score(), Score()
    shown_miss = shown_fp = 0
    t0 = time.process_time()     # CPU time: the machine is shared, wall time is noisy
    predictions = [tagger(row["text"]) for row in data]
    elapsed = time.process_time() - t0
    for row, pred in zip(data, predictions, strict=True):
        gold = [Item(value=decode_gold_value(g["value"], average_ranges), change=g["change"],
                     label=f"{g['value']} {g['change']} {g['unit']}") for g in row["quantities"]]
        hits, misses, fps = match(gold, pred, with_change=False)
        hits_c, _, _ = match(gold, pred, with_change=True)
        for score, h in ((value, hits), (change, hits_c)):
            score.matched += h
            score.gold += len(gold)
            score.predicted += len(pred)
        if errors and (misses or fps) and (shown_miss < errors or shown_fp < errors):
            lines = []
            for g in misses:
                if shown_miss < errors:
                    lines.append(f"   MISS {g.label}")
                    shown_miss += 1
            for p in fps:
                if shown_fp < errors:
                    lines.append(f"   FP   {p.label} = {p.value}")
                    shown_fp += 1
            if lines:
                print(row["text"])
                print("\n".join(lines))
    return value, change, elapsed


def published_scores() -> dict[tuple[str, str], tuple[float, float, float]]:
    """(model, match type) -> (P, R, F1) in percent, from the authors' CSV."""
    out: dict[tuple[str, str], tuple[float, float, float]] = {}
    if not PUBLISHED.is_file():
        return out
    with PUBLISHED.open(encoding="utf8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            out[(row["model"], row["type"])] = (float(row["P"]), float(row["R"]), float(row["F1"]))
    return out


def fmt(prf: tuple[float, float, float]) -> str:
    return "  ".join(f"{x * 100:5.1f}" for x in prf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print up to N misses and N false positives of our reader (NewsQuant scope)")
    parser.add_argument("--no-quantulum", action="store_true", help="skip the quantulum3 run (slow to load)")
    args = parser.parse_args(argv)
    if not TEST_SET.is_file():
        print(f"NewsQuant not found at {TEST_SET.resolve()}; nothing to score (see benchmarks/README.md).")
        return 0
    data = json.loads(TEST_SET.read_text(encoding="utf8"))
    n_gold = sum(len(r["quantities"]) for r in data)
    n_chars = sum(len(r["text"]) for r in data)
    print(f"NewsQuant: {len(data)} sentences, {n_gold} gold quantities, {n_chars} characters")

    rows: list[tuple[str, Score, Score | None, float]] = []
    v, c, secs = evaluate(data, lambda t: ours(t, scoped=True), average_ranges=False, errors=args.errors)
    rows.append(("newsclaims find_quantities (NewsQuant scope)", v, c, secs))
    v, c, secs = evaluate(data, lambda t: ours(t, scoped=False), average_ranges=False)
    rows.append(("newsclaims find_quantities (all kinds)", v, c, secs))
    if not args.no_quantulum:
        t0 = time.perf_counter()
        tag = quantulum_tagger()
        tag("warm up 5 km.")
        load = time.perf_counter() - t0
        v, _, secs = evaluate(data, tag, average_ranges=True)
        rows.append((f"quantulum3 (this machine; load {load:.1f} s)", v, None, secs))

    print()
    print(f"{'system':52s} {'value P / R / F1':>19s}   {'value+change P / R / F1':>23s}  {'KB/s CPU':>8s}")
    for name, v, c, secs in rows:
        change = fmt(c.prf()) if c is not None else "    –      –      –"
        speed = n_chars / secs / 1000 if secs else float("inf")
        print(f"{name:52s} {fmt(v.prf())}   {change}      {speed:7.0f}")
    published = published_scores()
    if published:
        print("\npublished (evaluation_output/NewsQuant.csv):")
        names = {"CQE-Numparser": "CQE", "quantulum3": "quantulum3", "text-recognizer": "Recognizers-Text",
                 "GPT3": "GPT-3", "ccg_nlp": "Illinois Quantifier"}
        for model, label in names.items():
            val = published.get((model, "value"))
            chg = published.get((model, "value+change"))
            if val is None:
                continue
            vs = "  ".join(f"{x:5.1f}" for x in val)
            cs = "  ".join(f"{x:5.1f}" for x in chg) if chg else "    –      –      –"
            print(f"{label:52s} {vs}   {cs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
