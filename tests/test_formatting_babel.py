"""Our own formatter (sdm_analytics/formatting.py) proved against Babel, i.e. against CLDR's locale data.

The product keeps its own small formatter (no runtime dependency); Babel is a test-only dependency
(requirements-dev.txt) that says what Indonesian and English numbers, percentages, rupiah and dates look like.
Language "id" is compared with Babel's locale id_ID, "en" with en_GB: en_GB's own long date is "17 March 2025",
the product's English date style (en_US would be "March 17, 2025"); test_locales_chosen pins that.

Decisions, each asserted below rather than skipped:

* Rounding. Babel rounds the number as written (Decimal(str(x))) with Python's default ROUND_HALF_EVEN, so
  2.5 -> 2, 0.125 -> 0.12, 41.25 -> 41.2. The product rounds HALF UP (away from zero) on the number as written:
  2.5 -> 3, 0.125 -> 0.13, 41.25% -> 41.3%. Officials round that way by hand and in Excel, and the product's own
  Excel downloads (present/export.py: "0.0%", "0.00", '"Rp "#,##0') show the same figure rounded half up, so a
  rate of 33 in 80 must read 41,3% on the page as in the workbook. Where the two modes can disagree (an exact
  tie) the test asserts ours == Babel under ROUND_HALF_UP and != Babel's default; everywhere else ours == Babel's
  default too. (Before this test the product rounded the binary float: 2.675 -> "2,67", 0.15 -> "0,1",
  33/80 -> "41,2%", which neither Babel nor Excel nor a person would write.)
* Rupiah. CLDR's id_ID pattern "¤#,##0.00" with IDR's 0 digits gives "Rp1.250.000": symbol glued to the digits
  (en_GB: "IDR1,250,000"). House style puts one ordinary space (U+0020, never a no-break space) after the
  symbol, "Rp 1.250.000", as the Excel download's '"Rp "#,##0' does. The minus stands before the symbol in both:
  "-Rp 1.250.000". That single inserted space is the whole difference (_house_money).
* Rupiah in sentences (fmt_idr_compact). Babel's compact form is "Rp6,7 M" / "IDR6.7bn"; house style spells the
  word out ("Rp 6,7 miliar", "IDR 6.7 billion"), always shows one decimal ("Rp 1,0 miliar", Babel "Rp1 M") and
  keeps the full amount below a million ("Rp 500.000", Babel "Rp500 rb"). Like Babel it moves to the next word
  when rounding reaches a thousand: 999.950.000 is "Rp 1,0 miliar", not "Rp 1.000,0 juta".
* Negative zero. A small negative rounded to zero keeps its sign, "-0,0", as Babel (and Excel) write it;
  fmt_delta has its own "±" for changes that round away. Money is the exception: never "-Rp 0".
* Percent: CLDR's "#,##0%" for both locales: no space before "%", same as ours.
* Missing values are "–" (en dash); Babel has no opinion on that, so it is asserted on its own.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)

from sdm_analytics.formatting import (
    MONTHS_EN,
    MONTHS_ID,
    NA,
    fmt_date,
    fmt_delta,
    fmt_idr,
    fmt_idr_compact,
    fmt_number,
    fmt_pct,
    fmt_value,
    plotly_separators,
)

LOCALE = {"id": "id_ID", "en": "en_GB"}
LANGS = list(LOCALE)

NUMBERS = [
    # integers, zero, negatives
    0, 1, 7, 12, 999, 1000, 1001, 65_536, 999_999, 1_000_000, 1_234_567, -1, -42, -1_234_567,
    # decimals
    0.1, 0.001, 0.049, 0.5, 0.9, 1.5, 3.14159, 1234.5, 12345.678, 1_234_567.891, 4.256, 63.8, 99.9,
    -0.5, -0.049, -1234.5, -98.765,
    # large: at least a billion
    1e9, 6_733_161_097, 123_456_789_012.34, 2.5e12, 9_999_999_999_999, 1e15, -1_000_000_000.25,
    # at a rounding boundary, some only in decimal, some in binary too
    0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.95, 0.125, 0.375, 2.675, 1.005, 1.015, 2.5, 3.5, -2.5, -0.15,
    4.125, 41.25, 99.95, 999.95, 9.995, 999_999.5, 1_250_000.5, 0.0005,
    # rates as k of n
    33 / 80, 1 / 3, 2 / 3, 3 / 16, 7 / 8,
    # numpy scalars come from pandas frames
    np.float64(2.675), np.int64(1_234_567),
]
DECIMALS = [0, 1, 2, 3]

RATES = [0, 1, 0.582, 0.5, 0.001, 0.0005, 0.0125, 0.145, 0.4125, 33 / 80, 1 / 3, 2 / 3, 3 / 16, 0.125,
         0.99995, 0.999, 1.25, 12.3456, -0.05, -0.0125, 0.075, 0.005]

MONEY = [0, 1, 999, 1000, 50_000, 1_250_000, 1_250_000.5, 1_250_000.49, 2.5, 3.5, 0.5, 12_345_678.9,
         1e9, 6_733_161_097, 2.5e12, 1e15, -1, -1_250_000, -2.5, -6_733_161_097.5]

DATES = ([dt.date(2025, m, d) for m in range(1, 13) for d in (1, 9, 17, 28)]
         + [dt.date(2025, m, 31) for m in (1, 3, 5, 7, 8, 10, 12)]
         + [dt.date(2024, 2, 29), dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(1970, 6, 1),
            dt.date(2100, 11, 30), dt.datetime(2025, 3, 17, 23, 59)])


def _pattern(decimals: int, suffix: str = "") -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "") + suffix


def _half_up(fn, *args, **kwargs) -> str:
    """Babel with the product's rounding: the same call under a ROUND_HALF_UP decimal context."""
    with decimal.localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        return fn(*args, **kwargs)


