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
- What a non-admin may not see of a survey figure: the rules of `privacy`
  (docs/metrics.md § 5), over respondent counts this module's queries give —
  the view's, each wider view's (`privacy.wider`) and, for a breakdown, its
  totals'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from ..i18n import t
from ..settings import Settings, load_settings
from ..store import Store
from . import privacy
from .plan import MEASURES, UNKNOWN_KEY, metric_sql
from .population import population_sql

__all__ = ["Metric", "METRICS", "METRIC_IDS", "MEASURES", "Result", "compute", "compute_by", "compute_by_filters",
           "plain_count", "plain_value", "respondents", "scrap_estimate"]


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

METRIC_IDS: tuple[str, ...] = tuple(METRICS)


@dataclass(frozen=True)
class Result:
    """Metric values for one filter set, with each figure's n and what was suppressed."""

    values: dict[str, float | int | None]
    n: dict[str, int | None]  # None: withheld with the figure (a hidden figure shows "n < K", not its count)
    suppressed: frozenset[str]

    def __getitem__(self, metric_id: str) -> float | int | None:
        return self.values[metric_id]


def _select(ids: Sequence[str], measures: Sequence[str] = ()) -> dict[str, str]:
    """The output columns for these metrics: each value, its n, its respondents, and raw measures as m_<name>."""
    select: dict[str, str] = {}
    for mid in ids:
        m = METRICS[mid]
        select[mid] = m.expr
        select[f"n_{mid}"] = f"coalesce({m.n}, 0)"
        if m.respondents:
            select[f"r_{mid}"] = f"coalesce({m.respondents}, 0)"
    select.update({f"m_{name}": name for name in measures if name in MEASURES})
    return select


def _check_ids(ids: Iterable[str] | None) -> list[str]:
    ids = list(METRIC_IDS if ids is None else ids)
    unknown = [i for i in ids if i not in METRICS]
    if unknown:
        raise ValueError(f"unknown metric(s): {', '.join(unknown)}")
    return ids


def plain_value(value: object) -> float | int | None:
    """A value from a query or a frame as plain Python: None for NULL/NaN, numpy scalars unwrapped."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value  # type: ignore[return-value]


# The measures that count people: a figure whose n is one of these is about that many people.
_PEOPLE_NS = ("headcount", "n_full", "n_nonurban")


def _hidden(get, mid: str, scope: Scope, k: int):
    """Whether this viewer may not see a metric's value: a survey group of fewer than k respondents (every role
    but admin), and for leadership any figure about fewer than k people. `get(column)` gives a value or a
    column of the query; the answer is a bool or a column of them."""
    m = METRICS[mid]
    hide = False
    if m.respondents and scope.suppresses:
        respondents = get(f"r_{mid}")
        hide = (respondents > 0) & (respondents < k)
    if scope.aggregates_only and mid != "headcount":
        people = get(f"n_{mid}") if m.n in _PEOPLE_NS else get("m_headcount")
        hide = hide | ((people > 0) & (people < k))
    return hide


def _measured(store: Store, filters: Filters, scope: Scope, ids: Sequence[str], by: str | None, settings: Settings,
              measures: Sequence[str] = (), exclude: tuple[str, ...] = (), years: Sequence[int] = ()) -> pd.DataFrame:
    """The metrics' values, n and respondents by `by` (by year: for `years`) as the query gives them."""
    sql, params = metric_sql(filters, scope, _select(ids, (*measures, "headcount")), by, settings, exclude, years,
                             person_year=store.summaries)
    return store.df(sql, params)


def _respondents(store: Store, filters: Filters, scope: Scope, ids: Sequence[str], by: str | None,
                 settings: Settings, exclude: tuple[str, ...] = (), years: Sequence[int] = ()) -> pd.DataFrame:
    """Only the respondents (r_<id>) of the survey metrics among ids, by `by`: what the complement rule compares
    (a smaller query: the answers and the people, no participation)."""
    select = {f"r_{mid}": f"coalesce({METRICS[mid].respondents}, 0)" for mid in ids if METRICS[mid].respondents}
    sql, params = metric_sql(filters, scope, select, by, settings, exclude, years, person_year=store.summaries)
    return store.df(sql, params)


