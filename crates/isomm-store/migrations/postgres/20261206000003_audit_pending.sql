-- An answer being edited, before its audit line is written (issue 19). Saves of one role by
-- one actor (a link, an account) follow each other while a person types; each save updates this
-- row in the save's own transaction (old value: the answer before the first of them; new value:
-- the latest), and the row becomes one line of audit_log once the edits pause, when the sheet is
-- submitted, or when the audit log is read. audit_log itself stays append-only.
CREATE TABLE audit_pending (
    actor        TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    workspace_id BIGINT,
    respondent_id BIGINT NOT NULL,
    client       TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    first_at     BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (actor, action, subject)
);
CREATE INDEX audit_pending_by_time ON audit_pending (at);
