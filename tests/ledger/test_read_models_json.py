"""Pinned JSON of every read model on the bundled story ledger: CLI ``--format json`` and the web API.

The read models (``claims``, ``claim ID``, ``stories``, ``story ID``, ``actors``, ``actor NAME``,
``search``, ``outlets``, ``export``, ``/api/*``) are the stable JSON that tools read; these tests fail
when any field, value or key order changes, so a refactoring of how they are built cannot change
what they say by accident. A deliberate change is made by regenerating the pinned files and
reviewing the diff:

    CLAIMWATCH_UPDATE_PINNED=1 PYTHONPATH=src python -m pytest tests/ledger/test_read_models_json.py

Nondeterministic values are normalised before comparing: ingestion times (``ingested_at`` and the
ingest-time stand-in dates of undated articles) become ``<time>``, export file paths become
their file name, and the checkout's own path becomes ``<repo>``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import claimwatch
from claimwatch.cli import cli
from claimwatch.web.app import create_app
from web_support import no_embedder

PINNED = Path(__file__).parents[1] / "fixtures" / "read_models"
REPO = str(Path(claimwatch.__file__).resolve().parents[2])
UPDATE = os.environ.get("CLAIMWATCH_UPDATE_PINNED") == "1"
SEARCH = "troops"


@pytest.fixture(scope="module")
def story_db(story_ledger) -> Path:
    return story_ledger


def _ingest_times(db: Path) -> set[str]:
    from claimwatch.ledger.store import Ledger

    with Ledger(db, embedder=no_embedder) as ledger:
        rows = ledger.connection.execute("SELECT ingested_at, published, published_is_fallback FROM articles")
        times = set()
        for ingested, published, fallback in rows:
            times.add(ingested)
            if fallback:
                times.add(published)
    return {t for t in times if t}


def _normalise(data: Any, times: set[str]) -> Any:
    if isinstance(data, dict):
        return {k: _normalise(v, times) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalise(v, times) for v in data]
    if isinstance(data, str):
        data = data.replace(REPO, "<repo>")
        if data in times:
            return "<time>"
        for t in times:  # a time inside a sentence
            if t in data:
                data = data.replace(t, "<time>")
        return data
    return data


def _cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _first_claim_ids(db: Path, n: int = 3) -> list[int]:
    return [c["id"] for c in _cli_json(db, "claims")[:n]]


def _check(name: str, data: Any, times: set[str]) -> None:
    data = _normalise(data, times)
    path = PINNED / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        PINNED.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no pinned {path.name}; regenerate with CLAIMWATCH_UPDATE_PINNED=1"
    assert json.loads(path.read_text(encoding="utf-8")) == data, f"{name} differs from {path}"
    assert path.read_text(encoding="utf-8") == text, f"{name}: same values, but key order differs from {path}"


def _top_actor(db: Path) -> str:
    return _cli_json(db, "actors")[0]["name"]


def _an_outlet(db: Path) -> str:
    return _cli_json(db, "outlets")[0]["name"]


@pytest.mark.parametrize("name", ["claims", "claim", "stories", "story", "actors", "actor", "search",
                                  "outlets", "outlet"])
def test_read_models_cli_json_is_pinned(story_db, name):
    times = _ingest_times(story_db)
    if name == "claim":
        data: Any = [_cli_json(story_db, "claim", str(i)) for i in _first_claim_ids(story_db)]
    elif name == "story":
        data = _cli_json(story_db, "story", "s1")
    elif name == "actor":
        data = _cli_json(story_db, "actor", _top_actor(story_db))
    elif name == "search":
        data = _cli_json(story_db, "search", SEARCH)
    elif name == "outlet":
        data = _cli_json(story_db, "outlets", _an_outlet(story_db))
    else:
        data = _cli_json(story_db, name)
    _check(f"cli_{name}", data, times)


def test_read_models_export_jsonld_is_pinned(story_db, tmp_path):
    times = _ingest_times(story_db)
    out = tmp_path / "claims.json"
    report = _cli_json(story_db, "export", "--to", "jsonld", "--out", str(out))
    for f in report["files"]:
        f["path"] = Path(f["path"]).name
    _check("cli_export_report", report, times)
    _check("export_jsonld", json.loads(out.read_text(encoding="utf-8")), times)


@pytest.mark.parametrize("table", ["claims", "statements", "actors", "articles"])
def test_read_models_export_csv_is_pinned(story_db, tmp_path, table):
    import csv

    times = _ingest_times(story_db)
    out = tmp_path / "tables"
    _cli_json(story_db, "export", "--to", "csv", "--out", str(out), "--table", table)
    with open(out / f"{table}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    _check(f"export_csv_{table}", rows, times)


def _api_paths(db: Path) -> dict[str, str]:
    ids = _first_claim_ids(db)
    actor = _top_actor(db)
    client = TestClient(create_app(db, embedder=no_embedder))
    article = client.get("/api/articles").json()[0]["id"]
    paths = {"api_claims": "/api/claims", "api_stories": "/api/stories", "api_actors": "/api/actors",
             "api_actor": f"/api/actors/{actor}", "api_articles": "/api/articles",
             "api_article": f"/api/articles/{article}", "api_search": f"/api/search?q={SEARCH}",
             "api_claims_story": "/api/claims?story=s1"}
    for n, i in enumerate(ids):
        paths[f"api_claim_{n}"] = f"/api/claims/{i}"
    return paths


def test_read_models_api_json_is_pinned(story_db):
    times = _ingest_times(story_db)
    client = TestClient(create_app(story_db, embedder=no_embedder))
    paths = _api_paths(story_db)
    claims = []
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        if name.startswith("api_claim_"):
            claims.append(response.json())
        else:
            _check(name, response.json(), times)
    _check("api_claim", claims, times)


def test_read_models_pinned_files_are_all_used():
    """A pinned file no test writes any more is a stale one."""
    if UPDATE:
        pytest.skip("regenerating")
    names = {p.stem for p in PINNED.glob("*.json")}
    expected = {f"cli_{n}" for n in ("claims", "claim", "stories", "story", "actors", "actor", "search",
                                     "outlets", "outlet", "export_report")}
    expected |= {"export_jsonld", "api_claims", "api_stories", "api_actors", "api_actor", "api_articles",
                 "api_article", "api_search", "api_claims_story", "api_claim"}
    expected |= {f"export_csv_{t}" for t in ("claims", "statements", "actors", "articles")}
    assert names == expected
