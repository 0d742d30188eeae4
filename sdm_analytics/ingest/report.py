"""The import report: lines for people, plain data for JSON, rejected rows as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from ..i18n import t
from .messages import label, reason

if TYPE_CHECKING:
    from .plan import FilePlan, Plan

__all__ = ["report_lines", "summary", "rejects_csv", "write_rejects"]

_MAX_WARNINGS = 20


def rejects_csv(fp: FilePlan, lang: str = "id") -> str:
    """The rejected rows as CSV text: the original cells, the row number and the reasons."""
    reasons = _row_reasons(fp, lang)
    frame = fp.rejected_rows.copy()
    frame.insert(0, label("row", lang), frame.pop("__row"))
    frame[label("reason", lang)] = frame[label("row", lang)].map(reasons).fillna("")
    out = io.StringIO()
    frame.to_csv(out, index=False, sep=fp.delimiter, quoting=csv.QUOTE_MINIMAL)
    return out.getvalue()


def write_rejects(plan: Plan, lang: str = "id") -> list[Path]:
    """Save each file's rejected rows beside it as <file>.rejects.csv (UTF-8 with BOM, for Excel)."""
    written = []
    for fp in plan.files:
        if fp.rejected and fp.source.path is not None:
            path = fp.source.path.with_name(fp.source.path.name + ".rejects.csv")
            path.write_text(rejects_csv(fp, lang), encoding="utf-8-sig")
            written.append(path)
    return written


def _row_reasons(fp: FilePlan, lang: str) -> dict[int, str]:
    errors = fp.errors()
    texts: dict[int, list[str]] = {}
    for row, column, code, detail in zip(errors["row"], errors["column"], errors["code"], errors["detail"]):
        text = reason(code, lang, detail)
        texts.setdefault(int(row), []).append(f"{column}: {text}" if column else text)
    return {row: "; ".join(parts) for row, parts in texts.items()}


def report_lines(fp: FilePlan, lang: str = "id") -> Sequence[str]:
    """The lines of a file's report: kind, columns, issues (every error), counts."""
    if fp.fatal:
        return [fp.fatal_message(lang) or ""]
    how = t(f"ingest.label_how_{fp.kind_from}", lang)
    kind = label(fp.kind, lang)
    kind = kind if kind == fp.kind else f"{kind} ({fp.kind})"
    lines = [f"{fp.name} — {label('kind_from', lang, kind=kind, how=how)}"]
    used = [f"{m['header']} → {m.get('item') or m['column']}" for m in fp.mapping if m["column"]]
    lines.append(f"  {label('columns', lang)}: {', '.join(used)}")
    shown = 0
    for issue in fp.issues.itertuples(index=False):
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
    if shown > _MAX_WARNINGS:
        lines.append("  " + label("more_warnings", lang, n=shown - _MAX_WARNINGS))
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
            })
        out.append(item)
    return {"committed": plan.committed, "files": out}
