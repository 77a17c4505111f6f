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

from claimwatch.lexicons import load
from claimwatch.lexicons.checks import choice, document, entry_fields, fail, text_value, word_list
from claimwatch.lexicons.gazetteer import Gazetteer, Place, PlaceMatch, load_gazetteer, parse_gazetteer  # noqa: F401
from claimwatch.model import ACTS, CERTAINTIES, STANCES

POS = ("verb", "noun", "phrase")
FRAMES = ("clause", "object", "object_of", "prep", "noun_that", "adverbial")
DEFAULT_FRAME = {"verb": "clause", "noun": "noun_that", "phrase": "adverbial"}
CONDITIONAL_KINDS = ("subordinator", "inverted")
PRONOUN_KINDS = ("person", "organization", "plural", "first_person")

__all__ = [
    "Cue", "CueLexicon", "Hedges", "Place", "PlaceMatch", "Gazetteer", "Titles",
    "parse_cues", "parse_hedges", "parse_gazetteer", "parse_titles",
    "load_cues", "load_hedges", "load_gazetteer", "load_titles",
]


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
    lemma_repairs: Mapping[str, str] = field(default_factory=dict)

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
    entry = entry_fields(raw, source, where, ("lemma", "pos", "act", "stance"), ("certainty", "particle", "frame"))
    lemma = text_value(entry["lemma"], source, where, "lemma", lower=True)
    where = f"{where} ({lemma!r})"
    pos = choice(entry["pos"], POS, source, where, "pos")
    if pos != "phrase" and " " in lemma:
        raise fail(source, where, f"a {pos} lemma is one word; write multi-word cues as pos: phrase")
    particle = entry.get("particle")
    if particle is not None:
        particle = text_value(particle, source, where, "particle", lower=True)
        if pos == "phrase" or " " in particle:
            raise fail(source, where, "a particle is one word and belongs to a verb or noun")
    frame = choice(entry.get("frame", DEFAULT_FRAME[pos]), FRAMES, source, where, "frame")
    if frame == "prep" and pos != "phrase" and particle is None:
        raise fail(source, where, "frame 'prep' needs the particle whose object is the content")
    return Cue(
        lemma=lemma, pos=pos,
        act=choice(entry["act"], ACTS, source, where, "act"),
        stance=choice(entry["stance"], STANCES, source, where, "stance"),
        certainty=choice(entry.get("certainty", "certain"), CERTAINTIES, source, where, "certainty"),
        particle=particle, frame=frame,
    )


def parse_cues(data: Any, source: str = "cues.yaml") -> CueLexicon:
    """Validate parsed ``cues.yaml`` data and index it; no two entries share (lemma, pos, particle)."""
    entries = document(data, source, ("entries",))["entries"]
    if not isinstance(entries, list) or not entries:
        raise fail(source, "entries", "expected a non-empty list of cue entries")
    verbs: dict[str, list[Cue]] = {}
    nouns: dict[str, list[Cue]] = {}
    phrases: dict[str, Cue] = {}
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(entries):
        cue = _cue(raw, source, f"entry {i}")
        key = (cue.lemma, cue.pos, cue.particle)
        if key in seen:
            raise fail(source, f"entry {i} ({cue.lemma!r})",
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
        lemma_repairs=_lemma_repairs(data.get("lemma_repairs", {}), source, verbs),
    )


def _lemma_repairs(raw: Any, source: str, verbs: Mapping[str, Any]) -> dict[str, str]:
    """``lemma_repairs``: verb form -> the cue lemma the tagger should have given it; each target must
    be a verb cue, or the repair would change nothing the extractor reads."""
    if not isinstance(raw, Mapping):
        raise fail(source, "lemma_repairs", "expected a mapping of verb form -> cue lemma")
    out = {}
    for form, lemma in raw.items():
        form = text_value(form, source, "lemma_repairs", "form", lower=True)
        lemma = text_value(lemma, source, f"lemma_repairs.{form}", "lemma", lower=True)
        if lemma not in verbs:
            raise fail(source, f"lemma_repairs.{form}", f"{lemma!r} is not a verb cue")
        out[form] = lemma
    return out


