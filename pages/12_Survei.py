"""Survei: programmes due for a survey, opening a campaign (its links shown once), response rates and reminders."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import fmt_date
from sdm_analytics.ui import surveys

ctx = ui.page("survey")
st.title(ctx.t("page_survey"))
st.caption(ctx.t("survey.page.intro", as_of=fmt_date(ctx.store.as_of(), ctx.lang)))

st.subheader(ctx.t("survey.page.due"))
due = surveys.due_frame(ctx)
surveys.due_section(ctx, due)

st.subheader(ctx.t("survey.page.open_heading"))
surveys.links_panel(ctx)
surveys.open_form(ctx, due)

st.subheader(ctx.t("survey.page.rates"))
surveys.status_section(ctx)
