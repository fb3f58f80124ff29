//! Who may read which field, held to the letter (issue 19): a note planted in a sheet reaches the
//! owner and the assessor in every result they download, and never a viewer, in any format; a
//! member removed from a workspace sees nothing of it at the next request.

use std::io::Cursor;

use crate::common::{TestApp, spawn_app};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use isomm_core::Audience;
use isomm_report::{Format, ReportOptions, write_report};
use isomm_store::Counting;
use isomm_store::accounts::Access;

/// What the assessor wrote: a secret no viewer may read.
const NOTE: &str = "SIEM の管理者パスワードは付箋に貼ってある PLANTED-7f3a";
/// A part of it that survives any escaping and any layout.
const MARK: &str = "PLANTED-7f3a";

/// An assessment with one submitted sheet whose A-1 carries [`NOTE`].
async fn planted(app: &TestApp) -> i64 {
    let id = app.create("Privacy CSIRT").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
            &[("in", "3"), ("note", NOTE)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .post(&format!("/assessments/{id}/respondents/{rid}/submit"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    id
}

async fn bytes_as(app: &TestApp, session: &str, path: &str) -> (StatusCode, String, Vec<u8>) {
    let mut request = Request::get(path).body(Body::empty()).unwrap();
    request
        .headers_mut()
        .insert(header::COOKIE, session.parse().unwrap());
    let reply = {
        use tower::ServiceExt;
        app.router.clone().oneshot(request).await.unwrap()
    };
    let status = reply.status();
    let etag = reply
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = {
        use http_body_util::BodyExt;
        reply
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec()
    };
    (status, etag, body)
}

/// Every text of every cell of every sheet, and the sheets' names.
fn workbook_text(bytes: &[u8]) -> (Vec<String>, String) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook");
    let names = book.sheet_names().to_vec();
    let mut text = String::new();
    for name in &names {
        let range = book.worksheet_range(name).expect("a sheet");
        for cell in range.used_cells() {
            text.push_str(&cell.2.to_string());
            text.push('\n');
        }
    }
    (names, text)
}

/// The text of a PDF, as poppler's `pdftotext` reads it (`scripts/test` installs poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF; scripts/test installs it");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Text broken across lines comes back whole.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect()
}

/// The PDF isomm renders of the stored assessment (submitted sheets) for `audience`: the web's
/// download must be exactly these bytes.
async fn pdf_for(app: &TestApp, id: i64, audience: Audience) -> Vec<u8> {
    let stored = app.state.store.assessment(id).await.unwrap().unwrap();
    let catalog = app.state.catalog.clone();
    let assessment = stored.counting(&catalog, Counting::Submitted).unwrap();
    let options = ReportOptions {
        plan: stored.fields.plan,
        audience,
        ..ReportOptions::new(isomm_core::Lang::Ja)
    };
    let mut out = Vec::new();
    write_report(&mut out, Format::Pdf, &catalog, &assessment, options).unwrap();
    out
}

#[tokio::test]
async fn a_note_reaches_owners_and_assessors_in_every_format_and_viewers_in_none() {
    let app = spawn_app().await;
    let id = planted(&app).await;
    let (assessor, _) = app
        .log_in_new("assessor@example.jp", Access::Assessor)
        .await;
    let (viewer, _) = app.log_in_new("viewer@example.jp", Access::Viewer).await;
    let readers = [
        ("owner", app.session.clone(), true),
        ("assessor", assessor, true),
        ("viewer", viewer, false),
    ];
    let full_pdf = pdf_for(&app, id, Audience::Everything).await;
    let results_pdf = pdf_for(&app, id, Audience::Results).await;
    assert_ne!(full_pdf, results_pdf, "the note is in the full PDF");
    let mut tags = Vec::new();
    for (who, session, reads) in &readers {
        for query in ["", "?sheets=all"] {
            for file in [
                "results",
                "report.html",
                "result.json",
                "result.csv",
                "report.xlsx",
                "report.pdf",
            ] {
                let path = format!("/assessments/{id}/{file}{query}");
                let (status, etag, body) = bytes_as(&app, session, &path).await;
                assert_eq!(status, StatusCode::OK, "{who} {path}");
                tags.push((who.to_string(), path.clone(), etag));
                let shows = match file {
                    "report.xlsx" => {
                        let (sheets, text) = workbook_text(&body);
                        let answers_sheet = sheets.iter().any(|s| s == "回答" || s == "Answers");
                        assert_eq!(
                            answers_sheet, *reads,
                            "{who} {path}: the answers sheet only for readers of every answer: {sheets:?}"
                        );
                        text.contains(MARK)
                    }
                    "report.pdf" => {
                        // The very PDF rendered for this reader, whose text
                        // `the_full_pdf_has_the_note_and_the_results_pdf_has_not` reads.
                        let expected = if *reads { &full_pdf } else { &results_pdf };
                        assert!(
                            body == *expected,
                            "{who} {path}: the PDF rendered for this reader"
                        );
                        body == full_pdf
                    }
                    _ => String::from_utf8_lossy(&body).contains(MARK),
                };
                // The roles' CSV has no notes for anyone (one row per role, numbers only).
                let expected = *reads && file != "result.csv";
                assert_eq!(shows, expected, "{who} {path}: the note shown = {shows}");
            }
        }
        // A viewer gets no link to every answer and no answers.csv.
        let page = bytes_as(&app, session, &format!("/assessments/{id}/results")).await;
        let links_answers =
            String::from_utf8_lossy(&page.2).contains(&format!("/assessments/{id}/answers.csv"));
        assert_eq!(links_answers, *reads, "{who}: the answers.csv button");
        let csv = bytes_as(&app, session, &format!("/assessments/{id}/answers.csv")).await;
        if *reads {
            assert_eq!(csv.0, StatusCode::OK);
            assert!(String::from_utf8_lossy(&csv.2).contains(MARK));
        } else {
            assert_eq!(csv.0, StatusCode::FORBIDDEN, "{who}: answers.csv");
            assert!(!String::from_utf8_lossy(&csv.2).contains(MARK));
        }
    }
    // The reader is part of the entity tag: a viewer's browser can never be told that an
    // assessor's copy is current (and the other way round).
    for (who, path, tag) in tags.iter().filter(|(w, _, _)| w == "viewer") {
        let owner_tag = &tags
            .iter()
            .find(|(w, p, _)| w == "owner" && p == path)
            .unwrap()
            .2;
        assert_ne!(tag, owner_tag, "{who} {path}");
        let request = Request::get(path.as_str())
            .header(header::IF_NONE_MATCH, owner_tag.as_str())
            .header(header::COOKIE, readers[2].1.as_str())
            .body(Body::empty())
            .unwrap();
        let r = app.send_as("", request).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{path}: not 304 with the owner's tag"
        );
        assert!(!r.body.contains(MARK));
    }
}

