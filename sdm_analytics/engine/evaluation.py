"""Kirkpatrick tables: survey items and aspects, learning-gain bands, and a per-program summary.

The rules are those of `metrics`: a reaction or application answer belongs to
its program's year and passes the program filters; only answers of members of
P count, anonymous ones only without employee filters (and never in a
breakdown by an employee dimension); survey figures are hidden from every role
but admin by the rules of `privacy` (small groups, complements, breakdowns).
"""

from __future__ import annotations

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from . import privacy
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


def _survey_counts(store: Store, filters: Filters, kind: str, scope: Scope, level_cols: str, by: str | None,
                   roles: tuple[str, ...] | None, settings: Settings) -> pd.DataFrame:
    """survey_summary's query: every group and aspect (or item) with its score, answers and respondents, nothing
    hidden."""
    emp_where, prog_where, params = population_sql(filters, scope)
    params.update({
        "kind": kind, "bound": kind in ("reaction", "application", "driver"),
        "roles": list(roles or ("self", "supervisor", "peer")),
        "fav": settings.favorable_min,
        "anon_ok": rules.anonymous_counts(filters, scope, by),
    })
    grp = DIMENSIONS[by].sql if by else "'all'"
    sql = _ANSWERS.format(pop=pop_cte(emp_where, f"e.nip, {grp} AS grp"),
                          prog_where=prog_where, level_cols=level_cols, respondent=rules.respondent("raw"))
    return store.df(sql, params)


def survey_summary(store: Store, filters: Filters, kind: str = "reaction", scope: Scope | None = None,
                   level: str = "dimension", by: str | None = None, roles: tuple[str, ...] | None = None,
                   by_role: bool = False, settings: Settings | None = None) -> pd.DataFrame:
    """Mean answer per survey aspect (level 'dimension') or item (level 'item') of one survey kind.

    roles: None counts every role, as the scalar metrics do for reaction and readiness; the
    alumni's own application answers are roles=("self",).
    Optionally by an employee dimension (e.g. 'opd' for an OPD × item heatmap), and
    by respondent role (by_role, with roles=('self', 'supervisor')).
    Columns: the `by` dimension (or grp), dimension / item columns, score, favorable, answers, respondents,
    suppressed (for a non-admin, by `privacy`, each item's groups a breakdown of its total: score and favorable
    blanked, answers and respondents withheld).
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    if by is not None and DIMENSIONS[by].level != "employee":
        raise ValueError(f"survey answers are broken down by an employee dimension only, not {by}")
    levels = ["dimension"] if level == "dimension" else ["item_code", "dimension", "text_id", "text_en"]
    if by_role:
        levels.append("role")
    level_cols = ", ".join(levels)

    def counts(view: Filters, group: str | None) -> pd.DataFrame:
        return _survey_counts(store, view, kind, scope, level_cols, group, roles, settings)

    frame = counts(filters, by)
    hide = pd.Series(False, index=frame.index)
    if scope.suppresses and not frame.empty:
        k = settings.min_respondents
        hide = pd.Series(privacy.small(frame["respondents"], k), index=frame.index)
        others = [counts(view, by) for view in privacy.wider(filters, by)]
        hide |= privacy.complement(frame, ["grp", *levels], "respondents", others, k)
        if by is not None:
            totals = [counts(view, None) for view in (filters, *privacy.wider(filters))]
            hide = privacy.breakdown(frame, "grp", "respondents", hide, k, totals, within=levels)
        frame.loc[hide, ["score", "favorable"]] = None
        if hide.any():
            frame[["answers", "respondents"]] = frame[["answers", "respondents"]].astype(float).where(~hide, axis=0)
    frame["suppressed"] = hide
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


# The survey answers about the view's programmes (reaction and application) of its people (anonymous ones
# while they count), a row per answer, then per programme, kind, role (application) and respondent.
_PROGRAM_ANSWERS = """ans AS (
    SELECT r.program_code, r.response_id, r.respondent_role AS role, i.survey_kind AS kind, r.value,
           {respondent} AS respondent
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind IN ('reaction', 'application') AND r.value IS NOT NULL
      AND r.program_code IN (SELECT program_code FROM prog)
      AND (r.nip IN (SELECT nip FROM pop WHERE in_p) OR (r.nip IS NULL AND $anon_ok))
),
per AS (  -- one row per respondent (and role, for application answers): counting them needs no DISTINCT
    SELECT program_code, kind, CASE WHEN kind = 'application' THEN role END AS role, respondent,
           sum(value) AS total, count(*) AS answers
    FROM ans
    GROUP BY ALL
)"""
# Each programme's respondents: to reaction, to application (alumni), to application (supervisors).
_PROGRAM_COUNTS = """count(*) FILTER (WHERE kind = 'reaction') AS reaction_n,
           count(*) FILTER (WHERE role = 'self') AS application_n,
           count(*) FILTER (WHERE role = 'supervisor') AS supervisor_n"""
# The survey figures of the programme table, each with the column of its respondents.
_PROGRAM_SURVEY = {"reaction_n": ["reaction_score"], "application_n": ["application_score", "application_rate"],
                   "supervisor_n": ["supervisor_score"]}

_PROGRAM_RESPONDENTS = """
WITH {pop},
prog AS (
    SELECT pr.program_code
    FROM programs AS pr
    WHERE {prog_where}
),
{answers}
SELECT program_code,
       {counts}
