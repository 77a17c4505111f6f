"""Claims: each statement's content as normalised propositions, grouped so that variants meet.

A content clause becomes one proposition per coordinated predicate ("has supplied equipment ... but
also deployed soldiers" gives two). Each proposition gets an event type from trigger lemmas
(`event_types.yaml`) and an agent (the actor doing it); the group is the agent with the event type's
umbrella type, so "deployed soldiers", "sent officers" and "militarily involved" by one state meet
while "supplied equipment" stays apart. Anaphoric contents ("these reports", "the claims of X") point
back to the claims they refer to. A negated restatement of an earlier claim is a denial of it,
unless it only contrasts ("fined but not arrested") or measures ("did not go far enough").
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

import numpy
from spacy.attrs import IS_ALPHA, IS_STOP, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from claimwatch.lexicons import load
from claimwatch.errors import LexiconError
from claimwatch.model import Claim
from claimwatch.nlp.docutil import lower_lemmas
from claimwatch.nlp.speech import CUE_HEADS, partitive_head
from claimwatch.nlp.stance import plain_negation
from claimwatch.nlp.function_words import (ABOUT_PREPS, ANAPHOR_DETERMINERS, BACK_PRONOUNS, CLAUSE_OPENERS,
                                          CONDITION_MARKS, CONTRAST_CONJUNCTIONS, GERUND_LINKS, LINKING_VERBS,
                                          PRESUPPOSING_QUESTION_WORDS, QUESTION_MARKS, QUESTION_WORDS,
                                          SUBJECT_BACK_PRONOUNS, SUFFICIENCY_ADVERBS, TIME_PREPS)

# open-class word lists, from lexicons/claim_words.yaml
CLAIM_WORDS = load("claim_words")
ANAPHOR_NOUNS = CLAIM_WORDS["anaphor_nouns"]
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
LIGHT_LEMMAS = CLAIM_WORDS["light_lemmas"]


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    parent: str | None
    verbs: frozenset[str]
    nouns: frozenset[str]
    requires: frozenset[str]

    @property
    def umbrella(self) -> str:
        return self.parent or self.id


@lru_cache(maxsize=1)
def load_event_types() -> tuple[EventType, ...]:
    data = load("event_types")
    out = []
    ids = set()
    for i, entry in enumerate(data.get("types", [])):
        try:
            et = EventType(id=entry["id"], label=entry["label"], parent=entry.get("parent"),
                           verbs=frozenset(entry.get("verbs", [])), nouns=frozenset(entry.get("nouns", [])),
                           requires=frozenset(entry.get("requires", [])))
        except (KeyError, TypeError) as exc:
            raise LexiconError(f"event_types.yaml entry {i}: missing field {exc}") from exc
        if et.id in ids:
            raise LexiconError(f"event_types.yaml: duplicate id {et.id!r}")
        ids.add(et.id)
        out.append(et)
    for et in out:
        if et.parent and et.parent not in ids:
            raise LexiconError(f"event_types.yaml: {et.id!r} has unknown parent {et.parent!r}")
    return tuple(out)


@dataclass
class Proposition:
    """A claim before ids: its words, lemma set, event type and agent."""

    text: str
    lemmas: frozenset[str]
    event: str | None
    agent: str | None
    negated: bool = False
    rejects: bool = False  # negated and a rejection: not a want or progress so far ("didn't want to go")
    tokens: tuple[int, ...] = field(default=())
    frame: tuple[str, str] | None = None  # (predicate meaning, object head): ("raise", "rate")
    verb: str | None = None  # the main predicate for the ledger (verb_frame): "send", "not open"
    predicate_event: str | None = None  # the event type its main verb names, which the ledger matches on
    patient: str | None = None  # the named one the main predicate is done to ("killed Jo Bloggs": Jo Bloggs)

    @property
    def key(self) -> tuple[str | None, str | None]:
        return self.agent, self.event




def classify_events(lemmas: set[str], verbs: set[str], head: str | None = None) -> list[EventType]:
    """Event types the clause speaks of, best first; each umbrella type once. A nominal claim's head
    noun (``head``: "the death of the leader ... in an airstrike") counts twice: it names the event."""
    scored = []
    for order, et in enumerate(load_event_types()):
        if et.requires and not (lemmas & et.requires):
            continue
        score = 2 * len(lemmas & et.nouns) + len(verbs & et.verbs)
        if score and head is not None and (head in et.nouns or head in et.verbs):
            score += 2
        if score > 0:
            scored.append((-score, order, et))
    out: list[EventType] = []
    for neg_score, _, et in sorted(scored, key=lambda x: (x[0], x[1])):
        if all(e.umbrella != et.umbrella for e in out) and (not out or -neg_score >= 2):
            out.append(et)
    return out


def event_by_id(event_id: str | None) -> EventType | None:
    return next((e for e in load_event_types() if e.id == event_id), None)


def is_anaphor(span: Span) -> bool:
    """ "these reports", "the claims of X", "allegations": content that points back to claims."""
    if len(span) == 0:
        return False
    root = span.root
    if root.lemma_.lower() not in ANAPHOR_NOUNS or root.pos_ not in ("NOUN",):
        return False
    if any(c.dep_ in ("acl", "relcl", "ccomp") and any(m.lower_ == "that" for m in c.children) for c in root.children):
        return False  # "the claim that X" states its content
    det = next((c for c in root.children if c.dep_ in ("det", "poss")), None)
    return det is not None and (det.lower_ in ANAPHOR_DETERMINERS or _named_owner(det)) or root.tag_ == "NNS"


def _named_owner(det: Token) -> bool:
    """ "Hunter's claim", "the ministry's allegations": a possessor naming whose claims are meant."""
    return det.dep_ == "poss" and det.pos_ in ("PROPN", "NOUN")


def find_anaphor(span: Span) -> Span | None:
    """An anaphoric noun phrase inside a content: "These claims are false", "no truth to these claims"."""
    for t in span:
        if t.pos_ == "NOUN" and t.lemma_.lower() in ANAPHOR_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            det = next((c for c in t.children if c.dep_ in ("det", "poss")), None)
            definite_subject = det is not None and det.lower_ == "the" and t.dep_ in ("nsubj", "nsubjpass") and t.head.i == span.root.i
            # "surprised at the marriage claims": a definite plural names claims already told
            definite_plural = det is not None and det.lower_ == "the" and t.tag_ == "NNS" and t.dep_ in ("pobj", "dobj") \
                and not any(c.dep_ in ("acl", "relcl") or c.dep_ == "prep" and c.lower_ not in ("of", "by", "from") for c in t.children)
            owned_subject = det is not None and _named_owner(det) and t.dep_ in ("nsubj", "nsubjpass") and t.head.i == span.root.i
            if det is not None and (det.lower_ in ANAPHOR_DETERMINERS - {"the"} | {"these", "those", "this", "such"}
                                    or definite_subject or definite_plural or owned_subject):
                return span.doc[t.left_edge.i:t.right_edge.i + 1]
    return None


def anaphor_topic(span: Span) -> Span | None:
    """The "of X" part of "the claims of X" that says which claims are meant."""
    root = span.root
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "that", "on", "regarding")), None)
    if prep is None:
        return None
    toks = [t.i for t in prep.subtree if t.i != prep.i]
    return span.doc[min(toks):max(toks) + 1] if toks else None


# Verbs of the exchange itself: "declined to comment on X", "did not respond to X" are about X.
EXCHANGE_VERBS = CLAIM_WORDS["exchange_verbs"]
# Verbs whose object is itself the claim: "declined to confirm the arrival of the warships".
VERDICT_VERBS = CLAIM_WORDS["verdict_verbs"]


def exchange_topic(span: Span) -> tuple[Span | None, bool]:
    """What a content made of the exchange itself is about, and whether it was one.

    "to requests for comment on the assessment" -> ("the assessment", True); "questions from
    reporters", "to comment" -> (None, True): about nothing; "on the claims from Seoul" -> ("the
    claims from Seoul", True) (a preposition before an anaphor); any other content comes back
    unchanged with False: it states something of its own.
    """
    from claimwatch.nlp.speech import load_speech_objects

    meta = load_speech_objects().meta_nouns
    doc = span.doc
    original, through = span, False
    for _ in range(5):
        if len(span) == 0:
            return None, True
        root = span.root
        lemma = root.lemma_.lower()
        if root.pos_ == "ADP" or root.tag_ == "TO":
            nxt = next((c for c in root.children if c.dep_ == "pobj"), None)
            if nxt is None or not (through or nxt.lemma_.lower() in meta or is_anaphor(doc[nxt.left_edge.i:nxt.right_edge.i + 1])):
                return (span, True) if through else (original, False)
        elif root.pos_ == "VERB" and lemma in EXCHANGE_VERBS | VERDICT_VERBS and span.start == root.left_edge.i >= root.i - 1 \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "ccomp") for c in root.children):  # "to comment on X"
            nxt = next((c for c in root.children if c.dep_ in ("prep", "dobj") and (c.dep_ == "dobj" or c.lower_ in ABOUT_PREPS)
                        and span.start <= c.i < span.end), None)  # "to comment to the Post": the hearer was cut off
            if lemma in VERDICT_VERBS:  # "to confirm the presence of the soldiers": the object is the claim
                if nxt is None or nxt.dep_ != "dobj":
                    return (span, True) if through else (original, False)
                span = doc[nxt.left_edge.i:nxt.right_edge.i + 1]
                if not through:
                    original = span
                continue
        elif root.pos_ == "NOUN" and (lemma in meta or root.lower_ in meta):
            if any(c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX") for c in root.children):
                return (span, True) if through else (original, False)  # "questions that the minister lied"
            nxt = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ABOUT_PREPS), None)
        else:
            return (span, True) if span is not original else (original, False)
        if nxt is None:
            return None, True
        through = True
        span = doc[nxt.left_edge.i:nxt.right_edge.i + 1]
    return span, True


def shown_matter(span: Span, published: bool = False) -> bool:
    """ "photographs of the two men", "satellite imagery of landing ships": published matter named
    without what it shows, evidence for a claim rather than a claim. ``published``: the cue is an act
    of publishing ("released its findings"), so any document noun counts."""
    from claimwatch.nlp.speech import load_speech_objects

    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lemma_.lower() in ANAPHOR_NOUNS:
        return False
    lex = load_speech_objects()
    docs = lex.documents | lex.exhibits if published else lex.exhibits
    if root.lemma_.lower() not in docs and root.lower_ not in docs:
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("acl", "relcl", "ccomp", "advcl") for t in root.subtree)


def anaphor_owner(span: Span) -> Token | None:
    """Whose claims an anaphor means: "the claims from Seoul", "claims by the ministry", "Kyiv's claims"."""
    root = span.root
    poss = next((c for c in root.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def about_what_was_said(span: Span) -> bool:
    """ "Everything I said on the radio was wrong", "what the minister claimed is false": a content
    whose subject is what someone said is about those claims, and states nothing new of its own."""
    from claimwatch.lexicons.schema import load_cues

    root = span.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is None:
        return False
    cues = load_cues()
    return any(t.pos_ == "VERB" and t.dep_ in ("relcl", "csubj") and cues.verb(t.lemma_) is not None
               and cues.verb(t.lemma_).act in ("say", "report", "accuse") for t in subject.subtree) \
        or subject.dep_ == "csubj" and cues.verb(subject.lemma_) is not None


def purely_anaphoric(span: Span) -> bool:
    """ "they were there", "it is true": a pronoun and a predicate that name nothing themselves."""
    return any(t.lower_ in SUBJECT_BACK_PRONOUNS and t.pos_ == "PRON" for t in span) \
        and not any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in span)


def generic_judgement(span: Span) -> bool:
    """ "Images are a serious thing", "Sanctions are pointless": a judgement about a bare kind, with no
    actor, event or place named, is an opinion and no checkable claim."""
    root = span.root
    if root.lemma_.lower() != "be" or any(t.ent_type_ for t in span) or any(t.like_num for t in span):
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NNS" or any(True for _ in subj.children):
        return False  # a bare plural names a kind; "such infiltration", "the images" point at something
    complement = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    return bool(complement) and all(c.dep_ not in ("ccomp", "xcomp", "advcl") for c in root.children)


def definite_event_head(span: Span) -> str | None:
    """ "the capture", "the deployment": a bare definite noun names an event told before; its lemma."""
    root = span.root
    if root.pos_ != "NOUN" or len(span) > 3:
        return None
    det = next((c for c in root.children if c.dep_ in ("det", "poss")), None)
    if det is None or det.lower_ not in ANAPHOR_DETERMINERS:
        return None
    return root.lemma_.lower()


EVIDENCE_FRAME_NOUNS = CLAIM_WORDS["evidence_frame_nouns"]
# "evidence suggesting that X" (wider than the evidential predicates: see claim_words.yaml)
EVIDENCE_CLAUSE_VERBS = CLAIM_WORDS["evidence_clause_verbs"]
SUPPORT_VERBS = CLAIM_WORDS["support_verbs"]
# Nouns of a demanded reaction: "called for a strong response to X" is about X.
REACTION_NOUNS = CLAIM_WORDS["reaction_nouns"]


def propositions(span: Span, agent_of: Callable[[Span], str | None]) -> list[Proposition]:
    """One proposition per coordinated predicate of the content clause."""
    if len(span) == 0:
        return []
    outer = span.root
    if outer.pos_ == "NOUN" and outer.lemma_.lower() in REACTION_NOUNS:
        target = next((c for c in outer.children if c.dep_ == "prep" and c.lower_ in ("to", "against", "over", "into")), None)
        pobj = next((c for c in target.children if c.dep_ == "pobj"), None) if target is not None else None
        if pobj is not None:  # "a strong international response to North Korea's involvement" -> the involvement
            span = span.doc[pobj.left_edge.i:pobj.right_edge.i + 1]
            outer = span.root
    root = _core(outer, span)
    stray: list[Token] = []
    if root.i != outer.i:  # "there is evidence indicating that X": the proposition is X
        # predicates the parser coordinated with the frame ("... but also deployed soldiers") go with X
        stray = [c for c in outer.conjuncts if c.pos_ in ("VERB", "AUX") and c.i > root.i and span.start <= c.i < span.end
                 and not _subject(c)]
        span = span.doc[root.left_edge.i:root.right_edge.i + 1]
    heads = [root] + [c for c in root.conjuncts if span.start <= c.i < span.end and c.pos_ in ("VERB", "AUX") and c.i > root.i]
    if stray:
        heads += stray
        span = span.doc[span.start:max(span.end, max(t.right_edge.i for t in stray) + 1)]
    if root.pos_ not in ("VERB", "AUX"):
        heads = [root] + stray
    out = []
    subject = _subject(root)
    for head in heads:
        others = {t.i for h in heads if h is not head and h.i > head.i for t in h.subtree}
        if head is root:
            toks = [t for t in span if t.i not in others]
        else:
            toks = [t for t in head.subtree if span.start <= t.i < span.end]
            subj = _subject(head) or subject
            if subj is not None and not any(t.i == subj.i for t in toks):
                toks = [t for t in subj.subtree] + toks
        toks = _claim_tokens(toks, root)
        if not toks:
            continue
        sub = span.doc[toks[0].i:toks[-1].i + 1]
        lemmas = frozenset(t.lemma_.lower() for t in toks if t.pos_ in CONTENT_POS and t.lemma_.lower() not in LIGHT_LEMMAS and not t.is_stop)
        events = _clause_events(toks) or [None]
        text = source_text(toks)
        negated = any(c.dep_ == "neg" for c in head.children)
        rejects = negated and not plain_negation(head) and not non_rejecting_negation(head)
        agent = agent_of(sub)
        if agent is None and out and out[0].agent and not _subject(head):  # "... but also deployed soldiers"
            agent = out[0].agent
            text = f"{agent} {text}"
        said = _predicate_event(toks)
        for n, event in enumerate(events):  # "involvement as a dangerous escalation" speaks of two propositions
            out.append(Proposition(text=text, lemmas=lemmas, event=event.id if event else None,
                                   agent=agent, negated=negated, rejects=rejects, tokens=tuple(t.i for t in toks),
                                   frame=predicate_frame(head), verb=verb_frame(head, negated),
                                   predicate_event=said.id if said is not None and n == 0 else None,
                                   patient=_patient_name(head, agent_of)))
    return out


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Acts whose infinitive content is a proposition about the speaker ("claimed to have filmed it"); an
# appeal's or a warning's infinitive ("urged them to leave") asks for something and states nothing.
PROPOSITION_INFINITIVE_ACTS = frozenset({"say", "report", "accuse", "deny", "confirm", "echo", "publish"})


QUESTION_NOUNS = CLAIM_WORDS["question_nouns"]
NON_FOUNDING_ACTS = CLAIM_WORDS["non_founding_acts"]


def _clause_head(toks: list[Token]) -> Token | None:
    """The token of a proposition's words whose head lies outside them (or is itself): what it is."""
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)


