"""``claimwatch assess``: the grounded assessment of one article or a ledger story (thin CLI layer)."""
from __future__ import annotations

import logging
import re
from typing import Optional

import click

from claimwatch.cli.common import example_path, stdout_color, width
from claimwatch.cli.options import db_option, format_option
from claimwatch.errors import InputError

log = logging.getLogger("claimwatch")
ASSESS_FORMATS = ("text", "json", "markdown")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")



@click.command("assess")
@click.argument("file", required=False, metavar="FILE|-")
@format_option(ASSESS_FORMATS, help="text: sections for the terminal; json: the assessment object; markdown: a report.")
@click.option("--story", metavar="ID|TEXT",
              help="Assess a ledger story: its id (3 or s3, see `claimwatch stories`) or the articles whose statements match TEXT.")
@db_option("Ledger file for --story (default: claimwatch.db).", default=None)
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="With --story: the assessment as it would have read on DATE (YYYY-MM-DD): later and undated "
                   "reports are left out, and the ledger's statuses are taken as of that day. Default: the latest report.")
@click.option("--example", is_flag=True, help="Assess the bundled example article.")
def assess_command(file: Optional[str], fmt: str, story: Optional[str], db: Optional[str], example: bool,
                   as_of: Optional[str]) -> None:
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
      claimwatch assess --story s1 --db claimwatch.db --as-of 2024-10-22
    """
    from claimwatch.assess import assess
    from claimwatch.assess.llm import LLMConfig
    from claimwatch.render.assessment import render_assessment

    given = sum((file is not None, story is not None, example))
    if given != 1:
        raise InputError("give exactly one of FILE, '-' (standard input), --example or --story TEXT; "
                         "see `claimwatch assess --help`")
    if db is not None and story is None:
        raise InputError("--db only applies with --story TEXT")
    if as_of is not None and story is None:
        raise InputError("--as-of only applies with --story TEXT")
    if as_of is not None and not _DATE.match(as_of):
        raise InputError(f"--as-of takes a date as YYYY-MM-DD, got {as_of!r}")
    standings: list = []
    sides: dict = {}
    if story is not None:
        analyses, standings, sides = _story(story, db, as_of)
    else:
        from claimwatch.ingest.text import read_text_article
        from claimwatch.nlp.pipeline import analyze_article

        article = read_text_article(example_path() if example else file)
        analyses = [analyze_article(article)]
    llm = LLMConfig.from_env()
    if llm is not None:
        log.info("rewriting findings with %s (model %s)", llm.endpoint, llm.model)
    result = assess(analyses, llm=llm, standings=standings, sides=sides, as_of=as_of)
    log.info("%d findings, %d dropped by the grounding check", len(result.findings), result.dropped)
    click.echo(render_assessment(result, fmt, color=stdout_color(), width=width()).rstrip("\n"))


def _story(text: str, db: Optional[str], as_of: Optional[str] = None):
    from claimwatch.assess.story import ledger_standings, story_analyses, story_sides
    from claimwatch.ledger.store import DEFAULT_PATH, Ledger
    from pathlib import Path

    path = db or DEFAULT_PATH
    if not Path(path).exists():
        raise InputError(f"no ledger at {path}; ingest articles first or pass --db PATH")
    with Ledger(path) as ledger:
        analyses = story_analyses(ledger, text, as_of=as_of)
        standings = ledger_standings(ledger, text, as_of=as_of)
        sides = story_sides(ledger, analyses)
    if not analyses:
        when = f" published by {as_of}" if as_of else ""
        raise InputError(f"no article{when} in {path} has a statement matching {text!r}; try other words"
                         + (" or a later --as-of date" if as_of else ""))
    log.info("story %r: %d articles, %d ledger claims stated", text, len(analyses), len(standings))
    return analyses, standings, sides
