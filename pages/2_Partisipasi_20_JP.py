"""Partisipasi & 20 JP: who reaches the yearly minimum, who does not, and by name; new staff apart."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import fmt_number, fmt_value
from sdm_analytics.present import catalog

ctx = ui.page("participation")
ui.header(ctx)
year, jp_text = ctx.filters.year, ctx.settings.jp_min_text(ctx.lang)

ui.trust_note(ctx, ("jp20_rate", "jp_per_asn", "reach_rate"))
if ui.chart(ctx, "jp_distribution") is None:
    ui.no_data(ctx)
    st.stop()



@st.fragment  # a different breakdown redraws this chart alone
def breakdown() -> None:
    by, metric_id = ui.breakdown_pick(ctx, catalog.BREAKDOWN_DIMS, catalog.BREAKDOWN_METRICS, key="p2")
    ui.chart(ctx, "breakdown", by=by, metric=metric_id, empty_note=True)


breakdown()

zero = ui.table(ctx, "zero_jp").iloc[0]
st.caption(ctx.t("zero_jp_line", year=year, n=fmt_number(zero["zero_jp"], ctx.lang, 0),
                 full=fmt_number(zero["n_full"], ctx.lang, 0), share=fmt_value(zero["share"], "rate", ctx.lang)))

below = ui.table(ctx, "people_below")
st.subheader(ctx.t("below_heading", min=ctx.settings.jp_min_short(ctx.lang), n=fmt_number(len(below), ctx.lang, 0)))
st.caption(ctx.t("below_caption", min=jp_text, year=year))
ui.people_list(ctx, below, ui.people_table, f"asn_di_bawah_minimal_jp_{year}.csv", key="below_csv", height=420)

new = ui.table(ctx, "new_staff")
if len(new):
    st.subheader(ctx.t("new_staff_heading", year=year, jp=ctx.settings.jp_min_short(ctx.lang)))
    st.caption(ctx.t("new_staff_caption"))
    ui.show_table(ctx, ui.new_staff_table(ctx, new), f"asn_baru_{year}.csv", key="new_csv")
