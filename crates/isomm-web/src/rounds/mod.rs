//! Rounds: the next round of an assessment, started from it (`POST /assessments/{id}/next-round`),
//! and a closed round opened again by an owner (`POST /assessments/{id}/reopen-round`).
//! The round it starts from is closed in the same transaction, keeping the result it closed with;
//! the next round gets its fields and its people, each with a new private link, shown once with
//! the message to send ([`crate::views::links`]).

use axum::extract::State;
use axum::response::Response;
use isomm_core::limits::MAX_TEXT_CHARS;
use isomm_report::write_json;
use isomm_store::{ClosedRound, Counting, NextRound};
use sha2::{Digest, Sha256};

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::{AppError, Result};
use crate::base::forms::{FormData, Posted};
use crate::base::links::make_link;
use crate::base::prelude::*;
use crate::views::links::{NewLink, links_page};
use crate::views::{assessment_page, load};

/// What the form asks of the next round, checked: its title and date, and whether the target
/// pattern of this round becomes the next one's current pattern.
struct NextInput {
    title: String,
    date: Option<String>,
    carry_target: bool,
}

impl NextInput {
    fn from_form(form: &FormData, ctx: &Ctx) -> std::result::Result<NextInput, String> {
        let title = form.text("title");
        if title.is_empty() || title.chars().count() > MAX_TEXT_CHARS {
            return Err(crate::base::words::say(
                ctx.lang,
                "round-title-invalid",
                &[("max", &MAX_TEXT_CHARS.to_string())],
            ));
        }
        let date = Some(form.text("date")).filter(|d| !d.is_empty());
        if date
            .as_deref()
            .is_some_and(|d| !isomm_core::answers::valid_date(d))
        {
            return Err(ctx.w.round_date_invalid.to_string());
        }
        Ok(NextInput {
            title,
            date,
            carry_target: form.get("carry_target") == Some("yes"),
        })
    }
}

/// The SHA-256 of the model's catalog document, hex: what a closed round was scored with.
fn model_hash(catalog: &isomm_core::Catalog) -> String {
    let document = serde_json::to_vec(&catalog.document()).unwrap_or_default();
    Sha256::digest(&document)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn next_round(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    // Only a blank start is offered yet (the form's hidden field): last round's answers as
    // drafts come with the sheet's drafts.
    if form.get("start").is_some_and(|s| s != "blank") {
        return Err(AppError::BadRequest);
    }
    let stored = load(&state, id).await?;
    let input = match NextInput::from_form(&form, &ctx) {
        Ok(input) => input,
        Err(message) => {
            // The assessment's page again, the form as typed with what to change.
            let mut page = assessment_page(&state, ctx, &stored).await?;
            page.round.next_title = form.text("title");
            page.round.error = Some(message);
            return unprocessable(page);
        }
    };
    let mut next = stored.fields.clone();
    next.title = input.title;
    next.date = input.date;
    next.deadline = None;
    if input.carry_target {
        next.current_pattern = next.target_pattern.clone();
    }
    // The result it closes with, as its results page counts (submitted sheets): scored off the
    // async workers.
    let (catalog, copy) = (state.catalog.clone(), stored.clone());
    let result = state
        .renders
        .run(move || {
            let counted = copy.counting(&catalog, Counting::Submitted)?;
            let mut out = Vec::new();
            write_json(
                &mut out,
                &catalog,
                &counted,
                &isomm_core::evaluate(&catalog, &counted),
                copy.fields.plan,
            )
            .map_err(AppError::Output)?;
            Ok::<_, AppError>(String::from_utf8_lossy(&out).into_owned())
        })
        .await??;
    let close = ClosedRound {
        result,
        counting: Counting::Submitted,
        model_hash: model_hash(&state.catalog),
    };
    let (new, respondents) = match state.store.start_next_round(id, &next, &close).await? {
        NextRound::Started { id, respondents } => (id, respondents),
        NextRound::NoAssessment => return Err(AppError::NotFound),
        NextRound::AlreadyClosed => return Err(AppError::RoundClosed),
    };
    state.summaries.refresh(id);
    state.summaries.refresh(new);
    let subject = |a: i64| format!("assessment:{a}");
    let lines = [
        isomm_store::accounts::AuditEntry {
            new_value: Some(format!(
                "counting:submitted model:{}",
                &close.model_hash[..12]
            )),
            ..caller.audit(&client, "round.close", subject(id))
        },
        isomm_store::accounts::AuditEntry {
            old_value: Some(subject(id)),
            new_value: Some(crate::base::audit::describe_fields(&state.catalog, &next)),
            ..caller.audit(&client, "round.start", subject(new))
        },
    ];
    state.store.audit_many(&lines).await?;
    // Every person of the round it starts from, with a new private link, shown once.
    let round = state
        .store
        .assessment(new)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut links = Vec::with_capacity(respondents.len());
    for r in round
        .respondents
        .iter()
        .filter(|r| respondents.contains(&r.id))
    {
        let token = make_link(&state, new, r.id)
            .await?
            .ok_or(AppError::NotFound)?;
        links.push(NewLink {
            respondent: r.id,
            name: r.name.clone(),
            position: r.position,
            token,
        });
    }
    if links.is_empty() {
        return Ok(see_other(format!("/assessments/{new}")));
    }
    let heading = ctx.w.round_links_heading.to_string();
    links_page(&state, ctx, &caller, new, heading, links).await
}

/// Opens a closed round again (owners; confirmed): the result it kept is discarded and its pages
/// are scored afresh. An open round is left as it is.
pub async fn reopen(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    if state.store.reopen_round(id).await? {
        state.summaries.refresh(id);
        let line = caller.audit(&client, "round.reopen", format!("assessment:{id}"));
        state.store.audit(&line).await?;
    }
    Ok(see_other(format!("/assessments/{id}")))
}
