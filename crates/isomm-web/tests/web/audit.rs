//! The audit log as an owner reads it: what the story of links and sheets wrote, filters, pages
//! and the CSV download (neutralised like every CSV).

use crate::common::spawn_app;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use isomm_store::accounts::AuditEntry;

#[tokio::test]
async fn owners_read_what_happened_to_links_and_sheets() {
    let app = spawn_app().await;
    let id = app.create("Audit CSIRT").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/link"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let token = r
        .body
        .split("/r/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the new link in the page")
        .to_string();
    // The respondent submits through the link (a browser without a session).
    let anonymous = app.issued();
    let submit = Request::post(format!("/r/{token}/submit"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
        .body(Body::from(format!("csrf={anonymous}")))
        .unwrap();
    assert_eq!(app.send_as("", submit).await.status, StatusCode::SEE_OTHER);
    // A submitted sheet no longer changes through its link.
    let save = Request::post(format!("/r/{token}/answers/A-1"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
        .body(Body::from(format!("csrf={anonymous}&in=3")))
        .unwrap();
    let r = app.send_as("", save).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/reopen"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/link/revoke"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // The revoked link says so, to whoever holds it.
    let gone = app
        .send_as(
            "",
            Request::get(format!("/r/{token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(
        gone.body.contains("このリンクは使えません"),
        "{}",
        gone.body
    );

    let page = app.get("/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    let order: Vec<usize> = ["link.revoke", "sheet.reopen", "sheet.submit", "link.issue"]
        .iter()
        .map(|a| {
            page.body
                .find(&format!(">{a}</code></td>"))
                .unwrap_or_else(|| panic!("{a}: {}", page.body))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest first: {order:?}"
    );
    assert!(
        page.body.contains(&format!("link:{rid}")),
        "the respondent's link is the actor"
    );
    assert!(page.body.contains("user:"), "the owner is the actor");

    let links = app.get("/audit?action=link.").await.body;
    assert!(
        links.contains("<td>回答用リンクの無効化<br><code class=\"muted\">link.revoke</code></td>")
            && !links.contains(">sheet.submit</code>"),
        "{links}"
    );

    // Text from people is neutralised in the CSV.
    app.state
        .store
        .audit(&AuditEntry {
            workspace: Some(app.workspace),
            actor: "user:1 owner@example.jp".into(),
            actor_name: Some("-2+3 <owner@example.jp>".into()),
            client: "127.0.0.1".into(),
            action: "assessment.edit".into(),
            subject: "=HYPERLINK(\"http://evil.example\")".into(),
            old_value: Some("@SUM(1+1)".into()),
            new_value: None,
        })
        .await
        .unwrap();
    let csv = app.get("/audit.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("\u{feff}time_utc,actor,client,action"),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("\"'@SUM(1+1)\""), "{}", csv.body);
    // The header, then: the line added above, revoke, reopen, submit, the link issued twice (when
    // the respondent was added, then again), the respondent and the assessment made.
    assert_eq!(csv.body.lines().count(), 1 + 8, "{}", csv.body);
}
