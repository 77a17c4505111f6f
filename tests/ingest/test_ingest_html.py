"""HTML pages: main text without page furniture, metadata, date fallback, and the fragment stripper."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.html import article_from_html, strip_html
from claimwatch.nlp.pipeline import article_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_ingest_html_keeps_the_article_and_drops_page_furniture():
    article = article_from_html(read("article.html"), path="article.html")
    assert "voted on Wednesday to extend their strike" in article.text
    assert "transport ministry said it was monitoring" in article.text
    for furniture in ("Subscribe", "All rights reserved", "analytics", "font-family", "Privacy"):
        assert furniture not in article.text
    assert article.id == article_id(article.text)


def test_ingest_html_reads_metadata():
    article = article_from_html(read("article.html"), path="article.html", url="https://mirror.example/x")
    assert article.title == "Port workers extend strike as talks stall"
    assert article.outlet == "Harbour Times"
    assert article.url == "https://harbourtimes.example/news/2024/03/14/port-strike-extended"  # canonical wins
    assert article.published.startswith("2024-03-14")
    assert article.published_is_fallback is False
    assert article.path == "article.html"


def test_ingest_html_without_a_date_marks_the_ingestion_time():
    article = article_from_html(read("undated.html"), url="https://citynews.example/council-bridge")
    assert article.published_is_fallback is True
    assert article.published[:4].isdigit() and "T" in article.published
    assert article.outlet == "citynews.example"  # no site name: the host names the outlet
    assert "postponed a vote on the proposed river crossing" in article.text


def test_ingest_html_decodes_a_declared_legacy_charset():
    html = ('<html><head><meta charset="iso-8859-1"><title>Caf\xe9 owners protest</title></head><body>'
            "<p>Caf\xe9 owners in the old town said on Friday that the new terrace fees would force "
            "several of them to close before the summer season, and that the council had not consulted "
            "them before voting the fees through.</p></body></html>").encode("latin-1")
    article = article_from_html(html, path="cafe.html")
    assert "Café owners in the old town" in article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<html>\x00\x01\x02\x03binary\x00\x00</html>" * 20, "binary"),
        (b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ],
)
def test_ingest_html_rejects_pages_without_text(data, reason):
    with pytest.raises(InputError, match=reason):
        article_from_html(data, path="bad.html")


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>The minister said the plan was <b>final</b>.</p>", "The minister said the plan was final."),
        ("<p>First paragraph.</p><p>Second paragraph.</p>", "First paragraph.\n\nSecond paragraph."),
        ("Police said &quot;no arrests&quot; were made &amp; roads reopened.", 'Police said "no arrests" were made & roads reopened.'),
        ("<script>alert('x')</script><p>Talks resumed on Monday.</p><style>p{}</style>", "Talks resumed on Monday."),
        ("Line one<br>line two", "Line one\nline two"),
        ('<img src="a.jpg" alt="">', ""),
    ],
)
def test_ingest_html_strip_html_keeps_only_text(fragment, expected):
    assert strip_html(fragment) == expected
