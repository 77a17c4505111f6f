"""URL fetching against a local server on 127.0.0.1: kinds sniffed, size cap, timeout, schemes."""
from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest.fetch import ALLOW_PRIVATE_ENV, _SafeRedirects, check_url, fetch_url, sniff_kind
from claimwatch.ingest.sources import Skipped, iter_sources
from claimwatch.ingest.text import MAX_BYTES
from claimwatch.model import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
HTML = (FIXTURES / "article.html").read_bytes()
RSS = (FIXTURES / "feed.rss").read_bytes()

# path -> (status, headers, body); a body of None streams without Content-Length.
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/story": (200, {"Content-Type": "text/html; charset=utf-8"}, HTML),
    "/feed": (200, {"Content-Type": "application/rss+xml"}, RSS),
    "/feed-as-text": (200, {"Content-Type": "text/plain"}, RSS),
    "/plain": (200, {"Content-Type": "text/plain; charset=utf-8"}, (FIXTURES / "dispatch.txt").read_bytes()),
    "/huge": (200, {"Content-Type": "text/html"}, b"<p>" + b"a" * (MAX_BYTES + 10) + b"</p>"),
    "/moved": (302, {"Location": "/story"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/to-ftp": (301, {"Location": "ftp://127.0.0.1/news.xml"}, b""),
    "/latin1": (200, {"Content-Type": "text/html; charset=windows-1252"},
                ("<html><body><p>Caf\xe9 owners in the old town said on Friday that the new terrace fees "
                 "would force several of them to close before the summer season.</p></body></html>").encode("cp1252")),
    "/gone": (404, {"Content-Type": "text/plain"}, b"not here"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"b" * 1000 + b"</p>")
            return
        status, headers, body = ROUTES.get(self.path, ROUTES["/story"] if self.path == "/slow" else ROUTES["/gone"])
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its size cap

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    """A local server on an ephemeral port, shut down when the module's tests end."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def local_hosts_allowed(monkeypatch):
    """These tests talk to a server on 127.0.0.1, which claimwatch refuses unless told otherwise."""
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")


def test_ingest_fetch_reads_an_html_page(server):
    (article,) = list(iter_sources([f"{server}/story"]))
    assert isinstance(article, Article)
    assert article.title == "Port workers extend strike as talks stall"
    assert article.url == "https://harbourtimes.example/news/2024/03/14/port-strike-extended"
    assert article.path is None


@pytest.mark.parametrize("route", ["/feed", "/feed-as-text"])
def test_ingest_fetch_reads_a_feed_by_content_type_or_content(server, route):
    items = list(iter_sources([f"{server}{route}"]))
    assert [a.title for a in items if isinstance(a, Article)] == [
        "Ferry operator suspends night crossings", "Fishermen dispute new quota figures"]
    assert sum(isinstance(i, Skipped) for i in items) == 1  # the entry without text


def test_ingest_fetch_plain_text_keeps_the_url(server):
    (article,) = list(iter_sources([f"{server}/plain"]))
    assert article.url == f"{server}/plain" and article.text.startswith("Rescue teams")


def test_ingest_fetch_decodes_the_charset_the_server_declares(server):
    (article,) = list(iter_sources([f"{server}/latin1"]))
    assert article.text.startswith("Café owners in the old town")


def test_ingest_fetch_follows_http_redirects(server):
    fetched = fetch_url(f"{server}/moved")
    assert fetched.url == f"{server}/story" and fetched.content_type == "text/html"


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("/huge", r"over the 10485760-byte limit"),
        ("/gone", r"HTTP 404"),
        ("/to-ftp", r"unsupported URL scheme 'ftp'"),
        ("/to-file", r"file:///etc/passwd.* not allowed"),  # refused by urllib before our check
    ],
)
def test_ingest_fetch_problems_become_skipped(server, route, reason):
    (skipped,) = list(iter_sources([f"{server}{route}"]))
    assert isinstance(skipped, Skipped) and re.search(reason, skipped.reason)


def test_ingest_fetch_caps_a_body_without_content_length(server):
    with pytest.raises(InputError, match="over the 20000-byte limit"):
        fetch_url(f"{server}/streamed", max_bytes=20_000)
    assert len(fetch_url(f"{server}/streamed").data) == 40 * 1007


def test_ingest_fetch_times_out(server):
    started = time.monotonic()
    with pytest.raises(InputError, match="no answer within 0.3 s"):
        fetch_url(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/news.xml", "file:///etc/hosts", "gopher://x/", "http:///nohost"])
def test_ingest_fetch_refuses_other_schemes_without_connecting(url):
    with pytest.raises(InputError, match="scheme|no host"):
        fetch_url(url)


def test_ingest_fetch_unreachable_host_is_an_input_error():
    with pytest.raises(InputError, match="cannot fetch"):
        fetch_url("http://127.0.0.1:9/", timeout=2)


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (HTML, "", "html"),
        (RSS, "text/xml", "feed"),
        (b"<p>Short fragment of a page.</p>", "", "html"),
        (b'{"text": "The port reopened."}\n', "", "jsonl"),
        (b"Officials said the port reopened.", "text/plain", "text"),
        (b"Officials said the port reopened.", "text/html", "html"),
    ],
)
def test_ingest_fetch_sniff_kind_picks_the_reader(data, content_type, expected):
    assert sniff_kind(data, content_type) == expected


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/", "http://localhost/", "http://10.1.2.3/feed", "http://192.168.0.1/",
    "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
])
def test_ingest_fetch_refuses_non_public_hosts_by_default(monkeypatch, url):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    with pytest.raises(InputError, match="non-public address"):
        fetch_url(url, timeout=1)


def test_ingest_fetch_allows_a_public_address_literal_without_connecting(monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    assert check_url("http://93.184.216.34/news") == "http://93.184.216.34/news"


def test_ingest_fetch_refuses_a_redirect_to_a_private_host(monkeypatch):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    handler = _SafeRedirects()
    with pytest.raises(InputError, match="non-public address"):
        handler.redirect_request(None, None, 302, "Found", {}, "http://169.254.169.254/latest/meta-data/")


def test_ingest_fetch_follows_at_most_five_redirects():
    assert _SafeRedirects.max_redirections == 5