def _an_appeal(toks: list[Token], act: str) -> bool:
    """ "demanded the release of the fishermen", "urged that the plant close": a call states nothing;
    what it takes as given does ("demanded to know why the guards had left": they had left)."""
    return act in NON_FOUNDING_ACTS and not _presupposed(toks)


def _a_question(toks: list[Token], act: str) -> bool:
    """ "asked who had left", "asked how many were aboard", "confirmed what we knew": a wh-question or
    free relative names no proposition (a yes/no question, "asked whether the bridge was safe", puts
    one in question: the clause is its claim, the doubt stays on the statement); not an adverbial clause before a main one ("when the river rose, the
    road closed") nor the subject of a pseudo-cleft ("what they use is radar")."""
    first = next((t for t in toks if not t.is_punct), None)
    ids = {t.i for t in toks}
    if first is None or first.lower_ not in QUESTION_WORDS:
        return False
    token = first
    while token.head.i != token.i and token.head.i in ids:
        if token.dep_ in ("advcl", "csubj"):
            return False
        token = token.head
    return token.dep_ not in ("advcl", "csubj")


def _a_question_noun(toks: list[Token], act: str) -> bool:
    """ "the authenticity of the tape", "the man's identity": the object of a check, not a proposition."""
    head = _clause_head(toks)
    return head is not None and head.pos_ == "NOUN" and (head.lemma_.lower() in QUESTION_NOUNS
                                                         or head.lower_ in QUESTION_NOUNS)


