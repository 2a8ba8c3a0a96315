"""Attribution: who makes each claim, read off the dependency parse.

For a candidate, in order:
1. its own sentence: "according to X", or a reporting verb ("said",
   "estimated", "claimed", ...) above the number in the tree, whose subject is
   the source; a subject that is a carrier noun ("a report", "Wednesday's
   total") hands over to its author ("from/by/of X", "X's");
2. the other sentences of its paragraph (quote frames: "“... 1,160 systems
   were destroyed ...,” the Defense Ministry said");
3. the nearest attribution in the preceding paragraphs, at most
   ``inherit_paragraphs`` back (list lines and follow-up paragraphs).
Names are kept whole ("Ukraine's Defense Ministry"), a person is named by the
fullest form the article gives ("Docherty" -> "Leo Docherty", "NATO Secretary
General Mark Rutte" -> "Mark Rutte"), pronouns and short references ("he",
"the ministry") resolve to the entity named before.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsclaims.layout import is_list_line
from newsclaims.lexicon import Lexicon
from newsclaims.records import Candidate, Paragraph
from newsclaims.settings import AttributionSettings

NAME_DEPS = {"compound", "poss", "case", "amod", "nmod", "flat", "det"}
# A passive subject ("deaths were put at 70,000") is what is counted, never the source.
SUBJECT_DEPS = {"nsubj", "csubj"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(slots=True)
class Mention:
    """An entity named in the article, in reading order."""

    paragraph_index: int
    token_index: int
    name: str
    label: str
    head_lemma: str


@dataclass(slots=True)
class Attribution:
    source: str | None
    how: str | None


class _Reader:
    """Per-document state: mentions seen so far, for resolving short references."""

    def __init__(self, paragraphs: list[Paragraph], lexicon: Lexicon) -> None:
        self.paragraphs = paragraphs
        self.lexicon = lexicon
        self.mentions: list[Mention] = []
        # Each parsed paragraph's entities, read once: ``Doc.ents`` builds new
        # spans on every access, and names are looked up per token.
        self._entities: dict[int, tuple[Span, ...]] = {}
        # Only paragraphs that pass the parse prefilter are read, whether or not
        # the prefilter is on: the output must not depend on that switch.
        for index, paragraph in enumerate(paragraphs):
            if paragraph.doc is not None and paragraph.relevant:
                self._collect(index, paragraph.doc)

    def entities(self, doc: Doc) -> tuple[Span, ...]:
        """``doc.ents``, kept for the reader's lifetime (one document)."""
        found = self._entities.get(id(doc))
        if found is None:
            found = self._entities[id(doc)] = tuple(doc.ents)
        return found

    def _collect(self, paragraph_index: int, doc: Doc) -> None:
        for ent in self.entities(doc):
            if ent.label_ not in ENTITY_LABELS:
                continue
            name = self._entity_name(ent) if ent.label_ != "PERSON" else _strip_possessive(ent.text)
            self.mentions.append(Mention(paragraph_index, ent.root.i, name, ent.label_, ent.root.lemma_.lower()))
        for token in doc:
            person = _person_like(token)
            if person is not None and token.ent_type_ != "PERSON":
                # A titled name the NER missed ("Defense Minister Rustem Umerov").
                self.mentions.append(Mention(paragraph_index, token.i, person, "PERSON", token.lemma_.lower()))
                continue
            # Organisation heads the NER missed ("the Defense Ministry", "the General Staff").
            if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ == "" and token.dep_ in SUBJECT_DEPS | {"pobj"}:
                name = self._phrase(token)
                if any(ch.isupper() for ch in name):
                    self.mentions.append(Mention(paragraph_index, token.i, name, "ORG", token.lemma_.lower()))

    def _entity_name(self, ent: Span) -> str:
        return self._phrase(ent.root) if ent.root.dep_ != "poss" else _strip_possessive(ent.text)

    def _phrase(self, head: Token) -> str:
        """The name phrase headed by ``head``: its compounds, possessor and proper modifiers."""
        left = head.i
        for child in head.lefts:
            if child.dep_ in NAME_DEPS and _is_name_part(child):
                left = min(left, child.left_edge.i)
        right = head.i
        for child in head.rights:
            if child.dep_ in ("flat", "compound") or (child.dep_ == "prep" and child.lower_ == "of" and _proper_pobj(child)):
                right = max(right, child.right_edge.i)
            else:
                break
        # An organisation name the NER holds whole ("Center for Strategic and
        # International Studies", "Armed Conflict Location & Event Data Project").
        ent = next((e for e in self.entities(head.doc) if e.start <= head.i < e.end and e.label_ in ("ORG", "PERSON", "FAC")), None)
        if ent is not None and ent.end - 1 > right:
            right = ent.end - 1
        if ent is not None and ent.start < left and head.doc[ent.start].lower_ != "the":
            left = ent.start
        tokens = list(head.doc[left : right + 1])
        # "the open-source project Oryx" -> "Oryx": lower-case descriptors before a
        # proper name are not part of it (a possessor such as "Britain's" is kept).
        first_proper = next((i for i, t in enumerate(tokens) if t.text[:1].isupper() and t.lower_ != "the"), None)
        if first_proper is not None and head.text[:1].isupper():
            lowered = [t for t in tokens[:first_proper] if t.lower_ != "the"]
            if lowered:
                tokens = tokens[first_proper:]
        text = head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text
        return _strip_possessive(text.strip(" ,"))

    # -- resolution -------------------------------------------------------------

    def resolve(self, token: Token, paragraph_index: int) -> str | None:
        """Name the source that ``token`` (a subject or object) stands for."""
        doc = token.doc
        if token.pos_ == "PRON":
            if token.lower_ in PERSON_PRONOUNS:
                return self._last_mention(paragraph_index, token.i, "PERSON")
            return None
        if token.lemma_.lower() in self.lexicon.carrier_nouns and token.ent_type_ == "":
            author = self._carrier_author(token, paragraph_index)
            if author is not None:
                return author
            return None
        if token.ent_type_ == "PERSON":
            ent = next((e for e in self.entities(doc) if e.start <= token.i < e.end), None)
            short = _strip_possessive(ent.text if ent is not None else token.text)
            return self._fullest_person(short)
        if token.pos_ not in ("PROPN", "NOUN"):
            return None
        person = _person_like(token)
        if person is not None:
            return self._fullest_person(person)
        if token.pos_ == "NOUN":
            # "Norway's chief of defence, Eirik Kristoffersen, said": the named appositive.
            for child in token.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    return self.resolve(child, paragraph_index)
        name = self._phrase(token)
        if not any(ch.isupper() for ch in name) and token.lemma_.lower() not in ("official", "ministry", "military", "government", "army", "staff"):
            return None
        if " " not in name and token.pos_ == "PROPN":
            # A bare surname the NER did not tag ("Docherty said"): the person named before.
            fuller: str | None = self._fullest_person(name)
            if fuller != name:
                return fuller
        if _is_short_reference(token):
            fuller = self._fuller_mention(token, paragraph_index)
            if fuller is not None:
                return fuller
        elif not any(c.dep_ == "poss" for c in token.children):
            # "General Staff" in a headline, "Ukraine's General Staff" in the body.
            fuller = self._fuller_mention(token, paragraph_index)
            if fuller is not None and _norm(fuller).endswith(_norm(name)) and len(fuller) > len(name):
                return fuller
        # A title before a name ("NATO's top civilian official"): keep as written.
        return name

    def _carrier_author(self, token: Token, paragraph_index: int) -> str | None:
        queue = list(token.children)
        while queue:
            child = queue.pop(0)
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                # "Its daily bulletin also listed 12 tanks": the organisation named before.
                owner = self._last_mention(paragraph_index, child.i, "ORG")
                if owner:
                    return owner
                continue
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN") and _is_name_part(child):
                if child.ent_type_ in ("DATE", "TIME") or child.lower_ in ("wednesday's", "today"):
                    continue
                return self.resolve(child, paragraph_index)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        if pobj.lemma_.lower() in self.lexicon.carrier_nouns and pobj.ent_type_ == "":
                            queue.extend(pobj.children)
                            continue
                        resolved = self.resolve(pobj, paragraph_index)
                        if resolved:
                            return resolved
            if child.dep_ in ("acl", "relcl"):
                queue.extend(child.children)
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "ORG", "NORP"):
                # "the Ukrainian figure" is Ukraine's figure; "A U.S. estimate" stays "U.S.".
                return self.lexicon.side_of(child.lower_) if child.pos_ == "ADJ" and self.lexicon.side_of(child.lower_) else child.text
        return None

    def _last_mention(self, paragraph_index: int, token_index: int, label: str) -> str | None:
        best: Mention | None = None
        for mention in self.mentions:
            before = mention.paragraph_index < paragraph_index or (
                mention.paragraph_index == paragraph_index and mention.token_index < token_index
            )
            if before and mention.label == label:
                best = mention
        return self._fullest_person(best.name) if best is not None and label == "PERSON" else (best.name if best else None)

    def _fullest_person(self, short: str) -> str:
        surname = short.split()[-1] if short.split() else short
        candidates = [m.name for m in self.mentions if m.label == "PERSON" and m.name.split() and m.name.split()[-1] == surname]
        return max(candidates, key=len) if candidates else short

    def _fuller_mention(self, token: Token, paragraph_index: int) -> str | None:
        """The fuller name of a short reference: the latest such mention before it,
        else the first after it (a headline's "General Staff Says")."""
        lemma = token.lemma_.lower()
        before: str | None = None
        after: str | None = None
        for mention in self.mentions:
            if mention.head_lemma == lemma and _has_proper_qualifier(mention.name):
                if mention.paragraph_index <= paragraph_index:
                    before = mention.name
                elif after is None:
                    after = mention.name
        return before or after

    # -- sentence-level attribution -------------------------------------------------

    def sentence_attribution(self, sentence: Span, number: Token | None, paragraph_index: int) -> str | None:
        """The source a sentence gives for ``number`` (or for the sentence, if None)."""
        for token in sentence:
            if (token.lower_ == "according" and token.dep_ in ("prep", "advmod", "case")) or (
                token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to"
            ):
                pobj = _according_object(token)
                if pobj is not None:
                    resolved = self.resolve(pobj, paragraph_index)
                    if resolved:
                        return resolved
        if number is not None:
            # "figures of 300,000 cited by Moscow": a participle with an agent on the counted noun.
            for noun in [number.head, number.head.head][: 2]:
                for child in noun.children:
                    if child.dep_ == "acl" and child.lemma_.lower() in self.lexicon.reporting_verbs | {"cite", "give"}:
                        agent = next((c for c in child.children if c.dep_ == "agent"), None)
                        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                        resolved = self.resolve(pobj, paragraph_index) if pobj is not None else None
                        if resolved:
                            return resolved
        verbs = self._reporting_verbs(sentence, number)
        for verb in verbs:
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            climb = verb
            for _ in range(3):
                # "Ukraine began tracking and publishing ...": the subject sits higher up the chain.
                if subject is not None or climb.dep_ not in ("advcl", "conj", "xcomp"):
                    break
                climb = climb.head
                subject = next((c for c in climb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None:
                continue
            if number is not None and subject.i <= number.i <= subject.right_edge.i and subject.i != number.i:
                # The number sits inside the subject ("38,940 losses were reported"): no source here.
                pass
            resolved = self.resolve(subject, paragraph_index)
            if resolved:
                return resolved
        if number is not None:
            # "Wednesday's total collated by the Ukrainian military included ... one tank":
            # a carrier noun as the subject of any verb above the number names its author.
            for verb in (a for a in number.ancestors if a.pos_ in ("VERB", "AUX")):
                for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
                    if subject.lemma_.lower() in self.lexicon.carrier_nouns and subject.ent_type_ == "":
                        author = self._carrier_author(subject, paragraph_index)
                        if author:
                            return author
        return None

    def _reporting_verbs(self, sentence: Span, number: Token | None) -> list[Token]:
        """Reporting verbs that can frame the claim: not negated ("does not disclose"),
        and, for a given number, above it in the tree or heading the sentence."""
        reporting = [
            t
            for t in sentence
            if t.pos_ in ("VERB", "AUX")
            and t.lemma_.lower() in self.lexicon.reporting_verbs
            and not any(child.dep_ == "neg" for child in t.children)
        ]
        if number is None:
            return [t for t in reporting if t.dep_ not in ("relcl", "acl", "amod")]
        ancestors = {a.i for a in number.ancestors}
        above = [t for t in reporting if t.i in ancestors]
        frame = [t for t in reporting if t.i not in ancestors and _is_frame(t)]
        return above + frame


# Title words before a name: "Defense Minister Rustem Umerov" -> "Rustem Umerov".
TITLE_WORDS = {
    "minister", "president", "general", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief",
    "commander", "colonel", "lieutenant", "major", "admiral", "prime", "defense", "defence", "foreign", "deputy",
    "head", "director", "chairman", "chairwoman", "senator", "sen.", "rep.", "gen.", "col.", "lt.", "maj.", "adm.",
    "mr.", "ms.", "mrs.", "dr.", "governor", "gov.", "mayor", "ambassador", "envoy", "sergeant", "captain",
    "commissioner", "chancellor", "king", "queen", "pope", "marshal", "field", "army", "navy", "interior",
    "intelligence", "military", "staff", "of", "the", "state", "vice", "acting", "former", "top", "senior",
}
ORG_HEADS = {"ministry", "staff", "forces", "force", "army", "command", "office", "agency", "intelligence",
             "department", "government", "council", "institute", "service", "guard", "military", "navy", "kremlin"}


def _person_like(token: Token) -> str | None:
    """"Rustem Umerov" for a PROPN head whose compounds read as title + first name + surname."""
    if token.pos_ != "PROPN" or token.lower_ in ORG_HEADS or not token.text[:1].isupper():
        return None
    if token.ent_type_ in ("GPE", "NORP", "DATE", "LOC", "FAC"):
        return None
    chain = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    names = [t for t in [*chain, token] if t.lower_ not in TITLE_WORDS]
    names = names[-3:]
    if len(names) < 2 or any(not t.text[:1].isupper() or (t.ent_type_ in ("GPE", "NORP", "ORG") and t.ent_type_ != token.ent_type_) for t in names):
        return None
    if not any(t.lower_ in TITLE_WORDS for t in chain) and token.ent_type_ == "ORG":
        return None
    return " ".join(t.text for t in sorted(names, key=lambda t: t.i))


def _is_frame(verb: Token) -> bool:
    """A speech frame: the sentence's main verb, or a "..., X said" clause after a
    comma or quote (the parser often hangs that clause on a nearby noun)."""
    chain = verb
    for _ in range(3):
        if chain.dep_ == "ROOT":
            return True
        if chain.dep_ not in ("conj", "parataxis", "ccomp", "xcomp"):
            break
        chain = chain.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i > verb.i:
        return False
    before = subject.left_edge.i - 1
    return before >= verb.sent.start and verb.doc[before].text in (",", "”", '"', "’’")


def _according_object(token: Token) -> Token | None:
    for child in token.subtree:
        if child.dep_ == "pobj":
            return child
    return None


def _strip_possessive(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)].strip()
    return text


def _is_name_part(token: Token) -> bool:
    if token.dep_ == "case":
        return True
    if token.dep_ == "det":
        return token.lower_ == "the"
    if token.dep_ == "amod":
        return token.text[:1].isupper() or token.ent_type_ in ("NORP", "GPE", "ORG")
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and (token.text[:1].isupper() or token.dep_ == "compound")


def _proper_pobj(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.text[:1].isupper() for c in prep.children)


def _is_short_reference(token: Token) -> bool:
    """'the ministry', 'the Defense Ministry', 'the General Staff': a definite head with no owner."""
    has_det = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    has_owner = any(c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP")) for c in token.children)
    return has_det and not has_owner


def _norm(name: str) -> str:
    return name.lower().replace("’", "'").removeprefix("the ")


def _has_proper_qualifier(name: str) -> bool:
    return "'s " in name or "’s " in name or (name.split()[0][:1].isupper() and name.split()[0].lower() != "the")


def attribute_sources(
    candidates: list[Candidate],
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    settings: AttributionSettings,
) -> list[Attribution]:
    """The source of each candidate (same order), with how it was found."""
    reader = _Reader(paragraphs, lexicon)
    sentence_cache: dict[tuple[int, int], str | None] = {}
    paragraph_frames: dict[int, str | None] = {}
    results: list[Attribution] = []

    def paragraph_frame(index: int, exclude_start: int) -> str | None:
        key = index * 1_000_000 + exclude_start
        if key in paragraph_frames:
            return paragraph_frames[key]
        found: str | None = None
        doc = paragraphs[index].doc
        if doc is not None and paragraphs[index].relevant:
            sentences = list(doc.sents)
            later = [s for s in sentences if s.start > exclude_start]
            earlier = [s for s in reversed(sentences) if s.start < exclude_start]
            for sentence in later + earlier:
                found = reader.sentence_attribution(sentence, None, index)
                if found:
                    break
        paragraph_frames[key] = found
        return found

    last_by_paragraph: dict[int, str] = {}
    how: str | None
    for candidate in candidates:
        paragraph = paragraphs[candidate.paragraph_index]
        assert paragraph.doc is not None
        span = paragraph.doc[candidate.token_start : candidate.token_end]
        sentence = span.sent
        key = (candidate.paragraph_index, span.root.i)
        if key not in sentence_cache:
            sentence_cache[key] = reader.sentence_attribution(sentence, span.root, candidate.paragraph_index)
        source, how = sentence_cache[key], "sentence"
        if source is None and settings.paragraph_frames:
            source, how = paragraph_frame(candidate.paragraph_index, sentence.start), "paragraph"
        if source is None:
            # Inherit from the nearest preceding paragraphs that hold numbers (list
            # lines and follow-ups); paragraphs without numbers are passed over.
            if is_list_line(paragraph.text):
                # List lines carry on the list's attribution over its header line.
                earlier = [i for i in range(candidate.paragraph_index - 1, -1, -1) if paragraphs[i].relevant]
            else:
                # Prose inherits only from the paragraph right before it.
                earlier = [candidate.paragraph_index - 1] if candidate.paragraph_index > 0 else []
            for index in earlier[: settings.inherit_paragraphs]:
                previous = last_by_paragraph.get(index)
                if previous is None:
                    previous = _paragraph_source(reader, paragraphs, index)
                if previous is not None:
                    source, how = previous, "inherited"
                    break
        if source is None:
            how = None
        else:
            source = normalise_source(source)
            last_by_paragraph[candidate.paragraph_index] = source
        results.append(Attribution(source=source, how=how))
    return results


def normalise_source(name: str) -> str:
    """Straight apostrophes, single spaces, no trailing punctuation, "The X" -> "the X"."""
    name = " ".join(name.replace("’", "'").replace("‘", "'").split()).strip(" ,;:")
    if name.endswith(".") and not name.endswith((" U.S.", "U.K.")) and name.count(".") == 1:
        name = name[:-1]
    return "the " + name[4:] if name.startswith("The ") else name


def _paragraph_source(reader: _Reader, paragraphs: list[Paragraph], index: int) -> str | None:
    if index < 0 or paragraphs[index].doc is None or not paragraphs[index].relevant:
        return None
    doc = paragraphs[index].doc
    assert doc is not None
    for sentence in doc.sents:
        found = reader.sentence_attribution(sentence, None, index)
        if found:
            return found
    if paragraphs[index].text.rstrip().endswith(":"):
        # A list header without a verb ("Ukraine's General Staff, total Russian losses
        # from ... to ...:") names its source first.
        first = next((m for m in reader.mentions if m.paragraph_index == index and m.label in ("ORG", "PERSON")), None)
        if first is not None:
            return first.name
    return None
