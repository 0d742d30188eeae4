"""The training-needs survey (TNA) as tables: what ASN ask for against what they completed (needs_gap),
and the shares of any answer, overall or by group (choices). docs/metrics.md defines both.

A needs questionnaire's topic and mode questions are "choose all that apply": a respondent's answer is
one row per chosen option, and a share is of respondents (distinct response_id), so the shares of one
question may add up to more than 100 %.
"""

from __future__ import annotations

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from .population import pop_cte, population_sql

__all__ = ["needs_gap", "choices"]


_NEEDS_SQL = """
WITH {pop},
prog AS (
    SELECT pr.program_code, pr.topic, pr.jp
    FROM programs AS pr
    WHERE {prog_where}
),
needs AS (
    SELECT r.response_id, r.answer_text, i.dimension, {respondent} AS person
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind = 'needs'
      AND r.submitted_at >= $ystart AND r.submitted_at < $ynext
      AND (r.nip IN (SELECT nip FROM pop) OR (r.nip IS NULL AND $anon_ok))
),
respondents AS (
    SELECT count(DISTINCT response_id) AS n, count(DISTINCT person) AS people FROM needs
),
demand AS (
    SELECT answer_text AS topic, count(DISTINCT response_id) AS demand_n
    FROM needs
    WHERE dimension = 'topic' AND answer_text IS NOT NULL
    GROUP BY answer_text
),
done AS (
    SELECT prog.topic, {jp_credit} AS jp
    FROM participations AS pa
    JOIN prog ON prog.program_code = pa.program_code
    JOIN pop ON pop.nip = pa.nip
    WHERE pa.status = 'completed'
),
supply AS (
    SELECT topic, sum(jp) AS supply_jp, count(*) AS supply_n FROM done WHERE topic IS NOT NULL GROUP BY topic
),
completed AS (
    SELECT coalesce(sum(jp), 0) AS jp, count(*) AS n FROM done
)
SELECT topic,
       coalesce(demand.demand_n, 0) AS demand_n,
       coalesce(demand.demand_n, 0) / NULLIF(respondents.n, 0) AS demand_share,
       coalesce(supply.supply_jp, 0) AS supply_jp,
       coalesce(supply.supply_jp, 0) / NULLIF(completed.jp, 0) AS supply_share,
       coalesce(supply.supply_n, 0) AS supply_n,
       respondents.n AS n_respondents,
       respondents.people AS n_people,
       completed.jp AS supply_jp_total,
       completed.n AS n_completed
FROM demand
FULL OUTER JOIN supply USING (topic)
CROSS JOIN respondents
CROSS JOIN completed
WHERE coalesce(demand.demand_n, 0) > 0 OR coalesce(supply.supply_jp, 0) > 0
"""


def needs_gap(store: Store, filters: Filters, scope: Scope | None = None,
              settings: Settings | None = None) -> pd.DataFrame:
    """docs/metrics.md needs_gap: per topic demand share, supply share and gap, largest gap first.

    Demand: needs respondents of Y (distinct response_id, members of P, anonymous
    ones only without employee filters) who chose the topic (one may choose several)
    ÷ all needs respondents. Supply: JP of completed participations of P in Y on the
    topic ÷ JP of all of them; compulsory initial training (Latsar, orientasi) is left
    out (program filters apply to supply only). A topic is listed when it was asked
    for or delivered (JP > 0: a completion of 0 JP supplies nothing). The demand side
    (shares and counts) is suppressed for non-admins when fewer than the minimum
    distinct people answered (a self answer's NIP; otherwise its response_id).
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    emp_where, prog_where, params = population_sql(filters, scope,
                                                   exclude_categories=rules.COMPULSORY_CATEGORIES)
    params["anon_ok"] = rules.anonymous_counts(filters, scope)
    sql = _NEEDS_SQL.format(pop=pop_cte(emp_where), prog_where=prog_where, respondent=rules.respondent("r"),
                            jp_credit=rules.jp_credit("pa", "prog.jp"))
    frame = store.df(sql, params)
    frame["gap"] = frame["demand_share"] - frame["supply_share"]
    people = int(frame["n_people"].iloc[0]) if len(frame) else 0
    frame["suppressed"] = scope.suppresses and 0 < people < settings.min_respondents
    if frame["suppressed"].any():  # nothing of the demand side may be read, not even its counts
        frame[["demand_share", "gap", "demand_n", "n_respondents", "n_people"]] = None
    return frame.sort_values(["gap", "topic"], ascending=[False, True], na_position="last").reset_index(drop=True)


_CHOICE_SQL = """
WITH {pop},
raw AS (
    SELECT r.response_id, r.nip, r.respondent_role, r.answer_text
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE i.survey_kind = $kind AND i.dimension = $dimension
      AND r.submitted_at >= $ystart AND r.submitted_at < $ynext
      AND r.answer_text IS NOT NULL
),
answers AS (
    SELECT pop.grp, raw.response_id, raw.answer_text, {respondent} AS person
    FROM raw
    JOIN pop ON pop.nip = raw.nip
    UNION ALL
    SELECT 'all', raw.response_id, raw.answer_text, raw.response_id
    FROM raw
    WHERE raw.nip IS NULL AND $anon_ok
),
totals AS (
    SELECT grp, count(DISTINCT response_id) AS n_respondents, count(DISTINCT person) AS n_people
    FROM answers
    GROUP BY grp
)
SELECT a.grp, a.answer_text AS answer,
       count(DISTINCT a.response_id) AS n,
       count(DISTINCT a.response_id) / any_value(t.n_respondents) AS share,
       any_value(t.n_respondents) AS n_respondents,
       any_value(t.n_people) AS n_people
FROM answers AS a
JOIN totals AS t USING (grp)
GROUP BY a.grp, a.answer_text
ORDER BY a.grp, n DESC, answer
"""


def choices(store: Store, filters: Filters, dimension: str, scope: Scope | None = None,
            by: str | None = None, kind: str = "needs", settings: Settings | None = None) -> pd.DataFrame:
    """Shares of a choice item's answers (e.g. preferred mode) in Y, overall or by an employee dimension.

    share = responses (distinct response_id) choosing the answer ÷ responses of the group.
    Columns: the `by` dimension (or 'grp' = 'all'), answer, n, share, n_respondents, n_people,
    suppressed (fewer than the minimum distinct people, non-admin: shares and counts blanked).
    """
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    emp_where, _, params = population_sql(filters, scope)
    if by is not None and DIMENSIONS[by].level != "employee":
        raise ValueError(f"choices can be broken down by an employee dimension only, not {by}")
    grp = DIMENSIONS[by].sql if by else "'all'"
    params.update({"kind": kind, "dimension": dimension, "anon_ok": rules.anonymous_counts(filters, scope, by)})
    frame = store.df(_CHOICE_SQL.format(pop=pop_cte(emp_where, f"e.nip, {grp} AS grp"),
                                        respondent=rules.respondent("raw")), params)
    small = (frame["n_people"] < settings.min_respondents) & scope.suppresses
    frame["suppressed"] = small
    frame.loc[small, ["share", "n", "n_respondents", "n_people"]] = None
    return frame.rename(columns={"grp": by or "grp"})
