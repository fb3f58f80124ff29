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
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use isomm_core::Catalog;
use isomm_store::Store;

pub mod ctx;
pub mod error;
mod forms;
mod pages;
mod views;
pub mod words;

/// Request bodies larger than this are refused (413).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub catalog: Arc<Catalog>,
}

const APP_JS: &str = include_str!("../static/app.js");
const APP_CSS: &str = include_str!("../static/app.css");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    use pages::*;
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(|| async { "ok" }))
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
        .layer(middleware::from_fn(ctx::csrf_cookie))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// How to run the server.
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: String,
    /// Listen on an address other than loopback although there are no accounts.
    pub allow_remote: bool,
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
}

impl Application {
    /// Opens (and migrates) the database and binds the address; port 0 picks a free port.
    pub async fn build(config: Config, catalog: Catalog) -> Result<Application, StartError> {
        if !config.bind.ip().is_loopback() && !config.allow_remote {
            return Err(StartError::RemoteRefused(config.bind));
        }
        let store = isomm_store::connect(&config.database_url)
            .await
            .map_err(|e| StartError::Store(config.database_url.clone(), e))?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| StartError::Bind(config.bind, e))?;
        let router = app(AppState {
            store,
            catalog: Arc::new(catalog),
        });
        Ok(Application { listener, router })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until Ctrl-C (or SIGTERM).
    pub async fn run(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown())
            .await
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
}
