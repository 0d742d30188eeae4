"""The briefing deck, opened with python-pptx (and its PDF): slides, pictures, the filters in the text."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.util import Inches

from sdm_analytics.filters import Filters
from sdm_analytics.present import briefing

ROOT = Path(__file__).resolve().parents[1]


def _need(tool: str, package: str) -> None:
    """Skip without the tool, except in CI (SDM_REQUIRE_BROWSER=1), which installs it."""
    if shutil.which(tool) is None:
        if os.environ.get("SDM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{tool} not installed ({package})")
        pytest.skip(f"needs {package}")


def _texts(prs: Presentation) -> list[str]:
    return [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in prs.slides]


def test_deck_has_title_findings_targets_recommendations_and_method(demo_store):
    _need("chromium", "Debian's chromium (chart pictures)")
    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025))))
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    texts = _texts(prs)
    assert len(prs.slides) == 10
    assert "Monitoring dan Evaluasi" in texts[0] and "Periode 2025" in texts[0]
    assert "Indikator utama 2025" in texts[1]
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in prs.slides]
    assert pictures[2:7] == [1, 1, 1, 1, 1]  # one chart per finding slide
    assert "Temuan 1" in texts[2] and "n =" in texts[2]
    assert any("Target 2025" in t for t in texts) and any("Rekomendasi" in t for t in texts)
    assert "Digitalisasi" in texts[8]  # an under-served topic to add
    assert "Metode dan kualitas data" in texts[9] and "Data per: 20 Desember 2025" in " ".join(texts)


def test_every_slide_but_the_title_has_its_number_beside_the_footer(demo_store):
    """'3 / 10' at the bottom right of slides 2–10, in the footer band, clear of the footer's text (filters,
    period, n, as-of), which every one of those slides keeps."""
    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025), max_findings=0)))
    total = len(prs.slides)
    assert total == 5  # title, indicators, targets, recommendations, method
    assert not any(s.text_frame.text.endswith(f"/ {total}") for s in prs.slides[0].shapes if s.has_text_frame)
    for number, slide in enumerate(list(prs.slides)[1:], start=2):
        boxes = [s for s in slide.shapes if s.has_text_frame]
        mark = next(s for s in boxes if s.text_frame.text == f"{number} / {total}")
        footer = next(s for s in boxes if s.text_frame.text.startswith("Filter: tanpa filter"))
        assert "n: 5.652 ASN" in footer.text_frame.text and "Data per: 20 Desember 2025" in footer.text_frame.text
        assert mark.top >= briefing.FOOTER_TOP and footer.top >= briefing.FOOTER_TOP
        assert footer.left + footer.width < mark.left  # side by side, never on each other
        assert mark.left + mark.width <= prs.slide_width - Inches(0.4)  # at the right edge


def _tiles(slide) -> dict[str, list[str]]:
    """The indicator tiles of a slide: label -> its lines (value, change, target, n)."""
    lines = [s.text_frame.text.split("\n") for s in slide.shapes if s.has_text_frame]
    return {box[0]: box[1:] for box in lines if len(box) >= 3}


def test_the_headline_indicators_follow_the_title_as_the_overview_shows_them(demo_store):
    """Slide 2: the overview's 8 indicators, each with its value, the change from 2024, its target met or not
    (its stripe green or red) and n; money in words."""
    from sdm_analytics.present.charts import PALETTE

    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025), max_findings=0)))
    slide = prs.slides[1]
    tiles = _tiles(slide)
    assert list(tiles) == ["Kepatuhan 20 JP", "JP per ASN", "Jangkauan", "Tingkat kelulusan", "Skor reaksi",
                           "Tingkat penerapan", "Biaya per JP", "Jumlah ASN"]
    assert tiles["Kepatuhan 20 JP"] == ["53,7%", "▲ +6,5 pp dibanding 2024", "Target 60,0% · belum tercapai",
                                        "n = 5.420"]
    assert tiles["Skor reaksi"] == ["4,08", "▼ -0,05 dibanding 2024", "Target 4,00 · tercapai", "n = 4.103"]
    assert tiles["Biaya per JP"][:2] == ["Rp 51.418", "▼ -Rp 7.972 dibanding 2024"]  # lower is better
    assert tiles["JP per ASN"] == ["55,2", "▲ +15,7 dibanding 2024", "n = 5.652"]  # no target set
    stripes = [s.fill.fore_color.rgb for s in slide.shapes if s.shape_type == 1 and s.width == Inches(0.08)]
    colors = {"#" + str(c).lower() for c in stripes}
    assert len(stripes) == 8 and colors == {PALETTE["weak"], PALETTE["good"], PALETTE["muted"]}
    assert "#" + str(stripes[0]).lower() == PALETTE["weak"] and "#" + str(stripes[4]).lower() == PALETTE["good"]
    big = [run.font.size.pt for s in slide.shapes if s.has_text_frame and len(s.text_frame.paragraphs) > 2
           for run in s.text_frame.paragraphs[1].runs]
    assert len(big) == 8 and min(big) >= 32


@pytest.mark.parametrize("lang, own, city, hidden", [
    ("id", "Target 40,0% · belum tercapai", "Target kota 80,0% · belum memenuhi acuan ini", "n < 5: disembunyikan"),
    ("en", "Target 40.0% · not met", "City target 80.0% · short of it", "n < 5: suppressed"),
])
def test_an_opds_indicators_read_against_its_target_else_the_citys(demo_store, lang, own, city, hidden):
    """One OPD (Dinas Lingkungan Hidup, with a 20 JP target of its own, 40 %): that target is met or not; reach,
    without one, is read against the city's (80 %), named as the city's; its hidden survey figure shows
    'n < 5' and no verdict."""
    deck = briefing.build_deck(demo_store, Filters.make(2025, {"opd": ["DLH"]}), lang=lang, max_findings=0)
    tiles = list(_tiles(Presentation(io.BytesIO(deck)).slides[1]).values())
    jp20, reach, application = tiles[0], tiles[2], tiles[5]  # the overview's order
    assert jp20[0] == ("14,6%" if lang == "id" else "14.6%") and jp20[2] == own
    assert reach[2] == city
    assert application == ["n < 5", ("Target kota 70,0%" if lang == "id" else "City target 70.0%"), hidden]


@pytest.mark.parametrize("chart", ["opd_extremes", "needs_gap", "never_trained", "trend"])
def test_chart_text_on_a_slide_is_at_least_14_pt(demo_store, chart):
    """A catalogue figure laid out for the slide: every font (ticks, bar labels, the target's label, legend,
    title), once the picture is placed at its size, is 14 pt or more; the title stays the largest; a legend
    stays. Drawn for the screen, its 12–13 px type came out at 7–9 pt on the slide."""
    from sdm_analytics.present import catalog
    from sdm_analytics.present.charts import slide as for_slides

    fig = catalog.build(chart, demo_store, Filters.make(2025))
    placed = for_slides.for_slide(fig, 8.8, 5.6)
    assert (placed.layout.width, placed.layout.height) == (845, 538)  # 96 px per inch
    assert for_slides.min_pt_of(placed) >= 14
    assert placed.layout.uniformtext.minsize * 72 / 96 >= 14 and placed.layout.uniformtext.mode == "show"
    assert placed.layout.title.font.size >= max(for_slides.font_sizes(placed.to_plotly_json()))
    assert bool(placed.layout.showlegend) == (len(fig.data) >= 2)
    assert [(t.name or "").replace("<br>", " ") for t in placed.data] == [t.name or "" for t in fig.data]
    assert fig.layout.width is None and fig.layout.font.size == 13  # the dashboard's figure is left as it was


def test_a_legend_asked_for_by_one_trace_stays_on_the_slide():
    """The ranking's legend (red: the weakest) may come from one trace with showlegend: it stays."""
    from sdm_analytics.present.charts import slide as for_slides

    alone = go.Figure(go.Bar(x=[1], y=["A"], name="terendah", showlegend=True))
    assert for_slides.for_slide(alone, 8.8, 5.6).layout.showlegend


