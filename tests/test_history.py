"""Training history (riwayat diklat / kursus, DATA_CONTRACT.md § history): certificates become programmes and
completed participations, are counted once, and a re-import adds nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sdm_analytics import ingest
from sdm_analytics.engine.metrics import compute
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store

SMALL = Path(__file__).parent / "data" / "small"
HISTORY = Path(__file__).parent / "data" / "history" / "riwayat_diklat.csv"
SITI, RINA = "198508202010032001", "198811032012032001"  # born 20/08/1985 and 03/11/1988


@pytest.fixture
def store(mem_store: Store) -> Store:
    mem_store.load_csv_dir(SMALL)
    return mem_store


def jp_total(store: Store, year: int) -> float:
    return compute(store, Filters.make(year), Scope.everything("admin"), ["jp_total"]).values["jp_total"] or 0.0


def person_jp(store: Store, nip: str, year: int) -> float:
    return store.rows(
        """
        SELECT coalesce(sum(CASE WHEN pa.status = 'completed' THEN coalesce(pa.jp_earned, pr.jp) ELSE 0 END), 0)
        FROM participations AS pa
        JOIN programs AS pr ON pr.program_code = pa.program_code
        WHERE pa.nip = $nip AND year(pr.end_date) = $year
        """,
        {"nip": nip, "year": year})[0][0]


def load(store: Store, *paths, accept_partial: bool = True) -> ingest.Plan:
    plan = ingest.prepare(store, list(paths))
    assert not plan.fatal, [f.fatal_message("en") for f in plan.files]
    return ingest.commit(store, plan, accept_partial=accept_partial)


def write(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def test_a_siasn_export_is_detected_from_its_headers(store, tmp_path):
    plan = ingest.prepare(store, [shutil.copy(HISTORY, tmp_path / "export.csv")])
    fp = plan.files[0]
    assert (fp.kind, fp.kind_from) == ("history", "headers")
    assert {m["column"] for m in fp.mapping} >= {"nip", "title", "category", "organizer", "start_date", "end_date",
                                                 "year", "jp", "certificate_no"}


def test_each_certificate_s_hours_count_in_its_person_s_year(store):
    before = {y: jp_total(store, y) for y in (2024, 2025)}
    siti, rina = person_jp(store, SITI, 2025), person_jp(store, RINA, 2025)
    plan = load(store, HISTORY)
    assert plan.files[0].result == {"added": 5, "updated": 0, "unchanged": 0, "rejected": 5}
    # 17-03-2025 (41 JP), 10 Februari–12 Februari 2025 (12), 05-05-2025 (16); Rina: 17 Maret 2025 (8,5)
    assert person_jp(store, SITI, 2025) == siti + 41 + 12 + 16
    assert person_jp(store, RINA, 2025) == rina + 8.5
    assert jp_total(store, 2025) == pytest.approx(before[2025] + 41 + 12 + 16 + 8.5)
    # a year alone: 31 December 2024, flagged as estimated in the history table
    assert jp_total(store, 2024) == pytest.approx(before[2024] + 30)
    assert store.rows("SELECT end_date, end_estimated FROM history WHERE certificate_no = 'LIA-2024-88'") == \
        [(dt.date(2024, 12, 31), True)]
    assert store.rows("SELECT count(*) FROM history WHERE end_estimated")[0][0] == 1


def test_the_jenis_diklat_is_mapped_to_a_programme_category(store):
    load(store, HISTORY)
    got = dict(store.rows("""SELECT h.title, p.category FROM history AS h
                             JOIN programs AS p ON p.program_code = h.program_code"""))
    assert got == {"Pelatihan Kepemimpinan Pengawas": "kepemimpinan", "Bimtek Arsip Digital": "teknis",
                   "Kursus Bahasa Inggris": "kursus", "Seminar Nasional Pelayanan Publik": "seminar",
                   "Pelatihan Literasi Data": "lainnya"}


@pytest.mark.parametrize("jenis, category", [
    ("Diklat Struktural", "kepemimpinan"), ("Diklatpim Tk. IV", "kepemimpinan"), ("PKA Angkatan 3", "kepemimpinan"),
    ("PKP", "kepemimpinan"), ("Diklat Fungsional", "fungsional"), ("Teknis", "teknis"), ("Kursus", "kursus"),
    ("Workshop", "seminar"), ("Lokakarya Nasional", "seminar"), ("Latsar CPNS", "latsar"),
    ("Prajabatan Golongan III", "latsar"), ("Sosialisasi", "lainnya"),
])
def test_jenis_diklat_variants(store, tmp_path, jenis, category):
    path = write(tmp_path / "riwayat.csv", f"nip;nama_diklat;jenis_diklat;tanggal_selesai;jumlah_jam\n"
                                           f"{SITI};Diklat X;{jenis};01/06/2025;10")
    fp = ingest.prepare(store, [path]).files[0]
    assert fp.preview["category"].tolist() == [category]
    assert (fp.warnings()["code"].tolist() == ["category_other"]) == (category == "lainnya")


def test_rejected_rows_name_their_reason_in_both_languages(store):
    plan = ingest.prepare(store, [HISTORY])
    fp = plan.files[0]
    errors = fp.errors()
    assert dict(zip(errors["row"], errors["code"])) == {
        7: "required", 8: "ref_employee", 9: "jp_range", 10: "before_birth", 11: "date"}
    assert fp.warnings()["code"].tolist() == ["category_other"]
    lines_id = "\n".join(ingest.report_lines(fp, "id"))
    lines_en = "\n".join(ingest.report_lines(fp, "en"))
    assert "tanggal diklat sebelum tanggal lahir pegawai (03/11/1988)" in lines_id
    assert "the training date is before the employee's birth date (03/11/1988)" in lines_en
    assert "NIP tidak ada di data pegawai" in lines_id and "NIP not found in the employees" in lines_en
    assert "JP harus lebih dari 0" in lines_id


def test_a_file_without_a_date_or_a_year_is_refused(store, tmp_path):
    path = write(tmp_path / "riwayat.csv", f"nip;nama_diklat;jumlah_jam\n{SITI};Diklat X;10")
    fp = ingest.prepare(store, [path]).files[0]
    assert fp.fatal and fp.fatal[0] == "missing_columns" and "end_date" in fp.fatal[1]["detail"]


def test_a_row_without_a_date_or_a_year_is_rejected(store, tmp_path):
    path = write(tmp_path / "riwayat.csv", f"nip;nama_diklat;tanggal_selesai;tahun;jumlah_jam\n"
                                           f"{SITI};Diklat X;;;10\n{SITI};Diklat Y;;2023;10")
    fp = ingest.prepare(store, [path]).files[0]
    assert fp.errors()["code"].tolist() == ["end_or_year"]
    assert fp.valid == 1


def test_re_importing_or_a_later_export_adds_nothing(store, tmp_path):
    load(store, HISTORY)
    counts = {t: store.count(t) for t in ("history", "programs", "participations")}
    total = jp_total(store, 2025)
    again = load(store, HISTORY)
    assert again.files[0].result == {"added": 0, "updated": 0, "unchanged": 5, "rejected": 5}
    # a later export: the same certificates (spelled a little differently), in another order, plus a new one
    later = write(tmp_path / "export_2026.csv", f"""
