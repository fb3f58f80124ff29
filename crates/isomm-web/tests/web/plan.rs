//! The plan's tracked items (issue 25) on the web: `plan.csv` (`isomm-plan/1`) with each item's
//! level now and, once the next round has results, whether each done item reached its target.

use axum::http::StatusCode;
use isomm_core::items::{ItemFields, ItemKey, ItemStatus};
use isomm_store::accounts::AuditEntry;
use isomm_store::items::{ItemChange, ItemsAdded, ItemsChanged, NewItem};

use crate::common::*;

#[tokio::test]
async fn plan_csv_lists_the_items_and_verifies_done_ones_after_the_next_round() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    let (_, link) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    let saved = app
        .post(&format!("/r/{link}"), &[("C-4.in", "2"), ("A-2.in", "3")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.post(&format!("/r/{link}/submit"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let who = AuditEntry::new("user:1", "127.0.0.1", "", "");
    let new = |key: &str, rank| NewItem {
        key: Some(ItemKey::parse(key).unwrap()),
        rank: Some(rank),
        action: "raise-in-house".into(),
        title: format!("{key} を引き上げる"),
        target_level: 4,
        level_at_start: Some(2.0),
    };
    let added = app
        .state
        .store
        .add_plan_items(
            id,
            &[new("role:C-4:insource", 1), new("role:A-2:insource", 2)],
            &who,
        )
        .await
        .unwrap();
    assert!(matches!(added, ItemsAdded::Added(_)));
    // Both are done.
    let items = app.state.store.plan_items(id).await.unwrap();
    let changes: Vec<ItemChange> = items
        .iter()
        .map(|p| ItemChange {
            key: p.item.key.clone(),
            fields: ItemFields {
                status: ItemStatus::Done,
                owner: Some("鈴木".into()),
                // A-2's item aims higher than the assessment's 4.
                target_level: if p.item.key.to_string() == "role:A-2:insource" {
                    5
                } else {
                    4
                },
                ..p.item.fields.clone()
            },
            seen: Some(p.item.updated_at),
        })
        .collect();
    assert_eq!(
        app.state
            .store
            .change_plan_items(id, &changes, &who)
            .await
            .unwrap(),
        ItemsChanged::Changed(2)
    );
    let csv = app.get(&format!("/assessments/{id}/plan.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("key,rank,role,side,action,title,owner,due,status"));
    assert!(
        lines[1].starts_with("role:C-4:insource,1,C-4,insource,raise-in-house,role:C-4:insource を引き上げる,鈴木,,done,,4,2.0,2.0,,"),
        "{}",
        lines[1]
    );
    // Not verified before a later round has results.
    let verified = |line: &str| line.split(',').nth(13).unwrap_or_default().to_string();
    assert_eq!(verified(lines[1]), "");

    // An item still to do, added by hand: it continues in the next round.
    app.post(
        &format!("/assessments/{id}/plan/items"),
        &[("custom", "yes"), ("title", "年次の机上訓練")],
    )
    .await;

    // The next round: C-4 reaches 4, A-2 does not.
    let started = app
        .post(
            &format!("/assessments/{id}/next-round"),
            &[("start", "blank"), ("title", "FY2027"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(started.status, StatusCode::CREATED);
    let next_link = link_token(&started.body);
    app.post(
        &format!("/r/{next_link}"),
        &[("C-4.in", "4"), ("A-2.in", "3")],
    )
    .await;
    // Results counted only once submitted.
    let csv = app.get(&format!("/assessments/{id}/plan.csv")).await.body;
    assert_eq!(verified(csv.lines().nth(1).unwrap()), "");
    let next = app
        .state
        .store
        .list_assessments(Some(app.workspace), None, 1)
        .await
        .unwrap()
        .rows[0]
        .id;
    let page = app.get(&format!("/assessments/{next}/plan")).await.body;
    assert!(page.contains("id=\"plan-done-before\"") && page.contains("この回の結果待ち"));
    // The open item continued under its key; the done ones stayed behind.
    let carried = app.state.store.plan_items(next).await.unwrap();
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].item.key.to_string(), "custom:1");
    assert!(page.contains("年次の机上訓練"));
    app.post(&format!("/r/{next_link}/submit"), &[]).await;
    let csv = app.get(&format!("/assessments/{id}/plan.csv")).await.body;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        (verified(lines[1]), verified(lines[2])),
        ("achieved".to_string(), "not_achieved".to_string()),
        "{csv}"
    );
    // The next round's plan page says the same of what the last round had done.
    let page = app.get(&format!("/assessments/{next}/plan")).await.body;
    let row = |key: &str| {
        let at = page.find(&format!("data-key=\"{key}\"")).unwrap();
        page[at..].split("</tr>").next().unwrap().to_string()
    };
    assert!(row("role:C-4:insource").contains("<td>到達</td>"), "{page}");
    assert!(row("role:A-2:insource").contains("<td>未到達</td>"));
    // The closed round's own page leads to the next round's and says the same of each done item.
    let closed = app.get(&format!("/assessments/{id}/plan")).await.body;
    assert!(
        closed.contains(&format!(
            "href=\"/assessments/{next}/plan\" id=\"plan-next-round\""
        )),
        "{closed}"
    );
    assert!(closed.contains("class=\"verified\">到達</dd>"), "{closed}");
    assert!(closed.contains("class=\"verified\">未到達</dd>"));

    // The comparison's plan follow-up: each tracked point with its item's own target level,
    // status and owner; the points no item tracked keep the round's target.
    let doc = app
        .get(&format!("/assessments/{next}/compare/{id}/comparison.json"))
        .await;
    assert_eq!(doc.status, StatusCode::OK, "{}", doc.body);
    let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    let follow = |role: &str| {
        doc["plan_follow_up"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["role"] == role && f["side"] == "insource")
            .cloned()
            .unwrap_or_else(|| panic!("{role} in {doc}"))
    };
    assert_eq!(
        (
            follow("A-2")["target_level"].clone(),
            follow("A-2")["reached"].clone()
        ),
        (serde_json::json!(5), serde_json::json!(false))
    );
    // B-1 had no item: the round's 4. (C-4's insource was not an improvement point: in area III
    // the outsource side is the expected one.)
    assert_eq!(follow("B-1")["target_level"], serde_json::json!(4));
    let page = app
        .get(&format!("/assessments/{next}/compare/{id}"))
        .await
        .body;
    assert!(page.contains("<th>対応項目</th>"), "{page}");
    assert!(page.contains("<td>完了（鈴木）</td>"), "{page}");
    let html = app
        .get(&format!("/assessments/{next}/compare/{id}/comparison.html"))
        .await
        .body;
    assert!(html.contains("<td>完了（鈴木）</td>"));
}

/// The plan page: an assessor makes items from the plan's lines and by hand, sets owner, due date
/// and status (a plain form); a bad field or a stale page is refused with nothing written; an
/// overdue item is marked; the filters hide the rest; a viewer reads it all and changes nothing.
#[tokio::test]
async fn an_assessor_tracks_the_plan_and_a_viewer_reads_it() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    let (_, link) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    let saved = app
        .post(
            &format!("/r/{link}"),
            &[("A-1.in", "1"), ("A-2.in", "1"), ("C-4.in", "2")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    app.post(&format!("/r/{link}/submit"), &[]).await;

    let page = app.get(&format!("/assessments/{id}/plan")).await;
    assert_eq!(page.status, StatusCode::OK);
    let lines = page.body.matches("name=\"line\"").count();
    assert!(lines >= 3, "{}", page.body);
    // Every line of the plan becomes an item, and one is added by hand.
    let made = app
        .post(&format!("/assessments/{id}/plan/items"), &[("all", "yes")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let custom = app
        .post(
            &format!("/assessments/{id}/plan/items"),
            &[("custom", "yes"), ("title", "年次の机上訓練")],
        )
        .await;
    assert_eq!(custom.status, StatusCode::SEE_OTHER, "{}", custom.body);
    let items = app.state.store.plan_items(id).await.unwrap();
    assert_eq!(items.len(), lines + 1);
    assert!(
        items
            .iter()
            .all(|p| p.item.fields.status == ItemStatus::Todo)
    );
    assert!(items.iter().any(|p| p.item.key.to_string() == "custom:1"));
    let first = items[0].item.clone();
    assert_eq!(first.rank, Some(1));
    // Named after its line: the role, its name and the goal in brackets.
    assert!(
        first.fields.title.contains("（目標：インソース 4）"),
        "{}",
        first.fields.title
    );
    assert_eq!(
        first.fields.target_level, 4,
        "the assessment's target level"
    );
    let page = app.get(&format!("/assessments/{id}/plan")).await.body;
    assert!(!page.contains("name=\"line\""), "every line is an item");

    // Owner, a due date already past, in progress: saved, and marked overdue.
    let path = format!("/assessments/{id}/plan/items/{}", first.key);
    let seen = first.updated_at.to_string();
    let edit = |status: &'static str,
                due: &'static str,
                reason: &'static str,
                evidence: &'static str,
                seen: String| {
        vec![
            ("title", first.fields.title.clone()),
            ("owner", "鈴木".to_string()),
            ("due", due.to_string()),
            ("status", status.to_string()),
            ("reason", reason.to_string()),
            ("target_level", "4".to_string()),
            ("evidence", evidence.to_string()),
            ("note", String::new()),
            ("seen", seen),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let path = path.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(&path, &pairs).await
        }
    };
    let r = send(edit(
        "in_progress",
        "2020-01-31",
        "",
        "https://wiki.example/c4",
        seen.clone(),
    ))
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/assessments/{id}/plan")).await.body;
    assert!(page.contains("id=\"plan-overdue\""), "{page}");
    assert!(page.contains("期限切れ"));

    // Every report shows the line's owner, due date and status: the results page, the HTML
    // report, and the workbook's plan sheet (in its columns, the due date as a date).
    let tracked = "状況: 対応中 · 担当者: 鈴木 · 期限: 2020-01-31";
    for path in ["results", "report.html"] {
        let body = app.get(&format!("/assessments/{id}/{path}")).await.body;
        assert!(body.contains(tracked), "{path}: {body}");
    }
    let xlsx = app
        .get_bytes(&format!("/assessments/{id}/report.xlsx"))
        .await;
    {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        let sheet = book
            .sheet_names()
            .into_iter()
            .find(|n| n.contains("計画"))
            .expect("the plan sheet");
        let plan = book.worksheet_range(&sheet).unwrap();
        let row = (1..plan.height() as u32)
            .find(|r| plan.get_value((*r, 10)).map(|c| c.to_string()) == Some("鈴木".into()))
            .expect("a row with its owner");
        assert_eq!(plan.get_value((row, 12)).unwrap().to_string(), "対応中");
        assert!(
            matches!(plan.get_value((row, 11)), Some(calamine::Data::DateTime(_))),
            "{:?}",
            plan.get_value((row, 11))
        );
    }

    // plan.xlsx: the CSV's columns under names in words and the format's names; the status in
    // words from its drop-down, the due date a date.
    let book = app.get_bytes(&format!("/assessments/{id}/plan.xlsx")).await;
    {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(book)).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let plan = book.worksheet_range(&sheet).unwrap();
        let cell = |r: u32, c: u32| {
            plan.get_value((r, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            (cell(0, 6), cell(1, 6)),
            ("担当者".to_string(), "owner".to_string())
        );
        assert_eq!(cell(1, 16), "updated");
        let row = (2..plan.height() as u32)
            .find(|r| cell(*r, 0) == first.key.to_string())
            .expect("the item's row");
        assert_eq!(
            (cell(row, 6), cell(row, 8)),
            ("鈴木".to_string(), "対応中".to_string())
        );
        assert!(matches!(
            plan.get_value((row, 7)),
            Some(calamine::Data::DateTime(_))
        ));
        assert_eq!(plan.height() as usize, 2 + lines + 1, "one row per item");
    }

    // The home page lists it, with its owner and due date.
    let home = app.get("/").await.body;
    assert!(
        home.contains("id=\"overdue-items\"") && home.contains("2020-01-31"),
        "{home}"
    );
    assert!(home.contains(&format!("/assessments/{id}/plan#item-{}", first.key)));

    // Refused with its field named, nothing written: won't do without a reason, a script link.
    let before = app.state.store.plan_items(id).await.unwrap();
    let now = before[0].item.updated_at.to_string();
    for (fields, says) in [
        (edit("wont_do", "", "", "", now.clone()), "理由を書いて"),
        (
            edit("todo", "", "", "javascript:alert(1)", now.clone()),
            "使えないリンク",
        ),
        (
            edit("todo", "2027-02-30", "", "", now.clone()),
            "YYYY-MM-DD",
        ),
    ] {
        let r = send(fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(says), "{says}: {}", r.body);
    }
    // A page opened before the last change: stale, nothing written.
    let r = send(edit("done", "", "", "", seen)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("ほかの人が変えました"));
    assert_eq!(app.state.store.plan_items(id).await.unwrap(), before);
    // What was typed is kept in the form, now with the item's time: saving again is deliberate.
    let form_at = r.body.find(&format!("id=\"item-{}\"", first.key)).unwrap();
    let form = &r.body[form_at..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains("<option value=\"done\" selected>"), "{form}");
    assert!(form.contains(&format!(
        "name=\"seen\" value=\"{}\"",
        before[0].item.updated_at
    )));

    // The filters: by status, by owner.
    let only = app
        .get(&format!("/assessments/{id}/plan?status=in_progress"))
        .await
        .body;
    assert!(only.contains("data-status=\"in_progress\""));
    let hidden = only.matches(" hidden>").count() + only.matches(" filtered\"").count();
    assert!(hidden >= lines, "every other item is hidden: {hidden}");

    // A viewer reads it, with no form, and changes nothing.
    let (viewer, _) = app
        .log_in_new("viewer@example.jp", isomm_store::accounts::Access::Viewer)
        .await;
    let read = app
        .get_with(&format!("/assessments/{id}/plan"), &viewer)
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body.contains("鈴木") && !read.body.contains("plan-item-form"));
    assert!(read.body.contains("href=\"https://wiki.example/c4\""));
    let request = axum::http::Request::post(&path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("status=done"))
        .unwrap();
    assert_eq!(
        app.send_as(&viewer, request).await.status,
        StatusCode::FORBIDDEN
    );

    // Every change is in the audit log.
    let csv = app.get("/audit.csv").await.body;
    assert!(
        csv.contains("plan.item.add") && csv.contains("plan.item.change"),
        "{csv}"
    );
    assert!(csv.contains("status:in_progress"));
}

/// A workbook of the items as someone saves it after editing in Excel: every cell of `bytes`'s
/// first sheet written again, with `typed` over it ((key of the row, column name, text); a due
/// date `YYYY-MM-DD` is written as a date).
fn edited(bytes: &[u8], typed: &[(&str, &str, &str)]) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let names: Vec<String> = (0..range.width() as u32)
        .map(|c| {
            range
                .get_value((1, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name(&name).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for r in 0..range.height() as u32 {
        let key = range
            .get_value((r, 0))
            .map(|d| d.to_string())
            .unwrap_or_default();
        for c in 0..range.width() as u32 {
            let column = names[c as usize].as_str();
            let cell = range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
            let c16 = c as u16;
            match typed.iter().find(|(k, n, _)| *k == key && *n == column) {
                Some((_, "due", text)) if text.len() == 10 && text.as_bytes()[4] == b'-' => {
                    let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(text).unwrap();
                    sheet.write_datetime_with_format(r, c16, &d, &date).unwrap();
                }
                Some((_, _, text)) => {
                    sheet.write_string(r, c16, *text).unwrap();
                }
                None => match cell {
                    Data::Empty => {}
                    Data::Float(f) => {
                        sheet.write_number(r, c16, f).unwrap();
                    }
                    Data::DateTime(d) => {
                        sheet
                            .write_number_with_format(r, c16, d.as_f64(), &date)
                            .unwrap();
                    }
                    other => {
                        sheet.write_string(r, c16, other.to_string()).unwrap();
                    }
                },
            }
        }
    }
    out.save_to_buffer().unwrap()
}

#[tokio::test]
async fn the_team_edits_the_plan_in_excel_and_a_stale_or_bad_row_changes_nothing() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    let (_, link) = app.add_respondent_with_link(id, "佐藤", "manager").await;
    app.post(
        &format!("/r/{link}"),
        &[("A-1.in", "1"), ("A-2.in", "1"), ("C-4.in", "2")],
    )
    .await;
    app.post(&format!("/r/{link}/submit"), &[]).await;
    let made = app
        .post(&format!("/assessments/{id}/plan/items"), &[("all", "yes")])
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let page = app.get(&format!("/assessments/{id}/plan")).await.body;
    assert!(page.contains("id=\"plan-upload\""), "assessors may upload");
    let items = app.state.store.plan_items(id).await.unwrap();
    let (one, two) = (items[0].item.key.to_string(), items[1].item.key.to_string());
    let download = || async { app.get_bytes(&format!("/assessments/{id}/plan.xlsx")).await };
    let app = &app;
    let upload = |bytes: Vec<u8>| async move {
        app.upload_at(
            &format!("/assessments/{id}/plan/upload"),
            "計画.xlsx",
            &bytes,
        )
        .await
    };
    let first = download().await.to_vec();

    // Owner, due date, status and note change; the rest is isomm's.
    let typed = [
        (one.as_str(), "owner", "鈴木"),
        (one.as_str(), "due", "2027-03-31"),
        (one.as_str(), "status", "対応中"),
        (one.as_str(), "title", "題は変わらない"),
        (two.as_str(), "status", "実施しない"),
        (two.as_str(), "reason", "MSSP の契約で対応"),
        (two.as_str(), "note", "来年度に再検討"),
    ];
    let r = upload(edited(&first, &typed)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/assessments/{id}/plan?uploaded=2"));
    let told = app.get(r.location()).await.body;
    assert!(told.contains("2 件の項目を変更しました"), "{told}");
    let after = app.state.store.plan_items(id).await.unwrap();
    let f = &after[0].item.fields;
    assert_eq!(
        (f.owner.as_deref(), f.due.as_deref(), f.status),
        (Some("鈴木"), Some("2027-03-31"), ItemStatus::InProgress)
    );
    assert_eq!(f.title, items[0].item.fields.title, "the title is isomm's");
    let f = &after[1].item.fields;
    assert_eq!(
        (f.status, f.reason.as_deref(), f.note.as_deref()),
        (
            ItemStatus::WontDo,
            Some("MSSP の契約で対応"),
            Some("来年度に再検討")
        )
    );
    assert_eq!(
        after[2..],
        items[2..],
        "rows left as they were change nothing"
    );
    let csv = app.get("/audit.csv").await.body;
    let uploads: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains("plan.item.upload"))
        .collect();
    assert_eq!(uploads.len(), 2, "{csv}");
    assert!(
        uploads
            .iter()
            .any(|l| l.contains("status:todo") && l.contains("status:in_progress"))
    );

    // The same file again: every row is as isomm has it now, so nothing changes.
    let r = upload(edited(&first, &typed)).await;
    assert_eq!(r.location(), format!("/assessments/{id}/plan?uploaded=0"));

    // Someone changes the first item on the page; the old file's row for it is now stale. The
    // upload is refused at that row's updated cell, and the good row of the same file is not
    // taken either.
    let fresh = download().await.to_vec();
    let now = app.state.store.plan_items(id).await.unwrap();
    let form = [
        ("title", now[0].item.fields.title.clone()),
        ("owner", "鈴木".to_string()),
        ("due", "2027-03-31".to_string()),
        ("status", "done".to_string()),
        ("reason", String::new()),
        ("target_level", "4".to_string()),
        ("evidence", String::new()),
        ("note", String::new()),
        ("seen", now[0].item.updated_at.to_string()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app
        .post(&format!("/assessments/{id}/plan/items/{one}"), &pairs)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let before = app.state.store.plan_items(id).await.unwrap();
    let r = upload(edited(
        &fresh,
        &[
            (one.as_str(), "owner", "田中"),
            (two.as_str(), "note", "別の備考"),
        ],
    ))
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"plan-upload-errors\""));
    assert!(
        r.body.contains("計画.xlsx") && r.body.contains("セル Q3") && r.body.contains(&one),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("ダウンロード後に isomm で変更"),
        "{}",
        r.body
    );
    assert_eq!(
        app.state.store.plan_items(id).await.unwrap(),
        before,
        "nothing written"
    );

    // An unknown key and a bad value, each named by its cell; nothing written.
    let latest = download().await.to_vec();
    let mut bad = edited(
        &latest,
        &[
            (two.as_str(), "due", "来週"),
            (one.as_str(), "status", "ほぼ完了"),
        ],
    );
    let r = upload(bad.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("セル H4") && r.body.contains("「来週」は日付ではありません"),
        "{}",
        r.body
    );
    assert!(r.body.contains("セル I3") && r.body.contains("「ほぼ完了」は状況ではありません"));
    bad = edited(&latest, &[(one.as_str(), "key", "role:Z-9:insource")]);
    let r = upload(bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("セル A3") && r.body.contains("role:Z-9:insource"),
        "{}",
        r.body
    );
    // Not a workbook of the plan, not a workbook at all, no file.
    let r = upload(b"key,owner\n".to_vec()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .upload_at(
            &format!("/assessments/{id}/plan/upload"),
            "plan.csv",
            b"key,owner\n",
        )
        .await;
    assert!(
        r.body.contains("改善計画のブック（.xlsx）を選んでください"),
        "{}",
        r.body
    );
    assert_eq!(
        app.state.store.plan_items(id).await.unwrap(),
        before,
        "nothing written"
    );

    // In English, the same refusal in English.
    let cookie = format!("isomm_csrf={}; {}; isomm_lang=en", app.token, app.session);
    let path = format!("/assessments/{id}/plan/upload");
    let to = Upload {
        path: &path,
        cookie: &cookie,
        token: &app.token,
    };
    let bytes = edited(&latest, &[(one.as_str(), "status", "almost")]);
    let r = app.upload_to(to, "plan.xlsx", &bytes, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("“almost” is not a status") && r.body.contains("cell I3"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn the_page_script_saves_an_item_and_reads_its_problems_as_json() {
    let app = spawn_app().await;
    let id = app.create("みなと信託銀行 SOC").await;
    let made = app
        .post(
            &format!("/assessments/{id}/plan/items"),
            &[("custom", "yes"), ("title", "年次の机上訓練")],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let item = app.state.store.plan_items(id).await.unwrap()[0]
        .item
        .clone();
    let path = format!("/assessments/{id}/plan/items/custom:1");
    let send = |status: &str, reason: &str, seen: i64| {
        let body = format!(
            "csrf={}&title=%E8%A8%93%E7%B7%B4&owner=&due=2027-03-31&status={status}&reason={reason}&target_level=4&evidence=&note=&seen={seen}",
            app.token
        );
        axum::http::Request::post(&path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .header("cookie", format!("isomm_csrf={}", app.token))
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    // Saved: the item's new time, which the next save sends as `seen`.
    let r = app.send(send("in_progress", "", item.updated_at)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let now = app.state.store.plan_items(id).await.unwrap()[0]
        .item
        .clone();
    assert_eq!(json["updated"], serde_json::json!(now.updated_at));
    assert_eq!(json["status"], "in_progress");
    assert_eq!(json["overdue"], false);
    assert!(now.updated_at > item.updated_at);
    // A problem, by field: nothing written.
    let r = app.send(send("wont_do", "", now.updated_at)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(
        json["errors"]["reason"].as_str().unwrap().contains("理由"),
        "{json}"
    );
    // Sent with the time before the last save: stale, nothing written.
    let r = app.send(send("done", "", item.updated_at)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(
        json["stale"]
            .as_str()
            .unwrap()
            .contains("ほかの人が変えました")
    );
    assert_eq!(app.state.store.plan_items(id).await.unwrap()[0].item, now);
}