def _a_fragment(toks: list[Token], act: str) -> bool:
    """ "about the flooding in the valley", "to police over Facebook": a prepositional phrase states nothing."""
    head = _clause_head(toks)
    return head is not None and head.pos_ == "ADP"


def _a_characterisation(toks: list[Token], act: str) -> bool:
    """ "him as a private man", "the plan as a disgrace": a label put on someone or something is an
    opinion of it; with a gerund ("the intruder as wearing a red coat") it is a proposition."""
    head = _clause_head(toks)
    if head is None or head.pos_ not in ("NOUN", "PROPN", "PRON") or classify_events({head.lemma_.lower()}, set(), head.lemma_.lower()):
        return False  # an event labelled ("the raid as an escalation") is still told as having happened
    ids = {t.i for t in toks}
    links = [c for c in head.children if c.dep_ == "prep"] + [t for t in toks if t.head.i not in ids and t.dep_ == "prep"]
    return any(c.lower_ == "as" and not any(g.tag_ == "VBG" for g in c.children) for c in links)


def verdict_on_claims(span: Span) -> bool:
    """ "it wasn't true", "Trump's statement is accurate": a content that only judges something said."""
    return _a_verdict_on_claims(list(span), "say")


def _a_verdict_on_claims(toks: list[Token], act: str) -> bool:
    """ "it wasn't true", "Hunter's claim is categorically false": a judgement of something said, with
    no proposition of its own (one with a that-clause, "the claim that X is false", is read as X)."""
    head = _clause_head(toks)
    if head is None or head.lemma_.lower() != "be":
        return False
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not (subject.lower_ in BACK_PRONOUNS or subject.lemma_.lower() in ANAPHOR_NOUNS):
        return False
    complement = next((c for c in head.children if c.dep_ in ("acomp", "attr")), None)
    return complement is not None and not any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in head.children) \
        and (complement.lemma_.lower() in _verdict_words() or complement.lower_ in _verdict_words())


@lru_cache(maxsize=1)
def _verdict_words() -> frozenset[str]:
    """Words that judge whether something said is so: ``truth_words`` of ``claim_words.yaml`` and the
    denial and doubt labels of ``stance_rules.yaml``."""
    rules = load("stance_rules")
    return CLAIM_WORDS["truth_words"] | rules.denial_labels | rules.doubt_labels


def _published_matter(toks: list[Token], act: str) -> bool:
    """ "a video showing the body of the hostage", "photos of burns that were sustained in the attack":
    published matter named with what it shows is evidence for a claim, not one (see shown_matter)."""
    from claimwatch.nlp.speech import load_speech_objects

    head = _clause_head(toks)
    if head is None or head.pos_ != "NOUN":
        return False
    lex = load_speech_objects()
    kinds = lex.documents | lex.exhibits if act == "publish" else lex.exhibits
    return (head.lemma_.lower() in kinds or head.lower_ in kinds) and not any(c.dep_ == "ccomp" for c in head.children)


# Contents that state no proposition whatever their form: each rule (words, act) -> True founds no claim.
NON_PROPOSITIONS = (_an_appeal, _a_question, _a_question_noun, _a_fragment, _a_characterisation,
                    _a_verdict_on_claims, _published_matter)


def states_something(prop: Proposition, doc: Doc, act: str = "say", verdict_object: bool = False) -> bool:
    """Whether a proposition can found a ledger claim: who did what, with a tensed predicate.

    A clause with a finite verb or modal ("police will stop arresting", "troops were sent") is one; so
    is an infinitive or gerund that a speech act states ("claimed to have filmed the creature", "accused
    the airline of falsifying records") and, with an event type or as the object of "confirm" or "deny"
    (``verdict_object``), a noun naming an event with its participant ("the arrival of the warships").
    Bare noun phrases ("the conflict", "last year"), connectives, questions, imperatives, calls ("to
    leave the city" after "urged") and the kinds of ``NON_PROPOSITIONS`` are not: they stay statements,
    with no claim of their own."""
    toks = [doc[i] for i in prop.tokens]
    if not toks or toks[-1].text == "?" or doc[toks[-1].i + 1:toks[-1].i + 2].text == "?":
        return False
    if any(rule(toks, act) for rule in NON_PROPOSITIONS):
        return False
    if any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in toks):
        return not _imperative(toks)
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl") for t in toks):
        # a clause without tense: a speech act's infinitive or gerund states something ("claimed to
        # have filmed it", "accused the airline of falsifying records"); an appeal's asks for it
        return act in PROPOSITION_INFINITIVE_ACTS and any(
            t.tag_ == "TO" or t.tag_ == "VBG" and t.dep_ in ("pcomp", "ROOT", "xcomp", "ccomp")
            or t.tag_ == "VBN" and any(a.dep_ == "aux" for a in t.children) for t in toks)
    if prop.event is not None and any(t.dep_ in ("pobj", "poss") and t.pos_ in ("PROPN", "NOUN", "NUM") for t in toks):
        return True  # "the beheading of the journalist": an event type's noun with a participant
    return verdict_object and _event_noun_with_participant(toks)


def _event_noun_with_participant(toks: list[Token]) -> bool:
    """ "the arrival of the warships", "the leader's death": a noun phrase whose head takes its
    participant with "of" or a possessive states who did or underwent what."""
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
    if head is None or head.pos_ != "NOUN":
        return False
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    return any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in head.children) or any(
        g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "NUM", "PRON") for p in of for g in p.children)


def _imperative(toks: list[Token]) -> bool:
    """ "Stay away from the building": a bare verb that opens the clause, with no subject."""
    first = next((t for t in toks if not t.is_punct), None)
    return first is not None and first.tag_ == "VB" and first.dep_ == "ROOT" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux") for c in first.children)


def source_text(toks: list[Token]) -> str:
    """The words of a proposition as the article wrote them: runs of adjacent tokens keep their own
    spacing ("the country's", "long-term", "can't"); a gap left by a dropped aside becomes one space."""
    parts = []
    for k, tok in enumerate(toks):
        adjacent = k + 1 < len(toks) and toks[k + 1].i == tok.i + 1
        parts.append(tok.text_with_ws if adjacent else tok.text + " ")
    return " ".join("".join(parts).split())


# Verbs through which a content states its real predicate: "expected the bank to increase rates".
CONTROL_VERBS = CLAIM_WORDS["control_verbs"]
EXPLETIVE_FRAME_VERBS = CLAIM_WORDS["expletive_frame_verbs"]


def expletive_clause(head: Token) -> Token | None:
    """The verb of the that-clause an expletive "it" frames: "it turned out that the bridge had
    collapsed", "it was discovered that X", "it is clear that X" give X's verb; None for any other
    head, and for a negated frame ("it is not clear that X" does not deny X)."""
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ == "it"), None)
    if subject is None or any(c.dep_ == "neg" for c in head.children):
        return None
    if subject.dep_ != "nsubjpass" and head.lemma_.lower() not in EXPLETIVE_FRAME_VERBS:
        return None
    return next((c for c in head.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)


FACTIVE_KNOWING = CLAIM_WORDS["factive_knowing"]


def known_clause(head: Token) -> Token | None:
    """The clause a frame of knowing takes as given, negated or not: "she had no idea she was
    pregnant", "he was not aware that the bridge had closed", "they knew the bridge had closed" give
    the inner clause's verb (``factive_knowing``); None for any other head, and for an embedded
    question ("did not know whether X" takes nothing as given)."""
    lemma = head.lemma_.lower()
    holder = head
    if lemma not in FACTIVE_KNOWING:
        holder = next((c for c in head.children if c.lemma_.lower() in FACTIVE_KNOWING and (
            c.dep_ in ("acomp", "oprd") or (c.dep_ == "dobj" and lemma in light_verbs()))), None)
        if holder is None:
            return None
    clauses = [c for t in {head, holder} for c in t.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ in ("ccomp", "acl") or (c.dep_ == "relcl" and _complete_clause(c)))]
    return next((c for c in clauses if not any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in c.children)), None)


