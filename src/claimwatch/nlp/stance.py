"""Stance, certainty, conditionality and distance of one attribution, from cue, negation and content.

The cue gives a default stance ("denied" denies); negation and modality on the cue change it ("could
not confirm" is uncommitted); phrases in the content's main clause override it ("no evidence"
disputes, "fake news" denies); modal words on the content's main predicate give certainty; the
writer's own "alleged" or "purportedly" marks the statement as distanced.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from claimwatch.lexicons import load_yaml
from claimwatch.lexicons.schema import Hedges, load_hedges
from claimwatch.nlp.attribution import Attribution
from claimwatch.nlp.speech import CUE_HITS

STANCE_STRENGTH = {"denies": 4, "disputes": 3, "uncommitted": 2, "supports": 1, "asserts": 0}
EMBEDDED_DEPS = {"relcl", "acl", "appos"}


@dataclass(frozen=True)
class StanceRules:
    negated_doubt_predicates: frozenset[str]
    negated_doubt_certainty: dict[str, str]
    distancing_cues: frozenset[str]
    negating_heads: frozenset[str]
    negated_act_stance: dict[str, str]
    inverted_conditional_auxiliaries: frozenset[str]
    negated_open_predicates: frozenset[str]
    double_negative_heads: frozenset[str]
    perception_predicates: frozenset[str]
    doubt_objects: frozenset[str]
    hedged_denial_stance: str
    negated_content_stance: str
    negative_pronouns: frozenset[str]
    uncertain_means_uncommitted: bool
    negated_quotes_deny: bool


@lru_cache(maxsize=1)
def load_stance_rules() -> StanceRules:
    data = load_yaml("stance_rules.yaml")
    return StanceRules(
        negated_doubt_predicates=frozenset(data["negated_doubt_predicates"]),
        negated_doubt_certainty=dict(data["negated_doubt_certainty"]),
        distancing_cues=frozenset(data["distancing_cues"]),
        negating_heads=frozenset(data["negating_heads"]),
        negated_act_stance=dict(data["negated_act_stance"]),
        inverted_conditional_auxiliaries=frozenset(data["inverted_conditional_auxiliaries"]),
        negated_open_predicates=frozenset(data["negated_open_predicates"]),
        double_negative_heads=frozenset(data.get("double_negative_heads", ())),
        perception_predicates=frozenset(data.get("perception_predicates", ())),
        doubt_objects=frozenset(data.get("doubt_objects", ())),
        hedged_denial_stance=data.get("hedged_denial_stance", "denies"),
        negated_content_stance=data["negated_content_stance"],
        negative_pronouns=frozenset(data["negative_pronouns"]),
        uncertain_means_uncommitted=bool(data.get("uncertain_means_uncommitted", False)),
        negated_quotes_deny=bool(data.get("negated_quotes_deny", True)),
    )


@dataclass(frozen=True)
class StanceReading:
    stance: str
    certainty: str
    conditional: bool
    distanced: bool
    hedges: tuple[str, ...]


def read_stance(att: Attribution, hedges: Hedges | None = None, rules: StanceRules | None = None) -> StanceReading:
    """Stance of the source toward its content, with certainty, condition and the writer's distance."""
    hedges = hedges or load_hedges()
    rules = rules or load_stance_rules()
    doc = att.doc
    entry = att.hit.entry
    found: list[str] = []

    stance = entry.stance
    certainty = entry.certainty or "certain"
    if _cue_negated(att, rules):
        lemma = att.hit.head.lemma_.lower()
        stance = hedges.negated_cue_stance.get(lemma) or hedges.negated_cue_stance.get(entry.act) or rules.negated_act_stance.get(entry.act, "uncommitted")
        found.append("not " + att.hit.head.text)

    embedded = _embedded_own_cue(att, hedges, rules)
    if embedded is not None:  # "said he could not confirm it": the speaker's own inner cue decides
        stance = embedded
        found.append("not " + _content_root(att).text if _negated(_content_root(att)) else _content_root(att).text)

    main = _main_tokens(att)
    main_text = " " + " ".join(w for w in (_norm(doc[i]) for i in sorted(main)) if w) + " "
    content_text = " " + " ".join(w for w in (_norm(t) for t in att.content_span) if w) + " "
    phrase_stance = None
    for phrase, p_stance, p_certainty in hedges.stance_phrases:
        if f" {phrase} " in content_text and (f" {phrase} " in main_text or STANCE_STRENGTH[p_stance] >= 3):
            if phrase_stance is None or STANCE_STRENGTH[p_stance] > STANCE_STRENGTH[phrase_stance[0]]:
                phrase_stance = (p_stance, p_certainty, phrase)
    if phrase_stance and entry.stance in ("asserts", "supports", "uncommitted") and not _cue_negated(att, rules):
        if STANCE_STRENGTH[phrase_stance[0]] > STANCE_STRENGTH[stance] or stance == "supports":
            stance = phrase_stance[0]
            if phrase_stance[1]:
                certainty = phrase_stance[1]
            found.append(phrase_stance[2])
    root = _content_root(att)
    if stance == "asserts" and entry.act in ("say", "report", "confirm", "echo") and root is not None and _negative(root, rules):
        lemma = root.lemma_.lower()
        objects = {c.lemma_.lower() for c in root.children if c.dep_ in ("dobj", "attr")}
        if lemma in rules.perception_predicates and not objects & rules.doubt_objects:
            lemma = ""  # "I didn't see anything": a report, not doubt
        if lemma in rules.negated_doubt_predicates:
            stance = "disputes"
            certainty = rules.negated_doubt_certainty.get(lemma, certainty)
        elif lemma in rules.negated_open_predicates:
            stance = "uncommitted"
        elif _intention(root):
            pass  # "the bank said it would not raise rates": a stated intention, not a denial
        elif att.quote is None or rules.negated_quotes_deny:
            stance = rules.negated_content_stance
        found.append("not " + root.text)

    inherited = _inherited_stance(att)
    if inherited is not None and stance == "asserts":
        stance = inherited

    modal_certainty = _modal_certainty(main_text, hedges)
    if modal_certainty is not None:
        certainty = _weaker(certainty, modal_certainty[0])
        found.append(modal_certainty[1])
    if stance == "denies" and certainty in ("probable", "possible") and entry.stance != "denies":
        stance = rules.hedged_denial_stance  # "they felt it was a hoax"
    if rules.uncertain_means_uncommitted and stance == "asserts" and modal_certainty and modal_certainty[0] == "uncertain" \
            and _near_root(att, modal_certainty[1]):
        stance = "uncommitted"
    if stance == "uncommitted":
        certainty = "uncertain"

    conditional = _conditional(att, main, hedges, rules)
    distanced, distance_words = _distanced(att, hedges, rules)
    found.extend(distance_words)
    return StanceReading(stance=stance, certainty=certainty, conditional=conditional, distanced=distanced,
                         hedges=tuple(dict.fromkeys(found)))


