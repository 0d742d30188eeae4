"""The rules every figure shares, each written once (docs/metrics.md § Period and population).

Who is in the population, what a participation earns in JP, who counts as one respondent, when an
anonymous answer counts, which training is compulsory, which survey items are "choose all that
apply", and the age bands: the engine's queries take these fragments instead of restating them.
Every fragment is SQL over fixed aliases; values come in as bound parameters ($ystart, $yend, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .filters import Filters, Scope

__all__ = [
    "PEOPLE", "PEOPLE_JOINS", "OPD_OF_EMPLOYEE", "UNDER_UNITS", "MAX_UNIT_DEPTH", "IN_POST_AT_END", "IN_POST_DURING", "FULL_YEAR", "COMPULSORY_CATEGORIES", "CHOICE_KINDS", "AGE_EDGES",
    "AGE_BANDS", "age_at", "jp_credit", "paid_seat", "outcome", "jp_minimum", "respondent", "anonymous_counts", "age_band", "choice_key",
    "is_choice_item", "TEXT_MAX", "text_max",
]

# Who a person is and where they work: the employee (e), their own unit kerja (u), its place in the unit
# tree (t: the OPD at the top of its chain and the path to it) and that OPD's own row (o). Each join is
# (alias, SQL, the aliases it needs); a query may take only the ones it uses (population.pop_cte).
PEOPLE_JOINS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("u", "LEFT JOIN units AS u ON u.opd_code = e.opd_code", ()),
    ("t", "LEFT JOIN unit_tree AS t ON t.unit_code = e.opd_code", ()),
    ("o", "LEFT JOIN units AS o ON o.opd_code = coalesce(t.opd_code, e.opd_code)", ("t",)),
)
PEOPLE = "employees AS e" + "".join(f"\n    {sql}" for _, sql, _ in PEOPLE_JOINS)
# The OPD (perangkat daerah) of an employee: the top of the unit's chain (a unit the store does not know
# stands for itself, so it stays visible and the data-quality page can name it).
OPD_OF_EMPLOYEE = "coalesce(t.opd_code, e.opd_code)"
# An employee is "under" a set of units when their unit or any unit above it is in the set ({values}).
UNDER_UNITS = "list_has_any(coalesce(t.path, [e.opd_code]), {values})"

# How deep a unit may sit below its OPD (a kelurahan under a kecamatan is 1, a school under a Korwil under the
# education office 2): the import refuses a deeper chain, and the unit tree stops there.
MAX_UNIT_DEPTH = 8

# P(Y): in post at the end of Y (alias e = employees).
IN_POST_AT_END = "e.hire_date <= $yend AND (e.exit_date IS NULL OR e.exit_date > $yend)"
# In post at any time in Y: whose training the year's budget paid for (cost_total).
IN_POST_DURING = "e.hire_date <= $yend AND (e.exit_date IS NULL OR e.exit_date >= $ystart)"
# F(Y) ⊆ P(Y): in post the whole year; the rest of P(Y) are "ASN baru" (hired during Y).
FULL_YEAR = "e.hire_date <= $ystart"

# Compulsory initial training (Latsar CPNS, orientasi PPPK): never in the 20 JP rate's comparison of
# needs and supply, nor in the scrap-learning estimate.
COMPULSORY_CATEGORIES: tuple[str, ...] = ("latsar", "orientasi")

# Survey items of these kinds without a Likert scale are choice items: a respondent may choose several
# options, one row each (DATA_CONTRACT.md § survey_responses).
CHOICE_KINDS: tuple[str, ...] = ("needs",)

# Characters of a name, a title, a code or any other text cell; a question, a free comment may be longer (the
# import's row rules and a campaign's answers both check them).
TEXT_MAX = 200
_TEXT_MAX_BY_COLUMN = {"text_id": 1000, "text_en": 1000, "answer_text": 5000}

# Age bands at Y-12-31: below 30, 30-39, 40-49, 50-54, 55 and over (close to the retirement ages).
AGE_EDGES: tuple[int, ...] = (30, 40, 50, 55)
AGE_BANDS: tuple[str, ...] = ("<30", "30-39", "40-49", "50-54", ">=55")


def paid_seat(status: str = "pa.status") -> str:
    """A participation the budget paid for (its cost and the JP it bought): completed, failed or dropped."""
    return f"{status} IN ('completed', 'failed', 'dropped')"


def outcome(status: str = "pa.status") -> str:
    """A participation with an outcome (completion and drop-out rates' denominator): paid, or a no-show."""
    return f"{status} IN ('completed', 'failed', 'dropped', 'no_show')"


def jp_credit(pa: str = "pa", jp: str = "pr.jp") -> str:
    """JP a participation earns: its jp_earned (partial credit) or the programme's JP when completed, else 0."""
    return f"CASE WHEN {pa}.status = 'completed' THEN coalesce({pa}.jp_earned, {jp}) ELSE 0 END"


def jp_minimum(etype: str = "e.employment_type") -> str:
    """The yearly JP minimum of a person: $jp_min_pppk for PPPK (local policy), $jp_min for PNS."""
    return f"CASE WHEN {etype} = 'PPPK' THEN $jp_min_pppk ELSE $jp_min END"


def respondent(r: str = "r") -> str:
    """Who answered, for n and suppression: the NIP of an identified self answer, else the response_id
    (a supervisor's answer is about the alumnus, not by him; an anonymous answer has no NIP)."""
    return f"CASE WHEN {r}.respondent_role = 'self' AND {r}.nip IS NOT NULL THEN {r}.nip ELSE {r}.response_id END"


def anonymous_counts(filters: Filters, scope: Scope, by: str | None = None) -> bool:
    """An anonymous answer counts only in a whole view: no employee filter, no OPD scope, no breakdown
    by an employee dimension (it cannot be placed in any group)."""
    return by is None and not (filters.has_employee_filter() or scope.restricted)


def age_at(birth: str, at: str) -> str:
    """Full years of age at a day (SQL over two DATE expressions): the age bands, the age at hire."""
    return f"date_sub('year', {birth}, {at})"


def age_band(birth: str = "e.birth_date", at: str = "$yend") -> str:
    """The age band code of a birth date at a day (NULL without a birth date)."""
    age = age_at(birth, at)
    cases = " ".join(f"WHEN {age} < {edge} THEN '{band}'" for edge, band in zip(AGE_EDGES, AGE_BANDS))
    return f"CASE WHEN {birth} IS NULL THEN NULL {cases} ELSE '{AGE_BANDS[-1]}' END"


def is_choice_item(survey_kind: str, scale_max: str) -> str:
    """SQL: true for a choice item (a kind of CHOICE_KINDS without a Likert scale)."""
    kinds = ", ".join(f"'{k}'" for k in CHOICE_KINDS)
    return f"({survey_kind} IN ({kinds}) AND {scale_max} IS NULL)"


def choice_key(survey_kind: str, scale_max: str, answer_text: str) -> str:
    """SQL: the chosen option of a choice item ('' for every other item): part of an answer's key."""
    return f"CASE WHEN {is_choice_item(survey_kind, scale_max)} THEN coalesce({answer_text}, '') ELSE '' END"


def text_max(column: str) -> int:
    """The most characters a text column's cell may hold."""
    return _TEXT_MAX_BY_COLUMN.get(column, TEXT_MAX)
