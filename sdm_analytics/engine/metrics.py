"""The metric registry and engine: every scalar figure of docs/metrics.md.

A metric is one registry entry: an SQL expression over named measures (the
aggregates of `_SQL` below), the measure that is its n, and, for survey
metrics, the count of distinct respondents that decides suppression.
All SQL binds its values; identifiers come only from this module, `rules`
and `filters.DIMENSIONS`; the population and the programmes come from
`population`.

Decisions where docs/metrics.md is silent (tested in tests/test_metrics.py):
- headcount of an empty population is 0; every other metric is then null, but
  cost: what the year paid for people who have since left still counts.
- jp_total is 0 (not null) for a non-empty population without JP.
- cost_total is null when no paid participation has a known cost; a missing
  cost adds nothing. cost_per_jp divides it by the JP of the participations
  whose cost is known (a JP of unknown cost would make a JP look cheaper).
- online_share is 0 when there is JP but none of it online.
- learning_gain and normalized_gain use the same pairs: completed
  participations with both tests.
- A respondent, for suppression and the n of survey metrics, is the NIP of a
  self answer, else the response_id (supervisors and anonymous answers).
- The viewer's scope acts like an OPD filter, and like any employee filter
  it leaves anonymous answers out.
- In a breakdown, the groups are those of P(Y); a leaver's cost counts in the
  group of the unit he left from when that group still has people in post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from ..i18n import t
from ..settings import Settings, load_settings
from ..store import Store
from .population import pop_cte, population_sql

__all__ = ["Metric", "METRICS", "METRIC_IDS", "Result", "compute", "compute_by", "population_sql", "pop_cte",
           "scrap_estimate"]


@dataclass(frozen=True)
class Metric:
    """One scalar metric of docs/metrics.md."""

    id: str  # its label and definition are the catalogue's "metric.label.<id>" and "metric.desc.<id>"
    unit: str  # people | jp | rate | points | gain | score | idr | idr_per_jp | ratio
    expr: str  # SQL over the measures
    n: str  # the measure that is this figure's n
    respondents: str | None = None  # survey metrics: distinct-respondent measure
    better: str | None = "higher"  # higher | lower | None
    binomial: bool = False  # a share of its own n: a binomial interval applies

    def label(self, lang: str = "id", settings: Settings | None = None) -> str:
        """The label; {jp} in it is the configured yearly minimum (defaults when no settings are given)."""
        return t(f"metric.label.{self.id}", lang, jp=(settings or Settings()).jp_min_short(lang))

    def description(self, lang: str = "id", settings: Settings | None = None) -> str:
        return t(f"metric.desc.{self.id}", lang, jp=(settings or Settings()).jp_min_text(lang))


def _ratio(num: str, den: str) -> str:
    return f"CAST({num} AS DOUBLE) / NULLIF({den}, 0)"


_REGISTRY: tuple[Metric, ...] = (
    Metric("headcount", "people", "coalesce(headcount, 0)", "headcount", better=None),
    Metric("jp_total", "jp", "jp_total", "headcount"),
    Metric("jp_per_asn", "jp", _ratio("jp_total", "headcount"), "headcount"),
    Metric("jp20_rate", "rate", _ratio("n_jp20", "n_full"), "n_full", binomial=True),
    Metric("reach_rate", "rate", _ratio("n_reached", "headcount"), "headcount", binomial=True),
    Metric("completion_rate", "rate", _ratio("n_completed", "n_outcome"), "n_outcome", binomial=True),
    Metric("dropout_rate", "rate", _ratio("n_dropout", "n_outcome"), "n_outcome", better="lower", binomial=True),
    Metric("learning_gain", "points", "learning_gain_avg", "n_tested"),
    Metric("normalized_gain", "gain", "(post_avg - pre_avg) / NULLIF(100 - pre_avg, 0)", "n_tested"),
    Metric("reaction_score", "score", "reaction_avg", "r_reaction", respondents="r_reaction"),
    Metric("reaction_favorable", "rate", _ratio("n_reaction_fav", "n_reaction_answers"), "r_reaction",
           respondents="r_reaction"),
    Metric("application_score", "score", "app_self_avg", "r_app_self", respondents="r_app_self"),
    Metric("application_rate", "rate", _ratio("n_app_applied", "n_app_responses"), "n_app_responses",
           respondents="r_app_self", binomial=True),
    Metric("supervisor_application_score", "score", "app_sup_avg", "r_app_sup", respondents="r_app_sup"),
    Metric("cost_total", "idr", "cost_total", "n_costed", better=None),
    Metric("cost_per_jp", "idr_per_jp", _ratio("cost_total", "jp_costed"), "n_costed", better="lower"),
    Metric("online_share", "rate", _ratio("coalesce(jp_online, 0)", "jp_total"), "headcount"),
    Metric("reach_ratio_nonurban", "ratio",
           f"({_ratio('n_reached_nonurban', 'n_nonurban')}) / NULLIF({_ratio('n_reached_urban', 'n_urban')}, 0)",
           "n_nonurban"),
    Metric("readiness_score", "score", "readiness_avg", "r_readiness", respondents="r_readiness"),
)
METRICS: dict[str, Metric] = {m.id: m for m in _REGISTRY}

# The group key of people whose breakdown attribute is empty (shown as "unknown", null in JSON).
UNKNOWN_KEY = "~unknown~"
METRIC_IDS: tuple[str, ...] = tuple(METRICS)

# pop: everyone in post during Y (leavers too: their training was paid for); in_p marks P(Y), full_year
# marks F(Y). Every figure but cost reads the rows of P only.
_SQL = """
WITH {pop},
prog AS (
    SELECT pr.program_code, pr.jp, pr.mode, pr.category, pr.cost_per_participant
    FROM programs AS pr
    WHERE {prog_where}
),
part AS (
    SELECT pop.grp, pop.in_p, pa.nip, pa.status, pa.pre_test, pa.post_test, prog.mode, prog.category,
           prog.cost_per_participant AS cost,
           {jp_credit} AS jp
    FROM participations AS pa
    JOIN prog ON prog.program_code = pa.program_code
    JOIN pop ON pop.nip = pa.nip
),
person AS (
    SELECT pop.grp, pop.nip, pop.area, pop.full_year, pop.jp_min,
           coalesce(sum(part.jp), 0) AS jp,
           count(part.nip) FILTER (WHERE part.status = 'completed') AS n_done
    FROM pop
    LEFT JOIN part ON part.nip = pop.nip
    WHERE pop.in_p
    GROUP BY pop.grp, pop.nip, pop.area, pop.full_year, pop.jp_min
),
ans_raw AS (
    SELECT r.response_id, r.nip, r.respondent_role, i.survey_kind AS kind, r.value,
           {respondent} AS respondent
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE (i.survey_kind IN ('reaction', 'application')
           AND r.program_code IN (SELECT program_code FROM prog))
       OR (i.survey_kind IN ('needs', 'readiness')
           AND r.submitted_at >= $ystart AND r.submitted_at < $ynext)
),
ans AS (
    SELECT pop.grp, a.response_id, a.respondent_role AS role, a.kind, a.value, a.respondent
    FROM ans_raw AS a
    JOIN pop ON pop.nip = a.nip AND pop.in_p
    UNION ALL
    SELECT 'all' AS grp, a.response_id, a.respondent_role AS role, a.kind, a.value, a.respondent
    FROM ans_raw AS a
    WHERE a.nip IS NULL AND $anon_ok
),
g_person AS (
    SELECT grp,
           count(*) AS headcount,
           sum(jp) AS jp_total,
           count(*) FILTER (WHERE full_year) AS n_full,
           count(*) FILTER (WHERE full_year AND jp >= jp_min) AS n_jp20,
           count(*) FILTER (WHERE n_done > 0) AS n_reached,
           count(*) FILTER (WHERE area = 'urban') AS n_urban,
           count(*) FILTER (WHERE area = 'urban' AND n_done > 0) AS n_reached_urban,
           count(*) FILTER (WHERE area <> 'urban') AS n_nonurban,
           count(*) FILTER (WHERE area <> 'urban' AND n_done > 0) AS n_reached_nonurban
    FROM person
    GROUP BY grp
),
g_part AS (
    SELECT grp,
           count(*) FILTER (WHERE in_p AND status IN ('completed', 'failed', 'dropped', 'no_show')) AS n_outcome,
           count(*) FILTER (WHERE in_p AND status = 'completed') AS n_completed,
           count(*) FILTER (WHERE in_p AND status IN ('dropped', 'no_show')) AS n_dropout,
           avg(post_test - pre_test) FILTER (WHERE in_p AND status = 'completed') AS learning_gain_avg,
           count(post_test - pre_test) FILTER (WHERE in_p AND status = 'completed') AS n_tested,
           avg(pre_test) FILTER (WHERE in_p AND status = 'completed' AND post_test IS NOT NULL) AS pre_avg,
           avg(post_test) FILTER (WHERE in_p AND status = 'completed' AND pre_test IS NOT NULL) AS post_avg,
           sum(cost) FILTER (WHERE status IN ('completed', 'failed', 'dropped')) AS cost_total,
           count(cost) FILTER (WHERE status IN ('completed', 'failed', 'dropped')) AS n_costed,
           sum(jp) FILTER (WHERE cost IS NOT NULL AND status IN ('completed', 'failed', 'dropped')) AS jp_costed,
           sum(jp) FILTER (WHERE in_p AND mode = 'daring') AS jp_online
    FROM part
    GROUP BY grp
),
g_ans AS (
    SELECT grp,
           avg(value) FILTER (WHERE kind = 'reaction') AS reaction_avg,
           count(value) FILTER (WHERE kind = 'reaction') AS n_reaction_answers,
           count(value) FILTER (WHERE kind = 'reaction' AND value >= $fav) AS n_reaction_fav,
           count(DISTINCT respondent) FILTER (WHERE kind = 'reaction' AND value IS NOT NULL) AS r_reaction,
           avg(value) FILTER (WHERE kind = 'application' AND role = 'self') AS app_self_avg,
           count(DISTINCT respondent)
               FILTER (WHERE kind = 'application' AND role = 'self' AND value IS NOT NULL) AS r_app_self,
           avg(value) FILTER (WHERE kind = 'application' AND role = 'supervisor') AS app_sup_avg,
           count(DISTINCT respondent)
               FILTER (WHERE kind = 'application' AND role = 'supervisor' AND value IS NOT NULL) AS r_app_sup,
           avg(value) FILTER (WHERE kind = 'readiness') AS readiness_avg,
           count(DISTINCT respondent) FILTER (WHERE kind = 'readiness' AND value IS NOT NULL) AS r_readiness
    FROM ans
    GROUP BY grp
),
g_resp AS (
    SELECT grp,
           count(*) AS n_app_responses,
           count(*) FILTER (WHERE mean_value >= $fav) AS n_app_applied
    FROM (
        SELECT grp, response_id, avg(value) AS mean_value
        FROM ans
        WHERE kind = 'application' AND role = 'self' AND value IS NOT NULL
        GROUP BY grp, response_id
    )
    GROUP BY grp
),
groups AS (
    {groups}
)
SELECT groups.grp AS grp,
{select}
FROM groups
LEFT JOIN g_person USING (grp)
LEFT JOIN g_part USING (grp)
LEFT JOIN g_ans USING (grp)
LEFT JOIN g_resp USING (grp)
ORDER BY groups.grp
"""
# The measures the template defines (a metric's expression, n and respondents may use only these).
MEASURES: frozenset[str] = frozenset(
    re.findall(r"\bAS (\w+)", _SQL[_SQL.index("g_person AS ("):_SQL.index("groups AS (")])
) - {"DOUBLE", "mean_value"}


@dataclass(frozen=True)
class Result:
    """Metric values for one filter set, with each figure's n and what was suppressed."""

    values: dict[str, float | int | None]
    n: dict[str, int]
    suppressed: frozenset[str]

    def __getitem__(self, metric_id: str) -> float | int | None:
        return self.values[metric_id]


