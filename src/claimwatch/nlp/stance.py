"""Stance, certainty, conditionality and distance of one attribution, from cue, negation and content.

The cue gives a default stance ("denied" denies); negation and modality on the cue change it ("could
not confirm" is uncommitted); phrases in the content's main clause override it ("no evidence"
disputes, "fake news" denies; "not a hoax" cancels its phrase); a label put on a claim decides too
("called the reports fake"); a wish ("hoped it was not true") is no verdict, a question ("questioned
what they were doing") no doubt, a factive cue ("pointed out that ... did not") no denial. The hedge
nearest the content's head gives certainty ("for all I know", "cannot be ruled out" included), and a
belief or hearsay verb over the content ("they felt", "I heard") makes it probable; the writer's own
"alleged" or "purportedly" marks the statement as distanced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from spacy.attrs import IS_QUOTE
from spacy.tokens import Token

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load
from claimwatch.lexicons.schema import Hedges, load_cues, load_hedges
from claimwatch.nlp.attribution import Attribution
from claimwatch.nlp.docutil import lower_forms, sentence_span
from claimwatch.nlp.speech import CUE_HITS, literal_act
from claimwatch.nlp.function_words import NOMINATIVE_PRONOUNS, PERSONAL_SUBJECT_PRONOUNS
from claimwatch.nlp.negated_matter import negation_in_circulation, normative_negation, plain_negative_report

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
    labelling_cues: frozenset[str] = frozenset()
    denial_labels: frozenset[str] = frozenset()
    doubt_labels: frozenset[str] = frozenset()
    phrase_negators: frozenset[str] = frozenset()
    optative_predicates: frozenset[str] = frozenset()
    belief_predicates: frozenset[str] = frozenset()
    belief_certainty: str = "probable"
    clausal_belief_cues: frozenset[str] = frozenset()
    asking_cues: frozenset[str] = frozenset()
    asking_words: frozenset[str] = frozenset()
    factive_cues: frozenset[str] = frozenset()
    aspectual_heads: frozenset[str] = frozenset()
    labelled_claims: frozenset[str] = frozenset()
    neg_raising_predicates: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    verbal_hedges: tuple[tuple[str, str], ...] = ()
    truth_conditions: frozenset[str] = frozenset()
    investigation_verbs: frozenset[str] = frozenset()
    verification_purposes: frozenset[str] = frozenset()
    surprise_predicates: frozenset[str] = frozenset()
    volition_predicates: frozenset[str] = frozenset()
    pending_adverbs: frozenset[str] = frozenset()
    evidential_predicates: frozenset[str] = frozenset()
    absence_determiners: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    evaluative_predicates: frozenset[str] = frozenset()
    entitlement_objects: frozenset[str] = frozenset()
    stated_uncertainty: frozenset[str] = frozenset()
    retractions: frozenset[str] = frozenset()
    absence_nouns: frozenset[str] = frozenset()
    open_predicate_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    open_particle_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    normative_modals: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    normative_nouns: frozenset[str] = frozenset()
    negation_context_words: int = 0
    inquiry_phrases: frozenset[str] = frozenset()
    possession_predicates: frozenset[str] = frozenset()
    search_phrases: frozenset[str] = frozenset()
    endorsement_acts: frozenset[str] = frozenset()
    attitude_predicates: frozenset[str] = frozenset()
    necessity_prepositions: frozenset[str] = frozenset()
    affirming_negations: frozenset[str] = frozenset()
    factive_knowing: frozenset[str] = frozenset()
    impossibility_modals: frozenset[str] = frozenset()
    confident_hedges: frozenset[str] = frozenset()
    endorsed_claim_words: frozenset[str] = frozenset()
    inquiry_claim_words: frozenset[str] = frozenset()
    negating_labels: frozenset[str] = frozenset()
    reported_things: frozenset[str] = frozenset()


LIST_KEYS = ("labelling_cues", "denial_labels", "doubt_labels", "phrase_negators", "optative_predicates",
             "belief_predicates", "clausal_belief_cues", "asking_cues", "asking_words", "factive_cues",
             "aspectual_heads", "labelled_claims", "neg_raising_predicates", "first_person",
             "truth_conditions", "investigation_verbs", "verification_purposes", "surprise_predicates", "volition_predicates", "pending_adverbs", "evidential_predicates", "absence_determiners", "evidence_nouns", "evaluative_predicates", "entitlement_objects",
             "stated_uncertainty", "retractions", "normative_modals", "absence_nouns", "light_verbs", "normative_nouns",
             "inquiry_phrases", "inquiry_claim_words", "possession_predicates",
             "search_phrases", "endorsement_acts", "endorsed_claim_words", "attitude_predicates",
             "necessity_prepositions", "affirming_negations", "factive_knowing",
             "impossibility_modals", "confident_hedges", "negating_labels", "reported_things")


def check_stance_rules(data: dict) -> None:
    """Every word list holds lower-case strings: YAML reads a bare false/no/yes as a boolean."""
    for key in LIST_KEYS:
        for word in data.get(key, ()):
            if not isinstance(word, str) or word != word.lower():
                raise LexiconError(f"stance_rules.yaml: {key}: {word!r} is not a lower-case word (quote it)")
    for word, level in dict(data.get("verbal_hedges", {})).items():
        if level not in ("probable", "possible", "uncertain"):
            raise LexiconError(f"stance_rules.yaml: verbal_hedges: {word!r} has unknown certainty {level!r}")


@lru_cache(maxsize=1)
def load_stance_rules() -> StanceRules:
    return load("stance_rules")


def parse_stance_rules(data: Any) -> StanceRules:
    """``stance_rules.yaml`` checked (``check_stance_rules``) and read into ``StanceRules``."""
    check_stance_rules(data)
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
        **{key: frozenset(data.get(key, ())) for key in LIST_KEYS},
        verbal_hedges=tuple(dict(data.get("verbal_hedges", {})).items()),
        belief_certainty=data.get("belief_certainty", "probable"),
        negation_context_words=int(data.get("negation_context_words", 0)),
        open_predicate_particles={k: frozenset(v) for k, v in dict(data.get("open_predicate_particles", {})).items()},
        open_particle_objects={k: frozenset(v) for k, v in dict(data.get("open_particle_objects", {})).items()},
    )


@dataclass(frozen=True)
class StanceReading:
    stance: str
    certainty: str
    conditional: bool
    distanced: bool
    hedges: tuple[str, ...]


@dataclass
class _Reading:
    """What the stance rules read and revise, in the order of ``STANCE_RULES``."""

    att: Attribution
    hedges: Hedges
    rules: StanceRules
    root: Token | None  # the content's root (``_content_root``)
    cue_lemma: str
    cue_forms: frozenset[str]
    wished: set[int]  # tokens of a wish inside the content ("hopes the reports are not true")
    main: set[int]  # the content's main-clause tokens, without the wish
    stance: str
    certainty: str
    found: list[str] = field(default_factory=list)  # the words that decided, in the order they did
    negated_cue: bool = False
    negated_phrase: bool = False
    modal_certainty: tuple[str, str] | None = None
    surprise: tuple[str, str] | None = None

    @property
    def entry(self):
        return self.att.hit.entry


def _start_reading(att: Attribution, hedges: Hedges, rules: StanceRules) -> _Reading:
    """The cue's own stance and certainty, and the content's main-clause tokens the rules look at."""
    root = _content_root(att)
    wished = _wished_tokens(att, rules)
    main = _main_tokens(att) - wished
    if _as_parenthetical(att) and root is not None:  # "whether X, as the government has said": the
        main -= {c.i for c in root.children if c.dep_ == "mark"}  # "whether" belongs to the outer frame
    return _Reading(att=att, hedges=hedges, rules=rules, root=root, cue_lemma=att.hit.head.lemma_.lower(),
                    cue_forms=frozenset(_lemma_forms(att.hit.head)), wished=wished, main=main,
                    stance=att.hit.entry.stance, certainty=att.hit.entry.certainty or "certain")


def _perception_or_conviction(r: _Reading) -> None:
    """ "felt the shockwave", "considering filing suit": perception or act, not belief;
    "I believe that frontline reporting is important": a conviction."""
    if r.certainty != "certain" and r.root is not None and (
            _gerund(r.root) or r.cue_lemma in r.rules.clausal_belief_cues and not _clausal(r.root)):
        r.certainty = "certain"
    if r.certainty != "certain" and _first_person_conviction(r.att.hit.head, r.rules):
        r.certainty = "certain"


def _endorsed_thing_rule(r: _Reading) -> None:
    """ "praised his heroism", "welcomed the decision", "agreed to lease the offices": praise of a person
    or a deed, or a commitment to act, is the source's own assertion; only backing a claim or a
    statement ("backed the report", "welcomed the remarks", "agreed that ...") supports."""
    if r.stance != "supports" or r.entry.act not in r.rules.endorsement_acts or r.root is None:
        return
    if r.root.pos_ in ("NOUN", "PROPN"):
        words = {r.root.lemma_.lower(), r.root.lower_}
        if not words & (r.rules.labelled_claims | r.rules.endorsed_claim_words):
            r.stance = "asserts"
    elif r.root.pos_ in ("VERB", "AUX") and r.root.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in r.root.children):
        r.stance = "asserts"  # "agreed to lease", "agreed to disinvite him": an act agreed on


def _negated_cue_rule(r: _Reading) -> None:
    """ "did not confirm": the negated act's stance; "we don't expect rates to change": a prediction."""
    r.negated_cue = _cue_negated(r.att, r.rules)
    if r.negated_cue and _neg_raised(r.att.hit.head, r.rules):
        r.negated_cue = False
        if not _evaluative_clause(r.att.hit.head, r.rules):  # "I don't think it ought to": a conviction
            r.certainty = _weaker(r.certainty, "probable")
        r.found.append("not " + r.att.hit.head.text)
    elif r.negated_cue:
        r.stance = r.hedges.negated_cue_stance.get(r.cue_lemma) or r.hedges.negated_cue_stance.get(r.entry.act) \
            or r.rules.negated_act_stance.get(r.entry.act, "uncommitted")
        r.found.append("not " + r.att.hit.head.text)


