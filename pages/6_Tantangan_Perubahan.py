"""Tantangan & Perubahan: who is never trained, who drops out, and how ready for change they are."""

import streamlit as st

from sdm_analytics import charts, stats, ui
from sdm_analytics.formatting import fmt_number, fmt_value
from sdm_analytics.i18n import dim_label

ctx = ui.page("change")
ui.header(ctx)
year, min_n = ctx.filters.year, ctx.settings.min_group
SEGMENTS = ("age_band", "rank_group", "position_type", "area", "employment_type", "gender", "opd")

ui.trust_note(ctx, ("reach_rate", "dropout_rate", "readiness_score"))
overall = ui.table(ctx, "never_trained_by")
if overall.empty or not overall["headcount"].iloc[0]:
    ui.no_data(ctx)
    st.stop()
row = overall.iloc[0]
st.info(ctx.t("change_intro", prev=year - 1, year=year, n=fmt_number(row["never_n"], ctx.lang, 0),
              share=fmt_value(row["share"], "rate", ctx.lang), total=fmt_number(row["headcount"], ctx.lang, 0)),
        icon=":material/groups:")

seg = st.selectbox(ctx.t("segment_pick"), SEGMENTS, format_func=lambda d: dim_label(d, ctx.lang), key="ch_seg")
label = dim_label(seg, ctx.lang)
names = ui.unit_names(ctx)
never = stats.with_ci(ui.table(ctx, "never_trained_by", by=seg), "share", min_n=min_n, n_col="headcount")
ui.chart(charts.bars_ci(never, seg, "share", "rate", ctx.lang, ctx.t("change_never_chart", prev=year - 1, year=year,
                                                                      dim=label),
                        names=names, n_col="headcount"), key="ch_never", drill=seg)

left, right = st.columns(2)
with left:
    drop = stats.with_ci(ui.metrics_by(ctx, seg, ids=("dropout_rate",)), "dropout_rate", min_n=min_n)
    ui.chart(charts.bars_ci(drop, seg, "dropout_rate", "rate", ctx.lang,
                            ctx.t("change_dropout_chart", dim=label, year=year), names=names), key="ch_drop",
                 drill=seg)
with right:
    ready = ui.metrics_by(ctx, seg, ids=("readiness_score",))
    ui.chart(charts.bars_ci(ready, seg, "readiness_score", "score", ctx.lang,
                            ctx.t("change_ready_chart", dim=label, year=year), names=names), key="ch_ready",
                 drill=seg)

part = ui.table(ctx, "readiness_by_participation")
if not part.empty:
    ui.chart(charts.bars_ci(part, "group", "readiness_score", "score", ctx.lang,
                            ctx.t("change_ready_part", year=year), n_col="respondents"), key="ch_ready_part")
    st.caption(ctx.t("change_ready_note"))

people = ui.table(ctx, "never_trained")
st.subheader(ctx.t("change_list", n=fmt_number(len(people), ctx.lang, 0)))
shown = ui.never_trained_table(ctx, people)
st.dataframe(shown, hide_index=True, width="stretch", height=380)
ui.download_csv(ctx, shown, f"asn_belum_pernah_dilatih_{year - 1}_{year}.csv", key="ch_csv")
