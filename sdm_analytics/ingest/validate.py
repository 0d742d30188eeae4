"""The contract's rules as SQL: normalise a loaded file and list every problem in it.

All work happens in DuckDB on one cursor (temp macros and tables are per
connection). A file's text cells (readers.py) become a `norm` table with, per
contract column, the cleaned text `r_<col>` and the typed value `<col>`; each
rule is one small record whose predicate finds the rows it rejects or warns
about. Identifiers come from the contract; values are bound parameters.
"""

from __future__ import annotations

import re
from importlib import resources

import duckdb
import pyarrow as pa

from ..contract import CODE_ALIASES, CODES, KINDS, LIKERT_LABELS, PNS_RANKS, PPPK_RANKS
from ..rules import MAX_UNIT_DEPTH, choice_key, is_choice_item
from .row_rules import PARSE_CODE, RULES, YEAR_RULE, Rule, date_rule, text_rule

__all__ = ["install", "normalise", "build_refs", "check", "stage", "code_key", "code_variants", "SQL_TYPES"]

SQL_TYPES = {"text": "VARCHAR", "code": "VARCHAR", "date": "DATE", "timestamp": "TIMESTAMP",
             "number": "DOUBLE", "money": "DOUBLE", "integer": "INTEGER", "boolean": "BOOLEAN"}
_MODES = ("dot", "comma", "xlsx")
_SRC_COLUMN = re.compile(r"c[0-9]+")


def code_key(text: str) -> str:
    """The compact key a code variant is matched on (same as the SQL macro sdm_key)."""
    return re.sub(r"[^A-Za-z0-9]+", "", text).lower()


def install(cur: duckdb.DuckDBPyConnection, indicators: tuple[str, ...]) -> None:
    """Create the macros (parse.sql) and lookup tables (codes, ranks, Likert labels) on this connection."""
    macros = resources.files(__package__).joinpath("parse.sql").read_text()
    for statement in macros.split(";\n"):
        if statement.strip() and not all(line.startswith("--") for line in statement.strip().splitlines()):
            cur.execute(statement)
    rows = code_variants(indicators)
    codes = pa.table({"col": [r[0] for r in rows], "variant": [r[1] for r in rows], "code": [r[2] for r in rows]})
    ranks = pa.table({"rank": list(PNS_RANKS) + list(PPPK_RANKS),
                      "etype": ["PNS"] * len(PNS_RANKS) + ["PPPK"] * len(PPPK_RANKS)})
    likert = pa.table({"variant": [code_key(k) for k in LIKERT_LABELS], "value": list(LIKERT_LABELS.values())})
    for name, table in (("_codes", codes), ("_ranks", ranks), ("_likert", likert)):
        cur.register("_lookup", table)
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT * FROM _lookup")
        cur.unregister("_lookup")


