"""Who took which demo program and how it went, and the yearly SKP ratings that go with it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .common import (
    AFFINITY,
    AS_OF,
    BASE_RATE,
    DARING_SHARE,
    DRIVE_POWER,
    GRADED,
    POSITION_FACTOR,
    RURAL_REACH,
    YEARS,
    jp20_flags,
    to_day,
    years_between,
)


def draw_participations(p: dict, prog: pd.DataFrame, members: list, rng: np.random.Generator) -> pd.DataFrame:
    """Who took which program: interest-driven draws plus the cohort programs, then outcomes."""
    picks = []
    regular = prog[~prog["special"]]
    group = np.where(regular["mode"] == "daring", "daring", "luring")
    for year in YEARS:
        ids = np.flatnonzero((p["hire"] <= to_day(f"{year}-11-30"))
                             & (np.isnat(p["exit"]) | (p["exit"] >= to_day(f"{year}-02-01"))))
        age = years_between(p["birth"][ids], to_day(f"{year}-12-31"))
        lam = (BASE_RATE[year] * p["drive"][ids] ** DRIVE_POWER * p["engage"][ids] * rng.gamma(3.0, 1 / 3, len(ids))
               * np.select([age < 30, age < 50, age < 55], [1.1, 1.0, 0.85], 0.55)
               * pd.Series(p["pos"][ids]).map(POSITION_FACTOR).to_numpy())
        rural = p["area"][ids] != "urban"
        for mg, share in (("luring", 1 - DARING_SHARE[year]), ("daring", DARING_SHARE[year])):
            who = np.repeat(ids, rng.poisson(lam * share * np.where(rural, RURAL_REACH[mg], 1.0)))
            cand = regular[(regular["year"] == year).to_numpy() & (group == mg)]
            for prof, aff in AFFINITY.items():
                sel = who[p["profile"][who] == prof]
                w = cand["size"].to_numpy() * cand["audience"].map(aff).fillna(0.0).to_numpy()
                if len(sel) and w.sum() > 0:
                    picks.append(pd.DataFrame({"pid": sel, "prog": rng.choice(cand.index, len(sel), p=w / w.sum())}))
    picks += [pd.DataFrame({"pid": people, "prog": i}) for i, people in members]  # one frame per cohort program
    part = pd.concat(picks, ignore_index=True).drop_duplicates(["prog", "pid"])
    start, end = prog["start"].to_numpy()[part["prog"]], prog["end"].to_numpy()[part["prog"]]
    exit_ = p["exit"][part["pid"]]
    part = part[(p["hire"][part["pid"]] <= start) & (np.isnat(exit_) | (exit_ >= end))].reset_index(drop=True)

    n = len(part)
    pr = prog.loc[part["prog"]].reset_index(drop=True)
    old = years_between(p["birth"][part["pid"]], pr["end"].to_numpy()) >= 55
    cohort = pr["special"].to_numpy()
    p_noshow = np.where(cohort, 0.0, 0.05 + 0.08 * old + 0.02 * (pr["mode"] == "daring"))
    p_drop = np.where(cohort, 0.01, 0.04)
    p_fail = np.where(pr["category"].isin(GRADED), np.where(cohort, 0.01, 0.035), 0.0)
    u = rng.random(n)
    status = np.select([u < p_noshow, u < p_noshow + p_drop, u < p_noshow + p_drop + p_fail],
                       ["no_show", "dropped", "failed"], "completed").astype(object)
    status[pr["end"].to_numpy() > to_day(AS_OF)] = "registered"
    att = np.select([status == "completed", status == "failed", status == "dropped", status == "no_show"],
                    [100 - rng.exponential(4, n).clip(0, 25), rng.uniform(60, 95, n), rng.uniform(5, 60, n), 0],
                    np.nan).round()
    att[(status == "completed") & (rng.random(n) < 0.05)] = np.nan
    tested = pr["category"].isin(GRADED).to_numpy() & np.isin(status, ("completed", "failed", "dropped"))
    tested &= rng.random(n) > 0.12
    pre = rng.normal(60, 14, n).clip(15, 99).round()
    pre[rng.random(n) < 0.015] = 100
    gain = rng.normal(0.45, 0.2, n).clip(-0.1, 1.0)
    post = np.where(status == "failed", rng.normal(50, 10, n).clip(0, 69), pre + (100 - pre) * gain).round()
    post[(status == "dropped") | (rng.random(n) < 0.04)] = np.nan
    full = pr["jp"].to_numpy()
    jp_earned = np.where((status == "completed") & (rng.random(n) < 0.03) & (full >= 2),
                         np.minimum((full * rng.uniform(0.5, 0.9, n)).round(), full - 1).clip(1), np.nan)
    part["status"], part["attendance_pct"] = status, att
    part["pre_test"], part["post_test"] = np.where(tested, pre, np.nan), np.where(tested, post, np.nan)
    part["jp_earned"] = jp_earned
    part["jp"] = np.where(status == "completed", np.where(np.isnan(jp_earned), pr["jp"], jp_earned), 0.0)
    part["year"] = pr["year"].to_numpy()
    return part


def draw_performance(p: dict, jp: pd.Series, rng: np.random.Generator) -> pd.DataFrame:
    """SKP rating of everyone in post at the end of each year; 20 JP goes with sangat_baik a little more."""
    rows = []
    for year in YEARS:
        eoy = to_day(f"{year}-12-31")
        ids = np.flatnonzero((p["hire"] <= eoy) & (np.isnat(p["exit"]) | (p["exit"] > eoy)))
        u = rng.random(len(ids))
        top = np.where(jp20_flags(jp, ids, year), 0.17, 0.10)
        rating = np.select([u < top, u < 0.984, u < 0.995, u < 0.9985],
                           ["sangat_baik", "baik", "butuh_perbaikan", "kurang"], "sangat_kurang")
        rows.append(pd.DataFrame({"nip": p["nip"][ids], "year": year, "rating": rating}))
    return pd.concat(rows, ignore_index=True)
