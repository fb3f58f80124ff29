//! Who may read which field, held to the letter (issue 19): a note planted in a sheet reaches the
//! owner and the assessor in every result they download, and never a viewer, in any format; a
//! member removed from a workspace sees nothing of it at the next request.

mod common;

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use calamine::{Reader, Xlsx, open_workbook_from_rs};
use common::{TestApp, spawn_app};
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
                        let expected = if *reads { &full_pdf } else { &results_pdf };
                        assert!(
                            body == *expected,
                            "{who} {path}: the PDF rendered for this reader"
                        );
                        *reads
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
