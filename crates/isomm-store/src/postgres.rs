//! The PostgreSQL backend: a connection pool, migrations in `migrations/postgres` run under an
//! advisory lock (several instances may start together), and writes that stay right under
//! PostgreSQL's default isolation (read committed). Rows are locked in one order, respondents
//! before assessments, each in id order; adding a respondent or editing the assessment locks the
//! assessment's row first.
//!
//! The statements it shares with SQLite are in `accounts.rs` and `assessments.rs`. Autosaves go
//! through one task per instance ([`Saves`]) that writes the saves waiting at that moment in one
//! transaction: the assessment's row, which every save of an assessment changes, is then locked
//! and flushed once for a batch rather than once for each save.

use std::collections::BTreeMap;
use std::str::FromStr;

use isomm_core::PlanOptions;
use isomm_core::answers::Answer;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};

use crate::{
    AssessmentFields, AssessmentPage, AssessmentSummary, Id, Revision, SaveJob, Saved, StoreError,
    StoredAssessment, StoredRespondent, area, assessments, chars, level, position,
};

/// Any number: it only has to be the same for every isomm instance on a database.
const MIGRATION_LOCK: i64 = 0x150_0001;

pub struct PgStore {
    pool: PgPool,
    /// The task autosaves are written by, several in one transaction (see [`Saves`]).
    saves: Saves,
}

impl PgStore {
    /// Ends a query whose rows a write then changes, for the statements both backends share.
    pub(crate) const LOCK_ROWS: &str = " FOR UPDATE";

    /// Answers one insert carries at most: 6 parameters each, far under PostgreSQL's 65,535.
    const ANSWERS_PER_INSERT: usize = 500;

    /// A transaction that writes (the same name as SQLite's, for the statements both share).
    async fn write(&self) -> Result<Transaction<'_, Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    /// Connects to a `postgres://` (or `postgresql://`) URL and migrates the database.
    pub async fn connect(url: &str, db: &crate::DbOptions) -> Result<PgStore, StoreError> {
        // No statement runs longer than a request may take; no lock is waited for longer than a
        // connection of the pool.
        let lock_timeout = format!("{}ms", db.timeout.as_millis());
        let statement_timeout = format!("{}ms", STATEMENT_TIMEOUT.as_millis());
        let options = PgConnectOptions::from_str(url)?.options([
            ("lock_timeout", lock_timeout.as_str()),
            ("statement_timeout", statement_timeout.as_str()),
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
        let saves = Saves::start(pool.clone(), db.timeout);
        Ok(PgStore { pool, saves })
    }

    async fn load(&self, id: Id, only: Option<Id>) -> Result<Option<StoredAssessment>, StoreError> {
        // One snapshot: repeatable read for the four queries.
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await?;
        let Some(row) = sqlx::query(assessments::ASSESSMENT)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let area_rows = sqlx::query(assessments::AREAS)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        let respondent_rows = sqlx::query(assessments::RESPONDENTS)
            .bind(id)
            .bind(only)
            .fetch_all(&mut *tx)
            .await?;
        let answer_rows = sqlx::query(assessments::ANSWERS)
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
                deadline: row.try_get("deadline")?,
            },
            respondents,
            revision: row.try_get("revision")?,
            created_at: row.try_get("created_at")?,
        }))
    }

    async fn read_list(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
    ) -> Result<AssessmentPage, StoreError> {
        let query = match workspace {
            Some(w) => sqlx::query(assessments::LIST_IN)
                .bind(before.unwrap_or(Id::MAX))
                .bind(i64::from(limit) + 1)
                .bind(w),
            None => sqlx::query(assessments::LIST_UNASSIGNED)
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
                deadline: row.try_get("deadline")?,
                submitted: row.try_get("submitted_count")?,
            });
        }
        Ok(crate::page(out, limit))
    }

    async fn read_revision(&self, id: Id) -> Result<Option<Revision>, StoreError> {
        Ok(sqlx::query_scalar(assessments::REVISION)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn read_session_user(
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

    async fn read_assessment_access(
        &self,
        assessment: Id,
        user: Id,
    ) -> Result<Option<crate::AssessmentAccess>, StoreError> {
        let row: Option<(Option<Id>, Option<String>, Revision, bool)> =
            sqlx::query_as(crate::accounts::ASSESSMENT_ACCESS)
                .bind(assessment)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(workspace, a, revision, closed)| {
            Ok(crate::AssessmentAccess {
                workspace,
                access: a.as_deref().map(crate::accounts::access_of).transpose()?,
                revision,
                closed,
            })
        })
        .transpose()
    }
}

crate::accounts::accounts_impl!(PgStore);
crate::assessments::assessments_impl!(PgStore, Postgres);
crate::items::items_impl!(PgStore, Postgres);

/// The task that writes autosaves. Every save of an assessment changes the assessment's row (its
/// counters, its text bound, its revision), so saves of one assessment commit one after another,
/// each waiting for the previous one's flush to disk; the task takes every save waiting when it
/// is free (up to [`SAVE_BATCH`]) and writes them in one transaction, one commit for all. A save
/// is answered only after that commit. A batch never waits for a row another transaction holds:
/// the saves that need one are tried again with the next batch (first, so that no later save of
/// their respondent overtakes them) until their time runs out; a batch that fails is written again
/// one save at a time (one save's failure is never another's); a database that does not answer
/// fails them all.
struct Saves {
    jobs: tokio::sync::mpsc::Sender<SaveJob>,
    /// How long a save waits to be started (the pool's and the locks' timeout).
    wait: std::time::Duration,
}

/// Saves written in one transaction at most.
const SAVE_BATCH: usize = 64;

/// Saves waiting for the task at most; past that a save is answered busy at once.
const SAVE_QUEUE: usize = 4096;

/// The longest a statement runs (PostgreSQL's `statement_timeout`, set on every connection).
const STATEMENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Saves {
    fn start(pool: PgPool, wait: std::time::Duration) -> Saves {
        let (jobs, queue) = tokio::sync::mpsc::channel(SAVE_QUEUE);
        tokio::spawn(write_saves(pool, queue));
        Saves { jobs, wait }
    }

    async fn save(
        &self,
        assessment: Id,
        respondent: Id,
        answers: Vec<(String, Answer)>,
        edit: crate::Edit<'_>,
    ) -> Result<Saved, StoreError> {
        let (job, answer) = SaveJob::new(assessment, respondent, answers, edit, self.wait);
        self.jobs.try_send(job).map_err(|_| StoreError::Busy)?;
        // Started within `wait`, then its statements and the commit, each bounded by the server.
        let longest = self.wait * 2 + STATEMENT_TIMEOUT;
        match tokio::time::timeout(longest, answer).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) | Err(_) => Err(StoreError::Busy),
        }
    }
}

