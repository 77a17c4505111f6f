"""The web UI and JSON API over one ledger file: server-rendered pages, an ingest form, ``/api/*``.

Safe by default: every page is rendered with Jinja2 autoescape and served with a Content Security
Policy that allows only the package's own script and stylesheet; the ingest form carries a CSRF
token (double-submit cookie, SameSite=Strict) and a size limit; ``read_only`` turns ingest off
(403). SQLite connections are not shared across threads: each request opens its own ledger.
"""
from __future__ import annotations

import hmac
import secrets
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Optional
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimwatch.errors import ClaimwatchError, InputError
from claimwatch.ledger import queries
from claimwatch.ledger.claims import EmbedderFactory
from claimwatch.ledger.read_models import (ActorProfile, ActorSummary, ArticleDetail, ArticleSummary, ClaimDetail,
                                           ClaimSummary, SearchHit, StorySummary)
from claimwatch.ledger.store import Ledger
from claimwatch.model import STANCES, Analysis, Article
from claimwatch.web import views
from claimwatch.web.templating import environment

MAX_UPLOAD_BYTES = 1024 * 1024  # articles are text: 1 MiB is a long one
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the other fields, on top of the article
CSRF_COOKIE = "claimwatch_csrf"
STATUSES = ("alleged", "contested", "corroborated", "confirmed", "denied", "retracted")
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
DOCS_ASSETS = "/docs-assets"  # Swagger UI, served from the fastapi-offline package: no CDN
# Swagger UI sets inline styles; everything else it loads must come from this server, so a page that
# tried a CDN would fail here rather than silently phone out. (ReDoc is not served: its bundle loads a
# logo from its maker's CDN.)
DOCS_CSP = ("default-src 'none'; script-src 'self' {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

Analyzer = Callable[[Article], Analysis]


def _default_analyzer(article: Article) -> Analysis:
    from claimwatch.nlp.pipeline import analyze_article

    return analyze_article(article)


def create_app(db: str | Path = "claimwatch.db", *, read_only: bool = False,
               max_upload: int = MAX_UPLOAD_BYTES, analyze: Optional[Analyzer] = None,
               embedder: Optional[EmbedderFactory] = None) -> FastAPI:
    """The FastAPI app over the ledger at ``db``; ``analyze`` and ``embedder`` replace the NLP
    pipeline and the claim-matching embedder (tests pass cheaper ones)."""
    app = FastAPI(title="claimwatch", version="1", description="Who claims what: the claimwatch ledger as pages and JSON.",
                  docs_url=None, redoc_url=None)
    app.state.db, app.state.read_only, app.state.max_upload = str(db), read_only, max_upload
    app.state.analyze = analyze or _default_analyzer
    app.mount("/static", StaticFiles(packages=[("claimwatch.web", "static")]), name="static")
    _mount_docs(app)

    @contextmanager
    def ledger() -> Iterator[Ledger]:
        with Ledger(app.state.db, embedder=embedder) as opened:
            yield opened

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = environment().get_template(name).render(read_only=app.state.read_only, path=request.url.path,
                                                        **context)
        return HTMLResponse(html, status_code=status_code)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)  # the docs pages set their own
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail)

    # --- pages ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, story: str = "", status: str = "", q: str = ""):
        with ledger() as led:
            claims = _filter(queries.list_claims(led, story=story or None), status)
            found = _search(led, q)
            stories = views.list_stories(led)
            articles = len(queries.list_articles(led))
        return page(request, "index.html", claims=claims, stories=stories, statuses=STATUSES, story=story,
                    status=status, q=q, found=found, articles=articles)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: int):
        with ledger() as led:
            detail = _detail(led, claim_id)
            statements = views.claim_statements(led, [claim_id])
            cards = views.statement_cards(led, statements)
            chart = views.claim_chart(led, claim_id)
        by_stance = {s: [c for c in cards if c["stance"] == s] for s in STANCES}
        evidence = _evidence(cards)
        return page(request, "claim.html", c=detail, chart=chart, by_stance=by_stance,
                    evidence=evidence,
                    matrix=views.stance_matrix(statements, [claim_id]), by_id={claim_id: detail})

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request):
        with ledger() as led:
            actors = queries.list_actors(led)
        return page(request, "actors.html", actors=actors)

    @app.get("/actors/{name}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str):
        with ledger() as led:
            profile = _profile(led, name)
        return page(request, "actor.html", a=profile)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request):
        from claimwatch.ledger.stories import list_stories

        with ledger() as led:
            stories = list_stories(led)
        return page(request, "stories.html", stories=stories)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        from claimwatch.ledger.stories import parse_story_id, story_detail
        from claimwatch.render.html import assessment_view, cited_statements, story_assessment

        number = parse_story_id(story_id)
        if number is None:
            raise HTTPException(404, f"no story {story_id!r}: story ids look like s3")
        with ledger() as led:
            try:
                story = story_detail(led, number)
            except InputError as exc:
                raise HTTPException(404, f"no story {story_id} in the ledger") from exc
            claims = queries.list_claims(led, story=f"s{number}")
            assessment = story_assessment(led, f"s{number}")
            cards: dict[int, str] = {}  # a cited statement links to its card on its first claim's page
            for s in views.claim_statements(led, [c.id for c in claims]):
                cards.setdefault(s["pk"], f"/claims/{s['claim']}#st-{s['claim']}-{s['pk']}")
            view = assessment_view(assessment, cited_statements(led, assessment), cards.get)
        return page(request, "story.html", story=story, claims=claims, assessment=view)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request):
        with ledger() as led:
            articles = queries.list_articles(led)
        return page(request, "articles.html", articles=articles)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, added: Optional[int] = None):
        with ledger() as led:
            article = queries.article_detail(led, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id} in the ledger")
        return page(request, "article.html", a=article, segments=views.article_segments(article), added=added)

    # --- ingest --------------------------------------------------------------------------------

    def _refuse_if_read_only() -> None:
        if app.state.read_only:
            raise HTTPException(403, "this server is read-only: ingest is disabled (restart without --read-only)")

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_form(request: Request):
        _refuse_if_read_only()
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        response = page(request, "ingest.html", token=token, max_upload=app.state.max_upload, error=None)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/ingest")
        return response

    @app.post("/ingest", include_in_schema=False)
    async def ingest_submit(request: Request):
        _refuse_if_read_only()
        limit = app.state.max_upload
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
            raise HTTPException(413, f"the upload is larger than the {limit // 1024} KiB limit")
        _check_origin(request)
        try:
            form = await request.form(max_files=1, max_fields=8, max_part_size=limit + 1)
        except StarletteHTTPException as exc:  # the parser's own limits: a part too large is a 413
            if "maximum size" in str(exc.detail):
                raise HTTPException(413, f"the article is larger than the {limit // 1024} KiB limit") from exc
            raise
        cookie, sent = request.cookies.get(CSRF_COOKIE, ""), str(form.get("csrf_token", ""))
        if not cookie or not sent or not hmac.compare_digest(cookie, sent):
            raise HTTPException(403, "missing or wrong CSRF token: reload the ingest form and try again")
        data, name = await _article_bytes(form, limit)
        token = cookie
        try:
            article = _article(data, name, form)
            article_id, added = await run_in_threadpool(_store, article)
        except ClaimwatchError as exc:
            return page(request, "ingest.html", status_code=400, token=token, max_upload=limit, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - an extractor failure is reported, not a crash page
            return page(request, "ingest.html", status_code=500, token=token, max_upload=limit,
                        error=f"the analysis failed ({type(exc).__name__}: {exc}); the ledger is unchanged")
        return RedirectResponse(f"/articles/{quote(article_id)}?added={int(added)}", status_code=303)

    def _store(article: Article) -> tuple[str, bool]:
        from claimwatch.ledger.ingest import ingest_article

        with ledger() as led:  # alerts on watched claims; the webhook posts in the background
            outcome = ingest_article(led, article, app.state.analyze)
        return article.id, bool(outcome.report.added)

    # --- JSON API ------------------------------------------------------------------------------

    @app.get("/api/claims", tags=["claims"], summary="Claims across articles with status and sources")
    def api_claims(story: Optional[str] = None, status: Optional[str] = None,
                   limit: Optional[int] = Query(None, ge=1)) -> list[ClaimSummary]:
        with ledger() as led:
            return _filter(queries.list_claims(led, story=story), status or "")[:limit]

    @app.get("/api/claims/{claim_id}", tags=["claims"], summary="One claim: timeline, statements by stance, figures")
    def api_claim(claim_id: int) -> ClaimDetail:
        with ledger() as led:
            return _detail(led, claim_id)

    @app.get("/api/stories", tags=["stories"], summary="Stories: articles grouped automatically, with top claims")
    def api_stories(limit: Optional[int] = Query(None, ge=1)) -> list[StorySummary]:
        from claimwatch.ledger.stories import list_stories

        with ledger() as led:
            return list_stories(led, limit=limit)

    @app.get("/alerts.atom", include_in_schema=False)
    def alerts_feed(request: Request) -> Response:
        """Watch alerts as Atom, linking to this server's claim pages: subscribe in a feed reader."""
        from claimwatch.watch.check import list_alerts
        from claimwatch.watch.config import ledger_uid
        from claimwatch.watch.feeds import FEED_SIZE, atom_feed

        with ledger() as led:
            day, uid = ledger_uid(led)
            body = atom_feed(list_alerts(led, limit=FEED_SIZE * 4), base_url=str(request.base_url),
                             ledger_day=day, ledger_uid=uid, title=f"claimwatch alerts: {Path(app.state.db).name}")
        return Response(body, media_type="application/atom+xml")

    @app.get("/api/alerts", tags=["watch"], summary="Alerts raised on watched claims, newest first")
    def api_alerts(request: Request, since: Optional[str] = None,
                   limit: Optional[int] = Query(None, ge=1)) -> list[dict[str, Any]]:
        from claimwatch.watch.check import list_alerts

        with ledger() as led:
            try:
                alerts = list_alerts(led, since=since, limit=limit)
            except ClaimwatchError as exc:
                raise HTTPException(400, str(exc)) from exc
        return [a.to_dict(str(request.base_url).rstrip("/")) for a in alerts]

    @app.get("/api/actors", tags=["actors"], summary="Named sources with side and statements by stance")
    def api_actors() -> list[ActorSummary]:
        with ledger() as led:
            return queries.list_actors(led)

    @app.get("/api/actors/{name}", tags=["actors"], summary="One actor's stance profile")
    def api_actor(name: str) -> ActorProfile:
        with ledger() as led:
            return _profile(led, name)

    @app.get("/api/articles", tags=["articles"], summary="Articles in the ledger (without their text)")
    def api_articles() -> list[ArticleSummary]:
        with ledger() as led:
            return queries.list_articles(led)

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its text and statements")
    def api_article(article_id: str) -> ArticleDetail:
        with ledger() as led:
            article = queries.article_detail(led, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id} in the ledger")
        return article

    @app.get("/api/search", tags=["statements"], summary="Statements containing every word of q")
    def api_search(q: str = Query(..., min_length=1),
                   limit: int = Query(50, ge=1, le=500)) -> list[SearchHit]:
        with ledger() as led:
            try:
                return queries.search(led, q, limit=limit)
            except InputError as exc:
                raise HTTPException(400, str(exc)) from exc

    return app


# --- API docs, offline ----------------------------------------------------------------------------

def _docs_assets() -> Optional[Path]:
    """The folder of Swagger UI files that the fastapi-offline package ships, or None."""
    import importlib.util

    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _docs_page(html: HTMLResponse) -> HTMLResponse:
    """The docs page with a CSP that allows its own inline start-up script by hash and nothing remote."""
    import base64
    import hashlib
    import re

    scripts = re.findall(r"<script>(.*?)</script>", html.body.decode("utf-8"), re.S)
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
                      for s in scripts)
    html.headers["Content-Security-Policy"] = DOCS_CSP.format(script=hashes)
    return html