def _embedded_cue_rule(r: _Reading) -> None:
    """ "said he could not confirm it": the speaker's own inner cue decides."""
    embedded = _embedded_own_cue(r.att, r.hedges, r.rules, r.root)
    if embedded == "uncommitted" and r.root.lemma_.lower() in r.rules.investigation_verbs and _into_thing([r.root], r.rules):
        embedded = None  # "we are investigating the death of a man": what is being done, no open claim
    if embedded is not None:
        r.stance = embedded
        r.found.append("not " + r.root.text if _negated(r.root) else r.root.text)


def _strongest_phrase(r: _Reading) -> tuple[str, str | None, str] | None:
    """The strongest stance phrase of the content ("a hoax", "false"); notes a negated strong one."""
    doc, rules = r.att.doc, r.rules
    norms = _norms(doc)
    main_text = " " + " ".join(w for w in (norms[i] for i in sorted(r.main)) if w) + " "
    content_idx = [i for i in range(*r.att.content_tokens) if i not in r.wished and norms[i]]
    content_words = [norms[i] for i in content_idx]
    content_index = _positions(content_words)
    phrase_stance = None
    # "hopes the reports are not true": a wish, not a verdict
    wish = bool(r.cue_forms & rules.optative_predicates)
    for phrase, p_stance, p_certainty in () if wish else _starting_in(r.hedges.stance_phrases, content_index):
        hit = _phrase_hit(phrase, content_words, rules, content_index)
        if hit is None:
            continue
        if hit == "negated":
            r.negated_phrase = r.negated_phrase or STANCE_STRENGTH[p_stance] >= 3  # "it was not a hoax"
            continue
        if STANCE_STRENGTH[p_stance] < 3 and _attributive_only(phrase, content_words, content_idx, doc, rules):
            continue  # "premature births", "ridiculous prices": the adjective describes a thing, not the claim
        found = _occurrences(phrase, content_words, content_idx, doc)
        if _inquiry_into_thing(phrase, found, rules) or _label_of_thing(phrase, p_stance, found, rules):
            continue  # "investigating the death of a man", "propaganda videos": no view on the claim
        if f" {phrase} " in main_text or STANCE_STRENGTH[p_stance] >= 3:
            if phrase_stance is None or STANCE_STRENGTH[p_stance] > STANCE_STRENGTH[phrase_stance[0]]:
                phrase_stance = (p_stance, p_certainty, phrase)
    return phrase_stance


def _stance_phrase_rule(r: _Reading) -> None:
    """ "said the video was a hoax": a stronger stance phrase in the content overrides a plain cue."""
    phrase_stance = _strongest_phrase(r)
    if phrase_stance and r.entry.stance in ("asserts", "supports", "uncommitted") and not r.negated_cue:
        if STANCE_STRENGTH[phrase_stance[0]] > STANCE_STRENGTH[r.stance] or r.stance == "supports":
            r.stance = phrase_stance[0]
            if phrase_stance[1]:
                r.certainty = phrase_stance[1]
            r.found.append(phrase_stance[2])


def _label_rule(r: _Reading) -> None:
    """ "called the reports fake"."""
    label = _label_stance(r.att, r.rules)
    if label is not None and r.entry.stance == "asserts" and not r.negated_cue \
            and STANCE_STRENGTH[label] > STANCE_STRENGTH[r.stance]:
        r.stance = label
        r.found.append(r.att.hit.head.text)


def _dismissive_predicate_rule(r: _Reading) -> None:
    """ "that story is pure invention", "the claim was made up, it is rubbish": a label put on the claim
    as the predicate of the content's own clause."""
    if r.entry.stance != "asserts" or r.negated_cue:
        return
    label = _dismissive_predicate(r.att, r.main & _root_sentence(r), r.rules)
    if label is not None and STANCE_STRENGTH[label[0]] > STANCE_STRENGTH[r.stance]:
        r.stance = label[0]
        r.found.append(label[1])


def _absent_evidence_rule(r: _Reading) -> None:
    """ "there is no reliable proof that it is authentic"."""
    absent = _absent_evidence(r.att, r.main, r.rules) if r.stance in ("asserts", "supports") and not r.negated_cue else None
    if absent is not None:
        r.stance = "disputes"
        r.found.append(absent)


def _asking_rule(r: _Reading) -> None:
    """ "questioned what the pair were doing there": a question, not a dispute."""
    if r.stance in ("disputes", "uncommitted") and r.entry.stance == "disputes" and r.cue_lemma in r.rules.asking_cues \
            and not r.negated_cue and _asks(r.att, r.rules):
        r.stance = "uncommitted"


