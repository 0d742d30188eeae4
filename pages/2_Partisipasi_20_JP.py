"""Partisipasi & 20 JP: who reaches the yearly minimum, who does not, and by name."""

import streamlit as st

from sdm_analytics import catalog, ui
from sdm_analytics.formatting import fmt_number
from sdm_analytics.i18n import dim_label
from sdm_analytics.metrics import METRICS

ctx = ui.page("participation")
ui.header(ctx)
year, jp_min = ctx.filters.year, ctx.settings.jp_min

ui.trust_note(ctx, ("jp20_rate", "jp_per_asn", "reach_rate"))
if ui.chart(ctx, "jp_distribution") is None:
    ui.no_data(ctx)
    st.stop()

left, right = st.columns(2)
by = left.selectbox(ctx.t("breakdown_pick"), catalog.BREAKDOWN_DIMS, format_func=lambda d: dim_label(d, ctx.lang),
                    key="p2_by")
metric_id = right.selectbox(ctx.t("metric_pick"), catalog.BREAKDOWN_METRICS,
                            format_func=lambda m: METRICS[m].label(ctx.lang), key="p2_metric")
ui.chart(ctx, "breakdown", by=by, metric=metric_id, empty_note=True)

below = ui.table(ctx, "people_below")
st.subheader(ctx.t("below_heading", min=fmt_number(jp_min, ctx.lang, 0), n=fmt_number(len(below), ctx.lang, 0)))
st.caption(ctx.t("below_caption", min=fmt_number(jp_min, ctx.lang, 0), year=year))
shown = ui.people_table(ctx, below)
ui.people_list(ctx, shown, f"asn_di_bawah_{int(jp_min)}_jp_{year}.csv", key="below_csv", height=420)
