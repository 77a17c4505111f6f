"""The assessment knowledge base (``implications.yaml``): per event type, what follows if a claim is true.

Parsed into typed records and validated on load, so a bad edit fails with a
:class:`~claimwatch.errors.LexiconError` naming the file and entry instead of silently producing
sentences with holes. Every event type of ``event_types.yaml`` must have an entry.
"""
from __future__ import annotations

import logging
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Optional

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.model import ACTOR_KINDS, EVIDENCE_KINDS, STANCES

SOURCE = "implications.yaml"
log = logging.getLogger("claimwatch.assess")
KINDS = ("significance", "position", "call", "implication", "risk", "watch")
# Slots a knowledge-base text may use; the writer fills them from the topic.
SLOTS = ("subject", "accuser", "asserters", "deniers", "cautious")
STANCE_CLASSES = ("positive", "cautious", "negative")
GENERIC_WATCH_CITES = ("cautious", "denies", "evidence", "single_camp")


_POSITION_SLOTS = ("names", "claim", "evidence", "details", "contrast")
# The sentence templates the writer fills, with the slots each may use; a nested mapping is a group.
TEMPLATE_SPEC: dict[str, Any] = {
    "situation": ("claim", "status", "counts"),
    "significance": ("significance",),
    "status": {"contested": (), "unconfirmed": (), "uncontested": ()},
    "counts": {"positive": ("n",), "cautious": ("n",), "negative": ("n",)},
    "positions": {
        "asserts": {"one": _POSITION_SLOTS, "many": _POSITION_SLOTS},
        "supports": {"one": _POSITION_SLOTS, "many": _POSITION_SLOTS},
        "cautious": {"one": _POSITION_SLOTS, "many": _POSITION_SLOTS, "self": _POSITION_SLOTS},
        "denies": {"one": _POSITION_SLOTS, "many": _POSITION_SLOTS},
        "shift": ("side", "before", "before_source", "before_date", "after", "after_source", "after_date"),
    },
    "shift_stances": {k: () for k in ("asserts", "supports", "uncommitted", "disputes", "no_evidence", "denies")},
    "stance_past": {k: () for k in ("asserts", "supports", "uncommitted", "disputes", "denies")},
    "undated": (),
    "untyped_topic": (),
    "settle": {"silent": ("claim", "silent"), "no_evidence": ("claim", "asserters")},
    "contrast": ("asserters",),
    "evidence": ("evidence",),
    "details": {"uncommitted": (), "disputes": (), "no_evidence": ()},
    "calls": {"appeal": ("cue", "content"), "warn": ("cue", "content"), "sentence": ("source", "acts")},
    "implication": ("claim", "text"),
    "implication_confirmed": ("claim", "text", "reason"),
    "status_reason": ("status", "date", "source", "stance"),
    "status_reason_undated": ("status", "source", "stance"),
    "risk": ("text",),
    "ledger": ("claim", "status", "steps", "counts"),
    "ledger_step": ("status", "date", "source"),
    "ledger_step_undated": ("status", "source"),
    "ledger_counts": ("for", "uncommitted", "against"),
}
WATCH_GENERIC_SLOTS = (*SLOTS, "claim", "evidence", "topic")


@dataclass(frozen=True)
class Condition:
    """When a rule applies: slots that must be filled, subject kinds, stances present, contestedness."""

    needs: tuple[str, ...] = ()
    subject_kinds: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    contested: Optional[bool] = None


@dataclass(frozen=True)
class Rule:
    """One implication, risk or watch item: a template with its conditions."""

    text: str
    when: Condition = Condition()
    affects: tuple[str, ...] = ()
    kind: str = ""  # risks only: escalation, spillover, more_states ...
    related: tuple[str, ...] = ()  # risks only: event types whose statements also ground it


@dataclass(frozen=True)
class EventKnowledge:
    """What analysts draw from one event type."""

    id: str
    label: str  # from event_types.yaml ("foreign troop or personnel deployment")
    claim: str
    claim_general: str
    significance: str
    implications: tuple[Rule, ...]
    risks: tuple[Rule, ...]
    watch: tuple[Rule, ...]


@dataclass(frozen=True)
class Knowledge:
    """The whole knowledge base: section titles, sentence templates, stance words and event types."""

    sections: dict[str, str]
    templates: dict[str, Any]
    stance_words: dict[str, tuple[str, ...]]
    no_evidence_markers: tuple[str, ...]
    definite_names: frozenset[str]
    definite_heads: frozenset[str]  # first words of names written with "the" ("Department of ...")
    evidence_names: dict[str, str]  # evidence kind -> words in a sentence
    types: dict[str, EventKnowledge]
    parents: dict[str, str]  # event type -> parent, from event_types.yaml
    # Recognition with confidence: an event type's significance, implications, risks and watch items
    # are drawn only for a topic whose claims hold at least ``min_cues`` distinct cue words of their type.
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # event type -> its trigger words
    min_cues: int = 2

    def family(self, event_type: str) -> str:
        """The root of an event type's parent chain, so a child and its parent count as one topic."""
        seen = {event_type}
        while event_type in self.parents and self.parents[event_type] not in seen:
            event_type = self.parents[event_type]
            seen.add(event_type)
        return event_type


