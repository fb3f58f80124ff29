//! A round as comparisons read it ([`record`]): what the rounds feature's comparisons and the
//! results' "since the last round" share.

use isomm_report::read::{RoundRecord, read_result};
use isomm_store::Counting;

use crate::base::AppState;
use crate::base::error::{AppError, Result};

/// A round as a comparison reads it: the result it kept when it was closed, else its result now
/// (submitted sheets, as its results page counts), scored off the async workers.
pub async fn record(state: &AppState, id: i64) -> Result<RoundRecord> {
    if let Some(closed) = state.store.closed_result(id).await? {
        let limits = state.limits;
        return state
            .renders
            .run(move || {
                read_result(&closed.result, &limits).map_err(|problem| {
                    AppError::Job(format!(
                        "the stored result of {id} cannot be read: {problem:?}"
                    ))
                })
            })
            .await?;
    }
    let stored = state
        .store
        .assessment(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let catalog = state.catalog.clone();
    state
        .renders
        .run(move || {
            let counted = stored.counting(&catalog, Counting::Submitted)?;
            let e = isomm_core::evaluate(&catalog, &counted);
            Ok::<_, AppError>(RoundRecord::of(&catalog, &counted, &e, stored.fields.plan))
        })
        .await?
}

/// The round `id` was started from and its revision, when it has one (its reports carry "since
/// the last round").
pub async fn previous(state: &AppState, id: i64) -> Result<Option<(i64, isomm_store::Revision)>> {
    Ok(placed(state, id).await?.0)
}

/// [`previous`], and the series `id` belongs to (`None`: no such assessment).
pub async fn placed(
    state: &AppState,
    id: i64,
) -> Result<(Option<(i64, isomm_store::Revision)>, Option<i64>)> {
    let Some(round) = state.store.round_state(id).await? else {
        return Ok((None, None));
    };
    let Some(earlier) = round.started_from else {
        return Ok((None, Some(round.series)));
    };
    let previous = state.store.revision(earlier).await?.map(|r| (earlier, r));
    Ok((previous, Some(round.series)))
}
