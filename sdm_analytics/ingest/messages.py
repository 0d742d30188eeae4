"""What an import tells its user, in Bahasa Indonesia first and English second.

Reasons are short codes (a rule's `code`); each has a template with the
placeholders {name}, {detail}, {value}, {kind} and {headers}.
"""

from __future__ import annotations

__all__ = ["REASONS", "FILE_ERRORS", "LABELS", "KIND_LABELS", "reason", "file_error", "label"]

# A file that cannot be imported at all (exit 2).
FILE_ERRORS: dict[str, tuple[str, str]] = {
    "missing": ("berkas tidak ditemukan: {name}", "file not found: {name}"),
    "empty": ("berkas kosong: {name}", "empty file: {name}"),
    "no_rows": ("berkas hanya berisi judul kolom, tanpa baris data: {name}",
                "the file has headers but no data rows: {name}"),
    "no_header": ("baris judul kolom tidak ditemukan: {name}", "no header row found: {name}"),
    "binary": ("bukan berkas teks CSV atau XLSX (isi biner atau pengodean tidak dikenal): {name}",
               "not a CSV or XLSX file (binary content or unknown encoding): {name}"),
    "xls_old": ("format Excel lama (.xls) tidak didukung; simpan ulang sebagai .xlsx atau CSV: {name}",
                "old Excel format (.xls) is not supported; save it again as .xlsx or CSV: {name}"),
    "xlsx_broken": ("berkas XLSX rusak atau tidak dapat dibuka ({detail}): {name}",
                    "the XLSX file is damaged or cannot be opened ({detail}): {name}"),
    "csv_broken": ("berkas CSV tidak dapat dibaca ({detail}): {name}",
                   "the CSV file cannot be read ({detail}): {name}"),
    "unreadable": ("isi berkas tidak dapat diproses ({detail}): {name}",
                   "the file's content cannot be processed ({detail}): {name}"),
    "unknown_kind": ("jenis data tidak dikenali dari nama berkas maupun judul kolom; pilih dengan --kind "
                     "({detail}): {name}",
                     "cannot tell the kind of data from the file name or the headers; choose one with --kind "
                     "({detail}): {name}"),
    "bad_kind": ("jenis data tidak dikenal: {detail} (pilihan: {headers})",
                 "unknown kind: {detail} (choices: {headers})"),
    "missing_columns": ("kolom wajib untuk {kind} tidak ada: {detail} — kolom di berkas: {headers}: {name}",
                        "required columns for {kind} are missing: {detail} — the file has: {headers}: {name}"),
}

