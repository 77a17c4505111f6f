"""One ingest run: read the inputs, analyse what the ledger does not hold yet, store it, and report.

Articles already in the ledger are recognised by content hash *before* analysis, so re-running an
ingest over the same folder costs no parsing. One article that the extractor fails on becomes a
Skipped; the rest of the run goes on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Sequence

from claimwatch.ingest.sources import Skipped, iter_sources
from claimwatch.ledger.dedupe import content_hash
from claimwatch.ledger.store import Ledger
from claimwatch.model import Analysis, Article

Analyzer = Callable[[Sequence[Article]], Iterable[Analysis]]
BATCH_SIZE = 16


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


def _analyse(articles: list[Article], analyze: Analyzer) -> Iterator[Analysis | Skipped]:
    """Analyse a batch; when it fails, retry one by one so only the failing article is skipped."""
    try:
        yield from list(analyze(articles))
        return
    except Exception:  # noqa: BLE001 - narrowed below, article by article
        pass
    for article in articles:
        try:
            yield from list(analyze([article]))
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
            yield Skipped(article.path or article.url or article.id, f"analysis failed ({type(exc).__name__}: {exc})")


def ingest_into(ledger: Ledger, inputs: Sequence[str], fetch_urls: bool = True,
                analyze: Optional[Analyzer] = None, batch_size: int = BATCH_SIZE,
                progress: Optional[Callable[[Article | Skipped], None]] = None,
                stdin: Optional[BinaryIO] = None) -> IngestReport:
    """Read ``inputs``, analyse the articles the ledger lacks, store them; ``progress`` sees each item."""
    analyze = analyze or _default_analyzer
    seen: set[str] = set()
    added: list[str] = []
    near: list[str] = []
    syndicated: list[str] = []
    skipped: list[Skipped] = []
    already = duplicates = 0
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
                duplicates += 1
            elif ledger.has_content(digest) or ledger.has_article(item.id):
                already += 1
            else:
                fresh.append(item)
            seen.add(digest)
        for result in _analyse(fresh, analyze) if fresh else ():
            if isinstance(result, Skipped):
                skipped.append(result)
            elif ledger.add_analysis(result):
                added.append(result.article.id)
                record = ledger.article_record(result.article.id)
                if record.near_duplicate_of:
                    near.append(result.article.id)
                if record.wire_source:
                    syndicated.append(result.article.id)
            else:
                already += 1
    return IngestReport(added=tuple(added), near_duplicates=tuple(near), already_stored=already,
                        duplicates=duplicates, skipped=tuple(skipped), syndicated=tuple(syndicated))
