"""A published document's participle carries the content ("the agency leaked a memo indicating Y").

The verbs that publish are one list, ``publishing_verbs`` in ``speech_objects.yaml``, read both by
the statement-object check (``nlp/speech.py``) and by the carrier frame (``nlp/attribution.py``)."""
from __future__ import annotations

import pytest

from claimwatch.nlp.speech import load_speech_objects


@pytest.mark.parametrize("text, source, content", [
    ("The agency leaked a memo indicating that the dam had been inspected only once.",
     "agency", "the dam had been inspected only once"),
    ("The campaign posted a clip showing the senator voting against the bill last spring.",
     "campaign", "the senator voting against the bill last spring"),
])
def test_attribution_publishing_verb_participle_carries_content(analyse, text, source, content):
    statements = [(s.source.lower(), s.content) for s in analyse(text).statements]
    assert (source, content) in statements


@pytest.mark.parametrize("verb", ["leak", "post", "release", "publish"])
def test_attribution_publishing_verbs_come_from_speech_objects(verb):
    assert verb in load_speech_objects().publishing_verbs


def test_attribution_publishing_verbs_not_written_in_code():
    from pathlib import Path
    source = (Path(__file__).resolve().parents[2] / "src/claimwatch/nlp/attribution.py").read_text(encoding="utf-8")
    assert '"publish"' not in source and '"broadcast"' not in source
