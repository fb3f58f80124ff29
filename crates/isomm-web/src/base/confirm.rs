//! Writes that lose something (a link, a submitted sheet's standing, answers) happen only after the
//! person confirms, with a step that works without JavaScript. A route declares it in the route
//! table (`Route::confirmed`); [`confirm`] then answers a request without `confirm=yes` in its form
//! with a page that says what will happen and posts the same form again with it. No handler checks
//! it, so none can forget to: the layer runs after the access rule and the CSRF check, so only a
//! request that could act is asked.

use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http_body_util::BodyExt;

use crate::base::AppState;
use crate::base::access::Caller;
use crate::base::ctx::Ctx;
use crate::base::error::AppError;
use crate::base::words::say;

/// The form field (and value) of a confirmed request.
pub const CONFIRM_FIELD: &str = "confirm";
const CONFIRM_VALUE: &str = "yes";

/// A write that is confirmed first, with the messages that ask (`confirm-{key}-heading`,
/// `confirm-{key}`, `confirm-{key}-button` in `web.ftl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// A new private link (the old one stops working).
    NewLink,
    /// Revoking a private link.
    RevokeLink,
    /// Reopening a submitted sheet.
    Reopen,
    /// Removing a respondent and their answers.
    RemoveRespondent,
    /// Deleting an assessment.
    DeleteAssessment,
    /// Starting the next round, which closes this one.
    NextRound,
    /// Reopening a closed round, which discards the result it kept.
    ReopenRound,
}

impl Confirm {
    /// Every kind, for the test that each has its messages.
    pub const ALL: [Confirm; 7] = [
        Confirm::NewLink,
        Confirm::RevokeLink,
        Confirm::Reopen,
        Confirm::RemoveRespondent,
        Confirm::DeleteAssessment,
        Confirm::NextRound,
        Confirm::ReopenRound,
    ];

