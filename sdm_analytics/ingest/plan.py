"""Importing contract files: detect, map, validate (prepare), then upsert in one transaction (commit).

    plan = prepare(store, ["pegawai.csv", ("peserta.xlsx", data)])   # writes nothing
    plan.files[0].kind, .mapping, .preview, .issues, .estimate
    commit(store, plan, accept_partial=False)                        # all or nothing

Files of one call are checked in dependency order (contract.KIND_ORDER), so a row may reference the store or
another file of the same call. A history file's plan also says what its certificates become (.written_on).
A plan keeps what a person reads small however many rows are rejected: the problems of the first SHOWN_ROWS
rejected rows (and of as many rows with warnings), and counts of the rest; every rejected row with its problems
is kept on disk for the rejects file (rejects.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import duckdb
import pandas as pd
import pyarrow as pa

from .. import history, upserts
from ..contract import KIND_ORDER, KINDS, SURVEY_EXPORT_COLUMNS
from ..engine.metrics import METRIC_IDS, METRICS
from ..settings import Settings, load_settings
from ..store import Store
from . import forms, validate
from .messages import file_error
from .readers import InputFile, Limits, RawFile, UnusableInput, norm_header, read_raw
from .rejects import SHOWN_ROWS, Rejects, shown_issues
from .rejects import keep as keep_rejects

__all__ = ["FilePlan", "Plan", "Rejects", "prepare", "commit", "kind_of_name", "resolve_kind", "CRASH_ENV",
           "SHOWN_ROWS"]

# Test hook: when set, commit() ends the process right after writing its first table,
# inside the open transaction (tests prove the store is left as it was).
CRASH_ENV = "SDM_TEST_CRASH_AFTER_FIRST_TABLE"
_ISSUE_COLUMNS = ["row", "column", "canonical", "value", "code", "detail", "severity"]


@dataclass
class FilePlan:
    """One file of a call: what it is, how its columns map, what is wrong and what would be written."""

    source: InputFile
    kind: str | None = None
    kind_from: str | None = None  # option | file_name | sheet | headers | wide
    fatal: tuple[str, dict] | None = None  # (FILE_ERRORS code, params): the file cannot be imported
    format: str | None = None
    mapping: list[dict] = field(default_factory=list)  # header, column, alias (None: ignored)
    rows: int = 0
    valid: int = 0
    rejected: int = 0
    # the problems a person reads: of the file, of the first SHOWN_ROWS rejected rows, of the first SHOWN_ROWS
    # rows with warnings only
    issues: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_ISSUE_COLUMNS))
    hidden_warnings: int = 0  # warnings of rows beyond those in `issues`
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    estimate: dict[str, int] = field(default_factory=dict)  # added/updated/unchanged vs the store now
    written_on: dict[str, int] = field(default_factory=dict)  # history: programmes and participations it would write
    result: dict[str, int] | None = None  # after commit
    rejects: Rejects | None = None  # every rejected row, its original cells and its problems
    delimiter: str = ","
    staged: pa.Table | None = None
    insert_columns: tuple[str, ...] = ()
    update_columns: tuple[str, ...] = ()
    _raw: RawFile | None = None

    @property
    def name(self) -> str:
        return self.source.name

    def fatal_message(self, lang: str = "id") -> str | None:
        """The one-line reason this file cannot be imported, or None."""
        if not self.fatal:
            return None
        code, params = self.fatal
        return file_error(code, lang, **{"name": self.name, **params})

    def errors(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == "error"]

    def warnings(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == "warning"]

    @property
    def more_rejected(self) -> int:
        """Rejected rows whose problems are not in `issues` (all of them are in the rejects file)."""
        shown = self.errors()["row"].dropna().nunique()
        return max(0, self.rejected - shown)


@dataclass
class Plan:
    """A prepared import: every file checked, nothing written yet."""

    files: list[FilePlan]
    lang: str = "id"
    committed: bool = False

    @property
    def fatal(self) -> list[FilePlan]:
        return [f for f in self.files if f.fatal]

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    @property
    def ok(self) -> bool:
        """True when every file is usable and every row valid."""
        return not self.fatal and self.rejected == 0


# -- kinds ---------------------------------------------------------------------
def resolve_kind(name: str) -> str | None:
    """A kind from its canonical or Indonesian name (--kind pegawai), else None."""
    key = norm_header(name)
    for kind, spec in KINDS.items():
        if key == kind or key in spec.file_names:
            return kind
    return None


def kind_of_name(file_name: str) -> str | None:
    """The kind a file name implies: the earliest kind word in it (Indonesian puts the head noun first)."""
    tokens = norm_header(Path(file_name).name.split(".")[0]).split("_")
    best: tuple[int, int, str] | None = None
    for kind in KIND_ORDER:
        for word in (kind, *KINDS[kind].file_names):
            parts = word.split("_")
            for start in range(len(tokens) - len(parts) + 1):
                if tokens[start:start + len(parts)] == parts:
                    cand = (start, -len(word), kind)
                    if best is None or cand[:2] < best[:2]:
                        best = cand
                    elif cand[:2] == best[:2] and cand[2] != best[2]:
                        return None
                    break
    return best[2] if best else None


_KNOWN_HEADERS = frozenset(
    [norm_header(n) for spec in KINDS.values() for c in spec.public_columns for n in (c.name, *c.aliases)]
    + [n for names in SURVEY_EXPORT_COLUMNS.values() for n in names])


def _alias_index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for col in KINDS[kind].public_columns:
        for name in (col.name, *col.aliases):
            index.setdefault(norm_header(name), col.name)
    return index


def _kind_of_headers(headers: list[str]) -> str | None:
    """The kind whose required columns are all there and which matches the most headers."""
    keys = {norm_header(h) for h in headers}
    scored = []
    for kind in KIND_ORDER:
        index = _alias_index(kind)
        matched = {index[k] for k in keys if k in index}
        required = {c.name for c in KINDS[kind].columns if c.required}
        if required <= matched:
            scored.append((len(matched), kind))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _map_columns(fp: FilePlan, headers: list[str]) -> dict[str, str]:
    """Contract column -> src column (c<i>); records the mapping and warns on unknown columns."""
    index = _alias_index(fp.kind)
    sources: dict[str, str] = {}
    warnings = []
    for i, header in enumerate(headers):
        key = norm_header(header)
        if not key:
            continue
        col = index.get(key)
        if col and col not in sources:
            sources[col] = f"c{i}"
            fp.mapping.append({"header": header, "column": col, "alias": key})
        else:
            fp.mapping.append({"header": header, "column": None, "alias": None})
            warnings.append((header, col))
    fp.issues = _append_issues(fp.issues, [
        {"row": None, "column": h, "canonical": col, "value": None,
         "code": "duplicate_column" if col else "unknown_column", "detail": col, "severity": "warning"}
        for h, col in warnings])
    return sources


def _append_issues(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return frame
    extra = pd.DataFrame(rows, columns=_ISSUE_COLUMNS)
    return extra if frame.empty else pd.concat([frame, extra], ignore_index=True)


# -- prepare -------------------------------------------------------------------
def prepare(store: Store, items: Iterable[InputFile | str | os.PathLike | tuple[str, bytes]],
            kind: str | None = None, lang: str = "id", settings: Settings | None = None) -> Plan:
    """Read, detect, map and validate every file; write nothing. Problems are in the plan.

    A file beyond the settings' import limits (size, rows) is refused as a whole."""
    limits = Limits.of(settings or load_settings())
    plan = Plan([FilePlan(InputFile.of(i)) for i in items], lang)
    forced = None
    if kind:
        forced = resolve_kind(kind)
        if forced is None:
            for fp in plan.files:
                fp.fatal = ("bad_kind", {"detail": kind, "headers": ", ".join(KINDS)})
            return plan
    cur = store.cursor()
    try:
        validate.install(cur, tuple(METRIC_IDS))
        rates = [m for m in METRIC_IDS if METRICS[m].unit == "rate"]
        for n, fp in enumerate(plan.files):
            _read(cur, fp, f"_src{n}", forced, limits)
        staged: dict[str, list[str]] = {}
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        pending = sorted((fp for fp in plan.files if not fp.fatal),
                         key=lambda f: order[f.kind or "survey_responses"])
        for n, fp in enumerate(pending):
            try:
                _check(cur, store, fp, n, staged, rates)
            except UnusableInput as exc:
                fp.fatal = (exc.code, exc.params)
            except duckdb.Error as exc:  # content no rule foresaw: still one line, never a traceback
                fp.fatal = ("unreadable", {"detail": str(exc).strip().splitlines()[0][:160]})
    finally:
        cur.close()
    return plan


