"""Turn what the user named (files, folders, URLs, ``-``) into Articles; every problem becomes a Skipped.

``iter_sources`` streams (so a CLI can show progress); ``collect`` drops exact duplicates by content
hash and keeps the counts for the end-of-run summary.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Sequence
from urllib.parse import urlsplit

from claimwatch.errors import InputError
from claimwatch.ingest.feeds import articles_from_feed
from claimwatch.ingest.fetch import fetch_url, sniff_kind
from claimwatch.ingest.html import article_from_html, ingestion_time
from claimwatch.ingest.jsonl import articles_from_jsonl, articles_from_jsonl_file
from claimwatch.ingest.text import MAX_BYTES, STDIN_LABEL, article_from_bytes, read_capped, read_text_article
from claimwatch.model import Article, article_id, content_hash

STDIN = "-"
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_RECORD_PREFIX = re.compile(r"^(?:line \d+|entry \d+ \([^)]*\)): ")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


@dataclass(frozen=True)
class Skipped:
    """An input (or part of one) that produced no article, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IngestBatch:
    """The result of one ingest run: unique articles, what was skipped, how many duplicates dropped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    duplicates: int

    def summary(self) -> str:
        """One line for the end of a run, e.g. ``3 ingested, 1 duplicate, 2 skipped``."""
        dup = "duplicate" if self.duplicates == 1 else "duplicates"
        return f"{len(self.articles)} ingested, {self.duplicates} {dup}, {len(self.skipped)} skipped"

    def skip_reasons(self) -> Counter:
        """How many inputs were skipped for each reason, for the end-of-run report."""
        return Counter(_RECORD_PREFIX.sub("", s.reason) for s in self.skipped)


def _read_kind(kind: str, data: bytes, label: str, url: Optional[str] = None,
               charset: Optional[str] = None) -> Iterator[Article | Skipped]:
    """Run the reader for ``kind`` over bytes; readers' per-record errors become Skipped."""
    path = None if label == STDIN_LABEL or url else label
    if kind == "html":
        yield article_from_html(data, path=path, url=url, charset=charset)
    elif kind == "text":
        article = article_from_bytes(data, path=path)
        yield article if url is None else _with_url(article, url)
    elif kind in ("feed", "jsonl"):
        reader: Callable = articles_from_feed if kind == "feed" else articles_from_jsonl
        for item in reader(data, path=path):
            yield Skipped(label, str(item)) if isinstance(item, InputError) else item
    else:  # pragma: no cover - EXTENSIONS and sniff_kind only produce the kinds above
        raise InputError(f"{label}: no reader for {kind}")


def _with_url(article: Article, url: str) -> Article:
    return replace(article, url=url)


def _read_file(path: Path, kind: Optional[str]) -> Iterator[Article | Skipped]:
    label = str(path)
    if kind == "text":
        yield read_text_article(label)
        return
    if kind == "jsonl" and path.is_file() and path.stat().st_size > MAX_BYTES:  # a day in one file: line by line
        for item in articles_from_jsonl_file(path):
            yield Skipped(label, str(item)) if isinstance(item, InputError) else item
        return
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{label}: file is {size} bytes, over the {MAX_BYTES}-byte limit")
    data = read_capped(path)  # devices and pipes report size 0: the read is capped too
    yield from _read_kind(kind or sniff_kind(data, name=path.name), data, label)


def _walk(folder: Path) -> Iterator[Article | Skipped]:
    """Every non-hidden file under ``folder``, in sorted order; unknown extensions are skipped."""
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            if child.is_symlink():  # a link can point back up the tree; never loop
                yield Skipped(str(child), "symbolic link to a folder is not followed")
            else:
                yield from _guard(str(child), lambda c=child: _walk(c))
        elif child.is_file():
            kind = EXTENSIONS.get(child.suffix.lower())
            if kind is None:
                yield Skipped(str(child), f"unsupported file type '{child.suffix or child.name}'")
            else:
                yield from _guard(str(child), lambda c=child, k=kind: _read_file(c, k))
        else:  # a FIFO, socket or device would block or never end; a broken link has nothing behind it
            yield Skipped(str(child), _not_regular(child))


