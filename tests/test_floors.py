"""The floor (sdm_analytics/cli/floors.py) gives the engine's values: every hand-written query against
`compute` / `compute_by` for every year of the demo store and of the small hand-checked store, and against
the small store's hand-computed figures (tests/data/small/expected.json)."""

from __future__ import annotations

import ast
import json
import math
import re
from pathlib import Path

import pytest

from sdm_analytics.cli import floors
from sdm_analytics.cli.floors import FLOOR_BY_OPD, FLOOR_ONE_OPD, FLOORS, floor_params, floor_values, pandas_jp20_rate
from sdm_analytics.engine.metrics import METRIC_IDS, compute, compute_by
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.settings import Settings
from sdm_analytics.store import Store

SMALL = Path(__file__).parent / "data" / "small"
CASES = {c["name"]: c for c in json.loads((SMALL / "expected.json").read_text())["cases"]}
ADMIN = Scope.everything(role="admin")
# The defaults, and minimums and a favourable threshold that differ (PNS and PPPK apart, a half point).
SETTINGS = {"default": Settings(), "other": Settings(jp_min=16.0, jp_min_pppk=24.0, favorable_min=3.5)}
PARAMS = {"ystart", "yend", "ynext", "jp_min", "jp_min_pppk", "fav"}
STORES = ("demo_store", "small_store")
# P(Y) by OPD at the top of the unit chain, largest first (to pick the largest OPD of a year).
OPD_SIZES = """SELECT coalesce(t.opd_code, e.opd_code) AS opd FROM employees AS e
LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
WHERE e.hire_date <= $yend AND (e.exit_date IS NULL OR e.exit_date > $yend)
GROUP BY opd ORDER BY count(*) DESC, opd"""


def _same(actual, expected, rel: float = 1e-9) -> bool:
    """Equal to `rel` relative; None (NULL, NaN) only equals None."""
    actual = None if actual is None or actual != actual else actual
    expected = None if expected is None or expected != expected else expected
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=rel)


def _years(store: Store) -> list[int]:
    """Every year the store has, the year after (no programme ends in it) and 1990 (the small store has
    nobody in post then: an empty population)."""
    years = store.years()
    return [*years, years[-1] + 1, 1990]


def test_the_floors_cover_every_metric_and_bind_only_their_parameters(small_store):
    assert list(FLOORS) == list(METRIC_IDS)
    assert {"jp20_rate", "reach_rate", "application_rate"} <= set(FLOOR_ONE_OPD) <= set(METRIC_IDS)
    assert "jp20_rate" in FLOOR_BY_OPD and set(FLOOR_BY_OPD) <= set(METRIC_IDS)
    params = {**floor_params(2025, Settings()), "opd": "DINDIK"}
    assert set(params) == PARAMS | {"opd"}
    for kind, queries, columns in (("city", FLOORS, ["value"]), ("one", FLOOR_ONE_OPD, ["value"]),
                                   ("by", FLOOR_BY_OPD, ["opd", "value"])):
        for mid, sql in queries.items():
            assert set(re.findall(r"\$(\w+)", sql)) <= PARAMS | ({"opd"} if kind == "one" else set()), (kind, mid)
            cursor = small_store.execute(sql, params)
            assert [d[0] for d in cursor.description] == columns, (kind, mid)
            assert kind == "by" or len(cursor.fetchall()) == 1, (kind, mid)


def test_the_floors_are_independent_of_the_engine():
    """The floors restate the rules by hand: the module imports neither the engine nor the rules' fragments."""
    tree = ast.parse(Path(floors.__file__).read_text())
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not any("engine" in m or "rules" in m or "filters" in m for m in imported), imported


@pytest.mark.parametrize("settings_name", SETTINGS)
@pytest.mark.parametrize("store_name", STORES)
def test_every_floor_equals_the_engine(request, store_name, settings_name):
    store, settings = request.getfixturevalue(store_name), SETTINGS[settings_name]
    wrong = []
    for year in _years(store):
        engine = compute(store, Filters.make(year), ADMIN, settings=settings).values
        floor = floor_values(store, year, settings)
        wrong += [(year, mid, engine[mid], floor[mid]) for mid in METRIC_IDS if not _same(floor[mid], engine[mid])]
    assert wrong == []


@pytest.mark.parametrize("settings_name", SETTINGS)
@pytest.mark.parametrize("store_name", STORES)
def test_one_opd_floors_equal_the_engine(request, store_name, settings_name):
    """The largest OPD of each year; on the small store every unit, OPD or unit kerja (the filter takes every
    unit below it), which also covers an OPD two levels deep (DINDIK) and one without any answer."""
    store, settings = request.getfixturevalue(store_name), SETTINGS[settings_name]
    wrong = []
    for year in _years(store):
        params = floor_params(year, settings)
        largest = [r[0] for r in store.rows(OPD_SIZES, params)][:1]
        units = [r[0] for r in store.rows("SELECT opd_code FROM units ORDER BY opd_code")]
        for opd in largest if store_name == "demo_store" else sorted({*largest, *units}):
            engine = compute(store, Filters.make(year, {"opd": [opd]}), ADMIN, settings=settings).values
            for mid, sql in FLOOR_ONE_OPD.items():
                value = store.scalar(sql, {**params, "opd": opd})
                if not _same(value, engine[mid]):
                    wrong.append((year, opd, mid, engine[mid], value))
    assert wrong == []
    assert store_name == "small_store" or largest == ["DINDIKBUD"]


