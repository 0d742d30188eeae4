"""Kualitas Data: how far the figures can be trusted — every check with its count, share and fix."""

import streamlit as st

from sdm_analytics import ui

ctx = ui.page("quality")
ui.header(ctx)
year = ctx.filters.year
st.caption(ctx.t("q_intro"))

if ui.chart(ctx, "data_quality") is None:
    ui.no_data(ctx)
    st.stop()
checks = ui.table(ctx, "quality_checks")
shown = ui.quality_table(ctx, checks)
ui.show_table(ctx, shown, f"kualitas_data_{year}.csv", key="q_csv")

st.subheader(ctx.t("q_rates", year=year))
rates = ui.response_rates_table(ctx, ui.table(ctx, "program_response_rates"))
ui.show_table(ctx, rates, f"respons_survei_per_program_{year}.csv", key="q_rates_csv", height=380)
