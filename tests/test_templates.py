"""XLSX import templates: the sheets an admin sees, and every template read back by the real importer."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sdm_analytics import ingest
from sdm_analytics.contract import CODES, KIND_ORDER, KINDS, PNS_RANKS, PPPK_RANKS
from sdm_analytics.engine.metrics import METRIC_IDS
from sdm_analytics.ingest import templates
from sdm_analytics.ingest.readers import norm_header
from sdm_analytics.store import Store

TEMPLATE_KINDS = list(KIND_ORDER)
LANGS = ("id", "en")
NIP = "198503172010011003"  # the example NIP, as the store holds it
SUPERVISOR = "197208051998031002"  # the example's supervisor, an employee already in the store

# Minimal rows the examples point at (DINKES, the NIP, PLT-2025-014, R_MAT_1).
BASE = {
    "units": pd.DataFrame({"opd_code": ["DINKES"], "opd_name": ["Dinas Kesehatan"]}),
    "employees": pd.DataFrame({"nip": [NIP, SUPERVISOR], "name": ["Ahmad Fauzi", "Siti Rahmawati"],
                               "opd_code": ["DINKES", "DINKES"], "hire_date": [dt.date(2010, 1, 1), dt.date(1998, 3, 1)]}),
    "programs": pd.DataFrame({"program_code": ["PLT-2025-014"], "title": ["Pelayanan Publik Prima"], "jp": [32.0],
                              "start_date": [dt.date(2025, 7, 14)], "end_date": [dt.date(2025, 7, 17)]}),
    "survey_items": pd.DataFrame({"item_code": ["R_MAT_1"], "survey_kind": ["reaction"], "scale_min": [1],
                                  "scale_max": [5]}),
}
NEEDS = {
    "units": (),
    "employees": ("units", "employees"),
    "programs": (),
    "participations": ("units", "employees", "programs"),
    "survey_items": (),
    "survey_responses": ("units", "employees", "programs", "survey_items"),
    "performance": ("units", "employees"),
    "targets": ("units",),
    "history": ("units", "employees"),
}
# What the importer makes of the example row: a few canonical values per kind.
EXPECTED = {
    "units": {"opd_code": "DINKES", "area": "urban"},
    "employees": {"nip": NIP, "birth_date": pd.Timestamp(1985, 3, 17), "hire_date": pd.Timestamp(2010, 1, 1),
                  "rank_group": "III/c", "gender": "L", "supervisor_nip": SUPERVISOR},
    "programs": {"jp": 32.0, "start_date": pd.Timestamp(2025, 7, 14), "cost_per_participant": 1250000.0},
    "participations": {"nip": NIP, "status": "completed", "pre_test": 62.5},
    "survey_items": {"item_code": "R_MAT_1", "scale_min": 1, "scale_max": 5},
    "survey_responses": {"nip": NIP, "submitted_at": pd.Timestamp(2025, 7, 18, 14, 35), "value": 4.0},
    "performance": {"nip": NIP, "year": 2024, "rating": "baik"},
    "targets": {"indicator": "jp20_rate", "opd_code": "DINKES", "target": 0.8},
    "history": {"nip": NIP, "category": "teknis", "end_date": pd.Timestamp(2024, 10, 10), "jp": 24.0,
                "certificate_no": "445/BTK/2024/031"},
}


def book(kind: str, lang: str = "id") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(kind, lang)))


def store_for(kind: str) -> Store:
    store = Store(":memory:")
    data = {k: BASE[k] for k in NEEDS[kind]}
    if kind == "employees":  # the example's supervisor is stored; the example itself is new
        data["employees"] = BASE["employees"][BASE["employees"]["nip"] == SUPERVISOR]
    store.replace_all(data)
    return store


def allowed(column: str) -> set[str]:
    if column == "rank_group":
        return set(PNS_RANKS) | set(PPPK_RANKS)
    if column == "indicator":
        return set(METRIC_IDS)
    return set(CODES[column])


def test_names_cover_every_kind_and_imply_it():
    names = templates.template_names()
    assert set(names) == set(TEMPLATE_KINDS)
    assert names["employees"] == "template_pegawai.xlsx"
    for kind, name in names.items():
        assert ingest.kind_of_name(name) == kind


def test_header_text():
    assert templates.header_text("kode_opd") == "Kode OPD"
    assert templates.header_text("tanggal_lahir") == "Tanggal Lahir"
    assert templates.header_text("tmt") == "TMT"
    assert templates.header_text("biaya_per_peserta") == "Biaya per Peserta"


def test_unknown_kind_is_refused_and_indonesian_names_accepted():
    with pytest.raises(ValueError, match="unknown kind"):
        templates.template_xlsx("gaji")
    assert book("pegawai").sheetnames[0] == "pegawai"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_sheets_headers_and_example_cells(kind: str, lang: str):
    wb = book(kind, lang)
    helper = ("Kode", "Petunjuk") if lang == "id" else ("Codes", "Instructions")
    assert wb.sheetnames == [KINDS[kind].file_names[0], *helper]
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    columns = KINDS[kind].public_columns
    head = list(ws[1])
    assert len(head) == len(columns)
    for cell, col in zip(head, columns):
        assert norm_header(cell.value) == col.aliases[0]  # the Indonesian header the importer knows
        assert cell.font.b and cell.fill.fgColor.rgb.endswith("DDEBF7")
        assert cell.comment is not None
        assert cell.value.endswith(" *") == col.required
        if col.required:
            assert cell.font.color.rgb.endswith("C00000")
        example = ws.cell(2, cell.column)
        letter = cell.column_letter
        if col.type in ("text", "code"):
            assert ws.column_dimensions[letter].number_format == "@"
        if col.name == "nip":  # text, never a number Excel may round
            assert example.data_type == "s" and example.number_format == "@"
            assert example.value.replace(" ", "") == NIP
        if col.type == "date" and example.value is not None:
            assert example.is_date and example.number_format == "dd/mm/yyyy"
        if col.type == "money":
            assert example.number_format == "#,##0" and isinstance(example.value, int)
    assert ws.max_row == 2


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_codes_sheet_lists_every_allowed_code(kind: str, lang: str):
    wb = book(kind, lang)
    ws = wb.worksheets[1]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    listed: dict[str, set[str]] = {}
    for header, code, meaning, _ in ws.iter_rows(min_row=2, values_only=True):
        listed.setdefault(norm_header(header), set()).add(code)
        assert meaning, (kind, code)
    coded = [c for c in KINDS[kind].public_columns if c.type == "code"]
    assert coded
    assert listed == {c.aliases[0]: allowed(c.name) for c in coded}
    # each coded column of the data sheet offers its codes as a dropdown (a warning, not a block)
    validations = wb.worksheets[0].data_validations.dataValidation
    assert len(validations) == len(coded) and all(v.errorStyle == "warning" for v in validations)


def test_codes_sheet_names_meanings_and_variants():
    rows = {r[1]: r for r in book("participations").worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert rows["completed"][2] == "Lulus/selesai"
    assert "lulus" in rows["completed"][3] and "tidak lulus" in rows["failed"][3]
    ranks = {r[1]: r[2] for r in book("employees").worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert ranks["III/a"] == "PNS, Penata Muda" and ranks["IV/e"] == "PNS, Pembina Utama"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_instructions_one_row_per_column(kind: str, lang: str):
    ws = book(kind, lang).worksheets[2]
    assert ws.freeze_panes == "A2"
    yes, no = ("Ya", "Tidak") if lang == "id" else ("Yes", "No")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    for col, (header, required, ctype, rule, _) in zip(KINDS[kind].public_columns, rows):
        assert norm_header(header) == col.aliases[0]
        assert required == (yes if col.required else no)
        assert ctype and rule
    notes = " ".join(str(r[0]) for r in rows[len(KINDS[kind].public_columns):] if r[0])
    assert templates.template_names()[kind] in notes


def test_instructions_state_the_contract_rules():
    rules = {norm_header(r[0]): r[3] for r in book("programs").worksheets[2].iter_rows(min_row=2, values_only=True)
             if r[3]}
    assert "1000" in rules["jp"] and "Wajib" in rules["jp"]
    assert "hari dulu" in rules["tanggal_mulai"].lower()
    rules = {norm_header(r[0]): r[3] for r in book("employees", "en").worksheets[2].iter_rows(min_row=2,
                                                                                              values_only=True)
             if r[3]}
    assert "18 digits" in rules["nip"] and "Day first" in rules["tmt"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_template_round_trips_through_the_importer(kind: str, lang: str, tmp_path: Path):
    path = tmp_path / f"{KINDS[kind].file_names[0]}.xlsx"
    path.write_bytes(templates.template_xlsx(kind, lang))
    store = store_for(kind)
    try:
        plan = ingest.prepare(store, [path])
        fp = plan.files[0]
        assert fp.fatal is None, fp.fatal_message()
        assert (fp.kind, fp.kind_from) == (kind, "file_name")
        assert {m["column"] for m in fp.mapping} == set(KINDS[kind].public_names)  # every header recognised
        assert (fp.rows, fp.valid, fp.rejected) == (1, 1, 0)
        assert fp.issues.empty, fp.issues.to_dict("records")  # not even a warning
        assert plan.ok and fp.estimate == {"added": 1, "updated": 0, "unchanged": 0}
        row = fp.preview.iloc[0]
        for column, value in EXPECTED[kind].items():
            assert row[column] == value, column
    finally:
        store.close()


@pytest.mark.parametrize("kind", TEMPLATE_KINDS)
def test_downloaded_or_renamed_template_is_still_recognised(kind: str):
    data = templates.template_xlsx(kind)
    store = store_for(kind)
    try:
        plan = ingest.prepare(store, [(templates.template_names()[kind], data), ("unduhan (1).xlsx", data)])
        download, renamed = plan.files
        assert (download.kind, download.kind_from) == (kind, "file_name")
        assert (renamed.kind, renamed.kind_from) == (kind, "sheet")  # the data sheet's name, not Kode/Petunjuk
        assert plan.ok
    finally:
        store.close()


def test_all_templates_import_together_into_an_empty_store(mem_store: Store):
    items = [(name, templates.template_xlsx(kind)) for kind, name in templates.template_names().items()]
    plan = ingest.prepare(mem_store, reversed(items))  # any order: the importer sorts by dependency
    assert plan.ok, [(f.name, f.fatal, f.issues.to_dict("records")) for f in plan.files]
    ingest.commit(mem_store, plan)
    # the certificate is a training of its own: a second programme (generated) and a second participation
    many = {"programs": 2, "participations": 2}
    assert {kind: mem_store.count(kind) for kind in KIND_ORDER} == {kind: many.get(kind, 1) for kind in KIND_ORDER}
    assert mem_store.scalar("SELECT nip FROM employees") == NIP
    assert mem_store.scalar("SELECT jp_earned FROM participations WHERE program_code LIKE 'RW-%'") == 24.0
