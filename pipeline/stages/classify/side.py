"""Whose losses a claim counts (the contract's ``side``).

``read_side`` reads the claim's own sentence; ``resolve_side`` adds the
document's context when the sentence names no side: the speaker's enemy,
the party that reports losses someone else inflicted, the place that was hit,
the other party of a two-party war, the sides of the claims just before, an
owner word earlier in the paragraph or the article, and the place where the
losses happened.

The reading follows the contract's Conventions (CLAIM_SCHEMA.md, side): the
side is whose losses the number counts, never who inflicted them. So the
attacker ("in a Kestrian drone strike", "killed by Israeli fire"), the captor
("captured by Ukrainian forces"), the opponent ("in clashes with X"), the
maker, supplier or backer ("US-made", "Iran-backed") and a dateline ("KYIV —")
are set aside before any side word is read; combined and conflict-wide
figures ("Armenian and Azerbaijani troops", "on both sides", "the war has
killed 150,000 people") get no side. The word lists are the lexicon's
``[side]``, ``[side_exact]`` and ``[side_rules]``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsclaims.lexicon import Lexicon
from newsclaims.records import Paragraph
from newsclaims.spacy_ext.tree import governing_verb, number_head

# Tokens that end a dateline at the start of a paragraph ("KYIV —", "Moscow, Aug 5:").
DATELINE_MARKS = ("—", "–", "-", "--", ":")
# Pronouns that point back at a noun named before ("killing 14 of them").
REFERRING_PRONOUNS = ("them", "those", "these")
# Counted words that stand for the noun of the number before ("313 soldiers, with 488 others wounded").
COORDINATED_HEADS = ("others", "other", "more")
# Man-made weapons that are launched and shot down.
LAUNCHED_KINDS = ("drone", "missile", "aircraft", "helicopter")
# Named-entity labels of a nationality or a country the lexicon may not list ("Karvonian").
UNKNOWN_NAME_LABELS = ("NORP", "GPE")


@dataclass
class SideReading:
    """What a claim's sentence says about its side.

    ``how`` is ``sentence`` (a side was read), ``combined`` (the figure covers
    both sides, or the whole conflict: no side), ``enemy`` (the speaker's
    enemy), ``intercepted`` (weapons shot down: the launcher's) or None.
    ``attackers`` are the sides that inflicted, captured or fought the losses
    and ``reporters`` the sides of the attribution phrase; ``speaker`` (a
    ``how``) means the losses are the speaker's own ("died in battles with the
    enemy").
    """

    side: str | None = None
    how: str | None = None
    attackers: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    # "Hezbollah said its fighters destroyed three tanks": the reporter inflicted the losses.
    reporter_inflicts: bool = False


def classify_side(span: Span, lexicon: Lexicon, excluded: set[int], article_text: str | None = None) -> str | None:
    """Whose losses, read from the claim's sentence only (None when it does not say).

    ``excluded`` holds token indices of the attribution phrase (a source's
    country is not the losing side); ``article_text``, when given, lets an
    unknown nationality name a side the article spells out ("Karvonian").
    """
    return read_side(span, lexicon, excluded, article_text).side


def read_side(span: Span, lexicon: Lexicon, excluded: set[int], article_text: str | None = None) -> SideReading:
    """Whose losses: the counted noun's own words, the losing subject, then the sentence."""
    rules = lexicon.side_rule
    head = counted_noun(span)
    sentence = span.sent
    in_span = _number_tokens(span)
    inflicters, makers = _inflicter_tokens(sentence, span, lexicon)
    set_aside = excluded | _dateline_tokens(sentence) | inflicters | makers | in_span
    reading = SideReading(
        attackers=_sides_of(inflicters - excluded, sentence, lexicon, article_text),
        reporters=_reporter_sides(excluded, sentence, lexicon, article_text),
    )
    reading.reporter_inflicts = bool(reading.reporters) and _pronoun_inflicts(sentence, lexicon)

    def found(side: str | None) -> SideReading:
        reading.side, reading.how = side, "sentence"
        return reading

    def side_in(tokens: Iterable[Token], *, strong: bool = False) -> str | None:
        for token in tokens:
            if token.i in set_aside:
                continue
            side = side_of_token(token, lexicon, strong=strong, article_text=article_text if strong else None)
            if side is not None:
                return side
        return None

    # 1. the counted noun's own words ("12 Karvonian tanks", "43,000 Russians",
    # "fighters from the Rapid Support Forces", "17 of their armoured vehicles").
    own, combined = _owner_of(head, set_aside, lexicon, article_text)
    if combined:
        reading.how = "combined"
        return reading
    if own is not None:
        return found(own)
    # 1'' counted nouns with no side of their own ("24 foreign nationals", "41 journalists").
    counted_phrases = [
        " ".join(t.lower_ for t in noun.subtree if (t.i not in in_span and t.dep_ in ("amod", "compound")) or t.i == noun.i)
        for noun in [head] + [p for prep in head.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    ]
    if any(phrase.endswith(words) for phrase in counted_phrases for words in rules("stateless")):
        reading.how = "combined"
        return reading
    # "Six of our comrades": the speaker's own losses.
    if any(t.dep_ == "poss" and t.lower_ == "our" for t in head.subtree):
        reading.how = "speaker"
        return reading
    # 1d. figures that cover both sides ("on both sides", "the two countries lost").
    if _covers_both_sides(head, sentence, set_aside, lexicon):
        reading.how = "combined"
        return reading
    # 1e. "488 others", "... and eight were wounded": the noun of the number before;
    # "destroyed 12 Karvonian tanks and 19 infantry fighting vehicles": the first
    # of coordinated counted nouns names the owner of the rest.
    stands_for: Token | None = None  # the noun a bare number stands for
    if head.lower_ in COORDINATED_HEADS or head.i in in_span:
        noun_before = _previous_counted_noun(span)
        if noun_before is not None and _counts_losses(noun_before, lexicon):
            stands_for = noun_before
            side, _ = _owner_of(noun_before, set_aside, lexicon, article_text)
            if side is not None:
                return found(side)
    for conjunct in _earlier_conjuncts(head):
        if _group_clash(conjunct, head, lexicon):
            break
        side, _ = _owner_of(conjunct, set_aside, lexicon, article_text)
        if side is not None:
            return found(side)
    # 1'. the subject of a losing verb ("North Korea has suffered 3,000 casualties
    # fighting Ukrainian troops"): stronger than any owner word elsewhere.
    loser_verb = governing_verb(head)
    if loser_verb is not None and loser_verb.lemma_.lower() in rules("losing_verbs"):
        for child in _subjects(loser_verb):
            if child.i not in set_aside:
                if _names_two_sides(child, lexicon):
                    # "Together, Russia and Ukraine have suffered half a million casualties"
                    reading.how = "combined"
                    return reading
                side = side_in(_own_subtree(child), strong=True)
                if side:
                    return found(side)
                if reading.reporters and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in child.children):
                    # "Karvonia's Defence Ministry says its forces have lost 6,480 soldiers".
                    return found(reading.reporters[0])
                if child.lower_ == "we" or any(c.dep_ == "poss" and c.lower_ == "our" for c in child.children):
                    # "we lost 12 men", "our forces lost ...": the speaker's own.
                    reading.how = "speaker"
                    return reading
    # 1a. "12 of its soldiers": a possessive pronoun points back at the subject,
    # even when that subject is also the source ("Israel said 12 of its soldiers ...").
    owned_by = [head] + ([stands_for] if stands_for is not None else [])
    pronoun_owned = [t for noun in owned_by for t in noun.subtree if t.dep_ == "poss" and t.lower_ in ("its", "their", "our")]
    verb = governing_verb(head)
    if pronoun_owned and verb is not None and verb.lemma_.lower() in rules("destroy_verbs") and _inherited_subjects(verb):
        # "its troops had killed hundreds of RSF fighters and destroyed 17 of their
        # armoured vehicles": the pronoun is the victims', named before.
        referent = _referent(pronoun_owned[0], lexicon)
        side = _owner_of(referent, set(), lexicon, article_text, 1)[0] if referent is not None else None
        if side:
            return found(side)
        pronoun_owned = []
    if pronoun_owned:
        for token in sentence:
            if token.dep_ in ("nsubj", "nsubjpass") and token.i < pronoun_owned[0].i and token.i not in inflicters:
                # The owner may also be the source ("Russia's Defence Ministry acknowledged
                # 498 deaths among its soldiers"): read its words even when excluded.
                side = side_of_token(token, lexicon, article_text=article_text) or next(
                    (s for t in token.subtree if t.i not in in_span for s in [side_of_token(t, lexicon)] if s), None
                )
                if side:
                    return found(side)
        # "the Soviet Union's invasion of Afghanistan, where 15,000 of its soldiers were
        # killed": else the nearest owner or subject named before the pronoun.
        for token in reversed(sentence[: pronoun_owned[0].i - sentence.start]):
            owner_role = token.dep_ in ("nsubj", "nsubjpass", "poss") or (
                token.dep_ == "compound" and token.head.dep_ in ("nsubj", "nsubjpass", "poss")
            )
            side = side_of_token(token, lexicon, article_text=article_text) if owner_role and token.i not in in_span else None
            if side:
                return found(side)
    # 1c. "18 drones ... fired by the Houthis": who launched what was shot down lost it.
    for token in head.subtree:
        if token.dep_ == "agent" and token.head.lemma_.lower() in rules("owner_agent_verbs"):
            side = side_in(token.subtree, strong=True)
            if side:
                return found(side)
    # 1f. conflict-wide tolls ("the war has killed 150,000 people"), unless they
    # are counted for one country ("... has killed 565 people in Lebanon").
    if _conflict_wide(head, lexicon):
        place = _place_of_losses(head, lexicon)
        if place is not None:
            return found(place)
        reading.how = "combined"
        return reading
    # Weapons shot down with no owner word are the launcher's ("Russia launched 73
    # drones ... Air defence shot down 69 of the drones"), not the side of whatever
    # else the sentence names ("... to overwhelm Ukrainian systems").
    if _is_intercepted(head, lexicon):
        launcher = _launcher_before(sentence, lexicon)
        if launcher is not None:
            return found(launcher)
        reading.how = "intercepted"
        return reading
    # "died in battles with the enemy": the speaker's own losses; "enemy losses",
    # "units of enemy equipment": the speaker's enemy (both resolved with the
    # document: the sentence does not say who speaks).
    enemy_words = rules("enemy_words")
    if any(t.lower_ in enemy_words for t in sentence if t.i in inflicters and t.i not in excluded):
        reading.how = "speaker"
        return reading
    if any(t.lower_ in enemy_words for t in sentence if t.i not in set_aside):
        reading.how = "enemy"
        return reading
    # 1g. a tally's own owner: "The losses of the Ukrainian armed forces in the area of
    # the Russian group amounted to 530 servicemen", "Russia's losses stood at 30,000".
    tally = _tally_subject(head, lexicon)
    if tally is not None and tally.i not in set_aside:
        side, combined = _owner_of(tally, set_aside, lexicon, article_text)
        if combined:
            reading.how = "combined"
            return reading
        if side is not None:
            return found(side)
    # 1b. the nearest side word that owns a loss, force or equipment noun in
    # the sentence ("Russian losses", "another Russian aircraft").
    # The nouns other numbers count are their own claims ("43,000 Russians and
    # 17,500 Ukrainians", "... and left seven American troops hurt").
    owned_nouns = rules("owned_nouns")
    other_counted = _other_counted_nouns(sentence, span)
    owners = [
        (t, side)
        for t in sentence
        if t.i not in set_aside and t.i not in in_span and t.dep_ in ("amod", "compound", "poss") and t.head.i not in other_counted
        and (t.head.lemma_.lower() in owned_nouns or lexicon.equipment_types_in(t.head.lower_))
        for side in [side_of_token(t, lexicon, strong=True, article_text=article_text)]
        if side
    ]
    if owners:
        _, side = min(owners, key=lambda pair: min(abs(pair[0].i - span.start), abs(pair[0].i - span.end)))
        return found(side)
    # 2. the subject of the governing verbs ("Russian forces have lost ...").
    self_report_verbs = rules("self_report_verbs")
    destroy_verbs = rules("destroy_verbs")
    verb = governing_verb(head)
    hops = 0
    while verb is not None and hops < 3:
        # "Kyiv has only admitted 13,000 deaths": who admits a loss admits its own.
        self_report = verb.lemma_.lower() in self_report_verbs
        # "A Russian strike killed 16 people", "US warships shot down 18 drones": the
        # active subject of a destroying verb is the attacker, not the loser.
        attacker = verb.lemma_.lower() in destroy_verbs
        for child in verb.children:
            if child.dep_ == "nsubj" and attacker:
                continue
            if child.dep_ in ("nsubj", "nsubjpass") and (child.i not in excluded or self_report):
                if child.i in set_aside - excluded:
                    continue
                subtree = _own_subtree(child)
                side = side_in(subtree, strong=True) or (side_of_token(child, lexicon) if self_report else None)
                if side:
                    return found(side)
        verb = governing_verb(verb)
        hops += 1
    # 3. "on the Ukrainian side" / any side word not in a location phrase.
    location_preps = rules("location_preps")
    for token in sentence:
        if token.lower_ == "side" and token.head.lower_ == "on":
            side = side_in(token.children)
            if side:
                return found(side)
    places = {
        t.i
        for prep in sentence
        if prep.dep_ == "prep" and prep.lower_ in location_preps and not prep.left_edge.i <= span.start <= prep.right_edge.i
        for t in prep.subtree
    }
    for token in sentence:
        if token.i in places or token.i in other_counted or token.head.i in other_counted or _names_a_place(token, rules("directions")):
            continue
        side = side_in([token])
        if side:
            return found(side)
    # 3'. people hit in a country named in the sentence ("3,823 people have been
    # killed in Lebanon"): the country where they were hit.
    if _counts_people(head, lexicon):
        place = location_side(span, lexicon, set_aside - excluded)
        if place is not None:
            return found(place)
    # 4. the sentence before, in the same paragraph, when a side word there owns
    # a loss or force noun ("Ukraine is guarded about its own military casualties.
    # Kyiv has admitted 13,000 deaths.").
    if sentence.start > 0:
        previous = span.doc[sentence.start - 1].sent
        counted = " ".join(t.lower_ for t in head.subtree)
        if lexicon.equipment_types_in(counted):
            # weapons shot down belong to whoever launched or fired them.
            launcher = _launcher_before(sentence, lexicon)
            if launcher is not None:
                return found(launcher)
        previous_aside = _dateline_tokens(previous) | _inflicter_tokens(previous, None, lexicon)[0]
        loss_verbs = rules("loss_verbs")
        # "... four Colombian soldiers were killed. Two militants were captured.": an
        # armed group's members do not take a state's side from the sentence before.
        armed_group = _is_armed_group(head, lexicon)
        for token in previous:
            side = side_of_token(token, lexicon) if token.i not in previous_aside else None
            if side and armed_group and side not in rules("non_state"):
                continue
            if side and token.dep_ in ("amod", "poss", "compound") and (
                token.head.lemma_.lower() in owned_nouns or lexicon.equipment_types_in(token.head.lower_)
            ):
                return found(side)
        for token in previous:
            side = side_of_token(token, lexicon) if token.i not in previous_aside else None
            if side and armed_group and side not in rules("non_state"):
                continue
            if side and token.dep_.startswith("nsubj") and token.head.lemma_.lower() in loss_verbs:
                return found(side)
    return reading


def _tally_subject(head: Token, lexicon: Lexicon) -> Token | None:
    """The subject of "amount to", "stand at", "reach", "be" when the number is
    what it comes to ("the losses ... amounted to 530", "the toll rose to 16")."""
    verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") else head.head
    if head.dep_ == "pobj" and head.head.lower_ not in ("to", "at"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lexicon.side_rule("tally_verbs"):
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _is_armed_group(head: Token, lexicon: Lexicon) -> bool:
    """Whether the counted noun is members of an armed group ("militants", "rebels")."""
    words = lexicon.side_rule("armed_group_nouns")
    return head.lower_ in words or head.lemma_.lower() in words


def counted_noun(span: Span) -> Token:
    """The noun the number counts: ``number_head``, climbing compounds ("254 aid workers"
    -> workers, where the number hangs from "aid")."""
    head = number_head(span)
    for _ in range(3):
        if head.dep_ != "compound" or head.head.pos_ not in ("NOUN", "PROPN") or head.head.i == head.i:
            break
        head = head.head
    return head


def _launcher_before(sentence: Span, lexicon: Lexicon) -> str | None:
    """The side that launched or fired weapons in the sentence before ("Russia launched 73 drones")."""
    if sentence.start == 0:
        return None
    for token in sentence.doc[sentence.start - 1].sent:
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in ("launch", "fire", "send"):
            side = side_of_token(token, lexicon)
            if side:
                return side
    return None


def _other_counted_nouns(sentence: Span, span: Span) -> set[int]:
    """Nouns (and the modifiers before them) that another number in the sentence counts."""
    found: set[int] = set()
    for token in sentence:
        if token.like_num and token.dep_ == "nummod" and not span.start <= token.i < span.end and not span.start <= token.head.i < span.end:
            noun = token.head
            found.update(t.i for t in noun.subtree if t.i <= noun.i)
    return found


def _names_a_place(token: Token, directions: frozenset[str]) -> bool:
    """A side word used as a place: "..., eastern Tigray" (an adverbial noun or a region)."""
    return token.dep_ == "npadvmod" or any(c.lower_ in directions for c in token.children if c.dep_ in ("amod", "compound"))


def _number_tokens(span: Span) -> set[int]:
    """The claim's own number words (a noun the surface keeps, "Seven Taliban", is read)."""
    return {t.i for t in span if t.pos_ not in ("NOUN", "PROPN") or t.like_num or any(c.isdigit() for c in t.text)}


# -- what the sentence sets aside -----------------------------------------------------


def _dateline_tokens(sentence: Span) -> set[int]:
    """A leading dateline ("KYIV —", "Kiev, April 17:", "Mogadishu (HOL) -"): a place, never a side.

    Only at the start of a paragraph, and only names, numbers and punctuation
    before the mark (a hyphen only when spaced: "pro-government" is no mark)."""
    if sentence.start != 0:
        return set()
    tokens = list(sentence[:10])
    for position, token in enumerate(tokens):
        if token.text in DATELINE_MARKS and position > 0:
            if token.text == "-" and not tokens[position - 1].whitespace_:
                return set()
            before = tokens[:position]
            if not all(t.pos_ in ("PROPN", "NUM", "PUNCT") or t.is_upper for t in before):
                return set()
            return {t.i for t in tokens[: position + 1]}
    return set()


def _inflicter_tokens(sentence: Span, span: Span | None, lexicon: Lexicon) -> tuple[set[int], set[int]]:
    """Tokens naming who inflicted, captured or fought the losses, and makers,
    suppliers and backers ("US-made", "Iran-backed", "pro-Russian").

    The attacker is the active subject of a destroying verb (also one it shares
    with a conjunct: "resumed its attacks and has since killed"), a passive
    agent ("captured by Ukrainian forces", "found by Iraqi forces"), the
    modifiers and "by"/"from" phrase of an attack noun ("in an Israeli strike",
    "an ambush by the army"), the subject of a clause around the loss ("after
    Russian forces shelled the town"); the opponent is "with"/"against" after
    fighting words and the object of "fight".
    """
    rules = lexicon.side_rule
    destroy_verbs, attack_nouns, battle_words = rules("destroy_verbs"), rules("attack_nouns"), rules("battle_words")
    owner_agent_verbs = rules("owner_agent_verbs")
    attack_verbs = destroy_verbs | rules("attack_verbs")
    reporting_verbs = lexicon.reporting_verbs
    protected = _number_tokens(span) if span is not None else set()
    location_preps = rules("location_preps")
    found: set[int] = set()

    def covers_claim(token: Token) -> bool:
        return span is not None and token.left_edge.i <= span.start <= token.right_edge.i

    def add(tokens: Iterable[Token]) -> None:
        found.update(t.i for t in tokens if t.i not in protected)

    for token in sentence:
        lemma = token.lemma_.lower()
        if token.dep_ == "dobj" and lemma in attack_nouns and token.head.lemma_.lower() not in rules("losing_verbs") | rules("endure_verbs"):
            # "The US military and Iraq launched a joint raid", "carried out airstrikes".
            for subject in _inherited_subjects(token.head):
                if not covers_claim(subject):
                    add(_own_subtree(subject))
        if lemma in destroy_verbs and token.pos_ == "VERB":
            subjects = _inherited_subjects(token)
            for subject in subjects:
                if not _is_noun_of(subject, rules("tally_nouns")) and not covers_claim(subject):
                    # "A Russian missile attack on Kyiv": the attacker, not the place it hit.
                    places = {t.i for c in subject.children if c.dep_ == "prep" and c.lower_ in location_preps for t in c.subtree}
                    add(t for t in _own_subtree(subject) if t.i not in places)
        if token.dep_ == "agent" and token.head.lemma_.lower() not in owner_agent_verbs | reporting_verbs:
            add(token.subtree)
        if _is_noun_of(token, attack_nouns) and token.dep_ not in ("compound", "amod"):
            # (not "the Russian war dead", "attack helicopters")
            add(t for t in token.subtree if t.i < token.i)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    add(child.subtree)
        if lemma in battle_words:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "against", "between"):
                    add(child.subtree)
                if child.dep_ == "dobj" and token.pos_ == "VERB" and not covers_claim(child):
                    add(child.subtree)
        if (token.dep_ == "advcl" or (token.dep_ == "pcomp" and token.head.lower_ in ("with", "after", "as"))) and (
            token.pos_ == "VERB" and lemma in attack_verbs and not covers_claim(token)
        ):
            for child in token.children:
                if child.dep_ == "nsubj":
                    add(child.subtree)
    return found, _maker_tokens(sentence, lexicon) - protected


def _is_noun_of(token: Token, words: frozenset[str]) -> bool:
    """Whether a noun is one of ``words`` (lemmas), also as a capitalised headline word ("Strikes")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lowered = token.lower_
    return token.lemma_.lower() in words or lowered in words or (lowered.endswith("s") and lowered[:-1] in words)


def _pronoun_inflicts(sentence: Span, lexicon: Lexicon) -> bool:
    """Whether a pronoun, or a force a pronoun owns, inflicts a loss in the sentence
    ("it repelled an offensive", "its fighters had destroyed", "our forces killed")."""
    destroy_verbs = lexicon.side_rule("destroy_verbs")
    for token in sentence:
        if token.lemma_.lower() in destroy_verbs and token.pos_ == "VERB":
            for subject in _inherited_subjects(token):
                if subject.lower_ in ("it", "they", "we") or any(
                    c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in subject.children
                ):
                    return True
    return False


def _place_of_losses(head: Token, lexicon: Lexicon) -> str | None:
    """The country an "in <place>" phrase of the counted noun or its verb names."""
    verb = governing_verb(head)
    for prep in list(head.children) + (list(verb.children) if verb is not None else []):
        if prep.dep_ == "prep" and prep.lower_ in ("in", "across", "inside"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    side = side_of_token(pobj, lexicon) or lexicon.side_of_place(pobj.text)
                    if side:
                        return side
    return None


def _maker_tokens(sentence: Span, lexicon: Lexicon) -> set[int]:
    """Side words that name a maker, supplier or backer ("US-made", "Iran-backed",
    "Hamas-led") or carry a prefix ("pro-Russian")."""
    maker_words, prefixes = lexicon.side_rule("maker_words"), lexicon.side_rule("side_prefixes")
    doc = sentence.doc
    found: set[int] = set()
    for token in sentence:
        glued = re.fullmatch(r"(.+)-([a-z]+)", token.text, re.IGNORECASE)
        if glued and glued.group(2).lower() in maker_words:
            found.add(token.i)
        if token.lower_ in maker_words and token.i >= 2 and doc[token.i - 1].text == "-":
            found.add(token.i - 2)
            if token.i >= 3 and doc[token.i - 3].is_title:
                found.add(token.i - 3)
        if token.lower_ in prefixes and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
            found.update({token.i + 2, token.i + 3} if token.i + 3 < len(doc) and doc[token.i + 3].dep_ == "compound" else {token.i + 2})
        glued_prefix = re.fullmatch(r"([a-z]+)-(.+)", token.text, re.IGNORECASE)
        if glued_prefix and glued_prefix.group(1).lower() in prefixes:
            found.add(token.i)
    return found


def _sides_of(indices: set[int], sentence: Span, lexicon: Lexicon, article_text: str | None = None) -> list[str]:
    """The sides named by the tokens at ``indices``, in order."""
    sides: list[str] = []
    for token in sentence:
        if token.i in indices:
            side = side_of_token(token, lexicon, article_text=article_text)
            if side and side not in sides:
                sides.append(side)
    return sides


def _reporter_sides(excluded: set[int], sentence: Span, lexicon: Lexicon, article_text: str | None = None) -> list[str]:
    """The side of each attribution phrase: the side word nearest its noun
    ("Lebanon's Hezbollah movement" -> Hezbollah)."""
    sides: list[str] = []
    current: str | None = None
    for token in sentence:
        if token.i in excluded:
            side = side_of_token(token, lexicon, article_text=article_text)
            current = side or current
            continue
        if current and current not in sides:
            sides.append(current)
        current = None
    if current and current not in sides:
        sides.append(current)
    return sides


# -- the counted noun ----------------------------------------------------------------


def _owner_of(noun: Token, set_aside: set[int], lexicon: Lexicon, article_text: str | None, depth: int = 0) -> tuple[str | None, bool]:
    """The side the counted noun's own words name, and whether they name two
    sides at once ("Ethiopian and Eritrean troops", "Houthi rebels and Yemeni
    troops"): its modifiers (a named force before a country adjective, a
    named side before a generic one), itself ("43,000 Russians"), then "of",
    "from", "among" and "on the ... side" phrases under it."""
    generic = lexicon.side_rule("generic")
    if depth == 0 and noun.i in set_aside and noun.dep_ == "pobj" and noun.head.lower_ in lexicon.side_rule("location_preps"):
        # "Russia Losses in Ukraine Surpass 100k" (a headline parsed with the number as the place)
        return None, False
    if noun.lower_ in REFERRING_PRONOUNS and depth > 0:
        # "clashes with IS militants ..., killing 14 of them": the noun is read where
        # it stands, even in the opponent's phrase.
        referent = _referent(noun, lexicon)
        return _owner_of(referent, set(), lexicon, article_text, depth + 1) if referent is not None else (None, False)
    if noun.pos_ == "NUM" and noun.dep_ == "appos" and depth < 3:
        # "Russia's death toll — 43,000 —"
        return _owner_of(noun.head, set_aside, lexicon, article_text, depth + 1)
    modifiers = [
        t for t in noun.subtree
        if t.i < noun.i and t.i not in set_aside and t.dep_ not in ("relcl", "acl") and t.head.dep_ not in ("relcl", "acl")
    ]
    sided = [(t, side) for t in modifiers for side in [side_of_token(t, lexicon, strong=True, article_text=article_text)] if side]
    side_at = {t.i: side for t, side in sided}
    if any(t.dep_ == "conj" and t.head.i in side_at and side_at[t.head.i] != side for t, side in sided):
        return None, True
    itself = side_of_token(noun, lexicon, strong=True, article_text=article_text) if noun.i not in set_aside else None
    ranked = ([itself] if itself else []) + [side for _, side in sorted(sided, key=lambda pair: -pair[0].i)]
    side = next((s for s in ranked if s not in generic), None) or next(iter(ranked), None)
    government_words = lexicon.side_rule("government_words")
    if side is None and article_text and (
        noun.lower_ in government_words or any(t.lower_ in government_words or t.lower_ == "government" for t in modifiers)
    ):
        # "230 soldiers in the government forces", "seven loyalists": the state the
        # article is about.
        side = _state_of_article(article_text, lexicon)
    if side is not None:
        for other in noun.children:
            # "50 Houthi rebels and Yemeni troops" (a second noun without its own number).
            if other.dep_ == "conj" and other.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "nummod" for c in other.children):
                other_side, _ = _owner_of(other, set_aside, lexicon, article_text, depth + 1) if depth < 2 else (None, False)
                if other_side is not None and other_side != side:
                    return None, True
        return side, False
    if depth >= 3:
        return None, False
    owner_preps = lexicon.side_rule("owner_preps")
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in owner_preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or (prep.lower_ == "on" and pobj.lemma_.lower() != "side"):
                continue
            if prep.lower_ == "in" and pobj.lemma_.lower() not in lexicon.side_rule("force_nouns"):
                # "soldiers in the government forces", not "soldiers in Bakhmut"
                continue
            if prep.lower_ == "from" and pobj.ent_type_ == "GPE":
                # "1,427 (mercenaries) from Poland": where they came from, not whose they were.
                continue
            side, combined = _owner_of(pobj, set_aside, lexicon, article_text, depth + 1)
            if side is not None or combined:
                return side, combined
    if noun.dep_ == "pobj" and noun.head.lower_ in ("including", "among") and noun.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
        # "50 Hezbollah operatives, including three commanders"
        return _owner_of(noun.head.head, set_aside, lexicon, article_text, depth + 1)
    return None, False


def _earlier_conjuncts(noun: Token) -> list[Token]:
    """The counted nouns a noun is coordinated after, nearest first ("12 Karvonian
    tanks and 19 infantry fighting vehicles": tanks for vehicles)."""
    found: list[Token] = []
    current = noun
    for _ in range(8):
        if current.dep_ != "conj" or current.head.pos_ not in ("NOUN", "PROPN"):
            break
        if not any(c.dep_ == "nummod" for c in current.head.children):
            # only counted nouns ("12 tanks and 19 vehicles"), not a place parsed as one
            break
        current = current.head
        found.append(current)
    return found


def _group_clash(one: Token, other: Token, lexicon: Lexicon) -> bool:
    """Whether one noun counts soldiers and the other civilians ("30 soldiers and 20 civilians")."""
    military, civilian = lexicon.group["military"], lexicon.group["civilian"]
    kinds = [("m" if t.lemma_.lower() in military or t.lower_ in military else "c" if t.lemma_.lower() in civilian or t.lower_ in civilian else "")
             for t in (one, other)]
    return "" not in kinds and kinds[0] != kinds[1]


def _counts_people(head: Token, lexicon: Lexicon) -> bool:
    """Whether the counted noun is people or civilians, not soldiers or equipment."""
    words = {head.lemma_.lower(), head.lower_}
    return bool(words & (lexicon.group["civilian"] | {"people", "person", "resident", "residents"})) and not words & lexicon.group["military"]


def _names_two_sides(phrase: Token, lexicon: Lexicon) -> bool:
    """Whether a phrase coordinates two sides ("Russia and Ukraine", "Armenian and Azerbaijani forces")."""
    sides = {t.i: side for t in phrase.subtree for side in [side_of_token(t, lexicon)] if side}
    return any(t.dep_ == "conj" and t.head.i in sides and sides[t.head.i] != sides[t.i] for t in phrase.subtree if t.i in sides)


def _state_of_article(article_text: str, lexicon: Lexicon) -> str | None:
    """The state side the article names most often ("Syrian", "Syria", "Damascus" -> Syria)."""
    non_state = lexicon.side_rule("non_state")
    counted: Counter[str] = Counter()
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", article_text)
    for index, word in enumerate(words):
        if not word[0].isupper():
            continue
        side = lexicon.side_of(_strip_possessive(word.lower()))
        if index + 1 < len(words):
            side = lexicon.side_of(f"{word} {words[index + 1]}".lower()) or side
        if side is not None and side not in non_state:
            counted[side] += 1
    return counted.most_common(1)[0][0] if counted else None


def _armed_group_of_article(article_text: str, lexicon: Lexicon) -> str | None:
    """The first named non-state force of the article ("the leftist FARC rebel group")."""
    generic, non_state = lexicon.side_rule("generic"), lexicon.side_rule("non_state")
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.-]*", article_text)
    for index, word in enumerate(words):
        known, exact = lexicon.side_of_exact(word)
        side = exact if known else lexicon.side_of(_strip_possessive(word.lower()))
        if index + 1 < len(words):
            side = lexicon.side_of(f"{word} {words[index + 1]}".lower()) or side
        if side is not None and side in non_state and side not in generic and side not in lexicon.side_rule("owner_only"):
            return side
    return None


def _referent(pronoun: Token, lexicon: Lexicon) -> Token | None:
    """The nearest plural noun of people or forces before "them", in its sentence or the one before."""
    doc = pronoun.doc
    start = pronoun.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start : pronoun.i]):
        if token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NNS", "NNPS") and token.dep_ != "compound" and _counts_losses(token, lexicon):
            return token
    return None


