"""Ingest on hostile files: every unreadable input becomes a Skipped with its reason, the rest of the
batch goes on, nothing is read past the size cap, and the CLI exit codes stay as the README says.

The files are generated here (random bytes from a fixed seed, pages and feeds written for the tests).
"""
from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import random
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimwatch.ingest.text as text_module
from claimwatch.cli import cli
from claimwatch.ingest.sources import Skipped, iter_sources
from claimwatch.ingest.text import MAX_BYTES
from claimwatch.ledger import Ledger
from claimwatch.ledger.ingest import MAX_ANALYSIS_CHARS, ingest_into
from claimwatch.model import Analysis, Article

STORY = ("The harbour master said on Monday that two cranes at the container terminal had been damaged "
         "by the storm. A spokesperson for the port operator denied that the quay had been closed.")
PAGE = f"<html><head><title>Storm damage</title></head><body><article><p>{STORY}</p></article></body></html>"


def _random_bytes(n: int, seed: int = 8) -> bytes:
    return random.Random(seed).randbytes(n)


def _truncated_gzip() -> bytes:
    packed = gzip.compress(PAGE.encode("utf-8") * 40)
    return packed[: len(packed) // 2]


# (file name, content, what the skip reason says)
UNREADABLE = [
    ("random.txt", _random_bytes(4096), "binary"),
    ("random.html", _random_bytes(4096, seed=9), "binary"),
    ("random.jsonl", _random_bytes(4096, seed=10), "binary"),
    ("truncated-gzip.html", _truncated_gzip(), "gzip-compressed"),
    ("truncated-gzip.txt", _truncated_gzip(), "gzip-compressed"),
    ("page.html.gz", _truncated_gzip(), "gzip-compressed"),  # named directly, so sniffed
    ("latin1.txt", "Le maire a d\u00e9clar\u00e9 que le caf\u00e9 rouvrira.".encode("latin-1"), "not valid UTF-8"),
    ("latin1-undeclared.html", f"<p>{STORY} Caf\u00e9.</p>".encode("latin-1"), "not valid UTF-8"),
    ("utf16-no-bom.txt", STORY.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
    ("utf16be-no-bom.txt", STORY.encode("utf-16-be"), "UTF-16 text without a byte-order mark"),
    ("shift-jis.txt", "\u5927\u81e3\u306f\u6a4b\u304c\u518d\u958b\u3059\u308b\u3068\u8ff0\u3079\u305f\u3002".encode("shift_jis"),
     "not valid UTF-8"),
    ("utf8-with-one-latin1-byte.txt", STORY.encode("utf-8") + b" caf\xe9", "at offset"),
    ("control.txt", bytes(range(1, 9)) * 200, "binary"),
    ("empty.txt", b"", "empty"),
    ("empty.html", b"", "empty"),
    ("empty.xml", b"", "empty"),
    ("empty.jsonl", b"", "empty"),
    ("blank.txt", b" \n\r\n\t ", "whitespace"),
    ("menu-only.html", b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
     "no article text"),
    ("not-a-feed.xml", b"<?xml version='1.0'?><inventory><crate>7</crate></inventory>", "no entries"),
    ("empty-feed.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title></channel></rss>",
     "no entries"),
    ("truncated-feed.xml", b"<rss version='2.0'><channel><item><title>Storm</ti", "no text"),
    ("declared-unknown-charset.html", f"<meta charset='x-klingon'><p>{STORY} \u00e9</p>".encode("latin-1"),
     "declared charset"),
]


@pytest.mark.parametrize(("name", "content", "reason"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_hostile_ingest_unreadable_file_is_skipped_with_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    items = list(iter_sources([str(path)], fetch_urls=False))
    assert items and all(isinstance(i, Skipped) for i in items), items
    assert all(i.source == str(path) for i in items)
    assert any(reason in i.reason for i in items), [i.reason for i in items]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("utf16-bom.txt", STORY.encode("utf-16"), "harbour master"),
        ("declared-latin1.html",
         f"<html><head><meta charset='iso-8859-1'></head><body><p>{STORY} Caf\u00e9 owners agreed.</p></body></html>"
         .encode("latin-1"), "Caf\u00e9"),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + STORY.encode("utf-8"), "harbour master"),
        ("crlf.txt", STORY.replace(". ", ".\r\n").encode("utf-8"), "\r\n"),
    ],
)
def test_hostile_ingest_other_encodings_read_when_declared(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    (article,) = list(iter_sources([str(path)], fetch_urls=False))
    assert isinstance(article, Article) and expected in article.text


def test_hostile_ingest_huge_html_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.html"
    block = (PAGE * 50).encode("utf-8")
    with path.open("wb") as fh:  # a real 20 MB page, not a sparse file
        while fh.tell() < 20 * 1024 * 1024:
            fh.write(block)
    tracemalloc.start()
    try:
        (skipped,) = list(iter_sources([str(path)], fetch_urls=False))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(skipped, Skipped) and f"over the {MAX_BYTES}-byte limit" in skipped.reason
    assert peak < 2 * 1024 * 1024, f"peak {peak:,} bytes: the file was read"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_hostile_ingest_endless_device_is_capped(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    started = time.monotonic()
    (skipped,) = list(iter_sources([device], fetch_urls=False))
    assert isinstance(skipped, Skipped)
    assert "limit" in skipped.reason or "binary" in skipped.reason
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>",  # deeply nested, never closed
        f"<html><body><p>{STORY}<p><b><i><table><tr><td",  # truncated mid-tag
        f"<html><body><p>{STORY}</p><!-- a comment that never ends <p>more",
        f"<html><body><p>{STORY}</p><script>document.write('<p>said</p>')",  # unterminated script
        f"<p>{STORY}</p>" + "</div></span></p>" * 5_000,  # only closing tags
        f"<html><body><p>{STORY}</p>" + "<img src=x onerror=alert(1)>" * 2_000,
        "<" * 50_000 + f"<p>{STORY}</p>",
    ],
    ids=["nested", "truncated", "open-comment", "open-script", "stray-closers", "many-imgs", "angle-brackets"],
)
def test_hostile_ingest_malformed_html_still_yields_the_story(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (item,) = list(iter_sources([str(path)], fetch_urls=False))
    assert isinstance(item, Article), item
    assert "two cranes" in item.text and "<script" not in item.text


def test_hostile_ingest_feed_with_10k_entries_in_bounded_time():
    items = "".join(
        f"<item><title>Item {i}</title><link>https://example.org/{i}</link>"
        f"<description>Officials said shipment {i} was delayed by the storm.</description></item>"
        for i in range(10_000))
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
    started = time.monotonic()
    out = list(iter_sources(["-"], stdin=io.BytesIO(feed.encode("utf-8"))))
    elapsed = time.monotonic() - started
    assert len(out) == 10_000 and all(isinstance(a, Article) for a in out)
    assert len({a.url for a in out}) == 10_000
    assert elapsed < 15, f"{elapsed:.1f} s"


def test_hostile_ingest_feed_entity_expansion_stays_small():
    levels = "".join(f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "boom">{levels}]>'
            '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
            '<description>Officials said &e9; happened.</description></item></channel></rss>')
    started = time.monotonic()
    out = list(iter_sources(["-"], stdin=io.BytesIO(feed.encode("utf-8"))))
    assert time.monotonic() - started < 5
    assert all(isinstance(i, Skipped) or len(i.text) < 100_000 for i in out)


def _jsonl_lines() -> list[tuple[str, str | None]]:
    """(line, reason it is skipped or None when it is an article)."""
    good = json.dumps({"text": STORY, "title": "Storm", "published": "2025-01-03"})
    return [
        (good, None),
        ("{not json", "not valid JSON"),
        ("[1, 2, 3]", "expected a JSON object"),
        (json.dumps({"title": "no text"}), "'text' is missing"),
        (json.dumps({"text": "   "}), "'text' is missing"),
        (json.dumps({"text": STORY + " Again.", "title": 7}), "'title' must be a string"),
        (json.dumps({"text": STORY + " Later.", "published": "last Tuesday"}), "not an ISO 8601"),
        ('{"text": "unterminated', "not valid JSON"),
        ("\ufeff" + json.dumps({"text": "x"}), "not valid JSON"),
        ("", None),  # blank lines are not records
        (json.dumps({"text": STORY.replace("Monday", "Friday")}), None),
    ]


def test_hostile_ingest_jsonl_bad_lines_each_skipped_rest_read(tmp_path):
    lines = _jsonl_lines()
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(line for line, _ in lines) + "\n", encoding="utf-8")
    out = list(iter_sources([str(path)], fetch_urls=False))
    articles = [i for i in out if isinstance(i, Article)]
    skipped = [i for i in out if isinstance(i, Skipped)]
    expected = [(n, reason) for n, (_, reason) in enumerate(lines, start=1) if reason]
    assert len(articles) == 2
    assert len(skipped) == len(expected)
    for (number, reason), skip in zip(expected, skipped):
        assert skip.reason.startswith(f"line {number}: ") and reason in skip.reason, skip.reason


