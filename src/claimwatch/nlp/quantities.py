"""Counts, amounts, shares and measures in a statement ("some 3,000 troops", "$1.2 billion", "40%").

Numbers are found with a small tokenizer and the word lists of ``lexicons/quantities.yaml``, so digits
work without spaCy; a parsed ``Doc`` only sharpens the unit noun phrase and the pronoun "one".
Decisions worth knowing:

- Dates, clock times, ages, ordinals, identifiers ("Resolution 2231", "MH17") and phone numbers are
  not quantities. A four-digit number from 1800 to 2099 is a year unless a plural noun follows it.
- Money has the ISO code as unit ("USD"); shares have "percent" or "percentage points".
- Plural magnitudes ("hundreds of civilians", "tens of thousands") take the magnitude named as value
  (100, 10,000): the lower bound, marked approximate. "a dozen" is 12 and exact.
- A range ("11,000 to 12,000", "11,000-12,000", "between 11,000 and 12,000", "five to six million")
  gives two quantities sharing the unit and scale of the second number.
- ``text``/``span`` run from an approximator ("some") through the number to the end of its unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import NamedTuple, Optional

from claimwatch.model import Quantity
from claimwatch.nlp.docutil import doc_text
from claimwatch.nlp.quantity_lexicon import QuantityLexicon, quantity_lexicon
from claimwatch.nlp.function_words import PLURAL_DEMONSTRATIVES, QUANTITY_DETERMINERS, QUANTITY_PRONOUNS

_TOKEN = re.compile(
    r"(?:[A-Za-z]{1,2})?[$€£¥₹₽₴₩₪]"  # currency signs, "US$", "HK$"
    r"|\d+(?:[.,]\d+)*|(?<![\w.])\.\d+"  # digits with separators; ".5"
    r"|(?:[A-Za-z]\.){2,}"  # abbreviations: "U.S.", "a.m."
    r"|[^\W\d_]+(?:['’-][^\W\d_]+)*"  # words, with inner hyphens and apostrophes
    r"|\S"
)
_MASKS = re.compile(
    r"\d+(?:[:/]\d+)+"  # clock times, dates and fractions written 10:30, 9/11, 24/7
    r"|\+\d[\d\s().-]{7,}\d"  # international phone numbers
    r"|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"  # national phone numbers
)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?$|\d*\.?\d+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n\"“‘(]\s*)$")


class Tok(NamedTuple):
    """A word, number or mark of the span, with its lower-case form (a tuple: thousands per article)."""

    text: str
    start: int
    end: int
    low: str


@dataclass
class Num:
    """A parsed number: value, token range, and what was written with it."""

    value: Decimal
    first: int  # token index, inclusive
    last: int  # token index, exclusive
    scaled: bool = False
    approximate: bool = False
    currency: Optional[str] = None
    symbol: bool = False  # the currency is written before the number ("$", "USD")
    is_year_like: bool = False
    bare_one: bool = False
    fraction: bool = False  # "a third of": the unit becomes "share of ..."


def find_quantities(text: str, span: tuple[int, int], doc=None) -> tuple[Quantity, ...]:
    """Quantities inside ``text[span[0]:span[1]]`` with article offsets, ordered by position.

    ``doc``, when given, is a spaCy Doc of the whole article (or of the span); it is used for the
    unit noun phrase, "one" as a pronoun and years tagged DATE.
    """
    lex = quantity_lexicon()
    start, end = max(0, span[0]), min(len(text), span[1])
    window = max(0, start - 40)
    toks = [Tok(w, m.start() + window, m.end() + window, w.lower()) for m in _TOKEN.finditer(text[window:end])
            for w in (m.group(),)]
    masked = [(m.start() + window, m.end() + window) for m in _MASKS.finditer(text[window:end])]
    doc_offset = _doc_offset(doc, text, start, end)
    out: list[Quantity] = []
    i = 0
    starts = _word_starts(lex)
    while i < len(toks):
        if toks[i].start < start or masked and any(a <= toks[i].start < b for a, b in masked):
            i += 1
            continue
        if not _may_start_number(toks[i], starts, lex):
            i += 1
            continue
        nums = _parse_at(toks, i, lex)
        if not nums:
            i += 1
            continue
        unit, unit_end, i = _unit(toks, nums[-1], lex, text, doc, doc_offset, end)
        if unit is None or not all(_is_quantity(toks, n, unit, lex, text, doc, doc_offset) for n in nums):
            i = nums[-1].last  # the words after it may hold a number of their own ("one of five men")
            continue
        if i < len(toks) and toks[i].low in lex.time_reference_after:
            continue
        if len(nums) == 2 and not unit and toks[nums[1].first - 1].text in "-–—":
            continue  # a score or a vote ("3-1", "52-48"), not a range of a count
        if _approx_after(toks, i, lex):
            nums[0].approximate = True
        out.extend(_quantities(toks, nums, unit, unit_end, text, lex, start))
    return tuple(out)


# --- numbers -------------------------------------------------------------------------------------

def _parse_at(toks: list[Tok], i: int, lex: QuantityLexicon) -> list[Num]:
    """The number (or range of two numbers) starting at token ``i``, or [] if none starts here."""
    between = i > 0 and toks[i - 1].low == "between"
    first = _number(toks, i, lex)
    if first is None:
        return []
    j = first.last
    link = toks[j].low if j < len(toks) else ""
    if link in ("to", "-", "–", "—") or (between and link == "and"):
        second = _number(toks, j + 1, lex)
        tight = link not in ("-", "–", "—") or (_gap(toks, j) == 0 and _gap(toks, j + 1) == 0)
        if second is not None and tight and not first.bare_one:
            if second.scaled and not first.scaled and first.value < 1000:
                first.value *= _scale_of(toks, second, lex)
            first.currency = second.currency = first.currency or second.currency
            return [first, second]
    return [first]


def _number(toks: list[Tok], i: int, lex: QuantityLexicon) -> Optional[Num]:
    if i >= len(toks):
        return None
    currency = None
    k = i
    if toks[k].low in lex.currency_symbols and k + 1 < len(toks) and _gap(toks, k + 1) <= 1:
        if _numeric(toks[k + 1]):
            currency, k = lex.currency_symbols[toks[k].low], k + 1
    if _numeric(toks[k]):
        num = _digits(toks, k, lex, currency is not None)
    else:
        num = _words(toks, k, lex)
    if num is None:
        return None
    num.first, num.currency, num.symbol = i, currency, currency is not None
    return num


def _numeric(tok: Tok) -> bool:
    return tok.text[0].isdigit() or (tok.text[0] == "." and len(tok.text) > 1)


def _digits(toks: list[Tok], k: int, lex: QuantityLexicon, money: bool) -> Optional[Num]:
    if not _DIGITS.match(toks[k].text):
        return None
    value = Decimal(toks[k].text.replace(",", ""))
    num = Num(value=value, first=k, last=k + 1)
    num.is_year_like = bool(re.fullmatch(r"(18|19|20)\d\d", toks[k].text))
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and _gap(toks, k + 1) <= 1:
        abbreviations = dict(lex.scale_abbreviations, **(lex.currency_scale_abbreviations if money else {}))
        if nxt.low in lex.scales and nxt.low != "dozen" or nxt.low in abbreviations:
            num.value *= lex.scales.get(nxt.low) or abbreviations[nxt.low]
            num.last, num.scaled, num.is_year_like = k + 2, True, False
    return num


def _words(toks: list[Tok], k: int, lex: QuantityLexicon) -> Optional[Num]:
    """Number words: "ten thousand", "a dozen", "hundreds of", "several hundred", "two-thirds"."""
    low = toks[k].low
    if low not in _word_starts(lex) and low.split("-")[0] not in _word_starts(lex):
        return None  # no number word, fraction or modifier can start here
    for modifier, n in _longest_first_phrases(lex.vague_modifiers).get(low, ()):
        if " ".join(t.low for t in toks[k:k + n]) == modifier and k + n < len(toks) and toks[k + n].low in lex.scales:
            return _scaled_words(toks, k, k + n, Decimal(1), lex, approximate=True)
    if low in ("a", "an") and k + 1 < len(toks) and toks[k + 1].low in lex.scales:
        return _scaled_words(toks, k, k + 1, Decimal(1), lex)
    fraction = _fraction(toks, k, lex)
    if fraction is not None:
        return fraction
    if low in lex.vague:
        return _vague(toks, k, lex) if lex.include_vague else None
    if not all(p in lex.numbers or p in lex.scales for p in low.split("-")) or low == "dozen":
        return None
    value, current, last = Decimal(0), Decimal(0), k
    while last < len(toks):
        pieces = toks[last].low.split("-")
        if not all(p in lex.numbers or p in lex.scales for p in pieces):
            if toks[last].low == "and" and last + 1 < len(toks) and toks[last + 1].low.split("-")[0] in lex.numbers \
                    and toks[last - 1].low in lex.scales and toks[last - 1].low != "dozen":
                last += 1
                continue
            break
        for p in pieces:
            if p in lex.numbers:
                current += lex.numbers[p]
            elif p == "hundred" or p == "dozen":
                current = (current or 1) * lex.scales[p]
            else:
                value, current = value + (current or 1) * lex.scales[p], Decimal(0)
        last += 1
    num = Num(value=value + current, first=k, last=last)
    num.scaled = any(t.low in lex.scales for t in toks[k:last])
    num.bare_one = last == k + 1 and low == "one"
    return num


@lru_cache(maxsize=8)
def _longest_first_phrases(phrases: frozenset[str]) -> dict[str, list[tuple[str, int]]]:
    """(phrase, word count) by first word, longest first as ``_words`` tries them: a phrase can
    only match where its first word is."""
    out: dict[str, list[tuple[str, int]]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        if p.split():
            out.setdefault(p.split()[0], []).append((p, len(p.split())))
    return out


def _may_start_number(tok: Tok, starts: frozenset[str], lex: QuantityLexicon) -> bool:
    """A cheap test before ``_parse_at``: a number starts with a digit, a currency sign or a word
    that can begin a number in words; any other token starts none."""
    first = tok.text[0]
    return first.isdigit() or first == "." or tok.low in starts or tok.low.split("-")[0] in starts \
        or tok.low in lex.currency_symbols


_STARTS: dict[int, tuple[QuantityLexicon, frozenset[str]]] = {}


def _word_starts(lex: QuantityLexicon) -> frozenset[str]:
    """Every word a number in words can start with: number and scale words, fraction words, the
    first words of vague modifiers, "a"/"an"/"one"/"half" and the vague magnitudes ("hundreds")."""
    cached = _STARTS.get(id(lex))
    if cached is None or cached[0] is not lex:
        words = set(lex.numbers) | set(lex.scales) | set(lex.vague) | set(lex.fractions) | {"a", "an", "one", "half"}
        words |= {m.split()[0] for m in lex.vague_modifiers if m.split()}
        cached = _STARTS[id(lex)] = (lex, frozenset(words))
    return cached[1]


def _scaled_words(toks, k, j, base, lex, approximate=False) -> Num:
    value = base
    while j < len(toks) and toks[j].low in lex.scales:
        value *= lex.scales[toks[j].low]
        j += 1
    return Num(value=value, first=k, last=j, scaled=True, approximate=approximate)


def _vague(toks: list[Tok], k: int, lex: QuantityLexicon) -> Optional[Num]:
    """ "hundreds of", "tens of thousands of": the magnitude named, as an approximate lower bound."""
    value, j = lex.vague[toks[k].low], k + 1
    while j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].low in lex.vague and toks[j + 1].low != "tens":
        value *= lex.vague[toks[j + 1].low]
        j += 2
    if toks[k].low == "tens" and j == k + 1:
        return None
    return Num(value=value, first=k, last=j, scaled=True, approximate=True)


def _fraction(toks: list[Tok], k: int, lex: QuantityLexicon) -> Optional[Num]:
    """ "a third of", "one-third", "two-thirds", "half of", "half a million", "half a percentage point"."""
    low = toks[k].low
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in lex.numbers and parts[1] in lex.fractions:
        return Num(value=_round(lex.numbers[parts[0]] * lex.fractions[parts[1]]), first=k, last=k + 1, fraction=True)
    if low in ("a", "one") and k + 1 < len(toks) and toks[k + 1].low in lex.fractions and toks[k + 1].low != "half":
        if k + 2 < len(toks) and toks[k + 2].low == "of":
            return Num(value=_round(lex.fractions[toks[k + 1].low]), first=k, last=k + 2, fraction=True)
    if low == "half" and k + 1 < len(toks):
        nxt = toks[k + 1].low
        if nxt == "of":
            return Num(value=lex.fractions["half"], first=k, last=k + 1, fraction=True)
        if nxt in ("a", "an") and k + 2 < len(toks):
            if toks[k + 2].low in lex.scales:
                return _scaled_words(toks, k, k + 2, lex.fractions["half"], lex)
            return Num(value=lex.fractions["half"], first=k, last=k + 2)
    return None


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001")).normalize()


def _scale_of(toks: list[Tok], num: Num, lex: QuantityLexicon) -> Decimal:
    scale = Decimal(1)
    for t in toks[num.first:num.last]:
        scale *= lex.scales.get(t.low, lex.scale_abbreviations.get(t.low, lex.currency_scale_abbreviations.get(t.low, 1))) \
            if t.low != "dozen" else 1
    return scale


def _gap(toks: list[Tok], j: int) -> int:
    """Characters between token ``j - 1`` and token ``j`` (large when either is missing)."""
    return toks[j].start - toks[j - 1].end if 0 < j < len(toks) else 99


# --- units ---------------------------------------------------------------------------------------

_NOUN_POS = {"NOUN", "PROPN"}


def _unit(toks, num: Num, lex: QuantityLexicon, text: str, doc, offs, end: int) -> tuple[Optional[str], Optional[int], int]:
    """The unit after ``num``: (unit, char end of the unit or None, next token index).

    The unit is "" when nothing is counted ("at least 10 of them") and None when a name follows.
    """
    j = num.last
    trailing = _phrase_at(toks, j, lex.approximators_after, hyphen=True)  # "40-odd", "5,000 or so"
    if trailing:
        j, num.approximate = j + len(trailing), True
    if num.currency:
        return num.currency, None, j
    for words, unit in ((lex.percentage_point_words, "percentage points"), (lex.percent_words, "percent")):
        found = _phrase_at(toks, j, words)
        if found and _gap(toks, j) <= 1:
            return unit, toks[j + len(found) - 1].end, j + len(found)
    found = _phrase_at(toks, j, lex.currency_words)
    if found and _gap(toks, j) <= 1:
        phrase = " ".join(found)
        if num.scaled or phrase not in lex.scaled_only_currency_words:
            num.currency = lex.currency_words[phrase]
            return num.currency, toks[j + len(found) - 1].end, j + len(found)
    if j < len(toks) and _gap(toks, j) <= 1 and toks[j].low in lex.attached_units:
        return toks[j].low, toks[j].end, j + 1
    if j + 1 < len(toks) and toks[j].text in "-–" and _gap(toks, j) == 0 and _gap(toks, j + 1) == 0:
        if toks[j + 1].low != "strong":
            return toks[j + 1].low, toks[j + 1].end, j + 2
        j += 2
    if j < len(toks) and toks[j].low == "of":
        k = j + 1
        if k < len(toks) and (toks[k].low in QUANTITY_PRONOUNS or toks[k].low in PLURAL_DEMONSTRATIVES and (
                k + 1 >= len(toks) or not toks[k + 1].text[0].isalpha() or toks[k + 1].low in lex.unit_stop_words)):
            return "", None, k + 1
        while k < len(toks) and toks[k].low in QUANTITY_DETERMINERS:
            k += 1
        currency = _phrase_at(toks, k, lex.currency_words)
        if currency and not num.fraction:
            return lex.currency_words[" ".join(currency)], toks[k + len(currency) - 1].end, k + len(currency)
        unit, unit_end, nxt = _noun_phrase(toks, k, lex, text, doc, offs, end)
        if unit is None:
            return "", None, j
        if num.fraction:
            return "share" + (f" of {unit}" if unit else ""), unit_end, nxt
        return (unit, unit_end, nxt) if unit else ("", None, j)
    return _noun_phrase(toks, j, lex, text, doc, offs, end)


def _noun_phrase(toks, j: int, lex: QuantityLexicon, text: str, doc, offs, end: int) -> tuple[Optional[str], Optional[int], int]:
    """The counted noun with its modifiers ("special forces troops"), lower-cased, within the span."""
    if j >= len(toks) or toks[j].start >= end or _gap(toks, j) > 1:
        return "", None, j
    if doc is not None and offs is not None:
        found = _doc_noun_phrase(doc, offs, toks[j].start, end)
        if found is not None:
            a, b = found
            while j < len(toks) and toks[j].start < b:
                j += 1
            if b > a and all(t.tag_ == "NNP" for t in doc.char_span(a - offs, b - offs, alignment_mode="expand")):
                return None, None, j  # a name ("1 World Trade Center"), so the number is not a count
            return (_unit_text(text[a:b]), b, j) if b > a else ("", None, j)
    words: list[Tok] = []
    k = j
    while k < len(toks) and toks[k].end <= end and len(words) < 4 and (not words or _gap(toks, k) <= 1):
        t = toks[k]
        if not t.text[0].isalpha() or t.low in lex.unit_stop_words or t.low in lex.weekdays \
                or (t.low in lex.months and t.text[0].isupper()) or t.low.split("-")[0] in lex.numbers:
            break
        if words and (t.low.endswith(("ed", "ing", "ly")) and t.low not in ("speed", "seed", "breed", "bed", "red")
                      or _plural(words[-1].low, lex) and not _plural(t.low, lex)):
            break
        words.append(t)
        k += 1
    while words and words[-1].low.endswith("ed") and len(words) > 1:
        words.pop()
    if not words or (len(words) == 1 and words[0].low.endswith("ed")):
        return "", None, j
    if all(w.text[0].isupper() for w in words) and not _plural(words[-1].low, lex):
        return None, None, j  # a name ("1 World Trade Center"), so the number is not a count
    return _unit_text(" ".join(w.low for w in words)), words[-1].end, j + len(words)


def _unit_text(words: str) -> str:
    """Lower case, single spaces, without a possessive ending ("redwood city's" -> "redwood city")."""
    return re.sub(r"['’]s?$", "", " ".join(words.lower().split()))


def _plural(word: str, lex: QuantityLexicon) -> bool:
    """Looks like a plural noun: the end of a counted noun phrase when no parse is given."""
    return word in lex.plural_nouns or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _doc_noun_phrase(doc, offs: int, start: int, end: int) -> Optional[tuple[int, int]]:
    """Article offsets of the modifiers + head noun starting at ``start``, read from spaCy's parse."""
    span = doc.char_span(start - offs, max(start, end) - offs, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    number = span[0].nbor(-1) if span[0].i > 0 else None
    head = number.head if number is not None else None
    while head is not None and head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "three Apple Watch models": the count is of models
    kept = []
    for tok in span:
        modifier = tok.pos_ in _NOUN_POS | {"ADJ"} or tok.dep_ in ("compound", "amod") \
            or (tok.text in "-–" and not tok.whitespace_ and kept)
        if not modifier or (kept and (tok.ent_type_ in ("DATE", "TIME") or tok.i > kept[-1].i + 1)):
            break
        if kept and kept[-1].tag_ in ("NNS", "NNPS") and tok.tag_ not in ("NNS", "NNPS"):
            break  # "shots ring out", "people pass by": the plural noun ends the phrase
        kept.append(tok)
        if head is not None and tok.i == head.i and tok.pos_ in _NOUN_POS:
            break
    while kept and kept[-1].pos_ not in _NOUN_POS:
        kept.pop()
    if not kept:
        return start, start
    return kept[0].idx + offs, kept[-1].idx + len(kept[-1]) + offs


def _phrase_at(toks, j: int, phrases: frozenset[str], hyphen: bool = False) -> Optional[tuple[str, ...]]:
    """The longest phrase of ``phrases`` starting at token ``j`` (a leading "-" skipped if ``hyphen``)."""
    if hyphen and j < len(toks) and toks[j].text == "-" and _gap(toks, j) == 0:
        found = _phrase_at(toks, j + 1, phrases)
        return ("-",) + found if found else None
    best = None
    for words in _by_first_word(phrases).get(toks[j].low, ()) if j < len(toks) else ():
        if tuple(t.low for t in toks[j:j + len(words)]) == words and (best is None or len(words) > len(best)):
            best = words
    return best


_FIRST_WORD: dict[int, tuple[object, dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    """The phrases (a set, or a mapping keyed by phrase) as word tuples by first word: only those
    can start at a given token. Built once per lexicon table."""
    cached = _FIRST_WORD.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        out: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.split())
            if words:
                out.setdefault(words[0], []).append(words)
        cached = _FIRST_WORD[id(phrases)] = (phrases, out)
    return cached[1]


# --- what is not a quantity ----------------------------------------------------------------------

def _is_quantity(toks, num: Num, unit: str, lex: QuantityLexicon, text: str, doc, offs) -> bool:
    """False for dates, clock times, ages, ordinals, identifiers and "one" used as a pronoun."""
    first = num.first + (1 if num.symbol else 0)
    start, end = toks[first].start, toks[num.last - 1].end
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    digits = _numeric(toks[first])
    if re.search(r"[^\W\d_]-?$", before):
        return False
    attached = re.match(r"[^\W\d_]+", after)
    if attached and digits and attached.group().lower() not in lex.attached_units:
        return False
    low_after = after.lower().lstrip(" -")
    if any(_starts(low_after, w) for w in lex.age_after) or (digits and any(_starts(low_after, w) for w in lex.time_after)):
        return False
    if _ends(before.lower(), lex.age_before) or re.search(r"\bage[sd]?\s+from\b[^.,;]{0,30}\b(?:to|and)\s*$", before):
        return False  # "aged 45", "aged from infancy to 65"
    if digits and num.value < 130 and re.search(r"[A-Z][\w.'’-]*,\s?$", before) and re.match(r"[,.;)]", after):
        return False
    if digits and (num.is_year_like or num.value <= 31) and _next_to_month(before, after, lex):
        return False
    if digits and _street_after(after, lex):
        return False
    if num.is_year_like and not num.currency and unit not in ("percent", "percentage points"):
        if _doc_label(doc, offs, start, end) in ("DATE", "TIME") or _ends(before.lower(), lex.year_before):
            return False
        if not unit or not unit.split()[-1].endswith("s"):
            return False
    if digits and not num.currency and unit not in ("percent", "percentage points") and _identifier_before(before, lex):
        return False
    if num.bare_one and not _counting_one(toks, num, unit, lex, doc, offs):
        return False
    return True


def _counting_one(toks, num: Num, unit: str, lex: QuantityLexicon, doc, offs) -> bool:
    nxt = toks[num.last].low if num.last < len(toks) else ""
    prev = toks[num.first - 1].low if num.first > 0 else ""
    if not unit or unit.endswith(("ing", "ly")) or nxt in lex.one_not_before or prev in lex.one_not_after:
        return False
    if doc is not None and offs is not None:
        span = doc.char_span(toks[num.first].start - offs, toks[num.first].end - offs)
        if span is not None and len(span) == 1 and (span[0].pos_ != "NUM" or span[0].dep_ != "nummod"):
            return False
    return True


def _identifier_before(before: str, lex: QuantityLexicon) -> bool:
    """ "Resolution 2231", "Article 5", "No. 10", "Windows 10": a name or a listed word right before."""
    low = before.lower()
    if re.search(r"#\s*$", before) or _ends(low, lex.identifier_before):
        return True
    m = re.search(r"([A-Z][\w’'.-]*)\s$", before)
    if not m or m.group(1).lower().rstrip(".") in lex.capitalised_ok_before:
        return False
    word = m.group(1).lower()
    if word in lex.weekdays or word.rstrip(".") in lex.months:
        return False
    return not _SENTENCE_START.search(before[:m.start()])


def _street_after(after: str, lex: QuantityLexicon) -> bool:
    """ "47 North 9th Avenue": up to three capitalised words or ordinals, then a street word."""
    m = re.match(r"\s(?:(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))\s){0,3}([A-Z][a-z]*)\b", after)
    return bool(m) and m.group(1).lower() in lex.street_words


def _next_to_month(before: str, after: str, lex: QuantityLexicon) -> bool:
    prev = re.search(r"([A-Z][a-z]+)\.?,?\s$", before)
    nxt = re.match(r"(?:st|nd|rd|th)?\s([A-Z][a-z]+)\b", after)
    return bool(prev and prev.group(1).lower() in lex.months) or bool(nxt and nxt.group(1).lower() in lex.months)


def _starts(text: str, phrase: str) -> bool:
    return re.match(re.escape(phrase) + r"(?![\w])", text) is not None


def _ends(text: str, phrases: frozenset[str]) -> bool:
    return bool(phrases) and _ending(phrases).search(text) is not None


@lru_cache(maxsize=16)
def _ending(phrases: frozenset[str]) -> re.Pattern:
    """One pattern for "the text ends with one of the phrases" (an alternation: any phrase will do)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in phrases) + r")\s*$")


def _doc_label(doc, offs, start: int, end: int) -> str:
    if doc is None or offs is None:
        return ""
    span = doc.char_span(start - offs, end - offs, alignment_mode="expand")
    return span[0].ent_type_ if span is not None and len(span) else ""


def _doc_offset(doc, text: str, start: int, end: int) -> Optional[int]:
    """How far ``doc`` starts into ``text``: 0 for the whole article, ``start`` for the span alone."""
    if doc is None:
        return None
    doc_str = doc_text(doc)
    if len(doc_str) == len(text) and doc_str == text:
        return 0
    if doc_str == text[start:end]:
        return start
    found = text.find(doc_str) if doc_str else -1
    return found if found >= 0 else None


# --- assembling ----------------------------------------------------------------------------------

def _approx_after(toks, i: int, lex: QuantityLexicon) -> bool:
    return bool(_phrase_at(toks, i, lex.approximators_after))


def _approx_before(toks, first: int, lex: QuantityLexicon) -> Optional[int]:
    """Token index where an approximator right before ``first`` starts ("some", "more than")."""
    best = None
    for phrase in lex.approximators_before:
        n = len(phrase.split())
        if first - n >= 0 and " ".join(t.low for t in toks[first - n:first]) == phrase and _gap(toks, first) <= 1:
            best = min(best, first - n) if best is not None else first - n
    return best


def _quantities(toks, nums: list[Num], unit: str, unit_end: Optional[int], text: str,
                lex: QuantityLexicon, span_start: int) -> list[Quantity]:
    approx_at = _approx_before(toks, nums[0].first, lex)
    if approx_at is not None and toks[approx_at].start < span_start:
        nums[0].approximate, approx_at = True, None
    approximate = approx_at is not None or nums[0].approximate
    out = []
    for n, num in enumerate(nums):
        last = n == len(nums) - 1
        start = toks[approx_at].start if (n == 0 and approx_at is not None) else toks[num.first].start
        end = max(unit_end or 0, toks[num.last - 1].end) if last else toks[num.last - 1].end
        out.append(Quantity(value=float(num.value), unit=unit, text=text[start:end], span=(start, end),
                            approximate=approximate or num.approximate))
    return out
