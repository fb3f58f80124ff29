//! The edge of the service, before any handler: which hosts and origins are served, the headers
//! every response carries, and the request log.
//!
//! - A request whose `Host` is a name other than `localhost` or the host of `--public-url` is
//!   refused with 421: DNS rebinding (a hostile page whose name is made to point at 127.0.0.1)
//!   always arrives with its own name. IP literals are accepted (nobody can rebind them).
//! - A POST whose `Origin` (or, without one, `Sec-Fetch-Site: cross-site`) says it comes from
//!   another site is refused with 403, whatever token it carries.
//! - Every response gets a Content-Security-Policy without inline script, `nosniff`,
//!   `frame-ancestors 'none'`, `Referrer-Policy: same-origin`, and `Cache-Control: private,
//!   no-cache` unless the handler chose otherwise.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::base::error::AppError;

/// What the server knows of the address people use to reach it (`--public-url`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicUrl {
    /// `http` or `https`.
    pub scheme: String,
    /// Lower-case host name or IP literal, without brackets or port.
    pub host: String,
    /// The port when one is written and is not the scheme's default.
    pub port: Option<u16>,
}

/// Why a `--public-url` is not one (the command line says it in the reader's language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicUrlProblem {
    /// Not an address: no scheme, no host, or a port that is not a number.
    NotAnAddress,
    /// A scheme other than http or https.
    NotHttp,
    /// A path, query, fragment or user besides the site's address.
    NotJustTheSite,
}

impl PublicUrl {
    /// Parses `http(s)://host[:port][/]` (the `url` crate's reading: a default port is no port, a
    /// name is lower case, an international name is punycode).
    pub fn parse(text: &str) -> Result<PublicUrl, PublicUrlProblem> {
        let url = url::Url::parse(text).map_err(|_| PublicUrlProblem::NotAnAddress)?;
        let scheme = url.scheme().to_string();
        if scheme != "http" && scheme != "https" {
            return Err(PublicUrlProblem::NotHttp);
        }
        if !url.username().is_empty()
            || url.password().is_some()
            || url.query().is_some()
            || url.fragment().is_some()
            || url.path() != "/"
        {
            return Err(PublicUrlProblem::NotJustTheSite);
        }
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_ascii_lowercase(),
            Some(url::Host::Ipv4(a)) => a.to_string(),
            Some(url::Host::Ipv6(a)) => a.to_string(),
            None => return Err(PublicUrlProblem::NotAnAddress),
        };
        Ok(PublicUrl {
            scheme,
            host,
            port: url.port(),
        })
    }

    pub fn https(&self) -> bool {
        self.scheme == "https"
    }

    /// `scheme://host[:port]`, as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(p) => format!("{}://{host}:{p}", self.scheme),
            None => format!("{}://{host}", self.scheme),
        }
    }
}

/// `host[:port]` or `[v6][:port]` → (lower-case host, port).
fn split_host(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        host.parse::<std::net::Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?.parse().ok()?),
        };
        (host.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p.parse().ok()?)),
            None => (authority.to_string(), None),
        }
    };
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:_".contains(&b));
    valid.then(|| (host.to_ascii_lowercase(), port))
}

/// The edge's settings, shared by its middleware (cloned for every request: keep it cheap).
#[derive(Clone, Debug, Default)]
pub struct Edge {
    pub public: Option<std::sync::Arc<PublicUrl>>,
}

impl Edge {
    /// May a request with this `Host` be served?
    pub fn host_allowed(&self, host: &str) -> bool {
        let Some((name, _)) = split_host(host) else {
            return false;
        };
        name == "localhost"
            || name.parse::<IpAddr>().is_ok()
            || self.public.as_ref().is_some_and(|p| p.host == name)
    }

    /// Is an `Origin` this site (the public URL's, or the one the request's own `Host` names)?
    fn same_origin(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.to_ascii_lowercase();
        if let Some(p) = &self.public
            && origin == p.origin()
        {
            return true;
        }
        let scheme = if self.public.as_ref().is_some_and(|p| p.https()) {
            "https"
        } else {
            "http"
        };
        host.is_some_and(|h| origin == format!("{scheme}://{}", h.to_ascii_lowercase()))
    }
}

