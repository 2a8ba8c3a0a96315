"""Attribution: who makes each claim, read off the dependency parse and the document.

A document is read in order, as explicit state (``_Reader``): the entities
named so far (``Mention``), their aliases (an abbreviation "Tigray Defense
Forces (TDF)", an appositive "Open Tally, a volunteer project", a title
"Governor Roman Tkach"), and the statements made so far (``Statement``: who
is speaking, where). For a candidate, in order:

1. its own sentence: the frame nearest the number in the tree — a reporting
   verb above it ("said", "claimed", "with X claiming", "which X say
   killed"), a carrier noun on its path or beside it ("a Ukrainian defence
   ministry estimate of 46,000", "824 a day, a figure X determined") or a
   frame phrase ("according to X", "as per data examined by X", "based on X
   assessments", "in an update from X"); at equal depth the speaker of a
   verb wins over a relayed source ("according to Y, X reported ...": X);
2. the quote it stands in: the frame after the closing quote mark;
3. the statement it continues: the latest earlier statement of its
   paragraph; for a paragraph's first sentence, the last statement of the
   paragraph before (sub-headings passed over; list lines reach back over
   their header);
4. an unattributed lead: the frame that opens the next paragraph;
5. a headline or key point (``_front_matter``): its own frame (key points
   only), else the body figure it restates, else the headline's trailer
   ("..., Health Ministry Says").

Paragraphs without a figure are not parsed; their speakers ("Military
officials say ...", "A study from the Center for ... (CSIS) found ...") and
names are read off the text (``_Reader.read_text``), so that the figures
after them can continue them.

Names are kept whole ("Ukraine's Defense Ministry") without a leading "the";
a person is named by the fullest form the article gives ("Docherty" -> "Leo
Docherty", "NATO Secretary General Mark Rutte" -> "Mark Rutte"); pronouns,
role nouns ("the minister", "the group", "the report") and short forms ("the
ministry", "TDF") resolve to the entity the article named. Datelines
("KYIV —") and page labels ("Details:") are never sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Span, Token

from newsclaims.layout import headline_index, is_list_line
from newsclaims.lexicon import Lexicon
from newsclaims.records import Candidate, Paragraph
from newsclaims.settings import AttributionSettings

NAME_DEPS = {"compound", "poss", "case", "amod", "nmod", "flat", "det"}
# A passive subject ("deaths were put at 70,000") is what is counted, never the source.
SUBJECT_DEPS = {"nsubj", "csubj"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them"}
RELATIVE_PRONOUNS = {"which", "who", "whom", "that"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# Determiners dropped from a source as written ("the General Staff", "most analysts").
DROPPED_DETERMINERS = {"the", "a", "an", "some", "most", "many", "several", "these", "those", "this", "that", "which", "whose"}
DEFINITE = {"the", "this", "these", "that", "those"}
# Words a short reference adds to the name it points back to ("the same historians").
GENERIC_ADJECTIVES = {"same", "other", "latest", "new", "local", "official", "own", "former", "said"}

# Roles a person holds: "the minister said" is the minister the article named.
PERSON_ROLES = {
    "minister", "spokesman", "spokeswoman", "spokesperson", "official", "chief", "governor", "commander",
    "president", "leader", "head", "mayor", "envoy", "ambassador", "director", "chairman", "premier",
    "representative", "adviser", "advisor", "secretary", "general", "colonel", "prosecutor",
}
# Organisation nouns: "the group", "the agency", "the Estonian service".
ORG_NOUNS = {
    "ministry", "military", "army", "government", "staff", "group", "organisation", "organization", "agency",
    "service", "movement", "militia", "alliance", "network", "project", "outlet", "monitor", "observatory",
    "watchdog", "office", "administration", "command", "navy", "coalition", "committee", "council",
    "department", "intelligence", "authority", "institute", "media", "broadcaster", "newspaper", "website",
    "mission", "charity", "body", "side", "think tank", "force", "forces", "police", "kremlin", "pentagon",
    "brigade", "battalion", "regiment", "division", "corps", "unit",
}
# Organisation nouns that stand for whoever spoke last ("the group said").
GENERIC_ORG_NOUNS = {
    "group", "organisation", "organization", "agency", "movement", "militia", "alliance", "network", "project",
    "outlet", "monitor", "observatory", "watchdog", "coalition", "body", "charity", "think tank", "service",
}
# "the military", "the army": the armed forces that spoke last.
MILITARY_NOUNS = {"military", "army"}
MILITARY_NAME = re.compile(r"\b(?:Forces|Army|Military|IDF|General Staff|Armed|Defen[cs]e Forces)\b")
# Common nouns that speak for themselves when nothing names them: "military sources said".
SPEAKER_NOUNS = PERSON_ROLES | ORG_NOUNS | {
    "source", "resident", "witness", "activist", "analyst", "expert", "historian", "medic", "doctor", "rescuer",
    "worker", "volunteer", "researcher", "investigator", "journalist", "fighter", "rebel", "militant",
    "insurgent", "observer", "paramedic", "hospital", "survivor", "villager", "relative", "soldier", "lawmaker",
    "diplomat", "officer", "authorities", "elder", "correspondent", "reporter",
}
# Lower-case role heads that speak for the organisation after "of"/"for": "the press office of X".
ROLE_OF = {"office", "service", "press"}
# Places record events; they do not report figures ("Kharkiv Oblast recorded 20 injuries").
PLACE_NOUNS = {"oblast", "region", "province", "city", "town", "district", "village", "area", "county", "state",
               "governorate", "municipality", "raion", "territory"}
# Reporting verbs that say something (a lower-case speaker noun is a source only for these, or for the others
# when it is an organisation).
SPEECH_VERBS = {
    "say", "tell", "claim", "announce", "state", "add", "report", "confirm", "estimate", "allege", "insist",
    "admit", "acknowledge", "write", "note", "declare", "testify", "assure", "stress", "agree", "warn",
    "explain", "emphasize", "emphasise", "clarify", "reveal", "tweet", "post", "brief", "believe", "assess",
    "conclude", "suggest", "indicate", "cite", "put", "determine", "specify", "mention", "accord",
}
# Reporting verbs that also handle things: "released 38 prisoners", "gave 12 tanks" report nothing.
HANDLING_VERBS = {"release", "give", "provide", "share", "issue"}
# Nouns that are what a figure counts, never who gives it.
TIME_NOUNS = {"today", "yesterday", "tomorrow", "day", "week", "month", "year", "night", "morning", "weekend"}
# Where a statement is posted is not who makes it ("in a Facebook post").
PLATFORMS = {"facebook", "telegram", "twitter", "x", "instagram", "youtube", "tiktok", "whatsapp", "vk", "vkontakte",
             "viber", "signal", "website", "online"}
NOT_SOURCE_HEADS = {"loss", "losses", "casualty", "death", "toll", "equipment", "invasion", "war", "attack",
                    "strike", "offensive", "operation", "fighting", "number", "total", "rate", "average"}

QUOTE_OPEN = {"“", "«", "„"}
QUOTE_CLOSE = {"”", "»"}
QUOTE_BOTH = {'"', "''", "``"}
# A dateline or page label opening a paragraph: "KYIV —", "NAIROBI (Agency) –", "Kiev, April 17:",
# "Mogadishu (HOL) -", "Baghdad:", "Details:".
DATELINE = re.compile(
    r"^\s*(?:"
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}(?:,\s*[A-Za-z0-9 .,]{1,24}?)?\s*(?:\([^)\n]{1,40}\)\s*)?(?:[—–]|--?)\s"
    r"|[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?\s*(?:\([^)\n]{1,40}\)|,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?)\s*(?:[—–:]|--?)\s"
    r"|[A-Z][a-z]{2,15}:\s"
    r")"
)
# A headline's trailer or opener naming its source: "..., Health Ministry Says", "... - Defence Ministry".
NAME_RUN = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|for|the|and|on))*?"
HEADLINE_TRAILER = re.compile(
    rf"(?:,|\s[-–—|:])\s*(?P<name>{NAME_RUN})(?:\s+(?:Says|Say|Said|Claims|Claim|Reports|Report|Confirms|Estimates))?\s*['\"’”]?\s*$"
)
HEADLINE_OPENER = re.compile(rf"^\s*['\"‘“]?(?P<name>{NAME_RUN})\s+(?:Says|Say|Claims|Claim|Reports|Estimates)\s")
# Statements in paragraphs that are not parsed (no figure of their own): read off the text.
TEXT_NAME = r"[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|for|and|on|the)){0,7}"
TEXT_VERBS = (
    r"say|says|said|report|reports|reported|told|tells|announced|announces|claimed|claims|confirmed|confirms|"
    r"stated|estimated|estimates|noted|notes|found|finds|reveal|reveals|revealed|concluded|added|adds"
)
TEXT_SPEAKERS = r"officials|sources|source|analysts|experts|residents|witnesses|authorities|documents|spokesman|spokeswoman"
TEXT_SPEAKER_HEADS = {"official", "source", "analyst", "expert", "resident", "witness", "authoritie", "spokesman", "spokeswoman"}
TEXT_SUBJECT = re.compile(
    rf"^(?:The\s+|A\s+|An\s+)?(?P<subject>(?:[A-Z][\w'’.&-]*\s+)(?:(?:[A-Za-z][\w'’.&-]*)\s+){{0,4}}?(?:{TEXT_SPEAKERS})"
    rf"|{TEXT_NAME})\s+(?:also\s+|have\s+|has\s+)?(?:{TEXT_VERBS})\b"
)
TEXT_CARRIER = re.compile(
    r"\b(?P<carrier>report|reports|study|analysis|assessment|update|estimate|estimates|survey|statement|data|figures|"
    r"document|documents|review|tally|count|bulletin)\s+(?:from|by)\s+(?:the\s+)?(?P<name>" + TEXT_NAME + r")"
)
TEXT_ACCORDING = re.compile(r"\baccording to (?:the\s+)?(?P<name>" + TEXT_NAME + r")")
TEXT_MENTION = re.compile(r"(?<![\w'’])" + TEXT_NAME)
TEXT_ABBREVIATION = re.compile(r"(?P<name>" + TEXT_NAME + r")\s+\((?P<short>[A-Z]{2,7})\)")
TEXT_SENTENCE = re.compile(r"(?<=[.!?])(?<!\.[A-Z]\.)(?<!\s[A-Z]\.)\s+(?=[A-Z“\"])")
SENTENCE_SPLIT = re.compile(r"[.!?][\"'’”)]*\s+[A-Z“\"]")
SENTENCE_END = re.compile(r"[.!?;:][\"'’”)]*\s*$")


@dataclass(slots=True)
class Mention:
    """An entity named in the article, in reading order."""

    paragraph_index: int
    token_index: int
    name: str
    label: str
    head_lemma: str
    subject: bool = False


@dataclass(slots=True)
class Statement:
    """A source speaking at a point of the document (its own frame, or carried on)."""

    paragraph_index: int
    token_index: int
    source: str
    person: bool
    own: bool


@dataclass(slots=True)
class Attribution:
    source: str | None
    how: str | None


@dataclass(slots=True)
class _Frame:
    rank: int
    kind: int
    source: str


class _Reader:
    """Per-document state: mentions, aliases and statements seen so far."""

    def __init__(self, paragraphs: list[Paragraph], lexicon: Lexicon) -> None:
        self.paragraphs = paragraphs
        self.lexicon = lexicon
        self.mentions: list[Mention] = []
        self.statements: list[Statement] = []
        self.by_paragraph: dict[int, list[Statement]] = {}
        self._person_names: set[str] | None = None
        # Lower-case role or descriptor -> (paragraph, token, name): "project" -> "Open Tally".
        self.aliases: dict[str, list[tuple[int, int, str]]] = {}
        # Abbreviations defined in the text: "TDF" -> "Tigray Defense Forces".
        self.abbreviations: dict[str, str] = {}
        # Carrier lemma -> its latest named author ("update" -> "General Staff").
        self.carrier_authors: dict[str, str] = {}
        # Each parsed paragraph's entities, read once: ``Doc.ents`` builds new
        # spans on every access, and names are looked up per token.
        self._entities: dict[int, tuple[Span, ...]] = {}
        self._quotes: dict[int, list[bool]] = {}
        self._datelines: dict[int, int] = {}
        self._dateline_tokens: dict[int, int] = {}
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

    # -- document layout -------------------------------------------------------

    def quoted(self, token: Token) -> bool:
        """Whether ``token`` stands inside quotation marks (its paragraph read from the start)."""
        doc = token.doc
        mask = self._quotes.get(id(doc))
        if mask is None:
            mask = []
            inside = False
            for t in doc:
                if t.text in QUOTE_OPEN:
                    inside = True
                    mask.append(False)
                elif t.text in QUOTE_CLOSE:
                    inside = False
                    mask.append(False)
                elif t.text in QUOTE_BOTH:
                    inside = not inside
                    mask.append(False)
                else:
                    mask.append(inside)
            self._quotes[id(doc)] = mask
        return mask[token.i]

    def _dateline_end(self, doc: Doc) -> int:
        """The index of the first token after a paragraph's dateline (0 when it has none)."""
        end = self._dateline_tokens.get(id(doc))
        if end is None:
            first = next((t for t in doc if not self.in_dateline(t)), None) if len(doc) and self.in_dateline(doc[0]) else None
            end = self._dateline_tokens[id(doc)] = first.i if first is not None else 0
        return end

    def in_dateline(self, token: Token) -> bool:
        """Whether ``token`` is part of a dateline or page label opening its paragraph."""
        doc = token.doc
        end = self._datelines.get(id(doc))
        if end is None:
            match = DATELINE.match(doc.text)
            end = self._datelines[id(doc)] = match.end() if match else 0
        return token.idx < end

    def read_text(self, paragraph_index: int, text: str) -> None:
        """Statements of a paragraph that was not parsed, read off its text: "Military
        officials say ...", "A study from the Center for ... (CSIS) found ...",
        "according to X"; and the abbreviations it defines."""
        for match in TEXT_ABBREVIATION.finditer(text):
            name = _trim_name(match.group("name"))
            short = match.group("short")
            if name and short[0] in {w[0] for w in name.split() if w[:1].isupper()}:
                self.abbreviations.setdefault(short, name)
        if _is_heading(Paragraph(0, text)):
            return
        for match in TEXT_MENTION.finditer(text):
            # Names for short references later ("Ukraine's General Staff" for "the staff").
            name = _trim_name(match.group(0))
            if len(name.split()) >= 2 and not self._demonym(name.split()[-1]):
                self.mentions.append(Mention(paragraph_index, 0, name, "ORG", name.split()[-1].lower().strip(".,")))
        dateline = DATELINE.match(text)
        if dateline is not None:
            text = text[dateline.end() :]
        for number, sentence in enumerate(TEXT_SENTENCE.split(text.strip())):
            found: str | None = None
            carrier = TEXT_CARRIER.search(sentence)
            if carrier is not None:
                found = _trim_name(carrier.group("name"))
                if found:
                    self.carrier_authors[carrier.group("carrier").lower().removesuffix("s")] = found
            according = TEXT_ACCORDING.search(sentence)
            if according is not None and found is None:
                found = _trim_name(according.group("name"))
            subject = TEXT_SUBJECT.match(sentence)
            if subject is not None:
                words = subject.group("subject").split()
                head = words[-1].lower()
                if head in ("documents", "document"):
                    # "Leaked US intelligence documents reveal ...": the documents' author.
                    author = " ".join(words[:-1])
                    if author:
                        self.carrier_authors["document"] = author
                        found = found or author
                elif head.removesuffix("s") in TEXT_SPEAKER_HEADS or words[-1][:1].isupper():
                    found = _trim_name(subject.group("subject")) or found
            if found:
                found = _untitled(normalise_source(found))
            if found and found.lower() not in TEXT_NOT_NAMES and not (" " not in found and self._demonym(found)):
                found = self.abbreviations.get(found, found)
                if " " not in found:
                    found = self._fullest_person(found)
                self.note(paragraph_index, number * 1000, found, True)

    def _demonym(self, name: str) -> bool:
        """"Russian", "European NATO": a nationality adjective, not an entity."""
        first = name.split()[0]
        lowered = first.lower()
        side = self.lexicon.side_of(first)
        adjective = lowered.endswith(("ian", "an", "ese", "ish", "ean", "i"))
        return adjective and (side is not None or lowered.endswith(("ian", "ese", "ish", "ean"))) and (side is None or side.lower() != lowered)

    def is_carrier(self, token: Token) -> bool:
        """A carrier noun ("a report", "figures"), not a name that ends in one ("Open Tally")."""
        return (
            token.lemma_.lower() in self.lexicon.carrier_nouns
            and token.ent_type_ == ""
            and token.pos_ in ("NOUN", "PROPN")
            and (not token.text[:1].isupper() or token.is_sent_start or token.i == token.sent.start)
        )

    # -- mentions -----------------------------------------------------------------

    def _collect(self, paragraph_index: int, doc: Doc) -> None:
        for ent in self.entities(doc):
            if ent.label_ not in ENTITY_LABELS or self.in_dateline(ent.root):
                continue
            name = self._entity_name(ent) if ent.label_ != "PERSON" else _strip_possessive(ent.text)
            if ent.label_ == "PERSON":
                # "Valerii Zaluzhnyi" when the NER tagged only "Zaluzhnyi"; "Sir Tony Radakin" -> "Tony Radakin".
                fuller = _person_like(ent.root)
                if fuller is not None and len(fuller) > len(name) and fuller.endswith(name):
                    name = fuller
                words = name.split()
                while len(words) > 2 and words[0].lower().rstrip(".") in TITLE_WORDS | {"sir", "dame", "lord", "lady", "dr", "prof"}:
                    words.pop(0)
                name = " ".join(words)
            name = _strip_determiner(name)
            if not name:
                continue
            subject = ent.root.dep_ in SUBJECT_DEPS or (ent.root.dep_ == "appos" and ent.root.head.dep_ in SUBJECT_DEPS)
            self.mentions.append(Mention(paragraph_index, ent.root.i, name, ent.label_, ent.root.lemma_.lower(), subject))
        for token in doc:
            if self.in_dateline(token):
                continue
            person = _person_like(token)
            if person is not None and token.ent_type_ != "PERSON":
                # A titled name the NER missed ("Defense Minister Rustem Umerov").
                subject = token.dep_ in SUBJECT_DEPS
                self.mentions.append(Mention(paragraph_index, token.i, person, "PERSON", token.lemma_.lower(), subject))
            elif (
                token.pos_ in ("NOUN", "PROPN")
                and token.ent_type_ == ""
                and token.dep_ in SUBJECT_DEPS | {"pobj", "appos"}
                and not (token.dep_ == "pobj" and token.head.lower_ in ("of", "for") and token.head.head.pos_ == "PROPN")
            ):
                # Organisation heads the NER missed ("the Defense Ministry", "the General Staff").
                name = _strip_determiner(self._phrase(token))
                if name and _proper_looking(token, name):
                    self.mentions.append(Mention(paragraph_index, token.i, name, "ORG", token.lemma_.lower(), token.dep_ in SUBJECT_DEPS))
            self._collect_aliases(paragraph_index, token)

    def _collect_aliases(self, paragraph_index: int, token: Token) -> None:
        # "Tigray Defense Forces (TDF)": an abbreviation defined in brackets.
        if (
            token.pos_ == "PROPN"
            and 2 <= len(token.text) <= 7
            and token.text.isupper()
            and token.i > 1
            and token.nbor(-1).text == "("
            and token.i + 1 < len(token.doc)
            and token.nbor(1).text == ")"
        ):
            head = token.head if token.dep_ == "appos" else token.doc[token.i - 2]
            while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "PROPN":
                # "the Syrian Observatory for Human Rights (SOHR)": the whole name, not "Human Rights".
                head = head.head.head
            if head.pos_ in ("PROPN", "NOUN") and head.i < token.i:
                full = _strip_determiner(_strip_possessive(self._phrase(head)))
                initials = {w[0] for w in full.split() if w[:1].isupper()}
                if full and full != token.text and token.text[0] in initials:
                    self.abbreviations.setdefault(token.text, full)
        # "Open Tally, a volunteer project": the descriptor names the entity later ("the project").
        described = self._appositive_name(token) if token.pos_ == "NOUN" and token.dep_ != "appos" else None
        if described is not None:
            name = self._proper_name(described)
            if name:
                self.aliases.setdefault(_role_lemma(token), []).append((paragraph_index, token.i, self.abbreviations.get(name, name)))
        if token.dep_ == "appos" and token.pos_ == "NOUN" and token.head.pos_ == "PROPN":
            name = self._proper_name(token.head)
            if name:
                self.aliases.setdefault(_role_lemma(token), []).append((paragraph_index, token.i, name))
        elif token.pos_ == "NOUN" and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children):
            appos = next(c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN")
            name = self._proper_name(appos)
            if name:
                self.aliases.setdefault(_role_lemma(token), []).append((paragraph_index, token.i, name))
        elif token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat"):
            # "Governor Roman Tkach", "the independent outlet Ostrog": a role or descriptor before a name.
            roles = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in PERSON_ROLES | ORG_NOUNS]
            person = _person_like(token) if roles else None
            name = person or (self._proper_name(token) if roles else None)
            for role in roles:
                if name:
                    self.aliases.setdefault(role.lower_, []).append((paragraph_index, token.i, name))

    def _proper_name(self, token: Token) -> str | None:
        if token.ent_type_ == "PERSON":
            ent = next((e for e in self.entities(token.doc) if e.start <= token.i < e.end), None)
            return self._fullest_person(_strip_possessive(ent.text if ent is not None else token.text))
        person = _person_like(token)
        if person is not None:
            return self._fullest_person(person)
        name = _strip_determiner(self._phrase(token))
        return name if name[:1].isupper() else None

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
            if child.dep_ in ("flat", "compound") or (
                child.dep_ == "prep" and child.lower_ in ("of", "for") and _proper_pobj(child) and head.text[:1].isupper()
            ):
                right = max(right, _name_end(child))
            else:
                break
        # An organisation name the NER holds whole ("Center for Strategic and
        # International Studies", "Armed Conflict Location & Event Data Project"),
        # within the head's own phrase.
        ent = next((e for e in self.entities(head.doc) if e.start <= head.i < e.end and e.label_ in ("ORG", "PERSON", "FAC")), None)
        if ent is not None:
            first, last = head.left_edge.i, head.right_edge.i
            while right + 1 < ent.end and right + 1 <= last:
                right += 1
            while left - 1 >= ent.start and left - 1 >= first and head.doc[left - 1].lower_ != "the":
                left -= 1
        left = max(left, self._dateline_end(head.doc))
        tokens = list(head.doc[min(left, head.i) : right + 1])
        # "the open-source project Oryx" -> "Oryx": lower-case descriptors before a
        # proper name are not part of it (a possessor such as "Britain's" is kept).
        if head.text[:1].isupper():
            position = next((k for k, t in enumerate(tokens) if t.i == head.i), len(tokens) - 1)
            cut = next(
                (
                    k + 1
                    for k in range(position - 1, -1, -1)
                    if tokens[k].text[:1].islower() and tokens[k].lower_ not in ("the", "'s", "’s", "of", "for", "and", "de", "al")
                    and tokens[k].dep_ not in ("case", "punct")
                    and not tokens[k].like_num
                ),
                0,
            )
            # "the al-Qaeda-linked group JNIM" -> "JNIM"; a possessor ("Britain's") is kept.
            if cut:
                tokens = tokens[cut:]
        text = head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text
        return _strip_possessive(text.strip(" ,"))

    def _common_phrase(self, head: Token) -> str:
        """A source named by a common noun, as written: "military sources", "the
        commander of the 66th unit", "senior NATO official" (leading determiner dropped)."""
        left = head.i
        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "poss", "det", "advmod", "nummod") and not child.like_num:
                if child.dep_ == "advmod" and child.i + 1 != head.i and child.nbor(1).dep_ not in ("amod", "compound"):
                    continue
                left = min(left, child.left_edge.i)
        right = head.i
        node = head
        while True:
            prep = next((c for c in node.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None or pobj.pos_ not in ("NOUN", "PROPN") or pobj.lemma_.lower() in NOT_SOURCE_HEADS:
                break
            right = pobj.i
            for child in pobj.rights:
                if child.dep_ in ("compound", "flat"):
                    right = max(right, child.right_edge.i)
            node = pobj
        text = head.doc[left : right + 1].text
        return _strip_determiner(_strip_possessive(text.strip(" ,")))

    # -- statements -----------------------------------------------------------------

    def note(self, paragraph_index: int, token_index: int, source: str, own: bool) -> None:
        if self._person_names is None:
            self._person_names = {m.name for m in self.mentions if m.label == "PERSON"}
        statement = Statement(paragraph_index, token_index, source, source in self._person_names, own)
        self.statements.append(statement)
        self.by_paragraph.setdefault(paragraph_index, []).append(statement)

    def in_paragraph(self, paragraph_index: int) -> list[Statement]:
        """The statements of one paragraph, in reading order."""
        return self.by_paragraph.get(paragraph_index, [])

    def recent(self, paragraph_index: int, token_index: int, back: int) -> Iterator[Statement]:
        """The statements before a point, latest first, at most ``back`` paragraphs back."""
        for index in range(paragraph_index, max(-1, paragraph_index - back - 1), -1):
            for statement in reversed(self.by_paragraph.get(index, [])):
                if index == paragraph_index and statement.token_index >= token_index:
                    continue
                yield statement

    def last_statement(self, paragraph_index: int, token_index: int, person: bool | None = None, back: int = 3) -> str | None:
        for statement in self.recent(paragraph_index, token_index, back):
            if person is None or statement.person == person:
                return statement.source
        return None

    # -- resolution -------------------------------------------------------------

    def resolve(self, token: Token, paragraph_index: int, explicit: bool = False) -> str | None:
        """Name the source that ``token`` (a subject or object) stands for.

        ``explicit``: only a source the phrase names itself (no role noun read
        as whoever spoke before).
        """
        if self.in_dateline(token):
            for child in token.children:
                if child.dep_ == "appos" and not self.in_dateline(child):
                    return self.resolve(child, paragraph_index, explicit)
            return None
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP"):
            # "Ukraine's General Staff, which put them at 852,660": the relative clause's antecedent.
            antecedent = _antecedent(token)
            return self.resolve(antecedent, paragraph_index, explicit) if antecedent is not None else None
        if token.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                return self._person_pronoun(token, paragraph_index)
            if lower in GROUP_PRONOUNS and not explicit:
                return self._group_pronoun(token, paragraph_index)
            return None
        if self.is_carrier(token):
            return self._carrier_author(token, paragraph_index, explicit)
        if token.ent_type_ == "PERSON":
            ent = next((e for e in self.entities(token.doc) if e.start <= token.i < e.end), None)
            short = _strip_possessive(ent.text if ent is not None else token.text)
            return self._fullest_person(short)
        if token.pos_ not in ("PROPN", "NOUN"):
            return None
        if token.text in self.abbreviations:
            return self.abbreviations[token.text]
        person = _person_like(token)
        if person is not None:
            return self._fullest_person(person)
        if token.pos_ == "NOUN" or not token.text[:1].isupper():
            return self._resolve_common(token, paragraph_index, explicit)
        name = _strip_determiner(self._phrase(token))
        if not name:
            return None
        if " " not in name:
            # A bare surname the NER did not tag ("Docherty said"): the person named before.
            fuller: str | None = self._fullest_person(name)
            if fuller != name:
                return fuller
        if not any(c.dep_ == "poss" for c in token.children):
            # "the General Staff" / "General Staff" in a headline, "Ukraine's General Staff" in the body.
            fuller = self._fuller_mention(token, name, paragraph_index)
            if fuller is not None:
                return fuller
        return name

    def _resolve_common(self, token: Token, paragraph_index: int, explicit: bool) -> str | None:
        """A source named by a common noun: an appositive name, a role the article
        gave a name to, the organisation an office speaks for, or the noun as written."""
        lemma = _role_lemma(token)
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                # "Norway's chief of defence, Eirik Kristoffersen, said": the named appositive.
                return self.resolve(child, paragraph_index, explicit)
        if lemma in PERSON_ROLES:
            # "the UN envoy to Marenia, Clara Demir, said": the name may hang lower down.
            holder = next((t for t in token.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.i > token.i), None)
            if holder is not None:
                return self.resolve(holder, paragraph_index, explicit)
        if lemma in ROLE_OF:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and (pobj.pos_ == "PROPN" or pobj.lemma_.lower() in ORG_NOUNS):
                        return self.resolve(pobj, paragraph_index, explicit)
        if lemma in NOT_SOURCE_HEADS:
            return None
        if lemma in GENERIC_ORG_NOUNS:
            # "Lebanon's Hezbollah movement", "the Wagner group": a force known by its own name
            # ("the Khortytsia operational group" keeps its descriptor).
            own_name = next(
                (
                    c
                    for c in token.lefts
                    if c.dep_ in ("compound", "nmod")
                    and c.pos_ == "PROPN"
                    and (self.lexicon.side_of(c.text) or "").lower() == c.lower_
                ),
                None,
            )
            if own_name is not None:
                return self.resolve(own_name, paragraph_index, explicit)
        proper_modifier = any(
            c.dep_ in ("amod", "compound", "poss", "nmod") and (c.text[:1].isupper() or c.ent_type_ in ("NORP", "GPE", "ORG"))
            for c in token.lefts
        )
        if lemma not in SPEAKER_NOUNS and not (proper_modifier and token.dep_ in SUBJECT_DEPS):
            return None
        singular = token.tag_ in ("NN", "NNP")
        determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        definite = determiner in DEFINITE or owner is not None
        # "the army" stands for the army named before; "Eskeria's army" names its own.
        bare_definite = determiner in DEFINITE and owner is None
        if definite and singular and not explicit and lemma in PERSON_ROLES:
            # "the minister", "NATO's top civilian official": the person the article named.
            named = self._alias(lemma, token, paragraph_index)
            if named is None:
                named = self.last_statement(paragraph_index, token.i, person=True)
            if named is None:
                named = self._person_named_after(token, paragraph_index)
            if named is not None:
                return named
        if definite and (lemma in ORG_NOUNS or lemma in GENERIC_ORG_NOUNS or not singular):
            # "the ministry", "the officials": the fuller name given before ("Pentagon officials").
            fuller = self._fuller_mention(token, self._common_phrase(token), paragraph_index)
            if fuller is not None:
                return fuller
            if not explicit and bare_definite:
                named = self._alias(lemma, token, paragraph_index)
                if named is None and lemma in GENERIC_ORG_NOUNS:
                    named = self.last_statement(paragraph_index, token.i, person=False)
                if named is None and lemma in MILITARY_NOUNS:
                    # "according to the military" after "The Israel Defense Forces said".
                    named = next(
                        (st.source for st in self.recent(paragraph_index, token.i, 3) if MILITARY_NAME.search(st.source)), None
                    )
                if named is not None:
                    return named
        name = self._common_phrase(token)
        return name or None

    def _person_named_after(self, token: Token, paragraph_index: int) -> str | None:
        """"NATO's top civilian official said ..." / "NATO Secretary General Mark Rutte told ...":
        the next person named as a speaker with the same organisation in the title."""
        organisations = {c.lower_.removesuffix("'s").removesuffix("’s") for c in token.lefts if c.text[:1].isupper() and c.pos_ == "PROPN"}
        if not organisations:
            return None
        for mention in self.mentions:
            if mention.label != "PERSON" or not mention.subject:
                continue
            if (mention.paragraph_index, mention.token_index) <= (paragraph_index, token.i) or mention.paragraph_index > paragraph_index + 1:
                continue
            doc = self.paragraphs[mention.paragraph_index].doc
            assert doc is not None
            head = doc[mention.token_index]
            title = {t.lower_.removesuffix("'s").removesuffix("’s") for t in doc[head.left_edge.i : head.i]}
            if organisations & title:
                return self._fullest_person(mention.name)
        return None

    def _alias(self, lemma: str, token: Token, paragraph_index: int) -> str | None:
        best: str | None = None
        for index, position, name in self.aliases.get(lemma, []):
            if index < paragraph_index or (index == paragraph_index and position < token.i):
                best = name
        return best

    def _person_pronoun(self, token: Token, paragraph_index: int) -> str | None:
        """"he said": the person who spoke last, else the person last named as a subject, else named."""
        speaker = next((s for s in self.recent(paragraph_index, token.i, 3) if s.person), None)
        subject = next(
            (
                m
                for m in reversed(self.mentions)
                if m.label == "PERSON" and m.subject and (m.paragraph_index, m.token_index) < (paragraph_index, token.i)
            ),
            None,
        )
        if subject is not None and (
            speaker is None or (subject.paragraph_index, subject.token_index) > (speaker.paragraph_index, speaker.token_index)
        ):
            return self._fullest_person(subject.name)
        if speaker is not None:
            return speaker.source
        return self._last_mention(paragraph_index, token.i, "PERSON")

    def _group_pronoun(self, token: Token, paragraph_index: int) -> str | None:
        """"it said", "they said": an organisation named as a subject earlier in the
        sentence, else the organisation that spoke last, else the one last named."""
        # "the Headquarters said it had registered ...": the speaker whose clause it stands in.
        clause = token.head
        for _ in range(3):
            if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SPEECH_VERBS:
                speaker = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
                if speaker is not None and speaker.pos_ != "PRON" and not self.in_dateline(speaker):
                    resolved = self.resolve(speaker, paragraph_index, explicit=True)
                    if resolved:
                        return resolved
                break
            if clause.head is clause:
                break
            clause = clause.head
        sentence = token.sent
        for mention in reversed(self.mentions):
            if (
                mention.paragraph_index == paragraph_index
                and sentence.start <= mention.token_index < token.i
                and mention.label in ("ORG", "GPE", "NORP")
                and mention.subject
            ):
                return mention.name
        return self._last_named(paragraph_index, token.i, plural=token.lower_ != "it")

    def _carrier_author(self, token: Token, paragraph_index: int, explicit: bool = False) -> str | None:
        """The author of a carrier noun ("a report from X", "X's figures", "its
        bulletin", "a figure X determined", "a US intelligence estimate"); for a
        definite one that names none ("the report", "these reports"), the author
        named before, unless ``explicit``."""
        lemma = token.lemma_.lower()
        determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        author = self._named_author(token, paragraph_index, explicit)
        if author is None:
            author = self._modifier_author(token, proper=True)
        if author is None:
            # "the Ukrainian figure" is Ukraine's figure ("Israeli tallies" stay as written).
            nationality = next((c for c in token.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")), None)
            if nationality is not None:
                side = self.lexicon.side_of(nationality.lower_)
                author = side if side and determiner in DEFINITE else self._modifier_author(token, proper=False)
        if author is not None:
            self.carrier_authors[lemma] = author
            return author
        if not explicit and determiner in DEFINITE:
            earlier = self.carrier_authors.get(lemma)
            if earlier is None:
                earlier = self.last_statement(paragraph_index, token.i)
            if earlier is not None:
                return earlier
        author = self._modifier_author(token, proper=False)
        if author is None and not explicit and any(c.dep_ == "nummod" or c.lower_ == "another" for c in token.children):
            # "One document in particular suggests ...": one of the documents named before.
            author = self.carrier_authors.get(lemma)
        return author

    def _named_author(self, token: Token, paragraph_index: int, explicit: bool) -> str | None:
        queue = list(token.children)
        while queue:
            child = queue.pop(0)
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                # "X said in its update": the speaker it hangs under; "Its daily bulletin also
                # listed 12 tanks": the organisation that spoke or was named before.
                owner = self._clause_subject(token, paragraph_index)
                if owner is None:
                    owner = self._last_named(paragraph_index, child.i, plural=child.lower_ == "their")
                if owner:
                    return owner
                continue
            if child.dep_ == "poss" and child.lower_ in ("his", "her"):
                owner = self._person_pronoun(child, paragraph_index)
                if owner:
                    return owner
                continue
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                if child.ent_type_ in ("DATE", "TIME") or child.lemma_.lower() in TIME_NOUNS:
                    continue
                if not _is_name_part(child) and _role_lemma(child) not in SPEAKER_NOUNS:
                    continue
                resolved = self.resolve(child, paragraph_index, explicit)
                if resolved:
                    return resolved
                continue
            if child.dep_ in ("prep", "agent") and (
                child.lower_ in ("by", "from") or (child.lower_ == "of" and _proper_pobj(child) and not _content_pobj(child))
            ):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if self.is_carrier(pobj):
                        # "a chart from the intelligence update": the inner carrier's author.
                        inner = self._carrier_author(pobj, paragraph_index, explicit)
                        if inner:
                            return inner
                        continue
                    resolved = self.resolve(pobj, paragraph_index, explicit)
                    if resolved:
                        return resolved
            if child.dep_ == "appos" and any(
                g.dep_ in ("acl", "relcl") and g.lemma_.lower() in self.lexicon.reporting_verbs for g in child.children
            ):
                # "a figure British intelligence calculated" parsed as an apposition.
                resolved = self.resolve(child, paragraph_index, explicit)
                if resolved:
                    return resolved
            if child.dep_ in ("acl", "relcl"):
                if (
                    child.lemma_.lower() in self.lexicon.reporting_verbs
                    and not any(c.dep_ == "neg" for c in child.children)
                ):
                    # "a figure U.K. Defense determined", "the data the ministry published".
                    subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
                    if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
                        resolved = self.resolve(subject, paragraph_index, explicit)
                        if resolved:
                            return resolved
                    queue.extend(c for c in child.children if c.dep_ in ("agent", "prep"))
                else:
                    queue.extend(c for c in child.children if c.dep_ == "agent")
        return None

    def _clause_subject(self, token: Token, paragraph_index: int) -> str | None:
        """The subject of the verb a phrase hangs on ("the ministry said in its update")."""
        node = token
        for _ in range(4):
            if node.head is node:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and not self.in_dateline(c)), None)
                if subject is None or subject.pos_ == "PRON" or subject.lemma_.lower() in self.lexicon.carrier_nouns:
                    return None
                return self.resolve(subject, paragraph_index, explicit=True)
        return None

    def _last_named(self, paragraph_index: int, token_index: int, plural: bool) -> str | None:
        """The organisation "its" points back to: the last named one that spoke, else named."""
        for statement in self.recent(paragraph_index, token_index, 2):
            if not statement.person and (plural or statement.source[:1].isupper()):
                return statement.source
        return self._last_mention(paragraph_index, token_index, "ORG")

    def _modifier_author(self, token: Token, proper: bool) -> str | None:
        """An author named only by the carrier's modifiers: "a US intelligence estimate"
        -> "US intelligence", "army figures" -> "army", "Israeli tallies" as written.
        ``proper``: only when a modifier is a name (not a nationality adjective)."""
        modifiers = [
            c
            for c in token.lefts
            if c.dep_ in ("compound", "amod", "nmod")
            and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
            and c.lower_ not in PLATFORMS
            and (c.text[:1].isupper() or c.lemma_.lower() in ORG_NOUNS or c.ent_type_ in ("NORP", "GPE", "ORG"))
        ]
        if not modifiers:
            return None
        if proper and not any(m.pos_ == "PROPN" or m.ent_type_ in ("ORG", "PERSON") for m in modifiers):
            return None
        start = min(m.left_edge.i for m in modifiers)
        organisation = [m for m in modifiers if m.pos_ in ("PROPN", "NOUN") or m.lemma_.lower() in ORG_NOUNS]
        if organisation:
            end = max(m.i for m in modifiers)
            return _strip_possessive(token.doc[start : end + 1].text)
        # A nationality alone ("Israeli tallies", "Ukrainian assessments"): the carrier as written.
        return token.doc[start : token.i + 1].text

    def _last_mention(self, paragraph_index: int, token_index: int, label: str, subject: bool = False) -> str | None:
        best: Mention | None = None
        for mention in self.mentions:
            before = mention.paragraph_index < paragraph_index or (
                mention.paragraph_index == paragraph_index and mention.token_index < token_index
            )
            if before and mention.label == label and (mention.subject or not subject):
                best = mention
        return self._fullest_person(best.name) if best is not None and label == "PERSON" else (best.name if best else None)

    def _fullest_person(self, short: str) -> str:
        words = short.split()
        surname = words[-1] if words else short
        candidates = [
            m.name
            for m in self.mentions
            if m.label == "PERSON" and m.name.split() and m.name.split()[-1] == surname and set(words) <= set(m.name.split())
        ]
        return max(candidates, key=len) if candidates else short

    def _fuller_mention(self, token: Token, name: str, paragraph_index: int) -> str | None:
        """The fuller name of a short reference ("the ministry", "General Staff", "the
        Estonian service"): the latest such mention before it, else the first after
        it (a headline's "General Staff Says"). A nationality in the short form must
        agree ("the Estonian service" is "Estonia's Foreign Intelligence Service")."""
        lemma = _role_lemma(token)
        words = set(_norm(name).split()) - {"the"} - GENERIC_ADJECTIVES
        nationality = {
            self.lexicon.side_of(c.lower_) or c.lower_
            for c in token.children
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
        }
        before: str | None = None
        after: str | None = None
        for mention in self.mentions:
            if mention.head_lemma != lemma or not _has_proper_qualifier(mention.name):
                continue
            fuller_words = set(_norm(mention.name).split())
            qualifiers = {_norm(c.text) for c in token.children if c.ent_type_ in ("NORP", "GPE")}
            if _norm(mention.name) == _norm(name) or not (words - nationality - qualifiers) <= fuller_words:
                continue
            if nationality and not any(
                (self.lexicon.side_of(w.strip(".,'’s").removesuffix("'s")) or w) in nationality for w in _norm(mention.name).replace("'s", "").split()
            ):
                continue
            if mention.paragraph_index < paragraph_index or (
                mention.paragraph_index == paragraph_index and mention.token_index < token.i
            ):
                before = mention.name
            elif after is None:
                after = mention.name
        return before or after

    # -- sentence-level attribution -------------------------------------------------

    def sentence_attribution(self, sentence: Span, number: Token | None, paragraph_index: int) -> str | None:
        """The source a sentence gives for ``number``, or its main statement's
        source when ``number`` is None: the frame nearest the number in the tree."""
        path = list(number.ancestors) if number is not None else [sentence.root]
        positions = {t.i: rank for rank, t in enumerate(path)}
        outside = len(path)
        frames: list[_Frame] = []

        def add(rank: int | None, kind: int, source: str | None) -> None:
            if source and rank is not None:
                frames.append(_Frame(rank, kind, source))

        # Reporting verbs: above the number, or a speech frame of the sentence.
        above_verbs, frame_verbs = self._reporting_verbs(sentence, number)
        verbs = above_verbs + frame_verbs
        above = {t.i for t in above_verbs} if number is not None else {sentence.root.i}
        for verb in verbs:
            rank = positions.get(verb.i, outside) if verb.i in above else outside
            if (
                rank < outside
                and self._country_subject(verb)
                and verb.dep_ == "ccomp"
                and any(positions.get(v.i, outside) > rank for v in verbs)
            ):
                # "Docherty said the U.K estimates losses at 450,000": the speaker, not the country he speaks for.
                rank = outside
            if frames and min(f.rank for f in frames) < rank:
                continue
            add(rank, 0, self._verb_source(verb, number, paragraph_index, passive=rank < outside))
        # "X said that ..., according to a report by Y" is X: a speaker above the number
        # outranks a relayed source however deep it hangs.
        spoken = any(f.rank < outside for f in frames)
        # Frame phrases: "according to X", "as per X", "based on X", "citing X", "in a report from X".
        for token in sentence:
            found = self._frame_phrase(token)
            if found is None:
                continue
            attach, pobj, explicit = found
            if number is not None and pobj.left_edge.i <= number.i <= pobj.right_edge.i:
                continue
            if spoken and token.lower_ in ("according", "per"):
                continue
            phrase_rank = self._attachment_rank(attach, positions, outside, number is None)
            add(phrase_rank, 2, self.resolve(pobj, paragraph_index, explicit))
        if number is not None:
            for rank, node in enumerate(path):
                if node.pos_ not in ("NOUN", "PROPN"):
                    continue
                # "a Ukrainian defence ministry estimate of 46,000": a carrier on the number's path.
                if self.is_carrier(node) and node.dep_ not in SUBJECT_DEPS:
                    add(rank, 1, self._carrier_author(node, paragraph_index, explicit=True))
                for child in node.children:
                    # "figures of 300,000 dead soldiers cited by Moscow": a participle with an agent.
                    if child.dep_ == "acl" and child.lemma_.lower() in self.lexicon.reporting_verbs | {"cite", "give"}:
                        agent = next((c for c in child.children if c.dep_ == "agent"), None)
                        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                        add(rank, 1, self.resolve(by, paragraph_index, True) if by is not None else None)
            beside = [(rank, node) for rank, node in enumerate([number, *path])]
            # "The average was 640 a day, a figure X determined": on the subject of the copula.
            beside += [(rank, c) for rank, node in enumerate([number, *path]) if node.pos_ in ("VERB", "AUX") for c in node.children if c.dep_ in SUBJECT_DEPS]
            for rank, node in beside:
                for child in node.children:
                    # "824 casualties each day, a figure U.K. Defense determined": a carrier beside the figure.
                    if (
                        child.dep_ in ("appos", "npadvmod", "attr")
                        and child.i > number.i
                        and self.is_carrier(child)
                        and any(
                            c.dep_ in ("relcl", "acl") or (c.dep_ == "appos" and any(g.dep_ in ("relcl", "acl") for g in c.children))
                            for c in child.children
                        )
                    ):
                        add(max(rank - 1, 0), 1, self._carrier_author(child, paragraph_index, explicit=True))
            for rank, node in enumerate(path):
                for child in node.children:
                    # "a strike, which hospital staff say killed 58 people": an inserted speech clause.
                    if (
                        child.dep_ == "parataxis"
                        and child.i < node.i
                        and child.lemma_.lower() in SPEECH_VERBS
                        and child.lemma_.lower() in self.lexicon.reporting_verbs
                    ):
                        add(rank, 0, self._verb_source(child, number, paragraph_index))
            # "Wednesday's total collated by the Ukrainian military included ... one tank":
            # a carrier noun as the subject of any verb above the number names its author.
            for rank, verb in enumerate(path):
                if verb.pos_ not in ("VERB", "AUX"):
                    continue
                for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
                    if self.is_carrier(subject):
                        named = self._carrier_author(subject, paragraph_index, explicit=True)
                        # "the count stood at 5,710": a carrier read as whoever spoke before counts
                        # only when the sentence names no one.
                        add(rank if named else outside + 1, 1, named or self._carrier_author(subject, paragraph_index))
        else:
            root = sentence.root
            for subject in (c for c in root.children if c.dep_ in SUBJECT_DEPS):
                if self.is_carrier(subject):
                    named = self._carrier_author(subject, paragraph_index, explicit=True)
                    add(0 if named else 2, 1, named or self._carrier_author(subject, paragraph_index))
        if not frames:
            return None
        best = min(frames, key=lambda f: (f.rank, f.kind))
        return best.source

    @staticmethod
    def _attachment_rank(attach: Token, positions: dict[int, int], outside: int, statement: bool) -> int | None:
        """How near the number a frame phrase hangs: the rank of the path node it hangs on
        (over nouns and prepositions; a verb off the path is outside it). For a statement,
        any phrase that reaches the main verb."""
        node: Token | None = attach
        for _ in range(4):
            if node is None:
                break
            if node.i in positions:
                return positions[node.i]
            if statement and node.dep_ not in ("conj", "ccomp", "xcomp", "advcl", "parataxis", "prep", "pobj", "pcomp"):
                break
            if not statement and node.pos_ in ("VERB", "AUX"):
                break
            node = node.head if node.head is not node else None
        return None if statement else outside

    def _appositive_name(self, noun: Token) -> Token | None:
        """The name an indefinite descriptor stands beside: "the Syrian Observatory for Human
        Rights (SOHR), a Britain-based monitor" -> the Observatory."""
        if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return None
        position = noun.left_edge.i - 2
        doc = noun.doc
        if position < noun.sent.start or doc[position + 1].text != ",":
            return None
        if doc[position].text == ")":
            while position > noun.sent.start and doc[position].text != "(":
                position -= 1
            position -= 1
        name = doc[position]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        while name.dep_ == "pobj" and name.head.dep_ == "prep" and name.head.head.pos_ == "PROPN":
            name = name.head.head
        return name if name.pos_ == "PROPN" and name.i >= noun.sent.start else None

    def _country_subject(self, verb: Token) -> bool:
        """A country as the subject ("the U.K estimates ..."): it speaks through someone."""
        return any(
            c.dep_ in SUBJECT_DEPS
            and c.pos_ == "PROPN"
            and (c.ent_type_ in ("GPE", "NORP") or (self.lexicon.side_of(c.text) or self.lexicon.side_of(c.text + ".")) is not None)
            and not any(g.dep_ in ("compound", "flat") for g in c.children)
            for c in verb.children
        )

    def _frame_phrase(self, token: Token) -> tuple[Token, Token, bool] | None:
        """(the word the phrase hangs on, its object, whether only a named author counts)
        for a frame phrase starting at ``token``."""
        lower = token.lower_
        doc = token.doc
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if lower == "according" and (token.dep_ in ("prep", "advmod", "case") or (nxt is not None and nxt.lower_ == "to")):
            pobj = next((c for c in token.subtree if c.dep_ == "pobj"), None)
            return (token.head, pobj, False) if pobj is not None else None
        if lower == "per" and token.dep_ == "prep":
            # "per the ministry", "as per data examined by the BBC".
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            head = token.head
            if head.lower_ == "as" and head.dep_ in ("prep", "advmod", "mark"):
                head = head.head
            return (head, pobj, False) if pobj is not None else None
        if lower == "based" and nxt is not None and nxt.lower_ == "on":
            pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            return (token.head, pobj, True) if pobj is not None else None
        if lower == "citing" and token.pos_ == "VERB":
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            return (token.head, obj, True) if obj is not None else None
        if lower in ("in", "from") and token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX"):
            # "In a recent update from the General Staff, it was reported that ...".
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is not None and self.is_carrier(pobj):
                return (token.head, pobj, True)
        return None

    def _verb_source(self, verb: Token, number: Token | None, paragraph_index: int, passive: bool = True) -> str | None:
        """The source a reporting verb names: its subject (outside quotes and datelines,
        nearest the verb), its agent, or the subject of the clause it continues."""
        subjects = [
            c
            for c in verb.children
            if c.dep_ in SUBJECT_DEPS
            and not self.in_dateline(c)
            and (self.quoted(verb) or not self.quoted(c))
            and (number is None or not c.is_ancestor(number))
        ]
        if not subjects:
            # A dateline subject hands over to its appositive ("NAIROBI (X) – Tigray Defense Forces said").
            for c in verb.children:
                if c.dep_ in SUBJECT_DEPS and self.in_dateline(c):
                    subjects.extend(a for a in c.children if a.dep_ == "appos" and not self.in_dateline(a))
        # The leftmost subject, a relative pronoun last ("which local doctors say killed 23"),
        # unless a comma parts it from the one by the verb ("Near Chasiv Yar, the ministry said").
        subjects.sort(key=lambda c: (c.lower_ in RELATIVE_PRONOUNS, c.i))
        subject = subjects[0] if subjects else None
        if len(subjects) > 1 and subjects[1].i > subjects[0].i and subjects[1].lower_ not in RELATIVE_PRONOUNS:
            between = verb.doc[subjects[0].right_edge.i + 1 : subjects[1].left_edge.i]
            if any(t.text == "," for t in between) and not any(t.dep_ == "cc" for t in between):
                subject = subjects[1]
        if subject is None and passive:
            # "losses were reported by the ministry" (only above the number: "the islands are
            # claimed by Russia, and 14 ships patrol them" says nothing of the ships).
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is None and verb.lemma_.lower() in SPEECH_VERBS and verb.lemma_.lower() != "tell":
            # "..., claimed the Ukrainian Army": an inverted frame with its speaker parsed as the object.
            obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
            if obj is not None and verb.i > verb.sent.start and verb.doc[verb.i - 1].text in (",", "”", '"') and obj.right_edge.i + 2 >= verb.sent.end:
                subject = obj
        if subject is None and verb.lemma_.lower() in SPEECH_VERBS:
            # ", Ukraine's General Staff said" hung on the wrong clause: the noun right before the verb.
            before = verb.i - 1
            while before > verb.sent.start and verb.doc[before].pos_ == "ADV":
                before -= 1
            if verb.doc[before].text == "," and before - 1 > verb.sent.start:
                # "..., X, a Britain-based monitor, said": past the closing comma of an apposition.
                before -= 1
            candidate = verb.doc[before]
            if (
                before >= verb.sent.start
                and candidate.pos_ in ("NOUN", "PROPN")
                and not self.quoted(candidate)
                and not self.in_dateline(candidate)
                and candidate.left_edge.i > verb.sent.start
                and verb.doc[candidate.left_edge.i - 1].text in (",", "—", "–", "”", '"', "-")
                and (number is None or not (candidate.left_edge.i <= number.i <= candidate.i))
            ):
                subject = self._appositive_name(candidate) or candidate
        climb = verb
        for _ in range(3):
            # "Ukraine began tracking and publishing ...": the subject sits higher up the chain.
            if subject is not None or climb.dep_ not in ("advcl", "conj", "xcomp"):
                break
            climb = climb.head
            if any(c.dep_ == "neg" for c in climb.children):
                # "Ukraine does not publish its losses, but ... put them at": not its speaker.
                break
            if climb.dep_ == "ccomp" and climb.lemma_.lower() not in self.lexicon.reporting_verbs:
                # "Kyiv said Russia had lost 610 ... and put losses at 245,700": the reported
                # clause's subject is not a speaker.
                break
            subject = next(
                (c for c in climb.children if c.dep_ in SUBJECT_DEPS and not self.in_dateline(c) and not self.quoted(c)), None
            )
        if subject is None:
            return None
        if number is not None and subject.i != number.i and subject.is_ancestor(number):
            # The number sits inside the subject ("38,940 losses were reported"): no source here.
            return None
        lemma = verb.lemma_.lower()
        if lemma not in SPEECH_VERBS and (subject.lemma_.lower() in PLACE_NOUNS or subject.ent_type_ in ("LOC", "FAC")):
            # "Kharkiv Oblast recorded 20 injuries": a place records, it does not report.
            return None
        return self.resolve(subject, paragraph_index)

    def _reporting_verbs(self, sentence: Span, number: Token | None) -> tuple[list[Token], list[Token]]:
        """Reporting verbs that can frame the claim, not negated ("does not disclose"):
        those above the number in the tree (nearest first), and the sentence's speech
        frames off its path; for no number, the sentence's main frames."""
        reporting = [
            t
            for t in sentence
            if t.pos_ in ("VERB", "AUX")
            and t.lemma_.lower() in self.lexicon.reporting_verbs
            and not any(child.dep_ == "neg" for child in t.children)
        ]
        if number is None:
            return [t for t in reporting if _is_frame(t) or t.dep_ == "ROOT"], []
        above = []
        previous = number
        for ancestor in number.ancestors:
            coordinated = previous.dep_ == "conj" and previous.pos_ in ("VERB", "AUX") and any(
                c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in previous.children
            )
            # "The islands are claimed by Russia, and 14 ships patrol them": a clause of its own
            # coordinated with the reporting clause is not reported by it.
            handled = (
                ancestor.lemma_.lower() in HANDLING_VERBS
                and previous.dep_ in ("dobj", "pobj", "prep", "nummod", "conj")
                and not self.is_carrier(previous)
            )
            # "Karvonia had released 38 of them": the verb acts on what is counted, it reports nothing.
            if ancestor in reporting and not coordinated and not handled:
                above.append(ancestor)
            previous = ancestor
        # A frame off the number's path must be a bare tag ("..., the ministry said", "he told
        # AFP"), not a clause of its own ("and some historians put the figure at a million").
        frame = [t for t in reporting if t not in above and _is_frame(t) and _bare(t)]
        return above, frame


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
             "department", "government", "council", "institute", "service", "guard", "military", "navy", "kremlin",
             "oblast", "region", "province", "administration"}


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
    if not any(t.lower_ in TITLE_WORDS for t in chain) and (
        token.ent_type_ == "ORG" or not any(t.ent_type_ == "PERSON" for t in names)
    ):
        # Two capitalised words are a name only with a title or the NER's word for it
        # ("Open Tally" is a project).
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
    return before >= verb.sent.start and verb.doc[before].text in (",", "”", '"', "’’", "—", "–")


def _bare(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp", "attr", "oprd"):
            return False
        if child.dep_ == "dobj" and verb.lemma_.lower() != "tell" and child.pos_ not in ("PRON", "PROPN"):
            # "he told AFP", "..., claimed the Ukrainian Army" are tags; "put the figure at" is not.
            return False
    return True


TEXT_NOT_NAMES = {"it", "he", "she", "they", "this", "that", "there", "but", "and", "the", "in", "on", "as"}


def _untitled(name: str) -> str:
    """"Ukrainian President Volodymyr Zelenskyy" -> "Volodymyr Zelenskyy" (a person's name without titles)."""
    words = name.split()
    cut = 0
    def title(word: str) -> bool:
        word = word.lower()
        return word.rstrip(".") in TITLE_WORDS or word.rstrip(".") + "." in TITLE_WORDS or word.endswith(("ian", "ese", "ish"))

    while cut < len(words) - 2 and title(words[cut]):
        cut += 1
    rest = words[cut:]
    if cut and 2 <= len(rest) <= 3 and all(w[:1].isupper() and w.isalpha() for w in rest):
        return " ".join(rest)
    return name


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in ("of", "for", "and", "on", "the"):
        words.pop()
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def _proper_looking(head: Token, name: str) -> bool:
    """A name, not a common noun phrase capitalised at the start of a sentence
    ("110th Mechanized Brigade", "Israeli military"; not "Air defence units")."""
    if not name[:1].isupper() and not name[:1].isdigit():
        return False
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1] if t.lower_ != "the"]
    return any(
        (t.text[:1].isupper() and t.i != t.sent.start) or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or t.like_num
        for t in tokens
    )


