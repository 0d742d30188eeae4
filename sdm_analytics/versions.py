"""Versions of a store file: how a write replaces the store without ever holding it (see store.py).

A write takes the store's lock file (`<store>.lock`, flock: one writer at a time across processes, the
holder's PID inside), copies the store to `<store>.<pid>.<random>.tmp`, changes the copy, checkpoints it,
and renames it over the store — an atomic replace. Readers that attached the old file keep it until they
let go; nobody ever opens the store file for writing. A writer that dies leaves a copy that the next one
removes; the store itself is untouched.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb

from .ledger import Ledger, ledger_path

__all__ = ["StoreLockedError", "Version", "identity", "copy_store", "held_means_locked"]


class StoreLockedError(RuntimeError):
    """The store cannot be written now: another write held it longer than the wait, or a process outside this
    package holds the file itself (an old dashboard, a notebook's read-write connection)."""

    def __init__(self, path: str, holder: str = "", seconds: int = 0) -> None:
        self.path, self.holder, self.seconds = path, holder, seconds
        super().__init__(self.message("id"))

    def __reduce__(self):  # raised in a child process (the Data page's import), re-raised in the dashboard
        return (StoreLockedError, (self.path, self.holder, self.seconds))

    def message(self, lang: str = "id") -> str:
        from .i18n import t

        if self.seconds:
            return t("store_busy", lang, path=self.path, holder=self.holder or "?", seconds=self.seconds)
        return t("store_locked", lang, path=self.path)


def identity(path: str) -> tuple[int, int] | None:
    """Which file a path names now (device, inode); None when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


@contextmanager
def held_means_locked(path: str) -> Iterator[None]:
    """A DuckDB open or attach of the store: another process holding the file is a StoreLockedError (what the
    dashboard and the CLI turn into a message), any other error passes as it is."""
    try:
        yield
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(path) from exc
        raise


class _WriteLock:
    """The store's lock file: one writer at a time across processes (flock), the holder's PID inside it."""

    def __init__(self, store_path: str, wait: float) -> None:
        import fcntl

        self._fcntl = fcntl
        fd = os.open(store_path + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    raise StoreLockedError(store_path, holder, max(1, round(wait))) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"PID {os.getpid()}".encode(), 0)
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            self._fcntl.flock(self._fd, self._fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class Version:
    """One new version of a store file being written: `con` is a read-write connection to the copy. Ends with
    publish() (it replaces the store) or discard() (the store stays as it was); either frees the lock."""

    def __init__(self, path: str, wait: float, config: dict[str, Any] | None = None) -> None:
        self.path = path
        self._lock = _WriteLock(path, wait)
        self.con: duckdb.DuckDBPyConnection | None = None
        try:
            for stale in glob.glob(glob.escape(path) + ".*.tmp") + glob.glob(glob.escape(path) + ".*.tmp.wal"):
                os.remove(stale)  # a writer that died: under the lock, no copy belongs to a live one
            for link in glob.glob(glob.escape(path) + ".r*-*"):  # a reader's link left by a process that died
                if not _alive(link[len(path) + 2:].split("-")[0]):
                    os.remove(link)
            self.tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
            if os.path.exists(path):
                shutil.copyfile(path, self.tmp)
                if os.path.exists(path + ".wal"):  # a store last written by an older release, not checkpointed
                    shutil.copyfile(path + ".wal", self.tmp + ".wal")
            with held_means_locked(path):
                self.con = duckdb.connect(self.tmp, config=config or {})
        except BaseException:
            self.discard()
            raise

    def publish(self) -> None:
        """Put the written copy in the store's place: checkpointed, on disk, then renamed over it (atomic)."""
        try:
            self.con.execute("CHECKPOINT")
            self.con.close()
            self.con = None
            _fsync(self.tmp)
            if os.path.exists(self.path + ".wal"):  # the old file's log: already in the copy
                os.remove(self.path + ".wal")
            os.replace(self.tmp, self.path)
            _fsync(os.path.dirname(os.path.abspath(self.path)))
        finally:
            self.discard()

    def discard(self) -> None:
        """Drop the copy (if it is still there) and free the lock."""
        if self.con is not None:
            self.con.close()
            self.con = None
        for leftover in (getattr(self, "tmp", None), getattr(self, "tmp", "") + ".wal"):
            if leftover and os.path.exists(leftover):
                os.remove(leftover)
        self._lock.release()


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another user's process, alive
        return True
    return True


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_store(source: str, target: str) -> None:
    """A consistent copy of a store and its ledger while others use them (a backup; a test's own copy): the
    store file is never changed in place, so the version open now is copied whole even if a write replaces
    it meanwhile; the ledger goes through SQLite's online backup."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as src, open(target + ".part", "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(target + ".part", target)
    if os.path.exists(ledger_path(source)):
        Ledger(ledger_path(source)).backup(ledger_path(target))