def test_the_decks_chart_pictures_are_placed_at_the_size_their_type_was_set_for(demo_store, monkeypatch):
    """Every chart of the deck is laid out by for_slide for the size it is placed at: its picture has that size
    on the slide and the proportions of the layout it was drawn from, its smallest type is 14 pt there, and the
    finding beside it is 16 pt or more."""
    _need("chromium", "Debian's chromium (chart pictures)")
    from PIL import Image

    from sdm_analytics.present.charts import slide as for_slides

    laid_out = []

    def spy(fig, width_in, height_in, *args):
        placed = for_slides.for_slide(fig, width_in, height_in, *args)
        laid_out.append((placed, width_in, height_in))
        return placed

    monkeypatch.setattr(briefing, "for_slide", spy)
    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025))))
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(laid_out) == 5
    for picture, (fig, width_in, height_in) in zip(pictures, laid_out):
        assert abs(picture.width - Inches(width_in)) <= 1 and abs(picture.height - Inches(height_in)) <= 1
        assert (fig.layout.width, fig.layout.height) == (round(width_in * 96), round(height_in * 96))
        pixels = Image.open(io.BytesIO(picture.image.blob)).size
        assert pixels == (fig.layout.width * briefing.CHART["scale"], fig.layout.height * briefing.CHART["scale"])
        assert for_slides.min_pt_of(fig) >= 14, fig.layout.title.text
    notes = [run.font.size.pt for slide in prs.slides if any(s.shape_type == 13 for s in slide.shapes)
             for s in slide.shapes if s.has_text_frame and s.left >= Inches(briefing.CHART["note_left"])
             and s.top < briefing.FOOTER_TOP
             for para in s.text_frame.paragraphs for run in para.runs]
    assert notes and min(notes) >= 16  # the finding beside its chart
    legends = [fig for fig, *_ in laid_out if sum(1 for t in fig.data if t.showlegend is not False) >= 2]
    assert legends and all(fig.layout.showlegend for fig in legends)


