-- Issue 24: rounds. Every assessment belongs to a series of rounds of one organisation; a round
-- may be started from an earlier one (`started_from`) and closed, keeping the result it closed
-- with (`closed_result`: the isomm-result/1 document; `closed_counting`: 'submitted' or 'all';
-- `model_hash`: the SHA-256 of the model it was scored with, hex) so that its pages never change.
CREATE TABLE series (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER REFERENCES workspaces (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL
);
-- Each existing assessment starts its own series, numbered as the assessment.
INSERT INTO series (id, workspace_id, created_at) SELECT id, workspace_id, created_at FROM assessments;
ALTER TABLE assessments ADD COLUMN series_id INTEGER REFERENCES series (id) ON DELETE CASCADE;
UPDATE assessments SET series_id = id;
ALTER TABLE assessments ADD COLUMN started_from INTEGER REFERENCES assessments (id) ON DELETE SET NULL;
ALTER TABLE assessments ADD COLUMN closed_at INTEGER;
ALTER TABLE assessments ADD COLUMN closed_result TEXT;
ALTER TABLE assessments ADD COLUMN closed_counting TEXT CHECK (closed_counting IN ('submitted', 'all'));
ALTER TABLE assessments ADD COLUMN model_hash TEXT;
CREATE INDEX assessments_by_series ON assessments (series_id, id);
