"""A ledger story as the analyses the assessment reads: a story's articles (by story id) or the
articles whose statements match a text.

Uses only the ledger's public reading API (``search``, ``article_record``, ``analysis``); copies of
an article already included (near-duplicates, wire reprints) are left out so they do not count as
separate sources.
"""
from __future__ import annotations

from claimwatch.ledger.store import Ledger
from claimwatch.model import Analysis

SEARCH_LIMIT = 500


def story_analyses(ledger: Ledger, text: str, limit: int = SEARCH_LIMIT) -> list[Analysis]:
    """Stored analyses of the independent articles of story ``text`` when it is a story id ("3",
    "s3"), else of those with a statement matching ``text``; oldest first."""
    from claimwatch.ledger.stories import resolve_story, story_article_ids

    selection = resolve_story(ledger, text)
    if selection.by_id:
        found = (ledger.analysis(i) for i in story_article_ids(ledger, selection.story_id, independent_only=True))
        return [a for a in found if a is not None]
    ids: list[str] = []
    for _, article in ledger.search(text, limit=limit):
        if article.id not in ids:
            ids.append(article.id)
    analyses = []
    for article_id in ids:
        record = ledger.article_record(article_id)
        if record is None or not record.independent:
            continue
        analysis = ledger.analysis(article_id)
        if analysis is not None:
            analyses.append(analysis)
    analyses.sort(key=lambda a: (a.article.published or "", ids.index(a.article.id)))
    return analyses
