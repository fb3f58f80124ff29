//! The SQLite backend: a file in WAL mode with a busy timeout; migrations in `migrations/sqlite`.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use isomm_core::answers::{Answer, Assessment, Position};
use isomm_core::{Area, Catalog, Limits};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};

use crate::{
    Added, AssessmentFields, AssessmentPage, AssessmentSummary, Id, Revision, SaveJob, Saved,
    Store, StoreError, StoredAssessment, StoredRespondent, chars, level, over_text_bound,
};
use isomm_core::PlanOptions;

pub struct SqliteStore {
    pool: SqlitePool,
    /// The thread autosaves are written by (see [`Writer`]).
    writer: Writer,
    /// Read-only connections: for [`SqliteStore::revision`] and the list, used inline (see there),
    /// and for whole assessments, on a blocking thread.
    readers: std::sync::Arc<Readers>,
}

/// A few read-only connections to the database file, taken and put back around one query.
struct Readers {
    path: std::path::PathBuf,
    idle: std::sync::Mutex<Vec<rusqlite::Connection>>,
}

/// The thread that writes every autosave, one transaction each, on a connection of its own: the
/// write lock is held for the statements and the commit, never across trips between threads, and
/// saves wait in its queue without a thread each. A job whose request has gone away (or waited past
/// [`WRITE_WAIT`]) is skipped, never written.
struct Writer {
    jobs: std::sync::mpsc::SyncSender<SaveJob>,
}

/// Saves waiting for the writer at most; past that a save is answered busy at once.
const WRITER_QUEUE: usize = 4096;

impl Writer {
    fn start(mut conn: rusqlite::Connection) -> Result<Writer, StoreError> {
        let (jobs, queue) = std::sync::mpsc::sync_channel::<SaveJob>(WRITER_QUEUE);
        std::thread::Builder::new()
            .name("isomm-writer".into())
            .spawn(move || {
                // Ends when the store (the only sender) is dropped.
                for mut job in queue {
                    if !job.wanted() {
                        job.answer(Err(StoreError::Busy));
                        continue;
                    }
                    let result = save(
                        &mut conn,
                        job.assessment,
                        job.respondent,
                        &job.answers,
                        job.edit(),
                    );
                    job.answer(result);
                }
            })
            .map_err(|e| StoreError::Corrupt(format!("cannot start the writer thread: {e}")))?;
        Ok(Writer { jobs })
    }

    async fn save(
        &self,
        assessment: Id,
        respondent: Id,
        answers: Vec<(String, Answer)>,
        edit: crate::Edit<'_>,
    ) -> Result<Saved, StoreError> {
        let (job, answer) = SaveJob::new(assessment, respondent, answers, edit, WRITE_WAIT);
        self.jobs.try_send(job).map_err(|_| StoreError::Busy)?;
        match tokio::time::timeout(WRITE_WAIT, answer).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(StoreError::Busy),
            Err(_) => Err(StoreError::Busy),
        }
    }
}

/// How long a write waits for the database (SQLite's busy timeout, and the queue for the writer).
const WRITE_WAIT: Duration = Duration::from_secs(10);

/// At most this many idle read-only connections are kept.
const READERS: usize = 8;

/// How long a read on a blocking thread waits for a busy database.
const READ_WAIT: Duration = Duration::from_secs(5);

