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

    from sdm_analytics.present.catalog import item_labels

    frame = pd.DataFrame({"item_code": ["R_MAT_1", "R25_MAT_1", "R_FAS_1"],
                          "dimension": ["materi", "materi", "fasilitator"]})
    # the two 'Materi 1' items are told apart by their codes; an item alone in its label keeps the short one
    assert item_labels(frame, "id") == ["Materi 1 (R_MAT_1)", "Materi 1 (R25_MAT_1)", "Fasilitator/widyaiswara 1"]
    assert item_labels(frame, "en") == ["Content 1 (R_MAT_1)", "Content 1 (R25_MAT_1)", "Facilitator 1"]


def test_a_download_writes_who_took_which_file_to_the_account_log(own_demo_store):
    """The download is logged in the store the view reads (its own copy here: a log line is a write)."""
    from sdm_analytics import accounts
    from sdm_analytics.filters import Filters
    from sdm_analytics.settings import load_settings
    from sdm_analytics.ui import Context, logged

    store = own_demo_store
    user = accounts.get(store, "evaluator")
    ctx = Context("participation", "id", Filters.make(2025), user.scope(), store.path, store.version,
                  load_settings(), tuple(store.years()), user)

    def exports() -> list[tuple[str, str, str]]:
        log = accounts.auth_log(store, 10_000)
        rows = log[log["event"] == "export"][["username", "actor", "detail"]]
        return [tuple(r) for r in rows.itertuples(index=False)]

    assert exports() == []  # the demo as built: no download yet
    build = logged(ctx, "asn_di_bawah_20_jp_2025.xlsx", lambda: b"PK\x03\x04")
    assert exports() == []  # nothing is built, or logged, before the click
    assert build() == b"PK\x03\x04"
    assert exports() == [("evaluator", "evaluator", "asn_di_bawah_20_jp_2025.xlsx")]
    last = accounts.auth_log(store, 1).iloc[0]
    assert (last["event"], last["username"], last["detail"]) == ("export", "evaluator", "asn_di_bawah_20_jp_2025.xlsx")

