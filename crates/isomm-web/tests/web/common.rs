//! What the oneshot tests share: an app on a fresh database (SQLite, or PostgreSQL with
//! `ISOMM_TEST_BACKEND=postgres`), with a token it issued, and requests as a browser sends them.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use isomm_core::Catalog;
use isomm_store::accounts::{Access, Email, UserAdded};
use isomm_web::{AppState, Settings, app};
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    /// The CSRF token of the session (or, for an anonymous app, one this app issued for the
    /// browser's cookie), for the forms.
    pub token: String,
    /// The logged-in owner's session cookie (`name=value`), sent with every request; empty for an
    /// anonymous app.
    pub session: String,
    pub state: AppState,
    /// The workspace the logged-in owner works in.
    pub workspace: i64,
    /// The database, dropped with the last app on it ([`TestApp::on_model`] shares it).
    _db: std::sync::Arc<isomm_store::testing::Fresh>,
}

/// A password hash made once per test process (argon2 is slow on purpose).
pub fn test_hash() -> &'static str {
    static HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        isomm_store::auth::hash_password("violet kettle under 42 lanterns")
    });
    &HASH
}

pub const TEST_PASSWORD: &str = "violet kettle under 42 lanterns";

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

/// An app with these settings (limits, public URL), and an owner of a workspace logged in.
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    let mut app = spawn_anonymous_with(settings).await;
    let (session, token) = app.log_in_new("owner@example.jp", Access::Owner).await;
    app.session = session;
    app.token = token;
    app
}

/// An app nobody is logged in to, with one workspace and no account.
pub async fn spawn_anonymous_with(settings: Settings) -> TestApp {
    let db = isomm_store::testing::Fresh::from_env();
    let store = db.store().await;
    let workspace = store
        .workspace_named("Example SOC", true)
        .await
        .unwrap()
        .unwrap()
        .id;
    let state = AppState::new(store, Catalog::builtin().clone(), settings)
        .await
        .unwrap();
    let token = state.tokens.issue();
    TestApp {
        router: app(state.clone()),
        token,
        session: String::new(),
        state,
        workspace,
        _db: std::sync::Arc::new(db),
    }
}

