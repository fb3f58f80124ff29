//! Access as a matrix: every route of the application's route table (the one the router is built
//! from) for every kind of caller, and the CSRF check on every POST route.
//!
//! What each caller must get from a rule: anonymous callers go to the login form (a page) or get
//! 401; someone who is not a member of an assessment's workspace gets 404, exactly as for an id
//! that does not exist; a member whose access is too low gets 403; everyone else gets through (any
//! status the handler gives, but none of those). Public routes answer everyone alike.

use crate::common::{TestApp, encode, spawn_app, test_hash};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use isomm_store::accounts::{Access, Email, UserAdded};
use isomm_web::base::access::Rule;
use isomm_web::routes::routes;

/// A kind of caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Viewer,
    Assessor,
    Owner,
    /// The owner of another workspace.
    Stranger,
    /// An instance admin who is no member of the workspace.
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Viewer,
    Who::Assessor,
    Who::Owner,
    Who::Stranger,
    Who::Admin,
];

struct Callers {
    sessions: Vec<(Who, String, String)>,
    /// The workspace each works in (the admin: none).
    mine: i64,
    other: i64,
}

impl Callers {
    fn of(&self, who: Who) -> (&str, &str) {
        self.sessions
            .iter()
            .find(|(w, _, _)| *w == who)
            .map(|(_, s, t)| (s.as_str(), t.as_str()))
            .unwrap_or(("", ""))
    }
}

async fn account(
    app: &TestApp,
    email: &str,
    admin: bool,
    workspace: Option<(i64, Access)>,
) -> (String, String) {
    let store = &app.state.store;
    let UserAdded::User(user) = store
        .add_user(&Email::parse(email).unwrap(), email, test_hash(), admin)
        .await
        .unwrap()
    else {
        panic!("a new account")
    };
    if let Some((w, a)) = workspace {
        store.set_access(w, user, Some(a)).await.unwrap();
    }
    app.log_in(email, crate::common::TEST_PASSWORD).await
}

async fn callers(app: &TestApp) -> Callers {
    let other = app
        .state
        .store
        .workspace_named("Other CSIRT", true)
        .await
        .unwrap()
        .unwrap();
    // Without a session, a browser still has its token cookie (the login form needs it).
    let anonymous = app.issued();
    let mut sessions = vec![
        (Who::Anonymous, format!("isomm_csrf={anonymous}"), anonymous),
        (Who::Owner, app.session.clone(), app.token.clone()),
    ];
    for (who, email, admin, workspace) in [
        (
            Who::Viewer,
            "viewer@example.jp",
            false,
            Some((app.workspace, Access::Viewer)),
        ),
        (
            Who::Assessor,
            "assessor@example.jp",
            false,
            Some((app.workspace, Access::Assessor)),
        ),
        (
            Who::Stranger,
            "stranger@example.jp",
            false,
            Some((other.id, Access::Owner)),
        ),
        (Who::Admin, "admin@example.jp", true, None),
    ] {
        let (s, t) = account(app, email, admin, workspace).await;
        sessions.push((who, s, t));
    }
    Callers {
        sessions,
        mine: app.workspace,
        other: other.id,
    }
}

/// What a caller may do under a rule (`None`: anything but a refusal).
fn refusal(rule: Rule, who: Who, method: &Method) -> Option<StatusCode> {
    let anonymous = if method == Method::GET {
        StatusCode::SEE_OTHER
    } else {
        StatusCode::UNAUTHORIZED
    };
    let level = match who {
        Who::Viewer => Some(Access::Viewer),
        Who::Assessor => Some(Access::Assessor),
        Who::Owner => Some(Access::Owner),
        _ => None,
    };
    match rule {
        // The link is the credential, whoever holds it (a valid one here; see below for others).
        Rule::Open | Rule::Public | Rule::Link => None,
        _ if who == Who::Anonymous => Some(anonymous),
        Rule::Account => None,
        Rule::Admin => (who != Who::Admin).then_some(StatusCode::NOT_FOUND),
        // The current workspace: the stranger works in their own (where they are owner), the
        // admin in none.
        Rule::Workspace(needed) => match (who, level) {
            (Who::Stranger, _) => None,
            (_, Some(l)) if l.allows(needed) => None,
            (_, Some(_)) | (_, None) => Some(StatusCode::FORBIDDEN),
        },
        Rule::Assessment(needed) | Rule::Assessments(needed) | Rule::Series(needed) => {
            match level {
                Some(l) if l.allows(needed) => None,
                Some(_) => Some(StatusCode::FORBIDDEN),
                None => Some(StatusCode::NOT_FOUND),
            }
        }
    }
}

