"""Shared fixtures: a hand-checked small store, a demo store file, fresh in-memory stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sdm_analytics.store import Store

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SMALL = TESTS / "data" / "small"


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
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo store file built once per session (the city scale, seed 2025)."""
    from sdm_analytics.demo import write_demo

    path = str(tmp_path_factory.mktemp("demo") / "sdm.duckdb")
    store = Store(path)
    write_demo(store, seed=2025)
    store.close()
    return path


@pytest.fixture(scope="session")
def demo_store(demo_db: str) -> Store:
    """The demo store, opened once (in this process) through open_store."""
    from sdm_analytics.store import open_store

    os.environ["SDM_DB"] = demo_db
    return open_store(demo_db)


@pytest.fixture(scope="session")
def demo_copy(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the demo store for subprocesses (CLI): this process may hold the original (DuckDB locks per process)."""
    import shutil

    path = tmp_path_factory.mktemp("demo_copy") / "sdm.duckdb"
    shutil.copy(demo_db, path)
    return str(path)
