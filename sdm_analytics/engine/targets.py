"""Targets set by leadership and the actuals beside them (docs/metrics.md target_progress)."""

from __future__ import annotations

import pandas as pd

from ..filters import Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from .units import units_under

__all__ = ["targets", "target_unit", "target_progress", "targets_met", "met"]


def targets(store: Store, year: int, opd: str = "") -> dict[str, float]:
    """Targets of a year for the city (opd '') or one OPD: indicator -> target (rates 0-1)."""
    rows = store.rows(
        "SELECT indicator, target FROM targets WHERE year = $y AND opd_code = $o",
        {"y": int(year), "o": opd or ""},
    )
    return {k: float(v) for k, v in rows}


def met(actual: float | None, target: float, better: str | None) -> bool | None:
    """Whether an actual reaches its target in the metric's direction (lower is better for costs); None
    without an actual."""
    if actual is None:
        return None
    return actual <= target if better == "lower" else actual >= target


def target_unit(filters: Filters, scope: Scope | None = None) -> str | None:
    """Whose targets apply to a view: the city's ('') unfiltered, one OPD's (or unit's) for exactly that one,
    else None.

    A target is set for a unit, so a slice (a gender, two OPDs, online only, an evaluator's own OPDs)
    is never judged against it.
    """
    active = filters.active()
    if not active:
        return None if scope is not None and scope.restricted else ""
    if set(active) == {"opd"} and len(filters.opd) == 1:
        return filters.opd[0]
    if set(active) == {"unit"} and len(filters.unit) == 1:
        return filters.unit[0]
    return None


def target_progress(store: Store, year: int, scope: Scope | None = None,
                    settings: Settings | None = None, city=None) -> pd.DataFrame:
    """docs/metrics.md target_progress: each target of Y beside its actual, for the city or its OPD.

    The actual is the metric for the whole city (opd_code '') or the whole unit the target is set for, with
    every unit kerja below it, without other filters: a target is set for a unit, not for a slice. A
    restricted viewer sees only the targets of the units in scope. `city`: the unfiltered view's metrics of Y
    in this scope (a metrics.Result) when the caller already has them.
    """
    from .metrics import METRICS

    scope = scope or Scope.everything()
    settings = settings or load_settings()
    rows = store.rows(
        "SELECT indicator, opd_code, target FROM targets WHERE year = $y ORDER BY opd_code, indicator",
        {"y": int(year)},
    )
    visible = units_under(store, scope.opds or ()) if scope.restricted else set()
    rows = [r for r in rows if not scope.restricted or (r[1] and r[1] in visible)]
    actuals = _actuals(store, year, scope, settings, {(opd, ind) for ind, opd, _ in rows if ind in METRICS}, city)
    records = []
    for indicator, opd, target in rows:
        known = indicator in METRICS
        actual, n = actuals.get((opd, indicator), (None, None))
        better = METRICS[indicator].better if known else "higher"
        reached = met(actual, target, better)
        # attainment: how far along the way to the target (1 = reached), in the metric's direction
        if actual is None or not target or (better == "lower" and not actual):
            attainment = None
        else:
            attainment = target / actual if better == "lower" else actual / target
        records.append({"indicator": indicator, "opd_code": opd, "target": float(target), "actual": actual,
                        "n": n, "met": reached, "attainment": attainment, "known_metric": known})
    return pd.DataFrame(records, columns=["indicator", "opd_code", "target", "actual", "n", "met", "attainment",
                                          "known_metric"])


def _actuals(store: Store, year: int, scope: Scope, settings: Settings, wanted: set[tuple[str, str]],
             city=None) -> dict[tuple[str, str], tuple[object, int | None]]:
    """(unit, indicator) -> (actual, n; None: withheld with a hidden survey figure): the city's in one query,
    every OPD's in one grouped query by OPD, and a unit below an OPD (or one without people in post) with its own
    filter — each the whole unit with every unit kerja below it (a group of the breakdown by OPD is exactly that,
    tests/test_plan.py)."""
    from .metrics import compute, compute_by, plain_count, plain_value

    out: dict[tuple[str, str], tuple[object, int | None]] = {}
    given, city = city, sorted({ind for opd, ind in wanted if not opd})
    if city:
        result = given if given is not None else compute(store, Filters.make(year), scope, city, settings=settings)
        out.update({("", ind): (result.values[ind], result.n[ind]) for ind in city})
    units = sorted({opd for opd, _ in wanted if opd})
    if units:
        ids = sorted({ind for opd, ind in wanted if opd})
        frame = compute_by(store, Filters.make(year), "opd", scope, ids, settings=settings).set_index("opd")
        for opd in units:
            mine = sorted(ind for o, ind in wanted if o == opd)
            if opd in frame.index:
                row = frame.loc[opd]
                out.update({(opd, ind): (plain_value(row[ind]), plain_count(row[f"n_{ind}"])) for ind in mine})
            else:
                result = compute(store, Filters.make(year, {"opd": [opd]}), scope, mine, settings=settings)
                out.update({(opd, ind): (result.values[ind], result.n[ind]) for ind in mine})
    return out


def targets_met(progress: pd.DataFrame, opd: str | None = "") -> tuple[int, int]:
    """(targets met, targets) among a target_progress frame's rows for the city (''), one OPD, or all (None)."""
    rows = progress if opd is None else progress[progress["opd_code"] == opd]
    return int(rows["met"].fillna(False).astype(bool).sum()), len(rows)
