"""RSS and Atom feeds: one article per entry, dates parsed, HTML stripped, malformed feeds reported."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.feeds import articles_from_feed, looks_like_feed
from claimwatch.model import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def entries(name: str) -> list:
    return list(articles_from_feed((FIXTURES / name).read_bytes(), path=name))


def test_ingest_feeds_reads_rss_items():
    items = entries("feed.rss")
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Ferry operator suspends night crossings", "Fishermen dispute new quota figures"]
    first, second = articles
    assert first.outlet == second.outlet == "Coastal Wire"
    assert first.url == "https://coastalwire.example/2024/05/02/ferry-night-crossings"
    assert first.published == "2024-05-02T07:15:00+00:00"
    assert second.published == "2024-05-03T14:40:00+00:00"  # +0200 normalised to UTC
    assert first.text.startswith("The island ferry operator said on Thursday")
    assert "<p>" not in first.text and "alert" not in first.text
    assert "\n\nNo one was hurt" in first.text  # paragraphs stay apart


def test_ingest_feeds_reports_an_entry_without_text_and_goes_on():
    items = entries("feed.rss")
    problems = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 3 and len(problems) == 1
    assert "entry 3" in str(problems[0]) and "regatta-gallery" in str(problems[0])


def test_ingest_feeds_reads_atom_entries():
    articles = entries("feed.atom")
    assert [a.title for a in articles] == ["Drought forces water limits in three districts", "Hospital denies report of closed ward"]
    drought, hospital = articles
    assert drought.outlet == "Valley Courier"
    assert drought.published == "2024-06-10T13:05:00+00:00"  # published preferred over updated
    assert hospital.published == "2024-06-11T08:20:00+00:00"  # only updated given
    assert "41 percent of capacity" in drought.text and "&lt;" not in drought.text
    assert hospital.text.startswith("The district hospital denied")


def test_ingest_feeds_entry_without_date_falls_back_to_ingestion_time():
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title>'
            b"<description>The mayor said the bridge would reopen in June.</description></item></channel></rss>")
    (article,) = articles_from_feed(feed)
    assert article.published_is_fallback is True and article.published


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((FIXTURES / "broken.rss").read_bytes(), "malformed feed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>', "no entries"),
        (b"", "empty"),
    ],
)
def test_ingest_feeds_rejects_feeds_without_entries(data, reason):
    with pytest.raises(InputError, match=reason):
        list(articles_from_feed(data, path="x.rss"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>', True),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b'<?xml version="1.0"?><!-- generator --><rdf:RDF xmlns:rdf="x">', True),
        (b"<!DOCTYPE html><html><head><title>News</title>", False),
        (b"The minister said the feed was fine.", False),
        (b'{"text": "json"}', False),
    ],
)
def test_ingest_feeds_sniffs_feed_documents(data, expected):
    assert looks_like_feed(data) is expected


def test_ingest_feeds_content_that_looks_like_a_path_is_not_opened():
    path = str(FIXTURES / "feed.atom").encode()
    with pytest.raises(InputError, match="no entries|malformed"):
        list(articles_from_feed(path, path="pointer.xml"))
