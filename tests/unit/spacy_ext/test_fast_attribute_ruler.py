"""FastAttributeRuler must be indistinguishable from spaCy's AttributeRuler.

Three levels: hand-built docs with hand-written rules for each precedence
rule of ``spacy/pipeline/attributeruler.py`` (compared with spaCy's own ruler
on the same rules, not with expectations typed here); the model's 179 rules
on every labeled and seed text after the full pipeline; and random text.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsclaims.config import default_settings
from newsclaims.spacy_ext.fast_attribute_ruler import (
    FastAttributeRuler,
    UnsupportedPatternError,
    use_fast_attribute_ruler,
)
from newsclaims.stages.parse import load_nlp

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT / "corpus"
EXTENSION = "newsclaims_fast_attributes_test"
if not Token.has_extension(EXTENSION):
    Token.set_extension(EXTENSION, default=None)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """spaCy's own pipeline, with its original attribute ruler (the project default swaps it)."""
    return load_nlp(default_settings().parse.replace(fast_attribute_ruler=False))


def _corpus_texts() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted((CORPUS / "labeled").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return texts + [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]


def _signature(doc: Doc) -> list[tuple[Any, ...]]:
    """Every token attribute the ruler can touch, plus the parse and entities."""
    return [
        (
            t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
            t.norm_, t.shape_, t.lower_, t.is_stop, t.is_sent_start, t._.get(EXTENSION),
        )
        for t in doc
    ]


def _apply(components: Iterable[Callable[[Doc], Doc]], docs: list[Doc]) -> list[Doc]:
    for component in components:
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs)) if pipe is not None else [component(doc) for doc in docs]
    return docs


def _both_ways(nlp: Language, docs: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    """Finish pre-ruler docs once with spaCy's ruler and once with the fast one.

    The pipes before the ruler run once (their output is copied), the ruler and
    everything after it run on each side, so each side is the full pipeline.
    """
    names = nlp.pipe_names
    cut = names.index("attribute_ruler")
    original = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.from_ruler(original)
    after = [nlp.get_pipe(name) for name in names[cut + 1 :]]
    reference = _apply([original, *after], [doc.copy() for doc in docs])
    replaced = _apply([fast, *after], [doc.copy() for doc in docs])
    return reference, replaced


def _pre_ruler(nlp: Language, texts: list[str]) -> list[Doc]:
    names = nlp.pipe_names
    before = [nlp.get_pipe(name) for name in names[: names.index("attribute_ruler")]]
    return _apply(before, [nlp.make_doc(text) for text in texts])


# -- the model's rules on real and random text --------------------------------


@pytest.mark.slow
def test_fast_attributes_corpus_identical_after_full_pipeline(nlp: Language) -> None:
    texts = _corpus_texts()
    assert len(texts) > 500  # the labeled corpus and the seeds were found
    docs = _pre_ruler(nlp, texts)
    original = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.from_ruler(original)
    lengths = []
    for doc in docs:  # same matches, in the same order of application
        matches = fast.match(doc)
        assert matches == [(rule, start, end) for rule, _, start, end in original.match(doc)], doc.text[:80]
        lengths += [end - start for _, start, end in matches]
    reference, replaced = _both_ways(nlp, docs)
    differing = [ref.text[:80] for ref, new in zip(reference, replaced, strict=True) if _signature(ref) != _signature(new)]
    assert differing == []
    # Not a comparison of empty results: the texts were parsed, the rules
    # fired (every token got a POS) and the rare two-token rules ran.
    assert len(replaced) == len(texts) and all(len(doc) for doc in replaced)
    assert all(token.pos_ for doc in replaced for token in doc)
    assert len(lengths) > len(texts) and max(lengths) > 1


_MODEL_WORDS = (
    "ai n't nt not gon na got ta let 's c'm on y' y all nothin' nuthin' is are 're am 'm have 've do does did "
    "'d has had there it i you me that if because whether be gets got the a this which what"
).split()
_SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \u00a0 ", ", ", ". ", "'", "-", " \u2009"])
_WORD = st.one_of(
    st.sampled_from(_MODEL_WORDS),
    st.sampled_from(_MODEL_WORDS).map(str.capitalize),
    st.text(alphabet=st.characters(codec="ascii"), min_size=1, max_size=8),
    st.text(min_size=1, max_size=6),
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.tuples(_WORD, _SEPARATORS), min_size=0, max_size=30))
def test_fast_attributes_random_text_identical(nlp: Language, parts: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in parts)
    reference, replaced = _both_ways(nlp, _pre_ruler(nlp, [text]))
    assert _signature(replaced[0]) == _signature(reference[0])


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fast_attributes_random_tagged_docs_identical(nlp: Language, data: st.DataObject) -> None:
    """The model's rules on docs with arbitrary (word, tag, dep) combinations,
    far more combinations than the tagger and parser ever produce."""
    tags = [*sorted(nlp.get_pipe("tagger").labels), "", "XX"]
    deps = [*sorted(nlp.get_pipe("parser").labels), "dep", "expl"]
    words = data.draw(st.lists(st.one_of(_WORD, st.sampled_from(["\n", " ", "\t\n"])), min_size=1, max_size=25))
    n = len(words)
    doc_tags = data.draw(st.lists(st.sampled_from(tags), min_size=n, max_size=n))
    doc_deps = data.draw(st.lists(st.sampled_from(deps), min_size=n, max_size=n))
    # Every token heads itself: any label is then accepted by Doc.
    reference = Doc(nlp.vocab, words=words, tags=doc_tags, deps=doc_deps, heads=list(range(n)))
    replaced = reference.copy()
    original = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.from_ruler(original)
    assert fast.match(replaced) == [(rule, start, end) for rule, _, start, end in original.match(reference)]
    assert _signature(fast(replaced)) == _signature(original(reference))


