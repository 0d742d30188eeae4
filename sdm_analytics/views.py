"""Display tables: engine frames turned into what a person reads (translated headers, formatted values).

Pure pandas and formatting, no streamlit: the pages show these and offer them as CSV/XLSX.
They take the page's Context (language, settings, store) from `ui.page`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from . import tables
from .formatting import fmt_date, fmt_value
from .i18n import code_label, dim_label
from .metrics import METRICS

if TYPE_CHECKING:
    from .ui import Context


def people_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """A people list with translated headers and readable codes, for display and CSV."""
    return pd.DataFrame({
        ctx.t("col_name"): frame["name"],
        ctx.t("col_nip"): frame["nip"],
        ctx.t("col_opd"): frame["opd_name"].fillna(frame["opd_code"]),
        ctx.t("col_position"): frame["position_name"],
        ctx.t("col_employment"): frame["employment_type"],
        ctx.t("col_area"): [code_label("area", a, ctx.lang) for a in frame["area"]],
        ctx.t("col_jp"): frame["jp"].astype(float).round(1),
        ctx.t("col_gap"): frame["gap"].astype(float).round(1),
    })


def never_trained_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """The never-trained list with translated headers and readable codes."""
    return pd.DataFrame({
        ctx.t("col_name"): frame["name"],
        ctx.t("col_nip"): frame["nip"],
        ctx.t("col_opd"): frame["opd_name"].fillna(frame["opd_code"]),
        ctx.t("col_position"): frame["position_name"],
        dim_label("rank_group", ctx.lang): frame["rank_group"],
        dim_label("age_band", ctx.lang): [code_label("age_band", a, ctx.lang) for a in frame["age_band"]],
        ctx.t("col_area"): [code_label("area", a, ctx.lang) for a in frame["area"]],
    })


def gap_table(ctx: Context, frame: pd.DataFrame, key: str, metric_id: str) -> pd.DataFrame:
    """A stats.gaps frame as a readable table: group, n, value, CI, gap in pp with CI, verdict."""
    from .formatting import fmt_number as num

    unit = METRICS[metric_id].unit
    names = tables.unit_names(ctx.store) if key == "opd" else {}

    def interval(lo: Any, hi: Any, scale: float = 1.0, pp: bool = False) -> str:
        if lo is None or hi is None or lo != lo or hi != hi:
            return "–"
        if pp:
            return f"{num(lo * scale, ctx.lang, 1)} … {num(hi * scale, ctx.lang, 1)}"
        return f"{fmt_value(lo, unit, ctx.lang)} … {fmt_value(hi, unit, ctx.lang)}"

    verdicts = []
    for _, row in frame.iterrows():
        if row[f"ref_{metric_id}"]:
            verdicts.append(ctx.t("verdict_ref"))
        elif row[f"small_{metric_id}"]:
            verdicts.append(ctx.t("verdict_small"))
        else:
            verdicts.append(ctx.t("verdict_clear" if row[f"clear_{metric_id}"] else "verdict_unclear"))
    return pd.DataFrame({
        ctx.t("col_group"): [names.get(k, k) if key == "opd" else code_label(key, k, ctx.lang) for k in frame[key]],
        "n": [num(v, ctx.lang, 0) for v in frame[f"n_{metric_id}"]],
        ctx.t("col_value"): [fmt_value(v, unit, ctx.lang) for v in frame[metric_id]],
        ctx.t("col_ci"): [interval(a, b) for a, b in zip(frame[f"lo_{metric_id}"], frame[f"hi_{metric_id}"])],
        ctx.t("col_gap_pp"): ["–" if g is None or g != g else num(g * 100, ctx.lang, 1) for g in frame[f"gap_{metric_id}"]],
        ctx.t("col_gap_ci"): [interval(a, b, 100, pp=True)
                              for a, b in zip(frame[f"gap_lo_{metric_id}"], frame[f"gap_hi_{metric_id}"])],
        ctx.t("col_verdict"): verdicts,
    })


def program_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """The per-program summary for reading and download."""
    from .formatting import fmt_number as num

    def val(v: Any, unit: str) -> str:
        return fmt_value(None if v is None or v != v else v, unit, ctx.lang)

    return pd.DataFrame({
        ctx.t("col_program"): frame["program_code"] + " · " + frame["title"],
        dim_label("category", ctx.lang): [code_label("category", c, ctx.lang) for c in frame["category"]],
        dim_label("mode", ctx.lang): [code_label("mode", c, ctx.lang) for c in frame["mode"]],
        "JP": [num(v, ctx.lang, 0) for v in frame["jp"]],
        ctx.t("col_participants"): [num(v, ctx.lang, 0) for v in frame["participants"]],
        ctx.t("col_completion"): [val(v, "rate") for v in frame["completion_rate"]],
        ctx.t("col_ngain"): [val(v, "gain") for v in frame["normalized_gain"]],
        ctx.t("col_reaction"): [val(v, "score") for v in frame["reaction_score"]],
        ctx.t("col_application"): [val(v, "score") for v in frame["application_score"]],
        ctx.t("col_supervisor"): [val(v, "score") for v in frame["supervisor_score"]],
        ctx.t("col_cost"): [val(v, "idr") for v in frame["cost_total"]],
        ctx.t("col_scrap_cost"): [val(v, "idr") for v in frame["scrap_cost"]],
    })


def participants_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """A programme's participants for reading and download."""
    from .formatting import fmt_number as num

    def score(v: Any) -> str:
        return "–" if v is None or v != v else num(v, ctx.lang, 0)

    return pd.DataFrame({
        ctx.t("col_name"): frame["name"],
        ctx.t("col_nip"): frame["nip"],
        ctx.t("col_opd"): frame["opd_name"].fillna(frame["opd_code"]),
        ctx.t("col_status"): [code_label("status", v, ctx.lang) for v in frame["status"]],
        ctx.t("col_attendance"): [score(v) for v in frame["attendance_pct"]],
        "Pre-test": [score(v) for v in frame["pre_test"]],
        "Post-test": [score(v) for v in frame["post_test"]],
        "JP": [num(v, ctx.lang, 1) for v in frame["jp"]],
    })


