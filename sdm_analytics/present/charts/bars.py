"""Bar and line charts of one metric: trend, ranking, breakdown, grouped, distribution, bars with CIs."""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ...engine.metrics import METRICS
from ...formatting import fmt_number, fmt_short, fmt_value
from ...i18n import code_label, dim_label, t
from ...settings import Settings
from .base import (
    PALETTE,
    as_float,
    axis_format,
    axis_title,
    base_layout,
    color_of,
    edge_labels,
    group_label,
    hidden_of,
    hover,
    n_text,
    ordered,
    place_labels,
    text_width,
    top_margin,
    wrapped,
)


def trend(frame: pd.DataFrame, ids: Sequence[str], lang: str = "id",
          targets: Mapping[str, float] | None = None, notes: Mapping[int, str] | None = None,
          settings: Settings | None = None, target_keys: Mapping[str, str] | None = None) -> go.Figure:
    """Metrics (same unit) over the years, targets as dashed lines; each point labelled where the label
    touches nothing (else on hover), the last value and each target named in a column at the right edge.

    notes marks the years whose method changed (a dotted line before the year, with the note); target_keys
    name whose each target is ('target_city': the city's, the reference of a slice without its own).
    """
    fig = go.Figure()
    years = [int(y) for y in frame["year"]]
    unit = METRICS[ids[0]].unit
    values = [[as_float(v) for v in frame[mid]] for mid in ids]
    texts = [[fmt_short(v, METRICS[mid].unit, lang) if v is not None else "" for v in ys] for mid, ys in zip(ids, values)]
    goals = {mid: float(targets[mid]) for mid in ids if targets and mid in targets}
    top = max([v for ys in values for v in ys if v is not None] + list(goals.values()) + [0.0])
    y_range = (0.0, 1.05) if unit == "rate" else (0.0, top * 1.15 or 1.0)
    jp = (settings or Settings()).jp_min_short(lang)
    title = t("trend_title", lang, first=min(years), last=max(years), jp=jp) if years else ""
    height, margin = 380, {"t": top_margin(title), "b": 70}
    sides = place_labels(values, texts, y_range, height - margin["t"] - margin["b"], list(goals.values()))
    edge = []
    for i, mid in enumerate(ids):
        m, color = METRICS[mid], color_of("metric", mid, i)
        last = max((k for k, v in enumerate(values[i]) if v is not None), default=None)
        side = ["" if k == last else sides[i][k] for k in range(len(years))]
        ns = [n_text(n, lang, hidden_of(settings)) for n in frame[f"n_{mid}"]]
        fig.add_trace(go.Scatter(
            x=years, y=values[i], name=m.label(lang, settings), mode="lines+markers+text",
            text=[t_ if s_ else "" for t_, s_ in zip(texts[i], side)],
            textposition=[s_ or "top center" for s_ in side], line={"color": color, "width": 3},
            marker={"size": 10}, customdata=[[y, v, n] for y, v, n in zip(years, texts[i], ns)],  # a click: the year
            hovertemplate=hover(m.label(lang, settings), "%{x}: %{customdata[1]} (%{customdata[2]})"),
        ))
        if last is not None:
            edge.append((values[i][last], texts[i][last], color))
        if mid in goals:
            fig.add_hline(y=goals[mid], line_dash="dash", line_color=color, line_width=1.5)
            edge.append((goals[mid], t((target_keys or {}).get(mid, "target"), lang, value=fmt_short(goals[mid], m.unit, lang)), color))
    notes_shown = {y: n for y, n in (notes or {}).items() if y in years}
    ticks = [f"{y}<br>{n_text(n, lang, hidden_of(settings))}" for y, n in zip(years, frame[f"n_{ids[0]}"])]
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=ticks, title_text=t("year", lang),
                     range=[min(years) - 0.3, max(years) + 0.3] if years else None)
    for year, note in notes_shown.items():
        fig.add_vline(x=year - 0.5, line_dash="dot", line_color=PALETTE["muted"],
                      annotation_text=note, annotation_position="top right",
                      annotation_font={"size": 11, "color": "#566573"})
    fig.update_yaxes(title_text=METRICS[ids[0]].label(lang, settings) if len(ids) == 1 else t("share_asn", lang),
                     range=list(y_range), **{k: v for k, v in axis_format(unit).items() if k != "rangemode"})
    fig = base_layout(fig, title, lang, height=height)
    plot = height - margin["t"] - margin["b"]
    fig.update_layout(annotations=list(fig.layout.annotations) + edge_labels(edge, y_range, plot),
                      margin={**margin, "r": max([text_width(x[1]) for x in edge] + [30]) + 14})
    return fig


