-- Issue 22: the audit log names its actors as people read them, written with the line (an
-- account's "name <e-mail>", a link's "respondent (position)"), so that a line keeps the name
-- after the account or respondent is gone, and the log can be searched by name.
ALTER TABLE audit_log ADD COLUMN actor_name TEXT;
ALTER TABLE audit_pending ADD COLUMN actor_name TEXT;
