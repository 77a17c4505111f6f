"""Rule-based findings: each section's sentences filled from templates kept as data.

Every finding cites the statements its sentence rests on and declares the stances it attributes to
them and the claims it is about, so :mod:`claimwatch.assess.grounding` can check it.
"""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from claimwatch.assess.grounding import linked_text
from claimwatch.assess.knowledge import Condition, Knowledge, Rule
from claimwatch.assess.model import Finding, LedgerStanding, StatusStep
from claimwatch.assess.sides import SidePosition, side_positions
from claimwatch.assess.topics import (
    STANCE_CLASS, SUBJECT_KINDS, StatementIndex, Topic, camp_names, certainty, describe_camps, display_name, join_names,
)
from claimwatch.lexicons.schema import load_gazetteer

CALL_ACTS = ("appeal", "warn")
_CLAUSE_STARTS = ("that", "of", "against", "about", "over", "on")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stances(index: StatementIndex, cites: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({index[c].statement.stance for c in cites}))


def _about(index: StatementIndex, topic: Topic, cites: Sequence[str]) -> tuple[str, ...]:
    """The topic's claims plus the claims of any cited statement from a related topic."""
    claims = list(topic.claims)
    for cite in cites:
        claims += [c for c in index[cite].claims if c not in claims]
    return tuple(claims)


def _evidence(index: StatementIndex, cites: Sequence[str], kb: Knowledge) -> str:
    """The evidence kinds the statements cite, as words: "satellite imagery, photos and video"."""
    kinds: list[str] = []
    for cite in cites:
        for ev in index[cite].statement.evidence:
            kind = kb.evidence_names.get(ev.kind, ev.kind.replace("_", " "))
            if kind not in kinds:
                kinds.append(kind)
    return join_names(kinds)


