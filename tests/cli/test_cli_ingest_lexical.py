"""`claimwatch ingest --lexical`: bulk runs match claims and stories without the embedding model."""
import json

from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.ledger import Ledger, embeddings

ARTICLES = [
    {"id": "a1", "title": "Port closed", "text": "The harbour authority said on Monday that the port of Valmera "
     "would stay closed for a week after the storm damaged two cranes."},
    {"id": "a2", "title": "Port reopening", "text": "Port officials told reporters that the port of Valmera would "
     "stay closed for a week, but the mayor said shipping could resume sooner."},
]


def test_cli_ingest_lexical_never_loads_the_embedding_model(tmp_path, monkeypatch):
    def refuse():
        raise AssertionError("the embedding model was asked for")

    monkeypatch.setattr(embeddings, "get_embedder", refuse)
    source = tmp_path / "day.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = tmp_path / "day.db"
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(db), "--lexical", "--format", "json"])
    assert result.exit_code == 0, result.output
    added = json.loads(result.output)["added"]
    assert len(added) == 2
    with Ledger(db, embedder=lambda: None) as ledger:
        assert all(ledger.has_article(a) for a in added)


def test_cli_ingest_without_lexical_asks_for_the_embedding_model(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(embeddings, "get_embedder", lambda: asked.append(1))  # None: lexical after asking
    source = tmp_path / "day.jsonl"
    source.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(tmp_path / "d.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert asked
