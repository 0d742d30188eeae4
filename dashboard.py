"""Ringkasan Eksekutif: does the 20 JP policy work, against its targets, and where not — one screen.

Above the fold at 1440 × 900: the headline indicators against their targets, the key findings, the trend and
the three weakest and three strongest OPDs; below it, every OPD a click away, reach by area and mode, the
data trust notes.
"""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import fmt_value

ctx = ui.page("overview")
ui.compact()
title, actions = st.columns([4, 1], vertical_alignment="center")
year = ctx.filters.year
with title:
    ui.header(ctx, ctx.t("kpi_arrows", prev=year - 1))
KPIS = ("jp20_rate", "jp_per_asn", "reach_rate", "completion_rate",
        "reaction_score", "application_rate", "cost_per_jp", "headcount")

current = ui.metrics(ctx)
if not current.values["headcount"]:
    ui.no_data(ctx)
    st.stop()
with actions:
    ui.deck_button(ctx, compact=True)
previous = ui.metrics(ctx, ctx.filters.with_year(year - 1), KPIS) if year - 1 in ctx.years else None
goals = ui.targets(ctx)

cards, found = st.columns([2.45, 1.1])
with cards:
    for row in (KPIS[:4], KPIS[4:]):
        for col, metric_id in zip(st.columns(4, gap="small"), row):
            with col:
                ui.kpi(ctx, metric_id, current, previous, goals.get(metric_id), compact=True)
with found:
    ui.findings_panel(ctx, k=3, small=True, rest=False)

left, right = st.columns(2)
with left:
    ui.chart(ctx, "trend")
with right:
    ui.chart(ctx, "opd_ranking", key="opd_ends", by=ui.ranking_level(ctx), show="ends")

ui.findings_rest(ctx, 3)
ui.structure_line(ctx, current)
ui.trust_note(ctx, KPIS)
ui.chart(ctx, "area_mode")
ratio = current.values["reach_ratio_nonurban"]
if ratio is not None:
    st.caption(ctx.t("gap_caption", ratio=fmt_value(ratio, "ratio", ctx.lang)))
