"""The kompetensi dimension of the Indeks Profesionalitas ASN (PermenPANRB 38/2018, Perban 8/2019).

Per ASN in post at the end of Y, points out of 40:
- JPT / administrator / pengawas: leadership training that fits the position
  (ever completed up to Y) 15 + technical training of ≥ 20 JP completed in Y 15
  + a seminar / workshop / lokakarya / kursus / magang completed in Y 10;
- fungsional: functional training (ever, up to Y) 15 + technical ≥ 20 JP in Y 15
  + seminar and the like in Y 10;
- pelaksana: technical ≥ 20 JP in Y 22.5 + seminar and the like in Y 17.5.
The dimension is reported as points out of 40 with the coverage of each component
(the share of the people eligible for it who earned it). The categories Sangat
Tinggi 91–100 … Sangat Rendah ≤ 60 belong to the whole index (kualifikasi +
kompetensi + kinerja + disiplin) and are not applied to this one dimension.

Decisions (written down because the rule is silent or the data is thin):
- "Fits the position" for leadership is read from the programme title, for
  certificates of every generation: Diklatpim / Diklat PIM / Diklat Kepemimpinan /
  Pelatihan Kepemimpinan Tingkat I–IV ("Tk.", Roman or Arabic numerals), PKN
  Tingkat I/II, PKA (= III), PKP (= IV). A JPT needs level II or higher, an
  administrator III or higher, a pengawas IV or higher (a higher level fits too).
- Functional training of any kind counts; program filters do not apply: the
  score is a property of the person.
- The weights and categories live in RULES, not in code; RULES["version"] names
  the regulation they follow.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from .population import hide_small_groups, population_sql

__all__ = ["RULES", "COMPONENTS", "scores", "summary", "trend", "leadership_level", "LEVEL_SQL"]

RULES: dict = {
    "version": "PermenPANRB 38/2018; Perban 8/2019",
    "max": 40.0,
    "structural": {"leadership": 15.0, "technical": 15.0, "seminar": 10.0},
    "fungsional": {"functional": 15.0, "technical": 15.0, "seminar": 10.0},
    "pelaksana": {"technical": 22.5, "seminar": 17.5},
    "technical_min_jp": 20.0,
    "technical_categories": ["teknis"],
    "functional_categories": ["fungsional"],
    # seminar / workshop / lokakarya / kursus / magang / sejenisnya (workshop, lokakarya, webinar import as seminar)
    "seminar_categories": ["seminar", "kursus", "magang"],
    "leadership_categories": ["kepemimpinan"],
    # the highest (smallest) level number a position needs: PKN II / Diklatpim II for a JPT pratama …
    "leadership_need": {"jpt": 2, "administrator": 3, "pengawas": 4},
}
# The four components, and who is eligible for each (the coverage's denominator).
COMPONENTS: tuple[str, ...] = ("leadership", "functional", "technical", "seminar")
_STRUCTURAL = ("jpt", "administrator", "pengawas")

# A title, lower-cased with every run of other characters made one space ("DIKLATPIM TK. III" -> "diklatpim tk iii").
_CLEAN = "trim(regexp_replace(lower({title}), '[^a-z0-9]+', ' ', 'g'))"
# "<diklatpim|pim|kepemimpinan|pkn> [nasional] [tingkat|tk] <IV|III|II|I|1-4>": the numeral is the level.
_NUMBERED = r"\b(?:diklat ?pim|pim|kepemimpinan|pkn)(?: nasional)?(?: tingkat| tk)? (iv|iii|ii|i|[1-4])\b"
_ROMAN = "CASE {n} WHEN 'i' THEN 1 WHEN 'ii' THEN 2 WHEN 'iii' THEN 3 WHEN 'iv' THEN 4 ELSE TRY_CAST({n} AS INTEGER) END"


def _level_sql(title: str) -> str:
    clean = _CLEAN.format(title=title)
    numeral = f"regexp_extract({clean}, '{_NUMBERED}', 1)"
    return (f"CASE WHEN {numeral} <> '' THEN {_ROMAN.format(n=numeral)} "
            f"WHEN regexp_matches({clean}, '\\bpkp\\b|kepemimpinan pengawas') THEN 4 "
            f"WHEN regexp_matches({clean}, '\\bpka\\b|kepemimpinan administrator') THEN 3 "
            f"WHEN regexp_matches({clean}, '\\bpkn\\b|kepemimpinan nasional') THEN 2 END")


# The leadership level (1 highest … 4) a programme title names, NULL when it names none.
LEVEL_SQL = _level_sql("title")


def leadership_level(title: str) -> int | None:
    """The leadership level a certificate's title names (1–4), or None: the engine's own SQL rule."""
    row = duckdb.execute(f"SELECT {_level_sql('$title')}", {"title": title}).fetchone()
    return None if row is None or row[0] is None else int(row[0])


# The years of the query, in the caller's order (k), each with the bounds population_sql binds for one year:
# a trend is one query, every year's population and programmes at once (one year for scores and summary).
_YEARS = """
yrs AS (
    SELECT k, year, make_date(year, 1, 1) AS ystart, make_date(year, 1, 1) AS pstart,
           make_date(year, 12, 31) AS yend, make_date(year + 1, 1, 1) AS ynext
    FROM unnest(CAST($years AS BIGINT[])) WITH ORDINALITY AS y(year, k)
)"""
_BOUNDS = ("ystart", "pstart", "yend", "ynext")  # population_sql's parameters that depend on the year

# pop: a row per year and member of that year's P(Y): rules.PEOPLE with yrs beside it (not population.pop_cte,
# whose FROM has no room for the years), population_sql's conditions reading each year's bounds from yrs.
# done: every completion up to the last year, each title's leadership level read once per programme;
# MATERIALIZED, so it is built before the join with every year's people (left to the optimiser, DuckDB joins
# the people first and a province's trend takes about twice as long).
# earned: what each person earned by each year, grouped by (k, nip) only; person joins the wide columns back.
_SQL = """
WITH {years},
pop AS (
    SELECT yrs.k, yrs.year, yrs.ystart, yrs.yend, {columns}
    FROM yrs
    CROSS JOIN {people}
    WHERE {emp_where}
),
done AS MATERIALIZED (
    SELECT pa.nip, pr.category, pr.end_date, pr.level,
           {jp_credit} AS jp
    FROM participations AS pa
    JOIN (SELECT *, {level} AS level FROM programs AS pr WHERE pr.end_date <= $last_end) AS pr
      ON pr.program_code = pa.program_code
    WHERE pa.status = 'completed'
),
earned AS (
    SELECT pop.k, pop.nip,
           bool_or(list_contains(CAST($lead_cats AS VARCHAR[]), d.category)
                   AND d.level <= CASE pop.position_type WHEN 'jpt' THEN $need_jpt
                                                         WHEN 'administrator' THEN $need_adm
                                                         WHEN 'pengawas' THEN $need_pgw END) AS has_leadership,
           bool_or(list_contains(CAST($func_cats AS VARCHAR[]), d.category)) AS has_functional,
           sum(d.jp) FILTER (WHERE list_contains(CAST($tech_cats AS VARCHAR[]), d.category)
                               AND d.end_date >= pop.ystart) AS technical_jp,
           bool_or(list_contains(CAST($sem_cats AS VARCHAR[]), d.category)
                   AND d.end_date >= pop.ystart) AS has_seminar
    FROM pop
    JOIN done AS d ON d.nip = pop.nip AND d.end_date <= pop.yend
    GROUP BY pop.k, pop.nip
),
person AS (
    SELECT pop.*,
           coalesce(earned.has_leadership, false) AS has_leadership,
           coalesce(earned.has_functional, false) AS has_functional,
           coalesce(earned.technical_jp, 0) AS technical_jp,
           coalesce(earned.has_seminar, false) AS has_seminar
    FROM pop
    LEFT JOIN earned ON earned.k = pop.k AND earned.nip = pop.nip
),
pts AS (
    SELECT *,
           CASE WHEN position_type IN ('jpt', 'administrator', 'pengawas') AND has_leadership
                THEN $w_lead ELSE 0 END AS leadership_pts,
           CASE WHEN position_type = 'fungsional' AND has_functional THEN $w_func ELSE 0 END AS functional_pts,
           CASE WHEN technical_jp >= $tech_min
                THEN CASE WHEN position_type = 'pelaksana' THEN $w_tech_p ELSE $w_tech END
                ELSE 0 END AS technical_pts,
           CASE WHEN has_seminar
                THEN CASE WHEN position_type = 'pelaksana' THEN $w_sem_p ELSE $w_sem END
                ELSE 0 END AS seminar_pts
    FROM person
)
SELECT *,
       leadership_pts + functional_pts + technical_pts + seminar_pts AS score
