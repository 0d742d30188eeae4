"""Filters and scope are frozen, hashable cache keys built from user values."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sdm_analytics.filters import DIMENSIONS, EMPLOYEE_DIMS, PROGRAM_DIMS, Filters, Scope, default_year
from sdm_analytics.i18n import dim_label


def test_filters_are_hashable_and_order_free():
    a = Filters.make(2025, {"opd": ["B", "A"], "mode": "daring"})
    b = Filters.make(2025, {"opd": ["A", "B", "A"], "mode": ["daring"]})
    assert a == b and hash(a) == hash(b)
    assert a.to_dict() == {"opd": ["A", "B"], "mode": ["daring"]}


def test_employee_filter_detection():
    assert not Filters.make(2025, {"mode": ["daring"]}).has_employee_filter()
    assert Filters.make(2025, {"gender": ["P"]}).has_employee_filter()


def test_with_year_and_value():
    f = Filters.make(2025, {"opd": ["A"]})
    assert f.with_year(2024).year == 2024 and f.with_year(2024).opd == ("A",)
    assert f.with_value("opd", []).opd == ()
    with pytest.raises(ValueError):
        f.with_value("nope", ["x"])


def test_scope():
    assert not Scope.everything().restricted
    s = Scope.of(["A"])
    assert s.restricted and s.role == "evaluator" and s.suppresses
    assert not Scope.everything(role="admin").suppresses


# Every filter / breakdown dimension with its level and its labels, as docs/metrics.md (1.7, 3.1) lists them.
EXPECTED_DIMENSIONS = {
    "opd": ("employee", "OPD", "Agency (OPD)"),
    "unit": ("employee", "Unit kerja", "Work unit"),
    "area": ("employee", "Wilayah", "Area"),
    "kecamatan": ("employee", "Kecamatan", "District (kecamatan)"),
    "employment_type": ("employee", "Status kepegawaian", "Employment type"),
    "rank_group": ("employee", "Golongan", "Rank group"),
    "position_type": ("employee", "Jenis jabatan", "Position type"),
    "gender": ("employee", "Jenis kelamin", "Gender"),
    "education": ("employee", "Pendidikan", "Education"),
    "age_band": ("employee", "Kelompok usia", "Age band"),
    "category": ("program", "Kategori", "Category"),
    "topic": ("program", "Topik", "Topic"),
    "mode": ("program", "Metode", "Mode"),
    "organizer": ("program", "Penyelenggara", "Organizer"),
    "program": ("program", "Program", "Programme"),
}


def test_every_dimension_has_its_level_and_labels():
    assert {k: (d.level, d.label_id, d.label_en) for k, d in DIMENSIONS.items()} == EXPECTED_DIMENSIONS
    assert all(k == d.id for k, d in DIMENSIONS.items())
    assert EMPLOYEE_DIMS == tuple(k for k, v in EXPECTED_DIMENSIONS.items() if v[0] == "employee")
    assert PROGRAM_DIMS == tuple(k for k, v in EXPECTED_DIMENSIONS.items() if v[0] == "program")
    for lang, col in (("id", 1), ("en", 2)):  # what the sidebar and the breakdown choice show
        assert [dim_label(k, lang) for k in DIMENSIONS] == [v[col] for v in EXPECTED_DIMENSIONS.values()]


def test_the_documented_breakdown_dimensions_are_the_registry_s():
    """docs/metrics.md 3.1 lists the breakdown dimensions by level: the same ids, in the same order."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "metrics.md").read_text()
    section = doc[doc.index("### 3.1"):doc.index("### 3.2")]
    employee = section[section.index("- employee dimensions:"):section.index("- programme dimensions:")]
    programme = section[section.index("- programme dimensions:"):section.index("- `year`")]
    assert re.findall(r"`([a-z_]+)`", employee) == list(EMPLOYEE_DIMS)
    assert re.findall(r"`([a-z_]+)`", programme) == [d for d in PROGRAM_DIMS if d != "program"]  # a filter only


@pytest.mark.parametrize("years,expected", [
    ([2023, 2024, 2025, 2099], 2025), ([2024, 2026], 2026), ([2027, 2030], 2027), ([2019], 2019), ([], None)])
def test_the_default_year_is_the_latest_that_is_not_in_the_future(years, expected):
    """One programme dated 2099 does not become every page's year (the future year can still be chosen)."""
    assert default_year(years, dt.date(2026, 11, 3)) == expected
