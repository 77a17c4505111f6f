"""The evaluation rules of ``eval_stance.yaml``, validated on load so a typo names its entry."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.model import STANCES

SOURCE = "eval_stance.yaml"
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = ("agree", "disagree", "discuss")


@dataclass(frozen=True)
class Threshold:
    """A score threshold with embeddings and the one used when the embedding model is missing."""

    embedding: float
    lexical: float

    def pick(self, with_embeddings: bool) -> float:
        return self.embedding if with_embeddings else self.lexical


@dataclass(frozen=True)
class Fnc1Config:
    dev_modulus: int
    related_lexical_weight: float
    related_threshold: Threshold
    max_sentences: int
    match_lexical_weight: float
    match_threshold: Threshold
    margin: float
    stance_votes: Mapping[str, str]
    hedged_vote: str
    mixed_vote: str
    fallback: str
    agree_acts: tuple[str, ...] = ()  # acts whose matched assertion votes agree (empty: any act)
    headline: Optional[HeadlineWords] = None  # the headline's own stance; None: always "for"
    narration: Optional[NarrationRule] = None  # the body's own voice; None: not read
    verdict: Optional[VerdictWords] = None  # the body's own verdict on the rumour; None: not read


@dataclass(frozen=True)
class HeadlineWords:
    """How a headline stands toward its rumour: against (debunks or negates it), observing (attributes
    or reports it), else for."""

    against_words: tuple[str, ...]
    negation_words: tuple[str, ...]
    observing_words: tuple[str, ...]
    attribution_colon: bool  # "Senator: ten fighters caught" attributes the claim to its speaker


@dataclass(frozen=True)
class NarrationRule:
    """The body's own, unattributed voice restating the headline: a lead sentence close to it."""

    lead_sentences: int
    threshold: float
    attributed_words: tuple[str, ...]  # a sentence with one of these reports someone else's word
    discussing_stances: tuple[str, ...] = ()  # a body with a statement of one of these (or distanced) discusses


@dataclass(frozen=True)
class VerdictWords:
    """The body's own verdict on a rumour ("the story is a hoax", "the photo was doctored", "fake
    tweets"), read in its sentences: the words of ``writer_verdicts.yaml`` (which extraction reads
    too, ``nlp/writer_verdicts.py``) and the FNC-1 mapping of ``eval_stance.yaml``."""

    predicates: tuple[str, ...]  # said OF the rumour after a copula: "is false", "proved to be a fake"
    copulas: tuple[str, ...]  # what links a subject to the predicate: "is", "turned out to be"
    fillers: tuple[str, ...]  # what may stand between copula and predicate: "a", "completely"
    followers: tuple[str, ...]  # words that may follow a predicate and close it: "and", "because"
    attributive: tuple[str, ...]  # before a rumour noun: "FAKE tweets", "UNFOUNDED rumours"
    rumour_nouns: tuple[str, ...]  # what carries a rumour: story, report, photo, tweet
    nouns: tuple[str, ...]  # a verdict on their own: "the hoax", "debunked"
    pointers: tuple[str, ...]  # words pointing back to the rumour: "it", "this"
    negators: tuple[str, ...]  # "not a hoax", "no hoax", "wasn't fake": the verdict is turned
    hedges: tuple[str, ...]  # "probably bogus", "might be fake", "if it is a hoax": no verdict
    attributed_words: tuple[str, ...]  # a sentence with one of these is someone else's word
    headline_stances: Mapping[str, str]  # headline stance -> label of a body that gives a verdict
    vouching_stances: Mapping[str, str]  # headline stance -> label of a body whose verdicts are turned
    min_verdicts: int = 1  # own verdicts the body must give


@dataclass(frozen=True)
class EmergentConfig:
    against_words: tuple[str, ...]
    negation_words: tuple[str, ...]
    asserting_acts: tuple[str, ...]
    observing_words: tuple[str, ...]


@dataclass(frozen=True)
class EvalConfig:
    fnc1: Fnc1Config
    emergent: EmergentConfig


