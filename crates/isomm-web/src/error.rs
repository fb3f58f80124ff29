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
    /// A respondent's link that does not (or no longer) lead anywhere: revoked, replaced by a new
    /// one, or mistyped. A 404 like any unknown page, with words for the respondent.
    #[error("unknown link")]
    LinkGone,
    /// A POST without the browser's CSRF token.
    #[error("the form is out of date (CSRF token missing or wrong)")]
    Csrf,
    /// Input that cannot be shown back in a form (a malformed request); forms re-render instead.
    #[error("{0}")]
    BadRequest(String),
    /// A request body over the limit.
    #[error("the request is too large")]
    TooLarge,
    /// No job slot came free within the wait: try again shortly (503 with `Retry-After`).
    #[error("busy")]
    Busy,
    /// A background job panicked or was cancelled: ours to fix.
    #[error("a job failed: {0}")]
    Job(String),
    /// A `Host` this server does not answer for (DNS rebinding, a misconfigured proxy).
    #[error("misdirected request")]
    MisdirectedHost,
    /// A POST from another site.
    #[error("cross-origin request")]
    CrossOrigin,
    /// Not logged in (a request other than a page view; pages go to the login form).
    #[error("login needed")]
    LoginNeeded,
    /// Logged in, but this access level does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// Logged in, but not working in any workspace (or no longer a member of the current one).
    #[error("no workspace")]
    NoWorkspace,
    /// A respondent changing a sheet they submitted.
    #[error("the sheet was submitted")]
    Submitted,
    /// Too many failed logins: wait this many seconds.
    #[error("too many attempts")]
    TooManyAttempts(u64),
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
            AppError::LinkGone => (
                StatusCode::NOT_FOUND,
                "このリンクは使えません。無効にされたか、新しいリンクに置き換えられたか、途中までしかコピーされていません。評価の担当者に新しいリンクを依頼してください。",
                "This link does not work: it was revoked, replaced by a new one, or copied only in part. Ask the person running the assessment for a new link.",
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
                "ファイルが大きすぎます。",
                "The file is too large.",
            ),
            AppError::Busy | AppError::Store(StoreError::Busy) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "サーバーが混み合っています。少し待ってから、もう一度お試しください。",
                "The server is busy. Wait a moment and try again.",
            ),
            AppError::Store(StoreError::Unavailable) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "データベースに接続できません。少し待ってから、もう一度お試しください。",
                "The database does not answer. Wait a moment and try again.",
            ),
            AppError::MisdirectedHost => (
                StatusCode::MISDIRECTED_REQUEST,
                "このアドレスでは isomm にアクセスできません。管理者が設定した URL（--public-url）か localhost を使ってください。",
                "isomm does not answer at this address. Use the URL the operator configured (--public-url), or localhost.",
            ),
            AppError::CrossOrigin => (
                StatusCode::FORBIDDEN,
                "他のサイトから送信されたフォームは受け付けません。isomm のページから送信してください。",
                "A form sent from another site is refused. Send it from isomm's own page.",
            ),
            AppError::LoginNeeded => (
                StatusCode::UNAUTHORIZED,
                "ログインしてください。",
                "Log in first.",
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "このワークスペースでのあなたの権限では、この操作はできません。ワークスペースのオーナーに依頼してください。",
                "Your access in this workspace does not allow this. Ask an owner of the workspace.",
            ),
            AppError::NoWorkspace => (
                StatusCode::FORBIDDEN,
                "作業するワークスペースがありません。ワークスペースのオーナーに招待してもらうか、管理者に依頼してください。",
                "You are not working in a workspace. Ask a workspace's owner to add you, or ask an admin.",
            ),
            AppError::Submitted => (
                StatusCode::CONFLICT,
                "このチェックシートは提出済みのため変更できません。評価担当者に再開を依頼してください。",
                "This sheet has been submitted and cannot be changed. Ask the assessor to reopen it.",
            ),
            AppError::TooManyAttempts(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "ログインの失敗が続いたため、しばらく受け付けません。時間をおいてから、もう一度お試しください。",
                "Too many failed logins. Wait a while, then try again.",
            ),
            AppError::Store(_) | AppError::Render(_) | AppError::Output(_) | AppError::Job(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "サーバーで問題が発生しました。",
                "Something went wrong on the server.",
            ),
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self, "request failed");
        }
        let detail = match &self {
            AppError::BadRequest(m) => m.clone(),
            AppError::TooLarge => {
                let max =
                    isomm_core::limits::human_bytes(isomm_core::limits::MAX_FILE_BYTES as u64);
                format!("上限 {max} / at most {max}")
            }
            _ => String::new(),
        };
        let page = ErrorPage {
            code: status.as_u16(),
            ja,
            en,
            detail,
        };
        let mut response = (
            status,
            Html(page.render().unwrap_or_else(|_| status.to_string())),
        )
            .into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
        if let AppError::TooManyAttempts(secs) = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs.max(1)),
            );
        }
        response
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
