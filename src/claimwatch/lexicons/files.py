"""The lexicon folder and its raw YAML reader (``load_yaml``); ``lexicons.load`` validates on top of it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from claimwatch.errors import LexiconError

LEXICON_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse ``name`` (e.g. ``"cues.yaml"``) from the lexicon folder; malformed files raise LexiconError.

    The raw reader behind ``load``: code outside this package calls ``load(name)``, which also validates."""
    path = LEXICON_DIR / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file {path} is missing; reinstall claimwatch") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon file {path} is not valid YAML: {exc}") from exc
