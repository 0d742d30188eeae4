"""Kirkpatrick tables: survey items and aspects, learning-gain bands, and a per-program summary.

The rules are those of `metrics`: a reaction or application answer belongs to
its program's year and passes the program filters; only answers of members of
P count, anonymous ones only without employee filters (and never in a
breakdown by an employee dimension); survey groups of fewer than the minimum
respondents are suppressed for every role but admin.
"""

from __future__ import annotations

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from .population import pop_cte, population_sql

__all__ = [
    "HAKE_BANDS", "survey_summary", "drivers", "gain_bands", "program_summary", "participants", "comments",
]

# Hake (1998): normalized gain bands.
HAKE_BANDS: tuple[tuple[str, float], ...] = (("low", 0.3), ("medium", 0.7), ("high", float("inf")))

_ANSWERS = """
WITH {pop},
prog AS (
    SELECT pr.program_code
    FROM programs AS pr
    WHERE {prog_where}
),
raw AS (
    SELECT r.response_id, r.nip, r.respondent_role, r.respondent_role AS role, r.value, i.item_code, i.dimension,
           i.text_id, i.text_en
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind = $kind AND r.value IS NOT NULL
      AND (($bound AND r.program_code IN (SELECT program_code FROM prog))
           OR (NOT $bound AND r.submitted_at >= $ystart AND r.submitted_at < $ynext))
      AND list_contains(CAST($roles AS VARCHAR[]), r.respondent_role)
),
answers AS (
    SELECT pop.grp, raw.*, {respondent} AS respondent
    FROM raw
    JOIN pop ON pop.nip = raw.nip
    UNION ALL
    SELECT 'all' AS grp, raw.*, raw.response_id AS respondent
    FROM raw
    WHERE raw.nip IS NULL AND $anon_ok
),
per AS (  -- one row per respondent of a group and aspect: counting them needs no DISTINCT
    SELECT grp, {level_cols}, respondent, sum(value) AS total, count(*) AS answers,
           count(*) FILTER (WHERE value >= $fav) AS favorable
    FROM answers
    GROUP BY grp, {level_cols}, respondent
)
SELECT grp, {level_cols},
       sum(total) / sum(answers) AS score,
       sum(favorable) / sum(answers) AS favorable,
       CAST(sum(answers) AS BIGINT) AS answers,
       count(*) AS respondents
FROM per
GROUP BY grp, {level_cols}
ORDER BY grp, {level_cols}
"""


def survey_summary(store: Store, filters: Filters, kind: str = "reaction", scope: Scope | None = None,
                   level: str = "dimension", by: str | None = None, roles: tuple[str, ...] | None = None,
                   by_role: bool = False, settings: Settings | None = None) -> pd.DataFrame:
    """Mean answer per survey aspect (level 'dimension') or item (level 'item') of one survey kind.

    roles: None counts every role, as the scalar metrics do for reaction and readiness; the
    alumni's own application answers are roles=("self",).
    Optionally by an employee dimension (e.g. 'opd' for an OPD × item heatmap), and
    by respondent role (by_role, with roles=('self', 'supervisor')).
    Columns: the `by` dimension (or grp), dimension / item columns, score, favorable,
    answers, respondents, suppressed.
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    if by is not None and DIMENSIONS[by].level != "employee":
        raise ValueError(f"survey answers are broken down by an employee dimension only, not {by}")
    emp_where, prog_where, params = population_sql(filters, scope)
    level_cols = "dimension" if level == "dimension" else "item_code, dimension, text_id, text_en"
    if by_role:
        level_cols += ", role"
    params.update({
        "kind": kind, "bound": kind in ("reaction", "application", "driver"),
        "roles": list(roles or ("self", "supervisor", "peer")),
        "fav": settings.favorable_min,
        "anon_ok": rules.anonymous_counts(filters, scope, by),
    })
    grp = DIMENSIONS[by].sql if by else "'all'"
    sql = _ANSWERS.format(pop=pop_cte(emp_where, f"e.nip, {grp} AS grp"),
                          prog_where=prog_where, level_cols=level_cols, respondent=rules.respondent("raw"))
    frame = store.df(sql, params)
    small = (frame["respondents"] < settings.min_respondents) & scope.suppresses
    frame["suppressed"] = small
    frame.loc[small, ["score", "favorable"]] = None
    return frame.rename(columns={"grp": by or "grp"})


def drivers(store: Store, filters: Filters, scope: Scope | None = None, level: str = "dimension",
            settings: Settings | None = None) -> pd.DataFrame:
    """What enables application (Kirkpatrick's required drivers: the supervisor's support, a chance to apply,
    tools): the `driver` answers of Y's programmes by aspect and respondent role (alumni and supervisors
    apart). Shown beside application, never averaged into it. Columns as survey_summary, with role."""
    return survey_summary(store, filters, "driver", scope, level, roles=("self", "supervisor"), by_role=True,
                          settings=settings)


def gain_bands(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """N-Gain individu: completed participations of P in Y with both tests and pre < 100, by band of the
    person's own (post − pre)/(100 − pre). A distribution, not the class-average ⟨g⟩ of normalized_gain.

    Columns: band (low < 0.3 ≤ medium < 0.7 ≤ high), n, share.
    """
    emp_where, prog_where, params = population_sql(filters, scope or Scope.everything())
    sql = f"""