    /// The messages' keys: heading, what happens, the button.
    pub fn keys(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Confirm::NewLink => (
                "confirm-new-link-heading",
                "confirm-new-link",
                "confirm-new-link-button",
            ),
            Confirm::RevokeLink => (
                "confirm-revoke-heading",
                "confirm-revoke",
                "confirm-revoke-button",
            ),
            Confirm::Reopen => (
                "confirm-reopen-heading",
                "confirm-reopen",
                "confirm-reopen-button",
            ),
            Confirm::RemoveRespondent => (
                "confirm-remove-heading",
                "confirm-remove",
                "confirm-remove-button",
            ),
            Confirm::DeleteAssessment => (
                "confirm-delete-heading",
                "confirm-delete",
                "confirm-delete-button",
            ),
            Confirm::NextRound => (
                "confirm-next-round-heading",
                "confirm-next-round",
                "confirm-next-round-button",
            ),
            Confirm::ReopenRound => (
                "confirm-reopen-round-heading",
                "confirm-reopen-round",
                "confirm-reopen-round-button",
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    heading: String,
    detail: String,
    button: String,
    /// Where the form posts (this request's path).
    action: String,
    /// Where "cancel" goes: the assessment's page.
    back: String,
    danger: bool,
    /// The fields of the form being confirmed (all but the token and `confirm`), sent again.
    carried: Vec<(String, String)>,
    /// A form with a file, not confirmed: the page says to tick its box and send it again.
    upload: bool,
}

/// The fields of a url-encoded form other than the CSRF token and `confirm`.
fn carried(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .filter(|(k, _)| k != "csrf" && k != CONFIRM_FIELD)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Whether a url-encoded form says `confirm=yes`.
fn confirmed(body: &[u8]) -> bool {
    form_urlencoded::parse(body).any(|(k, v)| k == CONFIRM_FIELD && v == CONFIRM_VALUE)
}

/// A form with a file (`multipart/form-data`) is confirmed by a part `confirm` = `yes`: a file
/// cannot be carried through the page that asks, so such a form asks itself (a required box).
fn upload_confirmed(body: &[u8]) -> bool {
    let name = format!("name=\"{CONFIRM_FIELD}\"");
    let text = String::from_utf8_lossy(body);
    text.match_indices(&name).any(|(i, _)| {
        let rest = &text[i + name.len()..];
        // The part's headers end at the first empty line; its value runs to the next line break.
        rest.find("\r\n\r\n").is_some_and(|end| {
            !rest[..end].contains("--")
                && rest[end + 4..].split("\r\n").next() == Some(CONFIRM_VALUE)
        })
    })
}

/// Is the request's body a form with a file?
fn is_upload(parts: &axum::http::request::Parts) -> bool {
    parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Middleware on the routes that declare a [`Confirm`]: the request goes on when its form says
/// `confirm=yes`; else the page that asks (200), naming whom or what it concerns.
pub async fn confirm(
    State((state, what)): State<(AppState, Confirm)>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    // The body is already bounded by its route and was read by the CSRF check.
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return AppError::BadRequestBody.into_response(),
    };
    let upload = is_upload(&parts);
    let yes = if upload {
        upload_confirmed(&bytes)
    } else {
        confirmed(&bytes)
    };
    if yes {
        return next
            .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
            .await;
    }
    let Ok(ctx) = Ctx::from_request_parts(&mut parts, &state).await;
    let caller = parts.extensions.get::<Caller>().cloned();
    let carried = if upload { None } else { Some(carried(&bytes)) };
    match ask(&state, ctx, caller, what, parts.uri.path(), carried).await {
        Ok(page) => page,
        Err(e) => e.into_response(),
    }
}

/// The page that asks: whom it concerns is read from the path (`…/respondents/{rid}/…`) and the
/// caller's checked assessment.
async fn ask(
    state: &AppState,
    ctx: Ctx,
    caller: Option<Caller>,
    what: Confirm,
    path: &str,
    // `None`: a form with a file, which is sent again from its own page.
    carried: Option<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let assessment = caller
        .and_then(|c| c.assessment)
        .ok_or(AppError::NotFound)?;
    let respondent = path
        .split('/')
        .skip_while(|s| *s != "respondents")
        .nth(1)
        .and_then(|s| s.parse::<isomm_store::Id>().ok());
    let name = match respondent {
        Some(rid) => state
            .store
            .with_respondent(assessment, rid)
            .await?
            .and_then(|a| a.respondents.into_iter().next())
            .map(|r| r.name),
        None => state
            .store
            .assessment(assessment)
            .await?
            .map(|a| a.fields.organization),
    }
    .ok_or(AppError::NotFound)?;
    let (heading, detail, button) = what.keys();
    let page = ConfirmPage {
        heading: say(ctx.lang, heading, &[("name", &name)]),
        detail: say(ctx.lang, detail, &[]),
        button: say(ctx.lang, button, &[]),
        action: path.to_string(),
        back: format!("/assessments/{assessment}"),
        danger: what != Confirm::Reopen,
        upload: carried.is_none(),
        carried: carried.unwrap_or_default(),
        ctx,
    };
    let status = if page.upload {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_confirm_yes_confirms() {
        assert!(confirmed(b"csrf=x&confirm=yes"));
        for body in [
            &b""[..],
            b"confirm=",
            b"confirm=no",
            b"confirmed=yes",
            b"csrf=yes",
        ] {
            assert!(!confirmed(body), "{body:?}");
        }
    }

    #[test]
    fn a_form_with_a_file_confirms_with_its_own_part() {
        let part = |name: &str, value: &str| {
            format!("--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
        };
        let yes = format!("{}{}--b--\r\n", part("csrf", "x"), part("confirm", "yes"));
        assert!(upload_confirmed(yes.as_bytes()));
        for body in [
            format!("{}--b--\r\n", part("csrf", "x")),
            format!("{}--b--\r\n", part("confirm", "no")),
            format!("{}--b--\r\n", part("confirm", "yesno")),
            format!("{}--b--\r\n", part("note", "name=\"confirm\"")),
        ] {
            assert!(!upload_confirmed(body.as_bytes()), "{body:?}");
        }
    }

    #[test]
    fn the_fields_of_the_form_are_carried_but_the_token_and_confirm() {
        assert_eq!(
            carried(b"csrf=x&title=FY2027&carry_target=yes&confirm=no"),
            [
                ("title".to_string(), "FY2027".to_string()),
                ("carry_target".to_string(), "yes".to_string())
            ]
        );
    }

    #[test]
    fn every_kind_has_its_words_in_every_language() {
        for lang in isomm_core::Lang::ALL {
            for what in Confirm::ALL {
                let (heading, detail, button) = what.keys();
                for key in [heading, detail, button] {
                    let text = say(lang, key, &[("name", "N")]);
                    assert!(!text.is_empty() && !text.contains(key), "{lang:?} {key}");
                }
            }
        }
    }
}
