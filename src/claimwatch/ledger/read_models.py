"""Read models: what the ledger's queries return, as frozen dataclasses.

One shape per thing a reader asks for (a claim with its standing, one claim's history, a story, an
actor's profile, an article), returned by :mod:`claimwatch.ledger.queries` and
:mod:`claimwatch.ledger.stories` and used as they are by the CLI (``--format json`` is
:func:`as_data` of them), the web UI and JSON API (FastAPI serves the dataclasses, so
``/openapi.json`` documents these fields), the report and the exports. Field order is the JSON key
order. docs/ledger.md ("Reading the ledger") describes each field.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

# "for" is a keyword, so the standing is a typed mapping rather than a dataclass.
Sources = TypedDict("Sources", {"for": int, "uncommitted": int, "against": int})
Sources.__doc__ = "Independent sides for / uncommitted / against the claim (each side counted once, by its latest stance)."


def as_data(value: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, scalars) from read models, lists or mappings of them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    return value


# --- claims ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimSummary:
    """A ledger claim with its standing: the row of ``claimwatch claims`` and ``/api/claims``."""

    id: int
    text: str
    status: str  # alleged, contested, corroborated, confirmed, denied or retracted
    event_type: Optional[str]
    agent: Optional[str]
    story: Optional[str]  # the topic key (not the automatic story; see StorySummary)
    first_seen: Optional[str]
    last_seen: Optional[str]
    members: int  # article claims matched to this ledger claim
    sources: Sources


@dataclass(frozen=True)
class TimelineEvent:
    """One entry of a claim's timeline: first_alleged, status_change, new_quantity, denial or confirmation."""

    date: Optional[str]
    kind: str
    from_status: Optional[str]
    to_status: Optional[str]
    note: str
    source: Optional[str]
    outlet: Optional[str]


@dataclass(frozen=True)
class ClaimStatement:
    """A statement on a claim, with the article it appeared in; ``via``: who relayed it, outermost first."""

    source: str
    cue: str
    content: str
    stance: str
    certainty: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    title: Optional[str]
    url: Optional[str]
    independent: bool  # false for a near-duplicate copy, which adds no source
    near_duplicate_of: Optional[str]
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A figure reported on a claim (``10,000 troops``), with who gave it."""

    value: float
    unit: str
    text: str
    approximate: bool
    date: Optional[str]
    source: Optional[str]
    outlet: Optional[str]


@dataclass(frozen=True)
class Member:
    """An article claim matched to the ledger claim, and how it was matched."""

    text: str
    predicate: Optional[str]
    subject: Optional[str]
    method: Optional[str]
    score: Optional[float]
    outlet: Optional[str]
    published: Optional[str]


@dataclass(frozen=True)
class ReasonStatement:
    """A statement a status rule rests on; ``id`` is ``ARTICLE_ID:STATEMENT_ID``."""

    id: str
    source: Optional[str]
    stance: Optional[str]
    outlet: Optional[str]
    published: Optional[str]


@dataclass(frozen=True)
class StatusReason:
    """Why the claim has its status: the rule that held (status_rules.yaml ``reason``), one sentence
    naming it and the statements behind it, and those statements."""

    rule: str
    text: str
    statements: tuple[ReasonStatement, ...] = ()


@dataclass(frozen=True)
class RelatedClaim:
    """A ledger claim linked to another as umbrella and specific (sent to a country / deployed in
    one region of it): not the same proposition, but a reader of one wants to see the other."""

    id: int
    text: str
    status: str


@dataclass(frozen=True)
class ClaimDetail:
    """One ledger claim: its standing (as in :class:`ClaimSummary`, with the matched article claims
    in ``members``), why it has its status, its timeline, its statements by stance, its figures and
    the claims related to it."""

    id: int
    text: str
    status: str
    event_type: Optional[str]
    agent: Optional[str]
    story: Optional[str]
    first_seen: Optional[str]
    last_seen: Optional[str]
    members: tuple[Member, ...]
    sources: Sources
    status_reason: StatusReason
    timeline: tuple[TimelineEvent, ...]
    statements: dict[str, tuple[ClaimStatement, ...]]  # keyed by stance
    quantities: tuple[Figure, ...]
    related: tuple[RelatedClaim, ...] = ()


# --- actors ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActorSummary:
    """A named source: the side it counts for and its statements (in independent articles) by stance."""

    name: str
    side: Optional[str]
    statements: int
    stances: dict[str, int]


@dataclass(frozen=True)
class ActorClaim:
    """A ledger claim an actor spoke on, with the stances it took."""

    id: int
    text: Optional[str]
    status: Optional[str]
    stances: tuple[str, ...]


@dataclass(frozen=True)
class ActorStatement:
    source: str
    stance: str
    cue: str
    content: str
    outlet: Optional[str]
    published: Optional[str]


@dataclass(frozen=True)
class RecordShare:
    """Assertions (or denials) on resolved claims: how many held, how many failed, and which;
    ``fraction`` (held / of) is null below the minimum of resolved claims."""

    held: int
    failed: int
    of: int
    fraction: Optional[float]
    held_claims: tuple[int, ...]
    failed_claims: tuple[int, ...]


@dataclass(frozen=True)
class RecordCount:
    count: int
    claims: tuple[int, ...]


@dataclass(frozen=True)
class RecordLead:
    """Days from the first statement on a claim to its resolution; the summary is null below the minimum."""

    count: int
    median: Optional[Union[int, float]]
    min: Optional[int]
    max: Optional[int]
    claims: tuple[int, ...]


@dataclass(frozen=True)
class RecordClaim:
    """How one resolved claim went for the speaker: ``outcome`` is held, failed, uncommitted, relayed,
    after_resolution or undated; ``stance`` (for, against, uncommitted) its latest before resolution;
    ``carried``: the stances (for, against) its statements carried, from any source."""

    id: int
    text: str
    status: str
    resolved: Optional[str]
    outcome: str
    stance: Optional[str]
    first_spoke: Optional[str]
    lead_days: Optional[int]
    carried: tuple[str, ...]


@dataclass(frozen=True)
class CarriedShares:
    """An outlet's reporting: assertions and denials its articles carried from any source."""

    assertions: RecordShare
    denials: RecordShare


