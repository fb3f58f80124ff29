//! Round after round (issue 24, first part): the next round starts from the last in one step —
//! its fields and people carried over, each person with a new private link shown once — and the
//! round it started from is closed: its page says so and every write to it is refused (409),
//! through an account or a link.

use axum::http::StatusCode;

use crate::common::*;

/// An assessment with two people, one of whom answered and submitted through their link; its
/// id, the people's ids and the submitted one's link.
async fn a_round(app: &TestApp) -> (i64, i64, String) {
    let id = app.create("みなと信託銀行 SOC").await;
    let (sato, token) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    app.add_respondent(id, "田中", "staff").await;
    let saved = app
        .post(&format!("/r/{token}"), &[("A-1.in", "3"), ("A-1.out", "")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let submitted = app.post(&format!("/r/{token}/submit"), &[]).await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    (id, sato, token)
}

#[tokio::test]
async fn the_next_round_starts_from_the_last_and_closes_it() {
    let app = spawn_app().await;
    let (id, sato, old_link) = a_round(&app).await;
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(
        page.contains(
            "action=\"/assessments/{id}/next-round\""
                .replace("{id}", &id.to_string())
                .as_str()
        )
    );

    // Without confirm=yes: the page that asks, carrying the form's fields.
    let asked = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[
                ("start", "blank"),
                ("title", "FY2027"),
                ("carry_target", "yes"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(
        asked.body.contains("name=\"title\" value=\"FY2027\""),
        "{}",
        asked.body
    );
    assert!(asked.body.contains("name=\"carry_target\" value=\"yes\""));

    let started = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[
                ("start", "blank"),
                ("title", "FY2027"),
                ("date", "2027-10-01"),
                ("carry_target", "yes"),
                ("confirm", "yes"),
            ],
        )
        .await;
    // Every person with a new private link and the message to send, shown once.
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    assert!(started.body.contains("佐藤") && started.body.contains("田中"));
    assert_eq!(started.body.matches("/r/").count() >= 2, true);
    let new_link = link_token(&started.body);
    assert_ne!(new_link, old_link);

    // The next round: the same people, no answers, the fields carried (the target pattern now
    // the current one), started from the first.
    let rounds = app
        .state
        .store
        .list_assessments(Some(app.workspace), None, 10)
        .await
        .unwrap();
    let next = rounds.rows.iter().map(|r| r.id).max().unwrap();
    assert_ne!(next, id);
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    assert_eq!(stored.fields.title, "FY2027");
    assert_eq!(stored.fields.date.as_deref(), Some("2027-10-01"));
    assert_eq!(stored.fields.organization, "みなと信託銀行 SOC");
    assert_eq!(stored.fields.current_pattern, "minimum-outsource");
    assert_eq!(stored.fields.deadline, None);
    let names: Vec<&str> = stored.respondents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["佐藤", "田中"]);
    assert!(
        stored
            .respondents
            .iter()
            .all(|r| r.answers.is_empty() && !r.submitted)
    );
    let next_page = app.get(&format!("/assessments/{next}")).await.body;
    assert!(next_page.contains("id=\"started-from\""), "{next_page}");
    assert!(next_page.contains(&format!("href=\"/assessments/{id}\"")));
    // The new link opens the new round's sheet.
    let sheet = app.get(&format!("/r/{new_link}")).await;
    assert_eq!(sheet.status, StatusCode::OK);

    // The first round: closed, with the result it closed with (the submitted sheet).
    let closed = app.get(&format!("/assessments/{id}")).await.body;
    assert!(closed.contains("id=\"round-closed\""), "{closed}");
    assert!(closed.contains(&format!("href=\"/assessments/{next}\"")));
    assert!(
        !closed.contains("/next-round\""),
        "no next round from a closed one"
    );
    let kept = app.state.store.closed_result(id).await.unwrap().unwrap();
    let doc: serde_json::Value = serde_json::from_str(&kept.result).unwrap();
    assert_eq!(doc["format"], "isomm-result/1");
    assert_eq!(
        doc["respondents"].as_array().unwrap().len(),
        1,
        "submitted sheets only"
    );
    assert_eq!(kept.counting, isomm_store::Counting::Submitted);
    assert_eq!(kept.model_hash.len(), 64);

    // Every write to the closed round is refused, in words, whoever sends it.
    let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("/assessments/{id}/respondents"),
            vec![("name", "鈴木"), ("position", "staff")],
        ),
        (
            format!("/assessments/{id}/respondents/{sato}/answers/A-1"),
            vec![("in", "5")],
        ),
        (
            format!("/assessments/{id}/respondents/{sato}/reopen"),
            vec![("confirm", "yes")],
        ),
        (format!("/assessments/{id}/share"), vec![("share", "1")]),
        (
            format!("/assessments/{id}/edit"),
            vec![
                ("organization", "x"),
                ("title", "x"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        ),
        (
            format!("/assessments/{id}/next-round"),
            vec![("start", "blank"), ("title", "again"), ("confirm", "yes")],
        ),
        (format!("/r/{old_link}"), vec![("A-2.in", "4")]),
    ];
    for (path, fields) in writes {
        let r = app.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}: {}", r.body);
        assert!(
            r.body.contains("この回は締めてあります") || r.body.contains("This round is closed"),
            "{path}: {}",
            r.body
        );
    }
    let still = app.state.store.assessment(id).await.unwrap().unwrap();
    assert_eq!(still.respondents.len(), 2, "nothing was written");
    // Reading it goes on.
    assert_eq!(
        app.get(&format!("/assessments/{id}/results")).await.status,
        StatusCode::OK
    );

    // Its page offers no write but reopening (to an owner).
    for form in [
        "id=\"add-respondent\"",
        "/edit\"",
        "/share\"",
        "/delete\"",
        "/link\"",
    ] {
        assert!(
            !closed.contains(form),
            "a closed round's page offers {form}"
        );
    }
    assert!(closed.contains("/reopen-round\""));

    // An owner reopens it: what it kept is discarded, and it takes writes again.
    let reopened = app
        .post(
            &format!("/assessments/{id}/reopen-round"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(reopened.status, StatusCode::SEE_OTHER, "{}", reopened.body);
    assert_eq!(app.state.store.closed_result(id).await.unwrap(), None);
    assert_eq!(
        app.state
            .store
            .round_state(id)
            .await
            .unwrap()
            .unwrap()
            .closed_at,
        None
    );
    let added = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "鈴木"), ("position", "staff")],
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);

    // Everything is in the audit log, by name of the action.
    let csv = app.get("/audit.csv").await.body;
    for action in ["round.start", "round.close", "round.reopen"] {
        assert!(csv.contains(action), "{action}: {csv}");
    }
}

#[tokio::test]
async fn a_next_round_with_a_bad_title_or_date_is_asked_again() {
    let app = spawn_app().await;
    let (id, _, _) = a_round(&app).await;
    for (title, date, says) in [
        ("", "", "次の回の名前"),
        ("FY2027", "2027-13-01", "YYYY-MM-DD"),
    ] {
        let r = app
            .post(
                &format!("/assessments/{id}/next-round"),
                &[
                    ("start", "blank"),
                    ("title", title),
                    ("date", date),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("id=\"next-round-error\"") && r.body.contains(says));
    }
    // Nothing was closed or made.
    assert_eq!(
        app.state
            .store
            .round_state(id)
            .await
            .unwrap()
            .unwrap()
            .closed_at,
        None
    );
    // A start this version does not offer is refused.
    let r = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[
                ("start", "previous"),
                ("title", "FY2027"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
