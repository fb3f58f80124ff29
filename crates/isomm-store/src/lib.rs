//! isomm's storage: one [`Store`] trait for assessments, respondents and answers, and its backends.
//!
//! The web application talks to `dyn Store` only; the backend is chosen once, from the database URL,
//! by [`connect`]: SQLite (`sqlite.rs`) or PostgreSQL (`postgres.rs`), which share their statements
//! (`accounts.rs`, `assessments.rs`). Each backend keeps its own migrations under
//! `migrations/<backend>/`.
//!
//! Architecture invariant: SQL lives in this crate only, and every write is one transaction.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use isomm_core::answers::{Answer, Assessment, Level, Position, Respondent, TargetLevel};
use isomm_core::limits::MAX_TOTAL_TEXT_CHARS;
use isomm_core::{Area, Catalog, Limits, PlanOptions};

pub mod accounts;
mod assessments;
pub mod auth;
pub mod copy;
pub mod items;
pub mod postgres;
pub mod sqlite;
pub mod testing;

pub type Id = i64;

/// Seconds since the Unix epoch: the clock every stored time is read from.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Why `isomm db copy` refused to copy (nothing was written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyRefusal {
    /// The source database (its URL, password removed) does not exist; nothing was created.
    NoSource(String),
    /// The source holds a table the copy does not know: it would be left behind.
    UnknownTable(String),
    /// The target (its URL, password removed) already holds data and `--force` was not given.
    TargetHasData(String),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// From the SQLite connections that autosaves and reads use directly (see `sqlite.rs`).
    #[error("database error: {0}")]
    Direct(rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error(
        "unsupported database URL {0}: expected sqlite://PATH or postgres://USER@HOST/DATABASE"
    )]
    UnsupportedUrl(String),
    /// `isomm db copy` cannot go on: what stopped it, for the command line to say in words.
    #[error("{0:?}")]
    Copy(CopyRefusal),
    /// The database stayed busy (locked by other writers) longer than a write waits.
    #[error("the database is busy")]
    Busy,
    /// The database does not answer (a server that is down or restarting, a connection that
    /// broke): the request may be tried again once it is back.
    #[error("the database does not answer")]
    Unavailable,
    #[error("stored data does not fit the model: {0}")]
    Corrupt(String),
}

/// The fields of an assessment that people edit, with patterns and roles by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentFields {
    pub organization: String,
    pub title: String,
    pub date: Option<String>,
    pub current_pattern: String,
    pub target_pattern: String,
    pub target_level: u8,
    /// How much of the improvement list its reports show.
    pub plan: PlanOptions,
    /// Role id → area, for the roles whose area differs from the catalog's default.
    pub areas: BTreeMap<String, Area>,
    /// The workspace the assessment belongs to: set when it is made, never changed by an edit;
    /// `None` for one made before accounts existed (until the first admin takes it).
    pub workspace: Option<Id>,
    /// The last day sheets are due (`YYYY-MM-DD`, in the workspace's time zone), if any
    /// ([`isomm_core::zone::Deadline`]).
    pub deadline: Option<String>,
}

/// One line of the list of assessments, read from the assessment's row alone (no answers are read).
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentSummary {
    pub id: Id,
    pub organization: String,
    pub title: String,
    pub date: Option<String>,
    pub current_pattern: String,
    pub target_pattern: String,
    pub respondents: i64,
    /// Answers with at least one side given, over all respondents.
    pub answered: i64,
    /// The overall maturity as last recorded by [`Store::record_overall`].
    pub overall: Option<f64>,
    /// False when answers changed since `overall` was recorded.
    pub overall_current: bool,
    pub revision: Revision,
    pub created_at: i64,
    /// The last day sheets are due, if any (see [`AssessmentFields::deadline`]).
    pub deadline: Option<String>,
    /// Respondents who submitted their sheet (the sheets results count).
    pub submitted: i64,
}

