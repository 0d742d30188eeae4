"""The one look of every chart, on pages, in exports and in the deck: palette and one colour per code, layout
and titles, axis formats, tooltips, where labels go (never under a reference line, never on another label) and
the order of coded groups."""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ... import rules
from ...filters import DIMENSIONS as _DIMS
from ...formatting import escape_plotly, fmt_number, plotly_separators
from ...i18n import code_label, dim_label, t
from ...settings import Settings

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
# One colour per code, on every chart and in every export: luring is orange wherever it is drawn.
CODE_COLORS = {
    ("mode", "luring"): "#f2a541", ("mode", "daring"): "#2e86ab", ("mode", "blended"): "#6c3483",
    ("series", "all"): "#1f4e79",
    ("employment_type", "PNS"): "#1f4e79", ("employment_type", "PPPK"): "#f2a541",
    ("area", "urban"): "#1f4e79", ("area", "rural"): "#f2a541", ("area", "remote"): "#c0392b",
    ("role", "self"): "#1f4e79", ("role", "supervisor"): "#f2a541",
    ("group", "0"): "#c0392b", ("group", "below"): "#f2a541", ("group", "reached"): "#2e8b57",
    ("metric", "jp20_rate"): "#1f4e79", ("metric", "reach_rate"): "#f2a541",
    ("metric", "application_score"): "#1f4e79", ("metric", "supervisor_application_score"): "#f2a541",
}
# The figure's own toolbar is hidden: it speaks English and covers titles; each chart has our download menu.
CONFIG = {"displayModeBar": False, "displaylogo": False}
# Text sizes the label placement reckons with (px): chart text is 13 px, about 7 px a character.
TEXT_PX, CHAR_PX = 16, 7.0


def color_of(dim: str, code: object, i: int = 0) -> str:
    """The colour of a coded series: fixed per code (CODE_COLORS), else the i-th of the series palette."""
    return CODE_COLORS.get((dim, str(code)), SERIES[i % len(SERIES)])


def hover(series: str | None, body: str) -> str:
    """A tooltip: the series' name on top (in bold), then what the point says; plotly's trace box left out."""
    return (f"<b>{series}</b><br>" if series else "") + body + "<extra></extra>"


TITLE_PX, TITLE_CHARS = 17, 60  # a title's type, and the characters a line of it holds in a half-page chart


def title_lines(title: str) -> tuple[str, int]:
    """A long title on lines of its own (a chart beside another has room for about 60 characters: the end of
    a longer one was cut off), and how many lines it takes."""
    import re

    if len(re.sub(r"<[^>]+>", "", title)) <= TITLE_CHARS or "<br>" in title:
        return title, title.count("<br>") + 1
    text = wrapped(title, TITLE_CHARS)
    return text, text.count("<br>") + 1


def top_margin(title: str) -> int:
    """The space above the plot: the title's lines, then a line for the legend or a target's label."""
    return 70 + 22 * (title_lines(title)[1] - 1)


def base_layout(fig: go.Figure, title: str, lang: str, height: int = 420) -> go.Figure:
    text, lines = title_lines(title)
    # plotly hangs a title's lines from its last one: a title of several lines is anchored at the top instead
    place = {} if lines == 1 else {"yref": "container", "y": 1.0, "yanchor": "top", "pad": {"t": 14}}
    fig.update_layout(
        title={"text": text, "x": 0.0, "xanchor": "left", "font": {"size": TITLE_PX}, **place},
        template="plotly_white",
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 10, "r": 30, "t": top_margin(title), "b": 50},
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 13, "color": "#1c2833"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        hoverlabel={"font_size": 13},
    )
    return fig


def text_width(text: str) -> float:
    """The width (px) a label takes on the chart, reckoned from its longest line."""
    import re

    lines = re.sub(r"<[^>]+>", "\n", text).split("\n")
    return CHAR_PX * max((len(line) for line in lines), default=0) + 6


def place_labels(series: Sequence[Sequence[float | None]], texts: Sequence[Sequence[str]],
                 y_range: tuple[float, float], plot_px: float, refs: Sequence[float] = ()) -> list[list[str]]:
    """Where each point's label goes on a line chart: 'top center', 'bottom center', or '' (none: its value is
    on hover, and the last point's in the column at the right edge). A label may not touch another label at
    the same x, another series' marker, a reference line or the plot's edge; the higher series at an x
    prefers the top, the lower the bottom."""
    low, high = y_range
    scale = plot_px / ((high - low) or 1.0)
    lines = [(r - low) * scale for r in refs]
    placed: list[list[str]] = [["" for _ in s] for s in series]
    for x in range(max((len(s) for s in series), default=0)):
        points = sorted(((i, (s[x] - low) * scale) for i, s in enumerate(series)
                         if x < len(s) and s[x] is not None and texts[i][x]), key=lambda p: -p[1])
        markers = [y for _, y in points]
        boxes: list[tuple[float, float]] = []
        for rank, (i, y) in enumerate(points):
            sides = ("top center", "bottom center") if rank < len(points) / 2 else ("bottom center", "top center")
            for side in sides:
                box = (y + 5, y + 5 + TEXT_PX) if side.startswith("top") else (y - 5 - TEXT_PX, y - 5)
                free = (box[0] >= 0 and box[1] <= plot_px
                        and not any(a < box[1] and box[0] < b for a, b in boxes)
                        and not any(box[0] - 2 < line < box[1] + 2 for line in lines)
                        and not any(box[0] - 5 < m < box[1] + 5 for j, m in enumerate(markers) if j != rank))
                if free:
                    boxes.append(box)
                    placed[i][x] = side
                    break
    return placed


