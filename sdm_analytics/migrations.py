"""Schema migrations of the store: version -> the SQL that brings a store of the version before up to it.

Version 1 is schema.sql itself; later changes append here instead of editing old steps. UNIT_TREE derives
each unit's OPD and chain, PERSON_YEAR each person's JP of each year (both rebuilt on every write).
"""

from __future__ import annotations

from .rules import MAX_UNIT_DEPTH, choice_key, jp_credit, outcome, paid_seat

__all__ = ["MIGRATIONS", "UNIT_TREE", "PERSON_YEAR", "DERIVED"]

# version -> SQL that migrates a store of version-1 to version. Version 1 is
# schema.sql itself; later issues append here instead of editing old steps.
MIGRATIONS: dict[int, str] = {}

# 2: the import history (one row per imported file).
MIGRATIONS[2] = """
CREATE TABLE IF NOT EXISTS import_log (
    imported_at TIMESTAMP NOT NULL,
    file_name   VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    added       BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    rejected    BIGINT NOT NULL
)
"""
# 3: accounts (sdm_analytics.accounts): no password in clear, only its Argon2id hash.
MIGRATIONS[3] = """
CREATE TABLE IF NOT EXISTS users (
    username      VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    role          VARCHAR NOT NULL CHECK (role IN ('pimpinan', 'evaluator', 'admin')),
    opds          VARCHAR[] NOT NULL,
    active        BOOLEAN NOT NULL,
    password_hash VARCHAR NOT NULL,
    failures      INTEGER NOT NULL,
    locked_until  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    last_login    TIMESTAMP
)
"""
# 4: who imported each file (an account's name, or "cli:<os user>").
MIGRATIONS[4] = "ALTER TABLE import_log ADD COLUMN imported_by VARCHAR DEFAULT ''"
# 5: the account log (sign-ins, refusals, account changes and who made them).
MIGRATIONS[5] = """
CREATE TABLE IF NOT EXISTS auth_log (
    logged_at TIMESTAMP NOT NULL,
    event     VARCHAR NOT NULL,
    username  VARCHAR NOT NULL,
    actor     VARCHAR NOT NULL,
    detail    VARCHAR NOT NULL
)
"""
# 6: the unit hierarchy (units.parent_code; unit_tree, derived on every write: each unit's OPD at the top
# of its chain and the path to it) and choice items answered with several options (survey_responses.choice,
# part of the key: the chosen option of a choice item, '' for every other item).
MIGRATIONS[6] = f"""
ALTER TABLE units ADD COLUMN IF NOT EXISTS parent_code VARCHAR;
CREATE TABLE IF NOT EXISTS unit_tree (
    unit_code VARCHAR PRIMARY KEY,
    opd_code  VARCHAR NOT NULL,
    path      VARCHAR[] NOT NULL,
    depth     INTEGER NOT NULL
);
CREATE TABLE survey_responses_v6 (
    response_id     VARCHAR NOT NULL,
    item_code       VARCHAR NOT NULL,
    nip             VARCHAR,
    program_code    VARCHAR,
    respondent_role VARCHAR NOT NULL DEFAULT 'self',
    submitted_at    TIMESTAMP NOT NULL,
    value           DOUBLE,
    answer_text     VARCHAR,
    choice          VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (response_id, item_code, choice)
);
INSERT INTO survey_responses_v6
SELECT r.response_id, r.item_code, r.nip, r.program_code, r.respondent_role, r.submitted_at, r.value,
       r.answer_text, {choice_key("i.survey_kind", "i.scale_max", "r.answer_text")}
FROM survey_responses AS r
LEFT JOIN survey_items AS i ON i.item_code = r.item_code;
DROP TABLE survey_responses;
ALTER TABLE survey_responses_v6 RENAME TO survey_responses;
"""

# Each unit's OPD (the top of its parent chain) and the chain itself, from the unit up. The walk steps only to
# parents that exist (a unit whose parent is unknown is the top of its own chain) and stops at MAX_UNIT_DEPTH
# (the import refuses cycles and deeper chains; this only guards a hand-edited store).
UNIT_TREE = f"""
DELETE FROM unit_tree;
INSERT INTO unit_tree
WITH RECURSIVE walk(unit_code, ancestor, depth) AS (
    SELECT opd_code, opd_code, 0 FROM units
    UNION ALL
    SELECT w.unit_code, p.opd_code, w.depth + 1
    FROM walk AS w
    JOIN units AS u ON u.opd_code = w.ancestor
    JOIN units AS p ON p.opd_code = u.parent_code
    WHERE p.opd_code <> u.opd_code AND w.depth < {MAX_UNIT_DEPTH}
)
SELECT unit_code, arg_max(ancestor, depth), list(ancestor ORDER BY depth), max(depth)
FROM walk
GROUP BY unit_code;
"""

# 7: person_year, first with each person's JP and completed trainings per year (superseded by 8).
MIGRATIONS[7] = """
CREATE TABLE IF NOT EXISTS person_year (
    nip    VARCHAR NOT NULL,
    year   INTEGER NOT NULL,
    jp     DOUBLE NOT NULL,
    n_done BIGINT NOT NULL,
    PRIMARY KEY (nip, year)
);
"""

# 8: person_year, a summary the engine reads instead of every participation when no programme filter applies:
# per person and calendar year of the programmes' end, what the figures sum over participations — JP earned
# (rules.jp_credit), completed, outcomes, drop-outs, test sums and counts, paid seats' cost and JP, online JP.
# Derived from participations and programmes: created again in every write's transaction.
MIGRATIONS[8] = "DROP TABLE IF EXISTS person_year;"