def _surprise_rule(r: _Reading) -> None:
    """ "it would not surprise me if ...": understatement, no assertion (reads the modal first)."""
    scope = ((r.main & _root_sentence(r)) | _predicate_participles(r.root)) - _later_conjuncts(r.root) \
        - _embedded_questions(r.root, r.rules)
    r.modal_certainty = _modal_certainty(r.att, scope, r.hedges, r.rules)
    if r.modal_certainty is not None and _described_state(r.att.doc, r.modal_certainty[2], r.rules):
        r.modal_certainty = None  # "the long-term effect remains unclear", "two men are being investigated"
    r.surprise = _negated_surprise(r.att, r.main, r.rules) if r.stance == "asserts" and not r.negated_cue else None
    if r.surprise is not None:
        r.stance = "uncommitted"
        r.found.append("not " + r.surprise[0])


def _dismissive_predicate(att: Attribution, main: set[int], rules: StanceRules) -> tuple[str, str] | None:
    """A denial or doubt label that is the predicate of a clause whose subject is the claim or a pointer
    to it ("this is nonsense", "the report was fabricated"); "it is wrong to ..." judges an act."""
    best = None
    for t in att.content_toks:
        if t.i not in main or _negated(t) or _negated(t.head):
            continue
        names = {t.lower_, t.lemma_.lower()} | {f"{t.lower_}-{c.lower_}" for c in t.children if c.dep_ == "prt"}
        if t.dep_ in ("attr", "acomp") and t.head.lemma_.lower() == "be":
            clause = t.head
        elif t.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in t.children):
            clause = t  # "the claim was invented"
        else:
            continue
        if any(c.dep_ in ("xcomp", "csubj") for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not {subject.lower_, subject.lemma_.lower()} & rules.labelled_claims:
            continue
        if names & rules.denial_labels:
            return "denies", t.text
        if names & rules.doubt_labels:
            best = best or ("disputes", t.text)
    return best


def _root_sentence(r: _Reading) -> set[int]:
    """The content's tokens in the sentence of its head: in a quote of several sentences a hedge in a
    later one ("He had the talent. He could have been famous.") does not hedge the first."""
    if r.root is None:
        return set(r.main)
    sent = r.root.sent
    return {i for i in r.main if sent.start <= i < sent.end}


def _predicate_participles(root: Token | None) -> set[int]:
    """A participle on the content's predicate noun that carries the claim ("X is the man believed to
    be the gunman"): its hedge is the claim's, though other participles and relative clauses describe."""
    if root is None:
        return set()
    out: set[int] = set()
    for pred in (c for c in root.children if c.dep_ == "attr"):
        for c in pred.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and any(g.dep_ == "xcomp" for g in c.children):
                out.update(x.i for x in c.subtree)
    return out


def _embedded_questions(root: Token | None, rules: StanceRules) -> set[int]:
    """A wh-question the content's head governs ("can't tell the world how bad it might be", "will
    tell residents what may happen next"): a modal inside it asks, it does not hedge the claim."""
    if root is None:
        return set()
    out: set[int] = set()
    for c in root.children:
        if c.dep_ in ("ccomp", "xcomp") and c.left_edge.lower_ in rules.asking_words and c.left_edge.i > root.i:
            out.update(x.i for x in c.subtree)
    return out


def _later_conjuncts(root: Token | None) -> set[int]:
    """Complement clauses coordinated after the content's head ("says it is holding a hostage, and
    that he could be next"): a hedge there hedges that clause, not the first claim."""
    if root is None:
        return set()
    out: set[int] = set()
    for c in root.children:
        if c.dep_ == "conj" and c.i > root.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            out.update(x.i for x in c.subtree)
    return out


def _described_state(doc, marker: tuple[int, ...], rules: StanceRules) -> bool:
    """The hedge word is what the content says of a thing that is not a claim: "the long-term effect
    remains unclear" (no "whether" clause: a state stated as fact), "two men are being investigated"
    (an inquiry into people, not into the claim)."""
    tokens = [doc[i] for i in marker]
    pred = next((t for t in tokens if t.lemma_.lower() in rules.stated_uncertainty
                 or t.lower_ in rules.stated_uncertainty), None)
    if pred is not None and len(tokens) == 1 and pred.dep_ == "acomp":
        verb = pred.head
        clause = [c for c in list(pred.children) + list(verb.children) if c.dep_ in ("ccomp", "csubj")
                  or c.dep_ == "advcl" and any(m.lower_ in ("whether", "if") for m in c.children)]
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return not clause and subject is not None and subject.pos_ in ("NOUN", "PROPN")
    probe = next((t for t in tokens if t.lemma_.lower() in rules.investigation_verbs), None)
    if probe is None and tokens and tokens[0].lower_ == "under":
        probe = tokens[0].head
    if probe is None:
        return False
    subject = next((c for c in probe.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") \
        and not {subject.lemma_.lower(), subject.lower_} & rules.labelled_claims


def _doubting_surprise_rule(r: _Reading) -> None:
    """ "I would be surprised if the video were real": understatement that doubts the clause."""
    if r.stance != "asserts" or r.negated_cue or r.surprise is not None:
        return
    word = _surprise_at(r.att, r.main, r.rules)
    if word is not None:
        r.stance, r.certainty = "disputes", _weaker(r.certainty, "probable")
        r.found.append(word)


def _surprise_at(att: Attribution, main: set[int], rules: StanceRules) -> str | None:
    """A surprise predicate under "would" with an "if" clause: the surprise the clause would be."""
    for t in att.content_toks:
        if t.i not in main or not {t.lower_, t.lemma_.lower()} & rules.surprise_predicates or _negated(t):
            continue
        frame = [t, t.head] if t.head.lemma_.lower() == "be" else [t]
        if any(_negated(f) for f in frame):
            continue
        would = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for f in frame for c in f.children)
        cond = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
                   for f in frame for c in f.children)
        if would and cond:
            return t.text
    return None


def _negative_opening(att: Attribution, rules: StanceRules) -> Token | None:
    """The verb of a content that opens with a negative pronoun as its subject ("None was among the
    bodies ..."), when the parser has hung the content on a later verb."""
    first = next((t for t in att.content_toks if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in rules.negative_pronouns or first.dep_ not in ("nsubj", "nsubjpass"):
        return None
    lo, hi = att.content_tokens
    return first.head if lo <= first.head.i < hi and first.head.i != _content_root(att).i else None


def _negated_content_rule(r: _Reading) -> None:
    """ "said the bodies are not theirs", "tests have shown that the bodies are not theirs": the
    clause's negation decides."""
    root, rules = r.root, r.rules
    neg_root = _negated_evidence(root, rules) if root is not None else None
    if neg_root is not None:
        r.found.append(root.text)
    neg_root = neg_root or _negative_opening(r.att, rules) or root
    if r.stance == "asserts" and r.entry.act in ("say", "report", "confirm", "echo") and root is not None \
            and root.i not in r.wished and _negative(neg_root, rules) and not r.negated_phrase \
            and not r.cue_forms & rules.optative_predicates \
            and not _negation_in_hedge(neg_root, r.modal_certainty):
        r.stance, r.certainty = _negated_content(r.att, neg_root, r.cue_lemma, rules, r.stance, r.certainty)
        r.found.append("not " + neg_root.text)


def _open_question_rule(r: _Reading) -> None:
    """ "if genuine, we are appalled"; "studying the video to determine ...": the truth is left open."""
    if r.stance in ("asserts", "supports") and not r.negated_cue:
        open_reason = _conditional_on_truth(r.att, r.main, r.rules) or _settling_work(r.root, r.rules)
        if open_reason is not None:
            r.stance = "uncommitted"
            r.found.append(open_reason)


def _inherited_rule(r: _Reading) -> None:
    """A plain assertion takes the stance of the frame it continues (``_inherited_stance``)."""
    inherited = _inherited_stance(r.att)
    if inherited is not None and r.stance == "asserts":
        r.stance = inherited


def _modal_rule(r: _Reading) -> None:
    """ "may have", "unverified": the modal weakens certainty, unless it states a conviction."""
    if r.modal_certainty is not None and _conviction(r.att, r.modal_certainty, r.rules):
        r.modal_certainty = None  # "I believe that frontline reporting is important": a conviction, not a guess
    if r.modal_certainty is not None and not (r.stance == "denies" and r.modal_certainty[0] == "uncertain"):
        r.certainty = _weaker(r.certainty, r.modal_certainty[0])  # "unsourced, unverified and ridiculous": still sure
        r.found.append(r.modal_certainty[1])


def _belief_rule(r: _Reading) -> None:
    """ "they felt it was a hoax", "I heard he quit": a belief, weaker than knowledge."""
    belief = _belief_head(r.root, r.rules)
    if belief is not None and _evaluative_clause(belief, r.rules):
        belief = None
    if belief is not None:
        r.certainty = _weaker(r.certainty, r.rules.belief_certainty)
        r.found.append(belief.text)


def _hedged_denial_rule(r: _Reading) -> None:
    """ "they felt it was a hoax": a denial held as probable only."""
    confident = r.modal_certainty is not None and r.modal_certainty[1] in r.rules.confident_hedges
    if r.stance == "denies" and r.certainty in ("probable", "possible") and r.entry.stance != "denies" and not confident:
        r.stance = r.rules.hedged_denial_stance


def _retraction_rule(r: _Reading) -> None:
    """ "it's a fake, but maybe not": a verdict the source takes back in the same breath leaves it open."""
    norms = _norms(r.att.doc)
    words = [norms[i] for i in sorted(r.main & _root_sentence(r)) if norms[i]]
    for phrase in r.rules.retractions:
        if _phrase_hit(phrase, words, r.rules) == "hit":
            r.stance = "uncommitted"
            r.found.append(phrase)
            return


def _uncertain_assertion_rule(r: _Reading) -> None:
    """With ``uncertain_means_uncommitted``, an assertion hedged as uncertain near its root commits to nothing."""
    if r.rules.uncertain_means_uncommitted and r.stance == "asserts" and r.modal_certainty \
            and r.modal_certainty[0] == "uncertain" and _near_root(r.att, r.modal_certainty[1], r.root):
        r.stance = "uncommitted"


def _premature_report_rule(r: _Reading) -> None:
    """ "confirmed that the news of his death was premature": a report called premature is one whose
    matter did not happen; affirmed, the content denies it (where "premature" alone would hedge)."""
    root = r.root
    if root is None or r.negated_cue or r.entry.stance not in ("asserts", "supports") or root.lemma_.lower() != "be":
        return
    label = next((c for c in root.children if c.dep_ == "acomp" and c.lower_ in r.rules.negating_labels), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if label is None or subject is None or _negated(root) or subject.lemma_.lower() not in r.rules.reported_things:
        return
    r.stance, r.certainty = "denies", "certain"
    r.found.append(label.text)


def _uncommitted_certainty_rule(r: _Reading) -> None:
    """An uncommitted source is uncertain (or as sure as its understatement)."""
    if r.stance == "uncommitted":
        r.certainty = r.surprise[1] if r.surprise is not None else "uncertain"


# The stance overrides, in the order they apply: each reads and revises the ``_Reading``.
STANCE_RULES: tuple[Callable[[_Reading], None], ...] = (
    _perception_or_conviction,
    _endorsed_thing_rule,
    _negated_cue_rule,
    _embedded_cue_rule,
    _stance_phrase_rule,
    _label_rule,
    _dismissive_predicate_rule,
    _absent_evidence_rule,
    _asking_rule,
    _surprise_rule,
    _doubting_surprise_rule,
    _negated_content_rule,
    _open_question_rule,
    _inherited_rule,
    _modal_rule,
    _belief_rule,
    _hedged_denial_rule,
    _retraction_rule,
    _uncertain_assertion_rule,
    _premature_report_rule,
    _uncommitted_certainty_rule,
)


def read_stance(att: Attribution, hedges: Hedges | None = None, rules: StanceRules | None = None) -> StanceReading:
    """Stance of the source toward its content, with certainty, condition and the writer's distance:
    the cue's own stance, revised by each of ``STANCE_RULES`` in turn."""
    hedges = hedges or load_hedges()
    rules = rules or load_stance_rules()
    reading = _start_reading(att, hedges, rules)
    for rule in STANCE_RULES:
        rule(reading)
    conditional = _conditional(att, reading.main, hedges, rules)
    distanced, distance_words = _distanced(att, hedges, rules)
    reading.found.extend(distance_words)
    return StanceReading(stance=reading.stance, certainty=reading.certainty, conditional=conditional,
                         distanced=distanced, hedges=distinct_hedges(reading.found))


def _lemma_forms(token: Token) -> tuple[str, ...]:
    """The token's lemma and the stems of its -ing/-ed form: the tagger lemmatises "hoped" as "hop"."""
    return _forms(token.lemma_, token.lower_)


@lru_cache(maxsize=4096)
def _forms(lemma: str, low: str) -> tuple[str, ...]:
    forms = [lemma.lower(), low]
    for suffix in ("ing", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            forms += [stem, stem + "e"]
    return tuple(dict.fromkeys(forms))


_FIRST_WORDS: dict[int, tuple[tuple, dict[str, list[int]]]] = {}


def _starting_in(phrases: tuple, index: dict[str, list[int]]) -> list:
    """The entries of ``phrases`` (strings, or tuples led by one) whose first word occurs in the
    content, in lexicon order: the others cannot match, and most contents hold few of them."""
    cached = _FIRST_WORDS.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        by_first: dict[str, list[int]] = {}
        for k, entry in enumerate(phrases):
            by_first.setdefault((entry if isinstance(entry, str) else entry[0]).split()[0], []).append(k)
        cached = _FIRST_WORDS[id(phrases)] = (phrases, by_first)
    by_first = cached[1]
    found = sorted(k for w in index if w in by_first for k in by_first[w])
    return [phrases[k] for k in found]


def _positions(words: list[str]) -> dict[str, list[int]]:
    """Where each word occurs: phrase lookups start only where their first word is."""
    out: dict[str, list[int]] = {}
    for k, w in enumerate(words):
        out.setdefault(w, []).append(k)
    return out


def _phrase_hit(phrase: str, words: list[str], rules: StanceRules, index: dict[str, list[int]] | None = None) -> str | None:
    """Where a stance phrase occurs in the content: "hit", "negated" when every occurrence follows a
    negator ("not a hoax", "not entirely baseless"), or None."""
    parts = phrase.split()
    n = len(parts)
    starts_negative = parts[0] in rules.phrase_negators
    result = None
    index = index if index is not None else _positions(words)
    for k in index.get(parts[0], ()):
        if words[k:k + n] != parts:
            continue
        if not starts_negative and rules.phrase_negators & set(words[max(0, k - 2):k]):
            result = result or "negated"
            continue
        return "hit"
    return result


def _label_stance(att: Attribution, rules: StanceRules) -> str | None:
    """ "called the reports fake", "described the claims as baseless", "branded them lies": the label
    the source puts on the content is its stance."""
    verb = att.hit.head
    if verb.lemma_.lower() not in rules.labelling_cues:
        return None
    labels: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr"):
            labels.append(c)
        elif c.dep_ == "prep" and c.lower_ == "as":
            labels.extend(g for g in c.children if g.dep_ in ("pobj", "amod", "acomp"))
        elif c.dep_ == "dobj" and any(g.dep_ == "nsubj" for g in c.children):
            labels.append(c)  # "branded the accusations lies": a small clause parsed as an object
    labels += [cj for lab in labels for cj in lab.conjuncts]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for o in objects + labels for g in o.children if g.dep_ == "nsubj"]  # "considered the reports false"
    if not any({o.lemma_.lower(), o.lower_} & rules.labelled_claims for o in objects):
        return None  # "declared the election fraudulent" says it was
    lo, hi = att.content
    best = None
    for lab in labels:
        if not (lo <= lab.idx < hi) or _negated(lab):
            continue
        names = {lab.lower_, lab.lemma_.lower()}
        if names & rules.denial_labels:
            return "denies"
        if names & rules.doubt_labels:
            best = "disputes"
    return best


def _asks(att: Attribution, rules: StanceRules) -> bool:
    """The content is a question: a wh-clause ("what the pair were doing") or direct questions."""
    words = [t for t in att.content_toks if not t.is_punct]
    if not words:
        return False
    if words[0].lower_ in rules.asking_words:
        return True
    return att.quote is not None and att.doc.text[att.content[0]:att.content[1]].rstrip().rstrip("\"\u201d'").endswith("?")


def _wished_tokens(att: Attribution, rules: StanceRules) -> set[int]:
    """Tokens of a clause the source only hopes or wishes for ("I hope that it isn't true")."""
    out: set[int] = set()
    for t in att.content_toks:
        if t.pos_ in ("VERB", "AUX") and rules.optative_predicates & set(_lemma_forms(t)):
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp"):
                    out.update(x.i for x in c.subtree)
    return out


def _as_parenthetical(att: Attribution) -> bool:
    """ "X, as the government has said": the cue is an "as" clause attached inside its content."""
    verb = att.hit.head
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    lo, hi = att.content
    return lo <= verb.head.idx < hi


def _negation_in_hedge(root: Token, modal: tuple[str, str, tuple[int, ...]] | None) -> bool:
    """ "cannot be ruled out", "it was not clear if": the negation belongs to a hedge, not to the claim."""
    if modal is None:
        return False
    return any(c.dep_ == "neg" and c.i in modal[2] for c in root.children) or \
        (root.i in modal[2] and any(w in ("not", "n't") for w in modal[1].split()))


def _neg_raised(verb: Token, rules: StanceRules) -> bool:
    """A negated belief verb with a first-person subject: "I don't think", "we do not expect"."""
    return verb.lemma_.lower() in rules.neg_raising_predicates and _negated(verb) \
        and any(c.dep_ == "nsubj" and c.lower_ in rules.first_person for c in verb.children)


def _gerund(root: Token) -> bool:
    """A bare gerund ("considering filing suit"), not a progressive clause ("they are winning")."""
    return root.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in root.children)


def _clausal(root: Token | None) -> bool:
    return root is not None and root.pos_ in ("VERB", "AUX", "ADJ") and root.tag_ != "VBG"


def _belief_head(root: Token | None, rules: StanceRules) -> Token | None:
    """The content's predicate is the speaker's belief or hearsay over a clause: "they felt it was a
    hoax", "I've heard that he is suspended", "I would almost bet it had not been tested"."""
    if root is None or root.lemma_.lower() not in rules.belief_predicates or _negated(root):
        return None
    if not any(c.dep_ == "nsubj" and (c.lower_ in PERSONAL_SUBJECT_PRONOUNS or c.pos_ in ("NOUN", "PROPN"))
               for c in root.children):
        return None  # "investigators believe they know who he is": a belief reported, held as probable
    if not any(c.dep_ == "ccomp" and _finite_claim(c, rules) for c in root.children):
        return None  # "heard the first shot go off": a perception
    return root


def _finite_claim(clause: Token, rules: StanceRules) -> bool:
    """A that- or finite clause ("heard he is suspended"), not a bare infinitive or a wh-clause."""
    if any(c.lower_ in rules.asking_words for c in clause.children if c.i < clause.i):
        return False  # "heard what they did"
    if clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or clause.lower_.replace("\u2019", "'") in FINITE_BE:
        return True
    if any(c.dep_ == "nsubj" and c.lower_ in NOMINATIVE_PRONOUNS for c in clause.children):
        return True  # "heard he's on a suspension" (the tagger reads "'s" as a bare verb); "heard him go" is not
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") or c.dep_ == "mark" and c.lower_ == "that"
               for c in clause.children)


def _norms(doc) -> list[str]:
    """``_norm`` of every token of the Doc, made once per Doc from its arrays (stance reads each
    content's words several times)."""
    norms = doc.user_data.get(_NORMS)
    if norms is None:
        quotes = doc.to_array(IS_QUOTE).tolist()
        norms = doc.user_data[_NORMS] = [_norm_word(low, bool(q)) for low, q in zip(lower_forms(doc), quotes)]
    return norms


_NORMS = "claimwatch.stance_norms"


def _norm(token: Token) -> str:
    """Token text as the lexicons spell it: lower case, "n't" as "not", curly apostrophes straight,
    quotation marks dropped (so 'is "true"' reads as "is true")."""
    return _norm_word(token.lower_, token.is_quote)


def _norm_word(lower: str, is_quote: bool) -> str:
    if is_quote:
        return ""
    low = lower.replace("\u2019", "'")
    return "not" if low == "n't" else low


def _cue_negated(att: Attribution, rules: StanceRules) -> bool:
    verb = att.hit.head
    if _negated(verb):
        return True
    head = verb.head
    if verb.dep_ == "acomp" and head.lemma_.lower() == "be" and _negated(head):
        return True  # "is not confident that ...": the copula carries the adjective cue's negation
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


FINITE_BE = {"'s", "'re", "'m", "is", "are", "am", "was", "were"}


def _embedded_own_cue(att: Attribution, hedges: Hedges, rules: StanceRules, root: Token | None) -> str | None:
    """The stance of the speaker's own cue heading the content (``root``, from ``_content_root``)."""
    if root is None or root.pos_ not in ("VERB", "AUX") or att.hit.entry.stance != "asserts":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in PERSONAL_SUBJECT_PRONOUNS for c in root.children):
        return None
    if _neg_raised(root, rules) and _evaluative_clause(root, rules):
        return None  # "I don't think fear ought to stop it": a conviction, not a negated cue
    entry = None
    negated = _negated(root)
    if root.lemma_.lower() in rules.aspectual_heads:  # "we keep hoping that ...": the inner verb is the cue
        inner = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if inner is not None:
            root = inner
            entry = next((e for e in map(lambda f: load_cues().verb(f, None), _lemma_forms(inner)) if e), None)
    entry = entry or next((h.entry for h in root.doc.user_data.get(CUE_HITS, ()) if h.head.i == root.i), None)
    if entry is None and rules.optative_predicates & set(_lemma_forms(root)) \
            and any(c.dep_ == "ccomp" for c in root.children):  # "hoped" (tagged "hop"); "hopes to win" is an aim
        entry = next((e for e in map(lambda f: load_cues().verb(f, None), _lemma_forms(root)) if e), None)
    if entry is None or not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children) or literal_act(root):
        return None  # "it has agreed to a ceasefire", "it shot down two drones": an act, not a view on a claim
    if negated or _negated(root):  # "we are not going to confirm": the negation of "going" is the cue's
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