@pytest.mark.parametrize("settings_name", SETTINGS)
@pytest.mark.parametrize("store_name", STORES)
def test_by_opd_floors_equal_the_engine(request, store_name, settings_name):
    store, settings = request.getfixturevalue(store_name), SETTINGS[settings_name]
    wrong = []
    for year in _years(store):
        frame = compute_by(store, Filters.make(year), "opd", ADMIN, ids=list(FLOOR_BY_OPD), settings=settings)
        for mid, sql in FLOOR_BY_OPD.items():
            engine = {r["opd"]: r[mid] for r in frame.to_dict("records")}
            floor = dict(store.rows(sql, floor_params(year, settings)))
            if set(floor) != set(engine):
                wrong.append((year, mid, sorted(engine, key=str), sorted(floor, key=str)))
            wrong += [(year, mid, opd, engine[opd], floor[opd]) for opd in engine
                      if opd in floor and not _same(floor[opd], engine[opd])]
    assert wrong == []


@pytest.mark.parametrize("name", ["city_2025", "city_2024", "pppk_min24_2025"])
def test_the_floors_give_the_hand_computed_figures(small_store, name):
    case = CASES[name]
    values = floor_values(small_store, case["year"], Settings(**case.get("settings", {})))
    for mid, expected in case["expected"].items():
        assert _same(values[mid], expected, rel=1e-6), (name, mid, values[mid], expected)


@pytest.mark.parametrize("name", ["opd_A_2025", "opd_DINDIK_2025"])
def test_the_one_opd_floors_give_the_hand_computed_figures(small_store, name):
    case = CASES[name]
    params = {**floor_params(case["year"], Settings()), "opd": case["filters"]["opd"][0]}
    for mid, sql in FLOOR_ONE_OPD.items():
        expected = case["expected"][mid]
        assert _same(small_store.scalar(sql, params), expected, rel=1e-6), (name, mid, expected)


def test_the_by_opd_floor_gives_the_hand_computed_figures(small_store):
    case = CASES["by_opd_2025"]
    floor = dict(small_store.rows(FLOOR_BY_OPD["jp20_rate"], floor_params(case["year"], Settings())))
    assert set(floor) == set(case["expected_rows"])
    for opd, expected in case["expected_rows"].items():
        if "jp20_rate" in expected:
            assert _same(floor[opd], expected["jp20_rate"], rel=1e-6), opd


@pytest.mark.parametrize("settings_name", SETTINGS)
def test_pandas_jp20_rate_equals_the_engine_on_the_demo_store(demo_store, own_demo_db, settings_name):
    """pandas reads its own copy of the demo store (this process holds the shared file open read-write, and
    DuckDB refuses a second, read-only connection to it)."""
    settings = SETTINGS[settings_name]
    for year in _years(demo_store):
        engine = compute(demo_store, Filters.make(year), ADMIN, ids=["jp20_rate"], settings=settings)
        assert _same(pandas_jp20_rate(own_demo_db, year, settings), engine["jp20_rate"]), year


def test_pandas_jp20_rate_equals_the_engine_on_the_small_store(small_store, tmp_path):
    path = str(tmp_path / "small.duckdb")
    file_store = Store(path)
    file_store.load_csv_dir(SMALL)
    file_store.close()
    for settings in SETTINGS.values():
        for year in _years(small_store):
            engine = compute(small_store, Filters.make(year), ADMIN, ids=["jp20_rate"], settings=settings)
            assert _same(pandas_jp20_rate(path, year, settings), engine["jp20_rate"]), (year, settings)


def test_the_floors_follow_the_engine_on_a_unit_the_store_does_not_know(mem_store, tmp_path):
    """An employee of a unit not in `units` (it stands for itself: its own OPD, with no area) and an anonymous
    supervisor answer, added to the small store."""
    folder = tmp_path / "small"
    folder.mkdir()
    for path in SMALL.glob("*.csv"):
        (folder / path.name).write_text(path.read_text())
    with (folder / "employees.csv").open("a") as f:
        f.write("199101012015031009,Nomad,L,1991-01-01,PNS,III/a,pelaksana,Staf,S1,X_UNKNOWN,2015-03-01,\n")
    with (folder / "participations.csv").open("a") as f:
        f.write("PG01,199101012015031009,completed,100,30,60,\n")
    with (folder / "survey_responses.csv").open("a") as f:
        f.write("AP99,A_PEN,,PG01,supervisor,2025-05-21 10:00:00,1,\n"
                "AP98,A_PEN,199101012015031009,PG01,self,2025-05-21 10:00:00,5,\n")
    mem_store.load_csv_dir(folder)
    assert mem_store.scalar("SELECT count(*) FROM employees WHERE opd_code = 'X_UNKNOWN'") == 1
    for year in (2024, 2025):
        engine = compute(mem_store, Filters.make(year), ADMIN, settings=Settings()).values
        floor = floor_values(mem_store, year, Settings())
        assert [m for m in METRIC_IDS if not _same(floor[m], engine[m])] == [], year
        frame = compute_by(mem_store, Filters.make(year), "opd", ADMIN, ids=["jp20_rate"], settings=Settings())
        by_opd = dict(mem_store.rows(FLOOR_BY_OPD["jp20_rate"], floor_params(year, Settings())))
        assert "X_UNKNOWN" in by_opd
        assert all(_same(by_opd[r["opd"]], r["jp20_rate"]) for r in frame.to_dict("records")), year
        one = compute(mem_store, Filters.make(year, {"opd": ["X_UNKNOWN"]}), ADMIN, settings=Settings()).values
        params = {**floor_params(year, Settings()), "opd": "X_UNKNOWN"}
        assert all(_same(mem_store.scalar(sql, params), one[m]) for m, sql in FLOOR_ONE_OPD.items()), year
