-- Teams: accounts, workspaces and their members, server-side sessions, failed logins (for
-- throttling), the audit log; every assessment in a workspace; a private link and a submission
-- time per respondent. Flags are integers 0/1 on both backends.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Lower-cased: one account per address whatever its case.
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    admin         INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    created_at    INTEGER NOT NULL
);

CREATE TABLE workspaces (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    access       TEXT    NOT NULL CHECK (access IN ('owner', 'assessor', 'viewer')),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- NULL only for assessments made before accounts existed, until the first admin takes them.
ALTER TABLE assessments ADD COLUMN workspace_id INTEGER REFERENCES workspaces (id) ON DELETE CASCADE;
-- May respondents see the combined results after submitting?
ALTER TABLE assessments ADD COLUMN share_results INTEGER NOT NULL DEFAULT 0 CHECK (share_results IN (0, 1));
CREATE INDEX assessments_by_workspace ON assessments (workspace_id, id);

-- The SHA-256 of the respondent's private link token (NULL: no link, or revoked).
ALTER TABLE respondents ADD COLUMN link_hash BLOB;
ALTER TABLE respondents ADD COLUMN submitted_at INTEGER;
CREATE UNIQUE INDEX respondents_by_link ON respondents (link_hash);
-- Respondents who already have answers count as submitted: results do not change on upgrade.
UPDATE respondents SET submitted_at = created_at
 WHERE EXISTS (SELECT 1 FROM answers x WHERE x.respondent_id = respondents.id);

-- Sessions: the SHA-256 of the cookie's id; the session's data as JSON.
CREATE TABLE sessions (
    id_hash    BLOB    PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data       TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins, per key (an account's e-mail or a client address), for throttling.
CREATE TABLE login_failures (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

-- Append-only: nothing in isomm updates or deletes a row of it.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           INTEGER NOT NULL,
    workspace_id INTEGER,
    actor        TEXT    NOT NULL,
    client       TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    old_value    TEXT,
    new_value    TEXT
);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, id);
