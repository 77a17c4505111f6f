"""The Dask engine: worker records rebuild into the same analyses, and a Dask ingest stores the same ledger.

The end-to-end test starts a 2-worker LocalCluster on 127.0.0.1 (no network) and ingests the bundled
story plus short dispatches written for this test, once in-process and once through
``claimwatch ingest --engine dask``; the two ledgers must hold the same rows.
"""
from __future__ import annotations

import json
import pickle
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimwatch.cli import cli
from claimwatch.ingest.sources import Skipped
from claimwatch.ledger import Ledger
from claimwatch.ledger import embeddings as emb
from claimwatch.ledger.vector_memo import VectorMemo, texts_to_embed, vectors_record
from claimwatch.model import Analysis, Article
from claimwatch.nlp.pipeline import analyze_many
from claimwatch.scale.dask_engine import (_collect, analyse_and_embed_on_worker, analyse_on_worker, dask_available,
                                          from_record)
from claimwatch.scale.snapshot import ledger_snapshot

STORY = Path(str(resources.files("claimwatch") / "data" / "story" / "north-korea-troops.jsonl"))

# Short dispatches written for this test: two running stories (a port strike, a disputed election
# count) told by several outlets over a week, so claims recur across articles and change status.
DISPATCHES = [
    ("2025-03-03", "Harbour Times", "Dockworkers at the port of Valmera walked out on Monday, the union said, "
     "after talks over night-shift pay collapsed. The port operator said the strike was illegal and that "
     "cargo handling would resume within hours."),
    ("2025-03-03", "Coastal Wire", "The port operator in Valmera denied that any ships had been turned away, "
     "calling reports of a backlog \u201cinvented\u201d. A union spokesman said at least 14 vessels were "
     "waiting at anchor outside the harbour."),
    ("2025-03-04", "Daily Meridian", "Shipping agents told reporters that about 20 vessels were now waiting to "
     "unload in Valmera. The transport ministry said it could not confirm the figure."),
    ("2025-03-05", "Harbour Times", "The transport minister said on Wednesday that the strike had cost the "
     "economy more than 30 million euros. The union disputed the estimate, saying the ministry had counted "
     "cargo that was never due this week."),
    ("2025-03-06", "Coastal Wire", "The port operator admitted on Thursday that several container ships had "
     "been diverted to a rival port, reversing its earlier denial. Union leaders said the admission proved "
     "their point."),
    ("2025-03-07", "Evening Ledger", "Mediators said the two sides had agreed to resume talks on Monday. "
     "Neither the union nor the port operator commented on the terms."),
    ("2025-04-10", "Evening Ledger", "Opposition leader Mara Ostend claimed that thousands of ballots in the "
     "northern district had been counted twice. The electoral commission rejected the claim, saying every "
     "ballot had been checked by two officials."),
    ("2025-04-11", "Daily Meridian", "Independent observers said they had found no evidence of double "
     "counting in the northern district. Ostend insisted that her party's monitors had filmed the count."),
    ("2025-04-12", "Harbour Times", "The electoral commission said it would recount ballots from four polling "
     "stations after a complaint by the opposition. A commission spokeswoman said the recount was routine."),
    ("2025-04-14", "Coastal Wire", "According to the recount, the totals in the four polling stations changed "
     "by fewer than 200 votes, the commission said. Ostend said the result showed that the count could not "
     "be trusted."),
    ("2025-04-15", "Evening Ledger", "Election monitors from the regional observer mission said the vote had "
     "been broadly fair, although they noted delays at several polling stations."),
    ("2025-04-15", "Daily Meridian", "The interior ministry said police had detained two people suspected of "
     "tampering with ballot boxes. Their lawyer denied the accusation and said they had been volunteers."),
]


def _jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for n, (day, outlet, text) in enumerate(DISPATCHES):
            fh.write(json.dumps({"published": f"{day}T09:00:00+00:00", "outlet": outlet, "text": text,
                                 "title": text.split(",")[0][:60], "url": f"https://example.org/dispatch/{n}"}) + "\n")
        day, outlet, text = DISPATCHES[0]  # an exact repeat: counted as a duplicate by both paths
        fh.write(json.dumps({"published": f"{day}T10:00:00+00:00", "outlet": "Another Desk", "text": text}) + "\n")
    return path


