//! Bodies bounded per route (issue 19): every form a page renders fits the limit its route
//! declares, even with every field at its longest, and a body one field or one byte past a route's
//! limit is refused with 413 before it is parsed — on every POST route of the table.

use crate::common::{TestApp, encode, spawn_app};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use isomm_web::base::bounds::{BYTES_PER_CHAR, FormLimit};
use isomm_web::routes::routes;

/// One `<form method="post">` of a page: its action and the most its fields can send.
#[derive(Debug)]
struct Form {
    action: String,
    multipart: bool,
    fields: usize,
    bytes: usize,
}

/// The value of an attribute in a tag (`name="…"`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The longest value a field may hold, in characters, when its tag does not say (`maxlength`):
/// what the server itself accepts for it.
fn longest(tag: &str) -> usize {
    if let Some(n) = attr(tag, "maxlength").and_then(|n| n.parse().ok()) {
        return n;
    }
    match attr(tag, "type").unwrap_or("text") {
        "email" => isomm_core::limits::MAX_EMAIL_CHARS,
        "password" => isomm_core::limits::MAX_PASSWORD_CHARS,
        "date" => 10,
        "number" => 16,
        _ => isomm_core::limits::MAX_TEXT_CHARS,
    }
}

/// Every post form of a page, each field at its longest.
fn forms(page: &str) -> Vec<Form> {
    let mut out = Vec::new();
    for chunk in page.split("<form").skip(1) {
        let Some(end) = chunk.find("</form>") else {
            continue;
        };
        let form = &chunk[..end];
        let open = &form[..form.find('>').unwrap_or(0)];
        if attr(open, "method") != Some("post") {
            continue;
        }
        let mut names: Vec<(String, usize)> = Vec::new();
        for piece in form.split('<').skip(1) {
            let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
            let kind = tag.split_whitespace().next().unwrap_or("");
            let Some(name) = attr(tag, "name") else {
                continue;
            };
            let chars = match kind {
                "input" => match attr(tag, "type").unwrap_or("text") {
                    "hidden" | "radio" | "checkbox" | "submit" => {
                        attr(tag, "value").unwrap_or("on").chars().count()
                    }
                    "file" => 0,
                    _ => longest(tag),
                },
                "textarea" => longest(tag),
                // The longest option is counted below, from the options that follow.
                "select" => 0,
                "button" => attr(tag, "value").unwrap_or("").chars().count(),
                _ => continue,
            };
            match names.iter_mut().find(|(n, _)| n == name) {
                // A radio group sends one value.
                Some((_, c)) if kind == "input" && attr(tag, "type") == Some("radio") => {
                    *c = (*c).max(chars)
                }
                _ => names.push((name.to_string(), chars)),
            }
        }
        // Options: each select sends its longest option's value.
        for select in form.split("<select").skip(1) {
            let name = attr(&format!(" {select}"), "name")
                .unwrap_or("")
                .to_string();
            let body = &select[..select.find("</select>").unwrap_or(select.len())];
            let widest = body
                .split("<option")
                .skip(1)
                .filter_map(|o| attr(o, "value"))
                .map(|v| v.chars().count())
                .max()
                .unwrap_or(0);
            if let Some((_, c)) = names.iter_mut().find(|(n, _)| *n == name) {
                *c = widest;
            }
        }
        out.push(Form {
            action: attr(open, "action").unwrap_or("").to_string(),
            multipart: attr(open, "enctype") == Some("multipart/form-data"),
            fields: names.len(),
            bytes: names
                .iter()
                .map(|(n, c)| n.len() + 2 + c * BYTES_PER_CHAR)
                .sum(),
        });
    }
    out
}

/// Does a concrete path match a route's template (`/a/{id}/b`)?
fn matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

fn limit_of(path: &str) -> (FormLimit, &'static str) {
    let roles = isomm_core::Catalog::builtin().roles().len();
    let route = routes()
        .into_iter()
        .find(|r| r.method == Method::POST && matches(r.path, path))
        .unwrap_or_else(|| panic!("a POST route for {path}"));
    (route.body.limit(roles), route.path)
}

