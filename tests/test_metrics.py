"""Every scalar metric against hand-computed values (tests/data/small/expected.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sdm_analytics.engine.metrics import METRIC_IDS, METRICS, compute, compute_by
from sdm_analytics.filters import EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from sdm_analytics.settings import Settings

SMALL = Path(__file__).parent / "data" / "small"
CASES = json.loads((SMALL / "expected.json").read_text())["cases"]
ADMIN = Scope.everything(role="admin")


def _scope(case: dict) -> Scope:
    return ADMIN if case.get("scope") is None else Scope.of(case["scope"], role="admin")


def _settings(case: dict) -> Settings:
    """The case's settings (e.g. a PPPK minimum of 24 JP), else the defaults."""
    return Settings(**case.get("settings", {}))


def _close(actual, expected) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and actual == pytest.approx(expected, rel=1e-6, abs=1e-9)


SCALAR = [(c["name"], mid) for c in CASES if "expected" in c for mid in c["expected"]]


def test_every_plain_case_covers_every_metric():
    """A case without special settings lists all 19 metrics (a case with settings lists what it is about)."""
    for case in CASES:
        if "expected" in case and "settings" not in case:
            assert set(case["expected"]) == set(METRIC_IDS), case["name"]


@pytest.mark.parametrize("case_name,metric_id", SCALAR)
def test_metric_matches_hand_computed(small_store, case_name, metric_id):
    case = next(c for c in CASES if c["name"] == case_name)
    result = compute(small_store, Filters.make(case["year"], case.get("filters")), _scope(case),
                     settings=_settings(case))
    assert _close(result.values[metric_id], case["expected"][metric_id]), (
        f"{case_name} {metric_id}: got {result.values[metric_id]}, expected {case['expected'][metric_id]}")
    if metric_id in case.get("expected_n", {}):
        assert result.n[metric_id] == case["expected_n"][metric_id], f"{case_name} n of {metric_id}"


BY_CASES = [c for c in CASES if c.get("by")]


@pytest.mark.parametrize("case", BY_CASES, ids=[c["name"] for c in BY_CASES])
def test_breakdown_matches_hand_computed(small_store, case):
    frame = compute_by(small_store, Filters.make(case["year"], case.get("filters")), case["by"], _scope(case),
                       settings=_settings(case))
    rows = {r[case["by"]]: r for r in frame.to_dict("records")}
    assert set(rows) == set(case["expected_rows"])
    for key, expected in case["expected_rows"].items():
        for mid, value in expected.items():
            actual = rows[key][mid]
            actual = None if actual != actual else actual
            assert _close(actual, value), f"{case['name']} {key} {mid}: got {actual}, expected {value}"
        for mid, n in case.get("expected_rows_n", {}).get(key, {}).items():
            assert rows[key][f"n_{mid}"] == n, f"{case['name']} {key} n of {mid}"


def test_registry_covers_the_metrics_document():
    """Every metric id of the product's own docs/metrics.md is in the registry, in its order, and nothing else;
    its labels are the registry's (with the default settings)."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "metrics.md").read_text()
    rows = [line for line in doc.splitlines() if re.match(r"^\| [a-z_0-9]+ \|", line) and not line.startswith("| id |")]
    ids = [row.split("|")[1].strip() for row in rows]
    assert ids == list(METRIC_IDS)
    for row, mid in zip(rows, ids):
        cells = [c.strip() for c in row.split("|")]
        assert cells[2] == METRICS[mid].label("id") and cells[3] == METRICS[mid].label("en"), mid


def _doc_rows() -> dict[str, list[str]]:
    """The metric table of docs/metrics.md: id -> [id, label (id), label (en), unit, definition]."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "metrics.md").read_text()
    rows = [line for line in doc.splitlines() if re.match(r"^\| [a-z_0-9]+ \|", line) and not line.startswith("| id |")]
    return {cells[0]: cells for cells in ([c.strip() for c in row.strip().strip("|").split("|")] for row in rows)}


DOC = _doc_rows()
UNITS = {"people", "jp", "rate", "points", "gain", "score", "idr", "idr_per_jp", "ratio"}


@pytest.mark.parametrize("metric_id", METRIC_IDS)
def test_registry_entries_are_the_documented_ones(metric_id):
    """Each entry says what docs/metrics.md says: its unit, labels, which way is better (the doc's "Lower is
    better"), and whether it is a survey figure suppressed under K; its descriptions are its own in each
    language, with the configured minimum written out."""
    m = METRICS[metric_id]
    _, label_id, label_en, unit, definition = DOC[metric_id]
    assert m.unit == unit and unit in UNITS
    assert (m.label("id"), m.label("en")) == (label_id, label_en)
    assert (m.better == "lower") == ("Lower is better" in definition)
    assert (m.respondents is not None) == ("suppressed" in definition)
    for lang in ("id", "en"):
        text = m.description(lang)
        assert text.strip() and "{" not in text and text != m.label(lang), lang
    assert m.description("id") != m.description("en")


