"""The data contract (DATA_CONTRACT.md) as data: kinds, columns, codes, aliases.

Everything that names a table, a column or an allowed code reads it from here,
so a new export shape or code variant is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rules

__all__ = [
    "Column",
    "Kind",
    "KINDS",
    "KIND_ORDER",
    "CODES",
    "SURVEY_KINDS",
    "OUTCOME_STATUSES",
    "AGE_BANDS",
]


@dataclass(frozen=True)
class Column:
    """One column of a kind: canonical name, type, and accepted header aliases."""

    name: str
    type: str  # text | code | date | timestamp | number | integer | money
    aliases: tuple[str, ...] = ()
    required: bool = False
    internal: bool = False  # kept by the store and derived on import, never read from a file


@dataclass(frozen=True)
class Kind:
    """One table of the store and one kind of import file."""

    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    file_names: tuple[str, ...] = ()  # Indonesian file names that imply the kind

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every stored column, internal ones included."""
        return tuple(c.name for c in self.columns)

    @property
    def public_columns(self) -> tuple[Column, ...]:
        """The columns a file may hold (the contract's), without the store's internal ones."""
        return tuple(c for c in self.columns if not c.internal)

    @property
    def public_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.public_columns)


def _c(name: str, type_: str, *aliases: str, required: bool = False, internal: bool = False) -> Column:
    return Column(name, type_, tuple(aliases), required, internal)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "units",
            ("opd_code",),
            (
                # SIMPEG/SIASN unit (unor) exports: KODE_UNOR / NAMA_UNOR, KODE_UNOR_INDUK
                _c("opd_code", "text", "kode_opd", "kode_unor", "kode_unit_kerja", "kode_satker", required=True),
                _c("opd_name", "text", "nama_opd", "nama_unor", "namaunor", "nama_unit_kerja", "unit_kerja",
                   "nama_satker", required=True),
                _c("opd_type", "code", "jenis_opd"),
                _c("kecamatan", "text", "kecamatan"),
                _c("area", "code", "wilayah"),
                _c("parent_code", "text", "kode_induk", "kode_opd_induk", "unor_induk", "kode_unor_induk",
                   "id_unor_induk", "kode_unit_induk", "induk_unor", "unor_atasan", "kode_unor_atasan"),
            ),
            ("unit_kerja", "opd", "unit"),
        ),
        Kind(
            "employees",
            ("nip",),
            (
                _c("nip", "text", "nip", "nip_baru", required=True),
                _c("name", "text", "nama", "nama_lengkap", "nama_pegawai", required=True),
                _c("gender", "code", "jenis_kelamin", "jk"),
                _c("birth_date", "date", "tanggal_lahir", "tgl_lahir"),
                _c("employment_type", "code", "status_kepegawaian", "status_pegawai", "jenis_pegawai"),
                _c("rank_group", "code", "golongan", "gol", "gol_ruang", "nama_golongan"),
                _c("position_type", "code", "jenis_jabatan", "tipe_jabatan", "jab_type"),
                _c("position_name", "text", "nama_jabatan", "jabatan", "nomenklatur_jabatan"),
                _c("education", "code", "pendidikan", "jenjang_pendidikan", "tingkat_pendidikan"),
                _c("opd_code", "text", "kode_opd", "kode_unor", "kode_satker", "kode_unit_kerja", required=True),
                _c("hire_date", "date", "tmt", "tmt_cpns", "tmt_pppk", required=True),
                _c("exit_date", "date", "tanggal_keluar"),
                # the direct supervisor (atasan langsung), as SIASN/SIMPEG exports name it: the L3 supervisor link
                _c("supervisor_nip", "text", "nip_atasan", "nipatasan", "atasan_nip", "nip_atasan_langsung",
                   "atasan_langsung_nip"),
            ),
            ("pegawai", "asn"),
        ),
        Kind(
            "programs",
            ("program_code",),
            (
                _c("program_code", "text", "kode_program", required=True),
                _c("title", "text", "nama_program", required=True),
                _c("category", "code", "kategori"),
                _c("topic", "code", "topik"),
                _c("mode", "code", "metode"),
                _c("organizer", "text", "penyelenggara"),
                _c("jp", "number", "jp", required=True),
                _c("start_date", "date", "tanggal_mulai", required=True),
                _c("end_date", "date", "tanggal_selesai", required=True),
                _c("capacity", "integer", "kuota"),
                _c("cost_per_participant", "money", "biaya_per_peserta"),
            ),
            ("program", "pelatihan"),
        ),
        Kind(
            "participations",
            ("program_code", "nip"),
            (
                _c("program_code", "text", "kode_program", required=True),
                _c("nip", "text", "nip", required=True),
                _c("status", "code", "status", required=True),
                _c("attendance_pct", "number", "persen_kehadiran"),
                _c("pre_test", "number", "nilai_pre_test"),
                _c("post_test", "number", "nilai_post_test"),
                _c("jp_earned", "number", "jp_diperoleh"),
            ),
            ("peserta", "partisipasi", "kehadiran"),
        ),
        Kind(
            "survey_items",
            ("item_code",),
            (
                _c("item_code", "text", "kode_butir", required=True),
                _c("survey_kind", "code", "jenis_survei", required=True),
                _c("dimension", "text", "dimensi"),
                _c("text_id", "text", "pertanyaan"),
                _c("text_en", "text", "question"),
                _c("scale_min", "integer", "skala_min"),
                _c("scale_max", "integer", "skala_maks"),
            ),
            ("butir_survei", "kuesioner"),
        ),
        Kind(
            "survey_responses",
            # a choice item's answer is one row per chosen option: the option is part of the key
            ("response_id", "item_code", "choice"),
            (
                _c("response_id", "text", "id_respon", required=True),
                _c("item_code", "text", "kode_butir", required=True),
                _c("nip", "text", "nip"),
                _c("program_code", "text", "kode_program"),
                _c("respondent_role", "code", "peran_responden"),
                _c("submitted_at", "timestamp", "waktu_isi", required=True),
                _c("value", "number", "nilai"),
                _c("answer_text", "text", "jawaban"),
                _c("choice", "text", internal=True),
                # the respondent's unit kerja, written by a survey campaign (campaigns.py); empty on import
                _c("unit_code", "text", internal=True),
            ),
            ("respon_survei", "jawaban_survei", "survei"),
        ),
        Kind(
            "performance",
            ("nip", "year"),
            (
                _c("nip", "text", "nip", required=True),
                _c("year", "integer", "tahun", required=True),
                _c("rating", "code", "predikat", required=True),
            ),
            ("kinerja", "skp"),
        ),
        Kind(
            "targets",
            ("indicator", "year", "opd_code"),
            (
                _c("indicator", "code", "indikator", required=True),
                _c("year", "integer", "tahun", required=True),
                _c("opd_code", "text", "kode_opd"),
                _c("target", "number", "target", required=True),
            ),
            ("target",),
        ),
        Kind(
            # one certificate of a person's training history (SIASN riwayat diklat / kursus, SIMPEG): stored as is,
            # and written on as a programme and a completed participation (sdm_analytics/history.py)
            "history",
            ("nip", "record_key"),
            (
                _c("nip", "text", "nip", "nip_baru", "nipbaru", required=True),
                _c("title", "text", "nama_diklat", "nama_kursus", "nama_pelatihan", "namakursus",
                   "nama_diklat_kursus", required=True),
                _c("category", "code", "jenis_diklat", "jenis_kursus", "jenis_pengembangan", "jenis_kompetensi",
                   "jeniskompetensi"),
                _c("organizer", "text", "institusi_penyelenggara", "penyelenggara", "institusipenyelenggara"),
                _c("start_date", "date", "tanggal_mulai", "tgl_mulai", "tanggal_kursus", "tanggalkursus"),
                _c("end_date", "date", "tanggal_selesai", "tgl_selesai", "tanggalselesai"),
                _c("year", "integer", "tahun", "tahun_kursus", "tahunkursus"),
                _c("jp", "number", "jumlah_jam", "jumlahjam", "jp", "jam_pelajaran", required=True),
                _c("certificate_no", "text", "nomor_sertifikat", "no_sertifikat", "nomor", "nosertipikat"),
                _c("mode", "code", "metode"),
                _c("topic", "code", "topik"),
                # the key's second half: the certificate number's compact key, else the title's and the end date
                _c("record_key", "text", internal=True),
                # true when the file gave only the year: end_date is then 31 December of that year
                _c("end_estimated", "boolean", internal=True),
                # the programme the certificate was written on (matched or generated on commit)
                _c("program_code", "text", internal=True),
            ),
            ("riwayat_diklat", "riwayat_kursus", "riwayat_pelatihan", "riwayat"),
        ),
    )
}

