"""The writer's own verdict ("it was all a hoax") bears on no claim in its article; the ledger links it,
like a reference, to the central claim of the article's claims - the rumour most articles tell, not
the denial the article quotes - where it counts as the writer's denial. Passages written for the tests."""
from __future__ import annotations

from claimwatch.ledger import Ledger
from claimwatch.model import Article, article_id
from claimwatch.nlp.pipeline import analyze_article

RUMOUR = "a wolf pack had crossed the frozen lake into Eastmere"


def _article(text: str, outlet: str, day: int):
    return analyze_article(Article(text=text, id=article_id(text), outlet=outlet,
                                   published=f"2031-01-{day:02d}T09:00:00+00:00"))


def test_ledger_writer_verdict_links_to_the_rumour_and_contests_it():
    first = _article(f"Hunters said {RUMOUR}. Villagers said {RUMOUR}.", "Eastmere Post", 1)
    second = _article(f"Two farmers said {RUMOUR}.", "Lakeside Herald", 2)
    debunk = _article(f"A ranger said {RUMOUR}. The park service said no wolves had been seen in Eastmere "
                      "for a decade. It was all a hoax.", "", 3)
    own = [s for s in debunk.statements if s.source == "the writer"]
    assert [(s.stance, s.claims) for s in own] == [("denies", ())]
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        for analysis in (first, second, debunk):
            ledger.add_analysis(analysis)
        conn = ledger.connection
        refers = conn.execute("SELECT refers FROM statements WHERE source = 'the writer'").fetchone()[0]
        assert refers is not None
        text = conn.execute("SELECT text FROM ledger_claims WHERE id = ?", (refers,)).fetchone()[0]
        assert "wolf pack" in text
        facts = ledger.claims.facts(refers)
        assert [f.standing for f in facts if f.source == "the writer"] == ["writer"]
        status, reason = conn.execute("SELECT status, status_reason FROM ledger_claims WHERE id = ?", (refers,)).fetchone()
        assert status == "contested"
        assert "writer" in reason


def test_ledger_writer_verdict_reaches_the_story_s_rumour_from_an_article_that_tells_it_otherwise():
    """The debunking article tells only its own account (tracks left by foxes); its verdict still bears
    on the rumour its story is about, the claim most articles tell."""
    first = _article(f"Hunters said {RUMOUR}. Villagers said {RUMOUR}.", "Eastmere Post", 1)
    second = _article(f"Two farmers said {RUMOUR}.", "Lakeside Herald", 2)
    debunk = _article("A ranger said the tracks on the frozen lake at Eastmere were left by foxes, not by a wolf "
                      "pack. The wolf pack story was a hoax.", "", 3)
    with Ledger(":memory:", embedder=lambda: None) as ledger:
        for analysis in (first, second, debunk):
            ledger.add_analysis(analysis)
        conn = ledger.connection
        assert conn.execute("SELECT COUNT(DISTINCT story_id) FROM article_stories").fetchone()[0] == 1
        refers = conn.execute("SELECT refers FROM statements WHERE source = 'the writer'").fetchone()[0]
        text = conn.execute("SELECT text FROM ledger_claims WHERE id = ?", (refers,)).fetchone()[0]
        assert "crossed the frozen lake" in text
