"""Tables of docs/metrics.md and the lists pages drill into (people), and how a view describes itself.

Same population and program rules as `metrics`, through `population` and `rules`.
"""

from __future__ import annotations

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from . import privacy
from .population import every_programme, hide_small_groups, pop_cte, population_sql

__all__ = [
    "JP_BUCKETS", "PERSON_COLUMNS", "person_jp", "jp_distribution", "people_below", "never_trained",
    "never_trained_by", "level4_by_training", "new_staff", "zero_jp", "scrap_table", "readiness_by_participation",
]

# Who a person in a list is: name, NIP, their OPD (top of the unit chain) and own unit kerja, post.
PERSON_COLUMNS = ("e.nip, e.name, o.opd_code AS opd_code, o.opd_name AS opd_name, e.opd_code AS unit_code, "
                  "u.opd_name AS unit_name, e.position_name, e.position_type, e.employment_type, u.area")

JP_BUCKETS: tuple[str, ...] = ("0", "1-9", "10-19", "20-39", ">=40")

_PERSON_SQL = """
WITH {pop},
prog AS (
    SELECT pr.program_code, pr.jp
    FROM programs AS pr
    WHERE {prog_where}
),
person AS (
    SELECT pop.*,
           coalesce(sum({jp_credit}), 0) AS jp,
           count(prog.program_code) FILTER (WHERE pa.status = 'completed') AS n_completed
    FROM pop
    LEFT JOIN participations AS pa ON pa.nip = pop.nip
        AND pa.program_code IN (SELECT program_code FROM prog)
    LEFT JOIN prog ON prog.program_code = pa.program_code
    GROUP BY ALL
)
"""


def person_jp(filters: Filters, scope: Scope, settings: Settings | None = None) -> tuple[str, dict]:
    """The per-person CTEs (JP and completions in Y, whether in post the whole year, the person's JP
    minimum) over P(Y), and their parameters."""
    settings = settings or load_settings()
    emp_where, prog_where, params = population_sql(filters, scope, settings=settings)
    columns = (f"{PERSON_COLUMNS}, ({rules.FULL_YEAR}) AS full_year, e.hire_date, "
               f"{rules.jp_minimum()} AS jp_min")
    sql = _PERSON_SQL.format(pop=pop_cte(emp_where, columns), prog_where=prog_where,
                             jp_credit=rules.jp_credit("pa", "prog.jp"))
    return sql, params


def jp_distribution(store: Store, filters: Filters, scope: Scope | None = None,
                    settings: Settings | None = None) -> pd.DataFrame:
    """P bucketed by JP in Y: columns bucket, people, share (share null when P is empty; for leadership, the
    whole distribution is blanked when P has fewer than the minimum people)."""
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    ctes, params = person_jp(filters, scope, settings)
    sql = ctes + """
SELECT CASE WHEN jp = 0 THEN '0'
            WHEN jp < 10 THEN '1-9'
            WHEN jp < 20 THEN '10-19'
            WHEN jp < 40 THEN '20-39'
            ELSE '>=40' END AS bucket,
       count(*) AS people
FROM person
GROUP BY bucket
"""
    counts = dict(store.rows(sql, params))
    frame = pd.DataFrame({"bucket": list(JP_BUCKETS), "people": [int(counts.get(b, 0)) for b in JP_BUCKETS]})
    total = int(frame["people"].sum())
    frame["share"] = frame["people"] / total if total else None
    frame["n"] = total
    return hide_small_groups(frame, scope, settings, "n", ["people", "share"]).drop(columns=["n"])


def people_below(store: Store, filters: Filters, scope: Scope | None = None,
                 settings: Settings | None = None) -> pd.DataFrame:
    """Members of F(Y) (in post the whole year) below their yearly JP minimum: who they are, their JP,
    their minimum and the gap. New staff are not listed here (see new_staff)."""
    scope = scope or Scope.everything()
    ctes, params = person_jp(filters, scope, settings)
    sql = ctes + """
SELECT name, nip, opd_code, opd_name, unit_code, unit_name, position_name, employment_type, area,
       jp, jp_min, jp_min - jp AS gap, n_completed
FROM person
WHERE full_year AND jp < jp_min
ORDER BY jp, opd_name, unit_name, name
"""
    return scope.mask_people(store.df(sql, params))


def scrap_table(store: Store, filters: Filters, scope: Scope | None = None,
                settings: Settings | None = None) -> pd.DataFrame:
    """metrics.scrap_estimate as a one-row frame (share, application_rate, n, cost_basis, estimate, suppressed)."""
    from .metrics import scrap_estimate

    return pd.DataFrame([scrap_estimate(store, filters, scope, settings)])


