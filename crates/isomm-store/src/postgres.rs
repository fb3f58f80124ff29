//! The PostgreSQL backend: a connection pool, migrations in `migrations/postgres` run under an
//! advisory lock (several instances may start together), and writes that stay right under
//! PostgreSQL's default isolation (read committed). Rows are locked in one order, respondent
//! before assessment: a save locks its respondent for the whole save and its assessment only in
//! the last statement, which checks the text bound, adds to the counters and bumps the revision;
//! adding a respondent or editing the assessment locks the assessment's row first.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use isomm_core::answers::{Answer, Assessment, Position};
use isomm_core::{Area, Catalog, Limits};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Postgres, Row, Transaction};

use crate::{
    Added, AssessmentFields, AssessmentPage, AssessmentSummary, Id, Revision, Saved, Store,
    StoreError, StoredAssessment, StoredRespondent, chars, level, over_text_bound,
};
use isomm_core::PlanOptions;

/// Any number: it only has to be the same for every isomm instance on a database.
const MIGRATION_LOCK: i64 = 0x150_0001;

pub struct PgStore {
    pool: PgPool,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn position(s: &str) -> Result<Position, StoreError> {
    Position::parse(s).ok_or_else(|| StoreError::Corrupt(format!("position {s:?}")))
}

fn area(s: &str) -> Result<Area, StoreError> {
    Area::parse(s).ok_or_else(|| StoreError::Corrupt(format!("area {s:?}")))
}

impl PgStore {
    /// A transaction that writes (the same name as SQLite's, for the statements both share).
    async fn write(&self) -> Result<Transaction<'_, Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    /// Connects to a `postgres://` (or `postgresql://`) URL and migrates the database.
    pub async fn connect(url: &str, db: &crate::DbOptions) -> Result<PgStore, StoreError> {
        // No statement runs longer than a request may take; no lock is waited for longer than a
        // connection of the pool.
        let lock_timeout = format!("{}ms", db.timeout.as_millis());
        let options = PgConnectOptions::from_str(url)?.options([
            ("lock_timeout", lock_timeout.as_str()),
            ("statement_timeout", "30s"),
        ]);
        let pool = PgPoolOptions::new()
            .max_connections(db.pool_size.max(1))
            .acquire_timeout(db.timeout)
            .connect_with(options)
            .await?;
        // One instance migrates at a time; the others wait, then find nothing left to do.
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        let migrated = sqlx::migrate!("./migrations/postgres")
            .run(&mut *conn)
            .await;
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *conn)
            .await?;
        migrated?;
        drop(conn);
        Ok(PgStore { pool })
    }

