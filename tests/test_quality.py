"""The data-quality scorecard against hand-made cases, and once on the demo store.

The hand-made store (year 2025, as-of 2026-01-15, so the reference date is
2025-12-31 and the application survey is due for programmes ending by
2025-10-02):

units  U1 urban, U2 rural, U3 without area (GHOST is not a unit)
P      E1 U1, E2 U1, E3 GHOST, E4 U3, E5 U2 (NIP date ≠ birth date),
       E6 U1 (NIP says P, gender L), E7 U2 (no birth date), E8 U2 (never trained)
not P  X1 left 2024-06-30, X2 hired 2026, X3 left on 2025-12-31; X1 carries
       every kind of problem and must not count.
progs  PA 20 JP / 3 days, luring, cost; PB 40 JP / 1 day, daring, no cost;
       PC 24 JP / 2 days (12 a day: plausible), daring; PD 10 JP, ends 2025-12-15;
       PG ends 2025-11-20 (survey not yet due), cost 0; PE 2024; PF 2025 with
       only X1 (30 JP / 1 day: implausible but outside the viewer's figures).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from sdm_analytics.engine import quality
from sdm_analytics.engine.metrics import METRICS
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store

COLUMNS = ["check", "label_id", "label_en", "problem", "total", "share", "severity", "affects",
           "hint_id", "hint_en"]

E1, E2, E3, E4 = "198501012010011001", "199002022015032002", "198803032012011003", "199104042018022004"
E5, E6, E7, E8 = "198705052011011005", "199206062019012006", "199307072020011007", "199408082021012008"
X1, X2, X3 = "197001012000011009", "199809092026011010", "196510101990011011"


def _employee(nip, gender, birth, opd, hire="2015-01-01", exit=None):
    return dict(nip=nip, name=f"Pegawai {nip[-3:]}", gender=gender, birth_date=birth, employment_type="PNS",
                rank_group="III/a", position_type="pelaksana", position_name=None, education="S1",
                opd_code=opd, hire_date=hire, exit_date=exit)


def _program(code, jp, start, end, mode="luring", cost=1_000_000.0):
    return dict(program_code=code, title=f"Program {code}", category="teknis", topic="digitalisasi", mode=mode,
                organizer="BKPSDM Kota Serang", jp=jp, start_date=start, end_date=end, capacity=30,
                cost_per_participant=cost)


def _part(code, nip, status, pre=None, post=None, jp_earned=None):
    return dict(program_code=code, nip=nip, status=status, attendance_pct=None, pre_test=pre, post_test=post,
                jp_earned=jp_earned)


def _answer(rid, item, nip, code, role="self", value=None, text=None, at="2025-07-01"):
    return dict(response_id=rid, item_code=item, nip=nip, program_code=code, respondent_role=role,
                submitted_at=at, value=value, answer_text=text)


FRAMES = {
    "units": pd.DataFrame([
        dict(opd_code="U1", opd_name="Unit Satu", opd_type="dinas", kecamatan="Serang", area="urban"),
        dict(opd_code="U2", opd_name="Unit Dua", opd_type="kelurahan", kecamatan="Walantaka", area="rural"),
        dict(opd_code="U3", opd_name="Unit Tiga", opd_type="badan", kecamatan="Serang", area=None),
    ]),
    "employees": pd.DataFrame([
        _employee(E1, "L", "1985-01-01", "U1"),
        _employee(E2, "P", "1990-02-02", "U1"),
        _employee(E3, "L", "1988-03-03", "GHOST"),
        _employee(E4, "P", "1991-04-04", "U3"),
        _employee(E5, "L", "1987-06-05", "U2"),  # NIP digits 1-8 say 1987-05-05
        _employee(E6, "L", "1992-06-06", "U1"),  # NIP digit 15 says P
        _employee(E7, "L", None, "U2"),  # no birth date: not a mismatch
        _employee(E8, "P", "1994-08-08", "U2"),
        _employee(X1, "P", "1971-01-01", "GHOST", hire="1995-01-01", exit="2024-06-30"),
        _employee(X2, "L", "1998-09-09", "U1", hire="2026-02-01"),
        _employee(X3, "L", "1965-10-10", "U1", hire="1990-01-01", exit="2025-12-31"),
    ]),
    "programs": pd.DataFrame([
        _program("PA", 20, "2025-03-03", "2025-03-05"),
        _program("PB", 40, "2025-05-10", "2025-05-10", mode="daring", cost=None),
        _program("PC", 24, "2025-06-02", "2025-06-03", mode="daring", cost=500_000.0),
        _program("PD", 10, "2025-12-12", "2025-12-15"),
        _program("PG", 8, "2025-11-19", "2025-11-20", cost=0.0),
        _program("PE", 8, "2024-10-30", "2024-11-01"),
        _program("PF", 30, "2025-04-01", "2025-04-01", cost=None),
    ]),
    "participations": pd.DataFrame([
        _part("PA", E1, "completed", 50, 70),
        _part("PB", E1, "completed", 60, None),  # only a pre-test
        _part("PA", E2, "completed"),  # no tests
        _part("PC", E2, "completed", 40, 80, jp_earned=30),  # more JP than the programme has
        _part("PA", E3, "dropped"),
        _part("PB", E4, "no_show"),  # not in the cost base
        _part("PC", E5, "failed", 30, 45),
        _part("PG", E5, "completed", 55, 75),
        _part("PE", E6, "completed", 60, 80),  # 2024 only: not "never"
        _part("PA", E7, "registered"),  # PA ended in March: outcome never recorded
        _part("PD", E7, "registered"),
        _part("PA", X1, "completed"),
        _part("PB", X1, "completed"),
        _part("PF", X1, "completed"),
        _part("PC", X1, "registered", jp_earned=99),
    ]),
    "survey_items": pd.DataFrame([
        dict(item_code="R1", survey_kind="reaction", dimension="materi", text_id="Materi relevan",
             text_en="Relevant", scale_min=1, scale_max=5),
        dict(item_code="R_KOM", survey_kind="reaction", dimension="komentar", text_id="Komentar",
             text_en="Comment", scale_min=None, scale_max=None),
        dict(item_code="A1", survey_kind="application", dimension="penerapan", text_id="Saya menerapkan",
             text_en="I apply", scale_min=1, scale_max=5),
    ]),
    "survey_responses": pd.DataFrame([
        _answer("RE1", "R1", E1, "PA", value=4.0, at="2025-03-06"),
        _answer("RE2", "R_KOM", E2, "PC", text="Materi bagus", at="2025-06-04"),  # a comment is an answer
        _answer("RE3", "R1", E5, "PG", value=5.0, at="2025-11-21"),
        _answer("RE4", "R1", None, "PB", value=3.0, at="2025-05-11"),  # anonymous: cannot be matched
        _answer("RE5", "R1", E1, "PB", at="2025-05-11"),  # blank row: no answer
        _answer("RE6", "R1", X1, "PA", value=5.0, at="2025-03-06"),
        _answer("AP1", "A1", E1, "PA", value=4.0),
        _answer("AP2", "A1", E2, "PA", role="supervisor", value=3.0),  # not the alumnus' own answer
    ]),
}
AS_OF = dt.date(2026, 1, 15)
ADMIN = Scope.everything(role="admin")


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store(":memory:")
    store.replace_all(FRAMES, as_of=AS_OF)
    yield store
    store.close()


def _figures(frame: pd.DataFrame) -> dict[str, tuple[int, int, str]]:
    return {r["check"]: (r["problem"], r["total"], r["severity"]) for r in frame.to_dict("records")}


CASES = [
    ("city", {}, ADMIN, {
        "unknown_unit": (2, 8, "bad"),  # E3 GHOST, E4 U3 without area
        "missing_tests": (2, 5, "bad"),  # E1-PB pre only, E2-PA none; of E1-PA, E1-PB, E2-PA, E2-PC, E5-PG
        "missing_cost": (1, 7, "bad"),  # E1-PB; E4-PB no_show left out; PG cost 0 is known
        "implausible_jp": (2, 5, "bad"),  # PB 40 JP in a day, PC jp_earned 30 > 24; PF has only X1
        "reaction_nonresponse": (2, 5, "warn"),  # E1-PB (blank row, anonymous answer), E2-PA
        "application_nonresponse": (3, 4, "bad"),  # due: PA, PB, PC; only E1-PA answered as self
        "nip_mismatch": (2, 8, "bad"),  # E5 birth date, E6 gender
        "no_training_record": (1, 8, "warn"),  # E8; E6 took part in 2024
        "registered_open": (2, 10, "bad"),  # E7-PA, E7-PD
        "estimated_dates": (0, 5, "ok"),  # no training history: every completion dated
    }),
    ("opd U1", {"opd": ["U1"]}, ADMIN, {
        "unknown_unit": (0, 3, "ok"),
        "missing_tests": (2, 4, "bad"),
        "missing_cost": (1, 4, "bad"),
        "implausible_jp": (2, 3, "bad"),  # PA, PB, PC
        "reaction_nonresponse": (2, 4, "bad"),
        "application_nonresponse": (3, 4, "bad"),
        "nip_mismatch": (1, 3, "bad"),
        "no_training_record": (0, 3, "ok"),
        "registered_open": (0, 4, "ok"),
        "estimated_dates": (0, 4, "ok"),  # no training history: every completion dated
    }),
    ("scope U2", {}, Scope.of(["U2"]), {
        "unknown_unit": (0, 3, "ok"),
        "missing_tests": (0, 1, "ok"),
        "missing_cost": (0, 2, "ok"),
        "implausible_jp": (0, 4, "ok"),  # PA, PC, PD, PG: PC's excess jp_earned is E2's, outside U2
        "reaction_nonresponse": (0, 1, "ok"),
        "application_nonresponse": (0, 0, "ok"),  # PG not yet due: share null
        "nip_mismatch": (1, 3, "bad"),
        "no_training_record": (1, 3, "bad"),
        "registered_open": (2, 4, "bad"),
        "estimated_dates": (0, 1, "ok"),  # no training history: every completion dated
    }),
    ("mode daring", {"mode": ["daring"]}, ADMIN, {
        "unknown_unit": (2, 8, "bad"),  # a population check: program filters do not narrow it
        "missing_tests": (1, 2, "bad"),
        "missing_cost": (1, 3, "bad"),
        "implausible_jp": (2, 2, "bad"),
        "reaction_nonresponse": (1, 2, "bad"),
        "application_nonresponse": (2, 2, "bad"),
        "nip_mismatch": (2, 8, "bad"),
        "no_training_record": (4, 8, "bad"),  # E3, E6, E7, E8 never in an online programme
        "registered_open": (0, 4, "ok"),
        "estimated_dates": (0, 2, "ok"),  # no training history: every completion dated
    }),
    ("gender P", {"gender": ["P"]}, ADMIN, {
        "unknown_unit": (1, 3, "bad"),  # E2, E4, E8
        "missing_tests": (1, 2, "bad"),
        "missing_cost": (0, 2, "ok"),
        "implausible_jp": (2, 3, "bad"),  # PA, PB (E4 no_show), PC
        "reaction_nonresponse": (1, 2, "bad"),
        "application_nonresponse": (2, 2, "bad"),
        "nip_mismatch": (0, 3, "ok"),
        "no_training_record": (1, 3, "bad"),
        "registered_open": (0, 3, "ok"),
        "estimated_dates": (0, 2, "ok"),  # no training history: every completion dated
    }),
]


@pytest.mark.parametrize("name,values,scope,expected", CASES, ids=[c[0] for c in CASES])
def test_checks_match_hand_counts(store, name, values, scope, expected):
    frame = quality.checks(store, Filters.make(2025, values), scope)
    assert list(frame.columns) == COLUMNS
    assert _figures(frame) == expected
    for row in frame.to_dict("records"):
        if row["total"]:
            assert row["share"] == pytest.approx(row["problem"] / row["total"])
        else:
            assert math.isnan(row["share"])


def test_one_row_per_check_in_registry_order(store):
    frame = quality.checks(store, Filters.make(2025), ADMIN)
    assert list(frame["check"]) == [c.id for c in quality.CHECKS]
    assert frame["check"].is_unique


# The checks docs/metrics.md 3.5 names, the figures whose trust note each carries, and the page's labels.
EXPECTED_CHECKS = {
    "unknown_unit": (("reach_ratio_nonurban",), "Unit kerja tidak dikenal", "Unknown unit"),
    "missing_tests": (("learning_gain", "normalized_gain"), "Nilai pre/post-test kosong", "Missing test scores"),
    "missing_cost": (("cost_total", "cost_per_jp"), "Biaya program kosong", "Missing programme cost"),
    "implausible_jp": (("jp_total", "jp20_rate", "jp_per_asn", "cost_per_jp", "online_share"), "JP tidak wajar",
                       "Implausible JP"),
    "reaction_nonresponse": (("reaction_score", "reaction_favorable"), "Lulusan tanpa jawaban survei reaksi",
                             "Completers without a reaction survey answer"),
    "application_nonresponse": (("application_score", "application_rate"), "Alumni tanpa jawaban survei penerapan",
                                "Alumni without an application survey answer"),
    "nip_mismatch": (("headcount",), "NIP tidak cocok", "NIP mismatch"),
    "no_training_record": (("reach_rate", "jp20_rate"), "Tanpa catatan pelatihan sama sekali",
                           "No training on record at all"),
    "registered_open": (("completion_rate", "dropout_rate"), "Status peserta belum diperbarui", "Outcome not recorded"),
    "estimated_dates": (("jp20_rate", "jp_total", "jp_per_asn"), "Tanggal sertifikat hanya tahun",
                        "Certificate dated by year only"),
}


def test_the_registry_holds_the_documented_checks():
    assert {c.id: (c.affects, c.label_id, c.label_en) for c in quality.CHECKS} == EXPECTED_CHECKS


@pytest.mark.parametrize("check", quality.CHECKS, ids=lambda c: c.id)
def test_registry_entries_are_complete(check):
    assert set(check.affects) <= set(METRICS)
    assert check.hint_id.strip() and check.hint_en.strip() and check.hint_id != check.hint_en
    assert "{n}" in check.note_id and "{n}" in check.note_en and check.note_id != check.note_en
    assert 0 < check.warn < check.bad <= 1


def test_open_registrations_use_the_as_of_date_of_a_running_year():
    """With data as of 2025-12-15 PD ends on the reference date: not yet over, so not counted."""
    running = Store(":memory:")
    running.replace_all(FRAMES, as_of=dt.date(2025, 12, 15))
    figures = _figures(quality.checks(running, Filters.make(2025), ADMIN))
    running.close()
    assert figures["registered_open"] == (1, 9, "bad")  # E7-PA only
    assert figures["application_nonresponse"] == (3, 4, "bad")  # due by 2025-09-16: PA, PB, PC


def test_max_jp_a_day_follows_minutes_per_jp(store):
    """With 60-minute lessons 9 hours are 9 JP a day, so PC's 12 JP a day becomes implausible."""
    from sdm_analytics.settings import Settings

    frame = quality.checks(store, Filters.make(2025, {"opd": ["U2"]}), ADMIN, Settings(minutes_per_jp=60))
    assert _figures(frame)["implausible_jp"] == (1, 4, "bad")  # PC; PA 6.7, PD 2.5, PG 4 a day


