"""`python -m sdm_analytics`: JSON shapes, filters, breakdowns, tables, usage errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sdm_analytics.engine.metrics import METRIC_IDS, compute, compute_by
from sdm_analytics.engine.registry import CLI_TABLES, table
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
    proc = run("metrics", "--year", "2025", "--opd", "dindik", "--mode", "luring", "--by", "area", db=small_db)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["filters"] == {"opd": ["DINDIK"], "mode": ["luring"]}
    assert out["by"] == "area"
    store = Store(small_db)
    expected = compute_by(store, Filters.make(2025, {"opd": ["DINDIK"], "mode": ["luring"]}), "area", Scope.everything())
    store.close()
    assert [row["area"] for row in out["rows"]] == list(expected["area"]) and len(out["rows"]) > 0
    for row, want in zip(out["rows"], expected.to_dict("records")):
        for mid in METRIC_IDS:
            value = want[mid]
            assert row[mid] == (None if value is None or value != value else pytest.approx(value)), (row["area"], mid)


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


def test_demo_that_fails_leaves_no_store_behind(tmp_path, monkeypatch):
    """A build that stops half-way (here: an error while generating) creates no empty store; a wrong --scale is a
    usage error (exit 2) that creates nothing either."""
    from sdm_analytics import cli, demo

    def broken(*args, **kwargs):
        raise RuntimeError("generator broke")

    monkeypatch.setattr(demo, "write_demo", broken)
    db = tmp_path / "d.duckdb"
    with pytest.raises(RuntimeError, match="generator broke"):
        cli.main(["--db", str(db), "demo"])
    assert list(tmp_path.iterdir()) == []
    proc = run("demo", "--scale", "planet", db=str(db))
    assert proc.returncode == 2 and "--scale" in proc.stderr and list(tmp_path.iterdir()) == []


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (as `python -m sdm_analytics` runs it): exit code, stdout, stderr."""
    from sdm_analytics import cli

    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _plain(value):
    """A cell as JSON carries it: NaN/None -> None, numpy scalars -> Python, tuples -> lists, dates -> ISO."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    return value


@pytest.mark.parametrize("name", CLI_TABLES)
def test_metrics_table_prints_the_engine_s_table(small_db, capsys, name):
    """`metrics --table NAME` prints every row and cell of the engine's table, as JSON and as CSV."""
    code, out, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--table", name,
                          "--format", "json", "--role", "admin")
    assert code == 0, err
    printed = json.loads(out)
    assert printed["table"] == name and printed["year"] == 2025 and printed["filters"] == {}
    store = Store(small_db)
    frame = table(name, store, Filters.make(2025), Scope.everything(role="admin"))
    store.close()
    expected = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert len(printed["rows"]) == len(expected)
    for got, want in zip(printed["rows"], expected):
        assert list(got) == list(want)
        for column, value in want.items():
            assert got[column] == (pytest.approx(value) if isinstance(value, float) else value), (column, got)
    code, out, _ = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--table", name, "--format", "csv",
                        "--role", "admin")
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == list(csv.reader(io.StringIO(frame.to_csv(index=False))))


def test_table_by_is_for_the_tables_that_take_it(small_db, capsys):
    code, _, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--table", "needs_gap", "--by", "opd")
    assert code == 2 and "ipasn_summary" in err and "never_trained_by" in err
    code, out, _ = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--table", "ipasn_summary",
                        "--by", "opd", "--format", "json")
    store = Store(small_db)
    frame = table("ipasn_summary", store, Filters.make(2025), Scope.everything(), by="opd")
    store.close()
    rows = json.loads(out)["rows"]
    assert code == 0 and [r["opd"] for r in rows] == list(frame["opd"]) and len(rows) > 0


def test_usage_errors_speak_the_chosen_language(small_db, capsys):
    code, _, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--area", "suburb")
    assert code == 2 and err.strip() == "galat: nilai --area tidak dikenal: suburb (pilihan: urban, rural, remote)"
    code, _, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--area", "suburb", "--lang", "en")
    assert code == 2 and err.strip() == "error: unknown --area value: suburb (choices: urban, rural, remote)"
    code, _, err = _cli(capsys, "--db", small_db + ".none", "briefing", "--year", "2025", "--out", "x.pptx",
                        "--lang", "en")
    assert code == 2 and err.startswith("error: store not found: ") and "python -m sdm_analytics demo" in err


def test_an_unusable_setting_is_named_not_a_traceback(small_db, capsys, monkeypatch):
    monkeypatch.setenv("SDM_MIN_RESPONDENTS", "lima")
    code, out, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025", "--lang", "en")
    assert (code, out) == (2, "") and err.strip() == "error: Setting SDM_MIN_RESPONDENTS=lima is not a number."
    monkeypatch.setenv("SDM_MIN_RESPONDENTS", "0")
    code, _, err = _cli(capsys, "--db", small_db, "metrics", "--year", "2025")
    assert code == 2 and err.strip() == "galat: Pengaturan SDM_MIN_RESPONDENTS=0 harus paling sedikit 1."
    monkeypatch.setenv("SDM_MIN_RESPONDENTS", "3")
    monkeypatch.setenv("SDM_JP_MIN", "24,5")  # a decimal comma, as an Indonesian writes it
    from sdm_analytics.settings import load_settings

    assert (load_settings().min_respondents, load_settings().jp_min) == (3, 24.5)


def test_every_registered_command_is_a_subcommand_with_its_help(capsys):
    from sdm_analytics.cli.main import COMMANDS
    from sdm_analytics.i18n import t

    with pytest.raises(SystemExit):
        from sdm_analytics import cli

        cli.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name, command in COMMANDS.items():
        assert name in text and " ".join(t(command.help_key, "id").split()) in text, name


@pytest.mark.parametrize("command, name", [(["export-data"], "folder"), (["briefing", "--year", "2025"], "deck.pptx"),
                                           (["export-chart", "trend", "--year", "2025"], "trend.png"),
                                           (["export-chart", "trend", "area_mode", "--year", "2025"], "charts")])
def test_an_output_that_cannot_be_written_is_a_usage_error(capsys, small_db, tmp_path, command, name):
    """--out under a path that is a file: said in one line, exit 2, before any work, no traceback."""
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    code, out, err = _cli(capsys, "--db", small_db, *command, "--out", str(blocker / "sub" / name))
    assert code == 2 and out == ""
    assert err.startswith("galat: tidak dapat menulis ke ") and "pilih folder lain untuk --out" in err
    assert "Traceback" not in err and not (blocker / "sub").exists()


def test_missing_output_folders_are_made(capsys, small_db, tmp_path):
    """A deck or a chart into a folder that does not exist yet: the folders are made, as export-data does."""
    deck = tmp_path / "laporan" / "2025" / "paparan.pptx"
    code, out, err = _cli(capsys, "--db", small_db, "briefing", "--year", "2025", "--out", str(deck))
    assert code == 0, err
    assert deck.read_bytes()[:2] == b"PK" and json.loads(out)["out"] == str(deck)