def _not_regular(path: Path) -> str:
    """Why a folder entry that is neither a file nor a folder is not read."""
    if path.is_symlink():
        return "symbolic link that is broken or loops; nothing to read"
    return "not a regular file (a pipe, socket or device); not read"


def _read_url(url: str, fetch_urls: bool) -> Iterator[Article | Skipped]:
    if not fetch_urls:
        yield Skipped(url, "URL fetching is disabled")
        return
    fetched = fetch_url(url)
    kind = sniff_kind(fetched.data, fetched.content_type, name=urlsplit(fetched.url).path)
    yield from _read_kind(kind, fetched.data, url, url=fetched.url, charset=fetched.charset)


def _read_stdin(stream: BinaryIO) -> Iterator[Article | Skipped]:
    data = stream.read(MAX_BYTES + 1)
    yield from _read_kind(sniff_kind(data), data, STDIN_LABEL)


def _guard(label: str, produce: Callable[[], Iterable[Article | Skipped]]) -> Iterator[Article | Skipped]:
    """Run one input's reader; any error it raises becomes a Skipped so the run goes on."""
    try:
        for item in produce():
            yield item if isinstance(item, Skipped) else _complete(item)
    except InputError as exc:
        yield Skipped(label, _without_label(str(exc), label))
    except OSError as exc:
        yield Skipped(label, f"cannot read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - third-party parsers must never end an ingest run
        yield Skipped(label, f"could not be read ({type(exc).__name__}: {exc})")


def _complete(article: Article) -> Article:
    """Every ingested article has an id and a published time (ingestion time, marked, when unknown)."""
    if not article.id:
        article = replace(article, id=article_id(article.text))
    if not article.published:
        article = replace(article, published=ingestion_time(), published_is_fallback=True)
    return article


def _without_label(reason: str, label: str) -> str:
    """Readers prefix messages with the path for the CLI; the Skipped record holds it separately."""
    for prefix in (f"{label}: ", f"{label} "):
        if reason.startswith(prefix):
            return reason[len(prefix):]
    return reason


def _dispatch(item: str, fetch_urls: bool, stdin: Optional[BinaryIO]) -> Iterator[Article | Skipped]:
    if item == STDIN:
        if stdin is None and (sys.stdin is None or sys.stdin.isatty()):
            raise InputError("'-' reads standard input, but nothing is piped in")
        return _read_stdin(stdin or sys.stdin.buffer)
    path = Path(item)
    if path.is_dir():
        return _walk(path)
    if path.exists():
        return _read_file(path, EXTENSIONS.get(path.suffix.lower()))
    if _URL.match(item):
        return _read_url(item, fetch_urls)
    raise InputError(f"{item}: no such file or directory")


def iter_sources(inputs: Sequence[str], fetch_urls: bool = True,
                 stdin: Optional[BinaryIO] = None) -> Iterator[Article | Skipped]:
    """Yield an Article or a Skipped for everything the inputs hold, in the order given; never raises
    for bad input. Folders are read recursively (sorted, hidden files skipped)."""
    for item in inputs:
        label = STDIN_LABEL if item == STDIN else item
        yield from _guard(label, lambda i=item: _dispatch(i, fetch_urls, stdin))


def collect(items: Iterable[Article | Skipped]) -> IngestBatch:
    """Keep the first article of each content hash (normalised text); count the rest as duplicates."""
    seen: set[str] = set()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    duplicates = 0
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        key = content_hash(item.text)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        articles.append(item)
    return IngestBatch(articles=tuple(articles), skipped=tuple(skipped), duplicates=duplicates)


def read_sources(inputs: Sequence[str], fetch_urls: bool = True, stdin: Optional[BinaryIO] = None) -> IngestBatch:
    """``collect(iter_sources(...))``: everything the inputs hold, deduplicated, with a summary."""
    return collect(iter_sources(inputs, fetch_urls=fetch_urls, stdin=stdin))
