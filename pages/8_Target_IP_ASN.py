"""Target & IP ASN: each target against its actual, and the IP ASN competence dimension per ASN."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.engine import ipasn as ip
from sdm_analytics.engine import targets
from sdm_analytics.formatting import escape_markdown, fmt_number, fmt_value
from sdm_analytics.i18n import code_label

ctx = ui.page("target")
ui.header(ctx)
year = ctx.filters.year

ui.trust_note(ctx, ("jp20_rate", "reach_rate", "completion_rate", "application_rate", "online_share"))
progress = ui.target_progress(ctx)
if progress.empty:
    st.info(ctx.t("tg_none", year=year), icon=":material/flag:")
else:
    met, total = targets.targets_met(progress, None if ctx.scope.restricted else "")
    st.subheader(ctx.t("tg_own" if ctx.scope.restricted else "tg_city", year=year, met=met, total=total))
    ui.chart(ctx, "targets")
    shown = ui.targets_table(ctx, progress)
    ui.show_table(ctx, shown, f"target_{year}.csv", key="tg_csv")

st.subheader(ctx.t("ip_heading", year=year))
st.caption(ctx.t("ip_intro", rules=ip.RULES["version"]))
with st.expander(ctx.t("ip_how"), icon=":material/calculate:"):
    st.markdown(ctx.t("ip_rules"))
overall = ui.table(ctx, "ipasn_summary")
if overall.empty:
    ui.no_data(ctx)
    st.stop()
for col, row in zip(st.columns(len(overall)), overall.itertuples()):
    col.metric(ctx.t("ip_mean", type=escape_markdown(row.employment_type)), fmt_number(row.score, ctx.lang, 1),
               border=True)
    col.caption(f"n = {fmt_number(row.n, ctx.lang, 0)} · {code_label('component', 'technical', ctx.lang)}: "
                f"{fmt_value(row.technical_cov, 'rate', ctx.lang)}")

left, right = st.columns(2)
with left:
    ui.chart(ctx, "ipasn_components")
with right:
    ui.chart(ctx, "ipasn_trend")
ui.chart(ctx, "ipasn_opd")

people = ui.ipasn_candidates(ctx)
st.subheader(ctx.t("ip_people", n=fmt_number(len(people), ctx.lang, 0)))
ui.people_list(ctx, people, ui.ipasn_people_table, f"ip_asn_kompetensi_{year}.csv", key="ip_csv", height=380)