def _previous_counted_noun(span: Span) -> Token | None:
    """The noun of the nearest number before ``span`` in its sentence (None when
    that number counts nothing)."""
    for token in reversed(span.doc[span.sent.start : span.start]):
        if token.like_num and token.ent_type_ not in ("DATE", "TIME"):
            return token.head if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN") else None
    return None


def _counts_losses(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a noun counts people, forces or equipment ("soldiers", "Russians", "tanks")."""
    lemma = noun.lemma_.lower()
    return (
        lemma in lexicon.side_rule("owned_nouns")
        or noun.lower_ in lexicon.group["military"] | lexicon.group["civilian"]
        or lexicon.side_of(noun.lower_) is not None
        or bool(lexicon.equipment_types_in(noun.lower_))
    )


def _covers_both_sides(head: Token, sentence: Span, set_aside: set[int], lexicon: Lexicon) -> bool:
    """"on both sides", "the two countries lost" in the clause of the counted noun."""
    rules = lexicon.side_rule
    verb = governing_verb(head)
    clause = {t.i for t in (verb.subtree if verb is not None else head.subtree)}
    text = sentence.text.lower()
    for phrase in rules("both_sides"):
        at = text.find(phrase)
        while at >= 0:
            words = sentence.char_span(at, at + len(phrase), alignment_mode="expand")
            if words.root.i in clause and words.root.i not in set_aside:
                return True
            at = text.find(phrase, at + 1)
    return False


def _conflict_wide(head: Token, lexicon: Lexicon) -> bool:
    """Conflict-wide tolls: "the war has killed 150,000 people", "a war that has
    resulted in 15,000 deaths", "deaths from political violence", "400 people
    dead in clashes" (not civilians: they take the place that was hit)."""
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "NUM", "ADJ") and _conflict_wide(head.head, lexicon):
        # "the conflict that has left 600,000 dead, ... and 15,000 missing"
        return True
    verb = governing_verb(head)
    conflict_nouns = lexicon.side_rule("conflict_nouns")
    civilian = head.lemma_.lower() in lexicon.group.get("civilian", frozenset()) or any(
        c.lower_ in lexicon.group.get("civilian", frozenset()) for c in head.children if c.dep_ in ("amod", "compound")
    )
    if civilian or verb is None:
        return False
    subjects = _subjects(verb)
    if verb.dep_ == "relcl" and all(s.lower_ in ("that", "which", "who") for s in subjects):
        subjects = [verb.head]
    # the counted noun must be the verb's own argument ("has killed 150,000 people",
    # "resulted in 15,000 deaths"), not in a clause beside it
    argument = head.head.i == verb.i or (head.head.dep_ in ("prep", "agent") and head.head.head.i == verb.i)
    if argument and any(s.lemma_.lower() in conflict_nouns for s in subjects):
        return True
    unqualified = head.lemma_.lower() in ("people", "person") or (head.pos_ == "NUM" and not list(head.children))
    predicates = [c for c in list(head.children) + list(verb.children) if c.dep_ in ("amod", "acomp", "oprd", "xcomp")]
    for prep in list(head.children) + list(verb.children) + [g for c in predicates for g in c.children]:
        if (
            prep.dep_ == "prep"
            and (prep.lower_ == "from" or (prep.lower_ == "in" and unqualified))
            and any(p.dep_ == "pobj" and p.lemma_.lower() in conflict_nouns for p in prep.children)
        ):
            return True
    return False


