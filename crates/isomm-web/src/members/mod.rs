//! A workspace's members, for its owners: add an existing account by e-mail, change a member's
//! access, remove a member. The last owner stays (the store refuses, and the page says why); every
//! change is in the audit log.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::FormData;
use crate::base::forms::Path;
use crate::base::forms::Posted;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::Id;
use isomm_store::accounts::Access;
use isomm_store::accounts::AccessChanged;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::Email;

pub struct MemberRow {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub access: &'static str,
}

pub struct InvitationRow {
    pub id: Id,
    pub email: String,
    pub access: &'static str,
    /// When the link stops working (UTC).
    pub expires: String,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    ctx: Ctx,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    access_levels: Vec<(&'static str, &'static str)>,
    email: String,
    error: Option<&'static str>,
}

async fn render(
    state: &AppState,
    ctx: Ctx,
    workspace: Id,
    email: String,
    error: Option<&'static str>,
) -> Result<Response> {
    let w = ctx.w;
    let members = state
        .store
        .members(workspace)
        .await?
        .into_iter()
        .map(|(u, a)| MemberRow {
            id: u.id,
            name: u.name,
            email: u.email.to_string(),
            access: a.as_str(),
        })
        .collect();
    let invitations = state
        .store
        .invitations(workspace, isomm_store::now())
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            id: i.id,
            email: i.email.to_string(),
            access: crate::base::invitation::access_word(w, i.access),
            expires: crate::base::words::say(
                ctx.lang,
                "time-utc",
                &[("time", &crate::base::audit::utc(i.expires_at))],
            ),
        })
        .collect();
    let page = MembersPage {
        ctx,
        members,
        invitations,
        access_levels: vec![
            ("owner", w.access_owner),
            ("assessor", w.access_assessor),
            ("viewer", w.access_viewer),
        ],
        email,
        error,
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, caller: Caller) -> Result<Response> {
    render(&state, ctx, caller.workspace_id()?, String::new(), None).await
}

/// Applies a change of access (or a removal) and writes the audit log; the page again on refusal.
async fn change(
    state: &AppState,
    ctx: Ctx,
    caller: &Caller,
    client: &ClientAddr,
    user: Id,
    access: Option<Access>,
    email: String,
) -> Result<Response> {
    let ws = caller.workspace_id()?;
    let before = state.store.access(ws, user).await?;
    match state.store.set_access(ws, user, access).await? {
        AccessChanged::Done => {
            state
                .store
                .audit(&AuditEntry {
                    workspace: Some(ws),
                    old_value: before.map(|a| a.as_str().to_string()),
                    new_value: access.map(|a| a.as_str().to_string()),
                    ..AuditEntry::new(
                        caller.actor(),
                        client.0.clone(),
                        if access.is_some() {
                            "member.set"
                        } else {
                            "member.remove"
                        },
                        format!("user:{user}"),
                    )
                })
                .await?;
            Ok(crate::base::http::see_other("/members"))
        }
        AccessChanged::LastOwner => {
            let error = ctx.w.err_last_owner;
            render(state, ctx, ws, email, Some(error)).await
        }
        AccessChanged::NotMember => Err(AppError::NotFound),
    }
}

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let typed = form.email();
    // The page offers the three levels only; anything else was not sent by it.
    let access = Access::parse(&form.text("access")).ok_or(AppError::BadRequest)?;
    let Some(email) = Email::parse(&typed) else {
        let ws = caller.workspace_id()?;
        let error = ctx.w.err_email;
        return render(&state, ctx, ws, typed, Some(error)).await;
    };
    let ws = caller.workspace_id()?;
    // A member already: the list shows them, with their access to change.
    if let Some((user, _)) = state.store.credentials(&email).await?
        && state.store.access(ws, user.id).await?.is_some()
    {
        let error = ctx.w.err_already_member;
        return render(&state, ctx, ws, typed, Some(error)).await;
    }
    // Everyone else is invited, whether they have an account or not (the page is the same, so it
    // tells the owner nothing about accounts), and joins only by accepting through the link.
    crate::base::invitation::invite(&state, ctx, &caller, &client, (ws, &email, access)).await
}

pub async fn set(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(user): Path<Id>,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    // Someone who is not a member here is not found, whatever the form says.
    if state
        .store
        .access(caller.workspace_id()?, user)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    // The page offers the three levels only; anything else was not sent by it.
    let access = Access::parse(&form.text("access")).ok_or(AppError::BadRequest)?;
    change(
        &state,
        ctx,
        &caller,
        &client,
        user,
        Some(access),
        String::new(),
    )
    .await
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(user): Path<Id>,
) -> Result<Response> {
    change(&state, ctx, &caller, &client, user, None, String::new()).await
}
