"""The chart catalogue: every chart of every page has an id, draws for every option, drills on real codes,
and the command the dashboard shows beside it reproduces it from the command line."""

from __future__ import annotations

import ast
import shlex
from pathlib import Path

import pytest

from sdm_analytics import cli
from sdm_analytics.engine import evaluation, units
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.present import catalog
from sdm_analytics.present.catalog import CHARTS, build

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
DECK_ONLY = {"opd_extremes"}  # drawn for the deck's findings, not shown on a page


@pytest.fixture(scope="module")
def program_code(demo_store) -> str:
    """A 2025 programme with completers and tests."""
    programs = evaluation.program_summary(demo_store, Filters.make(2025))
    done = programs[(programs["completed"] >= 10) & programs["learning_gain"].notna()]
    return str(done["program_code"].iloc[0])


def filters_for(chart_id: str, program_code: str) -> Filters:
    return Filters.make(2025, {"program": [program_code]} if "program" in CHARTS[chart_id].needs else {})


def variants(chart: catalog.Chart) -> list[dict[str, str]]:
    """The defaults, then each choice of each option with the others at their default."""
    out = [{}]
    for name, choices in chart.options.items():
        out += [{name: choice} for choice in choices[1:]]
    return out


def _clicked(fig) -> set:
    """What a click on each point hands the filter: its customdata (the first item of a list, as ui does)."""
    out = set()
    for trace in fig.data:
        for value in (trace.customdata if trace.customdata is not None else []):
            out.add(value[0] if isinstance(value, (list, tuple)) else value)
    return out


def _ui_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "chart" and getattr(node.func.value, "id", "") == "ui"]


def test_pages_draw_every_chart_from_the_catalogue():
    used = set()
    for path in PAGES:
        source = path.read_text(encoding="utf-8")
        assert "sdm_analytics import charts" not in source and "charts." not in source, \
            f"{path.name} assembles its own figure: draw it from the catalogue"
        for call in _ui_calls(path):
            chart_id = call.args[1]
            assert isinstance(chart_id, ast.Constant) and chart_id.value in CHARTS, f"{path.name}: {ast.dump(chart_id)}"
            used.add(chart_id.value)
            given = {kw.arg for kw in call.keywords} - {"key", "filters", "empty_note"}
            assert given <= set(CHARTS[chart_id.value].options), f"{path.name}: {chart_id.value} options {given}"
    assert used | DECK_ONLY == set(CHARTS), f"charts no page shows: {set(CHARTS) - used - DECK_ONLY}"


@pytest.mark.parametrize("chart_id", list(CHARTS))
def test_every_chart_draws_for_every_option(demo_store, program_code, chart_id):
    chart = CHARTS[chart_id]
    for options in variants(chart):
        fig = build(chart_id, demo_store, filters_for(chart_id, program_code), **options)
        assert fig is not None, (chart_id, options)
        assert fig.layout.title.text and fig.data, (chart_id, options)
        assert any(len(getattr(trace, "x", None) or getattr(trace, "y", None) or getattr(trace, "z", None) or ())
                   for trace in fig.data), (chart_id, options)


@pytest.mark.parametrize("chart_id", [c.id for c in CHARTS.values() if c.drill])
def test_a_click_on_a_drill_chart_gives_a_code_the_filter_knows(demo_store, chart_id):
    chart = CHARTS[chart_id]
    options = chart.resolve()
    dim = chart.drill_dim(options)
    fig = build(chart_id, demo_store, Filters.make(2025))
    picked = _clicked(fig) - {None}  # the row saying how many groups sit between the ends drills nowhere
    assert picked, chart_id
    known = set(demo_store.years()) if dim == "year" else set(units.options(demo_store, Scope.everything())[dim])
    assert {int(v) if dim == "year" else v for v in picked} <= known, (chart_id, picked - known)


def test_a_filtered_chart_holds_only_its_scope(demo_store):
    fig = build("breakdown", demo_store, Filters.make(2025, {"opd": ["DINKES", "RSUD"]}), by="opd")
    assert _clicked(fig) == {"DINKES", "RSUD"}
    # the drill-down into one OPD ranks its unit kerja: the office and its six puskesmas
    fig = build("opd_ranking", demo_store, Filters.make(2025, {"opd": ["DINKES"]}), by="unit")
    assert _clicked(fig) == {"DINKES"} | {f"PKM_{k}" for k in ("SERANG", "CIPOCOK", "KASEMEN", "WALANTAKA",
                                                               "CURUG", "TAKTAKAN")}


