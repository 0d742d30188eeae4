"""Display tables: engine frames turned into what a person reads (translated headers, formatted values).

Pure pandas and formatting, no streamlit: the pages show these and offer them as CSV/XLSX. Each table puts its key
columns first and gives each column a width (present.display.Layout). They take a `Viewer` — who reads the table:
language, settings, store (for unit names). A page passes its `ui.Context`; a script or a test passes a `Reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..engine import targets, units
from ..engine.metrics import METRICS
from ..formatting import NA, fmt_date, fmt_short, fmt_value
from ..i18n import code_label, dim_label, pick
from .display import Columns, Display, Layout, Reader, Viewer, clean, show

# The tables, and the display types a page or a test takes with them (Reader: the Viewer of a script or a test).
__all__ = ["Display", "Reader", "Viewer", "accounts_table", "auth_log_table", "gap_table", "history_table",
           "ipasn_candidates", "ipasn_people_table", "issues_table", "mapping_table", "needs_table",
           "never_trained_table", "new_staff_table", "participants_table", "people_table", "preview_table",
           "program_table", "quality_table", "response_rates_table", "target_words", "targets_table"]


def _who(ctx: Viewer, frame: pd.DataFrame) -> Columns:
    """The key columns every list of people starts with: name and NIP (text, never a number)."""
    return (Columns(ctx.lang)
            .text(ctx.t("col_name"), frame["name"], key=True)
            .text(ctx.t("col_nip"), frame["nip"], key=True))


def _opd(frame: pd.DataFrame) -> list[Any]:
    return list(frame["opd_name"].fillna(frame["opd_code"]))


def _where(ctx: Viewer, cols: Columns, frame: pd.DataFrame) -> Columns:
    """Where the people work, after what the list is about: OPD and unit kerja (long names: a medium column,
    the whole name on hover and in the downloads)."""
    return (cols.text(ctx.t("col_opd"), _opd(frame), width="medium")
            .text(ctx.t("col_unit"), frame["unit_name"].fillna(frame["unit_code"]), width="medium"))


def people_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The people below their JP minimum: who, their JP, minimum and gap and their OPD first (in view on a laptop
    without scrolling sideways), then where else they work and what they are."""
    return (_who(ctx, frame)
            .num(ctx.t("col_jp"), frame["jp"], "jp", key=True)
            .num(ctx.t("col_jp_min"), frame["jp_min"], "jp", key=True)
            .num(ctx.t("col_gap"), frame["gap"], "jp", key=True)
            .text(ctx.t("col_opd"), _opd(frame), key=True, width="medium")
            .text(ctx.t("col_unit"), frame["unit_name"].fillna(frame["unit_code"]), width="medium")
            .text(ctx.t("col_position"), frame["position_name"], width="medium")
            .text(ctx.t("col_employment"), frame["employment_type"])
            .text(ctx.t("col_area"), [code_label("area", a, ctx.lang) for a in frame["area"]])
            .display())


def new_staff_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """New staff of the year (not in the 20 JP rate) by employment type: how many, how many completed their
    Latsar/orientation, and their JP."""
    return (Columns(ctx.lang)
            .text(ctx.t("col_employment"), frame["employment_type"], key=True)
            .num(ctx.t("col_new"), frame["headcount"], "whole")
            .num(ctx.t("col_initial"), frame["initial_done"], "whole")
            .num(ctx.t("col_initial_share"), frame["initial_share"], "rate")
            .num(ctx.t("col_jp_total"), frame["jp_total"], "jp")
            .display())