def edge_labels(items: Sequence[tuple[float, str, str]], y_range: tuple[float, float],
                plot_px: float) -> list[dict]:
    """Labels in a column beyond the plot's right edge, each at its value's height (value, text, colour),
    pushed apart where two would touch: the last value of each line, a reference line's name. Returns plotly
    annotations; nothing drawn inside the plot can cross them."""
    low, high = y_range
    scale = plot_px / ((high - low) or 1.0)
    order = sorted(range(len(items)), key=lambda k: items[k][0])
    at: dict[int, float] = {}
    floor = -1e9
    for k in order:  # bottom up: each label at least one text height above the one below
        at[k] = max((items[k][0] - low) * scale, floor + TEXT_PX)
        floor = at[k]
    top = max(at.values(), default=0.0)
    if top > plot_px:  # shifted past the top: move the column down as a whole
        for k in at:
            at[k] -= top - plot_px
    return [{"x": 1.0, "xref": "paper", "xanchor": "left", "xshift": 8, "y": low + at[k] / scale, "yref": "y",
             "text": text, "showarrow": False, "font": {"color": color, "size": 13}, "align": "left"}
            for k, (_, text, color) in enumerate(items)]


def axis_format(unit: str) -> dict:
    if unit == "rate":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    return {"tickformat": ",.0f" if unit in ("people", "idr", "idr_per_jp") else ",.1f", "rangemode": "tozero"}


def n_text(n: object, lang: str, hidden: str = "") -> str:
    """'n = 1.234'; an n withheld with a hidden survey figure reads as the hidden label ('n < 5'), never a
    count."""
    if n is None or n != n:  # type: ignore[comparison-overlap]
        return hidden or t("suppressed_short", lang)
    return f"n = {fmt_number(n, lang, 0)}"  # type: ignore[arg-type]


def hidden_of(settings: Settings | None) -> str:
    """The hidden label of the configured minimum: 'n < 5' (the defaults' without settings)."""
    return f"n < {(settings or Settings()).min_respondents}"


def axis_title(key: str, lang: str) -> str:
    """A dimension's label as an axis title; other keys (survey aspects, bands) need none."""
    return dim_label(key, lang) if key in _DIMS or key == "year" else ""


def group_label(key: str, code: object, lang: str, names: Mapping[str, str] | None = None) -> str:
    """How a group reads on a chart: an OPD or unit kerja by its name, any other code by its label. Names and
    codes come from the data, and plotly reads <b>, <a href=…> and &entities; in text as markup: made literal."""
    return escape_plotly((names or {}).get(code, code) if key in ("opd", "unit") else code_label(key, code, lang))


def wrapped(label: str, width: int = 30) -> str:
    """A long group name on two lines or more ('Dinas Komunikasi, Informatika,<br>Statistik dan Persandian'),
    so a ranking's bars keep their width beside it."""
    import textwrap

    # whole words only: a break inside "&lt;" would show half an entity
    return "<br>".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


def as_float(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # type: ignore[operator]


_ORDER = {
    "area": ("urban", "rural", "remote"),
    "age_band": rules.AGE_BANDS,
    "education": ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"),
    "group": ("0", "below", "reached"),
    "position_type": ("jpt", "administrator", "pengawas", "fungsional", "pelaksana"),
    "band": ("low", "medium", "high"),
    "rating": ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"),
}


def ordered(frame: pd.DataFrame, key: str, value: str | None = None) -> pd.DataFrame:
    """Rows in the dimension's natural order (age bands, education, ...), else by value, descending."""
    if key in _ORDER:
        rank = {k: i for i, k in enumerate(_ORDER[key])}
        return frame.iloc[sorted(range(len(frame)), key=lambda i: (rank.get(frame[key].iloc[i], 99),
                                                                    str(frame[key].iloc[i])))]
    if key == "rank_group":
        return frame.sort_values(key, key=lambda col: col.astype(str).map(_rank_key))
    if value is not None:
        return frame.sort_values(value, ascending=False, na_position="last")
    return frame


def _rank_key(code: str) -> str:
    pppk = code.startswith("PPPK")
    roman = code.replace("PPPK ", "")
    numerals = {"I": 1, "V": 5, "X": 10}
    total, prev = 0, 0
    for ch in reversed(roman):
        v = numerals.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return f"{int(pppk)}{total:02d}"