# One problem in one row (errors reject the row; warnings do not).
REASONS: dict[str, tuple[str, str]] = {
    "required": ("wajib diisi", "required"),
    "date": ("bukan tanggal yang valid (tulis 17/03/2025 atau 2025-03-17)",
             "not a valid date (write 17/03/2025 or 2025-03-17)"),
    "timestamp": ("bukan waktu yang valid (mis. 17/03/2025 10:15 atau 2025-03-17 10:15:00)",
                  "not a valid date and time (e.g. 17/03/2025 10:15 or 2025-03-17 10:15:00)"),
    "number": ("bukan angka (mis. 12,5 pada berkas titik koma, 12.5 pada berkas koma)",
               "not a number (e.g. 12,5 in a semicolon file, 12.5 in a comma file)"),
    "integer": ("harus bilangan bulat", "must be a whole number"),
    "money": ("bukan nilai uang yang valid (mis. Rp 1.250.000)", "not a valid amount (e.g. Rp 1.250.000)"),
    "code": ("kode tidak dikenal; pilihan: {detail}", "unknown code; choices: {detail}"),
    "rank": ("golongan tidak sesuai untuk {detail} (PNS: I/a … IV/e, PPPK: I … XVII)",
             "rank group does not fit {detail} (PNS: I/a … IV/e, PPPK: I … XVII)"),
    "opd_code_format": ("kode OPD harus 2–20 karakter huruf besar, angka atau _",
                        "an OPD code is 2–20 characters: capital letters, digits or _"),
    "nip_scientific": ("NIP tersimpan sebagai angka (notasi ilmiah) sehingga digit terakhirnya hilang; "
                       "format kolom NIP sebagai teks lalu ekspor ulang",
                       "the NIP was stored as a number (scientific notation) and lost its last digits; "
                       "format the NIP column as text and export again"),
    "nip_format": ("NIP harus 18 digit", "a NIP has 18 digits"),
    "nip_birth": ("digit 1–8 NIP bukan tanggal lahir yang valid (TTTTBBHH)",
                  "NIP digits 1–8 are not a valid birth date (YYYYMMDD)"),
    "nip_tmt": ("digit 9–14 NIP bukan tahun-bulan TMT yang valid (TTTTBB); untuk PPPK isi status kepegawaian",
                "NIP digits 9–14 are not a valid hire year-month (YYYYMM); for PPPK fill in the employment type"),
    "nip_gender_digit": ("digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)",
                         "NIP digit 15 must be 1 (male) or 2 (female)"),
    "gender_mismatch": ("jenis kelamin tidak sesuai dengan digit ke-15 NIP ({detail}); tetap diterima",
                        "gender disagrees with NIP digit 15 ({detail}); accepted"),
    "exit_before_hire": ("tanggal keluar sebelum TMT ({detail})", "exit date before the hire date ({detail})"),
    "end_before_start": ("tanggal selesai sebelum tanggal mulai ({detail})",
                         "end date before the start date ({detail})"),
    "jp_range": ("JP harus lebih dari 0 dan paling banyak 1000", "JP must be above 0 and at most 1000"),
    "positive": ("harus lebih dari 0", "must be above 0"),
    "negative": ("tidak boleh negatif", "must not be negative"),
    "range_0_100": ("harus antara 0 dan 100", "must be between 0 and 100"),
    "year_range": ("tahun di luar 1990–2100", "year outside 1990–2100"),
    "jp_earned_status": ("JP diperoleh harus 0 atau kosong kecuali status lulus (status: {detail})",
                         "JP earned must be 0 or empty unless the status is completed (status: {detail})"),
    "topic_unknown": ("topik belum ada di daftar topik; tetap diterima",
                      "topic not in the topic list; accepted"),
    "scale_order": ("skala minimum harus lebih kecil dari skala maksimum",
                    "the scale minimum must be below the maximum"),
    "ref_unit": ("kode OPD tidak ada di data unit kerja", "OPD code not found in the units"),
    "ref_parent": ("unit induk tidak ada di data unit kerja (tidak di berkas ini, tidak juga yang sudah tersimpan)",
                   "the parent unit is not among the units (neither in this file nor stored)"),
    "parent_cycle": ("rantai unit induk berputar kembali ke unit ini atau terlalu panjang ({detail}); sebuah OPD "
                     "tidak punya induk", "the chain of parent units leads back to this unit or is too long "
                     "({detail}); an OPD has no parent"),
    "parent_rejected": ("unit induk {detail} ditolak pada berkas ini, jadi unit ini juga tidak dapat ditulis",
                        "the parent unit {detail} is rejected in this file, so this unit cannot be written either"),
    "ref_employee": ("NIP tidak ada di data pegawai", "NIP not found in the employees"),
    "ref_program": ("kode program tidak ada di data program", "program code not found in the programs"),
    "ref_item": ("kode butir tidak ada di daftar butir survei", "item code not found in the survey items"),
    "program_required": ("kode program wajib untuk survei {detail}", "a program code is required for {detail} surveys"),
    "program_not_allowed": ("kode program harus kosong untuk survei {detail}",
                            "the program code must be empty for {detail} surveys"),
    "value_scale": ("nilai di luar skala butir ({detail})", "value outside the item's scale ({detail})"),
    "value_no_scale": ("butir ini bukan skala Likert; tulis jawabannya di kolom jawaban",
                       "this item has no Likert scale; put the answer in the answer text column"),
    "rate_range": ("target berupa tingkat ditulis 0–1 atau persen dengan %, mis. 60%",
                   "a rate target is written 0–1 or as a percent with %, e.g. 60%"),
    "duplicate_conflict": ("kunci yang sama muncul lagi dengan isi berbeda (baris {detail})",
                           "the same key appears again with different values (rows {detail})"),
    "duplicate_identical": ("sama persis dengan baris {detail}; diambil sekali",
                            "identical to row {detail}; taken once"),
    "csv_columns": ("baris tidak dapat dipisah sesuai judul kolom: {detail}",
                    "the row does not split into the header's columns: {detail}"),
    "unknown_column": ("kolom tidak dikenal, diabaikan", "unknown column, ignored"),
    "duplicate_column": ("kolom untuk {detail} sudah ada; yang pertama dipakai, yang ini diabaikan",
                         "a column for {detail} is already there; the first is used, this one ignored"),
}

