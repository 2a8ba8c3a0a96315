"""The pipeline, composed once: clean -> parse -> candidates -> attribution ->
classification -> normalisation. Runners (CLI, library, workers, Dask) all
call ``Extractor``; models load once per ``Extractor``.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from newsclaims.budget import DocumentTimeout, check_document_size, check_parse_load, time_limit, timeout_error
from newsclaims.config import PipelineConfig, load_config
from newsclaims.errors import BudgetExceeded
from newsclaims.io.readers import document_from_record
from newsclaims.layout import headline_index, is_tally_line, line_of
from newsclaims.lexicon import load_lexicon
from newsclaims.records import (
    NOT_A_CLAIM,
    Candidate,
    Claim,
    ClaimContext,
    CleanDocument,
    Document,
    DocumentResult,
    ErrorRecord,
    Paragraph,
)
from newsclaims.resources import PACKAGE_ROOT
from newsclaims.spacy_ext.tree import attribution_tokens
from newsclaims.stages.attribution import attribute_sources
from newsclaims.stages.candidates import find_candidates
from newsclaims.stages.classify import build_classifier, classify_equipment_type, classify_group, document_side, resolve_side
from newsclaims.stages.clean import NO_LANGUAGE, clean_document, prepare_clean
from newsclaims.stages.context import apply_document_context
from newsclaims.stages.normalise import approx_of, claim_period, find_rate, mentions_time
from newsclaims.stages.parse import load_nlp, mark_relevant, parse_paragraphs, split_paragraphs

# The order of the stages, named as they appear in error records.
STAGES = ("read", "clean", "language", "parse", "candidates", "attribution", "classification", "normalisation", "context")


def _error(doc_id: str, stage: str, exc: BaseException) -> ErrorRecord:
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ErrorRecord(doc_id=doc_id, stage=stage, error=message)


class Extractor:
    """Loss-claim extraction with models loaded once.

    ``extract(record)`` for one document, ``extract_many(records)`` to stream
    a corpus (never held in memory).
    """

    def __init__(self, config: PipelineConfig | None = None, root: Path = PACKAGE_ROOT) -> None:
        self.config = config or load_config()  # every section validated at load
        self.run_settings = self.config.run
        self.clean_settings = self.config.clean
        self.parse_settings = self.config.parse
        self.candidate_settings = self.config.candidates
        self.attribution_settings = self.config.attribution
        self.classifier_settings = self.config.classifier
        self.normalise_settings = self.config.normalise
        self.context_settings = self.config.context
        self.lexicon = load_lexicon()
        self.classifier = build_classifier(self.classifier_settings, root)
        self.nlp = load_nlp(self.parse_settings)

    # -- public API -------------------------------------------------------------------

    def extract(self, record: Document | Mapping[str, Any]) -> list[Claim]:
        """Claims of one document.

        Raises:
            ValueError: the record is malformed or the document cannot be processed
                (the message names the stage).
        """
        document = record if isinstance(record, Document) else document_from_mapping(record)
        result = next(self.extract_many([document]))
        if result.error is not None:
            raise ValueError(f"{result.error.stage}: {result.error.error}")
        return result.claims

    def extract_many(self, records: Iterable[Document | ErrorRecord]) -> Iterator[DocumentResult]:
        """One ``DocumentResult`` per input record, in input order, streaming."""
        limit = self.run_settings.max_document_seconds
        for item, paragraphs in self._parsed(records):
            if isinstance(item, DocumentResult):
                yield item
                continue
            failed = next((p for p in paragraphs if p.error is not None), None)
            if failed is not None:
                yield DocumentResult(item.id, error=ErrorRecord(item.id, "parse", f"spaCy failed on a paragraph: {failed.error}"))
                continue
            # The time budget left after cleaning; never yield inside the limit.
            left = max(limit - item.metadata.get("clean_seconds", 0.0), 0.001) if limit > 0 else 0.0
            try:
                with time_limit(left):
                    result = self._claims_of(item, paragraphs)
            except DocumentTimeout as exc:
                result = DocumentResult(item.id, error=timeout_error(item.id, exc, limit, "candidates"))
            yield result

    def iter_candidates(self, records: Iterable[Document | ErrorRecord]) -> Iterator[tuple[str, list[Candidate]]]:
        """Each document's candidates before classification (for training); failed documents give none."""
        for item, paragraphs in self._parsed(records):
            if isinstance(item, DocumentResult):
                yield item.doc_id, []
                continue
            yield item.id, find_candidates(item, paragraphs, self.lexicon, self.candidate_settings)

    def _parsed(
        self, records: Iterable[Document | ErrorRecord]
    ) -> Iterator[tuple[CleanDocument | DocumentResult, list[Paragraph]]]:
        cleaned = (self._clean(record) for record in records)
        yield from parse_paragraphs(self.nlp, cleaned, self.parse_settings, self.run_settings.batch_size)

    # -- stages -------------------------------------------------------------------------

    def _clean(self, record: Document | ErrorRecord) -> tuple[CleanDocument | DocumentResult, list[Paragraph]]:
        """Clean one document and cut it into paragraphs, within its size and time budgets."""
        if isinstance(record, ErrorRecord):
            return DocumentResult(record.doc_id, error=record), []
        run = self.run_settings
        try:
            # Documents handed over in memory skip the readers' size check.
            check_document_size(record.html if record.html is not None else record.text or "", run.max_document_bytes)
        except BudgetExceeded as exc:
            return DocumentResult(record.id, error=ErrorRecord(record.id, "read", str(exc))), []
        prepare_clean(self.clean_settings)  # one-time loads stay off the document's clock
        started = time.perf_counter()
        try:
            with time_limit(run.max_document_seconds):
                clean = clean_document(record, self.clean_settings)
        except DocumentTimeout as exc:
            return DocumentResult(record.id, error=timeout_error(record.id, exc, run.max_document_seconds, "clean")), []
        except Exception as exc:  # noqa: BLE001 - CleanError, or a crash in a library: must not stop the batch
            return DocumentResult(record.id, error=_error(record.id, "clean", exc)), []
        clean.metadata["clean_seconds"] = time.perf_counter() - started
        if clean.language is not None and clean.language not in run.languages:
            what = "no linguistic content" if clean.language == NO_LANGUAGE else f"detected language {clean.language!r}"
            error = ErrorRecord(clean.id, "language", f"skipped: {what}; processed languages: {', '.join(run.languages)}")
            return DocumentResult(clean.id, error=error), []
        if self.lexicon.context_words_in(f"{clean.title or ''}\n{clean.text}") < self.candidate_settings.min_context_words:
            # Not about an armed conflict: no claims, and nothing to parse.
            clean.metadata["off_topic"] = True
            return DocumentResult(clean.id), []
        try:
            paragraphs = mark_relevant(split_paragraphs(clean.text, self.parse_settings.max_paragraph_chars), self.lexicon.gate_pattern)
            prefilter = self.parse_settings.prefilter
            check_parse_load(
                (p.text for p in paragraphs if not prefilter or p.relevant), run.max_parse_chars, run.max_numbers
            )
        except BudgetExceeded as exc:
            return DocumentResult(clean.id, error=ErrorRecord(clean.id, "parse", str(exc))), []
        except Exception as exc:  # noqa: BLE001 - a bug in splitting fails the document, not the batch
            return DocumentResult(clean.id, error=_error(clean.id, "parse", exc)), []
        return clean, paragraphs

    def _claims_of(self, clean: CleanDocument, paragraphs: list[Paragraph]) -> DocumentResult:
        stage = "candidates"
        try:
            candidates = find_candidates(clean, paragraphs, self.lexicon, self.candidate_settings)
            stage = "attribution"
            attributions = attribute_sources(candidates, paragraphs, self.lexicon, self.attribution_settings)
            for candidate, attribution in zip(candidates, attributions, strict=True):
                candidate.source, candidate.source_how = attribution.source, attribution.how
            stage = "classification"
            predictions = self.classifier.predict([c.features for c in candidates]) if candidates else []
            stage = "normalisation"
            claims, contexts = self._build_claims(clean, paragraphs, candidates, predictions)
            stage = "context"
            claims = apply_document_context(claims, contexts, self.context_settings)
        except Exception as exc:  # noqa: BLE001 - a crash in a stage fails its document, named by stage
            error = _error(clean.id, stage, exc)
            error.error += " | " + traceback.format_exc(limit=-1).strip().splitlines()[-2].strip()
            return DocumentResult(clean.id, error=error)
        return DocumentResult(clean.id, claims=claims)

    def _build_claims(
        self,
        clean: CleanDocument,
        paragraphs: list[Paragraph],
        candidates: list[Candidate],
        predictions: list[tuple[str, float]],
    ) -> tuple[list[Claim], list[ClaimContext]]:
        claims: list[Claim] = []
        contexts: list[ClaimContext] = []
        headline = headline_index(paragraphs)
        sides_so_far: list[str | None] = []
        published: dt.date | None = clean.published
        article_side = document_side(paragraphs, self.lexicon)
        for candidate, (label, probability) in zip(candidates, predictions, strict=True):
            if label == NOT_A_CLAIM or probability < self.classifier_settings.min_confidence:
                continue
            paragraph = paragraphs[candidate.paragraph_index]
            assert paragraph.doc is not None
            span = paragraph.doc[candidate.token_start : candidate.token_end]
            excluded = attribution_tokens(span, self.lexicon.reporting_verbs, self.lexicon.carrier_nouns)
            side, side_how = resolve_side(
                span, excluded, paragraphs, candidate.paragraph_index, candidate.source, sides_so_far, article_side, self.lexicon
            )
            sides_so_far.append(side)
            quantity = candidate.quantity
            sentence_offset = quantity.start - candidate.sentence_start
            rate = find_rate(candidate.sentence, sentence_offset + len(quantity.surface), self.normalise_settings, sentence_offset)
            war_start = self.normalise_settings.war_start(side or article_side)
            period_start, period_end, period_how = claim_period(
                candidate.sentence,
                sentence_offset,
                quantity.is_increment,
                paragraphs,
                candidate.paragraph_index,
                quantity.start - paragraph.start,
                published,
                self.normalise_settings,
                war_start,
            )
            claims.append(
                Claim(
                    doc_id=clean.id,
                    surface=quantity.surface,
                    value=float(quantity.value),
                    low=float(quantity.low),
                    high=float(quantity.high),
                    approx=approx_of(quantity),
                    category=label,
                    equipment_type=classify_equipment_type(candidate, span, self.lexicon) if label == "equipment" else None,
                    side=side,
                    group=classify_group(span, label, self.lexicon),
                    source=candidate.source,
                    rate=rate,
                    period_start=period_start,
                    period_end=period_end,
                    sentence=candidate.sentence,
                    start=quantity.start,
                    end=quantity.end,
                    confidence=round(float(probability), 4),
                    metadata={
                        "source_how": candidate.source_how,
                        "side_how": side_how,
                        "qualifier": quantity.qualifier,
                        "increment": quantity.is_increment,
                        "period_how": period_how,
                    },
                )
            )
            contexts.append(
                ClaimContext(
                    paragraph_index=candidate.paragraph_index,
                    sentence_start=candidate.sentence_start,
                    period_how=period_how,
                    mentions_time=mentions_time(candidate.sentence),
                    headline=candidate.paragraph_index == headline,
                    increment=quantity.is_increment,
                    tally=is_tally_line(line_of(paragraph, quantity.start - paragraph.start)),
                    war_start=war_start.isoformat() if war_start else None,
                    as_of=published.isoformat() if published else None,
                )
            )
        return claims, contexts


def document_from_mapping(record: Mapping[str, Any]) -> Document:
    """A ``Document`` from a JSON-like mapping with ``id`` and ``text`` or ``html``,
    read by the same rules as a JSONL line (a leading ``date YYYY-MM-DD`` marker
    in text sets ``published``).

    Raises:
        ValueError: a required field is missing or of the wrong type.
    """
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError("record needs a non-empty string 'id'")
    return document_from_record(dict(record), doc_id, where="<record>")
