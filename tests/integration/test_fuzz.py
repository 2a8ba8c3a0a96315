"""Fuzz the whole pipeline: random and mutated HTML, text and bytes never escape as an exception.

Each example is a small batch (documents share spaCy batches, so one bad
document must not take its neighbours down) pushed through reading (for raw
bytes), cleaning, parsing, candidates, attribution, classification and
normalisation. Whatever comes in, every input yields exactly one result, in
order, and each result is well-formed: claims that obey the contract, an
explicit "no claims", or an error record naming a stage. Bounded: a few dozen
examples per test, no deadline (spaCy timings vary on a shared machine).

The article text below is written for these tests.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclaims.extractor import STAGES, Extractor  # ``extractor``: tests/conftest.py
from newsclaims.io.readers import iter_documents
from newsclaims.records import CATEGORIES, Document, DocumentResult, ErrorRecord

pytestmark = pytest.mark.slow  # a few dozen generated examples per test

ARTICLE = (
    "The regional governor said on Tuesday that 14 civilians were killed and 37 were wounded "
    "when shells hit the market in the town centre.\n\n"
    "The defence ministry said its forces had destroyed 6 tanks and 11 armoured vehicles near "
    "the river crossing, bringing its count since February to 1,250 tanks.\n\n"
    "Officials added that about 300 soldiers were captured and dozens remain missing."
)
ARTICLE_HTML = (
    "<!doctype html><html><head><title>Shelling hits market</title>"
    "<meta property='article:published_time' content='2024-06-02'></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Shelling hits market</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    + "<table><tr><td>tanks</td><td>1,250 (+6)</td></tr></table></article>"
    "<script>var x = '<p>14 killed</p>';</script></body></html>"
)
# 30 examples keep the suite fast; NEWSCLAIMS_FUZZ_EXAMPLES=1000 runs a deeper campaign.
SETTINGS = settings(
    max_examples=int(os.environ.get("NEWSCLAIMS_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that steer random text towards the pipeline's interesting paths.
WORDS = st.sampled_from(
    [
        "killed", "wounded", "captured", "missing", "tanks", "soldiers", "civilians", "casualties",
        "said", "according to", "the ministry", "Ukraine's", "Russian", "about", "more than", "up to",
        "troops", "shelling", "artillery", "the war", "drone strike", "front line",  # conflict context
        "a day", "since", "in May", "last week", "one", "twelve", "dozens", "thousands", "half a million",
        "14", "1,250", "20,000 to 25,000", "+6", "38 940", "3.5", "1990", "50%", "$5 million", "—", "(+6)",
        ".", ",", "\n", "\n\n", " ", "“", "”", "'", "-", "\t", "\u00a0", "\u200b",
    ]
)
# Any character, with lone surrogates and control characters drawn often: JSON
# escapes ("\\ud800", "\\u0000") carry them into documents, and hypothesis leaves
# surrogates out of its default alphabet.
CHARACTERS = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.characters(max_codepoint=0x1F),
)
TEXT = st.one_of(
    st.text(CHARACTERS, max_size=400),
    st.lists(st.one_of(WORDS, st.text(CHARACTERS, max_size=8)), max_size=80).map(" ".join),
)
TAGS = st.sampled_from(
    ["p", "div", "span", "b", "a", "table", "tr", "td", "ul", "li", "h1", "h2", "br", "article",
     "script", "style", "iframe", "head", "title", "body", "html", "svg", "noscript", "meta", "figure"]
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attribute, inner, close: f"<{tag}{attribute}>{inner}" + (f"</{tag}>" if close else ""),
        TAGS,
        st.sampled_from(["", " class='x'", ' id="a b"', " style='display:none'", " href=javascript:void(0)", " <"]),
        st.lists(children, max_size=4).map("".join),
        st.booleans(),
    )


HTML = st.recursive(st.one_of(TEXT, WORDS), _element, max_leaves=25)


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few random edits: cuts, insertions, odd characters, repeats, truncation, nesting."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        size = len(text)
        i = draw(st.integers(0, size))
        j = draw(st.integers(i, min(size, i + 200)))
        edit = draw(st.sampled_from(["delete", "insert", "character", "duplicate", "truncate", "nest"]))
        if edit == "delete":
            text = text[:i] + text[j:]
        elif edit == "insert":
            text = text[:i] + draw(st.one_of(TEXT, HTML)) + text[i:]
        elif edit == "character":
            text = text[:i] + draw(CHARACTERS) + text[i:]
        elif edit == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(2, 20)) + text[j:]
        elif edit == "truncate":
            text = text[:i]
        else:
            depth = draw(st.integers(1, 400))
            text = text[:i] + "<div>" * depth + text[i:j] + "</div>" * depth + text[j:]
    return text


@st.composite
def sprinkled(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few odd characters (surrogates, controls, any code point) at random places."""
    text = base
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(CHARACTERS) + text[i:]
    return text


