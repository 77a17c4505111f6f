"""What the exports read from the ledger: claims with their appearances, statements and timeline.

Status, source counts and first/last seen come from :func:`claimwatch.ledger.queries.list_claims`
and the timeline is the stored ``claim_events`` (the rows ``claim_detail`` shows), so an export says
exactly what ``claimwatch claims`` / ``claim ID`` say. The extra queries here only add what those read
models drop and an export needs to be traceable: the statement and article ids behind each entry.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, fields
from typing import Any, Optional, Sequence

from claimwatch.errors import InputError
from claimwatch.ledger.queries import list_claims
from claimwatch.ledger.read_models import ClaimSummary
from claimwatch.ledger.sql import in_chunks
from claimwatch.ledger.store import Ledger

RESOLVED = ("confirmed", "denied", "retracted")


@dataclass(frozen=True)
class ArticleRef:
    """An article carrying a claim: where the claim appeared, and when."""

    id: str
    title: Optional[str]
    url: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    independent: bool = True


@dataclass(frozen=True)
class StatementRef:
    """One stored statement on a claim; ``key`` (``ARTICLE_ID#STATEMENT_ID``) finds it in the ledger."""

    key: str
    article: ArticleRef
    statement_id: str
    source: str
    source_kind: Optional[str]
    cue: str
    content: str
    stance: str
    certainty: str
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRef:
    """One stored timeline entry, with the key of the statement behind it."""

    date: Optional[str]
    kind: str
    from_status: Optional[str]
    to_status: Optional[str]
    note: str
    statement_key: Optional[str]


@dataclass(frozen=True)
class ClaimRecord(ClaimSummary):
    """A ledger claim as ``claimwatch claims`` lists it (:class:`ClaimSummary`) with everything the
    JSON-LD needs on top: appearances, statements, timeline."""

    appearances: tuple[ArticleRef, ...] = ()
    statements: tuple[StatementRef, ...] = ()
    events: tuple[EventRef, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        """Confirmed, denied or retracted: the claims a ClaimReview draft is written for."""
        return self.status in RESOLVED

    @property
    def author(self) -> Optional[StatementRef]:
        """The first named source to assert (or back) the claim in an independent article, if any."""
        for independent_only in (True, False):
            for s in self.statements:
                if s.stance in ("asserts", "supports") and s.source != "unnamed" \
                        and s.source_kind not in ("unnamed",) and (s.article.independent or not independent_only):
                    return s
        return None

    def statement(self, key: str) -> Optional[StatementRef]:
        return next((s for s in self.statements if s.key == key), None)


@dataclass(frozen=True)
class Selection:
    """The claims and articles an export covers: everything, or one story."""

    claim_ids: tuple[int, ...]
    article_ids: frozenset[str]
    story: Optional[str] = None


# --- selection -----------------------------------------------------------------------------------

def select(ledger: Ledger, story: Optional[str] = None) -> Selection:
    """The claims (most discussed first) and the articles carrying them; ``story`` narrows both.

    A story is resolved by ``claimwatch.ledger.stories.resolve_story`` when that module provides
    article ids for it; otherwise ``story`` filters claims as ``claimwatch claims --story`` does.
    """
    rows = list_claims(ledger)
    conn = ledger.connection
    if story is None:
        articles = frozenset(r[0] for r in conn.execute("SELECT id FROM articles"))
        return Selection(tuple(r.id for r in rows), articles, None)
    story_articles = _story_articles(ledger, story)
    if story_articles is not None:
        carrying = _claim_articles(conn, [r.id for r in rows])
        ids = tuple(r.id for r in rows if carrying.get(r.id, set()) & story_articles)
        articles = frozenset(story_articles)
    else:
        ids = tuple(r.id for r in list_claims(ledger, story=story))
        articles = frozenset(a for found in _claim_articles(conn, ids).values() for a in found)
    if not ids:
        raise InputError(f"no claims for story {story!r} in {ledger.path}; list them with `claimwatch claims`")
    return Selection(ids, articles, story)


def _story_articles(ledger: Ledger, story: str) -> Optional[set[str]]:
    """The article ids of a story id, when the stories module exists and knows the value as one."""
    try:
        from claimwatch.ledger.stories import resolve_story  # type: ignore[import-not-found]
    except ImportError:
        return None
    if not _has_table(ledger.connection, "article_stories"):  # a ledger from before stories
        return None
    selection = resolve_story(ledger, story)
    if getattr(selection, "story_id", None) is None:  # not a story id: the text filter applies
        return None
    return set(getattr(selection, "article_ids", ()) or ())


def _claim_articles(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for chunk in in_chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        for lid, aid in conn.execute(
                "SELECT m.ledger_claim_id, c.article_id FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk"
                f" WHERE m.ledger_claim_id IN ({marks})", chunk):
            out.setdefault(lid, set()).add(aid)
    return out


# --- claims ----------------------------------------------------------------------------------------

def has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether a column exists: ``statements.via`` arrives with a later migration."""
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def claim_records(ledger: Ledger, selection: Selection) -> list[ClaimRecord]:
    """The selected claims, in selection order, each with its appearances, statements and timeline."""
    conn = ledger.connection
    wanted = set(selection.claim_ids)
    standing = {r.id: r for r in list_claims(ledger) if r.id in wanted}
    appearances = _appearances(conn, selection.claim_ids)
    statements = _statements(conn, selection.claim_ids)
    events = _events(conn, selection.claim_ids)
    out = []
    summary_fields = [f.name for f in fields(ClaimSummary)]
    for cid in selection.claim_ids:
        summary = standing[cid]
        out.append(ClaimRecord(
            **{name: getattr(summary, name) for name in summary_fields}, appearances=tuple(appearances.get(cid, ())),
            statements=tuple(statements.get(cid, ())), events=tuple(events.get(cid, ()))))
    return out


_ARTICLE_REF = ("a.id AS a_id, a.title AS a_title, a.url AS a_url, a.outlet AS a_outlet,"
                " a.published AS a_published, src.independent AS a_independent")


def _article_ref(row: sqlite3.Row) -> ArticleRef:
    return ArticleRef(id=row["a_id"], title=row["a_title"], url=row["a_url"], outlet=row["a_outlet"],
                      published=row["a_published"], independent=bool(row["a_independent"]))


def _appearances(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[ArticleRef]]:
    out: dict[int, list[ArticleRef]] = {}
    for chunk in in_chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT DISTINCT m.ledger_claim_id AS lid, {_ARTICLE_REF}, a.rowid AS arow"
            " FROM ledger_claim_members m JOIN claims c ON c.pk = m.claim_pk JOIN articles a ON a.id = c.article_id"
            f" JOIN article_sources src ON src.id = a.id WHERE m.ledger_claim_id IN ({marks})"
            " ORDER BY a.published IS NULL, a.published, arow", chunk)
        for row in rows:
            out.setdefault(row["lid"], []).append(_article_ref(row))
    return out


def _statements(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[StatementRef]]:
    via = "s.via" if has_column(conn, "statements", "via") else "'[]'"
    out: dict[int, list[StatementRef]] = {}
    for chunk in in_chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT DISTINCT m.ledger_claim_id AS lid, s.pk, s.id, s.source, s.cue, s.content, s.stance,"
            f" s.certainty, {via} AS via, s.pos, a.rowid AS arow, {_ARTICLE_REF},"
            " (SELECT x.kind FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
            "  ORDER BY x.pos LIMIT 1) AS kind"
            " FROM ledger_claim_members m JOIN statement_claims sc ON sc.claim_pk = m.claim_pk"
            " JOIN statements s ON s.pk = sc.statement_pk JOIN articles a ON a.id = s.article_id"
            f" JOIN article_sources src ON src.id = a.id WHERE m.ledger_claim_id IN ({marks})"
            " ORDER BY a.published IS NULL, a.published, arow, s.pos", chunk)
        for row in rows:
            out.setdefault(row["lid"], []).append(StatementRef(
                key=statement_key(row["a_id"], row["id"]), article=_article_ref(row), statement_id=row["id"],
                source=row["source"], source_kind=row["kind"], cue=row["cue"], content=row["content"],
                stance=row["stance"], certainty=row["certainty"], via=_json_list(row["via"])))
    return out


def _events(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[EventRef]]:
    out: dict[int, list[EventRef]] = {}
    for chunk in in_chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT e.ledger_claim_id AS lid, e.date, e.kind, e.from_status, e.to_status, e.note,"
            " s.article_id, s.id AS sid FROM claim_events e LEFT JOIN statements s ON s.pk = e.statement_pk"
            f" WHERE e.ledger_claim_id IN ({marks}) ORDER BY e.id", chunk)
        for row in rows:
            key = statement_key(row["article_id"], row["sid"]) if row["sid"] is not None else None
            out.setdefault(row["lid"], []).append(EventRef(
                date=row["date"], kind=row["kind"], from_status=row["from_status"], to_status=row["to_status"],
                note=row["note"], statement_key=key))
    return out


def statement_key(article_id: str, statement_id: str) -> str:
    """The stable name of a stored statement: unique per ledger, the same after a re-ingest."""
    return f"{article_id}#{statement_id}"


def _json_list(value: Optional[str]) -> tuple[str, ...]:
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in items) if isinstance(items, list) else ()


# --- flat rows for the tables ------------------------------------------------------------------------

def article_rows(ledger: Ledger, selection: Selection) -> list[dict[str, Any]]:
    """One dict per selected article (no text), oldest first, with its statement and claim counts."""
    conn = ledger.connection
    story = ("(SELECT st.story_id FROM article_stories st WHERE st.article_id = a.id)"
             if _has_table(conn, "article_stories") and has_column(conn, "article_stories", "story_id") else "NULL")
    rows = conn.execute(
        "SELECT a.id, a.title, a.url, a.outlet, a.published, a.published_is_fallback, a.path, a.near_duplicate_of,"
        " a.similarity, COALESCE(src.wire_source, a.wire_source) AS wire_source, src.independent, a.ingested_at,"
        f" {story} AS story_id,"
        " (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements,"
        " (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims,"
        " (SELECT COUNT(DISTINCT name) FROM actors x WHERE x.article_id = a.id) AS actors"
        " FROM articles a JOIN article_sources src ON src.id = a.id ORDER BY a.published IS NULL, a.published, a.rowid")
    return [dict(r) for r in rows if r["id"] in selection.article_ids]


def statement_rows(ledger: Ledger, selection: Selection) -> list[dict[str, Any]]:
    """One dict per statement in the selected articles, with the ledger claims it bears on."""
    conn = ledger.connection
    via = "s.via" if has_column(conn, "statements", "via") else "'[]'"
    rows = conn.execute(
        f"SELECT s.pk, s.article_id, s.id, s.pos, s.source, s.cue, s.content, s.stance, s.act, s.certainty,"
        f" s.conditional, s.distanced, s.evidence, s.quantities, s.hedges, {via} AS via,"
        " a.published, a.outlet, a.url, src.independent,"
        " (SELECT x.kind FROM actors x WHERE x.article_id = s.article_id AND x.name = s.source"
        "  ORDER BY x.pos LIMIT 1) AS source_kind"
        " FROM statements s JOIN articles a ON a.id = s.article_id JOIN article_sources src ON src.id = a.id"
        " ORDER BY a.published IS NULL, a.published, a.rowid, s.pos").fetchall()
    claims: dict[int, list[int]] = {}
    for pk, lid in conn.execute(
            "SELECT DISTINCT sc.statement_pk, m.ledger_claim_id FROM statement_claims sc"
            " JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk ORDER BY sc.statement_pk, sc.pos"):
        claims.setdefault(pk, []).append(lid)
    out = []
    for r in rows:
        if r["article_id"] not in selection.article_ids:
            continue
        row = dict(r)
        row["key"] = statement_key(r["article_id"], r["id"])
        row["claim_ids"] = claims.get(r["pk"], [])
        out.append(row)
    return out


def actor_rows(ledger: Ledger, selection: Selection) -> list[dict[str, Any]]:
    """One dict per actor name in the selected articles (named in the text or quoted as a source).

    Statement counts are over independent articles (a copy adds nothing), as in ``claimwatch actors``;
    ``side`` is the state or organisation the ledger's status rules count the actor for.
    """
    conn = ledger.connection
    names: dict[str, dict[str, Any]] = {}
    for r in conn.execute("SELECT article_id, name, kind, affiliation, role FROM actors ORDER BY article_id, pos"):
        if r["article_id"] not in selection.article_ids:
            continue
        entry = names.setdefault(r["name"], _actor_entry(r["name"]))
        entry["kinds"][r["kind"]] = entry["kinds"].get(r["kind"], 0) + 1
        entry["articles"].add(r["article_id"])
        if r["affiliation"] and entry["affiliation"] is None:
            entry["affiliation"] = r["affiliation"]
        if r["role"] and entry["role"] is None:
            entry["role"] = r["role"]
    for r in conn.execute(
            "SELECT s.article_id, s.source, s.stance, a.published, src.independent FROM statements s"
            " JOIN articles a ON a.id = s.article_id JOIN article_sources src ON src.id = a.id"):
        if r["article_id"] not in selection.article_ids:
            continue
        entry = names.setdefault(r["source"], _actor_entry(r["source"]))
        entry["articles"].add(r["article_id"])
        if r["independent"]:
            entry["stances"][r["stance"]] = entry["stances"].get(r["stance"], 0) + 1
        if r["published"]:
            entry["dates"].append(r["published"])
    out = []
    for name, e in names.items():
        kind = max(sorted(e["kinds"]), key=lambda k: e["kinds"][k]) if e["kinds"] else \
            ("unnamed" if name == "unnamed" else None)
        out.append({"name": name, "kind": kind, "role": e["role"], "affiliation": e["affiliation"],
                    "side": None if name == "unnamed" else ledger.claims.side(name, e["affiliation"]),
                    "articles": len(e["articles"]), "stances": e["stances"],
                    "first_quoted": min(e["dates"]) if e["dates"] else None,
                    "last_quoted": max(e["dates"]) if e["dates"] else None})
    return sorted(out, key=lambda a: (-sum(a["stances"].values()), a["name"]))


def _actor_entry(name: str) -> dict[str, Any]:
    return {"name": name, "kinds": {}, "articles": set(), "affiliation": None, "role": None, "stances": {},
            "dates": []}


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
