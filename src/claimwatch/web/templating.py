"""The Jinja2 environment shared by the HTML report and the web UI: autoescape always on.

Every template renders article text through autoescape; nothing marks article text as safe. The
only ``|safe`` values are the package's own CSS and JS, inlined into the self-contained report.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined

from claimwatch.dates import UNDATED, day
from claimwatch.model import STANCES
from claimwatch.web.views import STATUS_COLORS

STANCE_COLORS = {"asserts": "#1a7f37", "supports": "#7cc48a", "uncommitted": "#d9d9d9",
                 "disputes": "#f0a35e", "denies": "#c0392b"}

# Cell marks of the stance matrix, from the scale's positive end to its negative end.
STANCE_MARKS = {"asserts": "++", "supports": "+", "uncommitted": "?", "disputes": "\u2212", "denies": "\u2212\u2212"}


def _day(value: object, undated: object = False) -> str:
    """A date as a day; an undated report reads "date unknown" (never its ingestion day, which is
    all an undated article's stored date says)."""
    return UNDATED if undated else day(value)


def web_url(value: object) -> str:
    """The URL when it is http(s), else "": a stored ``javascript:`` URL must never become a link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment; autoescape is on for every template, whatever its extension."""
    env = Environment(loader=PackageLoader("claimwatch.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = _day
    env.filters["web_url"] = web_url
    env.globals.update(STANCES=STANCES, STANCE_MARKS=STANCE_MARKS, STANCE_COLORS=STANCE_COLORS, STATUS_COLORS=STATUS_COLORS)
    return env


def static_text(name: str) -> str:
    """One of the package's static files (CSS, JS) as text, for inlining into the report."""
    return (resources.files("claimwatch.web") / "static" / name).read_text(encoding="utf-8")
