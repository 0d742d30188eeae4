"""Configurable values of the domain (DOMAIN.md): never literals elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "sdm.duckdb"


# Years whose method changed, marked on trends: (year, metric ids affected, note id, note en).
# The IP ASN weights (PermenPANRB 38/2018) were under revision in 2023 (DOMAIN.md).
METHOD_CHANGES: tuple[tuple[int, tuple[str, ...], str, str], ...] = (
    (2023, ("ipasn",), "Bobot IP ASN direvisi", "IP ASN weights revised"),
)


def method_notes(metric_id: str, lang: str = "id") -> dict[int, str]:
    """Years whose method changed for a metric, with the note to mark on its trend."""
    return {year: (en if lang == "en" else id_) for year, ids, id_, en in METHOD_CHANGES if metric_id in ids}


@dataclass(frozen=True)
class Settings:
    """Values an agency may set differently; read from the environment."""

    jp_min: float = 20.0  # yearly minimum of PP 17/2020
    minutes_per_jp: int = 45
    min_respondents: int = 5  # survey groups below this are suppressed
    favorable_min: float = 4.0  # a Likert answer at or above this is favourable
    min_group: int = 30  # groups smaller than this are flagged too small to judge a gap
    idle_minutes: int = 60  # a dashboard session idle this long is signed out


def load_settings() -> Settings:
    """Settings with SDM_JP_MIN / SDM_MINUTES_PER_JP / SDM_MIN_RESPONDENTS / SDM_IDLE_MINUTES applied."""
    return Settings(
        jp_min=float(os.environ.get("SDM_JP_MIN", Settings.jp_min)),
        minutes_per_jp=int(os.environ.get("SDM_MINUTES_PER_JP", Settings.minutes_per_jp)),
        min_respondents=int(os.environ.get("SDM_MIN_RESPONDENTS", Settings.min_respondents)),
        idle_minutes=int(os.environ.get("SDM_IDLE_MINUTES", Settings.idle_minutes)),
    )


def resolve_db_path(db: str | os.PathLike | None = None) -> str:
    """The store path: the explicit argument, else SDM_DB, else data/sdm.duckdb."""
    if db:
        return str(db)
    env = os.environ.get("SDM_DB")
    if env:
        return env
    return str(DEFAULT_DB)
