"""Efektivitas Pelatihan: Kirkpatrick L1–L4 — do participants like it, learn, apply it, perform?"""

import streamlit as st

from sdm_analytics import charts, evaluation, tables, ui
from sdm_analytics.formatting import fmt_number, fmt_value
from sdm_analytics.i18n import dim_label

ctx = ui.page("effect")
ui.header(ctx)
year, k = ctx.filters.year, ctx.settings.min_respondents
st.caption(ctx.t("eff_intro", k=k))
ui.trust_note(ctx, ("reaction_score", "learning_gain", "normalized_gain", "application_rate", "cost_total"))

current = ui.metrics(ctx)
if not current.values["headcount"] or not current.n["completion_rate"]:
    ui.no_data(ctx)
    st.stop()
previous = ui.metrics(ctx, ctx.filters.with_year(year - 1)) if year - 1 in ctx.years else None
goals = ui.targets(ctx)
for col, metric_id in zip(st.columns(4), ("reaction_score", "normalized_gain", "application_rate",
                                          "supervisor_application_score")):
    with col:
        ui.kpi(ctx, metric_id, current, previous, goals.get(metric_id))

share, cost = evaluation.scrap_learning(current.values["application_rate"], current.values["cost_total"])
if share is not None:
    st.warning(ctx.t("eff_scrap", share=fmt_value(share, "rate", ctx.lang), cost=fmt_value(cost, "idr", ctx.lang),
                     total=fmt_value(current.values["cost_total"], "idr", ctx.lang)), icon=":material/delete:")

left, right = st.columns(2)
with left:
    aspects = ui.evaluation(ctx, "survey_summary", kind="reaction")
    if not aspects.empty:
        ui.chart(charts.bars_ci(aspects, "dimension", "score", "score", ctx.lang, ctx.t("eff_l1", year=year),
                                n_col="respondents", y_label=ctx.t("score_axis")), key="eff_l1")
with right:
    bands = ui.evaluation(ctx, "gain_bands")
    if bands["share"].notna().any():
        ui.chart(charts.bars_ci(bands.rename(columns={"share": "gain_share"}), "band", "gain_share", "rate",
                                ctx.lang, ctx.t("eff_l2", year=year), n_col="n"), key="eff_l2")

heat = ui.evaluation(ctx, "survey_summary", kind="reaction", level="item", by="opd")
if not heat.empty:
    labelled = heat.assign(item=ui.item_labels(ctx, heat))
    matrix = tables.pivot_shares(labelled, "opd", column="item", value="score")
    counts = tables.pivot_shares(labelled, "opd", column="item", value="respondents")
    ui.chart(charts.heatmap(matrix, ctx.lang, ctx.t("eff_l1_heat", year=year, k=k), unit="score",
                            row_names=ui.unit_names(ctx), n_matrix=counts), key="eff_heat")

compare = st.selectbox(ctx.t("eff_compare"), ("category", "mode", "organizer"),
                       format_func=lambda d: dim_label(d, ctx.lang), key="eff_by")
by = ui.metrics_by(ctx, compare, ids=("application_score", "supervisor_application_score", "reaction_score",
                                      "normalized_gain", "application_rate"))
ui.chart(charts.score_pairs(by, compare, ("application_score", "supervisor_application_score"), ctx.lang,
                            ctx.t("eff_l3", dim=dim_label(compare, ctx.lang), year=year)), key="eff_l3", drill=compare)
gap = evaluation.supervisor_gap(current.values)
if gap is not None:
    st.caption(ctx.t("eff_gap_sentence", sup=fmt_value(current.values["supervisor_application_score"], "score", ctx.lang),
                     self_=fmt_value(current.values["application_score"], "score", ctx.lang),
                     gap=fmt_value(gap, "score", ctx.lang)))

l4 = ui.table(ctx, "level4_by_training")
if not l4.empty:
    ui.chart(charts.grouped_long(l4, "rating", "group", "share", "rate", ctx.lang, ctx.t("eff_l4", year=year),
                                 n_col="n", y_label=ctx.t("rating_share")), key="eff_l4")
    st.caption(ctx.t("eff_l4_note"))

programs = ui.evaluation(ctx, "program_summary")
st.subheader(ctx.t("eff_programs", year=year, n=fmt_number(len(programs), ctx.lang, 0)))
shown = ui.program_table(ctx, programs)
ui.program_picker(ctx, shown, programs, key="eff_programs")
ui.download_csv(ctx, shown, f"efektivitas_program_{year}.csv", key="eff_csv")
