"""Renderers: terminal (rich), Markdown and JSON views of a hand-built Analysis."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from claimwatch.model import Analysis, Quantity
from claimwatch.render import (
    FORMATS, OTHER_HEADING, describe_source, format_quantity, group_by_claim, render, truncate,
)
from claimwatch.render.jsonout import to_json
from claimwatch.render.markdown import to_markdown
from claimwatch.render.terminal import to_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")
EVAL_STATEMENT_KEYS = {"source", "cue", "cue_span", "source_span", "content_span", "stance", "certainty",
                       "conditional", "distanced", "evidence", "quantities", "claims"}


def sections(text: str, headings: list[str]) -> dict[str, str]:
    """Split rendered text into the blocks that follow each heading line."""
    positions = sorted((text.index(h), h) for h in headings)
    out = {}
    for i, (pos, heading) in enumerate(positions):
        end = positions[i + 1][0] if i + 1 < len(positions) else len(text)
        out[heading] = text[pos:end]
    return out


def headings_of(analysis: Analysis) -> list[str]:
    return [c.text for c in analysis.claims] + [OTHER_HEADING]


@pytest.mark.parametrize(("heading", "present", "absent"), [
    ("Lithium batteries started the fire aboard the Meridian",
     ["Port of Rotterdam Authority", "Meridian Shipping", "coast guard"], ["Helvetia Marine"]),
    ("Lithium batteries were on board the Meridian", ["Meridian Shipping"], ["Port of Rotterdam Authority"]),
    ("About 40 containers were damaged in the Meridian fire",
     ["municipal officials", "Helvetia Marine"], ["Meridian Shipping"]),
    (OTHER_HEADING, ["unnamed source"], ["Port of Rotterdam Authority", "Helvetia Marine"]),
])
def test_terminal_groups_statements_under_their_claim(analysis, heading, present, absent):
    block = sections(to_terminal(analysis), headings_of(analysis))[heading]
    for source in present:
        assert source in block
    for source in absent:
        assert source not in block


def test_group_by_claim_orders_statements_by_position_and_puts_unclaimed_last(analysis):
    groups = group_by_claim(analysis)
    assert [g.claim.id if g.claim else None for g in groups] == ["c1", "c2", "c3", None]
    for group in groups:
        starts = [s.content_span[0] for s in group.statements]
        assert starts == sorted(starts)


@pytest.mark.parametrize(("source", "expected"), [
    ("Port of Rotterdam Authority", "Port of Rotterdam Authority (port authority, Netherlands)"),
    ("Meridian Shipping", "Meridian Shipping (shipping line)"),
    ("municipal officials", "municipal officials (Rotterdam)"),
    ("Netherlands", "Netherlands"),  # an affiliation equal to the name adds nothing
    ("unnamed", "unnamed source"),
    ("Someone Unlisted", "Someone Unlisted"),
])
def test_render_describe_source_uses_actor_role_and_affiliation(analysis, source, expected):
    statement = replace(analysis.statements[0], source=source)
    assert describe_source(analysis, statement) == expected


@pytest.mark.parametrize(("marker", "expected"), [
    ("Port of Rotterdam Authority", ['video ("video footage from the quay")', "certainty certain"]),
    ("coast guard", ["certainty uncertain", "hedges: could not confirm", "UNCOMMITTED"]),
    ("municipal officials", ["~40 containers", 'official data ("preliminary customs figures")']),
    ("Helvetia Marine", ["DISPUTES", "certainty possible · hedges: could"]),
    ("close for a week", ["conditional", "hedges: may"]),
    ("leaking fuel line", ["distanced", "hedges: reportedly"]),
])
def test_terminal_shows_certainty_flags_evidence_and_quantities(analysis, marker, expected):
    out = to_terminal(analysis, width=200)
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if marker in line)
    block = "\n".join(lines[i:i + 2])  # the statement line and its detail line
    for text in expected:
        assert text in block


def test_terminal_plain_output_has_no_ansi_codes(analysis):
    assert not ANSI.search(to_terminal(analysis, color=False))


@pytest.mark.parametrize(("source", "sgr"), [
    ("Port of Rotterdam Authority", "32"),  # asserts: green
    ("Meridian Shipping", "31"),  # denies: red
    ("coast guard", "33"),  # uncommitted: yellow
    ("Helvetia Marine", "35"),  # disputes: magenta
])
def test_terminal_colours_each_line_by_stance(analysis, source, sgr):
    out = to_terminal(analysis, color=True, width=200)
    line = next(line for line in out.splitlines() if source in line and "(" in line)
    codes = {c for m in ANSI.finditer(line) for c in m.group()[2:-1].split(";")}
    assert sgr in codes


def test_terminal_supports_stance_is_cyan(analysis):
    backing = replace(analysis.statements[0], id="s9", stance="supports", source="Helvetia Marine")
    out = to_terminal(replace(analysis, statements=(backing,)), color=True, width=200)
    line = next(line for line in out.splitlines() if "SUPPORTS" in line and "Helvetia" in line)
    assert "36" in {c for m in ANSI.finditer(line) for c in m.group()[2:-1].split(";")}


def test_terminal_shows_legend_warnings_and_counts(analysis):
    out = to_terminal(analysis)
    assert "Stance legend" in out
    for stance in ("ASSERTS", "SUPPORTS", "UNCOMMITTED", "DISPUTES", "DENIES"):
        assert stance in out.split("Stance legend")[1]
    assert "no publication date; using ingestion time" in out
    assert "7 statements" in out and "3 claims" in out and "6 actors" in out


def test_terminal_says_when_no_statements_were_found(analysis):
    out = to_terminal(Analysis(article=analysis.article))
    assert "No statements found." in out
    assert OTHER_HEADING not in out


def test_terminal_truncates_long_content(analysis):
    long_content = " ".join(["the ministry repeated that the inspection found no damage to the hull"] * 6)
    statement = replace(analysis.statements[0], content=long_content)
    out = to_terminal(replace(analysis, statements=(statement,)), width=400)
    assert "…" in out
    assert long_content not in out


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Officials said the bridge would reopen.", 80, "Officials said the bridge would reopen."),
    ("Officials  said\nthe bridge\twould reopen.", 80, "Officials said the bridge would reopen."),
    ("Officials said the bridge would reopen next month after repairs.", 30, "Officials said the bridge…"),
])
def test_render_truncate_cuts_at_a_word_boundary(text, limit, expected):
    result = truncate(text, limit)
    assert result == expected
    assert len(result) <= limit


@pytest.mark.parametrize(("quantity", "expected"), [
    (Quantity(3000, "troops", approximate=True), "~3,000 troops"),
    (Quantity(12.5, "percent"), "12.5 percent"),
    (Quantity(40, "containers"), "40 containers"),
])
def test_render_format_quantity(quantity, expected):
    assert format_quantity(quantity) == expected


def markdown_tables(md: str) -> dict[str, list[list[str]]]:
    """Heading -> rows (cells) of the table under each ``##`` heading."""
    tables: dict[str, list[list[str]]] = {}
    current = None
    for line in md.splitlines():
        if line.startswith("## "):
            current = line[3:]
            tables[current] = []
        elif current and line.startswith("| ") and not line.startswith("| Stance"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            tables[current].append([c.strip() for c in cells])
    return tables


def test_markdown_has_a_table_per_claim_group(analysis):
    md = to_markdown(analysis)
    tables = markdown_tables(md)
    assert list(tables)[:4] == headings_of(analysis)
    assert md.count("| Stance | Source |") == 4
    assert [row[0] for row in tables["About 40 containers were damaged in the Meridian fire"]] == [
        "**asserts**", "**disputes**"]
    assert all(len(row) == 9 for rows in tables.values() for row in rows)


def test_markdown_row_carries_the_same_details_as_terminal(analysis):
    rows = markdown_tables(to_markdown(analysis))["About 40 containers were damaged in the Meridian fire"]
    officials = next(r for r in rows if r[1].startswith("municipal officials"))
    assert officials[2] == "reported"
    assert officials[8] == "~40 containers"
    assert "official data" in officials[7]


def test_markdown_escapes_pipes_and_newlines_in_cells(analysis):
    statement = replace(analysis.statements[0], content="exports rose | imports fell\nsharply")
    md = to_markdown(replace(analysis, statements=(statement,)))
    row = next(r for r in markdown_tables(md)[analysis.claims[0].text])
    assert len(row) == 9
    assert "exports rose \\| imports fell sharply" in row[3]


def test_json_output_parses_and_carries_the_eval_fields(analysis):
    data = json.loads(to_json(analysis))
    assert data == analysis.to_dict()
    assert {"statements", "claims", "actors"} <= set(data)
    for statement in data["statements"]:
        assert EVAL_STATEMENT_KEYS <= set(statement)
    assert data["statements"][3]["quantities"][0]["value"] == 40


def test_json_keeps_non_ascii_and_round_trips(analysis):
    out = to_json(analysis, include_text=True)
    assert "Zürich" in out and "\\u00fc" not in out
    assert Analysis.from_dict(json.loads(out)) == analysis


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_every_format(analysis, fmt):
    out = render(analysis, fmt)
    assert "Helvetia Marine" in out


def test_render_rejects_an_unknown_format(analysis):
    with pytest.raises(ValueError, match="unknown format"):
        render(analysis, "yaml")
