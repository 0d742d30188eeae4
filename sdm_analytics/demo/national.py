"""The national demo: a demo store copied inside DuckDB, set-based, until it is the size of a country.

A national store (about 4.3 million ASN, 27 million participations) is far too large to draw in pandas, and
it need not be drawn: `replicate` copies what is already in the store (the province, written the usual way)
with INSERT ... SELECT, so the copies are the same people, programmes and answers again under new keys. A
copy is an exact repeat, so every share (20 JP compliance, reach, completion ...) equals the base's; the
national figures differ from the province's only in their counts.

Keys of copy k (k = 1 .. copies-1; the base, copy 0, keeps its own: it is "Provinsi 01"):
- units: the stem of the code (without the province's _02.._20) plus a two-character tag that numbers the
  copy's wilayah nationally (a letter, then a base-36 digit: "DINKES_A0"), so codes keep to the contract's
  20 characters; names and kecamatan end in "(Wilayah 05, Provinsi 02)"; parents are mapped in the same copy,
  so the unit tree is a forest of per-copy OPDs;
- NIP: birth date, TMT and gender digit are kept (the contract checks those); the three-digit sequence is
  moved up by k times the base's largest one, so a copy's NIPs are synthetic but valid and never collide;
- programmes and answers: their code or id plus "-P02" .. "-P33".
Survey items and targets are not copied: the city-wide targets hold for the whole store, OPD targets only
for the base's own OPDs. The demo accounts are the base's.

Surveys are bounded: a copy keeps only one part of the base's answers (whole responses, split into
`survey_parts` parts by a hash of the response id; copy k keeps part (k-1) mod survey_parts). The national
demo uses 32 parts for its 32 copies, so the copies together hold the answers exactly once more: the store
has twice the province's answers (13 million rows instead of 220 million), every survey figure city-wide
equals the province's, and all but one of its 24,420 OPDs have answers. A copy's answer coverage (answers
per participant) is 1/32 of the province's: the data-quality page says so, as it would of a real region that
surveys less.

Copies are written a batch at a time, one transaction each, under a DuckDB memory limit. The ART indexes of
the primary keys are what costs memory: one transaction holding all 52 million new keys needed about 6 GB at
commit (and a commit that runs out of memory invalidates the database); a batch of 8 copies stays under
3.4 GB and is as fast. The batches are written into one new version of the store file (`Store.writing`),
published when the last is committed: an interrupted build leaves the province as it was; unit_tree and
person_year are rebuilt on every commit by `Store.transaction`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .common import AS_OF

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["replicate", "COPY_BATCH", "MEMORY_LIMIT"]

COPY_BATCH = 8  # copies per transaction: the national demo's 32 copies in 4 commits
MEMORY_LIMIT = "4GB"  # DuckDB's limit while copying (the national demo's process peaks near 3.4 GB)
_DIGITS36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COPY_KEY = "-P[0-9]{2}$"  # how a copied programme code or response id ends (a base one never does)
_MAX_TAGS = 26 * 36  # two-character unit tags


def _nip(col: str, stride: int) -> str:
    """The NIP of column `col` in copy c.k: the sequence (last three digits) moved up by k * stride."""
    return f"left({col}, 15) || printf('%03d', CAST(right({col}, 3) AS INTEGER) + c.k * {stride})"


def _key(col: str) -> str:
    """A programme code or response id in copy c.k (NULL stays NULL)."""
    return f"{col} || printf('-P%02d', c.k + 1)"


def _renamed(col: str) -> str:
    """A unit name or kecamatan in copy c.k: its wilayah and province spelled out."""
    return (f"regexp_replace({col}, ' \\(Wilayah [0-9]{{2}}\\)$', '') "
            f"|| printf(' (Wilayah %02d, Provinsi %02d)', m.region, c.k + 1)")


def _copy_sql(regions: int, stride: int, parts: int) -> list[str]:
    """The statements of one batch: the copies of table `demo_copies` (k) from the base's rows."""
    tag = f"chr(CAST(65 + i // 36 AS INTEGER)) || substr('{_DIGITS36}', i % 36 + 1, 1)"
    return [
        f"""
        CREATE OR REPLACE TEMP TABLE demo_unit_map AS
        WITH u AS (
            SELECT opd_code, regexp_replace(opd_code, '_[0-9]{{2}}$', '') AS stem,
                   coalesce(TRY_CAST(regexp_extract(opd_code, '_([0-9]{{2}})$', 1) AS INTEGER), 1) AS region
            FROM demo_base_units
        ), numbered AS (  -- i: the copy's wilayah among all the copies' (0, 1, ...)
            SELECT c.k, u.opd_code, u.stem, u.region, (c.k - 1) * {regions} + u.region - 1 AS i
            FROM u CROSS JOIN demo_copies AS c
        )
        SELECT k, opd_code AS old_code, region, stem || '_' || {tag} AS new_code FROM numbered
        """,
        f"""
        INSERT INTO units BY NAME
        SELECT u.* REPLACE (m.new_code AS opd_code, {_renamed('u.opd_name')} AS opd_name,
                            {_renamed('u.kecamatan')} AS kecamatan, p.new_code AS parent_code)
        FROM demo_base_units AS u
        JOIN demo_unit_map AS m ON m.old_code = u.opd_code
        JOIN demo_copies AS c ON c.k = m.k
        LEFT JOIN demo_unit_map AS p ON p.old_code = u.parent_code AND p.k = m.k
        """,
        # the base's people only: a copy's people work in the copy's units, which are not in the map's old codes
        f"""
        INSERT INTO employees BY NAME
        SELECT e.* REPLACE ({_nip('e.nip', stride)} AS nip, m.new_code AS opd_code,
                           {_nip('e.supervisor_nip', stride)} AS supervisor_nip)
        FROM employees AS e
        JOIN demo_unit_map AS m ON m.old_code = e.opd_code
        JOIN demo_copies AS c ON c.k = m.k
        """,
        f"""
        INSERT INTO programs BY NAME
        SELECT p.* REPLACE ({_key('p.program_code')} AS program_code)
        FROM programs AS p CROSS JOIN demo_copies AS c
        WHERE NOT regexp_matches(p.program_code, '{_COPY_KEY}')
        """,
        f"""
        INSERT INTO participations BY NAME
        SELECT a.* REPLACE ({_key('a.program_code')} AS program_code, {_nip('a.nip', stride)} AS nip)
        FROM participations AS a CROSS JOIN demo_copies AS c
        WHERE CAST(right(a.nip, 3) AS INTEGER) <= {stride}
        """,
        f"""
        INSERT INTO performance BY NAME
        SELECT f.* REPLACE ({_nip('f.nip', stride)} AS nip)
        FROM performance AS f CROSS JOIN demo_copies AS c
        WHERE CAST(right(f.nip, 3) AS INTEGER) <= {stride}
        """,
        # whole responses (every item and chosen option of one response_id) go to the same copy
        f"""
        INSERT INTO survey_responses BY NAME
        SELECT r.* REPLACE ({_key('r.response_id')} AS response_id, {_nip('r.nip', stride)} AS nip,
                            {_key('r.program_code')} AS program_code)
        FROM survey_responses AS r
        JOIN demo_copies AS c ON md5_number(r.response_id) % {parts} = (c.k - 1) % {parts}
        WHERE NOT regexp_matches(r.response_id, '{_COPY_KEY}')
        """,
    ]


