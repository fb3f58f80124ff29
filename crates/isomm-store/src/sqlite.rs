//! The SQLite backend: a file in WAL mode with a busy timeout; migrations in `migrations/sqlite`.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use isomm_core::answers::{Answer, Assessment, Position};
use isomm_core::{Area, Catalog};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};

use crate::{
    Added, AssessmentFields, AssessmentSummary, Id, Store, StoreError, StoredAssessment,
    StoredRespondent, level,
};

pub struct SqliteStore {
    pool: SqlitePool,
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

impl SqliteStore {
    /// Opens (creating if needed) the database file of a `sqlite://PATH` URL and migrates it.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// Starts a transaction that takes SQLite's write lock at once, so that concurrent writers wait
    /// for each other (busy timeout) instead of failing when a read lock cannot be upgraded.
    async fn write(&self) -> Result<Transaction<'_, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn fields(
        &self,
        row: &sqlx::sqlite::SqliteRow,
        areas: BTreeMap<String, Area>,
    ) -> Result<AssessmentFields, StoreError> {
        Ok(AssessmentFields {
            organization: row.try_get("organization")?,
            title: row.try_get("title")?,
            date: row.try_get("date")?,
            current_pattern: row.try_get("current_pattern")?,
            target_pattern: row.try_get("target_pattern")?,
            target_level: u8::try_from(row.try_get::<i64, _>("target_level")?)
                .map_err(|_| StoreError::Corrupt("target level".into()))?,
            areas,
        })
    }
}

async fn read_areas(
    conn: &mut SqliteConnection,
    id: Id,
) -> Result<BTreeMap<String, Area>, StoreError> {
    let rows = sqlx::query("SELECT role, area FROM area_overrides WHERE assessment_id = $1")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("role")?, area(r.try_get("area")?)?)))
        .collect()
}

async fn insert_respondent(
    tx: &mut Transaction<'_, Sqlite>,
    assessment: Id,
    name: &str,
    position: Position,
    t: i64,
) -> Result<Id, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO respondents (assessment_id, name, position, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(assessment)
    .bind(name)
    .bind(position.as_str())
    .bind(t)
    .fetch_one(&mut **tx)
    .await?)
}