def respondents(store: Store, filters: Filters, scope: Scope, ids: Iterable[str], settings: Settings,
                by: str | None = None) -> pd.DataFrame:
    """The distinct respondents (r_<id>) of the survey metrics among ids for a view, by `by`, nothing hidden:
    the totals a survey table's groups are parts of (privacy rule 3)."""
    return _respondents(store, filters, scope, list(ids), by, settings)


def _surveyed(ids: Sequence[str], scope: Scope) -> list[str]:
    """The survey metrics among ids that this viewer sees with suppression."""
    return [mid for mid in ids if METRICS[mid].respondents] if scope.suppresses else []


def _guard(frame: pd.DataFrame, ids: Sequence[str], scope: Scope, settings: Settings, key: str | None = None,
           others: Sequence[pd.DataFrame] = (), totals: Sequence[pd.DataFrame] | None = None) -> pd.DataFrame:
    """Blank what this viewer may not see (privacy rules 1–3, and leadership's small groups of people) and flag
    it in suppressed_<id>; a hidden survey figure's n is withheld too (null; leadership still sees how many
    people a hidden figure of people is about, docs/metrics.md § 5). `others`: the respondents of the wider
    views, keyed like the frame on `key`; `totals`: for a breakdown, the respondents of the totals its groups
    are parts of (None: not a breakdown)."""
    k = settings.min_respondents
    surveyed = _surveyed(ids, scope)
    for mid in ids:
        hide = pd.Series(False, index=frame.index) | _hidden(frame.__getitem__, mid, scope, k)
        if mid in surveyed:
            r = f"r_{mid}"
            hide |= privacy.complement(frame, [key] if key else [], r, others, k)
            if totals is not None:
                hide = privacy.breakdown(frame, key, r, hide, k, totals)
        if hide.any():
            frame[mid] = frame[mid].astype(float).where(~hide)
            if mid in surveyed:  # its n would say how few answered: "n < K" is all a page says
                frame[f"n_{mid}"] = frame[f"n_{mid}"].astype(float).where(~hide)
        frame[f"suppressed_{mid}"] = hide
    return frame


def _frame(store: Store, filters: Filters, scope: Scope, ids: list[str], by: str | None, settings: Settings,
           measures: Sequence[str] = (), exclude: tuple[str, ...] = (), years: Sequence[int] = ()) -> pd.DataFrame:
    """The metrics' values, n and respondents by `by` (by year: for `years`), with what this viewer may not see
    blanked: each group checked against the same group of the wider views, and a breakdown's groups against
    the totals they are parts of (the view and its wider views; not by year: years are not parts of a whole)."""
    frame = _measured(store, filters, scope, ids, by, settings, measures, exclude, years)
    surveyed = _surveyed(ids, scope)
    if not surveyed:
        return _guard(frame, ids, scope, settings)
    others = [_respondents(store, view, scope, surveyed, by, settings, exclude, years)
              for view in privacy.wider(filters, by)]
    totals = None
    if by is not None and by != "year":
        totals = [_respondents(store, view, scope, surveyed, None, settings, exclude)
                  for view in (filters, *privacy.wider(filters))]
    return _guard(frame, ids, scope, settings, "grp" if by else None, others, totals)


def _row(store: Store, filters: Filters, scope: Scope, ids: list[str], settings: Settings,
         exclude: tuple[str, ...] = ()) -> dict:
    """The metrics of the whole view as one row (column -> plain value), with what this viewer may not see
    blanked."""
    frame = _frame(store, filters, scope, ids, None, settings, exclude=exclude)
    return {col: plain_value(frame[col].iloc[0]) for col in frame.columns}


def plain_count(value: object) -> int | None:
    """An n as an int; None when it is withheld."""
    value = plain_value(value)
    return None if value is None else int(value)