/// What the access check of a request on an assessment reads (see
/// [`Store::assessment_access`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssessmentAccess {
    /// `None` for an assessment made before accounts existed, not yet taken by a workspace.
    pub workspace: Option<Id>,
    /// The user's access in that workspace; `None` when not a member.
    pub access: Option<accounts::Access>,
    pub revision: Revision,
    /// The round is closed: nothing of it may change (issue 24).
    pub closed: bool,
}

/// A page of the list of assessments, newest first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AssessmentPage {
    pub rows: Vec<AssessmentSummary>,
    /// The id to ask for the next (older) page with, when there is one.
    pub next_before: Option<Id>,
}

/// An assessment's revision: bumped by every write that touches it, in the same transaction.
pub type Revision = i64;

/// The outcome of saving answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the respondent now has this many roles answered on at least one side.
    Answered(i64),
    /// No such respondent in this assessment.
    NotFound,
    /// The notes would take the assessment past its bound on text ([`MAX_TOTAL_TEXT_CHARS`]).
    TextFull,
    /// The sheet was submitted and the save came through the respondent's link
    /// ([`Edit::open_only`]): nothing was changed.
    Submitted,
}

/// How answers are saved: the audit line of the change, and whether a submitted sheet refuses it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Edit<'a> {
    /// With a line, each role whose answer changes gets an audit line: this one with ` role:ID`
    /// added to its subject, the old and the new answer ([`describe`]), and the assessment's
    /// workspace. It is kept in the same transaction as the answer, as a line being edited
    /// (`audit_pending`): the saves of one role by one actor that follow each other make one line,
    /// from the answer before the first to the answer after the last ([`Pending`]).
    pub audit: Option<&'a accounts::AuditEntry>,
    /// A save through a respondent's link: refused when the sheet is submitted, checked in the
    /// save's transaction (a submission that lands first wins).
    pub open_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRespondent {
    pub id: Id,
    pub name: String,
    pub position: Position,
    /// The respondent submitted their sheet (or it arrived complete, from an imported file).
    pub submitted: bool,
    /// Role id → answer; roles without a row are unanswered.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAssessment {
    pub id: Id,
    pub model: String,
    pub fields: AssessmentFields,
    /// In the order they were added.
    pub respondents: Vec<StoredRespondent>,
    pub revision: Revision,
    pub created_at: i64,
}

/// The outcome of adding a respondent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    Respondent(Id),
    NameTaken,
    NoAssessment,
    /// The assessment already has as many respondents as [`Limits::max_respondents`] allows, or
    /// no room left for text.
    Full,
}

/// What adding a list of respondents ([`Store::add_respondents`]) gave: all of them, or none.
#[derive(Debug, PartialEq, Eq)]
pub enum AddedMany {
    /// Every respondent of the list, their ids in the list's order.
    Respondents(Vec<Id>),
    /// The names already in the assessment, as indices into the list: nothing was added.
    NamesTaken(Vec<usize>),
    NoAssessment,
    /// The list would take the assessment past [`Limits::max_respondents`] or its room for text:
    /// nothing was added.
    Full,
}

/// Which respondents results count.
#[derive(Clone, Copy, Debug, Default, Hash, PartialEq, Eq)]
pub enum Counting {
    /// Submitted sheets only (the default of results).
    #[default]
    Submitted,
    /// Every sheet, submitted or in progress (the sheets themselves, and the switch on results).
    All,
}

impl Counting {
    /// Does this selection count `respondent`?
    pub fn counts(self, respondent: &StoredRespondent) -> bool {
        self == Counting::All || respondent.submitted
    }
    /// As the store keeps it (`closed_counting`).
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Submitted => "submitted",
            Counting::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Counting> {
        match text {
            "submitted" => Some(Counting::Submitted),
            "all" => Some(Counting::All),
            _ => None,
        }
    }
}

impl StoredAssessment {
    /// The assessment as the core scores it, with every respondent.
    pub fn to_assessment(&self, catalog: &Catalog) -> Result<Assessment, StoreError> {
        self.counting(catalog, Counting::All)
    }

