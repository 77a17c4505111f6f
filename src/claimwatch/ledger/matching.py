"""Is this article's claim one the ledger already holds? Features of a claim and a score for a pair.

Each claim is reduced to :class:`ClaimFeatures`: its event type, its agent under the gazetteer's
canonical name ("Pyongyang", "DPRK" and "North Korean" are all North Korea), content-word stems with
every actor name as one token and every number as a placeholder (so claims differing only in a figure
look the same), its quantities and optionally a sentence embedding. :func:`score_pair` blocks pairs
whose agents differ or whose event types are unrelated, then compares the blended similarity with a
threshold chosen by how much of the structure agrees. Thresholds live in ``claim_matching.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

import numpy as np

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load, stopwords
from claimwatch.model import STANCE_POLARITY, Claim, Quantity

SOURCE = "claim_matching.yaml"
LEVELS = ("same_type_same_agent", "same_type_one_agent_missing", "related_type_same_agent",
          "same_agent_type_missing", "same_frame_patient", "same_frame", "shared_words", "nothing_shared")
# Levels a pair without type-and-agent agreement may be lifted from to "shared_words".
_LIFTABLE = ("same_agent_type_missing", "nothing_shared")
NUMBER_TOKEN = "<num>"
TYPE_CONFLICT = "different event types"

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019.\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*")
_NUMBER = re.compile(r"^\d[\d,.]*$")
_STOPWORDS = stopwords("common")
_NEWS_WORDS = stopwords("news")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozen dozens hundred hundreds "
                          "thousand thousands million millions".split())


@dataclass(frozen=True)
class MatchConfig:
    """Weights and thresholds from ``claim_matching.yaml``."""

    lexical_weight: float
    embedding_weight: float
    thresholds: Mapping[str, tuple[float, float]]  # level -> (with embeddings, lexical only)
    related_types_compatible: bool
    min_tokens: int
    block_on_disjoint_places: bool = True
    ignore_quantity_units: frozenset[str] = frozenset()
    shared_words_min: int = 0  # 0: the "shared_words" level is off
    negation_words: frozenset[str] = frozenset()
    unspecific_names: frozenset[str] = frozenset()  # casefolded: platforms named in any story

    def keeps(self, quantity: Quantity) -> bool:
        """False for figures that are not the claim's own quantity (durations, ages of things)."""
        words = quantity.unit.casefold().split()
        return bool(words) and words[-1] not in self.ignore_quantity_units


@dataclass(frozen=True)
class ClaimFeatures:
    """What matching looks at in one claim."""

    text: str
    event_type: Optional[str]
    agent: Optional[str]
    tokens: frozenset[str]
    quantities: tuple[Quantity, ...] = ()
    embedding: Optional[np.ndarray] = field(default=None, compare=False, repr=False)
    places: frozenset[str] = frozenset()  # states and organisations named besides the agent
    negated: bool = False  # the text carries a negation word ("not", "never", "didn't")
    frame: Optional[str] = None  # the main predicate with its polarity (Claim.frame): "send", "not open"
    patient: Optional[str] = None  # the named one the predicate is done to (Claim.object): "killed Jo Bloggs"


@dataclass(frozen=True)
class MatchScore:
    """The outcome for one pair: whether it matches, the score, the threshold and why."""

    matched: bool
    score: float
    threshold: float
    level: str  # one of LEVELS, or "blocked"
    reason: str


# --- configuration ---------------------------------------------------------------------------

def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise LexiconError(f"{SOURCE}: {where}: expected a number between 0 and 1, got {value!r}")
    return float(value)