def weakest_count(groups: int, wanted: int = 5) -> int:
    """How many of the lowest groups to mark: at most a third of them, so a short list is not all red."""
    return max(0, min(wanted, groups // 3))


def ranking(frame: pd.DataFrame, key: str, metric_id: str, names: Mapping[str, str], lang: str = "id",
            weakest: int = 5, target: float | None = None, title: str = "",
            settings: Settings | None = None, keep: int | tuple[int, int] | None = None,
            target_key: str = "target", wrap: int = 60, gap_key: str = "bars_hidden",
            **gap_values: object) -> go.Figure:
    """Horizontal bars sorted from the weakest (top, in red: the title says so) to the strongest; each bar's
    value and n in a column beyond the plot's right edge, where the target's dashed line cannot cross them.
    With more groups than `keep` (a number: half each; a pair: the weakest and the strongest counts), a row
    between them says how many are left out (the figure's meta "hidden_groups"; gap_key and gap_values: its
    words)."""
    m = METRICS[metric_id]
    data = frame[[key, metric_id, f"n_{metric_id}"]].copy()
    # weakest first, drawn at the top (autorange reversed), so they are seen first
    data = data[data[metric_id].notna()].sort_values(metric_id, ascending=m.better != "lower", kind="stable")
    low, high = keep if isinstance(keep, tuple) else (None, None) if keep is None else (keep // 2, keep // 2)
    hidden = 0 if low is None or len(data) <= low + high else len(data) - low - high
    if hidden:  # the weakest and the strongest, the groups between them named by their count
        data = pd.concat([data.head(low), data.tail(high)])
    labels = [wrapped(group_label(key, k, lang, names), wrap) for k in data[key]]
    values: list[float | None] = [float(v) for v in data[metric_id]]
    keys: list[object] = list(data[key])
    text = [f"{fmt_short(v, m.unit, lang)} (n = {fmt_number(c, lang, 0)})" for v, c in zip(values, data[f"n_{metric_id}"])]
    if hidden:
        labels.insert(low, t(gap_key, lang, n=fmt_number(hidden, lang, 0), **gap_values))
        values.insert(low, None)
        keys.insert(low, None)
        text.insert(low, "")
    n = len(values)
    weak = [i < min(weakest, low if hidden else n) for i in range(n)]
    colors = [PALETTE["weak"] if w else PALETTE["primary"] for w in weak]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=colors, text=text, textposition="none",
        customdata=keys, hovertemplate=hover(None, "<b>%{y}</b><br>" + m.label(lang, settings) + ": %{text}"),
        showlegend=False,
    ))
    row = 13 * max(label.count("<br>") + 1 for label in labels) + 11  # rows are evenly spaced: the tallest label's
    height = max(260, row * n + 120)
    span = [0, 1.0] if m.unit == "rate" else [0, max([v for v in values if v is not None] + [target or 0]) * 1.05]
    if target is not None:
        fig.add_vline(x=target, line_dash="dash", line_color=PALETTE["target"], line_width=1.5,
                      annotation_text=t(target_key, lang, value=fmt_short(target, m.unit, lang)),
                      annotation_position="top", annotation_font_color=PALETTE["target"])
    fig.update_xaxes(range=span, **{k: v for k, v in axis_format(m.unit).items() if k != "rangemode"})
    fig.update_yaxes(automargin=True, tickfont={"size": 12}, autorange="reversed",
                     categoryorder="array", categoryarray=labels)
    fig = base_layout(fig, title, lang, height=height)
    fig.update_layout(
        meta={"hidden_groups": hidden}, barmode="overlay",
        annotations=list(fig.layout.annotations) + [
            {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 8, "y": label, "yref": "y", "text": value,
             "showarrow": False, "align": "left", "font": {"size": 12}} for label, value in zip(labels, text) if value],
        margin={"r": max([text_width(v) for v in text] + [40]) + 12, "t": top_margin(title) + 10, "b": 40},
    )
    return fig


def by_dimension(frame: pd.DataFrame, dim: str, metric_id: str, lang: str = "id", title: str = "",
        settings: Settings | None = None) -> go.Figure:
    """One metric by one dimension as labelled bars with each group's n."""
    m = METRICS[metric_id]
    data = frame[frame[metric_id].notna()]
    labels = [group_label(dim, k, lang) for k in data[dim]]
    values = [float(v) for v in data[metric_id]]
    text = [f"{fmt_short(v, m.unit, lang)}<br>n = {fmt_number(c, lang, 0)}" for v, c in zip(values, data[f"n_{metric_id}"])]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=PALETTE["primary"], text=text,
                           textposition="outside", cliponaxis=False, customdata=list(data[dim]),
                           hovertemplate=hover(m.label(lang, settings), "%{x}: %{text}")))
    fig.update_xaxes(title_text=dim_label(dim, lang), type="category")
    fig.update_yaxes(title_text=m.label(lang, settings), **axis_format(m.unit))
    if m.unit == "rate":
        fig.update_yaxes(range=[0, 1.15])
    return base_layout(fig, title, lang)


