"""Re-measure the accuracy floors of tests/baselines/floors.json.

usage: python tests/baselines/update_floors.py [--allow-lower] [--dry-run] [--suite NAME ...]

Runs the extractor (default configuration) on each suite, scores it, prints
old -> new for every figure and floor, and writes the new figures, floors
(measured minus the margin, rounded to two decimals) and gold hashes. It
refuses to write when a floor would go down, unless given --allow-lower, and
always when a figure is under its suite's required bar. realdev is skipped
(its entry kept) when ../shared/realdev is absent. See tests/floors.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for floors.py

import floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-lower", action="store_true", help="write even if a floor goes down")
    parser.add_argument("--dry-run", action="store_true", help="measure and print, write nothing")
    parser.add_argument("--suite", action="append", choices=sorted(floors.SUITE_FIELDS),
                        help="only this suite (repeatable; default: all)")
    args = parser.parse_args(argv)
    suites = args.suite or list(floors.SUITE_FIELDS)
    if "realdev" in suites and not floors.realdev_available():
        print(f"realdev: {floors.REALDEV} is absent, its floors are kept as they are")
        suites.remove("realdev")

    from newsclaims.config import load_config
    from newsclaims.extractor import Extractor

    baseline = floors.load_baseline()
    with tempfile.TemporaryDirectory() as workdir:
        measured = floors.measure(Extractor(load_config()), Path(workdir), suites)
    if not floors.update(baseline, measured, allow_lower=args.allow_lower):
        return 1
    if args.dry_run:
        print("--dry-run: nothing written")
        return 0
    floors.write_baseline(baseline)
    print(f"wrote {floors.BASELINE.relative_to(floors.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