def parse_config(data: Any) -> MatchConfig:
    """Validate the YAML data; every problem names the entry."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise LexiconError(f"{SOURCE}: top level: expected a mapping with 'version: 1'")
    weights = data.get("weights")
    if not isinstance(weights, Mapping) or set(weights) != {"lexical", "embedding"}:
        raise LexiconError(f"{SOURCE}: weights: expected exactly 'lexical' and 'embedding'")
    lexical, embedding = _number(weights["lexical"], "weights.lexical"), _number(weights["embedding"], "weights.embedding")
    if abs(lexical + embedding - 1.0) > 1e-6:
        raise LexiconError(f"{SOURCE}: weights: lexical + embedding must be 1, got {lexical + embedding}")
    raw = data.get("thresholds")
    if not isinstance(raw, Mapping) or set(raw) != set(LEVELS):
        raise LexiconError(f"{SOURCE}: thresholds: expected exactly the levels {', '.join(LEVELS)}")
    thresholds = {}
    for level in LEVELS:
        entry = raw[level]
        if not isinstance(entry, Mapping) or set(entry) != {"embedding", "lexical"}:
            raise LexiconError(f"{SOURCE}: thresholds.{level}: expected 'embedding' and 'lexical'")
        thresholds[level] = (_number(entry["embedding"], f"thresholds.{level}.embedding"),
                             _number(entry["lexical"], f"thresholds.{level}.lexical"))
    min_tokens = data.get("min_tokens", 2)
    if isinstance(min_tokens, bool) or not isinstance(min_tokens, int) or min_tokens < 0:
        raise LexiconError(f"{SOURCE}: min_tokens: expected a non-negative integer, got {min_tokens!r}")
    ignore = data.get("ignore_quantity_units", [])
    if not isinstance(ignore, list) or not all(isinstance(u, str) and u.strip() for u in ignore):
        raise LexiconError(f"{SOURCE}: ignore_quantity_units: expected a list of unit words")
    shared_min = data.get("shared_words_min", 0)
    if isinstance(shared_min, bool) or not isinstance(shared_min, int) or shared_min < 0:
        raise LexiconError(f"{SOURCE}: shared_words_min: expected a non-negative integer, got {shared_min!r}")
    negations = data.get("negation_words", [])
    if not isinstance(negations, list) or not all(isinstance(w, str) and w.strip() for w in negations):
        raise LexiconError(f"{SOURCE}: negation_words: expected a list of words")
    unspecific = data.get("unspecific_names", [])
    if not isinstance(unspecific, list) or not all(isinstance(w, str) and w.strip() for w in unspecific):
        raise LexiconError(f"{SOURCE}: unspecific_names: expected a list of names")
    return MatchConfig(lexical_weight=lexical, embedding_weight=embedding, thresholds=thresholds,
                       related_types_compatible=bool(data.get("related_types_compatible", True)),
                       min_tokens=min_tokens,
                       block_on_disjoint_places=bool(data.get("block_on_disjoint_places", True)),
                       ignore_quantity_units=frozenset(u.casefold() for u in ignore),
                       shared_words_min=shared_min,
                       negation_words=frozenset(w.casefold().replace("\u2019", "'") for w in negations),
                       unspecific_names=frozenset(w.strip().casefold() for w in unspecific))


@lru_cache(maxsize=1)
def load_config() -> MatchConfig:
    return load("claim_matching")


@lru_cache(maxsize=1)
def event_type_parents() -> dict[str, str]:
    """Event type -> parent type, from ``event_types.yaml``."""
    data = load("event_types")
    return {t["id"]: t["parent"] for t in data.get("types", ()) if isinstance(t, Mapping) and t.get("parent")}


# --- features --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _gazetteer():
    from claimwatch.lexicons.schema import load_gazetteer

    return load_gazetteer()


@lru_cache(maxsize=4096)
def canonical_actor(name: Optional[str]) -> Optional[str]:
    """The gazetteer's name for a place or organisation's state, else the name itself, tidied."""
    if not name or not name.strip():
        return None
    place = _gazetteer().lookup(name.strip())
    if place is None:
        return " ".join(name.split())
    return place.name if place.kind == "country" or not place.affiliation else place.name


def _place_side(place) -> str:
    return place.affiliation if place.kind != "country" and place.affiliation else place.name


def resolve_side(name: Optional[str], affiliation: Optional[str] = None) -> Optional[str]:
    """The state or organisation an actor speaks for, or None when neither its affiliation nor its
    name resolves (the first place named in a description counts: "a North Korean diplomat")."""
    for candidate in (affiliation, name):
        if candidate:
            place = _gazetteer().lookup(candidate)
            if place is not None:
                return _place_side(place)
    for candidate in (affiliation, name):
        if candidate:
            words = [w.replace("\u2019", "'") for w in _TOKEN.findall(candidate)]
            spans = _actor_spans(words)
            if spans:
                place = _gazetteer().get(spans[min(spans)][1])
                return _place_side(place) if place else spans[min(spans)][1]
    return None


def side_of(name: Optional[str], affiliation: Optional[str] = None) -> Optional[str]:
    """Like :func:`resolve_side`, falling back to the actor's own (tidied) name."""
    return resolve_side(name, affiliation) or canonical_actor(affiliation or name)


