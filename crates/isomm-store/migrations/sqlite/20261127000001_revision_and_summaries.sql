-- Every write bumps an assessment's revision (results are cached per revision), and the list of
-- assessments reads its counts from the row instead of counting answers on every visit.
ALTER TABLE assessments ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- Respondents, answers with at least one side given, and characters of names and notes.
ALTER TABLE assessments ADD COLUMN respondent_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN answered_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN text_chars INTEGER NOT NULL DEFAULT 0;
-- The overall maturity as computed for revision `overall_revision` (NULL: none yet, or no answers).
ALTER TABLE assessments ADD COLUMN overall REAL;
ALTER TABLE assessments ADD COLUMN overall_revision INTEGER NOT NULL DEFAULT 0;

UPDATE assessments SET
    respondent_count = (SELECT COUNT(*) FROM respondents r WHERE r.assessment_id = assessments.id),
    answered_count = (SELECT COUNT(*) FROM answers x JOIN respondents r ON r.id = x.respondent_id
                      WHERE r.assessment_id = assessments.id
                        AND (x.insource IS NOT NULL OR x.outsource IS NOT NULL)),
    text_chars = (SELECT COALESCE(SUM(LENGTH(r.name)), 0) FROM respondents r WHERE r.assessment_id = assessments.id)
               + (SELECT COALESCE(SUM(LENGTH(x.note)), 0) FROM answers x JOIN respondents r ON r.id = x.respondent_id
                  WHERE r.assessment_id = assessments.id);

-- Secrets the server keeps across restarts (the key CSRF tokens are bound to).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