def _complete_clause(verb: Token) -> bool:
    """A clause the parser hung as a relative one that lacks no part ("no idea she was pregnant"):
    its own subject, not a relative pronoun, and a complement ("an idea he liked" lacks its object)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.lower_ in CLAUSE_OPENERS:
        return False
    return any(c.dep_ in ("acomp", "attr", "dobj", "ccomp", "xcomp", "oprd", "auxpass", "prep") for c in verb.children)


@lru_cache(maxsize=1)
def idioms() -> dict[str, frozenset[str]]:
    """Verb lemma -> objects with which it is an idiom and names no event (``event_types.yaml``)."""
    data = load("event_types").get("idioms", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v)
                                             for v in data.values()):
        raise LexiconError("event_types.yaml idioms: expected verb: [object, ...]")
    return {verb: frozenset(objects) for verb, objects in data.items()}


@lru_cache(maxsize=1)
def paraphrase_sets() -> dict[str, str]:
    """Verb lemma -> the first verb of its paraphrase set in ``event_types.yaml``."""
    out: dict[str, str] = {}
    for i, group in enumerate(load("event_types").get("paraphrases", [])):
        if not isinstance(group, list) or not group or not all(isinstance(w, str) for w in group):
            raise LexiconError(f"event_types.yaml paraphrases entry {i}: expected a list of verbs")
        for verb in group:
            out.setdefault(verb, group[0])
    return out


def controlled_verb(head: Token) -> Token | None:
    """The verb a clause is about, through up to three control verbs ("plans to open" -> "open");
    None when that is not a verb."""
    verb = head
    for _ in range(3):
        nxt = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), None)
        if verb.lemma_.lower() not in CONTROL_VERBS or nxt is None:
            break
        verb = nxt
    if verb.pos_ != "VERB":
        return None
    return verb


ACT_CONTROL_VERBS = CLAIM_WORDS["act_control_verbs"]


def act_prefix(head: Token, verb: Token) -> str:
    """ "threaten " when a control verb between ``head`` and the controlled ``verb`` is an act that
    stays in the frame ("threatened to kill" is no killing); else ""."""
    acts = []
    token = verb
    while token.i != head.i and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in ACT_CONTROL_VERBS:
            acts.append(token.lemma_.lower())
    return "".join(f"{a} " for a in reversed(acts))


def predicate_frame(head: Token) -> tuple[str, str] | None:
    """What a clause does to what: its predicate's meaning and its object's head noun.

    "the bank would raise interest rates" and "economists expected the bank to increase rates" both
    give ("raise", "rate"); the subject is left out on purpose, since a pronoun or a paraphrase
    ("the bank", "it", "the central bank") names the same agent in different words."""
    verb = controlled_verb(head)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    meaning = paraphrase_sets().get(lemma)
    if meaning is None:
        return None
    obj = partitive_head(next((c for c in verb.children if c.dep_ == "dobj"), None)
                         or next((c for c in verb.children if c.dep_ == "nsubjpass"), None))
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return act_prefix(head, verb) + meaning, obj.lemma_.lower()


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    """Verbs whose meaning is in their object ("have", "make", "take"): no frame (``event_types.yaml``)."""
    data = load("event_types").get("light_verbs", []) or []
    if not isinstance(data, list) or not all(isinstance(w, str) for w in data):
        raise LexiconError("event_types.yaml light_verbs: expected a list of verbs")
    return frozenset(w.lower() for w in data)


def _contrasted(head: Token) -> bool:
    """ "would be fined but would not be arrested": the negated conjunct draws a line after an
    affirmed one; it does not reject a claim."""
    if head.dep_ != "conj" or any(c.dep_ == "neg" for c in head.head.children):
        return False
    between = [c for c in (*head.head.children, *head.children) if c.dep_ == "cc"]
    return any(c.lower_ in CONTRAST_CONJUNCTIONS and c.i < head.i for c in between)


def _insufficient(head: Token) -> bool:
    """ "the rules did not go far enough": a measure found short, not a claim rejected."""
    near = [c for c in head.children if c.dep_ in ("advmod", "acomp", "npadvmod")]
    near += [g for c in near for g in c.children if g.dep_ == "advmod"]
    return any(t.lower_ in SUFFICIENCY_ADVERBS for t in near)


NON_REJECTING_NEGATIONS = (_contrasted, _insufficient)


def non_rejecting_negation(head: Token) -> bool:
    """A negated clause that contrasts or measures rather than denies an earlier claim."""
    return any(rule(head) for rule in NON_REJECTING_NEGATIONS)


def verb_frame(head: Token, negated: bool = False) -> str | None:
    """A clause's main predicate as the ledger compares it: the lemma of its verb (through control verbs,
    "plans to open" -> "open"), a paraphrase folded to its set's first verb ("deployed" -> "send"),
    "not " before a negated one. None for a light verb, a reporting verb or a clause without a verb."""
    from claimwatch.lexicons.schema import load_cues

    nominal = _nominal_frame(_occurring_event(head) or reacted_event(head) or head, negated)
    if nominal is not None:
        return nominal
    identity = identity_frame(head)
    if identity is not None:  # "X is the killer of Y", "X is a suspect in the murder of Y": X killed Y
        return f"not {identity}" if negated else identity
    inner = expletive_clause(head) or known_clause(head)  # "it turned out that X", "had no idea that X"
    if inner is not None:
        head, negated = inner, any(c.dep_ == "neg" for c in inner.children)
    state = _state_frame(head)
    if state is not None:  # "the singer is dead" / "the singer died"; "is alive" / "did not die"
        return state[len("not "):] if negated and state.startswith("not ") else f"not {state}" if negated else state
    verb = controlled_verb(_existential_participle(head) or head)
    if verb is None:
        return None
    shown = _depicted_event(verb) or _perceived_event(verb)
    if shown is not None:  # "the video shows militants beheading the journalist": the beheading
        return None if negated else _nominal_frame(shown, False) or verb_frame(shown)
    lemma = verb.lemma_.lower()
    light = _light_predicate(verb) if lemma in light_verbs() else None
    if light is not None:  # "gave birth" / "had a baby"
        return f"not {light}" if negated else light
    own = verb_meaning(verb)  # "took away", "carried out an attack", "found the body"
    if own is None and (not lemma.isalpha() or lemma in light_verbs() or lemma in CONTROL_VERBS
                        or load_cues().verb(lemma) is not None):
        return None
    if verb is not head:
        negated = negated or any(c.dep_ == "neg" for c in verb.children)
    negated = negated != _negated_by_control(head, verb)  # "failed to identify": "not identify"
    sense = _sense_object(verb)
    meaning = act_prefix(head, verb) + (own or (paraphrase_sets().get(f"{lemma} {sense}", f"{lemma} {sense}")
                                                if sense else paraphrase_sets().get(lemma, lemma)))
    return f"not {meaning}" if negated else meaning


NEGATING_CONTROL_VERBS = CLAIM_WORDS["negating_control_verbs"]


def _negated_by_control(head: Token, verb: Token) -> bool:
    """Whether an odd number of negating control verbs stand between ``head`` and the controlled
    ``verb`` ("failed to identify the gunman" tells that the gunman was not identified)."""
    flips = False
    token = verb
    while token.i != head.i and token.head.i != token.i:
        token = token.head
        flips = flips != (token.lemma_.lower() in NEGATING_CONTROL_VERBS)
    return flips


def _phrasal_meaning(verb: Token) -> str | None:
    """A verb with its particle when the paraphrase sets list the pair ("took away", "handed over",
    "shut down"): the set's first verb."""
    for child in verb.children:
        if child.dep_ in ("prt", "advmod"):
            pair = f"{verb.lemma_.lower()} {child.lower_}"
            if pair in paraphrase_sets():
                return paraphrase_sets()[pair]
    return None


