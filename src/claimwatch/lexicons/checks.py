"""Checks shared by the lexicon parsers: each failure names the file, the entry and the problem."""
from __future__ import annotations

from typing import Any, Mapping

from claimwatch.errors import LexiconError


# --- shared checks ---------------------------------------------------------------------------

def fail(source: str, where: str, problem: str) -> LexiconError:
    return LexiconError(f"{source}: {where}: {problem}")


def document(data: Any, source: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    """Check the top level: a mapping with ``version: 1`` and the required sections."""
    if not isinstance(data, Mapping):
        raise fail(source, "top level", "expected a mapping with 'version' and the sections")
    if data.get("version") != 1:
        raise fail(source, "version", f"unsupported version {data.get('version')!r}; expected 1")
    for key in keys:
        if key not in data:
            raise fail(source, "top level", f"missing section '{key}'")
    return data


def text_value(value: Any, source: str, where: str, name: str, lower: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(source, where, f"'{name}' must be a non-empty string, got {value!r}")
    if value != value.strip() or "  " in value:
        raise fail(source, where, f"'{name}' {value!r} has stray spaces")
    if lower and value != value.lower():
        raise fail(source, where, f"'{name}' {value!r} must be lower case")
    return value


def choice(value: Any, choices: tuple[str, ...], source: str, where: str, name: str) -> str:
    if value not in choices:
        raise fail(source, where, f"unknown {name} {value!r}; expected one of {', '.join(choices)}")
    return value


def entry_fields(value: Any, source: str, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Mapping:
    if not isinstance(value, Mapping):
        raise fail(source, where, f"expected a mapping, got {value!r}")
    for key in required:
        if key not in value:
            raise fail(source, where, f"missing field '{key}'")
    unknown = set(value) - set(required) - set(optional)
    if unknown:
        raise fail(source, where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    return value


def word_list(value: Any, source: str, where: str, lower: bool = True, fold: bool = True) -> tuple[str, ...]:
    """A list of distinct non-empty strings (duplicates are an editing mistake, so they fail).

    ``fold`` compares ignoring case; gazetteer forms keep case because "RAND" and "Rand" differ.
    """
    if not isinstance(value, list):
        raise fail(source, where, f"expected a list, got {value!r}")
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        text = text_value(item, source, f"{where}[{i}]", "item", lower=lower)
        key = text.lower() if fold else text
        if key in seen:
            raise fail(source, f"{where}[{i}]", f"duplicate {text!r} (first at [{seen[key]}])")
        seen[key] = i
    return tuple(value)


