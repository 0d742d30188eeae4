"""Issue 14: a briefing-grade look. Checked on the figures' JSON (where labels sit, which colour a code has, what
a tooltip says) and on the pages as leadership and evaluators see them."""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd
import pytest
from test_catalog import filters_for, variants
from test_pages import app_on, figures

from sdm_analytics.filters import Filters
from sdm_analytics.present import charts
from sdm_analytics.present.catalog import CHARTS, build

TEXT_PX = 14  # a 13 px label's height, the reckoning of this test (the charts reckon 16)


@pytest.fixture(scope="module")
def catalogue(demo_store, program_code) -> list[tuple[str, dict, object]]:
    """Every chart of the catalogue in every option, drawn on the demo (2025)."""
    out = []
    for chart_id, chart in CHARTS.items():
        for options in variants(chart):
            fig = build(chart_id, demo_store, filters_for(chart_id, program_code), **options)
            if fig is not None:
                out.append((chart_id, options, fig))
    return out


@pytest.fixture(scope="module")
def program_code(demo_store) -> str:
    from sdm_analytics.engine import evaluation
    from sdm_analytics.filters import Scope

    summary = evaluation.program_summary(demo_store, Filters.make(2025), Scope.everything(role="admin"))
    return str(summary.sort_values("participants", ascending=False)["program_code"].iloc[0])


def _reference_lines(fig, axis: str) -> list[float]:
    """The data values of the dashed reference lines across the plot (targets, 100 %)."""
    out = []
    for shape in fig.layout.shapes or ():
        if shape.type != "line" or (shape.line.dash or "") != "dash":
            continue
        if axis == "x" and shape.x0 == shape.x1 and shape.xref == "x":
            out.append(float(shape.x0))
        if axis == "y" and shape.y0 == shape.y1 and shape.yref == "y":
            out.append(float(shape.y0))
    return out


def _plot_height(fig) -> float:
    margin = fig.layout.margin
    return fig.layout.height - margin.t - margin.b


# -- finding 1: no value label crossed by a reference line ------------------------------------------------
def test_no_bar_label_sits_where_a_target_line_crosses(catalogue):
    """A chart with a vertical target line draws its bar values in a column beyond the plot's right edge
    (paper x ≥ 1), never at the bar's end where the line could strike them through."""
    checked = set()
    for chart_id, options, fig in catalogue:
        lines = _reference_lines(fig, "x")
        if not lines:
            continue
        checked.add(chart_id)
        for trace in fig.data:
            if trace.type == "bar" and trace.text is not None and any(trace.text):
                assert trace.textposition == "none", (chart_id, options)
        values = [a for a in fig.layout.annotations if a.yref == "y"]
        assert values and all(a.xref == "paper" and a.x >= 1.0 for a in values), (chart_id, options)
    assert {"opd_ranking", "opd_extremes", "targets"} <= checked


# -- finding 2: line labels that touch nothing -----------------------------------------------------------
def _label_boxes(fig) -> dict[int, list[tuple[float, float, str]]]:
    """x index -> the vertical extent (px from the plot's bottom) of each point label drawn at it."""
    low, high = fig.layout.yaxis.range
    scale = _plot_height(fig) / (high - low)
    boxes = defaultdict(list)
    for trace in fig.data:
        if trace.type != "scatter" or trace.text is None:
            continue
        positions = trace.textposition if isinstance(trace.textposition, (list, tuple)) else \
            [trace.textposition] * len(trace.x)
        for k, (text, y, where) in enumerate(zip(trace.text, trace.y, positions)):
            if not text or y is None:
                continue
            at = (y - low) * scale
            box = (at + 4, at + 4 + TEXT_PX) if where.startswith("top") else (at - 4 - TEXT_PX, at - 4)
            boxes[k].append((*box, text))
    return boxes


@pytest.mark.parametrize("chart_id,filters", [
    ("trend", {}), ("trend", {"opd": ["DINKES"]}), ("trend", {"gender": ["P"]}), ("ipasn_trend", {}),
    ("ipasn_trend", {"opd": ["DINKES"]}), ("ipasn_trend", {"opd": ["DISHUB"]}),
])
def test_line_labels_never_overlap_each_other_or_a_target(demo_store, chart_id, filters):
    """IP ASN trend (22,8 over 19,6 before), the trend of one OPD: at each year no two labels share a line of
    text, none crosses a target line, and the last values and targets stand apart at the right edge."""
    fig = build(chart_id, demo_store, Filters.make(2025, filters))
    low, high = fig.layout.yaxis.range
    scale = _plot_height(fig) / (high - low)
    lines = [(v - low) * scale for v in _reference_lines(fig, "y")]
    for k, boxes in _label_boxes(fig).items():
        for i, (a0, a1, text) in enumerate(boxes):
            assert not any(a0 < line < a1 for line in lines), (k, text)
            for b0, b1, other in boxes[i + 1:]:
                assert a1 <= b0 or b1 <= a0, (k, text, other)
    edge = sorted((a.y - low) * scale for a in fig.layout.annotations if a.xref == "paper" and a.x == 1.0)
    assert edge and all(b - a >= TEXT_PX for a, b in zip(edge, edge[1:]))


