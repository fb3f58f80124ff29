//! The isomm web application: server-rendered pages for the whole ISOMM workflow (know the whole,
//! set the patterns, check every role, read the results), on any [`Store`].
//!
//! `app(state)` is the whole router (tested with `oneshot`); [`Application`] binds it to an address.
//!
//! Architecture invariant: handlers parse input, call the store and the core, and render templates;
//! rules stay in `isomm-core`, SQL in `isomm-store`, HTML in `templates/` (auto-escaped).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;

use axum::middleware;

use isomm_core::Catalog;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

// The shared layer every feature builds on, and the pages' shared view models.
pub mod base;
pub mod views;

// The features: each imports the shared layer and never a sibling (`tests/isomm/tidy.rs`).
pub mod accounts;
mod admin;
mod assessments;
mod audit;
mod catalog;
mod home;
mod import;
mod invitations;
mod members;
mod plan;
mod respondents;
mod results;
mod rounds;
mod sheet;

// The one place that names handlers: every route with its access rule and body.
pub mod routes;

pub use base::edge::{PublicUrl, PublicUrlProblem};
pub use base::serve::ConnectionLimits;
pub use base::{AppState, BODY_LIMIT, ClientAddr, Settings};
use base::{access, bounds, edge, error, serve};

/// The whole application.
pub fn app(state: AppState) -> Router {
    use base::http::not_found;
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
    for r in routes::routes() {
        let guard =
            middleware::from_fn_with_state((state.clone(), r.rule, r.closed), access::enforce);
        // The body is bounded first: before the session is looked up, before anything parses it.
        let bound = middleware::from_fn_with_state(r.body.limit(roles), bounds::bound);
        // Innermost to outermost: the confirmation of a write that loses something, the CSRF
        // token of a write, the access rule, the body's bounds.
        let handler = match r.confirm {
            Some(what) => r.handler.route_layer(middleware::from_fn_with_state(
                (state.clone(), what),
                base::confirm::confirm,
            )),
            None => r.handler,
        };
        let handler = if r.method == axum::http::Method::GET {
            handler
        } else {
            handler.route_layer(middleware::from_fn(base::csrf::check_csrf))
        };
        router = router.route(r.path, handler.route_layer(guard).route_layer(bound));
    }
    let mut router = router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.tokens.clone(),
            base::csrf::csrf_cookie,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.edge.clone(),
            edge::guard,
        ));
    // The timeout inside the security headers, so that its 408 carries them too.
    router = router.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        state.request_timeout,
    ));
    for (name, value) in edge::security_headers() {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
        .layer(middleware::from_fn(error::in_readers_language))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(edge::MakeId::default()))
        .with_state(state)
}

/// How to run the server. Its `Default` is the one place `isomm serve`'s defaults are written
/// (the command line reads them for its options and `--help`).
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    pub settings: Settings,
    pub connections: ConnectionLimits,
    pub database: isomm_store::DbOptions,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://isomm.db".into(),
            settings: Settings::default(),
            connections: ConnectionLimits::default(),
            database: isomm_store::DbOptions::default(),
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
    /// Resolves when the audit lines of downloads are all written ([`base::journal::Journal::drained`]).
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
        let setup = accounts::setup_token(&*store).await.map_err(store_error)?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| StartError::Bind(config.bind, e))?;
        let mut settings = config.settings;
        if let Ok(addr) = listener.local_addr() {
            settings.listen_origin = Some(origin_of(addr));
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

    /// Where this server listens, as people type it: `http://HOST:PORT` (an unspecified address as
    /// `127.0.0.1`, an IPv6 address in brackets).
    pub fn local_origin(&self) -> String {
        origin_of(self.local_addr())
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

/// `http://HOST:PORT` of a listening address: an unspecified address as `127.0.0.1`, an IPv6 one
/// in brackets.
fn origin_of(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    format!("http://{host}:{}", addr.port())
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
