"""XLSX import templates: a data sheet per kind the importer reads back as is, its codes and its rules.

    data = template_xlsx("employees")     # bytes: sheets "pegawai", "Kode", "Petunjuk"
    template_names()["employees"]         # "template_pegawai.xlsx"

The data sheet is named after the kind's Indonesian file name and carries the
first Indonesian alias of every column as a readable header ("Tanggal Lahir",
"Kode OPD"); a required column ends in " *" (the importer's header key drops
the star), is red and has a comment. Row 2 is one example for Kota Serang
whose references agree across kinds, so the eight examples import together.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..contract import CODE_ALIASES, CODES, KINDS, PNS_RANKS, PPPK_RANKS, Column
from ..engine.metrics import METRIC_IDS, METRICS
from ..settings import Settings
from .messages import KIND_LABELS
from .plan import resolve_kind

__all__ = ["template_xlsx", "template_names", "header_text", "sheet_name", "coded_values", "EXAMPLES"]

REQUIRED_MARK = " *"
_UPPER = {"nip", "opd", "jp", "tmt", "id", "skp", "pns", "pppk"}
_LOWER = {"per", "dan"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FONT = Font(bold=True, color="000000")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_EXAMPLE_FONT = Font(italic=True, color="595959")
_FORMATS = {"text": "@", "code": "@", "date": "dd/mm/yyyy", "timestamp": "dd/mm/yyyy hh:mm",
            "integer": "0", "money": "#,##0", "number": "General"}
_VALIDATED_ROWS = 5000  # dropdowns reach this far down the data sheet

# One example row per kind; the references agree (DINKES, the NIP, PLT-2025-014, R_MAT_1).
_NIP = "19850317 201001 1 003"
EXAMPLES: dict[str, dict[str, object]] = {
    "units": {"opd_code": "DINKES", "opd_name": "Dinas Kesehatan", "opd_type": "dinas", "kecamatan": "Serang",
              "area": "urban", "parent_code": None},
    "employees": {"nip": _NIP, "name": "Ahmad Fauzi, S.K.M.", "gender": "L", "birth_date": dt.date(1985, 3, 17),
                  "employment_type": "PNS", "rank_group": "III/c", "position_type": "fungsional",
                  "position_name": "Epidemiolog Kesehatan Ahli Muda", "education": "S1", "opd_code": "DINKES",
                  "hire_date": dt.date(2010, 1, 1), "exit_date": None},
    "programs": {"program_code": "PLT-2025-014", "title": "Pelatihan Pelayanan Publik Prima",
                 "category": "teknis", "topic": "pelayanan_publik", "mode": "blended",
                 "organizer": "BKPSDM Kota Serang", "jp": 32, "start_date": dt.date(2025, 7, 14),
                 "end_date": dt.date(2025, 7, 17), "capacity": 30, "cost_per_participant": 1250000},
    "participations": {"program_code": "PLT-2025-014", "nip": _NIP, "status": "completed", "attendance_pct": 100,
                       "pre_test": 62.5, "post_test": 85, "jp_earned": None},
    "survey_items": {"item_code": "R_MAT_1", "survey_kind": "reaction", "dimension": "materi",
                     "text_id": "Materi pelatihan relevan dengan tugas saya.",
                     "text_en": "The training content was relevant to my job.", "scale_min": 1, "scale_max": 5},
    "survey_responses": {"response_id": "REA-2025-0001", "item_code": "R_MAT_1", "nip": _NIP,
                         "program_code": "PLT-2025-014", "respondent_role": "self",
                         "submitted_at": dt.datetime(2025, 7, 18, 14, 35), "value": 4,
                         "answer_text": None},
    "performance": {"nip": _NIP, "year": 2024, "rating": "baik"},
    "targets": {"indicator": "jp20_rate", "year": 2025, "opd_code": "DINKES", "target": 0.8},
}

# What a kind's rows point at: those kinds must be in the store (or in the same import) first.
_NEEDS = {"employees": ("units",), "participations": ("programs", "employees"),
          "survey_responses": ("survey_items", "programs", "employees"), "performance": ("employees",),
          "targets": ("units",)}

_TYPES = {
    "text": ("Teks", "Text"), "code": ("Kode", "Code"), "date": ("Tanggal", "Date"),
    "timestamp": ("Tanggal dan jam", "Date and time"), "number": ("Angka", "Number"),
    "integer": ("Bilangan bulat", "Whole number"), "money": ("Uang (Rp)", "Money (IDR)"),
}
_NIP_REF = ("18 digit (boleh dengan spasi); harus sudah ada di data pegawai.",
            "18 digits (spaces allowed); must exist in the employees.")
_RULES: dict[tuple[str, str], tuple[str, str]] = {
    ("units", "opd_code"): ("Unik; 2–20 huruf besar, angka atau _ (mis. DINKES, KEC_SERANG).",
                            "Unique; 2–20 capital letters, digits or _ (e.g. DINKES, KEC_SERANG)."),
    ("units", "opd_name"): ("Nama lengkap OPD atau unit.", "Full name of the OPD or unit."),
    ("units", "kecamatan"): ("Kecamatan tempat unit bekerja (Serang, Cipocok Jaya, Kasemen, Walantaka, Curug, "
                             "Taktakan).", "The kecamatan where the unit works."),
    ("units", "parent_code"): ("Kosong untuk OPD (perangkat daerah). Untuk unit kerja: kode unit induknya (puskesmas → "
                               "DINKES, kelurahan → kecamatannya, sekolah → dinas pendidikan); harus ada di data unit.",
                               "Empty for an OPD (perangkat daerah). For a unit kerja: its parent unit's code (a "
                               "puskesmas → DINKES, a kelurahan → its kecamatan, a school → the education office); "
                               "must exist among the units."),
    ("employees", "nip"): ("Unik; 18 digit (boleh dengan spasi), ditulis sebagai teks. Digit 1–8 tanggal lahir "
                           "(YYYYMMDD), 9–14 TMT CPNS/PPPK (YYYYMM), 15 jenis kelamin (1 laki-laki, 2 perempuan).",
                           "Unique; 18 digits (spaces allowed), written as text. Digits 1–8 the birth date "
                           "(YYYYMMDD), 9–14 TMT CPNS/PPPK (YYYYMM), 15 gender (1 male, 2 female)."),
    ("employees", "name"): ("Nama lengkap dengan gelar.", "Full name with titles."),
    ("employees", "gender"): ("L atau P; harus sesuai digit ke-15 NIP (jika tidak: peringatan).",
                              "L or P; must agree with NIP digit 15 (otherwise a warning)."),
    ("employees", "birth_date"): ("Jika kosong diambil dari digit 1–8 NIP.",
                                  "When empty, taken from NIP digits 1–8."),
    ("employees", "employment_type"): ("PNS (CPNS dihitung PNS) atau PPPK.", "PNS (CPNS counts as PNS) or PPPK."),
    ("employees", "rank_group"): ("PNS: I/a … IV/e (3a, III-a, III.a juga diterima); PPPK: I … XVII.",
                                  "PNS: I/a … IV/e (3a, III-a, III.a accepted too); PPPK: I … XVII."),
    ("employees", "position_name"): ("Nomenklatur jabatan.", "The position's title."),
    ("employees", "education"): ("SD … S3; S-1, D-III, SLTA, SMK juga diterima.",
                                 "SD … S3; S-1, D-III, SLTA, SMK accepted too."),
    ("employees", "opd_code"): ("Harus sudah ada di data unit kerja.", "Must exist in the units."),
    ("employees", "hire_date"): ("TMT CPNS/PPPK.", "TMT CPNS/PPPK (start of service)."),
    ("employees", "exit_date"): ("Pensiun, mutasi keluar, berhenti; tidak sebelum TMT.",
                                 "Retirement, transfer out, resignation; not before the TMT."),
    ("programs", "program_code"): ("Unik (mis. PLT-2025-014).", "Unique (e.g. PLT-2025-014)."),
    ("programs", "title"): ("Nama pelatihan atau kegiatan.", "Name of the training or activity."),
    ("programs", "topic"): ("Kode topik di lembar Kode; topik lain diterima dan dilaporkan sebagai peringatan.",
                            "A topic code of sheet Codes; other topics are accepted and reported as a warning."),
    ("programs", "organizer"): ("Mis. BKPSDM Kota Serang, BPSDM Provinsi Banten, LAN, internal OPD.",
                                "E.g. BKPSDM Kota Serang, BPSDM Provinsi Banten, LAN, internal OPD."),
    ("programs", "jp"): ("Lebih dari 0, paling banyak 1000 (1 JP = 45 menit).",
                         "Above 0, at most 1000 (1 JP = 45 minutes)."),
    ("programs", "end_date"): ("Tidak sebelum tanggal mulai.", "Not before the start date."),
    ("programs", "capacity"): ("Lebih dari 0.", "Above 0."),
    ("programs", "cost_per_participant"): ("≥ 0; 1250000, 1.250.000 atau Rp 1.250.000.",
                                           "≥ 0; 1250000, 1.250.000 or Rp 1.250.000."),
    ("participations", "program_code"): ("Harus sudah ada di data program.", "Must exist in the programs."),
    ("participations", "attendance_pct"): ("0–100.", "0–100."),
    ("participations", "pre_test"): ("0–100.", "0–100."),
    ("participations", "post_test"): ("0–100.", "0–100."),
    ("participations", "jp_earned"): ("Mengganti JP program bagi peserta lulus (kredit sebagian); 0 atau kosong "
                                      "jika tidak lulus.", "Overrides the program's JP for a completed participation "
                                      "(partial credit); 0 or empty unless completed."),
    ("survey_items", "item_code"): ("Unik (mis. R_MAT_1).", "Unique (e.g. R_MAT_1)."),
    ("survey_items", "dimension"): ("Mis. materi, fasilitator, sarana, penerapan, dampak, dukungan_atasan.",
                                    "E.g. materi, fasilitator, sarana, penerapan, dampak, dukungan_atasan."),
    ("survey_items", "text_id"): ("Pertanyaan dalam bahasa Indonesia.", "The question in Bahasa Indonesia."),
    ("survey_items", "text_en"): ("Terjemahan bahasa Inggris.", "The English wording."),
    ("survey_items", "scale_min"): ("Skala Likert, bawaan 1; kosongkan untuk butir pilihan.",
                                    "Likert scale, default 1; empty for a choice item."),
    ("survey_items", "scale_max"): ("Skala Likert, bawaan 5; lebih besar dari Skala Min.",
                                    "Likert scale, default 5; above the minimum."),
    ("survey_responses", "response_id"): ("Satu kuesioner yang diisi satu kali: semua jawabannya memakai ID ini.",
                                          "One questionnaire filled once: all its answers share this ID."),
    ("survey_responses", "item_code"): ("Harus sudah ada di data butir survei.", "Must exist in the survey items."),
    ("survey_responses", "nip"): ("ASN yang dinilai (jawaban atasan: NIP alumni); kosong = anonim. " + _NIP_REF[0],
                                  "The participant concerned (a supervisor's answer: the alumnus); empty = "
                                  "anonymous. " + _NIP_REF[1]),
    ("survey_responses", "program_code"): ("Wajib untuk survei reaksi dan penerapan; kosong untuk kebutuhan dan "
                                           "kesiapan.", "Required for reaction and application; empty for needs "
                                           "and readiness."),
    ("survey_responses", "respondent_role"): ("Kosong = self (diri sendiri).", "Empty = self."),
    ("survey_responses", "submitted_at"): ("Tanggal (dan jam) pengisian.", "When the form was filled."),
    ("survey_responses", "value"): ("Jawaban Likert, dalam skala butir.",
                                    "The Likert answer, within the item's scale."),
    ("survey_responses", "answer_text"): ("Pilihan (mis. kode topik) atau komentar bebas.",
                                          "A choice (e.g. a topic code) or a free comment."),
    ("performance", "year"): ("Tahun penilaian SKP (1990–2100).", "The SKP year (1990–2100)."),
    ("targets", "indicator"): ("ID indikator (lihat lembar Kode).", "A metric id (see the Codes sheet)."),
    ("targets", "year"): ("Tahun target (1990–2100).", "The target's year (1990–2100)."),
    ("targets", "opd_code"): ("Kosong = seluruh kota; jika diisi harus ada di data unit kerja.",
                              "Empty = the whole city; otherwise it must exist in the units."),
    ("targets", "target"): ("Dalam satuan indikator; persentase sebagai 0–1 (0,8) atau dengan % (80%).",
                            "In the metric's unit; a rate as 0–1 (0.8) or with % (80%)."),
}
_DATE_RULE = ("Hari dulu: 17/03/2025 (atau sel tanggal Excel).", "Day first: 17/03/2025 (or an Excel date cell).")
_CODE_RULE = ("Salah satu kode di lembar {sheet}; huruf besar/kecil bebas.",
              "One of the codes in sheet {sheet}; any case.")

_MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "opd_type": {"sekretariat": ("Sekretariat Daerah / DPRD", "Secretariat"),
                 "inspektorat": ("Inspektorat", "Inspectorate"),
                 "dinas": ("Dinas", "Agency (dinas)"), "badan": ("Badan", "Board (badan)"),
                 "satpol_pp": ("Satuan Polisi Pamong Praja", "Civil service police"),
                 "rsud": ("Rumah Sakit Umum Daerah", "Regional hospital"), "kecamatan": ("Kecamatan", "District"),
                 "kelurahan": ("Kelurahan", "Urban village"), "lainnya": ("Lainnya", "Other")},
    "area": {"urban": ("Perkotaan", "Urban"), "rural": ("Perdesaan", "Rural"), "remote": ("Terpencil", "Remote")},
    "gender": {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")},
    "employment_type": {"PNS": ("Pegawai Negeri Sipil (termasuk CPNS)", "Civil servant (CPNS included)"),
                        "PPPK": ("Pegawai Pemerintah dengan Perjanjian Kerja", "Government employee on contract")},
    "position_type": {"jpt": ("Jabatan Pimpinan Tinggi (JPT Pratama)", "Senior executive (JPT)"),
                      "administrator": ("Jabatan Administrator (eks eselon III)", "Administrator"),
                      "pengawas": ("Jabatan Pengawas (eks eselon IV)", "Supervisor"),
                      "fungsional": ("Jabatan Fungsional", "Functional"),
                      "pelaksana": ("Jabatan Pelaksana", "Executor (pelaksana)")},
    "education": {"SD": ("Sekolah Dasar", "Primary school"), "SMP": ("SMP / SLTP / MTs", "Junior high school"),
                  "SMA": ("SMA / SMK / SLTA / MA", "Senior high school"), "D1": ("Diploma I", "Diploma I"),
                  "D2": ("Diploma II", "Diploma II"), "D3": ("Diploma III", "Diploma III"),
                  "D4": ("Diploma IV / Sarjana Terapan", "Diploma IV"), "S1": ("Sarjana (Strata 1)", "Bachelor"),
                  "S2": ("Magister (Strata 2)", "Master"), "S3": ("Doktor (Strata 3)", "Doctorate")},
    "category": {"latsar": ("Pelatihan Dasar CPNS (prajabatan)", "Basic training (Latsar)"),
                 "orientasi": ("Orientasi PPPK", "PPPK orientation"),
                 "kepemimpinan": ("Pelatihan Kepemimpinan (PKP, PKA, PKN; dulu Diklatpim)", "Leadership"),
                 "kursus": ("Kursus", "Course"), "magang": ("Magang", "Internship"),
                 "e_learning": ("E-learning / pelatihan jarak jauh", "E-learning"),
                 "belajar_mandiri": ("Belajar mandiri", "Self-study"),
                 "manajerial": ("Manajerial", "Managerial"), "teknis": ("Teknis / bimbingan teknis", "Technical"),
                 "fungsional": ("Fungsional", "Functional"), "sosial_kultural": ("Sosial kultural", "Socio-cultural"),
                 "seminar": ("Seminar / webinar / lokakarya", "Seminar / workshop"),
                 "coaching_mentoring": ("Coaching dan mentoring", "Coaching and mentoring"),
                 "lainnya": ("Lainnya", "Other")},
    "topic": {"digitalisasi": ("Digitalisasi / SPBE", "Digitalisation"),
              "pelayanan_publik": ("Pelayanan publik", "Public service"),
              "kesehatan": ("Kesehatan", "Health"), "pendidikan": ("Pendidikan", "Education"),
              "keuangan_daerah": ("Keuangan daerah", "Regional finance"),
              "kepemimpinan": ("Kepemimpinan", "Leadership"),
              "perencanaan": ("Perencanaan", "Planning"), "pengadaan": ("Pengadaan barang/jasa", "Procurement"),
              "kearsipan": ("Kearsipan", "Records management"), "bahasa_asing": ("Bahasa asing", "Foreign languages"),
              "integritas": ("Integritas dan antikorupsi", "Integrity and anti-corruption"),
              "manajemen_kinerja": ("Manajemen kinerja", "Performance management")},
    "mode": {"luring": ("Luring (tatap muka, klasikal)", "In person"),
             "daring": ("Daring (online, e-learning)", "Online"),
             "blended": ("Campuran luring dan daring", "Blended")},
    "status": {"registered": ("Terdaftar", "Registered"), "completed": ("Lulus / selesai", "Completed"),
               "failed": ("Tidak lulus", "Failed"), "dropped": ("Mengundurkan diri", "Dropped out"),
               "no_show": ("Tidak hadir", "No-show")},
    "survey_kind": {"needs": ("Analisis kebutuhan / aspirasi", "Training needs"),
                    "reaction": ("Evaluasi reaksi (Kirkpatrick 1)", "Reaction (Kirkpatrick 1)"),
                    "application": ("Evaluasi pasca pelatihan (Kirkpatrick 3)", "Application (Kirkpatrick 3)"),
                    "driver": ("Faktor pendukung penerapan (dukungan atasan, kesempatan, sarana)",
                               "What enables application (supervisor support, a chance, tools)"),
                    "readiness": ("Kesiapan berubah", "Readiness for change")},
    "respondent_role": {"self": ("Diri sendiri (peserta / alumni)", "Self (participant / alumnus)"),
                        "supervisor": ("Atasan langsung", "Supervisor"), "peer": ("Rekan kerja", "Peer")},
    "rating": {"sangat_baik": ("Sangat baik", "Very good"), "baik": ("Baik", "Good"),
               "butuh_perbaikan": ("Butuh perbaikan", "Needs improvement"), "kurang": ("Kurang", "Poor"),
               "sangat_kurang": ("Sangat kurang", "Very poor")},
}
_PANGKAT = ("Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I", "Pengatur Muda", "Pengatur Muda Tingkat I",
            "Pengatur", "Pengatur Tingkat I", "Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
            "Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama")

# Sheet names and headers of the helper sheets, (id, en).
_TEXT = {
    "codes": ("Kode", "Codes"), "help": ("Petunjuk", "Instructions"),
    "code_head": (("Kolom", "Kode", "Arti", "Juga diterima"), ("Column", "Code", "Meaning", "Also accepted")),
    "help_head": (("Kolom", "Wajib", "Tipe", "Aturan", "Contoh"), ("Column", "Required", "Type", "Rule", "Example")),
    "yes": ("Ya", "Yes"), "no": ("Tidak", "No"), "required": ("Wajib diisi.", "Required."),
    "notes": ("Catatan", "Notes"),
    "pppk": ("PPPK golongan {g}", "PPPK grade {g}"), "pns": ("PNS, {p}", "PNS, {p}"),
    "dv_title": ("Kode tidak dikenal", "Unknown code"),
    "dv_error": ("Nilai ini tidak ada di lembar {sheet}. Variannya (mis. Lulus, S-1) tetap diterima saat impor.",
                 "This value is not in sheet {sheet}. Variants (e.g. Lulus, S-1) are still accepted on import."),
}
# General notes of the instructions sheet: (shown when, (id, en)); "date" and "nip" only for kinds with such columns.
_NOTES = (
    ("all", ("Isi lembar \"{data}\": satu baris per {what}. Jangan ubah judul kolom di baris 1; kolom bertanda * "
             "wajib diisi.", "Fill in sheet \"{data}\": one row per {what}. Keep the headers of row 1; columns "
             "marked * are required.")),
    ("needs", ("Data yang dirujuk harus sudah diimpor lebih dulu (atau diunggah bersama): {needs}.",
               "The data referred to must be imported first (or uploaded together): {needs}.")),
    ("all", ("Baris 2 adalah contoh: ganti atau hapus sebelum mengimpor (jika dibiarkan, ikut diimpor).",
             "Row 2 is an example: replace or delete it before importing (left in place, it is imported too).")),
    ("date", ("Tanggal ditulis hari dulu (17/03/2025) atau sebagai sel tanggal Excel.",
              "Dates are day first (17/03/2025) or Excel date cells.")),
    ("nip", ("NIP 18 digit ditulis sebagai teks (kolomnya sudah berformat teks), jangan sebagai angka 1,98503E+17.",
             "An 18-digit NIP is written as text (its column is formatted as text), never as a number like "
             "1.98503E+17.")),
    ("all", ("Sel kosong berarti tidak ada nilai. Kode yang diizinkan ada di lembar {codes}. Mengimpor lagi baris "
             "dengan kunci yang sama ({key}) memperbaruinya, tidak menggandakannya.", "An empty cell means no "
             "value. The allowed codes are in sheet {codes}. Importing a row with the same key ({key}) again "
             "updates it; it never duplicates it.")),
    ("all", ("Unggah di halaman Data, atau: python -m sdm_analytics import {file}",
             "Upload it on the Data page, or: python -m sdm_analytics import {file}")),
)
_WHAT = {"units": ("unit kerja", "unit"), "employees": ("pegawai", "employee"), "programs": ("program", "program"),
         "participations": ("peserta per program", "participant of a program"),
         "survey_items": ("butir pertanyaan", "question"),
         "survey_responses": ("jawaban (format panjang)", "answer (long format)"),
         "performance": ("pegawai per tahun", "employee and year"),
         "targets": ("indikator per tahun dan OPD", "indicator, year and OPD")}


def _pick(pair: tuple, lang: str):  # (id, en) -> the text of lang; anything but "en" is Indonesian
    return pair[1] if lang == "en" else pair[0]


def header_text(alias: str) -> str:
    """A human header from an alias: kode_opd -> "Kode OPD", tanggal_lahir -> "Tanggal Lahir"."""
    words = alias.split("_")
    out = [w.upper() if w in _UPPER else w if (w in _LOWER and i) else w.capitalize() for i, w in enumerate(words)]
    return " ".join(out)


def _header(col: Column) -> str:
    return header_text(col.aliases[0]) + (REQUIRED_MARK if col.required else "")


def sheet_name(kind: str) -> str:
    """The data sheet's name: the kind's first Indonesian file name (pegawai, unit_kerja, ...)."""
    return KINDS[kind].file_names[0]


def template_names() -> dict[str, str]:
    """Kind -> suggested download name (template_pegawai.xlsx); the name alone tells the importer the kind."""
    return {kind: f"template_{sheet_name(kind)}.xlsx" for kind in KINDS}


def coded_values(kind: str, lang: str = "id", settings: Settings | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Coded column -> [(code, meaning, accepted variants)] for the kind's columns that take codes."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for col in KINDS[kind].public_columns:
        if col.type != "code":
            continue
        if col.name == "rank_group":
            rows = [(r, _pick(_TEXT["pns"], lang).format(p=p), "") for r, p in zip(PNS_RANKS, _PANGKAT)]
            rows += [(r, _pick(_TEXT["pppk"], lang).format(g=r), "") for r in PPPK_RANKS]
        elif col.name == "indicator":
            rows = [(m, METRICS[m].label(lang, settings), "") for m in METRIC_IDS]
        else:
            meanings = _MEANINGS.get(col.name, {})
            variants = CODE_ALIASES.get(col.name, {})
            rows = [(code, _pick(meanings[code], lang) if code in meanings else "",
                     ", ".join(v for v, c in variants.items() if c == code)) for code in CODES[col.name]]
        out[col.name] = rows
    return out


def _rule(kind: str, col: Column, lang: str) -> str:
    parts = [_pick(_TEXT["required"], lang)] if col.required else []
    if (kind, col.name) in _RULES:
        parts.append(_pick(_RULES[(kind, col.name)], lang))
    elif col.name == "nip":
        parts.append(_pick(_NIP_REF, lang))
    if col.type in ("date", "timestamp"):
        parts.append(_pick(_DATE_RULE, lang))
    if col.type == "code" and col.name != "topic":
        parts.append(_pick(_CODE_RULE, lang).format(sheet=_pick(_TEXT["codes"], lang)))
    return " ".join(parts)


def _style_header(ws: Worksheet, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _data_sheet(ws: Worksheet, kind: str, lang: str, codes_at: dict[str, str]) -> None:
    columns = KINDS[kind].public_columns
    example = EXAMPLES[kind]
    _style_header(ws, [_header(c) for c in columns])
    widths = []
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(1, i)
        head.comment = Comment(_rule(kind, col, lang), "SDM ASN Analytics", width=300, height=110)
        if col.required:
            head.font = _REQUIRED_FONT
        fmt = _FORMATS[col.type]
        ws.column_dimensions[letter].number_format = fmt  # new rows typed by hand get the format too
        cell = ws.cell(2, i, example.get(col.name))
        cell.number_format, cell.font = fmt, _EXAMPLE_FONT
        shown = len(str(example.get(col.name) or "")) if col.type not in ("date", "timestamp") else 16
        widths.append(min(max(len(head.value) + 4, shown + 3, 10), 45))
        if col.name in codes_at:
            dv = DataValidation(type="list", formula1=codes_at[col.name], allow_blank=True, showErrorMessage=True,
                                errorStyle="warning", errorTitle=_pick(_TEXT["dv_title"], lang),
                                error=_pick(_TEXT["dv_error"], lang).format(sheet=_pick(_TEXT["codes"], lang)))
            dv.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
            ws.add_data_validation(dv)
    _widths(ws, widths)
    ws.row_dimensions[1].height = 30


def _codes_sheet(ws: Worksheet, kind: str, lang: str, settings: Settings | None = None) -> dict[str, str]:
    """Write the codes; return column -> the list formula of its code range (for dropdowns)."""
    _style_header(ws, list(_pick(_TEXT["code_head"], lang)))
    ref = quote_sheetname(ws.title)
    headers = {c.name: header_text(c.aliases[0]) for c in KINDS[kind].public_columns}
    ranges = {}
    for col, rows in coded_values(kind, lang, settings).items():
        first = ws.max_row + 1
        for code, meaning, variants in rows:
            ws.append([headers[col], code, meaning, variants])
            ws.cell(ws.max_row, 2).number_format = "@"
        ranges[col] = f"{ref}!$B${first}:$B${ws.max_row}"
    _widths(ws, [22, 22, 42, 60])
    return ranges


def _as_text(value: object, ctype: str, lang: str) -> str:
    """An example value as the admin would type it (dates day first, Indonesian number marks)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if ctype == "money":
        return f"{value:,.0f}".replace(",", "." if lang != "en" else ",")
    if isinstance(value, float) and lang != "en":
        return str(value).replace(".", ",")
    return str(value)


