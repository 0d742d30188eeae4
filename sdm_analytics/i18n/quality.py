"""The data-quality checks (engine/quality.py): a label, a hint (how to fix it) and a trust note per check.

Keys are "quality.label.", "quality.hint." and "quality.note." + the check's id. A trust note fills {pct} (the share
with a problem), {rate} (1 − that share), {n} (the total, the base of the share) and {k} (the problems).
"""

TEXT: dict[str, tuple[str, str]] = {
    # unknown_unit
    "quality.label.unknown_unit": ("Unit kerja tidak dikenal", "Unknown unit"),
    "quality.hint.unknown_unit": (
        "Tambahkan kode OPD yang belum ada ke data unit kerja dan isi wilayahnya, lalu impor ulang.",
        "Add the missing OPD codes to the units file and fill in their area, then re-import.",
    ),
    "quality.note.unknown_unit": (
        "{pct} ASN tidak memiliki unit kerja atau wilayah yang dikenal (n = {n}): angka per wilayah kurang dapat "
        "dipercaya.",
        "{pct} of ASN have no known unit or area (n = {n}): figures by area are less reliable.",
    ),
    # missing_tests
    "quality.label.missing_tests": ("Nilai pre/post-test kosong", "Missing test scores"),
    "quality.hint.missing_tests": (
        "Lengkapi kolom Nilai Pre Test dan Nilai Post Test peserta yang lulus pada data peserta.",
        "Fill in the pre- and post-test scores (columns Nilai Pre Test and Nilai Post Test) of completers in the "
        "participants file.",
    ),
    "quality.note.missing_tests": (
        "{pct} peserta yang lulus pelatihan bertes tidak memiliki nilai pre/post-test (n = {n}): angka peningkatan "
        "nilai kurang dapat dipercaya.",
        "{pct} of completers of tested training have no pre/post-test score (n = {n}): learning-gain figures are "
        "less reliable.",
    ),
    # missing_cost
    "quality.label.missing_cost": ("Biaya program kosong", "Missing programme cost"),
    "quality.hint.missing_cost": (
        "Isi kolom Biaya per Peserta pada data program; biaya kosong dihitung tidak diketahui, bukan gratis.",
        "Fill in the cost per participant (column Biaya per Peserta) in the programmes file; a blank cost counts as "
        "unknown, not as free.",
    ),
    "quality.note.missing_cost": (
        "{pct} peserta mengikuti program tanpa data biaya (n = {n}): total biaya lebih rendah dari sebenarnya.",
        "{pct} of participants attended programmes without a recorded cost (n = {n}): total cost is understated.",
    ),
    # implausible_jp
    "quality.label.implausible_jp": ("JP tidak wajar", "Implausible JP"),
    "quality.hint.implausible_jp": (
        "Periksa JP, tanggal mulai dan tanggal selesai pada data program, dan kolom JP Diperoleh peserta yang "
        "melebihi JP program.",
        "Check the programme's JP, start and end dates in the programmes file, and any participant's JP earned "
        "(column JP Diperoleh) above the programme's JP.",
    ),
    "quality.note.implausible_jp": (
        "{pct} program memiliki JP yang tidak wajar untuk lamanya (n = {n}): angka JP kurang dapat dipercaya.",
        "{pct} of programmes have a JP implausible for their length (n = {n}): JP figures are less reliable.",
    ),
    # reaction_nonresponse
    "quality.label.reaction_nonresponse": (
        "Lulusan tanpa jawaban survei reaksi",
        "Completers without a reaction survey answer",
    ),
    "quality.hint.reaction_nonresponse": (
        "Minta peserta mengisi survei reaksi di akhir pelatihan, atau impor hasil survei reaksi yang belum masuk.",
        "Ask participants to fill in the reaction survey at the end of training, or import its missing results.",
    ),
    "quality.note.reaction_nonresponse": (
        "Hanya {rate} peserta yang lulus mengisi survei reaksi (n = {n}): skor reaksi kurang dapat dipercaya.",
        "Only {rate} of completers answered the reaction survey (n = {n}): reaction scores are less reliable.",
    ),
    # application_nonresponse
    "quality.label.application_nonresponse": (
        "Alumni tanpa jawaban survei penerapan",
        "Alumni without an application survey answer",
    ),
    "quality.hint.application_nonresponse": (
        "Kirim survei penerapan kepada alumni tiga bulan setelah pelatihan, atau impor hasilnya yang belum masuk.",
        "Send the application survey to alumni three months after training, or import its missing results.",
    ),
    "quality.note.application_nonresponse": (
        "Hanya {rate} alumni mengisi survei penerapan pasca pelatihan (n = {n}): skor penerapan kurang dapat "
        "dipercaya.",
        "Only {rate} of alumni answered the post-training application survey (n = {n}): application scores are less "
        "reliable.",
    ),
    # nip_mismatch
    "quality.label.nip_mismatch": ("NIP tidak cocok", "NIP mismatch"),
    "quality.hint.nip_mismatch": (
        "Cocokkan tanggal lahir dan jenis kelamin pada data pegawai dengan NIP di SIASN.",
        "Match the birth date and gender in the employees file against the NIP in SIASN.",
    ),
    "quality.note.nip_mismatch": (
        "{pct} NIP tidak cocok dengan tanggal lahir atau jenis kelamin (n = {n}): identitas sebagian ASN perlu "
        "diperiksa.",
        "{pct} of NIPs disagree with the birth date or gender (n = {n}): some identities need checking.",
    ),
    # no_training_record
    "quality.label.no_training_record": ("Tanpa catatan pelatihan sama sekali", "No training on record at all"),
    "quality.hint.no_training_record": (
        "Pastikan daftar hadir semua pelatihan, termasuk dari BPSDM Provinsi dan LAN, sudah diimpor ke data "
        "peserta.",
        "Check that the attendance lists of all programmes, external ones included, were imported into the "
        "participants file.",
    ),
    "quality.note.no_training_record": (
        "{pct} ASN tidak punya satu pun catatan pelatihan sampai akhir tahun ini, dalam status apa pun (n = {n}): "
        "daftar hadir mungkin belum lengkap, sehingga jangkauan bisa tampak lebih rendah.",
        "{pct} of ASN have no training on record at all up to the end of this year, in any status (n = {n}): "
        "attendance lists may be incomplete, so reach may look lower than it is.",
    ),
    # registered_open
    "quality.label.estimated_dates": ("Tanggal sertifikat hanya tahun", "Certificate dated by year only"),
    "quality.hint.estimated_dates": (
        "Lengkapi TANGGAL SELESAI pada riwayat diklat (SIASN/SIMPEG) lalu impor ulang; baris yang hanya bertahun "
        "dihitung pada 31 Desember.",
        "Fill in TANGGAL SELESAI in the training history (SIASN/SIMPEG) and import it again; a row with a year "
        "only counts on 31 December."),
    "quality.note.estimated_dates": (
        "{pct} pelatihan selesai berasal dari riwayat yang hanya mencantumkan tahun (n = {n}): JP-nya dihitung "
        "pada tahun yang benar, tanggalnya perkiraan (31 Desember).",
        "{pct} of completed trainings come from history rows that give only a year (n = {n}): their JP count in "
        "the right year, the date is an estimate (31 December)."),
    "quality.label.registered_open": ("Status peserta belum diperbarui", "Outcome not recorded"),
    "quality.hint.registered_open": (
        "Perbarui status peserta (lulus, tidak lulus, mundur, tidak hadir) pada data peserta untuk program yang "
        "sudah selesai.",
        "Update the participants' status (completed, failed, dropped out, no-show) in the participants file for "
        "programmes that have ended.",
    ),
    "quality.note.registered_open": (
        "{pct} peserta program yang sudah selesai masih berstatus terdaftar (n = {n}): tingkat kelulusan dan putus "
        "kurang dapat dipercaya.",
        "{pct} of participants of ended programmes are still 'registered' (n = {n}): completion and dropout rates "
        "are less reliable.",
    ),
    # the severity of a problem in an import file (the Data page's table of problems: present/views.py)
    "quality.issue.error": ("ditolak", "rejected"),
    "quality.issue.warning": ("peringatan", "warning"),
}
