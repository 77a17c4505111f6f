"""The lexicon files load, validate and answer the look-ups the attribution extractor relies on."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from claimwatch.errors import LexiconError
from claimwatch.lexicons import load_yaml
from claimwatch.lexicons.schema import (
    load_cues, load_gazetteer, load_hedges, load_titles,
    parse_cues, parse_gazetteer, parse_hedges, parse_titles,
)
from claimwatch.model import ACTS, STANCES


def _write(tmp_path: Path, name: str, data: Any) -> tuple[Any, str]:
    """Write ``data`` as a YAML file and read it back, as the packaged loaders do."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return yaml.safe_load(path.read_text(encoding="utf-8")), str(path)


# --- the packaged files -----------------------------------------------------------------------

@pytest.mark.parametrize("loader", [load_cues, load_hedges, load_gazetteer, load_titles])
def test_lexicons_packaged_files_load_and_are_cached(loader: Callable[[], Any]) -> None:
    assert loader() is loader()


def test_lexicons_cues_have_at_least_300_entries() -> None:
    assert len(load_cues()) >= 300


@pytest.mark.parametrize("act", ACTS)
def test_lexicons_every_act_has_cues(act: str) -> None:
    assert sum(1 for cue in load_cues() if cue.act == act) >= 3


@pytest.mark.parametrize("stance", STANCES)
def test_lexicons_every_stance_has_cues(stance: str) -> None:
    assert sum(1 for cue in load_cues() if cue.stance == stance) >= 3


def test_lexicons_gazetteer_covers_the_un_members_and_more() -> None:
    countries = [p for p in load_gazetteer().places if p.kind == "country"]
    assert len(countries) >= 197


def test_lexicons_titles_have_at_least_120_roles() -> None:
    assert len(load_titles().roles) >= 120


def test_lexicons_phrase_stances_agree_between_cues_and_hedges() -> None:
    cues = load_cues()
    clashes = [
        (phrase, stance, cues.phrase(phrase).stance)
        for phrase, stance, _ in load_hedges().stance_phrases
        if cues.phrase(phrase) is not None and cues.phrase(phrase).stance != stance
    ]
    assert clashes == []


def test_lexicons_every_organisation_affiliation_is_a_known_country() -> None:
    gazetteer = load_gazetteer()
    for place in gazetteer.places:
        if place.kind != "country" and place.affiliation is not None:
            country = gazetteer.get(place.affiliation)
            assert country is not None and country.kind == "country", place.name


# --- cue look-ups -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lemma", "particle", "expected"),
    [
        ("say", None, ("say", "asserts", None)),
        ("say", "out", ("say", "asserts", None)),  # an unknown particle falls back to the plain verb
        ("call", None, ("say", "asserts", None)),
        ("call", "for", ("appeal", "asserts", "for")),
        ("call", "on", ("appeal", "asserts", "on")),
        ("rule", "out", ("deny", "denies", "out")),
        ("play", "down", ("say", "disputes", "down")),
        ("point", "out", ("say", "asserts", "out")),
        ("Deny", None, ("deny", "denies", None)),
        ("confirm", None, ("confirm", "supports", None)),
        ("echo", None, ("echo", "supports", None)),
        ("warn", None, ("warn", "asserts", None)),
        ("accuse", None, ("accuse", "asserts", None)),
    ],
)
def test_lexicons_verb_lookup_prefers_the_particle_reading(lemma: str, particle: str | None, expected: tuple) -> None:
    cue = load_cues().verb(lemma, particle)
    assert cue is not None
    assert (cue.act, cue.stance, cue.particle) == expected


@pytest.mark.parametrize(("lemma", "particle"), [("point", None), ("shoot", None), ("laugh", None), ("table", None)])
def test_lexicons_verb_lookup_needs_the_particle_when_only_a_particle_reading_exists(lemma: str, particle: str | None) -> None:
    assert load_cues().verb(lemma, particle) is None


@pytest.mark.parametrize(
    ("lemma", "frame", "certainty"),
    [("accuse", "object_of", "certain"), ("believe", "clause", "probable"), ("speculate", "clause", "possible"),
     ("wonder", "clause", "uncertain"), ("deny", "clause", "certain"), ("dismiss", "object", "certain")],
)
def test_lexicons_verb_frames_and_certainty(lemma: str, frame: str, certainty: str) -> None:
    cue = load_cues().verb(lemma)
    assert (cue.frame, cue.certainty) == (frame, certainty)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("according to", ("say", "asserts", "adverbial")),
     ("Declined  to comment", ("say", "uncommitted", "prep")),
     ("categorically false", ("deny", "denies", "clause")),
     ("no evidence", ("say", "disputes", "clause")),
     ("it is alleged", ("accuse", "asserts", "clause"))],
)
def test_lexicons_phrase_lookup_normalises_case_and_spaces(text: str, expected: tuple) -> None:
    cue = load_cues().phrase(text)
    assert (cue.act, cue.stance, cue.frame) == expected


