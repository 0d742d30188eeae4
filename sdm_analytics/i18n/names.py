"""Names of the registries' items: metric labels and definitions, filter dimensions, chart titles.

Keyed by the item's id ("metric.label.jp20_rate", "dim.opd", "chart.trend"); a metric's {jp} is the configured
yearly JP minimum."""

TEXT: dict[str, tuple[str, str]] = {
    # metrics (engine/metrics.py METRICS)
    "metric.label.headcount": ("Jumlah ASN", "Headcount"),
    "metric.desc.headcount": ("ASN yang menjabat pada akhir tahun", "Civil servants in post at year end"),
    "metric.label.jp_total": ("Total JP", "Total JP"),
    "metric.desc.jp_total": ("Jumlah JP yang diselesaikan ASN dalam tahun", "JP completed by ASN in the year"),
    "metric.label.jp_per_asn": ("JP per ASN", "JP per ASN"),
    "metric.desc.jp_per_asn": ("Rata-rata JP per ASN", "Mean JP per civil servant"),
    "metric.label.jp20_rate": ("Kepatuhan {jp} JP", "{jp} JP compliance"),
    "metric.desc.jp20_rate": (
        "Persentase ASN yang menjabat setahun penuh dengan JP dalam tahun ≥ minimalnya ({jp}; PNS: PP 17/2020, "
        "PPPK: kebijakan daerah); ASN baru dihitung terpisah",
        "Share of ASN in post the whole year whose JP in the year reaches their minimum ({jp}; PNS: PP 17/2020, "
        "PPPK: local policy); new staff are counted apart",
    ),
    "metric.label.reach_rate": ("Jangkauan", "Reach"),
    "metric.desc.reach_rate": (
        "Persentase ASN yang menyelesaikan ≥ 1 pelatihan",
        "Share of ASN who completed ≥ 1 training",
    ),
    "metric.label.completion_rate": ("Tingkat kelulusan", "Completion rate"),
    "metric.desc.completion_rate": (
        "Selesai ÷ peserta dengan hasil (lulus, tidak lulus, mundur, tidak hadir)",
        "Completed ÷ participations with an outcome",
    ),
    "metric.label.dropout_rate": ("Mundur & tidak hadir", "Dropout & no-show"),
    "metric.desc.dropout_rate": (
        "(Mengundurkan diri + tidak hadir) ÷ peserta dengan hasil",
        "(Dropped + no-show) ÷ participations with an outcome",
    ),
    "metric.label.learning_gain": ("Peningkatan nilai", "Learning gain"),
    "metric.desc.learning_gain": ("Rata-rata nilai post-test − pre-test", "Mean post-test − pre-test"),
    "metric.label.normalized_gain": ("Gain ternormalisasi ⟨g⟩", "Normalized gain ⟨g⟩"),
    "metric.desc.normalized_gain": (
        "Gain ternormalisasi kelas (Hake): (rata-rata post − rata-rata pre) ÷ (100 − rata-rata pre)",
        "Hake's class-average gain: (mean post − mean pre) ÷ (100 − mean pre)",
    ),
    "metric.label.reaction_score": ("Skor reaksi", "Reaction score"),
    "metric.desc.reaction_score": (
        "Rata-rata jawaban survei reaksi (Kirkpatrick 1)",
        "Mean reaction answer (Kirkpatrick 1)",
    ),
    "metric.label.reaction_favorable": ("Reaksi positif", "Favourable reaction"),
    "metric.desc.reaction_favorable": ("Persentase jawaban reaksi ≥ 4", "Share of reaction answers ≥ 4"),
    "metric.label.application_score": ("Skor penerapan", "Application score"),
    "metric.desc.application_score": (
        "Rata-rata jawaban alumni tentang penerapan (Kirkpatrick 3)",
        "Mean alumni application answer (Kirkpatrick 3)",
    ),
    "metric.label.application_rate": ("Tingkat penerapan", "Application rate"),
    "metric.desc.application_rate": (
        "Persentase respons alumni dengan rata-rata ≥ 4",
        "Share of alumni responses averaging ≥ 4",
    ),
    "metric.label.supervisor_application_score": ("Skor penerapan (atasan)", "Application score (supervisor)"),
    "metric.desc.supervisor_application_score": (
        "Rata-rata penilaian atasan tentang penerapan",
        "Mean supervisor rating of application",
    ),
    "metric.label.cost_total": ("Total biaya", "Total cost"),
    "metric.desc.cost_total": (
        "Σ biaya per peserta atas keikutsertaan tahun ini (lulus, tidak lulus, mundur) semua ASN yang menjabat pada"
        " tahun itu, termasuk yang keluar: yang dibayar anggaran",
        "Σ cost per participant over the year's participations (completed, failed, dropped) of every ASN in post "
        "during the year, leavers included: what the budget paid",
    ),
    "metric.label.cost_per_jp": ("Biaya per JP", "Cost per JP"),
    "metric.desc.cost_per_jp": (
        "Total biaya ÷ JP keikutsertaan yang biayanya diketahui",
        "Total cost ÷ JP of the participations whose cost is known",
    ),
    "metric.label.online_share": ("Porsi daring", "Online share"),
    "metric.desc.online_share": ("JP dari program daring ÷ total JP", "JP from online programs ÷ total JP"),
    "metric.label.reach_ratio_nonurban": ("Rasio jangkauan pinggiran/pusat", "Reach ratio outskirts/centre"),
    "metric.desc.reach_ratio_nonurban": (
        "Jangkauan di wilayah non-perkotaan ÷ jangkauan di perkotaan",
        "Reach outside urban areas ÷ reach in urban areas",
    ),
    "metric.label.readiness_score": ("Kesiapan berubah", "Readiness for change"),
    "metric.desc.readiness_score": ("Rata-rata jawaban survei kesiapan berubah", "Mean readiness-for-change answer"),
    # filter and breakdown dimensions (filters.py DIMENSIONS)
    "dim.opd": ("OPD", "Agency (OPD)"),
    "dim.unit": ("Unit kerja", "Work unit"),
    "dim.area": ("Wilayah", "Area"),
    "dim.kecamatan": ("Kecamatan", "District (kecamatan)"),
    "dim.employment_type": ("Status kepegawaian", "Employment type"),
    "dim.rank_group": ("Golongan", "Rank group"),
    "dim.position_type": ("Jenis jabatan", "Position type"),
    "dim.gender": ("Jenis kelamin", "Gender"),
    "dim.education": ("Pendidikan", "Education"),
    "dim.age_band": ("Kelompok usia", "Age band"),
    "dim.category": ("Kategori", "Category"),
    "dim.topic": ("Topik", "Topic"),
    "dim.mode": ("Metode", "Mode"),
    "dim.organizer": ("Penyelenggara", "Organizer"),
    "dim.program": ("Program", "Programme"),
    # charts (present/catalog.py CHARTS)
    "chart.trend": ("Tren kepatuhan JP minimal dan jangkauan", "Minimum-JP compliance and reach over the years"),
    "chart.area_mode": ("Jangkauan per wilayah dan metode", "Reach by area and training mode"),
    "chart.opd_ranking": (
        "Kepatuhan JP minimal per OPD (atau per unit kerja satu OPD)",
        "Minimum-JP compliance by agency (or by the work units of one agency)",
    ),
    "chart.opd_extremes": (
        "OPD terlemah dan terkuat (kepatuhan JP minimal)",
        "Weakest and strongest agencies (minimum-JP compliance)",
    ),
    "chart.jp_distribution": ("Sebaran JP per ASN", "Distribution of JP per ASN"),
    "chart.breakdown": ("Indikator partisipasi menurut satu dimensi", "A participation indicator by one dimension"),
    "chart.equity": (
        "Pemerataan: tingkat per kelompok dengan selang kepercayaan 95%",
        "Equity: a rate by group with 95% CI",
    ),
    "chart.reaction_aspects": ("Reaksi peserta per aspek (L1)", "Participant reaction by aspect (L1)"),
    "chart.gain_bands": (
        "N-Gain individu: sebaran per peserta (L2)",
        "Individual N-gain: spread over participants (L2)",
    ),
    "chart.reaction_heatmap": ("Reaksi per butir dan OPD (L1)", "Reaction by item and agency (L1)"),
    "chart.application": ("Penerapan menurut alumni dan atasan (L3)", "Application by alumni and supervisors (L3)"),
    "chart.application_drivers": (
        "Faktor pendukung penerapan: alumni dan atasan",
        "What enables application: alumni and supervisors",
    ),
    "chart.level4": ("Penilaian kinerja (SKP) menurut pelatihan (L4)", "Performance rating (SKP) by training (L4)"),
    "chart.needs_gap": ("Permintaan vs penawaran per topik", "Demand vs supply by topic"),
    "chart.needs_mode": ("Metode pelatihan yang disukai per wilayah", "Preferred training mode by area"),
    "chart.needs_heatmap": ("Topik yang diminta per OPD", "Topics asked for by agency"),
    "chart.never_trained": ("Belum pernah dilatih (2 tahun) per kelompok", "Never trained (2 years) by group"),
    "chart.dropout": ("Tidak selesai per kelompok", "Dropout by group"),
    "chart.readiness": ("Kesiapan berubah per kelompok", "Readiness for change by group"),
    "chart.readiness_participation": (
        "Kesiapan berubah menurut JP yang diselesaikan",
        "Readiness for change by JP completed",
    ),
    "chart.program_tests": (
        "Pre-test dan post-test tiap peserta (satu program)",
        "Each participant's pre- and post-test (one programme)",
    ),
    "chart.program_application": ("Penerapan: alumni dan atasan per aspek", "Application: alumni and supervisors"),
    "chart.targets": ("Capaian terhadap target", "Attainment against targets"),
    "chart.ipasn_components": ("Cakupan komponen kompetensi IP ASN", "Coverage of the IP ASN competence components"),
    "chart.ipasn_trend": ("Skor kompetensi IP ASN per tahun", "IP ASN competence score by year"),
    "chart.ipasn_opd": ("Skor kompetensi IP ASN per OPD", "IP ASN competence score by agency"),
    "chart.data_quality": ("Kualitas data", "Data quality"),
}
