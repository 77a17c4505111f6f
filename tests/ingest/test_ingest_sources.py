"""Dispatch over files, folders, stdin and URLs; every problem a Skipped; exact duplicates dropped."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from claimwatch.ingest.sources import IngestBatch, Skipped, collect, iter_sources, read_sources
from claimwatch.model import Article
from claimwatch.nlp.pipeline import article_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@pytest.fixture
def folder(tmp_path) -> Path:
    """The fixtures plus the junk real folders hold: hidden files, unknown types, nesting, a binary file."""
    root = tmp_path / "inbox"
    shutil.copytree(FIXTURES, root / "news")
    (root / "news" / ".draft.txt").write_text("The editor said this draft must not be ingested at all.\n")
    (root / ".cache").mkdir()
    (root / ".cache" / "old.txt").write_text("A cached copy that must not be ingested either, officials said.\n")
    (root / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (root / "notes.HTML").write_bytes(b"\x00\x01\x02 binary pretending to be a page \x00\x00")
    (root / "empty.txt").write_bytes(b"")
    # The same dispatch under another name and with other line endings: an exact duplicate.
    (root / "copy.txt").write_bytes((FIXTURES / "dispatch.txt").read_bytes().replace(b"\n", b"\r\n"))
    return root


def test_ingest_sources_reads_a_folder_recursively_in_sorted_order(folder):
    items = list(iter_sources([str(folder)]))
    sources = [i.path if isinstance(i, Article) else i.source for i in items]
    assert sources == sorted(sources, key=lambda s: Path(s).relative_to(folder).parts)
    articles = [i for i in items if isinstance(i, Article)]
    assert {Path(a.path).name for a in articles} == {
        "article.html", "articles.jsonl", "copy.txt", "dispatch.txt", "feed.atom", "feed.rss", "undated.html"}
    assert not any(".draft" in s or ".cache" in s for s in sources)


def test_ingest_sources_unreadable_subfolder_does_not_stop_the_walk(folder, monkeypatch):
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "news":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    items = list(iter_sources([str(folder)]))
    (denied,) = [i for i in items if isinstance(i, Skipped) and i.source.endswith("news")]
    assert "Permission denied" in denied.reason
    assert any(isinstance(i, Skipped) and i.source.endswith("scan.pdf") for i in items)  # walk went on


def test_ingest_sources_does_not_follow_folder_links(folder):
    (folder / "news" / "loop").symlink_to(folder, target_is_directory=True)
    items = list(iter_sources([str(folder)]))
    (link,) = [i for i in items if isinstance(i, Skipped) and i.source.endswith("loop")]
    assert "not followed" in link.reason


def test_ingest_sources_gives_a_reason_for_every_skip(folder):
    batch = read_sources([str(folder)])
    reasons = {Path(s.source).name: s.reason for s in batch.skipped}
    assert "unsupported file type '.pdf'" == reasons["scan.pdf"]
    assert "binary" in reasons["notes.HTML"]
    assert "empty" in reasons["empty.txt"]
    assert "malformed feed" in reasons["broken.rss"]
    assert sum(1 for s in batch.skipped if s.source.endswith("articles.jsonl")) == 4
    assert all(s.reason for s in batch.skipped)


def test_ingest_sources_drops_exact_duplicates(folder):
    batch = read_sources([str(folder)])
    assert batch.duplicates == 1
    assert len({a.id for a in batch.articles}) == len(batch.articles) == 10
    assert batch.summary() == f"10 ingested, 1 duplicate, {len(batch.skipped)} skipped"


def test_ingest_sources_naming_a_file_twice_counts_a_duplicate():
    path = str(FIXTURES / "dispatch.txt")
    batch = read_sources([path, path])
    assert (len(batch.articles), batch.duplicates) == (1, 1)


def test_ingest_sources_every_article_has_an_id_and_a_date():
    batch = read_sources([str(FIXTURES)])
    for article in batch.articles:
        assert article.id == article_id(article.text)
        assert article.published
    txt = next(a for a in batch.articles if a.path.endswith("dispatch.txt"))
    assert txt.published_is_fallback is True


@pytest.mark.parametrize(
    ("name", "count"),
    [("article.html", 1), ("feed.rss", 2), ("feed.atom", 2), ("articles.jsonl", 3), ("dispatch.txt", 1)],
)
def test_ingest_sources_reads_each_format_by_extension(name, count):
    articles = [i for i in iter_sources([str(FIXTURES / name)]) if isinstance(i, Article)]
    assert len(articles) == count


def test_ingest_sources_sniffs_an_explicit_file_without_a_known_extension(tmp_path):
    feed = tmp_path / "headlines"
    feed.write_bytes((FIXTURES / "feed.atom").read_bytes())
    articles = [i for i in iter_sources([str(feed)]) if isinstance(i, Article)]
    assert [a.outlet for a in articles] == ["Valley Courier", "Valley Courier"]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("article.html", "Port workers extend strike as talks stall"),
        ("feed.rss", "Ferry operator suspends night crossings"),
        ("articles.jsonl", "Central bank holds rates"),
        ("dispatch.txt", None),
    ],
)
def test_ingest_sources_stdin_sniffs_the_format(name, title):
    stdin = io.BytesIO((FIXTURES / name).read_bytes())
    first = next(i for i in iter_sources(["-"], stdin=stdin) if isinstance(i, Article))
    assert first.title == title
    assert first.path is None


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("no/such/article.txt", "no such file"),
        ("ftp://files.example/news.txt", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
    ],
)
def test_ingest_sources_bad_inputs_become_skipped(item, reason):
    (skipped,) = list(iter_sources([item]))
    assert isinstance(skipped, Skipped) and skipped.source == item and reason in skipped.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("huge.html", None, "over the 10485760-byte limit"),
        ("huge.txt", None, "over the 10,485,760-byte limit"),
        ("latin1.txt", "Caf\xe9 owners protested on Friday.".encode("latin-1"), "not valid UTF-8"),
        ("blank.jsonl", b"\n\n   \n", "whitespace"),
        ("nul.rss", b"<rss>\x00\x00\x00</rss>", "binary"),
    ],
)
def test_ingest_sources_unreadable_files_become_skipped(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        with path.open("wb") as fh:  # sparse: no 10 MiB written to disk
            fh.truncate(10 * 1024 * 1024 + 1)
    else:
        path.write_bytes(content)
    (skipped,) = list(iter_sources([str(path)]))
    assert isinstance(skipped, Skipped) and reason in skipped.reason, skipped


def test_ingest_sources_url_fetching_can_be_disabled():
    (skipped,) = list(iter_sources(["https://news.example/story"], fetch_urls=False))
    assert skipped == Skipped("https://news.example/story", "URL fetching is disabled")


def test_ingest_sources_keeps_going_after_bad_inputs():
    items = list(iter_sources(["missing.txt", str(FIXTURES / "broken.rss"), str(FIXTURES / "dispatch.txt")]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Article"]


def test_ingest_sources_a_crashing_reader_becomes_a_skip(monkeypatch):
    import claimwatch.ingest.sources as sources

    def crash(*args, **kwargs):
        raise KeyError("parser bug")

    monkeypatch.setattr(sources, "article_from_html", crash)
    (skipped,) = list(iter_sources([str(FIXTURES / "article.html")]))
    assert isinstance(skipped, Skipped) and "KeyError" in skipped.reason


def test_ingest_sources_skip_reasons_group_records_of_one_kind():
    batch = collect([Skipped("a.jsonl", "line 2: 'text' is missing or empty"),
                     Skipped("b.jsonl", "line 9: 'text' is missing or empty"),
                     Skipped("c.pdf", "unsupported file type '.pdf'")])
    assert batch.skip_reasons() == {"'text' is missing or empty": 2, "unsupported file type '.pdf'": 1}
    assert batch == IngestBatch(articles=(), skipped=batch.skipped, duplicates=0)
