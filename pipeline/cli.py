"""The ``newsclaims`` command line: a thin layer over the library.

Exit codes live here only: 0 all documents processed, 1 some documents
failed (their error records are in the errors file), 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from newsclaims.errors import EXIT_FAILED_DOCUMENTS, EXIT_OK, EXIT_USAGE, BatchError, ConfigError, ModelError, UsageError

log = logging.getLogger("newsclaims")


def cmd_extract(args: argparse.Namespace) -> int:
    from newsclaims.runners.batch import FailFast, run_batch

    try:
        summary = run_batch(
            args.inputs,
            output=args.output,
            errors=args.errors,
            config=args.config,
            workers=args.workers,
            batch_size=args.batch_size or None,
            engine=args.engine,
            resume=args.resume,
            force=args.force,
            partition_size=args.partition_size,
            fail_fast=args.fail_fast,
            progress=args.progress,
            scheduler=args.scheduler,
        )
    except BatchError as exc:
        raise UsageError(str(exc)) from exc
    except FailFast as exc:
        print(f"newsclaims: --fail-fast: {exc}", file=sys.stderr)
        return EXIT_FAILED_DOCUMENTS
    if summary.skipped:
        print(f"newsclaims: --resume: {summary.skipped} documents already done were skipped", file=sys.stderr)
    print(
        f"newsclaims: {summary.documents} documents ({summary.with_claims} with claims, "
        f"{summary.no_claims} no claims, {summary.errors} errors), {summary.claims} claims, "
        f"{summary.documents_per_second:.1f} documents/s",
        file=sys.stderr,
    )
    return EXIT_FAILED_DOCUMENTS if summary.errors else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from newsclaims.config import load_config
    from newsclaims.evaluation.corpus import evaluate_corpus
    from newsclaims.evaluation.gold import EvaluationInputError
    from newsclaims.evaluation.report import format_report

    config = load_config(args.config)
    try:
        evaluation = evaluate_corpus(
            Path(args.corpus),
            config,
            gold_path=Path(args.gold) if args.gold else None,
            claims_path=Path(args.claims) if args.claims else None,
            with_baseline=args.baseline,
        )
    except (FileNotFoundError, EvaluationInputError) as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        print(json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(evaluation.pipeline, f"newsclaims on {args.corpus}", max_items=args.max_items))
        if evaluation.baseline is not None:
            print()
            print(format_report(evaluation.baseline, f"keyword baseline (quantulum3 + loss keywords) on {args.corpus}", max_items=0))
        for error in evaluation.errors:
            print(f"error: {error.doc_id} at {error.stage}: {error.error}")
    return EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from newsclaims.config import load_config
    from newsclaims.train import train_category_model

    config = load_config(args.config)
    try:
        metrics = train_category_model(config)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    dev, rules = metrics["dev"], metrics["dev_rules_baseline"]
    print(
        f"trained on {metrics['train_examples']} candidates; dev ({metrics['dev_examples']} candidates): "
        f"accuracy {dev['accuracy']:.3f}, claim-detection F1 {dev['claim_detection']['f1']:.3f} "
        f"(keyword rules: accuracy {rules['accuracy']:.3f}, F1 {rules['claim_detection']['f1']:.3f})"
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclaims",
        description=(
            "Extract numeric loss claims (killed, wounded, captured, missing, total casualties, "
            "equipment losses) with their sources from news articles, one JSON line per claim."
        ),
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser(
        "extract",
        help="extract claims from a folder of .txt/.html files or JSONL records",
        description=(
            "Read every .txt/.html/.htm file below each folder (or JSONL records with id and text or html; "
            "'-' reads JSONL from stdin) and write one JSON line per loss claim. Documents that cannot be "
            "processed get one line each in the errors file; the batch always finishes."
        ),
    )
    inputs = extract.add_argument_group("input")
    inputs.add_argument("inputs", nargs="+", metavar="PATH", help="folder, .txt/.html file, .jsonl file, or -")
    outputs = extract.add_argument_group("output")
    outputs.add_argument("-o", "--output", default="-", help="claims JSONL file ('-' = stdout, the default)")
    outputs.add_argument("--errors", default="errors.jsonl", help="error records JSONL file (default errors.jsonl)")
    outputs.add_argument("--force", action="store_true", help="overwrite existing output files")
    running = extract.add_argument_group("running")
    running.add_argument("--config", help="TOML file read on top of configs/default.toml")
    running.add_argument("--batch-size", type=int, help="paragraph batch size for spaCy")
    running.add_argument("--workers", type=int, help="worker processes, or Dask LocalCluster workers (0 = all cores; default: [run] workers)")
    running.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or dask.distributed")
    running.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster on this machine)")
    running.add_argument(
        "--partition-size", type=int, default=200, metavar="N",
        help="documents per committed part and per Dask partition (default 200)",
    )
    running.add_argument(
        "--resume", action="store_true",
        help="continue a killed run: skip documents already done (by id and content hash) and merge",
    )
    running.add_argument("--fail-fast", action="store_true", help="stop at the first document that fails")
    running.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr (default: when a terminal)"
    )
    extract.set_defaults(handler=cmd_extract)

    evaluate = sub.add_parser(
        "eval",
        help="score claims against gold labels",
        description=(
            "Run the pipeline on a labeled corpus (a folder with gold.jsonl, or a labeled JSONL file) and print "
            "detection precision/recall/F1, per-field accuracy, the category confusion matrix, misses and false "
            "positives, beside the keyword baseline."
        ),
    )
    evaluate.add_argument("corpus", help="folder with documents and gold.jsonl, or a labeled .jsonl file")
    evaluate.add_argument("--gold", help="gold file (default: CORPUS/gold.jsonl, or CORPUS itself for .jsonl)")
    evaluate.add_argument("--claims", help="score this claims JSONL file instead of running the pipeline")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True, help="also score the keyword baseline")
    evaluate.add_argument("--max-items", type=int, default=30, help="misses/false positives listed (default 30)")
    evaluate.add_argument("--config", help="TOML file read on top of configs/default.toml")
    evaluate.set_defaults(handler=cmd_eval)

    train = sub.add_parser("train", help="train the category classifier on corpus/labeled (see [train] in the config)")
    train.add_argument("--config", help="TOML file read on top of configs/default.toml")
    train.set_defaults(handler=cmd_train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2), format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args))
    except (UsageError, ConfigError, ModelError) as exc:
        # A bad model is a setup problem like a bad config: a message and exit 2, no traceback.
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
