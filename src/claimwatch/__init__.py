"""claimwatch: who claims what, on what evidence, who backs it, who cannot confirm it, who denies it.

The analysis entry points load spaCy, so they are imported on first use: ``import claimwatch`` (and
``claimwatch.ingest``, the ledger store, the CLI) stay light until an article is analysed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimwatch.model import (
    Actor, Analysis, Article, Claim, Evidence, Mention, Quantity, Statement,
    STANCES, CERTAINTIES, ACTS, EVIDENCE_KINDS, article_id, content_hash,
)

if TYPE_CHECKING:
    from claimwatch.nlp.pipeline import analyze_article, analyze_many, analyze_text

_PIPELINE = ("analyze_article", "analyze_many", "analyze_text")

__all__ = [
    "Actor", "Analysis", "Article", "Claim", "Evidence", "Mention", "Quantity", "Statement",
    "STANCES", "CERTAINTIES", "ACTS", "EVIDENCE_KINDS", "article_id", "content_hash",
    "analyze_article", "analyze_many", "analyze_text",
]


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from claimwatch.nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimwatch' has no attribute {name!r}")