def _document(kind: str, body: str, number: int) -> Document:
    return Document(id=f"fuzz-{number}", html=body) if kind == "html" else Document(id=f"fuzz-{number}", text=body)


DOCUMENTS = st.one_of(
    st.tuples(st.just("text"), TEXT),
    st.tuples(st.just("text"), mutated(ARTICLE)),
    st.tuples(st.just("text"), sprinkled(ARTICLE)),
    st.tuples(st.just("html"), HTML),
    st.tuples(st.just("html"), mutated(ARTICLE_HTML)),
    st.tuples(st.just("html"), sprinkled(ARTICLE_HTML)),
)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """Bytes of the article in some encoding, with random bytes spliced in."""
    base = draw(st.sampled_from([ARTICLE, ARTICLE_HTML]))
    data = base.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"])), errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(data)))
        data = data[:i] + draw(st.binary(max_size=16)) + data[i + draw(st.integers(0, 8)):]
    return data


FILES = st.one_of(st.binary(max_size=600), mutated_bytes())


def _check_batch(results: list[DocumentResult], ids: list[str]) -> None:
    """One well-formed result per input, in input order."""
    assert [r.doc_id for r in results] == ids
    for result in results:
        assert result.status in {"claims", "no_claims", "error"}
        if result.error is not None:
            assert not result.claims
            assert result.error.doc_id == result.doc_id
            assert result.error.stage in STAGES and result.error.error.strip()
            json.dumps(result.error.to_dict(), ensure_ascii=False).encode("utf-8")
        for claim in result.claims:
            assert claim.doc_id == result.doc_id
            assert claim.category in CATEGORIES
            assert all(math.isfinite(x) for x in (claim.value, claim.low, claim.high))
            assert claim.low <= claim.high
            assert 0 <= claim.start < claim.end and claim.surface.strip()
            assert 0.0 <= claim.confidence <= 1.0
            # The CLI writes every claim as UTF-8 JSON: it must be encodable.
            json.dumps(claim.to_dict(), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(documents=st.lists(DOCUMENTS, min_size=1, max_size=4))
def test_fuzz_documents_never_escape(extractor: Extractor, documents: list[tuple[str, str]]) -> None:
    batch = [_document(kind, body, i) for i, (kind, body) in enumerate(documents)]
    results = list(extractor.extract_many(batch))
    _check_batch(results, [d.id for d in batch])


@SETTINGS
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".html"]), FILES), min_size=1, max_size=3))
def test_fuzz_files_never_escape(extractor: Extractor, files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for i, (suffix, data) in enumerate(files):
            names.append(f"{i:02d}{suffix}")
            (Path(folder) / names[-1]).write_bytes(data)
        records = list(iter_documents([folder], max_bytes=1_000_000))
        assert [r.id if isinstance(r, Document) else r.doc_id for r in records] == names
        results = list(extractor.extract_many(records))
    _check_batch(results, names)
    for record, result in zip(records, results, strict=True):
        if isinstance(record, ErrorRecord):
            assert result.error == record  # read errors pass through untouched


# JSONL lines: raw bytes, or objects with the record's keys holding values of any type.
RECORDS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "url", "published"]),
    st.one_of(st.none(), st.integers(), st.booleans(), TEXT, HTML, st.lists(st.integers(), max_size=2)),
).map(lambda record: json.dumps(record).encode())
JSONL_LINES = st.lists(st.one_of(st.binary(max_size=80), RECORDS), max_size=6)


@SETTINGS
@given(lines=JSONL_LINES)
def test_fuzz_jsonl_never_escapes(extractor: Extractor, lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
        records = list(iter_documents([path], max_bytes=1_000_000))
        results = list(extractor.extract_many(records))
    ids = [r.id if isinstance(r, Document) else r.doc_id for r in records]
    assert len(records) == sum(1 for line in lines if line.replace(b"\n", b" ").strip())
    _check_batch(results, ids)