def _near_root(att: Attribution, marker: str, root: Token | None) -> bool:
    """The open-question marker governs the content itself (``root``, from ``_content_root``), not a
    clause buried inside it."""
    first = marker.split()[0]
    norms = _norms(att.doc)
    for t in att.content_toks:
        if norms[t.i] == first:
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

def _negated_content(att: Attribution, root: Token, cue_lemma: str, rules: StanceRules, stance: str,
                     certainty: str) -> tuple[str, str]:
    """Stance and certainty of a content whose main predicate is negated: doubt ("we do not see a
    link"), an open question ("has not been determined"), a plain negative report (an intention, a
    disposition, progress, a factive cue's fact) or, otherwise, a denial ("she is not his wife")."""
    lemma = root.lemma_.lower()
    objects = {c.lemma_.lower() for c in root.children if c.dep_ in ("dobj", "attr")}
    if lemma in rules.perception_predicates and not objects & rules.doubt_objects:
        lemma = ""  # "I didn't see anything": a report, not doubt
    if _neg_raised(root, rules) and _evaluative_clause(root, rules):
        return stance, certainty  # "I don't think fear ought to stop the inquiry": a conviction, no doubt
    if _searched(root, rules) or plain_negative_report(root, rules):
        return stance, certainty  # "I can't think of a better name", "promised never to return": no denial
    if lemma in rules.negated_open_predicates and _asks_open(root, rules):
        return "uncommitted", certainty  # "how it got there, I'll never know": an open question
    held = _held_phrase(root, rules)
    if held is not None:
        return held  # "did not have any information about it": as "no information"
    if lemma in rules.negated_doubt_predicates:
        return "disputes", rules.negated_doubt_certainty.get(lemma, certainty)
    if lemma in rules.negated_open_predicates:  # "did not go home" reports where one went, rejects nothing
        return ("uncommitted", certainty) if _open_sense(root, rules) else (stance, certainty)
    if _intention(root):  # "the bank said it would not raise rates": a stated intention
        return stance, certainty
    if plain_negation(root, rules):  # "I didn't want to", "not yet in custody"
        return stance, certainty
    if cue_lemma in rules.factive_cues:  # "pointed out that the figures did not include ...": a fact
        return stance, certainty
    if normative_negation(root, rules):  # "the tax is not the answer": a position, no rejected claim
        return stance, certainty
    if (att.quote is None or rules.negated_quotes_deny) and negation_in_circulation(att, root, rules):
        return rules.negated_content_stance, certainty
    return stance, certainty


