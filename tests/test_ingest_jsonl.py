"""JSONL: one article per line; a bad line is reported with its number and the rest go on."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.jsonl import articles_from_jsonl, parse_date
from claimwatch.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def items() -> list:
    return list(articles_from_jsonl((FIXTURES / "articles.jsonl").read_bytes(), path="articles.jsonl"))


def test_ingest_jsonl_reads_each_good_line():
    articles = [i for i in items() if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Central bank holds rates", "Power cut delays flights", None]
    rates = articles[0]
    assert rates.outlet == "Markets Daily" and rates.url == "https://markets.example/rates-hold"
    assert rates.published == "2024-02-01T12:00:00+00:00" and not rates.published_is_fallback
    assert articles[1].published == "2024-02-04T18:30:00+00:00"  # RFC 2822 accepted
    assert articles[2].published_is_fallback is True
    assert all(a.path == "articles.jsonl" for a in articles)


def test_ingest_jsonl_reports_bad_lines_by_number():
    problems = {str(i).split(":")[0]: str(i) for i in items() if isinstance(i, InputError)}
    assert set(problems) == {"line 3", "line 5", "line 6", "line 7"}  # line 4 is blank
    assert "not valid JSON" in problems["line 3"]
    assert "'text' is missing" in problems["line 5"]
    assert "JSON object" in problems["line 6"]
    assert "next Tuesday" in problems["line 7"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "   "}', "'text' is missing or empty"),
        ('{"text": 42}', "'text' is missing or empty"),
        ('{"text": "The port reopened.", "title": ["a"]}', "'title' must be a string"),
        ("null", "expected a JSON object"),
    ],
)
def test_ingest_jsonl_rejects_invalid_records(line, reason):
    (problem,) = articles_from_jsonl(line.encode())
    assert isinstance(problem, InputError) and reason in str(problem) and str(problem).startswith("line 1:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024-03-01T09:30:00Z", "2024-03-01T09:30:00+00:00"),
        ("2024-03-01T09:30:00+09:00", "2024-03-01T09:30:00+09:00"),
        ("2024-03-01 09:30", "2024-03-01T09:30:00+00:00"),
        ("Fri, 01 Mar 2024 09:30:00 GMT", "2024-03-01T09:30:00+00:00"),
    ],
)
def test_ingest_jsonl_parse_date_normalises_to_iso(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "01/03/2024", "2024-13-45"])
def test_ingest_jsonl_parse_date_rejects_other_forms(value):
    with pytest.raises(ValueError, match="not an ISO 8601"):
        parse_date(value)
