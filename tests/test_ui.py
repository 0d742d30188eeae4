"""Small pure helpers of the UI layer."""

from __future__ import annotations

from sdm_analytics.ui import picked_value


def test_picked_value_reads_the_code_behind_a_click():
    assert picked_value({"points": [{"customdata": "DISHUB", "x": 0.09}]}) == "DISHUB"
    assert picked_value({"points": [{"customdata": ["urban", "3.716"]}]}) == "urban"
    assert picked_value({"points": [{"customdata": [2024, "5.625"]}]}) == 2024
    assert picked_value({"points": []}) is None
    assert picked_value(None) is None