@pytest.mark.parametrize(("lemma", "expected"), [("allegation", "accuse"), ("denial", "deny"), ("rumour", "say"), ("rumor", "say")])
def test_lexicons_noun_lookup(lemma: str, expected: str) -> None:
    assert load_cues().noun(lemma).act == expected


@pytest.fixture(scope="module")
def nlp():
    from claimwatch.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        ("The ministry flatly denied that any troops had crossed the border.", "denied", ("deny", "denies")),
        ("Opposition leaders called for an independent inquiry into the shelling.", "called", ("appeal", "asserts")),
        ("The general played down reports of heavy losses near the river.", "played", ("say", "disputes")),
        ("She emphasised that the talks would continue next week.", "emphasised", ("say", "asserts")),
        ("Officials ruled out a return to the negotiating table.", "ruled", ("deny", "denies")),
        ("Rescue workers feared that dozens more were trapped under the rubble.", "feared", ("concern", "asserts")),
        ("Two diplomats corroborated the account given by the defector.", "corroborated", ("confirm", "supports")),
        ("The senator was walking back his earlier claim about the funding.", "walking", ("deny", "disputes")),
        ("Moscow pushed back on the claims, calling them speculation.", "pushed", ("say", "disputes")),
        ("The spokesman laughed off the report as a fantasy.", "laughed", ("deny", "denies")),
    ],
)
def test_lexicons_cue_is_found_from_a_parsed_sentence(nlp, sentence: str, verb: str, expected: tuple) -> None:
    token = next(t for t in nlp(sentence) if t.text == verb)
    particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")]
    cue = load_cues().verb_among(token.lemma_, particles)
    assert cue is not None and (cue.act, cue.stance) == expected


def test_lexicons_cue_phrases_are_written_as_spacy_tokens(nlp) -> None:
    """A token-level phrase matcher only finds phrases written the way the tokenizer splits text."""
    unmatchable = [p for p in load_cues().phrases if " ".join(t.lower_ for t in nlp.tokenizer(p)) != p]
    assert unmatchable == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [("A spokeswoman for the embassy didn't respond to a request for comment.", "did n't respond"),
     ("It's alleged that the convoy carried artillery shells.", "it 's alleged"),
     ("The agency cannot verify the footage, its director said.", "can not verify")],
)
def test_lexicons_contracted_phrases_match_tokenised_text(nlp, sentence: str, phrase: str) -> None:
    tokens = " ".join(t.lower_ for t in nlp(sentence))
    assert f" {phrase} " in f" {tokens} " and load_cues().phrase(phrase) is not None


@pytest.mark.parametrize(
    ("lemma", "particles", "expected"),
    [("push", ["back", "on"], "back"), ("push", ["on", "for"], "for"), ("say", ["in"], None), ("laugh", ["at"], "missing")],
)
def test_lexicons_verb_among_takes_the_first_particle_reading(lemma: str, particles: list[str], expected: str | None) -> None:
    cue = load_cues().verb_among(lemma, particles)
    assert (cue.particle if cue else "missing") == expected


# --- hedges -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lemma", "act", "expected"),
    [("confirm", "confirm", "uncommitted"), ("verify", "confirm", "uncommitted"), ("believe", "say", "disputes"),
     ("deny", "deny", "uncommitted"), ("urge", "appeal", "uncommitted"), ("announce", "say", "uncommitted"),
     ("glimpse", None, None)],
)
def test_lexicons_negated_cue_stance_prefers_lemma_then_act(lemma: str, act: str | None, expected: str | None) -> None:
    assert load_hedges().negated_stance(lemma, act) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("likely", "probable"), ("Expected to", "probable"), ("could", "possible"), ("for all I know", "possible"),
     ("whether", "uncertain"), ("too early to tell", "uncertain"), ("troops", None)],
)
def test_lexicons_certainty_of_hedge_words(phrase: str, expected: str | None) -> None:
    assert load_hedges().certainty_of(phrase) == expected


