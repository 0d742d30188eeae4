"""The other charts: demand vs supply, heatmaps, shares, pairs, pre/post, targets, IP ASN, data quality."""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ...engine.metrics import METRICS
from ...formatting import escape_plotly, fmt_number, fmt_short, fmt_value
from ...i18n import code_label, dim_label, pick, t
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
    hover,
    n_text,
    ordered,
    place_labels,
    text_width,
    top_margin,
    wrapped,
)


def demand_supply(frame: pd.DataFrame, lang: str = "id", title: str = "") -> go.Figure:
    """Needs gap: demand share (of respondents) against supply share (of completed JP) per topic, largest gap on
    top; each legend says what its share is of."""
    data = frame.iloc[::-1]
    labels = [group_label("topic", k, lang) for k in data["topic"]]
    fig = go.Figure()
    first = frame.iloc[0] if len(frame) else None
    for col, name_key, color, n_col, what in (("demand_share", "demand", PALETTE["second"], "n_respondents", "n"),
                                              ("supply_share", "supply", PALETTE["primary"], "supply_jp_total", "JP")):
        values = [None if v != v or v is None else float(v) for v in data[col]]
        n = None if first is None else first[n_col]
        name = t(name_key, lang) + ("" if n is None or n != n else f" · {what} = {fmt_number(n, lang, 0)}")
        fig.add_trace(go.Bar(y=labels, x=values, orientation="h", name=name, marker_color=color,
                             text=[fmt_value(v, "rate", lang) for v in values], textposition="outside",
                             cliponaxis=False, hovertemplate=hover(name, "%{y}: %{text}")))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title_text=t("share_of", lang), tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return base_layout(fig, title, lang, height=max(420, 46 * len(labels) + 140))


def heatmap(matrix: pd.DataFrame, lang: str = "id", title: str = "", unit: str = "rate",
            x_label: str = "", y_label: str = "", row_names: Mapping[str, str] | None = None,
            col_dim: str | None = None, n_matrix: pd.DataFrame | None = None,
            hidden_label: str = "") -> go.Figure:
    """A matrix (rows × columns of values) as a labelled heatmap; empty (suppressed) cells stay blank.

    n_matrix, of the same shape, gives each cell's n (shown on hover; hidden_label, e.g. 'n < 5', where
    suppressed).
    """
    if row_names:
        matrix = matrix.loc[sorted(matrix.index, key=lambda r: row_names.get(r, r))]
    if n_matrix is not None:
        n_matrix = n_matrix.reindex(index=matrix.index, columns=matrix.columns)
    rows = [escape_plotly((row_names or {}).get(r, r)) for r in matrix.index]
    cols = [group_label(col_dim, c, lang) if col_dim else escape_plotly(c) for c in matrix.columns]
    z = [[None if v != v or v is None else float(v) for v in row] for row in matrix.to_numpy()]
    text = [[fmt_value(v, unit, lang) if v is not None else "" for v in row] for row in z]
    hidden = hidden_label or t("suppressed_short", lang)
    ns = None if n_matrix is None else [[hidden if v is None or v != v else fmt_number(v, lang, 0) for v in row]
                                          for row in n_matrix.to_numpy()]
    fig = go.Figure(go.Heatmap(z=z, x=cols, y=rows, text=text, texttemplate="%{text}", colorscale="Blues",
                               customdata=ns, xgap=1, ygap=1,
                               hovertemplate="%{y} · %{x}: %{text}" + (" (n = %{customdata})" if ns else "")
                               + "<extra></extra>",
                               colorbar={"tickformat": ".0%" if unit == "rate" else ",.1f"}))
    fig.update_xaxes(title_text=x_label, side="top", tickangle=-30, automargin=True)
    fig.update_yaxes(title_text=y_label, autorange="reversed", automargin=True)
    top = top_margin(title) + int(4 * max((len(c) for c in cols), default=0))  # slanted labels: under the title
    fig = base_layout(fig, title, lang, height=max(420, 22 * len(rows) + 130 + top))
    fig.update_layout(margin={"t": top}, title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 12}})
    return fig


