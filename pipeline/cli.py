"""The ``newsclaims`` command line: a thin layer over the library.

Exit codes live here only: 0 all documents processed, 1 some documents
failed (their error records are in the errors file), 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

EXIT_OK, EXIT_DOCUMENT_ERRORS, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("newsclaims")


class UsageError(Exception):
    """Bad arguments or paths: exit code 2."""


@contextmanager
def atomic_output(path: str, force: bool) -> Iterator[IO[str]]:
    """Write to a temp file beside ``path`` and rename it into place on success.

    A run killed halfway leaves no half-written file under the final name.
    ``-`` writes to stdout.
    """
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{target} exists; pass --force to overwrite")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _progress(total: int | None, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not enabled, file=sys.stderr, dynamic_ncols=True)


def cmd_extract(args: argparse.Namespace) -> int:
    from .config import load_config
    from .readers import iter_documents
    from .run import Extractor

    config = load_config(args.config, overrides=_run_overrides(args))
    extractor = Extractor(config)
    counts = {"documents": 0, "claims": 0, "no_claims": 0, "errors": 0, "claim_records": 0}
    started = time.perf_counter()
    show_progress = args.progress if args.progress is not None else sys.stderr.isatty()
    max_bytes = extractor.run_settings.max_document_bytes
    with atomic_output(args.output, args.force) as claims_out, atomic_output(args.errors, args.force) as errors_out:
        bar = _progress(None, show_progress)
        for result in extractor.extract_many(iter_documents(args.inputs, max_bytes=max_bytes)):
            counts["documents"] += 1
            if result.error is not None:
                counts["errors"] += 1
                errors_out.write(json.dumps(result.error.to_dict(), ensure_ascii=False) + "\n")
                if args.fail_fast:
                    raise SystemExit(_fail_fast(result.error.doc_id, result.error.stage, result.error.error))
            elif result.claims:
                counts["claims"] += 1
                for claim in result.claims:
                    claims_out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
                counts["claim_records"] += len(result.claims)
            else:
                counts["no_claims"] += 1
            bar.update(1)
        bar.close()
    elapsed = max(time.perf_counter() - started, 1e-9)
    print(
        f"newsclaims: {counts['documents']} documents ({counts['claims']} with claims, "
        f"{counts['no_claims']} no claims, {counts['errors']} errors), {counts['claim_records']} claims, "
        f"{counts['documents'] / elapsed:.1f} documents/s",
        file=sys.stderr,
    )
    return EXIT_DOCUMENT_ERRORS if counts["errors"] else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .config import load_config
    from .eval_corpus import evaluate_corpus
    from .evaluate import EvaluationInputError, format_report

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
    from .config import load_config
    from .train import train_category_model

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


def _fail_fast(doc_id: str, stage: str, error: str) -> int:
    print(f"newsclaims: --fail-fast: document {doc_id!r} failed at {stage}: {error}", file=sys.stderr)
    return EXIT_DOCUMENT_ERRORS


def _run_overrides(args: argparse.Namespace) -> dict[str, Any]:
    run: dict[str, Any] = {}
    if getattr(args, "batch_size", None):
        run["batch_size"] = args.batch_size
    if getattr(args, "workers", None) is not None:
        run["workers"] = args.workers
    return {"run": run} if run else {}


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
    running.add_argument("--workers", type=int, help="worker processes (0 = all cores)")
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
    from .config import ConfigError

    try:
        return int(args.handler(args))
    except (UsageError, ConfigError) as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
