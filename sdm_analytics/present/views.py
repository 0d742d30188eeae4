"""Display tables: engine frames turned into what a person reads (translated headers, formatted values).

Pure pandas and formatting, no streamlit: the pages show these and offer them as CSV/XLSX.
They take a `Viewer` — who reads the table: language, settings, store (for unit names). A page passes its
`ui.Context`; a script or a test passes a `Reader`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol, Sequence

import pandas as pd

from ..engine import units
from ..engine.metrics import METRICS
from ..formatting import NA, fmt_date, fmt_number, fmt_value
from ..i18n import code_label, dim_label, pick
from ..i18n import t as translate
from ..settings import Settings, load_settings
from ..store import Store


class Viewer(Protocol):
    """Who reads a display table: the language, the settings (labels follow the JP minimum) and the store."""

    lang: str
    settings: Settings
    store: Store

    def t(self, key: str, **values: object) -> str: ...


@dataclass(frozen=True)
class Reader:
    """A Viewer outside the dashboard (a script, a test)."""

    store: Store
    lang: str = "id"
    settings: Settings = field(default_factory=load_settings)

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, **values)


@dataclass(frozen=True)
class Display:
    """A display table: the text a page shows (and the CSV holds), and the same figures as numbers with their
    units for the XLSX, where they stay numbers (an interval is split into its two ends)."""

    shown: pd.DataFrame
    values: pd.DataFrame
    units: Mapping[str, str | Sequence[str]] = field(default_factory=dict)  # column -> unit (or one per row)

    def __len__(self) -> int:
        return len(self.shown)


def _clean(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _show(value: Any, unit: str, lang: str) -> str:
    if value is None:
        return NA
    if unit == "pp":
        return fmt_number(value, lang, 1)
    if unit == "whole":
        return fmt_number(value, lang, 0)
    return fmt_value(value, unit, lang)


class _Columns:
    """Builds a Display column by column: text as it is, numbers formatted for the page and kept for the XLSX."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.shown: dict[str, list] = {}
        self.values: dict[str, list] = {}
        self.units: dict[str, str | Sequence[str]] = {}

    def text(self, header: str, values: Iterable[Any]) -> "_Columns":
        cells = [_clean(v) for v in values]
        self.shown[header] = self.values[header] = cells
        return self

    def num(self, header: str, values: Iterable[Any], unit: str | Sequence[str], scale: float = 1.0) -> "_Columns":
        """Numbers in one unit, or (a sequence) in a unit per row."""
        cells = [None if _clean(v) is None else float(_clean(v)) * scale for v in values]
        units = [unit] * len(cells) if isinstance(unit, str) else list(unit)
        self.shown[header] = [_show(v, u, self.lang) for v, u in zip(cells, units)]
        self.values[header], self.units[header] = cells, unit
        return self

    def count(self, header: str, values: Iterable[Any], withheld: Iterable[bool], hidden: str) -> "_Columns":
        """Counts (n) where a withheld one — a hidden survey figure's — reads as `hidden` ('n < 5'), an empty
        cell in the XLSX."""
        cells = [None if _clean(v) is None else float(_clean(v)) for v in values]
        self.shown[header] = [hidden if w else _show(v, "whole", self.lang) for v, w in zip(cells, withheld)]
        self.values[header], self.units[header] = [None if w else v for v, w in zip(cells, withheld)], "whole"
        return self

    def when(self, header: str, values: Iterable[Any]) -> "_Columns":
        """Timestamps: '28 November 2026 07:10' on the page, a date-time cell in the XLSX."""
        stamps = [None if _clean(v) is None else pd.Timestamp(v).to_pydatetime() for v in values]
        self.shown[header] = [NA if v is None else f"{fmt_date(v.date(), self.lang)} {v:%H:%M}" for v in stamps]
        self.values[header], self.units[header] = stamps, "datetime"
        return self

    def interval(self, header: str, lo: Iterable[Any], hi: Iterable[Any], unit: str,
                 scale: float = 1.0) -> "_Columns":
        ends = []
        for a, b in zip(lo, hi):
            a, b = _clean(a), _clean(b)
            ends.append((None, None) if a is None or b is None else (float(a) * scale, float(b) * scale))
        self.shown[header] = [NA if a is None else f"{_show(a, unit, self.lang)} … {_show(b, unit, self.lang)}"
                              for a, b in ends]
        low, high = translate("export.interval_low", self.lang), translate("export.interval_high", self.lang)
        for i, end in enumerate((low, high)):
            self.values[f"{header} ({end})"] = [pair[i] for pair in ends]
            self.units[f"{header} ({end})"] = unit
        return self

    def display(self) -> Display:
        return Display(pd.DataFrame(self.shown), pd.DataFrame(self.values), self.units)


