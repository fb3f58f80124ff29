//! One error type for every handler, mapped to HTTP in one place.
//!
//! An error page is rendered in both languages (a client that says nothing of its language reads
//! both); [`in_readers_language`], the outermost layer, renders it again in the reader's language
//! when the request says which (the language cookie, else `Accept-Language`).

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use isomm_core::Lang;
use isomm_core::messages::Messages;
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
    #[error("a malformed request")]
    BadRequest,
    /// A request body over the limit.
    #[error("the request is too large")]
    TooLarge,
    /// A form past its route's limit (`bounds.rs`), refused before it was parsed.
    #[error("the form is too large")]
    FormTooLarge(crate::base::bounds::FormLimit),
    /// A body that could not be read (the client went away, a broken upload).
    #[error("the request's body could not be read")]
    BadRequestBody,
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
    /// An assessor changing a submitted sheet without reopening it first.
    #[error("the sheet was submitted (reopen it first)")]
    SubmittedReopen,
    /// Two rounds that cannot be compared (rule C1: their models differ).
    #[error("the rounds cannot be compared")]
    Incomparable,
    /// A write to a closed round (issue 24): it keeps the result it closed with.
    #[error("the round is closed")]
    RoundClosed,
    /// Too many failed logins: wait this many seconds.
    #[error("too many attempts")]
    TooManyAttempts(u64),
    /// Too many writes through one private link: wait this many seconds.
    #[error("too many writes")]
    SlowDown(u64),
    /// The request took longer than `--request-timeout` (the timeout layer's empty 408, given a
    /// page by [`in_readers_language`]).
    #[error("the request took too long")]
    Timeout,
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
        let (status, pick): (StatusCode, fn(&ErrorWords) -> &'static str) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, |w| w.not_found),
            AppError::LinkGone => (StatusCode::NOT_FOUND, |w| w.link_gone),
            AppError::Csrf => (StatusCode::FORBIDDEN, |w| w.csrf),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, |w| w.bad_request),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, |w| w.too_large),
            AppError::FormTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, |w| w.form_too_large),
            AppError::BadRequestBody => (StatusCode::BAD_REQUEST, |w| w.bad_body),
            AppError::Busy | AppError::Store(StoreError::Busy) => {
                (StatusCode::SERVICE_UNAVAILABLE, |w| w.busy)
            }
            AppError::Store(StoreError::Unavailable) => {
                (StatusCode::SERVICE_UNAVAILABLE, |w| w.unavailable)
            }
            AppError::MisdirectedHost => (StatusCode::MISDIRECTED_REQUEST, |w| w.misdirected_host),
            AppError::CrossOrigin => (StatusCode::FORBIDDEN, |w| w.cross_origin),
            AppError::LoginNeeded => (StatusCode::UNAUTHORIZED, |w| w.login_needed),
            AppError::Forbidden => (StatusCode::FORBIDDEN, |w| w.forbidden),
            AppError::NoWorkspace => (StatusCode::FORBIDDEN, |w| w.no_workspace),
            AppError::Submitted => (StatusCode::CONFLICT, |w| w.submitted),
            AppError::SubmittedReopen => (StatusCode::CONFLICT, |w| w.submitted_reopen),
            AppError::RoundClosed => (StatusCode::CONFLICT, |w| w.round_closed),
            AppError::Incomparable => (StatusCode::CONFLICT, |w| w.incomparable),
            AppError::TooManyAttempts(_) => {
                (StatusCode::TOO_MANY_REQUESTS, |w| w.too_many_attempts)
            }
            AppError::SlowDown(_) => (StatusCode::TOO_MANY_REQUESTS, |w| w.slow_down),
            AppError::Timeout => (StatusCode::REQUEST_TIMEOUT, |w| w.timeout),
            AppError::Store(_) | AppError::Render(_) | AppError::Output(_) | AppError::Job(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, |w| w.server)
            }
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %self, "request failed");
        }
        // The page's heading, in words (never the bare status code).
        let title: fn(&ErrorWords) -> &'static str = match (&self, status.as_u16()) {
            (AppError::LinkGone, _) => |w| w.title_link_gone,
            (AppError::Submitted | AppError::SubmittedReopen, _) => |w| w.title_submitted,
            (AppError::RoundClosed, _) => |w| w.title_round_closed,
            (_, 404) => |w| w.title_not_found,
            (_, 401 | 403) => |w| w.title_refused,
            (_, 408 | 429 | 503) => |w| w.title_wait,
            (_, 500..) => |w| w.title_server,
            _ => |w| w.title_not_accepted,
        };
        let parts = PageParts {
            status,
            title,
            pick,
            detail: match &self {
                AppError::TooLarge => Detail::FileLimit,
                _ => Detail::None,
            },
        };
        let mut response = (status, Html(parts.render(None))).into_response();
        response.extensions_mut().insert(parts);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
        if let AppError::TooManyAttempts(secs) | AppError::SlowDown(secs) = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs.max(1)),
            );
        }
        response
    }
}

