"""Response models of the JSON API, so ``/openapi.json`` documents each field.

They mirror the ledger read models (:mod:`claimwatch.ledger.queries`) and the page read models
(:mod:`claimwatch.web.views`); every field has a default, so a field the ledger adds later is
simply not exposed rather than breaking a response.
"""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class Sources(_Model):
    """Independent sides for / uncommitted / against the claim (each side counted once)."""

    for_: int = Field(0, alias="for")
    uncommitted: int = 0
    against: int = 0


class ClaimSummary(_Model):
    id: int
    text: str
    status: str = Field(description="alleged, contested, corroborated, confirmed, denied or retracted")
    event_type: Optional[str] = None
    agent: Optional[str] = None
    story: Optional[str] = None
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    members: int = Field(0, description="article claims matched to this ledger claim")
    sources: Sources = Sources()


class TimelineEvent(_Model):
    date: Optional[str] = None
    kind: str = Field(description="first_alleged, status_change, new_quantity, denial or confirmation")
    from_status: Optional[str] = None
    to_status: Optional[str] = None
    note: str = ""
    source: Optional[str] = None
    outlet: Optional[str] = None


class ClaimStatement(_Model):
    source: str
    cue: str
    content: str
    stance: str
    certainty: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    independent: bool = True
    near_duplicate_of: Optional[str] = None
    via: list[str] = Field(default_factory=list, description="who relayed it, outermost first; source is the original")


class Figure(_Model):
    value: float
    unit: str = ""
    text: str = ""
    approximate: bool = False
    date: Optional[str] = None
    source: Optional[str] = None
    outlet: Optional[str] = None


class Member(_Model):
    text: str
    predicate: Optional[str] = None
    subject: Optional[str] = None
    method: Optional[str] = None
    score: Optional[float] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class ReasonStatement(_Model):
    id: str
    source: Optional[str] = None
    stance: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class StatusReason(_Model):
    rule: str = Field("", description="the status rule that held (status_rules.yaml `reason`)")
    text: str = Field("", description="one sentence: status, rule, and the statements behind it")
    statements: list[ReasonStatement] = []


class ClaimDetail(ClaimSummary):
    status_reason: StatusReason = StatusReason()
    timeline: list[TimelineEvent] = []
    statements: dict[str, list[ClaimStatement]] = Field({}, description="statements keyed by stance")
    quantities: list[Figure] = []
    members: list[Member] = []  # type: ignore[assignment]


class ActorSummary(_Model):
    name: str
    side: Optional[str] = None
    statements: int = 0
    stances: dict[str, int] = {}


class ActorClaim(_Model):
    id: int
    text: Optional[str] = None
    status: Optional[str] = None
    stances: list[str] = []


class ActorStatement(_Model):
    source: str
    stance: str
    cue: str
    content: str
    outlet: Optional[str] = None
    published: Optional[str] = None


class RecordShare(_Model):
    """Assertions (or denials) on resolved claims: how many held, how many failed, and which."""

    held: int = 0
    failed: int = 0
    of: int = 0
    fraction: Optional[float] = Field(None, description="held / of; null below the minimum of resolved claims")
    held_claims: list[int] = []
    failed_claims: list[int] = []


class RecordCount(_Model):
    count: int = 0
    claims: list[int] = []


class RecordLead(_Model):
    """Days from the first statement on a claim to its resolution; summary null below the minimum."""

    count: int = 0
    median: Optional[float] = None
    min: Optional[int] = None
    max: Optional[int] = None
    claims: list[int] = []


class RecordClaim(_Model):
    id: int
    text: str = ""
    status: str = Field("", description="the claim's final status: confirmed, denied or retracted")
    resolved: Optional[str] = None
    outcome: str = Field("", description="held, failed, uncommitted, relayed, after_resolution or undated")
    stance: Optional[str] = Field(None, description="for, against or uncommitted: the latest stance before resolution")
    first_spoke: Optional[str] = None
    lead_days: Optional[int] = None
    carried: list[str] = Field([], description="for / against: stances its statements carried, any source")


class TrackRecord(_Model):
    """How an actor's (or outlet's) word held up on claims that resolved (claimwatch.ledger.records)."""

    kind: str = "actor"
    name: str = ""
    names: list[str] = []
    resolved_claims: int = 0
    min_resolved: int = 0
    enough: bool = False
    note: Optional[str] = None
    assertions: RecordShare = RecordShare()
    denials: RecordShare = RecordShare()
    uncommitted: RecordCount = RecordCount()
    relayed: RecordCount = RecordCount()
    after_resolution: RecordCount = RecordCount()
    undated: RecordCount = RecordCount()
    by_status: dict[str, RecordCount] = {}
    lead_days: RecordLead = RecordLead()
    claims: list[RecordClaim] = []
    carried: Optional[dict[str, RecordShare]] = Field(None, description="outlets only: what their articles carried")


class ActorProfile(_Model):
    name: str
    names: list[str] = []
    side: Optional[str] = None
    stances: dict[str, int] = {}
    claims: list[ActorClaim] = []
    statements: list[ActorStatement] = []
    record: Optional[TrackRecord] = None


class _ArticleFields(_Model):
    """What the article list and the article page both show about an article."""

    id: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    undated: bool = Field(False, description="true when the article gave no date: `published` is then only "
                                             "when it was ingested, not when it was written")
    near_duplicate_of: Optional[str] = None
    wire_source: Optional[str] = None
    ingested_at: Optional[str] = None


class ArticleSummary(_ArticleFields):
    chars: int = 0
    statements: int = 0


class ArticleStatement(_Model):
    sid: str = Field(description="statement id within the article (s1, s2...)")
    source: str
    source_start: Optional[int] = None
    source_end: Optional[int] = None
    cue: str
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    stance: str
    certainty: Optional[str] = None
    act: Optional[str] = None
    claim: Optional[int] = Field(None, description="the ledger claim the statement is about")


class ArticleDetail(_ArticleFields):
    text: str
    statements: list[ArticleStatement] = []


class SearchHit(_Model):
    source: str
    stance: str
    cue: str
    content: str
    outlet: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    article: str


class StoryClaim(_Model):
    id: int
    text: str
    status: str


class StorySummary(_Model):
    """A story: articles grouped automatically (see docs/stories.md), with its most-carried claims."""

    id: int = Field(description="story id; `?story=s<id>` selects it in /api/claims and the index")
    label: str = ""
    articles: int = 0
    independent_articles: int = Field(0, description="distinct sources: near-copies and wire relays count once")
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    top_claims: list[StoryClaim] = []
