"""Pemerataan Akses: is training reaching every group, the outskirts as much as the centre?"""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.engine import stats
from sdm_analytics.formatting import escape_markdown, fmt_value
from sdm_analytics.i18n import code_label
from sdm_analytics.present import catalog

ctx = ui.page("equity")
ui.header(ctx)
year, min_n = ctx.filters.year, ctx.settings.min_group
st.caption(ctx.t("eq_intro", k=min_n))
ui.trust_note(ctx, ("reach_rate", "jp20_rate", "reach_ratio_nonurban"))
if not ui.metrics(ctx).values["headcount"]:
    ui.no_data(ctx)
    st.stop()



@st.fragment  # another dimension or metric redraws the chart and its gap table alone
def equity() -> None:
    dim, metric_id = ui.breakdown_pick(ctx, catalog.EQUITY_DIMS, catalog.EQUITY_METRICS, key="eq")
    if ui.chart(ctx, "equity", by=dim, metric=metric_id) is None:
        ui.no_data(ctx)
        return
    frame = catalog.equity_frame(ui.CachedSource(ctx), dim, metric_id)
    reference = stats.reference_group(frame, dim, metric_id)
    # the reference group is a value of the data (a kecamatan, an education level): shown as typed
    st.subheader(ctx.t("eq_gap_heading", ref=escape_markdown(code_label(dim, reference, ctx.lang))))
    gap_frame = stats.gaps(frame, dim, metric_id, reference)
    shown = ui.gap_table(ctx, gap_frame, dim, metric_id)
    ui.show_table(ctx, shown, f"pemerataan_{dim}_{metric_id}_{year}.csv", key="eq_csv")


equity()

st.subheader(ctx.t("eq_online_heading"))
ui.chart(ctx, "area_mode")
ratios = {mode: ui.metrics(ctx, ctx.filters.with_value("mode", [mode]), ids=("reach_ratio_nonurban",))
          for mode in ("luring", "daring")}
st.markdown(ctx.t("eq_online_sentence", **{m: fmt_value(r.values["reach_ratio_nonurban"], "ratio", ctx.lang)
                                           for m, r in ratios.items()}))
