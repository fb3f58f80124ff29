//! The edges a hostile visitor tries, through `app(state).oneshot(...)`: redirects off the site,
//! foreign hosts and origins, forged tokens, oversized and over-limit input, formulas in CSV, and
//! the headers and validators every response carries.

use crate::common::{
    TestApp, encode, spawn_anonymous, spawn_anonymous_with, spawn_app, spawn_app_with,
};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use isomm_core::Limits;
use isomm_store::accounts::Access;
use isomm_web::{PublicUrl, Settings};

const EXAMPLE: &str = include_str!("../../../../examples/hybrid-soc-mssp.toml");

/// Percent-encodes every byte that is not unreserved, as a query value.
fn query_value(s: &str) -> String {
    encode(&[("next", s)])
        .trim_start_matches("next=")
        .to_string()
}

#[tokio::test]
async fn the_language_switch_never_sends_a_browser_off_the_site() {
    let app = spawn_app().await;
    let base = url::Url::parse("http://127.0.0.1:8080/lang/en").unwrap();
    let hostile = [
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "\t//evil.example",
        " //evil.example",
        "https://evil.example",
        "https:evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "/%2F/evil.example",
        "/%5Cevil.example",
        "/\u{3000}/evil.example",
        "/\u{ff0f}/evil.example",
        "/\u{2215}/evil.example",
        "/.//evil.example",
    ];
    for next in hostile {
        let r = app
            .get(&format!("/lang/en?next={}", query_value(next)))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{next:?}");
        // What a browser does with the Location: the WHATWG URL parser, relative to the page.
        let target = base.join(r.location()).unwrap();
        assert_eq!(target.host_str(), Some("127.0.0.1"), "{next:?} → {target}");
        assert_eq!(target.scheme(), "http", "{next:?} → {target}");
    }
    // A path on this site is kept.
    let r = app.get("/lang/en?next=%2Fassessments%2F1%3Fx%3D1").await;
    assert_eq!(r.location(), "/assessments/1?x=1");
}

fn with_host(path: &str, host: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, host)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn only_known_host_names_are_served() {
    let app = spawn_app().await;
    for host in [
        "localhost:8080",
        "127.0.0.1:8080",
        "[::1]:8080",
        "192.0.2.10",
    ] {
        assert_eq!(
            app.send(with_host("/", host)).await.status,
            StatusCode::OK,
            "{host}"
        );
    }
    // DNS rebinding: a hostile name pointed at the loopback address.
    for host in [
        "evil.example",
        "evil.example:8080",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
    ] {
        let r = app.send(with_host("/", host)).await;
        assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(r.body.contains("--public-url"), "{}", r.body);
    }
    let public = spawn_app_with(Settings {
        public_url: Some(PublicUrl::parse("https://isomm.example.org").unwrap()),
        ..Settings::default()
    })
    .await;
    assert_eq!(
        public
            .send(with_host("/", "isomm.example.org"))
            .await
            .status,
        StatusCode::OK
    );
    let r = public.send(with_host("/", "other.example.org")).await;
    assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST);
    // Behind https, browsers are told to keep to https, on every answer; over http they are not.
    for r in [
        public.send(with_host("/", "isomm.example.org")).await,
        public
            .send(with_host("/healthz", "isomm.example.org"))
            .await,
        r,
    ] {
        assert_eq!(
            r.headers["strict-transport-security"],
            isomm_web::base::edge::HSTS,
            "{}",
            r.status
        );
    }
    assert!(
        !app.send(with_host("/", "localhost:8080"))
            .await
            .headers
            .contains_key("strict-transport-security")
    );
    // Two Host headers: which one a proxy read is anyone's guess.
    for (first, second) in [
        ("isomm.example.org", "evil.example"),
        ("isomm.example.org", "isomm.example.org"),
    ] {
        let mut request = with_host("/", first);
        request
            .headers_mut()
            .append(header::HOST, second.parse().unwrap());
        assert_eq!(
            public.send(request).await.status,
            StatusCode::BAD_REQUEST,
            "{first}, {second}"
        );
    }
    // Over https the cookies are __Host- prefixed and Secure: the session's, and the token's of a
    // browser without a session.
    assert!(
        public.session.starts_with("__Host-isomm_session="),
        "{}",
        public.session
    );
    let anonymous = spawn_anonymous_with(Settings {
        public_url: Some(PublicUrl::parse("https://isomm.example.org").unwrap()),
        ..Settings::default()
    })
    .await;
    let cookie = anonymous
        .send(with_host("/login", "isomm.example.org"))
        .await
        .headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("__Host-isomm_csrf=")
            && cookie.contains("; Secure")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
}

