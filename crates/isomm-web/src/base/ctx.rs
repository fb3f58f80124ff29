//! Per-request context: the language cookie, the CSRF token cookie, and the extractor that gives
//! both to handlers.
//!
//! CSRF: every browser gets a token in an HttpOnly, SameSite=Lax cookie (set when a page with a form
//! first needs one, never replaced while it is valid). A token is a random value and its HMAC under
//! a key the server keeps in the database, so a value made up elsewhere, or by another server, is
//! not a token. Every state-changing request is a POST that must carry the cookie's token in a
//! hidden `csrf` field or an `x-csrf-token` header; [`Ctx::check_csrf`] compares them. A token this
//! server issued could still be planted as a cookie by a sibling host over http; over https the
//! cookie is `__Host-` prefixed and `Secure`, which browsers never let another host set, and POSTs
//! from another origin are refused before they reach a handler (`edge.rs`).

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use hmac::{Hmac, Mac};
use isomm_core::Lang;
use sha2::Sha256;

use crate::base::error::AppError;
use crate::base::words::{Words, words};

pub const LANG_COOKIE: &str = "isomm_lang";
/// The token cookie over plain http (loopback, or behind a proxy that terminates TLS but was not
/// named with `--public-url https://…`).
pub const CSRF_COOKIE: &str = "isomm_csrf";
/// The token cookie over https: the prefix makes browsers refuse it unless Secure, Path=/ and
/// without Domain, so no other host can set it.
pub const CSRF_COOKIE_HTTPS: &str = "__Host-isomm_csrf";
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

/// Random bytes from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without randomness there is no safe token; a failure here is an OS failure worth stopping for.
    getrandom::fill(&mut bytes).expect("the operating system's random generator");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes and checks CSRF tokens: `nonce.mac`, 32 hex digits each.
#[derive(Clone)]
pub struct Tokens {
    key: std::sync::Arc<[u8]>,
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
        // HMAC takes a key of any length.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .expect("HMAC accepts keys of any length");
        mac.update(nonce.as_bytes());
        hex(&mac.finalize().into_bytes()[..16])
    }

    /// A new token.
    pub fn issue(&self) -> String {
        let nonce = hex(&random_bytes::<16>());
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
            && constant_time_eq(mac.as_bytes(), self.mac(nonce).as_bytes())
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.https {
            CSRF_COOKIE_HTTPS
        } else {
            CSRF_COOKIE
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token of this browser: the one its cookie carries, or one made when a page first needs it.
#[derive(Clone)]
struct CsrfToken {
    slot: std::sync::Arc<std::sync::OnceLock<String>>,
    tokens: Tokens,
}

impl CsrfToken {
    fn get(&self) -> String {
        self.slot.get_or_init(|| self.tokens.issue()).clone()
    }
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
    let slot = std::sync::Arc::new(std::sync::OnceLock::new());
    let existing = cookie(request.headers(), name).filter(|t| tokens.valid(t));
    let known = existing.is_some();
    if let Some(t) = existing {
        let _ = slot.set(t);
    }
    request.extensions_mut().insert(CsrfToken {
        slot: slot.clone(),
        tokens,
    });
    let mut response = next.run(request).await;
    let secure = if https { "; Secure" } else { "" };
    if !known
        && let Some(token) = slot.get()
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
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
    /// This browser's token, made only when a page asks for it ([`Ctx::csrf`]).
    token: Option<CsrfToken>,
    /// The path and query of this request, for the language switch to come back to.
    pub here: String,
    header_token: Option<String>,
    /// The logged-in person's name, and their session's CSRF token (which forms then carry instead
    /// of the browser's cookie token).
    pub user: Option<String>,
    /// The logged-in person is an instance admin (the page shows the way to the admin page).
    pub admin: bool,
    /// The caller's access in the workspace the request acts in, when known: the page offers only
    /// what it allows (the routes check it anyway).
    pub access: Option<isomm_store::accounts::Access>,
    session_token: Option<String>,
}

impl Ctx {
    /// May the caller create and edit assessments, respondents and answers here?
    pub fn assessor(&self) -> bool {
        self.access
            .is_some_and(|a| a.allows(isomm_store::accounts::Access::Assessor))
    }

    /// Is the caller an owner here (members, the audit log)?
    pub fn owner(&self) -> bool {
        self.access
            .is_some_and(|a| a.allows(isomm_store::accounts::Access::Owner))
    }

    /// This browser's CSRF token, for the page's forms (made, and its cookie set, on first use).
    pub fn csrf(&self) -> String {
        if let Some(token) = &self.session_token {
            return token.clone();
        }
        self.token.as_ref().map(CsrfToken::get).unwrap_or_default()
    }

    /// Checks the token a POST carried (form field, else header) against the session's token when
    /// someone is logged in, else against this browser's cookie.
    pub fn check_csrf(&self, field: Option<&str>) -> Result<(), AppError> {
        let known = self.csrf();
        match field.or(self.header_token.as_deref()) {
            Some(sent)
                if !known.is_empty() && constant_time_eq(sent.as_bytes(), known.as_bytes()) =>
            {
                Ok(())
            }
            _ => Err(AppError::Csrf),
        }
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The first language of an `Accept-Language` header (highest `q` first, the header's order among
/// equals) that isomm speaks: `en-US` counts as `en`. Only the first 32 entries of the first 1,024
/// bytes are read.
pub fn accepted_lang(header: &str) -> Option<Lang> {
    let header = header.get(..header.len().min(1024)).unwrap_or("");
    let mut ranked: Vec<(u16, Lang)> = header
        .split(',')
        .take(32)
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            let lang = Lang::parse(&primary)?;
            // q in thousandths; a malformed q counts as 0 (not acceptable).
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), |q| {
                    q.trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q))
                        .map(|q| (q * 1000.0).round() as u16)
                })
                .unwrap_or(0);
            (q > 0).then_some((q, lang))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    ranked.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
    ranked.first().map(|(_, lang)| *lang)
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ctx, Self::Rejection> {
        // The language chosen on the site, else the browser's first that isomm speaks.
        let lang = cookie(&parts.headers, LANG_COOKIE)
            .and_then(|l| Lang::parse(&l))
            .or_else(|| {
                parts
                    .headers
                    .get(axum::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(accepted_lang)
            })
            .unwrap_or_default();
        let token = parts.extensions.get::<CsrfToken>().cloned();
        let session = parts.extensions.get::<crate::base::session::Session>();
        let user = session.map(|s| s.user.name.clone());
        let admin = session.is_some_and(|s| s.user.admin);
        let access = parts
            .extensions
            .get::<crate::base::access::Caller>()
            .and_then(|c| c.workspace)
            .map(|(_, a)| a);
        let session_token = session.map(|s| s.csrf.clone());
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
            token,
            here,
            header_token,
            user,
            admin,
            access,
            session_token,
        })
    }
}