NIP BARU;NAMA DIKLAT;JENIS DIKLAT;INSTITUSI PENYELENGGARA;TANGGAL SELESAI;JUMLAH JAM;NOMOR SERTIFIKAT
{SITI};Bimtek  Arsip Digital;Bimbingan Teknis;ANRI;2025-02-12;12;
{SITI};Pelatihan Kepemimpinan Pengawas;Diklat Struktural;BPSDM Provinsi Banten;17/03/2025;41;800/PKP/2025/017
{RINA};Seminar Nasional Pelayanan Publik;Seminar;Kemenpan RB;17-03-2025;8,5;-
{RINA};Pelatihan Penulisan Naskah Dinas;Teknis;BKPSDM Kota Serang;20 Oktober 2025;6;800/ND/2025/1
""")
    plan = load(store, later, accept_partial=False)
    assert plan.files[0].result["added"] == 1
    assert {t: store.count(t) for t in ("history", "programs", "participations")} == \
        {t: n + 1 for t, n in counts.items()}
    assert jp_total(store, 2025) == pytest.approx(total + 6)


def test_a_certificate_of_a_stored_programme_is_its_participation(store, tmp_path):
    """Siti completed PG01 (Literasi Digital ASN, BKPSDM Kota Serang, ended 14/02/2025): her certificate of it adds
    no second participation."""
    before = (store.count("participations"), person_jp(store, SITI, 2025))
    path = write(tmp_path / "riwayat.csv", f"""