# Dependency order: a kind is loaded after every kind it references.
KIND_ORDER: tuple[str, ...] = (
    "units",
    "employees",
    "programs",
    "participations",
    "survey_items",
    "survey_responses",
    "performance",
    "targets",
    "history",  # after programs and participations: a certificate reuses the programmes they hold
)

CODES: dict[str, tuple[str, ...]] = {
    "opd_type": (
        "sekretariat", "inspektorat", "dinas", "badan", "satpol_pp", "rsud",
        "kecamatan", "kelurahan", "lainnya",
    ),
    "area": ("urban", "rural", "remote"),
    "gender": ("L", "P"),
    "employment_type": ("PNS", "PPPK"),
    "position_type": ("jpt", "administrator", "pengawas", "fungsional", "pelaksana"),
    "education": ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"),
    "category": (
        "latsar", "orientasi", "kepemimpinan", "manajerial", "teknis", "fungsional",
        "sosial_kultural", "seminar", "kursus", "magang", "coaching_mentoring", "e_learning",
        "belajar_mandiri", "lainnya",
    ),
    "mode": ("luring", "daring", "blended"),
    "status": ("registered", "completed", "failed", "dropped", "no_show"),
    "survey_kind": ("needs", "reaction", "application", "driver", "readiness"),
    "respondent_role": ("self", "supervisor", "peer"),
    "rating": ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"),
    "topic": (
        "digitalisasi", "pelayanan_publik", "kesehatan", "pendidikan",
        "keuangan_daerah", "kepemimpinan", "perencanaan", "pengadaan",
        "kearsipan", "bahasa_asing", "integritas", "manajemen_kinerja",
    ),
}

