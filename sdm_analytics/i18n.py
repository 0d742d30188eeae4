"""The one catalogue of what a user reads: Bahasa Indonesia first, English second."""

from __future__ import annotations

from .filters import DIMENSIONS

__all__ = ["LANGS", "t", "code_label", "dim_label"]

LANGS = ("id", "en")

_TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("SDM ASN Analytics — Kota Serang", "SDM ASN Analytics — Kota Serang"),
    "page_overview": ("Ringkasan Eksekutif", "Executive Summary"),
    "page_participation": ("Partisipasi & 20 JP", "Participation & 20 JP"),
    "menu": ("Menu", "Menu"),
    "language": ("Bahasa", "Language"),
    "filters": ("Filter", "Filters"),
    "more_filters": ("Filter lainnya", "More filters"),
    "year": ("Tahun", "Year"),
    "all": ("Semua", "All"),
    "reset": ("Atur ulang filter", "Reset filters"),
    "building_demo": (
        "Menyiapkan data demo Kota Serang (sekali saja, beberapa detik)…",
        "Building the Kota Serang demo data (once, a few seconds)…",
    ),
    "demo_ready": (
        "Data demo siap: {employees} catatan pegawai (termasuk yang sudah keluar), {programs} program.",
        "Demo data ready: {employees} employee records (leavers included), {programs} programs.",
    ),
    "no_data": ("Tidak ada data untuk pilihan ini.", "No data for this selection."),
    "scope_line": ("Periode {year} · {scope} · data per {as_of}", "Period {year} · {scope} · data as of {as_of}"),
    "scope_city": ("seluruh Kota Serang", "all of Kota Serang"),
    "scope_filtered": ("difilter: {filters}", "filtered: {filters}"),
    "vs_prev": ("dibanding {year}", "vs {year}"),
    "target": ("Target {value}", "Target {value}"),
    "target_met": ("tercapai", "met"),
    "target_missed": ("belum tercapai", "not met"),
    "suppressed": ("n < {k}: disembunyikan", "n < {k}: suppressed"),
    "n_people": ("n = {n} ASN", "n = {n} ASN"),
    "n_resp": ("n = {n} responden", "n = {n} respondents"),
    "n_part": ("n = {n} keikutsertaan", "n = {n} participations"),
    "kpi_heading": ("Indikator utama {year}", "Headline indicators {year}"),
    "trend_title": ("Tren kepatuhan 20 JP dan jangkauan, {first}–{last}", "20 JP compliance and reach, {first}–{last}"),
    "opd_rank_title": (
        "Kepatuhan 20 JP per OPD, {year} — {k} terendah ditandai merah",
        "20 JP compliance by agency (OPD), {year} — the {k} lowest in red",
    ),
    "area_title": (
        "Pusat vs pinggiran, {year}: jangkauan dan kepatuhan 20 JP per wilayah",
        "Centre vs outskirts, {year}: reach and 20 JP compliance by area",
    ),
    "area_mode_title": (
        "Jangkauan per wilayah dan metode pelatihan, {year}",
        "Reach by area and training mode, {year}",
    ),
    "gap_caption": (
        "Jangkauan di wilayah pinggiran {ratio} kali jangkauan di pusat kota (1,00 = setara).",
        "Reach in the outskirts is {ratio} times reach in the centre (1.00 = equal).",
    ),
    "weakest": ("OPD terlemah", "Weakest agencies"),
    "share_asn": ("Persentase ASN", "Share of ASN"),
    "people": ("Jumlah ASN", "Number of ASN"),
    "jp_bucket": ("JP dalam tahun", "JP in the year"),
    "dist_title": ("Sebaran JP per ASN, {year} (n = {n} ASN)", "Distribution of JP per ASN, {year} (n = {n} ASN)"),
    "breakdown_pick": ("Rincian menurut", "Break down by"),
    "metric_pick": ("Indikator", "Indicator"),
    "by_title": ("{metric} menurut {dim}, {year}", "{metric} by {dim}, {year}"),
    "below_heading": ("ASN di bawah {min} JP ({n} orang)", "ASN below {min} JP ({n} people)"),
    "below_caption": (
        "Daftar ASN dalam cakupan filter yang belum mencapai {min} JP pada {year}, diurutkan dari JP terkecil.",
        "Civil servants in the filtered scope below {min} JP in {year}, smallest JP first.",
    ),
    "download_csv": ("Unduh CSV", "Download CSV"),
    "col_name": ("Nama", "Name"),
    "col_nip": ("NIP", "NIP"),
    "col_opd": ("OPD", "Agency"),
    "col_position": ("Jabatan", "Position"),
    "col_jp": ("JP tahun ini", "JP this year"),
    "col_gap": ("Kekurangan JP", "JP gap"),
    "col_area": ("Wilayah", "Area"),
    "col_employment": ("Status", "Status"),
    "col_count": ("Jumlah", "Count"),
    "prev_year_note": ("Perubahan dibanding tahun {year}", "Change from {year}"),
    "unknown": ("(tidak diketahui)", "(unknown)"),
}

