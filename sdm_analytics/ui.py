"""The Streamlit layer: the one module of the package that imports streamlit.

`page(page_id)` sets a page up (config, viewer, language, shared sidebar,
URL) and returns a Context; the cached wrappers below are what pages call
for figures. Filter values live in session state under `f_<dim>` keys and
are copied into the widgets (`w_<dim>`) before they are drawn, because in a
classic multipage app a widget's own state does not survive a page switch.
"""

from __future__ import annotations

import os
import threading
from functools import partial
from dataclasses import dataclass, replace
from typing import Any, Sequence

import pandas as pd
import streamlit as st

from . import catalog, tables
from .filters import DIMENSIONS, Filters, Scope
from .formatting import fmt_date, fmt_number, fmt_value
from .i18n import LANGS, code_label, dim_label, t
from .metrics import METRICS, Result, compute, compute_by
from .settings import PROJECT_ROOT, Settings, load_settings, resolve_db_path
from .store import Store, open_store
from .views import (  # display tables (no streamlit), re-exported for the pages
    Table, accounts_table, gap_table, history_table, ipasn_people_table, issues_table, mapping_table, needs_table, never_trained_table,
    participants_table, people_table, preview_table, program_table, quality_table, response_rates_table,
    targets_table,
)

__all__ = ["Context", "PAGES", "page", "metrics", "metrics_by", "table", "chart", "download_csv", "no_data"]

# (script path, i18n key, material icon)
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
)
# Pages only some roles may open (the rest: every signed-in role); the menu shows a role only its own.
PAGE_ROLES = {"data": ("admin",)}
# The sidebar's filters, in order; the rest sit under "more filters".
MAIN_FILTERS = ("opd", "area", "employment_type", "rank_group", "position_type", "gender", "category", "mode")
MORE_FILTERS = ("kecamatan", "education", "age_band", "topic", "organizer")
# Query parameters a page owns (a drill-down target), kept when the filters are written to the URL.
PAGE_PARAMS = ("program",)
_CODED_LABELS = {"area", "gender", "position_type", "category", "mode", "age_band", "topic"}

_build_lock = threading.Lock()


@dataclass(frozen=True)
class Context:
    """Who is looking at what: returned by page()."""

    page_id: str
    lang: str
    filters: Filters
    scope: Scope
    db_path: str
    version: str
    settings: Settings
    years: tuple[int, ...]
    user: Any = None  # the signed-in accounts.User

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def store(self) -> Store:
        return open_store(self.db_path)


# -- store ------------------------------------------------------------------
def _store_with_demo(lang: str) -> Store:
    """The store; the demo is built (visibly) when the file does not exist yet."""
    path = resolve_db_path()
    with _build_lock:
        fresh = path != ":memory:" and not os.path.exists(path)
        store = open_store(path)
        if fresh or (store.is_empty() and store.version == "0"):
            from .demo import write_demo

            with st.status(t("building_demo", lang), expanded=False) as status:
                counts = write_demo(store, progress=status.write)
                status.update(label=t("demo_ready", lang, employees=fmt_number(counts.get("employees", 0), lang, 0),
                                      programs=fmt_number(counts.get("programs", 0), lang, 0)), state="complete")
    return store


# -- cached figures -----------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=2048)
def _compute(db: str, version: str, filters: Filters, scope: Scope, ids: tuple[str, ...] | None) -> Result:
    return compute(open_store(db), filters, scope, ids)


@st.cache_data(show_spinner=False, max_entries=512)
def _compute_by(db: str, version: str, filters: Filters, scope: Scope, by: str,
                ids: tuple[str, ...] | None, years: tuple[int, ...] | None) -> pd.DataFrame:
    return compute_by(open_store(db), filters, by, scope, ids, years)


def _source(db: str, filters: Filters, scope: Scope) -> catalog.Source:
    return catalog.Source(open_store(db), filters, scope)


