//! CSRF: the token every write must carry, checked in one place for every route that is not a
//! GET ([`check_csrf`], put on each such route of `routes.rs` by `crate::app`), before its handler runs; no handler
//! checks it, so none can forget to.
//!
//! Every browser gets a token in an HttpOnly, SameSite=Lax cookie (set when a page with a form first
//! needs one, never replaced while it is valid). A token is a random value and its HMAC under a key
//! the server keeps in the database, so a value made up elsewhere, or by another server, is not a
//! token. Someone logged in carries their session's token instead (forms show it). A write sends
//! it in a hidden `csrf` field (url-encoded or multipart) or an `x-csrf-token` header. A token this
//! server issued could still be planted as a cookie by a sibling host over http; over https the
//! cookie is `__Host-` prefixed and `Secure`, which browsers never let another host set, and POSTs
//! from another origin are refused before they reach a route (`edge.rs`).

use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use http_body_util::BodyExt;
use sha2::Sha256;

use crate::base::ctx::cookie;
use crate::base::error::AppError;
use crate::base::session::Session;
use crate::base::tokens::{random_bytes, same};

/// The token cookie over plain http (loopback, or behind a proxy that terminates TLS but was not
/// named with `--public-url https://…`).
pub const CSRF_COOKIE: &str = "isomm_csrf";
/// The token cookie over https: the prefix makes browsers refuse it unless Secure, Path=/ and
/// without Domain, so no other host can set it.
pub const CSRF_COOKIE_HTTPS: &str = "__Host-isomm_csrf";
/// The header a script sends the token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field pages send the token in.
pub const CSRF_FIELD: &str = "csrf";

/// Makes and checks CSRF tokens: `nonce.mac`, 32 hex digits each.
#[derive(Clone)]
pub struct Tokens {
    key: Arc<[u8]>,
    /// Served over https (from `--public-url`): `__Host-` cookie, `Secure`.
    pub https: bool,
}

impl Tokens {
    pub fn new(key: Vec<u8>, https: bool) -> Tokens {
        Tokens {
            key: key.into(),
            https,
        }
    }

