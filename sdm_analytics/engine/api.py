"""The public Python API for analysts: open a store, compute metrics as a pandas DataFrame.

The library under the CLI (`python -m sdm_analytics metrics` calls `compute`), also published at the package
top (`sdm_analytics.open_store`, `sdm_analytics.compute`):

    import sdm_analytics as sdm
    store = sdm.open_store("data/sdm.duckdb", read_only=True)
    df = sdm.compute(store, 2025, metrics=["jp20_rate", "reach_rate"], by="opd",
                     filters={"employment_type": ["PNS"]})
    print(df.sort_values("jp20_rate").head())

The figures are those of `engine.metrics.compute` / `compute_by` (the dashboard's): nothing is recomputed here.
"""

from __future__ import annotations

import errno
import os
from typing import Iterable, Mapping

import pandas as pd

from ..accounts import ROLES
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings, resolve_db_path
from ..store import Store
from ..store import open_store as shared_store
from . import metrics as _metrics
from .metrics import METRIC_IDS

__all__ = ["open_store", "compute", "METRIC_IDS", "DIMENSIONS", "BY_DIMENSIONS", "ROLES"]

BY_DIMENSIONS: tuple[str, ...] = (*DIMENSIONS, "year")


def open_store(path: str | os.PathLike | None = None, read_only: bool = False) -> Store:
    """The store at `path` (None: $SDM_DB, else data/sdm.duckdb).

    read_only=False returns the process-wide store of `store.open_store`, the dashboard's: a script and a
    dashboard in one process share one connection. It creates (and migrates) the store when needed. DuckDB
    allows one writing process per file: while the dashboard runs, another process cannot open it this way.

    read_only=True opens a new read-only connection, never cached (close it with `.close()`). Several
    processes may read one file at once, but not while a process writes it; in one process DuckDB refuses a
    read-only connection to a file that process already holds read-write (use that store, or a copy). A
    missing file raises FileNotFoundError naming the path: no empty store is created. A read-only store is
    not migrated: open it read-write once after an upgrade.
    """
    path = resolve_db_path(path)
    if not read_only:
        return shared_store(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(errno.ENOENT, "no store file (read_only never creates one)", path)
    return Store(path, read_only=True)


def _check(kind: str, given: Iterable[str], valid: Iterable[str]) -> None:
    valid = list(valid)
    bad = [v for v in given if v not in valid]
    if bad:
        raise ValueError(f"unknown {kind}: {', '.join(map(str, bad))} (valid: {', '.join(valid)})")


def compute(store: Store | str | os.PathLike, year: int, metrics: Iterable[str] | None = None,
            filters: Mapping[str, Iterable[str] | str] | None = None, by: str | None = None,
            role: str = "admin", opds: Iterable[str] | None = None,
            settings: Settings | None = None) -> pd.DataFrame:
    """Metrics for one year as a DataFrame: one row, or with `by` one row per group (the `by` column first).

    Columns: `by` (if given), each metric's value, `n_<id>`, `suppressed_<id>` — the engine's (`compute` /
    `compute_by`). metrics: ids of METRIC_IDS (None: all); filters: dimension -> codes, as `Filters.make`;
    by: a dimension of DIMENSIONS or "year"; role: pimpinan, evaluator or admin (what the role may not see is
    blanked and flagged in suppressed_<id>); opds: the viewer's OPD scope (None: every OPD). store: a Store
    or the path of an existing store file (opened read-only for this call and closed: it never migrates the
    file, and reads beside other readers). settings: None reads the
    environment (SDM_MIN_RESPONDENTS, SDM_JP_MIN, …).

    A null figure (no data, a zero denominator, suppressed) is NaN: test it with `pd.isna`. Counts keep the
    engine's types: `n_<id>` are ints (NaN where a hidden survey figure's n is withheld too), and in the
    one-row frame so is a count the engine gives as an int
    (headcount); a breakdown's columns are compute_by's as they are. In a breakdown by an employee dimension,
    the group of an unknown value has the key None.
    Raises ValueError on an unknown metric, dimension or role, naming the valid ones.
    """
    ids = list(METRIC_IDS if metrics is None else ([metrics] if isinstance(metrics, str) else metrics))
    _check("metric", ids, METRIC_IDS)
    _check("filter dimension", filters or {}, DIMENSIONS)
    _check("breakdown dimension", [] if by is None else [by], BY_DIMENSIONS)
    _check("role", [role], ROLES)
    if not isinstance(store, Store):
        if not os.path.isfile(store):
            raise FileNotFoundError(errno.ENOENT, "no store file", str(store))
        opened = open_store(store, read_only=True)
        try:
            return compute(opened, year, ids, filters, by, role, opds, settings)
        finally:
            opened.close()
    view = Filters.make(year, filters)
    scope = Scope.everything(role) if opds is None else Scope.of([opds] if isinstance(opds, str) else opds, role)
    settings = settings or load_settings()
    if by is not None:
        return _metrics.compute_by(store, view, by, scope, ids, settings=settings)
    result = _metrics.compute(store, view, scope, ids, settings)
    frame = pd.DataFrame([{**result.values, **{f"n_{m}": result.n[m] for m in ids},
                           **{f"suppressed_{m}": m in result.suppressed for m in ids}}])
    nulls = [m for m, value in result.values.items() if value is None]
    nulls += [f"n_{m}" for m, n in result.n.items() if n is None]  # withheld with a hidden survey figure
    frame[nulls] = frame[nulls].astype(float)
    return frame
