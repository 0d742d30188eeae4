"""Reference data of Kota Serang used by the demo generator (editable, no logic).

Offices (OPD) and kecamatan follow DOMAIN.md; head counts are the 2022-01-01
stock at city scale, before the 2022-2025 intakes and exits. Training culture
(`drive`) is the story knob that makes OPDs differ in 20 JP compliance.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Office", "Kecamatan", "Family", "ProgramTemplate",
    "KECAMATAN", "OFFICES", "FAMILIES", "PELAKSANA", "PENGAWAS_GENERIC", "SEKSI_SUFFIX",
    "HIRE_COHORTS", "HIRE_HEALTH", "HIRE_TECHNICAL", "TEMPLATES", "TITLE_SINCE", "FREE_ORGANIZERS", "RETIREMENT_AGE",
    "EDUCATION_MIX", "PNS_START_RANK", "PPPK_GRADE", "PELAKSANA_RANK_CAP", "STRUCTURAL_RANKS", "STRUCTURAL_AGE", "ORGANIZERS", "SURVEY_ITEMS", "NEEDS_TOPIC_WEIGHTS",
    "CITY_TARGETS", "OPD_JP20_TARGETS", "SCALES",
]


@dataclass(frozen=True)
class Kecamatan:
    name: str
    key: str  # code suffix, e.g. KEL_<key>
    area: str
    kelurahan: int  # number of kelurahan (BPS)
    teachers: int  # PNS teachers in post on 2022-01-01 (schools of the kecamatan)
    puskesmas: int


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    opd_type: str
    kecamatan: str
    staff: int  # ASN on 2022-01-01
    heads: tuple[str, ...]  # JPT posts
    admins: tuple[str, ...]  # administrator posts
    pengawas: int
    functional: tuple[tuple[str, float], ...] = ()  # (family, share of staff)
    drive: float = 1.0  # how keenly the office sends staff to training


@dataclass(frozen=True)
class Family:
    """A functional-position family: which ladders it has and who holds it."""

    ladder: str  # ahli | terampil | both
    ahli_share: float = 1.0  # for "both": share on the ahli ladder
    female: float = 0.5
    profile: str = "umum"  # guru | kesehatan | umum: which trainings it is offered
    low_edu: float = 0.0  # terampil holders with only SMA (inpassing)


KECAMATAN: tuple[Kecamatan, ...] = (
    Kecamatan("Serang", "SERANG", "urban", 12, 370, 4),
    Kecamatan("Cipocok Jaya", "CIPOCOK", "urban", 8, 200, 2),
    Kecamatan("Kasemen", "KASEMEN", "rural", 10, 235, 3),
    Kecamatan("Walantaka", "WALANTAKA", "rural", 14, 220, 3),
    Kecamatan("Curug", "CURUG", "rural", 10, 155, 2),
    Kecamatan("Taktakan", "TAKTAKAN", "rural", 12, 210, 2),
)

_DINAS_ADMIN = ("Sekretaris Dinas",)
_BADAN_ADMIN = ("Sekretaris Badan",)


def _o(code, name, type_, kec, staff, head, admins, pengawas, functional=(), drive=1.0):
    heads = (head,) if isinstance(head, str) else head
    return Office(code, name, type_, kec, staff, heads, admins, pengawas, functional, drive)


OFFICES: tuple[Office, ...] = (
    _o("SETDA", "Sekretariat Daerah", "sekretariat", "Serang", 215,
       ("Sekretaris Daerah", "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        "Asisten Perekonomian dan Pembangunan", "Asisten Administrasi Umum",
        "Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik"),
       ("Kepala Bagian Pemerintahan", "Kepala Bagian Hukum", "Kepala Bagian Organisasi",
        "Kepala Bagian Perekonomian dan Sumber Daya Alam", "Kepala Bagian Pengadaan Barang dan Jasa",
        "Kepala Bagian Kesejahteraan Rakyat", "Kepala Bagian Umum",
        "Kepala Bagian Protokol dan Komunikasi Pimpinan", "Kepala Bagian Administrasi Pembangunan"),
       14, (("Analis Kebijakan", .08), ("Analis Hukum", .04), ("Perancang Peraturan Perundang-undangan", .03),
            ("Pengelola Pengadaan Barang/Jasa", .05), ("Arsiparis", .02)), 1.1),
    _o("SETWAN", "Sekretariat DPRD", "sekretariat", "Serang", 69, "Sekretaris DPRD",
       ("Kepala Bagian Umum dan Keuangan", "Kepala Bagian Persidangan dan Perundang-undangan",
        "Kepala Bagian Fasilitasi Penganggaran dan Pengawasan"),
       6, (("Analis Kebijakan", .08), ("Analis Hukum", .04), ("Pranata Hubungan Masyarakat", .05)), 0.9),
    _o("INSPEKTORAT", "Inspektorat", "inspektorat", "Serang", 63, "Inspektur",
       ("Sekretaris Inspektorat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
        "Inspektur Pembantu Wilayah III"),
       3, (("Auditor", .35), ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", .2)), 1.6),
    _o("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", "Serang", 57,
       "Kepala Badan Perencanaan Pembangunan Daerah",
       _BADAN_ADMIN + ("Kepala Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                       "Kepala Bidang Perekonomian dan Infrastruktur", "Kepala Bidang Penelitian dan Pengembangan"),
       5, (("Perencana", .3), ("Analis Kebijakan", .05), ("Statistisi", .03)), 1.4),
    _o("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", "Serang", 88,
       "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
       _BADAN_ADMIN + ("Kepala Bidang Anggaran", "Kepala Bidang Perbendaharaan", "Kepala Bidang Akuntansi",
                       "Kepala Bidang Aset"),
       8, (("Analis Keuangan Pusat dan Daerah", .15), ("Pengelola Pengadaan Barang/Jasa", .03)), 1.2),
    _o("BAPENDA", "Badan Pendapatan Daerah", "badan", "Serang", 95, "Kepala Badan Pendapatan Daerah",
       _BADAN_ADMIN + ("Kepala Bidang Pendataan dan Penetapan", "Kepala Bidang Penagihan",
                       "Kepala Bidang Pajak Bumi dan Bangunan"),
       8, (("Analis Keuangan Pusat dan Daerah", .08),), 0.9),
    _o("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "Serang", 63,
       "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
       _BADAN_ADMIN + ("Kepala Bidang Pengadaan, Pemberhentian dan Informasi",
                       "Kepala Bidang Mutasi dan Promosi", "Kepala Bidang Pengembangan Kompetensi Aparatur"),
       5, (("Analis SDM Aparatur", .2), ("Pranata SDM Aparatur", .15), ("Asesor SDM Aparatur", .04)), 1.9),
    _o("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "Serang", 44,
       "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
       _BADAN_ADMIN + ("Kepala Bidang Kedaruratan dan Logistik", "Kepala Bidang Pencegahan dan Kesiapsiagaan"),
       4, (("Analis Kebijakan", .05),), 0.8),
    _o("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", "Serang", 35,
       "Kepala Badan Kesatuan Bangsa dan Politik",
       _BADAN_ADMIN + ("Kepala Bidang Ideologi dan Wawasan Kebangsaan", "Kepala Bidang Politik Dalam Negeri"),
       3, (("Analis Kebijakan", .1),), 0.9),
    _o("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", "Cipocok Jaya", 139,
       "Kepala Dinas Pendidikan dan Kebudayaan",
       _DINAS_ADMIN + ("Kepala Bidang Pembinaan Sekolah Dasar", "Kepala Bidang Pembinaan Sekolah Menengah Pertama",
                       "Kepala Bidang Guru dan Tenaga Kependidikan", "Kepala Bidang Kebudayaan"),
       7, (("Pengawas Sekolah", .35), ("Penilik", .08), ("Pamong Belajar", .05)), 1.1),
    _o("DINKES", "Dinas Kesehatan", "dinas", "Serang", 101, "Kepala Dinas Kesehatan",
       _DINAS_ADMIN + ("Kepala Bidang Kesehatan Masyarakat", "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
                       "Kepala Bidang Pelayanan dan Sumber Daya Kesehatan"),
       6, (("Epidemiolog Kesehatan", .08), ("Administrator Kesehatan", .1), ("Penyuluh Kesehatan Masyarakat", .08),
           ("Tenaga Sanitasi Lingkungan", .05), ("Apoteker", .05), ("Nutrisionis", .05)), 1.5),
    _o("RSUD", "RSUD Kota Serang", "rsud", "Serang", 455, "Direktur RSUD Kota Serang",
       ("Kepala Bagian Tata Usaha", "Kepala Bidang Pelayanan Medik", "Kepala Bidang Keperawatan",
        "Kepala Bidang Penunjang"),
       9, (("Dokter", .06), ("Dokter Spesialis", .06), ("Dokter Gigi", .01), ("Perawat", .25), ("Bidan", .06),
           ("Apoteker", .02), ("Asisten Apoteker", .03), ("Pranata Laboratorium Kesehatan", .04),
           ("Radiografer", .02), ("Perekam Medis", .03), ("Fisioterapis", .01), ("Nutrisionis", .02)), 1.2),
    _o("DINSOS", "Dinas Sosial", "dinas", "Serang", 63, "Kepala Dinas Sosial",
       _DINAS_ADMIN + ("Kepala Bidang Rehabilitasi Sosial", "Kepala Bidang Perlindungan dan Jaminan Sosial"),
       5, (("Pekerja Sosial", .15), ("Penyuluh Sosial", .08)), 1.0),
    _o("DP3AKB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", "dinas", "Serang", 57,
       "Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana",
       _DINAS_ADMIN + ("Kepala Bidang Perlindungan Perempuan dan Anak", "Kepala Bidang Keluarga Berencana"),
       4, (("Penyuluh Keluarga Berencana", .3),), 1.0),
    _o("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "Serang", 69,
       "Kepala Dinas Kependudukan dan Pencatatan Sipil",
       _DINAS_ADMIN + ("Kepala Bidang Pelayanan Pendaftaran Penduduk", "Kepala Bidang Pelayanan Pencatatan Sipil",
                       "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan"),
       5, (("Administrator Database Kependudukan", .15),), 1.0),
    _o("DLH", "Dinas Lingkungan Hidup", "dinas", "Serang", 101, "Kepala Dinas Lingkungan Hidup",
       _DINAS_ADMIN + ("Kepala Bidang Pengelolaan Sampah", "Kepala Bidang Penataan dan Penaatan Lingkungan"),
       6, (("Pengendali Dampak Lingkungan", .1), ("Pengawas Lingkungan Hidup", .05)), 0.5),
    _o("DISHUB", "Dinas Perhubungan", "dinas", "Serang", 82, "Kepala Dinas Perhubungan",
       _DINAS_ADMIN + ("Kepala Bidang Lalu Lintas", "Kepala Bidang Angkutan"),
       5, (("Penguji Kendaraan Bermotor", .15),), 0.55),
    _o("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "Serang", 108,
       "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
       _DINAS_ADMIN + ("Kepala Bidang Bina Marga", "Kepala Bidang Sumber Daya Air", "Kepala Bidang Penataan Ruang"),
       7, (("Teknik Jalan dan Jembatan", .12), ("Penata Ruang", .05), ("Teknik Pengairan", .05)), 0.65),
    _o("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", "Serang", 69,
       "Kepala Dinas Perumahan dan Kawasan Permukiman",
       _DINAS_ADMIN + ("Kepala Bidang Perumahan", "Kepala Bidang Kawasan Permukiman"),
       5, (("Teknik Tata Bangunan dan Perumahan", .12),), 0.7),
    _o("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "dinas", "Serang", 53,
       "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
       _DINAS_ADMIN + ("Kepala Bidang Aplikasi Informatika", "Kepala Bidang Informasi dan Komunikasi Publik"),
       4, (("Pranata Komputer", .25), ("Pranata Hubungan Masyarakat", .12), ("Statistisi", .06),
           ("Sandiman", .04)), 1.5),
    _o("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "Serang", 53,
       "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
       _DINAS_ADMIN + ("Kepala Bidang Pelayanan Perizinan", "Kepala Bidang Penanaman Modal"),
       4, (("Analis Kebijakan", .06),), 1.1),
    _o("DISNAKER", "Dinas Tenaga Kerja", "dinas", "Serang", 41, "Kepala Dinas Tenaga Kerja",
       _DINAS_ADMIN + ("Kepala Bidang Penempatan dan Pelatihan Kerja", "Kepala Bidang Hubungan Industrial"),
       3, (("Pengantar Kerja", .15), ("Mediator Hubungan Industrial", .1)), 0.9),
    _o("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "dinas", "Serang", 53,
       "Kepala Dinas Perindustrian dan Perdagangan",
       _DINAS_ADMIN + ("Kepala Bidang Perdagangan", "Kepala Bidang Perindustrian"),
       4, (("Penera", .1), ("Pengawas Perdagangan", .05)), 0.85),
    _o("DISKOPUKM", "Dinas Koperasi dan Usaha Mikro, Kecil dan Menengah", "dinas", "Serang", 41,
       "Kepala Dinas Koperasi dan Usaha Mikro, Kecil dan Menengah",
       _DINAS_ADMIN + ("Kepala Bidang Koperasi", "Kepala Bidang Usaha Mikro"),
       3, (("Pengawas Koperasi", .12),), 0.9),
    _o("DISTAN", "Dinas Pertanian", "dinas", "Cipocok Jaya", 76, "Kepala Dinas Pertanian",
       _DINAS_ADMIN + ("Kepala Bidang Tanaman Pangan dan Hortikultura", "Kepala Bidang Peternakan"),
       4, (("Penyuluh Pertanian", .45), ("Paramedik Veteriner", .05), ("Medik Veteriner", .03)), 0.75),
    _o("DKP", "Dinas Ketahanan Pangan", "dinas", "Cipocok Jaya", 41, "Kepala Dinas Ketahanan Pangan",
       _DINAS_ADMIN + ("Kepala Bidang Ketersediaan dan Distribusi Pangan", "Kepala Bidang Konsumsi dan Keamanan Pangan"),
       3, (("Analis Ketahanan Pangan", .15),), 0.9),
    _o("DISPORA", "Dinas Pemuda dan Olahraga", "dinas", "Serang", 41, "Kepala Dinas Pemuda dan Olahraga",
       _DINAS_ADMIN + ("Kepala Bidang Kepemudaan", "Kepala Bidang Keolahragaan"),
       3, (("Analis Kebijakan", .05),), 0.7),
    _o("DISPAR", "Dinas Pariwisata", "dinas", "Serang", 41, "Kepala Dinas Pariwisata",
       _DINAS_ADMIN + ("Kepala Bidang Destinasi Pariwisata", "Kepala Bidang Ekonomi Kreatif"),
       3, (("Adyatama Kepariwisataan dan Ekonomi Kreatif", .12),), 1.0),
    _o("DISPUSIP", "Dinas Perpustakaan dan Arsip", "dinas", "Serang", 44, "Kepala Dinas Perpustakaan dan Arsip",
       _DINAS_ADMIN + ("Kepala Bidang Perpustakaan", "Kepala Bidang Kearsipan"),
       3, (("Pustakawan", .25), ("Arsiparis", .2)), 1.0),
    _o("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol_pp", "Serang", 145,
       "Kepala Satuan Polisi Pamong Praja",
       ("Sekretaris Satuan", "Kepala Bidang Penegakan Peraturan Daerah",
        "Kepala Bidang Ketenteraman dan Ketertiban Umum", "Kepala Bidang Perlindungan Masyarakat"),
       6, (("Polisi Pamong Praja", .6),), 0.45),
    _o("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan", "dinas", "Serang", 82,
       "Kepala Dinas Pemadam Kebakaran dan Penyelamatan",
       _DINAS_ADMIN + ("Kepala Bidang Pemadaman dan Penyelamatan", "Kepala Bidang Pencegahan Kebakaran"),
       4, (("Pemadam Kebakaran", .55), ("Analis Kebakaran", .08)), 0.45),
)

_H = dict(profile="kesehatan")
FAMILIES: dict[str, Family] = {
    "Guru": Family("ahli", female=.68, profile="guru"),
    "Pengawas Sekolah": Family("ahli", female=.45, profile="guru"),
    "Penilik": Family("ahli", female=.45, profile="guru"),
    "Pamong Belajar": Family("ahli", female=.55, profile="guru"),
    "Dokter": Family("ahli", female=.6, **_H),
    "Dokter Spesialis": Family("ahli", female=.45, **_H),
    "Dokter Gigi": Family("ahli", female=.75, **_H),
    "Perawat": Family("both", .4, female=.72, **_H),
    "Bidan": Family("both", .3, female=1.0, **_H),
    "Apoteker": Family("ahli", female=.75, **_H),
    "Asisten Apoteker": Family("terampil", female=.8, **_H),
    "Pranata Laboratorium Kesehatan": Family("both", .3, female=.7, **_H),
    "Radiografer": Family("terampil", female=.4, **_H),
    "Perekam Medis": Family("terampil", female=.65, **_H),
    "Fisioterapis": Family("terampil", female=.6, **_H),
    "Nutrisionis": Family("both", .4, female=.85, **_H),
    "Tenaga Sanitasi Lingkungan": Family("both", .4, female=.6, **_H),
    "Penyuluh Kesehatan Masyarakat": Family("ahli", female=.7, **_H),
    "Epidemiolog Kesehatan": Family("ahli", female=.6, **_H),
    "Administrator Kesehatan": Family("ahli", female=.6, **_H),
    "Analis Kebijakan": Family("ahli", female=.45),
    "Analis Hukum": Family("ahli", female=.5),
    "Perancang Peraturan Perundang-undangan": Family("ahli", female=.5),
    "Pengelola Pengadaan Barang/Jasa": Family("ahli", female=.35),
    "Arsiparis": Family("both", .5, female=.6),
    "Pustakawan": Family("both", .5, female=.65),
    "Pranata Hubungan Masyarakat": Family("both", .6, female=.5),
    "Auditor": Family("both", .8, female=.5),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": Family("ahli", female=.45),
    "Perencana": Family("ahli", female=.5),
    "Statistisi": Family("both", .6, female=.5),
    "Analis Keuangan Pusat dan Daerah": Family("ahli", female=.55),
    "Analis SDM Aparatur": Family("ahli", female=.55),
    "Pranata SDM Aparatur": Family("terampil", female=.55),
    "Asesor SDM Aparatur": Family("ahli", female=.5),
    "Pekerja Sosial": Family("both", .6, female=.55),
    "Penyuluh Sosial": Family("ahli", female=.5),
    "Penyuluh Keluarga Berencana": Family("ahli", female=.65),
    "Administrator Database Kependudukan": Family("both", .5, female=.5),
    "Pengendali Dampak Lingkungan": Family("ahli", female=.4),
    "Pengawas Lingkungan Hidup": Family("ahli", female=.35),
    "Penguji Kendaraan Bermotor": Family("both", .3, female=.1, low_edu=.3),
    "Teknik Jalan dan Jembatan": Family("both", .6, female=.15),
    "Penata Ruang": Family("ahli", female=.35),
    "Teknik Pengairan": Family("both", .6, female=.15),
    "Teknik Tata Bangunan dan Perumahan": Family("both", .6, female=.2),
    "Pranata Komputer": Family("both", .6, female=.35),
    "Sandiman": Family("both", .5, female=.3),
    "Pengantar Kerja": Family("ahli", female=.5),
    "Mediator Hubungan Industrial": Family("ahli", female=.4),
    "Penera": Family("both", .4, female=.25),
    "Pengawas Perdagangan": Family("ahli", female=.45),
    "Pengawas Koperasi": Family("ahli", female=.5),
    "Penyuluh Pertanian": Family("both", .55, female=.3),
    "Paramedik Veteriner": Family("terampil", female=.35),
    "Medik Veteriner": Family("ahli", female=.5),
    "Analis Ketahanan Pangan": Family("ahli", female=.55),
    "Adyatama Kepariwisataan dan Ekonomi Kreatif": Family("ahli", female=.55),
    "Polisi Pamong Praja": Family("both", .2, female=.15, low_edu=.45),
    "Pemadam Kebakaran": Family("terampil", female=.03, low_edu=.55),
    "Analis Kebakaran": Family("ahli", female=.15),
}

# Sub-unit structures per kecamatan: (code prefix, name pattern, opd_type, staff per unit or per kelurahan).
PKM_FUNCTIONAL = (("Dokter", .06), ("Dokter Gigi", .02), ("Perawat", .2), ("Bidan", .19),
                  ("Pranata Laboratorium Kesehatan", .04), ("Asisten Apoteker", .03), ("Apoteker", .02),
                  ("Nutrisionis", .03), ("Tenaga Sanitasi Lingkungan", .03), ("Penyuluh Kesehatan Masyarakat", .03),
                  ("Epidemiolog Kesehatan", .01))
PKM_STAFF_PER_PUSKESMAS = 36
KEL_STAFF_PER_KELURAHAN = 7
KEC_STAFF = 30
TEACHER_SHARE_OF_SCHOOL_UNIT = .9
KEC_PENGAWAS = ("Kepala Seksi Pemerintahan", "Kepala Seksi Ketenteraman dan Ketertiban Umum",
                "Kepala Seksi Kesejahteraan Sosial", "Kepala Seksi Pemberdayaan Masyarakat",
                "Kepala Sub Bagian Umum dan Kepegawaian")
KEL_PENGAWAS = ("Lurah", "Sekretaris Kelurahan", "Kepala Seksi Pemerintahan dan Ketenteraman")

PENGAWAS_GENERIC = ("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan dan Aset",
                    "Kepala Sub Bagian Perencanaan dan Pelaporan")
SEKSI_SUFFIX = ("Pelayanan", "Pengendalian dan Evaluasi", "Data dan Informasi", "Pembinaan dan Pengawasan",
                "Sarana dan Prasarana", "Pengembangan Kapasitas", "Program dan Kerja Sama")

# Pelaksana job names (PermenPANRB 2022 nomenclature), by education band.
PELAKSANA = {
    "low": ("Pengadministrasi Perkantoran", "Operator Layanan Operasional", "Pengelola Umum Operasional",
            "Pengadministrasi Umum", "Pengemudi"),
    "mid": ("Pengelola Layanan Operasional", "Pengolah Data dan Informasi", "Teknisi Sarana dan Prasarana",
            "Pengadministrasi Perkantoran"),
    "high": ("Penata Layanan Operasional", "Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi",
             "Penata Kelola Sistem dan Teknologi Informasi", "Analis Perencanaan"),
}

# Civil-service rules of thumb used to fill in a person (indices into contract.PNS_RANKS / PPPK_RANKS).
RETIREMENT_AGE = {  # BUP: 58, or 60 for functional and JPT posts (simplified)
    "pelaksana": 58, "administrator": 58, "pengawas": 58, "fungsional": 60, "jpt": 60}
EDUCATION_MIX = {  # education group -> (codes, probabilities)
    "guru": (("S1", "S2", "D4"), (.9, .08, .02)),
    "ahli": (("S1", "S2", "D4"), (.76, .2, .04)),
    "dokter": (("S1",), (1.0,)),
    "spesialis": (("S2",), (1.0,)),
    "terampil": (("D3", "D1", "D2"), (.9, .05, .05)),
    "pelaksana": (("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2"),
                  (.02, .05, .46, .01, .01, .12, .02, .29, .02)),
    "pengawas": (("D3", "D4", "S1", "S2"), (.03, .03, .69, .25)),
    "administrator": (("S1", "S2"), (.35, .65)),
    "jpt": (("S2", "S3"), (.88, .12)),
}
# first ruang at appointment by education (S1 -> III/a); a doctor starts one higher
PNS_START_RANK = {"SD": 0, "SMP": 2, "SMA": 4, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
# PPPK golongan by education (S1 -> IX, D3 -> VII, SMA -> V)
PPPK_GRADE = {"SD": 0, "SMP": 3, "SMA": 4, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
PELAKSANA_RANK_CAP = {"SD": 6, "SMP": 7, "SMA": 9, "D1": 9, "D2": 9, "D3": 10, "D4": 11, "S1": 11, "S2": 11, "S3": 11}
# ruang range of structural posts, and their age on 2022-01-01 (mean, sd, minimum)
STRUCTURAL_RANKS = {"jpt": (13, 15), "administrator": (11, 13), "pengawas": (9, 12)}
STRUCTURAL_AGE = {"jpt": (52, 3.5, 44), "administrator": (50, 4.5, 38), "pengawas": (46, 6.5, 32)}
HIRE_HEALTH = {"Perawat": .45, "Bidan": .28, "Dokter": .12, "Apoteker": .05, "Pranata Laboratorium Kesehatan": .05,
               "Nutrisionis": .05}
HIRE_TECHNICAL = ("Analis Kebijakan", "Pranata Komputer", "Arsiparis", "Analis SDM Aparatur", "Perencana",
                  "Pengelola Pengadaan Barang/Jasa", "Analis Keuangan Pusat dan Daerah", "Pranata Hubungan Masyarakat")

# Intakes 2022-2025: (hire date, employment type, group, head count at city scale, age range at hire).
# group: guru | kesehatan | teknis. PPPK: 2022 teachers, Feb 2024 = 275 + 35 + 19 = 329, some in 2025.
HIRE_COHORTS: tuple[tuple[str, str, str, int, tuple[int, int]], ...] = (
    ("2022-03-01", "PPPK", "guru", 420, (27, 46)),
    ("2022-04-01", "PNS", "kesehatan", 12, (23, 33)),
    ("2022-04-01", "PNS", "teknis", 18, (23, 33)),
    ("2024-02-01", "PPPK", "guru", 275, (26, 45)),
    ("2024-02-01", "PPPK", "teknis", 35, (25, 42)),
    ("2024-02-01", "PPPK", "kesehatan", 19, (25, 40)),
    ("2024-04-01", "PNS", "kesehatan", 20, (23, 33)),
    ("2024-04-01", "PNS", "teknis", 25, (23, 33)),
    ("2025-03-01", "PPPK", "teknis", 90, (25, 44)),
    ("2025-03-01", "PPPK", "kesehatan", 45, (24, 40)),
    ("2025-06-01", "PNS", "teknis", 35, (23, 33)),
    ("2025-06-01", "PNS", "kesehatan", 25, (23, 33)),
    ("2025-10-01", "PPPK", "guru", 40, (26, 45)),
)

ORGANIZERS = {
    "bkpsdm": "BKPSDM Kota Serang",
    "prov": "BPSDM Provinsi Banten",
    "lan": "LAN RI",
    "kemendagri": "BPSDM Kemendagri",
    "kemenkes": "Bapelkes Kemenkes",
    "plataran": "Kemenkes (Plataran Sehat)",
    "kemendikbud": "Pusdiklat Kemendikbudristek",
    "bgp": "Balai Guru Penggerak Provinsi Banten",
    "lkpp": "LKPP RI",
    "anri": "ANRI",
    "kpk": "KPK RI",
    "kominfo": "Kementerian Kominfo (Digital Talent Scholarship)",
    "opd": "",  # internal: the organizing office's own name, see ProgramTemplate.owner
}

FREE_ORGANIZERS = ("kemendikbud", "bgp", "plataran", "kominfo")  # national platforms: no cost to the city


@dataclass(frozen=True)
class ProgramTemplate:
    """A kind of program the city runs every year; titles carry their topic."""

    category: str
    audience: str  # all | umum | guru | kesehatan | struktural
    titles: tuple[tuple[str, str], ...]  # (title, topic)
    per_year: float  # programs a year in 2025 at city scale
    modes: tuple[float, float, float]  # weights luring, daring, blended
    organizers: tuple[str, ...]  # ORGANIZERS keys; "opd" = owner office
    jp: tuple[int, int]
    days: tuple[int, int]
    size: int  # typical participants (draw weight)
    cost: tuple[float, float]  # Rp million per participant; (0, 0) = free
    owner: str = "BKPSDM"  # office code for an internal ("opd") organizer


def _t(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple(zip(pairs[::2], pairs[1::2]))


TEMPLATES: tuple[ProgramTemplate, ...] = (
    ProgramTemplate("seminar", "all", _t(
        "Sosialisasi Pengendalian Gratifikasi", "integritas",
        "Seminar Penguatan Integritas dan Budaya Antikorupsi", "integritas",
        "Sosialisasi Disiplin dan Netralitas ASN", "integritas",
        "Webinar Pencegahan Korupsi di Lingkungan Pemerintah Daerah", "integritas"),
        9, (.5, .5, 0), ("opd", "kpk", "bkpsdm"), (3, 8), (1, 1), 90, (0, 0.3), "INSPEKTORAT"),
    ProgramTemplate("seminar", "all", _t(
        "Sosialisasi Tata Naskah Dinas Elektronik", "kearsipan",
        "Sosialisasi Aplikasi SRIKANDI", "kearsipan",
        "Seminar Penyelamatan Arsip Vital", "kearsipan"),
        4, (.6, .4, 0), ("opd", "anri"), (3, 6), (1, 1), 70, (0, 0.2), "DISPUSIP"),
    ProgramTemplate("seminar", "all", _t(
        "Webinar Literasi Digital dan Keamanan Siber bagi ASN", "digitalisasi",
        "Sosialisasi Sistem Pemerintahan Berbasis Elektronik (SPBE)", "digitalisasi",
        "Seminar Inovasi Pelayanan Publik", "pelayanan_publik",
        "Webinar Budaya Melayani BerAKHLAK", "pelayanan_publik",
        "Sosialisasi Standar Harga Satuan dan SIPD", "keuangan_daerah",
        "Webinar Kesehatan Mental di Tempat Kerja", "kesehatan"),
        5, (.4, .6, 0), ("bkpsdm", "opd", "prov"), (3, 8), (1, 1), 80, (0, 0.3), "DISKOMINFO"),
    ProgramTemplate("seminar", "kesehatan", _t(
        "Seminar Ilmiah Keperawatan", "kesehatan",
        "Webinar Pembaruan Tata Laksana Tuberkulosis", "kesehatan",
        "Seminar Keselamatan Pasien", "kesehatan"),
        4, (.4, .6, 0), ("opd", "plataran"), (3, 8), (1, 1), 60, (0, 0.5), "DINKES"),
    ProgramTemplate("seminar", "guru", _t(
        "Webinar Pembelajaran Mendalam", "pendidikan",
        "Seminar Pendidikan Inklusif", "pendidikan",
        "Webinar Penguatan Literasi dan Numerasi", "pendidikan"),
        4, (.3, .7, 0), ("opd", "bgp", "kemendikbud"), (3, 8), (1, 1), 120, (0, 0), "DINDIKBUD"),
    ProgramTemplate("teknis", "umum", _t(
        "Bimbingan Teknis Penatausahaan Keuangan Daerah melalui SIPD", "keuangan_daerah",
        "Pelatihan Penyusunan Laporan Keuangan Pemerintah Daerah", "keuangan_daerah",
        "Bimbingan Teknis Pengelolaan Barang Milik Daerah", "keuangan_daerah",
        "Pelatihan Bendahara Pengeluaran", "keuangan_daerah"),
        8, (.6, .15, .25), ("opd", "kemendagri", "prov"), (16, 40), (2, 5), 40, (1.5, 5), "BPKAD"),
    ProgramTemplate("teknis", "umum", _t(
        "Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "pengadaan",
        "Bimbingan Teknis e-Katalog dan e-Purchasing", "pengadaan"),
        4, (.5, .2, .3), ("lkpp", "prov", "opd"), (16, 40), (2, 5), 35, (2, 6), "SETDA"),
    ProgramTemplate("teknis", "umum", _t(
        "Bimbingan Teknis Penyusunan Renja dan RKA Perangkat Daerah", "perencanaan",
        "Pelatihan Perencanaan dan Penganggaran Berbasis Kinerja", "perencanaan",
        "Bimbingan Teknis Penyusunan Dokumen Perencanaan Daerah", "perencanaan"),
        5, (.6, .15, .25), ("opd", "kemendagri"), (16, 32), (2, 4), 40, (1.5, 4), "BAPPEDA"),
    ProgramTemplate("teknis", "all", _t(
        "Bimbingan Teknis Pengelolaan Arsip Dinamis", "kearsipan",
        "Pelatihan Pengelolaan Arsip Elektronik SRIKANDI", "kearsipan",
        "Bimbingan Teknis Penyusunan Jadwal Retensi Arsip", "kearsipan"),
        8, (.6, .2, .2), ("opd", "anri"), (16, 32), (2, 4), 45, (1.5, 3.5), "DISPUSIP"),
    ProgramTemplate("teknis", "umum", _t(
        "Pelatihan Literasi Data dan Visualisasi Dasbor", "digitalisasi",
        "Bimbingan Teknis Pengelolaan Website dan Media Sosial Pemerintah", "digitalisasi",
        "Pelatihan Keamanan Informasi bagi Pengelola Aplikasi", "digitalisasi",
        "Pelatihan Pemanfaatan Kecerdasan Artifisial untuk ASN", "digitalisasi"),
        4, (.4, .4, .2), ("opd", "kominfo", "prov"), (16, 40), (2, 5), 35, (2, 6), "DISKOMINFO"),
    ProgramTemplate("teknis", "umum", _t(
        "Pelatihan Pelayanan Prima", "pelayanan_publik",
        "Bimbingan Teknis Standar Pelayanan dan Survei Kepuasan Masyarakat", "pelayanan_publik",
        "Pelatihan Pengelolaan Pengaduan Masyarakat SP4N-LAPOR!", "pelayanan_publik"),
        3, (.6, .2, .2), ("bkpsdm", "prov"), (16, 32), (2, 4), 40, (1.5, 4)),
    ProgramTemplate("teknis", "umum", _t(
        "Bimbingan Teknis Penyusunan SKP dan e-Kinerja", "manajemen_kinerja",
        "Pelatihan Penyusunan Indikator Kinerja dan SAKIP", "manajemen_kinerja"),
        2, (.6, .2, .2), ("bkpsdm", "opd"), (16, 24), (2, 3), 40, (1, 3), "SETDA"),
    ProgramTemplate("teknis", "all", _t(
        "Bimbingan Teknis Sistem Pengendalian Intern Pemerintah", "integritas",
        "Pelatihan Penyuluh Antikorupsi", "integritas",
        "Bimbingan Teknis Manajemen Risiko dan Pengendalian Gratifikasi", "integritas"),
        5, (.6, .2, .2), ("opd", "kpk"), (16, 32), (2, 4), 50, (1.5, 4), "INSPEKTORAT"),
    ProgramTemplate("kursus", "all", _t(
        "Kursus Bahasa Inggris bagi ASN", "bahasa_asing",
        "Kursus Bahasa Inggris untuk Pelayanan Wisata", "bahasa_asing"),
        2, (.5, .5, 0), ("bkpsdm", "opd"), (24, 40), (5, 20), 30, (2, 5), "DISPAR"),
    ProgramTemplate("magang", "umum", _t(
        "Magang di Mal Pelayanan Publik Kota Tangerang", "pelayanan_publik",
        "Magang Pengelolaan Arsip di Dinas Perpustakaan dan Arsip Provinsi Banten", "kearsipan"),
        1.5, (1, 0, 0), ("bkpsdm", "prov"), (20, 30), (5, 10), 15, (1, 3)),
    ProgramTemplate("e_learning", "all", _t(
        "E-Learning Manajemen ASN (ASN Corpu)", "manajemen_kinerja",
        "E-Learning Literasi Digital bagi ASN", "digitalisasi",
        "E-Learning Pengadaan Barang/Jasa Tingkat Dasar", "pengadaan"),
        2, (0, 1, 0), ("lan", "kominfo", "lkpp"), (8, 16), (14, 30), 25, (0, 0.2)),
    ProgramTemplate("teknis", "kesehatan", _t(
        "Pelatihan Bantuan Hidup Dasar", "kesehatan",
        "Pelatihan Pencegahan dan Pengendalian Infeksi", "kesehatan",
        "Pelatihan Tata Laksana Stunting bagi Tenaga Kesehatan", "kesehatan",
        "Pelatihan Penanggulangan Gawat Darurat", "kesehatan",
        "Pelatihan Manajemen Puskesmas", "kesehatan"),
        10, (.5, .25, .25), ("opd", "kemenkes", "plataran"), (16, 40), (2, 5), 40, (2, 7), "DINKES"),
    ProgramTemplate("teknis", "guru", _t(
        "Bimbingan Teknis Penyusunan Modul Ajar", "pendidikan",
        "Bimbingan Teknis Asesmen Pembelajaran", "pendidikan",
        "Pelatihan Pemanfaatan Rapor Pendidikan untuk Perencanaan Berbasis Data", "pendidikan",
        "Pelatihan Pemanfaatan Teknologi Digital dalam Pembelajaran", "digitalisasi"),
        9, (.45, .35, .2), ("opd", "bgp"), (16, 32), (2, 4), 90, (0.5, 2), "DINDIKBUD"),
    ProgramTemplate("fungsional", "guru", _t(
        "Pelatihan Implementasi Kurikulum Merdeka", "pendidikan",
        "Pelatihan Pembelajaran Berdiferensiasi", "pendidikan",
        "Pelatihan Mandiri Guru melalui Platform Merdeka Mengajar", "pendidikan",
        "Pelatihan Koding dan Kecerdasan Artifisial bagi Guru", "digitalisasi"),
        12, (.3, .55, .15), ("kemendikbud", "bgp", "opd"), (30, 64), (5, 30), 140, (0, 3), "DINDIKBUD"),
    ProgramTemplate("fungsional", "kesehatan", _t(
        "Pelatihan Jabatan Fungsional Perawat", "kesehatan",
        "Pelatihan Asuhan Persalinan Normal", "kesehatan",
        "Pelatihan Manajemen Terpadu Balita Sakit", "kesehatan",
        "Pelatihan Pelayanan Kontrasepsi bagi Bidan", "kesehatan",
        "Pelatihan Tata Laksana Tuberkulosis bagi Tenaga Kesehatan", "kesehatan"),
        9, (.5, .25, .25), ("kemenkes", "plataran", "opd"), (30, 80), (5, 14), 30, (3, 10), "DINKES"),
    ProgramTemplate("fungsional", "umum", _t(
        "Pelatihan Fungsional Auditor Ahli", "integritas",
        "Pelatihan Fungsional Arsiparis", "kearsipan",
        "Pelatihan Penjenjangan Perencana", "perencanaan",
        "Pelatihan Fungsional Pranata Komputer", "digitalisasi",
        "Pelatihan Fungsional Analis Kebijakan", "perencanaan",
        "Pelatihan Fungsional Polisi Pamong Praja", "pelayanan_publik",
        "Pelatihan Fungsional Pengelola Pengadaan Barang/Jasa", "pengadaan"),
        7, (.5, .2, .3), ("prov", "lan", "kemendagri"), (30, 80), (5, 14), 25, (3, 12)),
    ProgramTemplate("manajerial", "struktural", _t(
        "Pelatihan Manajemen Kinerja bagi Pejabat Pengawas", "manajemen_kinerja",
        "Pelatihan Kepemimpinan Transformasional", "kepemimpinan",
        "Workshop Manajemen Perubahan", "kepemimpinan",
        "Pelatihan Pengambilan Keputusan Berbasis Data", "digitalisasi"),
        5, (.5, .2, .3), ("bkpsdm", "prov", "lan"), (20, 40), (3, 5), 30, (2, 8)),
    ProgramTemplate("sosial_kultural", "all", _t(
        "Pelatihan Wawasan Kebangsaan dan Bela Negara", "integritas",
        "Pelatihan Moderasi Beragama bagi ASN", "integritas",
        "Pelatihan Budaya Kerja BerAKHLAK", "pelayanan_publik",
        "Outbound Penguatan Kerja Tim", "kepemimpinan"),
        4, (.8, .1, .1), ("bkpsdm", "prov"), (8, 24), (1, 3), 60, (0.5, 3)),
    ProgramTemplate("coaching_mentoring", "all", _t(
        "Coaching Clinic Penyusunan SKP", "manajemen_kinerja",
        "Coaching Clinic SAKIP", "manajemen_kinerja",
        "Mentoring Inovasi Pelayanan Publik", "pelayanan_publik",
        "Coaching Clinic Aplikasi SRIKANDI", "kearsipan",
        "Klinik Konsultasi Pengadaan Barang/Jasa", "pengadaan"),
        8, (.6, .4, 0), ("bkpsdm", "opd"), (2, 10), (1, 2), 30, (0, 0), "BKPSDM"),
    ProgramTemplate("lainnya", "struktural", _t(
        "Patok Banding Inovasi Pelayanan Publik", "pelayanan_publik",
        "Studi Tiru Pengelolaan Keuangan Daerah", "keuangan_daerah"),
        2, (1, 0, 0), ("bkpsdm", "opd"), (10, 20), (2, 3), 20, (8, 15), "BAPPEDA"),
)

# Titles that only exist from a given year on (new national programmes).
TITLE_SINCE = {"Pelatihan Koding dan Kecerdasan Artifisial bagi Guru": 2025, "Webinar Pembelajaran Mendalam": 2025,
               "Pelatihan Pemanfaatan Kecerdasan Artifisial untuk ASN": 2024}

# The yearly programs that are not drawn by interest but given to a cohort.
LATSAR = dict(title="Pelatihan Dasar CPNS Kota Serang", topic="integritas", jp=305, days=(95, 110),
              organizers=("prov", "bkpsdm"), cost=(6, 9), batch=40)
LEADERSHIP = {  # position type -> (title, jp, days, organizers, cost range, per year share of holders)
    "pengawas": ("Pelatihan Kepemimpinan Pengawas", 290, (60, 75), ("prov", "bkpsdm"), (15, 22), .09),
    "administrator": ("Pelatihan Kepemimpinan Administrator", 395, (90, 110), ("prov", "lan"), (30, 40), .07),
    "jpt": ("Pelatihan Kepemimpinan Nasional Tingkat II", 520, (110, 130), ("lan", "kemendagri"), (60, 85), .08),
}
ORIENTASI_PPPK = dict(title="Orientasi PPPK Kota Serang", topic="integritas", jp=32, days=(4, 5),
                      organizers=("bkpsdm",), cost=(0.5, 1.5), batch=150)

# Leadership certificates earned before the demo's years, as their titles were written in each era
# (Diklatpim until 2018, PKN/PKA/PKP since 2019): position -> (share of holders in post on 2022-01-01 who
# have one, JP, days, organizers, [(first year, last year, title)]).
LEADERSHIP_HISTORY = {
    "pengawas": (.65, 285, (60, 75), ("prov", "bkpsdm"), (
        (2006, 2012, "Diklat Kepemimpinan Tingkat IV"), (2013, 2016, "DIKLATPIM TK. IV"),
        (2017, 2018, "Diklatpim Tingkat IV"), (2019, 2021, "Pelatihan Kepemimpinan Pengawas"))),
    "administrator": (.75, 380, (80, 100), ("prov", "lan"), (
        (2004, 2012, "Diklat PIM Tingkat III"), (2013, 2018, "DIKLATPIM TK. III"),
        (2019, 2021, "Pelatihan Kepemimpinan Administrator"))),
    "jpt": (.85, 480, (100, 120), ("lan",), (
        (2004, 2014, "Diklat PIM Tingkat II"), (2015, 2018, "Diklatpim Tingkat II"),
        (2019, 2021, "Pelatihan Kepemimpinan Nasional Tingkat II"))),
}

# Survey questionnaire: (item_code, kind, dimension, text_id, text_en, likert?)
SURVEY_ITEMS: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("R_MAT_1", "reaction", "materi", "Materi pelatihan relevan dengan tugas saya.",
     "The training content is relevant to my job.", True),
    ("R_MAT_2", "reaction", "materi", "Materi disusun runtut dan mudah dipahami.",
     "The content was well organised and easy to follow.", True),
    ("R_FAS_1", "reaction", "fasilitator", "Fasilitator/widyaiswara menguasai materi.",
     "The facilitator mastered the subject.", True),
    ("R_FAS_2", "reaction", "fasilitator", "Fasilitator mendorong peserta aktif berdiskusi.",
     "The facilitator encouraged active discussion.", True),
    ("R_SAR_1", "reaction", "sarana", "Sarana dan prasarana (ruang kelas/LMS) memadai.",
     "Facilities (classroom or LMS) were adequate.", True),
    ("R_SAR_2", "reaction", "sarana", "Bahan ajar tersedia tepat waktu.",
     "Learning materials were available on time.", True),
    ("R_MET_1", "reaction", "metode", "Metode pembelajaran sesuai dengan tujuan pelatihan.",
     "The learning methods suited the training objectives.", True),
    ("R_MET_2", "reaction", "metode", "Alokasi waktu pelatihan memadai.",
     "The time allotted was sufficient.", True),
    ("R_KOMENTAR", "reaction", "komentar", "Saran dan komentar Anda tentang pelatihan ini.",
     "Your suggestions and comments about this training.", False),
    ("A_PEN_1", "application", "penerapan", "Saya menerapkan pengetahuan dari pelatihan dalam pekerjaan sehari-hari.",
     "I apply what I learned in my daily work.", True),
    ("A_PEN_2", "application", "penerapan", "Saya menggunakan keterampilan baru dari pelatihan untuk menyelesaikan tugas.",
     "I use the new skills to complete my tasks.", True),
    ("A_DAM_1", "application", "dampak", "Kinerja saya meningkat setelah mengikuti pelatihan.",
     "My performance improved after the training.", True),
    ("A_DAM_2", "application", "dampak", "Pelatihan membantu unit kerja saya mencapai target.",
     "The training helped my unit reach its targets.", True),
    # what enables application (Kirkpatrick's required drivers): asked with it, never averaged into it
    ("D_DUK_1", "driver", "dukungan_atasan", "Atasan mendukung penerapan hasil pelatihan.",
     "My supervisor supports applying what I learned.", True),
    ("D_KES_1", "driver", "kesempatan", "Ada kesempatan menerapkan hasil pelatihan dalam tugas di unit kerja.",
     "There is a chance to apply what was learned in the unit's work.", True),
    ("D_SAR_1", "driver", "sarana_kerja", "Sarana dan alat kerja memungkinkan hasil pelatihan diterapkan.",
     "Tools and equipment make it possible to apply what was learned.", True),
    ("RD_1", "readiness", "keterbukaan", "Saya terbuka terhadap cara kerja baru di unit saya.",
     "I am open to new ways of working in my unit.", True),
    ("RD_2", "readiness", "adaptasi_digital", "Saya nyaman menggunakan aplikasi digital untuk bekerja.",
     "I am comfortable using digital applications for my work.", True),
    ("RD_3", "readiness", "motivasi", "Saya termotivasi meningkatkan kompetensi secara berkelanjutan.",
     "I am motivated to keep improving my competencies.", True),
    ("RD_4", "readiness", "keterbukaan", "Perubahan organisasi membawa manfaat bagi pelayanan.",
     "Organisational change benefits public service.", True),
    ("NEEDS_TOPIC", "needs", "topic", "Topik pengembangan kompetensi yang Anda butuhkan tahun ini (boleh pilih lebih "
     "dari satu).", "The development topics you need this year (choose all that apply).", False),
    ("NEEDS_MODE", "needs", "mode", "Metode pelatihan yang paling Anda sukai (luring/daring/kombinasi).",
     "Your preferred training mode (in person/online/blended).", False),
    ("N_KEB_1", "needs", "kesenjangan", "Kompetensi saya saat ini belum memenuhi standar jabatan.",
     "My current competencies fall short of my position's standard.", True),
    ("N_KEB_2", "needs", "dukungan", "Unit kerja saya memberi kesempatan mengikuti pengembangan kompetensi.",
     "My unit gives me the chance to take development activities.", True),
)

# Free-text reaction comments, chosen by how the respondent rated the training.
REACTION_COMMENTS: dict[str, tuple[str, ...]] = {
    "positive": (
        "Materi sangat aplikatif, langsung bisa dipakai di unit kerja.",
        "Widyaiswara menyampaikan materi dengan jelas dan banyak contoh kasus.",
        "Diskusi kelompok sangat membantu memahami materi.",
        "Terima kasih, pelatihan seperti ini perlu diadakan rutin.",
        "Studi kasus sesuai dengan pekerjaan sehari-hari di OPD.",
    ),
    "neutral": (
        "Waktu pelatihan terlalu singkat untuk materi sebanyak ini.",
        "Mohon bahan tayang dibagikan sebelum pelatihan dimulai.",
        "Sebaiknya ada sesi praktik lebih banyak.",
        "Perlu tindak lanjut berupa pendampingan setelah pelatihan.",
    ),
    "negative": (
        "Koneksi internet sering terputus sehingga sulit mengikuti sesi daring.",
        "Materi kurang relevan dengan tugas jabatan saya.",
        "Jadwal bertabrakan dengan pekerjaan kantor, sulit fokus.",
        "Ruang kelas panas dan pengeras suara kurang jelas.",
        "Aplikasi LMS sulit diakses dari ponsel.",
    ),
}

# What each profile asks for in needs surveys (weights over contract topics).
NEEDS_TOPIC_WEIGHTS: dict[str, dict[str, float]] = {
    "guru": {"digitalisasi": 30, "pendidikan": 34, "pelayanan_publik": 6, "manajemen_kinerja": 10,
             "bahasa_asing": 8, "kesehatan": 3, "kepemimpinan": 4, "integritas": 2, "kearsipan": 1,
             "perencanaan": 1, "keuangan_daerah": 1, "pengadaan": 0},
    "kesehatan": {"kesehatan": 34, "digitalisasi": 20, "pelayanan_publik": 20, "manajemen_kinerja": 12,
                  "bahasa_asing": 4, "kepemimpinan": 4, "integritas": 2, "kearsipan": 1, "perencanaan": 1,
                  "keuangan_daerah": 1, "pengadaan": 1, "pendidikan": 0},
    "umum": {"digitalisasi": 28, "pelayanan_publik": 22, "manajemen_kinerja": 16, "keuangan_daerah": 7,
             "perencanaan": 6, "pengadaan": 5, "kepemimpinan": 5, "bahasa_asing": 5, "integritas": 2,
             "kearsipan": 2, "kesehatan": 2, "pendidikan": 0},
    "struktural": {"kepemimpinan": 24, "manajemen_kinerja": 22, "digitalisasi": 20, "perencanaan": 12,
                   "pelayanan_publik": 10, "keuangan_daerah": 4, "pengadaan": 3, "integritas": 2,
                   "bahasa_asing": 2, "kearsipan": 1, "kesehatan": 0, "pendidikan": 0},
}

CITY_TARGETS = {  # indicator -> {year: target}; rates as 0-1
    "jp20_rate": {2024: .50, 2025: .60},
    "reach_rate": {2024: .75, 2025: .80},
    "completion_rate": {2024: .90, 2025: .90},
    "reaction_score": {2024: 4.0, 2025: 4.0},
    "application_rate": {2024: .65, 2025: .70},
    "online_share": {2024: .30, 2025: .35},
    "reach_ratio_nonurban": {2024: .90, 2025: .95},
}
OPD_JP20_TARGETS = {"BKPSDM": .90, "DINKES": .75, "RSUD": .65, "DINDIKBUD": .70, "INSPEKTORAT": .80,
                    "SATPOLPP": .40, "DLH": .40, "DAMKAR": .40}

# scale -> number of copies of the city structure (province: ~20x people; national: the province 33 times,
# copied in the store, see demo.national).
SCALES = {"city": 1, "province": 20, "national": 660}