def never_trained_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The never-trained list with translated headers and readable codes."""
    return (_where(ctx, _who(ctx, frame), frame)
            .text(ctx.t("col_position"), frame["position_name"], width="medium")
            .text(dim_label("rank_group", ctx.lang), frame["rank_group"])
            .text(dim_label("age_band", ctx.lang), [code_label("age_band", a, ctx.lang) for a in frame["age_band"]])
            .text(ctx.t("col_area"), [code_label("area", a, ctx.lang) for a in frame["area"]])
            .display())


def gap_table(ctx: Viewer, frame: pd.DataFrame, key: str, metric_id: str) -> Display:
    """A stats.gaps frame as a readable table: group, n, value, CI, gap in pp with CI, verdict."""
    unit = METRICS[metric_id].unit
    names = units.unit_names(ctx.store) if key in ("opd", "unit") else {}
    verdicts = []
    for _, row in frame.iterrows():
        if row[f"ref_{metric_id}"]:
            verdicts.append(ctx.t("verdict_ref"))
        elif row[f"small_{metric_id}"]:
            verdicts.append(ctx.t("verdict_small"))
        else:
            verdicts.append(ctx.t("verdict_clear" if row[f"clear_{metric_id}"] else "verdict_unclear"))
    return (Columns(ctx.lang)
            .text(ctx.t("col_group"), [names.get(k, k) if key in ("opd", "unit") else code_label(key, k, ctx.lang)
                                       for k in frame[key]], key=True, width="large" if key in ("opd", "unit") else None)
            .num("n", frame[f"n_{metric_id}"], "whole", key=True)
            .num(ctx.t("col_value"), frame[metric_id], unit, key=True)
            .interval(ctx.t("col_ci"), frame[f"lo_{metric_id}"], frame[f"hi_{metric_id}"], unit)
            .num(ctx.t("col_gap_pp"), frame[f"gap_{metric_id}"], "pp", scale=100)
            .interval(ctx.t("col_gap_ci"), frame[f"gap_lo_{metric_id}"], frame[f"gap_hi_{metric_id}"], "pp", scale=100)
            .text(ctx.t("col_verdict"), verdicts)
            .display())


def program_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The per-program summary for reading and download: the programme and its results first (in view on a laptop),
    then its costs, category and mode."""
    return (Columns(ctx.lang)
            .text(ctx.t("col_program"), frame["program_code"] + " · " + frame["title"], key=True, width="large")
            .num("JP", frame["jp"], "jp", key=True)
            .num(ctx.t("col_participants"), frame["participants"], "whole", key=True)
            .num(ctx.t("col_completion"), frame["completion_rate"], "rate", key=True)
            .num(ctx.t("col_ngain"), frame["normalized_gain"], "gain", key=True)
            .num(ctx.t("col_reaction"), frame["reaction_score"], "score", key=True)
            .num(ctx.t("col_application"), frame["application_score"], "score")
            .num(ctx.t("col_supervisor"), frame["supervisor_score"], "score")
            .num(ctx.t("col_cost"), frame["cost_total"], "idr")
            .num(ctx.t("col_scrap_cost"), frame["scrap_cost"], "idr")
            .text(dim_label("category", ctx.lang), [code_label("category", c, ctx.lang) for c in frame["category"]])
            .text(dim_label("mode", ctx.lang), [code_label("mode", c, ctx.lang) for c in frame["mode"]])
            .display())


def participants_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """A programme's participants for reading and download: who, their status, tests and JP first, then their
    attendance and where they work."""
    cols = (_who(ctx, frame)
            .text(ctx.t("col_status"), [code_label("status", v, ctx.lang) for v in frame["status"]], key=True)
            .num("Pre-test", frame["pre_test"], "whole", key=True)
            .num("Post-test", frame["post_test"], "whole", key=True)
            .num("JP", frame["jp"], "jp", key=True)
            .num(ctx.t("col_attendance"), frame["attendance_pct"], "whole"))
    return _where(ctx, cols, frame).display()


def targets_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """target_progress for reading: indicator, OPD, target, actual, n, status (each row in its indicator's unit)."""
    names = units.unit_names(ctx.store)
    kinds = [METRICS[i].unit if i in METRICS else "number" for i in frame["indicator"]]
    withheld = [i in METRICS and clean(n) is None for i, n in zip(frame["indicator"], frame["n"])]  # hidden
    return (Columns(ctx.lang)
            .text(ctx.t("col_indicator"), [METRICS[i].label(ctx.lang, ctx.settings) if i in METRICS else i
                                           for i in frame["indicator"]], key=True)
            .text(ctx.t("col_opd"), [names.get(o, o) if o else ctx.t("scope_city") for o in frame["opd_code"]],
                  key=True, width="medium")
            .num(ctx.t("col_target"), frame["target"], kinds, key=True)
            .num(ctx.t("col_actual"), frame["actual"], kinds, key=True)
            .count("n", frame["n"], withheld, f"n < {ctx.settings.min_respondents}")
            .text(ctx.t("col_state"), ["–" if clean(m) is None else (ctx.t("target_met") if m else ctx.t("target_missed"))
                                       for m in frame["met"]])
            .display())


def ipasn_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """The ipasn_scores rows of ASN whose kompetensi points would rise with one more eligible programme, largest
    gain first (then the lowest score)."""
    return frame[frame["potential_gain"] > 0].sort_values(["potential_gain", "score"], ascending=[False, True])


def ipasn_people_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """ASN whose kompetensi points would rise with one more eligible programme, largest gain first."""
    data = ipasn_candidates(frame)
    cols = (_who(ctx, data)
            .num(ctx.t("col_score"), data["score"], "number", key=True)
            .text(ctx.t("col_next"), [code_label("next_step", v, ctx.lang) for v in data["next_step"]], key=True)
            .num(ctx.t("col_gain"), data["potential_gain"], "number", key=True))
    return (_where(ctx, cols, data)
            .text(dim_label("position_type", ctx.lang),
                  [code_label("position_type", v, ctx.lang) for v in data["position_type"]])
            .text(ctx.t("col_employment"), data["employment_type"])
            .display())


