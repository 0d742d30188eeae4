"""The demo generator: contract shape, determinism, and the story the dashboard tells."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from sdm_analytics.contract import CODES, KINDS, PNS_RANKS, PPPK_RANKS
from sdm_analytics.demo import AS_OF, build_demo, write_demo
from sdm_analytics.store import Store

YEARS = (2022, 2023, 2024, 2025)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    started = time.perf_counter()
    out = build_demo()
    print(f"build_demo(city): {time.perf_counter() - started:.2f} s")
    return out


@pytest.fixture(scope="module")
def people(frames) -> pd.DataFrame:
    """Employees with their unit's area."""
    return frames["employees"].merge(frames["units"][["opd_code", "area"]], on="opd_code", how="left")


@pytest.fixture(scope="module")
def taken(frames) -> pd.DataFrame:
    """Participations with the program's attributes, year (by end_date) and JP credit."""
    pa = frames["participations"].merge(frames["programs"], on="program_code", how="left")
    pa["year"] = pa["end_date"].dt.year
    pa["credit"] = np.where(pa["status"] == "completed", pa["jp_earned"].fillna(pa["jp"]), 0.0)
    return pa


def population(people: pd.DataFrame, year: int) -> pd.DataFrame:
    """P(Y): in post at the end of the year (METRICS.md)."""
    eoy = pd.Timestamp(f"{year}-12-31")
    return people[(people["hire_date"] <= eoy) & (people["exit_date"].isna() | (people["exit_date"] > eoy))]


def jp_by_person(people, taken, year) -> pd.Series:
    pop = population(people, year)
    return taken[taken["year"] == year].groupby("nip")["credit"].sum().reindex(pop["nip"], fill_value=0.0)


def reached(people, taken, year, mode: str | None = None) -> pd.Series:
    pop = population(people, year)
    done = taken[(taken["year"] == year) & (taken["status"] == "completed")]
    if mode:
        done = done[done["mode"] == mode]
    return pd.Series(pop["nip"].isin(done["nip"]).to_numpy(), index=pop["area"].to_numpy())


# -- shape of the contract ----------------------------------------------------------------------
def test_every_kind_has_exactly_the_contract_columns(frames):
    assert list(frames) == list(KINDS)
    for kind, frame in frames.items():
        assert tuple(frame.columns) == KINDS[kind].public_names, kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_natural_keys_are_unique(frames, kind):
    """The natural key; an answer's key also holds the chosen option of a choice item (one row per topic)."""
    frame = frames[kind]
    key = [("answer_text" if k == "choice" else k) for k in KINDS[kind].key]
    assert not frame.duplicated(key).any()


def test_a_needs_answer_may_name_several_topics(frames):
    """DATA_CONTRACT: topics are "choose all that apply"; some respondents choose two or three, never one twice."""
    resp = frames["survey_responses"]
    topics = resp[resp["item_code"] == "NEEDS_TOPIC"].groupby("response_id")["answer_text"]
    counts = topics.size()
    assert counts.min() == 1 and counts.max() == 3 and (counts > 1).mean() > 0.3
    assert (topics.nunique() == counts).all()


def test_units_form_opds_with_their_unit_kerja(frames):
    """DOMAIN.md: puskesmas under Dinas Kesehatan, schools under the education office, kelurahan under their
    kecamatan; every other unit is an OPD: 37 OPD, 55 unit kerja (the count the README gives)."""
    units = frames["units"].set_index("opd_code")
    parents = units["parent_code"].dropna()
    assert parents.isin(units.index).all() and units.loc[parents.to_numpy(), "parent_code"].isna().all()
    assert set(parents[parents.index.str.startswith("PKM_")]) == {"DINKES"}
    assert set(parents[parents.index.str.startswith("SEKOLAH_")]) == {"DINDIKBUD"}
    assert all(parents[k] == "KEC_" + k.removeprefix("KEL_") for k in parents.index if k.startswith("KEL_"))
    assert (units["parent_code"].isna().sum(), len(units)) == (37, 55)


