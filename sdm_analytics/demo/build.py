"""Seeded demo data shaped like Kota Serang's ASN, 2022-2025 (reference data in `reference`).

Scales: "city" (about 5,650 ASN in post at the end of 2025, 55 units), "province"
(the city's structure repeated 20 times, codes suffixed _02.._20 and names
"(Wilayah 02)", about 113,000 ASN; programs are drawn 20 times as often) and
"national" (the province written, then copied 32 more times inside the store
by `national.replicate`: about 3.7 million ASN in post, 4.3 million with
leavers, 27 million participations; only `write_demo` builds it, there are
no frames of it).

The numbers carry a story an evaluator can find: 20 JP compliance rises from
about a third (2022) to about 0.58 (2025) with wide OPD differences; the rural
outskirts are reached less, except online; staff aged 55+ train less, skip
more and are less ready for change; digital and service topics are asked for
far more than they are offered; about a third of alumni do not apply what
they learned, and supervisors rate application lower than alumni do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

from ..contract import KINDS
from . import reference as ref
from .common import AS_OF, YEARS, as_dates
from .national import replicate
from .people import draw_people, draw_structure, supervisors
from .programs import draw_cohort_programs, draw_regular_programs, finish_programs, number_programs
from .surveys import draw_responses
from .training import draw_participations, draw_performance

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["build_demo", "write_demo", "AS_OF", "YEARS"]


def _small_kinds() -> dict[str, pd.DataFrame]:
    """The questionnaire and the leadership's targets, straight from the reference data."""
    items = pd.DataFrame([dict(item_code=c, survey_kind=k, dimension=d, text_id=ti, text_en=te,
                               scale_min=1 if lik else None, scale_max=5 if lik else None)
                          for c, k, d, ti, te, lik in ref.SURVEY_ITEMS])
    items[["scale_min", "scale_max"]] = items[["scale_min", "scale_max"]].astype("Int64")
    targets = [dict(indicator=k, year=y, opd_code="", target=v)
               for k, by in ref.CITY_TARGETS.items() for y, v in by.items()]
    targets += [dict(indicator="jp20_rate", year=2025, opd_code=c, target=v) for c, v in ref.OPD_JP20_TARGETS.items()]
    # no certificate history yet: the demo's training is its programmes and participations
    history = pd.DataFrame(columns=list(KINDS["history"].public_names))
    return {"survey_items": items, "targets": pd.DataFrame(targets), "history": history}


def _check_scale(scale: str) -> None:
    if scale not in ref.SCALES:
        raise ValueError(f"unknown scale {scale!r}: choose one of {', '.join(ref.SCALES)}")


def _build(seed: int, scale: str, say: Callable[[str], None]) -> dict[str, pd.DataFrame]:
    _check_scale(scale)
    if scale == "national":
        raise ValueError("too large for a demo in memory: the national scale is written straight into a store "
                         "(write_demo)")
    copies = ref.SCALES[scale]
    # one stream a stage (the seventh, the leadership history, came later: the first six are unchanged by it)
    rng = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(7)]
    say("unit kerja dan pegawai / units and employees")
    units, blocks = draw_structure(copies, rng[0])
    p = draw_people(units, blocks, copies, rng[1], seed)
    say("program pelatihan / programs")
    cohort, members = draw_cohort_programs(p, rng[2], rng[6])
    prog = number_programs(pd.concat([draw_regular_programs(copies, rng[2]), cohort], ignore_index=True))
    members = [(i, members[c]) for i, c in enumerate(prog["cohort"].fillna(-1).astype(int)) if c >= 0]
    say("peserta / participations")
    part = draw_participations(p, prog, members, rng[3])
    finish_programs(prog, part, rng[4])
    jp = part.groupby(["pid", "year"])["jp"].sum()
    say("survei dan kinerja / surveys and performance")
    frames = {
        "units": units,
        "employees": pd.DataFrame({
            "nip": p["nip"], "name": p["name"], "gender": p["gender"], "birth_date": as_dates(p["birth"]),
            "employment_type": p["etype"], "rank_group": p["rank"], "position_type": p["pos"],
            "position_name": p["position"], "education": p["edu"],
            "opd_code": units["opd_code"].to_numpy()[p["unit"]], "hire_date": as_dates(p["hire"]),
            "exit_date": as_dates(p["exit"])}).pipe(lambda e: e.assign(supervisor_nip=supervisors(e))),
        "programs": prog,
        "participations": part.assign(program_code=prog["program_code"].to_numpy()[part["prog"]],
                                      nip=p["nip"][part["pid"]]),
        "survey_responses": draw_responses(p, prog, part, jp, rng[5]),
        "performance": draw_performance(p, jp, rng[4]),
        **_small_kinds(),
    }
    # only the contract's columns, in its order
    return {kind: frames[kind].loc[:, list(KINDS[kind].public_names)].reset_index(drop=True) for kind in KINDS}


