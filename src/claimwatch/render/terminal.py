"""Analysis -> terminal text with rich: statements grouped by claim, each line coloured by stance.

Rendering goes to a string (``Console(file=StringIO())``) so the function stays pure; with
``color=False`` the result is plain text, which is what tests and pipes get.
"""
from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimwatch.model import STANCES, Analysis, Statement
from claimwatch.render.parts import (
    STANCE_LEGEND, describe_source, flags, format_evidence, format_hedges, format_quantity,
    group_by_claim, title_of, truncate,
)

STANCE_STYLES = {
    "asserts": "green",
    "supports": "cyan",
    "uncommitted": "yellow",
    "disputes": "magenta",
    "denies": "red",
}
_STANCE_WIDTH = max(len(s) for s in STANCES)


def to_terminal(analysis: Analysis, *, color: bool = False, width: int = 100) -> str:
    """The analysis as terminal text; ANSI colours only when ``color`` is true."""
    console = Console(
        file=StringIO(), width=width, force_terminal=color, no_color=not color,
        color_system="standard" if color else None, highlight=False, emoji=False,
    )
    _header(console, analysis)
    if not analysis.statements:
        console.print()
        console.print(Text("No statements found.", style="dim"))
    for group in group_by_claim(analysis):
        console.print()
        heading = Text(group.heading, style="bold underline")
        if group.claim:
            heading = Text.assemble(heading, Text(f"  [{group.claim.id}, group {group.claim.group}]", style="dim"))
        console.print(heading)
        if not group.statements:
            console.print(Text("  (no statements)", style="dim"))
            continue
        grid = _grid()
        for statement in group.statements:
            grid.add_row(stance_tag(statement.stance), statement_text(analysis, statement))
        console.print(grid)
    if analysis.warnings:
        console.print()
        console.print(Text("Warnings", style="bold"))
        for warning in analysis.warnings:
            console.print(Text(f"  ! {warning}", style="yellow"))
    console.print()
    _legend(console)
    lines = console.file.getvalue().rstrip().splitlines()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def stance_tag(stance: str) -> Text:
    """The stance in capitals, bold and in its colour."""
    return Text(stance.upper(), style=f"bold {STANCE_STYLES.get(stance, '')}".strip())


def statement_text(analysis: Analysis, statement: Statement) -> Text:
    """Source, cue and content, then a detail line: certainty, hedges, flags, evidence, quantities."""
    style = STANCE_STYLES.get(statement.stance, "")
    text = Text(style=style)
    text.append(describe_source(analysis, statement), style="bold")
    text.append(f" {statement.cue}: ")
    text.append(f"“{truncate(statement.content)}”")
    details = [f"certainty {statement.certainty}"]
    if statement.hedges:
        details.append(f"hedges: {format_hedges(statement)}")
    details += flags(statement)
    evidence = format_evidence(statement)
    if evidence:
        details.append("evidence: " + ", ".join(evidence))
    if statement.quantities:
        details.append("quantities: " + ", ".join(format_quantity(q) for q in statement.quantities))
    text.append("\n" + " · ".join(details), style="dim")
    return text


def _grid() -> Table:
    """Two columns, so wrapped statement text hangs under its body, not under the stance tag."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=_STANCE_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def _header(console: Console, analysis: Analysis) -> None:
    console.print(Text(f"claimwatch — {title_of(analysis)}", style="bold"))
    counts = (f"{len(analysis.statements)} statements · {len(analysis.claims)} claims · "
              f"{len(analysis.actors)} actors · article id {analysis.article.id}")
    console.print(Text(counts, style="dim"))


def _legend(console: Console) -> None:
    console.print(Text("Stance legend", style="bold"))
    grid = _grid()
    for stance in STANCES:
        grid.add_row(stance_tag(stance), Text(STANCE_LEGEND[stance]))
    console.print(grid)
