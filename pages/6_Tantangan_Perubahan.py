"""Tantangan & Perubahan: who is never trained, who drops out, and how ready for change they are."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import fmt_number, fmt_value
from sdm_analytics.i18n import dim_label
from sdm_analytics.present import catalog

ctx = ui.page("change")
ui.header(ctx)
year = ctx.filters.year

ui.trust_note(ctx, ("reach_rate", "dropout_rate", "readiness_score"))
overall = ui.table(ctx, "never_trained_by")
if overall.empty or not overall["headcount"].iloc[0]:
    ui.no_data(ctx)
    st.stop()
row = overall.iloc[0]
st.info(ctx.t("change_intro", prev=year - 1, year=year, n=fmt_number(row["never_n"], ctx.lang, 0),
              share=fmt_value(row["share"], "rate", ctx.lang), total=fmt_number(row["headcount"], ctx.lang, 0)),
        icon=":material/groups:")



@st.fragment  # another segment redraws its three charts alone
def segments() -> None:
    seg = st.selectbox(ctx.t("segment_pick"), catalog.SEGMENTS, format_func=lambda d: dim_label(d, ctx.lang),
                       key="ch_seg")
    ui.chart(ctx, "never_trained", by=seg)
    left, right = st.columns(2)
    with left:
        ui.chart(ctx, "dropout", by=seg)
    with right:
        ui.chart(ctx, "readiness", by=seg)


segments()

if ui.chart(ctx, "readiness_participation") is not None:
    st.caption(ctx.t("change_ready_note"))

people = ui.table(ctx, "never_trained")
st.subheader(ctx.t("change_list", n=fmt_number(len(people), ctx.lang, 0)))
ui.people_list(ctx, people, ui.never_trained_table, f"asn_belum_pernah_dilatih_{year - 1}_{year}.csv", key="ch_csv",
               height=380)
