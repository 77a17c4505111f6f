"""JSONL -> one Article per line (text, title, url, published, outlet).

A bad line comes back as an InputError naming its line number, so one broken record never costs the
rest of the file.
"""
from __future__ import annotations

import codecs
import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterator, Optional

from claimwatch.errors import InputError
from claimwatch.ingest.html import ingestion_time
from claimwatch.ingest.text import MAX_BYTES, article_from_bytes
from claimwatch.model import Article, article_id

OPTIONAL_FIELDS = ("title", "url", "published", "outlet")
_GZIP_MAGIC = b"\x1f\x8b"
# JSON may escape a lone surrogate ("\ud800"), which no text can be stored or hashed with; it becomes
# U+FFFD, one code point for one, so nothing else in the text moves.
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_date(value: str) -> str:
    """Normalise an ISO 8601 or RFC 2822 date to ISO 8601; ValueError when it is neither."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"'published' is not an ISO 8601 or RFC 2822 date: {value!r}") from None
    if len(value) == 10 and parsed.tzinfo is None and "-" in value:
        return parsed.date().isoformat()  # a bare date stays a date
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.isoformat()


def article_from_record(record: Any, path: Optional[str] = None) -> Article:
    """Build an Article from one decoded JSON record; ValueError says which field is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    record = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in record.items()}
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' is missing or empty")
    for name in OPTIONAL_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise ValueError(f"'{name}' must be a string")
    published = record.get("published")
    published = parse_date(published) if published and published.strip() else None
    return Article(
        text=text, id=article_id(text), title=record.get("title") or None, url=record.get("url") or None,
        outlet=record.get("outlet") or None, published=published or ingestion_time(),
        published_is_fallback=published is None, path=path,
    )


def articles_from_jsonl(data: bytes, path: Optional[str] = None) -> Iterator[Article | InputError]:
    """Yield an Article per non-blank line, or an InputError for a line that cannot be one."""
    content = article_from_bytes(data, path=path).text
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            yield _record(line, number, path)


def articles_from_jsonl_file(path: Path, max_line_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """A JSONL file of any size, read a line at a time: a day of news is one file of hundreds of MB,
    yet each line is an article and only a line is capped (UTF-8, as JSON Lines requires)."""
    label = str(path)
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if b"\x00" in head:
            raise InputError(f"{label} looks like binary data (it holds NUL bytes), not JSON Lines")
        if head.startswith(_GZIP_MAGIC):
            raise InputError(f"{label} is gzip-compressed data; decompress it first (e.g. `gunzip`)")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError(f"{label} is UTF-16; JSON Lines files are UTF-8: convert it first, "
                             f"e.g. `iconv -f utf-16 -t utf-8 FILE > FILE.utf8`")
        handle.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        number = 0
        while True:
            raw = handle.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                    raw = handle.readline(1 << 20)
                yield InputError(f"line {number}: over the {max_line_bytes:,}-byte limit for one article")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"line {number}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            if line.strip():
                yield _record(line, number, label)


def _record(line: str, number: int, path: Optional[str]) -> Article | InputError:
    try:
        return article_from_record(json.loads(line), path=path)
    except json.JSONDecodeError as exc:
        return InputError(f"line {number}: not valid JSON ({exc.msg})")
    except ValueError as exc:
        return InputError(f"line {number}: {exc}")


def looks_like_jsonl(data: bytes) -> bool:
    """True when the first non-blank line parses as a JSON object (used to sniff stdin and URLs).

    The whole first line is read, however long: cutting a 5 MB record at a fixed window would make
    it unparsable and the file would be taken for one plain-text article of raw JSON.
    """
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
        start = end + 1
    return False