/// Middleware: refuses a request with two `Host` headers (400: which one a proxy read is anyone's
/// guess), foreign hosts (421) and cross-site POSTs (403); behind an https `--public-url`, every
/// response tells browsers to use https only (`Strict-Transport-Security`).
pub async fn guard(State(edge): State<Edge>, request: Request, next: Next) -> Response {
    if request.headers().get_all(HOST).iter().nth(1).is_some() {
        // No browser sends two: nothing more to say than that the request is malformed.
        return AppError::BadRequest.into_response();
    }
    let https = edge.public.as_ref().is_some_and(|p| p.https());
    let mut response = check(&edge, request, next).await;
    if https {
        response.headers_mut().insert(
            HeaderName::from_static("strict-transport-security"),
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

/// `Strict-Transport-Security` behind an https `--public-url`: a year, this host only (its
/// subdomains may be other people's services).
pub const HSTS: &str = "max-age=31536000";

async fn check(edge: &Edge, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"))
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if let Some(h) = host
        && !edge.host_allowed(h)
    {
        return AppError::MisdirectedHost.into_response();
    }
    if request.method() == Method::POST {
        let headers = request.headers();
        let foreign = match headers.get(ORIGIN).map(|o| o.to_str().unwrap_or("null")) {
            Some(origin) => !edge.same_origin(origin, host),
            None => headers
                .get("sec-fetch-site")
                .is_some_and(|v| v.as_bytes() == b"cross-site"),
        };
        if foreign {
            return AppError::CrossOrigin.into_response();
        }
    }
    next.run(request).await
}

/// The Content-Security-Policy of every response: scripts and styles from this site only (inline
/// style attributes are allowed for chart colours; inline script is not).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The headers every response carries, unless the handler set its own.
pub fn security_headers() -> [(HeaderName, HeaderValue); 5] {
    [
        (
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(CSP),
        ),
        (
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ),
        (
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ),
        (
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cache-control"),
            HeaderValue::from_static("private, no-cache"),
        ),
    ]
}

/// A request id: 16 hex digits, a random prefix for this process and a counter (unique, cheap:
/// no system call per request). Sent back as `x-request-id`, written in the log.
#[derive(Clone)]
pub struct MakeId {
    prefix: u32,
    next: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

impl Default for MakeId {
    fn default() -> MakeId {
        MakeId {
            prefix: u32::from_le_bytes(crate::base::tokens::random_bytes::<4>()),
            next: Default::default(),
        }
    }
}

impl tower_http::request_id::MakeRequestId for MakeId {
    fn make_request_id<B>(
        &mut self,
        _: &axum::http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:08x}{n:08x}", self.prefix))
            .ok()
            .map(tower_http::request_id::RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_names_we_know_or_ip_literals() {
        let edge = Edge {
            public: Some(
                PublicUrl::parse("https://ISOMM.example.org/")
                    .unwrap()
                    .into(),
            ),
        };
        for ok in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "192.0.2.7",
            "isomm.example.org",
            "isomm.example.org:443",
        ] {
            assert!(edge.host_allowed(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "isomm.example.org.evil.example",
            "",
            "[::1",
            "a b",
        ] {
            assert!(!edge.host_allowed(refused), "{refused}");
        }
        assert!(!Edge::default().host_allowed("isomm.example.org"));
    }

    #[test]
    fn public_urls_are_an_origin_and_nothing_else() {
        let p = PublicUrl::parse("https://isomm.example.org").unwrap();
        assert_eq!(p.origin(), "https://isomm.example.org");
        assert!(p.https());
        let p = PublicUrl::parse("http://[::1]:8080/").unwrap();
        assert_eq!(p.origin(), "http://[::1]:8080");
        assert_eq!(
            PublicUrl::parse("https://isomm.example.org:443").map(|p| p.origin()),
            Ok("https://isomm.example.org".to_string()),
            "a default port is no port (browsers' Origin has none)"
        );
        use PublicUrlProblem::*;
        for (bad, problem) in [
            ("isomm.example.org", NotAnAddress),
            ("ftp://x", NotHttp),
            ("https://x/path", NotJustTheSite),
            ("https://x/?q=1", NotJustTheSite),
            ("https://x/#top", NotJustTheSite),
            ("https://u@x", NotJustTheSite),
            ("https://x:port", NotAnAddress),
            ("https://", NotAnAddress),
        ] {
            assert_eq!(PublicUrl::parse(bad), Err(problem), "{bad}");
        }
    }

    #[test]
    fn origins_are_compared_with_this_site() {
        let edge = Edge::default();
        assert!(edge.same_origin("http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(!edge.same_origin("http://evil.example", Some("127.0.0.1:8080")));
        assert!(!edge.same_origin("null", Some("127.0.0.1:8080")));
        let public = Edge {
            public: Some(
                PublicUrl::parse("https://isomm.example.org")
                    .unwrap()
                    .into(),
            ),
        };
        assert!(public.same_origin("https://isomm.example.org", Some("10.0.0.5:8080")));
        assert!(!public.same_origin("http://isomm.example.org", Some("isomm.example.org")));
    }
}
