"""Time the import of a large participations CSV into a demo store; prints figures, asserts nothing.

    .venv/bin/python scripts/bench_import.py [--rows 1000000] [--keep DIR]

The file is written the way admins send it: semicolons, Indonesian headers,
a BOM, decimal commas, status words in Indonesian and NIPs with spaces. It
runs through the CLI (`python -m sdm_analytics import`) in a subprocess, so
the figure includes start-up, reading, validation and the upsert.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sdm_analytics.demo import write_demo
from sdm_analytics.store import Store


def _write_file(store: Store, path: Path, rows: int) -> None:
    """Distinct (program, employee) pairs of the demo store, written messily."""
    store.execute(
        """
        COPY (
            SELECT p.program_code AS kode_program,
                   substr(e.nip, 1, 8) || ' ' || substr(e.nip, 9, 6) || ' ' || substr(e.nip, 15, 1)
                       || ' ' || substr(e.nip, 16, 3) AS nip,
                   ['lulus', 'Lulus', 'tidak lulus', 'mengundurkan diri', 'tidak hadir', 'terdaftar']
                       [1 + CAST(hash(p.program_code, e.nip) % 6 AS INTEGER)] AS status,
                   replace(CAST(round(50 + (hash(e.nip, p.program_code) % 500) / 10, 1) AS VARCHAR), '.', ',')
                       AS persen_kehadiran,
                   CAST(hash(p.program_code) % 100 AS VARCHAR) AS nilai_pre_test,
                   CAST(hash(e.nip) % 100 AS VARCHAR) AS nilai_post_test,
                   '' AS jp_diperoleh
            FROM programs AS p
            CROSS JOIN employees AS e
            ORDER BY hash(p.program_code, e.nip, 'bench')
            LIMIT $rows
        ) TO $path (HEADER, DELIMITER ';')
        """,
        {"rows": rows, "path": str(path)},
    )
    text = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", help="folder to keep the store and the file in")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench_import_"))
    folder.mkdir(parents=True, exist_ok=True)
    db, csv_path = folder / "sdm.duckdb", folder / "peserta.csv"
    db.unlink(missing_ok=True)

    started = time.perf_counter()
    store = Store(str(db))
    write_demo(store, seed=2025)
    pairs = store.count("programs") * store.count("employees")
    rows = min(args.rows, pairs)
    _write_file(store, csv_path, rows)
    before = store.count("participations")
    store.close()
    print(f"demo store + {rows:,} row file: {time.perf_counter() - started:.1f} s "
          f"({csv_path.stat().st_size / 1e6:.0f} MB)")

    for attempt in ("first import", "same file again"):
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "sdm_analytics", "--db", str(db), "import", str(csv_path)],
                              capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        tail = [line for line in proc.stdout.splitlines() if "baris" in line or "diimpor" in line][-2:]
        print(f"{attempt}: {seconds:.1f} s, exit {proc.returncode}; " + " | ".join(s.strip() for s in tail))
        if proc.returncode not in (0, 1):
            print(proc.stderr[-2000:])
            break
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    store = Store(str(db))
    print(f"participations: {before:,} before, {store.count('participations'):,} after; "
          f"peak child memory {peak:.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
