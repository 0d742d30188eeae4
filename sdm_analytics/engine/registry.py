"""Every named table of the engine, registered once: what `Source.table`, the dashboard's cache and the
CLI's `metrics --table` offer.

A table is called for one view — store, filters, scope, settings — plus the options its function takes
(`by`, `kind`, `dimension`, …). Functions that do not take settings are not given them.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from ..filters import Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store
from . import evaluation, ipasn, needs, quality, tables, targets

__all__ = ["TableSpec", "TABLES", "TABLE_NAMES", "CLI_TABLES", "table"]

_VIEW = ("store", "filters", "scope", "settings")


@dataclass(frozen=True)
class TableSpec:
    """A named table: its engine function, and whether `metrics --table` offers it (tables that need an
    option the CLI has no flag for, or that list names for a page's drill-down, are page-only)."""

    name: str
    fn: Callable[..., pd.DataFrame]
    cli: bool = True

    @property
    def options(self) -> tuple[str, ...]:
        """The keyword options a caller may pass besides the view (e.g. 'by')."""
        return tuple(p for p in inspect.signature(self.fn).parameters if p not in _VIEW)

    @property
    def takes_settings(self) -> bool:
        return "settings" in inspect.signature(self.fn).parameters


def _target_progress(store: Store, filters: Filters, scope: Scope | None = None,
                     settings: Settings | None = None) -> pd.DataFrame:
    """Targets are set for a unit and a year, not a slice: only the filters' year is used."""
    return targets.target_progress(store, filters.year, scope, settings)


_SPECS = (
    TableSpec("needs_gap", needs.needs_gap),
    TableSpec("choices", needs.choices, cli=False),
    TableSpec("new_staff", tables.new_staff),
    TableSpec("zero_jp", tables.zero_jp),
    TableSpec("people_below", tables.people_below),
    TableSpec("scrap_estimate", tables.scrap_table),
    TableSpec("jp_distribution", tables.jp_distribution),
    TableSpec("never_trained", tables.never_trained),
    TableSpec("never_trained_by", tables.never_trained_by),
    TableSpec("level4_by_training", tables.level4_by_training),
    TableSpec("readiness_by_participation", tables.readiness_by_participation),
    TableSpec("target_progress", _target_progress),
    TableSpec("survey_summary", evaluation.survey_summary),
    TableSpec("drivers", evaluation.drivers),
    TableSpec("gain_bands", evaluation.gain_bands),
    TableSpec("program_summary", evaluation.program_summary),
    TableSpec("participants", evaluation.participants),
    TableSpec("ipasn_scores", ipasn.scores),
    TableSpec("ipasn_summary", ipasn.summary),
    TableSpec("ipasn_trend", ipasn.trend),
    TableSpec("quality_checks", quality.checks),
    TableSpec("program_response_rates", quality.program_response_rates),
)
TABLES: dict[str, TableSpec] = {spec.name: spec for spec in _SPECS}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
CLI_TABLES: tuple[str, ...] = tuple(spec.name for spec in _SPECS if spec.cli)


def table(name: str, store: Store, filters: Filters, scope: Scope | None = None,
          settings: Settings | None = None, **options: Any) -> pd.DataFrame:
    """The named table for one view; an option the table does not take is a ValueError, not ignored."""
    spec = TABLES.get(name)
    if spec is None:
        raise ValueError(f"unknown table: {name}")
    unknown = set(options) - set(spec.options)
    if unknown:
        raise ValueError(f"table {name} takes no option {', '.join(sorted(unknown))}")
    if spec.takes_settings:
        options["settings"] = settings or load_settings()
    return spec.fn(store, filters, scope=scope or Scope.everything(), **options)
