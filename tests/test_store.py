"""The store: schema, names an analyst can query, versions, all-or-nothing writes, locks."""

from __future__ import annotations

import subprocess
import sys

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
    before = mem_store.version
    mem_store.replace_all({"units": pd.DataFrame({"opd_code": ["A"], "opd_name": ["Unit A"]})})
    assert mem_store.version != before
    assert mem_store.as_of() is not None


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
    assert again.count("units") == 1
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def test_second_process_gets_a_clear_lock_error(tmp_path):
    path = str(tmp_path / "locked.duckdb")
    store = Store(path)
    code = (
        "import sys\n"
        "from sdm_analytics.store import Store, StoreLockedError\n"
        f"try:\n    Store({path!r})\nexcept StoreLockedError as e:\n    print(e); sys.exit(3)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    store.close()
    assert proc.returncode == 3, proc.stderr
    assert "sedang dipakai" in proc.stdout


def test_db_path_resolution(monkeypatch):
    monkeypatch.delenv("SDM_DB", raising=False)
    assert resolve_db_path() == str(DEFAULT_DB)
    monkeypatch.setenv("SDM_DB", "/tmp/x.duckdb")
    assert resolve_db_path() == "/tmp/x.duckdb"
    assert resolve_db_path("/tmp/y.duckdb") == "/tmp/y.duckdb"


def test_lock_error_type_is_exported():
    assert issubclass(StoreLockedError, RuntimeError)


def test_a_version_5_store_learns_units_parents_and_several_choices(tmp_path):
    """Schema 6: units get parent_code (and the derived unit_tree), and an answer's key takes the chosen option
    of a choice item, so a needs answer may name several topics; answers stored before keep their rows."""
    path = str(tmp_path / "v5.duckdb")
    store = Store(path)
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
    store.execute("INSERT INTO survey_responses (response_id, item_code, submitted_at, answer_text, choice) "
                  "VALUES ('R1', 'NT', TIMESTAMP '2025-03-01', 'kearsipan', 'kearsipan')")
    assert store.count("survey_responses") == 3
    store.close()