def _mount_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) from files in an installed package, never from a CDN; without the package it
    answers 503 with what to install instead of falling back to a CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = _docs_assets()
    if assets is not None:
        app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    def _missing() -> None:
        if assets is None:
            raise HTTPException(503, "the API docs need the fastapi-offline package, which ships Swagger UI: "
                                     "install the pinned requirements (make venv)")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        _missing()
        return _docs_page(get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} API", swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css", swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None}))  # the default validator badge is a remote image


# --- helpers ------------------------------------------------------------------------------------

def _filter(claims: list[ClaimSummary], status: str) -> list[ClaimSummary]:
    return [c for c in claims if c.status == status] if status else claims


def _search(led: Ledger, q: str) -> Optional[list[dict[str, Any]]]:
    """Search results with each statement's id for linking, or None when nothing was asked."""
    if not q.strip():
        return None
    if not any(ch.isalnum() for ch in q):
        return []
    return [{"sid": s.id, "article": a.id, "source": s.source, "stance": s.stance, "cue": s.cue,
             "content": s.content, "outlet": a.outlet, "published": a.published, "title": a.title}
            for s, a in led.search(q, limit=50)]


def _detail(led: Ledger, claim_id: int) -> ClaimDetail:
    try:
        return queries.claim_detail(led, claim_id)
    except InputError as exc:
        raise HTTPException(404, f"no claim {claim_id} in the ledger") from exc


