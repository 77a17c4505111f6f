"""Flat tables of the ledger for pandas / R: statements, claims, actors, articles; CSV and Parquet.

Every table is declared once as typed columns with a description (:data:`TABLES`); the Arrow schema,
the CSV header and the column reference in ``docs/export.md`` all come from it, so they cannot drift.
In Parquet, lists are Arrow lists and dates are UTC timestamps; in CSV, lists are JSON arrays, booleans
``true``/``false``, dates ISO 8601 in UTC and missing values empty.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from claimwatch.export.jsonld import agent_node
from claimwatch.export.records import ClaimRecord
from claimwatch.model import STANCES

TIMESTAMP = pa.timestamp("us", tz="UTC")


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str


def _c(name: str, type_: pa.DataType, doc: str) -> Column:
    return Column(name, type_, doc)


STATEMENT_COLUMNS = (
    _c("key", pa.string(), "ARTICLE_ID#STATEMENT_ID: unique in the ledger, cited by ClaimReview drafts"),
    _c("article_id", pa.string(), "the article the statement is in (articles.article_id)"),
    _c("statement_id", pa.string(), "the statement's id within its article (s1, s2, ...)"),
    _c("position", pa.int64(), "order of the statement in its article, from 0"),
    _c("source", pa.string(), "who said it (canonical actor name; 'unnamed' when the text names no one)"),
    _c("source_kind", pa.string(), "person, organization, country, group, anonymous or unnamed; empty if unknown"),
    _c("via", pa.list_(pa.string()), "who relayed it, outermost first (provenance chain); empty when direct"),
    _c("cue", pa.string(), "the attribution words (said, denied, could not confirm)"),
    _c("content", pa.string(), "what was said, as written in the article"),
    _c("stance", pa.string(), "asserts, supports, uncommitted, disputes or denies"),
    _c("act", pa.string(), "speech act: say, report, accuse, warn, deny, confirm, ..."),
    _c("certainty", pa.string(), "certain, probable, possible or uncertain"),
    _c("conditional", pa.bool_(), "said under a condition (if confirmed, ...)"),
    _c("distanced", pa.bool_(), "the writer distances the text from it (reportedly, alleged)"),
    _c("hedges", pa.list_(pa.string()), "the words behind certainty and distance"),
    _c("evidence", pa.list_(pa.string()), "kinds of evidence cited (satellite_imagery, document, ...)"),
    _c("quantities", pa.string(), "JSON list of figures: {value, unit, text, span, approximate}"),
    _c("claim_ids", pa.list_(pa.int64()), "the ledger claims (claims.claim_id) the statement bears on"),
    _c("published", TIMESTAMP, "the article's publication time"),
    _c("outlet", pa.string(), "the article's outlet"),
    _c("url", pa.string(), "the article's URL"),
    _c("independent", pa.bool_(), "false when the article is a near-duplicate copy (not counted as a source)"),
)

CLAIM_COLUMNS = (
    _c("claim_id", pa.int64(), "ledger claim id (as in `claimwatch claim ID`)"),
    _c("text", pa.string(), "the claim, as first stated"),
    _c("status", pa.string(), "alleged, contested, corroborated, confirmed, denied or retracted"),
    _c("resolved", pa.bool_(), "status is confirmed, denied or retracted (a ClaimReview draft exists)"),
    _c("event_type", pa.string(), "event type (troop_deployment, ...); empty when none was recognised"),
    _c("agent", pa.string(), "who the claim says acted"),
    _c("story", pa.string(), "coarse story key agent:event-root"),
    _c("first_seen", TIMESTAMP, "publication time of the first article carrying it"),
    _c("last_seen", TIMESTAMP, "publication time of the latest article carrying it"),
    _c("sources_for", pa.int64(), "independent sides asserting or supporting it (latest stance)"),
    _c("sources_uncommitted", pa.int64(), "independent sides that neither confirm nor deny"),
    _c("sources_against", pa.int64(), "independent sides disputing or denying it"),
    _c("members", pa.int64(), "article claims merged into this ledger claim"),
    _c("articles", pa.int64(), "articles carrying it (appearances), copies included"),
    _c("independent_articles", pa.int64(), "articles carrying it that are not copies"),
    _c("statements", pa.int64(), "statements bearing on it"),
    _c("author", pa.string(), "first named source to assert it (the schema.org Claim author)"),
    _c("author_type", pa.string(), "Person or Organization"),
    _c("first_url", pa.string(), "URL of the first appearance"),
    _c("urls", pa.list_(pa.string()), "URLs of every appearance, oldest first"),
)

ACTOR_COLUMNS = (
    _c("name", pa.string(), "canonical actor name"),
    _c("kind", pa.string(), "person, organization, country, group, anonymous or unnamed (most frequent)"),
    _c("role", pa.string(), "role or title (first seen)"),
    _c("affiliation", pa.string(), "state or organisation named with it (first seen)"),
    _c("side", pa.string(), "the side the status rules count it for"),
    _c("articles", pa.int64(), "articles naming or quoting it"),
    _c("statements", pa.int64(), "its statements in independent articles"),
    *(_c(stance, pa.int64(), f"of which {stance}") for stance in STANCES),
    _c("first_quoted", TIMESTAMP, "publication time of its first statement"),
    _c("last_quoted", TIMESTAMP, "publication time of its latest statement"),
)

ARTICLE_COLUMNS = (
    _c("article_id", pa.string(), "article id (hash of the text)"),
    _c("title", pa.string(), "headline"),
    _c("url", pa.string(), "URL"),
    _c("outlet", pa.string(), "outlet"),
    _c("published", TIMESTAMP, "publication time"),
    _c("published_is_fallback", pa.bool_(), "true when no date was found and the ingestion time stands in"),
    _c("path", pa.string(), "file it was read from"),
    _c("independent", pa.bool_(), "false for a near-duplicate copy of an earlier article"),
    _c("near_duplicate_of", pa.string(), "the original's article_id, for a copy"),
    _c("similarity", pa.float64(), "Jaccard similarity to the original, for a copy"),
    _c("wire_source", pa.string(), "wire agency it relays (AP, Reuters, ...)"),
    _c("story_id", pa.string(), "automatic story id, when the ledger has stories"),
    _c("statements", pa.int64(), "statements extracted"),
    _c("claims", pa.int64(), "claims extracted"),
    _c("actors", pa.int64(), "distinct actors named"),
    _c("ingested_at", TIMESTAMP, "when it was added to the ledger"),
)

TABLES: Mapping[str, Sequence[Column]] = {
    "statements": STATEMENT_COLUMNS, "claims": CLAIM_COLUMNS, "actors": ACTOR_COLUMNS, "articles": ARTICLE_COLUMNS,
}


def schema(table: str) -> pa.Schema:
    """The explicit Arrow schema of a table, with each column's description as field metadata."""
    return pa.schema([pa.field(c.name, c.type, metadata={"description": c.doc}) for c in TABLES[table]])


