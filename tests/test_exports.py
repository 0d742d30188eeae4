"""Chart and table exports, opened with real readers: signatures, sizes, the description, neutralised cells."""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import subprocess
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from sdm_analytics.engine import tables, targets
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.present import export, views

CHROMIUM = Path(os.environ.get("SDM_CHROMIUM", "/usr/bin/chromium"))


def _description(lang: str = "id") -> export.Description:
    return export.Description.build("OPD: Dinas Kesehatan", 2025, "93 ASN", dt.date(2025, 12, 20), True, lang)


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Perkotaan", "Perdesaan"], y=[0.79, 0.64]))
    fig.update_layout(title="Jangkauan per wilayah, 2025")
    return fig


def need_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("SDM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip("chart export needs Debian's chromium (kaleido)")


def test_png_is_print_quality_and_describes_itself(figure):
    need_chromium()
    data = export.chart_bytes(figure, "png", _description())
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1600 and height >= 900


def test_svg_and_pdf(figure):
    need_chromium()
    svg = export.chart_bytes(figure, "svg", _description()).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert "Dinas Kesehatan" in svg and "20 Desember 2025" in svg and "(n &#60; 5)" in svg
    pdf = export.chart_bytes(figure, "pdf", _description())
    assert pdf[:5] == b"%PDF-" and len(pdf) > 1000


def test_unknown_chart_format(figure):
    with pytest.raises(ValueError):
        export.chart_bytes(figure, "gif")


def test_xlsx_has_keterangan_frozen_header_and_text_formulas():
    frame = pd.DataFrame({"Nama": ["=SUM(A1:A9)", "Budi", "+62812", "@cmd", "-1+1"], "JP": [12.5, 20.0, 0.0, 3.0, 4.0],
                          "n": [1, 2, 3, 4, 5]})
    wb = load_workbook(io.BytesIO(export.table_xlsx(frame, _description())))
    ws = wb["Data"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    assert ws["A2"].value == "'=SUM(A1:A9)" and ws["A2"].data_type == "s"
    assert ws["A4"].value == "'+62812" and ws["A5"].value == "'@cmd" and ws["A6"].value == "'-1+1"
    assert ws["B2"].value == 12.5 and ws["C3"].value == 2
    notes = {row[0]: row[1] for row in wb["Keterangan"].iter_rows(min_row=2, values_only=True)}
    assert notes["Filter"] == "OPD: Dinas Kesehatan"
    assert notes["Periode"].startswith("Tahun 2025")
    assert notes["n"] == "93 ASN" and notes["Data per"] == "20 Desember 2025"
    assert "n < 5" in notes["Penyembunyian"] and notes["Sumber"].startswith("SDM ASN Analytics")


def test_english_xlsx_notes_sheet():
    wb = load_workbook(io.BytesIO(export.table_xlsx(pd.DataFrame({"a": [1]}), _description("en"), lang="en")))
    notes = {row[0]: row[1] for row in wb["Notes"].iter_rows(min_row=2, values_only=True)}
    assert notes["Data as of"] == "20 December 2025"


def test_csv_neutralises_formulas():
    text = export.table_csv(pd.DataFrame({"Nama": ["=HYPERLINK(\"x\")", "Ani"]})).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("\"'=HYPERLINK") or text.splitlines()[1].startswith("'=HYPERLINK")


def test_headers_and_the_description_are_neutralised_too():
    frame = pd.DataFrame({"=kolom": ["a"], "JP": [1.0]})
    wb = load_workbook(io.BytesIO(export.table_xlsx(frame, export.Description({"Filter": "=HYPERLINK(\"x\")"}))))
    assert wb["Data"]["A1"].value == "'=kolom" and wb["Data"]["B1"].value == "JP"
    assert wb["Keterangan"]["B2"].value == "'=HYPERLINK(\"x\")" and wb["Keterangan"]["B2"].data_type == "s"
    assert export.table_csv(frame).decode("utf-8-sig").splitlines()[0] == "'=kolom,JP"


def test_a_chart_footer_shows_the_filters_as_typed():
    """The footer names OPDs and organizers from the data: plotly would draw <a href> as a link and <b> as bold."""
    footer = export.Description.build('OPD: <a href="http://x.example">Dinas</a> & <b>Badan</b>', 2025, "9 ASN",
                                      dt.date(2025, 12, 20), False).footer()
    assert "<a " not in footer and "<b>" not in footer
    assert '&lt;a href="http://x.example"&gt;Dinas&lt;/a&gt; &amp; &lt;b&gt;Badan&lt;/b&gt;' in footer
    assert footer.count("<br>") == 3  # its own line breaks stay


def test_filtered_export_holds_only_the_filtered_scope(demo_store):
    frame = tables.people_below(demo_store, Filters.make(2025, {"opd": ["DINKES"]}), Scope.everything())
    wb = load_workbook(io.BytesIO(export.table_xlsx(frame, _description())))
    ws = wb["Data"]
    col = [c.value for c in ws[1]].index("opd_code") + 1
    values = {ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)}
    assert values == {"DINKES"} and ws.max_row - 1 == len(frame) > 0


def _cli(*args: str) -> subprocess.CompletedProcess:
    import sys

    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "sdm_analytics", *args], capture_output=True, text=True, cwd=root,
                          timeout=180)