def _metric_sql(filters: Filters, scope: Scope, ids: Sequence[str], by: str | None, settings: Settings,
                measures: Sequence[str] = (), exclude: tuple[str, ...] = ()) -> tuple[str, dict]:
    """The template for the chosen metrics (and raw measures), for the whole view or by an employee dimension;
    `exclude` leaves programmes of those categories out."""
    emp_where, prog_where, params = population_sql(filters, scope, who="during", settings=settings,
                                                   exclude_categories=exclude)
    params["anon_ok"] = rules.anonymous_counts(filters, scope, by)
    if by is None:
        grp, groups = "'all'", "SELECT 'all' AS grp"
    else:
        # NULL never matches in the joins below: an empty attribute becomes a key of its own
        grp = f"coalesce(CAST({DIMENSIONS[by].sql} AS VARCHAR), '{UNKNOWN_KEY}')"
        groups = "SELECT DISTINCT grp FROM pop WHERE in_p"
    select = []
    for mid in ids:
        m = METRICS[mid]
        select.append(f"    {m.expr} AS {m.id}")
        select.append(f"    coalesce({m.n}, 0) AS \"n_{m.id}\"")
        if m.respondents:
            select.append(f"    coalesce({m.respondents}, 0) AS \"r_{m.id}\"")
    select += [f"    {name} AS \"m_{name}\"" for name in measures if name in MEASURES]
    columns = (f"e.nip, {grp} AS grp, u.area AS area, ({rules.IN_POST_AT_END}) AS in_p, "
               f"({rules.FULL_YEAR}) AS full_year, {rules.jp_minimum()} AS jp_min")
    sql = _SQL.format(pop=pop_cte(emp_where, columns), prog_where=prog_where, groups=groups,
                      select=",\n".join(select), jp_credit=rules.jp_credit("pa", "prog.jp"),
                      respondent=rules.respondent("r"))
    return sql, params


