//! Running a check with a team (issue 22): a deadline in the workspace's time zone on the sheet,
//! the assessment page and the home page, who is late after it, and the time zone owners set,
//! in which the audit log shows its times.

use axum::http::StatusCode;
use isomm_core::zone::Zone;

use crate::common::*;

/// The assessment's edit form with `deadline` (the other fields as `create` gave them).
async fn set_deadline(app: &TestApp, id: i64, deadline: &str) -> Reply {
    app.post(
        &format!("/assessments/{id}/edit"),
        &[
            ("organization", "Deadline SOC"),
            ("title", "FY2026"),
            ("current_pattern", "hybrid"),
            ("target_pattern", "minimum-outsource"),
            ("target_level", "4"),
            ("deadline", deadline),
        ],
    )
    .await
}

/// The day `days` from today in `zone`.
fn day(zone: &Zone, days: i64) -> String {
    zone.today(isomm_store::now() + days * 86_400)
}

#[tokio::test]
async fn a_deadline_is_on_every_sheet_and_after_it_the_late_are_listed() {
    let app = spawn_app().await;
    let id = app.create("Deadline SOC").await;
    let (done, _) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    let (_, late_link) = app.add_respondent_with_link(id, "鈴木", "staff").await;
    let r = app
        .post(&format!("/assessments/{id}/respondents/{done}/submit"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let tokyo = Zone::default();

    // Not a date: the form says so, and nothing changes.
    let r = set_deadline(&app, id, "2026-02-30").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("回答期限は YYYY-MM-DD"), "{}", r.body);
    assert!(r.body.contains("Asia/Tokyo"), "the form names the zone");

    // Ten days ahead: the sheet and the assessment page say by when; nobody is late.
    let ahead = day(&tokyo, 10);
    assert_eq!(
        set_deadline(&app, id, &ahead).await.status,
        StatusCode::SEE_OTHER
    );
    let sheet = app.get(&format!("/r/{late_link}")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    let by = format!("{ahead} まで（Asia/Tokyo）");
    assert!(
        sheet.body.contains("id=\"deadline\"") && sheet.body.contains(&by),
        "{}",
        sheet.body
    );
    assert!(sheet.body.contains("あと 10 日"), "{}", sheet.body);
    // Before the notice of who sees the answers, at the top.
    assert!(sheet.body.find(&by) < sheet.body.find("id=\"who-sees\""));
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(
        page.contains(&by) && !page.contains("id=\"late\""),
        "{page}"
    );
    let home = app.get("/").await.body;
    assert!(!home.contains("期限切れ"), "{home}");
    assert!(home.contains("1 / 2"), "submitted of respondents: {home}");
    assert!(home.contains("提出済みのシートだけから計算"), "{home}");

    // Yesterday: passed; the late respondent is listed, the one who submitted is not.
    let past = day(&tokyo, -1);
    assert_eq!(
        set_deadline(&app, id, &past).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get(&format!("/assessments/{id}")).await.body;
    let late = page
        .split("id=\"late\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("a list of who is late");
    assert!(late.contains("鈴木") && !late.contains("佐藤"), "{late}");
    assert!(page.contains("期限を過ぎました"), "{page}");
    let home = app.get("/").await.body;
    assert!(home.contains("期限切れ・未提出 1 人"), "{home}");
    let sheet = app.get(&format!("/r/{late_link}")).await.body;
    assert!(sheet.contains("期限を過ぎました"), "{sheet}");

    // The edit is audited with the deadline.
    let log = app.get("/audit.csv").await.body;
    assert!(log.contains(&format!("deadline:{past}")), "{log}");

    // Cleared: no deadline anywhere.
    assert_eq!(
        set_deadline(&app, id, "").await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(!page.contains("id=\"deadline\"") && !page.contains("id=\"late\""));
}

/// A day is a day where the team is: the deadline passes at midnight of the workspace's zone,
/// which an owner sets; the audit log's times follow it, and the CSV gives both clocks.
#[tokio::test]
async fn the_workspace_time_zone_places_deadlines_and_the_audit_logs_times() {
    let app = spawn_app().await;
    let members = app.get("/members").await.body;
    assert!(
        members.contains("id=\"time_zone\"") && members.contains("value=\"Asia/Tokyo\""),
        "Tokyo until an owner chooses: {members}"
    );
    // Not a zone: refused with the field's message, nothing saved.
    let r = app
        .post("/workspace/time-zone", &[("time_zone", "Mars/Olympus")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("このタイムゾーンは見つかりません"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"Mars/Olympus\""), "shown as typed");
    let r = app
        .post(
            "/workspace/time-zone",
            &[("time_zone", "Pacific/Kiritimati")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        app.get("/members")
            .await
            .body
            .contains("value=\"Pacific/Kiritimati\"")
    );
    // Kiritimati is UTC+14: its today is often tomorrow in Tokyo and in UTC.
    let kiritimati = Zone::parse("Pacific/Kiritimati").unwrap();
    let id = app.create("Zone SOC").await;
    app.add_respondent(id, "田中", "staff").await;
    let ahead = day(&kiritimati, 0);
    assert_eq!(
        set_deadline(&app, id, &ahead).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(
        page.contains(&format!("{ahead} まで（Pacific/Kiritimati）")) && page.contains("今日まで"),
        "today in the workspace's zone: {page}"
    );

    // The audit log: the zone named, times in it; the CSV in UTC and in the zone, with offsets.
    let audit = app.get("/audit").await.body;
    assert!(audit.contains("Pacific/Kiritimati"), "{audit}");
    assert!(
        audit.contains("+14"),
        "the zone's abbreviation or offset: {audit}"
    );
    let csv = app.get("/audit.csv").await.body;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}time_utc,actor,client,action,subject,old_value,new_value,time_local,actor_name"
    );
    let change = csv
        .lines()
        .find(|l| l.contains("workspace.time_zone"))
        .expect("the change is audited");
    assert!(
        change.contains("\"Asia/Tokyo\",\"Pacific/Kiritimati\""),
        "old and new zone: {change}"
    );
    assert!(
        change.starts_with('"') && change.contains("+00:00\""),
        "{change}"
    );
    assert!(
        change.ends_with("+14:00\",\"owner@example.jp <owner@example.jp>\""),
        "{change}"
    );
}

/// A new link comes with a message to send, in the assessor's language with the other beside it:
/// who asks, the deadline, how long, who sees the answers, the link; a new link for someone
/// already there is shown the same way.
#[tokio::test]
async fn each_new_link_comes_with_a_message_to_send() {
    let app = spawn_app().await;
    let id = app.create("Deadline SOC").await;
    let ahead = day(&Zone::default(), 7);
    assert_eq!(
        set_deadline(&app, id, &ahead).await.status,
        StatusCode::SEE_OTHER
    );
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "鈴木"), ("position", "staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let link = format!("/r/{}", link_token(&r.body));
    let message = r
        .body
        .split("id=\"message-0\"")
        .nth(1)
        .and_then(|m| m.split("</textarea>").next())
        .expect("a message beside the link");
    for part in [
        "鈴木 さん",
        "Deadline SOC",
        "FY2026",
        "約 30〜60 分",
        &format!("回答期限: {ahead} の終わりまで（Asia/Tokyo）"),
        "owner@example.jp をはじめ評価の担当者が、あなたの名前とともに見ます",
        link.as_str(),
    ] {
        assert!(message.contains(part), "{part:?} in {message}");
    }
    let english = r
        .body
        .split("id=\"message-0-other\"")
        .nth(1)
        .and_then(|m| m.split("</textarea>").next())
        .expect("the other language's message");
    assert!(
        english.contains("Hello 鈴木,")
            && english.contains(&format!(
                "Please submit by the end of {ahead} (Asia/Tokyo)."
            ))
            && english.contains(&link),
        "{english}"
    );
    assert!(r.body.contains("isomm はメールを送りません"));
    // One person: no "everyone's messages".
    assert!(!r.body.contains("id=\"all\""));

    // A new link for the same person: its own message, with the new link.
    let page = app.get(&format!("/assessments/{id}")).await.body;
    let rid: i64 = page
        .split(&format!("/assessments/{id}/respondents/"))
        .nth(1)
        .and_then(|rest| rest.split(['"', '/']).next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/link"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let fresh = format!("/r/{}", link_token(&r.body));
    assert_ne!(fresh, link);
    assert!(
        r.body.contains("鈴木 さん") && r.body.matches(&fresh).count() == 3,
        "the field and both messages carry the new link: {}",
        r.body
    );
}

/// Revoking a link, making a new one and reopening a sheet each ask first, in a page that works
/// without JavaScript; a dead link explains itself in the respondent's language; an assessor cannot
/// change a submitted sheet without reopening it (confirmed, audited).
#[tokio::test]
async fn no_single_click_loses_a_link_or_a_submitted_answer() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = spawn_app().await;
    let id = app.create("Careful SOC").await;
    let (rid, token) = app.add_respondent_with_link(id, "鈴木", "staff").await;
    let sheet = format!("/r/{token}");
    let base = format!("/assessments/{id}/respondents/{rid}");

    // Each asks first; nothing happens until the same form says `confirm=yes`.
    for (action, heading, button) in [
        (
            "link/revoke",
            "鈴木 さんのリンクを無効にしますか？",
            "リンクを無効にする",
        ),
        (
            "link",
            "鈴木 さんに新しいリンクを発行しますか？",
            "新しいリンクを発行する",
        ),
        (
            "delete",
            "鈴木 さんを回答者から外しますか？",
            "回答者から外す",
        ),
    ] {
        let r = app.post(&format!("{base}/{action}"), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.body);
        assert!(
            r.body.contains(heading)
                && r.body.contains(button)
                && r.body.contains(&format!("action=\"{base}/{action}\""))
                && r.body.contains("name=\"confirm\" value=\"yes\"")
                && r.body
                    .contains(&format!("href=\"/assessments/{id}\" id=\"confirm-cancel\"")),
            "{action}: {}",
            r.body
        );
        assert_eq!(
            app.get(&sheet).await.status,
            StatusCode::OK,
            "{action}: the link still works"
        );
    }
    let r = app.post(&format!("/assessments/{id}/delete"), &[]).await;
    assert!(
        r.body.contains("「Careful SOC」の評価を削除しますか？"),
        "{}",
        r.body
    );
    assert_eq!(
        app.get(&format!("/assessments/{id}")).await.status,
        StatusCode::OK
    );

    // The respondent submits; the assessor's sheet says so, by whom and when, and refuses changes.
    let r = app.post(&format!("{sheet}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().ends_with("?submitted=1"), "{}", r.location());
    let page = app.get(&base).await.body;
    assert!(
        page.contains("提出済み: ") && page.contains("回答者本人が提出") && page.contains(" JST"),
        "{page}"
    );
    assert!(page.contains("class=\"sheet-lock\" disabled"), "{page}");
    assert!(
        page.contains(&format!("action=\"{base}/reopen\"")),
        "{page}"
    );
    let r = app
        .post(&format!("{base}/answers/A-1"), &[("in", "3")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("提出前に戻す"), "{}", r.body);
    let r = app.post(&base, &[("A-1.in", "3")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("提出済みのシートです"),
        "headed in words: {}",
        r.body
    );
    // Reopening asks too; confirmed, the sheet opens and is audited.
    let r = app.post(&format!("{base}/reopen"), &[]).await;
    assert!(
        r.body.contains("鈴木 さんのシートを提出前に戻しますか？"),
        "{}",
        r.body
    );
    assert!(
        app.get(&base)
            .await
            .body
            .contains("class=\"sheet-lock\" disabled")
    );
    let r = app
        .post(&format!("{base}/reopen"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .post(&format!("{base}/answers/A-1"), &[("in", "3")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Marked submitted by an assessor: named.
    assert_eq!(
        app.post(&format!("{base}/submit"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(app.get(&base).await.body.contains("owner@example.jp"));

    // Revoked (confirmed): the link's page is headed in words, in the browser's language.
    let r = app
        .post(&format!("{base}/link/revoke"), &[("confirm", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for (accept, heading, ask) in [
        (
            "en-US,en;q=0.9",
            "This link does not work",
            "Ask the person running the assessment for a new link",
        ),
        (
            "ja,en;q=0.5",
            "このリンクは使えません",
            "評価の担当者に新しいリンクを依頼してください",
        ),
    ] {
        let request = Request::get(&sheet)
            .header(header::ACCEPT_LANGUAGE, accept)
            .body(Body::empty())
            .unwrap();
        let r = app.send_as("", request).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(
            r.body.contains(&format!(">{heading}</span></h1>"))
                && r.body.contains(ask)
                && !r.body.contains("<h1>404"),
            "{accept}: {}",
            r.body
        );
    }
    let log = app.get("/audit.csv").await.body;
    for action in ["sheet.reopen", "link.revoke", "sheet.submit"] {
        assert!(log.contains(action), "{action}: {log}");
    }
}

/// The audit log names people as a manager knows them and finds them by name, e-mail or the
/// action's words.
#[tokio::test]
async fn the_audit_log_finds_a_person_by_name() {
    let app = spawn_app().await;
    let id = app.create("Named SOC").await;
    let (_, suzuki) = app.add_respondent_with_link(id, "鈴木 一郎", "staff").await;
    app.add_respondent_with_link(id, "高橋", "leader").await;
    let r = app
        .post(&format!("/r/{suzuki}/answers/A-1"), &[("in", "2")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        app.post(&format!("/r/{suzuki}/submit"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let rows = |page: &str| -> Vec<String> {
        page.split("<tbody>")
            .nth(1)
            .unwrap_or_default()
            .split("<tr>")
            .skip(1)
            .map(str::to_string)
            .collect()
    };
    // By part of a respondent's name: their link's lines, named.
    let page = app.get("/audit?actor=%E9%88%B4%E6%9C%A8").await.body;
    let found = rows(&page);
    assert_eq!(found.len(), 2, "the answer and the submission: {page}");
    assert!(
        found.iter().all(|r| r.contains("鈴木 一郎 (担当者)")),
        "the position in the reader's words: {page}"
    );
    // By e-mail: the owner's lines, with name and address.
    let page = app.get("/audit?actor=OWNER%40example").await.body;
    let found = rows(&page);
    assert!(found.len() >= 4, "{page}");
    assert!(
        found
            .iter()
            .all(|r| r.contains("owner@example.jp &#60;owner@example.jp&#62;")),
        "{page}"
    );
    // By action, chosen by its words.
    let page = app.get("/audit").await.body;
    assert!(
        page.contains("<option value=\"sheet.submit\">"),
        "actions offered by name: {page}"
    );
    let page = app.get("/audit?action=sheet.submit").await.body;
    let found = rows(&page);
    assert_eq!(found.len(), 1, "{page}");
    assert!(found[0].contains("鈴木 一郎 (担当者)"));
    // The CSV keeps the position's code, the same in every language.
    let csv = app.get("/audit.csv?action=sheet.submit").await.body;
    assert!(csv.contains("\"鈴木 一郎 (staff)\""), "{csv}");
    // Nobody of that name: nothing.
    let page = app.get("/audit?actor=%E4%BD%90%E8%97%A4").await.body;
    assert!(rows(&page).is_empty(), "{page}");
}

#[tokio::test]
async fn a_passed_deadline_with_nobody_to_answer_lists_nobody_as_done() {
    let app = spawn_app().await;
    let id = app.create("Deadline SOC").await;
    let past = day(&Zone::default(), -3);
    assert_eq!(
        set_deadline(&app, id, &past).await.status,
        StatusCode::SEE_OTHER
    );
    // No respondent yet: the deadline is shown, and nobody is said to have submitted.
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(page.contains("id=\"deadline\""), "{page}");
    assert!(
        !page.contains("id=\"late\"") && !page.contains("全員が提出しました"),
        "{page}"
    );
}
