"""The METRICS.md tables against hand-computed values (tests/data/small/expected_tables.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from sdm_analytics.engine import needs, tables, targets, units
from sdm_analytics.engine.registry import TABLES, table
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.present import export
from sdm_analytics.settings import Settings

CASES = json.loads((Path(__file__).parent / "data" / "small" / "expected_tables.json").read_text())["cases"]
ADMIN = Scope.everything(role="admin")


def _same(actual, expected) -> bool:
    """A cell against its hand value: null is None or NaN; booleans and text exactly; numbers to 1e-6."""
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, bool):
        return isinstance(actual, (bool, np.bool_)) and bool(actual) is expected
    if isinstance(expected, str):
        return actual == expected
    if actual is None or isinstance(actual, (bool, np.bool_, str)):
        return False
    return actual == pytest.approx(expected, rel=1e-6, abs=1e-9)


def _scope(case: dict) -> Scope:
    """The viewer of a case: admin unless `scope` names a role (and optionally its OPDs)."""
    given = case.get("scope")
    if given is None:
        return ADMIN
    opds = given.get("opds")
    return Scope(frozenset(opds) if opds is not None else None, given["role"])


def _key_text(value) -> str:
    """A key cell as the JSON writes it: text, null as "null", a whole number without a decimal point."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _flatten(expected, depth: int, prefix: tuple = ()) -> dict[tuple, dict]:
    """{k1: {k2: {column: value}}} (depth 2) -> {(k1, k2): {column: value}}; a list is keys without columns."""
    if isinstance(expected, list):
        assert depth == 1, "a list of keys needs a one-column key"
        return {(str(k),): {} for k in expected}
    if depth == 0:
        return {prefix: expected}
    rows: dict[tuple, dict] = {}
    for k, sub in expected.items():
        rows.update(_flatten(sub, depth - 1, prefix + (k,)))
    return rows


def _id(case: dict) -> str:
    return case["name"]


def _param(case: dict):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=_id(case), marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_table_matches_hand_computed(small_store, case):
    """Every case through the registry, compared one way: `key` names the columns that identify a row and
    `expected` holds {key: {column: value}} (nested once per key column); the rows' keys must be exactly the
    expected ones, each once, and every listed cell equal. A case without a key is a one-row table. `every_row`
    holds cells every row must have (needs_gap's totals)."""
    filters = Filters.make(case["year"], case.get("filters"))
    settings = Settings(**case.get("settings", {}))
    frame = table(case["table"], small_store, filters, _scope(case), settings, **case.get("options", {}))
    key = case["key"]
    if key is None:
        assert len(frame) == 1, f"one row expected, got {len(frame)}"
        expected = {(): case["expected"]}
        got = {(): frame.iloc[0].to_dict()}
    else:
        expected = _flatten(case["expected"], len(key))
        records = frame.to_dict("records")
        got = {tuple(_key_text(r[k]) for k in key): r for r in records}
        assert len(got) == len(records), f"rows not unique on {key}"
        assert set(got) == set(expected), f"rows {sorted(got)} != {sorted(expected)}"
    for row_key, values in expected.items():
        row = got[row_key]
        for col, value in {**case.get("every_row", {}), **values}.items():
            assert col in row, f"{row_key}: no column {col}"
            assert _same(row[col], value), f"{row_key} {col}: {row[col]!r} != {value!r}"


def test_every_registered_table_has_a_hand_computed_case():
    """Every table of the registry (what the CLI, the pages and the deck can show), not a hand-kept list,
    is checked against hand-computed values."""
    assert set(TABLES) - {c["table"] for c in CASES} == set()


def test_restricted_scope_sees_only_its_targets(small_store):
    frame = targets.target_progress(small_store, 2025, Scope.of(["DISKOMINFO"], role="admin"))
    assert set(frame["opd_code"]) <= {"DISKOMINFO"}


def test_needs_demand_is_suppressed_for_small_groups(small_store):
    frame = needs.needs_gap(small_store, Filters.make(2025, {"area": ["rural", "remote"]}), Scope.everything())
    assert frame["suppressed"].all() and frame["demand_share"].isna().all()
    assert frame["supply_share"].notna().any()


