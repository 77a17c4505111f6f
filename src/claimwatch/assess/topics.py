"""From analyses to topics: which propositions the statements are about, and who stands where.

A topic is a claim group of one article typed by its event type, merged across articles by
(event-type family, subject), so a story of many articles and a single article go the same way.
Citation ids are the statement ids, qualified with the article id when there is more than one
article, so they stay unique across a story.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping, Optional, Sequence

from claimwatch.assess.knowledge import Knowledge
from claimwatch.lexicons.schema import load_gazetteer
from claimwatch.model import Actor, Analysis, Article, Claim, Statement

POSITIVE = ("asserts", "supports")
CAUTIOUS = ("uncommitted", "disputes")
NEGATIVE = ("denies",)
STANCE_CLASS = {"asserts": "positive", "supports": "positive", "uncommitted": "cautious",
                "disputes": "cautious", "denies": "negative"}
CERTAINTY_WEIGHT = {"certain": 1.0, "probable": 0.8, "possible": 0.6, "uncertain": 0.4}
SUBJECT_KINDS = ("country", "organization", "group", "person")


def article_day(article: Article) -> Optional[str]:
    """An article's publication day, or None when it has none (an ingestion-time stand-in is no date)."""
    if article.published_is_fallback or not article.published:
        return None
    return article.published[:10]


@dataclass(frozen=True)
class Cited:
    """A statement as the assessment cites it, with the analysis it came from."""

    cite: str
    statement: Statement
    analysis: Analysis
    claims: tuple[str, ...]  # qualified claim ids
    order: int  # position in the story: article order, then text order

    @property
    def actor(self) -> Optional[Actor]:
        return self.analysis.actor(self.statement.source)


class StatementIndex:
    """Every statement of the analyses by citation id, and every claim by qualified id."""

    def __init__(self, analyses: Sequence[Analysis], sides: Optional[Mapping[str, str]] = None) -> None:
        self.analyses = tuple(analyses)
        self.sides = dict(sides or {})  # cite -> side, as the ledger groups speakers (a story)
        self.multi = len(self.analyses) > 1
        self.items: dict[str, Cited] = {}
        self.claims: dict[str, tuple[Claim, Analysis]] = {}
        order = 0
        for analysis in self.analyses:
            for claim in analysis.claims:
                self.claims[self.qualify(analysis, claim.id)] = (claim, analysis)
            for s in sorted(analysis.statements, key=lambda s: (s.content_span[0], s.cue_span[0])):
                cite = self.qualify(analysis, s.id)
                self.items[cite] = Cited(cite, s, analysis, tuple(self.qualify(analysis, c) for c in s.claims), order)
                order += 1

    def qualify(self, analysis: Analysis, local_id: str) -> str:
        return f"{analysis.article.id}:{local_id}" if self.multi else local_id

    def local(self, cite: str) -> str:
        """The index's id of an article-qualified citation ("article_id:s3"): as is in a story, the
        bare statement id when the index holds one article."""
        if self.multi or ":" not in cite:
            return cite
        article_id, _, local_id = cite.partition(":")
        return local_id if self.analyses and self.analyses[0].article.id == article_id else cite

    def __contains__(self, cite: str) -> bool:
        return cite in self.items

    def __getitem__(self, cite: str) -> Cited:
        return self.items[cite]

    def ordered(self, cites: Iterable[str]) -> tuple[str, ...]:
        """Distinct citation ids in story order."""
        return tuple(sorted(set(cites), key=lambda c: self.items[c].order))

    def predicates(self, cite: str) -> set[str]:
        return {self.claims[c][0].predicate for c in self.items[cite].claims
                if c in self.claims and self.claims[c][0].predicate}

    @cached_property
    def names(self) -> frozenset[str]:
        """Capitalised actor names and aliases of every analysis: what the name check looks for."""
        found = set()
        for analysis in self.analyses:
            for actor in analysis.actors:
                for name in (actor.name, *actor.aliases):
                    if len(name) >= 3 and name[0].isupper():
                        found.add(name)
        return frozenset(found)

    @cached_property
    def forms(self) -> dict[str, frozenset[str]]:
        """Each name of :attr:`names` with every written form of its actor, a person's surname included."""
        out: dict[str, set[str]] = {}
        for analysis in self.analyses:
            for actor in analysis.actors:
                surname = (actor.name.split()[-1],) if actor.kind == "person" and " " in actor.name else ()
                forms = {f for f in (actor.name, *actor.aliases, *surname) if len(f) >= 3 and f[0].isupper()}
                for form in forms:
                    out.setdefault(form, set()).update(forms)
        return {k: frozenset(v) for k, v in out.items()}

    def date(self, cite: str) -> Optional[str]:
        """The day a statement was published (YYYY-MM-DD); None when its article is undated, even if
        the ledger keeps the ingestion time in its place."""
        return article_day(self.items[cite].analysis.article)

    def camp(self, cite: str) -> str:
        """Who a statement speaks for: the ledger's side when known, a country or known organisation,
        else the source itself."""
        if cite in self.sides:
            return self.sides[cite]
        item = self.items[cite]
        source = item.statement.source
        if source == "unnamed":
            return "unnamed sources"
        actor = item.actor
        if actor is None or actor.kind in ("country",):
            return source
        if actor.affiliation and load_gazetteer().get(actor.affiliation) is not None:
            return actor.affiliation
        return source


