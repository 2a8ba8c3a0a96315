"""Accuracy floors: one baseline file, the gold it was measured on, and its update.

``tests/baselines/floors.json`` holds, for each suite (``seeds``, ``dev``,
``realdev``), the figures measured, the floors the golden tests assert, and the
SHA-256 of every gold file (and input text) the figures were measured on. A
floor is the measured figure minus the file's ``margin``, rounded to two
decimals, and never under the suite's ``required`` bar (the acceptance bar of
the issue "Gold labels, evaluation and a trained classifier" for the seeds).

When a gold file changes, its recorded hash no longer matches and the golden
test fails, asking for a re-measure: ``python tests/baselines/update_floors.py``.
The update re-measures every suite, prints old -> new for each figure and
refuses to write a lower floor unless given ``--allow-lower`` (trafilatura's
``tests/eval_gate.py`` pattern); it never writes a floor under a ``required``
bar (that bar is the project's contract: change it by hand, with a reason).

Scoring: seeds and dev with the project's evaluator
(``newsclaims.evaluation``); ``../shared/realdev`` with its reference scorer
(``../shared/tools/score_claims.py --json --articles``), run as a subprocess on
the extractor's claims, so the figures are the ones ``realdev-check`` prints.
No realdev text is copied into the project: the input is made by realdev's
own ``to_jsonl.py`` into a temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from newsclaims.records import DocumentResult

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "tests" / "baselines" / "floors.json"
CORPUS = REPO / "corpus"
DEV = CORPUS / "labeled" / "dev.jsonl"
ARTICLES_DEV = CORPUS / "labeled" / "articles_dev.jsonl"
SHARED = REPO.parent / "shared"
REALDEV = SHARED / "realdev"
REFERENCE_SCORER = SHARED / "tools" / "score_claims.py"
UPDATE_COMMAND = "python tests/baselines/update_floors.py"
MAX_BYTES = 10_000_000
# The per-field accuracies of each suite that have a floor (besides detection F1).
SUITE_FIELDS = {
    "seeds": ("category", "source"),
    "dev": ("category", "source", "side", "period"),
    "articles_dev": ("category", "source", "side", "period"),
    "realdev": ("category", "source", "side", "period"),
}
# What the figures of each suite depend on (paths relative to the repository;
# a glob stands for all its files, hashed together in name order).
SUITE_GOLD = {
    "seeds": ("corpus/gold.jsonl", "corpus/*.txt"),
    "dev": ("corpus/labeled/dev.jsonl",),
    "articles_dev": ("corpus/labeled/articles_dev.jsonl",),
    "realdev": ("../shared/realdev/gold.jsonl", "../shared/realdev/articles/*.txt"),
}


class BaselineError(Exception):
    """The baseline does not hold for the gold on disk (its message says what to do)."""


# ----------------------------------------------------------------- the file


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def gold_hash(pattern: str) -> str:
    """SHA-256 of one file, or of every file a glob matches (names and bytes, in name order)."""
    files = sorted((REPO / pattern).parent.glob(Path(pattern).name)) if "*" in pattern else [REPO / pattern]
    if not files or not all(f.is_file() for f in files):
        raise BaselineError(f"gold file {pattern} is missing")
    if "*" not in pattern:
        return hashlib.sha256(files[0].read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.name}\0{hashlib.sha256(file.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def suite_floors(name: str, baseline: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The floors of one suite, after checking that its gold is the gold they were measured on."""
    suite = (baseline or load_baseline())["suites"][name]
    for pattern, recorded in suite["gold"].items():
        current = gold_hash(pattern)
        if current != recorded:
            raise BaselineError(
                f"{pattern} changed since the {name} floors were measured (SHA-256 {current[:12]}..., "
                f"recorded {recorded[:12]}...): re-measure and update the baseline with `{UPDATE_COMMAND}` "
                "(it refuses to lower a floor unless given --allow-lower)"
            )
    return {metric: float(value) for metric, value in suite["floors"].items()}


