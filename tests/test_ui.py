"""Small pure helpers of the UI layer."""

from __future__ import annotations

from sdm_analytics.ui import picked_value


def test_picked_value_reads_the_code_behind_a_click():
    assert picked_value({"points": [{"customdata": "DISHUB", "x": 0.09}]}) == "DISHUB"
    assert picked_value({"points": [{"customdata": ["urban", "3.716"]}]}) == "urban"
    assert picked_value({"points": [{"customdata": [2024, "5.625"]}]}) == 2024
    assert picked_value({"points": []}) is None
    assert picked_value(None) is None


def test_item_labels_stay_unique_for_a_revised_questionnaire():
    import pandas as pd

    from sdm_analytics.catalog import item_labels

    frame = pd.DataFrame({"item_code": ["R_MAT_1", "R25_MAT_1", "R_FAS_1"],
                          "dimension": ["materi", "materi", "fasilitator"]})
    labels = item_labels(frame, "id")
    assert len(set(labels)) == 3
    assert labels[2] == "Fasilitator/widyaiswara 1"