impl Readers {
    fn open(&self) -> Result<rusqlite::Connection, StoreError> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Ok(rusqlite::Connection::open_with_flags(&self.path, flags)?)
    }

    /// Runs a read on one of the read-only connections, on the calling thread, waiting at most
    /// `wait` for a busy database (zero: not at all, answering busy at once).
    fn read<T>(
        &self,
        wait: Duration,
        query: impl FnOnce(&rusqlite::Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match taken {
            Some(c) => c,
            None => self.open()?,
        };
        conn.busy_timeout(wait)?;
        let value = query(&conn);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < READERS
        {
            idle.push(conn);
        }
        value
    }

    /// An assessment with all its respondents, or only `only`, in one read transaction (one
    /// snapshot). Blocking: call it from a blocking thread.
    fn load(&self, id: Id, only: Option<Id>) -> Result<Option<StoredAssessment>, StoreError> {
        use rusqlite::OptionalExtension;
        self.read(READ_WAIT, |conn| {
            let tx = conn.unchecked_transaction()?;
            let Some((model, fields, plan, revision, created_at, workspace)) = tx
                .query_row(
                    "SELECT model, organization, title, date, current_pattern, target_pattern, target_level,
                    plan_size, plan_min_gap_tenths,
                            revision, created_at, workspace_id FROM assessments WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            (
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, Option<String>>(3)?,
                                r.get::<_, String>(4)?,
                                r.get::<_, String>(5)?,
                                r.get::<_, i64>(6)?,
                            ),
                            (r.get::<_, i64>(7)?, r.get::<_, i64>(8)?),
                            r.get::<_, Revision>(9)?,
                            r.get::<_, i64>(10)?,
                            r.get::<_, Option<Id>>(11)?,
                        ))
                    },
                )
                .optional()?
            else {
                return Ok(None);
            };
            let mut areas = BTreeMap::new();
            let mut statement = tx
                .prepare_cached("SELECT role, area FROM area_overrides WHERE assessment_id = ?1")?;
            let mut rows = statement.query([id])?;
            while let Some(r) = rows.next()? {
                areas.insert(r.get::<_, String>(0)?, area(&r.get::<_, String>(1)?)?);
            }
            drop(rows);
            drop(statement);
            // NULL stands for every respondent.
            let mut respondents = Vec::new();
            let mut statement = tx.prepare_cached(
                "SELECT id, name, position, submitted_at IS NOT NULL FROM respondents WHERE assessment_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY id",
            )?;
            let mut rows = statement.query(rusqlite::params![id, only])?;
            while let Some(r) = rows.next()? {
                respondents.push(StoredRespondent {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    position: position(&r.get::<_, String>(2)?)?,
                    submitted: r.get(3)?,
                    answers: BTreeMap::new(),
                });
            }
            drop(rows);
            drop(statement);
            let mut statement = tx.prepare_cached(
                "SELECT x.respondent_id, x.role, x.insource, x.outsource, x.note FROM answers x
                 JOIN respondents r ON r.id = x.respondent_id WHERE r.assessment_id = ?1 AND (?2 IS NULL OR r.id = ?2)",
            )?;
            let mut rows = statement.query(rusqlite::params![id, only])?;
            while let Some(r) = rows.next()? {
                let rid: Id = r.get(0)?;
                // Respondents are in id order: find each answer's respondent by binary search.
                if let Ok(i) = respondents.binary_search_by_key(&rid, |x| x.id) {
                    respondents[i].answers.insert(
                        r.get(1)?,
                        Answer {
                            insource: level(r.get(2)?)?,
                            outsource: level(r.get(3)?)?,
                            note: r.get(4)?,
                        },
                    );
                }
            }
            drop(rows);
            drop(statement);
            tx.commit()?;
            let (organization, title, date, current_pattern, target_pattern, target_level) = fields;
            Ok(Some(StoredAssessment {
                id,
                model,
                fields: AssessmentFields {
                    organization,
                    title,
                    date,
                    current_pattern,
                    target_pattern,
                    target_level: u8::try_from(target_level)
                        .map_err(|_| StoreError::Corrupt("target level".into()))?,
                    plan: PlanOptions::from_stored(plan.0, plan.1)
                        .ok_or_else(|| StoreError::Corrupt("plan options".into()))?,
                    areas,
                    workspace,
                },
                respondents,
                revision,
                created_at,
            }))
        })
    }

    /// The revision of an assessment.
    fn revision(&self, id: Id, wait: Duration) -> Result<Option<Revision>, StoreError> {
        self.read(wait, |conn| {
            use rusqlite::OptionalExtension;
            Ok(conn
                .prepare_cached("SELECT revision FROM assessments WHERE id = ?1")?
                .query_row([id], |row| row.get::<_, i64>(0))
                .optional()?)
        })
    }

    /// See [`Store::session_user`].
    fn session_user(
        &self,
        id_hash: &[u8],
        now: i64,
        wait: Duration,
    ) -> Result<Option<(String, crate::accounts::User)>, StoreError> {
        use rusqlite::OptionalExtension;
        self.read(wait, |conn| {
            let row = conn
                .prepare_cached(SESSION_USER)?
                .query_row(rusqlite::params![id_hash, now], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Id>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                })
                .optional()?;
            row.map(|(data, id, email, name, admin, created_at)| {
                let email = crate::accounts::Email::parse(&email)
                    .ok_or_else(|| StoreError::Corrupt(format!("e-mail {email:?}")))?;
                Ok((
                    data,
                    crate::accounts::User {
                        id,
                        email,
                        name,
                        admin: admin != 0,
                        created_at,
                    },
                ))
            })
            .transpose()
        })
    }

    /// See [`Store::assessment_access`].
    fn assessment_access(
        &self,
        assessment: Id,
        user: Id,
        wait: Duration,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        use rusqlite::OptionalExtension;
        self.read(wait, |conn| {
            let row = conn
                .prepare_cached(ASSESSMENT_ACCESS)?
                .query_row(rusqlite::params![assessment, user], |r| {
                    Ok((
                        r.get::<_, Option<Id>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Revision>(2)?,
                    ))
                })
                .optional()?;
            row.map(|(workspace, a, revision)| {
                Ok(crate::AssessmentAccess {
                    workspace,
                    access: a.as_deref().map(crate::accounts::access_of).transpose()?,
                    revision,
                })
            })
            .transpose()
        })
    }

    /// A page of the list of assessments (see [`Store::list_assessments`]).
    fn list(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
        wait: Duration,
    ) -> Result<AssessmentPage, StoreError> {
        self.read(wait, |conn| {
            let mut statement = conn.prepare_cached(match workspace {
                Some(_) => LIST_IN,
                None => LIST_UNASSIGNED,
            })?;
            let rows = statement.query_map(
                rusqlite::params![
                    before.unwrap_or(Id::MAX),
                    i64::from(limit) + 1,
                    workspace.unwrap_or_default()
                ],
                |row| {
                    let revision: Revision = row.get("revision")?;
                    Ok(AssessmentSummary {
                        id: row.get("id")?,
                        organization: row.get("organization")?,
                        title: row.get("title")?,
                        date: row.get("date")?,
                        current_pattern: row.get("current_pattern")?,
                        target_pattern: row.get("target_pattern")?,
                        respondents: row.get("respondent_count")?,
                        answered: row.get("answered_count")?,
                        overall: row.get("overall")?,
                        overall_current: row.get::<_, Revision>("overall_revision")? == revision,
                        revision,
                        created_at: row.get("created_at")?,
                    })
                },
            )?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(crate::page(rows, limit))
        })
    }
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