def _read(cur, fp: FilePlan, table: str, forced: str | None, limits: Limits) -> None:
    """Load the file and settle its kind (unless a wide survey decides it later)."""
    fp.kind, fp.kind_from = (forced, "option") if forced else (kind_of_name(fp.name), "file_name")
    if fp.kind is None:
        fp.kind_from = None
    sheets = [fp.kind, *KINDS[fp.kind].file_names] if fp.kind else \
        [n for k in KIND_ORDER for n in (k, *KINDS[k].file_names)]
    try:
        raw = read_raw(cur, fp.source, table, sheets, _KNOWN_HEADERS, limits)
    except UnusableInput as exc:
        fp.fatal = (exc.code, exc.params)
        return
    fp._raw, fp.format = raw, raw.format
    fp.delimiter = raw.delimiter or ";"
    if raw.rows == 0 and not raw.malformed:
        fp.fatal = ("no_rows", {})
        return
    if fp.kind is None and raw.sheet:
        fp.kind = resolve_kind(raw.sheet)
        fp.kind_from = "sheet" if fp.kind else None
    if fp.kind is None:
        fp.kind = _kind_of_headers(raw.headers)
        fp.kind_from = "headers" if fp.kind else None


def _sources(cur, fp: FilePlan, raw: RawFile, n: int,
             staged: dict[str, list[str]]) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    """Settle the columns: (table, contract column -> its source column, -> its header, defaults)."""
    layout = None
    if fp.kind in (None, "survey_responses"):
        index = _alias_index("survey_responses")
        keys = {index.get(norm_header(h)) for h in raw.headers}
        if not {"response_id", "item_code"} <= keys:
            layout = forms.match_wide(raw.headers, forms.items_known(cur, staged.get("survey_items", [])))
    if fp.kind is None and layout is None:
        raise UnusableInput("unknown_kind", detail=", ".join(KIND_ORDER))
    if layout is not None:
        fp.kind, fp.kind_from = "survey_responses", "wide"
        sources = forms.to_long(cur, raw.table, raw.headers, layout, f"_long{n}")
        return f"_long{n}", sources, _map_wide(fp, raw.headers, layout), {}
    sources = _map_columns(fp, raw.headers)
    missing = [c.name for c in KINDS[fp.kind].columns if c.required and c.name not in sources]
    if fp.kind == "history" and not {"end_date", "year"} & set(sources):  # a certificate's date, or its year
        missing.append("end_date")
    if missing:
        raise UnusableInput("missing_columns", kind=fp.kind, detail=", ".join(missing),
                            headers=", ".join(h for h in raw.headers if h))
    headers = {m["column"]: m["header"] for m in fp.mapping if m["column"]}
    if fp.kind == "history":  # the key's second half, as the file writes it
        headers["record_key"] = headers.get("certificate_no") or \
            " + ".join(headers.get(c, c) for c in ("title", "end_date"))
    defaults = {}
    if fp.kind == "survey_items":  # Likert 1-5 unless the file says otherwise
        defaults = {"scale_min": "CASE WHEN r.r_scale_max IS NOT NULL THEN 1 END" if "scale_max" in sources else "1",
                    "scale_max": "CASE WHEN r.r_scale_min IS NOT NULL THEN 5 END" if "scale_min" in sources else "5"}
    return raw.table, sources, headers, defaults


