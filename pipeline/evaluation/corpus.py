"""Run the pipeline (and the keyword baseline) on a labeled corpus and score both.

A corpus is either a folder of documents with ``gold.jsonl`` beside them
(``corpus/``) or a labeled JSONL file whose records carry ``text`` and
``claims`` (``corpus/labeled/dev.jsonl``). With a gold file of one claim per
line (``--gold ../shared/realdev/gold.jsonl`` beside the folder of its
articles), every document of the corpus is a labeled document, so claims
predicted on a document without gold lines count as false positives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsclaims.config import PipelineConfig
from newsclaims.evaluation.baseline import baseline_claims
from newsclaims.evaluation.gold import gold_format, load_gold, load_predictions
from newsclaims.evaluation.scores import EvalReport, score_claims
from newsclaims.io.readers import iter_documents
from newsclaims.records import Document, ErrorRecord
from newsclaims.stages.clean import CleanError, clean_document


@dataclass
class CorpusEvaluation:
    """Scores of the pipeline and, optionally, of the baseline on one corpus."""

    corpus: str
    pipeline: EvalReport
    baseline: EvalReport | None
    errors: list[ErrorRecord]

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "pipeline": self.pipeline.to_dict(),
            "baseline": self.baseline.to_dict() if self.baseline is not None else None,
            "errors": [error.to_dict() for error in self.errors],
        }


def gold_path_for(corpus: Path) -> Path:
    """``corpus/gold.jsonl`` for a folder; the file itself for a labeled JSONL file."""
    return corpus / "gold.jsonl" if corpus.is_dir() else corpus


def evaluate_corpus(
    corpus: Path,
    config: PipelineConfig,
    gold_path: Path | None = None,
    claims_path: Path | None = None,
    with_baseline: bool = True,
) -> CorpusEvaluation:
    """Score the pipeline's claims (or a given claims file) against gold.

    Raises:
        FileNotFoundError: the corpus or gold file is missing.
        EvaluationInputError: the gold or claims file is malformed.
    """
    from newsclaims.extractor import Extractor

    if not corpus.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    gold_file = gold_path or gold_path_for(corpus)
    if not gold_file.is_file():
        raise FileNotFoundError(f"gold labels not found: {gold_file}")
    # A gold file of mentions has no line for a document without claims: the
    # corpus says which documents were labeled.
    documents = _document_ids(corpus) if gold_format(gold_file) == "mentions" else None
    gold = load_gold(gold_file, text_dir=corpus if corpus.is_dir() else None, documents=documents)
    errors: list[ErrorRecord] = []
    if claims_path is not None:
        predicted = load_predictions(claims_path)
        extractor = None
    else:
        extractor = Extractor(config)
        predicted = []
        for result in extractor.extract_many(_documents(corpus, extractor.run_settings.max_document_bytes)):
            if result.error is not None:
                errors.append(result.error)
            predicted.extend(claim.to_dict() for claim in result.claims)
    report = score_claims(predicted, gold)
    baseline = None
    if with_baseline:
        clean_settings = config.clean
        baseline_predicted: list[dict[str, Any]] = []
        for document in _documents(corpus, 50_000_000):
            if isinstance(document, ErrorRecord):
                continue
            try:
                text = clean_document(document, clean_settings).text
            except CleanError:
                continue
            baseline_predicted.extend(baseline_claims(document.id, text))
        baseline = score_claims(baseline_predicted, gold)
    return CorpusEvaluation(str(corpus), report, baseline, errors)


def _documents(corpus: Path, max_bytes: int) -> Iterator[Document | ErrorRecord]:
    return iter_documents([corpus], max_bytes=max_bytes)


def _document_ids(corpus: Path) -> list[str]:
    """The ids the readers give the corpus's documents (an unreadable one keeps its id)."""
    return [record.doc_id if isinstance(record, ErrorRecord) else record.id
            for record in _documents(corpus, 50_000_000)]