def _antecedent(token: Token) -> Token | None:
    """The noun a relative clause hangs on ("the assessment, according to which ...")."""
    node = token
    for _ in range(6):
        if node.dep_ in ("relcl", "acl") and node.head is not node:
            return node.head
        if node.head is node:
            return None
        node = node.head
    return None


def _role_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma == "tank" and any(c.lower_ == "think" for c in token.lefts):
        return "think tank"
    return lemma


def _strip_possessive(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)].strip()
    return text


def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    while len(words) == 2 and words[0].lower() in DROPPED_DETERMINERS:
        words = words[1].split(" ", 1)
    if len(words) == 1 and words[0].lower() in DROPPED_DETERMINERS:
        return ""
    return " ".join(words).strip(" ,")


def _is_name_part(token: Token) -> bool:
    if token.dep_ == "case":
        return True
    if token.dep_ == "det":
        return token.lower_ == "the"
    if token.dep_ == "amod":
        # "Ukrainian", "110th (Mechanized Brigade)".
        return token.text[:1].isupper() or token.ent_type_ in ("NORP", "GPE", "ORG") or (
            token.ent_type_ == "ORDINAL" and token.head.text[:1].isupper()
        )
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and (token.text[:1].isupper() or token.dep_ == "compound")


def _name_end(token: Token) -> int:
    """The last token of a name phrase, its relative clauses and appositions left out."""
    end = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl"):
            break
        end = max(end, _name_end(child))
    return end


