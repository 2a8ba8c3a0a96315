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
    from newsclaims.config import load_config, settings_from_mapping
    from newsclaims.io.readers import iter_documents
    from newsclaims.extractor import RunSettings

    config = load_config(args.config, overrides=_run_overrides(args))
    run_settings = settings_from_mapping(RunSettings, "run", config.section("run"))
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.partition_size < 1:
        raise UsageError(f"--partition-size must be at least 1, got {args.partition_size}")
    if run_settings.workers < 0:
        raise UsageError(f"--workers must be 0 (all cores) or more, got {run_settings.workers}")
    show_progress = args.progress if args.progress is not None else sys.stderr.isatty()
    records = iter_documents(args.inputs, max_bytes=run_settings.max_document_bytes)
    started = time.perf_counter()
    if args.output == "-" or args.errors == "-":
        if args.resume or args.engine == "dask":
            raise UsageError("--resume and --engine dask write parts beside the output files: give -o FILE and --errors FILE")
        counts, processed, skipped = _extract_streaming(args, config, run_settings.workers, records, show_progress)
    else:
        counts, processed, skipped = _extract_in_parts(args, config, run_settings.workers, records, show_progress)
    if counts is None:
        return EXIT_DOCUMENT_ERRORS  # --fail-fast stopped the run
    elapsed = max(time.perf_counter() - started, 1e-9)
    if skipped:
        print(f"newsclaims: --resume: {skipped} documents already done were skipped", file=sys.stderr)
    print(
        f"newsclaims: {counts.documents} documents ({counts.with_claims} with claims, "
        f"{counts.no_claims} no claims, {counts.errors} errors), {counts.claims} claims, "
        f"{processed / elapsed:.1f} documents/s",
        file=sys.stderr,
    )
    return EXIT_DOCUMENT_ERRORS if counts.errors else EXIT_OK


def _extract_streaming(args: argparse.Namespace, config: Any, workers: int, records: Any, show_progress: bool) -> tuple[Any, int, int]:
    """Write claims and errors as results arrive (an output is stdout): no parts, no resume."""
    from newsclaims.runners.parts import Counts, result_lines
    from newsclaims.runners.local import ParallelExtractor

    counts = Counts()
    with atomic_output(args.output, args.force) as claims_out, atomic_output(args.errors, args.force) as errors_out, ParallelExtractor(
        config, workers
    ) as runner:
        bar = _progress(None, show_progress)
        for result in runner.extract_many(records):
            if result.error is not None and args.fail_fast:
                bar.close()
                raise SystemExit(_fail_fast(result.error.doc_id, result.error.stage, result.error.error))
            claims, errors = result_lines(result)
            claims_out.writelines(claims)
            errors_out.writelines(errors)
            counts.add(len(claims), len(errors))
            bar.update(1)
        bar.close()
    return counts, counts.documents, 0


def _extract_in_parts(args: argparse.Namespace, config: Any, workers: int, records: Any, show_progress: bool) -> tuple[Any, int, int]:
    """Commit results in parts beside the output (resumable), then merge them into the outputs."""
    from newsclaims.runners.parts import PartStore, ResumeError, state_folder

    claims_path, errors_path = Path(args.output), Path(args.errors)
    leftover = args.resume and state_folder(claims_path).exists()
    for target in (claims_path, errors_path):
        if target.exists() and not args.force and not leftover:
            raise UsageError(f"{target} exists; pass --force to overwrite")
    try:
        store = PartStore.open(claims_path, _fingerprint(config), resume=args.resume, force=args.force)
    except ResumeError as exc:
        raise UsageError(str(exc)) from exc
    tagged = store.pending(records)
    bar = _progress(None, show_progress)
    processed = 0
    if args.engine == "dask":
        from newsclaims.runners.dask import DaskSettings, run_dask

        if args.fail_fast:
            raise UsageError("--fail-fast is not supported with --engine dask (partitions run concurrently)")

        def on_part(rows: list[Any]) -> None:
            nonlocal processed
            processed += len(rows)
            bar.update(len(rows))

        settings = DaskSettings(scheduler=args.scheduler, n_workers=workers or None, partition_size=args.partition_size)
        try:
            run_dask(tagged, config, store.writer(), store.fingerprint, settings, on_part=on_part)
        except ImportError as exc:
            raise UsageError(str(exc)) from exc
    else:
        from newsclaims.runners.local import ParallelExtractor

        writer = store.writer()
        part: list[Any] = []
        with ParallelExtractor(config, workers) as runner:
            for tag, result in runner.run(tagged):
                if part and tag.index != part[-1][0].index + 1:
                    writer.write(part)  # a gap (documents done before): parts never straddle one
                    part = []
                if result.error is not None and args.fail_fast:
                    writer.write(part)  # the documents before the failure stay done for --resume
                    bar.close()
                    raise SystemExit(_fail_fast(result.error.doc_id, result.error.stage, result.error.error))
                part.append((tag, result))
                processed += 1
                bar.update(1)
                if len(part) >= args.partition_size:
                    writer.write(part)
                    part = []
            writer.write(part)
    bar.close()
    counts = store.merge(claims_path, errors_path)
    return counts, processed, store.skipped


# Settings that change how fast the output comes, never the output (each is
# checked by a test that compares claims with it on and off), so a run may be
# resumed with other values.
SPEED_ONLY_KEYS = {"run": ("workers", "batch_size"), "parse": ("numpy_blas", "lemma_cache_size")}


def _fingerprint(config: Any) -> str:
    """What a resumed run must share with the run that left the parts: the configuration
    (minus the keys that only change speed) and the classifier's model files."""
    from newsclaims.runners.parts import config_fingerprint
    from newsclaims.resources import packaged_path
    from newsclaims.runners.local import plain_config

    sections = plain_config(config)
    for section, speed_only in SPEED_ONLY_KEYS.items():
        kept = sections.get(section, {})
        sections[section] = {key: value for key, value in kept.items() if key not in speed_only}
    model_dir = packaged_path(str(config.section("classifier").get("model_path", "")))

    def model_files() -> str:
        if not model_dir.is_dir():
            return ""
        return "".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns};" for p in sorted(model_dir.iterdir()) if p.is_file())

    return config_fingerprint(sections, model_files)


def cmd_eval(args: argparse.Namespace) -> int:
    from newsclaims.config import load_config
    from newsclaims.evaluation.corpus import evaluate_corpus
    from newsclaims.evaluation.scores import EvaluationInputError, format_report

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
    from newsclaims.config import ConfigError
    from newsclaims.stages.classify.model import ModelError

    try:
        return int(args.handler(args))
    except (UsageError, ConfigError, ModelError) as exc:
        # A bad model is a setup problem like a bad config: a message and exit 2, no traceback.
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
