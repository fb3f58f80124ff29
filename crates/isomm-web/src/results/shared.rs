//! The combined results respondents may see through their link: a snapshot of figures, never a
//! live view, so that nobody's answers can be worked out from it.
//!
//! A live view leaks by difference: read before and after a fourth sheet arrives, `4·after −
//! 3·before` is the newcomer's answers. So the view is a snapshot ([`Figures`]), taken when every
//! sheet is submitted and the thresholds of [`shared_results_ready`] hold; it is
//! replaced only when at least [`REPLACE_AFTER`] more sheets are counted than in it (a difference
//! is then a mix of three people at least); while a sheet is reopened (or a new respondent has not
//! submitted) the view is hidden, and a changed, resubmitted sheet reaches the view only with the
//! next replacement. A replacement shows figures by position only when each position changed by
//! none or by three sheets or more (added, removed or submitted again): one position's column would
//! otherwise give one person away although the total grew by three. Only the combined maturity is
//! shown, never the insource or outsource means (those count only the people who answered that
//! side, who may be one). Figures are kept in tenths, as the table shows them: the chart carries no
//! more precision than the numbers beside it.
//!
//! The rules themselves are the core's (`isomm_core::shared`, with their tests); this module keeps
//! the snapshot in the store and shows it.
//!
//! Architecture invariant: what a respondent sees of the combined results comes from a stored
//! snapshot through [`current`], the one place the core's rules are applied
//! (`privacy::the_combined_results_cannot_be_differenced`).

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::AssessmentId;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::FormData;
use crate::base::forms::Posted;
use crate::base::links::SheetPlace;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;
use isomm_core::Lang;
use isomm_core::answers::Position;
use isomm_report::view::one_decimal;
use isomm_report::view::shown_tenths;
use isomm_store::Counting;
use isomm_store::Id;
use isomm_store::StoredAssessment;
use isomm_store::accounts::AuditEntry;

pub use isomm_core::shared::{Figures, MIN_RESPONDENTS, REPLACE_AFTER};
use isomm_core::shared::{SheetState, gives_a_level};

/// A value of the snapshot as shown (`2.3`, or a dash).
pub fn shown(value: Option<i64>) -> String {
    value.map_or_else(|| one_decimal(None), shown_tenths)
}

/// The name of a position of the snapshot, in `lang`.
pub fn position_name(id: &str, lang: Lang) -> String {
    Position::parse(id).map_or_else(|| id.to_string(), |p| p.name(lang).to_string())
}

/// What the respondent `viewer` may see now: the snapshot (taken or replaced first when the rules
/// say so), or how many sheets are submitted of how many while it is hidden.
pub async fn current(
    state: &AppState,
    stored: &StoredAssessment,
    viewer: Id,
) -> Result<std::result::Result<Figures, (usize, usize)>> {
    if let Err(waiting) = shared_results_ready(stored, viewer) {
        return Ok(Err(waiting));
    }
    let submitted = stored.respondents.iter().filter(|r| r.submitted).count();
    let kept = state.store.shared_snapshot(stored.id).await?;
    let figures = match kept {
        Some((counted, json))
            if !isomm_core::shared::snapshot_due(Some(counted as usize), submitted) =>
        {
            parse(&json)?
        }
        // None yet, or enough new sheets: a new snapshot (kept only if nobody stored a newer one
        // meanwhile; the one stored is shown).
        kept => {
            let earlier = kept.map(|(_, json)| parse(&json)).transpose()?;
            let submitted_at: std::collections::HashMap<Id, i64> = state
                .store
                .sheet_states(stored.id)
                .await?
                .into_iter()
                .filter_map(|s| Some((s.id, s.submitted_at?)))
                .collect();
            let sheets: Vec<(Id, String, i64)> = stored
                .respondents
                .iter()
                .filter(|r| r.submitted)
                .map(|r| {
                    let at = submitted_at.get(&r.id).copied().unwrap_or(0);
                    (r.id, r.position.as_str().to_string(), at)
                })
                .collect();
            let catalog = state.catalog.clone();
            let for_job = stored.clone();
            // A closed round's figures are of the result it kept (of the submitted sheets).
            let kept = crate::base::rounds::kept(state, stored.id)
                .await?
                .filter(|k| k.counting == Counting::Submitted);
            let figures = state
                .renders
                .run(move || {
                    let assessment = for_job.counting(&catalog, Counting::Submitted)?;
                    let e = crate::base::rounds::scored(kept.as_deref(), &catalog, &assessment)?;
                    Ok::<_, AppError>(Figures::scored(&e, &assessment, sheets, earlier.as_ref()))
                })
                .await??;
            let json = serde_json::to_string(&figures)
                .map_err(|e| AppError::Job(format!("a snapshot could not be written: {e}")))?;
            let (_, stored_json) = state
                .store
                .offer_shared_snapshot(
                    stored.id,
                    figures.counted as i64,
                    &json,
                    REPLACE_AFTER as i64,
                )
                .await?;
            parse(&stored_json)?
        }
    };
    Ok(Ok(figures))
}

fn parse(json: &str) -> Result<Figures> {
    serde_json::from_str(json).map_err(|e| {
        AppError::Store(isomm_store::StoreError::Corrupt(format!(
            "a snapshot of shared results: {e}"
        )))
    })
}

/// May the respondent `viewer` see the combined results of `stored` now? The core's rule
/// (`isomm_core::shared::ready`: every sheet submitted, enough sheets, enough other people who gave
/// a level) on the stored sheets. Answers how many sheets are submitted, of how many, when not.
pub fn shared_results_ready(
    stored: &StoredAssessment,
    viewer: i64,
) -> std::result::Result<(), (usize, usize)> {
    isomm_core::shared::ready(stored.respondents.iter().map(|r| SheetState {
        viewer: r.id == viewer,
        submitted: r.submitted,
        gives_a_level: gives_a_level(r.answers.values()),
    }))
}