def stacked_shares(frame: pd.DataFrame, key: str, answer_dim: str, lang: str = "id", title: str = "",
                   names: Mapping[str, str] | None = None) -> go.Figure:
    """Shares of each answer per group as 100% stacked horizontal bars (frame from needs.choices)."""
    fig = go.Figure()
    groups = list(dict.fromkeys(ordered(frame, key)[key]))
    totals = frame.groupby(key)["n_respondents"].first() if "n_respondents" in frame else {}
    labels = [group_label(key, g, lang, names)
              + (f" (n = {fmt_number(totals[g], lang, 0)})" if g in totals and totals[g] == totals[g] else "")
              for g in groups]
    for i, answer in enumerate(sorted(set(frame["answer"]))):
        part = frame[frame["answer"] == answer].set_index(key)
        values = [float(part["share"].get(g)) if g in part.index and part["share"].get(g) == part["share"].get(g)
                  else None for g in groups]
        name = group_label(answer_dim, answer, lang)
        fig.add_trace(go.Bar(y=labels, x=values, orientation="h", name=name, marker_color=color_of(answer_dim, answer, i),
                             text=[fmt_value(v, "rate", lang) if v else "" for v in values],
                             textposition="inside", hovertemplate=hover(name, "%{y}: %{text}")))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text=t("share_of", lang))
    fig.update_yaxes(automargin=True, autorange="reversed")
    return base_layout(fig, title, lang, height=max(300, 40 * len(labels) + 160))


def grouped_long(frame: pd.DataFrame, x: str, series: str, value: str, unit: str, lang: str = "id",
                 title: str = "", n_col: str | None = None, y_label: str = "", hidden_label: str = "") -> go.Figure:
    """Grouped bars from a long frame: one bar per (x, series), labelled with value and n; a hidden group
    (its `suppressed` flag) is labelled hidden_label (e.g. 'n < 5'), without a value or an n."""
    fig = go.Figure()
    xs = list(dict.fromkeys(ordered(frame, x)[x]))
    for i, key in enumerate(dict.fromkeys(frame[series])):
        part = frame[frame[series] == key].set_index(x)
        values = [as_float(part[value].get(k)) if k in part.index else None for k in xs]
        ns = [part[n_col].get(k) if n_col and k in part.index else None for k in xs]
        hidden = [bool(part["suppressed"].get(k)) if "suppressed" in part and k in part.index else False for k in xs]
        text = [n_text(None, lang, hidden_label) if h else
                fmt_value(v, unit, lang) + (f"<br>{n_text(c, lang, hidden_label)}" if c is not None else "")
                if v is not None else "" for v, c, h in zip(values, ns, hidden)]
        values = [0.0 if h else v for v, h in zip(values, hidden)]  # a hidden group keeps its place, labelled
        name = group_label(series, key, lang)
        fig.add_trace(go.Bar(x=[group_label(x, k, lang) for k in xs], y=values, name=name,
                             marker_color=color_of(series, key, i), text=text, textposition="outside",
                             cliponaxis=False, hovertemplate=hover(name, "%{x}: %{text}")))
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", title_text=axis_title(x, lang))
    fig.update_yaxes(title_text=y_label, **axis_format(unit))
    if unit == "rate":
        fig.update_yaxes(range=[0, 1.15])
    if unit == "score":
        fig.update_yaxes(range=[0, 5.6])
    return base_layout(fig, title, lang)