def _proper_pobj(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.text[:1].isupper() for c in prep.children)


def _content_pobj(prep: Token) -> bool:
    """"a count of Russian equipment": an "of" object that is what is counted, not an author."""
    return any(c.dep_ == "pobj" and c.pos_ == "NOUN" and not c.text[:1].isupper() for c in prep.children)


def _norm(name: str) -> str:
    return name.lower().replace("’", "'").removeprefix("the ")


def _has_proper_qualifier(name: str) -> bool:
    name = _strip_determiner(name)
    return bool(name) and ("'s " in name or "’s " in name or name.split()[0][:1].isupper())


def _is_heading(paragraph: Paragraph) -> bool:
    """A sub-heading or label line: one short line without a sentence end."""
    text = paragraph.text.strip()
    return "\n" not in text and len(text.split()) <= 12 and SENTENCE_END.search(text) is None


def _kinds(span: Span, lexicon: Lexicon) -> set[str]:
    """What a figure counts, roughly: the category and equipment words just after it."""
    doc = span.doc
    window = [*doc[max(span.sent.start, span.start - 3) : span.start], *doc[span.end : min(span.sent.end, span.end + 5)]]
    window += [span.root.head, span.root.head.head]
    words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
    kinds = {category for category, vocabulary in lexicon.category.items() if words & vocabulary}
    kinds.update(lexicon.equipment_types_in(" ".join(t.lower_ for t in window)))
    return kinds