    /// Locks an assessment's row for this transaction: its counters and revision are then changed
    /// by one writer at a time. `None` when there is no such assessment.
    async fn lock(tx: &mut Transaction<'_, Postgres>, id: Id) -> Result<Option<PgRow>, StoreError> {
        Ok(sqlx::query(
            "SELECT respondent_count, text_chars FROM assessments WHERE id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
    }

    async fn load(&self, id: Id, only: Option<Id>) -> Result<Option<StoredAssessment>, StoreError> {
        // One snapshot: repeatable read for the three queries.
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await?;
        let Some(row) = sqlx::query(
            "SELECT model, organization, title, date, current_pattern, target_pattern, target_level,
                    plan_size, plan_min_gap_tenths,
                    revision, created_at, workspace_id FROM assessments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(None);
        };
        let area_rows =
            sqlx::query("SELECT role, area FROM area_overrides WHERE assessment_id = $1")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        let respondent_rows = sqlx::query(
            "SELECT id, name, position, submitted_at IS NOT NULL AS submitted FROM respondents
             WHERE assessment_id = $1 AND ($2::BIGINT IS NULL OR id = $2) ORDER BY id",
        )
        .bind(id)
        .bind(only)
        .fetch_all(&mut *tx)
        .await?;
        let answer_rows = sqlx::query(
            "SELECT x.respondent_id, x.role, x.insource, x.outsource, x.note FROM answers x
             JOIN respondents r ON r.id = x.respondent_id
             WHERE r.assessment_id = $1 AND ($2::BIGINT IS NULL OR r.id = $2)",
        )
        .bind(id)
        .bind(only)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut areas = BTreeMap::new();
        for r in &area_rows {
            areas.insert(r.try_get("role")?, area(r.try_get("area")?)?);
        }
        let mut respondents = respondent_rows
            .iter()
            .map(|r| {
                Ok(StoredRespondent {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    position: position(r.try_get("position")?)?,
                    submitted: r.try_get("submitted")?,
                    answers: BTreeMap::new(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for r in &answer_rows {
            let rid: Id = r.try_get("respondent_id")?;
            if let Ok(i) = respondents.binary_search_by_key(&rid, |x| x.id) {
                respondents[i].answers.insert(
                    r.try_get("role")?,
                    Answer {
                        insource: level(r.try_get("insource")?)?,
                        outsource: level(r.try_get("outsource")?)?,
                        note: r.try_get("note")?,
                    },
                );
            }
        }
        Ok(Some(StoredAssessment {
            id,
            model: row.try_get("model")?,
            fields: AssessmentFields {
                organization: row.try_get("organization")?,
                title: row.try_get("title")?,
                date: row.try_get("date")?,
                current_pattern: row.try_get("current_pattern")?,
                target_pattern: row.try_get("target_pattern")?,
                target_level: u8::try_from(row.try_get::<i64, _>("target_level")?)
                    .map_err(|_| StoreError::Corrupt("target level".into()))?,
                plan: PlanOptions::from_stored(
                    row.try_get("plan_size")?,
                    row.try_get("plan_min_gap_tenths")?,
                )
                .ok_or_else(|| StoreError::Corrupt("plan options".into()))?,
                areas,
                workspace: row.try_get("workspace_id")?,
            },
            respondents,
            revision: row.try_get("revision")?,
            created_at: row.try_get("created_at")?,
        }))
    }
}

async fn write_areas(
    tx: &mut Transaction<'_, Postgres>,
    id: Id,
    areas: &BTreeMap<String, Area>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM area_overrides WHERE assessment_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for (role, area) in areas {
        sqlx::query("INSERT INTO area_overrides (assessment_id, role, area) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(role)
            .bind(area.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_assessment(
    tx: &mut Transaction<'_, Postgres>,
    model: &str,
    f: &AssessmentFields,
) -> Result<Id, StoreError> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO assessments (model, organization, title, date, current_pattern, target_pattern, target_level, plan_size, plan_min_gap_tenths, created_at, updated_at, workspace_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
    )
    .bind(model)
    .bind(&f.organization)
    .bind(&f.title)
    .bind(&f.date)
    .bind(&f.current_pattern)
    .bind(&f.target_pattern)
    .bind(i64::from(f.target_level))
    .bind(f.plan.size() as i64)
    .bind(i64::from(f.plan.min_gap_tenths()))
    .bind(now())
    .bind(f.workspace)
    .fetch_one(&mut **tx)
    .await?;
    write_areas(tx, id, &f.areas).await?;
    Ok(id)
}

/// Bumps the revision of a locked assessment and adds to its counters.
async fn touch(
    tx: &mut Transaction<'_, Postgres>,
    id: Id,
    respondents: i64,
    answered: i64,
    text: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE assessments SET revision = revision + 1, updated_at = $1, respondent_count = respondent_count + $2,
         answered_count = answered_count + $3, text_chars = text_chars + $4 WHERE id = $5",
    )
    .bind(now())
    .bind(respondents)
    .bind(answered)
    .bind(text)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A page of a workspace's assessments ($3), newest first.
const LIST_IN: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at
 FROM assessments WHERE workspace_id = $3 AND id < $1 ORDER BY id DESC LIMIT $2";
/// The same for assessments made before accounts existed.
const LIST_UNASSIGNED: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at
 FROM assessments WHERE workspace_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2";

crate::accounts::accounts_impl!(PgStore);

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn list_assessments(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
    ) -> Result<AssessmentPage, StoreError> {
        let query = match workspace {
            Some(w) => sqlx::query(LIST_IN)
                .bind(before.unwrap_or(Id::MAX))
                .bind(i64::from(limit) + 1)
                .bind(w),
            None => sqlx::query(LIST_UNASSIGNED)
                .bind(before.unwrap_or(Id::MAX))
                .bind(i64::from(limit) + 1),
        };
        let rows = query.fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let revision: Revision = row.try_get("revision")?;
            out.push(AssessmentSummary {
                id: row.try_get("id")?,
                organization: row.try_get("organization")?,
                title: row.try_get("title")?,
                date: row.try_get("date")?,
                current_pattern: row.try_get("current_pattern")?,
                target_pattern: row.try_get("target_pattern")?,
                respondents: row.try_get("respondent_count")?,
                answered: row.try_get("answered_count")?,
                overall: row.try_get("overall")?,
                overall_current: row.try_get::<Revision, _>("overall_revision")? == revision,
                revision,
                created_at: row.try_get("created_at")?,
            });
        }
        Ok(crate::page(out, limit))
    }

    async fn create_assessment(
        &self,
        model: &str,
        fields: &AssessmentFields,
    ) -> Result<Id, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = insert_assessment(&mut tx, model, fields).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_assessment(&self, id: Id, f: &AssessmentFields) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        if Self::lock(&mut tx, id).await?.is_none() {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE assessments SET organization = $1, title = $2, date = $3, current_pattern = $4, target_pattern = $5,
             target_level = $6, plan_size = $7, plan_min_gap_tenths = $8, updated_at = $9, revision = revision + 1 WHERE id = $10",
        )
        .bind(&f.organization)
        .bind(&f.title)
        .bind(&f.date)
        .bind(&f.current_pattern)
        .bind(&f.target_pattern)
        .bind(i64::from(f.target_level))
        .bind(f.plan.size() as i64)
        .bind(i64::from(f.plan.min_gap_tenths()))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        write_areas(&mut tx, id, &f.areas).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn delete_assessment(&self, id: Id) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM assessments WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(deleted > 0)
    }

    async fn assessment(&self, id: Id) -> Result<Option<StoredAssessment>, StoreError> {
        self.load(id, None).await
    }

    async fn with_respondent(
        &self,
        assessment: Id,
        respondent: Id,
    ) -> Result<Option<StoredAssessment>, StoreError> {
        Ok(self
            .load(assessment, Some(respondent))
            .await?
            .filter(|a| !a.respondents.is_empty()))
    }

    async fn revision(&self, id: Id) -> Result<Option<Revision>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT revision FROM assessments WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn session_user(
        &self,
        id_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, crate::accounts::User)>, StoreError> {
        let row = sqlx::query(crate::accounts::SESSION_USER)
            .bind(id_hash)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("data")?, crate::accounts::user_of(&r)?)))
            .transpose()
    }

    async fn assessment_access(
        &self,
        assessment: Id,
        user: Id,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        let row: Option<(Option<Id>, Option<String>, Revision)> =
            sqlx::query_as(crate::accounts::ASSESSMENT_ACCESS)
                .bind(assessment)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(workspace, a, revision)| {
            Ok(crate::AssessmentAccess {
                workspace,
                access: a.as_deref().map(crate::accounts::access_of).transpose()?,
                revision,
            })
        })
        .transpose()
    }

    async fn add_respondent(
        &self,
        assessment: Id,
        name: &str,
        position: Position,
        limits: &Limits,
    ) -> Result<Added, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(row) = Self::lock(&mut tx, assessment).await? else {
            return Ok(Added::NoAssessment);
        };
        let count: i64 = row.try_get("respondent_count")?;
        if count >= limits.max_respondents as i64
            || over_text_bound(row.try_get("text_chars")?, chars(name))
        {
            return Ok(Added::Full);
        }
        // The assessment's row is locked: no other writer adds a respondent meanwhile, and the
        // unique constraint answers for the name.
        let id: Option<Id> = sqlx::query_scalar(
            "INSERT INTO respondents (assessment_id, name, position, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (assessment_id, name) DO NOTHING RETURNING id",
        )
        .bind(assessment)
        .bind(name)
        .bind(position.as_str())
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(Added::NameTaken);
        };
        touch(&mut tx, assessment, 1, 0, chars(name)).await?;
        tx.commit().await?;
        Ok(Added::Respondent(id))
    }

    async fn remove_respondent(&self, assessment: Id, respondent: Id) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The respondent's row first, then the assessment's: the order a save takes them in.
        let Some(name) = sqlx::query_scalar::<_, String>(
            "SELECT name FROM respondents WHERE id = $1 AND assessment_id = $2 FOR UPDATE",
        )
        .bind(respondent)
        .bind(assessment)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(false);
        };
        if Self::lock(&mut tx, assessment).await?.is_none() {
            return Ok(false);
        }
        let rows = sqlx::query(
            "SELECT note, insource IS NOT NULL OR outsource IS NOT NULL AS answered FROM answers WHERE respondent_id = $1",
        )
        .bind(respondent)
        .fetch_all(&mut *tx)
        .await?;
        let mut answered = 0;
        let mut text = chars(&name);
        for r in &rows {
            answered += i64::from(r.try_get::<bool, _>("answered")?);
            text += r
                .try_get::<Option<String>, _>("note")?
                .as_deref()
                .map_or(0, chars);
        }
        sqlx::query("DELETE FROM respondents WHERE id = $1")
            .bind(respondent)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, assessment, -1, -answered, -text).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn save_answers(
        &self,
        assessment: Id,
        respondent: Id,
        answers: &[(String, Answer)],
        edit: crate::Edit<'_>,
    ) -> Result<Saved, StoreError> {
        let audit = edit.audit;
        let mut tx = self.pool.begin().await?;
        // The respondent's row is locked for the whole save (its answers change one save at a
        // time); the assessment's row only at the end, by the one statement that checks the text
        // bound, adds to the counters and bumps the revision, so saves of different respondents
        // overlap until then.
        let found: Option<bool> = sqlx::query_scalar(
            "SELECT submitted_at IS NOT NULL FROM respondents WHERE id = $1 AND assessment_id = $2 FOR UPDATE",
        )
        .bind(respondent)
        .bind(assessment)
        .fetch_optional(&mut *tx)
        .await?;
        match found {
            None => return Ok(Saved::NotFound),
            Some(true) if edit.open_only => return Ok(Saved::Submitted),
            Some(_) => {}
        }
        let t = now();
        let (mut answered, mut text) = (0i64, 0i64);
        for (role, a) in answers {
            let old = sqlx::query(
                "SELECT insource, outsource, note FROM answers WHERE respondent_id = $1 AND role = $2",
            )
            .bind(respondent)
            .bind(role)
            .fetch_optional(&mut *tx)
            .await?;
            let before = match &old {
                Some(r) => Answer {
                    insource: crate::level(r.try_get("insource")?)?,
                    outsource: crate::level(r.try_get("outsource")?)?,
                    note: r.try_get("note")?,
                },
                None => Answer::default(),
            };
            let (was_answered, old_chars) = (
                before.is_answered(),
                before.note.as_deref().map_or(0, chars),
            );
            if let Some(audit) = audit.filter(|_| &before != a) {
                let line = crate::answer_line(audit, role, &before, a);
                sqlx::query(
                    "INSERT INTO audit_log (at, workspace_id, actor, client, action, subject, old_value, new_value)
                     SELECT $1, workspace_id, $2, $3, $4, $5, $6, $7 FROM assessments WHERE id = $8",
                )
                .bind(t)
                .bind(&line.actor)
                .bind(&line.client)
                .bind(&line.action)
                .bind(&line.subject)
                .bind(&line.old_value)
                .bind(&line.new_value)
                .bind(assessment)
                .execute(&mut *tx)
                .await?;
            }
            answered += i64::from(a.is_answered()) - i64::from(was_answered);
            text += a.note.as_deref().map_or(0, chars) - old_chars;
            if !a.is_answered() && a.note.is_none() {
                if old.is_some() {
                    sqlx::query("DELETE FROM answers WHERE respondent_id = $1 AND role = $2")
                        .bind(respondent)
                        .bind(role)
                        .execute(&mut *tx)
                        .await?;
                }
                continue;
            }
            sqlx::query(
                "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (respondent_id, role) DO UPDATE SET insource = excluded.insource, outsource = excluded.outsource,
                 note = excluded.note, updated_at = excluded.updated_at",
            )
            .bind(respondent)
            .bind(role)
            .bind(a.insource.map(|l| i64::from(l.get())))
            .bind(a.outsource.map(|l| i64::from(l.get())))
            .bind(&a.note)
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM answers WHERE respondent_id = $1 AND (insource IS NOT NULL OR outsource IS NOT NULL)",
        )
        .bind(respondent)
        .fetch_one(&mut *tx)
        .await?;
        // Text that grows must stay within the bound, checked against the total as it is now.
        let touched: Option<Id> = sqlx::query_scalar(
            "UPDATE assessments SET revision = revision + 1, updated_at = $1, answered_count = answered_count + $2,
             text_chars = text_chars + $3 WHERE id = $4 AND ($3 <= 0 OR text_chars + $3 <= $5) RETURNING id",
        )
        .bind(t)
        .bind(answered)
        .bind(text)
        .bind(assessment)
        .bind(isomm_core::limits::MAX_TOTAL_TEXT_CHARS as i64)
        .fetch_optional(&mut *tx)
        .await?;
        if touched.is_none() {
            // Dropping the transaction rolls it back: nothing of this save is kept.
            return Ok(Saved::TextFull);
        }
        tx.commit().await?;
        Ok(Saved::Answered(count))
    }

    async fn import(
        &self,
        workspace: Option<Id>,
        catalog: &Catalog,
        a: &Assessment,
    ) -> Result<Id, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = insert_assessment(
            &mut tx,
            &a.model,
            &AssessmentFields::of(catalog, a, workspace),
        )
        .await?;
        let t = now();
        let (mut answered, mut text) = (0i64, 0i64);
        for r in &a.respondents {
            // A respondent of an imported file arrives complete: submitted.
            let rid: Id = sqlx::query_scalar(
                "INSERT INTO respondents (assessment_id, name, position, created_at, submitted_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
            )
            .bind(id)
            .bind(&r.name)
            .bind(r.position.as_str())
            .bind(t)
            .fetch_one(&mut *tx)
            .await?;
            let kept: Vec<(&str, &Answer)> = catalog
                .roles()
                .iter()
                .map(|role| role.id.as_str())
                .zip(&r.answers)
                .filter(|(_, x)| x.is_answered() || x.note.is_some())
                .collect();
            for chunk in kept.chunks(500) {
                let mut q = sqlx::QueryBuilder::<Postgres>::new(
                    "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at) ",
                );
                q.push_values(chunk, |mut b, (role, x)| {
                    b.push_bind(rid)
                        .push_bind(*role)
                        .push_bind(x.insource.map(|l| i64::from(l.get())))
                        .push_bind(x.outsource.map(|l| i64::from(l.get())))
                        .push_bind(x.note.clone())
                        .push_bind(t);
                });
                q.build().execute(&mut *tx).await?;
            }
            answered += r.answered() as i64;
            text += chars(&r.name)
                + r.answers
                    .iter()
                    .filter_map(|x| x.note.as_deref())
                    .map(chars)
                    .sum::<i64>();
        }
        touch(&mut tx, id, a.respondents.len() as i64, answered, text).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn record_overall(
        &self,
        id: Id,
        revision: Revision,
        overall: Option<f64>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE assessments SET overall = $1, overall_revision = $2 WHERE id = $3 AND revision = $2",
        )
        .bind(overall)
        .bind(revision)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn secret(&self, name: &str, make: fn() -> Vec<u8>) -> Result<Vec<u8>, StoreError> {
        sqlx::query(
            "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(make())
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
                .bind(name)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
