"""What the demo stages share: the calendar, the story knobs and small array helpers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

YEARS = (2022, 2023, 2024, 2025)
AS_OF = dt.date(2025, 12, 20)  # the snapshot: later answers and outcomes do not exist yet
END = np.datetime64("2025-12-31")
NAT = np.datetime64("NaT", "D")

# Story knobs (participation model), tuned so the city scale shows the story of the docstring.
BASE_RATE = {2022: 1.15, 2023: 1.6, 2024: 2.3, 2025: 3.6}  # expected programs a person-year
DARING_SHARE = {2022: 0.40, 2023: 0.34, 2024: 0.35, 2025: 0.38}  # share of picks that are online
VOLUME = {2022: 0.95, 2023: 1.02, 2024: 1.1, 2025: 1.2}  # programs offered vs the 2025 template rate
RURAL_REACH = {"luring": 0.3, "daring": 0.9, "drive": 0.85}  # the outskirts: fewer invitations, most to in-person
ENGAGE_SHAPE = 6.0  # person-to-person spread of keenness (gamma shape, mean 1)
DRIVE_POWER = 1.7  # how strongly an office's training culture shows
POSITION_FACTOR = {"jpt": 0.6, "administrator": 0.8, "pengawas": 1.0, "fungsional": 1.05, "pelaksana": 0.8}
AFFINITY = {  # person profile -> program audience -> draw weight
    "guru": {"guru": 1.0, "all": 0.35, "umum": 0.03},
    "kesehatan": {"kesehatan": 1.0, "all": 0.45, "umum": 0.08},
    "umum": {"umum": 1.0, "all": 1.0},
    "struktural": {"struktural": 1.6, "umum": 0.7, "all": 1.0},
}
GRADED = ("latsar", "kepemimpinan", "manajerial", "teknis", "fungsional")


def roman(n: int) -> str:
    """Batch numbers are written in Roman numerals (Angkatan IV)."""
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        out, n = out + letters * (n // value), n % value
    return out


def to_day(value: str | dt.date) -> np.datetime64:
    return np.datetime64(value, "D")


def years_between(a: np.ndarray, b: np.ndarray | np.datetime64) -> np.ndarray:
    return (b - a).astype("timedelta64[D]").astype(float) / 365.2425


def map_values(values: np.ndarray, mapping: dict) -> np.ndarray:
    return pd.Series(values, dtype=object).map(mapping).to_numpy()


def pick(rng: np.random.Generator, options: tuple, n: int, p=None) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]


def as_dates(values: np.ndarray) -> pd.Series:
    return pd.Series(np.asarray(values).astype("M8[us]"))


def jp20_flags(jp: pd.Series, ids: np.ndarray, year: int) -> np.ndarray:
    """Whether each person reached 20 JP in the year (jp: JP by (person, year))."""
    key = pd.MultiIndex.from_arrays([ids, np.full(len(ids), year)])
    return jp.reindex(key, fill_value=0).to_numpy() >= 20