/// The combined results, for a respondent who submitted, through their link, when the assessment
/// shares them ([`super::view::SharedBody`]: aggregates only); anyone else is not found.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    place: SheetPlace,
    headers: axum::http::HeaderMap,
) -> Result<Response> {
    if !(place.by_link && place.submitted && place.shared) {
        return Err(AppError::NotFound);
    }
    let stored = state
        .store
        .assessment(place.assessment)
        .await?
        .ok_or(AppError::NotFound)?;
    let figures = match crate::results::shared::current(&state, &stored, place.respondent).await? {
        Ok(figures) => figures,
        Err(waiting) => {
            let page = super::view::SharedPage {
                ctx,
                organization: stored.fields.organization,
                sheet: place.base.clone(),
                body: String::new(),
                waiting: Some(waiting),
            };
            return Ok(Html(page.render()?).into_response());
        }
    };
    // The page carries this browser's token: its tag does too; a new snapshot, another tag.
    let tag = {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        hash.update(serde_json::to_vec(&figures).unwrap_or_default());
        hash.update([stored.fields.target_level]);
        hash.update(ctx.lang.code());
        hash.update(ctx.csrf());
        hash.update(env!("CARGO_PKG_VERSION"));
        let digest = hash.finalize();
        format!("\"shared-{}\"", hex::encode(&digest[..12]))
    };
    if crate::base::http::not_modified(&headers, &tag) {
        return Ok(crate::base::http::with_validators(
            StatusCode::NOT_MODIFIED.into_response(),
            &tag,
        ));
    }
    // The radar and the table drawn on a job thread, like every result.
    let (catalog, target, lang) = (state.catalog.clone(), stored.fields.target_level, ctx.lang);
    let body = state
        .renders
        .run(move || {
            Ok::<_, AppError>(
                super::view::SharedBody::from_figures(&catalog, &figures, target, lang).render()?,
            )
        })
        .await??;
    let page = super::view::SharedPage {
        ctx,
        organization: stored.fields.organization,
        sheet: place.base.clone(),
        body,
        waiting: None,
    };
    Ok(crate::base::http::with_validators(
        Html(page.render()?).into_response(),
        &tag,
    ))
}

/// An assessor lets respondents who submitted see the combined results, or stops it.
pub async fn share(
    State(state): State<AppState>,
    caller: Caller,
    client: ClientAddr,
    AssessmentId(id): AssessmentId,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    let share = form.get("share") == Some("1");
    if !state.store.set_share_results(id, share).await? {
        return Err(AppError::NotFound);
    }
    let line = AuditEntry {
        new_value: Some(if share { "on" } else { "off" }.into()),
        ..caller.audit(&client, "assessment.share", format!("assessment:{id}"))
    };
    state.store.audit(&line).await?;
    Ok(crate::base::http::see_other(format!(
        "/assessments/{id}#share"
    )))
}

#[cfg(test)]
mod tests {
    use isomm_core::answers::{Answer, Level, Position};
    use isomm_store::{AssessmentFields, StoredAssessment, StoredRespondent};

    fn respondent(id: i64, submitted: bool, levels: &[Option<i64>]) -> StoredRespondent {
        StoredRespondent {
            id,
            name: format!("r{id}"),
            position: Position::Staff,
            submitted,
            answers: levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        format!("A-{}", i + 1),
                        Answer {
                            insource: l.map(|l| Level::new(l).unwrap()),
                            ..Answer::default()
                        },
                    )
                })
                .collect(),
        }
    }

    fn assessment(respondents: Vec<StoredRespondent>) -> StoredAssessment {
        StoredAssessment {
            id: 1,
            model: "isomm-2.1".into(),
            fields: AssessmentFields {
                workspace: None,
                deadline: None,
                organization: "o".into(),
                title: "t".into(),
                date: None,
                current_pattern: "hybrid".into(),
                target_pattern: "hybrid".into(),
                target_level: 3,
                plan: Default::default(),
                areas: Default::default(),
            },
            respondents,
            revision: 1,
            created_at: 0,
        }
    }

    #[test]
    fn combined_results_wait_for_every_sheet_and_two_other_people_who_answered() {
        use super::shared_results_ready as ready;
        let all = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, true, &[Some(4), None]),
        ]);
        assert_eq!(ready(&all, 1), Ok(()));
        // One sheet still open: nobody yet.
        let open = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, false, &[Some(4)]),
        ]);
        assert_eq!(ready(&open, 1), Err((2, 3)));
        // A colleague's empty or all-0 sheet adds nothing to the totals: the other colleague's
        // answers would be the totals once the viewer takes out their own.
        for empty in [vec![], vec![Some(0), Some(0)], vec![None]] {
            let thin = assessment(vec![
                respondent(1, true, &[Some(3)]),
                respondent(2, true, &empty),
                respondent(3, true, &[Some(4)]),
            ]);
            assert_eq!(ready(&thin, 1), Err((3, 3)), "{empty:?}");
        }
        // The viewer's own empty sheet does not matter: two others answered.
        let viewer_empty = assessment(vec![
            respondent(1, true, &[Some(0)]),
            respondent(2, true, &[Some(2)]),
            respondent(3, true, &[Some(4)]),
        ]);
        assert_eq!(ready(&viewer_empty, 1), Ok(()));
        // Two people in all are never enough.
        let two = assessment(vec![
            respondent(1, true, &[Some(3)]),
            respondent(2, true, &[Some(2)]),
        ]);
        assert_eq!(ready(&two, 1), Err((2, 2)));
    }
}
