"""The writer's in-memory caches (claim member index, story document frequencies) change nothing stored.

Each test compares the cached write path with a path that reads everything from the ledger again:
the SQL candidate list for claim matching, or a ledger reopened for every article (cold caches).
"""
from __future__ import annotations

import importlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from claimwatch.ingest.jsonl import articles_from_jsonl
from claimwatch.ledger import Ledger, matching
from claimwatch.ledger import stories as story_module
from claimwatch.ledger.embeddings import get_embedder
from claimwatch.ledger.member_index import MemberIndex
from claimwatch.model import Actor, Analysis, Article

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "src" / "claimwatch" / "data" / "story" / "north-korea-troops.jsonl"
assign_module = importlib.import_module("claimwatch.ledger.stories.assign")  # the package exports assign()
THREE = Path(__file__).parents[1] / "data" / "stories" / "three-stories.jsonl"

# What must be equal: every derived row by content (claim_events/claim_quantities ids are rewritten
# on each refresh, so they are compared by content, in order).
DUMP = {
    "articles": "SELECT id, content_hash, near_duplicate_of, similarity FROM articles ORDER BY rowid",
    "ledger_claims": "SELECT id, text, event_type, agent, status, first_seen, last_seen, story FROM ledger_claims ORDER BY id",
    "members": "SELECT claim_pk, ledger_claim_id, score, method FROM ledger_claim_members ORDER BY claim_pk",
    "events": "SELECT ledger_claim_id, date, kind, from_status, to_status, statement_pk, note FROM claim_events"
              " ORDER BY ledger_claim_id, id",
    "quantities": "SELECT ledger_claim_id, value, unit, statement_pk, date FROM claim_quantities ORDER BY ledger_claim_id, id",
    "stories": "SELECT id, label, first_seen, last_seen, profile FROM stories ORDER BY id",
    "article_stories": "SELECT article_id, story_id, score, method FROM article_stories ORDER BY article_id",
    "story_df": "SELECT kind, key, df FROM story_df ORDER BY kind, key",
    "actors": "SELECT article_id, pos, name, kind, affiliation FROM actors ORDER BY article_id, pos",
    "statements": "SELECT article_id, pos, source FROM statements ORDER BY article_id, pos",
}


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {name: [tuple(r) for r in conn.execute(sql)] for name, sql in DUMP.items()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def analyses(nlp) -> list[Analysis]:
    """The bundled story and the three-story corpus, interleaved so stories and claims mix."""
    from claimwatch.nlp.pipeline import analyze_many

    def read(path: Path) -> list[Article]:
        return [a for a in articles_from_jsonl(path.read_bytes(), str(path)) if isinstance(a, Article)]

    first, second = list(analyze_many(read(BUNDLED), nlp=nlp)), list(analyze_many(read(THREE), nlp=nlp))
    mixed = [a for pair in zip(first, second) for a in pair]
    longer = first if len(first) > len(second) else second
    return mixed + longer[min(len(first), len(second)):]


def _lexical():
    return None


def test_writer_member_index_answers_like_the_sql_candidates(analyses, tmp_path):
    embedder = get_embedder if get_embedder() is not None else _lexical
    checked = 0
    with Ledger(tmp_path / "index.db", embedder=embedder) as ledger:
        for analysis in analyses:
            for item in ledger.claims.prepare(analysis):
                expected = matching.best_match(item.features, ledger.claims._candidates(item.features))
                got = MemberIndex.load(ledger.connection).best_match(item.features)
                assert (got and (got[0], got[1].score, got[1].level)) == \
                       (expected and (expected[0], expected[1].score, expected[1].level))
                checked += 1
            ledger.add_analysis(analysis)
        members = ledger.connection.execute("SELECT COUNT(*) FROM ledger_claim_members").fetchone()[0]
    assert checked > 20 and members > 20


def _one_ledger(path: Path, analyses: list[Analysis]) -> Path:
    with Ledger(path, embedder=_lexical) as ledger:
        for analysis in analyses:
            assert ledger.add_analysis(analysis)
    return path


def _reopened(path: Path, analyses: list[Analysis]) -> Path:
    for analysis in analyses:  # a new Ledger per article: every cache starts cold
        with Ledger(path, embedder=_lexical) as ledger:
            assert ledger.add_analysis(analysis)
    return path


def test_writer_cached_path_stores_what_cold_ledgers_store(analyses, tmp_path):
    warm, cold = _dump(_one_ledger(tmp_path / "warm.db", analyses)), _dump(_reopened(tmp_path / "cold.db", analyses))
    assert warm["members"] and warm["stories"]
    assert warm == cold


def test_writer_article_that_fails_rolls_back_alone_and_caches_follow(analyses, tmp_path, monkeypatch):
    failing = analyses[len(analyses) // 2]
    real_assign = story_module.assign

    def assign(conn, article_id, features, config=None, cache=None):
        if article_id == failing.article.id:  # after its claims were matched and counted
            raise RuntimeError("disk trouble")
        return real_assign(conn, article_id, features, config, cache)

    with Ledger(tmp_path / "failed.db", embedder=_lexical) as ledger:
        for analysis in analyses:
            if analysis is failing:
                monkeypatch.setattr(story_module, "assign", assign)
                with pytest.raises(RuntimeError):
                    ledger.add_analysis(analysis)
                monkeypatch.setattr(story_module, "assign", real_assign)
                assert ledger.article(failing.article.id) is None
                assert ledger.claims._index is None  # what it learnt from the failed article is gone
            else:
                assert ledger.add_analysis(analysis)
    expected = _dump(_reopened(tmp_path / "without.db", [a for a in analyses if a is not failing]))
    assert _dump(tmp_path / "failed.db") == expected


def test_writer_sees_articles_another_process_wrote(analyses, tmp_path):
    path = tmp_path / "shared.db"
    with Ledger(path, embedder=_lexical) as mine, Ledger(path, embedder=_lexical) as theirs:
        for n, analysis in enumerate(analyses):  # every third article comes from the other writer
            assert (theirs if n % 3 == 2 else mine).add_analysis(analysis)
    assert _dump(path) == _dump(_reopened(tmp_path / "alone.db", analyses))


class _HashEmbedder:
    """Deterministic unit vectors per text, whatever the batch: enough to compare who gets embedded."""

    def embed(self, texts):
        import hashlib

        import numpy as np

        out = []
        for text in texts:
            seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
            vector = np.random.default_rng(seed).standard_normal(384)
            out.append(vector / np.linalg.norm(vector))
        return np.asarray(out, dtype=np.float32)


def test_writer_older_ledger_members_get_vectors_like_the_sql_path(analyses, tmp_path):
    import shutil

    from dataclasses import replace

    hashed = _HashEmbedder()
    path = tmp_path / "old.db"
    # the new article's claims all name an agent, so only members the agent filter lets through are embedded
    donor = next(a for a in reversed(analyses) if any(c.subject for c in a.claims))
    kept = tuple(c for c in donor.claims if c.subject and c.subject.strip())
    ids = {c.id for c in kept}
    last = replace(donor, claims=kept, statements=tuple(
        replace(st, claims=tuple(c for c in st.claims if c in ids)) for st in donor.statements))
    analyses = [a for a in analyses if a is not donor] + [last]
    with Ledger(path, embedder=lambda: hashed) as ledger:
        for analysis in analyses[:-1]:
            ledger.add_analysis(analysis)
        ledger.connection.execute("UPDATE ledger_claim_members SET embedding = NULL")  # a ledger from before vectors
        last_pk = ledger.connection.execute("SELECT MAX(claim_pk) FROM ledger_claim_members").fetchone()[0]
    shutil.copy(path, tmp_path / "sql.db")
    with Ledger(path, embedder=lambda: hashed) as ledger:
        assert ledger.add_analysis(analyses[-1])
    with Ledger(tmp_path / "sql.db", embedder=lambda: hashed) as reference:  # the SQL candidates embed what they read
        for item in reference.claims.prepare(analyses[-1]):
            reference.claims._candidates(item.features)
    query = "SELECT claim_pk, embedding FROM ledger_claim_members WHERE claim_pk <= ? ORDER BY claim_pk"
    got, expected = (sqlite3.connect(p).execute(query, (last_pk,)).fetchall() for p in (path, tmp_path / "sql.db"))
    assert any(blob is not None for _, blob in expected) and any(blob is None for _, blob in expected)
    assert got == expected


# --- copies, few story candidates, a second writer: every cache of the writer is exercised --------

def _with_copies(analyses: list[Analysis]) -> list[Analysis]:
    """The articles with a wire copy of every other one two articles later (a correction line added):
    copies join their original's story and add members but no status facts."""
    out: list[Analysis] = []
    for n, analysis in enumerate(analyses):
        out.append(analysis)
        if n >= 2 and n % 2 == 0:
            original = analyses[n - 2]
            article = replace(original.article, id=original.article.id + "-copy",
                              text=original.article.text + "\n\nThis story has been updated with a correction.")
            out.append(replace(original, article=article))
    return out


@pytest.fixture(params=[None, 1], ids=["all-recent-stories", "one-recent-story"])
def candidates(request, monkeypatch):
    """Story assignment scoring the 100 most recent stories, or only the latest one, so that the
    stories found through actors and claims decide."""
    if request.param is not None:
        config = replace(assign_module.load_config(), max_candidates=request.param)
        monkeypatch.setattr(assign_module, "load_config", lambda: config)
    return request.param


def test_writer_caches_store_what_cold_ledgers_store_with_copies(analyses, candidates, tmp_path):
    mixed = _with_copies(analyses)
    with Ledger(tmp_path / "warm.db", embedder=_lexical) as ledger:
        for analysis in mixed:
            assert ledger.add_analysis(analysis)
            _assert_caches_match_the_ledger(ledger)
        assert ledger._stories.profiles and ledger._stories.actor_stories and ledger.claims._statements
    warm, cold = _dump(tmp_path / "warm.db"), _dump(_reopened(tmp_path / "cold.db", mixed))
    copies = [row for row in warm["articles"] if row[2] is not None]
    assert len(copies) >= 5 and {"copy"} <= {row[3] for row in warm["article_stories"]}
    assert warm == cold


def _assert_caches_match_the_ledger(ledger: Ledger) -> None:
    """Every entry the writer keeps equals what reading the ledger now gives."""
    conn, book, cache = ledger.connection, ledger.claims, ledger._stories
    fresh = type(book)(conn, embedder=_lexical)  # not writing: reads everything from SQL
    for ledger_id, read in book._statements.items():
        assert read[1] == fresh._read_statements(ledger_id)
    for ledger_id, places in book._parties.items():
        assert places == fresh.parties(ledger_id)
    for ledger_id, dates in book._dates.items():
        assert dates == fresh._first_last_seen(ledger_id)
    if book.names.loaded:
        from claimwatch.ledger.known_names import KnownNames

        reloaded = KnownNames().load(conn)
        assert (book.names._full_names, book.names._by_name, book.names._by_surname) == \
               (reloaded._full_names, reloaded._by_name, reloaded._by_surname)
    for story_id, (profile, label) in cache.profiles.items():
        stored, stored_label = assign_module._load_profile(conn, story_id)
        assert (profile.to_json(), profile.first, profile.last, label) == \
               (stored.to_json(), stored.first, stored.last, stored_label)
    for name, found in cache.actor_stories.items():
        assert found == assign_module._linked(conn, assign_module._BY_ACTOR, [name], None)
    for ledger_id, found in cache.claim_stories.items():
        assert found == assign_module._linked(conn, assign_module._BY_CLAIM, [ledger_id], None)
    for kind, values in cache.kinds.items():
        for key, df in values.items():
            row = conn.execute("SELECT df FROM story_df WHERE kind = ? AND key = ?", (kind, key)).fetchone()
            assert df == (row[0] if row else None)


def test_writer_caches_follow_another_writer_with_copies(analyses, candidates, tmp_path):
    mixed = _with_copies(analyses)
    path = tmp_path / "shared.db"
    with Ledger(path, embedder=_lexical) as mine, Ledger(path, embedder=_lexical) as theirs:
        for n, analysis in enumerate(mixed):  # every third article comes from the other writer
            writer = theirs if n % 3 == 2 else mine
            assert writer.add_analysis(analysis)
            _assert_caches_match_the_ledger(writer)
    assert _dump(path) == _dump(_reopened(tmp_path / "alone.db", mixed))


def _named(n: int, *actors: Actor) -> Analysis:
    text = f"Report number {n} on the harbour strike, with the people who spoke about it in the port."
    return Analysis(article=Article(text=text, id=f"named-{n}", published=f"2025-03-0{n}T09:00:00+00:00"),
                    actors=actors)


def test_writer_surname_takes_a_full_name_another_writer_stored(tmp_path):
    path = tmp_path / "names.db"
    with Ledger(path, embedder=_lexical) as mine, Ledger(path, embedder=_lexical) as theirs:
        assert mine.add_analysis(_named(1, Actor("Port Authority", kind="organization")))
        assert mine.add_analysis(_named(2, Actor("Dewinter")))  # no full name known yet: kept
        assert mine.claims.names.loaded
        assert theirs.add_analysis(_named(3, Actor("Marc Dewinter", affiliation="Belgium")))
        assert mine.add_analysis(_named(4, Actor("Dewinter")))
        names = [a.name for a in mine.actors_for_article("named-2") + mine.actors_for_article("named-4")]
    assert names == ["Dewinter", "Marc Dewinter"]


def _assert_no_cache(ledger: Ledger) -> None:
    book, stories = ledger.claims, ledger._stories
    assert book._index is None and not (book._statements or book._parties or book._dates or book.names.loaded)
    assert not (stories.profiles or stories.actor_stories or stories.claim_stories or any(stories.kinds.values()))


def test_writer_session_drops_every_cache_after_another_writer(analyses, tmp_path):
    path = tmp_path / "two.db"
    with Ledger(path, embedder=_lexical) as mine, Ledger(path, embedder=_lexical) as theirs:
        for analysis in analyses[:8]:
            assert mine.add_analysis(analysis)
        book, stories = mine.claims, mine._stories
        assert book._statements and book._parties and book._dates and book.names.loaded
        assert stories.profiles and stories.actor_stories and stories.claim_stories and stories.kinds["term"]
        assert theirs.add_analysis(analyses[8])
        mine.connection.execute("BEGIN IMMEDIATE")
        try:
            assert not book.begin()  # what add_analysis does first in its transaction
            _assert_no_cache(mine)
        finally:
            mine.connection.execute("ROLLBACK")
            book.rolled_back()


def test_writer_rollback_drops_every_cache(analyses, candidates, tmp_path, monkeypatch):
    mixed = _with_copies(analyses)
    failing = {mixed[n].article.id for n in range(3, len(mixed), 4)}
    real_assign = story_module.assign

    def assign(conn, article_id, features, config=None, cache=None):
        result = real_assign(conn, article_id, features, config, cache)  # every cache has learnt the article
        if article_id in failing:
            raise RuntimeError("disk trouble")
        return result

    monkeypatch.setattr(story_module, "assign", assign)
    with Ledger(tmp_path / "failed.db", embedder=_lexical) as ledger:
        for analysis in mixed:
            if analysis.article.id in failing:
                with pytest.raises(RuntimeError):
                    ledger.add_analysis(analysis)
                _assert_no_cache(ledger)
            else:
                assert ledger.add_analysis(analysis)
    monkeypatch.setattr(story_module, "assign", real_assign)
    expected = _dump(_reopened(tmp_path / "without.db", [a for a in mixed if a.article.id not in failing]))
    assert _dump(tmp_path / "failed.db") == expected
