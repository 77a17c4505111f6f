"""Evidence kinds named in a statement, from the term lists of lexicons/evidence.yaml."""
from __future__ import annotations

import pytest

from claimwatch.errors import LexiconError
from claimwatch.model import EVIDENCE_KINDS
from claimwatch.nlp.evidence import evidence_terms, find_evidence, parse_lexicon


def kinds(text: str, doc=None) -> set[str]:
    return {e.kind for e in find_evidence(text, [(0, len(text))], doc=doc)}


CASES = [
    ("Kyiv said there was substantial satellite and photographic evidence of the deployment.",
     {"satellite_imagery", "photo"}),
    ("Analysts said satellite photos showed new trenches near the border.", {"satellite_imagery"}),
    ("Commercial satellite imagery reviewed by the institute shows damage to the runway.", {"satellite_imagery"}),
    ("The ministry released photographs of the wreckage on its website.", {"photo"}),
    ("The agency published a video purportedly showing soldiers in a forest camp.", {"video"}),
    ("Police said CCTV footage captured the suspect leaving the station.", {"video"}),
    ("Activists shared a clip filmed on a mobile phone outside the hospital.", {"video"}),
    ("The newspaper said a leaked memo showed the plan had been approved in March.", {"document"}),
    ("According to court records, the company paid the consultant twice.", {"document"}),
    ("She said she had received an email from the bank summarising the calls.", {"document"}),
    ("Officials said an intelligence assessment concluded the attack was planned for weeks.",
     {"intelligence_report"}),
    ("US intelligence shows the missiles were moved in October, the official said.", {"intelligence_report"}),
    ("The service said intercepted phone calls revealed the commanders' orders.", {"intercepted_communication"}),
    ("Prosecutors cited wiretaps and radio chatter picked up by the army.", {"intercepted_communication"}),
    ("Witnesses said they saw tanks moving through the village at dawn.", {"eyewitness"}),
    ("Residents saw smoke rising from the depot before the second blast.", {"eyewitness"}),
    ("There were no eyewitness accounts of a fireball, the agency said.", {"eyewitness"}),
    ("Official figures show unemployment fell to its lowest level in a decade.", {"official_data"}),
    ("Census data suggest the town's population has halved since the war began.", {"official_data"}),
    ("Police records show 2,400 burglaries were reported last year.", {"official_data"}),
    ("NATO said there was no video evidence to support the claims.", {"video"}),
    # non-evidence senses
    ("The minister said the video game industry would get new tax breaks.", set()),
    ("Critics called the visit a photo op staged for television.", set()),
    ("Researchers will document the abuses over the coming months.", set()),
    ("He said the bigger picture was one of steady recovery.", set()),
    ("The leaders spoke by video call on Tuesday, the Kremlin said.", set()),
    ("Japan said North Korea launched a military satellite on Monday.", set()),
    ("Sales set new records in the third quarter, the company said.", set()),
    ("Investors are betting on artificial intelligence stocks, analysts said.", set()),
    ("I heard that he had been suspended, the presenter said.", set()),
    ("A spokeswoman told the newspaper by email that the plant was safe.", set()),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_evidence_kinds_named_in_statement(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The report documents abuses in three prisons, the group said.", set()),
    ("He said the files contained the names of 40 informants.", {"document"}),
    ("Officials said they had intercepts of the calls.", {"intercepted_communication"}),
])
def test_evidence_verb_senses_dropped_with_parse(nlp, text, expected):
    assert kinds(text, doc=nlp(text)) == expected


def test_evidence_spans_are_article_offsets_within_statement_spans():
    text = ("Earlier, an unrelated video was shown. The ministry said drone footage and documents "
            "proved the claim.")
    start = text.index("The ministry")
    found = find_evidence(text, [(start, len(text))])
    assert [e.kind for e in found] == ["video", "document"]
    for e in found:
        assert text[e.span[0]:e.span[1]] == e.text
        assert e.span[0] >= start
    assert found[0].text == "footage"


def test_evidence_one_entry_per_kind_first_occurrence():
    text = "She said photos and pictures taken by residents, and more photos, proved it."
    found = find_evidence(text, [(0, len(text))])
    photos = [e for e in found if e.kind == "photo"]
    assert len(photos) == 1 and photos[0].span == (9, 15)


def test_evidence_term_may_cross_adjacent_spans():
    text = "The agency released a video purportedly showing troops."
    cue, between = (11, 19), (20, 27)
    assert [e.kind for e in find_evidence(text, [cue, between])] == ["video"]


def test_evidence_exclusion_looks_beyond_span():
    text = "He said the video game sold well."
    span = (0, text.index(" game"))
    assert find_evidence(text, [span]) == ()


def test_evidence_lexicon_kinds_are_model_kinds():
    assert {t.kind for t in evidence_terms()} == set(EVIDENCE_KINDS)


@pytest.mark.parametrize("data, message", [
    ({"version": 1, "kinds": {"rumour": {"terms": ["gossip"]}}}, "kinds.rumour"),
    ({"version": 1, "kinds": {"photo": {"terms": []}}}, "kinds.photo"),
    ({"version": 1, "kinds": {"photo": {"terms": [{"term": "snap", "within": 0}]}}}, "kinds.photo.terms[0]"),
    ({"version": 1, "kinds": {"video": {"terms": [{"term": "clip", "colour": "red"}]}}}, "kinds.video.terms[0]"),
    ({"version": 1, "kinds": {"video": {"terms": ["clip"], "exclude_after": [True]}}}, "kinds.video.exclude_after"),
    ({"version": 2, "kinds": {}}, "version"),
])
def test_evidence_lexicon_bad_entry_names_file_and_entry(data, message):
    with pytest.raises(LexiconError, match="evidence-test.yaml") as err:
        parse_lexicon(data, source="evidence-test.yaml")
    assert message in str(err.value)