def test_lexicons_should_is_a_conditional_only_when_inverted() -> None:
    hedges = load_hedges()
    assert "should" in hedges.conditional_inverted
    assert "should" not in hedges.conditional_subordinators
    assert {"if", "unless", "without"} <= set(hedges.conditional_subordinators)


@pytest.mark.parametrize("word", ["allegedly", "purportedly", "reportedly", "so-called", "unverified"])
def test_lexicons_distancing_words(word: str) -> None:
    assert word in load_hedges().distancing


# --- gazetteer --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang", ("North Korea", "country", "North Korea")),
        ("the Kremlin", ("Russia", "country", "Russia")),
        ("Kremlin", ("Russia", "country", "Russia")),
        ("North Korean", ("North Korea", "country", "North Korea")),
        ("U.S.", ("United States", "country", "United States")),
        ("US", ("United States", "country", "United States")),
        ("French", ("France", "country", "France")),
        ("Russians", ("Russia", "country", "Russia")),
        ("Moscow's", ("Russia", "country", "Russia")),
        ("Kyiv\u2019s", ("Ukraine", "country", "Ukraine")),
        ("the Philippines'", ("Philippines", "country", "Philippines")),
        ("NIS", ("National Intelligence Service", "organization", "South Korea")),
        ("Reuters", ("Reuters", "organization", "United Kingdom")),
        ("the Pentagon", ("Pentagon", "organization", "United States")),
        ("Nato", ("NATO", "organization", None)),
        ("Hamas", ("Hamas", "group", None)),
        ("THE KREMLIN", ("Russia", "country", "Russia")),
        ("The Economist", ("The Economist", "organization", "United Kingdom")),
        ("the Security Service", ("MI5", "organization", "United Kingdom")),
        ("dpa", ("dpa", "organization", "Germany")),
    ],
)
def test_lexicons_gazetteer_lookup(text: str, expected: tuple) -> None:
    place = load_gazetteer().lookup(text)
    assert place is not None
    assert (place.name, place.kind, place.affiliation) == expected


@pytest.mark.parametrize(
    "name",
    ["NATO", "UN", "EU", "WHO", "IAEA", "IMF", "World Bank", "OSCE", "ICC", "ICJ", "Red Cross", "ICRC",
     "Amnesty International", "Human Rights Watch", "Pentagon", "CIA", "FBI", "NSA", "State Department",
     "Department of Defense", "MI6", "MI5", "GCHQ", "Mossad", "Shin Bet", "SBU", "GUR", "HUR", "FSB", "SVR", "GRU",
     "Joint Chiefs of Staff", "AP", "Associated Press", "AFP", "Agence France-Presse", "Yonhap", "KCNA",
     "Korean Central News Agency", "TASS", "RIA Novosti", "Xinhua", "Interfax", "Ukrinform", "dpa", "ANSA", "EFE",
     "Kyodo", "BBC", "CNN", "Taiwan", "Kosovo", "Palestine", "Holy See", "Great Britain", "ROK", "Seoul",
     "Zhongnanhai", "United States of America"],
)
def test_lexicons_gazetteer_knows_the_major_states_and_organisations(name: str) -> None:
    assert load_gazetteer().lookup(name) is not None


@pytest.mark.parametrize(
    "role",
    ["President", "Prime Minister", "Foreign Minister", "Defense Secretary", "Defence Secretary", "Secretary of State",
     "spokeswoman", "spokesperson", "Secretary-General", "ambassador", "envoy", "Col.", "commander", "senator", "Rep.",
     "Gov.", "mayor", "minister", "deputy", "director", "head", "chairman", "CEO", "analyst", "professor", "expert",
     "lawyer", "attorney", "official", "adviser", "advisor", "lawmaker", "MP", "leader", "king", "queen", "pope",
     "judge", "prosecutor", "police chief"],
)
def test_lexicons_titles_know_the_common_roles(role: str) -> None:
    assert load_titles().role_in(role).lower() == role.lower()


@pytest.mark.parametrize(
    "text", ["who", "Who", "us", "Us", "un", "the", "", "Bordeaux", "ministers", "economist", "dawn", "amnesty",
             "security service", "the alliance", "independent"],
)
def test_lexicons_gazetteer_does_not_resolve_common_words(text: str) -> None:
    assert load_gazetteer().lookup(text) is None