def _norm(token: Token) -> str:
    """Token text as the lexicons spell it: lower case, "n't" as "not", curly apostrophes straight,
    quotation marks dropped (so 'is "true"' reads as "is true")."""
    if token.is_quote:
        return ""
    low = token.lower_.replace("\u2019", "'")
    return "not" if low == "n't" else low


def _cue_negated(att: Attribution, rules: StanceRules) -> bool:
    verb = att.hit.head
    if _negated(verb):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in rules.double_negative_heads:
        return False  # "could not resist pointing out"
    if verb.dep_ == "xcomp" and (head.lemma_.lower() in rules.negating_heads or _negated(head)):
        return True
    if verb.dep_ == "xcomp" and head.dep_ in ("acomp",) and head.lemma_.lower() in rules.negating_heads:
        return True
    if verb.dep_ == "xcomp" and head.lemma_.lower() == "be":
        return False
    # "was unable to verify": unable is acomp of was, verify its xcomp
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in rules.negating_heads:
        return True
    return False


PERSONAL_PRONOUNS = {"he", "she", "they", "i", "we", "it"}


def _embedded_own_cue(att: Attribution, hedges: Hedges, rules: StanceRules) -> str | None:
    root = _content_root(att)
    if root is None or root.pos_ not in ("VERB", "AUX") or att.hit.entry.stance != "asserts":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in PERSONAL_PRONOUNS for c in root.children):
        return None
    entry = next((h.entry for h in root.doc.user_data.get(CUE_HITS, ()) if h.head.i == root.i), None)
    if entry is None or not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children):
        return None  # "it has agreed to a ceasefire" is an act, not a view on a claim
    if _negated(root):
        return hedges.negated_cue_stance.get(root.lemma_.lower()) or hedges.negated_cue_stance.get(entry.act) \
            or rules.negated_act_stance.get(entry.act, "uncommitted")
    return entry.stance if entry.stance != "asserts" else None