    fn mac(&self, nonce: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .expect("HMAC accepts keys of any length");
        mac.update(nonce.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// A new token.
    pub fn issue(&self) -> String {
        let nonce = hex::encode(random_bytes::<16>());
        let mac = self.mac(&nonce);
        format!("{nonce}.{mac}")
    }

    /// Is this a token this server issued?
    pub fn valid(&self, token: &str) -> bool {
        let Some((nonce, mac)) = token.split_once('.') else {
            return false;
        };
        nonce.len() == 32
            && nonce.bytes().all(|b| b.is_ascii_hexdigit())
            && same(mac.as_bytes(), self.mac(nonce).as_bytes())
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.https {
            CSRF_COOKIE_HTTPS
        } else {
            CSRF_COOKIE
        }
    }
}

/// The token of this browser: the one its cookie carries, or one made when a page first needs it.
#[derive(Clone)]
pub struct BrowserToken {
    slot: Arc<OnceLock<String>>,
    tokens: Tokens,
}

impl BrowserToken {
    pub fn get(&self) -> String {
        self.slot.get_or_init(|| self.tokens.issue()).clone()
    }
}

/// The token the forms of this request carry: the session's when someone is logged in, else the
/// browser's (made on first use).
pub fn expected(extensions: &axum::http::Extensions) -> String {
    if let Some(session) = extensions.get::<Session>() {
        return session.csrf.clone();
    }
    extensions
        .get::<BrowserToken>()
        .map(BrowserToken::get)
        .unwrap_or_default()
}

/// Middleware: finds the browser's valid CSRF token and, when a page made a new one, sets its
/// cookie. A valid cookie is never replaced (forms open in other tabs keep working). Responses
/// that carry no form (JSON, CSV, files, health) neither make a token nor set a cookie.
pub async fn csrf_cookie(
    State(tokens): State<Tokens>,
    mut request: Request,
    next: Next,
) -> Response {
    let name = tokens.cookie_name();
    let https = tokens.https;
    let slot = Arc::new(OnceLock::new());
    let existing = cookie(request.headers(), name).filter(|t| tokens.valid(t));
    let known = existing.is_some();
    if let Some(t) = existing {
        let _ = slot.set(t);
    }
    request.extensions_mut().insert(BrowserToken {
        slot: slot.clone(),
        tokens,
    });
    let mut response = next.run(request).await;
    if !known && let Some(token) = slot.get() {
        let made = cookie::Cookie::build((name, token.as_str()))
            .path("/")
            .http_only(true)
            .same_site(cookie::SameSite::Lax)
            .secure(https)
            .build();
        if let Ok(value) = HeaderValue::from_str(&made.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// Middleware on every route that is not a GET: the request goes on only when it carries this
/// browser's (or session's) token, in the `x-csrf-token` header or the `csrf` field of its form;
/// else 403 with the page that says to reload. Runs after the route's access rule (the session is
/// known) and after its body was bounded (the form is read from memory, then handed on).
pub async fn check_csrf(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let expected = expected(request.extensions());
    let matches = |sent: &str| !expected.is_empty() && same(sent.as_bytes(), expected.as_bytes());
    let header = request
        .headers()
        .get(CSRF_HEADER)
        .map(|v| v.as_bytes().to_vec());
    if let Some(sent) = header {
        if !std::str::from_utf8(&sent).is_ok_and(matches) {
            return AppError::Csrf.into_response();
        }
        return next.run(request).await;
    }
    // The body is already bounded by its route (`bounds.rs`); an upload is read here within the
    // largest file isomm takes.
    let (parts, body) = request.into_parts();
    let bytes = match http_body_util::Limited::new(body, crate::base::BODY_LIMIT)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return AppError::TooLarge.into_response();
        }
        Err(_) => return AppError::BadRequestBody.into_response(),
    };
    match sent_in_form(&parts, &bytes).await {
        Ok(Some(sent)) if matches(&sent) => {
            next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Ok(_) => AppError::Csrf.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The `csrf` field of a url-encoded or multipart form, if it has one.
async fn sent_in_form(
    parts: &axum::http::request::Parts,
    bytes: &Bytes,
) -> Result<Option<String>, AppError> {
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let mut copy = Request::new(axum::body::Body::from(bytes.clone()));
        *copy.headers_mut() = parts.headers.clone();
        let mut form = Multipart::from_request(copy, &())
            .await
            .map_err(|_| AppError::BadRequestBody)?;
        while let Some(field) = form
            .next_field()
            .await
            .map_err(crate::base::forms::multipart_error)?
        {
            if field.name() == Some(CSRF_FIELD) {
                return Ok(Some(
                    field
                        .text()
                        .await
                        .map_err(crate::base::forms::multipart_error)?,
                ));
            }
        }
        return Ok(None);
    }
    Ok(form_urlencoded::parse(bytes)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_the_key() {
        let tokens = Tokens::new(b"key one".to_vec(), false);
        let (a, b) = (tokens.issue(), tokens.issue());
        assert!(tokens.valid(&a) && tokens.valid(&b));
        assert_ne!(a, b);
        // Chosen by someone else, or made under another key: not a token.
        assert!(!tokens.valid("00000000000000000000000000000000.00000000000000000000000000000000"));
        assert!(!tokens.valid("abc"));
        assert!(!Tokens::new(b"key two".to_vec(), false).valid(&a));
        let (nonce, _) = a.split_once('.').unwrap();
        assert!(!tokens.valid(&format!("{nonce}.{}", "f".repeat(32))));
        assert_eq!(Tokens::new(vec![], true).cookie_name(), "__Host-isomm_csrf");
    }
}
