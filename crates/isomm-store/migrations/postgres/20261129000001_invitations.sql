-- The same table as the SQLite migration of this name.
-- Invitations: a one-time link (only its SHA-256 kept) with which someone without an account makes
-- one and joins a workspace with the access an owner chose. Deleted when used or cancelled (the
-- audit log keeps what happened); refused after expires_at.
CREATE TABLE invitations (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   BYTEA   NOT NULL UNIQUE,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    access       TEXT    NOT NULL CHECK (access IN ('owner', 'assessor', 'viewer')),
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
-- One invitation per address and workspace: inviting again replaces it (also when two owners
-- invite the same address at once).
CREATE UNIQUE INDEX invitations_by_workspace ON invitations (workspace_id, email);
