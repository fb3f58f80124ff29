//! Making an invitation (members invite people; the admin invites a new workspace's owner): the
//! one-time link, its audit line and the page that shows it once.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::Result;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::accounts::Access;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::Email;

/// How long an invitation link works.
pub const VALID_FOR: i64 = 7 * 24 * 3600;

#[derive(Template)]
#[template(path = "invited.html")]
struct InvitedPage {
    ctx: Ctx,
    email: String,
    access: &'static str,
    url: String,
    /// The link works on this computer only ([`AppState::links_local_only`]).
    local_only: bool,
}

/// Invites `email` into `workspace` and shows the link, once (201).
pub async fn invite(
    state: &AppState,
    ctx: Ctx,
    caller: &Caller,
    client: &ClientAddr,
    (workspace, email, access): (isomm_store::Id, &Email, Access),
) -> Result<Response> {
    let (token, hash) = crate::base::tokens::new_token();
    state
        .store
        .invite(
            workspace,
            email,
            access,
            &hash,
            isomm_store::now() + VALID_FOR,
        )
        .await?;
    state
        .store
        .audit(&AuditEntry {
            workspace: Some(workspace),
            new_value: Some(access.as_str().into()),
            ..caller.audit(client, "invitation.create", email.as_str())
        })
        .await?;
    let page = InvitedPage {
        access: access_word(ctx.w, access),
        ctx,
        email: email.to_string(),
        url: format!("{}/invite/{token}", state.origin),
        local_only: state.links_local_only,
    };
    Ok((StatusCode::CREATED, Html(page.render()?)).into_response())
}

pub fn access_word(w: &crate::base::words::Words, access: Access) -> &'static str {
    match access {
        Access::Owner => w.access_owner,
        Access::Assessor => w.access_assessor,
        Access::Viewer => w.access_viewer,
    }
}
