//! Teams in the store: accounts, workspaces and their members, server-side sessions, failed logins
//! (throttling shared by every instance on a database) and the append-only audit log.
//!
//! The SQL is written once, in [`accounts_impl!`], and expanded for each backend's pool: the two
//! schemas are the same tables (flags are integers 0/1 on both), so the same statements serve.

use crate::{Id, StoreError};
use async_trait::async_trait;

/// An e-mail address as accounts are keyed: trimmed and lower-cased, one `@` with something on
/// each side, no spaces or control characters, at most 254 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Option<Email> {
        let text = text.trim().to_lowercase();
        let (local, domain) = text.split_once('@')?;
        let fine = !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && text.chars().count() <= isomm_core::limits::MAX_EMAIL_CHARS
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        fine.then_some(Email(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a member may do in a workspace (an access level: in ISOMM "role" means the 54 roles).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Access {
    /// Results and reports, no individual answers.
    Viewer,
    /// Assessments, respondents, every answer and result.
    Assessor,
    /// Everything, and the workspace's members.
    Owner,
}

impl Access {
    pub const ALL: [Access; 3] = [Access::Owner, Access::Assessor, Access::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Access::Owner => "owner",
            Access::Assessor => "assessor",
            Access::Viewer => "viewer",
        }
    }

    pub fn parse(text: &str) -> Option<Access> {
        Access::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// Does this level include everything `needed` allows?
    pub fn allows(self, needed: Access) -> bool {
        self >= needed
    }

    /// Which fields of the answers this level reads in results: viewers read results only (no
    /// note, no answers sheet).
    pub fn audience(self) -> isomm_core::Audience {
        match self {
            Access::Viewer => isomm_core::Audience::Results,
            Access::Assessor | Access::Owner => isomm_core::Audience::Everything,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: Id,
    pub email: Email,
    pub name: String,
    pub admin: bool,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    pub id: Id,
    pub name: String,
}

/// A respondent's sheet as the assessment's page lists it ([`Accounts::sheet_states`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetState {
    pub id: Id,
    /// They have a private link that works.
    pub link: bool,
    /// When the sheet was submitted; `None` while open.
    pub submitted_at: Option<i64>,
    /// Who submitted it: the account's name when an assessor marked it, `""` when the respondent
    /// did through their link, `None` when not known (an imported file, or before this was kept).
    pub submitted_by: Option<String>,
}

/// The outcome of adding an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserAdded {
    User(Id),
    EmailTaken,
}

/// The outcome of changing or removing a member's access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessChanged {
    Done,
    /// The change would leave the workspace without an owner: nothing was changed.
    LastOwner,
    NotMember,
}

/// Where a respondent's private link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTarget {
    pub assessment: Id,
    pub respondent: Id,
    /// When the respondent submitted their sheet; `None` while they may still change it.
    pub submitted_at: Option<i64>,
    /// The assessment lets respondents who submitted see the combined results.
    pub share_results: bool,
    /// The workspace of the assessment (the audit lines of what the link's holder does go there).
    pub workspace: Option<Id>,
    /// The respondent, as the audit log names the link's holder: `name (position)`.
    pub name: String,
    /// The round is closed: the sheet can no longer change.
    pub closed: bool,
}

/// A pending invitation to a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub id: Id,
    pub workspace: Workspace,
    pub email: Email,
    pub access: Access,
    pub expires_at: i64,
}

/// An invitation from its row: (id, workspace id, workspace name, e-mail, access, expiry).
pub(crate) fn invitation_of(
    (id, workspace, name, email, access, expires_at): (Id, Id, String, String, String, i64),
) -> Result<Invitation, StoreError> {
    Ok(Invitation {
        id,
        workspace: Workspace {
            id: workspace,
            name,
        },
        email: Email::parse(&email)
            .ok_or_else(|| StoreError::Corrupt(format!("invitation e-mail {email:?}")))?,
        access: Access::parse(&access)
            .ok_or_else(|| StoreError::Corrupt(format!("invitation access {access:?}")))?,
        expires_at,
    })
}

/// One line of the audit log, as written.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AuditEntry {
    /// The workspace it concerns (none for instance-wide events such as a login).
    pub workspace: Option<Id>,
    /// `user:ID email`, `link:RESPONDENT` or `cli`.
    pub actor: String,
    /// The actor as people read it, written with the line: `name <e-mail>` for an account,
    /// `name (position)` for a respondent's link; `None` for the command line and older lines.
    pub actor_name: Option<String>,
    /// The client address (from the trusted proxy's header, else the socket), or `cli`.
    pub client: String,
    /// What happened, e.g. `answer.save`, `login.failed`.
    pub action: String,
    /// What it happened to, e.g. `assessment:3 respondent:7 role:A-1`.
    pub subject: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl AuditEntry {
    /// A line without a workspace or values: add them with struct update syntax.
    pub fn new(
        actor: impl Into<String>,
        client: impl Into<String>,
        action: &str,
        subject: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry {
            workspace: None,
            actor: actor.into(),
            actor_name: None,
            client: client.into(),
            action: action.to_string(),
            subject: subject.into(),
            old_value: None,
            new_value: None,
        }
    }
}

