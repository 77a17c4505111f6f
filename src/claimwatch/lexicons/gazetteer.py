"""The gazetteer of states and organisations (``actors.yaml``): names, aliases, demonyms, capitals,
metonyms, looked up case-aware so "US" is a country and "us" is not."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Optional

from claimwatch.lexicons import load
from claimwatch.lexicons.checks import choice, document, entry_fields, fail, text_value, word_list

ORGANIZATION_KINDS = ("organization", "group")
PLACE_FIELDS = ("aliases", "demonyms", "capitals", "metonyms")


# --- gazetteer -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A state or organisation; a country's affiliation is itself, an organisation's is its state."""

    name: str
    kind: str  # country | organization | group
    aliases: tuple[str, ...]
    affiliation: Optional[str]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every written form that names this place, name first."""
        return (self.name, *self.aliases, *self.capitals, *self.metonyms, *self.demonyms)


@dataclass(frozen=True)
class PlaceMatch:
    """A lookup result with the kind of form that matched (name, alias, demonym, capital, metonym)."""

    place: Place
    form: str


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _normalise(text: str) -> str:
    """Collapse spaces, unify apostrophes, drop a leading "the" and a trailing possessive."""
    text = " ".join(text.translate(_APOSTROPHES).split())
    text = _POSSESSIVE.sub("", text).strip()
    return _LEADING_THE.sub("", text)


def _is_acronym(form: str) -> bool:
    """All-capital single tokens ("WHO", "U.S.", "RFE/RL") only match in capitals."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and " " not in form and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Gazetteer:
    """Resolves names, aliases, demonyms, capitals and metonyms to the state or organisation."""

    places: tuple[Place, ...]
    index: dict[str, PlaceMatch]  # forms keyed in lower case
    acronyms: dict[str, PlaceMatch]  # all-capital forms, keyed as written
    demonyms: dict[str, PlaceMatch]  # lower-case demonyms, for plural lookups ("Russians")
    lowercase_forms: frozenset[str] = frozenset()  # keys of forms written wholly in lower case ("dpa")

    def match(self, text: str) -> Optional[PlaceMatch]:
        """Like :meth:`lookup`, also saying which kind of form matched."""
        key = _normalise(text)
        if not key:
            return None
        found = self.acronyms.get(key)
        low = key.lower()
        if found is None and (key != low or low in self.lowercase_forms):
            found = self.index.get(low)
            if found is None and low.endswith("s") and key != low:
                found = self.demonyms.get(low[:-1])
        return found

    def lookup(self, text: str) -> Optional[Place]:
        """The place a mention names, or None.

        Case is ignored ("KREMLIN", "the Kremlin"), as are a leading "the" and a trailing "'s",
        with two guards against common words: acronyms ("WHO", "US") match only in capitals, and
        text written wholly in lower case ("economist", "dawn", "security service") matches only
        forms the gazetteer itself writes in lower case, since names in news copy are capitalised.
        """
        found = self.match(text)
        return found.place if found else None

    def get(self, name: str) -> Optional[Place]:
        """The place with exactly this canonical name."""
        return next((p for p in self.places if p.name == name), None)


def _form_list(entry: Mapping, key: str, source: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    return word_list(value if value is not None else [], source, f"{where}.{key}", lower=False, fold=False)


@dataclass
class _Tables:
    """The gazetteer's look-up tables while they are being filled."""

    index: dict[str, PlaceMatch] = field(default_factory=dict)
    acronyms: dict[str, PlaceMatch] = field(default_factory=dict)
    demonyms: dict[str, PlaceMatch] = field(default_factory=dict)
    lowercase_forms: set[str] = field(default_factory=set)

    def add(self, place: Place, form: str, kind: str, source: str, where: str) -> None:
        """Index one written form; the same form naming two places is an error."""
        key = _normalise(form)
        if not key:
            raise fail(source, where, f"{kind} {form!r} is empty once 'the' and \"'s\" are removed")
        table, key = (self.acronyms, key) if _is_acronym(key) else (self.index, key.lower())
        other = table.get(key)
        if other is not None and other.place.name != place.name:
            raise fail(source, where, f"duplicate key: {kind} {form!r} already names {other.place.name!r}")
        if other is None:
            table[key] = PlaceMatch(place, kind)
        if _normalise(form) == key and table is self.index:
            self.lowercase_forms.add(key)
        if kind == "demonym":
            self.demonyms.setdefault(key.lower(), PlaceMatch(place, kind))


def parse_gazetteer(data: Any, source: str = "actors.yaml") -> Gazetteer:
    """Validate parsed ``actors.yaml`` data; a written form may name only one place."""
    doc = document(data, source, ("countries", "organizations"))
    places: list[Place] = []
    tables = _Tables()
    for section in ("countries", "organizations"):
        if not isinstance(doc[section], list) or not doc[section]:
            raise fail(source, section, "expected a non-empty list")
    country_names = set()
    for i, raw in enumerate(doc["countries"]):
        where = f"countries[{i}]"
        entry = entry_fields(raw, source, where, ("name",), PLACE_FIELDS)
        name = text_value(entry["name"], source, where, "name")
        where = f"{where} ({name!r})"
        forms = {key: _form_list(entry, key, source, where) for key in PLACE_FIELDS}
        place = Place(name=name, kind="country", affiliation=name, **forms)
        country_names.add(name)
        places.append(place)
        tables.add(place, name, "name", source, where)
        for key, kind in (("aliases", "alias"), ("capitals", "capital"), ("metonyms", "metonym"), ("demonyms", "demonym")):
            for form in forms[key]:
                tables.add(place, form, kind, source, where)
    for i, raw in enumerate(doc["organizations"]):
        where = f"organizations[{i}]"
        entry = entry_fields(raw, source, where, ("name",), ("aliases", "affiliation", "kind"))
        name = text_value(entry["name"], source, where, "name")
        where = f"{where} ({name!r})"
        affiliation = entry.get("affiliation")
        if affiliation is not None and affiliation not in country_names:
            raise fail(source, where, f"affiliation {affiliation!r} is not a country in this file")
        kind = choice(entry.get("kind", "organization"), ORGANIZATION_KINDS, source, where, "kind")
        place = Place(name=name, kind=kind, affiliation=affiliation,
                      aliases=_form_list(entry, "aliases", source, where))
        places.append(place)
        tables.add(place, name, "name", source, where)
        for form in place.aliases:
            tables.add(place, form, "alias", source, where)
    return Gazetteer(places=tuple(places), index=tables.index, acronyms=tables.acronyms,
                     demonyms=tables.demonyms, lowercase_forms=frozenset(tables.lowercase_forms))


@lru_cache(maxsize=None)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer of states and organisations, validated once per process."""
    return load("actors")


