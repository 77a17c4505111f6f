"""Assessment -> terminal text, Markdown or JSON, with every sentence's citations shown as sources.

Citations read as the source's name with the article's outlet and date when known, followed by the
statement ids, so a reader can trace each sentence without opening the JSON; a sources list at the
end gives each cited statement's cue and stance.
"""
from __future__ import annotations

import json
from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimwatch.dates import UNDATED
from claimwatch.assess.model import FINDING_KINDS, Assessment, CitedSource, Finding

FORMATS = ("text", "json", "markdown")
KIND_STYLES = {"significance": "bold", "position": "cyan", "call": "yellow", "implication": "green",
               "risk": "red", "watch": "magenta"}




def provenance(source: CitedSource, story: bool = False) -> str:
    """"Reuters, 2024-10-21" from the article's outlet and date ("Reuters, date unknown" for an
    undated report, never its ingestion day; "date unknown" alone in a story of several articles,
    where dates order what was said), or "" for a lone article with neither."""
    date = (source.published or "")[:10] or (UNDATED if source.outlet or story else "")
    return ", ".join(p for p in (source.outlet, date) if p)


def citation(assessment: Assessment, finding: Finding) -> str:
    """The finding's citations grouped by source, with outlet and date: "Mark Rutte [s12] — Reuters, 2024-10-24".

    When all cited statements come from one outlet and date, those are given once at the end.
    """
    sources = [assessment.source(c) for c in finding.cites]
    story = len(assessment.articles) > 1
    places = {provenance(s, story) for s in sources if s is not None}
    shared = len(places) == 1  # one outlet and date for all: say it once at the end
    groups: dict[str, list[str]] = {}
    for cite, src in zip(finding.cites, sources):
        if src is None:
            label = "unknown source"
        else:
            where = provenance(src, story)
            label = src.source + (f" ({where})" if where and not shared else "")
        groups.setdefault(label, []).append(cite)
    text = "; ".join(f"{label} [{', '.join(cites)}]" for label, cites in groups.items())
    where = next(iter(places)) if shared else ""
    return f"{text} \u2014 {where}" if where else text


def _sections(assessment: Assessment) -> list[tuple[str, tuple[Finding, ...]]]:
    out = []
    for kind in FINDING_KINDS:
        found = assessment.of_kind(kind)
        if found:
            out.append((assessment.sections.get(kind, kind.capitalize()), found))
    return out


def _source_line(src: CitedSource, story: bool = False) -> str:
    where = provenance(src, story)
    tail = f" — {where}" if where else ""
    title = f" — {src.title}" if src.title else ""
    return f"{src.id}: {src.description}, \u201c{src.cue}\u201d ({src.stance}){title}{tail}"


def _summary(assessment: Assessment) -> str:
    n = len(assessment.articles)
    text = (f"{len(assessment.findings)} findings from {n} article{'s' if n != 1 else ''}"
            + (f" published by {assessment.as_of}" if assessment.as_of else "")
            + ", each citing the statements it rests on")
    if assessment.dropped:
        text += f"; {assessment.dropped} unsupported sentence{'s' if assessment.dropped != 1 else ''} left out"
    if assessment.rewritten:
        text += f"; {assessment.rewritten} rewritten by the language model and re-checked"
    return text + "."


def to_terminal(assessment: Assessment, *, color: bool = False, width: int = 100) -> str:
    """Sections with one bullet per finding and its sources; ANSI colours only when ``color``."""
    console = Console(file=StringIO(), width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    console.print(Text("Assessment", style="bold underline"))
    console.print(Text(_summary(assessment), style="dim"))
    if not assessment.findings:
        console.print()
        console.print(Text("No grounded findings: the article has no typed claims to assess.", style="dim"))
    for title, findings in _sections(assessment):
        console.print()
        console.print(Text(title, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(ratio=1)
        for f in findings:
            grid.add_row(Text("\u2022", style=KIND_STYLES.get(f.kind, "")),
                         Text.assemble(f.text, "\n", (f"\u2014 {citation(assessment, f)}", "dim")))
        console.print(grid)
    if assessment.sources:
        console.print()
        console.print(Text("Sources", style="bold"))
        for src in assessment.sources:
            console.print(Text("  " + _source_line(src, len(assessment.articles) > 1), style="dim"))
    return "\n".join(line.rstrip() for line in console.file.getvalue().rstrip().splitlines()) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(assessment: Assessment) -> str:
    """The assessment as Markdown: a section per kind, bullets with citations, a sources table."""
    lines = ["# Assessment", "", _summary(assessment)]
    if not assessment.findings:
        lines += ["", "_No grounded findings: the article has no typed claims to assess._"]
    for title, findings in _sections(assessment):
        lines += ["", f"## {title}", ""]
        lines += [f"- {_md(f.text)} \u2014 _{_md(citation(assessment, f))}_" for f in findings]
    if assessment.sources:
        lines += ["", "## Sources", "", "| Id | Source | Cue | Stance | Outlet | Date |", "|---|---|---|---|---|---|"]
        for src in assessment.sources:
            lines.append(f"| {src.id} | {_md(src.description)} | {_md(src.cue)} | {src.stance} | "
                         f"{_md(src.outlet or '')} | {(src.published or '')[:10] or UNDATED} |")
    return "\n".join(lines) + "\n"


def to_json(assessment: Assessment) -> str:
    """``Assessment.to_dict()`` as indented UTF-8 JSON."""
    return json.dumps(assessment.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_assessment(assessment: Assessment, fmt: str = "text", *, color: bool = False, width: int = 100) -> str:
    """Render in one of :data:`FORMATS`; ``color``/``width`` apply to ``text`` only."""
    if fmt == "json":
        return to_json(assessment)
    if fmt == "markdown":
        return to_markdown(assessment)
    if fmt == "text":
        return to_terminal(assessment, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
