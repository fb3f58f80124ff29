//! Who may do what: the access rules of the route table (`routes.rs`), applied by [`enforce`]
//! before a route's handler runs, and the [`Caller`] (and [`AssessmentId`]) it hands the handler:
//! the membership, access and audience computed once for the request.
//!
//! Architecture invariant: a handler runs only after its route's rule let the caller through, and a
//! caller who is not a member of an assessment's workspace gets exactly the 404 of an id that does
//! not exist. A write (POST) to a closed round, by an account or through a link, is refused here
//! (409) before any handler runs.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::Method;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use isomm_store::Id;
use isomm_store::accounts::{Access, LinkTarget};

use crate::base::AppState;
use crate::base::error::AppError;
use crate::base::session::Session;

/// Who a route lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, and no session is looked up: health checks and assets (they answer whatever the
    /// database is doing).
    Open,
    /// Anyone: the login page, the language switch.
    Public,
    /// Anyone logged in.
    Account,
    /// An instance admin.
    Admin,
    /// A member of the current workspace with at least this access.
    Workspace(Access),
    /// A member of the workspace of the assessment in the path (`{id}`) with at least this access.
    Assessment(Access),
    /// The same for two assessments of one workspace, `{id}` and the one after `/compare/`
    /// (`{earlier}`): both readable, else the 404 of an id that does not exist.
    Assessments(Access),
    /// A member of the workspace of the series in the path (`/series/{id}`) with at least this
    /// access; anyone else gets the 404 of a series that does not exist.
    Series(Access),
    /// The holder of a respondent's private link (`{token}` in the path): that respondent's sheet
    /// only, without an account.
    Link,
}

/// Whether a route's write may change a closed round: only reopening one does; every other POST
/// on a closed round is refused (409) here, and so is a page that is only a write's form (`Form`:
/// its form could not be sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosedRounds {
    Refused,
    Allowed,
    /// A GET showing the form of a write (the assessment's edit form): refused like the write.
    Form,
}

/// Who is calling, once the route's rule let them through: handlers take it to know the account,
/// the workspace and the access they act with.
#[derive(Clone, Debug)]
pub struct Caller {
    pub session: Option<Session>,
    /// The workspace the request acts in (the assessment's, or the current one) and the caller's
    /// access there.
    pub workspace: Option<(Id, Access)>,
    /// On a route of an assessment: its revision, read with the access check (cached results are
    /// keyed by it).
    pub revision: Option<isomm_store::Revision>,
    /// On a private link's route: the respondent it leads to, and the link's token.
    pub link: Option<(LinkTarget, String)>,
    /// On a route of an assessment: its id, read from the path once, with the access check.
    pub assessment: Option<Id>,
    /// On a route of two assessments ([`Rule::Assessments`]): the other one and its revision.
    pub compared: Option<(Id, isomm_store::Revision)>,
}

impl Caller {
    pub fn user(&self) -> Option<Id> {
        self.session.as_ref().map(|s| s.user.id)
    }

    /// The workspace the request acts in: the member's, or the assessment's of a private link (where
    /// the audit lines of what its holder does go).
    pub fn acting_workspace(&self) -> Option<Id> {
        self.workspace
            .map(|(w, _)| w)
            .or_else(|| self.link.as_ref().and_then(|(target, _)| target.workspace))
    }

    /// The workspace of a member's request, for the routes that act on one (members, the audit
    /// log): refused as "no workspace" otherwise.
    pub fn workspace_id(&self) -> Result<Id, AppError> {
        self.workspace.map(|(w, _)| w).ok_or(AppError::NoWorkspace)
    }

    /// The caller's session, on the routes that need someone logged in (their rule let only such
    /// callers through; 401 otherwise).
    pub fn session(&self) -> Result<&Session, AppError> {
        self.session.as_ref().ok_or(AppError::LoginNeeded)
    }

    /// An audit line of something this caller did in the workspace the request acts in.
    pub fn audit(
        &self,
        client: &crate::base::ClientAddr,
        action: &str,
        subject: impl Into<String>,
    ) -> isomm_store::accounts::AuditEntry {
        isomm_store::accounts::AuditEntry {
            workspace: self.acting_workspace(),
            actor_name: self.actor_name(),
            ..isomm_store::accounts::AuditEntry::new(
                self.actor(),
                client.0.clone(),
                action,
                subject,
            )
        }
    }

    /// How people read this caller in the audit log: `name <e-mail>` for an account, the
    /// respondent's `name (position)` for a private link.
    pub fn actor_name(&self) -> Option<String> {
        match (&self.session, &self.link) {
            (Some(s), _) => Some(format!("{} <{}>", s.user.name, s.user.email)),
            (None, Some((target, _))) => Some(target.name.clone()),
            (None, None) => None,
        }
    }

