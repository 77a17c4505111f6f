"""Output edge: pure functions from an :class:`~claimwatch.model.Analysis` to text (terminal, Markdown, JSON).

What every human-readable format shows is decided once in :mod:`claimwatch.render.parts`; the
format modules are loaded only when asked for.
"""
from __future__ import annotations

from claimwatch.model import Analysis
from claimwatch.render.parts import (
    CONTENT_LIMIT, FORMATS, OTHER_HEADING, STANCE_LEGEND, VIA_ARROW, Group, describe_source, flags,
    format_evidence, format_hedges, format_quantity, format_via, group_by_claim, title_of, truncate,
)


def render(analysis: Analysis, fmt: str = "text", *, color: bool = False, width: int = 100) -> str:
    """Render ``analysis`` in one of :data:`FORMATS`; ``color``/``width`` apply to ``text`` only."""
    if fmt == "json":
        from claimwatch.render.jsonout import to_json

        return to_json(analysis)
    if fmt == "markdown":
        from claimwatch.render.markdown import to_markdown

        return to_markdown(analysis)
    if fmt == "text":
        from claimwatch.render.terminal import to_terminal

        return to_terminal(analysis, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = [
    "CONTENT_LIMIT", "FORMATS", "OTHER_HEADING", "VIA_ARROW", "STANCE_LEGEND", "Group", "group_by_claim", "describe_source", "truncate",
    "format_quantity", "format_evidence", "format_hedges", "flags", "title_of", "format_via", "render",
]