@pytest.mark.parametrize("title, size, lines", [
    ("Temuan 1 · Kesenjangan antar-OPD", 30, 1),
    ("Temuan 3 · Kepatuhan 20 JP di Dinas Komunikasi, Informatika, Statistik", 23, 1),
    ("Temuan 2 · Kesenjangan antar-unit kerja: Dinas Komunikasi, Informatika, Statistik dan Persandian", 30, 2),
    (("Temuan 2 · Kesenjangan antar-unit kerja: Dinas Komunikasi, Informatika, Statistik dan Persandian; Badan "
      "Kepegawaian dan Pengembangan Sumber Daya Manusia"), 22, 3),
])
def test_a_slide_title_shrinks_then_wraps_never_cut(title, size, lines):
    """30 pt when it fits the bar's line; smaller, down to 22 pt, before it wraps; then two lines, as large as
    they fit; a title longer still takes a third line rather than lose its end."""
    assert briefing.title_fit(title, 12.13 * 72) == (size, lines)


def test_a_long_evaluator_scope_in_a_title_makes_the_bar_taller_not_the_title_shorter(demo_store, monkeypatch):
    """A title naming an evaluator's OPDs is written in full on two lines (≥ 22 pt) in a taller bar, and the
    tiles begin under it."""
    from sdm_analytics.engine import units
    from sdm_analytics.filters import Scope
    from sdm_analytics.i18n import TEXT

    opds = ["DISKOMINFO", "BKPSDM"]
    names = units.unit_names(demo_store)
    long = "Indikator utama {year} · " + ", ".join(names[o] for o in opds)
    monkeypatch.setitem(TEXT, "kpi_heading", (long, long))
    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025), Scope.of(opds),
                                                      max_findings=0)))
    slide = prs.slides[1]
    bar, title = list(slide.shapes)[:2]
    assert title.text_frame.text == long.format(year=2025)  # in full, no "…"
    size = title.text_frame.paragraphs[0].runs[0].font.size.pt
    assert title.text_frame.word_wrap and briefing.title_fit(title.text_frame.text, 12.13 * 72) == (size, 2)
    assert 22 <= size < 30
    assert bar.height > Inches(1.0) and title.height == bar.height
    tiles = [s for s in slide.shapes if s.shape_type == 1][1:]
    assert min(s.top for s in tiles) >= bar.height


def test_filtered_deck_holds_only_the_filtered_scope(demo_store):
    _need("chromium", "Debian's chromium (chart pictures)")
    filters = Filters.make(2025, {"opd": ["DINKES", "RSUD"], "unit": ["PKM_KASEMEN", "PKM_CURUG", "RSUD"]})
    texts = " ".join(_texts(Presentation(io.BytesIO(briefing.build_deck(demo_store, filters)))))
    assert ("OPD: Dinas Kesehatan, RSUD Kota Serang; Unit kerja: Puskesmas Kecamatan Curug, Puskesmas Kecamatan "
            "Kasemen, RSUD Kota Serang") in texts
    assert "Dinas Perhubungan" not in texts and "Inspektorat" not in texts


