"""The web UI and JSON API through FastAPI's TestClient: every route, the API shapes, and the safety
rules (escaping, CSRF, upload size limit, read-only mode, security headers)."""
from __future__ import annotations

import re

import pytest
from markupsafe import escape
from fastapi.testclient import TestClient

from claimwatch.web.app import CSRF_COOKIE, create_app
from support import copy_ledger
from web_support import HOSTILE_TEXT, PAYLOADS, add_hostile, no_embedder

ARTICLE = (
    "Harbour officials said on Tuesday that the container ship Aurora had run aground near the northern "
    "breakwater after its steering failed.\n\n"
    "The shipping company denied that the crew had ignored a pilot's warning, calling the claim unfounded.\n"
)


@pytest.fixture(scope="module")
def story_db(story_ledger, tmp_path_factory):
    path = copy_ledger(story_ledger, tmp_path_factory.mktemp("web"))  # a copy: the hostile article is added
    return path, add_hostile(path)


@pytest.fixture(scope="module")
def client(story_db):
    return TestClient(create_app(story_db[0], embedder=no_embedder))


@pytest.fixture
def fresh(tmp_path):
    """A client over an empty ledger of its own, for tests that write."""
    return TestClient(create_app(tmp_path / "w.db", embedder=no_embedder, max_upload=4096))


def _token(client: TestClient) -> str:
    page = client.get("/ingest")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert client.cookies.get(CSRF_COOKIE) == token
    return token


def _first_claim(client) -> dict:
    return client.get("/api/claims").json()[0]


# --- pages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, marker", [
    ("/", 'id="claims-table"'),
    ("/actors", 'id="actors-table"'),
    ("/articles", 'id="articles-table"'),
    ("/ingest", 'name="csrf_token"'),
    ("/static/style.css", ".matrix"),
    ("/static/app.js", "table-filter"),
    ("/openapi.json", "/api/claims/{claim_id}"),
])
def test_web_pages_render(client, path, marker):
    response = client.get(path)
    assert response.status_code == 200
    assert marker in response.text


def test_web_claim_page_shows_timeline_matrix_statements_and_figures(client):
    claim = _first_claim(client)
    html = client.get(f"/claims/{claim['id']}").text
    assert 'class="timeline-chart chart-wide"' in html and 'class="timeline-chart chart-narrow"' in html and 'id="stance-matrix"' in html
    assert 'id="statements"' in html and 'id="evidence"' in html
    assert claim["text"].split()[0] in html
    detail = client.get(f"/api/claims/{claim['id']}").json()
    if detail["quantities"]:
        assert 'class="figures"' in html and 'class="qline"' in html


def test_web_claim_matrix_links_resolve_to_cards_on_the_page(client):
    claim = _first_claim(client)
    html = client.get(f"/claims/{claim['id']}").text
    links = re.findall(rf'href="/claims/{claim["id"]}#(st-[\d-]+)"', html)
    assert links and all(f'id="{anchor}"' in html for anchor in links)


def test_web_actor_page_lists_statements(client):
    actor = client.get("/api/actors").json()[0]
    html = client.get(f"/actors/{actor['name']}").text
    assert actor["name"] in html and 'class="results"' in html


def test_web_article_page_highlights_attributions(client):
    article = next(a for a in client.get("/api/articles").json() if a["statements"])
    html = client.get(f"/articles/{article['id']}").text
    assert 'id="article-text"' in html
    assert html.count('class="hl hl-source') >= 1 and html.count('class="hl hl-cue') >= article["statements"] // 2


def test_web_filters_narrow_the_claims_list(client):
    everything = client.get("/api/claims").json()
    confirmed = client.get("/api/claims", params={"status": "confirmed"}).json()
    assert 0 < len(confirmed) < len(everything) and {c["status"] for c in confirmed} == {"confirmed"}
    html = client.get("/", params={"status": "confirmed"}).text
    assert html.count("<tr><td>") == len(confirmed)


