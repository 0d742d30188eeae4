"""Tables that fit (issue 14, finding 5): a wide table shows its key columns first, with readable headers and cells
(never a raw field id), numbers right-aligned, JP whole unless fractional, and no empty rows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sdm_analytics.present import display, views

ROOT = Path(__file__).resolve().parents[1]
RAW_ID = re.compile(r"^[a-z]+(_[a-z]+)+$")  # a field, metric, check or code id as the engine writes it
RAW_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # one inside a sentence


def _page(demo_store, monkeypatch, page: str) -> AppTest:
    """A page as the demo's admin sees it (signed in without the form: nothing is written)."""
    monkeypatch.setenv("SDM_DB", demo_store.path)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["user"] = "admin"
    at.run()
    return at.switch_page(page).run()


def _grid(at, first: str, *, then: str | None = None):
    """The page's table whose first column is `first` (and second `then`): its shown frame and column config."""
    for frame in at.dataframe:
        cols = list(frame.value.columns)
        if cols[0] == first and (then is None or cols[1] == then):
            return frame.value, json.loads(frame.proto.columns or "{}")
    raise AssertionError(f"no table starting with {first!r}: {[list(f.value.columns) for f in at.dataframe]}")


def _readable(frame: pd.DataFrame) -> None:
    """No header and no cell is a raw id, and no row is empty."""
    assert not [h for h in frame.columns if RAW_ID.match(str(h))]
    cells = [str(v) for v in frame.to_numpy().ravel()]
    assert not [c for c in cells if RAW_ID.match(c)]
    assert not [i for i, row in frame.iterrows() if all(str(v).strip() in ("", "None", "nan") for v in row)]


def _laid_out(config: dict, numeric: set[str], pinned: str | None) -> None:
    """Numbers right-aligned, text not; the first column pinned when the table is wide."""
    right = {name for name, c in config.items() if c.get("alignment") == "right"}
    assert right == numeric
    assert [name for name, c in config.items() if c.get("pinned")] == ([pinned] if pinned else [])


