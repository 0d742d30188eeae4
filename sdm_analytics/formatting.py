"""Numbers, percentages, money and dates in Bahasa Indonesia (default) or English; text from the data made
literal for Streamlit's Markdown and for plotly's labels."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import ROUND_HALF_UP, Context, Decimal

from .i18n import pick

__all__ = ["fmt_number", "fmt_pct", "fmt_idr", "fmt_idr_compact", "fmt_date", "fmt_value", "fmt_short", "fmt_delta",
           "decimals",
           "round_shown", "plotly_separators", "escape_markdown", "escape_plotly"]

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
             "Agustus", "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")
NA = "–"
# Each pair is (Bahasa Indonesia, English), as the text catalogue's: pick() chooses by language.
_MARKS = (",.", ".,")  # the decimal mark, then the thousands mark
_CURRENCY = ("Rp ", "IDR ")
_SCALES = ((1e12, ("triliun", "trillion")), (1e9, ("miliar", "billion")), (1e6, ("juta", "million")))
# Rounding is half up (away from zero) on the number as written, as officials round by hand and as Excel shows the
# same figure in our downloads: 41,25 -> 41,3 and 2,675 -> 2,68 (not 2,67, the binary float's 2,67499…).
# tests/test_formatting_babel.py holds this against Babel/CLDR.
_ROUNDING = Context(prec=400, rounding=ROUND_HALF_UP)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimal(value: object) -> Decimal:
    """The number as written: a float by its shortest repr, so 2.675 is 2.675."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))  # type: ignore[call-overload]
    return Decimal(repr(float(value)))  # type: ignore[arg-type]


def _money(prefix: str, text: str) -> str:
    """'Rp ' before the digits, the minus before both (-Rp 1.250.000, as Excel and CLDR write it); never -Rp 0."""
    if text.startswith("-"):
        return ("-" if any(ch in "123456789" for ch in text) else "") + prefix + text[1:]
    return prefix + text


def fmt_number(value: float | int | None, lang: str = "id", decimals: int = 1) -> str:
    """1234.5 -> '1.234,5' (id) or '1,234.5' (en); None -> '–'."""
    if _missing(value):
        return NA
    number = _decimal(value)
    if number.is_finite():
        text = f"{number.quantize(Decimal(1).scaleb(-decimals), context=_ROUNDING):,.{decimals}f}"
    else:
        text = f"{float(number):,.{decimals}f}"
    point, group = pick(_MARKS, lang)  # the text has Python's marks: "." decimal, "," thousands
    return text.translate({ord("."): point, ord(","): group})


def fmt_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """0.582 -> '58,2%' (id) or '58.2%' (en)."""
    if _missing(value):
        return NA
    return fmt_number(_decimal(value).scaleb(2), lang, decimals) + "%"  # type: ignore[arg-type]


def fmt_idr(value: float | None, lang: str = "id") -> str:
    """1250000 -> 'Rp 1.250.000' (id) or 'IDR 1,250,000' (en)."""
    if _missing(value):
        return NA
    return _money(pick(_CURRENCY, lang), fmt_number(value, lang, 0))


def fmt_idr_compact(value: float | None, lang: str = "id") -> str:
    """6733161097 -> 'Rp 6,7 miliar' (id) or 'IDR 6.7 billion' (en): money for sentences."""
    if _missing(value):
        return NA
    v = float(value)
    for size, words in _SCALES:
        # the word after rounding: 999.950.000 is 'Rp 1,0 miliar', not 'Rp 1.000,0 juta'
        if abs(v) >= size or (size > 1e6 and fmt_number(abs(v) / (size / 1000), "en", 1) == "1,000.0"):
            return _money(pick(_CURRENCY, lang), fmt_number(v / size, lang, 1) + " " + pick(words, lang))
    return fmt_idr(v, lang)


def fmt_date(value: dt.date | None, lang: str = "id") -> str:
    """date(2025, 3, 17) -> '17 Maret 2025' (id) or '17 March 2025' (en)."""
    if value is None:
        return NA
    month = pick((MONTHS_ID[value.month - 1], MONTHS_EN[value.month - 1]), lang)
    return f"{value.day} {month} {value.year}"


# The decimals a page shows of a value, per unit (a rate: of its percentage, 58,2%); any other unit: 1.
_DECIMALS = {"idr": 0, "idr_per_jp": 0, "people": 0, "whole": 0, "gain": 2, "ratio": 2, "score": 2}


def decimals(unit: str) -> int:
    """How many decimals a page shows of a value in this unit (of a rate: of its percentage)."""
    return _DECIMALS.get(unit, 1)


