"""The records: Claim.to_dict is the schema's field order and a copy."""

from __future__ import annotations

import copy
from dataclasses import asdict

import pytest

from newsclaims.records import Claim, ErrorRecord


def _claim(metadata: dict) -> Claim:
    return Claim(
        doc_id="001.txt", surface="38,940", value=38940.0, low=38940.0, high=38940.0, approx="exact",
        category="total", equipment_type=None, side="Russia", group="military",
        source="Ukraine's Defense Ministry", rate=None, period_start="2024-05-01", period_end="2024-05-31",
        sentence="Russian troop losses in May amounted to 38,940.", start=40, end=46, confidence=0.97,
        metadata=metadata,
    )


@pytest.mark.parametrize(
    "metadata",
    [
        {},
        {"source_how": "sentence", "side_how": None, "qualifier": "exact", "increment": False},
        {"nested": {"a": [1, 2]}, "list": [1, {"b": 2}]},
    ],
)
def test_records_claim_to_dict_is_asdict(metadata: dict) -> None:
    original = copy.deepcopy(metadata)
    claim = _claim(metadata)
    record = claim.to_dict()
    assert record == asdict(claim)
    assert list(record) == list(asdict(claim))  # the schema's order, which the JSON lines keep
    for value in record["metadata"].values():
        if isinstance(value, list):
            value.append("changed")
    record["metadata"]["new"] = 1
    assert claim.metadata == original


def test_records_error_record_to_dict() -> None:
    assert ErrorRecord("x", "read", "boom").to_dict() == {"doc_id": "x", "stage": "read", "error": "boom"}