def code_variants(indicators: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(column, variant key, code) for every code and alias; a key naming two codes is a contract bug."""
    found: dict[tuple[str, str], str] = {}
    for col, codes in {**CODES, "indicator": indicators}.items():
        for code in codes:
            found[(col, code_key(code))] = code
    for col, variants in CODE_ALIASES.items():
        for variant, code in variants.items():
            if found.setdefault((col, code_key(variant)), code) != code:
                raise ValueError(f"{col}: {variant!r} means both {found[(col, code_key(variant))]!r} and {code!r}")
            if code not in CODES[col]:
                raise ValueError(f"{col}: {variant!r} maps to unknown code {code!r}")
    return [(col, key, code) for (col, key), code in found.items()]


# -- normalising ---------------------------------------------------------------
def _typed(kind: str, col: str, ctype: str, mode: str) -> str:
    """SQL for the typed value of one column from r.r_<col> (and k_<col> for codes)."""
    r = f"r.r_{col}"
    if col in ("nip", "supervisor_nip"):
        return f"sdm_nip({r})"
    if col in ("opd_code", "parent_code"):  # unit codes are compared upper-cased
        typed = f"upper({r})"
        return f"coalesce({typed}, '')" if kind == "targets" else typed
    if col == "rank_group":
        return f"sdm_rank({r})"
    if col == "topic":
        return f"coalesce(k_topic.code, sdm_slug({r}))"
    if col == "birth_date":
        return f"CASE WHEN {r} IS NULL THEN sdm_nipdate(sdm_nip(r.r_nip)) ELSE sdm_date({r}) END"
    if col == "respondent_role":
        return f"CASE WHEN {r} IS NULL THEN 'self' ELSE k_{col}.code END"
    if (kind, col) == ("survey_responses", "answer_text"):  # a chosen topic or mode is stored as its code
        return (f"CASE WHEN {is_choice_item('it.survey_kind', 'it.scale_max')} AND it.dimension IN ('topic', 'mode') "
                f"THEN coalesce(k_choice.code, CASE WHEN it.dimension = 'topic' THEN sdm_slug({r}) ELSE {r} END) "
                f"ELSE {r} END")
    if (kind, col) == ("history", "category"):  # SIASN's own names: known aliases, then words, else lainnya
        return f"CASE WHEN {r} IS NOT NULL THEN coalesce(k_{col}.code, sdm_category(sdm_key({r})), 'lainnya') END"
    if (kind, col) == ("history", "end_date"):
        return _HISTORY_END.replace("{mode}", mode)
    if col == "target":
        return f"sdm_num({r}, '{mode}') / CASE WHEN contains({r}, '%') THEN 100 ELSE 1 END"
    if ctype == "code":
        return f"k_{col}.code"
    return {
        "text": r,
        "date": f"sdm_date({r})",
        "timestamp": f"sdm_ts({r})",
        "number": f"sdm_num({r}, '{mode}')",
        "money": f"sdm_money({r}, '{mode}')",
        "integer": f"sdm_int({r}, '{mode}')",
    }[ctype]


# A certificate's end date: the file's, else 31 December of its year (then flagged end_estimated).
_HISTORY_END = ("CASE WHEN r.r_end_date IS NOT NULL THEN sdm_date(r.r_end_date) "
                "WHEN sdm_int(r.r_year, '{mode}') BETWEEN 1900 AND 2100 THEN make_date(sdm_int(r.r_year, '{mode}'), 12, 31) END")
# What an absent column holds in a new row.
_DERIVED = {
    ("history", "end_date"): _HISTORY_END,
    ("history", "end_estimated"): "r.r_end_date IS NULL",
    # the certificate number's compact key (a placeholder such as '-' or '0' is no number), else title + end date
    ("history", "record_key"): ("CASE WHEN NOT regexp_matches(coalesce(sdm_key(r.r_certificate_no), ''), "
                                "'^(0*|none|null|na|nihil|tidakada)$') THEN 'no:' || sdm_key(r.r_certificate_no) "
                                "ELSE 't:' || sdm_key(r.r_title) || ':' || coalesce(strftime({end}, '%Y-%m-%d'), '') "
                                "END"),
    ("employees", "birth_date"): "sdm_nipdate(sdm_nip(r.r_nip))",
    ("survey_responses", "respondent_role"): "'self'",
    ("targets", "opd_code"): "''",
    # the chosen option of a choice item (from the typed answer_text of the same row), '' otherwise
    ("survey_responses", "choice"): choice_key("it.survey_kind", "it.scale_max", "answer_text"),
}


def normalise(cur: duckdb.DuckDBPyConnection, kind: str, src: str, norm: str,
              sources: dict[str, str], mode: str, defaults: dict[str, str] | None = None) -> int:
    """Create `norm` from `src`: r_<col> cleaned text, <col> typed; blank rows dropped. Returns rows.

    sources maps a contract column to the src column holding it (c0, c1, ...);
    defaults maps an unmapped column to a SQL default for new rows (e.g. scale 1-5).
    """
    if mode not in _MODES or not all(_SRC_COLUMN.fullmatch(v) for v in sources.values()):
        raise ValueError(f"not a reading mode or source column: {mode!r}, {sources!r}")
    spec = KINDS[kind]
    has_col = "__col" in {r[0] for r in cur.execute(f"DESCRIBE {src}").fetchall()}
    raw = [f"{'__col' if has_col else 'NULL::VARCHAR AS __col'}"]
    raw += [f"sdm_clean({sources[c.name]}) AS r_{c.name}" if c.name in sources else f"NULL::VARCHAR AS r_{c.name}"
            for c in spec.columns]
    typed, joins, params = [], [], {}
    for c in spec.columns:
        if c.name in sources:
            expr = _typed(kind, c.name, c.type, mode)
            if c.type == "code" and c.name != "rank_group":
                joins.append(f"LEFT JOIN _codes AS k_{c.name} ON k_{c.name}.col = $k_{c.name} "
                             f"AND k_{c.name}.variant = sdm_key(r.r_{c.name})")
                params[f"k_{c.name}"] = c.name
        elif defaults and c.name in defaults:
            expr = defaults[c.name]
        else:
            expr = _DERIVED.get((kind, c.name), "NULL").replace("{end}", _HISTORY_END).replace("{mode}", mode)
        typed.append(f"CAST({expr} AS {SQL_TYPES[c.type]}) AS {c.name}")
    if kind == "survey_responses":  # what the item is decides how its answer is read and keyed
        joins.append("LEFT JOIN _ref_items AS it ON it.item_code = r.r_item_code")
        joins.append("LEFT JOIN _codes AS k_choice ON k_choice.col = it.dimension "
                     "AND k_choice.variant = sdm_key(r.r_answer_text)")
    present = " OR ".join(f"r.r_{c} IS NOT NULL" for c in sources) or "false"
    join_sql = "\n".join(joins)
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {norm} AS
        SELECT r.__row, r.__col, {', '.join('r.r_' + c.name for c in spec.columns)},
               {', '.join(typed)}
        FROM (SELECT __row, {', '.join(raw)} FROM {src}) AS r
        {join_sql}
        WHERE {present}
        """,
        params,
    )
    return cur.execute(f"SELECT count(DISTINCT __row) FROM {norm}").fetchall()[0][0]


