"""Reading plain-text articles: text kept exactly, and one clear InputError for each bad input."""
from __future__ import annotations

import codecs
import io
import sys

import pytest

from claimwatch.errors import InputError
from claimwatch.ingest import text as ingest_text
from claimwatch.ingest.text import article_from_bytes, read_text_article
from claimwatch.nlp.pipeline import article_id

LEAD = "The health ministry said on Monday that 120 cases had been confirmed in the capital."
CRLF = "Officials said the road would reopen.\r\nA police spokesman said no one was hurt.\r\n"


@pytest.mark.parametrize(("data", "expected"), [
    (LEAD.encode("utf-8"), LEAD),
    ((LEAD + "\n\n" + LEAD + "\n").encode("utf-8"), LEAD + "\n\n" + LEAD + "\n"),
    (CRLF.encode("utf-8"), CRLF),  # kept as read: no newline normalisation
    ("Zürich’s mayor said the café would stay shut — for now.".encode("utf-8"),
     "Zürich’s mayor said the café would stay shut — for now."),
    (codecs.BOM_UTF8 + LEAD.encode("utf-8"), LEAD),
    (codecs.BOM_UTF16_LE + "Kyiv’s mayor said the shelter was full.".encode("utf-16-le"),
     "Kyiv’s mayor said the shelter was full."),
    (codecs.BOM_UTF16_BE + "Kyiv’s mayor said the shelter was full.".encode("utf-16-be"),
     "Kyiv’s mayor said the shelter was full."),
])
def test_ingest_text_decodes_and_keeps_text_exactly(data, expected):
    article = article_from_bytes(data, path="story.txt")
    assert article.text == expected
    assert article.id == article_id(expected)
    assert article.path == "story.txt"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "is empty"),
    (b"   \n\t\r\n  ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(1, 32)) * 4 + b"said the minister", "binary"),
    ("Le ministre a déclaré que".encode("latin-1"), "not valid UTF-8"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
])
def test_ingest_text_rejects_bad_bytes_with_one_line(data, message):
    with pytest.raises(InputError, match=message) as info:
        article_from_bytes(data, path="story.txt")
    text = str(info.value)
    assert "\n" not in text
    assert "story.txt" in text


def test_ingest_text_names_the_offset_of_the_first_bad_byte():
    data = "Le ministre a déclaré".encode("latin-1")
    with pytest.raises(InputError, match=r"0xe9 at offset 15"):
        article_from_bytes(data)


def test_ingest_text_reads_a_file_with_its_path(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(CRLF.encode("utf-8"))
    article = read_text_article(path)
    assert article.text == CRLF
    assert article.path == str(path)
    assert article.id == article_id(CRLF)


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "missing.txt", "no such file"),
    (lambda tmp: tmp, "is a directory"),
])
def test_ingest_text_rejects_missing_files_and_directories(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_text_article(make(tmp_path))


def test_ingest_text_rejects_files_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_text, "MAX_BYTES", 64)
    path = tmp_path / "long.txt"
    path.write_text(LEAD * 2, encoding="utf-8")
    with pytest.raises(InputError, match="over the 64-byte limit"):
        read_text_article(path)
    with pytest.raises(InputError, match="over the 64-byte limit"):
        article_from_bytes((LEAD * 2).encode("utf-8"))


def test_ingest_text_reads_stdin_bytes_for_dash(monkeypatch):
    raw = "Zürich police said two people were detained.\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="ascii"))
    article = read_text_article("-")
    assert article.text == raw.decode("utf-8")
    assert article.path is None


def test_ingest_text_stdin_oversize_is_rejected(monkeypatch):
    monkeypatch.setattr(ingest_text, "MAX_BYTES", 16)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LEAD.encode("utf-8"))))
    with pytest.raises(InputError, match="standard input is over the 16-byte limit"):
        read_text_article("-")