WITH g AS (
    SELECT (pa.post_test - pa.pre_test) / (100 - pa.pre_test) AS gain
    FROM {rules.PEOPLE}
    JOIN participations AS pa ON pa.nip = e.nip
    JOIN programs AS pr ON pr.program_code = pa.program_code
    WHERE pa.status = 'completed' AND pa.pre_test < 100 AND pa.post_test IS NOT NULL
      AND {emp_where}
      AND {prog_where}
)
SELECT CASE WHEN gain < 0.3 THEN 'low' WHEN gain < 0.7 THEN 'medium' ELSE 'high' END AS band,
       count(*) AS n
FROM g
GROUP BY band
"""
    counts = dict(store.rows(sql, params))
    frame = pd.DataFrame({"band": [b for b, _ in HAKE_BANDS], "n": [int(counts.get(b, 0)) for b, _ in HAKE_BANDS]})
    total = int(frame["n"].sum())
    frame["share"] = frame["n"] / total if total else None
    return frame


_PROGRAMS = """
WITH {pop},
prog AS (
    SELECT pr.*
    FROM programs AS pr
    WHERE {prog_where}
),
part AS (
    SELECT pa.*, pop.in_p
    FROM participations AS pa
    JOIN pop ON pop.nip = pa.nip
    WHERE pa.program_code IN (SELECT program_code FROM prog)  -- the year's programmes, not every year's
),
p_agg AS (
    SELECT program_code,
           count(*) FILTER (WHERE in_p) AS participants,
           count(*) FILTER (WHERE in_p AND status = 'completed') AS completed,
           count(*) FILTER (WHERE in_p AND {outcome}) AS outcomes,
           avg(post_test - pre_test) FILTER (WHERE in_p AND status = 'completed') AS learning_gain,
           avg(pre_test) FILTER (WHERE in_p AND status = 'completed' AND post_test IS NOT NULL) AS pre_avg,
           avg(post_test) FILTER (WHERE in_p AND status = 'completed' AND pre_test IS NOT NULL) AS post_avg,
           count(*) FILTER (WHERE {paid}) AS paid
    FROM part
    GROUP BY program_code
),
ans AS (
    SELECT r.program_code, r.response_id, r.respondent_role AS role, i.survey_kind AS kind, r.value,
           {respondent} AS respondent
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind IN ('reaction', 'application') AND r.value IS NOT NULL
      AND r.program_code IN (SELECT program_code FROM prog)
      AND (r.nip IN (SELECT nip FROM pop WHERE in_p) OR (r.nip IS NULL AND $anon_ok))
),
resp AS (
    SELECT program_code, response_id, avg(value) AS mean_value
    FROM ans
    WHERE kind = 'application' AND role = 'self'
    GROUP BY program_code, response_id
),
per AS (  -- one row per respondent (and role, for application answers): counting them needs no DISTINCT
    SELECT program_code, kind, CASE WHEN kind = 'application' THEN role END AS role, respondent,
           sum(value) AS total, count(*) AS answers
    FROM ans
    GROUP BY ALL
),
a_agg AS (
    SELECT program_code,
           sum(total) FILTER (WHERE kind = 'reaction') / sum(answers) FILTER (WHERE kind = 'reaction')
               AS reaction_score,
           count(*) FILTER (WHERE kind = 'reaction') AS reaction_n,
           sum(total) FILTER (WHERE role = 'self') / sum(answers) FILTER (WHERE role = 'self') AS application_score,
           count(*) FILTER (WHERE role = 'self') AS application_n,
           sum(total) FILTER (WHERE role = 'supervisor') / sum(answers) FILTER (WHERE role = 'supervisor')
               AS supervisor_score,
           count(*) FILTER (WHERE role = 'supervisor') AS supervisor_n
    FROM per
    GROUP BY program_code
),
r_agg AS (
    SELECT program_code, count(*) FILTER (WHERE mean_value >= $fav) / count(*) AS application_rate
    FROM resp
    GROUP BY program_code
)
SELECT prog.program_code, prog.title, prog.category, prog.topic, prog.mode, prog.organizer, prog.jp,
       prog.start_date, prog.end_date, prog.cost_per_participant,
       coalesce(p_agg.participants, 0) AS participants,
       coalesce(p_agg.completed, 0) AS completed,
       p_agg.completed / NULLIF(p_agg.outcomes, 0) AS completion_rate,
       p_agg.learning_gain,
       (p_agg.post_avg - p_agg.pre_avg) / NULLIF(100 - p_agg.pre_avg, 0) AS normalized_gain,
       a_agg.reaction_score, coalesce(a_agg.reaction_n, 0) AS reaction_n,
       a_agg.application_score, coalesce(a_agg.application_n, 0) AS application_n,
       a_agg.supervisor_score, coalesce(a_agg.supervisor_n, 0) AS supervisor_n,
       r_agg.application_rate,
       prog.cost_per_participant * NULLIF(p_agg.paid, 0) AS cost_total  -- no paid seat: null, not 0
