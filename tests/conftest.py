"""Shared fixtures: a hand-checked small store, a demo store file, fresh in-memory stores.

The demo store is built once per session. Tests that only read share `demo_store` (and `demo_db`, its file);
a test that writes to a demo store (an account added, a sign-in or a refusal logged, a password changed, a
download logged, an import) takes `own_demo_store` (or `own_demo_db`): its own copy of the file, so no test
sees what another wrote and the order the tests run in does not matter. The shared store is checked after
every test that used it: a test that wrote to it fails in its teardown.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from sdm_analytics.store import Store, copy_store

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SMALL = TESTS / "data" / "small"


@pytest.fixture(scope="session", autouse=True)
def _no_default_store(tmp_path_factory: pytest.TempPathFactory):
    """SDM_DB names a path no test uses, for the whole session: code that falls back to the default store
    never touches data/sdm.duckdb of the working tree, and no test depends on which fixture ran first
    (a test that needs a store names it, or sets SDM_DB with monkeypatch)."""
    old = os.environ.get("SDM_DB")
    os.environ["SDM_DB"] = str(tmp_path_factory.mktemp("no_default_store") / "sdm.duckdb")
    yield
    if old is None:
        os.environ.pop("SDM_DB", None)
    else:
        os.environ["SDM_DB"] = old


@pytest.fixture
def mem_store() -> Store:
    """A fresh, empty in-memory store for tests that write."""
    store = Store(":memory:")
    yield store
    store.close()


@pytest.fixture(scope="session")
def small_store() -> Store:
    """The hand-checked store of tests/data/small (read only by convention)."""
    store = Store(":memory:")
    store.load_csv_dir(SMALL)
    yield store
    store.close()


@pytest.fixture(scope="session")
def _demo_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The demo store built once per session (the city scale, seed 2025): (the file the shared store opens,
    a pristine copy that no connection ever opens). Copies are made from the pristine one, so a copy never
    catches a file mid-write."""
    from sdm_analytics.demo import write_demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "sdm.duckdb"
    store = Store(str(path))
    write_demo(store, seed=2025)
    store.close()
    pristine = folder / "pristine.duckdb"
    copy_store(str(path), str(pristine))  # the store and its ledger (accounts)
    return str(path), str(pristine)


@pytest.fixture(scope="session")
def demo_db(_demo_files: tuple[str, str]) -> str:
    """The file of the shared demo store (read only: see own_demo_db for a test that writes)."""
    return _demo_files[0]


def _fingerprint(store: Store) -> tuple:
    """What a test could change in a demo store: the data version, the accounts, the account and import logs."""
    return (store.meta("data_version"),
            store.ledger.rows("SELECT * FROM users ORDER BY username"),
            store.ledger.scalar("SELECT count(*) FROM auth_log"),
            store.scalar("SELECT count(*) FROM import_log"))


@pytest.fixture(scope="session")
def demo_store(demo_db: str) -> Store:
    """The shared demo store, opened once (in this process) through open_store: read only. A test that
    writes takes own_demo_store."""
    from sdm_analytics.store import open_store

    return open_store(demo_db)


@pytest.fixture(autouse=True)
def _shared_demo_store_stays_as_built(request: pytest.FixtureRequest):
    """A test that used the shared demo store must leave it as it found it (else it fails here)."""
    if "demo_store" not in request.fixturenames:
        yield
        return
    store = request.getfixturevalue("demo_store")
    before = _fingerprint(store)
    yield
    assert _fingerprint(store) == before, (
        "this test wrote to the shared demo store (accounts, account log, imports or data): "
        "give it its own copy with the own_demo_store fixture")