/// Runs a read of `readers` on a blocking thread.
async fn blocking<T: Send + 'static>(
    readers: &std::sync::Arc<Readers>,
    read: impl FnOnce(&Readers) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let readers = readers.clone();
    tokio::task::spawn_blocking(move || read(&readers))
        .await
        .map_err(|e| StoreError::Corrupt(format!("the read was cancelled: {e}")))?
}

/// The list's query: `limit + 1` rows, to know whether there is a next page.
/// [`crate::accounts::SESSION_USER`] with rusqlite's placeholders.
const SESSION_USER: &str = "SELECT s.data, u.id, u.email, u.name, u.admin, u.created_at
 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1 AND s.expires_at > ?2";

/// [`crate::accounts::ASSESSMENT_ACCESS`] with rusqlite's placeholders.
const ASSESSMENT_ACCESS: &str = "SELECT a.workspace_id, m.access, a.revision FROM assessments a
 LEFT JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = ?2 WHERE a.id = ?1";

/// A page of a workspace's assessments ($3), newest first.
const LIST_IN: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at
 FROM assessments WHERE workspace_id = ?3 AND id < ?1 ORDER BY id DESC LIMIT ?2";
/// The same for assessments made before accounts existed ($3 unused).
const LIST_UNASSIGNED: &str =
    "SELECT id, organization, title, date, current_pattern, target_pattern, respondent_count,
        answered_count, overall, overall_revision, revision, created_at
 FROM assessments WHERE workspace_id IS NULL AND ?3 = ?3 AND id < ?1 ORDER BY id DESC LIMIT ?2";

impl SqliteStore {
    /// Ends a query whose rows a write then changes, for the statements both backends share:
    /// nothing (a writer holds the whole database).
    pub(crate) const LOCK_ROWS: &str = "";

