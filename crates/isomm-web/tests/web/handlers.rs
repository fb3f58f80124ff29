//! Every route and its error paths, through `app(state).oneshot(...)` on a temp SQLite file.

use crate::common::{encode, spawn_anonymous, spawn_app};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use isomm_core::Catalog;
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_store::accounts::Access;

const EXAMPLE: &str = include_str!("../../../../examples/hybrid-soc-mssp.toml");

#[tokio::test]
async fn health_static_files_and_unknown_paths() {
    let app = spawn_app().await;
    let r = app.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
    for (path, kind) in [
        ("/static/app.js", "javascript"),
        ("/static/app.css", "css"),
        ("/static/report.css", "css"),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains(kind)
        );
    }
    assert_eq!(app.get("/no/such/page").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/assessments/999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/assessments/abc").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/assessments/999/results").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/assessments/999/result.json").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/assessments/999/edit").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_first_visit_gets_a_csrf_cookie_and_pages_carry_it() {
    // A browser without a session (the login page): its token comes in a cookie.
    let app = spawn_anonymous().await;
    let r = app.get("/login").await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("isomm_csrf=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );
    let token = cookie["isomm_csrf=".len()..].split(';').next().unwrap();
    assert_eq!(token.len(), 65, "nonce.mac: {token}");
    let page = app.get_with("/login", &format!("isomm_csrf={token}")).await;
    assert!(
        page.headers.get(header::SET_COOKIE).is_none(),
        "a known token is kept"
    );
    assert!(
        page.body
            .contains(&format!("name=\"csrf\" value=\"{token}\""))
    );
}

#[tokio::test]
async fn home_lists_assessments_newest_first_with_completion_and_overall() {
    let app = spawn_app().await;
    let home = app.get("/").await;
    assert!(home.body.contains("まだ評価はありません"));
    let first = app.create("First CSIRT").await;
    let r = app
        .upload("hybrid-soc-mssp.toml", EXAMPLE.as_bytes(), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = app.get("/").await.body;
    let (a, b) = (
        home.find("みなと信託銀行 SOC").unwrap(),
        home.find("First CSIRT").unwrap(),
    );
    assert!(a < b, "newest first");
    assert!(home.contains(&format!("/assessments/{first}")));
    // Counted as the overall is: the 3 sheets of an imported file arrive submitted.
    assert!(home.contains("3 / 3"), "{home}");
    assert!(home.contains("ハイブリッド → ミニマムアウトソース"));
    // The overall (3.1) is computed in the background after the import; the list shows it once it
    // is there, "updating" until then.
    let mut home = home;
    for _ in 0..200 {
        if home.contains("<strong>3.1</strong>") {
            break;
        }
        assert!(home.contains("更新中"), "{home}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        home = app.get("/").await.body;
    }
    assert!(home.contains("<strong>3.1</strong>"), "{home}");
    assert!(!home.contains("更新中"));
}

#[tokio::test]
async fn home_pages_through_many_assessments() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for i in 0..52 {
        ids.push(app.create(&format!("Org {i:02}")).await);
    }
    let first = app.get("/").await.body;
    assert_eq!(first.matches("<tr><td><a href=\"/assessments/").count(), 50);
    assert!(first.contains("Org 51") && first.contains("Org 02") && !first.contains("Org 01"));
    let older = format!("/?before={}", ids[2]);
    assert!(first.contains(&older), "a link to the older page");
    let second = app.get(&older).await.body;
    assert_eq!(second.matches("<tr><td><a href=\"/assessments/").count(), 2);
    assert!(second.contains("Org 01") && second.contains("Org 00"));
    assert!(!second.contains("/?before="), "no page after the last");
}

#[tokio::test]
async fn catalog_page_in_both_languages() {
    let app = spawn_app().await;
    let ja = app.get("/catalog").await.body;
    assert!(ja.contains("全体方針管理") && ja.contains("セキュリティ対応組織運営"));
    assert_eq!(ja.matches("class=\"pattern-card\"").count(), 4);
    assert!(ja.contains("明文化された運用はCISOなど権限ある組織長に承認されている"));
    let en = app.get_with("/catalog", "isomm_lang=en").await.body;
    assert!(en.contains("<html lang=\"en\">") && en.contains("Overall policy management"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_comes_back() {
    let app = spawn_app().await;
    let r = app.get("/lang/en?next=/catalog").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/catalog");
    assert!(
        r.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("isomm_lang=en;")
    );
    assert_eq!(
        app.get("/lang/en?next=//evil.example/").await.location(),
        "/"
    );
    assert_eq!(app.get("/lang/fr").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn creating_an_assessment_checks_every_field() {
    let app = spawn_app().await;
    assert!(
        app.get("/assessments/new")
            .await
            .body
            .contains("name=\"organization\"")
    );
    let r = app
        .post(
            "/assessments",
            &[
                ("organization", ""),
                ("date", "2026-02-30"),
                ("current_pattern", "half"),
                ("target_pattern", "hybrid"),
                ("target_level", "9"),
                ("area.B-1", "V"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (id, message) in [
        ("organization-error", "組織名を入力してください。"),
        ("date-error", "日付は YYYY-MM-DD の形で"),
        ("current_pattern-error", "パターンを選んでください。"),
        (
            "target_level-error",
            "目標レベルは 1〜5 から選んでください。",
        ),
    ] {
        let at = r
            .body
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            r.body[at..].starts_with(&format!("id=\"{id}\">{message}")),
            "{id}"
        );
    }
    assert!(r.body.contains("領域は I〜IV から選んでください。"));
    let long = "x".repeat(201);
    let r = app
        .post(
            "/assessments",
            &[
                ("organization", "o"),
                ("title", &long),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"title-error\">長すぎます（200 文字まで）。")
    );
    assert!(
        app.get("/").await.body.contains("まだ評価はありません"),
        "nothing stored"
    );

    let id = app.create("Example <CSIRT>").await;
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(
        page.contains("Example &#60;CSIRT&#62;") || page.contains("Example &lt;CSIRT&gt;"),
        "escaped"
    );
    assert!(!page.contains("<CSIRT>"));
}

#[tokio::test]
async fn posts_without_the_csrf_token_are_refused() {
    let app = spawn_app().await;
    let body = encode(&[
        ("organization", "x"),
        ("current_pattern", "hybrid"),
        ("target_pattern", "hybrid"),
        ("target_level", "4"),
    ]);
    assert_eq!(
        app.post_raw("/assessments", &body, &format!("isomm_csrf={}", app.token))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let with_wrong = format!("csrf=ffffffffffffffffffffffffffffffff&{body}");
    assert_eq!(
        app.post_raw(
            "/assessments",
            &with_wrong,
            &format!("isomm_csrf={}", app.token)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // The token of another session is not this session's.
    let (_, other) = app.log_in_new("other@example.jp", Access::Owner).await;
    let with_other = format!("csrf={other}&{body}");
    assert_eq!(
        app.post_raw("/assessments", &with_other, "").await.status,
        StatusCode::FORBIDDEN
    );
    // Without a session, a valid browser token is not enough: log in first.
    let anonymous = app.issued();
    let request = Request::post("/assessments")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("isomm_csrf={anonymous}"))
        .body(Body::from(format!("csrf={anonymous}&{body}")))
        .unwrap();
    assert_eq!(
        app.send_as("", request).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A body that is not a form is refused without a server error.
    let request = Request::post("/assessments")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert!(app.send(request).await.status.is_client_error());
    assert!(app.get("/").await.body.contains("まだ評価はありません"));
}

#[tokio::test]
async fn editing_and_deleting_an_assessment() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let form = app.get(&format!("/assessments/{id}/edit")).await.body;
    assert!(form.contains("value=\"Example CSIRT\""));
    let r = app
        .post(
            &format!("/assessments/{id}/edit"),
            &[
                ("organization", "Renamed"),
                ("title", "t"),
                ("current_pattern", "full-insource"),
                ("target_pattern", "full-insource"),
                ("target_level", "5"),
                ("area.A-1", "III"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/assessments/{id}/edit")).await.body;
    assert!(page.contains("value=\"Renamed\""));
    assert!(page.contains("<select id=\"area-A-1\" name=\"area.A-1\"><option value=\"I\">I</option><option value=\"II\">II</option><option value=\"III\" selected>III</option>"));
    let bad = app
        .post(
            &format!("/assessments/{id}/edit"),
            &[
                ("organization", ""),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("組織名を入力してください。"));
    let unknown = app
        .post(
            "/assessments/999/edit",
            &[
                ("organization", "x"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post("/assessments/999/delete", &[("confirm", "yes")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post(&format!("/assessments/{id}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
    assert_eq!(
        app.get(&format!("/assessments/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn respondents_are_added_checked_and_removed() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let sato = app.add_respondent(id, "佐藤", "manager").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "佐藤"), ("position", "staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"name-error\">この名前の回答者はすでにいます。")
    );
    assert!(
        r.body.contains("value=\"佐藤\""),
        "the form keeps what was typed"
    );
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", " "), ("position", "chief")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"name-error\">名前を入力してください。")
    );
    assert!(
        r.body
            .contains("id=\"position-error\">立場を選んでください。")
    );
    assert_eq!(
        app.post(
            "/assessments/999/respondents",
            &[("name", "x"), ("position", "staff")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let other = app.create("Other").await;
    assert_eq!(
        app.get(&format!("/assessments/{other}/respondents/{sato}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "respondent of another assessment"
    );
    assert_eq!(
        app.post(
            &format!("/assessments/{other}/respondents/{sato}/delete"),
            &[("confirm", "yes")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{sato}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/assessments/{id}/respondents/{sato}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_sheet_saves_as_a_form_and_role_by_role() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let rid = app.add_respondent(id, "Sato", "leader").await;
    let sheet = format!("/assessments/{id}/respondents/{rid}");
    let page = app.get(&sheet).await.body;
    assert!(page.contains("回答済み: <strong id=\"answered\">0</strong> / 54"));
    assert_eq!(page.matches("class=\"role-card").count(), 54);
    assert!(
        page.contains("「わからない」場合は 1 を選びます")
            && page.contains("一人ひとりが自分の立場から回答してください"),
        "the seed's advice"
    );

    // Without JavaScript: the whole sheet in one post.
    let r = app
        .post(
            &sheet,
            &[
                ("A-1.in", "4"),
                ("A-1.out", ""),
                ("A-1.note", "承認済み"),
                ("B-1.out", "3"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, format!("{sheet}?saved=1").as_str())
    );
    let page = app.get(&format!("{sheet}?saved=1")).await.body;
    assert!(page.contains("チェックシートを保存しました。"));
    assert!(page.contains("name=\"A-1.in\" value=\"4\" data-def=\"4: 運用が明文化されており、担当者と交代して他者が業務を実施できる\" checked"));
    assert!(page.contains(">承認済み</textarea>"));
    assert!(page.contains("<strong id=\"answered\">2</strong>"));

    // A bad value re-renders the sheet with the message at the role, and stores nothing.
    let r = app.post(&sheet, &[("A-1.in", "9"), ("B-1.out", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let at = r.body.find("id=\"role-A-1\"").unwrap();
    let card = &r.body[at..];
    let card = &card[..card.find("<div class=\"sides\">").unwrap()];
    assert!(
        card.contains("0〜5 か「未回答」を選んでください。"),
        "{card}"
    );
    assert!(
        app.get(&sheet)
            .await
            .body
            .contains("<strong id=\"answered\">2</strong>"),
        "nothing stored"
    );

    // With JavaScript: one role at a time, the token in a header.
    let request = Request::post(format!("{sheet}/answers/C-1"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("isomm_csrf={}", app.token))
        .header("x-csrf-token", app.token.as_str())
        .body(Body::from("in=&out=2&note="))
        .unwrap();
    let r = app.send(request).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap(),
        serde_json::json!({"ok": true, "answered": 3})
    );
    let r = app
        .post(&format!("{sheet}/answers/C-1"), &[("in", "6")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["ok"],
        false
    );
    assert_eq!(
        app.post(&format!("{sheet}/answers/Z-9"), &[("in", "1")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(
            &format!("/assessments/{id}/respondents/999/answers/A-1"),
            &[("in", "1")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(
            &format!("/assessments/{id}/respondents/999"),
            &[("A-1.in", "1")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_raw(
            &format!("{sheet}/answers/C-1"),
            "in=1",
            &format!("isomm_csrf={}", app.token)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Clearing both sides and the note makes the role unanswered again.
    let r = app
        .post(
            &format!("{sheet}/answers/C-1"),
            &[("in", ""), ("out", ""), ("note", "")],
        )
        .await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["answered"],
        2
    );
}

#[tokio::test]
async fn results_and_downloads_equal_the_command_line_report() {
    let app = spawn_app().await;
    let r = app
        .upload("hybrid-soc-mssp.toml", EXAMPLE.as_bytes(), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();

    let catalog = Catalog::builtin();
    let parsed =
        answers::parse(EXAMPLE, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let mut expected = Vec::new();
    isomm_report::write_json(
        &mut expected,
        catalog,
        &parsed,
        &isomm_core::evaluate(catalog, &parsed),
        isomm_report::PlanOptions::default(),
    )
    .unwrap();
    let r = app.get(&format!("/assessments/{id}/result.json")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let got: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        got,
        serde_json::from_slice::<serde_json::Value>(&expected).unwrap()
    );

    let page = app.get(&format!("/assessments/{id}/results")).await.body;
    for needle in [
        "class=\"radar\"",
        "id=\"strengths\"",
        "id=\"improvements\"",
        "id=\"perception-gaps\"",
        "data-series-toggle=\"r0\"",
        "data-series-toggle=\"p-manager\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(
        page.contains("data-series=\"r2\" display=\"none\""),
        "extra series start hidden"
    );
    let csv = app.get(&format!("/assessments/{id}/result.csv")).await;
    assert!(
        csv.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(csv.body.lines().count(), 55);
    assert!(
        csv.body.starts_with("\u{feff}id,function,area,level"),
        "a BOM for Excel"
    );
    let html = app
        .get_with(&format!("/assessments/{id}/report.html"), "isomm_lang=en")
        .await;
    assert!(
        html.body.starts_with("<!DOCTYPE html>")
            && html.body.contains("Improvement points toward the target")
    );
    assert!(
        app.get(&format!("/assessments/{id}"))
            .await
            .body
            .contains("id=\"overall\">3.1<")
    );
}

#[tokio::test]
async fn import_accepts_every_format_and_refuses_bad_files_with_their_place() {
    let app = spawn_app().await;
    assert!(
        app.get("/assessments/import")
            .await
            .body
            .contains("<input id=\"file\" name=\"file\" type=\"file\"")
    );

    let json = serde_json::json!({"format": "isomm-answers/1", "organization": "J", "title": "t", "current_pattern": "hybrid",
        "target_pattern": "hybrid", "respondents": [{"name": "a", "position": "staff", "answers": {"A-1": {"insource": 3}}}]});
    assert_eq!(
        app.upload("a.json", json.to_string().as_bytes(), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let csv = include_str!("../../../../examples/hybrid-soc-mssp.csv");
    let fields = [
        ("organization", "CSV SOC"),
        ("title", ""),
        ("date", ""),
        ("current_pattern", "hybrid"),
        ("target_pattern", "minimum-outsource"),
        ("target_level", "3"),
    ];
    let r = app.upload("answers.csv", csv.as_bytes(), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(r.location()).await.body;
    assert!(page.contains("CSV SOC") && page.contains("<dd>3</dd>"));

    let bad = EXAMPLE.replacen("\"A-1\" = { insource = 5", "\"A-1\" = { insource = 7", 1);
    assert_ne!(bad, EXAMPLE);
    let r = app.upload("bad.toml", bad.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<li>bad.toml: "), "{}", r.body);
    assert!(r.body.contains("（respondents[0].answers.&#34;A-1&#34;.insource）: レベルは 0〜5 の整数か、未回答なら空欄です。数値 7 は使えません。"), "{}", r.body);
    for (name, content, message) in [
        (
            "x.txt",
            &b"hello"[..],
            "拡張子が .toml、.json、.csv、.xlsx のファイルを選んでください。",
        ),
        (
            "x.toml",
            &b"\xff\xfe"[..],
            "ファイルが UTF-8 のテキストではありません。",
        ),
        ("", &b""[..], "ファイルを選んでください。"),
        (
            "x.csv",
            &b"respondent,position,role,insource,outsource,note\n"[..],
            "x.csv: 回答がありません。見出し行の下に 1 行以上追加してください。",
        ),
        (
            "x.csv",
            &b"respondent,position,role,insource,outsource,note\na,staff,A-9,1,,\n"[..],
            "x.csv: 2 行目の「role」列: 不明な役割「A-9」です。",
        ),
    ] {
        let r = app.upload(name, content, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(r.body.contains(message), "{name}: {}", r.body);
    }
    // Every problem of a file is listed, each with its place, so it is fixed in one go.
    let r = app
        .upload(
            "three.csv",
            "respondent,position,role,insource,outsource,note\na,staff,A-1,６,,\na,staff,A-9,1,,\nb,boss,A-2,1,,\n".as_bytes(),
            &fields,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body.matches("<li>three.csv: ").count(), 3, "{}", r.body);
    for place in [
        "2 行目の「insource」列",
        "3 行目の「role」列",
        "4 行目の「position」列",
    ] {
        assert!(r.body.contains(place), "{place}: {}", r.body);
    }
    let r = app
        .upload(
            "y.csv",
            b"respondent,position,role,insource,outsource,note\n",
            &[],
        )
        .await;
    assert!(
        r.body.contains("y.csv: パターンを選んでください。"),
        "{}",
        r.body
    );
    let huge = vec![b'#'; isomm_web::BODY_LIMIT + 10];
    let r = app.upload("huge.toml", &huge, &[]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let home = app.get("/").await.body;
    assert_eq!(
        home.matches("<tr><td><a href=\"/assessments/").count(),
        2,
        "only the good files were stored"
    );
}

/// A filled-in xlsx sheet for respondent `name` with A-1 insource `level`.
fn filled_sheet(name: &str, level: i64) -> Vec<u8> {
    let catalog = Catalog::builtin();
    let mut answers = vec![isomm_core::Answer::default(); catalog.roles().len()];
    answers[0].insource = isomm_core::Level::new(level);
    answers[0].note = Some("from Excel".into());
    let options = isomm_report::sheet::SheetOptions {
        organization: Some("Filled SOC".into()),
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("minimum-outsource".into()),
        respondent: Some(name.into()),
        position: Some("staff".into()),
        answers: Some(answers),
        ..Default::default()
    };
    let mut out = Vec::new();
    isomm_report::sheet::write_xlsx_template(&mut out, catalog, isomm_core::Lang::Ja, &options)
        .unwrap();
    out
}

#[tokio::test]
async fn reports_and_sheets_download_in_every_format() {
    let app = spawn_app().await;
    let r = app
        .upload("hybrid-soc-mssp.toml", EXAMPLE.as_bytes(), &[])
        .await;
    let id: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();
    let pdf = app.get(&format!("/assessments/{id}/report.pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    // Files are named after the organisation and what they are, with an ASCII name for old clients;
    // the title's own words are not repeated (issue 22: 「…セルフチェック 成熟度セルフチェック結果」).
    assert_eq!(
        file_names(&pdf.headers),
        (
            format!("isomm-report-{id}.pdf"),
            "みなと信託銀行 SOC 2026年度下期 ISOMM セルフチェック 結果.pdf".into()
        )
    );
    // The JSON is named like the others (issue 22), shown rather than saved.
    let json = app.get(&format!("/assessments/{id}/result.json")).await;
    assert_eq!(
        file_names(&json.headers),
        (
            format!("isomm-result-{id}.json"),
            "みなと信託銀行 SOC 2026年度下期 ISOMM セルフチェック 結果データ.json".into()
        )
    );
    assert!(
        json.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline;")
    );
    let english = app
        .get_with(&format!("/assessments/{id}/result.csv"), "isomm_lang=en")
        .await;
    assert_eq!(
        file_names(&english.headers).1,
        "みなと信託銀行 SOC 2026年度下期 ISOMM セルフチェック maturity by role.csv"
    );
    let xlsx = app.get(&format!("/assessments/{id}/report.xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(
        xlsx.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(xlsx.body.starts_with("PK"));
    let csv = app.get(&format!("/assessments/{id}/answers.csv")).await;
    assert!(
        csv.body
            .starts_with("\u{feff}respondent,position,role,insource,outsource,note")
    );
    assert_eq!(
        csv.body.lines().count(),
        161,
        "a header and the example's 160 answers"
    );
    assert_eq!(
        file_names(&csv.headers).1,
        "みなと信託銀行 SOC 2026年度下期 ISOMM セルフチェック 回答一覧.csv"
    );
    for path in ["report.pdf", "report.xlsx", "answers.csv"] {
        assert_eq!(
            app.get(&format!("/assessments/999/{path}")).await.status,
            StatusCode::NOT_FOUND
        );
    }

    let page = app.get(&format!("/assessments/{id}")).await.body;
    let rid = page
        .split(&format!("/assessments/{id}/respondents/"))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let sheet = app
        .get(&format!("/assessments/{id}/respondents/{rid}/sheet.xlsx"))
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert_eq!(
        file_names(&sheet.headers),
        (
            format!("isomm-sheet-{id}-{rid}-filled.xlsx"),
            "みなと信託銀行 SOC 佐藤 健 チェックシート.xlsx".into()
        )
    );
    let bytes = app
        .send_bytes(
            Request::get(format!("/assessments/{id}/respondents/{rid}/sheet.xlsx"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let filled = answers::parse_bytes(
        &bytes,
        AnswersFormat::Xlsx,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    assert_eq!(filled.respondents[0].name, "佐藤 健");
    assert_eq!(
        filled.respondents[0].answered(),
        54,
        "pre-filled with the current answers"
    );
    // Its instructions come first and say to upload it back on the page it came from.
    let (names, guide) = first_sheet_texts(&bytes);
    assert_eq!(names, ["記入のしかた", "評価", "回答"]);
    assert!(
        guide.iter().any(|t| t.contains(&format!(
            "http://localhost/assessments/{id}/respondents/{rid}"
        )) && t.contains("「アップロードして回答にする」")),
        "{guide:?}"
    );
    assert!(
        !guide.iter().any(|t| t.contains("isomm report")),
        "{guide:?}"
    );
    let bytes = app
        .send_bytes(
            Request::get(format!(
                "/assessments/{id}/respondents/{rid}/sheet.xlsx?blank=1"
            ))
            .body(Body::empty())
            .unwrap(),
        )
        .await;
    let blank = answers::parse_bytes(
        &bytes,
        AnswersFormat::Xlsx,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    assert_eq!(blank.respondents[0].answered(), 0);
    assert_eq!(
        app.get(&format!("/assessments/{id}/respondents/999/sheet.xlsx"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// A download's two file names: the ASCII `filename` and the decoded `filename*` (RFC 6266).
fn file_names(headers: &axum::http::HeaderMap) -> (String, String) {
    let value = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    let ascii = value
        .split("filename=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap_or_else(|| panic!("no filename in {value}"));
    let encoded = value
        .split("filename*=UTF-8''")
        .nth(1)
        .unwrap_or_else(|| panic!("no filename* in {value}"));
    let mut bytes = Vec::new();
    let mut rest = encoded.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    (ascii.to_string(), String::from_utf8(bytes).unwrap())
}

/// The names of a workbook's sheets and the texts of its first sheet.
fn first_sheet_texts(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    let first = book.worksheet_range(&names[0]).unwrap();
    let texts = first
        .used_cells()
        .filter_map(|(_, _, c)| match c {
            calamine::Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (names, texts)
}

/// Through a private link, the sheet's instructions say to upload it on the page it came from, in
/// that page's words and language, without writing the link into the file; the sheet reads back.
#[tokio::test]
async fn a_sheet_from_a_private_link_says_where_it_goes_back_without_the_link() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents"),
            &[("name", "Sato"), ("position", "staff")],
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
    for (language, names, words) in [
        (
            "ja",
            ["記入のしかた", "評価", "回答"],
            [
                "「Excel でオフライン記入」",
                "「記入したシート」",
                "「アップロードして回答にする」",
            ],
        ),
        (
            "en",
            ["How to fill in", "Assessment", "Answers"],
            [
                "\"Fill in offline, in Excel\"",
                "\"Filled-in sheet\"",
                "\"Upload as the answers\"",
            ],
        ),
    ] {
        let bytes = app
            .send_bytes(
                Request::get(format!("/r/{token}/sheet.xlsx?blank=1"))
                    .header(header::ACCEPT_LANGUAGE, language)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        let (sheets, guide) = first_sheet_texts(&bytes);
        assert_eq!(sheets, names);
        assert!(
            guide.iter().any(|t| words.iter().all(|w| t.contains(w))),
            "{language}: {guide:?}"
        );
        assert!(
            !guide
                .iter()
                .any(|t| t.contains(&token) || t.contains("isomm report")),
            "{language}: {guide:?}"
        );
        let sheet = answers::parse_bytes(
            &bytes,
            AnswersFormat::Xlsx,
            Catalog::builtin(),
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(sheet.respondents[0].name, "Sato");
    }
}

#[tokio::test]
async fn a_filled_sheet_becomes_a_respondents_answers() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let rid = app.add_respondent(id, "Sato", "staff").await;
    let sheet = format!("/assessments/{id}/respondents/{rid}");
    app.post(&sheet, &[("B-1.out", "3")]).await;

    let r = app
        .upload_at(
            &format!("{sheet}/upload"),
            "sato.xlsx",
            &filled_sheet("Sato", 4),
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, format!("{sheet}?saved=1").as_str()),
        "{}",
        r.body
    );
    let page = app.get(&sheet).await.body;
    assert!(
        page.contains("name=\"A-1.in\" value=\"4\" data-def="),
        "the sheet's answer"
    );
    assert!(page.contains(">from Excel</textarea>"));
    assert!(
        page.contains("<strong id=\"answered\">1</strong>"),
        "every role replaced: B-1 is gone"
    );

    let r = app
        .upload_at(
            &format!("{sheet}/upload"),
            "tanaka.xlsx",
            &filled_sheet("Tanaka", 2),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"sheet-file-error\" role=\"alert\"><li>tanaka.xlsx: このシートの回答者は「Tanaka」で、このページの「Sato」ではありません。"), "{}", r.body);
    let r = app
        .upload_at(&format!("{sheet}/upload"), "sato.csv", b"x")
        .await;
    assert!(
        r.body
            .contains("sato.csv: isomm のチェックシート（.xlsx）を選んでください。")
    );
    let r = app
        .upload_at(&format!("{sheet}/upload"), "broken.xlsx", b"not a workbook")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("broken.xlsx: .xlsx のブックとして開けません: 完全な .xlsx（zip）ファイルではありません。"),
        "{}",
        r.body
    );
    let r = app.upload_at(&format!("{sheet}/upload"), "", b"").await;
    assert!(r.body.contains("ファイルを選んでください。"));
    assert!(
        app.get(&sheet)
            .await
            .body
            .contains("<strong id=\"answered\">1</strong>"),
        "nothing changed"
    );
    assert_eq!(
        app.upload_at(
            &format!("/assessments/{id}/respondents/999/upload"),
            "s.xlsx",
            &filled_sheet("Sato", 1)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // A filled sheet also imports as a new assessment.
    let r = app.upload("sato.xlsx", &filled_sheet("Sato", 5), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Full-width digits, as a Japanese input method types them, are levels like ASCII ones: in the
/// autosave, the whole-sheet form and an imported CSV.
#[tokio::test]
async fn full_width_levels_are_accepted_wherever_a_level_is_typed() {
    let app = spawn_app().await;
    let id = app.create("全角 SOC").await;
    let rid = app.add_respondent(id, "佐藤", "staff").await;
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
            &[("in", "３"), ("out", "０")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}"),
            &[("B-1.in", "５"), ("B-1.out", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let stored = app.state.store.assessment(id).await.unwrap().unwrap();
    let answers = &stored.respondents[0].answers;
    assert_eq!(answers["B-1"].insource.map(|l| l.get()), Some(5));
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/{rid}/answers/A-1"),
            &[("in", "６")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let csv = "respondent,position,role,insource,outsource,note\n鈴木,staff,A-1,４,,\n鈴木,staff,A-2,２.０,１,\n";
    let r = app
        .upload(
            "answers.csv",
            csv.as_bytes(),
            &[
                ("organization", "全角 CSV"),
                ("current_pattern", "hybrid"),
                ("target_pattern", "hybrid"),
                ("target_level", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// The plan's size and threshold are an assessment's settings: the results page and the reports
/// follow them; the JSON result keeps every improvement point; bad values are refused by field.
#[tokio::test]
async fn plan_settings_cut_the_plan_of_results_and_reports() {
    let app = spawn_app().await;
    let toml = include_str!("../../../../examples/hybrid-soc-mssp.toml");
    let r = app.upload("hybrid.toml", toml.as_bytes(), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .trim_start_matches("/assessments/")
        .parse()
        .unwrap();
    let results = format!("/assessments/{id}/results?sheets=all");
    let lines = |body: &str| body.matches("class=\"plan-line\"").count();
    assert_eq!(
        lines(&app.get(&results).await.body),
        10,
        "10 lines by default"
    );
    let form = app.get(&format!("/assessments/{id}/edit")).await.body;
    assert!(
        form.contains("name=\"plan_size\" type=\"number\""),
        "{form}"
    );
    assert!(
        form.contains("value=\"0.5\""),
        "the default threshold is shown"
    );
    let edit = |size: &'static str, gap: &'static str| {
        let path = format!("/assessments/{id}/edit");
        let app = &app;
        async move {
            app.post(
                &path,
                &[
                    ("organization", "みなと信託銀行 SOC"),
                    ("title", "t"),
                    ("current_pattern", "hybrid"),
                    ("target_pattern", "minimum-outsource"),
                    ("target_level", "4"),
                    ("plan_size", size),
                    ("plan_min_gap", gap),
                ],
            )
            .await
        }
    };
    for (size, gap, field) in [
        ("0", "0.5", "plan_size-error"),
        ("3", "0.25", "plan_min_gap-error"),
    ] {
        let bad = edit(size, gap).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{size} {gap}");
        assert!(bad.body.contains(field), "{}", bad.body);
    }
    assert_eq!(edit("3", "1.0").await.status, StatusCode::SEE_OTHER);
    let page = app.get(&results).await.body;
    assert_eq!(lines(&page), 3);
    assert!(
        page.contains("目標レベルとの差が 1.0 以上"),
        "the scope says the threshold"
    );
    let report = app
        .get(&format!("/assessments/{id}/report.html?sheets=all"))
        .await;
    assert_eq!(
        lines(&report.body),
        3,
        "the downloaded report follows the settings"
    );
    let json = app
        .get(&format!("/assessments/{id}/result.json?sheets=all"))
        .await;
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert!(
        doc["improvements"].as_array().unwrap().len() > 3,
        "the JSON keeps them all"
    );
}

/// Issue 22: ten respondents in one form, each with a link shown once on one page; a list with
/// problems names each problem's line in the reader's language and adds nobody; a name already
/// there adds nobody either.
#[tokio::test]
async fn a_pasted_list_adds_every_respondent_or_none() {
    let app = spawn_app().await;
    let id = app.create("Team SOC").await;
    let lines: String = (1..=10)
        .map(|i| {
            let position = ["manager", "リーダー", "担当者", "Other"][i % 4];
            format!("回答者 {i}, {position}\n")
        })
        .collect();
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/bulk"),
            &[("lines", &lines)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.body.matches("class=\"link-box\"").count(),
        10,
        "a link per respondent"
    );
    // Each link is in its field, its message in both languages, and everyone's messages in both.
    let links: Vec<&str> = r
        .body
        .match_indices("/r/")
        .map(|(i, _)| r.body[i..].split(['"', '\n', '<']).next().unwrap())
        .collect();
    for link in &links {
        assert_eq!(links.iter().filter(|l| *l == link).count(), 5, "{link}");
    }
    assert_eq!(links.len(), 50);
    for i in 1..=10 {
        assert!(r.body.contains(&format!("回答者 {i} さん")), "{i}: greeted");
        assert!(
            r.body.contains(&format!("Hello 回答者 {i},")),
            "{i}: in English too"
        );
    }
    assert!(r.body.contains("約 30〜60 分") && r.body.contains("id=\"all\""));
    let page = app.get(&format!("/assessments/{id}")).await.body;
    for i in 1..=10 {
        assert!(page.contains(&format!("回答者 {i}<")), "{i} is listed");
    }

    // Problems, each with its line, in Japanese; nobody added.
    let bad = "田中, staff\n\n鈴木\n高橋, boss\n田中, leader\n";
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/bulk"),
            &[("lines", bad)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "3 行目: 立場がありません",
        "4 行目: 立場「boss」が分かりません",
        "5 行目: 1 行目と同じ名前です",
    ] {
        assert!(r.body.contains(expected), "{expected}: {}", r.body);
    }
    assert!(
        r.body.contains("高橋, boss"),
        "the list is shown again as typed"
    );
    // A name already in the assessment: that line is named; nobody added.
    let r = app
        .post(
            &format!("/assessments/{id}/respondents/bulk"),
            &[("lines", "新人, staff\n回答者 3, staff")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("2 行目: この名前の回答者はすでにいます"),
        "{}",
        r.body
    );
    let page = app.get(&format!("/assessments/{id}")).await.body;
    assert!(!page.contains("新人") && !page.contains("田中"));
}

/// Issue 22: the sheet says who will see its answers, at its top, before the first role, in the
/// respondent's language (their browser's) — the assessor under their name, viewers without notes,
/// other respondents only totals.
#[tokio::test]
async fn the_sheet_says_who_sees_its_answers_before_the_first_role() {
    let app = spawn_app().await;
    let id = app.create("Example CSIRT").await;
    let (_, token) = app.add_respondent_with_link(id, "Sato", "staff").await;
    for (language, words) in [
        ("ja", "あなたの各回答とメモをあなたの名前とともに見ます"),
        ("en", "see each of your answers and notes under your name"),
    ] {
        let r = app
            .send_as(
                "",
                Request::get(format!("/r/{token}"))
                    .header(header::ACCEPT_LANGUAGE, language)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{language}");
        let at = r
            .body
            .find(words)
            .unwrap_or_else(|| panic!("{language}: {}", r.body));
        let first_role = r.body.find("function-A").expect("the first function");
        assert!(at < first_role, "{language}: said before the first role");
    }
}

/// Issue 22: while isomm runs on this computer only (no `--public-url`, a loopback origin), every
/// page that shows a link says so and how to start isomm for colleagues; with `--public-url` it
/// does not.
#[tokio::test]
async fn links_say_when_they_open_on_this_computer_only() {
    let notice = "このリンクはこのコンピューターでしか開けません";
    for (app, local) in [
        (spawn_app().await, true),
        (
            crate::common::spawn_app_with(isomm_web::Settings {
                public_url: Some(isomm_web::PublicUrl::parse("https://isomm.example.org").unwrap()),
                ..isomm_web::Settings::default()
            })
            .await,
            false,
        ),
    ] {
        let id = app.create("Example CSIRT").await;
        let one = app
            .post(
                &format!("/assessments/{id}/respondents"),
                &[("name", "Sato"), ("position", "staff")],
            )
            .await;
        let many = app
            .post(
                &format!("/assessments/{id}/respondents/bulk"),
                &[("lines", "Kim, staff\nLee, leader")],
            )
            .await;
        let invited = app
            .post(
                "/members",
                &[("email", "new@example.jp"), ("access", "viewer")],
            )
            .await;
        for (page, r) in [("link", one), ("links", many), ("invitation", invited)] {
            assert_eq!(r.status, StatusCode::CREATED, "{page}: {}", r.body);
            assert_eq!(r.body.contains(notice), local, "{page} (local: {local})");
            if local {
                assert!(
                    r.body.contains("--public-url") && r.body.contains("--bind"),
                    "{page}"
                );
            } else {
                assert!(r.body.contains("https://isomm.example.org/"), "{page}");
            }
        }
    }
}

/// Issue 22: the first page after `isomm serve`, while no account exists, says that the setup link
/// is in the terminal isomm was started in; once an account exists, it does not.
#[tokio::test]
async fn the_login_page_points_to_the_setup_link_while_there_is_no_account() {
    let notice = "設定用リンク（/setup/…）は、isomm serve を起動したターミナルに表示されています";
    let fresh = spawn_anonymous().await;
    let r = fresh.get("/login").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(notice), "{}", r.body);
    let app = spawn_app().await;
    let r = app
        .send_as("", Request::get("/login").body(Body::empty()).unwrap())
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(notice));
}

/// Issue 22: a favicon, so that a walk through the site meets no 404 for it: every page links it,
/// and `/favicon.ico` (where browsers look unasked) serves the same icon.
#[tokio::test]
async fn every_page_has_an_icon() {
    let app = spawn_app().await;
    for path in ["/", "/catalog", "/assessments/new", "/no-such-page"] {
        let r = app.get(path).await;
        assert!(
            r.body
                .contains(r#"<link rel="icon" href="/static/favicon.svg""#),
            "{path}"
        );
    }
    for path in ["/favicon.ico", "/static/favicon.svg"] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert!(r.body.starts_with("<svg"), "{path}");
    }
}
