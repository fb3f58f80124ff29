//! The SQLite backend: a file in WAL mode with a busy timeout; migrations in `migrations/sqlite`.
//!
//! The statements it shares with PostgreSQL are in `accounts.rs` and `assessments.rs`; what is its
//! own here: writes that take the database's lock at once (`BEGIN IMMEDIATE`), autosaves written
//! by one thread ([`Writer`]), and reads on read-only connections ([`Readers`]).

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use isomm_core::PlanOptions;
use isomm_core::answers::Answer;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use crate::{
    AssessmentFields, AssessmentPage, AssessmentSummary, Id, Revision, SaveJob, Saved, StoreError,
    StoredAssessment, StoredRespondent, area, assessments, chars, level, over_text_bound, position,
};

pub struct SqliteStore {
    pool: SqlitePool,
    /// The thread autosaves are written by (see [`Writer`]).
    saves: Writer,
    /// Read-only connections: for the reads made on every request, used inline (see
    /// [`SqliteStore::read_inline`]), and for whole assessments, on a blocking thread.
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
        use rusqlite::{OptionalExtension, named_params};
        self.read(READ_WAIT, |conn| {
            let tx = conn.unchecked_transaction()?;
            let Some((model, fields, plan, revision, created_at, workspace)) = tx
                .prepare_cached(assessments::ASSESSMENT)?
                .query_row(named_params! {"$1": id}, |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        (
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, i64>(6)?,
                            r.get::<_, Option<String>>(12)?,
                        ),
                        (r.get::<_, i64>(7)?, r.get::<_, i64>(8)?),
                        r.get::<_, Revision>(9)?,
                        r.get::<_, i64>(10)?,
                        r.get::<_, Option<Id>>(11)?,
                    ))
                })
                .optional()?
            else {
                return Ok(None);
            };
            let mut areas = BTreeMap::new();
            let mut statement = tx.prepare_cached(assessments::AREAS)?;
            let mut rows = statement.query(named_params! {"$1": id})?;
            while let Some(r) = rows.next()? {
                areas.insert(r.get::<_, String>(0)?, area(&r.get::<_, String>(1)?)?);
            }
            drop(rows);
            drop(statement);
            let mut respondents = Vec::new();
            let mut statement = tx.prepare_cached(assessments::RESPONDENTS)?;
            let mut rows = statement.query(named_params! {"$1": id, "$2": only})?;
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
            let mut statement = tx.prepare_cached(assessments::ANSWERS)?;
            let mut rows = statement.query(named_params! {"$1": id, "$2": only})?;
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
            let (
                organization,
                title,
                date,
                current_pattern,
                target_pattern,
                target_level,
                deadline,
            ) = fields;
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
                    deadline,
                },
                respondents,
                revision,
                created_at,
            }))
        })
    }

    /// The revision of an assessment.
    fn revision(&self, id: Id, wait: Duration) -> Result<Option<Revision>, StoreError> {
        use rusqlite::{OptionalExtension, named_params};
        self.read(wait, |conn| {
            Ok(conn
                .prepare_cached(assessments::REVISION)?
                .query_row(named_params! {"$1": id}, |row| row.get::<_, i64>(0))
                .optional()?)
        })
    }

    /// See [`crate::Store::session_user`].
    fn session_user(
        &self,
        id_hash: &[u8],
        now: i64,
        wait: Duration,
    ) -> Result<Option<(String, crate::accounts::User)>, StoreError> {
        use rusqlite::{OptionalExtension, named_params};
        self.read(wait, |conn| {
            let row = conn
                .prepare_cached(crate::accounts::SESSION_USER)?
                .query_row(named_params! {"$1": id_hash, "$2": now}, |r| {
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

    /// See [`crate::Store::assessment_access`].
    fn assessment_access(
        &self,
        assessment: Id,
        user: Id,
        wait: Duration,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        use rusqlite::{OptionalExtension, named_params};
        self.read(wait, |conn| {
            let row = conn
                .prepare_cached(crate::accounts::ASSESSMENT_ACCESS)?
                .query_row(named_params! {"$1": assessment, "$2": user}, |r| {
                    Ok((
                        r.get::<_, Option<Id>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Revision>(2)?,
                        r.get::<_, bool>(3)?,
                    ))
                })
                .optional()?;
            row.map(|(workspace, a, revision, closed)| {
                Ok(crate::AssessmentAccess {
                    workspace,
                    access: a.as_deref().map(crate::accounts::access_of).transpose()?,
                    revision,
                    closed,
                })
            })
            .transpose()
        })
    }

    /// A page of the list of assessments (see [`crate::Store::list_assessments`]).
    fn list(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
        wait: Duration,
    ) -> Result<AssessmentPage, StoreError> {
        self.read(wait, |conn| {
            let before = before.unwrap_or(Id::MAX);
            let rows = i64::from(limit) + 1;
            let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
                vec![("$1", &before), ("$2", &rows)];
            let sql = match &workspace {
                Some(w) => {
                    params.push(("$3", w));
                    assessments::LIST_IN
                }
                None => assessments::LIST_UNASSIGNED,
            };
            let mut statement = conn.prepare_cached(sql)?;
            let rows = statement.query_map(params.as_slice(), |row| {
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
                    deadline: row.get("deadline")?,
                    submitted: row.get("submitted_count")?,
                })
            })?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(crate::page(rows, limit))
        })
    }
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

impl SqliteStore {
    /// Ends a query whose rows a write then changes, for the statements both backends share:
    /// nothing (a writer holds the whole database).
    pub(crate) const LOCK_ROWS: &str = "";

    /// Answers one insert carries at most: 6 parameters each, under SQLite's oldest bound of 999.
    const ANSWERS_PER_INSERT: usize = 100;

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
        let saves = Writer::start(conn)?;
        Ok(SqliteStore {
            pool,
            saves,
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

    /// Runs a read made on every request (the revision, the session, the access check) or often
    /// (the list) inline, on a read-only connection: in WAL mode a reader never waits for a
    /// writer, and one row by its key costs microseconds, where a query through the pool travels
    /// to the connection's thread and back (every row of the list on its own). When the database
    /// is busy (rarely: WAL recovery), the read waits on a blocking thread instead.
    async fn read_inline<T: Send + 'static>(
        &self,
        read: impl Fn(&Readers, Duration) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        match read(&self.readers, Duration::ZERO) {
            Err(StoreError::Busy) => blocking(&self.readers, move |r| read(r, READ_WAIT)).await,
            other => other,
        }
    }

    async fn read_list(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
    ) -> Result<AssessmentPage, StoreError> {
        self.read_inline(move |r, wait| r.list(workspace, before, limit, wait))
            .await
    }

    async fn read_revision(&self, id: Id) -> Result<Option<Revision>, StoreError> {
        self.read_inline(move |r, wait| r.revision(id, wait)).await
    }

    async fn read_session_user(
        &self,
        id_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, crate::accounts::User)>, StoreError> {
        let id_hash = id_hash.to_vec();
        self.read_inline(move |r, wait| r.session_user(&id_hash, now, wait))
            .await
    }

    async fn read_assessment_access(
        &self,
        assessment: Id,
        user: Id,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        self.read_inline(move |r, wait| r.assessment_access(assessment, user, wait))
            .await
    }
}

crate::accounts::accounts_impl!(SqliteStore);
crate::assessments::assessments_impl!(SqliteStore, Sqlite);
crate::items::items_impl!(SqliteStore, Sqlite);

/// A changed answer's audit line, kept in `audit_pending` while its role is being edited: the
/// first save of a run sets the old value, each later one the new value and the time
/// ([`crate::Pending`] says when the row becomes a line of the audit log).
const PENDING_UPSERT: &str = "INSERT INTO audit_pending
 (actor, subject, workspace_id, respondent_id, client, action, old_value, new_value, first_at, at, actor_name)
 SELECT ?2, ?5, workspace_id, ?9, ?3, ?4, ?6, ?7, ?1, ?1, ?10 FROM assessments WHERE id = ?8
 ON CONFLICT (actor, action, subject) DO UPDATE SET new_value = excluded.new_value,
 at = excluded.at, client = excluded.client";

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
    let t = crate::accounts::now();
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
    // What the save adds to the assessment's counters.
    let (mut answered, mut text) = (0i64, 0i64);
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
            tx.prepare_cached(PENDING_UPSERT)?.execute(params![
                t,
                line.actor,
                line.client,
                line.action,
                line.subject,
                line.old_value,
                line.new_value,
                assessment,
                respondent,
                line.actor_name
            ])?;
        }
        answered += i64::from(a.is_answered()) - i64::from(was_answered);
        text += a.note.as_deref().map_or(0, chars) - old_chars;
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
    if text > 0 && over_text_bound(used, text) {
        // Dropping the transaction rolls it back: nothing of this save is kept.
        return Ok(Saved::TextFull);
    }
    tx.prepare_cached(
        "UPDATE assessments SET revision = revision + 1, updated_at = ?1,
         answered_count = answered_count + ?2, text_chars = text_chars + ?3 WHERE id = ?4",
    )?
    .execute(params![t, answered, text, assessment])?;
    let answered = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM answers WHERE respondent_id = ?1 AND (insource IS NOT NULL OR outsource IS NOT NULL)",
        )?
        .query_row(params![respondent], |r| r.get::<_, i64>(0))?;
    tx.commit()?;
    Ok(Saved::Answered(answered))
}
