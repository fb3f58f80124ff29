//! Assessments: create, show, edit and delete one (the assessment page lists its respondents and
//! their sheets).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::AssessmentInput;
use crate::base::forms::Errors;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use crate::base::prelude::*;
use crate::base::zone;
use crate::views::{assessment_page, load};
use axum::extract::State;
use axum::response::Html;
use axum::response::Response;
use view::*;

mod view;

pub async fn new(State(state): State<AppState>, ctx: Ctx, caller: Caller) -> Result<Html<String>> {
    let input = AssessmentInput::blank(&state.catalog);
    let zone = zone::of(&state, caller.acting_workspace()).await?;
    page(AssessmentFormPage::new(
        &state.catalog,
        ctx,
        None,
        input,
        Errors::default(),
        &zone,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let input = AssessmentInput::from_form(&state.catalog, &form);
    match input.check(&state.catalog, ctx.w) {
        Ok(mut fields) => {
            fields.workspace = caller.workspace.map(|(w, _)| w);
            let id = state
                .store
                .create_assessment(state.catalog.model(), &fields)
                .await?;
            state.summaries.refresh(id);
            let line = isomm_store::accounts::AuditEntry {
                new_value: Some(crate::base::audit::describe_fields(&state.catalog, &fields)),
                ..caller.audit(&client, "assessment.create", format!("assessment:{id}"))
            };
            state.store.audit(&line).await?;
            Ok(see_other(format!("/assessments/{id}")))
        }
        Err(errors) => {
            let zone = zone::of(&state, caller.acting_workspace()).await?;
            unprocessable(AssessmentFormPage::new(
                &state.catalog,
                ctx,
                None,
                input,
                errors,
                &zone,
            ))
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
) -> Result<Html<String>> {
    let stored = load(&state, id).await?;
    page(assessment_page(&state, ctx, &stored).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
) -> Result<Html<String>> {
    let stored = load(&state, id).await?;
    let input = AssessmentInput::from_fields(&state.catalog, &stored.fields);
    let zone = zone::of(&state, stored.fields.workspace).await?;
    page(AssessmentFormPage::new(
        &state.catalog,
        ctx,
        Some(stored.id),
        input,
        Errors::default(),
        &zone,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let input = AssessmentInput::from_form(&state.catalog, &form);
    match input.check(&state.catalog, ctx.w) {
        Ok(mut fields) => {
            let old = state
                .store
                .assessment(id)
                .await?
                .ok_or(AppError::NotFound)?
                .fields;
            fields.workspace = old.workspace;
            if !state.store.update_assessment(id, &fields).await? {
                return Err(AppError::NotFound);
            }
            state.summaries.refresh(id);
            let line = isomm_store::accounts::AuditEntry {
                old_value: Some(crate::base::audit::describe_fields(&state.catalog, &old)),
                new_value: Some(crate::base::audit::describe_fields(&state.catalog, &fields)),
                ..caller.audit(&client, "assessment.edit", format!("assessment:{id}"))
            };
            state.store.audit(&line).await?;
            Ok(see_other(format!("/assessments/{id}")))
        }
        Err(errors) => {
            let stored = state
                .store
                .assessment(id)
                .await?
                .ok_or(AppError::NotFound)?;
            let zone = zone::of(&state, stored.fields.workspace).await?;
            unprocessable(AssessmentFormPage::new(
                &state.catalog,
                ctx,
                Some(id),
                input,
                errors,
                &zone,
            ))
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    let old = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.store.delete_assessment(id).await? {
        return Err(AppError::NotFound);
    }
    let line = isomm_store::accounts::AuditEntry {
        old_value: Some(format!(
            "{} respondents:{}",
            crate::base::audit::describe_fields(&state.catalog, &old.fields),
            old.respondents.len()
        )),
        ..caller.audit(&client, "assessment.delete", format!("assessment:{id}"))
    };
    state.store.audit(&line).await?;
    Ok(see_other("/"))
}
