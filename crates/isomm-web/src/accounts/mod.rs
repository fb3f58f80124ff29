//! Logging in and out, and switching workspace.
//!
//! A login is throttled per account and per client address, with the counts in the database (every
//! instance shares them): after [`ACCOUNT_FAILURES`] failures for one e-mail, or
//! [`CLIENT_FAILURES`] from one address, within [`WINDOW`] seconds, logins are answered 429 with
//! `Retry-After` until the window has passed. Each attempt is counted before its password is
//! checked, so attempts sent at once cannot all slip through; guesses of the current password on
//! the account page count too. An unknown e-mail and a wrong password get the same
//! message, the same password hashing and the same writes.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::ctx::safe_next;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use crate::base::forms::Query;
use crate::base::prelude::*;
use crate::base::session;
use crate::base::session::Session;
use crate::base::tokens;
use crate::base::words::account_message;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::Email;
use isomm_store::auth::AccountError;
use isomm_store::auth::NewAccount;
use isomm_store::auth::add_account;
use isomm_store::auth::verify_nobody;
use isomm_store::auth::verify_password;
use isomm_store::now;

/// Failed logins for one e-mail within the window before it is refused.
pub const ACCOUNT_FAILURES: i64 = 5;

/// Failed logins from one client address within the window before it is refused.
pub const CLIENT_FAILURES: i64 = 20;

/// Seconds failures are counted over.
pub const WINDOW: i64 = 15 * 60;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    next: String,
    email: String,
    failed: bool,
    /// No account exists yet: the page says the setup link is in the terminal isomm started in.
    no_account: bool,
}

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Next>,
) -> Result<Html<String>> {
    let page = LoginPage {
        ctx,
        next: safe_next(q.next.as_deref()),
        email: String::new(),
        failed: false,
        no_account: state.store.user_count().await? == 0,
    };
    Ok(Html(page.render()?))
}

/// One login attempt, counted under its keys until it is known to have failed.
struct Attempt<'a> {
    keys: Vec<&'a str>,
    id: i64,
}

/// Counts an attempt under each key before its password is checked (so that attempts sent at
/// once cannot all pass the check), then refuses it (429, with the seconds to wait) when a key has
/// more failures than its limit within the window. A refused attempt is taken back at once: only
/// attempts whose password was checked and wrong stay counted, so a lockout ends when the window
/// after the last real failure has passed, even while refused attempts go on.
async fn count_attempt<'a>(
    state: &AppState,
    keys: &[(&'a str, i64)],
    t: i64,
) -> Result<Attempt<'a>> {
    let attempt = Attempt {
        keys: keys.iter().map(|(k, _)| *k).collect(),
        id: i64::from_le_bytes(tokens::random_bytes::<8>()),
    };
    state
        .store
        .record_failure(&attempt.keys, t, attempt.id, t - WINDOW)
        .await?;
    for (key, limit) in keys {
        let (count, oldest) = state.store.failures_since(key, t - WINDOW).await?;
        if count > *limit {
            state
                .store
                .forget_attempt(&attempt.keys, attempt.id)
                .await?;
            // Once the oldest failure is out of the window, there is room for one more attempt.
            let wait = (oldest.unwrap_or(t) + WINDOW - t).max(1) as u64;
            return Err(AppError::TooManyAttempts(wait));
        }
    }
    Ok(attempt)
}

/// Takes back this attempt, and no other (it succeeded).
async fn succeeded(state: &AppState, attempt: &Attempt<'_>) -> Result<()> {
    state
        .store
        .forget_attempt(&attempt.keys, attempt.id)
        .await?;
    Ok(())
}

pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let typed = form.email();
    let password = form.get("password").unwrap_or_default().to_string();
    let next = safe_next(form.get("next"));
    let t = now();
    let account_key = format!("account:{}", typed.to_lowercase());
    // An IPv6 client is its /64, as for the connection cap.
    let client_key = match client.0.parse::<std::net::IpAddr>() {
        Ok(ip) => format!("client:{}", crate::base::serve::address_group(ip)),
        Err(_) => format!("client:{}", client.0),
    };
    let attempt = count_attempt(
        &state,
        &[
            (&account_key, ACCOUNT_FAILURES),
            (&client_key, CLIENT_FAILURES),
        ],
        t,
    )
    .await?;
    let found = match Email::parse(&typed) {
        Some(email) => state.store.credentials(&email).await?,
        None => None,
    };
    let user = match found {
        Some((user, hash)) => {
            let ok = state
                .passwords
                .run(move || verify_password(&password, &hash))
                .await?;
            ok.then_some(user)
        }
        None => {
            state
                .passwords
                .run(move || verify_nobody(&password))
                .await?;
            None
        }
    };
    let Some(user) = user else {
        // The attempt stays counted.
        state
            .store
            .audit(&AuditEntry::new(
                format!("login:{}", typed.to_lowercase()),
                client.0.clone(),
                "login.failed",
                "",
            ))
            .await?;
        let page = LoginPage {
            ctx,
            next,
            email: typed,
            failed: true,
            no_account: false,
        };
        return Ok((StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response());
    };
    // The account's own failures are forgotten (its owner knows the password); the address's
    // are not: a login of one's own account does not buy guesses at others.
    state.store.clear_failures(&account_key).await?;
    succeeded(&state, &attempt).await?;
    // The first workspace (by name) is the current one until the person switches.
    let workspace = state
        .store
        .memberships(user.id)
        .await?
        .first()
        .map(|(w, _)| w.id);
    let cookie = session::start(&state, user.id, workspace, caller.session.as_ref()).await?;
    state
        .store
        .audit(&AuditEntry {
            actor_name: Some(format!("{} <{}>", user.name, user.email)),
            ..AuditEntry::new(
                format!("user:{} {}", user.id, user.email),
                client.0,
                "login",
                "",
            )
        })
        .await?;
    Ok(session::with_cookie(see_other(&next), cookie))
}

pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
) -> Result<Response> {
    let session: &Session = caller.session()?;
    let cookie = session::end(&state, session).await?;
    state
        .store
        .audit(&AuditEntry {
            // Instance-wide, like the login.
            workspace: None,
            ..caller.audit(&client, "logout", "")
        })
        .await?;
    Ok(session::with_cookie(see_other("/login"), cookie))
}

/// Makes another of the person's workspaces the current one.
pub async fn switch_workspace(
    State(state): State<AppState>,
    caller: Caller,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let session = caller.session()?;
    // An id that is not one is a workspace that does not exist; membership is the session's check.
    let workspace: isomm_store::Id = form
        .text("workspace")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    session::switch(&state, session, workspace).await?;
    Ok(see_other("/"))
}

/// The secret that holds the hash of the one-time setup link's token.
pub const SETUP_SECRET: &str = "setup";

/// When the database has no account: makes a new one-time setup token (replacing any earlier
/// one) and returns it; `None` when there are accounts.
pub async fn setup_token(
    store: &dyn isomm_store::Store,
) -> Result<Option<String>, isomm_store::StoreError> {
    if store.user_count().await? > 0 {
        store.set_secret(SETUP_SECRET, None).await?;
        return Ok(None);
    }
    let token = hex::encode(tokens::random_bytes::<16>());
    store
        .set_secret(SETUP_SECRET, Some(&tokens::hash(&token)))
        .await?;
    Ok(Some(token))
}

/// Is this the setup token, and is there still no account?
async fn setup_valid(state: &AppState, token: &str) -> Result<bool> {
    let Some(stored) = state.store.get_secret(SETUP_SECRET).await? else {
        return Ok(false);
    };
    let same = tokens::same(&stored, &tokens::hash(token));
    Ok(same && state.store.user_count().await? == 0)
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    ctx: Ctx,
    token: String,
    email: String,
    name: String,
    workspace: String,
    /// Every problem of the form, in the order of its fields.
    errors: Vec<&'static str>,
}

pub async fn setup_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Html<String>> {
    if !setup_valid(&state, &token).await? {
        return Err(AppError::NotFound);
    }
    let page = SetupPage {
        ctx,
        token,
        email: String::new(),
        name: String::new(),
        workspace: String::new(),
        errors: Vec::new(),
    };
    Ok(Html(page.render()?))
}