    /// Opens (creating if needed) the database file of a `sqlite://PATH` URL and migrates it.
    pub async fn connect(url: &str, db: &crate::DbOptions) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(WRITE_WAIT)
            .foreign_keys(true);
        let path = options.get_filename().to_path_buf();
        if path.as_os_str().is_empty()
            || path.as_os_str() == ":memory:"
            || url.contains("mode=memory")
        {
            return Err(StoreError::UnsupportedUrl(format!(
                "{url} (an in-memory database is lost at exit and not shared between connections: give a file, sqlite://PATH)"
            )));
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(db.pool_size.max(1))
            .acquire_timeout(db.timeout)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let conn = rusqlite::Connection::open(&path)?;
        conn.busy_timeout(WRITE_WAIT)?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        let writer = Writer::start(conn)?;
        Ok(SqliteStore {
            pool,
            writer,
            readers: std::sync::Arc::new(Readers {
                path,
                idle: std::sync::Mutex::new(Vec::new()),
            }),
        })
    }

    /// Starts a transaction that takes SQLite's write lock at once, so that concurrent writers wait
    /// for each other (busy timeout) instead of failing when a read lock cannot be upgraded.
    async fn write(&self) -> Result<Transaction<'_, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// An assessment with all its respondents, or only `only`, read on a blocking thread (tens of
    /// thousands of rows for a large assessment: through the pool each row would travel between
    /// threads on its own).
    async fn load(&self, id: Id, only: Option<Id>) -> Result<Option<StoredAssessment>, StoreError> {
        blocking(&self.readers, move |r| r.load(id, only)).await
    }
}

/// Adds a respondent; `submitted` when their sheet arrives complete (an imported file).
async fn insert_respondent(
    tx: &mut Transaction<'_, Sqlite>,
    assessment: Id,
    name: &str,
    position: Position,
    t: i64,
    submitted: bool,
) -> Result<Id, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO respondents (assessment_id, name, position, created_at, submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(assessment)
    .bind(name)
    .bind(position.as_str())
    .bind(t)
    .bind(submitted.then_some(t))
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
    .bind(t)
    .bind(f.workspace)
    .fetch_one(&mut **tx)
    .await?;
    write_areas(tx, id, &f.areas).await?;
    Ok(id)
}

/// What one answer adds to its assessment's counters.
#[derive(Default, Clone, Copy)]
struct Delta {
    answered: i64,
    chars: i64,
}

/// Inserts the answers of a new respondent, many rows per statement. Empty answers are skipped.
async fn insert_answers(
    tx: &mut Transaction<'_, Sqlite>,
    respondent: Id,
    answers: &[(&str, &Answer)],
    t: i64,
) -> Result<(), StoreError> {
    const ROWS: usize = 100;
    let kept: Vec<&(&str, &Answer)> = answers
        .iter()
        .filter(|(_, a)| a.is_answered() || a.note.is_some())
        .collect();
    for chunk in kept.chunks(ROWS) {
        let mut q = sqlx::QueryBuilder::<Sqlite>::new(
            "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at) ",
        );
        q.push_values(chunk, |mut b, (role, a)| {
            b.push_bind(respondent)
                .push_bind(*role)
                .push_bind(a.insource.map(|l| i64::from(l.get())))
                .push_bind(a.outsource.map(|l| i64::from(l.get())))
                .push_bind(a.note.clone())
                .push_bind(t);
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Bumps an assessment's revision and adds to its counters; false when there is no such assessment.
async fn touch(
    tx: &mut Transaction<'_, Sqlite>,
    id: Id,
    respondents: i64,
    delta: Delta,
    t: i64,
) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "UPDATE assessments SET revision = revision + 1, updated_at = $1, respondent_count = respondent_count + $2,
         answered_count = answered_count + $3, text_chars = text_chars + $4 WHERE id = $5",
    )
    .bind(t)
    .bind(respondents)
    .bind(delta.answered)
    .bind(delta.chars)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0)
}

async fn answered_of(conn: &mut SqliteConnection, respondent: Id) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM answers WHERE respondent_id = $1 AND (insource IS NOT NULL OR outsource IS NOT NULL)",
    )
    .bind(respondent)
    .fetch_one(&mut *conn)
    .await?)
}

crate::accounts::accounts_impl!(SqliteStore);

#[async_trait]
impl Store for SqliteStore {
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
        // Read like the revision (see there): through the pool every row would travel between
        // threads on its own.
        match self.readers.list(workspace, before, limit, Duration::ZERO) {
            Err(StoreError::Busy) => {
                blocking(&self.readers, move |r| {
                    r.list(workspace, before, limit, READ_WAIT)
                })
                .await
            }
            other => other,
        }
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

