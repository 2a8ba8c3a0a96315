"""Attribution on real parses of small hand-written paragraphs."""

from __future__ import annotations

import pytest

from newsclaims.records import CleanDocument, Document


def _claims(extractor, text: str):  # type: ignore[no-untyped-def]
    return extractor.extract(Document(id="t", text=text))


def _source_of(extractor, text: str, surface: str) -> str | None:  # type: ignore[no-untyped-def]
    """The source the attribution stage gives the candidate ``surface`` (classifier-independent)."""
    from newsclaims.stages.attribution import attribute_sources
    from newsclaims.stages.candidates import find_candidates
    from newsclaims.stages.parse import mark_relevant, parse_paragraphs, split_paragraphs

    clean = CleanDocument(id="t", text=text)
    paragraphs = mark_relevant(split_paragraphs(text, 5000), extractor.lexicon.gate_pattern)
    [(_, parsed)] = list(parse_paragraphs(extractor.nlp, [(clean, paragraphs)], extractor.parse_settings, 8))
    candidates = find_candidates(clean, parsed, extractor.lexicon, extractor.candidate_settings)
    attributions = attribute_sources(candidates, parsed, extractor.lexicon, extractor.attribution_settings)
    for candidate, attribution in zip(candidates, attributions, strict=True):
        if candidate.quantity.surface == surface:
            return attribution.source
    raise AssertionError(f"no candidate {surface!r} in {[c.quantity.surface for c in candidates]}")


@pytest.mark.parametrize(
    ("text", "surface", "source"),
    [
        ("Russian losses in May amounted to 38,940, Ukraine's Defense Ministry said on June 1.", "38,940", "Ukraine's Defense Ministry"),
        ("According to Ukraine's General Staff, 1,200 Russian soldiers were killed.", "1,200", "Ukraine's General Staff"),
        ("A May 31 report from UK Defense Intelligence said losses averaged 1,200 a day.", "1,200", "UK Defense Intelligence"),
        (
            "NATO Secretary General Mark Rutte told lawmakers that 20,000 to 25,000 troops are dying each month.",
            "20,000 to 25,000",
            "Mark Rutte",
        ),
        ("The Pentagon estimated that 4,000 Iraqi soldiers were captured.", "4,000", "the Pentagon"),
        # Quote frame in the next sentence of the paragraph.
        ("“It's a record. 1,160 artillery systems were destroyed in May,” the General Staff said.", "1,160", "the General Staff"),
        # A carrier noun hands over to its author.
        ("Wednesday's total collated by the Ukrainian military included one tank.", "one", "the Ukrainian military"),
        # A participle with an agent on the counted noun.
        ("Zelensky rejected figures of 300,000 dead soldiers cited by Moscow as lies.", "300,000", "Moscow"),
        # "its bulletin": the organisation named before.
        (
            "The Armed Forces of Ukraine reported losses on Tuesday. Its daily bulletin also listed 12 tanks.",
            "12",
            "the Armed Forces of Ukraine",
        ),
        # The reporter's own statement: no source.
        ("More than 300 soldiers were killed in the battle for the town.", "300", None),
        # A negated verb in a relative clause is not a source.
        ("Ukraine, which does not disclose its figures, is believed to have lost 40,000 soldiers.", "40,000", None),
    ],
)
def test_attribution_sentence_sources(extractor, text: str, surface: str, source: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _source_of(extractor, text, surface) == source


def test_attribution_resolves_short_reference_and_surname(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine's Defense Ministry said 1,100 Russian troops were killed on Monday.\n\n"
        "The ministry said 40 tanks were destroyed.\n\n"
        "Leo Docherty, a British minister, said losses were over 450,000.\n\n"
        "“We estimate that 450,000 were killed or wounded,” Docherty said."
    )
    assert _source_of(extractor, text, "40") == "Ukraine's Defense Ministry"
    assert _source_of(extractor, text, "450,000") == "Leo Docherty"


def test_attribution_inherits_over_list_lines(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russia has lost 500,000 troops since the invasion, Ukraine's General Staff said.\n\n"
        "Breakdown by year:\n\n"
        "2022: 106,720 troops lost\n\n"
        "2023: 253,290 troops lost"
    )
    assert _source_of(extractor, text, "106,720") == "Ukraine's General Staff"
    assert _source_of(extractor, text, "253,290") == "Ukraine's General Staff"


def test_attribution_list_header_without_verb_names_the_source(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine's General Staff, total Russian losses from 24.02.22 to 03.02.25:\n\ntanks — 9,926 (+5)\n\nsubmarines — 1"
    assert _source_of(extractor, text, "9,926") == "Ukraine's General Staff"
    assert _source_of(extractor, text, "1") == "Ukraine's General Staff"


def test_attribution_pronoun_resolves_to_person(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Defense Minister Rustem Umerov spoke on Friday. He said 300 Russian tanks had been destroyed in October."
    assert _source_of(extractor, text, "300") == "Rustem Umerov"


def test_attribution_normalises_curly_apostrophes(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Russian losses reached 1,000 on Friday, according to Ukraine’s General Staff."
    assert _source_of(extractor, text, "1,000") == "Ukraine's General Staff"