@dataclass(frozen=True)
class RecordView:
    """How an actor's or an outlet's word held up on claims that resolved (:mod:`claimwatch.ledger.records`);
    ``carried`` is for outlets only (null for an actor)."""

    kind: str  # actor | outlet
    name: str
    names: tuple[str, ...]
    resolved_claims: int
    min_resolved: int
    enough: bool
    note: Optional[str]
    assertions: RecordShare
    denials: RecordShare
    uncommitted: RecordCount
    relayed: RecordCount
    after_resolution: RecordCount
    undated: RecordCount
    by_status: dict[str, RecordCount]
    lead_days: RecordLead
    claims: tuple[RecordClaim, ...]
    carried: Optional[CarriedShares] = None


@dataclass(frozen=True)
class ActorProfile:
    """An actor's stance profile: statements by stance, the claims it spoke on, its track record."""

    name: str
    names: tuple[str, ...]
    side: Optional[str]
    stances: dict[str, int]
    claims: tuple[ActorClaim, ...]
    statements: tuple[ActorStatement, ...]
    record: Optional[RecordView] = None


@dataclass(frozen=True)
class SearchHit:
    """A statement found by full-text search, with its article (``article`` is the article id)."""

    source: str
    stance: str
    cue: str
    content: str
    outlet: Optional[str]
    published: Optional[str]  # null when the article gave no date
    title: Optional[str]
    article: str


# --- articles --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleSummary:
    """An article without its text: provenance, copy link and how many statements it holds.
    ``undated`` is true when the article gave no date (``published`` is then when it was ingested)."""

    id: str
    title: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    undated: bool
    near_duplicate_of: Optional[str]
    wire_source: Optional[str]
    ingested_at: Optional[str]
    chars: int
    statements: int


@dataclass(frozen=True)
class ArticleStatement:
    """A statement in an article with its character spans; ``claim``: the ledger claim it is about."""

    sid: str
    source: str
    source_start: Optional[int]
    source_end: Optional[int]
    cue: str
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    stance: str
    certainty: Optional[str]
    act: Optional[str]
    claim: Optional[int]


@dataclass(frozen=True)
class ArticleDetail:
    """One article with its text and statements; ``published`` is null when the article gave no date."""

    id: str
    title: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    undated: bool
    near_duplicate_of: Optional[str]
    wire_source: Optional[str]
    ingested_at: Optional[str]
    text: str
    statements: tuple[ArticleStatement, ...]


# --- stories ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoryClaim:
    id: int
    text: str
    status: str


@dataclass(frozen=True)
class StorySummary:
    """A story: articles grouped automatically (docs/stories.md), with its most-carried claims.
    ``independent_articles`` counts distinct sources (near-copies and wire relays count once);
    ``s<id>`` selects the story in ``--story`` and ``?story=``."""

    id: int
    label: str
    articles: int
    independent_articles: int
    first_seen: Optional[str]
    last_seen: Optional[str]
    top_claims: tuple[StoryClaim, ...]


@dataclass(frozen=True)
class StoryMember:
    """An article of a story and how it joined: ``method`` new, joined (with ``score``), copy or rebuilt."""

    id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    url: Optional[str]
    score: Optional[float]
    method: Optional[str]
    near_duplicate_of: Optional[str]
    wire_source: Optional[str]


@dataclass(frozen=True)
class StoryDetail:
    """One story: its summary with every claim (most-carried first) and its articles, oldest first."""

    id: int
    label: str
    articles: int
    independent_articles: int
    first_seen: Optional[str]
    last_seen: Optional[str]
    claims: tuple[StoryClaim, ...]
    members: tuple[StoryMember, ...] = field(default=())


__all__ = [
    "ActorClaim", "ActorProfile", "ActorStatement", "ActorSummary", "ArticleDetail", "ArticleStatement",
    "ArticleSummary", "CarriedShares", "ClaimDetail", "ClaimStatement", "ClaimSummary", "Figure", "Member",
    "ReasonStatement", "RecordClaim", "RecordCount", "RecordLead", "RecordShare", "RecordView", "SearchHit",
    "Sources", "StatusReason", "StoryClaim", "StoryDetail", "StoryMember", "StorySummary", "TimelineEvent",
    "as_data",
]
