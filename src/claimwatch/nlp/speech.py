"""Which uses of a cue word report a speech act: filters over the parse (hypothetical, conditional,
bare participles, free relatives) and the speaker behind a partitive or an "it"."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from claimwatch.lexicons import load
from claimwatch.lexicons.checks import document, word_list
from claimwatch.lexicons.schema import load_cues
from claimwatch.nlp.function_words import HYPOTHETICAL_AUX, INVERTED_AUX, PARTITIVE_QUANTIFIERS

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CUE_HEADS = "claimwatch.cue_heads"
CUE_HITS = "claimwatch.cue_hits"


def is_speech_use(verb: Token) -> bool:
    """Filter uses of cue verbs that report no speech act by a speaker.

    "Asked for comment, X said" (bare participle adjunct), "no evidence to suggest" (infinitive
    under a noun), "what he knows" (free relative) are not statements.
    """
    children = list(verb.children)
    has_subject = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in children)
    has_aux = any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in children)
    has_clause = any(c.dep_ == "ccomp" for c in children)
    if verb.tag_ == "VBN" and not has_subject and not has_aux and not has_clause and verb.dep_ in ("advcl", "acl", "ROOT", "amod") \
            and not is_accusation_participle(verb):
        return False  # "Asked for comment, ..." (a participle with a that-clause is a misparsed finite verb)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if infinitive and not has_subject:
        head, control_heads = verb.head, load_speech_objects().control_heads
        if head.lemma_.lower() not in control_heads and head.lower_ not in control_heads \
                and not infinitive_speaker(verb):
            return False
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in children) and not any(
            c.dep_ == "prep" and c.lower_ == "as" for c in children):
        return False  # "what he knows", but "what they described as a bear" names what it was
    return True


def is_speakerless_belief(verb: Token) -> bool:
    """ "the vote is expected Tuesday", "he is believed to have fled": a belief verb in the passive with
    no by-phrase and a subject other than the expletive "it" gives nobody's position."""
    if verb.lemma_.lower() not in load_speech_objects().speakerless_passives or verb.tag_ != "VBN":
        return False
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return subject.lower_ != "it"
    return verb.dep_ in ("acl", "relcl") or any(c.dep_ == "auxpass" for c in children)


def is_question(verb: Token) -> bool:
    """ "Do you know whether ...?", "Does she really believe that ...?": a cue verb asked about, its
    auxiliary before its subject in a sentence that ends in a question mark, states nothing."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children):
        return False
    sentence = verb.sent
    last = next((t for t in reversed(sentence) if not t.is_space and t.text not in ('"', "\u201d", "'", "\u2019")), None)
    return last is not None and last.text == "?"


def is_raising_passive(verb: Token) -> bool:
    """ "the mayor is said to be furious", "was reported to have resigned": a passive speech verb with a
    subject of its own (not "it") and an infinitive after it reports what unnamed others say of the subject."""
    if verb.lemma_.lower() not in load_speech_objects().raising_passives or verb.tag_ != "VBN":
        return False
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and any(c.dep_ == "nsubjpass" and c.lower_ != "it" for c in children) \
        and raising_infinitive(verb) is not None


def raising_infinitive(verb: Token) -> Token | None:
    """The infinitive a verb governs after it ("said to be", "vowed to rebuild"), if any."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def infinitive_speaker(verb: Token) -> bool:
    """A cue in the infinitive of a raising passive ("officials are said to have confirmed that ...") or
    of a leading verb ("moved to deny") is a statement by the subject of the verb above it."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
        return False
    head, lex = verb.head, load_speech_objects()
    entry = load_cues().verb(verb.lemma_.lower())
    if head.lemma_.lower() in lex.purpose_heads and head.i < verb.i and not is_hypothetical(head) \
            and entry is not None and entry.stance != "uncommitted" \
            and (head.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in head.children)):
        return True  # "telephoned her manager to say that ...": the call was made to say it (not "to investigate")
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in lex.leading_verbs
                                     or is_raising_passive(head) and perfect_infinitive(verb))


def is_accusation_participle(verb: Token) -> bool:
    """ "twelve guards were arrested, accused of selling keys": a bare participle of an accusing verb
    with its "of" phrase reports an accusation whose makers the text does not name."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in load_speech_objects().accusation_participles:
        return False
    children = list(verb.children)
    if any(c.dep_ in ("aux", "auxpass", "agent") or c.dep_ in SUBJECT_DEPS for c in children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
               for c in children)