def below_floors(measured: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """Every figure under its floor, as 'metric measured < floor' (empty when all hold)."""
    missing = [f"{metric} not measured" for metric in floors if metric not in measured]
    low = [f"{m} {measured[m]:.3f} < floor {f:.2f}" for m, f in floors.items() if m in measured and measured[m] < f]
    return missing + low


def floor_of(measured: float, margin: float, required: float | None) -> float:
    """Measured minus margin, rounded to two decimals, never under the required bar."""
    value = float((Decimal(str(measured)) - Decimal(str(margin))).quantize(Decimal("0.01"), ROUND_HALF_EVEN))
    return max(value, required) if required is not None else value


# ------------------------------------------------------------ measurements


def run_pipeline(extractor: Any, inputs: Iterable[Path]) -> list[DocumentResult]:
    from newsclaims.io.readers import iter_documents

    return list(extractor.extract_many(iter_documents(list(inputs), max_bytes=MAX_BYTES)))


def claim_dicts(results: Iterable[DocumentResult]) -> list[dict[str, Any]]:
    return [claim.to_dict() for result in results for claim in result.claims]


def project_metrics(report: Any, fields: Iterable[str]) -> dict[str, float]:
    """Detection F1 and field accuracies of a ``newsclaims.evaluation`` report."""
    data = report.to_dict()
    metrics = {"detection_f1": float(data["detection"]["f1"])}
    for name in fields:
        accuracy = data["fields"][name]["accuracy"]
        if accuracy is None:
            raise BaselineError(f"no matched claim to measure {name} on")
        metrics[name] = float(accuracy)
    return metrics


def seeds_report(claims: list[dict[str, Any]]) -> Any:
    from newsclaims.evaluation.gold import load_gold
    from newsclaims.evaluation.scores import score_claims

    return score_claims(claims, load_gold(CORPUS / "gold.jsonl", text_dir=CORPUS))


def dev_report(claims: list[dict[str, Any]], gold: Path = DEV) -> Any:
    from newsclaims.evaluation.gold import load_gold
    from newsclaims.evaluation.scores import score_claims

    return score_claims(claims, load_gold(gold))


def realdev_available() -> bool:
    """Is ../shared/realdev beside the checkout? (If it is, its gold and the reference scorer must be too.)"""
    return REALDEV.is_dir()


def realdev_input(workdir: Path) -> Path:
    """realdev as extractor input (JSONL), made by realdev's own to_jsonl.py in ``workdir``."""
    records = workdir / "realdev.jsonl"
    with records.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(REALDEV / "to_jsonl.py"), str(REALDEV / "articles")],
                       stdout=out, check=True, timeout=120)
    return records


def reference_scores(claims: list[dict[str, Any]], workdir: Path) -> dict[str, Any]:
    """The reference scorer's JSON for these claims on realdev (every article scored)."""
    predictions = workdir / "claims.jsonl"
    predictions.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(REALDEV / "gold.jsonl"), str(predictions),
         f"--articles={REALDEV / 'articles'}", "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    )
    result: dict[str, Any] = json.loads(scored.stdout)
    return result


def reference_metrics(scores: Mapping[str, Any], fields: Iterable[str]) -> dict[str, float]:
    return {"detection_f1": float(scores["f1"]), **{name: float(scores["fields"][name]) for name in fields}}


def measure(extractor: Any, workdir: Path, suites: Iterable[str]) -> dict[str, dict[str, float]]:
    """Run and score the named suites with one extractor (figures rounded to 3 decimals, like the reference scorer)."""
    measured: dict[str, dict[str, float]] = {}
    for name in suites:
        if name == "seeds":
            report = seeds_report(claim_dicts(run_pipeline(extractor, [CORPUS])))
            measured[name] = project_metrics(report, SUITE_FIELDS[name])
        elif name == "dev":
            report = dev_report(claim_dicts(run_pipeline(extractor, [DEV])))
            measured[name] = project_metrics(report, SUITE_FIELDS[name])
        elif name == "articles_dev":
            report = dev_report(claim_dicts(run_pipeline(extractor, [ARTICLES_DEV])), ARTICLES_DEV)
            measured[name] = project_metrics(report, SUITE_FIELDS[name])
        elif name == "realdev":
            claims = claim_dicts(run_pipeline(extractor, [realdev_input(workdir)]))
            measured[name] = reference_metrics(reference_scores(claims, workdir), SUITE_FIELDS[name])
        else:
            raise KeyError(name)
        measured[name] = {metric: round(value, 3) for metric, value in measured[name].items()}
    return measured


# ------------------------------------------------------------------ update


def update(
    baseline: dict[str, Any],
    measured: Mapping[str, Mapping[str, float]],
    *,
    allow_lower: bool,
    say: Callable[[str], None] = print,
) -> bool:
    """Fold new measurements into ``baseline`` (in place); False (and nothing changed) if a floor would go down."""
    margin = float(baseline["margin"])
    new_suites: dict[str, Any] = {}
    lowered, under_required = [], []
    for name, figures in measured.items():
        old = baseline["suites"].get(name, {})
        required = old.get("required", {})
        floors = {}
        for metric, value in figures.items():
            floor = floor_of(value, margin, required.get(metric))
            before = old.get("floors", {}).get(metric)
            was = old.get("measured", {}).get(metric)
            say(f"{name}.{metric}: measured {_fmt(was)} -> {value:.3f}, floor {_fmt(before, 2)} -> {floor:.2f}")
            if before is not None and floor < before:
                lowered.append(f"{name}.{metric} {before:.2f} -> {floor:.2f}")
            if metric in required and value < required[metric]:
                under_required.append(f"{name}.{metric} measured {value:.3f} < required {required[metric]:.2f}")
            floors[metric] = floor
        suite: dict[str, Any] = {"gold": {pattern: gold_hash(pattern) for pattern in SUITE_GOLD[name]},
                                 "measured": dict(figures)}
        if required:
            suite["required"] = required
        suite["floors"] = floors
        new_suites[name] = suite
    if under_required:
        say("refusing to update: under the required bar (fix the extractor, or change the bar by hand with a reason): "
            + "; ".join(under_required))
        return False
    if lowered and not allow_lower:
        say("refusing to lower floors without --allow-lower: " + "; ".join(lowered))
        return False
    baseline["suites"].update(new_suites)
    return True


def _fmt(value: float | None, digits: int = 3) -> str:
    return "none" if value is None else f"{value:.{digits}f}"


def write_baseline(baseline: Mapping[str, Any], path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