def _stem(word: str) -> str:
    """A light suffix stripper: enough for "troops"/"troop", "deployed"/"deploy", "sending"/"send"."""
    if word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _actor_spans(words: list[str]) -> dict[int, tuple[int, str]]:
    """Start index -> (length, canonical place) for the longest gazetteer names among ``words``."""
    found: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            if i + size > len(words):
                continue
            phrase = " ".join(words[i:i + size])
            if not any(c.isupper() for c in phrase):
                continue
            place = _gazetteer().lookup(phrase)
            if place is not None:
                found[i] = (size, place.name)
                break
        i += found[i][0] if i in found else 1
    return found


def content_tokens(text: str) -> frozenset[str]:
    """Stems of content words, actor names as one ``@Place`` token, numbers as a placeholder."""
    words = [w.replace("\u2019", "'") for w in _TOKEN.findall(text)]
    spans = _actor_spans(words)
    tokens: set[str] = set()
    i = 0
    while i < len(words):
        if i in spans:
            size, place = spans[i]
            tokens.add("@" + place.casefold().replace(" ", "_"))
            i += size
            continue
        word = words[i].casefold().strip(".'-")
        word = re.sub(r"'s$", "", word)
        i += 1
        if _NUMBER.match(word) or word in _NUMBER_WORDS:
            tokens.add(NUMBER_TOKEN)
        elif word and word not in _STOPWORDS and len(word) > 1:
            tokens.add(_stem(word))
    return frozenset(tokens)


def features(claim: Claim, quantities: Iterable[Quantity] = (), embedding: Optional[np.ndarray] = None) -> ClaimFeatures:
    """The matching features of an article's claim; ``quantities`` adds those of its statements."""
    return make_features(claim.text, claim.predicate, claim.subject,
                         tuple(claim.quantities) + tuple(quantities), embedding, claim.frame, claim.object)


def make_features(text: str, event_type: Optional[str], subject: Optional[str],
                  quantities: tuple[Quantity, ...] = (), embedding: Optional[np.ndarray] = None,
                  frame: Optional[str] = None, patient: Optional[str] = None) -> ClaimFeatures:
    base = _base_features(text, event_type, subject, frame, patient)
    return replace(base, quantities=quantities, embedding=embedding) if quantities or embedding is not None else base


@lru_cache(maxsize=65536)
def _base_features(text: str, event_type: Optional[str], subject: Optional[str],
                   frame: Optional[str] = None, patient: Optional[str] = None) -> ClaimFeatures:
    """Text-only features, cached: every stored member is compared again for each new claim."""
    agent = canonical_actor(subject)
    frame = act_frame(frame)
    places = named_places(text) - {agent} if agent else named_places(text)
    negated = is_negated(text) or bool(frame and frame.startswith("not "))  # "is alive": "not die"
    return ClaimFeatures(text=text, event_type=event_type, agent=agent, tokens=content_tokens(text),
                         places=frozenset(places), negated=negated, frame=frame or None,
                         patient=canonical_actor(patient))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """A person's name as folded words: accents dropped, hyphens and dots as spaces."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return tuple(w for w in re.split(r"[\s\-.‐‑]+", plain.casefold()) if w)


def _close(a: str, b: str) -> bool:
    """Two spellings of one name word: equal, an initial, or one letter added, dropped or changed."""
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]):
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short) < len(long_):
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    return sum(x != y for x, y in zip(a, b)) == 1


def name_variant(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two agents are spellings of one person's name ("Abdel-Majed Abdel Bary", "Abdel Majed
    Abdel Bary", "Abde Majed Abdel Bary"): neither is a state or organisation of the gazetteer, both
    have a given name and a surname, the surnames are equal and each given name of the shorter
    name has a spelling in the longer one. "Kim Jong-un" and "Kim Jong-il" are two people."""
    if not a or not b or a.casefold() == b.casefold():
        return bool(a and b)
    wa, wb = _name_words(a), _name_words(b)
    if min(len(wa), len(wb)) < 2 or wa[-1] != wb[-1] or len(wa[-1]) < 3:
        return False
    if _gazetteer().lookup(a.strip()) is not None or _gazetteer().lookup(b.strip()) is not None:
        return False
    short, long_ = sorted((wa[:-1], wb[:-1]), key=len)
    if not _close(short[0], long_[0]):
        return False
    return all(any(_close(w, v) for v in long_) for w in short)


