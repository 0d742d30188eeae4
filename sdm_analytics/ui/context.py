"""Page setup: config, the store (the demo built on first use), sign-in, language, menu, the shared
filter sidebar and the URL. Filter values live in session state under `f_<dim>` keys and are copied
into the widgets (`w_<dim>`) before they are drawn, because in a classic multipage app a widget's own
state does not survive a page switch.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable

import streamlit as st

from ..filters import DIMENSIONS, Filters, default_year
from ..formatting import escape_markdown, fmt_number
from ..i18n import LANGS, code_label, dim_label, t
from ..settings import PROJECT_ROOT, SettingsError, load_settings, resolve_db_path
from ..store import Store, open_store
from . import look, signin
from .data import filter_options, unit_names_of, unit_opds_of
from .view import Context

PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard.py", "page_overview", ":material/dashboard:"),
    ("pages/2_Partisipasi_20_JP.py", "page_participation", ":material/school:"),
    ("pages/3_Pemerataan_Akses.py", "page_equity", ":material/balance:"),
    ("pages/4_Efektivitas_Pelatihan.py", "page_effect", ":material/fact_check:"),
    ("pages/5_Kebutuhan_Pelatihan.py", "page_needs", ":material/checklist:"),
    ("pages/6_Tantangan_Perubahan.py", "page_change", ":material/trending_up:"),
    ("pages/7_Program.py", "page_program", ":material/event_note:"),
    ("pages/8_Target_IP_ASN.py", "page_target", ":material/flag:"),
    ("pages/9_Data.py", "page_data", ":material/upload_file:"),
    ("pages/10_Kualitas_Data.py", "page_quality", ":material/verified:"),
    ("pages/11_Akun.py", "page_accounts", ":material/manage_accounts:"),
    ("pages/12_Survei.py", "page_survey", ":material/forum:"),
)
# Pages only some roles may open (the rest: every signed-in role); the menu shows a role only its own.
PAGE_ROLES = {"data": ("admin",), "survey": ("admin", "evaluator")}
# Pages about the data and the accounts, not about a view of the figures: no filter sidebar.
NO_FILTERS = ("data", "accounts", "survey")
# The sidebar's filters, in order; the rest sit under "more filters".
MAIN_FILTERS = ("opd", "unit", "area", "employment_type", "rank_group", "position_type", "gender", "category", "mode")
MORE_FILTERS = ("kecamatan", "education", "age_band", "topic", "organizer")
# Query parameters a page owns (a drill-down target), kept when the filters are written to the URL.
PAGE_PARAMS = ("program",)
_CODED_LABELS = {"area", "gender", "position_type", "category", "mode", "age_band", "topic"}

_build_lock = threading.Lock()


# -- store ------------------------------------------------------------------
def _store_with_demo(lang: str) -> Store:
    """The store; the demo is built (visibly) when the file does not exist yet."""
    path = resolve_db_path()
    slot = st.empty()  # on every run, so what follows keeps its place (no stale copy of the sign-in form)
    from ..demo import needs_demo, write_demo

    with _build_lock:
        fresh = path != ":memory:" and not os.path.exists(path)
        store = open_store(path)
        if needs_demo(store, fresh):
            with slot.status(t("building_demo", lang), expanded=False) as status:
                counts = write_demo(store, progress=status.write)
                status.update(label=t("demo_ready", lang, employees=fmt_number(counts.get("employees", 0), lang, 0),
                                      programs=fmt_number(counts.get("programs", 0), lang, 0)), state="complete")
    return store


# -- page setup -------------------------------------------------------------
def _init_from_url(years: list[int]) -> None:
    ss = st.session_state
    if ss.get("_url_loaded"):
        return
    ss["_url_loaded"] = True
    qp = st.query_params
    lang = qp.get("lang")
    if lang in LANGS:
        ss["lang"] = lang
    year = qp.get("year")
    if year and year.isdigit() and int(year) in years:
        ss["f_year"] = int(year)
    for dim in MAIN_FILTERS + MORE_FILTERS:
        values = qp.get_all(dim)  # one value per repeated key: values may contain commas
        if values:
            ss[f"f_{dim}"] = [v for v in values if v]


def _write_url(filters: Filters, lang: str) -> None:
    wanted: dict[str, Any] = {"year": str(filters.year)}
    if lang != "id":
        wanted["lang"] = lang
    for dim, values in filters.active().items():
        wanted[dim] = list(values)
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    for key in PAGE_PARAMS:
        if key in current:
            wanted[key] = current[key]
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def _sync(dim: str) -> None:
    st.session_state[f"f_{dim}"] = st.session_state[f"w_{dim}"]


# A filter of more choices than this (a province's or the nation's OPDs and unit kerja) asks for a search
# first and offers the first LONG_LIST matches: a list of 100 000 names would travel on every rerun.
LONG_LIST = 300


def _multiselect(dim: str, options: list[str], lang: str, names: dict[str, str]) -> tuple[str, ...]:
    ss = st.session_state
    known = set(options)
    chosen = [v for v in ss.get(f"f_{dim}", []) if v in known]
    ss[f"f_{dim}"] = chosen
    ss[f"w_{dim}"] = chosen
    if dim in ("opd", "unit"):
        fmt = lambda code: names.get(code, code)  # noqa: E731
    elif dim in _CODED_LABELS:
        fmt = lambda code: code_label(dim, code, lang)  # noqa: E731
    else:
        fmt = str
    shown = options
    if len(options) > LONG_LIST:
        shown = _searched(dim, options, chosen, fmt, lang)
    # No "Select all" (Streamlit's English): choosing nothing is already every value ("Semua").
    st.multiselect(dim_label(dim, lang), shown, key=f"w_{dim}", format_func=fmt,
                   on_change=_sync, args=(dim,), placeholder=t("all", lang), select_all=False)
    return tuple(ss[f"f_{dim}"])


def _searched(dim: str, options: list[str], chosen: list[str], fmt: Callable[[str], str], lang: str) -> list[str]:
    """A search box above a long filter: the chosen values, then the first LONG_LIST options whose name or code
    holds the typed text (in the options' order), with a line saying how many there are."""
    query = st.text_input(t("filter_search", lang, what=dim_label(dim, lang)), key=f"q_{dim}",
                          placeholder=t("filter_search_hint", lang)).strip().casefold()
    matches = [o for o in options if query in o.casefold() or query in fmt(o).casefold()] if query else options
    taken = set(chosen)
    shown = chosen + [o for o in matches[:LONG_LIST + len(chosen)] if o not in taken][:LONG_LIST]
    key = "filter_first" if not query else "filter_many_matches" if len(matches) > LONG_LIST else "filter_matches"
    st.caption(t(key, lang, shown=fmt_number(LONG_LIST, lang, 0), matches=fmt_number(len(matches), lang, 0),
                 total=fmt_number(len(options), lang, 0)))
    return shown


def _reset() -> None:
    for dim in DIMENSIONS:
        st.session_state[f"f_{dim}"] = []


def _sidebar(ctx_lang: str, years: list[int], options: dict[str, list[str]], names: dict[str, str],
             unit_opds: dict[str, str]) -> Filters:
    ss = st.session_state
    with st.sidebar:
        st.divider()
        st.markdown(f"**{t('filters', ctx_lang)}**")
        year_default = ss.get("f_year", default_year(years) or 2025)
        if years and year_default not in years:
            year_default = default_year(years)
        ss["f_year"] = year_default
        ss["w_year"] = year_default
        st.selectbox(t("year", ctx_lang), years or [year_default], key="w_year", on_change=_sync, args=("year",))
        values = {}
        for dim in MAIN_FILTERS:
            choices = options.get(dim, [])
            if dim == "unit":  # a drill-down: the unit kerja of the chosen OPDs only (all of them without one)
                chosen = set(values.get("opd", ()))
                choices = [u for u in choices if unit_opds.get(u, u) in chosen] if chosen else choices
            values[dim] = _multiselect(dim, choices, ctx_lang, names)
        with st.expander(t("more_filters", ctx_lang), expanded=any(ss.get(f"f_{d}") for d in MORE_FILTERS)):
            values.update({dim: _multiselect(dim, options.get(dim, []), ctx_lang, names) for dim in MORE_FILTERS})
        st.button(t("reset", ctx_lang), on_click=_reset, width="stretch")
    return Filters.make(int(ss["f_year"]), values)


def _language_switch(user: Any = None) -> str:
    ss = st.session_state
    lang = ss.get("lang", "id")
    ss["w_lang"] = lang
    with st.sidebar:
        if user is not None:
            st.markdown(f"**{t('menu', lang)}**")
            for path, key, icon in PAGES:
                if user.role in PAGE_ROLES.get(key.removeprefix("page_"), (user.role,)):
                    st.page_link(path, label=t(key, lang), icon=icon)
        st.radio(t("language", lang), LANGS, key="w_lang", horizontal=True,
                 format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
                 on_change=lambda: ss.__setitem__("lang", ss["w_lang"]))
    return ss.get("lang", lang)


def page(page_id: str) -> Context:
    """Set a page up and return who is looking at what (call first, once, on every page)."""
    lang = st.session_state.get("lang", st.query_params.get("lang", "id"))
    lang = lang if lang in LANGS else "id"
    st.set_page_config(page_title=f"{t('page_' + page_id, lang)} · SDM ASN Analytics",
                       page_icon=str(PROJECT_ROOT / "assets" / "favicon.png"), layout="wide",
                       initial_sidebar_state="auto")  # a local icon; the menu folded away on a phone
    look.dress(lang)  # Streamlit's own English (table toolbar, uploader) hidden or written over in lang
    store = _store_with_demo(lang)
    db, version = store.path, store.version
    years = store.years()
    _init_from_url(years)
    try:
        settings = load_settings()
    except SettingsError as exc:  # a deployment mistake: say which variable, show nothing else
        st.error(escape_markdown(exc.message(lang)), icon=":material/settings:")  # it quotes the value
        st.stop()
    user = signin.current_user(store, settings.idle_minutes)
    if user is None:  # nothing of the data before signing in
        signin.login_form(store, _language_switch())
        st.stop()
    scope = user.scope()  # enforced by the engine: every query below takes it
    lang = _language_switch(user)
    signin.account_box(store, user, lang)
    if user.role not in PAGE_ROLES.get(page_id, (user.role,)):
        st.error(t("page_forbidden", lang, roles=", ".join(PAGE_ROLES[page_id])), icon=":material/lock:")
        st.stop()
    if page_id in NO_FILTERS:  # the view's filters wait in the session (and the URL) for the next page
        filters = Filters.make(int(st.session_state.get("f_year", default_year(years) or 2025)))
    else:
        filters = _sidebar(lang, years, filter_options(db, version, scope), unit_names_of(db, version), unit_opds_of(db, version))
        _write_url(filters, lang)
    ctx = Context(page_id, lang, filters, scope, db, version, settings, tuple(years), user)
    return ctx


