"""The analysts' Python API (sdm_analytics/engine/api.py, published at the package top): the engine's figures as a
DataFrame, checked against the hand-computed small store (tests/data/small/expected.json) and the engine."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import sdm_analytics as sdm
from sdm_analytics import store as store_module
from sdm_analytics.engine import api
from sdm_analytics.engine.metrics import METRIC_IDS, compute_by
from sdm_analytics.filters import DIMENSIONS, Filters, Scope
from sdm_analytics.settings import Settings
from sdm_analytics.store import Store

ROOT = Path(__file__).resolve().parents[1]
SMALL = Path(__file__).parent / "data" / "small"
CASES = {c["name"]: c for c in json.loads((SMALL / "expected.json").read_text())["cases"]}
DEFAULTS = Settings()


def _same(value, expected) -> bool:
    """A frame's value against expected.json's: null is NaN in the frame."""
    if expected is None:
        return pd.isna(value)
    return not pd.isna(value) and math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12)


def _check_row(row: pd.Series, case: dict) -> None:
    for mid, expected in case["expected"].items():
        assert _same(row[mid], expected), (case["name"], mid, row[mid], expected)
    for mid, n in case.get("expected_n", {}).items():
        assert row[f"n_{mid}"] == n, (case["name"], mid)


@pytest.fixture
def forget_shared():
    """Paths this test opened through the process-wide cache (store.open_store): closed and forgotten after."""
    paths: list[str] = []
    yield paths
    for path in paths:
        with store_module._open_lock:
            opened = store_module._open.pop(path, None)
        if opened is not None:
            opened.close()


@pytest.fixture
def small_file(tmp_path: Path) -> str:
    """The small store as a file (for the path-string form)."""
    path = str(tmp_path / "small.duckdb")
    store = Store(path)
    store.load_csv_dir(SMALL)
    store.close()
    return path


# -- compute: one row --------------------------------------------------------------------------------------------
def test_one_row_is_the_hand_computed_figures(small_store):
    frame = api.compute(small_store, 2025, settings=DEFAULTS)
    assert len(frame) == 1
    ids = list(METRIC_IDS)
    assert list(frame.columns) == ids + [f"n_{m}" for m in ids] + [f"suppressed_{m}" for m in ids]
    _check_row(frame.iloc[0], CASES["city_2025"])
    assert frame["headcount"].dtype.kind == "i" and frame["headcount"].iloc[0] == 17  # a count stays an int
    assert all(frame[f"n_{m}"].dtype.kind == "i" for m in ids)
    assert not frame[[f"suppressed_{m}" for m in ids]].any(axis=None)  # admin, the default role


def test_a_null_figure_is_nan_and_the_chosen_metrics_keep_their_order(small_store):
    """empty_group (DISKOMINFO, men): headcount 0, the rates null; metrics come in the order asked for."""
    case = CASES["empty_group"]
    frame = api.compute(small_store, 2025, ["reach_rate", "headcount", "cost_total"], case["filters"],
                        settings=DEFAULTS)
    assert list(frame.columns) == ["reach_rate", "headcount", "cost_total", "n_reach_rate", "n_headcount",
                                   "n_cost_total", "suppressed_reach_rate", "suppressed_headcount",
                                   "suppressed_cost_total"]
    row = frame.iloc[0]
    assert pd.isna(row["reach_rate"]) and frame["reach_rate"].dtype.kind == "f"
    assert row["headcount"] == 0 and row["cost_total"] == 0.0


@pytest.mark.parametrize("name", ["opd_A_2025", "mode_daring_2025", "rank_III_pppk9_2025", "unit_KORWIL_2025",
                                  "city_2024"])
def test_filters_dict_gives_the_hand_computed_figures(small_store, name):
    case = CASES[name]
    frame = api.compute(small_store, case["year"], filters=case["filters"], settings=DEFAULTS)
    _check_row(frame.iloc[0], case)


def test_a_single_code_may_be_a_string(small_store):
    as_list = api.compute(small_store, 2025, filters={"opd": ["DINDIK"]}, settings=DEFAULTS)
    as_text = api.compute(small_store, 2025, filters={"opd": "DINDIK"}, settings=DEFAULTS)
    pd.testing.assert_frame_equal(as_list, as_text)
    _check_row(as_text.iloc[0], CASES["opd_DINDIK_2025"])


@pytest.mark.parametrize("name", ["scope_B_2025", "scope_KASEMEN_2025"])
def test_opds_is_the_viewer_s_scope(small_store, name):
    case = CASES[name]
    frame = api.compute(small_store, 2025, opds=case["scope"], settings=DEFAULTS)
    _check_row(frame.iloc[0], case)
    one = api.compute(small_store, 2025, opds=case["scope"][0], settings=DEFAULTS)  # one OPD as a string
    pd.testing.assert_frame_equal(frame, one)


# -- compute: a breakdown ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_by_opd_is_the_engine_s_compute_by(small_store, role):
    frame = api.compute(small_store, 2025, by="opd", role=role, settings=DEFAULTS)
    engine = compute_by(small_store, Filters.make(2025), "opd", Scope.everything(role), list(METRIC_IDS),
                        settings=DEFAULTS)
    pd.testing.assert_frame_equal(frame, engine)
    assert frame.columns[0] == "opd" and len(frame) > 1


def test_by_area_gives_the_hand_computed_rows(small_store):
    case = CASES["by_area_2025"]
    frame = api.compute(small_store, 2025, by="area", settings=DEFAULTS).set_index("area")
    assert sorted(frame.index) == sorted(case["expected_rows"])
    for key, expected in case["expected_rows"].items():
        _check_row(frame.loc[key], {"name": key, "expected": expected, "expected_n": case["expected_rows_n"][key]})


def test_by_year_and_by_with_filters_and_scope(small_store):
    frame = api.compute(small_store, 2025, ["jp20_rate"], by="year", settings=DEFAULTS).set_index("year")
    assert frame.loc[2024, "jp20_rate"] == pytest.approx(3 / 15) and frame.loc[2025, "jp20_rate"] == pytest.approx(8 / 14)
    filters = {"mode": ["luring"], "opd": ["DINDIK"]}
    frame = api.compute(small_store, 2025, ["reach_rate"], filters, by="area", role="evaluator", opds=["DINDIK"],
                        settings=DEFAULTS)
    engine = compute_by(small_store, Filters.make(2025, filters), "area", Scope.of(["DINDIK"], "evaluator"),
                        ["reach_rate"], settings=DEFAULTS)
    pd.testing.assert_frame_equal(frame, engine)


# -- roles -------------------------------------------------------------------------------------------------------
def test_pimpinan_sees_small_groups_suppressed(small_store):
    """City 2025: the supervisors' application score has 3 respondents (< 5): hidden for leadership, NaN and
    flagged; the admin sees 4.1667. By OPD (3 people each) leadership sees only the headcounts."""
    admin = api.compute(small_store, 2025, settings=DEFAULTS).iloc[0]
    boss = api.compute(small_store, 2025, role="pimpinan", settings=DEFAULTS).iloc[0]
    assert admin["supervisor_application_score"] == pytest.approx(4.166666667)
    assert not admin["suppressed_supervisor_application_score"]
    assert pd.isna(boss["supervisor_application_score"]) and boss["suppressed_supervisor_application_score"]
    assert [m for m in METRIC_IDS if boss[f"suppressed_{m}"]] == ["supervisor_application_score"]
    by_opd = api.compute(small_store, 2025, ["headcount", "jp20_rate"], by="opd", opds=["BAPPEDA"],
                         role="pimpinan", settings=DEFAULTS)
    assert list(by_opd["opd"]) == ["BAPPEDA"] and by_opd["headcount"].iloc[0] == 3
    assert pd.isna(by_opd["jp20_rate"].iloc[0]) and by_opd["suppressed_jp20_rate"].iloc[0]


# -- wrong arguments ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, bad, valid", [
    ({"metrics": ["jp20_rate", "jp_rate"]}, "jp_rate", "reach_rate"),
    ({"metrics": "jp_rate"}, "jp_rate", "jp20_rate"),
    ({"filters": {"opd": ["DINDIK"], "agency": ["X"]}}, "agency", "employment_type"),
    ({"by": "agency"}, "agency", "year"),
    ({"role": "boss"}, "boss", "pimpinan, evaluator, admin"),
])
def test_unknown_metric_dimension_or_role_is_a_value_error_naming_the_valid_ones(small_store, kwargs, bad, valid):
    with pytest.raises(ValueError) as err:
        api.compute(small_store, 2025, settings=DEFAULTS, **kwargs)
    assert bad in str(err.value) and valid in str(err.value)


# -- stores ------------------------------------------------------------------------------------------------------
def test_a_path_string_is_accepted(small_store, small_file, forget_shared):
    forget_shared.append(small_file)
    by_path = api.compute(small_file, 2025, by="area", settings=DEFAULTS)
    by_store = api.compute(small_store, 2025, by="area", settings=DEFAULTS)
    pd.testing.assert_frame_equal(by_path, by_store)
    assert api.compute(Path(small_file), 2025, ["headcount"], settings=DEFAULTS)["headcount"].iloc[0] == 17


def test_a_path_that_names_no_file_is_an_error_and_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "sdm.duckdb"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        api.compute(str(missing), 2025)
    assert not missing.parent.exists()


def test_read_write_open_is_the_process_wide_store(own_demo_db, forget_shared):
    """read_only=False reuses store.open_store's cache: a script and the dashboard in one process share it."""
    forget_shared.append(own_demo_db)
    opened = api.open_store(own_demo_db)
    assert opened is store_module.open_store(own_demo_db) and opened is sdm.open_store(own_demo_db)