def _is_intercepted(head: Token, lexicon: Lexicon) -> bool:
    """Whether the counted noun is a weapon shot down or intercepted ("intercepted 74 drones")."""
    verb = governing_verb(head)
    if verb is None or verb.lemma_.lower() not in lexicon.side_rule("intercept_verbs"):
        return False
    if verb.lemma_.lower() == "destroy" and not any(t.lower_ == "air" for t in verb.subtree):
        return False
    kinds = lexicon.equipment_types_in(" ".join(t.lower_ for t in head.subtree))
    return bool(kinds) and kinds[0] in LAUNCHED_KINDS


def _inherited_subjects(verb: Token) -> list[Token]:
    """The active subject of a verb, or the one it shares: with the verb it is a
    conjunct of ("resumed its attacks and has since killed"), or the clause a
    participle or infinitive hangs from ("engaged in clashes ..., killing 14")."""
    current = verb
    for _ in range(3):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects
        shares = current.dep_ in ("conj", "xcomp") or (current.dep_ == "advcl" and current.tag_ == "VBG")
        if not shares or current.tag_ == "VBN" or current.head.i == current.i:
            return []
        current = current.head
    return []


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, or of the verb it is a conjunct of ("... and has since killed")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects


def _own_subtree(token: Token) -> list[Token]:
    """A phrase's tokens without its relative clauses."""
    clauses = {u.i for t in token.subtree if t.dep_ in ("relcl", "acl") and t.i != token.i for u in t.subtree}
    return [t for t in token.subtree if t.i not in clauses]


