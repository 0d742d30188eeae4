"""The findings written out for a briefing (the overview's key findings and the deck).

engine/insights.py fills these: figures come in already formatted for the language ({rate}, {n}, …), years and
counts of OPDs as plain numbers. Where the wording turns on a figure (rose / fell, met / to go, narrows / does not
narrow) each wording is its own key, chosen by the code.
"""

TEXT: dict[str, tuple[str, str]] = {
    # a list of names: "A, B dan C"
    "finding.list_last": ("{items} dan {last}", "{items} and {last}"),
    # under-served topics (needs survey against training supply)
    "finding.topics": ("Topik yang paling kurang terlayani: {topics}.", "The most under-served topics: {topics}."),
    "finding.topic_first": (
        "{name} (diminta {demand} responden, hanya {supply} dari JP pelatihan yang diselesaikan)",
        "{name} (asked for by {demand} of respondents, only {supply} of the JP of completed training)",
    ),
    "finding.topic_next": ("{name} ({demand} vs {supply})", "{name} ({demand} vs {supply})"),
    "finding.topics_suppressed": ("Hasil survei kebutuhan disembunyikan (responden terlalu sedikit).",
                                  "Needs survey results are suppressed (too few respondents)."),
    "finding.topics_none": ("Tidak ada topik yang permintaannya jelas melebihi penawaran.",
                            "No topic is clearly asked for more than it is offered."),
    "finding.topic_oversupplied": (
        "Sebaliknya, {topic} mengisi {supply} dari JP pelatihan tetapi hanya diminta {demand} responden.",
        "Conversely, {topic} makes up {supply} of training JP but is asked for by only {demand} of respondents.",
    ),
    # minimum-JP compliance year on year
    "finding.year_change_up": (
        "Kepatuhan {jp} JP naik dari {before} ({last_year}) menjadi {now} ({year}); "
        "n = {n} ASN yang menjabat setahun penuh.",
        "{jp} JP compliance rose from {before} ({last_year}) to {now} ({year}); n = {n} ASN in post the whole year.",
    ),
    "finding.year_change_down": (
        "Kepatuhan {jp} JP turun dari {before} ({last_year}) menjadi {now} ({year}); "
        "n = {n} ASN yang menjabat setahun penuh.",
        "{jp} JP compliance fell from {before} ({last_year}) to {now} ({year}); n = {n} ASN in post the whole year.",
    ),
    "finding.target_short": ("Target {goal}: masih kurang {points} poin persentase.",
                             "Target {goal}: {points} percentage points to go."),
    "finding.target_reached": ("Target {goal}: sudah tercapai.", "Target {goal}: met."),
    # the weakest and strongest OPD ({low}, {high}: "name (rate, n = …)")
    "finding.weakest_strongest": ("Kepatuhan {jp} JP terendah di {low} dan tertinggi di {high}.",
                                  "{jp} JP compliance is lowest in {low} and highest in {high}."),
    "finding.weakest_strongest_of": (
        "Kepatuhan {jp} JP terendah di {low} dan tertinggi di {high}, dari {total} OPD.",
        "{jp} JP compliance is lowest in {low} and highest in {high}, of {total} agencies.",
    ),
    "finding.weakest_strongest_among": (
        "Kepatuhan {jp} JP terendah di {low} dan tertinggi di {high}, di antara {judged} dari {total} OPD yang cukup "
        "besar untuk dinilai.",
        "{jp} JP compliance is lowest in {low} and highest in {high}, among the {judged} of {total} agencies large "
        "enough to judge.",
    ),
    "finding.opd_spread": (
        "Selisih {points} poin persentase antara OPD terendah dan tertinggi (OPD dengan n ≥ {min} ASN).",
        "A gap of {points} percentage points between the lowest and highest (agencies with n ≥ {min} ASN).",
    ),
    "finding.opd_spread_below": (
        "Selisih {points} poin persentase antara OPD terendah dan tertinggi (OPD dengan n ≥ {min} ASN); "
        "{below} dari {judged} OPD itu di bawah target {goal}.",
        "A gap of {points} percentage points between the lowest and highest (agencies with n ≥ {min} ASN); "
        "{below} of those {judged} agencies are below the {goal} target.",
    ),
    # centre and outskirts ({detail}: "area rate (n = …); …")
    "finding.equity_gap": ("Jangkauan di pinggiran (wilayah perdesaan dan terpencil) hanya {ratio} kali pusat kota "
                           "(wilayah perkotaan): {detail}.",
                           "Reach in the outskirts (rural and remote areas) is only {ratio} times the centre's (urban "
                           "areas): {detail}."),
    "finding.online_narrows": (
        "Untuk pelatihan daring rasionya {daring}, untuk luring {luring}: daring mempersempit kesenjangan.",
        "For online training the ratio is {daring}, in person {luring}: online narrows the gap.",
    ),
    "finding.online_not_narrows": (
        "Untuk pelatihan daring rasionya {daring}, untuk luring {luring}: daring tidak mempersempit kesenjangan.",
        "For online training the ratio is {daring}, in person {luring}: online does not narrow the gap.",
    ),
    # applying what was learned
    "finding.low_application_target": (
        "Hanya {rate} alumni menerapkan hasil pelatihan (n = {n} respons, target {bar}).",
        "Only {rate} of alumni apply what they learned (n = {n} responses, target {bar}).",
    ),
    "finding.low_application_benchmark": (
        "Hanya {rate} alumni menerapkan hasil pelatihan (n = {n} respons, acuan {bar}).",
        "Only {rate} of alumni apply what they learned (n = {n} responses, benchmark {bar}).",
    ),
    "finding.supervisor_rating": ("Atasan menilai penerapan {supervisor} dari 5, alumni sendiri {alumni}.",
                                  "Supervisors rate application {supervisor} of 5, the alumni themselves {alumni}."),
    "finding.scrap": (
        "Perkiraan kasar nilai pelatihan yang belum diterapkan: {estimate} ({share} alumni yang belum menerapkan × "
        "biaya pelatihan {basis} di luar Latsar/orientasi; n = {n} respons). Ini perkiraan, bukan kerugian.",
        "Rough estimate of the value of training not yet applied: {estimate} ({share} of alumni not applying × "
        "training cost of {basis} outside Latsar/orientation; n = {n} responses). An estimate, not a loss.",
    ),
    # targets and staff not reached
    "finding.targets_missed": ("{missed} dari {total} target kota belum tercapai: {names}.",
                               "{missed} of {total} city targets are not met: {names}."),
    "finding.never_trained": (
        "{n} ASN ({share} dari {headcount} ASN yang menjabat) tidak dilatih dua tahun: tidak menyelesaikan satu pun "
        "pelatihan pada {first}–{year}.",
        "{n} ASN ({share} of {headcount} in post) were not trained for two years: they completed no training in "
        "{first}–{year}.",
    ),
    "finding.never_trained_age": ("Tertinggi pada kelompok usia {band}: {share} (n = {n}).",
                                  "Highest among staff aged {band}: {share} (n = {n})."),
}
