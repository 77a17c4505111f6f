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


def _verdict_stance(root: Token) -> Optional[str]:
    """The stance of "are not accurate", "is a hoax", "are unconfirmed" (a copula and its complement)."""
    if root.lemma_.lower() != "be" or any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in root.children):
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


def named_reference(span: Span) -> Optional[NamedReference]:
    """The claim a content judges or questions by naming it, or None (see the module's docstring)."""
    if len(span) == 0:
        return None
    root = span.root
    stance = _verdict_stance(root)
    if stance is not None:
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        named = _what_is_named(subject, span) if subject is not None else None
        return NamedReference(named.clause, named.heads, stance) if named is not None else None
    if root.pos_ != "NOUN" or len(span) > 12:
        return None
    from claimwatch.nlp.claims import QUESTION_NOUNS

    lemma = root.lemma_.lower()
    if lemma in QUESTION_NOUNS or root.lower_ in QUESTION_NOUNS:  # "the authenticity of the video", "its authenticity"
        named = _topic(root, span)
        return named if named is not None and named.heads else NamedReference(None, (), None)
    if root.lower_ in load("references").nouns or lemma in load("references").nouns:
        return _topic(root, span)  # "rumours of a merger" (denied)
    return None


def named_keys(token: Token) -> tuple[str, ...]:
    """The words a claim about a named noun would hold: "death" -> death, die; "arrest" -> arrest."""
    from claimwatch.nlp.claims import nominal_predicates

    lemma = token.lemma_.lower()
    verb = nominal_predicates().get(lemma)
    return (lemma, verb) if verb and verb != lemma else (lemma,)
