-- SDM ASN Analytics store, schema version 1.
-- Canonical names of DATA_CONTRACT.md; natural keys as primary keys.
-- NIP and codes are text. Derived helpers (program year) are computed in
-- queries; see METRICS.md for the definitions that use them.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS units (
    opd_code  VARCHAR PRIMARY KEY,
    opd_name  VARCHAR NOT NULL,
    opd_type  VARCHAR,
    kecamatan VARCHAR,
    area      VARCHAR
);

CREATE TABLE IF NOT EXISTS employees (
    nip             VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    gender          VARCHAR,
    birth_date      DATE,
    employment_type VARCHAR,
    rank_group      VARCHAR,
    position_type   VARCHAR,
    position_name   VARCHAR,
    education       VARCHAR,
    opd_code        VARCHAR NOT NULL,
    hire_date       DATE NOT NULL,
    exit_date       DATE
);

CREATE TABLE IF NOT EXISTS programs (
    program_code         VARCHAR PRIMARY KEY,
    title                VARCHAR NOT NULL,
    category             VARCHAR,
    topic                VARCHAR,
    mode                 VARCHAR,
    organizer            VARCHAR,
    jp                   DOUBLE NOT NULL,
    start_date           DATE NOT NULL,
    end_date             DATE NOT NULL,
    capacity             INTEGER,
    cost_per_participant DOUBLE
);

CREATE TABLE IF NOT EXISTS participations (
    program_code   VARCHAR NOT NULL,
    nip            VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    attendance_pct DOUBLE,
    pre_test       DOUBLE,
    post_test      DOUBLE,
    jp_earned      DOUBLE,
    PRIMARY KEY (program_code, nip)
);

CREATE TABLE IF NOT EXISTS survey_items (
    item_code   VARCHAR PRIMARY KEY,
    survey_kind VARCHAR NOT NULL,
    dimension   VARCHAR,
    text_id     VARCHAR,
    text_en     VARCHAR,
    scale_min   INTEGER,
    scale_max   INTEGER
);

CREATE TABLE IF NOT EXISTS survey_responses (
    response_id     VARCHAR NOT NULL,
    item_code       VARCHAR NOT NULL,
    nip             VARCHAR,
    program_code    VARCHAR,
    respondent_role VARCHAR NOT NULL DEFAULT 'self',
    submitted_at    TIMESTAMP NOT NULL,
    value           DOUBLE,
    answer_text     VARCHAR,
    PRIMARY KEY (response_id, item_code)
);

CREATE TABLE IF NOT EXISTS performance (
    nip    VARCHAR NOT NULL,
    year   INTEGER NOT NULL,
    rating VARCHAR NOT NULL,
    PRIMARY KEY (nip, year)
);

-- opd_code '' stands for the whole city (a primary key column cannot be NULL);
-- the contract's "empty = the whole city" is mapped to '' on the way in.
CREATE TABLE IF NOT EXISTS targets (
    indicator VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    opd_code  VARCHAR NOT NULL DEFAULT '',
    target    DOUBLE NOT NULL,
    PRIMARY KEY (indicator, year, opd_code)
);