def score_pairs(frame: pd.DataFrame, key: str, ids: Sequence[str], lang: str = "id", title: str = "",
                names: Mapping[str, str] | None = None, hidden_label: str = "",
        settings: Settings | None = None) -> go.Figure:
    """Several score metrics side by side per group (e.g. alumni vs supervisor application), with n."""
    fig = go.Figure()
    data = ordered(frame[frame[list(ids)].notna().any(axis=1)], key)
    labels = [group_label(key, k, lang, names) for k in data[key]]
    for i, mid in enumerate(ids):
        m = METRICS[mid]
        values = [as_float(v) for v in data[mid]]
        text = [f"{fmt_value(v, m.unit, lang)}<br>n = {fmt_number(c, lang, 0)}" if v is not None
                else (hidden_label or t("suppressed_short", lang)) for v, c in zip(values, data[f"n_{mid}"])]
        fig.add_trace(go.Bar(x=labels, y=values, name=m.label(lang, settings), marker_color=color_of("metric", mid, i),
                             text=text, textposition="outside", cliponaxis=False, customdata=list(data[key]),
                             hovertemplate=hover(m.label(lang, settings), "%{x}: %{text}")))
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", title_text=dim_label(key, lang))
    fig.update_yaxes(title_text=t("score_axis", lang), range=[0, 5.6], tickformat=",.1f")
    return base_layout(fig, title, lang)


def pre_post(people: pd.DataFrame, lang: str = "id") -> go.Figure | None:
    """Each completer's pre-test against post-test (above the diagonal: the score rose); None without tests."""
    frame = people[(people["status"] == "completed") & people["pre_test"].notna() & people["post_test"].notna()]
    if frame.empty:
        return None
    title = t("prog_tests", lang, n=fmt_number(len(frame), lang, 0))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 100], y=[0, 100], mode="lines", line={"dash": "dot", "color": PALETTE["muted"]},
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(x=frame["pre_test"].astype(float), y=frame["post_test"].astype(float), mode="markers",
                             marker={"color": PALETTE["primary"], "size": 9, "opacity": 0.7},
                             text=[f"{escape_plotly(n)}: " if isinstance(n, str) else "" for n in frame["name"]],
                             showlegend=False, hovertemplate=hover(t("prog_tests_hover", lang),
                                                                   "%{text}%{x:.0f} → %{y:.0f}")))
    fig.update_xaxes(title_text="Pre-test", range=[0, 102])
    fig.update_yaxes(title_text="Post-test", range=[0, 102])
    return base_layout(fig, title, lang)


def attainment(frame: pd.DataFrame, lang: str = "id", title: str = "", axis: str = "",
        settings: Settings | None = None) -> go.Figure:
    """Each target's attainment (actual ÷ target, direction-aware) as bars, met in green, missed in red, the
    100 % line dashed; "actual / target · n" in a column beyond the right edge, where the line cannot cross it."""
    data = frame[frame["attainment"].notna()]
    labels = [METRICS[i].label(lang, settings) if i in METRICS else escape_plotly(i) for i in data["indicator"]]
    values = [float(v) for v in data["attainment"]]
    colors = [PALETTE["good"] if m else PALETTE["weak"] for m in data["met"]]
    text = []
    for row in data.itertuples():
        unit = METRICS[row.indicator].unit if row.indicator in METRICS else "number"
        n = "" if row.n is None or row.n != row.n else f" · n = {fmt_number(row.n, lang, 0)}"
        text.append(f"{fmt_short(row.actual, unit, lang)} / {fmt_short(row.target, unit, lang)}{n}")
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker_color=colors, text=text,
                           textposition="none", hovertemplate=hover(axis or None, "%{y}: %{x:.0%} · %{text}")))
    fig.add_vline(x=1.0, line_dash="dash", line_color=PALETTE["target"], line_width=1.5)
    fig.update_xaxes(title_text=axis, tickformat=".0%", range=[0, max(values + [1.0]) * 1.08])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig = base_layout(fig, title, lang, height=max(320, 48 * len(values) + 140))
    fig.update_layout(annotations=[
        {"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 8, "y": label, "yref": "y", "text": value,
         "showarrow": False, "align": "left", "font": {"size": 12}} for label, value in zip(labels, text)],
        margin={"r": max([text_width(v) for v in text] + [40]) + 12})
    return fig