_CODES: dict[str, dict[str, tuple[str, str]]] = {
    "area": {"urban": ("Perkotaan", "Urban"), "rural": ("Perdesaan", "Rural"), "remote": ("Terpencil", "Remote")},
    "gender": {"L": ("Laki-laki", "Male"), "P": ("Perempuan", "Female")},
    "mode": {"luring": ("Luring (tatap muka)", "In person"), "daring": ("Daring (online)", "Online"),
             "blended": ("Blended", "Blended")},
    "position_type": {"jpt": ("JPT Pratama", "Senior executive (JPT)"), "administrator": ("Administrator", "Administrator"),
                      "pengawas": ("Pengawas", "Supervisor"), "fungsional": ("Fungsional", "Functional"),
                      "pelaksana": ("Pelaksana", "Executor (pelaksana)")},
    "category": {"latsar": ("Latsar CPNS", "Basic training (Latsar)"), "kepemimpinan": ("Kepemimpinan", "Leadership"),
                 "manajerial": ("Manajerial", "Managerial"), "teknis": ("Teknis", "Technical"),
                 "fungsional": ("Fungsional", "Functional"), "sosial_kultural": ("Sosial kultural", "Socio-cultural"),
                 "seminar": ("Seminar/lokakarya", "Seminar/workshop"),
                 "coaching_mentoring": ("Coaching & mentoring", "Coaching & mentoring"), "lainnya": ("Lainnya", "Other")},
    "age_band": {"<30": ("< 30 th", "< 30"), "30-39": ("30–39 th", "30–39"), "40-49": ("40–49 th", "40–49"),
                 "50-54": ("50–54 th", "50–54"), ">=55": ("≥ 55 th", "≥ 55")},
    "bucket": {"0": ("0 JP", "0 JP"), "1-9": ("1–9 JP", "1–9 JP"), "10-19": ("10–19 JP", "10–19 JP"),
               "20-39": ("20–39 JP", "20–39 JP"), ">=40": ("≥ 40 JP", "≥ 40 JP")},
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for key in lang, with {placeholders} filled."""
    pair = _TEXT[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def code_label(dim: str, code: object, lang: str = "id") -> str:
    """A readable label for a code of a dimension; the code itself when none is known."""
    if code is None or (isinstance(code, float) and code != code):
        return t("unknown", lang)
    pair = _CODES.get(dim, {}).get(str(code))
    if pair is None:
        return str(code).replace("_", " ") if dim in ("topic", "category") else str(code)
    return pair[1] if lang == "en" else pair[0]


def dim_label(dim: str, lang: str = "id") -> str:
    """The label of a filter / breakdown dimension (or 'year')."""
    if dim == "year":
        return t("year", lang)
    d = DIMENSIONS[dim]
    return d.label_en if lang == "en" else d.label_id
