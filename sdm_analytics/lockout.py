"""The sign-in counter: five wrong passwords in a row lock a name for 15 minutes, exactly, whatever the
concurrency (ledger.py's `throttle` table).

A name's password is checked for one attempt at a time: `claim` takes the name's lease in a write
transaction (a check of the same name in flight — another tab, process or guess — is waited for), `settle`
counts the result and frees it. So ten guesses at once make at most five checks, and the rest are refused as
locked. Names without an account are counted the same way (the lock must not tell which names exist).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from typing import Callable

from .ledger import Ledger
from .ledger import now as _now
from .ledger import parse as _time
from .ledger import stamp as _iso

__all__ = ["MAX_FAILURES", "LOCK_MINUTES", "claim", "release", "settle"]

MAX_FAILURES = 5
LOCK_MINUTES = 15
LEASE_SECONDS = 30  # one check of a name at a time; a check that died frees the name after this
WAIT_SECONDS = 20  # how long an attempt waits for the check before it (then it is refused as busy)
MAX_COUNTED = 10_000  # counters kept; beyond, the quiet ones of made-up names are forgotten


def claim(ledger: Ledger, username: str) -> str:
    """Take the name's lease for one password check: '' (taken), 'locked' (a lock still runs) or 'busy' (other
    checks of the name kept it longer than WAIT_SECONDS). A lock that has run out is lifted: a fresh count."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        now = _now()
        with ledger.write() as con:
            th = con.execute("SELECT failures, locked_until, busy_until FROM throttle WHERE username = ?",
                             (username,)).fetchone()
            failures, locked, busy = (th[0], _time(th[1]), _time(th[2])) if th else (0, None, None)
            if locked is not None and locked > now:
                return "locked"
            if busy is None or busy <= now:
                con.execute("INSERT OR REPLACE INTO throttle VALUES (?, ?, NULL, ?, ?)",
                            (username, 0 if locked is not None else failures,
                             _iso(now + dt.timedelta(seconds=LEASE_SECONDS)), _iso(now)))
                return ""
        if time.monotonic() > deadline:
            return "busy"
        time.sleep(0.05)


def release(ledger: Ledger, username: str) -> None:
    """Free the name without counting (the check itself failed, e.g. an interrupted process)."""
    with ledger.write() as con:
        con.execute("UPDATE throttle SET busy_until = NULL WHERE username = ?", (username,))


def settle(ledger: Ledger, username: str, ok: bool,
           then: Callable[[sqlite3.Connection, str], None] | None = None) -> str:
    """Count a check's result and free the name: '' (right: the count starts again), 'wrong', or 'locked' (this
    failure was the last one allowed). `then(con, result)` runs in the same transaction (the account log)."""
    now = _now()
    with ledger.write() as con:
        if ok:
            con.execute("DELETE FROM throttle WHERE username = ?", (username,))
            result = ""
        else:
            th = con.execute("SELECT failures FROM throttle WHERE username = ?", (username,)).fetchone()
            failures = (th[0] if th else 0) + 1
            locked = now + dt.timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            con.execute("INSERT OR REPLACE INTO throttle VALUES (?, ?, ?, NULL, ?)",
                        (username, 0 if locked else failures, _iso(locked), _iso(now)))
            result = "locked" if locked else "wrong"
            count = con.execute("SELECT count(*) FROM throttle").fetchone()[0]
            if count > MAX_COUNTED:  # a flood of made-up names: forget the counters of the quiet ones
                con.execute("DELETE FROM throttle WHERE username IN (SELECT username FROM throttle WHERE "
                            "locked_until IS NULL AND busy_until IS NULL ORDER BY updated_at LIMIT ?)",
                            (count - MAX_COUNTED // 2,))
        if then is not None:
            then(con, result)
        return result