@lru_cache(maxsize=None)
def load_cues() -> CueLexicon:
    """The packaged reporting cues, validated once per process."""
    return load("cues")


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
    doc = document(data, source, ("certainty", "distancing", "conditional", "negators",
                                   "stance_phrases", "negated_cue_stance"))
    levels = _certainty_levels(doc["certainty"], source)
    conditional = _conditional_markers(doc["conditional"], source)
    phrases = _stance_phrases(doc["stance_phrases"], source)
    negated = _negated_cue_stance(doc["negated_cue_stance"], source)
    return Hedges(
        probable=levels["probable"], possible=levels["possible"], uncertain=levels["uncertain"],
        distancing=word_list(doc["distancing"], source, "distancing"),
        conditional_subordinators=tuple(conditional["subordinator"]),
        conditional_inverted=tuple(conditional["inverted"]),
        negators=word_list(doc["negators"], source, "negators"),
        stance_phrases=tuple(phrases),
        negated_cue_stance=dict(negated),
    )


def _certainty_levels(certainty: Any, source: str) -> dict[str, tuple[str, ...]]:
    """``certainty``: probable / possible / uncertain phrase lists, each phrase at one level only."""
    if not isinstance(certainty, Mapping):
        raise fail(source, "certainty", "expected a mapping of probable/possible/uncertain lists")
    levels: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for level in ("probable", "possible", "uncertain"):
        if level not in certainty:
            raise fail(source, "certainty", f"missing level '{level}'")
        levels[level] = word_list(certainty[level], source, f"certainty.{level}")
        for phrase in levels[level]:
            if phrase in owner:
                raise fail(source, f"certainty.{level}", f"{phrase!r} is already under {owner[phrase]}")
            owner[phrase] = level
    extra = set(certainty) - set(levels)
    if extra:
        raise fail(source, "certainty", f"unknown level(s) {', '.join(sorted(map(str, extra)))}")
    return levels


def _conditional_markers(raw_list: Any, source: str) -> dict[str, list[str]]:
    """``conditional``: {marker, kind} entries, grouped by kind; a marker appears once."""
    conditional: dict[str, list[str]] = {kind: [] for kind in CONDITIONAL_KINDS}
    if not isinstance(raw_list, list):
        raise fail(source, "conditional", "expected a list of {marker, kind}")
    markers: set[str] = set()
    for i, raw in enumerate(raw_list):
        where = f"conditional[{i}]"
        entry = entry_fields(raw, source, where, ("marker", "kind"), ())
        marker = text_value(entry["marker"], source, where, "marker", lower=True)
        kind = choice(entry["kind"], CONDITIONAL_KINDS, source, f"{where} ({marker!r})", "kind")
        if marker in markers:
            raise fail(source, f"{where} ({marker!r})", "duplicate marker")
        markers.add(marker)
        conditional[kind].append(marker)
    return conditional


def _stance_phrases(raw_list: Any, source: str) -> list[tuple[str, str, Optional[str]]]:
    """``stance_phrases``: {phrase, stance, certainty?} entries; a phrase appears once."""
    if not isinstance(raw_list, list):
        raise fail(source, "stance_phrases", "expected a list of {phrase, stance, certainty?}")
    phrases: list[tuple[str, str, Optional[str]]] = []
    for i, raw in enumerate(raw_list):
        where = f"stance_phrases[{i}]"
        entry = entry_fields(raw, source, where, ("phrase", "stance"), ("certainty",))
        phrase = text_value(entry["phrase"], source, where, "phrase", lower=True)
        where = f"{where} ({phrase!r})"
        if any(p == phrase for p, _, _ in phrases):
            raise fail(source, where, "duplicate phrase")
        level = entry.get("certainty")
        if level is not None:
            choice(level, CERTAINTIES, source, where, "certainty")
        phrases.append((phrase, choice(entry["stance"], STANCES, source, where, "stance"), level))
    return phrases


