"""Finding attribution cues in a parsed Doc: reporting verbs, nouns and phrases from the cue lexicon."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import POS, TAG
from spacy.matcher import PhraseMatcher
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from claimwatch.lexicons.schema import Cue, CueLexicon, load_cues
from claimwatch.nlp.docutil import LEMMA_CACHE, doc_text, lower_forms, lower_lemmas

AUX_DEPS = {"aux", "auxpass", "neg"}


@dataclass(frozen=True)
class CueHit:
    """One cue occurrence: the anchoring token, the cue tokens as written, and its lexicon entry."""

    head: Token
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    entry: Cue

    @property
    def char_span(self) -> tuple[int, int]:
        doc = self.head.doc
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])

    @property
    def text(self) -> str:
        a, b = self.char_span
        return doc_text(self.head.doc)[a:b]


@lru_cache(maxsize=4)
def _phrase_matcher(vocab_id: int, vocab) -> tuple[PhraseMatcher, dict[str, Cue]]:
    lexicon = load_cues()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for phrase, entry in lexicon.phrases.items():
        matcher.add(phrase, [vocab_make_doc(vocab, phrase)])
    return matcher, dict(lexicon.phrases)


def vocab_make_doc(vocab, phrase: str) -> Doc:
    words = phrase.split()
    return Doc(vocab, words=words)


LEMMAS_REPAIRED = "claimwatch.lemmas_repaired"


def repair_lemmas(doc: Doc, lexicon: CueLexicon | None = None) -> None:
    """Give the verb forms the tagger lemmatises wrongly their cue lemma (``lemma_repairs`` in cues.yaml:
    "hoped" comes out as "hop"), once per Doc, so the cue lookup, the stance rules and the statement
    filter all read the same lemma."""
    if doc.user_data.get(LEMMAS_REPAIRED):
        return
    doc.user_data[LEMMAS_REPAIRED] = True
    repairs = (lexicon or load_cues()).lemma_repairs
    forms = lower_forms(doc)
    fixed = [i for i, form in enumerate(forms) if form in repairs and doc[i].tag_.startswith("VB")]
    for i in fixed:
        doc[i].lemma_ = repairs[forms[i]]
    if fixed:
        doc.user_data.pop(LEMMA_CACHE, None)


def find_cues(doc: Doc, lexicon: CueLexicon | None = None) -> list[CueHit]:
    """All cue occurrences in ``doc``, one per anchoring token, phrases first (they are more specific)."""
    lexicon = lexicon or load_cues()
    repair_lemmas(doc, lexicon)
    hits: dict[int, CueHit] = {}
    matcher, phrases = _phrase_matcher(id(doc.vocab), doc.vocab)
    for match_id, start, end in matcher(doc):
        entry = phrases[doc.vocab.strings[match_id]]
        span = doc[start:end]
        head = _phrase_head(span)
        if head.i not in hits or (hits[head.i].end - hits[head.i].start) < (end - start):
            hits[head.i] = CueHit(head=head, start=min(start, _aux_start(head)), end=end, entry=entry)
    for token in _candidates(doc, lexicon):
        if token.i in hits:
            continue
        entry = None
        if token.tag_.startswith("VB") or token.pos_ == "VERB":
            entry, particle = _verb_entry(token, lexicon)
            if entry:
                end = (particle.i + 1) if particle is not None else token.i + 1
                hits[token.i] = CueHit(head=token, start=_aux_start(token), end=max(end, token.i + 1), entry=entry)
        elif token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NN", "NNS"):
            nouns = lexicon.nouns.get(token.lemma_.lower()) or lexicon.nouns.get(token.lower_)
            if nouns:
                hits[token.i] = CueHit(head=token, start=token.i, end=token.i + 1, entry=nouns[0])
    for hit in _bare_clause_adjectives(doc, lexicon, hits):
        hits[hit.head.i] = hit
    return sorted(hits.values(), key=lambda h: h.head.i)


def _bare_clause_adjectives(doc: Doc, lexicon: CueLexicon, hits: dict[int, CueHit]) -> list[CueHit]:
    """ "The mayor is confident the plan will work", "remains convinced the treaty is flawed": an
    attitude adjective whose "<adjective> that" phrase the lexicon lists, with its that-clause written
    without "that" (a clause complement of the adjective right after it), is the same cue."""
    out = []
    for token in doc:
        if token.i in hits or not (token.pos_ == "ADJ" or token.tag_ == "VBN") or token.dep_ not in ("acomp", "oprd"):
            continue  # "are convinced this was ...": the participle read as an adjective
        entry = lexicon.phrases.get(f"{token.lower_} that")
        if entry is None or entry.frame != "clause" or entry.act != "say":  # "I'm afraid I can't": idiom
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is not None and not any(c.dep_ == "mark" for c in clause.children):
            out.append(CueHit(head=token, start=token.i, end=token.i + 1, entry=entry))
    return out


def _candidates(doc: Doc, lexicon: CueLexicon) -> list[Token]:
    """The tokens that can be a verb or noun cue: a verb whose lemma the lexicon lists, a common noun
    whose lemma or form it lists. Read from the Doc's arrays, so the many other tokens cost no Token."""
    strings = doc.vocab.strings
    lemmas, forms = lower_lemmas(doc), lower_forms(doc)
    tags, poses = doc.to_array(TAG), doc.to_array(POS)
    verb_tags = numpy.array([h for h in set(tags.tolist()) if strings[h].startswith("VB")], dtype=numpy.uint64)
    noun_tags = numpy.array([strings["NN"], strings["NNS"]], dtype=numpy.uint64)  # hashes: keep them exact
    verbs = numpy.isin(tags, verb_tags) | (poses == VERB)
    nouns = ~verbs & numpy.isin(poses, [NOUN, PROPN]) & numpy.isin(tags, noun_tags)
    out = [i for i in numpy.flatnonzero(verbs).tolist() if lemmas[i] in lexicon.verbs]  # others have no reading
    out += [i for i in numpy.flatnonzero(nouns).tolist() if lexicon.nouns.get(lemmas[i]) or lexicon.nouns.get(forms[i])]
    return [doc[i] for i in sorted(out)]