    /// Read on every request for a result, so it is read inline from a read-only connection: in
    /// WAL mode a reader never waits for a writer, and one row by its key costs microseconds,
    /// where a query through the pool travels to the connection's thread and back. When the
    /// database is busy (rarely: WAL recovery), the read waits on a blocking thread instead.
    async fn revision(&self, id: Id) -> Result<Option<Revision>, StoreError> {
        match self.readers.revision(id, Duration::ZERO) {
            Err(StoreError::Busy) => {
                blocking(&self.readers, move |r| r.revision(id, READ_WAIT)).await
            }
            other => other,
        }
    }

    async fn session_user(
        &self,
        id_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, crate::accounts::User)>, StoreError> {
        // Read like the revision (see there): every request of a logged-in person makes it.
        match self.readers.session_user(id_hash, now, Duration::ZERO) {
            Err(StoreError::Busy) => {
                let id_hash = id_hash.to_vec();
                blocking(&self.readers, move |r| {
                    r.session_user(&id_hash, now, READ_WAIT)
                })
                .await
            }
            other => other,
        }
    }

    async fn assessment_access(
        &self,
        assessment: Id,
        user: Id,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        match self
            .readers
            .assessment_access(assessment, user, Duration::ZERO)
        {
            Err(StoreError::Busy) => {
                blocking(&self.readers, move |r| {
                    r.assessment_access(assessment, user, READ_WAIT)
                })
                .await
            }
            other => other,
        }
    }

    async fn add_respondent(
        &self,
        assessment: Id,
        name: &str,
        position: Position,
        limits: &Limits,
    ) -> Result<Added, StoreError> {
        let mut tx = self.write().await?;
        let t = now();
        let Some(row) =
            sqlx::query("SELECT respondent_count, text_chars FROM assessments WHERE id = $1")
                .bind(assessment)
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Ok(Added::NoAssessment);
        };
        let count: i64 = row.try_get("respondent_count")?;
        if count >= limits.max_respondents as i64
            || over_text_bound(row.try_get("text_chars")?, chars(name))
        {
            return Ok(Added::Full);
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
        let id = insert_respondent(&mut tx, assessment, name, position, t, false).await?;
        let delta = Delta {
            answered: 0,
            chars: chars(name),
        };
        touch(&mut tx, assessment, 1, delta, t).await?;
        tx.commit().await?;
        Ok(Added::Respondent(id))
    }

    async fn remove_respondent(&self, assessment: Id, respondent: Id) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let Some(name) = sqlx::query_scalar::<_, String>(
            "SELECT name FROM respondents WHERE id = $1 AND assessment_id = $2",
        )
        .bind(respondent)
        .bind(assessment)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(false);
        };
        // Characters are counted here, as they were when added (SQLite's LENGTH stops at a NUL).
        let notes: Vec<String> = sqlx::query_scalar(
            "SELECT note FROM answers WHERE respondent_id = $1 AND note IS NOT NULL",
        )
        .bind(respondent)
        .fetch_all(&mut *tx)
        .await?;
        let delta = Delta {
            answered: -answered_of(&mut tx, respondent).await?,
            chars: -(chars(&name) + notes.iter().map(|n| chars(n)).sum::<i64>()),
        };
        sqlx::query("DELETE FROM respondents WHERE id = $1")
            .bind(respondent)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, assessment, -1, delta, now()).await?;
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
        self.writer
            .save(assessment, respondent, answers.to_vec(), edit)
            .await
    }

    async fn import(
        &self,
        workspace: Option<Id>,
        catalog: &Catalog,
        a: &Assessment,
    ) -> Result<Id, StoreError> {
        let mut tx = self.write().await?;
        let t = now();
        let id = insert_assessment(
            &mut tx,
            &a.model,
            &AssessmentFields::of(catalog, a, workspace),
        )
        .await?;
        let mut total = Delta::default();
        for r in &a.respondents {
            // A respondent of an imported file arrives complete: submitted.
            let rid = insert_respondent(&mut tx, id, &r.name, r.position, t, true).await?;
            let answers: Vec<(&str, &Answer)> = catalog
                .roles()
                .iter()
                .map(|role| role.id.as_str())
                .zip(&r.answers)
                .collect();
            insert_answers(&mut tx, rid, &answers, t).await?;
            total.answered += r.answered() as i64;
            total.chars += chars(&r.name)
                + r.answers
                    .iter()
                    .filter_map(|x| x.note.as_deref())
                    .map(chars)
                    .sum::<i64>();
        }
        touch(&mut tx, id, a.respondents.len() as i64, total, t).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn record_overall(
        &self,
        id: Id,
        revision: Revision,
        overall: Option<f64>,
    ) -> Result<(), StoreError> {
        // Not a change of the assessment: the revision stays as it is.
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
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(make())
        .execute(&mut *tx)
        .await?;
        let value: Vec<u8> = sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(value)
    }
}