def attribute_sources(
    candidates: list[Candidate],
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    settings: AttributionSettings,
) -> list[Attribution]:
    """The source of each candidate (same order), with how it was found
    (``sentence``, ``quote``, ``paragraph``, ``inherited``, ``following``, ``headline``:
    the body figure a headline or key point restates, or the headline's trailer)."""
    reader = _Reader(paragraphs, lexicon)
    headline = headline_index(paragraphs)
    # The headline and the key points or teaser lines under it restate the body.
    front = _front_matter(paragraphs, headline)
    results: list[Attribution] = [Attribution(None, None) for _ in candidates]
    spans: list[Span] = []
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for number, candidate in enumerate(candidates):
        doc = paragraphs[candidate.paragraph_index].doc
        assert doc is not None
        span = doc[candidate.token_start : candidate.token_end]
        spans.append(span)
        by_sentence.setdefault((candidate.paragraph_index, span.root.sent.start), []).append(number)

    statement_cache: dict[tuple[int, int], str | None] = {}

    def statement_of(index: int, sentence: Span) -> str | None:
        key = (index, sentence.start)
        if key not in statement_cache:
            statement_cache[key] = reader.sentence_attribution(sentence, None, index)
        return statement_cache[key]

    pending_leads: list[int] = []
    # The lead: the first body paragraph with a figure.
    lead = min((key[0] for key in by_sentence if key[0] not in front), default=None)
    if settings.paragraph_frames:
        # Paragraphs with no figure of their own are not parsed: read their speakers off the text.
        for index, paragraph in enumerate(paragraphs):
            if (paragraph.doc is None or not paragraph.relevant) and index not in front:
                reader.read_text(index, paragraph.text)
        reader.mentions.sort(key=lambda m: (m.paragraph_index, m.token_index))
    for index, paragraph in enumerate(paragraphs):
        if paragraph.doc is None or not paragraph.relevant:
            continue
        sentences = list(paragraph.doc.sents)
        for position, sentence in enumerate(sentences):
            for number in by_sentence.get((index, sentence.start), []):
                if index == headline:
                    continue
                span = spans[number]
                if index in front:
                    # A key point names its own source, or restates the body's (below).
                    own = reader.sentence_attribution(sentence, span.root, index)
                    results[number] = Attribution(normalise_source(own), "sentence") if own else Attribution(None, None)
                    continue
                how: str | None
                source, how = reader.sentence_attribution(sentence, span.root, index), "sentence"
                if source is None and settings.paragraph_frames:
                    source, how = _quote_frame(reader, paragraphs, index, span, statement_of), "quote"
                if source is None:
                    source, how = _continued(reader, paragraphs, index, span, position, settings), "paragraph"
                    if source is not None and position == 0:
                        how = "inherited"
                if source is None:
                    how = None
                    if index == lead:
                        pending_leads.append(number)
                else:
                    source = normalise_source(source)
                    reader.note(index, span.root.i, source, how == "sentence")
                results[number] = Attribution(source, how)
            found = statement_of(index, sentence) if index not in front else None
            if found:
                reader.note(index, sentence.end - 1, normalise_source(found), True)
    for number in pending_leads:
        source = _following_statement(reader, paragraphs, candidates[number].paragraph_index)
        if source is not None:
            results[number] = Attribution(normalise_source(source), "following")
    for number, candidate in enumerate(candidates):
        if candidate.paragraph_index in front and results[number].source is None:
            source = _headline_source(reader, paragraphs, candidates, spans, results, number, lexicon, front)
            if source is None and candidate.paragraph_index == headline:
                source = _headline_trailer(reader, paragraphs, candidate)
            results[number] = Attribution(normalise_source(source), "headline") if source else Attribution(None, None)
    return results