def test_row_counts(frames, people):
    assert 30 <= len(frames["units"]) <= 80
    in_post = population(people, 2025)
    assert 4000 <= len(in_post) <= 7000
    assert len(frames["employees"]) > len(in_post)  # leavers stay in the data
    years = frames["programs"]["end_date"].dt.year
    per_year = years[years >= YEARS[0]].value_counts()
    assert set(per_year.index) == set(YEARS)
    assert per_year.between(100, 200).all(), per_year.to_dict()
    # before the demo's years: only the leadership certificates holders earned, under the title of their era
    old = frames["programs"][years < YEARS[0]]
    assert set(old["category"]) == {"kepemimpinan"} and old["title"].str.contains("Diklat").any()
    assert len(frames["participations"]) > 20_000
    assert len(frames["survey_items"]) >= 15
    assert len(frames["survey_responses"]) > 100_000
    assert len(frames["performance"]) == sum(len(population(people, y)) for y in YEARS)
    assert (frames["targets"]["opd_code"] == "").sum() >= 7


def test_references_resolve(frames):
    units, emp, prog = frames["units"], frames["employees"], frames["programs"]
    assert emp["opd_code"].isin(units["opd_code"]).all()
    assert frames["participations"]["nip"].isin(emp["nip"]).all()
    assert frames["participations"]["program_code"].isin(prog["program_code"]).all()
    resp = frames["survey_responses"]
    assert resp["item_code"].isin(frames["survey_items"]["item_code"]).all()
    assert resp["nip"].dropna().isin(emp["nip"]).all()
    assert resp["program_code"].dropna().isin(prog["program_code"]).all()
    assert frames["performance"]["nip"].isin(emp["nip"]).all()
    opd_targets = frames["targets"]["opd_code"]
    assert opd_targets[opd_targets != ""].isin(units["opd_code"]).all()


@pytest.mark.parametrize("kind, column", [
    ("units", "opd_type"), ("units", "area"), ("employees", "gender"), ("employees", "employment_type"),
    ("employees", "position_type"), ("employees", "education"), ("programs", "category"), ("programs", "topic"),
    ("programs", "mode"), ("participations", "status"), ("survey_items", "survey_kind"),
    ("survey_responses", "respondent_role"), ("performance", "rating"),
])
def test_codes_come_from_the_contract(frames, kind, column):
    codes = {"opd_type": "opd_type", "respondent_role": "respondent_role"}.get(column, column)
    assert set(frames[kind][column].dropna()) <= set(CODES[codes])


def test_every_category_and_mode_is_used(frames):
    prog = frames["programs"]
    assert set(prog["category"]) == set(CODES["category"]) - {"belajar_mandiri"}  # self-study leaves no record
    assert set(prog["mode"]) == set(CODES["mode"])
    assert set(frames["participations"]["status"]) == set(CODES["status"])


def test_units_are_kota_serang(frames):
    units = frames["units"]
    assert units["opd_code"].str.fullmatch(r"[A-Z0-9_]{2,20}").all()
    for code in ("DINKES", "DINDIKBUD", "RSUD", "BKPSDM", "KEC_KASEMEN", "KEL_KASEMEN", "SEKOLAH_KASEMEN",
                 "PKM_KASEMEN"):
        assert code in set(units["opd_code"])
    area = units.groupby("kecamatan")["area"].first().to_dict()
    assert area == {"Serang": "urban", "Cipocok Jaya": "urban", "Kasemen": "rural", "Walantaka": "rural",
                    "Curug": "rural", "Taktakan": "rural"}


# -- employees --------------------------------------------------------------------------------
def test_nip_matches_birth_date_gender_and_tmt(frames):
    emp = frames["employees"]
    nip = emp["nip"]
    assert nip.str.fullmatch(r"\d{18}").all()
    assert (nip.str[:8] == emp["birth_date"].dt.strftime("%Y%m%d")).all()
    assert (nip.str[14] == emp["gender"].map({"L": "1", "P": "2"})).all()
    pns = emp["employment_type"] == "PNS"
    assert (nip[pns].str[8:14] == emp.loc[pns, "hire_date"].dt.strftime("%Y%m")).all()
    pppk = ~pns
    assert (nip[pppk].str[8:14] == emp.loc[pppk, "hire_date"].dt.strftime("%Y") + "21").all()


def test_ranks_fit_the_employment_type(frames):
    emp = frames["employees"]
    pns = emp["employment_type"] == "PNS"
    assert emp.loc[pns, "rank_group"].isin(PNS_RANKS).all()
    assert emp.loc[~pns, "rank_group"].isin(PPPK_RANKS).all()
    assert (emp.loc[(~pns) & (emp["education"] == "S1"), "rank_group"] == "IX").all()
    teachers = emp["position_name"].str.startswith("Guru ")
    assert teachers.sum() > 1500 and (emp.loc[teachers, "position_type"] == "fungsional").all()