def _help_sheet(ws: Worksheet, kind: str, lang: str) -> None:
    _style_header(ws, list(_pick(_TEXT["help_head"], lang)))
    for col in KINDS[kind].public_columns:
        example = _as_text(EXAMPLES[kind].get(col.name), col.type, lang)
        ws.append([_header(col), _pick(_TEXT["yes" if col.required else "no"], lang),
                   _pick(_TYPES[col.type], lang), _rule(kind, col, lang), example])
        if col.required:
            ws.cell(ws.max_row, 1).font = _REQUIRED_FONT
    ws.append([])
    ws.append([_pick(_TEXT["notes"], lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    spec = KINDS[kind]
    fill = {"data": sheet_name(kind), "what": _pick(_WHAT[kind], lang), "codes": _pick(_TEXT["codes"], lang),
            "key": " + ".join(header_text(c.aliases[0]) for c in spec.public_columns if c.name in spec.key),
            "file": template_names()[kind],
            "needs": ", ".join(_pick(KIND_LABELS[k], lang) for k in _NEEDS.get(kind, ()))}
    shown = {"all": True, "needs": kind in _NEEDS, "nip": "nip" in spec.public_names,
             "date": any(c.type in ("date", "timestamp") for c in spec.public_columns)}
    notes = [_pick(text, lang).format(**fill) for when, text in _NOTES if shown[when]]
    for n, note in enumerate(notes, start=1):
        ws.append([f"{n}. {note}"])
    for row in ws.iter_rows(min_row=2, max_col=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 4)
    _widths(ws, [24, 9, 16, 70, 26])


def template_xlsx(kind: str, lang: str = "id", settings: Settings | None = None) -> bytes:
    """An XLSX import template for one kind: data sheet with an example row, codes sheet, instructions sheet."""
    resolved = resolve_kind(kind)
    if resolved is None:
        raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    kind = resolved
    book = Workbook()
    data = book.active
    data.title = sheet_name(kind)
    codes = book.create_sheet(_pick(_TEXT["codes"], lang))
    help_ = book.create_sheet(_pick(_TEXT["help"], lang))
    _data_sheet(data, kind, lang, _codes_sheet(codes, kind, lang, settings))
    _help_sheet(help_, kind, lang)
    book.properties.title = f"Templat impor {sheet_name(kind)}" if lang != "en" else f"Import template {kind}"
    book.properties.creator = "SDM ASN Analytics — BKPSDM Kota Serang"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