@dataclass(frozen=True)
class Topic:
    """A proposition the statements take stances on, typed by event type."""

    event_type: str
    family: str
    subject: Optional[str]
    subject_kind: Optional[str]
    claims: tuple[str, ...]
    cites: tuple[str, ...]
    confident: bool = True  # its event type is recognised with confidence (see :func:`claim_cues`)

    def by_class(self, index: StatementIndex, cls: str, conditional: bool = False) -> tuple[str, ...]:
        """Cited statements of one stance class; conditional ones only when asked for."""
        return tuple(c for c in self.cites if STANCE_CLASS[index[c].statement.stance] == cls
                     and (conditional or not index[c].statement.conditional))

    def stances(self, index: StatementIndex) -> set[str]:
        return {index[c].statement.stance for c in self.cites if not index[c].statement.conditional}

    def contested(self, index: StatementIndex) -> bool:
        return bool(self.stances(index) & {"denies", "disputes"})

    def support(self, index: StatementIndex) -> float:
        """Share of committed statements asserting or backing the claim (0.5 when none commit)."""
        counted = [index[c].statement.stance for c in self.cites if not index[c].statement.conditional]
        if not counted:
            return 0.5
        return sum(STANCE_CLASS[s] == "positive" for s in counted) / len(counted)

    def camps(self, index: StatementIndex) -> set[str]:
        return {index.camp(c) for c in self.cites}


_WORD = re.compile(r"[A-Za-z]+")
_SUFFIXES = ("ing", "ed", "es", "s")


def _forms(word: str) -> set[str]:
    """A word with the bases its inflection may hide: "deployed" -> deploy, "shipped" -> ship,
    "captured" -> capture, "supplied" -> supply, "troops" -> troop."""
    word = word.lower()
    forms = {word}
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[:-len(suffix)]
            forms |= {base, base + "e"}
            if base[-1] == base[-2]:
                forms.add(base[:-1])
            if base.endswith("i"):
                forms.add(base[:-1] + "y")
    return forms


def cue_words(text: str, cues: frozenset[str]) -> set[str]:
    """The distinct trigger words of an event type that a claim's text holds."""
    return {cue for word in _WORD.findall(text) for cue in _forms(word) & cues}


def claim_cues(claim: Claim, kb: Knowledge) -> set[str]:
    """The trigger words of its own event type that a claim's words hold. A topic's type is
    recognised with confidence when its claims hold ``kb.min_cues`` distinct ones between them
    ("sent troops": send, troop; "hackers breached ... a cyberattack"), not one word that also has
    other senses ("captured video footage", "a vote for independence", "arrests")."""
    return cue_words(claim.text, kb.cues.get(claim.predicate or "", frozenset()))


def _dominant_type(claims: Sequence[Claim], kb: Knowledge) -> Optional[tuple[str, str]]:
    """The group's event type: its most frequent family, refined to the deepest type present in it."""
    typed = [c.predicate for c in claims if c.predicate in kb.types]
    if not typed:
        return None
    families = Counter(kb.family(t) for t in typed)
    family = max(families, key=lambda f: (families[f], -typed.index(next(t for t in typed if kb.family(t) == f))))
    members = Counter(t for t in typed if kb.family(t) == family)

    def depth(t: str) -> int:
        d = 0
        while t in kb.parents:
            t, d = kb.parents[t], d + 1
        return d

    event_type = max(members, key=lambda t: (depth(t), members[t]))
    return family, event_type


def _subject(claims: Sequence[Claim], analysis: Analysis) -> tuple[Optional[str], Optional[str]]:
    """The most frequent claim subject that is a named actor of the article, with its kind."""
    counts = Counter(c.subject for c in claims if c.subject)
    for name, _ in counts.most_common():
        actor = analysis.actor(name)
        if actor is not None and actor.kind in SUBJECT_KINDS:
            return name, actor.kind
    return None, None


