"""Extraction on Dask workers, storing in the client: ``claimwatch ingest --engine dask``.

The client reads and filters the inputs as in a local run, sends batches of fresh articles to the
workers and keeps a bounded number of batches in flight; each worker loads the spaCy model once (a
worker plugin, so the load happens when the worker joins, not inside the first task) and answers
with ``Analysis.to_dict(include_text=False)`` records. The client rebuilds the analyses with the text
it already holds and hands them back in input order, so the single writer stores exactly what a
one-process run would store.

Without ``scheduler`` a ``LocalCluster`` on 127.0.0.1 is started (worker processes, one thread
each, no dashboard); with it, the client joins that cluster, whose workers must have claimwatch and
its model installed. Entry points that start a LocalCluster must sit under ``if __name__ ==
"__main__"``: worker processes are spawned and re-import the main module.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator, Optional, Sequence

from claimwatch.errors import InputError
from claimwatch.ingest.sources import Skipped
from claimwatch.model import Analysis, Article

DEFAULT_WORKERS = 2
THREADS_PER_WORKER = 1
TASK_ARTICLES = 32  # articles per task: one spaCy batch on the worker (16 parsed ~10 % slower per article)
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread: enough to hide the round trip, bounded memory


def dask_available() -> bool:
    """True when ``dask.distributed`` can be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def analyse_on_worker(articles: Sequence[Article], time_limit: Optional[float] = None,
                      fast: bool = False) -> list[dict[str, Any]]:
    """Worker-side task: analyse one batch (one-by-one retry on failure) and return plain records.

    Each record is ``{"analysis": Analysis.to_dict(include_text=False)}`` or ``{"skipped": [source,
    reason]}``. The per-article time limit needs SIGALRM in the main thread, which a Dask worker's task
    thread is not, so on workers it does not apply. ``fast`` runs the cue pre-pass (``--fast``).
    """
    from claimwatch.ledger.ingest import analyse_batch
    from claimwatch.nlp.pipeline import analyze_many, load_nlp

    nlp = load_nlp()  # cached per process: the plugin already loaded it

    def analyze(batch: Sequence[Article]) -> Iterable[Analysis]:
        return analyze_many(batch, nlp=nlp, batch_size=max(1, len(batch)), fast=fast)

    out: list[dict[str, Any]] = []
    for result in analyse_batch(list(articles), analyze, time_limit):
        if isinstance(result, Skipped):
            out.append({"skipped": [result.source, result.reason]})
        else:
            out.append({"analysis": result.to_dict(include_text=False)})
    return out


def from_record(record: dict[str, Any], article: Article) -> Analysis | Skipped:
    """Rebuild a worker's record into what a local run yields, with the client's own article text."""
    if "skipped" in record:
        source, reason = record["skipped"]
        return Skipped(source, reason)
    return Analysis.from_dict(record["analysis"], text=article.text)


class DaskEngine:
    """A Dask client (and, without a scheduler address, its LocalCluster); use as a context manager."""

    def __init__(self, scheduler: Optional[str] = None, n_workers: int = DEFAULT_WORKERS,
                 threads_per_worker: int = THREADS_PER_WORKER, in_flight: Optional[int] = None,
                 time_limit: Optional[float] = None, fast: bool = False) -> None:
        if not dask_available():
            raise InputError("the Dask engine needs dask[distributed]: pip install 'dask[distributed]'")
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.in_flight = in_flight
        self.time_limit = time_limit
        self.fast = fast
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
        for batch in batches:
            pending.append((batch, client.submit(analyse_on_worker, batch, self.time_limit, self.fast, pure=False)))
            while len(pending) >= limit:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis | Skipped]:
        """Every article's Analysis (or Skipped), in input order: partitions of ``batch_size`` per task."""
        for results in self.analyze_batches(_chunks(articles, batch_size)):
            yield from results


def _collect(batch: list[Article], future) -> list[Analysis | Skipped]:
    try:
        records = future.result()
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
