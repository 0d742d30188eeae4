"""Import: messy real-world files, every rule's rejection, unusable input, all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from sdm_analytics import ingest
from sdm_analytics.engine.metrics import METRIC_IDS
from sdm_analytics.ingest import validate
from sdm_analytics.ingest.plan import CRASH_ENV
from sdm_analytics.store import MIGRATIONS, SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]
SMALL = Path(__file__).parent / "data" / "small"
MESSY = Path(__file__).parent / "data" / "import"
ALL_MESSY = ["unit_kerja.csv", "pegawai.csv", "pegawai_windows.csv", "program.xlsx", "peserta.csv",
             "kuesioner.csv", "survei_reaksi.csv", "target.csv", "kinerja.csv"]


def run(*args: str, db: str, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sdm_analytics", "--db", db, *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


def write_program_xlsx(path: Path) -> Path:
    """Programs as an admin's workbook: an instructions sheet first, a title above the header,
    date and money cells, dates as serial numbers, numbers and money as text."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active["A1"] = "Isi lembar 'Program'. Tanggal ditulis hari/bulan/tahun."
    sheet = book.create_sheet("Program")
    sheet.append(["DAFTAR PROGRAM PENGEMBANGAN KOMPETENSI 2025"])
    sheet.append([])
    sheet.append(["Kode Program", "Nama Program", "Kategori", "Topik", "Metode", "Penyelenggara", "JP",
                  "Tanggal Mulai", "Tanggal Selesai", "Kuota", "Biaya per Peserta"])
    sheet.append(["PG-A", "Literasi Digital ASN", "Teknis", "Digitalisasi", "Klasikal", "BKPSDM Kota Serang", 32,
                  dt.datetime(2025, 3, 10), dt.datetime(2025, 3, 14), 30, 1250000])
    sheet.append(["PG-B", "Literasi Keuangan Keluarga", "Bimtek", "Literasi Keuangan", "E-Learning", "LAN", "16",
                  45748, 45750, "40", "Rp 1.250.000"])  # dates as Excel serial numbers, money as text
    sheet.append(["PG-C", "Kepemimpinan Pengawas", "PKP", "kepemimpinan", "campuran", "BPSDM Provinsi Banten", 40.0,
                  "17/03/2025", "28-03-2025", None, "1.250.000,00"])
    sheet["H4"].number_format = sheet["I4"].number_format = "DD/MM/YYYY"
    sheet["K4"].number_format = '"Rp" #,##0'
    book.save(path)
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """The messy sample files (and the workbook) in a folder of their own: rejects are written beside them."""
    for name in ALL_MESSY:
        if name.endswith(".csv"):
            shutil.copy(MESSY / name, tmp_path / name)
    write_program_xlsx(tmp_path / "program.xlsx")
    return tmp_path


@pytest.fixture
def base_store(mem_store: Store) -> Store:
    """An in-memory store holding the hand-checked small data (units, employees, programs, items)."""
    mem_store.load_csv_dir(SMALL)
    return mem_store


@pytest.fixture(scope="module")
def messy_store(tmp_path_factory) -> Store:
    """All messy files imported once into an in-memory store (read only by convention)."""
    folder = tmp_path_factory.mktemp("messy")
    for name in ALL_MESSY:
        if name.endswith(".csv"):
            shutil.copy(MESSY / name, folder / name)
    write_program_xlsx(folder / "program.xlsx")
    store = Store(":memory:")
    ingest.commit(store, ingest.prepare(store, [folder / n for n in ALL_MESSY]))
    yield store
    store.close()


def _file_store(path: Path) -> str:
    store = Store(str(path))
    store.load_csv_dir(SMALL)
    store.close()
    return str(path)