def zero_jp(store: Store, filters: Filters, scope: Scope | None = None,
            settings: Settings | None = None) -> pd.DataFrame:
    """docs/metrics.md zero_jp: members of F(Y) with 0 JP in Y. One row: zero_jp, n_full (|F(Y)|), share."""
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    ctes, params = person_jp(filters, scope, settings)
    sql = ctes + """
SELECT count(*) FILTER (WHERE jp = 0) AS zero_jp,
       count(*) AS n_full,
       count(*) FILTER (WHERE jp = 0) / NULLIF(count(*), 0) AS share
FROM person
WHERE full_year
"""
    return hide_small_groups(store.df(sql, params), scope, settings, "n_full", ["zero_jp", "share"])


def new_staff(store: Store, filters: Filters, scope: Scope | None = None,
              settings: Settings | None = None) -> pd.DataFrame:
    """docs/metrics.md new_staff: members of P(Y) hired during Y ("ASN baru": CPNS in Latsar, new PPPK in
    orientation), by employment type: headcount, how many completed compulsory initial training (a programme
    of category latsar or orientasi ending in Y, program filters applied), its share, and their JP in Y."""
    settings = settings or load_settings()
    emp_where, prog_where, params = population_sql(filters, scope or Scope.everything(), settings=settings)
    params["compulsory"] = list(rules.COMPULSORY_CATEGORIES)
    hired_during = f"{emp_where}\n      AND NOT ({rules.FULL_YEAR})"
    sql = f"""
WITH {pop_cte(hired_during, "e.nip, e.employment_type")},
prog AS (
    SELECT pr.program_code, pr.jp, pr.category
    FROM programs AS pr
    WHERE {prog_where}
),
person AS (
    SELECT pop.nip, pop.employment_type,
           coalesce(sum({rules.jp_credit("pa", "prog.jp")}), 0) AS jp,
           coalesce(bool_or(pa.status = 'completed'
                            AND list_contains(CAST($compulsory AS VARCHAR[]), prog.category)), false) AS initial
    FROM pop
    LEFT JOIN participations AS pa ON pa.nip = pop.nip
        AND pa.program_code IN (SELECT program_code FROM prog)
    LEFT JOIN prog ON prog.program_code = pa.program_code
    GROUP BY pop.nip, pop.employment_type
)
SELECT employment_type,
       count(*) AS headcount,
       count(*) FILTER (WHERE initial) AS initial_done,
       count(*) FILTER (WHERE initial) / count(*) AS initial_share,
       sum(jp) AS jp_total
FROM person
GROUP BY employment_type
ORDER BY employment_type
"""
    return hide_small_groups(store.df(sql, params), scope or Scope.everything(), settings, "headcount",
                             ["initial_done", "initial_share", "jp_total"])


def _never_sql(store: Store, filters: Filters, scope: Scope, columns: str) -> tuple[str, dict]:
    """The pop CTE of P(Y) with the given columns and `trained`: whether the person completed a programme ending
    in Y or Y-1 (program filters applied; without any, read from the person_year summary)."""
    emp_where, prog_where, params = population_sql(filters, scope, years_back=1)
    if store.summaries and every_programme(filters):
        params["py_years"] = [filters.year - 1, filters.year]
        trained = """EXISTS (
               SELECT 1
               FROM person_year AS py
               WHERE py.nip = e.nip AND py.n_done > 0 AND list_contains(CAST($py_years AS INTEGER[]), py.year)
           ) AS trained"""
    else:
        trained = f"""EXISTS (
               SELECT 1
               FROM participations AS pa
               JOIN programs AS pr ON pr.program_code = pa.program_code
               WHERE pa.nip = e.nip AND pa.status = 'completed' AND {prog_where}
           ) AS trained"""
    return pop_cte(emp_where, f"{columns}, {trained}"), params