PNS_RANKS: tuple[str, ...] = tuple(f"{g}/{r}" for g in ("I", "II", "III", "IV") for r in "abcd") + ("IV/e",)
PPPK_RANKS: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)

SURVEY_KINDS = CODES["survey_kind"]
OUTCOME_STATUSES: tuple[str, ...] = ("completed", "failed", "dropped", "no_show")
AGE_BANDS = rules.AGE_BANDS  # one definition, in rules

# -- import helpers (ingest): code variants, survey exports -------------------
# Variants are matched on a compact key: lower case, letters and digits only
# ("Laki-laki" -> "lakilaki", "D-III" -> "diii", "Strata 1" -> "strata1"), so
# each spelling family is listed once. Canonical codes match themselves.
CODE_ALIASES: dict[str, dict[str, str]] = {
    "gender": {
        "M": "L", "male": "L", "laki-laki": "L", "laki laki": "L", "pria": "L", "lk": "L",
        "F": "P", "female": "P", "perempuan": "P", "wanita": "P", "pr": "P", "W": "P",
    },
    "employment_type": {
        "CPNS": "PNS", "pegawai negeri sipil": "PNS", "calon pegawai negeri sipil": "PNS",
        "P3K": "PPPK", "pegawai pemerintah dengan perjanjian kerja": "PPPK",
    },
    "position_type": {
        "JPT Pratama": "jpt", "JPT Madya": "jpt", "jabatan pimpinan tinggi": "jpt", "eselon II": "jpt",
        "jabatan administrator": "administrator", "eselon III": "administrator",
        "jabatan pengawas": "pengawas", "eselon IV": "pengawas",
        "jabatan fungsional": "fungsional", "JFT": "fungsional", "fungsional tertentu": "fungsional",
        "jabatan pelaksana": "pelaksana", "JFU": "pelaksana", "fungsional umum": "pelaksana", "staf": "pelaksana",
    },
    "education": {
        "SLTP": "SMP", "MTs": "SMP", "SLTA": "SMA", "SMK": "SMA", "SMU": "SMA", "MA": "SMA", "STM": "SMA",
        "D-I": "D1", "D I": "D1", "Diploma I": "D1", "Diploma 1": "D1",
        "D-II": "D2", "D II": "D2", "Diploma II": "D2", "Diploma 2": "D2",
        "D-III": "D3", "D III": "D3", "Diploma III": "D3", "Diploma 3": "D3",
        "D-IV": "D4", "D IV": "D4", "Diploma IV": "D4", "Diploma 4": "D4",
        "S-1": "S1", "Strata 1": "S1", "Strata I": "S1", "Sarjana": "S1",
        "S-2": "S2", "Strata 2": "S2", "Strata II": "S2", "Magister": "S2",
        "S-3": "S3", "Strata 3": "S3", "Strata III": "S3", "Doktor": "S3",
    },
    "status": {
        "terdaftar": "registered", "daftar": "registered",
        "lulus": "completed", "selesai": "completed", "tamat": "completed",
        "tidak lulus": "failed", "gagal": "failed",
        "mengundurkan diri": "dropped", "mundur": "dropped", "keluar": "dropped",
        "tidak hadir": "no_show", "absen": "no_show", "no show": "no_show",
    },
    "mode": {
        "klasikal": "luring", "tatap muka": "luring", "offline": "luring", "in person": "luring",
        "online": "daring", "e-learning": "daring", "elearning": "daring", "virtual": "daring",
        "campuran": "blended", "kombinasi": "blended", "hybrid": "blended", "hibrida": "blended",
    },
    "area": {
        "perkotaan": "urban", "kota": "urban", "pusat kota": "urban",
        "perdesaan": "rural", "pedesaan": "rural", "desa": "rural",
        "terpencil": "remote",
    },
    "opd_type": {
        "setda": "sekretariat", "sekretariat daerah": "sekretariat", "setwan": "sekretariat",
        "sekretariat dprd": "sekretariat", "satpol pp": "satpol_pp", "rumah sakit": "rsud",
    },
    "respondent_role": {
        "diri sendiri": "self", "sendiri": "self", "peserta": "self", "alumni": "self",
        "atasan": "supervisor", "atasan langsung": "supervisor",
        "rekan": "peer", "rekan kerja": "peer", "sejawat": "peer",
    },
    "survey_kind": {
        "kebutuhan": "needs", "analisis kebutuhan": "needs", "aspirasi": "needs",
        "reaksi": "reaction", "evaluasi reaksi": "reaction", "level 1": "reaction",
        "penerapan": "application", "evaluasi pasca pelatihan": "application", "level 3": "application",
        "kesiapan": "readiness", "kesiapan berubah": "readiness",
        "faktor pendukung": "driver", "faktor pendukung penerapan": "driver", "pendukung penerapan": "driver",
        "dukungan penerapan": "driver", "drivers": "driver",
    },
    "category": {
        "pelatihan dasar": "latsar", "latsar cpns": "latsar", "prajabatan": "latsar", "diklat prajabatan": "latsar",
        "orientasi pppk": "orientasi", "orientasi tugas": "orientasi", "pembekalan pppk": "orientasi",
        "pkp": "kepemimpinan", "pka": "kepemimpinan", "pkn": "kepemimpinan", "struktural": "kepemimpinan",
        "diklat struktural": "kepemimpinan", "diklatpim": "kepemimpinan", "diklat kepemimpinan": "kepemimpinan",
        "sosial kultural": "sosial_kultural",
        "coaching": "coaching_mentoring", "mentoring": "coaching_mentoring", "webinar": "seminar",
        "workshop": "seminar", "lokakarya": "seminar", "konferensi": "seminar", "sarasehan": "seminar",
        "bimtek": "teknis", "bimbingan teknis": "teknis", "diklat teknis": "teknis",
        "diklat fungsional": "fungsional", "e-learning": "e_learning", "pelatihan jarak jauh": "e_learning",
        "belajar mandiri": "belajar_mandiri", "pemagangan": "magang",
        # SIASN / SIMPEG "jenis diklat" values (others are guessed from their words, see parse.sql sdm_category)
        "pim": "kepemimpinan", "kursus/pelatihan": "kursus", "seminar/workshop/lokakarya": "seminar",
        "seminar/workshop": "seminar", "diklat prajabatan cpns": "latsar",
    },
    # topic names as forms and SIMPEG write them (a needs form's checkbox options, a programme's topic)
    "topic": {
        "digitalisasi / spbe": "digitalisasi", "spbe": "digitalisasi", "literasi digital": "digitalisasi",
        "transformasi digital": "digitalisasi", "teknologi informasi": "digitalisasi",
        "pelayanan": "pelayanan_publik", "pelayanan prima": "pelayanan_publik",
        "keuangan": "keuangan_daerah", "pengelolaan keuangan daerah": "keuangan_daerah",
        "pengadaan barang/jasa": "pengadaan", "pengadaan barang dan jasa": "pengadaan", "pbj": "pengadaan",
        "arsip": "kearsipan", "bahasa inggris": "bahasa_asing",
        "integritas & antikorupsi": "integritas", "integritas dan antikorupsi": "integritas", "antikorupsi": "integritas",
        "kinerja": "manajemen_kinerja", "skp": "manajemen_kinerja",
    },
    "rating": {
        "sangat baik": "sangat_baik", "butuh perbaikan": "butuh_perbaikan", "sangat kurang": "sangat_kurang",
    },
}

