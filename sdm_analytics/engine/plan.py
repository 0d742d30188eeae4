"""The metric engine's query planner: the SQL for just the measures a request needs.

A metric (engine/metrics.py) is an SQL expression over named measures. Each measure comes from one of
five aggregates, and the planner writes only the ones the requested measures need, with only those
measures in them:

- `g_pop`    people of P(Y) per group (headcount, F(Y), urban / non-urban);
- `g_reach`  people with participations, per group (JP, the minimum reached, reached at all);
- `g_part`   participations per group (outcomes, tests, cost, online JP);
- `g_ans_r`  reaction answers about a programme, per group;
- `g_ans_a`  application answers about a programme (alumni and supervisors), per group;
- `g_ans_y`  answers of the year (readiness), per group;
- `g_resp`   application responses (self) per group, each response's mean.

The survey aggregates count distinct respondents in two steps — per (group, kind, role, respondent,
response) first, then per group — instead of DISTINCT aggregates over every answer.

A breakdown is one query whatever its dimension. By an employee dimension, people, participations and
answers carry the person's group. By a programme dimension each value is its own programme filter
(docs/metrics.md): participations and programme answers carry the programme's value, while people and the
year's answers stay one whole ('all') shared by every value; the JP of people without a participation of
that value (0) is added back from the whole. A breakdown by year is one query per year (each year has its
own population). All SQL binds its values; identifiers come only from this module, `rules` and
`filters.DIMENSIONS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .. import rules
from ..filters import DIMENSIONS, PROGRAM_DIMS, Filters, Scope
from ..settings import Settings
from .population import every_programme, pop_cte, population_sql

__all__ = ["MEASURES", "UNKNOWN_KEY", "measures_of", "metric_sql"]

# The group key of people whose breakdown attribute is empty (shown as "unknown", null in JSON).
UNKNOWN_KEY = "~unknown~"

_DONE = rules.paid_seat("status")  # a paid seat: cost and the JP it bought
_OUTCOME = rules.outcome("status")

# measure -> its aggregate and SQL (over that aggregate's rows)
_POP = {
    "headcount": "count(*)",
    "n_full": "count(*) FILTER (WHERE full_year)",
    "n_urban": "count(*) FILTER (WHERE area = 'urban')",
    "n_nonurban": "count(*) FILTER (WHERE area <> 'urban')",
}
# People with participations (person rows: one per group and NIP); completed in the group's JP by g_person.
_REACH = {
    "n_jp20": "count(*) FILTER (WHERE full_year AND jp >= jp_min)",
    "n_reached": "count(*) FILTER (WHERE n_done > 0)",
    "n_reached_urban": "count(*) FILTER (WHERE area = 'urban' AND n_done > 0)",
    "n_reached_nonurban": "count(*) FILTER (WHERE area <> 'urban' AND n_done > 0)",
    "jp_total": "sum(jp)",  # every person's JP is the sum of their participations' (none: 0, below)
}
_PART = {
    "n_outcome": f"count(*) FILTER (WHERE in_p AND {_OUTCOME})",
    "n_completed": "count(*) FILTER (WHERE in_p AND status = 'completed')",
    "n_dropout": "count(*) FILTER (WHERE in_p AND status IN ('dropped', 'no_show'))",
    "learning_gain_avg": "avg(post_test - pre_test) FILTER (WHERE in_p AND status = 'completed')",
    "n_tested": "count(post_test - pre_test) FILTER (WHERE in_p AND status = 'completed')",
    "pre_avg": "avg(pre_test) FILTER (WHERE in_p AND status = 'completed' AND post_test IS NOT NULL)",
    "post_avg": "avg(post_test) FILTER (WHERE in_p AND status = 'completed' AND pre_test IS NOT NULL)",
    "cost_total": f"sum(cost) FILTER (WHERE {_DONE})",
    "n_costed": f"count(cost) FILTER (WHERE {_DONE})",
    "jp_costed": f"sum(jp) FILTER (WHERE cost IS NOT NULL AND {_DONE})",
    "jp_online": "sum(jp) FILTER (WHERE in_p AND mode = 'daring')",
}
# The same measures over person_year rows (one per person of the view with a participation in the year, `pyp`):
# counts add up, means are sums over counts.
_COUNT_PY = "coalesce(CAST(sum({}) FILTER (WHERE in_p) AS BIGINT), 0)"
_PART_PY = {
    "n_outcome": _COUNT_PY.format("n_outcome"),
    "n_completed": _COUNT_PY.format("n_done"),
    "n_dropout": _COUNT_PY.format("n_dropout"),
    "learning_gain_avg": "sum(gain_sum) FILTER (WHERE in_p) / NULLIF(sum(n_tested) FILTER (WHERE in_p), 0)",
    "n_tested": _COUNT_PY.format("n_tested"),
    "pre_avg": "sum(pre_sum) FILTER (WHERE in_p) / NULLIF(sum(pre_n) FILTER (WHERE in_p), 0)",
    "post_avg": "sum(post_sum) FILTER (WHERE in_p) / NULLIF(sum(post_n) FILTER (WHERE in_p), 0)",
    "cost_total": "sum(cost_sum)",
    "n_costed": "coalesce(CAST(sum(n_costed) AS BIGINT), 0)",
    "jp_costed": "sum(jp_costed)",
    "jp_online": "sum(jp_online) FILTER (WHERE in_p)",
}


def _mean(kind: str, role: str = "") -> str:
    where = f"kind = '{kind}'"
    return f"sum(s{role}) FILTER (WHERE {where}) / NULLIF(sum(c{role}) FILTER (WHERE {where}), 0)"


def _total(column: str, kind: str) -> str:
    return f"CAST(coalesce(sum({column}) FILTER (WHERE kind = '{kind}'), 0) AS BIGINT)"


def _respondents(kind: str, role: str = "") -> str:
    return f"count(*) FILTER (WHERE kind = '{kind}' AND c{role} > 0)"


# Over respondent rows, one per (group, kind, respondent) whatever roles their answers carry: s and c the sum
# and count of values, f the favourable ones, s_self/c_self and s_sup/c_sup those of one role.
_ANS_R = {
    "reaction_avg": _mean("reaction"),
    "n_reaction_answers": _total("c", "reaction"),
    "n_reaction_fav": _total("f", "reaction"),
    "r_reaction": _respondents("reaction"),
}
_ANS_A = {
    "app_self_avg": _mean("application", "_self"),
    "r_app_self": _respondents("application", "_self"),
    "app_sup_avg": _mean("application", "_sup"),
    "r_app_sup": _respondents("application", "_sup"),
}
_ANS_Y = {
    "readiness_avg": _mean("readiness"),
    "r_readiness": _respondents("readiness"),
}
# The value columns of one role, summed per respondent (and response) beside every role's.
_ROLE_COLUMNS = {"self": "_self", "supervisor": "_sup"}
_RESP = {
    "n_app_responses": "count(*)",
    "n_app_applied": "count(*) FILTER (WHERE s / c >= $fav)",
}
# The survey kinds each measure reads.
_KINDS = {**{m: ("reaction",) for m in ("reaction_avg", "n_reaction_answers", "n_reaction_fav", "r_reaction")},
          **{m: ("application",) for m in ("app_self_avg", "r_app_self", "app_sup_avg", "r_app_sup",
                                           "n_app_responses", "n_app_applied")},
          **{m: ("readiness",) for m in _ANS_Y}}

# The respondent roles each survey measure reads (absent: every role).
_ROLES = {**{m: ("self",) for m in ("app_self_avg", "r_app_self", "n_app_responses", "n_app_applied")},
          **{m: ("supervisor",) for m in ("app_sup_avg", "r_app_sup")}}

_SOURCES = {"g_pop": _POP, "g_reach": _REACH, "g_part": _PART, "g_ans_r": _ANS_R, "g_ans_a": _ANS_A,
            "g_ans_y": _ANS_Y,
            "g_resp": _RESP}
# Every measure a metric's expression, n and respondents may use.
MEASURES: frozenset[str] = frozenset(name for source in _SOURCES.values() for name in source)
_SOURCE_OF = {name: source for source, measures in _SOURCES.items() for name in measures}


def measures_of(*expressions: str) -> set[str]:
    """The measures named in SQL expressions."""
    return {word for expr in expressions for word in re.findall(r"\b\w+\b", expr) if word in MEASURES}


@dataclass(frozen=True)
class _Shape:
    """How rows find their group: the people's key, the programmes' key, and what each aggregate is keyed on."""

    by: str | None

    @property
    def by_program(self) -> bool:
        return self.by in PROGRAM_DIMS

    @property
    def by_year(self) -> bool:
        return self.by == "year"

    @property
    def person_key(self) -> str:
        if self.by_year:
            return "yr.y"
        if self.by is None or self.by_program:
            return "'all'"
        # NULL never matches in a join: an empty attribute becomes a key of its own
        return f"coalesce(CAST({DIMENSIONS[self.by].sql} AS VARCHAR), '{UNKNOWN_KEY}')"

    @property
    def program_key(self) -> str:
        if self.by_year:
            return "yr.y"
        return f"CAST({DIMENSIONS[self.by].sql} AS VARCHAR)" if self.by_program else "NULL"

    @property
    def groups(self) -> str:
        if self.by is None:
            return "SELECT 'all' AS grp"
        if self.by_year:
            return "SELECT y AS grp FROM yr"
        if self.by_program:
            return "SELECT DISTINCT grp FROM prog WHERE grp IS NOT NULL"
        return "SELECT DISTINCT grp FROM pop WHERE in_p"

    def key(self, source: str) -> str:
        """What the final select joins an aggregate on: people and the year's answers are one whole under a
        programme breakdown, every other aggregate has the group's key."""
        return "'all'" if self.by_program and source in ("g_pop", "g_ans_y") else "groups.grp"