/// How soon saves left by a batch (their rows held by another transaction) are tried again when
/// no new save comes first: at first, then twice as late each time up to [`RETRY_MOST`].
const RETRY: std::time::Duration = std::time::Duration::from_millis(5);
const RETRY_MOST: std::time::Duration = std::time::Duration::from_millis(100);

/// How long a batch waits for a lock it did not skip (a row of answers someone else holds): then
/// the batch fails and its saves are written one at a time, so that the others go on.
const BATCH_LOCK_WAIT: &str = "SET LOCAL lock_timeout = '100ms'";

/// The save task: ends when the store is dropped.
async fn write_saves(pool: PgPool, mut queue: tokio::sync::mpsc::Receiver<SaveJob>) {
    // Saves left by the last batch, in the order they came in: they go first in the next one, so
    // that none is overtaken by a later save of its respondent.
    let mut left: Vec<SaveJob> = Vec::new();
    let mut incoming = Vec::with_capacity(SAVE_BATCH);
    let mut retry = RETRY;
    loop {
        let open = if left.is_empty() {
            retry = RETRY;
            queue.recv_many(&mut incoming, SAVE_BATCH).await > 0
        } else {
            tokio::select! {
                n = queue.recv_many(&mut incoming, SAVE_BATCH) => n > 0,
                () = tokio::time::sleep(retry) => {
                    retry = (retry * 2).min(RETRY_MOST);
                    true
                }
            }
        };
        if !open {
            break;
        }
        let mut jobs = std::mem::take(&mut left);
        // At most a queue's worth waits for held rows; past that a save is answered busy.
        for mut job in jobs.drain(jobs.len().min(SAVE_QUEUE)..) {
            job.answer(Err(StoreError::Busy));
        }
        jobs.append(&mut incoming);
        jobs.retain_mut(|job| {
            // Waited past its time (for its rows, or in the queue): busy, never written.
            let wanted = job.wanted();
            if !wanted {
                job.answer(Err(StoreError::Busy));
            }
            wanted
        });
        if jobs.is_empty() {
            continue;
        }
        // In a task of its own: a panic there fails its saves (busy), never this task.
        left = tokio::spawn(write_batch(pool.clone(), jobs))
            .await
            .unwrap_or_default();
    }
    for mut job in left {
        job.answer(Err(StoreError::Busy));
    }
}

