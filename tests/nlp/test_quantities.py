"""Counts, amounts, shares and measures in a statement, and the numbers that are not quantities."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml
from claimwatch.nlp.quantities import find_quantities
from claimwatch.nlp.quantity_lexicon import parse_lexicon


def found(text: str, doc=None) -> list[tuple[float, str, bool]]:
    return [(q.value, q.unit, q.approximate) for q in find_quantities(text, (0, len(text)), doc=doc)]


CASES = [
    # digits with separators; the unit is the counted noun phrase without determiners
    ("Kyiv said Moscow was preparing to deploy 10,000 troops to the front.", [(10000, "troops", False)]),
    ("Seoul said Pyongyang had sent 1,500 special forces troops to the Far East.",
     [(1500, "special forces troops", False)]),
    ("The group said 10 ISIS fighters were caught near the border crossing.", [(10, "isis fighters", False)]),
    ("The militants still hold 200 abducted schoolgirls, the families said.", [(200, "abducted schoolgirls", False)]),
    ("The company shipped 720,000 smartwatches in the last quarter.", [(720000, "smartwatches", False)]),
    # decimals and scales
    ("The UN said 2.5 million people had fled their homes.", [(2500000, "people", False)]),
    ("The government said 1.5 million tonnes of grain had left the port.", [(1500000, "tonnes", False)]),
    # money
    ("Washington pledged $1.2 billion in military aid, the Pentagon said.", [(1200000000, "USD", False)]),
    ("The club agreed a fee of €45m for the striker.", [(45000000, "EUR", False)]),
    ("The fine amounted to 3 million euros, the regulator said.", [(3000000, "EUR", False)]),
    ("The ministry said the fund held £2.3bn in reserves.", [(2300000000, "GBP", False)]),
    ("Prices rose by 500 rubles a month, residents said.", [(500, "RUB", False)]),
    ("The contract was worth $5-6 million, the filing showed.", [(5000000, "USD", False), (6000000, "USD", False)]),
    # "pounds" is money after a scale, a weight otherwise
    ("The club was sold for 40 million pounds, the owners said.", [(40000000, "GBP", False)]),
    ("The fish weighed 280 pounds, the angler said.", [(280, "pounds", False)]),
    # shares
    ("Turnout reached 40 percent in the capital, officials said.", [(40, "percent", False)]),
    ("The party won 40% of the vote.", [(40, "percent", False)]),
    ("The IMF said growth would slow to 1.6 per cent, 0.2 percentage points lower than forecast.",
     [(1.6, "percent", False), (0.2, "percentage points", False)]),
    ("The survey found that two-thirds of the respondents opposed the plan.",
     [(0.667, "share of respondents", False)]),
    # number words
    ("Ten thousand soldiers crossed the river overnight, the army said.", [(10000, "soldiers", False)]),
    ("The ministry said three officers were detained.", [(3, "officers", False)]),
    ("Air defences shot down a dozen drones over the city.", [(12, "drones", False)]),
    ("Twenty-five journalists were killed last year, the group said.", [(25, "journalists", False)]),
    ("Analysts expect five to six million units to be ordered.", [(5000000, "units", False), (6000000, "units", False)]),
    # vague magnitudes: the magnitude named, approximate
    ("Hundreds of civilians were trapped in the basement, rescuers said.", [(100, "civilians", True)]),
    ("Tens of thousands of people marched through the capital on Sunday.", [(10000, "people", True)]),
    # approximations
    ("Some 3,000 residents fled the town, the mayor said.", [(3000, "residents", True)]),
    ("About 40 containers were damaged, according to officials.", [(40, "containers", True)]),
    ("Nearly 200 people were detained at the protest.", [(200, "people", True)]),
    ("More than 600,000 soldiers have been killed or wounded, the ministry claimed.", [(600000, "soldiers", True)]),
    ("At least 45 people died in the strike, medics said.", [(45, "people", True)]),
    ("Up to 50 fishermen are missing after the storm.", [(50, "fishermen", True)]),
    ("Over 1,200 homes were destroyed by the flood.", [(1200, "homes", True)]),
    # ranges: two entries with the same unit
    ("Officials estimated that 11,000 to 12,000 troops had arrived.", [(11000, "troops", False), (12000, "troops", False)]),
    ("Officials estimated that 11,000-12,000 troops had arrived.", [(11000, "troops", False), (12000, "troops", False)]),
    ("Officials estimated that between 11,000 and 12,000 troops had arrived.",
     [(11000, "troops", False), (12000, "troops", False)]),
    # durations and measures are quantities
    ("He said she had served two years in the army.", [(2, "years", False)]),
    ("The blast was equal to 1 tonne of TNT, the institute said.", [(1, "tonne", False)]),
    # not quantities: dates, times, ages, ordinals, identifiers, phone numbers, years, pronoun "one"
    ("The attack began on October 7 and was condemned in 2014 and again in 2022.", []),
    ("The ceasefire took effect at 10:30 a.m. and the talks resumed at 6 pm.", []),
    ("A 45-year-old mechanic, aged 45 by his own account, was arrested.", []),
    ("Michael Reed, 62, said the decision came too late.", []),
    ("Women aged from 18 to 65 were questioned, the survey said.", []),
    ("It was the second time the 1st Battalion had been deployed.", []),
    ("The investigators blamed Russia for downing Flight MH17.", []),
    ("Iran said it was complying with Resolution 2231 and NATO invoked Article 5.", []),
    ("Callers were asked to dial 202-555-0143 for information.", []),
    ("One of them said the convoy had turned back.", []),
    ("The 1990s were a decade of upheaval, he said.", []),
    ("The motion passed by a vote of 52-48 after the home side won 3-1.", []),
    ("He was one of five men released in the exchange.", [(5, "men", False)]),
    ("The council said 1999 voters had signed the petition in 2019.", [(1999, "voters", False)]),
    ("The fire started in a shop at 47 North 9th Avenue.", []),
    ("The magazine moved its offices to 1 World Trade Center last year.", []),
    ("He said the girls were kidnapped six months ago.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quantities_found_without_parse(text, expected):
    assert found(text) == expected


PARSED = [
    ("Seoul said Pyongyang had sent 1,500 special forces troops to the Far East.",
     [(1500, "special forces troops", False)]),
    ("The group said 10 ISIS fighters crossed the border near the town.", [(10, "isis fighters", False)]),
    ("He said she had served two years in the army.", [(2, "years", False)]),
    ("Hundreds of civilians were trapped in the basement, rescuers said.", [(100, "civilians", True)]),
    ("One soldier was killed and one of them was wounded.", [(1, "soldier", False)]),
    ("The supplier said it would make three Galaxy Watch models this year.", [(3, "galaxy watch models", False)]),
    ("Four shots rang out, then two more, residents said.", [(4, "shots", False), (2, "", False)]),
    ("The attack began on October 7 and was condemned in 2014.", []),
    ("The magazine moved its offices to 1 World Trade Center last year.", []),
]


@pytest.mark.parametrize("text, expected", PARSED)
def test_quantities_found_with_parse(nlp, text, expected):
    assert found(text, doc=nlp(text)) == expected


def test_quantities_spans_are_article_offsets_and_include_approximator():
    text = "Officials said on Monday. The army said some 3,000 troops had arrived."
    start = text.index("The army")
    (q,) = find_quantities(text, (start, len(text)))
    assert q.text == "some 3,000 troops"
    assert text[q.span[0]:q.span[1]] == q.text


def test_quantities_only_inside_span():
    text = "Police said 40 people were hurt. The mayor said 12 buses burned."
    span = (text.index("The mayor"), len(text))
    assert [q.value for q in find_quantities(text, span)] == [12]


def test_quantities_doc_of_span_alone_is_accepted(nlp):
    text = "Earlier reports differed. Officials said 300 families were evacuated."
    span = (text.index("Officials"), len(text))
    (q,) = find_quantities(text, span, doc=nlp(text[span[0]:span[1]]))
    assert (q.value, q.unit) == (300, "families")


def test_quantities_vague_magnitudes_can_be_switched_off(monkeypatch):
    from claimwatch.nlp import quantities

    lexicon = parse_lexicon(dict(load_yaml("quantities.yaml"), include_vague=False))
    monkeypatch.setattr(quantities, "quantity_lexicon", lambda: lexicon)
    text = "Hundreds of civilians and 40 soldiers were trapped, rescuers said."
    assert found(text) == [(40, "soldiers", False)]


def test_quantities_lexicon_loads():
    assert parse_lexicon(load_yaml("quantities.yaml")).numbers["twenty"] == 20


@pytest.mark.parametrize("key, bad, message", [
    ("numbers", {"one": "uno"}, "numbers.one"),
    ("currency_symbols", {"$": "dollars"}, "currency_symbols.$"),
    ("months", ["january", True], "months[1]"),
    ("scales", {}, "scales"),
    ("include_vague", "sometimes", "include_vague"),
])
def test_quantities_lexicon_bad_entry_names_file_and_entry(key, bad, message):
    data = dict(load_yaml("quantities.yaml"), **{key: bad})
    with pytest.raises(LexiconError, match="quantities-test.yaml") as err:
        parse_lexicon(data, source="quantities-test.yaml")
    assert message in str(err.value)
