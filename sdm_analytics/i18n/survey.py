"""Survey campaigns: why a link or an answer is refused, the links file's headers."""

TEXT: dict[str, tuple[str, str]] = {
    # a link that cannot be answered (the questionnaire page shows only this)
    "survey.link_unknown": ("Tautan survei ini tidak dikenal. Periksa kembali tautan yang Anda terima.",
                            "This survey link is not known. Please check the link you received."),
    "survey.link_expired": ("Masa pengisian survei ini sudah berakhir. Terima kasih.",
                            "The time to answer this survey has ended. Thank you."),
    "survey.link_closed": ("Survei ini sudah ditutup. Terima kasih.", "This survey is closed. Thank you."),
    # answers that cannot be written (one line per answer)
    "survey.invalid_answers": ("jawaban tidak dapat disimpan: {problems}", "the answers cannot be saved: {problems}"),
    "survey.no_answers": ("belum ada jawaban", "no answer given"),
    "survey.item_not_asked": ("butir ini bukan bagian dari kuesioner ini",
                              "this item is not part of this questionnaire"),
    "survey.value_not_number": ("jawaban harus berupa angka skala", "the answer must be a number on the scale"),
    "survey.unknown_option": ("pilihan tidak dikenal: {detail}", "unknown option: {detail}"),
    "survey.text_too_long": ("teks lebih dari {detail} karakter", "text longer than {detail} characters"),
    "survey.no_comment_item": ("kuesioner ini tidak punya butir komentar", "this questionnaire has no comment item"),
    # opening and managing a campaign
    "survey.unknown_kind": ("jenis kampanye tidak dikenal: {kind} (pilihan: {choices})",
                            "unknown campaign kind: {kind} (choices: {choices})"),
    "survey.program_required": ("kampanye {kind} memerlukan --program", "a {kind} campaign needs --program"),
    "survey.program_not_allowed": ("kampanye needs tidak memakai --program", "a needs campaign takes no --program"),
    "survey.unknown_program": ("kode program tidak ada: {code}", "unknown program code: {code}"),
    "survey.unknown_opd": ("kode OPD tidak ada: {codes}", "unknown OPD code: {codes}"),
    "survey.no_recipients": ("tidak ada penerima untuk kampanye ini", "this campaign has no recipients"),
    "survey.no_items": ("belum ada butir survei jenis {kind}", "there are no survey items of kind {kind}"),
    "survey.bad_days": ("--days harus 1 atau lebih: {value}", "--days must be 1 or more: {value}"),
    "survey.unknown_campaign": ("kampanye tidak ada: {campaign}", "no such campaign: {campaign}"),
    "survey.campaign_closed": ("kampanye {campaign} sudah ditutup", "campaign {campaign} is closed"),
    # the links file's headers
    "survey.col_name": ("nama", "name"),
    "survey.col_nip": ("nip", "nip"),
    "survey.col_unit": ("unit_kerja", "unit"),
    "survey.col_role": ("peran", "role"),
    "survey.col_about_nip": ("tentang_nip", "about_nip"),
    "survey.col_about_name": ("tentang_nama", "about_name"),
    "survey.col_link": ("tautan", "link"),
}
