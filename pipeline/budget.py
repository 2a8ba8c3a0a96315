"""Per-document budgets: input size, work handed to spaCy, and time.

One pathological page (a 50 MB dump, a table of 10,000 numbers, a
200,000-character run-on sentence) must become an error record, not a
stalled batch. Each budget bounds one cost, checked where it is cheap:

- ``max_document_bytes``: the raw input. Checked by the readers from the
  file size before reading, and again by the ``Extractor`` for documents
  handed over in memory (``check_document_size``).
- ``max_parse_chars`` and ``max_numbers``: what a document would send on
  after cleaning, its relevant paragraphs (``check_parse_load``). spaCy's cost is roughly linear in
  the characters of the paragraphs it parses, and the candidate and
  attribution stages grow with the count of numbers (attribution compares
  every number with its neighbouring paragraphs). Both are known before the
  document joins a shared ``nlp.pipe`` batch, so the check needs no timer
  and works the same in every runner; a batch is never held up by parsing.
- ``max_document_seconds``: a catch-all for the per-document stages that run
  in the caller's thread (clean with trafilatura/lxml and the text rules;
  candidates to normalisation). ``time_limit`` arms ``SIGALRM``, which
  interrupts Python code (regular expressions included) without a helper
  thread or process. The parse stage is excluded on purpose: it is shared
  by many documents, so a timer there could not say whose page was slow,
  and the character budget already bounds it.

``SIGALRM`` exists only on Unix and only the main thread may set it; in other
threads (Dask's threaded scheduler) ``time_limit`` does nothing and the size
budgets remain the guard. Worker processes run documents in their main thread,
so the timer works there.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

from newsclaims.errors import BudgetExceeded
from newsclaims.records import ErrorRecord

# A number as the candidates stage sees one: digits with separators ("12,345", "1.5").
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# Where a timed-out document was: the pipeline module running at the alarm.
_MODULE_STAGES = {
    "newsclaims.stages.clean": "clean",
    "newsclaims.stages.parse": "parse",
    "newsclaims.stages.candidates": "candidates",
    "newsclaims.stages.numbers": "candidates",
    "newsclaims.stages.attribution": "attribution",
    "newsclaims.stages.classify": "classification",
    "newsclaims.stages.normalise": "normalisation",
    "newsclaims.stages.context": "context",
}


def _stage_of_module(module: str) -> str | None:
    """The stage a module belongs to: its own entry or its subpackage's."""
    while module:
        if module in _MODULE_STAGES:
            return _MODULE_STAGES[module]
        module = module.rpartition(".")[0]
    return None

_STAGE_NAMES = frozenset(_MODULE_STAGES.values())


class DocumentTimeout(BaseException):
    """A document used up its time budget.

    A ``BaseException``, like ``KeyboardInterrupt``: library code that catches
    ``Exception`` (trafilatura does, widely) must not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"gave up after {seconds:g} s")
        self.seconds = seconds


def check_document_size(text: str, max_bytes: int) -> None:
    """Refuse a document whose UTF-8 text is over ``max_bytes`` (0 = no limit).

    Raises:
        BudgetExceeded: the document is too large.
    """
    if max_bytes <= 0 or len(text) * 4 <= max_bytes:  # UTF-8 needs at most 4 bytes a character
        return
    size = len(text) if len(text) > max_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise BudgetExceeded(
            f"size budget: document is over {max_bytes} bytes ([run] max_document_bytes = {max_bytes})"
        )


def check_parse_load(texts: Iterable[str], max_chars: int, max_numbers: int) -> None:
    """Refuse a document that would send too much text or too many numbers on (0 = no limit).

    ``texts`` are the paragraphs the parse stage will hand to spaCy.

    Raises:
        BudgetExceeded: over either budget.
    """
    chars = numbers = 0
    for text in texts:
        chars += len(text)
        numbers += sum(1 for _ in _NUMBER.finditer(text))
    if max_chars > 0 and chars > max_chars:
        raise BudgetExceeded(
            f"size budget: {chars} characters to parse, over the limit of {max_chars} ([run] max_parse_chars)"
        )
    if max_numbers > 0 and numbers > max_numbers:
        raise BudgetExceeded(
            f"size budget: {numbers} numbers to examine, over the limit of {max_numbers} ([run] max_numbers)"
        )


def timer_available() -> bool:
    """True when ``time_limit`` can arm a timer here (Unix, main thread, SIGALRM not in use)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0.0
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block once ``seconds`` have passed.

    A no-op when ``seconds <= 0`` or ``timer_available()`` is false (another
    timer owns ``SIGALRM``, or this is not the main thread). Never ``yield``
    results to a caller from inside the block: the caller's code would run on
    the document's clock.
    """
    if seconds <= 0 or not timer_available():
        yield
        return
    armed = True

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed:  # the alarm may land while the block is already being left
            raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)


def timeout_error(doc_id: str, exc: DocumentTimeout, limit: float, default_stage: str) -> ErrorRecord:
    """The error record of a timed-out document, naming the stage that was running."""
    stage = stage_of(exc.__traceback__, default_stage)
    return ErrorRecord(
        doc_id,
        stage,
        f"time budget: over {limit:g} s, stopped in {stage} ([run] max_document_seconds = {limit:g})",
    )


def stage_of(tb: TracebackType | None, default: str) -> str:
    """The pipeline stage running when a traceback was cut: its innermost stage frame.

    A frame of a stage module names its stage; a frame of ``newsclaims.extractor``
    names the stage its ``stage`` variable holds (``Extractor._claims_of``
    keeps one), which covers stage functions that live elsewhere.
    """
    stage = default
    while tb is not None:
        frame = tb.tb_frame
        module = frame.f_globals.get("__name__", "")
        if (module_stage := _stage_of_module(module)) is not None:
            stage = module_stage
        elif module == "newsclaims.extractor" and frame.f_locals.get("stage") in _STAGE_NAMES:
            stage = frame.f_locals["stage"]
        tb = tb.tb_next
    return stage
