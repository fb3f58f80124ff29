//! A workspace's members and settings, for its owners: invite someone by e-mail, change a member's
//! access, remove a member, set the workspace's time zone. The last owner stays (the store refuses,
//! and the page says why); every change is in the audit log.

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
    /// The workspace's time zone, or the name typed with its problem.
    zone: String,
    zone_error: Option<&'static str>,
    /// Every zone name, for the field's list.
    zones: &'static [String],
}

/// The time-zone field as typed, with its problem; `None` shows the workspace's zone.
type ZoneTyped = Option<(String, &'static str)>;

async fn render(
    state: &AppState,
    ctx: Ctx,
    workspace: Id,
    email: String,
    error: Option<&'static str>,
) -> Result<Response> {
    render_with(state, ctx, workspace, email, error, None).await
}

/// Every zone name the tz database has, listed once per process.
fn zone_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(isomm_core::zone::Zone::names)
}

async fn render_with(
    state: &AppState,
    ctx: Ctx,
    workspace: Id,
    email: String,
    error: Option<&'static str>,
    typed: ZoneTyped,
) -> Result<Response> {
    let w = ctx.w;
    let current = crate::base::zone::of(state, Some(workspace)).await?;
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
            expires: current.time(i.expires_at),
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
        zone: typed
            .as_ref()
            .map_or_else(|| current.name().to_string(), |(t, _)| t.clone()),
        zone_error: typed.as_ref().map(|(_, e)| *e),
        zones: zone_names(),
    };
    let status = if error.is_some() || typed.is_some() {
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
                    ..caller.audit(
                        client,
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

/// Sets the workspace's time zone (deadlines and the audit log's times are shown in it); audited
/// as `workspace.time_zone` with the old and the new name.
pub async fn set_time_zone(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let ws = caller.workspace_id()?;
    let typed = form.text("time_zone");
    let Some(zone) = isomm_core::zone::Zone::parse(&typed) else {
        let error = ctx.w.err_time_zone;
        return render_with(&state, ctx, ws, String::new(), None, Some((typed, error))).await;
    };
    let before = crate::base::zone::of(&state, Some(ws)).await?;
    if !state.store.set_time_zone(ws, zone.name()).await? {
        return Err(AppError::NotFound);
    }
    state
        .store
        .audit(&AuditEntry {
            workspace: Some(ws),
            old_value: Some(before.name().to_string()),
            new_value: Some(zone.name().to_string()),
            ..caller.audit(&client, "workspace.time_zone", format!("workspace:{ws}"))
        })
        .await?;
    Ok(crate::base::http::see_other("/members#time-zone"))
}
