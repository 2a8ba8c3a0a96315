"""Whose losses a claim counts (the contract's ``side``).

``classify_side`` reads the claim's own sentence; ``resolve_side`` adds the
document's context when the sentence names no side: the enemy of the source's
country in its own reports, the sides of the claims just before, an owner
word earlier in the paragraph, the article's first owner word, and the place
where the losses happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsclaims.lexicon import Lexicon
from newsclaims.records import Paragraph
from newsclaims.spacy_ext.tree import governing_verb, number_head

# Nouns whose side-word owner is the losing side ("Russian losses", "Ukrainian troops").
OWNED_NOUNS = {
    "loss", "losses", "casualty", "casualties", "death", "toll", "troop", "troops", "soldier", "soldiers", "force",
    "forces", "military", "army", "personnel", "serviceman", "servicemen", "fighter", "fighters", "side", "unit",
    "units", "equipment", "occupier", "occupiers", "dead", "wounded", "prisoner", "prisoners", "pow", "pows",
    "sailor", "sailors", "pilot", "pilots", "marine", "marines", "crew", "crews", "civilian", "civilians",
}
LOSS_VERBS = {"lose", "suffer", "sustain", "incur", "admit", "acknowledge", "confirm", "bury", "launch", "fire", "send"}
DESTROY_VERBS = {"kill", "destroy", "shoot", "down", "intercept", "hit", "sink", "eliminate", "wound", "injure",
                 "capture", "strike", "neutralise", "neutralize", "take", "seize", "damage", "ambush", "repel", "defeat"}
LOCATION_PREPS = {"in", "into", "against", "from", "on", "across", "near", "inside", "over", "to", "at", "toward", "towards"}


def classify_side(span: Span, lexicon: Lexicon, excluded: set[int]) -> str | None:
    """Whose losses: read from the counted noun, the losing subject, then the sentence.

    ``excluded`` holds token indices of the attribution phrase (a source's
    country is not the losing side).
    """
    head = number_head(span)

    def side_in(tokens: list[Token]) -> str | None:
        for token in tokens:
            if token.i in excluded or (span.start <= token.i < span.end):
                continue
            side = side_of_token(token, lexicon)
            if side is not None:
                return side
        return None

    # 1. modifiers of the counted noun and of "of ..." under it.
    if head.pos_ in ("NOUN", "PROPN", "NUM"):
        modifiers = [t for t in head.subtree if t.i < head.i or t.head is head or t.head.head is head]
        found = side_in([t for t in modifiers if t.dep_ in ("amod", "compound", "poss", "nmod") or (
            t.dep_ == "pobj" and t.head.lower_ not in LOCATION_PREPS)])
        if found:
            return found
    # 1'. the subject of a losing verb ("North Korea has suffered 3,000 casualties
    # fighting Ukrainian troops"): stronger than any owner word elsewhere.
    loser_verb = governing_verb(head)
    if loser_verb is not None and loser_verb.lemma_.lower() in ("suffer", "lose", "sustain", "incur"):
        for child in loser_verb.children:
            if child.dep_ == "nsubj" and child.i not in excluded:
                found = side_in([t for t in child.subtree if t.dep_ not in ("relcl", "acl") and t.head.dep_ != "relcl"])
                if found:
                    return found
    # 1a. "12 of its soldiers": a possessive pronoun points back at the subject,
    # even when that subject is also the source ("Israel said 12 of its soldiers ...").
    pronoun_owned = [t for t in head.subtree if t.dep_ == "poss" and t.lower_ in ("its", "their", "our")]
    if pronoun_owned:
        for token in span.sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.i < pronoun_owned[0].i:
                # The owner may also be the source ("Russia's Defence Ministry acknowledged
                # 498 deaths among its soldiers"): read its words even when excluded.
                found = side_of_token(token, lexicon) or next(
                    (side for t in token.subtree if not (span.start <= t.i < span.end) for side in [side_of_token(t, lexicon)] if side),
                    None,
                )
                if found:
                    return found
    # 1c. "18 drones ... fired by the Houthis": who launched what was shot down lost it.
    for token in head.subtree:
        if token.dep_ == "agent" and token.head.lemma_.lower() in ("fire", "launch", "send", "operate", "fly", "use"):
            found = side_in(list(token.subtree))
            if found:
                return found
    # 1b. the nearest side word that owns a loss, force or equipment noun in
    # the sentence ("Russian losses", "another Russian aircraft").
    sentence = span.sent
    attackers = _attacker_tokens(sentence)
    owners = [
        t for t in sentence
        if t.i not in excluded and t.i not in attackers and t.dep_ in ("amod", "compound", "poss") and lexicon.side_of(_possessive_free(t))
        and (t.head.lemma_.lower() in OWNED_NOUNS or lexicon.equipment_types_in(t.head.lower_))
    ]
    if owners:
        nearest = min(owners, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
        return lexicon.side_of(_possessive_free(nearest))
    # 2. the subject of the governing verbs ("Russian forces have lost ...").
    verb = governing_verb(head)
    hops = 0
    while verb is not None and hops < 3:
        # "Kyiv has only admitted 13,000 deaths": who admits a loss admits its own.
        self_report = verb.lemma_.lower() in ("admit", "acknowledge", "confirm")
        # "A Russian strike killed 16 people", "US warships shot down 18 drones": the
        # active subject of a destroying verb is the attacker, not the loser.
        attacker = verb.lemma_.lower() in DESTROY_VERBS
        for child in verb.children:
            if child.dep_ == "nsubj" and attacker:
                continue
            if child.dep_ in ("nsubj", "nsubjpass") and (child.i not in excluded or self_report):
                subtree = [t for t in child.subtree if t.dep_ not in ("relcl", "acl") and t.head.dep_ not in ("relcl",)]
                found = side_in([t for t in subtree if t.i not in excluded]) or (
                    side_of_token(child, lexicon) if self_report else None
                )
                if found:
                    return found
        verb = governing_verb(verb)
        hops += 1
    # 3. "on the Ukrainian side" / any side word not in a location phrase.
    for token in sentence:
        if token.lower_ == "side" and token.head.lower_ == "on":
            found = side_in(list(token.children))
            if found:
                return found
    for token in sentence:
        if token.i in excluded or token.i in attackers:
            continue
        if token.dep_ == "pobj" and token.head.lower_ in LOCATION_PREPS:
            continue
        found = side_in([token])
        if found:
            return found
    # 4. the sentence before, in the same paragraph, when a side word there owns
    # a loss or force noun ("Ukraine is guarded about its own military casualties.
    # Kyiv has admitted 13,000 deaths.").
    if sentence.start > 0:
        previous = span.doc[sentence.start - 1].sent
        counted = " ".join(t.lower_ for t in head.subtree)
        if lexicon.equipment_types_in(counted):
            # "Russia launched 73 drones ... Air defence shot down 69 of the drones":
            # weapons shot down belong to whoever launched or fired them.
            for token in previous:
                side = side_of_token(token, lexicon)
                if side and token.dep_ == "nsubj" and token.head.lemma_.lower() in ("launch", "fire", "send"):
                    return side
        for token in previous:
            side = lexicon.side_of(_possessive_free(token))
            if side and token.dep_ in ("amod", "poss", "compound") and token.head.lemma_.lower() in OWNED_NOUNS:
                return side
        for token in previous:
            side = lexicon.side_of(_possessive_free(token))
            if side and token.dep_.startswith("nsubj") and token.head.lemma_.lower() in LOSS_VERBS:
                return side
    return None


def _attacker_tokens(sentence: Span) -> set[int]:
    """Tokens of active subjects of destroying verbs ("A Russian strike killed ...")."""
    found: set[int] = set()
    for token in sentence:
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in DESTROY_VERBS:
            found.update(t.i for t in token.subtree)
    return found


def side_of_token(token: Token, lexicon: Lexicon) -> str | None:
    """The side a token names; "US" only in capitals (not the pronoun "us");
    two-word names ("North Korea") read with the token before."""
    if token.text in ("US", "USA"):
        return "United States"
    if token.lower_ in ("us", "usa"):
        return None
    if token.i > 0:
        pair = lexicon.side_of(f"{token.doc[token.i - 1].lower_} {_possessive_free(token)}")
        if pair:
            return pair
    return lexicon.side_of(_possessive_free(token))


def owner_side(tokens: Span | Doc, lexicon: Lexicon) -> str | None:
    """The first side word in ``tokens`` that owns a loss or force noun ("Russian losses")."""
    for token in tokens:
        if token.dep_ in ("amod", "compound", "poss") and token.head.lemma_.lower() in OWNED_NOUNS:
            side = side_of_token(token, lexicon)
            if side:
                return side
    return None


def location_side(span: Span, lexicon: Lexicon) -> str | None:
    """Last resort: the country where the losses happened ("12,162 civilians killed in
    Ukraine", "a missile attack on Kyiv killed 41 people")."""
    for token in span.sent:
        if token.dep_ == "pobj" and token.head.lower_ in ("in", "across", "inside", "on", "near"):
            name = " ".join(t.text for t in token.subtree if t.dep_ in ("compound", "flat") or t is token)
            side = lexicon.side_of(_possessive_free(token)) or lexicon.side_of_place(name) or lexicon.side_of_place(token.text)
            if side:
                return side
    return None


def _possessive_free(token: Token) -> str:
    text = token.lower_
    return text[:-2] if text.endswith(("'s", "’s")) else text


def majority(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


OPPONENTS = {"Ukraine": "Russia", "Russia": "Ukraine"}
ENEMY_WORDS = ("enemy", "enemy's", "adversary")


def _enemy_side(paragraphs: list[Paragraph], index: int, source: str | None, lexicon: Lexicon) -> str | None:
    """"Losses of the enemy" in a Ukrainian (or Russian) source's report are the other side's."""
    if source is None:
        return None
    source_sides = [lexicon.side_of(word.strip(".,'’s")) for word in source.replace("'s", "").split()]
    own = next((side for side in source_sides if side in OPPONENTS), None)
    if own is None:
        return None
    texts = [paragraphs[index].text] + ([paragraphs[index - 1].text] if index > 0 else [])
    if any(word in text.lower().split() for text in texts for word in ENEMY_WORDS):
        return OPPONENTS[own]
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
    ``context`` or None), the sentence first, then the document around it."""
    side = classify_side(span, lexicon, excluded)
    if side is not None:
        return side, "sentence"
    side = (
        _enemy_side(paragraphs, paragraph_index, source, lexicon)
        or majority(sides_so_far[-3:])
        or owner_side(span.doc[: span.start], lexicon)
        or article_side
        or location_side(span, lexicon)
    )
    return side, ("context" if side else None)