# -- references ----------------------------------------------------------------
_REF_KEYS = {"units": "opd_code", "employees": "nip", "programs": "program_code"}
REFERENCED = frozenset(_REF_KEYS) | {"survey_items"}  # kinds other rows point at


def build_refs(cur: duckdb.DuckDBPyConnection, staged: dict[str, list[str]]) -> None:
    """(Re)build _ref_<kind>: keys in the store plus the valid rows staged earlier in this call."""
    for kind, key in _REF_KEYS.items():
        key = f"{key}, birth_date" if kind == "employees" else key  # a certificate is not dated before birth
        extra = "".join(f" UNION SELECT {key} FROM {t}" for t in staged.get(kind, []))
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _ref_{kind} AS SELECT {key} FROM main.{kind}{extra}")
    items = staged.get("survey_items", [])
    newer = " UNION ALL ".join(f"SELECT item_code, survey_kind, dimension, scale_min, scale_max FROM {t}"
                               for t in items)
    if newer:
        cur.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _ref_items AS
            SELECT * FROM ({newer})
            UNION ALL
            SELECT item_code, survey_kind, dimension, scale_min, scale_max FROM main.survey_items
            WHERE item_code NOT IN (SELECT item_code FROM ({newer}))
            """
        )
    else:
        cur.execute("""CREATE OR REPLACE TEMP TABLE _ref_items AS
                       SELECT item_code, survey_kind, dimension, scale_min, scale_max FROM main.survey_items""")


def _rules(kind: str, mapped: set[str]) -> list[Rule]:
    """Generic rules (required, parse, plausible dates, text length) then the kind's own, for the columns the
    file has."""
    spec = KINDS[kind]
    out = [Rule(c.name, "required", f"n.r_{c.name} IS NULL") for c in spec.columns
           if c.required and c.name in mapped]
    for c in spec.columns:
        code = PARSE_CODE.get(c.type)
        if code and c.name in mapped and c.name not in ("rank_group", "topic"):
            out.append(Rule(c.name, code, f"n.r_{c.name} IS NOT NULL AND n.{c.name} IS NULL"))
        if c.type in ("date", "timestamp") and (c.name in mapped or (kind, c.name) == ("history", "end_date")):
            out.append(date_rule(c.name))
        if c.type == "text" and c.name in mapped and c.name not in ("nip", "supervisor_nip"):  # a NIP: its own rule
            out.append(text_rule(c.name))
    if "year" in spec.column_names:
        out.append(YEAR_RULE)
    out += [r for r in RULES.get(kind, ()) if r.column in mapped or r.always]
    return out


def _unit_cycles(cur: duckdb.DuckDBPyConnection, norm: str) -> None:
    """_cycles: units whose chain of parents (this file's over the stored ones) comes back to them, or goes deeper
    than MAX_UNIT_DEPTH, with the chain as the user reads it (A → B → A)."""
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _cycles AS
        WITH RECURSIVE graph AS (
            SELECT opd_code, parent_code FROM {norm} WHERE opd_code IS NOT NULL
            UNION ALL
            SELECT opd_code, parent_code FROM main.units WHERE opd_code NOT IN (SELECT opd_code FROM {norm})
        ),
        walk(unit, reached, chain, depth) AS (
            SELECT opd_code, parent_code, opd_code || ' → ' || parent_code, 1 FROM graph WHERE parent_code IS NOT NULL
            UNION ALL
            SELECT w.unit, g.parent_code, w.chain || ' → ' || g.parent_code, w.depth + 1
            FROM walk AS w
            JOIN graph AS g ON g.opd_code = w.reached
            WHERE g.parent_code IS NOT NULL AND w.reached <> w.unit AND w.depth <= {MAX_UNIT_DEPTH}
        ),
        circle AS (SELECT unit, min(chain) AS chain FROM walk WHERE reached = unit GROUP BY unit)
        SELECT unit, chain FROM circle
        UNION ALL  -- too deep: a chain that runs past the limit without passing through a circle
        SELECT unit, min(chain) FROM walk
        WHERE depth > {MAX_UNIT_DEPTH} AND unit NOT IN (SELECT unit FROM circle)
          AND unit NOT IN (SELECT w.unit FROM walk AS w JOIN circle AS c ON c.unit = w.reached)
        GROUP BY unit
        """
    )


