"""One ingest run: read the inputs, analyse what the ledger does not hold yet, store it, and report.

:func:`run_ingest` is the whole run as the CLI does it (engine, ledger, watch check) and
:func:`ingest_article` one uploaded article as the web form does it; both return an
:class:`IngestOutcome` that the caller only renders. Articles already in the ledger are recognised by content hash *before* analysis, so re-running an
ingest over the same folder costs no parsing. One article that the extractor fails on becomes a
Skipped; the rest of the run goes on.
"""
from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Optional, Sequence

from claimwatch.ingest.sources import Skipped, iter_sources
from claimwatch.ledger.store import Ledger
from claimwatch.model import Analysis, Article, content_hash
from claimwatch.nlp.batches import Analyzer, analyse_batch, label as _label

if TYPE_CHECKING:
    from claimwatch.watch.hooks import WatchRun

log = logging.getLogger("claimwatch.ingest")

# The analyse step as a whole: batches of fresh articles in, one list of results per batch out, in
# input order. The default runs ``analyse_batch`` on each batch in turn; an engine that farms batches
# out (``claimwatch.scale``) may work ahead of the writer while the results still arrive in order.
BatchAnalyzer = Callable[[Iterable[list[Article]]], Iterable[list["Analysis | Skipped"]]]
BATCH_SIZE = 16
# Longest text the parser accepts (spaCy's default ``nlp.max_length``): longer ones are skipped unread.
MAX_ANALYSIS_CHARS = 1_000_000
# Seconds one article may take to analyse before it is skipped, so one pathological text
# (a 100 kB sentence with no full stop) cannot stall an ingest run; None or 0 turns the limit off.
TIME_LIMIT_S = 120.0


