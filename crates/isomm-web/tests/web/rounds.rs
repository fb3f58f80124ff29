//! Round after round (issue 24): the next round starts from the last in one step — its fields and
//! people carried over, each person with a new private link shown once, and with `previous` their
//! own earlier answers as drafts to confirm — and the round it started from is closed: its page
//! says so, every write to it is refused (409), through an account or a link, and every page and
//! download of it shows the result it kept, whatever the model says later. Comparisons of rounds
//! are cached like results.

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
    assert!(started.body.matches("/r/").count() >= 2);
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

    // Its sheets are shown as they stay, through the link and to an assessor.
    for path in [
        format!("/r/{old_link}"),
        format!("/assessments/{id}/respondents/{sato}"),
    ] {
        let sheet = app.get(&path).await.body;
        assert!(sheet.contains("id=\"round-closed\""), "{path}");
        assert!(sheet.contains("class=\"sheet-lock\" disabled"), "{path}");
        assert!(!sheet.contains("id=\"upload-sheet\"") && !sheet.contains("id=\"submit-form\""));
    }
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
    // A start isomm does not offer is refused.
    let r = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[
                ("start", "sideways"),
                ("title", "FY2027"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

/// Starts the next round of `id` (confirmed); its id.
async fn next_round_of(app: &TestApp, id: i64, title: &str) -> i64 {
    let r = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[("start", "blank"), ("title", title), ("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    app.state
        .store
        .series_rounds(
            app.state
                .store
                .round_state(id)
                .await
                .unwrap()
                .unwrap()
                .series,
        )
        .await
        .unwrap()
        .iter()
        .find(|r| r.started_from == Some(id))
        .unwrap()
        .id
}

#[tokio::test]
async fn two_rounds_compare_in_the_browser_and_in_every_download() {
    let app = spawn_app().await;
    let (first, _, _) = a_round(&app).await;
    let next = next_round_of(&app, first, "FY2027").await;
    // Addresses typed the wrong way round, or with one round twice, are said to be so; the page
    // offers only earlier rounds.
    for (path, warned) in [
        (
            format!("/assessments/{first}/compare/{next}"),
            "比べる向きが逆",
        ),
        (
            format!("/assessments/{next}/compare/{next}"),
            "同じ回どうし",
        ),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("id=\"order-warning\"") && page.body.contains(warned));
    }
    let right = app
        .get(&format!("/assessments/{next}/compare/{first}"))
        .await
        .body;
    assert!(!right.contains("id=\"order-warning\""));
    // 佐藤 answers the next round higher, and submits.
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    let sato = stored
        .respondents
        .iter()
        .find(|r| r.name == "佐藤")
        .unwrap()
        .id;
    for (path, fields) in [
        (
            format!("/assessments/{next}/respondents/{sato}/answers/A-1"),
            vec![("in", "5")],
        ),
        (
            format!("/assessments/{next}/respondents/{sato}/submit"),
            vec![],
        ),
    ] {
        let r = app.post(&path, &fields).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{path}: {}",
            r.body
        );
    }
    // Linked from the next round's page and its results.
    let page = app.get(&format!("/assessments/{next}")).await.body;
    let compare = format!("/assessments/{next}/compare/{first}");
    assert!(page.contains(&format!("href=\"{compare}\"")), "{page}");
    let results = app.get(&format!("/assessments/{next}/results")).await.body;
    assert!(results.contains(&format!("href=\"{compare}\"")));

    // Its results and reports carry "since the last round"; its result document does not.
    let results = app.get(&format!("/assessments/{next}/results")).await.body;
    assert!(results.contains("id=\"since-overall\""), "{results}");
    let csv = app
        .get(&format!("/assessments/{next}/result.csv"))
        .await
        .body;
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",level_earlier,level_delta,status"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("A-1,") && l.ends_with(",improved"))
    );
    let json = app
        .get(&format!("/assessments/{next}/result.json"))
        .await
        .body;
    assert!(!json.contains("level_earlier"));
    let pdf = app.get(&format!("/assessments/{next}/report.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    // The first round's own results have no earlier round.
    let first_results = app.get(&format!("/assessments/{first}/results")).await.body;
    assert!(!first_results.contains("id=\"since-overall\""));

    // The page: the comparison's body, A-1 from 3.0 to 5.0, improved.
    let shown = app.get(&compare).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("id=\"compare-roles\""));
    assert!(shown.body.contains("data-status=\"improved\""));
    // The JSON is the document `isomm compare` writes: the closed round as it kept its result.
    let json = app.get(&format!("{compare}/comparison.json")).await;
    assert_eq!(json.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(doc["format"], "isomm-comparison/1");
    assert_eq!(doc["roles"][0]["id"], "A-1");
    assert_eq!(doc["roles"][0]["level"]["earlier"], 3.0);
    assert_eq!(doc["roles"][0]["level"]["later"], 5.0);
    assert_eq!(doc["roles"][0]["status"], "improved");
    assert_eq!(doc["earlier"]["respondents"], 1);
    // The same as the command line's comparison of the two result documents.
    let kept = app
        .state
        .store
        .closed_result(first)
        .await
        .unwrap()
        .unwrap()
        .result;
    let later_json = app
        .get(&format!("/assessments/{next}/result.json"))
        .await
        .body;
    let limits = isomm_core::Limits::default();
    let (e, l) = (
        isomm_report::read::read_result(&kept, &limits).unwrap(),
        isomm_report::read::read_result(&later_json, &limits).unwrap(),
    );
    let c = isomm_core::compare::compare(&e.round, &l.round, Default::default()).unwrap();
    let expected = serde_json::to_value(isomm_report::comparison::ComparisonDocument::new(
        &e, &l, &c,
    ))
    .unwrap();
    assert_eq!(doc, expected);
    // Every other download, and the threshold.
    for (file, starts) in [
        ("comparison.csv", &b"\xEF\xBB\xBFrole,"[..]),
        ("comparison.html", b"<!DOCTYPE html>"),
        ("comparison.pdf", b"%PDF"),
        ("comparison.xlsx", b"PK"),
    ] {
        let r = app.get(&format!("{compare}/{file}?threshold=0.3")).await;
        assert_eq!(r.status, StatusCode::OK, "{file}");
        assert!(
            r.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attachment")
        );
        let bytes = app
            .send_bytes(
                axum::http::Request::get(format!("{compare}/{file}"))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(bytes.starts_with(starts), "{file}");
    }
    let bad = app.get(&format!("{compare}?threshold=9")).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("id=\"threshold-error\""));
    let unknown = app.get(&format!("{compare}/comparison.exe")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // A viewer reads it; an assessment of another workspace is not found.
    let (viewer, _) = app
        .log_in_new("viewer@example.jp", isomm_store::accounts::Access::Viewer)
        .await;
    let seen = app.get_with(&compare, &viewer).await;
    assert_eq!(seen.status, StatusCode::OK);
    // An assessment of no workspace of the caller's.
    let fields = isomm_store::AssessmentFields {
        workspace: None,
        ..app
            .state
            .store
            .assessment(first)
            .await
            .unwrap()
            .unwrap()
            .fields
    };
    let theirs = app
        .state
        .store
        .create_assessment("isomm-2.1", &fields)
        .await
        .unwrap();
    let elsewhere = app
        .get(&format!("/assessments/{next}/compare/{theirs}"))
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_series_lists_its_rounds_with_the_trend() {
    let app = spawn_app().await;
    let (first, _, _) = a_round(&app).await;
    let series = app
        .state
        .store
        .round_state(first)
        .await
        .unwrap()
        .unwrap()
        .series;
    // One round so far: listed, no chart yet.
    let one = app.get(&format!("/series/{series}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.body.contains("id=\"rounds\"") && !one.body.contains("id=\"trend\""));
    let csv = app.get(&format!("/series/{series}/trend.csv")).await.body;
    assert_eq!(csv.lines().count(), 2, "{csv}");

    let next = next_round_of(&app, first, "FY2027").await;
    // Linked from every round's page.
    for id in [first, next] {
        let page = app.get(&format!("/assessments/{id}")).await.body;
        assert!(page.contains(&format!("href=\"/series/{series}\"")), "{id}");
    }
    let page = app.get(&format!("/series/{series}")).await;
    assert_eq!(page.status, StatusCode::OK);
    // Both rounds in date order (the first has no date, the next none either: by id), the
    // first closed, with the trend chart of the two.
    let rows: Vec<&str> = page.body.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{}", page.body);
    assert!(rows[0].contains(&format!("/assessments/{first}\"")));
    assert!(rows[1].contains(&format!("/assessments/{next}\"")));
    assert!(rows[0].contains("締め済み") && rows[1].contains("実施中"));
    assert!(page.body.contains("id=\"trend\"") && page.body.contains("<svg"));
    let csv = app.get(&format!("/series/{series}/trend.csv")).await.body;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("date,organization,title,respondents,overall,A,")
    );
    assert!(
        lines[1].contains(",FY2026,1,"),
        "the first round counted its one submitted sheet: {csv}"
    );
    assert!(
        lines[2].contains(",FY2027,0,"),
        "nothing submitted in the next yet: {csv}"
    );
}

/// A model where A-1 lies in area III, not I (a server started again with it, `--model`): an
/// evaluation now expects A-1 outsourced under every pattern but full insource, so A-1's expected
/// sides, its mismatch and its improvement come out otherwise.
fn a_changed_model() -> isomm_core::Catalog {
    let builtin = isomm_core::catalog::BUILTIN_MODEL;
    let text = builtin.replacen("\"default_area\": \"I\"", "\"default_area\": \"III\"", 1);
    assert_ne!(text, builtin);
    isomm_core::Catalog::parse(&text, isomm_core::TextFormat::Json).unwrap()
}

/// What a viewer may not read: a note on A-1.
const KEPT_NOTE: &str = "NOTE-kept-5b1e";

/// The pages and downloads of a round's results that show its numbers.
fn result_paths(id: i64) -> Vec<String> {
    ["results", "result.json", "result.csv", "report.html"]
        .iter()
        .map(|file| format!("/assessments/{id}/{file}"))
        .collect()
}

/// The line of A-1 in a roles CSV.
fn a1(csv: &str) -> &str {
    csv.lines()
        .find(|l| l.starts_with("A-1,"))
        .unwrap_or_else(|| panic!("no A-1 in {csv}"))
}

#[tokio::test]
async fn a_closed_round_shows_the_result_it_kept_whatever_the_model_says_now() {
    let app = spawn_app().await;
    let first = app.create("みなと信託銀行 SOC").await;
    let (_, link) = app.add_respondent_with_link(first, "佐藤", "manager").await;
    // A sheet in progress: the round closes without it.
    app.add_respondent(first, "田中", "staff").await;
    for (path, fields) in [
        (
            format!("/r/{link}"),
            vec![("A-1.in", "3"), ("A-1.note", KEPT_NOTE), ("A-2.in", "2")],
        ),
        (format!("/r/{link}/submit"), vec![]),
    ] {
        let r = app.post(&path, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
    }
    let next = next_round_of(&app, first, "FY2027").await;
    // The next round, open: 佐藤 answers it the same and submits.
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    let sato = stored.respondents[0].id;
    for (path, fields) in [
        (
            format!("/assessments/{next}/respondents/{sato}/answers/A-1"),
            vec![("in", "3")],
        ),
        (
            format!("/assessments/{next}/respondents/{sato}/submit"),
            vec![],
        ),
    ] {
        let r = app.post(&path, &fields).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{path}");
    }
    let kept = app
        .state
        .store
        .closed_result(first)
        .await
        .unwrap()
        .unwrap()
        .result;
    let mut before = Vec::new();
    for path in result_paths(first).into_iter().chain(result_paths(next)) {
        let r = app.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        before.push((path, r.body));
    }
    let (closed, open) = before.split_at(4);
    // The closed round's result.json is the document it kept, its note and all; its page says
    // it shows what was kept and offers no other counting.
    assert_eq!(closed[1].1, kept);
    assert!(kept.contains(KEPT_NOTE));
    assert!(
        closed[0].1.contains("id=\"counting-kept\""),
        "{}",
        closed[0].1
    );
    assert!(!closed[0].1.contains("?sheets=all\">"));
    assert!(!open[0].1.contains("id=\"counting-kept\""));
    // A-1 in area I, done in-house as hybrid and minimum outsource expect.
    assert!(a1(&closed[2].1).starts_with("A-1,A,I,3,3,,0,insource,insource,"));
    assert!(a1(&open[2].1).starts_with("A-1,A,I,3,3,,0,insource,insource,"));
    // Sheets in progress are not asked for of a closed round: what it kept, counted as it was.
    let all = app
        .get(&format!("/assessments/{first}/result.json?sheets=all"))
        .await;
    assert_eq!(all.body, kept);
    let overall = |page: &str| {
        page.split("id=\"overall\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap_or_default()
            .to_string()
    };
    let closed_page = app.get(&format!("/assessments/{first}")).await.body;

    // The same database under a model where A-1 lies in area III.
    let changed = app.on_model(a_changed_model()).await;
    for (path, was) in closed {
        let now = changed.get(path).await;
        assert_eq!(now.status, StatusCode::OK, "{path}");
        assert_eq!(
            &now.body, was,
            "{path}: the closed round shows what it kept"
        );
    }
    let now_page = changed.get(&format!("/assessments/{first}")).await.body;
    assert_eq!(overall(&now_page), overall(&closed_page));
    assert!(!overall(&now_page).is_empty());
    // The open round is scored under the model of now.
    let mut moved = 0;
    for (path, was) in open {
        let now = changed.get(path).await;
        assert_eq!(now.status, StatusCode::OK, "{path}");
        moved += usize::from(&now.body != was);
    }
    assert_eq!(moved, open.len(), "every result of the open round changes");
    let open_csv = changed
        .get(&format!("/assessments/{next}/result.csv"))
        .await
        .body;
    assert!(
        a1(&open_csv).starts_with("A-1,A,III,3,3,,0,outsource,outsource,"),
        "{open_csv}"
    );
    let open_json: serde_json::Value = serde_json::from_str(
        &changed
            .get(&format!("/assessments/{next}/result.json"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(open_json["mismatches"][0]["role"], "A-1");
    let kept_json: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(kept_json["mismatches"], serde_json::json!([]));

    // A viewer gets the kept document without its notes, and nothing else changed.
    let (viewer, _) = changed
        .log_in_new("viewer@example.jp", isomm_store::accounts::Access::Viewer)
        .await;
    let seen = changed
        .send_as(
            &viewer,
            axum::http::Request::get(format!("/assessments/{first}/result.json"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!seen.body.contains(KEPT_NOTE), "{}", seen.body);
    let mut expected = kept_json.clone();
    for role in expected["roles"].as_array_mut().unwrap() {
        role["notes"] = serde_json::json!([]);
    }
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&seen.body).unwrap(),
        expected
    );
    for file in ["results", "report.html"] {
        let page = changed
            .send_as(
                &viewer,
                axum::http::Request::get(format!("/assessments/{first}/{file}"))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{file}");
        assert!(!page.body.contains(KEPT_NOTE), "{file}");
    }
}

#[tokio::test]
async fn every_page_of_a_closed_round_shows_the_numbers_it_stored() {
    let app = spawn_app().await;
    let (id, _, _) = a_round(&app).await;
    // The document the round closes with, its numbers changed (as if another version of the
    // rules had scored it): each page and download must show these, not a score made now.
    let written = app
        .get(&format!("/assessments/{id}/result.json"))
        .await
        .body;
    let mut doc: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_ne!(doc["overall"], 4.2);
    doc["overall"] = 4.2.into();
    doc["functions"][0]["maturity"] = 4.2.into();
    doc["roles"][0]["level"] = 4.2.into();
    doc["roles"][0]["insource"] = 4.2.into();
    let mut result = serde_json::to_string_pretty(&doc).unwrap();
    result.push('\n');
    let fields = app
        .state
        .store
        .assessment(id)
        .await
        .unwrap()
        .unwrap()
        .fields;
    let close = isomm_store::ClosedRound {
        result: result.clone(),
        counting: isomm_store::Counting::Submitted,
        model_hash: "0".repeat(64),
    };
    let next = isomm_store::AssessmentFields {
        title: "FY2027".into(),
        ..fields
    };
    let started = app
        .state
        .store
        .start_next_round(id, &next, &close, false)
        .await
        .unwrap();
    assert!(matches!(started, isomm_store::NextRound::Started { .. }));

    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(
        page.contains("<strong id=\"overall\">4.2</strong>"),
        "{page}"
    );
    let results = app.get(&format!("/assessments/{id}/results")).await.body;
    assert!(results.contains("id=\"overall\">4.2</div>"), "{results}");
    let csv = app.get(&format!("/assessments/{id}/result.csv")).await.body;
    assert!(a1(&csv).starts_with("A-1,A,I,4.2,4.2,"), "{csv}");
    let json = app.get(&format!("/assessments/{id}/result.json")).await;
    assert_eq!(json.body, result);
    for file in ["report.html", "report.pdf", "report.xlsx"] {
        let r = app.get(&format!("/assessments/{id}/{file}")).await;
        assert_eq!(r.status, StatusCode::OK, "{file}");
    }
    let html = app
        .get(&format!("/assessments/{id}/report.html"))
        .await
        .body;
    assert!(html.contains("id=\"overall\">4.2</div>"));
    // The list of assessments, once the summary is recorded (in the background).
    let mut home = app.get("/").await.body;
    for _ in 0..200 {
        if home.contains("<strong>4.2</strong>") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        home = app.get("/").await.body;
    }
    assert!(home.contains("<strong>4.2</strong>"), "{home}");
    // A stored result that does not fit the model is an error, never a score made now.
    let other = app.create("Other SOC").await;
    let fields = app
        .state
        .store
        .assessment(other)
        .await
        .unwrap()
        .unwrap()
        .fields;
    let broken = isomm_store::ClosedRound {
        result: result.replace("\"A-1\"", "\"Z-9\""),
        ..close
    };
    app.state
        .store
        .start_next_round(other, &fields, &broken, false)
        .await
        .unwrap();
    let r = app.get(&format!("/assessments/{other}/result.csv")).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.body);
}

/// A GET with `If-None-Match: tag`.
async fn get_if_none_match(app: &TestApp, path: &str, tag: &str) -> Reply {
    app.send(
        axum::http::Request::get(path)
            .header(axum::http::header::IF_NONE_MATCH, tag)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
}

fn etag(r: &Reply) -> String {
    r.headers
        .get(axum::http::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .expect("an entity tag")
        .to_string()
}

#[tokio::test]
async fn comparisons_are_cached_and_tagged_by_both_rounds_revisions() {
    let app = spawn_app().await;
    let (first, _, _) = a_round(&app).await;
    let next = next_round_of(&app, first, "FY2027").await;
    let compare = format!("/assessments/{next}/compare/{first}");
    let paths = [
        compare.clone(),
        format!("{compare}?threshold=0.3"),
        format!("{compare}/comparison.json"),
        format!("{compare}/comparison.csv?threshold=0.3"),
        format!("{compare}/comparison.html"),
    ];
    let mut tags = Vec::new();
    for path in &paths {
        let one = app.get(path).await;
        assert_eq!(one.status, StatusCode::OK, "{path}");
        let tag = etag(&one);
        // Asked again: the same bytes, from the cache.
        let hits = app.state.cache.hits();
        let two = app.get(path).await;
        assert_eq!(two.body, one.body, "{path}");
        assert_eq!(etag(&two), tag, "{path}");
        assert_eq!(
            app.state.cache.hits(),
            hits + 1,
            "{path}: served from the cache"
        );
        // The browser has it: 304, nothing sent.
        let cached = get_if_none_match(&app, path, &tag).await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(cached.body.is_empty());
        tags.push(tag);
    }
    assert_ne!(tags[0], tags[1], "another threshold, another tag");
    // A new answer in the later round: a new revision, new tags, rendered again.
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    let sato = stored.respondents[0].id;
    let r = app
        .post(
            &format!("/assessments/{next}/respondents/{sato}/answers/A-2"),
            &[("in", "4")],
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    for (path, tag) in paths.iter().zip(&tags) {
        let again = get_if_none_match(&app, path, tag).await;
        assert_eq!(again.status, StatusCode::OK, "{path}: a new revision");
        assert_ne!(&etag(&again), tag, "{path}");
    }
    // Another browser's page has its own tag (the page carries its token).
    let (viewer, _) = app
        .log_in_new("viewer@example.jp", isomm_store::accounts::Access::Viewer)
        .await;
    let theirs = app.get_with(&compare, &viewer).await;
    assert_eq!(theirs.status, StatusCode::OK);
    let mine = app.get(&compare).await;
    assert_ne!(etag(&theirs), etag(&mine));
}

/// With `start = previous`, each person finds their own counted answers as drafts (前回値) beside
/// the roles: not answers (counted nowhere), and the sheet is submitted only when each one is
/// kept, changed or cleared — through the page's script or the plain form.
#[tokio::test]
async fn the_next_round_from_the_last_offers_each_person_their_own_answers_as_drafts() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    let (_, sato_link) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    let tanaka = app.add_respondent(id, "田中", "staff").await;
    let saved = app
        .post(
            &format!("/r/{sato_link}"),
            &[
                ("A-1.in", "3"),
                ("A-2.in", "2"),
                ("A-2.out", "4"),
                ("A-2.note", "手順書あり"),
                ("B-1.note", "委託先と相談中"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        app.post(&format!("/r/{sato_link}/submit"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // 田中 answered but never submitted: the round did not count the sheet, so it offers none.
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{tanaka}/answers/A-1"),
            &[("in", "5")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let started = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[
                ("start", "previous"),
                ("title", "FY2027"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    // 佐藤's message says the sheet shows last round's answers; 田中's (nothing counted) does not.
    let message = |who: &str| {
        let at = started.body.find(&format!("{who} さん")).unwrap();
        started.body[at..]
            .split("</textarea>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(
        message("佐藤").contains("「前回値」"),
        "{}",
        message("佐藤")
    );
    assert!(
        !message("田中").contains("「前回値」"),
        "{}",
        message("田中")
    );
    let link = link_token(&started.body);
    let next = app
        .state
        .store
        .list_assessments(Some(app.workspace), None, 10)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .max()
        .unwrap();
    let people = app
        .state
        .store
        .assessment(next)
        .await
        .unwrap()
        .unwrap()
        .respondents;
    let tanaka2 = people.iter().find(|r| r.name == "田中").unwrap().id;

    // 佐藤's sheet: three drafts beside their roles, none answered, the earlier note shown.
    let sheet = app.get(&format!("/r/{link}")).await.body;
    assert_eq!(
        sheet.matches("data-draft=\"pending\"").count(),
        3,
        "{sheet}"
    );
    assert!(sheet.contains("id=\"drafts-left\">3<"), "{sheet}");
    assert!(sheet.contains("id=\"answered\">0<"));
    assert!(sheet.contains("id=\"drafts-intro\"") && sheet.contains("手順書あり"));
    assert!(sheet.contains("href=\"#role-A-1\" id=\"next-draft\""));
    // The earlier level is marked, not chosen.
    assert!(sheet.contains("class=\"choice previous\""));
    // Never anyone else's: 田中's sheet has no drafts.
    let other = app
        .get(&format!("/assessments/{next}/respondents/{tanaka2}"))
        .await
        .body;
    assert!(!other.contains("data-draft="), "{other}");
    // Counted nowhere, not even with sheets in progress.
    let all: serde_json::Value = serde_json::from_str(
        &app.get(&format!("/assessments/{next}/result.json?sheets=all"))
            .await
            .body,
    )
    .unwrap();
    assert!(
        all["respondents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["answered"] == 0),
        "{all}"
    );
    assert!(
        all["roles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["notes"].as_array().unwrap().is_empty())
    );

    // Submitting is refused while drafts remain: the sheet says how many and where to go.
    let refused = app.post(&format!("/r/{link}/submit"), &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains("id=\"drafts-refused\""));
    assert!(
        refused.body.contains("まだ 3 件の前回値"),
        "{}",
        refused.body
    );

    // The offline sheet shows the drafts in columns of their own, and reads back only the
    // answer columns: uploaded as it came, nothing is answered and every draft is left.
    let sato2 = people.iter().find(|r| r.name == "佐藤").unwrap().id;
    let bytes = app
        .send_bytes(
            axum::http::Request::get(format!(
                "/assessments/{next}/respondents/{sato2}/sheet.xlsx"
            ))
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let answers = book.worksheet_range("回答").unwrap();
        let header: Vec<String> = (0..10)
            .map(|c| {
                answers
                    .get_value((0, c))
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            header[7..],
            [
                "前回値（インソース）",
                "前回値（アウトソース）",
                "前回値（備考）"
            ]
        );
        let a2 = (1..60)
            .find(|r| answers.get_value((*r, 1)).map(|d| d.to_string()) == Some("A-2".into()))
            .unwrap();
        let cell = |c: u32| {
            answers
                .get_value((a2, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            (cell(4), cell(5), cell(6)),
            (String::new(), String::new(), String::new())
        );
        assert_eq!(
            (cell(7), cell(8), cell(9)),
            ("2".into(), "4".into(), "手順書あり".into())
        );
    }
    let back = app
        .upload_at(
            &format!("/assessments/{next}/respondents/{sato2}/upload"),
            "sheet.xlsx",
            &bytes,
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    let sheet = app.get(&format!("/r/{link}")).await.body;
    assert!(sheet.contains("id=\"drafts-left\">3<") && sheet.contains("id=\"answered\">0<"));

    // Kept with one key (the page's script): the draft's levels and note become the answer.
    let kept = app
        .post(&format!("/r/{link}/answers/A-1"), &[("draft", "keep")])
        .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let json: serde_json::Value = serde_json::from_str(&kept.body).unwrap();
    assert_eq!(json["draft"], "kept");
    assert_eq!(json["answer"]["in"], "3");
    assert_eq!(
        (json["drafts_left"].as_i64(), json["answered"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(json["next_draft"], "A-2");
    // Changed: another level chosen.
    let changed = app
        .post(
            &format!("/r/{link}/answers/A-2"),
            &[("in", "4"), ("out", "4"), ("draft", "change")],
        )
        .await;
    let json: serde_json::Value = serde_json::from_str(&changed.body).unwrap();
    assert_eq!(
        (json["draft"].as_str(), json["drafts_left"].as_i64()),
        (Some("changed"), Some(1))
    );
    // Cleared through the page's script: the card and the count say so at once.
    let cleared = app
        .post(
            &format!("/r/{link}/answers/B-1"),
            &[("in", ""), ("out", ""), ("note", ""), ("draft", "clear")],
        )
        .await;
    let json: serde_json::Value = serde_json::from_str(&cleared.body).unwrap();
    assert_eq!(
        (json["draft"].as_str(), json["drafts_left"].as_i64()),
        (Some("cleared"), Some(0)),
        "{json}"
    );
    // Kept again without the script (the whole form with the draft's button)...
    let kept = app
        .post(
            &format!("/r/{link}"),
            &[
                ("A-1.in", "3"),
                ("A-2.in", "4"),
                ("A-2.out", "4"),
                ("keep", "B-1"),
            ],
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
    assert!(
        app.get(&format!("/r/{link}"))
            .await
            .body
            .contains("id=\"drafts-left\">0<")
    );
    // ...and cleared the same way; on to what is left.
    let cleared = app
        .post(
            &format!("/r/{link}"),
            &[
                ("A-1.in", "3"),
                ("A-2.in", "4"),
                ("A-2.out", "4"),
                ("clear", "B-1"),
            ],
        )
        .await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER, "{}", cleared.body);
    let sheet = app.get(&format!("/r/{link}")).await.body;
    assert!(sheet.contains("id=\"drafts-left\">0<"), "{sheet}");
    assert!(sheet.contains("data-draft=\"kept\"") && sheet.contains("data-draft=\"changed\""));
    assert!(sheet.contains("data-draft=\"cleared\""));
    // A draft's button for a role without a draft (a page older than the sheet) saves the card
    // as shown.
    let r = app
        .post(
            &format!("/r/{link}/answers/C-1"),
            &[("in", "2"), ("draft", "keep")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (json["answer"]["in"].as_str(), json["draft"].as_str()),
        (Some("2"), None)
    );
    let r = app
        .post(
            &format!("/r/{link}/answers/C-1"),
            &[("in", ""), ("draft", "change")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let submitted = app.post(&format!("/r/{link}/submit"), &[]).await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    let answers = &stored
        .respondents
        .iter()
        .find(|r| r.id == sato2)
        .unwrap()
        .answers;
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert_eq!(answers["A-1"].insource.map(|l| l.get()), Some(3));
    assert_eq!(
        answers["A-2"].note, None,
        "changed: the levels chosen, no note"
    );
    assert!(!answers.contains_key("B-1"), "cleared: unanswered");
}

/// An answers file becomes the next round of a series: the form's own box confirms that the round
/// is closed (a file cannot pass through the page that asks); a bad file is shown with its place
/// and nothing is written; a closed round takes none.
#[tokio::test]
async fn an_imported_file_becomes_the_next_round() {
    let app = spawn_app().await;
    let (id, _, _) = a_round(&app).await;
    let path = format!("/assessments/{id}/next-round/import");
    let cookie = format!("isomm_csrf={}; {}", app.token, app.session);
    let to = Upload {
        path: &path,
        cookie: &cookie,
        token: &app.token,
    };
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/one-person-csirt.toml"
    ))
    .unwrap();
    let closed = |app: &TestApp| {
        let store = app.state.store.clone();
        async move {
            store
                .round_state(id)
                .await
                .unwrap()
                .unwrap()
                .closed_at
                .is_some()
        }
    };
    // Without the box: asked to tick it, nothing written.
    let r = app.upload_to(to, "next.toml", &file, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"confirm-upload\""), "{}", r.body);
    assert!(!closed(&app).await);
    // A bad file: its place, on the round's page; nothing written.
    let r = app
        .upload_to(to, "next.toml", b"format = 7\n", &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"import-next-error\"") && r.body.contains("next.toml"));
    assert!(!closed(&app).await);

    let r = app
        .upload_to(to, "next.toml", &file, &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let next: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();
    assert!(closed(&app).await);
    let (a, b) = (
        app.state.store.round_state(id).await.unwrap().unwrap(),
        app.state.store.round_state(next).await.unwrap().unwrap(),
    );
    assert_eq!((b.series, b.started_from), (a.series, Some(id)));
    let stored = app.state.store.assessment(next).await.unwrap().unwrap();
    assert_eq!(stored.fields.workspace, Some(app.workspace));
    assert!(!stored.respondents.is_empty() && stored.respondents.iter().all(|r| r.submitted));
    assert!(app.state.store.closed_result(id).await.unwrap().is_some());
    // Compared with the round it follows.
    assert_eq!(
        app.get(&format!("/assessments/{next}/compare/{id}"))
            .await
            .status,
        StatusCode::OK
    );
    let csv = app.get("/audit.csv").await.body;
    assert!(csv.contains("start:file"), "{csv}");
    // The closed round takes no other.
    let r = app
        .upload_to(to, "next.toml", &file, &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}