def replicate(store: Store, copies: int, regions: int = 1, survey_parts: int = 1, batch: int = COPY_BATCH,
              memory_limit: str | None = MEMORY_LIMIT, say: Callable[[str], None] | None = None) -> None:
    """Copy the demo in the store until it holds `copies` of it (the base counts as one).

    `regions`: the wilayah in the base (20 for the province, 1 for the city); `survey_parts`: the answers are
    split into that many parts and each copy keeps one (1: every copy keeps them all); `batch`: copies per
    transaction; `memory_limit`: DuckDB's while copying (None: leave it).
    """
    say = say or (lambda _msg: None)
    if copies < 1 or regions < 1 or survey_parts < 1 or batch < 1:
        raise ValueError("copies, regions, survey_parts and batch must be positive")
    if copies > 99 or (copies - 1) * regions > _MAX_TAGS:
        raise ValueError(f"too many copies for the demo's keys: {copies} of {regions} wilayah")
    if store.scalar(f"SELECT count(*) FROM programs WHERE regexp_matches(program_code, '{_COPY_KEY}')"):
        raise ValueError("the store already holds copies: write the base demo first")
    stride = int(store.scalar("SELECT coalesce(max(CAST(right(nip, 3) AS INTEGER)), 0) FROM employees"))
    if copies * stride > 999:
        raise ValueError(f"too many copies for the NIP sequence: {copies} x {stride} > 999")
    base_units = store.df("SELECT * FROM units")  # the base's units (a thousand rows): the map's old codes
    statements = _copy_sql(regions, stride, survey_parts)
    config: dict[str, object] = {"preserve_insertion_order": False}  # rows in any order: an INSERT needs less memory
    if memory_limit:
        config["memory_limit"] = memory_limit
    with store.writing(config):  # the copies are one new version of the store, published when all are written
        for lo in range(1, copies, batch):
            hi = min(copies, lo + batch)
            which = f"{lo + 1}" if hi == lo + 1 else f"{lo + 1}-{hi}"
            say(f"salinan {which} dari {copies} / copies {which} of {copies}")
            with store.transaction(AS_OF) as cur:
                cur.register("demo_base_units", base_units)
                cur.execute(f"CREATE OR REPLACE TEMP TABLE demo_copies AS SELECT range AS k FROM range({lo}, {hi})")
                for sql in statements:
                    cur.execute(sql)
                cur.execute("DROP TABLE demo_unit_map")
                cur.execute("DROP TABLE demo_copies")
                cur.unregister("demo_base_units")
