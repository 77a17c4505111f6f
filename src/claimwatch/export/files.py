"""Where exports land: refuse to overwrite what is there, write through a temp file and rename.

A reader (or a crash) never sees half a file: each file is written next to its target under a
hidden temporary name and moved into place with ``os.replace`` once complete.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from claimwatch.errors import InputError


def prepare_file(out: Path, force: bool) -> None:
    """Check a single-file target: not a folder, not an existing non-empty file unless ``force``."""
    if out.is_dir():
        raise InputError(f"--out {out} is a folder; give a file name such as claims.jsonld")
    if out.exists() and out.stat().st_size > 0 and not force:
        raise InputError(f"{out} already exists; use --force to overwrite it")
    _mkdir(out.parent)


def prepare_folder(out: Path, force: bool) -> None:
    """Check a folder target (one file per table): not a file, not a non-empty folder unless ``force``."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file; CSV and Parquet exports write one file per table into a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(f"{out} is not empty; use --force to overwrite the tables in it")
    _mkdir(out)


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {folder}: {exc.strerror or exc}") from exc


@contextmanager
def atomic(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, on failure it goes."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temp
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_json(target: Path, documents: Iterable[dict[str, Any]], lines: bool = False) -> int:
    """Write documents as one JSON array (or JSON lines), atomically; returns how many."""
    docs = list(documents)
    with atomic(target) as temp, open(temp, "w", encoding="utf-8") as fh:
        if lines:
            for doc in docs:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        else:
            json.dump(docs, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    return len(docs)