/// A request for a route, its parameters filled in, with or without the CSRF token.
fn request(
    method: &Method,
    path: &str,
    session: &str,
    token: Option<&str>,
    workspace: i64,
) -> Request<Body> {
    let builder = Request::builder().method(method.clone()).uri(path);
    let builder = if session.is_empty() {
        builder
    } else {
        builder.header(header::COOKIE, session)
    };
    if method == Method::GET {
        return builder.body(Body::empty()).unwrap();
    }
    let multipart = path.ends_with("/import") || path.ends_with("/upload");
    if multipart {
        let boundary = "accessboundary";
        let mut body = String::new();
        if let Some(t) = token {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{t}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        builder
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap()
    } else {
        let workspace = workspace.to_string();
        let body = match token {
            Some(t) => encode(&[("csrf", t), ("in", "3"), ("workspace", &workspace)]),
            None => encode(&[("in", "3"), ("workspace", &workspace)]),
        };
        builder
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }
}

/// A new invitation into the app's workspace: its id and its link's token.
async fn invitation(app: &TestApp) -> (i64, String) {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let email = Email::parse(&format!("invited{n}@example.jp")).unwrap();
    let (token, hash) = isomm_web::base::tokens::new_token();
    let id = app
        .state
        .store
        .invite(app.workspace, &email, Access::Viewer, &hash, i64::MAX)
        .await
        .unwrap();
    (id, token)
}

/// Fresh ids for one request (a delete must not take the next request's assessment with it).
async fn fill(app: &TestApp, path: &str) -> String {
    let id = app.create("Access CSIRT").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    // A respondent's link for `/r/…`; no setup link works once there are accounts.
    let token = if path.starts_with("/r/") {
        isomm_web::base::links::make_link(&app.state, id, rid)
            .await
            .unwrap()
            .unwrap()
    } else if path.starts_with("/invite/") {
        invitation(app).await.1
    } else {
        "00000000000000000000000000000000".to_string()
    };
    // An invitation of the workspace, for the route that cancels one.
    let id = if path.contains("/invitations/{id}") {
        invitation(app).await.0
    } else {
        id
    };
    // A member of the workspace of their own, for the routes about members.
    let user = if path.contains("{user}") {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let email = Email::parse(&format!("member{n}@example.jp")).unwrap();
        let UserAdded::User(user) = app
            .state
            .store
            .add_user(&email, "Member", test_hash(), false)
            .await
            .unwrap()
        else {
            panic!("a new account")
        };
        app.state
            .store
            .set_access(app.workspace, user, Some(Access::Viewer))
            .await
            .unwrap();
        user
    } else {
        0
    };
    // Another assessment of the workspace, for the routes of two (comparisons).
    let earlier = if path.contains("{earlier}") {
        app.create("Access CSIRT earlier").await
    } else {
        0
    };
    // The series of the fresh assessment, for the series' routes.
    let id = if path.starts_with("/series/") {
        app.state
            .store
            .round_state(id)
            .await
            .unwrap()
            .unwrap()
            .series
    } else {
        id
    };
    path.replace("{id}", &id.to_string())
        .replace("{earlier}", &earlier.to_string())
        .replace("{user}", &user.to_string())
        .replace("{rid}", &rid.to_string())
        .replace("{role}", "A-1")
        .replace("{key}", "role:A-1:insource")
        .replace("{code}", "en")
        .replace("{token}", &token)
}

/// What each route answers a caller its rule lets through, with the requests of this test (a
/// form of `in=3`, the token, the ids of fresh assessments): the handler's own answer, never a 5xx.
/// A form a handler cannot use is shown again (422) or refused (400); a write that works goes on
/// (303) or shows what it made (201, a link or an invitation, once).
const OUTCOMES: &[(&str, &str, u16)] = &[
    ("GET", "/healthz", 200),
    ("GET", "/readyz", 200),
    ("GET", "/static/app.js", 200),
    ("GET", "/static/app.css", 200),
    ("GET", "/static/favicon.svg", 200),
    ("GET", "/favicon.ico", 200),
    ("GET", "/static/report.css", 200),
    ("GET", "/lang/{code}", 303),
    ("GET", "/login", 200),
    // Wrong e-mail and password.
    ("POST", "/login", 401),
    // No setup link works once there are accounts.
    ("GET", "/setup/{token}", 404),
    ("POST", "/setup/{token}", 404),
    ("GET", "/invite/{token}", 200),
    // Anonymous: the form again (no name, no password); logged in, 409 (see the matrix).
    ("POST", "/invite/{token}", 422),
    ("POST", "/logout", 303),
    ("POST", "/workspace", 303),
    ("GET", "/account", 200),
    // No current password given.
    ("POST", "/account/password", 422),
    ("GET", "/", 200),
    ("GET", "/admin", 200),
    ("GET", "/admin/audit", 200),
    ("GET", "/admin/audit.csv", 200),
    ("POST", "/admin/workspaces", 422),
    ("GET", "/audit", 200),
    ("GET", "/members", 200),
    // No e-mail, no access level.
    ("POST", "/members", 400),
    ("POST", "/members/{user}", 400),
    ("POST", "/members/{user}/remove", 303),
    ("POST", "/members/invitations/{id}/cancel", 303),
    ("GET", "/audit.csv", 200),
    // No time zone given.
    ("POST", "/workspace/time-zone", 422),
    ("GET", "/catalog", 200),
    ("POST", "/assessments", 422),
    ("GET", "/assessments/new", 200),
    ("GET", "/assessments/import", 200),
    // No file.
    ("POST", "/assessments/import", 422),
    ("GET", "/assessments/{id}", 200),
    ("GET", "/assessments/{id}/edit", 200),
    ("POST", "/assessments/{id}/edit", 422),
    // Each of these asks first (no `confirm=yes`): the page that asks.
    ("POST", "/assessments/{id}/delete", 200),
    ("POST", "/assessments/{id}/next-round", 200),
    // A form with a file and without its own confirm part: the page that asks, to tick the box.
    ("POST", "/assessments/{id}/next-round/import", 422),
    ("POST", "/assessments/{id}/reopen-round", 200),
    ("GET", "/assessments/{id}/compare/{earlier}", 200),
    ("GET", "/assessments/{id}/plan.csv", 200),
    ("GET", "/assessments/{id}/plan.xlsx", 200),
    ("GET", "/assessments/{id}/plan", 200),
    // No line chosen: nothing to make, back to the page.
    ("POST", "/assessments/{id}/plan/items", 303),
    // No title: the page again, the item as typed.
    ("POST", "/assessments/{id}/plan/items/{key}", 422),
    // A file that is not the plan's workbook: the page again, saying why.
    ("POST", "/assessments/{id}/plan/upload", 422),
    // `{file}` is not one of the comparison's files.
    ("GET", "/assessments/{id}/compare/{earlier}/{file}", 404),
    ("GET", "/series/{id}", 200),
    ("GET", "/series/{id}/trend.csv", 200),
    // No name.
    ("POST", "/assessments/{id}/respondents", 422),
    // No list.
    ("POST", "/assessments/{id}/respondents/bulk", 422),
    ("GET", "/assessments/{id}/respondents/{rid}", 200),
    ("POST", "/assessments/{id}/respondents/{rid}", 303),
    ("POST", "/assessments/{id}/respondents/{rid}/delete", 200),
    ("GET", "/assessments/{id}/respondents/{rid}/sheet.xlsx", 200),
    ("POST", "/assessments/{id}/respondents/{rid}/upload", 422),
    (
        "POST",
        "/assessments/{id}/respondents/{rid}/answers/{role}",
        200,
    ),
    ("POST", "/assessments/{id}/respondents/{rid}/link", 200),
    (
        "POST",
        "/assessments/{id}/respondents/{rid}/link/revoke",
        200,
    ),
    ("POST", "/assessments/{id}/respondents/{rid}/submit", 303),
    ("POST", "/assessments/{id}/respondents/{rid}/reopen", 200),
    ("GET", "/r/{token}", 200),
    ("POST", "/r/{token}", 303),
    ("POST", "/r/{token}/answers/{role}", 200),
    ("GET", "/r/{token}/sheet.xlsx", 200),
    ("POST", "/r/{token}/upload", 422),
    ("POST", "/r/{token}/submit", 303),
    // Not submitted, not shared.
    ("GET", "/r/{token}/results", 404),
    ("POST", "/assessments/{id}/share", 303),
    ("GET", "/assessments/{id}/results", 200),
    ("GET", "/assessments/{id}/result.json", 200),
    ("GET", "/assessments/{id}/result.csv", 200),
    ("GET", "/assessments/{id}/report.html", 200),
    ("GET", "/assessments/{id}/report.pdf", 200),
    ("GET", "/assessments/{id}/report.xlsx", 200),
    ("GET", "/assessments/{id}/answers.csv", 200),
];

/// The answer [`OUTCOMES`] gives for a route; a route missing from it fails the test.
fn outcome(method: &Method, path: &str) -> StatusCode {
    OUTCOMES
        .iter()
        .find(|(m, p, _)| *m == method.as_str() && *p == path)
        .and_then(|(_, _, s)| StatusCode::from_u16(*s).ok())
        .unwrap_or_else(|| panic!("{method} {path}: add its outcome to OUTCOMES"))
}

#[test]
fn every_route_has_its_outcome_and_no_other_is_listed() {
    let table = routes();
    for (m, p, s) in OUTCOMES {
        assert!(
            table
                .iter()
                .any(|r| r.method.as_str() == *m && r.path == *p),
            "{m} {p} is not a route"
        );
        assert!(*s < 500, "{m} {p}: {s}");
    }
    for r in &table {
        outcome(&r.method, r.path);
    }
}

/// Every write on a closed round, through any route of the table that names one (its id or a
/// private link of it), and every page that is only a write's form (the edit form), is refused
/// with 409 before anything runs, whoever sends it; reopening it (owners) is the one write it
/// takes.
#[tokio::test]
async fn every_write_on_a_closed_round_is_refused_on_every_route() {
    let app = spawn_app().await;
    let callers = callers(&app).await;
    let mut refused = 0;
    for route in routes() {
        let names_a_round =
            route.path.starts_with("/assessments/{id}") || route.path.starts_with("/r/");
        let a_write = route.method == Method::POST
            || route.closed == isomm_web::base::access::ClosedRounds::Form;
        if !a_write || !names_a_round {
            continue;
        }
        let path = fill(&app, route.path).await;
        // The assessment `fill` made last, closed as starting its next round closes it.
        let id = app
            .state
            .store
            .list_assessments(Some(app.workspace), None, 1)
            .await
            .unwrap()
            .rows[0]
            .id;
        let stored = app.state.store.assessment(id).await.unwrap().unwrap();
        let close = isomm_store::ClosedRound {
            result: "{}".into(),
            counting: isomm_store::Counting::Submitted,
            model_hash: "00".repeat(32),
        };
        let started = app
            .state
            .store
            .start_next_round(id, &stored.fields, &close, false)
            .await
            .unwrap();
        assert!(matches!(started, isomm_store::NextRound::Started { .. }));
        for who in [Who::Owner, Who::Assessor] {
            let (session, token) = callers.of(who);
            let r = app
                .send_as(
                    "",
                    request(&route.method, &path, session, Some(token), callers.mine),
                )
                .await;
            // Who may not write here at all is refused as on an open round.
            if let Some(expected) = refusal(route.rule, who, &route.method) {
                assert_eq!(r.status, expected, "{who:?} {} {path}", route.method);
                continue;
            }
            if route.path == "/assessments/{id}/reopen-round" {
                assert_eq!(r.status, StatusCode::OK, "the page that asks: {path}");
                continue;
            }
            assert_eq!(
                r.status,
                StatusCode::CONFLICT,
                "{who:?} POST {path}: {}",
                r.body
            );
            assert!(
                r.body.contains("この回は締めてあります"),
                "{who:?} {} {path}",
                route.method
            );
            refused += 1;
        }
    }
    // 43 when last counted (POST routes and the edit form, for the owner and an assessor): a
    // table that lost its routes would pass the loop above unseen.
    assert!(refused >= 40, "{refused} writes refused");
}

#[tokio::test]
async fn every_route_for_every_caller() {
    let app = spawn_app().await;
    let callers = callers(&app).await;
    let mut table = routes();
    // Logging out ends the caller's session: last.
    table.sort_by_key(|r| r.path == "/logout");
    let mut checked = 0;
    for route in &table {
        let mut public_statuses = Vec::new();
        for who in EVERYONE {
            let (session, token) = callers.of(who);
            if route.path == "/logout" && who == Who::Owner {
                continue; // the owner's session is the fixture's: checked by the others
            }
            let path = fill(&app, route.path).await;
            // Failed logins of the empty e-mail add up: this test is not about throttling.
            app.state.store.clear_failures("account:").await.unwrap();
            let workspace = match who {
                Who::Stranger => callers.other,
                Who::Admin => 0,
                _ => callers.mine,
            };
            let r = app
                .send_as(
                    "",
                    request(&route.method, &path, session, Some(token), workspace),
                )
                .await;
            let what = format!(
                "{who:?} {} {}: {} {}",
                route.method,
                path,
                r.status,
                r.location()
            );
            let expected = if route.path == "/workspace" && who == Who::Admin {
                // A member of no workspace has none to switch to.
                Some(StatusCode::NOT_FOUND)
            } else if route.path.starts_with("/members/") && who == Who::Stranger {
                // Another workspace's owner, in their own workspace: our member is not theirs.
                Some(StatusCode::NOT_FOUND)
            } else {
                refusal(route.rule, who, &route.method)
            };
            match expected {
                Some(expected) => {
                    assert_eq!(r.status, expected, "{what}");
                    if expected == StatusCode::SEE_OTHER {
                        assert!(r.location().starts_with("/login?next="), "{what}");
                    }
                }
                // Accepting an invitation depends on who is logged in, on purpose: nobody, an
                // account is made; the invited address, it joins; another account, it is told to
                // log out (409). Never a refusal of access.
                None if route.path == "/invite/{token}" && route.method == Method::POST => {
                    let expected = if who == Who::Anonymous {
                        StatusCode::UNPROCESSABLE_ENTITY
                    } else {
                        StatusCode::CONFLICT
                    };
                    assert_eq!(r.status, expected, "{what}");
                }
                None if matches!(route.rule, Rule::Open | Rule::Public | Rule::Link) => {
                    assert_eq!(r.status, outcome(&route.method, route.path), "{what}");
                    public_statuses.push((who, r.status));
                }
                None => {
                    assert_eq!(
                        r.status,
                        outcome(&route.method, route.path),
                        "{what}: let through, the handler's own answer"
                    );
                    assert!(!r.location().starts_with("/login?next="), "{what}");
                }
            }
            checked += 1;
        }
        // Public routes do not depend on who calls.
        if let Some((_, first)) = public_statuses.first() {
            assert!(
                public_statuses.iter().all(|(_, s)| s == first),
                "{} {}: {public_statuses:?}",
                route.method,
                route.path
            );
        }
    }
    assert!(checked > 150, "{checked} requests");
}

#[tokio::test]
async fn every_post_route_checks_the_csrf_token() {
    let app = spawn_app().await;
    // Admin routes are checked with an admin's session (anyone else is not let through at all).
    let (admin, _) = account(&app, "admin@example.jp", true, None).await;
    for route in routes().iter().filter(|r| r.method == Method::POST) {
        let path = fill(&app, route.path).await;
        let session = if route.rule == Rule::Admin {
            &admin
        } else {
            &app.session
        };
        let r = app
            .send_as(
                "",
                request(&route.method, &path, session, None, app.workspace),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{} without a token: {}",
            route.path,
            r.body
        );
        // The page that says what happened and what to do, not another refusal's.
        assert!(
            r.body.contains("This form is out of date") && r.body.contains("読み込み直して"),
            "{}: the CSRF page: {}",
            route.path,
            r.body
        );
        let r = app
            .send_as(
                "",
                request(
                    &route.method,
                    &path,
                    session,
                    Some("ffffffffffffffffffffffffffffffff"),
                    app.workspace,
                ),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{} with a wrong token",
            route.path
        );
    }
}

/// Every route of a respondent (`{rid}`), called with an assessment of the caller's and a respondent
/// of another assessment, is not found: a respondent is reached only through its own assessment.
#[tokio::test]
async fn a_respondent_of_another_assessment_is_not_found_on_every_respondent_route() {
    let app = spawn_app().await;
    let elsewhere = app.create("Elsewhere CSIRT").await;
    let theirs = app.add_respondent(elsewhere, "鈴木", "staff").await;
    let mut tried = 0;
    for route in routes().iter().filter(|r| r.path.contains("{rid}")) {
        let mine = app.create("Mine CSIRT").await;
        app.add_respondent(mine, "佐藤", "staff").await;
        let path = route
            .path
            .replace("{id}", &mine.to_string())
            .replace("{rid}", &theirs.to_string())
            .replace("{role}", "A-1");
        let r = app
            .send_as(
                "",
                request(
                    &route.method,
                    &path,
                    &app.session,
                    Some(&app.token),
                    app.workspace,
                ),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{} {path}: {}",
            route.method,
            r.body
        );
        tried += 1;
    }
    assert!(tried >= 10, "{tried} respondent routes");
    // And the other assessment's respondent is untouched.
    let stored = app
        .state
        .store
        .with_respondent(elsewhere, theirs)
        .await
        .unwrap()
        .expect("still there");
    assert!(
        stored.respondents[0]
            .answers
            .values()
            .all(|a| !a.is_answered())
    );
    assert!(!stored.respondents[0].submitted);
}

/// An assessment of another workspace is, to a stranger, exactly an id that does not exist.
#[tokio::test]
async fn another_workspaces_assessment_is_not_found_like_a_missing_one() {
    let app = spawn_app().await;
    let callers = callers(&app).await;
    let id = app.create("Private SOC").await;
    let (stranger, _) = callers.of(Who::Stranger);
    let theirs = app
        .send_as(
            stranger,
            Request::get(format!("/assessments/{id}/results"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let missing = app
        .send_as(
            stranger,
            Request::get("/assessments/999999/results")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!((theirs.status, theirs.body), (missing.status, missing.body));
    // Nor is it in their list.
    let home = app
        .send_as(stranger, Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert!(!home.body.contains("Private SOC"));
    assert!(app.get("/").await.body.contains("Private SOC"));
}

/// A link that was never made, or was revoked, leads nowhere; a link leads to its own respondent's
/// sheet only.
#[tokio::test]
async fn only_a_live_link_opens_a_sheet_and_only_its_own() {
    let app = spawn_app().await;
    let id = app.create("Link CSIRT").await;
    let mine = app.add_respondent(id, "佐藤", "staff").await;
    let theirs = app.add_respondent(id, "鈴木", "manager").await;
    let token = isomm_web::base::links::make_link(&app.state, id, mine)
        .await
        .unwrap()
        .unwrap();
    let app = &app;
    let get = |path: String| async move {
        app.send_as("", Request::get(path).body(Body::empty()).unwrap())
            .await
    };
    let page = get(format!("/r/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("佐藤") && !page.body.contains("鈴木"),
        "its own sheet only"
    );
    assert!(
        !page.body.contains(&format!("/assessments/{id}")),
        "no way to the assessment"
    );
    for path in [
        format!("/r/{}", "0".repeat(64)),
        format!("/r/{}", &token[..63]),
        format!("/r/{token}x"),
        format!("/assessments/{id}/respondents/{theirs}"),
    ] {
        let r = get(path.clone()).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.location().starts_with("/login?next="),
            "{path}: {}",
            r.status
        );
    }
    // A new link revokes the old one; revoking leaves none.
    let again = isomm_web::base::links::make_link(&app.state, id, mine)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        get(format!("/r/{token}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(format!("/r/{again}")).await.status, StatusCode::OK);
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{mine}/link/revoke"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        get(format!("/r/{again}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A consultant belongs to several workspaces, works in one at a time, and switches.
#[tokio::test]
async fn a_consultant_switches_between_workspaces() {
    let app = spawn_app().await;
    app.create("Client A SOC").await;
    let store = &app.state.store;
    let (owner, _) = store
        .credentials(&Email::parse("owner@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    let b = store
        .workspace_named("Client B", true)
        .await
        .unwrap()
        .unwrap();
    store
        .set_access(b.id, owner.id, Some(Access::Assessor))
        .await
        .unwrap();
    let home = app.get("/").await.body;
    assert!(
        home.contains("Client A SOC") && home.contains("id=\"switch-workspace\""),
        "{home}"
    );
    let r = app
        .post("/workspace", &[("workspace", &b.id.to_string())])
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
    assert!(!app.get("/").await.body.contains("Client A SOC"));
    app.create("Client B CSIRT").await;
    assert!(app.get("/").await.body.contains("Client B CSIRT"));
    let r = app
        .post("/workspace", &[("workspace", &app.workspace.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = app.get("/").await.body;
    assert!(home.contains("Client A SOC") && !home.contains("Client B CSIRT"));
    // A workspace one does not belong to is not there.
    let stranger = store
        .workspace_named("Not mine", true)
        .await
        .unwrap()
        .unwrap();
    let r = app
        .post("/workspace", &[("workspace", &stranger.id.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Owners manage members: an existing account joins, its access changes, it leaves; the last owner
/// stays; an e-mail without an account gets an invitation (below).
#[tokio::test]
async fn owners_manage_members_and_the_last_owner_stays() {
    let app = spawn_app().await;
    let store = &app.state.store;
    let UserAdded::User(sato) = store
        .add_user(
            &Email::parse("sato@example.jp").unwrap(),
            "佐藤",
            test_hash(),
            false,
        )
        .await
        .unwrap()
    else {
        panic!()
    };
    // An address with an account is invited like any other: a member once it accepts.
    let r = app
        .post(
            "/members",
            &[("email", "Sato@Example.jp"), ("access", "assessor")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(store.access(app.workspace, sato).await.unwrap(), None);
    let link = crate::common::invitation_link(&r.body);
    let (session, token) = app
        .log_in("sato@example.jp", crate::common::TEST_PASSWORD)
        .await;
    let accepted = app
        .send_as(
            &session,
            Request::post(link.as_str())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("isomm_csrf={token}"))
                .body(Body::from(encode(&[("csrf", &token)])))
                .unwrap(),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(
        store.access(app.workspace, sato).await.unwrap(),
        Some(Access::Assessor)
    );
    let r = app
        .post(
            "/members",
            &[("email", "not an address"), ("access", "viewer")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let page = app.get("/members").await.body;
    assert!(page.contains("sato@example.jp") && page.contains("owner@example.jp"));
    let r = app
        .post(&format!("/members/{sato}"), &[("access", "viewer")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        store.access(app.workspace, sato).await.unwrap(),
        Some(Access::Viewer)
    );
    // The owner cannot leave the workspace without an owner.
    let (owner, _) = store
        .credentials(&Email::parse("owner@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    for (path, fields) in [
        (format!("/members/{}", owner.id), vec![("access", "viewer")]),
        (format!("/members/{}/remove", owner.id), vec![]),
    ] {
        let r = app.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert!(r.body.contains("最後のオーナー"), "{}", r.body);
    }
    let r = app.post(&format!("/members/{sato}/remove"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(store.access(app.workspace, sato).await.unwrap(), None);
    let log = app.get("/audit?action=member.").await.body;
    assert!(
        log.contains("member.remove") && log.contains("member.set"),
        "{log}"
    );
}

/// Someone without an account is invited: the link shown once makes their account (with a
/// password good enough) and logs them in as a member with the access chosen; it works once; a new
/// invitation replaces the old; an owner can cancel one; every step is audited.
#[tokio::test]
async fn an_invitation_makes_an_account_that_joins_the_workspace() {
    let app = spawn_app().await;
    let r = app
        .post(
            "/members",
            &[("email", "Tanaka@Example.jp"), ("access", "assessor")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = crate::common::invitation_link(&r.body);
    let r = app
        .post(
            "/members",
            &[("email", "tanaka@example.jp"), ("access", "assessor")],
        )
        .await;
    let link = crate::common::invitation_link(&r.body);
    assert_ne!(first, link);
    assert_eq!(
        app.get_with(&first, "").await.status,
        StatusCode::NOT_FOUND,
        "replaced"
    );
    let members = app.get("/members").await.body;
    assert!(members.contains("tanaka@example.jp") && members.contains("id=\"invitations\""));

    // The invited person, in a browser of their own.
    let anonymous = app.issued();
    let cookie = format!("isomm_csrf={anonymous}");
    let form = app
        .send_as("", Request::get(&link).body(Body::empty()).unwrap())
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("tanaka@example.jp"), "{}", form.body);
    let accept_as = |name: &str, password: &str| {
        Request::post(&link)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &cookie)
            .body(Body::from(encode(&[
                ("csrf", &anonymous),
                ("name", name),
                ("password", password),
            ])))
            .unwrap()
    };
    let accept = |password: &str| accept_as("田中 一郎", password);
    let weak = app.send_as("", accept("password1234")).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every problem of the form at once: a blank name and a short password.
    let both = app.send_as("", accept_as(" ", "short")).await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = both
        .body
        .split("id=\"invitation-error\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_default();
    assert_eq!(errors.matches("<li>").count(), 2, "{}", both.body);
    let r = app.send_as("", accept("kuro-neko tabi 2026 yoru")).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/"),
        "{}",
        r.body
    );
    let session = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("isomm_session="))
        .and_then(|v| v.split(';').next())
        .expect("logged in")
        .to_string();
    let store = &app.state.store;
    let (tanaka, _) = store
        .credentials(&Email::parse("tanaka@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.access(app.workspace, tanaka.id).await.unwrap(),
        Some(Access::Assessor)
    );
    let home = app
        .send_as(
            &session,
            Request::get("/assessments/new")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        home.status,
        StatusCode::OK,
        "an assessor creates assessments"
    );
    // Used: the link is gone.
    assert_eq!(
        app.send_as("", accept("kuro-neko tabi 2026 yoru"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // An owner cancels an invitation.
    let r = app
        .post(
            "/members",
            &[("email", "kato@example.jp"), ("access", "viewer")],
        )
        .await;
    let kato = crate::common::invitation_link(&r.body);
    let id = store
        .invitations(app.workspace, 0)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.email.as_str() == "kato@example.jp")
        .unwrap()
        .id;
    let r = app
        .post(&format!("/members/invitations/{id}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get_with(&kato, "").await.status, StatusCode::NOT_FOUND);

    let log = app.get("/audit.csv").await.body;
    for action in [
        "invitation.create",
        "invitation.accept",
        "invitation.cancel",
        "member.set",
    ] {
        assert!(log.contains(&format!("\"{action}\"")), "{action}: {log}");
    }
}

/// An instance admin makes workspaces and gives each its first owner (an account at once, anyone
/// else through an invitation), sees every account and workspace, and still reads no assessment of
/// a workspace they are not in.
#[tokio::test]
async fn the_admin_makes_workspaces_and_their_owners_but_reads_no_assessment() {
    let app = spawn_app().await;
    let id = app.create("Owner's CSIRT").await;
    let (session, token) = account(&app, "admin@example.jp", true, None).await;
    let post = |path: &'static str, pairs: Vec<(&'static str, &'static str)>| {
        let (app, session, token) = (&app, session.clone(), token.clone());
        async move {
            let mut all = vec![("csrf", token.as_str())];
            all.extend(pairs);
            let request = Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(encode(&all)))
                .unwrap();
            app.send_as(&session, request).await
        }
    };
    let page = app
        .send_as(
            &session,
            Request::get("/admin").body(Body::empty()).unwrap(),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("owner@example.jp") && page.body.contains("href=\"/admin\""),
        "{}",
        page.body
    );
    // An existing account becomes the owner of a new workspace at once.
    let r = post(
        "/admin/workspaces",
        vec![("workspace", "Client B"), ("email", "owner@example.jp")],
    )
    .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/admin"));
    let store = &app.state.store;
    let b = store
        .workspace_named("Client B", false)
        .await
        .unwrap()
        .unwrap();
    let (owner, _) = store
        .credentials(&Email::parse("owner@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.access(b.id, owner.id).await.unwrap(),
        Some(Access::Owner)
    );
    // Someone without an account is invited as the owner of another.
    let r = post(
        "/admin/workspaces",
        vec![("workspace", "Client C"), ("email", "kimura@example.jp")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains("/invite/"), "{}", r.body);
    let c = store
        .workspace_named("Client C", false)
        .await
        .unwrap()
        .unwrap();
    let invited = store.invitations(c.id, 0).await.unwrap();
    assert_eq!(
        (invited.len(), invited[0].access),
        (1, Access::Owner),
        "{invited:?}"
    );
    // An existing workspace is not given an owner here (nor the admin let in by its name).
    let r = post(
        "/admin/workspaces",
        vec![("workspace", "Client B"), ("email", "admin@example.jp")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("すでにあります"), "{}", r.body);
    let (admin, _) = store
        .credentials(&Email::parse("admin@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.access(b.id, admin.id).await.unwrap(), None);
    // Bad input: the page again with a message, nothing made.
    let r = post(
        "/admin/workspaces",
        vec![("workspace", "Client D"), ("email", "not an address")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        store
            .workspace_named("Client D", false)
            .await
            .unwrap()
            .is_none()
    );
    // The admin is in none of these workspaces: the owner's assessment is not found.
    let r = app
        .send_as(
            &session,
            Request::get(format!("/assessments/{id}/results"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let log = app.get("/audit.csv").await.body;
    assert!(
        !log.contains("workspace.create"),
        "another workspace's lines: {log}"
    );
    // The instance's own log: logins and accounts, which belong to no workspace.
    let instance = app
        .send_as(
            &session,
            Request::get("/admin/audit.csv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(instance.status, StatusCode::OK);
    assert!(
        instance.body.contains("\"login\"") && instance.body.contains("admin@example.jp"),
        "{}",
        instance.body
    );
    assert!(
        !instance.body.contains("assessment.create"),
        "no workspace's lines: {}",
        instance.body
    );
    let page = app
        .send_as(
            &session,
            Request::get("/admin/audit?action=login")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.body.contains("action=\"/admin/audit\""),
        "{}",
        page.body
    );
}

/// A filled-in workbook uploaded through a private link replaces that respondent's answers, and
/// the audit log says the link did it; once the sheet is submitted, an upload is refused (409) and
/// changes nothing.
#[tokio::test]
async fn a_workbook_uploaded_through_a_link_is_saved_and_audited_until_the_sheet_is_submitted() {
    let app = spawn_app().await;
    let id = app.create("Upload CSIRT").await;
    let (rid, link) = app.add_respondent_with_link(id, "佐藤", "staff").await;
    // The respondent's browser: no session, a token cookie of its own.
    let token = app.issued();
    let cookie = format!("isomm_csrf={token}");
    let send = |method: Method, path: String, body: Option<String>| {
        let builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, cookie.as_str());
        match body {
            Some(b) => builder
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(b))
                .unwrap(),
            None => builder.body(Body::empty()).unwrap(),
        }
    };
    let level = |app: &TestApp| {
        let store = app.state.store.clone();
        async move {
            store
                .with_respondent(id, rid)
                .await
                .unwrap()
                .unwrap()
                .respondents[0]
                .answers
                .get("A-1")
                .and_then(|a| a.insource)
                .map(|l| l.get())
        }
    };
    let save = |value: &str| {
        send(
            Method::POST,
            format!("/r/{link}/answers/A-1"),
            Some(encode(&[("csrf", &token), ("in", value)])),
        )
    };
    assert_eq!(app.send_as("", save("3")).await.status, StatusCode::OK);
    let workbook = {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let request = send(Method::GET, format!("/r/{link}/sheet.xlsx"), None);
        let response = app.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, bytes.to_vec())
    };
    assert_eq!(workbook.0, StatusCode::OK);
    assert_eq!(app.send_as("", save("2")).await.status, StatusCode::OK);
    assert_eq!(level(&app).await, Some(2));
    let path = format!("/r/{link}/upload");
    let to = crate::common::Upload {
        path: &path,
        cookie: &cookie,
        token: &token,
    };
    let r = app.upload_to(to, "sheet.xlsx", &workbook.1, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(level(&app).await, Some(3), "the workbook's level");
    // One line per role the upload changed, in the assessment's workspace, by the link.
    let uploads = |app: &TestApp| {
        let store = app.state.store.clone();
        let workspace = app.workspace;
        async move {
            store.flush_audit(isomm_store::Pending::All).await.unwrap();
            let filter = isomm_store::accounts::AuditFilter {
                actor: Some(format!("link:{rid}")),
                action_prefix: Some("answer.upload".into()),
                before: None,
                limit: 10,
            };
            store
                .audit_log(Some(workspace), &filter)
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(
        uploads(&app).await,
        1,
        "the upload is in the audit log, by the link"
    );
    let submitted = app
        .send_as(
            "",
            send(
                Method::POST,
                format!("/r/{link}/submit"),
                Some(encode(&[("csrf", &token)])),
            ),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.send_as("", save("4")).await.status,
        StatusCode::CONFLICT
    );
    let r = app.upload_to(to, "sheet.xlsx", &workbook.1, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(level(&app).await, Some(3), "nothing changed");
    assert_eq!(uploads(&app).await, 1, "and nothing was logged");
}
