"""Model helpers (article ids, content hashes) live in claimwatch.model, so reading articles
(claimwatch.ingest) never loads the spaCy stage."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import claimwatch
from claimwatch.model import article_id, content_hash, normalise

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize("left, right, same", [
    ("The mayor said the bridge would reopen.", "The mayor said the bridge would reopen.", True),
    ("The mayor said the bridge would reopen.", "The mayor  said the bridge\nwould reopen.", True),
    ("The mayor said the bridge would reopen.", "The mayor said the bridge would not reopen.", False),
])
def test_model_content_hash_ignores_only_spacing(left, right, same):
    assert (content_hash(left) == content_hash(right)) is same
    assert (normalise(left) == normalise(right)) is same


def test_model_article_id_is_the_exact_text_hash():
    text = "The mayor said the bridge would reopen."
    assert article_id(text) == article_id(text) and len(article_id(text)) == 16
    assert article_id(text) != article_id(text + " ")  # exact text: offsets must stay valid


def test_model_helpers_are_the_ones_the_other_stages_use():
    from claimwatch.ledger import dedupe
    from claimwatch.nlp import pipeline

    assert pipeline.article_id is article_id and dedupe.content_hash is content_hash


def test_model_package_exposes_the_analysis_entry_points_lazily():
    from claimwatch.nlp.pipeline import analyze_text

    assert claimwatch.analyze_text is analyze_text
    with pytest.raises(AttributeError):
        claimwatch.no_such_name  # noqa: B018


def test_model_importing_every_ingest_module_loads_no_spacy():
    code = ("import importlib, pkgutil, sys\n"
            "import claimwatch.ingest as pkg\n"
            "names = [m.name for m in pkgutil.walk_packages(pkg.__path__, 'claimwatch.ingest.')]\n"
            "[importlib.import_module(n) for n in names]\n"
            "assert len(names) >= 7, names\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'spacy' or m == 'claimwatch.nlp')\n"
            "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
