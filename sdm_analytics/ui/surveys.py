"""The Survei page's parts: the programmes due for a survey, the form that opens a campaign, its links (shown
once, held in this session only), and the response rates with who has not answered, new links and closing.

An evaluator works within its OPDs: it sees the programmes its people completed and the units of its OPDs,
opens campaigns for those programmes or for its OPDs, and re-issues or closes a campaign only when every
recipient is in its OPDs (new links stop the old ones working: they are not another OPD's to replace).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import campaigns
from ..engine.units import units_under
from ..filters import Filters
from ..formatting import escape_markdown, fmt_number
from ..present import survey_links
from .data import filter_options, table, unit_names
from .view import Context
from .widgets import download_csv

__all__ = ["due_frame", "due_section", "open_form", "links_panel", "status_section"]

_LINKS = "survey_links"  # session_state: (campaign id, the links table), until hidden or the session ends


def _programs(ctx: Context, year: int) -> pd.DataFrame:
    """The programmes of a year the viewer may survey (an evaluator: those its people took part in)."""
    return table(ctx, "program_summary", filters=Filters.make(year))


def _allowed(ctx: Context, years: set[int]) -> set[str] | None:
    """The programme codes of those years in the viewer's scope; None: every programme."""
    if not ctx.scope.restricted:
        return None
    return {code for y in years for code in _programs(ctx, y)["program_code"]}


def _units(ctx: Context) -> set[str] | None:
    """The unit codes in the viewer's scope (an OPD and its unit kerja); None: every unit."""
    return units_under(ctx.store, ctx.scope.opds) if ctx.scope.restricted else None


def due_frame(ctx: Context) -> pd.DataFrame:
    """campaigns.due on the data's as-of date (not the clock: the demo's year stays due), within the scope."""
    due = campaigns.due(ctx.store, ctx.store.as_of())
    allowed = _allowed(ctx, {d.year for d in pd.to_datetime(due["end_date"])})
    return due if allowed is None else due[due["program_code"].isin(allowed)].reset_index(drop=True)


def due_section(ctx: Context, due: pd.DataFrame) -> None:
    if due.empty:
        st.caption(ctx.t("survey.page.none_due"))
    else:
        st.dataframe(survey_links.due_table(due, ctx.lang), hide_index=True, width="stretch", key="sv_due")


def _keep(ctx: Context, campaign_id: str, links: pd.DataFrame) -> None:
    base = survey_links.base_url(page_url=st.context.url)
    st.session_state[_LINKS] = (campaign_id, survey_links.links_frame(links, base, ctx.lang))


def _fail(ctx: Context, exc: campaigns.CampaignError) -> None:
    st.error(escape_markdown(exc.message(ctx.lang)), icon=":material/block:")  # it may quote a code


def open_form(ctx: Context, due: pd.DataFrame) -> None:
    """Kind, programme (the due ones first, then the year's) or year and OPDs, anonymity, days open → a campaign."""
    kind = st.selectbox(ctx.t("survey.page.kind"), campaigns.KINDS, key="sv_kind",
                        format_func=lambda k: ctx.t(f"survey.kind_{k}"))
    left, right = st.columns(2)
    year = left.selectbox(ctx.t("year"), sorted(ctx.years, reverse=True), key="sv_year",
                          index=sorted(ctx.years, reverse=True).index(ctx.filters.year)
                          if ctx.filters.year in ctx.years else 0)
    program, opds = None, []
    if kind != "needs":
        due_now = due[due["kind"] == kind]
        names = {**dict(zip(_programs(ctx, year)["program_code"], _programs(ctx, year)["title"])),
                 **dict(zip(due_now["program_code"], due_now["title"]))}
        codes = list(dict.fromkeys([*due_now["program_code"], *names]))
        marked = set(due_now["program_code"])
        program = right.selectbox(ctx.t("survey.page.program"), codes, key="sv_program", format_func=lambda c: (
            ctx.t("survey.page.program_due" if c in marked else "survey.page.program_item", code=c, title=names[c])))
    else:
        choices = filter_options(ctx.db_path, ctx.version, ctx.scope).get("opd", [])
        opds = right.multiselect(ctx.t("survey.page.opds"), choices, key="sv_opds", format_func=lambda c: (
            unit_names(ctx).get(c, c)), placeholder=ctx.t("survey.page.opds_all" if not ctx.scope.restricted
                                                          else "survey.page.opds_pick"))
    anonymous = st.checkbox(ctx.t("survey.page.anonymous"), key="sv_anonymous", help=ctx.t("survey.page.anonymous_help"))
    days = st.number_input(ctx.t("survey.page.days"), min_value=1, max_value=365, value=30, step=1, key="sv_days")
    if not st.button(ctx.t("survey.page.open_button"), type="primary", key="sv_open", disabled=program is None and
                     kind != "needs"):
        return
    if ctx.scope.restricted and (program not in (_allowed(ctx, {year}) | set(due["program_code"])) if program
                                 else not opds or not set(opds) <= set(ctx.scope.opds)):
        st.error(ctx.t("survey.page.out_of_scope"), icon=":material/lock:")
        return
    try:
        asked = tuple(opds) or (tuple(sorted(ctx.scope.opds or ())) if ctx.scope.restricted else ())
        cid, links = campaigns.open_campaign(ctx.store, kind, program, None if program else year, asked, anonymous,
                                             int(days), opened_by=ctx.user.username)  # an evaluator: its people
    except campaigns.CampaignError as exc:
        _fail(ctx, exc)
        return
    _keep(ctx, cid, links)
    st.rerun()


