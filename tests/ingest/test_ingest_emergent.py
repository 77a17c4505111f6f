"""The Emergent loader on a tiny CSV written for the tests, in the columns of the real files."""
from __future__ import annotations

import csv

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.emergent import by_claim, claim_articles, read_emergent

FULL = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId",
        "url", "source", "claimTruth", "claimCount", "articleCount", "sourceCount"]
ROWS = [
    ["0", "A city council in Ohio banned leaf blowers", "Ohio town votes to silence leaf blowers", "for",
     "a1", "c1", "https://example-news.test/leaf", "example-news.test", "true", "1", "3", "3"],
    ["1", "A city council in Ohio banned leaf blowers", "Leaf blower ban reportedly passes in Ohio", "observing",
     "a2", "c1", "https://daily.test/blowers", "daily.test", "true", "1", "3", "3"],
    ["2", "A city council in Ohio banned leaf blowers", "No, Ohio did not ban leaf blowers", "against",
     "a3", "c1", "", "", "true", "1", "3", "3"],
    ["3", "A zoo's penguin learned to open doors", "Penguin escapes enclosure by opening door", "FOR",
     "b1", "c2", "https://zoo.test/p", "zoo.test", "unknown", "1", "1", "1"],
]


def _write(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def full_csv(tmp_path):
    return _write(tmp_path / "emergent-full.csv", FULL, ROWS)


def test_ingest_emergent_reads_records_with_outlet_url_and_truth(full_csv):
    records = read_emergent(full_csv)
    assert [r.article_id for r in records] == ["a1", "a2", "a3", "b1"]
    first = records[0]
    assert (first.claim_id, first.stance, first.outlet, first.url, first.claim_truth) == (
        "c1", "for", "example-news.test", "https://example-news.test/leaf", "true")
    assert records[2].url is None and records[2].outlet is None
    assert records[3].stance == "for"  # labels are case-normalised


def test_ingest_emergent_reads_the_short_file_without_metadata(tmp_path):
    path = _write(tmp_path / "short.csv", FULL[:6], [r[:6] for r in ROWS])
    records = read_emergent(path)
    assert len(records) == 4 and all(r.url is None and r.claim_truth is None for r in records)


@pytest.mark.parametrize("header, rows, message", [
    (["claimHeadline", "articleHeadline"], [["x", "y"]], "missing columns"),
    (FULL, [ROWS[0][:3] + ["maybe"] + ROWS[0][4:]], "not one of"),
])
def test_ingest_emergent_rejects_malformed_files(tmp_path, header, rows, message):
    with pytest.raises(InputError, match=message):
        read_emergent(_write(tmp_path / "bad.csv", header, rows))


def test_ingest_emergent_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_emergent(tmp_path / "absent.csv")


def test_ingest_emergent_groups_by_claim_and_builds_one_article_per_headline(full_csv):
    groups = by_claim(read_emergent(full_csv) + read_emergent(full_csv)[:1])
    assert list(groups) == ["c1", "c2"]
    articles = claim_articles(groups["c1"])
    assert [a.text for a in articles] == [
        "Ohio town votes to silence leaf blowers", "Leaf blower ban reportedly passes in Ohio",
        "No, Ohio did not ban leaf blowers"]  # the repeated a1 row is not a second article
    assert articles[0].outlet == "example-news.test" and articles[0].title == articles[0].text
    assert len({a.id for a in articles}) == 3
