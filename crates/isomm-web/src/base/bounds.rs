//! Request bodies, bounded before anything reads them: each route declares the body it takes
//! ([`Body`], a column of the route table in `routes.rs`), and [`bound`] refuses a body past its
//! route's bytes or fields with 413 before the session is looked up or the form parsed.
//!
//! Architecture invariant: no handler sees a body its route did not declare; a url-encoded form
//! reaches its parser only within its route's [`FormLimit`] (the 8 MiB of files is for uploads).

use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::base::error::AppError;

/// The body a route takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// None (pages, downloads): a request that sends one is refused.
    None,
    /// A small form: a login, a name, one answer with its note, a button.
    Form,
    /// The assessment's form: its fields and an area per role.
    AssessmentForm,
    /// A whole check sheet: two levels and a note per role.
    Sheet,
    /// A list of respondents, one per line (`lines`): [`isomm_core::roster::MAX_LINES`] names at
    /// their longest, with a position each.
    Roster,
    /// A file upload (`multipart/form-data`): up to [`crate::base::BODY_LIMIT`] bytes and
    /// [`UPLOAD_FIELDS`] fields.
    Upload,
}

/// Fields of an upload form besides its file (the import form has seven).
pub const UPLOAD_FIELDS: usize = 32;

/// The most a body may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormLimit {
    /// Bytes, as sent.
    pub bytes: usize,
    /// Fields (`name=value` pairs); `usize::MAX` where a parser counts them itself.
    pub fields: usize,
}

/// Bytes one character of a field may take once a browser encodes it (`%F0%9F%98%80`).
pub const BYTES_PER_CHAR: usize = 12;

/// Room for one field besides its value: its name, `=`, `&`, a level or a choice.
const FIELD_ROOM: usize = 64;

impl Body {
    /// The limit of this body in an application whose model has `roles` roles.
    pub fn limit(self, roles: usize) -> FormLimit {
        use isomm_core::limits::{MAX_NOTE_CHARS, MAX_PASSWORD_CHARS};
        // A note is the longest value of a small form (a password is shorter).
        let small = 32 * (FIELD_ROOM) + MAX_NOTE_CHARS.max(MAX_PASSWORD_CHARS) * BYTES_PER_CHAR;
        match self {
            Body::None => FormLimit {
                bytes: 0,
                fields: 0,
            },
            Body::Form => FormLimit {
                bytes: small,
                fields: 32,
            },
            Body::AssessmentForm => FormLimit {
                bytes: small + roles * FIELD_ROOM,
                fields: 32 + roles,
            },
            Body::Sheet => FormLimit {
                bytes: small + roles * (3 * FIELD_ROOM + MAX_NOTE_CHARS * BYTES_PER_CHAR),
                fields: 32 + 3 * roles,
            },
            Body::Roster => FormLimit {
                bytes: small
                    + isomm_core::roster::MAX_LINES
                        * (isomm_core::limits::MAX_TEXT_CHARS + FIELD_ROOM)
                        * BYTES_PER_CHAR,
                fields: 32,
            },
            Body::Upload => FormLimit {
                bytes: crate::base::BODY_LIMIT,
                fields: usize::MAX,
            },
        }
    }
}

/// Middleware for one route: refuses a body past `limit` (413, before it is parsed), and hands the
/// handler the body read within it.
pub async fn bound(State(limit): State<FormLimit>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit.bytes as u64) {
        return AppError::FormTooLarge(limit).into_response();
    }
    if limit.fields == usize::MAX {
        // An upload: the multipart reader counts its fields and bytes as it streams.
        return next.run(request).await;
    }
    if limit.bytes == 0 && declared.is_none_or(|n| n == 0) && !chunked(&request) {
        // No body declared, and none may come: nothing to read.
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // A body sent in chunks is read no further than the limit.
    let bytes = match http_body_util::Limited::new(body, limit.bytes)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return AppError::FormTooLarge(limit).into_response();
        }
        // The client went away or sent a broken body: nothing to answer but this.
        Err(_) => return AppError::BadRequestBody.into_response(),
    };
    if fields(&bytes) > limit.fields {
        return AppError::FormTooLarge(limit).into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Is the body sent in chunks (its length not declared)?
fn chunked(request: &Request) -> bool {
    request
        .headers()
        .get(axum::http::header::TRANSFER_ENCODING)
        .is_some()
}

/// The `name=value` pairs of a url-encoded body, counted without parsing it.
pub fn fields(body: &[u8]) -> usize {
    if body.is_empty() {
        0
    } else {
        body.split(|b| *b == b'&').filter(|p| !p.is_empty()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_counted_without_parsing() {
        assert_eq!(fields(b""), 0);
        assert_eq!(fields(b"a=1"), 1);
        assert_eq!(fields(b"a=1&b=2&&"), 2);
        assert_eq!(fields("&".repeat(10).as_bytes()), 0);
        assert_eq!(fields(b"&a&b&c"), 3);
    }

    #[test]
    fn a_whole_sheet_fits_and_a_login_form_stays_small() {
        let sheet = Body::Sheet.limit(54);
        // Every note at its longest, every character four bytes of UTF-8 sent as %XX.
        assert!(sheet.bytes >= 54 * isomm_core::limits::MAX_NOTE_CHARS * BYTES_PER_CHAR);
        assert!(sheet.fields > 3 * 54, "three fields a role and the token");
        let form = Body::Form.limit(54);
        assert!(form.bytes < 64 * 1024, "{form:?}");
        assert!(form.fields <= 32);
        assert_eq!(Body::None.limit(54).bytes, 0);
    }

    /// The figures the README gives, with the built-in model's 54 roles.
    #[test]
    fn the_limits_the_readme_gives() {
        let roles = isomm_core::Catalog::builtin().roles().len();
        let limit = |bytes, fields| FormLimit { bytes, fields };
        assert_eq!(Body::Form.limit(roles), limit(26_048, 32));
        assert_eq!(Body::AssessmentForm.limit(roles), limit(29_504, 86));
        assert_eq!(Body::Sheet.limit(roles), limit(1_332_416, 194));
        // A thousand names at their longest, each with a position.
        assert_eq!(Body::Roster.limit(roles), limit(3_194_048, 32));
        assert_eq!(isomm_core::roster::MAX_LINES, 1000);
        assert_eq!(Body::Upload.limit(roles).bytes, crate::base::BODY_LIMIT);
        assert_eq!(UPLOAD_FIELDS, 32);
    }
}