@pytest.mark.parametrize(
    ("text", "form"),
    [("Pyongyang", "capital"), ("Kremlin", "metonym"), ("Chinese", "demonym"), ("DPRK", "alias"), ("Ukraine", "name")],
)
def test_lexicons_gazetteer_match_says_which_form_matched(text: str, form: str) -> None:
    assert load_gazetteer().match(text).form == form


# --- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("US Defense Secretary", "Defense Secretary"),
        ("French Foreign Minister", "Foreign Minister"),
        ("Kremlin spokesman", "spokesman"),
        ("NATO Secretary General", "Secretary General"),
        ("former Deputy Prime Minister", "Deputy Prime Minister"),
        ("retired Lt. Gen.", "Lt. Gen."),
        ("U.S. Sen.", "Sen."),
        ("the company's co-founder", "co-founder"),
        ("senior administration", None),
        ("headquarters staff", None),
    ],
)
def test_lexicons_role_in_finds_the_longest_title(words: str, expected: str | None) -> None:
    assert load_titles().role_in(words) == expected


@pytest.mark.parametrize(("word", "kind"), [("He", "person"), ("its", "organization"), ("they", "plural"), ("we", "first_person"), ("the", None)])
def test_lexicons_pronoun_kind(word: str, kind: str | None) -> None:
    assert load_titles().pronoun_kind(word) == kind


@pytest.mark.parametrize(("word", "field"), [("officials", "anonymous_heads"), ("diplomats", "anonymous_heads"),
                                             ("ministry", "organisation_heads"), ("broadcaster", "organisation_heads")])
def test_lexicons_source_heads(word: str, field: str) -> None:
    assert word in getattr(load_titles(), field)


# --- validation of malformed files ------------------------------------------------------------

def _cues(*entries: dict) -> dict:
    return {"version": 1, "entries": [{"lemma": "say", "pos": "verb", "act": "say", "stance": "asserts"}, *entries]}


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        (_cues({"lemma": "insist", "pos": "verb", "act": "shout", "stance": "asserts"}), ["entry 1", "'insist'", "unknown act 'shout'"]),
        (_cues({"lemma": "insist", "pos": "verb", "act": "say", "stance": "assert"}), ["entry 1", "unknown stance 'assert'"]),
        (_cues({"lemma": "insist", "pos": "verb", "act": "say", "stance": "asserts", "certainty": "sure"}), ["entry 1", "unknown certainty"]),
        (_cues({"lemma": "insist", "pos": "adverb", "act": "say", "stance": "asserts"}), ["entry 1", "unknown pos"]),
        (_cues({"lemma": "insist", "pos": "verb", "act": "say", "stance": "asserts", "frame": "ccomp"}), ["entry 1", "unknown frame"]),
        (_cues({"lemma": "insist", "pos": "verb", "act": "say"}), ["entry 1", "missing field 'stance'"]),
        (_cues({"lemma": "", "pos": "verb", "act": "say", "stance": "asserts"}), ["entry 1", "non-empty"]),
        (_cues({"lemma": "Insist", "pos": "verb", "act": "say", "stance": "asserts"}), ["entry 1", "lower case"]),
        (_cues({"lemma": "say", "pos": "verb", "act": "report", "stance": "asserts"}), ["entry 1", "duplicate of entry 0"]),
        (_cues({"lemma": "according to", "pos": "verb", "act": "say", "stance": "asserts"}), ["entry 1", "pos: phrase"]),
        (_cues({"lemma": "call", "pos": "verb", "act": "appeal", "stance": "asserts", "frame": "prep"}), ["entry 1", "needs the particle"]),
        (_cues({"lemma": "insist", "pos": "verb", "act": "say", "stance": "asserts", "stnace": "x"}), ["entry 1", "unknown field"]),
        ({"version": 2, "entries": []}, ["version"]),
    ],
)
def test_lexicons_malformed_cue_entry_is_named(tmp_path: Path, data: dict, fragments: list[str]) -> None:
    parsed, source = _write(tmp_path, "cues.yaml", data)
    with pytest.raises(LexiconError) as err:
        parse_cues(parsed, source)
    message = str(err.value)
    assert source in message
    for fragment in fragments:
        assert fragment in message


