"""Accounts: Argon2id hashes, the rules of a good account, lock-out, the last admin, scope, and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from sdm_analytics import accounts, cli
from sdm_analytics.accounts import AccountError
from sdm_analytics.engine.metrics import compute_by
from sdm_analytics.filters import Filters
from sdm_analytics.store import SCHEMA_VERSION, Store


@pytest.fixture
def store(small_store) -> Store:
    """A fresh in-memory store with the small fixture's units (so OPD codes can be checked)."""
    fresh = Store()
    fresh.replace_all({"units": small_store.df("SELECT * FROM units")})
    return fresh


def test_a_password_is_stored_only_as_an_argon2id_hash(store):
    accounts.add(store, "Admin", "sandi-rahasia-1", "admin", "Admin BKPSDM")
    stored = store.ledger.scalar("SELECT password_hash FROM users WHERE username = 'admin'")  # names are lower-cased
    assert stored.startswith("$argon2id$") and "sandi-rahasia-1" not in stored
    assert "password_hash" not in accounts.listing(store).columns
    user, reason = accounts.authenticate(store, " ADMIN ", "sandi-rahasia-1")
    assert user == accounts.User("admin", "Admin BKPSDM", "admin") and reason == ""
    assert store.ledger.scalar("SELECT last_login FROM users") is not None


USERNAME_RULE = ("Nama pengguna harus 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung: {}",
                 "A username is 3–32 lower-case letters, digits, dots, underscores or hyphens: {}")


@pytest.mark.parametrize("username,password,role,opds,key,said", [
    ("ab", "sandi-rahasia-1", "admin", (), "username", tuple(m.format("ab") for m in USERNAME_RULE)),
    ("budi; drop", "sandi-rahasia-1", "admin", (), "username", tuple(m.format("budi; drop") for m in USERNAME_RULE)),
    ("budi", "pendek", "admin", (), "short",
     ("Kata sandi minimal 10 karakter", "A password needs at least 10 characters")),
    ("budi.santoso", "Budi.Santoso", "admin", (), "same",
     ("Kata sandi tidak boleh sama dengan nama pengguna", "The password may not be the username")),
    ("budi", "sandi-rahasia-1", "kepala", (), "role",
     ("Peran tidak dikenal: kepala (pilihan: pimpinan, evaluator, admin)",
      "Unknown role: kepala (choices: pimpinan, evaluator, admin)")),
    ("budi", "sandi-rahasia-1", "evaluator", (), "scope",
     ("Evaluator perlu minimal satu OPD (--opd KODE)", "An evaluator needs at least one OPD (--opd CODE)")),
    ("budi", "sandi-rahasia-1", "evaluator", ("NOPE",), "opd",
     ("Kode OPD tidak dikenal: NOPE", "Unknown OPD code: NOPE")),
])
def test_a_bad_account_is_refused_with_its_reason_and_nothing_written(store, username, password, role, opds, key,
                                                                      said):
    with pytest.raises(AccountError) as err:
        accounts.add(store, username, password, role, opds=opds)
    assert err.value.key == key
    assert (err.value.message("id"), err.value.message("en")) == said and str(err.value) == said[0]
    assert not accounts.has_users(store)
    assert accounts.auth_log(store).empty


def test_a_taken_name_is_refused(store):
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    with pytest.raises(AccountError, match="sudah dipakai"):
        accounts.add(store, "BUDI", "sandi-rahasia-2", "admin")


def test_an_evaluator_sees_only_its_opds(store, small_store):
    codes = [r[0] for r in small_store.rows("SELECT opd_code FROM units ORDER BY opd_code")]
    user = accounts.add(store, "eva", "sandi-rahasia-1", "evaluator", opds=[codes[0].lower()])
    assert user.opds == (codes[0],) and user.scope().opds == frozenset({codes[0]})
    assert user.scope().suppresses and not accounts.User("a", "a", "admin").scope().suppresses
    by_opd = compute_by(small_store, Filters.make(2025), "opd", user.scope(), ["headcount"])
    assert codes[0] == "BAPPEDA"
    assert dict(zip(by_opd["opd"], by_opd["headcount"])) == {"BAPPEDA": 3}  # E04, E06, E14 (E07 left 2025-12-31)


def test_wrong_passwords_lock_the_account_then_a_new_password_lifts_it(store):
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    reasons = [accounts.authenticate(store, "budi", "salah-salah-salah")[1] for _ in range(accounts.MAX_FAILURES)]
    assert reasons == ["wrong"] * (accounts.MAX_FAILURES - 1) + ["locked"]
    assert accounts.authenticate(store, "budi", "sandi-rahasia-1") == (None, "locked")  # even the right one
    until = dt.datetime.fromisoformat(store.ledger.scalar("SELECT locked_until FROM throttle"))
    assert dt.timedelta(minutes=14) < until - dt.datetime.now() <= dt.timedelta(minutes=accounts.LOCK_MINUTES)
    accounts.set_password(store, "budi", "sandi-baru-123")
    assert accounts.authenticate(store, "budi", "sandi-baru-123")[0] is not None