@pytest.fixture(scope="session")
def demo_copy(_demo_files: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the demo store for subprocesses (CLI) that only read: this process holds the shared one open
    (DuckDB locks a file per process)."""
    path = tmp_path_factory.mktemp("demo_copy") / "sdm.duckdb"
    copy_store(_demo_files[1], str(path))
    return str(path)


@pytest.fixture
def own_demo_db(_demo_files: tuple[str, str], tmp_path: Path) -> str:
    """This test's own copy of the demo store file (a file copy: fast), for a test that writes to it."""
    path = tmp_path / "own_demo" / "sdm.duckdb"
    copy_store(_demo_files[1], str(path))
    return str(path)


@pytest.fixture
def own_demo_store(own_demo_db: str) -> Store:
    """This test's own copy of the demo store, opened through open_store (so the dashboard under AppTest, with
    SDM_DB set to its path, shares the connection); closed and forgotten afterwards."""
    from sdm_analytics import store as store_module

    store = store_module.open_store(own_demo_db)
    yield store
    with store_module._open_lock:  # the process-wide cache of open stores: drop this test's copy
        store_module._open.pop(own_demo_db, None)
    store.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serve(db: str, logs: Path, env: dict[str, str] | None = None, port: int | None = None):
    """`streamlit run app.py` (the README's command: the pages behind the sign-in page and its gate) on
    127.0.0.1 with SDM_DB=db; yields its URL."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = port or free_port()
    log = open(logs / "streamlit.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=Path(__file__).resolve().parents[1], env=dict(os.environ, SDM_DB=db, **(env or {})), stdout=log,
        stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            log.seek(0)
            pytest.fail("streamlit did not start:\n" + log.read())
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def serve_app():
    """A context manager that serves the dashboard as the README runs it, on a store, and yields its URL."""
    return _serve


# Text the data may hold that Markdown, Streamlit's :directives: or plotly would act on (issue 12, F5).
ATTACK = '[phish](http://x.example) ![t](http://x.example/t.png) :red[merah] <a href="http://x.example">a</a>'


@pytest.fixture
def attacked_store(own_demo_store: Store) -> tuple[Store, str]:
    """This test's own demo store with ATTACK in the text of its data: after every OPD, unit kerja, kecamatan,
    organizer and employee name, as the most underserved topic's code, and as the title, organizer and survey
    comments of one 2025 programme with comments to show. Returns (the store, that programme's code)."""
    from sdm_analytics.engine import evaluation, needs
    from sdm_analytics.filters import Filters, Scope

    store, year, viewer = own_demo_store, Filters.make(2025), Scope.everything(role="pimpinan")
    summary = evaluation.program_summary(store, year, Scope.everything(role="admin"))
    code = next(c for c in summary[summary["reaction_n"] >= 20]["program_code"]
                if len(evaluation.comments(store, Filters.make(2025, {"program": [c]}), scope=viewer)[0]))
    topic = needs.needs_gap(store, year, viewer)["topic"].iloc[0]
    with store.transaction() as cur:
        cur.execute("UPDATE units SET opd_name = opd_name || ' ' || $a, kecamatan = kecamatan || ' ' || $a",
                    {"a": ATTACK})
        cur.execute("UPDATE employees SET name = name || ' ' || $a", {"a": ATTACK})
        cur.execute("UPDATE programs SET organizer = organizer || ' ' || $a", {"a": ATTACK})
        cur.execute("UPDATE programs SET title = $a || ' judul', organizer = 'Penyelenggara ' || $a "
                    "WHERE program_code = $code", {"a": ATTACK, "code": code})
        cur.execute("UPDATE survey_responses SET answer_text = $a "
                    "WHERE program_code = $code AND answer_text IS NOT NULL", {"a": ATTACK, "code": code})
        cur.execute("UPDATE programs SET topic = $a WHERE topic = $topic", {"a": ATTACK, "topic": topic})
        cur.execute("UPDATE survey_responses SET answer_text = $a WHERE answer_text = $topic AND item_code IN "
                    "(SELECT item_code FROM survey_items WHERE dimension = 'topic')", {"a": ATTACK, "topic": topic})
    return store, code