def is_hypothetical(verb: Token) -> bool:
    """A modal cue that is not negated speaks of a possible act ("would declare"); a negated one
    ("could not confirm", "would not comment") reports a refusal and stays."""
    children = list(verb.children)
    modal = any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and not _name_part(c) for c in children)
    return modal and not any(c.dep_ == "neg" for c in children)


def _name_part(aux: Token) -> bool:
    """ "Will Grant, the paper's correspondent, says ...": a capitalised modal right before a proper-noun
    subject of the same verb, in a sentence that asks nothing, is the first word of a name."""
    doc = aux.doc
    nxt = doc[aux.i + 1] if aux.i + 1 < len(doc) else None
    if nxt is None or not aux.text[:1].isupper() or aux.text.isupper() or nxt.pos_ != "PROPN":
        return False
    subject = nxt if nxt.dep_ in SUBJECT_DEPS else (nxt.head if nxt.dep_ == "compound" else None)
    if subject is None or subject.dep_ not in SUBJECT_DEPS or subject.head.i != aux.head.i:
        return False
    return not aux.sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?")


def is_condition(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return True
        if c.dep_ == "aux" and c.lower_ in INVERTED_AUX and any(s.dep_ in SUBJECT_DEPS and s.i > c.i for s in verb.children):
            return True
    return False


def perfect_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children)