def _supported_meaning(verb: Token) -> str | None:
    """The event a support verb carries out ("carried out an attack", "committed the murder",
    "the raid was conducted"): its event noun's verb (``nominal_predicates``), folded."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    if lemma not in _event_support_verbs() and f"{lemma} {particle}" not in _event_support_verbs():
        return None
    obj = partitive_head(next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None))
    event = nominal_predicates().get(obj.lemma_.lower()) if obj is not None and obj.pos_ == "NOUN" else None
    return paraphrase_sets().get(event, event) if event else None


def _literal_cue_meaning(verb: Token) -> str | None:
    """A reporting verb used for the act it can also name, when a paraphrase set lists it and its
    object is a thing: "police found the body", "the remains were found" (``find`` in the set of
    ``discover``); "found that X", "found him guilty" and "found evidence of X" stay cues."""
    from claimwatch.lexicons.schema import load_cues

    lemma = verb.lemma_.lower()
    if lemma not in paraphrase_sets() or load_cues().verb(lemma) is None:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") for c in verb.children):
        return None
    obj = partitive_head(next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None))
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lemma_.lower() in EVIDENCE_FRAME_NOUNS:
        return None
    return paraphrase_sets()[lemma]


VERB_MEANINGS = (_phrasal_meaning, _supported_meaning, _literal_cue_meaning)


def verb_meaning(verb: Token) -> str | None:
    """The meaning a verb has beyond its lemma (a listed particle, a supported event noun, a literal
    use of a reporting verb), or None."""
    return next((m for rule in VERB_MEANINGS if (m := rule(verb)) is not None), None)


@lru_cache(maxsize=1)
def _event_support_verbs() -> frozenset[str]:
    """Verbs (with their particle) that carry out the event their object names (``event_types.yaml``)."""
    return _verb_list("event_support_verbs")


@lru_cache(maxsize=1)
def _perception_verbs() -> frozenset[str]:
    """Verbs of witnessing whose object may be an event (``event_types.yaml``)."""
    return _verb_list("perception_verbs")


def _verb_list(key: str) -> frozenset[str]:
    data = load("event_types").get(key, []) or []
    if not isinstance(data, list) or not all(isinstance(w, str) and w.strip() for w in data):
        raise LexiconError(f"event_types.yaml {key}: expected a list of verbs")
    return frozenset(" ".join(w.lower().split()) for w in data)


def _perceived_event(verb: Token) -> Token | None:
    """The event a witness saw ("saw the men taken away", "watched soldiers beating a man", "saw
    them being pushed into a van"): the participle of its clause or of its object; None otherwise."""
    if verb.lemma_.lower() not in _perception_verbs():
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBG", "VBN")), None)
    if clause is not None:
        return clause
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None:
        return None
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in nominal_predicates():  # "witnessed the shooting"
        return obj
    return next((c for c in obj.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")), None)


IDENTITY_RAISING_VERBS = CLAIM_WORDS["identity_raising_verbs"]
IDENTITY_AS_VERBS = CLAIM_WORDS["identity_as_verbs"]
EVENT_ROLE_NOUNS = CLAIM_WORDS["event_role_nouns"]
EVENT_ROLE_PREPS = CLAIM_WORDS["event_role_preps"]
INQUIRY_NOUNS = CLAIM_WORDS["inquiry_nouns"]
SUSPICION_NOUNS = CLAIM_WORDS["suspicion_nouns"]


@lru_cache(maxsize=1)
def agent_nouns() -> dict[str, str]:
    """Agent noun -> the verb whose doer it names (``event_types.yaml``): "killer" -> "kill"."""
    data = load("event_types").get("agent_nouns", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise LexiconError("event_types.yaml agent_nouns: expected noun: verb")
    return {k.lower(): v.lower() for k, v in data.items()}


def identity_noun(head: Token) -> Token | None:
    """The noun a clause says its subject is: "X is the killer", "X is believed to be the killer",
    "X emerged as a suspect", "police eyed X as the gunman"; None for any other clause."""
    for _ in range(2):  # "is believed to be", "is thought to be": the hedge is the statement's
        inner = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_.lower() == "be"), None)
        if inner is None or head.lemma_.lower() not in IDENTITY_RAISING_VERBS:
            break
        head = inner
    lemma = head.lemma_.lower()
    noun = None
    if lemma in LINKING_VERBS:
        noun = next((c for c in head.children if c.dep_ in ("attr", "oprd")), None)
    if noun is None and lemma in IDENTITY_AS_VERBS:
        objs = [c for c in head.children if c.dep_ == "dobj"]  # "eyeing X as": the parser may hang "as" on X
        as_ = next((c for t in [head] + objs for c in t.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        noun = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    noun = partitive_head(noun)
    return noun if noun is not None and noun.pos_ == "NOUN" else None


def _role_event(noun: Token) -> Token | None:
    """The event noun a role noun is tied to: "a suspect in the killing of Y", "the man behind the
    bombing", "a suspect in the inquiry into Y's murder"."""
    for _ in range(2):
        preps = [c for c in noun.children if c.dep_ == "prep" and (c.lower_ == "behind" or (
            c.lower_ in EVENT_ROLE_PREPS and noun.lemma_.lower() in EVENT_ROLE_NOUNS | INQUIRY_NOUNS))]
        objs = [o for p in preps for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
        event = next((o for o in objs if o.lemma_.lower() in nominal_predicates()), None)
        if event is not None:
            return event
        noun = next((o for o in objs if o.lemma_.lower() in INQUIRY_NOUNS), None)
        if noun is None:
            return None
    return None


def _noun_identity_frame(noun: Token, depth: int = 0) -> str | None:
    """The act a noun says its referent did: an agent noun with its participant ("the killer of Y",
    "Y's murderer"), a role noun with its event ("a suspect in the beheading of Y"), a relative clause
    with the noun as subject ("the man who killed Y"), a hedged one ("the suspect believed to be
    Y's executioner")."""
    event = _role_event(noun)
    if event is not None:  # "a suspect in the murder": `suspect kill`, the ledger's `kill` hedged
        verb = nominal_predicates()[event.lemma_.lower()]
        return ("suspect " if noun.lemma_.lower() in SUSPICION_NOUNS else "") + paraphrase_sets().get(verb, verb)
    verb = agent_nouns().get(noun.lemma_.lower()) or agent_nouns().get(noun.lower_)
    if verb is not None and any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children):
        return paraphrase_sets().get(verb, verb)
    for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")):
        if clause.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children):
            return verb_frame(clause)
        inner = identity_noun(clause) if depth == 0 and clause.lemma_.lower() in IDENTITY_RAISING_VERBS else None
        if inner is not None:
            return _noun_identity_frame(inner, depth + 1)
    return None


def _participant(noun: Token) -> Token | None:
    """The one an event or agent noun's act is done to: its "of" object or its possessor."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj or next((c for c in noun.children if c.dep_ == "poss"), None)


def _noun_patient(noun: Token, depth: int = 0) -> Token | None:
    """The participant of an identity noun's act ("the killer of Y", "a suspect in Y's murder", "the
    man who killed Y", "the suspect believed to be Y's killer") or of an event noun ("the beheading
    of Y"): Y."""
    event = _role_event(noun)
    if event is not None:
        return _participant(event)
    own = _participant(noun) if noun.lemma_.lower() in nominal_predicates() or noun.lemma_.lower() in agent_nouns() else None
    if own is not None:
        return own
    clause = next((c for c in noun.children if c.dep_ == "relcl"
                   and any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children)), None)
    if clause is not None:
        return frame_patient(clause)
    hedged = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in IDENTITY_RAISING_VERBS), None)
    inner = identity_noun(hedged) if hedged is not None and depth == 0 else None
    return _noun_patient(inner, depth + 1) if inner is not None else None


def frame_patient(head: Token) -> Token | None:
    """The token of the one a clause's main predicate is done to: the object of its verb ("killed
    Y", "Y was killed"), the participant of its event or identity noun ("the killing of Y", "X is
    Y's killer"); None when there is none."""
    event = _occurring_event(head) or reacted_event(head)
    noun = event or (head if head.pos_ == "NOUN" else identity_noun(head))
    if noun is not None:
        return _noun_patient(noun)
    verb = controlled_verb(head)
    if verb is None:
        return None
    shown = _depicted_event(verb)
    if shown is not None:
        return _noun_patient(shown) if shown.pos_ == "NOUN" else frame_patient(shown)
    return partitive_head(next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None))


def _patient_name(head: Token, agent_of: Callable[[Span], str | None]) -> str | None:
    """The name of the one a clause's main predicate is done to, when it is named."""
    patient = frame_patient(head)
    if patient is None or patient.pos_ not in ("NOUN", "PROPN"):
        return None
    if patient.pos_ == "NOUN" and any(c.dep_ == "poss" for c in patient.children):
        return None  # "Jo Bloggs's colleague" is no Jo Bloggs
    return agent_of(patient.doc[patient.left_edge.i:patient.i + 1])


def identity_frame(head: Token) -> str | None:
    """The frame of an identity claim: "X is the killer of Y", "X is believed to be Y's murderer", "X
    emerged as a suspect in the murder of Y", "X is the man who killed Y" all tell "X killed Y"
    (`kill`); None for any other clause."""
    noun = head if head.pos_ == "NOUN" else identity_noun(head)  # "the killer of Y" alone: someone killed Y
    return _noun_identity_frame(noun) if noun is not None else None


@lru_cache(maxsize=1)
def light_predicates() -> dict[str, str]:
    """ "light-verb object" -> the predicate frame it has (``event_types.yaml``)."""
    data = load("event_types").get("light_predicates", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and len(k.split()) == 2 and isinstance(v, str)
                                             for k, v in data.items()):
        raise LexiconError("event_types.yaml light_predicates: expected 'verb object': meaning")
    return {" ".join(k.lower().split()): v.lower() for k, v in data.items()}


def _light_predicate(verb: Token) -> str | None:
    """The frame of a light verb whose object names the event ("gave birth", "took hostages", "was
    taken into custody": the object of a preposition counts too)."""
    obj = partitive_head(next((c for c in verb.children if c.dep_ == "dobj"), None))
    meaning = light_predicates().get(f"{verb.lemma_.lower()} {obj.lemma_.lower()}") if obj is not None else None
    for prep in (c for c in verb.children if c.dep_ == "prep" and meaning is None):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        meaning = light_predicates().get(f"{verb.lemma_.lower()} {pobj.lemma_.lower()}") if pobj is not None else None
    return paraphrase_sets().get(meaning, meaning) if meaning else None