def test_options_are_checked():
    with pytest.raises(ValueError, match="not one of"):
        CHARTS["breakdown"].resolve({"by": "shoe_size"})
    with pytest.raises(ValueError, match="unknown option"):
        CHARTS["trend"].resolve({"by": "area"})
    assert CHARTS["equity"].resolve({"metric": "jp20_rate"}) == {"by": "area", "metric": "jp20_rate"}
    assert CHARTS["breakdown"].drill_dim({"by": "gender", "metric": "reach_rate"}) == "gender"
    assert CHARTS["trend"].drill_dim({}) == "year"


def test_a_programme_chart_needs_one_programme(demo_store):
    with pytest.raises(ValueError, match="program"):
        build("program_tests", demo_store, Filters.make(2025))


def test_nothing_to_draw_is_none_not_an_empty_chart(demo_store):
    empty = Filters.make(2025, {"opd": ["NO_SUCH_OPD"]})
    assert build("opd_ranking", demo_store, empty) is None
    assert build("breakdown", demo_store, empty, by="gender") is None


def test_the_shown_command_names_the_view():
    filters = Filters.make(2025, {"opd": ["DINKES"], "rank_group": ["III"]})
    text = catalog.command("breakdown", filters, {"by": "gender", "metric": "jp20_rate"}, "en", "svg")
    assert shlex.split(text) == ["python", "-m", "sdm_analytics", "export-chart", "breakdown", "--year", "2025",
                                 "--opd", "DINKES", "--rank-group", "III", "--by", "gender", "--lang", "en",
                                 "--format", "svg", "--out", "breakdown_2025.svg"]
    # a default option is left out; a value with a space is quoted
    text = catalog.command("application", Filters.make(2024, {"organizer": ["BPSDM Banten"]}), {"by": "category"})
    assert text.endswith("--organizer 'BPSDM Banten' --format png --out application_2024.png")