pub async fn spawn_anonymous() -> TestApp {
    spawn_anonymous_with(Settings::default()).await
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
    /// Another app on the same database with another model (as a server started again with
    /// `--model`), the same browser logged in: its session and tokens are in the database.
    pub async fn on_model(&self, catalog: Catalog) -> TestApp {
        let state = AppState::new(self.state.store.clone(), catalog, Settings::default())
            .await
            .unwrap();
        TestApp {
            router: app(state.clone()),
            token: self.token.clone(),
            session: self.session.clone(),
            state,
            workspace: self.workspace,
            _db: self._db.clone(),
        }
    }

    /// Adds an account with `access` to the app's workspace and logs it in through the login form;
    /// returns its session cookie and CSRF token.
    pub async fn log_in_new(&self, email: &str, access: Access) -> (String, String) {
        let store = &self.state.store;
        let UserAdded::User(user) = store
            .add_user(&Email::parse(email).unwrap(), email, test_hash(), false)
            .await
            .unwrap()
        else {
            panic!("a new account")
        };
        store
            .set_access(self.workspace, user, Some(access))
            .await
            .unwrap();
        self.log_in(email, TEST_PASSWORD).await
    }

    /// Logs in through the login form; returns the session cookie and its CSRF token.
    pub async fn log_in(&self, email: &str, password: &str) -> (String, String) {
        let anonymous = self.issued();
        let body = encode(&[
            ("csrf", &anonymous),
            ("email", email),
            ("password", password),
        ]);
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(
                header::COOKIE,
                format!("{}={anonymous}", self.state.tokens.cookie_name()),
            )
            .body(Body::from(body))
            .unwrap();
        let r = self.send_as("", request).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "log in as {email}: {}",
            r.body
        );
        let session = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("isomm_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_string();
        let page = self
            .send_as(
                &session,
                Request::get("/catalog").body(Body::empty()).unwrap(),
            )
            .await;
        let token = page
            .body
            .split("name=\"csrf-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page's CSRF token")
            .to_string();
        (session, token)
    }

    /// The raw bytes of an answer (a download), with the session.
    pub async fn send_bytes(&self, mut request: Request<Body>) -> Vec<u8> {
        if !self.session.is_empty() {
            request
                .headers_mut()
                .insert(header::COOKIE, self.session.parse().unwrap());
        }
        let response = self.router.clone().oneshot(request).await.unwrap();
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec()
    }

    /// The raw bytes of a download at `path` (a workbook, a PDF), with the session.
    pub async fn get_bytes(&self, path: &str) -> Vec<u8> {
        self.send_bytes(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// A CSRF token for a browser without a session (its cookie and its forms).
    pub fn issued(&self) -> String {
        self.state.tokens.issue()
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        self.send_as(&self.session.clone(), request).await
    }

    /// Sends a request with this session cookie (`name=value`, or empty for none) added to the
    /// request's own cookies.
    pub async fn send_as(&self, session: &str, mut request: Request<Body>) -> Reply {
        if !session.is_empty() {
            let cookie = match request
                .headers()
                .get(header::COOKIE)
                .and_then(|v| v.to_str().ok())
            {
                Some(c) if !c.is_empty() => format!("{c}; {session}"),
                _ => session.to_string(),
            };
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().unwrap());
        }
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
        let cookie = format!("isomm_csrf={}; {}", self.token, self.session);
        let upload = Upload {
            path: "/assessments/import",
            cookie: &cookie,
            token: &self.token,
        };
        self.upload_to(upload, file_name, content, fields).await
    }

    /// A file sent to the upload form at `path` by this app's logged-in browser.
    pub async fn upload_at(&self, path: &str, file_name: &str, content: &[u8]) -> Reply {
        let cookie = format!("isomm_csrf={}; {}", self.token, self.session);
        let to = Upload {
            path,
            cookie: &cookie,
            token: &self.token,
        };
        self.upload_to(to, file_name, content, &[]).await
    }

    /// A file sent as a browser sends the upload form of `to.path`, with the cookies and token
    /// of `to`.
    pub async fn upload_to(
        &self,
        to: Upload<'_>,
        file_name: &str,
        content: &[u8],
        fields: &[(&str, &str)],
    ) -> Reply {
        let boundary = "isommboundary1234";
        let mut body = Vec::new();
        let mut all = vec![("csrf", to.token)];
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
        let request = Request::post(to.path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::COOKIE, to.cookie)
            .body(Body::from(body))
            .unwrap();
        self.send_as("", request).await
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
        self.add_respondent_with_link(id, name, position).await.0
    }

    /// Adds a respondent through the form; their id and the token of the private link shown.
    pub async fn add_respondent_with_link(
        &self,
        id: i64,
        name: &str,
        position: &str,
    ) -> (i64, String) {
        let r = self
            .post(
                &format!("/assessments/{id}/respondents"),
                &[("name", name), ("position", position)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "the new link is shown: {}",
            r.body
        );
        let token = link_token(&r.body);
        let page = self.get(&format!("/assessments/{id}")).await.body;
        // The respondent's sheet link follows its name's row; take the highest respondent id on the page.
        let rid = page
            .match_indices(&format!("/assessments/{id}/respondents/"))
            .filter_map(|(i, m)| {
                page[i + m.len()..]
                    .split(['"', '/'])
                    .next()?
                    .parse::<i64>()
                    .ok()
            })
            .max()
            .unwrap();
        (rid, token)
    }
}

/// Where an upload goes, and as whom: the form's path, the request's cookies, the token it carries.
#[derive(Clone, Copy)]
pub struct Upload<'a> {
    pub path: &'a str,
    pub cookie: &'a str,
    pub token: &'a str,
}

/// The token of the private link a page shows (`/r/{token}`).
pub fn link_token(page: &str) -> String {
    page.split("/r/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a private link in the page")
        .to_string()
}

/// The path of the invitation link a page shows (`/invite/{token}`).
pub fn invitation_link(page: &str) -> String {
    let start = page.find("/invite/").expect("an invitation link");
    page[start..].split('"').next().unwrap().to_string()
}