def _front_matter(paragraphs: list[Paragraph], headline: int | None) -> set[int]:
    """The headline and the short lines under it (key points, a teaser) before the first
    body paragraph."""
    if headline is None:
        return set()
    front = {headline}
    for index in range(headline + 1, min(len(paragraphs), headline + 8)):
        text = paragraphs[index].text.strip()
        bullet = text[:1] in "•*-–—▪"
        if "\n" in text or len(text) > 150 or len(SENTENCE_SPLIT.findall(text)) > 1 or not (bullet or _is_heading(paragraphs[index])):
            # A sentence is the body's lead; key points are bullets or short unpunctuated lines.
            break
        front.add(index)
    return front


def _quote_frame(
    reader: _Reader, paragraphs: list[Paragraph], index: int, span: Span, statement_of: Callable[[int, Span], str | None]
) -> str | None:
    """A number inside a quote: the frame after the quote closes ("“... 1,160 systems
    were destroyed,” the General Staff said"), in its paragraph."""
    number = span.root
    if not reader.quoted(number):
        return None
    doc = number.doc
    close = next((t for t in doc[number.i :] if t.text in QUOTE_CLOSE or (t.text in QUOTE_BOTH and not reader.quoted(t))), None)
    if close is None:
        return None
    sentence = close.sent
    sentences = [sentence]
    if close.i + 1 >= sentence.end and sentence.end < len(doc):
        sentences.append(doc[sentence.end].sent)
    for candidate in sentences:
        for verb in candidate:
            if (
                verb.i > close.i
                and verb.pos_ in ("VERB", "AUX")
                and verb.lemma_.lower() in reader.lexicon.reporting_verbs
                and not reader.quoted(verb)
            ):
                found = reader._verb_source(verb, None, index)
                if found:
                    return found
                break
        if candidate.start > number.sent.start:
            # The quote runs on into a following sentence, which closes it with its own frame.
            found = statement_of(index, candidate)
            if found:
                return found
    return None