def coverage(frame: pd.DataFrame, lang: str = "id", title: str = "") -> go.Figure:
    """IP ASN kompetensi: the share of the eligible who earned each component, PNS and PPPK side by side,
    each bar with the number eligible (a component nobody is eligible for is left out)."""
    components = ("leadership", "functional", "technical", "seminar")
    fig = go.Figure()
    for i, row in enumerate(frame.itertuples()):
        shown = [c for c in components if getattr(row, f"{c}_n") > 0]
        if not shown:  # nobody of this type eligible for any component: no empty entry in the legend
            continue
        values = [float(getattr(row, f"{c}_cov")) for c in shown]
        counts = [fmt_number(getattr(row, f"{c}_n"), lang, 0) for c in shown]
        fig.add_trace(go.Bar(
            y=[wrapped(code_label("component", c, lang), 24) for c in shown], x=values, orientation="h",
            name=f"{escape_plotly(row.employment_type)} (n = {fmt_number(row.n, lang, 0)})",
            marker_color=color_of("employment_type", row.employment_type, i),
            text=[f"{fmt_value(v, 'rate', lang)} (n = {k})" for v, k in zip(values, counts)],
            textposition="outside", cliponaxis=False, textfont={"size": 12},
            hovertemplate=hover(escape_plotly(row.employment_type), "%{y}: %{text}")))
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickformat=".0%", range=[0, 1.3], title_text=t("ip_cov_axis", lang))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 12})
    return base_layout(fig, title, lang, height=440)