def _check(cur, store: Store, fp: FilePlan, n: int, staged: dict[str, list[str]], rates: list[str]) -> None:
    """Validate one file and stage its valid rows (temp table _stg<n> and an Arrow copy in the plan)."""
    raw = fp._raw
    assert raw is not None
    validate.build_refs(cur, staged)
    src, sources, headers, defaults = _sources(cur, fp, raw, n, staged)
    kind = fp.kind
    norm, issues, stg = f"_norm{n}", f"_issues{n}", f"_stg{n}"
    fp.rows = validate.normalise(cur, kind, src, norm, sources, raw.number_mode, defaults) + len(raw.malformed)
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE {issues} (row_no BIGINT, col VARCHAR, header VARCHAR,
                    value VARCHAR, code VARCHAR, detail VARCHAR, severity VARCHAR)""")
    if raw.malformed:  # one statement for all of them: a broken file may hold a million such rows
        cur.register("_malformed", pa.table({"row_no": pa.array([r for r, _ in raw.malformed], pa.int64()),
                                             "line": pa.array([line for _, line in raw.malformed], pa.string())}))
        cur.execute(f"""INSERT INTO {issues}
                        SELECT row_no, NULL, '', line, 'csv_columns', line, 'error'
                        FROM _malformed""")
        cur.unregister("_malformed")
    mapped = set(sources)
    validate.check(cur, kind, norm, issues, headers, mapped, rates)
    fp.rejected = validate.stage(cur, kind, norm, issues, stg)
    fp.valid = fp.rows - fp.rejected
    if fp.rejected:
        fp.rejects = keep_rejects(cur, raw, issues, fp)
    found, fp.hidden_warnings = shown_issues(cur, issues)
    for table in (norm, issues, src, raw.table):  # free memory early: a file may hold a million rows
        cur.execute(f"DROP TABLE IF EXISTS {table}")
    found.columns = _ISSUE_COLUMNS
    if len(found):
        fp.issues = found if fp.issues.empty else pd.concat([fp.issues, found], ignore_index=True)
    key = set(KINDS[kind].key)
    cols = KINDS[kind].column_names
    fp.update_columns = tuple(c for c in cols if (c in mapped or (kind, c) in _DERIVED_COLUMNS) and c not in key)
    fp.insert_columns = tuple(c for c in cols if c in mapped or c in key or c in defaults
                              or (kind, c) in _DERIVED_COLUMNS)
    fp.preview = cur.execute(f"SELECT * FROM {stg} LIMIT 20").df()
    added, updated, unchanged = upserts.diff(cur, kind, stg, fp.update_columns)
    fp.estimate = {"added": added, "updated": updated, "unchanged": unchanged}
    fp.written_on = history.estimate(cur, stg, staged.get("programs", ())) if kind == "history" else {}
    fp.staged = cur.sql(f"SELECT * FROM {stg}").to_arrow_table()
    if kind in validate.REFERENCED:  # later files of the call may point at these rows
        staged.setdefault(kind, []).append(stg)
    else:
        cur.execute(f"DROP TABLE {stg}")


_DERIVED_COLUMNS = {("employees", "birth_date"), ("survey_responses", "respondent_role"), ("targets", "opd_code"),
                    ("history", "end_date"), ("history", "end_estimated")}


def _map_wide(fp: FilePlan, headers: list[str], layout: forms.WideLayout) -> dict[str, str]:
    """Record a wide export's mapping (question columns map to `value`, with their item); warn on the rest."""
    meta = {i: col for col, i in layout.meta.items()}
    items = {i: item.code for i, item in layout.items}
    unknown = []
    for i, header in enumerate(headers):
        if i in meta or i in items:
            fp.mapping.append({"header": header, "column": meta.get(i, "value"), "alias": norm_header(header),
                               "item": items.get(i)})
        elif norm_header(header):
            fp.mapping.append({"header": header, "column": None, "alias": None})
            unknown.append({"row": None, "column": header, "canonical": None, "value": None,
                            "code": "unknown_column", "detail": None, "severity": "warning"})
    fp.issues = _append_issues(fp.issues, unknown)
    return {"response_id": "id_respon", "item_code": "kode_butir",
            **{col: headers[i] for col, i in layout.meta.items()}}


