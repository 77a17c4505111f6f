"""Claim grouping inside one article: what a pronoun, an anaphor or a paraphrase points back to.

Each case is a short passage written for these tests; the tests compare the claims of the statement
whose content holds one phrase with those of the statement whose content holds another.
"""
from __future__ import annotations

import pytest

from support import groups_of, statement_about


# A pronoun that names the speaker itself starts a new proposition; it does not point at the claim before.
SPEAKER_PRONOUNS = [
    ("Residents said the river had turned red after the spill. Orlan Chemicals said it would study the results.",
     "river had turned red", "it would study"),
    ("The mayor said the bridge would reopen in May. The transport minister said she would review the budget.",
     "bridge would reopen", "she would review"),
    ("Farmers said the drought had destroyed half the harvest. Bank analysts said they would publish new forecasts.",
     "destroyed half the harvest", "they would publish"),
]


@pytest.mark.parametrize("text, first, second", SPEAKER_PRONOUNS)
def test_grouping_speaker_pronoun_starts_a_new_proposition(analyse, text: str, first: str, second: str) -> None:
    analysis = analyse(text)
    a, b = statement_about(analysis, first), statement_about(analysis, second)
    assert not groups_of(analysis, a) & groups_of(analysis, b)


# A pronoun that is not the speaker, in a short content with nothing else named, is the claim before.
OTHER_PRONOUNS = [
    ("Witnesses said a fuel tanker had exploded near the port. The governor said it was an accident.",
     "tanker had exploded", "it was an accident"),
    ("Two newspapers reported that the minister had resigned. A government spokeswoman said it was untrue.",
     "minister had resigned", "it was untrue"),
]


@pytest.mark.parametrize("text, first, second", OTHER_PRONOUNS)
def test_grouping_pronoun_for_something_else_points_back(analyse, text: str, first: str, second: str) -> None:
    analysis = analyse(text)
    a, b = statement_about(analysis, first), statement_about(analysis, second)
    assert groups_of(analysis, a) & groups_of(analysis, b)


# "the report", "the claims": the claim most statements bore on, not merely the latest one told;
# "Alvarez's claim": what that source said.
ANAPHORS = [
    ("A tabloid reported that the striker had failed a drug test. A radio host said the striker had failed a "
     "doping test. The club said its new stadium would open in August. The league dismissed the report.",
     "failed a drug test", "the report", "stadium would open"),
    ("Senator Ruth Alvarez said 30 migrants had been detained at the crossing. The mayor said the harbour would "
     "close for repairs. A border agency spokesman said Alvarez's claim was false.",
     "30 migrants", "Alvarez's claim", "harbour would close"),
    ("The rebel commander said the hostages had been freed. The mayor said the market would reopen on Monday. "
     "Relatives of the hostages said they were surprised by the claims of the commander.",
     "hostages had been freed", "surprised by the claims", "market would reopen"),
]


@pytest.mark.parametrize("text, meant, anaphor, other", ANAPHORS)
def test_grouping_anaphor_joins_the_claim_it_means(analyse, text: str, meant: str, anaphor: str, other: str) -> None:
    analysis = analyse(text)
    target, later, distractor = (statement_about(analysis, p) for p in (meant, anaphor, other))
    assert groups_of(analysis, later) & groups_of(analysis, target)
    assert not groups_of(analysis, later) & groups_of(analysis, distractor)


# The same predicate (or a listed paraphrase of it) of the same object is one proposition; another object is not.
PARAPHRASES = [
    ("The finance ministry said it would cut fuel taxes in July. Opposition leaders said the government planned to "
     "reduce taxes on petrol.", "cut fuel taxes", "reduce taxes", True),
    ("The port authority said it would raise docking fees. The dockers' union said the company would raise wages "
     "next year.", "raise docking fees", "raise wages", False),
    ("The club said it would sack the coach after the defeat. Fans said the board had decided to fire the coach.",
     "sack the coach", "fire the coach", True),
    ("Estonian officials said Russia had deployed 2,000 troops near the border. The Kremlin said NATO had sent "
     "troops to the region.", "deployed 2,000 troops", "sent troops", False),
]


@pytest.mark.parametrize("text, first, second, same", PARAPHRASES)
def test_grouping_paraphrase_of_predicate_and_object(analyse, text: str, first: str, second: str, same: bool) -> None:
    analysis = analyse(text)
    a, b = statement_about(analysis, first), statement_about(analysis, second)
    assert bool(groups_of(analysis, a) & groups_of(analysis, b)) is same


# A place noun alone ("the town") names where something happens, not a capture of territory.
EVENT_TYPES = [
    ("The mayor said the town would host a jazz festival in June.", "host a jazz festival", None),
    ("Rebel commanders said they had retaken the city overnight.", "retaken the city", "territorial_control"),
    ("Local officials said the town had been closed to visitors.", "closed to visitors", None),
]


@pytest.mark.parametrize("text, phrase, event", EVENT_TYPES)
def test_grouping_event_type_needs_an_event_word(analyse, text: str, phrase: str, event: str | None) -> None:
    analysis = analyse(text)
    s = statement_about(analysis, phrase)
    predicates = {c.predicate for c in analysis.claims if c.id in s.claims}
    assert predicates == {event}


# The article's most named company is who acts in its claims, not what they are about: claims that
# merely name it are not variants of one proposition.
ACTOR_TOPICS = [
    ("Customers said Vantel had cut their internet service without warning. Vantel said it had upgraded its "
     "network in March. Analysts said Vantel shares had fallen sharply after the outage. A Vantel engineer "
     "said the outage was caused by a storm.", "cut their internet service", "shares had fallen"),
]


@pytest.mark.parametrize("text, first, second", ACTOR_TOPICS)
def test_grouping_actor_named_everywhere_is_no_topic(analyse, text: str, first: str, second: str) -> None:
    analysis = analyse(text)
    a, b = statement_about(analysis, first), statement_about(analysis, second)
    assert not groups_of(analysis, a) & groups_of(analysis, b)
