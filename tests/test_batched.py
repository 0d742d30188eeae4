"""The batched queries against a straightforward one-query-per-item reference, on the demo store.

`ipasn.trend` reads every year in one query and `quality.checks` every check in one: a trend must equal
summary() year by year, the scorecard must equal each check run on its own, each check must count the people
and programmes docs/metrics.md gives it (its own population, not the batch's widest one), and neither may
fall back to a query per item.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sdm_analytics.engine import ipasn, quality
from sdm_analytics.engine.population import pop_cte, population_sql
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.settings import Settings

SETTINGS = Settings()
SCOPES = {
    "pimpinan": Scope.everything("pimpinan"),
    "admin": Scope.everything("admin"),
    "evaluator": Scope.of(["DINKES", "KEC_WALANTAKA"], "evaluator"),
    "pimpinan_opd": Scope.of(["KEC_KASEMEN"], "pimpinan"),  # a few PPPK in some years: rows suppressed
}
FILTERS = {
    "none": {},
    "age_band": {"age_band": ["40-49"]},  # an employee filter that moves with the year (age at Y-12-31)
    "women_online_technical": {"gender": ["P"], "mode": ["daring"], "category": ["teknis"]},
}


def _counting(store, monkeypatch) -> list[str]:
    """The statements the store runs from now on (this store only, for this test)."""
    log: list[str] = []
    execute = store.execute

    def counted(sql, params=None):
        log.append(sql)
        return execute(sql, params)

    monkeypatch.setattr(store, "execute", counted)
    return log


def _trend_by_year(store, filters, scope, years) -> pd.DataFrame:
    """The reference: summary() of each year on its own, with the year in front."""
    parts = []
    for year in years:
        part = ipasn.summary(store, filters.with_year(year), scope=scope, settings=SETTINGS)
        part.insert(0, "year", year)
        parts.append(part.drop(columns=["grp"]))
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("fname", FILTERS)
@pytest.mark.parametrize("sname", SCOPES)
def test_trend_is_the_summary_of_each_year(demo_store, sname, fname):
    filters, scope = Filters.make(2025, FILTERS[fname]), SCOPES[sname]
    years = tuple(demo_store.years())
    assert len(years) > 1
    trend = ipasn.trend(demo_store, filters, scope, settings=SETTINGS)
    pd.testing.assert_frame_equal(trend, _trend_by_year(demo_store, filters, scope, years), check_exact=True)
    assert list(trend["year"].unique()) == list(years)
    if sname == "pimpinan_opd":
        assert trend["suppressed"].any()  # the suppression is applied to each year's groups


def test_trend_keeps_the_order_of_the_years_asked_for(demo_store):
    """Years out of order, one twice and one before anybody was hired (no rows): each as summary() gives it."""
    filters, scope = Filters.make(2025, FILTERS["age_band"]), SCOPES["pimpinan"]
    years = (2025, 2022, 1980, 2025)
    trend = ipasn.trend(demo_store, filters, scope, years=years, settings=SETTINGS)
    assert list(trend["year"]) == [2025, 2025, 2022, 2022, 2025, 2025]  # PNS and PPPK of each year with people
    pd.testing.assert_frame_equal(trend, _trend_by_year(demo_store, filters, scope, years), check_exact=True,
                                  check_dtype=False)  # concatenating 1980's empty frame makes the reference's text columns object


def test_one_year_scores_and_summary_agree(demo_store):
    """scores() and summary() read the same per-person query: the summary is the scores averaged."""
    filters, scope = Filters.make(2024), SCOPES["admin"]
    people = ipasn.scores(demo_store, filters, scope)
    summary = ipasn.summary(demo_store, filters, scope=scope).set_index("employment_type")
    means = people.groupby("employment_type")["score"].agg(["size", "mean"])
    assert list(summary.index) == list(means.index)
    assert list(summary["n"]) == list(means["size"])
    assert summary["score"].to_numpy() == pytest.approx(means["mean"].to_numpy())
    assert people["nip"].is_unique


def _checks_one_by_one(store, filters, scope, monkeypatch) -> pd.DataFrame:
    """The reference: every check in a query of its own (the registry narrowed to that one check)."""
    rows = []
    for check in quality.CHECKS:
        with monkeypatch.context() as patch:
            patch.setattr(quality, "CHECKS", (check,))
            rows.append(quality.checks(store, filters, scope, SETTINGS))
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("fname", FILTERS)
@pytest.mark.parametrize("sname", ["pimpinan", "evaluator"])
def test_checks_equal_each_check_run_alone(demo_store, monkeypatch, sname, fname):
    for year in demo_store.years():
        filters = Filters.make(year, FILTERS[fname])
        batched = quality.checks(demo_store, filters, SCOPES[sname], SETTINGS)
        pd.testing.assert_frame_equal(batched, _checks_one_by_one(demo_store, filters, SCOPES[sname], monkeypatch),
                                      check_exact=True)


def _own_population(store, filters, scope, check_id) -> tuple[int, int]:
    """(problem, total) of three checks counted on their own people and programmes, as docs/metrics.md § 3.5
    gives them, without the scorecard's shared query: unknown_unit over P(Y); missing_cost over the paid seats of
    everyone in post at any time in Y; no_training_record over P(Y) against every programme up to Y."""
    who = "during" if check_id == "missing_cost" else "end"
    back = filters.year - 1900 if check_id == "no_training_record" else 0
    emp_where, prog_where, params = population_sql(filters, scope, years_back=back, who=who)
    pop = pop_cte(emp_where, "e.nip, u.opd_code AS unit_code, u.area")
    parts = f"""
        SELECT pa.nip, pa.status, pr.cost_per_participant
        FROM participations AS pa
        JOIN programs AS pr ON pr.program_code = pa.program_code
        JOIN pop ON pop.nip = pa.nip
        WHERE {prog_where}"""
    select = {
        "unknown_unit": "SELECT count(*) FILTER (WHERE unit_code IS NULL OR area IS NULL), count(*) FROM pop",
        "missing_cost": f"""SELECT count(*) FILTER (WHERE cost_per_participant IS NULL), count(*) FROM ({parts})
                            WHERE status IN ('completed', 'failed', 'dropped')""",
        "no_training_record": f"""SELECT count(*) FILTER (WHERE nip NOT IN (SELECT nip FROM ({parts}))), count(*)
                                  FROM pop""",
    }[check_id]
    problem, total = store.rows(f"WITH {pop} {select}", params)[0]
    return int(problem), int(total)


@pytest.mark.parametrize("fname", ["none", "women_online_technical"])
@pytest.mark.parametrize("sname", ["pimpinan", "evaluator"])
def test_each_check_counts_its_own_people_and_programmes(demo_store, sname, fname):
    scope = SCOPES[sname]
    for year in demo_store.years():
        filters = Filters.make(year, FILTERS[fname])
        frame = quality.checks(demo_store, filters, scope, SETTINGS).set_index("check")
        for check_id in ("unknown_unit", "missing_cost", "no_training_record"):
            got = (int(frame.loc[check_id, "problem"]), int(frame.loc[check_id, "total"]))
            assert got == _own_population(demo_store, filters, scope, check_id), (year, check_id)


def test_missing_cost_counts_leavers_and_no_training_record_looks_back(demo_store):
    """The demo has leavers in Y and people trained only in earlier years: the two wider checks differ from
    what P(Y) and Y's programmes alone would give, so the test above can tell them apart."""
    filters, scope = Filters.make(2024), SCOPES["pimpinan"]
    frame = quality.checks(demo_store, filters, scope, SETTINGS).set_index("check")
    emp_where, prog_where, params = population_sql(filters, scope)
    seats_of_p = demo_store.scalar(
        f"WITH {pop_cte(emp_where)} SELECT count(*) FROM participations AS pa JOIN pop ON pop.nip = pa.nip "
        f"JOIN programs AS pr ON pr.program_code = pa.program_code "
        f"WHERE {prog_where} AND pa.status IN ('completed', 'failed', 'dropped')", params)
    untrained_in_y = demo_store.scalar(
        f"WITH {pop_cte(emp_where)} SELECT count(*) FROM pop WHERE nip NOT IN (SELECT pa.nip FROM participations "
        f"AS pa JOIN programs AS pr ON pr.program_code = pa.program_code WHERE {prog_where})", params)
    assert frame.loc["missing_cost", "total"] > seats_of_p
    assert frame.loc["no_training_record", "problem"] < untrained_in_y


