"""Named queries over the ledger: claims with their standing, one claim's history, actors, articles.

Each returns the read models of :mod:`claimwatch.ledger.read_models` (frozen dataclasses), which the
CLI, the web UI and API, the report and the exports all use as they are.

Counts of sources are over *sides* (see :mod:`claimwatch.ledger.status`) in independent articles:
a wire copy or a near-duplicate adds no source, a side that spoke several times counts once,
by its latest stance, and a relayed statement counts its original source, not the outlets that
passed it on (``via``, see :mod:`claimwatch.nlp.provenance`).
"""
from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Optional

from claimwatch.dates import day
from claimwatch.errors import InputError, LedgerError
from claimwatch.ledger.read_models import (
    ActorClaim, ActorProfile, ActorStatement, ActorSummary, ArticleDetail, ArticleStatement, ArticleSummary,
    ClaimDetail, ClaimStatement, ClaimSummary, Figure, Member, ReasonStatement, RelatedClaim, SearchHit, Sources, StatusReason,
    TimelineEvent,
)
from claimwatch.ledger.sql import DATED, in_chunks, placeholders
from claimwatch.ledger.status import side_key
from claimwatch.ledger.store import Ledger
from claimwatch.model import STANCE_POLARITY


def _standing(ledger: Ledger, ledger_id: int) -> Sources:
    latest: dict[str, int] = {}
    for fact in ledger.claims.facts(ledger_id):
        latest[side_key(fact)] = STANCE_POLARITY.get(fact.stance, 0)
    values = list(latest.values())
    return {"for": sum(v > 0 for v in values), "uncommitted": sum(v == 0 for v in values),
            "against": sum(v < 0 for v in values)}


def _ensure_matched(ledger: Ledger) -> None:
    """Claims stored by a ledger older than migration 2 are matched on first read.

    Checked once per open ledger: since migration 2 every article's claims are matched in the
    article's own transaction, so the full-table check need not run on every page (it costs close to a
    second at a million statements)."""
    book = ledger.claims
    if book.checked_pending:
        return
    if book.pending():
        book.match_pending()
    book.checked_pending = True


def list_claims(ledger: Ledger, story: Optional[str] = None, limit: Optional[int] = None) -> list[ClaimSummary]:
    """Ledger claims, most-discussed first, with their standing; ``story`` as in :func:`select_claims`."""
    rows = select_claims(ledger, story)
    return [ClaimSummary(id=r["id"], text=r["text"], status=r["status"], event_type=r["event_type"], agent=r["agent"],
                         story=r["story"], first_seen=r["first_seen"], last_seen=r["last_seen"], members=r["members"],
                         sources=_standing(ledger, r["id"]))
            for r in (rows[:limit] if limit else rows)]


def select_claims(ledger: Ledger, story: Optional[str] = None) -> list[sqlite3.Row]:
    """The ledger claim rows a ``--story`` value selects, most-discussed first: a story id ("3", "s3")
    gives the claims of that story's articles, any other text the claims :func:`text_matches` keeps."""
    from claimwatch.ledger.stories import resolve_story, story_claim_ids

    _ensure_matched(ledger)
    rows = ledger.connection.execute(
        "SELECT l.*, (SELECT COUNT(*) FROM ledger_claim_members m WHERE m.ledger_claim_id = l.id) AS members"
        " FROM ledger_claims l ORDER BY members DESC, l.first_seen, l.id").fetchall()
    if not story:
        return rows
    selection = resolve_story(ledger, story)
    if selection.by_id:
        keep = set(story_claim_ids(ledger, selection.story_id))
    else:
        keep = set(text_matches(ledger, story, rows))
    return [r for r in rows if r["id"] in keep]


def text_matches(ledger: Ledger, text: str, rows: Optional[list[sqlite3.Row]] = None) -> list[int]:
    """Ids of the claims whose text, agent, event type, topic key or story label hold every word of
    ``text`` (as word starts, plurals folded): the one reading of a text filter, for ``--story`` and
    for query watches alike."""
    needle = filter_words(text)
    if rows is None:
        rows = ledger.connection.execute("SELECT id, text, agent, event_type, story FROM ledger_claims").fetchall()
    labels = _story_labels(ledger)
    out = []
    for r in rows:
        haystack = filter_words(f"{r['story'] or ''} {r['text']} {r['agent'] or ''} {r['event_type'] or ''} "
                                 f"{labels.get(r['id'], '')}")
        if all(any(word.startswith(part) for word in haystack) for part in needle):
            out.append(r["id"])
    return out