/// Writes `jobs` as one batch and answers them; gives back those whose rows another transaction
/// held (skipped, not waited for: they are tried again with the next batch). A batch that fails is
/// written again one save at a time, so that one save's failure is never another's.
async fn write_batch(pool: PgPool, mut jobs: Vec<SaveJob>) -> Vec<SaveJob> {
    match save_batch(&pool, &jobs).await {
        Ok(results) => {
            let mut left = Vec::new();
            for (mut job, result) in jobs.into_iter().zip(results) {
                match result {
                    Some(result) => job.answer(result),
                    None => left.push(job),
                }
            }
            left
        }
        Err(StoreError::Unavailable) => {
            for job in &mut jobs {
                job.answer(Err(StoreError::Unavailable));
            }
            Vec::new()
        }
        Err(e) if jobs.len() == 1 => {
            jobs[0].answer(Err(e));
            Vec::new()
        }
        Err(_) => {
            let mut left: Vec<SaveJob> = Vec::new();
            for mut job in jobs {
                if left.iter().any(|l| l.respondent == job.respondent) {
                    // Behind its respondent's earlier save, which waits for the next batch.
                    left.push(job);
                } else if !job.wanted() {
                    job.answer(Err(StoreError::Busy));
                } else {
                    left.extend(Box::pin(write_batch(pool.clone(), vec![job])).await);
                }
            }
            left
        }
    }
}

/// Writes `jobs` in one transaction, in a fixed number of statements whatever their number: the
/// rows they touch are locked and read, each save is decided in order here (as if it ran alone
/// after the ones before it), and what the kept saves change is written in bulk. Each save's answer
/// (`NotFound`, `Submitted` and `TextFull` change nothing), or the error that rolled them all back.
async fn save_batch(
    pool: &PgPool,
    jobs: &[SaveJob],
) -> Result<Vec<Option<Result<Saved, StoreError>>>, StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query(BATCH_LOCK_WAIT).execute(&mut *tx).await?;
    // Rows are locked respondents first, then assessments, each in id order.
    let mut ids: Vec<Id> = jobs.iter().map(|j| j.respondent).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut respondents = BTreeMap::new();
    for r in sqlx::query(
        "SELECT id, assessment_id, submitted_at IS NOT NULL AS submitted FROM respondents
         WHERE id = ANY($1) ORDER BY id FOR UPDATE SKIP LOCKED",
    )
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await?
    {
        respondents.insert(
            r.try_get::<Id, _>("id")?,
            (
                r.try_get::<Id, _>("assessment_id")?,
                r.try_get::<bool, _>("submitted")?,
            ),
        );
    }
    // Respondents not locked: held by another transaction (their saves wait for the next batch),
    // or gone.
    let unlocked: Vec<Id> = ids
        .iter()
        .copied()
        .filter(|id| !respondents.contains_key(id))
        .collect();
    let held_elsewhere: std::collections::BTreeSet<Id> = if unlocked.is_empty() {
        Default::default()
    } else {
        sqlx::query_scalar("SELECT id FROM respondents WHERE id = ANY($1)")
            .bind(&unlocked)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect()
    };
    let mut assessment_ids: Vec<Id> = respondents.values().map(|(a, _)| *a).collect();
    assessment_ids.sort_unstable();
    assessment_ids.dedup();
    let mut text_now = BTreeMap::new();
    for r in sqlx::query(
        "SELECT id, text_chars FROM assessments WHERE id = ANY($1) ORDER BY id FOR UPDATE SKIP LOCKED",
    )
    .bind(&assessment_ids)
    .fetch_all(&mut *tx)
    .await?
    {
        text_now.insert(
            r.try_get::<Id, _>("id")?,
            r.try_get::<i64, _>("text_chars")?,
        );
    }
    // The answers held now for every role the batch touches, and each respondent's progress.
    let (pair_respondents, pair_roles): (Vec<Id>, Vec<&str>) = jobs
        .iter()
        .flat_map(|j| {
            j.answers
                .iter()
                .map(|(role, _)| (j.respondent, role.as_str()))
        })
        .unzip();
    let mut held: BTreeMap<(Id, String), Answer> = BTreeMap::new();
    for r in sqlx::query(
        "SELECT x.respondent_id, x.role, x.insource, x.outsource, x.note FROM answers x
         JOIN (SELECT DISTINCT * FROM unnest($1::BIGINT[], $2::TEXT[])) AS t(respondent_id, role)
           ON x.respondent_id = t.respondent_id AND x.role = t.role",
    )
    .bind(&pair_respondents)
    .bind(&pair_roles)
    .fetch_all(&mut *tx)
    .await?
    {
        held.insert(
            (r.try_get("respondent_id")?, r.try_get("role")?),
            Answer {
                insource: crate::level(r.try_get("insource")?)?,
                outsource: crate::level(r.try_get("outsource")?)?,
                note: r.try_get("note")?,
            },
        );
    }
    let mut progress: BTreeMap<Id, i64> = BTreeMap::new();
    for r in sqlx::query(
        "SELECT respondent_id, COUNT(*) AS answered FROM answers
         WHERE respondent_id = ANY($1) AND (insource IS NOT NULL OR outsource IS NOT NULL)
         GROUP BY respondent_id",
    )
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await?
    {
        progress.insert(r.try_get("respondent_id")?, r.try_get("answered")?);
    }

    let mut batch = Changes::default();
    // A save whose rows another transaction holds is left for the next batch (`None`).
    let results = jobs
        .iter()
        .map(|job| {
            let saved = match respondents.get(&job.respondent) {
                None if held_elsewhere.contains(&job.respondent) => return None,
                None => Saved::NotFound,
                Some(&(assessment, _)) if assessment != job.assessment => Saved::NotFound,
                Some(&(_, true)) if job.open_only => Saved::Submitted,
                Some(_) => match text_now.get_mut(&job.assessment) {
                    None => return None,
                    Some(text) => {
                        let answered = progress.entry(job.respondent).or_default();
                        batch.decide(job, &mut held, text, answered)
                    }
                },
            };
            Some(Ok(saved))
        })
        .collect();
    batch.write(&mut tx).await?;
    tx.commit().await?;
    Ok(results)
}