# -- side words ----------------------------------------------------------------------


def side_of_token(token: Token, lexicon: Lexicon, *, strong: bool = False, article_text: str | None = None) -> str | None:
    """The side a token names: words read only as written ("US", not the pronoun
    "us"), phrases the token ends ("North Korea", "Rapid Support Forces",
    "al-Shabab"), then the word itself. Owner-only sides ("UN") count only when
    ``strong`` (the counted noun's own words). With ``article_text``, an unknown
    nationality or country (named entities) names the side the article spells
    out ("Karvonian" -> "Karvonia" when the article writes "Karvonia")."""
    known, side = lexicon.side_of_exact(token.text)
    if not known:
        doc = token.doc
        if lexicon.ends_side_phrase(_possessive_free(token)):
            sentence_start = token.sent.start
            for size in (4, 3, 2):
                start = token.i - size + 1
                if start >= sentence_start:
                    side = lexicon.side_of(_strip_possessive(doc[start : token.i + 1].text.lower()))
                    if side:
                        break
        side = side or lexicon.side_of(_possessive_free(token))
        if side is None and article_text is not None:
            side = _unknown_side(token, lexicon, article_text)
    if side is not None and not strong and side in lexicon.side_rule("owner_only"):
        return None
    return side


def _unknown_side(token: Token, lexicon: Lexicon, article_text: str) -> str | None:
    """A country the lexicon does not list: a nationality whose country the article
    names ("Eskerian" -> "Eskeria"), or a country ("Karvonia's forces")."""
    if token.ent_type_ not in UNKNOWN_NAME_LABELS or not token.is_alpha or not token.is_title:
        return None
    word = token.text
    if token.ent_type_ == "NORP":
        candidates = []
        if word.endswith("ian"):
            candidates.append(word[:-1])
        if word.endswith("an"):
            candidates.append(word[:-2])
        if word.endswith("i"):
            candidates.append(word + "a")
        for candidate in candidates:
            if len(candidate) > 3 and re.search(rf"\b{re.escape(candidate)}\b", article_text):
                return lexicon.side_of(candidate) or candidate
        return None
    single = token.ent_iob_ == "B" and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    if single and token.dep_ in ("poss", "nsubj", "nsubjpass"):
        return lexicon.side_of_place(word) or word
    return None


