"""JSONL: one article per line; a bad line is reported with its number and the rest go on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.jsonl import articles_from_jsonl, parse_date
from claimwatch.model import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


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


def test_ingest_jsonl_file_over_the_single_file_cap_is_read_line_by_line(tmp_path):
    """A day of news in one JSONL file is larger than one article may be; each line is still an article."""
    from claimwatch.ingest.sources import iter_sources
    from claimwatch.ingest.text import MAX_BYTES

    line = json.dumps({"text": "The port authority said the cranes would be repaired by June. " * 5_000})
    count = MAX_BYTES // len(line) + 3
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join([line] * count) + "\n", encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    items = list(iter_sources([str(path)], fetch_urls=False))
    assert len(items) == count and all(type(i).__name__ == "Article" for i in items)


def test_ingest_jsonl_file_skips_an_overlong_or_undecodable_line_and_reads_on(tmp_path):
    from claimwatch.errors import InputError
    from claimwatch.ingest.jsonl import articles_from_jsonl_file

    good = json.dumps({"text": "The mayor said the bridge would reopen."})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good.encode() + b"\n" + json.dumps({"text": "x" * 300}).encode() + b"\n"
                     + b'{"text": "caf\xe9"}\n\n' + good.encode())
    out = list(articles_from_jsonl_file(path, max_line_bytes=200))
    assert [type(i).__name__ for i in out] == ["Article", "InputError", "InputError", "Article"]
    assert "line 2: over the 200-byte limit" in str(out[1]) and "line 3: not valid UTF-8" in str(out[2])
    assert isinstance(out[1], InputError)
