"""Partisipasi & 20 JP: who reaches the yearly minimum, who does not, and by name."""

import streamlit as st

from sdm_analytics import charts, ui
from sdm_analytics.formatting import fmt_number, fmt_value
from sdm_analytics.filters import EMPLOYEE_DIMS, PROGRAM_DIMS
from sdm_analytics.i18n import dim_label
from sdm_analytics.metrics import METRICS

ctx = ui.page("participation")
ui.header(ctx)
year, jp_min = ctx.filters.year, ctx.settings.jp_min

ui.trust_note(ctx, ("jp20_rate", "jp_per_asn", "reach_rate"))
dist = ui.table(ctx, "jp_distribution")
total = ui.metrics(ctx, ids=("headcount",)).values["headcount"]
if not total:
    ui.no_data(ctx)
    st.stop()
ui.chart(charts.distribution(dist, ctx.lang, jp_min, title=ctx.t("dist_title", year=year, n=fmt_number(total, ctx.lang, 0))), key="dist")

left, right = st.columns(2)
dims = EMPLOYEE_DIMS + tuple(d for d in PROGRAM_DIMS if d != "program")  # a programme is a drill target
by = left.selectbox(ctx.t("breakdown_pick"), dims, format_func=lambda d: dim_label(d, ctx.lang), key="p2_by")
metric_ids = ("jp20_rate", "reach_rate", "jp_per_asn")
metric_id = right.selectbox(ctx.t("metric_pick"), metric_ids,
                            format_func=lambda m: METRICS[m].label(ctx.lang), key="p2_metric")
frame = ui.metrics_by(ctx, by, ids=(metric_id,))
title = ctx.t("by_title", metric=METRICS[metric_id].label(ctx.lang), dim=dim_label(by, ctx.lang), year=year)
if frame[metric_id].notna().any():
    if by == "opd":
        fig = charts.ranking(frame, "opd", metric_id, ui.unit_names(ctx), ctx.lang, title=title,
                             weakest=charts.weakest_count(int(frame[metric_id].notna().sum())))
    else:
        fig = charts.by_dimension(frame, by, metric_id, ctx.lang, title=title)
    ui.chart(fig, key="breakdown", drill=by)
else:
    ui.no_data(ctx)

below = ui.table(ctx, "people_below")
st.subheader(ctx.t("below_heading", min=fmt_number(jp_min, ctx.lang, 0), n=fmt_number(len(below), ctx.lang, 0)))
st.caption(ctx.t("below_caption", min=fmt_number(jp_min, ctx.lang, 0), year=year))
shown = ui.people_table(ctx, below)
st.dataframe(shown, hide_index=True, width="stretch", height=420)
ui.download_csv(ctx, shown, f"asn_di_bawah_{int(jp_min)}_jp_{year}.csv", key="below_csv")
