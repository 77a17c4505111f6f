"""Plain-text articles from a file or standard input, kept exactly as read so offsets stay valid.

Anything that is not readable text (missing, a directory, binary, empty, not UTF-8, too large)
raises :class:`~claimwatch.errors.InputError` with one line saying what was wrong and what to do.
"""
from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from claimwatch.errors import InputError
from claimwatch.model import Article, article_id

MAX_BYTES = 10 * 1024 * 1024

# Share of control characters above which content is taken as binary, not text.
MAX_CONTROL_SHARE = 0.05
# Control characters that plain text does not contain (tab, newlines, \v and \f are allowed).
_CONTROL = r"[\x00-\x08\x0e-\x1f\x7f]"
_CONTROL_TEXT = re.compile(_CONTROL)
_CONTROL_BYTES = re.compile(_CONTROL.encode("ascii"))
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_GZIP_MAGIC = b"\x1f\x8b"
STDIN_LABEL = "standard input"


def read_text_article(path: str | Path) -> Article:
    """Read one article from ``path``; ``"-"`` reads the bytes of standard input."""
    if str(path) == "-":
        return _read_stdin()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file; check the path, or pass '-' to read standard input")
    if p.is_dir():
        raise InputError(f"{p} is a directory; pass one text file (or '-' for standard input)")
    try:
        data = read_capped(p)
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}); check the path") from exc
    return article_from_bytes(data, path=str(p))


def read_capped(path: Path) -> bytes:
    """The file's bytes, refusing one over :data:`MAX_BYTES` without reading it all.

    ``stat`` catches large regular files up front; devices and pipes (``/dev/zero``, ``<(cmd)``)
    report size 0, so the read itself stops one byte past the limit too.
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(_too_large(str(path), size))
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(str(path)))
    return data


def article_from_bytes(data: bytes, path: str | None = None) -> Article:
    """Decode ``data`` as an article's text without altering it; ``path`` only labels it."""
    label = path or STDIN_LABEL
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(label, len(data) if path else None))
    if not data:
        raise InputError(f"{label} is empty; give an article's text")
    text = _decode(data, label)
    if _looks_binary(text):
        raise InputError(f"{label} looks like binary data, not text; give a plain-text (UTF-8) article")
    if not text.strip():
        raise InputError(f"{label} holds only whitespace; give an article's text")
    return Article(text=text, id=article_id(text), path=path)


def _read_stdin() -> Article:
    stream = sys.stdin
    if stream is None:
        raise InputError("'-' reads standard input, but there is none; pass a file path instead")
    if stream.isatty():
        raise InputError(
            "'-' reads standard input, but nothing is piped in; e.g. `cat article.txt | claimwatch analyze -`"
        )
    raw = getattr(stream, "buffer", stream)
    data = raw.read(MAX_BYTES + 1)
    if isinstance(data, str):  # a text stream without a byte buffer (tests, embedding)
        data = data.encode("utf-8")
    return article_from_bytes(data, path=None)


def _decode(data: bytes, label: str) -> str:
    """UTF-8 (BOM stripped), or UTF-16 when it starts with a BOM; never guesses or replaces bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", label, offset=len(codecs.BOM_UTF8))
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", label)
    if data.startswith(_GZIP_MAGIC):
        raise InputError(f"{label} is gzip-compressed data; decompress it first (e.g. `gunzip`)")
    if b"\x00" in data:
        if _looks_utf16(data):
            raise InputError(f"{label} looks like UTF-16 text without a byte-order mark; convert it first, "
                             f"e.g. `iconv -f utf-16le -t utf-8 FILE > FILE.utf8`")
        raise InputError(f"{label} looks like binary data (it holds NUL bytes); give a plain-text (UTF-8) article")
    if _control_share(data) > MAX_CONTROL_SHARE:
        raise InputError(f"{label} looks like binary data, not text; give a plain-text (UTF-8) article")
    return _strict(data, "utf-8", label)


def _strict(data: bytes, encoding: str, label: str, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(
            f"{label} is not valid {encoding.upper()}: {exc.reason} (byte 0x{bad} at offset {exc.start + offset}); "
            f"convert it first, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`"
        ) from exc


def _looks_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 of mostly Latin text has a NUL in (nearly) every odd or every even byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return max(odd, even) / half > 0.9 and min(odd, even) / half < 0.1


def _control_share(data: bytes) -> float:
    return sum(1 for _ in _CONTROL_BYTES.finditer(data)) / len(data)


def _looks_binary(text: str) -> bool:
    """Decoded text with NULs or many control characters is binary that happened to decode."""
    if not text:
        return False
    controls = sum(1 for _ in _CONTROL_TEXT.finditer(text))
    return "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE


def _too_large(label: str, size: int | None = None) -> str:
    """Standard input is read only up to the limit, so its full size is not known."""
    what = f"is {size:,} bytes, over" if size is not None else "is over"
    return f"{label} {what} the {MAX_BYTES:,}-byte limit; split it into separate articles"