def test_an_unknown_name_locks_like_a_real_one(store):
    """Otherwise 'locked' after five tries would tell an attacker which usernames exist."""
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    real = [accounts.authenticate(store, "budi", "salah-salah-salah")[1] for _ in range(accounts.MAX_FAILURES)]
    made_up = [accounts.authenticate(store, "siapa-ini", "salah-salah-salah")[1] for _ in range(accounts.MAX_FAILURES)]
    assert real == made_up == ["wrong"] * (accounts.MAX_FAILURES - 1) + ["locked"]


def test_every_refusal_costs_one_password_hash(store, monkeypatch):
    """F4: a locked account was refused before any hashing (2 ms) while an unknown name hashed (~680 ms): its
    existence showed in the timing. Every refusal — unknown, wrong, locked, locked with the right password —
    now checks exactly one hash."""
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    for _ in range(accounts.MAX_FAILURES):
        accounts.authenticate(store, "budi", "salah-salah-salah")
    checked = []

    class Counting:  # the hasher, counting its checks
        def __init__(self, hasher):
            self.hasher = hasher

        def __getattr__(self, name):
            return getattr(self.hasher, name)

        def verify(self, stored, password):
            checked.append(stored)
            return self.hasher.verify(stored, password)

    monkeypatch.setattr(accounts, "_hasher", Counting(accounts._hasher))
    for name, password in (("budi", "salah-salah-salah"), ("budi", "sandi-rahasia-1"), ("siapa-ini", "x"),
                           ("budi", "")):
        checked.clear()
        assert accounts.authenticate(store, name, password)[0] is None
        assert len(checked) == 1, (name, password)


def test_an_unknown_name_and_a_wrong_password_read_the_same(store):
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    assert accounts.authenticate(store, "siapa", "sandi-rahasia-1") == (None, "wrong")
    assert accounts.authenticate(store, "budi", "sandi-salah-12") == (None, "wrong")
    assert accounts.check(store, "budi", "sandi-rahasia-1") and not accounts.check(store, "budi", "x")
    assert store.ledger.rows("SELECT username, failures FROM throttle ORDER BY username") == [
        ("budi", 1), ("siapa", 1)]  # check() counts nothing


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_stays(store):
    accounts.add(store, "admin", "sandi-rahasia-1", "admin")
    accounts.add(store, "budi", "sandi-rahasia-2", "pimpinan")
    for change in (lambda: accounts.set_active(store, "admin", False), lambda: accounts.remove(store, "admin"),
                   lambda: accounts.update(store, "admin", role="pimpinan")):
        with pytest.raises(AccountError, match="terakhir"):
            change()
    accounts.set_active(store, "budi", False)
    assert accounts.get(store, "budi") is None
    assert accounts.authenticate(store, "budi", "sandi-rahasia-2") == (None, "wrong")
    accounts.set_active(store, "budi", True)
    assert accounts.get(store, "budi").role == "pimpinan"


def test_a_role_change_to_evaluator_needs_opds(store, small_store):
    code = small_store.scalar("SELECT min(opd_code) FROM units")
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    with pytest.raises(AccountError, match="OPD"):
        accounts.update(store, "budi", role="evaluator")
    assert accounts.update(store, "budi", role="evaluator", opds=[code]).opds == (code,)
    assert accounts.update(store, "budi", role="pimpinan").opds == ()


def test_the_demo_has_one_account_per_role(demo_store):
    roles = dict(zip(accounts.listing(demo_store)["username"], accounts.listing(demo_store)["role"]))
    assert roles == {"admin": "admin", "evaluator": "evaluator", "pimpinan": "pimpinan"}
    assert accounts.check(demo_store, "evaluator", "evaluator-demo-2025")
    assert accounts.get(demo_store, "evaluator").opds == ("DINKES",)  # its puskesmas come with it