def _is_tie(value, decimals: int) -> bool:
    """Whether the number as written sits exactly halfway between two roundings at `decimals` places."""
    shifted = Decimal(str(float(value))).scaleb(decimals)
    return shifted.is_finite() and abs(shifted - shifted.to_integral_value(rounding="ROUND_DOWN")) == Decimal("0.5")


def _house_money(babel_text: str) -> str:
    """Babel's CLDR currency text -> house style: one ordinary space between symbol and digits, nothing else."""
    match = re.fullmatch(r"(-?)(Rp|IDR)[\u00a0\u202f ]?(\d[\d.,]*)", babel_text)
    assert match, f"unexpected Babel currency text {babel_text!r}"
    sign, symbol, digits = match.groups()
    return f"{sign}{symbol} {digits}"


_WORDS = {"id": {"jt": "juta", "M": "miliar", "T": "triliun"},
          "en": {"m": "million", "bn": "billion", "tn": "trillion"}}


def _house_compact(babel_text: str, lang: str) -> str:
    """Babel's compact rupiah ('Rp6,7\u00a0M', 'IDR1bn') -> house style ('Rp 6,7 miliar', 'IDR 1.0 billion')."""
    match = re.fullmatch(r"(-?)(Rp|IDR)([\d.,]+)[\u00a0\u202f ]?([A-Za-z]+)", babel_text)
    assert match, f"unexpected Babel compact text {babel_text!r}"
    sign, symbol, digits, abbrev = match.groups()
    point = get_decimal_symbol(LOCALE[lang])
    if point not in digits:
        digits += point + "0"  # house style always shows the one decimal
    return f"{sign}{symbol} {digits} {_WORDS[lang][abbrev]}"


# ---------------------------------------------------------------- the locales and their symbols

def test_locales_chosen():
    assert format_date(dt.date(2025, 3, 17), format="long", locale="en_GB") == "17 March 2025"
    assert format_date(dt.date(2025, 3, 17), format="long", locale="en_US") == "March 17, 2025"  # not ours
    assert format_date(dt.date(2025, 3, 17), format="long", locale="id_ID") == "17 Maret 2025"
    for lang, loc in LOCALE.items():
        assert plotly_separators(lang) == get_decimal_symbol(loc) + get_group_symbol(loc)
        assert Locale.parse(loc).percent_formats[None].pattern == "#,##0%"
    assert get_currency_precision("IDR") == 0  # no sen: whole rupiah, as fmt_idr shows them


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("decimals", DECIMALS)
@pytest.mark.parametrize("value", NUMBERS, ids=repr)
def test_number_is_babel_rounding_half_up(value, decimals, lang):
    ours = fmt_number(value, lang, decimals)
    loc = LOCALE[lang]
    assert ours == _half_up(format_decimal, value, _pattern(decimals), locale=loc)
    babel_default = format_decimal(value, _pattern(decimals), locale=loc)  # ROUND_HALF_EVEN
    if _is_tie(value, decimals):
        # the one documented difference: a tie rounds away from zero here, to even in Babel
        last_digit = abs(Decimal(str(float(value))).scaleb(decimals).to_integral_value(rounding="ROUND_DOWN")) % 2
        assert (ours == babel_default) == (last_digit == 1), (ours, babel_default)
    else:
        assert ours == babel_default