def links_panel(ctx: Context) -> None:
    """The links just issued, as CSV and XLSX: shown this once (the store keeps only their hashes)."""
    held = st.session_state.get(_LINKS)
    if not held:
        return
    campaign_id, links = held
    with st.container(border=True, key="sv_links"):
        st.warning(ctx.t("survey.page.links_once", campaign=campaign_id, n=fmt_number(len(links), ctx.lang, 0)),
                   icon=":material/key:")
        download_csv(ctx, links, f"tautan_{campaign_id}.csv", key="sv_links_csv")
        if st.button(ctx.t("survey.page.links_hide"), key="sv_links_hide"):
            del st.session_state[_LINKS]
            st.rerun()


def _mine(status: pd.DataFrame, units: set[str] | None) -> pd.DataFrame:
    return status if units is None else status[status["unit_code"].isin(units)]


def status_section(ctx: Context) -> None:
    """Response rate per campaign; for the chosen one its units, who has not answered, new links, closing."""
    units = _units(ctx)
    every = campaigns.status(ctx.store)
    status = _mine(every, units)
    if status.empty:
        st.caption(ctx.t("survey.page.no_campaigns"))
        return
    st.dataframe(survey_links.campaign_table(status, ctx.lang), hide_index=True, width="stretch", key="sv_status")
    ids = sorted(status["campaign_id"].unique())
    cid = st.selectbox(ctx.t("survey.page.campaign"), ids, key="sv_campaign", index=len(ids) - 1)
    one = status[status["campaign_id"] == cid]
    st.dataframe(survey_links.unit_table(one, ctx.lang), hide_index=True, width="stretch", key="sv_units")
    missing = campaigns.missing(ctx.store, cid)
    missing = missing if units is None else missing[missing["unit_code"].isin(units)]
    st.markdown(f"**{ctx.t('survey.page.missing', n=fmt_number(len(missing), ctx.lang, 0))}**")
    shown = survey_links.missing_table(missing, ctx.lang)
    st.dataframe(shown, hide_index=True, width="stretch", key="sv_missing", height=min(400, 38 + 35 * len(shown)))
    download_csv(ctx, shown, f"belum_menjawab_{cid}.csv", key="sv_missing_csv")
    whole = len(_mine(every[every["campaign_id"] == cid], units)) == len(every[every["campaign_id"] == cid])
    if bool(one["closed"].iloc[0]):
        st.caption(ctx.t("survey.page.is_closed"))
    elif not whole:
        st.caption(ctx.t("survey.page.not_whole"))
    else:
        _actions(ctx, cid)


def _actions(ctx: Context, cid: str) -> None:
    left, right = st.columns(2)
    if left.button(ctx.t("survey.page.reissue"), key="sv_reissue", icon=":material/refresh:"):
        try:
            _keep(ctx, cid, campaigns.reissue(ctx.store, cid))
        except campaigns.CampaignError as exc:
            _fail(ctx, exc)
        else:
            st.rerun()
    sure = right.checkbox(ctx.t("survey.page.close_sure", campaign=cid), key="sv_close_sure")
    if right.button(ctx.t("survey.page.close"), key="sv_close", disabled=not sure, icon=":material/lock:"):
        try:
            campaigns.close(ctx.store, cid)
        except campaigns.CampaignError as exc:
            _fail(ctx, exc)
        else:
            st.session_state.pop("sv_close_sure", None)
            st.rerun()
