"""Tables of METRICS.md and the lists pages drill into (people, options, targets).

Same population and program rules as `metrics`, through `population_sql`.
"""

from __future__ import annotations

import pandas as pd

from .filters import DIMENSIONS, Filters, Scope
from .metrics import pop_cte, population_sql
from .settings import Settings, load_settings
from .store import Store

__all__ = [
    "JP_BUCKETS", "person_jp", "jp_distribution", "people_below", "targets", "target_unit", "options", "unit_names",
    "never_trained", "never_trained_by", "level4_by_training", "target_progress",
    "readiness_by_participation",
]

JP_BUCKETS: tuple[str, ...] = ("0", "1-9", "10-19", "20-39", ">=40")

_PERSON_SQL = """
WITH {pop},
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
    columns = "e.nip, e.name, e.opd_code, u.opd_name, e.position_name, e.employment_type, u.area"
    return _PERSON_SQL.format(pop=pop_cte(emp_where, columns), prog_where=prog_where), params


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
    scope = scope or Scope.everything()
    ctes, params = person_jp(filters, scope)
    params["jp_min"] = settings.jp_min
    sql = ctes + """
SELECT name, nip, opd_code, opd_name, position_name, employment_type, area,
       jp, $jp_min - jp AS gap, n_completed
FROM person
WHERE jp < $jp_min
ORDER BY jp, opd_name, name
"""
    return scope.mask_people(store.df(sql, params))


def targets(store: Store, year: int, opd: str = "") -> dict[str, float]:
    """Targets of a year for the city (opd '') or one OPD: indicator -> target (rates 0-1)."""
    rows = store.rows(
        "SELECT indicator, target FROM targets WHERE year = $y AND opd_code = $o",
        {"y": int(year), "o": opd or ""},
    )
    return {k: float(v) for k, v in rows}


def target_unit(filters: Filters, scope: Scope | None = None) -> str | None:
    """Whose targets apply to a view: the city's ('') unfiltered, one OPD's for exactly that OPD, else None.

    A target is set for a unit, so a slice (a gender, two OPDs, online only, an evaluator's own OPDs)
    is never judged against it.
    """
    active = filters.active()
    if not active:
        return None if scope is not None and scope.restricted else ""
    if set(active) == {"opd"} and len(filters.opd) == 1:
        return filters.opd[0]
    return None


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


def never_trained(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """METRICS.md never_trained: members of P with no completed participation in Y and Y-1."""
    scope = scope or Scope.everything()
    emp_where, prog_where, params = population_sql(filters, scope, years_back=1)
    dims = {d: DIMENSIONS[d].sql for d in ("area", "kecamatan", "employment_type", "rank_group",
                                           "position_type", "gender", "education", "age_band")}
    columns = ",\n       ".join(f"{expr} AS {name}" for name, expr in dims.items())
    sql = f"""
SELECT e.nip, e.name, e.opd_code, u.opd_name, e.position_name,
       {columns}
FROM employees AS e
LEFT JOIN units AS u ON u.opd_code = e.opd_code
WHERE {emp_where}
  AND NOT EXISTS (
      SELECT 1
      FROM participations AS pa
      JOIN programs AS pr ON pr.program_code = pa.program_code
      WHERE pa.nip = e.nip AND pa.status = 'completed' AND {prog_where}
  )
ORDER BY u.opd_name, e.name
"""
    return scope.mask_people(store.df(sql, params))


def never_trained_by(store: Store, filters: Filters, by: str | None = None,
                     scope: Scope | None = None) -> pd.DataFrame:
    """Share of P never trained (Y and Y-1), overall (by None: one row 'all') or per value of an
    employee dimension: columns by, headcount, never_n, share."""
    scope = scope or Scope.everything()
    if by is not None and DIMENSIONS[by].level != "employee":
        raise ValueError(f"never_trained is broken down by an employee dimension only, not {by}")
    emp_where, prog_where, params = population_sql(filters, scope, years_back=1)
    grp = DIMENSIONS[by].sql if by else "'all'"
    trained = f"""EXISTS (
               SELECT 1
               FROM participations AS pa
               JOIN programs AS pr ON pr.program_code = pa.program_code
               WHERE pa.nip = e.nip AND pa.status = 'completed' AND {prog_where}
           ) AS trained"""
    sql = f"""
WITH {pop_cte(emp_where, f"e.nip, {grp} AS grp, {trained}")}
SELECT grp AS {by or "grp"},
       count(*) AS headcount,
       count(*) FILTER (WHERE NOT trained) AS never_n,
       count(*) FILTER (WHERE NOT trained) / count(*) AS share
FROM pop
GROUP BY grp
ORDER BY share DESC
"""
    return store.df(sql, params)


def level4_by_training(store: Store, filters: Filters, scope: Scope | None = None,
                       settings: Settings | None = None) -> pd.DataFrame:
    """METRICS.md level4_by_training: SKP rating shares in Y for P with JP ≥ minimum vs below.

    An association, not an effect. Columns: group ('>=20' / '<20'), rating, n, share, n_group.
    """
    settings = settings or load_settings()
    ctes, params = person_jp(filters, scope or Scope.everything())
    params.update({"jp_min": settings.jp_min, "year": filters.year})
    sql = ctes + """
SELECT "group", rating, n,
       n / sum(n) OVER (PARTITION BY "group") AS share,
       sum(n) OVER (PARTITION BY "group") AS n_group
FROM (
    SELECT CASE WHEN person.jp >= $jp_min THEN 'reached' ELSE 'below' END AS "group",
           pf.rating,
           count(*) AS n
    FROM person
    JOIN performance AS pf ON pf.nip = person.nip AND pf.year = $year
    GROUP BY 1, 2
)
ORDER BY "group", rating
"""
    return store.df(sql, params)


def target_progress(store: Store, year: int, scope: Scope | None = None) -> pd.DataFrame:
    """METRICS.md target_progress: each target of Y beside its actual, for the city or its OPD.

    The actual is the metric for the whole city (opd_code '') or the whole OPD,
    without other filters: a target is set for a unit, not for a slice. A
    restricted viewer sees only the targets of the OPDs in scope.
    """
    from .metrics import METRICS, compute

    scope = scope or Scope.everything()
    rows = store.rows(
        "SELECT indicator, opd_code, target FROM targets WHERE year = $y ORDER BY opd_code, indicator",
        {"y": int(year)},
    )
    records = []
    for indicator, opd, target in rows:
        if scope.restricted and (not opd or opd not in (scope.opds or ())):
            continue
        known = indicator in METRICS
        actual = None
        n = None
        if known:
            result = compute(store, Filters.make(year, {"opd": [opd]} if opd else {}), scope, [indicator])
            actual, n = result.values[indicator], result.n[indicator]
        better = METRICS[indicator].better if known else "higher"
        met = None if actual is None else (actual <= target if better == "lower" else actual >= target)
        # attainment: how far along the way to the target (1 = reached), in the metric's direction
        if actual is None or not target or (better == "lower" and not actual):
            attainment = None
        else:
            attainment = target / actual if better == "lower" else actual / target
        records.append({"indicator": indicator, "opd_code": opd, "target": float(target), "actual": actual,
                        "n": n, "met": met, "attainment": attainment, "known_metric": known})
    return pd.DataFrame(records, columns=["indicator", "opd_code", "target", "actual", "n", "met", "attainment",
                                          "known_metric"])


def readiness_by_participation(store: Store, filters: Filters, scope: Scope | None = None,
                               settings: Settings | None = None) -> pd.DataFrame:
    """Mean readiness-for-change answer of P members by their JP in Y: '0', '1-19', '>=20'.

    Anonymous answers cannot be placed and are left out. Columns: group, readiness_score,
    respondents, answers, suppressed (fewer than the minimum respondents, non-admin).
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    ctes, params = person_jp(filters, scope)
    params["jp_min"] = settings.jp_min
    sql = ctes + """
SELECT CASE WHEN person.jp = 0 THEN '0' WHEN person.jp < $jp_min THEN '1-19' ELSE '>=20' END AS "group",
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
"""
    frame = store.df(sql, params)
    small = (frame["respondents"] < settings.min_respondents) & scope.suppresses
    frame["suppressed"] = small
    frame.loc[small, "readiness_score"] = None
    return frame


def pivot_shares(frame: pd.DataFrame, key: str, column: str = "answer", value: str = "share") -> pd.DataFrame:
    """Reshape a long frame of shares (e.g. from choices) into a key × answer matrix (no aggregation)."""
    return frame.pivot(index=key, columns=column, values=value)


def describe_filters(store: Store, filters: Filters, lang: str = "id", scope: Scope | None = None) -> str:
    """The active filters in words, e.g. 'OPD: Dinas Kesehatan; Wilayah: Perdesaan' ('' when none); an
    account limited to some OPDs says so first ('Cakupan akun: Dinas Kesehatan, …')."""
    from .i18n import code_label, dim_label, t

    names = unit_names(store) if filters.opd or (scope and scope.restricted) else {}
    parts = []
    if scope is not None and scope.restricted:
        own = sorted(names.get(code, code) for code in scope.opds or ())
        shown = ", ".join(own) if len(own) <= 4 else f"{len(own)} OPD: {', '.join(own[:3])}, …"
        parts.append(f"{t('scope_account', lang)}: {shown}")
    for dim, values in filters.active().items():
        shown = [names.get(v, v) if dim == "opd" else code_label(dim, v, lang) for v in values]
        parts.append(f"{dim_label(dim, lang)}: {', '.join(shown)}")
    return "; ".join(parts)


def targets_met(progress: pd.DataFrame, opd: str | None = "") -> tuple[int, int]:
    """(targets met, targets) among a target_progress frame's rows for the city (''), one OPD, or all (None)."""
    rows = progress if opd is None else progress[progress["opd_code"] == opd]
    return int(rows["met"].fillna(False).astype(bool).sum()), len(rows)


# The METRICS.md tables (and the IP ASN score) by name, as the CLI's `metrics --table` offers them.
TABLE_NAMES: tuple[str, ...] = ("needs_gap", "jp_distribution", "never_trained", "level4_by_training",
                                "target_progress", "ipasn", "ipasn_summary")


def named_table(name: str, store: Store, filters: Filters, scope: Scope | None = None,
                by: str | None = None) -> pd.DataFrame:
    """One of TABLE_NAMES for the filters (target_progress takes only the year; by: ipasn_summary only)."""
    from . import ipasn

    scope = scope or Scope.everything()
    if name == "needs_gap":
        from .needs import needs_gap

        return needs_gap(store, filters, scope)
    if name == "jp_distribution":
        return jp_distribution(store, filters, scope)
    if name == "never_trained":
        return never_trained(store, filters, scope)
    if name == "level4_by_training":
        return level4_by_training(store, filters, scope)
    if name == "target_progress":
        return target_progress(store, filters.year, scope)
    if name == "ipasn":
        return ipasn.scores(store, filters, scope)
    if name == "ipasn_summary":
        return ipasn.summary(store, filters, by=by, scope=scope)
    raise ValueError(f"unknown table: {name}")
