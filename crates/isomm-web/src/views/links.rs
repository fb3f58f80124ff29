//! The page of private links just made, each with the message to send with it
//! ([`super::message`]): after adding respondents, a new link for one, or the next round's people.

use crate::base::AppState;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_store::Id;

use super::message;

/// A link just made, to show once with its message.
pub struct NewLink {
    pub respondent: Id,
    pub name: String,
    pub position: isomm_core::answers::Position,
    pub token: String,
    /// Their sheet offers last round's answers as drafts: the message says so.
    pub drafts: bool,
}

/// One new link on the page: who it is for, the link, and the message to send with it in the
/// reader's language and in the other.
pub struct LinkRow {
    pub name: String,
    pub position: String,
    pub url: String,
    pub message: String,
    pub other: String,
}

/// New private links, each shown this once with its message (one respondent's new link, or a
/// pasted list's), and everyone's messages as one text.
#[derive(Template)]
#[template(path = "links.html")]
pub struct LinksPage {
    pub ctx: Ctx,
    pub assessment: Id,
    pub heading: String,
    pub links: Vec<LinkRow>,
    /// Every message, one after the other (the reader's language, and the other).
    pub all: String,
    pub all_other: String,
    /// The links work on this computer only ([`AppState::links_local_only`]).
    pub local_only: bool,
}

/// The page of `links` just made in assessment `id` (201).
pub async fn links_page(
    state: &AppState,
    ctx: Ctx,
    caller: &Caller,
    id: Id,
    heading: String,
    links: Vec<NewLink>,
) -> Result<Response> {
    let first = links
        .first()
        .map(|l| l.respondent)
        .ok_or(AppError::NotFound)?;
    let stored = state
        .store
        .with_respondent(id, first)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = crate::base::zone::of(state, stored.fields.workspace).await?;
    let facts = message::Facts {
        organization: stored.fields.organization.clone(),
        title: stored.fields.title.clone(),
        sender: caller
            .session
            .as_ref()
            .map(|s| s.user.name.clone())
            .unwrap_or_default(),
        deadline: stored
            .fields
            .deadline
            .as_deref()
            .and_then(isomm_core::zone::Deadline::parse)
            .map(|d| (d, zone)),
        roles: state.catalog.roles().len(),
    };
    let other = isomm_core::Lang::ALL
        .into_iter()
        .find(|l| *l != ctx.lang)
        .unwrap_or(ctx.lang);
    let rows: Vec<LinkRow> = links
        .iter()
        .map(|l| {
            let url = format!("{}/r/{}", state.origin, l.token);
            LinkRow {
                message: facts.message(ctx.lang, &l.name, &url, l.drafts),
                other: facts.message(other, &l.name, &url, l.drafts),
                name: l.name.clone(),
                position: l.position.name(ctx.lang).to_string(),
                url,
            }
        })
        .collect();
    // Between two people's messages: a line no message holds.
    let join = |text: fn(&LinkRow) -> &str| {
        rows.iter()
            .map(text)
            .collect::<Vec<_>>()
            .join("\n\n----------\n\n")
    };
    let page = LinksPage {
        all: join(|r| &r.message),
        all_other: join(|r| &r.other),
        ctx,
        assessment: id,
        heading,
        links: rows,
        local_only: state.links_local_only,
    };
    Ok((StatusCode::CREATED, Html(page.render()?)).into_response())
}
