"""Configurable values of the domain (DOMAIN.md): never literals elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "sdm.duckdb"


# Years whose method changed, marked on trends: (year, metric ids affected, note id, note en, source).
# A change is marked only with the regulation or document that made it (its source is printed with the
# mark); none is known for the figures shown today.
METHOD_CHANGES: tuple[tuple[int, tuple[str, ...], str, str, str], ...] = ()


def method_notes(metric_id: str, lang: str = "id") -> dict[int, str]:
    """Years whose method changed for a metric, with the note (and its source) to mark on its trend."""
    return {year: f"{en if lang == 'en' else id_} ({source})"
            for year, ids, id_, en, source in METHOD_CHANGES if metric_id in ids and source}


@dataclass(frozen=True)
class Settings:
    """Values an agency may set differently; read from the environment."""

    jp_min: float = 20.0  # PNS: the yearly minimum of PP 11/2017 jo PP 17/2020
    jp_min_pppk: float = 20.0  # PPPK: a local policy (PP 49/2018 caps PPPK development at 24 JP a year)
    minutes_per_jp: int = 45
    min_respondents: int = 5  # survey groups below this are suppressed
    favorable_min: float = 4.0  # a Likert answer at or above this is favourable
    min_group: int = 30  # groups smaller than this are flagged too small to judge a gap
    idle_minutes: int = 60  # a dashboard session idle this long is signed out

    def jp_min_for(self, employment_type: str | None) -> float:
        """The yearly JP minimum of an employment type."""
        return self.jp_min_pppk if employment_type == "PPPK" else self.jp_min

    def jp_min_text(self, lang: str = "id") -> str:
        """The minimum as people read it: '20 JP', or '20 JP (PNS) / 24 JP (PPPK)' when they differ."""
        from .formatting import fmt_number

        pns, pppk = fmt_number(self.jp_min, lang, 0), fmt_number(self.jp_min_pppk, lang, 0)
        return f"{pns} JP" if self.jp_min == self.jp_min_pppk else f"{pns} JP (PNS) / {pppk} JP (PPPK)"

    def jp_min_short(self, lang: str = "id") -> str:
        """The minimum in a label: '20', or '20/24' when PNS and PPPK differ."""
        from .formatting import fmt_number

        pns, pppk = fmt_number(self.jp_min, lang, 0), fmt_number(self.jp_min_pppk, lang, 0)
        return pns if self.jp_min == self.jp_min_pppk else f"{pns}/{pppk}"


def load_settings() -> Settings:
    """Settings from the environment: SDM_JP_MIN, SDM_JP_MIN_PPPK, SDM_MINUTES_PER_JP, SDM_MIN_RESPONDENTS,
    SDM_IDLE_MINUTES. Read once per page run or command, then passed along."""
    return Settings(
        jp_min=float(os.environ.get("SDM_JP_MIN", Settings.jp_min)),
        jp_min_pppk=float(os.environ.get("SDM_JP_MIN_PPPK", Settings.jp_min_pppk)),
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