def compute(store: Store, filters: Filters, scope: Scope | None = None, ids: Iterable[str] | None = None,
            settings: Settings | None = None) -> Result:
    """Every (or the chosen) scalar metric for one filter set, in the viewer's scope."""
    ids = _check_ids(ids)
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    row = _row(store, filters, scope, ids, settings)
    return Result(
        values={mid: plain_value(row[mid]) for mid in ids},
        n={mid: plain_count(row[f"n_{mid}"]) for mid in ids},
        suppressed=frozenset(mid for mid in ids if row[f"suppressed_{mid}"]),
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
    row = _row(store, filters, scope, ["application_rate", "cost_total"], settings, rules.COMPULSORY_CATEGORIES)
    rate, basis = plain_value(row["application_rate"]), plain_value(row["cost_total"])
    share = None if rate is None else 1 - rate
    return {"share": share, "application_rate": rate, "n": plain_count(row["n_application_rate"]),
            "cost_basis": basis, "estimate": None if share is None or basis is None else share * basis,
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

    An employee or programme dimension is one grouped query (each programme value counts as its own
    filter, docs/metrics.md); the year is one query per year (each year has its own population).
    """
    ids = _check_ids(ids)
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    if by in EMPLOYEE_DIMS or by in PROGRAM_DIMS:
        frame = _frame(store, filters, scope, ids, by, settings).rename(columns={"grp": by})
        if by in EMPLOYEE_DIMS:
            frame[by] = frame[by].astype(object).where(frame[by] != UNKNOWN_KEY, None)
    elif by == "year":
        keys = [int(k) for k in (years if years is not None else store.years())]
        once = list(dict.fromkeys(keys))  # each year queried once, shown as often and in the order asked
        frame = _frame(store, filters, scope, ids, by, settings, years=once).rename(columns={"grp": by})
        frame = frame.set_index(by).reindex(keys).reset_index()
    else:
        raise ValueError(f"unknown breakdown dimension: {by}")
    return frame[[by] + _frame_columns(ids)].reset_index(drop=True)


def _per_value(store: Store, filters: Filters, keys: Sequence[object], scope: Scope, ids: list[str],
               settings: Settings, by: str) -> pd.DataFrame:
    """One whole-view query per value of `by` (each value as its own filter, each year as its view): a row per
    value, guarded as compute_by guards its groups — each against the same value of the wider views, and the
    values of a programme dimension against the totals they are parts of."""
    if not keys:
        return pd.DataFrame(columns=[by] + _frame_columns(ids))

    def one(view: Filters, key: object) -> Filters:
        return view.with_year(int(key)) if by == "year" else view.with_value(by, [key])

    def each(measure, view: Filters) -> pd.DataFrame:
        return pd.concat([measure(one(view, key)).assign(grp=key) for key in keys], ignore_index=True)

    frame = each(lambda v: _measured(store, v, scope, ids, None, settings), filters)
    surveyed = _surveyed(ids, scope)
    if not surveyed:
        return _guard(frame, ids, scope, settings, "grp").rename(columns={"grp": by})
    others = [each(lambda v: _respondents(store, v, scope, surveyed, None, settings), view)
              for view in privacy.wider(filters, by)]
    totals = None if by == "year" else [_respondents(store, view, scope, surveyed, None, settings)
                                        for view in (filters, *privacy.wider(filters))]
    return _guard(frame, ids, scope, settings, "grp", others, totals).rename(columns={"grp": by})


def compute_by_filters(store: Store, filters: Filters, by: str, scope: Scope | None = None,
                       ids: Iterable[str] | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """The definition of a breakdown by a programme dimension or the year, one query per value: each value as
    its own filter (each year as the view of that year), the same frame as compute_by. compute_by's grouped
    query must equal it (tests/test_plan.py)."""
    ids = _check_ids(ids)
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    keys = store.years() if by == "year" else dimension_values(store, filters, scope, by)
    return _per_value(store, filters, keys, scope, ids, settings, by)[[by] + _frame_columns(ids)]


def _frame_columns(ids: Sequence[str]) -> list[str]:
    return list(ids) + [f"n_{i}" for i in ids] + [f"suppressed_{i}" for i in ids]


def rows_as_records(frame: pd.DataFrame, by: str, ids: Sequence[str]) -> list[dict]:
    """A compute_by frame as JSON-ready records {by: key, id: value, ...}."""
    records = []
    for _, row in frame.iterrows():
        record = {by: plain_value(row[by])}
        record.update({mid: plain_value(row[mid]) for mid in ids})
        records.append(record)
    return records
