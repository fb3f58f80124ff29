//! What the oneshot tests share: an app on a fresh database (SQLite, or PostgreSQL with
//! `ISOMM_TEST_BACKEND=postgres`), with a token it issued, and requests as a browser sends them.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use isomm_core::Catalog;
use isomm_web::{AppState, Settings, app};
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    /// A CSRF token this app issued, for the cookie and the forms.
    pub token: String,
    _db: isomm_store::testing::Fresh,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Settings::default()).await
}

/// An app with these settings (limits, public URL).
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    let db = isomm_store::testing::Fresh::from_env();
    let store = db.store().await;
    let state = AppState::new(store, Catalog::builtin().clone(), settings)
        .await
        .unwrap();
    let token = state.tokens.issue();
    TestApp {
        router: app(state),
        token,
        _db: db,
    }
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, "").await
    }

    pub async fn get_with(&self, path: &str, cookie: &str) -> Reply {
        let mut r = Request::get(path);
        if !cookie.is_empty() {
            r = r.header(header::COOKIE, cookie);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }

    /// A form post with this browser's CSRF cookie and the token in the form.
    pub async fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.token.as_str())];
        all.extend_from_slice(pairs);
        self.post_raw(path, &encode(&all), &format!("isomm_csrf={}", self.token))
            .await
    }

    pub async fn post_raw(&self, path: &str, body: &str, cookie: &str) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    pub async fn upload(&self, file_name: &str, content: &[u8], fields: &[(&str, &str)]) -> Reply {
        let boundary = "isommboundary1234";
        let mut body = Vec::new();
        let mut all = vec![("csrf", self.token.as_str())];
        all.extend_from_slice(fields);
        for (k, v) in all {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .bytes(),
            );
        }
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .bytes(),
        );
        body.extend_from_slice(content);
        body.extend(format!("\r\n--{boundary}--\r\n").bytes());
        let request = Request::post("/assessments/import")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::COOKIE, format!("isomm_csrf={}", self.token))
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Creates an assessment through the form and returns its id.
    pub async fn create(&self, organization: &str) -> i64 {
        let r = self
            .post(
                "/assessments",
                &[
                    ("organization", organization),
                    ("title", "FY2026"),
                    ("current_pattern", "hybrid"),
                    ("target_pattern", "minimum-outsource"),
                    ("target_level", "4"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.location()
            .trim_start_matches("/assessments/")
            .parse()
            .unwrap()
    }

    pub async fn add_respondent(&self, id: i64, name: &str, position: &str) -> i64 {
        let r = self
            .post(
                &format!("/assessments/{id}/respondents"),
                &[("name", name), ("position", position)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = self.get(&format!("/assessments/{id}")).await.body;
        // The respondent's sheet link follows its name's row; take the highest respondent id on the page.
        page.match_indices(&format!("/assessments/{id}/respondents/"))
            .filter_map(|(i, m)| {
                page[i + m.len()..]
                    .split(['"', '/'])
                    .next()?
                    .parse::<i64>()
                    .ok()
            })
            .max()
            .unwrap()
    }
}
