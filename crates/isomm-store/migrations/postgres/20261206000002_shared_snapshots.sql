-- The combined results respondents see (issue 19): a snapshot of figures, not a live view. Taken
-- when every sheet is submitted, replaced only when three more sheets are counted than in it, so
-- that no respondent's answers can be worked out by difference. Figures: JSON, in tenths.
CREATE TABLE shared_snapshots (
    assessment_id BIGINT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    counted       BIGINT NOT NULL,
    figures       TEXT    NOT NULL,
    taken_at      BIGINT NOT NULL
);