def needs_table(ctx: Viewer, gap: pd.DataFrame) -> Display:
    """The needs_gap frame for reading: topic, demand and supply with their n, gap in points."""
    cols = Columns(ctx.lang).text(ctx.t("col_topic"), [code_label("topic", k, ctx.lang) for k in gap["topic"]],
                                   key=True)
    hidden = ctx.t("suppressed", k=ctx.settings.min_respondents)
    for header, share, n, mask, what, unit in (
            (ctx.t("col_demand"), "demand_share", "demand_n", gap["suppressed"], "n", "whole"),
            (ctx.t("col_supply"), "supply_share", "supply_jp", [False] * len(gap), "JP", "jp")):
        shares = [None if s else clean(v) for v, s in zip(gap[share], mask)]
        counts = [None if s else clean(v) for v, s in zip(gap[n], mask)]
        cols.shown[header] = [hidden if s else f"{fmt_value(v, 'rate', ctx.lang)} ({what} = {show(c, unit, ctx.lang)})"
                              for v, c, s in zip(shares, counts, mask)]
        cols.values[header], cols.units[header] = shares, "rate"
        cols.values[f"{header} ({what})"], cols.units[f"{header} ({what})"] = counts, unit
        cols.layout[header] = Layout(numeric=True)
    return cols.num(ctx.t("col_gap_pp"), gap["gap"], "pp", scale=100).display()


def history_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The import log for reading: when, file, kind of data, and what happened to its rows."""
    from ..ingest.messages import label

    cols = (Columns(ctx.lang)
            .when(ctx.t("col_when"), frame["imported_at"], key=True)
            .text(ctx.t("col_file"), frame["file_name"], key=True, width="medium")
            .text(ctx.t("col_kind"), [label(k, ctx.lang) for k in frame["kind"]], key=True))
    for key in ("added", "updated", "unchanged", "rejected"):
        cols.num(ctx.t(f"col_{key}"), frame[key], "whole")
    by = frame["imported_by"] if "imported_by" in frame else [""] * len(frame)
    return cols.text(ctx.t("col_by"), [v or "–" for v in by]).display()


def accounts_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The accounts for an admin: username, name, role, OPDs, state, last sign-in (never a password hash)."""
    names = units.unit_names(ctx.store)
    now = pd.Timestamp.now()
    states = [ctx.t("acc_locked") if lock is not None and lock == lock and pd.Timestamp(lock) > now
              else ctx.t("acc_active" if active else "acc_disabled")
              for active, lock in zip(frame["active"], frame["locked_until"])]
    return (Columns(ctx.lang)
            .text(ctx.t("login_user"), frame["username"], key=True)
            .text(ctx.t("col_name"), frame["name"], key=True)
            .text(ctx.t("acc_role"), [ctx.t(f"role_{r}") for r in frame["role"]])
            .text(ctx.t("acc_opds"), [", ".join(names.get(o, o) for o in opds) if len(opds) else ctx.t("acc_all_opds")
                                      for opds in frame["opds"]], width="medium")
            .text(ctx.t("col_state"), states)
            .when(ctx.t("acc_last_login"), frame["last_login"])
            .display())


def _log_detail(ctx: Viewer, event: str, detail: Any, names: Mapping[str, str]) -> str:
    """A log line's detail in words: an account added or changed names its role and OPDs (logged as codes,
    'evaluator DINKES'); any other detail (a file, an e-mail) as written; none: '–'."""
    from ..accounts import ROLES

    words = str(detail or "").split()
    if event in ("added", "updated") and words and words[0] in ROLES:
        opds = ", ".join(names.get(o, o) for o in words[1:]) or ctx.t("acc_all_opds")
        return f"{ctx.t(f'role_{words[0]}')} · {opds}"
    return str(detail) if detail else NA


def auth_log_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The account log for an admin: when, what, whose account, by whom, detail."""
    names = units.unit_names(ctx.store)
    return (Columns(ctx.lang)
            .when(ctx.t("col_when"), frame["logged_at"], key=True)
            .text(ctx.t("acc_event"), [ctx.t(f"acc_ev_{e}") for e in frame["event"]], key=True)
            .text(ctx.t("login_user"), frame["username"], key=True)
            .text(ctx.t("col_by"), [v or NA for v in frame["actor"]])
            .text(ctx.t("acc_detail"), [_log_detail(ctx, e, d, names) for e, d in zip(frame["event"], frame["detail"])],
                  width="large")
            .display())


def mapping_table(ctx: Viewer, fp: Any) -> pd.DataFrame:
    """A file plan's column mapping: header in the file, contract column, the alias that matched."""
    return pd.DataFrame({
        ctx.t("col_header"): [m.get("header") for m in fp.mapping],
        ctx.t("col_column"): [m.get("column") or ctx.t("ignored") for m in fp.mapping],
        ctx.t("col_alias"): [m.get("alias") or "" for m in fp.mapping],
    })