    /// Which fields of the answers this caller reads in results: their access's audience in the
    /// workspace; a private link's holder and anyone else, results only.
    pub fn audience(&self) -> isomm_core::Audience {
        match (&self.link, self.workspace) {
            (None, Some((_, access))) => access.audience(),
            _ => isomm_core::Audience::Results,
        }
    }

    /// How the audit log names this caller.
    pub fn actor(&self) -> String {
        match &self.session {
            Some(s) => format!("user:{} {}", s.user.id, s.user.email),
            None => "anonymous".into(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Caller, AppError> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| AppError::Job("a handler ran without its access rule".into()))
    }
}

/// The assessment of the path (`/assessments/{id}/…`), as its route's access rule found it: a
/// handler takes this, never the raw path, so the id it acts on is the one that was checked.
#[derive(Clone, Copy, Debug)]
pub struct AssessmentId(pub Id);

impl<S: Send + Sync> FromRequestParts<S> for AssessmentId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<AssessmentId, AppError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller
            .assessment
            .map(AssessmentId)
            .ok_or(AppError::NotFound)
    }
}

/// The first path segment after `/assessments/`, when it is an id.
fn assessment_id(path: &str) -> Option<Id> {
    path.strip_prefix("/assessments/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// The id after `/compare/` in a path (`/assessments/{id}/compare/{earlier}/…`).
fn compared_id(path: &str) -> Option<Id> {
    path.split("/compare/")
        .nth(1)?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// Middleware for one route: applies its rule, then puts the [`Caller`] in the request.
pub async fn enforce(
    State((state, rule, closed)): State<(AppState, Rule, ClosedRounds)>,
    mut request: Request,
    next: Next,
) -> Response {
    if rule == Rule::Open {
        return next.run(request).await;
    }
    let session = match crate::base::session::find_in(&state, request.headers()).await {
        Ok(session) => session,
        Err(e) => return e.into_response(),
    };
    if let Some(s) = &session {
        request.extensions_mut().insert(s.clone());
    }
    let method = request.method().clone();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    let writes = match closed {
        ClosedRounds::Refused => method == Method::POST,
        ClosedRounds::Form => true,
        ClosedRounds::Allowed => false,
    };
    let caller = match decide(&state, rule, session, &method, &path_and_query, writes).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}

async fn decide(
    state: &AppState,
    rule: Rule,
    session: Option<Session>,
    method: &Method,
    path_and_query: &str,
    writes: bool,
) -> Result<Caller, Response> {
    let public = Caller {
        session: session.clone(),
        workspace: None,
        revision: None,
        link: None,
        assessment: None,
        compared: None,
    };
    if matches!(rule, Rule::Open | Rule::Public) {
        return Ok(public);
    }
    if rule == Rule::Link {
        // `/r/{token}/…`: the link is the credential; an unknown or revoked one is not found.
        let path = path_and_query.split('?').next().unwrap_or_default();
        let token = path
            .strip_prefix("/r/")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default();
        let target = crate::base::links::target(state, token)
            .await
            .map_err(|e| e.into_response())?
            .ok_or_else(|| AppError::LinkGone.into_response())?;
        // The sheet of a closed round no longer changes.
        if writes && target.closed {
            return Err(AppError::RoundClosed.into_response());
        }
        // Writes through one link are rate-limited (a person saves a few times a minute).
        if method == Method::POST
            && let Err(wait) = state.link_writes.take(token, std::time::Instant::now())
        {
            return Err(AppError::SlowDown(wait.as_secs().max(1)).into_response());
        }
        return Ok(Caller {
            link: Some((target, token.to_string())),
            ..public
        });
    }
    let Some(session) = session else {
        return Err(to_login(method, path_and_query));
    };
    let fail = |e: AppError| e.into_response();
    match rule {
        Rule::Open | Rule::Public | Rule::Link => Ok(public),
        // The access in the current workspace, for the page to offer only what the caller may do.
        Rule::Account => {
            let workspace = match session.remembered_workspace {
                Some(w) => state
                    .store
                    .access(w, session.user.id)
                    .await
                    .map_err(|e| fail(e.into()))?
                    .map(|a| (w, a)),
                None => None,
            };
            Ok(Caller {
                workspace,
                session: Some(session),
                ..public
            })
        }
        Rule::Admin if session.user.admin => Ok(public),
        Rule::Admin => Err(AppError::NotFound.into_response()),
        Rule::Workspace(needed) => {
            let Some(workspace) = session.remembered_workspace else {
                return Err(AppError::NoWorkspace.into_response());
            };
            let access = state
                .store
                .access(workspace, session.user.id)
                .await
                .map_err(|e| fail(e.into()))?;
            match access {
                Some(a) if a.allows(needed) => Ok(Caller {
                    session: Some(session),
                    workspace: Some((workspace, a)),
                    revision: None,
                    link: None,
                    assessment: None,
                    compared: None,
                }),
                Some(_) => Err(AppError::Forbidden.into_response()),
                None => Err(AppError::NoWorkspace.into_response()),
            }
        }
        Rule::Assessment(needed) => {
            let path = path_and_query.split('?').next().unwrap_or_default();
            let id = assessment_id(path).ok_or_else(|| AppError::NotFound.into_response())?;
            let found = state
                .store
                .assessment_access(id, session.user.id)
                .await
                .map_err(|e| fail(e.into()))?;
            let closed = found.is_some_and(|f| f.closed);
            let found = found.map(|f| (f.workspace, f.access, f.revision));
            match found {
                // A closed round never changes: every write to it is refused here, whatever it
                // writes (answers, respondents, links, settings, uploads).
                Some((Some(_), Some(a), _)) if a.allows(needed) && closed && writes => {
                    Err(AppError::RoundClosed.into_response())
                }
                Some((Some(workspace), Some(a), revision)) if a.allows(needed) => Ok(Caller {
                    session: Some(session),
                    workspace: Some((workspace, a)),
                    revision: Some(revision),
                    link: None,
                    assessment: Some(id),
                    compared: None,
                }),
                Some((Some(_), Some(_), _)) => Err(AppError::Forbidden.into_response()),
                // Not a member (or an assessment no one has taken yet): the same answer as an
                // assessment that does not exist.
                _ => Err(AppError::NotFound.into_response()),
            }
        }
        Rule::Series(needed) => {
            let path = path_and_query.split('?').next().unwrap_or_default();
            let not_found = || AppError::NotFound.into_response();
            let id: Id = path
                .strip_prefix("/series/")
                .and_then(|rest| rest.split('/').next())
                .and_then(|s| s.parse().ok())
                .ok_or_else(not_found)?;
            let workspace = state
                .store
                .series_workspace(id)
                .await
                .map_err(|e| fail(e.into()))?
                .flatten()
                .ok_or_else(not_found)?;
            let access = state
                .store
                .access(workspace, session.user.id)
                .await
                .map_err(|e| fail(e.into()))?;
            match access {
                Some(a) if a.allows(needed) => Ok(Caller {
                    session: Some(session),
                    workspace: Some((workspace, a)),
                    ..public
                }),
                Some(_) => Err(AppError::Forbidden.into_response()),
                None => Err(not_found()),
            }
        }
        Rule::Assessments(needed) => {
            // Read-only routes (comparisons): both assessments in one workspace the caller
            // reads; anything else is the 404 of an id that does not exist.
            let path = path_and_query.split('?').next().unwrap_or_default();
            let not_found = || AppError::NotFound.into_response();
            let (id, other) = assessment_id(path)
                .zip(compared_id(path))
                .ok_or_else(not_found)?;
            let mut found = Vec::with_capacity(2);
            for a in [id, other] {
                let f = state
                    .store
                    .assessment_access(a, session.user.id)
                    .await
                    .map_err(|e| fail(e.into()))?
                    .ok_or_else(not_found)?;
                found.push(f);
            }
            match (found[0], found[1]) {
                (
                    isomm_store::AssessmentAccess {
                        workspace: Some(w),
                        access: Some(a),
                        revision,
                        ..
                    },
                    isomm_store::AssessmentAccess {
                        workspace: Some(w2),
                        revision: other_revision,
                        ..
                    },
                ) if w == w2 && a.allows(needed) => Ok(Caller {
                    session: Some(session),
                    workspace: Some((w, a)),
                    revision: Some(revision),
                    link: None,
                    assessment: Some(id),
                    compared: Some((other, other_revision)),
                }),
                (
                    isomm_store::AssessmentAccess {
                        workspace: Some(w),
                        access: Some(_),
                        ..
                    },
                    isomm_store::AssessmentAccess {
                        workspace: Some(w2),
                        ..
                    },
                ) if w == w2 => Err(AppError::Forbidden.into_response()),
                _ => Err(not_found()),
            }
        }
    }
}

/// Not logged in: a page goes to the login form and comes back; anything else is 401.
fn to_login(method: &Method, here: &str) -> Response {
    if method == Method::GET {
        let next: String = url_escape(here);
        Redirect::to(&format!("/login?next={next}")).into_response()
    } else {
        AppError::LoginNeeded.into_response()
    }
}

/// Percent-encodes a path for a query value: all but letters, digits, `-_.~` and `/`.
fn url_escape(text: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(text, KEEP).to_string()
}
