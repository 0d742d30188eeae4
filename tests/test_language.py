"""No English on screen in Bahasa Indonesia (issue 14, finding 4): our own labels, and what Streamlit and plotly
draw themselves — plotly's toolbar (hidden), the table toolbar (hidden), the file uploader (written over in the
page's language, sdm_analytics/ui/look.py).

KNOWN_LEAKS are the English words found on screen, and the ones Streamlit and plotly would bring back if their
chrome showed again. Not leaks, on purpose: "pre-test"/"post-test", "N-Gain", "e-learning", "coaching &
mentoring" and "LMS" are the words Indonesian training practice itself uses (LAN's regulations and BPSDM's
evaluation reports write them so); data codes quoted as codes are not text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from test_browser import ARGS, CHROMIUM, IDLE

from sdm_analytics.i18n import CODE_LABELS
from sdm_analytics.i18n import TEXT as CATALOGUE
from sdm_analytics.settings import Settings
from sdm_analytics.ui import PAGE_ROLES, PAGES, look

ROOT = Path(__file__).resolve().parents[1]
KNOWN_LEAKS = ("Blended", "Scrap learning", "online", "Download", "Upload", "Drag and drop", "Browse files", "Zoom",
               "Pan", "Autoscale", "Reset axes", "Search", "Fullscreen", "Show/hide", "per file", "trace", "Select all")
LEAK = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in KNOWN_LEAKS) + r")\b", re.IGNORECASE)
# Proto fields that are not text a person reads: ids, icons (":material/download:"), page paths, plotly's spec
# (read below, as a figure).
NOT_TEXT = {"id", "form_id", "icon", "page", "page_script_hash", "deferred_file_id", "url", "spec"}


def _leaks(texts: list[str]) -> list[str]:
    return sorted({text for text in texts if LEAK.search(text)})


def _catalogued() -> list[str]:
    return [pair[0] for pair in CATALOGUE.values()] + [pair[0] for labels in CODE_LABELS.values()
                                                       for pair in labels.values()]


def test_the_catalogue_says_no_leak_in_bahasa_indonesia():
    """Every Indonesian text and code label ("Kombinasi", not "Blended"; "pembelajaran tak terpakai", not
    "scrap learning"): a page cannot show one by chance."""
    assert _leaks(_catalogued()) == []


# -- every page as AppTest renders it ----------------------------------------------------------------------
def _strings(msg: Message) -> list[str]:
    found = []
    for field, value in msg.ListFields():
        if field.name in NOT_TEXT:
            continue
        values = value if isinstance(value, (list, tuple)) or hasattr(value, "extend") else [value]
        for v in values:
            if isinstance(v, Message):
                found += _strings(v)
            elif isinstance(v, str):
                found.append(v)
    return found


def _figure_strings(spec: str) -> list[str]:
    """Every string of a figure as plotly draws it: titles, axis titles and tick texts, trace names, category
    labels, texts and hover templates (plotly's template, a style, left out)."""
    figure = json.loads(spec)
    figure.get("layout", {}).pop("template", None)

    def walk(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for v in node.values() for s in walk(v)]
        if isinstance(node, list):
            return [s for v in node for s in walk(v)]
        return [node] if isinstance(node, str) else []

    return walk(figure) + _default_names(figure)


def _default_names(figure: dict) -> list[str]:
    """The "trace N" plotly writes for a trace without a name, in the legend or beside the hover label, once
    a figure has two traces or more."""
    data = figure.get("data", [])
    named = []
    for i, trace in enumerate(data):
        if trace.get("name") or len(data) < 2:
            continue
        legend = figure.get("layout", {}).get("showlegend", True) and trace.get("showlegend", True)
        hover = trace.get("hoverinfo") not in ("skip", "none") and "<extra>" not in trace.get("hovertemplate", "")
        if legend or hover:
            named.append(f"trace {i}")
    return named


def _page_text(at: AppTest) -> list[str]:
    """What an AppTest run shows: every element's text (labels, options, help, captions, metric labels and
    values, …), each table's column names and text cells, each chart's figure text."""
    texts: list[str] = []
    nodes = [at._tree]
    while nodes:
        node = nodes.pop()
        nodes += list(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            texts += _strings(proto)
    for chart in at.get("plotly_chart"):
        texts += _figure_strings(chart.proto.spec)
    for table in at.dataframe:
        frame = table.value
        texts += [str(c) for c in frame.columns]
        for column in frame.columns:
            if frame[column].dtype == object:
                texts += [str(v) for v in frame[column].dropna().unique()]
    return texts


LEADERSHIP_PAGES = [path for path, key, _ in PAGES
                    if "pimpinan" in PAGE_ROLES.get(key.removeprefix("page_"), ("pimpinan",))]


@pytest.fixture
def page_as(demo_store, monkeypatch):
    """A page of the demo store as a demo account sees it, in Bahasa Indonesia."""
    monkeypatch.setenv("SDM_DB", demo_store.path)
    monkeypatch.chdir(ROOT)

    def run(page: str, user: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.session_state["user"] = user  # signed in without the form: nothing is written to the store
        at.run()
        if page != "dashboard.py":
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return run


@pytest.mark.parametrize("page", LEADERSHIP_PAGES)
def test_leadership_reads_no_english(page_as, page):
    at = page_as(page, "pimpinan")
    texts = _page_text(at)
    assert at.title and len(texts) > 20  # the page was read, not only its title
    assert _leaks(texts) == []


def test_the_data_page_says_what_the_uploader_takes(page_as):
    at = page_as("pages/9_Data.py", "admin")
    texts = _page_text(at)
    assert _leaks(texts) == []
    assert "CSV, XLSX, JSON · maks. 50 MB per berkas" in [c.value for c in at.caption]


# -- the uploader's texts and the page's CSS -----------------------------------------------------------------
def test_the_upload_limit_is_the_smaller_of_ours_and_streamlits(monkeypatch):
    import streamlit as st

    monkeypatch.setattr(st, "get_option", lambda name: {"server.maxUploadSize": 60}[name])
    assert look.upload_limit_mb(Settings(import_max_mb=50)) == 50
    assert look.upload_limit_mb(Settings(import_max_mb=80)) == 60


@pytest.mark.parametrize("lang,button,drop", [("id", '"Pilih berkas"', '"Seret berkas ke sini'),
                                              ("en", '"Choose files"', '"Drag files here')])
def test_the_page_css_writes_the_uploader_in_the_page_language(lang, button, drop):
    css = look.page_css(lang)
    assert '[data-testid="stElementToolbar"] { display: none !important; }' in css
    assert f"content: {button};" in css and f"content: {drop}" in css
    assert "</" not in css  # a style element cannot be closed from inside


# -- in Chromium: what Streamlit and plotly draw themselves ----------------------------------------------------
VISIBLE_TEXT = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        const text = walker.currentNode.textContent.trim();
        if (!text || !el || el.closest('[data-testid="stIconMaterial"], style, script')) continue;
        if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
        if (parseFloat(getComputedStyle(el).fontSize) === 0) continue;
        texts.push(text);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [data-title], [placeholder]')) {
        if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
        for (const name of ['title', 'aria-label', 'data-title']) {
            if (el.getAttribute(name)) texts.push(el.getAttribute(name));
        }
        if (el.getAttribute('placeholder') && !el.value) texts.push(el.getAttribute('placeholder'));
    }
    return texts;
}"""


@pytest.fixture(scope="module")
def chromium(_demo_files, tmp_path_factory, serve_app):
    """Headless Chromium and the dashboard on a copy of the demo store (tests/test_browser.py's set-up)."""
    from playwright.sync_api import sync_playwright

    from sdm_analytics.store import copy_store

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")
    db = tmp_path_factory.mktemp("language") / "sdm.duckdb"
    copy_store(_demo_files[1], str(db))
    with serve_app(str(db), tmp_path_factory.mktemp("log")) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser, url
        browser.close()


def _signed_in(browser, url: str, user: str = "admin"):
    """A new page at url, signed in on the sign-in page as a demo account and run to its end."""
    page = browser.new_page(viewport={"width": 1440, "height": 2400})
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi", exact=True).fill(f"{user}-demo-2025")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Masuk sebagai").first.wait_for(timeout=60000)
    page.wait_for_selector(IDLE, timeout=60000)
    return page


@pytest.mark.browser
def test_the_data_page_uploader_speaks_bahasa_indonesia(chromium):
    browser, url = chromium
    page = _signed_in(browser, url + "/Data")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    zone.wait_for(timeout=60000)
    assert _leaks(page.evaluate(VISIBLE_TEXT)) == []
    named = zone.aria_snapshot()  # the button's name and the hint as a screen reader has them (CSS content)
    assert 'button "Pilih berkas"' in named and "Seret berkas ke sini atau klik Pilih berkas" in named, named
    page.get_by_text("CSV, XLSX, JSON · maks. 50 MB per berkas").wait_for(timeout=30000)
    zone.evaluate("""z => { const files = new DataTransfer();
        files.items.add(new File(['nip'], 'pegawai.csv', {type: 'text/csv'}));
        z.dispatchEvent(new DragEvent('dragenter', {dataTransfer: files, bubbles: true})); }""")
    dragging = zone.locator(":scope > div:not([data-testid]) > span:only-child")
    dragging.wait_for(timeout=10000)
    assert dragging.evaluate("s => getComputedStyle(s, '::after').content") == '"Lepaskan berkas di sini"'
    assert dragging.evaluate("s => getComputedStyle(s).fontSize") == "0px"  # Streamlit's English, not drawn
    page.close()


@pytest.mark.browser
def test_charts_tables_and_filters_show_no_english(chromium):
    """A page with charts and a table, as leadership sees it: no plotly toolbar on a chart under the mouse, no
    table toolbar on a table under the mouse, no "Select all" in an open filter, and no English in what is
    drawn or named."""
    browser, url = chromium
    page = _signed_in(browser, url + "/Target_IP_ASN", "pimpinan")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60000)
    page.wait_for_selector(IDLE, timeout=60000)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    page.wait_for_timeout(500)
    assert not page.locator(".modebar").first.is_visible()
    assert _leaks(page.evaluate(VISIBLE_TEXT)) == []
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    page.wait_for_timeout(500)
    assert not page.locator('[data-testid="stElementToolbar"]').first.is_visible()
    assert _leaks(page.evaluate(VISIBLE_TEXT)) == []
    mode = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Metode")
    mode.locator("input").click()
    choices = page.locator('[data-testid="stMultiSelectDropdown"]')
    choices.wait_for(timeout=10000)
    assert "Kombinasi" in choices.inner_text()
    assert _leaks(page.evaluate(VISIBLE_TEXT)) == []
    page.close()