def test_label_placement_gives_way_to_a_target_line():
    """Two series a point apart: one label above, one below; a target right above a point: its label goes
    under the point, never across the line."""
    placed = charts.base.place_labels([[0.50, 0.60], [0.49, 0.30]], [["50%", "60%"], ["49%", "30%"]],
                                      (0.0, 1.0), 300, refs=[0.62])
    assert placed[0][0] == "top center" and placed[1][0] == "bottom center"
    assert placed[0][1] == "bottom center"  # the 62 % line runs 6 px above 60 %: its label goes under it


# -- finding 3: one colour per code -----------------------------------------------------------------------
def test_each_series_keeps_one_colour_across_the_catalogue(catalogue):
    """Luring is the same colour in 'Jangkauan per wilayah' as in 'Metode yang disukai', PNS the same in every IP
    ASN chart: a legend entry's colour depends on what it is, not on where it comes in a chart."""
    colours: dict[str, set] = defaultdict(set)
    for _, _, fig in catalogue:
        for trace in fig.data:
            if trace.name and trace.showlegend is not False:
                colour = getattr(trace.marker, "color", None) if trace.type == "bar" else trace.line.color
                if isinstance(colour, str):
                    colours[trace.name].add(colour)
    mixed = {name: c for name, c in colours.items() if len(c) > 1}
    assert mixed == {}
    assert colours["Luring (tatap muka)"] == {charts.base.CODE_COLORS[("mode", "luring")]}
    assert colours["Daring"] == {charts.base.CODE_COLORS[("mode", "daring")]}


# -- finding 8: money in words, JP without needless decimals, on charts --------------------------------------
def test_chart_labels_say_money_in_words_and_jp_whole():
    frame = pd.DataFrame({"band": ["low", "high"], "cost": [6_733_161_097.0, 250_000_000.0],
                          "n_cost": [10, 20]})
    fig = charts.bars_ci(frame, "band", "cost", "idr", "id", n_col="n_cost")
    assert [t.split("<br>")[0] for t in fig.data[0].text] == ["Rp 6,7 miliar", "Rp 250,0 juta"]


# -- finding 9: tooltips say which series, and n once ---------------------------------------------------
def test_every_tooltip_names_its_series_and_says_n_once(catalogue):
    for chart_id, options, fig in catalogue:
        named = [t for t in fig.data if t.name and t.showlegend is not False and t.hovertemplate]
        for trace in named:  # the legend's "PNS (n = 4.739)" is "PNS" on a point that gives its own n
            series = re.split(r" \(n = | · n = ", trace.name)[0]
            assert trace.hovertemplate.startswith(f"<b>{series}"), (chart_id, trace.name)
        for trace in fig.data:
            assert (trace.hovertemplate or "").count("n =") <= 1, (chart_id, options, trace.hovertemplate)


def test_the_figure_toolbar_is_hidden():
    """Plotly's toolbar speaks English and covers titles on hover; each chart has our own download menu."""
    assert charts.base.CONFIG["displayModeBar"] is False


# -- finding 6: leadership's overview, short; finding 7: targets as references ------------------------------
def test_overview_ranks_the_ends_and_partisipasi_every_opd(demo_store, monkeypatch):
    """The overview shows the three weakest and three strongest OPDs with the rest a click away; the
    participation page keeps the full ranking (the two pages no longer repeat one chart)."""
    app = app_on(demo_store.path, monkeypatch)
    at = app(user="pimpinan")
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert any("3 OPD terendah (merah) dan 3 tertinggi" in t for t in titles)
    assert not any(t.startswith("Kepatuhan 20 JP per OPD") for t in titles)
    assert len([m for m in at.metric]) == 8
    at = app(page="pages/2_Partisipasi_20_JP.py", user="pimpinan")
    ranking = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Kepatuhan 20 JP menurut OPD"))
    assert len([c for c in ranking["data"][0]["customdata"] if c]) == 37


def test_an_evaluator_reads_the_city_target_as_a_reference(demo_store, monkeypatch):
    """An evaluator's view (its OPDs) has no target of its own: the cards and the trend show the city's, labelled
    'Target kota', and do not call it met or missed."""
    at = app_on(demo_store.path, monkeypatch)(user="evaluator")
    cards = " ".join(c.value for c in at.main.caption)
    assert "Target kota 60,0%" in cards and "belum tercapai" not in cards
    trend = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Tren"))
    assert {"Target kota 60,0%", "Target kota 80,0%"} <= {a["text"] for a in trend["layout"]["annotations"]}


