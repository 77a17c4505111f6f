"""Read models the HTML report and the web UI share: stance matrix, statement cards, highlighted
article text, timeline chart geometry and the article list.

They read the ledger schema directly (``ledger.connection``) because the pages need what the CLI
read models leave out: statement keys to link to and character spans to highlight. Text is
returned raw; escaping is the templates' job (Jinja2 autoescape), never done here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Optional, Sequence

from claimwatch.ledger.sql import DATED
from claimwatch.ledger.store import Ledger
from claimwatch.dates import parse_moment

CONTEXT_CHARS = 160  # article text shown either side of a statement on its card
STATUS_COLORS = {"alleged": "#8a8f98", "contested": "#d08c16", "corroborated": "#3d7fc4",
                 "confirmed": "#1f8a4c", "denied": "#c0392b", "retracted": "#6b3fa0"}


@dataclass(frozen=True)
class Segment:
    """A run of article text with one highlight kind (None, "source", "cue" or "content")."""

    text: str
    kind: Optional[str] = None
    statement: Optional[int] = None  # statement key the highlight belongs to (for anchors)
    stance: Optional[str] = None


def _row_dict(row: Any) -> dict[str, Any]:
    return {k: row[k] for k in row.keys()}


# --- statements of ledger claims ---------------------------------------------------------------

_STATEMENT_SQL = (
    "SELECT DISTINCT m.ledger_claim_id AS claim, s.pk, s.id AS sid, s.article_id, s.source, s.source_start,"
    " s.source_end, s.cue, s.cue_start, s.cue_end, s.content, s.content_start, s.content_end, s.stance,"
    f" s.certainty, s.act, s.evidence, s.via, a.title, a.outlet, {DATED} AS published, a.url, src.independent"
    " FROM ledger_claim_members m JOIN statement_claims sc ON sc.claim_pk = m.claim_pk"
    " JOIN statements s ON s.pk = sc.statement_pk JOIN articles a ON a.id = s.article_id"
    " JOIN article_sources src ON src.id = a.id"
)


def claim_statements(ledger: Ledger, claim_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Every statement on the given ledger claims, oldest article first, with spans and provenance."""
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    rows = ledger.connection.execute(
        f"{_STATEMENT_SQL} WHERE m.ledger_claim_id IN ({marks}) ORDER BY a.published, a.rowid, s.pos",
        list(claim_ids)).fetchall()
    out = []
    for r in rows:
        d = _row_dict(r)
        d["independent"] = bool(d["independent"])
        d["via"] = json.loads(d["via"] or "[]")
        out.append(d)
    return out


def stance_matrix(statements: Iterable[dict[str, Any]], claim_ids: Sequence[int]) -> dict[str, Any]:
    """Actor x claim grid: each cell holds the actor's latest stance on the claim and the statements
    behind it. Copies (near-duplicates) are left out so they do not add a voice."""
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for s in statements:
        if not s["independent"] or s["source"] == "unnamed":
            continue
        cell = cells.setdefault((s["source"], s["claim"]), {"stance": s["stance"], "statements": []})
        cell["stance"] = s["stance"]  # rows come oldest first: the last one is the latest stance
        cell["statements"].append(s["pk"])
        counts[s["source"]] = counts.get(s["source"], 0) + 1
    actors = sorted(counts, key=lambda a: (-counts[a], a))
    used = [c for c in claim_ids if any((a, c) in cells for a in actors)]
    rows = [{"actor": a, "cells": [cells.get((a, c)) for c in used]} for a in actors]
    return {"claims": used, "rows": rows}


# --- highlighting ------------------------------------------------------------------------------

_PRIORITY = {"source": 3, "cue": 2, "content": 1}