def fmt_value(value: float | int | None, unit: str, lang: str = "id") -> str:
    """A metric value in its unit's format. JP are whole, with one decimal only when fractional ('3.972',
    '7,5'): '0,0 JP' reads as a measurement error."""
    if unit == "rate":
        return fmt_pct(value, lang, decimals(unit))
    if unit in ("idr", "idr_per_jp"):
        return fmt_idr(value, lang)
    text = fmt_number(value, lang, decimals(unit))
    if unit == "jp" and text.endswith(pick(_MARKS, lang)[0] + "0"):
        return fmt_number(value, lang, 0)
    return text


def fmt_short(value: float | int | None, unit: str, lang: str = "id") -> str:
    """A value for a sentence, a card, a chart label or a tooltip: money from a million up in words ('Rp 6,7
    miliar', 'Rp 250 juta'); tables and XLSX keep fmt_value's full figure."""
    if unit == "idr":
        return fmt_idr_compact(value, lang)
    return fmt_value(value, unit, lang)


def round_shown(value: float | int | None, unit: str) -> float | None:
    """A value rounded as a page shows it (half up, on the number as written): 0.58249 -> 0.582 for a rate
    (58,2%), 4.1071 -> 4.11 for a score. What a non-admin's download holds: no more than the page."""
    if _missing(value):
        return None
    number = _decimal(value)
    if not number.is_finite():
        return float(number)
    places = decimals(unit) + (2 if unit == "rate" else 0)
    return float(number.quantize(Decimal(1).scaleb(-places), context=_ROUNDING))


def fmt_delta(current: float | None, previous: float | None, unit: str, lang: str = "id",
              words: bool = False) -> str | None:
    """The change from previous to current: percentage points for rates, else the unit's own (words: money
    from a million up in words, as fmt_short, for a card or a slide)."""
    if _missing(current) or _missing(previous):
        return None
    now, before = _decimal(current), _decimal(previous)
    if not (now.is_finite() and before.is_finite()):
        return None
    diff = now - before  # as written: 41,25% - 40% is 1,25 points, not 1,2499…
    # ASCII minus: st.metric reads the sign of the delta text to draw its arrow
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    change = abs(diff)
    if unit == "rate":
        text = f"{fmt_number(change.scaleb(2), lang, 1)} pp"  # type: ignore[arg-type]
    elif words and unit in ("idr", "idr_per_jp"):
        text = fmt_idr_compact(change, lang)  # type: ignore[arg-type]
    else:
        text = fmt_value(change, unit, lang)  # type: ignore[arg-type]
    if not any(ch in "123456789" for ch in text):
        sign = "±"  # a change that rounds away is no change
    return sign + text


def plotly_separators(lang: str = "id") -> str:
    """Plotly's layout.separators: decimal mark then thousands mark."""
    return pick(_MARKS, lang)


# -- text from the data, shown as typed -------------------------------------------------------------------------
# Streamlit reads Markdown in captions, headings, alerts, expander, metric and widget labels and tooltips: GitHub
# Markdown (links, images, headings, emphasis), $LaTeX$, &entities;, :color[directives], :emoji: shortcodes and
# :material/icons:. A backslash before each character that syntax is made of keeps any of it from forming.
# After parsing, its renderer also rewrites plain text, and those rewrites see through backslashes: bare URLs,
# www. and e-mail addresses become links, :streamlit: a logo, "->" or "--" between spaces an arrow or a dash.
# An invisible word joiner (U+2060) inside each such trigger stops them; what the reader sees is unchanged.
_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=/])")
_MD_REWRITTEN = re.compile(r"(?<=:)(?=[\w/+-])|(?<=@)(?=\w)|(?<=www)(?=\.)"  # :emoji:, :streamlit:, URLs, e-mail
                           r"|(?<=<)(?=[-=])|(?<=-)(?=[->])|(?<=[>~])(?==)",  # <- <= -> -- >= ~=
                           re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """Text from the data (a name, a title, a code, a file name, a sentence quoting them) for an element that
    renders Markdown: shown exactly as typed, never as a link, an image, a heading, a formula or a colour
    (a line break shows as a space)."""
    flat = _LINE_BREAK.sub(" ", str(text))
    return _MD_SYNTAX.sub(r"\\\1", _MD_REWRITTEN.sub(_WORD_JOINER, flat))


def escape_plotly(text: object) -> str:
    """Text from the data for a plotly title, label, legend, annotation or hover, which read <b>, <br>,
    <a href=…> and &entities; as markup: shown exactly as typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
