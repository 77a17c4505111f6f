"""Records of an assessment: findings with their citations, and the cited statements' provenance.

Frozen dataclasses with ``to_dict``/``from_dict`` like :mod:`claimwatch.model`, so an assessment
round-trips through JSON and renderers never need the analyses it was written from.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Optional

FINDING_KINDS = ("significance", "position", "call", "implication", "risk", "watch")


@dataclass(frozen=True)
class SideStance:
    """Where one side (state or organisation) stands on a claim as of its latest statement, and
    where it stood before when it changed (``previous_*``; None when it never moved)."""

    side: str
    stance: str
    as_of: Optional[str]  # YYYY-MM-DD, or None when the article carrying it is undated
    previous_stance: Optional[str] = None
    previous_as_of: Optional[str] = None

    def to_dict(self) -> dict:
        previous = ({"stance": self.previous_stance, "as_of": self.previous_as_of}
                    if self.previous_stance else None)
        return {"side": self.side, "stance": self.stance, "as_of": self.as_of, "previous": previous}

    @classmethod
    def from_dict(cls, d: dict) -> "SideStance":
        previous = d.get("previous") or {}
        return cls(side=d["side"], stance=d["stance"], as_of=d.get("as_of"),
                   previous_stance=previous.get("stance"), previous_as_of=previous.get("as_of"))


@dataclass(frozen=True)
class Finding:
    """One sentence of the assessment and the statements it rests on.

    ``stances`` are the stances the sentence attributes to its cited statements and ``about`` the
    claim ids it is about (empty: it is about the statements themselves, as calls are); the
    grounding check verifies both against the cited statements.
    """

    kind: str
    text: str
    cites: tuple[str, ...]
    confidence: float
    stances: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    sides: tuple[SideStance, ...] = ()  # position findings: each side the sentence places, once
    ledger_claim: Optional[int] = None  # the ledger claim a story finding states, when it states one

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "text": self.text, "cites": list(self.cites),
               "confidence": self.confidence, "stances": list(self.stances), "about": list(self.about)}
        if self.kind == "position":
            out["sides"] = [s.to_dict() for s in self.sides]
        if self.ledger_claim is not None:
            out["ledger_claim"] = self.ledger_claim
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(kind=d["kind"], text=d["text"], cites=tuple(d.get("cites", ())),
                   confidence=float(d.get("confidence", 0.0)), stances=tuple(d.get("stances", ())),
                   about=tuple(d.get("about", ())),
                   sides=tuple(SideStance.from_dict(s) for s in d.get("sides", ())),
                   ledger_claim=d.get("ledger_claim"))

    def with_(self, **changes: Any) -> "Finding":
        return replace(self, **changes)


@dataclass(frozen=True)
class CitedSource:
    """What a citation shows: who said it, with which cue and stance, in which article, outlet and date."""

    id: str  # the citation id used in findings (statement id, article-qualified in a story)
    source: str
    description: str  # source with role and affiliation
    cue: str
    stance: str
    act: str
    article_id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None

    def to_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "description": self.description, "cue": self.cue,
                "stance": self.stance, "act": self.act, "article_id": self.article_id, "title": self.title,
                "outlet": self.outlet, "published": self.published}

    @classmethod
    def from_dict(cls, d: dict) -> "CitedSource":
        return cls(**{k: d.get(k) for k in ("id", "source", "description", "cue", "stance", "act",
                                             "article_id", "title", "outlet", "published")})


@dataclass(frozen=True)
class Assessment:
    """The grounded assessment of one article or a story of many: findings in section order."""

    findings: tuple[Finding, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    articles: tuple[str, ...] = ()
    dropped: int = 0  # findings removed by the grounding check
    rewritten: int = 0  # findings whose text came from the LLM backend
    sections: dict[str, str] = field(default_factory=dict)  # kind -> section title
    as_of: Optional[str] = None  # the replay date (``--as-of``); None: as of the latest statement

    def to_dict(self) -> dict:
        return {"assessment": {
            "as_of": self.as_of,
            "findings": [f.to_dict() for f in self.findings],
            "sources": [s.to_dict() for s in self.sources],
            "articles": list(self.articles),
            "dropped": self.dropped,
            "rewritten": self.rewritten,
            "sections": dict(self.sections),
        }}

    @classmethod
    def from_dict(cls, d: dict) -> "Assessment":
        body = d.get("assessment", d)
        return cls(
            findings=tuple(Finding.from_dict(f) for f in body.get("findings", ())),
            sources=tuple(CitedSource.from_dict(s) for s in body.get("sources", ())),
            articles=tuple(body.get("articles", ())),
            dropped=int(body.get("dropped", 0)),
            rewritten=int(body.get("rewritten", 0)),
            sections=dict(body.get("sections", {})),
            as_of=body.get("as_of"),
        )

    def of_kind(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    def source(self, cite: str) -> Optional[CitedSource]:
        return next((s for s in self.sources if s.id == cite), None)


@dataclass(frozen=True)
class StatusStep:
    """One dated step of a ledger claim's status, with the statement that moved it."""

    status: str
    date: Optional[str]
    source: str
    cite: str  # the citation id of the statement ("article_id:s3")
    stance: str = "asserts"  # the stance of the statement that moved it


@dataclass(frozen=True)
class LedgerStanding:
    """Where a claim stands across the ledger: its status history and independent source counts.

    Handed to the assessment of a ledger story, so its page says what the ledger concluded and when,
    citing the statements behind each step.
    """

    claim_id: int
    text: str
    status: str
    steps: tuple[StatusStep, ...]
    counts: dict[str, int] = field(default_factory=dict)  # for / uncommitted / against
    cites: tuple[str, ...] = ()  # every statement the steps and denials rest on

