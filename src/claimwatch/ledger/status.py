"""A ledger claim's status and timeline, computed from its statements in date order by data rules.

The rules (``status_rules.yaml``) read counters over *sides* - the state or organisation a source
speaks for - so a repeated accusation adds nothing, while a third party that moves from "cannot
confirm" to "confirms" counts more than one that confirmed from the start. Parties to the claim
(the accused side's denials, the accusing side's assertions) are counted apart from third parties.
:func:`timeline` replays the statements and returns the status after each one and the events:
first allegation, every status change, denials, confirmations and new figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.model import CERTAINTIES, STANCE_POLARITY, Quantity

SOURCE = "status_rules.yaml"
STATUSES = ("alleged", "contested", "corroborated", "confirmed", "denied", "retracted")
COUNTERS = ("accuser_for", "accuser_named_for", "accuser_retracted", "accused_against", "accused_admits",
            "authority_for", "authority_against", "direct_against",
            "third_for", "third_uncommitted", "third_against", "writer_against", "against")
ROLES = ("accuser", "accused", "authority", "third")
STANDINGS = ("writer", "state", "authority", "political", "media", "witness", "unnamed", "")  # who a source is (Fact.standing)


@dataclass(frozen=True)
class Condition:
    """Every counter in ``minimum`` at least its value and every one in ``maximum`` at most its value."""

    minimum: Mapping[str, float] = field(default_factory=dict)
    maximum: Mapping[str, float] = field(default_factory=dict)

    def holds(self, counters: Mapping[str, float]) -> bool:
        return (all(counters[k] >= v for k, v in self.minimum.items())
                and all(counters[k] <= v for k, v in self.maximum.items()))


@dataclass(frozen=True)
class Rule:
    status: str
    conditions: tuple[Condition, ...]  # any of them; an empty tuple always holds
    reason: str = ""  # what a reader is told ("admitted by the party concerned ...")
    cite: tuple[str, ...] = ()  # counters whose sides' latest statements are cited as the reason

    def holds(self, counters: Mapping[str, float]) -> bool:
        return not self.conditions or any(c.holds(counters) for c in self.conditions)


@dataclass(frozen=True)
class StatusRules:
    certainty_weight: Mapping[str, float]
    stance_weight: Mapping[str, float]
    conditional_factor: float
    unnamed_factor: float
    turnaround_factor: float
    rules: tuple[Rule, ...]
    record_weighting: bool = False  # weigh sides by their track record (claimwatch.ledger.records)
    political_factor: float = 1.0  # a political figure's assertion, as a share of an independent one
    standing_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # standing -> words
    named_authority: bool = False  # an authority confirms or rejects only on the record, not as "a source"
    unnamed_words: frozenset[str] = frozenset()  # words that make an authority unnamed ("source", "official")
    admission_apart: bool = False  # an admission must come in another article than the side's denial
    authority_voice: bool = False  # a side confirms as an authority only through an authority's own words
    authorities_apart: bool = False  # on a claim with no agent, each authority of a state is a side of its own
    confirm_certainty: tuple[str, ...] = tuple(CERTAINTIES)  # how sure an admission or confirmation must be
    not_parties: tuple[str, ...] = ()  # standings that never speak for the party concerned (news outlets)
    act_weight: Mapping[str, float] = field(default_factory=dict)  # act -> weight, instead of stance_weight
    distanced_factor: float = 1.0  # a relayed assertion ("reportedly"), as a share of one made on its own word
    unconfirmed_words: frozenset[str] = frozenset()  # words of a source that say it is unverified ("unconfirmed reports")
    discredited_words: frozenset[str] = frozenset()  # words of a source that say it is false ("a phony report", "the hoaxer")
    discredited_factor: float = 1.0  # a discredited source's assertion, as a share of one on its own word
    private_words: frozenset[str] = frozenset()  # people who speak for themselves, wherever they live ("residents")
    positionless_acts: frozenset[str] = frozenset()  # acts that take no position on a claim ("urged", "called for")
    utterance_overlap: float = 1.0  # share of words a lightly edited copy of a quotation shares (1: exact copies only)

    def status(self, counters: Mapping[str, float]) -> str:
        return self.rule(counters).status

    def rule(self, counters: Mapping[str, float]) -> Rule:
        return next(r for r in self.rules if r.holds(counters))

    def standing(self, source: str, role: Optional[str] = None) -> str:
        """ "writer", "state", "authority", "political", "media" or "witness" when a word of the source's
        name or role says so, else ""."""
        words = f" {_plain(source)} {_plain(role or '')} "
        return next((kind for kind, entries in self.standing_words.items()
                     if any(f" {w} " in words for w in entries)), "")


@dataclass(frozen=True)
class Fact:
    """One statement about a ledger claim, as the status rules see it."""

    statement_pk: int
    date: Optional[str]
    source: str  # the actor named as source
    side: Optional[str]  # the state or organisation it speaks for; None for unnamed sources
    stance: str
    certainty: str = "certain"
    conditional: bool = False
    distanced: bool = False  # the speaker relays what it does not make its own ("reportedly", "is said to")
    act: str = ""  # the cue's act (say, report, confirm, echo, ...): a confirmation is not an echo
    source_key: str = ""  # the article's independence key (article_sources.source_key)
    quantities: tuple[Quantity, ...] = ()
    article_id: str = ""
    via: tuple[str, ...] = ()  # who relayed it, outermost first (Statement.via); source is the original
    standing: str = ""  # one of STANDINGS: an authority, a political figure, a news outlet, an unnamed source
    utterance: str = ""  # the content's words, normalised, when long enough to identify one utterance


@dataclass(frozen=True)
class Event:
    """One entry of a claim's timeline."""

    date: Optional[str]
    kind: str  # first_alleged | status_change | new_quantity | denial | confirmation
    from_status: Optional[str]
    to_status: Optional[str]
    statement_pk: Optional[int]
    note: str = ""


