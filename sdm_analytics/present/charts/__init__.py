"""Plotly figure builders: they format and draw frames, they never fetch data.

`base` holds the shared look (palette, layout, axis formats, group order); `bars` the charts of one
metric (trend, ranking, breakdown, grouped, distribution, bars with 95% intervals); `panels` the rest
(demand vs supply, heatmaps, shares, pairs, pre/post, targets, IP ASN, data quality).
"""

from .bars import bars_ci, by_dimension, distribution, grouped, ranking, trend, weakest_count
from .base import CONFIG, PALETTE, SERIES, ordered
from .panels import (
    attainment,
    coverage,
    demand_supply,
    grouped_long,
    heatmap,
    lines,
    opd_by_type,
    pre_post,
    quality_bars,
    score_pairs,
    stacked_shares,
)

__all__ = [
    "CONFIG", "PALETTE", "SERIES", "ordered", "trend", "weakest_count", "ranking", "by_dimension", "grouped", "distribution",
    "bars_ci", "demand_supply", "heatmap", "stacked_shares", "grouped_long", "score_pairs", "pre_post", "attainment",
    "coverage", "opd_by_type", "lines", "quality_bars",
]
