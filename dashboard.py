"""Ringkasan Eksekutif: does the 20 JP policy work, against its targets, and where not."""

import streamlit as st

from sdm_analytics import charts, ui
from sdm_analytics.formatting import fmt_number, fmt_value

ctx = ui.page("overview")
ui.header(ctx)
year = ctx.filters.year
KPIS = ("jp20_rate", "jp_per_asn", "reach_rate", "completion_rate",
        "reaction_score", "application_rate", "cost_per_jp", "headcount")

current = ui.metrics(ctx)
if not current.values["headcount"]:
    ui.no_data(ctx)
    st.stop()
previous = ui.metrics(ctx, ctx.filters.with_year(year - 1)) if year - 1 in ctx.years else None
goals = ui.targets(ctx)

ui.findings_panel(ctx)
ui.deck_button(ctx)
ui.trust_note(ctx, KPIS)
st.subheader(ctx.t("kpi_heading", year=year))
for row in (KPIS[:4], KPIS[4:]):
    for col, metric_id in zip(st.columns(4), row):
        with col:
            ui.kpi(ctx, metric_id, current, previous, goals.get(metric_id))

left, right = st.columns(2)
with left:
    trend = ui.metrics_by(ctx, "year", ids=("jp20_rate", "reach_rate"))
    ui.chart(charts.trend(trend, ("jp20_rate", "reach_rate"), ctx.lang, goals, ui.method_notes(ctx, "jp20_rate")),
             key="trend", drill="year")
with right:
    by_mode = {mode: ui.metrics_by(ctx, "area", ids=("reach_rate",), filters=ctx.filters.with_value("mode", [mode]))
               for mode in ("luring", "daring")}
    by_mode = {mode: frame for mode, frame in by_mode.items() if not frame.empty}
    overall = ui.metrics_by(ctx, "area", ids=("reach_rate",))
    frames = {"all": overall, **by_mode}
    labels = {"all": ctx.t("all")}
    fig = charts.grouped(frames, "area", "reach_rate", ctx.lang, title=ctx.t("area_mode_title", year=year),
                         series_labels=labels)
    ui.chart(fig, key="area", drill="area")
    ratio = current.values["reach_ratio_nonurban"]
    if ratio is not None:
        st.caption(ctx.t("gap_caption", ratio=fmt_value(ratio, "ratio", ctx.lang)))

ranking = ui.metrics_by(ctx, "opd", ids=("jp20_rate",))
if ranking["jp20_rate"].notna().any():
    weak = charts.weakest_count(int(ranking["jp20_rate"].notna().sum()))
    title = ctx.t("opd_rank_title" if weak else "opd_rank_title_plain", year=year, k=weak)
    fig = charts.ranking(ranking, "opd", "jp20_rate", ui.unit_names(ctx), ctx.lang, weakest=weak,
                         target=goals.get("jp20_rate"), title=title)
    ui.chart(fig, key="ranking", drill="opd")