#[tokio::test]
#[ignore = "needs poppler-utils (pdftotext); ./scripts/test installs it"]
async fn the_full_pdf_has_the_note_and_the_results_pdf_has_not() {
    let app = spawn_app().await;
    let id = planted(&app).await;
    let full = pdf_text(&pdf_for(&app, id, Audience::Everything).await);
    let results = pdf_text(&pdf_for(&app, id, Audience::Results).await);
    assert!(
        full.contains(MARK),
        "the note is in the PDF of those who read answers"
    );
    assert!(!results.contains(MARK), "and not in a viewer's");
    assert!(
        results.contains("CSIRT"),
        "the viewer's PDF is read as text: {results}"
    );
}

#[tokio::test]
async fn a_removed_member_sees_nothing_of_the_workspace_at_the_next_request() {
    let app = spawn_app().await;
    let id = planted(&app).await;
    let (viewer, _) = app.log_in_new("viewer@example.jp", Access::Viewer).await;
    let home = app
        .send_as(&viewer, Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert!(
        home.body.contains("Privacy CSIRT"),
        "a member sees the list: {}",
        home.body
    );

    let (user, _) = app
        .state
        .store
        .credentials(&isomm_store::accounts::Email::parse("viewer@example.jp").unwrap())
        .await
        .unwrap()
        .unwrap();
    let user = user.id;
    let r = app.post(&format!("/members/{user}/remove"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // An assessment made after the removal is not seen either.
    app.create("Made After Removal").await;

    let home = app
        .send_as(&viewer, Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert_eq!(home.status, StatusCode::OK);
    for hidden in ["Privacy CSIRT", "Made After Removal", "FY2026"] {
        assert!(
            !home.body.contains(hidden),
            "{hidden} on the home page: {}",
            home.body
        );
    }
    for file in [
        "results",
        "report.html",
        "report.pdf",
        "report.xlsx",
        "result.json",
        "result.csv",
        "answers.csv",
    ] {
        let (status, _, body) = bytes_as(&app, &viewer, &format!("/assessments/{id}/{file}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{file}");
        assert!(
            !String::from_utf8_lossy(&body).contains("Privacy CSIRT"),
            "{file}"
        );
    }
    for page in ["/members", "/audit", "/assessments/new"] {
        let r = app
            .send_as(&viewer, Request::get(page).body(Body::empty()).unwrap())
            .await;
        assert!(!r.body.contains("Privacy CSIRT"), "{page}");
        assert_ne!(r.status, StatusCode::OK, "{page}: {}", r.body);
    }
}

#[tokio::test]
async fn an_import_refuses_what_the_new_assessment_form_refuses() {
    let app = spawn_app().await;
    let csv = "respondent,position,role,insource,outsource,note\n佐藤,staff,A-1,3,,\n";
    // A CSV without an organisation: the form's message, at the form's field; nothing stored.
    let r = app
        .upload(
            "answers.csv",
            csv.as_bytes(),
            &[
                ("organization", ""),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("組織名: 組織名を入力してください"),
        "{}",
        r.body
    );
    // The page says which fields a CSV takes from the form.
    assert!(r.body.contains("id=\"csv-fields-help\""), "{}", r.body);
    // Names with a direction override or a control character, in every format.
    let toml = "format = \"isomm-answers/1\"\norganization = \"ACME\u{202E}gpj.exe\"\ntitle = \"T\"\n\
                current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n\n[[respondents]]\n\
                name = \"佐藤\"\nposition = \"staff\"\n[respondents.answers]\n\"A-1\" = { insource = 3 }\n";
    let r = app.upload("answers.toml", toml.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("U+202E"), "{}", r.body);
    let csv = "respondent,position,role,insource,outsource,note\n\"佐\u{7}藤\",staff,A-1,3,,\n";
    let r = app
        .upload(
            "answers.csv",
            csv.as_bytes(),
            &[
                ("organization", "ACME"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("U+0007"), "{}", r.body);
    let home = app.get("/").await;
    assert!(
        home.body.contains("まだ評価はありません"),
        "nothing stored: {}",
        home.body
    );

    // The forms refuse the same names.
    let r = app
        .post(
            "/assessments",
            &[
                ("organization", "ACME\u{2066}CSIRT"),
                ("title", "FY2026"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("制御文字"), "{}", r.body);
    let id = app.create("Names CSIRT").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "佐藤\u{202E}"), ("position", "staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("制御文字"), "{}", r.body);
}

#[tokio::test]
async fn every_download_that_carries_answers_is_in_the_audit_log() {
    let app = spawn_app().await;
    let id = planted(&app).await;
    let r = app.get(&format!("/assessments/{id}/result.json")).await;
    assert_eq!(r.status, StatusCode::OK);
    // A second request with the tag sends nothing: 304, no line.
    let tag = r.headers[header::ETAG].to_str().unwrap().to_string();
    let again = app
        .send(
            Request::get(format!("/assessments/{id}/result.json"))
                .header(header::IF_NONE_MATCH, tag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let log = app.get("/audit.csv").await.body;
    assert_eq!(
        log.matches("export.json").count(),
        1,
        "one line for the one download: {log}"
    );
}

#[tokio::test]
async fn an_owner_adding_an_address_learns_nothing_and_the_account_joins_only_by_accepting() {
    let app = spawn_app().await;
    let store = &app.state.store;
    let existing = isomm_store::accounts::Email::parse("kimura@example.jp").unwrap();
    let isomm_store::accounts::UserAdded::User(user) = store
        .add_user(&existing, "木村", crate::common::test_hash(), false)
        .await
        .unwrap()
    else {
        panic!("a new account")
    };
    // The same answer whether the address has an account or not.
    let with = app
        .post(
            "/members",
            &[("email", "kimura@example.jp"), ("access", "viewer")],
        )
        .await;
    let without = app
        .post(
            "/members",
            &[("email", "nobody@example.jp"), ("access", "viewer")],
        )
        .await;
    assert_eq!(with.status, StatusCode::CREATED, "{}", with.body);
    assert_eq!(with.status, without.status);
    let blank = |page: &str, email: &str| {
        let link = crate::common::invitation_link(page);
        page.replace(&link, "/invite/T").replace(email, "E")
    };
    assert_eq!(
        blank(&with.body, "kimura@example.jp"),
        blank(&without.body, "nobody@example.jp"),
        "the pages differ only in the address and the link"
    );
    // Not a member until they accept.
    assert_eq!(store.access(app.workspace, user).await.unwrap(), None);
    let link = crate::common::invitation_link(&with.body);

    // Without logging in, the address's account cannot be made twice: log in first.
    let anonymous = app.issued();
    let page = app
        .send_as(
            "",
            Request::get(link.as_str())
                .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.body.contains(&format!("/login?next={link}")),
        "{}",
        page.body
    );
    let body = crate::common::encode(&[
        ("csrf", &anonymous),
        ("name", "誰か"),
        ("password", "a long and unusual passphrase 7431"),
    ]);
    let r = app
        .send_as(
            "",
            Request::post(link.as_str())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("ログイン"), "{}", r.body);
    assert_eq!(store.access(app.workspace, user).await.unwrap(), None);

    // Someone else logged in is told to log out.
    let (other, _) = app.log_in_new("other@example.jp", Access::Assessor).await;
    let page = app
        .send_as(
            &other,
            Request::get(link.as_str()).body(Body::empty()).unwrap(),
        )
        .await;
    assert!(
        page.body.contains("id=\"invitation-other\""),
        "{}",
        page.body
    );

    // The account logs in and accepts: a member with the invited access, in that workspace.
    let (session, token) = app
        .log_in("kimura@example.jp", crate::common::TEST_PASSWORD)
        .await;
    let page = app
        .send_as(
            &session,
            Request::get(link.as_str()).body(Body::empty()).unwrap(),
        )
        .await;
    assert!(page.body.contains("invitation-form"), "{}", page.body);
    let r = app
        .send_as(
            &session,
            Request::post(link.as_str())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("isomm_csrf={token}"))
                .body(Body::from(crate::common::encode(&[("csrf", &token)])))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        store.access(app.workspace, user).await.unwrap(),
        Some(Access::Viewer)
    );
    // The link worked once.
    let again = app
        .send_as(
            &session,
            Request::get(link.as_str()).body(Body::empty()).unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    // Adding a member again says so, at the list.
    let r = app
        .post(
            "/members",
            &[("email", "kimura@example.jp"), ("access", "owner")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

/// Issue 19: one link could write as fast as the disk took it. Writes through a link are now
/// limited to a burst of 30 and 5 a second: past that, 429 with the seconds to wait (the sheet's
/// script waits and sends again), and nothing written; reading the sheet is not limited.
#[tokio::test]
async fn writes_through_one_link_are_rate_limited() {
    let app = spawn_app().await;
    let id = app.create("Throttled SOC").await;
    let (_, token) = app.add_respondent_with_link(id, "佐藤", "staff").await;
    let (_, other) = app.add_respondent_with_link(id, "鈴木", "staff").await;
    let anonymous = app.issued();
    let save = |token: String, level: usize| {
        let app = &app;
        let anonymous = anonymous.clone();
        async move {
            let request = Request::post(format!("/r/{token}/answers/A-1"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
                .body(Body::from(format!(
                    "csrf={anonymous}&in={}&note=n{level}",
                    level % 6
                )))
                .unwrap();
            app.send_as("", request).await
        }
    };
    let mut refused = None;
    for i in 0..40 {
        let r = save(token.clone(), i).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            let wait: u64 = r.headers[header::RETRY_AFTER]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=2).contains(&wait), "{wait}");
            refused = Some(i);
            break;
        }
        assert_eq!(r.status, StatusCode::OK, "save {i}: {}", r.body);
    }
    // A burst of 30 (and what the rate gave back while they were sent), then refused.
    let refused = refused.expect("refused within 40 saves");
    assert!(
        (isomm_web::base::throttle::BURST as usize..40).contains(&refused),
        "refused at save {refused}"
    );
    // The refused save was not written.
    let log = app.get("/audit.csv").await.body;
    assert!(log.contains(&format!("note:n{}", refused - 1)), "{log}");
    assert!(!log.contains(&format!("note:n{refused}")), "{log}");
    // Another link has its own allowance; reading the sheet is not limited.
    assert_eq!(save(other, 1).await.status, StatusCode::OK);
    let sheet = app
        .send_as(
            "",
            Request::get(format!("/r/{token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    // A moment later the link writes again: the rate gives back a write within a second.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    let mut attempt = 50;
    loop {
        let r = save(token.clone(), attempt).await;
        if r.status == StatusCode::OK {
            break;
        }
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        assert!(
            std::time::Instant::now() < deadline,
            "still refused after 3 s"
        );
        attempt += 1;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The function maturities of the combined results' table, as shown (a dash is `None`).
fn shared_maturities(page: &str) -> Vec<Option<f64>> {
    let table = page
        .split("<tbody>")
        .nth(1)
        .and_then(|t| t.split("</tbody>").next())
        .expect("the table of functions");
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .nth(1)
                .and_then(|c| c.split("</td>").next())
                .and_then(|v| v.parse().ok())
        })
        .collect()
}

/// A respondent through a link: adds, answers every role of function `A`–`I` at `level`, submits.
async fn respondent_answering(app: &TestApp, id: i64, name: &str, level: u8) -> (i64, String) {
    let (rid, token) = app.add_respondent_with_link(id, name, "staff").await;
    answer_all(app, id, rid, level).await;
    (rid, token)
}

async fn answer_all(app: &TestApp, id: i64, rid: i64, level: u8) {
    let roles: Vec<String> = app
        .state
        .catalog
        .roles()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let level = level.to_string();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for role in &roles {
        pairs.push((format!("{role}.in"), level.clone()));
    }
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app
        .post(&format!("/assessments/{id}/respondents/{rid}"), &pairs)
        .await;
    assert!(
        r.status.is_redirection() || r.status.is_success(),
        "{}",
        r.body
    );
}

/// Issue 19: read before and after a fourth sheet arrives, `4·after − 3·before` gave the
/// newcomer's function means within ±0.01; a reopened and resubmitted sheet's change came out
/// likewise. The view is now a snapshot: neither probe recovers anyone's means within 0.05.
#[tokio::test]
async fn the_combined_results_cannot_be_differenced() {
    let app = spawn_app().await;
    let id = app.create("Snapshot SOC").await;
    let mut sheets = Vec::new();
    for (name, level) in [("佐藤", 1), ("鈴木", 2), ("高橋", 2)] {
        sheets.push(respondent_answering(&app, id, name, level).await);
    }
    for (rid, _) in &sheets {
        let r = app
            .post(&format!("/assessments/{id}/respondents/{rid}/submit"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    app.post(&format!("/assessments/{id}/share"), &[("share", "1")])
        .await;
    let viewer = sheets[0].1.clone();
    let read = || async {
        app.send_as(
            "",
            Request::get(format!("/r/{viewer}/results"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    };
    let before = read().await;
    assert!(
        before.body.contains("data-counted=\"3\""),
        "{}",
        before.body
    );
    let before = shared_maturities(&before.body);
    assert_eq!(before.len(), 9);

    // A fourth sheet, all 5s: the view hides while it is open, then shows the same snapshot.
    let (late, _) = respondent_answering(&app, id, "田中", 5).await;
    let hidden = read().await;
    assert!(
        hidden.body.contains("id=\"shared-waiting\""),
        "{}",
        hidden.body
    );
    app.post(&format!("/assessments/{id}/respondents/{late}/submit"), &[])
        .await;
    let after = shared_maturities(&read().await.body);
    for (f, (b, a)) in before.iter().zip(&after).enumerate() {
        let (b, a) = (b.unwrap(), a.unwrap());
        let probe = 4.0 * a - 3.0 * b;
        assert!(
            (probe - 5.0).abs() > 0.05,
            "function {f}: the newcomer's mean 5.0 recovered as {probe}"
        );
    }

    // A sheet reopened, changed to all 5s and submitted again: hidden meanwhile, then the view
    // has not moved.
    let (first, _) = sheets[0];
    app.post(
        &format!("/assessments/{id}/respondents/{first}/reopen"),
        &[("confirm", "yes")],
    )
    .await;
    assert!(
        read().await.status == StatusCode::NOT_FOUND || {
            let p = read().await;
            p.body.contains("id=\"shared-waiting\"")
        }
    );
    answer_all(&app, id, first, 5).await;
    app.post(
        &format!("/assessments/{id}/respondents/{first}/submit"),
        &[],
    )
    .await;
    let again = shared_maturities(&read().await.body);
    assert_eq!(
        again, after,
        "a changed sheet reaches the view only with a replacement"
    );

    // Three more sheets than the snapshot counts: replaced (the difference is a mix of three or
    // more people).
    for (name, level) in [("伊藤", 3), ("渡辺", 3), ("山本", 3)] {
        let (rid, _) = respondent_answering(&app, id, name, level).await;
        app.post(&format!("/assessments/{id}/respondents/{rid}/submit"), &[])
            .await;
    }
    let page = read().await.body;
    assert!(page.contains("data-counted=\"7\""), "{page}");
    assert_ne!(shared_maturities(&page), after);
    // The chart carries the numbers of the table, no more: every value the SVG labels has one
    // decimal at most.
    let svg = page
        .split("<svg")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    for text in svg.split("<title>").skip(1) {
        let text = text.split("</title>").next().unwrap();
        for word in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, decimals)) = word.split_once('.') {
                assert!(decimals.len() <= 1, "{text}");
            }
        }
    }
}
