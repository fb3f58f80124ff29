//! Which sheets results count (submitted ones by default, with a switch to include sheets in
//! progress), and what the audit log records of assessments, respondents, answers and exports.

use crate::common::spawn_app;
use axum::http::StatusCode;

/// The `respondents` of a result document, by name.
fn counted(json: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("a result document");
    doc["respondents"]
        .as_array()
        .expect("respondents")
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn results_count_submitted_sheets_unless_asked_to_include_sheets_in_progress() {
    let app = spawn_app().await;
    let id = app.create("Counting CSIRT").await;
    let sato = app.add_respondent(id, "佐藤", "manager").await;
    let suzuki = app.add_respondent(id, "鈴木", "staff").await;
    for (rid, level) in [(sato, "4"), (suzuki, "2")] {
        let r = app
            .post(
                &format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
                &[("in", level)],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    // Nothing submitted: nothing counted, both named as left out, and the switch offered.
    let page = app.get(&format!("/assessments/{id}/results")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-counted=\"0\""), "{}", page.body);
    assert!(page.body.contains("0 / 2"), "{}", page.body);
    assert!(
        page.body.contains("佐藤、鈴木"),
        "both left out: {}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("/assessments/{id}/results?sheets=all"))
    );
    let json = app.get(&format!("/assessments/{id}/result.json")).await;
    assert!(counted(&json.body).is_empty(), "{}", json.body);

    // The switch: sheets in progress count, and downloads follow it.
    let all = app
        .get(&format!("/assessments/{id}/results?sheets=all"))
        .await;
    assert!(all.body.contains("2 / 2"), "{}", all.body);
    assert!(
        all.body
            .contains(&format!("/assessments/{id}/report.pdf?sheets=all"))
    );
    let json_all = app
        .get(&format!("/assessments/{id}/result.json?sheets=all"))
        .await;
    assert_eq!(counted(&json_all.body), ["佐藤", "鈴木"]);
    assert_ne!(
        json.headers["etag"], json_all.headers["etag"],
        "each selection has its own entity tag"
    );

    // An assessor marks a sheet submitted (say one answered on paper): it counts from then on.
    let r = app
        .post(&format!("/assessments/{id}/respondents/{sato}/submit"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/assessments/{id}/results")).await;
    assert!(page.body.contains("1 / 2"), "{}", page.body);
    assert!(page.body.contains(": 鈴木</p>"), "{}", page.body);
    let json = app.get(&format!("/assessments/{id}/result.json")).await;
    assert_eq!(counted(&json.body), ["佐藤"]);
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(doc["roles"][0]["insource"], 4.0, "Sato's level alone");
    // Reopened, it is left out again.
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{sato}/reopen"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let json = app.get(&format!("/assessments/{id}/result.json")).await;
    assert!(counted(&json.body).is_empty(), "{}", json.body);
    // Another assessment's respondent is not found through this one.
    let other = app.create("Other").await;
    let r = app
        .post(
            &format!("/assessments/{other}/respondents/{sato}/submit"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_audit_log_records_assessments_respondents_answers_and_exports() {
    let app = spawn_app().await;
    let id = app.create("Audited SOC").await;
    let rid = app.add_respondent(id, "高橋", "leader").await;
    let save = |level: &'static str| {
        let app = &app;
        async move {
            app.post(
                &format!("/assessments/{id}/respondents/{rid}/answers/B-2"),
                &[("in", level), ("note", "MSSP と分担")],
            )
            .await
        }
    };
    assert_eq!(save("3").await.status, StatusCode::OK);
    // Saves that follow each other make one line; reading the log ends the run (so does a
    // pause of ten seconds, `saves_of_one_role_make_one_audit_line_a_run` in the store's tests).
    assert_eq!(app.get("/audit").await.status, StatusCode::OK);
    assert_eq!(save("2").await.status, StatusCode::OK);
    assert_eq!(save("4").await.status, StatusCode::OK);
    // The same answer again changes nothing.
    assert_eq!(save("4").await.status, StatusCode::OK);
    let r = app
        .post(
            &format!("/assessments/{id}/edit"),
            &[
                ("organization", "Audited SOC"),
                ("title", "FY2027"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "minimum-outsource"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let csv = app
        .get(&format!("/assessments/{id}/result.csv?sheets=all"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    let log = app.get("/audit.csv").await.body;
    let lines: Vec<&str> = log.lines().skip(1).collect();
    let find = |action: &str| -> Vec<&str> {
        lines
            .iter()
            .copied()
            .filter(|l| l.contains(&format!(",\"{action}\",")))
            .collect()
    };
    assert_eq!(find("assessment.create").len(), 1, "{log}");
    assert_eq!(find("respondent.add").len(), 1, "{log}");
    let answers = find("answer.save");
    assert_eq!(answers.len(), 2, "one line per run of saves: {log}");
    // Newest first: 3 → 4, then nothing → 3.
    assert!(
        answers[0].contains(&format!("assessment:{id} respondent:{rid} role:B-2"))
            && answers[0]
                .contains("\"in:3 out:- note:MSSP と分担\",\"in:4 out:- note:MSSP と分担\""),
        "{log}"
    );
    assert!(
        answers[1].contains("\"in:- out:-\",\"in:3 out:- note:MSSP と分担\""),
        "{log}"
    );
    let edit = find("assessment.edit");
    assert!(
        edit.len() == 1 && edit[0].contains("title:FY2026") && edit[0].contains("title:FY2027"),
        "old and new fields: {log}"
    );
    assert!(
        find("export.csv")[0].contains("sheets:all"),
        "the export and what it counted: {log}"
    );
    let removed = find("respondent.remove");
    assert!(
        removed.len() == 1 && removed[0].contains("高橋 (leader) answered:1"),
        "{log}"
    );
    assert!(
        lines.iter().all(|l| l.contains(",\"user:")),
        "every line names the owner who acted: {log}"
    );
}

#[tokio::test]
async fn respondents_who_submitted_see_only_aggregates_when_the_assessment_shares_them() {
    let app = spawn_app().await;
    let id = app.create("Shared SOC").await;
    let mut tokens = Vec::new();
    for (name, position) in [
        ("佐藤", "staff"),
        ("鈴木", "staff"),
        ("高橋", "staff"),
        ("田中", "manager"),
    ] {
        let r = app
            .post(
                &format!("/assessments/{id}/respondents"),
                &[("name", name), ("position", position)],
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        tokens.push(crate::common::link_token(&r.body));
    }
    let anonymous = app.issued();
    let cookie = format!("isomm_csrf={anonymous}");
    let post = |path: String, body: String| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let request = axum::http::Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(axum::body::Body::from(body))
                .unwrap();
            app.send_as("", request).await
        }
    };
    let get = |path: String| {
        let app = &app;
        async move {
            app.send_as(
                "",
                axum::http::Request::get(path)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    // Each answers A-1 with a note, then submits (but the last).
    for (i, token) in tokens.iter().enumerate() {
        let r = post(
            format!("/r/{token}/answers/A-1"),
            format!("csrf={anonymous}&in={}&note=secret-note-{i}", i + 2),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let results = |i: usize| get(format!("/r/{}/results", tokens[i]));
    assert_eq!(
        results(0).await.status,
        StatusCode::NOT_FOUND,
        "not submitted, not shared"
    );
    for token in &tokens[..2] {
        let r = post(format!("/r/{token}/submit"), format!("csrf={anonymous}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(
        results(0).await.status,
        StatusCode::NOT_FOUND,
        "submitted, but not shared"
    );
    let r = app
        .post(&format!("/assessments/{id}/share"), &[("share", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        app.get(&format!("/assessments/{id}"))
            .await
            .body
            .contains(&format!("action=\"/assessments/{id}/share\"")),
    );
    // Shared, but not every sheet is submitted: nothing yet (a page that changes as sheets
    // arrive gives away each newcomer's answers by difference).
    let page = results(0).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"shared-waiting\""), "{}", page.body);
    assert!(page.body.contains("2 / 4"), "{}", page.body);
    assert!(!page.body.contains("<svg"), "no chart yet: {}", page.body);
    assert_eq!(
        results(3).await.status,
        StatusCode::NOT_FOUND,
        "not submitted"
    );
    let sheet = get(format!("/r/{}", tokens[0])).await;
    assert!(sheet.body.contains("id=\"see-shared\""), "{}", sheet.body);
    // Submitted: read-only through the link (no upload, the levels disabled), and a plain title.
    assert!(
        sheet
            .body
            .contains("<fieldset class=\"sheet-lock\" disabled>")
            && !sheet.body.contains("id=\"upload-sheet\""),
        "{}",
        sheet.body
    );
    let title = sheet
        .body
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(!title.contains('<'), "{title}");
    for token in &tokens[2..] {
        let r = post(format!("/r/{token}/submit"), format!("csrf={anonymous}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    // Everyone submitted: totals, no names or notes; three staff and one manager, so no figures by
    // position (the manager's could be worked out from the totals and the staff's).
    let page = results(1).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-counted=\"4\""), "{}", page.body);
    assert!(page.body.contains("<svg"), "the radar: {}", page.body);
    for private in ["佐藤", "鈴木", "高橋", "田中", "secret-note"] {
        assert!(
            !page.body.contains(private),
            "{private} is not shown: {}",
            page.body
        );
    }
    assert!(!page.body.contains("担当者 (3)"), "{}", page.body);
    assert!(page.body.contains("どの立場にも"), "{}", page.body);
    // Without the manager, three staff: the view stays the snapshot of four sheets (a new one of
    // the three staff would give away the manager's answers by difference); it is replaced only
    // when three more sheets than it counts are submitted.
    let manager = app.get(&format!("/assessments/{id}")).await.body;
    let rid = manager
        .split(&format!("/assessments/{id}/respondents/"))
        .filter_map(|rest| rest.split(['"', '/']).next()?.parse::<i64>().ok())
        .max()
        .expect("the manager's sheet, added last");
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = results(1).await;
    assert!(page.body.contains("data-counted=\"4\""), "{}", page.body);
    assert!(!page.body.contains("担当者 (3)"), "{}", page.body);
    // A submitted sheet no longer changes through its link.
    let r = post(
        format!("/r/{}/answers/A-1", tokens[0]),
        format!("csrf={anonymous}&in="),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "submitted: {}", r.body);
    // Stopping the share closes the page again.
    let r = app
        .post(&format!("/assessments/{id}/share"), &[("share", "0")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(results(1).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_offer_only_what_the_caller_may_do() {
    use isomm_store::accounts::Access;
    let app = spawn_app().await;
    let id = app.create("Menu SOC").await;
    let owner = app.get("/").await.body;
    for link in [
        "href=\"/assessments/new\"",
        "href=\"/members\"",
        "href=\"/audit\"",
    ] {
        assert!(owner.contains(link), "the owner is offered {link}");
    }
    let page = |session: String, path: String| {
        let app = &app;
        async move {
            app.send_as(
                &session,
                axum::http::Request::get(path)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
            .body
        }
    };
    let (assessor, _) = app
        .log_in_new("assessor@example.jp", Access::Assessor)
        .await;
    let home = page(assessor.clone(), "/".into()).await;
    assert!(home.contains("href=\"/assessments/new\""), "{home}");
    assert!(
        !home.contains("href=\"/members\"") && !home.contains("href=\"/audit\""),
        "{home}"
    );
    let (viewer, _) = app.log_in_new("viewer@example.jp", Access::Viewer).await;
    let home = page(viewer.clone(), "/".into()).await;
    for link in [
        "href=\"/assessments/new\"",
        "href=\"/assessments/import\"",
        "href=\"/members\"",
        "href=\"/audit\"",
    ] {
        assert!(
            !home.contains(link),
            "a viewer is not offered {link}: {home}"
        );
    }
    assert!(
        home.contains(&format!("href=\"/assessments/{id}/results\"")),
        "a viewer's list leads to the results: {home}"
    );
    let results = page(viewer, format!("/assessments/{id}/results")).await;
    assert!(
        !results.contains(&format!("href=\"/assessments/{id}\""))
            && !results.contains("class=\"can-assess\""),
        "{results}"
    );
    let results = page(assessor, format!("/assessments/{id}/results")).await;
    assert!(results.contains("class=\"can-assess\""), "{results}");
}
