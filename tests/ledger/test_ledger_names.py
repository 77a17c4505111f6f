"""The ledger gives a person named only by surname the full name it already knows."""
from __future__ import annotations

import pytest

from claimwatch.ledger.store import Ledger
from claimwatch.model import Article
from claimwatch.nlp.pipeline import analyze_article

FIRST = ("Finance Minister Rachel Hughes said on Monday that inflation would fall below 3 percent "
         "by the end of the year.")
LATER = "Hughes said on Thursday that the budget would be balanced within two years."


@pytest.mark.parametrize("later, expected", [(LATER, "Rachel Hughes")])
def test_ledger_names_surname_takes_the_known_full_name(tmp_path, nlp, later: str, expected: str) -> None:
    with Ledger(tmp_path / "names.db") as ledger:
        ledger.add_analysis(analyze_article(Article(text=FIRST, published="2024-05-06"), nlp=nlp))
        second = analyze_article(Article(text=later, published="2024-05-09"), nlp=nlp)
        assert [s.source for s in second.statements] == ["Hughes"]
        ledger.add_analysis(second)
        stored = ledger.statements_for_article(second.article.id or "")
        if not stored:  # the store fills in the id when the article had none
            stored = [s for a in ledger.articles() if a.text == later for s in ledger.statements_for_article(a.id)]
        assert [s.source for s in stored] == [expected]


def test_ledger_names_ambiguous_surname_is_left_alone(tmp_path, nlp) -> None:
    with Ledger(tmp_path / "names.db") as ledger:
        for text in (FIRST, "Deputy Minister Tom Hughes said the plan had been approved."):
            ledger.add_analysis(analyze_article(Article(text=text), nlp=nlp))
        later = analyze_article(Article(text=LATER), nlp=nlp)
        ledger.add_analysis(later)
        stored = [s for a in ledger.articles() if a.text == LATER for s in ledger.statements_for_article(a.id)]
        assert [s.source for s in stored] == ["Hughes"]


@pytest.mark.parametrize("spelled", ["José Ramírez Ortúzar", "Jose Ramirez Ortuzar"])
def test_ledger_names_one_speaker_spelled_with_or_without_accents_is_one_side(tmp_path, spelled: str) -> None:
    with Ledger(str(tmp_path / "names.db"), embedder=lambda: None) as ledger:
        assert ledger.claims.side(spelled) == "Jose Ramirez Ortuzar"
