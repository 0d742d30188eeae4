"""Signed-in sessions: a random token in an HttpOnly cookie, only its SHA-256 in the ledger.

The web server (server/web.py) makes a session when a password is right and sets its token as the cookie
`sdm_session`; every page load, every websocket and every page run presents the cookie and is looked up
here, so a Streamlit session id alone (it shows in upload URLs) opens nothing, and a reload or a new tab
stays signed in. A session ends when it is idle longer than SDM_IDLE_MINUTES, at sign-out, and when its
account's password is set, the account disabled or removed (accounts.py deletes its rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from .ledger import Ledger, parse, stamp
from .ledger import now as _now

__all__ = ["COOKIE", "GATE_HEADER", "start", "username_of", "end"]

COOKIE = "sdm_session"
GATE_HEADER = "x-sdm-gate"  # set by the web server's gate on what it lets through: a page run knows it is behind it
_TOUCH_SECONDS = 30  # last_seen is written at most this often per session (a page run reads it every time)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start(ledger: Ledger, username: str) -> str:
    """A new session of an account: its token (for the cookie; the ledger keeps only its hash)."""
    token = secrets.token_urlsafe(32)
    now = stamp(_now())
    with ledger.write() as con:
        con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (_digest(token), username, now, now))
    return token


def username_of(ledger: Ledger, token: str | None, idle_minutes: int) -> str | None:
    """The account of a live session (its idle clock restarted), or None: no token, unknown, or idle too long
    (then it is deleted)."""
    if not token or len(token) > 128:
        return None
    digest = _digest(token)
    rows = ledger.rows("SELECT username, last_seen FROM sessions WHERE token_hash = ?", (digest,))
    if not rows:
        return None
    username, seen = rows[0][0], parse(rows[0][1])
    now = _now()
    if now - seen > dt.timedelta(minutes=idle_minutes):
        end(ledger, token)
        return None
    if (now - seen).total_seconds() >= _TOUCH_SECONDS:
        with ledger.write() as con:
            con.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (stamp(now), digest))
    return username


def end(ledger: Ledger, token: str | None) -> None:
    """Sign a session out (and forget sessions idle for a day or more)."""
    if not token:
        return
    old = stamp(_now() - dt.timedelta(days=1))
    with ledger.write() as con:
        con.execute("DELETE FROM sessions WHERE token_hash = ? OR last_seen < ?", (_digest(token), old))