nip;nama_diklat;institusi_penyelenggara;tanggal_selesai;jumlah_jam;nomor_sertifikat
{SITI};LITERASI DIGITAL ASN;BKPSDM Kota Serang;14-02-2025;20;LD-01
""")
    load(store, path, accept_partial=False)
    assert (store.count("participations"), person_jp(store, SITI, 2025)) == before
    assert store.rows("SELECT program_code FROM history")[0][0] == "PG01"


def test_history_then_the_training_unit_s_own_files_count_once(store, tmp_path):
    """A certificate imported first gets a generated programme; when the training unit's programme and its
    participants arrive, the generated programme yields to it and the person's JP is counted once."""
    before = person_jp(store, RINA, 2025)
    load(store, write(tmp_path / "riwayat.csv", f"""
nip;nama_diklat;institusi_penyelenggara;tanggal_mulai;tanggal_selesai;jumlah_jam;nomor_sertifikat
{RINA};Pelatihan Manajemen Risiko;BKPSDM Kota Serang;16-06-2025;20-06-2025;24;MR-7
"""), accept_partial=False)
    assert person_jp(store, RINA, 2025) == before + 24
    program = write(tmp_path / "program.csv", """
kode_program,nama_program,kategori,penyelenggara,jp,tanggal_mulai,tanggal_selesai
PG90,Pelatihan Manajemen Risiko,teknis,BKPSDM Kota Serang,24,2025-06-16,2025-06-20
""")
    people = write(tmp_path / "peserta.csv", f"""
kode_program,nip,status,nilai_pre_test,nilai_post_test
PG90,{RINA},lulus,60,85
""")
    load(store, program, people, accept_partial=False)
    assert person_jp(store, RINA, 2025) == before + 24
    assert store.rows("SELECT count(*) FROM programs WHERE program_code LIKE 'RW-%'")[0][0] == 0
    assert store.rows(f"SELECT program_code, post_test FROM participations WHERE nip = '{RINA}' "
                      "AND program_code = 'PG90'") == [("PG90", 85.0)]
    assert store.rows("SELECT program_code FROM history")[0][0] == "PG90"
    # and the history again: still once
    load(store, tmp_path / "riwayat.csv", accept_partial=False)
    assert person_jp(store, RINA, 2025) == before + 24


def test_the_generated_programme_code_is_stable(store):
    load(store, HISTORY)
    codes = sorted(r[0] for r in store.rows("SELECT program_code FROM history"))
    other = Store()
    other.load_csv_dir(SMALL)
    load(other, HISTORY)
    assert codes == sorted(r[0] for r in other.rows("SELECT program_code FROM history"))
    assert all(c.startswith("RW-") and len(c) == 13 for c in codes)


