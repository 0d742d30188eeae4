"""XLSX import templates: a data sheet per kind the importer reads back as is, its codes and its rules.

    data = template_xlsx("employees")     # bytes: sheets "pegawai", "Kode", "Petunjuk"
    template_names()["employees"]         # "template_pegawai.xlsx"

The data sheet is named after the kind's Indonesian file name and carries the
first Indonesian alias of every column as a readable header ("Tanggal Lahir",
"Kode OPD"); a required column ends in " *" (the importer's header key drops
the star), is red and has a comment. Row 2 is one example for Kota Serang
whose references agree across kinds, so the nine examples import together.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..contract import CODE_ALIASES, CODES, KINDS, PNS_RANKS, PPPK_RANKS, Column
from ..engine.metrics import METRIC_IDS, METRICS
from ..i18n import CODE_LABELS, TEXT, code_label, pick, t
from ..settings import Settings
from .messages import label
from .plan import resolve_kind

__all__ = ["template_xlsx", "template_names", "header_text", "sheet_name", "coded_values", "EXAMPLES"]

REQUIRED_MARK = " *"
_UPPER = {"nip", "opd", "jp", "tmt", "id", "skp", "pns", "pppk"}
_LOWER = {"per", "dan"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FONT = Font(bold=True, color="000000")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_EXAMPLE_FONT = Font(italic=True, color="595959")
_FORMATS = {"text": "@", "code": "@", "date": "dd/mm/yyyy", "timestamp": "dd/mm/yyyy hh:mm",
            "integer": "0", "money": "#,##0", "number": "General"}
_VALIDATED_ROWS = 5000  # dropdowns reach this far down the data sheet

# One example row per kind; the references agree (DINKES, the NIP, PLT-2025-014, R_MAT_1). The history example is
# a certificate of another training, so it becomes a programme of its own (a generated RW- code).
_NIP = "19850317 201001 1 003"
_SUPERVISOR = "19720805 199803 1 002"  # the example's atasan langsung, a head of section at DINKES
EXAMPLES: dict[str, dict[str, object]] = {
    "units": {"opd_code": "DINKES", "opd_name": "Dinas Kesehatan", "opd_type": "dinas", "kecamatan": "Serang",
              "area": "urban", "parent_code": None},
    "employees": {"nip": _NIP, "name": "Ahmad Fauzi, S.K.M.", "gender": "L", "birth_date": dt.date(1985, 3, 17),
                  "employment_type": "PNS", "rank_group": "III/c", "position_type": "fungsional",
                  "position_name": "Epidemiolog Kesehatan Ahli Muda", "education": "S1", "opd_code": "DINKES",
                  "hire_date": dt.date(2010, 1, 1), "exit_date": None, "supervisor_nip": _SUPERVISOR},
    "programs": {"program_code": "PLT-2025-014", "title": "Pelatihan Pelayanan Publik Prima",
                 "category": "teknis", "topic": "pelayanan_publik", "mode": "blended",
                 "organizer": "BKPSDM Kota Serang", "jp": 32, "start_date": dt.date(2025, 7, 14),
                 "end_date": dt.date(2025, 7, 17), "capacity": 30, "cost_per_participant": 1250000},
    "participations": {"program_code": "PLT-2025-014", "nip": _NIP, "status": "completed", "attendance_pct": 100,
                       "pre_test": 62.5, "post_test": 85, "jp_earned": None},
    "survey_items": {"item_code": "R_MAT_1", "survey_kind": "reaction", "dimension": "materi",
                     "text_id": "Materi pelatihan relevan dengan tugas saya.",
                     "text_en": "The training content was relevant to my job.", "scale_min": 1, "scale_max": 5},
    "survey_responses": {"response_id": "REA-2025-0001", "item_code": "R_MAT_1", "nip": _NIP,
                         "program_code": "PLT-2025-014", "respondent_role": "self",
                         "submitted_at": dt.datetime(2025, 7, 18, 14, 35), "value": 4,
                         "answer_text": None},
    "performance": {"nip": _NIP, "year": 2024, "rating": "baik"},
    "targets": {"indicator": "jp20_rate", "year": 2025, "opd_code": "DINKES", "target": 0.8},
    "history": {"nip": _NIP, "title": "Bimtek Surveilans Epidemiologi", "category": "teknis",
                "organizer": "Dinas Kesehatan Provinsi Banten", "start_date": dt.date(2024, 10, 7),
                "end_date": dt.date(2024, 10, 10), "year": 2024, "jp": 24, "certificate_no": "445/BTK/2024/031",
                "mode": "luring", "topic": "kesehatan"},
}

# What a kind's rows point at: those kinds must be in the store (or in the same import) first.
_NEEDS = {"employees": ("units",), "participations": ("programs", "employees"),
          "survey_responses": ("survey_items", "programs", "employees"), "performance": ("employees",),
          "targets": ("units",), "history": ("employees",)}

# What a code means: the data's code labels (i18n/codes.py) for the columns they name (under the column's name
# but for these), the catalogue's "template.meaning.<column>_" keys for the others.
_LABELLED_AS = {"respondent_role": "role"}
_MEANINGS = {"opd_type": "template.meaning.opd_type_", "education": "template.meaning.education_",
             "survey_kind": "template.meaning.survey_kind_"}
# A kind's column rules are "template.rule.<kind>_<column>" (written out: the catalogue's test sees each prefix).
_RULES = {"units": "template.rule.units_", "employees": "template.rule.employees_",
          "programs": "template.rule.programs_", "participations": "template.rule.participations_",
          "survey_items": "template.rule.survey_items_", "survey_responses": "template.rule.survey_responses_",
          "performance": "template.rule.performance_", "targets": "template.rule.targets_",
          "history": "template.rule.history_"}
# The rank groups' names (pangkat), I/a … IV/e.
_PANGKAT = ("Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I", "Pengatur Muda", "Pengatur Muda Tingkat I",
            "Pengatur", "Pengatur Tingkat I", "Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
            "Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama")

# General notes of the instructions sheet: (shown when, key); "date" and "nip" only for kinds with such columns.
_NOTES = (("all", "template.instructions.fill"), ("needs", "template.instructions.needs"),
          ("all", "template.instructions.example"), ("date", "template.instructions.date"),
          ("nip", "template.instructions.nip"), ("all", "template.instructions.codes"),
          ("all", "template.instructions.upload"))
_CODES_HEAD = ("template.head_column", "template.head_code", "template.head_meaning", "template.head_accepted")
_HELP_HEAD = ("template.head_column", "template.head_required", "template.head_type", "template.head_rule",
              "template.head_example")


def header_text(alias: str) -> str:
    """A human header from an alias: kode_opd -> "Kode OPD", tanggal_lahir -> "Tanggal Lahir"."""
    words = alias.split("_")
    out = [w.upper() if w in _UPPER else w if (w in _LOWER and i) else w.capitalize() for i, w in enumerate(words)]
    return " ".join(out)


def _header(col: Column) -> str:
    return header_text(col.aliases[0]) + (REQUIRED_MARK if col.required else "")


def sheet_name(kind: str) -> str:
    """The data sheet's name: the kind's first Indonesian file name (pegawai, unit_kerja, ...)."""
    return KINDS[kind].file_names[0]


def template_names() -> dict[str, str]:
    """Kind -> suggested download name (template_pegawai.xlsx); the name alone tells the importer the kind."""
    return {kind: f"template_{sheet_name(kind)}.xlsx" for kind in KINDS if kind in EXAMPLES}


def coded_values(kind: str, lang: str = "id", settings: Settings | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Coded column -> [(code, meaning, accepted variants)] for the kind's columns that take codes."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for col in KINDS[kind].public_columns:
        if col.type != "code":
            continue
        if col.name == "rank_group":
            rows = [(r, t("template.rank_pns", lang, pangkat=p), "") for r, p in zip(PNS_RANKS, _PANGKAT)]
            rows += [(r, t("template.rank_pppk", lang, grade=r), "") for r in PPPK_RANKS]
        elif col.name == "indicator":
            rows = [(m, METRICS[m].label(lang, settings), "") for m in METRIC_IDS]
        else:
            variants = CODE_ALIASES.get(col.name, {})
            rows = [(code, _meaning(col.name, code, lang), ", ".join(v for v, c in variants.items() if c == code))
                    for code in CODES[col.name]]
        out[col.name] = rows
    return out


def _meaning(column: str, code: str, lang: str) -> str:
    dim = _LABELLED_AS.get(column, column)
    if dim in CODE_LABELS:
        return code_label(dim, code, lang)
    key = f"{_MEANINGS[column]}{code}" if column in _MEANINGS else None
    return t(key, lang) if key in TEXT else ""


def _rule(kind: str, col: Column, lang: str) -> str:
    parts = [t("template.required", lang)] if col.required else []
    key = f"{_RULES[kind]}{col.name}"
    if key in TEXT:
        parts.append(t(key, lang))
    elif col.name == "nip":
        parts.append(t("template.nip_ref", lang))
    if col.type in ("date", "timestamp"):
        parts.append(t("template.date_rule", lang))
    if col.type == "code" and col.name != "topic":
        parts.append(t("template.code_rule", lang, sheet=t("template.sheet_codes", lang)))
    return " ".join(parts)


def _style_header(ws: Worksheet, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _data_sheet(ws: Worksheet, kind: str, lang: str, codes_at: dict[str, str]) -> None:
    columns = KINDS[kind].public_columns
    example = EXAMPLES[kind]
    _style_header(ws, [_header(c) for c in columns])
    widths = []
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(1, i)
        head.comment = Comment(_rule(kind, col, lang), "SDM ASN Analytics", width=300, height=110)
        if col.required:
            head.font = _REQUIRED_FONT
        fmt = _FORMATS[col.type]
        ws.column_dimensions[letter].number_format = fmt  # new rows typed by hand get the format too
        cell = ws.cell(2, i, example.get(col.name))
        cell.number_format, cell.font = fmt, _EXAMPLE_FONT
        shown = len(str(example.get(col.name) or "")) if col.type not in ("date", "timestamp") else 16
        widths.append(min(max(len(head.value) + 4, shown + 3, 10), 45))
        if col.name in codes_at:
            dv = DataValidation(type="list", formula1=codes_at[col.name], allow_blank=True, showErrorMessage=True,
                                errorStyle="warning", errorTitle=t("template.dv_title", lang),
                                error=t("template.dv_error", lang, sheet=t("template.sheet_codes", lang)))
            dv.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
            ws.add_data_validation(dv)
    _widths(ws, widths)
    ws.row_dimensions[1].height = 30


def _codes_sheet(ws: Worksheet, kind: str, lang: str, settings: Settings | None = None) -> dict[str, str]:
    """Write the codes; return column -> the list formula of its code range (for dropdowns)."""
    _style_header(ws, [t(key, lang) for key in _CODES_HEAD])
    ref = quote_sheetname(ws.title)
    headers = {c.name: header_text(c.aliases[0]) for c in KINDS[kind].public_columns}
    ranges = {}
    for col, rows in coded_values(kind, lang, settings).items():
        first = ws.max_row + 1
        for code, meaning, variants in rows:
            ws.append([headers[col], code, meaning, variants])
            ws.cell(ws.max_row, 2).number_format = "@"
        ranges[col] = f"{ref}!$B${first}:$B${ws.max_row}"
    _widths(ws, [22, 22, 42, 60])
    return ranges


def _as_text(value: object, ctype: str, lang: str) -> str:
    """An example value as the admin would type it (dates day first, Indonesian number marks)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if ctype == "money":
        return f"{value:,.0f}".replace(",", pick((".", ","), lang))
    if isinstance(value, float):
        return str(value).replace(".", pick((",", "."), lang))
    return str(value)


