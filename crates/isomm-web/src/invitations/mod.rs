//! Invitations: an owner invites someone by e-mail, with an access level, whether they have an
//! account or not (the owner learns nothing about accounts, and nobody becomes a member without
//! accepting). isomm shows a one-time link (`/invite/{token}`, 256 random bits, only its SHA-256
//! stored, valid for [`VALID_FOR`]) that the owner sends them; through it they join with the
//! account of that address (logged in), or make one, choosing their name and password, and arrive
//! logged in, a member of the workspace. isomm sends no e-mail.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::FormData;
use crate::base::forms::Path;
use crate::base::forms::Posted;
use crate::base::invitation::access_word;
use crate::base::session;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::Invitation;
use isomm_store::auth::AccountError;
use isomm_store::auth::NewAccount;
use isomm_store::auth::add_account;

/// The invitation a token leads to; an unknown, used, cancelled or expired one is not found.
async fn find(state: &AppState, token: &str) -> Result<Invitation> {
    if !crate::base::tokens::well_formed(token) {
        return Err(AppError::NotFound);
    }
    state
        .store
        .invitation(&crate::base::tokens::hash(token), isomm_store::now())
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    ctx: Ctx,
    token: String,
    workspace: String,
    email: String,
    access: &'static str,
    name: String,
    /// Every problem of the form, in the order of its fields.
    errors: Vec<&'static str>,
    /// Who is logged in, as the invitation sees them.
    visitor: Visitor,
    /// When logged in with another address: the sentence that says so.
    other_account: String,
}

/// Who opens an invitation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visitor {
    /// Nobody logged in: they make an account, or log in first.
    Anonymous,
    /// Logged in with the invited address: they join with that account.
    Invited,
    /// Logged in with another address: they log out first.
    Other,
}

fn visitor(caller: &Caller, invitation: &Invitation) -> Visitor {
    match &caller.session {
        None => Visitor::Anonymous,
        Some(s) if s.user.email == invitation.email => Visitor::Invited,
        Some(_) => Visitor::Other,
    }
}

fn invitation_page(
    ctx: Ctx,
    caller: &Caller,
    token: String,
    invitation: &Invitation,
    name: String,
    errors: Vec<&'static str>,
) -> InvitationPage {
    let other_account = match &caller.session {
        Some(s) => crate::base::words::say(
            ctx.lang,
            "invitation-other-account",
            &[("user", s.user.email.as_str())],
        ),
        None => String::new(),
    };
    InvitationPage {
        access: access_word(ctx.w, invitation.access),
        ctx,
        token,
        workspace: invitation.workspace.name.clone(),
        email: invitation.email.to_string(),
        name,
        errors,
        visitor: visitor(caller, invitation),
        other_account,
    }
}

pub async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    Path(token): Path<String>,
) -> Result<Html<String>> {
    let invitation = find(&state, &token).await?;
    let page = invitation_page(ctx, &caller, token, &invitation, String::new(), Vec::new());
    Ok(Html(page.render()?))
}

/// The invited person, logged in with the invited address, joins with their account: the
/// invitation is taken (once), the membership given, the session moved to the workspace.
async fn join(
    state: &AppState,
    caller: &Caller,
    client: &ClientAddr,
    token: &str,
) -> Result<Response> {
    let session = caller.session.as_ref().ok_or(AppError::LoginNeeded)?;
    let invitation = state
        .store
        .take_invitation(&crate::base::tokens::hash(token), isomm_store::now())
        .await?
        .ok_or(AppError::NotFound)?;
    if invitation.email != session.user.email {
        return Err(AppError::NotFound);
    }
    let workspace = invitation.workspace.id;
    // Someone already a member keeps what they have unless the invitation gives more (an
    // invitation never takes access away, and never the last owner's).
    let now = state.store.access(workspace, session.user.id).await?;
    if now.is_none_or(|a| !a.allows(invitation.access)) {
        state
            .store
            .set_access(workspace, session.user.id, Some(invitation.access))
            .await?;
    }
    state
        .store
        .audit(&AuditEntry {
            workspace: Some(workspace),
            new_value: Some(invitation.access.as_str().into()),
            // The person who accepted, as the log names people.
            actor_name: Some(format!("{} <{}>", session.user.name, session.user.email)),
            ..AuditEntry::new(
                format!("invitation:{}", invitation.id),
                client.0.clone(),
                "invitation.accept",
                format!("user:{} {}", session.user.id, invitation.email),
            )
        })
        .await?;
    session::switch(state, session, workspace).await?;
    Ok(crate::base::http::see_other("/"))
}