def test_dates_are_plausible(frames):
    emp = frames["employees"]
    age_at_hire = (emp["hire_date"] - emp["birth_date"]).dt.days / 365.25
    assert age_at_hire.between(21.9, 47).all()
    assert emp["hire_date"].between("1985-01-01", "2025-12-31").all()
    left = emp.dropna(subset=["exit_date"])
    assert (left["exit_date"] > left["hire_date"]).all()
    assert left["exit_date"].between("2022-01-01", "2025-12-31").all()
    per_year = left["exit_date"].dt.year.value_counts()
    assert per_year.between(120, 300).all(), per_year.to_dict()


def test_workforce_shape(people):
    pop = population(people, 2025)
    share = pop["position_type"].value_counts(normalize=True)
    assert 0.45 <= share["fungsional"] <= 0.65 and 0.25 <= share["pelaksana"] <= 0.42
    assert 25 <= (pop["position_type"] == "jpt").sum() <= 45
    assert 0.5 <= (pop["gender"] == "P").mean() <= 0.6
    assert 0.6 <= pop["education"].isin(["S1", "S2", "S3", "D4"]).mean() <= 0.8
    assert pop["employment_type"].value_counts()["PPPK"] > 700


# -- programs and participations -------------------------------------------------------------
def test_programs_are_well_formed(frames):
    prog = frames["programs"]
    assert prog["program_code"].str.fullmatch(r"PLT-20\d\d-\d{3,4}").all()
    assert (prog["end_date"] >= prog["start_date"]).all()
    assert prog["jp"].between(1, 1000).all()
    crossing = prog[prog["start_date"].dt.year < prog["end_date"].dt.year]
    assert 2 <= len(crossing) <= 10
    assert 0.01 <= prog["cost_per_participant"].isna().mean() <= 0.12
    assert (prog["cost_per_participant"].dropna() >= 0).all()
    webinars = prog[prog["title"].str.startswith("Webinar")]
    assert (webinars["mode"] == "daring").all() and webinars["jp"].between(3, 4).all()


def test_participation_outcomes(taken):
    assert not taken.duplicated(["program_code", "nip"]).any()
    share = taken["status"].value_counts(normalize=True)
    assert share["completed"] > 0.8 and 0.01 <= share["failed"] <= 0.04 and share["no_show"] <= 0.1
    registered = taken[taken["status"] == "registered"]
    assert len(registered) and (registered["end_date"] > pd.Timestamp(AS_OF)).all()
    assert taken.loc[taken["status"] != "completed", "jp_earned"].isna().all()
    partial = taken.dropna(subset=["jp_earned"])
    assert (partial["jp_earned"] < partial["jp"]).all()
    assert 0.01 <= len(partial) / (taken["status"] == "completed").sum() <= 0.05
    for col in ("attendance_pct", "pre_test", "post_test"):
        assert taken[col].dropna().between(0, 100).all()
    tested = taken.dropna(subset=["pre_test", "post_test"])
    tested = tested[tested["status"] == "completed"]
    assert (tested["post_test"] > tested["pre_test"]).mean() > 0.8


def test_cohort_programs_go_to_the_right_people(taken, people):
    who = taken.merge(people[["nip", "position_type", "employment_type", "hire_date"]], on="nip")
    latsar = who[who["category"] == "latsar"]
    assert len(latsar) and (latsar["employment_type"] == "PNS").all()
    assert (latsar["start_date"].dt.year == latsar["hire_date"].dt.year).all()
    for word, pos in (("Pengawas", "pengawas"), ("Administrator", "administrator"), ("Nasional", "jpt")):
        group = who[(who["category"] == "kepemimpinan") & who["title"].str.contains(word)]
        assert len(group) and (group["position_type"] == pos).all()


