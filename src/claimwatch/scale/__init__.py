"""Scale-out of the extraction stage: batches of articles analysed on Dask workers, stored by one writer."""
from __future__ import annotations

from claimwatch.scale.dask_engine import DaskEngine, dask_available
from claimwatch.scale.snapshot import ledger_snapshot

__all__ = ["DaskEngine", "dask_available", "ledger_snapshot"]