def _person(ctx: Viewer, frame: pd.DataFrame) -> _Columns:
    """The columns every list of people starts with: name, NIP (text, never a number), OPD and unit kerja."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_name"), frame["name"])
            .text(ctx.t("col_nip"), frame["nip"])
            .text(ctx.t("col_opd"), frame["opd_name"].fillna(frame["opd_code"]))
            .text(ctx.t("col_unit"), frame["unit_name"].fillna(frame["unit_code"])))


def people_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The people below their JP minimum: who, their JP, minimum and gap first (in view on a narrow screen),
    then where they work."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_name"), frame["name"])
            .text(ctx.t("col_nip"), frame["nip"])
            .num(ctx.t("col_jp"), frame["jp"], "number")
            .num(ctx.t("col_jp_min"), frame["jp_min"], "number")
            .num(ctx.t("col_gap"), frame["gap"], "number")
            .text(ctx.t("col_opd"), frame["opd_name"].fillna(frame["opd_code"]))
            .text(ctx.t("col_unit"), frame["unit_name"].fillna(frame["unit_code"]))
            .text(ctx.t("col_position"), frame["position_name"])
            .text(ctx.t("col_employment"), frame["employment_type"])
            .text(ctx.t("col_area"), [code_label("area", a, ctx.lang) for a in frame["area"]])
            .display())


def new_staff_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """New staff of the year (not in the 20 JP rate) by employment type: how many, how many completed their
    Latsar/orientation, and their JP."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_employment"), frame["employment_type"])
            .num(ctx.t("col_new"), frame["headcount"], "whole")
            .num(ctx.t("col_initial"), frame["initial_done"], "whole")
            .num(ctx.t("col_initial_share"), frame["initial_share"], "rate")
            .num(ctx.t("col_jp_total"), frame["jp_total"], "number")
            .display())


