"""Efektivitas Pelatihan: Kirkpatrick L1–L4 — do participants like it, learn, apply it, perform?"""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.engine import evaluation
from sdm_analytics.formatting import fmt_number, fmt_short, fmt_value
from sdm_analytics.i18n import dim_label
from sdm_analytics.present import catalog

ctx = ui.page("effect")
ui.header(ctx)
year, k = ctx.filters.year, ctx.settings.min_respondents
st.caption(ctx.t("eff_intro", k=k))
ui.trust_note(ctx, ("reaction_score", "learning_gain", "normalized_gain", "application_rate", "cost_total"))

current = ui.metrics(ctx)
if not current.values["headcount"] or not current.n["completion_rate"]:
    ui.no_data(ctx)
    st.stop()
KPIS = ("reaction_score", "normalized_gain", "application_rate", "supervisor_application_score")
previous = ui.metrics(ctx, ctx.filters.with_year(year - 1), KPIS) if year - 1 in ctx.years else None
goals = ui.targets(ctx)
for col, metric_id in zip(st.columns(4), KPIS):
    with col:
        ui.kpi(ctx, metric_id, current, previous, goals.get(metric_id))

scrap = ui.table(ctx, "scrap_estimate").iloc[0]
if scrap["estimate"] == scrap["estimate"] and scrap["estimate"] is not None:
    st.info(ctx.t("eff_scrap", share=fmt_value(scrap["share"], "rate", ctx.lang), n=fmt_number(scrap["n"], ctx.lang, 0),
                  basis=fmt_short(scrap["cost_basis"], "idr", ctx.lang), cost=fmt_short(scrap["estimate"], "idr", ctx.lang)),
            icon=":material/calculate:")

left, right = st.columns(2)
with left:
    ui.chart(ctx, "reaction_aspects")
with right:
    ui.chart(ctx, "gain_bands")
ui.chart(ctx, "reaction_heatmap")



@st.fragment  # another comparison redraws this chart alone
def application() -> None:
    compare = st.selectbox(ctx.t("eff_compare"), catalog.COMPARE_DIMS, format_func=lambda d: dim_label(d, ctx.lang),
                           key="eff_by")
    ui.chart(ctx, "application", by=compare)


application()
ui.chart(ctx, "application_drivers")
gap = evaluation.supervisor_gap(current.values)
if gap is not None:
    st.caption(ctx.t("eff_gap_sentence", sup=fmt_value(current.values["supervisor_application_score"], "score", ctx.lang),
                     self_=fmt_value(current.values["application_score"], "score", ctx.lang),
                     gap=fmt_value(gap, "score", ctx.lang)))

if ui.chart(ctx, "level4") is not None:
    st.caption(ctx.t("eff_l4_note"))

programs = ui.table(ctx, "program_summary")
st.subheader(ctx.t("eff_programs", year=year, n=fmt_number(len(programs), ctx.lang, 0)))
ui.program_picker(ctx, programs, f"efektivitas_program_{year}.csv", key="eff_programs")