/// One line of the audit log, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub id: Id,
    pub at: i64,
    pub entry: AuditEntry,
}

/// Which lines of a workspace's audit log to read: newest first, older than `before`.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action_prefix: Option<String>,
    pub before: Option<Id>,
    pub limit: u32,
}

/// Accounts, workspaces, sessions, failed logins and the audit log (see the module's docs).
#[async_trait]
pub trait Accounts: Send + Sync {
    async fn user_count(&self) -> Result<i64, StoreError>;
    /// Adds an account (`password_hash` is a PHC string); an instance-wide unique e-mail.
    async fn add_user(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
        admin: bool,
    ) -> Result<UserAdded, StoreError>;
    /// The account and its password hash, for a login.
    async fn credentials(&self, email: &Email) -> Result<Option<(User, String)>, StoreError>;
    async fn user(&self, id: Id) -> Result<Option<User>, StoreError>;
    /// Every account, by e-mail.
    async fn users(&self) -> Result<Vec<User>, StoreError>;
    /// False when there is no such account.
    async fn set_password(&self, user: Id, password_hash: &str) -> Result<bool, StoreError>;
    /// The workspace of this name, made when missing and `create` is set.
    async fn workspace_named(
        &self,
        name: &str,
        create: bool,
    ) -> Result<Option<Workspace>, StoreError>;
    /// Every workspace, by name (for the instance admin).
    async fn workspaces(&self) -> Result<Vec<Workspace>, StoreError>;
    /// A workspace's time zone (an IANA name, `Asia/Tokyo` unless an owner chose another);
    /// `None` when there is no such workspace.
    async fn time_zone(&self, workspace: Id) -> Result<Option<String>, StoreError>;
    /// Sets a workspace's time zone (a name the caller checked); false when there is no such
    /// workspace.
    async fn set_time_zone(&self, workspace: Id, zone: &str) -> Result<bool, StoreError>;
    /// The workspaces a user belongs to, by name, with their access.
    async fn memberships(&self, user: Id) -> Result<Vec<(Workspace, Access)>, StoreError>;
    /// A workspace's members, by e-mail.
    async fn members(&self, workspace: Id) -> Result<Vec<(User, Access)>, StoreError>;
    /// Gives a user `access` in a workspace (adding them), or removes them (`None`); never leaves a
    /// workspace that has an owner without one.
    async fn set_access(
        &self,
        workspace: Id,
        user: Id,
        access: Option<Access>,
    ) -> Result<AccessChanged, StoreError>;
    /// A user's access in a workspace (`None`: not a member).
    async fn access(&self, workspace: Id, user: Id) -> Result<Option<Access>, StoreError>;
    /// Moves the assessments made before accounts existed (no workspace) into `workspace`; how many.
    async fn adopt_unassigned(&self, workspace: Id) -> Result<u64, StoreError>;