def never_trained_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The never-trained list with translated headers and readable codes."""
    return (_person(ctx, frame)
            .text(ctx.t("col_position"), frame["position_name"])
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
    return (_Columns(ctx.lang)
            .text(ctx.t("col_group"), [names.get(k, k) if key in ("opd", "unit") else code_label(key, k, ctx.lang)
                                       for k in frame[key]])
            .num("n", frame[f"n_{metric_id}"], "whole")
            .num(ctx.t("col_value"), frame[metric_id], unit)
            .interval(ctx.t("col_ci"), frame[f"lo_{metric_id}"], frame[f"hi_{metric_id}"], unit)
            .num(ctx.t("col_gap_pp"), frame[f"gap_{metric_id}"], "pp", scale=100)
            .interval(ctx.t("col_gap_ci"), frame[f"gap_lo_{metric_id}"], frame[f"gap_hi_{metric_id}"], "pp", scale=100)
            .text(ctx.t("col_verdict"), verdicts)
            .display())


def program_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The per-program summary for reading and download."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_program"), frame["program_code"] + " · " + frame["title"])
            .text(dim_label("category", ctx.lang), [code_label("category", c, ctx.lang) for c in frame["category"]])
            .text(dim_label("mode", ctx.lang), [code_label("mode", c, ctx.lang) for c in frame["mode"]])
            .num("JP", frame["jp"], "whole")
            .num(ctx.t("col_participants"), frame["participants"], "whole")
            .num(ctx.t("col_completion"), frame["completion_rate"], "rate")
            .num(ctx.t("col_ngain"), frame["normalized_gain"], "gain")
            .num(ctx.t("col_reaction"), frame["reaction_score"], "score")
            .num(ctx.t("col_application"), frame["application_score"], "score")
            .num(ctx.t("col_supervisor"), frame["supervisor_score"], "score")
            .num(ctx.t("col_cost"), frame["cost_total"], "idr")
            .num(ctx.t("col_scrap_cost"), frame["scrap_cost"], "idr")
            .display())


def participants_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """A programme's participants for reading and download."""
    return (_person(ctx, frame)
            .text(ctx.t("col_status"), [code_label("status", v, ctx.lang) for v in frame["status"]])
            .num(ctx.t("col_attendance"), frame["attendance_pct"], "whole")
            .num("Pre-test", frame["pre_test"], "whole")
            .num("Post-test", frame["post_test"], "whole")
            .num("JP", frame["jp"], "number")
            .display())


def targets_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """target_progress for reading: indicator, OPD, target, actual, n, status (each row in its indicator's unit)."""
    names = units.unit_names(ctx.store)
    kinds = [METRICS[i].unit if i in METRICS else "number" for i in frame["indicator"]]
    withheld = [i in METRICS and _clean(n) is None for i, n in zip(frame["indicator"], frame["n"])]  # hidden
    return (_Columns(ctx.lang)
            .text(ctx.t("col_indicator"), [METRICS[i].label(ctx.lang, ctx.settings) if i in METRICS else i
                                           for i in frame["indicator"]])
            .text(ctx.t("col_opd"), [names.get(o, o) if o else ctx.t("scope_city") for o in frame["opd_code"]])
            .num(ctx.t("col_target"), frame["target"], kinds)
            .num(ctx.t("col_actual"), frame["actual"], kinds)
            .count("n", frame["n"], withheld, f"n < {ctx.settings.min_respondents}")
            .text(ctx.t("col_state"), ["–" if _clean(m) is None else (ctx.t("target_met") if m else ctx.t("target_missed"))
                                       for m in frame["met"]])
            .display())


def ipasn_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """The ipasn_scores rows of ASN whose kompetensi points would rise with one more eligible programme, largest
    gain first (then the lowest score)."""
    return frame[frame["potential_gain"] > 0].sort_values(["potential_gain", "score"], ascending=[False, True])


def ipasn_people_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """ASN whose kompetensi points would rise with one more eligible programme, largest gain first."""
    data = ipasn_candidates(frame)
    return (_person(ctx, data)
            .text(dim_label("position_type", ctx.lang),
                  [code_label("position_type", v, ctx.lang) for v in data["position_type"]])
            .text(ctx.t("col_employment"), data["employment_type"])
            .num(ctx.t("col_score"), data["score"], "number")
            .text(ctx.t("col_next"), [code_label("next_step", v, ctx.lang) for v in data["next_step"]])
            .num(ctx.t("col_gain"), data["potential_gain"], "number")
            .display())


