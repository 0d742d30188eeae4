"""The floor: each figure of docs/metrics.md as one hand-written DuckDB query, to measure the engine against.

The `bench` command times the metric engine (`engine.metrics.compute`, which plans a query for any filter,
scope, breakdown and set of metrics) against these queries: what a competent analyst would write directly against
the store's tables for one figure, city-wide, one year, everyone (admin: nothing suppressed), no filter —
and, for a few figures, for one OPD (`FLOOR_ONE_OPD`) and per OPD (`FLOOR_BY_OPD`). `pandas_jp20_rate` is
the other everyday baseline: the tables read whole into pandas and joined there. tests/test_floors.py proves
that every floor gives the engine's value, on the demo store and on the hand-checked small fixture.

The queries restate the rules of docs/metrics.md §1 by hand (P(Y), F(Y), JP credit, the JP minimum per
employment type, anonymous answers) and share nothing with the engine's code, so a slip in the engine shows
up as a difference here. Every query returns one row with one column `value` (the by-OPD ones a row per
OPD, columns `opd` and `value`); values are bound parameters only (`floor_params`): $ystart, $yend, $ynext
(1 January of Y, 31 December of Y, 1 January of Y+1), $jp_min, $jp_min_pppk, $fav, and $opd.

The OPD of an employee is the top of their unit's chain (`unit_tree.opd_code`); a unit the store does not
know stands for itself, as in the engine. `employees.opd_code` is NOT NULL in the schema, so the OPD is never
null; were it ever, the plain GROUP BY would give a row whose `opd` is NULL, which is what `compute_by` shows
for its "unknown" group.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from ..settings import Settings, load_settings
from ..store import Store

__all__ = ["FLOORS", "FLOOR_ONE_OPD", "FLOOR_BY_OPD", "floor_params", "floor_values", "pandas_jp20_rate"]

# P(Y), over employees AS e: in post at the end of Y. F(Y) adds: in post since 1 January.
_IN_P = "e.hire_date <= $yend AND (e.exit_date IS NULL OR e.exit_date > $yend)"
_FULL_YEAR = "e.hire_date <= $ystart"
# In post at any time in Y: whose training the year's budget paid for (cost only).
_IN_POST_DURING = "e.hire_date <= $yend AND (e.exit_date IS NULL OR e.exit_date >= $ystart)"
# Under one OPD, over employees AS e LEFT JOIN unit_tree AS t: the OPD or a unit anywhere below it.
_UNDER_OPD = "list_contains(coalesce(t.path, [e.opd_code]), $opd)"
_JP_MIN = "CASE WHEN e.employment_type = 'PPPK' THEN $jp_min_pppk ELSE $jp_min END"

# The participations in programmes ending in Y, each with the JP it earns.
_PARTS = """(
        SELECT pa.nip, pa.status, pa.pre_test, pa.post_test, pr.mode, pr.cost_per_participant AS cost,
               CASE WHEN pa.status = 'completed' THEN coalesce(pa.jp_earned, pr.jp) ELSE 0 END AS jp
        FROM participations AS pa
        JOIN programs AS pr ON pr.program_code = pa.program_code
        WHERE pr.end_date BETWEEN $ystart AND $yend
    ) AS pa"""
# Who completed at least one programme ending in Y.
_REACHED = """(
        SELECT DISTINCT pa.nip
        FROM participations AS pa
        JOIN programs AS pr ON pr.program_code = pa.program_code
        WHERE pa.status = 'completed' AND pr.end_date BETWEEN $ystart AND $yend
    )"""


def _answers(value: str, kind: str, role: str | None = None) -> str:
    """One aggregate over the answers to items of a kind (about programmes ending in Y, or for readiness
    submitted in Y), given by members of P(Y) or anonymously."""
    when = ("r.submitted_at >= $ystart AND r.submitted_at < $ynext" if kind == "readiness" else
            "r.program_code IN (SELECT program_code FROM programs WHERE end_date BETWEEN $ystart AND $yend)")
    by = f"\n  AND r.respondent_role = '{role}'" if role else ""
    return f"""SELECT {value} AS value
