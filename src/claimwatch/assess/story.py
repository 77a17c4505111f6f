"""A ledger story as the analyses the assessment reads: a story's articles (by story id) or the
articles whose statements match a text.

Uses the ledger's reading API (``search``, ``article_record``, ``analysis``, ``list_claims``); copies of
an article already included (near-duplicates, wire reprints) are left out so they do not count as
separate sources.
"""
from __future__ import annotations

from typing import Optional, Sequence

from claimwatch.assess.model import LedgerStanding, StatusStep
from claimwatch.assess.topics import article_day
from claimwatch.ledger.status import Fact, side_key
from claimwatch.ledger.store import Ledger
from claimwatch.model import STANCE_POLARITY
from claimwatch.model import Analysis

SEARCH_LIMIT = 500


def published_by(analysis: Analysis, as_of: Optional[str]) -> bool:
    """Whether an article counts in a replay as of ``as_of`` (YYYY-MM-DD): always without one; with
    one, only when dated on or before it (an undated article cannot be placed before any date)."""
    if as_of is None:
        return True
    day = article_day(analysis.article)
    return day is not None and day <= as_of[:10]


def story_analyses(ledger: Ledger, text: str, limit: int = SEARCH_LIMIT, as_of: Optional[str] = None) -> list[Analysis]:
    """Stored analyses of the independent articles of story ``text`` when it is a story id ("3",
    "s3"), else of those with a statement matching ``text``; oldest first, the undated last (by
    ingestion); with ``as_of``, only those published by that day."""
    return [a for a in _story_analyses(ledger, text, limit) if published_by(a, as_of)]


def _story_analyses(ledger: Ledger, text: str, limit: int) -> list[Analysis]:
    from claimwatch.ledger.stories import resolve_story, story_article_ids

    selection = resolve_story(ledger, text)
    if selection.by_id:
        found = (ledger.analysis(i) for i in story_article_ids(ledger, selection.story_id, independent_only=True))
        return [a for a in found if a is not None]
    ids: list[str] = []
    for _, article in ledger.search(text, limit=limit):
        if article.id not in ids:
            ids.append(article.id)
    for article_id in _carrying_claims(ledger, text):  # the claims `claims --story TEXT` lists
        if article_id not in ids and len(ids) < limit:
            ids.append(article_id)
    analyses = []
    for article_id in ids:
        record = ledger.article_record(article_id)
        if record is None or not record.independent:
            continue
        analysis = ledger.analysis(article_id)
        if analysis is not None:
            analyses.append(analysis)
    analyses.sort(key=lambda a: (article_day(a.article) is None, a.article.published or "", ids.index(a.article.id)))
    return analyses


def story_sides(ledger: Ledger, analyses: Sequence[Analysis]) -> dict[str, str]:
    """Article-qualified citation id -> the side the ledger counts the statement for, so the assessment groups
    speakers as the ledger's statuses do ("Zelensky" in one article and "Volodymyr Zelensky,
    Ukraine's president" in another are both Ukraine)."""
    from claimwatch.ledger import matching

    out: dict[str, str] = {}
    for analysis in analyses:
        for s in analysis.statements:
            if s.source == "unnamed":
                continue
            actor = analysis.actor(s.source)
            affiliation = actor.affiliation if actor is not None else None
            if actor is not None and actor.kind in ("anonymous", "unnamed"):
                side = matching.resolve_side(s.source, affiliation)
            else:
                side = ledger.claims.side(s.source, affiliation)
            if side:
                out[f"{analysis.article.id}:{s.id}"] = side
    return out


def _carrying_claims(ledger: Ledger, text: str) -> list[str]:
    """Articles carrying the ledger claims the text filter selects, so a story's assessment and its
    claim list cover the same claims."""
    from claimwatch.ledger.queries import select_claims

    claim_ids = [r["id"] for r in select_claims(ledger, text)]
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    return [r[0] for r in ledger.connection.execute(
        "SELECT DISTINCT c.article_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
        f" WHERE m.ledger_claim_id IN ({marks})", claim_ids)]


STATUS_STEPS = ("first_alleged", "status_change")
STANDING_LIMIT = 3
CANDIDATE_LIMIT = 40  # the most-carried claims among which the central ones are ranked
APPEAL_ACTS = ("appeal",)


def _by(date: Optional[str], as_of: Optional[str]) -> bool:
    """Whether something dated ``date`` had happened by ``as_of`` (undated: only without a replay)."""
    return as_of is None or (date is not None and date[:10] <= as_of[:10])


def _counts(facts: Sequence[Fact]) -> dict[str, int]:
    """Independent sides for, uncommitted and against, each by its latest statement (as the ledger)."""
    latest: dict[str, int] = {}
    for fact in facts:
        latest[side_key(fact)] = STANCE_POLARITY.get(fact.stance, 0)
    values = list(latest.values())
    return {"for": sum(v > 0 for v in values), "uncommitted": sum(v == 0 for v in values),
            "against": sum(v < 0 for v in values)}


def ledger_standings(ledger: Ledger, text: Optional[str], limit: int = STANDING_LIMIT,
                     as_of: Optional[str] = None) -> list[LedgerStanding]:
    """The story's (or, without ``text``, the ledger's) central claims with their status history,
    for the assessment to state first: those with the most independent sources for them, then
    sources in all, reports, statements (a claim one side made once is left out).

    Each step (first allegation, every status change) keeps the statement behind it as a citation; the
    denials are cited too, so a sentence that counts sources "against" rests on them. With ``as_of``
    only the statements and status changes dated by that day count.
    """
    from claimwatch.ledger.queries import list_claims

    ranked = []
    for order, claim in enumerate(list_claims(ledger, story=text, limit=CANDIDATE_LIMIT)):
        facts = [f for f in ledger.claims.facts(claim.id) if _by(f.date, as_of)]
        counts = _counts(facts)
        sides = counts["for"] + counts["uncommitted"] + counts["against"]
        reports = len({f.source_key for f in facts})
        if max(sides, reports) < 2 or not counts["for"]:
            continue  # one side's claim in one report has no standing worth a sentence; nor an unasserted one
        ranked.append((-counts["for"], -sides, -reports, -len(facts), order, claim, counts))
    ranked.sort(key=lambda r: r[:5])
    out = []
    for *_, claim, counts in ranked:
        if len(out) >= limit:
            break
        rows = [r for r in ledger.connection.execute(
            "SELECT e.kind, e.to_status, e.date, s.source, s.stance, s.article_id, s.id, s.act FROM claim_events e"
            " JOIN statements s ON s.pk = e.statement_pk WHERE e.ledger_claim_id = ? ORDER BY e.id",
            (claim.id,)).fetchall() if _by(r["date"], as_of)]
        if not rows or rows[0]["act"] in APPEAL_ACTS:
            continue  # "called on allies to respond": a demand, not a claim of fact
        steps = tuple(StatusStep(status=r["to_status"], date=(r["date"] or "")[:10] or None, source=r["source"],
                                 cite=f"{r['article_id']}:{r['id']}", stance=r["stance"])
                      for r in rows if r["kind"] in STATUS_STEPS)
        cites = tuple(dict.fromkeys(f"{r['article_id']}:{r['id']}" for r in rows))
        status = steps[-1].status if steps else claim.status
        out.append(LedgerStanding(claim_id=claim.id, text=claim.text, status=status, steps=steps,
                                  counts=counts, cites=cites))
    return out