def filter_words(text: str) -> list[str]:
    """Words of a text filter, folded so that "troops" finds "troop" and "Korea" finds "Korean"."""
    words = re.findall(r"\w+", text.casefold().replace("_", " "))
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def _story_labels(ledger: Ledger) -> dict[int, str]:
    """Ledger claim id -> the labels of the automatic stories its articles belong to."""
    labels: dict[int, set[str]] = {}
    for claim_id, label in ledger.connection.execute(
            "SELECT DISTINCT m.ledger_claim_id, s.label FROM ledger_claim_members m"
            " JOIN claims c ON c.pk = m.claim_pk JOIN article_stories a ON a.article_id = c.article_id"
            " JOIN stories s ON s.id = a.story_id"):
        labels.setdefault(claim_id, set()).add(label or "")
    return {claim_id: " ".join(sorted(names)) for claim_id, names in labels.items()}


def claim_detail(ledger: Ledger, ledger_id: int) -> ClaimDetail:
    """One ledger claim: its timeline, its statements by stance with outlet and date, its figures."""
    _ensure_matched(ledger)
    conn = ledger.connection
    row = conn.execute("SELECT * FROM ledger_claims WHERE id = ?", (ledger_id,)).fetchone()
    if row is None:
        raise InputError(f"no claim {ledger_id} in {ledger.path}; list them with `claimwatch claims`")
    statement_cols = (f"s.pk, s.source, s.cue, s.content, s.stance, s.certainty, a.outlet, {DATED} AS published, a.title,"
                      " a.url, src.independent, a.near_duplicate_of, s.via")
    events = tuple(TimelineEvent(**e) for e in conn.execute(
        "SELECT e.date, e.kind, e.from_status, e.to_status, e.note, s.source, a.outlet"
        " FROM claim_events e LEFT JOIN statements s ON s.pk = e.statement_pk"
        " LEFT JOIN articles a ON a.id = s.article_id WHERE e.ledger_claim_id = ? ORDER BY e.id", (ledger_id,)))
    by_stance: dict[str, list[ClaimStatement]] = {}
    for s in conn.execute(
            f"SELECT DISTINCT {statement_cols} FROM ledger_claim_members m"
            " JOIN statement_claims sc ON sc.claim_pk = m.claim_pk JOIN statements s ON s.pk = sc.statement_pk"
            " JOIN articles a ON a.id = s.article_id JOIN article_sources src ON src.id = a.id"
            " WHERE m.ledger_claim_id = ? ORDER BY a.published, a.rowid, s.pos", (ledger_id,)):
        fields = {k: s[k] for k in s.keys() if k != "pk"}
        fields["independent"] = bool(s["independent"])
        fields["via"] = tuple(json.loads(s["via"] or "[]"))  # the provenance chain, outermost first
        by_stance.setdefault(s["stance"], []).append(ClaimStatement(**fields))
    quantities = tuple(Figure(**{**q, "approximate": bool(q["approximate"])}) for q in map(dict, conn.execute(
        "SELECT q.value, q.unit, q.text, q.approximate, q.date, s.source, a.outlet FROM claim_quantities q"
        " LEFT JOIN statements s ON s.pk = q.statement_pk LEFT JOIN articles a ON a.id = s.article_id"
        " WHERE q.ledger_claim_id = ? ORDER BY q.date, q.id", (ledger_id,))))
    members = tuple(Member(**m) for m in conn.execute(
        f"SELECT c.text, c.predicate, c.subject, m.method, m.score, a.outlet, {DATED} AS published"
        " FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk JOIN articles a ON a.id = c.article_id"
        " WHERE m.ledger_claim_id = ? ORDER BY a.published, a.rowid, c.pos", (ledger_id,)))
    return ClaimDetail(id=row["id"], text=row["text"], status=row["status"], event_type=row["event_type"],
                       agent=row["agent"], story=row["story"], first_seen=row["first_seen"], last_seen=row["last_seen"],
                       members=members, sources=_standing(ledger, ledger_id), status_reason=status_reason(conn, row),
                       timeline=events, statements={k: tuple(v) for k, v in by_stance.items()}, quantities=quantities,
                       related=tuple(RelatedClaim(**r) for r in conn.execute(
                           "SELECT l.id, l.text, l.status FROM ledger_claim_links k"
                           " JOIN ledger_claims l ON l.id = k.related_id WHERE k.ledger_claim_id = ? ORDER BY l.id",
                           (ledger_id,))))