FROM prog
LEFT JOIN p_agg USING (program_code)
LEFT JOIN a_agg USING (program_code)
LEFT JOIN r_agg USING (program_code)
ORDER BY prog.end_date DESC, prog.program_code
"""


def program_summary(store: Store, filters: Filters, scope: Scope | None = None,
                    settings: Settings | None = None) -> pd.DataFrame:
    """One row per program of Y (after program filters): participation of P, tests (learning gain and the
    class-average ⟨g⟩), survey scores, and cost — what the budget paid for it, leavers' seats included (for a
    viewer limited to some OPDs, only the programmes its people took part in).

    scrap_share = 1 − application_rate and scrap_cost = scrap_share × cost_total, a rough estimate
    (Explorance's scrap learning) left empty for compulsory initial training; survey figures from fewer
    than the minimum respondents are suppressed for non-admins.
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    emp_where, prog_where, params = population_sql(filters, scope, who="during", settings=settings)
    params["anon_ok"] = rules.anonymous_counts(filters, scope)
    pop = pop_cte(emp_where, f"e.nip, ({rules.IN_POST_AT_END}) AS in_p")
    frame = store.df(_PROGRAMS.format(pop=pop, prog_where=prog_where, respondent=rules.respondent("r"),
                                        outcome=rules.outcome("status"), paid=rules.paid_seat("status")), params)
    if scope.restricted:  # an evaluator's list: the programmes its own people took part in
        frame = frame[frame["participants"] > 0].reset_index(drop=True)
    if scope.suppresses:
        for score, n in (("reaction_score", "reaction_n"), ("application_score", "application_n"),
                         ("application_rate", "application_n"), ("supervisor_score", "supervisor_n")):
            frame.loc[(frame[n] > 0) & (frame[n] < settings.min_respondents), score] = None
    frame["scrap_share"] = 1 - frame["application_rate"]
    frame["scrap_cost"] = frame["scrap_share"] * frame["cost_total"]
    frame.loc[frame["category"].isin(rules.COMPULSORY_CATEGORIES), "scrap_cost"] = None
    return frame


def supervisor_gap(values: dict) -> float | None:
    """Supervisor minus alumni mean application score (negative: supervisors see less application)."""
    self_, sup = values.get("application_score"), values.get("supervisor_application_score")
    return None if self_ is None or sup is None else sup - self_


def participants(store: Store, filters: Filters, scope: Scope | None = None) -> pd.DataFrame:
    """Participations of P members in the filtered programs of Y (one program: Filters(program=...));
    names blanked for a role that sees aggregates."""
    from .tables import PERSON_COLUMNS

    scope = scope or Scope.everything()
    emp_where, prog_where, params = population_sql(filters, scope)
    sql = f"""
SELECT pr.program_code, {PERSON_COLUMNS},
       pa.status, pa.attendance_pct, pa.pre_test, pa.post_test,
       {rules.jp_credit("pa", "pr.jp")} AS jp
FROM {rules.PEOPLE}
JOIN participations AS pa ON pa.nip = e.nip
JOIN programs AS pr ON pr.program_code = pa.program_code
WHERE {emp_where}
  AND {prog_where}
ORDER BY pr.program_code, o.opd_name, u.opd_name, e.name
"""
    return scope.mask_people(store.df(sql, params))


def comments(store: Store, filters: Filters, kind: str = "reaction", scope: Scope | None = None,
             settings: Settings | None = None) -> tuple[pd.DataFrame, bool]:
    """Free-text answers (no value, a text) of a survey kind for the filtered programs of Y.

    Returns (frame of submitted_at, program_code, answer_text, respondent_role; suppressed).
    Comments are shown only when the programs' answers come from at least the
    minimum number of respondents (for every role but admin), and never with a name.
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    emp_where, prog_where, params = population_sql(filters, scope)
    params.update({"kind": kind, "anon_ok": rules.anonymous_counts(filters, scope)})
    sql = f"""
WITH {pop_cte(emp_where)},
prog AS (
    SELECT pr.program_code FROM programs AS pr WHERE {prog_where}
),
answers AS (
    SELECT r.*
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind = $kind
      AND r.program_code IN (SELECT program_code FROM prog)
      AND (r.nip IN (SELECT nip FROM pop) OR (r.nip IS NULL AND $anon_ok))
),
people AS (
    SELECT program_code, count(DISTINCT {rules.respondent("answers")}) AS respondents
    FROM answers
    GROUP BY program_code
)
SELECT a.submitted_at, a.program_code, a.respondent_role, a.answer_text, p.respondents
FROM answers AS a
JOIN people AS p USING (program_code)
WHERE a.value IS NULL AND a.answer_text IS NOT NULL AND trim(a.answer_text) <> ''
ORDER BY a.submitted_at DESC
"""
    frame = store.df(sql, params)
    # each programme's comments stand or fall with that programme's own respondents
    small = (frame["respondents"] < settings.min_respondents) & scope.suppresses
    suppressed = bool(small.any())
    return frame[~small].drop(columns=["respondents"]).reset_index(drop=True), suppressed