def test_empty_year_gives_zero_totals_and_null_shares(store):
    frame = quality.checks(store, Filters.make(1980), ADMIN)  # nobody hired yet
    assert list(frame["check"]) == list(EXPECTED_CHECKS)  # every check, each with nothing to count
    assert (frame["total"] == 0).all() and (frame["problem"] == 0).all()
    assert frame["share"].isna().all() and (frame["severity"] == "ok").all()


@pytest.mark.parametrize("share,expected", [(None, "ok"), (0.0, "ok"), (0.0199, "ok"), (0.02, "warn"),
                                            (0.0999, "warn"), (0.10, "bad"), (1.0, "bad")])
def test_severity_thresholds(share, expected):
    assert quality.severity(share, quality.CHECKS[0]) == expected


def _frame(**rows: tuple[int, int, str]) -> pd.DataFrame:
    checks = {c.id: c for c in quality.CHECKS}
    return pd.DataFrame([dict(check=k, problem=p, total=t, share=p / t, severity=s, affects=checks[k].affects)
                         for k, (p, t, s) in rows.items()])


def test_trust_note_in_indonesian_number_format():
    frame = _frame(missing_tests=(153, 1234, "bad"))
    assert quality.trust_notes(frame, ["learning_gain"]) == [
        "12,4% peserta yang lulus pelatihan bertes tidak memiliki nilai pre/post-test (n = 1.234): "
        "angka peningkatan nilai kurang dapat dipercaya."]
    assert quality.trust_notes(frame, ["learning_gain"], lang="en") == [
        "12.4% of completers of tested training have no pre/post-test score (n = 1,234): "
        "learning-gain figures are less reliable."]