def test_web_search_finds_a_statement(client):
    html = client.get("/", params={"q": "special forces"}).text
    results = re.findall(r'<li class="result">.*?</li>', html, flags=re.S)
    assert results and all("special forces" in r.lower() for r in results)
    assert re.search(r'href="/articles/\w+#s\d+"', results[0])


def test_web_search_without_words_is_empty_not_an_error(client):
    assert client.get("/", params={"q": "***"}).status_code == 200


@pytest.mark.parametrize("path", ["/claims/99999", "/actors/Nobody%20Atall", "/articles/0000"])
def test_web_unknown_things_are_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "<html" in response.text


# --- JSON API ----------------------------------------------------------------------------------

def test_web_api_claims_shape(client):
    rows = client.get("/api/claims", params={"limit": 3}).json()
    assert len(rows) == 3
    assert set(rows[0]) >= {"id", "text", "status", "story", "first_seen", "last_seen", "members", "sources"}
    assert set(rows[0]["sources"]) == {"for", "uncommitted", "against"}


def test_web_api_claim_detail_shape(client):
    claim = _first_claim(client)
    detail = client.get(f"/api/claims/{claim['id']}").json()
    assert detail["id"] == claim["id"]
    assert {"timeline", "statements", "quantities", "members"} <= set(detail)
    assert set(detail["statements"]) <= {"asserts", "supports", "uncommitted", "disputes", "denies"}
    assert client.get("/api/claims/99999").json() == {"detail": "no claim 99999 in the ledger"}


def test_web_api_actors_and_articles_shape(client):
    actors = client.get("/api/actors").json()
    assert actors and set(actors[0]) == {"name", "side", "statements", "stances"}
    articles = client.get("/api/articles").json()
    assert len(articles) == 16 and "text" not in articles[0]
    one = client.get(f"/api/articles/{articles[0]['id']}").json()
    assert one["text"] and one["statements"] and "segments" not in one


def test_web_api_search_and_openapi(client):
    found = client.get("/api/search", params={"q": "Kursk"}).json()
    assert found and all("kursk" in r["content"].lower() for r in found)
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/claims", "/api/claims/{claim_id}", "/api/actors", "/api/articles"} <= set(paths)
    assert not any(p.startswith(("/claims", "/ingest")) for p in paths)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"timeline", "statements", "quantities"} <= set(schemas["ClaimDetail"]["properties"])
    assert "for" in schemas["Sources"]["properties"]


# --- safety ------------------------------------------------------------------------------------

def _executable(html: str) -> list[str]:
    """Markup a browser would act on: script tags with the payload, event handlers, javascript: URLs."""
    found = re.findall(r"<script[^>]*>[^<]*__pwned", html, flags=re.I)
    found += re.findall(r"<[a-z]+\s[^>]*\bon[a-z]+\s*=", html, flags=re.I)
    found += re.findall(r"""href\s*=\s*["']?\s*javascript:""", html, flags=re.I)
    return found


def test_web_hostile_article_is_escaped_everywhere(client, story_db):
    article_id = story_db[1]
    pages = [f"/articles/{article_id}", "/articles", "/actors", "/?q=convoy"]
    claim = next(c for c in client.get("/api/claims").json() if "convoy" in c["text"])
    pages.append(f"/claims/{claim['id']}")
    for path in pages:
        html = client.get(path).text
        assert _executable(html) == [], path
    article = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;window.__pwned" in article and "onerror=" in article  # shown, as text
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt;" in article


