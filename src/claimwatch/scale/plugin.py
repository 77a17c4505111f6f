"""The Dask worker plugin, apart so that importing :mod:`claimwatch.scale` does not need Dask."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class PreloadModel(WorkerPlugin):
    """Load the spaCy model when a worker starts, once per worker process, before any task runs."""

    name = "claimwatch-preload-model"

    def setup(self, worker) -> None:
        from claimwatch.nlp.pipeline import load_nlp

        load_nlp()
