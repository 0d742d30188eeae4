"""Where a chart's data comes from, for one view (filters, scope, language).

The base Source asks the engine directly (CLI, deck); the dashboard subclasses it (ui.CachedSource)
to answer from its caches, so a page's chart and its table share one query.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

import pandas as pd

from ..engine import evaluation, ipasn, needs, quality, tables, targets, units
from ..engine.metrics import compute_by
from ..filters import Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store

__all__ = ["Source"]


class Source:
    """The data behind the charts, for one view (filters, scope, language), straight from the engine."""

    _TABLES: dict[str, Callable[..., pd.DataFrame]] = {
        "jp_distribution": tables.jp_distribution, "people_below": tables.people_below,
        "new_staff": tables.new_staff, "zero_jp": tables.zero_jp, "scrap_estimate": tables.scrap_table,
        "needs_gap": needs.needs_gap, "choices": needs.choices, "never_trained": tables.never_trained,
        "never_trained_by": tables.never_trained_by, "level4_by_training": tables.level4_by_training,
        "readiness_by_participation": tables.readiness_by_participation,
    }
    _EVALUATION: dict[str, Callable[..., pd.DataFrame]] = {
        "survey_summary": evaluation.survey_summary, "drivers": evaluation.drivers,
        "gain_bands": evaluation.gain_bands,
        "program_summary": evaluation.program_summary, "participants": evaluation.participants,
    }
    _IPASN: dict[str, Callable[..., pd.DataFrame]] = {"scores": ipasn.scores, "summary": ipasn.summary,
                                                      "trend": ipasn.trend}
    _QUALITY: dict[str, Callable[..., pd.DataFrame]] = {"checks": quality.checks,
                                                        "program_response_rates": quality.program_response_rates}

    def __init__(self, store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id",
                 settings: Settings | None = None) -> None:
        self.store, self.filters, self.scope, self.lang = store, filters, scope or Scope.everything(), lang
        self.settings = settings or load_settings()

    def _call(self, fn: Callable[..., pd.DataFrame], filters: Filters | None, **options: Any) -> pd.DataFrame:
        """Run an engine function for this view, handing it the view's settings when it takes them."""
        if "settings" in inspect.signature(fn).parameters:
            options["settings"] = self.settings
        return fn(self.store, filters or self.filters, scope=self.scope, **options)

    def metrics_by(self, by: str, ids: tuple[str, ...], filters: Filters | None = None) -> pd.DataFrame:
        return compute_by(self.store, filters or self.filters, by, self.scope, list(ids), settings=self.settings)

    def table(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        return self._call(self._TABLES[name], filters, **options)

    def evaluation(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        return self._call(self._EVALUATION[name], filters, **options)

    def ipasn(self, name: str, **options: Any) -> pd.DataFrame:
        return self._call(self._IPASN[name], None, **options)

    def quality(self, name: str = "checks") -> pd.DataFrame:
        return self._call(self._QUALITY[name], None)

    def unit_names(self) -> dict[str, str]:
        return units.unit_names(self.store)

    def unit_targets(self, year: int, opd: str) -> dict[str, float]:
        return targets.targets(self.store, year, opd)

    def target_progress(self) -> pd.DataFrame:
        return targets.target_progress(self.store, self.filters.year, self.scope, self.settings)

    def targets(self, year: int | None = None) -> dict[str, float]:
        """The targets that apply to the view (see targets.target_unit): none for a slice."""
        unit = targets.target_unit(self.filters, self.scope)
        return {} if unit is None else self.unit_targets(year or self.filters.year, unit)