def _inherited_stance(att: Attribution) -> str | None:
    """ "X echoed these concerns, describing Y as Z": a participle that goes on from another cue by
    the same speaker carries that cue's stance (supports, denies), not a fresh assertion."""
    verb = att.hit.head
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj", "xcomp"):
        return None
    head = verb.head
    for hit in head.doc.user_data.get(CUE_HITS, ()):
        if hit.head.i == head.i and hit.entry.stance in ("supports", "denies", "disputes"):
            return hit.entry.stance
    return None


def _near_root(att: Attribution, marker: str) -> bool:
    """The open-question marker governs the content itself, not a clause buried inside it."""
    root = _content_root(att)
    first = marker.split()[0]
    for t in att.content_span:
        if _norm(t) == first:
            depth, node = 0, t
            while node.i != root.i and depth < 4:
                node, depth = node.head, depth + 1
            if node.i == root.i and depth <= 2:
                return True
    return False


def _negative(root: Token, rules: StanceRules) -> bool:
    """The content's main predicate is negated, or its subject/object is "nothing", "no one"."""
    if _negated(root) or any(c.dep_ == "advmod" and c.lower_ in ("nowhere", "never") for c in root.children):
        return True
    return any(c.lower_ in rules.negative_pronouns and c.dep_ in ("nsubj", "dobj", "attr") for c in root.children)


def _intention(root: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "'ll") for c in root.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _content_root(att: Attribution) -> Token | None:
    span = att.content_span
    if len(span) == 0:
        return None
    return span.root


def _main_tokens(att: Attribution) -> set[int]:
    """Content tokens outside relative clauses and appositions: where modality bears on the claim."""
    span = att.content_span
    if len(span) == 0:
        return set()
    excluded: set[int] = set()
    for t in span:
        if t.dep_ in EMBEDDED_DEPS and t.i != span.root.i:
            excluded.update(x.i for x in t.subtree)
    return {t.i for t in span if t.i not in excluded}


def _modal_certainty(main_text: str, hedges: Hedges) -> tuple[str, str] | None:
    for level, words in (("uncertain", hedges.uncertain), ("possible", hedges.possible), ("probable", hedges.probable)):
        for w in words:
            if f" {w} " in main_text and f" {w} not " not in main_text:  # "could not have been": impossibility
                return level, w
    return None


ORDER = ["certain", "probable", "possible", "uncertain"]


def _weaker(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


def _conditional(att: Attribution, main: set[int], hedges: Hedges, rules: StanceRules) -> bool:
    doc = att.doc
    span = att.content_span
    for t in span:
        if t.lower_ in hedges.conditional_subordinators and t.dep_ in ("mark", "advmod", "prep") and (t.head.i in main or t.i == span.start):
            return True
        if t.lower_ in rules.inverted_conditional_auxiliaries and t.dep_ == "aux" and t.i + 1 < len(doc):
            nxt = doc[t.i + 1]
            if nxt.pos_ in ("PRON", "DET", "PROPN", "NOUN") and t.i < t.head.i and any(c.dep_.startswith("nsubj") and c.i > t.i for c in t.head.children):
                return True
    return False


def _distanced(att: Attribution, hedges: Hedges, rules: StanceRules) -> tuple[bool, list[str]]:
    doc = att.doc
    words: list[str] = []
    if att.hit.head.lemma_.lower() in rules.distancing_cues and att.hit.entry.pos == "verb":
        words.append(att.hit.head.lower_)
    if att.passive and not att.sources:
        words.append(att.hit.head.lower_)
    for adverb in att.hit.head.children:  # "the minister reportedly told ..."
        if adverb.dep_ == "advmod" and adverb.lower_ in hedges.distancing:
            words.append(adverb.lower_)
    lo = min(att.cue_span[0], att.content[0])
    hi = att.content[1]
    region = doc.char_span(lo, hi, alignment_mode="expand")
    if region is not None:
        for t in region:
            if t.lower_ in hedges.distancing and t.pos_ in ("ADJ", "ADV", "VERB") and t.dep_ in ("amod", "advmod", "acomp", "compound"):
                if att.quote is None or not (att.quote.inner[0] <= t.idx < att.quote.inner[1]):
                    words.append(t.lower_)
    return bool(words), words
