"""Direct quotations: where they are, so attribution can give their inside as content."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {'"': '"\u201d', "\u201c": '\u201d"', "\u00ab": "\u00bb", "\u201e": "\u201c\u201d"}
# Archive and typewriter styles write a double quote as two marks: ''like this'' or ``like this''.
DOUBLED = {"''": ("''", '"', "\u201d"), "``": ("''", '"', "\u201d")}
# A quote needs a few words to be a statement rather than a scare quote ('fake news').
MIN_QUOTE_WORDS = 4
_WORD = re.compile(r"\w+")
# Where a quotation can open: one of OPENERS or a doubled mark (the scan jumps from one to the next).
_OPENING = re.compile("|".join(re.escape(m) for m in (*DOUBLED, *OPENERS)))


@dataclass(frozen=True)
class Quote:
    """The span of a quotation, without its marks (``inner``) and with them (``outer``)."""

    outer: tuple[int, int]
    inner: tuple[int, int]
    closed: bool = True  # False: runs to the end of its paragraph (news style for quotes that go on)

    @property
    def words(self) -> int:
        return self.inner[1] - self.inner[0]


def find_quotes(text: str) -> list[Quote]:
    """Pair curly and straight double quotes; an unclosed quote runs to the end of its paragraph.

    News style continues a multi-paragraph quote without a closing mark; such a quote stops at the
    paragraph break so it never swallows the rest of the article.
    """
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        opening = _OPENING.search(text, i)
        if opening is None:
            break
        i = opening.start()
        doubled = DOUBLED.get(text[i:i + 2])
        closers = doubled or OPENERS.get(text[i])
        width = 2 if doubled else 1
        para_end = _paragraph_end(text, i)
        found = [(k, len(c)) for k, c in ((text.find(c, i + width, para_end), c) for c in closers) if k >= 0]
        j, close_width = min(found, default=(-1, 0))
        end = j if j >= 0 else para_end
        inner = _trim(text, i + width, end)
        if len(_WORD.findall(text[inner[0]:inner[1]])) >= 1:
            quotes.append(Quote(outer=(i, end + close_width if j >= 0 else end), inner=inner, closed=j >= 0))
        i = end + max(close_width, 1)
    return sorted(quotes + _single_quotes(text, quotes), key=lambda q: q.outer)


# British style quotes with single marks ('We will not back down', says ...). An apostrophe sits
# between letters (it's) or after a plural (players' union); a quotation mark opens after a space or
# the start of a line before a capital or digit, and closes after a letter or a mark when followed
# by punctuation, or after a mark when followed by a space or the end of the line.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[:\u2014-]))['\u2018](?=[A-Z0-9])", re.M)
_SINGLE_CLOSE = re.compile(r"(?:(?<=\w)['\u2019](?=[,.;:!?\u2014)]|-{1,2}|\s*$))|(?:(?<=[,.!?])['\u2019](?=\s|$))", re.M)


def _next_paragraph(text: str, para_end: int) -> int:
    k = para_end
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def _single_quotes(text: str, doubles: list[Quote]) -> list[Quote]:
    """Single-mark quotations outside the double-quoted ones, closed within their paragraph."""
    out: list[Quote] = []
    covered = [q.outer for q in doubles]
    pos = 0
    for m in _SINGLE_OPEN.finditer(text):
        i = m.start()
        if i < pos or any(a <= i < b for a, b in covered):
            continue
        para_end = _paragraph_end(text, i)
        close = _SINGLE_CLOSE.search(text, i + 1, para_end)
        if close is None:  # a quote that goes on in the next paragraph, which opens with a mark again
            continued = bool(out) and not out[-1].closed and _next_paragraph(text, out[-1].outer[1]) == i
            if not continued and not _SINGLE_OPEN.match(text, _next_paragraph(text, para_end)):
                continue
            inner = _trim(text, i + 1, para_end)
            if len(_WORD.findall(text[inner[0]:inner[1]])) >= 1:
                out.append(Quote(outer=(i, para_end), inner=inner, closed=False))
                pos = para_end
            continue
        j = close.start()
        if any(i < a < j for a, _ in covered):
            continue
        inner = _trim(text, i + 1, j)
        if len(_WORD.findall(text[inner[0]:inner[1]])) >= 1:
            out.append(Quote(outer=(i, j + 1), inner=inner, closed=True))
            pos = j + 1
    return out


def _paragraph_end(text: str, i: int) -> int:
    ends = [k for k in (text.find("\n\n", i), text.find("\n", i)) if k >= 0]
    return min(ends) if ends else len(text)


def is_statement_quote(text: str, quote: Quote) -> bool:
    """A quotation long enough to be said rather than a quoted label ("fake news")."""
    return len(_WORD.findall(text[quote.inner[0]:quote.inner[1]])) >= MIN_QUOTE_WORDS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that covers most of ``[start, end)``, if it covers at least half of it."""
    best, best_cover = None, 0
    for q in quotes:
        cover = min(end, q.outer[1]) - max(start, q.outer[0])
        if cover > best_cover:
            best, best_cover = q, cover
    if best and best_cover * 2 >= (end - start):
        return best
    return None
