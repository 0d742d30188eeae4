"""A real `streamlit run` on 127.0.0.1, every page opened in headless Chromium and photographed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sdm_analytics.store import copy_store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("SDM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
# (url path, text that must appear, screenshot name)
PAGES = [
    ("/", "Ringkasan Eksekutif", "1_ringkasan_eksekutif"),
    ("/Partisipasi_20_JP", "Partisipasi & 20 JP", "2_partisipasi_20_jp"),
    ("/Pemerataan_Akses", "Pemerataan Akses", "3_pemerataan_akses"),
    ("/Efektivitas_Pelatihan", "Efektivitas Pelatihan", "4_efektivitas_pelatihan"),
    ("/Kebutuhan_Pelatihan", "Kebutuhan Pelatihan", "5_kebutuhan_pelatihan"),
    ("/Tantangan_Perubahan", "Tantangan & Perubahan", "6_tantangan_perubahan"),
    ("/Program", "Program", "7_program"),
    ("/Target_IP_ASN", "Target & IP ASN", "8_target_ip_asn"),
    ("/Data", "Data", "9_data"),
    ("/Kualitas_Data", "Kualitas Data", "10_kualitas_data"),
    ("/Akun", "Akun", "11_akun"),
    ("/Survei", "Survei", "12_survei"),
]

NO_CHARTS = {"9_data", "11_akun", "12_survei"}  # pages made of forms and tables only

pytestmark = pytest.mark.browser


def _need_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("SDM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")


@pytest.fixture(scope="module")
def server(_demo_files, tmp_path_factory, serve_app):
    """The dashboard on a copy of the demo store, shared by this module's tests: they sign in (logged in that
    copy) and look, and change nothing a page shows. A test that changes data takes own_server."""
    _need_browser()
    db = tmp_path_factory.mktemp("browser") / "sdm.duckdb"
    copy_store(_demo_files[1], str(db))  # the pristine demo store and its accounts (conftest)
    with serve_app(str(db), tmp_path_factory.mktemp("log")) as url:
        yield url


@pytest.fixture
def own_server(own_demo_db, tmp_path, serve_app):
    """The dashboard on this test's own copy of the demo store (for a test that imports data)."""
    _need_browser()
    with serve_app(own_demo_db, tmp_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _visit(page, url: str, user: str = "admin", password: str = "admin-demo-2025") -> None:
    """Open a URL as the app's users do: the sign-in page first (a demo account), then the page asked for."""
    page.goto(url, wait_until="domcontentloaded")
    form = page.get_by_label("Nama pengguna")
    form.wait_for(timeout=60000)
    assert "/masuk?next=" in page.url  # sent to the sign-in page, with the way back
    form.fill(user)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Masuk sebagai").first.wait_for(timeout=60000)
    page.wait_for_selector(IDLE, timeout=60000)


def _open(browser, url: str, expect: str, shot: str) -> float:
    page = browser.new_page(viewport={"width": 1600, "height": 2600})
    outside: list[str] = []  # the dashboard must work on a closed network: nothing leaves the machine
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else None)
    started = time.perf_counter()
    _visit(page, url)
    page.get_by_role("heading", name=expect).first.wait_for(timeout=60000)
    if shot not in NO_CHARTS:
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60000)
    page.wait_for_timeout(800)  # let the last charts finish drawing
    seconds = time.perf_counter() - started
    assert page.locator('[data-testid="stException"]').count() == 0, "the page shows an exception"
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert outside == [], f"requests left the machine: {outside[:3]}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"))
    page.close()
    return seconds


@pytest.mark.parametrize("path,expect,shot", PAGES, ids=[p[2] for p in PAGES])
def test_page_renders_in_chromium(browser, server, path, expect, shot):
    seconds = _open(browser, server + path, expect, shot)
    print(f"{shot}: rendered in {seconds:.1f} s")


def test_filtered_link_opens_filtered_view(browser, server):
    page = browser.new_page(viewport={"width": 1600, "height": 1400})
    _visit(page, server + "/?year=2024&area=rural")
    page.get_by_text("Periode 2024").first.wait_for(timeout=60000)
    assert page.locator('[data-tag]').filter(has_text="Perdesaan").count() == 1
    page.close()