# -- the messy files admins really send -----------------------------------------
def test_messy_files_import_in_one_call(mem_store, messy):
    plan = ingest.prepare(mem_store, [messy / n for n in ALL_MESSY])
    assert plan.ok, [ingest.report_lines(f) for f in plan.files]
    kinds = {f.name: (f.kind, f.kind_from) for f in plan.files}
    assert kinds["pegawai.csv"] == ("employees", "file_name")
    assert kinds["program.xlsx"] == ("programs", "file_name")
    assert kinds["survei_reaksi.csv"] == ("survey_responses", "wide")
    employees = next(f for f in plan.files if f.name == "pegawai.csv")
    assert {"header": "Gol. Ruang", "column": "rank_group", "alias": "gol_ruang"} in employees.mapping
    assert list(employees.warnings()[["column", "code"]].itertuples(index=False, name=None)) == [
        ("Email", "unknown_column")]
    programs = next(f for f in plan.files if f.name == "program.xlsx")
    assert list(programs.warnings()[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (5, "Topik", "topic_unknown")]  # the sheet's own row: a title and a blank row sit above the header
    ingest.commit(mem_store, plan)
    assert [f.result["added"] for f in plan.files] == [4, 7, 2, 3, 7, 3, 8, 3, 3]


@pytest.mark.parametrize("sql,expected", [
    # semicolon + BOM + Indonesian headers + day-first dates; code variants
    ("SELECT rank_group, education, birth_date FROM employees WHERE nip = '198503172010011003'",
     ("III/a", "S1", dt.date(1985, 3, 17))),
    ("SELECT gender, employment_type, rank_group, education, opd_code, hire_date FROM employees "
     "WHERE name = 'Siti Aminah'", ("P", "PNS", "III/b", "D3", "DINKES", dt.date(2015, 3, 1))),
    ("SELECT rank_group, position_type, education, exit_date FROM employees WHERE name = 'Ahmad Fauzi'",
     ("III/b", "administrator", "S1", dt.date(2024, 12, 31))),
    ("SELECT rank_group, education, gender FROM employees WHERE name = 'Rina Marlina'", ("III/a", "SMP", "P")),
    ("SELECT education, hire_date FROM employees WHERE name = 'Andi Pratama'", ("SMA", dt.date(2014, 3, 1))),
    ("SELECT position_type, gender FROM employees WHERE name = 'Joko Widodo'", ("jpt", "L")),
    ("SELECT employment_type, rank_group FROM employees WHERE nip = '199602102024212002'", ("PPPK", "IX")),
    # Windows-1252
    ("SELECT count(*) FROM employees WHERE name IN ('Ma’ruf Hidayat', 'Andréa Putri')", (2,)),
    # units: codes upper-cased, area and OPD type words
    ("SELECT opd_type, area FROM units WHERE opd_code = 'DINKES'", ("dinas", "urban")),
    ("SELECT string_agg(area, ',' ORDER BY opd_code) FROM units", ("urban,rural,remote,urban",)),
    ("SELECT opd_type FROM units WHERE opd_code = 'SATPOL_PP'", ("satpol_pp",)),
    # XLSX: date cells, money cells, serial numbers, text money, modes
    ("SELECT start_date, end_date, cost_per_participant, mode, jp, capacity FROM programs WHERE program_code = 'PG-A'",
     (dt.date(2025, 3, 10), dt.date(2025, 3, 14), 1250000.0, "luring", 32.0, 30)),
    ("SELECT start_date, cost_per_participant, mode, topic, category FROM programs WHERE program_code = 'PG-B'",
     (dt.date(2025, 4, 1), 1250000.0, "daring", "literasi_keuangan", "teknis")),
    ("SELECT start_date, end_date, cost_per_participant, mode, category FROM programs WHERE program_code = 'PG-C'",
     (dt.date(2025, 3, 17), dt.date(2025, 3, 28), 1250000.0, "blended", "kepemimpinan")),
    # participations: Indonesian statuses, decimal commas, percent sign
    ("SELECT string_agg(status, ',' ORDER BY program_code, nip) FROM participations",
     ("dropped,completed,failed,no_show,completed,registered,completed",)),
    ("SELECT pre_test, attendance_pct FROM participations WHERE nip = '198503172010011003'", (55.5, 100.0)),
    ("SELECT attendance_pct, jp_earned FROM participations WHERE nip = '199001022015032001'", (87.5, 0.0)),
    ("SELECT attendance_pct FROM participations WHERE nip = '199203042014031002'", (100.0,)),
    # survey items: Indonesian kinds; a comment item keeps its empty scale
    ("SELECT survey_kind, scale_min, scale_max FROM survey_items WHERE item_code = 'R_SARAN'",
     ("reaction", None, None)),
    # Google Forms export: long format, labels and "4 - Setuju" as numbers, PM timestamps, multi-line comment
    ("SELECT count(*), count(DISTINCT response_id) FROM survey_responses", (8, 3)),
    ("SELECT value, submitted_at FROM survey_responses WHERE item_code = 'R_FASIL' AND nip = '198503172010011003'",
     (4.0, dt.datetime(2025, 3, 14, 15, 15, 30))),
    ("SELECT value FROM survey_responses WHERE item_code = 'R_MATERI' AND nip = '199001022015032001'", (5.0,)),
    ("SELECT answer_text, respondent_role, program_code FROM survey_responses "
     "WHERE item_code = 'R_SARAN' AND nip = '199001022015032001'",
     ("Ruangan panas.\nMohon AC diperbaiki.", "self", "PG-A")),
    # targets: 60% is 0.6, decimal comma, empty OPD = the whole city
    ("SELECT target FROM targets WHERE indicator = 'jp20_rate'", (0.6,)),
    ("SELECT target, opd_code FROM targets WHERE indicator = 'reach_rate'", (0.8, "DINKES")),
    ("SELECT target, opd_code FROM targets WHERE indicator = 'reaction_score'", (4.2, "")),
    ("SELECT string_agg(rating, ',' ORDER BY nip) FROM performance", ("butuh_perbaikan,sangat_baik,baik",)),
])
def test_messy_values_are_normalised(messy_store, sql, expected):
    assert messy_store.rows(sql)[0] == expected


def test_reimport_changes_nothing_and_updates_are_counted(mem_store, messy):
    files = [messy / n for n in ALL_MESSY]
    ingest.commit(mem_store, ingest.prepare(mem_store, files))
    counts = {k: mem_store.count(k) for k in ("employees", "participations", "survey_responses")}
    again = ingest.prepare(mem_store, files)
    assert all(f.estimate["added"] == 0 and f.estimate["updated"] == 0 for f in again.files)
    ingest.commit(mem_store, again)
    assert [(f.result["added"], f.result["updated"]) for f in again.files] == [(0, 0)] * len(files)
    assert [f.result["unchanged"] for f in again.files] == [4, 7, 2, 3, 7, 3, 8, 3, 3]
    assert {k: mem_store.count(k) for k in counts} == counts
    changed = messy / "peserta.csv"
    changed.write_text(changed.read_text().replace("PG-C;198001012005011001;terdaftar", "PG-C;198001012005011001;lulus"))
    plan = ingest.commit(mem_store, ingest.prepare(mem_store, [changed]), by="ani")
    assert plan.files[0].result == {"added": 0, "updated": 1, "unchanged": 6, "rejected": 0}
    assert mem_store.scalar("SELECT status FROM participations WHERE nip = '198001012005011001'") == "completed"
    log = mem_store.import_history()
    assert len(log) == 2 * len(files) + 1 and log.iloc[0]["file_name"] == "peserta.csv"
    assert log.iloc[0]["imported_by"] == "ani"  # who imported it


def test_a_file_without_a_column_keeps_the_stored_values(base_store, tmp_path):
    before = base_store.rows("SELECT * FROM employees WHERE nip = '198508202010032001'")[0]
    path = tmp_path / "pegawai.csv"
    path.write_text("nip;nama;kode_opd;tmt\n198508202010032001;Siti Nurhaliza, S.Kom.;DISKOMINFO;01/03/2010\n")
    plan = ingest.commit(base_store, ingest.prepare(base_store, [path]))
    assert plan.files[0].result["updated"] == 1
    after = base_store.rows("SELECT * FROM employees WHERE nip = '198508202010032001'")[0]
    assert after[1] == "Siti Nurhaliza, S.Kom." and after[2:] == before[2:]


def test_survey_items_without_scale_columns_are_likert_1_to_5(mem_store, tmp_path):
    path = tmp_path / "kuesioner.csv"
    path.write_text("kode_butir,jenis_survei,pertanyaan\nK1,kesiapan,Saya siap berubah\n")
    ingest.commit(mem_store, ingest.prepare(mem_store, [path]))
    assert mem_store.rows("SELECT survey_kind, scale_min, scale_max FROM survey_items") == [("readiness", 1, 5)]


# -- detection ----------------------------------------------------------------------
@pytest.mark.parametrize("name,kind", [
    ("employees.csv", "employees"), ("pegawai.csv", "employees"), ("peserta.csv", "participations"),
    ("program.xlsx", "programs"), ("unit_kerja.csv", "units"), ("Data Pegawai Dinkes 2025.xlsx", "employees"),
    ("peserta_pelatihan_2025.csv", "participations"), ("butir_survei.csv", "survey_items"),
    ("hasil_survei_reaksi.csv", "survey_responses"), ("kinerja_2024.csv", "performance"),
    ("target.csv", "targets"), ("peserta.csv.rejects.csv", "participations"), ("data.csv", None),
])
def test_kind_from_the_file_name(name, kind):
    assert ingest.kind_of_name(name) == kind


def test_kind_from_headers_and_from_the_sheet_name(base_store, tmp_path):
    import openpyxl

    csv_path = tmp_path / "export_simpeg.csv"
    csv_path.write_text("NIP_BARU,NAMA_LENGKAP,GOL_RUANG,KODE_UNOR,TMT_CPNS\n"
                        "198503172010011003,Budi,III/a,BAPPEDA,2010-01-01\n")
    book = openpyxl.Workbook()
    book.active.title = "Ringkasan"
    sheet = book.create_sheet("Pegawai")
    sheet.append(["NIP", "Nama", "Kode OPD", "TMT"])
    sheet.append([198503172010011003, "Budi", "BAPPEDA", dt.datetime(2010, 1, 1)])  # a NIP typed as a number
    book.save(tmp_path / "data.xlsx")
    plan = ingest.prepare(base_store, [csv_path, tmp_path / "data.xlsx"])
    assert [(f.kind, f.kind_from) for f in plan.files] == [("employees", "headers"), ("employees", "sheet")]
    assert plan.files[0].rejected == 0
    assert list(plan.files[1].errors()[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (2, "NIP", "nip_scientific")]


def test_kind_option_accepts_indonesian_names_and_rejects_unknown(base_store, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("kode_program,nip,status\nPG01,198508202010032001,lulus\n")
    assert ingest.prepare(base_store, [path], kind="peserta").files[0].kind == "participations"
    bad = ingest.prepare(base_store, [path], kind="gaji")
    assert bad.files[0].fatal[0] == "bad_kind" and "gaji" in bad.files[0].fatal_message()


# -- value parsing: one table of cases per macro --------------------------------------
@pytest.fixture(scope="module")
def sql():
    con = duckdb.connect()
    validate.install(con, tuple(METRIC_IDS))

    def value(expr: str, text: str):
        return con.execute(f"SELECT {expr}", {"x": text}).fetchall()[0][0]

    yield value
    con.close()


@pytest.mark.parametrize("text,expected", [
    ("17/03/2025", dt.date(2025, 3, 17)), ("17-03-2025", dt.date(2025, 3, 17)), ("17.03.2025", dt.date(2025, 3, 17)),
    ("2025-03-17", dt.date(2025, 3, 17)), ("7/3/2025", dt.date(2025, 3, 7)), ("2025-03-17 00:00:00", dt.date(2025, 3, 17)),
    ("45733", dt.date(2025, 3, 17)), ("17 Maret 2025", dt.date(2025, 3, 17)), ("1 Agustus 2024", dt.date(2024, 8, 1)),
    ("31/02/2025", None), ("03/17/2025", None), ("kemarin", None), ("17/03/25", None),
])
def test_dates_are_day_first(sql, text, expected):
    assert sql("sdm_date(sdm_clean($x))", text) == expected


@pytest.mark.parametrize("text,expected", [
    ("2025/03/14 3:15:30 PM GMT+7", dt.datetime(2025, 3, 14, 15, 15, 30)),
    ("2025/03/14 12:05:00 AM", dt.datetime(2025, 3, 14, 0, 5)),
    ("14/03/2025 22:05", dt.datetime(2025, 3, 14, 22, 5)), ("14/03/2025 09.30", dt.datetime(2025, 3, 14, 9, 30)),
    ("2025-03-14T08:00:00", dt.datetime(2025, 3, 14, 8)), ("2025-03-14", dt.datetime(2025, 3, 14)),
    ("45730.5", dt.datetime(2025, 3, 14, 12)), ("14/03/2025 25:00", None), ("besok pagi", None),
])
def test_timestamps(sql, text, expected):
    assert sql("sdm_ts(sdm_clean($x))", text) == expected


@pytest.mark.parametrize("expr,text,expected", [
    ("sdm_num($x, 'comma')", "12,5", 12.5), ("sdm_num($x, 'dot')", "12.5", 12.5),
    ("sdm_num($x, 'comma')", "1.250", 1250.0), ("sdm_num($x, 'dot')", "12,5", 12.5),
    ("sdm_num($x, 'dot')", "1,250", None), ("sdm_num($x, 'dot')", "95%", 95.0), ("sdm_num($x, 'dot')", "abc", None),
    ("sdm_num($x, 'xlsx')", "12.125", 12.125), ("sdm_num($x, 'xlsx')", "12,125", 12.125),
    ("sdm_money($x, 'dot')", "Rp 1.250.000", 1250000.0), ("sdm_money($x, 'comma')", "1.250.000,00", 1250000.0),
    ("sdm_money($x, 'dot')", "Rp1.250.000,-", 1250000.0), ("sdm_money($x, 'dot')", "1,250,000", 1250000.0),
    ("sdm_money($x, 'dot')", "1250000.5", 1250000.5), ("sdm_money($x, 'xlsx')", "IDR 250.000", 250000.0),
    ("sdm_int($x, 'dot')", "30", 30), ("sdm_int($x, 'dot')", "2.5", None),
    ("sdm_nip($x)", "19850317 201001 1 003", "198503172010011003"),
    ("sdm_nip($x)", "'198503172010011003", "198503172010011003"),
])
def test_numbers_money_and_nip(sql, expr, text, expected):
    assert sql(expr, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("3a", "III/a"), ("III-a", "III/a"), ("III.a", "III/a"), ("iii/a", "III/a"), ("III A", "III/a"),
    ("Penata Muda Tk. I, III/b", "III/b"), ("Pembina Utama Muda (IV/c)", "IV/c"), ("IV/e", "IV/e"),
    ("IX", "IX"), ("9", "IX"), ("Golongan XVII", "XVII"), ("abc", None),
])
def test_rank_groups(sql, text, expected):
    assert sql("sdm_rank($x)", text) == expected


@pytest.mark.parametrize("column,text,code", [
    ("gender", "M", "L"), ("gender", "F", "P"), ("gender", "Laki-laki", "L"), ("gender", "PEREMPUAN", "P"),
    ("employment_type", "CPNS", "PNS"), ("employment_type", "pppk", "PPPK"),
    ("education", "S-1", "S1"), ("education", "D-III", "D3"), ("education", "D III", "D3"),
    ("education", "Strata 1", "S1"), ("education", "SLTP", "SMP"), ("education", "SMK", "SMA"),
    ("education", "SLTA", "SMA"), ("education", "SMU", "SMA"), ("education", "s2", "S2"),
    ("status", "terdaftar", "registered"), ("status", "Lulus", "completed"), ("status", "selesai", "completed"),
    ("status", "tidak_lulus", "failed"), ("status", "Tidak Lulus", "failed"),
    ("status", "mengundurkan_diri", "dropped"), ("status", "tidak hadir", "no_show"),
    ("mode", "klasikal", "luring"), ("mode", "E-Learning", "daring"), ("mode", "online", "daring"),
    ("mode", "campuran", "blended"), ("mode", "Kombinasi", "blended"), ("area", "perkotaan", "urban"),
    ("area", "Perdesaan", "rural"), ("area", "terpencil", "remote"), ("respondent_role", "diri sendiri", "self"),
    ("respondent_role", "Atasan", "supervisor"), ("respondent_role", "rekan", "peer"),
    ("survey_kind", "Kesiapan Berubah", "readiness"), ("rating", "Sangat Baik", "sangat_baik"),
    ("indicator", "JP20_RATE", "jp20_rate"),
])
def test_code_variants(sql, column, text, code):
    found = sql(f"(SELECT code FROM _codes WHERE col = '{column}' AND variant = sdm_key($x))", text)
    assert found == code


def test_every_reason_has_both_languages():
    from sdm_analytics.ingest.messages import FILE_ERRORS, REASONS

    used = {r.code for rules in validate.RULES.values() for r in rules}
    used |= {"required", "date", "timestamp", "number", "integer", "money", "code", "year_range",
             "duplicate_conflict", "duplicate_identical", "csv_columns", "unknown_column", "duplicate_column"}
    assert used <= set(REASONS)
    for id_text, en_text in [*REASONS.values(), *FILE_ERRORS.values()]:
        assert id_text and en_text and id_text != en_text


def test_code_variants_are_unambiguous():
    rows = validate.code_variants(tuple(METRIC_IDS))
    assert len({(col, key) for col, key, _ in rows}) == len(rows)


# -- every rule rejects (or warns about) the right row, column and reason -------------
BAD = {
    "unit_kerja.csv": (
        "kode_opd,nama_opd,jenis_opd,wilayah\n"
        "dinas kominfo,Dinas X,dinas,perkotaan\n"
        "NEW_1,,dinas,kota\n"
        "NEW_2,Unit Dua,pabrik,kota\n"
        "NEW_3,Unit Tiga,dinas,kota\n"
        "NEW_3,Unit Tiga Baru,dinas,kota\n"
        "NEW_4,Unit Empat,dinas,kota\n"
        "NEW_4,Unit Empat,dinas,kota\n",
        [(2, "kode_opd", "opd_code_format"), (3, "nama_opd", "required"), (4, "jenis_opd", "code"),
         (5, "kode_opd", "duplicate_conflict"), (6, "kode_opd", "duplicate_conflict"),
         (8, "kode_opd", "duplicate_identical")],
    ),
    "pegawai.csv": (
        "nip,nama,jk,status_pegawai,golongan,kode_opd,tmt,tanggal_keluar,pendidikan\n"
        "1985031720100110,Pendek,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "1.98503E+17,Ilmiah,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198513172010011003,Lahir,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010131003,Tmt,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172024211003,PPPK Lenient,L,PPPK,IX,DISKOMINFO,2024-01-01,,S1\n"
        "198503172010013003,Digit,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010012003,Beda JK,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010011004,Gol Salah,L,PNS,XVII,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010011005,Gol PPPK,L,PPPK,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010011006,Keluar,L,PNS,III/a,DISKOMINFO,2010-01-01,2009-12-31,S1\n"
        "198503172010011007,Unit,L,PNS,III/a,TIDAK_ADA,2010-01-01,,S1\n"
        "198503172010011008,Tanggal,L,PNS,III/a,DISKOMINFO,2010-13-01,,S1\n"
        "198503172010011009,,L,PNS,III/a,DISKOMINFO,2010-01-01,,S1\n"
        "198503172010011010,Sekolah,L,PNS,III/a,DISKOMINFO,2010-01-01,,S7\n",
        [(2, "nip", "nip_format"), (3, "nip", "nip_scientific"), (4, "nip", "nip_birth"), (5, "nip", "nip_tmt"),
         (7, "nip", "nip_gender_digit"), (8, "jk", "gender_mismatch"), (9, "golongan", "rank"),
         (10, "golongan", "rank"), (11, "tanggal_keluar", "exit_before_hire"), (12, "kode_opd", "ref_unit"),
         (13, "tmt", "date"), (14, "nama", "required"), (15, "pendidikan", "code")],
    ),
    "program.csv": (
        "kode_program,nama_program,topik,metode,jp,tanggal_mulai,tanggal_selesai,kuota,biaya_per_peserta\n"
        "PX1,Nol JP,digitalisasi,daring,0,2025-01-01,2025-01-02,,\n"
        "PX2,Terlalu banyak,digitalisasi,daring,1001,2025-01-01,2025-01-02,,\n"
        "PX3,Mundur,digitalisasi,daring,10,2025-02-01,2025-01-31,,\n"
        "PX4,Kuota,digitalisasi,daring,10,2025-01-01,2025-01-02,0,\n"
        "PX5,Biaya,digitalisasi,daring,10,2025-01-01,2025-01-02,,-5000\n"
        "PX6,Biaya teks,digitalisasi,daring,10,2025-01-01,2025-01-02,,gratis\n"
        "PX7,Topik baru,astronomi,daring,10,2025-01-01,2025-01-02,,\n"
        "PX8,JP teks,digitalisasi,daring,sepuluh,2025-01-01,2025-01-02,,\n"
        "PX9,Kuota pecahan,digitalisasi,daring,10,2025-01-01,2025-01-02,2.5,\n"
        "PX10,Metode,digitalisasi,telepati,10,2025-01-01,2025-01-02,,\n"
        "PX11,Tanpa tanggal,digitalisasi,daring,10,,2025-01-02,,\n",
        [(2, "jp", "jp_range"), (3, "jp", "jp_range"), (4, "tanggal_selesai", "end_before_start"),
         (5, "kuota", "positive"), (6, "biaya_per_peserta", "negative"), (7, "biaya_per_peserta", "money"),
         (8, "topik", "topic_unknown"), (9, "jp", "number"), (10, "kuota", "integer"), (11, "metode", "code"),
         (12, "tanggal_mulai", "required")],
    ),
    "peserta.csv": (
        "kode_program,nip,status,persen_kehadiran,nilai_pre_test,nilai_post_test,jp_diperoleh\n"
        "PG99,198508202010032001,lulus,100,,,\n"
        "PG01,198508202010039999,lulus,100,,,\n"
        "PG01,199005122015031002,lulus,101,,,\n"
        "PG01,197001151995031001,lulus,100,-1,,\n"
        "PG01,198811032012032001,tidak hadir,0,,,5\n"
        "PG01,199909092025071001,bolos,0,,,\n"
        "PG02,199909092025071001,,0,,,\n"
        "PG02,12345,lulus,100,,,\n",
        [(2, "kode_program", "ref_program"), (3, "nip", "ref_employee"), (4, "persen_kehadiran", "range_0_100"),
         (5, "nilai_pre_test", "range_0_100"), (6, "jp_diperoleh", "jp_earned_status"), (7, "status", "code"),
         (8, "status", "required"), (9, "nip", "nip_format")],
    ),
    "butir_survei.csv": (
        "kode_butir,jenis_survei,pertanyaan,skala_min,skala_maks\n"
        "X1,reaksi,Pertanyaan 1,5,1\n"
        "X2,kepuasan,Pertanyaan 2,1,5\n",
        [(2, "skala_maks", "scale_order"), (3, "jenis_survei", "code")],
    ),
    "respon_survei.csv": (
        "id_respon,kode_butir,nip,kode_program,peran_responden,waktu_isi,nilai,jawaban\n"
        "S1,NOPE,198508202010032001,PG01,diri sendiri,2025-02-14 15:00,4,\n"
        "S2,R_MAT,198508202010032001,,diri sendiri,2025-02-14 15:00,4,\n"
        "S3,RD_01,198508202010032001,PG01,,2025-02-14 15:00,4,\n"
        "S4,R_MAT,198508202010032001,PG01,,2025-02-14 15:00,7,\n"
        "S5,R_KOM,198508202010032001,PG01,,2025-02-14 15:00,3,\n"
        "S6,R_MAT,198508202010032001,PG01,,kemarin sore,4,\n"
        "S7,R_MAT,198508202010032001,PG01,bos,2025-02-14 15:00,4,\n"
        "S8,R_MAT,,PG01,atasan,14/02/2025 15:00,5,\n",
        [(2, "kode_butir", "ref_item"), (3, "kode_program", "program_required"),
         (4, "kode_program", "program_not_allowed"), (5, "nilai", "value_scale"), (6, "nilai", "value_no_scale"),
         (7, "waktu_isi", "timestamp"), (8, "peran_responden", "code")],
    ),
    "kinerja.csv": (
        "nip,tahun,predikat\n"
        "198508202010032001,1890,baik\n"
        "198508202010032001,2024.5,baik\n"
        "198508202010032001,2023,luar biasa\n"
        "198508202010039999,2023,baik\n",
        [(2, "tahun", "year_range"), (3, "tahun", "integer"), (4, "predikat", "code"), (5, "nip", "ref_employee")],
    ),
    "target.csv": (
        "indikator,tahun,kode_opd,target\n"
        "jp20_rate,2025,,150%\n"
        "jp20_rate,2026,,75\n"
        "kepuasan,2025,,0.5\n"
        "jp20_rate,2024,NOPE,0.5\n"
        "jp_per_asn,2025,,-3\n"
        "reach_rate,2025,,80%\n",
        [(2, "target", "rate_range"), (3, "target", "rate_range"), (4, "indikator", "code"),
         (5, "kode_opd", "ref_unit"), (6, "target", "negative")],
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_every_bad_row_is_reported_with_row_column_and_reason(base_store, tmp_path, name):
    text, expected = BAD[name]
    path = tmp_path / name
    path.write_text(text)
    plan = ingest.prepare(base_store, [path])
    fp = plan.files[0]
    assert not fp.fatal, fp.fatal_message()
    found = set(fp.issues[["row", "column", "code"]].itertuples(index=False, name=None))
    assert set(expected) <= found, sorted(found)
    warning_codes = {"gender_mismatch", "topic_unknown", "duplicate_identical"}
    rejected = {row for row, _, code in expected if code not in warning_codes}
    assert set(fp.errors()["row"]) == rejected
    assert fp.rejected == len(rejected) and fp.valid == fp.rows - len(rejected)
    assert not plan.ok
    with pytest.raises(ValueError):
        ingest.commit(base_store, plan)


def test_reasons_are_indonesian_by_default_and_english_on_request(base_store, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text(BAD["peserta.csv"][0])
    text = "\n".join(ingest.report_lines(ingest.prepare(base_store, [path]).files[0]))
    assert 'baris 4, kolom "persen_kehadiran", nilai "101": harus antara 0 dan 100' in text
    assert 'baris 6, kolom "jp_diperoleh", nilai "5": JP diperoleh harus 0 atau kosong kecuali status lulus' in text
    english = "\n".join(ingest.report_lines(ingest.prepare(base_store, [path], lang="en").files[0], "en"))
    assert 'row 4, column "persen_kehadiran", value "101": must be between 0 and 100' in english


def test_row_numbers_are_the_rows_a_spreadsheet_shows(base_store, tmp_path):
    path = tmp_path / "unit_kerja.csv"
    path.write_text('kode_opd,nama_opd,wilayah\nA1,"Unit\nSatu",kota\n\nB!,Unit Dua,kota\n'
                    'C1,Unit Tiga,kota,lebih\nD1,,kota\n')
    fp = ingest.prepare(base_store, [path]).files[0]
    assert sorted(fp.errors()[["row", "code"]].itertuples(index=False, name=None)) == [
        (4, "opd_code_format"), (5, "csv_columns"), (6, "required")]
    assert fp.rows == 4 and fp.rejected == 3


@pytest.mark.parametrize("kind", [None, "survey_responses"])
def test_wide_survey_errors_name_the_question_and_the_form_row(base_store, tmp_path, kind):
    path = tmp_path / "Formulir Tanpa Judul (Jawaban).csv"  # Google Forms' own name says nothing
    path.write_text("Cap waktu,NIP,Kode Program,Materi pelatihan relevan dengan tugas saya,R_FAS\n"
                    "14/02/2025 15:00:00,198508202010032001,PG01,5,4\n"
                    "14/02/2025 15:05:00,199005122015031002,PG01,Sangat bagus sekali,9\n")
    fp = ingest.prepare(base_store, [path], kind=kind).files[0]
    assert (fp.kind, fp.kind_from) == ("survey_responses", "wide") and fp.rows == 2 and fp.rejected == 1
    assert sorted(fp.errors()[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (3, "Materi pelatihan relevan dengan tugas saya", "number"), (3, "R_FAS", "value_scale")]


def test_wide_survey_reimport_adds_nothing(base_store, messy):
    files = [messy / "kuesioner.csv", messy / "survei_reaksi.csv"]
    (messy / "survei_reaksi.csv").write_text(
        (messy / "survei_reaksi.csv").read_text().replace("PG-A", "PG01").replace(
            "19850317 201001 1 003", "198508202010032001").replace(
            "199001022015032001", "199005122015031002").replace("197505052000121002", "197001151995031001"))
    first = ingest.commit(base_store, ingest.prepare(base_store, files))
    ids = base_store.rows("SELECT DISTINCT response_id FROM survey_responses WHERE response_id LIKE 'GF-%' ORDER BY 1")
    second = ingest.commit(base_store, ingest.prepare(base_store, files))
    assert first.files[1].result["added"] == 8
    assert second.files[1].result == {"added": 0, "updated": 0, "unchanged": 8, "rejected": 0}
    assert base_store.rows("SELECT DISTINCT response_id FROM survey_responses "
                           "WHERE response_id LIKE 'GF-%' ORDER BY 1") == ids and len(ids) == 3


# -- unusable input: exit 2 material ------------------------------------------------
def _zip_not_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")


@pytest.mark.parametrize("name,content,code", [
    ("pegawai.csv", b"", "empty"),
    ("pegawai.csv", b"   \n\n", "empty"),
    ("pegawai.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
    ("pegawai.csv", bytes(range(1, 32)) * 8, "binary"),
    ("pegawai.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "xls_old"),
    ("pegawai.xlsx", None, "xlsx_broken"),
    ("pegawai.csv", b"nip;nama;kode_opd;tmt\n", "no_rows"),
    ("pegawai.csv", b"nama;kode_opd\nBudi;DISKOMINFO\n", "missing_columns"),
    ("data.csv", b"foo,bar\n1,2\n", "unknown_kind"),
])
def test_unusable_files_are_fatal_with_one_line(base_store, tmp_path, name, content, code):
    path = tmp_path / name
    if content is None:
        _zip_not_workbook(path)
    else:
        path.write_bytes(content)
    fp = ingest.prepare(base_store, [path]).files[0]
    assert fp.fatal and fp.fatal[0] == code
    message = fp.fatal_message()
    assert name in message and "\n" not in message


def test_missing_file_and_uploaded_bytes(base_store, tmp_path):
    assert ingest.prepare(base_store, [tmp_path / "nope.csv"]).files[0].fatal[0] == "missing"
    upload = ("peserta.csv", "kode_program;nip;status\nPG01;198508202010032001;lulus\nPG02;198508202010032001;"
              "terdaftar\nPG04;198508202010032001;lulus\n".encode())
    plan = ingest.prepare(base_store, [upload])
    assert plan.ok and plan.files[0].estimate == {"added": 1, "updated": 1, "unchanged": 1}


# -- the command line: exit codes, partial imports, crashes, locks --------------------
def test_cli_imports_messy_files_and_reports(messy, tmp_path):
    db = str(tmp_path / "cli.duckdb")
    proc = run("import", *[str(messy / n) for n in ALL_MESSY], db=db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "diimpor: 7 ditambah" in proc.stdout and 'kolom "Email": kolom tidak dikenal' in proc.stdout
    again = run("import", *[str(messy / n) for n in ALL_MESSY], "--lang", "en", db=db)
    assert again.returncode == 0 and "imported: 0 added, 0 updated, 7 unchanged" in again.stdout
    import getpass

    store = Store(db)
    assert set(store.import_history()["imported_by"]) == {f"cli:{getpass.getuser()}"}  # who, from the server
    store.close()


def test_cli_rejected_rows_write_nothing_unless_partial(tmp_path):
    db = _file_store(tmp_path / "s.duckdb")
    store = Store(db)
    before, version = store.count("participations"), store.version
    store.close()
    path = tmp_path / "peserta.csv"
    path.write_text(BAD["peserta.csv"][0] + "PG02,198508202010032001,lulus,90,,,\n")
    proc = run("import", str(path), db=db)
    assert proc.returncode == 1
    assert "baris 2" in proc.stdout and "baris 9" in proc.stdout and "--accept-partial" in proc.stdout
    assert not (tmp_path / "peserta.csv.rejects.csv").exists()
    store = Store(db)
    assert (store.count("participations"), store.version) == (before, version)
    store.close()
    proc = run("import", str(path), "--accept-partial", db=db)
    assert proc.returncode == 1
    rejects = (tmp_path / "peserta.csv.rejects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rejects[0].split(",")[0] == "baris" and rejects[0].endswith(",alasan")
    assert len(rejects) == 9 and rejects[3].startswith("4,PG01,199005122015031002,lulus,101")
    assert "persen_kehadiran: harus antara 0 dan 100" in rejects[3]
    store = Store(db)
    assert store.count("participations") == before + 1  # the one valid row
    assert store.scalar("SELECT attendance_pct FROM participations WHERE program_code = 'PG02' "
                        "AND nip = '198508202010032001'") == 90
    assert store.scalar("SELECT rejected FROM import_log") == 8
    store.close()


@pytest.mark.parametrize("content,needle", [
    (None, "tidak ditemukan"), (b"", "kosong"), (b"\x00\x01\x02junk\x00", "biner"),
])
def test_cli_unusable_input_exits_2_without_traceback(tmp_path, content, needle):
    path = tmp_path / "pegawai.csv"
    if content is not None:
        path.write_bytes(content)
    proc = run("import", str(path), db=str(tmp_path / "s.duckdb"))
    assert proc.returncode == 2 and needle in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_cli_unknown_kind_exits_2(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n")
    proc = run("import", str(path), db=str(tmp_path / "s.duckdb"))
    assert proc.returncode == 2 and "--kind" in proc.stderr and "Traceback" not in proc.stderr


def test_killed_import_leaves_the_store_as_it_was(messy, tmp_path):
    db = _file_store(tmp_path / "s.duckdb")
    store = Store(db)
    snapshot = {k: store.count(k) for k in ("units", "employees", "programs")}
    version = store.version
    store.close()
    proc = run("import", *[str(messy / n) for n in ALL_MESSY], db=db, env={CRASH_ENV: "1"})
    assert proc.returncode == 1 and "diimpor" not in proc.stdout  # died after writing units
    store = Store(db)
    assert {k: store.count(k) for k in snapshot} == snapshot
    assert store.version == version and store.scalar("SELECT count(*) FROM import_log") == 0
    store.close()


def test_cli_import_while_the_dashboard_holds_the_store_writes_and_the_dashboard_sees_it(messy, tmp_path):
    """The dashboard holds the store open (here: this process's Store): a CLI import goes through (it exited 2
    with 'store in use' before), and the open store shows the new rows on its next refresh."""
    db = _file_store(tmp_path / "s.duckdb")
    holder = Store(db)
    before = holder.count("units")
    try:
        proc = run("import", str(messy / "unit_kerja.csv"), "--accept-partial", db=db)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
        assert holder.count("units") == before  # the version it had, until its next page run
        assert holder.refresh() and holder.count("units") > before
        assert holder.import_history().iloc[0]["file_name"] == "unit_kerja.csv"
    finally:
        holder.close()


# -- the import history is a migration -----------------------------------------------
def test_a_version_1_store_gains_the_import_log(tmp_path):
    from importlib import resources

    path = str(tmp_path / "v1.duckdb")
    con = duckdb.connect(path)
    con.execute(resources.files("sdm_analytics").joinpath("schema.sql").read_text())
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '0')")
    con.close()
    store = Store(path)
    assert SCHEMA_VERSION >= 2 and 2 in MIGRATIONS
    assert store.schema_version == SCHEMA_VERSION
    assert store.import_history().empty and "imported_by" in store.import_history().columns
    assert store.ledger.scalar("SELECT count(*) FROM users") == 0  # accounts (9: in the ledger) arrive empty
    store.close()


def test_a_version_3_store_keeps_its_history_and_learns_who_imported(tmp_path):
    path = str(tmp_path / "v3.duckdb")
    Store(path).close()
    store = duckdb.connect(path)  # the file as version 3 left it
    store.execute("ALTER TABLE import_log DROP COLUMN imported_by")
    store.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    store.execute("INSERT INTO import_log VALUES (TIMESTAMP '2025-03-17 09:05', 'pegawai.csv', 'employees', 5, 0, 0, 0)")
    store.close()
    store = Store(path)
    history = store.import_history()
    assert store.schema_version == SCHEMA_VERSION and len(history) == 1
    assert history.iloc[0]["file_name"] == "pegawai.csv" and history.iloc[0]["imported_by"] == ""
    store.close()


# -- the unit hierarchy and choice items (issue: OPD vs unit kerja; needs are "choose all that apply") -------------
def test_a_siasn_unit_export_brings_its_parents_without_mapping(mem_store, tmp_path):
    """SIASN/SIMPEG unit headers (KODE_UNOR, NAMA_UNOR, KODE_UNOR_INDUK) map by themselves; a parent may be
    in the same file, two levels below an OPD is fine, and the OPD of each unit is the top of its chain."""
    path = tmp_path / "unor.csv"
    path.write_text("KODE_UNOR;NAMA_UNOR;JENIS_OPD;KECAMATAN;WILAYAH;KODE_UNOR_INDUK\n"
                    "UPT_KASEMEN;UPT Puskesmas Kasemen;lainnya;Kasemen;perdesaan;DINKES\n"
                    "PUSTU_SL;Puskesmas Pembantu Sawah Luhur;lainnya;Kasemen;perdesaan;UPT_KASEMEN\n"
                    "DINKES;Dinas Kesehatan;dinas;Serang;perkotaan;\n")
    plan = ingest.prepare(mem_store, [path])
    fp = plan.files[0]
    assert fp.kind == "units" and plan.ok, fp.issues
    assert {m["header"]: m["column"] for m in fp.mapping}["KODE_UNOR_INDUK"] == "parent_code"
    ingest.commit(mem_store, plan)
    tree = dict(mem_store.rows("SELECT unit_code, opd_code FROM unit_tree"))
    assert tree == {"DINKES": "DINKES", "UPT_KASEMEN": "DINKES", "PUSTU_SL": "DINKES"}
    # a later file may hang a unit under one already stored
    path.write_text("kode_opd,nama_opd,kode_induk\nPUSTU_KS,Puskesmas Pembantu Kasunyatan,UPT_KASEMEN\n")
    ingest.commit(mem_store, ingest.prepare(mem_store, [path]))
    assert mem_store.scalar("SELECT path FROM unit_tree WHERE unit_code = 'PUSTU_KS'") == [
        "PUSTU_KS", "UPT_KASEMEN", "DINKES"]


def test_a_unit_whose_parent_is_missing_or_circular_is_rejected_row_by_row(mem_store, tmp_path):
    path = tmp_path / "unit_kerja.csv"
    path.write_text("kode_opd,nama_opd,kode_induk\nA1,Unit A,B1\nB1,Unit B,A1\nC1,Unit C,TIDAK_ADA\nD1,Unit D,D1\n"
                    "E1,Unit E,\n")
    fp = ingest.prepare(mem_store, [path]).files[0]
    found = sorted((r, c, d if isinstance(d, str) else None)
                   for r, c, d in fp.errors()[["row", "code", "detail"]].itertuples(index=False, name=None))
    assert found == [(2, "parent_cycle", "A1 → B1 → A1"), (3, "parent_cycle", "B1 → A1 → B1"),
                     (4, "ref_parent", None), (5, "parent_cycle", "D1 → D1")]
    assert fp.rejected == 4 and fp.valid == 1  # E1, an OPD
    text = "\n".join(ingest.report_lines(fp, "id"))
    assert 'baris 4, kolom "kode_induk", nilai "TIDAK_ADA": unit induk tidak ada di data unit kerja' in text
    assert "rantai unit induk berputar kembali ke unit ini atau terlalu panjang (A1 → B1 → A1)" in text
    assert "the chain of parent units leads back" in "\n".join(ingest.report_lines(fp, "en"))
    assert mem_store.count("units") == 0  # nothing written while rows are rejected


def test_a_needs_answer_names_several_topics(base_store, tmp_path):
    """Long format: one row per chosen option under one response_id; importing it again adds nothing, and a
    topic written as its label is stored as its code."""
    path = tmp_path / "respon_survei.csv"
    path.write_text("id_respon,kode_butir,nip,waktu_isi,jawaban\n"
                    "NS90,NEEDS_TOPIC,199504182019032002,2025-03-01 09:00,Digitalisasi\n"
                    "NS90,NEEDS_TOPIC,199504182019032002,2025-03-01 09:00,Keuangan daerah\n"
                    "NS90,NEEDS_MODE,199504182019032002,2025-03-01 09:00,daring\n")
    plan = ingest.prepare(base_store, [path])
    assert plan.ok, plan.files[0].issues
    ingest.commit(base_store, plan)
    rows = base_store.rows("SELECT item_code, answer_text FROM survey_responses WHERE response_id = 'NS90' ORDER BY 1, 2")
    assert rows == [("NEEDS_MODE", "daring"), ("NEEDS_TOPIC", "digitalisasi"), ("NEEDS_TOPIC", "keuangan_daerah")]
    again = ingest.commit(base_store, ingest.prepare(base_store, [path]))
    assert again.files[0].result == {"added": 0, "updated": 0, "unchanged": 3, "rejected": 0}


def test_a_google_forms_checkbox_cell_becomes_one_row_per_option(base_store, tmp_path):
    """Google Forms writes a checkbox answer as "Digitalisasi, Keuangan daerah": split when every part is a known
    option; a cell with a free part stays one answer."""
    path = tmp_path / "Survei Kebutuhan (Jawaban).csv"
    path.write_text('Cap waktu,NIP,Topik pelatihan yang paling Anda butuhkan tahun depan,Metode pelatihan yang Anda sukai\n'
                    '03/03/2025 09:00:00,199504182019032002,"Digitalisasi, Keuangan daerah, Pengadaan barang/jasa",Daring\n'
                    '03/03/2025 09:05:00,199202292017032001,"Kearsipan, menulis kreatif",Luring\n')
    plan = ingest.prepare(base_store, [path])
    assert plan.ok, plan.files[0].issues
    ingest.commit(base_store, plan)
    rows = base_store.rows("SELECT nip, answer_text FROM survey_responses WHERE item_code = 'NEEDS_TOPIC' "
                           "AND response_id LIKE 'GF-%' ORDER BY 1, 2")
    assert rows == [("199202292017032001", "kearsipan_menulis_kreatif"), ("199504182019032002", "digitalisasi"),
                    ("199504182019032002", "keuangan_daerah"), ("199504182019032002", "pengadaan")]


def test_a_unit_under_a_rejected_or_circular_parent_is_rejected_too(mem_store, tmp_path):
    """Written alone, a unit whose parent row is refused would hang under a unit that does not exist: its OPD
    would be a code without a name. It is refused with the reason, also with --accept-partial."""
    path = tmp_path / "unit_kerja.csv"
    path.write_text("kode_opd,nama_opd,kode_induk\nDINKES,,\nPKM_KASEMEN,Puskesmas Kasemen,DINKES\n"
                    "PUSTU_SL,Pustu Sawah Luhur,PKM_KASEMEN\nXA,Unit A,XB\nXB,Unit B,XA\nXC,Unit C,XA\n"
                    "BAPPEDA,Bappeda,\n")
    plan = ingest.prepare(mem_store, [path])
    fp = plan.files[0]
    codes = dict(zip(fp.errors()["row"], fp.errors()["code"]))
    assert codes == {2: "required", 3: "parent_rejected", 4: "parent_rejected", 5: "parent_cycle",
                     6: "parent_cycle", 7: "parent_rejected"}
    assert 'unit induk DINKES ditolak pada berkas ini' in "\n".join(ingest.report_lines(fp, "id"))
    ingest.commit(mem_store, plan, accept_partial=True)
    assert mem_store.rows("SELECT unit_code, opd_code FROM unit_tree") == [("BAPPEDA", "BAPPEDA")]


def test_parent_codes_are_upper_cased_like_every_unit_code(mem_store, tmp_path):
    path = tmp_path / "unit_kerja.csv"
    path.write_text("kode_opd,nama_opd,kode_induk\ndinkes2,Dinas Kesehatan,\npkm2,Puskesmas,dinkes2\n")
    plan = ingest.prepare(mem_store, [path])
    assert plan.ok, plan.files[0].issues
    ingest.commit(mem_store, plan)
    assert mem_store.scalar("SELECT opd_code FROM unit_tree WHERE unit_code = 'PKM2'") == "DINKES2"


def test_a_chain_deeper_than_the_limit_is_refused(mem_store, tmp_path):
    from sdm_analytics.rules import MAX_UNIT_DEPTH

    rows = ["kode_opd,nama_opd,kode_induk", "U0,Unit 0,"] + [f"U{i},Unit {i},U{i - 1}" for i in range(1, MAX_UNIT_DEPTH + 2)]
    path = tmp_path / "unit_kerja.csv"
    path.write_text("\n".join(rows) + "\n")
    fp = ingest.prepare(mem_store, [path]).files[0]
    deepest = f"U{MAX_UNIT_DEPTH + 1}"
    assert set(fp.errors()["value"]) == {f"U{MAX_UNIT_DEPTH}"} and fp.rejected == 1, fp.issues
    assert deepest in fp.errors()["detail"].iloc[0]


def test_an_employees_file_names_each_supervisor(base_store, tmp_path):
    """nip_atasan (SIASN's atasan langsung): the NIP's own format rule (a malformed one rejects the row), never the
    employee's own NIP; a supervisor neither stored nor in the file is only a warning."""
    path = tmp_path / "pegawai.csv"
    head = "nip,nama,kode_opd,tmt,nip_atasan\n"
    rows = ("199001012015031001,Satu,DISKOMINFO,01/03/2015,19850820 201003 2 001\n"  # stored: valid
            "199001012015031002,Dua,DISKOMINFO,01/03/2015,199001012015031001\n"  # in this file: valid
            "199001012015031003,Tiga,DISKOMINFO,01/03/2015,12345\n"
            "199001012015031004,Empat,DISKOMINFO,01/03/2015,199001012015031004\n"
            "199001012015031005,Lima,DISKOMINFO,01/03/2015,197001011995031009\n"
            "199001012015031006,Enam,DISKOMINFO,01/03/2015,1.98508E+17\n"
            "199001012015031007,Tujuh,DISKOMINFO,01/03/2015,\n")  # none: valid
    path.write_text(head + rows)
    fp = ingest.prepare(base_store, [path]).files[0]
    found = set(fp.issues[["row", "column", "code"]].itertuples(index=False, name=None))
    assert found == {(4, "nip_atasan", "nip_format"), (5, "nip_atasan", "supervisor_self"),
                     (6, "nip_atasan", "supervisor_unknown"), (7, "nip_atasan", "nip_scientific")}
    assert set(fp.errors()["row"]) == {4, 5, 7} and fp.valid == 4
    text = "\n".join(ingest.report_lines(fp, "id"))
    assert "NIP harus 18 digit" in text and "NIP atasan sama dengan NIP pegawai itu sendiri" in text
    assert "tetap diterima" in text

    path.write_text(head + "".join(r + "\n" for r in rows.splitlines() if r.split(",")[0][-1] in "1257"))
    plan = ingest.commit(base_store, ingest.prepare(base_store, [path]))
    assert plan.files[0].result["added"] == 4
    stored = dict(base_store.rows("SELECT nip, supervisor_nip FROM employees WHERE nip LIKE '1990010120150310%'"))
    assert stored == {"199001012015031001": "198508202010032001", "199001012015031002": "199001012015031001",
                      "199001012015031005": "197001011995031009", "199001012015031007": None}
