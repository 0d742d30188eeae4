"""The briefing deck (PPTX/PDF): slide titles, notes, method text.

A finding slide's headline is "deck.headline." + the finding's kind (engine/insights.py); its table of targets uses the
Targets page's column headers (ui: col_indicator, col_target, col_actual, col_state, target_met, target_missed), its
headline indicators the overview's cards' words (ui: kpi_heading, target, vs_prev, suppressed).
"""

TEXT: dict[str, tuple[str, str]] = {
    "deck.title": ("Monitoring dan Evaluasi Pengembangan Kompetensi ASN",
                   "Monitoring and Evaluation of ASN Competency Development"),
    "deck.city": ("Pemerintah Kota Serang", "Kota Serang City Government"),
    "deck.period": ("Periode {year}", "Period {year}"),
    "deck.prepared": ("Disusun {date} · data per {as_of}", "Prepared {date} · data as of {as_of}"),
    "deck.finding": ("Temuan {i}", "Finding {i}"),
    "deck.finding_headline": ("Temuan {i} · {headline}", "Finding {i} · {headline}"),
    "deck.headline.year_change": ("Kepatuhan {jp} JP dari tahun ke tahun", "{jp} JP compliance year on year"),
    "deck.headline.weakest_strongest": ("Kesenjangan antar-OPD", "Gaps between agencies"),
    "deck.headline.equity_gap": ("Pusat kota dan pinggiran", "Centre and outskirts"),
    "deck.headline.underserved_topics": ("Kebutuhan yang belum terlayani", "Needs not yet served"),
    "deck.headline.low_application": ("Penerapan hasil pelatihan", "Applying what was learned"),
    "deck.headline.never_trained": ("ASN yang belum tersentuh pelatihan", "Staff not yet reached"),
    "deck.targets": ("Target {year} dan capaiannya", "Targets {year} and their actuals"),
    "deck.no_targets": ("Belum ada target untuk tampilan ini.", "No targets apply to this view."),
    "deck.recs": ("Rekomendasi", "Recommendations"),
    "deck.method": ("Metode dan kualitas data", "Method and data quality"),
    "deck.rec_topics": ("Tambah program untuk topik yang paling diminta: {topics}.",
                        "Add programmes on the most requested topics: {topics}."),
    "deck.rec_opds": ("Prioritaskan pendampingan {jp} JP di {opds}.", "Prioritise {jp} JP support in {opds}."),
    "deck.rec_online": ("Perluas pelatihan daring di pinggiran: rasio jangkauan pinggiran/pusat {daring} untuk "
                        "daring dibanding {luring} untuk luring.",
                        "Grow online training in the outskirts: the outskirts/centre reach ratio is {daring} online "
                        "against {luring} in person."),
    "deck.rec_reach": ("Jangkau lebih dulu ASN usia {band}: {share} belum dilatih dalam dua tahun.",
                       "Reach staff aged {band} first: {share} had no training in two years."),
    "deck.rec_apply": (
        "Perkuat penerapan pascapelatihan (rencana aksi, dukungan atasan): tingkat penerapan {rate}.",
        "Strengthen post-training application (action plans, supervisor support): application rate {rate}.",
    ),
    "deck.method_lines": (
        "Populasi: ASN yang menjabat pada 31 Desember {year} ({opds} OPD, {units} unit kerja); keikutsertaan dihitung "
        "menurut tanggal selesai program.",
        "Population: ASN in post on 31 December {year} ({opds} agencies, {units} work units); participations count by "
        "the programme's end date.",
    ),
    "deck.method_jp": (
        "JP dihitung hanya untuk keikutsertaan yang lulus. Kepatuhan dihitung atas ASN yang menjabat setahun penuh "
        "(ASN baru dalam Latsar/orientasi dilaporkan terpisah); minimal {pns} JP untuk PNS (PP 17/2020) dan {pppk} JP "
        "untuk PPPK (kebijakan daerah).",
        "JP counts for completed participations only. Compliance is over ASN in post the whole year (new staff in "
        "Latsar/orientation are reported apart); minimum {pns} JP for PNS (PP 17/2020) and {pppk} JP for PPPK (local "
        "policy).",
    ),
    "deck.method_survey": (
        "Hasil survei dari kurang dari {k} responden disembunyikan. Hubungan pelatihan dan SKP adalah asosiasi.",
        "Survey results from fewer than {k} respondents are suppressed. Training and SKP show an association.",
    ),
    "deck.quality_ok": ("Tidak ada masalah kualitas data yang berarti.", "No material data-quality problem."),
}
