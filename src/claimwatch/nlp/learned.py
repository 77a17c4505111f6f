"""Trained components: small linear models over features of the rule output, shipped as JSON.

The rules find attributions by construction; some constructions they read are, in news, more often
not a statement at all (a cue verb used for an act, a content that is a noun phrase, a source that is
a date). ``StatementFilter`` scores each rule-found attribution with a logistic regression trained on
PolNeAR train (``benchmarks/train_cue_model.py``: rule output matched against the gold attributions)
and drops those whose probability of being a statement is under the model's threshold. The weights
are data (``claimwatch/data/statement_filter.json``); a feature the model has not seen weighs nothing.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from claimwatch.errors import LexiconError

if TYPE_CHECKING:  # pragma: no cover
    from claimwatch.nlp.attribution import Attribution

MODEL_FILE = "statement_filter.json"
FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _bucket(n: int, edges: Iterable[int]) -> str:
    last = 0
    for e in edges:
        if n <= e:
            return f"{last + 1}-{e}" if e > last + 1 else str(e)
        last = e
    return f">{last}"


def attribution_features(att: "Attribution") -> list[str]:
    """Names of the binary features of one rule-found attribution: the cue (lemma, lexicon reading,
    tag, dependency), the construction (quote, passive, content before or after the cue), the source
    (how many, its part of speech and entity type) and the content (length, whether it has a verb of
    its own, whether it ends its sentence)."""
    hit = att.hit
    head = hit.head
    doc = head.doc
    lemma = head.lemma_.lower()
    start, end = att.content_tokens
    content = doc[start:end]
    where = "before" if end <= head.i else ("after" if start > head.i else "around")
    src = att.sources[0] if att.sources else None
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
    finite = any(t.tag_ in FINITE for t in content)
    subj = any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in content)
    quote = "quote" if att.quote is not None else "plain"
    feats = [
        "bias",
        f"lemma={lemma}",
        f"cue_pos={hit.entry.pos}",
        f"act={hit.entry.act}",
        f"frame={hit.entry.frame}",
        f"particle={bool(hit.entry.particle)}",
        f"tag={head.tag_}",
        f"dep={head.dep_}",
        f"cue_words={min(3, hit.end - hit.start)}",
        f"quote={quote}",
        f"passive={att.passive}",
        f"where={where}",
        f"where_quote={where}|{quote}",
        f"nsrc={min(2, len(att.sources))}",
        f"src_pos={src.pos_ if src is not None else 'none'}",
        f"src_ent={src.ent_type_ or '-' if src is not None else 'none'}",
        f"src_tag={src.tag_ if src is not None else 'none'}",
        f"len={_bucket(end - start, (1, 2, 4, 7, 12, 20, 35))}",
        f"has_verb={has_verb}",
        f"finite={finite}",
        f"subj={subj}",
        f"clause={finite and subj}",
        f"act_clause={hit.entry.act}|{finite and subj}",
        f"lemma_tag={lemma}|{head.tag_}",
        f"lemma_src={lemma}|{src is not None}",
        f"first={content[0].pos_ if len(content) else '-'}",
    ]
    if src is not None and src.i > head.i:
        feats.append("src_after")
    return feats


def spells_out_clause(att: "Attribution") -> bool:
    """A lexicon phrase that ends in its complementiser ("is convinced that", "worried that") can only
    head a that-clause: the construction the filter weighs is fixed by the phrase itself, and such phrases
    are too rare in the training data for their own weights (``keep`` exempts them)."""
    entry = att.hit.entry
    return entry.pos == "phrase" and entry.lemma.endswith(" that")


@dataclass(frozen=True)
class StatementFilter:
    """A logistic regression over ``attribution_features``; ``keep`` says whether an attribution
    stays. Acts listed in ``exempt_acts`` are always kept (what an outlet publishes is the news)."""

    weights: dict[str, float]
    threshold: float
    exempt_acts: frozenset[str]

    def probability(self, att: "Attribution") -> float:
        z = sum(self.weights.get(f, 0.0) for f in attribution_features(att))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, att: "Attribution") -> bool:
        if att.hit.entry.act in self.exempt_acts or spells_out_clause(att):
            return True
        return self.probability(att) >= self.threshold

    @classmethod
    def from_dict(cls, data: dict) -> "StatementFilter":
        if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("weights"), dict) \
                or not isinstance(data.get("threshold"), (int, float)):
            raise LexiconError(f"{MODEL_FILE}: expected 'version: 1', a 'weights' mapping and a 'threshold'; "
                               "retrain with benchmarks/train_cue_model.py")
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()}, threshold=float(data["threshold"]),
                   exempt_acts=frozenset(data.get("exempt_acts", ())))


@lru_cache(maxsize=1)
def statement_filter() -> StatementFilter | None:
    """The shipped filter, or None when the package carries no model file (rules alone then)."""
    path = resources.files("claimwatch") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return StatementFilter.from_dict(json.loads(path.read_text(encoding="utf-8")))


def filter_attributions(found: list["Attribution"]) -> list["Attribution"]:
    """The attributions the shipped filter keeps (all of them without a model)."""
    model = statement_filter()
    if model is None:
        return found
    return [a for a in found if model.keep(a)]
