"""Analysis -> Markdown: the terminal view's content as one table per claim, for reports and issues."""
from __future__ import annotations

from claimwatch.model import STANCES, Analysis, Statement
from claimwatch.render.parts import (
    STANCE_LEGEND, describe_source, flags, format_evidence, format_hedges, format_quantity,
    group_by_claim, title_of, truncate,
)

COLUMNS = ("Stance", "Source", "Cue", "Content", "Certainty", "Hedges", "Flags", "Evidence", "Quantities")


def to_markdown(analysis: Analysis) -> str:
    """The analysis as a Markdown document: header, stance legend, a table per claim group."""
    art = analysis.article
    lines = [
        f"# claimwatch: {cell(title_of(analysis))}",
        "",
        f"{len(analysis.statements)} statements, {len(analysis.claims)} claims, "
        f"{len(analysis.actors)} actors; article id `{art.id}`.",
        "",
        "Stances: " + "; ".join(f"**{s}** {STANCE_LEGEND[s]}" for s in STANCES) + ".",
    ]
    for group in group_by_claim(analysis):
        lines += ["", f"## {cell(group.heading)}", ""]
        if group.claim:
            lines += [f"Claim `{group.claim.id}`, group `{group.claim.group}`.", ""]
        if not group.statements:
            lines.append("_No statements._")
            continue
        lines.append("| " + " | ".join(COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        lines += [table_row(analysis, s) for s in group.statements]
    if analysis.warnings:
        lines += ["", "## Warnings", ""] + [f"- {cell(w)}" for w in analysis.warnings]
    return "\n".join(lines) + "\n"


def table_row(analysis: Analysis, statement: Statement) -> str:
    """One statement as a Markdown table row."""
    values = (
        f"**{statement.stance}**",
        describe_source(analysis, statement),
        statement.cue,
        truncate(statement.content),
        statement.certainty,
        format_hedges(statement),
        ", ".join(flags(statement)),
        ", ".join(format_evidence(statement)),
        ", ".join(format_quantity(q) for q in statement.quantities),
    )
    return "| " + " | ".join(cell(v) for v in values) + " |"


def cell(text: str) -> str:
    """Text safe inside a table cell or heading: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")