def test_one_query_whatever_the_number_of_years_or_checks(demo_store, monkeypatch):
    """A trend is one query for any number of years, the scorecard one query for every check (and one for the
    store's as-of date): a fall back to a query per item fails here."""
    log = _counting(demo_store, monkeypatch)
    ipasn.trend(demo_store, Filters.make(2025), SCOPES["pimpinan"], years=(2022, 2023, 2024, 2025), settings=SETTINGS)
    assert len(log) == 1
    log.clear()
    quality.checks(demo_store, Filters.make(2025), SCOPES["pimpinan"], SETTINGS)
    assert len(log) == 2 and "FROM meta" in log[0]
    log.clear()
    ipasn.summary(demo_store, Filters.make(2025), by="opd", scope=SCOPES["pimpinan"], settings=SETTINGS)
    assert len(log) == 1



@pytest.mark.parametrize("sname", ["pimpinan", "evaluator"])
def test_target_progress_takes_the_city_figures_the_page_already_has(demo_store, monkeypatch, sname):
    """The overview's findings hand their own (unfiltered) figures to target_progress: the same table as
    computing them, and one query fewer where the city has targets (the evaluator sees only its OPDs')."""
    from sdm_analytics.engine import metrics, targets

    scope = SCOPES[sname]
    city = metrics.compute(demo_store, Filters.make(2025), scope, settings=SETTINGS)
    log = _counting(demo_store, monkeypatch)
    computed = targets.target_progress(demo_store, 2025, scope, SETTINGS)
    alone = len(log)
    log.clear()
    given = targets.target_progress(demo_store, 2025, scope, SETTINGS, city=city)
    pd.testing.assert_frame_equal(given, computed)
    has_city = bool((computed["opd_code"] == "").any())
    assert has_city == (sname == "pimpinan")
    assert len(log) == alone - (1 if has_city else 0)
