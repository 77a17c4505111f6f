"""Stories: articles grouped by shared actors, claims, content and time; listed, shown and selected by id.

The corpora are the bundled North Korea story (one story of 15 dated articles) and
``tests/data/stories/three-stories.jsonl`` (three invented stories of three articles each, written
for these tests, interleaved in time). Each is analysed once per session; ledgers are filled from
those analyses, so a test costs a few SQLite writes, not a parse.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.errors import LexiconError
from claimwatch.ingest.jsonl import articles_from_jsonl
from claimwatch.ledger import Ledger
from claimwatch.ledger import stories
from claimwatch.ledger.schema import MIGRATIONS, migrate, schema_version
from claimwatch.lexicons import load_yaml
from claimwatch.model import Analysis, Article

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "src" / "claimwatch" / "data" / "story" / "north-korea-troops.jsonl"
THREE = Path(__file__).parents[1] / "data" / "stories" / "three-stories.jsonl"


def _articles(path: Path) -> list[Article]:
    return [a for a in articles_from_jsonl(path.read_bytes(), str(path)) if isinstance(a, Article)]


def _gold(article: Article) -> str:
    """The invented corpus names its story in the URL path (strike / recall / fire)."""
    topic = article.url.split("/")[3]
    return topic if topic in ("strike", "recall", "fire") else "north-korea"


@pytest.fixture(scope="session")
def analysed(nlp) -> dict[str, list[Analysis]]:
    from claimwatch.nlp.pipeline import analyze_many

    return {name: list(analyze_many(_articles(path), nlp=nlp))
            for name, path in (("bundled", BUNDLED), ("three", THREE))}


def _fill(path: Path, analyses: list[Analysis], lexical: bool = False) -> Path:
    with Ledger(path, embedder=(lambda: None) if lexical else None) as ledger:
        for analysis in analyses:
            ledger.add_analysis(analysis)
    return path


def _partition(path: Path) -> set[frozenset[str]]:
    """The stories as sets of article URLs: comparable across ledgers whatever the story ids."""
    with Ledger(path) as ledger:
        rows = ledger.connection.execute(
            "SELECT s.story_id, a.url FROM article_stories s JOIN articles a ON a.id = s.article_id").fetchall()
    groups: dict[int, set[str]] = {}
    for story_id, url in rows:
        groups.setdefault(story_id, set()).add(url)
    return {frozenset(g) for g in groups.values()}


def _gold_partition(analyses: list[Analysis]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in analyses:
        groups.setdefault(_gold(a.article), set()).add(a.article.url)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def mixed_db(analysed, tmp_path_factory) -> Path:
    """The bundled story and the three invented ones, interleaved by date, ingested in that order."""
    everything = sorted(analysed["bundled"] + analysed["three"], key=lambda a: a.article.published or "")
    return _fill(tmp_path_factory.mktemp("stories") / "mixed.db", everything)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _story_of_url(path: Path, fragment: str) -> int:
    with Ledger(path) as ledger:
        return ledger.connection.execute(
            "SELECT s.story_id FROM article_stories s JOIN articles a ON a.id = s.article_id WHERE a.url LIKE ?",
            (f"%{fragment}%",)).fetchone()[0]


# --- configuration -----------------------------------------------------------------------------

def test_stories_config_packaged_yaml_is_valid():
    config = stories.parse_config(load_yaml("stories.yaml"))
    assert abs(sum(config.weights.values()) - 1) < 1e-9
    assert config.strong_threshold >= config.join_threshold


@pytest.mark.parametrize("change, message", [
    ({"weights": {"actors": 0.5, "claims": 0.5, "terms": 0.5, "embedding": 0.0}}, "add up to 1"),
    ({"weights": {"actors": 1.0}}, "expected exactly"),
    ({"join_threshold": 1.5}, "between 0 and 1"),
    ({"strong_threshold": 0.05}, "must not be below"),
    ({"window_days": 0}, "positive number"),
    ({"max_terms": "many"}, "positive integer"),
    ({"version": 2}, "version: 1"),
])
def test_stories_config_rejects_malformed_entries(change, message):
    data = {**load_yaml("stories.yaml"), **change}
    with pytest.raises(LexiconError, match=message):
        stories.parse_config(data)


# --- features and scoring ------------------------------------------------------------------------

@pytest.mark.parametrize("title, text, present, absent, in_title", [
    ("Troops sent to the border", "The troops were said to be moving. Officials said the troops' orders came late.",
     {"troop", "border"}, {"said", "the", "were"}, ("troop", 4)),
    ("Recall widened", "Regulators widened the recall of batteries on Tuesday.",
     {"recall", "battery", "regulator"}, {"tuesday", "of"}, ("recall", 3)),
])
def test_stories_content_terms_stem_plurals_and_drop_function_words(title, text, present, absent, in_title):
    terms = stories.content_terms(title, text, limit=50)
    assert present <= set(terms) and not (absent & set(terms))
    word, count = in_title
    assert terms[word] == count  # the title counts twice


@pytest.mark.parametrize("a, b, expected", [
    (("2025-03-01", "2025-03-05"), ("2025-03-03", "2025-03-03"), 0.0),
    (("2025-03-01", "2025-03-05"), ("2025-03-15", "2025-03-20"), 10.0),
    (("2025-03-15T00:00:00+00:00", None), ("2025-03-01", "2025-03-05"), 10.0),
    ((None, None), ("2025-03-01", "2025-03-05"), None),
])
def test_stories_gap_days_between_date_ranges(a, b, expected):
    assert stories.gap_days(a[0], a[1], b[0], b[1]) == expected


def _profile(actors: dict[str, str], terms: dict[str, int], claims=(), date: Optional[str] = None):
    profile = stories.Profile()
    profile.add(stories.ArticleFeatures(actors=actors, terms=terms), claims, (), date, 300)
    return profile


def test_stories_score_rises_with_shared_actors_claims_and_words():
    config = stories.load_config()
    stats = stories.Stats(articles=10, actor_df={"kremlin": 2, "pentagon": 3}, term_df={"troop": 2})
    base = _profile({"kremlin": "Kremlin"}, {"troop": 3, "border": 1}, claims=[1])
    unrelated = _profile({"pentagon": "Pentagon"}, {"budget": 2})
    same_words = _profile({"pentagon": "Pentagon"}, {"troop": 3, "border": 1})
    same_all = _profile({"kremlin": "Kremlin"}, {"troop": 3, "border": 1}, claims=[1])
    scores = [stories.score(base, other, stats, config).total for other in (unrelated, same_words, same_all)]
    assert scores[0] == 0 and 0 < scores[1] < scores[2]
    assert stories.score(base, same_all, stats, config).claims == 0.5  # one shared ledger claim


def test_stories_far_apart_articles_need_the_strong_threshold():
    config = stories.load_config()
    middling = stories.Score(total=(config.join_threshold + config.strong_threshold) / 2, actors=0, claims=0,
                             terms=0, embedding=0.5, gap_days=None)
    assert stories.accepts(middling, config)
    far = stories.Score(**{**middling.__dict__, "gap_days": config.window_days + 30})
    assert not stories.accepts(far, config)


def test_stories_ubiquitous_actor_weighs_nothing_once_the_ledger_is_large():
    config = stories.load_config()
    stats = stories.Stats(articles=100, actor_df={"united states": 80, "nato": 5}, term_df={})
    assert stats.actor_weight("united states", config) == 0
    assert stats.actor_weight("nato", config) > 1


# --- clustering on real text ---------------------------------------------------------------------

def test_stories_bundled_story_is_one_story(analysed, tmp_path):
    path = _fill(tmp_path / "nk.db", analysed["bundled"])
    with Ledger(path) as ledger:
        listed = stories.list_stories(ledger)
    assert len(listed) == 1 and listed[0].articles == 15
    assert listed[0].independent_articles < 15  # the Harbour Post near-copy does not count
    assert "North Korea" in listed[0].label


@pytest.mark.parametrize("lexical", [False, True], ids=["with-embeddings", "lexical-only"])
def test_stories_invented_corpus_splits_into_its_three_stories(analysed, tmp_path, lexical):
    path = _fill(tmp_path / "three.db", analysed["three"], lexical=lexical)
    assert _partition(path) == _gold_partition(analysed["three"])


def test_stories_mixed_corpus_keeps_each_story_apart(mixed_db, analysed):
    assert _partition(mixed_db) == _gold_partition(analysed["bundled"] + analysed["three"])


def test_stories_near_duplicate_joins_its_originals_story(mixed_db):
    with Ledger(mixed_db) as ledger:
        copy = ledger.connection.execute(
            "SELECT a.near_duplicate_of, s.story_id, s.method FROM articles a"
            " JOIN article_stories s ON s.article_id = a.id WHERE a.near_duplicate_of IS NOT NULL").fetchone()
        assert copy is not None and copy["method"] == "copy"
        assert stories.story_of(ledger, copy["near_duplicate_of"]) == copy["story_id"]


def test_stories_rebuild_is_independent_of_ingestion_order(analysed, tmp_path):
    everything = analysed["bundled"] + analysed["three"]
    forward = _fill(tmp_path / "forward.db", everything)
    backward = _fill(tmp_path / "backward.db", list(reversed(everything)))
    for path in (forward, backward):
        with Ledger(path) as ledger:
            summary = stories.rebuild(ledger)
            assert summary.articles == len(everything)
    assert _partition(forward) == _partition(backward) == _gold_partition(everything)
    with Ledger(forward) as a, Ledger(backward) as b:  # ids are renumbered by date: the same on both
        assert [(s.id, s.label, s.articles) for s in stories.list_stories(a)] == \
               [(s.id, s.label, s.articles) for s in stories.list_stories(b)]


def test_stories_label_names_central_actors_and_follows_growth(analysed, tmp_path):
    path = tmp_path / "grow.db"
    fire = [a for a in analysed["three"] if _gold(a.article) == "fire"]
    _fill(path, fire[:1])
    with Ledger(path) as ledger:
        first = stories.list_stories(ledger)[0].label
    _fill(path, fire[1:])
    with Ledger(path) as ledger:
        grown = stories.list_stories(ledger)[0]
    assert grown.articles == 3 and "Ante Maric" in grown.label
    assert first and len(grown.label) <= stories.load_config().label_max_chars


# --- atomicity, repair and migration ---------------------------------------------------------------

def test_stories_every_stored_article_has_a_story_at_once(mixed_db):
    with Ledger(mixed_db) as ledger:
        assert stories.unassigned(ledger) == []


def test_stories_failed_assignment_rolls_back_the_whole_article(analysed, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(stories, "assign", broken)
    with Ledger(tmp_path / "crash.db") as ledger:
        with pytest.raises(RuntimeError):
            ledger.add_analysis(analysed["three"][0])
        assert ledger.articles() == []  # nothing of the article was written


def test_stories_read_repairs_an_article_left_without_a_story(analysed, tmp_path):
    path = _fill(tmp_path / "repair.db", analysed["three"])
    target = analysed["three"][-1].article.id
    before = _partition(path)
    with Ledger(path) as ledger:
        ledger.connection.execute("DELETE FROM article_stories WHERE article_id = ?", (target,))
        assert stories.unassigned(ledger) == [target]
        stories.list_stories(ledger)
        assert stories.unassigned(ledger) == []
    assert _partition(path) == before


def test_stories_migration_groups_articles_of_a_version_2_ledger(tmp_path):
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    texts = [("a1", "2025-03-03", "Antwerp dockers strike over pay", ["Port of Antwerp", "ACV Transcom"]),
             ("a2", "2025-03-05", "Antwerp dock strike leaves ships waiting", ["ACV Transcom", "Port of Antwerp"]),
             ("b1", "2025-03-04", "Korvella recalls Tensilor tablets", ["Korvella Pharma", "European Medicines Agency"])]
    for n, (aid, day, title, actors) in enumerate(texts):
        conn.execute("INSERT INTO articles (id, title, published, text, content_hash, ingested_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (aid, title, day, title + ". " + title.lower(), f"h{n}", day))
        for pos, name in enumerate(actors):
            conn.execute("INSERT INTO actors (article_id, pos, name, kind) VALUES (?, ?, ?, 'organization')",
                         (aid, pos, name))
    assert schema_version(conn) == 2
    conn.close()
    with Ledger(path, embedder=lambda: None) as ledger:
        assert ledger.version == len(MIGRATIONS)
        listed = stories.list_stories(ledger)
        assert sorted(s.articles for s in listed) == [1, 2]
        assert stories.story_of(ledger, "a1") == stories.story_of(ledger, "a2") != stories.story_of(ledger, "b1")


# --- resolving --story ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, by_id", [("1", True), ("s1", True), (" S1 ", True), ("999", False),
                                          ("north korea", False), ("s1x", False)])
def test_stories_resolve_story_by_id_or_text(mixed_db, value, by_id):
    with Ledger(mixed_db) as ledger:
        selection = stories.resolve_story(ledger, value)
    assert selection.by_id is by_id
    assert bool(selection.article_ids) is by_id


# --- CLI -------------------------------------------------------------------------------------------

def test_stories_cli_lists_stories_as_text(mixed_db):
    result = run("stories", "--db", str(mixed_db))
    assert result.exit_code == 0, result.output
    assert "North Korea" in result.output and "Antwerp" in result.output or "ACV Transcom" in result.output
    assert result.output.count("claim ") >= 4 * 2  # top claims under each story


def test_stories_cli_json_is_stable(mixed_db):
    result = run("stories", "--db", str(mixed_db), "--format", "json", "--limit", "2")
    data = json.loads(result.output)
    assert len(data) == 2 and data[0]["articles"] == 15
    assert set(data[0]) == {"id", "label", "articles", "independent_articles", "first_seen", "last_seen", "top_claims"}
    assert len(data[0]["top_claims"]) == 3 and set(data[0]["top_claims"][0]) == {"id", "text", "status"}


@pytest.mark.parametrize("command", [["stories"], ["story"]])
def test_stories_cli_shows_one_story(mixed_db, command):
    sid = _story_of_url(mixed_db, "/recall/")
    result = run(*command, f"s{sid}", "--db", str(mixed_db), "--format", "json")
    data = json.loads(result.output)
    assert data["id"] == sid and data["articles"] == 3
    assert {m["url"].split("/")[3] for m in data["members"]} == {"recall"}
    text = run(*command, str(sid), "--db", str(mixed_db))
    assert "Korvella" in text.output and "claims:" in text.output


@pytest.mark.parametrize("args, code, message", [
    (["story", "999"], 2, "no story 999"),
    (["story", "latest"], 2, "not a story id"),
    (["stories", "--db", "/nonexistent/x.db"], 2, "no ledger"),
])
def test_stories_cli_bad_input_exits_2(mixed_db, args, code, message):
    if "--db" not in args:
        args = args + ["--db", str(mixed_db)]
    result = run(*args)
    assert result.exit_code == code and message in result.stderr


def test_stories_cli_rebuild_keeps_the_stories(analysed, tmp_path):
    path = _fill(tmp_path / "rebuild.db", analysed["three"])
    result = run("stories", "--db", str(path), "--rebuild", "--format", "json")
    assert result.exit_code == 0
    assert sorted(s["articles"] for s in json.loads(result.output)) == [3, 3, 3]
    assert _partition(path) == _gold_partition(analysed["three"])


def test_stories_cli_claims_story_by_id(mixed_db):
    sid = _story_of_url(mixed_db, "/fire/")
    by_id = json.loads(run("claims", "--db", str(mixed_db), "--story", f"s{sid}", "--format", "json").output)
    with Ledger(mixed_db) as ledger:
        expected = set(stories.story_claim_ids(ledger, sid))
    assert by_id and {c["id"] for c in by_id} == expected
    everything = json.loads(run("claims", "--db", str(mixed_db), "--format", "json").output)
    assert len(everything) > len(by_id)
    by_text = json.loads(run("claims", "--db", str(mixed_db), "--story", "north korea", "--format", "json").output)
    assert by_text and not ({c["id"] for c in by_text} & expected)  # text still filters as before


def test_stories_cli_assess_story_by_id(mixed_db):
    sid = _story_of_url(mixed_db, "/strike/")
    result = run("assess", "--db", str(mixed_db), "--story", f"s{sid}", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)["assessment"]
    assert len(data["articles"]) == 3
    assert "Dewinter" in result.output and "Korvella" not in result.output


def test_stories_cli_report_story_by_id(mixed_db):
    sid = _story_of_url(mixed_db, "/fire/")
    result = run("report", "--db", str(mixed_db), "--story", f"s{sid}", "-o", "-", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "wildfire" in result.output.lower() and "Korvella" not in result.output and "Dewinter" not in result.output


# --- web -------------------------------------------------------------------------------------------

def test_stories_web_page_api_and_story_filter(mixed_db):
    from fastapi.testclient import TestClient

    from claimwatch.web.app import create_app

    client = TestClient(create_app(mixed_db, read_only=True, embedder=lambda: None))
    page = client.get("/stories")
    assert page.status_code == 200 and 'href="/stories"' in page.text and "North Korea" in page.text
    sid = _story_of_url(mixed_db, "/fire/")
    assert f'href="/?story=s{sid}"' in page.text
    api = client.get("/api/stories").json()
    assert sorted(s["articles"] for s in api) == [3, 3, 3, 15]
    claims = client.get(f"/api/claims?story=s{sid}").json()
    with Ledger(mixed_db) as ledger:
        assert {c["id"] for c in claims} == set(stories.story_claim_ids(ledger, sid))
    index = client.get(f"/?story=s{sid}")
    assert index.status_code == 200 and "Maric" in index.text or "wildfire" in index.text.lower()
