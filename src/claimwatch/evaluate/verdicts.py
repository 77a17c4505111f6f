"""The body's own verdict on a rumour: "the story is a hoax", "the photo was doctored", "it turned out
to be fake", "fake tweets", "the debunked claim".

A debunking article most often rejects the rumour in its own narration, not in a statement it
attributes to someone: such sentences found no statement (nothing is attributed), so the stance rules
never see them. A verdict is one of three shapes, the words being data (``fnc1.verdict`` in
``eval_stance.yaml``):

- a *predicate* said of something after a copula ("is false", "was not true", "proved to be a fake",
  "turned out to be satire"): only after a copula, so "a fake passport" or "a false start" is no verdict;
- an *attributive* verdict before a noun that carries a rumour ("FAKE tweets", "UNFOUNDED rumours",
  "a DOCTORED image"): "a fake ID" is no verdict;
- a *noun* that is a verdict on its own ("the hoax", "debunked").

A negator in the copula chain or just before the noun turns the verdict ("is not a hoax", "wasn't
fake", "no hoax"): the body then vouches for the rumour. A sentence with an attributing word ("said",
"according to") is someone else's word, not the body's own voice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from claimwatch.evaluate.config import VerdictWords

_QUOTES = ('"', "\u201c", "\u201d")
_TOKEN = re.compile(r"[a-z0-9]+n't|[a-z0-9]+|'[a-z]+|[.,;:!?()\"\u201c\u201d]")


@dataclass(frozen=True)
class Verdict:
    """One verdict found in a sentence: its words, its shape, and whether a negator turns it."""

    words: str
    shape: str  # predicate / attributive / noun
    turned: bool  # "is not a hoax": the sentence vouches for what it speaks of


def tokens(text: str) -> list[str]:
    """Lower-case word tokens and punctuation; "isn't" stays one token, "it's" is "it" + "'s"."""
    return _TOKEN.findall(text.casefold().replace("\u2019", "'").replace("\u2018", "'"))


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The word lists' entries as token tuples, longest first (one list is read many times)."""
    return tuple(sorted({tuple(tokens(w)) for w in words if tokens(w)}, key=len, reverse=True))


def _ends(toks: list[str], i: int, words: VerdictWords) -> bool:
    """Whether a predicate ending before ``i`` closes its clause ("was fake." / "was fake and"), so
    it is not an attributive word before a noun ("was a fake passport")."""
    return i >= len(toks) or not toks[i][0].isalnum() or toks[i] in words.followers


def _at(toks: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(toks[i:i + len(phrase)]) == phrase


def _copula_before(toks: list[str], i: int, words: VerdictWords) -> Optional[bool]:
    """Walking back from ``i`` over fillers, negators and copulas: None when no copula links the
    predicate to a subject, else whether a negator stands in the chain."""
    linked = negated = False
    j = i - 1
    while j >= 0 and (toks[j] in words.fillers or toks[j] in words.negators or toks[j] in words.copulas):
        linked = linked or toks[j] in words.copulas
        negated = negated or toks[j] in words.negators
        j -= 1
    return negated if linked else None


def _negated_before(toks: list[str], i: int, words: VerdictWords, span: int = 2) -> bool:
    return any(t in words.negators for t in toks[max(0, i - span):i])


def _match(toks: list[str], i: int, words: VerdictWords) -> Optional[tuple[int, Verdict]]:
    """The verdict starting at token ``i``, if any, and its length."""
    for phrase in _phrases(words.predicates):
        if _at(toks, i, phrase) and _ends(toks, i + len(phrase), words):
            turned = _copula_before(toks, i, words)
            if turned is not None:
                return len(phrase), Verdict(" ".join(phrase), "predicate", turned)
    for phrase in _phrases(words.attributive):
        after = toks[i + len(phrase):i + len(phrase) + 2]
        if _at(toks, i, phrase) and any(t in words.rumour_nouns for t in after):
            return len(phrase), Verdict(" ".join(phrase), "attributive", _negated_before(toks, i, words))
    for phrase in _phrases(words.nouns):
        if _at(toks, i, phrase):
            return len(phrase), Verdict(" ".join(phrase), "noun", _negated_before(toks, i, words, 3))
    return None


def _quoted(toks: list[str]) -> list[bool]:
    """For each token, whether it stands inside quotation marks (someone else's words)."""
    inside, out = False, []
    for t in toks:
        if t in _QUOTES:
            inside = t == "\u201c" or (t == '"' and not inside)
        out.append(inside)
    return out


def _hedged(toks: list[str], i: int, words: VerdictWords, span: int = 5) -> bool:
    """Whether a hedge stands just before the verdict's clause ("probably bogus", "might be fake")."""
    j = i - 1
    while j >= 0 and (toks[j] in words.fillers or toks[j] in words.negators or toks[j] in words.copulas):
        j -= 1
    return any(t in words.hedges for t in toks[max(0, j - span + 1):i])


def sentence_verdicts(text: str, words: VerdictWords) -> list[Verdict]:
    """The verdicts a sentence gives in its own voice, left to right (each token in at most one
    verdict); none inside quotation marks, none hedged ("probably fake", "if it is a hoax")."""
    toks, found, i = tokens(text), [], 0
    quoted = _quoted(toks)
    while i < len(toks):
        hit = None if quoted[i] or _hedged(toks, i, words) else _match(toks, i, words)
        if hit is None:
            i += 1
            continue
        found.append(hit[1])
        i += hit[0]
    return found


def attributed(text: str, words: VerdictWords) -> bool:
    """Whether the sentence reports someone else's word ("said", "according to")."""
    toks = tokens(text)
    return any(_at(toks, i, p) for p in _phrases(words.attributed_words) for i in range(len(toks)))


def own_verdicts(sentences: Iterable[str], words: VerdictWords) -> tuple[int, int]:
    """(rejecting, vouching): how many verdicts the body gives in its own voice, and how many of them
    a negator turns ("not a hoax")."""
    rejecting = vouching = 0
    for text in sentences:
        if attributed(text, words):
            continue
        for verdict in sentence_verdicts(text, words):
            vouching += verdict.turned
            rejecting += not verdict.turned
    return rejecting, vouching