FROM pts
"""
# The columns of pop that say which year a row is of: not part of a person's scores.
_YEAR_COLUMNS = ["k", "year", "ystart", "yend"]


def _per_year(where: str, params: dict) -> str:
    """A WHERE of population_sql with the year's bounds read from `yrs` instead of bound parameters: every date
    parameter population_sql binds is a bound of the year, and one it adds later must be added to _YEARS."""
    dates = {name for name, value in params.items() if isinstance(value, dt.date)}
    if dates - set(_BOUNDS):
        raise ValueError(f"population_sql binds dates _YEARS does not compute: {sorted(dates - set(_BOUNDS))}")
    return re.sub(r"\$(" + "|".join(_BOUNDS) + r")\b", r"yrs.\1", where)


def _params(filters: Filters, scope: Scope, by: str | None, years: tuple[int, ...]) -> tuple[str, dict]:
    """The per-person SQL of `years` (one row per person and year, k the year's place in `years`), with its
    parameters; the filters' year is not used, each year has its own population (population_sql)."""
    from .tables import PERSON_COLUMNS

    structural, functional, pelaksana = RULES["structural"], RULES["fungsional"], RULES["pelaksana"]
    emp_where, _, params = population_sql(filters, scope)
    emp_where = _per_year(emp_where, params)
    need = RULES["leadership_need"]
    params = {name: value for name, value in params.items() if name not in _BOUNDS}
    params.update({
        "years": [int(y) for y in years], "last_end": dt.date(max(years), 12, 31),
        "lead_cats": RULES["leadership_categories"], "func_cats": RULES["functional_categories"],
        "tech_cats": RULES["technical_categories"], "sem_cats": RULES["seminar_categories"],
        "need_jpt": need["jpt"], "need_adm": need["administrator"], "need_pgw": need["pengawas"],
        "w_lead": structural["leadership"], "w_func": functional["functional"],
        "w_tech": structural["technical"], "w_tech_p": pelaksana["technical"],
        "w_sem": structural["seminar"], "w_sem_p": pelaksana["seminar"],
        "tech_min": RULES["technical_min_jp"],
    })
    grp = DIMENSIONS[by].sql if by else "'all'"
    sql = _SQL.format(years=_YEARS.strip(), columns=f"{PERSON_COLUMNS}, {grp} AS grp",
                      people=rules.PEOPLE.replace("\n", "\n    "), emp_where=emp_where,
                      level=_level_sql("pr.title"), jp_credit=rules.jp_credit("pa", "pr.jp"))
    return sql, params


def _next_step_sql(params: dict) -> tuple[str, str]:
    """SQL of next_step and potential_gain over a person's <component>_pts: the missing component of largest
    weight among the rules of the person's position (pelaksana, fungsional, else structural; equal weights:
    the rules' order), and its weight (0 when none is missing). In SQL: 0.46 s at province, 1.5 s in Python."""
    def ranked(kind: str) -> list[str]:
        return sorted(RULES[kind], key=lambda comp: -RULES[kind][comp])  # stable: ties keep the rules' order

    def case(kind: str, gain: bool) -> str:
        whens = []
        for comp in ranked(kind):
            params[f"g_{kind}_{comp}"] = float(RULES[kind][comp])
            then = f"CAST($g_{kind}_{comp} AS DOUBLE)" if gain else f"'{comp}'"  # names: COMPONENTS, not data
            whens.append(f"WHEN {comp}_pts = 0 THEN {then}")
        return f"CASE {' '.join(whens)} ELSE {'0.0' if gain else 'NULL'} END"

    def by_position(gain: bool) -> str:
        return (f"CASE WHEN position_type = 'pelaksana' THEN {case('pelaksana', gain)} "
                f"WHEN position_type = 'fungsional' THEN {case('fungsional', gain)} "
                f"ELSE {case('structural', gain)} END")

    return by_position(False), by_position(True)


def scores(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """Per ASN: the four components' points, score out of 40, and what one more programme would add.

    potential_gain is the largest missing component the person is eligible for;
    next_step names it (leadership, functional, technical, seminar). People of one name in one unit come
    in NIP order.
    """
    scope = scope or Scope.everything()
    sql, params = _params(filters, scope, None, (filters.year,))
    next_step, gain = _next_step_sql(params)
    frame = scope.mask_people(store.df(
        f"SELECT *, {next_step} AS next_step, {gain} AS potential_gain FROM ({sql}) "
        "ORDER BY opd_name, unit_name, name, nip", params))
    return frame.drop(columns=[*_YEAR_COLUMNS, "grp"])


def _summaries(store: Store, filters: Filters, by: str | None, scope: Scope, settings: Settings | None,
               years: tuple[int, ...]) -> pd.DataFrame:
    """summary() of each year of `years` in one query: k (the year's place in `years`), year, then summary's
    columns, in the order of `years`."""
    sql, params = _params(filters, scope, by, years)
    structural = ", ".join(f"'{p}'" for p in _STRUCTURAL)
    eligible = {"leadership": f"position_type IN ({structural})", "functional": "position_type = 'fungsional'",
                "technical": "true", "seminar": "true"}
    parts = []
    for comp in COMPONENTS:
        who = eligible[comp]
        parts.append(f"count(*) FILTER (WHERE {who} AND {comp}_pts > 0) / NULLIF(count(*) FILTER (WHERE {who}), 0)"
                     f" AS {comp}_cov, count(*) FILTER (WHERE {who}) AS {comp}_n")
    agg = (f"SELECT k, year, grp AS {by or 'grp'}, employment_type, count(*) AS n, avg(score) AS score, "
           + ", ".join(parts) + f" FROM ({sql}) GROUP BY k, year, grp, employment_type "
           "ORDER BY k, grp, employment_type")
    hidden = ["score"] + [f"{c}_cov" for c in COMPONENTS]
    return hide_small_groups(store.df(agg, params), scope, settings or load_settings(), "n", hidden)


def summary(store: Store, filters: Filters, by: str | None = None, scope: Scope | None = None,
            settings: Settings | None = None) -> pd.DataFrame:
    """Mean kompetensi points (out of 40) and each component's coverage, by a dimension, PNS and PPPK apart.

    Columns: the `by` dimension (or grp), employment_type, n, score (mean points), and per component
    <c>_cov (the share of the eligible who earned it; null with nobody eligible) and <c>_n (eligible):
    leadership among JPT/administrator/pengawas, functional among fungsional, technical and seminar among all.
    """
    frame = _summaries(store, filters, by, scope or Scope.everything(), settings, (filters.year,))
    return frame.drop(columns=["k", "year"])


def trend(store: Store, filters: Filters, scope: Scope | None = None,
          years: tuple[int, ...] | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """summary() for each year (PNS and PPPK): columns year, employment_type, n, score, coverage.

    One query for every year (each with its own population), in the order of `years`: the rows of
    summary(filters.with_year(y)) for each y, with the year in front (tests/test_batched.py holds it to that).
    """
    years = tuple(years or store.years())
    if not years:
        return pd.DataFrame()
    frame = _summaries(store, filters, None, scope or Scope.everything(), settings, years)
    return frame.drop(columns=["k", "grp"])