def test_the_jp_minimum_is_written_into_the_compliance_label_and_description():
    """docs/metrics.md: the label shows the configured minimum ("Kepatuhan 20 JP", or "20/24" when PNS and PPPK
    differ)."""
    m = METRICS["jp20_rate"]
    assert m.label("id") == "Kepatuhan 20 JP" and m.label("en") == "20 JP compliance"
    both = Settings(jp_min=24, jp_min_pppk=24)
    assert m.label("id", both) == "Kepatuhan 24 JP" and "(24 JP;" in m.description("id", both)
    apart = Settings(jp_min=20, jp_min_pppk=24)
    assert m.label("id", apart) == "Kepatuhan 20/24 JP" and m.label("en", apart) == "20/24 JP compliance"
    assert "(20 JP (PNS) / 24 JP (PPPK);" in m.description("en", apart)


def test_empty_population_gives_null_not_zero(small_store):
    result = compute(small_store, Filters.make(2025, {"opd": ["NO_SUCH_OPD"]}), ADMIN)
    assert result.values["headcount"] == 0
    assert all(result.values[m] is None for m in METRIC_IDS if m != "headcount")


def test_year_without_data_gives_nulls(small_store):
    result = compute(small_store, Filters.make(1990), ADMIN)
    assert result.values["headcount"] == 0
    assert result.values["jp20_rate"] is None


# Headcount of P(2025) by employee dimension, from the fixture's README (17 people).
HEADCOUNT_2025 = {
    "opd": {"DISKOMINFO": 3, "BAPPEDA": 3, "KEC_KASEMEN": 5, "DINDIK": 6},
    "unit": {"DISKOMINFO": 3, "BAPPEDA": 3, "KEC_KASEMEN": 3, "KEL_SAWAHLUHUR": 2, "DINDIK": 2, "KORWIL_KASEMEN": 2,
             "SDN_KASEMEN_1": 2},
    "area": {"urban": 8, "rural": 7, "remote": 2},
    "kecamatan": {"Serang": 5, "Cipocok Jaya": 3, "Kasemen": 9},
    "employment_type": {"PNS": 12, "PPPK": 5},
    "rank_group": {"II": 3, "III": 6, "IV": 3, "PPPK IX": 3, "PPPK V": 2},
    "position_type": {"administrator": 1, "fungsional": 5, "jpt": 2, "pelaksana": 7, "pengawas": 2},
    "gender": {"L": 9, "P": 8},
}


@pytest.mark.parametrize("dim", EMPLOYEE_DIMS)
def test_employee_breakdown_equals_filtering_each_value(small_store, dim):
    """METRICS.md: a breakdown is the same as filtering on each of its values; its groups split P(Y)."""
    filters = Filters.make(2025)
    frame = compute_by(small_store, filters, dim, ADMIN)
    assert frame["headcount"].sum() == 17 and len(frame) >= 2  # every member of P(2025), in some group
    if dim in HEADCOUNT_2025:
        assert dict(zip(frame[dim], frame["headcount"])) == HEADCOUNT_2025[dim]
    for row in frame.to_dict("records"):
        if row[dim] is None or row[dim] != row[dim]:
            continue
        single = compute(small_store, filters.with_value(dim, [row[dim]]), ADMIN)
        for mid in METRIC_IDS:
            got = row[mid]
            got = None if got != got else got
            assert _close(got, single.values[mid]), f"{dim}={row[dim]} {mid}"


def _programs_ending(year: int) -> list[dict]:
    import csv

    with open(SMALL / "programs.csv", newline="", encoding="utf-8-sig") as f:
        return [r for r in csv.DictReader(f) if r["end_date"].startswith(str(year))]


# A programme breakdown has one row per value of the programmes ending in 2025 (PG01-PG06, PG10-PG13).
PROGRAM_VALUES_2025 = {
    "category": {"teknis", "kepemimpinan", "seminar", "latsar", "orientasi", "kursus"},
    "topic": {"digitalisasi", "pelayanan_publik", "kepemimpinan", "keuangan_daerah", "integritas", "kearsipan",
              "nilai_dasar_asn", "kurikulum", "bahasa_asing"},
    "mode": {"daring", "luring", "blended"},
    "organizer": {r["organizer"] for r in _programs_ending(2025)},
    "program": {"PG01", "PG02", "PG03", "PG04", "PG05", "PG06", "PG10", "PG11", "PG12", "PG13"},
}


@pytest.mark.parametrize("dim", PROGRAM_DIMS)
def test_program_breakdown_keeps_population(small_store, dim):
    """Each value of a programme dimension is its own programme filter: the population stays P(2025) (17)."""
    filters = Filters.make(2025)
    frame = compute_by(small_store, filters, dim, ADMIN)
    assert set(frame[dim]) == PROGRAM_VALUES_2025[dim]
    assert list(frame["headcount"]) == [17] * len(frame)


