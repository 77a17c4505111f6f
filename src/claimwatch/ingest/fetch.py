"""Fetch one http(s) URL with a timeout and a size cap; nothing else ever touches the network.

Only called when the user names a URL. Other schemes (file:, ftp:, data:) are refused, also when a
server redirects to them, so a page cannot make claimwatch read local files. Hosts that resolve to
loopback, private, link-local or other non-public addresses are refused too (also after a redirect),
so a feed cannot point claimwatch at a router, a cloud metadata service or the analyst's own machine;
set CLAIMWATCH_ALLOW_PRIVATE_URLS=1 to fetch from such hosts on purpose. At most MAX_REDIRECTS
redirects are followed.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlsplit

from claimwatch.errors import InputError
from claimwatch.ingest.text import MAX_BYTES

TIMEOUT_S = 10.0
ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = "claimwatch/0.1"
_CHUNK = 64 * 1024
MAX_REDIRECTS = 5
ALLOW_PRIVATE_ENV = "CLAIMWATCH_ALLOW_PRIVATE_URLS"


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL and what the server said it is."""

    url: str  # final URL after redirects
    content_type: str  # media type without parameters, lower case ("" when absent)
    data: bytes
    charset: Optional[str] = None  # from the Content-Type header, when the server names one


def private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "") in ("1", "true", "yes")


def check_url(url: str, allow_private: Optional[bool] = None) -> str:
    """Return the URL when its scheme is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InputError(f"{url}: unsupported URL scheme '{parts.scheme}'; only http and https are fetched")
    if not parts.hostname:
        raise InputError(f"{url}: URL has no host")
    if not (private_allowed() if allow_private is None else allow_private):
        check_host(parts.hostname, url)
    return url


def check_host(host: str, url: str) -> None:
    """Refuse a host any of whose addresses is not public (loopback, private, link-local, reserved)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"{url}: cannot resolve host '{host}' ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(f"{url}: host '{host}' is a non-public address ({address}); "
                             f"set {ALLOW_PRIVATE_ENV}=1 to fetch from local or private hosts on purpose")


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: Optional[bool] = None):
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl, self.allow_private)  # a public page may not redirect to a private host
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_capped(response, url: str, max_bytes: int) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{url}: response is {int(length)} bytes, over the {max_bytes}-byte limit")
    chunks, total = [], 0
    while chunk := response.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{url}: response is over the {max_bytes}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES,
              allow_private: Optional[bool] = None) -> Fetched:
    """GET ``url`` and return its body; every failure (scheme, address, status, timeout, size) is an InputError."""
    check_url(url, allow_private)
    opener = urllib.request.build_opener(_SafeRedirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read_capped(response, url, max_bytes)
            content_type = (response.headers.get_content_type() if response.headers.get("Content-Type") else "")
            return Fetched(url=response.geturl(), content_type=content_type.lower(), data=data,
                           charset=response.headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise InputError(f"{url}: no answer within {timeout:g} s") from None
        raise InputError(f"{url}: cannot fetch ({reason})") from None
    except (socket.timeout, TimeoutError):
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from None


def sniff_kind(data: bytes, content_type: str = "", name: Optional[str] = None) -> str:
    """Pick the reader for bytes of unknown origin: "feed", "html", "jsonl" or "text"."""
    from claimwatch.ingest.feeds import looks_like_feed
    from claimwatch.ingest.jsonl import looks_like_jsonl

    if looks_like_feed(data) or content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if content_type in ("application/jsonl", "application/x-ndjson", "application/json") or looks_like_jsonl(data):
        return "jsonl"
    if b"<html" in head or b"<body" in head or b"<p>" in head:
        return "html"
    return "text"