# -- surveys, performance, targets -----------------------------------------------------------
def test_survey_answers_fit_their_items(frames):
    items = frames["survey_items"].set_index("item_code")
    resp = frames["survey_responses"].join(items, on="item_code")
    likert = resp["scale_min"].notna()
    assert resp.loc[likert, "value"].between(resp.loc[likert, "scale_min"], resp.loc[likert, "scale_max"]).all()
    assert (resp.loc[likert, "value"] % 1 == 0).all()
    assert resp.loc[~likert, "value"].isna().all()
    topics = resp.loc[resp["item_code"] == "NEEDS_TOPIC", "answer_text"]
    assert set(topics) <= set(CODES["topic"])
    assert set(resp.loc[resp["item_code"] == "NEEDS_MODE", "answer_text"]) == set(CODES["mode"])
    program_bound = resp["survey_kind"].isin(["reaction", "application", "driver"])
    assert resp.loc[program_bound, "program_code"].notna().all()
    assert resp.loc[~program_bound, "program_code"].isna().all()
    assert (resp["submitted_at"] <= pd.Timestamp(AS_OF) + pd.Timedelta(days=1)).all()
    assert set(resp["survey_kind"]) == set(CODES["survey_kind"])


def test_reaction_comes_after_the_program(frames):
    resp = frames["survey_responses"].merge(frames["programs"][["program_code", "end_date"]], on="program_code")
    lag = (resp["submitted_at"].dt.normalize() - resp["end_date"]).dt.days
    reaction = resp["item_code"].str.startswith("R_")
    assert lag[reaction].between(0, 7).all()
    assert lag[~reaction].between(90, 180).all()
    anonymous = resp[reaction].groupby("response_id")["nip"].first().isna().mean()
    assert 0.05 <= anonymous <= 0.15


def test_targets_are_rates_for_the_city_and_some_offices(frames):
    targets = frames["targets"]
    city = targets[(targets["opd_code"] == "") & (targets["year"] == 2025)].set_index("indicator")["target"]
    assert city["jp20_rate"] == pytest.approx(0.60) and city["reaction_score"] == pytest.approx(4.0)
    assert ((targets["opd_code"] != "") & (targets["indicator"] == "jp20_rate")).sum() >= 3


# -- the story -----------------------------------------------------------------------------------
def test_jp20_compliance_grows_and_offices_differ(people, taken):
    rate = {y: (jp_by_person(people, taken, y) >= 20).mean() for y in YEARS}
    print("jp20 by year", {y: round(v, 3) for y, v in rate.items()})
    assert 0.25 <= rate[2022] <= 0.45
    assert 0.5 <= rate[2025] <= 0.65
    assert rate[2025] > rate[2022] + 0.15
    pop = population(people, 2025)
    hit = pd.Series((jp_by_person(people, taken, 2025) >= 20).to_numpy(), index=pop["opd_code"].to_numpy())
    by_opd = hit.groupby(level=0).mean()
    assert (by_opd < 0.3).any() and (by_opd > 0.8).any()


def test_outskirts_are_reached_less_except_online(people, taken):
    every = reached(people, taken, 2025)
    ratio = every["rural"].mean() / every["urban"].mean()
    online = reached(people, taken, 2025, "daring")
    online_ratio = online["rural"].mean() / online["urban"].mean()
    print(f"reach ratio rural/urban 2025: {ratio:.3f} (daring {online_ratio:.3f})")
    assert 0.65 <= ratio < 0.9
    assert online_ratio > ratio


def test_older_staff_train_less_and_are_less_ready(frames, people, taken):
    who = taken.merge(people[["nip", "birth_date"]], on="nip")
    old = (who["end_date"] - who["birth_date"]).dt.days / 365.25 >= 55
    outcome = who["status"] != "registered"
    assert (who.loc[old & outcome, "status"] == "no_show").mean() > 1.5 * (
        who.loc[~old & outcome, "status"] == "no_show").mean()
    items = frames["survey_items"]
    ready = frames["survey_responses"].merge(items[items["survey_kind"] == "readiness"], on="item_code")
    ready = ready.merge(people[["nip", "birth_date"]], on="nip")
    age = (ready["submitted_at"] - ready["birth_date"]).dt.days / 365.25
    assert ready.loc[age >= 55, "value"].mean() < ready.loc[age < 30, "value"].mean() - 0.3


