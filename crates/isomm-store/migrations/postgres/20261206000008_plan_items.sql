-- Issue 25: tracked improvement plan items (formats.md, `isomm-plan/1`). One row per item of an
-- assessment, unique by key (`role:<id>:<side>` or `custom:<n>`, n unique in the series); an item
-- carried into the next round points at the one it continues (`carried_from`). `updated_at` is in
-- milliseconds: an uploaded workbook's row is refused when its item changed since the download.
CREATE TABLE plan_items (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id  BIGINT  NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    key            TEXT    NOT NULL,
    rank           BIGINT ,
    action         TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    owner          TEXT,
    due            TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'on_hold', 'wont_do')),
    reason         TEXT,
    target_level   BIGINT  NOT NULL CHECK (target_level BETWEEN 1 AND 5),
    level_at_start DOUBLE PRECISION,
    evidence       TEXT,
    note           TEXT,
    carried_from   BIGINT  REFERENCES plan_items (id) ON DELETE SET NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    UNIQUE (assessment_id, key)
);
-- The home page's overdue items: read from the items by due date, not from every assessment of
-- the workspace (a workspace of 10,000 assessments and few items stays as quick as one of ten).
CREATE INDEX plan_items_by_due ON plan_items (due) WHERE due IS NOT NULL;