def _survey(name: str, kinds: Iterable[str], grp: str, join: str, where: str, measures: dict[str, str],
            wanted: set[str], anon: bool, pop_on: str = "") -> list[str]:
    """The CTEs of one survey aggregate: its answers per respondent (and per response when application
    responses are wanted), then per group. Anonymous answers are read only when they count (`anon`); only
    the roles and the favourable count the wanted measures use are read."""
    kind_list = ", ".join(f"'{k}'" for k in sorted(set(kinds)))
    mine = wanted & (set(measures) | set(_RESP))
    roles = {role for m in mine for role in _ROLES.get(m, (None,))}
    if None not in roles:
        where += "\n      AND r.respondent_role IN (" + ", ".join(f"'{r}'" for r in sorted(roles)) + ")"
    per_response = bool(mine & set(_RESP))
    fav = "n_reaction_fav" in mine
    by_role = [(role, col) for role, col in _ROLE_COLUMNS.items() if role in roles]
    values = ", count(r.value) FILTER (WHERE r.value >= $fav) AS f" if fav else ""
    values += "".join(f", sum(r.value) FILTER (WHERE r.respondent_role = '{role}') AS s{col}, count(r.value) "
                      f"FILTER (WHERE r.respondent_role = '{role}') AS c{col}" for role, col in by_role)
    sums = (", sum(f) AS f" if fav else "") + "".join(f", sum(s{col}) AS s{col}, sum(c{col}) AS c{col}"
                                                       for _, col in by_role)
    if anon:
        who = (f"LEFT JOIN pop ON pop.nip = r.nip AND pop.in_p{pop_on}\n"
               "    WHERE (pop.nip IS NOT NULL OR r.nip IS NULL)\n      AND ")
    else:
        who = f"JOIN pop ON pop.nip = r.nip AND pop.in_p{pop_on}\n    WHERE "
    ctes = [
        f"""{name} AS (
    SELECT {grp} AS grp, i.survey_kind AS kind, {rules.respondent("r")} AS respondent,
           {"r.response_id, " if per_response else ""}sum(r.value) AS s, count(r.value) AS c{values}
    FROM survey_responses AS r
    JOIN survey_items AS i ON i.item_code = r.item_code{join}
    {who}i.survey_kind IN ({kind_list}){where}
    GROUP BY ALL
)"""]
    source = name
    if per_response:  # one row per respondent from the rows per response
        ctes.append(f"""{name}_w AS (
    SELECT grp, kind, respondent, sum(s) AS s, sum(c) AS c{sums}
    FROM {name}
    GROUP BY ALL
)""")
        source = f"{name}_w"
    select = ",\n           ".join(f"{measures[m]} AS {m}" for m in sorted(wanted & set(measures)))
    if select:
        ctes.append(f"g_{name} AS (\n    SELECT grp,\n           {select}\n    FROM {source}\n    GROUP BY grp\n)")
    return ctes


