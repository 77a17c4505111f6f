"""RSS and Atom feeds -> one Article per entry, via feedparser.

A feed is handed to feedparser as a stream only (never a URL, a file name or bare bytes, which it
would try to open as a path) so it cannot reach the network or other files. Problems with single entries come back as InputError values so the other entries go on.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from typing import Iterator, Optional

from claimwatch.errors import InputError
from claimwatch.ingest.html import ingestion_time, strip_html
from claimwatch.ingest.text import article_from_bytes
from claimwatch.model import Article, article_id

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF)[\s>]")


def looks_like_feed(data: bytes) -> bool:
    """True when the first element of an XML document is an RSS, Atom or RSS 1.0 (RDF) root."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    return bool(_FEED_ROOT.match(head))


_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _safe_charref(match: re.Match) -> bytes:
    """``&#xD800;`` (a surrogate) or a code point past U+10FFFF crashes feedparser's loose parser,
    losing the whole feed; such a reference becomes U+FFFD, the replacement character."""
    ref = match.group(1)
    value = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
    return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _field(value) -> str:
    """A feed field as text: feedparser gives None for some malformed fields, and keeps lone
    surrogates from character references like ``&#xD800;`` that no article text may hold."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else ""


def _entry_text(entry) -> str:
    """Longest of the entry's content blocks, else its summary; HTML stripped."""
    blocks = [_field(c.get("value")) for c in entry.get("content", ()) if _field(c.get("value"))]
    raw = max(blocks, key=len) if blocks else _field(entry.get("summary")) or _field(entry.get("description"))
    return strip_html(raw) if "<" in raw or "&" in raw else raw.strip()


def _entry_date(entry) -> Optional[str]:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()


def articles_from_feed(data: bytes, path: Optional[str] = None) -> Iterator[Article | InputError]:
    """Yield an Article per feed entry, or an InputError naming the entry that has no text.

    Raises InputError for a document that is not a readable feed (malformed with no entries).
    """
    import feedparser

    article_from_bytes(data, path=path)  # same size/binary/empty checks as every other input
    # A stream, not bytes: feedparser would try to open() bytes that look like a file name.
    feed = feedparser.parse(io.BytesIO(_CHARREF.sub(_safe_charref, data)))
    label = path or "feed"
    if not feed.entries:
        if feed.get("bozo"):
            raise InputError(f"{label}: malformed feed ({feed.get('bozo_exception')})")
        raise InputError(f"{label}: feed has no entries")
    outlet = strip_html(_field(feed.feed.get("title"))) or None
    for number, entry in enumerate(feed.entries, start=1):
        link = _field(entry.get("link")) or None
        try:
            yield _entry_article(entry, outlet, path) or InputError(
                f"entry {number} ({link or 'no link'}): feed entry has no text")
        except Exception as exc:  # noqa: BLE001 - one broken entry must not cost the others
            yield InputError(f"entry {number} ({link or 'no link'}): could not be read ({type(exc).__name__}: {exc})")


def _entry_article(entry, outlet: Optional[str], path: Optional[str]) -> Optional[Article]:
    """The entry as an Article, or None when it has no text."""
    text = _entry_text(entry)
    if not text:
        return None
    published = _entry_date(entry)
    return Article(
        text=text, id=article_id(text), title=strip_html(_field(entry.get("title"))) or None,
        url=_field(entry.get("link")) or None, outlet=outlet, published=published or ingestion_time(),
        published_is_fallback=published is None, path=path,
    )
