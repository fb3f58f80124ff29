//! The files every page loads: script, style sheets and the icon, compiled into the binary.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

const APP_JS: &str = include_str!("../../static/app.js");
const APP_CSS: &str = include_str!("../../static/app.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
        body,
    )
}

pub async fn app_js() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", APP_JS)
}

pub async fn app_css() -> impl IntoResponse {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// The site's icon (a radar's pentagon), as SVG: at `/static/favicon.svg`, which every page links,
/// and at `/favicon.ico`, where browsers look when a page does not say.
pub async fn favicon() -> impl IntoResponse {
    asset("image/svg+xml", FAVICON)
}

pub async fn report_css() -> impl IntoResponse {
    asset("text/css; charset=utf-8", isomm_report::REPORT_CSS)
}