@pytest.mark.parametrize("value,decimals,ours,babel_half_even", [
    (2.5, 0, "3", "2"),
    (-2.5, 0, "-3", "-2"),
    (0.125, 2, "0,13", "0,12"),
    (4.125, 2, "4,13", "4,12"),        # a mean of eight 1-5 scores
    (41.25, 1, "41,3", "41,2"),
    (0.05, 1, "0,1", "0,0"),
    (1_250_000.5, 0, "1.250.001", "1.250.000"),
    # ties where half-even already goes up: the same in both
    (0.15, 1, "0,2", "0,2"),
    (3.5, 0, "4", "4"),
    (2.675, 2, "2,68", "2,68"),        # binary 2.67499999…: written 2.675, so 2,68
    (1.005, 2, "1,01", "1,00"),
])
def test_rounding_decision(value, decimals, ours, babel_half_even):
    assert fmt_number(value, "id", decimals) == ours
    assert format_decimal(value, _pattern(decimals), locale="id_ID") == babel_half_even


def test_negative_zero_keeps_its_sign_like_babel():
    assert fmt_number(-0.04, "id", 1) == "-0,0" == format_decimal(-0.04, "#,##0.0", locale="id_ID")
    assert fmt_number(-0.0, "en", 0) == "-0" == format_decimal(-0.0, "#,##0", locale="en_GB")


@pytest.mark.parametrize("lang,expected", [("id", "1.234.567,9"), ("en", "1,234,567.9")])
def test_separators_spelled_out(lang, expected):
    # the same in plain words, in case Babel's data ever changed under us
    assert fmt_number(1_234_567.89, lang) == expected


# ---------------------------------------------------------------- percentages

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("decimals", [0, 1, 2])
@pytest.mark.parametrize("value", RATES, ids=repr)
def test_percent_is_babel_rounding_half_up(value, decimals, lang):
    ours = fmt_pct(value, lang, decimals)
    loc = LOCALE[lang]
    assert ours == _half_up(format_percent, value, _pattern(decimals, "%"), locale=loc)
    if not _is_tie(Decimal(str(float(value))).scaleb(2), decimals):
        assert ours == format_percent(value, _pattern(decimals, "%"), locale=loc)


def test_percent_examples():
    assert fmt_pct(0.582) == "58,2%" and fmt_pct(0.582, "en") == "58.2%"
    assert fmt_pct(33 / 80) == "41,3%"     # Babel's half-even: 41,2%
    assert fmt_pct(0.145, "id", 0) == "15%"  # 0.145 * 100 is 14.4999… in binary; written, it is 14,5
    assert fmt_pct(12.3456, "id") == "1.234,6%"


# ---------------------------------------------------------------- rupiah

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", MONEY, ids=repr)
def test_money_is_babel_plus_one_space(value, lang):
    ours = fmt_idr(value, lang)
    loc = LOCALE[lang]
    babel_cldr = _half_up(format_currency, value, "IDR", locale=loc)
    assert ours == _house_money(babel_cldr)
    assert "\u00a0" not in ours and "\u202f" not in ours
    # the same difference said as a pattern: CLDR "¤#,##0.00" with IDR's 0 digits, ours "¤ #,##0"
    assert ours == _half_up(format_currency, value, "IDR", format="¤ #,##0", currency_digits=False, locale=loc)


def test_money_examples():
    assert format_currency(1_250_000, "IDR", locale="id_ID") == "Rp1.250.000"
    assert fmt_idr(1_250_000) == "Rp 1.250.000"
    assert fmt_idr(1_250_000, "en") == "IDR 1,250,000"
    assert fmt_idr(-1_250_000) == "-Rp 1.250.000"
    assert fmt_idr(2.5) == "Rp 3"
    assert fmt_idr(-0.4) == "Rp 0"  # Babel: "-Rp0"; never a negative nothing