def _get(data: Any, key: str, where: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise LexiconError(f"{SOURCE}: {where}: missing '{key}'")
    return data[key]


def _unit(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise LexiconError(f"{SOURCE}: {where}: expected a number between 0 and 1, got {value!r}")
    return float(value)


def _threshold(data: Any, where: str) -> Threshold:
    return Threshold(_unit(_get(data, "embedding", where), f"{where}.embedding"),
                     _unit(_get(data, "lexical", where), f"{where}.lexical"))


def _label(value: Any, where: str) -> str:
    if value not in RELATED_LABELS:
        raise LexiconError(f"{SOURCE}: {where}: expected one of {', '.join(RELATED_LABELS)}, got {value!r}")
    return value


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{SOURCE}: {where}: expected a list of words (quote yes/no/true/false)")
    return tuple(w.strip().casefold() for w in value)


def parse_config(data: Any) -> EvalConfig:
    """Validate the YAML data into an :class:`EvalConfig`."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise LexiconError(f"{SOURCE}: top level: expected a mapping with 'version: 1'")
    fnc = _get(data, "fnc1", "top level")
    rel = _get(fnc, "relatedness", "fnc1")
    match = _get(fnc, "claim_match", "fnc1")
    votes = _get(fnc, "stance_votes", "fnc1")
    if not isinstance(votes, Mapping) or set(votes) != set(STANCES):
        raise LexiconError(f"{SOURCE}: fnc1.stance_votes: expected exactly the stances {', '.join(STANCES)}")
    modulus = _get(fnc, "dev_modulus", "fnc1")
    sentences = _get(rel, "max_sentences", "fnc1.relatedness")
    for value, where in ((modulus, "fnc1.dev_modulus"), (sentences, "fnc1.relatedness.max_sentences")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise LexiconError(f"{SOURCE}: {where}: expected a positive integer, got {value!r}")
    emergent = _get(data, "emergent", "top level")
    optional = _fnc1_optional(fnc)
    return EvalConfig(
        fnc1=Fnc1Config(
            dev_modulus=modulus,
            related_lexical_weight=_unit(_get(rel, "lexical_weight", "fnc1.relatedness"), "fnc1.relatedness.lexical_weight"),
            related_threshold=_threshold(_get(rel, "threshold", "fnc1.relatedness"), "fnc1.relatedness.threshold"),
            max_sentences=sentences,
            match_lexical_weight=_unit(_get(match, "lexical_weight", "fnc1.claim_match"), "fnc1.claim_match.lexical_weight"),
            match_threshold=_threshold(_get(match, "threshold", "fnc1.claim_match"), "fnc1.claim_match.threshold"),
            margin=_unit(_get(match, "margin", "fnc1.claim_match"), "fnc1.claim_match.margin"),
            stance_votes={s: _label(votes[s], f"fnc1.stance_votes.{s}") for s in STANCES},
            hedged_vote=_label(_get(fnc, "hedged_vote", "fnc1"), "fnc1.hedged_vote"),
            mixed_vote=_label(_get(fnc, "mixed_vote", "fnc1"), "fnc1.mixed_vote"),
            fallback=_label(_get(fnc, "fallback", "fnc1"), "fnc1.fallback"), **optional),
        emergent=EmergentConfig(
            against_words=_words(_get(emergent, "against_words", "emergent"), "emergent.against_words"),
            negation_words=_words(_get(emergent, "negation_words", "emergent"), "emergent.negation_words"),
            asserting_acts=_words(_get(emergent, "asserting_acts", "emergent"), "emergent.asserting_acts"),
            observing_words=_words(_get(emergent, "observing_words", "emergent"), "emergent.observing_words")),
    )


def _fnc1_optional(fnc: Mapping) -> dict[str, Any]:
    """agree_acts, headline and narration: each optional, validated when present."""
    out: dict[str, Any] = {}
    if "agree_acts" in fnc:
        out["agree_acts"] = _words(fnc["agree_acts"], "fnc1.agree_acts")
    if "headline" in fnc:
        h, where = fnc["headline"], "fnc1.headline"
        colon = _get(h, "attribution_colon", where)
        if not isinstance(colon, bool):
            raise LexiconError(f"{SOURCE}: {where}.attribution_colon: expected true or false, got {colon!r}")
        out["headline"] = HeadlineWords(
            *(_words(_get(h, k, where), f"{where}.{k}") for k in ("against_words", "negation_words", "observing_words")),
            attribution_colon=colon)
    if "narration" in fnc:
        n, where = fnc["narration"], "fnc1.narration"
        lead = _get(n, "lead_sentences", where)
        if isinstance(lead, bool) or not isinstance(lead, int) or lead < 0:
            raise LexiconError(f"{SOURCE}: {where}.lead_sentences: expected a non-negative integer, got {lead!r}")
        stances = _words(_get(n, "discussing_stances", where), f"{where}.discussing_stances")
        if set(stances) - set(STANCES):
            raise LexiconError(f"{SOURCE}: {where}.discussing_stances: expected stances among {', '.join(STANCES)}")
        out["narration"] = NarrationRule(lead, _unit(_get(n, "threshold", where), f"{where}.threshold"),
                                         _words(_get(n, "attributed_words", where), f"{where}.attributed_words"),
                                         stances)
    if "verdict" in fnc:
        out["verdict"] = _verdict(fnc["verdict"], "fnc1.verdict")
    return out


def _verdict(v: Any, where: str) -> VerdictWords:
    shared = load("writer_verdicts")  # the verdict's words, which extraction reads too (nlp.writer_verdicts)
    keys = ("predicates", "copulas", "fillers", "followers", "attributive", "rumour_nouns", "nouns", "negators", "hedges", "attributed_words")
    lists = {k: getattr(shared, k) for k in keys}
    lists["pointers"] = _words(_get(v, "pointers", where), f"{where}.pointers")
    maps = {k: _stance_map(_get(v, k, where), f"{where}.{k}") for k in ("headline_stances", "vouching_stances")}
    least = _get(v, "min_verdicts", where)
    if isinstance(least, bool) or not isinstance(least, int) or least < 1:
        raise LexiconError(f"{SOURCE}: {where}.min_verdicts: expected a positive integer, got {least!r}")
    return VerdictWords(**lists, **maps, min_verdicts=least)


def _stance_map(value: Any, where: str) -> dict[str, str]:
    """A mapping of headline stances (for / against / observing) to FNC-1 related labels."""
    if not isinstance(value, Mapping) or not set(value) <= {"for", "against", "observing"}:
        raise LexiconError(f"{SOURCE}: {where}: expected a mapping of for/against/observing to labels")
    return {k: _label(label, f"{where}.{k}") for k, label in value.items()}


@lru_cache(maxsize=1)
def load_config() -> EvalConfig:
    return load("eval_stance")