def _hedges(**changes: Any) -> dict:
    data = {
        "version": 1,
        "certainty": {"probable": ["likely"], "possible": ["may"], "uncertain": ["whether"]},
        "distancing": ["allegedly"], "conditional": [{"marker": "if", "kind": "subordinator"}],
        "negators": ["not"], "stance_phrases": [{"phrase": "no evidence", "stance": "disputes"}],
        "negated_cue_stance": {"confirm": "uncommitted"},
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        (_hedges(certainty={"probable": ["likely"], "possible": ["likely"], "uncertain": []}), ["certainty.possible", "already under probable"]),
        (_hedges(conditional=[{"marker": "should", "kind": "inversion"}]), ["conditional[0]", "unknown kind"]),
        (_hedges(stance_phrases=[{"phrase": "a hoax", "stance": "refutes"}]), ["stance_phrases[0]", "'a hoax'", "unknown stance"]),
        (_hedges(negated_cue_stance={"believe": "doubts"}), ["negated_cue_stance.believe", "unknown stance"]),
        (_hedges(distancing=["allegedly", "Allegedly"]), ["distancing[1]"]),
        (_hedges(negators=["not", "not"]), ["negators[1]", "duplicate"]),
    ],
)
def test_lexicons_malformed_hedge_entry_is_named(tmp_path: Path, data: dict, fragments: list[str]) -> None:
    parsed, source = _write(tmp_path, "hedges.yaml", data)
    with pytest.raises(LexiconError) as err:
        parse_hedges(parsed, source)
    assert all(fragment in str(err.value) for fragment in [source, *fragments])


def _actors(countries: list, organizations: list) -> dict:
    return {"version": 1, "countries": countries, "organizations": organizations}


_RUSSIA = {"name": "Russia", "aliases": ["Russian Federation"], "demonyms": ["Russian"], "capitals": ["Moscow"], "metonyms": ["Kremlin"]}


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        (_actors([_RUSSIA, {"name": "Belarus", "capitals": ["Moscow"]}], [{"name": "TASS"}]), ["countries[1]", "'Belarus'", "duplicate key", "'Russia'"]),
        (_actors([_RUSSIA], [{"name": "NIS", "affiliation": "South Korea"}]), ["organizations[0]", "'NIS'", "not a country"]),
        (_actors([_RUSSIA, {"aliases": ["Belarus"]}], [{"name": "TASS"}]), ["countries[1]", "missing field 'name'"]),
        (_actors([_RUSSIA], [{"name": "TASS", "kind": "agency"}]), ["organizations[0]", "unknown kind"]),
        (_actors([_RUSSIA], [{"name": "Interfax", "aliases": ["Kremlin"]}]), ["organizations[0]", "duplicate key"]),
    ],
)
def test_lexicons_malformed_actor_entry_is_named(tmp_path: Path, data: dict, fragments: list[str]) -> None:
    parsed, source = _write(tmp_path, "actors.yaml", data)
    with pytest.raises(LexiconError) as err:
        parse_gazetteer(parsed, source)
    assert all(fragment in str(err.value) for fragment in [source, *fragments])


def test_lexicons_small_valid_gazetteer_resolves_its_forms(tmp_path: Path) -> None:
    parsed, source = _write(tmp_path, "actors.yaml", _actors([_RUSSIA], [{"name": "TASS", "affiliation": "Russia"}]))
    gazetteer = parse_gazetteer(parsed, source)
    assert gazetteer.lookup("Russians").name == "Russia"
    assert gazetteer.lookup("TASS").affiliation == "Russia"


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        ({"version": 1, "roles": ["President", "president"], "anonymous_heads": [], "organisation_heads": [],
          "pronouns": {"person": ["he"], "organization": ["it"], "plural": ["they"]}}, ["roles[1]", "duplicate"]),
        ({"version": 1, "roles": ["President"], "anonymous_heads": [], "organisation_heads": [],
          "pronouns": {"person": ["he"], "plural": ["they"]}}, ["pronouns", "missing kind 'organization'"]),
        ({"version": 1, "roles": ["President"], "anonymous_heads": ["Officials"], "organisation_heads": [],
          "pronouns": {"person": ["he"], "organization": ["it"], "plural": ["they"]}}, ["anonymous_heads[0]", "lower case"]),
    ],
)
def test_lexicons_malformed_titles_entry_is_named(tmp_path: Path, data: dict, fragments: list[str]) -> None:
    parsed, source = _write(tmp_path, "titles.yaml", data)
    with pytest.raises(LexiconError) as err:
        parse_titles(parsed, source)
    assert all(fragment in str(err.value) for fragment in [source, *fragments])


@pytest.mark.parametrize("name", ["cues.yaml", "hedges.yaml", "actors.yaml", "titles.yaml"])
def test_lexicons_packaged_yaml_has_version_1(name: str) -> None:
    assert load_yaml(name)["version"] == 1
