"""A ledger story as the analyses the assessment reads: a story's articles (by story id) or the
articles whose statements match a text.

Uses the ledger's reading API (``search``, ``article_record``, ``analysis``, ``list_claims``); copies of
an article already included (near-duplicates, wire reprints) are left out so they do not count as
separate sources.
"""
from __future__ import annotations

from typing import Optional

from claimwatch.assess.model import LedgerStanding, StatusStep
from claimwatch.ledger.store import Ledger
from claimwatch.model import Analysis

SEARCH_LIMIT = 500


def story_analyses(ledger: Ledger, text: str, limit: int = SEARCH_LIMIT) -> list[Analysis]:
    """Stored analyses of the independent articles of story ``text`` when it is a story id ("3",
    "s3"), else of those with a statement matching ``text``; oldest first."""
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
    analyses.sort(key=lambda a: (a.article.published or "", ids.index(a.article.id)))
    return analyses


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
APPEAL_ACTS = ("appeal",)


def ledger_standings(ledger: Ledger, text: Optional[str], limit: int = STANDING_LIMIT) -> list[LedgerStanding]:
    """The story's (or, without ``text``, the ledger's) most-carried claims with their status history,
    for the assessment to state.

    Each step (first allegation, every status change) keeps the statement behind it as a citation; the
    denials are cited too, so a sentence that counts sources "against" rests on them.
    """
    from claimwatch.ledger.queries import list_claims

    out = []
    for claim in list_claims(ledger, story=text, limit=limit * 4):
        if len(out) >= limit:
            break
        if claim["members"] < 2 or not claim["event_type"]:
            continue  # one article's claim has no history worth a sentence; an untyped one may be no proposition
        rows = ledger.connection.execute(
            "SELECT e.kind, e.to_status, e.date, s.source, s.article_id, s.id, s.act FROM claim_events e"
            " JOIN statements s ON s.pk = e.statement_pk WHERE e.ledger_claim_id = ? ORDER BY e.date, e.id",
            (claim["id"],)).fetchall()
        if rows and rows[0]["act"] in APPEAL_ACTS:
            continue  # "called on allies to respond": a demand, not a claim of fact
        steps = tuple(StatusStep(status=r["to_status"], date=r["date"], source=r["source"],
                                 cite=f"{r['article_id']}:{r['id']}") for r in rows if r["kind"] in STATUS_STEPS)
        cites = tuple(dict.fromkeys(f"{r['article_id']}:{r['id']}" for r in rows))
        out.append(LedgerStanding(claim_id=claim["id"], text=claim["text"], status=claim["status"], steps=steps,
                                  counts=dict(claim["sources"]), cites=cites))
    return out
