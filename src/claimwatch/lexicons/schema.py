"""Typed, validated views of the lexicon files (cues, hedges, actors, titles).

Each file has a pure ``parse_*`` function over the parsed YAML, so a malformed entry can be tested
without touching the packaged files, and a cached ``load_*`` function that the extractor calls.
Every problem raises :class:`~claimwatch.errors.LexiconError` naming the file, the entry and what is
wrong, so a bad edit fails on load rather than silently changing what the extractor finds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml
from claimwatch.model import ACTS, CERTAINTIES, STANCES

POS = ("verb", "noun", "phrase")
FRAMES = ("clause", "object", "object_of", "prep", "noun_that", "adverbial")
DEFAULT_FRAME = {"verb": "clause", "noun": "noun_that", "phrase": "adverbial"}
CONDITIONAL_KINDS = ("subordinator", "inverted")
ORGANIZATION_KINDS = ("organization", "group")
PRONOUN_KINDS = ("person", "organization", "plural", "first_person")
PLACE_FIELDS = ("aliases", "demonyms", "capitals", "metonyms")

__all__ = [
    "Cue", "CueLexicon", "Hedges", "Place", "PlaceMatch", "Gazetteer", "Titles",
    "parse_cues", "parse_hedges", "parse_gazetteer", "parse_titles",
    "load_cues", "load_hedges", "load_gazetteer", "load_titles",
]


# --- shared checks ---------------------------------------------------------------------------

def _fail(source: str, where: str, problem: str) -> LexiconError:
    return LexiconError(f"{source}: {where}: {problem}")


def _document(data: Any, source: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    """Check the top level: a mapping with ``version: 1`` and the required sections."""
    if not isinstance(data, Mapping):
        raise _fail(source, "top level", "expected a mapping with 'version' and the sections")
    if data.get("version") != 1:
        raise _fail(source, "version", f"unsupported version {data.get('version')!r}; expected 1")
    for key in keys:
        if key not in data:
            raise _fail(source, "top level", f"missing section '{key}'")
    return data


def _text(value: Any, source: str, where: str, name: str, lower: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, f"'{name}' must be a non-empty string, got {value!r}")
    if value != value.strip() or "  " in value:
        raise _fail(source, where, f"'{name}' {value!r} has stray spaces")
    if lower and value != value.lower():
        raise _fail(source, where, f"'{name}' {value!r} must be lower case")
    return value


def _choice(value: Any, choices: tuple[str, ...], source: str, where: str, name: str) -> str:
    if value not in choices:
        raise _fail(source, where, f"unknown {name} {value!r}; expected one of {', '.join(choices)}")
    return value


def _entry(value: Any, source: str, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Mapping:
    if not isinstance(value, Mapping):
        raise _fail(source, where, f"expected a mapping, got {value!r}")
    for key in required:
        if key not in value:
            raise _fail(source, where, f"missing field '{key}'")
    unknown = set(value) - set(required) - set(optional)
    if unknown:
        raise _fail(source, where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    return value


def _word_list(value: Any, source: str, where: str, lower: bool = True, fold: bool = True) -> tuple[str, ...]:
    """A list of distinct non-empty strings (duplicates are an editing mistake, so they fail).

    ``fold`` compares ignoring case; gazetteer forms keep case because "RAND" and "Rand" differ.
    """
    if not isinstance(value, list):
        raise _fail(source, where, f"expected a list, got {value!r}")
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        text = _text(item, source, f"{where}[{i}]", "item", lower=lower)
        key = text.lower() if fold else text
        if key in seen:
            raise _fail(source, f"{where}[{i}]", f"duplicate {text!r} (first at [{seen[key]}])")
        seen[key] = i
    return tuple(value)


# --- cues ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cue:
    """One reading of a reporting cue: what act it performs and the stance it gives by default."""

    lemma: str
    pos: str
    act: str
    stance: str
    certainty: str = "certain"
    particle: Optional[str] = None
    frame: str = "clause"


@dataclass(frozen=True)
class CueLexicon:
    """Cues by part of speech; verbs and nouns may have several readings told apart by particle."""

    verbs: dict[str, tuple[Cue, ...]]
    nouns: dict[str, tuple[Cue, ...]]
    phrases: dict[str, Cue]

    def verb(self, lemma: str, particle: Optional[str] = None) -> Optional[Cue]:
        """The reading of a verb lemma; a particle-specific entry wins, else the particle-less one."""
        return _reading(self.verbs.get(lemma.lower(), ()), particle)

    def verb_among(self, lemma: str, particles: Iterable[str]) -> Optional[Cue]:
        """The reading of a verb given all the words that may be its particle.

        spaCy attaches particles as ``prt``, ``prep`` or ``advmod`` ("walking back", "pushed back
        on"), so the extractor passes every candidate; the first particle reading found wins.
        """
        readings = self.verbs.get(lemma.lower(), ())
        for particle in particles:
            cue = _reading(readings, particle)
            if cue is not None and cue.particle is not None:
                return cue
        return _reading(readings, None)

    def noun(self, lemma: str, particle: Optional[str] = None) -> Optional[Cue]:
        """The reading of a noun lemma, chosen like :meth:`verb`."""
        return _reading(self.nouns.get(lemma.lower(), ()), particle)

    def phrase(self, text: str) -> Optional[Cue]:
        """The cue for a phrase written as lower-case tokens separated by single spaces."""
        return self.phrases.get(" ".join(text.lower().split()))

    def __iter__(self) -> Iterator[Cue]:
        for readings in (*self.verbs.values(), *self.nouns.values()):
            yield from readings
        yield from self.phrases.values()

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _reading(readings: tuple[Cue, ...], particle: Optional[str]) -> Optional[Cue]:
    if particle:
        wanted = particle.lower()
        for cue in readings:
            if cue.particle == wanted:
                return cue
    return next((cue for cue in readings if cue.particle is None), None)


def _cue(raw: Any, source: str, where: str) -> Cue:
    entry = _entry(raw, source, where, ("lemma", "pos", "act", "stance"), ("certainty", "particle", "frame"))
    lemma = _text(entry["lemma"], source, where, "lemma", lower=True)
    where = f"{where} ({lemma!r})"
    pos = _choice(entry["pos"], POS, source, where, "pos")
    if pos != "phrase" and " " in lemma:
        raise _fail(source, where, f"a {pos} lemma is one word; write multi-word cues as pos: phrase")
    particle = entry.get("particle")
    if particle is not None:
        particle = _text(particle, source, where, "particle", lower=True)
        if pos == "phrase" or " " in particle:
            raise _fail(source, where, "a particle is one word and belongs to a verb or noun")
    frame = _choice(entry.get("frame", DEFAULT_FRAME[pos]), FRAMES, source, where, "frame")
    if frame == "prep" and pos != "phrase" and particle is None:
        raise _fail(source, where, "frame 'prep' needs the particle whose object is the content")
    return Cue(
        lemma=lemma, pos=pos,
        act=_choice(entry["act"], ACTS, source, where, "act"),
        stance=_choice(entry["stance"], STANCES, source, where, "stance"),
        certainty=_choice(entry.get("certainty", "certain"), CERTAINTIES, source, where, "certainty"),
        particle=particle, frame=frame,
    )


def parse_cues(data: Any, source: str = "cues.yaml") -> CueLexicon:
    """Validate parsed ``cues.yaml`` data and index it; no two entries share (lemma, pos, particle)."""
    entries = _document(data, source, ("entries",))["entries"]
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "entries", "expected a non-empty list of cue entries")
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, list[Cue]] = {}
    phrases: dict[str, Cue] = {}
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(entries):
        cue = _cue(raw, source, f"entry {i}")
        key = (cue.lemma, cue.pos, cue.particle)
        if key in seen:
            raise _fail(source, f"entry {i} ({cue.lemma!r})",
                        f"duplicate of entry {seen[key]} (same lemma, pos and particle)")
        seen[key] = i
        if cue.pos == "phrase":
            phrases[cue.lemma] = cue
        else:
            (verbs if cue.pos == "verb" else nouns).setdefault(cue.lemma, []).append(cue)
    return CueLexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        phrases=phrases,
    )


@lru_cache(maxsize=None)
def load_cues() -> CueLexicon:
    """The packaged reporting cues, validated once per process."""
    return parse_cues(load_yaml("cues.yaml"), "cues.yaml")


# --- hedges ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hedges:
    """Certainty, distancing, conditional and negation vocabularies for statement content."""

    probable: tuple[str, ...]
    possible: tuple[str, ...]
    uncertain: tuple[str, ...]
    distancing: tuple[str, ...]
    conditional_subordinators: tuple[str, ...]
    conditional_inverted: tuple[str, ...]
    negators: tuple[str, ...]
    stance_phrases: tuple[tuple[str, str, Optional[str]], ...]
    negated_cue_stance: dict[str, str]

    def certainty_of(self, phrase: str) -> Optional[str]:
        """The certainty level a hedge word or phrase signals, or None when it is not a hedge."""
        key = " ".join(phrase.lower().split())
        for level in ("uncertain", "possible", "probable"):
            if key in getattr(self, level):
                return level
        return None

    def negated_stance(self, lemma: str, act: Optional[str] = None) -> Optional[str]:
        """What a negated cue becomes; the lemma's own entry wins over its act's."""
        found = self.negated_cue_stance.get(lemma.lower())
        if found is None and act is not None:
            found = self.negated_cue_stance.get(act)
        return found


def parse_hedges(data: Any, source: str = "hedges.yaml") -> Hedges:
    """Validate parsed ``hedges.yaml`` data; a phrase may sit at only one certainty level."""
    doc = _document(data, source, ("certainty", "distancing", "conditional", "negators",
                                   "stance_phrases", "negated_cue_stance"))
    certainty = doc["certainty"]
    if not isinstance(certainty, Mapping):
        raise _fail(source, "certainty", "expected a mapping of probable/possible/uncertain lists")
    levels: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for level in ("probable", "possible", "uncertain"):
        if level not in certainty:
            raise _fail(source, "certainty", f"missing level '{level}'")
        levels[level] = _word_list(certainty[level], source, f"certainty.{level}")
        for phrase in levels[level]:
            if phrase in owner:
                raise _fail(source, f"certainty.{level}", f"{phrase!r} is already under {owner[phrase]}")
            owner[phrase] = level
    extra = set(certainty) - set(levels)
    if extra:
        raise _fail(source, "certainty", f"unknown level(s) {', '.join(sorted(map(str, extra)))}")

    conditional: dict[str, list[str]] = {kind: [] for kind in CONDITIONAL_KINDS}
    if not isinstance(doc["conditional"], list):
        raise _fail(source, "conditional", "expected a list of {marker, kind}")
    markers: set[str] = set()
    for i, raw in enumerate(doc["conditional"]):
        where = f"conditional[{i}]"
        entry = _entry(raw, source, where, ("marker", "kind"), ())
        marker = _text(entry["marker"], source, where, "marker", lower=True)
        kind = _choice(entry["kind"], CONDITIONAL_KINDS, source, f"{where} ({marker!r})", "kind")
        if marker in markers:
            raise _fail(source, f"{where} ({marker!r})", "duplicate marker")
        markers.add(marker)
        conditional[kind].append(marker)

    if not isinstance(doc["stance_phrases"], list):
        raise _fail(source, "stance_phrases", "expected a list of {phrase, stance, certainty?}")
    phrases: list[tuple[str, str, Optional[str]]] = []
    for i, raw in enumerate(doc["stance_phrases"]):
        where = f"stance_phrases[{i}]"
        entry = _entry(raw, source, where, ("phrase", "stance"), ("certainty",))
        phrase = _text(entry["phrase"], source, where, "phrase", lower=True)
        where = f"{where} ({phrase!r})"
        if any(p == phrase for p, _, _ in phrases):
            raise _fail(source, where, "duplicate phrase")
        level = entry.get("certainty")
        if level is not None:
            _choice(level, CERTAINTIES, source, where, "certainty")
        phrases.append((phrase, _choice(entry["stance"], STANCES, source, where, "stance"), level))

    negated = doc["negated_cue_stance"]
    if not isinstance(negated, Mapping) or not negated:
        raise _fail(source, "negated_cue_stance", "expected a mapping of cue lemma or act to stance")
    for key, stance in negated.items():
        where = f"negated_cue_stance.{key}"
        _text(key, source, where, "key", lower=True)
        _choice(stance, STANCES, source, where, "stance")

    return Hedges(
        probable=levels["probable"], possible=levels["possible"], uncertain=levels["uncertain"],
        distancing=_word_list(doc["distancing"], source, "distancing"),
        conditional_subordinators=tuple(conditional["subordinator"]),
        conditional_inverted=tuple(conditional["inverted"]),
        negators=_word_list(doc["negators"], source, "negators"),
        stance_phrases=tuple(phrases),
        negated_cue_stance=dict(negated),
    )


@lru_cache(maxsize=None)
def load_hedges() -> Hedges:
    """The packaged hedge vocabularies, validated once per process."""
    return parse_hedges(load_yaml("hedges.yaml"), "hedges.yaml")


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
    return _word_list(value if value is not None else [], source, f"{where}.{key}", lower=False, fold=False)


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
            raise _fail(source, where, f"{kind} {form!r} is empty once 'the' and \"'s\" are removed")
        table, key = (self.acronyms, key) if _is_acronym(key) else (self.index, key.lower())
        other = table.get(key)
        if other is not None and other.place.name != place.name:
            raise _fail(source, where, f"duplicate key: {kind} {form!r} already names {other.place.name!r}")
        if other is None:
            table[key] = PlaceMatch(place, kind)
        if _normalise(form) == key and table is self.index:
            self.lowercase_forms.add(key)
        if kind == "demonym":
            self.demonyms.setdefault(key.lower(), PlaceMatch(place, kind))


def parse_gazetteer(data: Any, source: str = "actors.yaml") -> Gazetteer:
    """Validate parsed ``actors.yaml`` data; a written form may name only one place."""
    doc = _document(data, source, ("countries", "organizations"))
    places: list[Place] = []
    tables = _Tables()
    for section in ("countries", "organizations"):
        if not isinstance(doc[section], list) or not doc[section]:
            raise _fail(source, section, "expected a non-empty list")
    country_names = set()
    for i, raw in enumerate(doc["countries"]):
        where = f"countries[{i}]"
        entry = _entry(raw, source, where, ("name",), PLACE_FIELDS)
        name = _text(entry["name"], source, where, "name")
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
        entry = _entry(raw, source, where, ("name",), ("aliases", "affiliation", "kind"))
        name = _text(entry["name"], source, where, "name")
        where = f"{where} ({name!r})"
        affiliation = entry.get("affiliation")
        if affiliation is not None and affiliation not in country_names:
            raise _fail(source, where, f"affiliation {affiliation!r} is not a country in this file")
        kind = _choice(entry.get("kind", "organization"), ORGANIZATION_KINDS, source, where, "kind")
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
    return parse_gazetteer(load_yaml("actors.yaml"), "actors.yaml")


# --- titles ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Titles:
    """Role titles, heads of unnamed sources and of organisation descriptions, pronouns by kind."""

    roles: tuple[str, ...]
    anonymous_heads: frozenset[str]
    organisation_heads: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    _pattern: re.Pattern = field(default=re.compile(r"(?!)"), repr=False, compare=False)
    _canonical: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def role_in(self, words: str) -> Optional[str]:
        """The longest role title in a pre-modifier ("US Defense Secretary" -> "Defense Secretary")."""
        text = " ".join(words.split())
        best: Optional[str] = None
        for start in (m.start() for m in _WORD_START.finditer(text)):
            found = self._pattern.match(text, start)
            if found and (best is None or len(found.group(0)) > len(best)):
                best = found.group(0)
        return None if best is None else self._canonical[" ".join(best.lower().split())]

    def pronoun_kind(self, word: str) -> Optional[str]:
        """Which kind of antecedent a pronoun takes (person, organization, plural, first_person)."""
        low = word.lower()
        return next((kind for kind, words in self.pronouns.items() if low in words), None)


_WORD_START = re.compile(r"(?<!\w)\w")


def _role_pattern(roles: tuple[str, ...]) -> re.Pattern:
    alternatives = sorted(roles, key=len, reverse=True)
    body = "|".join(re.escape(role).replace(r"\ ", r"\s+") for role in alternatives)
    return re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE)


def parse_titles(data: Any, source: str = "titles.yaml") -> Titles:
    """Validate parsed ``titles.yaml`` data; roles must be distinct ignoring case."""
    doc = _document(data, source, ("roles", "anonymous_heads", "organisation_heads", "pronouns"))
    roles = _word_list(doc["roles"], source, "roles", lower=False)
    pronouns = doc["pronouns"]
    if not isinstance(pronouns, Mapping):
        raise _fail(source, "pronouns", "expected a mapping of kind to a list of pronouns")
    for kind in ("person", "organization", "plural"):
        if kind not in pronouns:
            raise _fail(source, "pronouns", f"missing kind '{kind}'")
    parsed: dict[str, frozenset[str]] = {}
    for kind, words in pronouns.items():
        _choice(kind, PRONOUN_KINDS, source, f"pronouns.{kind}", "pronoun kind")
        parsed[kind] = frozenset(_word_list(words, source, f"pronouns.{kind}"))
    return Titles(
        roles=roles,
        anonymous_heads=frozenset(_word_list(doc["anonymous_heads"], source, "anonymous_heads")),
        organisation_heads=frozenset(_word_list(doc["organisation_heads"], source, "organisation_heads")),
        pronouns=parsed,
        _pattern=_role_pattern(roles),
        _canonical={role.lower(): role for role in roles},
    )


@lru_cache(maxsize=None)
def load_titles() -> Titles:
    """The packaged role titles and source heads, validated once per process."""
    return parse_titles(load_yaml("titles.yaml"), "titles.yaml")