async fn write_areas(
    tx: &mut Transaction<'_, Sqlite>,
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
    tx: &mut Transaction<'_, Sqlite>,
    model: &str,
    f: &AssessmentFields,
) -> Result<Id, StoreError> {
    let t = now();
    let id: Id = sqlx::query_scalar(
        "INSERT INTO assessments (model, organization, title, date, current_pattern, target_pattern, target_level, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(model)
    .bind(&f.organization)
    .bind(&f.title)
    .bind(&f.date)
    .bind(&f.current_pattern)
    .bind(&f.target_pattern)
    .bind(i64::from(f.target_level))
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    write_areas(tx, id, &f.areas).await?;
    Ok(id)
}

async fn upsert_answer(
    tx: &mut Transaction<'_, Sqlite>,
    respondent: Id,
    role: &str,
    a: &Answer,
    t: i64,
) -> Result<(), StoreError> {
    if !a.is_answered() && a.note.is_none() {
        sqlx::query("DELETE FROM answers WHERE respondent_id = $1 AND role = $2")
            .bind(respondent)
            .bind(role)
            .execute(&mut **tx)
            .await?;
        return Ok(());
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
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn list_assessments(&self) -> Result<Vec<AssessmentSummary>, StoreError> {
        // One read transaction: the list and its areas are one snapshot.
        let mut conn = self.pool.begin().await?;
        let rows = sqlx::query(
            "SELECT a.*,
                (SELECT COUNT(*) FROM respondents r WHERE r.assessment_id = a.id) AS respondent_count,
                (SELECT COUNT(*) FROM answers x JOIN respondents r ON r.id = x.respondent_id
                  WHERE r.assessment_id = a.id AND (x.insource IS NOT NULL OR x.outsource IS NOT NULL)) AS answered_count
             FROM assessments a ORDER BY a.created_at DESC, a.id DESC",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: Id = row.try_get("id")?;
            out.push(AssessmentSummary {
                id,
                fields: self.fields(row, read_areas(&mut conn, id).await?).await?,
                respondents: row.try_get("respondent_count")?,
                answered: row.try_get("answered_count")?,
                created_at: row.try_get("created_at")?,
            });
        }
        Ok(out)
    }

    async fn create_assessment(
        &self,
        model: &str,
        fields: &AssessmentFields,
    ) -> Result<Id, StoreError> {
        let mut tx = self.write().await?;
        let id = insert_assessment(&mut tx, model, fields).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_assessment(&self, id: Id, f: &AssessmentFields) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let updated = sqlx::query(
            "UPDATE assessments SET organization = $1, title = $2, date = $3, current_pattern = $4, target_pattern = $5,
             target_level = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(&f.organization)
        .bind(&f.title)
        .bind(&f.date)
        .bind(&f.current_pattern)
        .bind(&f.target_pattern)
        .bind(i64::from(f.target_level))
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Ok(false);
        }
        write_areas(&mut tx, id, &f.areas).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn delete_assessment(&self, id: Id) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let deleted = sqlx::query("DELETE FROM assessments WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted > 0)
    }

    async fn assessment(&self, id: Id) -> Result<Option<StoredAssessment>, StoreError> {
        // One read transaction, so the assessment, its respondents and answers are one snapshot.
        let mut tx = self.pool.begin().await?;
        let Some(row) = sqlx::query("SELECT * FROM assessments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let areas = read_areas(&mut tx, id).await?;
        let respondent_rows = sqlx::query(
            "SELECT id, name, position FROM respondents WHERE assessment_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let answer_rows = sqlx::query(
            "SELECT x.respondent_id, x.role, x.insource, x.outsource, x.note FROM answers x
             JOIN respondents r ON r.id = x.respondent_id WHERE r.assessment_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut respondents = respondent_rows
            .iter()
            .map(|r| {
                Ok(StoredRespondent {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    position: position(r.try_get("position")?)?,
                    answers: BTreeMap::new(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for row in &answer_rows {
            let rid: Id = row.try_get("respondent_id")?;
            if let Some(r) = respondents.iter_mut().find(|r| r.id == rid) {
                r.answers.insert(
                    row.try_get("role")?,
                    Answer {
                        insource: level(row.try_get("insource")?)?,
                        outsource: level(row.try_get("outsource")?)?,
                        note: row.try_get("note")?,
                    },
                );
            }
        }
        Ok(Some(StoredAssessment {
            id,
            model: row.try_get("model")?,
            fields: self.fields(&row, areas).await?,
            respondents,
            created_at: row.try_get("created_at")?,
        }))
    }

    async fn add_respondent(
        &self,
        assessment: Id,
        name: &str,
        position: Position,
    ) -> Result<Added, StoreError> {
        let mut tx = self.write().await?;
        let t = now();
        let touched = sqlx::query("UPDATE assessments SET updated_at = $1 WHERE id = $2")
            .bind(t)
            .bind(assessment)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if touched == 0 {
            return Ok(Added::NoAssessment);
        }
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM respondents WHERE assessment_id = $1 AND name = $2",
        )
        .bind(assessment)
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Ok(Added::NameTaken);
        }
        let id = insert_respondent(&mut tx, assessment, name, position, t).await?;
        tx.commit().await?;
        Ok(Added::Respondent(id))
    }

    async fn remove_respondent(&self, assessment: Id, respondent: Id) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let deleted = sqlx::query("DELETE FROM respondents WHERE id = $1 AND assessment_id = $2")
            .bind(respondent)
            .bind(assessment)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted > 0)
    }

    async fn save_answers(
        &self,
        assessment: Id,
        respondent: Id,
        answers: &[(String, Answer)],
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let t = now();
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM respondents WHERE id = $1 AND assessment_id = $2",
        )
        .bind(respondent)
        .bind(assessment)
        .fetch_one(&mut *tx)
        .await?;
        if found == 0 {
            return Ok(false);
        }
        for (role, answer) in answers {
            upsert_answer(&mut tx, respondent, role, answer, t).await?;
        }
        sqlx::query("UPDATE assessments SET updated_at = $1 WHERE id = $2")
            .bind(t)
            .bind(assessment)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn import(&self, catalog: &Catalog, a: &Assessment) -> Result<Id, StoreError> {
        let mut tx = self.write().await?;
        let t = now();
        let id = insert_assessment(&mut tx, &a.model, &AssessmentFields::of(catalog, a)).await?;
        for r in &a.respondents {
            let rid = insert_respondent(&mut tx, id, &r.name, r.position, t).await?;
            for (role, answer) in catalog.roles().iter().zip(&r.answers) {
                upsert_answer(&mut tx, rid, &role.id, answer, t).await?;
            }
        }
        tx.commit().await?;
        Ok(id)
    }
}