def test_year_breakdown_equals_each_year(small_store):
    frame = compute_by(small_store, Filters.make(2025), "year", ADMIN, years=[2024, 2025])
    assert list(frame["year"]) == [2024, 2025]
    assert list(frame["jp20_rate"]) == pytest.approx([3 / 15, 8 / 14])  # city_2024, city_2025
    for row in frame.to_dict("records"):
        single = compute(small_store, Filters.make(row["year"]), ADMIN)
        assert _close(row["jp20_rate"], single.values["jp20_rate"])


def test_anonymous_answers_count_only_without_employee_filter(small_store):
    """An anonymous answer counts city-wide; any employee filter or a scope drops it."""
    city = compute(small_store, Filters.make(2025), ADMIN, ["reaction_score"])
    all_opds = [r[0] for r in small_store.rows("SELECT opd_code FROM units")]
    via_filter = compute(small_store, Filters.make(2025, {"opd": all_opds}), ADMIN, ["reaction_score"])
    via_scope = compute(small_store, Filters.make(2025), Scope.of(all_opds, role="admin"), ["reaction_score"])
    # city (case city_2025): 74 answer points / 20 answers = 3.7 from 9 respondents, the anonymous RX03 among them
    assert (city.values["reaction_score"], city.n["reaction_score"]) == (pytest.approx(3.7), 9)
    # without RX03 (2, 3): 69 / 18 from 8 respondents, whether the OPDs come as a filter or as a scope
    assert (via_filter.values["reaction_score"], via_filter.n["reaction_score"]) == (pytest.approx(69 / 18), 8)
    assert (via_scope.values["reaction_score"], via_scope.n["reaction_score"]) == (pytest.approx(69 / 18), 8)


def test_small_survey_groups_suppressed_for_non_admin(small_store):
    filters = Filters.make(2025)
    admin = compute(small_store, filters, ADMIN)
    viewer = compute(small_store, filters, Scope.everything(role="pimpinan"))
    for mid in METRIC_IDS:
        m = METRICS[mid]
        if m.respondents and 0 < admin.n.get(mid, 0) and mid in viewer.suppressed:
            assert viewer.values[mid] is None
            assert admin.values[mid] is not None
    # city 2025: only the supervisors' application score has fewer than 5 respondents (3); readiness has
    # exactly 5 and is shown; every other figure is the admin's
    assert viewer.suppressed == {"supervisor_application_score"}
    assert admin.values["supervisor_application_score"] == pytest.approx(4.166666667)
    assert {k: v for k, v in viewer.values.items() if k not in viewer.suppressed} == {
        k: v for k, v in admin.values.items() if k not in viewer.suppressed}


def test_jp_minimum_is_a_setting(small_store):
    filters = Filters.make(2025)
    """F(2025) has 14 members; JP (README): PNS E01 24, E05 24, E04 28, E14 40, E08 40, E09 19.5, E12 0, E13 16,
    E18 20, E19 0, E20 34; PPPK E02 18, E10 0, E15 20."""

    def rate(**settings) -> float:
        return compute(small_store, filters, ADMIN, ["jp20_rate"], settings=Settings(**settings)).values["jp20_rate"]

    assert rate() == pytest.approx(8 / 14)  # E01, E05, E04, E14, E08, E20 + E18, E15 at exactly 20
    assert rate(jp_min=1) == pytest.approx(10 / 14)  # PNS with any JP (9) + E15: PPPK keep their own 20
    assert rate(jp_min=1, jp_min_pppk=1) == pytest.approx(11 / 14)  # + E02 (18)
    assert rate(jp_min=30) == pytest.approx(4 / 14)  # E14, E08, E20 + E15 (PPPK at 20)


def test_unknown_metric_or_dimension_raises(small_store):
    with pytest.raises(ValueError):
        compute(small_store, Filters.make(2025), ADMIN, ["no_such_metric"])
    with pytest.raises(ValueError):
        compute_by(small_store, Filters.make(2025), "shoe_size", ADMIN)
    with pytest.raises(ValueError):
        Filters.make(2025, {"shoe_size": ["42"]})


def test_user_values_are_bound_not_pasted(small_store):
    """A hostile filter value is just a value that matches nothing."""
    evil = "x'); DROP TABLE employees; --"
    result = compute(small_store, Filters.make(2025, {"opd": [evil], "mode": [evil]}), ADMIN)
    assert result.values["headcount"] == 0
    assert small_store.count("employees") == 20  # E01-E20, all still there


def test_breakdown_keeps_people_whose_attribute_is_empty(mem_store):
    """Employees without an education code form their own (unknown) row; none vanish from the breakdown."""
    import pandas as pd

    mem_store.replace_all({
        "units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["A"], "area": ["urban"]}),
        "employees": pd.DataFrame({"nip": ["198501012010011001", "198501012010011002", "198501012010011003"],
                                   "name": ["a", "b", "c"], "opd_code": "A", "hire_date": "2010-01-01",
                                   "education": [None, None, "S1"]}),
    })
    frame = compute_by(mem_store, Filters.make(2025), "education", ADMIN, ["headcount"])
    rows = {r["education"]: r["headcount"] for r in frame.to_dict("records")}
    assert rows == {None: 2, "S1": 1}
