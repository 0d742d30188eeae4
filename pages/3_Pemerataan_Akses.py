"""Pemerataan Akses: is training reaching every group, the outskirts as much as the centre?"""

import streamlit as st

from sdm_analytics import charts, stats, ui
from sdm_analytics.formatting import fmt_value
from sdm_analytics.i18n import code_label, dim_label
from sdm_analytics.metrics import METRICS

ctx = ui.page("equity")
ui.header(ctx)
year, min_n = ctx.filters.year, ctx.settings.min_group
DIMS = ("area", "kecamatan", "gender", "employment_type", "rank_group", "position_type", "education", "age_band")
RATES = ("reach_rate", "jp20_rate")
st.caption(ctx.t("eq_intro", k=min_n))
ui.trust_note(ctx, ("reach_rate", "jp20_rate", "reach_ratio_nonurban"))

left, right = st.columns(2)
dim = left.selectbox(ctx.t("breakdown_pick"), DIMS, format_func=lambda d: dim_label(d, ctx.lang), key="eq_dim")
metric_id = right.selectbox(ctx.t("metric_pick"), RATES, format_func=lambda m: METRICS[m].label(ctx.lang),
                            key="eq_metric")
frame = ui.metrics_by(ctx, dim, ids=(metric_id, "jp_per_asn"))
frame = frame[frame[f"n_{metric_id}"] > 0]
if frame.empty or frame[metric_id].isna().all():
    ui.no_data(ctx)
    st.stop()
frame = stats.with_ci(frame, metric_id, min_n=min_n)
title = ctx.t("eq_chart", metric=METRICS[metric_id].label(ctx.lang), dim=dim_label(dim, ctx.lang), year=year)
ui.chart(charts.bars_ci(frame, dim, metric_id, "rate", ctx.lang, title, y_label=METRICS[metric_id].label(ctx.lang)),
         key="eq_bars", drill=dim)

reference = stats.reference_group(frame, dim, metric_id)
st.subheader(ctx.t("eq_gap_heading", ref=code_label(dim, reference, ctx.lang)))
gap_frame = stats.gaps(frame, dim, metric_id, reference)
shown = ui.gap_table(ctx, gap_frame, dim, metric_id)
st.dataframe(shown, hide_index=True, width="stretch")
ui.download_csv(ctx, shown, f"pemerataan_{dim}_{metric_id}_{year}.csv", key="eq_csv")

st.subheader(ctx.t("eq_online_heading"))
by_mode = {mode: ui.metrics_by(ctx, "area", ids=("reach_rate",), filters=ctx.filters.with_value("mode", [mode]))
           for mode in ("luring", "daring")}
ui.chart(charts.grouped(by_mode, "area", "reach_rate", ctx.lang, title=ctx.t("area_mode_title", year=year)),
         key="eq_modes", drill="area")
ratios = {mode: ui.metrics(ctx, ctx.filters.with_value("mode", [mode]), ids=("reach_ratio_nonurban",))
          for mode in ("luring", "daring")}
st.markdown(ctx.t("eq_online_sentence", **{m: fmt_value(r.values["reach_ratio_nonurban"], "ratio", ctx.lang)
                                           for m, r in ratios.items()}))