def _check_ids(ids: Iterable[str] | None) -> list[str]:
    ids = list(METRIC_IDS if ids is None else ids)
    unknown = [i for i in ids if i not in METRICS]
    if unknown:
        raise ValueError(f"unknown metric(s): {', '.join(unknown)}")
    return ids


def _clean(value: object) -> float | int | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value  # type: ignore[return-value]


# The measures that count people: a figure whose n is one of these is about that many people.
_PEOPLE_NS = ("headcount", "n_full", "n_nonurban")


def _frame(store: Store, filters: Filters, scope: Scope, ids: list[str], by: str | None, settings: Settings,
           measures: Sequence[str] = (), exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """The metrics' values, n and respondents, with what this viewer may not see blanked: a survey group of fewer
    than the minimum respondents (every role but admin), and for leadership any figure about fewer people."""
    sql, params = _metric_sql(filters, scope, ids, by, settings, (*measures, "headcount"), exclude)
    frame = store.df(sql, params)
    k = settings.min_respondents
    for mid in ids:
        m = METRICS[mid]
        hide = pd.Series(False, index=frame.index)
        if m.respondents and scope.suppresses:
            respondents = frame[f"r_{mid}"]
            hide = (respondents > 0) & (respondents < k)
        if scope.aggregates_only and mid != "headcount":
            people = frame[f"n_{mid}"] if m.n in _PEOPLE_NS else frame["m_headcount"]
            hide = hide | ((people > 0) & (people < k))
        frame.loc[hide, mid] = None
        frame[f"suppressed_{mid}"] = hide
    return frame


def compute(store: Store, filters: Filters, scope: Scope | None = None, ids: Iterable[str] | None = None,
            settings: Settings | None = None) -> Result:
    """Every (or the chosen) scalar metric for one filter set, in the viewer's scope."""
    ids = _check_ids(ids)
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    row = _frame(store, filters, scope, ids, None, settings).iloc[0]
    return Result(
        values={mid: _clean(row[mid]) for mid in ids},
        n={mid: int(row[f"n_{mid}"]) for mid in ids},
        suppressed=frozenset(mid for mid in ids if bool(row[f"suppressed_{mid}"])),
    )


def scrap_estimate(store: Store, filters: Filters, scope: Scope | None = None,
                   settings: Settings | None = None) -> dict[str, float | int | None]:
    """docs/metrics.md scrap_estimate: a rough estimate of the value of training not applied.

    (1 − application_rate) × cost_total, both without compulsory initial training (Latsar, orientasi: the
    alumni's answers about it and what it cost are left out), with its basis: the application rate and its
    n, and the cost it is applied to. Never a loss: an estimate of what was paid for training its alumni say
    they do not apply. Keys: share (1 − rate), application_rate, n (application responses), cost_basis,
    estimate, suppressed (the application rate is hidden for this viewer).
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    row = _frame(store, filters, scope, ["application_rate", "cost_total"], None, settings,
                 exclude=rules.COMPULSORY_CATEGORIES).iloc[0]
    rate, basis = _clean(row["application_rate"]), _clean(row["cost_total"])
    share = None if rate is None else 1 - rate
    return {"share": share, "application_rate": rate, "n": int(row["n_application_rate"]), "cost_basis": basis,
            "estimate": None if share is None or basis is None else share * basis,
            "suppressed": bool(row["suppressed_application_rate"])}


def dimension_values(store: Store, filters: Filters, scope: Scope, dim: str) -> list[str]:
    """The values a program dimension takes among the year's (filtered) programs."""
    _, prog_where, params = population_sql(filters.with_value(dim, ()), scope)
    sql = f"SELECT DISTINCT {DIMENSIONS[dim].sql} AS v FROM programs AS pr WHERE {prog_where} ORDER BY v"
    values = [r[0] for r in store.rows(sql, params) if r[0] is not None]
    chosen = getattr(filters, dim)
    return [v for v in values if not chosen or v in chosen]


def compute_by(store: Store, filters: Filters, by: str, scope: Scope | None = None,
               ids: Iterable[str] | None = None, years: Sequence[int] | None = None,
               settings: Settings | None = None) -> pd.DataFrame:
    """Metrics by one dimension: a row per value, columns `by`, ids, n_<id>, suppressed_<id>.

    An employee dimension is one grouped query; a program dimension or the year
    is one query per value, since each value is its own filter (METRICS.md).
    """
    ids = _check_ids(ids)
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    if by in EMPLOYEE_DIMS:
        frame = _frame(store, filters, scope, ids, by, settings)
        frame = frame.rename(columns={"grp": by})
        frame[by] = frame[by].astype(object).where(frame[by] != UNKNOWN_KEY, None)
    elif by in PROGRAM_DIMS or by == "year":
        if by == "year":
            keys = list(years) if years is not None else store.years()
            variants = [(k, filters.with_year(k)) for k in keys]
        else:
            variants = [(k, filters.with_value(by, [k])) for k in dimension_values(store, filters, scope, by)]
        parts = []
        for key, variant in variants:
            part = _frame(store, variant, scope, ids, None, settings)
            part["grp"] = key
            parts.append(part)
        columns = ["grp"] + [c for c in _frame_columns(ids)]
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
        frame = frame.rename(columns={"grp": by})
    else:
        raise ValueError(f"unknown breakdown dimension: {by}")
    keep = [by] + _frame_columns(ids)
    return frame[keep].reset_index(drop=True)


def _frame_columns(ids: Sequence[str]) -> list[str]:
    return list(ids) + [f"n_{i}" for i in ids] + [f"suppressed_{i}" for i in ids]


def rows_as_records(frame: pd.DataFrame, by: str, ids: Sequence[str]) -> list[dict]:
    """A compute_by frame as JSON-ready records {by: key, id: value, ...}."""
    records = []
    for _, row in frame.iterrows():
        record = {by: _clean(row[by])}
        record.update({mid: _clean(row[mid]) for mid in ids})
        records.append(record)
    return records
