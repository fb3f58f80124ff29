//! Private links: each respondent answers through `/r/{token}` without an account, seeing their own
//! sheet and nothing else. A token is 256 random bits; the database keeps only its SHA-256, so a
//! link is shown once, when it is made, and made again (revoking the old one) when it is lost.
//!
//! [`SheetPlace`] is where a sheet is reached: through a link, or by an assessor under
//! `/assessments/{id}/respondents/{rid}`; the sheet's handlers serve both.

use crate::base::AppState;
use crate::base::ClientAddr;
use crate::base::access::Caller;
use crate::base::error::AppError;
use crate::base::error::Result;
use crate::base::forms::Path;
use crate::base::tokens::{hash, new_token, well_formed};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use isomm_store::Id;
use isomm_store::accounts::AuditEntry;
use isomm_store::accounts::LinkTarget;

/// Where a link leads, if it is one.
pub async fn target(state: &AppState, token: &str) -> Result<Option<LinkTarget>> {
    if !well_formed(token) {
        return Ok(None);
    }
    Ok(state.store.link_target(&hash(token)).await?)
}

/// Where a sheet is reached, and by whom.
#[derive(Clone, Debug)]
pub struct SheetPlace {
    pub assessment: Id,
    pub respondent: Id,
    /// The sheet's path: `/r/{token}` or `/assessments/{id}/respondents/{rid}`.
    pub base: String,
    /// Reached through the respondent's own link (not by an assessor).
    pub by_link: bool,
    /// The respondent submitted the sheet: nobody changes it until an assessor reopens it.
    pub submitted: bool,
    /// Through a link: the assessment lets respondents who submitted see the combined results.
    pub shared: bool,
    /// Through a link: the round is closed (an assessor's sheet reads it with the sheet).
    pub closed: bool,
}

impl SheetPlace {
    /// Why a change of a submitted sheet is refused, for whoever tried: the respondent asks for it
    /// to be reopened, an assessor reopens it (confirmed) first.
    pub fn refusal(&self) -> AppError {
        if self.by_link {
            AppError::Submitted
        } else {
            AppError::SubmittedReopen
        }
    }

    /// The same in a few words, for the sheet's script.
    pub fn refusal_text(&self, w: &crate::base::words::Words) -> &'static str {
        if self.by_link {
            w.err_submitted
        } else {
            w.err_submitted_reopen
        }
    }
}

/// The respondent of an assessor's sheet route (`…/respondents/{rid}/…`; the other parameters of
/// the path are not read here).
#[derive(serde::Deserialize)]
struct RespondentInPath {
    rid: Id,
}

impl<S: Send + Sync> FromRequestParts<S> for SheetPlace {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<SheetPlace> {
        let caller = Caller::from_request_parts(parts, state).await?;
        if let Some((target, token)) = caller.link {
            return Ok(SheetPlace {
                assessment: target.assessment,
                respondent: target.respondent,
                base: format!("/r/{token}"),
                by_link: true,
                submitted: target.submitted_at.is_some(),
                shared: target.share_results,
                closed: target.closed,
            });
        }
        // The assessment its route's rule checked; the respondent from the path, typed.
        let assessment = caller.assessment.ok_or(AppError::NotFound)?;
        let Path(RespondentInPath { rid: respondent }) =
            Path::<RespondentInPath>::from_request_parts(parts, state).await?;
        Ok(SheetPlace {
            assessment,
            respondent,
            base: format!("/assessments/{assessment}/respondents/{respondent}"),
            by_link: false,
            // Not read here: the store refuses a change of a submitted sheet (`Edit::open_only`)
            // and the sheet's page reads it with the respondent.
            submitted: false,
            shared: false,
            closed: false,
        })
    }
}

/// A new link for a respondent (the old one stops working); returns its token.
pub async fn make_link(state: &AppState, assessment: Id, respondent: Id) -> Result<Option<String>> {
    let (token, hash) = new_token();
    let made = state
        .store
        .set_link(assessment, respondent, Some(&hash))
        .await?;
    Ok(made.then_some(token))
}

/// An audit line about a respondent's sheet or link.
pub(crate) fn entry(
    caller: &Caller,
    client: &ClientAddr,
    place: &SheetPlace,
    action: &str,
) -> AuditEntry {
    let (actor, actor_name) = if place.by_link {
        (
            format!("link:{}", place.respondent),
            caller.link.as_ref().map(|(target, _)| target.name.clone()),
        )
    } else {
        (caller.actor(), caller.actor_name())
    };
    AuditEntry {
        workspace: caller.acting_workspace(),
        actor_name,
        ..AuditEntry::new(
            actor,
            client.0.clone(),
            action,
            format!(
                "assessment:{} respondent:{}",
                place.assessment, place.respondent
            ),
        )
    }
}
