"""A person's training history (riwayat diklat / kursus) written on as programmes and completed participations.

One imported certificate is one `history` row and one completed participation with `jp_earned` = its hours, in
the programme of its title + organizer + end date: a stored programme with the same compact title, organizer
and end date when there is one (a real programme before a generated one), else a generated programme whose
code is stable (`RW-` and 10 hex digits of the md5 of that key), so re-importing the file, or a later export
that holds it, finds the same programme and the same participation (key program_code + nip) and adds nothing.

A certificate is counted once: a participation is one per programme and person, and a generated programme
yields to a real one with the same key (`reconcile`, at the end of every import): its participations move to
the real programme — dropped where the person already has one there — and it is removed. A participation
imported from a training unit's own file is never overwritten by a certificate (its status, tests and JP
stay); only the participations of generated programmes follow the certificate's hours.

Runs on the caller's cursor, inside an import's transaction.
"""

from __future__ import annotations

from typing import Sequence

import duckdb

from . import upserts
from .rules import jp_credit

__all__ = ["GENERATED_PREFIX", "AS_HISTORY", "program_key", "estimate", "absorb", "reconcile"]

GENERATED_PREFIX = "RW-"
_GENERATED = f"starts_with({{code}}, '{GENERATED_PREFIX}')"


def _compact(expr: str) -> str:
    """SQL: the text's letters and digits, lower case ('' for NULL): how titles and organizers are compared."""
    return f"lower(regexp_replace(coalesce({expr}, ''), '[^A-Za-z0-9]+', '', 'g'))"


def program_key(t: str) -> str:
    """SQL: the key a certificate and a programme are matched on: compact title | compact organizer | end date."""
    return (f"{_compact(f'{t}.title')} || '|' || {_compact(f'{t}.organizer')} || '|' "
            f"|| strftime({t}.end_date, '%Y-%m-%d')")


def _generated(code: str) -> str:
    return _GENERATED.format(code=code)


def _program_of(s: str, programs: str = "programs") -> str:
    """SQL: the programme certificate `s` is written on: a programme of relation `programs` with its key (a real
    one before a generated one), else its generated code."""
    return f"""coalesce(
                   (SELECT p.program_code FROM {programs} AS p
                    WHERE {program_key('p')} = {program_key(s)}
                    ORDER BY {_generated('p.program_code')}, p.program_code
                    LIMIT 1),
                   '{GENERATED_PREFIX}' || upper(left(md5({program_key(s)}), 10)))"""


def estimate(cur: duckdb.DuckDBPyConnection, source: str, staged_programs: Sequence[str] = ()) -> dict[str, int]:
    """What committing the certificates of relation `source` would write, before anything is: the programmes it
    reuses (stored, or staged by an earlier file of the same import) and creates, and the participations it adds.

    A participation staged by a file of the same import is not seen: its certificate counts as one to add."""
    for name in (source, *staged_programs):
        if not upserts.is_relation(name):
            raise ValueError(f"not a relation name: {name!r}")
    known = " UNION ALL ".join(f"SELECT program_code, title, organizer, end_date FROM {t}"
                               for t in ("main.programs", *staged_programs))
    reused, created, added = cur.execute(
        f"""
        WITH known AS ({known}),
        certificates AS (
            SELECT DISTINCT s.nip, {_program_of('s', 'known')} AS program_code
            FROM {source} AS s
        )
        SELECT count(DISTINCT c.program_code) FILTER (WHERE c.program_code IN (SELECT program_code FROM known)),
               count(DISTINCT c.program_code) FILTER (WHERE c.program_code NOT IN (SELECT program_code FROM known)),
               count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM main.participations AS pa
                                                  WHERE pa.program_code = c.program_code AND pa.nip = c.nip))
        FROM certificates AS c
        """
    ).fetchall()[0]
    return {"programs_reused": int(reused), "programs_created": int(created), "participations_added": int(added)}


