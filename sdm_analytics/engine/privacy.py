"""Survey figures hidden from every role but admin: small groups, and what a subtraction would give away.

docs/metrics.md § 5. A survey figure is hidden from a viewer other than an admin (K = SDM_MIN_RESPONDENTS):
1. small: it comes from 1 to K − 1 distinct respondents;
2. complement: a wider view the same viewer can open (`wider`) holds 1 to K − 1 respondents more, so the
   difference of the two figures would be those few people's;
3. breakdown: among the groups of one breakdown, the hidden part — the hidden groups, plus the respondents
   of a total that are in no group (anonymous answers, people outside the filters) — is what a total minus
   the shown groups gives: when it is exactly one hidden group, or holds 1 to K − 1 respondents, the
   next-smallest shown group is hidden too (ties: by its key), until neither holds.
A hidden figure's n is withheld too: a page says "n < K" of it, never its count.

This module only compares respondent counts the engine's queries give (a row per group); it reads no table.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..filters import DIMENSIONS, Filters

__all__ = ["wider", "small", "complement", "breakdown"]

# The filter that is a page's subject, not a viewer's choice: the one programme of the Programme page (or a
# row of the programme table). The sidebar has no programme filter, so its wider views keep it.
KEPT = ("program",)


def wider(filters: Filters, by: str | None = None) -> list[Filters]:
    """The wider views of a view that its viewer can open too (same year, same scope): the unfiltered view —
    every filter taken away but the programme selection (KEPT) — and, with two filters or more, the view
    without each one of them. For the groups of a breakdown by `by`, a filter on `by` itself only says which
    groups are shown: the view without it is the breakdown's total (rule 3), not a wider view of a group."""
    removable = [dim for dim in filters.active() if dim not in KEPT]
    views = [Filters(year=filters.year, **{dim: getattr(filters, dim) for dim in KEPT})] if removable else []
    if len(removable) > 1:
        views += [filters.with_value(dim, ()) for dim in removable]
    own = filters.with_value(by, ()) if by in DIMENSIONS else None
    out: list[Filters] = []
    for view in views:
        if view != filters and view != own and view not in out:
            out.append(view)
    return out


def small(n, k: int):
    """Whether a count (a number, an array or a column; missing: no) is between 1 and k − 1."""
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore"):
        return (n >= 1) & (n < k)


def complement(frame: pd.DataFrame, on: Sequence[str], n: str, others: Sequence[pd.DataFrame], k: int) -> pd.Series:
    """Rule 2: the rows of `frame` with respondents whose counterpart (the same keys `on`) in one of the wider
    views `others` holds 1 to k − 1 respondents more (column `n` in each). A row without respondents has no
    figure to subtract from."""
    hide = np.zeros(len(frame), dtype=bool)
    mine = frame[n].to_numpy(dtype=float, na_value=np.nan)
    for other in others:
        if on:
            theirs = frame[list(on)].merge(other[list(on) + [n]], on=list(on), how="left")[n]
            theirs = theirs.to_numpy(dtype=float, na_value=np.nan)
        else:  # one row each: the whole view
            theirs = np.full(len(frame), float(other[n].iloc[0]) if len(other) else np.nan)
        hide |= small(theirs - mine, k)
    with np.errstate(invalid="ignore"):
        return pd.Series(hide & (mine > 0), index=frame.index)


def _key(value: object) -> tuple[int, str]:
    """Ties between groups of the same size: by key, an unknown one last."""
    return (1, "") if value is None or value != value else (0, str(value))


def _spread(counts: np.ndarray, hidden: np.ndarray, keys: Sequence[object], totals: Sequence[float],
            k: int) -> np.ndarray:
    """Rule 3 over the groups of one breakdown figure (their counts, which are hidden, the totals they are
    parts of): the groups to hide."""
    hidden = hidden.copy()
    order = sorted(range(len(counts)), key=lambda i: (counts[i], _key(keys[i])))
    some = counts > 0
    placed = counts[some].sum()
    while True:
        shown = some & ~hidden
        if not shown.any():
            return hidden
        part = counts[some & hidden].sum()
        unplaced = [max(0.0, total - placed) for total in totals if total == total] or [0.0]
        alone = (some & hidden).sum() == 1 and min(unplaced) == 0  # total − the others = that one group
        if not alone and not any(1 <= part + rest < k for rest in unplaced):
            return hidden
        hidden[next(i for i in order if shown[i])] = True


def breakdown(frame: pd.DataFrame, key: str, n: str, hidden: pd.Series, k: int,
              totals: Sequence[pd.DataFrame] = (), within: Sequence[str] = ()) -> pd.Series:
    """Rule 3: `hidden` grown so that no hidden group of a breakdown (its groups in column `key`, their
    respondents in `n`) can be read off a total minus the shown groups. `within`: the columns that tell
    one breakdown figure from another in the same frame (a survey item: each item's groups are a breakdown
    of their own); `totals`: frames of the totals the groups are parts of (column `n`, a row per `within`
    key; one row without `within`)."""
    out = hidden.to_numpy(dtype=bool).copy()
    counts = frame[n].to_numpy(dtype=float, na_value=np.nan)
    counts = np.where(np.isnan(counts), 0.0, counts)
    keys = frame[key].to_list()
    lookup = [{tuple(row[:-1]): float(row[-1]) for row in total[list(within) + [n]].itertuples(index=False)}
              if within else {(): float(total[n].iloc[0]) if len(total) else np.nan} for total in totals]
    parts = frame.groupby(list(within), sort=False, dropna=False).indices if within else {(): np.arange(len(frame))}
    for name, idx in parts.items():
        name = name if isinstance(name, tuple) else (name,)
        wanted = [table.get(tuple(name) if within else (), np.nan) for table in lookup]
        out[idx] = _spread(counts[idx], out[idx], [keys[i] for i in idx], wanted, k)
    return pd.Series(out, index=frame.index)