/// Makes the invited person's account, makes them a member and logs them in. The name and password
/// are checked first (a refusal leaves the invitation as it was); then the invitation is taken, in
/// one statement, so that it is used once even when sent twice at once, and not after an owner has
/// cancelled it.
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(token): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let invitation = find(&state, &token).await?;
    match visitor(&caller, &invitation) {
        Visitor::Invited => return join(&state, &caller, &client, &token).await,
        Visitor::Other => {
            let page = invitation_page(ctx, &caller, token, &invitation, String::new(), vec![]);
            return Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response());
        }
        Visitor::Anonymous => {}
    }
    let name = form.text("name");
    let password = form.get("password").unwrap_or_default().to_string();
    let refuse = |ctx: Ctx, invitation: Invitation, name: String, errors: &[AccountError]| {
        let errors = errors
            .iter()
            .filter_map(|e| match e {
                // The address has an account: the invited person logs in with it to join.
                AccountError::EmailTaken => Some(ctx.w.err_email_taken_log_in),
                e => crate::base::words::account_message(ctx.w, e),
            })
            .collect();
        let page = invitation_page(ctx, &caller, token.clone(), &invitation, name, errors);
        Ok::<_, AppError>((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
    };
    // The same checks as every new account (the e-mail and workspace are the invitation's).
    let problems = {
        let (email, name, password, workspace) = (
            invitation.email.to_string(),
            name.clone(),
            password.clone(),
            invitation.workspace.name.clone(),
        );
        let access = invitation.access;
        state
            .heavy
            .run(move || {
                isomm_store::auth::account_problems(&NewAccount {
                    email: &email,
                    name: &name,
                    password: &password,
                    workspace: Some((&workspace, access)),
                    admin: false,
                })
            })
            .await?
    };
    if !problems.is_empty() {
        return refuse(ctx, invitation, name, &problems);
    }
    // An address that has an account joins with it (logged in), never through a second one; the
    // invitation stays for that.
    if state.store.credentials(&invitation.email).await?.is_some() {
        return refuse(ctx, invitation, name, &[AccountError::EmailTaken]);
    }
    let invitation = state
        .store
        .take_invitation(&crate::base::tokens::hash(&token), isomm_store::now())
        .await?
        .ok_or(AppError::NotFound)?;
    let new_account = NewAccount {
        email: invitation.email.as_str(),
        name: &name,
        password: &password,
        workspace: Some((&invitation.workspace.name, invitation.access)),
        admin: false,
    };
    let actor = format!("invitation:{}", invitation.id);
    match add_account(&*state.store, &new_account, &actor, &client.0).await {
        Ok(made) => {
            state
                .store
                .audit(&AuditEntry {
                    workspace: Some(invitation.workspace.id),
                    new_value: Some(invitation.access.as_str().into()),
                    actor_name: Some(format!("{name} <{}>", invitation.email)),
                    ..AuditEntry::new(
                        actor,
                        client.0.clone(),
                        "invitation.accept",
                        format!("user:{} {}", made.user, invitation.email),
                    )
                })
                .await?;
            let cookie = session::start(
                &state,
                made.user,
                Some(invitation.workspace.id),
                caller.session.as_ref(),
            )
            .await?;
            Ok(session::with_cookie(
                crate::base::http::see_other("/"),
                cookie,
            ))
        }
        Err(AccountError::Store(e)) => Err(e.into()),
        // The address got an account meanwhile: the owner adds it as a member instead.
        Err(e) => refuse(ctx, invitation, name, &[e]),
    }
}

/// An owner cancels an invitation of their workspace.
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    Path(id): Path<isomm_store::Id>,
) -> Result<Response> {
    let workspace = caller.workspace_id()?;
    if !state.store.end_invitation(workspace, id).await? {
        return Err(AppError::NotFound);
    }
    state
        .store
        .audit(&caller.audit(&client, "invitation.cancel", format!("invitation:{id}")))
        .await?;
    Ok(crate::base::http::see_other("/members"))
}
