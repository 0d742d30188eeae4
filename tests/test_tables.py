"""The METRICS.md tables against hand-computed values (tests/data/small/expected_tables.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sdm_analytics.engine import evaluation, ipasn, needs, tables, targets, units
from sdm_analytics.present import export
from sdm_analytics.engine.metrics import scrap_estimate
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.settings import Settings

CASES = json.loads((Path(__file__).parent / "data" / "small" / "expected_tables.json").read_text())["cases"]
ADMIN = Scope.everything(role="admin")


def _same(actual, expected) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    return actual == pytest.approx(expected, rel=1e-6, abs=1e-9)


def _id(case: dict) -> str:
    return f"{case['table']}-{case['year']}-" + ",".join(f"{k}={v}" for k, v in case.get("filters", {}).items())


def _check_nested(got: dict, expected: dict, where: str = "") -> None:
    """expected {key: {column: value}} against got {key: row}: the same keys, every value equal."""
    assert set(got) == set(expected), where
    for key, values in expected.items():
        for col, value in values.items():
            assert _same(got[key][col], value), f"{where} {key} {col}: {got[key][col]} != {value}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_table_matches_hand_computed(small_store, case):
    filters = Filters.make(case["year"], case.get("filters"))
    settings = Settings(**case.get("settings", {}))
    expected = case["expected"]
    name = case["table"]
    if name == "jp_distribution":
        frame = tables.jp_distribution(small_store, filters, ADMIN, settings)
        assert dict(zip(frame["bucket"], frame["people"])) == expected
    elif name == "people_below":
        frame = tables.people_below(small_store, filters, ADMIN, settings).set_index("nip")
        assert set(frame.index) == set(expected)
        for nip, jp in expected.items():
            row = frame.loc[nip]
            minimum = settings.jp_min_for(row["employment_type"])
            assert _same(row["jp"], jp) and _same(row["jp_min"], minimum)
            assert _same(float(row["gap"]), minimum - jp)
    elif name == "needs_gap":
        frame = needs.needs_gap(small_store, filters, ADMIN, settings)
        if len(frame):
            assert int(frame["n_respondents"].iloc[0]) == expected["n_respondents"]
            assert _same(float(frame["supply_jp_total"].iloc[0]), expected["supply_jp_total"])
        rows = {r["topic"]: r for r in frame.to_dict("records")}
        assert set(rows) == set(expected["topics"])
        for topic, values in expected["topics"].items():
            for col, value in values.items():
                assert _same(rows[topic][col], value), f"{topic} {col}: {rows[topic][col]} != {value}"
    elif name == "never_trained":
        frame = tables.never_trained(small_store, filters, ADMIN)
        assert sorted(frame["nip"]) == sorted(expected)
    elif name == "never_trained_by":
        frame = tables.never_trained_by(small_store, filters, case["by"], ADMIN)
        rows = {r[case["by"]]: r for r in frame.to_dict("records")}
        assert set(rows) == set(expected)
        for key, values in expected.items():
            for col, value in values.items():
                assert _same(rows[key][col], value), f"{key} {col}"
    elif name == "level4_by_training":
        frame = tables.level4_by_training(small_store, filters, ADMIN, settings)
        got: dict = {}
        for r in frame.to_dict("records"):
            got.setdefault(r["group"], {})[r["rating"]] = r
        for group, ratings in expected.items():
            assert set(got.get(group, {})) == set(ratings), group
            for rating, values in ratings.items():
                for col, value in values.items():
                    assert _same(got[group][rating][col], value), f"{group} {rating} {col}"
    elif name == "target_progress":
        frame = targets.target_progress(small_store, case["year"], ADMIN, settings)
        rows = {(r["indicator"], r["opd_code"]): r for r in frame.to_dict("records")}
        assert set(rows) == {(e["indicator"], e["opd_code"]) for e in expected}
        for e in expected:
            row = rows[(e["indicator"], e["opd_code"])]
            assert _same(row["target"], e["target"]) and _same(row["actual"], e["actual"]), e
            assert row["met"] == e["met"]
    elif name == "new_staff":
        frame = tables.new_staff(small_store, filters, ADMIN, settings)
        _check_nested({r["employment_type"]: r for r in frame.to_dict("records")}, expected, name)
    elif name == "zero_jp":
        row = tables.zero_jp(small_store, filters, ADMIN, settings).iloc[0].to_dict()
        for col, value in expected.items():
            assert _same(None if row[col] != row[col] else row[col], value), col
    elif name == "drivers":
        frame = evaluation.drivers(small_store, filters, ADMIN, settings=settings)
        got: dict = {}
        for r in frame.to_dict("records"):
            got.setdefault(r["role"], {})[r["dimension"]] = r
        assert set(got) == set(expected)
        for role, dims in expected.items():
            _check_nested(got[role], dims, f"drivers {role}")
    elif name == "scrap_estimate":
        got = scrap_estimate(small_store, filters, ADMIN, settings)
        for col, value in expected.items():
            assert _same(got[col], value), f"{col}: {got[col]} != {value}"
    elif name == "ipasn_scores":
        frame = ipasn.scores(small_store, filters, ADMIN)
        _check_nested({r["nip"]: r for r in frame.to_dict("records")}, expected, name)
    elif name == "ipasn_summary":
        frame = ipasn.summary(small_store, filters, scope=ADMIN)
        names = {"score_mean": "score", **{f"{c}_coverage": f"{c}_cov" for c in ipasn.COMPONENTS}}
        got = {r["employment_type"]: {k: r[v] for k, v in names.items()} | {"n": r["n"]}
               for r in frame.to_dict("records")}
        _check_nested(got, expected, name)
    else:
        pytest.fail(f"unknown table {name}")


@pytest.mark.xfail(reason="hand-computed cases for the page-only tables are being written")
def test_every_registered_table_has_a_hand_computed_case():
    """Every table of the registry (what the CLI, the pages and the deck can show), not a hand-kept list,
    is checked against hand-computed values."""
    from sdm_analytics.engine.registry import TABLES

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