def targets_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """target_progress for reading: indicator, OPD, target, actual, n, status."""
    from .formatting import fmt_number as num

    names = tables.unit_names(ctx.store)
    labels, targets_, actuals, states = [], [], [], []
    for row in frame.itertuples():
        metric = METRICS.get(row.indicator)
        unit = metric.unit if metric else "number"
        labels.append(metric.label(ctx.lang) if metric else row.indicator)
        targets_.append(fmt_value(row.target, unit, ctx.lang))
        actuals.append(fmt_value(None if row.actual is None or row.actual != row.actual else row.actual, unit, ctx.lang))
        states.append("–" if row.met is None or row.met != row.met else
                      (ctx.t("target_met") if row.met else ctx.t("target_missed")))
    return pd.DataFrame({
        ctx.t("col_indicator"): labels,
        ctx.t("col_opd"): [names.get(o, o) if o else ctx.t("scope_city") for o in frame["opd_code"]],
        ctx.t("col_target"): targets_,
        ctx.t("col_actual"): actuals,
        "n": ["–" if v is None or v != v else num(v, ctx.lang, 0) for v in frame["n"]],
        ctx.t("col_state"): states,
    })


def ipasn_people_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """ASN whose kompetensi score would rise with one more eligible programme, largest gain first."""
    from .formatting import fmt_number as num

    data = frame[frame["potential_gain"] > 0].sort_values(["potential_gain", "score_100"], ascending=[False, True])
    return pd.DataFrame({
        ctx.t("col_name"): data["name"],
        ctx.t("col_nip"): data["nip"],
        ctx.t("col_opd"): data["opd_name"].fillna(data["opd_code"]),
        dim_label("position_type", ctx.lang): [code_label("position_type", v, ctx.lang) for v in data["position_type"]],
        ctx.t("col_employment"): data["employment_type"],
        ctx.t("col_score"): [num(v, ctx.lang, 1) for v in data["score_100"]],
        ctx.t("col_category"): [code_label("ipasn", v, ctx.lang) for v in data["category"]],
        ctx.t("col_next"): [code_label("next_step", v, ctx.lang) for v in data["next_step"]],
        ctx.t("col_gain"): [num(v, ctx.lang, 1) for v in data["potential_gain"]],
    })