@pytest.mark.slow
def test_fast_attributes_use_replaces_in_place(nlp: Language) -> None:
    fast_nlp = load_nlp(default_settings().parse.replace(fast_attribute_ruler=False))
    original_patterns = fast_nlp.get_pipe("attribute_ruler").patterns
    use_fast_attribute_ruler(fast_nlp)
    component = fast_nlp.get_pipe("attribute_ruler")
    assert isinstance(component, FastAttributeRuler)
    assert fast_nlp.pipe_names == nlp.pipe_names
    assert component.patterns == original_patterns
    use_fast_attribute_ruler(fast_nlp)  # idempotent
    assert fast_nlp.get_pipe("attribute_ruler") is component
    seeds = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    assert seeds  # the seeds were found
    for text in seeds:
        doc = fast_nlp(text)
        assert len(doc) > 100 and all(token.pos_ for token in doc)  # parsed, and the ruler set every POS
        assert _signature(doc) == _signature(nlp(text))
    # The pipeline still serialises, and the copy keeps the rules.
    restored = pickle.loads(pickle.dumps(component))
    assert restored.patterns == original_patterns
    rebuilt = FastAttributeRuler(fast_nlp.vocab).from_bytes(component.to_bytes())
    assert rebuilt.patterns == original_patterns


@pytest.mark.parametrize(
    ("setup", "error"),
    [
        pytest.param(lambda n: n.add_pipe("sentencizer", name="not_a_ruler"), TypeError, id="other-component"),
        pytest.param(lambda n: None, KeyError, id="missing-component"),
    ],
)
def test_fast_attributes_use_rejects_non_rulers(setup: Callable[[Language], Any], error: type[Exception]) -> None:
    blank = spacy.blank("en")
    setup(blank)
    with pytest.raises(error):
        use_fast_attribute_ruler(blank, name="not_a_ruler")


# -- precedence semantics on hand-built docs -----------------------------------