def _continued(
    reader: _Reader, paragraphs: list[Paragraph], index: int, span: Span, position: int, settings: AttributionSettings
) -> str | None:
    """The statement a number continues: the latest earlier one of its paragraph, or, for a
    paragraph's first sentence, the last of the paragraph before (sub-headings passed over);
    a list line reaches back over its header."""
    same = [s for s in reader.in_paragraph(index) if s.token_index < span.root.i]
    if same:
        return same[-1].source
    if position > 0 and settings.paragraph_frames:
        # An earlier sentence of the paragraph speaks in the reporter's voice: nothing to continue.
        return None
    paragraph = paragraphs[index]
    if is_list_line(paragraph.text):
        earlier = list(islice((i for i in range(index - 1, -1, -1) if paragraphs[i].relevant), settings.inherit_paragraphs))
    else:
        # Prose continues the paragraph right before it, over sub-headings.
        back = index - 1
        while back > 0 and index - back < 3 and _is_heading(paragraphs[back]) and not reader.in_paragraph(back):
            back -= 1
        earlier = [back] if back >= 0 else []
    for back in earlier:
        last = reader.in_paragraph(back)
        if last:
            return last[-1].source
        if paragraphs[back].doc is not None and paragraphs[back].relevant and paragraphs[back].text.rstrip().endswith(":"):
            # A list header without a verb ("Ukraine's General Staff, total Russian losses
            # from ... to ...:") names its source first.
            first = next((m for m in reader.mentions if m.paragraph_index == back and m.label in ("ORG", "PERSON")), None)
            if first is not None:
                return first.name
    return None


