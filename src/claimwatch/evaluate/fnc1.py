"""FNC-1 stance of an article body toward a headline, decided from claimwatch's analysis of the body.

Two steps, thresholds in ``eval_stance.yaml``:

1. *Related or not*: the share of the headline's content stems found in the body, blended with the
   best sentence-embedding cosine of the headline against the body's sentences (lexical only when the
   embedding model is missing).
2. *Which stance* (related pairs only), read against the headline's own stance toward its rumour
   (``headline``: *against* when it debunks or negates it, *observing* when it attributes or reports
   it - "Senator: ...", "X says", "reportedly", "?" - else *for*):

   - the statements whose content or claims match the headline vote: a confirmation (``agree_acts``)
     agrees, a denial or dispute disagrees, anything else - a source merely saying it, a hedged,
     distanced or conditional word - discusses; mixed voices discuss;
   - statements that only refer to the claim and reject it ("police denied the reports", "called it
     the hoax", "no evidence to support them"; ``ledger/references.py``) refer, in a body about the
     headline's rumour, to that rumour: the body rejects it;
   - a rejection of the rumour (a matched denial or dispute, or a rejected reference) agrees with a
     headline against it, disagrees with one for it and only
     discusses one that observes; a matched agreement with an observing headline is discussion;
   - when nothing above agrees or rejects, the body's own verdicts on the rumour - "the story is a
     hoax", "the photo turned out to be doctored", "fake tweets", in sentences that speak of the
     rumour, neither attributed, quoted nor hedged (``verdict``, ``evaluate/verdicts.py``) - reject it
     (disagree with a headline for it, agree with one against it, discuss an observing one); turned
     verdicts ("it is not a hoax") that outnumber them vouch for it;
   - otherwise, when the body's own voice restates the headline - a lead sentence close to it,
     neither attributed nor hedged, with the headline's polarity, in a body with no distanced
     statement and no reported rejection (``narration``) - the body agrees; else ``fallback`` (discuss).

   (A refuting-word fallback on the sentence closest to the headline was tried on the tune part and
   was wrong 28 times in 29: a verdict must be said OF something - after a copula, before a rumour
   noun, or a verdict noun - and in the body's own voice, as ``verdicts.py`` reads it.)

Each body is analysed once (cache by Body ID); headlines are embedded once each.
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import numpy as np

from claimwatch.errors import InputError
from claimwatch.evaluate.config import FNC_LABELS, Fnc1Config, VerdictWords, load_config
from claimwatch.evaluate.verdicts import own_verdicts
from claimwatch.nlp.writer_verdicts import without_writer_verdicts
from claimwatch.evaluate.verdicts import tokens as verdict_tokens
from claimwatch.ledger.matching import content_tokens
from claimwatch.ledger.references import is_reference, reference_stance
from claimwatch.model import STANCE_POLARITY, Analysis, Article, Statement

Embed = Callable[[Sequence[str]], np.ndarray]
PARTS = ("dev", "tune", "all")
_SENTENCE = re.compile(r"(?<=[.!?\"\u201d])\s+(?=[\"\u201c(A-Z0-9])|\n+")
HEDGED_CERTAINTIES = ("possible", "uncertain")


@dataclass(frozen=True)
class Pair:
    """One FNC-1 row: a headline, the body it is paired with and (when known) the gold stance."""

    headline: str
    body_id: str
    stance: Optional[str] = None


@dataclass(frozen=True)
class Unit:
    """A piece of the body compared with the headline: a sentence, or a statement's content/claim."""

    text: str
    tokens: frozenset[str]
    vector: Optional[np.ndarray] = None
    statement: Optional[int] = None  # index into the analysis's statements


@dataclass(frozen=True)
class BodyView:
    """What the rules need from one analysed body: its sentences and its statements' texts."""

    analysis: Analysis
    tokens: frozenset[str]
    sentences: tuple[Unit, ...]
    statement_units: tuple[Unit, ...]


@dataclass(frozen=True)
class Decision:
    """The label for one pair and why: scores, the statements that voted, the rule that fired."""

    label: str
    relatedness: float
    matched: tuple[str, ...] = ()  # statement ids
    best_match: float = 0.0
    rule: str = ""


# --- reading -------------------------------------------------------------------------------------

def open_csv(path: Union[str, Path], columns: Sequence[str]) -> Iterator[dict]:
    """The rows of a UTF-8 CSV having ``columns``; a missing file or column is an InputError."""
    csv.field_size_limit(sys.maxsize)
    try:
        with Path(path).open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing columns {', '.join(missing)} (expected {','.join(columns)})")
            yield from reader
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read as a UTF-8 CSV: {exc}") from exc


