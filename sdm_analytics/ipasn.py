"""The kompetensi dimension of the Indeks Profesionalitas ASN (PermenPANRB 38/2018, Perban 8/2019).

Per ASN in post at the end of Y, 0–40 points:
- JPT / administrator / pengawas: leadership training that fits the position
  (ever completed up to Y) 15 + technical training of ≥ 20 JP completed in Y 15
  + a seminar / workshop completed in Y 10;
- fungsional: functional training (ever, up to Y) 15 + technical ≥ 20 JP in Y 15
  + seminar in Y 10;
- pelaksana: technical ≥ 20 JP in Y 22.5 + seminar in Y 17.5.
The category is read off the score as a share of its 40-point maximum, on the
IP ASN scale: Sangat Tinggi 91–100, Tinggi 81–90, Sedang 71–80, Rendah 61–70,
Sangat Rendah ≤ 60.

Decisions (written down because the rule is silent or the data is thin):
- "Fits the position" for leadership is read from the programme title
  (PKN Tingkat II / Diklatpim II for JPT, PKA / Diklatpim III for administrator,
  PKP / Diklatpim IV for pengawas); functional training of any kind counts.
- Program filters do not apply: the score is a property of the person.
- The weights were under revision in 2023: they live in RULES, not in code,
  and RULES["version"] names the regulation they follow.
"""

from __future__ import annotations

import pandas as pd

from .filters import DIMENSIONS, Filters, Scope
from .metrics import pop_cte, population_sql
from .store import Store

__all__ = ["RULES", "CATEGORIES", "scores", "summary", "trend", "category_of"]

RULES: dict = {
    "version": "PermenPANRB 38/2018",
    "max": 40.0,
    "structural": {"leadership": 15.0, "technical": 15.0, "seminar": 10.0},
    "fungsional": {"functional": 15.0, "technical": 15.0, "seminar": 10.0},
    "pelaksana": {"technical": 22.5, "seminar": 17.5},
    "technical_min_jp": 20.0,
    "technical_categories": ["teknis"],
    "functional_categories": ["fungsional"],
    "seminar_categories": ["seminar"],
    "leadership_categories": ["kepemimpinan"],
    # regular expressions over the lower-cased programme title
    "leadership_fit": {
        "jpt": r"nasional tingkat ii\b|\bpkn\b|\bpim(pinan)? ?ii\b|\bdiklatpim ii\b",
        "administrator": r"administrator|\bpka\b|\bpim(pinan)? ?iii\b|\bdiklatpim iii\b",
        "pengawas": r"pengawas|\bpkp\b|\bpim(pinan)? ?iv\b|\bdiklatpim iv\b",
    },
}

# (code, lower bound of the 0-100 score), highest first
CATEGORIES: tuple[tuple[str, float], ...] = (
    ("sangat_tinggi", 91.0), ("tinggi", 81.0), ("sedang", 71.0), ("rendah", 61.0), ("sangat_rendah", 0.0),
)


def category_of(score_100: float) -> str:
    """The IP ASN category of a 0–100 score."""
    for code, floor in CATEGORIES:
        if score_100 >= floor:
            return code
    return "sangat_rendah"


_SQL = """
WITH {pop},
done AS (
    SELECT pa.nip, pr.category, lower(pr.title) AS title, pr.end_date,
           coalesce(pa.jp_earned, pr.jp) AS jp
    FROM participations AS pa
    JOIN programs AS pr ON pr.program_code = pa.program_code
    WHERE pa.status = 'completed' AND pr.end_date <= $yend
),
person AS (
    SELECT pop.*,
           coalesce(bool_or(list_contains(CAST($lead_cats AS VARCHAR[]), d.category)
                            AND regexp_matches(d.title, CASE pop.position_type
                                                          WHEN 'jpt' THEN $fit_jpt
                                                          WHEN 'administrator' THEN $fit_adm
                                                          WHEN 'pengawas' THEN $fit_pgw
                                                          ELSE '$^' END)), false) AS has_leadership,
           coalesce(bool_or(list_contains(CAST($func_cats AS VARCHAR[]), d.category)), false) AS has_functional,
           coalesce(sum(d.jp) FILTER (WHERE list_contains(CAST($tech_cats AS VARCHAR[]), d.category)
                                        AND d.end_date >= $ystart), 0) AS technical_jp,
           coalesce(bool_or(list_contains(CAST($sem_cats AS VARCHAR[]), d.category)
                            AND d.end_date >= $ystart), false) AS has_seminar
    FROM pop
    LEFT JOIN done AS d ON d.nip = pop.nip
    GROUP BY ALL
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
       leadership_pts + functional_pts + technical_pts + seminar_pts AS score,
       (leadership_pts + functional_pts + technical_pts + seminar_pts) / $max * 100 AS score_100
FROM pts
"""


