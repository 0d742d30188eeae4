"""Imports within limits: file size and rows, workbooks that expand, rejected rows capped on screen, mixed
encodings refused, implausible values rejected."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from sdm_analytics import ingest
from sdm_analytics.ingest import readers, workbook
from sdm_analytics.settings import Settings, load_settings
from sdm_analytics.store import Store

SMALL = Path(__file__).parent / "data" / "small"
EMPLOYEES = "nip,nama,jk,kode_opd,tmt\n"
ROW = "198508202010032001,Siti Nurhaliza,P,DISKOMINFO,2010-03-01\n"


@pytest.fixture
def base_store(mem_store: Store) -> Store:
    mem_store.load_csv_dir(SMALL)
    return mem_store


def _fatal(store: Store, item, settings: Settings | None = None, lang: str = "id"):
    fp = ingest.prepare(store, [item], settings=settings or Settings(), lang=lang).files[0]
    assert fp.fatal, ingest.report_lines(fp)
    return fp.fatal[0], fp.fatal_message(lang)


# -- size and rows ------------------------------------------------------------------
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(base_store, tmp_path, monkeypatch):
    path = tmp_path / "pegawai.csv"
    path.write_text(EMPLOYEES + ROW * 20_000)  # 1.2 MB
    monkeypatch.setenv("SDM_IMPORT_MAX_MB", "1")
    monkeypatch.setattr(readers, "_encoding", lambda *a: pytest.fail("the file was read"))
    code, message = _fatal(base_store, path, load_settings())
    assert code == "too_big" and message == (
        "berkas terlalu besar (1,1 MB; batasnya 1 MB, pengaturan SDM_IMPORT_MAX_MB); pecah menjadi beberapa "
        "berkas: pegawai.csv")
    code, _ = _fatal(base_store, ("pegawai.csv", path.read_bytes()), load_settings())  # an upload alike
    assert code == "too_big"
    assert _fatal(base_store, path, load_settings(), "en")[1].startswith("the file is too large (1.1 MB; the limit is 1 MB")


def test_a_csv_over_the_row_limit_is_refused(base_store, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text(EMPLOYEES + ROW * 6)
    code, message = _fatal(base_store, path, Settings(import_max_rows=5))
    assert code == "too_many_rows" and "lebih dari 5 baris data" in message
    path.write_text(EMPLOYEES + ROW * 5)  # at the limit: read (identical rows, taken once)
    assert not ingest.prepare(base_store, [path], settings=Settings(import_max_rows=5)).files[0].fatal


def test_the_limits_are_settings(monkeypatch):
    assert (Settings().import_max_mb, Settings().import_max_rows) == (50, 1_000_000)
    monkeypatch.setenv("SDM_IMPORT_MAX_MB", "20")
    monkeypatch.setenv("SDM_IMPORT_MAX_ROWS", "250000")
    assert readers.Limits.of(load_settings()) == readers.Limits(20 << 20, 250_000)


# -- workbooks: a zip that expands, rows declared or found past the limit ---------------
def _workbook(path: Path, sheet_xml: bytes, level: int = 9) -> Path:
    """A one-sheet workbook whose sheet is the given XML (written by hand: rows, dimension and packing as a
    test needs them)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "pegawai"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst:
        for item in src.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item.filename, data)
    return path