def read_bodies(path: Union[str, Path]) -> dict[str, str]:
    """Body ID -> article body, from ``Body ID,articleBody``."""
    return {row["Body ID"].strip(): row["articleBody"] for row in open_csv(path, ("Body ID", "articleBody"))}


def read_pairs(path: Union[str, Path]) -> list[Pair]:
    """The rows of ``Headline,Body ID[,Stance]`` in file order."""
    return [Pair(row["Headline"], row["Body ID"].strip(), (row.get("Stance") or "").strip().lower() or None)
            for row in open_csv(path, ("Headline", "Body ID"))]


def in_part(body_id: str, part: str, modulus: int) -> bool:
    """dev: Body ID % modulus == 0 (held out); tune: the others; all: every body."""
    if part == "all":
        return True
    try:
        held_out = int(body_id) % modulus == 0
    except ValueError:
        held_out = False
    return held_out if part == "dev" else not held_out


def select(pairs: Iterable[Pair], part: str, modulus: int, limit: Optional[int] = None) -> list[Pair]:
    """The pairs of one part, in file order, at most ``limit``."""
    chosen = [p for p in pairs if in_part(p.body_id, part, modulus)]
    return chosen[:limit] if limit else chosen


# --- features ------------------------------------------------------------------------------------

def split_sentences(text: str) -> list[str]:
    """A cheap sentence split (punctuation before a capital, or a line break); enough to compare."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def statement_texts(statement: Statement, analysis: Analysis) -> list[str]:
    """The statement's content and the texts of the claims it takes a stance on."""
    texts = [statement.content] if statement.content.strip() else []
    for claim_id in statement.claims:
        claim = analysis.claim(claim_id)
        if claim is not None and claim.text.strip() and claim.text not in texts:
            texts.append(claim.text)
    return texts


def prepare_body(analysis: Analysis, embed: Optional[Embed] = None, config: Optional[Fnc1Config] = None) -> BodyView:
    """Tokens (and vectors, given ``embed``) of the body's sentences and of its statements' texts."""
    config = config or load_config().fnc1
    analysis = without_writer_verdicts(analysis)  # the body's own verdicts are read apart (body_verdict)
    sentences = split_sentences(analysis.article.text)[: config.max_sentences]
    pieces = [(t, i) for i, s in enumerate(analysis.statements) for t in statement_texts(s, analysis)]
    texts = sentences + [t for t, _ in pieces]
    vectors = embed(texts) if embed is not None and texts else None

    def unit(k: int, text: str, statement: Optional[int] = None) -> Unit:
        return Unit(text, content_tokens(text), None if vectors is None else vectors[k], statement)

    return BodyView(
        analysis=analysis, tokens=content_tokens(analysis.article.text),
        sentences=tuple(unit(k, s) for k, s in enumerate(sentences)),
        statement_units=tuple(unit(len(sentences) + k, t, i) for k, (t, i) in enumerate(pieces)))


def similarity(h_tokens: frozenset[str], h_vector: Optional[np.ndarray], tokens: frozenset[str],
               vector: Optional[np.ndarray], lexical_weight: float) -> float:
    """Share of the headline's stems in ``tokens``, blended with the cosine when both vectors exist."""
    lexical = len(h_tokens & tokens) / len(h_tokens) if h_tokens else 0.0
    if h_vector is None or vector is None:
        return lexical
    return lexical_weight * lexical + (1 - lexical_weight) * float(np.dot(h_vector, vector))


def relatedness(h_tokens: frozenset[str], h_vector: Optional[np.ndarray], view: BodyView, config: Fnc1Config) -> float:
    """How much the body is about the headline: whole-body stem overlap plus the best sentence cosine."""
    lexical = len(h_tokens & view.tokens) / len(h_tokens) if h_tokens else 0.0
    if h_vector is None or not view.sentences or view.sentences[0].vector is None:
        return lexical
    best = max(float(np.dot(h_vector, u.vector)) for u in view.sentences)
    return config.related_lexical_weight * lexical + (1 - config.related_lexical_weight) * best


# --- the rules -----------------------------------------------------------------------------------

def statement_vote(statement: Statement, config: Fnc1Config) -> str:
    """agree / disagree / discuss for one matched statement, from its stance, act and hedging."""
    vote = config.stance_votes.get(statement.stance, "discuss")
    hedged = statement.distanced or statement.conditional or statement.certainty in HEDGED_CERTAINTIES
    if vote == "agree" and config.agree_acts and statement.act not in config.agree_acts:
        return config.hedged_vote  # saying what the headline says is discussing it; confirming agrees
    return config.hedged_vote if vote == "agree" and hedged else vote


