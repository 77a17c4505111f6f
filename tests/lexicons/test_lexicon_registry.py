"""One loader for every lexicon file (``lexicons.load``), one schema per file, and no dead keys."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from claimwatch.errors import LexiconError
from claimwatch.lexicons import LEXICON_DIR, LEXICONS, load, load_yaml
from claimwatch.lexicons.registry import parser

SRC = Path(__file__).resolve().parents[2] / "src" / "claimwatch"
LOAD_YAML_EXEMPT: set[str] = set()


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", sorted(p.name for p in LEXICON_DIR.glob("*.yaml")))
def test_lexicon_registry_names_every_yaml_file(path):
    assert path in {entry.file for entry in LEXICONS.values()}, f"{path} has no entry in lexicons/registry.py"


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_lexicon_registry_loads_each_lexicon_once(name):
    assert (LEXICON_DIR / LEXICONS[name].file).is_file()
    first = load(name)
    assert first is not None
    assert load(name) is first and load(LEXICONS[name].file) is first


def test_lexicon_registry_unknown_name_lists_the_lexicons():
    with pytest.raises(LexiconError, match="the lexicons are: .*cues"):
        load("no_such_lexicon")


def test_lexicon_registry_plain_mapping_schema_rejects_a_missing_section():
    with pytest.raises(LexiconError, match="missing section 'heads'"):
        parser("non_speakers")({"version": 1, "abstract_suffixes": [], "actor_nouns": [], "event_heads": []})


def test_lexicon_registry_no_module_reads_yaml_itself():
    """Outside ``lexicons/`` every file is read through ``lexicons.load``, which also validates it."""
    callers = []
    for path in _modules():
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("lexicons/") or rel in LOAD_YAML_EXEMPT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "load_yaml" or isinstance(node, ast.alias) and node.name == "load_yaml":
                callers.append(f"{rel}:{node.lineno}")
    assert callers == [], "call claimwatch.lexicons.load(name) instead of load_yaml in: " + ", ".join(callers)


def _names_in_code() -> set[str]:
    """Every string constant and identifier written in the package's Python code."""
    names: set[str] = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
            elif isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
    return names


def test_lexicon_registry_every_top_level_key_is_read_by_some_code():
    """A key no code names is a setting nobody reads: an edit to it would silently change nothing.
    Static: each top-level key of each lexicon file must be written (as a string or a field name)
    somewhere in the package."""
    names = _names_in_code()
    unread = [f"{entry.file}: {key}" for entry in LEXICONS.values()
              for key in (load_yaml(entry.file) or {}) if key not in names]
    assert unread == [], "keys no code reads:\n" + "\n".join(unread)


# Sections whose keys are data (a word and its value), not settings: their keys need not appear in code.
DATA_KEYED_SECTIONS = {
    ("hedges.yaml", "negated_cue_stance"), ("stance_rules.yaml", "negated_doubt_certainty"),
    ("stance_rules.yaml", "open_predicate_particles"), ("stance_rules.yaml", "open_particle_objects"),
    ("cues.yaml", "lemma_repairs"),
    ("descriptions.yaml", "synonyms"), ("event_types.yaml", "idioms"), ("event_types.yaml", "sense_objects"),
    ("event_types.yaml", "nominal_predicates"), ("event_types.yaml", "state_adjectives"),
    ("event_types.yaml", "light_predicates"), ("event_types.yaml", "agent_nouns"), ("implications.yaml", "types"),
    ("quantities.yaml", "numbers"), ("quantities.yaml", "scales"), ("quantities.yaml", "scale_abbreviations"),
    ("quantities.yaml", "vague"), ("quantities.yaml", "fractions"), ("quantities.yaml", "currency_symbols"),
    ("quantities.yaml", "currency_words"),
}


def test_lexicon_registry_every_nested_setting_is_read_by_some_code():
    """The same for the keys of a section that is a mapping of settings ("weights: {actors: ...}")."""
    assert all(isinstance((load_yaml(file) or {}).get(section), dict) for file, section in DATA_KEYED_SECTIONS)
    names = _names_in_code()
    unread = [f"{entry.file}: {section}.{key}" for entry in LEXICONS.values()
              for section, value in (load_yaml(entry.file) or {}).items()
              if isinstance(value, dict) and (entry.file, section) not in DATA_KEYED_SECTIONS
              for key in value if key not in names]
    assert unread == [], "settings no code reads:\n" + "\n".join(unread)


def test_lexicon_registry_key_check_finds_an_unread_key():
    names = _names_in_code()
    assert "negated_doubt_predicates" in names
    assert "a_setting_nobody_reads_xyz" not in names


@pytest.mark.parametrize("change, message", [
    ({"control_verbs": "expect plan"}, "expected a list"),
    ({"generic_nouns": ["harbour", "harbour"]}, "duplicate 'harbour'"),
    ({"reaction_words": ["response"]}, "unknown section"),
])
def test_lexicon_registry_claim_words_schema_rejects_bad_sections(change, message):
    data = {**load_yaml("claim_words.yaml"), **change}
    with pytest.raises(LexiconError, match=message):
        parser("claim_words")(data)


def test_lexicon_registry_claim_words_read_as_sets():
    words = load("claim_words")
    assert "comment" in words["exchange_verbs"] and isinstance(words["generic_nouns"], frozenset)