def _sheet(rows: int, dimension: str | None = None, padding: int = 0) -> bytes:
    def cells(n: int, values: list[str]) -> str:
        return "".join(f'<c r="{chr(65 + i)}{n}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))

    body = [f'<row r="1">{cells(1, ["nip", "nama", "jk", "kode_opd", "tmt"])}</row>']
    body += [f'<row r="{n}">{cells(n, ROW.strip().split(","))}</row>' for n in range(2, rows + 2)]
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    pad = f"<!--{' ' * padding}-->" if padding else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main">{dim}<sheetData>{"".join(body)}</sheetData>{pad}</worksheet>').encode()


def test_a_workbook_that_expands_past_the_limits_is_refused_quickly(base_store, tmp_path):
    bomb = _workbook(tmp_path / "pegawai.xlsx", _sheet(3, padding=50 << 20))  # 50 MB of nothing, packed ~50 kB
    assert bomb.stat().st_size < 200_000
    started = time.perf_counter()
    code, message = _fatal(base_store, bomb)
    assert code == "xlsx_expands" and "mengembang menjadi 50,0 MB saat dibuka (batasnya 500 MB" in message
    assert _fatal(base_store, bomb, Settings(import_max_mb=1))[0] == "xlsx_expands"  # and beyond 10 x 1 MB
    big = _workbook(tmp_path / "pegawai_besar.xlsx", _sheet(200_000, "A1:E200001"))  # 200 000 rows in 2 MB
    assert _fatal(base_store, big, Settings(import_max_rows=100_000))[0] == "too_many_rows"  # as declared
    assert time.perf_counter() - started < 10


def test_a_workbook_over_the_row_limit_is_refused_before_it_is_opened(base_store, tmp_path, monkeypatch):
    limits = Settings(import_max_rows=15)  # rows past 15 + a header + 10 title rows: refused unopened
    sheets = {"declared": _sheet(30, "A1:E31"), "undeclared": _sheet(30), "understated": _sheet(30, "A1:E2")}
    books = {name: _workbook(tmp_path / f"pegawai_{name}.xlsx", xml) for name, xml in sheets.items()}
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("the workbook was opened"))
    for book in books.values():
        assert _fatal(base_store, book, limits)[0] == "too_many_rows"
    monkeypatch.undo()
    assert _fatal(base_store, books["declared"], Settings(import_max_rows=25))[0] == "too_many_rows"  # found in it
    fp = ingest.prepare(base_store, [books["understated"]], settings=Settings(import_max_rows=30)).files[0]
    assert not fp.fatal and fp.rows == 30


def test_row_elements_are_counted_across_chunks(monkeypatch):
    monkeypatch.setattr(workbook, "_CHUNK", 7)  # every tag split somewhere
    xml = b'<sheetData><row r="1"/><x:row r="2"><c/></x:row><row>' + b"<row/>" * 20 + b"<rows/></sheetData>"
    assert workbook.count_rows(io.BytesIO(xml), None) == 23
    assert workbook.count_rows(io.BytesIO(xml), 5) == 6


def test_openpyxl_parses_workbooks_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML  # requirements.txt pins defusedxml: entity expansion in a sheet is refused


