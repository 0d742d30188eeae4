"""Indonesian-first formatting of numbers, percentages, money and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from sdm_analytics.formatting import fmt_date, fmt_delta, fmt_idr, fmt_number, fmt_pct, fmt_value


@pytest.mark.parametrize("value,lang,decimals,expected", [
    (1234.5, "id", 1, "1.234,5"),
    (1234.5, "en", 1, "1,234.5"),
    (1234567, "id", 0, "1.234.567"),
    (0, "id", 1, "0,0"),
    (None, "id", 1, "–"),
    (float("nan"), "id", 1, "–"),
])
def test_fmt_number(value, lang, decimals, expected):
    assert fmt_number(value, lang, decimals) == expected


def test_fmt_pct_idr_date():
    assert fmt_pct(0.582) == "58,2%"
    assert fmt_pct(0.582, "en") == "58.2%"
    assert fmt_idr(1250000) == "Rp 1.250.000"
    assert fmt_date(dt.date(2025, 3, 17)) == "17 Maret 2025"
    assert fmt_date(dt.date(2025, 3, 17), "en") == "17 March 2025"


def test_fmt_value_and_delta():
    assert fmt_value(0.412, "rate") == "41,2%"
    assert fmt_value(4.256, "score") == "4,26"
    assert fmt_delta(0.58, 0.412, "rate") == "+16,8 pp"
    assert fmt_delta(10.0, 12.5, "jp") == "-2,5"
    assert fmt_delta(None, 0.4, "rate") is None
    assert fmt_delta(4.1001, 4.1, "score") == "±0,00"