def issues_table(ctx: Viewer, fp: Any) -> pd.DataFrame:
    """Every problem of a file plan: row, column, value, reason (errors first, then warnings)."""
    from ..ingest.messages import reason

    issues = fp.issues.sort_values(["severity", "row"], key=lambda c: c.map({"error": 0, "warning": 1})
                                   if c.name == "severity" else c)
    def cell(v: Any) -> str:
        return "–" if v is None or v != v or str(v) in ("", "None", "<NA>") else str(v)

    return pd.DataFrame({
        ctx.t("col_row"): [cell(int(r) if r == r and r is not None else None) for r in issues["row"]],
        ctx.t("col_header"): [cell(v) for v in issues["column"]],
        ctx.t("col_value"): [cell(v) for v in issues["value"]],
        ctx.t("col_reason"): [reason(c, ctx.lang, d) for c, d in zip(issues["code"], issues["detail"])],
        ctx.t("col_severity"): issues["severity"].map({"error": ctx.t("quality.issue.error"),
                                                       "warning": ctx.t("quality.issue.warning")}),
    })


def preview_table(ctx: Viewer, fp: Any, rows: int = 10) -> pd.DataFrame:
    """The first rows as they will be stored, dates shown as dates, under the headers the import templates
    use ("Tanggal Lahir", not `birth_date`; in English the column's name in words)."""
    from ..contract import KINDS
    from ..ingest.templates import header_text

    frame = fp.preview.head(rows).copy()
    for col in frame.columns:
        if str(frame[col].dtype).startswith("datetime"):
            frame[col] = [fmt_date(v.date(), ctx.lang) if v == v and v is not None else "–" for v in frame[col]]
    aliases = {c.name: c.aliases for c in KINDS[fp.kind].columns} if fp.kind in KINDS else {}

    def header(name: str) -> str:
        if ctx.lang == "id" and aliases.get(name):
            return header_text(aliases[name][0])
        return name.replace("_", " ").capitalize()

    return frame.rename(columns=header)


def quality_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The scorecard for reading: check, share with a problem, severity and the fix first (in view on a laptop),
    then the counts behind the share and the affected indicators."""
    return (Columns(ctx.lang)
            .text(ctx.t("col_check"), frame[pick(("label_id", "label_en"), ctx.lang)], key=True)
            .num(ctx.t("col_share"), frame["share"], "rate", key=True)
            .text(ctx.t("col_state"), [ctx.t(f"sev_{v}") for v in frame["severity"]], key=True)
            .text(ctx.t("col_hint"), frame[pick(("hint_id", "hint_en"), ctx.lang)], key=True, width="large")
            .num(ctx.t("col_problem"), frame["problem"], "whole")
            .num(ctx.t("col_total"), frame["total"], "whole")
            .text(ctx.t("col_affects"), [", ".join(METRICS[m].label(ctx.lang, ctx.settings) for m in a if m in METRICS)
                                         for a in frame["affects"]], width="large")
            .display())


def response_rates_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """Per-programme survey response rates for reading and download."""
    return (Columns(ctx.lang)
            .text(ctx.t("col_program"), frame["program_code"] + " · " + frame["title"], key=True, width="large")
            .num(ctx.t("col_completions"), frame["completions"], "whole")
            .num(ctx.t("col_reaction_rate"), frame["reaction_rate"], "rate")
            .num(ctx.t("col_application_rate"), frame["application_rate"], "rate")
            .display())


def target_words(ctx: Viewer, metric_id: str, value: float | None, goal: tuple[float, str],
                 hidden: bool = False) -> tuple[str, bool | None]:
    """What a card or a slide says of a target (Source.references: its value and whose it is), and whether it
    is met: 'Target 60,0% · belum tercapai' for the view's own, 'Target kota 60,0% · belum memenuhi acuan ini'
    for the city's as a reference; no verdict without a value (or with a hidden one)."""
    m = METRICS[metric_id]
    target, key = goal
    words = ctx.t(key, value=fmt_short(target, m.unit, ctx.lang))
    reached = None if hidden else targets.met(value, target, m.better)
    if reached is None:
        return words, None
    verdict = ("target_met" if reached else "target_missed") if key == "target" else (
        "ref_better" if reached else "ref_worse")
    return f"{words} · {ctx.t(verdict)}", reached