_COLON = re.compile(r"^[^:]{2,40}:\s")


def has_word(text: str, words: Sequence[str]) -> bool:
    """Whether ``text`` holds one of ``words`` as a whole word or phrase (case-insensitive)."""
    low = text.casefold().replace("\u2019", "'")
    return any((w in low) if not w[0].isalnum() else re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", low)
               for w in words)


def headline_stance(headline: str, config: Fnc1Config) -> str:
    """against (it debunks or negates its rumour), observing (it attributes or reports it), else for."""
    words = config.headline
    if words is None:
        return "for"
    if has_word(headline, words.against_words) or has_word(headline, words.negation_words):
        return "against"
    if has_word(headline, words.observing_words) or (words.attribution_colon and _COLON.match(headline)):
        return "observing"
    return "for"


def rejects_rumour(view: BodyView) -> tuple[str, ...]:
    """The body's statements that reject the claim they only refer to ("denied the reports", "called it
    a hoax", "no evidence to support them"): in a body about the headline's rumour they refer to it."""
    return tuple(s.id for s in view.analysis.statements
                 if is_reference(s.content) and STANCE_POLARITY.get(reference_stance(s.content, s.stance), 0) < 0)


def narration_restates(headline: str, h_vector: Optional[np.ndarray], view: BodyView, config: Fnc1Config) -> bool:
    """Whether a lead sentence restates the headline in the body's own voice: close to it, neither
    attributed nor hedged, and with the headline's polarity ("X is not dead" does not restate "X died"),
    in a body that nowhere distances itself ("reportedly", "claimed") nor reports a rejection."""
    h_tokens = content_tokens(headline)
    rule = config.narration
    if rule is None or not rule.lead_sentences:
        return False
    if any(s.distanced or s.stance in rule.discussing_stances for s in view.analysis.statements):
        return False  # a body that distances itself from what it reports, or carries a rejection, discusses
    scored = [(similarity(h_tokens, h_vector, u.tokens, u.vector, config.match_lexical_weight), -k, u)
              for k, u in enumerate(view.sentences[: rule.lead_sentences])]
    if not scored:
        return False
    score, _, unit = max(scored, key=lambda t: t[:2])
    return (score >= rule.threshold and not has_word(unit.text, rule.attributed_words)
            and _negated(unit.text, config) == _negated(headline, config))


def _negated(text: str, config: Fnc1Config) -> bool:
    """Whether a text negates or debunks (the headline's words): a restatement keeps the polarity."""
    words = config.headline
    return words is not None and (has_word(text, words.negation_words) or has_word(text, words.against_words))


VERDICT_OVERRIDES = ("discuss",)


def bears_on_rumour(unit: Unit, h_tokens: frozenset[str], words: VerdictWords) -> bool:
    """Whether a sentence speaks of the headline's rumour: it shares one of the headline's content
    stems, names what carries a rumour ("the story", "the photo") or points back to it ("it", "this")."""
    low = set(verdict_tokens(unit.text))
    return bool(unit.tokens & h_tokens) or bool(low & set(words.rumour_nouns)) or bool(low & set(words.pointers))


def body_verdict(view: BodyView, stance: str, config: Fnc1Config,
                 h_tokens: frozenset[str] = frozenset()) -> Optional[str]:
    """The label a body's own verdicts on the headline's rumour give ("the story is a hoax", "fake
    tweets"; ``evaluate/verdicts.py``), read against the headline's stance; None when it gives none,
    or vouches for the rumour as often as it rejects it. Turned verdicts ("it is not a hoax") that
    outnumber the rejecting ones vouch for the rumour (``vouching_stances``)."""
    words = config.verdict
    if words is None:
        return None
    texts = [u.text for u in view.sentences if bears_on_rumour(u, h_tokens, words)]
    rejecting, vouching = own_verdicts(texts, words)
    if rejecting >= words.min_verdicts and rejecting > vouching:
        return words.headline_stances.get(stance)
    if vouching >= words.min_verdicts and vouching > rejecting:  # "the photo is not a hoax"
        return words.vouching_stances.get(stance)
    return None


def combine_votes(votes: Sequence[str], config: Fnc1Config) -> str:
    """One voice -> that label; different voices -> ``mixed_vote``."""
    kinds = set(votes)
    return votes[0] if len(kinds) == 1 else config.mixed_vote


