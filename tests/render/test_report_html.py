"""`claimwatch report`: the self-contained HTML report, its Markdown twin and the read models behind them."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.ledger.store import Ledger
from claimwatch.render.html import build_report, render_report
from claimwatch.web import views
from support import copy_ledger
from web_support import add_hostile, no_embedder


@pytest.fixture(scope="module")
def story_db(story_ledger, tmp_path_factory):
    path = copy_ledger(story_ledger, tmp_path_factory.mktemp("report"))  # a copy: the hostile article is added
    add_hostile(path)
    return path


@pytest.fixture(scope="module")
def report(story_db):
    with Ledger(story_db, embedder=no_embedder) as ledger:
        return build_report(ledger)


@pytest.fixture(scope="module")
def html(report):
    return render_report(report, "html")


class _Collector(HTMLParser):
    """Tags, ids, hrefs and script bodies of a document, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def test_report_html_is_self_contained(html):
    doc = _parse(html)
    loaded = [a.get("src") or a.get("href") for t, a in doc.tags if a.get("src") or t == "link"]
    external = [url for url in loaded if not url.startswith("data:")]
    assert external == []
    assert "<style>" in html and "<script>" in html
    assert not re.search(r"https?://[^\"' ]*(cdn|googleapis|unpkg|jsdelivr)", html)
    csp = next(a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_report_html_has_every_section(report, html):
    doc = _parse(html)
    assert {"assessment", "claims", "stance-matrix", "details"} <= doc.ids
    badges = re.findall(r'class="badge status-(\w+)"', html)
    assert {c.status for c in report["claims"]} <= set(badges)
    wide = sum(1 for t, a in doc.tags if t == "svg" and "timeline-chart chart-wide" in a.get("class", ""))
    narrow = sum(1 for t, a in doc.tags if t == "svg" and "timeline-chart chart-narrow" in a.get("class", ""))
    dated = sum(1 for cid in report["charts"] if report["charts"][cid]["events"])
    assert wide == narrow == dated > 0  # each dated claim: one chart, drawn wide and for phones
    assert report["assessment"] and report["assessment"]["sections"]


def test_report_matrix_cells_link_to_statement_cards(html):
    doc = _parse(html)
    cell_links = [a["href"] for t, a in doc.tags if t == "a" and a.get("href", "").startswith("#st-")]
    assert cell_links
    assert all(link[1:] in doc.ids for link in cell_links)


def test_report_matrix_uses_the_stance_colour_scale(html):
    cells = re.findall(r'<td class="cell stance-(\w+)"', html)
    assert {"asserts", "denies"} <= set(cells)


def test_report_cards_highlight_the_source_in_context(report, html):
    cards = [c for cards in report["cards"].values() for c in cards]
    assert cards
    with_source = [c for c in cards if c["source_start"] is not None]
    assert with_source and all(any(s.kind == "source" for s in c["segments"]) for c in with_source)
    assert 'class="hl hl-source' in html and 'class="hl hl-content' in html


def test_report_html_escapes_hostile_article_text(html):
    doc = _parse(html)
    assert all("__pwned" not in body for body in doc.scripts)
    assert not any(a for t, a in doc.tags if t in ("img", "b", "i") or any(k.startswith("on") for k in a))
    assert not any(a.get("href", "").lower().startswith("javascript:") for t, a in doc.tags)
    assert "&lt;script&gt;window.__pwned" in html


def test_report_markdown_carries_the_same_content(report):
    text = render_report(report, "markdown")
    for heading in ("## Assessment", "## Claims", "## Stance matrix", "### Timeline", "### Statements"):
        assert heading in text
    for c in report["claims"]:
        assert f"## Claim {c.id}:" in text
    assert not any(p in text for p in ("<script>", "<img", "<b ")), "HTML in Markdown must be entities"
    assert "&lt;script&gt;" in text


def test_report_story_narrows_claims(story_db, report):
    with Ledger(story_db, embedder=no_embedder) as ledger:
        narrowed = build_report(ledger, story="convoy", with_assessment=False)
    assert 0 < len(narrowed["claims"]) < len(report["claims"])
    assert all("convoy" in (c.text + c.story).casefold() for c in narrowed["claims"])


def test_report_cli_writes_html_and_markdown(story_db, tmp_path):
    runner = CliRunner()
    for fmt, suffix, marker in (("html", "html", "<!DOCTYPE html>"), ("markdown", "md", "# claimwatch report")):
        out = tmp_path / f"r.{suffix}"
        result = runner.invoke(cli, ["report", "--db", str(story_db), "-o", str(out), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(marker)


def test_report_cli_missing_ledger_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert not (tmp_path / "none.db").exists()


# --- read models -------------------------------------------------------------------------------

def _st(pk, stance, source, spans, claim=1, independent=True):
    (s0, s1), (c0, c1), (t0, t1) = spans
    return {"pk": pk, "claim": claim, "stance": stance, "source": source, "independent": independent,
            "source_start": s0, "source_end": s1, "cue_start": c0, "cue_end": c1,
            "content_start": t0, "content_end": t1}


@pytest.mark.parametrize("text, spans, expected", [
    ("The mayor said the bridge would reopen.", ((0, 9), (10, 14), (15, 38)),
     [("The mayor", "source"), (" ", None), ("said", "cue"), (" ", None), ("the bridge would reopen", "content"),
      (".", None)]),
    # a source inside the content (a quote attributed mid-sentence) wins over the content highlight
    ("Troops, the general said, were withdrawn.", ((8, 19), (20, 24), (0, 40)),
     [("Troops, ", "content"), ("the general", "source"), (" ", "content"), ("said", "cue"),
      (", were withdrawn", "content"), (".", None)]),
])
def test_views_highlight_splits_text_by_strongest_span(text, spans, expected):
    segments = views.highlight(text, [_st(1, "asserts", "x", spans)])
    assert [(s.text, s.kind) for s in segments] == expected
    assert "".join(s.text for s in segments) == text


def test_views_context_window_cuts_at_whitespace():
    text = "word " * 100 + "The mayor said the bridge would reopen." + " tail" * 100
    start = text.index("The mayor")
    s = _st(1, "asserts", "x", ((start, start + 9), (start + 10, start + 14), (start + 15, start + 38)))
    lo, hi = views.context_window(text, s, chars=40)
    assert lo < start and hi > start + 38
    assert text[lo - 1] == " " and text[hi] == " "


def test_views_stance_matrix_keeps_latest_stance_and_drops_copies():
    rows = [_st(1, "asserts", "Ministry", ((0, 1), (1, 2), (2, 3))),
            _st(2, "denies", "Ministry", ((0, 1), (1, 2), (2, 3))),
            _st(3, "supports", "Analyst", ((0, 1), (1, 2), (2, 3)), claim=2),
            _st(4, "denies", "Copycat", ((0, 1), (1, 2), (2, 3)), independent=False),
            _st(5, "asserts", "unnamed", ((0, 1), (1, 2), (2, 3)))]
    m = views.stance_matrix(rows, [1, 2, 3])
    assert m["claims"] == [1, 2]
    grid = {r["actor"]: r["cells"] for r in m["rows"]}
    assert set(grid) == {"Ministry", "Analyst"}
    assert grid["Ministry"][0] == {"stance": "denies", "statements": [1, 2]}
    assert grid["Ministry"][1] is None and grid["Analyst"][1]["stance"] == "supports"


def test_views_timeline_chart_orders_points_by_date_within_the_frame():
    detail = {"timeline": [
        {"date": "2024-10-20T00:00:00+00:00", "kind": "status_change", "from_status": "alleged",
         "to_status": "corroborated", "note": "n"},
        {"date": "2024-10-10T00:00:00+00:00", "kind": "first_alleged", "from_status": None, "to_status": "alleged",
         "note": "n"},
        {"date": None, "kind": "denial", "from_status": None, "to_status": None, "note": "undated"}],
        "quantities": [{"date": "2024-10-12", "value": 100, "text": "100 troops", "source": "a", "outlet": "o"},
                       {"date": "2024-10-30", "value": 300, "text": "300 troops", "source": "b", "outlet": "o"}]}
    chart = views.timeline_chart(detail, width=500)
    xs = [e["x"] for e in chart["events"]]
    assert len(xs) == 2 and all(24 <= x <= 476 for x in xs)
    assert xs[0] > xs[1]  # the later event sits further right
    low, high = chart["figures"]
    assert high["y"] < low["y"]  # the larger figure is drawn higher
    assert chart["start"] == "2024-10-10" and chart["end"] == "2024-10-30"


def test_report_markdown_card_keeps_spaces_around_highlights():
    from claimwatch.render.html import _md_card

    text = "Harbour officials said on Tuesday that the ship had\nrun aground <near> the breakwater."
    content = text.index("the ship")
    s = _st(7, "asserts", "Harbour officials", ((0, 17), (18, 22), (content, text.index("."))))
    card = {**s, "cue": "said", "certainty": "certain", "title": "Aground", "article_id": "a1",
            "outlet": "Gazette", "published": "2024-03-05", "segments": views.highlight(text, [s]),
            "lead": False, "tail": False}
    quoted = _md_card(card).splitlines()[1]
    assert quoted == ("  > **Harbour officials** _said_ on Tuesday that "
                      "==the ship had run aground &lt;near&gt; the breakwater==.")


def _event(date, kind, to_status, pk, source, content, undated=0, from_status=None):
    return {"date": date, "kind": kind, "from_status": from_status, "to_status": to_status, "note": f"{source} said",
            "pk": pk, "source": source, "content": content, "outlet": "Harbour Gazette", "undated": undated}


def _ferry_detail():
    """A ferry-sinking claim: alleged, corroborated, then confirmed, with a casualty figure that grows
    and one report from an article without a date (its stored date is only when it was ingested)."""
    return {"id": 7, "timeline": [
        _event("2024-03-02T09:00:00+00:00", "first_alleged", "alleged", 11, "Coastguard",
               "a ferry had sunk near the northern cape"),
        _event("2024-03-04T09:00:00+00:00", "status_change", "corroborated", 12, "Port authority",
               "the vessel went down in heavy seas", from_status="alleged"),
        _event("2024-03-06T09:00:00+00:00", "denial", "corroborated", 13, "Ferry operator",
               "none of its ships was lost"),
        _event("2024-03-09T09:00:00+00:00", "status_change", "confirmed", 14, "Transport ministry",
               "the ferry sank with 40 people aboard", from_status="corroborated"),
        _event("2024-05-30T10:00:00+00:00", "confirmation", "confirmed", 15, "Fishermen's union",
               "its members saw the ferry sink", undated=1)],
        "quantities": [
            {"date": "2024-03-04T09:00:00+00:00", "value": 12, "unit": "passengers", "text": "12 passengers",
             "pk": 12, "source": "Port authority", "content": "12 passengers were missing", "outlet": "Gazette", "approximate": 0,
             "undated": 0},
            {"date": "2024-03-09T09:00:00+00:00", "value": 40, "unit": "passengers", "text": "40 passengers",
             "pk": 14, "source": "Transport ministry", "content": "40 passengers were aboard", "outlet": "Gazette", "approximate": 0,
             "undated": 0},
            {"date": "2024-05-30T10:00:00+00:00", "value": 55, "unit": "passengers", "text": "55 passengers",
             "pk": 15, "source": "Fishermen's union", "content": "55 passengers", "outlet": None, "undated": 1,
             "approximate": 1}]}


def test_views_timeline_chart_has_a_labelled_date_axis():
    chart = views.timeline_chart(_ferry_detail(), width=720, ticks=4)
    labels = [t["label"] for t in chart["xticks"]]
    assert labels[0] == "2 Mar 2024" and len(labels) >= 3
    assert all(chart["frame"].left <= t["x"] <= 720 - chart["frame"].right for t in chart["xticks"])
    assert chart["end"] == "2024-03-09"  # the undated article's ingestion day is not on the axis


def test_views_timeline_chart_status_band_follows_status_changes():
    chart = views.timeline_chart(_ferry_detail())
    assert [b["status"] for b in chart["band"]] == ["alleged", "corroborated", "confirmed"]
    assert [b["color"] for b in chart["band"]] == [views.STATUS_COLORS[s] for s in ("alleged", "corroborated", "confirmed")]
    starts = [b["x"] for b in chart["band"]]
    assert starts == sorted(starts) and all(b["w"] > 0 for b in chart["band"])
    assert {"alleged", "contested", "corroborated", "confirmed", "denied"} <= set(chart["statuses"])


def test_views_timeline_chart_points_name_their_statement_and_link_to_its_card():
    chart = views.timeline_chart(_ferry_detail())
    denial = next(e for e in chart["events"] if e["kind"] == "denial")
    assert "Ferry operator" in denial["label"] and "none of its ships was lost" in denial["label"]
    assert denial["href"] == "#st-7-13" and denial["color"] == views.STATUS_COLORS["denied"]
    assert [f["href"] for f in chart["figures"]] == ["#st-7-12", "#st-7-14"]
    assert "Transport ministry" in chart["figures"][1]["label"]


def test_views_timeline_chart_figures_have_their_own_labelled_axis():
    chart = views.timeline_chart(_ferry_detail())
    assert chart["yaxis"] == "passengers"
    assert [t["label"] for t in chart["yticks"]] == ["0", "25", "50"]  # 0 to a round maximum above 40
    low, high = chart["figures"]
    assert high["y"] < low["y"]


def test_views_timeline_chart_lists_undated_reports_apart():
    chart = views.timeline_chart(_ferry_detail())
    assert all(e["date"] != "2024-05-30" for e in chart["events"] + chart["figures"])
    undated = chart["undated"]
    assert [u.get("kind") or "figure" for u in undated] == ["confirmation", "figure"]
    assert all(u["day"] == views.UNDATED for u in undated)
    html = _render_timeline(chart)
    assert "Date unknown" in html and "2024-05-30" not in html


def _render_timeline(chart):
    from claimwatch.web.templating import environment

    macros = environment().get_template("_macros.html").module
    return str(macros.timeline(chart, {}))


def test_report_chart_points_are_keyboard_reachable_links_to_cards(html):
    doc = _parse(html)
    points = [a for t, a in doc.tags if t == "a" and "pt" in a.get("class", "").split()]
    assert points and all(a["href"][1:] in doc.ids for a in points)
    assert all(a.get("data-label") and a.get("aria-label") for a in points)


# --- footnoted citations -----------------------------------------------------------------------

def _assessment_section(html):
    return html[html.index('id="assessment"'):html.index('id="claims"')]


def test_report_assessment_cites_with_numbered_footnotes_not_ids(report, html):
    doc = _parse(html)
    refs = [a for t, a in doc.tags if t == "a" and a.get("class") == "fn-ref"]
    findings = sum(len(fs) for _, fs in report["assessment"]["sections"])
    assert refs and len(refs) >= findings
    assert all(a["href"].startswith("#") and a["href"][1:] in doc.ids for a in refs)  # card or evidence note
    assert all(a["aria-describedby"] in doc.ids for a in refs)
    assert not re.search(r"\[[0-9a-f]{8,}:s\d+", _assessment_section(html))  # no paragraph of ids


def test_report_footnote_card_shows_source_outlet_date_and_quoted_words(report, html):
    note = report["assessment"]["notes"][0]
    assert note["quote"] and note["outlet"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", note["day"])
    section = _assessment_section(html)
    start = section.index('<span class="fn-card" role="tooltip" id="fn-1-1-1">')
    end, following = section.index("</li>", start), section.find('<span class="fn">', start)
    card = section[start:following if 0 <= following < end else end]
    for part in (note["description"], note["outlet"], note["day"]):
        assert part.replace("'", "&#39;") in card
    assert "fn-quote" in card


def test_report_footnotes_link_to_statement_cards(report, html):
    doc = _parse(html)
    linked = [n for n in report["assessment"]["notes"] if n["card"]]
    assert linked and all(n["href"] == n["card"] and n["card"][1:] in doc.ids for n in linked)
    assert all(n["card"].startswith("#st-") for n in linked)


def test_report_evidence_list_follows_the_prose(report, html):
    section = _assessment_section(html)
    last_finding = section.rindex('class="finding')
    evidence = section.index('id="evidence-notes"')
    assert evidence > last_finding
    assert section.count('<li id="ev-') == len(report["assessment"]["notes"])


def test_report_markdown_keeps_compact_citation_ids(report):
    text = render_report(report, "markdown")
    assessment = text[text.index("## Assessment"):text.index("## Claims")]
    assert re.search(r"\[[0-9a-f]{8,}:s\d+", assessment)
    assert "fn-ref" not in text


def test_assessment_view_numbers_notes_by_first_citation_and_marks_undated_articles():
    from claimwatch.assess.model import Assessment, CitedSource, Finding
    from claimwatch.render.html import assessment_view

    sources = (CitedSource("a1:s1", "Harbour master", "Harbour master", "said", "asserts", "report", "a1",
                           outlet="Harbour Gazette", published="2024-03-02T09:00:00+00:00"),
               CitedSource("a2:s3", "Ferry operator", "Ferry operator", "denied", "denies", "denial", "a2",
                           outlet="Coast Radio", published="2024-05-30T10:00:00+00:00"),
               CitedSource("a3:s2", "Fishermen", "Fishermen", "said", "asserts", "report", "a3"))
    findings = (Finding("significance", "A ferry sank off the cape.", ("a2:s3", "a1:s1"), 0.9),
                Finding("position", "The operator denies it.", ("a2:s3", "a3:s2"), 0.9))
    cited = {"a1:s1": {"pk": 5, "quote": "a ferry sank", "undated": False},
             "a2:s3": {"pk": 9, "quote": "no ship was lost", "undated": True}}  # its date is the ingestion time
    view = assessment_view(Assessment(findings=findings, sources=sources), cited, {5: "#st-1-5"}.get)
    notes = {n["id"]: n for n in view["notes"]}
    assert [n["id"] for n in view["notes"]] == ["a2:s3", "a1:s1", "a3:s2"]
    assert [f["notes"] for _, fs in view["sections"] for f in fs] == [[1, 2], [1, 3]]
    assert notes["a1:s1"]["day"] == "2024-03-02" and notes["a1:s1"]["href"] == "#st-1-5"
    assert notes["a2:s3"]["day"] == "date unknown" and notes["a2:s3"]["href"] == "#ev-1"
    assert notes["a3:s2"]["day"] == "date unknown" and notes["a3:s2"]["quote"] == ""


def test_views_timeline_chart_merges_points_drawn_at_the_same_spot():
    detail = _ferry_detail()
    twin = {**detail["quantities"][0], "pk": 21, "source": "Lifeboat crew", "content": "twelve passengers were missing"}
    detail["quantities"].insert(1, twin)
    chart = views.timeline_chart(detail)
    first = chart["figures"][0]
    assert len(chart["figures"]) == 2 and first["count"] == 2
    assert "Port authority" in first["label"] and "Lifeboat crew" in first["label"]
    assert first["href"] == "#st-7-12"
