"""The assessment knowledge base: complete over the event types, and validated on load."""
from __future__ import annotations

import copy

import pytest

from claimwatch.assess.knowledge import event_type_info, load_knowledge, parse_knowledge
from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml

REQUIRED_TYPES = ("troop_deployment", "arms_transfer", "missile_drone_supply", "cyber_attack", "sanctions",
                  "ceasefire", "mobilisation", "nuclear_threat", "border_incident", "election_interference")


@pytest.fixture(scope="module")
def raw():
    return load_yaml("implications.yaml")


@pytest.fixture(scope="module")
def types():
    return event_type_info(load_yaml("event_types.yaml"))


def test_assess_knowledge_covers_every_event_type(raw, types):
    kb = parse_knowledge(raw, types)  # require_all: a type of event_types.yaml without an entry fails here
    assert set(kb.types) == set(types)
    assert len(kb.types) >= 20
    for tid in REQUIRED_TYPES:
        assert tid in kb.types


@pytest.mark.parametrize("type_id", sorted(event_type_info(load_yaml("event_types.yaml"))))
def test_assess_knowledge_each_type_has_implications_risks_and_watch(type_id):
    entry = load_knowledge().types[type_id]
    assert entry.implications and entry.risks and entry.watch
    assert all(r.kind for r in entry.risks)
    assert "{subject}" not in entry.claim_general


def test_assess_knowledge_family_follows_parents():
    kb = load_knowledge()
    assert kb.family("troop_deployment") == "military_involvement"
    assert kb.family("death_of_leader") == "casualties"
    assert kb.family("sanctions") == "sanctions"


def test_assess_knowledge_texts_use_no_stance_words():
    """Knowledge-base texts must not read as someone's stance, or the grounding check drops them."""
    from claimwatch.assess.grounding import stance_classes_in

    kb = load_knowledge()
    for entry in kb.types.values():
        for rule in (*entry.implications, *entry.risks, *entry.watch):
            assert not stance_classes_in(rule.text, kb), (entry.id, rule.text)
        assert not stance_classes_in(entry.significance, kb), entry.id


def _break(data, path, value):
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def test_assess_knowledge_missing_type_is_logged_not_fatal_at_run_time(raw, types, caplog):
    partial = _break(raw, ("types", "sanctions"), KeyError)
    kb = parse_knowledge(partial, types, require_all=False)
    assert "sanctions" not in kb.types and "ceasefire" in kb.types
    assert "no entry for event type(s) sanctions" in caplog.text


@pytest.mark.parametrize(("path", "value", "message"), [
    (("types", "sanctions"), KeyError, "no entry for event type(s) sanctions"),
    (("types", "teleportation"), {"claim": "x"}, "unknown event type(s) teleportation"),
    (("types", "ceasefire", "claim"), "a truce between {party} holds", "types.ceasefire.claim: unknown slot(s) party"),
    (("types", "ceasefire", "implications"), [], "types.ceasefire.implications: expected a non-empty list"),
    (("types", "attack", "risks", 0, "kind"), "", "types.attack.risks[0]: a risk needs a 'kind'"),
    (("types", "attack", "risks", 0, "related"), ["alien_landing"], "unknown event type 'alien_landing'"),
    (("types", "attack", "implications", 0, "when"), {"needs": ["weather"]}, "unknown value 'weather'"),
    (("types", "attack", "implications", 0, "when"), {"stances": ["shrugs"]}, "unknown value 'shrugs'"),
    (("types", "attack", "implications", 0, "when"), {"mood": "grim"}, "unknown condition(s) mood"),
    (("types", "sanctions", "watch", 0, "text"), "Whether {accuser} relents.", "without listing them under when.needs"),
    (("types", "sanctions", "surprise"), "x", "types.sanctions: unknown field(s) surprise"),
    (("evidence_names", "rumour"), "rumours", "evidence_names.rumour: unknown evidence kind"),
    (("sections", "position"), KeyError, "sections"),
    (("templates", "positions", "denies", "many"), KeyError, "templates.positions.denies: missing template 'many'"),
    (("templates", "implication"), "If {claim} holds, {outcome}.", "templates.implication: unknown slot(s) outcome"),
    (("templates", "watch_generic", 0, "text"), "Whether {mood} changes.", "watch_generic[0].text: unknown slot(s) mood"),
    (("version",), 2, "version: 1"),
    (("recognition", "min_cues"), 0, "recognition.min_cues: expected a whole number of at least 1"),
    (("recognition", "min_cues"), "two", "recognition.min_cues: expected a whole number"),
    (("templates", "positions", "shift"), "{side} moved to {mood}.", "templates.positions.shift: unknown slot(s) mood"),
    (("templates", "shift_stances", "denies"), KeyError, "templates.shift_stances: missing template 'denies'"),
])
def test_assess_knowledge_malformed_entry_raises_lexicon_error(raw, types, path, value, message):
    with pytest.raises(LexiconError) as exc:
        parse_knowledge(_break(raw, path, value), types)
    assert "implications.yaml" in str(exc.value)
    assert message in str(exc.value)
