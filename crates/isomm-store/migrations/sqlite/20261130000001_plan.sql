-- How much of the improvement list an assessment's reports show (its plan): set on the web, never
-- in answers files. Defaults as `isomm report`: 10 lines, gaps of 0.5 and more (kept in tenths).
ALTER TABLE assessments ADD COLUMN plan_size INTEGER NOT NULL DEFAULT 10
    CHECK (plan_size BETWEEN 1 AND 500);
ALTER TABLE assessments ADD COLUMN plan_min_gap_tenths INTEGER NOT NULL DEFAULT 5
    CHECK (plan_min_gap_tenths BETWEEN 0 AND 50);