def timestamp(value: Optional[str]) -> Optional[datetime]:
    """An ISO 8601 date as an aware UTC datetime (naive ones are taken as UTC); None if unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


# --- rows ----------------------------------------------------------------------------------------

def statement_row(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A row of ``statements`` from :func:`claimwatch.export.records.statement_rows`."""
    evidence = json.loads(raw["evidence"] or "[]")
    return {
        "key": raw["key"], "article_id": raw["article_id"], "statement_id": raw["id"], "position": raw["pos"],
        "source": raw["source"], "source_kind": raw["source_kind"], "via": _strings(raw["via"]),
        "cue": raw["cue"], "content": raw["content"], "stance": raw["stance"], "act": raw["act"],
        "certainty": raw["certainty"], "conditional": bool(raw["conditional"]), "distanced": bool(raw["distanced"]),
        "hedges": _strings(raw["hedges"]),
        "evidence": sorted({e["kind"] for e in evidence if isinstance(e, dict) and "kind" in e}),
        "quantities": raw["quantities"] or "[]", "claim_ids": list(raw["claim_ids"]),
        "published": timestamp(raw["published"]), "outlet": raw["outlet"], "url": raw["url"],
        "independent": bool(raw["independent"]),
    }


def claim_row(record: ClaimRecord) -> dict[str, Any]:
    """A row of ``claims``; author and appearances as in the claim's JSON-LD."""
    author = record.author
    node = agent_node(author.source, author.source_kind) if author else None
    return {
        "claim_id": record.id, "text": record.text, "status": record.status, "resolved": record.resolved,
        "event_type": record.event_type, "agent": record.agent, "story": record.story,
        "first_seen": timestamp(record.first_seen), "last_seen": timestamp(record.last_seen),
        "sources_for": record.sources.get("for", 0), "sources_uncommitted": record.sources.get("uncommitted", 0),
        "sources_against": record.sources.get("against", 0), "members": record.members,
        "articles": len(record.appearances), "independent_articles": sum(a.independent for a in record.appearances),
        "statements": len(record.statements), "author": node["name"] if node else None,
        "author_type": node["@type"] if node else None,
        "first_url": record.appearances[0].url if record.appearances else None,
        "urls": [a.url for a in record.appearances if a.url],
    }


