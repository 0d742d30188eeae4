"""Numbers, percentages, money and dates in Bahasa Indonesia (default) or English."""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["fmt_number", "fmt_pct", "fmt_idr", "fmt_idr_compact", "fmt_date", "fmt_value", "fmt_delta", "plotly_separators"]

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
             "Agustus", "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
NA = "–"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value: float | int | None, lang: str = "id", decimals: int = 1) -> str:
    """1234.5 -> '1.234,5' (id) or '1,234.5' (en); None -> '–'."""
    if _missing(value):
        return NA
    text = f"{float(value):,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """0.582 -> '58,2%' (id) or '58.2%' (en)."""
    if _missing(value):
        return NA
    return fmt_number(float(value) * 100, lang, decimals) + "%"


def fmt_idr(value: float | None, lang: str = "id") -> str:
    """1250000 -> 'Rp 1.250.000' (id) or 'IDR 1,250,000' (en)."""
    if _missing(value):
        return NA
    return ("IDR " if lang == "en" else "Rp ") + fmt_number(round(float(value)), lang, 0)


def fmt_idr_compact(value: float | None, lang: str = "id") -> str:
    """6733161097 -> 'Rp 6,7 miliar' (id) or 'IDR 6.7 billion' (en): money for sentences."""
    if _missing(value):
        return NA
    v = float(value)
    for size, word_id, word_en in ((1e12, "triliun", "trillion"), (1e9, "miliar", "billion"), (1e6, "juta", "million")):
        if abs(v) >= size:
            return ("IDR " if lang == "en" else "Rp ") + fmt_number(v / size, lang, 1) + " " + (word_en if lang == "en" else word_id)
    return fmt_idr(v, lang)


def fmt_date(value: dt.date | None, lang: str = "id") -> str:
    """date(2025, 3, 17) -> '17 Maret 2025' (id) or '17 March 2025' (en)."""
    if value is None:
        return NA
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"


def fmt_value(value: float | int | None, unit: str, lang: str = "id") -> str:
    """A metric value in its unit's format."""
    if unit == "rate":
        return fmt_pct(value, lang)
    if unit in ("idr", "idr_per_jp"):
        return fmt_idr(value, lang)
    if unit == "people":
        return fmt_number(value, lang, 0)
    if unit in ("gain", "ratio"):
        return fmt_number(value, lang, 2)
    if unit == "score":
        return fmt_number(value, lang, 2)
    return fmt_number(value, lang, 1)


def fmt_delta(current: float | None, previous: float | None, unit: str, lang: str = "id") -> str | None:
    """The change from previous to current: percentage points for rates, else the unit's own."""
    if _missing(current) or _missing(previous):
        return None
    diff = float(current) - float(previous)  # type: ignore[arg-type]
    # ASCII minus: st.metric reads the sign of the delta text to draw its arrow
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    text = f"{fmt_number(abs(diff) * 100, lang, 1)} pp" if unit == "rate" else fmt_value(abs(diff), unit, lang)
    if not any(ch in "123456789" for ch in text):
        sign = "±"  # a change that rounds away is no change
    return sign + text


def plotly_separators(lang: str = "id") -> str:
    """Plotly's layout.separators: decimal mark then thousands mark."""
    return ".," if lang == "en" else ",."
