"""Is a ledger claim a proposition? Measured independently of the extractor, for the story harness.

Each claim text is parsed again with the project's spaCy model and judged by the rules and word
lists of ``lexicons/eval_propositions.yaml``: a proposition has a predicate (a sentence root that is
a verb or auxiliary, or that governs a subject, copula or auxiliary). A question, a connective on
its own, a headline in capitals without a verb, a bare noun phrase or fragment, and a statement that
only refers to other claims ("the accusations", "they are baseless") are not propositions.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load

SOURCE = "eval_propositions.yaml"
KEYS = ("connectives", "question_openers", "claim_nouns", "reference_pronouns", "verdicts", "predicate_children",
        "finite_tags")
REASONS = ("empty", "question", "connective", "all_caps_headline", "reference", "noun_phrase")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE_TAGS = ("WDT", "WP", "WP$")
_AS_WRITTEN = ("finite_tags", "predicate_children")  # parser labels, not words
_COMPLEMENTS = ("acomp", "attr", "oprd", "dobj")
_CONTENT_POS = ("NOUN", "PROPN", "NUM")


@dataclass(frozen=True)
class PropositionRules:
    connectives: frozenset[str]
    question_openers: frozenset[str]
    claim_nouns: frozenset[str]
    reference_pronouns: frozenset[str]
    verdicts: frozenset[str]
    predicate_children: frozenset[str]
    finite_tags: frozenset[str]


def parse_rules(data: Any) -> PropositionRules:
    """Validate the YAML data: ``version: 1`` and a non-empty list of strings under each key."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise LexiconError(f"{SOURCE}: top level: expected a mapping with 'version: 1'")
    lists = {}
    for key in KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise LexiconError(f"{SOURCE}: {key}: expected a non-empty list of words (quote yes/no/true/false)")
        lists[key] = frozenset(w.strip() if key in _AS_WRITTEN else " ".join(_WORDS.findall(w.casefold())) for w in value)
    return PropositionRules(**lists)


@lru_cache(maxsize=1)
def load_rules() -> PropositionRules:
    return load("eval_propositions")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_predicate(root, rules: PropositionRules) -> bool:
    return root.pos_ in ("VERB", "AUX") or any(child.dep_ in rules.predicate_children for child in root.children)


def _wh_clause(doc, rules: PropositionRules) -> bool:
    """One sentence that is a wh-clause or whether-clause ("how the talks ended"); an opening wh-word
    of an adverbial clause ("When the river rose, the road closed") leaves a main clause after it."""
    if not len(doc) or doc[0].lower_ not in rules.question_openers or len(list(doc.sents)) != 1:
        return False
    token = doc[0]
    while token.head.i != token.i:
        if token.dep_ == "advcl":
            return False
        token = token.head
    return True


def _has_clause(doc, rules: PropositionRules) -> bool:
    """A finite verb with a subject that is not a relative pronoun: a clause the parser did not make
    the root ("The box that holds X was undamaged" parsed with "box" as root), not a relative clause."""
    def finite(t) -> bool:
        return t.tag_ in rules.finite_tags or any(c.dep_ in ("aux", "auxpass") and c.tag_ in rules.finite_tags
                                                  for c in t.children)

    return any(finite(t) and any(c.dep_ in _SUBJECTS and c.tag_ not in _RELATIVE_TAGS for c in t.children)
               for t in doc)


def _refers(token, rules: PropositionRules) -> bool:
    return token.lower_ in rules.reference_pronouns or token.lemma_.casefold() in rules.claim_nouns


def _only_reference(doc, rules: PropositionRules) -> bool:
    """A reference to claims judged with a verdict ("they are baseless", "the claims are false"), or a
    negated verdict about a reference ("no merit to the claim", "no evidence supports them")."""
    sentences = list(doc.sents)
    if len(sentences) != 1:
        return False
    root = sentences[0].root
    verdict = [t for t in (root, *root.children) if t.dep_ in (*_COMPLEMENTS, "ROOT")
               and t.lemma_.casefold() in rules.verdicts]
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    if verdict and subjects and all(_refers(s, rules) for s in subjects):
        return True
    negated = [t for t in doc if t.lemma_.casefold() in rules.verdicts
               and any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not", "n't", "never") for c in t.children)]
    if not negated:
        return False
    others = [t for t in doc if t.pos_ in (*_CONTENT_POS, "PRON") and t.dep_ != "expl" and t not in negated]
    return bool(others) and all(_refers(t, rules) for t in others)


def judge_doc(text: str, doc, rules: PropositionRules) -> Optional[str]:
    """Why ``text`` (parsed as ``doc``) is not a proposition, or None when it is one."""
    words = _words(text)
    if not words:
        return "empty"
    if text.rstrip().endswith("?") or _wh_clause(doc, rules):
        return "question"
    if " ".join(words) in rules.connectives:
        return "connective"
    if not any(_is_predicate(sent.root, rules) for sent in doc.sents):
        if _all_caps(text) and len(words) > 1:
            return "all_caps_headline"
        if any(t.lemma_.casefold() in rules.claim_nouns for t in doc):
            return "reference"
        if not _has_clause(doc, rules):
            return "noun_phrase"
    if _only_reference(doc, rules):
        return "reference"
    return None


def _parse_form(text: str) -> str:
    """Headlines in capitals are parsed in sentence case: the tagger reads capitals as names, not verbs."""
    return text.capitalize() if _all_caps(text) else text


def judge(texts: Sequence[str], nlp=None, rules: Optional[PropositionRules] = None) -> list[Optional[str]]:
    """For each text, why it is not a proposition (one of REASONS) or None."""
    if nlp is None:
        from claimwatch.nlp.pipeline import load_nlp

        nlp = load_nlp()
    rules = rules or load_rules()
    docs = nlp.pipe((_parse_form(t) for t in texts), batch_size=256)
    return [judge_doc(t, doc, rules) for t, doc in zip(texts, docs)]


def report(texts: Iterable[str], nlp=None, examples: int = 3) -> dict:
    """Share of texts that are not propositions, counts by reason, a few examples of each."""
    texts = list(texts)
    reasons = judge(texts, nlp) if texts else []
    counts = Counter(r for r in reasons if r)
    shown: dict[str, list[str]] = {}
    for text, reason in zip(texts, reasons):
        if reason and len(shown.setdefault(reason, [])) < examples:
            shown[reason].append(text[:80])
    bad = sum(counts.values())
    return {"claims": len(texts), "not_propositions": bad,
            "share": round(bad / len(texts), 3) if texts else 0.0,
            "by_reason": dict(counts.most_common()), "examples": shown}