async fn pages(app: &TestApp) -> Vec<(String, String)> {
    let id = app.create("Bounds CSIRT").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    let r = app
        .post(
            "/members",
            &[("email", "new@example.jp"), ("access", "viewer")],
        )
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let invitation = r
        .body
        .contains("/invite/")
        .then(|| crate::common::invitation_link(&r.body));
    let mut paths = vec![
        "/".to_string(),
        "/account".into(),
        "/members".into(),
        "/assessments/new".into(),
        "/assessments/import".into(),
        format!("/assessments/{id}"),
        format!("/assessments/{id}/edit"),
        format!("/assessments/{id}/respondents/{rid}"),
    ];
    let mut out = Vec::new();
    for p in paths.drain(..) {
        let r = app.get(&p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        out.push((p, r.body));
    }
    let anonymous = |p: &str| Request::get(p).body(Body::empty()).unwrap();
    out.push((
        "/login".into(),
        app.send_as("", anonymous("/login")).await.body,
    ));
    if let Some(p) = invitation {
        let page = app.send_as("", anonymous(&p)).await;
        assert_eq!(page.status, StatusCode::OK, "{p}");
        out.push((p, page.body));
    }
    // A respondent's sheet through their link, and the admin page.
    let (_, token) = app.add_respondent_with_link(id, "鈴木", "staff").await;
    let sheet = app.send_as("", anonymous(&format!("/r/{token}"))).await;
    assert_eq!(sheet.status, StatusCode::OK);
    out.push((format!("/r/{token}"), sheet.body));
    app.state
        .store
        .add_user(
            &isomm_store::accounts::Email::parse("admin@example.jp").unwrap(),
            "Admin",
            crate::common::test_hash(),
            true,
        )
        .await
        .unwrap();
    let (admin, _) = app
        .log_in("admin@example.jp", crate::common::TEST_PASSWORD)
        .await;
    let page = app.send_as(&admin, anonymous("/admin")).await;
    assert_eq!(page.status, StatusCode::OK);
    out.push(("/admin".into(), page.body));
    out
}

#[tokio::test]
async fn every_form_a_page_renders_fits_its_routes_limit() {
    let app = spawn_app().await;
    let mut seen = 0;
    for (page, html) in pages(&app).await {
        for form in forms(&html) {
            let (limit, route) = limit_of(&form.action);
            if form.multipart {
                assert_eq!(limit.bytes, isomm_web::BODY_LIMIT, "{page}: {route}");
                continue;
            }
            seen += 1;
            assert!(
                form.fields <= limit.fields && form.bytes <= limit.bytes,
                "{page}: the form to {route} ({} fields, {} bytes at their longest) past its limit {limit:?}",
                form.fields,
                form.bytes
            );
        }
    }
    // The sheet form, the assessment form, logins and buttons were all looked at.
    assert!(seen >= 18, "{seen} forms");
}

#[tokio::test]
async fn a_body_past_its_routes_limit_is_refused_with_413_on_every_route() {
    let app = spawn_app().await;
    let roles = app.state.catalog.roles().len();
    let id = app.create("Bounds CSIRT").await;
    for r in routes() {
        let limit = r.body.limit(roles);
        if limit.fields == usize::MAX {
            continue; // uploads: their own test below
        }
        let path = r
            .path
            .replace("{id}", &id.to_string())
            .replace("{rid}", "1")
            .replace("{role}", "A-1")
            .replace("{user}", "1")
            .replace("{token}", "x")
            .replace("{code}", "en");
        let too_many = "a&".repeat(limit.fields + 1);
        let too_long = "a".repeat(limit.bytes + 1);
        for (what, body) in [("fields", too_many), ("bytes", too_long)] {
            if limit.fields == 0 && what == "fields" {
                continue;
            }
            let request = Request::builder()
                .method(r.method.clone())
                .uri(&path)
                .header(header::CONTENT_LENGTH, body.len())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("isomm_csrf={}", app.token))
                .body(Body::from(body))
                .unwrap();
            let reply = app.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::PAYLOAD_TOO_LARGE,
                "{} {}: one past its {what}",
                r.method,
                r.path
            );
            assert!(reply.body.contains("フォーム"), "{}", reply.body);
        }
    }
    // Within the limit, a form goes through (the login form with its fields).
    let login = encode(&[
        ("csrf", &app.token),
        ("email", "x@example.jp"),
        ("password", "y"),
    ]);
    let r = app
        .post_raw("/login", &login, &format!("isomm_csrf={}", app.token))
        .await;
    assert_ne!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A whole sheet with every note at its longest is accepted.
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    let note = "障".repeat(isomm_core::limits::MAX_NOTE_CHARS);
    let mut pairs: Vec<(String, String)> = vec![("csrf".into(), app.token.clone())];
    for role in app.state.catalog.roles().iter().take(3) {
        pairs.push((format!("{}.in", role.id), "3".into()));
        pairs.push((format!("{}.note", role.id), note.clone()));
    }
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app
        .post_raw(
            &format!("/assessments/{id}/respondents/{rid}"),
            &encode(&pairs),
            &format!("isomm_csrf={}", app.token),
        )
        .await;
    assert_ne!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
}

#[tokio::test]
async fn an_upload_form_of_too_many_fields_is_refused() {
    let app = spawn_app().await;
    let fields: Vec<(String, String)> = (0..isomm_web::base::bounds::UPLOAD_FIELDS + 1)
        .map(|i| (format!("f{i}"), "x".into()))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.upload("a.toml", b"x", &fields).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
}

/// A refused form is answered in the reader's language (the language cookie, else the browser's
/// `Accept-Language`); a client that names none reads both.
#[tokio::test]
async fn a_refused_form_is_answered_in_the_readers_language() {
    let app = spawn_app().await;
    let body = "a&".repeat(100);
    for (header, value, shown, hidden) in [
        (
            header::ACCEPT_LANGUAGE,
            "en-US,en;q=0.9",
            "This form is larger",
            "フォーム",
        ),
        (
            header::COOKIE,
            "isomm_lang=ja",
            "フォーム",
            "This form is larger",
        ),
        (
            header::ACCEPT_LANGUAGE,
            "ja",
            "フォーム",
            "This form is larger",
        ),
    ] {
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header.clone(), value)
            .body(Body::from(body.clone()))
            .unwrap();
        let r = app.send_as("", request).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            r.body.contains(shown) && !r.body.contains(hidden),
            "{value}: {}",
            r.body
        );
    }
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let r = app.send_as("", request).await;
    assert!(
        r.body.contains("フォーム") && r.body.contains("This form is larger"),
        "{}",
        r.body
    );
}
