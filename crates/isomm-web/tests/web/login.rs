//! Logging in and out: the session cookie, a new id at every login, the same answer for an unknown
//! e-mail as for a wrong password, throttling kept in the database, the timeouts, and sessions
//! ended by a password change.

use crate::common::{TEST_PASSWORD, TestApp, encode, spawn_anonymous_with, spawn_app};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use isomm_store::accounts::{Access, AuditFilter};
use isomm_web::Settings;
use isomm_web::base::session::SessionTimes;

/// A login attempt from a browser without a session: the reply and the session cookie set, if any.
async fn attempt(
    app: &TestApp,
    email: &str,
    password: &str,
) -> (crate::common::Reply, Option<String>) {
    let (r, cookie, _) = attempt_with_token(app, email, password).await;
    (r, cookie)
}

/// [`attempt`], also returning the CSRF token the browser had.
async fn attempt_with_token(
    app: &TestApp,
    email: &str,
    password: &str,
) -> (crate::common::Reply, Option<String>, String) {
    let token = app.issued();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("isomm_csrf={token}"))
        .body(Body::from(encode(&[
            ("csrf", &token),
            ("email", email),
            ("password", password),
            ("next", "/catalog"),
        ])))
        .unwrap();
    let r = app.send_as("", request).await;
    let cookie = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("isomm_session="))
        .map(str::to_string);
    (r, cookie, token)
}

async fn get_as(app: &TestApp, session: &str, path: &str) -> crate::common::Reply {
    app.send_as(session, Request::get(path).body(Body::empty()).unwrap())
        .await
}