def grouped(frames: Mapping[str, pd.DataFrame], dim: str, metric_id: str, lang: str = "id",
            series_dim: str = "mode", title: str = "", series_labels: Mapping[str, str] | None = None,
        settings: Settings | None = None) -> go.Figure:
    """One metric by dimension, one bar series per frame (e.g. per training mode); n on the axis."""
    m = METRICS[metric_id]
    fig = go.Figure()
    first = None
    for i, (series, data) in enumerate(frames.items()):
        data = ordered(data, dim)
        first = data if first is None else first
        labels = [group_label(dim, k, lang) for k in data[dim]]
        values = [as_float(v) for v in data[metric_id]]
        ns = [n_text(c, lang, hidden_of(settings)) for c in data[f"n_{metric_id}"]]
        name = (series_labels or {}).get(series) or group_label(series_dim, series, lang)
        fig.add_trace(go.Bar(x=labels, y=values, name=name,
                             marker_color=color_of("series" if series == "all" else series_dim, series, i),
                             text=[fmt_short(v, m.unit, lang) for v in values], textposition="outside",
                             customdata=[[k, c, label] for k, c, label in zip(data[dim], ns, labels)], cliponaxis=False,
                             hovertemplate=hover(name, "%{customdata[2]}: %{text} (%{customdata[1]})")))
    fig.update_layout(barmode="group")
    if first is not None:
        fig.update_xaxes(tickmode="array", tickvals=[group_label(dim, k, lang) for k in first[dim]],
                         ticktext=[f"{group_label(dim, k, lang)}<br>{n_text(c, lang, hidden_of(settings))}"
                                   for k, c in zip(first[dim], first[f"n_{metric_id}"])])
    fig.update_xaxes(title_text=dim_label(dim, lang), type="category")
    fig.update_yaxes(title_text=m.label(lang, settings), **axis_format(m.unit))
    if m.unit == "rate":
        fig.update_yaxes(range=[0, 1.15])
    return base_layout(fig, title, lang)


def distribution(frame: pd.DataFrame, lang: str = "id", jp_min: float = 20.0, title: str = "") -> go.Figure:
    """People per JP bucket; the buckets wholly under the yearly minimum in red."""
    labels = [code_label("bucket", b, lang) for b in frame["bucket"]]
    top = {"0": 0, "1-9": 9.99, "10-19": 19.99, "20-39": 39.99}
    below = {b for b, upper in top.items() if upper < jp_min}
    colors = [PALETTE["weak"] if b in below else PALETTE["good"] for b in frame["bucket"]]
    shares = [None if s is None or s != s else float(s) for s in frame["share"]]
    text = [f"{fmt_number(p, lang, 0)} ({fmt_value(s, 'rate', lang)})" for p, s in zip(frame["people"], shares)]
    fig = go.Figure(go.Bar(x=labels, y=[int(p) for p in frame["people"]], marker_color=colors, text=text,
                           textposition="outside", cliponaxis=False,
                           hovertemplate=hover(t("people", lang), "%{x} JP: %{text}")))
    fig.update_xaxes(title_text=t("jp_bucket", lang), type="category")
    fig.update_yaxes(title_text=t("people", lang), tickformat=",.0f", rangemode="tozero")
    top = max([int(p) for p in frame["people"]] or [0])
    fig.update_yaxes(range=[0, top * 1.18 + 1])
    return base_layout(fig, title, lang)


