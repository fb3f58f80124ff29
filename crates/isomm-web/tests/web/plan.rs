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
    app.post(&format!("/r/{next_link}/submit"), &[]).await;
    let csv = app.get(&format!("/assessments/{id}/plan.csv")).await.body;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        (verified(lines[1]), verified(lines[2])),
        ("achieved".to_string(), "not_achieved".to_string()),
        "{csv}"
    );
}
