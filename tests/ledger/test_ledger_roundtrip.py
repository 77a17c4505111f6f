"""An analysed article read back from the ledger equals the analysis that was stored, including
statements whose claims the extractor found by a back-reference ("confirmed the capture")."""
from __future__ import annotations

from claimwatch.ledger import Ledger
from claimwatch.nlp.pipeline import analyze_text


def test_ledger_roundtrip_back_referenced_claims_survive_store_and_load(nlp):
    text = ("Rebel fighters captured the river port of Kallis on Monday, a local commander said. "
            "The defence ministry later confirmed the capture.")
    analysis = analyze_text(text, nlp=nlp)
    assert any(s.content == "the capture" and s.claims for s in analysis.statements)
    assert all(isinstance(s.claims, tuple) for s in analysis.statements)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        ledger.add_analysis(analysis)
        assert ledger.analysis(analysis.article.id) == analysis