# -- finding 10: wording ------------------------------------------------------------------------------------
def test_dimensions_read_lowercase_inside_a_title(catalogue):
    """'menurut kelompok usia', 'per kategori' — a dimension inside a sentence is not capitalised; OPD stays."""
    for chart_id, options, fig in catalogue:
        title = fig.layout.title.text or ""
        for word in re.findall(r"(?:menurut|per) ([A-Z]\w+)", title):
            assert word.isupper(), (chart_id, options, title)


def test_the_account_box_says_the_role_once(demo_store, monkeypatch):
    at = app_on(demo_store.path, monkeypatch)(user="pimpinan")
    box = next(c.value for c in at.sidebar.caption if c.value.startswith("Masuk sebagai"))
    assert box == r"Masuk sebagai **Pimpinan \(demo\)**"  # the name is data: its brackets made literal


def test_area_words_are_tied_not_mixed():
    """'pinggiran' and 'pusat kota' are the policy's words, 'perdesaan' and 'perkotaan' the data's: a sentence
    that uses both says which is which."""
    from sdm_analytics.i18n import TEXT

    for key, (id_text, _) in TEXT.items():
        if "pinggiran" in id_text and ("perdesaan" in id_text or "perkotaan" in id_text):
            assert "pinggiran (" in id_text or "pinggiran/pusat" in id_text, key


# -- finding 11: IP ASN -----------------------------------------------------------------------------------
def test_ip_asn_coverage_has_no_empty_legend_entry_and_short_labels():
    frame = pd.DataFrame([
        {"employment_type": "PNS", "n": 10, **{f"{c}_n": 10 for c in ("leadership", "functional", "technical", "seminar")},
         **{f"{c}_cov": 0.5 for c in ("leadership", "functional", "technical", "seminar")}},
        {"employment_type": "PPPK", "n": 3, **{f"{c}_n": 0 for c in ("leadership", "functional", "technical", "seminar")},
         **{f"{c}_cov": None for c in ("leadership", "functional", "technical", "seminar")}},
    ])
    fig = charts.coverage(frame, "id")
    assert [t.name for t in fig.data] == ["PNS (n = 10)"]
    parts = [part for label in fig.data[0].y for part in label.split("<br>")]
    assert all(len(part) <= 24 or " " not in part for part in parts)  # a single long word keeps its line


def test_ip_asn_explanation_is_short_with_the_rules_a_click_away(demo_store, monkeypatch):
    at = app_on(demo_store.path, monkeypatch)(page="pages/8_Target_IP_ASN.py")
    intro = next(c.value for c in at.caption if c.value.startswith("Dimensi kompetensi IP ASN"))
    assert len(intro) < 120
    assert any(e.label == "Cara poin dihitung" for e in at.expander)


# -- finding 14: a reason beside an empty figure; one n for one group of people ------------------------------
def test_an_empty_kpi_says_why(demo_store, monkeypatch):
    from sdm_analytics.engine import evaluation
    from sdm_analytics.filters import Scope

    summary = evaluation.program_summary(demo_store, Filters.make(2025), Scope.everything(role="admin"))
    untested = summary[summary["completed"] > 0].sort_values("end_date")["program_code"].iloc[-1]
    at = app_on(demo_store.path, monkeypatch)(page="pages/7_Program.py", program=untested)
    captions = [c.value for c in at.main.caption]
    assert "n = 0" not in captions  # a bare "n = 0" under a "–" said nothing
    assert any(c.startswith("n = 0: ") for c in captions)


def test_the_test_scatter_counts_the_people_the_gain_counts(demo_store):
    """The pre/post scatter's n and the normalised gain's n are the same completers with both tests."""
    from sdm_analytics.engine import evaluation
    from sdm_analytics.engine.metrics import compute
    from sdm_analytics.filters import Scope

    scope = Scope.everything(role="admin")
    summary = evaluation.program_summary(demo_store, Filters.make(2025), scope)
    checked = 0
    for code in summary["program_code"]:
        view = Filters.make(2025, {"program": [code]})
        fig = build("program_tests", demo_store, view, scope)
        if fig is None:
            continue
        shown = int(re.search(r"n = ([\d.]+)", fig.layout.title.text).group(1).replace(".", ""))
        assert shown == compute(demo_store, view, scope, ["normalized_gain"]).n["normalized_gain"], code
        checked += 1
        if checked == 15:
            break
    assert checked == 15
