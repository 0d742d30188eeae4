"""export-data: every table as a contract CSV that imports back into the same store."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sdm_analytics.contract import KIND_ORDER, KINDS
from sdm_analytics.engine.metrics import compute, compute_by
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sdm_analytics", "--db", db, *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def has_rows(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in fh) > 1


@pytest.fixture(scope="module")
def round_trip(demo_db, tmp_path_factory) -> tuple[Store, Store, Path]:
    """The demo store, its export, and an empty store the export was imported into."""
    folder = tmp_path_factory.mktemp("export")
    source = folder / "demo.duckdb"
    shutil.copy(demo_db, source)  # the test process may hold the original open
    out = folder / "csv"
    proc = run("export-data", "--out", str(out), db=str(source))
    assert proc.returncode == 0, proc.stderr
    target = folder / "restored.duckdb"
    # a header-only file is refused by the importer: the kinds the demo has (it has no training history yet)
    proc = run("import", *[str(out / f"{k}.csv") for k in KIND_ORDER if has_rows(out / f"{k}.csv")],
               db=str(target))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "peringatan" not in proc.stdout and "DITOLAK" not in proc.stdout
    a, b = Store(str(source)), Store(str(target))
    yield a, b, out
    a.close()
    b.close()


def test_every_table_is_a_contract_csv(round_trip):
    _, _, out = round_trip
    for kind in KIND_ORDER:
        with open(out / f"{kind}.csv", newline="", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == list(KINDS[kind].public_names), kind


def test_city_wide_targets_have_an_empty_opd_code(round_trip):
    source, _, out = round_trip
    rows = list(csv.DictReader(open(out / "targets.csv", newline="", encoding="utf-8")))
    city = source.scalar("SELECT count(*) FROM targets WHERE opd_code = ''")
    assert city > 0 and sum(r["opd_code"] == "" for r in rows) == city
    assert '""' not in (out / "targets.csv").read_text()


def test_restored_store_has_the_same_rows(round_trip):
    source, restored, _ = round_trip
    for kind in KIND_ORDER:
        assert restored.count(kind) == source.count(kind), kind
        cols = ", ".join(KINDS[kind].column_names)  # the internal choice too: derived again on restore
        order = ", ".join(KINDS[kind].key)
        a = source.df(f"SELECT {cols} FROM {kind} ORDER BY {order}")
        b = restored.df(f"SELECT {cols} FROM {kind} ORDER BY {order}")
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=kind)
    assert len(restored.import_history()) == sum(1 for k in KIND_ORDER if source.count(k))


def test_restored_store_gives_the_same_metrics(round_trip):
    source, restored, _ = round_trip
    filters, scope = Filters.make(2025), Scope.everything(role="admin")
    expected, found = compute(source, filters, scope), compute(restored, filters, scope)
    for mid, value in expected.values.items():
        assert found.values[mid] == (pytest.approx(value) if value is not None else None), mid
    assert found.n == expected.n
    for by in ("opd", "gender", "mode"):
        a = compute_by(source, filters, by, scope).sort_values(by).reset_index(drop=True)
        b = compute_by(restored, filters, by, scope).sort_values(by).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=by)


def test_export_of_a_missing_store_exits_2(tmp_path):
    proc = run("export-data", "--out", str(tmp_path / "out"), db=str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert not (tmp_path / "none.duckdb").exists()
