"""The web UI under hostile requests: path traversal, and reads served while a long ingest writes."""
from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from web_support import STORY, no_embedder

from claimwatch.ledger.ingest import ingest_into
from claimwatch.ledger.store import Ledger
from claimwatch.web.app import create_app


@pytest.fixture(scope="module")
def story_db(story_ledger):
    return story_ledger  # read only; the long-ingest test writes to a copy of its own


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/actors/..%2F..%2Fetc%2Fpasswd",
])
def test_hostile_web_path_traversal_never_reads_files(story_db, path):
    client = TestClient(create_app(story_db, embedder=no_embedder))
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text


def test_hostile_web_keeps_serving_reads_during_a_long_ingest(tmp_path, story_db):
    """WAL lets readers go on while one writer commits article after article."""
    db = tmp_path / "busy.db"
    db.write_bytes(story_db.read_bytes())
    texts = [f"Officials in district {n} said the bridge number {n} had been closed after the storm." for n in range(40)]
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"a{n:03}.txt").write_text(text, encoding="utf-8")

    done = threading.Event()

    def write() -> None:
        try:
            with Ledger(db, embedder=no_embedder) as ledger:
                ingest_into(ledger, [str(folder)], fetch_urls=False)
        finally:
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    client = TestClient(create_app(db, embedder=no_embedder))
    codes = []
    while not done.is_set() or not codes:
        codes.append(client.get("/api/claims").status_code)
    writer.join(timeout=120)
    assert codes and set(codes) == {200}
    with Ledger(db, embedder=no_embedder) as ledger:
        assert len(ledger.articles()) >= len(texts)
    assert STORY.is_file()
