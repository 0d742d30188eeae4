"""Shared widgets: the header, KPI cards, catalogued charts with their downloads, tables with theirs,
findings, the deck button, the trust note, drill-down and the programme picker."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from ..engine.metrics import METRICS, Result
from ..filters import Filters, Scope
from ..formatting import escape_markdown, fmt_date, fmt_number
from ..i18n import TEXT
from ..present import catalog, charts, export
from ..present.views import Display, target_words
from ..store import open_store
from .context import MAIN_FILTERS, MORE_FILTERS, Context
from .data import CachedSource, figure, metrics, table, view_metrics


def trust_note(ctx: Context, metric_ids: Sequence[str]) -> None:
    """The data-quality caveats that touch the figures a page shows, next to them."""
    from ..engine import quality

    notes = quality.trust_notes(table(ctx, "quality_checks"), metric_ids, ctx.lang)
    if notes:
        with st.expander(f"{ctx.t('trust_heading')} ({len(notes)})", icon=":material/report:"):
            for note in notes:
                st.markdown(f"- {note}")
            st.page_link("pages/10_Kualitas_Data.py", label=ctx.t("trust_more"), icon=":material/verified:")


# -- shared rendering helpers -----------------------------------------------
def filters_text(ctx: Context) -> str:
    """The active filters in words ('' when none)."""
    return export.filters_text(ctx.store, ctx.filters, ctx.lang, ctx.scope)


def description(ctx: Context) -> Any:
    """What every export of this view carries: filters, period, n, as-of, source, suppression."""
    n = metrics(ctx, ids=("headcount",)).values["headcount"]
    return export.describe_view(ctx.store, ctx.filters, ctx.scope, ctx.lang, ctx.settings, n)


def ranking_level(ctx: Context) -> str:
    """What the OPD ranking ranks: OPDs, or the unit kerja of the one OPD the view (or the account) covers."""
    opds = ctx.filters.opd or (tuple(ctx.scope.opds) if ctx.scope.restricted else ())
    return "unit" if len(opds) == 1 else "opd"


def structure_line(ctx: Context, current: Result) -> None:
    """How many OPDs, unit kerja and ASN the view covers (the count the deck and the README give too), and how
    many of the ASN were in post the whole year (the 20 JP rate's n) or are new."""
    from ..formatting import fmt_number as num
    from .data import unit_counts

    counts = unit_counts(ctx)
    people, full = current.values["headcount"] or 0, current.n["jp20_rate"]
    st.caption(ctx.t("structure_line", opds=num(counts["opd"], ctx.lang, 0), units=num(counts["unit"], ctx.lang, 0),
                     people=num(people, ctx.lang, 0), full=num(full, ctx.lang, 0), new=num(people - full, ctx.lang, 0)))


def header(ctx: Context, extra: str = "") -> None:
    """Page title and the line that says what is shown: period, scope, as-of date (and `extra`, ours)."""
    st.title(ctx.t(f"page_{ctx.page_id}"))
    active = filters_text(ctx)  # unit names come from the data
    scope = ctx.t("scope_filtered", filters=escape_markdown(active)) if active else ctx.t("scope_city")
    line = ctx.t("scope_line", year=ctx.filters.year, scope=scope, as_of=fmt_date(ctx.store.as_of(), ctx.lang))
    st.caption(f"{line} · {extra}" if extra else line)


@st.cache_data(show_spinner=False, max_entries=128)
def _findings(db: str, version: str, filters: Filters, scope: Scope, lang: str, settings: Any) -> list:
    from ..engine import insights

    now = view_metrics(db, version, filters, scope, settings)  # the page's own figures, computed once
    return insights.findings(open_store(db), filters, scope, lang, settings, now=now)


def logged(ctx: Context, file_name: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download's bytes, built when clicked, with a line in the account log of who took which file out."""
    def build() -> bytes:
        from .. import accounts

        data = make()
        accounts.log_export(ctx.store, ctx.user.username if ctx.user else "", file_name)
        return data

    return build


def deck_button(ctx: Context, compact: bool = False) -> None:
    """Download the briefing deck of the current view as PPTX (and PDF where LibreOffice is installed);
    compact: short labels, for the overview's title row."""
    import shutil

    from ..present import briefing

    def deck() -> bytes:  # from the page's caches: the figures, tables and findings it already holds
        found = _findings(ctx.db_path, ctx.version, ctx.filters, ctx.scope, ctx.lang, ctx.settings)
        return briefing.build_deck(ctx.store, ctx.filters, ctx.scope, ctx.lang, settings=ctx.settings,
                                   source=CachedSource(ctx), found=list(found))

    left, right = st.columns(2) if compact else st.columns([2, 2, 3])[:2]
    name = f"paparan_sdm_asn_{ctx.filters.year}"
    left.download_button("PPTX" if compact else ctx.t("deck_button"), help=ctx.t("deck_button") if compact else None, data=logged(ctx, f"{name}.pptx", deck), file_name=f"{name}.pptx",
                         key="deck", on_click="ignore", icon=":material/slideshow:", type="primary", width="stretch",
                         mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    if shutil.which("soffice"):
        right.download_button("PDF" if compact else ctx.t("deck_pdf"), help=ctx.t("deck_pdf") if compact else None, data=logged(ctx, f"{name}.pdf", lambda: briefing.to_pdf(deck())),
                              key="deck_pdf", file_name=f"{name}.pdf", mime="application/pdf",
                              on_click="ignore", icon=":material/picture_as_pdf:", width="stretch")


def findings_panel(ctx: Context, k: int = 5, small: bool = False, rest: bool = True) -> None:
    """Temuan Utama: the k most important findings of the view, each with its figure and n; the others one
    click away (rest=False: the page shows them elsewhere, findings_rest). small: in a narrow column beside
    the KPI cards (smaller type)."""
    found = _findings(ctx.db_path, ctx.version, ctx.filters, ctx.scope, ctx.lang, ctx.settings)
    if not found:
        return
    with st.container(border=True, key="findings_small" if small else None):
        st.markdown(f"**{ctx.t('findings_heading')}**")
        for finding in found[:k]:  # a finding names OPDs and topics from the data: shown as text, never Markdown
            st.text(f"• {finding.text}")
        if rest:
            findings_rest(ctx, k)


def findings_rest(ctx: Context, skip: int) -> None:
    """The findings after the first `skip`, in an expander (nothing when there are none)."""
    found = _findings(ctx.db_path, ctx.version, ctx.filters, ctx.scope, ctx.lang, ctx.settings)[skip:]
    if found:
        with st.expander(ctx.t("findings_more", n=len(found)), icon=":material/lightbulb:"):
            for finding in found:
                st.text(f"• {finding.text}")


def kpi(ctx: Context, metric_id: str, current: Result, previous: Result | None,
        target: tuple[float, str] | None = None, compact: bool = False) -> None:
    """One KPI card: value, change from last year, the target it is read against (its own: met or not; the
    city's as a reference for a view without its own: above or below) and n — or why there is no value.
    compact: a card of a row of eight (the year compared with is said once, above the row)."""
    from ..formatting import fmt_delta, fmt_number, fmt_short

    m = METRICS[metric_id]
    value = current.values[metric_id]
    if metric_id in current.suppressed:  # short enough for the card; the caption says why
        shown = f"n < {ctx.settings.min_respondents}"
    else:
        shown = fmt_short(value, m.unit, ctx.lang)
    delta = None
    if previous is not None and metric_id not in current.suppressed:
        delta = fmt_delta(value, previous.values[metric_id], m.unit, ctx.lang, words=True)
    color = "inverse" if m.better == "lower" else ("off" if m.better is None else "normal")
    n = current.n[metric_id]
    lines = [] if n is None else [f"n = {fmt_number(n, ctx.lang, 0)}"]
    if metric_id in current.suppressed:  # a hidden survey figure's n is withheld: "n < K" says enough
        lines.append(ctx.t("suppressed", k=ctx.settings.min_respondents))
    elif value is None and not n:  # "–" alone reads as a fault: say there is nothing to count yet
        lines = [ctx.t(f"kpi_empty.{metric_id}" if f"kpi_empty.{metric_id}" in TEXT else "kpi_empty")]
    if target is not None:
        lines.insert(0, target_words(ctx, metric_id, value, target, metric_id in current.suppressed)[0])
    flat = delta is not None and delta.startswith("±")  # no change: no arrow, no colour
    st.metric(m.label(ctx.lang, ctx.settings), shown, delta=delta, delta_color="off" if flat else color, border=True,
              delta_arrow="off" if flat else "auto", help=m.description(ctx.lang, ctx.settings),
              delta_description=ctx.t("vs_prev", year=ctx.filters.year - 1) if delta and not compact else None)
    st.caption(("  \n" if compact else " · ").join(lines))


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
    st.session_state[_PICKED] = True


# A click on a chart inside a fragment reruns only the fragment: a pick, which filters every figure of the
# page, asks for the whole page once the fragment starts again.
_PICKED = "_drill_picked"


def _whole_page_after_pick() -> None:
    if st.session_state.pop(_PICKED, False) and fragment_run():
        st.rerun(scope="app")


def fragment_run() -> bool:
    """Whether this run is a fragment's alone (a selector inside st.fragment changed), not the page's."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    return bool(run is not None and run.fragment_ids_this_run)


def chart(ctx: Context, chart_id: str, key: str | None = None, filters: Filters | None = None,
          empty_note: bool = False, **options: str) -> Any:
    """A catalogued chart of the view at full width, with PNG/SVG/PDF downloads and the CLI command that
    reproduces it; a chart with a drill dimension filters every page on a click. Returns the figure
    (None when there is nothing to draw: then nothing is shown, or the no-data note with empty_note)."""
    _whole_page_after_pick()
    view = replace(ctx, filters=filters) if filters is not None else ctx
    spec = catalog.chart_of(chart_id)
    key = key or chart_id
    every_bar = bool(st.session_state.get(f"{key}_every_bar"))
    fig = figure(view, chart_id, options, every_bar)
    if fig is None:
        if empty_note:
            no_data(ctx)
        return None
    drill = spec.drill_dim(spec.resolve(options))
    config = charts.CONFIG  # no plotly toolbar: it speaks English and covers titles; the menu below replaces it
    if drill is None:
        st.plotly_chart(fig, width="stretch", key=key, config=config)
    else:
        st.plotly_chart(fig, width="stretch", key=key, config=config, on_select=partial(_on_pick, key, drill),
                        selection_mode="points")
    left, right = st.columns([3, 1])
    if drill is not None:
        left.caption(ctx.t("drill_hint") if drill != "year" else ctx.t("drill_year_hint"))
    hidden = fig.layout.meta.get("hidden_groups", 0) if isinstance(fig.layout.meta, dict) else 0
    if hidden or every_bar:  # the groups left out of a long ranking, a click away
        groups = len(fig.data[0].y) if every_bar else len(fig.data[0].y) - 1 + hidden
        left.toggle(ctx.t("show_all_bars", n=fmt_number(groups, ctx.lang, 0)), key=f"{key}_every_bar")
    with right.popover(ctx.t("download_chart"), icon=":material/download:", width="content", key=f"{key}_dl"):
        _chart_downloads(view, fig, chart_id, key, options, every_bar)
    return fig


def _chart_downloads(ctx: Context, fig: Any, chart_id: str, key: str, options: dict[str, str],
                     every_bar: bool = False) -> None:
    for fmt in export.FORMATS:
        name = f"{chart_id}_{ctx.filters.year}.{fmt}"
        st.download_button(fmt.upper(), data=logged(ctx, name, partial(_chart_file, ctx, fig, fmt)),
                           file_name=name, mime=export.FORMATS[fmt],
                           key=f"{key}_{fmt}", on_click="ignore", width="stretch")
    if ctx.scope.role == "pimpinan":  # the command line is for the people who prepare figures, not leadership
        return
    st.caption(ctx.t("chart_cli"))
    view = ctx.filters  # an account limited to some OPDs: the same figures from the CLI need them as filters
    if ctx.scope.restricted and not view.opd:
        view = view.with_value("opd", sorted(ctx.scope.opds or ()))
    st.code(catalog.command(chart_id, view, options, ctx.lang, all_bars=every_bar), language="bash", wrap_lines=True)


def _chart_file(ctx: Context, fig: Any, fmt: str) -> bytes:
    return export.chart_bytes(fig, fmt, description(ctx))


def _grid(table: Display, height: int | str) -> dict[str, Any]:
    """st.dataframe's arguments for a display table: its column hints (key columns first, widths, numbers
    right-aligned, the first column of a wide table pinned) and a height no taller than its rows, so a short
    table does not end in empty rows."""
    config = {name: st.column_config.Column(**hints) for name, hints in table.column_config().items()}
    return {"data": table.shown, "column_config": config, "height": table.fit_height(height), "hide_index": True,
            "width": "stretch"}


def show_table(ctx: Context, table: Display, file_name: str, key: str, height: int | str = "auto") -> None:
    """A display table as the page shows it, with its CSV and XLSX downloads."""
    st.dataframe(**_grid(table, height))
    download_csv(ctx, table, file_name, key)


# A list of people shows its first rows on the page (a province's list would be megabytes on every rerun);
# the downloads hold everyone.
LIST_ROWS = 1000


def people_list(ctx: Context, frame: pd.DataFrame, build: Callable[[Context, pd.DataFrame], Display],
                file_name: str, key: str, height: int | str = "auto") -> None:
    """A list of named people for the roles that see people: the first LIST_ROWS rows of `frame` built into a
    display table, the total when there are more, and CSV/XLSX downloads of everyone (built on click).
    Leadership sees the count only (the engine blanks the names for it anyway: hiding is not the protection)."""
    if not ctx.scope.sees_people:
        st.info(ctx.t("people_hidden"), icon=":material/visibility_off:")
        return
    st.dataframe(**_grid(build(ctx, frame.head(LIST_ROWS)), height))
    if len(frame) > LIST_ROWS:
        st.caption(ctx.t("list_first", shown=fmt_number(LIST_ROWS, ctx.lang, 0), n=fmt_number(len(frame), ctx.lang, 0)))
    download_csv(ctx, lambda: build(ctx, frame), file_name, key)


def download_csv(ctx: Context, frame: pd.DataFrame | Display | Callable[[], Display], file_name: str,
                 key: str) -> None:
    """CSV (as shown) and XLSX (numbers kept as numbers; for every role but admin, rounded as shown) downloads
    of a table (or of what a callable builds), built only when clicked, both describing themselves."""
    def table() -> pd.DataFrame | Display:
        return frame() if callable(frame) else frame

    left, right, _ = st.columns([1, 1, 4])
    xlsx = file_name.rsplit(".", 1)[0] + ".xlsx"
    left.download_button(ctx.t("download_csv"), data=logged(ctx, file_name, lambda: export.table_csv(table())),
                         file_name=file_name, mime="text/csv", key=key, on_click="ignore", icon=":material/download:")
    right.download_button(ctx.t("download_xlsx"), file_name=xlsx, key=f"{key}_xlsx",
                          data=logged(ctx, xlsx, lambda: export.table_xlsx(table(), description(ctx), lang=ctx.lang,
                                                                           exact=not ctx.scope.suppresses)),
                          mime=export.MIME_XLSX, on_click="ignore", icon=":material/table:")


def program_picker(ctx: Context, programs: pd.DataFrame, file_name: str, key: str) -> None:
    """The per-programme table (its first LIST_ROWS rows, with the total when there are more: a nation's year
    holds 100 000 programmes) with CSV/XLSX downloads of all of them; choosing a row opens that programme on
    the Program page."""
    from ..present.views import program_table

    first = programs.head(LIST_ROWS)
    event = st.dataframe(**_grid(program_table(ctx, first), 420), key=key, on_select="rerun",
                         selection_mode="single-row")
    rows = event.selection.rows if event is not None else []
    if rows:
        st.switch_page("pages/7_Program.py", query_params={"program": first["program_code"].iloc[rows[0]]})
    if len(programs) > LIST_ROWS:
        st.caption(ctx.t("list_first", shown=fmt_number(LIST_ROWS, ctx.lang, 0), n=fmt_number(len(programs), ctx.lang, 0)))
    st.caption(ctx.t("pick_program_hint"))
    download_csv(ctx, lambda: program_table(ctx, programs), file_name, f"{key}_csv")


def program_choice(ctx: Context, programs: pd.DataFrame, key: str = "p7_program") -> str:
    """The programme picker: a ?program= link (e.g. from the programme table) wins once, then the user's choice."""
    from ..formatting import fmt_number as num

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


def breakdown_pick(ctx: Context, dims: Sequence[str], metric_ids: Sequence[str], key: str) -> tuple[str, str]:
    """Two selectors side by side: the dimension a chart breaks the view down by, and its metric."""
    from ..i18n import dim_label

    left, right = st.columns(2)
    dim = left.selectbox(ctx.t("breakdown_pick"), dims, format_func=lambda d: dim_label(d, ctx.lang), key=f"{key}_by")
    metric_id = right.selectbox(ctx.t("metric_pick"), metric_ids, key=f"{key}_metric",
                                format_func=lambda m: METRICS[m].label(ctx.lang, ctx.settings))
    return dim, metric_id


def no_data(ctx: Context) -> None:
    """The state shown instead of an empty chart."""
    st.info(ctx.t("no_data"), icon=":material/info:")
