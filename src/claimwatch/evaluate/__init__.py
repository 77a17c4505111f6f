"""Measurement harnesses: claimwatch's analyses scored on public stance and claim-matching sets.

``fnc1`` (article-body stance toward a headline), ``emergent`` (headline stance toward a claim and
cross-outlet claim matching), ``metrics`` (confusion, F1, pairwise precision/recall) and ``config``
(the thresholds and word lists of ``lexicons/eval_stance.yaml``). Nothing here changes extraction:
the harnesses read the same :class:`~claimwatch.model.Analysis` every other stage reads.
"""
