"""``claimwatch analyze``: statements, stance and claims of one plain-text article (thin CLI layer)."""
from __future__ import annotations

import logging
from typing import Optional

import click

from claimwatch.cli.common import EXAMPLE, example_path, stdout_color, width
from claimwatch.cli.options import format_option
from claimwatch.errors import InputError
from claimwatch.render import FORMATS, render

log = logging.getLogger("claimwatch")


@click.command()
@click.argument("file", required=False, metavar="FILE|-")
@format_option(FORMATS, help="text: coloured when on a terminal; json: the evaluation format; markdown: tables.")
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
    click.echo(render(analysis, fmt, color=stdout_color(), width=width()).rstrip("\n"))