# -- commit --------------------------------------------------------------------
def commit(store: Store, plan: Plan, accept_partial: bool = False, by: str = "") -> Plan:
    """Write the plan's valid rows in one transaction (upsert on natural keys) and log each file (by whom).

    Refuses a plan with unusable files, and one with rejected rows unless accept_partial.
    """
    if plan.fatal:
        raise ValueError("the plan has files that cannot be imported")
    if plan.rejected and not accept_partial:
        raise ValueError("rows were rejected; pass accept_partial=True to write the valid ones")
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    files = sorted(plan.files, key=lambda f: order[f.kind])
    with store.transaction() as cur:
        for n, fp in enumerate(files):
            cur.register("_incoming", fp.staged)
            try:
                if fp.kind == "history":  # certificates: their programmes and participations too
                    added, updated, unchanged = history.absorb(cur, "_incoming", fp.insert_columns,
                                                               fp.update_columns)
                else:
                    added, updated, unchanged = upserts.upsert(cur, fp.kind, "_incoming", fp.insert_columns,
                                                               fp.update_columns)
            finally:
                cur.unregister("_incoming")
            store.log_import(cur, fp.name, fp.kind, added, updated, unchanged, fp.rejected, by)
            fp.result = {"added": added, "updated": updated, "unchanged": unchanged, "rejected": fp.rejected}
            if n == 0 and os.environ.get(CRASH_ENV):
                os._exit(1)
        history.reconcile(cur)  # a certificate's generated programme yields to a real one with the same key
    plan.committed = True
    return plan