class _DoneFuture:
    """A Dask future whose task has finished."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value

    def release(self) -> None:
        pass


class _FailedFuture:
    """A Dask future whose worker died: result() raises."""

    def result(self):
        raise RuntimeError("worker lost")

    def release(self) -> None:
        pass


def test_scale_worker_result_comes_back_without_text_and_rebuilds_the_same_analysis(nlp):
    article = Article(text=DISPATCHES[1][2], id="d1")
    (result,) = pickle.loads(pickle.dumps(analyse_on_worker([article])))  # as Dask ships it
    assert result.article.text == ""  # the text stays in the client
    assert from_record(result, article) == next(analyze_many([article], nlp=nlp))


@pytest.mark.skipif(emb.model_files() is None, reason="the sentence-embedding model is not installed")
def test_scale_worker_embeds_what_the_writer_would_and_the_client_keeps_the_vectors(nlp):
    articles = [Article(text=DISPATCHES[n][2], title=DISPATCHES[n][1], id=f"d{n}") for n in (1, 6)]
    shipped = pickle.loads(pickle.dumps(analyse_and_embed_on_worker(articles)))  # as Dask ships it
    results, sent = shipped
    assert all(r.article.text == "" for r in results)
    local = list(analyze_many(articles, nlp=nlp))
    assert sent == [vectors_record(a, emb.get_embedder()) for a in local]
    memo = VectorMemo(fallback=lambda: None)  # a text without a vector would raise
    rebuilt = _collect(articles, _DoneFuture(shipped), vectors=memo)
    assert rebuilt == local
    for analysis in local:  # everything the writer embeds for these articles is answered from the workers
        memo.embed(texts_to_embed(analysis))
    assert memo.embedded == 0 and memo.served == sum(len(texts_to_embed(a)) for a in local)


def test_scale_worker_skip_record_becomes_skipped():
    result = from_record(Skipped("wire/17.txt", "analysis failed (ValueError: bad)"), Article(text="x"))
    assert result == Skipped("wire/17.txt", "analysis failed (ValueError: bad)")


def test_scale_worker_batches_free_their_new_words_and_still_match_a_local_run(nlp):
    # invented names, so no earlier test has put them in the vocabulary: the second batch meets the
    # words the first one added (and the lemma cache kept) after that batch's memory zone freed them
    texts = ["Vorthaxian envoy Queltrim Dasparo said the zorbicles had closed the Ostravine pass.",
             "The zorbicles denied that the Ostravine pass was closed, Queltrim Dasparo's aides said.",
             "Dasparo insisted on Friday that Vorthaxian scouts had seen the zorbicles near Ostravine."]
    articles = [Article(text=t, id=f"v{i}") for i, t in enumerate(texts)]
    analyse_on_worker([Article(text="The mayor said the bridge would reopen on Friday.")], memory_zone=True)
    strings_before = len(nlp.vocab.strings)  # after the first zone: the matchers it built keep their strings
    rebuilt = []
    for batch in ([articles[0]], articles[1:]):
        results = analyse_on_worker(batch, memory_zone=True)
        assert len(nlp.vocab.strings) == strings_before  # nothing the batch added is kept
        rebuilt += [from_record(r, a) for r, a in zip(results, batch)]
    assert all(isinstance(a, Analysis) for a in rebuilt)
    assert rebuilt == list(analyze_many(articles, nlp=nlp))


def test_scale_lost_worker_skips_each_article_of_its_batch():
    batch = [Article(text="One.", id="a1", path="in/a1.txt"), Article(text="Two.", id="a2")]
    results = _collect(batch, _FailedFuture())
    assert [r.source for r in results] == ["in/a1.txt", "a2"]
    assert all(isinstance(r, Skipped) and "worker lost" in r.reason for r in results)


def test_scale_worker_task_analyses_a_batch_in_order(nlp):
    texts = ["The mayor said the bridge would reopen on Friday.",
             "Police denied that officers had used tear gas, a spokesman said."]
    records = analyse_on_worker([Article(text=t, id=f"t{i}") for i, t in enumerate(texts)])
    rebuilt = [from_record(r, Article(text=t)) for r, t in zip(records, texts)]
    assert [a.article.id for a in rebuilt] == ["t0", "t1"]
    assert all(isinstance(a, Analysis) and a.statements for a in rebuilt)


def test_scale_scheduler_needs_the_dask_engine(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(STORY), "--db", str(tmp_path / "x.db"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output


@pytest.mark.skipif(not dask_available(), reason="dask[distributed] is not installed")
def test_scale_dask_ingest_stores_the_same_ledger_as_one_process(tmp_path, nlp):
    inputs = [str(STORY), str(_jsonl(tmp_path / "dispatches.jsonl"))]
    runner = CliRunner()
    reports = {}
    for engine in ("local", "dask"):
        result = runner.invoke(cli, ["ingest", *inputs, "--db", str(tmp_path / f"{engine}.db"), "--engine", engine,
                                     "--format", "json", "--no-fetch"])
        assert result.exit_code == 0, result.output
        reports[engine] = json.loads(result.output)
    assert reports["dask"] == reports["local"]
    assert len(reports["local"]["added"]) == len(DISPATCHES) + 15 and reports["local"]["duplicates"] == 1
    with Ledger(tmp_path / "local.db") as local, Ledger(tmp_path / "dask.db") as dask:
        expected, got = ledger_snapshot(local), ledger_snapshot(dask)
    assert len(expected["statements"]) > 40 and len(expected["ledger_claims"]) > 20
    assert len({c["status"] for c in expected["ledger_claims"]}) > 1
    for table in expected:
        assert got[table] == expected[table], f"table {table} differs between the local and the Dask ingest"


def _worker_housekeeping() -> tuple:
    import os

    import dask

    return (dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.worker.memory.monitor-interval"),
            os.environ.get("MALLOC_TRIM_THRESHOLD_"))


@pytest.mark.skipif(not dask_available(), reason="dask[distributed] is not installed")
def test_scale_local_cluster_workers_run_quiet_and_answer_like_a_local_run(nlp):
    from claimwatch.scale.dask_engine import DaskEngine

    articles = [Article(text=text, id=f"d{n}") for n, (_, _, text) in enumerate(DISPATCHES[:3])]
    with DaskEngine(n_workers=1) as engine:
        # no MALLOC_TRIM_THRESHOLD_ (Dask sets 65536): glibc keeps its adaptive thresholds, see QUIET_LOCAL_CLUSTER
        assert set(engine._client.run(_worker_housekeeping).values()) == {(False, "1s", None)}
        got = list(engine.analyze_many(articles, batch_size=2))
    assert got == list(analyze_many(articles, nlp=nlp))