FROM survey_responses AS r
JOIN survey_items AS i ON i.item_code = r.item_code
WHERE i.survey_kind = '{kind}'{by}
  AND {when}
  AND (r.nip IS NULL OR r.nip IN (SELECT e.nip FROM employees AS e WHERE {_IN_P}))"""


def _jp20(one_opd: bool = False) -> str:
    """jp20_rate: the share of F(Y) whose JP in Y reach their own minimum (of one OPD's people with one_opd)."""
    tree = "\n    LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code" if one_opd else ""
    under = f" AND {_UNDER_OPD}" if one_opd else ""
    return f"""SELECT CAST(count(*) FILTER (WHERE jp >= jp_min) AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM (
    SELECT e.nip, {_JP_MIN} AS jp_min, coalesce(sum(pa.jp), 0) AS jp
    FROM employees AS e{tree}
    LEFT JOIN {_PARTS} ON pa.nip = e.nip
    WHERE {_IN_P} AND {_FULL_YEAR}{under}
    GROUP BY e.nip, e.employment_type
)"""


FLOORS: dict[str, str] = {
    "headcount": f"SELECT count(*) AS value FROM employees AS e WHERE {_IN_P}",
    "jp_total": f"""SELECT sum(coalesce(pa.jp, 0)) AS value
FROM employees AS e
LEFT JOIN {_PARTS} ON pa.nip = e.nip
WHERE {_IN_P}""",
    "jp_per_asn": f"""SELECT sum(coalesce(pa.jp, 0)) / NULLIF(count(DISTINCT e.nip), 0) AS value
FROM employees AS e
LEFT JOIN {_PARTS} ON pa.nip = e.nip
WHERE {_IN_P}""",
    "jp20_rate": _jp20(),
    "reach_rate": f"""SELECT CAST(count(*) FILTER (WHERE e.nip IN {_REACHED}) AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM employees AS e
WHERE {_IN_P}""",
    "completion_rate": f"""SELECT CAST(count(*) FILTER (WHERE pa.status = 'completed') AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status IN ('completed', 'failed', 'dropped', 'no_show') AND {_IN_P}""",
    "dropout_rate": f"""SELECT CAST(count(*) FILTER (WHERE pa.status IN ('dropped', 'no_show')) AS DOUBLE)
       / NULLIF(count(*), 0) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status IN ('completed', 'failed', 'dropped', 'no_show') AND {_IN_P}""",
    "learning_gain": f"""SELECT avg(pa.post_test - pa.pre_test) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status = 'completed' AND {_IN_P}""",
    "normalized_gain": f"""SELECT (avg(pa.post_test) - avg(pa.pre_test)) / NULLIF(100 - avg(pa.pre_test), 0) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status = 'completed' AND pa.pre_test IS NOT NULL AND pa.post_test IS NOT NULL AND {_IN_P}""",
    "reaction_score": _answers("avg(r.value)", "reaction"),
    "reaction_favorable": _answers("CAST(count(r.value) FILTER (WHERE r.value >= $fav) AS DOUBLE) "
                                   "/ NULLIF(count(r.value), 0)", "reaction"),
    "application_score": _answers("avg(r.value)", "application", "self"),
    "application_rate": f"""SELECT CAST(count(*) FILTER (WHERE mean_value >= $fav) AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM (
    SELECT r.response_id, avg(r.value) AS mean_value
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind = 'application' AND r.respondent_role = 'self' AND r.value IS NOT NULL
      AND r.program_code IN (SELECT program_code FROM programs WHERE end_date BETWEEN $ystart AND $yend)
      AND (r.nip IS NULL OR r.nip IN (SELECT e.nip FROM employees AS e WHERE {_IN_P}))
    GROUP BY r.response_id
)""",
    "supervisor_application_score": _answers("avg(r.value)", "application", "supervisor"),
    "cost_total": f"""SELECT sum(pa.cost) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status IN ('completed', 'failed', 'dropped') AND {_IN_POST_DURING}""",
    "cost_per_jp": f"""SELECT sum(pa.cost) / NULLIF(sum(pa.jp), 0) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE pa.status IN ('completed', 'failed', 'dropped') AND pa.cost IS NOT NULL AND {_IN_POST_DURING}""",
    "online_share": f"""SELECT coalesce(sum(pa.jp) FILTER (WHERE pa.mode = 'daring'), 0) / NULLIF(sum(pa.jp), 0) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
WHERE {_IN_P}""",
    "reach_ratio_nonurban": f"""SELECT (CAST(count(*) FILTER (WHERE area <> 'urban' AND reached) AS DOUBLE)
        / NULLIF(count(*) FILTER (WHERE area <> 'urban'), 0))
     / NULLIF(CAST(count(*) FILTER (WHERE area = 'urban' AND reached) AS DOUBLE)
        / NULLIF(count(*) FILTER (WHERE area = 'urban'), 0), 0) AS value
FROM (
    SELECT u.area, e.nip IN {_REACHED} AS reached
    FROM employees AS e
    LEFT JOIN units AS u ON u.opd_code = e.opd_code
    WHERE {_IN_P}
)""",
    "readiness_score": _answers("avg(r.value)", "readiness"),
}

# The same for one OPD ($opd), every unit below it included; anonymous answers drop out (docs/metrics.md §1.8).
FLOOR_ONE_OPD: dict[str, str] = {
    "jp20_rate": _jp20(one_opd=True),
    "reach_rate": f"""SELECT CAST(count(*) FILTER (WHERE e.nip IN {_REACHED}) AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM employees AS e
LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
WHERE {_IN_P} AND {_UNDER_OPD}""",
    "application_rate": f"""SELECT CAST(count(*) FILTER (WHERE mean_value >= $fav) AS DOUBLE) / NULLIF(count(*), 0) AS value
FROM (
    SELECT r.response_id, avg(r.value) AS mean_value
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    JOIN employees AS e ON e.nip = r.nip
    LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
    WHERE i.survey_kind = 'application' AND r.respondent_role = 'self' AND r.value IS NOT NULL
      AND r.program_code IN (SELECT program_code FROM programs WHERE end_date BETWEEN $ystart AND $yend)
      AND {_IN_P} AND {_UNDER_OPD}
    GROUP BY r.response_id
)""",
    "cost_total": f"""SELECT sum(pa.cost) AS value
FROM {_PARTS}
JOIN employees AS e ON e.nip = pa.nip
LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
WHERE pa.status IN ('completed', 'failed', 'dropped') AND {_IN_POST_DURING} AND {_UNDER_OPD}""",
}

# One row per OPD that has members of P(Y) (columns opd, value), ordered by OPD code.
FLOOR_BY_OPD: dict[str, str] = {
    "jp20_rate": f"""SELECT opd, CAST(count(*) FILTER (WHERE full_year AND jp >= jp_min) AS DOUBLE)
       / NULLIF(count(*) FILTER (WHERE full_year), 0) AS value
FROM (
    SELECT e.nip, coalesce(t.opd_code, e.opd_code) AS opd, {_FULL_YEAR} AS full_year, {_JP_MIN} AS jp_min,
           coalesce(sum(pa.jp), 0) AS jp
    FROM employees AS e
    LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
    LEFT JOIN {_PARTS} ON pa.nip = e.nip
    WHERE {_IN_P}
    GROUP BY ALL
)
GROUP BY opd
ORDER BY opd""",
    "reach_rate": f"""SELECT coalesce(t.opd_code, e.opd_code) AS opd,
       CAST(count(*) FILTER (WHERE e.nip IN {_REACHED}) AS DOUBLE) / count(*) AS value
FROM employees AS e
LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code
WHERE {_IN_P}
GROUP BY opd
ORDER BY opd""",
}


def floor_params(year: int, settings: Settings | None = None) -> dict:
    """The parameters every floor binds, for year Y (settings: the engine's default when not given). A floor
    for one OPD also needs $opd."""
    settings = settings or load_settings()
    return {"ystart": dt.date(year, 1, 1), "yend": dt.date(year, 12, 31), "ynext": dt.date(year + 1, 1, 1),
            "jp_min": settings.jp_min, "jp_min_pppk": settings.jp_min_pppk, "fav": settings.favorable_min}


def floor_values(store: Store, year: int, settings: Settings | None = None) -> dict[str, float | int | None]:
    """Every floor of FLOORS for a year: metric id -> value (None for NULL)."""
    params = floor_params(year, settings)
    return {mid: store.scalar(sql, params) for mid, sql in FLOORS.items()}


def pandas_jp20_rate(db_path: str, year: int, settings: Settings | None = None) -> float | None:
    """jp20_rate the way an analyst would script it in pandas: the three tables read whole, then filtered,
    joined and summed in pandas (no SQL aggregation). None when F(Y) is empty."""
    settings = settings or load_settings()
    con = duckdb.connect(db_path, read_only=True)
    try:
        employees = con.execute("SELECT * FROM employees").df()
        participations = con.execute("SELECT * FROM participations").df()
        programs = con.execute("SELECT * FROM programs").df()
    finally:
        con.close()
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    hired, left = pd.to_datetime(employees["hire_date"]), pd.to_datetime(employees["exit_date"])
    full_year = employees[(hired <= start) & (left.isna() | (left > end))]
    ends = pd.to_datetime(programs["end_date"])
    year_programs = programs.loc[(ends >= start) & (ends <= end), ["program_code", "jp"]]
    rows = participations.merge(year_programs, on="program_code")
    rows["credit"] = rows["jp_earned"].fillna(rows["jp"]).where(rows["status"] == "completed", 0.0)
    jp = rows.groupby("nip")["credit"].sum()
    if full_year.empty:
        return None
    earned = full_year["nip"].map(jp).fillna(0.0)
    minimum = np.where(full_year["employment_type"] == "PPPK", settings.jp_min_pppk, settings.jp_min)
    return float((earned.to_numpy() >= minimum).mean())
