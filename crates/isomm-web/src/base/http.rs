//! Small HTTP helpers every feature answers with: a page, a page with errors (422), a redirect
//! after a POST, not found, entity tags, and the health checks.

use std::time::Duration;

use crate::base::AppState;
use crate::base::error::AppError;
use crate::base::error::Result;
use askama::Template;
use axum::http::HeaderMap;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::http::header::ETAG;
use axum::http::header::IF_NONE_MATCH;
use axum::http::header::LOCATION;
use axum::http::header::VARY;
use axum::response::Html;
use axum::response::IntoResponse;
use axum::response::Response;

pub fn page(t: impl Template) -> Result<Html<String>> {
    Ok(Html(t.render()?))
}

/// A page shown again with its errors: 422.
pub fn unprocessable(t: impl Template) -> Result<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(t.render()?)).into_response())
}

/// 303 to `to` (a path on this site); a path that cannot be a header goes home.
pub fn see_other(to: impl AsRef<str>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let location = HeaderValue::from_str(to.as_ref()).unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, location);
    response
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Does the request's `If-None-Match` name this entity tag?
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

/// The headers that let a browser keep a result and ask again cheaply, and shared caches keep
/// nothing.
pub fn with_validators(mut response: Response, etag: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(ETAG, v);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    headers.insert(VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    response
}

/// `/readyz`: 200 when the database answers within two seconds, else 503 (the page that says
/// the database does not answer, in the reader's language).
pub async fn ready(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => "ok".into_response(),
        _ => AppError::Store(isomm_store::StoreError::Unavailable).into_response(),
    }
}