/// Creates the first admin (owner of the workspace named) and logs them in.
pub async fn setup(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(token): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    if !setup_valid(&state, &token).await? {
        return Err(AppError::NotFound);
    }
    let (email, name, workspace) = (form.email(), form.text("name"), form.text("workspace"));
    let password = form.get("password").unwrap_or_default().to_string();
    let new_account = NewAccount {
        email: &email,
        name: &name,
        password: &password,
        workspace: Some((&workspace, isomm_store::accounts::Access::Owner)),
        admin: true,
    };
    let problems = {
        let (email, name, workspace, password) = (
            email.clone(),
            name.clone(),
            workspace.clone(),
            password.clone(),
        );
        state
            .heavy
            .run(move || {
                isomm_store::auth::account_problems(&NewAccount {
                    email: &email,
                    name: &name,
                    password: &password,
                    workspace: Some((&workspace, isomm_store::accounts::Access::Owner)),
                    admin: true,
                })
            })
            .await?
    };
    let refuse = |ctx: Ctx, problems: &[AccountError]| -> Result<Response> {
        let page = SetupPage {
            errors: problems
                .iter()
                .filter_map(|e| account_message(ctx.w, e))
                .collect(),
            ctx,
            token: token.clone(),
            email: email.clone(),
            name: name.clone(),
            workspace: workspace.clone(),
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
    };
    if !problems.is_empty() {
        return refuse(ctx, &problems);
    }
    let actor = format!("setup:{}", client.0);
    match add_account(&*state.store, &new_account, &actor, &client.0).await {
        Ok(made) => {
            state.store.set_secret(SETUP_SECRET, None).await?;
            let current = state
                .store
                .memberships(made.user)
                .await?
                .first()
                .map(|(w, _)| w.id);
            let cookie =
                session::start(&state, made.user, current, caller.session.as_ref()).await?;
            Ok(session::with_cookie(see_other("/"), cookie))
        }
        Err(AccountError::Store(e)) => Err(e.into()),
        Err(e) => refuse(ctx, &[e]),
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: Ctx,
    name: String,
    email: String,
    changed: bool,
    error: Option<&'static str>,
}

#[derive(serde::Deserialize)]
pub struct Changed {
    changed: Option<String>,
}

/// The person's own account: who they are, and a form to change the password.
pub async fn account_page(
    ctx: Ctx,
    caller: Caller,
    Query(q): Query<Changed>,
) -> Result<Html<String>> {
    let session = caller.session()?;
    let page = AccountPage {
        name: session.user.name.clone(),
        email: session.user.email.to_string(),
        ctx,
        changed: q.changed.is_some(),
        error: None,
    };
    Ok(Html(page.render()?))
}

/// A new password, given the current one: the account's other sessions end; this one stays.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let session = caller.session()?.clone();
    let current = form.get("current").unwrap_or_default().to_string();
    let password = form.get("password").unwrap_or_default().to_string();
    let again = form.get("again").unwrap_or_default();
    let refuse = |ctx: Ctx, error: &'static str| -> Result<Response> {
        let page = AccountPage {
            name: session.user.name.clone(),
            email: session.user.email.to_string(),
            ctx,
            changed: false,
            error: Some(error),
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
    };
    let (_, hash) = state
        .store
        .credentials(&session.user.email)
        .await?
        .ok_or(AppError::LoginNeeded)?;
    // Guesses of the current password count as failed logins of the account.
    let account_key = format!("account:{}", session.user.email);
    let t = now();
    let attempt = count_attempt(&state, &[(&account_key, ACCOUNT_FAILURES)], t).await?;
    if !state
        .passwords
        .run(move || verify_password(&current, &hash))
        .await?
    {
        let error = ctx.w.err_current_password;
        return refuse(ctx, error);
    }
    succeeded(&state, &attempt).await?;
    if password != again {
        let error = ctx.w.err_password_mismatch;
        return refuse(ctx, error);
    }
    let email = session.user.email.to_string();
    match isomm_store::auth::set_password(
        &*state.store,
        &email,
        &password,
        Some(session.id_hash()),
        &caller.actor(),
        &client.0,
    )
    .await
    {
        Ok(user) => {
            state.session_cache.forget_user(user);
            Ok(see_other("/account?changed=1"))
        }
        Err(AccountError::Store(e)) => Err(e.into()),
        Err(e) => {
            let message = account_message(ctx.w, &e).unwrap_or(ctx.w.err_password_guessable);
            refuse(ctx, message)
        }
    }
}
