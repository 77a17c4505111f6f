"""Extraction on Dask workers, storing in the client: ``claimwatch ingest --engine dask``.

The client reads and filters the inputs as in a local run, sends batches of fresh articles to the
workers and keeps a bounded number of batches in flight; each worker loads the spaCy model once (a
worker plugin, so the load happens when the worker joins, not inside the first task) and answers
with the analyses themselves, their article text blanked (the client holds it: no need to send it
back). The client puts its own text back with one ``dataclasses.replace`` per article (unpickling and
that cost the client about half of unpickling ``to_dict`` records and ``Analysis.from_dict``: ~0.15
instead of ~0.3 ms per article) and hands the analyses back in input order, so the single writer
stores exactly what a one-process run would store. A local cluster runs with its housekeeping slowed
(``QUIET_LOCAL_CLUSTER``): the main process shares the 2 cores with the workers.

With ``memory_zone`` each task parses inside a spaCy memory zone (:mod:`claimwatch.scale.memory`):
the strings a batch adds to the vocabulary are freed when it ends, so a worker's vocabulary stays flat
over a long run. Off by default: on the scaling corpus it cost 5-10 % more worker CPU per article and
gave no RSS gain over 2,500 articles (the vocabulary grows by ~12 strings per article without it).

Without ``scheduler`` a ``LocalCluster`` on 127.0.0.1 is started (worker processes, one thread
each, no dashboard); with it, the client joins that cluster, whose workers must have claimwatch and
its model installed. Entry points that start a LocalCluster must sit under ``if __name__ ==
"__main__"``: worker processes are spawned and re-import the main module.
"""
from __future__ import annotations

from collections import deque
from contextlib import nullcontext
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from claimwatch.errors import InputError
from claimwatch.ingest.sources import Skipped
from claimwatch.model import Analysis, Article

if TYPE_CHECKING:
    from claimwatch.ledger.vector_memo import VectorMemo

DEFAULT_WORKERS = 2
THREADS_PER_WORKER = 1
TASK_ARTICLES = 32  # articles per task: one spaCy batch on the worker (16 parsed ~10 % slower per article)
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread: enough to hide the round trip, bounded memory
# A local cluster's housekeeping, slowed down: by default an idle 2-worker cluster costs ~90 ms of CPU
# per second (the main process, which hosts the scheduler, ~38; each worker ~26), taken from the same
# 2 cores as the parsing; with these ~13 (7 + 3 + 3). No dashboard reads the profiles, stealing has
# nothing to move (only a few batches are ever in flight), a 1 s event-loop tick still reports blocked
# loops, and a worker's memory, checked every second, still cannot run away unseen.
# The nanny also spawns workers with MALLOC_TRIM_THRESHOLD_=65536; setting any such variable turns off
# glibc's adaptive mmap threshold, so every large numpy buffer of the parser was mmapped, page-faulted
# in and unmapped again: ~3,100 page faults per article, 12 % of a worker's CPU in the kernel. Without
# it (None drops the variable) a worker ran the same articles 18 % faster (24.2 -> 28.6 articles/s on
# 2 workers, 1,200 articles, --fast); the price is that freed memory goes back to the OS less eagerly.
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,  # the statistical profiler samples a busy worker every 10 ms
    "distributed.admin.tick.interval": "1s",  # 20 ms by default
    "distributed.admin.system-monitor.interval": "5s",  # 500 ms by default
    "distributed.worker.memory.monitor-interval": "1s",  # 100 ms by default
    "distributed.scheduler.work-stealing": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # Dask's default: 65536
}