    /// The assessment as the core scores it, with the respondents `counting` selects.
    pub fn counting(
        &self,
        catalog: &Catalog,
        counting: Counting,
    ) -> Result<Assessment, StoreError> {
        let pattern = |id: &str| {
            catalog
                .pattern_index(id)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown pattern {id:?}")))
        };
        let role = |id: &str| {
            catalog
                .role_index(id)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {id:?}")))
        };
        let mut area_overrides = BTreeMap::new();
        for (id, area) in &self.fields.areas {
            area_overrides.insert(role(id)?, *area);
        }
        let mut respondents = Vec::with_capacity(self.respondents.len());
        for r in self.respondents.iter().filter(|r| counting.counts(r)) {
            let mut respondent = Respondent::new(catalog, r.name.clone(), r.position);
            for (id, answer) in &r.answers {
                respondent.answers[role(id)?] = answer.clone();
            }
            respondents.push(respondent);
        }
        Ok(Assessment {
            model: self.model.clone(),
            organization: self.fields.organization.clone(),
            title: self.fields.title.clone(),
            date: self.fields.date.clone(),
            current_pattern: pattern(&self.fields.current_pattern)?,
            target_pattern: pattern(&self.fields.target_pattern)?,
            target_level: TargetLevel::new(self.fields.target_level.into()).ok_or_else(|| {
                StoreError::Corrupt(format!("target level {}", self.fields.target_level))
            })?,
            area_overrides,
            respondents,
        })
    }
}

impl AssessmentFields {
    /// The fields of a parsed assessment, by id.
    pub fn of(catalog: &Catalog, a: &Assessment, workspace: Option<Id>) -> AssessmentFields {
        AssessmentFields {
            workspace,
            organization: a.organization.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            current_pattern: catalog.patterns()[a.current_pattern].id.clone(),
            target_pattern: catalog.patterns()[a.target_pattern].id.clone(),
            target_level: a.target_level.get(),
            plan: PlanOptions::default(),
            deadline: None,
            areas: a
                .area_overrides
                .iter()
                .map(|(r, area)| (catalog.roles()[*r].id.clone(), *area))
                .collect(),
        }
    }
}

/// An answer as the audit log shows it: `in:3 out:- note:…` (`-` for a side not answered). A note
/// longer than [`AUDIT_NOTE_CHARS`] keeps its first characters and says its full length:
/// `note[2000]:…` (each line of a note's edit would otherwise hold two whole notes).
pub fn describe(answer: &Answer) -> String {
    let side = |l: Option<Level>| l.map_or_else(|| "-".to_string(), |l| l.get().to_string());
    let mut text = format!(
        "in:{} out:{}",
        side(answer.insource),
        side(answer.outsource)
    );
    if let Some(note) = &answer.note {
        let chars = note.chars().count();
        if chars > AUDIT_NOTE_CHARS {
            text.push_str(&format!(" note[{chars}]:"));
            text.extend(note.chars().take(AUDIT_NOTE_CHARS));
            text.push('…');
        } else {
            text.push_str(" note:");
            text.push_str(note);
        }
    }
    text
}

/// Which answers being edited become lines of the audit log ([`accounts::Accounts::flush_audit`]).
/// A person typing a note saves it every few seconds; each save is kept, and the audit log gets
/// one line for the run of saves of one role by one actor: when no save of it came for
/// [`AUDIT_QUIET_SECS`], when its first save is [`AUDIT_SPAN_SECS`] old, when the sheet is
/// submitted or reopened, or when the audit log is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Every one (the audit log is about to be read).
    All,
    /// Those whose edits have paused or run long, at `now`.
    Quiet { now: i64 },
    /// One respondent's (their sheet is submitted or reopened).
    Respondent(Id),
}

/// A run of saves of one role ends when no save of it came for this long.
pub const AUDIT_QUIET_SECS: i64 = 10;
/// A run of saves of one role becomes a line at the latest this long after it began.
pub const AUDIT_SPAN_SECS: i64 = 120;

impl Pending {
    /// The bounds the statement takes: rows last saved at or before the first, begun at or
    /// before the second, or of the respondent (the third).
    pub(crate) fn bounds(self) -> (i64, i64, Id) {
        match self {
            Pending::All => (i64::MAX, i64::MAX, -1),
            Pending::Quiet { now } => (now - AUDIT_QUIET_SECS, now - AUDIT_SPAN_SECS, -1),
            Pending::Respondent(r) => (i64::MIN, i64::MIN, r),
        }
    }
}