def owner_side(tokens: Span | Doc, lexicon: Lexicon) -> str | None:
    """The first side word in ``tokens`` that owns a loss or force noun ("Russian losses")."""
    owned_nouns = lexicon.side_rule("owned_nouns")
    for token in tokens:
        if token.dep_ in ("amod", "compound", "poss") and token.head.lemma_.lower() in owned_nouns:
            side = side_of_token(token, lexicon)
            if side:
                return side
    return None


def location_side(span: Span, lexicon: Lexicon, set_aside: set[int] | None = None) -> str | None:
    """Last resort: the country where the losses happened ("12,162 civilians killed in
    Ukraine", "a missile attack on Kyiv killed 41 people", "an attack on a Sudanese village");
    not the attack itself ("in an Israeli air strike") nor tokens in ``set_aside``."""
    attack_nouns = lexicon.side_rule("attack_nouns")
    for token in span.sent:
        if set_aside is not None and token.i in set_aside:
            continue
        if _is_noun_of(token, attack_nouns):
            continue
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "across", "inside", "on", "near"):
            name = " ".join(t.text for t in token.subtree if t.dep_ in ("compound", "flat") or t.i == token.i)
            side = (
                side_of_token(token, lexicon)
                or lexicon.side_of_place(name)
                or lexicon.side_of_place(token.text)
                or next((s for t in token.children if t.dep_ in ("amod", "compound") for s in [side_of_token(t, lexicon)] if s), None)
            )
            if side:
                return side
    return None