def never_trained(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """docs/metrics.md never_trained: members of P(Y) with no completed participation in Y and Y-1,
    with the attributes an evaluator filters by."""
    scope = scope or Scope.everything()
    segments = ", ".join(f"{DIMENSIONS[d].sql} AS {d}" for d in ("kecamatan", "employment_type", "rank_group",
                                                                "position_type", "gender", "education", "age_band"))
    pop, params = _never_sql(store, filters, scope, f"{PERSON_COLUMNS}, {segments}")
    sql = f"WITH {pop}\nSELECT * EXCLUDE (trained) FROM pop WHERE NOT trained ORDER BY opd_name, unit_name, name"
    return scope.mask_people(store.df(sql, params))


def never_trained_by(store: Store, filters: Filters, by: str | None = None,
                     scope: Scope | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """Share of P never trained (Y and Y-1), overall (by None: one row 'all') or per value of an
    employee dimension: columns by, headcount, never_n, share."""
    scope = scope or Scope.everything()
    if by is not None and DIMENSIONS[by].level != "employee":
        raise ValueError(f"never_trained is broken down by an employee dimension only, not {by}")
    grp = DIMENSIONS[by].sql if by else "'all'"
    pop, params = _never_sql(store, filters, scope, f"e.nip, {grp} AS grp")
    sql = f"""
WITH {pop}
SELECT grp AS {by or "grp"},
       count(*) AS headcount,
       count(*) FILTER (WHERE NOT trained) AS never_n,
       count(*) FILTER (WHERE NOT trained) / count(*) AS share
FROM pop
GROUP BY grp
ORDER BY share DESC, grp  -- equal shares in the groups' order, the same on every run
"""
    return hide_small_groups(store.df(sql, params), scope, settings or load_settings(), "headcount",
                             ["never_n", "share"])


def level4_by_training(store: Store, filters: Filters, scope: Scope | None = None,
                       settings: Settings | None = None) -> pd.DataFrame:
    """docs/metrics.md level4_by_training: SKP rating shares in Y for members of P(Y) who reached their
    yearly JP minimum ('reached') against those below it ('below').

    An association, not an effect. Columns: group, rating, n, share, n_group.
    """
    ctes, params = person_jp(filters, scope or Scope.everything(), settings)
    params["year"] = filters.year
    sql = ctes + """
SELECT "group", rating, n,
       n / sum(n) OVER (PARTITION BY "group") AS share,
       sum(n) OVER (PARTITION BY "group") AS n_group
FROM (
    SELECT CASE WHEN person.jp >= person.jp_min THEN 'reached' ELSE 'below' END AS "group",
           pf.rating,
           count(*) AS n
    FROM person
    JOIN performance AS pf ON pf.nip = person.nip AND pf.year = $year
    GROUP BY 1, 2
)
ORDER BY "group", rating
"""
    return hide_small_groups(store.df(sql, params), scope or Scope.everything(), settings or load_settings(),
                             "n_group", ["n", "share"])


def _readiness_groups(store: Store, filters: Filters, scope: Scope, settings: Settings) -> pd.DataFrame:
    """readiness_by_participation's query: each group's mean, respondents and answers, nothing hidden."""
    ctes, params = person_jp(filters, scope, settings)
    return store.df(ctes + """
SELECT CASE WHEN person.jp = 0 THEN '0' WHEN person.jp < person.jp_min THEN 'below' ELSE 'reached' END
           AS "group",
       avg(r.value) AS readiness_score,
       count(DISTINCT r.nip) AS respondents,
       count(r.value) AS answers
FROM person
JOIN survey_responses AS r ON r.nip = person.nip
JOIN survey_items AS i ON i.item_code = r.item_code
WHERE i.survey_kind = 'readiness' AND r.value IS NOT NULL
  AND r.submitted_at >= $ystart AND r.submitted_at < $ynext
GROUP BY 1
ORDER BY 1
""", params)


def readiness_by_participation(store: Store, filters: Filters, scope: Scope | None = None,
                               settings: Settings | None = None) -> pd.DataFrame:
    """Mean readiness-for-change answer of P members by their JP in Y: '0', 'below' (under their minimum),
    'reached'.

    Anonymous answers cannot be placed and are left out. Columns: group, readiness_score,
    respondents, answers, suppressed. For a non-admin a group is hidden by the rules of `privacy` (a few
    respondents; a few more in a wider view; the groups as a breakdown of the view's readiness_score):
    its score blanked, respondents and answers withheld.
    """
    from .metrics import respondents

    scope = scope or Scope.everything()
    settings = settings or load_settings()
    frame = _readiness_groups(store, filters, scope, settings)
    hide = pd.Series(False, index=frame.index)
    if scope.suppresses and not frame.empty:
        k = settings.min_respondents
        views = privacy.wider(filters)
        hide = pd.Series(privacy.small(frame["respondents"], k), index=frame.index)
        others = [_readiness_groups(store, view, scope, settings) for view in views]
        hide |= privacy.complement(frame, ["group"], "respondents", others, k)
        totals = [respondents(store, view, scope, ["readiness_score"], settings)
                  .rename(columns={"r_readiness_score": "respondents"}) for view in (filters, *views)]
        hide = privacy.breakdown(frame, "group", "respondents", hide, k, totals)
        frame.loc[hide, "readiness_score"] = None
        if hide.any():
            frame[["respondents", "answers"]] = frame[["respondents", "answers"]].astype(float).where(~hide, axis=0)
    frame["suppressed"] = hide
    return frame


def pivot_shares(frame: pd.DataFrame, key: str, column: str = "answer", value: str = "share") -> pd.DataFrame:
    """Reshape a long frame of shares (e.g. from choices) into a key × answer matrix (no aggregation)."""
    return frame.pivot(index=key, columns=column, values=value)