def _spans(s: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = [(s["content_start"], s["content_end"], "content"), (s["cue_start"], s["cue_end"], "cue")]
    if s.get("source_start") is not None:
        spans.append((s["source_start"], s["source_end"], "source"))
    return [(a, b, k) for a, b, k in spans if a is not None and b is not None and b > a]


def highlight(text: str, statements: Iterable[dict[str, Any]], start: int = 0,
              end: Optional[int] = None) -> list[Segment]:
    """Split ``text[start:end]`` into runs labelled with the strongest highlight covering them
    (source over cue over content), so overlapping attributions still render as flat markup."""
    end = len(text) if end is None else end
    labels: list[Optional[tuple[int, str, int, str]]] = [None] * (end - start)
    for s in statements:
        for a, b, kind in _spans(s):
            for i in range(max(a, start), min(b, end)):
                current = labels[i - start]
                if current is None or _PRIORITY[kind] > current[0]:
                    labels[i - start] = (_PRIORITY[kind], kind, s["pk"], s["stance"])
    segments: list[Segment] = []
    run_start = start
    for i in range(start + 1, end + 1):
        if i == end or labels[i - start] != labels[run_start - start]:
            label = labels[run_start - start]
            segments.append(Segment(text[run_start:i], *(label[1:] if label else (None, None, None))))
            run_start = i
    return segments


def context_window(text: str, s: dict[str, Any], chars: int = CONTEXT_CHARS) -> tuple[int, int]:
    """Bounds of the statement plus about ``chars`` of context, cut at whitespace."""
    spans = _spans(s)
    lo = min(a for a, _, _ in spans) if spans else 0
    hi = max(b for _, b, _ in spans) if spans else 0
    start = max(0, lo - chars)
    end = min(len(text), hi + chars)
    if start > 0:
        space = text.find(" ", start, lo)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", hi, end)
        end = space if space >= 0 else end
    return start, end


def statement_cards(ledger: Ledger, statements: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each statement with its article context as highlighted segments, for statement cards."""
    texts: dict[str, str] = {}
    cards = []
    seen: set[tuple[Any, int]] = set()
    for s in statements:
        if (s.get("claim"), s["pk"]) in seen:
            continue
        seen.add((s.get("claim"), s["pk"]))
        if s["article_id"] not in texts:
            row = ledger.connection.execute("SELECT text FROM articles WHERE id = ?", (s["article_id"],)).fetchone()
            texts[s["article_id"]] = row[0] if row else ""
        text = texts[s["article_id"]]
        start, end = context_window(text, s)
        cards.append({**s, "segments": highlight(text, [s], start, end), "lead": start > 0, "tail": end < len(text)})
    return cards


# --- articles ----------------------------------------------------------------------------------

def list_articles(ledger: Ledger) -> list[dict[str, Any]]:
    """Every article without its text: provenance, copy link and how many statements it holds."""
    rows = ledger.connection.execute(
        f"SELECT a.id, a.title, a.url, a.outlet, {DATED} AS published, a.near_duplicate_of, a.wire_source, a.ingested_at,"
        " length(a.text) AS chars, (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements"
        " FROM articles a ORDER BY a.published, a.rowid").fetchall()
    return [_row_dict(r) for r in rows]


def article_view(ledger: Ledger, article_id: str) -> Optional[dict[str, Any]]:
    """One article with its full text split into highlighted segments and its statements."""
    record = ledger.article_record(article_id)
    if record is None:
        return None
    rows = ledger.connection.execute(
        "SELECT s.pk, s.id AS sid, s.source, s.source_start, s.source_end, s.cue, s.cue_start, s.cue_end,"
        " s.content, s.content_start, s.content_end, s.stance, s.certainty, s.act"
        " FROM statements s WHERE s.article_id = ? ORDER BY s.pos", (article_id,)).fetchall()
    statements = [_row_dict(r) for r in rows]
    claims = {r[0]: r[1] for r in ledger.connection.execute(
        "SELECT sc.statement_pk, m.ledger_claim_id FROM statements s JOIN statement_claims sc"
        " ON sc.statement_pk = s.pk JOIN ledger_claim_members m ON m.claim_pk = sc.claim_pk"
        " WHERE s.article_id = ?", (article_id,))}
    for s in statements:
        s["claim"] = claims.get(s["pk"])
    article = record.article
    return {"id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet,
            "published": None if article.published_is_fallback else article.published,
            "near_duplicate_of": record.near_duplicate_of,
            "wire_source": record.wire_source, "ingested_at": record.ingested_at,
            "segments": highlight(article.text, statements), "statements": statements}


def list_stories(ledger: Ledger) -> list[dict[str, Any]]:
    """The automatic stories as filter options: ``s<id>`` with the label and article count."""
    from claimwatch.ledger.stories import list_stories as stories

    return [{"value": f"s{s['id']}", "label": s["label"], "articles": s["articles"]}
            for s in stories(ledger, top_claims=0)]


# --- timeline chart ----------------------------------------------------------------------------

def timeline_chart(detail: dict[str, Any], width: int = 640, height: int = 150) -> dict[str, Any]:
    """Geometry for an SVG timeline: status events on one lane, the quantity history as a line
    scaled to its values below it. Undated entries are left out of the chart (still listed)."""
    events = [(t, e) for e in detail["timeline"] if (t := parse_moment(e["date"]))]
    figures = [(t, q) for q in detail["quantities"] if (t := parse_moment(q["date"])) and q["value"] is not None]
    times = [t for t, _ in events] + [t for t, _ in figures]
    chart: dict[str, Any] = {"width": width, "height": height, "events": [], "figures": [], "line": "",
                             "start": None, "end": None}
    if not times:
        return chart
    lo, hi = min(times), max(times)
    span = (hi - lo).total_seconds() or 1.0
    pad = 24

    def x(t: datetime) -> float:
        return round(pad + (width - 2 * pad) * (t - lo).total_seconds() / span, 1)

    chart["start"], chart["end"] = lo.date().isoformat(), hi.date().isoformat()
    status = "alleged"
    for t, e in events:
        status = e["to_status"] or status
        chart["events"].append({"x": x(t), "y": 34, "kind": e["kind"], "status": status,
                                "color": STATUS_COLORS["denied" if e["kind"] == "denial" else status] if (
                                    e["kind"] == "denial" or status in STATUS_COLORS) else "#555", "date": t.date().isoformat(),
                                "label": f"{t.date().isoformat()} {e['kind'].replace('_', ' ')}: {e['note']}"})
    if figures:
        values = [float(q["value"]) for _, q in figures]
        vlo, vhi = min(values), max(values)
        vspan = (vhi - vlo) or 1.0
        top, bottom = 66, height - 22
        for (t, q), v in zip(figures, values):
            y = round(bottom - (bottom - top) * (v - vlo) / vspan, 1) if vhi != vlo else (top + bottom) / 2
            chart["figures"].append({"x": x(t), "y": y, "label": f"{t.date().isoformat()} {q['text'] or v}"
                                     f" ({q['source'] or '?'}, {q['outlet'] or '?'})"})
        chart["line"] = " ".join(f"{p['x']},{p['y']}" for p in chart["figures"])
    return chart