isomm_core::words! {
    /// The words of the error pages, one field per kind of error, read from
    /// `messages/{ja,en}/errors.ftl` once per language (`not_found` from `error-not-found`).
    struct ErrorWords prefix "error-" {
        not_found,
        link_gone,
        csrf,
        bad_request,
        too_large,
        form_too_large,
        bad_body,
        busy,
        unavailable,
        misdirected_host,
        cross_origin,
        login_needed,
        forbidden,
        no_workspace,
        submitted,
        submitted_reopen,
        round_closed,
        incomparable,
        too_many_attempts,
        slow_down,
        timeout,
        server,
        // Headings
        title_not_found,
        title_link_gone,
        title_submitted,
        title_round_closed,
        title_refused,
        title_wait,
        title_server,
        title_not_accepted,
    }
}

/// The message file of the error pages in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Errors)
}

fn fill(m: &mut Messages) -> ErrorWords {
    ErrorWords::read(m)
}

fn error_words(lang: Lang) -> &'static ErrorWords {
    static WORDS: isomm_core::messages::PerLang<ErrorWords> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// "At most 2 MiB", in `lang`: the limit is an argument of the message, never a copy.
fn too_large_limit(lang: Lang, max: &str) -> String {
    Messages::new(lang, source(lang)).format("error-too-large-limit", &[("max", max)])
}

/// The error page: a template of its own, with no context, so it renders whatever went wrong.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    code: u16,
    /// The heading in each language shown: (language code, words).
    titles: Vec<(&'static str, &'static str)>,
    /// The page's language (`ja` when it holds both).
    lang: &'static str,
    /// What went wrong, in each language shown: (language code, words).
    lines: Vec<(&'static str, &'static str)>,
    detail: String,
}

/// More than the words of the error's kind.
#[derive(Clone, Debug)]
enum Detail {
    None,
    /// The largest file isomm takes.
    FileLimit,
}

/// What an error page is made of, kept with the response so that it can be rendered again in the
/// reader's language.
#[derive(Clone)]
struct PageParts {
    status: StatusCode,
    title: fn(&ErrorWords) -> &'static str,
    pick: fn(&ErrorWords) -> &'static str,
    detail: Detail,
}

impl PageParts {
    /// The page in `lang`, or in both languages.
    fn render(&self, lang: Option<Lang>) -> String {
        let langs: Vec<Lang> = match lang {
            Some(l) => vec![l],
            None => Lang::ALL.to_vec(),
        };
        let max = isomm_core::limits::human_bytes(isomm_core::limits::MAX_FILE_BYTES as u64);
        let detail = match &self.detail {
            Detail::None => String::new(),
            Detail::FileLimit => langs
                .iter()
                .map(|l| too_large_limit(*l, &max))
                .collect::<Vec<_>>()
                .join(" / "),
        };
        ErrorPage {
            code: self.status.as_u16(),
            titles: langs
                .iter()
                .map(|l| (l.code(), (self.title)(error_words(*l))))
                .collect(),
            lang: langs[0].code(),
            lines: langs
                .iter()
                .map(|l| (l.code(), (self.pick)(error_words(*l))))
                .collect(),
            detail,
        }
        .render()
        .unwrap_or_else(|_| (self.pick)(error_words(langs[0])).to_string())
    }
}

/// Middleware, outermost: an error page goes out in the reader's language when the request names
/// one (the language cookie, else `Accept-Language`); otherwise in both.
pub async fn in_readers_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let lang = crate::base::ctx::cookie(request.headers(), crate::base::ctx::LANG_COOKIE)
        .and_then(|l| Lang::parse(&l))
        .or_else(|| {
            request
                .headers()
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::base::ctx::accepted_lang)
        });
    let mut response = next.run(request).await;
    // The timeout layer answers an empty 408: the page that says so instead, with the headers the
    // layers inside gave it (security headers, request id).
    if response.status() == StatusCode::REQUEST_TIMEOUT
        && response.extensions().get::<PageParts>().is_none()
    {
        let (mut head, _) = response.into_parts();
        let (page, body) = AppError::Timeout.into_response().into_parts();
        head.headers.remove(axum::http::header::CONTENT_LENGTH);
        head.headers.extend(page.headers);
        head.extensions.extend(page.extensions);
        response = Response::from_parts(head, body);
    }
    if let Some(lang) = lang
        && let Some(parts) = response.extensions_mut().remove::<PageParts>()
    {
        let (mut head, _) = response.into_parts();
        head.headers.remove(axum::http::header::CONTENT_LENGTH);
        return Response::from_parts(head, axum::body::Body::from(parts.render(Some(lang))));
    }
    response
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_words_in_every_language() {
        // The size limit is formatted when a page is made, with the limit as an argument.
        fn fill_all(m: &mut Messages) -> (ErrorWords, String) {
            let limit = m.format("error-too-large-limit", &[("max", "2 MiB")]);
            (fill(m), limit)
        }
        assert_eq!(
            isomm_core::messages::problems(source, fill_all),
            Vec::<String>::new()
        );
        assert_eq!(too_large_limit(Lang::En, "2 MiB"), "at most 2 MiB");
        assert_eq!(too_large_limit(Lang::Ja, "2 MiB"), "上限 2 MiB");
    }
}
