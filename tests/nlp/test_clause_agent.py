"""The agent of a claim is its clause's doer (nlp/claims.py clause_agent); made-up sentences."""
import pytest

from claimwatch.nlp.claims import clause_agent


def _name_at(tok):
    """A stand-in for ActorIndex.name_at: any named entity token names itself (its entity's text)."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            return ent.text
    return None


def _agent(nlp, sentence):
    doc = nlp(sentence)
    return clause_agent(doc[:], _name_at)


@pytest.mark.parametrize("sentence, agent", [
    ("Marta Quill attacked the convoy near the border.", "Marta Quill"),
    ("A Bosnian teenager crashed the school bus.", None),
    ("The Iraqi forces recaptured the dam.", "Iraqi"),
    ("The American strike destroyed the depot.", "American"),
    ("Hamas commander Idris Okonjo planned the raid.", "Idris Okonjo"),
    ("French warplanes bombed the airfield.", "French"),
    ("Paris restaurants raised their prices.", None),
    ("The Madrid pianist Lucia Ferrer recorded the album.", "Lucia Ferrer"),
])
def test_agent_is_the_doer(nlp, sentence, agent):
    assert _agent(nlp, sentence) == agent