def test_clicking_a_bar_filters_every_page(browser, server):
    """Drill-down: a click on the weakest OPD's bar makes it the OPD filter, and the filter follows."""
    page = browser.new_page(viewport={"width": 1600, "height": 2400})
    _visit(page, server + "/")
    bars = page.locator(".st-key-opd_ends .js-plotly-plot .bars .point path")
    bars.first.wait_for(timeout=60000)
    page.wait_for_timeout(1500)  # plotly binds its click handlers after drawing
    box = bars.first.bounding_box()  # plotly's drag layer takes the click and resolves the point
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tag = page.locator('[data-testid="stSidebar"] [data-tag]')
    tag.first.wait_for(timeout=30000)
    weakest = tag.first.text_content()
    page.wait_for_url(lambda url: "opd=" in url, timeout=30000)  # written once the page has run to its end
    assert weakest
    page.locator('[data-testid="stSidebar"] a').filter(has_text="Partisipasi").first.click()
    page.get_by_role("heading", name="Partisipasi & 20 JP").first.wait_for(timeout=60000)
    page.locator('[data-testid="stSidebar"] [data-tag]').filter(has_text=weakest).first.wait_for(timeout=30000)
    page.close()


def test_data_page_checks_then_imports_an_upload(browser, own_server):
    """An admin uploads a messy SIMPEG-style export: rejected rows are listed, the valid ones imported (into this
    test's own store: the other pages' figures stay the demo's)."""
    page = browser.new_page(viewport={"width": 1500, "height": 2400})
    _visit(page, own_server + "/Data")
    page.get_by_role("heading", name="Data").first.wait_for(timeout=60000)
    upload = ROOT / "tests" / "data" / "import" / "pegawai.csv"
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Pemetaan kolom").first.wait_for(timeout=60000)
    page.get_by_text("7 baris: 5 valid, 2 ditolak").first.wait_for(timeout=30000)
    assert page.get_by_role("button", name="Impor ke basis data").is_disabled()
    page.get_by_text("Tulis baris yang valid saja").click()
    page.get_by_role("button", name="Impor ke basis data").click()
    page.get_by_text("Impor selesai: 5 baru").first.wait_for(timeout=60000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "9_data_after_import.png"))
    page.close()


def test_an_evaluator_signs_in_and_sees_only_its_opds(browser, server):
    """The evaluator demo account: its OPDs only in the filter and the ranking; no Data page in the menu."""
    page = browser.new_page(viewport={"width": 1600, "height": 2000})
    _visit(page, server + "/", user="evaluator", password="evaluator-demo-2025")
    page.get_by_text("Cakupan akun").first.wait_for(timeout=30000)
    menu = page.locator('[data-testid="stSidebar"] a').all_text_contents()
    assert any("Kualitas Data" in m for m in menu) and not any(m.strip() == "Data" for m in menu)
    page.wait_for_selector(".st-key-opd_ends .js-plotly-plot .bars .point path", timeout=60000)
    labels = page.locator(".st-key-opd_ends .ytick text").all_text_contents()
    assert labels and all(("Kesehatan" in x or "Puskesmas" in x) for x in labels), labels
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "1_ringkasan_evaluator.png"))
    page.close()


def test_the_command_line_works_while_the_dashboard_serves_the_same_store(browser, own_server, own_demo_db, tmp_path):
    """Cron beside the dashboard: with an admin's page open on the store, `metrics`, `briefing`, `export-chart`
    and `import` run on the same file (each failed with 'store in use' before), and the dashboard shows the
    imported file on its next run, without a restart."""
    import json

    page = browser.new_page(viewport={"width": 1500, "height": 2400})
    _visit(page, own_server + "/Data")
    page.get_by_role("heading", name="Data").first.wait_for(timeout=60000)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", own_demo_db, *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    metrics = cli("metrics", "--year", "2025", "--format", "json")
    assert metrics.returncode == 0, metrics.stderr
    assert json.loads(metrics.stdout)
    deck = cli("briefing", "--year", "2025", "--out", str(tmp_path / "paparan.pptx"))
    assert deck.returncode == 0 and (tmp_path / "paparan.pptx").stat().st_size > 10_000, deck.stderr
    chart = cli("export-chart", "trend", "--year", "2025", "--format", "svg", "--out", str(tmp_path / "tren.svg"))
    assert chart.returncode == 0 and (tmp_path / "tren.svg").read_text().startswith("<svg"), chart.stderr
    imported = cli("import", str(ROOT / "tests" / "data" / "import" / "pegawai.csv"), "--accept-partial")
    assert imported.returncode in (0, 1), imported.stderr  # 1: some rows were rejected, the valid ones written
    assert "5" in imported.stdout

    page.reload(wait_until="domcontentloaded")  # the next run: a new Streamlit session, still signed in (cookie)
    page.get_by_text("Masuk sebagai").first.wait_for(timeout=60000)
    page.get_by_role("heading", name="Data").first.wait_for(timeout=60000)
    history = page.locator('[role="gridcell"]')  # the import history table (its cells, as the grid exposes them)
    history.filter(has_text="pegawai.csv").first.wait_for(state="attached", timeout=30000)
    history.filter(has_text="cli:").first.wait_for(state="attached", timeout=30000)  # imported by the CLI
    page.close()