/// Saves answers of one respondent in one immediate transaction on `conn` (blocking): the
/// respondent must be in the assessment; each answer replaces its role's row (an empty one removes
/// it); the counters and the revision of the assessment move in the same transaction; nothing is
/// kept when the notes would take the assessment past its bound on text.
fn save(
    conn: &mut rusqlite::Connection,
    assessment: Id,
    respondent: Id,
    answers: &[(String, Answer)],
    edit: crate::Edit<'_>,
) -> Result<Saved, StoreError> {
    use rusqlite::{OptionalExtension, TransactionBehavior, params};
    let t = now();
    let audit = edit.audit;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some((used, submitted)) = tx
        .prepare_cached(
            "SELECT a.text_chars, r.submitted_at IS NOT NULL FROM respondents r
             JOIN assessments a ON a.id = r.assessment_id WHERE r.id = ?1 AND r.assessment_id = ?2",
        )?
        .query_row(params![respondent, assessment], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?))
        })
        .optional()?
    else {
        return Ok(Saved::NotFound);
    };
    if submitted && edit.open_only {
        return Ok(Saved::Submitted);
    }
    let mut total = Delta::default();
    for (role, a) in answers {
        // Characters are counted here, as they were when added (SQLite's LENGTH stops at a NUL).
        let old = tx
            .prepare_cached(
                "SELECT insource, outsource, note FROM answers WHERE respondent_id = ?1 AND role = ?2",
            )?
            .query_row(params![respondent, role], |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .optional()?;
        let before = match &old {
            Some((insource, outsource, note)) => Answer {
                insource: crate::level(*insource)?,
                outsource: crate::level(*outsource)?,
                note: note.clone(),
            },
            None => Answer::default(),
        };
        let (was_answered, old_chars) = (
            before.is_answered(),
            before.note.as_deref().map_or(0, chars),
        );
        if let Some(audit) = audit.filter(|_| &before != a) {
            let line = crate::answer_line(audit, role, &before, a);
            tx.prepare_cached(
                "INSERT INTO audit_log (at, workspace_id, actor, client, action, subject, old_value, new_value)
                 SELECT ?1, workspace_id, ?2, ?3, ?4, ?5, ?6, ?7 FROM assessments WHERE id = ?8",
            )?
            .execute(params![
                t,
                line.actor,
                line.client,
                line.action,
                line.subject,
                line.old_value,
                line.new_value,
                assessment
            ])?;
        }
        total.answered += i64::from(a.is_answered()) - i64::from(was_answered);
        total.chars += a.note.as_deref().map_or(0, chars) - old_chars;
        if !a.is_answered() && a.note.is_none() {
            if old.is_some() {
                tx.prepare_cached("DELETE FROM answers WHERE respondent_id = ?1 AND role = ?2")?
                    .execute(params![respondent, role])?;
            }
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (respondent_id, role) DO UPDATE SET insource = excluded.insource, outsource = excluded.outsource,
             note = excluded.note, updated_at = excluded.updated_at",
        )?
        .execute(params![
            respondent,
            role,
            a.insource.map(|l| i64::from(l.get())),
            a.outsource.map(|l| i64::from(l.get())),
            a.note,
            t
        ])?;
    }
    if total.chars > 0 && over_text_bound(used, total.chars) {
        // Dropping the transaction rolls it back: nothing of this save is kept.
        return Ok(Saved::TextFull);
    }
    tx.prepare_cached(
        "UPDATE assessments SET revision = revision + 1, updated_at = ?1,
         answered_count = answered_count + ?2, text_chars = text_chars + ?3 WHERE id = ?4",
    )?
    .execute(params![t, total.answered, total.chars, assessment])?;
    let answered = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM answers WHERE respondent_id = ?1 AND (insource IS NOT NULL OR outsource IS NOT NULL)",
        )?
        .query_row(params![respondent], |r| r.get::<_, i64>(0))?;
    tx.commit()?;
    Ok(Saved::Answered(answered))
}
