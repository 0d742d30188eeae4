"""A chart laid out again for a slide, so that none of its text reads under 14 pt there.

A figure is drawn for a screen: 13 px type in a chart 420 px tall. Shrunk onto a 16:9 slide, that type read
at 7 pt. Here a copy is laid out at the size it will have on the slide, counted in pixels of `px_per_inch`,
and every font is raised to at least `min_pt` at that size (pt = px × 72 / px_per_inch): titles, ticks, axis
titles, legend, bar and point labels, annotations and colour-bar ticks. Titles and long legend names wrap,
the legend moves under the plot, the margins grow with the type, and bar labels too dense to stand apart
at that size are left out (the axis still reads). The deck (present/briefing.py) uses it.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go

__all__ = ["MIN_PT", "PX_PER_INCH", "font_sizes", "for_slide", "min_pt_of", "text_width", "wrap"]

PX_PER_INCH = 96  # a CSS pixel: laid out as on a screen the size of the slide's picture
MIN_PT = 14
PLOTLY_FONT = 12  # plotly's size for a font the figure leaves unset
LINE = 1.3  # a line of text, in font sizes

# Advance widths of Arial (Liberation Sans, metric-compatible: what Chromium and LibreOffice draw here) in em,
# by class of character; any other character counts as a digit (0.556 em).
_WIDTHS = {ch: w for w, chars in (
    (0.28, "ijlI.,:;!|'/\\[] ft·"), (0.34, "r()-{}*\"`"), (0.5, "cksvxyzJ"), (0.67, "ABEFKLPSTVXYZ&"),
    (0.73, "CDHNRUw"), (0.78, "GOQ"), (0.86, "mM%"), (0.95, "W@"),
) for ch in chars}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide a line of plain text runs in Arial at `size` (in the unit of size), a little generously."""
    em = sum(_WIDTHS.get(ch, 0.556) for ch in text)
    return em * size * (1.1 if bold else 1.0) * 1.03


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """The text broken at spaces into lines no wider than `width` (a single longer word keeps its line)."""
    lines: list[str] = []
    for word in text.split(" "):
        line = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(_plain(line), size, bold) <= width:
            lines[-1] = line
        else:
            lines.append(word)
    return lines


def _plain(markup: str) -> str:
    """What plotly draws of a text: tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def _wrap_markup(markup: str, size: float, width: float) -> tuple[str, int]:
    """Plotly text wrapped with <br> to fit `width`, and its number of lines; spaces inside tags stay."""
    lines: list[str] = []
    for part in re.split(r"<br\s*/?>", markup or ""):
        words = re.split(r" (?![^<]*>)", part)
        current = ""
        for word in words:
            trial = f"{current} {word}" if current else word
            if current and text_width(_plain(trial), size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return "<br>".join(lines), len(lines)


def _fonts(node: Any) -> Iterator[dict]:
    """Every font of a figure's JSON (font, tickfont, textfont, insidetextfont, title.font, …), at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                yield value
            yield from _fonts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _fonts(item)


def font_sizes(spec: dict) -> list[float]:
    """Every font size a figure's JSON sets, the layout's (what the rest inherit) and uniformtext's floor."""
    layout = spec["layout"]
    sizes = [(layout.get("font") or {}).get("size", PLOTLY_FONT), (layout.get("uniformtext") or {}).get("minsize", 0)]
    for font in _fonts(spec):
        size = font.get("size")
        sizes.extend(size if isinstance(size, list) else [] if size is None else [size])
    return sizes


def _legend_shown(spec: dict) -> bool:
    """Whether plotly draws a legend for the figure (its own rule: two entries, or one asked for)."""
    if "showlegend" in spec["layout"]:
        return bool(spec["layout"]["showlegend"])
    traces = [tr for tr in spec["data"] if tr.get("visible", True) is not False]
    return any(tr.get("showlegend") is True for tr in traces) or \
        sum(1 for tr in traces if tr.get("showlegend", True) is not False) >= 2