def _orphans(cur: duckdb.DuckDBPyConnection, norm: str, issues: str, header: str) -> None:
    """A unit whose parent is a row of this file that is rejected (and not already stored), or hangs below one,
    is rejected too: written alone it would hang under a unit that does not exist."""
    cur.execute(
        f"""
        INSERT INTO {issues}
        WITH RECURSIVE bad(code) AS (
            SELECT n.opd_code FROM {norm} AS n
            WHERE n.__row IN (SELECT row_no FROM {issues} WHERE severity = 'error')
              AND n.opd_code NOT IN (SELECT opd_code FROM main.units)
            UNION
            SELECT c.opd_code FROM {norm} AS c JOIN bad ON c.parent_code = bad.code
        )
        SELECT c.__row, 'parent_code', $header, c.r_parent_code, 'parent_rejected', c.parent_code, 'error'
        FROM {norm} AS c
        WHERE c.parent_code IN (SELECT code FROM bad)
          AND c.__row NOT IN (SELECT row_no FROM {issues} WHERE severity = 'error')
        """,
        {"header": header},
    )


def check(cur: duckdb.DuckDBPyConnection, kind: str, norm: str, issues: str, headers: dict[str, str],
          mapped: set[str], rates: list[str]) -> None:
    """Insert every rule's hits and the key duplicates into `issues`."""
    if kind == "units" and "parent_code" in mapped:
        _unit_cycles(cur, norm)
    for rule in _rules(kind, mapped):
        header = "coalesce(n.__col, $header)" if rule.column in ("value", "answer_text") else "$header"
        join = ("LEFT JOIN _codes AS kt ON kt.col = 'topic' AND kt.code = n.topic" if rule.code == "topic_unknown"
                else "")
        where = rule.where.replace("k_known", "kt.code").replace("{norm}", norm)
        detail = rule.detail
        if rule.code == "code":
            detail = "$allowed"
        params = {"col": rule.column, "header": headers.get(rule.column, rule.column), "code": rule.code,
                  "severity": rule.severity, "allowed": ", ".join(CODES.get(rule.column, ())), "rates": rates}
        if rule.column == "indicator":
            params["allowed"] = ", ".join(sorted(rates)) + ", …"
        sql = f"""
            INSERT INTO {issues}
            SELECT n.__row, $col, {header}, n.r_{rule.column}, $code, CAST({detail} AS VARCHAR), $severity
            FROM {norm} AS n
            {join}
            WHERE coalesce(({where}), false)
            """
        used = set(re.findall(r"\$([a-z_]+)", sql))
        cur.execute(sql, {k: v for k, v in params.items() if k in used})
    _duplicates(cur, kind, norm, issues, headers, mapped)
    if kind == "units" and "parent_code" in mapped:
        _orphans(cur, norm, issues, headers.get("parent_code", "parent_code"))


