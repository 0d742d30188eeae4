"""Each kind of finding fires where it must and stays quiet where it must not."""

from __future__ import annotations

import pandas as pd

from sdm_analytics import insights
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.formatting import fmt_idr_compact


def _gap(rows):
    frame = pd.DataFrame(rows, columns=["topic", "demand_share", "supply_share"])
    frame["gap"] = frame["demand_share"] - frame["supply_share"]
    return frame


def test_names_the_most_underserved_topics_in_order():
    gap = _gap([("digitalisasi", 0.254, 0.10), ("integritas", 0.017, 0.321), ("pelayanan_publik", 0.155, 0.068)])
    text = insights.underserved_topics(gap, "id")
    assert text.startswith("Topik yang paling kurang terlayani: Digitalisasi (diminta 25,4% responden, hanya 10,0%")
    assert "Pelayanan publik (15,5% vs 6,8%)" in text
    assert "Integritas" not in text
    assert insights.underserved_topics(gap, "en").startswith("The most under-served topics: Digitalisation")


def test_quiet_when_supply_meets_demand():
    gap = _gap([("digitalisasi", 0.10, 0.10), ("integritas", 0.05, 0.30)])
    assert "Tidak ada topik" in insights.underserved_topics(gap, "id")


def test_says_when_suppressed():
    gap = _gap([("digitalisasi", None, 0.10)])
    assert "disembunyikan" in insights.underserved_topics(gap, "id")


def test_year_change():
    found = insights.year_change(0.58, 0.412, 5652, 2025)
    assert found.text == "Kepatuhan 20 JP naik dari 41,2% (2024) menjadi 58,0% (2025); n = 5.652 ASN."
    assert "fell" in insights.year_change(0.40, 0.45, 10, 2025, "en").text
    assert insights.year_change(0.51, 0.50, 100, 2025) is None  # under 2 pp: no finding
    assert insights.year_change(0.51, None, 100, 2025) is None


def _by_opd():
    return pd.DataFrame({"opd": ["A", "B", "C", "D"], "jp20_rate": [0.224, 0.6, 0.9, 0.05],
                         "n_jp20_rate": [118, 200, 40, 12]})


def test_weakest_and_strongest_opd_ignore_small_units():
    found = insights.weakest_strongest(_by_opd(), {"A": "Kecamatan Kasemen"}, "id", min_n=30)
    assert found.text == ("Kepatuhan 20 JP terendah di Kecamatan Kasemen (22,4%, n = 118); "
                          "tertinggi di C (90,0%, n = 40).")
    assert insights.weakest_strongest(_by_opd().head(2), {}, "id") is None  # too few OPDs to rank


def test_equity_gap():
    by_area = pd.DataFrame({"area": ["urban", "rural"], "reach_rate": [0.792, 0.638], "n_reach_rate": [3716, 1936]})
    found = insights.equity_gap(0.81, by_area)
    assert "0,81 kali" in found.text and "perdesaan 63,8% (n = 1.936)" in found.text
    assert insights.equity_gap(0.95, by_area) is None
    assert insights.equity_gap(None, by_area) is None


def test_low_application():
    found = insights.low_application(0.621, 1622, 17_786_950_000, 0.7)
    assert found.text.startswith("Hanya 62,1% alumni menerapkan hasil pelatihan (n = 1.622 respons, target 70,0%)")
    assert fmt_idr_compact((1 - 0.621) * 17_786_950_000) in found.text
    assert insights.low_application(0.75, 100, None, 0.7) is None
    assert insights.low_application(0.65, 100, None, None) is not None  # under the 70% floor without a target
    assert insights.low_application(None, 0, None, 0.7) is None


def test_targets_missed():
    progress = pd.DataFrame({"indicator": ["jp20_rate", "reach_rate", "jp20_rate"], "opd_code": ["", "", "DINKES"],
                             "met": [False, True, False]})
    found = insights.targets_missed(progress, {"jp20_rate": "Kepatuhan 20 JP"})
    assert found.text == "1 dari 2 target kota belum tercapai: Kepatuhan 20 JP."
    assert insights.targets_missed(progress.assign(met=True), {}) is None


def test_never_trained_share():
    found = insights.never_trained_share(746, 5652, 2025)
    assert found.text.startswith("746 ASN (13,2%) tidak menyelesaikan satu pun pelatihan pada 2024–2025")
    assert insights.never_trained_share(100, 5652, 2025) is None


def test_findings_on_the_demo_are_ranked_and_scoped(demo_store):
    found = insights.findings(demo_store, Filters.make(2025))
    kinds = [f.kind for f in found]
    assert {"year_change", "weakest_strongest", "equity_gap", "targets_missed"} <= set(kinds)
    assert [f.importance for f in found] == sorted((f.importance for f in found), reverse=True)
    scoped = insights.findings(demo_store, Filters.make(2025), Scope.of(["DINKES", "RSUD"]))
    assert "targets_missed" not in {f.kind for f in scoped}  # city targets are outside an OPD evaluator's scope
    assert all("Dinas Perhubungan" not in f.text for f in scoped)
    assert insights.findings(demo_store, Filters.make(1990)) == []


def test_findings_carry_a_supporting_sentence(demo_store):
    found = {f.kind: f for f in insights.findings(demo_store, Filters.make(2025))}
    assert found["year_change"].detail.startswith("Target 60,0%: masih kurang")
    assert "daring mempersempit kesenjangan" in found["equity_gap"].detail
    assert found["weakest_strongest"].detail.startswith("Selisih ")