# -- rejected rows: the first 100 on screen, all of them in the rejects file --------------
def _bad_participations(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "peserta.csv"
    with open(path, "w") as fh:
        fh.write("kode_program,nip,status,persen_kehadiran\n")
        fh.write("PG01,198508202010032001,lulus,100\n")  # one good row first
        fh.writelines(f"PG01,{198508202010032001 + 1 + i},lulus,{101 + i}\n" for i in range(n))
    return path


def test_150_rejected_rows_show_100_and_the_count_of_the_rest_and_the_file_holds_all(base_store, tmp_path):
    path = _bad_participations(tmp_path, 150)
    plan = ingest.prepare(base_store, [path])
    fp = plan.files[0]
    assert fp.rejected == 150 and fp.valid == 1 and fp.more_rejected == 50
    assert fp.errors()["row"].nunique() == 100 and fp.errors()["row"].max() == 102
    text = "\n".join(ingest.report_lines(fp))
    assert text.count("DITOLAK") == 200  # two reasons a row: no such employee, attendance above 100
    assert ("… dan 50 baris lain ditolak; semuanya ditulis ke berkas penolakan bila diimpor dengan "
            "--accept-partial") in text
    assert ingest.more_rejected(fp) == "… dan 50 baris lain; semuanya ada di berkas penolakan"
    assert ingest.more_rejected(fp, "en") == "… and 50 more rows; all of them are in the rejects file"
    written = ingest.write_rejects(plan)
    lines = written[0].read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 151 and lines[0] == "baris,kode_program,nip,status,persen_kehadiran,alasan"
    assert lines[1] == ("3,PG01,198508202010032002,lulus,101,persen_kehadiran: harus antara 0 dan 100; "
                        "nip: NIP tidak ada di data pegawai")
    assert lines[-1].startswith("152,PG01,198508202010032151,lulus,250,")
    assert ingest.rejects_csv(fp, "en").splitlines()[0] == "row,kode_program,nip,status,persen_kehadiran,reason"
    out = ingest.summary(plan)["files"][0]
    assert out["more_rejected_rows"] == 50 and len({i["row"] for i in out["issues"]}) == 100


def test_rejected_rows_stay_out_of_memory_and_the_rejects_file_has_every_one(base_store, tmp_path):
    path = tmp_path / "peserta.csv"
    with open(path, "w") as fh:
        fh.write("kode_program;nip;status;persen_kehadiran\n")
        fh.writelines(f"PX{i};198508202010032001;lulus;100\n" for i in range(60_000))  # no such programmes
    plan = ingest.prepare(base_store, [path])
    fp = plan.files[0]
    assert fp.rejected == 60_000 and len(fp.issues) == 100
    rejects = ingest.rejects_bytes(fp)
    assert rejects.startswith(b"\xef\xbb\xbfbaris;kode_program;") and rejects.count(b"\n") == 60_001
    assert b"60001;PX59999;198508202010032001;lulus;100;kode_program: kode program tidak ada" in rejects


def test_a_rejected_row_that_did_not_split_keeps_its_line_in_the_rejects_file(base_store, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text("kode_program,nip,status\nPG01,198508202010032001,lulus,lebih\n")
    plan = ingest.prepare(base_store, [path])
    line = ingest.rejects_csv(plan.files[0]).splitlines()[1]
    assert line.startswith("2,,,,") and "lulus,lebih" in line


# -- encodings ---------------------------------------------------------------------------
def test_a_utf8_file_with_a_stray_byte_is_refused_naming_its_line(base_store, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes((EMPLOYEES + "198508202010032001,José Sítî,P,DISKOMINFO,2010-03-01\n"
                      + ROW * 3).encode() + b"199005122015031002,Rud\xed,L,DISKOMINFO,2015-03-01\n" + ROW.encode())
    code, message = _fatal(base_store, path)
    assert code == "mixed_encoding" and "baris 6 memuat byte yang bukan UTF-8" in message
    assert "line(s) 6 hold bytes" in _fatal(base_store, path, lang="en")[1]
    path.write_bytes(b"\xef\xbb\xbf" + EMPLOYEES.encode() + b"1,Rud\xed,L,X,2015\n" * 12)  # a BOM says UTF-8
    assert _fatal(base_store, path)[1].startswith("pengodean bercampur: berkas ini UTF-8, tetapi baris 2, 3, 4, 5")
    assert "11, …" in _fatal(base_store, path)[1]


@pytest.mark.parametrize("text", ["Andréa Putri", "Ma’ruf Hidayat"])
def test_a_windows_1252_file_is_still_read(base_store, tmp_path, text):
    path = tmp_path / "pegawai.csv"
    path.write_bytes((EMPLOYEES + f"198508202010032001,{text},P,DISKOMINFO,2010-03-01\n").encode("cp1252"))
    plan = ingest.prepare(base_store, [path])
    assert plan.ok and plan.files[0].preview["name"][0] == text


# -- plausible values ------------------------------------------------------------------------
def test_implausible_dates_ages_and_texts_are_row_errors(base_store, tmp_path):
    path = tmp_path / "pegawai.csv"
    long_name = "A" * 100_000
    path.write_text(
        "nip,nama,jk,tanggal_lahir,kode_opd,tmt\n"
        "210001012099011001,Lahir Nanti,L,2100-01-01,DISKOMINFO,2099-01-01\n"
        "199001012005011001,Lima Belas,L,1990-01-01,DISKOMINFO,2005-01-01\n"
        "195001012015011001,Enam Lima,L,1950-01-01,DISKOMINFO,2015-01-01\n"
        f"198508202010031005,{long_name},L,,DISKOMINFO,2010-03-01\n"
        "198508202010031006,Delapan Belas,L,,DISKOMINFO,2010-03-01\n")
    plan = ingest.prepare(base_store, [path])
    fp = plan.files[0]
    found = {(r.row, r.column, r.code, r.detail) for r in fp.errors().itertuples()}
    latest = f"31/12/{dt.date.today().year + 1}"
    assert found == {
        (2, "tanggal_lahir", "date_future", latest), (2, "tmt", "date_future", latest),
        (2, "tmt", "hire_before_birth", "01/01/2100"),
        (3, "tmt", "hire_age", "15"), (4, "tmt", "hire_age", "65"),
        (5, "nama", "text_long", "100000 > 200"),
    }
    assert fp.rejected == 4 and fp.valid == 1
    text = "\n".join(ingest.report_lines(fp))
    assert 'baris 3, kolom "tmt", nilai "2005-01-01": umur pada TMT 15 tahun; ASN diangkat pada umur 18–60' in text
    assert 'kolom "nama", nilai "' + "A" * 200 + '…": teks terlalu panjang (100000 > 200 karakter)' in text
    assert f"tanggal terlalu jauh di masa depan: paling lambat {latest}" in text
    assert long_name in ingest.rejects_csv(fp)  # the rejects file keeps the cell whole


def test_a_programme_dated_2099_is_rejected(base_store, tmp_path):
    path = tmp_path / "program.csv"
    path.write_text("kode_program,nama_program,jp,tanggal_mulai,tanggal_selesai\n"
                    "PX1,Masa Depan,10,2099-01-01,2099-01-02\nPX2,Kini,10,2025-01-01,2025-01-02\n")
    fp = ingest.prepare(base_store, [path]).files[0]
    assert sorted(fp.errors()[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (2, "tanggal_mulai", "date_future"), (2, "tanggal_selesai", "date_future")]


def test_comments_may_be_longer_than_names(base_store, tmp_path):
    path = tmp_path / "respon_survei.csv"
    comment = "Materi sangat bermanfaat. " * 190  # ~4 900 characters
    path.write_text("id_respon,kode_butir,nip,kode_program,waktu_isi,jawaban\n"
                    f'S1,R_KOM,198508202010032001,PG01,2025-02-14 15:00,"{comment}"\n'
                    f'S2,R_KOM,198508202010032001,PG01,2025-02-14 15:00,"{comment * 2}"\n')
    fp = ingest.prepare(base_store, [path]).files[0]
    assert list(fp.errors()[["row", "code"]].itertuples(index=False, name=None)) == [(3, "text_long")]


def test_the_cli_json_report_counts_the_rows_it_does_not_list(tmp_path, capsys):
    from sdm_analytics import cli

    db = tmp_path / "s.duckdb"
    store = Store(str(db))
    store.load_csv_dir(SMALL)
    store.close()
    path = _bad_participations(tmp_path, 150)
    code = cli.main(["--db", str(db), "import", str(path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["files"][0]["more_rejected_rows"] == 50 and out["rejects_files"] == []


def test_the_demo_data_passes_every_rule(demo_store, mem_store, tmp_path):
    """The demo, exported as contract CSVs, imports into an empty store without one rejected row: the
    plausibility rules (dates, ages at hire, text lengths) hold for the data every screen is shown with."""
    from sdm_analytics.contract import KIND_ORDER

    kinds = [k for k in KIND_ORDER if demo_store.count(k)]  # a header-only file is refused (the demo has no history)
    for kind in kinds:
        demo_store.export_csv(kind, tmp_path / f"{kind}.csv")
    plan = ingest.prepare(mem_store, [tmp_path / f"{kind}.csv" for kind in kinds])
    assert not plan.fatal and plan.rejected == 0, [ingest.report_lines(f)[:5] for f in plan.files]


def test_the_data_page_reads_checks_and_writes_a_file_in_a_process_of_its_own(own_demo_db):
    """F7: a 19 MB upload left the dashboard 245 MB larger for minutes. The Data page's steps run in a child
    process now (ingest.run_apart): the plan comes back with its rejected rows' file still there, the commit
    writes a new version of the store, and an error in the child (a busy store) is raised in the caller."""
    import os

    from sdm_analytics import ingest
    from sdm_analytics.settings import Settings
    from sdm_analytics.store import Store, StoreLockedError

    path = own_demo_db
    data = (Path(__file__).parent / "data" / "import" / "pegawai.csv").read_bytes()
    plan = ingest.run_apart("prepare", path, [("pegawai.csv", data)], None, "id", Settings())
    assert plan.rejected == 2 and plan.files[0].rejects.folder.exists()  # kept for this process
    before = Store(path).count("employees")
    done = ingest.run_apart("commit", path, plan, True, "admin")
    assert done.committed and Store(path).count("employees") == before + done.files[0].result["added"] > before
    os.environ["SDM_WRITE_WAIT"] = "1"
    try:
        holder = Store(path)
        with holder.writing():  # another write holds the store
            with pytest.raises(StoreLockedError):
                ingest.run_apart("commit", path, plan, True, "admin")
    finally:
        del os.environ["SDM_WRITE_WAIT"]
