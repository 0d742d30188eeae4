"""The import report: lines for people, plain data for JSON, rejected rows as CSV.

What a person reads lists the problems of the first rejected rows (rejects.SHOWN_ROWS) and counts the rest;
the rejects file holds every rejected row (rejects.py writes it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from ..formatting import fmt_number
from ..i18n import t
from .messages import label, reason
from .rejects import write_rejects_file

if TYPE_CHECKING:
    from .plan import FilePlan, Plan

__all__ = ["report_lines", "summary", "rejects_csv", "rejects_bytes", "write_rejects", "more_rejected"]

_MAX_WARNINGS = 20


def rejects_bytes(fp: FilePlan, lang: str = "id") -> bytes:
    """The rejects file's bytes (a download)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_rejects_file(fp, Path(tmp) / "rejects.csv", lang).read_bytes()


def rejects_csv(fp: FilePlan, lang: str = "id") -> str:
    """The rejected rows as CSV text: the row number, the original cells and the reasons."""
    return rejects_bytes(fp, lang).decode("utf-8-sig")


def write_rejects(plan: Plan, lang: str = "id") -> list[Path]:
    """Save each file's rejected rows beside it as <file>.rejects.csv (UTF-8 with BOM, for Excel)."""
    written = []
    for fp in plan.files:
        if fp.rejected and fp.rejects is not None and fp.source.path is not None:
            written.append(write_rejects_file(fp, fp.source.path.with_name(fp.source.path.name + ".rejects.csv"),
                                              lang))
    return written


def more_rejected(fp: FilePlan, lang: str = "id", saved: bool = True) -> str | None:
    """'… and 12,345 more rows; all of them are in the rejects file' when not every rejected row is listed
    (saved=False: the command line writes that file only with --accept-partial, and says so)."""
    more = fp.more_rejected
    if not more:
        return None
    return label("more_rejected" if saved else "more_rejected_unsaved", lang, n=fmt_number(more, lang, 0))


def report_lines(fp: FilePlan, lang: str = "id") -> Sequence[str]:
    """The lines of a file's report: kind, columns, issues (every error of the first rejected rows, then the
    count of the rest), counts."""
    if fp.fatal:
        return [fp.fatal_message(lang) or ""]
    how = t(f"ingest.label_how_{fp.kind_from}", lang)
    kind = label(fp.kind, lang)
    kind = kind if kind == fp.kind else f"{kind} ({fp.kind})"
    lines = [f"{fp.name} — {label('kind_from', lang, kind=kind, how=how)}"]
    used = [f"{m['header']} → {m.get('item') or m['column']}" for m in fp.mapping if m["column"]]
    lines.append(f"  {label('columns', lang)}: {', '.join(used)}")
    shown = 0
    for issue in fp.issues.itertuples(index=False):  # the first rejected rows only: the rest are counted below
        if issue.severity == "warning":
            shown += 1
            if shown > _MAX_WARNINGS:
                continue
        text = reason(issue.code, lang, issue.detail)
        tag = label("error" if issue.severity == "error" else "warning", lang)
        if issue.row is None or pd.isna(issue.row):
            lines.append(f"  {tag}: " + label("file_issue", lang, column=issue.column, reason=text))
        else:
            value = "" if issue.value is None or pd.isna(issue.value) else issue.value
            lines.append(f"  {tag}: " + label("issue", lang, row=int(issue.row), column=issue.column or "",
                                              value=value, reason=text))
    if more := more_rejected(fp, lang, saved=fp.result is not None):
        lines.append("  " + more)
    hidden = max(0, shown - _MAX_WARNINGS) + fp.hidden_warnings
    if hidden:
        lines.append("  " + label("more_warnings", lang, n=fmt_number(hidden, lang, 0)))
    lines.append("  " + label("rows_summary", lang, rows=fp.rows, valid=fp.valid, rejected=fp.rejected))
    if fp.result:
        lines.append("  " + label("done", lang, **fp.result))
    else:
        lines.append("  " + label("would", lang, **fp.estimate))
    return lines


def summary(plan: Plan) -> dict:
    """The plan as plain data (the CLI's --format json)."""
    out = []
    for fp in plan.files:
        item = {"file": fp.name, "kind": fp.kind, "detected_from": fp.kind_from}
        if fp.fatal:
            item["fatal"] = fp.fatal_message(plan.lang)
        else:
            issues = fp.issues.astype(object).where(fp.issues.notna(), None)
            item.update({
                "rows": fp.rows, "valid": fp.valid, "rejected": fp.rejected,
                "mapping": fp.mapping, "estimate": fp.estimate, "result": fp.result,
                "issues": [dict(r, row=None if r["row"] is None else int(r["row"]),
                                reason=reason(r["code"], plan.lang, r["detail"]))
                           for r in issues.to_dict("records")],
                # the issues above are those of the first rejected rows; every row is in the rejects file
                "more_rejected_rows": fp.more_rejected, "more_warnings": fp.hidden_warnings,
            })
            if fp.written_on:  # a history file: the programmes and participations its certificates become
                item["written_on"] = fp.written_on
        out.append(item)
    return {"committed": plan.committed, "files": out}