    /// Gives a respondent a private link (the SHA-256 of its token), replacing any earlier one, or
    /// takes it away (`None`). False when there is no such respondent.
    async fn set_link(
        &self,
        assessment: Id,
        respondent: Id,
        link_hash: Option<&[u8]>,
    ) -> Result<bool, StoreError>;
    /// The respondent a link leads to.
    async fn link_target(&self, link_hash: &[u8]) -> Result<Option<LinkTarget>, StoreError>;
    /// Marks a respondent's sheet submitted (`Some(time)`) or open again (`None`); bumps the
    /// assessment's revision (results count submitted sheets). A sheet with drafts still pending
    /// is not submitted ([`crate::Submission::DraftsLeft`]).
    async fn set_submitted(
        &self,
        assessment: Id,
        respondent: Id,
        at: Option<i64>,
        by: Option<&str>,
    ) -> Result<crate::Submission, StoreError>;
    /// Invites `email` into a workspace with `access` through a link whose hash is `token_hash`,
    /// valid until `expires_at`; an earlier invitation of the same address to the same workspace
    /// stops working.
    async fn invite(
        &self,
        workspace: Id,
        email: &Email,
        access: Access,
        token_hash: &[u8],
        expires_at: i64,
    ) -> Result<Id, StoreError>;
    /// The invitation a link leads to, unless it has expired (at `now`).
    async fn invitation(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> Result<Option<Invitation>, StoreError>;
    /// A workspace's invitations not yet used and not expired at `now`, oldest first.
    async fn invitations(&self, workspace: Id, now: i64) -> Result<Vec<Invitation>, StoreError>;
    /// Takes the invitation a link leads to, unless it has expired (at `now`): deletes it and
    /// returns it, in one statement, so that it is used once even when accepted twice at once.
    async fn take_invitation(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> Result<Option<Invitation>, StoreError>;
    /// Deletes an invitation (cancelled by an owner); false when the workspace has no such
    /// invitation.
    async fn end_invitation(&self, workspace: Id, id: Id) -> Result<bool, StoreError>;
    /// Lets respondents who submitted see the assessment's combined results, or not. False when
    /// there is no such assessment.
    async fn set_share_results(&self, assessment: Id, share: bool) -> Result<bool, StoreError>;
    /// Whether the assessment lets respondents see its combined results (`None`: no such
    /// assessment).
    async fn share_results(&self, assessment: Id) -> Result<Option<bool>, StoreError>;
    /// The snapshot of combined results respondents see (`isomm-web`'s `shared.rs`): sheets it
    /// counts and its figures (JSON), if one was taken.
    async fn shared_snapshot(&self, assessment: Id) -> Result<Option<(i64, String)>, StoreError>;
    /// Keeps `figures` (of `counted` sheets) as the assessment's snapshot when it has none, or when
    /// it counts at least `more` sheets more than the one kept; returns the snapshot kept after
    /// (another request's, when it got there first).
    async fn offer_shared_snapshot(
        &self,
        assessment: Id,
        counted: i64,
        figures: &str,
        more: i64,
    ) -> Result<(i64, String), StoreError>;
    /// Each respondent of an assessment: their link, and when and by whom their sheet was submitted.
    async fn sheet_states(&self, assessment: Id) -> Result<Vec<SheetState>, StoreError>;

    /// A secret kept under `name` (see also `Store::secret`), if any.
    async fn get_secret(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Sets (`Some`) or removes (`None`) the secret kept under `name`.
    async fn set_secret(&self, name: &str, value: Option<&[u8]>) -> Result<(), StoreError>;

    /// A session's data, unless it expired by `now`.
    async fn session(&self, id_hash: &[u8], now: i64) -> Result<Option<String>, StoreError>;
    /// Creates or replaces a session.
    async fn save_session(
        &self,
        id_hash: &[u8],
        user: Option<Id>,
        data: &str,
        expires_at: i64,
    ) -> Result<(), StoreError>;
    /// Changes a session that still exists (never brings back one that ended); false when it is
    /// gone.
    async fn update_session(
        &self,
        id_hash: &[u8],
        data: &str,
        expires_at: i64,
    ) -> Result<bool, StoreError>;
    async fn delete_session(&self, id_hash: &[u8]) -> Result<(), StoreError>;
    /// Ends every session of a user but `except`; also drops expired sessions of anyone.
    async fn end_sessions(
        &self,
        user: Id,
        except: Option<&[u8]>,
        now: i64,
    ) -> Result<u64, StoreError>;

    /// Records a login attempt, `attempt` (a number of the caller's, unique enough to tell it from
    /// others), as a failure under each key (an account's e-mail, a client address) until it is
    /// taken back ([`Accounts::forget_attempt`]); drops failures older than `forget_before`.
    async fn record_failure(
        &self,
        keys: &[&str],
        at: i64,
        attempt: i64,
        forget_before: i64,
    ) -> Result<(), StoreError>;
    /// Failures under `key` at or after `since`, and the oldest one's time (when it expires, one
    /// more attempt may be made).
    async fn failures_since(&self, key: &str, since: i64)
    -> Result<(i64, Option<i64>), StoreError>;
    async fn clear_failures(&self, key: &str) -> Result<(), StoreError>;
    /// Takes back one attempt under each key (it succeeded, or was refused before it was tried).
    async fn forget_attempt(&self, keys: &[&str], attempt: i64) -> Result<(), StoreError>;

    /// Appends a line to the audit log.
    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// Appends lines to the audit log in one transaction (one commit for many requests' lines).
    async fn audit_many(&self, entries: &[AuditEntry]) -> Result<(), StoreError>;
    /// Deletes every line of the audit log written before `before` and records that it did, as an
    /// instance-wide line `audit.prune` (`actor`), in one transaction; how many lines went. Only
    /// an operator does this (`isomm audit prune`): the application never changes or deletes a
    /// line.
    async fn prune_audit(&self, before: i64, actor: &str) -> Result<u64, StoreError>;
    /// Makes lines of the audit log of the answers being edited that `which` names
    /// ([`crate::Pending`]), in the order of their last saves; how many lines were written (a run
    /// of saves that ended where it began writes none).
    async fn flush_audit(&self, which: crate::Pending) -> Result<u64, StoreError>;
    /// A workspace's audit log (`None`: the instance-wide lines, such as logins), newest first.
    /// The answers still being edited are not in it yet: [`Accounts::flush_audit`] first.
    async fn audit_log(
        &self,
        workspace: Option<Id>,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditRow>, StoreError>;
}

/// A line of the audit log, written: when, the workspace, the actor, the client, the action, the
/// subject, the old and new values, and the actor as people read it.
pub(crate) const AUDIT_INSERT: &str = "INSERT INTO audit_log (at, workspace_id, actor, client, action, subject, old_value, new_value, actor_name)
 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub(crate) fn user_of<R: sqlx::Row>(row: &R) -> Result<User, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let email: String = row.try_get("email")?;
    Ok(User {
        id: row.try_get("id")?,
        email: Email::parse(&email)
            .ok_or_else(|| StoreError::Corrupt(format!("e-mail {email:?}")))?,
        name: row.try_get("name")?,
        admin: row.try_get::<i64, _>("admin")? != 0,
        created_at: row.try_get("created_at")?,
    })
}

pub(crate) fn access_of(text: &str) -> Result<Access, StoreError> {
    Access::parse(text).ok_or_else(|| StoreError::Corrupt(format!("access {text:?}")))
}

pub(crate) fn audit_of<R: sqlx::Row>(row: &R) -> Result<AuditRow, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(AuditRow {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        entry: AuditEntry {
            workspace: row.try_get("workspace_id")?,
            actor: row.try_get("actor")?,
            actor_name: row.try_get("actor_name")?,
            client: row.try_get("client")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            old_value: row.try_get("old_value")?,
            new_value: row.try_get("new_value")?,
        },
    })
}

pub(crate) const USER_COLUMNS: &str = "id, email, name, admin, created_at";

/// A session and its account, in one read.
pub(crate) const SESSION_USER: &str = "SELECT s.data, u.id, u.email, u.name, u.admin, u.created_at
 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2";

/// An assessment's workspace and a user's access there, in one read.
pub(crate) const ASSESSMENT_ACCESS: &str =
    "SELECT a.workspace_id, m.access, a.revision, a.closed_at IS NOT NULL AS closed FROM assessments a
 LEFT JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = $2 WHERE a.id = $1";

/// Moves the rows of `audit_pending` within `bounds` ([`crate::Pending::bounds`]) into the audit
/// log, on a writing transaction of either backend; the number of lines written. The rows are
/// taken with one `DELETE … RETURNING`: a save that changes a row meanwhile either lands before
/// (and its value is taken) or after (and starts a new row).
macro_rules! move_pending {
    ($tx:expr, $bounds:expr) => {{
        let (last, first, respondent) = $bounds;
        type Row = (
            i64,
            i64,
            Option<$crate::Id>,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let mut rows: Vec<Row> = sqlx::query_as(
            "DELETE FROM audit_pending WHERE at <= $1 OR first_at <= $2 OR respondent_id = $3
             RETURNING at, first_at, workspace_id, actor, client, action, subject, old_value, new_value,
               actor_name",
        )
        .bind(last)
        .bind(first)
        .bind(respondent)
        .fetch_all(&mut *$tx)
        .await?;
        rows.sort_by(|a, b| (a.0, a.1, &a.6).cmp(&(b.0, b.1, &b.6)));
        let mut written = 0u64;
        for (at, _, workspace, actor, client, action, subject, old, new, actor_name) in rows {
            if old == new {
                continue;
            }
            sqlx::query($crate::accounts::AUDIT_INSERT)
            .bind(at)
            .bind(workspace)
            .bind(actor)
            .bind(client)
            .bind(action)
            .bind(subject)
            .bind(old)
            .bind(new)
            .bind(actor_name)
            .execute(&mut *$tx)
            .await?;
            written += 1;
        }
        written
    }};
}
pub(crate) use move_pending;

/// The [`Accounts`] implementation for a backend whose struct keeps its sqlx pool in `pool` and
/// starts a writing transaction with `write()` (SQLite: `BEGIN IMMEDIATE`, so that a transaction
/// never has to upgrade its lock): the same statements for SQLite and PostgreSQL.
macro_rules! accounts_impl {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::accounts::Accounts for $store {
            async fn user_count(&self) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn add_user(
                &self,
                email: &$crate::accounts::Email,
                name: &str,
                password_hash: &str,
                admin: bool,
            ) -> Result<$crate::accounts::UserAdded, $crate::StoreError> {
                let id: Option<$crate::Id> = sqlx::query_scalar(
                    "INSERT INTO users (email, name, password_hash, admin, created_at) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(email.as_str())
                .bind(name)
                .bind(password_hash)
                .bind(i64::from(admin))
                .bind($crate::accounts::now())
                .fetch_optional(&self.pool)
                .await?;
                Ok(id.map_or($crate::accounts::UserAdded::EmailTaken, $crate::accounts::UserAdded::User))
            }

            async fn credentials(
                &self,
                email: &$crate::accounts::Email,
            ) -> Result<Option<($crate::accounts::User, String)>, $crate::StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {}, password_hash FROM users WHERE email = $1",
                    $crate::accounts::USER_COLUMNS
                ))
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| {
                    use sqlx::Row;
                    Ok(($crate::accounts::user_of(&r)?, r.try_get("password_hash")?))
                })
                .transpose()
            }

            async fn user(
                &self,
                id: $crate::Id,
            ) -> Result<Option<$crate::accounts::User>, $crate::StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {} FROM users WHERE id = $1",
                    $crate::accounts::USER_COLUMNS
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|r| $crate::accounts::user_of(&r)).transpose()
            }

            async fn users(&self) -> Result<Vec<$crate::accounts::User>, $crate::StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM users ORDER BY email",
                    $crate::accounts::USER_COLUMNS
                ))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map($crate::accounts::user_of).collect()
            }

            async fn set_password(
                &self,
                user: $crate::Id,
                password_hash: &str,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(user)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn time_zone(
                &self,
                workspace: $crate::Id,
            ) -> Result<Option<String>, $crate::StoreError> {
                Ok(
                    sqlx::query_scalar("SELECT time_zone FROM workspaces WHERE id = $1")
                        .bind(workspace)
                        .fetch_optional(&self.pool)
                        .await?,
                )
            }

            async fn set_time_zone(
                &self,
                workspace: $crate::Id,
                zone: &str,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let done = sqlx::query("UPDATE workspaces SET time_zone = $2 WHERE id = $1")
                    .bind(workspace)
                    .bind(zone)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn workspace_named(
                &self,
                name: &str,
                create: bool,
            ) -> Result<Option<$crate::accounts::Workspace>, $crate::StoreError> {
                if create {
                    sqlx::query(
                        "INSERT INTO workspaces (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                    )
                    .bind(name)
                    .bind($crate::accounts::now())
                    .execute(&self.pool)
                    .await?;
                }
                let id: Option<$crate::Id> =
                    sqlx::query_scalar("SELECT id FROM workspaces WHERE name = $1")
                        .bind(name)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(id.map(|id| $crate::accounts::Workspace {
                    id,
                    name: name.to_string(),
                }))
            }

            async fn workspaces(
                &self,
            ) -> Result<Vec<$crate::accounts::Workspace>, $crate::StoreError> {
                let rows: Vec<($crate::Id, String)> =
                    sqlx::query_as("SELECT id, name FROM workspaces ORDER BY name")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name)| $crate::accounts::Workspace { id, name })
                    .collect())
            }

            async fn memberships(
                &self,
                user: $crate::Id,
            ) -> Result<Vec<($crate::accounts::Workspace, $crate::accounts::Access)>, $crate::StoreError>
            {
                let rows: Vec<($crate::Id, String, String)> = sqlx::query_as(
                    "SELECT w.id, w.name, m.access FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
                     WHERE m.user_id = $1 ORDER BY w.name",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, name, access)| {
                        Ok((
                            $crate::accounts::Workspace { id, name },
                            $crate::accounts::access_of(&access)?,
                        ))
                    })
                    .collect()
            }

            async fn members(
                &self,
                workspace: $crate::Id,
            ) -> Result<Vec<($crate::accounts::User, $crate::accounts::Access)>, $crate::StoreError>
            {
                let rows = sqlx::query(
                    "SELECT u.id, u.email, u.name, u.admin, u.created_at, m.access FROM memberships m
                     JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 ORDER BY u.email",
                )
                .bind(workspace)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        use sqlx::Row;
                        Ok((
                            $crate::accounts::user_of(r)?,
                            $crate::accounts::access_of(&r.try_get::<String, _>("access")?)?,
                        ))
                    })
                    .collect()
            }

            async fn set_access(
                &self,
                workspace: $crate::Id,
                user: $crate::Id,
                access: Option<$crate::accounts::Access>,
            ) -> Result<$crate::accounts::AccessChanged, $crate::StoreError> {
                use $crate::accounts::{Access, AccessChanged};
                let mut tx = self.write().await?;
                // The workspace's row, locked (PostgreSQL) or written (SQLite's one writer): two
                // owners demoting each other at once cannot both succeed.
                let found = sqlx::query("UPDATE workspaces SET name = name WHERE id = $1")
                    .bind(workspace)
                    .execute(&mut *tx)
                    .await?;
                if found.rows_affected() == 0 {
                    return Ok(AccessChanged::NotMember);
                }
                let current: Option<String> = sqlx::query_scalar(
                    "SELECT access FROM memberships WHERE workspace_id = $1 AND user_id = $2",
                )
                .bind(workspace)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
                if current.is_none() && access.is_none() {
                    return Ok(AccessChanged::NotMember);
                }
                if current.as_deref() == Some(Access::Owner.as_str()) && access != Some(Access::Owner)
                {
                    let owners: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM memberships WHERE workspace_id = $1 AND access = 'owner'",
                    )
                    .bind(workspace)
                    .fetch_one(&mut *tx)
                    .await?;
                    if owners <= 1 {
                        return Ok(AccessChanged::LastOwner);
                    }
                }
                match access {
                    Some(access) => {
                        sqlx::query(
                            "INSERT INTO memberships (workspace_id, user_id, access) VALUES ($1, $2, $3)
                             ON CONFLICT (workspace_id, user_id) DO UPDATE SET access = excluded.access",
                        )
                        .bind(workspace)
                        .bind(user)
                        .bind(access.as_str())
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2")
                            .bind(workspace)
                            .bind(user)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(AccessChanged::Done)
            }

            async fn access(
                &self,
                workspace: $crate::Id,
                user: $crate::Id,
            ) -> Result<Option<$crate::accounts::Access>, $crate::StoreError> {
                let access: Option<String> = sqlx::query_scalar(
                    "SELECT access FROM memberships WHERE workspace_id = $1 AND user_id = $2",
                )
                .bind(workspace)
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
                access.map(|a| $crate::accounts::access_of(&a)).transpose()
            }

            async fn adopt_unassigned(
                &self,
                workspace: $crate::Id,
            ) -> Result<u64, $crate::StoreError> {
                // Rows locked in id order, like every other writer of several assessments (on
                // PostgreSQL; SQLite has one writer at a time).
                let statement = format!(
                    "UPDATE assessments SET workspace_id = $1, revision = revision + 1 WHERE id IN
                     (SELECT id FROM assessments WHERE workspace_id IS NULL ORDER BY id{})",
                    <$store>::LOCK_ROWS
                );
                let mut tx = self.write().await?;
                let done = sqlx::query(&statement)
                    .bind(workspace)
                    .execute(&mut *tx)
                    .await?;
                // Their series follow them (a series' rounds are of one workspace).
                sqlx::query(
                    "UPDATE series SET workspace_id = $1 WHERE workspace_id IS NULL
                     AND id IN (SELECT series_id FROM assessments WHERE workspace_id = $1)",
                )
                .bind(workspace)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(done.rows_affected())
            }

            async fn set_link(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
                link_hash: Option<&[u8]>,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE respondents SET link_hash = $3 WHERE id = $2 AND assessment_id = $1",
                )
                .bind(assessment)
                .bind(respondent)
                .bind(link_hash)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn link_target(
                &self,
                link_hash: &[u8],
            ) -> Result<Option<$crate::accounts::LinkTarget>, $crate::StoreError> {
                #[allow(clippy::type_complexity)]
                let row: Option<($crate::Id, $crate::Id, Option<i64>, i64, Option<$crate::Id>, String, String, Option<i64>)> = sqlx::query_as(
                    "SELECT r.assessment_id, r.id, r.submitted_at, a.share_results, a.workspace_id, r.name, r.position, a.closed_at
                     FROM respondents r JOIN assessments a ON a.id = r.assessment_id WHERE r.link_hash = $1",
                )
                .bind(link_hash)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(
                    |(assessment, respondent, submitted_at, share, workspace, name, position, closed)| {
                        $crate::accounts::LinkTarget {
                            assessment,
                            respondent,
                            submitted_at,
                            share_results: share != 0,
                            workspace,
                            name: format!("{name} ({position})"),
                            closed: closed.is_some(),
                        }
                    },
                ))
            }

            async fn invite(
                &self,
                workspace: $crate::Id,
                email: &$crate::accounts::Email,
                access: $crate::accounts::Access,
                token_hash: &[u8],
                expires_at: i64,
            ) -> Result<$crate::Id, $crate::StoreError> {
                let mut tx = self.write().await?;
                // One row per address and workspace (a unique index): a new invitation replaces
                // the old one's link, access and expiry, also when two are made at once.
                let id: $crate::Id = sqlx::query_scalar(
                    "INSERT INTO invitations (token_hash, workspace_id, email, access, created_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (workspace_id, email) DO UPDATE SET token_hash = excluded.token_hash,
                     access = excluded.access, created_at = excluded.created_at, expires_at = excluded.expires_at
                     RETURNING id",
                )
                .bind(token_hash)
                .bind(workspace)
                .bind(email.as_str())
                .bind(access.as_str())
                .bind($crate::accounts::now())
                .bind(expires_at)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn invitation(
                &self,
                token_hash: &[u8],
                now: i64,
            ) -> Result<Option<$crate::accounts::Invitation>, $crate::StoreError> {
                let row: Option<($crate::Id, $crate::Id, String, String, String, i64)> =
                    sqlx::query_as(
                        "SELECT i.id, w.id, w.name, i.email, i.access, i.expires_at
                         FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
                         WHERE i.token_hash = $1 AND i.expires_at > $2",
                    )
                    .bind(token_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map($crate::accounts::invitation_of).transpose()
            }

            async fn invitations(
                &self,
                workspace: $crate::Id,
                now: i64,
            ) -> Result<Vec<$crate::accounts::Invitation>, $crate::StoreError> {
                let rows: Vec<($crate::Id, $crate::Id, String, String, String, i64)> =
                    sqlx::query_as(
                        "SELECT i.id, w.id, w.name, i.email, i.access, i.expires_at
                         FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
                         WHERE i.workspace_id = $1 AND i.expires_at > $2 ORDER BY i.id",
                    )
                    .bind(workspace)
                    .bind(now)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map($crate::accounts::invitation_of).collect()
            }

            async fn take_invitation(
                &self,
                token_hash: &[u8],
                now: i64,
            ) -> Result<Option<$crate::accounts::Invitation>, $crate::StoreError> {
                let mut tx = self.write().await?;
                let row: Option<($crate::Id, $crate::Id, String, String, i64)> = sqlx::query_as(
                    "DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2
                     RETURNING id, workspace_id, email, access, expires_at",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, workspace, email, access, expires_at)) = row else {
                    return Ok(None);
                };
                let name: Option<String> =
                    sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
                        .bind(workspace)
                        .fetch_optional(&mut *tx)
                        .await?;
                tx.commit().await?;
                name.map(|name| {
                    $crate::accounts::invitation_of((id, workspace, name, email, access, expires_at))
                })
                .transpose()
            }

            async fn end_invitation(
                &self,
                workspace: $crate::Id,
                id: $crate::Id,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let done = sqlx::query("DELETE FROM invitations WHERE id = $1 AND workspace_id = $2")
                    .bind(id)
                    .bind(workspace)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_share_results(
                &self,
                assessment: $crate::Id,
                share: bool,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.write().await?;
                let done = sqlx::query("UPDATE assessments SET share_results = $2 WHERE id = $1")
                    .bind(assessment)
                    .bind(i64::from(share))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn share_results(
                &self,
                assessment: $crate::Id,
            ) -> Result<Option<bool>, $crate::StoreError> {
                let share: Option<i64> =
                    sqlx::query_scalar("SELECT share_results FROM assessments WHERE id = $1")
                        .bind(assessment)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(share.map(|s| s != 0))
            }

            async fn set_submitted(
                &self,
                assessment: $crate::Id,
                respondent: $crate::Id,
                at: Option<i64>,
                by: Option<&str>,
            ) -> Result<$crate::Submission, $crate::StoreError> {
                let mut tx = self.write().await?;
                if at.is_some() {
                    // Drafts neither kept, changed nor cleared (see `crate::Draft::state`).
                    let left: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM drafts d WHERE d.respondent_id = $1 AND d.cleared = 0
                         AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.respondent_id = d.respondent_id
                           AND x.role = d.role)",
                    )
                    .bind(respondent)
                    .fetch_one(&mut *tx)
                    .await?;
                    if left > 0 {
                        return Ok($crate::Submission::DraftsLeft(left));
                    }
                }
                // The answers saved before come first in the audit log.
                $crate::accounts::move_pending!(
                    tx,
                    $crate::Pending::Respondent(respondent).bounds()
                );
                let done = sqlx::query(
                    "UPDATE respondents SET submitted_at = $3, submitted_by = $4
                     WHERE id = $2 AND assessment_id = $1",
                )
                .bind(assessment)
                .bind(respondent)
                .bind(at)
                .bind(at.and(by))
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok($crate::Submission::NotFound);
                }
                sqlx::query("UPDATE assessments SET revision = revision + 1 WHERE id = $1")
                    .bind(assessment)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok($crate::Submission::Done)
            }

            async fn sheet_states(
                &self,
                assessment: $crate::Id,
            ) -> Result<Vec<$crate::accounts::SheetState>, $crate::StoreError> {
                let rows: Vec<($crate::Id, i64, Option<i64>, Option<String>)> = sqlx::query_as(
                    "SELECT id, CAST(CASE WHEN link_hash IS NULL THEN 0 ELSE 1 END AS BIGINT), submitted_at,
                       submitted_by
                     FROM respondents WHERE assessment_id = $1 ORDER BY id",
                )
                .bind(assessment)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, link, submitted_at, submitted_by)| {
                        $crate::accounts::SheetState {
                            id,
                            link: link != 0,
                            submitted_at,
                            submitted_by,
                        }
                    })
                    .collect())
            }

            async fn get_secret(
                &self,
                name: &str,
            ) -> Result<Option<Vec<u8>>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
                    .bind(name)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn set_secret(
                &self,
                name: &str,
                value: Option<&[u8]>,
            ) -> Result<(), $crate::StoreError> {
                match value {
                    Some(v) => sqlx::query(
                        "INSERT INTO secrets (name, value) VALUES ($1, $2)
                         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    )
                    .bind(name)
                    .bind(v)
                    .execute(&self.pool)
                    .await?,
                    None => sqlx::query("DELETE FROM secrets WHERE name = $1")
                        .bind(name)
                        .execute(&self.pool)
                        .await?,
                };
                Ok(())
            }

            async fn session(
                &self,
                id_hash: &[u8],
                now: i64,
            ) -> Result<Option<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT data FROM sessions WHERE id_hash = $1 AND expires_at > $2",
                )
                .bind(id_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn save_session(
                &self,
                id_hash: &[u8],
                user: Option<$crate::Id>,
                data: &str,
                expires_at: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, user_id, data, expires_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (id_hash) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
                     expires_at = excluded.expires_at",
                )
                .bind(id_hash)
                .bind(user)
                .bind(data)
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn update_session(
                &self,
                id_hash: &[u8],
                data: &str,
                expires_at: i64,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE sessions SET data = $2, expires_at = $3 WHERE id_hash = $1",
                )
                .bind(id_hash)
                .bind(data)
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_session(&self, id_hash: &[u8]) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn end_sessions(
                &self,
                user: $crate::Id,
                except: Option<&[u8]>,
                now: i64,
            ) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query(
                    "DELETE FROM sessions WHERE (user_id = $1 AND ($2 IS NULL OR id_hash <> $2)) OR expires_at <= $3",
                )
                .bind(user)
                .bind(except)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            async fn record_failure(
                &self,
                keys: &[&str],
                at: i64,
                attempt: i64,
                forget_before: i64,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.write().await?;
                for key in keys {
                    sqlx::query("INSERT INTO login_failures (key, at, attempt) VALUES ($1, $2, $3)")
                        .bind(*key)
                        .bind(at)
                        .bind(attempt)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("DELETE FROM login_failures WHERE at < $1")
                    .bind(forget_before)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn failures_since(
                &self,
                key: &str,
                since: i64,
            ) -> Result<(i64, Option<i64>), $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at >= $2",
                )
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn forget_attempt(
                &self,
                keys: &[&str],
                attempt: i64,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.write().await?;
                for key in keys {
                    sqlx::query("DELETE FROM login_failures WHERE key = $1 AND attempt = $2")
                        .bind(*key)
                        .bind(attempt)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn clear_failures(&self, key: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM login_failures WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn shared_snapshot(
                &self,
                assessment: $crate::Id,
            ) -> Result<Option<(i64, String)>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT counted, figures FROM shared_snapshots WHERE assessment_id = $1",
                )
                .bind(assessment)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn offer_shared_snapshot(
                &self,
                assessment: $crate::Id,
                counted: i64,
                figures: &str,
                more: i64,
            ) -> Result<(i64, String), $crate::StoreError> {
                let mut tx = self.write().await?;
                sqlx::query(
                    "INSERT INTO shared_snapshots (assessment_id, counted, figures, taken_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (assessment_id) DO UPDATE
                     SET counted = excluded.counted, figures = excluded.figures,
                         taken_at = excluded.taken_at
                     WHERE shared_snapshots.counted + $5 <= excluded.counted",
                )
                .bind(assessment)
                .bind(counted)
                .bind(figures)
                .bind($crate::accounts::now())
                .bind(more)
                .execute(&mut *tx)
                .await?;
                let kept: (i64, String) = sqlx::query_as(
                    "SELECT counted, figures FROM shared_snapshots WHERE assessment_id = $1",
                )
                .bind(assessment)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(kept)
            }

            async fn prune_audit(
                &self,
                before: i64,
                actor: &str,
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.write().await?;
                let gone = sqlx::query("DELETE FROM audit_log WHERE at < $1")
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query(
                    "INSERT INTO audit_log (at, workspace_id, actor, client, action, subject, old_value, new_value)
                     VALUES ($1, NULL, $2, 'cli', 'audit.prune', $3, NULL, $4)",
                )
                .bind($crate::accounts::now())
                .bind(actor)
                .bind(format!("before:{before}"))
                .bind(format!("lines:{gone}"))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(gone)
            }

            async fn audit(
                &self,
                e: &$crate::accounts::AuditEntry,
            ) -> Result<(), $crate::StoreError> {
                self.audit_many(std::slice::from_ref(e)).await
            }

            async fn audit_many(
                &self,
                entries: &[$crate::accounts::AuditEntry],
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.write().await?;
                let at = $crate::accounts::now();
                for e in entries {
                    // The one writer of an audit line in a transaction (`items_impl!` expands it
                    // for each backend).
                    Self::audit_in(&mut tx, e, at).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn flush_audit(&self, which: $crate::Pending) -> Result<u64, $crate::StoreError> {
                let mut tx = self.write().await?;
                let written = $crate::accounts::move_pending!(tx, which.bounds());
                tx.commit().await?;
                Ok(written)
            }

            async fn audit_log(
                &self,
                workspace: Option<$crate::Id>,
                f: &$crate::accounts::AuditFilter,
            ) -> Result<Vec<$crate::accounts::AuditRow>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, at, workspace_id, actor, client, action, subject, old_value, new_value, actor_name
                     FROM audit_log WHERE (workspace_id = $1 OR ($1 IS NULL AND workspace_id IS NULL)) AND id < $2
                     AND ($3 IS NULL OR actor = $3 OR LOWER(actor) LIKE '%' || LOWER($3) || '%'
                       OR LOWER(actor_name) LIKE '%' || LOWER($3) || '%')
                     AND ($4 IS NULL OR action = $4 OR ($4 LIKE '%.' AND action LIKE $4 || '%'))
                     ORDER BY id DESC LIMIT $5",
                )
                .bind(workspace)
                .bind(f.before.unwrap_or($crate::Id::MAX))
                .bind(&f.actor)
                .bind(&f.action_prefix)
                .bind(i64::from(f.limit.max(1)))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map($crate::accounts::audit_of).collect()
            }
        }
    };
}
pub(crate) use accounts_impl;
