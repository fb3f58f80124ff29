//! The instance admin's page: every account (with its workspaces) and every workspace (with its
//! members), and a form that makes a new workspace and gives it its first owner — an existing account
//! at once, anyone else through an invitation. The admin reads no workspace's assessments without
//! being a member; passwords are reset on the command line (`isomm user reset-password`).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::Result;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::accounts::Access;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::Email;

pub struct AccountRow {
    pub name: String,
    pub email: String,
    pub admin: bool,
    /// `workspace (access)`, joined.
    pub workspaces: String,
}

pub struct WorkspaceRow {
    pub name: String,
    /// `name (access)` of each member, joined.
    pub members: String,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    ctx: Ctx,
    accounts: Vec<AccountRow>,
    workspaces: Vec<WorkspaceRow>,
    workspace: String,
    email: String,
    error: Option<&'static str>,
}

async fn render(
    state: &AppState,
    ctx: Ctx,
    workspace: String,
    email: String,
    error: Option<&'static str>,
) -> Result<Response> {
    let w = ctx.w;
    let separator = w.list_separator;
    let mut accounts = Vec::new();
    for user in state.store.users().await? {
        let workspaces = state
            .store
            .memberships(user.id)
            .await?
            .into_iter()
            .map(|(ws, a)| {
                isomm_report::view::who(
                    &ws.name,
                    crate::base::invitation::access_word(w, a),
                    ctx.lang,
                )
            })
            .collect::<Vec<_>>()
            .join(separator);
        accounts.push(AccountRow {
            name: user.name,
            email: user.email.to_string(),
            admin: user.admin,
            workspaces,
        });
    }
    let mut workspaces = Vec::new();
    for ws in state.store.workspaces().await? {
        let members = state
            .store
            .members(ws.id)
            .await?
            .into_iter()
            .map(|(u, a)| {
                isomm_report::view::who(
                    &u.name,
                    crate::base::invitation::access_word(w, a),
                    ctx.lang,
                )
            })
            .collect::<Vec<_>>()
            .join(separator);
        workspaces.push(WorkspaceRow {
            name: ws.name,
            members,
        });
    }
    let page = AdminPage {
        ctx,
        accounts,
        workspaces,
        workspace,
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

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response> {
    render(&state, ctx, String::new(), String::new(), None).await
}

/// Makes a workspace (or takes the one of that name) and gives it an owner: an existing account at
/// once, else an invitation whose link is shown once.
pub async fn add_workspace(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let (name, typed) = (form.text("workspace"), form.email());
    if !isomm_store::auth::name_ok(&name) {
        let error = ctx.w.err_workspace_name;
        return render(&state, ctx, name, typed, Some(error)).await;
    }
    let Some(email) = Email::parse(&typed) else {
        let error = ctx.w.err_email;
        return render(&state, ctx, name, typed, Some(error)).await;
    };
    // Only a new workspace: giving an existing one an owner here would let the admin (or whoever
    // they name) into an organisation's assessments by a name that happens to match.
    if state
        .store
        .workspace_named(name.trim(), false)
        .await?
        .is_some()
    {
        let error = ctx.w.err_workspace_exists;
        return render(&state, ctx, name, typed, Some(error)).await;
    }
    let workspace = state
        .store
        .workspace_named(name.trim(), true)
        .await?
        .ok_or_else(|| {
            isomm_store::StoreError::Corrupt("a workspace just made is missing".into())
        })?;
    state
        .store
        .audit(&AuditEntry {
            workspace: Some(workspace.id),
            new_value: Some(workspace.name.clone()),
            ..caller.audit(
                &client,
                "workspace.create",
                format!("workspace:{}", workspace.id),
            )
        })
        .await?;
    match state.store.credentials(&email).await? {
        Some((user, _)) => {
            state
                .store
                .set_access(workspace.id, user.id, Some(Access::Owner))
                .await?;
            state
                .store
                .audit(&AuditEntry {
                    workspace: Some(workspace.id),
                    new_value: Some(Access::Owner.as_str().into()),
                    ..caller.audit(&client, "member.set", format!("user:{} {email}", user.id))
                })
                .await?;
            Ok(crate::base::http::see_other("/admin"))
        }
        None => {
            crate::base::invitation::invite(
                &state,
                ctx,
                &caller,
                &client,
                (workspace.id, &email, Access::Owner),
            )
            .await
        }
    }
}
