//! Sessions of logged-in people, kept in the database so that every instance on it sees them.
//!
//! The cookie carries 256 random bits; the database keeps only their SHA-256 (a copy of the
//! database gives no one a session). A session ends at logout, after `idle` without a request, and
//! `absolute` after login whatever happens; a new id is made at every login (an id planted before
//! login is worth nothing after it), and a password change ends the account's other sessions. Each
//! session has its own CSRF token, made at login: forms of a logged-in page carry it.
//!
//! Why not tower-sessions: it writes the session back on every request when sessions expire on
//! inactivity, keeps records that cannot be found by account (a password change must end the
//! account's other sessions), and its stores bring tables outside isomm's migrations. Here a
//! request reads its session with its account (one indexed read, kept for [`CACHE_FOR`] in the
//! instance's memory) and writes it at most once a minute. A logout or a new login on this
//! instance takes effect at once; one on another instance, or a password reset, within
//! [`CACHE_FOR`]. Only a login creates a session row: later writes change a row that still exists
//! and never bring back one a logout or a password change removed, and a read that was under way
//! when a session ended is not kept in the cache.

use std::time::Duration;

use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use isomm_store::Id;
use isomm_store::accounts::User;
use serde::{Deserialize, Serialize};

use crate::base::AppState;
use crate::base::ctx::cookie;
use crate::base::error::AppError;
use crate::base::tokens::{hash, random_bytes, well_formed};
use isomm_store::now;

pub const SESSION_COOKIE: &str = "isomm_session";
/// Over https: browsers refuse a `__Host-` cookie unless Secure, Path=/ and without Domain.
pub const SESSION_COOKIE_HTTPS: &str = "__Host-isomm_session";

/// A session is refreshed in the database (its idle deadline moved) at most this often.
const TOUCH_EVERY: i64 = 60;

/// How long a session read from the database is used again without reading it.
pub const CACHE_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// Sessions kept in memory at most; past that the cache starts again empty.
const CACHE_ENTRIES: usize = 10_000;

/// Sessions read lately (see [`CACHE_FOR`]), by id hash.
pub struct SessionCache {
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Default)]
struct CacheInner {
    /// Sessions by id hash, with when they were read.
    entries: std::collections::HashMap<Vec<u8>, (Instant, Session)>,
    /// When sessions (by id hash) and accounts ended here: a read that began before that is not
    /// kept, so a logout or password change is never undone by a request that was under way.
    ended: std::collections::HashMap<Vec<u8>, Instant>,
    ended_users: std::collections::HashMap<Id, Instant>,
}

impl Default for SessionCache {
    fn default() -> SessionCache {
        SessionCache {
            inner: std::sync::Mutex::new(CacheInner::default()),
        }
    }
}

use std::time::Instant;

impl SessionCache {
    fn get(&self, id_hash: &[u8]) -> Option<Session> {
        let inner = self.inner.lock().ok()?;
        let (at, session) = inner.entries.get(id_hash)?;
        (at.elapsed() < CACHE_FOR).then(|| session.clone())
    }

    /// Keeps a session read from the database at `read_at`, unless it (or its account) ended
    /// since.
    fn put(&self, session: &Session, read_at: Instant) {
        if let Ok(mut inner) = self.inner.lock() {
            let ended = inner
                .ended
                .get(&session.id_hash)
                .is_some_and(|t| *t >= read_at)
                || inner
                    .ended_users
                    .get(&session.user.id)
                    .is_some_and(|t| *t >= read_at);
            if ended {
                return;
            }
            if inner.entries.len() >= CACHE_ENTRIES {
                inner.entries.clear();
            }
            inner
                .entries
                .insert(session.id_hash.clone(), (Instant::now(), session.clone()));
        }
    }

    /// Drops marks older than any read that could still be under way.
    fn prune(inner: &mut CacheInner) {
        let keep = |t: &Instant| t.elapsed() < std::time::Duration::from_secs(60);
        if inner.ended.len() > CACHE_ENTRIES {
            inner.ended.retain(|_, t| keep(t));
        }
        if inner.ended_users.len() > CACHE_ENTRIES {
            inner.ended_users.retain(|_, t| keep(t));
        }
    }

    fn forget(&self, id_hash: &[u8]) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.entries.remove(id_hash);
            inner.ended.insert(id_hash.to_vec(), Instant::now());
            Self::prune(&mut inner);
        }
    }

    /// Forgets every session of an account (its password changed here).
    pub fn forget_user(&self, user: Id) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.entries.retain(|_, (_, s)| s.user.id != user);
            inner.ended_users.insert(user, Instant::now());
            Self::prune(&mut inner);
        }
    }
}

/// The shortest `--session-idle` and `--session-max`, in seconds: shorter ones end sessions while
/// people work (a session is written at most once a minute), and are refused at start.
pub const MIN_SESSION_SECS: u64 = 300;

/// How long sessions last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionTimes {
    /// Without a request for this long, a session ends.
    pub idle: Duration,
    /// This long after login, a session ends whatever happens.
    pub absolute: Duration,
}

