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
        .send_bytes(
            axum::http::Request::get(format!("/assessments/{id}/report.xlsx"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
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
    let book = app
        .send_bytes(
            axum::http::Request::get(format!("/assessments/{id}/plan.xlsx"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
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
