"""Plotly figure builders: they format and draw frames, they never fetch data."""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from .formatting import fmt_number, fmt_value, plotly_separators
from .i18n import code_label, dim_label, t
from .metrics import METRICS

__all__ = ["PALETTE", "trend", "ranking", "by_dimension", "grouped", "distribution"]

PALETTE = {
    "primary": "#1f4e79",
    "accent": "#2e86ab",
    "second": "#f2a541",
    "weak": "#c0392b",
    "good": "#2e8b57",
    "muted": "#9aa5b1",
    "target": "#6c3483",
}
SERIES = ["#1f4e79", "#f2a541", "#2e86ab", "#6c3483", "#2e8b57", "#9aa5b1"]


def _layout(fig: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        template="plotly_white",
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 30, "t": 70, "b": 50},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13, "color": "#1c2833"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        hoverlabel={"font_size": 13},
    )
    return fig


def _axis_format(unit: str) -> dict:
    if unit == "rate":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    return {"tickformat": ",.0f" if unit in ("people", "idr", "idr_per_jp") else ",.1f", "rangemode": "tozero"}


def _num(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # type: ignore[operator]


def trend(frame: pd.DataFrame, ids: Sequence[str], lang: str = "id",
          targets: Mapping[str, float] | None = None) -> go.Figure:
    """Metrics (same unit) over the years, each point labelled, targets as dashed lines."""
    fig = go.Figure()
    years = [int(y) for y in frame["year"]]
    for i, mid in enumerate(ids):
        m = METRICS[mid]
        ys = [_num(v) for v in frame[mid]]
        labels = [fmt_value(v, m.unit, lang) for v in ys]
        ns = [fmt_number(n, lang, 0) for n in frame[f"n_{mid}"]]
        fig.add_trace(go.Scatter(
            x=years, y=ys, name=m.label(lang), mode="lines+markers+text", text=labels,
            textposition="top center", line={"color": SERIES[i % len(SERIES)], "width": 3},
            marker={"size": 9}, customdata=ns,
            hovertemplate="%{x}: %{text} (n = %{customdata})<extra>" + m.label(lang) + "</extra>",
        ))
        if targets and mid in targets:
            fig.add_hline(y=targets[mid], line_dash="dash", line_color=SERIES[i % len(SERIES)],
                          annotation_text=t("target", lang, value=fmt_value(targets[mid], m.unit, lang)),
                          annotation_position="top left", annotation_font_color=SERIES[i % len(SERIES)])
    unit = METRICS[ids[0]].unit
    fig.update_xaxes(tickmode="array", tickvals=years, title_text=t("year", lang))
    fig.update_yaxes(title_text=METRICS[ids[0]].label(lang) if len(ids) == 1 else t("share_asn", lang),
                     **_axis_format(unit))
    if unit == "rate":
        fig.update_yaxes(range=[0, 1.05])
    title = t("trend_title", lang, first=min(years), last=max(years)) if years else ""
    return _layout(fig, title, lang)


def ranking(frame: pd.DataFrame, key: str, metric_id: str, names: Mapping[str, str], lang: str = "id",
            weakest: int = 5, target: float | None = None, title: str = "") -> go.Figure:
    """Horizontal bars sorted from the weakest (top, in red) to the strongest, with n."""
    m = METRICS[metric_id]
    data = frame[[key, metric_id, f"n_{metric_id}"]].copy()
    # weakest first, drawn at the top (autorange reversed), so they are seen first
    data = data[data[metric_id].notna()].sort_values(metric_id, ascending=m.better != "lower", kind="stable")
    labels = [names.get(k, k) for k in data[key]]
    values = [float(v) for v in data[metric_id]]
    n = len(values)
    colors = [PALETTE["weak"] if i < weakest else PALETTE["primary"] for i in range(n)]
    text = [f"{fmt_value(v, m.unit, lang)} (n = {fmt_number(c, lang, 0)})" for v, c in zip(values, data[f"n_{metric_id}"])]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=colors, text=text, textposition="outside",
        cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    if target is not None:
        fig.add_vline(x=target, line_dash="dash", line_color=PALETTE["target"],
                      annotation_text=t("target", lang, value=fmt_value(target, m.unit, lang)),
                      annotation_position="top")
    fig.update_xaxes(title_text=m.label(lang), **_axis_format(m.unit))
    if m.unit == "rate":
        fig.update_xaxes(range=[0, 1.18])
    fig.update_yaxes(automargin=True, tickfont={"size": 12}, autorange="reversed",
                     categoryorder="array", categoryarray=labels)
    return _layout(fig, title, lang, height=max(360, 24 * n + 120))


def by_dimension(frame: pd.DataFrame, dim: str, metric_id: str, lang: str = "id", title: str = "") -> go.Figure:
    """One metric by one dimension as labelled bars with each group's n."""
    m = METRICS[metric_id]
    data = frame[frame[metric_id].notna()]
    labels = [str(k) if dim in ("opd", "year") else code_label(dim, k, lang) for k in data[dim]]
    values = [float(v) for v in data[metric_id]]
    text = [f"{fmt_value(v, m.unit, lang)}<br>n = {fmt_number(c, lang, 0)}" for v, c in zip(values, data[f"n_{metric_id}"])]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=PALETTE["primary"], text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_xaxes(title_text=dim_label(dim, lang), type="category")
    fig.update_yaxes(title_text=m.label(lang), **_axis_format(m.unit))
    if m.unit == "rate":
        fig.update_yaxes(range=[0, 1.15])
    return _layout(fig, title, lang)


def grouped(frames: Mapping[str, pd.DataFrame], dim: str, metric_id: str, lang: str = "id",
            series_dim: str = "mode", title: str = "", series_labels: Mapping[str, str] | None = None) -> go.Figure:
    """One metric by dimension, one bar series per frame (e.g. per training mode)."""
    m = METRICS[metric_id]
    fig = go.Figure()
    for i, (series, data) in enumerate(frames.items()):
        labels = [code_label(dim, k, lang) for k in data[dim]]
        values = [_num(v) for v in data[metric_id]]
        text = [fmt_value(v, m.unit, lang) for v in values]
        ns = [fmt_number(c, lang, 0) for c in data[f"n_{metric_id}"]]
        fig.add_trace(go.Bar(x=labels, y=values, name=(series_labels or {}).get(series) or code_label(series_dim, series, lang),
                             marker_color=SERIES[i % len(SERIES)], text=text, textposition="outside",
                             customdata=ns, cliponaxis=False,
                             hovertemplate="%{x}: %{text} (n = %{customdata})<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=dim_label(dim, lang), type="category")
    fig.update_yaxes(title_text=m.label(lang), **_axis_format(m.unit))
    if m.unit == "rate":
        fig.update_yaxes(range=[0, 1.15])
    return _layout(fig, title, lang)


def distribution(frame: pd.DataFrame, lang: str = "id", jp_min: float = 20.0, title: str = "") -> go.Figure:
    """People per JP bucket; buckets under the yearly minimum in red."""
    labels = [code_label("bucket", b, lang) for b in frame["bucket"]]
    below = {"0", "1-9", "10-19"} if jp_min == 20 else set()
    colors = [PALETTE["weak"] if b in below else PALETTE["good"] for b in frame["bucket"]]
    shares = [None if s is None or s != s else float(s) for s in frame["share"]]
    text = [f"{fmt_number(p, lang, 0)} ({fmt_value(s, 'rate', lang)})" for p, s in zip(frame["people"], shares)]
    fig = go.Figure(go.Bar(x=labels, y=[int(p) for p in frame["people"]], marker_color=colors, text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_xaxes(title_text=t("jp_bucket", lang), type="category")
    fig.update_yaxes(title_text=t("people", lang), tickformat=",.0f", rangemode="tozero")
    top = max([int(p) for p in frame["people"]] or [0])
    fig.update_yaxes(range=[0, top * 1.18 + 1])
    return _layout(fig, title, lang)
