"""The ledger report: one self-contained HTML file (CSS and JS inlined, no network) or Markdown.

Both formats carry the same content, built once by :func:`build_report`: the grounded assessment,
the claims with their status, the actor x claim stance matrix, a timeline per claim and statement
cards with the source span highlighted in its article context. Article text reaches HTML only
through Jinja2 autoescape; in Markdown, ``<``, ``>`` and ``&`` are written as entities so a viewer
that renders inline HTML shows them as text.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Any, Callable, Optional

from claimwatch.assess.model import FINDING_KINDS, Assessment
from claimwatch.ledger.queries import claim_detail, list_claims
from claimwatch.ledger.store import Ledger
from claimwatch.model import STANCES, Analysis
from claimwatch.render.parts import format_via
from claimwatch.render.assessment import citation
from claimwatch.web import views
from claimwatch.dates import UNDATED, day
from claimwatch.web.templating import STANCE_MARKS, environment, static_text

REPORT_FORMATS = ("html", "markdown")


def _analyses(ledger: Ledger, story: Optional[str]) -> list[Analysis]:
    """The story's independent analyses, or every independent article's when no story is given."""
    if story:
        from claimwatch.assess.story import story_analyses

        return story_analyses(ledger, story)
    out = []
    for article in ledger.articles():
        record = ledger.article_record(article.id)
        if record is not None and record.independent:
            analysis = ledger.analysis(article.id)
            if analysis is not None:
                out.append(analysis)
    return out


def story_assessment(ledger: Ledger, story: Optional[str]) -> Optional[Assessment]:
    """The grounded assessment of a story's articles (every independent article's without a story),
    with the ledger's standing of its claims; None when no article matches."""
    analyses = _analyses(ledger, story)
    if not analyses:
        return None
    from claimwatch.assess import assess
    from claimwatch.assess.story import ledger_standings

    return assess(analyses, standings=ledger_standings(ledger, story))


def cited_statements(ledger: Ledger, assessment: Optional[Assessment]) -> dict[str, dict[str, Any]]:
    """Each cited statement's key, quoted words and whether its article is undated, by citation id."""
    out: dict[str, dict[str, Any]] = {}
    for src in assessment.sources if assessment else ():
        prefix = f"{src.article_id}:"
        sid = src.id[len(prefix):] if src.id.startswith(prefix) else src.id
        row = ledger.connection.execute(
            "SELECT s.pk, s.content, a.published_is_fallback FROM statements s JOIN articles a ON a.id = s.article_id"
            " WHERE s.article_id = ? AND s.id = ?", (src.article_id, sid)).fetchone()
        if row is not None:
            out[src.id] = {"pk": row[0], "quote": row[1], "undated": bool(row[2])}
    return out


