"""Analysing a batch of articles so that one bad article costs only itself: a per-article time limit,
and a failed batch retried article by article, the failures becoming :class:`Skipped` with a reason.
Shared by the ledger's ingest run and the distributed engine."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Optional, Sequence

from claimwatch.ingest.sources import Skipped
from claimwatch.model import Analysis, Article

Analyzer = Callable[[Sequence[Article]], Iterable[Analysis]]


class AnalysisTimeout(Exception):
    """Analysis ran past the per-article time limit."""


@contextmanager
def _time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise AnalysisTimeout after ``seconds``; a no-op where SIGALRM is unavailable or taken
    (other threads, Windows, a caller's own alarm)."""
    usable = (seconds and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise AnalysisTimeout(f"analysis did not finish within {seconds:g} s")

    signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def label(article: Article) -> str:
    """How a skip names the article: its path, else its URL, else its id."""
    return article.path or article.url or article.id


def analyse_batch(articles: list[Article], analyze: Analyzer,
                  time_limit: Optional[float] = None) -> Iterator[Analysis | Skipped]:
    """Analyse a batch; when it fails, retry one by one so only the failing article is skipped.

    The batch gets ``time_limit`` per article in all; each retried article gets ``time_limit``.
    """
    try:
        with _time_limit(time_limit * len(articles) if time_limit else None):
            results = list(analyze(articles))
        yield from results
        return
    except Exception:  # noqa: BLE001 - narrowed below, article by article
        pass
    for article in articles:
        try:
            with _time_limit(time_limit):
                results = list(analyze([article]))
            yield from results
        except AnalysisTimeout as exc:
            yield Skipped(label(article), f"{exc}; skipped (a very long sentence?)")
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
            yield Skipped(label(article), f"analysis failed ({type(exc).__name__}: {exc})")