def test_some_topics_are_asked_for_more_than_offered(frames, people, taken):
    year = 2025
    pop = population(people, year)
    done = taken[(taken["year"] == year) & (taken["status"] == "completed") & taken["nip"].isin(pop["nip"])]
    supply = done["topic"].value_counts(normalize=True)
    resp = frames["survey_responses"]
    needs = resp[(resp["item_code"] == "NEEDS_TOPIC") & (resp["submitted_at"].dt.year == year)]
    demand = needs.groupby("answer_text")["response_id"].nunique() / needs["response_id"].nunique()
    gap = demand.sub(supply, fill_value=0.0)
    print("needs gap 2025", gap.round(3).sort_values().to_dict())
    assert gap.max() > 0.1 and gap.idxmax() in ("digitalisasi", "pelayanan_publik", "manajemen_kinerja")
    assert gap["integritas"] < -0.1


def test_application_gap_and_supervisor_view(frames):
    resp = frames["survey_responses"]
    app = resp[resp["item_code"].str.startswith("A_")]
    per = app.groupby(["response_id", "respondent_role"])["value"].mean().reset_index()
    not_applied = (per.loc[per["respondent_role"] == "self", "value"] < 4).mean()
    assert 0.3 <= not_applied <= 0.4
    means = app.groupby("respondent_role")["value"].mean()
    assert means["supervisor"] < means["self"]
    reaction = resp.loc[resp["item_code"].str.startswith("R_"), "value"].mean()
    assert 4.0 <= reaction <= 4.3


def test_training_goes_with_better_ratings(frames, people, taken):
    rows = []
    for year in YEARS:
        jp = jp_by_person(people, taken, year)
        perf = frames["performance"]
        perf = perf[perf["year"] == year].set_index("nip")["rating"].reindex(jp.index)
        rows.append(pd.DataFrame({"hit": jp.to_numpy() >= 20, "top": (perf == "sangat_baik").to_numpy()}))
    both = pd.concat(rows)
    top = both.groupby("hit")["top"].mean()
    assert top[True] > top[False]


# -- determinism, scales, the store -------------------------------------------------------------
def test_same_seed_same_frames_other_seed_other_frames(frames):
    """Only the seed decides the demo: not the global random state (which pytest-randomly, or any caller, reseeds
    before each test), nor Faker's shared generator."""
    import random

    from faker import Faker
    from faker.generator import random as faker_random

    saved = random.getstate(), np.random.get_state(), faker_random.getstate()
    try:
        random.seed(12345)
        np.random.seed(54321)
        Faker.seed(999)
        again = build_demo()
    finally:
        random.setstate(saved[0])
        np.random.set_state(saved[1])
        faker_random.setstate(saved[2])
    for kind in frames:
        pd.testing.assert_frame_equal(frames[kind], again[kind], check_exact=True)
    other = build_demo(seed=7)
    assert not frames["employees"]["nip"].equals(other["employees"]["nip"])
    assert len(frames["participations"]) != len(other["participations"])


def test_scales():
    with pytest.raises(ValueError, match="too large for a demo"):  # national: only written into a store
        build_demo(scale="national")
    with pytest.raises(ValueError, match="unknown scale 'planet': choose one of city, province, national"):
        build_demo(scale="planet")
    store = Store(":memory:")
    with pytest.raises(ValueError, match="choose one of city, province, national"):
        write_demo(store, scale="planet")
    assert store.is_empty()
    store.close()


def test_write_demo_fills_a_store(frames):
    store = Store(":memory:")
    messages: list[str] = []
    counts = write_demo(store, progress=messages.append)
    assert counts == {kind: len(frame) for kind, frame in frames.items()}
    for kind, n in counts.items():
        assert store.count(kind) == n, kind
    assert messages == ["unit kerja dan pegawai / units and employees", "program pelatihan / programs",
                        "peserta / participations", "survei dan kinerja / surveys and performance",
                        "menulis ke basis data / writing the store"]  # what the first run shows, step by step
    assert store.years() == list(YEARS)
    assert store.scalar("SELECT count(*) FROM survey_responses WHERE nip IS NULL") > 0
    assert store.scalar("SELECT count(*) FROM targets WHERE opd_code = ''") >= 7
    assert store.scalar("SELECT count(*) FROM employees WHERE exit_date IS NOT NULL") > 0
    assert store.as_of() == AS_OF
    store.close()


def test_nothing_happens_at_import():
    code = "import sys, sdm_analytics.demo; assert 'faker' not in sys.modules, 'faker imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=re.sub(r"/tests$", "", __file__.rsplit("/", 1)[0]))