def _params(filters: Filters, scope: Scope, by: str | None) -> tuple[str, dict]:
    structural, functional, pelaksana = RULES["structural"], RULES["fungsional"], RULES["pelaksana"]
    emp_where, _, params = population_sql(filters, scope)
    params.update({
        "lead_cats": RULES["leadership_categories"], "func_cats": RULES["functional_categories"],
        "tech_cats": RULES["technical_categories"], "sem_cats": RULES["seminar_categories"],
        "fit_jpt": RULES["leadership_fit"]["jpt"], "fit_adm": RULES["leadership_fit"]["administrator"],
        "fit_pgw": RULES["leadership_fit"]["pengawas"],
        "w_lead": structural["leadership"], "w_func": functional["functional"],
        "w_tech": structural["technical"], "w_tech_p": pelaksana["technical"],
        "w_sem": structural["seminar"], "w_sem_p": pelaksana["seminar"],
        "tech_min": RULES["technical_min_jp"], "max": RULES["max"],
    })
    grp = DIMENSIONS[by].sql if by else "'all'"
    columns = ("e.nip, e.name, e.opd_code, u.opd_name, e.employment_type, e.position_type, e.position_name, "
               f"{grp} AS grp")
    sql = _SQL.format(pop=pop_cte(emp_where, columns))
    return sql, params


def scores(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """Per ASN: the four components, score (0–40), score_100, category, and what one more programme adds.

    potential_gain is the largest missing component the person is eligible for;
    next_step names it (leadership, functional, technical, seminar).
    """
    scope = scope or Scope.everything()
    sql, params = _params(filters, scope, None)
    frame = scope.mask_people(store.df(sql + "ORDER BY opd_name, name", params))
    frame["category"] = [category_of(s) for s in frame["score_100"]]
    gains = []
    for row in frame.itertuples():
        weights = RULES["pelaksana"] if row.position_type == "pelaksana" else (
            RULES["fungsional"] if row.position_type == "fungsional" else RULES["structural"])
        missing = {name: w for name, w in weights.items() if getattr(row, f"{name}_pts") == 0}
        best = max(missing, key=missing.get) if missing else None
        gains.append((best, missing.get(best, 0.0) if best else 0.0))
    frame["next_step"] = [g[0] for g in gains]
    frame["potential_gain"] = [g[1] for g in gains]
    return frame.drop(columns=["grp"])


def summary(store: Store, filters: Filters, by: str | None = None, scope: Scope | None = None) -> pd.DataFrame:
    """Mean kompetensi score (0–100) and category shares by a dimension, PNS and PPPK separately.

    Columns: the `by` dimension (or grp), employment_type, n, score_100, and one
    share column per category (sangat_tinggi … sangat_rendah).
    """
    sql, params = _params(filters, scope or Scope.everything(), by)
    cases = []
    for i, (code, floor) in enumerate(CATEGORIES):
        upper = CATEGORIES[i - 1][1] if i else None
        cond = f"score_100 >= {floor}" + (f" AND score_100 < {upper}" if upper is not None else "")
        cases.append(f"count(*) FILTER (WHERE {cond}) / count(*) AS {code}")
    agg = (f"SELECT grp AS {by or 'grp'}, employment_type, count(*) AS n, avg(score_100) AS score_100, "
           + ", ".join(cases) + f" FROM ({sql}) GROUP BY grp, employment_type ORDER BY grp, employment_type")
    return store.df(agg, params)


def trend(store: Store, filters: Filters, scope: Scope | None = None,
          years: tuple[int, ...] | None = None) -> pd.DataFrame:
    """summary() for each year (PNS and PPPK): columns year, employment_type, n, score_100, shares."""
    years = years or tuple(store.years())
    parts = []
    for year in years:
        part = summary(store, filters.with_year(year), scope=scope)
        part.insert(0, "year", year)
        parts.append(part)
    return pd.concat(parts, ignore_index=True).drop(columns=["grp"]) if parts else pd.DataFrame()