#[tokio::test]
async fn a_login_makes_a_new_session_and_a_logout_ends_it() {
    let app = spawn_app().await;
    app.log_in_new("sato@example.jp", Access::Assessor).await;
    let (r, cookie) = attempt(&app, "Sato@Example.JP", TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/catalog", "back where the person was going");
    let cookie = cookie.expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback: {cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_string();
    assert_eq!(
        session.len(),
        "isomm_session=".len() + 64,
        "256 random bits"
    );
    assert_eq!(get_as(&app, &session, "/").await.status, StatusCode::OK);

    // Logging in again from the same browser replaces the session: the old id is worth nothing.
    let token = get_as(&app, &session, "/catalog")
        .await
        .body
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &session)
        .body(Body::from(encode(&[
            ("csrf", &token),
            ("email", "sato@example.jp"),
            ("password", TEST_PASSWORD),
        ])))
        .unwrap();
    let r = app.send_as("", request).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let renewed = r.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(renewed, session);
    assert_eq!(
        get_as(&app, &session, "/").await.status,
        StatusCode::SEE_OTHER
    );
    let page = get_as(&app, &renewed, "/catalog").await.body;
    assert!(
        !page.contains(&token),
        "a new CSRF token with the new session"
    );

    // Logging out ends it.
    let token = page
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let request = Request::post("/logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &renewed)
        .body(Body::from(encode(&[("csrf", &token)])))
        .unwrap();
    let r = app.send_as("", request).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let after = get_as(&app, &renewed, "/").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location(), "/login?next=/");

    let log = app
        .state
        .store
        .audit_log(
            None,
            &AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|a| a.entry.action.as_str()).collect();
    assert!(
        actions.contains(&"login") && actions.contains(&"logout"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn an_unknown_e_mail_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    app.log_in_new("sato@example.jp", Access::Viewer).await;
    let (wrong, c1, t1) =
        attempt_with_token(&app, "sato@example.jp", "not the password at all").await;
    let (unknown, c2, t2) =
        attempt_with_token(&app, "nobody@example.jp", "not the password at all").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, wrong.status);
    assert_eq!((c1, c2), (None, None));
    // The page shows what was typed back, and the browser's own token; nothing else differs.
    assert_eq!(
        wrong.body.replace("sato@example.jp", "X").replace(&t1, "T"),
        unknown
            .body
            .replace("nobody@example.jp", "X")
            .replace(&t2, "T")
    );
    assert!(
        wrong
            .body
            .contains("メールアドレスかパスワードが違います。")
    );
}

#[tokio::test]
async fn repeated_failures_are_throttled_per_account_and_per_client() {
    let app = spawn_app().await;
    app.log_in_new("sato@example.jp", Access::Viewer).await;
    for _ in 0..isomm_web::accounts::ACCOUNT_FAILURES {
        let (r, _) = attempt(&app, "sato@example.jp", "not the password at all").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits: an attacker learns nothing by trying on.
    let (r, cookie) = attempt(&app, "sato@example.jp", TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(cookie, None);
    let wait: u64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        wait > 0 && wait <= isomm_web::accounts::WINDOW as u64,
        "{wait}"
    );
    // Counted in the database (another instance on it would refuse alike); the refused attempt
    // is not a failure: only checked passwords count, so the lockout ends on time.
    let failures = || async {
        app.state
            .store
            .failures_since("account:sato@example.jp", 0)
            .await
            .unwrap()
    };
    let (count, latest) = failures().await;
    assert_eq!(count, isomm_web::accounts::ACCOUNT_FAILURES);
    for _ in 0..10 {
        let (r, _) = attempt(&app, "sato@example.jp", "not the password at all").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(
        failures().await,
        (count, latest),
        "attempts refused while locked never extend the lockout"
    );

    // One client trying many accounts is stopped too.
    let other = spawn_app().await;
    for n in 0..isomm_web::accounts::CLIENT_FAILURES {
        let (r, _) = attempt(&other, &format!("guess{n}@example.jp"), "not the password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let (r, _) = attempt(&other, "owner@example.jp", TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn sessions_end_after_their_idle_and_absolute_times() {
    for times in [
        SessionTimes {
            idle: std::time::Duration::ZERO,
            absolute: std::time::Duration::from_secs(3600),
        },
        SessionTimes {
            idle: std::time::Duration::from_secs(3600),
            absolute: std::time::Duration::ZERO,
        },
    ] {
        let app = spawn_anonymous_with(Settings {
            session_times: times,
            ..Settings::default()
        })
        .await;
        app.state
            .store
            .add_user(
                &isomm_store::accounts::Email::parse("sato@example.jp").unwrap(),
                "Sato",
                crate::common::test_hash(),
                false,
            )
            .await
            .unwrap();
        let (r, cookie) = attempt(&app, "sato@example.jp", TEST_PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let session = cookie.unwrap().split(';').next().unwrap().to_string();
        let r = get_as(&app, &session, "/").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{times:?}");
        assert_eq!(r.location(), "/login?next=/");
    }
}

#[tokio::test]
async fn a_new_password_ends_the_accounts_other_sessions() {
    let app = spawn_app().await;
    let (viewer, _) = app.log_in_new("sato@example.jp", Access::Viewer).await;
    let (again, _) = app.log_in("sato@example.jp", TEST_PASSWORD).await;
    assert_eq!(get_as(&app, &viewer, "/").await.status, StatusCode::OK);
    let keep = {
        use sha2::Digest;
        let id = again.trim_start_matches("isomm_session=");
        sha2::Sha256::digest(id.as_bytes()).to_vec()
    };
    isomm_store::auth::set_password(
        &*app.state.store,
        "sato@example.jp",
        "another long passphrase here",
        Some(&keep),
        "test",
        "test",
    )
    .await
    .unwrap();
    // Reset from outside this instance (as `isomm user reset-password` does): its cached sessions
    // are read again within a second.
    let deadline = std::time::Instant::now() + 3 * isomm_web::base::session::CACHE_FOR;
    while get_as(&app, &viewer, "/").await.status != StatusCode::SEE_OTHER {
        assert!(
            std::time::Instant::now() < deadline,
            "the ended session still works after {:?}",
            3 * isomm_web::base::session::CACHE_FOR
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        get_as(&app, &again, "/").await.status,
        StatusCode::OK,
        "the one kept"
    );
    let entries = app
        .state
        .store
        .audit_log(
            None,
            &AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(entries.iter().any(|e| e.entry.action == "account.password"));
}

#[tokio::test]
async fn a_person_changes_their_password_and_their_other_sessions_end() {
    let app = spawn_app().await;
    let (here, token) = app.log_in_new("sato@example.jp", Access::Assessor).await;
    let (elsewhere, _) = app.log_in("sato@example.jp", TEST_PASSWORD).await;
    let page = get_as(&app, &here, "/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("sato@example.jp"), "{}", page.body);
    let change = |current: &str, password: &str, again: &str| {
        Request::post("/account/password")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &here)
            .body(Body::from(encode(&[
                ("csrf", &token),
                ("current", current),
                ("password", password),
                ("again", again),
            ])))
            .unwrap()
    };
    let new = "夜明けのインシデント対応手順書を改訂";
    for (current, password, again, says) in [
        (
            "wrong current password",
            new,
            new,
            "現在のパスワードが違います。",
        ),
        (
            TEST_PASSWORD,
            new,
            "something else entirely",
            "新しいパスワードが一致しません。",
        ),
        (
            TEST_PASSWORD,
            "password1234",
            "password1234",
            "推測されやすい",
        ),
    ] {
        let r = app.send_as("", change(current, password, again)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{says}");
        assert!(r.body.contains(says), "{says}: {}", r.body);
    }
    assert_eq!(
        get_as(&app, &elsewhere, "/").await.status,
        StatusCode::OK,
        "nothing changed yet"
    );
    let r = app.send_as("", change(TEST_PASSWORD, new, new)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/account?changed=1");
    // At once on this instance: the other session is over, this one goes on.
    assert_eq!(
        get_as(&app, &elsewhere, "/").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(get_as(&app, &here, "/").await.status, StatusCode::OK);
    let (r, _) = attempt(&app, "sato@example.jp", TEST_PASSWORD).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "the old password is gone"
    );
    let (r, _) = attempt(&app, "sato@example.jp", new).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// Attempts sent at once cannot all pass the throttle: each is counted before its password is
/// checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn attempts_sent_at_once_are_throttled_too() {
    let app = spawn_app().await;
    app.log_in_new("sato@example.jp", Access::Viewer).await;
    let attempts = (0..20).map(|_| attempt(&app, "sato@example.jp", "not the password at all"));
    let statuses: Vec<StatusCode> = futures_join(attempts).await;
    let through = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        through <= isomm_web::accounts::ACCOUNT_FAILURES as usize,
        "{through} of 20 were checked: {statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

/// Runs the attempts concurrently and returns their statuses.
async fn futures_join<F>(attempts: impl Iterator<Item = F>) -> Vec<StatusCode>
where
    F: std::future::Future<Output = (crate::common::Reply, Option<String>)>,
{
    let mut set = Vec::new();
    for f in attempts {
        set.push(f);
    }
    let mut out = Vec::new();
    let joined = join_all(set).await;
    for (r, _) in joined {
        out.push(r.status);
    }
    out
}

/// A tiny `join_all` (the standard library has none): polls every future until all are done.
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in futures.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter()
        .map(|o| o.expect("every future finished"))
        .collect()
}

/// What is typed as the e-mail is bounded before it is kept (throttling keys, the audit log).
#[tokio::test]
async fn a_huge_e_mail_field_is_cut_before_it_is_kept() {
    let app = spawn_app().await;
    // As long as the login form's body limit lets through (a longer one is 413, unread).
    let huge = "a".repeat(20_000);
    let (r, _) = attempt(&app, &huge, "not the password at all").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let key = format!(
        "account:{}",
        &huge[..isomm_core::limits::MAX_EMAIL_CHARS + 1]
    );
    let (count, _) = app.state.store.failures_since(&key, 0).await.unwrap();
    assert_eq!(count, 1, "counted under the cut key");
    let log = app
        .state
        .store
        .audit_log(
            None,
            &AuditFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let failed = log
        .iter()
        .find(|l| l.entry.action == "login.failed")
        .unwrap();
    assert!(failed.entry.actor.chars().count() <= isomm_core::limits::MAX_EMAIL_CHARS + 7);
}

/// Issue 19: a successful login took back every attempt of its second, so 15 guesses and one login
/// of the attacker's own account per second never reached the address's limit.
#[tokio::test]
async fn a_login_of_ones_own_account_never_buys_guesses_at_others() {
    let app = spawn_app().await;
    app.log_in_new("attacker@example.jp", Access::Viewer).await;
    let mut guesses = 0;
    for n in 0..3 * isomm_web::accounts::CLIENT_FAILURES {
        // Each guess at another account, then a login of one's own.
        let (r, _) = attempt(&app, &format!("victim{n}@example.jp"), "a guess at it").await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "guess {n}");
        guesses += 1;
        let (r, _) = attempt(&app, "attacker@example.jp", TEST_PASSWORD).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(r.status, StatusCode::SEE_OTHER, "own login {n}");
    }
    assert_eq!(
        guesses,
        isomm_web::accounts::CLIENT_FAILURES,
        "the address is refused after its limit of failures, own logins or not"
    );
}

#[tokio::test]
async fn a_password_reset_ends_the_accounts_lockout() {
    let app = spawn_app().await;
    app.log_in_new("sato@example.jp", Access::Viewer).await;
    for _ in 0..isomm_web::accounts::ACCOUNT_FAILURES {
        attempt(&app, "sato@example.jp", "not the password at all").await;
    }
    let (r, _) = attempt(&app, "sato@example.jp", TEST_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // What `isomm user reset-password` does.
    let new = "a fresh and unusual passphrase 8812";
    isomm_store::auth::set_password(&*app.state.store, "sato@example.jp", new, None, "cli", "")
        .await
        .unwrap();
    let (r, cookie) = attempt(&app, "sato@example.jp", new).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(cookie.is_some());
}