def opd_by_type(frame: pd.DataFrame, names: Mapping[str, str], lang: str = "id", title: str = "",
                value: str = "score", top: float = 40.0, keep: int | None = None) -> go.Figure:
    """Mean kompetensi points (out of `top`) per OPD, PNS and PPPK side by side, lowest PNS score first. With
    more OPDs than `keep`, the lowest and the highest keep // 2 each, a row between them saying how many are
    left out (the figure's meta "hidden_groups")."""
    pns = frame[frame["employment_type"] == "PNS"].sort_values(value)["opd"].tolist()
    with_pns = set(pns)  # once: built inside the loop it made 24,000 OPDs quadratic (minutes)
    order = pns + [o for o in dict.fromkeys(frame["opd"]) if o not in with_pns]
    hidden = 0 if keep is None or len(order) <= keep else len(order) - 2 * (keep // 2)
    if hidden:
        gap = t("bars_hidden", lang, n=fmt_number(hidden, lang, 0))
        order = order[:keep // 2] + [gap] + order[-(keep // 2):]
    keys = [None if hidden and i == keep // 2 else o for i, o in enumerate(order)]  # the gap row drills nowhere
    fig = go.Figure()
    for i, kind in enumerate(("PNS", "PPPK")):
        part = frame[frame["employment_type"] == kind].set_index("opd")
        values = [float(part[value][o]) if o in part.index else None for o in order]
        ns = [int(part["n"][o]) if o in part.index else 0 for o in order]
        fig.add_trace(go.Bar(y=[group_label("opd", o, lang, names) for o in order], x=values, orientation="h",
                             name=kind,
                             marker_color=color_of("employment_type", kind, i),
                             customdata=[[k, fmt_number(n, lang, 0)] for k, n in zip(keys, ns)],
                             text=[f"{fmt_number(v, lang, 1)} (n = {fmt_number(n, lang, 0)})" if v is not None else ""
                                   for v, n in zip(values, ns)],
                             textposition="outside", cliponaxis=False, textfont={"size": 11},
                             hovertemplate=hover(kind, "%{y}: %{text}")))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("ip_points_axis", lang), range=[0, top * 1.18])
    fig.update_yaxes(autorange="reversed", automargin=True, categoryorder="array",
                     categoryarray=[group_label("opd", o, lang, names) for o in order])
    fig.update_layout(meta={"hidden_groups": hidden})
    return base_layout(fig, title, lang, height=max(260, 30 * len(order) + 150))  # one OPD: two bars, not a wall


def lines(frame: pd.DataFrame, x: str, series: str, value: str, lang: str = "id", title: str = "",
          y_label: str = "", notes: Mapping[int, str] | None = None, n_col: str = "n",
          y_max: float = 100.0) -> go.Figure:
    """One line per series over x (years): each point labelled where the label touches nothing (else on
    hover, with its n), the last value of each line in a column at the right edge; method changes marked."""
    fig = go.Figure()
    xs = sorted(set(int(v) for v in frame[x]))
    keys = list(dict.fromkeys(frame[series]))
    parts = [frame[frame[series] == key].set_index(x) for key in keys]
    values = [[as_float(p[value].get(v)) if v in p.index else None for v in xs] for p in parts]
    texts = [[fmt_number(v, lang, 1) if v is not None else "" for v in ys] for ys in values]
    height, margin, y_range = 420, {"t": top_margin(title), "b": 50}, (0.0, float(y_max))
    sides = place_labels(values, texts, y_range, height - margin["t"] - margin["b"])
    edge = []
    for i, (key, part) in enumerate(zip(keys, parts)):
        color, name = color_of(series, key, i), escape_plotly(key)
        last = max((k for k, v in enumerate(values[i]) if v is not None), default=None)
        side = ["" if k == last else sides[i][k] for k in range(len(xs))]
        ns = [fmt_number(part[n_col].get(v), lang, 0) if v in part.index else "" for v in xs]
        fig.add_trace(go.Scatter(
            x=xs, y=values[i], name=name, mode="lines+markers+text",
            text=[t_ if s_ else "" for t_, s_ in zip(texts[i], side)], textposition=[s_ or "top center" for s_ in side],
            line={"color": color, "width": 3}, marker={"size": 9},
            customdata=[[year, v, n] for year, v, n in zip(xs, texts[i], ns)],  # a click hands back the year
            hovertemplate=hover(name, "%{x}: %{customdata[1]} (n = %{customdata[2]})")))
        if last is not None:
            edge.append((values[i][last], texts[i][last], color))
    for year, note in (notes or {}).items():
        if year in xs:
            fig.add_vline(x=year - 0.5, line_dash="dot", line_color=PALETTE["muted"], annotation_text=note,
                          annotation_position="top right", annotation_font={"size": 11, "color": "#566573"})
    fig.update_xaxes(tickmode="array", tickvals=xs, title_text=t("year", lang),
                     range=[min(xs) - 0.3, max(xs) + 0.3] if xs else None)
    fig.update_yaxes(title_text=y_label, range=list(y_range))
    fig = base_layout(fig, title, lang, height=height)
    plot = height - margin["t"] - margin["b"]
    fig.update_layout(annotations=list(fig.layout.annotations) + edge_labels(edge, y_range, plot),
                      margin={**margin, "r": max([text_width(e[1]) for e in edge] + [30]) + 14})
    return fig


_SEVERITY_COLORS = {"ok": "#2e8b57", "warn": "#f2a541", "bad": "#c0392b"}


def quality_bars(frame: pd.DataFrame, lang: str = "id", title: str = "") -> go.Figure:
    """Share of problem rows per data-quality check, coloured by severity, with problems of total."""
    data = frame[frame["total"] > 0]
    labels = list(data[pick(("label_id", "label_en"), lang)])
    values = [float(v) for v in data["share"]]
    text = [f"{fmt_value(v, 'rate', lang)} ({fmt_number(p, lang, 0)} / {fmt_number(n, lang, 0)})"
            for v, p, n in zip(values, data["problem"], data["total"])]
    fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", text=text, textposition="outside", cliponaxis=False,
                           marker_color=[_SEVERITY_COLORS.get(s, PALETTE["muted"]) for s in data["severity"]],
                           hovertemplate=hover(t("share_of", lang), "%{y}: %{text}")))
    fig.update_xaxes(tickformat=".0%", range=[0, max(values + [0.1]) * 1.35], title_text=t("share_of", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(fig, title, lang, height=max(320, 40 * len(labels) + 120))

