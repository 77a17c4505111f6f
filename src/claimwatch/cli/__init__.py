"""The ``claimwatch`` command: a thin layer over ingest -> nlp -> render, no extraction logic here.

Domain errors (:class:`~claimwatch.errors.ClaimwatchError`) become one ``error: ...`` line on stderr
and the error's exit code: 0 ok, 1 error, 2 bad input, 3 setup.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Optional

import click

from claimwatch.errors import ClaimwatchError, InputError
from claimwatch.render import FORMATS, render

log = logging.getLogger("claimwatch")

EXAMPLE = "north-korea-troops.txt"


def example_path() -> Path:
    """The bundled founding example article, so the demo needs no external file."""
    return Path(str(resources.files("claimwatch") / "data" / "examples" / EXAMPLE))


class ClaimwatchGroup(click.Group):
    """Turns a ClaimwatchError from any command into one stderr line and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimwatchError as exc:
            log.debug("failed", exc_info=True)
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=ClaimwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimwatch", prog_name="claimwatch")
@click.option("-v", "--verbose", count=True, help="Log progress to stderr (-vv for debug detail).")
def cli(verbose: int) -> None:
    """Who claims what, on what evidence, who backs it, who cannot confirm it, who denies it.

    \b
    Example:
      claimwatch analyze --example
      claimwatch analyze article.txt --format json > article.json
    """
    _configure_logging(verbose)


@cli.command()
@click.argument("file", required=False, metavar="FILE|-")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: coloured when on a terminal; json: the evaluation format; markdown: tables.")
@click.option("--example", is_flag=True, help=f"Analyse the bundled example article ({EXAMPLE}).")
@click.option("--fast", is_flag=True, help="Parse only the sentences the cue pre-pass keeps (see docs/prepass.md).")
def analyze(file: Optional[str], fmt: str, example: bool, fast: bool = False) -> None:
    """Extract statements (who said what, with which stance) from one plain-text article.

    FILE is a UTF-8 text file; '-' reads standard input.

    \b
    Example:
      claimwatch analyze --example
      claimwatch analyze article.txt --format markdown
      cat article.txt | claimwatch analyze - --format json
      claimwatch analyze article.txt --fast
    """
    from claimwatch.ingest.text import read_text_article
    from claimwatch.nlp.pipeline import analyze_article

    if example == (file is not None):
        raise InputError("give exactly one of FILE, '-' (standard input) or --example; "
                         "see `claimwatch analyze --help`")
    article = read_text_article(example_path() if example else file)
    log.info("read %s: %d characters, id %s", article.path or "standard input", len(article.text), article.id)
    analysis = analyze_article(article, fast=True) if fast else analyze_article(article)
    log.info("found %d statements, %d claims", len(analysis.statements), len(analysis.claims))
    click.echo(render(analysis, fmt, color=_stdout_color(), width=_width()).rstrip("\n"))


def _configure_logging(verbose: int) -> None:
    """Only claimwatch's own logger, to stderr: quiet (warnings) by default, -v info, -vv debug."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    for handler in [h for h in log.handlers if getattr(h, "_claimwatch_cli", False)]:
        log.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler._claimwatch_cli = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(level)


def _stdout_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="claimwatch")


if __name__ == "__main__":
    main()
from claimwatch.cli.assess import register as _register_assess; _register_assess(cli)

from claimwatch.cli.ledger import register as _register_ledger; _register_ledger(cli)  # noqa: E402,E702
from claimwatch.cli.web import register as _register_web; _register_web(cli)  # noqa: E402,E702
from claimwatch.cli.eval import register as _register_eval; _register_eval(cli)  # noqa: E402,E702
from claimwatch.cli.export import register as _register_export; _register_export(cli)  # noqa: E402,E702
from claimwatch.cli.watch import register as _register_watch; _register_watch(cli)  # noqa: E402,E702
from claimwatch.cli.records import register as _register_records; _register_records(cli)  # noqa: E402,E702
from claimwatch.cli.stories import register as _register_stories; _register_stories(cli)  # noqa: E402,E702
