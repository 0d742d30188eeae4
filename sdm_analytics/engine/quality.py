"""The data-quality scorecard: how far to trust a figure of METRICS.md.

Each check is one record of CHECKS: an SQL tail over shared CTEs that returns
(problem, total) for the year and scope of a Filters, the metric ids whose
figures it affects and its thresholds. The scorecard is one query: the CTEs
once, each check a branch of a UNION ALL. So that one set of CTEs serves every
check, `pop` holds everyone in post at any time in Y (in_p marks P(Y)) and
`progs` every programme ending up to the end of Y (in_y marks Y's); `prog`,
`part` (P(Y) in Y's programmes) and `done` are the usual narrow ones, and
`part_any` is every participation of pop in progs, for the two checks that look
wider (missing_cost, no_training_record). What the user reads (label, hint,
trust note, in Bahasa Indonesia and English) is in the text catalogue under
"quality.label.", "quality.hint." and "quality.note." + the check's id
(sdm_analytics/i18n/quality.py). Same population and programme
rules as `metrics`, through `population_sql`: employee filters and the scope
narrow P(Y), program filters narrow the programmes of Y.

Decisions where the brief or METRICS.md is silent (tested in tests/test_quality.py):
- share = problem / total, null when total is 0; a null share is 'ok'.
- Severity: 'bad' at share ≥ the check's `bad`, 'warn' at ≥ `warn`, else 'ok'.
  Errors in the data (unknown unit, missing tests or cost, implausible JP,
  NIP mismatch, open registrations): warn ≥ 2 %, bad ≥ 10 %. Survey
  non-response (problem = completions without an answer): warn ≥ 30 %, bad ≥ 50 %
  (a response rate under 70 % / 50 %). Never participated, a coverage signal:
  warn ≥ 10 %, bad ≥ 25 %.
- The reference date of Y is its last day, or the store's as-of date when that
  is earlier (a year still running): a programme has "ended" when its
  end_date is before it, and the application survey is due for programmes
  that ended at least APPLICATION_LAG_DAYS before it.
- implausible_jp counts the programmes of Y that at least one member of P
  took part in (any status): only those feed the viewer's figures. A programme
  is implausible when jp > max JP a day × days (days = end − start + 1; max JP
  a day = 9 hours of lessons of Settings.minutes_per_jp, 12 at 45 minutes), or
  when a participation of P has jp_earned above the programme's JP.
- A survey answer is a row with a value or a text; anonymous answers cannot be
  matched to a participation and do not count. Reaction answers count in any
  role, application answers only with role self.
- no_training_record looks at every programme ending up to the end of Y (no
  start year), with the program filters applied, in any status. It is a data
  check, not a figure of training: zero_jp (0 JP in Y) and never_trained (no
  completion in Y and Y-1) are the figures.
- nip_mismatch: a blank birth_date or gender is not a mismatch (the contract
  fills birth_date from the NIP); an unreadable NIP date is.
- A trust note's n is the check's total (the base of its percentage).
- estimated_dates: completed participations of Y that come from a training-history certificate given with its
  year only (dated 31 December, history.end_estimated): their JP count in the right year, not in the right
  month. warn ≥ 5 %, bad ≥ 20 %.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from .. import rules
from ..filters import Filters, Scope
from ..formatting import fmt_number, fmt_pct
from ..i18n import t
from ..settings import Settings, load_settings
from ..store import Store
from .population import pop_cte, population_sql

__all__ = ["Check", "CHECKS", "SEVERITIES", "APPLICATION_LAG_DAYS", "MAX_HOURS_PER_DAY",
           "checks", "trust_notes", "program_response_rates", "severity"]

SEVERITIES: tuple[str, ...] = ("ok", "warn", "bad")
APPLICATION_LAG_DAYS = 90  # the application (Kirkpatrick 3) survey is sent about three months after
MAX_HOURS_PER_DAY = 9  # more lesson time a day than this is not a plausible programme
# Categories whose programmes normally record a pre- and post-test (seminars and coaching do not).
TESTED_CATEGORIES = ("latsar", "kepemimpinan", "manajerial", "teknis", "fungsional")
EVER_FROM = dt.date(1900, 1, 1)  # "ever": programmes ending from this date on

_BASE = """
WITH {pop},
progs AS (
    SELECT pr.program_code, pr.title, pr.category, pr.jp, pr.start_date, pr.end_date, pr.cost_per_participant,
           pr.end_date >= $ystart AS in_y
    FROM programs AS pr
    WHERE {prog_where}
),
prog AS (
    SELECT * EXCLUDE (in_y) FROM progs WHERE in_y
),
part_any AS (
    SELECT pa.program_code, pa.nip, pa.status, pa.pre_test, pa.post_test, pa.jp_earned,
           progs.category, progs.jp AS program_jp, progs.end_date, progs.cost_per_participant, progs.in_y, pop.in_p
    FROM participations AS pa
    JOIN progs ON progs.program_code = pa.program_code
    JOIN pop ON pop.nip = pa.nip
),
part AS (
    SELECT * EXCLUDE (in_y, in_p) FROM part_any WHERE in_y AND in_p
),
answered AS (
    SELECT r.nip, r.program_code,
           bool_or(i.survey_kind = 'reaction') AS reaction,
           bool_or(i.survey_kind = 'application' AND r.respondent_role = 'self') AS application
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code
    WHERE r.nip IS NOT NULL
      AND r.program_code IN (SELECT program_code FROM prog)
      AND (r.value IS NOT NULL OR r.answer_text IS NOT NULL)
    GROUP BY r.nip, r.program_code
),
done AS (
    SELECT part.program_code, part.nip, part.end_date,
           coalesce(answered.reaction, false) AS reaction,
           coalesce(answered.application, false) AS application
    FROM part
    LEFT JOIN answered ON answered.nip = part.nip AND answered.program_code = part.program_code
    WHERE part.status = 'completed'
)
"""


@dataclass(frozen=True)
class Check:
    """One data-quality check: what it counts and what it affects; what the user reads comes from the catalogue."""

    id: str
    sql: str  # a SELECT of (problem, total) over the CTEs of _BASE
    affects: tuple[str, ...]
    warn: float = 0.02
    bad: float = 0.10

    def label(self, lang: str = "id") -> str:
        """What the check is called."""
        return t(f"quality.label.{self.id}", lang)

    def hint(self, lang: str = "id") -> str:
        """How to fix what it finds."""
        return t(f"quality.hint.{self.id}", lang)

    def note(self, lang: str = "id", **values: object) -> str:
        """The trust note: {pct} share, {rate} 1 − share, {n} total, {k} problem (the template without values)."""
        return t(f"quality.note.{self.id}", lang, **values)

    # Both languages by name, as the scorecard's columns (label_id, label_en, hint_id, hint_en) hold them.
    label_id = property(lambda self: self.label("id"))
    label_en = property(lambda self: self.label("en"))
    hint_id = property(lambda self: self.hint("id"))
    hint_en = property(lambda self: self.hint("en"))
    note_id = property(lambda self: self.note("id"))
    note_en = property(lambda self: self.note("en"))


CHECKS: tuple[Check, ...] = (
    Check(
        "unknown_unit",
        """
