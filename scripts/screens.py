"""Photograph every page as each role sees it, and the overview on a phone: the look a briefing needs.

    python scripts/screens.py OUT_DIR [--url http://127.0.0.1:8501] [--roles admin,evaluator,pimpinan]
        [--width 1440] [--pages 1,2,...]

Without --url it serves the dashboard itself (`streamlit run app.py` on a copy of the demo store). Each page
is taken at WIDTH × 900 (the part above the fold: `<role>_<page>_fold.png`) and whole (`<role>_<page>.png`,
in a window as tall as the page: Streamlit scrolls inside its main block, so a full-page shot would not);
the overview also at 390 px wide (`<role>_1_ringkasan_390.png`). Needs Debian's Chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("SDM_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
PAGES = [("/", "1_ringkasan"), ("/Partisipasi_20_JP", "2_partisipasi"), ("/Pemerataan_Akses", "3_pemerataan"),
         ("/Efektivitas_Pelatihan", "4_efektivitas"), ("/Kebutuhan_Pelatihan", "5_kebutuhan"),
         ("/Tantangan_Perubahan", "6_tantangan"), ("/Program", "7_program"), ("/Target_IP_ASN", "8_target"),
         ("/Data", "9_data"), ("/Kualitas_Data", "10_kualitas"), ("/Akun", "11_akun"), ("/Survei", "12_survei")]
ROLE_PAGES = {"pimpinan": {"1", "2", "3", "4", "5", "6", "7", "8", "11"},
              "evaluator": {"1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12"}}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@contextlib.contextmanager
def served():
    from sdm_analytics.store import copy_store

    work = Path(tempfile.mkdtemp(prefix="screens-"))
    db = work / "sdm.duckdb"
    copy_store(str(ROOT / "data" / "sdm.duckdb"), str(db))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(work / "streamlit.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=dict(os.environ, SDM_DB=str(db)), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)


def sign_in(page, url: str, role: str) -> None:
    page.goto(url + "/", wait_until="domcontentloaded")
    page.get_by_label("Nama pengguna").fill(role)
    page.get_by_label("Kata sandi", exact=True).fill(f"{role}-demo-2025")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector(IDLE, timeout=120000)


def settle(page, charts: bool) -> None:
    page.wait_for_selector(IDLE, timeout=180000)
    if charts:
        with contextlib.suppress(Exception):
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60000)
    page.wait_for_timeout(1500)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--url")
    parser.add_argument("--roles", default="admin,evaluator,pimpinan")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--pages", default="")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.pages.split(",")) - {""}
    from playwright.sync_api import sync_playwright

    with (contextlib.nullcontext(args.url) if args.url else served()) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for role in args.roles.split(","):
            context = browser.new_context(viewport={"width": args.width, "height": 900})
            page = context.new_page()
            sign_in(page, url, role)
            for path, name in PAGES:
                number = name.split("_")[0]
                if (wanted and number not in wanted) or number not in ROLE_PAGES.get(role, {number}):
                    continue
                page.set_viewport_size({"width": args.width, "height": 900})
                page.goto(url + path, wait_until="domcontentloaded")
                settle(page, number not in ("9", "11"))
                page.screenshot(path=str(out / f"{role}_{name}_fold.png"))
                whole = page.evaluate('document.querySelector(\'[data-testid="stMain"]\').scrollHeight')
                page.set_viewport_size({"width": args.width, "height": min(int(whole) + 40, 12000)})
                page.wait_for_timeout(1500)  # the page scrolls inside stMain: a taller window shows all of it
                page.screenshot(path=str(out / f"{role}_{name}.png"))
                print(f"{role} {name}", flush=True)
                if number == "1":
                    page.set_viewport_size({"width": 390, "height": 844})
                    page.reload(wait_until="domcontentloaded")
                    settle(page, True)
                    whole = page.evaluate('document.querySelector(\'[data-testid="stMain"]\').scrollHeight')
                    page.set_viewport_size({"width": 390, "height": min(int(whole) + 40, 12000)})
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(out / f"{role}_{name}_390.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