# --- scoring ---------------------------------------------------------------------------------

def is_negated(text: str, config: Optional[MatchConfig] = None) -> bool:
    """True when the text has a negation word: "X was not sent" and "X was sent" are not one claim."""
    words = config.negation_words if config else load_config().negation_words
    low = text.casefold().replace("\u2019", "'")
    return any(w in words for w in re.findall(r"[a-z]+(?:'[a-z]+)?", low))


def shared_words(a: ClaimFeatures, b: ClaimFeatures) -> frozenset[str]:
    """Content words both claims use, besides figures, words frequent in any news text and state or
    organisation names (agents and places are the blocking rules' business, and one state is named
    in many unrelated claims)."""
    return frozenset(t for t in (a.tokens & b.tokens) - {NUMBER_TOKEN} - _NEWS_WORDS if not t.startswith("@"))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def lexical_similarity(a: ClaimFeatures, b: ClaimFeatures) -> float:
    """Jaccard of the content-word stems; two claims with one main predicate written in two words
    ("executed" / "beheaded", "took away" / "bundled": the frame, paraphrases folded) count it as one
    more word in common, so a paraphrased verb weighs like a repeated one (a repeated one is already
    a shared stem and gets nothing more)."""
    if a.frame and a.frame == b.frame:
        frame = a.frame.removeprefix("not ")
        if not a.tokens & b.tokens & _frame_stems(frame):
            token = "~" + frame
            return jaccard(a.tokens | {token}, b.tokens | {token})
    return jaccard(a.tokens, b.tokens)


@lru_cache(maxsize=1024)
def _frame_stems(frame: str) -> frozenset[str]:
    """Stems of the regular forms of the verbs that write a frame: its own verb and those of its
    paraphrase set in ``event_types.yaml`` ("arrest" -> arrest, captur, seiz, detain ...)."""
    words = {frame.split()[0]}  # the verb, not its particle or sense object ("take away", "fire shot")
    for group in load("event_types").get("paraphrases", []) or []:
        if group and group[0] == frame:
            words |= {phrase.split()[0] for phrase in group}
    forms = {f for w in words for f in (w, w + "s", w + "ed", w + "d", w + "ing", w[:-1] + "ing")}
    return frozenset(_stem(f) for f in forms)


def types_related(a: str, b: str) -> bool:
    """True when one event type is the other's ancestor."""
    parents = event_type_parents()

    def ancestors(t: str) -> set[str]:
        seen: set[str] = set()
        while t in parents and t not in seen:
            seen.add(t)
            t = parents[t]
            seen.add(t)
        return seen

    return a in ancestors(b) or b in ancestors(a)


def agreement(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig) -> tuple[Optional[str], str]:
    """The threshold level for a pair, or (None, reason) when the structure rules a match out.

    Without event-type agreement, a pair that shares ``shared_words_min`` specific content words and
    the same polarity (both negated or neither) is lifted to the "shared_words" level: headlines and
    short claims rarely carry a type, and several shared specifics are nearly as strong a signal."""
    level, reason = _structural_agreement(a, b, config)
    if level is None and reason.startswith(TYPE_CONFLICT) and a.frame and a.frame == b.frame:
        # one main predicate ("beheaded the journalist, who was kidnapped in 2012" / "executed the
        # journalist in retaliation for airstrikes"): the event types came from the clauses around it
        level = "nothing_shared"
    if level is not None and a.frame and a.frame == b.frame and a.patient and b.patient:
        return _patient_agreement(a, b, config, level, reason)
    if level in _LIFTABLE and a.frame and a.frame == b.frame:
        # the same main predicate with the same polarity ("opened" / "will open", "was sent" /
        # "deployed"): a proposition told in other words, not merely the same topic
        return "same_frame", f"{reason}; same predicate ({a.frame})"
    if a.frame and b.frame and a.frame != b.frame:
        return level, reason  # two predicates: shared words are a shared topic, not one proposition
    if level in _LIFTABLE and config.shared_words_min and a.negated == b.negated:
        common = shared_words(a, b)
        if len(common) >= config.shared_words_min:
            return "shared_words", f"{reason}; {len(common)} content words shared"
    return level, reason