def _verb_entry(token: Token, lexicon: CueLexicon) -> tuple[Cue | None, Token | None]:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > token.i:
            entry = lexicon.verb(lemma, child.lower_)
            if entry is not None and entry.particle:
                return entry, child
    for child in object_as(token):  # "view the decision as a betrayal": "as" hung on the object
        entry = lexicon.verb(lemma, child.lower_)
        if entry is not None and entry.particle:
            return entry, child
    for mark in _clause_marks(token):  # "called for the governor to resign": the particle parsed as a mark
        entry = lexicon.verb(lemma, mark.lower_)
        if entry is not None and entry.particle:
            return entry, mark
    entry = lexicon.verb(lemma, None)
    if entry is not None and entry.particle:
        return None, None
    return entry, None


def object_as(verb: Token) -> list[Token]:
    """An "as" phrase the parser hung on the verb's object ("view the move as a provocation"): the
    "as" reading of a viewing verb, with the object and the phrase as its content."""
    return [p for o in verb.children if o.dep_ == "dobj" and o.i > verb.i for p in o.children
            if p.dep_ == "prep" and p.lower_ == "as" and any(g.dep_ in ("pobj", "pcomp", "amod", "acomp") for g in p.children)]



def _clause_marks(token: Token) -> list[Token]:
    """Marks that open an adverbial clause right after the verb ("for" in "called for X to go")."""
    return [m for c in token.children if c.dep_ == "advcl" and c.i > token.i for m in c.children
            if m.dep_ == "mark" and m.i == c.left_edge.i and m.i == token.i + 1]


def _aux_start(token: Token) -> int:
    """Index of the first auxiliary or negation directly before a verb ("has called", "did not confirm")."""
    start = token.i
    lefts = [c for c in token.lefts if c.dep_ in AUX_DEPS]
    for child in sorted(lefts, key=lambda c: -c.i):
        between = token.doc[child.i + 1:start]
        if all(t.dep_ in AUX_DEPS or t.pos_ == "ADV" for t in between):
            start = child.i
    return start


def _phrase_head(span) -> Token:
    """The token of a phrase that carries the syntax: its first verb, else its root."""
    for token in span:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
    return span[0] if span[0].lower_ == "according" else span.root