def test_export_chart_list_names_every_chart():
    from sdm_analytics.present.catalog import CHARTS

    proc = _cli("export-chart", "--list")
    assert proc.returncode == 0
    assert [line.split()[0] for line in proc.stdout.splitlines()] == list(CHARTS)


@pytest.mark.parametrize("fmt,magic", [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_export_chart_cli_writes_each_format(demo_copy, tmp_path, fmt, magic):
    need_chromium()
    out = tmp_path / f"ranking.{fmt}"
    proc = _cli("--db", demo_copy, "export-chart", "opd_ranking", "--year", "2025", "--opd", "DINKES",
                "--opd", "RSUD", "--format", fmt, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.lstrip()[:len(magic)] == magic
    if fmt == "svg":
        text = data.decode("utf-8")
        assert "Dinas Kesehatan" in text and "RSUD Kota Serang" in text
        assert "Puskesmas Kecamatan Kasemen" not in text  # OPDs are ranked, not their unit kerja
        assert "Dinas Perhubungan" not in text  # only the filtered scope


@pytest.mark.parametrize("args,needle", [
    (("export-chart", "nope", "--year", "2025", "--out", "x.png"), "tidak dikenal"),
    (("export-chart", "trend", "--year", "2025"), "--out"),
    (("export-chart", "trend", "--year", "2025", "--format", "pdf", "--out", "x.png"), "akhiran"),
])
def test_export_chart_usage_errors(demo_copy, args, needle):
    proc = _cli("--db", demo_copy, *args)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


# -- display tables: shown as Indonesian text, exported to XLSX as numbers in their unit's format ------------
@pytest.fixture(scope="module")
def view_ctx(demo_store):
    """A reader of display tables without streamlit: the language, the settings and the store."""
    return views.Reader(demo_store, "id")


def _sheet(table) -> tuple[list[str], list[list]]:
    ws = load_workbook(io.BytesIO(export.table_xlsx(table, _description())))["Data"]
    rows = list(ws.iter_rows())
    return [c.value for c in rows[0]], rows[1:]


def test_gap_table_exports_numbers_with_their_formats(demo_store, view_ctx):
    from sdm_analytics.engine import stats
    from sdm_analytics.engine.metrics import compute_by

    frame = stats.with_ci(compute_by(demo_store, Filters.make(2025), "area", Scope.everything(), ["reach_rate"]),
                          "reach_rate", min_n=30)
    frame = stats.gaps(frame, "area", "reach_rate", stats.reference_group(frame, "area", "reach_rate"))
    table = views.gap_table(view_ctx, frame, "area", "reach_rate")
    rural = frame.set_index("area").loc["rural"]
    shown = table.shown.set_index("Kelompok").loc["Perdesaan"]
    assert shown["Nilai"] == f"{rural['reach_rate'] * 100:.1f}%".replace(".", ",")  # e.g. 63,8%
    assert "…" in shown["SK 95%"]
    header, rows = _sheet(table)
    assert header[:6] == ["Kelompok", "n", "Nilai", "SK 95% (bawah)", "SK 95% (atas)", "Selisih (pp)"]
    row = next(r for r in rows if r[0].value == "Perdesaan")
    assert row[1].value == int(rural["n_reach_rate"]) and row[1].number_format == "#,##0"
    assert row[2].value == pytest.approx(rural["reach_rate"]) and row[2].number_format == "0.0%"
    assert row[3].value == pytest.approx(rural["lo_reach_rate"]) and row[4].value == pytest.approx(rural["hi_reach_rate"])
    assert row[5].value == pytest.approx(rural["gap_reach_rate"] * 100) and row[5].number_format == "+0.0;-0.0;0.0"
    # the CSV holds what the page shows
    csv = export.table_csv(table).decode("utf-8-sig")
    assert shown["Nilai"] in csv and "SK 95% (bawah)" not in csv


def test_program_and_target_tables_keep_rupiah_and_each_rows_unit(demo_store, view_ctx):
    from sdm_analytics.engine import evaluation

    programs = evaluation.program_summary(demo_store, Filters.make(2025))
    header, rows = _sheet(views.program_table(view_ctx, programs))
    cost = header.index("Biaya")
    i = int((programs["cost_total"].fillna(0) > 0).to_numpy().argmax())
    first = rows[i][cost]
    assert isinstance(first.value, (int, float)) and first.number_format == '"Rp "#,##0'
    assert first.value == pytest.approx(float(programs["cost_total"].iloc[i]))

    progress = targets.target_progress(demo_store, 2025, Scope.everything())
    header, rows = _sheet(views.targets_table(view_ctx, progress))
    target = header.index("Target")
    formats = {r[0].value: r[target].number_format for r in rows}
    assert formats["Kepatuhan 20 JP"] == "0.0%" and formats["Skor reaksi"] == "0.00"


def test_a_nip_stays_text_and_a_filtered_list_holds_only_its_scope(demo_store, view_ctx):

    below = tables.people_below(demo_store, Filters.make(2025, {"opd": ["DINKES"]}), Scope.everything("admin"))
    header, rows = _sheet(views.people_table(view_ctx, below))
    nip, opd, gap = header.index("NIP"), header.index("OPD"), header.index("Kekurangan JP")
    assert all(isinstance(r[nip].value, str) and len(r[nip].value) == 18 and r[nip].number_format == "@" for r in rows)
    assert {r[opd].value for r in rows} == {"Dinas Kesehatan"} and len(rows) == len(below) > 0
    assert all(r[gap].value > 0 and r[gap].number_format == "#,##0.0" for r in rows)


def test_a_plain_frame_gets_dates_spelled_in_indonesian():
    frame = pd.DataFrame({"Tanggal": pd.to_datetime(["2025-03-17"]), "n": [1234]})
    wb = load_workbook(io.BytesIO(export.table_xlsx(frame, _description())))
    cell = wb["Data"]["A2"]
    assert cell.is_date and cell.number_format == "[$-421]d mmmm yyyy"
    assert wb["Data"]["B2"].number_format == "#,##0"


def test_import_history_reads_in_indonesian_and_keeps_its_timestamps(view_ctx):

    frame = pd.DataFrame({"imported_at": pd.to_datetime(["2025-03-17 09:05:00"]), "file_name": ["=pegawai.csv"],
                          "kind": ["employees"], "added": [5], "updated": [1], "unchanged": [0], "rejected": [2],
                          "imported_by": ["admin"]})
    table = views.history_table(view_ctx, frame)
    assert list(table.shown.columns) == ["Waktu", "Berkas", "Jenis data", "Baru", "Diperbarui", "Tidak berubah",
                                         "Ditolak", "Oleh"]
    assert table.shown.iloc[0]["Oleh"] == "admin"
    assert table.shown.iloc[0]["Waktu"] == "17 Maret 2025 09:05" and table.shown.iloc[0]["Ditolak"] == "2"
    header, rows = _sheet(table)
    assert rows[0][0].is_date and rows[0][0].number_format == "[$-421]d mmmm yyyy hh:mm"
    assert rows[0][1].value == "'=pegawai.csv" and rows[0][6].value == 2
