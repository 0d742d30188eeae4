"""Filters and scope are frozen, hashable cache keys built from user values."""

from __future__ import annotations

import pytest

from sdm_analytics.filters import DIMENSIONS, Filters, Scope


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


def test_every_dimension_has_labels():
    for d in DIMENSIONS.values():
        assert d.label_id and d.label_en and d.level in ("employee", "program")