class TopicView:
    """A topic with its camps by stance and the template slots they fill."""

    def __init__(self, topic: Topic, index: StatementIndex, kb: Knowledge,
                 standing: Optional[LedgerStanding] = None) -> None:
        self.topic, self.index, self.kb = topic, index, kb
        self.standing = standing  # the ledger claim this topic is, in a story
        # Each side counts by where it stands now: its current run of statements (see assess.sides).
        self.sides = side_positions(topic, index)
        self.positive = self._current("positive")
        self.asserting = tuple(c for c in self.positive if index[c].statement.stance == "asserts")
        self.backing = tuple(c for c in self.positive if index[c].statement.stance == "supports")
        self.cautious = self._current("cautious")
        self.negative = self._current("negative")
        self.subject = display_name(topic.subject, kb) if topic.subject and self._subject_named() else None
        knowledge = kb.types[topic.event_type]
        self.typed = topic.confident  # the event type's knowledge applies only when recognised with confidence
        if not self.typed:
            self.claim = self._own_words()
        else:
            self.claim = knowledge.claim.format(subject=self.subject) if self.subject else knowledge.claim_general
        self.accuser = self._accuser()

    def _own_words(self) -> str:
        """The topic's claim as its statements word it: the claim most of its statements are about."""
        counts: dict[str, int] = {}
        for cite in self.topic.cites:
            for claim_id in self.index[cite].claims:
                if claim_id in self.topic.claims:
                    counts[claim_id] = counts.get(claim_id, 0) + 1
        best = max(self.topic.claims, key=lambda c: counts.get(c, 0))
        text = " ".join(self.index.claims[best][0].text.split()).rstrip(". ")
        first = text.split(" ", 1)[0]
        function_word = first != "I" and first.lower() in STOP_WORDS  # "The creature", not "Governor Alan Brisk"
        return text[:1].lower() + text[1:] if function_word else text

    def silent(self) -> list[str]:
        """Actors the topic's claims are about (their subject or object) who have not spoken on it:
        those with direct knowledge whose word would settle it."""
        spoken = {self.index[c].statement.source for c in self.topic.cites} | {self.index.camp(c) for c in self.topic.cites}
        out: list[str] = []
        for claim_id in self.topic.claims:
            claim, analysis = self.index.claims[claim_id]
            for name in (claim.subject, claim.object):
                actor = analysis.actor(name) if name else None
                if actor is not None and actor.kind in SUBJECT_KINDS and actor.name not in spoken \
                        and actor.affiliation not in spoken and actor.name not in out:
                    out.append(actor.name)
        return out

    def _current(self, cls: str) -> tuple[str, ...]:
        return self.index.ordered(c for p in self.sides if p.stance_class(self.index) == cls for c in p.cites)

    @property
    def stances(self) -> set[str]:
        """The stances the sides hold now."""
        return {self.index[c].statement.stance for p in self.sides for c in p.cites}

    @property
    def contested(self) -> bool:
        return bool(self.stances & {"denies", "disputes"})

    @property
    def confirmed(self) -> bool:
        """Whether the ledger rates the topic's claim confirmed (as of the assessment's date)."""
        return self.standing is not None and self.standing.status == "confirmed"

    def _subject_named(self) -> bool:
        """Whether the asserting statements name the subject; if not, sentences must not either."""
        if not self.positive:
            return True
        linked = linked_text(Finding("significance", "", self.positive, 0.0), self.index)
        forms = self.index.forms.get(self.topic.subject or "", frozenset({self.topic.subject or ""}))
        return any(form and form in linked for form in forms)

    def _accuser(self) -> Optional[str]:
        """The state asserting the claim most often, other than the subject itself."""
        counts: dict[str, int] = {}
        for cite in self.asserting:
            camp = self.index.camp(cite)
            place = load_gazetteer().get(camp)
            if camp != self.topic.subject and place is not None and place.kind == "country":
                counts[camp] = counts.get(camp, 0) + 1
        if not counts:
            return None
        return display_name(max(counts, key=lambda c: counts[c]), self.kb)

    def slots(self) -> dict[str, Optional[str]]:
        return {
            "subject": self.subject, "accuser": self.accuser,
            "asserters": camp_names(self.index, self.positive, self.kb) or None,
            "deniers": camp_names(self.index, self.negative, self.kb) or None,
            "cautious": camp_names(self.index, self.cautious, self.kb) or None,
        }

    def applies(self, when: Condition) -> bool:
        slots = self.slots()
        if any(not slots.get(need) for need in when.needs):
            return False
        if when.subject_kinds and self.topic.subject_kind not in when.subject_kinds:
            return False
        if when.stances and not set(when.stances) <= self.stances:
            return False
        if when.contested is not None and when.contested != self.contested:
            return False
        return True

    def fill(self, rule: Rule) -> str:
        return rule.text.format(**{k: v or "" for k, v in self.slots().items()})


def situation(view: TopicView) -> list[Finding]:
    """What is at issue, how contested it is, and why it matters if true."""
    t, index, kb = view.topic, view.index, view.kb
    tpl = kb.templates
    counts = []
    for cls, cites in (("positive", view.positive), ("cautious", view.cautious), ("negative", view.negative)):
        if cites:
            counts.append(tpl["counts"][cls].format(n=len(cites)))
    status = "contested" if view.contested else "unconfirmed" if view.cautious else "uncontested"
    committed = view.positive + view.cautious + view.negative
    findings = []
    if committed:
        findings.append(Finding(
            "significance",
            tpl["situation"].format(claim=view.claim, status=tpl["status"][status], counts=", ".join(counts)),
            index.ordered(committed), round(certainty(index, committed), 2),
            _stances(index, committed), t.claims))
    if view.positive and view.typed:
        knowledge = kb.types[t.event_type]
        findings.append(Finding(
            "significance", tpl["significance"].format(significance=knowledge.significance),
            view.positive, round(0.4 + 0.5 * t.support(index), 2), _stances(index, view.positive), t.claims))
    return findings


def _self_speaking(view: TopicView, cites: Sequence[str]) -> bool:
    """One source that is its own camp ("NATO", "Dan Olsen"): the sentence need not name it twice."""
    sources = {view.index[c].statement.source for c in cites}
    return len(sources) == 1 and all(view.index.camp(c) == view.index[c].statement.source for c in cites)


