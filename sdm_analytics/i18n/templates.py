"""The XLSX import templates: sheet names, column headers and rules, code meanings, instructions.

ingest/templates.py looks keys up by prefix: "template.type_" + a column type, "template.what_" + a kind,
"template.rule.<kind>_" + a column (a column with no such key has no rule of its own) and
"template.meaning.<column>_" + a code, for the coded columns the data's code labels (i18n/codes.py) do not
cover. The instructions' notes fill {data}, {what}, {needs}, {codes}, {key_columns} and {file}.
"""

_NIP_REF = ("18 digit (boleh dengan spasi); harus sudah ada di data pegawai.",
            "18 digits (spaces allowed); must exist in the employees.")

TEXT: dict[str, tuple[str, str]] = {
    # The helper sheets: their names and headers.
    "template.sheet_codes": ("Kode", "Codes"),
    "template.sheet_help": ("Petunjuk", "Instructions"),
    "template.head_column": ("Kolom", "Column"),
    "template.head_code": ("Kode", "Code"),
    "template.head_meaning": ("Arti", "Meaning"),
    "template.head_accepted": ("Juga diterima", "Also accepted"),
    "template.head_required": ("Wajib", "Required"),
    "template.head_type": ("Tipe", "Type"),
    "template.head_rule": ("Aturan", "Rule"),
    "template.head_example": ("Contoh", "Example"),
    "template.yes": ("Ya", "Yes"),
    "template.no": ("Tidak", "No"),
    "template.notes": ("Catatan", "Notes"),
    "template.title": ("Templat impor {name}", "Import template {name}"),
    # A rank group's meaning on the codes sheet; a code's dropdown when the value is not a code.
    "template.rank_pns": ("PNS, {pangkat}", "PNS, {pangkat}"),
    "template.rank_pppk": ("PPPK golongan {grade}", "PPPK grade {grade}"),
    "template.dv_title": ("Kode tidak dikenal", "Unknown code"),
    "template.dv_error": (
        "Nilai ini tidak ada di lembar {sheet}. Variannya (mis. Lulus, S-1) tetap diterima saat impor.",
        "This value is not in sheet {sheet}. Variants (e.g. Lulus, S-1) are still accepted on import."),
    # Column types.
    "template.type_text": ("Teks", "Text"),
    "template.type_code": ("Kode", "Code"),
    "template.type_date": ("Tanggal", "Date"),
    "template.type_timestamp": ("Tanggal dan jam", "Date and time"),
    "template.type_number": ("Angka", "Number"),
    "template.type_integer": ("Bilangan bulat", "Whole number"),
    "template.type_money": ("Uang (Rp)", "Money (IDR)"),
    # A column's rule: its comment on the data sheet and its line on the instructions sheet.
    "template.required": ("Wajib diisi.", "Required."),
    "template.nip_ref": _NIP_REF,
    "template.date_rule": ("Hari dulu: 17/03/2025 (atau sel tanggal Excel); paling lambat 31 Desember tahun depan.",
                           "Day first: 17/03/2025 (or an Excel date cell); 31 December of next year at the latest."),
    "template.code_rule": ("Salah satu kode di lembar {sheet}; huruf besar/kecil bebas.",
                           "One of the codes in sheet {sheet}; any case."),
    # Rules of particular columns, "template.rule.<kind>_<column>".
    "template.rule.units_opd_code": ("Unik; 2–20 huruf besar, angka atau _ (mis. DINKES, KEC_SERANG).",
                                     "Unique; 2–20 capital letters, digits or _ (e.g. DINKES, KEC_SERANG)."),
    "template.rule.units_opd_name": ("Nama lengkap OPD atau unit.", "Full name of the OPD or unit."),
    "template.rule.units_kecamatan": (
        "Kecamatan tempat unit bekerja (Serang, Cipocok Jaya, Kasemen, Walantaka, Curug, Taktakan).",
        "The kecamatan where the unit works."),
    "template.rule.units_parent_code": (
        "Kosong untuk OPD (perangkat daerah). Untuk unit kerja: kode unit induknya (puskesmas → DINKES, kelurahan → "
        "kecamatannya, sekolah → dinas pendidikan); harus ada di data unit.",
        "Empty for an OPD (perangkat daerah). For a unit kerja: its parent unit's code (a puskesmas → DINKES, a "
        "kelurahan → its kecamatan, a school → the education office); must exist among the units."),
    "template.rule.employees_nip": (
        "Unik; 18 digit (boleh dengan spasi), ditulis sebagai teks. Digit 1–8 tanggal lahir (YYYYMMDD), 9–14 TMT "
        "CPNS/PPPK (YYYYMM), 15 jenis kelamin (1 laki-laki, 2 perempuan).",
        "Unique; 18 digits (spaces allowed), written as text. Digits 1–8 the birth date (YYYYMMDD), 9–14 TMT "
        "CPNS/PPPK (YYYYMM), 15 gender (1 male, 2 female)."),
    "template.rule.employees_name": ("Nama lengkap dengan gelar.", "Full name with titles."),
    "template.rule.employees_gender": ("L atau P; harus sesuai digit ke-15 NIP (jika tidak: peringatan).",
                                       "L or P; must agree with NIP digit 15 (otherwise a warning)."),
    "template.rule.employees_birth_date": ("Jika kosong diambil dari digit 1–8 NIP.",
                                           "When empty, taken from NIP digits 1–8."),
    "template.rule.employees_employment_type": ("PNS (CPNS dihitung PNS) atau PPPK.",
                                                "PNS (CPNS counts as PNS) or PPPK."),
    "template.rule.employees_rank_group": ("PNS: I/a … IV/e (3a, III-a, III.a juga diterima); PPPK: I … XVII.",
                                           "PNS: I/a … IV/e (3a, III-a, III.a accepted too); PPPK: I … XVII."),
    "template.rule.employees_position_name": ("Nomenklatur jabatan.", "The position's title."),
    "template.rule.employees_education": ("SD … S3; S-1, D-III, SLTA, SMK juga diterima.",
                                          "SD … S3; S-1, D-III, SLTA, SMK accepted too."),
    "template.rule.employees_opd_code": ("Harus sudah ada di data unit kerja.", "Must exist in the units."),
    "template.rule.employees_hire_date": ("TMT CPNS/PPPK; sesudah tanggal lahir, pada umur 18–60 tahun.",
                                          "TMT CPNS/PPPK (start of service); after the birth date, aged 18–60."),
    "template.rule.employees_exit_date": ("Pensiun, mutasi keluar, berhenti; tidak sebelum TMT.",
                                          "Retirement, transfer out, resignation; not before the TMT."),
    "template.rule.employees_supervisor_nip": (
        "NIP atasan langsung (18 digit, seperti NIP); bukan NIP pegawai itu sendiri; menerima kuesioner atasan pada "
        "evaluasi pasca pelatihan. Jika atasan belum ada di data pegawai: peringatan, tetap diterima.",
        "The direct supervisor's NIP (18 digits, like the NIP); not the employee's own; receives the supervisor's "
        "questionnaire of the post-training evaluation. A supervisor not among the employees: a warning, accepted."),
    "template.rule.programs_program_code": ("Unik (mis. PLT-2025-014).", "Unique (e.g. PLT-2025-014)."),
    "template.rule.programs_title": ("Nama pelatihan atau kegiatan.", "Name of the training or activity."),
    "template.rule.programs_topic": (
        "Kode topik di lembar Kode; topik lain diterima dan dilaporkan sebagai peringatan.",
        "A topic code of sheet Codes; other topics are accepted and reported as a warning."),
    "template.rule.programs_organizer": ("Mis. BKPSDM Kota Serang, BPSDM Provinsi Banten, LAN, internal OPD.",
                                         "E.g. BKPSDM Kota Serang, BPSDM Provinsi Banten, LAN, internal OPD."),
    "template.rule.programs_jp": ("Lebih dari 0, paling banyak 1000 (1 JP = 45 menit).",
                                  "Above 0, at most 1000 (1 JP = 45 minutes)."),
    "template.rule.programs_end_date": ("Tidak sebelum tanggal mulai.", "Not before the start date."),
    "template.rule.programs_capacity": ("Lebih dari 0.", "Above 0."),
    "template.rule.programs_cost_per_participant": ("≥ 0; 1250000, 1.250.000 atau Rp 1.250.000.",
                                                    "≥ 0; 1250000, 1.250.000 or Rp 1.250.000."),
    "template.rule.participations_program_code": ("Harus sudah ada di data program.", "Must exist in the programs."),
    "template.rule.participations_attendance_pct": ("0–100.", "0–100."),
    "template.rule.participations_pre_test": ("0–100.", "0–100."),
    "template.rule.participations_post_test": ("0–100.", "0–100."),
    "template.rule.participations_jp_earned": (
        "Mengganti JP program bagi peserta lulus (kredit sebagian); 0 atau kosong jika tidak lulus.",
        "Overrides the program's JP for a completed participation (partial credit); 0 or empty unless completed."),
    "template.rule.survey_items_item_code": ("Unik (mis. R_MAT_1).", "Unique (e.g. R_MAT_1)."),
    "template.rule.survey_items_dimension": ("Mis. materi, fasilitator, sarana, penerapan, dampak, dukungan_atasan.",
                                             "E.g. materi, fasilitator, sarana, penerapan, dampak, dukungan_atasan."),
    "template.rule.survey_items_text_id": ("Pertanyaan dalam bahasa Indonesia.", "The question in Bahasa Indonesia."),
    "template.rule.survey_items_text_en": ("Terjemahan bahasa Inggris.", "The English wording."),
    "template.rule.survey_items_scale_min": ("Skala Likert, bawaan 1; kosongkan untuk butir pilihan.",
                                             "Likert scale, default 1; empty for a choice item."),
    "template.rule.survey_items_scale_max": ("Skala Likert, bawaan 5; lebih besar dari Skala Min.",
                                             "Likert scale, default 5; above the minimum."),
    "template.rule.survey_responses_response_id": (
        "Satu kuesioner yang diisi satu kali: semua jawabannya memakai ID ini.",
        "One questionnaire filled once: all its answers share this ID."),
    "template.rule.survey_responses_item_code": ("Harus sudah ada di data butir survei.",
                                                 "Must exist in the survey items."),
    "template.rule.survey_responses_nip": (
        "ASN yang dinilai (jawaban atasan: NIP alumni); kosong = anonim. " + _NIP_REF[0],
        "The participant concerned (a supervisor's answer: the alumnus); empty = anonymous. " + _NIP_REF[1]),
    "template.rule.survey_responses_program_code": (
        "Wajib untuk survei reaksi dan penerapan; kosong untuk kebutuhan dan kesiapan.",
        "Required for reaction and application; empty for needs and readiness."),
    "template.rule.survey_responses_respondent_role": ("Kosong = self (diri sendiri).", "Empty = self."),
    "template.rule.survey_responses_submitted_at": ("Tanggal (dan jam) pengisian.", "When the form was filled."),
    "template.rule.survey_responses_value": ("Jawaban Likert, dalam skala butir.",
                                             "The Likert answer, within the item's scale."),
    "template.rule.survey_responses_answer_text": ("Pilihan (mis. kode topik) atau komentar bebas.",
                                                   "A choice (e.g. a topic code) or a free comment."),
    "template.rule.performance_year": ("Tahun penilaian SKP (1990–2100).", "The SKP year (1990–2100)."),
    "template.rule.targets_indicator": ("ID indikator (lihat lembar Kode).", "A metric id (see the Codes sheet)."),
    "template.rule.targets_year": ("Tahun target (1990–2100).", "The target's year (1990–2100)."),
    "template.rule.targets_opd_code": ("Kosong = seluruh kota; jika diisi harus ada di data unit kerja.",
                                       "Empty = the whole city; otherwise it must exist in the units."),
    "template.rule.targets_target": ("Dalam satuan indikator; persentase sebagai 0–1 (0,8) atau dengan % (80%).",
                                     "In the metric's unit; a rate as 0–1 (0.8) or with % (80%)."),
    "template.rule.history_title": ("Nama diklat/kursus seperti tertulis di sertifikat.",
                                    "The training's or course's name as on the certificate."),
    "template.rule.history_category": (
        "Jenis diklat; juga Diklat Struktural, PIM/PKA/PKP, Bimtek, Seminar/Workshop (tidak dikenal: lainnya).",
        "The kind of training; also Diklat Struktural, PIM/PKA/PKP, Bimtek, Seminar/Workshop (unknown: lainnya)."),
    "template.rule.history_organizer": ("Institusi penyelenggara (mis. BPSDM Provinsi Banten, LAN).",
                                        "The organising institution (e.g. BPSDM Provinsi Banten, LAN)."),
    "template.rule.history_end_date": (
        "Wajib, atau Tahun saja (maka 31 Desember tahun itu, ditandai perkiraan); tidak sebelum tanggal mulai.",
        "Required, or the Year alone (then 31 December of that year, flagged as estimated); not before the "
        "start date."),
    "template.rule.history_year": ("Tahun diklat; cukup jika tanggal selesai tidak diketahui.",
                                   "The training's year; enough when the end date is not known."),
    "template.rule.history_jp": ("Jumlah jam di sertifikat = JP; lebih dari 0, paling banyak 1000.",
                                 "The certificate's hours = JP; above 0, at most 1000."),
    "template.rule.history_certificate_no": (
        "Jika ada: kunci sertifikat (tanpa nomor: NIP + nama diklat + tanggal selesai).",
        "When there is one: the certificate's key (without a number: NIP + title + end date)."),
    "template.rule.history_topic": (
        "Opsional: kode topik di lembar Kode; topik lain diterima dan dilaporkan sebagai peringatan.",
        "Optional: a topic code of sheet Codes; other topics are accepted and reported as a warning."),
    # What a code means, for the coded columns i18n/codes.py does not label.
    "template.meaning.opd_type_sekretariat": ("Sekretariat Daerah / DPRD", "Secretariat"),
    "template.meaning.opd_type_inspektorat": ("Inspektorat", "Inspectorate"),
    "template.meaning.opd_type_dinas": ("Dinas", "Agency (dinas)"),
    "template.meaning.opd_type_badan": ("Badan", "Board (badan)"),
    "template.meaning.opd_type_satpol_pp": ("Satuan Polisi Pamong Praja", "Civil service police"),
    "template.meaning.opd_type_rsud": ("Rumah Sakit Umum Daerah", "Regional hospital"),
    "template.meaning.opd_type_kecamatan": ("Kecamatan", "District"),
    "template.meaning.opd_type_kelurahan": ("Kelurahan", "Urban village"),
    "template.meaning.opd_type_lainnya": ("Lainnya", "Other"),
    "template.meaning.education_SD": ("Sekolah Dasar", "Primary school"),
    "template.meaning.education_SMP": ("SMP / SLTP / MTs", "Junior high school"),
    "template.meaning.education_SMA": ("SMA / SMK / SLTA / MA", "Senior high school"),
    "template.meaning.education_D1": ("Diploma I", "Diploma I"),
    "template.meaning.education_D2": ("Diploma II", "Diploma II"),
    "template.meaning.education_D3": ("Diploma III", "Diploma III"),
    "template.meaning.education_D4": ("Diploma IV / Sarjana Terapan", "Diploma IV"),
    "template.meaning.education_S1": ("Sarjana (Strata 1)", "Bachelor"),
    "template.meaning.education_S2": ("Magister (Strata 2)", "Master"),
    "template.meaning.education_S3": ("Doktor (Strata 3)", "Doctorate"),
    "template.meaning.survey_kind_needs": ("Analisis kebutuhan / aspirasi", "Training needs"),
    "template.meaning.survey_kind_reaction": ("Evaluasi reaksi (Kirkpatrick 1)", "Reaction (Kirkpatrick 1)"),
    "template.meaning.survey_kind_application": ("Evaluasi pasca pelatihan (Kirkpatrick 3)",
                                                 "Application (Kirkpatrick 3)"),
    "template.meaning.survey_kind_driver": ("Faktor pendukung penerapan (dukungan atasan, kesempatan, sarana)",
                                            "What enables application (supervisor support, a chance, tools)"),
    "template.meaning.survey_kind_readiness": ("Kesiapan berubah", "Readiness for change"),
    # The instructions sheet's notes; "what" one row of a kind's data sheet is.
    "template.instructions.fill": (
        "Isi lembar \"{data}\": satu baris per {what}. Jangan ubah judul kolom di baris 1; kolom bertanda * wajib "
        "diisi.",
        "Fill in sheet \"{data}\": one row per {what}. Keep the headers of row 1; columns marked * are required."),
    "template.instructions.needs": (
        "Data yang dirujuk harus sudah diimpor lebih dulu (atau diunggah bersama): {needs}.",
        "The data referred to must be imported first (or uploaded together): {needs}."),
    "template.instructions.example": (
        "Baris 2 adalah contoh: ganti atau hapus sebelum mengimpor (jika dibiarkan, ikut diimpor).",
        "Row 2 is an example: replace or delete it before importing (left in place, it is imported too)."),
    "template.instructions.date": ("Tanggal ditulis hari dulu (17/03/2025) atau sebagai sel tanggal Excel.",
                                   "Dates are day first (17/03/2025) or Excel date cells."),
    "template.instructions.nip": (
        "NIP 18 digit ditulis sebagai teks (kolomnya sudah berformat teks), jangan sebagai angka 1,98503E+17.",
        "An 18-digit NIP is written as text (its column is formatted as text), never as a number like 1.98503E+17."),
    "template.instructions.codes": (
        "Sel kosong berarti tidak ada nilai. Kode yang diizinkan ada di lembar {codes}. Mengimpor lagi baris dengan "
        "kunci yang sama ({key_columns}) memperbaruinya, tidak menggandakannya.",
        "An empty cell means no value. The allowed codes are in sheet {codes}. Importing a row with the same key "
        "({key_columns}) again updates it; it never duplicates it."),
    "template.instructions.upload": ("Unggah di halaman Data, atau: python -m sdm_analytics import {file}",
                                     "Upload it on the Data page, or: python -m sdm_analytics import {file}"),
    "template.what_units": ("unit kerja", "unit"),
    "template.what_employees": ("pegawai", "employee"),
    "template.what_programs": ("program", "program"),
    "template.what_participations": ("peserta per program", "participant of a program"),
    "template.what_survey_items": ("butir pertanyaan", "question"),
    "template.what_survey_responses": ("jawaban (format panjang)", "answer (long format)"),
    "template.what_performance": ("pegawai per tahun", "employee and year"),
    "template.what_targets": ("indikator per tahun dan OPD", "indicator, year and OPD"),
    "template.what_history": ("sertifikat diklat per pegawai", "training certificate of an employee"),
}