def test_the_shown_command_reproduces_the_chart(demo_copy, tmp_path, monkeypatch, capsys):
    from test_exports import need_chromium

    need_chromium()
    filters = Filters.make(2025, {"area": ["rural", "remote"]})
    words = shlex.split(catalog.command("breakdown", filters, {"by": "gender", "metric": "reach_rate"}, fmt="svg"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--db", demo_copy, *words[3:]]) == 0, capsys.readouterr().err
    svg = (tmp_path / "breakdown_2025.svg").read_text(encoding="utf-8")
    assert "Jangkauan" in svg and "jenis kelamin" in svg  # the metric and the dimension, in the title
    assert "Perdesaan" in svg  # the filters, in the description under the chart
    # the overview's short ranking (3 weakest, 3 strongest) is reproduced by its command too
    words = shlex.split(catalog.command("opd_ranking", Filters.make(2025), {"show": "ends"}, fmt="svg"))
    assert "--show" in words
    assert cli.main(["--db", demo_copy, *words[3:]]) == 0, capsys.readouterr().err
    assert "3 OPD terendah (merah) dan 3 tertinggi" in (tmp_path / "opd_ranking_2025.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("args,needle", [
    (("export-chart", "program_tests", "--year", "2025", "--out", "x.png"), "--program"),
    (("export-chart", "trend", "--year", "2025", "--by", "area", "--out", "x.png"), "tidak punya pilihan"),
    (("export-chart", "breakdown", "--year", "2025", "--by", "shoe", "--out", "x.png"), "pilihan:"),
])
def test_export_chart_checks_options(demo_copy, capsys, args, needle):
    assert cli.main(["--db", demo_copy, *args]) == 2
    assert needle in capsys.readouterr().err


def test_export_chart_list_shows_the_options(capsys):
    assert cli.main(["export-chart", "--list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert list(lines) == list(CHARTS)
    assert "--by area|kecamatan" in lines["equity"] and "--program" in lines["program_tests"]


def test_export_chart_draws_several_charts_in_one_call(demo_copy, tmp_path, capsys):
    """Several ids, one process (one Chromium): each chart in the folder as <chart>_<year>.<format>; a wrong id
    among them stops the call before anything is drawn."""
    import json

    from test_exports import need_chromium

    need_chromium()
    out = tmp_path / "grafik"
    assert cli.main(["--db", demo_copy, "export-chart", "zzz", "trend", "--year", "2025", "--out", str(out)]) == 2
    assert not out.exists() and "zzz" in capsys.readouterr().err
    code = cli.main(["--db", demo_copy, "export-chart", "trend", "jp_distribution", "opd_ranking", "--year", "2025",
                     "--format", "svg", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["chart"] for r in lines] == ["trend", "jp_distribution", "opd_ranking"]
    assert sorted(p.name for p in out.iterdir()) == ["jp_distribution_2025.svg", "opd_ranking_2025.svg",
                                                     "trend_2025.svg"]
    assert "Sebaran JP" in (out / "jp_distribution_2025.svg").read_text(encoding="utf-8")
    assert cli.main(["--db", demo_copy, "export-chart", "trend", "jp_distribution", "--year", "2025",
                     "--out", str(tmp_path / "x.png")]) == 2
    assert "folder" in capsys.readouterr().err
    # --by goes to the charts that take it; a chart with nothing to draw stops the batch before any file
    both = tmp_path / "v1.2"
    assert cli.main(["--db", demo_copy, "export-chart", "trend", "breakdown", "--by", "unit", "--all-bars",
                     "--year", "2025", "--format", "svg", "--out", str(both)]) == 0, capsys.readouterr().err
    svg = (both / "breakdown_2025.svg").read_text(encoding="utf-8")
    assert "unit kerja" in svg and "lainnya di antaranya" not in svg  # every one of the 55 units
    capsys.readouterr()
    empty = tmp_path / "kosong"
    assert cli.main(["--db", demo_copy, "export-chart", "trend", "opd_ranking", "--opd", "NO_SUCH_OPD", "--year",
                     "2025", "--format", "svg", "--out", str(empty)]) == 2
    assert not empty.exists()


def test_a_long_ipasn_opd_chart_shows_its_ends():
    """60 OPDs: the 20 lowest and 20 highest PNS scores with a row naming the 20 between (which drills nowhere)."""
    import pandas as pd

    from sdm_analytics.present import charts

    rows = [{"opd": f"U{i:02d}", "employment_type": kind, "score": float(i) + (0.5 if kind == "PPPK" else 0),
             "n": 10} for i in range(60) for kind in ("PNS", "PPPK")]
    fig = charts.opd_by_type(pd.DataFrame(rows), {}, "id", keep=40)
    assert fig.layout.meta == {"hidden_groups": 20}
    labels = list(fig.data[0].y)
    assert labels[:20] == [f"U{i:02d}" for i in range(20)] and labels[21:] == [f"U{i:02d}" for i in range(40, 60)]
    assert labels[20] == "⋯ 20 lainnya di antaranya ⋯" and fig.data[0].customdata[20][0] is None
    assert len(charts.opd_by_type(pd.DataFrame(rows), {}, "id").data[0].y) == 60


def test_no_chart_draws_markup_from_the_data(attacked_store, program_code):
    """Names, organizers, topics and kecamatan holding <a href> and a Markdown link: plotly would draw the first as
    a link in a label, title or hover; every chart of every option shows them as typed (escaped) instead."""
    import html
    import json

    from conftest import ATTACK

    store, _ = attacked_store
    admin = Scope.everything(role="admin")  # who sees people's names (the programme's pre/post chart)
    escaped = json.dumps(html.escape(ATTACK, quote=False), ensure_ascii=False)[1:-1]  # as it sits in the JSON
    shown = set()
    for chart_id, chart in CHARTS.items():
        for options in variants(chart):
            fig = build(chart_id, store, filters_for(chart_id, program_code), admin, **options)
            if fig is None:
                continue
            spec = json.loads(fig.to_json())
            for trace in spec["data"]:
                trace.pop("customdata", None)  # the codes a click hands back: never drawn
            text = json.dumps(spec, ensure_ascii=False).replace("<br>", " ")  # a long name wraps onto lines
            assert "<a " not in text and "<img" not in text, (chart_id, options)
            if escaped in text:
                shown.add(chart_id)
    # the charts that name OPDs, kecamatan, organizers, topics or people
    assert {"opd_ranking", "breakdown", "equity", "reaction_heatmap", "application", "needs_gap", "needs_heatmap",
            "never_trained", "dropout", "readiness", "program_tests", "ipasn_opd"} <= shown, shown
