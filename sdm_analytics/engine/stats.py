"""Uncertainty of rates and of gaps between groups (95% intervals), and small-group flags.

Wilson's score interval for one proportion; Newcombe's hybrid score interval
(method 10) for the difference of two independent proportions. Both behave at
0 and 1 and for small n, where the normal approximation does not.
"""

from __future__ import annotations

import math

import pandas as pd

from .metrics import METRICS

__all__ = ["Z95", "wilson", "newcombe", "with_ci", "gaps", "reference_group"]

Z95 = 1.959963984540054


def wilson(k: float, n: float, z: float = Z95) -> tuple[float | None, float | None]:
    """Wilson score interval of k successes in n trials; (None, None) when n is 0."""
    if not n:
        return None, None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(k1: float, n1: float, k2: float, n2: float, z: float = Z95) -> tuple[float | None, float | None, float | None]:
    """Difference p1 − p2 with Newcombe's 95% interval; Nones when a group is empty."""
    if not n1 or not n2:
        return None, None, None
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    diff = p1 - p2
    lower = diff - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = diff + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return diff, lower, upper


def _counts(frame: pd.DataFrame, metric_id: str) -> tuple[pd.Series, pd.Series]:
    if not METRICS[metric_id].binomial:
        raise ValueError(f"{metric_id} is not a share of its n: no binomial interval")
    n = frame[f"n_{metric_id}"].astype(float)
    k = (frame[metric_id].astype(float) * n).round()
    return k, n


def with_ci(frame: pd.DataFrame, metric_id: str, min_n: int = 30, n_col: str | None = None) -> pd.DataFrame:
    """Add lo_<col>, hi_<col> (95% Wilson) and small_<col> (n below min_n: too small to judge).

    metric_id is a binomial metric of the registry (its n in n_<id>), or any
    share column when n_col names the column of its denominator.
    """
    out = frame.copy()
    if n_col is None:
        k, n = _counts(out, metric_id)
    else:
        n = out[n_col].astype(float)
        k = (out[metric_id].astype(float) * n).round()
    bounds = [wilson(a, b) if b and a == a else (None, None) for a, b in zip(k, n)]
    out[f"lo_{metric_id}"] = [b[0] for b in bounds]
    out[f"hi_{metric_id}"] = [b[1] for b in bounds]
    out[f"small_{metric_id}"] = n < min_n
    return out


def gaps(frame: pd.DataFrame, key: str, metric_id: str, reference: object) -> pd.DataFrame:
    """Each group's gap to the reference group with a 95% Newcombe interval.

    Adds gap_<id>, gap_lo_<id>, gap_hi_<id>, clear_<id> (the interval excludes 0) and
    ref_<id> (the row is the reference group).
    """
    out = frame.copy()
    k, n = _counts(out, metric_id)
    ref = out[key] == reference
    if not ref.any():
        raise ValueError(f"reference group {reference!r} is not in the frame")
    k0, n0 = float(k[ref].iloc[0]), float(n[ref].iloc[0])
    rows = [(0.0, None, None) if is_ref else newcombe(a, b, k0, n0) if b and a == a else (None, None, None)
            for a, b, is_ref in zip(k, n, ref)]
    out[f"gap_{metric_id}"] = [r[0] for r in rows]
    out[f"gap_lo_{metric_id}"] = [r[1] for r in rows]
    out[f"gap_hi_{metric_id}"] = [r[2] for r in rows]
    out[f"clear_{metric_id}"] = [r[1] is not None and (r[1] > 0 or r[2] < 0) for r in rows]
    out[f"ref_{metric_id}"] = ref
    return out


def reference_group(frame: pd.DataFrame, key: str, metric_id: str) -> object:
    """The group others are compared with: 'urban' for areas, else the largest group."""
    if key == "area" and (frame[key] == "urban").any():
        return "urban"
    return frame.sort_values(f"n_{metric_id}", ascending=False)[key].iloc[0]
