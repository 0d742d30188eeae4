"""The engine: every figure the product shows, computed in DuckDB from the store.

Nothing here imports streamlit, plotly or the import pipeline; each function takes a `Store`,
`Filters`, an optional `Scope` and `Settings`, and returns a number, a dict or a small frame.

- `metrics`: the metric registry (METRICS) and `compute` / `compute_by`; `plan`: the query each request
  needs (only its aggregates, a breakdown as one grouped query);
- `api`: the public Python API (`open_store`, `compute` -> DataFrame), published at the package top;
- `population`: who is counted (in post at the end of the year, during it, full year);
- `tables`: people lists, the JP distribution and other tables; `registry`: every named table (TABLES);
- `needs`, `evaluation`, `ipasn`, `quality`, `targets`, `units`: one subject each;
- `stats`: intervals and gaps; `insights`: the findings written out for a briefing.
"""

from .metrics import METRIC_IDS, METRICS, compute, compute_by, scrap_estimate
from .registry import TABLE_NAMES, TABLES, TableSpec, table

__all__ = ["METRICS", "METRIC_IDS", "compute", "compute_by", "scrap_estimate", "TABLES", "TABLE_NAMES", "TableSpec", "table"]
