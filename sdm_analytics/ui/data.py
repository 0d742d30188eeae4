"""The figures a page shows, cached per store version, filters and scope: what pages call instead of the engine."""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd
import streamlit as st

from ..engine import units
from ..engine.metrics import Result, compute, compute_by
from ..engine.targets import targets as _targets_of
from ..filters import Filters, Scope
from ..present.source import Source
from ..settings import Settings
from ..store import open_store
from .view import Context


# -- cached figures -----------------------------------------------------------
# Every cached figure is keyed by the store's version, the view (filters, scope) and the settings it was
# computed with: the settings reach the engine from the page, never re-read below it.
@st.cache_data(show_spinner=False, max_entries=2048)
def _compute(db: str, version: str, filters: Filters, scope: Scope, ids: tuple[str, ...] | None,
             settings: Settings) -> Result:
    return compute(open_store(db), filters, scope, ids, settings)


@st.cache_data(show_spinner=False, max_entries=512)
def _compute_by(db: str, version: str, filters: Filters, scope: Scope, by: str,
                ids: tuple[str, ...] | None, years: tuple[int, ...] | None, settings: Settings) -> pd.DataFrame:
    return compute_by(open_store(db), filters, by, scope, ids, years, settings)


def _source(db: str, filters: Filters, scope: Scope, settings: Settings) -> Source:
    return Source(open_store(db), filters, scope, settings=settings)


@st.cache_data(show_spinner=False, max_entries=1024)
def _table(db: str, version: str, name: str, filters: Filters, scope: Scope,
           options: tuple[tuple[str, Any], ...], settings: Settings) -> pd.DataFrame:
    return _source(db, filters, scope, settings).table(name, **dict(options))


# The sidebar's lists and names are read on every run of every page: shared as they are (cache_resource: no
# copy per run, 100 000 unit kerja at national scale), never changed by a caller.
@st.cache_resource(show_spinner=False, max_entries=64)
def filter_options(db: str, version: str, scope: Scope) -> dict[str, list[str]]:
    """Each filter's choices in the viewer's scope; unit kerja OPD first, then by name."""
    options = units.options(open_store(db), scope)
    names, opds = unit_names_of(db, version), unit_opds_of(db, version)
    options["unit"] = sorted(options.get("unit", []), key=lambda u: (opds.get(u, u) != u, names.get(u, u)))
    return options


@st.cache_resource(show_spinner=False, max_entries=64)
def unit_names_of(db: str, version: str) -> dict[str, str]:
    return units.unit_names(open_store(db))


@st.cache_resource(show_spinner=False, max_entries=64)
def unit_opds_of(db: str, version: str) -> dict[str, str]:
    return units.unit_opds(open_store(db))


@st.cache_data(show_spinner=False, max_entries=64)
def _unit_counts(db: str, version: str, scope: Scope) -> dict[str, int]:
    return units.unit_counts(open_store(db), scope)


def unit_counts(ctx: Context) -> dict[str, int]:
    """How many OPDs and unit kerja the viewer's scope holds."""
    return _unit_counts(ctx.db_path, ctx.version, ctx.scope)


@st.cache_data(show_spinner=False, max_entries=64)
def _targets(db: str, version: str, year: int, opd: str) -> dict[str, float]:
    return _targets_of(open_store(db), year, opd)


def view_metrics(db: str, version: str, filters: Filters, scope: Scope, settings: Settings) -> Result:
    """Every metric of a view from the cache the pages share (for cached functions that have no Context)."""
    return _compute(db, version, filters, scope, None, settings)


def metrics(ctx: Context, filters: Filters | None = None, ids: Sequence[str] | None = None) -> Result:
    """Scalar metrics for the context's (or the given) filters, in the viewer's scope."""
    return _compute(ctx.db_path, ctx.version, filters or ctx.filters, ctx.scope, tuple(ids) if ids else None,
                    ctx.settings)


def metrics_by(ctx: Context, by: str, ids: Sequence[str] | None = None, filters: Filters | None = None,
               years: Sequence[int] | None = None) -> pd.DataFrame:
    """Metrics by one dimension (or 'year') for the context's filters."""
    return _compute_by(ctx.db_path, ctx.version, filters or ctx.filters, ctx.scope, by,
                       tuple(ids) if ids else None, tuple(years) if years else None, ctx.settings)


# Lists of people (a row per ASN: 4 million at national scale) are shared as computed instead of copied on
# every run as cache_data does (pandas copies on write: a page that changes one changes its own copy).
PEOPLE_TABLES = frozenset({"people_below", "never_trained", "ipasn_scores", "participants"})


