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
        ("The Pentagon estimated that 4,000 Iraqi soldiers were captured.", "4,000", "Pentagon"),
        # Quote frame in the next sentence of the paragraph.
        ("“It's a record. 1,160 artillery systems were destroyed in May,” the General Staff said.", "1,160", "General Staff"),
        # A carrier noun hands over to its author.
        ("Wednesday's total collated by the Ukrainian military included one tank.", "one", "Ukrainian military"),
        # A participle with an agent on the counted noun.
        ("Zelensky rejected figures of 300,000 dead soldiers cited by Moscow as lies.", "300,000", "Moscow"),
        # "its bulletin": the organisation named before.
        (
            "The Armed Forces of Ukraine reported losses on Tuesday. Its daily bulletin also listed 12 tanks.",
            "12",
            "Armed Forces of Ukraine",
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


@pytest.mark.parametrize(
    ("text", "surface", "source"),
    [
        # A frame phrase: "in an update from X, it was reported that".
        (
            "In a morning update from Kestria's General Staff, it was reported that the enemy lost 275 "
            'soldiers overnight.',
            '275',
            "Kestria's General Staff",
        ),
        # "based on X assessments": a nationality alone keeps the carrier as written.
        (
            "That puts Moscow's tally of lost soldiers at 48,300, based on Ukrainian assessments.",
            '48,300',
            'Ukrainian assessments',
        ),
        # "as per data examined by X".
        (
            'Some 9,400 fighters have died in the fighting, as per records reviewed by the Northern Monitor.',
            '9,400',
            'Northern Monitor',
        ),
        # "according to a compilation by X".
        (
            'At least 215 civilians were among the dead, according to a compilation by the Valdor Observatory'
            ' for Human Rights.',
            '215',
            'Valdor Observatory for Human Rights',
        ),
        # A carrier beside the figure: "..., a figure X calculated".
        (
            'The weekly average stood at 730 casualties a day, a figure British intelligence calculated from '
            'field reports.',
            '730',
            'British intelligence',
        ),
        # A role noun: "the report" is the statement before it.
        (
            "Kestria's Joint Forces Command said 120 enemy soldiers were killed on Monday.\n\n"
            'The report also indicated that 14 tanks were destroyed.',
            '14',
            "Kestria's Joint Forces Command",
        ),
        # "these reports".
        (
            'At least 88 insurgents were killed, according to a compilation by the Valdor Monitor.\n\n'
            'A further 41 soldiers were wounded, according to these reports.',
            '41',
            'Valdor Monitor',
        ),
        # "the group": the entity an appositive described ("X, a monitoring group").
        (
            'Ostland Watch, a monitoring group, counted 1,940 deaths in the province in March.\n\n'
            'Of those, 610 were civilians, the group said.',
            '610',
            'Ostland Watch',
        ),
        # A trailing attribution with a common-noun speaker.
        (
            'Rebel units ambushed a convoy on Friday and killed 17 government soldiers, the insurgent '
            'fighters have said.',
            '17',
            'insurgent fighters',
        ),
        # "..., military sources said on Sunday".
        ('At least 35 people were killed in clashes near the dam, military sources said on Sunday.', '35', 'military sources'),
        # A place records, it does not report: the trailing "— Governor X said" wins.
        (
            'Valdor Oblast recorded 26 injuries overnight, among them three children — Governor Petro '
            'Andrusenko said.',
            '26',
            'Petro Andrusenko',
        ),
        # A name inside the quote is not the speaker.
        (
            '"The raid killed more than 90 militiamen, among them the commander Omar Kadir," Haroun said on '
            'Monday.',
            '90',
            'Haroun',
        ),
        # A dateline is never a source.
        (
            'ARDUN (Agency) – The Northern Liberation Front said its fighters killed 44 soldiers.',
            '44',
            'Northern Liberation Front',
        ),
        # Nor is a page label.
        ('Details: UK intelligence said that Russia lost 980 soldiers a day in April.', '980', 'UK intelligence'),
        # A relay outlet: the speaker nearest the number makes the claim.
        ('According to the Ostland Herald, the General Staff also reported the loss of 312 tanks.', '312', 'General Staff'),
        # An embedded speaker owns the number in its clause.
        (
            'An air strike on the clinic, which local doctors say killed 23 people, drew condemnation, the '
            'ministry said.',
            '23',
            'local doctors',
        ),
        # "with X claiming".
        (
            'Kestrian officials say the enemy lost 4,100 troops in May, with Valdor claiming a further 260 '
            'soldiers killed over the weekend.',
            '260',
            'Valdor',
        ),
        # A relative pronoun stands for its antecedent.
        (
            'The estimate matches that of the General Staff, which put enemy losses at 61,200 on Monday.',
            '61,200',
            'General Staff',
        ),
        # An unattributed lead takes the frame that opens the next paragraph.
        (
            'Enemy forces lost 730 soldiers over the past day.\n\n'
            "According to Kestria's General Staff, its units also destroyed nine tanks.",
            '730',
            "Kestria's General Staff",
        ),
        # A sentence in the reporter's voice breaks the chain: nothing carries over.
        ('Valdoria does not publish its own losses. It is thought to have lost about 60,000 troops.', '60,000', None),
        # A paragraph with no figure of its own is still read for its speaker.
        (
            'Army officials say the clash took place near the river crossing.\n\n'
            'Five soldiers were wounded and three rebels captured.',
            'Five',
            'Army officials',
        ),
        # "it said": the organisation that spoke before.
        (
            'The Valdor Health Ministry said 64 bodies had been recovered. Another 130 people were injured, '
            'it said.',
            '130',
            'Valdor Health Ministry',
        ),
        # "the officials": the fuller name given before.
        (
            'Pentagon officials said Russia had lost 12,000 vehicles.\n\n'
            'Russia is losing about 900 troops a day, the officials said.',
            '900',
            'Pentagon officials',
        ),
        # "the Estonian service": the mention with the same head and nationality.
        (
            "Estonia's Foreign Intelligence Service puts enemy losses at 28,000 a month.\n\n"
            'The enemy is still losing 900 soldiers a day, according to the Estonian service.',
            '900',
            "Estonia's Foreign Intelligence Service",
        ),
        # "NATO's top civilian official": the person named next with the same organisation.
        (
            "Russia is losing up to 22,000 soldiers a month, NATO's top civilian official said.\n\n"
            '"They lose 900 soldiers a day," NATO Secretary General Mark Rutte told reporters.',
            '22,000',
            'Mark Rutte',
        ),
        # A carrier on the number's path is nearer than the verb that cites it.
        (
            'Ostrog also cites a Valdorian defence ministry estimate of 7,300 soldiers killed since the '
            'invasion.',
            '7,300',
            'Valdorian defence ministry',
        ),
        # "the ministry's running count".
        ("Since January, the enemy has lost 212 aircraft, according to the ministry's running count.", '212', 'ministry'),
        # "the military": the armed forces that spoke last.
        (
            'The Israel Defense Forces said it had killed about 4,000 fighters. Its own losses stand at 112 '
            'soldiers, according to the military.',
            '112',
            'Israel Defense Forces',
        ),
        # A headline's trailer, resolved to the fuller name in the body.
        (
            'Kestria Lost Over 640 Troops Near Border - Defence Ministry\n\n'
            "Kestrian forces lost 212 soldiers near the border town of Ardun on Monday, Valdoria's Defence "
            'Ministry said in its daily update, bringing the monthly total to almost 3,000.',
            '640',
            "Valdoria's Defence Ministry",
        ),
        # A headline restating a body figure takes its source.
        (
            'Kestria Says 1,150 Soldiers Killed in a Week\n\n'
            "Kestria's army said on Monday that 1,150 enemy soldiers had been killed over the past week in "
            'fighting along the northern front, while its own forces lost only a handful of vehicles.',
            '1,150',
            "Kestria's army",
        ),
        # "KYIV —" dateline, and a trailing frame hung on the wrong clause.
        (
            "KYIV — Russia has lost 611,200 soldiers since the invasion began, Ukraine's General Staff said "
            'in its morning update.',
            '611,200',
            "Ukraine's General Staff",
        ),
        # An inverted frame: "..., claimed the Ukrainian Army".
        (
            'Lviv, May 3: Since the war began, Russian troops have lost 3,120 armoured vehicles, claimed the '
            'Ukrainian Army.',
            '3,120',
            'Ukrainian Army',
        ),
        # Continuation across a sub-heading.
        (
            "Ukraine's General Staff said on Friday that Russia had lost 1,230 troops over the past day.\n\n"
            'Equipment\n\n'
            'It also listed 11 tanks and 27 armoured vehicles.',
            '11',
            "Ukraine's General Staff",
        ),
        # The rest of a quote continues its speaker.
        (
            '"Our drones hit 14 of their vehicles," said Mee Tun, who leads the Valley Defence Force. "We '
            'also destroyed three artillery pieces."',
            'three',
            'Mee Tun',
        ),
        # "the project".
        (
            'Ostland Count, a volunteer project that logs losses seen on video, says Russia has lost 2,811 '
            'tanks.\n\n'
            'The project also lists 940 artillery pieces.',
            '940',
            'Ostland Count',
        ),
        # An abbreviation resolves to the name it stands for.
        (
            'The Northern Liberation Front (NLF) said 95 soldiers were killed.\n\n'
            'The NLF claimed that its fighters destroyed 12 trucks.',
            '12',
            'Northern Liberation Front',
        ),
        # A country inside reported speech speaks through the speaker.
        (
            'Leo Marsh, a British minister, said in May the U.K estimates Russian losses to be over 510,000.',
            '510,000',
            'Leo Marsh',
        ),
        # "X said that ..., according to a report by Y" is X.
        ('The army said its troops had killed 38 rebels, according to a report by the state news agency.', '38', 'army'),
        # "she": the person named before.
        (
            'Defence Minister Anna Kovač visited the front on Friday. She said 300 enemy tanks had been '
            'destroyed in October.',
            '300',
            'Anna Kovač',
        ),
        # Coordinated subjects: the first.
        (
            'General Mark Hollis, chairman of the joint chiefs, and President Ella Brandt have hinted at some'
            ' 90,000 casualties on the Ukrainian side.',
            '90,000',
            'Mark Hollis',
        ),
        # "the Ukrainian figure" is Ukraine's.
        ('On the same day, the Ukrainian figure for Russian losses was 352,100.', '352,100', 'Ukraine'),
        # "according to Israeli tallies".
        ('Russia lost 500 tanks, according to Israeli tallies.', '500', 'Israeli tallies'),
        # "a US intelligence estimate".
        (
            'Russia has lost more than 290,000 soldiers, according to a US intelligence estimate released in '
            'June.',
            '290,000',
            'US intelligence',
        ),
        # A later sentence's agent ("claimed by Russia") is not a frame; the paragraph's statement carries on.
        (
            'Ukrainian media reported that 16 drones hit the airfield. Five aircraft are said to have been '
            'damaged. The islands are claimed by both Russia and Japan.',
            'Five',
            'Ukrainian media',
        ),
        # "released 38 prisoners" reports nothing.
        (
            "Kestria's army said 40 enemy soldiers were killed. Karvonia had released 38 prisoners in a swap.",
            '38',
            "Kestria's army",
        ),
    ],
)
def test_attribution_document_sources(extractor, text: str, surface: str, source: str | None) -> None:  # type: ignore[no-untyped-def]
    """Frames, role nouns, continuations, leads and headlines on invented paragraphs."""
    assert _source_of(extractor, text, surface) == source


def test_attribution_key_points_restate_the_body(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kestria Puts Enemy Losses at 48,100 - General Staff\n\n"
        "• The enemy has lost 48,100 troops since March\n\n"
        "• 640 enemy soldiers were put out of action in the past day\n\n"
        "ARDUN — The enemy has lost 48,100 soldiers since the war began, Kestria's General Staff said on Friday. "
        "The figure includes 640 troops put out of action over the past day, the staff said."
    )
    # The first "640" is the key point: it takes the body's source; so does the headline.
    assert _source_of(extractor, text, "640") == "Kestria's General Staff"
    assert _source_of(extractor, text, "48,100") == "Kestria's General Staff"


def test_attribution_headline_small_figure_is_not_restated_by_chance(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "8 Killed, 46 Injured in Overnight Strikes on Valdor\n\n"
        "According to the air force, the enemy launched 103 drones at the region overnight and sent several missiles. "
        "Air defences downed 74 of them, while another 46 were lost to jamming."
    )
    assert _source_of(extractor, text, "46") is None


def test_attribution_headline_restates_the_lead_figure(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ostland Losses Pass 100k\n\n"
        "More than 100,000 Ostland soldiers have now been killed since the invasion began, "
        "according to daily updates released by the Valdor government.\n\n"
        "General Mark Hollis has hinted at some 100,000 casualties on the other side."
    )
    assert _source_of(extractor, text, "100k") == "Valdor government"



@pytest.mark.parametrize(
    ("text", "surface", "source"),
    [
        # An abbreviation and a descriptor between the name and its verb.
        (
            'ARDUN — Eight years of fighting have killed nearly 61,000 people, the Valdor Observatory for '
            'Human Rights (VOHR), a London-based monitor, said on Monday.',
            '61,000',
            'Valdor Observatory for Human Rights',
        ),
        # A frame inserted after a fronted phrase.
        (
            'Near the river crossing, the ministry said, its troops destroyed six tanks and 12 armoured '
            'vehicles.',
            'six',
            'ministry',
        ),
        # A role noun whose name hangs lower in the phrase.
        (
            'Fighting around the port killed at least 85 fighters over the weekend, the UN envoy to Ostland, '
            'Clara Demir, said on Monday.',
            '85',
            'Clara Demir',
        ),
        # "the same historians": the fuller mention before.
        (
            "Ostland historians put the army's losses at 25,900 dead.\n\n"
            'The same historians count 43,500 wounded.',
            '43,500',
            'Ostland historians',
        ),
        # A dateline is not part of the name.
        (
            "KOSTA — Valdoria's army said on Sunday that it had killed 45 insurgents in a raid.",
            '45',
            "Valdoria's army",
        ),
        # A descriptor before a name is dropped.
        (
            'The army said its forces had killed 40 fighters. The al-Qaeda-linked group JNIM said it had '
            'taken 11 soldiers prisoner.',
            '11',
            'JNIM',
        ),
        # No titles for people.
        (
            'Dr Amna Yousif, who runs the clinic, said 19 patients had died of their wounds.',
            '19',
            'Amna Yousif',
        ),
        # A force known by its own name sheds its descriptor and possessor.
        (
            "Lebanon's Hezbollah movement said an Israeli air strike on Sunday killed two of its fighters.",
            'two',
            'Hezbollah',
        ),
        # An abbreviation in brackets is not part of the name.
        (
            'The Defence Ministry of the Valdor Republic (VRM) said another 23 servicemen had died in the fighting.',
            '23',
            'Defence Ministry of the Valdor Republic',
        ),
    ],
)
def test_attribution_names_as_written(extractor, text: str, surface: str, source: str) -> None:  # type: ignore[no-untyped-def]
    """Names kept whole and short: no dateline, descriptor, title or leading "the"."""
    assert _source_of(extractor, text, surface) == source
