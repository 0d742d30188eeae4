"""Load test on loopback: N people at once, each signing in and opening three pages, in one headless Chromium.

    .venv/bin/python scripts/load.py https://127.0.0.1:8443 --people 20

Each person is a browser context of its own (its own cookies): it opens the dashboard (sent to the sign-in
page), signs in with a demo account (roles in turn), then opens the overview, Partisipasi & 20 JP and
Pemerataan Akses, each until its charts are drawn and the page has stopped running. A page load counts as an
error when it times out, shows a Streamlit exception or an error box. Prints one JSON line: people, page
loads, errors, and the p50/p95/max seconds of a page load (sign-in included in the first). Bounded: only the
URL given is visited (the script refuses a non-loopback host), every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from urllib.parse import urlsplit

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--ignore-certificate-errors"]
ACCOUNTS = (("pimpinan", "pimpinan-demo-2025"), ("evaluator", "evaluator-demo-2025"), ("admin", "admin-demo-2025"))
PAGES = ("/", "/Partisipasi_20_JP", "/Pemerataan_Akses")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"] .main-svg'


async def _page_load(page, url: str, timeout_ms: int) -> None:
    await page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    await page.wait_for_selector(CHART, timeout=timeout_ms)
    await page.wait_for_selector(IDLE, timeout=timeout_ms)
    if await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count():
        raise RuntimeError(f"error shown on {url}")


async def _person(browser, base: str, n: int, timeout_ms: int, times: list[float], errors: list[str]) -> None:
    user, password = ACCOUNTS[n % len(ACCOUNTS)]
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, ignore_https_errors=True)
    page = await context.new_page()
    try:
        for i, path in enumerate(PAGES):
            started = time.perf_counter()
            try:
                if i == 0:
                    await page.goto(base + path, wait_until="domcontentloaded", timeout=timeout_ms)
                    await page.get_by_label("Nama pengguna").fill(user, timeout=timeout_ms)
                    await page.get_by_label("Kata sandi", exact=True).fill(password, timeout=timeout_ms)
                    await page.get_by_role("button", name="Masuk").click(timeout=timeout_ms)
                    await page.wait_for_selector(CHART, timeout=timeout_ms)
                    await page.wait_for_selector(IDLE, timeout=timeout_ms)
                else:
                    await _page_load(page, base + path, timeout_ms)
                times.append(time.perf_counter() - started)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and named
                errors.append(f"person {n} ({user}) {path}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


async def run(base: str, people: int, timeout_s: float) -> dict:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        started = time.perf_counter()
        await asyncio.gather(*(_person(browser, base, n, int(timeout_s * 1000), times, errors) for n in range(people)))
        wall = time.perf_counter() - started
        await browser.close()
    ordered = sorted(times)

    def pct(q: float) -> float | None:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2) if ordered else None

    return {"people": people, "page_loads": people * len(PAGES), "ok": len(times), "errors": len(errors),
            "p50_s": round(statistics.median(ordered), 2) if ordered else None, "p95_s": pct(0.95),
            "max_s": round(ordered[-1], 2) if ordered else None, "wall_s": round(wall, 1), "error_list": errors[:10]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a page load may take")
    args = parser.parse_args()
    if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        print("refused: the load test runs on loopback only", file=sys.stderr)
        return 2
    result = asyncio.run(run(args.url.rstrip("/"), args.people, args.timeout))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
