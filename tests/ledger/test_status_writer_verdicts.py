"""Status rules for the writer's own verdict ("the story is a hoax" in the article's own voice,
nlp.writer_verdicts): an outlet is a side of its own; one writer's debunking makes a claim contested,
two independent ones with nobody supporting it deny it. Made-up statements."""
from __future__ import annotations

import pytest

from claimwatch.ledger.status import Fact, load_rules, side_key, timeline


def fact(n: int, source: str, side, stance: str = "asserts", standing: str = "", key: str = "", **more) -> Fact:
    return Fact(statement_pk=n, date=f"2031-05-{n:02d}", source=source, side=side, stance=stance,
                source_key=key or f"article:{n}", article_id=f"art{n}", standing=standing, **more)


def writer(n: int, key: str = "", stance: str = "denies", source: str = "the writer", side=None) -> Fact:
    return fact(n, source, side, stance, standing="writer", key=key, act="deny")


def test_status_writer_verdicts_the_role_names_the_writer_standing():
    rules = load_rules()
    assert rules.standing("the writer", "own verdict") == "writer"
    assert rules.standing("Harbour Gazette", "own verdict") == "writer"
    assert rules.standing("a staff writer", None) != "writer"


def test_status_writer_verdicts_one_writer_makes_it_contested_with_its_reason():
    rows = [fact(1, "a viral post", None, standing="unnamed"), writer(2)]
    result = timeline(rows)
    assert result.status == "contested"
    assert result.counters["writer_against"] == 1
    assert result.reason.startswith("called false by a writer in its own reporting")
    assert 2 in result.reason_statements


def test_status_writer_verdicts_two_independent_writers_deny_it():
    rows = [fact(1, "a viral post", None, standing="unnamed"), writer(2), writer(3)]
    result = timeline(rows)
    assert result.status == "denied"
    assert result.reason.startswith("called false in their own reporting by")


def test_status_writer_verdicts_an_independent_supporter_keeps_it_contested():
    rows = [fact(1, "a viral post", None, standing="unnamed"), fact(2, "Dr Amrit Vale", "Harbour University"),
            writer(3), writer(4)]
    assert timeline(rows).status == "contested"


def test_status_writer_verdicts_do_not_undo_an_authority_rejection():
    rows = [fact(1, "a viral post", None, standing="unnamed"),
            fact(2, "Harbourtown police", "Harbourtown", "denies", standing="authority"), writer(3)]
    assert timeline(rows).status == "denied"


def test_status_writer_verdicts_block_an_admission_from_confirming():
    rows = [fact(1, "a local radio station", "Radio Lakeside", standing="media"),
            fact(2, "the Lakeside Group", "Lakeside Group")]
    assert timeline(rows, agent="Lakeside Group").status == "confirmed"
    assert timeline(rows + [writer(3)], agent="Lakeside Group").status == "contested"


@pytest.mark.parametrize("source, side", [("the writer", None), ("Harbour Gazette", "Harbour Gazette")])
def test_status_writer_verdicts_the_writer_is_not_the_unnamed_source_it_quotes(source, side):
    """A blogger the article quotes and the article's own verdict are two sides: the writer's denial
    is no retraction by the blogger."""
    quoted = fact(1, "a local blogger", None, key="article:7")
    own = writer(2, key="article:7", source=source, side=side)
    assert side_key(quoted) != side_key(own)
    assert timeline([quoted, own]).status == "contested"


def test_status_writer_verdicts_an_outlet_debunking_its_own_report_retracts_it():
    rows = [fact(1, "Harbour Gazette", "Harbour Gazette", standing="media"),
            writer(2, source="Harbour Gazette", side="Harbour Gazette")]
    assert timeline(rows).status == "retracted"
