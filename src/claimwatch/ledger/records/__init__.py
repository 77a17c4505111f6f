"""Source track records: how an actor's or an outlet's word held up on claims whose status resolved.

A ledger claim is *resolved* when its final status is confirmed, denied or retracted; its resolution
date is the date of the status change that brought it there (the last change on its timeline). A
speaker's stance on a resolved claim is its latest stance up to that date, so what it said after the
claim was settled is no prediction and is counted apart ("after resolution"). An assertion *held* when
the claim was confirmed and *failed* when it was denied or retracted; a denial the other way round.
Lead time is the number of days from the speaker's first statement on the claim to the resolution.

Outlets: an outlet *reported* a resolved claim when one of its (independent) articles carried a
statement on it before the resolution; its own stance is the one of its own voice there: statements
whose source is the outlet itself or an unnamed source only the outlet vouches for ("officials said").
Claims it carried only through named sources are counted as *relayed*.

Every figure is a count with the claim ids behind it; a fraction is given only from ``min_resolved``
(``records.yaml``) resolved claims on. The same tallies, kept per side and over the *other* claims
only, give the bounded factors with which the status rules may weigh sides (:func:`record_factors`).

The package keeps configuration (:mod:`.config`), resolutions (:mod:`.resolutions`), one speaker's
outcome on a claim (:mod:`.outcomes`), records (:mod:`.track`) and weighting (:mod:`.weighting`)
apart; the terminal text is :func:`claimwatch.render.records.render_record`.
"""
from claimwatch.ledger.records.config import SOURCE, RecordConfig, Weighting, load_config, parse_config
from claimwatch.ledger.records.outcomes import OUTCOMES, ClaimOutcome, outcome_of
from claimwatch.ledger.records.resolutions import RESOLVED, Resolution, replayed_resolutions, stored_resolutions
from claimwatch.ledger.records.track import (TrackRecord, actor_names, build_record, outlet_record, outlet_records,
                                             own_voice, track_record)
from claimwatch.ledger.records.weighting import SideTallies, record_factors, recompute, side_tallies

__all__ = [
    "OUTCOMES", "RESOLVED", "SOURCE", "ClaimOutcome", "RecordConfig", "Resolution", "SideTallies", "TrackRecord",
    "Weighting", "actor_names", "build_record", "load_config", "outcome_of", "outlet_record", "outlet_records",
    "own_voice", "parse_config", "record_factors", "recompute", "replayed_resolutions", "side_tallies",
    "stored_resolutions", "track_record",
]