def absorb(cur: duckdb.DuckDBPyConnection, source: str, insert_columns: Sequence[str],
           update_columns: Sequence[str]) -> tuple[int, int, int]:
    """Upsert the certificates of relation `source` into history, then their programmes and participations.

    Returns (added, updated, unchanged) history rows."""
    if not upserts.is_relation(source):
        raise ValueError(f"not a relation name: {source!r}")
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _hist AS
        SELECT s.* REPLACE ({_program_of('s')} AS program_code)
        FROM {source} AS s
        """
    )
    # a certificate that moves to another programme (its title or organizer corrected) leaves the old one
    cur.execute(
        f"""
        DELETE FROM participations AS pa
        WHERE {_generated('pa.program_code')}
          AND EXISTS (SELECT 1 FROM history AS h JOIN _hist AS n ON n.nip = h.nip AND n.record_key = h.record_key
                      WHERE h.nip = pa.nip AND h.program_code = pa.program_code
                        AND h.program_code <> n.program_code)
        """
    )
    updates = tuple(dict.fromkeys((*update_columns, "end_estimated", "program_code")))
    inserts = tuple(dict.fromkeys((*insert_columns, "end_estimated", "program_code")))
    counts = upserts.upsert(cur, "history", "_hist", inserts, updates)
    cur.execute(
        """
        INSERT INTO programs (program_code, title, category, topic, mode, organizer, jp, start_date, end_date)
        SELECT program_code, min(title), mode(category), mode(topic), mode(mode), min(organizer), max(jp),
               min(least(coalesce(start_date, end_date), end_date)), min(end_date)
        FROM _hist
        WHERE program_code NOT IN (SELECT program_code FROM programs)
        GROUP BY program_code
        """
    )
    cur.execute(
        """
        INSERT INTO participations (program_code, nip, status, jp_earned)
        SELECT program_code, nip, 'completed', max(jp)
        FROM _hist AS h
        WHERE NOT EXISTS (SELECT 1 FROM participations AS pa
                          WHERE pa.program_code = h.program_code AND pa.nip = h.nip)
        GROUP BY program_code, nip
        """
    )
    cur.execute(
        f"""
        UPDATE participations AS pa SET jp_earned = h.jp
        FROM (SELECT program_code, nip, max(jp) AS jp FROM _hist GROUP BY ALL) AS h
        WHERE pa.program_code = h.program_code AND pa.nip = h.nip AND {_generated('pa.program_code')}
          AND pa.jp_earned IS DISTINCT FROM h.jp
        """
    )
    cur.execute("DROP TABLE _hist")
    return counts


def reconcile(cur: duckdb.DuckDBPyConnection) -> int:
    """Fold every generated programme into a real programme with the same key; returns how many were folded."""
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _fold AS
        SELECT g.program_code AS old, min(r.program_code) AS new
        FROM programs AS g
        JOIN programs AS r ON {program_key('r')} = {program_key('g')}
        WHERE {_generated('g.program_code')} AND NOT {_generated('r.program_code')}
        GROUP BY g.program_code
        """
    )
    folded = cur.execute("SELECT count(*) FROM _fold").fetchall()[0][0]
    if folded:
        cur.execute(
            """
            INSERT INTO participations (program_code, nip, status, attendance_pct, pre_test, post_test, jp_earned)
            SELECT f.new, pa.nip, pa.status, pa.attendance_pct, pa.pre_test, pa.post_test, pa.jp_earned
            FROM participations AS pa
            JOIN _fold AS f ON f.old = pa.program_code
            WHERE NOT EXISTS (SELECT 1 FROM participations AS x WHERE x.program_code = f.new AND x.nip = pa.nip)
            """
        )
        cur.execute("DELETE FROM participations WHERE program_code IN (SELECT old FROM _fold)")
        cur.execute("UPDATE history SET program_code = f.new FROM _fold AS f WHERE history.program_code = f.old")
        cur.execute("""UPDATE survey_responses SET program_code = f.new FROM _fold AS f
                       WHERE survey_responses.program_code = f.old""")
        cur.execute("DELETE FROM programs WHERE program_code IN (SELECT old FROM _fold)")
    cur.execute("DROP TABLE _fold")
    return int(folded)


# The store's completed training as a history file (export-data --as-history): one row per completed participation
# that credits JP, its hours = the JP it credits (rules.jp_credit: partial credit kept), the certificate number of
# the history row written on it if any. Imported with the units and employees into an empty store, it gives every
# person the same JP of every year (the title + organizer + end date of a programme is its key there).
AS_HISTORY = f"""
SELECT pa.nip, pr.title, pr.category, pr.organizer, pr.start_date, pr.end_date, year(pr.end_date) AS year,
       {jp_credit("pa", "pr.jp")} AS jp, h.certificate_no, pr.mode, pr.topic
FROM participations AS pa
JOIN programs AS pr ON pr.program_code = pa.program_code
LEFT JOIN (SELECT nip, program_code, min(certificate_no) AS certificate_no
           FROM history
           GROUP BY ALL) AS h ON h.nip = pa.nip AND h.program_code = pa.program_code
WHERE pa.status = 'completed'
  AND {jp_credit("pa", "pr.jp")} > 0
ORDER BY pa.nip, pr.end_date, pr.title, pr.program_code
"""