def test_needs_suppression_counts_people_not_forms(mem_store):
    """One person filling the needs form three times is one respondent: 4 people < 5 -> suppressed, counts too."""
    import pandas as pd

    nips = [f"1985010120100110{i:02d}" for i in range(1, 5)]
    rows = []
    for i, nip in enumerate(nips):
        forms = 3 if i == 0 else 1
        for f in range(forms):
            rid = f"R{i}-{f}"
            rows += [dict(response_id=rid, item_code="NT1", nip=nip, submitted_at="2025-03-01 10:00:00",
                          answer_text="digitalisasi"),
                     dict(response_id=rid, item_code="NT2", nip=nip, submitted_at="2025-03-01 10:00:00",
                          answer_text="kearsipan")]
    mem_store.replace_all({
        "units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["A"], "area": ["urban"]}),
        "employees": pd.DataFrame({"nip": nips, "name": nips, "opd_code": "A", "hire_date": "2010-01-01"}),
        "survey_items": pd.DataFrame({"item_code": ["NT1", "NT2"], "survey_kind": "needs", "dimension": "topic"}),
        "survey_responses": pd.DataFrame(rows),
    })
    viewer = Scope.everything()
    gap = needs.needs_gap(mem_store, Filters.make(2025), viewer)
    assert gap["suppressed"].all()
    assert gap[["demand_share", "demand_n", "n_respondents"]].isna().all().all()
    picked = needs.choices(mem_store, Filters.make(2025), "topic", viewer)
    assert picked["suppressed"].all() and picked[["share", "n"]].isna().all().all()
    admin = needs.choices(mem_store, Filters.make(2025), "topic", ADMIN)
    assert set(admin["n_respondents"]) == {6} and set(admin["n_people"]) == {4}
    assert admin.set_index("answer")["share"].to_dict() == {"digitalisasi": 1.0, "kearsipan": 1.0}


def test_whose_targets_apply_to_a_view():
    from sdm_analytics.engine.targets import target_unit

    assert target_unit(Filters.make(2025)) == ""
    assert target_unit(Filters.make(2025, {"opd": ["DINKES"]})) == "DINKES"
    assert target_unit(Filters.make(2025, {"opd": ["DINKES", "RSUD"]})) is None
    assert target_unit(Filters.make(2025, {"opd": ["DINKES"], "gender": ["P"]})) is None
    # an evaluator's own OPDs together are not the city: no city target; one of them is judged by its own
    evaluator = Scope.of(["DINKES", "RSUD"])
    assert target_unit(Filters.make(2025), evaluator) is None
    assert target_unit(Filters.make(2025, {"opd": ["RSUD"]}), evaluator) == "RSUD"


@pytest.mark.parametrize("name", ["people_below", "never_trained", "participants", "ipasn_scores"])
def test_leadership_sees_how_many_not_who(demo_store, name):
    """DESIGN.md: pimpinan sees aggregates. The engine blanks name, NIP and position for it (the same rows,
    so every count still adds up); an evaluator sees the names of its own OPDs, an admin all."""
    from sdm_analytics.engine import evaluation, ipasn

    fn = {"people_below": tables.people_below, "never_trained": tables.never_trained,
          "participants": evaluation.participants, "ipasn_scores": ipasn.scores}[name]
    filters = Filters.make(2025, {"opd": ["DINKES"]})
    leader = fn(demo_store, filters, Scope.everything("pimpinan"))
    evaluator = fn(demo_store, filters, Scope.of(["DINKES"], "evaluator"))
    assert len(leader) == len(evaluator) > 0
    assert leader["name"].isna().all() and leader["nip"].isna().all()
    assert evaluator["name"].notna().all() and evaluator["nip"].str.len().eq(18).all()
    assert (leader["opd_code"] == "DINKES").all()


def test_an_accounts_scope_is_named_in_every_description(demo_store):
    """What an evaluator exports says whose data it is: its OPDs first, then the filters."""
    names = units.unit_names(demo_store)
    two = export.filters_text(demo_store, Filters.make(2025, {"gender": ["P"]}), "id",
                                  Scope.of(["DINKES", "RSUD"]))
    assert two == f"Cakupan akun: {names['DINKES']}, {names['RSUD']}; Jenis kelamin: Perempuan"
    many = export.filters_text(demo_store, Filters.make(2025), "en", Scope.of(list(names)[:7]))
    assert many.startswith("Account scope: 7 OPD: ") and many.endswith(", …")
    assert export.filters_text(demo_store, Filters.make(2025), "id", Scope.everything()) == ""