FROM per
GROUP BY program_code
"""

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
{answers},
resp AS (
    SELECT program_code, response_id, avg(value) AS mean_value
    FROM ans
    WHERE kind = 'application' AND role = 'self'
    GROUP BY program_code, response_id
),
a_agg AS (
    SELECT program_code,
           sum(total) FILTER (WHERE kind = 'reaction') / sum(answers) FILTER (WHERE kind = 'reaction')
               AS reaction_score,
           {counts},
           sum(total) FILTER (WHERE role = 'self') / sum(answers) FILTER (WHERE role = 'self') AS application_score,
           sum(total) FILTER (WHERE role = 'supervisor') / sum(answers) FILTER (WHERE role = 'supervisor')
               AS supervisor_score
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


def _program_query(filters: Filters, scope: Scope, settings: Settings, template: str) -> tuple[str, dict]:
    """A programme query (_PROGRAMS, or _PROGRAM_RESPONDENTS) for the view, and its parameters."""
    emp_where, prog_where, params = population_sql(filters, scope, who="during", settings=settings)
    params["anon_ok"] = rules.anonymous_counts(filters, scope)
    answers = _PROGRAM_ANSWERS.format(respondent=rules.respondent("r"))
    pop = pop_cte(emp_where, f"e.nip, ({rules.IN_POST_AT_END}) AS in_p")
    return template.format(pop=pop, prog_where=prog_where, answers=answers, counts=_PROGRAM_COUNTS,
                           outcome=rules.outcome("status"), paid=rules.paid_seat("status")), params


def program_summary(store: Store, filters: Filters, scope: Scope | None = None,
                    settings: Settings | None = None) -> pd.DataFrame:
    """One row per program of Y (after program filters): participation of P, tests (learning gain and the
    class-average ⟨g⟩), survey scores, and cost — what the budget paid for it, leavers' seats included (for a
    viewer limited to some OPDs, only the programmes its people took part in).

    scrap_share = 1 − application_rate and scrap_cost = scrap_share × cost_total, a rough estimate
    (Explorance's scrap learning) left empty for compulsory initial training. For a non-admin, a survey
    figure hidden by `privacy` (the programmes as a breakdown's groups) is blanked, its n withheld.
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    frame = store.df(*_program_query(filters, scope, settings, _PROGRAMS))
    if scope.restricted:  # an evaluator's list: the programmes its own people took part in
        frame = frame[frame["participants"] > 0].reset_index(drop=True)
    if scope.suppresses and not frame.empty:
        k = settings.min_respondents
        others = [store.df(*_program_query(view, scope, settings, _PROGRAM_RESPONDENTS))
                  for view in privacy.wider(filters, "program")]
        for n, scores in _PROGRAM_SURVEY.items():
            hide = pd.Series(privacy.small(frame[n], k), index=frame.index)
            hide |= privacy.complement(frame, ["program_code"], n, others, k)
            hide = privacy.breakdown(frame, "program_code", n, hide, k)
            frame.loc[hide, scores] = None
            if hide.any():
                frame[n] = frame[n].astype(float).where(~hide)
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


def _comment_sql(filters: Filters, scope: Scope, kind: str) -> tuple[str, dict]:
    """The CTEs of a survey kind's answers about the view's programmes (`answers`) and each programme's
    respondents (`people`), and their parameters."""
    emp_where, prog_where, params = population_sql(filters, scope)
    params.update({"kind": kind, "anon_ok": rules.anonymous_counts(filters, scope)})
    return f"""
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
)""", params


def comments(store: Store, filters: Filters, kind: str = "reaction", scope: Scope | None = None,
             settings: Settings | None = None) -> tuple[pd.DataFrame, bool]:
    """Free-text answers (no value, a text) of a survey kind for the filtered programs of Y.

    Returns (frame of submitted_at, program_code, answer_text, respondent_role; suppressed).
    Comments are shown only when the programs' answers come from at least the minimum number of respondents
    and the same programme in a wider view (`privacy.wider`) does not hold a few respondents more (whose
    comments the difference would single out) — for every role but admin — and never with a name.
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    ctes, params = _comment_sql(filters, scope, kind)
    frame = store.df(ctes + """
SELECT a.submitted_at, a.program_code, a.respondent_role, a.answer_text, p.respondents
FROM answers AS a
JOIN people AS p USING (program_code)
WHERE a.value IS NULL AND a.answer_text IS NOT NULL AND trim(a.answer_text) <> ''
ORDER BY a.submitted_at DESC
""", params)
    # each programme's comments stand or fall with that programme's own respondents
    small = pd.Series(False, index=frame.index)
    if scope.suppresses and not frame.empty:
        k = settings.min_respondents
        wide = [_comment_sql(view, scope, kind) for view in privacy.wider(filters, "program")]
        others = [store.df(sql + "\nSELECT program_code, respondents FROM people\n", p) for sql, p in wide]
        small = pd.Series(privacy.small(frame["respondents"], k), index=frame.index)
        small |= privacy.complement(frame, ["program_code"], "respondents", others, k)
    suppressed = bool(small.any())
    return frame[~small].drop(columns=["respondents"]).reset_index(drop=True), suppressed