def test_hostile_ingest_jsonl_5mb_line(tmp_path):
    big_text = ("The harbour master said the storm damaged the cranes. " * 100_000)[:5_000_000]
    path = tmp_path / "big.jsonl"  # two 5 MB lines: together just under the 10 MiB cap
    path.write_text(json.dumps({"text": big_text}) + "\n" + "{" + "x" * 5_000_000 + "\n"
                    + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    out = list(iter_sources([str(path)], fetch_urls=False))
    assert [type(i).__name__ for i in out] == ["Article", "Skipped", "Article"]
    assert len(out[0].text) == len(big_text) and "line 2: not valid JSON" in out[1].reason


def test_hostile_ingest_jsonl_on_stdin_with_a_5mb_first_line_is_still_jsonl():
    big_text = ("The harbour master said the storm damaged the cranes. " * 100_000)[:5_000_000]
    data = (json.dumps({"text": big_text}) + "\n" + "{" + "x" * 1_000 + "\n" + json.dumps({"text": STORY}))
    out = list(iter_sources(["-"], stdin=io.BytesIO(data.encode("utf-8"))))
    assert [type(i).__name__ for i in out] == ["Article", "Skipped", "Article"]
    assert out[0].text == big_text


def test_hostile_ingest_overlong_article_skipped_before_analysis(tmp_path):
    """A text under the byte cap but over the parser's limit is skipped, and the batch goes on."""
    big_text = ("The harbour master said the storm damaged the cranes. " * 40_000)
    assert len(big_text) > MAX_ANALYSIS_CHARS
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": big_text}) + "\n" + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    seen: list[int] = []

    def analyzer(articles):
        seen.extend(len(a.text) for a in articles)
        return [Analysis(article=a) for a in articles]

    with Ledger(":memory:", embedder=lambda: None) as ledger:
        report = ingest_into(ledger, [str(path)], analyze=analyzer)
    assert seen == [len(STORY)]
    assert len(report.added) == 1
    (skip,) = report.skipped
    assert "too long to analyse" in skip.reason and f"{MAX_ANALYSIS_CHARS:,}" in skip.reason


def test_hostile_ingest_slow_article_skipped_by_time_limit(tmp_path):
    for n, word in enumerate(["calm", "SLOW", "quiet"]):
        (tmp_path / f"{n}.txt").write_text(f"{STORY} The night was {word}.", encoding="utf-8")

    def analyzer(articles):
        if any("SLOW" in a.text for a in articles):
            time.sleep(30)  # interrupted by the time limit
        return [Analysis(article=a) for a in articles]

    started = time.monotonic()
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        report = ingest_into(ledger, [str(tmp_path)], analyze=analyzer, time_limit=0.3)
    assert time.monotonic() - started < 5
    assert len(report.added) == 2
    (skip,) = report.skipped
    assert skip.source.endswith("1.txt") and "did not finish within 0.3 s" in skip.reason


def _hostile_folder(root: Path) -> tuple[Path, set[str]]:
    """A folder with one good article and every kind of entry that cannot be read; returns the bad names."""
    folder = root / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "locked.txt").write_text(STORY + " A second paragraph.", encoding="utf-8")
    (folder / "random.txt").write_bytes(_random_bytes(2048))
    (folder / "up").symlink_to(folder, target_is_directory=True)  # a loop back to the folder
    (folder / "a.txt").symlink_to(folder / "b.txt")  # a -> b -> a
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    return folder, {"locked.txt", "random.txt", "up", "a.txt", "b.txt", "gone.txt", "pipe.txt", "notes.docx"}


