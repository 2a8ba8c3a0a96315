"""Paragraph splitting, the number prefilter and batched parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims.config import default_settings
from newsclaims.lexicon import load_lexicon
from newsclaims.spacy_ext.speedups import cache_lemmas, single_threaded_blas
from newsclaims.stages.parse import (
    load_nlp,
    mark_relevant,
    may_hold_number,
    parse_paragraphs,
    split_paragraphs,
)

GATE = load_lexicon().gate_pattern
PARSE = default_settings().parse


def test_parse_split_paragraphs_offsets_point_at_text() -> None:
    text = "  First para.\n\nSecond para, 12 tanks.\n \n\nThird."
    paragraphs = split_paragraphs(text, 5000)
    assert [p.text for p in paragraphs] == ["First para.", "Second para, 12 tanks.", "Third."]
    for paragraph in paragraphs:
        assert text[paragraph.start : paragraph.start + len(paragraph.text)] == paragraph.text


def test_parse_split_cuts_overlong_paragraphs_at_sentence_ends() -> None:
    text = " ".join(f"Sentence {i} has words." for i in range(400))
    paragraphs = split_paragraphs(text, 500)
    assert len(paragraphs) > 1
    assert all(len(p.text) <= 500 for p in paragraphs)
    for paragraph in paragraphs:
        assert text[paragraph.start : paragraph.start + len(paragraph.text)] == paragraph.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia lost 38,940 troops.", True),
        ("Three tanks were destroyed.", True),
        ("Half a million soldiers.", True),
        ("Dozens of vehicles burned.", True),
        ("The ministry said it was a record.", False),
        ("Subscribe to our newsletter.", False),
        ("Someone left the building.", False),  # "one" inside a word is not a number word
    ],
)
def test_parse_prefilter(text: str, expected: bool) -> None:
    assert may_hold_number(text) is expected


def test_parse_paragraphs_streams_in_order_and_skips_irrelevant(nlp) -> None:  # type: ignore[no-untyped-def]
    items = [
        ("a", mark_relevant(split_paragraphs("No numbers here.\n\nBut 12 tanks here.", 5000), GATE)),
        ("b", mark_relevant(split_paragraphs("Five drones were shot down.", 5000), GATE)),
        ("c", []),
    ]
    out = list(parse_paragraphs(nlp, iter(items), PARSE, batch_size=1))
    assert [key for key, _ in out] == ["a", "b", "c"]
    a_paragraphs = out[0][1]
    assert a_paragraphs[0].doc is None and a_paragraphs[1].doc is not None
    assert a_paragraphs[1].doc.text == "But 12 tanks here."
    assert out[1][1][0].doc is not None


def test_parse_without_prefilter_parses_everything(nlp) -> None:  # type: ignore[no-untyped-def]
    items = [("a", mark_relevant(split_paragraphs("No numbers here.\n\nBut 12 tanks here.", 5000), GATE))]
    [(_, paragraphs)] = list(parse_paragraphs(nlp, iter(items), PARSE.replace(prefilter=False), batch_size=8))
    assert all(p.doc is not None for p in paragraphs)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Russia lost 12 tanks."], [True]),
        (["The budget grew by 12 billion dollars."], [False]),
        (["Losses by type:", "2023: 253,290"], [False, True]),  # a list line under a loss header
        (["The ministry said so.", "2023: 253,290"], [False, False]),
        (["Killed in action: many.", "Nothing here."], [False, False]),
    ],
)
def test_parse_mark_relevant(texts: list[str], expected: list[bool]) -> None:
    paragraphs = mark_relevant(split_paragraphs("\n\n".join(texts), 5000), GATE)
    assert [p.relevant for p in paragraphs] == expected


def test_parse_off_topic_documents_yield_no_claims_and_are_not_parsed(extractor) -> None:  # type: ignore[no-untyped-def]
    from newsclaims.records import Document

    sports = Document(id="s", text="The Sabres have lost eight of their last nine games, and Bobrovsky stopped 35 shots.")
    [result] = list(extractor.extract_many([sports]))
    assert result.status == "no_claims"
    war = Document(id="w", text="Russian forces lost 35 tanks in the offensive, Ukraine's military said.")
    [result] = list(extractor.extract_many([war]))
    assert [claim.value for claim in result.claims] == [35.0]


def test_parse_a_failing_paragraph_fails_its_document_only(extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsclaims.records import Document

    real_call = type(extractor.nlp).__call__
    real_pipe = type(extractor.nlp).pipe

    def pipe(self, texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        if any("POISON" in text for text, _ in texts):
            raise RuntimeError("batch failed")
        return real_pipe(self, texts, **kwargs)

    def call(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "POISON" in text:
            raise RuntimeError("cannot parse this")
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(type(extractor.nlp), "pipe", pipe)
    monkeypatch.setattr(type(extractor.nlp), "__call__", call)
    docs = [
        Document(id="bad", text="POISON: Russian forces lost 12 tanks in the war, Kyiv said."),
        Document(id="good", text="Russian forces lost 35 tanks in the offensive, Ukraine's military said."),
    ]
    bad, good = list(extractor.extract_many(docs))
    assert bad.status == "error" and bad.error.stage == "parse" and "cannot parse this" in bad.error.error
    assert [claim.value for claim in good.claims] == [35.0]


# -- speed-only settings: same annotations, less time --------------------------------

PARSE_SAMPLE = [
    "Ukraine's Defense Ministry said on June 1 that Russian troop losses in May amounted to 38,940.",
    "Two children were among the 14 people killed when a missile hit an apartment block in Dnipro.",
    "The general staff reported that 1,160 artillery systems had been destroyed, the highest monthly count.",
    "Hamas-run health authorities said at least 120 people had died; the figures could not be verified.",
]


def _annotations(nlp, texts: list[str]) -> list[list[tuple]]:  # type: ignore[no-untyped-def]
    return [
        [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.ent_iob_, t.is_sent_start) for t in doc]
        for doc in nlp.pipe(texts)
    ]


def test_parse_numpy_blas_gives_spacys_own_annotations() -> None:
    from thinc.backends.numpy_ops import NumpyOps

    plain = load_nlp(PARSE.replace(numpy_blas=False, lemma_cache_size=0))
    fast = load_nlp(PARSE.replace(numpy_blas=True, lemma_cache_size=0))
    model_ops = {type(node.ops) for _, pipe in fast.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()}
    assert model_ops == {NumpyOps}
    assert all(
        not node.ops.use_blis for _, pipe in fast.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()
    )
    with single_threaded_blas():
        assert _annotations(fast, PARSE_SAMPLE) == _annotations(plain, PARSE_SAMPLE)


def test_parse_lemma_cache_gives_the_same_lemmas_and_stays_bounded() -> None:
    plain = load_nlp(PARSE.replace(numpy_blas=False, lemma_cache_size=0))
    cached = load_nlp(PARSE.replace(numpy_blas=False, lemma_cache_size=5))
    texts = PARSE_SAMPLE * 2  # the second round is answered from the memo (cleared whenever it fills)
    assert _annotations(cached, texts) == _annotations(plain, texts)
    lemmatize = cached.get_pipe("lemmatizer").lemmatize
    cache_lemmas(cached, 5)  # applying it twice does not wrap the memo in another
    assert cached.get_pipe("lemmatizer").lemmatize is lemmatize
    memo = next(cell.cell_contents for cell in lemmatize.__closure__ if isinstance(cell.cell_contents, dict))
    assert 0 < len(memo) <= 5


def test_parse_single_threaded_blas_limits_and_restores() -> None:
    import numpy
    from threadpoolctl import threadpool_info

    def numpy_blas_threads() -> list[int]:
        # numpy's own BLAS (the one numpy.dot calls), not scipy's or another library's copy
        numpy_dir = Path(numpy.__file__).parent.parent
        return [
            info["num_threads"]
            for info in threadpool_info()
            if info["user_api"] == "blas" and Path(info["filepath"]).is_relative_to(numpy_dir) and "numpy" in info["filepath"]
        ]

    before = numpy_blas_threads()
    assert before, "numpy's BLAS was not found"
    with single_threaded_blas():
        assert numpy_blas_threads() == [1] * len(before)
    assert numpy_blas_threads() == before
