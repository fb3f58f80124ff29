-- Issue 24: a round started from the previous one ("start = previous") offers each respondent
-- their own earlier answers as drafts (前回値). A draft is never an answer: nothing reads it but
-- its respondent's sheet. A role's draft is handled once the role holds an answer (kept when it
-- equals the draft, else changed) or once the respondent cleared it (`cleared`); until then it is
-- pending, and the sheet cannot be submitted.
CREATE TABLE drafts (
    respondent_id BIGINT  NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL,
    insource      BIGINT  CHECK (insource BETWEEN 0 AND 5),
    outsource     BIGINT  CHECK (outsource BETWEEN 0 AND 5),
    note          TEXT,
    cleared       BIGINT  NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1)),
    PRIMARY KEY (respondent_id, role)
);