def _help_sheet(ws: Worksheet, kind: str, lang: str) -> None:
    _style_header(ws, [t(key, lang) for key in _HELP_HEAD])
    for col in KINDS[kind].public_columns:
        example = _as_text(EXAMPLES[kind].get(col.name), col.type, lang)
        ws.append([_header(col), t("template.yes" if col.required else "template.no", lang),
                   t(f"template.type_{col.type}", lang), _rule(kind, col, lang), example])
        if col.required:
            ws.cell(ws.max_row, 1).font = _REQUIRED_FONT
    ws.append([])
    ws.append([t("template.notes", lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    spec = KINDS[kind]
    fill = {"data": sheet_name(kind), "what": t(f"template.what_{kind}", lang),
            "codes": t("template.sheet_codes", lang),
            "key_columns": " + ".join(header_text(c.aliases[0]) for c in spec.public_columns if c.name in spec.key),
            "file": template_names()[kind],
            "needs": ", ".join(label(k, lang) for k in _NEEDS.get(kind, ()))}
    shown = {"all": True, "needs": kind in _NEEDS, "nip": "nip" in spec.public_names,
             "date": any(c.type in ("date", "timestamp") for c in spec.public_columns)}
    notes = [t(key, lang, **fill) for when, key in _NOTES if shown[when]]
    for n, note in enumerate(notes, start=1):
        ws.append([f"{n}. {note}"])
    for row in ws.iter_rows(min_row=2, max_col=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 4)
    _widths(ws, [24, 9, 16, 70, 26])


def template_xlsx(kind: str, lang: str = "id", settings: Settings | None = None) -> bytes:
    """An XLSX import template for one kind: data sheet with an example row, codes sheet, instructions sheet."""
    resolved = resolve_kind(kind)
    if resolved is None or resolved not in EXAMPLES:
        raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(k for k in KINDS if k in EXAMPLES)}")
    kind = resolved
    book = Workbook()
    data = book.active
    data.title = sheet_name(kind)
    codes = book.create_sheet(t("template.sheet_codes", lang))
    help_ = book.create_sheet(t("template.sheet_help", lang))
    _data_sheet(data, kind, lang, _codes_sheet(codes, kind, lang, settings))
    _help_sheet(help_, kind, lang)
    book.properties.title = t("template.title", lang, name=pick((sheet_name(kind), kind), lang))
    book.properties.creator = "SDM ASN Analytics — BKPSDM Kota Serang"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
