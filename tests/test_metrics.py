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


@pytest.mark.parametrize("metric_id", METRIC_IDS)
def test_registry_entries_are_complete(metric_id):
    m = METRICS[metric_id]
    assert m.label_id and m.label_en and m.desc_id and m.desc_en and m.unit


def test_empty_population_gives_null_not_zero(small_store):
    result = compute(small_store, Filters.make(2025, {"opd": ["NO_SUCH_OPD"]}), ADMIN)
    assert result.values["headcount"] == 0
    assert all(result.values[m] is None for m in METRIC_IDS if m != "headcount")


def test_year_without_data_gives_nulls(small_store):
    result = compute(small_store, Filters.make(1990), ADMIN)
    assert result.values["headcount"] == 0
    assert result.values["jp20_rate"] is None


@pytest.mark.parametrize("dim", EMPLOYEE_DIMS)
def test_employee_breakdown_equals_filtering_each_value(small_store, dim):
    """METRICS.md: a breakdown is the same as filtering on each of its values."""
    filters = Filters.make(2025)
    frame = compute_by(small_store, filters, dim, ADMIN)
    for row in frame.to_dict("records"):
        if row[dim] is None or row[dim] != row[dim]:
            continue
        single = compute(small_store, filters.with_value(dim, [row[dim]]), ADMIN)
        for mid in METRIC_IDS:
            got = row[mid]
            got = None if got != got else got
            assert _close(got, single.values[mid]), f"{dim}={row[dim]} {mid}"


@pytest.mark.parametrize("dim", PROGRAM_DIMS)
def test_program_breakdown_keeps_population(small_store, dim):
    filters = Filters.make(2025)
    total = compute(small_store, filters, ADMIN)
    frame = compute_by(small_store, filters, dim, ADMIN)
    assert len(frame) > 0
    assert (frame["headcount"] == total.values["headcount"]).all()


def test_year_breakdown_equals_each_year(small_store):
    frame = compute_by(small_store, Filters.make(2025), "year", ADMIN, years=[2024, 2025])
    for row in frame.to_dict("records"):
        single = compute(small_store, Filters.make(row["year"]), ADMIN)
        assert _close(row["jp20_rate"], single.values["jp20_rate"])


def test_anonymous_answers_count_only_without_employee_filter(small_store):
    """An anonymous answer counts city-wide; any employee filter or a scope drops it."""
    city = compute(small_store, Filters.make(2025), ADMIN, ["reaction_score"])
    all_opds = [r[0] for r in small_store.rows("SELECT opd_code FROM units")]
    via_filter = compute(small_store, Filters.make(2025, {"opd": all_opds}), ADMIN, ["reaction_score"])
    via_scope = compute(small_store, Filters.make(2025), Scope.of(all_opds, role="admin"), ["reaction_score"])
    assert city.n["reaction_score"] > via_filter.n["reaction_score"]
    assert via_filter.values == via_scope.values
    assert city.values["reaction_score"] != via_filter.values["reaction_score"]


def test_small_survey_groups_suppressed_for_non_admin(small_store):
    filters = Filters.make(2025)
    admin = compute(small_store, filters, ADMIN)
    viewer = compute(small_store, filters, Scope.everything(role="pimpinan"))
    for mid in METRIC_IDS:
        m = METRICS[mid]
        if m.respondents and 0 < admin.n.get(mid, 0) and mid in viewer.suppressed:
            assert viewer.values[mid] is None
            assert admin.values[mid] is not None
    # the small fixture has fewer than 5 respondents on some survey metric
    assert viewer.suppressed, "expected at least one suppressed survey figure in the small fixture"
    assert all(METRICS[m].respondents for m in viewer.suppressed)


def test_jp_minimum_is_a_setting(small_store):
    filters = Filters.make(2025)
    at20 = compute(small_store, filters, ADMIN, ["jp20_rate"])
    at1 = compute(small_store, filters, ADMIN, ["jp20_rate"], settings=Settings(jp_min=1))
    at1 = at1.values["jp20_rate"]
    reach = compute(small_store, filters, ADMIN, ["reach_rate"]).values["reach_rate"]
    assert at1 >= at20.values["jp20_rate"]
    assert at1 <= reach + 1e-9


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
    assert small_store.count("employees") > 0


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