def negated_position(att: Attribution, rules: StanceRules | None = None) -> bool:
    """The content is a negated position ("gun control is not the answer"): a proposition of its own,
    no rejection of a claim told before even when its words restate one."""
    rules = rules or load_stance_rules()
    root = _content_root(att)
    return root is not None and normative_negation(root, rules)


def _searched(root: Token, rules: StanceRules) -> bool:
    """ "can't think of a better name": the verb with its particle names a search, not a doubt."""
    lemma = root.lemma_.lower()
    return not any(c.dep_ == "ccomp" for c in root.children) \
        and any(c.dep_ in ("prep", "prt") and f"{lemma} {c.lower_}" in rules.search_phrases for c in root.children)


def _asks_open(root: Token, rules: StanceRules) -> bool:
    """The negated verb's complement is a wh-question ("I'll never know how it got there", "we do not
    know who did it"), before or after it."""
    for c in root.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj") and c.left_edge.lower_ in rules.asking_words:
            return True
        if c.dep_ == "advcl" and c.i < root.i and c.left_edge.lower_ in rules.asking_words - {"when"}:
            return True  # a fronted question the parser reads as an adverbial clause
    return False


def _held_phrase(root: Token, rules: StanceRules) -> tuple[str, str] | None:
    """ "did not have any information about such an arrest", "don't have any evidence": a negated
    possession reads as "no" + its object, a stance phrase ("no information", "no evidence")."""
    if root.lemma_.lower() not in rules.possession_predicates:
        return None
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    phrases = {p: (st, ce) for p, st, ce in load_hedges().stance_phrases}
    found = phrases.get(f"no {obj.lemma_.lower()}") or phrases.get(f"no {obj.lower_}")
    return (found[0], found[1] or "certain") if found else None