# Likert answers written as words (Google Forms labels) on a 1-5 scale.
LIKERT_LABELS: dict[str, int] = {
    "sangat tidak setuju": 1, "tidak setuju": 2, "netral": 3, "ragu-ragu": 3, "cukup setuju": 3,
    "setuju": 4, "sangat setuju": 5,
    "sangat kurang": 1, "kurang": 2, "cukup": 3, "baik": 4, "sangat baik": 5,
    "strongly disagree": 1, "disagree": 2, "neutral": 3, "agree": 4, "strongly agree": 5,
}

# Headers of a wide survey export (Google Forms, spreadsheets) that are not
# questions: canonical survey_responses column -> accepted headers.
SURVEY_EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "submitted_at": ("timestamp", "cap_waktu", "stempel_waktu", "waktu", "waktu_isi", "submitted_at",
                     "tanggal_isi", "tanggal_pengisian"),
    "nip": ("nip", "nip_peserta", "nip_alumni", "nip_pegawai", "nip_baru"),
    "program_code": ("program_code", "kode_program", "kode_pelatihan"),
    "respondent_role": ("respondent_role", "peran_responden", "peran"),
}

__all__ += ["CODE_ALIASES", "LIKERT_LABELS", "SURVEY_EXPORT_COLUMNS"]
