"""Page models the HTML report and the web UI share: stance matrix, statement cards, highlighted
article text and timeline chart geometry.

They read the ledger schema directly (``ledger.connection``) because the pages need what the read
models (:mod:`claimwatch.ledger.read_models`) leave out: statement keys to link to and character
spans to highlight. Text is
returned raw; escaping is the templates' job (Jinja2 autoescape), never done here.
"""
from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable, Optional, Sequence

from claimwatch.ledger.read_models import ArticleDetail
from claimwatch.ledger.sql import DATED
from claimwatch.ledger.store import Ledger
from claimwatch.dates import UNDATED, parse_moment

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
    f" s.certainty, s.act, s.evidence, s.via, a.title, a.outlet, {DATED} AS published,"
    " a.published_is_fallback AS undated, a.url, src.independent"
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
        d["independent"], d["undated"] = bool(d["independent"]), bool(d["undated"])
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

def article_segments(article: ArticleDetail) -> list[Segment]:
    """The article's text split into highlighted runs; a highlight's key is its statement id (s1, s2...)."""
    return highlight(article.text, [{**dataclasses.asdict(s), "pk": s.sid} for s in article.statements])


def list_stories(ledger: Ledger) -> list[dict[str, Any]]:
    """The automatic stories as filter options: ``s<id>`` with the label and article count."""
    from claimwatch.ledger.stories import list_stories as stories

    return [{"value": f"s{s.id}", "label": s.label, "articles": s.articles} for s in stories(ledger, top_claims=0)]


# --- timeline chart ----------------------------------------------------------------------------

CHART_STATUSES = ("alleged", "contested", "corroborated", "confirmed", "denied")  # always in the legend
_QUOTE_CHARS = 160  # statement words shown on a chart point's label
_STATUS_EVENTS = ("first_alleged", "status_change")

_CHART_EVENTS_SQL = (
    "SELECT e.date, e.kind, e.from_status, e.to_status, e.note, s.pk, s.source, s.content, a.outlet,"
    " a.published_is_fallback AS undated FROM claim_events e LEFT JOIN statements s ON s.pk = e.statement_pk"
    " LEFT JOIN articles a ON a.id = s.article_id WHERE e.ledger_claim_id = ? ORDER BY e.id")
_CHART_FIGURES_SQL = (
    "SELECT q.value, q.unit, q.text, q.approximate, q.date, s.pk, s.source, s.content, a.outlet,"
    " a.published_is_fallback AS undated FROM claim_quantities q LEFT JOIN statements s ON s.pk = q.statement_pk"
    " LEFT JOIN articles a ON a.id = s.article_id WHERE q.ledger_claim_id = ? ORDER BY q.date, q.id")


@dataclass(frozen=True)
class ChartFrame:
    """Where the parts of a timeline chart sit in its SVG coordinates."""

    width: int
    left: int = 60  # room for the figure axis labels
    right: int = 24
    lane_y: int = 18  # the status events' markers
    band_y: int = 32  # the status band under them
    band_h: int = 10
    plot_top: int = 76  # the figure line's area
    plot_h: int = 96

    @property
    def axis_y(self) -> int:
        return self.plot_top + self.plot_h + 14 if self.plot_h else self.band_y + self.band_h + 14

    @property
    def height(self) -> int:
        return self.axis_y + 26


def chart_input(ledger: Ledger, claim_id: int) -> dict[str, Any]:
    """A claim's status events and figures with the statement behind each and whether its article is
    undated (its stored date is then only the ingestion time and must not be drawn as a date)."""
    conn = ledger.connection
    return {"id": claim_id,
            "timeline": [_row_dict(r) for r in conn.execute(_CHART_EVENTS_SQL, (claim_id,))],
            "quantities": [_row_dict(r) for r in conn.execute(_CHART_FIGURES_SQL, (claim_id,))]}


def claim_chart(ledger: Ledger, claim_id: int) -> dict[str, Any]:
    """The timeline chart of one ledger claim, with a narrow variant for phone screens."""
    data = chart_input(ledger, claim_id)
    chart = timeline_chart(data)
    chart["narrow"] = timeline_chart(data, width=340, ticks=3)
    return chart


