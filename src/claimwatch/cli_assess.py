"""``claimwatch assess``: the grounded assessment of one article or a ledger story (thin CLI layer)."""
from __future__ import annotations

import logging
from typing import Optional

import click

from claimwatch.errors import InputError

log = logging.getLogger("claimwatch")
ASSESS_FORMATS = ("text", "json", "markdown")


def register(cli: click.Group) -> None:
    """Add the ``assess`` command to the ``claimwatch`` group."""
    cli.add_command(assess_command)


@click.command("assess")
@click.argument("file", required=False, metavar="FILE|-")
@click.option("--format", "-f", "fmt", type=click.Choice(ASSESS_FORMATS), default="text", show_default=True,
              help="text: sections for the terminal; json: the assessment object; markdown: a report.")
@click.option("--story", metavar="ID|TEXT",
              help="Assess a ledger story: its id (3 or s3, see `claimwatch stories`) or the articles whose statements match TEXT.")
@click.option("--db", default=None, metavar="PATH", help="Ledger file for --story (default: claimwatch.db).")
@click.option("--example", is_flag=True, help="Assess the bundled example article.")
def assess_command(file: Optional[str], fmt: str, story: Optional[str], db: Optional[str], example: bool) -> None:
    """Write a grounded assessment: significance, positions, calls, implications, risks, what to watch.

    Every sentence cites the statements it rests on (shown as source, outlet and date) and is
    printed only if those statements carry it. FILE is a UTF-8 text article; '-' reads standard
    input; --story assesses the articles of a ledger story instead. Set CLAIMWATCH_LLM_URL and
    CLAIMWATCH_LLM_MODEL to have an OpenAI-compatible endpoint rewrite the sentences (off by default).

    \b
    Example:
      claimwatch assess --example
      claimwatch assess article.txt --format markdown > assessment.md
      claimwatch assess --story "North Korean troops" --db claimwatch.db --format json
      claimwatch assess --story s1 --db claimwatch.db
    """
    from claimwatch.assess import assess
    from claimwatch.assess.llm import LLMConfig
    from claimwatch.cli import _stdout_color, _width, example_path
    from claimwatch.render.assessment import render_assessment

    given = sum((file is not None, story is not None, example))
    if given != 1:
        raise InputError("give exactly one of FILE, '-' (standard input), --example or --story TEXT; "
                         "see `claimwatch assess --help`")
    if db is not None and story is None:
        raise InputError("--db only applies with --story TEXT")
    standings: list = []
    if story is not None:
        analyses, standings = _story(story, db)
    else:
        from claimwatch.ingest.text import read_text_article
        from claimwatch.nlp.pipeline import analyze_article

        article = read_text_article(example_path() if example else file)
        analyses = [analyze_article(article)]
    llm = LLMConfig.from_env()
    if llm is not None:
        log.info("rewriting findings with %s (model %s)", llm.endpoint, llm.model)
    result = assess(analyses, llm=llm, standings=standings)
    log.info("%d findings, %d dropped by the grounding check", len(result.findings), result.dropped)
    click.echo(render_assessment(result, fmt, color=_stdout_color(), width=_width()).rstrip("\n"))


def _story(text: str, db: Optional[str]):
    from claimwatch.assess.story import ledger_standings, story_analyses
    from claimwatch.ledger.store import DEFAULT_PATH, Ledger
    from pathlib import Path

    path = db or DEFAULT_PATH
    if not Path(path).exists():
        raise InputError(f"no ledger at {path}; ingest articles first or pass --db PATH")
    with Ledger(path) as ledger:
        analyses = story_analyses(ledger, text)
        standings = ledger_standings(ledger, text)
    if not analyses:
        raise InputError(f"no article in {path} has a statement matching {text!r}; try other words")
    log.info("story %r: %d articles, %d ledger claims stated", text, len(analyses), len(standings))
    return analyses, standings
