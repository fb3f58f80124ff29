-- The schema of the PostgreSQL backend: the same tables as SQLite's migrations lead to.
CREATE TABLE assessments (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model            TEXT    NOT NULL,
    organization     TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    date             TEXT,
    current_pattern  TEXT    NOT NULL,
    target_pattern   TEXT    NOT NULL,
    target_level     BIGINT  NOT NULL CHECK (target_level BETWEEN 1 AND 5),
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    revision         BIGINT  NOT NULL DEFAULT 1,
    respondent_count BIGINT  NOT NULL DEFAULT 0,
    answered_count   BIGINT  NOT NULL DEFAULT 0,
    text_chars       BIGINT  NOT NULL DEFAULT 0,
    overall          DOUBLE PRECISION,
    overall_revision BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE area_overrides (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    role          TEXT   NOT NULL,
    area          TEXT   NOT NULL CHECK (area IN ('I', 'II', 'III', 'IV')),
    PRIMARY KEY (assessment_id, role)
);

CREATE TABLE respondents (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    name          TEXT   NOT NULL,
    position      TEXT   NOT NULL CHECK (position IN ('manager', 'leader', 'staff', 'other')),
    created_at    BIGINT NOT NULL,
    UNIQUE (assessment_id, name)
);

CREATE TABLE answers (
    respondent_id BIGINT NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    role          TEXT   NOT NULL,
    insource      BIGINT CHECK (insource BETWEEN 0 AND 5),
    outsource     BIGINT CHECK (outsource BETWEEN 0 AND 5),
    note          TEXT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (respondent_id, role)
);

CREATE INDEX respondents_by_assessment ON respondents (assessment_id);

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