def _open_sense(root: Token, rules: StanceRules) -> bool:
    """A verb open only with its particle ("did not go into detail"; "the money did not go to
    local firms" is a plain negative)."""
    particles = rules.open_predicate_particles.get(root.lemma_.lower())
    return particles is None or any(c.lower_ in particles and _open_particle_object(c, rules)
                                    for c in root.children if c.dep_ in ("prep", "prt")) \
        or any(c.dep_ == "xcomp" for c in root.children)  # "not going to comment": the inner verb


def _open_particle_object(particle: Token, rules: StanceRules) -> bool:
    """ "into detail" is open, "into effect" is not: a particle listed with objects needs one of them."""
    objects = rules.open_particle_objects.get(particle.lower_)
    return objects is None or any(c.lemma_.lower() in objects or c.lower_ in objects
                                  for c in particle.children if c.dep_ == "pobj")


def plain_negation(head: Token, rules: StanceRules | None = None) -> bool:
    """A negation that reports rather than rejects: a want or plan ("I didn't want to go back") or
    progress ("not yet in custody"). Claim matching does not read these as denials either."""
    rules = rules or load_stance_rules()
    return head.lemma_.lower() in rules.volition_predicates or _pending(head, rules)


def _conviction(att: Attribution, modal: tuple[str, str, tuple[int, ...]], rules: StanceRules) -> bool:
    """The hedge is a first-person belief ("I believe", "we think") over a value judgement."""
    verb = next((att.doc[i] for i in modal[2] if att.doc[i].lemma_.lower() in rules.belief_predicates), None)
    return verb is not None and _first_person_conviction(verb, rules)


def _first_person_conviction(verb: Token, rules: StanceRules) -> bool:
    """ "I believe that ... is important", "we think everyone has the right to ...": a conviction."""
    if verb.lemma_.lower() not in rules.belief_predicates:
        return False  # negated too: "I don't think it is fair" is as much a conviction
    if not any(c.dep_ == "nsubj" and c.lower_ in rules.first_person for c in verb.children):
        return False
    return _evaluative_clause(verb, rules) or verb.tag_ == "VBP" and _verdict_clause(verb, rules)