LABELS: dict[str, tuple[str, str]] = {
    "kind_from": ("jenis {kind}, dari {how}", "kind {kind}, from {how}"),
    "how_option": ("--kind", "--kind"),
    "how_file_name": ("nama berkas", "the file name"),
    "how_sheet": ("nama lembar", "the sheet name"),
    "how_headers": ("judul kolom", "the headers"),
    "how_wide": ("judul kolom (ekspor survei lebar, mis. Google Forms)", "the headers (a wide survey export, e.g. Google Forms)"),
    "columns": ("kolom", "columns"),
    "rows_summary": ("{rows} baris: {valid} diterima, {rejected} ditolak",
                     "{rows} rows: {valid} accepted, {rejected} rejected"),
    "would": ("jika diimpor: {added} baru, {updated} diperbarui, {unchanged} tidak berubah",
              "if imported: {added} new, {updated} updated, {unchanged} unchanged"),
    "done": ("diimpor: {added} ditambah, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak",
             "imported: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected"),
    "issue": ("baris {row}, kolom \"{column}\", nilai \"{value}\": {reason}",
              "row {row}, column \"{column}\", value \"{value}\": {reason}"),
    "file_issue": ("kolom \"{column}\": {reason}", "column \"{column}\": {reason}"),
    "error": ("DITOLAK", "REJECTED"),
    "warning": ("peringatan", "warning"),
    "more_warnings": ("… dan {n} peringatan lain", "… and {n} more warnings"),
    "nothing_written": ("Tidak ada yang ditulis: perbaiki baris yang ditolak, atau jalankan lagi dengan "
                        "--accept-partial untuk menulis baris yang valid saja.",
                        "Nothing was written: fix the rejected rows, or run again with --accept-partial "
                        "to write the valid rows only."),
    "rejects_saved": ("baris yang ditolak disimpan di {path}", "rejected rows saved in {path}"),
    "row": ("baris", "row"),
    "reason": ("alasan", "reason"),
    "exported": ("{kind}: {rows} baris → {path}", "{kind}: {rows} rows → {path}"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "units": ("unit kerja", "units"),
    "employees": ("pegawai", "employees"),
    "programs": ("program", "programs"),
    "participations": ("peserta", "participations"),
    "survey_items": ("butir survei", "survey items"),
    "survey_responses": ("respon survei", "survey responses"),
    "performance": ("kinerja (SKP)", "performance (SKP)"),
    "targets": ("target", "targets"),
}


def _pick(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    pair = table[code]
    return pair[1] if lang == "en" else pair[0]


def reason(code: str, lang: str = "id", detail: str | None = None) -> str:
    """The sentence for a row-level reason code."""
    missing = detail is None or detail != detail  # None or NaN from a frame
    return _pick(REASONS, code, lang).replace("{detail}", "" if missing else str(detail))


def file_error(code: str, lang: str = "id", **params: str) -> str:
    """The one-line message for a file that cannot be imported."""
    params = {"name": "", "detail": "", "kind": "", "headers": "", **params}
    return _pick(FILE_ERRORS, code, lang).format(**params)


def label(key: str, lang: str = "id", **params: object) -> str:
    """A report label, formatted."""
    table = KIND_LABELS if key in KIND_LABELS else LABELS
    return _pick(table, key, lang).format(**params)
