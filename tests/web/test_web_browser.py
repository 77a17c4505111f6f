"""The web UI and the HTML report in a real headless Chromium (Debian's package, driven by Playwright).

Skips, never fails, when /usr/bin/chromium or the playwright package is missing (install with
``apt-get install -y chromium``; never ``playwright install``). The app runs under uvicorn on a free
127.0.0.1 port in a background thread. Screenshots of every page go to ``tests/artifacts/``; those of the
footnote, chart (1280 and 375 px) and /docs views to each test's pytest tmp dir.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from claimwatch.ledger.store import Ledger
from claimwatch.render.html import build_report, render_report
from support import copy_ledger
from web_support import HOSTILE_TEXT, add_hostile, no_embedder

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = (
    "Transport officials said on Wednesday that the tunnel under the estuary would stay closed until "
    "engineers had inspected every support beam.\n\n"
    "The operator denied that the closure had been ordered because of a crack in the roof, calling the "
    "reports speculation.\n"
)

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) "
                "to run the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ledger_db(story_ledger, tmp_path_factory):
    path = copy_ledger(story_ledger, tmp_path_factory.mktemp("browser"))  # a copy: the hostile article is added
    return path, add_hostile(path)


@pytest.fixture(scope="module")
def server(ledger_db):
    import uvicorn

    from claimwatch.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(ledger_db[0], embedder=no_embedder), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors (a CSP violation shows up there) and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.dialogs = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _api(page, server, path):
    return page.request.get(server + path).json()


def test_web_browser_every_page_renders(page, server, ledger_db):
    claim = _api(page, server, "/api/claims")[0]
    actor = _api(page, server, "/api/actors")[0]
    pages = {"home": "/", "claim": f"/claims/{claim['id']}", "actors": "/actors",
             "actor": f"/actors/{actor['name']}", "articles": "/articles", "article": f"/articles/{ledger_db[1]}",
             "ingest": "/ingest"}
    for name, path in pages.items():
        response = page.goto(server + path)
        assert response.status == 200, path
        assert page.locator("main h2").first.is_visible(), path
        _shot(page, f"web-{name}")
    assert page.console_errors == []


def test_web_browser_claim_matrix_and_timeline_are_visible(page, server):
    claim = _api(page, server, "/api/claims")[0]
    page.goto(f"{server}/claims/{claim['id']}")
    assert page.locator("#stance-matrix").is_visible()
    assert page.locator("svg.timeline-chart.chart-wide").is_visible()
    assert page.locator("svg.timeline-chart.chart-wide .event").count() >= 1
    cell = page.locator("#stance-matrix td.cell a").first
    cell.click()
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert target.is_visible() and target.locator("mark.hl-content").count() >= 1
    _shot(page, "web-claim-matrix-clicked")


def test_web_browser_search_finds_a_statement(page, server):
    page.goto(server + "/")
    page.fill("input[name=q]", "special forces")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#search-results")
    results = page.locator("#search-results li.result")
    assert results.count() >= 1
    assert "special forces" in results.first.inner_text().lower()
    results.first.locator("a").click()
    page.wait_for_selector("#article-text")
    assert page.locator(f"#{page.url.split('#', 1)[1]}").is_visible()
    _shot(page, "web-search")


def test_web_browser_uploaded_article_appears(page, server, tmp_path):
    upload = tmp_path / "tunnel.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    page.goto(server + "/ingest")
    page.fill("#title", "Estuary tunnel stays shut")
    page.fill("#outlet", "Coastal Courier")
    page.set_input_files("#file", str(upload))
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#ingest-result")
    assert "Analysed and stored." in page.inner_text("#ingest-result")
    assert page.locator("#article-text mark.hl-source").count() >= 1
    _shot(page, "web-uploaded")
    page.goto(server + "/articles")
    assert page.locator("#articles-table", has_text="Estuary tunnel stays shut").is_visible()


def test_web_browser_hostile_article_executes_nothing(page, server, ledger_db, tmp_path):
    claim = next(c for c in _api(page, server, "/api/claims") if "convoy" in c["text"])
    page.goto(f"{server}/ingest")
    page.fill("#text", HOSTILE_TEXT.replace("Border officials", "Customs officers"))  # a new article
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#ingest-result")
    for path in (f"/articles/{ledger_db[1]}", f"/claims/{claim['id']}", "/actors", "/?q=convoy"):
        page.goto(server + path)
        for mark in page.locator("mark.hl").all()[:6]:
            mark.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{server}/articles/{ledger_db[1]}")
    assert "<script>" in page.inner_text("#article-text")  # shown as text
    assert page.locator("#article-text img, #article-text a, #article-text b").count() == 0
    _shot(page, "web-hostile")
    assert page.dialogs == []


def test_web_browser_report_file_is_self_contained_and_inert(page, ledger_db, tmp_path):
    with Ledger(ledger_db[0], embedder=no_embedder) as ledger:
        html = render_report(build_report(ledger), "html")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    assert page.locator("#stance-matrix").is_visible()
    assert page.locator("svg.timeline-chart").first.is_visible()
    page.fill("input.table-filter", "convoy")  # the inlined script runs under the report's CSP
    visible = page.locator("#claims-table tbody tr:visible")
    assert 1 <= visible.count() < page.locator("#claims-table tbody tr").count()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert requests == [] and page.console_errors == []
    _shot(page, "report")


# --- footnoted citations, the timeline chart at two widths, /docs offline ------------------------

def _claim_with_figures(page, server) -> dict:
    claims = _api(page, server, "/api/claims")
    return next(c for c in claims if _api(page, server, f"/api/claims/{c['id']}")["quantities"])


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_web_browser_footnote_card_shows_on_hover_and_on_focus(page, server, tmp_path):
    story = _api(page, server, "/api/stories")[0]
    page.goto(f"{server}/stories/s{story['id']}")
    ref = page.locator("#assessment a.fn-ref").first
    card = page.locator(f"#{ref.get_attribute('aria-describedby')}")
    assert not card.is_visible()
    ref.hover()
    assert card.is_visible()
    note = card.inner_text()
    assert card.locator("q.fn-quote").count() == 1 and re.search(r"\d{4}-\d{2}-\d{2}|date unknown", note)
    page.screenshot(path=str(tmp_path / "story-footnote-hover.png"))
    page.mouse.move(0, 0)
    assert not card.is_visible()
    page.locator("#assessment p.muted").first.click()  # then reach the first marker from the keyboard
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fn-ref')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('fn-ref')")
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.locator(f"#{focused}").is_visible()
    page.keyboard.press("Enter")  # the marker opens the statement card it cites
    page.wait_for_url(re.compile(r"/claims/\d+#st-"))
    anchor = page.url.split("#", 1)[1]
    assert anchor.startswith("st-") and page.locator(f"#{anchor}").is_visible()
    assert page.console_errors == []


def test_web_browser_report_footnote_card_shows_on_hover(page, ledger_db, tmp_path):
    with Ledger(ledger_db[0], embedder=no_embedder) as ledger:
        html = render_report(build_report(ledger), "html")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    ref = page.locator("#assessment a.fn-ref").nth(1)
    ref.hover()
    assert page.locator(f"#{ref.get_attribute('aria-describedby')}").is_visible()
    page.screenshot(path=str(tmp_path / "report-footnote-hover.png"))
    ref.click()
    assert page.locator(f"#{page.url.split('#', 1)[1]}").is_visible()


@pytest.mark.parametrize("width, variant", [(1280, "wide"), (375, "narrow")])
def test_web_browser_timeline_chart_reads_at_desktop_and_phone_width(browser, server, tmp_path, width, variant):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    claim = _claim_with_figures(page, server)
    page.goto(f"{server}/claims/{claim['id']}")
    chart = page.locator(f"svg.timeline-chart.chart-{variant}")
    assert chart.is_visible() and page.locator("svg.timeline-chart:visible").count() == 1
    assert _no_sideways_scroll(page)
    assert chart.locator("text.date-tick").count() >= 1 and chart.locator("text.axis-title").text_content()
    legend = page.locator("#timeline .chart-legend")
    assert legend.is_visible() and "confirmed" in legend.inner_text() and "denied" in legend.inner_text()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # the last figure drawn is on top: at phone width close dates may overlap an earlier point
    point = chart.locator(".pt:has(.qpoint)").last
    page.locator("#timeline").scroll_into_view_if_needed()
    point.hover()
    readout = page.locator("#timeline .chart-readout")
    label = point.get_attribute("data-label")
    assert readout.inner_text() == label and "\u201c" in label  # the statement's words
    page.screenshot(path=str(tmp_path / f"chart-{width}.png"))  # the view as seen, the statement named
    page.mouse.move(0, 0)
    chart.locator(".pt").first.focus()  # keyboard focus names the statement too
    assert readout.inner_text() == chart.locator(".pt").first.get_attribute("data-label")
    context.close()


def test_web_browser_chart_points_are_reached_with_the_tab_key(page, server):
    claim = _claim_with_figures(page, server)
    page.goto(f"{server}/claims/{claim['id']}")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('svg.chart-wide')"):
            break
    assert page.evaluate("!!document.activeElement.closest('svg.chart-wide')")
    assert page.locator("#timeline .chart-readout").inner_text() == page.evaluate(
        "document.activeElement.getAttribute('data-label')")


def test_web_browser_docs_render_without_leaving_the_server(page, server, tmp_path):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 5
    assert outside == [] and page.console_errors == []
    page.screenshot(path=str(tmp_path / "docs.png"))