def _negated_cue_stance(negated: Any, source: str) -> Mapping[str, str]:
    """``negated_cue_stance``: cue lemma or act -> the stance its negation takes."""
    if not isinstance(negated, Mapping) or not negated:
        raise fail(source, "negated_cue_stance", "expected a mapping of cue lemma or act to stance")
    for key, stance in negated.items():
        where = f"negated_cue_stance.{key}"
        text_value(key, source, where, "key", lower=True)
        choice(stance, STANCES, source, where, "stance")
    return negated


@lru_cache(maxsize=None)
def load_hedges() -> Hedges:
    """The packaged hedge vocabularies, validated once per process."""
    return load("hedges")


# --- titles ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Titles:
    """Role titles, heads of unnamed sources and of organisation descriptions, pronouns by kind."""

    roles: tuple[str, ...]
    anonymous_heads: frozenset[str]
    organisation_heads: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    generic_roles: frozenset[str] = frozenset()  # titles that stand for any title ("a Tour official")
    irregular_plurals: frozenset[tuple[str, str]] = frozenset()  # ("men", "man"): plural person nouns without -s
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
    doc = document(data, source, ("roles", "anonymous_heads", "organisation_heads", "pronouns"))
    roles = word_list(doc["roles"], source, "roles", lower=False)
    pronouns = doc["pronouns"]
    if not isinstance(pronouns, Mapping):
        raise fail(source, "pronouns", "expected a mapping of kind to a list of pronouns")
    for kind in ("person", "organization", "plural"):
        if kind not in pronouns:
            raise fail(source, "pronouns", f"missing kind '{kind}'")
    parsed: dict[str, frozenset[str]] = {}
    for kind, words in pronouns.items():
        choice(kind, PRONOUN_KINDS, source, f"pronouns.{kind}", "pronoun kind")
        parsed[kind] = frozenset(word_list(words, source, f"pronouns.{kind}"))
    return Titles(
        roles=roles,
        anonymous_heads=frozenset(word_list(doc["anonymous_heads"], source, "anonymous_heads")),
        organisation_heads=frozenset(word_list(doc["organisation_heads"], source, "organisation_heads")),
        pronouns=parsed,
        generic_roles=frozenset(word_list(doc.get("generic_roles", []), source, "generic_roles")),
        irregular_plurals=_irregular_plurals(doc.get("irregular_plurals") or [], source),
        _pattern=_role_pattern(roles),
        _canonical={role.lower(): role for role in roles},
    )


def _irregular_plurals(data: Any, source: str) -> frozenset[tuple[str, str]]:
    if not isinstance(data, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in data):
        raise fail(source, "irregular_plurals", "must list [plural, singular] pairs, e.g. [men, man]")
    return frozenset((p.lower(), s.lower()) for p, s in data)


@lru_cache(maxsize=None)
def load_titles() -> Titles:
    """The packaged role titles and source heads, validated once per process."""
    return load("titles")


CLAIM_WORD_SECTIONS = ("anaphor_nouns", "light_lemmas", "exchange_verbs", "verdict_verbs", "evidence_frame_nouns",
                       "evidence_clause_verbs", "support_verbs", "reaction_nouns", "control_verbs", "negative_evidence",
                       "generic_nouns", "state_body_nouns", "state_act_nouns", "question_nouns",
                       "non_founding_acts", "truth_words", "expletive_frame_verbs", "act_control_verbs",
                       "identity_raising_verbs", "identity_as_verbs", "event_role_nouns", "event_role_preps",
                       "inquiry_nouns", "reaction_verbs", "suspicion_nouns", "negating_control_verbs", "factive_knowing")


def parse_claim_words(data: Any, source: str = "claim_words.yaml") -> dict[str, frozenset[str]]:
    """``claim_words.yaml``: each section a list of distinct lower-case words, read as a set."""
    doc = document(data, source, CLAIM_WORD_SECTIONS)
    unknown = set(doc) - set(CLAIM_WORD_SECTIONS) - {"version"}
    if unknown:
        raise fail(source, "top level", f"unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    return {key: frozenset(word_list(doc[key], source, key)) for key in CLAIM_WORD_SECTIONS}
