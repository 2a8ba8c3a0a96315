"""Tests for newsclaims.evaluation.gold: reading and checking gold and prediction files, gold sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsclaims.evaluation.gold import EvaluationInputError, GoldDocument, gold_format, load_gold, load_predictions
from newsclaims.evaluation.scores import score_claims

from claim_cases import KILLED, RANGE, WOUNDED, gold_claim, gold_docs, predicted, write_jsonl


def test_evaluate_gold_sentence_comes_from_text() -> None:
    text = "Russia lost 16 tanks on Monday. Later, 6 more were destroyed! Nothing else."
    tanks = gold_claim("6", 6, "equipment", equipment_type="tank")
    gold = {"a": GoldDocument(id="a", published=None, claims=(tanks,), text=text)}
    report = score_claims([], gold)
    # "6" is found as a whole number, not inside "16".
    assert [(m.sentence, m.start) for m in report.misses] == [("Later, 6 more were destroyed!", 39)]

def test_evaluate_gold_sentences_follow_text_order_for_repeated_surfaces() -> None:
    text = "In May 500 were killed. In June 500 were wounded."
    claims = (gold_claim("500", 500, "killed"), gold_claim("500", 500, "wounded"))
    gold = {"a": GoldDocument(id="a", published=None, claims=claims, text=text)}
    assert [m.sentence for m in score_claims([], gold).misses] == ["In May 500 were killed.",
                                                                    "In June 500 were wounded."]

@pytest.mark.parametrize(
    ("text", "surface", "sentence"),
    [
        ("Intro. A U.S. estimate on Dec. 12 put it at 315,000. Next one.", "315,000",
         "A U.S. estimate on Dec. 12 put it at 315,000."),
        ("Losses rose in May. Then 40 more died. Gen. Smith agreed.", "40", "Then 40 more died."),
        ('"It was 50," he said. Later.', "50", '"It was 50," he said.'),
        ("tanks \u2014 7,834 (+6) units\nartillery \u2014 9", "+6", "tanks \u2014 7,834 (+6) units"),
    ],
)
def test_evaluate_gold_sentence_boundaries(text: str, surface: str, sentence: str) -> None:
    claim = gold_claim(surface, 6, "total")
    gold = {"a": GoldDocument(id="a", published=None, claims=(claim,), text=text)}
    assert score_claims([], gold).misses[0].sentence == sentence

def test_evaluate_prediction_without_doc_id_is_an_error() -> None:
    with pytest.raises(EvaluationInputError, match="doc_id"):
        score_claims([{"value": 3, "category": "killed"}], gold_docs(a=[]))
    with pytest.raises(EvaluationInputError, match="value"):
        score_claims([{"doc_id": "a", "value": "three", "category": "killed"}], gold_docs(a=[]))

def test_evaluate_load_gold_reads_both_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("They said 38,940 were lost.", encoding="utf-8")
    seed = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "a.txt", "published": "2024-06-02", "claims": [KILLED]},
        {"id": "b.txt", "published": None, "claims": []},
    ])
    gold = load_gold(seed, text_dir=tmp_path)
    assert list(gold) == ["a.txt", "b.txt"]
    assert gold["a.txt"].published is not None and gold["a.txt"].published.isoformat() == "2024-06-02"
    assert gold["a.txt"].text == "They said 38,940 were lost."
    assert gold["b.txt"].text is None and gold["b.txt"].claims == ()
    labeled = write_jsonl(tmp_path / "labeled.jsonl", [
        {"id": "x", "text": "Some 1,200 were wounded.", "published": None, "claims": [{**WOUNDED, "note": "rate"}]},
        "",
    ])
    assert load_gold(labeled)["x"].text == "Some 1,200 were wounded."

@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "not valid JSON"),
        (["[1, 2]"], "JSON object"),
        ([{"published": None, "claims": []}], "'id'"),
        ([{"id": "a", "claims": []}, {"id": "a", "claims": []}], "duplicate id"),
        ([{"id": "a", "published": None}], "'claims' must be a list"),
        ([{"id": "a", "published": "June 2", "claims": []}], "ISO date"),
        ([{"id": "a", "text": 5, "claims": []}], "'text'"),
        ([{"id": "a", "claims": ["38,940"]}], "JSON object"),
        ([{"id": "a", "claims": [{k: v for k, v in KILLED.items() if k != "source"}]}], "lacks key"),
        ([{"id": "a", "claims": [{**KILLED, "catgory": "total"}]}], "unknown key"),
        ([{"id": "a", "claims": [{**KILLED, "category": "dead"}]}], "category 'dead'"),
        ([{"id": "a", "claims": [{**KILLED, "approx": "over"}]}], "approx"),
        ([{"id": "a", "claims": [{**KILLED, "value": "38,940"}]}], "finite number"),
        ([{"id": "a", "claims": [{**KILLED, "value": True}]}], "finite number"),
        ([{"id": "a", "claims": [{**RANGE, "low": 30000}]}], "value == low <= high"),
        ([{"id": "a", "claims": [{**KILLED, "equipment_type": "tank"}]}], "equipment_type is set"),
        ([{"id": "a", "claims": [{**KILLED, "equipment_type": "tanks", "category": "equipment"}]}], "equipment_type"),
        ([{"id": "a", "claims": [{**KILLED, "rate": "daily"}]}], "rate"),
        ([{"id": "a", "claims": [{**KILLED, "group": "army"}]}], "group"),
        ([{"id": "a", "claims": [{**KILLED, "side": 3}]}], "side"),
        ([{"id": "a", "claims": [{**KILLED, "period_start": "2024-06-01", "period_end": "2024-05-01"}]}], "after"),
        ([{"id": "a", "claims": [{**KILLED, "surface": ""}]}], "surface"),
        ([""], "no documents"),
    ],
)
def test_evaluate_load_gold_rejects_malformed_files(tmp_path: Path, lines: list[Any], message: str) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", lines)
    with pytest.raises(EvaluationInputError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)

def test_evaluate_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationInputError, match="not found"):
        load_gold(tmp_path / "nope.jsonl")

@pytest.mark.parametrize(
    ("line", "message"),
    [("{bad", "not valid JSON"), ("3", "JSON object"), ('{"id": "a", "claims": [1]}', "list of objects")],
)
def test_evaluate_load_predictions_rejects_malformed_lines(tmp_path: Path, line: str, message: str) -> None:
    path = write_jsonl(tmp_path / "claims.jsonl", [predicted("a", KILLED), line])
    with pytest.raises(EvaluationInputError, match=f"claims.jsonl:2: .*{message}"):
        load_predictions(path)


# ---------------------------------------------------------------- gold of one claim per line ("mentions")


def mention(doc: str, surface: str, value: float, category: str = "killed", **fields: Any) -> dict[str, Any]:
    return {"doc": doc, **gold_claim(surface, value, category, **fields), "note": ""}


def test_load_gold_reads_one_claim_per_line_grouped_by_doc(tmp_path: Path) -> None:
    (tmp_path / "m1.txt").write_text("Ninety soldiers died. Later 12 more died.", encoding="utf-8")
    path = write_jsonl(tmp_path / "mentions.jsonl", [
        mention("m1.txt", "Ninety soldiers", 90),
        mention("m2.txt", "7", 7, "equipment", equipment_type="tank", source_alt=["the Navy"]),
        mention("m1.txt", "12", 12, note="repeat mention: a headline figure"),
    ])
    gold = load_gold(path, text_dir=tmp_path)
    assert list(gold) == ["m1.txt", "m2.txt"]
    assert [c["surface"] for c in gold["m1.txt"].claims] == ["Ninety soldiers", "12"]  # file order kept
    assert all("doc" not in c for doc in gold.values() for c in doc.claims)
    assert gold["m2.txt"].claims[0]["source_alt"] == ["the Navy"]
    assert gold["m1.txt"].text is not None and gold["m2.txt"].text is None
    assert gold["m1.txt"].published is None
    # The sentence of a miss is found in the text as for the other shape.
    assert [m.sentence for m in score_claims([], gold).misses][:2] == ["Ninety soldiers died.", "Later 12 more died."]


def test_load_gold_documents_add_claim_free_documents(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mentions.jsonl", [mention("m1.txt", "40", 40)])
    gold = load_gold(path, documents=["m0.txt", "m1.txt", "m2.txt"])
    assert list(gold) == ["m1.txt", "m0.txt", "m2.txt"]
    assert gold["m0.txt"].claims == () and len(gold["m1.txt"].claims) == 1
    # A claim predicted on a claim-free document is a false positive, not ignored.
    preds = [predicted("m1.txt", gold_claim("40", 40)), predicted("m2.txt", gold_claim("5", 5))]
    report = score_claims(preds, gold)
    assert (report.detection.tp, report.detection.fp, report.ignored_predictions) == (1, 1, 0)
    # Without the list the same prediction is for a document absent from gold.
    assert score_claims(preds, load_gold(path)).ignored_predictions == 1


def test_load_gold_documents_leave_labeled_documents_alone(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a", "published": "2024-01-02", "claims": [KILLED]}])
    gold = load_gold(path, documents=["a", "b"])
    assert gold["a"].claims == (KILLED,) and gold["a"].published is not None
    assert gold["b"].claims == ()


@pytest.mark.parametrize(
    ("lines", "shape"),
    [
        ([mention("m1.txt", "40", 40)], "mentions"),
        ([{"id": "a", "published": None, "claims": []}], "documents"),
        (["", {"id": "a", "claims": [{**KILLED, "doc": "a"}]}], "documents"),  # "doc" inside a claim is not the shape
        ([""], "documents"),
    ],
)
def test_gold_format_reads_the_first_line(tmp_path: Path, lines: list[Any], shape: str) -> None:
    assert gold_format(write_jsonl(tmp_path / "gold.jsonl", lines)) == shape


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([mention("m1.txt", "40", 40), {"id": "a", "claims": []}], "document line in a file of mentions"),
        ([{"id": "a", "claims": []}, mention("m1.txt", "40", 40)], "mention line in a file of documents"),
        ([{**mention("m1.txt", "40", 40), "doc": ""}], "'doc'"),
        ([mention("m1.txt", "40", 40, category="dead")], r"m1\.txt.*category 'dead'"),
        ([mention("m1.txt", "40", 40, source_alt="the Navy")], "source_alt"),
        ([mention("m1.txt", "40", 40, source_alt=["the Navy", ""])], "source_alt"),
        ([mention("m1.txt", "40", 40, source_alt=[None])], "source_alt"),
        ([{"id": "a", "claims": [{**KILLED, "source_alt": [3]}]}], "source_alt"),
    ],
)
def test_load_gold_rejects_malformed_mentions(tmp_path: Path, lines: list[Any], message: str) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", lines)
    with pytest.raises(EvaluationInputError, match=message):
        load_gold(path)


def test_evaluation_input_error_is_in_the_package_tree_and_a_value_error() -> None:
    from newsclaims.errors import NewsclaimsError

    assert issubclass(EvaluationInputError, NewsclaimsError)
    assert issubclass(EvaluationInputError, ValueError)