def _fail(where: str, problem: str) -> LexiconError:
    return LexiconError(f"{SOURCE}: {where}: {problem}")


def _slots(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _template(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"expected a non-empty text, got {value!r}")
    try:
        unknown = _slots(value) - set(allowed)
    except ValueError as exc:
        raise _fail(where, f"malformed template {value!r}: {exc}") from exc
    if unknown:
        raise _fail(where, f"unknown slot(s) {', '.join(sorted(unknown))}; allowed: {', '.join(allowed)}")
    return value


def _templates(value: Any, spec: Mapping[str, Any], where: str) -> None:
    """Check a templates group against :data:`TEMPLATE_SPEC`: every key present, no unknown slot."""
    if not isinstance(value, Mapping):
        raise _fail(where, "expected a mapping of templates")
    for key, sub in spec.items():
        if key not in value:
            raise _fail(where, f"missing template '{key}'")
        if isinstance(sub, Mapping):
            _templates(value[key], sub, f"{where}.{key}")
        else:
            _template(value[key], f"{where}.{key}", sub)


def _strings(value: Any, where: str, choices: Optional[tuple[str, ...]] = None) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"expected a list of non-empty strings, got {value!r}")
    if choices is not None:
        for v in value:
            if v not in choices:
                raise _fail(where, f"unknown value {v!r}; expected one of {', '.join(choices)}")
    return tuple(value)


def _condition(value: Any, where: str) -> Condition:
    if value is None:
        return Condition()
    if not isinstance(value, Mapping):
        raise _fail(where, f"'when' must be a mapping, got {value!r}")
    unknown = set(value) - {"needs", "subject_kinds", "stances", "contested"}
    if unknown:
        raise _fail(where, f"unknown condition(s) {', '.join(sorted(map(str, unknown)))}")
    contested = value.get("contested")
    if contested is not None and not isinstance(contested, bool):
        raise _fail(where, f"'contested' must be true or false, got {contested!r}")
    return Condition(
        needs=_strings(value.get("needs"), f"{where}.needs", SLOTS),
        subject_kinds=_strings(value.get("subject_kinds"), f"{where}.subject_kinds", ACTOR_KINDS),
        stances=_strings(value.get("stances"), f"{where}.stances", STANCES),
        contested=contested,
    )


