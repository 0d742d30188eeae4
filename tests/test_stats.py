"""Intervals against published values (Newcombe 1998) and the gap table's behaviour."""

from __future__ import annotations

import pandas as pd
import pytest

from sdm_analytics.engine.stats import gaps, newcombe, reference_group, wilson, with_ci


@pytest.mark.parametrize("k,n,lo,hi", [
    (81, 263, 0.2553, 0.3662),  # Newcombe (1998a) table I
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_published_intervals(k, n, lo, hi):
    got = wilson(k, n)
    assert got[0] == pytest.approx(lo, abs=1e-4) and got[1] == pytest.approx(hi, abs=1e-4)


def test_wilson_empty_group():
    assert wilson(0, 0) == (None, None)


@pytest.mark.parametrize("k1,n1,k2,n2,lo,hi", [
    (56, 70, 48, 80, 0.0524, 0.3339),  # Newcombe (1998b) method 10, example (a)
    (9, 10, 3, 10, 0.1705, 0.8090),    # example (b)
    (6, 7, 2, 7, 0.0582, 0.8062),      # example (c)
])
def test_newcombe_matches_published_intervals(k1, n1, k2, n2, lo, hi):
    diff, a, b = newcombe(k1, n1, k2, n2)
    assert diff == pytest.approx(k1 / n1 - k2 / n2)
    assert a == pytest.approx(lo, abs=1e-4) and b == pytest.approx(hi, abs=1e-4)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"area": ["urban", "rural", "remote"], "reach_rate": [0.8, 0.6, 0.7],
                         "n_reach_rate": [500, 200, 10]})


def test_with_ci_flags_small_groups():
    out = with_ci(_frame(), "reach_rate", min_n=30)
    assert out["small_reach_rate"].tolist() == [False, False, True]
    assert (out["lo_reach_rate"] < out["reach_rate"]).all() and (out["hi_reach_rate"] > out["reach_rate"]).all()


def test_gaps_against_reference():
    frame = with_ci(_frame(), "reach_rate")
    assert reference_group(frame, "area", "reach_rate") == "urban"
    out = gaps(frame, "area", "reach_rate", "urban")
    rural = out[out["area"] == "rural"].iloc[0]
    assert rural["gap_reach_rate"] == pytest.approx(-0.2)
    assert rural["clear_reach_rate"]  # 120/200 vs 400/500 is a clear gap
    assert not out[out["area"] == "remote"].iloc[0]["clear_reach_rate"]  # 7/10 vs 400/500: too uncertain
    urban = out[out["area"] == "urban"].iloc[0]
    assert urban["ref_reach_rate"] and pd.isna(urban["gap_lo_reach_rate"])


def test_non_binomial_metric_has_no_interval():
    frame = pd.DataFrame({"area": ["urban"], "jp_per_asn": [12.0], "n_jp_per_asn": [10]})
    with pytest.raises(ValueError):
        with_ci(frame, "jp_per_asn")
