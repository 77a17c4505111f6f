"""The read models: frozen dataclasses returned by the ledger queries, served as they are by the CLI
and the web API, so both give the same JSON for the same thing."""
from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimwatch.cli import cli
from claimwatch.ledger import queries, read_models
from claimwatch.ledger.records import track_record
from claimwatch.ledger.stories import list_stories, story_detail
from claimwatch.ledger.store import Ledger
from claimwatch.web.app import create_app
from web_support import no_embedder


@pytest.fixture(scope="module")
def story_db(story_ledger):
    return story_ledger


@pytest.fixture(scope="module")
def models(story_db):
    """One instance of each read model, as the queries return them on the bundled story."""
    with Ledger(story_db, embedder=no_embedder) as ledger:
        claims = queries.list_claims(ledger)
        actors = queries.list_actors(ledger)
        articles = queries.list_articles(ledger)
        stories = list_stories(ledger)
        return {"claims": claims, "detail": queries.claim_detail(ledger, claims[0].id), "actors": actors,
                "profile": queries.actor_profile(ledger, actors[0].name),
                "hits": queries.search(ledger, "troops"), "articles": articles,
                "article": queries.article_detail(ledger, articles[0].id),
                "stories": stories, "story": story_detail(ledger, stories[0].id),
                "record": track_record(ledger, actors[0].name).view()}


@pytest.mark.parametrize("name, model", [
    ("claims", read_models.ClaimSummary), ("detail", read_models.ClaimDetail), ("actors", read_models.ActorSummary),
    ("profile", read_models.ActorProfile), ("hits", read_models.SearchHit), ("articles", read_models.ArticleSummary),
    ("article", read_models.ArticleDetail), ("stories", read_models.StorySummary), ("story", read_models.StoryDetail),
    ("record", read_models.RecordView),
])
def test_read_models_queries_return_frozen_dataclasses(models, name, model):
    found = models[name]
    items = found if isinstance(found, list) else [found]
    assert items and all(type(item) is model for item in items)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(items[0], dataclasses.fields(model)[0].name, None)


def test_read_models_nested_parts_are_read_models_too(models):
    detail = models["detail"]
    assert all(isinstance(e, read_models.TimelineEvent) for e in detail.timeline)
    assert all(isinstance(s, read_models.ClaimStatement) for items in detail.statements.values() for s in items)
    assert isinstance(detail.status_reason, read_models.StatusReason)
    assert all(isinstance(m, read_models.Member) for m in detail.members)
    assert set(detail.sources) == {"for", "uncommitted", "against"}
    assert isinstance(models["profile"].record, read_models.RecordView)
    assert all(isinstance(c, read_models.StoryClaim) for c in models["story"].claims)


def test_read_models_figures_say_approximate_as_a_bool(story_db):
    with Ledger(story_db, embedder=no_embedder) as ledger:
        figures = [q for c in queries.list_claims(ledger) for q in queries.claim_detail(ledger, c.id).quantities]
    assert figures and all(type(q.approximate) is bool for q in figures)


def test_read_models_claim_summary_keys_lead_the_claim_detail_keys():
    """A claim's detail starts with the same keys, in the same order, as its row in the list."""
    summary = [f.name for f in dataclasses.fields(read_models.ClaimSummary)]
    detail = [f.name for f in dataclasses.fields(read_models.ClaimDetail)]
    assert detail[:len(summary)] == summary


def test_read_models_export_record_extends_the_claim_summary():
    from claimwatch.export.records import ClaimRecord

    assert issubclass(ClaimRecord, read_models.ClaimSummary)


def test_read_models_as_data_keeps_field_order_and_makes_lists():
    hit = read_models.SearchHit(source="Harbour officials", stance="asserts", cue="said",
                                content="the ferry left late", outlet=None, published=None, title=None, article="a1")
    data = read_models.as_data([hit])
    assert list(data[0]) == [f.name for f in dataclasses.fields(read_models.SearchHit)]
    record = read_models.RecordCount(count=2, claims=(4, 7))
    assert read_models.as_data({"x": record}) == {"x": {"count": 2, "claims": [4, 7]}}


def _cli(db, *args):
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("kind", ["claim", "claims", "actor", "stories", "search"])
def test_read_models_cli_json_equals_api_json(story_db, kind):
    client = TestClient(create_app(story_db, embedder=no_embedder))
    claim_id = json.loads(_cli(story_db, "claims"))[0]["id"]
    actor = json.loads(_cli(story_db, "actors"))[0]["name"]
    cli_args, path = {"claim": (("claim", str(claim_id)), f"/api/claims/{claim_id}"),
                      "claims": (("claims",), "/api/claims"),
                      "actor": (("actor", actor), f"/api/actors/{actor}"),
                      "stories": (("stories",), "/api/stories"),
                      "search": (("search", "troops", "--limit", "50"), "/api/search?q=troops")}[kind]
    from_cli = json.loads(_cli(story_db, *cli_args))
    from_api = client.get(path).json()
    assert json.dumps(from_cli) == json.dumps(from_api)  # same values, same key order


def test_read_models_web_schemas_module_is_gone():
    import importlib.util

    assert importlib.util.find_spec("claimwatch.web.schemas") is None


def test_read_models_openapi_documents_the_dataclasses(story_db):
    client = TestClient(create_app(story_db, embedder=no_embedder))
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert [*schemas["ClaimSummary"]["properties"]] == [f.name for f in dataclasses.fields(read_models.ClaimSummary)]
    assert "for" in schemas["Sources"]["properties"]
    assert {"ClaimDetail", "StorySummary", "ActorProfile", "ArticleDetail", "SearchHit"} <= set(schemas)