@pytest.fixture
def locked(monkeypatch):
    """Make ``locked.txt`` unreadable even for root (chmod does not stop root)."""
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(text_module, "open", guarded_open, raising=False)


def test_hostile_ingest_folder_with_loops_pipes_and_locked_files(tmp_path, locked):
    folder, bad = _hostile_folder(tmp_path)
    started = time.monotonic()
    out = list(iter_sources([str(folder)], fetch_urls=False))
    assert time.monotonic() - started < 10
    articles = [i for i in out if isinstance(i, Article)]
    reasons = {Path(i.source).name: i.reason for i in out if isinstance(i, Skipped)}
    assert [Path(a.path).name for a in articles] == ["good.txt"]
    assert set(reasons) == bad  # every bad entry is reported, none silently dropped
    assert "permission denied" in reasons["locked.txt"]
    assert "not followed" in reasons["up"]
    assert all("broken or loops" in reasons[n] for n in ("a.txt", "b.txt", "gone.txt"))
    assert "not a regular file" in reasons["pipe.txt"]


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_hostile_ingest_cli_exits_0_when_something_was_read(tmp_path, locked, nlp):
    folder, bad = _hostile_folder(tmp_path)
    result = _invoke("ingest", str(folder), "--db", str(tmp_path / "l.db"), "--format", "json", "--no-fetch")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["added"]) == 1
    assert {Path(s["source"]).name for s in report["skipped"]} == bad


