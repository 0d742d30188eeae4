"""Who and what a figure counts: the population of a year and the programmes of a year, as SQL.

Every query of the engine starts here: `population_sql` turns a Filters and a Scope into the WHERE
clauses of the people (employee filters and the viewer's scope) and of the programmes (program
filters), with their bound parameters; `pop_cte` wraps the people into the `pop` CTE over
`rules.PEOPLE`. Identifiers come from `filters.DIMENSIONS` and `rules`; user values are parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

import pandas as pd

from .. import rules
from ..filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope
from ..settings import Settings

__all__ = ["population_sql", "pop_cte", "rule_params", "WHO", "hide_small_groups", "every_programme"]

# Which people: in post at the end of Y (P, the default) or at any time in Y (whose training Y paid for).
WHO = {"end": rules.IN_POST_AT_END, "during": rules.IN_POST_DURING}


def rule_params(settings: Settings) -> dict:
    """The settings the rules' SQL binds: the JP minimum per employment type, a favourable answer."""
    return {"jp_min": settings.jp_min, "jp_min_pppk": settings.jp_min_pppk, "fav": settings.favorable_min}


def every_programme(filters: Filters, exclude_categories: tuple[str, ...] = ()) -> bool:
    """Whether every programme of the year counts (no programme filter, no category left out): then each
    person's participation figures may be read from the person_year summary (migrations.PERSON_YEAR)."""
    return not exclude_categories and not any(getattr(filters, dim) for dim in PROGRAM_DIMS)


def population_sql(filters: Filters, scope: Scope, years_back: int = 0, who: str = "end",
                   settings: Settings | None = None,
                   exclude_categories: tuple[str, ...] = ()) -> tuple[str, str, dict]:
    """WHERE clauses of the people and of the year's programmes, and their parameters.

    years_back widens the programmes to those ending in the years_back years before Y too
    (never_trained looks at Y and Y-1); the people stay those of Y. exclude_categories leaves
    programmes of those categories out (the scrap estimate leaves compulsory training out).
    """
    year = filters.year
    params: dict = {
        "pstart": dt.date(year - years_back, 1, 1),
        "ystart": dt.date(year, 1, 1),
        "yend": dt.date(year, 12, 31),
        "ynext": dt.date(year + 1, 1, 1),
    }
    if settings is not None:
        params.update(rule_params(settings))
    emp = [WHO[who]]
    for dim in EMPLOYEE_DIMS:
        values = getattr(filters, dim)
        if values:
            emp.append(DIMENSIONS[dim].where(f"f_{dim}"))
            params[f"f_{dim}"] = list(values)
    if scope.restricted:
        emp.append(rules.UNDER_UNITS.format(values="CAST($scope_opds AS VARCHAR[])"))
        params["scope_opds"] = sorted(scope.opds or ())
    prog = ["pr.end_date BETWEEN $pstart AND $yend"]
    for dim in PROGRAM_DIMS:
        values = getattr(filters, dim)
        if values:
            prog.append(DIMENSIONS[dim].where(f"f_{dim}"))
            params[f"f_{dim}"] = list(values)
    if exclude_categories:
        prog.append("NOT list_contains(CAST($x_categories AS VARCHAR[]), coalesce(pr.category, ''))")
        params["x_categories"] = list(exclude_categories)
    return "\n      AND ".join(emp), "\n      AND ".join(prog), params


def pop_cte(emp_where: str, columns: str = "e.nip", also: str = "") -> str:
    """The `pop` CTE: the people of emp_where (from population_sql) with the given columns over the aliases
    of rules.PEOPLE (e employee, u own unit, t unit tree, o the OPD's unit row), joining only the units and
    tree rows the columns and conditions use (each joins at most one row: a key); `also` names a relation
    every employee is crossed with (a breakdown by year: one row per person and year)."""
    text = f"{columns} {emp_where}"
    used = {alias for alias, _, _ in rules.PEOPLE_JOINS if re.search(rf"\b{alias}\.", text)}
    used |= {need for alias, _, needs in rules.PEOPLE_JOINS if alias in used for need in needs}
    joins = "".join(f"\n        {sql}" for alias, sql, _ in rules.PEOPLE_JOINS if alias in used)
    cross = f"\n        CROSS JOIN {also}" if also else ""
    return f"pop AS (\n    SELECT {columns}\n    FROM employees AS e{cross}{joins}\n    WHERE {emp_where}\n)"


def hide_small_groups(frame: pd.DataFrame, scope: Scope, settings: Settings, n_col: str,
                      columns: Sequence[str]) -> pd.DataFrame:
    """For a viewer who sees aggregates only (leadership): blank the figures of every row whose group has fewer
    than the minimum people (n_col between 1 and min_respondents − 1) and mark the row `suppressed`."""
    if "suppressed" not in frame:
        frame["suppressed"] = False
    if not scope.aggregates_only or frame.empty:
        return frame
    small = (frame[n_col] > 0) & (frame[n_col] < settings.min_respondents)
    frame.loc[small, list(columns)] = None
    frame["suppressed"] = frame["suppressed"] | small
    return frame