def build_demo(seed: int = 2025, scale: str = "city") -> dict[str, pd.DataFrame]:
    """Demo frames (kind -> contract columns) for Kota Serang 2022-2025; same seed, same frames."""
    return _build(seed, scale, lambda _msg: None)


def write_demo(store: Store, seed: int = 2025, scale: str = "city",
               progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Build the demo and replace the store's tables with it in one transaction; rows per kind.

    The national scale is the province in one transaction, then its copies a batch at a time (see `national`):
    a failure part way leaves the province.
    """
    say = progress or (lambda _msg: None)
    _check_scale(scale)
    if scale != "national":
        rows = _write(store, _build(seed, scale, say), say)
        add_demo_accounts(store)
        return rows
    copies = ref.SCALES["national"] // ref.SCALES["province"]
    _write(store, _build(seed, "province", say), say)  # the frames are gone before the copies are made
    _release_memory()
    replicate(store, copies, regions=ref.SCALES["province"], survey_parts=copies - 1, say=say)
    add_demo_accounts(store)
    return {kind: store.count(kind) for kind in KINDS}


def _write(store: Store, frames: dict[str, pd.DataFrame], say: Callable[[str], None]) -> dict[str, int]:
    """Replace the store's tables with the frames (one transaction); rows per kind."""
    say("menulis ke basis data / writing the store")
    # the years before the first are history (old leadership certificates): kept, not offered as years to view
    store.replace_all(frames, as_of=AS_OF, meta={"monitoring_from": str(YEARS[0])})
    return {kind: len(frame) for kind, frame in frames.items()}


def _release_memory() -> None:
    """Hand the freed frames' memory back (pandas' strings live in Arrow's pool, which keeps it otherwise)."""
    import gc

    gc.collect()
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pandas' strings are then Python objects, freed by gc
        return
    pa.default_memory_pool().release_unused()


# The demo's accounts: one per role, the evaluator over Dinas Kesehatan (with its puskesmas: every unit kerja
# below an OPD is in its scope). The login page shows them while their demo passwords still work; a real store
# starts without any (`users add`).
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("pimpinan", "pimpinan-demo-2025", "pimpinan", "Pimpinan (demo)", ()),
    ("evaluator", "evaluator-demo-2025", "evaluator", "Evaluator Dinkes (demo)", ("DINKES",)),
    ("admin", "admin-demo-2025", "admin", "Admin BKPSDM (demo)", ()),
)


def needs_demo(store: Store, fresh: bool) -> bool:
    """Whether the dashboard builds the demo into its store: a new file, or one never written and without
    accounts (an empty store that already has accounts is a real one waiting for its first import)."""
    from .. import accounts

    return fresh or (store.is_empty() and store.version == "0" and not accounts.has_users(store))


def add_demo_accounts(store: Store) -> None:
    """Create the demo accounts in a store that has no account yet."""
    from .. import accounts

    if accounts.has_users(store):
        return
    for username, password, role, name, opds in DEMO_ACCOUNTS:
        accounts.add(store, username, password, role, name, opds, by="demo")
