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
    "deck_button": ("Unduh bahan paparan (PPTX)", "Download the briefing deck (PPTX)"),
    "deck_pdf": ("Unduh bahan paparan (PDF)", "Download the briefing deck (PDF)"),
    "findings_heading": ("Temuan utama", "Key findings"),
    "kpi_heading": ("Indikator utama {year}", "Headline indicators {year}"),
    "trend_title": ("Tren kepatuhan 20 JP dan jangkauan, {first}–{last}", "20 JP compliance and reach, {first}–{last}"),
    "opd_rank_title": (
        "Kepatuhan 20 JP per OPD, {year} — {k} terendah ditandai merah",
        "20 JP compliance by agency (OPD), {year} — the {k} lowest in red",
    ),
    "opd_extremes_title": ("Kepatuhan 20 JP, {year}: 8 OPD terendah dan 4 tertinggi",
                           "20 JP compliance, {year}: the 8 lowest and 4 highest agencies"),
    "opd_rank_title_plain": ("Kepatuhan 20 JP per OPD, {year}", "20 JP compliance by agency (OPD), {year}"),
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
    "download_xlsx": ("Unduh XLSX", "Download XLSX"),
    "download_chart": ("Unduh", "Download"),
    "chart_cli": ("Grafik yang sama dari baris perintah:", "The same chart from the command line:"),
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
    "page_equity": ("Pemerataan Akses", "Access & Equity"),
    "page_needs": ("Kebutuhan Pelatihan", "Training Needs"),
    "page_change": ("Tantangan & Perubahan", "Resistance to Change"),
    "demand": ("Diminta (survei kebutuhan)", "Asked for (needs survey)"),
    "supply": ("Diselesaikan (pelatihan)", "Completed (training)"),
    "share_of": ("Persentase", "Share"),
    "score_axis": ("Skor rata-rata (1–5)", "Mean score (1–5)"),
    "score_axis_100": ("Skor rata-rata (0–100)", "Mean score (0–100)"),
    "eq_intro": (
        "Apakah pengembangan kompetensi menjangkau semua ASN secara setara? Setiap kelompok "
        "ditampilkan dengan n dan selang kepercayaan 95%; kelompok dengan n < {k} ditandai ⚠ (terlalu kecil untuk disimpulkan).",
        "Does competency development reach every ASN equally? Each group shows its n and a 95% "
        "confidence interval; groups with n < {k} are marked ⚠ (too small to judge).",
    ),
    "eq_chart": ("{metric} menurut {dim}, {year} (garis: selang kepercayaan 95%)",
                 "{metric} by {dim}, {year} (whiskers: 95% confidence interval)"),
    "eq_gap_heading": ("Selisih terhadap kelompok acuan: {ref}", "Gap to the reference group: {ref}"),
    "reference": ("Kelompok acuan", "Reference group"),
    "col_group": ("Kelompok", "Group"),
    "col_value": ("Nilai", "Value"),
    "col_ci": ("SK 95%", "95% CI"),
    "col_gap_pp": ("Selisih (pp)", "Gap (pp)"),
    "col_gap_ci": ("SK 95% selisih (pp)", "Gap 95% CI (pp)"),
    "col_verdict": ("Kesimpulan", "Verdict"),
    "verdict_clear": ("selisih nyata", "clear gap"),
    "verdict_unclear": ("belum pasti", "not clear"),
    "verdict_small": ("n terlalu kecil", "n too small"),
    "verdict_ref": ("acuan", "reference"),
    "eq_online_heading": ("Apakah pelatihan daring menutup kesenjangan pinggiran?",
                          "Does online training close the outskirts gap?"),
    "eq_online_sentence": (
        "Rasio jangkauan pinggiran/pusat: {luring} untuk pelatihan luring, {daring} untuk daring (1,00 = setara).",
        "Outskirts/centre reach ratio: {luring} for in-person training, {daring} for online (1.00 = equal).",
    ),
    "needs_intro": (
        "Topik yang diminta ASN dalam survei kebutuhan {year} dibandingkan dengan pelatihan yang "
        "benar-benar diselesaikan. n = {resp} responden, {done} keikutsertaan selesai.",
        "Topics ASN asked for in the {year} needs survey against the training they actually completed. "
        "n = {resp} respondents, {done} completed participations.",
    ),
    "needs_chart": ("Permintaan vs penawaran per topik, {year}", "Demand vs supply by topic, {year}"),
    "needs_mode_chart": ("Metode pelatihan yang disukai menurut wilayah, {year}", "Preferred training mode by area, {year}"),
    "needs_heat": ("Topik yang diminta per OPD, {year} (persentase responden OPD)",
                   "Topics asked for by agency, {year} (share of the agency's respondents)"),
    "col_topic": ("Topik", "Topic"),
    "col_demand": ("Diminta", "Asked for"),
    "col_supply": ("Diselesaikan", "Completed"),
    "col_gap_share": ("Selisih", "Gap"),
    "change_intro": (
        "ASN yang tidak menyelesaikan satu pun pelatihan pada {prev}–{year}: {n} orang ({share}) dari {total}. "
        "Merekalah sasaran pertama program perubahan.",
        "ASN who completed no training in {prev}–{year}: {n} people ({share}) of {total}. "
        "They are the first audience of a change programme.",
    ),
    "change_never_chart": ("Belum pernah dilatih ({prev}–{year}) menurut {dim}", "Never trained ({prev}–{year}) by {dim}"),
    "change_dropout_chart": ("Mundur & tidak hadir menurut {dim}, {year}", "Dropout & no-show by {dim}, {year}"),
    "change_ready_chart": ("Kesiapan berubah menurut {dim}, {year} (skala 1–5)", "Readiness for change by {dim}, {year} (1–5 scale)"),
    "change_ready_part": ("Kesiapan berubah menurut JP yang diselesaikan, {year}", "Readiness for change by JP completed, {year}"),
    "change_ready_note": (
        "Hubungan, bukan sebab-akibat: ASN yang lebih siap berubah mungkin juga lebih sering ikut pelatihan.",
        "An association, not cause and effect: staff more ready for change may also train more.",
    ),
    "change_list": ("Daftar ASN yang belum pernah dilatih ({n} orang)", "Never-trained ASN ({n} people)"),
    "segment_pick": ("Segmen", "Segment"),
    "jp_group": ("JP dalam tahun", "JP in the year"),
    "page_target": ("Target & IP ASN", "Targets & IP ASN"),
    "tg_city": ("Target kota {year}: {met} dari {total} tercapai", "City targets {year}: {met} of {total} met"),
    "tg_none": ("Belum ada target untuk {year}.", "No targets set for {year}."),
    "tg_chart": ("Capaian terhadap target, {year} (100% = target tercapai)",
                 "Attainment against target, {year} (100% = target met)"),
    "tg_opd": ("Target per OPD {year}", "Agency targets {year}"),
    "tg_attain_axis": ("Capaian ÷ target", "Actual ÷ target"),
    "col_indicator": ("Indikator", "Indicator"),
    "col_target": ("Target", "Target"),
    "col_actual": ("Capaian", "Actual"),
    "col_state": ("Status", "Status"),
    "ip_heading": ("Dimensi kompetensi IP ASN {year}", "IP ASN competence dimension {year}"),
    "ip_intro": (
        "Skor kompetensi per ASN (0–40 poin, ditampilkan sebagai 0–100) menurut {rules}: pelatihan kepemimpinan "
        "sesuai jabatan, pelatihan fungsional, pelatihan teknis ≥ 20 JP dalam tahun, dan seminar/lokakarya "
        "(pelaksana: teknis 22,5 + seminar 17,5). Bobot IP ASN direvisi pada 2023: bandingkan antartahun dengan hati-hati.",
        "Competence score per ASN (0–40 points, shown as 0–100) under {rules}: leadership training fitting the "
        "position, functional training, technical training ≥ 20 JP in the year, and seminars/workshops "
        "(pelaksana: technical 22.5 + seminar 17.5). The IP ASN weights were revised in 2023: compare years with care.",
    ),
    "ip_mean": ("Rata-rata skor kompetensi {type}", "Mean competence score {type}"),
    "ip_by_opd": ("Skor kompetensi IP ASN per OPD, {year}: PNS dan PPPK", "IP ASN competence score by agency, {year}: PNS and PPPK"),
    "ip_categories": ("Kategori skor kompetensi, {year}", "Competence score categories, {year}"),
    "ip_people": ("ASN yang skornya naik dengan satu program lagi ({n})", "ASN whose score rises with one more programme ({n})"),
    "col_score": ("Skor (0–100)", "Score (0–100)"),
    "col_category": ("Kategori", "Category"),
    "col_next": ("Program berikutnya", "Next programme"),
    "col_gain": ("Tambahan poin", "Points gained"),
    "pick_program_hint": ("Pilih satu baris untuk membuka rincian program.", "Select a row to open the programme."),
    "drill_hint": ("Klik batang grafik untuk menyaring semua halaman ke kelompok itu.",
                   "Click a bar to filter every page to that group."),
    "drill_year_hint": ("Klik titik tahun untuk melihat tahun itu.", "Click a year's point to view that year."),
    "ip_trend": ("Skor kompetensi IP ASN per tahun, PNS dan PPPK", "IP ASN competence score by year, PNS and PPPK"),
    "page_data": ("Data", "Data"),
    "data_intro": (
        "Impor ekspor SIMPEG/SIASN, daftar hadir Excel dan ekspor survei (Google Forms). Setiap berkas diperiksa "
        "dulu; tidak ada yang ditulis sebelum Anda mengonfirmasi, dan penyimpanan tidak pernah tertulis setengah.",
        "Import SIMPEG/SIASN exports, Excel attendance lists and survey exports (Google Forms). Every file is "
        "checked first; nothing is written until you confirm, and the store is never half-written.",
    ),
    "data_upload": ("Unggah berkas CSV atau XLSX", "Upload CSV or XLSX files"),
    "data_kind": ("Jenis data", "Kind of data"),
    "data_auto": ("Otomatis (dari nama berkas atau judul kolom)", "Automatic (from file name or headers)"),
    "data_mapping": ("Pemetaan kolom", "Column mapping"),
    "data_preview": ("Pratinjau", "Preview"),
    "data_issues": ("Baris bermasalah", "Rows with problems"),
    "data_counts": ("{rows} baris: {valid} valid, {rejected} ditolak · jika diimpor: {added} baru, {updated} diperbarui, {unchanged} tidak berubah",
                    "{rows} rows: {valid} valid, {rejected} rejected · if imported: {added} new, {updated} updated, {unchanged} unchanged"),
    "data_partial": ("Tulis baris yang valid saja (baris yang ditolak dapat diunduh)",
                     "Write the valid rows only (rejected rows can be downloaded)"),
    "data_confirm": ("Impor ke basis data", "Import into the store"),
    "data_done": ("Impor selesai: {added} baru, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak.",
                  "Import done: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected."),
    "data_blocked": ("Perbaiki berkas yang tidak dapat dipakai sebelum mengimpor.", "Fix the unusable files before importing."),
    "data_fix_rows": ("Ada baris yang ditolak: perbaiki berkasnya, atau centang pilihan di atas untuk menulis baris yang valid saja.",
                      "Some rows were rejected: fix the file, or tick the option above to write only the valid rows."),
    "data_rejects": ("Unduh baris yang ditolak (CSV)", "Download rejected rows (CSV)"),
    "data_templates": ("Templat impor", "Import templates"),
    "data_templates_intro": ("Templat XLSX dengan judul kolom bahasa Indonesia, satu baris contoh, dan lembar kode yang diizinkan.",
                             "XLSX templates with Indonesian headers, one example row and a sheet of allowed codes."),
    "data_history": ("Riwayat impor", "Import history"),
    "data_backup": ("Cadangan: semua tabel sebagai CSV kontrak (ZIP)", "Backup: every table as contract CSV (ZIP)"),
    "data_no_history": ("Belum ada impor.", "No imports yet."),
    "col_header": ("Judul di berkas", "Header in file"),
    "col_column": ("Kolom kontrak", "Contract column"),
    "col_alias": ("Cocok dengan", "Matched alias"),
    "col_row": ("Baris", "Row"),
    "col_reason": ("Alasan", "Reason"),
    "col_severity": ("Tingkat", "Severity"),
    "ignored": ("(diabaikan)", "(ignored)"),
    "page_quality": ("Kualitas Data", "Data Quality"),
    "q_intro": (
        "Seberapa jauh angka di dasbor dapat dipercaya untuk pilihan ini: setiap pemeriksaan menghitung baris "
        "bermasalah dan menyebut indikator yang terpengaruh.",
        "How far the dashboard's figures can be trusted for this selection: each check counts the problem rows "
        "and names the indicators it affects.",
    ),
    "q_chart": ("Bagian data bermasalah per pemeriksaan, {year}", "Share of problem rows per check, {year}"),
    "q_rates": ("Tingkat respons survei per program, {year}", "Survey response rate per programme, {year}"),
    "col_check": ("Pemeriksaan", "Check"),
    "col_problem": ("Bermasalah", "Problems"),
    "col_total": ("Dari", "Out of"),
    "col_share": ("Persentase", "Share"),
    "col_affects": ("Memengaruhi", "Affects"),
    "col_hint": ("Perbaikan", "What to fix"),
    "col_completions": ("Lulus", "Completers"),
    "col_reaction_rate": ("Respons reaksi", "Reaction response"),
    "col_application_rate": ("Respons penerapan", "Application response"),
    "sev_ok": ("baik", "ok"),
    "sev_warn": ("perhatian", "warning"),
    "sev_bad": ("buruk", "poor"),
    "trust_heading": ("Catatan kepercayaan data", "Data trust note"),
    "trust_more": ("Rincian di halaman Kualitas Data.", "Details on the Data Quality page."),
    "page_program": ("Program", "Programme"),
    "prog_pick": ("Pilih program ({n} program pada {year})", "Choose a programme ({n} in {year})"),
    "prog_info": (
        "{category} · {mode} · {organizer} · {jp} JP · {start} – {end} · biaya per peserta {cost}",
        "{category} · {mode} · {organizer} · {jp} JP · {start} – {end} · cost per participant {cost}",
    ),
    "prog_participants": ("Peserta", "Participants"),
    "prog_tests": ("Nilai pre-test dan post-test peserta yang lulus (n = {n})",
                   "Pre-test and post-test of completers (n = {n})"),
    "prog_application": ("Penerapan: alumni dan atasan per aspek, {year}",
                         "Application: alumni and supervisors by aspect, {year}"),
    "prog_list": ("Daftar peserta ({n})", "Participants ({n})"),
    "prog_comments": ("Komentar peserta ({n})", "Participant comments ({n})"),
    "prog_comments_hidden": ("Komentar disembunyikan: kurang dari {k} responden.",
                             "Comments hidden: fewer than {k} respondents."),
    "prog_no_comments": ("Belum ada komentar tertulis.", "No written comments yet."),
    "col_status": ("Status", "Status"),
    "col_attendance": ("Kehadiran (%)", "Attendance (%)"),
    "col_when": ("Waktu", "When"),
    "col_file": ("Berkas", "File"),
    "col_kind": ("Jenis data", "Kind of data"),
    "col_added": ("Baru", "Added"),
    "col_updated": ("Diperbarui", "Updated"),
    "col_unchanged": ("Tidak berubah", "Unchanged"),
    "col_rejected": ("Ditolak", "Rejected"),
    "col_comment": ("Komentar", "Comment"),
    "page_effect": ("Efektivitas Pelatihan", "Training Effectiveness"),
    "eff_intro": (
        "Empat tingkat Kirkpatrick: reaksi (L1), pembelajaran (L2), penerapan di tempat kerja (L3) dan "
        "kinerja (L4). Hasil survei dari kurang dari {k} responden disembunyikan.",
        "Kirkpatrick's four levels: reaction (L1), learning (L2), application on the job (L3) and "
        "results (L4). Survey results from fewer than {k} respondents are suppressed.",
    ),
    "eff_l1": ("L1 · Reaksi peserta per aspek, {year}", "L1 · Participant reaction by aspect, {year}"),
    "eff_l1_heat": ("L1 · Skor reaksi per OPD dan butir, {year} (kosong: n < {k})",
                    "L1 · Reaction score by agency and item, {year} (blank: n < {k})"),
    "eff_l2": ("L2 · Gain ternormalisasi (Hake) peserta yang lulus, {year}", "L2 · Normalized gain (Hake) of completers, {year}"),
    "eff_l3": ("L3 · Penerapan menurut alumni dan atasan, per {dim}, {year}",
               "L3 · Application as rated by alumni and supervisors, by {dim}, {year}"),
    "eff_scrap": (
        "Scrap learning: {share} pelatihan tidak diterapkan di tempat kerja (1 − tingkat penerapan), "
        "setara {cost} dari total biaya {total}.",
        "Scrap learning: {share} of training is not applied on the job (1 − application rate), "
        "worth {cost} of the {total} spent.",
    ),
    "eff_gap_sentence": (
        "Atasan menilai penerapan {sup} dibanding {self_} menurut alumni sendiri (selisih {gap}).",
        "Supervisors rate application {sup} against {self_} by the alumni themselves (gap {gap}).",
    ),
    "eff_l4": ("L4 · Predikat SKP {year}: ASN dengan ≥ 20 JP dibanding < 20 JP",
               "L4 · SKP rating {year}: ASN with ≥ 20 JP against < 20 JP"),
    "eff_l4_note": (
        "Ini hubungan (asosiasi), bukan bukti bahwa pelatihan menyebabkan kinerja lebih baik: ASN berkinerja "
        "baik mungkin juga lebih sering dikirim pelatihan.",
        "This is an association, not proof that training causes better performance: well-performing staff "
        "may also be sent to training more often.",
    ),
    "eff_compare": ("Bandingkan menurut", "Compare by"),
    "eff_programs": ("Program {year} ({n}): hasil per program", "Programs {year} ({n}): results per program"),
    "rating_share": ("Persentase ASN dalam kelompok", "Share of the group's ASN"),
    "col_program": ("Program", "Programme"),
    "col_participants": ("Peserta", "Participants"),
    "col_completion": ("Kelulusan", "Completion"),
    "col_ngain": ("Gain ternormalisasi", "Normalized gain"),
    "col_reaction": ("Reaksi", "Reaction"),
    "col_application": ("Penerapan (alumni)", "Application (alumni)"),
    "col_supervisor": ("Penerapan (atasan)", "Application (supervisor)"),
    "col_scrap_cost": ("Biaya tidak diterapkan", "Scrap cost"),
    "col_cost": ("Biaya", "Cost"),
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
    "topic": {"digitalisasi": ("Digitalisasi", "Digitalisation"), "pelayanan_publik": ("Pelayanan publik", "Public service"),
              "kesehatan": ("Kesehatan", "Health"), "pendidikan": ("Pendidikan", "Education"),
              "keuangan_daerah": ("Keuangan daerah", "Regional finance"), "kepemimpinan": ("Kepemimpinan", "Leadership"),
              "perencanaan": ("Perencanaan", "Planning"), "pengadaan": ("Pengadaan barang/jasa", "Procurement"),
              "kearsipan": ("Kearsipan", "Records management"), "bahasa_asing": ("Bahasa asing", "Foreign languages"),
              "integritas": ("Integritas & antikorupsi", "Integrity & anti-corruption"),
              "manajemen_kinerja": ("Manajemen kinerja", "Performance management")},
    "employment_type": {"PNS": ("PNS", "PNS (civil servant)"), "PPPK": ("PPPK", "PPPK (contract)")},
    "dimension": {"materi": ("Materi", "Content"), "fasilitator": ("Fasilitator/widyaiswara", "Facilitator"),
                  "sarana": ("Sarana/LMS", "Facilities/LMS"), "metode": ("Metode", "Method"),
                  "penerapan": ("Penerapan", "Application"), "dampak": ("Dampak", "Impact"),
                  "dukungan_atasan": ("Dukungan atasan", "Supervisor support"),
                  "keterbukaan": ("Keterbukaan", "Openness"), "adaptasi_digital": ("Adaptasi digital", "Digital adaptation"),
                  "motivasi": ("Motivasi", "Motivation")},
    "band": {"low": ("Rendah (g < 0,3)", "Low (g < 0.3)"), "medium": ("Sedang (0,3 ≤ g < 0,7)", "Medium (0.3 ≤ g < 0.7)"),
             "high": ("Tinggi (g ≥ 0,7)", "High (g ≥ 0.7)")},
    "rating": {"sangat_baik": ("Sangat baik", "Very good"), "baik": ("Baik", "Good"),
               "butuh_perbaikan": ("Butuh perbaikan", "Needs improvement"), "kurang": ("Kurang", "Poor"),
               "sangat_kurang": ("Sangat kurang", "Very poor")},
    "role": {"self": ("Alumni (diri sendiri)", "Alumni (self)"), "supervisor": ("Atasan", "Supervisor"),
             "peer": ("Rekan", "Peer")},
    "status": {"registered": ("Terdaftar", "Registered"), "completed": ("Lulus/selesai", "Completed"),
               "failed": ("Tidak lulus", "Failed"), "dropped": ("Mengundurkan diri", "Dropped out"),
               "no_show": ("Tidak hadir", "No-show")},
    "ipasn": {"sangat_tinggi": ("Sangat tinggi", "Very high"), "tinggi": ("Tinggi", "High"),
              "sedang": ("Sedang", "Medium"), "rendah": ("Rendah", "Low"),
              "sangat_rendah": ("Sangat rendah", "Very low")},
    "next_step": {"leadership": ("Pelatihan kepemimpinan sesuai jabatan", "Leadership training for the position"),
                  "functional": ("Pelatihan fungsional", "Functional training"),
                  "technical": ("Pelatihan teknis hingga ≥ 20 JP", "Technical training up to ≥ 20 JP"),
                  "seminar": ("Seminar/lokakarya", "Seminar/workshop")},
    "group": {"0": ("0 JP", "0 JP"), "1-19": ("1–19 JP", "1–19 JP"), ">=20": ("≥ 20 JP", "≥ 20 JP"),
              "reached": ("≥ 20 JP", "≥ 20 JP"), "below": ("< 20 JP", "< 20 JP")},
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
