"""An import in a process of its own (the Data page): the reading, checking and writing of a file — DuckDB's
memory for a large one — stay in a child process; the plan, and its rejects folder, pass between them."""

from __future__ import annotations

from ..settings import Settings
from ..store import Store
from .plan import Plan, commit, prepare
from .rejects import hand_over, take_over

__all__ = ["prepare_at", "commit_at", "run_apart"]


def prepare_at(path: str, items: list[tuple[str, bytes]], kind: str | None = None, lang: str = "id",
               settings: Settings | None = None) -> Plan:
    """prepare() on the store at `path`, to be run in a child process: the reading and checking (DuckDB's
    memory for a large file) stay in the child; the plan, and its rejects folder, go to the caller."""
    plan = prepare(Store(path, read_only=True), items, kind=kind, lang=lang, settings=settings)
    hand_over(plan.files)
    return plan


def commit_at(path: str, plan: Plan, accept_partial: bool = False, by: str = "") -> Plan:
    """commit() on the store at `path`, to be run in a child process (a new version of the store file)."""
    take_over(plan.files)
    plan = commit(Store(path), plan, accept_partial=accept_partial, by=by)
    hand_over(plan.files)
    return plan


_STEPS = {"prepare": prepare_at, "commit": commit_at}


def run_apart(step: str, path: str, *args: object, timeout: float = 3600) -> Plan:
    """Run prepare_at or commit_at ("prepare", "commit") in a new Python process and return its plan (an error
    in it is raised here). A plain subprocess, not multiprocessing: a page's script is the running `__main__`,
    which multiprocessing would run again in the child. A memory store (tests) has no file a child could open:
    its step runs in this process."""
    if path == ":memory:":
        from ..store import open_store

        store = open_store(path)
        if step == "prepare":
            items, kind, lang, settings = args
            return prepare(store, items, kind=kind, lang=lang, settings=settings)
        return commit(store, *args)
    import os
    import pickle
    import subprocess
    import sys
    import tempfile

    fd, out = tempfile.mkstemp(suffix=".plan")
    os.close(fd)
    try:
        proc = subprocess.run([sys.executable, "-m", "sdm_analytics.ingest.apart", out],
                              input=pickle.dumps((step, path, args)), capture_output=True, timeout=timeout)
        if proc.returncode != 0 or not os.path.getsize(out):
            raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "import failed")
        with open(out, "rb") as f:
            ok, result = pickle.load(f)
    finally:
        os.remove(out)
    if not ok:
        raise result
    take_over(result.files)  # its rejects folder is this process's now
    return result


def _child(out: str) -> None:
    import pickle
    import sys

    step, path, args = pickle.loads(sys.stdin.buffer.read())
    try:
        result = (True, _STEPS[step](path, *args))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, raised there
        result = (False, exc)
    with open(out, "wb") as f:
        pickle.dump(result, f)


if __name__ == "__main__":
    import sys

    _child(sys.argv[1])