WORDS = ["a", "gon", "na", "a", "ai", "n't", "\n", "Is", "x"]
TAGS = ["DT", "VBG", "TO", "DT", "VBP", "RB", "_SP", "VBZ", "NN"]
DEPS = ["det", "ROOT", "aux", "det", "aux", "neg", "dep", "dep", "dobj"]
HEADS = [1, 1, 1, 4, 1, 4, 5, 1, 7]

RULES: dict[str, list[dict[str, Any]]] = {
    "later-rule-wins": [
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET", "LEMMA": "first"}},
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"LEMMA": "second"}},
    ],
    "earlier-rule-loses-only-shared-attrs": [
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET", "LEMMA": "first", "MORPH": "Number=Sing|Definite=Ind"}},
    ],
    "two-token-index-0-and-1": [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    ],
    "negative-index": [
        {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
         "attrs": {"LEMMA": "not", "POS": "PART"}, "index": -1},
        {"patterns": [[{"DEP": "neg"}]], "attrs": {"POS": "ADV"}},
    ],
    "rule-with-patterns-of-two-lengths": [
        {"patterns": [[{"LOWER": "n't"}], [{"LOWER": "ai"}, {"LOWER": "n't"}]], "attrs": {"LEMMA": "neg"}, "index": -1},
    ],
    "multi-token-rule-overridden-by-later-one-token-rule": [
        {"patterns": [[{"LOWER": "ai"}, {}]], "attrs": {"LEMMA": "m0", "POS": "X"}, "index": 1},
        {"patterns": [[{"TAG": "RB"}]], "attrs": {"LEMMA": "s1"}},
    ],
    "matching-sees-unmodified-doc": [
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"TAG": "NN"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "VBG"}, {"TAG": "TO"}]], "attrs": {"TAG": "XX"}, "index": 1},
        {"patterns": [[{"TAG": "XX"}]], "attrs": {"POS": "X"}},
    ],
    "in-not-in-empty-string": [
        {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "NN"]}}]], "attrs": {"POS": "PRON"}},
    ],
    "flags-bools-and-spelling-variants": [
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
        {"patterns": [[{"is_space": False, "tag": "_SP"}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"TEXT": "Is", "IS_TITLE": 1, "OP": "1"}]], "attrs": {"LEMMA": "be"}},
        {"patterns": [[{"lower": {"in": ["x"]}, "LENGTH": 1}]], "attrs": {"NORM": "ex"}},
    ],
    "morph-is-normalised": [
        {"patterns": [[{"LOWER": "x"}]], "attrs": {"MORPH": "Number=Sing|Case=Acc"}},
        {"patterns": [[{"LOWER": "is"}]], "attrs": {"MORPH": "VerbForm=Fin|Mood=Ind"}},
    ],
    "regex-unanchored-and-wildcard": [
        {"patterns": [[{"LOWER": {"REGEX": "^[a-z]$"}}]], "attrs": {"LEMMA": "letter"}},
        {"patterns": [[{}, {"DEP": "ROOT"}]], "attrs": {"POS": "INTJ"}, "index": 0},
        {"patterns": [[{"TAG": {"REGEX": "^VB"}, "DEP": {"NOT_IN": ["ROOT"]}}]], "attrs": {"DEP": "xcomp"}},
    ],
    "no-rule-matches": [
        {"patterns": [[{"LOWER": "absent"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "absent"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"IN": []}}]], "attrs": {"POS": "NOUN"}},
    ],
    # Lexeme-level writes are shared by every token of the word: the global
    # order (rule, start) decides, not the token order. Tokens 0 and 3 share "a".
    "lexeme-writes-follow-global-order": [
        {"patterns": [[{"TAG": "DT", "DEP": "det"}, {"LOWER": "ai"}]], "attrs": {"SHAPE": "first", "IS_STOP": True}},
        {"patterns": [[{"LOWER": "a"}, {"LOWER": "gon"}]], "attrs": {"SHAPE": "second", "IS_STOP": False}},
    ],
    "extension-writes": [
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"_": {EXTENSION: "det"}}},
        {"patterns": [[{"LOWER": "a"}, {"TAG": "VBG"}]], "attrs": {"_": {EXTENSION: "before-verb"}, "POS": "DET"}},
    ],
}