def status_reason(conn: sqlite3.Connection, row: sqlite3.Row) -> StatusReason:
    """Why the claim has its status, in one sentence a reader can check: the status rule that held
    and the statements behind it ("confirmed: admitted by the party concerned ... - KCNA (Pacific
    Monitor, 2025-04-28)"), with those statements' ids."""
    pks = json.loads(row["status_statements"] or "[]")
    cited = []
    for chunk in in_chunks(pks):
        cited += [dict(r) for r in conn.execute(
            f"SELECT s.pk, s.article_id || ':' || s.id AS id, s.source, s.stance, a.outlet, {DATED} AS published"
            f" FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.pk IN ({placeholders(chunk)})",
            tuple(chunk))]
    order = {pk: n for n, pk in enumerate(pks)}
    cited.sort(key=lambda r: order[r.pop("pk")])
    who = "; ".join(f"{c['source']} ({', '.join(x for x in (c['outlet'], day(c['published'])) if x)})"
                    for c in cited)
    reason = row["status_reason"] or ""
    text = f"{row['status']}: {reason}" + (f" - {who}" if who and reason else "")
    return StatusReason(rule=reason, text=text if reason else row["status"],
                        statements=tuple(ReasonStatement(**c) for c in cited))


def list_actors(ledger: Ledger) -> list[ActorSummary]:
    """Every named source with its side and how many statements of each stance it made."""
    rows = ledger.connection.execute(
        "SELECT s.source, s.stance, COUNT(*) AS n, COUNT(DISTINCT s.article_id) AS articles,"
        " (SELECT x.affiliation FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source LIMIT 1) AS aff"
        " FROM statements s JOIN article_sources src ON src.id = s.article_id"
        " WHERE src.independent AND s.source != 'unnamed' GROUP BY s.source, s.stance").fetchall()
    actors: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = actors.setdefault(r["source"], {"name": r["source"], "side": ledger.claims.side(r["source"], r["aff"]),
                                                "statements": 0, "stances": {}})
        entry["statements"] += r["n"]
        entry["stances"][r["stance"]] = entry["stances"].get(r["stance"], 0) + r["n"]
    return [ActorSummary(**a) for a in sorted(actors.values(), key=lambda a: (-a["statements"], a["name"]))]


