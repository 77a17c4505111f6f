"""Per-Doc caches: spaCy rebuilds ``doc.text`` and ``doc.sents`` on every access, which the
extractors ask for thousands of times per article."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

_TEXT = "claimwatch.text"
_SENTS = "claimwatch.sent_starts"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_SENTS)
    if starts is None:
        starts = doc.user_data[_SENTS] = [s.start for s in doc.sents]
    return starts


def sentence_index(token: Token) -> int:
    """Index of the sentence holding ``token``."""
    return max(0, bisect_right(sentence_starts(token.doc), token.i) - 1)


def sentence_start(token: Token) -> int:
    return sentence_starts(token.doc)[sentence_index(token)]


def same_sentence(a: Token, b: Token) -> bool:
    return sentence_index(a) == sentence_index(b)
