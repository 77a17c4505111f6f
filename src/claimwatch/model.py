"""The typed records every stage shares: ingest -> nlp -> ledger -> assess -> render.

All records are frozen dataclasses so stages cannot mutate each other's results; each has a
``to_dict``/``from_dict`` pair and :class:`Analysis` serialises to the JSON of ``shared/EVAL.md``
(plus extra fields), which round-trips exactly.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, Optional

Span = tuple[int, int]

STANCES = ("asserts", "supports", "uncommitted", "disputes", "denies")
CERTAINTIES = ("certain", "probable", "possible", "uncertain")
ACTS = ("say", "report", "accuse", "warn", "appeal", "deny", "confirm", "echo", "publish", "concern")
ACTOR_KINDS = ("person", "organization", "country", "group", "anonymous", "document", "unnamed")
EVIDENCE_KINDS = (
    "satellite_imagery", "photo", "video", "document", "intelligence_report",
    "intercepted_communication", "eyewitness", "official_data",
)
SCHEMA = "claimwatch-analysis/1"

Stance = Literal["asserts", "supports", "uncommitted", "disputes", "denies"]
Certainty = Literal["certain", "probable", "possible", "uncertain"]

# Numeric position of each stance on the scale, used by polarity and by the ledger.
STANCE_POLARITY = {"asserts": 1, "supports": 1, "uncommitted": 0, "disputes": -1, "denies": -1}


def article_id(text: str) -> str:
    """An article's id: the first 16 hex digits of the SHA-256 of its exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    """Unicode NFKC with whitespace collapsed: what two exact copies have in common."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text; equal for copies that differ only in spacing or line breaks."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _span(value: Any) -> Optional[Span]:
    return None if value is None else (int(value[0]), int(value[1]))


@dataclass(frozen=True)
class Article:
    """One input document as read; ``text`` is kept exactly so offsets stay valid."""

    text: str
    id: str = ""
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO 8601
    published_is_fallback: bool = False  # True when ``published`` is the ingestion time
    path: Optional[str] = None

    def to_dict(self, include_text: bool = True) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        if not include_text:
            d.pop("text")
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Article":
        return cls(**{f.name: d[f.name] for f in fields(cls) if f.name in d})


@dataclass(frozen=True)
class Mention:
    """A place in the text where an actor is named or referred to."""

    text: str
    span: Span
    kind: Literal["name", "alias", "pronoun", "description"] = "name"

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict) -> "Mention":
        return cls(text=d["text"], span=_span(d["span"]), kind=d.get("kind", "name"))


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country or anonymous group that can be the source of a statement."""

    name: str
    kind: str = "person"
    role: Optional[str] = None
    affiliation: Optional[str] = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name, "kind": self.kind, "role": self.role,
            "affiliation": self.affiliation, "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Actor":
        return cls(
            name=d["name"], kind=d.get("kind", "person"), role=d.get("role"),
            affiliation=d.get("affiliation"), aliases=tuple(d.get("aliases", ())),
            mentions=tuple(Mention.from_dict(m) for m in d.get("mentions", ())),
        )


@dataclass(frozen=True)
class Quantity:
    """A count, amount or measure in a statement's content ("some 3,000 troops")."""

    value: float
    unit: str
    text: str = ""
    span: Optional[Span] = None
    approximate: bool = False  # "some", "about", "more than"

    def to_dict(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "text": self.text,
                "span": list(self.span) if self.span else None, "approximate": self.approximate}

    @classmethod
    def from_dict(cls, d: dict) -> "Quantity":
        return cls(value=d["value"], unit=d.get("unit", ""), text=d.get("text", ""),
                   span=_span(d.get("span")), approximate=d.get("approximate", False))


@dataclass(frozen=True)
class Evidence:
    """Evidence a statement cites or rests on, with the words that name it."""

    kind: str  # one of EVIDENCE_KINDS
    text: str = ""
    span: Optional[Span] = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "span": list(self.span) if self.span else None}

    @classmethod
    def from_dict(cls, d: dict) -> "Evidence":
        return cls(kind=d["kind"], text=d.get("text", ""), span=_span(d.get("span")))


