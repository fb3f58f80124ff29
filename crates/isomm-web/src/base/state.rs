//! The application's state: what an operator sets ([`Settings`]), what every handler shares
//! ([`AppState`]), and who is calling from where ([`ClientAddr`]).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use isomm_core::{Catalog, Limits};
use isomm_store::{Store, StoreError};

use crate::base::edge::PublicUrl;
use crate::base::{cache, csrf, edge, jobs, journal, session, summary, throttle, tokens};

/// Request bodies larger than this are refused (413): the largest file isomm reads, plus room for
/// the fields of an upload form.
pub const BODY_LIMIT: usize = isomm_core::limits::MAX_FILE_BYTES + 64 * 1024;

/// What an operator can set about the application (the rest of `crate::Config` is about the process).
#[derive(Clone, Debug)]
pub struct Settings {
    pub limits: Limits,
    /// The address people use (`--public-url`): allowed `Host`, https, absolute links.
    pub public_url: Option<PublicUrl>,
    /// PDF, XLSX and workbook jobs at once (default: the number of cores).
    pub heavy_jobs: usize,
    /// How long a request waits for a job slot before it gets 503.
    pub job_wait: Duration,
    /// The longest a request may take, reading its body included (408 after).
    pub request_timeout: Duration,
    /// Bytes of rendered results kept in memory.
    pub cache_bytes: usize,
    /// How long sessions last without a request, and at most.
    pub session_times: session::SessionTimes,
    /// Proxies whose `X-Forwarded-For` names the client (login throttling and the audit log use
    /// the client's address); from anyone else the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where this server listens (`http://ADDR:PORT`), for the absolute links it shows when no
    /// `public_url` is given; set by `Application::build`.
    pub listen_origin: Option<String>,
    /// Writes through one private link ([`throttle`]): a burst of 30, then 5 a second.
    pub link_writes: throttle::Rate,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            limits: Limits::default(),
            public_url: None,
            heavy_jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            job_wait: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            cache_bytes: 64 * 1024 * 1024,
            session_times: session::SessionTimes::default(),
            trusted_proxies: Vec::new(),
            listen_origin: None,
            link_writes: throttle::Rate::default(),
        }
    }
}

/// Everything handlers share; cheap to clone (axum clones it for every request).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
    pub store: Arc<dyn Store>,
    pub catalog: Arc<Catalog>,
    pub limits: Limits,
    /// PDF and XLSX rendering, workbook and import parsing.
    pub heavy: jobs::Jobs,
    /// Scoring and rendering results (HTML, JSON, CSV, SVG) when they are not cached.
    pub renders: jobs::Jobs,
    /// Password verifications (argon2): `--heavy-jobs` threads of their own, so that a burst of
    /// logins keeps at most that many times argon2's memory.
    pub passwords: jobs::Jobs,
    /// Writes through each private link ([`throttle`]).
    pub link_writes: throttle::Buckets,
    /// The audit lines of downloads, committed in batches ([`journal`]).
    pub journal: journal::Journal,
    pub cache: cache::Cache,
    pub tokens: csrf::Tokens,
    pub edge: edge::Edge,
    pub summaries: summary::Summaries,
    pub request_timeout: Duration,
    pub session_times: session::SessionTimes,
    pub session_cache: session::SessionCache,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The origin of absolute links (respondents' links): `--public-url`, else where the server
    /// listens; never the request's `Host`.
    pub origin: String,
    /// The links isomm shows work on this computer only: no `--public-url`, and the origin is a
    /// loopback address (pages that show a link say so, and how to start isomm for colleagues).
    pub links_local_only: bool,
}

impl AppState {
    /// The state of an application on `store`; reads (or makes, on first start) the key CSRF tokens
    /// are bound to. Starts the summary worker on the current runtime.
    pub async fn new(
        store: Arc<dyn Store>,
        catalog: Catalog,
        settings: Settings,
    ) -> Result<AppState, StoreError> {
        let key = store
            .secret("csrf", || tokens::random_bytes::<32>().to_vec())
            .await?;
        let https = settings.public_url.as_ref().is_some_and(PublicUrl::https);
        let origin = match (&settings.public_url, &settings.listen_origin) {
            (Some(p), _) => p.origin(),
            (None, Some(l)) => l.clone(),
            (None, None) => "http://localhost".to_string(),
        };
        let links_local_only = settings.public_url.is_none() && loopback_origin(&origin);
        let cache = cache::Cache::new(settings.cache_bytes, &catalog);
        let catalog = Arc::new(catalog);
        let renders = jobs::Jobs::new("render", settings.heavy_jobs.max(1) * 4, settings.job_wait);
        Ok(AppState(Arc::new(Shared {
            summaries: summary::Summaries::start(
                store.clone(),
                catalog.clone(),
                settings.limits,
                renders.clone(),
            ),
            journal: journal::Journal::start(store.clone(), settings.request_timeout),
            store,
            catalog,
            limits: settings.limits,
            heavy: jobs::Jobs::new("heavy", settings.heavy_jobs, settings.job_wait),
            link_writes: throttle::Buckets::new(settings.link_writes),
            passwords: jobs::Jobs::with_threads(
                "passwords",
                settings.heavy_jobs,
                settings.job_wait,
            ),
            renders,
            cache,
            tokens: csrf::Tokens::new(key, https),
            edge: edge::Edge {
                public: settings.public_url.map(Arc::new),
            },
            request_timeout: settings.request_timeout,
            session_times: settings.session_times,
            session_cache: session::SessionCache::default(),
            trusted_proxies: settings.trusted_proxies,
            origin,
            links_local_only,
        })))
    }
}

/// Whether `origin` (`http://host:port`) names this computer only: a loopback address or
/// `localhost`.
pub fn loopback_origin(origin: &str) -> bool {
    let Ok(url) = url::Url::parse(origin) else {
        return false;
    };
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The client's address: the socket's peer, or, when that is a trusted proxy, the last address
/// of its `X-Forwarded-For`. `unknown` in tests that call the router directly.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<ClientAddr, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
                .next_back()
        };
        let addr = match peer {
            Some(p) if state.trusted_proxies.contains(&p) => forwarded().unwrap_or(p),
            Some(p) => p,
            None => return Ok(ClientAddr("unknown".into())),
        };
        Ok(ClientAddr(addr.to_string()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_loopback_origin_is_this_computer_only() {
        for (origin, local) in [
            ("http://127.0.0.1:8080", true),
            ("http://127.8.9.1:8080", true),
            ("http://[::1]:8080", true),
            ("http://localhost", true),
            ("http://LOCALHOST:80", true),
            ("http://192.168.1.20:8080", false),
            ("https://isomm.example.org", false),
            ("http://localhost.example.org", false),
            ("not a url", false),
        ] {
            assert_eq!(super::loopback_origin(origin), local, "{origin}");
        }
    }
}