def test_trust_notes_only_for_shown_metrics_at_warn_or_bad_bad_first():
    frame = _frame(unknown_unit=(1, 1000, "ok"), missing_cost=(30, 1000, "warn"),
                   reaction_nonresponse=(4321, 10000, "warn"), registered_open=(250, 1000, "bad"))
    assert quality.trust_notes(frame, ["learning_gain", "headcount"]) == []
    assert quality.trust_notes(frame, ["reach_ratio_nonurban"]) == []  # unknown_unit is ok
    assert quality.trust_notes(frame, ["cost_per_jp", "reaction_score", "completion_rate"]) == [
        "25,0% peserta program yang sudah selesai masih berstatus terdaftar (n = 1.000): "
        "tingkat kelulusan dan putus kurang dapat dipercaya.",
        "3,0% peserta mengikuti program tanpa data biaya (n = 1.000): total biaya lebih rendah dari sebenarnya.",
        "Hanya 56,8% peserta yang lulus mengisi survei reaksi (n = 10.000): skor reaksi kurang dapat dipercaya.",
    ]


def test_trust_notes_from_checks(store):
    frame = quality.checks(store, Filters.make(2025), ADMIN)
    assert quality.trust_notes(frame, ["reaction_score", "reach_rate"]) == [
        "Hanya 60,0% peserta yang lulus mengisi survei reaksi (n = 5): skor reaksi kurang dapat dipercaya.",
        "12,5% ASN tidak punya satu pun catatan pelatihan sampai akhir tahun ini, dalam status apa pun (n = 8): "
        "daftar hadir mungkin belum lengkap, sehingga jangkauan bisa tampak lebih rendah.",
    ]