def test_briefing_cli_writes_pptx_and_pdf(demo_copy, tmp_path):
    _need("chromium", "Debian's chromium (chart pictures)")
    _need("soffice", "libreoffice-impress")
    for suffix, magic in ((".pptx", b"PK"), (".pdf", b"%PDF")):
        out = tmp_path / f"paparan{suffix}"
        proc = subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", demo_copy, "briefing", "--year", "2025",
                               "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert out.read_bytes()[:len(magic)] == magic
    bad = subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", demo_copy, "briefing", "--year", "2025",
                          "--out", str(tmp_path / "x.docx")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and ".pptx" in bad.stderr


def test_an_evaluators_deck_names_only_its_opds_and_their_targets(demo_store):
    """An evaluator's deck says its scope, never names another OPD, and lists its OPDs' own targets."""
    from sdm_analytics import accounts
    from sdm_analytics.engine import units

    _need("chromium", "Debian's chromium (chart pictures)")
    user = accounts.get(demo_store, "evaluator")
    prs = Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025), user.scope())))
    texts = _texts(prs)
    names = units.unit_names(demo_store)
    inside = units.units_under(demo_store, user.opds)  # the OPD with its puskesmas
    own = {names[c] for c in inside}
    assert "Cakupan akun" in texts[0]
    others = [n for code, n in names.items() if code not in inside and n not in " ".join(own)]
    leaked = [n for n in others if any(n in text for text in texts)]
    assert not leaked, leaked
    targets = next(slide for slide in prs.slides if any(s.has_table for s in slide.shapes))
    rows = [row.cells[0].text for s in targets.shapes if s.has_table for row in list(s.table.rows)[1:]]
    assert rows and all("·" in r and r.split(" · ")[1] in own for r in rows)  # each target with its OPD


def test_the_deck_counts_opds_as_the_overview_does_and_ranks_only_opds(demo_store):
    """The method slide gives the structure's count (37 OPD, 55 unit kerja, as the README and the overview); the
    OPD ranking names OPDs only, among those large enough to judge, and says how many those are."""
    _need("chromium", "Debian's chromium (chart pictures)")
    from sdm_analytics.engine import units
    from sdm_analytics.present import catalog
    from sdm_analytics.present.source import Source

    texts = " ".join(_texts(Presentation(io.BytesIO(briefing.build_deck(demo_store, Filters.make(2025))))))
    assert "(37 OPD, 55 unit kerja)" in texts
    fig = catalog.build("opd_extremes", demo_store, Filters.make(2025))
    codes = list(fig.data[0].customdata)
    assert codes[5] is None and set(codes) - {None} <= set(units.opd_codes(demo_store))  # 5 lowest, gap, 3 highest
    judged = catalog.judged_opds(Source(demo_store, Filters.make(2025)))
    assert f"dari {len(judged)} OPD" in fig.layout.title.text
    assert "5 terendah (merah) dan 3 tertinggi" in fig.layout.title.text  # what red means, said where it is read
    assert fig.data[0].marker.color[:5] == ("#c0392b",) * 5 and "#c0392b" not in fig.data[0].marker.color[6:]
    assert fig.layout.meta["hidden_groups"] == len(judged) - 8 and "29 lainnya" in fig.data[0].y[5]


def test_text_from_the_data_is_plain_text_in_the_deck(attacked_store):
    """A filter on an OPD whose name holds a Markdown link and an HTML link (tests/conftest.py ATTACK): the deck
    prints the name as typed, links to nothing, and its chart pictures are drawn from escaped labels."""
    _need("chromium", "Debian's chromium (chart pictures)")
    from conftest import ATTACK

    store, _ = attacked_store
    deck = briefing.build_deck(store, Filters.make(2025, {"opd": ["DINKES", "RSUD"]}))
    prs = Presentation(io.BytesIO(deck))
    assert f"Dinas Kesehatan {ATTACK}" in " ".join(_texts(prs))
    runs = [run for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs]
    assert runs and not any(run.hyperlink.address for run in runs)
    with zipfile.ZipFile(io.BytesIO(deck)) as zf:  # no relationship (a hyperlink, a linked picture) to the address
        assert not [n for n in zf.namelist() if n.endswith(".rels") and b"x.example" in zf.read(n)]