def actor_profile(ledger: Ledger, name: str) -> ActorProfile:
    """An actor's stance profile: its statements by stance and the ledger claims it spoke on."""
    _ensure_matched(ledger)
    from claimwatch.ledger.records import actor_names, track_record

    conn = ledger.connection
    names = actor_names(ledger, name)
    marks = ",".join("?" * len(names))
    rows = conn.execute(
        f"SELECT s.source, s.stance, s.cue, s.content, a.outlet, {DATED} AS published, m.ledger_claim_id, l.text AS claim,"
        " l.status FROM statements s JOIN articles a ON a.id = s.article_id"
        " JOIN article_sources src ON src.id = a.id"
        " LEFT JOIN statement_claims sc ON sc.statement_pk = s.pk"
        " LEFT JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk"
        " LEFT JOIN ledger_claims l ON l.id = m.ledger_claim_id"
        f" WHERE s.source IN ({marks}) AND src.independent ORDER BY a.published, s.pos", names).fetchall()
    stances: dict[str, int] = {}
    claims: dict[int, dict[str, Any]] = {}
    seen = set()
    statements = []
    for r in rows:
        key = (r["source"], r["content"], r["published"])
        if key not in seen:
            seen.add(key)
            stances[r["stance"]] = stances.get(r["stance"], 0) + 1
            statements.append(ActorStatement(**{k: r[k] for k in ("source", "stance", "cue", "content", "outlet",
                                                                  "published")}))
        if r["ledger_claim_id"] is not None:
            entry = claims.setdefault(r["ledger_claim_id"], {"id": r["ledger_claim_id"], "text": r["claim"],
                                                             "status": r["status"], "stances": []})
            if r["stance"] not in entry["stances"]:
                entry["stances"].append(r["stance"])
    affiliation = conn.execute(
        "SELECT affiliation FROM actors WHERE name = ? AND affiliation IS NOT NULL"
        " GROUP BY affiliation ORDER BY COUNT(*) DESC LIMIT 1", (names[0],)).fetchone()
    side = ledger.claims.side(names[0], affiliation[0] if affiliation else None)
    return ActorProfile(name=names[0] if len(names) == 1 else name, names=tuple(names), side=side, stances=stances,
                        claims=tuple(ActorClaim(**{**c, "stances": tuple(c["stances"])}) for c in claims.values()),
                        statements=tuple(statements), record=track_record(ledger, name, names).view())


def search(ledger: Ledger, text: str, limit: int = 50) -> list[SearchHit]:
    """Statements whose content has every word of ``text``, with their article's outlet and date."""
    if not text.strip():
        raise InputError("give some words to search for, e.g. `claimwatch search \"troops Kursk\"`")
    try:
        found = ledger.search(text, limit=limit)
    except Exception as exc:  # noqa: BLE001 - an FTS syntax problem is the user's input
        raise LedgerError(f"search failed: {exc}") from exc
    return [SearchHit(source=s.source, stance=s.stance, cue=s.cue, content=s.content, outlet=a.outlet,
                      published=None if a.published_is_fallback else a.published, title=a.title, article=a.id)
            for s, a in found]


# --- articles ----------------------------------------------------------------------------------

def list_articles(ledger: Ledger) -> list[ArticleSummary]:
    """Every article without its text: provenance, copy link and how many statements it holds; dated
    articles by date, then the undated ones (whose stored date is the ingestion time) as ingested."""
    rows = ledger.connection.execute(
        f"SELECT a.id, a.title, a.url, a.outlet, {DATED} AS published, a.published_is_fallback AS undated,"
        " a.near_duplicate_of, a.wire_source, a.ingested_at, length(a.text) AS chars,"
        " (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements"
        " FROM articles a ORDER BY a.published_is_fallback, a.published, a.rowid").fetchall()
    return [ArticleSummary(**{**dict(r), "undated": bool(r["undated"])}) for r in rows]


def article_detail(ledger: Ledger, article_id: str) -> Optional[ArticleDetail]:
    """One article with its text and its statements (with their spans and ledger claim), or None."""
    record = ledger.article_record(article_id)
    if record is None:
        return None
    claims = {r[0]: r[1] for r in ledger.connection.execute(
        "SELECT sc.statement_pk, m.ledger_claim_id FROM statements s JOIN statement_claims sc"
        " ON sc.statement_pk = s.pk JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk"
        " WHERE s.article_id = ?", (article_id,))}
    statements = tuple(
        ArticleStatement(**{k: r[k] for k in r.keys() if k != "pk"}, claim=claims.get(r["pk"]))
        for r in ledger.connection.execute(
            "SELECT s.pk, s.id AS sid, s.source, s.source_start, s.source_end, s.cue, s.cue_start, s.cue_end,"
            " s.content, s.content_start, s.content_end, s.stance, s.certainty, s.act"
            " FROM statements s WHERE s.article_id = ? ORDER BY s.pos", (article_id,)))
    article = record.article
    return ArticleDetail(id=article.id, title=article.title, url=article.url, outlet=article.outlet,
                         published=None if article.published_is_fallback else article.published,
                         undated=article.published_is_fallback, near_duplicate_of=record.near_duplicate_of,
                         wire_source=record.wire_source, ingested_at=record.ingested_at, text=article.text,
                         statements=statements)