def build_topics(index: StatementIndex, kb: Knowledge) -> list[Topic]:
    """Typed topics of all analyses, merged by (family, subject), most widely discussed first."""
    merged: dict[tuple[str, Optional[str]], dict] = {}
    for analysis in index.analyses:
        groups: dict[str, list[Claim]] = {}
        for claim in analysis.claims:
            groups.setdefault(claim.group, []).append(claim)
        untyped: list[Claim] = []
        keys_by_subject: dict[str, set[tuple[str, Optional[str]]]] = {}
        for claims in groups.values():
            typed = _dominant_type(claims, kb)
            if typed is None:
                untyped += claims
                continue
            family, event_type = typed
            subject, kind = _subject(claims, analysis)
            slot = merged.setdefault((family, subject), {"types": Counter(), "claims": [], "kind": kind,
                                                         "cues": set()})
            slot["types"][event_type] += 1
            for claim in claims:
                slot["cues"] |= claim_cues(claim, kb)
            slot["claims"] += [index.qualify(analysis, c.id) for c in claims]
            if subject:
                keys_by_subject.setdefault(subject, set()).add((family, subject))
        # An untyped claim about the same agent ("X had any role in it") belongs to that agent's
        # topic when the article has exactly one: the extractor found no event words in it.
        for claim in untyped:
            keys = keys_by_subject.get(claim.subject or "", set())
            if len(keys) == 1:
                merged[next(iter(keys))]["claims"].append(index.qualify(analysis, claim.id))
    topics = []
    for (family, subject), slot in merged.items():
        claim_ids = set(slot["claims"])
        cites = index.ordered(c for c, item in index.items.items() if claim_ids & set(item.claims))
        if not cites:
            continue
        event_type = max(slot["types"], key=lambda t: (t != family, slot["types"][t]))
        confident = len(slot["cues"]) >= kb.min_cues or not kb.cues
        topics.append(Topic(event_type, family, subject, slot["kind"], tuple(slot["claims"]), cites, confident))
    topics.sort(key=lambda t: (-len(t.camps(index)), -len(t.cites), index[t.cites[0]].order))
    return topics


def main_topics(topics: Sequence[Topic], kb: Knowledge, limit: int = 3) -> tuple[list[Topic], dict[int, list[Topic]]]:
    """The topics to assess, and for each the lower-ranked topics its risks name as related.

    A topic with a single statement is left out unless nothing better exists; a topic whose type a
    higher-ranked topic's risks list as related (escalation warnings about a deployment) grounds
    those risks instead of being assessed on its own.
    """
    chosen: list[Topic] = []
    related: dict[int, list[Topic]] = {}
    absorbed: set[int] = set()
    candidates = [t for t in topics if len(t.cites) >= 2] or list(topics[:1])
    covered: set[str] = set()
    for topic in candidates:
        if id(topic) in absorbed or len(chosen) >= limit or set(topic.cites) <= covered:
            continue
        covered |= set(topic.cites)
        chosen.append(topic)
        kinds = {r for rule in kb.types[topic.event_type].risks for r in rule.related}
        related[id(topic)] = []
        for other in topics:
            if other is topic or id(other) in absorbed or other in chosen:
                continue
            if other.event_type in kinds or other.family in kinds:
                related[id(topic)].append(other)
                absorbed.add(id(other))
    return chosen, related


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def display_name(name: str, kb: Knowledge) -> str:
    """A name as written in running text ("the United States")."""
    head, _, rest = name.partition(" ")
    definite = name in kb.definite_names or (bool(rest) and head in kb.definite_heads)
    return f"the {name}" if definite else name


def describe_camps(index: StatementIndex, cites: Sequence[str], kb: Knowledge) -> tuple[str, int]:
    """Camps of the cited statements with their sources: "Ukraine (Volodymyr Zelensky) and NATO (Mark Rutte)".

    Returns the text and the number of camps, which decides singular or plural verbs.
    """
    camps: dict[str, list[str]] = {}
    for cite in index.ordered(cites):
        source = index[cite].statement.source
        members = camps.setdefault(index.camp(cite), [])
        if source not in members and source != "unnamed":
            members.append(source)
    parts = []
    for camp, members in camps.items():
        shown = [m for m in members if m != camp]
        parts.append(display_name(camp, kb) + (f" ({', '.join(shown)})" if shown else ""))
    count = len(parts)
    if count == 1 and _plural_group(index, cites, next(iter(camps))):
        count = 2  # "county officials deny", not "denies"
    return join_names(parts), count


def _plural_group(index: StatementIndex, cites: Sequence[str], camp: str) -> bool:
    """A collective source named in the plural ("county officials", "unnamed sources")."""
    if camp == "unnamed sources":
        return True
    for cite in cites:
        actor = index[cite].actor
        if actor is not None and actor.name == camp and actor.kind in ("group", "anonymous", "unnamed"):
            return camp.split()[-1].lower().endswith("s") and not camp.lower().endswith(("ss", "us", "is"))
    return False


def camp_names(index: StatementIndex, cites: Sequence[str], kb: Knowledge) -> str:
    """Just the camps ("Ukraine and South Korea"), for contrasts."""
    seen: list[str] = []
    for cite in index.ordered(cites):
        camp = index.camp(cite)
        if camp not in seen:
            seen.append(camp)
    return join_names([display_name(c, kb) for c in seen])


def certainty(index: StatementIndex, cites: Sequence[str]) -> float:
    """Mean certainty weight of the cited statements."""
    if not cites:
        return 0.0
    return sum(CERTAINTY_WEIGHT.get(index[c].statement.certainty, 0.5) for c in cites) / len(cites)
