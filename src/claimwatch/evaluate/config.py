"""The evaluation rules of ``eval_stance.yaml``, validated on load so a typo names its entry."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

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
            fallback=_label(_get(fnc, "fallback", "fnc1"), "fnc1.fallback")),
        emergent=EmergentConfig(
            against_words=_words(_get(emergent, "against_words", "emergent"), "emergent.against_words"),
            negation_words=_words(_get(emergent, "negation_words", "emergent"), "emergent.negation_words"),
            asserting_acts=_words(_get(emergent, "asserting_acts", "emergent"), "emergent.asserting_acts"),
            observing_words=_words(_get(emergent, "observing_words", "emergent"), "emergent.observing_words")),
    )


@lru_cache(maxsize=1)
def load_config() -> EvalConfig:
    return load("eval_stance")