def decide(headline: str, view: BodyView, h_vector: Optional[np.ndarray] = None,
           config: Optional[Fnc1Config] = None) -> Decision:
    """The FNC-1 label of ``view``'s body toward ``headline`` (see the module docstring)."""
    config = config or load_config().fnc1
    h_tokens = content_tokens(headline)
    with_vectors = h_vector is not None and bool(view.sentences) and view.sentences[0].vector is not None
    related = relatedness(h_tokens, h_vector, view, config)
    if related < config.related_threshold.pick(with_vectors):
        return Decision("unrelated", round(related, 4), rule="below relatedness threshold")
    scored = [(similarity(h_tokens, h_vector, u.tokens, u.vector, config.match_lexical_weight), u)
              for u in view.statement_units]
    best = max((s for s, _ in scored), default=0.0)
    threshold = config.match_threshold.pick(with_vectors)
    chosen = sorted({u.statement for s, u in scored if s >= threshold and s >= best - config.margin})
    stance = headline_stance(headline, config)
    label, ids, rule = config.fallback, (), "fallback: no statement matches"
    if chosen:
        statements = [view.analysis.statements[i] for i in chosen]
        votes = [statement_vote(s, config) for s in statements]
        label, ids = combine_votes(votes, config), tuple(s.id for s in statements)
        rule = f"statement votes {dict(Counter(votes))}"
    oriented = {"against": "agree", "for": "disagree"}.get(stance, "discuss")  # a rejection of the rumour
    rejecting = rejects_rumour(view)
    if rejecting:
        label, ids, rule = oriented, rejecting, f"rejects the rumour it refers to; headline {stance}"
    elif label == "disagree":
        label, rule = oriented, f"{rule}; headline {stance}"
    elif label == "agree" and stance != "for":
        label, rule = "discuss", f"{rule}; headline {stance}"
    verdict = body_verdict(view, stance, config, h_tokens) if label in VERDICT_OVERRIDES else None
    if verdict is not None:
        label, rule = verdict, f"the body's own verdict on the rumour; headline {stance}"
    elif label == "discuss" and stance != "observing" and narration_restates(headline, h_vector, view, config):
        label, rule = "agree", "the body's own lead restates the headline"
    return Decision(label, round(related, 4), ids, round(best, 4), rule)


# --- running -------------------------------------------------------------------------------------

def predict(pairs: Sequence[Pair], bodies: dict[str, str], nlp=None, embed: Optional[Embed] = None,
            config: Optional[Fnc1Config] = None, progress: Optional[Callable[[int], None]] = None) -> list[Decision]:
    """A decision for every pair; each needed body is analysed once, each headline embedded once."""
    from claimwatch.nlp.pipeline import analyze_many

    config = config or load_config().fnc1
    needed = list(dict.fromkeys(p.body_id for p in pairs))
    missing = [b for b in needed if b not in bodies]
    if missing:
        raise InputError(f"Body ID {missing[0]} is in the stances file but not in the bodies file")
    views: dict[str, BodyView] = {}
    articles = [Article(text=bodies[b], id=f"fnc1-body-{b}") for b in needed]
    for body_id, analysis in zip(needed, analyze_many(articles, nlp=nlp)):
        views[body_id] = prepare_body(analysis, embed, config)
        if progress:
            progress(1)
    headlines = list(dict.fromkeys(p.headline for p in pairs))
    h_vectors = dict(zip(headlines, embed(headlines))) if embed is not None and headlines else {}
    return [decide(p.headline, views[p.body_id], h_vectors.get(p.headline), config) for p in pairs]


def write_predictions(path: Union[str, Path], pairs: Sequence[Pair], labels: Sequence[str]) -> None:
    """``Headline,Body ID,Stance`` rows, in the pairs' order."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for pair, label in zip(pairs, labels):
            if label not in FNC_LABELS:
                raise ValueError(f"not an FNC-1 label: {label!r}")
            writer.writerow([pair.headline, pair.body_id, label])


def write_gold(path: Union[str, Path], pairs: Sequence[Pair]) -> None:
    """The gold rows of exactly the predicted pairs, so the official scorer sees no missing rows."""
    write_predictions(path, pairs, [p.stance or "" for p in pairs])


def official_score(scorer: Union[str, Path], gold: Union[str, Path], pred: Union[str, Path]) -> dict:
    """Run the shared ``score_fnc1.py GOLD PRED --json`` and return its result."""
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise InputError(f"{scorer} failed: {proc.stderr.strip()[-300:]}")
    return json.loads(proc.stdout)