def test_two_read_only_stores_at_once_and_another_process_reading(own_demo_db):
    first = api.open_store(own_demo_db, read_only=True)
    second = sdm.open_store(own_demo_db, read_only=True)
    try:
        assert first is not second
        a = api.compute(first, 2025, ["headcount", "jp20_rate"], by="opd", settings=DEFAULTS)
        b = api.compute(second, 2025, ["headcount", "jp20_rate"], by="opd", settings=DEFAULTS)
        pd.testing.assert_frame_equal(a, b)
        assert len(a) == 37
        code = ("import sdm_analytics as sdm, sys; s = sdm.open_store(sys.argv[1], read_only=True); "
                "print(int(sdm.compute(s, 2025, ['headcount'])['headcount'].iloc[0]))")
        proc = subprocess.run([sys.executable, "-c", code, own_demo_db], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert int(proc.stdout) == api.compute(first, 2025, ["headcount"])["headcount"].iloc[0]
        with pytest.raises(duckdb.Error):  # read-only means read-only
            first.execute("DELETE FROM employees")
    finally:
        first.close()
        second.close()


def test_read_only_defaults_to_sdm_db(own_demo_db, monkeypatch):
    monkeypatch.setenv("SDM_DB", own_demo_db)
    store = api.open_store(read_only=True)
    try:
        assert store.path == own_demo_db and not store.is_empty()
    finally:
        store.close()


def test_read_only_on_a_missing_file_raises_and_creates_nothing(tmp_path):
    missing = tmp_path / "nowhere" / "sdm.duckdb"
    with pytest.raises(FileNotFoundError) as err:
        api.open_store(str(missing), read_only=True)
    assert str(missing) in str(err.value) and err.value.filename == str(missing)
    assert not missing.exists() and not missing.parent.exists()


# -- the package top, the CLI, the README ------------------------------------------------------------------------
def test_the_package_top_publishes_the_api_lazily():
    code = ("import sys, sdm_analytics, sdm_analytics.rules\n"
            "assert 'sdm_analytics.engine' not in sys.modules and 'duckdb' not in sys.modules, 'not lazy'\n"
            "from sdm_analytics import compute, open_store, METRIC_IDS, DIMENSIONS\n"
            "from sdm_analytics.engine import api\n"
            "assert compute is api.compute and open_store is api.open_store\n"
            "assert set(sdm_analytics.__all__) <= set(dir(sdm_analytics))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sdm.METRIC_IDS == METRIC_IDS and sdm.DIMENSIONS is DIMENSIONS
    with pytest.raises(AttributeError, match="no_such_name"):
        sdm.no_such_name  # noqa: B018


def test_the_cli_metrics_command_goes_through_the_api(small_file, capsys, monkeypatch):
    from sdm_analytics.cli.main import main

    calls = []
    real = api.compute
    monkeypatch.setattr(api, "compute", lambda *a, **k: calls.append((a, k)) or real(*a, **k))
    assert main(["--db", small_file, "metrics", "--year", "2025", "--format", "json", "--role", "admin"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(calls) == 1
    assert out["metrics"]["headcount"] == 17 and out["n"]["jp20_rate"] == 14
    assert main(["--db", small_file, "metrics", "--year", "2025", "--by", "area", "--format", "csv"]) == 0
    assert len(calls) == 2 and capsys.readouterr().out.startswith("area,")


def test_the_readme_example_runs(own_demo_db, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## API Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.setenv("SDM_DB", own_demo_db)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    frame = namespace["df"]
    assert list(frame.columns[:3]) == ["opd", "jp20_rate", "reach_rate"] and len(frame) == 37
    assert "jp20_rate" in capsys.readouterr().out
    assert os.path.exists(own_demo_db)
