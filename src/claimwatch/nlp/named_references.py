"""Contents that judge or question a NAMED claim rather than state one.

"Reports of the actor's death are not accurate", "the arrest is a hoax", "claims that the mayor
resigned are false", "the story about the shark is untrue" give a verdict on a proposition they name
(the actor's death, the arrest, that the mayor resigned); "the authenticity of the video" (after
"could not verify") asks whether what it names holds. Such a content bears on the claim for the named
proposition - a claim the article told before whose words hold the named noun or its verb ("death" ~
"died", "arrest" ~ "arrested"), else what the article is most about - with the verdict's stance, and
founds no claim of its own; a named that-clause with no claim before founds the claim it names.
Contents that leave a claim open refer the same way: a reaction on condition that it hold ("if
genuine, we are appalled by the murder of X"), a check of "it" or "its authenticity", "no reliable
proof that this killing is authentic"; "it" stands for
the nearest exhibit before it (nlp.antecedents picks the claim the exhibit shows).
The words are data: ``named_verdicts``, ``named_topic_prepositions``, ``condition_verdicts``,
``reactions``, ``media_exhibits``, ``lacking_grounds`` of ``references.yaml``,
``question_nouns`` of ``claim_words.yaml``, ``nominal_predicates`` of ``event_types.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from claimwatch.lexicons import load
from claimwatch.nlp.function_words import ANAPHOR_DETERMINERS, THING_PRONOUNS

SUBJECTS = ("nsubj", "nsubjpass")
NAMING_DETERMINERS = ANAPHOR_DETERMINERS | {"a", "an"}
PASSIVE_VERDICT_PARTS = frozenset({"nsubjpass", "auxpass", "aux", "neg", "advmod", "punct"})
SHOULD_INVERSION = frozenset({"should", "were", "had"})  # "SHOULD the reports prove accurate, ..."


@dataclass(frozen=True)
class NamedReference:
    """What a content names: a clause ("that the mayor resigned") or nouns ("death", "shark"), and the
    stance its verdict takes toward it (None: the statement's own)."""
    clause: Optional[Span]
    heads: tuple[Token, ...]
    stance: Optional[str]
    question: bool = False  # "the authenticity of the video": an open question, whatever it names


def _verdict_stance(root: Token, span: Optional[Span] = None) -> Optional[str]:
    """The stance of "are not accurate", "is a hoax", "are unconfirmed" (a copula and its complement);
    a clause outside ``span`` ("..., while others are convinced") does not count."""
    inside = range(span.start, span.end) if span is not None else range(len(root.doc))
    if any(c.dep_ in ("ccomp", "xcomp", "advcl", "conj") and c.i in inside for c in root.children):
        return None
    if root.lemma_.lower() != "be":  # "it was staged", "the video was faked": a bare passive verdict
        bare = all(c.dep_ in PASSIVE_VERDICT_PARTS for c in root.children)  # not "was staged outside the hall"
        complement = root if root.tag_ == "VBN" and bare and any(c.dep_ == "auxpass" for c in root.children) else None
    else:
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


def exhibit_before(token: Token, sentences: int = 2) -> Optional[Token]:
    """The exhibit a thing pronoun stands for ("the ministry studied the video to determine whether IT
    was genuine", "... posted footage. Analysts said IT was staged"): the nearest exhibit noun before
    it in its sentence or the ``sentences`` before, or None (then it stands for what the article is about)."""
    exhibits = load("references").media_exhibits
    doc, start = token.doc, token.sent.start
    for _ in range(sentences):
        start = doc[start - 1].sent.start if start > 0 else start
    return next((t for t in reversed(doc[start:token.i]) if t.pos_ == "NOUN" and t.lemma_.lower() in exhibits), None)


def _thing_pronoun(token: Token, stance: Optional[str]) -> Optional[NamedReference]:
    """ "it", "this": what a pronoun a verdict or check is about names - the exhibit before it, else
    nothing named (the claim the article is about)."""
    if token.pos_ not in ("PRON", "DET") or token.lower_ not in THING_PRONOUNS:
        return None
    exhibit = exhibit_before(token)
    return NamedReference(None, (exhibit,) if exhibit is not None else (), stance, question=stance is None)


def _what_is_named(subject: Token, span: Span) -> Optional[NamedReference]:
    if subject.pos_ == "PRON":  # "it was staged", "this is a hoax"
        return _thing_pronoun(subject, None)
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
    for child in verb.children:  # whoever checks ("it", "officials"), the check leaves the claim open
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return _questioned(child, span)  # "could not confirm the death of X" states X's death: not here
        if child.dep_ == "dobj":  # "could not independently verify it"
            return _thing_pronoun(child, None)
        if child.dep_ == "ccomp" and any(g.lower_ in ("whether", "if") for g in child.children):
            inner = next((c for c in child.children if c.dep_ in SUBJECTS), None)
            if inner is not None and _verdict_stance(child) is not None and inner.pos_ == "NOUN":
                return NamedReference(None, (inner,), None, question=True)
            if inner is not None and _verdict_stance(child) is not None:  # "whether it is genuine"
                return _thing_pronoun(inner, None)
    return None


def _questioned(noun: Token, span: Span) -> Optional[NamedReference]:
    """ "the authenticity of the video", "its authenticity": what a question noun asks about."""
    from claimwatch.nlp.claims import QUESTION_NOUNS

    if noun.lemma_.lower() not in QUESTION_NOUNS and noun.lower_ not in QUESTION_NOUNS:
        return None
    named = _topic(noun, span)
    if named is None:  # "its authenticity": the exhibit "its" stands for
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        named = _thing_pronoun(owner, None) if owner is not None else None
    return NamedReference(None, named.heads if named is not None else (), None, question=True)


def _verifying(clause: Token) -> bool:
    """ "if genuine", "if confirmed", "if the video is verified", "should the reports prove accurate":
    a condition that the claim hold, with no agent ("if confirmed by the Senate" is an appointment) and
    no person as its subject ("if she is confirmed")."""
    words = load("references").condition_verdicts
    marked = any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children) or any(
        c.dep_ == "aux" and c.lower_ in SHOULD_INVERSION and c.i < clause.i for c in clause.children)
    if not marked or any(c.dep_ == "agent" for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    if subject is not None and not (subject.pos_ == "NOUN" or subject.lower_ in THING_PRONOUNS):
        return False
    judged = [clause] + [c for c in clause.children if c.dep_ in ("acomp", "oprd", "attr")]
    return any(t.lower_ in words or t.lemma_.lower() in words for t in judged)


def _reacting(root: Token, condition: Token) -> bool:
    """The consequent reacts to the claim or judges it ("we are appalled", "we send our condolences",
    "this heinous act shocks the conscience", "this would be a grave violation"): it states nothing new."""
    words = load("references").reactions
    inside = {t.i for t in condition.subtree}
    if any(t.i not in inside and (t.lower_ in words or t.lemma_.lower() in words) for t in root.subtree):
        return True
    subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    return root.lemma_.lower() == "be" and subject is not None and subject.lower_ in THING_PRONOUNS \
        and any(c.dep_ == "aux" and c.lower_ in ("would", "could") for c in root.children)


def conditional_reaction(span: Span) -> Optional[NamedReference]:
    """ "If genuine, we are appalled by the brutal murder of X", "if the video is verified, it is
    unfathomable": a reaction on condition that a claim hold bears uncommitted on that claim - the one
    the condition's noun names (the video: the claim it shows), else the event the reaction presupposes
    ("the murder of X"), else what the article is about - and founds no claim of its own."""
    from claimwatch.nlp.claims import nominal_predicates

    root = span.root
    condition = next((c for c in root.children if (c.dep_ == "advcl" or c.dep_ == "ccomp" and c.i < root.i)
                      and _verifying(c)), None)  # "Should the reports prove accurate" parses as a ccomp
    if condition is None or not _reacting(root, condition):
        return None
    subject = next((c for c in condition.children if c.dep_ in SUBJECTS), None)
    named = _thing_pronoun(subject, None) if subject is not None and subject.pos_ != "NOUN" else None
    heads = [subject] if subject is not None and subject.pos_ == "NOUN" else list(named.heads if named else ())
    inside = {t.i for t in condition.subtree}
    heads += [t for t in root.subtree if t.i not in inside and t.pos_ == "NOUN" and t.lemma_.lower() in nominal_predicates()]
    return NamedReference(None, tuple(heads), "uncommitted", question=True)


def _groundless(root: Token, span: Span) -> Optional[NamedReference]:
    """ "there is no reliable proof that this killing is authentic", "found no sign that the footage was
    real": a lack of grounds for a verdict that upholds a named claim leaves that claim in doubt (the
    statement's own stance); it names the verdict's subject and founds no claim."""
    nouns = [root] if root.pos_ == "NOUN" else [c for c in root.children if c.dep_ in ("attr", "dobj", "nsubj")]
    for noun in (n for n in nouns if n.pos_ == "NOUN"):
        if noun.lemma_.lower() not in load("references").lacking_grounds \
                or not any(g.dep_ == "det" and g.lower_ == "no" for g in noun.children):
            continue
        clause = next((g for g in noun.children if g.dep_ in ("acl", "ccomp")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
        if clause is None or _verdict_stance(clause, span) != "supports":
            return None
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        named = _what_is_named(subject, span) if subject is not None else None
        return NamedReference(None, named.heads, None, question=True) if named is not None else None
    return None


def named_reference(span: Span, checking: bool = False) -> Optional[NamedReference]:
    """The claim a content judges or questions by naming it, or None (see the module's docstring);
    ``checking``: the statement leaves its claim open, so a check it reports may name it."""
    if len(span) == 0:
        return None
    root = span.root
    reaction = conditional_reaction(span) or _groundless(root, span)
    if reaction is not None:
        return reaction
    if checking and root.pos_ in ("VERB", "AUX"):
        return _checked(root, span)
    stance = _verdict_stance(root, span)
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