def same_party(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two names may name one party: equal under the gazetteer, two spellings of one person
    (:func:`name_variant`), or one surname ("Jo Bloggs" / "Bloggs" / "Joe Bloggs": a nickname or a
    bare surname is no other person as far as the ledger can tell)."""
    if not a or not b:
        return False
    if a.casefold() == b.casefold() or name_variant(a, b):
        return True
    if _gazetteer().lookup(a.strip()) is not None or _gazetteer().lookup(b.strip()) is not None:
        return False
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa and wb) and wa[-1] == wb[-1] and len(wa[-1]) >= 3


def _patient_agreement(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig, level: str,
                       reason: str) -> tuple[Optional[str], str]:
    """Two claims with one main predicate and a named patient each: done to the same one ("X killed
    Jo Bloggs" / "X is the killer of Jo Bloggs"), the `same_frame_patient` level unless the pair's
    own is stricter; done to two ("beheaded Jo Bloggs" / "beheaded Ann Roe"), never a match."""
    if not same_party(a.patient, b.patient):
        return None, f"{reason}; the same predicate ({a.frame}) done to another ({a.patient} / {b.patient})"
    if config.thresholds[level][0] <= config.thresholds["same_frame_patient"][0]:
        return level, reason
    return "same_frame_patient", f"{reason}; same predicate ({a.frame}) done to the same one ({a.patient})"


def _structural_agreement(a: ClaimFeatures, b: ClaimFeatures, config: MatchConfig) -> tuple[Optional[str], str]:
    if a.agent and b.agent and a.agent.casefold() != b.agent.casefold() and not name_variant(a.agent, b.agent):
        return None, f"different agents ({a.agent} / {b.agent})"
    same_agent = bool(a.agent and b.agent)
    if config.block_on_disjoint_places and a.places and b.places and not a.places & b.places:
        return None, f"different parties named ({', '.join(sorted(a.places))} / {', '.join(sorted(b.places))})"
    if a.event_type and b.event_type:
        if a.event_type == b.event_type:
            return ("same_type_same_agent" if same_agent else "same_type_one_agent_missing"), "same event type"
        if config.related_types_compatible and types_related(a.event_type, b.event_type):
            return ("related_type_same_agent" if same_agent else "nothing_shared"), "related event types"
        return None, f"{TYPE_CONFLICT} ({a.event_type} / {b.event_type})"
    return ("same_agent_type_missing" if same_agent else "nothing_shared"), "event type unknown"


SUSPICION = "suspect "  # Claim.frame of a suspicion: "X is a suspect in the murder of Y" -> "suspect kill"


def suspected(frame: Optional[str]) -> bool:
    """Whether a claim's frame is a suspicion of the act (matched as the act, counted hedged)."""
    return bool(frame) and frame.removeprefix("not ").startswith(SUSPICION)


def act_frame(frame: Optional[str]) -> Optional[str]:
    """The frame matching compares: a suspicion's act ("suspect kill" -> "kill", polarity kept)."""
    if not suspected(frame):
        return frame
    negated = frame.startswith("not ")
    act = frame.removeprefix("not ")[len(SUSPICION):]
    return f"not {act}" if negated else act


NEGATED = "negated"  # ledger_claim_members.method of a negated restatement joined as a denial


def affirmative(f: ClaimFeatures) -> Optional[ClaimFeatures]:
    """The features of a negated claim read without its negation ("the bodies are not those of the
    students" -> "the bodies are those of the students"), or None when the claim is not negated."""
    if not f.negated:
        return None
    frame = f.frame[len("not "):] if f.frame and f.frame.startswith("not ") else f.frame
    return replace(f, negated=False, frame=frame)


def restated_stance(stance: str) -> str:
    """A statement's stance toward a claim it restates negated: asserting "X did not happen" denies X,
    denying it asserts X; an uncommitted statement stays so."""
    polarity = STANCE_POLARITY.get(stance, 0)
    return "denies" if polarity > 0 else "asserts" if polarity < 0 else stance


def related(a: ClaimFeatures, b: ClaimFeatures, config: Optional[MatchConfig] = None, scored: bool = True) -> bool:
    """Two claims by the same agent about the same matter that are not one proposition: equal or
    umbrella/specific event types ("troops were sent" / "troops are fighting at the front") with
    different predicates or too little in common to match. The ledger links them as related.
    ``scored=False``: the caller knows the pair does not match."""
    config = config or load_config()
    if not (a.agent and b.agent and a.agent.casefold() == b.agent.casefold() and a.event_type and b.event_type):
        return False
    if a.event_type != b.event_type and not types_related(a.event_type, b.event_type):
        return False
    return not scored or not score_pair(a, b, config).matched


def score_pair(a: ClaimFeatures, b: ClaimFeatures, config: Optional[MatchConfig] = None) -> MatchScore:
    """Whether two claims state the same proposition (quantities aside), with the evidence for it."""
    config = config or load_config()
    level, reason = agreement(a, b, config)
    if level is None:
        return MatchScore(False, 0.0, 1.0, "blocked", reason)
    lexical = lexical_similarity(a, b)
    if min(len(a.tokens), len(b.tokens)) < config.min_tokens:
        same = a.tokens == b.tokens and bool(a.tokens)
        return MatchScore(same, float(same), 1.0, level, "too few content words to compare")
    with_embeddings = a.embedding is not None and b.embedding is not None
    if with_embeddings:
        from claimwatch.ledger.embeddings import cosine

        score = config.lexical_weight * lexical + config.embedding_weight * cosine(a.embedding, b.embedding)
        threshold = config.thresholds[level][0]
    else:
        score, threshold = lexical, config.thresholds[level][1]
    return MatchScore(score >= threshold, round(score, 4), threshold, level,
                      f"{reason}; {'blended' if with_embeddings else 'lexical'} score {score:.2f} vs {threshold:.2f}")


def best_match(candidate: ClaimFeatures, existing: Sequence[tuple[Any, ClaimFeatures]],
               config: Optional[MatchConfig] = None,
               allowed: Optional[Callable[[Any], bool]] = None) -> Optional[tuple[Any, MatchScore]]:
    """The key of the best matching entry of ``existing``, or None: an entry with the candidate's main
    predicate (``frame``) before any other, then the widest margin over its threshold (first wins a
    tie). "executed the journalist" joins the claim that says "beheaded the journalist", not the one
    that shares its topic ("the FBI opened a file after the journalist was kidnapped"). ``allowed``
    may rule out a matching key (a claim out of its article's context, :mod:`claimwatch.ledger.context`)."""
    best: Optional[tuple[Any, MatchScore]] = None
    best_rank: tuple[bool, float] = (False, 0.0)
    for key, other in existing:
        result = score_pair(candidate, other, config)
        if not result.matched or (allowed is not None and not allowed(key)):
            continue
        rank = (bool(candidate.frame) and candidate.frame == other.frame, result.score - result.threshold)
        if best is None or rank > best_rank:
            best, best_rank = (key, result), rank
    return best


@lru_cache(maxsize=65536)
def named_places(text: str) -> frozenset[str]:
    """Canonical names of the states and organisations a text names ("Pyongyang" -> North Korea)."""
    words = [w.replace("\u2019", "'") for w in _TOKEN.findall(text)]
    return frozenset(place for _, place in _actor_spans(words).values())



# Gazetteer kinds named across many unrelated stories: states (with their capitals, demonyms and
# seats of power) and armed or political groups. A company, agency or police force is news of its own.
WELL_KNOWN_KINDS = ("country", "group")


def _well_known_place(name: str):
    place = _gazetteer().lookup(name)
    if place is None and name.istitle() and " " not in name:  # an acronym written as a word: "Isis"
        place = _gazetteer().lookup(name.upper())
    return place


def well_known(name: str) -> bool:
    """Whether a name is a state or a group the gazetteer knows (named in many stories); an acronym
    written as a word ("Isis", "Isil") counts as the acronym."""
    name = name.strip()
    place = _well_known_place(name) if name else None
    return place is not None and place.kind in WELL_KNOWN_KINDS


@lru_cache(maxsize=65536)
def well_known_words(text: str) -> frozenset[str]:
    """The folded words of ``text`` that belong to the name of a state or group the gazetteer knows
    ("Islamic", "State" and "Iraq" in "strikes on Islamic State positions in Iraq")."""
    words = [w.replace("\u2019", "'") for w in _TOKEN.findall(text)]
    known = {w.casefold() for start, (size, name) in _actor_spans(words).items()
             if _gazetteer().get(name) is not None and _gazetteer().get(name).kind in WELL_KNOWN_KINDS
             for w in words[start:start + size]}
    return frozenset(known | {w.casefold() for w in words if w.istitle() and well_known(w)})
