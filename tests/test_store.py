"""The store: schema, names an analyst can query, versions, all-or-nothing writes, locks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sdm_analytics.contract import KINDS
from sdm_analytics.settings import DEFAULT_DB, resolve_db_path
from sdm_analytics.store import SCHEMA_VERSION, Store, StoreLockedError


def test_every_kind_is_a_table_with_contract_columns(mem_store):
    for kind, spec in KINDS.items():
        cols = [r[0] for r in mem_store.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            {"t": kind})]
        assert cols == list(spec.column_names), kind


def test_nip_is_text_and_keys_are_primary(mem_store):
    types = dict(mem_store.rows(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'employees'"))
    assert types["nip"] == "VARCHAR"
    mem_store.replace_all({"units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Unit A"]})})
    with pytest.raises(duckdb.ConstraintException):
        mem_store.cursor().execute("INSERT INTO units (opd_code, opd_name) VALUES ('A', 'again')")


def test_schema_version_recorded(mem_store):
    assert mem_store.schema_version == SCHEMA_VERSION


def test_version_changes_on_every_write(mem_store):
    """Each write moves the data version on by one (caches key on it) and dates the data: the day of the write
    unless the write names the date its data describe."""
    import datetime as dt

    before = mem_store.version
    today = dt.date.today()
    mem_store.replace_all({"units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Unit A"]})})
    assert int(mem_store.version) == int(before) + 1
    assert mem_store.as_of() in (today, dt.date.today())  # the day of the write (a run across midnight: either)
    mem_store.replace_all({"units": pd.DataFrame({"opd_code": ["B"], "opd_name": ["Unit B"]})},
                          as_of=dt.date(2025, 12, 31))
    assert int(mem_store.version) == int(before) + 2
    assert mem_store.as_of() == dt.date(2025, 12, 31)


def test_failed_write_leaves_store_unchanged(mem_store):
    mem_store.replace_all({"units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Unit A"]})})
    version = mem_store.version
    bad = pd.DataFrame({"opd_code": ["B", "B"], "opd_name": ["dup", "dup"]})  # duplicate key
    with pytest.raises(duckdb.Error):
        mem_store.replace_all({"units": bad})
    assert mem_store.rows("SELECT opd_code FROM units") == [("A",)]
    assert mem_store.version == version


def test_file_store_reopens_with_data(tmp_path):
    path = str(tmp_path / "s.duckdb")
    store = Store(path)
    store.replace_all({"units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Unit A"]})})
    store.close()
    again = Store(path)
    assert again.rows("SELECT opd_code, opd_name FROM units") == [("A", "Unit A")]
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def _units(code: str) -> dict[str, pd.DataFrame]:
    return {"units": pd.DataFrame({"opd_code": [code], "opd_name": [f"Unit {code}"]})}


def test_another_process_reads_and_writes_while_this_one_holds_the_store_open(tmp_path):
    """No process holds the store: while this one has it open (as the dashboard does), another process reads
    it and writes to it; this one keeps reading the version it had until it refreshes, then reads the new one,
    and a write never leaves a copy or a log file behind."""
    path = str(tmp_path / "shared.duckdb")
    store = Store(path)
    store.replace_all(_units("A"))
    code = ("import sys\nfrom sdm_analytics.store import Store\nimport pandas as pd\n"
            "s = Store(sys.argv[1])\nprint(s.rows('SELECT opd_code FROM units'))\n"
            "s.replace_all({'units': pd.DataFrame({'opd_code': ['B'], 'opd_name': ['Unit B']})})\n")
    proc = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[('A',)]"
    assert store.rows("SELECT opd_code FROM units") == [("A",)]  # the version it had
    assert store.refresh() is True
    assert store.rows("SELECT opd_code FROM units") == [("B",)]
    assert store.refresh() is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.accounts.sqlite", "shared.duckdb",
                                                          "shared.duckdb.lock"]
    store.close()


def test_a_write_that_fails_leaves_the_store_and_its_readers_as_they_were(tmp_path):
    path = str(tmp_path / "s.duckdb")
    store = Store(path)
    store.replace_all(_units("A"))
    version, inode = store.version, Path(path).stat().st_ino
    with pytest.raises(RuntimeError, match="stop"):
        with store.transaction() as cur:
            cur.execute("DELETE FROM units")
            raise RuntimeError("stop")
    assert Path(path).stat().st_ino == inode and store.version == version
    assert Store(path).rows("SELECT opd_code FROM units") == [("A",)]
    assert not list(tmp_path.glob("*.tmp*"))


def test_a_write_waits_for_another_and_then_says_the_store_is_busy(tmp_path, monkeypatch):
    """Writers take turns: while another process writes, a write waits SDM_WRITE_WAIT seconds and then gives
    up with a message naming the file and the writing process, in both languages; readers are not held up."""
    path = str(tmp_path / "busy.duckdb")
    Store(path).replace_all(_units("A"))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom sdm_analytics.store import Store\ns = Store(sys.argv[1])\n"
                               "with s.writing():\n    print('writing', flush=True)\n    sys.stdin.read()\n",
         path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    try:
        assert holder.stdout.readline().strip() == "writing"
        monkeypatch.setenv("SDM_WRITE_WAIT", "1")
        reader = Store(path)
        assert reader.rows("SELECT opd_code FROM units") == [("A",)]
        with pytest.raises(StoreLockedError) as err:
            reader.replace_all(_units("C"))
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert isinstance(err.value, RuntimeError)
    assert str(err.value) == (f"Basis data {path} sedang ditulis proses lain (PID {holder.pid}) lebih dari 1 detik; "
                              "ulangi setelah impor itu selesai (atau naikkan SDM_WRITE_WAIT).")
    assert f"being written by another process (PID {holder.pid})" in err.value.message("en")
    reader.replace_all(_units("C"))  # the other writer is done: this one goes through
    assert Store(path).rows("SELECT opd_code FROM units") == [("C",)]


def test_db_path_resolution(monkeypatch):
    monkeypatch.delenv("SDM_DB", raising=False)
    assert resolve_db_path() == str(DEFAULT_DB)
    monkeypatch.setenv("SDM_DB", "/tmp/x.duckdb")
    assert resolve_db_path() == "/tmp/x.duckdb"
    assert resolve_db_path("/tmp/y.duckdb") == "/tmp/y.duckdb"


def test_a_file_held_by_a_process_outside_the_package_raises_store_locked_error_with_what_to_do(tmp_path):
    """A read-write DuckDB connection of another program (a notebook) holds the file: opening the store is a
    StoreLockedError (a RuntimeError, what the dashboard and the CLI catch) naming the file and what to do in
    both languages; once that program is gone, the store opens."""
    import sdm_analytics.store as store_module

    path = str(tmp_path / "held.duckdb")
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb\ncon = duckdb.connect(sys.argv[1])\n"
                               "print('held', flush=True)\nsys.stdin.read()\n", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError) as err:
            Store(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert isinstance(err.value, RuntimeError) and isinstance(err.value.__cause__, duckdb.IOException)
    assert str(err.value).startswith(f"Berkas basis data {path} dikunci oleh proses di luar aplikasi ini")
    assert err.value.message("en").startswith(f"The store file {path} is locked by a process outside")
    assert "StoreLockedError" in store_module.__all__
    again = Store(path)  # the lock went with the other process
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def test_a_version_5_store_learns_units_parents_and_several_choices(tmp_path):
    """Schema 6: units get parent_code (and the derived unit_tree), and an answer's key takes the chosen option
    of a choice item, so a needs answer may name several topics; answers stored before keep their rows."""
    path = str(tmp_path / "v5.duckdb")
    Store(path).close()
    store = duckdb.connect(path)  # the file as an older version left it
    store.execute("DROP TABLE unit_tree")
    store.execute("DROP TABLE survey_responses")
    store.execute("""CREATE TABLE survey_responses (response_id VARCHAR NOT NULL, item_code VARCHAR NOT NULL,
        nip VARCHAR, program_code VARCHAR, respondent_role VARCHAR NOT NULL DEFAULT 'self',
        submitted_at TIMESTAMP NOT NULL, value DOUBLE, answer_text VARCHAR, PRIMARY KEY (response_id, item_code))""")
    store.execute("ALTER TABLE units DROP COLUMN parent_code")
    store.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    store.execute("INSERT INTO units VALUES ('DINKES', 'Dinas Kesehatan', 'dinas', 'Serang', 'urban')")
    store.execute("INSERT INTO survey_items VALUES ('NT', 'needs', 'topic', 'Topik', NULL, NULL, NULL), "
                  "('RD', 'readiness', 'sikap', 'Siap', NULL, 1, 5)")
    store.execute("INSERT INTO survey_responses VALUES ('R1', 'NT', NULL, NULL, 'self', TIMESTAMP '2025-03-01', NULL, "
                  "'digitalisasi'), ('R1', 'RD', NULL, NULL, 'self', TIMESTAMP '2025-03-01', 4, NULL)")
    store.close()

    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.rows("SELECT item_code, choice FROM survey_responses ORDER BY item_code") == [
        ("NT", "digitalisasi"), ("RD", "")]
    assert store.rows("SELECT unit_code, opd_code, path FROM unit_tree") == [("DINKES", "DINKES", ["DINKES"])]
    with store.transaction() as cur:
        cur.execute("INSERT INTO survey_responses (response_id, item_code, submitted_at, answer_text, choice) "
                    "VALUES ('R1', 'NT', TIMESTAMP '2025-03-01', 'kearsipan', 'kearsipan')")
    assert store.count("survey_responses") == 3
    store.close()


def test_where_no_link_can_be_made_the_store_is_read_through_an_attached_database(tmp_path, monkeypatch):
    """A reader opens the current file through a hard link of a one-time name (DuckDB would otherwise hand back
    its cached instance of a replaced file); in a folder where no link can be made (a read-only mount) it
    attaches the file instead, and reads the same, including a newer version after a write."""
    import sdm_analytics.store as store_module

    path = str(tmp_path / "s.duckdb")
    Store(path).replace_all(_units("A"))

    def no_link(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "link", no_link)
    reader = Store(path, read_only=True)
    assert reader._use and reader.rows("SELECT opd_code FROM units") == [("A",)]
    monkeypatch.undo()
    Store(path).replace_all(_units("B"))
    assert reader.refresh() and reader.rows("SELECT opd_code FROM main.units") == [("B",)]
    assert not [p.name for p in tmp_path.iterdir() if ".r" in p.name]  # no reader's link left behind


def test_a_link_left_by_a_reader_that_died_is_removed_by_the_next_write(tmp_path):
    path = str(tmp_path / "s.duckdb")
    Store(path).replace_all(_units("A"))
    os.link(path, path + ".r999999999-abc")  # no such process
    os.link(path, f"{path}.r{os.getpid()}-def")  # this one is alive: its link stays
    Store(path).replace_all(_units("B"))
    assert sorted(p.name for p in tmp_path.iterdir() if ".r" in p.name) == [f"s.duckdb.r{os.getpid()}-def"]
