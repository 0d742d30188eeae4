"""Where a chart's data comes from, for one view (filters, scope, language).

The base Source asks the engine directly (CLI, deck); the dashboard subclasses it (ui.CachedSource)
to answer from its caches, so a page's chart and its table share one query.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..engine import registry, targets, units
from ..engine.metrics import Result, compute, compute_by
from ..filters import Filters, Scope
from ..settings import Settings, load_settings
from ..store import Store

__all__ = ["Source"]


class Source:
    """The data behind the charts, for one view (filters, scope, language), straight from the engine."""

    # A ranking of more groups than this shows the weakest and the strongest halves (a province's 700 OPDs
    # would be a chart 20,000 px tall); None shows every group.
    MAX_BARS = 40

    def __init__(self, store: Store, filters: Filters, scope: Scope | None = None, lang: str = "id",
                 settings: Settings | None = None, max_bars: int | None = MAX_BARS) -> None:
        self.store, self.filters, self.scope, self.lang = store, filters, scope or Scope.everything(), lang
        self.settings = settings or load_settings()
        self.max_bars = max_bars

    def metrics(self, ids: tuple[str, ...] | None = None, filters: Filters | None = None) -> Result:
        """Scalar metrics (every one, or the given) for this view, or for other filters."""
        return compute(self.store, filters or self.filters, self.scope, ids, settings=self.settings)

    def metrics_by(self, by: str, ids: tuple[str, ...], filters: Filters | None = None) -> pd.DataFrame:
        return compute_by(self.store, filters or self.filters, by, self.scope, list(ids), settings=self.settings)

    def table(self, name: str, filters: Filters | None = None, **options: Any) -> pd.DataFrame:
        """A table of the registry (engine.registry.TABLES) for this view, or for other filters."""
        return registry.table(name, self.store, filters or self.filters, self.scope, self.settings, **options)

    def unit_names(self) -> dict[str, str]:
        return units.unit_names(self.store)

    def unit_targets(self, year: int, opd: str) -> dict[str, float]:
        return targets.targets(self.store, year, opd)

    def target_progress(self) -> pd.DataFrame:
        return self.table("target_progress")

    def targets(self, year: int | None = None) -> dict[str, float]:
        """The targets that apply to the view (see targets.target_unit): none for a slice."""
        unit = targets.target_unit(self.filters, self.scope)
        return {} if unit is None else self.unit_targets(year or self.filters.year, unit)

    def references(self, year: int | None = None) -> dict[str, tuple[float, str]]:
        """The target each figure of the view is read against, with the label key that says whose it is: the
        view's own unit's ('target'); where it has none — a slice, an evaluator's OPDs, an OPD without a
        target of its own — the city's, as a reference ('target_city'), never judged as the slice's own."""
        year = year or self.filters.year
        unit = targets.target_unit(self.filters, self.scope)
        own = self.unit_targets(year, unit) if unit is not None else {}
        city = {} if unit == "" else self.unit_targets(year, "")
        return {**{k: (v, "target_city") for k, v in city.items()}, **{k: (v, "target") for k, v in own.items()}}
