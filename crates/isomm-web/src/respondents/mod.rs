//! Respondents of an assessment: add one (with a private link, shown once) or a pasted list of them
//! (all or none, their links shown once on one page), remove one, make a new link or revoke it.
//! Every page that shows new links gives each a message to send ([`message`]).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Errors;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use crate::base::forms::parse_respondent;
use crate::base::links::SheetPlace;
use crate::base::links::{entry, make_link};
use crate::base::prelude::*;
use crate::views::links::{NewLink, links_page};
use crate::views::{assessment_page, load};
use axum::extract::State;
use axum::response::Response;
use isomm_store::Added;
use isomm_store::Id;

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: crate::base::ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let errors = match parse_respondent(&form, ctx.w) {
        Ok((name, position)) => match state
            .store
            .add_respondent(id, &name, position, &state.limits)
            .await?
        {
            Added::Respondent(rid) => {
                state.summaries.refresh(id);
                let token = welcome(&state, &caller, &client, id, rid, &name, position).await?;
                return show_link(&state, ctx, &caller, id, rid, &token).await;
            }
            Added::NoAssessment => return Err(AppError::NotFound),
            Added::NameTaken => {
                let mut e = Errors::default();
                e.add("name", ctx.w.err_name_taken);
                e
            }
            Added::Full => {
                let mut e = Errors::default();
                e.add("name", ctx.w.err_full);
                e
            }
        },
        Err(e) => e,
    };
    let stored = load(&state, id).await?;
    let mut page = assessment_page(&state, ctx, &stored).await?;
    page.new_name = form.text("name");
    page.new_position = form.text("position");
    page.errors = errors;
    unprocessable(page)
}

/// Adds a pasted list of respondents (`lines`: `name, position` per line), all or none: every
/// problem is shown with its line on the assessment's page; on success each new respondent's link
/// is shown once, on one page.
pub async fn add_many(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: crate::base::ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let text = form.text("lines");
    let problems: Vec<String> = match isomm_core::roster::parse(&text) {
        Err(problems) => problems
            .iter()
            .map(|p| crate::base::words::roster_problem(ctx.lang, p))
            .collect(),
        Ok(list) => match state
            .store
            .add_respondents(id, &list, &state.limits)
            .await?
        {
            isomm_store::AddedMany::Respondents(ids) => {
                state.summaries.refresh(id);
                let mut links = Vec::with_capacity(ids.len());
                for (r, rid) in list.iter().zip(ids) {
                    let token =
                        welcome(&state, &caller, &client, id, rid, &r.name, r.position).await?;
                    links.push(NewLink {
                        respondent: rid,
                        name: r.name.clone(),
                        position: r.position,
                        token,
                        drafts: false,
                    });
                }
                let heading = ctx.w.links_heading.to_string();
                return links_page(&state, ctx, &caller, id, heading, links).await;
            }
            isomm_store::AddedMany::NamesTaken(taken) => {
                // The list's lines that hold a name, in order: an index into the list is a line.
                let lines: Vec<usize> = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, _)| i + 1)
                    .collect();
                taken
                    .iter()
                    .map(|&i| {
                        crate::base::words::roster_taken(
                            ctx.lang,
                            lines.get(i).copied().unwrap_or(i + 1),
                        )
                    })
                    .collect()
            }
            isomm_store::AddedMany::NoAssessment => return Err(AppError::NotFound),
            isomm_store::AddedMany::Full => vec![ctx.w.err_full.to_string()],
        },
    };
    let stored = load(&state, id).await?;
    let mut page = assessment_page(&state, ctx, &stored).await?;
    page.roster = text;
    page.roster_errors = problems;
    unprocessable(page)
}

/// A respondent just added: the audit line of the addition, their private link (whose token is
/// returned, to be shown this once) and its audit line — the same for one added through the form
/// and for each of a pasted list.
async fn welcome(
    state: &AppState,
    caller: &Caller,
    client: &ClientAddr,
    id: Id,
    rid: Id,
    name: &str,
    position: isomm_core::answers::Position,
) -> Result<String> {
    let line = isomm_store::accounts::AuditEntry {
        new_value: Some(format!("{name} ({})", position.as_str())),
        ..caller.audit(
            client,
            "respondent.add",
            format!("assessment:{id} respondent:{rid}"),
        )
    };
    state.store.audit(&line).await?;
    let token = make_link(state, id, rid).await?.ok_or(AppError::NotFound)?;
    let place = SheetPlace {
        assessment: id,
        respondent: rid,
        base: String::new(),
        by_link: false,
        submitted: false,
        shared: false,
        closed: false,
    };
    state
        .store
        .audit(&entry(caller, client, &place, "link.issue"))
        .await?;
    Ok(token)
}

pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
) -> Result<Response> {
    let (id, rid) = (place.assessment, place.respondent);
    let old = state
        .store
        .with_respondent(id, rid)
        .await?
        .and_then(|a| a.respondents.into_iter().next())
        .ok_or(AppError::NotFound)?;
    if !state.store.remove_respondent(id, rid).await? {
        return Err(AppError::NotFound);
    }
    state.summaries.refresh(id);
    let line = isomm_store::accounts::AuditEntry {
        old_value: Some(format!(
            "{} ({}) answered:{}",
            old.name,
            old.position.as_str(),
            old.answers.values().filter(|a| a.is_answered()).count()
        )),
        ..caller.audit(
            &client,
            "respondent.remove",
            format!("assessment:{id} respondent:{rid}"),
        )
    };
    state.store.audit(&line).await?;
    Ok(see_other(format!("/assessments/{id}")))
}

/// The page that shows a respondent's new link, once, with its message.
pub async fn show_link(
    state: &AppState,
    ctx: Ctx,
    caller: &Caller,
    assessment: Id,
    respondent: Id,
    token: &str,
) -> Result<Response> {
    let r = state
        .store
        .with_respondent(assessment, respondent)
        .await?
        .and_then(|a| a.respondents.into_iter().next())
        .ok_or(AppError::NotFound)?;
    let heading = format!("{}: {}", ctx.w.link_heading, r.name);
    let link = NewLink {
        respondent,
        name: r.name,
        position: r.position,
        token: token.to_string(),
        drafts: false,
    };
    links_page(state, ctx, caller, assessment, heading, vec![link]).await
}

/// An assessor makes a new link for a respondent (revoking the old one) and sees it once.
pub async fn issue_link(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
) -> Result<Response> {
    let token = make_link(&state, place.assessment, place.respondent)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .audit(&entry(&caller, &client, &place, "link.issue"))
        .await?;
    show_link(
        &state,
        ctx,
        &caller,
        place.assessment,
        place.respondent,
        &token,
    )
    .await
}

/// An assessor revokes a respondent's link.
pub async fn revoke_link(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
) -> Result<Response> {
    if !state
        .store
        .set_link(place.assessment, place.respondent, None)
        .await?
    {
        return Err(AppError::NotFound);
    }
    state
        .store
        .audit(&entry(&caller, &client, &place, "link.revoke"))
        .await?;
    Ok(crate::base::http::see_other(format!(
        "/assessments/{}",
        place.assessment
    )))
}
