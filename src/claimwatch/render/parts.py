"""The pieces every human-readable view shares (grouping by claim, how a source, a quantity or a piece
of evidence reads), so the terminal and Markdown views cannot drift apart."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from claimwatch.model import Analysis, Claim, Quantity, Statement

FORMATS = ("text", "json", "markdown")
CONTENT_LIMIT = 160
OTHER_HEADING = "Other statements"

# What each stance means, shown as a legend; wording follows the evaluation contract.
STANCE_LEGEND = {
    "asserts": "states it as true, on its own authority",
    "supports": "endorses someone else's claim",
    "uncommitted": "neither affirms nor rejects",
    "disputes": "casts doubt without flatly rejecting",
    "denies": "rejects it",
}


@dataclass(frozen=True)
class Group:
    """Statements shown under one heading: a claim, or ``claim=None`` for statements without one."""

    claim: Optional[Claim]
    statements: tuple[Statement, ...]

    @property
    def heading(self) -> str:
        return self.claim.text if self.claim else OTHER_HEADING


def group_by_claim(analysis: Analysis) -> list[Group]:
    """Claims in analysis order, each with its statements in text order; unclaimed ones last.

    A statement about two claims is listed under both, since a reader scans one claim at a time.
    """
    ordered = sorted(analysis.statements, key=lambda s: (s.content_span[0], s.cue_span[0], s.id))
    known = {c.id for c in analysis.claims}
    groups = [
        Group(claim, tuple(s for s in ordered if claim.id in s.claims))
        for claim in analysis.claims
    ]
    other = tuple(s for s in ordered if not any(c in known for c in s.claims))
    if other:
        groups.append(Group(None, other))
    return groups


def describe_source(analysis: Analysis, statement: Statement) -> str:
    """The source's name with role and affiliation from its actor record, when known and not the name."""
    if statement.source == "unnamed":
        return "unnamed source" + format_via(statement.via)
    actor = analysis.actor(statement.source)
    details = [d for d in (actor.role, actor.affiliation) if d and d != statement.source] if actor else []
    return (f"{statement.source} ({', '.join(details)})" if details else statement.source) + format_via(statement.via)


VIA_ARROW = " → "


def format_via(via) -> str:
    """The provenance chain after a source's name: " (via Yonhap → lawmaker)", outermost first."""
    return f" (via {VIA_ARROW.join(via)})" if via else ""


def truncate(text: str, limit: int = CONTENT_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def format_quantity(q: Quantity) -> str:
    """``~3,000 troops``: normalised value and unit; ``~`` marks an approximate figure."""
    value = q.value
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return f"{'~' if q.approximate else ''}{number} {q.unit}".strip()


def format_evidence(statement: Statement) -> list[str]:
    """Each piece of evidence as its kind, plus the words that name it when different."""
    out = []
    for ev in statement.evidence:
        kind = ev.kind.replace("_", " ")
        out.append(f'{kind} ("{truncate(ev.text, 60)}")' if ev.text else kind)
    return out


def format_hedges(statement: Statement) -> str:
    """The words behind certainty or distance ("could", "reportedly"), comma-separated."""
    return ", ".join(statement.hedges)


def flags(statement: Statement) -> list[str]:
    """Conditional and distanced markers, as words."""
    return [name for name, on in (("conditional", statement.conditional),
                                  ("distanced", statement.distanced)) if on]


def title_of(analysis: Analysis) -> str:
    """What to call the article in a heading: its title, else its path, else its id."""
    art = analysis.article
    return art.title or art.path or f"article {art.id}"