def _rules(value: Any, where: str, type_ids: set[str], risk: bool = False) -> tuple[Rule, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "expected a non-empty list of rules")
    fields = {"text", "when", "affects"} | ({"kind", "related"} if risk else set())
    rules = []
    for i, raw in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(raw, Mapping) or "text" not in raw:
            raise _fail(at, "expected a mapping with 'text'")
        unknown = set(raw) - fields
        if unknown:
            raise _fail(at, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        rule = Rule(
            text=_template(raw["text"], f"{at}.text", SLOTS),
            when=_condition(raw.get("when"), f"{at}.when"),
            affects=_strings(raw.get("affects"), f"{at}.affects"),
        )
        used = _slots(rule.text)
        missing = used - set(rule.when.needs) - {"asserters"}
        if missing:
            raise _fail(at, f"uses slot(s) {', '.join(sorted(missing))} without listing them under when.needs")
        if risk:
            if not isinstance(raw.get("kind"), str) or not raw["kind"].strip():
                raise _fail(at, "a risk needs a 'kind' (escalation, spillover, more_states ...)")
            related = _strings(raw.get("related"), f"{at}.related")
            for r in related:
                if r not in type_ids:
                    raise _fail(f"{at}.related", f"unknown event type {r!r}")
            rule = Rule(rule.text, rule.when, rule.affects, raw["kind"], related)
        rules.append(rule)
    return tuple(rules)


def _event(raw: Any, type_id: str, label: str, type_ids: set[str]) -> EventKnowledge:
    where = f"types.{type_id}"
    required = ("claim", "claim_general", "significance", "implications", "risks", "watch")
    if not isinstance(raw, Mapping):
        raise _fail(where, "expected a mapping")
    for key in required:
        if key not in raw:
            raise _fail(where, f"missing field '{key}'")
    unknown = set(raw) - set(required)
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    return EventKnowledge(
        id=type_id,
        label=label,
        claim=_template(raw["claim"], f"{where}.claim", ("subject",)),
        claim_general=_template(raw["claim_general"], f"{where}.claim_general", ()),
        significance=_template(raw["significance"], f"{where}.significance", ()),
        implications=_rules(raw["implications"], f"{where}.implications", type_ids),
        risks=_rules(raw["risks"], f"{where}.risks", type_ids, risk=True),
        watch=_rules(raw["watch"], f"{where}.watch", type_ids),
    )


def event_type_cues(data: Any) -> dict[str, frozenset[str]]:
    """Event type id -> every trigger word of ``event_types.yaml`` (verbs, nouns, required words)."""
    types = data.get("types") if isinstance(data, Mapping) else None
    return {t["id"]: frozenset(w.lower() for key in ("verbs", "nouns", "requires") for w in t.get(key) or ())
            for t in types or () if isinstance(t, Mapping) and "id" in t}


def event_type_info(data: Any) -> dict[str, tuple[Optional[str], str]]:
    """Event type ids of ``event_types.yaml`` data with their parent (None at the root) and label."""
    types = data.get("types") if isinstance(data, Mapping) else None
    if not isinstance(types, list):
        raise LexiconError("event_types.yaml: types: expected a list of event types")
    return {t["id"]: (t.get("parent"), str(t.get("label") or t["id"].replace("_", " ")))
            for t in types if isinstance(t, Mapping) and "id" in t}


def _evidence_names(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _fail("evidence_names", "expected a mapping of evidence kind to words")
    for kind, words in value.items():
        if kind not in EVIDENCE_KINDS:
            raise _fail(f"evidence_names.{kind}", f"unknown evidence kind; expected one of {', '.join(EVIDENCE_KINDS)}")
        if not isinstance(words, str) or not words.strip():
            raise _fail(f"evidence_names.{kind}", "expected non-empty words")
    return dict(value)


def parse_knowledge(data: Any, event_types: Mapping[str, tuple[Optional[str], str]],
                    require_all: bool = True, cues: Optional[Mapping[str, frozenset[str]]] = None) -> Knowledge:
    """Validate parsed ``implications.yaml`` data against the event types it must cover.

    With ``require_all=False`` an event type without an entry is only logged (its claims then yield
    no topic), so a type added to ``event_types.yaml`` does not stop the CLI; the test suite keeps
    ``require_all=True`` so the gap cannot go unnoticed.
    """
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise _fail("top level", "expected a mapping with 'version: 1'")
    for key in ("sections", "templates", "stance_words", "no_evidence_markers", "definite_names", "definite_heads", "evidence_names", "types"):
        if key not in data:
            raise _fail("top level", f"missing section '{key}'")
    sections = data["sections"]
    if not isinstance(sections, Mapping) or set(sections) != set(KINDS):
        raise _fail("sections", f"expected a title for each of {', '.join(KINDS)}")
    words = data["stance_words"]
    if not isinstance(words, Mapping) or set(words) != set(STANCE_CLASSES):
        raise _fail("stance_words", f"expected lists for {', '.join(STANCE_CLASSES)}")
    templates = data["templates"]
    if not isinstance(templates, Mapping):
        raise _fail("templates", "expected a mapping")
    _templates(templates, TEMPLATE_SPEC, "templates")
    for i, item in enumerate(templates.get("watch_generic") or ()):
        if not isinstance(item, Mapping) or item.get("cites") not in GENERIC_WATCH_CITES:
            raise _fail(f"templates.watch_generic[{i}]", f"'cites' must be one of {', '.join(GENERIC_WATCH_CITES)}")
        _template(item.get("text"), f"templates.watch_generic[{i}].text", WATCH_GENERIC_SLOTS)
    types = data["types"]
    if not isinstance(types, Mapping):
        raise _fail("types", "expected a mapping of event type id to its entry")
    ids = set(event_types)
    missing = ids - set(types)
    if missing:
        problem = _fail("types", f"no entry for event type(s) {', '.join(sorted(missing))} of event_types.yaml")
        if require_all:
            raise problem
        log.warning("%s; their claims are not assessed", problem)
        ids -= missing
    extra = set(types) - ids
    if extra:
        raise _fail("types", f"entry for unknown event type(s) {', '.join(sorted(map(str, extra)))}")
    recognition = data.get("recognition") or {}
    if not isinstance(recognition, Mapping) or set(recognition) - {"min_cues"}:
        raise _fail("recognition", f"expected a mapping with 'min_cues', got {recognition!r}")
    min_cues = recognition.get("min_cues", 2)
    if not isinstance(min_cues, int) or isinstance(min_cues, bool) or min_cues < 1:
        raise _fail("recognition.min_cues", f"expected a whole number of at least 1, got {min_cues!r}")
    return Knowledge(
        cues=dict(cues or {}), min_cues=min_cues,
        sections=dict(sections),
        templates=dict(templates),
        stance_words={k: _strings(v, f"stance_words.{k}") for k, v in words.items()},
        no_evidence_markers=_strings(data["no_evidence_markers"], "no_evidence_markers"),
        definite_names=frozenset(_strings(data["definite_names"], "definite_names")),
        definite_heads=frozenset(_strings(data["definite_heads"], "definite_heads")),
        evidence_names=_evidence_names(data["evidence_names"]),
        types={tid: _event(types[tid], tid, event_types[tid][1], set(event_types)) for tid in sorted(ids)},
        parents={k: v[0] for k, v in event_types.items() if v[0]},
    )


@lru_cache(maxsize=None)
def load_knowledge() -> Knowledge:
    """The packaged knowledge base, validated once per process."""
    types = load("event_types")
    return parse_knowledge(load("implications"), event_type_info(types), require_all=False, cues=event_type_cues(types))
