"""Seeded demo data shaped like Kota Serang's ASN, 2022-2025 (reference data in `reference`).

Scales: "city" (about 5,650 ASN in post at the end of 2025, 55 units), "province"
(the city's structure repeated 20 times, codes suffixed _02.._20 and names
"(Wilayah 02)", about 113,000 ASN; programs are drawn 20 times as often).
"national" is refused with ValueError("too large for a demo"): a national
store is built from real imports, not generated in memory.

The numbers carry a story an evaluator can find: 20 JP compliance rises from
about a third (2022) to about 0.58 (2025) with wide OPD differences; the rural
outskirts are reached less, except online; staff aged 55+ train less, skip
more and are less ready for change; digital and service topics are asked for
far more than they are offered; about a third of alumni do not apply what
they learned, and supervisors rate application lower than alumni do.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

from . import reference as ref
from .contract import KINDS, PNS_RANKS, PPPK_RANKS

if TYPE_CHECKING:
    from .store import Store

__all__ = ["build_demo", "write_demo", "AS_OF", "YEARS"]

YEARS = (2022, 2023, 2024, 2025)
AS_OF = dt.date(2025, 12, 20)  # the snapshot: later answers and outcomes do not exist yet
_END = np.datetime64("2025-12-31")
_NAT = np.datetime64("NaT", "D")

# Story knobs (participation model), tuned so the city scale shows the story of the docstring.
_BASE = {2022: 1.15, 2023: 1.6, 2024: 2.3, 2025: 3.6}  # expected programs a person-year
_DARING = {2022: 0.40, 2023: 0.34, 2024: 0.35, 2025: 0.38}  # share of picks that are online
_VOLUME = {2022: 0.95, 2023: 1.02, 2024: 1.1, 2025: 1.2}  # programs offered vs the 2025 template rate
_RURAL = {"luring": 0.3, "daring": 0.9, "drive": 0.85}  # the outskirts: fewer invitations, most to in-person
_ENGAGE_SHAPE = 6.0  # person-to-person spread of keenness (gamma shape, mean 1)
_DRIVE_POWER = 1.7  # how strongly an office's training culture shows
_POS_F = {"jpt": 0.6, "administrator": 0.8, "pengawas": 1.0, "fungsional": 1.05, "pelaksana": 0.8}
_AFFINITY = {  # person profile -> program audience -> draw weight
    "guru": {"guru": 1.0, "all": 0.35, "umum": 0.03},
    "kesehatan": {"kesehatan": 1.0, "all": 0.45, "umum": 0.08},
    "umum": {"umum": 1.0, "all": 1.0},
    "struktural": {"struktural": 1.6, "umum": 0.7, "all": 1.0},
}
_GRADED = ("latsar", "kepemimpinan", "manajerial", "teknis", "fungsional")


def _roman(n: int) -> str:
    """Batch numbers are written in Roman numerals (Angkatan IV)."""
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        out, n = out + letters * (n // value), n % value
    return out


def _day(value: str | dt.date) -> np.datetime64:
    return np.datetime64(value, "D")


def _years(a: np.ndarray, b: np.ndarray | np.datetime64) -> np.ndarray:
    return (b - a).astype("timedelta64[D]").astype(float) / 365.2425


def _map(values: np.ndarray, mapping: dict) -> np.ndarray:
    return pd.Series(values, dtype=object).map(mapping).to_numpy()


def _pick(rng: np.random.Generator, options: tuple, n: int, p=None) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]


# -- units and posts -------------------------------------------------------------------------
def _structure(copies: int, rng: np.random.Generator) -> tuple[pd.DataFrame, list[tuple]]:
    """Units and the posts in them (blocks of identical slots) on 2022-01-01."""
    units: list[dict] = []
    blocks: list[tuple] = []  # (unit index, position type, family, fixed position name, count)

    def unit(code, name, type_, kec, area, kind, drive):
        units.append(dict(opd_code=code, opd_name=name, opd_type=type_, kecamatan=kec, area=area,
                          kind=kind, drive=drive))
        return len(units) - 1

    for c in range(copies):
        sfx, nsfx = ("", "") if c == 0 else (f"_{c + 1:02d}", f" (Wilayah {c + 1:02d})")
        for o in ref.OFFICES:
            u = unit(o.code + sfx, o.name + nsfx, o.opd_type, o.kecamatan + nsfx, "urban", "office", o.drive)
            blocks += [(u, "jpt", "", h, 1) for h in o.heads] + [(u, "administrator", "", a, 1) for a in o.admins]
            seksi = [f"Kepala Seksi {s}" for s in ref.SEKSI_SUFFIX] * 3
            blocks += [(u, "pengawas", "", n, 1) for n in (list(ref.PENGAWAS_GENERIC) + seksi)[: o.pengawas]]
            fam = [(u, "fungsional", f, "", round(o.staff * s)) for f, s in o.functional]
            rest = o.staff - len(o.heads) - len(o.admins) - o.pengawas - sum(b[-1] for b in fam)
            blocks += fam + [(u, "pelaksana", "", "", max(rest, 0))]
        for k in ref.KECAMATAN:
            kec = k.name + nsfx
            u = unit(f"KEC_{k.key}{sfx}", f"Kecamatan {kec}", "kecamatan", kec, k.area, "kec", 0.9)
            blocks += [(u, "administrator", "", f"Camat {k.name}", 1),
                       (u, "administrator", "", f"Sekretaris Kecamatan {k.name}", 1)]
            blocks += [(u, "pengawas", "", n, 1) for n in ref.KEC_PENGAWAS]
            blocks += [(u, "fungsional", "Analis Kebijakan", "", 1),
                       (u, "pelaksana", "", "", ref.KEC_STAFF - 3 - len(ref.KEC_PENGAWAS))]
            u = unit(f"KEL_{k.key}{sfx}", f"Kelurahan se-Kecamatan {kec}", "kelurahan", kec, k.area, "kel", 0.8)
            blocks += [(u, "pengawas", "", n, k.kelurahan) for n in ref.KEL_PENGAWAS]
            blocks += [(u, "pelaksana", "", "", k.kelurahan * (ref.KEL_STAFF_PER_KELURAHAN - 3))]
            u = unit(f"SEKOLAH_{k.key}{sfx}", f"Satuan Pendidikan Kecamatan {kec}", "lainnya", kec, k.area,
                     "sekolah", 1.15)
            staff = round(k.teachers / ref.TEACHER_SHARE_OF_SCHOOL_UNIT)
            blocks += [(u, "fungsional", "Guru", "", k.teachers), (u, "pelaksana", "", "", staff - k.teachers)]
            u = unit(f"PKM_{k.key}{sfx}", f"Puskesmas Kecamatan {kec}", "lainnya", kec, k.area, "pkm", 1.0)
            staff = k.puskesmas * ref.PKM_STAFF_PER_PUSKESMAS
            fam = [(u, "fungsional", f, "", round(staff * s)) for f, s in ref.PKM_FUNCTIONAL]
            blocks += [(u, "pengawas", "", "Kepala Sub Bagian Tata Usaha Puskesmas", k.puskesmas)] + fam
            blocks.append((u, "pelaksana", "", "", staff - k.puskesmas - sum(b[-1] for b in fam)))
    frame = pd.DataFrame(units)
    noise = rng.lognormal(0.0, np.where(frame["kind"] == "office", 0.15, 0.25))
    frame["drive"] = frame["drive"] * noise * np.where(frame["area"] == "urban", 1.0, _RURAL["drive"])
    return frame, blocks


def _hires(units: pd.DataFrame, blocks: list[tuple], copies: int, rng: np.random.Generator) -> dict:
    """The 2022-2025 intakes (PPPK and CPNS) as slot arrays."""
    size = np.zeros(len(units))
    health = np.zeros(len(units))
    for u, pos, fam, _, n in blocks:
        size[u] += n
        if fam and ref.FAMILIES[fam].profile == "kesehatan":
            health[u] += n
    pools = {"guru": np.where(units["kind"] == "sekolah", size, 0.0),
             "kesehatan": np.where(units["kind"] != "sekolah", health, 0.0),
             "teknis": np.where(units["kind"].isin(["office", "kec", "kel"]), size, 0.0)}
    out: dict[str, list] = {k: [] for k in ("unit", "pos", "family", "etype", "hire", "age")}
    for date, etype, group, n, (lo, hi) in ref.HIRE_COHORTS:
        n *= copies
        w = pools[group]
        out["unit"].append(rng.choice(len(units), size=n, p=w / w.sum()))
        if group == "guru":
            fam = np.full(n, "Guru", dtype=object)
        elif group == "kesehatan":
            fam = _pick(rng, tuple(ref.HIRE_HEALTH), n, np.asarray(list(ref.HIRE_HEALTH.values())))
        else:
            fam = np.where(rng.random(n) < 0.5, _pick(rng, ref.HIRE_TECHNICAL, n), "")
        out["family"].append(fam)
        out["pos"].append(np.where(fam == "", "pelaksana", "fungsional"))
        out["etype"].append(np.full(n, etype, dtype=object))
        out["hire"].append(np.full(n, _day(date)))
        out["age"].append(rng.uniform(lo, hi, n))
    return {k: np.concatenate(v) for k, v in out.items()}


# -- people ----------------------------------------------------------------------------------
def _name_pools(seed: int) -> tuple[np.ndarray, ...]:
    from faker import Faker  # imported here: nothing happens at import time

    fake = Faker("id_ID")
    fake.seed_instance(seed)

    def pool(fn: Callable[[], str], n: int) -> np.ndarray:
        return np.array(list(dict.fromkeys(fn() for _ in range(n))), dtype=object)

    return (pool(fake.first_name_male, 700), pool(fake.first_name_female, 400),
            pool(fake.last_name_male, 300), pool(fake.last_name_female, 250))


def _names(gender: np.ndarray, family: np.ndarray, edu: np.ndarray, ladder: np.ndarray,
           rng: np.random.Generator, seed: int) -> np.ndarray:
    """Indonesian names: Faker pools combined with numpy, a few academic titles."""
    fm, ff, lm, lf = _name_pools(seed)
    n = len(gender)
    female = gender == "P"
    first = np.where(female, ff[rng.integers(0, len(ff), n)], fm[rng.integers(0, len(fm), n)])
    last = np.where(female, lf[rng.integers(0, len(lf), n)], lm[rng.integers(0, len(lm), n)])
    lead = np.where(female, _pick(rng, ("Siti ", "Nur ", "Dewi "), n), _pick(rng, ("Muhammad ", "Ahmad ", "Moch. "), n))
    s = pd.Series(np.where(rng.random(n) < 0.14, lead, ""), dtype=object) + first
    s = s + np.where(rng.random(n) < 0.82, " " + last, "")
    titled = rng.random(n) < 0.45
    pre = np.select([np.isin(family, ("Dokter", "Dokter Spesialis")), family == "Dokter Gigi",
                     (family == "Perawat") & (ladder == "ahli") & titled, (family == "Apoteker") & titled,
                     (edu == "S3") & titled], ["dr. ", "drg. ", "Ns. ", "apt. ", "Dr. "], "")
    generic = np.select([np.isin(edu, ("S2", "S3")), edu == "D3", edu == "D4"],
                        [_pick(rng, ("M.Si.", "M.M.", "M.AP.", "M.H.", "M.Pd."), n), "A.Md.", "S.Tr."],
                        _pick(rng, ("S.E.", "S.H.", "S.Sos.", "S.T.", "S.Kom.", "S.IP.", "S.AP."), n))
    suf = np.select([family == "Dokter Spesialis", family == "Guru",
                     (family == "Perawat") & (ladder == "ahli"), family == "Perawat", family == "Bidan",
                     family == "Apoteker", np.isin(edu, ("SD", "SMP", "SMA", "D1", "D2"))],
                    [_pick(rng, ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An."), n),
                     np.where(edu == "S2", "M.Pd.", "S.Pd."), "S.Kep.", "A.Md.Kep.",
                     np.where(ladder == "ahli", "S.Tr.Keb.", "A.Md.Keb."), "S.Farm.", ""], generic)
    suf = np.where(titled | (family == "Dokter Spesialis"), suf, "")
    return (pre + s + np.where(suf == "", "", ", " + suf.astype(object))).to_numpy(dtype=object)


def _people(units: pd.DataFrame, blocks: list[tuple], copies: int, rng: np.random.Generator, seed: int) -> dict:
    """Every ASN in post at some time in 2022-2025, with internal attributes for the model."""
    b = list(zip(*blocks))
    count = np.asarray(b[4])
    stock = {"unit": np.repeat(b[0], count), "pos": np.repeat(np.asarray(b[1], dtype=object), count),
             "family": np.repeat(np.asarray(b[2], dtype=object), count),
             "fixed": np.repeat(np.asarray(b[3], dtype=object), count)}
    hires = _hires(units, blocks, copies, rng)
    n0, n1 = len(stock["unit"]), len(hires["unit"])
    p = {k: np.concatenate([stock[k], hires[k]]) for k in ("unit", "pos", "family")}
    p["fixed"] = np.concatenate([stock["fixed"], np.full(n1, "", dtype=object)])
    p["etype"] = np.concatenate([np.full(n0, "PNS", dtype=object), hires["etype"]])
    n, pos, fam = n0 + n1, p["pos"], p["family"]
    bup = _map(pos, ref.RETIREMENT_AGE)
    famcol = pd.Series(fam, dtype=object)

    def attr(name: str, default):
        values = {f: getattr(v, name) for f, v in ref.FAMILIES.items()}
        return famcol.map(values).fillna(default).to_numpy()

    # age on 2022-01-01 (stock) from an ageing pyramid; structural posts older
    age = np.empty(n0)
    for limit in np.unique(bup[:n0]):  # an ageing pyramid below each retirement age
        m = bup[:n0] == limit
        ages = np.arange(23, limit)
        w = np.select([ages < 30, ages < 40, ages < 50], [.5, .95, 1.05], 0.92)
        age[m] = rng.choice(ages, size=m.sum(), p=w / w.sum()) + rng.random(m.sum())
    for pt, (mu, sd, lo) in ref.STRUCTURAL_AGE.items():
        m = pos[:n0] == pt
        a, top = rng.normal(mu, sd, m.sum()).clip(lo), ref.RETIREMENT_AGE[pt]
        age[m] = np.where(a < top, a, rng.uniform(top - 8, top, m.sum()))  # no pile-up at the limit
    birth0 = _day("2022-01-01") - (age * 365.2425).astype("timedelta64[D]")
    at_hire = np.minimum(22 + rng.gamma(2.0, 2.6, n0), age - rng.uniform(0.1, 0.9, n0)).clip(22, 35)
    hire0 = (birth0 + (at_hire * 365.2425).astype("timedelta64[D]")).astype("M8[M]").astype("M8[D]")
    hire0 = hire0.clip(_day("1985-01-01"), _day("2021-12-01"))
    p["hire"] = np.concatenate([hire0, hires["hire"]])
    p["birth"] = np.concatenate([birth0, hires["hire"] - (hires["age"] * 365.2425).astype("timedelta64[D]")])

    # gender, ladder, education
    female = np.select([pos == "jpt", pos == "administrator", pos == "pengawas",
                        (pos == "pelaksana") & np.isin(units["kind"].to_numpy()[p["unit"]], ("sekolah",)),
                        (pos == "pelaksana") & units["opd_type"].isin(["satpol_pp"]).to_numpy()[p["unit"]],
                        pos == "pelaksana"], [.2, .3, .38, .4, .12, .45], 0.5)
    female = np.where(pos == "fungsional", attr("female", 0.5), female)
    p["gender"] = np.where(rng.random(n) < female, "P", "L").astype(object)
    ladder_kind = attr("ladder", "")
    ladder = np.where(ladder_kind == "both", np.where(rng.random(n) < attr("ahli_share", 1.0), "ahli", "terampil"),
                      ladder_kind).astype(object)
    group = np.select([fam == "Guru", np.isin(fam, ("Dokter", "Dokter Gigi", "Apoteker")), fam == "Dokter Spesialis",
                       ladder == "ahli", ladder == "terampil", pos == "pelaksana"],
                      ["guru", "dokter", "spesialis", "ahli", "terampil", "pelaksana"], pos)
    edu = np.empty(n, dtype=object)
    for g, (codes, probs) in ref.EDUCATION_MIX.items():
        m = group == g
        edu[m] = _pick(rng, codes, m.sum(), probs)
    edu[(ladder == "terampil") & (rng.random(n) < attr("low_edu", 0.0))] = "SMA"
    p["edu"], p["ladder"] = edu, ladder

    # exits: retirement at the end of the birth month at the BUP age, transfers out
    retire = ((p["birth"].astype("M8[M]") + (bup * 12).astype("timedelta64[M]") + 1).astype("M8[D]")
              - np.timedelta64(1, "D"))
    exit_ = np.where(retire <= _END, retire, _NAT)
    moved = (rng.random(n) < np.where(np.arange(n) < n0, 0.04, 0.012)) & np.isnat(exit_) & (pos != "jpt")
    start = np.maximum(p["hire"] + 60, _day("2022-01-15"))
    when = start + (rng.random(n) * (_END - start).astype(float)).astype("timedelta64[D]")
    p["exit"] = np.where(moved & (when < _END), when, exit_)

    # rank: PNS from education and seniority, capped by post; PPPK by education
    snap = np.where(np.isnat(p["exit"]), _END, p["exit"])
    service = _years(p["hire"], snap)
    start_idx = _map(edu, ref.PNS_START_RANK).astype(int) + (group == "dokter")
    idx = start_idx + np.floor((service + rng.uniform(-1, 2, n)).clip(0) / rng.uniform(4, 5.5, n)).astype(int)
    cap = np.where(ladder == "terampil", 11, 13)
    cap = np.where(pos == "pelaksana", _map(edu, ref.PELAKSANA_RANK_CAP).astype(int), cap)
    idx = np.minimum(idx, cap)
    for pt, (lo, hi) in ref.STRUCTURAL_RANKS.items():
        m = pos == pt
        idx[m] = (start_idx[m] + np.floor(service[m] / rng.uniform(4, 5.5, m.sum())).astype(int)).clip(lo, hi)
    pppk = p["etype"] == "PPPK"
    gol = _map(edu, ref.PPPK_GRADE).astype(int)
    p["rank"] = np.where(pppk, np.asarray(PPPK_RANKS, dtype=object)[gol],
                         np.asarray(PNS_RANKS, dtype=object)[idx.clip(0, 16)])

    # position names
    jenjang = np.where(ladder == "ahli",
                       np.select([idx <= 9, idx <= 11, idx <= 14], ["Ahli Pertama", "Ahli Muda", "Ahli Madya"],
                                 "Ahli Utama"),
                       np.select([idx <= 4, idx <= 7, idx <= 9], ["Pemula", "Terampil", "Mahir"], "Penyelia"))
    jenjang = np.where(pppk, np.where(ladder == "ahli", "Ahli Pertama", "Terampil"), jenjang)
    band = np.select([np.isin(edu, ("D4", "S1", "S2", "S3")), np.isin(edu, ("D2", "D3"))], ["high", "mid"], "low")
    pel = np.empty(n, dtype=object)
    for k, names in ref.PELAKSANA.items():
        m = band == k
        pel[m] = _pick(rng, names, m.sum())
    p["position"] = np.select([pos == "fungsional", pos == "pelaksana"],
                              [pd.Series(fam, dtype=object) + " " + jenjang, pel], p["fixed"])

    # NIP: birth date + TMT (PNS: year-month; PPPK: year + "21") + gender digit + sequence
    born = pd.Series(p["birth"]).dt.strftime("%Y%m%d")
    hired = pd.Series(p["hire"])
    mid = np.where(pppk, hired.dt.strftime("%Y") + "21", hired.dt.strftime("%Y%m"))
    prefix = born + mid + np.where(p["gender"] == "L", "1", "2")
    grp = prefix.groupby(prefix, sort=False)
    seq = grp.ngroup().map(pd.Series(rng.integers(0, 6, prefix.nunique()))) + grp.cumcount() + 1
    p["nip"] = (prefix + seq.astype(str).str.zfill(3)).to_numpy(dtype=object)
    p["name"] = _names(p["gender"], fam, edu, ladder, rng, seed)

    # internal attributes of the participation model
    p["profile"] = np.where(np.isin(pos, ("jpt", "administrator", "pengawas")), "struktural",
                            np.where(pos == "fungsional", attr("profile", "umum"), "umum")).astype(object)
    p["area"] = units["area"].to_numpy()[p["unit"]]
    p["drive"] = units["drive"].to_numpy()[p["unit"]]
    p["engage"] = rng.gamma(_ENGAGE_SHAPE, 1 / _ENGAGE_SHAPE, n)
    return p


# -- programs ----------------------------------------------------------------------------------
def _organizer(key: str, owner: str, year: int) -> str:
    if key == "opd":
        office = next(o for o in ref.OFFICES if o.code == owner)
        return f"{office.name} Kota Serang" if "Kota Serang" not in office.name else office.name
    if key == "kemendikbud" and year >= 2025:
        return "Pusdiklat Kemendikdasmen"
    if key == "kominfo" and year >= 2025:
        return "Komdigi (Digital Talent Scholarship)"
    return ref.ORGANIZERS[key]


def _regular_programs(copies: int, rng: np.random.Generator) -> pd.DataFrame:
    """Programs drawn from the yearly templates; dates inside their year."""
    rows = []
    for year in YEARS:
        for t in ref.TEMPLATES:
            n = rng.poisson(t.per_year * _VOLUME[year] * copies)
            if n == 0:
                continue
            pair = rng.choice([i for i, (x, _) in enumerate(t.titles) if ref.TITLE_SINCE.get(x, 0) <= year], n)
            title = np.asarray([x[0] for x in t.titles], dtype=object)[pair]
            mode = _pick(rng, ("luring", "daring", "blended"), n, np.asarray(t.modes) / sum(t.modes))
            mode = np.where(pd.Series(title).str.startswith("Webinar"), "daring", mode)
            jp = rng.integers(t.jp[0], t.jp[1] + 1, n)
            if t.category == "seminar":  # a webinar earns 3-4 JP, an in-person seminar 4-8
                jp = np.where(mode == "daring", rng.integers(3, 5, n), rng.integers(4, 9, n))
            days = rng.integers(t.days[0], t.days[1] + 1, n)
            if t.days[1] > 1:  # self-paced online courses stay open longer
                days = np.where(mode == "daring", days * 2, days)
            org = _pick(rng, t.organizers, n)
            cost = rng.uniform(*t.cost, n) * np.where(mode == "daring", 0.3, 1.0) * ~np.isin(org, ref.FREE_ORGANIZERS)
            rows.append(pd.DataFrame(dict(
                title=title, topic=np.asarray([x[1] for x in t.titles], dtype=object)[pair],
                category=t.category, mode=mode, jp=jp.astype(float), days=days, cost=cost,
                organizer=[_organizer(k, t.owner, year) for k in org],
                audience=t.audience, size=float(t.size), year=year)))
    prog = pd.concat(rows, ignore_index=True)
    latest = prog["year"].map(lambda y: _day(f"{y}-12-12")) - prog["days"].astype("timedelta64[D]")
    first = prog["year"].map(lambda y: _day(f"{y}-01-20"))
    span = (latest - first).dt.days.clip(lower=1).to_numpy()
    start = first.to_numpy() + (rng.random(len(prog)) * span).astype("timedelta64[D]")
    prog["start"] = np.busday_offset(start.astype("M8[D]"), 0, roll="forward")
    prog["end"] = prog["start"].to_numpy() + (prog["days"].to_numpy() - 1).astype("timedelta64[D]")
    # a few long programs start in December and end in January (they count in the year they end)
    for year in YEARS[1:]:
        m = np.flatnonzero((prog["year"] == year) & prog["category"].isin(["fungsional", "teknis"]).to_numpy())
        for i in rng.choice(m, size=min(2 * copies, len(m)), replace=False):
            s = _day(f"{year - 1}-12-{rng.integers(5, 16):02d}")
            prog.loc[i, ["start", "end"]] = [s, s + int(rng.integers(25, 41))]
    # ... and a few end in late December 2025, after the snapshot: participants only registered
    m = np.flatnonzero((prog["year"] == 2025) & (prog["start"] >= _day("2025-01-01"))
                       & prog["category"].isin(["seminar", "coaching_mentoring", "teknis"]))
    for i in rng.choice(m, size=min(3 * copies, len(m)), replace=False):
        e = _day(f"2025-12-{rng.integers(22, 31):02d}")
        prog.loc[i, ["start", "end"]] = [e - int(prog.loc[i, "days"]) + 1, e]
    prog["special"] = False
    return prog


def _cohort_programs(p: dict, rng: np.random.Generator) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Latsar for new CPNS, orientation for new PPPK, leadership training for holders of a post."""
    rows, members = [], []

    def add(title, topic, category, jp, start, days, orgs, cost, mode, people, year):
        rows.append(dict(title=title, topic=topic, category=category, mode=mode, jp=float(jp), start=start,
                         end=start + days - 1, days=days, cost=rng.uniform(*cost), audience="cohort",
                         organizer=ref.ORGANIZERS[rng.choice(orgs)], size=float(len(people)), year=year))
        rows[-1]["cohort"] = len(members)
        members.append(people)

    hire_year = p["hire"].astype("M8[Y]").astype(int) + 1970
    done = np.zeros(len(hire_year), dtype=bool)
    for year in YEARS:
        for kind, spec, etype in (("latsar", ref.LATSAR, "PNS"), ("lainnya", ref.ORIENTASI_PPPK, "PPPK")):
            for date in np.unique(p["hire"][(hire_year == year) & (p["etype"] == etype)]):
                ids = rng.permutation(np.flatnonzero((p["hire"] == date) & (p["etype"] == etype)))
                for b, part in enumerate(np.array_split(ids, -(-len(ids) // spec["batch"]))):
                    days = int(rng.integers(*spec["days"]))
                    start = min(date + int(rng.integers(30, 60)), _day(f"{year}-12-10") - days)
                    start = np.busday_offset(start, 0, roll="forward")
                    add(f"{spec['title']} Angkatan {_roman(b + 1)} Tahun {year}", spec["topic"], kind, spec["jp"],
                        start, days, spec["organizers"], spec["cost"], "blended" if kind == "latsar" else "luring",
                        part, year)
        for pos, (title, jp, days_rng, orgs, cost, share) in ref.LEADERSHIP.items():
            start = np.busday_offset(_day(f"{year}-0{rng.integers(3, 6)}-{rng.integers(1, 20):02d}"), 0,
                                     roll="forward")
            days = int(rng.integers(*days_rng))
            ok = ((p["pos"] == pos) & (p["hire"] <= start) & ~done
                  & (np.isnat(p["exit"]) | (p["exit"] > start + days)))
            ids = np.flatnonzero(ok)
            k = min(len(ids), max(1, round(share * ((p["pos"] == pos) & np.isnat(p["exit"])).sum())))
            if k == 0:
                continue
            age = _years(p["birth"][ids], start)
            chosen = rng.choice(ids, size=k, replace=False, p=(w := np.where(age < 56, 1.0, 0.2)) / w.sum())
            done[chosen] = True
            for b, part in enumerate(np.array_split(chosen, -(-k // 30))):
                add(f"{title} Angkatan {_roman(b + 1)} Tahun {year}", "kepemimpinan", "kepemimpinan", jp,
                    start + 7 * b, days, orgs, cost, "blended", part, year)
    prog = pd.DataFrame(rows)
    prog["special"] = True
    return prog, members


# -- participations --------------------------------------------------------------------------
def _participations(p: dict, prog: pd.DataFrame, members: list, rng: np.random.Generator) -> pd.DataFrame:
    """Who took which program: interest-driven draws plus the cohort programs, then outcomes."""
    picks = []
    regular = prog[~prog["special"]]
    group = np.where(regular["mode"] == "daring", "daring", "luring")
    for year in YEARS:
        ids = np.flatnonzero((p["hire"] <= _day(f"{year}-11-30"))
                             & (np.isnat(p["exit"]) | (p["exit"] >= _day(f"{year}-02-01"))))
        age = _years(p["birth"][ids], _day(f"{year}-12-31"))
        lam = (_BASE[year] * p["drive"][ids] ** _DRIVE_POWER * p["engage"][ids] * rng.gamma(3.0, 1 / 3, len(ids))
               * np.select([age < 30, age < 50, age < 55], [1.1, 1.0, 0.85], 0.55)
               * pd.Series(p["pos"][ids]).map(_POS_F).to_numpy())
        rural = p["area"][ids] != "urban"
        for mg, share in (("luring", 1 - _DARING[year]), ("daring", _DARING[year])):
            who = np.repeat(ids, rng.poisson(lam * share * np.where(rural, _RURAL[mg], 1.0)))
            cand = regular[(regular["year"] == year).to_numpy() & (group == mg)]
            for prof, aff in _AFFINITY.items():
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
    old = _years(p["birth"][part["pid"]], pr["end"].to_numpy()) >= 55
    cohort = pr["special"].to_numpy()
    p_noshow = np.where(cohort, 0.0, 0.05 + 0.08 * old + 0.02 * (pr["mode"] == "daring"))
    p_drop = np.where(cohort, 0.01, 0.04)
    p_fail = np.where(pr["category"].isin(_GRADED), np.where(cohort, 0.01, 0.035), 0.0)
    u = rng.random(n)
    status = np.select([u < p_noshow, u < p_noshow + p_drop, u < p_noshow + p_drop + p_fail],
                       ["no_show", "dropped", "failed"], "completed").astype(object)
    status[pr["end"].to_numpy() > _day(AS_OF)] = "registered"
    att = np.select([status == "completed", status == "failed", status == "dropped", status == "no_show"],
                    [100 - rng.exponential(4, n).clip(0, 25), rng.uniform(60, 95, n), rng.uniform(5, 60, n), 0],
                    np.nan).round()
    att[(status == "completed") & (rng.random(n) < 0.05)] = np.nan
    tested = pr["category"].isin(_GRADED).to_numpy() & np.isin(status, ("completed", "failed", "dropped"))
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


# -- surveys ---------------------------------------------------------------------------------
def _stamp(day: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A working-hours timestamp on each day."""
    secs = rng.integers(7 * 3600, 21 * 3600, len(day)).astype("timedelta64[s]")
    return day.astype("M8[s]") + secs


def _long(resp: pd.DataFrame, items: list[str], values: np.ndarray, texts: np.ndarray | None = None) -> pd.DataFrame:
    """Responses (one row each) times items -> the long survey_responses shape."""
    k = len(items)
    out = resp.loc[resp.index.repeat(k)].reset_index(drop=True)
    out["item_code"] = np.tile(np.asarray(items, dtype=object), len(resp))
    out["value"] = values.reshape(-1)
    out["answer_text"] = None if texts is None else texts.reshape(-1)
    return out


def _likert(latent: np.ndarray, offsets: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    raw = latent[:, None] + offsets[None, :] + rng.normal(0, noise, (len(latent), len(offsets)))
    return raw.round().clip(1, 5)


def _responses(p: dict, prog: pd.DataFrame, part: pd.DataFrame, jp: pd.Series,
               rng: np.random.Generator) -> pd.DataFrame:
    """Reaction, application (self, supervisor, peer), needs and readiness answers, long format."""
    as_of = _day(AS_OF)
    nip = p["nip"]
    frames = []

    def resp(prefix, ids, program, role, day, anon=0.0):
        r = pd.DataFrame({"nip": nip[ids], "program_code": program, "respondent_role": role,
                          "submitted_at": _stamp(day, rng)})
        r.loc[rng.random(len(r)) < anon, "nip"] = None
        r["response_id"] = prefix + "-" + pd.Series(np.arange(1, len(r) + 1)).astype(str).str.zfill(6)
        return r

    done = part[part["status"] == "completed"]
    end = prog["end"].to_numpy().astype("M8[D]")[done["prog"]]
    code = prog["program_code"].to_numpy()[done["prog"]]
    # reaction (Kirkpatrick 1): ~60% of completions, within a week of the end
    m = (rng.random(len(done)) < 0.6) & (end + 7 <= as_of)
    r = resp("REA", done["pid"].to_numpy()[m], code[m], "self", end[m] + rng.integers(0, 8, m.sum()), 0.1)
    quality = rng.normal(4.15, 0.22, len(prog))[done["prog"].to_numpy()[m]] + rng.normal(0, 0.35, m.sum())
    daring = (prog["mode"].to_numpy()[done["prog"]] == "daring")[m]
    off = np.array([.05, .0, .15, .1, -.1, -.15, 0, -.1])
    vals = _likert(quality, off, 0.55, rng)
    vals[:, 4] = (vals[:, 4] - daring * rng.binomial(1, 0.3, m.sum())).clip(1, 5)  # LMS trouble online
    items = [i[0] for i in ref.SURVEY_ITEMS if i[1] == "reaction"]
    frames.append(_long(r, items, vals))

    # application (Kirkpatrick 3): 3-6 months after, alumni (40%), supervisors (25%), peers (4%)
    ok = done["prog"].map(prog["category"]).isin(_GRADED).to_numpy()
    applies = rng.random(len(done)) < 0.68 - 0.06 * (prog["mode"].to_numpy()[done["prog"]] == "daring")
    level = np.where(applies, rng.normal(4.45, 0.25, len(done)), rng.normal(3.2, 0.35, len(done)))
    items = [i[0] for i in ref.SURVEY_ITEMS if i[1] == "application"]
    off = np.array([.05, 0, -.05, -.1, -.05])
    for prefix, role, share, shift in (("APL", "self", .4, 0), ("APS", "supervisor", .25, -.3), ("APP", "peer", .04, -.1)):
        day = end + rng.integers(90, 181, len(done))
        m = ok & (rng.random(len(done)) < share) & (day <= as_of)
        r = resp(prefix, done["pid"].to_numpy()[m], code[m], role, day[m])
        frames.append(_long(r, items, _likert(level[m] + shift, off, 0.45, rng)))

    # needs (Feb-Apr) and readiness (Oct-Nov) every year
    topics = {prof: (tuple(w), np.asarray(list(w.values())) / sum(w.values()))
              for prof, w in ref.NEEDS_TOPIC_WEIGHTS.items()}
    for year in YEARS:
        base = _day(f"{year}-02-01")
        ids = np.flatnonzero((p["hire"] <= base) & (np.isnat(p["exit"]) | (p["exit"] > base + 89)))
        ids = ids[rng.random(len(ids)) < 0.5]
        r = resp(f"NDS-{year}", ids, None, "self", base + rng.integers(0, 89, len(ids)), 0.15)
        topic = np.empty(len(ids), dtype=object)
        for prof, (codes, w) in topics.items():
            sel = p["profile"][ids] == prof
            topic[sel] = _pick(rng, codes, sel.sum(), w)
        rural = p["area"][ids] != "urban"
        old = _years(p["birth"][ids], base) >= 55
        mode = np.where(rural, _pick(rng, ("luring", "daring", "blended"), len(ids), (.3, .45, .25)),
                        _pick(rng, ("luring", "daring", "blended"), len(ids), (.42, .28, .3)))
        mode = np.where(old & (rng.random(len(ids)) < 0.4), "luring", mode)
        lik = _likert(3.7 - 0.2 * rural, np.array([-.1, .05]), 0.8, rng)
        texts = np.column_stack([topic, mode, np.full((len(ids), 2), None)])
        values = np.column_stack([np.full((len(ids), 2), np.nan), lik])
        frames.append(_long(r, ["NEEDS_TOPIC", "NEEDS_MODE", "N_KEB_1", "N_KEB_2"], values, texts))

        base = _day(f"{year}-10-01")
        ids = np.flatnonzero((p["hire"] <= base) & (np.isnat(p["exit"]) | (p["exit"] > base + 60)))
        ids = ids[rng.random(len(ids)) < 0.4]
        r = resp(f"RDY-{year}", ids, None, "self", base + rng.integers(0, 60, len(ids)), 0.1)
        age = _years(p["birth"][ids], base)
        trained = _jp20(jp, ids, year)
        latent = np.select([age < 30, age < 40, age < 50, age < 55], [4.15, 4.0, 3.85, 3.65], 3.3) + 0.12 * trained
        vals = _likert(latent, np.array([0, 0, .1, -.05]), 0.6, rng)
        vals[:, 1] = (vals[:, 1] - (age >= 50) * rng.binomial(1, 0.35, len(ids))).clip(1, 5)  # digital unease
        frames.append(_long(r, ["RD_1", "RD_2", "RD_3", "RD_4"], vals))
    out = pd.concat(frames, ignore_index=True)
    out[["program_code", "answer_text"]] = out[["program_code", "answer_text"]].astype("str")
    out["submitted_at"] = out["submitted_at"].astype("M8[us]")
    return out


# -- assembly --------------------------------------------------------------------------------
def _dates(values: np.ndarray) -> pd.Series:
    return pd.Series(np.asarray(values).astype("M8[us]"))


def _jp20(jp: pd.Series, ids: np.ndarray, year: int) -> np.ndarray:
    """Whether each person reached 20 JP in the year (jp: JP by (person, year))."""
    key = pd.MultiIndex.from_arrays([ids, np.full(len(ids), year)])
    return jp.reindex(key, fill_value=0).to_numpy() >= 20


def _number(prog: pd.DataFrame) -> pd.DataFrame:
    """Sort by date, give codes PLT-<start year>-NNN and number repeated titles (Angkatan I, II...)."""
    prog = prog.sort_values(["start", "end", "title"], kind="stable").reset_index(drop=True)
    start_year = prog["start"].dt.year
    seq = (prog.groupby(start_year).cumcount() + 1).astype(str).str.zfill(3)
    prog["program_code"] = "PLT-" + start_year.astype(str) + "-" + seq
    repeat = prog.groupby(["year", "title"])["title"].transform("size") > 1
    nth = prog.groupby(["year", "title"]).cumcount() + 1
    batch = " Angkatan " + nth.map({i: _roman(i) for i in range(1, nth.max() + 1)})
    prog["title"] = prog["title"].where(~repeat, prog["title"] + batch)
    return prog


def _finish(prog: pd.DataFrame, part: pd.DataFrame, rng: np.random.Generator) -> None:
    """Capacity from enrolment (none for webinars), cost in IDR with ~5% unknown."""
    enrolled = part.groupby("prog").size().reindex(prog.index, fill_value=0).to_numpy()
    planned = np.maximum(enrolled, prog["size"].clip(upper=40)) * rng.uniform(1, 1.3, len(prog))
    cap = np.maximum(10, np.ceil(planned / 5) * 5)
    webinar = (prog["mode"] == "daring") & (prog["category"] == "seminar")
    prog["capacity"] = pd.array(np.where(webinar, np.nan, cap), dtype="Int64")
    cost = (prog["cost"] * 1e6 / 50_000).round() * 50_000
    prog["cost_per_participant"] = np.where(rng.random(len(prog)) < 0.05, np.nan, cost)
    for col in ("start", "end"):
        prog[f"{col}_date"] = _dates(prog[col].to_numpy())


def _performance(p: dict, jp: pd.Series, rng: np.random.Generator) -> pd.DataFrame:
    """SKP rating of everyone in post at the end of each year; 20 JP goes with sangat_baik a little more."""
    rows = []
    for year in YEARS:
        eoy = _day(f"{year}-12-31")
        ids = np.flatnonzero((p["hire"] <= eoy) & (np.isnat(p["exit"]) | (p["exit"] > eoy)))
        u = rng.random(len(ids))
        top = np.where(_jp20(jp, ids, year), 0.17, 0.10)
        rating = np.select([u < top, u < 0.984, u < 0.995, u < 0.9985],
                           ["sangat_baik", "baik", "butuh_perbaikan", "kurang"], "sangat_kurang")
        rows.append(pd.DataFrame({"nip": p["nip"][ids], "year": year, "rating": rating}))
    return pd.concat(rows, ignore_index=True)


def _small_kinds() -> dict[str, pd.DataFrame]:
    """The questionnaire and the leadership's targets, straight from the reference data."""
    items = pd.DataFrame([dict(item_code=c, survey_kind=k, dimension=d, text_id=ti, text_en=te,
                               scale_min=1 if lik else None, scale_max=5 if lik else None)
                          for c, k, d, ti, te, lik in ref.SURVEY_ITEMS])
    items[["scale_min", "scale_max"]] = items[["scale_min", "scale_max"]].astype("Int64")
    targets = [dict(indicator=k, year=y, opd_code="", target=v)
               for k, by in ref.CITY_TARGETS.items() for y, v in by.items()]
    targets += [dict(indicator="jp20_rate", year=2025, opd_code=c, target=v) for c, v in ref.OPD_JP20_TARGETS.items()]
    return {"survey_items": items, "targets": pd.DataFrame(targets)}


def _build(seed: int, scale: str, say: Callable[[str], None]) -> dict[str, pd.DataFrame]:
    if scale == "national":
        raise ValueError("too large for a demo: the national scale (~100x the province) is not generated; "
                         "import real data instead")
    if scale not in ref.SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(ref.SCALES)}")
    copies = ref.SCALES[scale]
    rng = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6)]  # one stream a stage
    say("unit kerja dan pegawai / units and employees")
    units, blocks = _structure(copies, rng[0])
    p = _people(units, blocks, copies, rng[1], seed)
    say("program pelatihan / programs")
    cohort, members = _cohort_programs(p, rng[2])
    prog = _number(pd.concat([_regular_programs(copies, rng[2]), cohort], ignore_index=True))
    members = [(i, members[c]) for i, c in enumerate(prog["cohort"].fillna(-1).astype(int)) if c >= 0]
    say("peserta / participations")
    part = _participations(p, prog, members, rng[3])
    _finish(prog, part, rng[4])
    jp = part.groupby(["pid", "year"])["jp"].sum()
    say("survei dan kinerja / surveys and performance")
    frames = {
        "units": units,
        "employees": pd.DataFrame({
            "nip": p["nip"], "name": p["name"], "gender": p["gender"], "birth_date": _dates(p["birth"]),
            "employment_type": p["etype"], "rank_group": p["rank"], "position_type": p["pos"],
            "position_name": p["position"], "education": p["edu"],
            "opd_code": units["opd_code"].to_numpy()[p["unit"]], "hire_date": _dates(p["hire"]),
            "exit_date": _dates(p["exit"])}),
        "programs": prog,
        "participations": part.assign(program_code=prog["program_code"].to_numpy()[part["prog"]],
                                      nip=p["nip"][part["pid"]]),
        "survey_responses": _responses(p, prog, part, jp, rng[5]),
        "performance": _performance(p, jp, rng[4]),
        **_small_kinds(),
    }
    # only the contract's columns, in its order
    return {kind: frames[kind].loc[:, list(KINDS[kind].column_names)].reset_index(drop=True) for kind in KINDS}


def build_demo(seed: int = 2025, scale: str = "city") -> dict[str, pd.DataFrame]:
    """Demo frames (kind -> contract columns) for Kota Serang 2022-2025; same seed, same frames."""
    return _build(seed, scale, lambda _msg: None)


def write_demo(store: Store, seed: int = 2025, scale: str = "city",
               progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Build the demo and replace the store's tables with it in one transaction; rows per kind."""
    say = progress or (lambda _msg: None)
    frames = _build(seed, scale, say)
    say("menulis ke basis data / writing the store")
    store.replace_all(frames, as_of=AS_OF)
    return {kind: len(frame) for kind, frame in frames.items()}
