"""Per-Doc caches: spaCy rebuilds ``doc.text`` and ``doc.sents`` on every access, which the
extractors ask for thousands of times per article."""
from __future__ import annotations

from bisect import bisect_right

import numpy

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

_TEXT = "claimwatch.text"
_SENTS = "claimwatch.sent_starts"
_QUOTES = "claimwatch.quotes"
_LEMMAS = LEMMA_CACHE = "claimwatch.lower_lemmas"
_LOWERS = "claimwatch.lower_forms"


def seed_text(doc: Doc, text: str) -> None:
    """Give the Doc its source text, so ``doc_text`` need not rebuild it token by token.

    spaCy keeps every character of its input, so a Doc parsed from ``text`` ends where ``text`` ends;
    a Doc that does not (built from other words) is left to rebuild its own text."""
    if _TEXT in doc.user_data:
        return
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_TEXT] = text


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the cached Doc text instead of joined token by token."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def doc_quotes(doc: Doc) -> list:
    """The quotations of the Doc's text (``quotes.find_quotes``), found once per Doc; do not mutate."""
    quotes = doc.user_data.get(_QUOTES)
    if quotes is None:
        from claimwatch.nlp.quotes import find_quotes

        quotes = doc.user_data[_QUOTES] = find_quotes(doc_text(doc))
    return quotes


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


def sentence_span(token: Token) -> Span:
    """``token.sent`` from the cached sentence starts (spaCy's walks the tokens on every call)."""
    doc = token.doc
    starts = sentence_starts(doc)
    k = sentence_index(token)
    return doc[starts[k]:starts[k + 1] if k + 1 < len(starts) else len(doc)]


def lower_lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token, read once from the Doc's arrays."""
    return _lowered(doc, LEMMA, _LEMMAS)


def lower_forms(doc: Doc) -> list[str]:
    """``token.lower_`` of every token, read once from the Doc's arrays: a word test on a plain
    string list costs no Token object."""
    return _lowered(doc, LOWER, _LOWERS)


def _lowered(doc: Doc, attr: int, key: str) -> list[str]:
    words = doc.user_data.get(key)
    if words is None:
        strings = doc.vocab.strings
        distinct, where = numpy.unique(doc.to_array(attr), return_inverse=True)  # each string looked up once
        lows = [strings[h].lower() for h in distinct.tolist()]
        words = doc.user_data[key] = [lows[k] for k in where.tolist()]
    return words
