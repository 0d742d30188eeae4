"""Findings in words, computed from the engine's frames (Bahasa Indonesia first, English second)."""

from __future__ import annotations

import pandas as pd

from .formatting import fmt_value
from .i18n import code_label

__all__ = ["underserved_topics"]


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " and " if lang == "en" else " dan "
    return ", ".join(items[:-1]) + word + items[-1]


def underserved_topics(gap: pd.DataFrame, lang: str = "id", k: int = 3, min_gap: float = 0.02) -> str:
    """The k topics whose demand share most exceeds their supply share, in one sentence."""
    usable = gap[gap["gap"].notna() & (gap["gap"] >= min_gap)].sort_values("gap", ascending=False).head(k)
    if usable.empty:
        if gap["gap"].isna().all():
            return ("Hasil survei kebutuhan disembunyikan (responden terlalu sedikit)." if lang != "en"
                    else "Needs survey results are suppressed (too few respondents).")
        return ("Tidak ada topik yang permintaannya jelas melebihi penawaran." if lang != "en"
                else "No topic is clearly asked for more than it is offered.")
    parts = []
    for i, row in enumerate(usable.itertuples()):
        name = code_label("topic", row.topic, lang)
        demand, supply = fmt_value(row.demand_share, "rate", lang), fmt_value(row.supply_share, "rate", lang)
        if i == 0:
            parts.append(f"{name} (diminta {demand} responden, hanya {supply} dari pelatihan yang diselesaikan)"
                         if lang != "en" else f"{name} (asked for by {demand} of respondents, only {supply} of "
                                              f"completed training)")
        else:
            parts.append(f"{name} ({demand} vs {supply})")
    lead = "Topik yang paling kurang terlayani: " if lang != "en" else "The most under-served topics: "
    return lead + _join(parts, lang) + "."