# Each wide table a page shows: the page, its key columns in order, its numeric columns and the column pinned.
CASES = {
    "below_20_jp": ("pages/2_Partisipasi_20_JP.py",
                    ["Nama", "NIP", "JP tahun ini", "Minimal JP", "Kekurangan JP", "OPD"],
                    {"JP tahun ini", "Minimal JP", "Kekurangan JP"}, "Nama"),
    "programmes": ("pages/4_Efektivitas_Pelatihan.py",
                   ["Program", "JP", "Peserta", "Kelulusan", "Gain ternormalisasi ⟨g⟩", "Reaksi"],
                   {"JP", "Peserta", "Kelulusan", "Gain ternormalisasi ⟨g⟩", "Reaksi", "Penerapan (alumni)",
                    "Penerapan (atasan)", "Biaya", "Perkiraan kasar nilai tidak diterapkan"}, "Program"),
    "participants": ("pages/7_Program.py", ["Nama", "NIP", "Status", "Pre-test", "Post-test", "JP"],
                     {"Pre-test", "Post-test", "JP", "Kehadiran (%)"}, "Nama"),
    "next_programme": ("pages/8_Target_IP_ASN.py",
                       ["Nama", "NIP", "Poin (dari 40)", "Program berikutnya", "Tambahan poin"],
                       {"Poin (dari 40)", "Tambahan poin"}, "Nama"),
    "quality": ("pages/10_Kualitas_Data.py", ["Pemeriksaan", "Bermasalah (% dari total)", "Status", "Perbaikan"],
                {"Bermasalah (% dari total)", "Bermasalah", "Dari"}, "Pemeriksaan"),
    "account_log": ("pages/11_Akun.py", ["Waktu", "Kejadian", "Nama pengguna"], set(), None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_wide_table_shows_its_key_columns_first(demo_store, monkeypatch, case):
    page, keys, numeric, pinned = CASES[case]
    at = _page(demo_store, monkeypatch, page)
    assert not at.exception
    frame, config = _grid(at, keys[0], then=keys[1])
    assert list(frame.columns[:len(keys)]) == keys
    assert len(frame)
    _readable(frame)
    _laid_out(config, numeric, pinned)


def test_the_quality_fixes_name_columns_as_the_template_does(demo_store):
    """The 'Perbaikan' column named fields by their ids (biaya_per_peserta, jp_earned, (programs)): every fix,
    in both languages, reads as words."""
    from sdm_analytics.engine import quality
    from sdm_analytics.filters import Filters, Scope

    checks = quality.checks(demo_store, Filters.make(2025), Scope.everything("admin"))
    for lang, fix in (("id", "Perbaikan"), ("en", "What to fix")):
        table = views.quality_table(views.Reader(demo_store, lang), checks)
        assert table.key_columns[-1] == fix
        words = [w for text in table.shown.to_numpy().ravel() for w in RAW_WORD.findall(str(text))]
        assert words == [], lang
        assert not re.search(r"\((units|employees|programs|participations)\)", " ".join(table.shown[fix]))
    assert "Biaya per Peserta" in " ".join(views.quality_table(views.Reader(demo_store), checks).shown["Perbaikan"])


def test_the_account_log_names_roles_and_opds_and_leaves_no_cell_blank(demo_store):
    log = pd.DataFrame({"logged_at": pd.to_datetime(["2025-03-17 09:05", "2025-03-17 09:00", "2025-03-16 08:00"]),
                        "event": ["sign_in", "updated", "added"], "username": ["admin", "evaluator", "pimpinan"],
                        "actor": ["", "admin", "demo"], "detail": ["", "evaluator DINKES", "pimpinan"]})
    for lang, role, everything in (("id", "pimpinan", "semua OPD"), ("en", "leadership", "all OPDs")):
        shown = views.auth_log_table(views.Reader(demo_store, lang), log).shown
        detail = list(shown.iloc[:, -1])
        assert detail == ["–", "evaluator · Dinas Kesehatan", f"{role} · {everything}"]
        assert all(str(v).strip() for v in shown.to_numpy().ravel())


def test_a_short_table_is_no_taller_than_its_rows(demo_store):
    """The account log was given 320 px: the demo's few lines of log ended in empty rows."""
    from sdm_analytics import accounts

    table = views.auth_log_table(views.Reader(demo_store), accounts.auth_log(demo_store))
    assert 0 < len(table) < 8
    assert table.fit_height(320) == (len(table) + 1) * display.ROW_PX + display.BORDER_PX < 320
    assert table.fit_height(100) == 100 and table.fit_height("auto") == "auto"
    many = views.auth_log_table(views.Reader(demo_store), pd.concat([accounts.auth_log(demo_store)] * 10))
    assert many.fit_height(320) == 320
    assert many.column_config()["Rincian"] == {"width": "large"}


def test_jp_is_whole_unless_fractional(demo_store):
    frame = pd.DataFrame({"name": ["A", "B", "C"], "nip": ["1", "2", "3"], "jp": [0.0, 7.5, 3972.0],
                          "jp_min": [20.0, 20.0, 4000.0], "gap": [20.0, 12.5, 28.0], "opd_name": ["X"] * 3,
                          "opd_code": ["X"] * 3, "unit_name": ["Y"] * 3, "unit_code": ["Y"] * 3,
                          "position_name": ["Z"] * 3, "employment_type": ["PNS"] * 3, "area": ["urban"] * 3})
    shown = views.people_table(views.Reader(demo_store), frame).shown
    assert list(shown["JP tahun ini"]) == ["0", "7,5", "3.972"]
    assert list(shown["Kekurangan JP"]) == ["20", "12,5", "28"]
    english = views.people_table(views.Reader(demo_store, "en"), frame).shown
    assert list(english["JP this year"]) == ["0", "7.5", "3,972"]


def test_a_display_table_refuses_a_key_column_after_another():
    table = display.Columns("id").text("Nama", ["A"], key=True).num("JP", [1], "jp").display()
    assert table.key_columns == ["Nama"] and table.column_config() == {"JP": {"alignment": "right"}}
    with pytest.raises(ValueError, match="key columns first"):
        display.Columns("id").text("OPD", ["X"]).text("Nama", ["A"], key=True).display()
    with pytest.raises(ValueError, match="width"):
        display.Layout(width="huge")


def test_an_upload_preview_speaks_the_templates_headers(demo_store):
    """Issue 14: the Data page's preview showed the store's column names (`birth_date`, `opd_code`); it shows the
    headers the import templates use, in English the names in words."""
    from sdm_analytics import ingest

    plan = ingest.prepare(demo_store, [ROOT / "tests" / "data" / "import" / "pegawai.csv"])
    fp = plan.files[0]
    shown = views.preview_table(views.Reader(demo_store), fp)
    assert {"NIP", "Nama", "Tanggal Lahir", "Kode OPD"} <= set(shown.columns)
    assert not [c for c in shown.columns if "_" in c]
    english = views.preview_table(views.Reader(demo_store, "en"), fp)
    assert "Birth date" in english.columns and len(english) == len(shown)