def _hand_doc() -> Doc:
    # A fresh vocab per doc: lexeme-level writes must not leak between the
    # spaCy run and the fast run.
    # (A bare ``Vocab()`` has no lexical attribute getters: LOWER would be 0.)
    return Doc(spacy.blank("en").vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)


@pytest.mark.parametrize("name", list(RULES))
def test_fast_attributes_rules_match_spacy_semantics(name: str) -> None:
    rules = RULES[name]
    reference_doc = _hand_doc()
    original = AttributeRuler(reference_doc.vocab)
    original.add_patterns(rules)
    expected_matches = [(rule, start, end) for rule, _, start, end in original.match(reference_doc)]
    original(reference_doc)

    fast_doc = _hand_doc()
    fast = FastAttributeRuler(fast_doc.vocab)
    fast.add_patterns(rules)
    assert fast.match(fast_doc) == expected_matches
    fast(fast_doc)
    assert _signature(fast_doc) == _signature(reference_doc)
    assert fast.patterns == original.patterns
    if name != "no-rule-matches":  # the table row exercises something
        assert expected_matches
        assert _signature(fast_doc) != _signature(_hand_doc())


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param({"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "X"}}, id="op-plus"),
        pytest.param({"patterns": [[{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}}, id="op-optional"),
        pytest.param({"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}}, id="comparison"),
        pytest.param({"patterns": [[{"LOWER": {"FUZZY": "tank"}}]], "attrs": {"POS": "X"}}, id="fuzzy"),
        pytest.param({"patterns": [[{"MORPH": "Number=Sing"}]], "attrs": {"POS": "X"}}, id="morph-test"),
        pytest.param({"patterns": [[{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}]], "attrs": {"POS": "X"}}, id="morph-set"),
        pytest.param({"patterns": [[{"SENT_START": True}]], "attrs": {"POS": "X"}}, id="sent-start"),
        pytest.param({"patterns": [[{"ENT_IOB": "B"}]], "attrs": {"POS": "X"}}, id="ent-iob"),
        pytest.param({"patterns": [[{"_": {"flag": True}}]], "attrs": {"POS": "X"}}, id="extension-test"),
        pytest.param({"patterns": [[{"IS_SPACE": {"REGEX": "1"}}]], "attrs": {"POS": "X"}}, id="regex-on-flag"),
        pytest.param({"patterns": [[{"LOWER": 1.5}]], "attrs": {"POS": "X"}}, id="float-value"),
        pytest.param({"patterns": [[{"NOT_AN_ATTR": "x"}]], "attrs": {"POS": "X"}}, id="unknown-attr"),
        pytest.param({"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}, "index": 2}, id="index-too-big"),
        pytest.param({"patterns": [[{"LOWER": "a"}]], "attrs": {"POS": "X"}, "index": -2}, id="index-too-small"),
        pytest.param({"patterns": [], "attrs": {"POS": "X"}}, id="no-patterns"),
        pytest.param({"patterns": [[]], "attrs": {"POS": "X"}}, id="empty-pattern"),
    ],
)
def test_fast_attributes_unsupported_rule_raises_at_construction(rule: dict[str, Any]) -> None:
    fast = FastAttributeRuler(Vocab())
    with pytest.raises(UnsupportedPatternError):
        fast.add_patterns([rule])
    assert fast.patterns == []  # nothing half-added


def test_fast_attributes_supported_quantifier_one_is_accepted() -> None:
    fast = FastAttributeRuler(Vocab())
    fast.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "1"}]], "attrs": {"POS": "X"}}])
    assert len(fast.patterns) == 1