def test_program_response_rates(store):
    frame = quality.program_response_rates(store, Filters.make(2025), ADMIN)
    rows = {r["program_code"]: r for r in frame.to_dict("records")}
    assert list(frame["program_code"]) == ["PB", "PA", "PC", "PG", "PD"]  # lowest reaction rate first; PF: X1 only

    def clean(v):
        return None if v is None or v != v else v

    got = {k: (r["completions"], r["reaction_respondents"], clean(r["reaction_rate"]), r["application_due"],
               r["application_respondents"], clean(r["application_rate"])) for k, r in rows.items()}
    assert got == {
        "PA": (2, 1, 0.5, True, 1, 0.5),
        "PB": (1, 0, 0.0, True, 0, 0.0),
        "PC": (1, 1, 1.0, True, 0, 0.0),
        "PD": (0, 0, None, False, 0, None),
        "PG": (1, 1, 1.0, False, 0, None),
    }


def test_program_response_rates_follow_employee_filters(store):
    frame = quality.program_response_rates(store, Filters.make(2025, {"opd": ["U2"]}), ADMIN)
    assert sorted(frame["program_code"]) == ["PA", "PC", "PD", "PG"]
    assert frame.set_index("program_code").loc["PG", "completions"] == 1


# -- the demo store -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo() -> Store:
    from sdm_analytics.demo import write_demo

    store = Store(":memory:")
    write_demo(store)
    yield store
    store.close()