# Dimensions with a natural order; others are drawn in the order given.
def bars_ci(frame: pd.DataFrame, key: str, value: str, unit: str, lang: str = "id", title: str = "",
            names: Mapping[str, str] | None = None, y_label: str = "", n_col: str | None = None,
            hidden_label: str = "") -> go.Figure:
    """Bars with 95% intervals (lo_/hi_ columns when present); groups flagged small_ are greyed and marked ⚠;
    suppressed groups stay visible as hidden_label (e.g. 'n < 5', with the configured number).

    More than ten groups are drawn as horizontal bars, largest first.
    """
    flag = next((c for c in (f"suppressed_{value}", "suppressed") if c in frame), None)
    hidden = ordered(frame[frame[flag].astype(bool)], key, value) if flag else frame.iloc[0:0]
    data = ordered(frame[frame[value].notna()], key, value)
    horizontal = len(data) > 10

    def name(k: object) -> str:  # under a column, a long name on lines of its own, never slanted
        return group_label(key, k, lang, names) if horizontal else wrapped(group_label(key, k, lang, names), 18)

    labels = [name(k) for k in data[key]]
    values = [float(v) for v in data[value]]
    ns = data[n_col or f"n_{value}"]
    small = data[f"small_{value}"].tolist() if f"small_{value}" in data else [False] * len(values)
    colors = [PALETTE["muted"] if s else PALETTE["primary"] for s in small]
    sep = " · " if horizontal else "<br>"
    text = [f"{fmt_short(v, unit, lang)}{sep}n = {fmt_number(c, lang, 0)}{' ⚠' if s else ''}"
            for v, c, s in zip(values, ns, small)]
    error = None
    if f"lo_{value}" in data:
        lo = [None if v is None or v != v else float(v) for v in data[f"lo_{value}"]]
        hi = [None if v is None or v != v else float(v) for v in data[f"hi_{value}"]]
        error = {"type": "data", "symmetric": False, "color": "#1c2833", "thickness": 1.5, "width": 5,
                 "array": [h - v if h is not None else 0 for h, v in zip(hi, values)],
                 "arrayminus": [v - lo_ if lo_ is not None else 0 for lo_, v in zip(lo, values)]}
    # labels sit at the bar's base, away from the whisker at its end
    bar = dict(marker_color=colors, text=text, customdata=list(data[key]), cliponaxis=False,
               textposition="inside", insidetextanchor="start",
               textfont={"color": "white", "size": 12}, textangle=0)
    if horizontal:
        fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", error_x=error,
                               hovertemplate=hover(y_label or None, "%{y}: %{text}"), **bar))
        fig.update_yaxes(autorange="reversed", automargin=True, type="category",
                         categoryorder="array", categoryarray=labels + [name(k) for k in hidden[key]])
        fig.update_xaxes(title_text=y_label, **axis_format(unit))
        height = max(420, 26 * len(values) + 140)
    else:
        fig = go.Figure(go.Bar(x=labels, y=values, error_y=error,
                               hovertemplate=hover(y_label or None, "%{x}: %{text}"), **bar))
        fig.update_xaxes(categoryorder="array", categoryarray=labels + [name(k) for k in hidden[key]])
        fig.update_xaxes(title_text=axis_title(key, lang), type="category")
        fig.update_yaxes(title_text=y_label, **axis_format(unit))
        height = 420
    if unit == "score":
        (fig.update_xaxes if horizontal else fig.update_yaxes)(range=[0, 5.3])
    if len(hidden):  # suppressed groups stay visible as "n < k", without a value
        marks = [name(k) for k in hidden[key]]
        note = [hidden_label or t("suppressed_short", lang)] * len(marks)
        fig.add_trace(go.Scatter(x=[0] * len(marks) if horizontal else marks, y=marks if horizontal else [0] * len(marks),
                                 mode="text", text=note, textposition="middle right" if horizontal else "top center",
                                 textfont={"color": "#566573"}, showlegend=False, hoverinfo="skip"))
    if unit == "rate":
        tops = [float(v) for v in data.get(f"hi_{value}", data[value]) if v is not None and v == v] + values
        limit = [0, min(1.0, max(tops + [0.1])) * 1.1]
        (fig.update_xaxes if horizontal else fig.update_yaxes)(range=limit)
    return base_layout(fig, title, lang, height=height)