def actor_row(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A row of ``actors`` from :func:`claimwatch.export.records.actor_rows`."""
    stances = raw["stances"]
    row = {k: raw[k] for k in ("name", "kind", "role", "affiliation", "side", "articles")}
    row["statements"] = sum(stances.values())
    row.update({stance: stances.get(stance, 0) for stance in STANCES})
    row["first_quoted"] = timestamp(raw["first_quoted"])
    row["last_quoted"] = timestamp(raw["last_quoted"])
    return row


def article_row(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A row of ``articles`` from :func:`claimwatch.export.records.article_rows`."""
    return {
        "article_id": raw["id"], "title": raw["title"], "url": raw["url"], "outlet": raw["outlet"],
        "published": timestamp(raw["published"]), "published_is_fallback": bool(raw["published_is_fallback"]),
        "path": raw["path"], "independent": bool(raw["independent"]), "near_duplicate_of": raw["near_duplicate_of"],
        "similarity": raw["similarity"], "wire_source": raw["wire_source"],
        "story_id": None if raw["story_id"] is None else str(raw["story_id"]),
        "statements": raw["statements"], "claims": raw["claims"], "actors": raw["actors"],
        "ingested_at": timestamp(raw["ingested_at"]),
    }


def _strings(value: Any) -> list[str]:
    items = json.loads(value) if isinstance(value, str) else (value or [])
    return [str(v) for v in items] if isinstance(items, list) else []


# --- files ---------------------------------------------------------------------------------------

def csv_value(value: Any) -> str:
    """One CSV cell: lists as JSON arrays, booleans true/false, dates ISO 8601, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe
    (the OWASP advice for CSV injection); numbers such as "-5" are left alone."""
    if text.startswith(FORMULA_STARTS):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def write_csv(path: Path, table: str, rows: Iterable[Mapping[str, Any]], spreadsheet_safe: bool = False) -> int:
    """Write ``rows`` with the table's header (UTF-8, RFC 4180 quoting); returns the row count."""
    names = [c.name for c in TABLES[table]]
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for row in rows:
            cells = [csv_value(row[name]) for name in names]
            writer.writerow([spreadsheet_cell(c) for c in cells] if spreadsheet_safe else cells)
            n += 1
    return n


def to_arrow(table: str, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """The rows as an Arrow table with the table's explicit schema (a wrong type fails here)."""
    return pa.Table.from_pylist([dict(r) for r in rows], schema=schema(table))


def write_parquet(path: Path, table: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Write ``rows`` as one Parquet file (zstd); returns the row count."""
    data = to_arrow(table, rows)
    pq.write_table(data, path, compression="zstd")
    return data.num_rows
