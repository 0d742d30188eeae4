"""Data: import files (checked before anything is written), templates, history and backup."""

import functools

import streamlit as st

from sdm_analytics import ui
from sdm_analytics.contract import KIND_ORDER
from sdm_analytics.formatting import escape_markdown
from sdm_analytics.ingest import report
from sdm_analytics.ingest.messages import label

ctx = ui.page("data")
st.title(ctx.t("page_data"))
st.caption(ctx.t("data_intro"))

TYPES = ("csv", "xlsx", "json")
files = st.file_uploader(ctx.t("data_upload"), type=list(TYPES), accept_multiple_files=True, key="data_files")
st.caption(ui.upload_hint(ctx, TYPES))
kind = st.selectbox(ctx.t("data_kind"), ["", *KIND_ORDER], key="data_kind",
                    format_func=lambda k: ctx.t("data_auto") if not k else label(k, ctx.lang))
if files:
    plan = ui.import_plan(ctx, [(f.name, f.getvalue()) for f in files], kind or None)
    for n, fp in enumerate(plan.files):
        with st.expander(escape_markdown(fp.name), expanded=True):  # file names, like what quotes them, are data
            if fp.fatal:
                st.error(escape_markdown(fp.fatal_message(ctx.lang)), icon=":material/block:")
                continue
            st.markdown(escape_markdown(report.report_lines(fp, ctx.lang)[0]))
            st.caption(ctx.t("data_counts", rows=fp.rows, valid=fp.valid, rejected=fp.rejected,
                             **{k: fp.estimate.get(k, 0) for k in ("added", "updated", "unchanged")}))
            if fp.written_on:  # a history file: what its certificates become
                st.caption(ctx.t("data_history_plan", **fp.written_on))
            left, right = st.columns([1, 2])
            left.markdown(f"**{ctx.t('data_mapping')}**")
            left.dataframe(ui.mapping_table(ctx, fp), hide_index=True, width="stretch")
            right.markdown(f"**{ctx.t('data_preview')}**")
            right.dataframe(ui.preview_table(ctx, fp), hide_index=True, width="stretch")
            if len(fp.issues):
                st.markdown(f"**{ctx.t('data_issues')}**")
                st.dataframe(ui.issues_table(ctx, fp), hide_index=True, width="stretch", height=260)
            if more := report.more_rejected(fp, ctx.lang):  # the first rows are listed; the file holds them all
                st.caption(more)
            if fp.rejected:
                st.download_button(ctx.t("data_rejects"), functools.partial(report.rejects_bytes, fp, ctx.lang),
                                   file_name=f"{fp.name}.rejects.csv", mime="text/csv", key=f"rej_{n}",
                                   on_click="ignore", icon=":material/download:")
    partial = st.checkbox(ctx.t("data_partial"), key="data_partial", disabled=not plan.rejected)
    if plan.fatal:
        st.warning(ctx.t("data_blocked"), icon=":material/warning:")
    elif plan.rejected and not partial:
        st.info(ctx.t("data_fix_rows"), icon=":material/info:")
    if st.button(ctx.t("data_confirm"), type="primary", key="data_go",
                 disabled=bool(plan.fatal) or (bool(plan.rejected) and not partial)):
        done = ui.commit_import(ctx, plan, partial)
        if done is not None:
            st.success(ctx.t("data_done", **done), icon=":material/check_circle:")

st.subheader(ctx.t("data_templates"))
st.caption(ctx.t("data_templates_intro"))
ui.template_buttons(ctx)

st.subheader(ctx.t("data_history"))
history = ctx.store.import_history()
if history.empty:
    st.caption(ctx.t("data_no_history"))
else:
    ui.show_table(ctx, ui.history_table(ctx, history), "riwayat_impor.csv", key="history_csv")
st.download_button(ctx.t("data_backup"), data=ui.logged(ctx, "sdm_asn_backup.zip", lambda: ui.backup_zip(ctx)),
                   file_name="sdm_asn_backup.zip",
                   mime="application/zip", key="data_backup", on_click="ignore", icon=":material/archive:")
