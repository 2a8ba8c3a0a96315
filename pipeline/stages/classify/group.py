"""``group`` of a claim: military, civilian or mixed, from the counted noun.

The contract's Conventions (CLAIM_SCHEMA.md, group): ``military`` for
soldiers, troops, fighters, rebels, members of an armed group; ``civilian`` for
civilians, children, women, aid workers; ``mixed`` only when the figure
explicitly covers both; null for unqualified people, deaths or casualties, and
for equipment. The words are the lexicon's ``[group]``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsclaims.lexicon import Lexicon
from newsclaims.spacy_ext.tree import governing_verb
from newsclaims.stages.classify.side import counted_noun


def classify_group(span: Span, category: str, lexicon: Lexicon) -> str | None:
    """military / civilian / mixed from the counted noun, or None when it is unqualified.

    A side's personnel losses ("Russian losses reached 742,570", "Russia has
    suffered 223,000 casualties", category ``total``) count its forces; an
    unqualified toll of dead or wounded is military only when its clause says
    so ("on the battlefield", "killed in action", a force that loses it)."""
    if category == "equipment":
        return None
    head = counted_noun(span)
    nouns = _counted_nouns(head)
    # "The toll of 1,000 includes military and civilian dead": both, said of this figure.
    verb = governing_verb(head)
    clause = list(verb.subtree) if verb is not None else [t for noun in nouns for t in noun.subtree]
    phrase = " ".join(t.lower_ for t in clause)
    if any(words in phrase for words in lexicon.group["mixed"]):
        return "mixed"
    groups = [group for noun in nouns for group in [_group_of(noun, lexicon)] if group]
    if not groups and (head.lower_ in ("others", "other", "more") or head.i in range(span.start, span.end)):
        # "killed 31 recruits and wounded 58", "six wounded and nine more missing"
        before = _previous_counted_noun(span)
        group = _group_of(before, lexicon) if before is not None else None
        groups = [group] if group else []
    if groups:
        first = groups[0]
        # "65,000 servicemen and civilians": a second noun of the other group.
        conjoined = [
            _group_of(c, lexicon)
            for noun in nouns
            for c in noun.children
            if c.dep_ == "conj" and c.pos_ == "NOUN" and not any(g.dep_ == "nummod" for g in c.children)
        ]
        if any(g is not None and g != first for g in conjoined):
            return "mixed"
        return first
    civilian_words = lexicon.group["civilian"]
    if any(t.lower_ in civilian_words for t in clause) or head.lemma_.lower() in ("person", "people", "citizen", "resident"):
        # "... the number of people killed ..., about 70% of them women and children"
        forces_lose = _force_loses(verb, lexicon)
        return "military" if forces_lose and category == "total" else None
    if category == "total" or _force_loses(verb, lexicon):
        return "military"
    if any(cue in phrase for cue in lexicon.group.get("military_cues", frozenset())):
        return "military"
    return None


def _force_loses(verb: Token | None, lexicon: Lexicon) -> bool:
    """"Russian units had lost about 3,500 men", "Russia lost 1,262 people killed and
    wounded", "Russian forces suffered 1,520 casualties": a force or a side loses it."""
    if verb is None or verb.lemma_.lower() not in lexicon.side_rule("losing_verbs"):
        return False
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lemma_.lower() in lexicon.group["military"] or subject.lower_ in lexicon.group["military"]:
            return True
        if lexicon.side_of(subject.lower_) is not None:
            return True
    return False


def _previous_counted_noun(span: Span) -> Token | None:
    """The noun of the nearest number before ``span`` in its sentence."""
    for token in reversed(span.doc[span.sent.start : span.start]):
        if token.like_num:
            return token.head if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN") else None
    return None


def _counted_nouns(head: Token) -> list[Token]:
    """The counted noun, and for a bare number the noun it stands for: "17 of the
    fighters", "498 deaths among its soldiers", "Of those, 1,480 were civilians",
    "50 operatives, including three commanders", "the toll of IS militants rose to 16"."""
    nouns = [head]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "among"):
            nouns.extend(p for p in prep.children if p.dep_ == "pobj")
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
        nouns.extend(c for c in head.head.children if c.dep_ == "attr")
    if head.dep_ == "pobj" and head.head.lower_ in ("including", "among") and head.head.head.pos_ in ("NOUN", "PROPN"):
        nouns.append(head.head.head)
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") and head.head.head.pos_ in ("VERB", "AUX"):
        for subject in (c for c in head.head.head.children if c.dep_ in ("nsubj", "nsubjpass")):
            nouns.extend(p for prep in subject.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj")
    return nouns


def _group_of(noun: Token, lexicon: Lexicon) -> str | None:
    """The group the noun and its modifiers name ("aid workers", "civilian deaths", "soldiers")."""
    words = {noun.lemma_.lower(), noun.lower_} | {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    civilian = bool(words & lexicon.group["civilian"])
    military = bool(words & lexicon.group["military"])
    if civilian and military:
        # "civilian personnel" vs "military doctors": the modifier decides.
        head_words = {noun.lemma_.lower(), noun.lower_}
        return "military" if head_words & lexicon.group["civilian"] else "civilian"
    if civilian:
        return "civilian"
    if military:
        return "military"
    return None