def test_the_users_command_reads_the_password_from_stdin_never_the_arguments(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "u.duckdb")
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-rahasia-1\n"))
    assert cli.main(["--db", db, "users", "add", "Ani", "--role", "admin", "--name", "Ani", "--password-stdin"]) == 0
    assert json.loads(capsys.readouterr().out) == {"added": "ani", "role": "admin", "opds": []}
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert cli.main(["--db", db, "users", "passwd", "ani", "--password-stdin"]) == 2
    assert "minimal 10 karakter" in capsys.readouterr().err
    assert cli.main(["--db", db, "users", "--lang", "en", "disable", "ani"]) == 2
    assert "last active admin" in capsys.readouterr().err
    assert cli.main(["--db", db, "users", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["username"] for r in rows] == ["ani"] and "password_hash" not in rows[0]
    with pytest.raises(SystemExit):  # a password is never an argument
        cli.main(["--db", db, "users", "add", "budi", "--role", "admin", "--password", "x"])


def test_the_account_log_keeps_sign_ins_refusals_and_changes_with_who_made_them(store):
    accounts.add(store, "admin", "sandi-rahasia-1", "admin", by="cli:root")
    accounts.add(store, "budi", "sandi-rahasia-2", "pimpinan", by="admin")
    accounts.authenticate(store, "budi", "salah-salah-salah")
    accounts.authenticate(store, "budi", "sandi-rahasia-2")
    accounts.authenticate(store, "tidak-ada", "apa-saja-123")
    accounts.update(store, "budi", role="pimpinan", by="admin")  # no change: no line
    accounts.set_active(store, "budi", True, by="admin")  # already active: no line
    accounts.set_active(store, "budi", False, by="admin")
    accounts.remove(store, "budi", by="admin")
    log = accounts.auth_log(store).iloc[::-1]  # oldest first
    assert list(zip(log["event"], log["username"], log["actor"])) == [
        ("added", "admin", "cli:root"), ("added", "budi", "admin"), ("wrong", "budi", ""), ("sign_in", "budi", ""),
        ("wrong", "tidak-ada", ""), ("disabled", "budi", "admin"), ("removed", "budi", "admin")]
    assert "sandi" not in " ".join(log["detail"])  # never a password


class _CountingHasher:
    """The hasher, counting its checks by the hash they were against (thread-safe: list.append)."""

    def __init__(self, hasher, checked: list):
        self.hasher, self.checked = hasher, checked

    def __getattr__(self, name):
        return getattr(self.hasher, name)

    def verify(self, stored, password):
        self.checked.append(stored)
        return self.hasher.verify(stored, password)


def _at_once(n: int, work) -> list:
    """Run work(i) in n threads released together; their results (an exception fails the test)."""
    import threading

    start, results, errors = threading.Barrier(n), [None] * n, []

    def run(i):
        try:
            start.wait()
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_ten_parallel_wrong_guesses_check_at_most_five_passwords_and_are_all_logged(tmp_path, monkeypatch):
    """F1: the lock-out was read-check-write without a transaction: ten sessions guessing at once raised
    'Conflict on update', had 23 passwords checked against a limit of 5 and left attempts out of the log.
    Now a name's password is checked one sign-in at a time (a lease taken in a write transaction of the
    ledger): ten guesses at once check it at most five times, the rest are refused as locked, all ten are in
    the log, and the right password is refused until the lock runs out."""
    store = Store(str(tmp_path / "s.duckdb"))
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    real = store.ledger.scalar("SELECT password_hash FROM users")
    checked: list = []
    monkeypatch.setattr(accounts, "_hasher", _CountingHasher(accounts._hasher, checked))
    reasons = _at_once(10, lambda i: accounts.authenticate(store, "budi", f"tebakan-salah-{i}")[1])
    assert checked.count(real) == accounts.MAX_FAILURES and len(checked) == 10  # one hash per attempt, always
    assert sorted(reasons) == ["locked"] * 6 + ["wrong"] * 4
    log = accounts.auth_log(store)
    assert sorted(log.loc[log["username"] == "budi", "event"]) == ["added"] + ["locked"] * 6 + ["wrong"] * 4
    assert accounts.authenticate(store, "budi", "sandi-rahasia-1") == (None, "locked")


def test_ten_parallel_sign_ins_with_the_right_password_all_get_in(tmp_path):
    """Ten sign-ins to one account at once (a training room on the shared demo account) gave six tracebacks;
    now they take turns on the check and all ten succeed, each one logged."""
    store = Store(str(tmp_path / "s.duckdb"))
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    results = _at_once(10, lambda i: accounts.authenticate(store, "BUDI", "sandi-rahasia-1"))
    assert [reason for _, reason in results] == [""] * 10
    assert all(user.username == "budi" for user, _ in results)
    assert list(accounts.auth_log(store)["event"]).count("sign_in") == 10
    assert store.ledger.scalar("SELECT count(*) FROM throttle") == 0


def test_guesses_from_several_processes_share_one_count(tmp_path):
    """The count lives in the ledger (SQLite, WAL), not in a process: four processes guessing three times each
    at once make exactly five checks (four 'wrong' and the fifth locking), the other seven refused as locked."""
    import subprocess
    import sys
    from pathlib import Path

    path = str(tmp_path / "s.duckdb")
    store = Store(path)
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    code = ("import sys\nfrom sdm_analytics import accounts\nfrom sdm_analytics.store import Store\n"
            "s = Store(sys.argv[1])\nfor i in range(3):\n    accounts.authenticate(s, 'budi', 'tebakan-salah-%d' % i)\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, path], cwd=Path(__file__).resolve().parents[1],
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for proc in procs:
        assert proc.wait(timeout=180) == 0, proc.stderr.read()
    events = list(accounts.auth_log(store)["event"])
    assert (events.count("wrong"), events.count("locked"), len(events)) == (4, 8, 13)  # and the account's "added"


def test_the_current_password_of_a_change_is_counted_and_logged(store):
    """F11: the change-password form allowed unlimited, unlogged guesses of the current password. A wrong
    current password is now a failure of the name like a wrong sign-in (logged; five lock it), and a locked
    name cannot change its password."""
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(AccountError) as err:
            accounts.change_own_password(store, "budi", "tebakan-salah", "sandi-baru-12345")
        assert err.value.key == "current"
    with pytest.raises(AccountError) as err:
        accounts.change_own_password(store, "budi", "tebakan-salah", "sandi-baru-12345")
    assert err.value.key == "locked_minutes" and "15 menit" in err.value.message("id")
    with pytest.raises(AccountError):  # even with the right one, while locked
        accounts.change_own_password(store, "budi", "sandi-rahasia-1", "sandi-baru-12345")
    assert accounts.authenticate(store, "budi", "sandi-rahasia-1") == (None, "locked")  # one count for both
    events = list(accounts.auth_log(store)["event"])[::-1]
    assert events == ["added"] + ["password_check_wrong"] * 4 + ["password_check_locked"] * 2 + ["locked"]


def test_a_right_current_password_changes_it_and_clears_the_count(store):
    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    accounts.authenticate(store, "budi", "salah-salah-salah")
    accounts.change_own_password(store, "budi", "sandi-rahasia-1", "sandi-baru-12345")
    assert accounts.authenticate(store, "budi", "sandi-baru-12345")[0] is not None
    assert list(accounts.auth_log(store)["event"])[::-1] == ["added", "wrong", "password_check", "password",
                                                             "sign_in"]


def test_accounts_in_an_older_store_move_to_its_ledger(tmp_path):
    """Schema 9: accounts and the account log leave the DuckDB store for the ledger beside it (SQLite), with
    their hashes, locks and history; the store keeps no users table."""
    import duckdb

    path = str(tmp_path / "old.duckdb")
    Store(path).close()
    con = duckdb.connect(path)  # the file as version 8 left it, with one account, locked, and its log
    from sdm_analytics.migrations import MIGRATIONS

    con.execute(MIGRATIONS[3] + ";" + MIGRATIONS[5])
    digest = accounts._hasher.hash("sandi-rahasia-1")
    con.execute("INSERT INTO users VALUES ('eva', 'Eva', 'evaluator', ['DINKES'], TRUE, $h, 0, "
                "TIMESTAMP '2099-01-01 00:00', TIMESTAMP '2025-01-02 03:04', NULL)", {"h": digest})
    con.execute("INSERT INTO auth_log VALUES (TIMESTAMP '2025-01-02 03:04', 'added', 'eva', 'cli:root', 'evaluator')")
    con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    con.close()
    for leftover in tmp_path.glob("old.accounts.sqlite*"):
        leftover.unlink()
    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION >= 9
    assert store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('users', 'auth_log')") == 0
    assert accounts.get(store, "eva") == accounts.User("eva", "Eva", "evaluator", ("DINKES",))
    assert accounts.authenticate(store, "eva", "sandi-rahasia-1") == (None, "locked")  # its lock came too
    log = accounts.auth_log(store)
    assert list(log["event"])[::-1] == ["added", "locked"] and log["actor"].iloc[-1] == "cli:root"


def test_a_flood_of_made_up_names_keeps_the_counter_table_bounded(store, monkeypatch):
    """Every name is counted (a made-up one too), so a flood of names would grow the table without end: past
    MAX_COUNTED the quiet counters are forgotten, a running lock never."""
    from sdm_analytics import lockout

    accounts.add(store, "budi", "sandi-rahasia-1", "pimpinan")
    monkeypatch.setattr(lockout, "MAX_COUNTED", 6)
    monkeypatch.setattr(accounts, "_verify", lambda digest, password: False)  # no Argon2 for a flood
    for _ in range(accounts.MAX_FAILURES):
        accounts.authenticate(store, "budi", "salah")
    for i in range(20):
        accounts.authenticate(store, f"nama-{i}", "salah")
    assert store.ledger.scalar("SELECT count(*) FROM throttle") <= 6
    assert store.ledger.scalar("SELECT locked_until FROM throttle WHERE username = 'budi'") is not None