def _moment(entry: dict[str, Any]) -> Optional[datetime]:
    """The entry's date, or None when it has none or its article's date is the ingestion time."""
    return None if entry.get("undated") else parse_moment(entry.get("date"))


def _said(entry: dict[str, Any]) -> str:
    """Who said what behind a chart point: "Officials: “the convoy crossed…” (Outlet)"."""
    quote = " ".join(str(entry.get("content") or "").split())
    if len(quote) > _QUOTE_CHARS:
        quote = quote[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "\u2026"
    who = entry.get("source") or "unnamed"
    if not quote:
        return entry.get("note") or who
    return f"{who}: \u201c{quote}\u201d" + (f" ({entry['outlet']})" if entry.get("outlet") else "")


def _day_label(t: datetime, with_year: bool) -> str:
    return f"{t.day} {t:%b}" + (f" {t.year}" if with_year else "")


def _date_ticks(lo: datetime, hi: datetime, n: int, x: Callable[[datetime], float]) -> list[dict[str, Any]]:
    """About ``n`` labelled days from ``lo`` to ``hi``; the first tick and each new year carry the year."""
    span = (hi - lo).total_seconds()
    if span < 86400 or n < 2:
        return [{"x": x(lo), "label": _day_label(lo, True)}]
    days = []
    for i in range(n):
        t = lo + (hi - lo) * i / (n - 1)
        day = t.replace(hour=0, minute=0, second=0, microsecond=0)
        if day < lo:
            day = lo
        if not days or day.date() != days[-1].date():
            days.append(day)
    ticks, year = [], None
    for day in days:
        ticks.append({"x": x(day), "label": _day_label(day, day.year != year)})
        year = day.year
    return ticks


def _nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value``: a round axis maximum."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:g}"


def _figure_axis(figures: list[dict[str, Any]]) -> str:
    """The figure axis title: the unit when all figures share one, else "figure reported"."""
    units = {str(q.get("unit") or "").strip() for q in figures}
    return next(iter(units)) if len(units) == 1 and "" not in units else "figure reported"


def timeline_chart(detail: dict[str, Any], width: int = 720, ticks: int = 5) -> dict[str, Any]:
    """Geometry for an SVG timeline: a date axis, a status band coloured by the claim's status over
    time with its events on it, and the figures reported as a line on their own labelled axis.
    Undated entries are never placed on the date axis: they are listed apart as "date unknown"."""
    events = [(t, e) for e in detail["timeline"] if (t := _moment(e))]
    figures = [(t, q) for q in detail["quantities"] if (t := _moment(q)) and q.get("value") is not None]
    frame = ChartFrame(width=width, plot_h=96 if figures else 0)
    rows = [{**e, "day": t.date().isoformat() if (t := _moment(e)) else UNDATED} for e in detail["timeline"]]
    figure_rows = [{**q, "day": t.date().isoformat() if (t := _moment(q)) else UNDATED} for q in detail["quantities"]]
    chart: dict[str, Any] = {
        "claim": detail.get("id"), "width": width, "height": frame.height, "frame": frame, "events": [],
        "figures": [], "line": "", "band": [], "xticks": [], "yticks": [], "yaxis": "", "start": None,
        "end": None, "statuses": list(CHART_STATUSES), "rows": rows, "figure_rows": figure_rows,
        "undated": [r for r in rows + figure_rows if r["day"] == UNDATED and r.get("kind") != "new_quantity"]}
    times = [t for t, _ in events] + [t for t, _ in figures]
    if not times:
        return chart
    lo, hi = min(times), max(times)
    span = (hi - lo).total_seconds() or 1.0
    x0, x1 = frame.left + 8, width - frame.right - 8

    def x(t: datetime) -> float:
        return round(x0 + (x1 - x0) * (t - lo).total_seconds() / span, 1) if hi > lo else round((x0 + x1) / 2, 1)

    chart["start"], chart["end"] = lo.date().isoformat(), hi.date().isoformat()
    chart["xticks"] = _date_ticks(lo, hi, ticks, x)
    _status_band(chart, events, x, frame)
    if figures:
        _figure_line(chart, figures, x, frame)
    return chart


def _href(claim: Any, entry: dict[str, Any]) -> Optional[str]:
    return f"#st-{claim}-{entry['pk']}" if entry.get("pk") is not None and claim is not None else None


def _status_band(chart: dict[str, Any], events: list[tuple[datetime, dict[str, Any]]],
                 x: Callable[[datetime], float], frame: ChartFrame) -> None:
    """The band's coloured runs (the status from each event to the next) and the event markers on it;
    a figure's event is drawn on the figure line instead."""
    status, runs = None, []
    lane, band = frame.lane_y, frame.band_y + frame.band_h / 2
    for t, e in sorted(events, key=lambda p: p[0]):
        if e.get("to_status") and e["to_status"] != status:
            status = e["to_status"]
            runs.append((x(t), status))
    for t, e in events:
        if e["kind"] == "new_quantity":
            continue
        color = STATUS_COLORS["denied"] if e["kind"] == "denial" else STATUS_COLORS.get(
            e.get("to_status") or "", "#555")
        kind = e["kind"].replace("_", " ")
        chart["events"].append({"x": x(t), "y": band if e["kind"] in _STATUS_EVENTS else lane, "kind": e["kind"], "status": e.get("to_status"), "color": color,
                                "date": t.date().isoformat(), "href": _href(chart["claim"], e),
                                "label": f"{_day_label(t, True)} \u00b7 {kind}"
                                         + (f" (now {e['to_status']})" if e["kind"] in _STATUS_EVENTS else "")
                                         + f" \u2014 {_said(e)}"})
    chart["events"] = _merge_points(chart["events"])
    chart["events"].sort(key=lambda m: m["kind"] in _STATUS_EVENTS)  # status markers drawn on top
    end = chart["width"] - frame.right
    for i, (start, st) in enumerate(runs):
        stop = runs[i + 1][0] if i + 1 < len(runs) else end
        chart["band"].append({"x": start, "w": round(max(stop - start, 4.0), 1), "status": st,
                              "color": STATUS_COLORS.get(st, "#555")})
    extra = [st for _, st in runs if st not in chart["statuses"]]
    chart["statuses"] += list(dict.fromkeys(extra))


def _figure_line(chart: dict[str, Any], figures: list[tuple[datetime, dict[str, Any]]],
                 x: Callable[[datetime], float], frame: ChartFrame) -> None:
    """The figures as points joined in date order, on a y axis from 0 to a round maximum."""
    values = [float(q["value"]) for _, q in figures]
    lo = min(0.0, min(values))
    top = _nice_top(max(values)) if max(values) > 0 else 1.0
    bottom_y, top_y = frame.plot_top + frame.plot_h, frame.plot_top

    def y(v: float) -> float:
        return round(bottom_y - (bottom_y - top_y) * (v - lo) / ((top - lo) or 1.0), 1)

    chart["yticks"] = [{"y": y(v), "label": _number(v)} for v in (lo, (lo + top) / 2, top)]
    chart["yaxis"] = _figure_axis([q for _, q in figures])
    for (t, q), v in sorted(zip(figures, values), key=lambda p: p[0][0]):
        what = q.get("text") or _number(v)
        chart["figures"].append({"x": x(t), "y": y(v), "value": v, "date": t.date().isoformat(),
                                 "href": _href(chart["claim"], q),
                                 "label": f"{_day_label(t, True)} \u00b7 {what} \u2014 {_said(q)}"})
    chart["line"] = " ".join(f"{p['x']},{p['y']}" for p in chart["figures"])
    chart["figures"] = _merge_points(chart["figures"])


def _merge_points(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per spot: points drawn at the same place with the same mark (two sources giving
    the same figure on one day) become one whose label names every statement behind it, so none is
    hidden under another; it links to the first."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for p in points:
        key = (p["x"], p["y"], p.get("kind"), p.get("color"))
        if key in merged:
            merged[key]["label"] += " \u00b7 also: " + p["label"].split(" \u2014 ", 1)[-1]
            merged[key]["count"] += 1
        else:
            merged[key] = {**p, "count": 1}
    return list(merged.values())