def needs_table(ctx: Viewer, gap: pd.DataFrame) -> Display:
    """The needs_gap frame for reading: topic, demand and supply with their n, gap in points."""
    cols = _Columns(ctx.lang).text(ctx.t("col_topic"), [code_label("topic", k, ctx.lang) for k in gap["topic"]])
    hidden = ctx.t("suppressed", k=ctx.settings.min_respondents)
    for header, share, n, mask, what in ((ctx.t("col_demand"), "demand_share", "demand_n", gap["suppressed"], "n"),
                                         (ctx.t("col_supply"), "supply_share", "supply_jp", [False] * len(gap), "JP")):
        shares = [None if s else _clean(v) for v, s in zip(gap[share], mask)]
        counts = [None if s else _clean(v) for v, s in zip(gap[n], mask)]
        cols.shown[header] = [hidden if s else f"{fmt_value(v, 'rate', ctx.lang)} ({what} = {fmt_number(c, ctx.lang, 0)})"
                              for v, c, s in zip(shares, counts, mask)]
        cols.values[header], cols.units[header] = shares, "rate"
        cols.values[f"{header} ({what})"], cols.units[f"{header} ({what})"] = counts, "whole"
    return cols.num(ctx.t("col_gap_pp"), gap["gap"], "pp", scale=100).display()


def history_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The import log for reading: when, file, kind of data, and what happened to its rows."""
    from ..ingest.messages import label

    cols = (_Columns(ctx.lang)
            .when(ctx.t("col_when"), frame["imported_at"])
            .text(ctx.t("col_file"), frame["file_name"])
            .text(ctx.t("col_kind"), [label(k, ctx.lang) for k in frame["kind"]]))
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
    return (_Columns(ctx.lang)
            .text(ctx.t("login_user"), frame["username"])
            .text(ctx.t("col_name"), frame["name"])
            .text(ctx.t("acc_role"), [ctx.t(f"role_{r}") for r in frame["role"]])
            .text(ctx.t("acc_opds"), [", ".join(names.get(o, o) for o in opds) if len(opds) else ctx.t("acc_all_opds")
                                      for opds in frame["opds"]])
            .text(ctx.t("col_state"), states)
            .when(ctx.t("acc_last_login"), frame["last_login"])
            .display())


def auth_log_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The account log for an admin: when, what, whose account, by whom, detail."""
    return (_Columns(ctx.lang)
            .when(ctx.t("col_when"), frame["logged_at"])
            .text(ctx.t("acc_event"), [ctx.t(f"acc_ev_{e}") for e in frame["event"]])
            .text(ctx.t("login_user"), frame["username"])
            .text(ctx.t("col_by"), [v or "–" for v in frame["actor"]])
            .text(ctx.t("acc_detail"), frame["detail"])
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
    """The first rows as they will be stored, dates shown as dates."""
    frame = fp.preview.head(rows).copy()
    for col in frame.columns:
        if str(frame[col].dtype).startswith("datetime"):
            frame[col] = [fmt_date(v.date(), ctx.lang) if v == v and v is not None else "–" for v in frame[col]]
    return frame


def quality_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """The scorecard for reading: check, problems of total, share, severity, affected indicators, fix."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_check"), frame[pick(("label_id", "label_en"), ctx.lang)])
            .num(ctx.t("col_problem"), frame["problem"], "whole")
            .num(ctx.t("col_total"), frame["total"], "whole")
            .num(ctx.t("col_share"), frame["share"], "rate")
            .text(ctx.t("col_state"), [ctx.t(f"sev_{v}") for v in frame["severity"]])
            .text(ctx.t("col_affects"), [", ".join(METRICS[m].label(ctx.lang, ctx.settings) for m in a if m in METRICS)
                                         for a in frame["affects"]])
            .text(ctx.t("col_hint"), frame[pick(("hint_id", "hint_en"), ctx.lang)])
            .display())


def response_rates_table(ctx: Viewer, frame: pd.DataFrame) -> Display:
    """Per-programme survey response rates for reading and download."""
    return (_Columns(ctx.lang)
            .text(ctx.t("col_program"), frame["program_code"] + " · " + frame["title"])
            .num(ctx.t("col_completions"), frame["completions"], "whole")
            .num(ctx.t("col_reaction_rate"), frame["reaction_rate"], "rate")
            .num(ctx.t("col_application_rate"), frame["application_rate"], "rate")
            .display())