/// The characters of a note an audit line keeps.
pub const AUDIT_NOTE_CHARS: usize = 200;

/// One autosave waiting for its backend's writer (SQLite's writer thread, PostgreSQL's save
/// task), and where its answer goes.
pub(crate) struct SaveJob {
    pub assessment: Id,
    pub respondent: Id,
    pub answers: Vec<(String, Answer)>,
    /// The audit line of the save, if it is audited ([`Store::save_answers`]).
    pub audit: Option<accounts::AuditEntry>,
    /// Through a link: refused when the sheet is submitted ([`Edit::open_only`]).
    pub open_only: bool,
    /// Not started after this: the request is answered busy and the save is never written.
    pub deadline: std::time::Instant,
    reply: Option<tokio::sync::oneshot::Sender<Result<Saved, StoreError>>>,
}

impl SaveJob {
    /// A save that may wait `wait` to be started, and the answer its request waits for.
    pub fn new(
        assessment: Id,
        respondent: Id,
        answers: Vec<(String, Answer)>,
        edit: Edit<'_>,
        wait: std::time::Duration,
    ) -> (
        SaveJob,
        tokio::sync::oneshot::Receiver<Result<Saved, StoreError>>,
    ) {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = SaveJob {
            assessment,
            respondent,
            answers,
            audit: edit.audit.cloned(),
            open_only: edit.open_only,
            deadline: std::time::Instant::now() + wait,
            reply: Some(reply),
        };
        (job, answer)
    }

    /// Still worth writing: its request waits for it and its time has not run out.
    pub fn wanted(&self) -> bool {
        self.reply.as_ref().is_some_and(|r| !r.is_closed())
            && std::time::Instant::now() <= self.deadline
    }

    /// Answers the request (once; later answers go nowhere).
    pub fn answer(&mut self, result: Result<Saved, StoreError>) {
        if let Some(reply) = self.reply.take() {
            let _ = reply.send(result);
        }
    }

    /// The edit as the backends' statements take it.
    pub fn edit(&self) -> Edit<'_> {
        Edit {
            audit: self.audit.as_ref(),
            open_only: self.open_only,
        }
    }
}

/// The audit line of one changed answer, from the line of the save.
pub(crate) fn answer_line(
    audit: &accounts::AuditEntry,
    role: &str,
    old: &Answer,
    new: &Answer,
) -> accounts::AuditEntry {
    accounts::AuditEntry {
        subject: format!("{} role:{role}", audit.subject),
        old_value: Some(describe(old)),
        new_value: Some(describe(new)),
        ..audit.clone()
    }
}

/// Turns a stored position back into a [`Position`].
pub(crate) fn position(s: &str) -> Result<Position, StoreError> {
    Position::parse(s).ok_or_else(|| StoreError::Corrupt(format!("position {s:?}")))
}

/// Turns a stored area back into an [`Area`].
pub(crate) fn area(s: &str) -> Result<Area, StoreError> {
    Area::parse(s).ok_or_else(|| StoreError::Corrupt(format!("area {s:?}")))
}

/// Turns a stored level back into a [`Level`].
pub(crate) fn level(value: Option<i64>) -> Result<Option<Level>, StoreError> {
    value
        .map(|v| Level::new(v).ok_or_else(|| StoreError::Corrupt(format!("level {v}"))))
        .transpose()
}