def _profile(led: Ledger, name: str) -> ActorProfile:
    try:
        return queries.actor_profile(led, name)
    except InputError as exc:
        raise HTTPException(404, f"no actor named {name!r} in the ledger") from exc


def _evidence(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence the claim's statements cite, one row per (kind, words, source)."""
    import json

    rows, seen = [], set()
    for c in cards:
        for e in json.loads(c.get("evidence") or "[]"):
            key = (e["kind"], e.get("text", ""), c["source"])
            if key not in seen:
                seen.add(key)
                rows.append({"kind": e["kind"], "text": e.get("text", ""), "source": c["source"],
                             "outlet": c["outlet"], "published": c["published"], "undated": c.get("undated", False),
                             "stance": c["stance"]})
    return rows


def _check_origin(request: Request) -> None:
    """A browser's cross-site POST carries a foreign Origin: refuse it before reading the body."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site form submission refused")


async def _article_bytes(form: Any, limit: int) -> tuple[bytes, Optional[str]]:
    """The uploaded file's bytes and name, or the pasted text's, refusing more than ``limit`` bytes."""
    upload = form.get("file")
    data, name = b"", None
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data, name = await upload.read(limit + 1), upload.filename
    if not data:
        data, name = str(form.get("text", "")).replace("\r\n", "\n").encode("utf-8"), None
    if len(data) > limit:
        raise HTTPException(413, f"the article is larger than the {limit // 1024} KiB limit")
    if not data.strip():
        raise HTTPException(400, "paste an article's text or choose a file to upload")
    return data, name


def _article(data: bytes, name: Optional[str], form: Any) -> Article:
    """The article from the upload (an .html page is read as a web page) with the form's fields on top."""
    from claimwatch.ingest.html import article_from_html, ingestion_time
    from claimwatch.ingest.text import article_from_bytes

    label = Path(name).name if name else None
    if label and label.lower().endswith((".html", ".htm")):
        article = article_from_html(data, path=label)
    else:
        article = article_from_bytes(data, path=label)
    fields = {k: str(form.get(k, "")).strip() or getattr(article, k) for k in ("title", "outlet", "url")}
    published = str(form.get("published", "")).strip() or None
    if published is not None:
        try:
            published = datetime.fromisoformat(published).isoformat()
        except ValueError as exc:
            raise InputError(f"published date {published!r} is not ISO 8601 (e.g. 2024-10-21)") from exc
    elif not article.published_is_fallback and article.published:
        published = article.published
    return replace(article, **fields, path=None, published=published or ingestion_time(),
                   published_is_fallback=published is None)
