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


# -- text from the data ----------------------------------------------------------------------------------------
WJ = "\u2060"  # the word joiner escape_markdown puts inside what Streamlit's renderer would rewrite
ATTACKS = [
    "[phish](http://evil.example/)",
    "![t](http://evil.example/track.png)",
    ":red[merah] :blue-background[biru] :small[kecil] :red-badge[x] :color[c]{foreground=\"red\"}",
    "# judul",
    "Judul\n===\n- butir\n> kutipan\n1. satu",
    "$x^2$ dan $$y$$",
    "<b>x</b> <img src=\"http://evil.example/t.png\"> <a href=\"http://evil.example/\">a</a>",
    "**tebal** __tebal__ *miring* _miring_ ~~coret~~ `kode`",
    "garis\\miring \\[x\\] \\\\ \\$",
    "&copy; &amp; &#60;b&#62;",
    ":fire: :+1: :streamlit: :material/home: 10:30",
    "panah <- -> <-> -- >= <= ~=",
    "http://evil.example/x https://evil.example www.evil.example Www.Evil.Example budi@evil.example",
    "| a | b |\n|---|---|",
    "[^1] {kurawal} [ref]\n\n[ref]: http://evil.example/",
]
NAMES = ["Drs. H. Ma'ruf Amin, S.H., M.Si. (Kota Serang) - Bag. 1", "Dinas Kesehatan", "Badan Kepegawaian & PSDM",
         "Pelatihan 50% daring; \"Angkatan II\"?"]


def _shown(escaped: str) -> str:
    """What Markdown shows of a backslash-escaped text (a backslash before punctuation shows the punctuation)."""
    import re

    return re.sub(r"\\(.)", r"\1", escaped).replace(WJ, "")


@pytest.mark.parametrize("text", ATTACKS + NAMES)
def test_text_from_the_data_shows_as_typed_in_markdown(text):
    """Every character Markdown, LaTeX, Streamlit's :directives:, :emoji: and :material/icons: act on is escaped,
    and what Streamlit's renderer rewrites after parsing (bare URLs, e-mail addresses, :streamlit:, arrows) is
    broken by an invisible word joiner: nothing forms, and the text reads as typed (a line break as a space)."""
    import re

    from sdm_analytics.formatting import escape_markdown

    out = escape_markdown(text)
    assert _shown(out) == text.replace("\n", " ")
    bare = re.sub(r"\\.", "", out)  # the characters the parser reads unescaped
    assert not set(bare) & set("\\`*_{}[]()#+-.!|~<>$:&=/"), bare
    assert "\n" not in out and ":material/" not in out  # a line start, and the icon syntax Streamlit reads first
    assert not re.search(r":(?!material/|streamlit:)[\w+-][\w_+-]*:", out)  # what turns emoji shortcodes on
    seen = re.sub(r"\\(.)", r"\1", out)  # the text after parsing, which the renderer's own rewrites read
    for rewritten in (r"https?://", r"www\.", r"[\w.+-]@[\w-]", r":streamlit:", r":[\w+-]+:",
                      r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"):
        assert not re.search(rewritten, seen, re.IGNORECASE), rewritten


def test_the_attacks_of_issue_12_are_escaped_as_expected():
    from sdm_analytics.formatting import escape_markdown

    assert escape_markdown("[phish](http://x.example)") == r"\[phish\]\(http\:" + WJ + r"\/\/x\.example\)"
    assert escape_markdown("![t](http://x.example/t.png)").startswith(r"\!\[t\]\(http\:")
    assert escape_markdown(":red[merah]") == r"\:" + WJ + r"red\[merah\]"
    assert escape_markdown("# h") == r"\# h" and escape_markdown("$x$") == r"\$x\$"
    assert escape_markdown("<b>x</b>") == r"\<b\>x\<\/b\>" and escape_markdown("**b**") == r"\*\*b\*\*"
    assert escape_markdown("a\\b") == r"a\\b"
    assert escape_markdown("Dinas Kesehatan") == "Dinas Kesehatan"  # an ordinary name is left as it is
    assert escape_markdown(None) == "None" and escape_markdown(12) == "12"


@pytest.mark.parametrize("text", ATTACKS + NAMES)
def test_text_from_the_data_shows_as_typed_in_plotly(text):
    """plotly reads <b>, <br>, <a href> and &entities; in titles, labels and hovers: escaped, they show as typed."""
    import html

    from sdm_analytics.formatting import escape_plotly

    out = escape_plotly(text)
    assert "<" not in out and ">" not in out
    assert html.unescape(out) == text
    assert escape_plotly('<a href="http://x.example">x</a> &amp;') == \
        '&lt;a href="http://x.example"&gt;x&lt;/a&gt; &amp;amp;'


def test_jp_are_whole_unless_fractional():
    """Issue 14: '0,0' and '3.972,0' JP read as measurement errors; a fractional JP keeps its one decimal."""
    from sdm_analytics.formatting import fmt_value

    assert fmt_value(0.0, "jp") == "0"
    assert fmt_value(3972.0, "jp") == "3.972"
    assert fmt_value(3972.0, "jp", "en") == "3,972"
    assert fmt_value(7.5, "jp") == "7,5"
    assert fmt_value(55.24, "jp") == "55,2"
    assert fmt_value(19.96, "jp") == "20"  # rounds to a whole number: shown whole
    assert fmt_value(None, "jp") == "–"
    assert fmt_value(2.0, "points") == "2,0"  # other units keep their decimals


def test_short_money_for_sentences_and_tooltips():
    from sdm_analytics.formatting import fmt_short, fmt_value

    assert fmt_short(6_733_161_097, "idr") == "Rp 6,7 miliar"
    assert fmt_value(6_733_161_097, "idr") == "Rp 6.733.161.097"  # tables keep the full figure
    assert fmt_short(250_000_000, "idr", "en") == "IDR 250.0 million"
    assert fmt_short(187_345, "idr_per_jp") == "Rp 187.345"
    assert fmt_short(0.537, "rate") == "53,7%"
