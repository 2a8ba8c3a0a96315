"""Score the clean stage on the Scrapinghub article-extraction benchmark.

Runs ``clean_document`` over the 181 HTML pages of
``../shared/benchmarks/article-extraction`` (gzip HTML + ``ground-truth.json``)
and scores the extracted body against ``articleBody`` with the benchmark's
documented metric: per page, the multisets of 4-token shingles (tokens are
``\\w+`` matches) give tp/fp/fn normalised to sum 1; precision is the mean
over pages with tp+fp > 0, recall the mean over pages with tp+fn > 0, and F1
the harmonic mean of the two means. Our figures are printed beside the
published trafilatura 2.0.0 result, with the throughput in pages/second.

Usage (from the repository root):
    .venv/bin/python benchmarks/article_extraction.py [--data DIR] [--limit N]
        [--set key=value ...]        # override [clean] settings, e.g. favor_precision=false

Exit status: 0 on success or when the data is absent (skipped with a message).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsclaims.config import load_config  # noqa: E402
from newsclaims.records import Document  # noqa: E402
from newsclaims.settings import CleanSettings  # noqa: E402
from newsclaims.stages.clean import CleanError, clean_document  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"
# Published in the benchmark README (latest run), for comparison.
PUBLISHED = {"trafilatura 2.0.0": {"precision": 0.938, "recall": 0.978, "f1": 0.958}}
SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page, normalised so that tp + fp + fn = 1."""

    tp: float
    fp: float
    fn: float


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a text shorter than that is one shingle."""
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i: i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def score_page(truth: str, prediction: str) -> PageScore:
    """Shingle overlap of one page; each page weighs the same in the means."""
    expected, got = shingles(truth), shingles(prediction)
    tp = float(sum((expected & got).values()))
    fp = float(sum((got - expected).values()))
    fn = float(sum((expected - got).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn)


def _precision(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0


def _recall(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn) if s.tp + s.fn else 0.0


def aggregate(scores: list[PageScore]) -> dict[str, float]:
    """Benchmark means: P over pages with output, R over pages with truth, F1 of the two."""
    precisions = [_precision(s) for s in scores if s.tp + s.fp > 0]
    recalls = [_recall(s) for s in scores if s.tp + s.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _settings(overrides: list[str]) -> CleanSettings:
    section: dict[str, Any] = {}
    for item in overrides:
        key, _, raw = item.partition("=")
        section[key.strip()] = tomllib.loads(f"v = {raw.strip()}")["v"]
    # Language detection is not part of the extraction score; leave it on to
    # time the stage as the pipeline runs it.
    return load_config(overrides={"clean": section}).clean


def run(data: Path, settings: CleanSettings, limit: int | None = None) -> dict[str, Any]:
    """Extract every page, score it, and time the extraction (scoring excluded)."""
    truth: dict[str, dict[str, str]] = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    scores: list[PageScore] = []
    failures: Counter[str] = Counter()
    elapsed = 0.0
    for page_id in ids:
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
            html = handle.read()
        doc = Document(id=page_id, html=html, url=truth[page_id].get("url"))
        start = time.perf_counter()
        try:
            text = clean_document(doc, settings).text
        except CleanError:
            text = ""
            failures["clean_error"] += 1
        elapsed += time.perf_counter() - start
        scores.append(score_page(truth[page_id].get("articleBody", ""), text))
    result = aggregate(scores)
    result.update(pages=len(ids), seconds=elapsed, pages_per_second=len(ids) / elapsed if elapsed else 0.0)
    result["failures"] = dict(failures)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (sorted ids)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a [clean] setting (TOML value), repeatable")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file() or not (args.data / "html").is_dir():
        print(f"SKIPPED: article-extraction benchmark data not found in {args.data} "
              "(expected ground-truth.json and html/)")
        return 0
    settings = _settings(args.overrides)
    result = run(args.data, settings, args.limit)
    print(f"settings: {settings}")
    print(f"{'system':<28} {'precision':>9} {'recall':>7} {'F1':>6}")
    print(f"{'newsclaims clean (ours)':<28} {result['precision']:>9.3f} {result['recall']:>7.3f} {result['f1']:>6.3f}")
    for name, figures in PUBLISHED.items():
        print(f"{name + ' (published)':<28} {figures['precision']:>9.3f} {figures['recall']:>7.3f} {figures['f1']:>6.3f}")
    print(f"pages: {result['pages']}  time: {result['seconds']:.1f} s  "
          f"throughput: {result['pages_per_second']:.1f} pages/s  failures: {result['failures'] or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