def _details(view: TopicView, cites: Sequence[str], with_source: bool = True) -> str:
    """"Lloyd Austin could not confirm it; Mark Rutte sees no evidence for it"."""
    tpl = view.kb.templates["details"]
    parts = []
    for cite in cites:
        s = view.index[cite].statement
        key = s.stance
        if s.stance == "disputes" and any(m in s.content.lower() for m in view.kb.no_evidence_markers):
            key = "no_evidence"
        source = "unnamed sources" if s.source == "unnamed" else s.source
        part = f"{source} {tpl[key]}" if with_source else tpl[key]
        if part not in parts:
            parts.append(part)
    return join_names(parts) if not with_source else "; ".join(parts)


def _bucket(view: TopicView, position: SidePosition) -> str:
    """The position sentence a side belongs in, by where it stands now."""
    cls = position.stance_class(view.index)
    if cls == "positive":
        asserting = any(view.index[c].statement.stance == "asserts" for c in position.cites)
        return "asserts" if asserting else "supports"
    return "cautious" if cls == "cautious" else "denies"


def _day(date: Optional[str], kb: Knowledge) -> str:
    return date or kb.templates["undated"]


def _stance_words(view: TopicView, cite: str) -> str:
    """How a shift sentence names a stance: "asserts it", "could not confirm", "sees no evidence"."""
    s = view.index[cite].statement
    key = s.stance
    if s.stance == "disputes" and any(m in s.content.lower() for m in view.kb.no_evidence_markers):
        key = "no_evidence"
    return view.kb.templates["shift_stances"][key]


def _shift(view: TopicView, position: SidePosition) -> Finding:
    """"The United States moved from 'could not confirm' (Lloyd Austin, 2024-10-21) to 'asserts it'
    (Lloyd Austin, 2024-10-23)": one side's change of stance, citing both statements."""
    index, kb = view.index, view.kb
    before, now = position.previous, position.moved
    assert before is not None
    text = kb.templates["positions"]["shift"].format(
        side=display_name(position.side, kb), before=_stance_words(view, before),
        before_source=index[before].statement.source, before_date=_day(index.date(before), kb),
        after=_stance_words(view, now), after_source=index[now].statement.source,
        after_date=_day(index.date(now), kb))
    grounds = index.ordered((before, *position.cites))
    return Finding("position", _capitalise(text), grounds, round(certainty(index, position.cites), 2),
                   _stances(index, grounds), view.topic.claims, sides=(position.record(index),))


