"""The SQLite ledger: round trips, no-op re-adds, atomic writes, FTS search, near-duplicate links."""
from __future__ import annotations

from dataclasses import replace

import pytest

from claimwatch.ledger import Ledger, LedgerError
from claimwatch.ledger import store as store_module
from claimwatch.model import Analysis, Article, Statement
from claimwatch.nlp.pipeline import article_id

# A wire story written for these tests, and a syndicated copy: new headline, one sentence reworded.
WIRE_STORY = (
    "SEOUL (Reuters) - North Korea fired a ballistic missile into the sea off its east coast on Thursday, "
    "South Korea's Joint Chiefs of Staff said, the third launch in as many weeks.\n\n"
    "The missile flew about 600 kilometres before landing outside Japan's exclusive economic zone, "
    "Japan's defence ministry said in a statement. There were no reports of damage to ships or aircraft.\n\n"
    "South Korea and the United States were analysing the flight data, the Joint Chiefs said, adding that "
    "the military had stepped up surveillance and remained ready to respond to any provocation.\n\n"
    "Pyongyang did not immediately comment. State media had earlier carried a statement from the ruling "
    "party warning that joint drills by the allies were a rehearsal for invasion and would be met with "
    "an overwhelming response.\n\n"
    "Analysts said the launches were likely aimed at testing new solid-fuel engines while drawing attention "
    "ahead of talks between Washington and Seoul on the future of the alliance next month. The United "
    "Nations Security Council has banned the North from ballistic missile tests, but new sanctions have "
    "stalled amid divisions among its permanent members.\n"
)
WIRE_COPY = WIRE_STORY.replace(
    "There were no reports of damage to ships or aircraft.",
    "Tokyo said no ships or aircraft had reported any damage from the launch.",
)
UNRELATED = (
    "Heavy rain flooded parts of the capital on Tuesday, forcing the closure of two metro lines and "
    "several schools, city officials said. Forecasters warned that more storms were expected later in the "
    "week and urged residents in low-lying districts to move vehicles to higher ground.\n"
)


def make_analysis(text: str, title: str = "headline", **article_fields) -> Analysis:
    article = Article(text=text, id=article_id(text), title=title, **article_fields)
    return Analysis(article=article)


def count(ledger: Ledger, table: str) -> int:
    return ledger.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "ledger.db") as opened:
        yield opened


def test_ledger_store_round_trips_an_analysis(ledger, analysis):
    assert ledger.add_analysis(analysis) is True
    assert ledger.analysis(analysis.article.id) == analysis
    assert ledger.statements_for_article(analysis.article.id) == list(analysis.statements)
    assert ledger.articles() == [analysis.article]
    assert ledger.has_article(analysis.article.id)
    assert not ledger.has_article("0" * 16)


def test_ledger_store_readd_is_a_no_op(ledger, analysis):
    assert ledger.add_analysis(analysis) is True
    tables = ("articles", "statements", "claims", "actors", "statement_claims", "statements_fts")
    before = {t: count(ledger, t) for t in tables}
    assert ledger.add_analysis(analysis) is False
    assert {t: count(ledger, t) for t in tables} == before


def test_ledger_store_readd_after_reopen_is_a_no_op(tmp_path, analysis):
    with Ledger(tmp_path / "l.db") as first:
        first.add_analysis(analysis)
    with Ledger(tmp_path / "l.db") as second:
        assert second.add_analysis(analysis) is False
        assert len(second.articles()) == 1


def test_ledger_store_same_text_with_other_spacing_is_a_no_op(ledger):
    assert ledger.add_analysis(make_analysis(UNRELATED))
    respaced = UNRELATED.replace(". ", ".  ").replace("\n", "\r\n")
    assert ledger.add_analysis(make_analysis(respaced)) is False
    assert count(ledger, "articles") == 1


def test_ledger_store_failure_mid_article_writes_nothing(ledger, analysis, monkeypatch):
    def explode(self, *args, **kwargs):
        raise RuntimeError("disk pulled out mid-article")

    monkeypatch.setattr(store_module.Ledger, "_insert_statements", explode)
    with pytest.raises(RuntimeError, match="mid-article"):
        ledger.add_analysis(analysis)
    for table in ("articles", "actors", "claims", "statements", "statement_claims", "statements_fts"):
        assert count(ledger, table) == 0, table
    assert not ledger.connection.in_transaction
    monkeypatch.undo()
    assert ledger.add_analysis(analysis) is True
    assert ledger.analysis(analysis.article.id) == analysis


def test_ledger_store_bad_claim_reference_is_refused_before_writing(ledger, analysis):
    broken = replace(analysis, statements=(analysis.statements[0].with_(claims=("c404",)),))
    with pytest.raises(LedgerError, match="c404"):
        ledger.add_analysis(broken)
    assert count(ledger, "articles") == 0


def test_ledger_store_duplicate_statement_ids_roll_back(ledger, analysis):
    twice = replace(analysis, statements=(analysis.statements[0], analysis.statements[0]))
    with pytest.raises(LedgerError, match="could not be stored"):
        ledger.add_analysis(twice)
    assert count(ledger, "articles") == 0 and count(ledger, "statements") == 0


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("lithium batteries", ["s1"]),
        ("battery", ["s1", "s2"]),  # porter stemming: "batteries" matches
        ("containers damaged", ["s4"]),
        ("estimate", ["s5"]),
        ('"terminal" close*', ["s6"]),  # FTS syntax in user text is taken as plain words
        ("terminal OR batteries", []),  # OR is a word too, not an operator
        ("submarine", []),
        ("  ", []),
    ],
)
def test_ledger_store_search_finds_statements_by_content(ledger, analysis, query, expected_ids):
    ledger.add_analysis(analysis)
    hits = ledger.search(query)
    assert sorted(s.id for s, _ in hits) == expected_ids
    assert all(a.id == analysis.article.id for _, a in hits)


