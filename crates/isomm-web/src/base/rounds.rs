//! Rounds as the pages read them: a closed round is shown from the result it kept, never scored
//! again ([`kept`], [`scored`], [`overall`]: the one place that says so), a round as comparisons
//! read it ([`record`]), and the round an assessment was started from ([`previous`]), for the
//! rounds feature's comparisons and the results' "since the last round".

use std::borrow::Cow;
use std::sync::Arc;

use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, Limits};
use isomm_report::read::{KeptResult, RoundRecord, read_evaluation, read_result};
use isomm_store::{Counting, Store, StoredAssessment};

use crate::base::AppState;
use crate::base::error::{AppError, Result};
use crate::base::jobs::Jobs;

/// What a closed round kept, read back against the catalog: the result document itself (what its
/// `result.json` sends), the evaluation it was written from (what every other page and download
/// lays out) and the sheets it counted.
#[derive(Debug)]
pub struct Kept {
    pub document: String,
    pub result: KeptResult,
    pub counting: Counting,
}

/// The result round `id` kept when it was closed, read back (off the async workers); `None` while
/// it is open. A closed round's pages and downloads are rendered from this, whatever the rules or
/// the model say now.
pub async fn kept(state: &AppState, id: i64) -> Result<Option<Arc<Kept>>> {
    kept_in(
        &*state.store,
        &state.catalog,
        state.limits,
        &state.renders,
        id,
    )
    .await
}

/// [`kept`] with the parts of the state it needs (the summary worker has no [`AppState`]).
pub async fn kept_in(
    store: &dyn Store,
    catalog: &Arc<Catalog>,
    limits: Limits,
    jobs: &Jobs,
    id: i64,
) -> Result<Option<Arc<Kept>>> {
    let Some(closed) = store.closed_result(id).await? else {
        return Ok(None);
    };
    let catalog = catalog.clone();
    let kept = jobs
        .run(move || {
            let result = read_evaluation(&closed.result, &catalog, &limits).map_err(|problem| {
                AppError::Job(format!(
                    "the stored result of {id} cannot be read: {problem:?}"
                ))
            })?;
            Ok::<_, AppError>(Kept {
                document: closed.result,
                result,
                counting: closed.counting,
            })
        })
        .await??;
    Ok(Some(Arc::new(kept)))
}

/// The sheets a result of a round counts: what a closed round counted when it was closed (its
/// numbers are those), else what the request asks.
pub fn counting(kept: Option<&Kept>, asked: Counting) -> Counting {
    kept.map_or(asked, |k| k.counting)
}

/// The evaluation a page of `assessment` shows: the one a closed round kept (which must be of
/// these respondents), else made now.
pub fn scored<'a>(
    kept: Option<&'a Kept>,
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<Cow<'a, Evaluation>> {
    match kept {
        Some(k) if k.result.counts(assessment) => Ok(Cow::Borrowed(&k.result.evaluation)),
        Some(_) => Err(AppError::Job(
            "a closed round's stored result is not of its respondents".into(),
        )),
        None => Ok(Cow::Owned(isomm_core::evaluate(catalog, assessment))),
    }
}

/// The overall maturity of `stored` as its pages show it (the assessment's page, the list): the
/// one a closed round kept, else the submitted sheets' now, scored off the async workers.
pub async fn overall(state: &AppState, stored: StoredAssessment) -> Result<Option<f64>> {
    overall_in(
        &*state.store,
        &state.catalog,
        state.limits,
        &state.renders,
        stored,
    )
    .await
}

/// [`overall`] with the parts of the state it needs.
pub async fn overall_in(
    store: &dyn Store,
    catalog: &Arc<Catalog>,
    limits: Limits,
    jobs: &Jobs,
    stored: StoredAssessment,
) -> Result<Option<f64>> {
    if let Some(kept) = kept_in(store, catalog, limits, jobs, stored.id).await? {
        return Ok(kept.result.evaluation.overall);
    }
    let catalog = catalog.clone();
    jobs.run(move || {
        let counted = stored.counting(&catalog, Counting::Submitted)?;
        Ok::<_, AppError>(isomm_core::evaluate(&catalog, &counted).overall)
    })
    .await?
}

/// A round as a comparison reads it: the result it kept when it was closed, else its result now
/// (submitted sheets, as its results page counts), scored off the async workers; with its tracked
/// plan items (a later round follows them up).
pub async fn record(state: &AppState, id: i64) -> Result<RoundRecord> {
    let mut record = result_record(state, id).await?;
    record.items = state
        .store
        .plan_items(id)
        .await?
        .into_iter()
        .map(|p| p.item)
        .collect();
    Ok(record)
}

/// [`record`] without its items.
async fn result_record(state: &AppState, id: i64) -> Result<RoundRecord> {
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

/// What round `stored` keeps when it is closed: its result as its results page counts it
/// (submitted sheets), scored off the async workers, and the hash of the model it was scored with.
pub async fn closing(
    state: &AppState,
    stored: &isomm_store::StoredAssessment,
) -> Result<isomm_store::ClosedRound> {
    let (catalog, copy) = (state.catalog.clone(), stored.clone());
    let result = state
        .renders
        .run(move || {
            let counted = copy.counting(&catalog, Counting::Submitted)?;
            let mut out = Vec::new();
            isomm_report::write_json(
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
    Ok(isomm_store::ClosedRound {
        result,
        counting: Counting::Submitted,
        model_hash: model_hash(&state.catalog),
    })
}

/// The SHA-256 of the model's catalog document, hex: what a closed round was scored with.
pub fn model_hash(catalog: &isomm_core::Catalog) -> String {
    use sha2::{Digest, Sha256};
    let document = serde_json::to_vec(&catalog.document()).unwrap_or_default();
    hex::encode(Sha256::digest(&document))
}

/// The audit lines of a round closed and the next one started from it (`how`: `previous`,
/// `blank` or `file`, then what the new round holds).
pub fn start_lines(
    caller: &crate::base::access::Caller,
    client: &crate::base::ClientAddr,
    from: i64,
    new: i64,
    close: &isomm_store::ClosedRound,
    how: &str,
    described: String,
) -> [isomm_store::accounts::AuditEntry; 2] {
    let subject = |a: i64| format!("assessment:{a}");
    [
        isomm_store::accounts::AuditEntry {
            new_value: Some(format!(
                "counting:{} model:{}",
                close.counting.as_str(),
                &close.model_hash[..12]
            )),
            ..caller.audit(client, "round.close", subject(from))
        },
        isomm_store::accounts::AuditEntry {
            old_value: Some(subject(from)),
            new_value: Some(format!("start:{how} {described}")),
            ..caller.audit(client, "round.start", subject(new))
        },
    ]
}