def write_xlsx(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    if title:  # a SIMPEG report's title above the header
        ws.append([title])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_an_xlsx_export_with_date_cells_imports_the_same(store, tmp_path):
    """A SIMPEG workbook: a title row, real date cells, a year only in one row, hours as numbers or text."""
    before = (person_jp(store, SITI, 2025), person_jp(store, RINA, 2024))
    path = write_xlsx(tmp_path / "laporan.xlsx", [
        ["NIP BARU", "NAMA DIKLAT", "JENIS DIKLAT", "INSTITUSI PENYELENGGARA", "TANGGAL MULAI", "TANGGAL SELESAI",
         "TAHUN", "JUMLAH JAM", "NOMOR SERTIFIKAT"],
        [SITI, "Pelatihan Kepemimpinan Pengawas", "Diklat Struktural", "BPSDM Provinsi Banten",
         dt.datetime(2025, 3, 3), dt.datetime(2025, 3, 17), 2025, 41, "800/PKP/2025/017"],
        [SITI, "Bimtek Arsip Digital", "Bimbingan Teknis", "ANRI", "10 Februari 2025", "12/02/2025", 2025, "12", None],
        [RINA, "Kursus Bahasa Inggris", "Kursus", "LIA Serang", None, None, 2024, 30.0, "LIA-2024-88"],
        [RINA, "Diklat Nol Jam", "Teknis", "BKPSDM Kota Serang", None, dt.datetime(2025, 4, 2), 2025, 0, "X-3"],
    ], title="DAFTAR RIWAYAT DIKLAT PEGAWAI")
    plan = ingest.prepare(store, [path])
    fp = plan.files[0]
    assert (fp.kind, fp.kind_from, fp.format) == ("history", "headers", "xlsx")
    assert dict(zip(fp.errors()["row"], fp.errors()["code"])) == {6: "jp_range"}
    ingest.commit(store, plan, accept_partial=True)
    assert fp.result == {"added": 3, "updated": 0, "unchanged": 0, "rejected": 1}
    assert (person_jp(store, SITI, 2025), person_jp(store, RINA, 2024)) == (before[0] + 53, before[1] + 30)
    # the same certificates from the CSV export: nothing new
    again = load(store, HISTORY)
    assert again.files[0].result["added"] == 2  # the two certificates the workbook does not hold


JSON = Path(__file__).parent / "data" / "history" / "siasn_riwayat_kursus.json"


def test_siasn_web_service_json_imports_like_the_csv(store, tmp_path):
    """SIASN's answer: {"data": [records with camelCase names]}, NIPs as text or as numbers, dates as text."""
    before = (person_jp(store, SITI, 2025), person_jp(store, RINA, 2024), person_jp(store, RINA, 2025))
    plan = ingest.prepare(store, [shutil.copy(JSON, tmp_path / "response.json")])
    fp = plan.files[0]
    assert (fp.kind, fp.kind_from, fp.format) == ("history", "headers", "json")
    assert {m["column"] for m in fp.mapping} >= {"nip", "title", "category", "organizer", "start_date",
                                                 "end_date", "year", "jp", "certificate_no"}
    assert dict(zip(fp.errors()["row"], fp.errors()["code"])) == {5: "jp_range", 6: "required"}
    ingest.commit(store, plan, accept_partial=True)
    assert fp.result == {"added": 3, "updated": 0, "unchanged": 0, "rejected": 2}
    assert (person_jp(store, SITI, 2025), person_jp(store, RINA, 2024), person_jp(store, RINA, 2025)) == \
        (before[0] + 41, before[1] + 30, before[2] + 3.5)
    assert store.rows("SELECT end_estimated FROM history WHERE certificate_no = 'LIA-2024-88'") == [(True,)]
    # the CSV export of the same records: the two certificates it shares add nothing
    assert load(store, HISTORY).files[0].result["added"] == 3
    assert person_jp(store, SITI, 2025) == before[0] + 41 + 12 + 16


@pytest.mark.parametrize("text, code", [
    ("[]", "no_rows"), ('{"code": 0, "message": "not found"}', "json_shape"), ('[{"nipBaru": ', "json_broken"),
])
def test_unusable_json_is_refused_with_a_reason(store, text, code):
    fp = ingest.prepare(store, [("riwayat.json", text.encode())]).files[0]
    assert fp.fatal and fp.fatal[0] == code
    assert fp.fatal_message("id") and fp.fatal_message("en")


def test_the_demo_s_completed_training_as_a_history_rebuilds_its_jp(capsys, demo_store, demo_copy, tmp_path):
    """The demo round trip: `export-data --as-history` writes the units, the employees and one certificate per
    completed participation (its hours = the JP it credits, partial credit included); imported into an empty store
    they give every person the JP of every year, and the 20 JP rate, of the demo."""
    from sdm_analytics import cli

    out = tmp_path / "riwayat"
    assert cli.main(["--db", demo_copy, "export-data", "--out", str(out), "--as-history"]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["employees.csv", "history.csv", "units.csv"]
    credited = demo_store.scalar("""SELECT count(*) FROM participations AS pa JOIN programs AS pr USING (program_code)
                                    WHERE pa.status = 'completed' AND coalesce(pa.jp_earned, pr.jp) > 0""")
    partial = demo_store.scalar("SELECT count(*) FROM participations WHERE status = 'completed' AND jp_earned > 0")
    assert credited > 0 and partial > 0  # the demo has partial credit: the file must carry it
    rebuilt = Store(str(tmp_path / "x.duckdb"))
    try:
        plan = load(rebuilt, *(out / f"{k}.csv" for k in ("units", "employees", "history")), accept_partial=False)
        assert plan.files[-1].result == {"added": credited, "updated": 0, "unchanged": 0, "rejected": 0}
        for year in (2024, 2025):
            demo_rate, rate = (compute(s, Filters.make(year), Scope.everything("admin"), ["jp20_rate"])
                               .values["jp20_rate"] for s in (demo_store, rebuilt))
            assert rate == pytest.approx(demo_rate, abs=1e-9), year
        per_person = "SELECT nip, year, jp FROM person_year WHERE jp > 0"
        jp = {s: {(nip, year): v for nip, year, v in s.rows(per_person)} for s in (demo_store, rebuilt)}
        assert jp[rebuilt] == pytest.approx(jp[demo_store], abs=1e-9)
        # and the file again: nothing new
        assert load(rebuilt, out / "history.csv").files[0].result["added"] == 0
    finally:
        rebuilt.close()


def test_the_plan_says_what_a_history_file_would_write_before_anything_is(store, tmp_path):
    """The Data page's preview: programmes reused and created, participations added — counted before the commit,
    and what the commit then writes."""
    path = write(tmp_path / "riwayat.csv", f"""
nip;nama_diklat;institusi_penyelenggara;tanggal_selesai;jumlah_jam;nomor_sertifikat
{SITI};LITERASI DIGITAL ASN;BKPSDM Kota Serang;14-02-2025;20;LD-01
{RINA};Literasi Digital ASN;BKPSDM Kota Serang;14-02-2025;20;LD-02
{RINA};Pelatihan Manajemen Risiko;BKPSDM Kota Serang;20-06-2025;24;MR-7
{SITI};Pelatihan Manajemen Risiko;BKPSDM Kota Serang;20-06-2025;24;MR-8
""")
    enrolled = store.scalar(f"SELECT count(*) FROM participations WHERE program_code = 'PG01' AND nip = '{RINA}'")
    counts = (store.count("programs"), store.count("participations"))
    plan = ingest.prepare(store, [path])
    # Siti has PG01 already; Rina may
    expected = {"programs_reused": 1, "programs_created": 1, "participations_added": 2 + (1 - enrolled)}
    assert plan.files[0].written_on == expected
    assert (store.count("programs"), store.count("participations")) == counts  # nothing written yet
    ingest.commit(store, plan)
    assert (store.count("programs"), store.count("participations")) == \
        (counts[0] + 1, counts[1] + expected["participations_added"])
    assert ingest.prepare(store, [path]).files[0].written_on == \
        {"programs_reused": 2, "programs_created": 0, "participations_added": 0}


def test_a_programme_of_the_same_import_is_reused_in_the_plan(store, tmp_path):
    program = write(tmp_path / "program.csv", """
kode_program,nama_program,kategori,penyelenggara,jp,tanggal_mulai,tanggal_selesai
PG90,Pelatihan Manajemen Risiko,teknis,BKPSDM Kota Serang,24,2025-06-16,2025-06-20
""")
    path = write(tmp_path / "riwayat.csv", f"""
nip;nama_diklat;institusi_penyelenggara;tanggal_selesai;jumlah_jam
{RINA};Pelatihan Manajemen Risiko;BKPSDM Kota Serang;20-06-2025;24
""")
    plan = ingest.prepare(store, [path, program])
    assert plan.files[[f.kind for f in plan.files].index("history")].written_on == \
        {"programs_reused": 1, "programs_created": 0, "participations_added": 1}


def test_the_data_quality_page_counts_certificates_dated_by_year_only(own_demo_db, tmp_path):
    """Issue 13: a row with a year only is dated 31 December and flagged; the scorecard counts such
    completions of the year among all of them, and names the figures it affects."""
    from sdm_analytics import ingest
    from sdm_analytics.engine import quality
    from sdm_analytics.filters import Filters, Scope
    from sdm_analytics.store import Store

    store = Store(own_demo_db)
    nip = store.scalar("SELECT nip FROM employees WHERE exit_date IS NULL ORDER BY nip LIMIT 1")
    before = quality.checks(store, Filters.make(2024), Scope.everything("admin"))
    row = before.set_index("check").loc["estimated_dates"]
    assert row["problem"] == 0 and row["total"] > 0
    path = tmp_path / "riwayat.csv"
    path.write_text("NIP BARU;NAMA DIKLAT;JENIS DIKLAT;INSTITUSI PENYELENGGARA;TANGGAL SELESAI;TAHUN;JUMLAH JAM\n"
                    f"{nip};Kursus Bahasa Inggris;Kursus;LIA;;2024;24\n", encoding="utf-8")
    ingest.commit(store, ingest.prepare(store, [str(path)]))
    after = quality.checks(Store(own_demo_db), Filters.make(2024), Scope.everything("admin")).set_index("check")
    assert after.loc["estimated_dates", "problem"] == 1 and after.loc["estimated_dates", "total"] == row["total"] + 1
    assert "jp20_rate" in quality.CHECKS[-1].affects