impl Default for SessionTimes {
    fn default() -> SessionTimes {
        SessionTimes {
            idle: Duration::from_secs(2 * 3600),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

/// What the database keeps of a session.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Data {
    user: Id,
    csrf: String,
    created: i64,
    seen: i64,
    /// The workspace the person works in now (they may belong to several).
    workspace: Option<Id>,
}

/// The session of this request, when someone is logged in (cheap to clone: every request that
/// has one hands it on).
#[derive(Clone, Debug)]
pub struct Session(std::sync::Arc<SessionData>);

impl std::ops::Deref for Session {
    type Target = SessionData;

    fn deref(&self) -> &SessionData {
        &self.0
    }
}

/// What a [`Session`] holds.
#[derive(Debug)]
pub struct SessionData {
    id_hash: Vec<u8>,
    pub user: User,
    /// The CSRF token of this session.
    pub csrf: String,
    /// The workspace the person last chose: a wish, not a right (they may have been removed since).
    /// Only the access rule reads it (`access::decide`), and checks the membership at every
    /// request; pages read [`crate::base::access::Caller::workspace`].
    pub(in crate::base) remembered_workspace: Option<Id>,
    data: Data,
}

impl SessionData {
    pub fn id_hash(&self) -> &[u8] {
        &self.id_hash
    }
}

fn expires(data: &Data, times: &SessionTimes) -> i64 {
    (data.seen + times.idle.as_secs() as i64).min(data.created + times.absolute.as_secs() as i64)
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.tokens.https {
        SESSION_COOKIE_HTTPS
    } else {
        SESSION_COOKIE
    }
}

/// The `Set-Cookie` value that gives the browser a session id, or (`None`) takes it away.
fn set_cookie(state: &AppState, id: Option<&str>) -> HeaderValue {
    let mut made = cookie::Cookie::build((cookie_name(state), id.unwrap_or("")))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(state.tokens.https);
    if id.is_none() {
        made = made.max_age(cookie::time::Duration::ZERO);
    }
    HeaderValue::from_str(&made.to_string()).expect("cookie values are ASCII")
}

/// The session of a request (valid, not expired, its account still there), from its cookie; moves
/// its idle deadline at most once a minute.
pub async fn find_in(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, AppError> {
    match cookie(headers, cookie_name(state)) {
        Some(id) => find(state, &id).await,
        None => Ok(None),
    }
}

async fn find(state: &AppState, id: &str) -> Result<Option<Session>, AppError> {
    if !well_formed(id) {
        return Ok(None);
    }
    let id_hash = hash(id);
    let t = now();
    if let Some(hit) = state.session_cache.get(&id_hash) {
        return Ok(Some(hit));
    }
    let read_at = Instant::now();
    let Some((json, user)) = state.store.session_user(&id_hash, t).await? else {
        return Ok(None);
    };
    let Ok(mut data) = serde_json::from_str::<Data>(&json) else {
        state.store.delete_session(&id_hash).await?;
        return Ok(None);
    };
    if expires(&data, &state.session_times) <= t {
        state.store.delete_session(&id_hash).await?;
        return Ok(None);
    }
    if t - data.seen >= TOUCH_EVERY {
        data.seen = t;
        if !update(state, &id_hash, &data).await? {
            return Ok(None); // ended meanwhile
        }
    }
    let session = Session(std::sync::Arc::new(SessionData {
        id_hash,
        user,
        csrf: data.csrf.clone(),
        remembered_workspace: data.workspace,
        data,
    }));
    state.session_cache.put(&session, read_at);
    Ok(Some(session))
}

/// Changes a session that still exists; false when it ended (a logout, a password change) since
/// this request read it.
async fn update(state: &AppState, id_hash: &[u8], data: &Data) -> Result<bool, AppError> {
    let json = serde_json::to_string(data).expect("session data serialises");
    let kept = state
        .store
        .update_session(id_hash, &json, expires(data, &state.session_times))
        .await?;
    // The cached copy is older than this change.
    if let Ok(mut inner) = state.session_cache.inner.lock() {
        inner.entries.remove(id_hash);
    }
    Ok(kept)
}

/// Creates a session (at login).
async fn save(state: &AppState, id_hash: &[u8], data: &Data) -> Result<(), AppError> {
    let json = serde_json::to_string(data).expect("session data serialises");
    state
        .store
        .save_session(
            id_hash,
            Some(data.user),
            &json,
            expires(data, &state.session_times),
        )
        .await?;
    Ok(())
}

/// Starts a session for `user` (at login), ending `previous` if there was one: a new id and a new
/// CSRF token. Returns the `Set-Cookie` header value.
pub async fn start(
    state: &AppState,
    user: Id,
    workspace: Option<Id>,
    previous: Option<&Session>,
) -> Result<HeaderValue, AppError> {
    if let Some(old) = previous {
        state.session_cache.forget(&old.id_hash);
        state.store.delete_session(&old.id_hash).await?;
    }
    let id = hex::encode(random_bytes::<32>());
    let t = now();
    let data = Data {
        user,
        csrf: hex::encode(random_bytes::<16>()),
        created: t,
        seen: t,
        workspace,
    };
    save(state, &hash(&id), &data).await?;
    Ok(set_cookie(state, Some(&id)))
}

/// Ends a session (logout); returns the `Set-Cookie` header value that removes the cookie.
pub async fn end(state: &AppState, session: &Session) -> Result<HeaderValue, AppError> {
    state.session_cache.forget(&session.id_hash);
    state.store.delete_session(&session.id_hash).await?;
    Ok(set_cookie(state, None))
}

/// Makes `workspace` the session's current workspace, when its person is a member of it (else the
/// 404 of a workspace that does not exist).
pub async fn switch(state: &AppState, session: &Session, workspace: Id) -> Result<(), AppError> {
    if state
        .store
        .access(workspace, session.user.id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let mut data = session.data.clone();
    data.workspace = Some(workspace);
    if update(state, &session.id_hash, &data).await? {
        Ok(())
    } else {
        Err(AppError::LoginNeeded)
    }
}

/// Adds a session's cookie to a response.
pub fn with_cookie(mut response: Response, value: HeaderValue) -> Response {
    response.headers_mut().append(SET_COOKIE, value);
    response
}
