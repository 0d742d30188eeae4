"""The planned queries (engine/plan.py) give the full template's values: every metric, by every dimension, on the
demo store.

The planner writes only the aggregates a request needs, and a breakdown as one grouped query. Two ways to be
wrong, two checks: (1) a metric asked alone equals the same metric among all 19 (nothing it needs was pruned);
(2) a breakdown's group equals the whole view filtered to that value — the definition of a breakdown in
docs/metrics.md — with every metric (the full template), by every employee and programme dimension.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sdm_analytics.engine.metrics import METRIC_IDS, compute, compute_by, compute_by_filters
from sdm_analytics.engine.plan import MEASURES, measures_of, metric_sql
from sdm_analytics.filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from sdm_analytics.settings import Settings

SETTINGS = Settings()
ADMIN = Scope.everything("admin")
YEAR = 2025


def _same(a, b) -> bool:
    na = a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA
    nb = b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    if na or nb:
        return na and nb
    if isinstance(a, (bool,)) or isinstance(b, bool):
        return bool(a) == bool(b)
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def _assert_frames_equal(got: pd.DataFrame, want: pd.DataFrame, by: str, columns: list[str]) -> None:
    assert list(got[by]) == list(want[by])
    wrong = [(key, c, g, w) for c in columns for key, g, w in zip(got[by], got[c], want[c]) if not _same(g, w)]
    assert wrong == []


@pytest.mark.parametrize("by", list(DIMENSIONS) + ["year"])
def test_a_metric_alone_equals_it_among_all(demo_store, by):
    """Asked alone, each metric plans a smaller query: its value, n and suppression are those of the full one."""
    for scope in (ADMIN, Scope.everything("pimpinan")):
        full = compute_by(demo_store, Filters.make(YEAR), by, scope, settings=SETTINGS)
        for mid in METRIC_IDS:
            alone = compute_by(demo_store, Filters.make(YEAR), by, scope, [mid], settings=SETTINGS)
            _assert_frames_equal(alone, full, by, [mid, f"n_{mid}", f"suppressed_{mid}"])


def test_a_whole_view_metric_alone_equals_it_among_all(demo_store):
    filters = Filters.make(YEAR, {"mode": ["daring"], "gender": ["P"]})
    for scope in (ADMIN, Scope.everything("pimpinan"), Scope.of(["DINKES"], "evaluator")):
        full = compute(demo_store, filters, scope, settings=SETTINGS)
        for mid in METRIC_IDS:
            alone = compute(demo_store, filters, scope, [mid], settings=SETTINGS)
            assert _same(alone[mid], full[mid]) and alone.n[mid] == full.n[mid], mid
            assert (mid in alone.suppressed) == (mid in full.suppressed), mid


@pytest.mark.parametrize("by", EMPLOYEE_DIMS)
def test_an_employee_group_equals_the_view_filtered_to_it(demo_store, by):
    """One grouped query per employee dimension; each group is what a filter on its value shows."""
    grouped = compute_by(demo_store, Filters.make(YEAR), by, ADMIN, settings=SETTINGS)
    assert len(grouped) > 1
    for _, row in grouped.iterrows():
        if row[by] is None:  # people without the attribute: no filter selects them
            continue
        alone = compute(demo_store, Filters.make(YEAR, {by: [row[by]]}), ADMIN, settings=SETTINGS)
        wrong = [(mid, row[mid], alone[mid]) for mid in METRIC_IDS
                 if not _same(row[mid], alone[mid]) or row[f"n_{mid}"] != alone.n[mid]]
        assert wrong == [], row[by]


@pytest.mark.parametrize("by", PROGRAM_DIMS + ("year",))
@pytest.mark.parametrize("scope", [ADMIN, Scope.everything("pimpinan"), Scope.of(["DINKES"], "evaluator")],
                         ids=["admin", "pimpinan", "evaluator"])
def test_a_programme_group_equals_the_view_filtered_to_it(demo_store, by, scope):
    """One grouped query per programme dimension equals one query per value, each value as its own filter, for
    every metric (the people and the year's answers are the whole view's; anonymous answers count); by year,
    one query for every year equals each year's own view."""
    filters = Filters.make(YEAR, {"gender": ["P"]}) if scope.restricted else Filters.make(YEAR)
    if by == "program":  # a query per programme is slow: a sample of 20 of them, chosen by the filter
        codes = demo_store.rows("SELECT program_code FROM programs WHERE year(end_date) = $y ORDER BY program_code",
                                {"y": YEAR})
        filters = filters.with_value("program", [c for (c,) in codes[::max(1, len(codes) // 20)]])
    grouped = compute_by(demo_store, filters, by, scope, settings=SETTINGS)
    per_value = compute_by_filters(demo_store, filters, by, scope, settings=SETTINGS)
    assert len(grouped) > 1
    _assert_frames_equal(grouped, per_value, by, [c for c in grouped.columns if c != by])


def test_a_programme_breakdown_keeps_the_filter_on_its_own_dimension(demo_store):
    filters = Filters.make(YEAR, {"mode": ["daring", "klasikal"], "opd": ["DINKES"]})
    grouped = compute_by(demo_store, filters, "mode", ADMIN, settings=SETTINGS)
    assert set(grouped["mode"]) <= {"daring", "klasikal"}
    _assert_frames_equal(grouped, compute_by_filters(demo_store, filters, "mode", ADMIN, settings=SETTINGS), "mode",
                         [c for c in grouped.columns if c != "mode"])


def test_the_planner_writes_only_what_is_asked():
    """jp20_rate reads no survey answer and no cost; readiness reads no participation."""
    def sql_of(*ids):
        select = {mid: mid for mid in ids}
        return metric_sql(Filters.make(YEAR), ADMIN, select, None, SETTINGS)[0]

    jp20 = metric_sql(Filters.make(YEAR), ADMIN, {"r": "CAST(n_jp20 AS DOUBLE) / n_full"}, None, SETTINGS)[0]
    assert "survey_responses" not in jp20 and "g_part" not in jp20
    readiness = sql_of("readiness_avg", "r_readiness")
    assert "participations" not in readiness and "reaction" not in readiness
    assert "count(DISTINCT" not in sql_of(*sorted(MEASURES))
    assert measures_of("CAST(n_jp20 AS DOUBLE) / NULLIF(n_full, 0)") == {"n_jp20", "n_full"}


def test_a_respondent_is_counted_once_whatever_roles_their_answers_carry():
    """One anonymous reaction response whose rows carry two roles is one respondent (n 3 for PG01, as the
    DISTINCT count of the definition gives), and a response with a self and a supervisor row counts once in
    each of the application figures of its role."""
    from sdm_analytics.store import Store

    store = Store(":memory:")
    store.load_csv_dir(Path(__file__).parent / "data" / "small")
    store.execute("UPDATE survey_responses SET respondent_role = 'supervisor' "
                  "WHERE response_id = 'RX01' AND item_code = 'R_FAS'")
    store.execute("UPDATE survey_responses SET nip = NULL WHERE response_id = 'RX01'")
    only = Filters.make(YEAR, {"program": ["PG01"]})
    result = compute(store, only, ADMIN, ["reaction_score"], SETTINGS)
    assert result.n["reaction_score"] == 3
    per_value = compute_by_filters(store, Filters.make(YEAR), "program", ADMIN, ["reaction_score"], SETTINGS)
    grouped = compute_by(store, Filters.make(YEAR), "program", ADMIN, ["reaction_score"], settings=SETTINGS)
    _assert_frames_equal(grouped, per_value, "program", ["reaction_score", "n_reaction_score"])
    assert int(grouped.set_index("program").loc["PG01", "n_reaction_score"]) == 3
    store.close()


def test_a_year_asked_twice_is_counted_once(demo_store):
    twice = compute_by(demo_store, Filters.make(YEAR), "year", ADMIN, ["headcount", "jp_total"],
                       years=[2025, 2024, 2025], settings=SETTINGS)
    once = compute_by(demo_store, Filters.make(YEAR), "year", ADMIN, ["headcount", "jp_total"], years=[2024, 2025],
                      settings=SETTINGS).set_index("year")
    assert list(twice["year"]) == [2025, 2024, 2025]
    assert list(twice["headcount"]) == [once.loc[2025, "headcount"], once.loc[2024, "headcount"],
                                        once.loc[2025, "headcount"]]
    assert twice["jp_total"].iloc[0] == twice["jp_total"].iloc[2] == once.loc[2025, "jp_total"]


def _every_metric(store, filters, scope, by):
    if by is None:
        result = compute(store, filters, scope, settings=SETTINGS)
        return pd.DataFrame([{"grp": "all", **result.values, **{f"n_{m}": n for m, n in result.n.items()}}])
    return compute_by(store, filters, by, scope, settings=SETTINGS)


@pytest.mark.parametrize("by", [None, *EMPLOYEE_DIMS, "year"])
def test_the_person_year_summary_gives_the_values_of_every_participation(demo_store, monkeypatch, by):
    """Without a programme filter, a person's JP of the year comes from the person_year summary: every metric,
    whole or by every employee dimension and by year, equals the same query over every participation."""
    views = [(Filters.make(YEAR), ADMIN),
             (Filters.make(YEAR, {"gender": ["P"], "age_band": ["40-49"]}), Scope.everything("pimpinan")),
             (Filters.make(2023), Scope.of(["DINKES", "KEC_WALANTAKA"], "evaluator"))]
    key = "grp" if by is None else by
    for filters, scope in views:
        summary = _every_metric(demo_store, filters, scope, by)
        monkeypatch.setattr(demo_store, "_summaries", False)
        raw = _every_metric(demo_store, filters, scope, by)
        monkeypatch.setattr(demo_store, "_summaries", True)
        assert len(summary) >= 1
        _assert_frames_equal(summary, raw, key, [c for c in raw.columns if c != key])


def test_the_summary_is_read_only_where_every_programme_counts():
    jp20 = {"r": "CAST(n_jp20 AS DOUBLE) / n_full"}
    assert "person_year" in metric_sql(Filters.make(YEAR), ADMIN, jp20, "opd", SETTINGS, person_year=True)[0]
    assert "person_year" in metric_sql(Filters.make(YEAR), ADMIN, jp20, "year", SETTINGS, years=[2024, 2025],
                                       person_year=True)[0]
    assert "participations" not in metric_sql(Filters.make(YEAR), ADMIN, jp20, None, SETTINGS, person_year=True)[0]
    for sql in (metric_sql(Filters.make(YEAR, {"mode": ["daring"]}), ADMIN, jp20, None, SETTINGS, person_year=True),
                metric_sql(Filters.make(YEAR), ADMIN, jp20, "category", SETTINGS, person_year=True),
                metric_sql(Filters.make(YEAR), ADMIN, jp20, None, SETTINGS, ("latsar",), person_year=True),
                metric_sql(Filters.make(YEAR), ADMIN, jp20, None, SETTINGS)):
        assert "person_year" not in sql[0]


def test_every_write_keeps_the_summary_in_step(own_demo_store):
    """An import, a correction or a removal rewrites person_year in the same transaction: it always equals the
    participations it is derived from, and the figures follow."""
    store = own_demo_store
    recount = """
        SELECT pa.nip, year(pr.end_date) AS year,
               coalesce(sum(CASE WHEN pa.status = 'completed' THEN coalesce(pa.jp_earned, pr.jp) ELSE 0 END), 0),
               count(*) FILTER (WHERE pa.status = 'completed')
        FROM participations AS pa JOIN programs AS pr USING (program_code) GROUP BY ALL ORDER BY 1, 2"""
    mine = "SELECT nip, year, jp, n_done FROM person_year ORDER BY 1, 2"
    assert store.rows(mine) == store.rows(recount)
    before = compute(store, Filters.make(YEAR), ADMIN, settings=SETTINGS)
    with store.transaction() as cur:
        cur.execute("DELETE FROM participations WHERE program_code IN "
                    "(SELECT program_code FROM programs WHERE year(end_date) = 2025 AND mode = 'daring')")
        cur.execute("UPDATE participations SET jp_earned = 1 WHERE status = 'completed' AND nip LIKE '19%1'")
    assert store.rows(mine) == store.rows(recount)
    after = compute(store, Filters.make(YEAR), ADMIN, settings=SETTINGS)
    assert after["jp20_rate"] < before["jp20_rate"] and after["reach_rate"] < before["reach_rate"]
    assert after["online_share"] < before["online_share"] and after["jp_total"] < before["jp_total"]
    store._summaries = False
    raw = compute(store, Filters.make(YEAR), ADMIN, settings=SETTINGS)
    assert all(_same(raw[m], after[m]) for m in METRIC_IDS) and raw.n == after.n


@pytest.mark.parametrize("by", [None, "age_band", "opd"])
def test_never_trained_reads_the_summary_with_the_same_people(demo_store, monkeypatch, by):
    """Who completed nothing in Y and Y-1 is read from person_year without a programme filter: the same list and
    the same shares as from every participation."""
    from sdm_analytics.engine import tables

    for filters, scope in ((Filters.make(YEAR), ADMIN), (Filters.make(2024, {"gender": ["L"]}),
                                                         Scope.of(["DINKES"], "evaluator"))):
        people, shares = tables.never_trained(demo_store, filters, scope), \
            tables.never_trained_by(demo_store, filters, by, scope, SETTINGS)
        monkeypatch.setattr(demo_store, "_summaries", False)
        pd.testing.assert_frame_equal(people, tables.never_trained(demo_store, filters, scope))
        pd.testing.assert_frame_equal(shares, tables.never_trained_by(demo_store, filters, by, scope, SETTINGS))
        monkeypatch.setattr(demo_store, "_summaries", True)
        assert len(people) > 0