def test_hostile_ingest_cli_exits_2_when_nothing_could_be_read(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    for name, content, _ in UNREADABLE[:12]:
        (folder / name).write_bytes(content)
    result = _invoke("ingest", str(folder), "--db", str(tmp_path / "l.db"), "--no-fetch")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nothing could be read") and "Traceback" not in result.stderr
    assert result.stdout.count("  skipped ") == 12


@pytest.mark.parametrize(("name", "content", "reason"), [u for u in UNREADABLE if u[0].endswith(".txt")],
                         ids=[u[0] for u in UNREADABLE if u[0].endswith(".txt")])
def test_hostile_ingest_cli_analyze_exits_2_on_unreadable_text(tmp_path, name, content, reason):
    if name.endswith(".gz"):
        pytest.skip("analyze reads any name")
    path = tmp_path / name
    path.write_bytes(content)
    result = _invoke("analyze", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_hostile_ingest_cli_analyze_exits_2_on_device(tmp_path):
    result = _invoke("analyze", "/dev/zero")
    assert result.exit_code == 2 and "limit" in result.stderr


def test_hostile_ingest_cli_analyze_overlong_text_is_an_input_error(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The harbour master said the storm damaged the cranes. " * 20_000, encoding="utf-8")
    result = _invoke("analyze", str(path))
    assert result.exit_code == 2 and result.stderr.startswith("error: ")


@pytest.mark.parametrize(
    ("entry_body", "expected"),
    [
        ("The ferry&#xD800; operator said the crossing would resume.", "\ufffd"),  # surrogate reference
        ("The ferry operator said the crossing would resume&#x110000;.", "\ufffd"),  # past U+10FFFF
        ("The ferry operator said the crossing would resume at noon.", "at noon"),
    ],
)
def test_hostile_ingest_feed_bad_character_references_cost_nothing(entry_body, expected):
    """feedparser used to crash on ``&#xD800;``, losing every entry of the feed."""
    feed = ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
            f"<entry><title>One</title><content type='html'>{entry_body}</content></entry>"
            f"<entry><title>Two</title><content type='html'>{STORY}</content></entry></feed>")
    out = list(iter_sources(["-"], stdin=io.BytesIO(feed.encode("utf-8"))))
    articles = [i for i in out if isinstance(i, Article)]
    assert any("two cranes" in a.text for a in articles), out
    assert any(expected in a.text for a in articles), out
    assert not any(isinstance(i, Skipped) and "could not be read" in i.reason for i in out)


def test_hostile_ingest_feed_entry_with_broken_fields_is_skipped_alone():
    """A broken title tag leaves feedparser fields set to None; that used to raise TypeError."""
    feed = ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
            "<entry><title>One<{/title><content type='html'>The mayor said o&#0;n Monday.</content></entry>"
            f"<entry><title>Two</title><content type='html'>{STORY}</content></entry></feed>")
    out = list(iter_sources(["-"], stdin=io.BytesIO(feed.encode("utf-8"))))
    assert any(isinstance(i, Article) and "two cranes" in i.text for i in out), out
    assert all(isinstance(i, Article) or "could not be read" not in i.reason for i in out), out


def test_hostile_ingest_jsonl_lone_surrogate_escape_is_replaced():
    line = json.dumps({"text": "The mayor\ud800 said the ferry would sail.", "title": "\udfff"})
    (article,) = list(iter_sources(["-"], stdin=io.BytesIO(line.encode("utf-8"))))
    assert isinstance(article, Article)
    assert article.text == "The mayor\ufffd said the ferry would sail." and article.title == "\ufffd"
