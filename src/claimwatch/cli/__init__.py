"""The ``claimwatch`` command: a thin layer over the library, no extraction or ingest logic here.

One module per command group (``analyze``, ``assess``, ``ledger``, ``records``, ``stories``,
``watch``, ``export``, ``web``, ``eval``); their shared options live in :mod:`claimwatch.cli.options`
and shared helpers in :mod:`claimwatch.cli.common`. Every command is registered in :data:`COMMANDS`.

Domain errors (:class:`~claimwatch.errors.ClaimwatchError`) become one ``error: ...`` line on stderr
and the error's exit code: 0 ok, 1 error, 2 bad input, 3 setup.
"""
from __future__ import annotations

import logging

import click

from claimwatch.cli import analyze, assess, export, ledger, records, stories, watch, web
from claimwatch.cli import eval as evaluation
from claimwatch.cli.common import EXAMPLE, configure_logging, example_path
from claimwatch.cli.options import verbose_option
from claimwatch.errors import ClaimwatchError

log = logging.getLogger("claimwatch")

__all__ = ["COMMANDS", "EXAMPLE", "cli", "example_path", "main"]

# Every command of `claimwatch`, in one place (the help lists them alphabetically).
COMMANDS: tuple[click.Command, ...] = (
    analyze.analyze,
    assess.assess_command,
    ledger.ingest, ledger.claims, ledger.claim, ledger.actors, ledger.actor, ledger.search,
    records.outlets, records.recompute,
    stories.stories_command, stories.story_command,
    watch.watch,
    export.export_command,
    web.report, web.serve,
    evaluation.eval_group,
)


class ClaimwatchGroup(click.Group):
    """Turns a ClaimwatchError from any command into one stderr line and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimwatchError as exc:
            log.debug("failed", exc_info=True)
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=ClaimwatchGroup, context_settings={"help_option_names": ["-h", "--help"]},
             commands=COMMANDS)
@click.version_option(package_name="claimwatch", prog_name="claimwatch")
@verbose_option()
def cli(verbose: int) -> None:
    """Who claims what, on what evidence, who backs it, who cannot confirm it, who denies it.

    \b
    Example:
      claimwatch analyze --example
      claimwatch analyze article.txt --format json > article.json
    """
    configure_logging(verbose)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="claimwatch")
