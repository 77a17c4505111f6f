"""Grounded assessment: significance, positions, calls, implications, risks and what to watch.

Every sentence cites the statements it rests on and passes a grounding check before it is printed.
"""
from claimwatch.assess.model import Assessment, CitedSource, Finding
from claimwatch.assess.writer import assess

__all__ = ["assess", "Assessment", "CitedSource", "Finding"]
