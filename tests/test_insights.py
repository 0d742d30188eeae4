"""Each kind of finding fires where it must and stays quiet where it must not."""

from __future__ import annotations

import pandas as pd

from sdm_analytics.engine import insights
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
    found = insights.year_change(0.58, 0.412, 5420, 2025)
    assert found.text == ("Kepatuhan 20 JP naik dari 41,2% (2024) menjadi 58,0% (2025); "
                          "n = 5.420 ASN yang menjabat setahun penuh.")
    assert insights.year_change(0.58, 0.412, 5420, 2025, jp="24").text.startswith("Kepatuhan 24 JP naik")
    assert "fell" in insights.year_change(0.40, 0.45, 10, 2025, "en").text
    assert insights.year_change(0.51, 0.50, 100, 2025) is None  # under 2 pp: no finding
    assert insights.year_change(0.51, None, 100, 2025) is None


def _judged():
    """OPDs large enough to judge (catalog.judged_opds: n ≥ min_group), as the deck's chart ranks them."""
    return pd.DataFrame({"opd": ["A", "B", "C"], "jp20_rate": [0.224, 0.6, 0.9], "n_jp20_rate": [118, 200, 40]})


def test_weakest_and_strongest_opd_among_those_judged():
    found = insights.weakest_strongest(_judged(), {"A": "Kecamatan Kasemen"}, "id", total=37)
    assert found.text == ("Kepatuhan 20 JP terendah di Kecamatan Kasemen (22,4%, n = 118) dan tertinggi di C (90,0%, "
                          "n = 40), di antara 3 dari 37 OPD yang cukup besar untuk dinilai.")
    assert insights.weakest_strongest(_judged(), {}, "id", total=3).text.endswith(", dari 3 OPD.")
    assert insights.weakest_strongest(_judged().head(2), {}, "id") is None  # too few OPDs to rank


def test_equity_gap():
    by_area = pd.DataFrame({"area": ["urban", "rural"], "reach_rate": [0.792, 0.638], "n_reach_rate": [3716, 1936]})
    found = insights.equity_gap(0.81, by_area)
    assert "0,81 kali" in found.text and "perdesaan 63,8% (n = 1.936)" in found.text
    assert insights.equity_gap(0.95, by_area) is None
    assert insights.equity_gap(None, by_area) is None


def test_low_application():
    found = insights.low_application(0.621, 1622, 0.7)
    assert found.text == "Hanya 62,1% alumni menerapkan hasil pelatihan (n = 1.622 respons, target 70,0%)."
    assert insights.low_application(0.75, 100, 0.7) is None
    # under the 70% floor without a target: said as a benchmark, not as a target nobody set
    assert "acuan 70,0%" in insights.low_application(0.65, 100, None).text
    assert insights.low_application(None, 0, 0.7) is None


def test_scrap_is_a_rough_estimate_with_its_basis_never_a_loss():
    scrap = {"share": 0.379, "application_rate": 0.621, "n": 1622, "cost_basis": 16_000_000_000,
             "estimate": 0.379 * 16_000_000_000}
    text = insights.scrap_sentence(scrap, "id")
    assert text.startswith("Perkiraan kasar nilai pelatihan yang belum diterapkan: " + fmt_idr_compact(scrap["estimate"]))
    assert "37,9% alumni" in text and fmt_idr_compact(16_000_000_000) in text and "n = 1.622" in text
    assert "di luar Latsar/orientasi" in text and "bukan kerugian" in text and "setara" not in text
    assert "not a loss" in insights.scrap_sentence(scrap, "en")
    assert insights.scrap_sentence({**scrap, "estimate": None}) == ""


def test_targets_missed():
    progress = pd.DataFrame({"indicator": ["jp20_rate", "reach_rate", "jp20_rate"], "opd_code": ["", "", "DINKES"],
                             "met": [False, True, False]})
    found = insights.targets_missed(progress, {"jp20_rate": "Kepatuhan 20 JP"})
    assert found.text == "1 dari 2 target kota belum tercapai: Kepatuhan 20 JP."
    assert insights.targets_missed(progress.assign(met=True), {}) is None


def test_never_trained_share():
    found = insights.never_trained_share(746, 5652, 2025)
    assert found.text == ("746 ASN (13,2% dari 5.652 ASN yang menjabat) tidak dilatih dua tahun: tidak menyelesaikan "
                          "satu pun pelatihan pada 2024–2025.")
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
