"""The ``claimwatch.cli`` package: one list of commands, every entry point lists them all, and the
command modules share code only through ``cli.options`` and ``cli.common``."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from claimwatch.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
CLI_DIR = ROOT / "src" / "claimwatch" / "cli"
SHARED = {"claimwatch.cli.options", "claimwatch.cli.common"}


def test_cli_package_registers_exactly_the_commands_list():
    assert sorted(cli.commands) == sorted(command.name for command in COMMANDS)
    assert len({command.name for command in COMMANDS}) == len(COMMANDS)


@pytest.mark.parametrize("module", ["claimwatch.cli", "claimwatch"])
def test_cli_package_python_m_help_lists_every_command(module):
    env_path = str(ROOT / "src")
    result = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True,
                            env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "COLUMNS": "100"}, timeout=120)
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == {command.name for command in COMMANDS}


def test_cli_package_console_script_points_at_the_package():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["claimwatch"] == "claimwatch.cli:main"


def _imported_modules(path: Path) -> set[str]:
    """Every claimwatch.cli module a file imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimwatch.cli"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("claimwatch.cli"))
    return found


@pytest.mark.parametrize("path", sorted(p for p in CLI_DIR.glob("*.py")
                                        if p.name not in ("__init__.py", "__main__.py")), ids=lambda p: p.name)
def test_cli_package_command_modules_import_only_the_shared_modules(path):
    assert _imported_modules(path) <= SHARED, "share helpers through cli/options.py or cli/common.py"


def test_cli_package_registers_nothing_after_main_guard():
    source = (CLI_DIR / "__init__.py").read_text(encoding="utf-8")
    assert "__main__" not in source and "add_command" not in source
