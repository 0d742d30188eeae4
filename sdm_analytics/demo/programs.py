"""The demo's training catalogue: templated and cohort programs, their codes, capacity and cost."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import reference as ref
from .common import VOLUME, YEARS, as_dates, pick, roman, to_day, years_between


def _organizer(key: str, owner: str, year: int) -> str:
    if key == "opd":
        office = next(o for o in ref.OFFICES if o.code == owner)
        return f"{office.name} Kota Serang" if "Kota Serang" not in office.name else office.name
    if key == "kemendikbud" and year >= 2025:
        return "Pusdiklat Kemendikdasmen"
    if key == "kominfo" and year >= 2025:
        return "Komdigi (Digital Talent Scholarship)"
    return ref.ORGANIZERS[key]


def draw_regular_programs(copies: int, rng: np.random.Generator) -> pd.DataFrame:
    """Programs drawn from the yearly templates; dates inside their year."""
    rows = []
    for year in YEARS:
        for t in ref.TEMPLATES:
            n = rng.poisson(t.per_year * VOLUME[year] * copies)
            if n == 0:
                continue
            pair = rng.choice([i for i, (x, _) in enumerate(t.titles) if ref.TITLE_SINCE.get(x, 0) <= year], n)
            title = np.asarray([x[0] for x in t.titles], dtype=object)[pair]
            mode = pick(rng, ("luring", "daring", "blended"), n, np.asarray(t.modes) / sum(t.modes))
            mode = np.where(pd.Series(title).str.startswith("Webinar"), "daring", mode)
            jp = rng.integers(t.jp[0], t.jp[1] + 1, n)
            if t.category == "seminar":  # a webinar earns 3-4 JP, an in-person seminar 4-8
                jp = np.where(mode == "daring", rng.integers(3, 5, n), rng.integers(4, 9, n))
            days = rng.integers(t.days[0], t.days[1] + 1, n)
            if t.days[1] > 1:  # self-paced online courses stay open longer
                days = np.where(mode == "daring", days * 2, days)
            org = pick(rng, t.organizers, n)
            cost = rng.uniform(*t.cost, n) * np.where(mode == "daring", 0.3, 1.0) * ~np.isin(org, ref.FREE_ORGANIZERS)
            rows.append(pd.DataFrame(dict(
                title=title, topic=np.asarray([x[1] for x in t.titles], dtype=object)[pair],
                category=t.category, mode=mode, jp=jp.astype(float), days=days, cost=cost,
                organizer=[_organizer(k, t.owner, year) for k in org],
                audience=t.audience, size=float(t.size), year=year)))
    prog = pd.concat(rows, ignore_index=True)
    latest = prog["year"].map(lambda y: to_day(f"{y}-12-12")) - prog["days"].astype("timedelta64[D]")
    first = prog["year"].map(lambda y: to_day(f"{y}-01-20"))
    span = (latest - first).dt.days.clip(lower=1).to_numpy()
    start = first.to_numpy() + (rng.random(len(prog)) * span).astype("timedelta64[D]")
    prog["start"] = np.busday_offset(start.astype("M8[D]"), 0, roll="forward")
    prog["end"] = prog["start"].to_numpy() + (prog["days"].to_numpy() - 1).astype("timedelta64[D]")
    # a few long programs start in December and end in January (they count in the year they end)
    for year in YEARS[1:]:
        m = np.flatnonzero((prog["year"] == year) & prog["category"].isin(["fungsional", "teknis"]).to_numpy())
        for i in rng.choice(m, size=min(2 * copies, len(m)), replace=False):
            s = to_day(f"{year - 1}-12-{rng.integers(5, 16):02d}")
            prog.loc[i, ["start", "end"]] = [s, s + int(rng.integers(25, 41))]
    # ... and a few end in late December 2025, after the snapshot: participants only registered
    m = np.flatnonzero((prog["year"] == 2025) & (prog["start"] >= to_day("2025-01-01"))
                       & prog["category"].isin(["seminar", "coaching_mentoring", "teknis"]))
    for i in rng.choice(m, size=min(3 * copies, len(m)), replace=False):
        e = to_day(f"2025-12-{rng.integers(22, 31):02d}")
        prog.loc[i, ["start", "end"]] = [e - int(prog.loc[i, "days"]) + 1, e]
    prog["special"] = False
    return prog


def draw_cohort_programs(p: dict, rng: np.random.Generator,
                     history: np.random.Generator | None = None) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Latsar for new CPNS, orientation for new PPPK, leadership training for holders of a post, and (with a
    `history` stream) the leadership certificates holders earned before the demo's years."""
    rows, members = [], []

    def add(title, topic, category, jp, start, days, orgs, cost, mode, people, year):
        rows.append(dict(title=title, topic=topic, category=category, mode=mode, jp=float(jp), start=start,
                         end=start + days - 1, days=days, cost=rng.uniform(*cost), audience="cohort",
                         organizer=ref.ORGANIZERS[rng.choice(orgs)], size=float(len(people)), year=year))
        rows[-1]["cohort"] = len(members)
        members.append(people)

    hire_year = p["hire"].astype("M8[Y]").astype(int) + 1970
    done = np.zeros(len(hire_year), dtype=bool)
    if history is not None:
        done = _history(p, hire_year, history, add)
    for year in YEARS:
        for kind, spec, etype in (("latsar", ref.LATSAR, "PNS"), ("orientasi", ref.ORIENTASI_PPPK, "PPPK")):
            for date in np.unique(p["hire"][(hire_year == year) & (p["etype"] == etype)]):
                ids = rng.permutation(np.flatnonzero((p["hire"] == date) & (p["etype"] == etype)))
                for part in np.array_split(ids, -(-len(ids) // spec["batch"])):
                    days = int(rng.integers(*spec["days"]))
                    start = min(date + int(rng.integers(30, 60)), to_day(f"{year}-12-10") - days)
                    start = np.busday_offset(start, 0, roll="forward")
                    # the batch number (Angkatan I, II …) is given by number_programs, over the whole year
                    add(f"{spec['title']} Tahun {year}", spec["topic"], kind, spec["jp"],
                        start, days, spec["organizers"], spec["cost"], "blended" if kind == "latsar" else "luring",
                        part, year)
        for pos, (title, jp, days_rng, orgs, cost, share) in ref.LEADERSHIP.items():
            start = np.busday_offset(to_day(f"{year}-0{rng.integers(3, 6)}-{rng.integers(1, 20):02d}"), 0,
                                     roll="forward")
            days = int(rng.integers(*days_rng))
            ok = ((p["pos"] == pos) & (p["hire"] <= start) & ~done
                  & (np.isnat(p["exit"]) | (p["exit"] > start + days)))
            ids = np.flatnonzero(ok)
            k = min(len(ids), max(1, round(share * ((p["pos"] == pos) & np.isnat(p["exit"])).sum())))
            if k == 0:
                continue
            age = years_between(p["birth"][ids], start)
            chosen = rng.choice(ids, size=k, replace=False, p=(w := np.where(age < 56, 1.0, 0.2)) / w.sum())
            done[chosen] = True
            for b, part in enumerate(np.array_split(chosen, -(-k // 30))):
                add(f"{title} Tahun {year}", "kepemimpinan", "kepemimpinan", jp,
                    start + 7 * b, days, orgs, cost, "blended", part, year)
    prog = pd.DataFrame(rows)
    prog["special"] = True
    return prog, members


def _history(p: dict, hire_year: np.ndarray, rng: np.random.Generator, add) -> np.ndarray:
    """Leadership certificates of the holders in post on 2022-01-01, earned 2004-2021 under the title of their
    era (ref.LEADERSHIP_HISTORY): a Diklatpim Tk. IV alumnus is a pengawas today. Returns who holds one."""
    held = np.zeros(len(hire_year), dtype=bool)
    stock = p["hire"] < to_day(f"{YEARS[0]}-01-01")
    for pos, (share, jp, days_rng, orgs, eras) in ref.LEADERSHIP_HISTORY.items():
        ids = np.flatnonzero((p["pos"] == pos) & stock & (rng.random(len(hire_year)) < share))
        earned = np.maximum(hire_year[ids] + rng.integers(3, 12, len(ids)), eras[0][0]).clip(max=eras[-1][1])
        held[ids] = True
        for year in np.unique(earned):
            title = next(t for lo, hi, t in eras if lo <= year <= hi)
            cohort = ids[earned == year]
            for part in np.array_split(cohort, -(-len(cohort) // 40)):
                start = np.busday_offset(to_day(f"{year}-0{rng.integers(3, 7)}-{rng.integers(1, 25):02d}"), 0,
                                         roll="forward")
                add(f"{title} Tahun {year}", "kepemimpinan", "kepemimpinan", jp, start,
                    int(rng.integers(*days_rng)), orgs, (10, 25), "luring", part, int(year))
    return held


def number_programs(prog: pd.DataFrame) -> pd.DataFrame:
    """Sort by date, give codes PLT-<start year>-NNN and number repeated titles (Angkatan I, II...)."""
    prog = prog.sort_values(["start", "end", "title"], kind="stable").reset_index(drop=True)
    start_year = prog["start"].dt.year
    seq = (prog.groupby(start_year).cumcount() + 1).astype(str).str.zfill(3)
    prog["program_code"] = "PLT-" + start_year.astype(str) + "-" + seq
    repeat = prog.groupby(["year", "title"])["title"].transform("size") > 1
    nth = prog.groupby(["year", "title"]).cumcount() + 1
    batch = " Angkatan " + nth.map({i: roman(i) for i in range(1, nth.max() + 1)})
    # "… Angkatan II Tahun 2025": the batch goes before a closing year
    numbered = [f"{t[:-11]}{b}{t[-11:]}" if t[-11:-4] == " Tahun " else t + b for t, b in zip(prog["title"], batch)]
    prog["title"] = prog["title"].where(~repeat, pd.Series(numbered, index=prog.index))
    return prog


def finish_programs(prog: pd.DataFrame, part: pd.DataFrame, rng: np.random.Generator) -> None:
    """Capacity from enrolment (none for webinars), cost in IDR with ~5% unknown."""
    enrolled = part.groupby("prog").size().reindex(prog.index, fill_value=0).to_numpy()
    planned = np.maximum(enrolled, prog["size"].clip(upper=40)) * rng.uniform(1, 1.3, len(prog))
    cap = np.maximum(10, np.ceil(planned / 5) * 5)
    webinar = (prog["mode"] == "daring") & (prog["category"] == "seminar")
    prog["capacity"] = pd.array(np.where(webinar, np.nan, cap), dtype="Int64")
    cost = (prog["cost"] * 1e6 / 50_000).round() * 50_000
    prog["cost_per_participant"] = np.where(rng.random(len(prog)) < 0.05, np.nan, cost)
    for col in ("start", "end"):
        prog[f"{col}_date"] = as_dates(prog[col].to_numpy())