def is_statement_noun(token: Token) -> bool:
    """Nouns that name something said ("reports", "claims"): their that-clause is their content."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in load_cues().nouns


def is_cue_head(token: Token) -> bool:
    return token.i in token.doc.user_data.get(CUE_HEADS, ())


def partitive_head(token: Token | None) -> Token | None:
    """ "one of these people said": the speaker is a member of "these people"."""
    if token is None or (token.lower_ not in PARTITIVE_QUANTIFIERS and token.lemma_.lower() not in load_speech_objects().partitive_nouns):
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj if pobj is not None else token


def it_refers(token: Token) -> bool:
    """'it' is a real source unless it is the expletive of "it is alleged that"."""
    verb = token.head
    expletive = verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in verb.children)
    return token.lower_ == "it" and not (expletive and any(c.dep_ == "ccomp" for c in verb.children))


# --- what a cue's object must be (lexicons/speech_objects.yaml) ---------------------------------

SPEECH_OBJECTS_FILE = "speech_objects.yaml"
SPEECH_OBJECT_SECTIONS = ("publishing_verbs", "documents", "naming_verbs", "complement_verbs", "hearer_verbs", "hearers",
                          "meta_nouns", "exhibits", "raising_passives", "infinitive_verbs", "leading_verbs",
                          "partitive_nouns", "accusation_participles", "purpose_heads", "carrier_verbs",
                          "publications", "control_heads", "procedural_verbs", "proceedings", "quoted_speech_verbs",
                          "describing_verbs", "speakerless_passives", "quote_verbs", "delivered_documents",
                          "figurative_denials", "said_things", "opinion_nouns",
                          "holding_verbs", "object_participles")
HEARER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass(frozen=True)
class SpeechObjects:
    """Word lists that tell a speech use of a cue from another use by its object."""

    publishing_verbs: frozenset[str]
    documents: frozenset[str]
    naming_verbs: frozenset[str]
    complement_verbs: frozenset[str]
    hearer_verbs: frozenset[str]
    hearers: frozenset[str]
    meta_nouns: frozenset[str]
    exhibits: frozenset[str]
    raising_passives: frozenset[str]
    infinitive_verbs: frozenset[str]
    leading_verbs: frozenset[str]
    partitive_nouns: frozenset[str]
    accusation_participles: frozenset[str]
    purpose_heads: frozenset[str]
    carrier_verbs: frozenset[str]
    publications: frozenset[str]
    control_heads: frozenset[str]
    procedural_verbs: frozenset[str]
    proceedings: frozenset[str]
    quoted_speech_verbs: frozenset[str]
    describing_verbs: frozenset[str]
    speakerless_passives: frozenset[str]
    quote_verbs: frozenset[str]
    delivered_documents: frozenset[str]
    figurative_denials: frozenset[str]
    said_things: frozenset[str]
    opinion_nouns: frozenset[str]
    holding_verbs: frozenset[str]
    object_participles: frozenset[str]


def parse_speech_objects(data: Any, source: str = SPEECH_OBJECTS_FILE) -> SpeechObjects:
    """Validate the parsed YAML: version 1 and every section a list of distinct lower-case words."""
    doc = document(data, source, SPEECH_OBJECT_SECTIONS)
    return SpeechObjects(**{k: frozenset(word_list(doc[k], source, k)) for k in SPEECH_OBJECT_SECTIONS})


@lru_cache(maxsize=1)
def load_speech_objects() -> SpeechObjects:
    return load("speech_objects")


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_hearer(token: Token, verb: Token) -> bool:
    """ "told reporters", "briefed lawmakers", "assured him": the person told, not what was said."""
    lex = load_speech_objects()
    if _lemma(verb) not in lex.hearer_verbs or token.dep_ not in ("dobj", "dative") or token.head.i != verb.i:
        return False
    return token.pos_ == "PRON" and token.tag_ != "WP" or token.ent_type_ in HEARER_ENTITIES \
        or _lemma(token) in lex.hearers or token.lower_ in lex.hearers


def has_speech_object(verb: Token, carried: bool = False) -> bool:
    """Whether the cue's object makes it a speech act.

    "released solvent into the river" is no statement ("released a statement" is); "called an
    emergency meeting" is none ("called the reports fake" is). ``carried``: a participle after the
    object carries content ("a video showing Y"), which already marks the object as published matter.
    """
    lex = load_speech_objects()
    lemma = _lemma(verb)
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    if lemma in lex.publishing_verbs and objects and not carried and not any(c.dep_ == "ccomp" for c in children):
        return any(_lemma(o) in lex.documents or o.lower_ in lex.documents for o in objects)
    if lemma in lex.procedural_verbs and objects and all(_lemma(o) in lex.proceedings or o.lower_ in lex.proceedings
                                                         for o in objects) and not any(
            t.lower_ == "as" and t.i > verb.i for t in verb.subtree):
        return False  # "prosecutors dismissed 300 cases", "the club dismissed its coach": an act, not a denial
    if lemma in lex.naming_verbs and objects:
        return any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")
                   for c in children) or any(c.dep_ in ("oprd", "acomp") for o in objects for c in o.children)
    if lemma in lex.complement_verbs and objects:
        return any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "with") for c in children) \
            or any(c.dep_ == "prep" and c.lower_ == "with" for o in objects for c in o.children)
    return True


def literal_act(verb: Token) -> bool:
    """ "shot down two drones", "wrote off the loan": a verb with its particle that rejects something
    said only figuratively ("shot down the rumours"), here with an object that is nothing said."""
    lex = load_speech_objects()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if not any(f"{_lemma(verb)} {p}" in lex.figurative_denials for p in particles):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and not any(_said_thing(o, lex) for o in objects)


def _said_thing(obj: Token, lex: SpeechObjects) -> bool:
    """An object that is something said or thought: "the rumours", "the idea", "it", "them"."""
    return obj.pos_ == "PRON" or _lemma(obj) in lex.said_things or obj.lower_ in lex.said_things


def is_reduced_relative(verb: Token) -> bool:
    """ "the solvent found in the water matched a compound": a participle modifying a noun that the
    parser read as a finite cue taking the main verb as its clause. The "clause" has no subject and
    no "that", and the cue has no auxiliary: the cue's "subject" is what the participle describes."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.i > verb.i:
        return False
    if any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
        return False  # "the governor said many of the bodies appeared ...": the clause's subject went to the cue
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i):
        if clause.tag_ in ("VBD", "VBZ", "VBP") and not any(
                c.dep_ in SUBJECT_DEPS | {"expl", "nsubjpass", "mark"} for c in clause.children):
            return True
    return False