def positions(view: TopicView) -> list[Finding]:
    """Each side once, by where it stands now: who asserts, backs, is cautious, denies (with the
    contrasts stated), then each side that moved, with its earlier stance and both dates."""
    index, kb, t = view.index, view.kb, view.topic
    tpl = kb.templates
    out = []

    def contrast(cites: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        """", against the assertions of ..." naming the positive camps not in this bucket, and their cites."""
        own = {index.camp(c) for c in cites}
        others = tuple(c for c in view.positive if index.camp(c) not in own)
        return (tpl["contrast"].format(asserters=camp_names(index, others, kb)), others) if others else ("", ())
    steady: dict[str, list[SidePosition]] = {"asserts": [], "supports": [], "cautious": [], "denies": []}
    for position in view.sides:
        if position.previous is None:
            steady[_bucket(view, position)].append(position)
    for name, members in steady.items():
        if not members:
            continue
        cites = index.ordered(c for p in members for c in p.cites)
        extra: dict[str, str] = {}
        if name == "asserts":
            evidence = _evidence(index, cites, kb)
            extra["evidence"] = tpl["evidence"].format(evidence=evidence) if evidence else ""
        if name == "cautious":
            extra["details"] = _details(view, cites, not _self_speaking(view, cites))
        against: tuple[str, ...] = ()
        if name in ("cautious", "denies"):
            extra["contrast"], against = contrast(cites)
        names, n = describe_camps(index, cites, kb)
        form = tpl["positions"][name]["one" if n == 1 else "many"]
        if name == "cautious" and n == 1 and _self_speaking(view, cites):
            form = tpl["positions"][name]["self"]
        text = _capitalise(form.format(names=names, claim=view.claim, **extra))
        grounds = tuple(cites) + against
        out.append(Finding("position", text, index.ordered(grounds), round(certainty(index, cites), 2),
                           _stances(index, grounds), t.claims, sides=tuple(p.record(index) for p in members)))
    out += [_shift(view, p) for p in view.sides if p.previous is not None]
    return out


def calls(index: StatementIndex, kb: Knowledge) -> list[Finding]:
    """Appeals and warnings, one sentence per source, citing each of its calls."""
    tpl = kb.templates["calls"]
    by_source: dict[tuple[str, str], list[str]] = {}
    for cite, item in index.items.items():
        if item.statement.act in CALL_ACTS and item.statement.source != "unnamed":
            by_source.setdefault((item.analysis.article.id, item.statement.source), []).append(cite)
    out = []
    for (_, source), cites in by_source.items():
        acts = []
        for cite in cites:
            s = index[cite].statement
            content = " ".join(s.content.split()).rstrip(".")
            first = content.split(" ", 1)[0].lower()
            if s.act == "warn" and first not in _CLAUSE_STARTS and not s.cue.endswith((" of", " that")):
                content = "that " + content
            acts.append(tpl[s.act].format(cue=s.cue, content=content))
        camp = index.camp(cites[0])
        who = source if camp == source else f"{source} ({display_name(camp, kb)})"
        text = tpl["sentence"].format(source=who, acts=" and ".join(acts))
        out.append(Finding("call", _capitalise(text), index.ordered(cites), round(certainty(index, cites), 2),
                           _stances(index, cites), ()))
    return out


def confirming_step(standing: Optional[LedgerStanding], index: StatementIndex) -> Optional[StatusStep]:
    """The step at which the ledger rated the claim confirmed, when its statement is in the story."""
    if standing is None or standing.status != "confirmed":
        return None
    return next((s for s in reversed(standing.steps) if s.status == "confirmed" and s.cite in index), None)


def status_reason(step: StatusStep, kb: Knowledge) -> str:
    """"confirmed on 2024-10-23 when Lloyd Austin asserted it": why the ledger gives the status."""
    stance = kb.templates["stance_past"][step.stance]
    if not step.date:
        return kb.templates["status_reason_undated"].format(status=step.status, source=step.source, stance=stance)
    return kb.templates["status_reason"].format(status=step.status, date=step.date[:10], source=step.source,
                                                stance=stance)


def implications(view: TopicView) -> list[Finding]:
    """"If it is confirmed that ..., ..." for each knowledge-base implication whose conditions hold;
    "Now that it is confirmed ..." with the ledger's reason once the ledger rates the claim confirmed."""
    if not view.positive or not view.typed:
        return []
    index, kb, t = view.index, view.kb, view.topic
    step = confirming_step(view.standing, index) if view.confirmed else None
    cites = index.ordered(view.positive + ((step.cite,) if step else ()))
    about = _about(index, t, (step.cite,)) if step else t.claims
    out = []
    for rule in kb.types[t.event_type].implications:
        if not view.applies(rule.when):
            continue
        if step is not None:
            text = kb.templates["implication_confirmed"].format(claim=view.claim, text=view.fill(rule),
                                                                reason=status_reason(step, kb))
        else:
            text = kb.templates["implication"].format(claim=view.claim, text=view.fill(rule))
        out.append(Finding("implication", text, cites, round(0.3 + 0.5 * t.support(index), 2),
                           _stances(index, cites), about))
    return out


def risks(view: TopicView, related: Sequence[Topic]) -> list[Finding]:
    """Knowledge-base risks, also citing the warnings in related topics (e.g. of escalation)."""
    if not view.positive or not view.typed:
        return []
    index, kb, t = view.index, view.kb, view.topic
    out = []
    for rule in kb.types[t.event_type].risks:
        if not view.applies(rule.when):
            continue
        extra = [c for other in related if other.event_type in rule.related or other.family in rule.related
                 for c in other.cites if STANCE_CLASS[index[c].statement.stance] == "positive"]
        cites = index.ordered(list(view.positive) + extra)
        confidence = 0.3 + 0.4 * t.support(index) + (0.2 if extra else 0.0)
        text = kb.templates["risk"].format(text=_capitalise(view.fill(rule)))
        out.append(Finding("risk", text, cites, round(confidence, 2), _stances(index, cites), _about(index, t, extra)))
    return out


def watch(view: TopicView) -> list[Finding]:
    """What would move the claim: generic items by stance pattern, then the event type's own."""
    index, kb, t = view.index, view.kb, view.topic
    slots = view.slots()
    with_evidence = tuple(c for c in view.asserting if index[c].statement.evidence)
    single_camp = len({index.camp(c) for c in view.positive}) == 1
    grounds = {
        "cautious": view.cautious,
        "denies": view.negative,
        "evidence": with_evidence,
        "single_camp": view.positive if single_camp else (),
    }
    topic_words = kb.types[t.event_type]
    out = []
    for item in kb.templates.get("watch_generic") or ():
        cites = grounds[item["cites"]]
        if not cites:
            continue
        fill = {**{k: v or "" for k, v in slots.items()}, "claim": view.claim,
                "asserters": camp_names(index, cites, kb) if item["cites"] == "evidence" else slots["asserters"] or "",
                "evidence": _evidence(index, cites, kb),
                "topic": kb.types[t.event_type].label if view.typed else kb.templates["untyped_topic"]}
        text = item["text"].format(**fill)
        out.append(Finding("watch", _capitalise(text), index.ordered(cites), 0.5,
                           _stances(index, cites), t.claims))
    if view.positive and not view.typed:
        out += settle(view)
    if view.positive and view.typed:
        for rule in topic_words.watch:
            if view.applies(rule.when):
                out.append(Finding("watch", _capitalise(view.fill(rule)), view.positive, 0.5,
                                   _stances(index, view.positive), t.claims))
    return out


def settle(view: TopicView) -> list[Finding]:
    """For a claim of no recognised event type: in general terms, what would settle it — word from
    those it is about who have not spoken, and evidence when its asserters cite none."""
    index, kb, t = view.index, view.kb, view.topic
    tpl = kb.templates["settle"]
    out = []
    silent = view.silent()
    if silent:
        text = tpl["silent"].format(claim=view.claim, silent=join_names([display_name(n, kb) for n in silent]))
        out.append(Finding("watch", _capitalise(text), view.positive, 0.5, _stances(index, view.positive), t.claims))
    if not _evidence(index, view.positive, kb):
        text = tpl["no_evidence"].format(claim=view.claim, asserters=camp_names(index, view.positive, kb))
        out.append(Finding("watch", _capitalise(text), view.positive, 0.5, _stances(index, view.positive), t.claims))
    return out


def ledger_standing(standing: LedgerStanding, index: StatementIndex, kb: Knowledge) -> list[Finding]:
    """What the ledger concluded about a story's claim and when, citing the statements behind each step."""
    cites = tuple(c for c in standing.cites if c in index)
    steps = [s for s in standing.steps if s.cite in index]
    if not cites or not steps:
        return []
    tpl = kb.templates
    text = tpl["ledger"].format(
        claim=standing.text.rstrip(". "), status=standing.status,
        steps="; ".join(tpl["ledger_step"].format(status=s.status, date=s.date[:10], source=s.source) if s.date
                        else tpl["ledger_step_undated"].format(status=s.status, source=s.source) for s in steps),
        counts=tpl["ledger_counts"].format(**{k: standing.counts.get(k, 0) for k in ("for", "uncommitted", "against")}))
    return [Finding(kind="significance", text=text, cites=index.ordered(cites), confidence=0.9,
                    ledger_claim=standing.claim_id)]
