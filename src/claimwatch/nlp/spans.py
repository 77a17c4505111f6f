"""Token and character span helpers shared by the attribution frames: subtree ranges cut at the cue,
trimmed of edge punctuation and "that", and closed over quotation marks."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from claimwatch.lexicons import load
from claimwatch.lexicons.checks import document, word_list
from claimwatch.nlp.function_words import ASIDE_MARKS, NONRESTRICTIVE_OPENERS

TRIM_CHARS = " \t\n,;:\u2014-"
LEADING_MARKS = {"that"}
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019"


def subtree_range(token: Token, stop_at: Token | None = None, include_root: bool = True) -> tuple[int, int]:
    """Contiguous token range of a subtree, cut at the cue so content never contains its own cue."""
    idx = [t.i for t in token.subtree]
    start, end = min(idx), max(idx) + 1
    if stop_at is not None and start <= stop_at.i < end:
        if stop_at.i < token.i:
            start = stop_at.i + 1
        else:
            end = stop_at.i
    doc = token.doc
    while start < end and doc[start].lower_ in LEADING_MARKS and doc[start].dep_ == "mark":
        start += 1
    # a hyphenated word the parser split ("al-Shabab", "anti-government") stays whole
    while end + 1 < len(doc) and doc[end].text in ("-", "\u2013") and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and (stop_at is None or stop_at.i > end + 1 or stop_at.i < start):
        end += 2
    return trim_range(doc, start, end)


def trim_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].is_punct and doc[start].text not in ('"', "\u201c", "'", "\u2018") or doc[start].is_space):
        start += 1
    while start < end and doc[start].lower_ in LEADING_MARKS and doc[start].dep_ == "mark":
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "\u2014", "-", "--")):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - 1 > start:
        end -= 1
    return start, end


def strip_chars(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM_CHARS:
        a += 1
    while b > a and text[b - 1] in TRIM_CHARS:
        b -= 1
    return a, b


def close_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """A content that opens a quotation keeps its closing mark (and the full stop inside it)."""
    inside = text[a:b]
    doubles = sum(inside.count(c) for c in "\"\u201c\u201d")
    singles = sum(1 for i, c in enumerate(inside) if c in "'\u2018\u2019" and not (
        0 < i < len(inside) - 1 and inside[i - 1].isalnum() and inside[i + 1].isalnum()))
    opened = doubles % 2 == 1 or singles % 2 == 1
    if not opened:
        return a, b
    k = b
    while k < len(text) and k - b < 3 and text[k] in ".,!?" + QUOTE_CHARS:
        k += 1
    if any(c in QUOTE_CHARS for c in text[b:k]):
        last_quote = max(i for i in range(b, k) if text[i] in QUOTE_CHARS)
        return a, last_quote + 1
    return a, b


def end_char(doc: Doc, end_tok: int) -> int:
    last = doc[end_tok - 1]
    return last.idx + len(last)


def token_range(doc: Doc, a: int, b: int) -> tuple[int, int]:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def cut_writer_tail(doc: Doc, start: int, end: int) -> int:
    """Where a content stops before the writer's note on its last noun: a non-restrictive relative clause
    ("..., which was passed in 2010", "..., who has led since May") or an appended apposition to a thing
    ("..., a longstanding provision that ...", "... -- a modest boost for ...") that runs to the content's
    end. Only a content that is a noun phrase ("criticised the reform, which ...") loses it: after a clause
    ("said the rule was dropped, which ...") the note is as often the speaker's. An apposition saying who
    a person is stays, and so does a note inside an open quotation (the speaker's own words)."""
    if end - start < 3 or doc[start:end].root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return end
    for t in doc[start + 2:end]:
        left = t.left_edge.i
        if left <= start + 2 or doc[left - 1].text not in ASIDE_MARKS or t.right_edge.i + 1 < end:
            continue
        relative = t.dep_ == "relcl" and doc[left].lower_ in NONRESTRICTIVE_OPENERS
        apposition = t.dep_ == "appos" and t.head.i < left and doc[left].pos_ in ("DET", "NOUN", "ADJ", "NUM") \
            and t.pos_ != "PROPN" and t.head.ent_type_ != "PERSON"  # "al-Dumani, a suspect held in ...": who he is
        if (relative or apposition) and not _open_quote(doc, start, left):
            return left - 1
    return end


def _open_quote(doc: Doc, start: int, at: int) -> bool:
    marks = [t for t in doc[start:at] if t.text in ('"', "\u201c", "\u201d", "''", "``")]
    return len(marks) % 2 == 1


@dataclass(frozen=True)
class SpanBounds:
    """Word lists that say where a content span stops (``lexicons/span_bounds.yaml``)."""

    occasions: frozenset[str]
    occasion_preps: frozenset[str]


def parse_span_bounds(data: Any, source: str = "span_bounds.yaml") -> SpanBounds:
    doc = document(data, source, ("occasions", "occasion_preps"))
    return SpanBounds(occasions=frozenset(word_list(doc["occasions"], source, "occasions")),
                      occasion_preps=frozenset(word_list(doc["occasion_preps"], source, "occasion_preps")))


@lru_cache(maxsize=1)
def _bounds() -> SpanBounds:
    return load("span_bounds")


def cut_occasion_tail(doc: Doc, start: int, end: int) -> int:
    """Where a content stops before the occasion of its saying ("called the plan reckless in an interview on
    Monday", "criticised the levy during a campaign stop", "blamed the council on Twitter"): a phrase on
    an occasion word that, with what follows it, only modifies the same head. Only after a noun phrase:
    in a clause ("voters would decide it in a debate") the phrase is part of what was said."""
    if end - start < 3 or doc[start:end].root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return end
    for t in doc[start + 2:end]:
        if t.dep_ != "prep" or t.lower_ not in _bounds().occasion_preps:
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in _bounds().occasions or _open_quote(doc, start, t.i) \
                or _in_clause(t.head, doc[start:end].root):
            continue  # in a clause inside the noun phrase ("concern that he was inciting fights at rallies") it is said
        if all(_hangs_after(doc[k], t.head, t.i) for k in range(t.i, end)):
            cut = t.i
            while cut - 1 > start + 1 and doc[cut - 1].ent_type_ in ("DATE", "TIME") and _hangs_after(doc[cut - 1], t.head, start):
                cut -= 1  # "... Wednesday on his radio show": the day of the saying goes with it
            return cut
    return end


def _in_clause(token: Token, root: Token) -> bool:
    """A verb stands between the token and the content's root (the token is inside a clause)."""
    while token.i != root.i and token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX"):
            return True
        token = token.head
    return False


def _hangs_after(token: Token, head: Token, first: int) -> bool:
    """The token belongs to an adjunct of ``head`` (a phrase of place, time or manner) from ``first`` on."""
    while token.head.i != head.i and token.head.i != token.i:
        token = token.head
    return token.head.i == head.i and token.i >= first and token.dep_ in ("prep", "npadvmod", "advmod", "punct")