@dataclass(frozen=True)
class Timeline:
    status: str
    events: tuple[Event, ...]
    roles: Mapping[str, str]  # side key -> role
    counters: Mapping[str, float]
    reason: str = ""  # why the status holds: the rule's sentence
    reason_statements: tuple[int, ...] = ()  # the statements behind it (latest of each side cited)


# --- rules -----------------------------------------------------------------------------------

def _fail(where: str, problem: str) -> LexiconError:
    return LexiconError(f"{SOURCE}: {where}: {problem}")


def _factor(data: Mapping, key: str, high: float = 10.0) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= high:
        raise _fail(key, f"expected a number between 0 and {high}, got {value!r}")
    return float(value)


def _condition(data: Any, where: str) -> Condition:
    if not isinstance(data, Mapping) or set(data) - {"min", "max"}:
        raise _fail(where, "a condition is a mapping with 'min' and/or 'max'")
    parts = {}
    for key in ("min", "max"):
        part = data.get(key, {}) or {}
        if not isinstance(part, Mapping):
            raise _fail(f"{where}.{key}", "expected a mapping of counter: number")
        for counter, value in part.items():
            if counter not in COUNTERS:
                raise _fail(f"{where}.{key}", f"unknown counter {counter!r}; expected one of {', '.join(COUNTERS)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _fail(f"{where}.{key}.{counter}", f"expected a number, got {value!r}")
        parts[key] = {k: float(v) for k, v in part.items()}
    return Condition(minimum=parts["min"], maximum=parts["max"])


def parse_rules(data: Any) -> StatusRules:
    """Validate the YAML data: known statuses and counters, a final rule that always holds."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise _fail("top level", "expected a mapping with 'version: 1'")
    weights = data.get("certainty_weight")
    if not isinstance(weights, Mapping) or set(weights) != set(CERTAINTIES):
        raise _fail("certainty_weight", f"expected a weight for each of {', '.join(CERTAINTIES)}")
    for key, value in weights.items():
        _factor({key: value}, key, 1.0)
    stance_weight = data.get("stance_weight")
    if not isinstance(stance_weight, Mapping) or set(stance_weight) != {"asserts", "supports"}:
        raise _fail("stance_weight", "expected a weight for 'asserts' and for 'supports'")
    for key, value in stance_weight.items():
        _factor({key: value}, key, 1.0)
    raw = data.get("rules")
    if not isinstance(raw, list) or not raw:
        raise _fail("rules", "expected a non-empty list")
    rules = []
    for number, entry in enumerate(raw, start=1):
        where = f"rules[{number}]"
        if not isinstance(entry, Mapping) or entry.get("status") not in STATUSES:
            raise _fail(where, f"'status' must be one of {', '.join(STATUSES)}")
        fields = {"status", "min", "max", "any", "reason", "cite"}
        if set(entry) - fields:
            raise _fail(where, f"unknown field(s) {', '.join(sorted(set(entry) - fields))}")
        cite = entry.get("cite", [])
        if not isinstance(cite, list) or any(c not in COUNTERS for c in cite):
            raise _fail(f"{where}.cite", f"expected a list of counters among {', '.join(COUNTERS)}")
        if not isinstance(entry.get("reason", ""), str):
            raise _fail(f"{where}.reason", "expected a sentence")
        if "any" in entry:
            if not isinstance(entry["any"], list) or not entry["any"] or "min" in entry or "max" in entry:
                raise _fail(where, "'any' is a non-empty list of conditions and stands alone")
            conditions = tuple(_condition(c, f"{where}.any[{i}]") for i, c in enumerate(entry["any"], start=1))
        elif "min" in entry or "max" in entry:
            conditions = (_condition({k: entry[k] for k in ("min", "max") if k in entry}, where),)
        else:
            conditions = ()
        rules.append(Rule(entry["status"], conditions, entry.get("reason", ""), tuple(cite)))
    if rules[-1].conditions:
        raise _fail(f"rules[{len(rules)}]", "the last rule must have no conditions, so every claim gets a status")
    standing = data.get("standing", {}) or {}
    if not isinstance(standing, Mapping) or set(standing) - set(STANDINGS[:-2]) \
            or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in standing.values()):
        raise _fail("standing", f"expected {', '.join(STANDINGS[:-2])}, each a list of words")
    return StatusRules(certainty_weight={k: float(v) for k, v in weights.items()},
                       stance_weight={k: float(v) for k, v in stance_weight.items()},
                       conditional_factor=_factor(data, "conditional_factor", 1.0),
                       unnamed_factor=_factor(data, "unnamed_factor", 1.0),
                       turnaround_factor=_factor(data, "turnaround_factor"), rules=tuple(rules),
                       **_switches(data),
                       political_factor=_factor(data, "political_factor", 1.0) if "political_factor" in data else 1.0,
                       distanced_factor=_factor(data, "distanced_factor", 1.0) if "distanced_factor" in data else 1.0,
                       utterance_overlap=_factor(data, "utterance_overlap", 1.0) if "utterance_overlap" in data else 1.0,
                       discredited_factor=_factor(data, "discredited_factor", 1.0) if "discredited_factor" in data else 1.0,
                       standing_words={k: tuple(_plain(w) for w in v) for k, v in standing.items()})


def _switches(data: Mapping) -> dict[str, Any]:
    """The on/off settings and the lists of who may confirm: record_weighting, named_authority,
    admission_apart, authority_voice, authorities_apart, confirm_certainty, not_parties, unnamed_words; and how an act
    or a relay weighs: act_weight, unconfirmed_words, discredited_words; who speaks for no side: private_words;
    what takes no position at all: positionless_acts."""
    out: dict[str, Any] = {}
    for key in ("record_weighting", "named_authority", "admission_apart", "authority_voice", "authorities_apart"):
        out[key] = data.get(key, False)
        if not isinstance(out[key], bool):
            raise _fail(key, f"expected true or false, got {out[key]!r}")
    confirm = data.get("confirm_certainty", list(CERTAINTIES))
    if not isinstance(confirm, list) or not confirm or set(confirm) - set(CERTAINTIES):
        raise _fail("confirm_certainty", f"expected a non-empty list among {', '.join(CERTAINTIES)}")
    not_parties = data.get("not_parties", [])
    if not isinstance(not_parties, list) or set(not_parties) - set(STANDINGS):
        raise _fail("not_parties", f"expected a list among {', '.join(s for s in STANDINGS if s)}")
    unnamed = data.get("unnamed_words", [])
    if not isinstance(unnamed, list) or not all(isinstance(w, str) for w in unnamed):
        raise _fail("unnamed_words", "expected a list of words")
    act_weight = data.get("act_weight", {}) or {}
    if not isinstance(act_weight, Mapping) or not all(isinstance(k, str) for k in act_weight):
        raise _fail("act_weight", "expected a mapping of act: weight")
    words = {}
    for key in ("unconfirmed_words", "discredited_words", "private_words"):
        words[key] = data.get(key, [])
        if not isinstance(words[key], list) or not all(isinstance(w, str) for w in words[key]):
            raise _fail(key, "expected a list of words")
    positionless = data.get("positionless_acts", [])
    if not isinstance(positionless, list) or not all(isinstance(a, str) for a in positionless):
        raise _fail("positionless_acts", "expected a list of cue acts")
    out["positionless_acts"] = frozenset(positionless)
    return {**out, "confirm_certainty": tuple(confirm), "not_parties": tuple(not_parties),
            "unnamed_words": frozenset(_plain(w) for w in unnamed),
            "act_weight": {k: _factor(act_weight, k, 1.0) for k in act_weight},
            **{key: frozenset(_plain(w) for w in listed) for key, listed in words.items()}}


def _plain(text: str) -> str:
    """Lower case, curly apostrophes straightened, runs of spaces as one: how standing words compare."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


@lru_cache(maxsize=1)
def load_rules() -> StatusRules:
    return load("status_rules")


# --- replay ----------------------------------------------------------------------------------

def side_key(fact: Fact) -> str:
    """Who counts once: a named side; the writer of an article (its own verdicts) apart from the
    unnamed sources it quotes; an unnamed source relayed by an outlet or intermediary, by its
    description ("two US officials" via Reuters and "a US official" via CNN are one original); any
    other unnamed source within one independent article source."""
    if fact.side:
        return fact.side
    if fact.standing == "writer":  # the writer of an article with no outlet named: a side of its own
        return f"writer@{fact.source_key}"
    if fact.via and fact.source and fact.source != "unnamed":
        from claimwatch.nlp.provenance import description_key

        return f"relayed:{description_key(fact.source)}"
    return f"unnamed@{fact.source_key}"


UTTERANCE_WORDS = 12  # this many words in the same order are one utterance copied, not two sources agreeing
UTTERANCE_SPAN = 30  # the words of a content kept to recognise a copy that was lightly edited


def utterance_key(content: str) -> str:
    """The first words of a content (up to ``UTTERANCE_SPAN``), lower case, without punctuation: the
    same quotation copied into two articles gives keys with the same first ``UTTERANCE_WORDS`` words
    even when one copy is cut after its first sentence or uses other quote marks; a content shorter
    than ``UTTERANCE_WORDS`` gives "" (two people may say it apart)."""
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", content.casefold().replace("\u2019", "'"))
    return " ".join(words[:UTTERANCE_SPAN]) if len(words) >= UTTERANCE_WORDS else ""


def same_utterance(a: str, b: str, overlap: float) -> bool:
    """Two utterance keys are one utterance: the same first ``UTTERANCE_WORDS`` words, or (a copy
    lightly edited: "he" for a name, a word dropped) at least ``overlap`` of their words shared."""
    return _same(_Utterance.of(a), _Utterance.of(b), overlap)


@dataclass(frozen=True)
class _Utterance:
    head: tuple[str, ...]  # the first UTTERANCE_WORDS words
    words: frozenset[str]

    @staticmethod
    def of(key: str) -> "_Utterance":
        words = key.split()
        return _Utterance(tuple(words[:UTTERANCE_WORDS]), frozenset(words))


def _same(a: _Utterance, b: _Utterance, overlap: float) -> bool:
    if a.head == b.head:
        return True
    return overlap < 1 and len(a.words & b.words) >= overlap * len(a.words | b.words)


def one_side_per_utterance(facts: Sequence[Fact], overlap: Optional[float] = None) -> list[Fact]:
    """Statements that repeat the same words are one utterance copied from article to article, however
    each article names its speaker (the witness, "a homeowner", the outlet that quoted them): each copy
    speaks for the side of the first one, so a quotation carried by three outlets is one source.
    ``overlap`` (default: the rules' ``utterance_overlap``) is the share of words a lightly edited copy shares."""
    overlap = load_rules().utterance_overlap if overlap is None else overlap
    first: list[tuple[_Utterance, str]] = []  # each utterance seen, with the side of its first speaker
    out = []
    for fact in facts:
        if fact.utterance:
            this = _Utterance.of(fact.utterance)
            side = next((s for u, s in first if _same(u, this, overlap)), None)
            if side is None:
                first.append((this, side_key(fact)))
            elif side != side_key(fact):
                fact = replace(fact, side=side)
        out.append(fact)
    return out


def _polarity(stance: str) -> int:
    return STANCE_POLARITY.get(stance, 0)


def _quantity_key(q: Quantity) -> tuple[float, str]:
    return (round(float(q.value), 3), q.unit.casefold())


class _Replay:
    """The per-side state while statements are read in order."""

    def __init__(self, rules: StatusRules, agent: Optional[str], parties: frozenset[str],
                 factors: Optional[Mapping[tuple[str, int], float]] = None) -> None:
        self.rules = rules
        self.factors = factors or {}  # (side key, +1 | -1) -> record factor; absent means 1
        self.agent = agent.casefold() if agent else None
        self.parties = parties
        self.roles: dict[str, str] = {}
        self.latest: dict[str, int] = {}  # side -> polarity of its latest statement
        self.history: dict[str, list[int]] = {}
        self.weight: dict[str, float] = {}  # side -> weight of its latest positive stance
        self.article: dict[str, str] = {}  # side -> article of its latest counted statement
        self.standing: dict[str, str] = {}  # side -> standing of the statement that gave it its role
        self.role_article: dict[str, str] = {}  # side -> article of the statement that gave it its role
        self.last_pk: dict[str, int] = {}  # side -> its latest counted statement
        self.name: dict[str, str] = {}  # side -> how a reader knows it (the side, else the source)
        self.certainty: dict[str, str] = {}  # side -> certainty of its latest counted statement
        self.voice: dict[str, str] = {}  # side -> standing of the source of its latest counted statement

    def key(self, fact: Fact) -> str:
        """The side a statement counts for: its state or organisation; on a matter with no agent (a
        find, a shooting) each authority apart - a state prosecutor and the federal attorney general
        are two authorities, and one's later "cannot confirm" does not undo the other's word."""
        key = side_key(fact)
        if self.rules.authorities_apart and not self.agent and fact.standing == "authority" and fact.side:
            return f"{key}|{_plain(fact.source)}"
        return key

    def role(self, fact: Fact) -> str:
        key = self.key(fact)
        if key in self.roles:
            return self.roles[key]
        side = (fact.side or "").casefold() if fact.standing not in self.rules.not_parties else ""
        polarity = _polarity(fact.stance)
        if side and side == self.agent:
            # a party's own claim about itself, before anyone else spoke of it in another report ("the
            # group said it had carried out the attack"), is an allegation to verify; an admission
            # answers what others reported before
            answered = any(a != fact.article_id for a in self.role_article.values())
            role = "accuser" if polarity > 0 and not answered else "accused"
        elif fact.standing == "authority" and self._on_record(fact) and self._in_jurisdiction(fact):
            role = "authority"
        elif side and side in self.parties:
            role = "accused" if polarity < 0 else "accuser"
        elif polarity > 0 and not any(r == "accuser" for r in self.roles.values()):
            role = "accuser"  # the first side to assert the claim is the one making the allegation
        else:
            role = "third"
        if polarity != 0 or role != "accuser":
            self.roles[key] = role
            self.standing[key] = fact.standing
            self.role_article[key] = fact.article_id
        return role

    def _on_record(self, fact: Fact) -> bool:
        """An authority speaks as one on the record: "police said", "the regional water authority
        said"; "a police source", "two officials in the prosecutor's office", "one forensic expert"
        (words of ``unnamed_words``) only corroborate."""
        if not self.rules.named_authority:
            return True
        words = set(_plain(fact.source).replace("'s", "").split())
        return not words & self.rules.unnamed_words

    def _in_jurisdiction(self, fact: Fact) -> bool:
        """An authority speaks with first-hand responsibility for a matter with no other agent (a
        shooting, a find, an arrest) in its own place: not for what another state or group is said to
        have done (a ministry on a neighbour's troops accuses), nor for a state the claim does not name."""
        if self.agent:
            return False  # the agent's own authorities are the accused side, whose word is an admission
        side = (fact.side or "").casefold()
        return not self.parties or not side or side == fact.source.casefold() or side in self.parties

    def read(self, fact: Fact) -> None:
        key = self.key(fact)
        self.role(fact)
        polarity = _polarity(fact.stance)
        if polarity == 0 and self.latest.get(key, 0) != 0 and self.article.get(key) == fact.article_id:
            return  # a hedge in the same article does not undo that article's committed stance
        if self._denial_stands(key, fact, polarity):
            return
        self.article[key] = fact.article_id
        past = self.history.setdefault(key, [])
        if polarity > 0:
            weight = self._weight(fact) * (self.rules.turnaround_factor if past and min(past) <= 0 else 1.0)
            self.weight[key] = max(weight, self.weight.get(key, 0.0) if self.latest.get(key, 0) > 0 else 0.0)
        past.append(polarity)
        self.latest[key] = polarity
        self.last_pk[key] = fact.statement_pk
        self.name.setdefault(key, fact.side or fact.source)
        self.certainty[key] = fact.certainty
        self.voice[key] = fact.standing

    def _weight(self, fact: Fact) -> float:
        """How much one assertion corroborates: by its certainty and act (a confirmation is the speaker's
        own knowledge, an echo is not), less when conditional, unnamed, a political figure's, or relayed
        ("reportedly", "is said to", "unconfirmed reports"): repeating a claim adds no independence; a source
        the writer calls false ("a phony report", "the hoaxer") adds none at all."""
        rules = self.rules
        weight = rules.certainty_weight.get(fact.certainty, 1.0) * rules.act_weight.get(
            fact.act, rules.stance_weight.get(fact.stance, 1.0))
        if fact.conditional:
            weight *= rules.conditional_factor
        if not fact.side and fact.standing != "witness":
            weight *= rules.unnamed_factor  # an eyewitness saw it: unnamed, still first-hand
        if fact.standing == "political":
            weight *= rules.political_factor
        source_words = set(_plain(fact.source).split())
        if fact.distanced or source_words & rules.unconfirmed_words:
            weight *= rules.distanced_factor
        if source_words & rules.discredited_words:
            weight *= rules.discredited_factor
        return weight

    def _denial_stands(self, key: str, fact: Fact, polarity: int) -> bool:
        """The party concerned's denial is not turned into an admission by a later assertion from the
        same side in the same article ("the government denied the reports; a local journalist wrote
        that the king would fly the mission"): the article carries the rumour and its denial."""
        return (self.rules.admission_apart and polarity > 0 and self.roles.get(key) == "accused"
                and self.latest.get(key, 0) < 0 and self.article.get(key) == fact.article_id)

    def counted(self, key: str) -> tuple[str, ...]:
        """The counters a side adds to, by its role and latest stance."""
        role, polarity = self.roles.get(key, "third"), self.latest[key]
        if role == "authority" and self.rules.authority_voice and self.voice.get(key) != "authority":
            role = "third"  # the Pentagon is an authority; a president or a network of the same side is not
        if role == "accused" and self.voice.get(key) in self.rules.not_parties:
            role = "third"  # a news outlet of the party's country relays; it neither admits nor denies for it
        if role == "accuser":
            if polarity > 0:
                named = self.standing.get(key) not in ("media", "unnamed")
                return ("accuser_for", "accuser_named_for") if named else ("accuser_for",)
            if polarity < 0 and key.casefold() == self.agent:
                # the party concerned spoke first of itself and now rejects it: its denial, not a retraction
                return ("accused_against", "direct_against", "against")
            return ("accuser_retracted",) if polarity < 0 and max(self.history[key]) > 0 else ()
        if role in ("accused", "authority"):
            if polarity > 0 and self.certainty.get(key, "certain") not in self.rules.confirm_certainty:
                return ("third_for",)  # "it appears that ...": a hedged admission only corroborates
            if polarity > 0:
                return ("accused_admits",) if role == "accused" else ("authority_for",)
            if polarity < 0:
                return (f"{role}_against", "direct_against", "against")
            return ("third_uncommitted",)
        if polarity < 0 and self.voice.get(key) == "writer":  # "the story is a hoax" in the article's own voice
            return ("third_against", "writer_against", "against")
        return ("third_for",) if polarity > 0 else ("third_against", "against") if polarity < 0 else ("third_uncommitted",)

    def counters(self) -> dict[str, float]:
        c = dict.fromkeys(COUNTERS, 0.0)
        for key, polarity in self.latest.items():
            for counter in self.counted(key):
                if counter in ("against", "direct_against"):
                    continue  # sums, below
                if counter == "third_for":
                    c[counter] += self.weight.get(key, 1.0) * self.factors.get((key, 1), 1.0)
                elif counter.endswith("_against"):
                    c[counter] += self.factors.get((key, -1), 1.0)
                else:
                    c[counter] += 1
        c["direct_against"] = c["accused_against"] + c["authority_against"]
        c["against"] = c["direct_against"] + c["third_against"]
        c["third_for"] = round(c["third_for"], 4)
        if self.factors:
            c["against"] = round(c["against"], 4)
            c["direct_against"] = round(c["direct_against"], 4)
        return c

    def cited(self, counters: Sequence[str]) -> tuple[int, ...]:
        """The latest statement of every side that adds to one of ``counters``: the agent's first, then oldest side first."""
        return tuple(self.last_pk[k] for k in self._citing(counters))

    def _citing(self, counters: Sequence[str]) -> list[str]:
        wanted = set(counters)
        keys = [k for k in self.latest if wanted & set(self.counted(k)) and k in self.last_pk]
        return sorted(keys, key=lambda k: k.casefold() != self.agent)  # the claim's agent first

    def reason(self, rule: Rule) -> str:
        """The rule's sentence, its ``{sides}`` filled with the cited sides ("admitted by North Korea")."""
        if "{sides}" not in rule.reason:
            return rule.reason
        citing = self._citing(rule.cite)
        if not citing:  # no side behind it (only uncommitted ones): the sentence without a name
            return re.sub(r" by \{sides\}| \(\{sides\}\)|, \{sides\}|\{sides\}, ", "", rule.reason)
        names = list(dict.fromkeys(self.name[k] for k in citing if self.name.get(k) and self.name[k] != "unnamed"))
        sides = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
        return rule.reason.replace("{sides}", sides or "unnamed sources")


def timeline(facts: Sequence[Fact], agent: Optional[str] = None, parties: Iterable[str] = (),
             rules: Optional[StatusRules] = None,
             factors: Optional[Mapping[tuple[str, int], float]] = None) -> Timeline:
    """Replay ``facts`` (already in date order) and return the final status and the events.

    ``agent`` is the claim's agent side; ``parties`` the other states or organisations named in the
    claim, whose first word decides whether they are on the accused or the accusing side.
    ``factors`` (side key, +1 or -1) -> multiplier weighs a side's assertions (+1) or denials (-1)
    by its track record on other claims (see :mod:`claimwatch.ledger.records`); None weighs nothing.
    """
    rules = rules or load_rules()
    facts = [f for f in facts if f.act not in rules.positionless_acts]  # "police urged those responsible to ..."
    replay = _Replay(rules, agent, frozenset(p.casefold() for p in parties if p), factors)
    events: list[Event] = []
    status: Optional[str] = None
    seen_quantities: set[tuple[float, str]] = set()
    reacted: set[tuple[str, int]] = set()
    for fact in facts:
        role = replay.role(fact)
        replay.read(fact)
        new_status = rules.status(replay.counters())
        polarity = _polarity(fact.stance)
        if status is None:
            events.append(Event(fact.date, "first_alleged", None, new_status, fact.statement_pk,
                                 f"{fact.source} ({role}) {fact.stance}"))
        elif new_status != status:
            events.append(Event(fact.date, "status_change", status, new_status, fact.statement_pk,
                                f"{fact.source} ({role}) {fact.stance}"))
        if status is not None and polarity != 0 and (replay.key(fact), polarity) not in reacted:
            if polarity < 0 and role in ("accused", "third", "accuser"):
                events.append(Event(fact.date, "denial", new_status, new_status, fact.statement_pk,
                                    f"{fact.source} ({role}) {fact.stance}"))
            elif polarity > 0 and role in ("third", "accused"):
                events.append(Event(fact.date, "confirmation", new_status, new_status, fact.statement_pk,
                                    f"{fact.source} ({role}) {fact.stance}"))
        if polarity != 0:
            reacted.add((replay.key(fact), polarity))
        for q in fact.quantities:
            if _quantity_key(q) not in seen_quantities:
                seen_quantities.add(_quantity_key(q))
                label = q.text or f"{q.value:g} {q.unit}"
                events.append(Event(fact.date, "new_quantity", new_status, new_status, fact.statement_pk,
                                    f"{label} ({fact.source})"))
        status = new_status
    counters = replay.counters()
    rule = rules.rule(counters)
    return Timeline(status=status or "alleged", events=tuple(events), roles=dict(replay.roles),
                    counters=counters, reason=replay.reason(rule) if facts else "",
                    reason_statements=replay.cited(rule.cite) if facts else ())
