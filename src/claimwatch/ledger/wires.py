"""Which news agency an article relays ("citing Reuters", "according to Yonhap", "(AP) -").

Patterns and agencies are data (``lexicons/wires.yaml``), validated on load. The earliest credit in
the text wins: a dateline or first attribution names the agency the copy came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load

WIRES_FILE = "wires.yaml"


@dataclass(frozen=True)
class WireRules:
    """Compiled patterns and the alias -> agency table they report through."""

    patterns: tuple[re.Pattern, ...]
    agency_of: dict[str, str]


def _validate(data: Any) -> tuple[dict[str, str], list[str]]:
    if not isinstance(data, dict) or not isinstance(data.get("agencies"), list) or not isinstance(data.get("patterns"), list):
        raise LexiconError(f"{WIRES_FILE}: expected mappings 'agencies' (a list) and 'patterns' (a list)")
    agency_of: dict[str, str] = {}
    for number, entry in enumerate(data["agencies"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise LexiconError(f"{WIRES_FILE}: agency {number} needs a 'name' string")
        aliases = entry.get("aliases", [entry["name"]])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise LexiconError(f"{WIRES_FILE}: agency '{entry['name']}' needs 'aliases' as a list of names")
        for alias in aliases:
            if agency_of.get(alias, entry["name"]) != entry["name"]:
                raise LexiconError(f"{WIRES_FILE}: alias '{alias}' names both {agency_of[alias]} and {entry['name']}")
            agency_of[alias] = entry["name"]
    patterns = data["patterns"]
    for pattern in patterns:
        if not isinstance(pattern, str) or "{agency}" not in pattern:
            raise LexiconError(f"{WIRES_FILE}: pattern {pattern!r} must be a string containing {{agency}}")
    return agency_of, patterns


def compile_rules(data: Any) -> WireRules:
    """Validate the YAML data and compile each pattern with the alias alternation in place of {agency}."""
    agency_of, patterns = _validate(data)
    names = "|".join(re.escape(a) for a in sorted(agency_of, key=len, reverse=True))
    agency = rf"(?-i:\b(?P<agency>{names})\b)"
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern.replace("{agency}", agency), re.IGNORECASE))
        except re.error as exc:
            raise LexiconError(f"{WIRES_FILE}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc
    return WireRules(patterns=tuple(compiled), agency_of=agency_of)


@lru_cache(maxsize=1)
def wire_rules() -> WireRules:
    return load("wires")


def detect_wire_source(text: str, rules: Optional[WireRules] = None) -> Optional[str]:
    """The canonical name of the agency the text credits first, or None when it credits none."""
    rules = rules or wire_rules()
    best: Optional[tuple[int, str]] = None
    for pattern in rules.patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), rules.agency_of[match.group("agency")])
    return best[1] if best else None
