-- The first schema: assessments, their area overrides, respondents and answers.
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    model           TEXT    NOT NULL,
    organization    TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    date            TEXT,
    current_pattern TEXT    NOT NULL,
    target_pattern  TEXT    NOT NULL,
    target_level    INTEGER NOT NULL CHECK (target_level BETWEEN 1 AND 5),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE area_overrides (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL,
    area          TEXT    NOT NULL CHECK (area IN ('I', 'II', 'III', 'IV')),
    PRIMARY KEY (assessment_id, role)
);

CREATE TABLE respondents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    position      TEXT    NOT NULL CHECK (position IN ('manager', 'leader', 'staff', 'other')),
    created_at    INTEGER NOT NULL,
    UNIQUE (assessment_id, name)
);

CREATE TABLE answers (
    respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL,
    insource      INTEGER CHECK (insource BETWEEN 0 AND 5),
    outsource     INTEGER CHECK (outsource BETWEEN 0 AND 5),
    note          TEXT,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (respondent_id, role)
);

CREATE INDEX respondents_by_assessment ON respondents (assessment_id);
