-- Issue 24: rounds. Every assessment belongs to a series of rounds of one organisation; a round
-- may be started from an earlier one (`started_from`) and closed, keeping the result it closed
-- with (`closed_result`: the isomm-result/1 document; `closed_counting`: 'submitted' or 'all';
-- `model_hash`: the SHA-256 of the model it was scored with, hex) so that its pages never change.
CREATE TABLE series (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT REFERENCES workspaces (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL
);
-- Each existing assessment starts its own series, numbered as the assessment.
INSERT INTO series (id, workspace_id, created_at) OVERRIDING SYSTEM VALUE
    SELECT id, workspace_id, created_at FROM assessments;
SELECT setval(pg_get_serial_sequence('series', 'id'), COALESCE((SELECT MAX(id) FROM series), 0) + 1, false);
ALTER TABLE assessments ADD COLUMN series_id BIGINT REFERENCES series (id) ON DELETE CASCADE;
UPDATE assessments SET series_id = id;
ALTER TABLE assessments ADD COLUMN started_from BIGINT REFERENCES assessments (id) ON DELETE SET NULL;
ALTER TABLE assessments ADD COLUMN closed_at BIGINT;
ALTER TABLE assessments ADD COLUMN closed_result TEXT;
ALTER TABLE assessments ADD COLUMN closed_counting TEXT CHECK (closed_counting IN ('submitted', 'all'));
ALTER TABLE assessments ADD COLUMN model_hash TEXT;
CREATE INDEX assessments_by_series ON assessments (series_id, id);