def _notes(assessment: Assessment, cited: dict[str, dict[str, Any]],
           card_href: Callable[[int], Optional[str]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One numbered footnote per cited statement, numbered in order of first citation."""
    notes: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for finding in assessment.findings:
        for cite in finding.cites:
            if cite in numbers:
                continue
            numbers[cite] = n = len(notes) + 1
            src, stored = assessment.source(cite), cited.get(cite, {})
            undated = stored.get("undated") or not (src and src.published)
            card = card_href(stored["pk"]) if "pk" in stored else None
            notes.append({"n": n, "id": cite, "card": card, "href": card or f"#ev-{n}",
                          "source": src.source if src else "unknown source",
                          "description": src.description if src else "unknown source",
                          "cue": src.cue if src else "", "stance": src.stance if src else "",
                          "outlet": src.outlet if src else None, "title": src.title if src else None,
                          "day": UNDATED if undated else src.published[:10], "quote": stored.get("quote") or ""})
    return notes, numbers


def assessment_view(assessment: Optional[Assessment], cited: Optional[dict[str, dict[str, Any]]] = None,
                    card_href: Optional[Callable[[int], Optional[str]]] = None) -> Optional[dict[str, Any]]:
    """Sections of findings, ready for a template: each finding with its compact citation line (for
    Markdown) and its footnote numbers, and the numbered notes (source, outlet, date, the quoted
    words and a link to the statement card) that the HTML shows on hover and lists after the prose."""
    if assessment is None:
        return None
    notes, numbers = _notes(assessment, cited or {}, card_href or (lambda pk: None))
    sections = []
    for kind in FINDING_KINDS:
        found = assessment.of_kind(kind)
        if found:
            sections.append((assessment.sections.get(kind, kind.capitalize()),
                             [{"kind": f.kind, "text": f.text, "citation": citation(assessment, f),
                               "notes": list(dict.fromkeys(numbers[c] for c in f.cites))} for f in found]))
    n = len(assessment.articles)
    summary = (f"{len(assessment.findings)} findings from {n} article{'s' if n != 1 else ''}, each citing the "
               f"statements it rests on" + (f"; {assessment.dropped} unsupported left out" if assessment.dropped else ""))
    return {"summary": summary + ".", "sections": sections, "notes": notes}


def build_report(ledger: Ledger, story: Optional[str] = None, with_assessment: bool = True) -> dict[str, Any]:
    """Everything the report shows, from the ledger; ``story`` narrows claims and assessment alike."""
    claims = list_claims(ledger, story=story)
    ids = [c.id for c in claims]
    details = {cid: claim_detail(ledger, cid) for cid in ids}
    statements = views.claim_statements(ledger, ids)
    cards: dict[int, list[dict[str, Any]]] = {cid: [] for cid in ids}
    for card in views.statement_cards(ledger, statements):
        cards[card["claim"]].append(card)
    for cid in ids:
        cards[cid].sort(key=lambda c: STANCES.index(c["stance"]))
    assessment = story_assessment(ledger, story) if with_assessment else None
    anchors: dict[int, str] = {}  # a statement on several claims links to its first card
    for cid in ids:
        for card in cards[cid]:
            anchors.setdefault(card["pk"], f"#st-{cid}-{card['pk']}")
    return {"story": story, "claims": claims, "by_id": {c.id: c for c in claims}, "details": details,
            "matrix": views.stance_matrix(statements, ids), "cards": cards,
            "charts": {cid: views.claim_chart(ledger, cid) for cid in ids},
            "assessment": assessment_view(assessment, cited_statements(ledger, assessment), anchors.get),
            "articles": len(ledger.articles())}


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_report_html(report: dict[str, Any]) -> str:
    """The report as one HTML document; its CSP allows only the inlined style and script by hash."""
    css, js = static_text("style.css"), static_text("app.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src data:;"
           " base-uri 'none'; form-action 'none'")
    return environment().get_template("report.html").render(**report, css=css, js=js, csp=csp)


def _md(value: Any, keep_edges: bool = False) -> str:
    """Article text for Markdown: one line, table pipes escaped, HTML metacharacters as entities;
    ``keep_edges`` keeps a leading or trailing space (text between highlighted spans needs it)."""
    text = re.sub(r"\s+", " ", str(value or ""))
    text = text if keep_edges else text.strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")



def _md_card(card: dict[str, Any]) -> str:
    """The statement in its context, with the source in bold, the cue in italics and the content marked."""
    wrap = {"source": ("**", "**"), "cue": ("_", "_"), "content": ("==", "==")}
    body = "".join(wrap[s.kind][0] + _md(s.text) + wrap[s.kind][1] if s.kind and s.text.strip()
                   else _md(s.text, keep_edges=True) for s in card["segments"]).strip()
    lead, tail = ("\u2026" if card["lead"] else ""), ("\u2026" if card["tail"] else "")
    return (f"- **{card['stance']}** \u2014 {_md(card['source'])}{_md(format_via(card.get('via') or ()))} "
            f"_{_md(card['cue'])}_ ({card['certainty']})"
            f"{'' if card['independent'] else ' (copy, not counted)'}\n"
            f"  > {lead}{body}{tail}\n"
            f"  \u2014 {_md(card['title'] or card['article_id'])}, {_md(card['outlet'] or '?')}, {day(card['published'])}")


def render_report_markdown(report: dict[str, Any]) -> str:
    """The same report as Markdown: tables for claims and the matrix, lists for timelines and cards."""
    title = f"claimwatch report: {report['story']}" if report["story"] else "claimwatch report"
    lines = [f"# {_md(title)}", "", f"{len(report['claims'])} claims from {report['articles']} articles.", "",
             "## Assessment", ""]
    a = report["assessment"]
    if a is None:
        lines.append("_No assessment: no article matches._")
    else:
        lines.append(a["summary"])
        for heading, findings in a["sections"]:
            lines += ["", f"### {_md(heading)}", ""]
            lines += [f"- {_md(f['text'])} \u2014 _{_md(f['citation'])}_" for f in findings]
    lines += ["", "## Claims", "", "| # | Status | For | Uncommitted | Against | First | Last | Claim |",
              "|---|---|---|---|---|---|---|---|"]
    for c in report["claims"]:
        s = c.sources
        lines.append(f"| {c.id} | {c.status} | {s['for']} | {s['uncommitted']} | {s['against']} | "
                     f"{(c.first_seen or '?')[:10]} | {(c.last_seen or '?')[:10]} | {_md(c.text)} |")
    m = report["matrix"]
    lines += ["", "## Stance matrix", ""]
    if m["rows"]:
        lines += ["Latest stance of each named source on each claim: "
                  + ", ".join(f"{STANCE_MARKS[s]} {s}" for s in STANCES) + ".", ""]
        lines.append("| Actor | " + " | ".join(f"#{cid}" for cid in m["claims"]) + " |")
        lines.append("|---|" + "---|" * len(m["claims"]))
        for row in m["rows"]:
            cells = [STANCE_MARKS[cell["stance"]] if cell else "" for cell in row["cells"]]
            lines.append(f"| {_md(row['actor'])} | " + " | ".join(cells) + " |")
    else:
        lines.append("_No named source speaks on these claims._")
    for c in report["claims"]:
        d = report["details"][c.id]
        lines += ["", f"## Claim {c.id}: {_md(c.text)}", "", f"Status: **{c.status}**", "", "### Timeline", ""]
        for e in d.timeline:
            change = f" {e.from_status} \u2192 {e.to_status}" if e.kind == "status_change" else ""
            lines.append(f"- {day(e.date)} {e.kind.replace('_', ' ')}{change}: {_md(e.note)}"
                         + (f" [{_md(e.outlet)}]" if e.outlet else ""))
        if d.quantities:
            lines += ["", "Figures:", ""]
            lines += [f"- {day(q.date)} {_md(q.text or q.value)} ({_md(q.source or '?')}, "
                      f"{_md(q.outlet or '?')})" for q in d.quantities]
        if report["cards"][c.id]:
            lines += ["", "### Statements", ""]
            lines += [_md_card(card) for card in report["cards"][c.id]]
    return "\n".join(lines) + "\n"


def render_report(report: dict[str, Any], fmt: str = "html") -> str:
    """Render in one of :data:`REPORT_FORMATS`."""
    if fmt == "html":
        return render_report_html(report)
    if fmt == "markdown":
        return render_report_markdown(report)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