def _following_statement(reader: _Reader, paragraphs: list[Paragraph], index: int) -> str | None:
    """An unattributed lead: the source that opens the next paragraph ("Russia has lost
    516,080 soldiers." / "According to the General Staff, ...")."""
    nxt = index + 1
    while nxt < len(paragraphs) and nxt <= index + 2 and (paragraphs[nxt].doc is None or not paragraphs[nxt].relevant):
        read = [s for s in reader.in_paragraph(nxt) if s.token_index == 0]
        if read:
            # "Military officials say the fighting occurred ...": a paragraph read off its text.
            return read[0].source
        if not _is_heading(paragraphs[nxt]):
            return None
        nxt += 1
    if nxt >= len(paragraphs) or paragraphs[nxt].doc is None or not paragraphs[nxt].relevant:
        return None
    doc = paragraphs[nxt].doc
    assert doc is not None
    first = next(iter(doc.sents))
    opening = [s for s in reader.in_paragraph(nxt) if s.own and s.token_index < first.end]
    return opening[0].source if opening else None


def _headline_source(
    reader: _Reader,
    paragraphs: list[Paragraph],
    candidates: list[Candidate],
    spans: list[Span],
    results: list[Attribution],
    number: int,
    lexicon: Lexicon,
    front: set[int],
) -> str | None:
    """A headline or key-point figure: the source of the body figure it restates."""
    candidate = candidates[number]
    kinds = _kinds(spans[number], lexicon)
    head = spans[number].root.head.lemma_.lower().removesuffix("s")
    low, high = candidate.quantity.low, candidate.quantity.high
    body = [i for i, other in enumerate(candidates) if other.paragraph_index not in front and results[i].source is not None]
    # The same figure, earliest first (a headline restates the lead); a large one
    # whatever words stand by it ("Losses Surpass 100k" for "100,000 ... killed").
    for other in body:
        if (candidates[other].quantity.low, candidates[other].quantity.high) != (low, high):
            continue
        other_kinds = _kinds(spans[other], lexicon)
        same_head = spans[other].root.head.lemma_.lower().removesuffix("s") == head
        if low >= 100 or (kinds & other_kinds) or same_head:
            return results[other].source
    # A rounded one ("over 2,000 armoured vehicles" for the body's 2,002), of the same kind.
    for other in body:
        quantity = candidates[other].quantity
        if abs(quantity.low - low) > 0.03 * max(abs(low), 1.0) or abs(quantity.high - high) > 0.03 * max(abs(high), 1.0):
            continue
        other_kinds = _kinds(spans[other], lexicon)
        same_head = spans[other].root.head.lemma_.lower().removesuffix("s") == head
        if (kinds & other_kinds) or same_head or (low >= 100 and (not kinds or not other_kinds)):
            return results[other].source
    return None


