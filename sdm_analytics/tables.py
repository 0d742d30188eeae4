"""Tables of METRICS.md and the lists pages drill into (people, options, targets).

Same population and program rules as `metrics`, through `population_sql`.
"""

from __future__ import annotations

import pandas as pd

from .filters import DIMENSIONS, Filters, Scope
from .metrics import population_sql
from .settings import Settings, load_settings
from .store import Store

__all__ = ["JP_BUCKETS", "person_jp", "jp_distribution", "people_below", "targets", "options", "unit_names"]

JP_BUCKETS: tuple[str, ...] = ("0", "1-9", "10-19", "20-39", ">=40")

_PERSON_SQL = """
WITH pop AS (
    SELECT e.nip, e.name, e.opd_code, u.opd_name, e.position_name, e.employment_type, u.area
    FROM employees AS e
    LEFT JOIN units AS u ON u.opd_code = e.opd_code
    WHERE {emp_where}
),
prog AS (
    SELECT pr.program_code, pr.jp
    FROM programs AS pr
    WHERE {prog_where}
),
person AS (
    SELECT pop.nip, pop.name, pop.opd_code, pop.opd_name, pop.position_name,
           pop.employment_type, pop.area,
           coalesce(sum(CASE WHEN pa.status = 'completed'
                             THEN coalesce(pa.jp_earned, prog.jp) ELSE 0 END), 0) AS jp,
           count(prog.program_code) FILTER (WHERE pa.status = 'completed') AS n_completed
    FROM pop
    LEFT JOIN participations AS pa ON pa.nip = pop.nip
        AND pa.program_code IN (SELECT program_code FROM prog)
    LEFT JOIN prog ON prog.program_code = pa.program_code
    GROUP BY ALL
)
"""


def person_jp(filters: Filters, scope: Scope) -> tuple[str, dict]:
    """The per-person CTEs (JP and completions in Y) and their parameters."""
    emp_where, prog_where, params = population_sql(filters, scope)
    return _PERSON_SQL.format(emp_where=emp_where, prog_where=prog_where), params


def jp_distribution(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """P bucketed by JP in Y: columns bucket, people, share (share null when P is empty)."""
    ctes, params = person_jp(filters, scope or Scope.everything())
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
    return frame


def people_below(store: Store, filters: Filters, scope: Scope | None = None,
                 settings: Settings | None = None) -> pd.DataFrame:
    """Members of P below the yearly JP minimum: who they are, their JP and the gap."""
    settings = settings or load_settings()
    ctes, params = person_jp(filters, scope or Scope.everything())
    params["jp_min"] = settings.jp_min
    sql = ctes + """
SELECT name, nip, opd_code, opd_name, position_name, employment_type, area,
       jp, $jp_min - jp AS gap, n_completed
FROM person
WHERE jp < $jp_min
ORDER BY jp, opd_name, name
"""
    return store.df(sql, params)


def targets(store: Store, year: int, opd: str = "") -> dict[str, float]:
    """Targets of a year for the city (opd '') or one OPD: indicator -> target (rates 0-1)."""
    rows = store.rows(
        "SELECT indicator, target FROM targets WHERE year = $y AND opd_code = $o",
        {"y": int(year), "o": opd or ""},
    )
    return {k: float(v) for k, v in rows}


def targets_by_opd(store: Store, year: int, indicator: str) -> dict[str, float]:
    """One indicator's targets of a year per OPD (the city-wide one under '')."""
    rows = store.rows(
        "SELECT opd_code, target FROM targets WHERE year = $y AND indicator = $i",
        {"y": int(year), "i": indicator},
    )
    return {k: float(v) for k, v in rows}


def unit_names(store: Store) -> dict[str, str]:
    """opd_code -> opd_name."""
    return dict(store.rows("SELECT opd_code, opd_name FROM units ORDER BY opd_name"))


def options(store: Store, scope: Scope | None = None) -> dict[str, list[str]]:
    """The values each filter can take in the store (OPDs limited to the scope)."""
    scope = scope or Scope.everything()
    out: dict[str, list[str]] = {}
    for dim, table, alias in (
        ("opd", "employees", "e"), ("area", "units", "u"), ("kecamatan", "units", "u"),
        ("employment_type", "employees", "e"), ("rank_group", "employees", "e"),
        ("position_type", "employees", "e"), ("gender", "employees", "e"),
        ("education", "employees", "e"), ("category", "programs", "pr"),
        ("topic", "programs", "pr"), ("mode", "programs", "pr"), ("organizer", "programs", "pr"),
    ):
        expr = DIMENSIONS[dim].sql
        sql = f"SELECT DISTINCT {expr} AS v FROM {table} AS {alias} WHERE v IS NOT NULL ORDER BY v"
        out[dim] = [r[0] for r in store.rows(sql)]
    if scope.restricted:
        out["opd"] = [o for o in out["opd"] if o in (scope.opds or ())]
    out["age_band"] = ["<30", "30-39", "40-49", "50-54", ">=55"]
    out["year"] = [str(y) for y in store.years()]
    return out
