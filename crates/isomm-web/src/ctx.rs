//! Per-request context: the language cookie, the CSRF token cookie, and the extractor that gives
//! both to handlers.
//!
//! CSRF: every browser gets a random token in an HttpOnly, SameSite=Strict cookie (set by
//! [`csrf_cookie`] on its first request). Every state-changing request is a POST that must carry the
//! same token in a hidden `csrf` field or an `x-csrf-token` header; [`Ctx::check_csrf`] compares them.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use isomm_core::Lang;

use crate::error::AppError;
use crate::words::{Words, words};

pub const LANG_COOKIE: &str = "isomm_lang";
pub const CSRF_COOKIE: &str = "isomm_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The value of a cookie in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A new random token: 32 hex digits from the operating system's generator.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness there is no safe token; a failure here is an OS failure worth stopping for.
    getrandom::fill(&mut bytes).expect("the operating system's random generator");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_token(t: &str) -> bool {
    t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The token of this browser, as found or made by [`csrf_cookie`].
#[derive(Clone)]
struct CsrfToken(String);

/// Middleware: makes sure the request has a CSRF token and, when it was new, sets its cookie.
pub async fn csrf_cookie(mut request: Request, next: Next) -> Response {
    let existing = cookie(request.headers(), CSRF_COOKIE).filter(|t| valid_token(t));
    let token = existing.clone().unwrap_or_else(new_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none()
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        ))
    {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// What every page needs: the language and its words, the CSRF token, and the current path.
pub struct Ctx {
    pub lang: Lang,
    pub w: &'static Words,
    pub csrf: String,
    /// The path and query of this request, for the language switch to come back to.
    pub here: String,
    header_token: Option<String>,
}

impl Ctx {
    /// Checks the token a POST carried (form field, else header) against this browser's cookie.
    pub fn check_csrf(&self, field: Option<&str>) -> Result<(), AppError> {
        match field.or(self.header_token.as_deref()) {
            Some(sent) if sent == self.csrf => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ctx, Self::Rejection> {
        let lang = cookie(&parts.headers, LANG_COOKIE)
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default();
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let header_token = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let here = parts
            .uri
            .path_and_query()
            .map_or("/".to_string(), |p| p.as_str().to_string());
        Ok(Ctx {
            lang,
            w: words(lang),
            csrf,
            here,
            header_token,
        })
    }
}

/// A path to come back to after switching language: only a local path, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; isomm_lang=en"));
        h.append(COOKIE, HeaderValue::from_static("isomm_csrf=abc"));
        assert_eq!(cookie(&h, "isomm_lang").as_deref(), Some("en"));
        assert_eq!(cookie(&h, "isomm_csrf").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "none"), None);
    }

    #[test]
    fn tokens_are_random_hex() {
        let (a, b) = (new_token(), new_token());
        assert!(valid_token(&a) && valid_token(&b));
        assert_ne!(a, b);
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/catalog")), "/catalog");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