def for_slide(fig: go.Figure, width_in: float, height_in: float, px_per_inch: float = PX_PER_INCH,
              min_pt: float = MIN_PT) -> go.Figure:
    """A copy of the figure laid out at width_in × height_in, every text at least min_pt once the picture is
    placed at that size. Render it at the figure's layout.width × layout.height (any scale)."""
    spec = copy.deepcopy(fig.to_plotly_json())
    layout = spec["layout"]
    width, height = round(width_in * px_per_inch), round(height_in * px_per_inch)
    floor = min_pt * px_per_inch / 72
    base = (layout.get("font") or {}).get("size") or PLOTLY_FONT
    k = max(1.0, floor / base)  # every size grows by the same factor, none stays under the floor

    for font in _fonts(spec):
        size = font.get("size")
        if isinstance(size, list):
            font["size"] = [max(s * k, floor) for s in size]
        elif size is not None:
            font["size"] = max(size * k, floor)
    layout.setdefault("font", {})["size"] = base * k
    # plotly shrinks a bar's label to fit its bar: never under the floor
    layout["uniformtext"] = {"minsize": floor, "mode": "show"}
    body = base * k
    margin = {side: value * k for side, value in (layout.get("margin") or {"l": 80, "r": 80, "t": 100, "b": 80}).items()}
    pad = 0.4 * body

    title = layout.get("title") or {}
    title_size = (title.get("font") or {}).get("size") or body * 1.4
    lines = 0
    if title.get("text"):
        # the screen's line breaks (for a half-page chart) give way to the slide's own
        title["text"], lines = _wrap_markup(title["text"].replace("<br>", " "), title_size, width - 2 * pad)
        title["font"] = {**title.get("font", {}), "size": title_size}
        # plotly hangs the lines of a wrapped title from its last line: anchored lower by the lines above it
        title.update({"x": 0, "xref": "container", "xanchor": "left", "yref": "container", "yanchor": "top",
                      "y": 1 - (lines - 1) * title_size * LINE / height, "pad": {"t": pad, "l": pad}})
        layout["title"] = title
    # the title, then a line for what stands on the plot's top edge (a target's label, a bar's value)
    margin["t"] = pad + lines * title_size * LINE + body * LINE + pad

    inner = width - margin.get("l", 0) - margin.get("r", 0)
    legend_h = 0.0
    if _legend_shown(spec):
        layout["showlegend"] = True
        room, rows, used = width - 2 * pad, 1, 0.0
        for trace in spec["data"]:
            if trace.get("showlegend") is False or not trace.get("name"):
                continue
            trace["name"], n = _wrap_markup(trace["name"], body, room - 3 * body)
            entry = max(text_width(_plain(line), body) for line in trace["name"].split("<br>")) + 3 * body
            if used and used + entry > room:
                rows, used = rows + 1, 0.0
            used += entry
            rows += n - 1
        legend_h = rows * body * LINE + pad
        layout["legend"] = {**layout.get("legend", {}), "orientation": "h", "x": 0, "xref": "container",
                            "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom",
                            "font": {**(layout.get("legend") or {}).get("font", {}), "size": body}}
    # tick labels and an axis title under the plot, then the legend
    margin["b"] = max(margin.get("b", 0), 3 * body * LINE) + legend_h + pad
    layout["margin"] = margin
    for key in [k_ for k_ in layout if re.fullmatch(r"[xy]axis\d*", k_)]:
        layout[key]["automargin"] = True

    _drop_crowded_bar_labels(spec, inner, height - margin["t"] - margin["b"], body)
    margin["r"] = max(margin.get("r", 0), _overhang(spec, width, margin, body) + pad)
    layout.update(width=width, height=height, autosize=False)
    return go.Figure(spec)


def _overhang(spec: dict, width: float, margin: dict, body: float) -> float:
    """How far the labels outside horizontal bars run past the plot's right edge at the slide's type size."""
    over = 0.0
    for trace in spec["data"]:
        if trace.get("type") != "bar" or trace.get("orientation") != "h" or trace.get("textposition") != "outside":
            continue
        xaxis = spec["layout"].get("xaxis" + trace.get("xaxis", "x")[1:], {})
        labels = [_plain(str(label)) for label in trace.get("y") or []]
        left = margin.get("l", 0) + max((text_width(label, body) for label in labels), default=0) + body
        plot = width - left - margin.get("r", 0)
        pairs = [(x, str(text)) for x, text in zip(trace.get("x") or [], trace.get("text") or []) if x is not None]
        if not pairs or plot <= 0:
            continue
        low, high = xaxis.get("range") or (min(0, *(x for x, _ in pairs)), max(x for x, _ in pairs))
        for x, text in pairs:
            end = plot * (x - low) / ((high - low) or 1) + text_width(_plain(text), body) + body / 2
            over = max(over, end - plot)
    return over


def _drop_crowded_bar_labels(spec: dict, plot_w: float, plot_h: float, body: float) -> None:
    """Bar labels that no longer fit beside one another at the slide's type size are left out."""
    bars = [tr for tr in spec["data"] if tr.get("type") == "bar" and tr.get("visible", True) is not False]
    if not bars:
        return
    side = len(bars) if spec["layout"].get("barmode", "group") == "group" else 1
    for trace in bars:
        horizontal = trace.get("orientation") == "h"
        groups = trace.get("y" if horizontal else "x")
        texts = trace.get("text")
        if groups is None or not isinstance(texts, (list, tuple)) or trace.get("textposition") == "none":
            continue
        slot = (plot_h if horizontal else plot_w) / max(1, len(set(map(str, groups))) * side)
        lines = [re.split(r"<br\s*/?>", str(text)) for text in texts if text]
        if horizontal:
            need = max(map(len, lines), default=1) * body * LINE
        else:
            need = max((text_width(_plain(line), body) for label in lines for line in label), default=0)
        if need > slot:
            trace["textposition"] = "none"


def min_pt_of(fig: go.Figure, px_per_inch: float = PX_PER_INCH) -> float:
    """The smallest type of a laid-out figure, in points once placed at px_per_inch."""
    return min(font_sizes(fig.to_plotly_json())) * 72 / px_per_inch