def _verdict_clause(verb: Token, rules: StanceRules) -> bool:
    """ "I think that is fabricated": a present verdict on the claim, not a guess ("I thought it was
    a hoax" tells of a view since revised)."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    words = [clause] + [c for c in clause.children if c.dep_ in ("acomp", "attr")]
    return any(w.lower_ in rules.denial_labels for w in words)


def _evaluative_clause(verb: Token, rules: StanceRules) -> bool:
    """The clause a belief verb governs judges value ("... is important", "... has the right to")."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    words = [clause] + [c for c in clause.children if c.dep_ in ("acomp", "attr", "dobj")]
    if any(w.lemma_.lower() in rules.evaluative_predicates or w.lower_ in rules.evaluative_predicates for w in words):
        return True
    if clause.lower_ in rules.normative_modals or any(c.dep_ == "aux" and c.lower_ in rules.normative_modals
                                                       for c in clause.children):
        return True  # "I think the minister should resign": what ought to be, a conviction
    return any(w.dep_ == "dobj" and w.lemma_.lower() in rules.entitlement_objects for w in words)


def _pending(root: Token, rules: StanceRules) -> bool:
    """ "not yet", "still not": the negation reports where things stand, not a rejected claim."""
    near = list(root.children) + [g for c in root.children if c.dep_ in ("prep", "acomp", "attr") for g in c.children]
    return any(t.dep_ == "advmod" and t.lower_ in rules.pending_adverbs for t in near)


def _negated_evidence(root: Token, rules: StanceRules) -> Token | None:
    """The negated clause an evidence verb presents ("tests have shown that the bodies are not those
    of the students"): its negation is the source's denial on that evidence's authority."""
    if root.lemma_.lower() not in rules.evidential_predicates or _negated(root):
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if clause is None or not _negative(clause, rules):
        return None
    return clause


def _absent_evidence(att: Attribution, main: set[int], rules: StanceRules) -> str | None:
    """ "no reliable proof", "no credible sign that ...": an evidence noun under "no" in the main
    clause casts doubt whatever adjectives stand between (the fixed phrases only catch "no evidence")."""
    for t in att.content_toks:
        if t.i in main and t.pos_ == "NOUN" and t.lemma_.lower() in rules.evidence_nouns:
            det = next((c for c in t.children if c.dep_ == "det" and c.lower_ in rules.absence_determiners), None)
            if det is not None and det.i < t.i - 1:  # "no evidence" itself is a stance phrase already
                return f"{det.lower_} {t.lower_}"
            lack = next((a for a in list(t.head.ancestors)[:3] if a.pos_ == "NOUN"), None) \
                if t.dep_ == "pobj" and t.head.lower_ == "of" else None  # "the lack so far of any ..."
            if lack is not None and lack.lemma_.lower() in rules.absence_nouns and lack.i in main and not _negated(lack.head):
                return f"{lack.lower_} of {t.lower_}"  # "the lack of any eyewitness accounts"
    return None


def _attributive_only(phrase: str, words: list[str], positions: list[int], doc, rules: StanceRules) -> bool:
    """A one-word phrase that only ever modifies a noun other than a claim ("premature births") describes
    a thing; on a claim noun ("a premature report") it still judges it."""
    if " " in phrase:
        return False
    hits = [doc[positions[k]] for k, w in enumerate(words) if w == phrase]
    return bool(hits) and all(t.dep_ == "amod" and not {t.head.lemma_.lower(), t.head.lower_} & rules.labelled_claims
                              for t in hits)


def _occurrences(phrase: str, words: list[str], positions: list[int], doc) -> list[list[Token]]:
    """The tokens of each occurrence of a phrase in the content's words."""
    parts = phrase.split()
    n = len(parts)
    return [[doc[positions[k + j]] for j in range(n)] for k in range(len(words) - n + 1) if words[k:k + n] == parts]


def _inquiry_target(tokens: list[Token]) -> Token | None:
    """What an inquiry phrase is into: "investigating X", "looking into X", "X is under investigation"."""
    for t in tokens:
        for c in t.children:
            if c.dep_ in ("dobj", "pobj") and c not in tokens:
                return c
            if c.dep_ == "prep" and c.lower_ == "into":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
    head = tokens[0].head if tokens[0].dep_ == "prep" else tokens[-1]  # "the driver is under investigation"
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _inquiry_into_thing(phrase: str, found: list[list[Token]], rules: StanceRules) -> bool:
    """An inquiry into a death, a person or a crash reports what is being done ("police are investigating
    the death of a man"); only one into a claim, or whether something is so, leaves a claim open."""
    if phrase not in rules.inquiry_phrases or not found:
        return False
    return all(_into_thing(tokens, rules) for tokens in found)


def _into_thing(tokens: list[Token], rules: StanceRules) -> bool:
    """The inquiry these tokens name is into a thing, not a claim (``_inquiry_into_thing``)."""
    target = _inquiry_target(tokens)
    if target is None or target.pos_ not in ("NOUN", "PROPN") \
            or {target.lower_, target.lemma_.lower()} & (rules.labelled_claims | rules.inquiry_claim_words):
        return False
    if any(c.dep_ == "amod" and c.lower_ in rules.inquiry_claim_words for c in target.children):
        return False  # "investigating the alleged breach": a thing still only claimed
    return not any(c.dep_ in ("ccomp", "advcl") for t in tokens for c in t.children)  # "investigating whether ..."


def _label_of_thing(phrase: str, p_stance: str, found: list[list[Token]], rules: StanceRules) -> bool:
    """A one-word denial or doubt word that only names a kind of thing ("propaganda videos", "used in
    militant propaganda", "a fake passport"), not a verdict on the claim ("the video was propaganda")."""
    if " " in phrase or STANCE_STRENGTH[p_stance] < 3 or not found:
        return False
    for (t,) in found:
        if t.dep_ == "amod" and _predicative(t.head) or t.dep_ == "pobj" and _predicative(t):
            return False  # "the information was of dubious credibility": a verdict all the same
        if t.dep_ == "compound" or t.dep_ == "pobj" and t.head.lower_ != "as":
            continue
        if t.dep_ == "amod" and not {t.head.lemma_.lower(), t.head.lower_} & rules.labelled_claims:
            continue
        return False
    return True


def _predicative(noun: Token) -> bool:
    """The noun is what its clause says the subject is: "was propaganda", "was of dubious credibility"."""
    if noun.dep_ in ("attr", "acomp", "oprd"):
        return True
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    holder = noun.head.head  # "was of dubious credibility", "is part of their propaganda"
    return holder.lemma_.lower() == "be" or holder.dep_ in ("attr", "acomp", "oprd")


def _conditional_on_truth(att: Attribution, main: set[int], rules: StanceRules) -> str | None:
    """An "if" clause on the main clause whose predicate is the claim's truth ("if genuine", "if the
    video is verified"): what follows holds only if the claim does, so the source takes no side."""
    for t in att.content_toks:
        if t.lower_ != "if" or t.dep_ != "mark" or t.head.dep_ != "advcl" or t.head.head.i not in main:
            continue
        pred = t.head
        words = {pred.lower_, pred.lemma_.lower()} | {c.lower_ for c in pred.children if c.dep_ in ("acomp", "attr", "oprd")}
        if words & rules.truth_conditions:
            return "if " + pred.text
    return None


def _settling_work(root: Token | None, rules: StanceRules) -> str | None:
    """Work whose purpose is to settle the claim ("are studying the video to determine whether it is
    genuine", "is working to verify its authenticity"): the question is still open."""
    if root is None or root.lemma_.lower() not in rules.investigation_verbs or _negated(root):
        return None
    for c in root.children:
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in rules.verification_purposes \
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return f"{root.text} to {c.text}"
    return None