@lru_cache(maxsize=1)
def state_adjectives() -> dict[str, str]:
    """Adjective -> the predicate frame it gives a linking verb (``event_types.yaml``)."""
    data = load("event_types").get("state_adjectives", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise LexiconError("event_types.yaml state_adjectives: expected adjective: meaning")
    return {k.lower(): v.lower() for k, v in data.items()}


def _state_frame(verb: Token) -> str | None:
    """The frame of a linking verb with a state adjective ("was dead", "became pregnant", "was found
    dead"), paraphrases folded; None for any other adjective or none."""
    deps = ("acomp", "oprd") if verb.lemma_.lower() in LINKING_VERBS else ("oprd",)  # "was found dead"
    adj = next((c for c in verb.children if c.dep_ in deps and c.pos_ in ("ADJ", "VERB")), None)
    meaning = state_adjectives().get(adj.lower_) if adj is not None else None
    if not meaning:
        return None
    polarity, _, verb = meaning.rpartition(" ")
    return f"{polarity} {paraphrase_sets().get(verb, verb)}".strip()


@lru_cache(maxsize=1)
def sense_objects() -> dict[str, frozenset[str]]:
    """Verb lemma -> objects that take it out of its paraphrase set (``event_types.yaml``), idioms included."""
    data = load("event_types").get("sense_objects", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v)
                                             for v in data.values()):
        raise LexiconError("event_types.yaml sense_objects: expected verb: [object, ...]")
    out = {verb: frozenset(w.lower() for w in objects) for verb, objects in data.items()}
    for verb, objects in idioms().items():
        out[verb] = out.get(verb, frozenset()) | objects
    return out


def _sense_object(verb: Token) -> str | None:
    """The object's lemma when it gives the verb a sense of its own ("fired shots", "shots were
    fired", "captured footage", "dozens of shots were fired"), else None."""
    senses = sense_objects().get(verb.lemma_.lower())
    if not senses:
        return None
    obj = partitive_head(next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
                         or next((c for c in verb.children if c.dep_ == "npadvmod"), None))  # "spends a week"
    if obj is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        obj = verb.head  # "shots fired at the building"
    if obj is None and verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in verb.children):
        obj = partitive_head(next((c for c in verb.children if c.dep_ == "nsubj"), None))  # "heard shots fired"
    if obj is None or (obj.lemma_.lower() not in senses and obj.lower_ not in senses):
        return None
    return obj.lemma_.lower()


@lru_cache(maxsize=1)
def nominal_predicates() -> dict[str, str]:
    """Event noun -> the verb it is made from (``event_types.yaml``)."""
    data = load("event_types").get("nominal_predicates", {}) or {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise LexiconError("event_types.yaml nominal_predicates: expected noun: verb")
    return {k.lower(): v.lower() for k, v in data.items()}


def _nominal_frame(head: Token, negated: bool) -> str | None:
    """The frame of an event noun with its participant ("the beheading of the journalist", "the
    plant's closure"): its verb, paraphrases folded; None for any other head."""
    verb = nominal_predicates().get(head.lemma_.lower()) if head.pos_ == "NOUN" else None
    if verb is None or not _event_noun_with_participant([head] + [t for t in head.subtree if t.head.i == head.i]):
        return None
    meaning = paraphrase_sets().get(verb, verb)
    return f"not {meaning}" if negated else meaning


@lru_cache(maxsize=1)
def _event_noun_roles() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns whose possessor undergoes the act, verbs saying only that an event took place) from
    ``event_types.yaml`` (``patient_possessor_nouns``, ``occurrence_verbs``)."""
    data = load("event_types")
    out = []
    for key in ("patient_possessor_nouns", "occurrence_verbs"):
        words = data.get(key, []) or []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"event_types.yaml {key}: expected a list of words")
        out.append(frozenset(" ".join(w.lower().split()) for w in words))
    return out[0], out[1]


def _occurring_event(verb: Token) -> Token | None:
    """The event noun a verb of occurrence says took place ("the arrest of the mayor happened on
    Monday", "the shooting of the guard took place at dawn"), else None."""
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma not in _event_noun_roles()[1] and (obj is None or f"{lemma} {obj.lemma_.lower()}" not in _event_noun_roles()[1]):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ == "NOUN" else None


REACTION_VERBS = CLAIM_WORDS["reaction_verbs"]


def reacted_event(verb: Token) -> Token | None:
    """The event noun a verb of reaction takes as having happened ("we are appalled by the murder of
    Y", "crowds mourned the death of Y", "shocked at the shooting"), else None."""
    if verb.lemma_.lower() not in REACTION_VERBS:
        return None
    by = [c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "at", "over", "about")]
    nouns = [c for c in verb.children if c.dep_ == "dobj"] + [o for b in by for o in b.children if o.dep_ == "pobj"]
    return next((n for n in nouns if n.pos_ == "NOUN" and n.lemma_.lower() in nominal_predicates()), None)


