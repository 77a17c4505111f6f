"""The word lists behind quantity extraction (``lexicons/quantities.yaml``), validated on load."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load

LEXICON = "quantities.yaml"
_VALUE_MAPS = ("numbers", "scales", "scale_abbreviations", "currency_scale_abbreviations", "vague", "fractions")
_CODE_MAPS = ("currency_symbols", "currency_words")
_WORD_LISTS = (
    "vague_modifiers", "scaled_only_currency_words", "percent_words", "percentage_point_words",
    "approximators_before", "approximators_after", "identifier_before", "capitalised_ok_before",
    "age_before", "age_after", "time_after", "months", "weekdays", "year_before", "one_not_before",
    "one_not_after", "unit_stop_words", "attached_units", "time_reference_after", "street_words", "plural_nouns",
)

@dataclass(frozen=True)
class QuantityLexicon:
    """The validated contents of ``quantities.yaml``: value maps, currency maps and word sets."""

    maps: dict[str, dict[str, Decimal]]
    codes: dict[str, dict[str, str]]
    words: dict[str, frozenset[str]]
    include_vague: bool = True

    def __getattr__(self, name: str) -> Any:
        for group in ("maps", "codes", "words"):
            table = object.__getattribute__(self, group)
            if name in table:
                value = table[name]
                object.__setattr__(self, name, value)  # later reads find it without this search
                return value
        raise AttributeError(name)


@lru_cache(maxsize=1)
def quantity_lexicon() -> QuantityLexicon:
    """Load and check ``quantities.yaml`` once; a malformed entry raises LexiconError."""
    return load("quantities")


def parse_lexicon(data: Any, source: str = LEXICON) -> QuantityLexicon:
    """Check every required key and entry type, naming the file and entry on the first problem."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError(f"{source}: expected a mapping with 'version: 1'")
    maps: dict[str, dict[str, Decimal]] = {}
    for key in _VALUE_MAPS:
        maps[key] = {}
        for word, value in _table(data, key, source).items():
            if not isinstance(word, str) or isinstance(value, bool) or not isinstance(value, (int, float)):
                raise LexiconError(f"{source}: {key}.{word} is {value!r}; map a word to a number")
            maps[key][word.lower()] = Decimal(str(value))
    codes = {}
    for key in _CODE_MAPS:
        table = _table(data, key, source)
        bad = [k for k, v in table.items() if not (isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v))]
        if bad:
            raise LexiconError(f"{source}: {key}.{bad[0]} must be a three-letter currency code")
        codes[key] = {str(k).lower(): v for k, v in table.items()}
    words = {}
    for key in _WORD_LISTS:
        value = data.get(key)
        if not isinstance(value, list):
            raise LexiconError(f"{source}: {key} must be a list of words")
        for n, word in enumerate(value):
            if not isinstance(word, str) or not word.strip():
                raise LexiconError(f"{source}: {key}[{n}] is {word!r}, not a word (quote yes/no/on/off)")
        words[key] = frozenset(" ".join(w.lower().split()) for w in value)
    if not isinstance(data.get("include_vague"), bool):
        raise LexiconError(f"{source}: include_vague must be true or false")
    return QuantityLexicon(maps=maps, codes=codes, words=words, include_vague=data["include_vague"])


def _table(data: dict, key: str, source: str) -> dict:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"{source}: {key} must be a non-empty mapping")
    return table