@st.cache_data(show_spinner=False, max_entries=512)
def _table(db: str, version: str, name: str, filters: Filters, scope: Scope,
           options: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return _source(db, filters, scope).table(name, **dict(options))


@st.cache_data(show_spinner=False, max_entries=64)
def _options(db: str, version: str, scope: Scope) -> dict[str, list[str]]:
    return tables.options(open_store(db), scope)


@st.cache_data(show_spinner=False, max_entries=64)
def _names(db: str, version: str) -> dict[str, str]:
    return tables.unit_names(open_store(db))


@st.cache_data(show_spinner=False, max_entries=64)
def _targets(db: str, version: str, year: int, opd: str) -> dict[str, float]:
    return tables.targets(open_store(db), year, opd)


def metrics(ctx: Context, filters: Filters | None = None, ids: Sequence[str] | None = None) -> Result:
    """Scalar metrics for the context's (or the given) filters, in the viewer's scope."""
    return _compute(ctx.db_path, ctx.version, filters or ctx.filters, ctx.scope, tuple(ids) if ids else None)


def metrics_by(ctx: Context, by: str, ids: Sequence[str] | None = None, filters: Filters | None = None,
               years: Sequence[int] | None = None) -> pd.DataFrame:
    """Metrics by one dimension (or 'year') for the context's filters."""
    return _compute_by(ctx.db_path, ctx.version, filters or ctx.filters, ctx.scope, by,
                       tuple(ids) if ids else None, tuple(years) if years else None)


def table(ctx: Context, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
    """A named table of `tables` for the context's filters (options: e.g. by='area')."""
    return _table(ctx.db_path, ctx.version, name, filters or ctx.filters, ctx.scope,
                  tuple(sorted(options.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def _evaluation(db: str, version: str, name: str, filters: Filters, scope: Scope,
                options: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return _source(db, filters, scope).evaluation(name, **dict(options))


def evaluation(ctx: Context, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
    """A named table of `evaluation` (Kirkpatrick) for the context's filters."""
    return _evaluation(ctx.db_path, ctx.version, name, filters or ctx.filters, ctx.scope,
                       tuple(sorted(options.items())))


@st.cache_data(show_spinner=False, max_entries=128)
def _comments(db: str, version: str, filters: Filters, scope: Scope, kind: str) -> tuple[pd.DataFrame, bool]:
    from . import evaluation

    return evaluation.comments(open_store(db), filters, kind, scope)


def comments(ctx: Context, filters: Filters, kind: str = "reaction") -> tuple[pd.DataFrame, bool]:
    """Free-text answers for the filtered programs, and whether they were suppressed."""
    return _comments(ctx.db_path, ctx.version, filters, ctx.scope, kind)


@st.cache_data(show_spinner=False, max_entries=128)
def _ipasn(db: str, version: str, name: str, filters: Filters, scope: Scope,
           options: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return _source(db, filters, scope).ipasn(name, **dict(options))


def ipasn(ctx: Context, name: str, **options: Any) -> pd.DataFrame:
    """IP ASN kompetensi scores ('scores') or their summary ('summary', by=...) for the context."""
    return _ipasn(ctx.db_path, ctx.version, name, ctx.filters, ctx.scope, tuple(sorted(options.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def _quality(db: str, version: str, name: str, filters: Filters, scope: Scope) -> pd.DataFrame:
    return _source(db, filters, scope).quality(name)


def quality_checks(ctx: Context, name: str = "checks") -> pd.DataFrame:
    """The data-quality scorecard (or per-programme response rates) for the context."""
    return _quality(ctx.db_path, ctx.version, name, ctx.filters, ctx.scope)


def trust_note(ctx: Context, metric_ids: Sequence[str]) -> None:
    """The data-quality caveats that touch the figures a page shows, next to them."""
    from . import quality

    notes = quality.trust_notes(quality_checks(ctx), metric_ids, ctx.lang)
    if notes:
        with st.expander(f"{ctx.t('trust_heading')} ({len(notes)})", icon=":material/report:"):
            for note in notes:
                st.markdown(f"- {note}")
            st.page_link("pages/10_Kualitas_Data.py", label=ctx.t("trust_more"), icon=":material/verified:")


@st.cache_data(show_spinner=False, max_entries=64)
def _target_progress(db: str, version: str, year: int, scope: Scope) -> pd.DataFrame:
    return tables.target_progress(open_store(db), year, scope)


def target_progress(ctx: Context) -> pd.DataFrame:
    """Targets of the year beside their actuals, in the viewer's scope."""
    return _target_progress(ctx.db_path, ctx.version, ctx.filters.year, ctx.scope)


def unit_names(ctx: Context) -> dict[str, str]:
    """opd_code -> name."""
    return _names(ctx.db_path, ctx.version)


def targets(ctx: Context, year: int | None = None) -> dict[str, float]:
    """The targets that apply to the view: the city's unfiltered, one OPD's for exactly that OPD, else none."""
    unit = tables.target_unit(ctx.filters, ctx.scope)
    return {} if unit is None else _targets(ctx.db_path, ctx.version, year or ctx.filters.year, unit)


class CachedSource(catalog.Source):
    """The catalogue's data source answered from the dashboard's caches (shared with the pages' tables)."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx.store, ctx.filters, ctx.scope, ctx.lang, ctx.settings)
        self.ctx = ctx

    def metrics_by(self, by: str, ids: tuple[str, ...], filters: Filters | None = None) -> pd.DataFrame:
        return metrics_by(self.ctx, by, ids, filters)

    def table(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        return table(self.ctx, name, filters, **options)

    def evaluation(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        return evaluation(self.ctx, name, filters, **options)

    def ipasn(self, name: str, **options: Any) -> pd.DataFrame:
        return ipasn(self.ctx, name, **options)

    def quality(self, name: str = "checks") -> pd.DataFrame:
        return quality_checks(self.ctx, name)

    def unit_names(self) -> dict[str, str]:
        return unit_names(self.ctx)

    def unit_targets(self, year: int, opd: str) -> dict[str, float]:
        return _targets(self.ctx.db_path, self.ctx.version, year, opd)

    def target_progress(self) -> pd.DataFrame:
        return target_progress(self.ctx)


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


def _multiselect(dim: str, options: list[str], lang: str, names: dict[str, str]) -> tuple[str, ...]:
    ss = st.session_state
    chosen = [v for v in ss.get(f"f_{dim}", []) if v in options]
    ss[f"f_{dim}"] = chosen
    ss[f"w_{dim}"] = chosen
    if dim == "opd":
        fmt = lambda code: names.get(code, code)  # noqa: E731
    elif dim in _CODED_LABELS:
        fmt = lambda code: code_label(dim, code, lang)  # noqa: E731
    else:
        fmt = str
    st.multiselect(dim_label(dim, lang), options, key=f"w_{dim}", format_func=fmt,
                   on_change=_sync, args=(dim,), placeholder=t("all", lang))
    return tuple(ss[f"f_{dim}"])


def _reset() -> None:
    for dim in DIMENSIONS:
        st.session_state[f"f_{dim}"] = []


def _sidebar(ctx_lang: str, years: list[int], options: dict[str, list[str]], names: dict[str, str]) -> Filters:
    ss = st.session_state
    with st.sidebar:
        st.divider()
        st.markdown(f"**{t('filters', ctx_lang)}**")
        year_default = ss.get("f_year", years[-1] if years else 2025)
        if years and year_default not in years:
            year_default = years[-1]
        ss["f_year"] = year_default
        ss["w_year"] = year_default
        st.selectbox(t("year", ctx_lang), years or [year_default], key="w_year", on_change=_sync, args=("year",))
        values = {dim: _multiselect(dim, options.get(dim, []), ctx_lang, names) for dim in MAIN_FILTERS}
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
                       initial_sidebar_state="expanded")  # a local icon: no request leaves the network
    store = _store_with_demo(lang)
    db, version = store.path, store.version
    years = store.years()
    _init_from_url(years)
    user = _signed_in(store, lang)
    scope = user.scope()  # enforced by the engine: every query below takes it
    lang = _language_switch(user)
    _account_box(user, lang)
    if user.role not in PAGE_ROLES.get(page_id, (user.role,)):
        st.error(t("page_forbidden", lang, roles=", ".join(PAGE_ROLES[page_id])), icon=":material/lock:")
        st.stop()
    filters = _sidebar(lang, years, _options(db, version, scope), _names(db, version))
    _write_url(filters, lang)
    ctx = Context(page_id, lang, filters, scope, db, version, load_settings(), tuple(years), user)
    return ctx


# -- signing in ----------------------------------------------------------------
def _signed_in(store: Store, lang: str) -> Any:
    """The signed-in user (re-checked on every page: a disabled account is out at once); else the
    sign-in form, and the page stops there."""
    from . import accounts

    ss = st.session_state
    if ss.get("user"):
        user = accounts.get(store, ss["user"])
        if user is not None:
            return user
        ss.pop("user", None)
    _language_switch()
    _login_form(store, ss.get("lang", lang))
    st.stop()


def _login(store: Store) -> None:
    from . import accounts

    ss = st.session_state
    user, reason = accounts.authenticate(store, ss.get("login_user", ""), ss.get("login_password", ""))
    ss["login_password"] = ""
    if user is None:
        ss["_login_error"] = reason
        return
    ss.pop("_login_error", None)
    ss["user"] = user.username


def _login_form(store: Store, lang: str) -> None:
    from . import accounts
    from .demo import DEMO_ACCOUNTS

    st.title("SDM ASN Analytics")
    st.caption(t("login_intro", lang))
    if not accounts.has_users(store):
        st.warning(t("login_no_accounts", lang), icon=":material/person_add:")
        st.code("python -m sdm_analytics users add admin --role admin --name \"Admin BKPSDM\"", language="bash")
        return
    left, _ = st.columns([2, 3])
    with left.form("login", border=True):
        st.text_input(t("login_user", lang), key="login_user", autocomplete="username")
        st.text_input(t("login_password", lang), key="login_password", type="password",
                      autocomplete="current-password")
        st.form_submit_button(t("login_button", lang), type="primary", on_click=_login, args=(store,),
                              icon=":material/login:")
    error = st.session_state.get("_login_error")
    if error:
        left.error(t("login_locked" if error == "locked" else "login_wrong", lang,
                     minutes=accounts.LOCK_MINUTES), icon=":material/error:")
    # the demo's accounts are offered while their demo passwords still work (never on a real store)
    key = ("_demo_hint", store.path, store.version)
    if key not in st.session_state:
        st.session_state[key] = [(u, p, r) for u, p, r, _, _ in DEMO_ACCOUNTS if accounts.check(store, u, p)]
    if st.session_state[key]:
        left.info(t("login_demo", lang) + "\n\n" + "\n".join(f"- `{u}` / `{p}` ({r})" for u, p, r in
                                                                st.session_state[key]), icon=":material/info:")


def _sign_out() -> None:
    """Forget everything of the session but its language: the next person starts clean."""
    for key in [k for k in st.session_state if k != "lang"]:
        del st.session_state[key]
    st.query_params.clear()  # the view's filters too: the link no longer says what the last person looked at


def _account_box(user: Any, lang: str) -> None:
    with st.sidebar:
        st.caption(t("signed_in_as", lang, name=user.name, role=t(f"role_{user.role}", lang)))
        st.button(t("sign_out", lang), on_click=_sign_out, icon=":material/logout:", key="sign_out",
                  width="stretch")


# -- shared rendering helpers -----------------------------------------------
def filters_text(ctx: Context) -> str:
    """The active filters in words ('' when none)."""
    return tables.describe_filters(ctx.store, ctx.filters, ctx.lang, ctx.scope)


def description(ctx: Context) -> Any:
    """What every export of this view carries: filters, period, n, as-of, source, suppression."""
    from . import export
    from .formatting import fmt_number as num

    n = metrics(ctx, ids=("headcount",)).values["headcount"]
    return export.describe(filters_text(ctx), ctx.filters.year, f"{num(n, ctx.lang, 0)} ASN", ctx.store.as_of(),
                           ctx.scope.suppresses, ctx.lang, ctx.settings.min_respondents)


def header(ctx: Context) -> None:
    """Page title and the line that says what is shown: period, scope, as-of date."""
    st.title(ctx.t(f"page_{ctx.page_id}"))
    active = filters_text(ctx)
    scope = ctx.t("scope_filtered", filters=active) if active else ctx.t("scope_city")
    st.caption(ctx.t("scope_line", year=ctx.filters.year, scope=scope, as_of=fmt_date(ctx.store.as_of(), ctx.lang)))


@st.cache_data(show_spinner=False, max_entries=128)
def _findings(db: str, version: str, filters: Filters, scope: Scope, lang: str) -> list:
    from . import insights

    return insights.findings(open_store(db), filters, scope, lang)


def deck_button(ctx: Context) -> None:
    """Download the briefing deck of the current view as PPTX (and PDF where LibreOffice is installed)."""
    import shutil

    from . import briefing

    def deck() -> bytes:
        return briefing.build_deck(ctx.store, ctx.filters, ctx.scope, ctx.lang)

    left, right, _ = st.columns([2, 2, 3])
    left.download_button(ctx.t("deck_button"), data=deck, file_name=f"paparan_sdm_asn_{ctx.filters.year}.pptx",
                         key="deck", on_click="ignore", icon=":material/slideshow:", type="primary",
                         mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    if shutil.which("soffice"):
        right.download_button(ctx.t("deck_pdf"), data=lambda: briefing.to_pdf(deck()), key="deck_pdf",
                              file_name=f"paparan_sdm_asn_{ctx.filters.year}.pdf", mime="application/pdf",
                              on_click="ignore", icon=":material/picture_as_pdf:")


def findings_panel(ctx: Context, k: int = 5) -> None:
    """Temuan Utama: the k most important findings of the view, each with its figure and n."""
    found = _findings(ctx.db_path, ctx.version, ctx.filters, ctx.scope, ctx.lang)
    if not found:
        return
    with st.container(border=True):
        st.markdown(f"**{ctx.t('findings_heading')}**")
        for finding in found[:k]:
            st.markdown(f"- {finding.text}")


def kpi(ctx: Context, metric_id: str, current: Result, previous: Result | None,
        target: float | None = None) -> None:
    """One KPI card: value, change from last year, target and n."""
    from .formatting import fmt_delta, fmt_number

    m = METRICS[metric_id]
    value = current.values[metric_id]
    if metric_id in current.suppressed:
        shown = ctx.t("suppressed", k=ctx.settings.min_respondents)
    else:
        shown = fmt_value(value, m.unit, ctx.lang)
    delta = None
    if previous is not None and metric_id not in current.suppressed:
        delta = fmt_delta(value, previous.values[metric_id], m.unit, ctx.lang)
    color = "inverse" if m.better == "lower" else ("off" if m.better is None else "normal")
    lines = [f"n = {fmt_number(current.n[metric_id], ctx.lang, 0)}"]
    if target is not None:
        status = ""
        if value is not None:
            met = value <= target if m.better == "lower" else value >= target
            status = " · " + ctx.t("target_met" if met else "target_missed")
        lines.insert(0, ctx.t("target", value=fmt_value(target, m.unit, ctx.lang)) + status)
    flat = delta is not None and delta.startswith("±")  # no change: no arrow, no colour
    st.metric(m.label(ctx.lang), shown, delta=delta, delta_color="off" if flat else color, border=True,
              delta_arrow="off" if flat else "auto", help=m.description(ctx.lang),
              delta_description=ctx.t("vs_prev", year=ctx.filters.year - 1) if delta else None)
    st.caption(" · ".join(lines))


def picked_value(selection: Any) -> Any:
    """The code behind the first clicked point of a plotly selection (its customdata), or None."""
    points = (selection or {}).get("points") or []
    if not points:
        return None
    value = points[0].get("customdata")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value


def apply_pick(dim: str, value: Any) -> None:
    """Make a clicked group the filter of its dimension (or the year), shared by every page."""
    if value is None or value == "":
        return
    if dim == "year":
        st.session_state["f_year"] = int(value)
    elif dim in MAIN_FILTERS + MORE_FILTERS:
        st.session_state[f"f_{dim}"] = [str(value)]


def _on_pick(key: str, dim: str) -> None:
    state = st.session_state.get(key)
    apply_pick(dim, picked_value(getattr(state, "selection", None) or (state or {}).get("selection")))


def chart(ctx: Context, chart_id: str, key: str | None = None, filters: Filters | None = None,
          empty_note: bool = False, **options: str) -> Any:
    """A catalogued chart of the view at full width, with PNG/SVG/PDF downloads and the CLI command that
    reproduces it; a chart with a drill dimension filters every page on a click. Returns the figure
    (None when there is nothing to draw: then nothing is shown, or the no-data note with empty_note)."""
    view = replace(ctx, filters=filters) if filters is not None else ctx
    spec = catalog.chart_of(chart_id)
    fig = catalog.render(chart_id, CachedSource(view), options)
    if fig is None:
        if empty_note:
            no_data(ctx)
        return None
    key = key or chart_id
    drill = spec.drill_dim(spec.resolve(options))
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": chart_id}}
    if drill is None:
        st.plotly_chart(fig, width="stretch", key=key, config=config)
    else:
        st.plotly_chart(fig, width="stretch", key=key, config=config, on_select=partial(_on_pick, key, drill),
                        selection_mode="points")
    left, right = st.columns([4, 1])
    if drill is not None:
        left.caption(ctx.t("drill_hint") if drill != "year" else ctx.t("drill_year_hint"))
    with right.popover(ctx.t("download_chart"), icon=":material/download:", width="stretch", key=f"{key}_dl"):
        _chart_downloads(view, fig, chart_id, key, options)
    return fig


def _chart_downloads(ctx: Context, fig: Any, chart_id: str, key: str, options: dict[str, str]) -> None:
    from . import export

    for fmt in export.FORMATS:
        st.download_button(fmt.upper(), data=partial(_chart_file, ctx, fig, fmt),
                           file_name=f"{chart_id}_{ctx.filters.year}.{fmt}", mime=export.FORMATS[fmt],
                           key=f"{key}_{fmt}", on_click="ignore", width="stretch")
    st.caption(ctx.t("chart_cli"))
    st.code(catalog.command(chart_id, ctx.filters, options, ctx.lang), language="bash", wrap_lines=True)


def _chart_file(ctx: Context, fig: Any, fmt: str) -> bytes:
    from . import export

    return export.chart_bytes(fig, fmt, description(ctx))


def data_table(ctx: Context, table: Table, file_name: str, key: str, height: int | str = "auto") -> None:
    """A display table as the page shows it, with its CSV and XLSX downloads."""
    st.dataframe(table.shown, hide_index=True, width="stretch", height=height)
    download_csv(ctx, table, file_name, key)


def download_csv(ctx: Context, frame: pd.DataFrame | Table, file_name: str, key: str) -> None:
    """CSV (as shown) and XLSX (numbers kept as numbers) downloads of a table, built only when clicked,
    both describing themselves."""
    from . import export

    left, right, _ = st.columns([1, 1, 4])
    left.download_button(ctx.t("download_csv"), data=lambda: export.table_csv(frame), file_name=file_name,
                         mime="text/csv", key=key, on_click="ignore", icon=":material/download:")
    right.download_button(ctx.t("download_xlsx"), file_name=file_name.rsplit(".", 1)[0] + ".xlsx", key=f"{key}_xlsx",
                          data=lambda: export.table_xlsx(frame, description(ctx), lang=ctx.lang),
                          mime=export._MIME_XLSX, on_click="ignore", icon=":material/table:")


def program_picker(ctx: Context, shown: Table, programs: pd.DataFrame, key: str) -> None:
    """The per-programme table; choosing a row opens that programme on the Program page."""
    event = st.dataframe(shown.shown, hide_index=True, width="stretch", height=420, key=key,
                         on_select="rerun", selection_mode="single-row")
    rows = event.selection.rows if event is not None else []
    if rows:
        st.switch_page("pages/7_Program.py", query_params={"program": programs["program_code"].iloc[rows[0]]})
    st.caption(ctx.t("pick_program_hint"))


def program_choice(ctx: Context, programs: pd.DataFrame, key: str = "p7_program") -> str:
    """The programme picker: a ?program= link (e.g. from the programme table) wins once, then the user's choice."""
    from .formatting import fmt_number as num

    ss = st.session_state
    codes = list(programs["program_code"])
    titles = dict(zip(programs["program_code"], programs["title"]))
    wanted = st.query_params.get("program")
    if wanted in codes and wanted != ss.get("_program_url"):
        ss[key] = wanted
    elif ss.get(key) not in codes:
        ss[key] = default_program(programs)
    code = st.selectbox(ctx.t("prog_pick", n=num(len(codes), ctx.lang, 0), year=ctx.filters.year), codes,
                        format_func=lambda c: f"{c} · {titles[c]}", key=key)
    st.query_params["program"] = code
    ss["_program_url"] = code
    return code


def default_program(programs: pd.DataFrame) -> str:
    """The programme to open first: the latest one that already has completers, else the latest."""
    done = programs[programs["completed"] > 0]
    return str((done if len(done) else programs)["program_code"].iloc[0])


def import_plan(ctx: Context, uploads: list[tuple[str, bytes]], kind: str | None) -> Any:
    """The checked plan of the uploaded files (kept while the files, the kind and the store stay the same)."""
    import hashlib

    from . import ingest

    digest = hashlib.sha256()
    for name, data in uploads:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    key = (digest.hexdigest(), kind, ctx.store.version, ctx.lang)
    cached = st.session_state.get("_import_plan")
    if cached and cached[0] == key:
        return cached[1]
    plan = ingest.prepare(ctx.store, uploads, kind=kind, lang=ctx.lang)
    st.session_state["_import_plan"] = (key, plan)
    return plan


def commit_import(ctx: Context, plan: Any, accept_partial: bool) -> dict[str, int]:
    """Write a checked plan through the dashboard's own connection; the totals of what happened."""
    from . import ingest

    ingest.commit(ctx.store, plan, accept_partial=accept_partial)
    st.session_state.pop("_import_plan", None)
    totals = {"added": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    for fp in plan.files:
        for k in totals:
            totals[k] += (fp.result or {}).get(k, 0)
    return totals


def template_buttons(ctx: Context) -> None:
    """One download button per kind: an XLSX import template built on click."""
    from . import templates
    from .contract import KIND_ORDER
    from .messages import label

    names = templates.template_names()
    for col, kind in zip(st.columns(4) * 2, KIND_ORDER):
        col.download_button(label(kind, ctx.lang), data=partial(templates.template_xlsx, kind, ctx.lang),
                            file_name=names[kind], key=f"tpl_{kind}", on_click="ignore", icon=":material/table:",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            width="stretch")


def backup_zip(ctx: Context) -> bytes:
    """Every table as a contract CSV, zipped (the dashboard's export-data)."""
    import io
    import tempfile
    import zipfile
    from pathlib import Path

    from .contract import KIND_ORDER

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for kind in KIND_ORDER:
            path = Path(tmp) / f"{kind}.csv"
            ctx.store.export_csv(kind, path)
            zf.write(path, f"{kind}.csv")
    return buffer.getvalue()


def no_data(ctx: Context) -> None:
    """The state shown instead of an empty chart."""
    st.info(ctx.t("no_data"), icon=":material/info:")