def _headline_trailer(reader: _Reader, paragraphs: list[Paragraph], candidate: Candidate) -> str | None:
    """The source a headline's trailer or opener names ("..., Health Ministry Says"), by
    its fuller name in the body."""
    text = paragraphs[candidate.paragraph_index].text.strip()
    match = HEADLINE_TRAILER.search(text) or HEADLINE_OPENER.match(text)
    if match is None:
        return None
    name = match.group("name").strip()
    if not name or any(ch.isdigit() for ch in name) or len(name.split()) > 7:
        return None
    words = set(_norm(name).split())
    last = name.split()[-1].lower()
    for mention in reader.mentions:
        if (
            mention.paragraph_index != candidate.paragraph_index
            and words <= set(_norm(mention.name).split())
            and mention.head_lemma in (last, last.rstrip("s"))
        ):
            return mention.name
    return name


def normalise_source(name: str) -> str:
    """Straight apostrophes, single spaces, no trailing punctuation, no leading "the"."""
    name = " ".join(name.replace("’", "'").replace("‘", "'").split()).strip(" ,;:")
    if name.endswith(".") and not name.endswith((" U.S.", "U.K.")) and name.count(".") == 1:
        name = name[:-1]
    if name.lower().startswith("the ") and len(name) > 4:
        name = name[4:]
    # "Syrian Observatory for Human Rights (SOHR)", or a bracket left open: the name without it.
    name = re.sub(r"\s*\([^)]*\)?$", "", name) or name
    return name