/// Everything isomm keeps. Every method is one transaction; every write bumps the revision of the
/// assessment it touches in that transaction.
#[async_trait]
pub trait Store: accounts::Accounts + items::Items + Send + Sync {
    /// The database answers (for `/readyz`).
    async fn ping(&self) -> Result<(), StoreError>;
    /// A page of at most `limit` assessments, newest first, older than `before` when given. Costs
    /// the same whatever the number of assessments: the counts are kept on each assessment's row.
    /// Only the assessments of `workspace` (`None`: those made before accounts existed).
    async fn list_assessments(
        &self,
        workspace: Option<Id>,
        before: Option<Id>,
        limit: u32,
    ) -> Result<AssessmentPage, StoreError>;
    async fn create_assessment(
        &self,
        model: &str,
        fields: &AssessmentFields,
    ) -> Result<Id, StoreError>;
    /// False when there is no such assessment.
    async fn update_assessment(
        &self,
        id: Id,
        fields: &AssessmentFields,
    ) -> Result<bool, StoreError>;
    async fn delete_assessment(&self, id: Id) -> Result<bool, StoreError>;
    async fn assessment(&self, id: Id) -> Result<Option<StoredAssessment>, StoreError>;
    /// The assessment with only one of its respondents (for that respondent's sheet): costs that
    /// respondent's answers, not everyone's. `None` when either is missing.
    async fn with_respondent(
        &self,
        assessment: Id,
        respondent: Id,
    ) -> Result<Option<StoredAssessment>, StoreError>;
    /// The current revision of an assessment (one indexed read), for cached results.
    async fn revision(&self, id: Id) -> Result<Option<Revision>, StoreError>;
    /// A session's data and its account, unless it expired by `now` (one read: every request of a
    /// logged-in person makes it).
    async fn session_user(
        &self,
        id_hash: &[u8],
        now: i64,
    ) -> Result<Option<(String, accounts::User)>, StoreError>;
    /// The workspace of an assessment, a user's access there and the assessment's revision (one
    /// read, for every request on an assessment): `None` when there is no such assessment.
    async fn assessment_access(
        &self,
        assessment: Id,
        user: Id,
    ) -> Result<Option<AssessmentAccess>, StoreError>;
    /// Adds a respondent unless the name is taken or the assessment is full under `limits`.
    async fn add_respondent(
        &self,
        assessment: Id,
        name: &str,
        position: Position,
        limits: &Limits,
    ) -> Result<Added, StoreError>;
    /// Adds every respondent of `list` in one transaction, or none of them: when a name is taken
    /// or the list does not fit under `limits`.
    async fn add_respondents(
        &self,
        assessment: Id,
        list: &[isomm_core::roster::NewRespondent],
        limits: &Limits,
    ) -> Result<AddedMany, StoreError>;
    async fn remove_respondent(&self, assessment: Id, respondent: Id) -> Result<bool, StoreError>;
    /// Saves answers of one respondent (role id, answer), replacing those roles' previous answers;
    /// other roles are left as they are. Answers with the respondent's progress, from a count.
    /// `edit` says how: audited, through a link ([`Edit`]).
    async fn save_answers(
        &self,
        assessment: Id,
        respondent: Id,
        answers: &[(String, Answer)],
        edit: Edit<'_>,
    ) -> Result<Saved, StoreError>;
    /// Stores a whole parsed assessment (an imported file) with its respondents and answers.
    async fn import(
        &self,
        workspace: Option<Id>,
        catalog: &Catalog,
        assessment: &Assessment,
    ) -> Result<Id, StoreError>;
    /// Records the overall maturity computed for `revision`; ignored when the assessment has moved
    /// on since (a newer computation will record its own).
    async fn record_overall(
        &self,
        id: Id,
        revision: Revision,
        overall: Option<f64>,
    ) -> Result<(), StoreError>;
    /// Starts the next round of `from`'s series with the fields `next`, in one transaction:
    /// closes `from` keeping `close`, inserts the new round (started from `from`, same series) and
    /// copies `from`'s respondents into it, without answers or links.
    /// With `drafts`, each copied respondent's answers in `from` (when `from` counted their sheet)
    /// become their drafts in the new round ([`Draft`]). `from`'s open plan items (to do, in
    /// progress, on hold) continue in the new round under the same keys.
    async fn start_next_round(
        &self,
        from: Id,
        next: &AssessmentFields,
        close: &ClosedRound,
        drafts: bool,
    ) -> Result<NextRound, StoreError>;
    /// Stores an imported file as the next round of `from`'s series, in one transaction: closes
    /// `from` keeping `close`, then inserts the file's assessment (in `from`'s workspace, started
    /// from it) with its respondents, submitted, and their answers (none of them get a link:
    /// `respondents` is empty).
    async fn import_next_round(
        &self,
        from: Id,
        catalog: &Catalog,
        assessment: &Assessment,
        close: &ClosedRound,
    ) -> Result<NextRound, StoreError>;
    /// A respondent's drafts (their answers of the round this one started from), by role id;
    /// empty when they have none, or are not in `assessment`.
    async fn drafts(&self, assessment: Id, respondent: Id) -> Result<Vec<Draft>, StoreError>;
    /// Marks a respondent's draft of `role` cleared (the role stays unanswered unless answered
    /// later); false when there is no such draft.
    async fn clear_draft(
        &self,
        assessment: Id,
        respondent: Id,
        role: &str,
    ) -> Result<bool, StoreError>;
    /// Opens a closed round again, discarding what it kept (its pages are scored afresh); false
    /// when there is no such round or it is open.
    async fn reopen_round(&self, id: Id) -> Result<bool, StoreError>;
    /// An assessment's place among its series' rounds; `None` when there is no such assessment.
    async fn round_state(&self, id: Id) -> Result<Option<RoundState>, StoreError>;
    /// What a closed round kept; `None` when it is open (or does not exist).
    async fn closed_result(&self, id: Id) -> Result<Option<ClosedRound>, StoreError>;
    /// The workspace of a series: `None` when there is no such series, `Some(None)` for one
    /// made before accounts existed.
    async fn series_workspace(&self, series: Id) -> Result<Option<Option<Id>>, StoreError>;
    /// The rounds of a series, by date (undated last), then id.
    async fn series_rounds(&self, series: Id) -> Result<Vec<SeriesRound>, StoreError>;
    /// The secret called `name`, made by `make` and stored on first use; the same afterwards,
    /// across restarts.
    async fn secret(&self, name: &str, make: fn() -> Vec<u8>) -> Result<Vec<u8>, StoreError>;
}

