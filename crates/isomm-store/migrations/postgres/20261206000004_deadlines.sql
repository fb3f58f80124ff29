-- Issue 22: an assessment's deadline (the last day sheets are due, YYYY-MM-DD, in its workspace's
-- time zone) and each workspace's time zone (an IANA name; times people read are shown in it).
ALTER TABLE assessments ADD COLUMN deadline TEXT;
ALTER TABLE workspaces ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Tokyo';
-- Who submitted a sheet, for the sheet's page: an account's name when an assessor marked it
-- submitted, '' when the respondent did through their link, NULL when not known (an imported
-- file, or a sheet submitted before this column).
ALTER TABLE respondents ADD COLUMN submitted_by TEXT;
