//! The plan's tracked items (issue 25): the `isomm-plan/1` CSV of an assessment's items
//! (`GET /assessments/{id}/plan.csv`), each with its level now (the assessment's result as its
//! pages show it: a closed round's as it kept it) and, once the round started from this one has
//! results, whether each done item reached its own target (C5).

use axum::extract::State;
use axum::response::Response;

use crate::base::AppState;
use crate::base::ctx::Ctx;
use crate::base::download::{FileName, download};
use crate::base::error::{AppError, Result};
use crate::base::prelude::*;
use crate::base::rounds::record;

/// The roles of the round started from `id`, once it has results (a sheet counted); `None` before.
async fn later_roles(
    state: &AppState,
    id: i64,
) -> Result<Option<Vec<isomm_core::compare::RoundRole>>> {
    let Some(round) = state.store.round_state(id).await? else {
        return Err(AppError::NotFound);
    };
    let rounds = state.store.series_rounds(round.series).await?;
    let Some(next) = rounds.iter().find(|r| r.started_from == Some(id)) else {
        return Ok(None);
    };
    let later = record(state, next.id).await?;
    Ok((later.info.respondents > 0).then_some(later.round.roles))
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    AssessmentId(id): AssessmentId,
) -> Result<Response> {
    let items: Vec<isomm_core::items::Item> = state
        .store
        .plan_items(id)
        .await?
        .into_iter()
        .map(|p| p.item)
        .collect();
    let now = record(&state, id).await?;
    let later = later_roles(&state, id).await?;
    let mut out = Vec::new();
    isomm_report::items::write_csv(&mut out, &items, &now.round.roles, later.as_deref())
        .map_err(AppError::Output)?;
    let name = FileName::new(
        &[&now.info.organization, ctx.w.plan_file],
        format!("isomm-plan-{id}"),
        "csv",
    );
    Ok(download(out.into(), "text/csv; charset=utf-8", &name))
}