/// What a round keeps when it is closed: the result it closed with, which sheets it counted and
/// the model it was scored with, so that its pages never change (issue 24).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedRound {
    /// The `isomm-result/1` document.
    pub result: String,
    pub counting: Counting,
    /// The SHA-256 of the model's catalog document, hex.
    pub model_hash: String,
}

/// A respondent's earlier answer to a role offered as a draft (前回値): never counted. It is
/// pending until the role holds an answer (the draft kept or changed) or it is [`cleared`].
///
/// [`cleared`]: Draft::cleared
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub role: String,
    pub answer: Answer,
    pub cleared: bool,
}

/// How a respondent handled a draft, read against the role's answer now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftState {
    Pending,
    /// The role's answer is the draft.
    Kept,
    Changed,
    Cleared,
}

impl DraftState {
    /// The state as one word (`pending`, `kept`, `changed`, `cleared`).
    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Pending => "pending",
            DraftState::Kept => "kept",
            DraftState::Changed => "changed",
            DraftState::Cleared => "cleared",
        }
    }
}

impl Draft {
    /// The draft's state given the role's answer now (`None` or empty: no answer).
    pub fn state(&self, now: Option<&Answer>) -> DraftState {
        match now.filter(|a| a.is_answered() || a.note.is_some()) {
            Some(a) if a == &self.answer => DraftState::Kept,
            Some(_) => DraftState::Changed,
            None if self.cleared => DraftState::Cleared,
            None => DraftState::Pending,
        }
    }
}

/// What marking a sheet submitted gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submission {
    Done,
    NotFound,
    /// Drafts not yet kept, changed or cleared: nothing was written.
    DraftsLeft(i64),
}

/// Where an assessment stands among its series' rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundState {
    pub series: Id,
    /// The round it was started from, if any (and not deleted since).
    pub started_from: Option<Id>,
    /// When it was closed; `None` while open.
    pub closed_at: Option<i64>,
}

/// One round of a series, as the series lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesRound {
    pub id: Id,
    pub title: String,
    pub date: Option<String>,
    pub started_from: Option<Id>,
    pub closed_at: Option<i64>,
    pub created_at: i64,
}

