"""Kebutuhan Pelatihan: what ASN ask for against what they get, and how they want to learn."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.engine import insights
from sdm_analytics.formatting import escape_markdown, fmt_number

ctx = ui.page("needs")
ui.header(ctx)
year = ctx.filters.year

gap = ui.table(ctx, "needs_gap")
if gap.empty:
    ui.no_data(ctx)
    st.stop()
suppressed = bool(gap["suppressed"].any())
respondents = ctx.t("suppressed", k=ctx.settings.min_respondents) if suppressed else \
    fmt_number(gap["n_respondents"].iloc[0], ctx.lang, 0)
st.caption(ctx.t("needs_intro", year=year, resp=respondents, done=fmt_number(gap["supply_jp_total"].iloc[0], ctx.lang, 0)))
# the sentence names topics as the data codes them: shown as typed
st.info(escape_markdown(insights.underserved_topics(gap, ctx.lang)), icon=":material/lightbulb:")
ui.chart(ctx, "needs_gap")
shown = ui.needs_table(ctx, gap)
ui.show_table(ctx, shown, f"kebutuhan_vs_penawaran_{year}.csv", key="needs_csv")

ui.chart(ctx, "needs_mode")
ui.chart(ctx, "needs_heatmap")