def test_every_check_runs_on_the_demo(demo):
    frame = quality.checks(demo, Filters.make(2025))
    print("\n" + frame[["check", "problem", "total", "share", "severity"]].to_string())
    for note in quality.trust_notes(frame, list(METRICS)):
        print(note)
    assert list(frame["check"]) == [c.id for c in quality.CHECKS]
    assert (frame["total"] > 0).all()
    assert set(frame["severity"]) <= set(quality.SEVERITIES)
    rates = quality.program_response_rates(demo, Filters.make(2025))
    assert len(rates) > 0 and rates["reaction_rate"].dropna().between(0, 1).all()


def test_demo_checks_agree_with_program_table(demo):
    filters = Filters.make(2025)
    frame = quality.checks(demo, filters).set_index("check")
    rates = quality.program_response_rates(demo, filters)
    assert rates["completions"].sum() == frame.loc["reaction_nonresponse", "total"]
    assert rates["completions"].sum() - rates["reaction_respondents"].sum() == frame.loc[
        "reaction_nonresponse", "problem"]
    due = rates[rates["application_due"]]
    assert due["completions"].sum() == frame.loc["application_nonresponse", "total"]


def test_untested_categories_are_not_missing_tests():
    """Seminars and coaching record no tests: their completers are not counted as missing scores."""
    from sdm_analytics.store import Store

    store = Store(":memory:")
    store.replace_all({
        "units": pd.DataFrame({"opd_code": ["U1"], "opd_name": ["Unit"], "area": ["urban"]}),
        "employees": pd.DataFrame({"nip": ["198501012010011001"], "name": ["A"], "opd_code": ["U1"],
                                   "hire_date": ["2010-01-01"]}),
        "programs": pd.DataFrame({"program_code": ["S", "T"], "title": ["Seminar", "Bimtek"],
                                  "category": ["seminar", "teknis"], "jp": [4, 20],
                                  "start_date": ["2025-03-01", "2025-04-01"], "end_date": ["2025-03-01", "2025-04-03"]}),
        "participations": pd.DataFrame({"program_code": ["S", "T"], "nip": ["198501012010011001"] * 2,
                                        "status": ["completed", "completed"]}),
    })
    row = quality.checks(store, Filters.make(2025)).set_index("check").loc["missing_tests"]
    assert (row["problem"], row["total"]) == (1, 1)