SELECT count(*) FILTER (WHERE unit_code IS NULL OR area IS NULL) AS problem,
       count(*) AS total
FROM pop
WHERE in_p
""",
        ("reach_ratio_nonurban",),
    ),
    Check(
        "missing_tests",
        """
SELECT count(*) FILTER (WHERE pre_test IS NULL OR post_test IS NULL) AS problem,
       count(*) AS total
FROM part
WHERE status = 'completed' AND list_contains(CAST($tested_categories AS VARCHAR[]), category)
""",
        ("learning_gain", "normalized_gain"),
    ),
    Check(
        "missing_cost",
        """
SELECT count(*) FILTER (WHERE cost_per_participant IS NULL) AS problem,
       count(*) AS total
FROM part_any
WHERE in_y AND status IN ('completed', 'failed', 'dropped')
""",  # the seats cost_total pays for: of everyone in post during Y, leavers too (not in_p only)
        ("cost_total", "cost_per_jp"),
    ),
    Check(
        "implausible_jp",
        """
SELECT count(*) FILTER (
           WHERE prog.jp > $jp_day_max * (date_diff('day', prog.start_date, prog.end_date) + 1)
              OR attended.max_earned > prog.jp
       ) AS problem,
       count(*) AS total
FROM prog
JOIN (
    SELECT program_code, max(jp_earned) AS max_earned
    FROM part
    GROUP BY program_code
) AS attended ON attended.program_code = prog.program_code
""",
        ("jp_total", "jp20_rate", "jp_per_asn", "cost_per_jp", "online_share"),
    ),
    Check(
        "reaction_nonresponse",
        """
