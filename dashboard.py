"""Ringkasan Eksekutif: does the 20 JP policy work, against its targets, and where not."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import fmt_value

ctx = ui.page("overview")
ui.header(ctx)
year = ctx.filters.year
KPIS = ("jp20_rate", "jp_per_asn", "reach_rate", "completion_rate",
        "reaction_score", "application_rate", "cost_per_jp", "headcount")

current = ui.metrics(ctx)
if not current.values["headcount"]:
    ui.no_data(ctx)
    st.stop()
previous = ui.metrics(ctx, ctx.filters.with_year(year - 1), KPIS) if year - 1 in ctx.years else None
goals = ui.targets(ctx)

ui.structure_line(ctx, current)
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
    ui.chart(ctx, "trend")
with right:
    ui.chart(ctx, "area_mode")
    ratio = current.values["reach_ratio_nonurban"]
    if ratio is not None:
        st.caption(ctx.t("gap_caption", ratio=fmt_value(ratio, "ratio", ctx.lang)))

ui.chart(ctx, "opd_ranking", by=ui.ranking_level(ctx))