/// What the kept saves of a batch change, gathered to be written in bulk.
#[derive(Default)]
struct Changes {
    /// Each touched (respondent, role) with the answer it ends with.
    answers: BTreeMap<(Id, String), Answer>,
    /// The audit lines of changed answers, one per actor, action and subject (a role saved twice
    /// in the batch: the old value of the first save, the new value of the last), with the
    /// assessment whose workspace they go to and the respondent.
    #[allow(clippy::type_complexity)]
    audit: BTreeMap<(String, String, String), (Id, Id, crate::accounts::AuditEntry)>,
    /// Per assessment: saves kept (each bumps the revision once), answered roles and characters
    /// of notes added.
    counters: BTreeMap<Id, (i64, i64, i64)>,
}

impl Changes {
    /// Decides one save as if it ran alone after the ones before it: refused, changing nothing,
    /// when its notes would take the assessment's text (`text`, updated) past its bound; else
    /// kept, with its respondent's progress (`answered`, updated).
    fn decide(
        &mut self,
        job: &SaveJob,
        held: &mut BTreeMap<(Id, String), Answer>,
        text: &mut i64,
        answered: &mut i64,
    ) -> Saved {
        let key = |role: &str| (job.respondent, role.to_string());
        // Each role's answer before each change (a role given twice: after the first change).
        let mut mine: BTreeMap<&str, Answer> = BTreeMap::new();
        let mut changes = Vec::with_capacity(job.answers.len());
        let (mut more_answered, mut more_text) = (0i64, 0i64);
        for (role, a) in &job.answers {
            let before = mine
                .insert(role.as_str(), a.clone())
                .or_else(|| held.get(&key(role)).cloned())
                .unwrap_or_default();
            more_answered += i64::from(a.is_answered()) - i64::from(before.is_answered());
            more_text +=
                a.note.as_deref().map_or(0, chars) - before.note.as_deref().map_or(0, chars);
            changes.push((role.as_str(), before, a));
        }
        // Text that grows must stay within the bound, checked against the total as it is now.
        if more_text > 0 && *text + more_text > isomm_core::limits::MAX_TOTAL_TEXT_CHARS as i64 {
            return Saved::TextFull;
        }
        *text += more_text;
        *answered += more_answered;
        let counters = self.counters.entry(job.assessment).or_default();
        counters.0 += 1;
        counters.1 += more_answered;
        counters.2 += more_text;
        for (role, before, a) in changes {
            if let Some(audit) = job.audit.as_ref().filter(|_| &before != a) {
                let line = crate::answer_line(audit, role, &before, a);
                let key = (
                    line.actor.clone(),
                    line.action.clone(),
                    line.subject.clone(),
                );
                match self.audit.entry(key) {
                    std::collections::btree_map::Entry::Occupied(mut kept) => {
                        let kept = &mut kept.get_mut().2;
                        kept.new_value = line.new_value;
                        kept.client = line.client;
                    }
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert((job.assessment, job.respondent, line));
                    }
                }
            }
            held.insert(key(role), a.clone());
            self.answers.insert(key(role), a.clone());
        }
        Saved::Answered(*answered)
    }

    /// Writes the changes: the answers that hold something (upserted), those that no longer do
    /// (deleted), the audit lines, and the assessments' counters and revisions.
    async fn write(self, tx: &mut Transaction<'_, Postgres>) -> Result<(), StoreError> {
        let t = crate::accounts::now();
        let (kept, gone): (Vec<_>, Vec<_>) = self
            .answers
            .iter()
            .partition(|(_, a)| a.is_answered() || a.note.is_some());
        if !kept.is_empty() {
            let level = |l: Option<isomm_core::answers::Level>| l.map(|l| i64::from(l.get()));
            let respondents: Vec<Id> = kept.iter().map(|((r, _), _)| *r).collect();
            let roles: Vec<&str> = kept.iter().map(|((_, role), _)| role.as_str()).collect();
            let insource: Vec<Option<i64>> = kept.iter().map(|(_, a)| level(a.insource)).collect();
            let outsource: Vec<Option<i64>> =
                kept.iter().map(|(_, a)| level(a.outsource)).collect();
            let notes: Vec<Option<&str>> = kept.iter().map(|(_, a)| a.note.as_deref()).collect();
            sqlx::query(
                "INSERT INTO answers (respondent_id, role, insource, outsource, note, updated_at)
                 SELECT r, role, i, o, n, $6 FROM unnest($1::BIGINT[], $2::TEXT[], $3::BIGINT[], $4::BIGINT[], $5::TEXT[])
                   AS t(r, role, i, o, n)
                 ON CONFLICT (respondent_id, role) DO UPDATE SET insource = excluded.insource,
                 outsource = excluded.outsource, note = excluded.note, updated_at = excluded.updated_at",
            )
            .bind(&respondents)
            .bind(&roles)
            .bind(&insource)
            .bind(&outsource)
            .bind(&notes)
            .bind(t)
            .execute(&mut **tx)
            .await?;
        }
        if !gone.is_empty() {
            let respondents: Vec<Id> = gone.iter().map(|((r, _), _)| *r).collect();
            let roles: Vec<&str> = gone.iter().map(|((_, role), _)| role.as_str()).collect();
            sqlx::query(
                "DELETE FROM answers x USING unnest($1::BIGINT[], $2::TEXT[]) AS t(r, role)
                 WHERE x.respondent_id = t.r AND x.role = t.role",
            )
            .bind(&respondents)
            .bind(&roles)
            .execute(&mut **tx)
            .await?;
        }
        if !self.audit.is_empty() {
            let column =
                |f: fn(&crate::accounts::AuditEntry) -> Option<&str>| -> Vec<Option<&str>> {
                    self.audit.values().map(|(_, _, e)| f(e)).collect()
                };
            let assessments: Vec<Id> = self.audit.values().map(|(a, _, _)| *a).collect();
            let respondents: Vec<Id> = self.audit.values().map(|(_, r, _)| *r).collect();
            // Kept as lines being edited (see `crate::Pending`), like SQLite's `PENDING_UPSERT`.
            sqlx::query(
                "INSERT INTO audit_pending
                   (actor, subject, workspace_id, respondent_id, client, action, old_value, new_value, first_at, at, actor_name)
                 SELECT t.actor, t.subject, a.workspace_id, t.respondent, t.client, t.action, t.old_value, t.new_value, $1, $1, t.actor_name
                 FROM unnest($2::BIGINT[], $9::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::TEXT[], $8::TEXT[], $10::TEXT[])
                   AS t(assessment, respondent, actor, client, action, subject, old_value, new_value, actor_name)
                 JOIN assessments a ON a.id = t.assessment
                 ON CONFLICT (actor, action, subject) DO UPDATE SET new_value = excluded.new_value,
                   at = excluded.at, client = excluded.client",
            )
            .bind(t)
            .bind(&assessments)
            .bind(column(|e| Some(e.actor.as_str())))
            .bind(column(|e| Some(e.client.as_str())))
            .bind(column(|e| Some(e.action.as_str())))
            .bind(column(|e| Some(e.subject.as_str())))
            .bind(column(|e| e.old_value.as_deref()))
            .bind(column(|e| e.new_value.as_deref()))
            .bind(&respondents)
            .bind(column(|e| e.actor_name.as_deref()))
            .execute(&mut **tx)
            .await?;
        }
        if !self.counters.is_empty() {
            let ids: Vec<Id> = self.counters.keys().copied().collect();
            let saves: Vec<i64> = self.counters.values().map(|c| c.0).collect();
            let answered: Vec<i64> = self.counters.values().map(|c| c.1).collect();
            let text: Vec<i64> = self.counters.values().map(|c| c.2).collect();
            sqlx::query(
                "UPDATE assessments a SET revision = a.revision + t.saves, updated_at = $1,
                 answered_count = a.answered_count + t.answered, text_chars = a.text_chars + t.text
                 FROM unnest($2::BIGINT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[]) AS t(id, saves, answered, text)
                 WHERE a.id = t.id",
            )
            .bind(t)
            .bind(&ids)
            .bind(&saves)
            .bind(&answered)
            .bind(&text)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::Level;

    fn job(respondent: Id, answers: &[(&str, Answer)], audited: bool) -> SaveJob {
        let line = crate::accounts::AuditEntry::new("user:1", "cli", "answer.save", "r");
        let answers = answers
            .iter()
            .map(|(role, a)| (role.to_string(), a.clone()))
            .collect();
        let edit = crate::Edit {
            audit: audited.then_some(&line),
            open_only: false,
        };
        SaveJob::new(7, respondent, answers, edit, std::time::Duration::ZERO).0
    }

    fn level(insource: Option<i64>, note: Option<&str>) -> Answer {
        Answer {
            insource: insource.and_then(Level::new),
            outsource: None,
            note: note.map(str::to_string),
        }
    }

    /// Saves of a batch are decided one after another, each seeing the ones before it: a role
    /// given twice, a respondent saving twice, a save past the text bound changing nothing.
    #[test]
    fn a_batch_decides_each_save_after_the_ones_before_it() {
        let mut held = BTreeMap::from([((1, "A-1".to_string()), level(Some(3), Some("abc")))]);
        let (mut text, mut answered_1, mut answered_2) = (3i64, 1i64, 0i64);
        let mut changes = Changes::default();
        let first = job(
            1,
            &[("A-1", level(Some(4), None)), ("B-1", level(Some(2), None))],
            true,
        );
        assert_eq!(
            changes.decide(&first, &mut held, &mut text, &mut answered_1),
            Saved::Answered(2)
        );
        assert_eq!(text, 0, "the note of A-1 went");
        // A-1 cleared, then given again in the same save: one change after the other.
        let second = job(
            1,
            &[("A-1", Answer::default()), ("A-1", level(Some(1), None))],
            true,
        );
        assert_eq!(
            changes.decide(&second, &mut held, &mut text, &mut answered_1),
            Saved::Answered(2)
        );
        let big = "n".repeat(isomm_core::limits::MAX_TOTAL_TEXT_CHARS + 1);
        let past = job(2, &[("C-1", level(Some(5), Some(&big)))], true);
        assert_eq!(
            changes.decide(&past, &mut held, &mut text, &mut answered_2),
            Saved::TextFull
        );
        assert_eq!((text, answered_2), (0, 0), "a refused save changes nothing");
        assert_eq!(
            changes.answers,
            BTreeMap::from([
                ((1, "A-1".to_string()), level(Some(1), None)),
                ((1, "B-1".to_string()), level(Some(2), None)),
            ])
        );
        // Two saves kept (two bumps), one role more answered, three characters fewer.
        assert_eq!(changes.counters, BTreeMap::from([(7, (2, 1, -3))]));
        let lines: Vec<(Option<&str>, Option<&str>)> = changes
            .audit
            .values()
            .map(|(_, _, e)| (e.old_value.as_deref(), e.new_value.as_deref()))
            .collect();
        // One line a role: A-1 from before its first change to after its last.
        assert_eq!(
            lines,
            [
                (Some("in:3 out:- note:abc"), Some("in:1 out:-")),
                (Some("in:- out:-"), Some("in:2 out:-")),
            ]
        );
    }
}