SELECT count(*) FILTER (WHERE NOT reaction) AS problem,
       count(*) AS total
FROM done
""",
        ("reaction_score", "reaction_favorable"),
        warn=0.30, bad=0.50,
    ),
    Check(
        "application_nonresponse",
        """
SELECT count(*) FILTER (WHERE NOT application) AS problem,
       count(*) AS total
FROM done
WHERE end_date <= $app_until
""",
        ("application_score", "application_rate"),
        warn=0.30, bad=0.50,
    ),
    Check(
        "nip_mismatch",
        """
SELECT count(*) FILTER (
           WHERE (birth_date IS NOT NULL
                  AND CAST(try_strptime(substr(nip, 1, 8), '%Y%m%d') AS DATE) IS DISTINCT FROM birth_date)
              OR (gender IS NOT NULL
                  AND gender IS DISTINCT FROM CASE substr(nip, 15, 1) WHEN '1' THEN 'L' WHEN '2' THEN 'P' END)
       ) AS problem,
       count(*) AS total
FROM pop
WHERE in_p
""",
        ("headcount",),
    ),
    Check(
        "no_training_record",
        """
SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM part_any WHERE part_any.nip = pop.nip)) AS problem,
       count(*) AS total
FROM pop
WHERE in_p
""",  # part_any: programmes of every year up to Y, not of Y only
        ("reach_rate", "jp20_rate"),
        warn=0.10, bad=0.25,
    ),
    Check(
        "registered_open",
        """
SELECT count(*) FILTER (WHERE status = 'registered') AS problem,
       count(*) AS total
FROM part
WHERE end_date < $ref_date
""",
        ("completion_rate", "dropout_rate"),
    ),
    Check(
        "estimated_dates",
        """
SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM history AS h WHERE h.nip = part.nip
                                      AND h.program_code = part.program_code AND h.end_estimated)) AS problem,
       count(*) AS total
FROM part
WHERE status = 'completed'
""",  # a certificate of the training history given with its year only: counted on 31 December of that year
        ("jp20_rate", "jp_total", "jp_per_asn"),
        warn=0.05, bad=0.20,
    ),
)
_BY_ID: dict[str, Check] = {c.id: c for c in CHECKS}


def severity(share: float | None, check: Check) -> str:
    """'ok', 'warn' or 'bad' for a share against the check's thresholds (a null share is 'ok')."""
    if share is None or share != share:
        return "ok"
    if share >= check.bad:
        return "bad"
    if share >= check.warn:
        return "warn"
    return "ok"


def _reference_date(store: Store, year: int) -> dt.date:
    """The last day of Y, or the store's as-of date when earlier (a year still running)."""
    end = dt.date(year, 12, 31)
    as_of = store.as_of()
    return min(end, as_of) if as_of else end


def _query(store: Store, filters: Filters, scope: Scope, settings: Settings) -> tuple[str, dict]:
    """The shared CTEs and parameters, for every check at once: `pop` holds everyone in post at any time in Y
    (in_p marks P(Y): in post at the end of Y is in post during Y) and `progs` every programme ending up to
    the end of Y (in_y marks those of Y), so the people of cost and the programmes of no_training_record need
    no query of their own (population_sql). A year before EVER_FROM looks back to its own start only."""
    back = max(filters.year - EVER_FROM.year, 0)
    emp_where, prog_where, params = population_sql(filters, scope, years_back=back, who="during")
    ref = _reference_date(store, filters.year)
    params.update({
        "jp_day_max": MAX_HOURS_PER_DAY * 60 / settings.minutes_per_jp,
        "ref_date": ref,
        "app_until": ref - dt.timedelta(days=APPLICATION_LAG_DAYS),
        "tested_categories": list(TESTED_CATEGORIES),
    })
    columns = f"e.nip, e.gender, e.birth_date, u.opd_code AS unit_code, u.area, ({rules.IN_POST_AT_END}) AS in_p"
    return _BASE.format(pop=pop_cte(emp_where, columns), prog_where=prog_where), params


