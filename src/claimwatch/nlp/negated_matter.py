"""Whether a negated content rejects something in circulation or states a negative fact.

"The ministry said she is not his wife" denies, in an article that tells of the claim that she is;
"the owner said the woman wasn't doing anyone any harm" states a negative fact that rejects no one's
claim: nothing else in the article says she was. A denial needs a claim to reject, so a negated
content denies when what it says is not so (its predicate and complements, not its subject) is spoken
of elsewhere in the article, or when its subject points back at something said ("that is not true",
"the report did not ..."). With too little text around it to tell, a negation is read as a denial,
the common case in news. A negated position ("gun control is not the answer", "it is not fair") is
a conviction, not a denial, whatever the context.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from claimwatch.nlp.attribution import Attribution
    from claimwatch.nlp.stance import StanceRules

# Dependents that are not part of what the negated clause says is not so: its subject, other clauses
# ("so they let her stay"), and the negation and auxiliaries themselves.
OUTSIDE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "advcl", "conj", "cc", "mark", "punct", "neg",
                          "aux", "auxpass", "parataxis", "discourse", "intj"})
MATTER_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM"})
STEM = 5  # "suspension" / "suspended", "homicide" / "homicides": the same matter in another form
_LEMMAS = "claimwatch.negated_matter_lemmas"


def negated_matter(root: Token, rules: StanceRules) -> set[str]:
    """The content words of what a negated clause says is not so: "the woman wasn't doing anyone any
    harm so they let her stay" -> {"harm"}; "she is not al-Baghdadi's wife" -> {"al-baghdadi", "wife"}."""
    words: set[str] = set()
    stack = [c for c in root.children if c.dep_ not in OUTSIDE_DEPS]
    if root.pos_ in MATTER_POS and root.lemma_.lower() not in rules.light_verbs:
        words.add(root.lemma_.lower())
    while stack:
        t = stack.pop()
        if t.dep_ in ("advcl", "conj", "parataxis", "punct"):
            continue
        if t.pos_ in MATTER_POS and not t.is_stop and t.lemma_.lower() not in rules.light_verbs:
            words.add(t.lemma_.lower())
        stack.extend(t.children)
    return words


def _doc_lemmas(doc) -> list[str]:
    lemmas = doc.user_data.get(_LEMMAS)
    if lemmas is None:
        lemmas = doc.user_data[_LEMMAS] = [t.lemma_.lower() if not (t.is_punct or t.is_space) else "" for t in doc]
    return lemmas


def negation_in_circulation(att: Attribution, root: Token, rules: StanceRules) -> bool:
    """Whether a negated content rejects something the article tells of (see the module docstring)."""
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and {subject.lower_, subject.lemma_.lower()} & rules.labelled_claims:
        return True  # "that is not true", "the report did not say so": a verdict on something said
    matter = negated_matter(root, rules)
    if not matter:
        return True
    doc = att.doc
    first = att.content_span[0] if len(att.content_span) else root
    lo, hi = first.sent.start, max(root.sent.end, att.content_tokens[1])
    lemmas = _doc_lemmas(doc)
    around = [w for k, w in enumerate(lemmas) if w and not lo <= k < hi]
    if len(around) < rules.negation_context_words:
        return True  # too little text to tell: read as a denial
    stems = {w[:STEM] for w in matter if len(w) >= STEM}
    return any(w in matter or len(w) >= STEM and w[:STEM] in stems for w in around)


def normative_negation(root: Token, rules: StanceRules) -> bool:
    """ "gun control is not the solution", "the cuts are not fair": a negated position on what ought to
    be, not a rejected claim (a claim or a pointer as subject, "that is not right", still rejects)."""
    if root.lemma_.lower() != "be":
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or {subject.lower_, subject.lemma_.lower()} & rules.labelled_claims:
        return False
    preds = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    return any(p.lemma_.lower() in rules.normative_nouns or p.lower_ in rules.evaluative_predicates for p in preds)


def plain_negative_report(root: Token, rules: StanceRules) -> str | None:
    """A negation that reports rather than rejects, with the reason: a commitment ("promised never to
    return"), an attitude ("the company isn't happy with ..."), a necessity ("cannot be beaten without
    ..."), an affirming idiom ("it is not the first time ..."), or past unawareness of a fact ("officials
    did not know that the capsule was there", which presupposes it)."""
    children = list(root.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and not any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children):
        return "commitment"
    if root.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lower_ in rules.attitude_predicates for c in children):
        return "attitude"
    if any(c.dep_ in ("prep", "advcl") and c.lower_ in rules.necessity_prepositions for c in children):
        return "necessity"
    clause = " ".join(t.lower_.replace("n't", "not") for t in root.subtree)
    if any(f" {p} " in f" {clause} " for p in rules.affirming_negations):
        return "idiom"
    if root.lemma_.lower() in rules.factive_knowing and root.tag_ == "VBD" or any(
            c.dep_ == "aux" and c.tag_ == "VBD" for c in children if root.lemma_.lower() in rules.factive_knowing):
        if any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in children):
            return "unaware"
    return None
