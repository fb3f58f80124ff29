-- Each login attempt is a row of its own (issue 19): a login that succeeds takes back only its own
-- attempt, never others counted in the same second, and an attempt refused for being over the
-- limit is taken back too, so that only real failures count.
ALTER TABLE login_failures ADD COLUMN attempt BIGINT NOT NULL DEFAULT 0;