def test_web_pages_send_a_strict_content_security_policy(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_web_ingest_pasted_article_appears_in_the_ledger(fresh):
    token = _token(fresh)
    response = fresh.post("/ingest", data={"csrf_token": token, "text": ARTICLE, "title": "Ship aground",
                                           "outlet": "Harbour Gazette", "published": "2024-03-05"},
                          follow_redirects=False)
    assert response.status_code == 303
    page = fresh.get(response.headers["location"])
    assert "Analysed and stored." in page.text and "Ship aground" in page.text
    articles = fresh.get("/api/articles").json()
    assert [a["title"] for a in articles] == ["Ship aground"] and articles[0]["statements"] >= 1
    again = fresh.post("/ingest", data={"csrf_token": token, "text": ARTICLE}, follow_redirects=True)
    assert "already in the ledger" in again.text


def test_web_ingest_uploaded_hostile_file_is_stored_and_escaped(fresh):
    token = _token(fresh)
    response = fresh.post("/ingest", data={"csrf_token": token},
                          files={"file": ("hostile.txt", HOSTILE_TEXT.encode("utf-8"), "text/plain")})
    assert response.status_code == 200 and "Analysed and stored." in response.text
    assert _executable(response.text) == []
    assert all(str(escape(p)) in response.text for p in PAYLOADS)  # shown, as text


@pytest.mark.parametrize("form, cookie", [
    ({"text": ARTICLE}, True),  # no token in the form
    ({"text": ARTICLE, "csrf_token": "forged"}, True),  # a token that is not the cookie's
    ({"text": ARTICLE, "csrf_token": "whatever"}, False),  # no cookie at all
])
def test_web_ingest_rejects_missing_or_wrong_csrf_token(fresh, form, cookie):
    if cookie:
        _token(fresh)
    else:
        fresh.cookies.clear()
    response = fresh.post("/ingest", data=form)
    assert response.status_code == 403
    assert fresh.get("/api/articles").json() == []


def test_web_ingest_rejects_cross_site_origin(fresh):
    token = _token(fresh)
    response = fresh.post("/ingest", data={"csrf_token": token, "text": ARTICLE},
                          headers={"Origin": "http://evil.example"})
    assert response.status_code == 403


@pytest.mark.parametrize("field", ["file", "text"])
def test_web_ingest_refuses_articles_over_the_size_limit(fresh, field):
    token = _token(fresh)
    big = ("The council said the budget would rise. " * 200).encode("utf-8")  # ~8 KiB > 4 KiB limit
    if field == "file":
        response = fresh.post("/ingest", data={"csrf_token": token}, files={"file": ("big.txt", big, "text/plain")})
    else:
        response = fresh.post("/ingest", data={"csrf_token": token, "text": big.decode()})
    assert response.status_code == 413
    assert fresh.get("/api/articles").json() == []


def test_web_ingest_refuses_a_huge_declared_body_before_reading_it(fresh):
    token = _token(fresh)
    response = fresh.post("/ingest", content=b"x" * 200_000,
                          headers={"Content-Type": "application/x-www-form-urlencoded"},
                          params={"csrf_token": token})
    assert response.status_code == 413


@pytest.mark.parametrize("form, message", [
    ({"text": "   "}, "paste an article"),
    ({"text": ARTICLE, "published": "last Tuesday"}, "not ISO 8601"),
])
def test_web_ingest_bad_input_is_explained(fresh, form, message):
    token = _token(fresh)
    response = fresh.post("/ingest", data={"csrf_token": token, **form})
    assert response.status_code == 400 and message in response.text


def test_web_read_only_disables_ingest(story_db):
    client = TestClient(create_app(story_db[0], read_only=True, embedder=no_embedder))
    assert client.get("/ingest").status_code == 403
    assert client.post("/ingest", data={"text": ARTICLE}).status_code == 403
    home = client.get("/")
    assert home.status_code == 200 and 'href="/ingest"' not in home.text


@pytest.mark.parametrize("args, host, read_only, warns", [
    ([], "127.0.0.1", False, False),
    (["--read-only", "--port", "8123"], "127.0.0.1", True, False),
    (["--host", "0.0.0.0"], "0.0.0.0", False, True),
])
def test_web_serve_binds_localhost_unless_told(monkeypatch, story_db, args, host, read_only, warns):
    import uvicorn
    from click.testing import CliRunner

    from claimwatch.cli import cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--db", str(story_db[0]), *args])
    assert result.exit_code == 0, result.output
    app, kw = calls[0]
    assert kw["host"] == host and app.state.read_only is read_only
    assert ("warning:" in result.stderr) is warns


# --- Datasette metadata ------------------------------------------------------------------------

def test_web_datasette_metadata_matches_the_ledger_schema(story_db):
    import json
    import sqlite3
    from pathlib import Path

    meta = json.loads((Path(__file__).parents[2] / "datasette" / "metadata.json").read_text(encoding="utf-8"))
    db = meta["databases"]["claimwatch"]
    con = sqlite3.connect(story_db[0])
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert set(db["tables"]) <= names
        assert {"articles", "statements", "ledger_claims", "claim_events"} <= set(db["tables"])
        for name, query in db["queries"].items():
            rows = con.execute(query["sql"], {"claim_id": 1, "words": "troops"}).fetchall()
            assert rows, f"canned query {name} returns nothing on the bundled story"
    finally:
        con.close()


def test_web_ingest_uploaded_html_page_is_read_as_a_web_page(fresh):
    token = _token(fresh)
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    page = (f"<html><head><title>Aurora aground</title><script>window.__pwned = 1</script></head>"
            f"<body><nav>Home | World</nav><article><h1>Aurora aground</h1>{paragraphs}</article></body></html>")
    response = fresh.post("/ingest", data={"csrf_token": token},
                          files={"file": ("aurora.html", page.encode("utf-8"), "text/html")})
    assert response.status_code == 200 and "Analysed and stored." in response.text
    text = fresh.get("/api/articles/" + fresh.get("/api/articles").json()[0]["id"]).json()["text"]
    assert "run aground" in text and "__pwned" not in text and "<p>" not in text


def test_web_ingest_extractor_failure_leaves_the_ledger_unchanged(tmp_path):
    def broken(article):
        raise RuntimeError("parser exploded")

    client = TestClient(create_app(tmp_path / "b.db", analyze=broken, embedder=no_embedder))
    response = client.post("/ingest", data={"csrf_token": _token(client), "text": ARTICLE})
    assert response.status_code == 500 and "parser exploded" in response.text
    assert client.get("/api/articles").json() == []


def test_web_home_links_each_story(client):
    html = client.get("/").text
    stories = client.get("/api/stories").json()
    assert stories
    for story in stories[:12]:
        assert f'href="/?story=s{story["id"]}"' in html and f'<option value="s{story["id"]}"' in html
    first = client.get(f"/?story=s{stories[0]['id']}").text
    assert f'<option value="s{stories[0]["id"]}" selected>' in first


def test_web_serves_watch_alerts_as_an_atom_feed_and_json(tmp_path):
    import feedparser

    from claimwatch.ledger.ingest import ingest_into
    from claimwatch.ledger.store import Ledger
    from claimwatch.watch.check import check_watches, record_baseline
    from claimwatch.watch.store import add_watch
    from web_support import STORY

    records = STORY.read_text(encoding="utf-8").splitlines()
    early, late = tmp_path / "early.jsonl", tmp_path / "late.jsonl"
    early.write_text("\n".join(records[:2]) + "\n", encoding="utf-8")
    late.write_text("\n".join(records[2:]) + "\n", encoding="utf-8")
    db = tmp_path / "alerts.db"
    with Ledger(db, embedder=no_embedder) as led:
        ingest_into(led, [str(early)], fetch_urls=False)
        record_baseline(led, add_watch(led, "north korea")[0])
        ingest_into(led, [str(late)], fetch_urls=False)
        raised = check_watches(led)
    assert raised
    client = TestClient(create_app(db, embedder=no_embedder))
    response = client.get("/alerts.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10" and feed.entries
    assert all(link.href.startswith("http://testserver/claims/") for e in feed.entries for link in e.links)
    alerts = client.get("/api/alerts").json()
    assert {a["id"] for a in alerts} >= {a.id for a in raised}
    assert client.get("/api/alerts", params={"since": "yesterday-ish"}).status_code == 400
    assert 'type="application/atom+xml"' in client.get("/").text


# --- /docs offline -------------------------------------------------------------------------------

def _docs_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)


def test_web_docs_page_references_no_external_host(client):
    response = client.get("/docs")
    assert response.status_code == 200 and "SwaggerUIBundle" in response.text
    urls = _docs_urls(response.text)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert not re.search(r"https?://", response.text)
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "http" not in csp and "script-src 'self' 'sha256-" in csp


def test_web_docs_assets_are_served_from_the_package(client):
    urls = _docs_urls(client.get("/docs").text)
    assert any(u.endswith(".js") for u in urls) and any(u.endswith(".css") for u in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) > 0, url
    assert client.get("/openapi.json").json()["paths"]


def test_web_docs_without_the_assets_package_refuses_instead_of_using_a_cdn(story_db, monkeypatch):
    import claimwatch.web.app as web_app

    monkeypatch.setattr(web_app, "_docs_assets", lambda: None)
    response = TestClient(web_app.create_app(story_db[0], embedder=no_embedder)).get("/docs")
    assert response.status_code == 503 and "fastapi-offline" in response.text
    assert "cdn" not in response.text.lower()


# --- story page: the assessment with footnoted citations ------------------------------------------

def test_web_story_page_footnotes_link_to_statement_cards_on_claim_pages(client):
    story = client.get("/api/stories").json()[0]
    html = client.get(f"/stories/s{story['id']}").text
    assert 'id="assessment"' in html and 'id="evidence-notes"' in html
    refs = re.findall(r'<a class="fn-ref" href="([^"]+)" aria-describedby="([^"]+)">\[(\d+)\]</a>', html)
    assert refs
    assert all(f'id="{card}"' in html for _, card, _ in refs)  # the hover card is on the page
    assert not re.search(r"\[[0-9a-f]{8,}:s\d+", html)  # no paragraph of ids
    links = {href for href, _, _ in refs if href.startswith("/claims/")}
    assert links
    for href in sorted(links)[:5]:
        path, anchor = href.split("#")
        assert f'id="{anchor}"' in client.get(path).text, href


def test_web_story_page_unknown_story_is_404(client):
    assert client.get("/stories/s9999").status_code == 404
    assert client.get("/stories/latest").status_code == 404


def test_web_stories_list_links_to_story_pages(client):
    story = client.get("/api/stories").json()[0]
    assert f'href="/stories/s{story["id"]}"' in client.get("/stories").text


def test_web_undated_article_reads_date_unknown_not_its_ingestion_day(fresh):
    token = _token(fresh)
    undated = ("Rescue teams said on Friday that the collapsed footbridge over the canal had been cleared, "
               "and the council denied that inspections had been skipped.\n")
    dated = ("Rescue teams said on Friday that the collapsed footbridge over the canal had been cleared, "
             "officials confirmed.\n")
    for text, published in ((dated, "2024-06-07"), (undated, "")):
        response = fresh.post("/ingest", data={"csrf_token": token, "text": text, "title": "Footbridge cleared",
                                               "published": published}, follow_redirects=False)
        assert response.status_code == 303
    articles = fresh.get("/api/articles").json()
    assert [a["undated"] for a in articles] == [False, True]  # undated ones after the dated, as ingested
    listing = fresh.get("/articles").text
    assert listing.count("date unknown") == 1 and "2024-06-07" in listing
    page = fresh.get(f"/articles/{articles[1]['id']}").text
    assert articles[1]["published"] is None  # the API does not pass the ingestion time off as a date
    assert "date unknown" in page and articles[1]["ingested_at"][:10] not in page
    claims = fresh.get("/api/claims").json()
    claim_pages = [fresh.get(f"/claims/{c['id']}").text for c in claims]
    assert any("date unknown" in html for html in claim_pages)  # its statement cards and timeline


def test_web_story_pages_escape_hostile_quotes_in_footnotes(client):
    pages = [client.get(f"/stories/s{s['id']}").text for s in client.get("/api/stories").json()]
    assert all(_executable(html) == [] for html in pages)
    quotes = [q for html in pages for q in re.findall(r'<q class="fn-quote">(.*?)</q>', html, re.S)]
    assert any("&lt;img src=x onerror=" in q for q in quotes)  # the hostile words, shown as text
