"""The briefing deck, opened with python-pptx (and its PDF): slides, pictures, the filters in the text."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

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
    assert len(prs.slides) == 9
    assert "Monitoring dan Evaluasi" in texts[0] and "Periode 2025" in texts[0]
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in prs.slides]
    assert pictures[1:6] == [1, 1, 1, 1, 1]  # one chart per finding slide
    assert "Temuan 1" in texts[1] and "n =" in texts[1]
    assert any("Target 2025" in t for t in texts) and any("Rekomendasi" in t for t in texts)
    assert "Digitalisasi" in texts[7]  # an under-served topic to add
    assert "Metode dan kualitas data" in texts[8] and "Data per: 20 Desember 2025" in " ".join(texts)


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
    assert codes[8] is None and set(codes) - {None} <= set(units.opd_codes(demo_store))  # 8 lowest, gap, 4 highest
    judged = catalog.judged_opds(Source(demo_store, Filters.make(2025)))
    assert f"dari {len(judged)} OPD" in fig.layout.title.text
    assert fig.layout.meta["hidden_groups"] == len(judged) - 12 and "25 lainnya" in fig.data[0].y[8]
    key = " ".join(a.text for a in fig.layout.annotations)  # what red means, in a key under the chart
    assert "5 terendah" in key and "lainnya" in key


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
