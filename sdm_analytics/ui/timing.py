"""Each page's server time, cold and warm, for the `bench` command (run in its own process).

    python -m sdm_analytics.ui.timing --db STORE [--role admin] [--repeat 3]

Runs every page of the dashboard (dashboard.py and pages/*.py beside the package) under Streamlit's
AppTest, signed in as a demo account of the given role, and prints one JSON object: page → {"cold": s,
"warm": s, "error": text or null}. Cold is the page's first run with Streamlit's caches (data and figures)
emptied (the store stays open, as on a running server: a filter change on a page nobody has seen with those
filters); warm is the median of the reruns that follow, nothing changed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

__all__ = ["ROOT", "page_files", "time_pages"]

ROOT = Path(__file__).resolve().parents[2]
_ROLE_USERS = {"admin": "admin", "evaluator": "evaluator", "pimpinan": "pimpinan"}


def page_files() -> list[str]:
    """The dashboard's pages, relative to the checkout (empty when the package runs without them)."""
    if not (ROOT / "dashboard.py").exists():
        return []
    return ["dashboard.py"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def _errors(at: AppTest) -> str | None:
    if at.exception:
        return "; ".join(str(e.message).splitlines()[0] for e in at.exception)
    return None


def time_pages(db: str, role: str = "admin", repeat: int = 3) -> dict[str, dict]:
    """Cold and warm server time of every page, as seen by `role`'s demo account."""
    os.environ["SDM_DB"] = db
    os.chdir(ROOT)
    out: dict[str, dict] = {}
    for page in page_files():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.session_state["user"] = _ROLE_USERS[role]
        at.run()
        st.cache_data.clear()
        st.cache_resource.clear()  # the figures too (the store's connection is not a Streamlit cache)
        started = time.perf_counter()
        if page != "dashboard.py":
            at.switch_page(page)
        at.run()
        cold = time.perf_counter() - started
        warm = []
        for _ in range(repeat):
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        out[page] = {"cold": cold, "warm": statistics.median(warm), "error": _errors(at)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sdm_analytics.ui.timing")
    parser.add_argument("--db", required=True)
    parser.add_argument("--role", choices=tuple(_ROLE_USERS), default="admin")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(time_pages(args.db, args.role, args.repeat)))


if __name__ == "__main__":
    main()
