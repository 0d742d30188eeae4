"""Demo survey answers in the long survey_responses shape: reaction, application, needs, readiness."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import reference as ref
from .common import AS_OF, GRADED, YEARS, jp20_flags, pick, to_day, years_between


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


def _comments(resp: pd.DataFrame, mean: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Free-text comments on ~30% of reaction responses, in tone with the ratings given.

    Drawn from a stream of their own, so adding them changes no other demo figure.
    """
    crng = np.random.default_rng(rng.bit_generator.seed_seq.spawn(1)[0])
    keep = crng.random(len(resp)) < 0.3
    tone = np.select([mean >= 4.25, mean < 3.6], ["positive", "negative"], "neutral")[keep]
    texts = np.empty(keep.sum(), dtype=object)
    for key, pool in ref.REACTION_COMMENTS.items():
        sel = tone == key
        texts[sel] = pick(crng, pool, sel.sum())
    return _long(resp[keep].reset_index(drop=True), ["R_KOMENTAR"], np.full((keep.sum(), 1), np.nan),
                 texts.reshape(-1, 1))


def draw_responses(p: dict, prog: pd.DataFrame, part: pd.DataFrame, jp: pd.Series,
               rng: np.random.Generator) -> pd.DataFrame:
    """Reaction, application (self, supervisor, peer), needs and readiness answers, long format."""
    as_of = to_day(AS_OF)
    nip = p["nip"]
    frames = []

    def resp(prefix, ids, program, role, day, anon=0.0):
        r = pd.DataFrame({"nip": nip[ids], "program_code": program, "respondent_role": role,
                          "submitted_at": _stamp(day, rng)})
        r.loc[rng.random(len(r)) < anon, "nip"] = None
        r["response_id"] = prefix + "-" + pd.Series(np.arange(1, len(r) + 1)).astype(str).str.zfill(6)
        return r

    done = part[(part["status"] == "completed") & (part["year"] >= YEARS[0])]  # no survey of old certificates
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
    items = [i[0] for i in ref.SURVEY_ITEMS if i[1] == "reaction" and i[5]]
    frames.append(_long(r, items, vals))
    frames.append(_comments(r, vals.mean(axis=1), rng))

    # application (Kirkpatrick 3): 3-6 months after, alumni (40%), supervisors (25%), peers (4%)
    ok = done["prog"].map(prog["category"]).isin(GRADED).to_numpy()
    applies = rng.random(len(done)) < 0.68 - 0.06 * (prog["mode"].to_numpy()[done["prog"]] == "daring")
    level = np.where(applies, rng.normal(4.45, 0.25, len(done)), rng.normal(3.2, 0.35, len(done)))
    items = [i[0] for i in ref.SURVEY_ITEMS if i[1] == "application"]
    drivers = [i[0] for i in ref.SURVEY_ITEMS if i[1] == "driver"]
    off = np.array([.05, 0, -.05, -.1])
    # what enables application (support, a chance, tools) runs with it, a little lower, and online alumni
    # find fewer chances to apply: asked in the same questionnaire, kept apart from application
    d_off = np.array([-.15, -.3, -.45])
    for prefix, role, share, shift in (("APL", "self", .4, 0), ("APS", "supervisor", .25, -.3), ("APP", "peer", .04, -.1)):
        day = end + rng.integers(90, 181, len(done))
        m = ok & (rng.random(len(done)) < share) & (day <= as_of)
        r = resp(prefix, done["pid"].to_numpy()[m], code[m], role, day[m])
        frames.append(_long(r, items, _likert(level[m] + shift, off, 0.45, rng)))
        if role != "peer":
            online = (prog["mode"].to_numpy()[done["prog"]] == "daring")[m]
            frames.append(_long(r, drivers, _likert(level[m] + shift - 0.25 * online, d_off, 0.6, rng)))

    # needs (Feb-Apr) and readiness (Oct-Nov) every year
    topics = {prof: (tuple(w), np.asarray(list(w.values())) / sum(w.values()))
              for prof, w in ref.NEEDS_TOPIC_WEIGHTS.items()}
    for year in YEARS:
        base = to_day(f"{year}-02-01")
        ids = np.flatnonzero((p["hire"] <= base) & (np.isnat(p["exit"]) | (p["exit"] > base + 89)))
        ids = ids[rng.random(len(ids)) < 0.5]
        r = resp(f"NDS-{year}", ids, None, "self", base + rng.integers(0, 89, len(ids)), 0.15)
        # "choose all that apply": one to three topics each, the first the one needed most
        picks = np.empty((len(ids), 3), dtype=object)
        for prof, (codes, w) in topics.items():
            sel = p["profile"][ids] == prof
            picks[sel] = np.stack([pick(rng, codes, sel.sum(), w) for _ in range(3)], axis=1)
        wanted = 1 + rng.binomial(2, 0.4, len(ids))
        rural = p["area"][ids] != "urban"
        old = years_between(p["birth"][ids], base) >= 55
        mode = np.where(rural, pick(rng, ("luring", "daring", "blended"), len(ids), (.3, .45, .25)),
                        pick(rng, ("luring", "daring", "blended"), len(ids), (.42, .28, .3)))
        mode = np.where(old & (rng.random(len(ids)) < 0.4), "luring", mode)
        lik = _likert(3.7 - 0.2 * rural, np.array([-.1, .05]), 0.8, rng)
        texts = np.column_stack([mode, np.full((len(ids), 2), None)])
        values = np.column_stack([np.full((len(ids), 1), np.nan), lik])
        frames.append(_long(r, ["NEEDS_MODE", "N_KEB_1", "N_KEB_2"], values, texts))
        for k in range(3):  # a topic row per distinct choice
            keep = (wanted > k) & np.all([picks[:, k] != picks[:, j] for j in range(k)] or [True], axis=0)
            frames.append(_long(r[keep].reset_index(drop=True), ["NEEDS_TOPIC"], np.full((keep.sum(), 1), np.nan),
                                picks[keep, k].reshape(-1, 1)))

        base = to_day(f"{year}-10-01")
        ids = np.flatnonzero((p["hire"] <= base) & (np.isnat(p["exit"]) | (p["exit"] > base + 60)))
        ids = ids[rng.random(len(ids)) < 0.4]
        r = resp(f"RDY-{year}", ids, None, "self", base + rng.integers(0, 60, len(ids)), 0.1)
        age = years_between(p["birth"][ids], base)
        trained = jp20_flags(jp, ids, year)
        latent = np.select([age < 30, age < 40, age < 50, age < 55], [4.15, 4.0, 3.85, 3.65], 3.3) + 0.12 * trained
        vals = _likert(latent, np.array([0, 0, .1, -.05]), 0.6, rng)
        vals[:, 1] = (vals[:, 1] - (age >= 50) * rng.binomial(1, 0.35, len(ids))).clip(1, 5)  # digital unease
        frames.append(_long(r, ["RD_1", "RD_2", "RD_3", "RD_4"], vals))
    out = pd.concat(frames, ignore_index=True)
    out[["program_code", "answer_text"]] = out[["program_code", "answer_text"]].astype("str")
    out["submitted_at"] = out["submitted_at"].astype("M8[us]")
    return out