def test_text_from_the_data_is_never_a_link_or_an_image(browser, attacked_store, tmp_path, serve_app):
    """OPD and people's names, a programme's title, organizer and comments holding a Markdown link and image,
    a :red[] directive and an HTML link (tests/conftest.py ATTACK): Chromium draws them as text on the overview
    and the Program page, in Markdown and in charts, and fetches nothing from their address."""
    from conftest import ATTACK

    store, code = attacked_store
    with serve_app(store.path, tmp_path) as url:  # the same file: this process holds nothing
        for path, ready in (("/", ".st-key-opd_ends .main-svg"),
                            (f"/Program?program={code}", '[data-testid="stText"]')):
            page = browser.new_page(viewport={"width": 1600, "height": 3000})
            asked: list[str] = []
            page.on("request", lambda r, asked=asked: asked.append(r.url))
            _visit(page, url + path)
            page.wait_for_selector(ready, timeout=60000)
            page.wait_for_timeout(1500)  # the last charts and Markdown drawn
            assert page.locator('a[href*="x.example"]').count() == 0, path
            assert page.locator('img[src*="x.example"]').count() == 0, path
            assert page.locator('svg a').count() == 0, path  # plotly draws an <a href> of its text as an SVG link
            assert page.get_by_text(ATTACK).count() > 0, path  # and the text itself is there, as typed
            assert not [u for u in asked if "x.example" in u], path
            page.close()


def test_a_new_tab_stays_signed_in_and_signing_out_ends_the_session_everywhere(browser, server):
    """F3 as a person meets it: signed in once, a second tab opens signed in; *Keluar* in one tab says so, and
    the other tab, reloaded, is back at the sign-in page (the session ended in the ledger, not in one tab)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    first = context.new_page()
    _visit(first, server + "/", user="pimpinan", password="pimpinan-demo-2025")
    second = context.new_page()
    second.goto(server + "/Program", wait_until="domcontentloaded")
    second.get_by_text("Masuk sebagai").first.wait_for(timeout=60000)
    first.get_by_role("button", name="Keluar").click()
    first.get_by_text("Anda sudah keluar.").first.wait_for(timeout=60000)
    second.reload(wait_until="domcontentloaded")
    second.get_by_label("Nama pengguna").wait_for(timeout=60000)
    assert "/masuk?next=" in second.url
    context.close()


def test_leadership_sees_the_overview_on_one_screen(browser, server):
    """Issue 14: at 1440 × 900 the pimpinan sees, without scrolling, the eight indicators against their targets,
    the key findings, the trend and the three weakest and three strongest OPDs; on a 390 px phone the menu is
    folded away and nothing runs off the right edge."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    _visit(page, server + "/", user="pimpinan", password="pimpinan-demo-2025")
    page.wait_for_selector(".st-key-opd_ends .js-plotly-plot .bars .point path", timeout=60000)
    page.wait_for_selector(".st-key-trend .js-plotly-plot .scatterlayer", timeout=60000)
    page.wait_for_timeout(800)

    def bottom(selector: str) -> float:
        boxes = [el.bounding_box() for el in page.locator(selector).all()]
        assert boxes and all(boxes), selector
        return max(b["y"] + b["height"] for b in boxes)

    assert page.locator('[data-testid="stMetric"]').count() == 8
    for selector in ('[data-testid="stMetric"]', ".st-key-findings_small", ".st-key-trend .main-svg",
                     ".st-key-opd_ends .bars .point"):
        assert bottom(selector) <= 900, selector
    assert "Target 60,0%" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator(".modebar").count() == 0 or not page.locator(".modebar").first.is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "1_ringkasan_pimpinan_1440x900.png"))

    page.set_viewport_size({"width": 390, "height": 844})  # the same session, opened again on a phone
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector(".st-key-opd_ends .main-svg", timeout=60000)
    page.wait_for_timeout(800)
    menu = page.locator('[data-testid="stSidebar"]')
    box = menu.bounding_box()  # folded away on a phone: off the left edge, or marked closed
    assert menu.get_attribute("aria-expanded") == "false" or box is None or box["x"] + box["width"] <= 0
    title = page.get_by_role("heading", name="Ringkasan Eksekutif").first.bounding_box()
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 4  # the title starts below the bar over the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "1_ringkasan_pimpinan_390.png"))
    page.close()
