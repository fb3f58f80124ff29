//! One error type for every handler, mapped to HTTP in one place.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use isomm_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such assessment, respondent or page.
    #[error("not found")]
    NotFound,
    /// A POST without the browser's CSRF token.
    #[error("the form is out of date (CSRF token missing or wrong)")]
    Csrf,
    /// Input that cannot be shown back in a form (a malformed request); forms re-render instead.
    #[error("{0}")]
    BadRequest(String),
    /// A request body over the limit.
    #[error("the request is too large")]
    TooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A report or sheet that could not be written: ours to fix, not the user's.
    #[error("cannot write the file: {0}")]
    Output(std::io::Error),
    #[error("cannot render the page: {0}")]
    Render(#[from] askama::Error),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, ja, en) = match &self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "ページが見つかりません。",
                "Not found.",
            ),
            AppError::Csrf => (
                StatusCode::FORBIDDEN,
                "フォームの有効期限が切れています。ページを読み込み直してから、もう一度送信してください。",
                "This form is out of date. Reload the page and send it again.",
            ),
            AppError::BadRequest(_) => (
                StatusCode::BAD_REQUEST,
                "リクエストを処理できません。",
                "The request could not be processed.",
            ),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "ファイルが大きすぎます（上限 2 MiB）。",
                "The file is too large (2 MiB at most).",
            ),
            AppError::Store(_) | AppError::Render(_) | AppError::Output(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "サーバーで問題が発生しました。",
                "Something went wrong on the server.",
            ),
        };
        if status.is_server_error() {
            eprintln!("isomm: {self}");
        }
        let detail = match &self {
            AppError::BadRequest(m) => m.clone(),
            _ => String::new(),
        };
        let page = ErrorPage {
            code: status.as_u16(),
            ja,
            en,
            detail,
        };
        (
            status,
            Html(page.render().unwrap_or_else(|_| status.to_string())),
        )
            .into_response()
    }
}

/// The error page: a template of its own, with no context, so it renders whatever went wrong.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    code: u16,
    ja: &'static str,
    en: &'static str,
    detail: String,
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