_COMPACT = [1_000_000, 1_250_000, 6_733_161_097, 999_950_000, 999_949_999, 1e9, 2.5e12, 999_950_000_000,
            123_456_789_012, 1_050_000, 1_150_000, -6_733_161_097, -2_000_000]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", _COMPACT, ids=repr)
def test_compact_money_is_babel_compact_spelled_out(value, lang):
    babel = _half_up(format_compact_currency, value, "IDR", locale=LOCALE[lang], fraction_digits=1)
    assert fmt_idr_compact(value, lang) == _house_compact(babel, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", [0, 999, 500_000, 999_999, -500_000])
def test_compact_money_below_a_million_is_in_full(value, lang):
    assert fmt_idr_compact(value, lang) == fmt_idr(value, lang)


def test_compact_money_examples():
    assert fmt_idr_compact(6_733_161_097) == "Rp 6,7 miliar"
    assert fmt_idr_compact(6_733_161_097, "en") == "IDR 6.7 billion"
    assert fmt_idr_compact(999_950_000) == "Rp 1,0 miliar"
    assert fmt_idr_compact(999_949_999) == "Rp 999,9 juta"
    assert fmt_idr_compact(1e15) == "Rp 1.000,0 triliun"  # no bigger word; Babel: "Rp1000 T"


# ---------------------------------------------------------------- metric values in their units

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit,babel", [
    ("rate", lambda v, loc: _half_up(format_percent, v, "#,##0.0%", locale=loc)),
    ("idr", lambda v, loc: _house_money(_half_up(format_currency, v, "IDR", locale=loc))),
    ("idr_per_jp", lambda v, loc: _house_money(_half_up(format_currency, v, "IDR", locale=loc))),
    ("people", lambda v, loc: _half_up(format_decimal, v, "#,##0", locale=loc)),
    ("score", lambda v, loc: _half_up(format_decimal, v, "#,##0.00", locale=loc)),
    ("gain", lambda v, loc: _half_up(format_decimal, v, "#,##0.00", locale=loc)),
    ("ratio", lambda v, loc: _half_up(format_decimal, v, "#,##0.00", locale=loc)),
    ("jp", lambda v, loc: _half_up(format_decimal, v, "#,##0.#", locale=loc)),  # whole unless fractional
])
@pytest.mark.parametrize("value", [0, 0.4125, 4.125, 1234.5, 2.5, 1_250_000.5, 6_733_161_097])
def test_value_in_unit(value, unit, babel, lang):
    assert fmt_value(value, unit, lang) == babel(value, LOCALE[lang])


def test_delta_rounds_like_the_value():
    assert fmt_delta(0.4125, 0.4, "rate") == "+1,3 pp"   # 1.25 points, as written
    assert fmt_delta(4.125, 4.0, "score") == "+0,13"
    assert fmt_delta(1.0, 1.0, "score") == "±0,00"


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("day", DATES, ids=str)
def test_date_is_babel(day, lang):
    ours = fmt_date(day, lang)
    assert ours == format_date(day, format="d MMMM y", locale=LOCALE[lang])
    assert ours == format_date(day, format="long", locale=LOCALE[lang])


@pytest.mark.parametrize("lang,names", [("id", MONTHS_ID), ("en", MONTHS_EN)])
def test_every_month_name(lang, names):
    for context in ("format", "stand-alone"):
        assert tuple(get_month_names("wide", context, locale=LOCALE[lang]).values()) == names
    assert [fmt_date(dt.date(2025, m, 5), lang) for m in range(1, 13)] == [f"5 {n} 2025" for n in names]


def test_month_names_spelled_out():
    assert MONTHS_ID == ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                         "September", "Oktober", "November", "Desember")
    assert fmt_date(dt.date(2025, 3, 17)) == "17 Maret 2025" and fmt_date(dt.date(2025, 3, 17), "en") == "17 March 2025"


# ---------------------------------------------------------------- missing values

@pytest.mark.parametrize("missing", [None, float("nan"), np.nan], ids=repr)
@pytest.mark.parametrize("lang", LANGS)
def test_missing_is_a_dash(missing, lang):
    assert NA == "\u2013"
    for text in (fmt_number(missing, lang), fmt_pct(missing, lang), fmt_idr(missing, lang),
                 fmt_idr_compact(missing, lang), fmt_value(missing, "rate", lang)):
        assert text == NA
    assert fmt_date(None, lang) == NA
    assert fmt_delta(missing, 1.0, "rate", lang) is None