def _possessive_free(token: Token) -> str:
    return _strip_possessive(token.lower_)


def _strip_possessive(text: str) -> str:
    text = text.replace(" 's", "'s").replace(" ’s", "’s")
    return text[:-2] if text.endswith(("'s", "’s")) else text


def majority(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


# -- the document --------------------------------------------------------------------


def _speaker_side(source: str | None, paragraphs: list[Paragraph], lexicon: Lexicon) -> str | None:
    """The side of the source: a side word in its name ("Ukraine's Defense Ministry"),
    else one in the phrase that introduces it in the article ("Ukraine's Deputy
    Defense Minister Hanna Maliar")."""
    if not source:
        return None
    words = source.split()
    for index in range(len(words)):
        for size in (4, 3, 2, 1):
            if index + size <= len(words):
                words_here = words[index : index + size]
                known, side = lexicon.side_of_exact(words_here[0].strip(".,")) if size == 1 else (False, None)
                if not known:
                    side = lexicon.side_of(_strip_possessive(" ".join(words_here).lower().strip(".,")))
                if side:
                    return side
    last = words[-1] if words else ""
    for paragraph in paragraphs:
        if paragraph.doc is None or last not in paragraph.text:
            continue
        for token in paragraph.doc:
            if token.text != last:
                continue
            phrase = token.head if token.dep_ in ("compound", "appos", "flat") else token
            for t in phrase.doc[phrase.left_edge.i : phrase.right_edge.i + 1]:
                side = side_of_token(t, lexicon)
                if side:
                    return side
    return None


def _enemy_side(paragraphs: list[Paragraph], index: int, speaker: str | None, lexicon: Lexicon) -> str | None:
    """"Losses of the enemy" in a Ukrainian (or Russian) source's report are the other side's."""
    enemy = lexicon.opponent_of(speaker)
    if enemy is None:
        return None
    words = lexicon.side_rule("enemy_words")
    texts = [paragraphs[index].text] + ([paragraphs[index - 1].text] if index > 0 else [])
    if any(word in text.lower().split() for text in texts for word in words):
        return enemy
    return None


def document_side(paragraphs: list[Paragraph], lexicon: Lexicon) -> str | None:
    """The first side word of the article that owns a loss or force noun."""
    return next(
        (side for p in paragraphs if p.doc is not None and p.relevant for side in [owner_side(p.doc, lexicon)] if side),
        None,
    )


def resolve_side(
    span: Span,
    excluded: set[int],
    paragraphs: list[Paragraph],
    paragraph_index: int,
    source: str | None,
    sides_so_far: Sequence[str | None],
    article_side: str | None,
    lexicon: Lexicon,
) -> tuple[str | None, str | None]:
    """The side of the claim at ``span`` and how it was found (``sentence``,
    ``combined``, ``context`` or None), the sentence first, then the document
    around it."""
    article_text = "\n".join(p.text for p in paragraphs)
    reading = read_side(span, lexicon, excluded, article_text)
    if reading.side is not None:
        return reading.side, "sentence"
    if reading.how == "combined":
        return None, "combined"
    speaker = _speaker_side(source, paragraphs, lexicon)
    recent = [s for s in sides_so_far[-3:] if s]

    def opponent(of: str | None) -> str | None:
        """The other party: of a two-party war, else the recent claims' other side."""
        if of is None:
            return None
        return lexicon.opponent_of(of) or majority([s for s in recent if s != of])

    side: str | None = None
    if reading.how == "enemy":
        side = opponent(speaker) or next((opponent(a) for a in reading.attackers), None)
    elif reading.how == "speaker":
        side = speaker or next(iter(reading.reporters), None)
    elif reading.how == "intercepted":
        side = next((opponent(a) for a in reading.attackers), None) or opponent(speaker)
    elif reading.reporter_inflicts:
        # "The Tigrayan group says it repelled an offensive by the Ethiopian army, where
        # 290 soldiers were killed": the other party's losses.
        side = (
            lexicon.opponent_of(reading.reporters[0])
            or next((a for a in reading.attackers if a not in reading.reporters), None)
            or opponent(reading.reporters[0])
        )
    elif reading.attackers:
        # "Hezbollah says two fighters were killed in an Israeli strike": the party
        # reporting losses someone else inflicted reports its own; else the place hit,
        # else the other party of the war.
        # (not for hostages: their captor may report them killed by the other side)
        captives = counted_noun(span).lemma_.lower() in lexicon.side_rule("captive_nouns")
        side = (
            next((r for r in reading.reporters if r not in reading.attackers and not captives), None)
            or next((s for s in [location_side(span, lexicon)] if s and s not in reading.attackers), None)
            or next((o for a in reading.attackers for o in [lexicon.opponent_of(a)] if o), None)
        )
    if side is not None:
        return side, "context"
    if _is_armed_group(counted_noun(span), lexicon):
        # "two militants captured": an armed group's losses, not the state's.
        non_state = lexicon.side_rule("non_state")
        side = majority([s for s in sides_so_far[-3:] if s in non_state]) or _armed_group_of_article(article_text, lexicon)
        if side is not None:
            return side, "context"
    side = (
        _enemy_side(paragraphs, paragraph_index, speaker, lexicon)
        or majority(sides_so_far[-3:])
        or owner_side(span.doc[: span.start], lexicon)
        or article_side
        or location_side(span, lexicon)
    )
    return side, ("context" if side else None)