def needs_table(ctx: Context, gap: pd.DataFrame) -> pd.DataFrame:
    """The needs_gap frame for reading: topic, demand and supply with their n, gap in points."""
    from .formatting import fmt_number as num

    return pd.DataFrame({
        ctx.t("col_topic"): [code_label("topic", k, ctx.lang) for k in gap["topic"]],
        ctx.t("col_demand"): [ctx.t("suppressed", k=ctx.settings.min_respondents) if s
                              else f"{fmt_value(v, 'rate', ctx.lang)} (n = {num(n, ctx.lang, 0)})"
                              for v, n, s in zip(gap["demand_share"], gap["demand_n"], gap["suppressed"])],
        ctx.t("col_supply"): [f"{fmt_value(v, 'rate', ctx.lang)} (n = {num(n, ctx.lang, 0)})"
                              for v, n in zip(gap["supply_share"], gap["supply_n"])],
        ctx.t("col_gap_pp"): ["–" if g is None or g != g else num(g * 100, ctx.lang, 1) for g in gap["gap"]],
    })


def mapping_table(ctx: Context, fp: Any) -> pd.DataFrame:
    """A file plan's column mapping: header in the file, contract column, the alias that matched."""
    return pd.DataFrame({
        ctx.t("col_header"): [m.get("header") for m in fp.mapping],
        ctx.t("col_column"): [m.get("column") or ctx.t("ignored") for m in fp.mapping],
        ctx.t("col_alias"): [m.get("alias") or "" for m in fp.mapping],
    })


def issues_table(ctx: Context, fp: Any) -> pd.DataFrame:
    """Every problem of a file plan: row, column, value, reason (errors first, then warnings)."""
    from .messages import reason

    issues = fp.issues.sort_values(["severity", "row"], key=lambda c: c.map({"error": 0, "warning": 1})
                                   if c.name == "severity" else c)
    def cell(v: Any) -> str:
        return "–" if v is None or v != v or str(v) in ("", "None", "<NA>") else str(v)

    return pd.DataFrame({
        ctx.t("col_row"): [cell(int(r) if r == r and r is not None else None) for r in issues["row"]],
        ctx.t("col_header"): [cell(v) for v in issues["column"]],
        ctx.t("col_value"): [cell(v) for v in issues["value"]],
        ctx.t("col_reason"): [reason(c, ctx.lang, d) for c, d in zip(issues["code"], issues["detail"])],
        ctx.t("col_severity"): issues["severity"].map({"error": "ditolak" if ctx.lang != "en" else "rejected",
                                                       "warning": "peringatan" if ctx.lang != "en" else "warning"}),
    })


def preview_table(ctx: Context, fp: Any, rows: int = 10) -> pd.DataFrame:
    """The first rows as they will be stored, dates shown as dates."""
    frame = fp.preview.head(rows).copy()
    for col in frame.columns:
        if str(frame[col].dtype).startswith("datetime"):
            frame[col] = [fmt_date(v.date(), ctx.lang) if v == v and v is not None else "–" for v in frame[col]]
    return frame


def quality_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for reading: check, problems of total, share, severity, affected indicators, fix."""
    from .formatting import fmt_number as num

    en = ctx.lang == "en"
    return pd.DataFrame({
        ctx.t("col_check"): frame["label_en" if en else "label_id"],
        ctx.t("col_problem"): [num(v, ctx.lang, 0) for v in frame["problem"]],
        ctx.t("col_total"): [num(v, ctx.lang, 0) for v in frame["total"]],
        ctx.t("col_share"): [fmt_value(None if v != v else v, "rate", ctx.lang) for v in frame["share"]],
        ctx.t("col_state"): [ctx.t(f"sev_{v}") for v in frame["severity"]],
        ctx.t("col_affects"): [", ".join(METRICS[m].label(ctx.lang) for m in a if m in METRICS) for a in frame["affects"]],
        ctx.t("col_hint"): frame["hint_en" if en else "hint_id"],
    })


def response_rates_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """Per-programme survey response rates for reading and download."""
    from .formatting import fmt_number as num

    return pd.DataFrame({
        ctx.t("col_program"): frame["program_code"] + " · " + frame["title"],
        ctx.t("col_completions"): [num(v, ctx.lang, 0) for v in frame["completions"]],
        ctx.t("col_reaction_rate"): [fmt_value(None if v != v else v, "rate", ctx.lang) for v in frame["reaction_rate"]],
        ctx.t("col_application_rate"): [fmt_value(None if v != v else v, "rate", ctx.lang)
                                        for v in frame["application_rate"]],
    })
