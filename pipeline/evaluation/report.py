"""The plain-text evaluation report people read (``newsclaims eval``)."""

from __future__ import annotations

from newsclaims.evaluation.match import close
from newsclaims.evaluation.scores import ClaimRef, EvalReport, ordered_categories


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _clip(text: str | None, width: int = 160) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def _ref_line(ref: ClaimRef) -> str:
    number = _number(ref.value) if close(ref.low, ref.high) else f"{_number(ref.low)}-{_number(ref.high)}"
    where = f"| {_clip(ref.sentence)}" if ref.sentence else ""
    return f"  {ref.doc_id}  {ref.surface!r} = {number}  [{ref.category}]  {where}".rstrip()


def format_report(report: EvalReport, title: str, max_items: int | None = 50) -> str:
    """A compact plain-text report for people.

    Detection P/R/F1 with counts (any category, same category, per category),
    per-field accuracy with n, the category confusion matrix (rows gold,
    columns predicted), then misses, false positives and field errors, each
    list cut at ``max_items`` (``None`` = all).
    """
    lines = [title, "=" * len(title)]
    lines.append(f"documents: {report.gold_docs} in gold, {report.docs_with_predictions} with predictions; "
                 f"{report.ignored_predictions} predictions ignored in {len(report.ignored_docs)} "
                 f"documents absent from gold")
    lines += ["", f"{'detection':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    rows = [("any category", report.detection), ("same category", report.typed)]
    rows += [(f"  {name}", report.per_category[name]) for name in ordered_categories(report.per_category)]
    for label, score in rows:
        lines.append(f"{label:<16}{score.precision:>7.3f}{score.recall:>7.3f}{score.fscore:>7.3f}"
                     f"{score.tp:>6}{score.fp:>6}{score.fn:>6}")
    lines += ["", f"{'field (matched)':<16}{'acc':>7}{'n':>6}"]
    for name, acc in report.fields.items():
        lines.append(f"{name:<16}{_fmt(acc.accuracy):>7}{acc.total:>6}")
    labels = report.confusion_labels()
    width = max(len(label) for label in labels) + 1
    lines += ["", "category confusion (rows gold, columns predicted)",
              " " * width + "".join(f"{label:>{width}}" for label in labels)]
    matrix = report.confusion_matrix()
    for gold_label in labels:
        lines.append(f"{gold_label:<{width}}" + "".join(f"{matrix[gold_label][p]:>{width}}" for p in labels))

    def section(name: str, entries: list[str]) -> None:
        lines.extend(["", f"{name} ({len(entries)})"])
        shown = entries if max_items is None else entries[:max_items]
        lines.extend(shown)
        if len(shown) < len(entries):
            lines.append(f"  ... {len(entries) - len(shown)} more")

    section("misses", [_ref_line(ref) for ref in report.misses])
    section("false positives", [_ref_line(ref) for ref in report.false_positives])
    section("field errors", [f"  {m.doc_id}  {m.surface!r}  {m.field}: gold {m.gold!r}, predicted {m.predicted!r}"
                             for m in report.mismatches])
    return "\n".join(lines)