def _duplicates(cur: duckdb.DuckDBPyConnection, kind: str, norm: str, issues: str,
                headers: dict[str, str], mapped: set[str]) -> None:
    """Rows sharing a natural key: conflicting values reject them all, identical ones warn."""
    key = KINDS[kind].key
    keys = ", ".join(f"n.{k}" for k in key)
    values = ", ".join(f"n.{c}" for c in KINDS[kind].column_names if c in mapped or c in key)
    not_null = " AND ".join(f"n.{k} IS NOT NULL" for k in key)
    header = headers.get(key[0], key[0]) if len(key) == 1 else " + ".join(headers.get(k, k) for k in key)
    on = " AND ".join(f"g.{k} = n.{k}" for k in key)
    group_keys = ", ".join(f"d.{k}" for k in key)
    # two passes: cheap statistics for every key, then the row lists of the duplicated keys only
    cur.execute(
        f"""
        INSERT INTO {issues}
        WITH g AS (
            SELECT {keys}, min(hash({values})) <> max(hash({values})) AS conflict, min(n.__row) AS first_row
            FROM {norm} AS n
            WHERE {not_null}
            GROUP BY {keys}
            HAVING count(*) > 1
        ),
        d AS (
            SELECT n.__row, {keys}, g.conflict, g.first_row
            FROM {norm} AS n
            JOIN g ON {on}
        ),
        l AS (
            SELECT {group_keys},
                   array_to_string(list_slice(list(d.__row ORDER BY d.__row), 1, 10), ', ')
                   || CASE WHEN count(*) > 10 THEN ', …' ELSE '' END AS all_rows
            FROM d
            WHERE d.conflict
            GROUP BY {group_keys}
        )
        SELECT d.__row, $col, $header, NULL,
               CASE WHEN d.conflict THEN 'duplicate_conflict' ELSE 'duplicate_identical' END,
               CASE WHEN d.conflict THEN l.all_rows ELSE CAST(d.first_row AS VARCHAR) END,
               CASE WHEN d.conflict THEN 'error' ELSE 'warning' END
        FROM d
        LEFT JOIN l ON {" AND ".join(f"l.{k} = d.{k}" for k in key)}
        WHERE d.conflict OR d.__row > d.first_row
        """,
        {"col": key[0], "header": header},
    )


def stage(cur: duckdb.DuckDBPyConnection, kind: str, norm: str, issues: str, staged: str) -> int:
    """Create `staged` with the valid rows (one of identical duplicates). Returns the rejected rows."""
    cols = ", ".join(f"n.{c}" for c in KINDS[kind].column_names)
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {staged} AS
        SELECT {cols}
        FROM {norm} AS n
        WHERE n.__row NOT IN (
            SELECT row_no FROM {issues}
            WHERE severity = 'error' OR code = 'duplicate_identical'
        )
        """
    )
    return cur.execute(f"SELECT count(DISTINCT row_no) FROM {issues} WHERE severity = 'error'").fetchall()[0][0]
