"""Contents that judge or question a NAMED claim rather than state one.

"Reports of the actor's death are not accurate", "the arrest is a hoax", "claims that the mayor
resigned are false", "the story about the shark is untrue" give a verdict on a proposition they name
(the actor's death, the arrest, that the mayor resigned); "the authenticity of the video" (after
"could not verify") asks whether what it names holds. Such a content bears on the claim for the named
proposition - a claim the article told before whose words hold the named noun or its verb ("death" ~
"died", "arrest" ~ "arrested"), else what the article is most about - with the verdict's stance, and
founds no claim of its own; a named that-clause with no claim before founds the claim it names.
The words are data: ``named_verdicts`` and ``named_topic_prepositions`` of ``references.yaml``,
``question_nouns`` of ``claim_words.yaml``, ``nominal_predicates`` of ``event_types.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from claimwatch.lexicons import load
from claimwatch.nlp.function_words import ANAPHOR_DETERMINERS

SUBJECTS = ("nsubj", "nsubjpass")
NAMING_DETERMINERS = ANAPHOR_DETERMINERS | {"a", "an"}


@dataclass(frozen=True)
class NamedReference:
    """What a content names: a clause ("that the mayor resigned") or nouns ("death", "shark"), and the
    stance its verdict takes toward it (None: the statement's own)."""
    clause: Optional[Span]
    heads: tuple[Token, ...]
    stance: Optional[str]
    question: bool = False  # "the authenticity of the video": an open question, whatever it names


def _verdict_stance(root: Token) -> Optional[str]:
    """The stance of "are not accurate", "is a hoax", "are unconfirmed" (a copula and its complement)."""
    if root.lemma_.lower() != "be" or any(c.dep_ in ("ccomp", "xcomp", "advcl", "conj") for c in root.children):
        return None
    complement = next((c for c in root.children if c.dep_ in ("acomp", "attr")), None)
    if complement is None:
        return None
    negated = any(c.dep_ == "neg" for c in root.children) or any(c.dep_ == "neg" for c in complement.children)
    for stance, words in load("references").named_verdicts:
        if complement.lower_ in words or complement.lemma_.lower() in words:
            if not negated:
                return stance
            return "denies" if stance == "supports" else None
    return None


def _topic(noun: Token, span: Span) -> Optional[NamedReference]:
    """What a reference noun names: its that-clause ("claims that X") or its topic ("reports of X")."""
    lex = load("references")
    inside = range(span.start, span.end)
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i in inside and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            start = min(g.left_edge.i for g in child.children if g.dep_ != "mark")
            return NamedReference(span.doc[min(start, child.i):child.right_edge.i + 1], (), None)
        if child.dep_ == "prep" and child.lower_ in lex.named_topic_prepositions:
            pobj = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if pobj is not None:
                return NamedReference(None, (pobj,), None)
    return None


def _named_noun(noun: Token) -> bool:
    """ "the arrest", "the actor's death", "the video": a definite noun naming an event or an exhibit."""
    from claimwatch.nlp.claims import classify_events, nominal_predicates
    from claimwatch.nlp.speech import load_speech_objects

    if noun.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") for c in noun.children):
        return False
    lemma = noun.lemma_.lower()
    return lemma in nominal_predicates() or lemma in load_speech_objects().exhibits \
        or bool(classify_events({lemma}, set(), lemma))


def _what_is_named(subject: Token, span: Span) -> Optional[NamedReference]:
    if subject.lower_ in load("references").nouns or subject.lemma_.lower() in load("references").nouns:
        return _topic(subject, span)
    return NamedReference(None, (subject,), None) if _named_noun(subject) else None


def _checked(root: Token, span: Span) -> Optional[NamedReference]:
    """ "it could not verify the authenticity of the video", "it was working to determine whether the
    video was genuine": what a check the speaker reports names (its object, or the subject of a
    whether-clause that judges it), or None when the content is no such check."""
    verb, hops = root, 0
    while verb.lemma_.lower() not in load("references").check_verbs:
        verb = next((c for c in verb.children if c.dep_ == "xcomp" or c.dep_ == "advcl"
                     and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)  # "working to determine"
        hops += 1
        if verb is None or hops > 2:
            return None
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    if subject is not None and subject.pos_ != "PRON":
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return _questioned(child, span)  # "could not confirm the death of X" states X's death: not here
        if child.dep_ == "ccomp" and any(g.lower_ in ("whether", "if") for g in child.children):
            inner = next((c for c in child.children if c.dep_ in SUBJECTS), None)
            if inner is not None and _verdict_stance(child) is not None and inner.pos_ == "NOUN":
                return NamedReference(None, (inner,), None, question=True)
    return None


def _questioned(noun: Token, span: Span) -> Optional[NamedReference]:
    """ "the authenticity of the video", "its authenticity": what a question noun asks about."""
    from claimwatch.nlp.claims import QUESTION_NOUNS

    if noun.lemma_.lower() not in QUESTION_NOUNS and noun.lower_ not in QUESTION_NOUNS:
        return None
    named = _topic(noun, span)
    return NamedReference(None, named.heads if named is not None else (), None, question=True)


def named_reference(span: Span, checking: bool = False) -> Optional[NamedReference]:
    """The claim a content judges or questions by naming it, or None (see the module's docstring);
    ``checking``: the statement leaves its claim open, so a check it reports may name it."""
    if len(span) == 0:
        return None
    root = span.root
    if checking and root.pos_ in ("VERB", "AUX"):
        return _checked(root, span)
    stance = _verdict_stance(root)
    if stance is not None:
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        named = _what_is_named(subject, span) if subject is not None else None
        return NamedReference(named.clause, named.heads, stance) if named is not None else None
    if root.pos_ != "NOUN" or len(span) > 12:
        return None
    questioned = _questioned(root, span)  # "the authenticity of the video", "its authenticity"
    if questioned is not None:
        return questioned
    lemma = root.lemma_.lower()
    if root.lower_ in load("references").nouns or lemma in load("references").nouns:
        return _topic(root, span)  # "rumours of a merger" (denied)
    return None


def named_keys(token: Token) -> tuple[str, ...]:
    """The words a claim about a named noun would hold: "death" -> death, die; "arrest" -> arrest."""
    from claimwatch.nlp.claims import nominal_predicates

    lemma = token.lemma_.lower()
    verb = nominal_predicates().get(lemma)
    return (lemma, verb) if verb and verb != lemma else (lemma,)
