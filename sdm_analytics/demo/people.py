"""Demo units, posts and the people in them: intakes, ages, ranks, names, NIPs and exits."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..contract import PNS_RANKS, PPPK_RANKS
from . import reference as ref
from .common import END, ENGAGE_SHAPE, NAT, RURAL_REACH, map_values, pick, to_day, years_between


# -- units and posts -------------------------------------------------------------------------
def draw_structure(copies: int, rng: np.random.Generator) -> tuple[pd.DataFrame, list[tuple]]:
    """Units and the posts in them (blocks of identical slots) on 2022-01-01."""
    units: list[dict] = []
    blocks: list[tuple] = []  # (unit index, position type, family, fixed position name, count)

    def unit(code, name, type_, kec, area, kind, drive, parent=None):
        units.append(dict(opd_code=code, opd_name=name, opd_type=type_, kecamatan=kec, area=area,
                          parent_code=parent, kind=kind, drive=drive))
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
            # unit kerja below an OPD: kelurahan under their kecamatan, schools under the education office,
            # puskesmas under the health office (DOMAIN.md)
            u = unit(f"KEL_{k.key}{sfx}", f"Kelurahan se-Kecamatan {kec}", "kelurahan", kec, k.area, "kel", 0.8,
                     f"KEC_{k.key}{sfx}")
            blocks += [(u, "pengawas", "", n, k.kelurahan) for n in ref.KEL_PENGAWAS]
            blocks += [(u, "pelaksana", "", "", k.kelurahan * (ref.KEL_STAFF_PER_KELURAHAN - 3))]
            u = unit(f"SEKOLAH_{k.key}{sfx}", f"Satuan Pendidikan Kecamatan {kec}", "lainnya", kec, k.area,
                     "sekolah", 1.15, f"DINDIKBUD{sfx}")
            staff = round(k.teachers / ref.TEACHER_SHARE_OF_SCHOOL_UNIT)
            blocks += [(u, "fungsional", "Guru", "", k.teachers), (u, "pelaksana", "", "", staff - k.teachers)]
            u = unit(f"PKM_{k.key}{sfx}", f"Puskesmas Kecamatan {kec}", "lainnya", kec, k.area, "pkm", 1.0,
                     f"DINKES{sfx}")
            staff = k.puskesmas * ref.PKM_STAFF_PER_PUSKESMAS
            fam = [(u, "fungsional", f, "", round(staff * s)) for f, s in ref.PKM_FUNCTIONAL]
            blocks += [(u, "pengawas", "", "Kepala Sub Bagian Tata Usaha Puskesmas", k.puskesmas)] + fam
            blocks.append((u, "pelaksana", "", "", staff - k.puskesmas - sum(b[-1] for b in fam)))
    frame = pd.DataFrame(units)
    noise = rng.lognormal(0.0, np.where(frame["kind"] == "office", 0.15, 0.25))
    frame["drive"] = frame["drive"] * noise * np.where(frame["area"] == "urban", 1.0, RURAL_REACH["drive"])
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
            fam = pick(rng, tuple(ref.HIRE_HEALTH), n, np.asarray(list(ref.HIRE_HEALTH.values())))
        else:
            fam = np.where(rng.random(n) < 0.5, pick(rng, ref.HIRE_TECHNICAL, n), "")
        out["family"].append(fam)
        out["pos"].append(np.where(fam == "", "pelaksana", "fungsional"))
        out["etype"].append(np.full(n, etype, dtype=object))
        out["hire"].append(np.full(n, to_day(date)))
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
    lead = np.where(female, pick(rng, ("Siti ", "Nur ", "Dewi "), n), pick(rng, ("Muhammad ", "Ahmad ", "Moch. "), n))
    s = pd.Series(np.where(rng.random(n) < 0.14, lead, ""), dtype=object) + first
    s = s + np.where(rng.random(n) < 0.82, " " + last, "")
    titled = rng.random(n) < 0.45
    pre = np.select([np.isin(family, ("Dokter", "Dokter Spesialis")), family == "Dokter Gigi",
                     (family == "Perawat") & (ladder == "ahli") & titled, (family == "Apoteker") & titled,
                     (edu == "S3") & titled], ["dr. ", "drg. ", "Ns. ", "apt. ", "Dr. "], "")
    generic = np.select([np.isin(edu, ("S2", "S3")), edu == "D3", edu == "D4"],
                        [pick(rng, ("M.Si.", "M.M.", "M.AP.", "M.H.", "M.Pd."), n), "A.Md.", "S.Tr."],
                        pick(rng, ("S.E.", "S.H.", "S.Sos.", "S.T.", "S.Kom.", "S.IP.", "S.AP."), n))
    suf = np.select([family == "Dokter Spesialis", family == "Guru",
                     (family == "Perawat") & (ladder == "ahli"), family == "Perawat", family == "Bidan",
                     family == "Apoteker", np.isin(edu, ("SD", "SMP", "SMA", "D1", "D2"))],
                    [pick(rng, ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An."), n),
                     np.where(edu == "S2", "M.Pd.", "S.Pd."), "S.Kep.", "A.Md.Kep.",
                     np.where(ladder == "ahli", "S.Tr.Keb.", "A.Md.Keb."), "S.Farm.", ""], generic)
    suf = np.where(titled | (family == "Dokter Spesialis"), suf, "")
    return (pre + s + np.where(suf == "", "", ", " + suf.astype(object))).to_numpy(dtype=object)


def draw_people(units: pd.DataFrame, blocks: list[tuple], copies: int, rng: np.random.Generator, seed: int) -> dict:
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
    bup = map_values(pos, ref.RETIREMENT_AGE)
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
    birth0 = to_day("2022-01-01") - (age * 365.2425).astype("timedelta64[D]")
    at_hire = np.minimum(22 + rng.gamma(2.0, 2.6, n0), age - rng.uniform(0.1, 0.9, n0)).clip(22, 35)
    hire0 = (birth0 + (at_hire * 365.2425).astype("timedelta64[D]")).astype("M8[M]").astype("M8[D]")
    hire0 = hire0.clip(to_day("1985-01-01"), to_day("2021-12-01"))
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
        edu[m] = pick(rng, codes, m.sum(), probs)
    edu[(ladder == "terampil") & (rng.random(n) < attr("low_edu", 0.0))] = "SMA"
    p["edu"], p["ladder"] = edu, ladder

    # exits: retirement at the end of the birth month at the BUP age, transfers out
    retire = ((p["birth"].astype("M8[M]") + (bup * 12).astype("timedelta64[M]") + 1).astype("M8[D]")
              - np.timedelta64(1, "D"))
    exit_ = np.where(retire <= END, retire, NAT)
    moved = (rng.random(n) < np.where(np.arange(n) < n0, 0.04, 0.012)) & np.isnat(exit_) & (pos != "jpt")
    start = np.maximum(p["hire"] + 60, to_day("2022-01-15"))
    when = start + (rng.random(n) * (END - start).astype(float)).astype("timedelta64[D]")
    p["exit"] = np.where(moved & (when < END), when, exit_)

    # rank: PNS from education and seniority, capped by post; PPPK by education
    snap = np.where(np.isnat(p["exit"]), END, p["exit"])
    service = years_between(p["hire"], snap)
    start_idx = map_values(edu, ref.PNS_START_RANK).astype(int) + (group == "dokter")
    idx = start_idx + np.floor((service + rng.uniform(-1, 2, n)).clip(0) / rng.uniform(4, 5.5, n)).astype(int)
    cap = np.where(ladder == "terampil", 11, 13)
    cap = np.where(pos == "pelaksana", map_values(edu, ref.PELAKSANA_RANK_CAP).astype(int), cap)
    idx = np.minimum(idx, cap)
    for pt, (lo, hi) in ref.STRUCTURAL_RANKS.items():
        m = pos == pt
        idx[m] = (start_idx[m] + np.floor(service[m] / rng.uniform(4, 5.5, m.sum())).astype(int)).clip(lo, hi)
    pppk = p["etype"] == "PPPK"
    gol = map_values(edu, ref.PPPK_GRADE).astype(int)
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
        pel[m] = pick(rng, names, m.sum())
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
    p["engage"] = rng.gamma(ENGAGE_SHAPE, 1 / ENGAGE_SHAPE, n)
    return p


_SENIORITY = {"jpt": 5, "administrator": 4, "pengawas": 3, "fungsional": 2, "pelaksana": 1}


def supervisors(employees: pd.DataFrame) -> pd.Series:
    """Each employee's supervisor_nip: the head of their unit kerja, i.e. the unit's most senior person in post
    (the highest position_type, then the oldest NIP, which starts with the birth date). The head has none, nor
    has anyone in a unit without a head in post. No random draw: the demo's other figures stay as they were."""
    rank = employees["position_type"].map(_SENIORITY).fillna(0)
    in_post = employees[employees["exit_date"].isna()].assign(rank=rank)
    heads = (in_post.sort_values(["rank", "nip"], ascending=[False, True])
             .drop_duplicates("opd_code").set_index("opd_code")["nip"])
    head = employees["opd_code"].map(heads)
    return head.where(head != employees["nip"])
