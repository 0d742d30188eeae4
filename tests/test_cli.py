"""`python -m sdm_analytics`: JSON shapes, filters, breakdowns, tables, usage errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sdm_analytics.engine.metrics import METRIC_IDS, compute
from sdm_analytics.filters import Filters, Scope
from sdm_analytics.store import Store

ROOT = Path(__file__).resolve().parents[1]
SMALL = Path(__file__).parent / "data" / "small"


def run(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sdm_analytics"] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "small.duckdb")
    store = Store(path)
    store.load_csv_dir(SMALL)
    store.close()
    return path


def test_metrics_json_shape_matches_engine(small_db):
    proc = run("metrics", "--year", "2025", "--format", "json", "--role", "admin", db=small_db)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["year"] == 2025 and out["filters"] == {}
    assert set(out["metrics"]) == set(METRIC_IDS)
    store = Store(small_db)
    expected = compute(store, Filters.make(2025), Scope.everything(role="admin"))
    store.close()
    for mid in METRIC_IDS:
        assert out["metrics"][mid] == pytest.approx(expected.values[mid]) if expected.values[mid] is not None \
            else out["metrics"][mid] is None


def test_metrics_filters_and_by(small_db):
    proc = run("metrics", "--year", "2025", "--opd", "a", "--mode", "luring", "--by", "area", db=small_db)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["filters"] == {"opd": ["A"], "mode": ["luring"]}
    assert out["by"] == "area"
    assert all("area" in row and "jp20_rate" in row for row in out["rows"])


def test_metrics_table_format_is_for_people(small_db):
    proc = run("metrics", "--year", "2025", "--format", "table", db=small_db)
    assert proc.returncode == 0, proc.stderr
    assert "Kepatuhan 20 JP" in proc.stdout and "%" in proc.stdout


@pytest.mark.parametrize("args,needle", [
    (("metrics", "--year", "abc"), "invalid int"),
    (("metrics",), "--year"),
    (("metrics", "--year", "2025", "--area", "suburb"), "suburb"),
    (("metrics", "--year", "2025", "--by", "shoe"), "invalid choice"),
    (("frobnicate",), "invalid choice"),
])
def test_wrong_arguments_exit_2_with_a_message(small_db, args, needle):
    proc = run(*args, db=small_db)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_store_exits_2(tmp_path):
    proc = run("metrics", "--year", "2025", db=str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2 and "demo" in proc.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_demo_store_metrics_are_complete_and_plausible(demo_copy):
    demo_db = demo_copy
    # an OPD in one area has a null outskirts/centre ratio by definition; DINKES is not one: its puskesmas
    # (unit kerja below it) work in the outskirts too
    for extra, may_be_null in (((), set()), (("--opd", "BAPPEDA"), {"reach_ratio_nonurban"}),
                               (("--opd", "DINKES"), set()), (("--unit", "PKM_KASEMEN"), {"reach_ratio_nonurban"}),
                               (("--mode", "daring"), set())):
        proc = run("metrics", "--year", "2025", "--format", "json", *extra, db=demo_db)
        assert proc.returncode == 0, proc.stderr
        values = json.loads(proc.stdout)["metrics"]
        missing = {k for k, v in values.items() if v is None}
        assert missing == may_be_null, f"{extra}: null {missing}"
        for rate in ("jp20_rate", "reach_rate", "completion_rate", "dropout_rate", "online_share"):
            assert 0 <= values[rate] <= 1
        for score in ("reaction_score", "application_score", "readiness_score"):
            assert 1 <= values[score] <= 5
    proc = run("metrics", "--year", "2025", "--by", "opd", "--metric", "jp20_rate", db=demo_db)
    rows = json.loads(proc.stdout)["rows"]
    assert len(rows) == 37 and all(r["jp20_rate"] is not None for r in rows)  # OPDs, not their unit kerja


def test_demo_command_builds_a_store(tmp_path):
    db = str(tmp_path / "d.duckdb")
    proc = run("demo", "--seed", "7", db=db)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["rows"]["employees"] >= 4000
    store = Store(db)
    assert store.count("employees") == out["rows"]["employees"]
    store.close()


@pytest.mark.parametrize("name", ["needs_gap", "jp_distribution", "never_trained", "level4_by_training",
                                  "target_progress", "ipasn", "ipasn_summary"])
def test_metrics_table_equals_engine(small_db, name):
    from sdm_analytics.engine.tables import named_table

    proc = run("metrics", "--year", "2025", "--table", name, "--format", "json", "--role", "admin", db=small_db)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["table"] == name and out["year"] == 2025
    store = Store(small_db)
    frame = named_table(name, store, Filters.make(2025), Scope.everything(role="admin"))
    store.close()
    assert len(out["rows"]) == len(frame)
    if len(frame):
        assert set(out["rows"][0]) == set(frame.columns)
    csv = run("metrics", "--year", "2025", "--table", name, "--format", "csv", "--role", "admin", db=small_db)
    assert csv.returncode == 0 and len(csv.stdout.strip().splitlines()) == len(frame) + 1


def test_table_by_is_only_for_ipasn_summary(small_db):
    proc = run("metrics", "--year", "2025", "--table", "needs_gap", "--by", "opd", db=small_db)
    assert proc.returncode == 2 and "ipasn_summary" in proc.stderr
    proc = run("metrics", "--year", "2025", "--table", "ipasn_summary", "--by", "opd", "--format", "json",
               db=small_db)
    assert proc.returncode == 0 and all("opd" in r for r in json.loads(proc.stdout)["rows"])
