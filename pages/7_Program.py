"""Program: one programme from participants to alumni — completion, tests, reaction, application, comments."""

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.formatting import escape_markdown, fmt_date, fmt_number, fmt_short
from sdm_analytics.i18n import code_label

ctx = ui.page("program")
ui.header(ctx)
year, k = ctx.filters.year, ctx.settings.min_respondents

programs = ui.table(ctx, "program_summary")
if programs.empty:
    ui.no_data(ctx)
    st.stop()
code = ui.program_choice(ctx, programs)
row = programs.set_index("program_code").loc[code]
st.subheader(escape_markdown(row["title"]))  # title, codes and organizer come from the data: shown as typed
st.caption(ctx.t("prog_info", category=escape_markdown(code_label("category", row["category"], ctx.lang)),
                 mode=escape_markdown(code_label("mode", row["mode"], ctx.lang)),
                 organizer=escape_markdown(row["organizer"]),
                 jp=fmt_number(row["jp"], ctx.lang, 0), start=fmt_date(row["start_date"].date(), ctx.lang),
                 end=fmt_date(row["end_date"].date(), ctx.lang), cost=fmt_short(row["cost_per_participant"], "idr", ctx.lang)))

only = ctx.filters.with_value("program", [code])
result = ui.metrics(ctx, only)
cols = st.columns(5)
cols[0].metric(ctx.t("prog_participants"), fmt_number(row["participants"], ctx.lang, 0), border=True)
for col, metric_id in zip(cols[1:], ("completion_rate", "normalized_gain", "reaction_score", "application_rate")):
    with col:
        ui.kpi(ctx, metric_id, result, None)

people = ui.table(ctx, "participants", filters=only)
left, right = st.columns(2)
with left:
    if ui.chart(ctx, "program_tests", filters=only) is None:  # a half page left blank reads as a fault
        st.info(ctx.t("prog_no_tests"), icon=":material/quiz:")
with right:
    ui.chart(ctx, "reaction_aspects", filters=only)
ui.chart(ctx, "program_application", filters=only)

st.subheader(ctx.t("prog_list", n=fmt_number(len(people), ctx.lang, 0)))
ui.people_list(ctx, people, ui.participants_table, f"peserta_{code}.csv", key="p7_csv", height=360)

notes, hidden = ui.comments(ctx, only)
st.subheader(ctx.t("prog_comments", n=fmt_number(len(notes), ctx.lang, 0)))
if hidden:
    st.info(ctx.t("prog_comments_hidden", k=k), icon=":material/visibility_off:")
elif notes.empty:
    st.caption(ctx.t("prog_no_comments"))
else:
    for text in notes["answer_text"].head(30):  # what respondents wrote: shown as text, never as Markdown
        st.text(f"“{text}”")
