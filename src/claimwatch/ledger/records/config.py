"""``records.yaml``: the minimum of resolved claims before a fraction is shown, and the bounds of
the record factors that may weigh sides in the status rules; validated on load."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from claimwatch.errors import LexiconError

SOURCE = "records.yaml"


@dataclass(frozen=True)
class Weighting:
    min_resolved: int
    prior: float
    min_factor: float
    max_factor: float

    def factor(self, held: int, failed: int) -> float:
        """Laplace-smoothed held rate over the neutral 0.5, bounded; 1 below ``min_resolved``."""
        if held + failed < self.min_resolved:
            return 1.0
        rate = (held + self.prior) / (held + failed + 2 * self.prior)
        return round(min(self.max_factor, max(self.min_factor, rate / 0.5)), 4)


@dataclass(frozen=True)
class RecordConfig:
    min_resolved: int
    weighting: Weighting


def _fail(where: str, problem: str) -> LexiconError:
    return LexiconError(f"{SOURCE}: {where}: {problem}")


def _number(data: Mapping, key: str, where: str, low: float, high: float, integer: bool = False) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high \
            or (integer and not float(value).is_integer()):
        kind = "a whole number" if integer else "a number"
        raise _fail(f"{where}{key}", f"expected {kind} between {low:g} and {high:g}, got {value!r}")
    return value


def parse_config(data: Any) -> RecordConfig:
    """Validate ``records.yaml``: version 1, a minimum, and weighting bounds around 1."""
    if not isinstance(data, Mapping) or data.get("version") != 1:
        raise _fail("top level", "expected a mapping with 'version: 1'")
    unknown = set(data) - {"version", "min_resolved", "weighting"}
    if unknown:
        raise _fail("top level", f"unknown field(s) {', '.join(sorted(unknown))}")
    weighting = data.get("weighting")
    if not isinstance(weighting, Mapping) or set(weighting) != {"min_resolved", "prior", "min_factor", "max_factor"}:
        raise _fail("weighting", "expected min_resolved, prior, min_factor and max_factor")
    low = _number(weighting, "min_factor", "weighting.", 0.0, 1.0)
    high = _number(weighting, "max_factor", "weighting.", 1.0, 10.0)
    return RecordConfig(
        min_resolved=int(_number(data, "min_resolved", "", 1, 1000, integer=True)),
        weighting=Weighting(min_resolved=int(_number(weighting, "min_resolved", "weighting.", 1, 1000, integer=True)),
                            prior=float(_number(weighting, "prior", "weighting.", 0.01, 100.0)),
                            min_factor=float(low), max_factor=float(high)))


def load_config() -> RecordConfig:
    from claimwatch import lexicons

    return lexicons.load("records")