fn form_post(app: &TestApp, body: String, cookie: String) -> axum::http::request::Builder {
    let _ = app;
    Request::post("/assessments")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_LENGTH, body.len())
}

fn new_assessment(token: &str) -> String {
    encode(&[
        ("csrf", token),
        ("organization", "Edge CSIRT"),
        ("title", "t"),
        ("current_pattern", "hybrid"),
        ("target_pattern", "hybrid"),
        ("target_level", "4"),
    ])
}

#[tokio::test]
async fn posts_from_other_sites_and_forged_tokens_are_refused() {
    let app = spawn_app().await;
    let good = app.token.clone();
    let cookie = format!("isomm_csrf={good}");
    let send = |origin: Option<&str>, site: Option<&str>| {
        let mut r = form_post(&app, new_assessment(&good), cookie.clone())
            .header(header::HOST, "127.0.0.1:8080");
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        if let Some(s) = site {
            r = r.header("sec-fetch-site", s);
        }
        r.body(Body::from(new_assessment(&good))).unwrap()
    };
    for (origin, site) in [
        (Some("http://evil.example"), None),
        (Some("null"), None),
        (Some("http://127.0.0.1:9999"), None),
        (None, Some("cross-site")),
    ] {
        let r = app.send(send(origin, site)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin:?} {site:?}");
    }
    assert!(
        app.get("/").await.body.contains("まだ評価はありません"),
        "nothing stored"
    );
    // From this site (or a client that sends no Origin, such as curl): accepted.
    for (origin, site) in [
        (Some("http://127.0.0.1:8080"), Some("same-origin")),
        (None, None),
    ] {
        let r = app.send(send(origin, site)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{origin:?}: {}", r.body);
    }

    // A token the attacker chose (planted as a cookie, repeated in the form) is not a token.
    let forged = "0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef";
    let r = app
        .send(
            form_post(&app, new_assessment(forged), format!("isomm_csrf={forged}"))
                .body(Body::from(new_assessment(forged)))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nor is a token of another server (another key).
    let other = spawn_app().await.token;
    let r = app
        .send(
            form_post(&app, new_assessment(&other), format!("isomm_csrf={other}"))
                .body(Body::from(new_assessment(&other)))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Without a session: a forged cookie is replaced on the next page; a valid one never is.
    let anonymous = spawn_anonymous().await;
    let r = anonymous
        .get_with("/login", &format!("isomm_csrf={forged}"))
        .await;
    assert!(r.headers.get(header::SET_COOKIE).is_some());
    let valid = anonymous.issued();
    let r = anonymous
        .get_with("/login", &format!("isomm_csrf={valid}"))
        .await;
    assert!(r.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let id = app.create("Headers").await;
    let mut ids = Vec::new();
    for path in [
        "/".to_string(),
        "/static/app.js".to_string(),
        "/no/such/page".to_string(),
        format!("/assessments/{id}/results"),
        format!("/assessments/{id}/result.json"),
        "/healthz".to_string(),
        "/readyz".to_string(),
    ] {
        let r = app.get(&path).await;
        let h = |name: &str| {
            r.headers
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let csp = h("content-security-policy");
        assert_eq!(csp, isomm_web::base::edge::CSP, "{path}");
        let script = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script.trim(),
            "script-src 'self'",
            "no inline script: {path}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("referrer-policy"), "same-origin", "{path}");
        assert!(h("cache-control").contains("no-cache"), "{path}");
        assert_eq!(h("x-request-id").len(), 16, "{path}");
        ids.push(h("x-request-id"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7, "a fresh request id each time");
    assert_eq!(app.get("/readyz").await.body, "ok");
}

#[tokio::test]
async fn results_are_revalidated_with_their_entity_tag() {
    let app = spawn_app().await;
    let r = app.upload("x.toml", EXAMPLE.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();
    for path in [
        format!("/assessments/{id}/result.json"),
        format!("/assessments/{id}/results"),
        format!("/assessments/{id}/answers.csv"),
        format!("/assessments/{id}/result.csv"),
    ] {
        let cookie = format!("isomm_csrf={}", app.token);
        let first = app.get_with(&path, &cookie).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
        assert_eq!(
            first.headers[header::VARY],
            "Cookie, Accept-Language",
            "{path}"
        );
        assert_eq!(
            first.headers[header::CACHE_CONTROL],
            "private, no-cache",
            "{path}"
        );
        let again = app
            .send(
                Request::get(path.as_str())
                    .header(header::COOKIE, &cookie)
                    .header(header::IF_NONE_MATCH, &etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers[header::ETAG], etag.as_str());
    }
    // A write makes a new revision: a new tag and new content.
    let json = format!("/assessments/{id}/result.json");
    let before = app.get(&json).await;
    let rid = app.add_respondent(id, "New one", "staff").await;
    let sheet = format!("/assessments/{id}/respondents/{rid}/answers/A-1");
    assert_eq!(
        app.post(&sheet, &[("in", "5")]).await.status,
        StatusCode::OK
    );
    let submit = format!("/assessments/{id}/respondents/{rid}/submit");
    assert_eq!(app.post(&submit, &[]).await.status, StatusCode::SEE_OTHER);
    let after = app.get(&json).await;
    assert_ne!(before.headers[header::ETAG], after.headers[header::ETAG]);
    assert!(after.body.contains("New one") && !before.body.contains("New one"));
    // The results page's tag is this session's own (the page carries its token).
    let page = format!("/assessments/{id}/results");
    let mine = app.get(&page).await;
    let (other, _) = app.log_in_new("viewer@example.jp", Access::Viewer).await;
    let theirs = app
        .send_as(&other, Request::get(&page).body(Body::empty()).unwrap())
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_ne!(mine.headers[header::ETAG], theirs.headers[header::ETAG]);
}

#[tokio::test]
async fn imports_past_a_limit_are_refused_with_the_limit_and_store_nothing() {
    let app = spawn_app_with(Settings {
        limits: Limits { max_respondents: 2 },
        ..Settings::default()
    })
    .await;
    // Three respondents where two are allowed.
    let r = app.upload("three.toml", EXAMPLE.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("回答者が 2 人を超えています"), "{}", r.body);
    // The CSV form stops at the line that would add the third.
    let mut csv = "respondent,position,role,insource\n".to_string();
    for i in 0..5000 {
        csv.push_str(&format!("r{i},staff,A-1,1\n"));
    }
    let r = app
        .upload(
            "many.csv",
            csv.as_bytes(),
            &[("current_pattern", "hybrid"), ("target_pattern", "hybrid")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("4 行目の「respondent」列"), "{}", r.body);
    // A million-character organisation name.
    let long = EXAMPLE.replacen("みなと信託銀行 SOC", &"x".repeat(1_000_000), 1);
    let r = app.upload("long.toml", long.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("200 文字までにしてください"), "{}", r.body);
    // A body over the size bound: 413 before it is read.
    let r = app
        .upload("big.toml", &vec![b' '; isomm_web::BODY_LIMIT + 1], &[])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        app.get("/").await.body.contains("まだ評価はありません"),
        "nothing stored"
    );

    // The form stops at the bound too.
    let id = app.create("Two at most").await;
    app.add_respondent(id, "A", "staff").await;
    app.add_respondent(id, "B", "staff").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "C"), ("position", "staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("これ以上回答者を追加できません"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_formula_in_a_name_reaches_excel_as_text() {
    let app = spawn_app().await;
    let id = app.create("=cmd|' /C calc'!A0").await;
    let rid = app
        .add_respondent(id, "=HYPERLINK(\"http://evil.example\",\"x\")", "staff")
        .await;
    let sheet = format!("/assessments/{id}/respondents/{rid}/answers/A-1");
    let r = app
        .post(&sheet, &[("in", "3"), ("note", "@SUM(1+1)")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let csv = app
        .get(&format!("/assessments/{id}/answers.csv"))
        .await
        .body;
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'@SUM(1+1)"), "{csv}");
}

#[tokio::test]
async fn tokens_are_made_for_pages_with_forms_only_and_respondent_zero_is_no_one() {
    let app = spawn_app().await;
    let r = app.upload("x.toml", EXAMPLE.as_bytes(), &[]).await;
    let id: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();
    // Files and documents carry no form: no token, no cookie.
    for path in [
        format!("/assessments/{id}/result.json"),
        format!("/assessments/{id}/result.csv"),
        format!("/assessments/{id}/answers.csv"),
        "/healthz".to_string(),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.headers.get(header::SET_COOKIE).is_none(), "{path}");
    }
    // A logged-in page carries the session's token: no cookie either. Without a session, a page
    // with a form gets one.
    assert!(app.get("/").await.headers.get(header::SET_COOKIE).is_none());
    let anonymous = spawn_anonymous().await;
    assert!(
        anonymous
            .get("/login")
            .await
            .headers
            .get(header::SET_COOKIE)
            .is_some()
    );
    // Ids start at 1: 0 (or a negative id) is no respondent, never "every respondent".
    for rid in ["0", "-1"] {
        let path = format!("/assessments/{id}/respondents/{rid}");
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        let r = app.post(&path, &[("A-1.in", "3")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// A POST whose body is not a form (no content type, JSON, garbage) gets the page of a refused token,
/// in the user's language, never the framework's own text.
#[tokio::test]
async fn a_post_that_is_not_a_form_is_refused_in_words_for_people() {
    let app = spawn_app().await;
    for (content_type, body) in [
        (None, ""),
        (Some("application/json"), "{\"csrf\": \"x\"}"),
        (Some("application/x-www-form-urlencoded"), "%%%=&&&"),
    ] {
        let mut request = Request::post("/logout");
        if let Some(t) = content_type {
            request = request.header(header::CONTENT_TYPE, t);
        }
        let r = app.send(request.body(Body::from(body)).unwrap()).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{content_type:?}: {}",
            r.body
        );
        assert!(
            !r.body.contains("Content-Type") && !r.body.contains("Failed to deserialize"),
            "{}",
            r.body
        );
        assert!(r.body.contains("<html lang=\"ja\""), "{}", r.body);
    }
    // Still logged in: none of these ended the session.
    assert_eq!(app.get("/").await.status, StatusCode::OK);
}

/// Until someone chooses a language on the site, pages speak the browser's first language that
/// isomm speaks; a choice wins over the browser.
#[tokio::test]
async fn the_browser_language_is_used_until_one_is_chosen() {
    let app = spawn_anonymous().await;
    let page = |accept: &'static str, cookie: &'static str| {
        let app = &app;
        async move {
            let mut request = Request::get("/login").header(header::ACCEPT_LANGUAGE, accept);
            if !cookie.is_empty() {
                request = request.header(header::COOKIE, cookie);
            }
            app.send(request.body(Body::empty()).unwrap()).await.body
        }
    };
    assert!(
        page("en-US,en;q=0.9,ja;q=0.5", "")
            .await
            .contains("<html lang=\"en\"")
    );
    assert!(page("ja,en;q=0.5", "").await.contains("<html lang=\"ja\""));
    assert!(
        page("fr", "").await.contains("<html lang=\"ja\""),
        "Japanese first"
    );
    assert!(
        page("en", "isomm_lang=ja")
            .await
            .contains("<html lang=\"ja\""),
        "the choice on the site wins"
    );
}

/// A query, a path or an upload body that does not parse is answered in isomm's words, never the
/// parser's (issue 19's review).
#[tokio::test]
async fn malformed_queries_paths_and_uploads_get_isomms_words() {
    let app = spawn_app().await;
    let r = app.get("/?before=not-a-number").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("<small class=\"muted\">400</small>") && !r.body.contains("invalid digit"),
        "{}",
        r.body
    );
    let r = app
        .post_raw(
            "/assessments/import",
            &format!("csrf={}", app.token),
            &format!("isomm_csrf={}", app.token),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(!r.body.to_lowercase().contains("multipart"), "{}", r.body);
    let r = app.post("/members/abc", &[("access", "viewer")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

/// Every kind of request axum's own extractors would refuse in their words — a bad id in the path,
/// a form that does not parse, JSON where a form is expected, a body of another media type — gets
/// an error page of isomm's, in the reader's language, and nothing of the router's text.
#[tokio::test]
async fn no_rejection_of_the_router_reaches_anyone_in_its_own_words() {
    let app = spawn_app().await;
    let id = app.create("Rejections CSIRT").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    // What axum and serde say when they refuse (none of it may show).
    let theirs = [
        "Failed to deserialize",
        "Invalid URL",
        "Expected request with",
        "Cannot parse",
        "invalid digit",
        "missing field",
        "Content-Type",
    ];
    let with_token = |method: &str, path: String, content_type: &str, body: &str| {
        Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type)
            .header("x-csrf-token", app.token.as_str())
            .header(header::COOKIE, "isomm_lang=en")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let form = "application/x-www-form-urlencoded";
    let cases = [
        // A bad id, in every place an id is read from the path.
        (
            "bad id",
            Request::get("/assessments/abc/results")
                .header(header::COOKIE, "isomm_lang=en")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            "bad respondent id",
            Request::get(format!("/assessments/{id}/respondents/x1"))
                .header(header::COOKIE, "isomm_lang=en")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            "bad member id",
            with_token(
                "POST",
                "/members/99999999999999999999".into(),
                form,
                "access=viewer",
            ),
            StatusCode::NOT_FOUND,
        ),
        (
            "bad invitation id",
            with_token("POST", "/members/invitations/-x/cancel".into(), form, ""),
            StatusCode::NOT_FOUND,
        ),
        (
            "JSON for a form",
            with_token(
                "POST",
                format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
                "application/json",
                "{\"in\": 3}",
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "broken JSON for a form",
            with_token(
                "POST",
                format!("/assessments/{id}/respondents"),
                "application/json",
                "{\"name\": ",
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong media type",
            with_token(
                "POST",
                format!("/assessments/{id}/edit"),
                "text/plain",
                "organization=x",
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a form where a file is expected",
            with_token("POST", "/assessments/import".into(), form, "file=x"),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, request, status) in cases {
        let r = app.send(request).await;
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert!(
            r.body.contains(&format!(
                "<small class=\"muted\">{}</small>",
                status.as_u16()
            )) && r.body.contains("lang=\"en\""),
            "{what}: isomm's page, in the reader's language: {}",
            r.body
        );
        for text in theirs {
            assert!(!r.body.contains(text), "{what}: {text:?} in {}", r.body);
        }
    }
    // A form of broken escapes still parses (as a browser's would, leniently): the value is then
    // refused in isomm's words, for the field.
    let r = app
        .send(with_token(
            "POST",
            format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
            form,
            "in=%ZZ&&==",
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Choose 0–5"), "{}", r.body);
}

/// A page that answers a form (here the page of new private links, shown once) cannot be asked
/// for again: its language switch goes back to the page the form was on, never to the form's
/// address (which answers only POST); another site's page as the referrer counts for nothing.
#[tokio::test]
async fn the_language_switch_of_a_page_that_answers_a_form_goes_back_to_the_form() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    for (referer, next) in [
        (
            format!("http://localhost/assessments/{id}"),
            format!("/assessments/{id}"),
        ),
        (format!("/assessments/{id}"), format!("/assessments/{id}")),
        ("https://evil.example/x".to_string(), "/".to_string()),
    ] {
        let request = axum::http::Request::post(format!("/assessments/{id}/respondents"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "localhost")
            .header("referer", &referer)
            .header("cookie", format!("isomm_csrf={}", app.token))
            .body(axum::body::Body::from(encode(&[
                ("csrf", &app.token),
                ("name", &format!("佐藤{}", referer.len())),
                ("position", "staff"),
            ])))
            .unwrap();
        let r = app.send(request).await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.body);
        assert!(
            r.body.contains(&format!("href=\"/lang/en?next={next}\"")),
            "{referer}: {}",
            r.body
        );
    }
}
