"""What an import tells its user: reasons a row is refused, file errors, the report's labels.

ingest/messages.py looks keys up by short code: "ingest.file_error_" + a file error's code, "ingest.reason_" +
a rule's code, "ingest.label_" + a report label, "ingest.kind_" + a kind. A reason has at most the placeholder
{detail}; a file error any of {name}, {detail}, {kind}, {headers} and {limit}.
"""

TEXT: dict[str, tuple[str, str]] = {
    # A file that cannot be imported at all (exit 2).
    "ingest.file_error_missing": ("berkas tidak ditemukan: {name}", "file not found: {name}"),
    "ingest.file_error_empty": ("berkas kosong: {name}", "empty file: {name}"),
    "ingest.file_error_no_rows": ("berkas hanya berisi judul kolom, tanpa baris data: {name}",
                                  "the file has headers but no data rows: {name}"),
    "ingest.file_error_no_header": ("baris judul kolom tidak ditemukan: {name}", "no header row found: {name}"),
    "ingest.file_error_binary": ("bukan berkas teks CSV atau XLSX (isi biner atau pengodean tidak dikenal): {name}",
                                 "not a CSV or XLSX file (binary content or unknown encoding): {name}"),
    "ingest.file_error_xls_old": (
        "format Excel lama (.xls) tidak didukung; simpan ulang sebagai .xlsx atau CSV: {name}",
        "old Excel format (.xls) is not supported; save it again as .xlsx or CSV: {name}"),
    "ingest.file_error_xlsx_broken": ("berkas XLSX rusak atau tidak dapat dibuka ({detail}): {name}",
                                      "the XLSX file is damaged or cannot be opened ({detail}): {name}"),
    "ingest.file_error_csv_broken": ("berkas CSV tidak dapat dibaca ({detail}): {name}",
                                     "the CSV file cannot be read ({detail}): {name}"),
    "ingest.file_error_json_broken": ("berkas JSON tidak dapat dibaca ({detail}): {name}",
                                      "the JSON file cannot be read ({detail}): {name}"),
    "ingest.file_error_json_shape": (
        "berkas JSON tidak memuat daftar rekaman (sebuah list berisi objek, mis. jawaban layanan SIASN): {name}",
        "the JSON file holds no list of records (a list of objects, e.g. a SIASN service answer): {name}"),
    "ingest.file_error_unreadable": ("isi berkas tidak dapat diproses ({detail}): {name}",
                                     "the file's content cannot be processed ({detail}): {name}"),
    "ingest.file_error_unknown_kind": (
        "jenis data tidak dikenali dari nama berkas maupun judul kolom; pilih dengan --kind ({detail}): {name}",
        "cannot tell the kind of data from the file name or the headers; choose one with --kind ({detail}): {name}"),
    "ingest.file_error_bad_kind": ("jenis data tidak dikenal: {detail} (pilihan: {headers})",
                                   "unknown kind: {detail} (choices: {headers})"),
    "ingest.file_error_too_big": (
        "berkas terlalu besar ({detail} MB; batasnya {limit} MB, pengaturan SDM_IMPORT_MAX_MB); pecah menjadi "
        "beberapa berkas: {name}",
        "the file is too large ({detail} MB; the limit is {limit} MB, setting SDM_IMPORT_MAX_MB); split it into "
        "several files: {name}"),
    "ingest.file_error_too_many_rows": (
        "berkas memuat lebih dari {limit} baris data (pengaturan SDM_IMPORT_MAX_ROWS); pecah menjadi beberapa "
        "berkas: {name}",
        "the file holds more than {limit} data rows (setting SDM_IMPORT_MAX_ROWS); split it into several files: "
        "{name}"),
    "ingest.file_error_xlsx_expands": (
        "berkas XLSX mengembang menjadi {detail} MB saat dibuka (batasnya {limit} MB dan 100 kali ukuran "
        "berkasnya); simpan ulang tanpa baris dan kolom kosong, atau sebagai CSV: {name}",
        "the XLSX file expands to {detail} MB when opened (the limit is {limit} MB and 100 times the file's size); "
        "save it again without empty rows and columns, or as CSV: {name}"),
    "ingest.file_error_mixed_encoding": (
        "pengodean bercampur: berkas ini UTF-8, tetapi baris {detail} memuat byte yang bukan UTF-8 (mis. huruf "
        "dari Windows-1252); simpan ulang seluruh berkas sebagai CSV UTF-8: {name}",
        "mixed encodings: the file is UTF-8, but line(s) {detail} hold bytes that are not UTF-8 (e.g. letters "
        "from Windows-1252); save the whole file again as CSV UTF-8: {name}"),
    "ingest.file_error_missing_columns": (
        "kolom wajib untuk {kind} tidak ada: {detail} — kolom di berkas: {headers}: {name}",
        "required columns for {kind} are missing: {detail} — the file has: {headers}: {name}"),
    # One problem in one row (errors reject the row; warnings do not).
    "ingest.reason_required": ("wajib diisi", "required"),
    "ingest.reason_date": ("bukan tanggal yang valid (tulis 17/03/2025 atau 2025-03-17)",
                           "not a valid date (write 17/03/2025 or 2025-03-17)"),
    "ingest.reason_timestamp": ("bukan waktu yang valid (mis. 17/03/2025 10:15 atau 2025-03-17 10:15:00)",
                                "not a valid date and time (e.g. 17/03/2025 10:15 or 2025-03-17 10:15:00)"),
    "ingest.reason_number": ("bukan angka (mis. 12,5 pada berkas titik koma, 12.5 pada berkas koma)",
                             "not a number (e.g. 12,5 in a semicolon file, 12.5 in a comma file)"),
    "ingest.reason_integer": ("harus bilangan bulat", "must be a whole number"),
    "ingest.reason_money": ("bukan nilai uang yang valid (mis. Rp 1.250.000)",
                            "not a valid amount (e.g. Rp 1.250.000)"),
    "ingest.reason_code": ("kode tidak dikenal; pilihan: {detail}", "unknown code; choices: {detail}"),
    "ingest.reason_rank": ("golongan tidak sesuai untuk {detail} (PNS: I/a … IV/e, PPPK: I … XVII)",
                           "rank group does not fit {detail} (PNS: I/a … IV/e, PPPK: I … XVII)"),
    "ingest.reason_opd_code_format": ("kode OPD harus 2–20 karakter huruf besar, angka atau _",
                                      "an OPD code is 2–20 characters: capital letters, digits or _"),
    "ingest.reason_nip_scientific": (
        "NIP tersimpan sebagai angka (notasi ilmiah) sehingga digit terakhirnya hilang; format kolom NIP sebagai "
        "teks lalu ekspor ulang",
        "the NIP was stored as a number (scientific notation) and lost its last digits; format the NIP column as "
        "text and export again"),
    "ingest.reason_nip_format": ("NIP harus 18 digit", "a NIP has 18 digits"),
    "ingest.reason_nip_birth": ("digit 1–8 NIP bukan tanggal lahir yang valid (TTTTBBHH)",
                                "NIP digits 1–8 are not a valid birth date (YYYYMMDD)"),
    "ingest.reason_nip_tmt": (
        "digit 9–14 NIP bukan tahun-bulan TMT yang valid (TTTTBB); untuk PPPK isi status kepegawaian",
        "NIP digits 9–14 are not a valid hire year-month (YYYYMM); for PPPK fill in the employment type"),
    "ingest.reason_nip_gender_digit": ("digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)",
                                       "NIP digit 15 must be 1 (male) or 2 (female)"),
    "ingest.reason_gender_mismatch": ("jenis kelamin tidak sesuai dengan digit ke-15 NIP ({detail}); tetap diterima",
                                      "gender disagrees with NIP digit 15 ({detail}); accepted"),
    "ingest.reason_exit_before_hire": ("tanggal keluar sebelum TMT ({detail})",
                                       "exit date before the hire date ({detail})"),
    "ingest.reason_hire_before_birth": ("TMT tidak mungkin pada atau sebelum tanggal lahir ({detail})",
                                        "the hire date cannot be on or before the birth date ({detail})"),
    "ingest.reason_hire_age": ("umur pada TMT {detail} tahun; ASN diangkat pada umur 18–60 tahun",
                               "aged {detail} at the hire date; ASN are hired aged 18–60"),
    "ingest.reason_date_future": ("tanggal terlalu jauh di masa depan: paling lambat {detail}",
                                  "date too far in the future: {detail} at the latest"),
    "ingest.reason_text_long": ("teks terlalu panjang ({detail} karakter)", "text too long ({detail} characters)"),
    "ingest.reason_end_before_start": ("tanggal selesai sebelum tanggal mulai ({detail})",
                                       "end date before the start date ({detail})"),
    "ingest.reason_jp_range": ("JP harus lebih dari 0 dan paling banyak 1000", "JP must be above 0 and at most 1000"),
    "ingest.reason_positive": ("harus lebih dari 0", "must be above 0"),
    "ingest.reason_negative": ("tidak boleh negatif", "must not be negative"),
    "ingest.reason_range_0_100": ("harus antara 0 dan 100", "must be between 0 and 100"),
    "ingest.reason_year_range": ("tahun di luar 1990–2100", "year outside 1990–2100"),
    "ingest.reason_jp_earned_status": (
        "JP diperoleh harus 0 atau kosong kecuali status lulus (status: {detail})",
        "JP earned must be 0 or empty unless the status is completed (status: {detail})"),
    "ingest.reason_end_or_year": ("tanggal selesai wajib diisi, atau tahunnya saja (dianggap 31 Desember)",
                                  "the end date is required, or its year alone (taken as 31 December)"),
    "ingest.reason_before_birth": ("tanggal diklat sebelum tanggal lahir pegawai ({detail})",
                                   "the training date is before the employee's birth date ({detail})"),
    "ingest.reason_category_other": ("jenis diklat tidak dikenal, dicatat sebagai lainnya; tetap diterima",
                                     "unknown kind of training, recorded as lainnya (other); accepted"),
    "ingest.reason_topic_unknown": ("topik belum ada di daftar topik; tetap diterima",
                                    "topic not in the topic list; accepted"),
    "ingest.reason_scale_order": ("skala minimum harus lebih kecil dari skala maksimum",
                                  "the scale minimum must be below the maximum"),
    "ingest.reason_ref_unit": ("kode OPD tidak ada di data unit kerja", "OPD code not found in the units"),
    "ingest.reason_ref_parent": (
        "unit induk tidak ada di data unit kerja (tidak di berkas ini, tidak juga yang sudah tersimpan)",
        "the parent unit is not among the units (neither in this file nor stored)"),
    "ingest.reason_parent_cycle": (
        "rantai unit induk berputar kembali ke unit ini atau terlalu panjang ({detail}); sebuah OPD tidak punya "
        "induk",
        "the chain of parent units leads back to this unit or is too long ({detail}); an OPD has no parent"),
    "ingest.reason_parent_rejected": (
        "unit induk {detail} ditolak pada berkas ini, jadi unit ini juga tidak dapat ditulis",
        "the parent unit {detail} is rejected in this file, so this unit cannot be written either"),
    "ingest.reason_supervisor_self": ("NIP atasan sama dengan NIP pegawai itu sendiri",
                                      "the supervisor's NIP is the employee's own NIP"),
    "ingest.reason_supervisor_unknown": (
        "NIP atasan tidak ada di data pegawai (tidak di berkas ini, tidak juga yang sudah tersimpan); tetap diterima",
        "the supervisor's NIP is not among the employees (neither in this file nor stored); accepted"),
    "ingest.reason_ref_employee": ("NIP tidak ada di data pegawai", "NIP not found in the employees"),
    "ingest.reason_ref_program": ("kode program tidak ada di data program", "program code not found in the programs"),
    "ingest.reason_ref_item": ("kode butir tidak ada di daftar butir survei",
                               "item code not found in the survey items"),
    "ingest.reason_program_required": ("kode program wajib untuk survei {detail}",
                                       "a program code is required for {detail} surveys"),
    "ingest.reason_program_not_allowed": ("kode program harus kosong untuk survei {detail}",
                                          "the program code must be empty for {detail} surveys"),
    "ingest.reason_value_scale": ("nilai di luar skala butir ({detail})", "value outside the item's scale ({detail})"),
    "ingest.reason_value_no_scale": ("butir ini bukan skala Likert; tulis jawabannya di kolom jawaban",
                                     "this item has no Likert scale; put the answer in the answer text column"),
    "ingest.reason_rate_range": ("target berupa tingkat ditulis 0–1 atau persen dengan %, mis. 60%",
                                 "a rate target is written 0–1 or as a percent with %, e.g. 60%"),
    "ingest.reason_duplicate_conflict": ("kunci yang sama muncul lagi dengan isi berbeda (baris {detail})",
                                         "the same key appears again with different values (rows {detail})"),
    "ingest.reason_duplicate_identical": ("sama persis dengan baris {detail}; diambil sekali",
                                          "identical to row {detail}; taken once"),
    "ingest.reason_csv_columns": ("baris tidak dapat dipisah sesuai judul kolom: {detail}",
                                  "the row does not split into the header's columns: {detail}"),
    "ingest.reason_unknown_column": ("kolom tidak dikenal, diabaikan", "unknown column, ignored"),
    "ingest.reason_duplicate_column": ("kolom untuk {detail} sudah ada; yang pertama dipakai, yang ini diabaikan",
                                       "a column for {detail} is already there; the first is used, this one ignored"),
    # The report's labels.
    "ingest.label_kind_from": ("jenis {kind}, dari {how}", "kind {kind}, from {how}"),
    "ingest.label_how_option": ("--kind", "--kind"),
    "ingest.label_how_file_name": ("nama berkas", "the file name"),
    "ingest.label_how_sheet": ("nama lembar", "the sheet name"),
    "ingest.label_how_headers": ("judul kolom", "the headers"),
    "ingest.label_how_wide": ("judul kolom (ekspor survei lebar, mis. Google Forms)",
                              "the headers (a wide survey export, e.g. Google Forms)"),
    "ingest.label_columns": ("kolom", "columns"),
    "ingest.label_rows_summary": ("{rows} baris: {valid} diterima, {rejected} ditolak",
                                  "{rows} rows: {valid} accepted, {rejected} rejected"),
    "ingest.label_would": ("jika diimpor: {added} baru, {updated} diperbarui, {unchanged} tidak berubah",
                           "if imported: {added} new, {updated} updated, {unchanged} unchanged"),
    "ingest.label_done": (
        "diimpor: {added} ditambah, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak",
        "imported: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected"),
    "ingest.label_issue": ("baris {row}, kolom \"{column}\", nilai \"{value}\": {reason}",
                           "row {row}, column \"{column}\", value \"{value}\": {reason}"),
    "ingest.label_file_issue": ("kolom \"{column}\": {reason}", "column \"{column}\": {reason}"),
    "ingest.label_error": ("DITOLAK", "REJECTED"),
    "ingest.label_warning": ("peringatan", "warning"),
    "ingest.label_more_warnings": ("… dan {n} peringatan lain", "… and {n} more warnings"),
    "ingest.label_more_rejected": ("… dan {n} baris lain; semuanya ada di berkas penolakan",
                                   "… and {n} more rows; all of them are in the rejects file"),
    "ingest.label_more_rejected_unsaved": (
        "… dan {n} baris lain ditolak; semuanya ditulis ke berkas penolakan bila diimpor dengan --accept-partial",
        "… and {n} more rows rejected; all of them are written to a rejects file when imported with "
        "--accept-partial"),
    "ingest.label_nothing_written": (
        "Tidak ada yang ditulis: perbaiki baris yang ditolak, atau jalankan lagi dengan --accept-partial untuk "
        "menulis baris yang valid saja.",
        "Nothing was written: fix the rejected rows, or run again with --accept-partial to write the valid rows "
        "only."),
    "ingest.label_rejects_saved": ("baris yang ditolak disimpan di {path}", "rejected rows saved in {path}"),
    "ingest.label_row": ("baris", "row"),
    "ingest.label_reason": ("alasan", "reason"),
    "ingest.label_exported": ("{kind}: {rows} baris → {path}", "{kind}: {rows} rows → {path}"),
    # The kinds of data, as the report, the Data page and the templates name them.
    "ingest.kind_units": ("unit kerja", "units"),
    "ingest.kind_employees": ("pegawai", "employees"),
    "ingest.kind_programs": ("program", "programs"),
    "ingest.kind_participations": ("peserta", "participations"),
    "ingest.kind_survey_items": ("butir survei", "survey items"),
    "ingest.kind_survey_responses": ("respon survei", "survey responses"),
    "ingest.kind_performance": ("kinerja (SKP)", "performance (SKP)"),
    "ingest.kind_targets": ("target", "targets"),
    "ingest.kind_history": ("riwayat diklat", "training history"),
}