def dask_available() -> bool:
    """True when ``dask.distributed`` can be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def analyse_on_worker(articles: Sequence[Article], time_limit: Optional[float] = None,
                      fast: bool = False, memory_zone: bool = False) -> list[Analysis | Skipped]:
    """Worker-side task: analyse one batch (one-by-one retry on failure), in a spaCy memory zone if asked.

    Each result is the Analysis with its article text blanked (see :func:`from_record`) or a Skipped.
    The per-article time limit needs SIGALRM in the main thread, which a Dask worker's task thread is
    not, so on workers it does not apply. ``fast`` runs the cue pre-pass (``--fast``).
    """
    return [_blank(r) for r in _analyse(articles, time_limit, fast, memory_zone)]


def analyse_and_embed_on_worker(articles: Sequence[Article], time_limit: Optional[float] = None, fast: bool = False,
                                memory_zone: bool = False) -> tuple[list[Analysis | Skipped], list[Optional[dict]]]:
    """Worker-side task: :func:`analyse_on_worker`, plus the sentence vectors the ledger writer would
    compute for each analysis (``ledger.vector_memo``; None for a Skipped or without the model here)."""
    from claimwatch.ledger.vector_memo import vectors_record, worker_embedder

    results = _analyse(articles, time_limit, fast, memory_zone)
    model = worker_embedder()
    vectors = [None if model is None or isinstance(r, Skipped) else vectors_record(r, model) for r in results]
    return [_blank(r) for r in results], vectors


def _analyse(articles: Sequence[Article], time_limit: Optional[float], fast: bool,
             memory_zone: bool) -> list[Analysis | Skipped]:
    from claimwatch.nlp.batches import analyse_batch
    from claimwatch.nlp.pipeline import analyze_many, load_nlp
    from claimwatch.scale.memory import vocabulary_zone

    nlp = load_nlp()  # cached per process: the plugin already loaded it

    def analyze(batch: Sequence[Article]) -> Iterable[Analysis]:
        return analyze_many(batch, nlp=nlp, batch_size=max(1, len(batch)), fast=fast)

    with vocabulary_zone(nlp) if memory_zone else nullcontext():
        return list(analyse_batch(list(articles), analyze, time_limit))


def _blank(result: Analysis | Skipped) -> Analysis | Skipped:
    """The result without its article text, which the client already holds."""
    return result if isinstance(result, Skipped) else replace(result, article=replace(result.article, text=""))


def from_record(record: Analysis | Skipped, article: Article) -> Analysis | Skipped:
    """A worker's result as a local run yields it: the client's own article text put back."""
    if isinstance(record, Skipped):
        return record
    return replace(record, article=replace(record.article, text=article.text))


class DaskEngine:
    """A Dask client (and, without a scheduler address, its LocalCluster); use as a context manager."""

    def __init__(self, scheduler: Optional[str] = None, n_workers: int = DEFAULT_WORKERS,
                 threads_per_worker: int = THREADS_PER_WORKER, in_flight: Optional[int] = None,
                 time_limit: Optional[float] = None, fast: bool = False, memory_zone: bool = False,
                 vectors: Optional[VectorMemo] = None) -> None:
        if not dask_available():
            raise InputError("the Dask engine needs dask[distributed]: pip install 'dask[distributed]'")
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.in_flight = in_flight
        self.time_limit = time_limit
        self.fast = fast
        self.memory_zone = memory_zone
        self.vectors = vectors  # when given, workers also embed for the writer, and the vectors go here
        self._cluster = None
        self._client = None

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> "DaskEngine":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        from distributed import Client, LocalCluster

        from claimwatch.scale.plugin import PreloadModel

        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout="30s")
            else:
                import dask

                with dask.config.set(QUIET_LOCAL_CLUSTER):  # read when the servers start; workers inherit it
                    self._cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=self.threads_per_worker,
                                                 processes=True, host="127.0.0.1", dashboard_address=None)
                    self._client = Client(self._cluster)
            self._client.register_plugin(PreloadModel())
        except OSError as exc:
            self.close()
            raise InputError(f"cannot reach the Dask scheduler {self.scheduler or '(local)'}: {exc}") from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def threads(self) -> int:
        """Worker threads the cluster has now (at least 1)."""
        if self._client is None:
            return self.n_workers * self.threads_per_worker
        info = self._client.scheduler_info().get("workers", {})
        return max(1, sum(w.get("nthreads", 1) for w in info.values()))

    # -- analysing -------------------------------------------------------------------------------
    def analyze_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[Analysis | Skipped]]:
        """The analyse step for ``ingest_into(analyze_batches=...)``: results per batch, in input order.

        A batch whose task fails outright (a worker died) becomes one Skipped per article.
        """
        if self._client is None:
            self.start()
        client = self._client
        limit = self.in_flight or IN_FLIGHT_PER_THREAD * self.threads
        pending: deque = deque()
        task = analyse_on_worker if self.vectors is None else analyse_and_embed_on_worker
        for batch in batches:
            pending.append((batch, client.submit(task, batch, self.time_limit, self.fast, self.memory_zone, pure=False)))
            while len(pending) >= limit:
                yield _collect(*pending.popleft(), vectors=self.vectors)
        while pending:
            yield _collect(*pending.popleft(), vectors=self.vectors)

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis | Skipped]:
        """Every article's Analysis (or Skipped), in input order: partitions of ``batch_size`` per task."""
        for results in self.analyze_batches(_chunks(articles, batch_size)):
            yield from results


def _collect(batch: list[Article], future, vectors: Optional[VectorMemo] = None) -> list[Analysis | Skipped]:
    try:
        records = future.result()
        if vectors is not None:
            records, sent = records
            for record in sent:
                if record is not None:
                    vectors.remember(record)
    except Exception as exc:  # noqa: BLE001 - a lost worker must not end the run
        return [Skipped(a.path or a.url or a.id, f"analysis failed on a Dask worker ({type(exc).__name__}: {exc})")
                for a in batch]
    finally:
        future.release()
    return [from_record(r, a) for r, a in zip(records, batch)]


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
