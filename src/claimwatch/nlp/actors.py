"""Actors: who the sources are, under one canonical name per actor.

Resolves the source of each attribution to a canonical actor: full names for short names ("Zelensky"
-> "Volodymyr Zelensky"), titles and affiliations from pre-modifiers and appositions, countries from
demonyms, capitals and metonyms ("Pyongyang", "the Kremlin"), pronouns and definite descriptions
("he", "the agency", "the mayor") to the most recent compatible actor, and anonymous sources ("two
officials") to a descriptive name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token  # noqa: F401

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.lexicons.checks import word_list
from claimwatch.nlp.docutil import doc_quotes, sentence_index, sentence_start, sentence_starts, span_text
from claimwatch.lexicons.schema import Gazetteer, Titles, load_gazetteer, load_titles
from claimwatch.model import Actor, Mention
from claimwatch.nlp.provenance import is_outlet, is_outlet_noun
from claimwatch.nlp.signatures import QUOTED_SPEAKERS
from claimwatch.nlp.speech import load_speech_objects
from claimwatch.nlp.function_words import AFFILIATION_PREPS, CLAUSE_OPENERS, DEFINITE_DETERMINERS, INDEFINITE_ARTICLES, NAME_DETERMINERS, NON_NAMING_PRONOUNS, ORGANISATION_FORMS, PLURAL_FORMS, SPEAKER_AND_HEARER_FORMS

ENTITY_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "country", "FAC": "organization"}
NP_RIGHT_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"}
UNRESOLVED = "unnamed"
NOT_ACTOR_ENTITIES = {"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"}  # "12 percent said": a share of people speaks


@dataclass
class _ActorState:
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)  # lower-case nouns that describe it: "agency", "mayor"
    described: set[str] = field(default_factory=set)  # words of its title and apposition: "dhs", "spokeswoman"


@dataclass(frozen=True)
class ResolvedSource:
    name: str
    span: tuple[int, int] | None


class ActorIndex:
    """Actors of one document, built from its entities and resolved on demand for source phrases."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer | None = None, titles: Titles | None = None):
        self.doc = doc
        self.gazetteer = gazetteer or load_gazetteer()
        self.titles = titles or load_titles()
        self._actors: dict[str, _ActorState] = {}
        self._not_them: frozenset[str] = frozenset()  # names a pronoun being resolved cannot stand for
        self._timeline: list[tuple[int, str, str]] = []  # (token index, actor name, kind) in text order
        self._subject_timeline: list[tuple[int, str, str]] = []
        self._main_timeline: list[tuple[int, str, str]] = []  # subjects of main clauses and speakers
        self._quoted = [q.outer for q in doc_quotes(doc)]  # subjects inside quotes are no speakers
        self._token_actor: dict[int, str] = {}
        self._doc_ents = doc.ents  # spaCy builds the tuple anew on each access
        self._index_entities()

    # --- building ---------------------------------------------------------------------------
    def _entities(self) -> list[Span]:
        """NER entities with adjacent PERSON pieces of one name merged ("Amy Berman" + "Jackson")."""
        out: list[Span] = []
        for ent in (piece for e in self._doc_ents for piece in self._clause_split(e)):
            if out and out[-1].end == ent.start and self.doc[ent.start - 1].tag_ == "IN" and ent.label_ in ("GPE", "LOC"):
                out[-1] = Span(self.doc, out[-1].start, ent.end, label=out[-1].label_)
                continue  # "the University in" + "Sarajevo": NER stopped the name at its place
            links = [t.i for t in ent if _is_link(t)]
            if links:  # "pic.twitter.com/x -- Daily Star": a link is never part of a name
                if links[-1] + 1 >= ent.end:
                    continue
                ent = Span(self.doc, links[-1] + 1 + (self.doc[links[-1] + 1].is_punct and links[-1] + 2 < ent.end), ent.end, label=ent.label_)
            if ent.label_ == "PERSON":
                ent = self._without_leading_descriptor(ent)
            if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
                out[-1] = Span(self.doc, out[-1].start, ent.end, label="PERSON")
            else:
                out.append(ent)
        return out

    def _clause_split(self, ent: Span) -> list[Span]:
        """ "told the Associated Press that Islamic State had ...": NER ran one name across the word
        that opens a clause; a name never holds "that", "which" or "who", so it is two names."""
        cuts = [t.i for t in ent if t.lower_ in CLAUSE_OPENERS and t.tag_ in ("IN", "WDT", "WP", "WP$")]
        if not cuts:
            return [ent]
        bounds = [ent.start - 1, *cuts, ent.end]
        return [Span(self.doc, a + 1, b, label=ent.label_) for a, b in zip(bounds, bounds[1:]) if b > a + 1]

    def _without_leading_descriptor(self, ent: Span) -> Span:
        """ "Depressed Tan Shen", "Waitress Ana Ruiz" opening a sentence: the capitalised adjective or
        job word NER took into the name describes the person; the name starts after it."""
        start = ent.start
        while ent.end - start > 1 and (self.doc[start].tag_ in ("JJ", "NN", "NNS", "VBN", "VBD") or (
                self.doc[start].tag_ == "NNP" and ent.end - start > 2 and self.titles.role_in(self.doc[start].text) is not None)):
            start += 1
        return ent if start == ent.start else Span(self.doc, start, ent.end, label=ent.label_)

    def _index_entities(self) -> None:
        self.ents = self._entities()
        persons = [e for e in self.ents if e.label_ == "PERSON"]
        full_names = _full_names(persons)
        surnames = {n.split()[-1]: n for n in full_names.values() if len(n.split()) > 1}
        for ent in self.ents:
            kind = ENTITY_KIND.get(ent.label_)
            if kind is None:
                continue
            if ent.label_ == "ORG" and _clean_name(ent) in surnames and self.gazetteer.lookup(_clean_name(ent)) is None:
                ent = Span(self.doc, ent.start, ent.end, label="PERSON")  # "Trump" tagged ORG after "Donald Trump"
                kind = "person"
            elif ent.label_ == "ORG" and self._titled_person(ent):  # "German Chancellor Olaf Scholz" tagged ORG
                ent = Span(self.doc, ent.start, ent.end, label="PERSON")
            elif ent.label_ == "PERSON" and len(ent) == 1 and self.gazetteer.lookup(ent.text) is not None:
                ent = Span(self.doc, ent.start, ent.end, label="NORP")  # "Ukrainian intelligence" tagged PERSON
                kind = ENTITY_KIND["NORP"]
            if ent.label_ == "PERSON":
                name = full_names.get(_clean_name(ent)) or surnames.get(_clean_name(ent), _clean_name(ent))
                if not name:
                    continue
                state = self._state(name, "person")
                role, affiliation = self._premodifiers(ent)
                apos_role, apos_aff = self._apposition(ent)
                state.role = state.role or role or apos_role
                state.described |= self._descriptor_words(ent)
                state.affiliation = state.affiliation or affiliation or apos_aff
                if state.role:
                    state.heads.update(w.lower() for w in state.role.split())
            else:
                found = self.gazetteer.match(_clean_name(ent))
                place = found.place if found else None
                if found is not None and found.form == "metonym":
                    # "the White House", "the Kremlin": an institution of its state, kept under its own name
                    name, kind, affiliation = _clean_name(ent), "organization", place.name
                elif place is not None:
                    name, kind = place.name, ("country" if place.kind == "country" else "organization")
                    affiliation = place.affiliation or (place.name if kind == "country" else None)
                else:
                    if ent.label_ in ("GPE", "NORP"):
                        continue
                    name, affiliation = _clean_name(ent), self._possessor_affiliation(ent)
                if not name:
                    continue
                state = self._state(name, kind)
                state.affiliation = state.affiliation or affiliation
                state.heads.add(ent.root.lower_)
            text = span_text(ent)
            text = text[:-2] if text.endswith(("'s", "\u2019s")) else text
            if text != state.name and text not in state.aliases:
                state.aliases.append(text)
            state.mentions.append(Mention(text=text, span=(ent.start_char, ent.start_char + len(text)), kind="name"))
            for i in range(ent.start, ent.end):
                self._token_actor[i] = state.name
            self._timeline.append((ent.root.i, state.name, state.kind))
            if ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj",):
                self._subject_timeline.append((ent.root.i, state.name, state.kind))
                if _main_clause(ent.root) and not any(a <= ent.start_char < b for a, b in self._quoted):
                    self._main_timeline.append((ent.root.i, state.name, state.kind))

    def _titled_person(self, ent: Span) -> bool:
        if len(ent) < 2 or self.gazetteer.lookup(_clean_name(ent)) is not None:
            return False
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
            return False
        before = self.doc[max(0, ent.start - 3):ent.start].text
        role = self.titles.role_in(before) if before else None
        return role is not None and before.lower().rstrip().endswith(role.lower().split()[-1])

    def _state(self, name: str, kind: str) -> _ActorState:
        if name not in self._actors:
            self._actors[name] = _ActorState(name=name, kind=kind)
        return self._actors[name]

    def _premodifiers(self, ent: Span) -> tuple[str | None, str | None]:
        """Title and affiliation written before a name: "US Defense Secretary Lloyd Austin"."""
        head = ent.root
        words: list[Token] = []
        for t in reversed(self.doc[max(0, ent.start - 6):ent.start]):
            if t.dep_ in ("compound", "amod", "nmod", "poss", "case") or (t.head.i >= ent.start - 6 and t.head.i <= head.i and t.pos_ in ("PROPN", "NOUN", "ADJ")):
                if t.is_punct or t.lower_ in NAME_DETERMINERS:
                    break
                words.insert(0, t)
            else:
                break
        if not words:
            return None, None
        text = " ".join(t.text for t in words if t.text not in ("'s", "\u2019s"))
        role = self.titles.role_in(text)
        if role:  # "Chief Medical Officer": the capitalised run that ends in a listed title
            run = []
            for t in reversed(words):
                if t.text[:1].isupper() and not t.ent_type_ in ("GPE", "NORP", "ORG"):
                    run.insert(0, t.text)
                else:
                    break
            if run and " ".join(run).lower().endswith(role.lower()) and len(run) > len(role.split()):
                role = " ".join(run)
        affiliation = None
        for t in words:
            place = self.gazetteer.lookup(t.text)
            if place is None and t.ent_type_:
                ent_span = next((e for e in self._doc_ents if e.start <= t.i < e.end), None)
                place = self.gazetteer.lookup(ent_span.text) if ent_span is not None else None
            if place is not None:
                affiliation = place.name if place.kind == "country" or not place.affiliation else place.name
                break
        return role, affiliation

    def _apposition(self, ent: Span) -> tuple[str | None, str | None]:
        """ "Saad Maan Ibrahim, a spokesman for the Interior Ministry," -> role and affiliation."""
        appos = next((c for c in ent.root.children if c.dep_ == "appos"), None)
        if appos is None:
            return None, None
        phrase = " ".join(t.text for t in appos.subtree)
        role = self.titles.role_in(phrase)
        affiliation = None
        for e in self._doc_ents:
            if appos.left_edge.i <= e.start and e.end <= appos.right_edge.i + 1:
                place = self.gazetteer.lookup(_clean_name(e))
                affiliation = place.name if place else (_clean_name(e) if e.label_ in ("ORG", "GPE") else None)
                if affiliation:
                    break
        return role, affiliation

    def _possessor_affiliation(self, ent: Span) -> str | None:
        """ "Ukraine's Center for Strategic Communications" -> Ukraine."""
        poss = next((t for t in self.doc[max(0, ent.start - 4):ent.start] if t.dep_ == "poss"), None)
        if poss is not None:
            place = self.gazetteer.lookup(poss.text)
            return place.name if place else None
        return None

    # --- resolving sources ------------------------------------------------------------------
    def resolve(self, token: Token) -> ResolvedSource:
        """Canonical actor for the head token of a source phrase; registers new actors as needed.

        The phrase may stand for another (``_redirect``); otherwise its head is settled
        (``_source_head``) and ``SOURCE_RULES`` are tried in order; a description no rule names
        becomes an actor of its own (``_new_description``)."""
        redirect = self._redirect(token)
        if redirect is not None:
            return self.resolve(redirect)
        token = self._source_head(token)
        span = self._np_span(token)
        for rule in self.SOURCE_RULES:
            found = rule(self, token, span)
            if found is not None:
                return found
        return self._new_description(token, span)

    def resolve_other_than(self, token: Token, speaker: str) -> ResolvedSource:
        """ "...she said she was fine," the waiter said': a third-person pronoun inside a quotation is
        someone other than the one quoted, who speaks of themselves as "I"."""
        self._not_them = frozenset({speaker})
        try:
            return self.resolve(token)
        finally:
            self._not_them = frozenset()

    def _redirect(self, token: Token) -> Token | None:
        """Another phrase that names this source's speaker better, or None."""
        nearer = _nearer_subject(token) or self._closing_name(token)
        if nearer is not None:  # "LONDON — The embassy has denied", "Another homeowner Andrei Kazarian said"
            return nearer
        if token.pos_ == "NOUN" and not token.ent_type_ and token.i not in self._token_actor and not self.is_actor_noun(token) \
                and not is_speaking_document(token):
            stand_in = _stand_in(token)
            if stand_in is not None and stand_in.i != token.i:  # "his remarks", "a speech by the senator"
                return stand_in
        if token.dep_ == "conj" and self._is_role_noun(self._hyphen_whole(token)) and any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.head.children):
            return token.head  # "its CEO and co-founder, Ana Ruiz, said": one person, two titles
        return None

    def _source_head(self, token: Token) -> Token:
        """The token an apposition names: "the attorney, Lopa Blumenthal" -> "Blumenthal"."""
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN") and not _dateline(token.head) \
                and not token.head.like_url and token.i not in self.doc.user_data.get(QUOTED_SPEAKERS, {}):
            token = token.head  # "Rosenberg, a woman, ...", but not "WASHINGTON -- President Obama"
        elif _dateline(token) and any(c.dep_ == "appos" for c in token.children):
            token = next(c for c in token.children if c.dep_ == "appos")
        named = next((c for c in token.children if c.dep_ == "appos" and (c.ent_type_ in ("PERSON", "ORG") or
                      c.pos_ == "PROPN" and c.left_edge.i == token.i + 1)), None)  # "extremist group the Islamic State"
        if named is not None and not token.ent_type_:  # "the attorney, Lopa Blumenthal, said", "the paper, al-Sabah"
            token = named
        return token

    def _mentioned(self, name: str, token: Token, text: str, where: tuple[int, int], kind: str) -> ResolvedSource:
        """Record a mention of ``name`` as the subject ``token`` and return it as the source."""
        self._add_mention(name, text, where, kind)
        self._note_subject(token, name)
        return ResolvedSource(name, where)

    def _short_surname(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "Schiff said" after "Rep. Adam Schiff", whatever NER thought."""
        if token.pos_ == "PROPN" and token.ent_type_ != "PERSON" and len(span) <= 2:
            known = self._person_by_surname(token.text)
            if known:
                return self._mentioned(known, token, token.text, (token.idx, token.idx + len(token)), "alias")
        return None

    def _registered_entity(self, token: Token, span: Span) -> ResolvedSource | None:
        """A token already in an actor's entity: "The Kremlin said"."""
        if token.i not in self._token_actor:
            return None
        name = self._token_actor[token.i]
        ent = next((e for e in self.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            span = self._strip_possessive(ent)
            if span.start > 0 and self.doc[span.start - 1].lower_ == "the":  # "The Kremlin said"
                span = self.doc[span.start - 1:span.end]
        self._note_subject(token, name)
        return ResolvedSource(name, (span.start_char, span.end_char))

    def _relative_pronoun(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "Conal, who says ...": the relative pronoun's antecedent; a misparsed clause's noun before it."""
        lower = token.lower_
        if lower in ("who", "that", "which") and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if lower == "who":  # "people at a mountain lodge who claimed": "who" is a person, not the lodge
                antecedent = self._personal_antecedent(antecedent)
            return self.resolve(antecedent)
        if lower in ("who", "which") and token.i > 0:  # the clause misparsed: its noun stands right before it
            prev = self.doc[token.i - 1] if self.doc[token.i - 1].text != "," or token.i < 2 else self.doc[token.i - 2]
            if prev.pos_ in ("NOUN", "PROPN") and prev.i < token.i:
                return self.resolve(prev)
        return None

    def _indefinite_speaker(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "some have suggested": an indefinite group, not the last speaker."""
        indefinite = _indefinite_speakers().get(token.lower_)
        if indefinite and token.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "prep" for c in token.children):
            self._state(indefinite, "anonymous")
            self._add_mention(indefinite, token.text, (token.idx, token.idx + len(token)), "description")
            return ResolvedSource(indefinite, (token.idx, token.idx + len(token)))
        return None

    def _pronoun(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "he said": the antecedent in reach, or "unnamed" rather than an invented actor "she"."""
        lower = token.lower_
        if token.pos_ == "PRON" or lower in self.titles.pronouns.get("person", ()) or lower in self.titles.pronouns.get("plural", ()):
            name = self._resolve_pronoun(token)
            if name:
                return self._mentioned(name, token, token.text, (token.idx, token.idx + len(token)), "pronoun")
            if token.pos_ == "PRON":
                return ResolvedSource(UNRESOLVED, (token.idx, token.idx + len(token)))
        return None

    def _gazetteer_place(self, token: Token, span: Span) -> ResolvedSource | None:
        """A description around a named head: "South Korea's intelligence agency", "the Kremlin"."""
        text = self._np_text(span)
        place = self.gazetteer.lookup(text) or (self.gazetteer.lookup(token.text) if token.pos_ == "PROPN" else None)
        if place is None:
            return None
        kind = "country" if place.kind == "country" else "organization"
        state = self._state(place.name, kind)
        state.affiliation = state.affiliation or place.affiliation or (place.name if kind == "country" else None)
        return self._mentioned(place.name, token, text, (span.start_char, span.end_char), "alias")

    def _untagged_surname(self, token: Token, span: Span) -> ResolvedSource | None:
        """A proper noun NER left untagged that is a known person's surname."""
        if token.pos_ == "PROPN" and not token.ent_type_:
            known = self._person_by_surname(token.text)
            if known:
                return self._mentioned(known, token, token.text, (token.idx, token.idx + len(token)), "alias")
        return None

    def _holder(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "a spokesman for the ministry" ... "ministry spokesman Ali Hassan"."""
        holder = self._named_holder(token, span)
        if holder is not None:
            return self._mentioned(holder, token, self._np_text(span), (span.start_char, span.end_char), "description")
        return None

    def _person_inside(self, token: Token, span: Span) -> ResolvedSource | None:
        """A person named inside the phrase is the speaker; not "a spokesman for Hunter", nor "friends of Bary"."""
        inner = self._entity_inside(span)
        if inner is not None and inner.label_ == "PERSON" and (
                inner.start <= token.i < inner.end or not self._is_role_noun(token) and not _related_to(token, inner)
                and not self._named_group(token, inner)):
            name = self._token_actor.get(inner.root.i, _clean_name(inner))
            return ResolvedSource(name, (inner.start_char, inner.end_char))
        return None

    def _named_group(self, head: Token, inner: Span) -> bool:
        """ "the Smith family", "Clinton aides": a person's name before a head naming people or a body
        describes the group, which is the speaker, not the person."""
        if inner.end != head.i or inner.root.head.i != head.i or inner.root.dep_ != "compound":
            return False
        words = {head.lower_, head.lemma_.lower()}
        return bool(words & self.titles.anonymous_heads or words & self.titles.organisation_heads)

    def _definite_description(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "the mayor", "the agency": an actor the article has named before."""
        is_definite = span[0].lower_ in DEFINITE_DETERMINERS or span[0].tag_ == "PRP$"
        named = any(t.pos_ == "PROPN" and t.i < token.i for t in span)  # "the al-Safir newspaper" names itself
        if is_definite and self._entity_inside(span) is None and not named:
            name = self._resolve_description(token)
            if name:
                return self._mentioned(name, token, self._np_text(span), (span.start_char, span.end_char), "description")
        return None

    def _document(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "a Quinnipiac poll found", "the Pentagon report said", "the data suggest": the document is the
        source (kind "document"), affiliated with the organisation behind it when named; "the poll" later
        is the poll named before."""
        if not is_speaking_document(token):
            return None
        author = _stand_in(token) or next((c for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i < token.i
                                           and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON", "FAC")), None)
        if author is None and span[0].lower_ in DEFINITE_DETERMINERS:
            name = self._resolve_description(token)
            if name and self._actors[name].kind == "document":
                return self._mentioned(name, token, self._np_text(span), (span.start_char, span.end_char), "description")
        name = self._description_name(span)
        state = self._state(name, "document")
        state.heads.add(token.lemma_.lower())
        state.affiliation = state.affiliation or (self._author_name(author) if author is not None else None)
        return self._mentioned(name, token, self._np_text(span), (span.start_char, span.end_char), "description")

    def _author_name(self, author: Token) -> str | None:
        """The actor name of a document's author: a known actor, a place in the gazetteer, or its name."""
        if author.i in self._token_actor:
            return self._token_actor[author.i]
        ent = next((e for e in self._doc_ents if e.start <= author.i < e.end), None)
        text = _clean_name(ent) if ent is not None else author.text
        place = self.gazetteer.lookup(text)
        if place is not None:
            return place.name
        return text if ent is not None or author.pos_ == "PROPN" else None

    def _new_description(self, token: Token, span: Span) -> ResolvedSource:
        """A description no rule resolved is an actor of its own: anonymous, an organisation or a group."""
        inner = self._entity_inside(span)
        head_lower = token.lemma_.lower()
        name = self._description_name(span)
        kind = "anonymous" if head_lower in self.titles.anonymous_heads or token.lower_ in self.titles.anonymous_heads else (
            "organization" if head_lower in self.titles.organisation_heads else "group")
        affiliation = None
        if inner is not None:
            place = self.gazetteer.lookup(_clean_name(inner))
            affiliation = place.name if place else (None if kind == "anonymous" else _clean_name(inner))
        state = self._state(name, kind)
        state.affiliation = state.affiliation or affiliation
        state.heads.add(head_lower)
        return self._mentioned(name, token, self._np_text(span), (span.start_char, span.end_char), "description")

    def _nationals(self, token: Token, span: Span) -> ResolvedSource | None:
        """ "a group of Russians claim", "two Americans said": people of a nation, not its state
        ("the Russians said" may well be its government: left to the other rules)."""
        if token.ent_type_ != "NORP" or token.tag_ not in ("NNPS", "NNS") or not token.lower_.endswith("s") \
                or any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        place = self.gazetteer.lookup(token.text)
        if place is None or place.kind != "country":
            return None  # "Democrats said": a party's members, left to the party's name
        return self._new_description(token, self.doc[token.i:token.i + 1])

    # How a source phrase is resolved, in order: the first rule that names an actor wins.
    SOURCE_RULES = (_short_surname, _nationals, _registered_entity, _relative_pronoun, _indefinite_speaker, _pronoun,
                    _document, _gazetteer_place, _untagged_surname, _holder, _person_inside, _definite_description)

    def _hyphen_whole(self, token: Token) -> Token | Span:
        """ "co-founder" as one word when the tokenizer split it: the span from "co" to "founder"."""
        doc = self.doc
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ and not doc[token.i - 1].whitespace_:
            return doc[token.i - 2:token.i + 1]
        return token

    def _closing_name(self, token: Token) -> Token | None:
        """The name that closes a long capitalised title before the verb ("National Coordinator for
        Health of the Republic Ana Ruiz said"): the parser made the title's first word the subject."""
        if token.dep_ != "nsubj" or not token.text[:1].isupper() or token.ent_type_ == "PERSON":
            return None
        right = token.right_edge
        if right.i + 1 != token.head.i:
            return None
        ent = next((e for e in self.ents if e.label_ == "PERSON" and e.end - 1 == right.i and e.start > token.i), None)
        if ent is None or len(ent) < 2:
            return None
        before = self.doc[ent.start - 1]
        if before.pos_ != "PROPN" or before.ent_type_ == "PERSON":
            return None  # "a spokesman for Ana Ruiz", "friends of Ana Ruiz": the description speaks
        return ent.root

    def _personal_antecedent(self, noun: Token) -> Token:
        """The person a "who" clause hangs on when the parser hung it on a place or thing in a
        prepositional phrase ("people at a mountain lodge who claimed"): the noun before the phrase."""
        if noun.ent_type_ in ("PERSON", "ORG", "NORP") or noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            return noun
        if self._personal(noun):
            return noun
        prep = noun.head
        before = self.doc[prep.i - 1] if prep.i > 0 else None
        if before is not None and before.pos_ == "NOUN" and (self._personal(before) or before.tag_ == "NNS"):
            return before  # a plural before the place is a group of people ("fishermen at the harbour")
        return noun

    def _personal(self, noun: Token) -> bool:
        """A noun that names people: a title, an anonymous head ("residents"), a group noun."""
        lemma = noun.lemma_.lower()
        return self._is_role_noun(noun) or lemma in self.titles.anonymous_heads or noun.lower_ in self.titles.anonymous_heads \
            or lemma in self.titles.organisation_heads or lemma in load_actor_types().actor_nouns

    def _descriptor_words(self, ent: Span) -> set[str]:
        """Words of the title before a name and of its apposition ("DHS spokeswoman X", "X, the
        ministry's spokesman"): what a later or earlier description of the same person may repeat."""
        words: list[Token] = []
        for t in reversed(self.doc[max(0, ent.start - 5):ent.start]):
            if t.is_punct or t.lower_ in NAME_DETERMINERS or t.pos_ not in ("PROPN", "NOUN", "ADJ", "PART"):
                break
            words.append(t)
        appos = next((c for c in ent.root.children if c.dep_ == "appos"), None)
        if appos is not None:
            words.extend(appos.subtree)
        return {w for t in words for w in (t.lower_, t.text) if t.is_alpha and t.lower_ not in _function_words()}

    def _is_role_noun(self, token: Token | Span) -> bool:
        if isinstance(token, Span):
            return self.titles.role_in(token.text) is not None
        return token.pos_ == "NOUN" and self.titles.role_in(token.text) is not None

    def _named_holder(self, token: Token, span: Span) -> str | None:
        """The one named person whose title and affiliation an indefinite description repeats: "a
        spokesperson for the Transport Ministry" is "ministry spokeswoman Ana Ruiz" when
        the article names no other such spokesperson."""
        if not self._is_role_noun(token) or token.tag_ != "NN" or span[0].lower_ not in INDEFINITE_ARTICLES:
            return None
        role = token.lower_
        generic = role in self.titles.generic_roles
        words = [t for t in span if t.i != token.i and t.is_alpha and t.lower_ not in _function_words()]
        keys = {t.lower_ for t in words if t.lower_ not in self.titles.organisation_heads}
        capitals = [t.text for t in words if t.text[:1].isupper()]
        acronym = "".join(w[0] for w in capitals) if len(capitals) > 1 else None
        if not keys and not acronym:
            return None
        found = []
        for name, state in self._actors.items():
            if state.kind != "person" or not state.role:
                continue
            same_role = generic or role in state.described or (role.startswith("spokes") and any(
                w.startswith("spokes") for w in state.described))
            lowered = {w.lower() for w in state.described}
            shared = keys <= lowered if generic else bool(keys & lowered)  # "an official at the X embassy": all of it
            if same_role and (shared or (acronym and acronym in state.described)):
                found.append(name)
        return found[0] if len(found) == 1 else None

    def _person_by_surname(self, word: str) -> str | None:
        for name, state in self._actors.items():
            if state.kind == "person" and len(name.split()) > 1 and name.split()[-1] == word:
                return name
        return None

    def _note_subject(self, token: Token, name: str) -> None:
        entry = (token.i, name, self._actors[name].kind if name in self._actors else "person")
        self._subject_timeline.append(entry)
        self._main_timeline.append(entry)

    def _resolve_pronoun(self, token: Token) -> str | None:
        lower = token.lower_
        plural = lower in self.titles.pronouns.get("plural", PLURAL_FORMS)
        organisational = lower in self.titles.pronouns.get("organization", ORGANISATION_FORMS)
        first_person = lower in SPEAKER_AND_HEARER_FORMS  # the speaker and hearer, not a third party
        if first_person:
            return None
        wanted = {"organization", "country", "anonymous", "group"} if (plural or organisational) else {"person"}
        sent_start = sentence_start(token)
        window_start = _sentence_window_start(token, 6)
        # a subject earlier in the same sentence first ("Although the IMF did not ..., it referenced");
        # then, across sentences, a speaker or main-clause subject before someone named inside what was
        # said ("Kirby said ... that Godane had died. He noted ...")
        passes = ((self._subject_timeline, sent_start), (self._main_timeline, window_start),
                  (self._subject_timeline, window_start), (self._timeline, window_start))
        best = None
        for timeline, since in passes:
            for i, name, kind in timeline:
                if since <= i < token.i and (kind in wanted or self._one_person(i, kind, wanted)) and name not in self._not_them:
                    if best is None or i > best[0]:
                        best = (i, name)
            if best is not None:
                break
        described = self._described_subject(token) if wanted == {"person"} else (
            self._described_group(token) if plural and token.dep_ == "nsubj" else None)
        if described is not None and (best is None or described.i > best[0]):
            return self._new_description(described, self._np_span(described)).name
        if best is not None:
            return best[1]
        if wanted == {"person"}:  # an unrecognised name: the latest proper-noun subject before it
            for t in reversed(self.doc[:token.i]):
                if True:
                    if t.i < token.i and t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") and not t.ent_type_ in ("GPE", "ORG", "NORP") \
                            and self._token_actor.get(t.i) not in self._not_them:
                        return self._name_from_propn(t)
        return None

    def _described_subject(self, token: Token) -> Token | None:
        """ "The gunman in the video makes a statement. He then says ...": a singular person described
        but never named, the main-clause subject of this or the sentence before, is who "he" is when
        no named person was a subject since."""
        start = _sentence_window_start(token, 1)
        for t in reversed(self.doc[start:token.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.i < t.head.i:
                if t.pos_ == "NOUN" and t.tag_ == "NN" and not t.ent_type_ and self._unnamed_person(t) and any(
                        c.dep_ == "det" for c in t.children) and not self._in_quote(t):
                    return t
                if t.pos_ in ("PROPN", "PRON") or t.ent_type_:
                    return None
        return None

    def _described_group(self, token: Token) -> Token | None:
        """ "Crowds of farmers blocked the road. They have demanded an inquiry.": an unnamed plural group,
        the main-clause subject of the sentence before, is who "they" are when no one was a subject since."""
        start = _sentence_window_start(token, 1)
        for t in reversed(self.doc[start:token.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.i < t.head.i:
                if t.pos_ == "NOUN" and t.tag_ == "NNS" and not t.ent_type_ and not self._in_quote(t) \
                        and t.i not in self._token_actor and self._group_noun(t):
                    return t
                if t.pos_ in ("PROPN", "PRON") or t.ent_type_:
                    return None
        return None

    def _group_noun(self, noun: Token) -> bool:
        """People by a listed person noun ("residents", "officials"), or a quantity of people ("crowds of
        farmers"); not any plural ("the dispute centers on ...")."""
        listed = self.titles.anonymous_heads
        if noun.lemma_.lower() in listed or noun.lower_ in listed or self._is_role_noun(noun):
            return True
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        members = [o for o in of.children if o.dep_ == "pobj"] if of is not None else []
        return any(m.tag_ == "NNS" and self.is_actor_noun(m) for m in members)

    def _unnamed_person(self, noun: Token) -> bool:
        """A person noun that does not stand for a named office holder: "the gunman", "the ISIS member",
        but not "the senator" or "the nominee" (most often the person named before), nor a body."""
        lemma = noun.lemma_.lower()
        if self._is_role_noun(noun) or lemma in self.titles.organisation_heads:
            return False
        return lemma in self.titles.anonymous_heads or noun.lower_ in self.titles.anonymous_heads

    def _in_quote(self, token: Token) -> bool:
        return any(a <= token.idx < b for a, b in self._quoted)

    def _one_person(self, i: int, kind: str, wanted: set[str]) -> bool:
        """An anonymous singular person ("an official at the embassy said ... He declined"): a
        personal pronoun may stand for them, never for a plural group ("officials", "residents")."""
        head = self.doc[i]
        return wanted == {"person"} and kind == "anonymous" and head.tag_ == "NN" and self._personal(head)

    def _name_from_propn(self, token: Token) -> str:
        """A person the NER missed, named by the proper nouns around a subject head."""
        parts = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and (t.dep_ == "compound" or t.i == token.i)]
        name = " ".join(t.text for t in parts) or token.text
        state = self._state(name, "person")
        self._token_actor.setdefault(token.i, state.name)
        return state.name

    def _resolve_description(self, token: Token) -> str | None:
        """ "the agency", "the mayor", "the ministry" -> the latest actor that noun describes."""
        lemma = token.lemma_.lower()
        best = None
        country_words = {"country", "nation", "state", "government", "regime"}
        for name, state in self._actors.items():
            last = name.split()[-1].lower()
            if token.tag_ == "NN" and last != token.lower_ and last in (token.lower_ + "s", token.lower_ + "es"):
                continue  # "the security official" is not "Lebanese officials"
            if token.tag_ == "NN" and _irregular_plural_of(name, token, self.titles.irregular_plurals):
                continue  # "the man in black" is not "men claiming to be ..."
            if (lemma in country_words and state.kind == "country") or lemma in state.heads or lemma in name.lower().split() or (state.role and lemma in state.role.lower().split()):
                last = max((m.span[0] for m in state.mentions if m.span[0] < token.idx), default=None)
                if last is not None and (best is None or last > best[0]):
                    best = (last, name)
        if best is None and lemma in self.titles.organisation_heads:  # "the company" after "Boeing"
            allowed = {lemma} | _description_synonyms().get(lemma, frozenset())
            for name, state in self._actors.items():
                own_heads = {w.lower() for w in name.split()} & self.titles.organisation_heads
                # Boeing is "the company", the Intelligence Service "the agency", WHO not "the ministry";
                # a news outlet is "the agency" or "the paper", never "the central bank"
                if state.kind == "organization" and own_heads <= allowed and (is_outlet_noun(lemma) or not is_outlet(name)):
                    last = max((m.span[0] for m in state.mentions if m.span[0] < token.idx), default=None)
                    if last is not None and (best is None or last > best[0]):
                        best = (last, name)
        return best[1] if best else None

    def _add_mention(self, name: str, text: str, span: tuple[int, int], kind: str) -> None:
        state = self._actors.get(name)
        if state is None:
            return
        state.mentions.append(Mention(text=text, span=span, kind=kind))  # type: ignore[arg-type]
        if text != name and text not in state.aliases:
            state.aliases.append(text)

    def _np_span(self, token: Token) -> Span:
        """The noun phrase of a source head, without relative clauses, appositions or trailing PPs."""
        if token.text.startswith("@"):  # "RT @newsdesk": an account is named by its handle alone
            return self.doc[token.i:token.i + 1]
        left = token.left_edge.i
        for t in self.doc[left:token.i]:  # "On Sunday, contributors ...": start after the last comma
            if t.is_punct and t.text not in ("-", "'", "\u2019", ".", "&") or _is_link(t):
                left = t.i + 1  # nor does a name begin before a link ("http://t.co/x -- Daily Star")
        for t in self.doc[left:token.i]:  # "the District and county officials": the name after the "and"
            if t.dep_ == "cc" and t.head.dep_ == "nmod" and t.head.head.i == token.i and any(
                    c.dep_ == "compound" for c in t.head.children):  # not "the Globe and Mail journalist"
                left = t.i + 1
        while left < token.i and self.doc[left].dep_ in ("prep", "pobj", "cc", "advmod"):
            left += 1
        right = token.i
        for child in token.rights:
            if child.dep_ in NP_RIGHT_CUT and not (child.dep_ == "prep" and child.lower_ in ("of", "for", "in", "at", "from", "with", "familiar")):
                break
            right = max(right, child.right_edge.i)
        for child in token.rights:
            if child.dep_ in ("relcl", "appos", "acl", "punct"):
                right = min(right, child.i - 1) if child.i > token.i else right
        cue = self.doc.user_data.get(QUOTED_SPEAKERS, {}).get(token.i)
        if cue is not None and cue > token.i:  # '"Q," the figure in black says': the cue the parser took in
            right = min(right, cue - 1)
        return self.doc[left:max(right, token.i) + 1]

    def _strip_possessive(self, span: Span) -> Span:
        if len(span) > 1 and span[-1].text in ("'s", "\u2019s", "'"):
            return span[:-1]
        return span

    def _np_text(self, span: Span) -> str:
        return span.text

    def _entity_inside(self, span: Span) -> Span | None:
        for e in self.ents:
            if span.start <= e.start and e.end <= span.end and e.label_ in ENTITY_KIND:
                return e
        return None

    def _description_name(self, span: Span) -> str:
        """A description's canonical name: without its article, and a role held in a body named after
        it ("a spokesman for the city council", "an official at the Dutch embassy in Rome") as the body
        before the role ("city council spokesman", "Dutch embassy official"), the form news also uses."""
        affiliated = self._affiliated_role(span)
        if affiliated is not None:
            return affiliated
        tokens = list(span)
        while tokens and (tokens[0].lower_ in NAME_DETERMINERS or tokens[0].tag_ == "PRP$"):
            tokens = tokens[1:]
        text = self.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else span.text
        return text.strip(" \n\t,;:\"'\u201c\u201d\u2018\u2019")

    def _affiliated_role(self, span: Span) -> str | None:
        head = span.root
        if head.tag_ != "NN" or not (self._is_role_noun(head) or head.lower_ in self.titles.generic_roles):
            return None
        if any(t.i < head.i and t.lower_ not in NAME_DETERMINERS for t in span):
            return None  # "a senior official at X": keep the writer's words
        prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in AFFILIATION_PREPS), None)
        body = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if body is None or body.pos_ not in ("NOUN", "PROPN") or body.ent_type_ == "PERSON" or body.right_edge.i > span[-1].i:
            return None
        words = [t for t in self.doc[body.left_edge.i:body.i + 1] if not (t.i == body.left_edge.i and t.lower_ in NAME_DETERMINERS)]
        if not words or any(t.is_punct and t.text not in ("-", "&") for t in words) or any(t.tag_ == "POS" for t in words):
            return None
        owner = "'s" if self._is_role_noun(body) else ""  # "a spokesman for the mayor": the mayor's spokesman
        return f"{self.doc[words[0].i:body.i + 1].text}{owner} {head.text}"

    def can_speak(self, token: Token) -> bool:
        """Whether a source head can be an actor: a name, a pronoun, or a person/organisation noun.

        "Photos showed" and "evidence indicating" are not attributions to an actor.
        """
        if token.i in self._token_actor or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") \
                or token.i in self.doc.user_data.get(QUOTED_SPEAKERS, ()):
            return True  # a name, or whoever a quotation is credited to ('"Q," the figure in black says')
        if token.ent_type_ in NOT_ACTOR_ENTITIES:
            return False  # "Tuesday said", "tonight's debate": a date, a sum or a measure is no actor
        if _word_fragment(token):
            return False  # "co" and "-" of "CEO and co-founder": pieces of a word, not actors
        if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
            token = token.head.head  # "any soldier who asked": judge the noun the clause hangs on
        if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each", "no") for c in token.children):
            return False  # "any soldier who asked ...": a generic, not someone who said something
        if token.pos_ == "PRON":
            return token.lower_ not in NON_NAMING_PRONOUNS or self._resolve_pronoun(token) is not None
        if is_speaking_document(token):  # "polls show", "the study concludes", "records show": a document speaks,
            return not _published(token)  # but "released a report showing ..." is its publisher's statement
        if token.pos_ == "PROPN":  # "Footage shows ..." opening a sentence is tagged a proper noun
            return token.ent_type_ != "" or token.lower_ not in _non_speakers()
        if token.pos_ == "ADJ" and token.dep_ in ("nsubj", "nsubjpass") and (
                token.lower_ in self.titles.anonymous_heads or token.lemma_.lower() in self.titles.anonymous_heads):
            return True  # "..., says official": a person noun the tagger read as an adjective
        if token.pos_ not in ("NOUN",):
            return False
        if token.lower_ in _speaking_forms() and not any(c.dep_ in ("poss", "compound") for c in token.children):
            return True  # "Other reports said": unnamed outlets (an authored report is read as its author)
        if token.lemma_.lower() in _non_speakers() or token.lower_ in _non_speakers():
            return False
        if not self.is_actor_noun(token):  # "his remarks", "a speech by the senator": their actor speaks
            stand_in = _stand_in(token)
            return stand_in is not None and stand_in.i != token.i and self.can_speak(stand_in)
        return True

    def is_actor_noun(self, token: Token) -> bool:
        """A common noun that can name an actor: not an abstract noun ("transparency", "the
        dissolution"), nor an event or thing ("a speech", "the car"), unless a title, an anonymous or
        organisation head or an outlet noun says it is one ("the administration", "the station")."""
        lemma, low = token.lemma_.lower(), token.lower_
        types = load_actor_types()
        if {lemma, low} & (types.actor_nouns | self.titles.anonymous_heads | self.titles.organisation_heads):
            return True
        if self._is_role_noun(token) or is_outlet_noun(lemma):
            return True
        if lemma in types.event_heads:
            return False
        return not any(lemma.endswith(suffix) and len(lemma) > len(suffix) + 2 for suffix in types.abstract_suffixes)

    def name_at(self, token: Token) -> str | None:
        """The actor a token names, if any, without registering anything new."""
        if token.i in self._token_actor:
            return self._token_actor[token.i]
        if token.pos_ == "PRON":
            return self._resolve_pronoun(token)
        if token.ent_type_ in ("GPE", "NORP", "ORG"):
            place = self.gazetteer.lookup(token.text)
            return place.name if place else None
        return None

    # --- output -----------------------------------------------------------------------------
    def actors(self) -> tuple[Actor, ...]:
        return tuple(
            Actor(name=s.name, kind=s.kind, role=s.role, affiliation=s.affiliation,
                  aliases=tuple(a for a in s.aliases if a != s.name), mentions=tuple(s.mentions))
            for s in self._actors.values()
        )

    def kind_of(self, name: str) -> str:
        state = self._actors.get(name)
        return state.kind if state else "unnamed"


@lru_cache(maxsize=1)
def _description_synonyms() -> dict[str, frozenset[str]]:
    data = load("descriptions")
    return {k.lower(): frozenset(w.lower() for w in v) for k, v in data["synonyms"].items()}


@lru_cache(maxsize=1)
def _indefinite_speakers() -> dict[str, str]:
    data = load("descriptions").get("indefinite_speakers", {})
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) and k == k.lower() for k, v in data.items()):
        raise LexiconError("descriptions.yaml: indefinite_speakers: expected a mapping of lower-case word -> name")
    return dict(data)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from claimwatch.lexicons import stopwords
    return stopwords("common")


@lru_cache(maxsize=1)
def _speaking_forms() -> frozenset[str]:
    return frozenset(w.lower() for w in load("non_speakers").get("speaking_forms", []))


@lru_cache(maxsize=1)
def speaking_documents() -> frozenset[str]:
    """Documents that speak in their own right ("polls show", "the study concludes"): ``non_speakers.yaml``."""
    return frozenset(word_list(load("non_speakers")["documents"], "non_speakers.yaml", "documents"))


def is_speaking_document(token: Token) -> bool:
    """A common noun for a poll, a study, a report, data ...; not the plural "reports" with no author
    ("reports said": unnamed outlets, an anonymous description)."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
        return False
    if not {token.lemma_.lower(), token.lower_} & speaking_documents():
        return False
    return not (token.lower_ in _speaking_forms() and not any(c.dep_ in ("poss", "compound") for c in token.children))


def _published(document: Token) -> bool:
    """A document that is the object of a publishing verb ("the ministry released a report showing ..."):
    what it carries is the publisher's statement, not a second one by the document."""
    return document.dep_ == "dobj" and document.head.lemma_.lower() in load_speech_objects().publishing_verbs


@lru_cache(maxsize=1)
def _non_speakers() -> frozenset[str]:
    return frozenset(w.lower() for w in load("non_speakers")["heads"])


@dataclass(frozen=True)
class ActorTypes:
    """What a common-noun source head must not be: an abstract noun (by suffix, unless it names an
    institution or a group) or an event, act or thing whose actor is named elsewhere."""
    abstract_suffixes: tuple[str, ...]
    actor_nouns: frozenset[str]
    event_heads: frozenset[str]


@lru_cache(maxsize=1)
def load_actor_types() -> ActorTypes:
    source = "non_speakers.yaml"
    data = load("non_speakers")
    return ActorTypes(abstract_suffixes=word_list(data["abstract_suffixes"], source, "abstract_suffixes"),
                      actor_nouns=frozenset(word_list(data["actor_nouns"], source, "actor_nouns")),
                      event_heads=frozenset(word_list(data["event_heads"], source, "event_heads")))


def _stand_in(noun: Token) -> Token | None:
    """The actor an event or abstract noun stands for: its possessor ("his remarks", "the senator's
    speech"), its by-agent ("a speech by the senator"), a named modifier ("the Clinton speech"), or a
    name the parser hung on it as an apposition ("until the election, Ana Ruiz, an adviser, said")."""
    for c in noun.children:
        if c.dep_ == "poss" or c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG"):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return next((c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG")), None)


def _irregular_plural_of(name: str, token: Token, plurals: frozenset[tuple[str, str]]) -> bool:
    words = set(name.lower().split())
    return token.lower_ not in words and any(p in words and s == token.lemma_.lower() for p, s in plurals)


def _nearer_subject(token: Token) -> Token | None:
    """A second subject of the same verb between this one and the verb: the parser split one subject
    ("LONDON — The embassy has denied", "Another homeowner Andrei Kazarian said"), and the speaker is
    the part next to the verb."""
    if token.dep_ != "nsubj" or token.i > token.head.i:
        return None
    later = [c for c in token.head.children if c.dep_ == "nsubj" and token.i < c.i < token.head.i]
    if not later:
        return None
    between = token.doc[token.right_edge.i + 1:later[-1].left_edge.i]
    if any(t.dep_ in ("cc",) or t.lower_ in ("and", "or", ",") for t in between):
        return None  # "the mayor and the governor"; "Jiang Li, a shop employee, said": an apposition
    if token.ent_type_ == "PERSON" and later[-1].pos_ == "NOUN":
        return None  # a name, then its description: the name is the speaker
    return later[-1]


def _word_fragment(token: Token) -> bool:
    """A hyphen, or the prefix before one with no space ("co" of "co-founder"), that the parser made a
    conjunct of a subject ("CEO and co - founder"): part of a word, not one more speaker."""
    doc = token.doc
    if token.dep_ != "conj":
        return False
    if token.is_punct or token.text in ("-", "\u2013", "\u2014"):
        return True
    return not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-" \
        and not doc[token.i + 1].whitespace_ and token.is_lower and len(token.text) <= 4


def _related_to(head: Token, inner: Span) -> bool:
    """A description of people related to a named person ("friends of Bary", "relatives of the
    victim Ana Ruiz"): the name sits in a prepositional phrase on the head, so the head is the source."""
    node = inner.root
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.i == head.i:
            return True
        node = node.head
    return False


def _dateline(token: Token) -> bool:
    """A place in capitals before a dash opening a news story: "WASHINGTON -- ..."."""
    doc = token.doc
    return token.text.isupper() and len(token.text) > 2 and token.i + 1 < len(doc) and \
        doc[token.i + 1].text in ("--", "\u2014", "\u2013", "-")


def _main_clause(subject: Token) -> bool:
    """Whether a subject belongs to its sentence's main clause (or a clause coordinated with it)."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _sentence_window_start(token: Token, n: int) -> int:
    starts = sentence_starts(token.doc)
    return starts[max(0, sentence_index(token) - n)]


def _is_link(token: Token) -> bool:
    """A web address or a pasted link ("pic.twitter.com/x"), not a name joined by a slash ("CBS/NYT")."""
    text = token.text.lower()
    return text.startswith(("http", "www.")) or ("/" in text and "." in text)  # "Boston.com" is an outlet's name


def _clean_name(ent: Span) -> str:
    text = span_text(ent).strip()
    for suffix in ("'s", "\u2019s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip(" ,.;:\"'\u201c\u201d")


def _full_names(persons: list[Span]) -> dict[str, str]:
    """Map each person mention to the longest name sharing its last word ("Zelensky" -> full name);
    among names of equal length the first mentioned wins, so the answer never depends on hash order."""
    cleaned = (_clean_name(p) for p in persons)
    names = sorted(dict.fromkeys(n for n in cleaned if n), key=lambda n: -len(n.split()))
    out: dict[str, str] = {}
    for name in names:
        last = name.split()[-1].lower()
        full = next((n for n in names if n.split()[-1].lower() == last and len(n.split()) >= len(name.split())), name)
        out[name] = full
    return out