def patient_possessor(noun: Token) -> Token | None:
    """The possessor of an event noun that names the one the act is done to ("the mayor's arrest",
    "the hostage's execution"); None when the noun takes an "of" object ("the army's capture of the
    town": the army did it) or is not such a noun."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _event_noun_roles()[0]:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _depicted_event(verb: Token) -> Token | None:
    """The event a showing verb's object names ("the footage shows the execution of the hostage",
    "the video showed gunmen firing at the crowd"): the event noun, or the participle of its object;
    None for any other verb or object."""
    if verb.lemma_.lower() not in _showing_verbs():
        return None
    obj = partitive_head(next((c for c in verb.children if c.dep_ == "dobj"), None))
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in nominal_predicates():
        return obj
    return next((c for c in obj.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")
                 and c.lemma_.lower() not in _showing_verbs()), None)


def _existential_participle(head: Token) -> Token | None:
    """The participle of "there were shots fired", "there were 20 people killed": the clause's verb."""
    if head.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in head.children):
        return None
    noun = next((c for c in head.children if c.dep_ in ("attr", "nsubj") and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return None
    return next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)


def _core(root: Token, span: Span) -> Token:
    """Step through evidential frames ("there is evidence indicating that X", "evidence that X") to X."""
    for _ in range(3):
        shown = _shown_by_thing(root) or _asked_clause(root)
        if shown is not None and span.start <= shown.i < span.end:  # "their samples showed that X": X
            root = shown
            continue
        candidates = [c for c in root.children if c.dep_ in ("attr", "nsubj", "dobj")]
        candidates += [x for c in candidates for x in c.conjuncts]  # "satellite and photographic evidence"
        noun = root if root.pos_ == "NOUN" else next((c for c in candidates if c.lemma_.lower() in EVIDENCE_FRAME_NOUNS
                                                      or _judged_claim(c)), None)
        if noun is None or not (noun.lemma_.lower() in EVIDENCE_FRAME_NOUNS or _judged_claim(noun)):
            return root
        inner = next((t for t in root.subtree if t.dep_ in ("ccomp", "acl", "relcl") and t.pos_ in ("VERB", "AUX")
                      and t.i > noun.i and t.head.pos_ in ("NOUN", "PROPN")), None)
        if inner is not None and inner.lemma_.lower() in EVIDENCE_CLAUSE_VERBS:
            clause = next((c for c in inner.children if c.dep_ == "ccomp"), None)
            if clause is None:  # the parser lost the clause: take what the participle governs
                right = [t for t in inner.subtree if t.i > inner.i and t.dep_ != "mark"]
                clause = span.doc[right[0].i:right[-1].i + 1].root if right else None
            inner = clause
        elif inner is not None and inner.lemma_.lower() in SUPPORT_VERBS:
            # "no evidence to support the claims of X": the proposition is X
            topic = next((c for d in inner.children if d.dep_ == "dobj" for c in d.children
                          if c.dep_ == "prep" and c.lower_ in ("of", "that", "about")), None)
            pobj = next((c for c in topic.children if c.dep_ in ("pobj", "pcomp")), None) if topic is not None else None
            return pobj if pobj is not None and span.start <= pobj.i < span.end else root
        elif inner is not None and not any(m.dep_ == "mark" and m.lower_ == "that" for m in inner.children):
            return root  # not a that-clause of the noun
        if inner is None or not (span.start <= inner.i < span.end):
            return root
        root = inner
    return root


def _asked_clause(verb: Token) -> Token | None:
    """ "to know why the guards had left", "to understand how it spread": an infinitive with no subject
    of its own that asks a why or how question; the clause the question takes as given."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            or not any(c.tag_ == "TO" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and any(
        w.dep_ == "advmod" and w.lower_ in PRESUPPOSING_QUESTION_WORDS and w.i == c.left_edge.i for w in c.children)), None)


def _judged_claim(noun: Token) -> bool:
    """ "the claim that the dam had cracked was false": a claim noun judged by its verb; its that-clause
    is the proposition, and the verdict the statement's stance."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "be" and noun.lemma_.lower() in ANAPHOR_NOUNS


@lru_cache(maxsize=1)
def _showing_verbs() -> frozenset[str]:
    """Verbs by which evidence shows a proposition ("the samples showed X", "evidence indicating X"):
    ``evidential_predicates`` of ``stance_rules.yaml``."""
    return load("stance_rules").evidential_predicates


# "the lack of eyewitness accounts suggests ...": negative evidence argues against a claim, not for its clause
NEGATIVE_EVIDENCE = CLAIM_WORDS["negative_evidence"]


@lru_cache(maxsize=1)
def _things() -> frozenset[str]:
    return frozenset(w.lower() for w in load("non_speakers")["heads"]) | EVIDENCE_FRAME_NOUNS


def _shown_by_thing(verb: Token) -> Token | None:
    """The clause a thing shows ("the samples showed the plant had released solvent"): a thing
    is no speaker, so what it shows is the proposition."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _showing_verbs():
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() not in _things() or subj.lemma_.lower() in NEGATIVE_EVIDENCE:
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)


def _claim_tokens(toks: list[Token], root: Token) -> list[Token]:
    """The words of a proposition: no conditions, no "not only", no "that", no "of" after an accused."""
    drop: set[int] = set()
    for t in toks:
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in t.children):
            drop.update(x.i for x in t.subtree)
            if t.i > 0 and t.doc[t.right_edge.i + 1:t.right_edge.i + 2].text == ",":
                drop.add(t.right_edge.i + 1)
        if t.dep_ == "preconj":
            drop.update(x.i for x in t.subtree)
        if t.dep_ == "cc" and t.head.i == root.i:
            drop.add(t.i)
        if t.head.i == root.i and t.i != root.i and _reporting_aside(t):
            drop.update(x.i for x in t.subtree)  # "The deal, the minister said, would be signed"
            for edge in (t.left_edge.i - 1, t.right_edge.i + 1):
                if 0 <= edge < len(t.doc) and t.doc[edge].is_punct and t.doc[edge].text in ",—–-":
                    drop.add(edge)
    drop.update(_gerund_links(toks))
    drop.update(_presupposing_word(toks, root))
    drop.update(_question_preposition(toks, root))
    kept = [t for t in toks if t.i not in drop]
    kept = _strip_edges(kept)
    if len(kept) > 2 and kept[0].pos_ in ("PROPN", "NOUN") and any(t.lower_ == "of" and t.dep_ == "prep" and t.head.dep_ in ("ROOT",) for t in kept[:6]):
        kept = [t for t in kept if not (t.lower_ == "of" and t.dep_ == "prep" and t.head.dep_ == "ROOT")]
    return kept


def _presupposing_word(toks: list[Token], root: Token) -> set[int]:
    """ "why the road was closed", "how the bridge collapsed": a why or manner how on the clause's own
    verb asks about a clause it takes as given; that clause is the proposition."""
    first = next((t for t in toks if not t.is_punct), None)
    if first is None or first.lower_ not in PRESUPPOSING_QUESTION_WORDS or first.dep_ != "advmod" or first.head.i != root.i:
        return set()
    return {first.i}


def _question_preposition(toks: list[Token], root: Token) -> set[int]:
    """ "about whether the crater was made by a meteorite": the preposition before a yes/no question."""
    if root.pos_ != "ADP" or not toks or toks[0].i != root.i:
        return set()
    clause = next((c for c in root.children if c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX")), None)
    marked = clause is not None and any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in clause.children)
    return {root.i} if marked else set()


def _presupposed(toks: list[Token]) -> bool:
    """What a call takes as given: the clause of a why or how question (see _presupposing_word), the
    matter of a demanded reaction ("called for a response to North Korea's involvement")."""
    before = toks[0].doc[toks[0].i - 1] if toks and toks[0].i > 0 else None
    if before is not None and before.lower_ in PRESUPPOSING_QUESTION_WORDS and before.dep_ == "advmod" \
            and before.head.i in {t.i for t in toks}:
        return True
    head = _clause_head(toks)
    return head is not None and head.head.dep_ == "prep" and head.head.head.lemma_.lower() in REACTION_NOUNS


def _gerund_links(toks: list[Token]) -> set[int]:
    """The preposition between an object and its gerund ("him of selling forged tickets", "the council
    for closing the shelter", "the intruder as wearing a red coat", a content "of poisoning the river"):
    without it the words read as what the object did."""
    ids = {t.i for t in toks}
    tops = [t for t in toks if t.head.i not in ids or t.head.i == t.i]  # the object and a link the parser hung on the verb
    if not tops or tops[0].pos_ not in ("NOUN", "PROPN", "PRON", "ADP"):
        return set()
    links = [t for t in tops if t.pos_ == "ADP"] + [c for c in tops[0].children if c.dep_ == "prep"]
    return {p.i for p in links if p.lower_ in GERUND_LINKS and p.i in ids
            and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in p.children)}


def _reporting_aside(token: Token) -> bool:
    """A reporting clause set inside the content it reports: "X said" as parataxis, "according to X"."""
    if token.dep_ == "parataxis" and token.i in token.doc.user_data.get(CUE_HEADS, ()):
        return True
    return token.dep_ == "prep" and token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def _clause_events(toks: list[Token]) -> list[EventType]:
    """One event type per clause; a second one only from an "as" description ("X as an escalation")."""
    as_part = {t.i for tok in toks if tok.dep_ == "prep" and tok.lower_ == "as" for t in tok.subtree}
    main = [t for t in toks if t.i not in as_part]
    described = [t for t in toks if t.i in as_part]
    ids = {t.i for t in main}
    head = next((t.lemma_.lower() for t in main if t.pos_ == "NOUN" and (t.head.i not in ids or t.head.i == t.i)), None)
    side = _side_clauses(main)
    own = [t for t in main if t.i not in side]
    # the main predicate's words type the claim; a side clause only when they name no type
    first = classify_events({t.lemma_.lower() for t in own}, {t.lemma_.lower() for t in own if t.pos_ == "VERB"}, head)[:1] \
        or classify_events({t.lemma_.lower() for t in main}, {t.lemma_.lower() for t in main if t.pos_ == "VERB"}, head)[:1]
    if described:
        second = classify_events({t.lemma_.lower() for t in described}, {t.lemma_.lower() for t in described if t.pos_ == "VERB"})[:1]
        if second and (not first or second[0].umbrella != first[0].umbrella):
            return first + second
    return first


SIDE_CLAUSE_DEPS = ("relcl", "appos", "acl", "advcl")


def _side_clauses(toks: list[Token]) -> set[int]:
    """Tokens of the clauses and descriptions set beside the main predicate: relative clauses ("who
    was kidnapped last year"), appositions ("an aid worker"), participle and adverbial clauses, and
    phrases that date the act by another event ("a week after the attack", ``TIME_PREPS``)."""
    ids = {t.i for t in toks}
    return {x.i for t in toks if t.head.i in ids and t.head.i != t.i and (
        t.dep_ in SIDE_CLAUSE_DEPS or (t.dep_ == "prep" and t.lower_ in TIME_PREPS)) for x in t.subtree}


def _idiomatic(verb: Token) -> bool:
    """A verb used in an idiom that names no event of its types ("took part", "captured footage")."""
    objects = idioms().get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
    return bool(objects) and any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children)


def _predicate_event(toks: list[Token]) -> EventType | None:
    """The event type the clause's own verb names, if it names one: "at least 100 soldiers had been
    killed" is a casualty even though soldiers are what deployments are made of. The in-article
    grouping reads the clause's words (umbrella and variants meet); the ledger, which must keep
    "troops were sent" and "troops were killed" apart, reads this."""
    ids = {t.i for t in toks}
    verb = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
    for _ in range(3):  # through "began to", "expected to" to the verb they lead to
        if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in CONTROL_VERBS:
            break
        verb = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and c.i in ids), None)
    if verb is None or verb.pos_ != "VERB":
        return None
    lemma, words = verb.lemma_.lower(), {t.lemma_.lower() for t in toks}
    if _idiomatic(verb):
        return None  # "took part in", "held talks": the verb names no event of its own
    typed = [et for et in load_event_types() if lemma in et.verbs and (not et.requires or words & et.requires)]
    if not typed:
        return None
    # several types share a verb: one whose qualifying words the clause has ("captured the town") is
    # the more specific reading; then the clause's nouns decide
    typed = [et for et in typed if et.requires] or typed
    ranked = classify_events(words, {lemma}, None)
    return next((et for et in ranked if et in typed), typed[0])


STATE_BODY_NOUNS = CLAIM_WORDS["state_body_nouns"]
STATE_ACT_NOUNS = CLAIM_WORDS["state_act_nouns"]
DOER_NOUNS = STATE_BODY_NOUNS | STATE_ACT_NOUNS
PLACE_ENTS = ("GPE", "NORP", "LOC")


def _doer(root: Token) -> Token | None:
    """The party a clause's claim is about: the subject of its verb, the head of a noun content. A
    passive keeps its subject ("the reporter was executed" is about the reporter): taking the by-phrase,
    or nothing, instead split variants of one claim on the dev set (grouping 0.523 -> 0.501 / 0.507)."""
    if root.pos_ in ("NOUN", "PROPN"):
        return root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        return subj
    by = next((c for c in root.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _identified(root: Token) -> Token | None:
    """ "police are eyeing X as the man who shot Y": the one said to have done the act is the object."""
    obj = next((c for c in root.children if c.dep_ == "dobj"), None) if root.pos_ == "VERB" else None
    if obj is None or root.lemma_.lower() not in IDENTITY_AS_VERBS or identity_frame(root) is None:
        return None
    return obj


MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod", "nummod")


def _modifies(tok: Token, head: Token) -> bool:
    """Whether a token is a pre-modifier of the head noun, directly or through one ("London rapper Jo")."""
    while tok.dep_ in MODIFIER_DEPS and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == head.i:
            return True
    return False


def _describes_only(tok: Token, head: Token) -> bool:
    """A place or nationality word on a noun that is no body, means or act of that state only describes
    it: "a Bosnian teenager", "a London rapper", "Pyongyang restaurants" (but "Iraqi forces", "US drones",
    "the U.S. strike"); on a person's name any other name does ("al-Qaeda leader Jo Bloggs")."""
    if tok.i == head.i or not _modifies(tok, head):
        return False
    if head.lemma_.lower() in DOER_NOUNS or head.lower_ in DOER_NOUNS:
        return False
    if head.pos_ == "PROPN":  # "North" in "North Korea" is the name; "London" in "London rapper Jo Bloggs" is not
        return tok.ent_type_ in PLACE_ENTS + ("ORG",) and \
            not any(e.start <= tok.i < e.end and e.start <= head.i < e.end for e in tok.doc.ents)
    return tok.ent_type_ in PLACE_ENTS


def clause_agent(span: Span, name_at: Callable[[Token], str | None]) -> str | None:
    """Who does what a claim says: the doer of its clause (see _doer), or the possessor of its head noun
    ("North Korea's involvement"); never another participant ("arrested a French aid worker"), never a
    place or nationality that only describes the doer."""
    doer = _identified(span.root) or reacted_event(span.root) or _doer(span.root)
    if doer is None:
        return None
    undergoer = patient_possessor(doer)
    if undergoer is not None:  # "the mayor's arrest by the police": the police, not the mayor
        by = next((c for c in doer.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        doer = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if doer is None:
            return None
    # left to right, the doer's own words included: a misparsed head ("Jo Bloggs, star of Film Two: Lost,
    # ...") must not hide the name the phrase opens with
    for tok in [t for t in doer.subtree if t.i <= doer.i and not _describes_only(t, doer)]:
        if tok.pos_ == "PRON":
            continue  # a pronoun's antecedent is a guess: do not split groups on it
        name = name_at(tok)
        if name:
            return name
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _strip_edges(toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_punct or toks[0].dep_ in ("mark", "cc", "preconj") or toks[0].lower_ in ("also", "not", "only")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc",)):
        toks = toks[:-1]
    return toks


class ClaimBook:
    """Claims of one article in order, with the grouping and back-reference rules."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self._props: dict[str, Proposition] = {}
        self._groups: dict[tuple, str] = {}
        self._lemma_groups: list[tuple[frozenset[str], str]] = []

    def add(self, prop: Proposition) -> str:
        """Store a proposition (or find the same one) and return its claim id."""
        for cid, existing in self._props.items():
            if existing.key == prop.key and _jaccard(existing.lemmas, prop.lemmas) >= 0.8:
                return cid
        group = self._group_for(prop)
        cid = f"c{len(self.claims) + 1}"
        event = event_by_id(prop.event)
        self.claims.append(Claim(id=cid, text=prop.text, group=group, subject=prop.agent,
                                 predicate=prop.predicate_event or (event.id if event else None), object=prop.patient,
                                 frame=prop.verb))
        self._props[cid] = prop
        return cid

    def _group_for(self, prop: Proposition) -> str:
        if prop.frame is not None:  # "raise rates" / "increase rates": the same predicate of the same object
            same = next((cid for cid, p in self._props.items() if p.frame == prop.frame
                         and (p.agent is None or prop.agent is None or p.agent == prop.agent)), None)
            if same is not None:
                return next(c.group for c in self.claims if c.id == same)
        event = event_by_id(prop.event)
        if event is not None:
            key = (prop.agent, event.umbrella)
            if key not in self._groups and prop.agent is None:
                # an agentless variant joins the one group of its type, if there is exactly one
                same = [g for (a, e), g in self._groups.items() if e == event.umbrella]
                if len(set(same)) == 1:
                    return same[0]
            if key not in self._groups:
                same = [g for (a, e), g in self._groups.items() if e == event.umbrella and a is None]
                self._groups[key] = same[0] if same else self._new_gid()
            return self._groups[key]
        best = max(self._lemma_groups, key=lambda lg: _jaccard(lg[0], prop.lemmas), default=None)
        if best is not None and _jaccard(best[0], prop.lemmas) >= 0.34:
            return best[1]
        gid = self._new_gid()
        self._lemma_groups.append((prop.lemmas, gid))
        return gid

    def _new_gid(self) -> str:
        return f"g{len(set(self._groups.values()) | {g for _, g in self._lemma_groups}) + 1}"

    def merge_by_topic(self, topics: list[str]) -> None:
        """Claims with no event type join the group of the article's topic they mention.

        An article is mostly about one or two things ("the audio", "the crater"); statements about it
        in different words ("doubts about whether the video is genuine", "the footage was staged")
        are variants of one proposition even when no event type names it. A name that acts in the
        article's claims is a participant, not a topic.
        """
        # a topic is what claims are about, not who acts in them: "Comcast contacted his employer",
        # "Apple adjusts its plans" are not variants of every other claim that names the company
        agents = {w for p in self._props.values() if p.agent for w in p.agent.lower().split()}
        topics = [t for t in topics if t not in agents]
        remap: dict[str, str] = {}
        topic_group: dict[str, str] = {}
        for claim in self.claims:
            prop = self._props[claim.id]
            hit = next((t for t in topics if t in prop.lemmas), None)
            if hit is None:
                continue
            if hit not in topic_group:
                topic_group[hit] = remap.get(claim.group, claim.group)
            elif prop.event is None and claim.group != topic_group[hit]:
                remap[claim.group] = topic_group[hit]
        if remap:
            self.claims = [replace(c, group=remap.get(c.group, c.group)) for c in self.claims]

    def matching(self, prop: Proposition, min_overlap: float = 0.5) -> list[str]:
        """Earlier claims this proposition restates: same event type and agent, or most of its words."""
        out = []
        for cid, existing in self._props.items():
            if prop.event and existing.key == prop.key:
                out.append(cid)
            elif _overlap(prop.lemmas, existing.lemmas) >= min_overlap and len(prop.lemmas & existing.lemmas) >= 2:
                out.append(cid)
        return out

    def mentioning(self, lemma: str) -> list[str]:
        """Earlier claims whose words include ``lemma`` ("the capture" -> "forces had captured ..."), latest first."""
        return [cid for cid, existing in reversed(list(self._props.items())) if lemma in existing.lemmas]

    def by_group_of(self, prop: Proposition) -> list[str]:
        event = event_by_id(prop.event)
        if event is None:
            return self.matching(prop, 0.5)
        out = []
        for cid, existing in self._props.items():
            ev = event_by_id(existing.event)
            if ev is not None and ev.umbrella == event.umbrella and (prop.agent in (None, existing.agent)):
                out.append(cid)
        # the closest wording first: "allegations of personnel being sent" -> "deployed soldiers"
        return sorted(out, key=lambda cid: (-(self._props[cid].event == prop.event), -_overlap(prop.lemmas, self._props[cid].lemmas)))


GENERIC_NOUNS = CLAIM_WORDS["generic_nouns"]


def article_topics(doc: Doc, k: int = 5) -> list[str]:
    """The article's most frequent specific nouns: what most of its statements are about."""
    counts: dict[str, int] = {}
    lemmas = lower_lemmas(doc)
    pos, stop, alpha = doc.to_array([POS, IS_STOP, IS_ALPHA]).T
    for i in numpy.flatnonzero(((pos == NOUN) | (pos == PROPN)) & (stop == 0) & (alpha != 0)).tolist():
        lemma = lemmas[i]
        if len(lemma) > 2 and lemma not in GENERIC_NOUNS:
            counts[lemma] = counts.get(lemma, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, n in ranked[:k] if n >= 2]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0



