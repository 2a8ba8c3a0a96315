"""Invented claims and builders shared by the evaluation tests (no real article text)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsclaims.evaluation.gold import GoldDocument


def gold_claim(surface: str, value: float, category: str = "killed", **fields: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "surface": surface, "value": value, "low": value, "high": value, "approx": "exact",
        "category": category, "equipment_type": None, "side": "Russia", "group": "military",
        "source": "Ukraine's Defense Ministry", "rate": None, "period_start": None, "period_end": None,
    }
    claim.update(fields)
    return claim


def predicted(doc_id: str, claim: dict[str, Any], start: int = 0, **fields: Any) -> dict[str, Any]:
    """A prediction that repeats a gold claim, with overrides."""
    record = {**claim, "doc_id": doc_id, "sentence": f"... {claim['surface']} ...", "start": start,
              "end": start + len(claim["surface"]), "confidence": 0.9}
    record.update(fields)
    return record


def gold_docs(**claims_by_doc: list[dict[str, Any]]) -> dict[str, GoldDocument]:
    return {doc_id: GoldDocument(id=doc_id, published=None, claims=tuple(claims))
            for doc_id, claims in claims_by_doc.items()}


KILLED = gold_claim("38,940", 38940, "total")
WOUNDED = gold_claim("1,200", 1200, "wounded", rate="day")
TANKS = gold_claim("7,834", 7834, "equipment", equipment_type="tank")
RANGE = gold_claim("20,000 to 25,000", 20000, "killed", high=25000)


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path