_PAID = paid_seat("pa.status")
_COMPLETED = "pa.status = 'completed'"
PERSON_YEAR = f"""
CREATE OR REPLACE TABLE person_year AS
SELECT pa.nip, year(pr.end_date) AS year,
       coalesce(sum({jp_credit("pa", "pr.jp")}), 0) AS jp,
       count(*) FILTER (WHERE {_COMPLETED}) AS n_done,
       count(*) FILTER (WHERE {outcome("pa.status")}) AS n_outcome,
       count(*) FILTER (WHERE pa.status IN ('dropped', 'no_show')) AS n_dropout,
       sum(pa.post_test - pa.pre_test) FILTER (WHERE {_COMPLETED}) AS gain_sum,
       count(pa.post_test - pa.pre_test) FILTER (WHERE {_COMPLETED}) AS n_tested,
       sum(pa.pre_test) FILTER (WHERE {_COMPLETED} AND pa.post_test IS NOT NULL) AS pre_sum,
       count(pa.pre_test) FILTER (WHERE {_COMPLETED} AND pa.post_test IS NOT NULL) AS pre_n,
       sum(pa.post_test) FILTER (WHERE {_COMPLETED} AND pa.pre_test IS NOT NULL) AS post_sum,
       count(pa.post_test) FILTER (WHERE {_COMPLETED} AND pa.pre_test IS NOT NULL) AS post_n,
       sum(pr.cost_per_participant) FILTER (WHERE {_PAID}) AS cost_sum,
       count(pr.cost_per_participant) FILTER (WHERE {_PAID}) AS n_costed,
       sum({jp_credit("pa", "pr.jp")}) FILTER (WHERE pr.cost_per_participant IS NOT NULL AND {_PAID}) AS jp_costed,
       sum({jp_credit("pa", "pr.jp")}) FILTER (WHERE pr.mode = 'daring') AS jp_online
FROM participations AS pa
JOIN programs AS pr ON pr.program_code = pa.program_code
GROUP BY ALL
ORDER BY year, pa.nip;
"""

# 9: accounts and the account log move to the store's ledger (ledger.py, SQLite: written by any process at any
# moment, while the store itself is replaced whole on every write). Store._move_accounts copies them first.
MIGRATIONS[9] = "DROP TABLE IF EXISTS users; DROP TABLE IF EXISTS auth_log;"

# 10: a person's training history (DATA_CONTRACT.md § history), one row per certificate as imported. Each row
# is also written as a programme and a completed participation (history.py); this table keeps the certificate's
# number, whether its end date is an estimate (the file gave only the year) and the programme it went to.
MIGRATIONS[10] = """
CREATE TABLE IF NOT EXISTS history (
    nip            VARCHAR NOT NULL,
    title          VARCHAR NOT NULL,
    category       VARCHAR,
    organizer      VARCHAR,
    start_date     DATE,
    end_date       DATE NOT NULL,
    year           INTEGER,
    jp             DOUBLE NOT NULL,
    certificate_no VARCHAR,
    mode           VARCHAR,
    topic          VARCHAR,
    record_key     VARCHAR NOT NULL,
    end_estimated  BOOLEAN NOT NULL DEFAULT false,
    program_code   VARCHAR NOT NULL,
    PRIMARY KEY (nip, record_key)
);
"""

# 11: survey campaigns (campaigns.py; DATA_CONTRACT.md § survey campaigns): a campaign sends one link per
# recipient; a link keeps only the sha256 of its token, never the token. An anonymous campaign keeps no NIP in
# its links (recipient_nip and about_nip NULL); its answers carry only the respondent's unit
# (survey_responses.unit_code, NULL for every imported answer).
MIGRATIONS[11] = """
CREATE TABLE IF NOT EXISTS campaigns (
    campaign_id  VARCHAR PRIMARY KEY,
    survey_kind  VARCHAR NOT NULL CHECK (survey_kind IN ('reaction', 'application', 'needs')),
    program_code VARCHAR,
    year         INTEGER,
    anonymous    BOOLEAN NOT NULL,
    opened_by    VARCHAR NOT NULL,
    opened_at    TIMESTAMP NOT NULL,
    closes_at    TIMESTAMP NOT NULL,
    closed_at    TIMESTAMP
);
CREATE TABLE IF NOT EXISTS campaign_links (
    campaign_id     VARCHAR NOT NULL,
    link_id         INTEGER NOT NULL,
    token_hash      VARCHAR NOT NULL UNIQUE,
    recipient_nip   VARCHAR,
    respondent_role VARCHAR NOT NULL CHECK (respondent_role IN ('self', 'supervisor')),
    about_nip       VARCHAR,
    unit_code       VARCHAR,
    issued_at       TIMESTAMP NOT NULL,
    answered_at     TIMESTAMP,
    PRIMARY KEY (campaign_id, link_id)
);
ALTER TABLE survey_responses ADD COLUMN IF NOT EXISTS unit_code VARCHAR;
"""

# 12: an employee's direct supervisor (atasan langsung; DATA_CONTRACT.md § employees), optional: an application
# campaign issues the supervisor's link to this NIP (campaigns.open_campaign). Not a foreign key: a supervisor may
# be outside the store (a warning on import), and the demo's copies insert employees before their supervisors.
MIGRATIONS[12] = "ALTER TABLE employees ADD COLUMN IF NOT EXISTS supervisor_nip VARCHAR;"

# The derived tables of a schema version, built when a store reaches it; every write rebuilds them all.
DERIVED: dict[int, str] = {6: UNIT_TREE, 8: PERSON_YEAR}
