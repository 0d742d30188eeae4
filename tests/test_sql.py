"""The SQL the engine generates, snapshot-tested (syrupy): a change to a rule shows as a readable diff of the
queries it touches. Review the diff, then refresh with `python -m pytest tests/test_sql.py --snapshot-update`;
never edit the snapshot by hand."""

from __future__ import annotations

import pytest

from sdm_analytics.engine import evaluation, ipasn, needs, quality, tables
from sdm_analytics.engine.metrics import compute, compute_by, scrap_estimate
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.settings import Settings
from sdm_analytics.store import Store

SETTINGS = Settings()  # the defaults, not the environment: a snapshot must not depend on the machine
VIEWER = Scope.everything()
EVALUATOR = Scope.of(["DINDIK"], role="evaluator")
FILTERED = Filters.make(2025, {"opd": ["DINDIK"], "gender": ["P"], "mode": ["daring"]})


class RecordingStore(Store):
    """A store that keeps every statement it runs, with its parameters' names and values."""

    def __init__(self) -> None:
        super().__init__(":memory:")
        self.log: list[str] = []

    def execute(self, sql, params=None):
        shown = "" if not isinstance(params, dict) else "\n".join(
            f"-- ${k} = {params[k]!r}" for k in sorted(params) if f"${k}" in sql)
        self.log.append(f"{sql.strip()}\n{shown}".strip())
        return super().execute(sql, params)


@pytest.fixture
def store() -> RecordingStore:
    """The hand-checked small data in a store that records what it runs (from here on)."""
    from pathlib import Path

    recording = RecordingStore()
    recording.load_csv_dir(Path(__file__).parent / "data" / "small")
    recording.log.clear()
    return recording


QUERIES = {
    "compute_city": lambda s: compute(s, Filters.make(2025), VIEWER, settings=SETTINGS),
    "compute_filtered_scoped": lambda s: compute(s, FILTERED, EVALUATOR, settings=SETTINGS),
    "compute_by_opd": lambda s: compute_by(s, Filters.make(2025), "opd", VIEWER, ["jp20_rate", "cost_total"],
                                           settings=SETTINGS),
    "scrap_estimate": lambda s: scrap_estimate(s, Filters.make(2025), VIEWER, SETTINGS),
    "people_below": lambda s: tables.people_below(s, FILTERED, EVALUATOR, SETTINGS),
    "new_staff": lambda s: tables.new_staff(s, Filters.make(2025), VIEWER, SETTINGS),
    "zero_jp": lambda s: tables.zero_jp(s, Filters.make(2025), VIEWER, SETTINGS),
    "never_trained_by_age": lambda s: tables.never_trained_by(s, Filters.make(2025), "age_band", VIEWER),
    "needs_gap": lambda s: needs.needs_gap(s, Filters.make(2025), VIEWER, SETTINGS),
    "needs_choices_by_unit": lambda s: needs.choices(s, Filters.make(2025), "topic", VIEWER, by="unit",
                                                     settings=SETTINGS),
    "drivers": lambda s: evaluation.drivers(s, Filters.make(2025), VIEWER, settings=SETTINGS),
    "program_summary": lambda s: evaluation.program_summary(s, Filters.make(2025), VIEWER, SETTINGS),
    "ipasn_summary": lambda s: ipasn.summary(s, Filters.make(2025), scope=VIEWER),
    "quality_checks": lambda s: quality.checks(s, Filters.make(2025), VIEWER, SETTINGS),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_generated_sql(store, snapshot, name):
    QUERIES[name](store)
    assert "\n\n-- next statement --\n\n".join(store.log) == snapshot
