"""What every export says about itself (the Keterangan sheet, a chart's footer)."""

TEXT: dict[str, tuple[str, str]] = {
    # the self-description of an export: label -> text
    "export.filters": ("Filter", "Filters"),
    "export.period": ("Periode", "Period"),
    "export.n": ("n", "n"),
    "export.as_of": ("Data per", "Data as of"),
    "export.source": ("Sumber", "Source"),
    "export.suppression": ("Penyembunyian", "Suppression"),
    "export.exported": ("Diekspor", "Exported"),
    "export.none": ("tanpa filter (seluruh Kota Serang)", "none (all of Kota Serang)"),
    "export.source_text": ("SDM ASN Analytics — BKPSDM Kota Serang", "SDM ASN Analytics — BKPSDM Kota Serang"),
    "export.suppressed": ("kelompok survei < {k} responden disembunyikan (n < {k}), juga lewat selisih",
                          "survey groups under {k} respondents suppressed (n < {k}), also by difference"),
    "export.not_suppressed": ("tidak ada kelompok yang disembunyikan", "no group suppressed"),
    "export.year": ("Tahun {year} (1 Januari – 31 Desember)", "Year {year} (1 January – 31 December)"),
    # the XLSX: the sheet that holds the description, the two ends of an interval split into columns
    "export.notes": ("Keterangan", "Notes"),
    "export.interval_low": ("bawah", "low"),
    "export.interval_high": ("atas", "high"),
}