@st.cache_resource(show_spinner=False, max_entries=16)
def _people_table(db: str, version: str, name: str, filters: Filters, scope: Scope,
                  options: tuple[tuple[str, Any], ...], settings: Settings) -> pd.DataFrame:
    return _source(db, filters, scope, settings).table(name, **dict(options))


def table(ctx: Context, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
    """A table of the registry (engine.registry.TABLES) for the context's (or the given) filters, with its
    options (e.g. by='area'), cached per store version, view and settings."""
    cached = _people_table if name in PEOPLE_TABLES else _table
    return cached(ctx.db_path, ctx.version, name, filters or ctx.filters, ctx.scope, tuple(sorted(options.items())),
                  ctx.settings)


@st.cache_resource(show_spinner=False, max_entries=16)
def _ipasn_candidates(db: str, version: str, filters: Filters, scope: Scope, settings: Settings) -> pd.DataFrame:
    from ..present.views import ipasn_candidates as candidates

    return candidates(_people_table(db, version, "ipasn_scores", filters, scope, (), settings))


def ipasn_candidates(ctx: Context) -> pd.DataFrame:
    """The view's ASN whose kompetensi points one more programme would raise, largest gain first (views)."""
    return _ipasn_candidates(ctx.db_path, ctx.version, ctx.filters, ctx.scope, ctx.settings)


@st.cache_data(show_spinner=False, max_entries=128)
def _comments(db: str, version: str, filters: Filters, scope: Scope, kind: str,
              settings: Settings) -> tuple[pd.DataFrame, bool]:
    from ..engine import evaluation

    return evaluation.comments(open_store(db), filters, kind, scope, settings)


def comments(ctx: Context, filters: Filters, kind: str = "reaction") -> tuple[pd.DataFrame, bool]:
    """Free-text answers for the filtered programs, and whether they were suppressed."""
    return _comments(ctx.db_path, ctx.version, filters, ctx.scope, kind, ctx.settings)


def target_progress(ctx: Context) -> pd.DataFrame:
    """Targets of the year beside their actuals, in the viewer's scope."""
    return table(ctx, "target_progress")


def unit_names(ctx: Context) -> dict[str, str]:
    """opd_code -> name."""
    return unit_names_of(ctx.db_path, ctx.version)


def targets(ctx: Context, year: int | None = None) -> dict[str, tuple[float, str]]:
    """The target each figure of the view is read against, with whose it is (Source.references): its own
    unit's, else the city's as a reference."""
    return CachedSource(ctx).references(year)


@st.cache_resource(show_spinner=False, max_entries=512)
def _figure(db: str, version: str, chart_id: str, filters: Filters, scope: Scope, lang: str, settings: Settings,
            options: tuple[tuple[str, Any], ...], every_bar: bool, _view: Context) -> Any:
    from ..present import catalog

    return catalog.render(chart_id, CachedSource(_view, None if every_bar else Source.MAX_BARS), dict(options))


def figure(ctx: Context, chart_id: str, options: dict[str, Any], every_bar: bool = False) -> Any:
    """A catalogued chart's figure for the view, built once per (chart, options, view, language, settings, data
    version) and shared by every session: a rerun that changed nothing draws nothing again. The figure is
    never changed after it is built (exports draw on a copy). A ranking of many groups shows the weakest and
    the strongest (Source.MAX_BARS) unless every_bar."""
    return _figure(ctx.db_path, ctx.version, chart_id, ctx.filters, ctx.scope, ctx.lang, ctx.settings,
                   tuple(sorted(options.items())), every_bar, ctx)


class CachedSource(Source):
    """The catalogue's data source answered from the dashboard's caches (shared with the pages' tables)."""

    def __init__(self, ctx: Context, max_bars: int | None = Source.MAX_BARS) -> None:
        super().__init__(ctx.store, ctx.filters, ctx.scope, ctx.lang, ctx.settings, max_bars)
        self.ctx = ctx

    def metrics(self, ids: tuple[str, ...] | None = None, filters: Filters | None = None) -> Result:
        return metrics(self.ctx, filters, ids)

    def metrics_by(self, by: str, ids: tuple[str, ...], filters: Filters | None = None) -> pd.DataFrame:
        return metrics_by(self.ctx, by, ids, filters)

    def table(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        return table(self.ctx, name, filters, **options)

    def unit_names(self) -> dict[str, str]:
        return unit_names(self.ctx)

    def unit_targets(self, year: int, opd: str) -> dict[str, float]:
        return _targets(self.ctx.db_path, self.ctx.version, year, opd)


