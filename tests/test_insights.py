"""Findings in words fire where they must and stay quiet where they must not."""

from __future__ import annotations

import pandas as pd

from sdm_analytics.insights import underserved_topics


def _gap(rows):
    frame = pd.DataFrame(rows, columns=["topic", "demand_share", "supply_share"])
    frame["gap"] = frame["demand_share"] - frame["supply_share"]
    return frame


def test_names_the_most_underserved_topics_in_order():
    gap = _gap([("digitalisasi", 0.254, 0.10), ("integritas", 0.017, 0.321), ("pelayanan_publik", 0.155, 0.068)])
    text = underserved_topics(gap, "id")
    assert text.startswith("Topik yang paling kurang terlayani: Digitalisasi (diminta 25,4% responden, hanya 10,0%")
    assert "Pelayanan publik (15,5% vs 6,8%)" in text
    assert "Integritas" not in text
    assert underserved_topics(gap, "en").startswith("The most under-served topics: Digitalisation")


def test_quiet_when_supply_meets_demand():
    gap = _gap([("digitalisasi", 0.10, 0.10), ("integritas", 0.05, 0.30)])
    assert "Tidak ada topik" in underserved_topics(gap, "id")


def test_says_when_suppressed():
    gap = _gap([("digitalisasi", None, 0.10)])
    assert "disembunyikan" in underserved_topics(gap, "id")