@dataclass(frozen=True)
class IngestReport:
    """What one run did, for the end-of-run summary and ``--format json``."""

    added: tuple[str, ...]  # ids of articles newly stored
    near_duplicates: tuple[str, ...]  # ids among ``added`` stored as copies of an earlier article
    already_stored: int  # articles the ledger held before this run
    duplicates: int  # exact repeats within this run's inputs
    skipped: tuple[Skipped, ...]
    syndicated: tuple[str, ...] = ()  # ids among ``added`` that relay a wire agency ("citing Reuters")

    def summary(self) -> str:
        return (f"{len(self.added)} ingested ({len(self.near_duplicates)} near-duplicate"
                + (f", {len(self.syndicated)} syndicated" if self.syndicated else "")
                + f"), {self.already_stored} already in the ledger, {self.duplicates} duplicate, "
                f"{len(self.skipped)} skipped")

    def to_dict(self) -> dict:
        return {"added": list(self.added), "near_duplicates": list(self.near_duplicates),
                "syndicated": list(self.syndicated),
                "already_stored": self.already_stored, "duplicates": self.duplicates,
                "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped]}


def _default_analyzer(articles: Sequence[Article]) -> Iterable[Analysis]:
    from claimwatch.nlp.pipeline import analyze_many

    return analyze_many(articles)


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    batch: list[Article | Skipped] = []
    for item in items:
        batch.append(item)
        if sum(isinstance(i, Article) for i in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _too_long(article: Article) -> Optional[Skipped]:
    if len(article.text) <= MAX_ANALYSIS_CHARS:
        return None
    return Skipped(_label(article), f"too long to analyse ({len(article.text):,} characters, over the "
                                    f"{MAX_ANALYSIS_CHARS:,}-character limit); split it into separate articles")


def _store(ledger: Ledger, result: Analysis, added: list[str], near: list[str], syndicated: list[str]) -> bool:
    """Store one analysed article and note what kind of copy it is; False when the ledger held it."""
    if not ledger.add_analysis(result):
        return False
    added.append(result.article.id)
    record = ledger.article_record(result.article.id)
    if record.near_duplicate_of:
        near.append(result.article.id)
    if record.wire_source:
        syndicated.append(result.article.id)
    return True


def ingest_into(ledger: Ledger, inputs: Sequence[str], fetch_urls: bool = True,
                analyze: Optional[Analyzer] = None, batch_size: int = BATCH_SIZE,
                progress: Optional[Callable[[Article | Skipped], None]] = None,
                stdin: Optional[BinaryIO] = None, time_limit: Optional[float] = TIME_LIMIT_S,
                analyze_batches: Optional[BatchAnalyzer] = None) -> IngestReport:
    """Read ``inputs``, analyse the articles the ledger lacks, store them; ``progress`` sees each item.

    An article over ``MAX_ANALYSIS_CHARS`` or taking longer than ``time_limit`` seconds is skipped.
    ``analyze_batches`` replaces the whole analyse step (e.g. a Dask engine); storing stays here, in
    this process, in input order.
    """
    analyze = analyze or _default_analyzer
    seen: set[str] = set()
    added: list[str] = []
    near: list[str] = []
    syndicated: list[str] = []
    skipped: list[Skipped] = []
    counts = {"already": 0, "duplicates": 0}

    def fresh_batches() -> Iterator[list[Article]]:
        for batch in _batches(iter_sources(inputs, fetch_urls=fetch_urls, stdin=stdin), batch_size):
            fresh: list[Article] = []
            for item in batch:
                if progress:
                    progress(item)
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                digest = content_hash(item.text)
                if digest in seen:
                    counts["duplicates"] += 1
                elif ledger.has_content(digest) or ledger.has_article(item.id):
                    counts["already"] += 1
                elif (too_long := _too_long(item)) is not None:
                    skipped.append(too_long)
                else:
                    fresh.append(item)
                seen.add(digest)
            if fresh:
                yield fresh

    def one_by_one(batches: Iterable[list[Article]]) -> Iterator[list[Analysis | Skipped]]:
        for fresh in batches:  # lazily: each batch is stored before the next one is read
            yield list(analyse_batch(fresh, analyze, time_limit))

    step = analyze_batches or one_by_one
    for results in step(fresh_batches()):
        for result in results:
            if isinstance(result, Skipped):
                skipped.append(result)
            elif not _store(ledger, result, added, near, syndicated):
                counts["already"] += 1
    return IngestReport(added=tuple(added), near_duplicates=tuple(near), already_stored=counts["already"],
                        duplicates=counts["duplicates"], skipped=tuple(skipped), syndicated=tuple(syndicated))


@dataclass(frozen=True)
class IngestOutcome:
    """An ingest and what followed it: the run's report and the alerts the watch check raised."""

    report: IngestReport
    alerts: "WatchRun"

    @property
    def read_anything(self) -> bool:
        """False when no input gave an article, new or already stored (the CLI's exit code 2)."""
        return bool(self.report.added or self.report.already_stored or self.report.duplicates)

    def to_dict(self) -> dict:
        return dict(self.report.to_dict(), alerts=self.alerts.to_dict())


def _fast_analyzer(articles: Sequence[Article]) -> Iterable[Analysis]:
    """``fast=True``: analyse with the cue pre-pass (claimwatch.nlp.prepass)."""
    from claimwatch.nlp.pipeline import analyze_many

    return analyze_many(articles, fast=True)


def run_ingest(db: str, inputs: Sequence[str], *, fetch_urls: bool = True, engine: str = "local",
               scheduler: Optional[str] = None, fast: bool = False, lexical: bool = False,
               progress: Optional[Callable[[Article | Skipped], None]] = None,
               stdin: Optional[BinaryIO] = None) -> IngestOutcome:
    """Ingest ``inputs`` into the ledger file ``db``, then check the watches.

    ``engine="dask"`` analyses on Dask workers (a local cluster, or ``scheduler``), which also embed
    the claims so the one writer here does not have to; ``lexical`` matches claims by their words
    only; ``fast`` parses only the sentences the cue pre-pass keeps. The watch check never fails
    the run (:func:`claimwatch.watch.hooks.check_after_ingest`); the webhook it starts is still
    under way when this returns (``outcome.alerts.finish()`` gives it its bounded wait).
    """
    from claimwatch.errors import InputError
    from claimwatch.watch.hooks import check_after_ingest

    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}; use local or dask")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    vectors = None
    runner: Any = nullcontext()
    options: dict[str, Any] = {}
    if engine == "dask":
        from claimwatch.ledger.vector_memo import VectorMemo
        from claimwatch.scale.dask_engine import TASK_ARTICLES, DaskEngine

        vectors = None if lexical else VectorMemo()  # the workers embed, so the one writer does not have to
        runner = DaskEngine(scheduler=scheduler, fast=fast, vectors=vectors)
        options = {"analyze_batches": runner.analyze_batches, "batch_size": TASK_ARTICLES}
    with runner, Ledger(db, embedder=(lambda: None) if lexical else vectors) as ledger:
        report = ingest_into(ledger, list(inputs), fetch_urls=fetch_urls, progress=progress, stdin=stdin,
                             analyze=_fast_analyzer if fast else None, **options)
        alerts = check_after_ingest(ledger)
    return IngestOutcome(report, alerts)


def ingest_article(ledger: Ledger, article: Article,
                   analyze: Callable[[Article], Analysis]) -> IngestOutcome:
    """Store one article (the web form's upload), then check the watches; never waits for the webhook
    (its thread records the delivery in the ledger file itself). An article the ledger holds is not
    analysed again; an analysis failure propagates and leaves the ledger unchanged."""
    from claimwatch.watch.hooks import WatchRun, check_after_ingest

    if ledger.has_article(article.id):
        return IngestOutcome(IngestReport(added=(), near_duplicates=(), already_stored=1, duplicates=0,
                                          skipped=()), WatchRun())
    if not ledger.add_analysis(analyze(article)):
        return IngestOutcome(IngestReport(added=(), near_duplicates=(), already_stored=1, duplicates=0,
                                          skipped=()), WatchRun())
    record = ledger.article_record(article.id)
    report = IngestReport(added=(article.id,), already_stored=0, duplicates=0, skipped=(),
                          near_duplicates=(article.id,) if record.near_duplicate_of else (),
                          syndicated=(article.id,) if record.wire_source else ())
    alerts = check_after_ingest(ledger)
    if alerts.failure:
        log.warning("watches not checked after the web ingest: %s", alerts.failure)
    elif alerts.alerts:
        log.info("%s", alerts.summary())
    return IngestOutcome(report, alerts)
