"""claimwatch: who claims what, on what evidence, who backs it, who cannot confirm it, who denies it."""
from claimwatch.model import (
    Actor, Analysis, Article, Claim, Evidence, Mention, Quantity, Statement,
    STANCES, CERTAINTIES, ACTS, EVIDENCE_KINDS,
)
from claimwatch.nlp.pipeline import analyze_article, analyze_many, analyze_text

__all__ = [
    "Actor", "Analysis", "Article", "Claim", "Evidence", "Mention", "Quantity", "Statement",
    "STANCES", "CERTAINTIES", "ACTS", "EVIDENCE_KINDS",
    "analyze_article", "analyze_many", "analyze_text",
]
