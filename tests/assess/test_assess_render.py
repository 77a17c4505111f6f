"""Assessment output: the JSON object, its round trip, and terminal/Markdown views with sources."""
from __future__ import annotations

import json

import pytest

from claimwatch.assess import Assessment, assess
from claimwatch.render.assessment import citation, render_assessment
from test_assess_findings import build_border_analysis


@pytest.fixture(scope="module")
def result():
    return assess([build_border_analysis()])


def test_assess_render_json_has_the_assessment_object(result):
    data = json.loads(render_assessment(result, "json"))
    findings = data["assessment"]["findings"]
    assert findings
    for f in findings:
        assert {"kind", "text", "cites", "confidence"} <= set(f)
        assert f["kind"] in ("significance", "position", "call", "implication", "risk", "watch")
        assert f["cites"] and all(isinstance(c, str) for c in f["cites"])
        assert 0.0 <= f["confidence"] <= 1.0
    cited = {c for f in findings for c in f["cites"]}
    assert cited == {s["id"] for s in data["assessment"]["sources"]}


def test_assess_render_round_trips_through_dict(result):
    again = Assessment.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


@pytest.mark.parametrize(("fmt", "expected"), [
    ("text", ("Situation and significance", "Positions", "Calls and warnings", "Implications", "Risks",
              "What to watch", "Sources", "Baltic Wire, 2025-03-10", "Radoslaw Sikorski [s3]")),
    ("markdown", ("## Situation and significance", "## Positions", "## What to watch", "## Sources",
                  "| s4 | Belarusian defence ministry (Belarus) | denied | denies | Baltic Wire | 2025-03-10 |")),
])
def test_assess_render_shows_sections_and_sources(result, fmt, expected):
    out = render_assessment(result, fmt)
    for needle in expected:
        assert needle in out
    assert "\x1b[" not in out


def test_assess_render_citation_names_source_outlet_and_date(result):
    denial = next(f for f in result.of_kind("position") if "denies" in f.stances)
    text = citation(result, denial)
    assert "Belarusian defence ministry [s4]" in text
    assert text.endswith("Baltic Wire, 2025-03-10")


def test_assess_render_citation_without_outlet_shows_source_only():
    result = assess([build_border_analysis(outlet=None, published=None)])
    text = citation(result, result.findings[0])
    assert "Lithuanian defence ministry [s1]" in text and "\u2014" not in text


def test_assess_render_empty_assessment_says_so():
    out = render_assessment(Assessment(articles=("x",)), "text")
    assert "No grounded findings" in out


def test_assess_render_unknown_format_raises(result):
    with pytest.raises(ValueError, match="unknown format"):
        render_assessment(result, "html")
