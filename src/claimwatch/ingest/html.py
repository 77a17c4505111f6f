"""HTML pages -> Article: main text and metadata via trafilatura, plus a safe tag stripper for fragments.

Feeds and JSONL share the two small helpers here (``strip_html``, ``ingestion_time``) so that every
format marks a missing publication date the same way.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Optional
from urllib.parse import urlsplit

from claimwatch.errors import InputError
from claimwatch.ingest.text import article_from_bytes
from claimwatch.model import Article, article_id

# Elements whose content is never article text.
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
# Elements that end a paragraph or line when stripped.
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "tr", "table", "figure", "figcaption", "pre", "hr",
}


def ingestion_time() -> str:
    """Now, as the ISO 8601 UTC timestamp used when a source gives no publication date."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class _Stripper(HTMLParser):
    """Collects text outside dropped elements; block elements become paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK and not self.skip:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def parse_html_declaration(self, i: int) -> int:
        # Python's parser asserts on a malformed declaration ("<![", "<!DOCTYPE x [<!"); -1 makes it
        # wait for more input, and at close() it reads the declaration as text up to its ">", so the
        # tags after it (a <script> included) are still parsed and dropped.
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return -1


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries): no tags, no scripts, paragraphs kept apart."""
    parser = _Stripper()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, path: Optional[str] = None, charset: Optional[str] = None) -> str:
    """Decode a page as UTF-8, or in the charset the server or the page itself declares.

    Legacy pages (ISO-8859-1, windows-1252) are common; plain text has no such declaration, so only
    HTML gets this second chance. Size, emptiness and binary checks are those of plain text.
    """
    try:
        return article_from_bytes(data, path=path).text
    except InputError:
        declared = charset or next(iter(_CHARSET.findall(data[:4096])), b"").decode("ascii", "ignore")
        if not declared or declared.lower().replace("_", "-") in ("utf-8", "utf8"):
            raise
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{path or 'HTML input'}: not decodable as its declared charset {declared}") from None
        return article_from_bytes(text.encode("utf-8"), path=path).text


def _extract(html: str, url: Optional[str]):
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


MIN_WORDS = 10  # below this, what is left of a page is menus and labels, not an article


def _fallback_text(html: str) -> str:
    """Text of the page when trafilatura finds no main content (very short pages); "" when too thin."""
    import trafilatura

    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception:  # noqa: BLE001 - baseline is best effort; the stripper is the last resort
        text = ""
    text = text.strip() or strip_html(re.sub(r"(?is)<head.*?</head>", "", html))
    return text if len(text.split()) >= MIN_WORDS else ""


def article_from_html(data: bytes, path: Optional[str] = None, url: Optional[str] = None,
                      charset: Optional[str] = None) -> Article:
    """Read one HTML page: main text, title, canonical URL, site name as outlet, published date.

    ``url`` is where the page was fetched from; the page's canonical URL wins when it declares one.
    ``charset`` is the one the server declared, tried when the bytes are not UTF-8.
    Raises InputError when the bytes are not readable text or the page holds no article text.
    """
    html = decode_html(data, path=path, charset=charset)
    doc = _extract(html, url)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        text = _fallback_text(html)
    if not text:
        raise InputError(f"{path or url or 'HTML input'}: no article text found in the page")
    page_url = (getattr(doc, "url", None) if doc is not None else None) or url
    outlet = getattr(doc, "sitename", None) if doc is not None else None
    if not outlet and page_url:
        outlet = urlsplit(page_url).hostname
    published = getattr(doc, "date", None) if doc is not None else None
    return Article(
        text=text, id=article_id(text), title=(getattr(doc, "title", None) if doc is not None else None),
        url=page_url, outlet=outlet, published=published or ingestion_time(),
        published_is_fallback=not published, path=path,
    )
