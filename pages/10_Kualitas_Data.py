"""Kualitas Data: how far the figures can be trusted — every check with its count, share and fix."""

import streamlit as st

from sdm_analytics import charts, ui

ctx = ui.page("quality")
ui.header(ctx)
year = ctx.filters.year
st.caption(ctx.t("q_intro"))

checks = ui.quality_checks(ctx)
if checks.empty or not checks["total"].any():
    ui.no_data(ctx)
    st.stop()
ui.chart(charts.quality_bars(checks, ctx.lang, ctx.t("q_chart", year=year)), key="q_bars")
shown = ui.quality_table(ctx, checks)
st.dataframe(shown, hide_index=True, width="stretch")
ui.download_csv(ctx, shown, f"kualitas_data_{year}.csv", key="q_csv")

st.subheader(ctx.t("q_rates", year=year))
rates = ui.response_rates_table(ctx, ui.quality_checks(ctx, "program_response_rates"))
st.dataframe(rates, hide_index=True, width="stretch", height=380)
ui.download_csv(ctx, rates, f"respons_survei_per_program_{year}.csv", key="q_rates_csv")
