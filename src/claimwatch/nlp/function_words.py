"""Closed-class English words the extractor tests tokens against, defined once (as spaCy keeps
``stop_words.py``).

These are grammar, not vocabulary: they do not grow with the news, so they live in code rather than
in a lexicon file. Open-class lists (cue verbs, hedges, outlet nouns) stay in ``lexicons/*.yaml``.
Every set is lower case and is compared with ``token.lower_``. Where two rules need different members
(a quote's "you" is the speaker's hearer; a quantity's "whose" is a determiner) each gets its own named
set here, built from the shared parts, so that a reader sees the difference in one place.
"""
from __future__ import annotations

# --- determiners ---------------------------------------------------------------------------------
ARTICLES = frozenset({"the", "a", "an"})
INDEFINITE_ARTICLES = frozenset({"a", "an"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
PLURAL_DEMONSTRATIVES = frozenset({"these", "those"})
THIRD_PERSON_POSSESSIVES = frozenset({"his", "her", "their", "its"})
# "the", "this", "that": a noun phrase naming something already known
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
# words cut from the front of a name ("the agency" -> "agency")
NAME_DETERMINERS = ARTICLES | DEMONSTRATIVES
# "these claims", "his allegation": a noun phrase pointing back at something already told
ANAPHOR_DETERMINERS = DEMONSTRATIVES | THIRD_PERSON_POSSESSIVES | {"the", "such"}
# words that may stand between a number and its unit ("30 of the soldiers", "all of whose")
QUANTITY_DETERMINERS = PLURAL_DEMONSTRATIVES | THIRD_PERSON_POSSESSIVES | {"the", "our", "your", "all", "whose"}

# --- prepositions and subordinators --------------------------------------------------------------
# prepositions that name what a question, request or comment is about
# "a spokesman for the ministry", "an official at the embassy": the body a role is held in
AFFILIATION_PREPS = frozenset({"for", "at", "in", "with"})
ABOUT_PREPS = frozenset({"on", "about", "regarding", "concerning", "over", "into", "for", "to"})
# subordinators of a condition: "if", "unless", "provided", "whether"
CONDITION_MARKS = frozenset({"if", "unless", "provided", "whether"})

# quantifiers that head a partitive source: "one of the officials", "some of the residents"
PARTITIVE_QUANTIFIERS = frozenset({"one", "some", "many", "two", "three", "several", "most", "none", "all", "each",
                                   "few", "both"})

# prepositions that continue an object-content: "accused X of Y", "dismissed X as Y", "blamed X for Y"
# a negation that contrasts or measures rather than rejects: "fined but not arrested",
# "did not go far enough"
CONTRAST_CONJUNCTIONS = frozenset({"but", "yet"})
SUFFICIENCY_ADVERBS = frozenset({"enough", "sufficiently"})
OBJECT_CONTINUATIONS = frozenset({"of", "as", "for", "over", "about"})
# prepositions that, right after a cue's object, modify that noun even when the parser hangs them on the
# verb: "unveiled a list of endorsements from 40 sheriffs", "described loud music by the crowd";
# "in", "on", "at" are left out: there they mostly place the act ("in a statement", "on Tuesday")
OBJECT_MODIFIER_PREPS = frozenset({"from", "by", "with", "against", "near", "inside", "outside", "involving",
                                   "among", "between", "toward", "towards", "within", "across", "behind", "beyond",
                                   "out", "without", "including"})
# prepositions between an object and the gerund that says what it did: "accused him of selling X",
# "blamed the council for closing Y", "described the man as wearing Z"
GERUND_LINKS = frozenset({"of", "for", "as"})
# prepositions that set an act in time by another event: "arrested two men after the bombing", "since
# the shooting", "bodies unearthed a week after the attack" (the event named there is not the claim's)
TIME_PREPS = frozenset({"after", "before", "since", "during", "following", "amid", "amidst", "until", "till"})

# --- question words ------------------------------------------------------------------------------
# words that open an embedded question or a free relative: "asked whether X", "explained why X",
# "confirmed what we knew"
QUESTION_WORDS = frozenset({"whether", "why", "how", "what", "who", "whom", "whose", "where", "when", "which"})
# subordinators of an embedded yes/no question when they mark the content's own clause: "asked whether
# the bridge was safe", "wondered if it would hold"
QUESTION_MARKS = frozenset({"whether", "if"})
# question words on a clause's own verb that presuppose the clause: "asked why the road was closed"
# takes "the road was closed" as given, "told how the bridge collapsed" that it collapsed
PRESUPPOSING_QUESTION_WORDS = frozenset({"why", "how"})

# layout labels that open a line with a colon and name no speaker ("UPDATE:", "Q:", "Photos:", "Editor's
# note:"): a speaker label (nlp/labels.py) never ends in one
SECTION_LABELS = frozenset({"update", "updated", "note", "correction", "clarification", "watch", "video", "videos",
                            "photo", "photos", "related", "read", "more", "breaking", "exclusive", "live", "opinion",
                            "analysis", "source", "sources", "via", "credit", "caption", "transcript", "listen",
                            "subscribe", "advertisement", "warning", "disclaimer", "editor", "editors", "q", "a"})

# --- auxiliaries ---------------------------------------------------------------------------------
# modal and future auxiliaries: "the country would formally declare" is a future act, not a statement
HYPOTHETICAL_AUX = frozenset({"will", "would", "'ll", "shall", "might", "may", "must", "should", "could", "can", "ca"})
# auxiliaries that open an inverted condition: "should they prove true", "were it confirmed", "had he known"
INVERTED_AUX = frozenset({"should", "were", "had"})

# linking verbs: their adjective says what the subject is or became ("is dead", "got pregnant",
# "went missing", "fell ill", "proved fake")
LINKING_VERBS = frozenset({"be", "become", "get", "remain", "stay", "seem", "appear", "look", "turn", "prove",
                           "go", "fall", "grow"})

# --- pronouns ------------------------------------------------------------------------------------
# subjects that name a speaker: "he said", "we believe"
NOMINATIVE_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
PERSONAL_SUBJECT_PRONOUNS = NOMINATIVE_PRONOUNS | {"it"}
# inside a quote: the speaker, or the hearer addressed ("you know")
SPEAKER_AND_HEARER = frozenset({"i", "we", "me", "us", "you"})
SPEAKER_AND_HEARER_FORMS = SPEAKER_AND_HEARER | {"my", "our", "your"}
FIRST_PERSON_FORMS = frozenset({"i", "me", "my", "we", "us", "our"})  # the speaker's own words
# forms that name a person, a group, an organisation
PERSON_FORMS = frozenset({"he", "him", "she", "her"})
GROUP_FORMS = frozenset({"they", "them"})
PLURAL_FORMS = GROUP_FORMS | {"their"}
ORGANISATION_FORMS = frozenset({"it", "its"})
# pronouns that point back at something already said ("they were there", "it is true")
BACK_PRONOUNS = GROUP_FORMS | {"it"} | DEMONSTRATIVES
# "verify IT", "ITS authenticity", "THIS is a hoax": a pronoun for a thing (an exhibit, a claim), never a person
THING_PRONOUNS = DEMONSTRATIVES | {"it", "its"}
# "determine ITS / THE / THEIR authenticity": what may stand before a question noun a check asks
QUESTION_DETERMINERS = frozenset({"its", "the", "their"})
SUBJECT_BACK_PRONOUNS = BACK_PRONOUNS - {"them"}
OBJECT_BACK_PRONOUNS = BACK_PRONOUNS - {"they"}
# pronouns that do not themselves name who speaks ("it said", "which shows")
NON_NAMING_PRONOUNS = frozenset({"it", "this", "that", "which", "what"})
# pronouns that may be the object a quantity counts ("30 of them")
QUANTITY_PRONOUNS = frozenset({"them", "us", "you", "whom", "which", "it"})

# every personal pronoun form: the static test (tests/test_function_words.py) uses it to find
# pronoun sets written anywhere else
PERSONAL_PRONOUNS = (NOMINATIVE_PRONOUNS | SPEAKER_AND_HEARER_FORMS | PERSON_FORMS | PLURAL_FORMS
                     | ORGANISATION_FORMS | {"him", "them", "us", "me"})

# words that open a clause: a name never holds one ("the Associated Press that Islamic State ...")
CLAUSE_OPENERS = frozenset({"that", "which", "who", "whom", "whose"})

# pronouns that set another party against the speaker ("some say A, while others are sure B")
OTHER_PARTIES = frozenset({"others", "another", "some", "many", "most", "few"})

# Words opening a non-restrictive relative clause after a comma or dash ("..., which was passed in 2010",
# "..., when the party launched"): the writer's background on the last noun, not what the source said.
NONRESTRICTIVE_OPENERS = frozenset({"which", "who", "whom", "whose", "when", "where"})
# Marks that set off a writer's aside or appended note at the end of a content.
ASIDE_MARKS = frozenset({",", "--", "\u2014", "\u2013", "-"})
