"""The body's own verdict on a rumour, as ``eval fnc1`` counts it: "the story is a hoax", "the photo
was doctored", "it turned out to be fake", "fake tweets", "the debunked claim".

The reading of a sentence is extraction's (``claimwatch.nlp.writer_verdicts``: a predicate after a
copula, an attributive word before a rumour noun, a verdict noun; a negator turns it; nothing quoted,
hedged or in a sentence with an attributing word), with the same words (``writer_verdicts.yaml``);
here a body's verdicts are only counted.
"""
from __future__ import annotations

from typing import Iterable

from claimwatch.evaluate.config import VerdictWords
from claimwatch.nlp.writer_verdicts import Verdict, attributed, sentence_verdicts, tokens

__all__ = ["Verdict", "attributed", "own_verdicts", "sentence_verdicts", "tokens"]


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