/// A path to come back to after switching language: only a path on this site, never another
/// site. Browsers read a `Location` the WHATWG way: they drop tabs and newlines, treat `\\` like
/// `/`, and take `//host` or `/\\host` as another host. So a path is accepted only when it is made
/// of printable ASCII without a backslash, starts with one `/` followed by something other than
/// `/`, and is short; anything else goes home.
pub fn safe_next(next: Option<&str>) -> String {
    const MAX: usize = 2048;
    match next {
        Some(n)
            if n.len() <= MAX
                && n.starts_with('/')
                && !n[1..].starts_with(['/', '\\'])
                && n.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'\\') =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_browser_language_is_the_first_isomm_speaks() {
        use isomm_core::Lang::{En, Ja};
        for (header, expected) in [
            ("ja", Some(Ja)),
            ("en-US,en;q=0.9,ja;q=0.8", Some(En)),
            ("fr-FR, fr;q=0.9, en;q=0.5, ja;q=0.7", Some(Ja)),
            ("de, EN-gb;q=0.3", Some(En)),
            ("en;q=0, ja;q=0.1", Some(Ja)),
            ("en;q=abc, ja;q=0.2", Some(Ja)),
            ("en;q=2, ja;q=0.2", Some(Ja)),
            ("fr, de", None),
            ("", None),
            ("*", None),
        ] {
            assert_eq!(super::accepted_lang(header), expected, "{header:?}");
        }
        let long = format!("{}ja", "x-y;q=0.1,".repeat(200));
        assert_eq!(
            super::accepted_lang(&long),
            None,
            "only the first entries are read"
        );
    }

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

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/catalog")), "/catalog");
        assert_eq!(
            safe_next(Some("/assessments/1?x=1#a")),
            "/assessments/1?x=1#a"
        );
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\tevil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r//evil.example",
            "\\\\evil.example",
            "/%09/evil.example/\\",
            " //evil.example",
            "/ /x",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(5000)))), "/");
        assert_eq!(safe_next(None), "/");
    }
}
