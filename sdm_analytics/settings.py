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
    write_wait: int = 120  # seconds a write (an import) waits for another one to finish before it gives up
    import_max_mb: float = 50.0  # an import file larger than this is refused before it is read
    import_max_rows: int = 1_000_000  # an import file with more data rows than this is refused

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


@dataclass(frozen=True)
class Setting:
    """One value an agency sets in the environment: its variable, the Settings field it fills, its type and
    its smallest allowed value. Documented in docs/deployment.md §7 (tests/test_docs.py checks both ways)."""

    env: str
    field: str
    kind: type
    minimum: float


# Every setting read from the environment (SDM_DB, the store's path, is read by resolve_db_path).
SETTINGS: tuple[Setting, ...] = (
    Setting("SDM_JP_MIN", "jp_min", float, 1),
    Setting("SDM_JP_MIN_PPPK", "jp_min_pppk", float, 1),
    Setting("SDM_MINUTES_PER_JP", "minutes_per_jp", int, 1),
    Setting("SDM_MIN_RESPONDENTS", "min_respondents", int, 1),
    Setting("SDM_IDLE_MINUTES", "idle_minutes", int, 1),
    Setting("SDM_WRITE_WAIT", "write_wait", int, 0),
    Setting("SDM_IMPORT_MAX_MB", "import_max_mb", float, 1),
    Setting("SDM_IMPORT_MAX_ROWS", "import_max_rows", int, 1),
)
DB_ENV = "SDM_DB"


class SettingsError(ValueError):
    """A setting in the environment that cannot be used, named with its value (in either language)."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        from .i18n import t

        return t(self.key, lang, **self.values)


def load_settings() -> Settings:
    """Settings from the environment (SETTINGS), read once per page run or command and then passed along; an
    unusable value is a SettingsError, never a silent default."""
    values: dict[str, float | int] = {}
    for s in SETTINGS:
        raw = os.environ.get(s.env, "").strip()
        if not raw:
            continue
        try:
            number = float(raw.replace(",", "."))  # "24,5" as an Indonesian writes it
        except ValueError:
            raise SettingsError("setting_not_number", name=s.env, value=raw) from None
        if number != number or (s.kind is int and not number.is_integer()):
            raise SettingsError("setting_not_number", name=s.env, value=raw)
        value = s.kind(number)
        if value < s.minimum:
            raise SettingsError("setting_too_small", name=s.env, value=raw, minimum=s.minimum)
        values[s.field] = value
    return Settings(**values)


def resolve_db_path(db: str | os.PathLike | None = None) -> str:
    """The store path: the explicit argument, else SDM_DB, else data/sdm.duckdb."""
    if db:
        return str(db)
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return str(DEFAULT_DB)
