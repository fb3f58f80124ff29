//! Private links: each respondent answers through `/r/{token}` without an account, seeing their own
//! sheet and nothing else. A token is 256 random bits; the database keeps only its SHA-256, so a
//! link is shown once, when it is made, and made again (revoking the old one) when it is lost.
//!
//! [`SheetPlace`] is where a sheet is reached: through a link, or by an assessor under
//! `/assessments/{id}/respondents/{rid}`; the sheet's handlers serve both.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use isomm_store::Id;
use isomm_store::accounts::{AuditEntry, LinkTarget};
use sha2::{Digest, Sha256};

use crate::access::Caller;
use crate::ctx::{Ctx, random_bytes};
use crate::error::{AppError, Result};
use crate::forms::{FormData, Posted};
use crate::{AppState, ClientAddr};

/// What the database keeps of a token: its SHA-256.
pub(crate) fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A new token of 256 random bits (64 hex digits) and its hash.
pub fn new_token() -> (String, Vec<u8>) {
    let token: String = random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let hash = hash(&token);
    (token, hash)
}

/// Where a link leads, if it is one.
pub async fn target(state: &AppState, token: &str) -> Result<Option<LinkTarget>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
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
    /// The respondent submitted the sheet (through a link it can no longer be changed).
    pub submitted: bool,
    /// Through a link: the assessment lets respondents who submitted see the combined results.
    pub shared: bool,
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
            });
        }
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let number = |key: &str| -> Result<Id> {
            params
                .get(key)
                .and_then(|v| v.parse::<Id>().ok())
                .filter(|v| *v > 0)
                .ok_or(AppError::NotFound)
        };
        let (assessment, respondent) = (number("id")?, number("rid")?);
        Ok(SheetPlace {
            assessment,
            respondent,
            base: format!("/assessments/{assessment}/respondents/{respondent}"),
            by_link: false,
            submitted: false,
            shared: false,
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

#[derive(Template)]
#[template(path = "link.html")]
pub struct LinkPage {
    pub ctx: Ctx,
    pub assessment: Id,
    pub respondent: String,
    pub url: String,
}

/// The page that shows a respondent's new link, once.
pub async fn show_link(
    state: &AppState,
    ctx: Ctx,
    assessment: Id,
    respondent: Id,
    token: &str,
) -> Result<Response> {
    let name = state
        .store
        .with_respondent(assessment, respondent)
        .await?
        .and_then(|a| a.respondents.into_iter().next())
        .map(|r| r.name)
        .ok_or(AppError::NotFound)?;
    let page = LinkPage {
        ctx,
        assessment,
        respondent: name,
        url: format!("{}/r/{token}", state.origin),
    };
    Ok((StatusCode::CREATED, Html(page.render()?)).into_response())
}

/// An audit line about a respondent's sheet or link.
pub(crate) fn entry(
    caller: &Caller,
    client: &ClientAddr,
    place: &SheetPlace,
    action: &str,
) -> AuditEntry {
    let actor = if place.by_link {
        format!("link:{}", place.respondent)
    } else {
        caller.actor()
    };
    AuditEntry {
        workspace: caller.workspace.map(|(w, _)| w),
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

/// An assessor makes a new link for a respondent (revoking the old one) and sees it once.
pub async fn issue(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Posted(form): Posted,
) -> Result<Response> {
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
    let token = make_link(&state, place.assessment, place.respondent)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .audit(&entry(&caller, &client, &place, "link.issue"))
        .await?;
    show_link(&state, ctx, place.assessment, place.respondent, &token).await
}

/// An assessor revokes a respondent's link.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Posted(form): Posted,
) -> Result<Response> {
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
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
    Ok(crate::pages::see_other(format!(
        "/assessments/{}",
        place.assessment
    )))
}

/// An assessor opens a submitted sheet again, so that its respondent can change it.
pub async fn reopen(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Posted(form): Posted,
) -> Result<Response> {
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
    if !state
        .store
        .set_submitted(place.assessment, place.respondent, None)
        .await?
    {
        return Err(AppError::NotFound);
    }
    state.summaries.refresh(place.assessment);
    state
        .store
        .audit(&entry(&caller, &client, &place, "sheet.reopen"))
        .await?;
    Ok(crate::pages::see_other(format!(
        "/assessments/{}",
        place.assessment
    )))
}

/// The respondent submits their sheet (or an assessor does for them, say for a sheet answered on
/// paper): from then on it counts in the results, and through the link it can be changed again
/// only when an assessor reopens it.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    place: SheetPlace,
    Posted(form): Posted,
) -> Result<Response> {
    ctx.check_csrf(FormData::new(form).get("csrf"))?;
    if !place.submitted {
        let found = state
            .store
            .set_submitted(place.assessment, place.respondent, Some(isomm_store::now()))
            .await?;
        if !found {
            return Err(AppError::NotFound);
        }
        state.summaries.refresh(place.assessment);
        let mut e = entry(&caller, &client, &place, "sheet.submit");
        if place.by_link {
            e.workspace = state
                .store
                .assessment_access(place.assessment, 0)
                .await?
                .and_then(|a| a.workspace);
        }
        state.store.audit(&e).await?;
    }
    Ok(crate::pages::see_other(if place.by_link {
        format!("{}?submitted=1", place.base)
    } else {
        format!("/assessments/{}", place.assessment)
    }))
}

/// The combined results, for a respondent who submitted, through their link, when the assessment
/// shares them ([`crate::views::SharedBody`]: aggregates only); anyone else is not found.
pub async fn results(
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
    let figures = match crate::shared::current(&state, &stored, place.respondent).await? {
        Ok(figures) => figures,
        Err(waiting) => {
            let page = crate::views::SharedPage {
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
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"shared-{hex}\"")
    };
    if crate::pages::not_modified(&headers, &tag) {
        return Ok(crate::pages::with_validators(
            StatusCode::NOT_MODIFIED.into_response(),
            &tag,
        ));
    }
    let body = crate::views::SharedBody::from_figures(
        &state.catalog,
        &figures,
        stored.fields.target_level,
        ctx.lang,
    )
    .render()?;
    let page = crate::views::SharedPage {
        ctx,
        organization: stored.fields.organization,
        sheet: place.base.clone(),
        body,
        waiting: None,
    };
    Ok(crate::pages::with_validators(
        Html(page.render()?).into_response(),
        &tag,
    ))
}

/// An assessor lets respondents who submitted see the combined results, or stops it.
pub async fn share(
    State(state): State<AppState>,
    ctx: Ctx,
    caller: Caller,
    client: ClientAddr,
    Path(raw): Path<String>,
    Posted(form): Posted,
) -> Result<Response> {
    let form = FormData::new(form);
    ctx.check_csrf(form.get("csrf"))?;
    let id: Id = raw.parse().map_err(|_| AppError::NotFound)?;
    let share = form.get("share") == Some("1");
    if !state.store.set_share_results(id, share).await? {
        return Err(AppError::NotFound);
    }
    let line = AuditEntry {
        new_value: Some(if share { "on" } else { "off" }.into()),
        ..caller.audit(&client, "assessment.share", format!("assessment:{id}"))
    };
    state.store.audit(&line).await?;
    Ok(crate::pages::see_other(format!("/assessments/{id}#share")))
}
