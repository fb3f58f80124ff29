//! The isomm web application: server-rendered pages for the whole ISOMM workflow (know the whole,
//! set the patterns, check every role, read the results), on any [`Store`].
//!
//! `app(state)` is the whole router (tested with `oneshot`); [`Application`] binds it to an address.
//!
//! Architecture invariant: handlers parse input, call the store and the core, and render templates;
//! rules stay in `isomm-core`, SQL in `isomm-store`, HTML in `templates/` (auto-escaped).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;

use axum::middleware;
use axum::response::IntoResponse;

use isomm_core::{Catalog, Limits};
use isomm_store::{Store, StoreError};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub mod access;
pub mod account;
mod admin;
mod assets;
mod audit;
pub mod bounds;
pub mod cache;
pub mod ctx;
pub mod edge;
pub mod error;
mod forms;
mod invite;
pub mod jobs;
pub mod journal;
pub mod links;
mod members;
mod pages;
pub mod serve;
pub mod session;
pub mod shared;
mod summary;
pub mod throttle;
mod views;
pub mod words;

pub use edge::PublicUrl;
pub use serve::ConnectionLimits;

/// Request bodies larger than this are refused (413): the largest file isomm reads, plus room for
/// the fields of an upload form.
pub const BODY_LIMIT: usize = isomm_core::limits::MAX_FILE_BYTES + 64 * 1024;

/// What an operator can set about the application (the rest of [`Config`] is about the process).
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
    pub tokens: ctx::Tokens,
    pub edge: edge::Edge,
    summaries: summary::Summaries,
    request_timeout: Duration,
    pub session_times: session::SessionTimes,
    pub session_cache: session::SessionCache,
    trusted_proxies: Vec<std::net::IpAddr>,
    /// The origin of absolute links (respondents' links): `--public-url`, else where the server
    /// listens; never the request's `Host`.
    pub origin: String,
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
            .secret("csrf", || ctx::random_bytes::<32>().to_vec())
            .await?;
        let https = settings.public_url.as_ref().is_some_and(PublicUrl::https);
        let origin = match (&settings.public_url, &settings.listen_origin) {
            (Some(p), _) => p.origin(),
            (None, Some(l)) => l.clone(),
            (None, None) => "http://localhost".to_string(),
        };
        let cache = cache::Cache::new(settings.cache_bytes, &catalog);
        let catalog = Arc::new(catalog);
        let renders = jobs::Jobs::new("render", settings.heavy_jobs.max(1) * 4, settings.job_wait);
        Ok(AppState(Arc::new(Shared {
            summaries: summary::Summaries::start(store.clone(), catalog.clone(), renders.clone()),
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
            tokens: ctx::Tokens::new(key, https),
            edge: edge::Edge {
                public: settings.public_url.map(Arc::new),
            },
            request_timeout: settings.request_timeout,
            session_times: settings.session_times,
            session_cache: session::SessionCache::default(),
            trusted_proxies: settings.trusted_proxies,
            origin,
        })))
    }
}

/// `/readyz`: 200 when the database answers within two seconds, else 503.
pub(crate) async fn ready(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> impl IntoResponse {
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the database does not answer",
        ),
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

/// The whole application.
pub fn app(state: AppState) -> Router {
    use pages::not_found;
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &axum::http::Request<_>| {
            // The route's template, never the raw path or query (they may carry ids and tokens).
            let route = request
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .map_or("(none)", |p| p.as_str());
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            tracing::info_span!("request", method = %request.method(), route, request_id = id)
        })
        .on_request(())
        .on_response(
            tower_http::trace::DefaultOnResponse::new()
                .level(tracing::Level::INFO)
                .latency_unit(tower_http::LatencyUnit::Micros),
        );
    let mut router = Router::new();
    let roles = state.catalog.roles().len();
    for r in access::routes() {
        let guard = middleware::from_fn_with_state((state.clone(), r.rule), access::enforce);
        // The body is bounded first: before the session is looked up, before anything parses it.
        let bound = middleware::from_fn_with_state(r.body.limit(roles), bounds::bound);
        router = router.route(r.path, r.handler.route_layer(guard).route_layer(bound));
    }
    let mut router = router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.tokens.clone(),
            ctx::csrf_cookie,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.edge.clone(),
            edge::guard,
        ));
    for (name, value) in edge::security_headers() {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.request_timeout,
        ))
        .layer(middleware::from_fn(error::in_readers_language))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(edge::MakeId::default()))
        .with_state(state)
}

/// How to run the server.
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    pub settings: Settings,
    pub connections: ConnectionLimits,
    pub database: isomm_store::DbOptions,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
            per_address: 256,
            exempt: Vec::new(),
            grace: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("cannot open the database {0}: {1}")]
    Store(String, isomm_store::StoreError),
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    connections: ConnectionLimits,
    setup: Option<String>,
    public_url: Option<Arc<PublicUrl>>,
    /// Resolves when the audit lines of downloads are all written ([`journal::Journal::drained`]).
    journal_drained: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>,
}

impl Application {
    /// Opens (and migrates) the database and binds the address; port 0 picks a free port.
    pub async fn build(config: Config, catalog: Catalog) -> Result<Application, StartError> {
        let store_error = |e| StartError::Store(isomm_store::redacted(&config.database_url), e);
        let store = isomm_store::connect_with(&config.database_url, &config.database)
            .await
            .map_err(store_error)?;
        // Once several instances start together, the last one's link is the one that works.
        let setup = account::setup_token(&*store).await.map_err(store_error)?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| StartError::Bind(config.bind, e))?;
        let mut settings = config.settings;
        if let Ok(addr) = listener.local_addr() {
            let host = if addr.ip().is_unspecified() {
                "127.0.0.1".to_string()
            } else {
                addr.ip().to_string()
            };
            settings.listen_origin = Some(format!("http://{host}:{}", addr.port()));
        }
        let state = AppState::new(store, catalog, settings)
            .await
            .map_err(store_error)?;
        let public_url = state.edge.public.clone();
        let journal_drained = Box::pin(state.journal.drained());
        Ok(Application {
            listener,
            router: app(state),
            connections: config.connections,
            setup,
            public_url,
            journal_drained,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// When the database has no account: the one-time link that creates the first admin, on the
    /// address people use (`--public-url`) or else on `base` (where this server listens).
    pub fn setup_link(&self, base: &str) -> Option<String> {
        let origin = self
            .public_url
            .as_ref()
            .map_or_else(|| base.trim_end_matches('/').to_string(), |p| p.origin());
        self.setup
            .as_ref()
            .map(|token| format!("{origin}/setup/{token}"))
    }

    /// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight within the grace
    /// period.
    pub async fn run(self) {
        let grace = self.connections.grace;
        serve::serve(self.listener, self.router, self.connections, shutdown()).await;
        // The last audit lines of downloads, written before the process ends.
        if tokio::time::timeout(grace, self.journal_drained)
            .await
            .is_err()
        {
            tracing::warn!("audit lines still waiting at the end of the grace period");
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("stopping: finishing the requests in flight");
}
