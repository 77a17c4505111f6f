"""Shared material for the report and web tests: a hostile article (the story's ledger is a conftest fixture).

The hostile article is written for these tests: news sentences whose quoted material carries
``<script>``, ``onerror=`` and ``javascript:`` payloads that would set ``window.__pwned`` if any of it
reached a page unescaped. ``web/test_web_support.py`` keeps it honest: the pipeline must still find
statements in it, so the escaping tests exercise highlighted sources, cues and contents, not just plain text.
"""
from __future__ import annotations

from pathlib import Path

from claimwatch.ledger.store import Ledger
from claimwatch.model import Article

from support import STORY, no_embedder  # noqa: F401  (STORY re-exported: the web tests read it)

HOSTILE_TEXT = (
    'Border officials said on Monday that a convoy of <script>window.__pwned = "script"</script> armoured '
    "trucks had crossed into the region overnight.\n\n"
    "The defence ministry denied that <img src=x onerror=\"window.__pwned='img'\"> any of its troops were "
    "involved, calling the <a href=\"javascript:window.__pwned='link'\">leaked report</a> \"a fabrication\".\n\n"
    "A spokesperson for the <b onmouseover=\"window.__pwned='hover'\">regional governor</b> said the "
    "authorities could not confirm the number of vehicles.\n"
)
HOSTILE_TITLE = "<script>window.__pwned='title'</script>Convoy row"
HOSTILE_URL = "javascript:window.__pwned='url'"
PAYLOADS = ("<script>", "onerror=", "onmouseover=", "javascript:")


def add_hostile(path: Path) -> str:
    """Analyse and store the hostile article (with a hostile title and URL); return its id."""
    from claimwatch.ingest.text import article_from_bytes
    from claimwatch.nlp.pipeline import analyze_article

    article = article_from_bytes(HOSTILE_TEXT.encode("utf-8"))
    article = Article(text=article.text, id=article.id, title=HOSTILE_TITLE, url=HOSTILE_URL,
                      outlet="<i>Frontier Post</i>", published="2024-11-20T08:00:00+00:00")
    with Ledger(path, embedder=no_embedder) as ledger:
        ledger.add_analysis(analyze_article(article))
    return article.id