/// What starting the next round gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextRound {
    /// The new round and its respondents (the earlier round's people, in its order), which have
    /// no link yet.
    Started {
        id: Id,
        respondents: Vec<Id>,
    },
    NoAssessment,
    /// The round was closed already (a next round was started from it): nothing was written.
    AlreadyClosed,
}

/// Characters of a text as the total-text bound counts them.
pub fn chars(text: &str) -> i64 {
    text.chars().count() as i64
}

/// Would `used + added` characters exceed the bound on an assessment's text?
pub(crate) fn over_text_bound(used: i64, added: i64) -> bool {
    used + added > MAX_TOTAL_TEXT_CHARS as i64
}

impl From<sqlx::Error> for StoreError {
    /// Waiting that ran out (a pool with no free connection, a lock or a statement past its
    /// timeout) is [`StoreError::Busy`]: the request may be tried again. Anything else is an error.
    fn from(e: sqlx::Error) -> StoreError {
        if unreachable(&e) {
            return StoreError::Unavailable;
        }
        let timed_out = match &e {
            sqlx::Error::PoolTimedOut => true,
            sqlx::Error::Database(d) => {
                // PostgreSQL: lock_not_available, query_canceled (statement_timeout), a deadlock
                // broken (a save meeting the deletion of its assessment); SQLite: the BUSY and
                // LOCKED codes.
                matches!(
                    d.code().as_deref(),
                    Some("55P03" | "57014" | "40P01" | "5" | "6" | "261" | "517" | "773")
                )
            }
            _ => false,
        };
        if timed_out {
            StoreError::Busy
        } else {
            StoreError::Database(e)
        }
    }
}

/// Is this the error of a database that cannot be reached: a connection refused or broken, a
/// server shutting down or starting up (PostgreSQL's class 08, `admin_shutdown`, `crash_shutdown`,
/// `cannot_connect_now`)?
fn unreachable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolClosed => true,
        sqlx::Error::Database(d) => d.code().is_some_and(|c| {
            c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A database that stayed busy past the busy timeout is [`StoreError::Busy`].
    fn from(e: rusqlite::Error) -> StoreError {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                StoreError::Busy
            }
            _ => StoreError::Direct(e),
        }
    }
}

/// How the server connects to its database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DbOptions {
    /// Connections in the pool.
    pub pool_size: u32,
    /// The longest wait for a connection of the pool or for a lock (PostgreSQL's `lock_timeout`).
    pub timeout: std::time::Duration,
}

impl Default for DbOptions {
    fn default() -> DbOptions {
        DbOptions {
            pool_size: 16,
            timeout: std::time::Duration::from_secs(10),
        }
    }
}

/// A page from `limit + 1` rows, newest first.
pub(crate) fn page(mut rows: Vec<AssessmentSummary>, limit: u32) -> AssessmentPage {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    AssessmentPage {
        next_before: if more {
            rows.last().map(|r| r.id)
        } else {
            None
        },
        rows,
    }
}

/// A database URL as it may be shown (messages, logs): its password replaced by `***`, in the
/// user part and in a `password=` parameter alike.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{user}:***@{host}")
        }
        _ => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// Opens the store a database URL names (`sqlite://PATH`, `postgres://…` or `postgresql://…`),
/// creating an SQLite file if needed and running the backend's migrations.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    connect_with(url, &DbOptions::default()).await
}

/// [`connect`] with a pool size and timeouts.
pub async fn connect_with(url: &str, options: &DbOptions) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url, options).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url, options).await?))
    } else {
        Err(StoreError::UnsupportedUrl(redacted(url)))
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redacted("postgres://isomm:s3cr@t@db.example:5432/isomm"),
            "postgres://isomm:***@db.example:5432/isomm"
        );
        assert_eq!(
            redacted("postgresql://isomm@db/isomm?password=s3cret&sslmode=require"),
            "postgresql://isomm@db/isomm?password=***&sslmode=require"
        );
        assert_eq!(redacted("sqlite://isomm.db"), "sqlite://isomm.db");
        assert_eq!(
            redacted("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
    }
}