def checks(store: Store, filters: Filters, scope: Scope | None = None,
           settings: Settings | None = None) -> pd.DataFrame:
    """The scorecard of Y: a row per check with problem, total, share, severity, affects and hints.

    One query: the shared CTEs once, each check a branch of a UNION ALL (one scan of the survey answers
    serves both non-response checks)."""
    scope = scope or Scope.everything()
    settings = settings or load_settings()
    base, params = _query(store, filters, scope, settings)
    branches = "\nUNION ALL\n".join(
        f"SELECT '{c.id}' AS check_id, problem, total FROM (\n{textwrap.indent(c.sql.strip(), '    ')}\n)"
        for c in CHECKS)
    counts = {row[0]: row[1:] for row in store.rows(f"{base}{branches}", params)}
    records = []
    for check in CHECKS:
        problem, total = counts[check.id]
        problem, total = int(problem or 0), int(total or 0)
        share = problem / total if total else None
        records.append({
            "check": check.id, "label_id": check.label("id"), "label_en": check.label("en"),
            "problem": problem, "total": total, "share": share, "severity": severity(share, check),
            "affects": check.affects, "hint_id": check.hint("id"), "hint_en": check.hint("en"),
        })
    frame = pd.DataFrame.from_records(records)
    frame["share"] = frame["share"].astype("float64")
    return frame


def trust_notes(frame: pd.DataFrame, metric_ids: Iterable[str], lang: str = "id") -> list[str]:
    """The sentences a page showing metric_ids should carry: checks at warn or bad that affect one of them.

    'bad' notes come first, then 'warn', each in the order of CHECKS.
    """
    wanted = set(metric_ids)
    notes: list[tuple[int, int, str]] = []
    for order, row in enumerate(frame.to_dict("records")):
        check = _BY_ID.get(row["check"])
        if check is None or row["severity"] not in ("warn", "bad") or not wanted & set(row["affects"]):
            continue
        share = float(row["share"])
        text = check.note(lang, pct=fmt_pct(share, lang), rate=fmt_pct(1 - share, lang),
                          n=fmt_number(row["total"], lang, 0), k=fmt_number(row["problem"], lang, 0))
        notes.append((0 if row["severity"] == "bad" else 1, order, text))
    return [text for _, _, text in sorted(notes)]


_PROGRAM_SQL = """
SELECT prog.program_code, prog.title, prog.end_date,
       count(done.nip) AS completions,
       count(done.nip) FILTER (WHERE done.reaction) AS reaction_respondents,
       CAST(count(done.nip) FILTER (WHERE done.reaction) AS DOUBLE) / NULLIF(count(done.nip), 0) AS reaction_rate,
       prog.end_date <= $app_until AS application_due,
       count(done.nip) FILTER (WHERE done.application) AS application_respondents,
       CASE WHEN prog.end_date <= $app_until
            THEN CAST(count(done.nip) FILTER (WHERE done.application) AS DOUBLE) / NULLIF(count(done.nip), 0)
       END AS application_rate
FROM prog
LEFT JOIN done ON done.program_code = prog.program_code
WHERE prog.program_code IN (SELECT program_code FROM part)
GROUP BY prog.program_code, prog.title, prog.end_date
ORDER BY reaction_rate ASC NULLS LAST, prog.program_code
"""


def program_response_rates(store: Store, filters: Filters, scope: Scope | None = None,
                           settings: Settings | None = None) -> pd.DataFrame:
    """Survey response rates per programme of Y that members of P took part in, lowest reaction rate first.

    Columns: program_code, title, end_date, completions, reaction_respondents, reaction_rate,
    application_due (ended ≥ APPLICATION_LAG_DAYS before the reference date), application_respondents,
    application_rate (null until due). Rates are null without completions. These are counts of
    respondents, not answers, so the small-group suppression does not apply.
    """
    base, params = _query(store, filters, scope or Scope.everything(), settings or load_settings())
    return store.df(base + _PROGRAM_SQL, params)