def test_ledger_store_search_respects_limit(ledger, analysis):
    ledger.add_analysis(analysis)
    assert len(ledger.search("the", limit=2)) == 2


def test_ledger_store_links_a_wire_copy_to_its_original(ledger):
    original = make_analysis(WIRE_STORY, title="North Korea fires missile", outlet="Reuters")
    copy = make_analysis(WIRE_COPY, title="Pyongyang launches third missile in three weeks", outlet="Daily Star")
    assert ledger.add_analysis(original) and ledger.add_analysis(copy)
    record = ledger.article_record(copy.article.id)
    assert record.near_duplicate_of == original.article.id
    assert not record.independent
    assert 0.8 <= record.similarity < 1.0
    assert ledger.article_record(original.article.id).independent


def test_ledger_store_does_not_link_unrelated_articles(ledger):
    ledger.add_analysis(make_analysis(WIRE_STORY))
    ledger.add_analysis(make_analysis(UNRELATED))
    assert ledger.article_record(article_id(UNRELATED)).near_duplicate_of is None


def test_ledger_store_does_not_link_a_rewrite_that_shares_only_a_paragraph(ledger):
    paragraphs = WIRE_STORY.split("\n\n")
    rewrite = paragraphs[0] + "\n\n" + UNRELATED + "\n\n" + UNRELATED.replace("Tuesday", "Wednesday").upper()
    ledger.add_analysis(make_analysis(WIRE_STORY))
    ledger.add_analysis(make_analysis(rewrite))
    assert ledger.article_record(article_id(rewrite)).near_duplicate_of is None


def test_ledger_store_copy_of_a_copy_points_at_the_original(ledger):
    second_copy = WIRE_COPY.replace("Analysts said", "Experts said")
    for text in (WIRE_STORY, WIRE_COPY, second_copy):
        ledger.add_analysis(make_analysis(text))
    assert ledger.article_record(article_id(second_copy)).near_duplicate_of == article_id(WIRE_STORY)


def test_ledger_store_near_duplicate_index_is_rebuilt_after_reopen(tmp_path):
    with Ledger(tmp_path / "l.db") as first:
        first.add_analysis(make_analysis(WIRE_STORY))
    with Ledger(tmp_path / "l.db") as second:
        second.add_analysis(make_analysis(WIRE_COPY))
        assert second.article_record(article_id(WIRE_COPY)).near_duplicate_of == article_id(WIRE_STORY)


def test_ledger_store_sees_originals_added_by_another_connection(tmp_path):
    with Ledger(tmp_path / "l.db") as reader, Ledger(tmp_path / "l.db") as writer:
        reader.add_analysis(make_analysis(UNRELATED))  # builds the reader's index
        writer.add_analysis(make_analysis(WIRE_STORY))
        reader.add_analysis(make_analysis(WIRE_COPY))
        assert reader.article_record(article_id(WIRE_COPY)).near_duplicate_of == article_id(WIRE_STORY)


def test_ledger_store_copies_share_one_source_key(ledger):
    for text in (WIRE_STORY, WIRE_COPY, UNRELATED):
        ledger.add_analysis(make_analysis(text))
    keys = dict(ledger.connection.execute("SELECT id, source_key FROM article_sources").fetchall())
    assert keys[article_id(WIRE_COPY)] == keys[article_id(WIRE_STORY)] == "wire:Reuters"
    assert keys[article_id(UNRELATED)] == f"article:{article_id(UNRELATED)}"


@pytest.mark.parametrize(
    ("original", "copy", "key"),
    [
        (WIRE_STORY, WIRE_COPY.replace("SEOUL (Reuters) - ", ""), "wire:Reuters"),  # uncredited copy
        (WIRE_STORY.replace("(Reuters)", "-"), WIRE_COPY.replace("(Reuters)", "-"), "article:"),  # no wire at all
    ],
)
def test_ledger_store_a_copy_counts_under_its_originals_key(ledger, original, copy, key):
    ledger.add_analysis(make_analysis(original))
    ledger.add_analysis(make_analysis(copy))
    keys = dict(ledger.connection.execute("SELECT id, source_key FROM article_sources").fetchall())
    assert keys[article_id(copy)] == keys[article_id(original)]
    assert keys[article_id(original)].startswith(key)


def test_ledger_store_records_the_wire_source(ledger):
    ledger.add_analysis(make_analysis(WIRE_STORY))
    ledger.add_analysis(make_analysis(UNRELATED))
    assert ledger.article_record(article_id(WIRE_STORY)).wire_source == "Reuters"
    assert ledger.article_record(article_id(UNRELATED)).wire_source is None


def test_ledger_store_articles_are_ordered_by_publication(ledger):
    ledger.add_analysis(make_analysis(UNRELATED, published="2024-03-02"))
    ledger.add_analysis(make_analysis(WIRE_STORY, published="2024-03-01"))
    assert [a.published for a in ledger.articles()] == ["2024-03-01", "2024-03-02"]


def test_ledger_store_fills_a_missing_article_id(ledger):
    analysis = Analysis(article=Article(text=UNRELATED))
    assert ledger.add_analysis(analysis)
    assert ledger.has_article(article_id(UNRELATED))


def test_ledger_store_statement_without_optional_spans_round_trips(ledger):
    text = "The ministry said the talks would resume."
    statement = Statement(id="s1", source="ministry", cue="said", cue_span=(13, 17),
                          content="the talks would resume", content_span=(18, 40))
    analysis = Analysis(article=Article(text=text, id=article_id(text)), statements=(statement,))
    ledger.add_analysis(analysis)
    assert ledger.statements_for_article(article_id(text)) == [statement]