# -- the national scale: the demo copied inside the store (demo.national) ------------------------------------------
# The national demo is the province copied 32 times; here the city is copied through the same SQL (3 copies, one
# transaction each, the answers split in 2 parts), which tests what the national build relies on in seconds.
_BASE_META = {"monitoring_from": str(YEARS[0])}


@pytest.fixture(scope="module")
def city_store(frames):
    store = Store(":memory:")
    store.replace_all(frames, as_of=AS_OF, meta=_BASE_META)
    yield store
    store.close()


@pytest.fixture(scope="module")
def copied(frames):
    from sdm_analytics.demo.national import replicate

    store = Store(":memory:")
    store.replace_all(frames, as_of=AS_OF, meta=_BASE_META)
    settings = "SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')"
    before = store.rows(settings)
    messages: list[str] = []
    replicate(store, 3, survey_parts=2, batch=1, say=messages.append)
    assert messages == ["salinan 2 dari 3 / copies 2 of 3", "salinan 3 dari 3 / copies 3 of 3"]
    assert store.rows(settings) == before  # the memory limit of the copying is the copying's only
    yield store
    store.close()


def test_copies_multiply_every_kind_but_the_questionnaire_and_targets(frames, city_store, copied):
    """Three copies: three times the rows, except the answers (each copy keeps one of 2 parts: the two copies
    hold them exactly once more), the questionnaire and the targets (not copied)."""
    times = {kind: 3 for kind in KINDS} | {"survey_responses": 2, "survey_items": 1, "targets": 1}
    assert {kind: copied.count(kind) for kind in KINDS} == {kind: times[kind] * len(frames[kind]) for kind in KINDS}
    targets = "SELECT * FROM targets ORDER BY ALL"  # the city-wide ones, and the OPD ones of the base's OPDs
    assert copied.rows(targets) == city_store.rows(targets)
    assert copied.as_of() == AS_OF and copied.years() == list(YEARS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_copies_keep_keys_unique(copied, kind):
    key = ", ".join(KINDS[kind].key)
    assert copied.scalar(f"SELECT count(*) - count(DISTINCT ({key})) FROM {kind}") == 0


def test_copies_reference_their_own_copy(frames, copied):
    """Every reference resolves, within its copy: a copy's participations name the copy's people and programmes."""
    stride = frames["employees"]["nip"].str[-3:].astype(int).max()
    missing = {
        "participation nip": "SELECT count(*) FROM participations WHERE nip NOT IN (SELECT nip FROM employees)",
        "participation program": "SELECT count(*) FROM participations "
                                 "WHERE program_code NOT IN (SELECT program_code FROM programs)",
        "performance nip": "SELECT count(*) FROM performance WHERE nip NOT IN (SELECT nip FROM employees)",
        "answer nip": "SELECT count(*) FROM survey_responses WHERE nip NOT IN (SELECT nip FROM employees)",
        "answer program": "SELECT count(*) FROM survey_responses "
                          "WHERE program_code NOT IN (SELECT program_code FROM programs)",
        "employee unit": "SELECT count(*) FROM employees WHERE opd_code NOT IN (SELECT opd_code FROM units)",
        "unit parent": "SELECT count(*) FROM units WHERE parent_code NOT IN (SELECT opd_code FROM units)",
        # a person of copy k (NIP sequence above k times the base's largest) takes programmes of copy k
        # ("-P0<k+1>"; the base's have no suffix) and works in units of copy k ("Provinsi 0<k+1>")
        "other copy": f"""
            WITH c AS (
                SELECT (CAST(right(a.nip, 3) AS INTEGER) - 1) // {stride} AS person,
                       coalesce(TRY_CAST(regexp_extract(a.program_code, '-P([0-9]{{2}})$', 1) AS INTEGER) - 1, 0)
                           AS programme,
                       coalesce(TRY_CAST(regexp_extract(u.opd_name, 'Provinsi ([0-9]{{2}})\\)$', 1) AS INTEGER) - 1, 0)
                           AS unit
                FROM participations AS a JOIN employees AS e USING (nip) JOIN units AS u USING (opd_code))
            SELECT count(*) FILTER (WHERE person <> programme OR person <> unit) + CAST(count(DISTINCT person) <> 3 AS INTEGER)
            FROM c""",
    }
    assert {what: copied.scalar(sql) for what, sql in missing.items()} == {what: 0 for what in missing}


def test_copied_keys_stay_valid(frames, copied):
    """Unit codes keep to the import rule (at most 20 characters); NIPs keep 18 digits and their birth date,
    TMT and gender digit (only the sequence moves); the unit tree is three forests of the city's OPDs."""
    assert copied.scalar("SELECT count(*) FROM units WHERE NOT regexp_matches(opd_code, '^[A-Z0-9_]{2,20}$')") == 0
    assert copied.scalar("SELECT count(*) FROM employees WHERE NOT regexp_matches(nip, '^[0-9]{18}$')") == 0
    heads = copied.df("SELECT left(nip, 15) AS head FROM employees")["head"].value_counts()
    assert heads.sort_index().equals(3 * frames["employees"]["nip"].str[:15].value_counts().sort_index())
    opds = frames["units"]["parent_code"].isna().sum()
    assert copied.scalar("SELECT count(DISTINCT opd_code) FROM unit_tree") == 3 * opds
    assert copied.scalar("SELECT count(*) FROM unit_tree") == 3 * len(frames["units"])
    assert copied.rows("SELECT opd_code, opd_name, parent_code FROM units WHERE opd_code = 'PKM_SERANG_A1'") == [
        ("PKM_SERANG_A1", "Puskesmas Kecamatan Serang (Wilayah 01, Provinsi 03)", "DINKES_A1")]


def test_a_copy_is_the_same_people_again(city_store, copied):
    """The engine sees three times the people and exactly the city's shares: 20 JP compliance to the last digit
    (a strong check: any person or participation lost or doubled in a copy would move it), and, with the answers
    held twice, the survey figures too."""
    from sdm_analytics.engine.metrics import METRIC_IDS, compute
    from sdm_analytics.filters import Filters, Scope

    city = compute(city_store, Filters.make(2025), Scope.everything("admin")).values
    three = compute(copied, Filters.make(2025), Scope.everything("admin")).values
    assert set(three) == set(METRIC_IDS) and all(v is not None for v in three.values())
    assert three["headcount"] == 3 * city["headcount"]
    assert three["jp20_rate"] == city["jp20_rate"]
    for mid in METRIC_IDS:
        assert three[mid] == pytest.approx(city[mid] * (3 if mid in ("headcount", "jp_total", "cost_total") else 1),
                                           rel=1e-12), mid


def test_copying_refuses_what_it_cannot_key(frames):
    from sdm_analytics.demo.national import replicate

    store = Store(":memory:")
    store.replace_all(frames, as_of=AS_OF, meta=_BASE_META)
    with pytest.raises(ValueError, match="too many copies"):  # programme codes and answers end in -P02 .. -P99
        replicate(store, 100)
    replicate(store, 2)
    with pytest.raises(ValueError, match="already holds copies"):
        replicate(store, 2)
    store.close()
    # the NIP sequence has three digits: a base whose sequences reach 500 cannot be copied twice
    employees = frames["employees"].copy()
    employees.loc[0, "nip"] = employees.loc[0, "nip"][:15] + "500"
    store = Store(":memory:")
    store.replace_all({"employees": employees}, as_of=AS_OF)
    with pytest.raises(ValueError, match="NIP sequence"):
        replicate(store, 2)
    assert store.count("employees") == len(employees)  # nothing written
    store.close()


def test_write_demo_national_is_the_province_copied(monkeypatch, frames):
    """write_demo("national") writes the province, then copies it 32 times more, answers in 32 parts (the
    province's drawing and the copying themselves are tested above: here the city stands in for the province)."""
    from sdm_analytics.demo import build

    calls = []
    monkeypatch.setattr(build, "_build", lambda seed, scale, say: calls.append(("build", scale)) or frames)
    monkeypatch.setattr(build, "replicate", lambda store, copies, **kw: calls.append(("copy", copies, kw)))
    store = Store(":memory:")
    messages: list[str] = []
    counts = write_demo(store, scale="national", progress=messages.append)
    assert calls == [("build", "province"), ("copy", 33, {"regions": 20, "survey_parts": 32, "say": messages.append})]
    assert counts == {kind: len(frame) for kind, frame in frames.items()}  # what the store holds
    assert messages == ["menulis ke basis data / writing the store"]
    assert store.ledger.scalar("SELECT count(*) FROM users") == 3
    store.close()
