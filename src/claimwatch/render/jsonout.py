"""Analysis -> JSON: ``Analysis.to_dict()`` pretty-printed, the format the evaluation scorer reads."""
from __future__ import annotations

import json

from claimwatch.model import Analysis


def to_json(analysis: Analysis, *, include_text: bool = False) -> str:
    """Stable, indented JSON (non-ASCII kept as is); ``include_text`` adds the article text."""
    return json.dumps(analysis.to_dict(include_text=include_text), indent=2, ensure_ascii=False)
