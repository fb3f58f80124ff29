//! Per-request context for pages: the language (its cookie, else the browser's), its words, the
//! caller's name and access, the CSRF token forms carry ([`crate::base::csrf`]), and the path to
//! come back to.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use isomm_core::Lang;

use crate::base::csrf::BrowserToken;
use crate::base::words::{Words, words};

pub const LANG_COOKIE: &str = "isomm_lang";
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

/// What every page needs: the language and its words, the CSRF token, and the current path.
pub struct Ctx {
    pub lang: Lang,
    pub w: &'static Words,
    /// The token forms carry: the session's, else this browser's (made, and its cookie set, only
    /// when a page asks for it, [`Ctx::csrf`]).
    token: Option<BrowserToken>,
    /// The path and query of this request, for the language switch to come back to.
    pub here: String,
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
        self.token
            .as_ref()
            .map(BrowserToken::get)
            .unwrap_or_default()
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
        let token = parts.extensions.get::<BrowserToken>().cloned();
        let session = parts.extensions.get::<crate::base::session::Session>();
        let user = session.map(|s| s.user.name.clone());
        let admin = session.is_some_and(|s| s.user.admin);
        let access = parts
            .extensions
            .get::<crate::base::access::Caller>()
            .and_then(|c| c.workspace)
            .map(|(_, a)| a);
        let session_token = session.map(|s| s.csrf.clone());
        // A page that answers a form (a POST: the form again with its errors, the links made)
        // cannot be asked for again: the switch goes back to the page the form was on, when the
        // browser says it was one of this site's, else home.
        let here = if parts.method == axum::http::Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or("/".to_string(), |p| p.as_str().to_string())
        } else {
            parts
                .headers
                .get(axum::http::header::REFERER)
                .and_then(|r| r.to_str().ok())
                .and_then(|r| r.parse::<axum::http::Uri>().ok())
                .filter(|r| {
                    r.host().is_none()
                        || r.authority().map(|a| a.as_str())
                            == parts
                                .headers
                                .get(axum::http::header::HOST)
                                .and_then(|h| h.to_str().ok())
                })
                .and_then(|r| r.path_and_query().map(|p| p.as_str().to_string()))
                .unwrap_or_else(|| "/".to_string())
        };
        Ok(Ctx {
            lang,
            w: words(lang),
            token,
            here,
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
    use axum::http::HeaderValue;

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