def _negated_surprise(att: Attribution, main: set[int], rules: StanceRules) -> tuple[str, str] | None:
    """A negated surprise in the main clause ("it would not surprise me if ...", "not surprised at the
    claims"): understatement that holds the claim possible (over a clause) or takes no side."""
    for t in att.content_toks:
        if t.i not in main or t.lower_ not in rules.surprise_predicates and t.lemma_.lower() not in rules.surprise_predicates:
            continue
        if not (_negated(t) or t.head.lemma_.lower() == "be" and _negated(t.head)):
            continue
        clause = any(c.dep_ == "ccomp" or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "that") for m in c.children)
                     for c in t.children)
        return t.text, "possible" if clause else "uncertain"
    return None



def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _content_root(att: Attribution) -> Token | None:
    """The head of the content; of its first sentence when a quote runs over several (the head of a
    multi-sentence span is otherwise an arbitrary later sentence's)."""
    span = att.content_span
    if len(span) == 0:
        return None
    first = next((t for t in att.content_toks if not (t.is_punct or t.is_space)), span[0])
    sent = sentence_span(first)
    if span.end <= sent.end:
        return span.root
    return span.doc[first.i:sent.end].root


def _main_tokens(att: Attribution) -> set[int]:
    """Content tokens outside relative clauses and appositions: where modality bears on the claim."""
    span = att.content_span
    if len(span) == 0:
        return set()
    excluded: set[int] = set()
    root_i = span.root.i
    for t in att.content_toks:
        if t.dep_ in EMBEDDED_DEPS and t.i != root_i:
            excluded.update(x.i for x in t.subtree)
    return {t.i for t in att.content_toks if t.i not in excluded}


def _modal_certainty(att: Attribution, main: set[int], hedges: Hedges, rules: StanceRules) -> tuple[str, str, tuple[int, ...]] | None:
    """The hedge that governs the content: the one nearest its head ("will likely include engineers
    examining whether..." is probable), the weakest on a tie. Words of the main clause count; a
    phrase of three words or more that opens there ("for all I know") counts whole."""
    span = att.content_span
    norms, start = _norms(att.doc), att.content_tokens[0]
    tokens = [(w, t) for k, t in enumerate(att.content_toks) if (w := norms[start + k])]
    words = [w for w, _ in tokens]
    index = _positions(words)
    best: tuple[int, int, str, str, tuple[int, ...]] | None = None
    for level, markers in (("uncertain", hedges.uncertain), ("possible", hedges.possible), ("probable", hedges.probable)):
        for marker in _starting_in(markers, index):
            parts = marker.split()
            n = len(parts)
            for k in index.get(parts[0], ()):
                if words[k:k + n] != parts:
                    continue
                matched = [t for _, t in tokens[k:k + n]]
                if not all(t.i in main for t in matched) and (n < 3 or matched[0].i not in main):
                    continue  # "for all I know": a fixed phrase opening in the main clause
                if k + n < len(tokens) and tokens[k + n][0] == "not" and parts[-1] in rules.impossibility_modals:
                    continue  # "could not have been": impossibility, not a hedge ("may not be", "likely not" still hedge)
                if k > 0 and tokens[k - 1][0] in rules.absence_determiners:
                    continue  # "no reason to believe": a doubt (a stance phrase), not a belief
                if k > 0 and tokens[k - 1][0] == "to" and matched[0].tag_ == "VB":
                    continue  # "no evidence to suggest": an infinitive, not the source's hedge
                if n == 1 and matched[0].dep_ == "amod" and matched[0].head.pos_ in ("NOUN", "PROPN"):
                    continue  # "the suspected gunman was carrying a rifle": a description, not a hedge
                depth = min(_depth(t, span) for t in matched)
                key = (depth, -ORDER.index(level), level, marker, tuple(t.i for t in matched))
                if best is None or key < best:
                    best = key
    verbal_hedges = dict(rules.verbal_hedges)
    for t in att.content_toks:  # "sub-par growth risks perpetuating itself"
        level = verbal_hedges.get(t.lemma_.lower())
        if not level or t.i not in main:
            continue
        if t.pos_ == "VERB":
            governs = t.tag_ in ("VBZ", "VBP") and any(c.dep_ == "xcomp" for c in t.children)
        else:  # the tagger often reads "growth risks perpetuating" as a noun compound: a noun before, a gerund after
            governs = t.dep_ not in ("nsubj", "nsubjpass") and t.i > 0 and t.doc[t.i - 1].pos_ in ("NOUN", "PROPN", "PRON") \
                and t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ == "VBG"
        if governs:
            key = (_depth(t, span), -ORDER.index(level), level, t.lower_, (t.i,))
            if best is None or key < best:
                best = key
    return (best[2], best[3], best[4]) if best is not None else None


def _depth(token: Token, span) -> int:
    """Steps from a token up to the head of its clause within the span."""
    depth, node = 0, token
    while node.head.i != node.i and span.start <= node.head.i < span.end and depth < 20:
        node, depth = node.head, depth + 1
    return depth


ORDER = ["certain", "probable", "possible", "uncertain"]


def _weaker(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


def _conditional(att: Attribution, main: set[int], hedges: Hedges, rules: StanceRules) -> bool:
    doc = att.doc
    span = att.content_span
    for t in att.content_toks:
        if t.lower_ in hedges.conditional_subordinators and t.dep_ in ("mark", "advmod", "prep") and (t.head.i in main or t.i == span.start):
            frame = t.head.head
            if {frame.lemma_.lower(), frame.lower_} & rules.surprise_predicates or frame.lemma_.lower() == "be" and any(
                    c.dep_ == "acomp" and c.lower_ in rules.surprise_predicates for c in frame.children):
                continue  # "it would (not) surprise me if ...": the clause is what is held possible, no condition
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
        lows = lower_forms(doc)
        for i in range(region.start, region.end):
            if lows[i] not in hedges.distancing:
                continue
            t = doc[i]
            if t.lower_ in hedges.distancing and t.pos_ in ("ADJ", "ADV", "VERB") and t.dep_ in ("amod", "advmod", "acomp", "compound"):
                if att.quote is None or not (att.quote.inner[0] <= t.idx < att.quote.inner[1]):
                    words.append(t.lower_)
    return bool(words), words


def distinct_hedges(found) -> tuple[str, ...]:
    """The hedge words once each, in order, without one held inside a longer one ("not confirm" in
    "could not confirm"): two rules that read the same words record them once."""
    unique = tuple(dict.fromkeys(found))
    return tuple(h for h in unique if not any(o != h and f" {h} " in f" {o} " for o in unique))


def merge_readings(outer: StanceReading, inner: StanceReading) -> StanceReading:
    """The reading of a statement whose content holds the same speaker's own cue ("said he could not
    confirm it", "told me that for all I know ..."): the inner cue's stance wins unless it is a plain
    assertion where the outer content already doubts or rejects; the certainty is the weaker one."""
    stance = inner.stance
    if inner.stance == "asserts" and outer.stance in ("disputes", "denies", "uncommitted"):
        stance = outer.stance
    certainty = "uncertain" if stance == "uncommitted" else _weaker(outer.certainty, inner.certainty)
    return StanceReading(stance=stance, certainty=certainty, conditional=outer.conditional or inner.conditional,
                         distanced=outer.distanced or inner.distanced,
                         hedges=distinct_hedges(inner.hedges + outer.hedges))
