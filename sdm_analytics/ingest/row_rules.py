"""The contract's row rules as data: one small record per check of one column (what it rejects or warns about,
as SQL over the normalised file `n` and the reference tables). validate.check runs them."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import TEXT_MAX, age_at, text_max

__all__ = ["Rule", "RULES", "YEAR_RULE", "PARSE_CODE", "HIRE_AGE", "TEXT_MAX", "date_rule", "text_rule",
           "text_max"]

HIRE_AGE = (18, 60)  # the ages at which a person can be hired as ASN (CPNS from 18; PPPK up to its post's limit)

_SCI = r"'^[0-9]([.,][0-9]+)?[eE][+]?[0-9]+$'"
_NIP18 = r"regexp_matches(n.nip, '^[0-9]{18}$')"


@dataclass(frozen=True)
class Rule:
    """One check on one column: rows where `where` holds get `code` (an error unless warning)."""

    column: str
    code: str
    where: str
    detail: str = "NULL"
    severity: str = "error"
    always: bool = False  # checked even when the file has no column of that name (a value derived from others)


def _ref(kind_table: str, col: str, code: str, guard: str = "true") -> Rule:
    return Rule(col, code, f"n.{col} IS NOT NULL AND {guard} AND NOT EXISTS "
                           f"(SELECT 1 FROM {kind_table} AS x WHERE x.{col} = n.{col})")


def _nip_rules(col: str = "nip") -> tuple[Rule, ...]:
    """A NIP's format (nip, or an employee's supervisor_nip): 18 digits once spaces and dots are gone, and
    never a number in scientific notation."""
    digits = f"regexp_matches(n.{col}, '^[0-9]{{18}}$')"
    return (
        Rule(col, "nip_scientific", f"regexp_matches(n.r_{col}, {_SCI})"),
        Rule(col, "nip_format", f"NOT {digits} AND NOT regexp_matches(n.r_{col}, {_SCI})"),
    )


_NIP_RULES = _nip_rules()
_SUPERVISOR18 = "regexp_matches(n.supervisor_nip, '^[0-9]{18}$')"
_PCT = "n.{c} NOT BETWEEN 0 AND 100"
_HIRE_AGE = age_at("n.birth_date", "n.hire_date")  # full years between birth and hire
_ITEM = "(SELECT {f} FROM _ref_items AS it WHERE it.item_code = n.item_code)"
_BIRTH = "(SELECT max(x.birth_date) FROM _ref_employees AS x WHERE x.nip = n.nip)"  # the store's or this call's

RULES: dict[str, tuple[Rule, ...]] = {
    "units": (
        Rule("opd_code", "opd_code_format", "NOT regexp_matches(n.opd_code, '^[A-Z0-9_]{2,20}$')"),
        # a parent in the store or in this very file
        Rule("parent_code", "ref_parent", "n.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _ref_units AS x "
                                          "WHERE x.opd_code = n.parent_code) AND NOT EXISTS (SELECT 1 FROM {norm} AS y "
                                          "WHERE y.opd_code = n.parent_code)"),
        Rule("parent_code", "parent_cycle", "n.parent_code IS NOT NULL AND n.opd_code IN (SELECT unit FROM _cycles)",
             detail="(SELECT chain FROM _cycles WHERE unit = n.opd_code)"),
    ),
    "employees": _NIP_RULES + (
        Rule("nip", "nip_birth", f"{_NIP18} AND sdm_nipdate(n.nip) IS NULL"),
        Rule("nip", "nip_tmt", f"{_NIP18} AND n.employment_type IS DISTINCT FROM 'PPPK' "
                               "AND NOT sdm_ym_ok(substr(n.nip, 9, 6))"),
        Rule("nip", "nip_gender_digit", f"{_NIP18} AND substr(n.nip, 15, 1) NOT IN ('1', '2')"),
        Rule("gender", "gender_mismatch",
             f"{_NIP18} AND n.gender <> CASE substr(n.nip, 15, 1) WHEN '1' THEN 'L' WHEN '2' THEN 'P' END",
             detail="'NIP: ' || CASE substr(n.nip, 15, 1) WHEN '1' THEN 'L' ELSE 'P' END", severity="warning"),
        Rule("rank_group", "rank",
             "n.r_rank_group IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _ranks AS g WHERE g.rank = n.rank_group "
             "AND (n.employment_type IS NULL OR g.etype = n.employment_type))",
             detail="coalesce(n.employment_type, 'PNS/PPPK')"),
        Rule("exit_date", "exit_before_hire", "n.exit_date < n.hire_date", detail="strftime(n.hire_date, '%d/%m/%Y')"),
        # birth_date is the file's or NIP digits 1-8: the rules sit on the hire date, which every file has
        Rule("hire_date", "hire_before_birth", "n.hire_date <= n.birth_date",
             detail="strftime(n.birth_date, '%d/%m/%Y')"),
        Rule("hire_date", "hire_age",
             f"n.hire_date > n.birth_date AND {_HIRE_AGE} NOT BETWEEN {HIRE_AGE[0]} AND {HIRE_AGE[1]}",
             detail=_HIRE_AGE),
        _ref("_ref_units", "opd_code", "ref_unit"),
        *_nip_rules("supervisor_nip"),
        Rule("supervisor_nip", "supervisor_self", "n.supervisor_nip = n.nip"),
        # a supervisor in the store or in this very file; else still accepted (one outside the city's data)
        Rule("supervisor_nip", "supervisor_unknown",
             f"{_SUPERVISOR18} AND n.supervisor_nip <> n.nip "
             "AND NOT EXISTS (SELECT 1 FROM _ref_employees AS x WHERE x.nip = n.supervisor_nip) "
             "AND NOT EXISTS (SELECT 1 FROM {norm} AS y WHERE y.nip = n.supervisor_nip)", severity="warning"),
    ),
    "programs": (
        Rule("jp", "jp_range", "n.jp <= 0 OR n.jp > 1000"),
        Rule("end_date", "end_before_start", "n.end_date < n.start_date",
             detail="strftime(n.start_date, '%d/%m/%Y')"),
        Rule("capacity", "positive", "n.capacity <= 0"),
        Rule("cost_per_participant", "negative", "n.cost_per_participant < 0"),
        Rule("topic", "topic_unknown", "n.topic IS NOT NULL AND k_known IS NULL", severity="warning"),
    ),
    "participations": _NIP_RULES + (
        _ref("_ref_programs", "program_code", "ref_program"),
        _ref("_ref_employees", "nip", "ref_employee", _NIP18),
        Rule("attendance_pct", "range_0_100", _PCT.format(c="attendance_pct")),
        Rule("pre_test", "range_0_100", _PCT.format(c="pre_test")),
        Rule("post_test", "range_0_100", _PCT.format(c="post_test")),
        Rule("jp_earned", "negative", "n.jp_earned < 0"),
        Rule("jp_earned", "jp_earned_status", "n.jp_earned <> 0 AND n.status IS DISTINCT FROM 'completed'",
             detail="coalesce(n.status, '-')"),
    ),
    "survey_items": (
        Rule("scale_max", "scale_order", "n.scale_min >= n.scale_max"),
    ),
    "survey_responses": _NIP_RULES + (
        Rule("item_code", "ref_item", "n.item_code IS NOT NULL AND "
                                      "NOT EXISTS (SELECT 1 FROM _ref_items AS it WHERE it.item_code = n.item_code)"),
        _ref("_ref_programs", "program_code", "ref_program"),
        _ref("_ref_employees", "nip", "ref_employee", _NIP18),
        Rule("program_code", "program_required",
             f"n.program_code IS NULL AND {_ITEM.format(f='survey_kind')} IN ('reaction', 'application', 'driver')",
             detail=_ITEM.format(f="survey_kind")),
        Rule("program_code", "program_not_allowed",
             f"n.program_code IS NOT NULL AND {_ITEM.format(f='survey_kind')} IN ('needs', 'readiness')",
             detail=_ITEM.format(f="survey_kind")),
        Rule("value", "value_scale",
             f"n.value NOT BETWEEN {_ITEM.format(f='scale_min')} AND {_ITEM.format(f='scale_max')}",
             detail=f"{_ITEM.format(f='scale_min')} || '–' || {_ITEM.format(f='scale_max')}"),
        Rule("value", "value_no_scale",
             f"n.value IS NOT NULL AND {_ITEM.format(f='scale_max')} IS NULL "
             f"AND EXISTS (SELECT 1 FROM _ref_items AS it WHERE it.item_code = n.item_code)"),
    ),
    "performance": _NIP_RULES + (
        _ref("_ref_employees", "nip", "ref_employee", _NIP18),
    ),
    "targets": (
        Rule("opd_code", "ref_unit", "n.opd_code <> '' AND NOT EXISTS "
                                     "(SELECT 1 FROM _ref_units AS x WHERE x.opd_code = n.opd_code)"),
        Rule("target", "rate_range", "list_contains($rates, n.indicator) AND (n.target < 0 OR n.target > 1)"),
        Rule("target", "negative", "NOT list_contains($rates, n.indicator) AND n.target < 0"),
    ),
    "history": _NIP_RULES + (
        _ref("_ref_employees", "nip", "ref_employee", _NIP18),
        Rule("jp", "jp_range", "n.jp <= 0 OR n.jp > 1000"),
        # the end date, or 31 December of the year when the file gives only the year
        Rule("end_date", "end_or_year", "n.r_end_date IS NULL AND n.end_date IS NULL AND n.r_year IS NULL",
             always=True),
        Rule("end_date", "end_before_start", "n.end_date < n.start_date",
             detail="strftime(n.start_date, '%d/%m/%Y')", always=True),
        Rule("end_date", "before_birth", f"coalesce(n.start_date, n.end_date) < {_BIRTH}",
             detail=f"strftime({_BIRTH}, '%d/%m/%Y')", always=True),
        Rule("category", "category_other",
             "n.category = 'lainnya' AND sdm_key(n.r_category) <> 'lainnya'", severity="warning"),
        Rule("topic", "topic_unknown", "n.topic IS NOT NULL AND k_known IS NULL", severity="warning"),
    ),
}
YEAR_RULE = Rule("year", "year_range", "n.year NOT BETWEEN 1990 AND 2100")
PARSE_CODE = {"date": "date", "timestamp": "timestamp", "number": "number", "integer": "integer",
              "money": "money", "code": "code"}


def date_rule(column: str) -> Rule:
    """A date or timestamp no later than 31 December of next year (sdm_latest in parse.sql)."""
    return Rule(column, "date_future", f"CAST(n.{column} AS DATE) > sdm_latest()",
                detail="strftime(sdm_latest(), '%d/%m/%Y')")


def text_rule(column: str) -> Rule:
    """A text cell no longer than its column allows (the detail: its length and the limit)."""
    limit = text_max(column)
    return Rule(column, "text_long", f"length(n.r_{column}) > {limit}",
                detail=f"CAST(length(n.r_{column}) AS VARCHAR) || ' > {limit}'")
