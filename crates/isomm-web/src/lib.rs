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
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use isomm_core::{Catalog, Limits};
use isomm_store::{Store, StoreError};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub mod auth;
pub mod cache;
pub mod ctx;
pub mod edge;
pub mod error;
mod forms;
pub mod jobs;
mod pages;
pub mod serve;
mod summary;
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
    pub cache: cache::Cache,
    pub tokens: ctx::Tokens,
    pub edge: edge::Edge,
    summaries: summary::Summaries,
    request_timeout: Duration,
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
        let cache = cache::Cache::new(settings.cache_bytes, &catalog);
        let catalog = Arc::new(catalog);
        let renders = jobs::Jobs::new("render", settings.heavy_jobs.max(1) * 4, settings.job_wait);
        Ok(AppState(Arc::new(Shared {
            summaries: summary::Summaries::start(store.clone(), catalog.clone(), renders.clone()),
            store,
            catalog,
            limits: settings.limits,
            heavy: jobs::Jobs::new("heavy", settings.heavy_jobs, settings.job_wait),
            renders,
            cache,
            tokens: ctx::Tokens::new(key, https),
            edge: edge::Edge {
                public: settings.public_url.map(Arc::new),
            },
            request_timeout: settings.request_timeout,
        })))
    }
}

const APP_JS: &str = include_str!("../static/app.js");
const APP_CSS: &str = include_str!("../static/app.css");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
}

/// `/readyz`: 200 when the database answers within two seconds, else 503.
async fn ready(axum::extract::State(state): axum::extract::State<AppState>) -> impl IntoResponse {
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the database does not answer",
        ),
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    use pages::*;
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
    let mut router = Router::new()
        .route("/", get(home))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/catalog", get(catalog))
        .route("/lang/{code}", get(set_lang))
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/static/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/static/report.css",
            get(|| async { asset("text/css; charset=utf-8", isomm_report::REPORT_CSS) }),
        )
        .route("/assessments", post(create_assessment))
        .route("/assessments/new", get(new_assessment))
        .route("/assessments/import", get(import_form).post(import))
        .route("/assessments/{id}", get(show_assessment))
        .route(
            "/assessments/{id}/edit",
            get(edit_assessment).post(update_assessment),
        )
        .route("/assessments/{id}/delete", post(delete_assessment))
        .route("/assessments/{id}/respondents", post(add_respondent))
        .route(
            "/assessments/{id}/respondents/{rid}",
            get(sheet).post(save_sheet),
        )
        .route(
            "/assessments/{id}/respondents/{rid}/delete",
            post(remove_respondent),
        )
        .route(
            "/assessments/{id}/respondents/{rid}/sheet.xlsx",
            get(respondent_workbook),
        )
        .route(
            "/assessments/{id}/respondents/{rid}/upload",
            post(upload_sheet),
        )
        .route(
            "/assessments/{id}/respondents/{rid}/answers/{role}",
            post(save_answer),
        )
        .route("/assessments/{id}/results", get(results))
        .route("/assessments/{id}/result.json", get(result_json))
        .route("/assessments/{id}/result.csv", get(result_csv))
        .route("/assessments/{id}/report.html", get(report_html))
        .route("/assessments/{id}/report.pdf", get(report_pdf))
        .route("/assessments/{id}/report.xlsx", get(report_xlsx))
        .route("/assessments/{id}/answers.csv", get(answers_csv))
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
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(edge::MakeId::default()))
        .with_state(state)
}

/// How to run the server.
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    /// Listen on an address other than loopback although there are no accounts.
    pub allow_remote: bool,
    pub settings: Settings,
    pub connections: ConnectionLimits,
    pub database: isomm_store::DbOptions,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
            grace: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "refusing to listen on {0}: isomm has no accounts yet, so anyone who can reach this address could read and change every assessment. Listen on 127.0.0.1 (the default), or pass --allow-remote to do it anyway (for example behind a proxy that asks for a password)"
    )]
    RemoteRefused(SocketAddr),
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
}

impl Application {
    /// Opens (and migrates) the database and binds the address; port 0 picks a free port.
    pub async fn build(config: Config, catalog: Catalog) -> Result<Application, StartError> {
        if !config.bind.ip().is_loopback() && !config.allow_remote {
            return Err(StartError::RemoteRefused(config.bind));
        }
        let store_error = |e| StartError::Store(isomm_store::redacted(&config.database_url), e);
        let store = isomm_store::connect_with(&config.database_url, &config.database)
            .await
            .map_err(store_error)?;
        let state = AppState::new(store, catalog, config.settings)
            .await
            .map_err(store_error)?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| StartError::Bind(config.bind, e))?;
        Ok(Application {
            listener,
            router: app(state),
            connections: config.connections,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight within the grace
    /// period.
    pub async fn run(self) {
        serve::serve(self.listener, self.router, self.connections, shutdown()).await;
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