@dataclass(frozen=True)
class Claim:
    """A normalised proposition (who - does what - to whom/where) that statements take a stance on."""

    id: str
    text: str
    group: str
    subject: Optional[str] = None
    predicate: Optional[str] = None
    object: Optional[str] = None
    quantities: tuple[Quantity, ...] = ()
    # the main predicate's lemma (paraphrases folded, "not " before a negated one): "send", "not open";
    # None for a light verb ("have", "make"), a reporting verb or a claim without a verb
    frame: Optional[str] = None

    def to_dict(self) -> dict:
        out = {"id": self.id, "text": self.text, "group": self.group, "subject": self.subject,
               "predicate": self.predicate, "object": self.object,
               "quantities": [q.to_dict() for q in self.quantities]}
        if self.frame is not None:
            out["frame"] = self.frame
        return out

    @classmethod
    def from_dict(cls, d: dict) -> "Claim":
        return cls(id=d["id"], text=d["text"], group=d.get("group") or d["id"],
                   subject=d.get("subject"), predicate=d.get("predicate"), object=d.get("object"),
                   quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities", ())),
                   frame=d.get("frame"))


@dataclass(frozen=True)
class Statement:
    """Who said what, with which stance: one attribution with its spans into the article text."""

    id: str
    source: str  # canonical actor name; "unnamed" when the text never names one
    cue: str
    cue_span: Span
    content: str
    content_span: Span
    stance: str = "asserts"
    act: str = "say"
    certainty: str = "certain"
    conditional: bool = False
    distanced: bool = False
    source_span: Optional[Span] = None
    evidence: tuple[Evidence, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[str, ...] = ()
    quotes: tuple[Span, ...] = ()
    hedges: tuple[str, ...] = ()  # the words behind certainty/distance ("could", "alleged")
    # Provenance chain: who relayed this statement, outermost first ("Reuters reported, citing two US
    # officials" -> source "US officials", via ("Reuters",)). Empty when the source speaks directly.
    via: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "id": self.id, "source": self.source, "source_span": list(self.source_span) if self.source_span else None,
            "cue": self.cue, "cue_span": list(self.cue_span), "content": self.content,
            "content_span": list(self.content_span), "act": self.act, "stance": self.stance,
            "certainty": self.certainty, "conditional": self.conditional, "distanced": self.distanced,
            "evidence": sorted({e.kind for e in self.evidence}),
            "evidence_detail": [e.to_dict() for e in self.evidence],
            "quantities": [q.to_dict() for q in self.quantities],
            "claims": list(self.claims), "quotes": [list(q) for q in self.quotes],
            "hedges": list(self.hedges), "via": list(self.via),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Statement":
        if "evidence_detail" in d:
            evidence = tuple(Evidence.from_dict(e) for e in d["evidence_detail"])
        else:
            evidence = tuple(Evidence(kind=k) for k in d.get("evidence", ()))
        return cls(
            id=d["id"], source=d["source"], source_span=_span(d.get("source_span")),
            cue=d["cue"], cue_span=_span(d["cue_span"]), content=d.get("content", ""),
            content_span=_span(d["content_span"]), act=d.get("act", "say"),
            stance=d.get("stance", "asserts"), certainty=d.get("certainty", "certain"),
            conditional=bool(d.get("conditional", False)), distanced=bool(d.get("distanced", False)),
            evidence=evidence, quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities", ())),
            claims=tuple(d.get("claims", ())),
            quotes=tuple(_span(q) for q in d.get("quotes", ()) if isinstance(q, (list, tuple)) and len(q) == 2),
            hedges=tuple(d.get("hedges", ())),
            via=tuple(str(v) for v in d.get("via", ()) or ()),
        )

    def with_(self, **changes: Any) -> "Statement":
        return replace(self, **changes)


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one article; the unit the ledger stores and renderers show."""

    article: Article
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    actors: tuple[Actor, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self, include_text: bool = False) -> dict:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(include_text=include_text),
            "statements": [s.to_dict() for s in self.statements],
            "claims": [c.to_dict() for c in self.claims],
            "actors": [a.to_dict() for a in self.actors],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict, text: Optional[str] = None) -> "Analysis":
        art = dict(d.get("article", {}))
        if text is not None:
            art["text"] = text
        art.setdefault("text", "")
        return cls(
            article=Article.from_dict(art),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements", ())),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims", ())),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors", ())),
            warnings=tuple(d.get("warnings", ())),
        )

    def actor(self, name: str) -> Optional[Actor]:
        return next((a for a in self.actors if a.name == name), None)

    def claim(self, claim_id: str) -> Optional[Claim]:
        return next((c for c in self.claims if c.id == claim_id), None)