# By year, each year's bounds are columns of `yr` instead of parameters.
_YEAR_BOUNDS = ("ystart", "yend", "ynext", "pstart")
# A programme belongs to the year it ends in: an equality join the optimizer estimates well (over a range
# join it matched every participation with every year's people first: the trend 0.8 s -> 0.1 s at province).
# The year's bounds stay in the WHERE clause, always true then.
_YEAR_OF_PROGRAM = " JOIN yr ON yr.y = year(pr.end_date)"


def _per_year(sql: str) -> str:
    for bound in _YEAR_BOUNDS:
        sql = re.sub(rf"\${bound}\b", f"yr.{bound}", sql)
    return sql


def metric_sql(filters: Filters, scope: Scope, select: dict[str, str], by: str | None, settings: Settings,
               exclude: tuple[str, ...] = (), years: Sequence[int] = (), person_year: bool = False) -> tuple[str, dict]:
    """The query for the given output columns (name -> SQL over measures), for the whole view or by one
    employee or programme dimension, or by year (`years`: each with its own people, programmes and answers, as
    the view of that year would have them); `exclude` leaves programmes of those categories out.

    person_year: the store holds the person_year summary (migrations.PERSON_YEAR); when every programme of the
    year counts (no programme filter, breakdown or exclusion), the people's participation figures are read
    from it, a row per person and year, instead of from every participation."""
    shape = _Shape(by)
    wanted = measures_of(*select.values()) | {"headcount"}
    used = {_SOURCE_OF[m] for m in wanted}
    summary = (person_year and bool(used & {"g_reach", "g_part"}) and not shape.by_program
               and every_programme(filters, exclude))
    # Leavers of the year count for cost only: without a cost measure the people are P(Y) alone.
    during = bool(wanted & {"cost_total", "n_costed", "jp_costed"})
    emp_where, prog_where, params = population_sql(filters, scope, who="during" if during else "end",
                                                   settings=settings, exclude_categories=exclude)
    # a programme or a year is its own whole view: anonymous answers count there as in the view
    anon = rules.anonymous_counts(filters, scope, None if shape.by_program or shape.by_year else by)
    area = bool(wanted & {"n_urban", "n_nonurban", "n_reached_urban", "n_reached_nonurban"})
    full = bool(wanted & {"n_full", "n_jp20"})
    columns = [f"e.nip, {shape.person_key} AS grp",
               f"({rules.IN_POST_AT_END}) AS in_p" if during else "true AS in_p",
               "u.area AS area" if area else "NULL AS area",
               f"({rules.FULL_YEAR}) AS full_year" if full else "NULL AS full_year",
               f"{rules.jp_minimum()} AS jp_min" if "n_jp20" in wanted else "NULL AS jp_min"]
    ctes = []
    if shape.by_year:
        # a year twice would count its people twice; a VALUES row per year tells the optimizer how many
        chosen = sorted({int(y) for y in years}) or [None]  # no year: no row
        params.update({f"y_{i}": y for i, y in enumerate(chosen)})
        rows = ", ".join(f"(CAST($y_{i} AS INTEGER))" for i in range(len(chosen)))
        ctes.append("yr AS (\n    SELECT y, make_date(y, 1, 1) AS ystart, make_date(y, 12, 31) AS yend, "
                    "make_date(y + 1, 1, 1) AS ynext, make_date(y, 1, 1) AS pstart\n"
                    f"    FROM (VALUES {rows}) AS v(y)\n    WHERE y IS NOT NULL\n)")
        emp_where, prog_where = _per_year(emp_where), _per_year(prog_where)
        columns = [_per_year(c) for c in columns]
    ctes.append(pop_cte(emp_where, ", ".join(columns), also="yr" if shape.by_year else ""))
    needs_prog = (bool(used & {"g_ans_r", "g_ans_a", "g_resp"}) or shape.by_program
                  or (bool(used & {"g_reach", "g_part"}) and not summary))
    if needs_prog:
        ctes.append(f"""prog AS (
    SELECT pr.program_code, pr.jp, pr.mode, pr.category, pr.cost_per_participant, {shape.program_key} AS grp
    FROM programs AS pr{_YEAR_OF_PROGRAM if shape.by_year else ""}
    WHERE {prog_where}
)""")
    part_grp = "prog.grp" if shape.by_program or shape.by_year else "pop.grp"
    same_year = " AND pop.grp = prog.grp" if shape.by_year else ""
    if summary:  # the year's row of each person of the view who took part (leavers too: cost counts them)
        if not shape.by_year:
            params["py_year"] = int(filters.year)
        ctes.append(f"""pyp AS (
    SELECT pop.grp, pop.in_p, pop.full_year, pop.area, pop.jp_min, py.*
    FROM pop
    JOIN person_year AS py ON py.nip = pop.nip AND py.year = {"pop.grp" if shape.by_year else "$py_year"}
)""")
    elif used & {"g_reach", "g_part"}:
        ctes.append(f"""part AS (
    SELECT {part_grp} AS grp, pop.in_p, pop.full_year, pop.area, pop.jp_min, pa.nip, pa.status, pa.pre_test,
           pa.post_test, prog.mode, prog.cost_per_participant AS cost, {rules.jp_credit("pa", "prog.jp")} AS jp
    FROM participations AS pa
    JOIN prog ON prog.program_code = pa.program_code
    JOIN pop ON pop.nip = pa.nip{same_year}
)""")
    pop_select = {m: _POP[m] for m in sorted(wanted & set(_POP))}
    if "n_jp20" in wanted:
        # who reaches a minimum of 0 JP without a participation (no one, unless so configured)
        pop_select["n_zero_ok"] = "count(*) FILTER (WHERE full_year AND jp_min <= 0)"
    ctes.append("g_pop AS (\n    SELECT grp, " + ", ".join(f"{sql} AS {m}" for m, sql in pop_select.items())
                + "\n    FROM pop\n    WHERE in_p\n    GROUP BY grp\n)")
    reach = sorted(wanted & set(_REACH))
    if reach:
        if summary:
            ctes.append("""person AS (
    SELECT grp, nip, full_year, area, jp_min, jp, n_done
    FROM pyp
    WHERE in_p
)""")
        else:
            ctes.append("""person AS (
    SELECT grp, nip, any_value(full_year) AS full_year, any_value(area) AS area, any_value(jp_min) AS jp_min,
           coalesce(sum(jp), 0) AS jp, count(*) FILTER (WHERE status = 'completed') AS n_done
    FROM part
    WHERE in_p
    GROUP BY grp, nip  -- a person's attributes are one per group (any_value: faster than grouping by them)
)""")
        reach_select = {m: _REACH[m] for m in reach}
        if "n_jp20" in wanted:
            reach_select["n_zero_with"] = "count(*) FILTER (WHERE full_year AND jp_min <= 0)"
        ctes.append("g_reach AS (\n    SELECT grp, " + ", ".join(f"{sql} AS {m}" for m, sql in reach_select.items())
                    + "\n    FROM person\n    GROUP BY grp\n)")
    if "g_part" in used:
        measures, rows = (_PART_PY, "pyp") if summary else (_PART, "part")
        ctes.append("g_part AS (\n    SELECT grp,\n           "
                    + ",\n           ".join(f"{measures[m]} AS {m}" for m in sorted(wanted & set(_PART)))
                    + f"\n    FROM {rows}\n    GROUP BY grp\n)")
    # answers about programmes, one aggregate per kind (only application answers are read per response)
    anon_grp = "prog.grp" if shape.by_program or shape.by_year else "coalesce(pop.grp, 'all')"
    about = "\n    JOIN prog ON prog.program_code = r.program_code"
    if wanted & set(_ANS_R):
        ctes += _survey("ans_r", ["reaction"], anon_grp, about, "", _ANS_R, wanted, anon, same_year)
    if wanted & (set(_ANS_A) | set(_RESP)):
        ctes += _survey("ans_a", ["application"], anon_grp, about, "", _ANS_A, wanted, anon, same_year)
    if wanted & set(_ANS_Y):
        if shape.by_year:
            ctes += _survey("ans_y", ["readiness"], "yr.y", "\n    JOIN yr ON r.submitted_at >= yr.ystart "
                            "AND r.submitted_at < yr.ynext", "", _ANS_Y, wanted, anon, " AND pop.grp = yr.y")
        else:
            ctes += _survey("ans_y", ["readiness"], "coalesce(pop.grp, 'all')", "",
                            "\n      AND r.submitted_at >= $ystart AND r.submitted_at < $ynext", _ANS_Y, wanted, anon)
    if "g_resp" in used:
        resp = ",\n           ".join(f"{_RESP[m]} AS {m}" for m in sorted(wanted & set(_RESP)))
        ctes.append(f"""g_resp AS (
    SELECT grp,
           {resp}
    FROM (
        SELECT grp, response_id, sum(s_self) AS s, sum(c_self) AS c
        FROM ans_a
        WHERE kind = 'application' AND c_self > 0
        GROUP BY grp, response_id
    )
    GROUP BY grp
)""")
    ctes.append(f"groups AS (\n    {shape.groups}\n)")
    joins = [f"LEFT JOIN g_pop ON g_pop.grp = {shape.key('g_pop')}"]
    # a group without people has no person figures; one with people but no participation has 0 of them
    person = {m: f"CASE WHEN g_pop.grp IS NOT NULL THEN coalesce(g_reach.{m}, 0) END" for m in reach}
    if "n_jp20" in wanted:
        person["n_jp20"] = ("g_pop.n_zero_ok - coalesce(g_reach.n_zero_with, 0)"
                            " + coalesce(g_reach.n_jp20, 0)")
    if reach:
        joins.append("LEFT JOIN g_reach ON g_reach.grp = groups.grp")
    for source in ("g_part", "g_ans_r", "g_ans_a", "g_ans_y", "g_resp"):
        if source in used:
            joins.append(f"LEFT JOIN {source} ON {source}.grp = {shape.key(source)}")
    parts = ["groups.grp AS grp", "g_pop.* EXCLUDE (grp)"]
    parts += [f"{sql} AS {m}" for m, sql in person.items()]
    parts += [f"{s}.* EXCLUDE (grp)" for s in ("g_part", "g_ans_r", "g_ans_a", "g_ans_y", "g_resp") if s in used]
    inner = "SELECT " + ",\n    ".join(parts) + "\nFROM groups\n" + "\n".join(joins)
    outer = ",\n    ".join(f"{sql} AS \"{name}\"" for name, sql in select.items())
    sql = "WITH " + ",\n".join(ctes) + f",\nmeasured AS (\n{inner}\n)\nSELECT grp,\n    {outer}\nFROM measured\n" \
        "ORDER BY grp"
    return sql, params
