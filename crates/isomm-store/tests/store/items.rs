//! Tracked plan items (issue 25) on both backends: made from plan lines and by hand, unique by
//! key, custom numbers unique in the series; changed all or nothing, a stale or unknown row
//! refused with nothing written; every write bumps the revision and is audited with old and new.

use isomm_core::PlanOptions;
use isomm_core::items::{ItemFields, ItemKey, ItemStatus};
use isomm_store::accounts::{AuditEntry, AuditFilter};
use isomm_store::items::{ItemChange, ItemsAdded, ItemsChanged, NewItem};
use isomm_store::testing::Fresh;
use isomm_store::{AssessmentFields, ClosedRound, Counting, NextRound};

fn fields() -> AssessmentFields {
    AssessmentFields {
        organization: "Example CSIRT".into(),
        title: "FY2026".into(),
        date: Some("2026-11-26".into()),
        current_pattern: "hybrid".into(),
        target_pattern: "minimum-outsource".into(),
        target_level: 4,
        plan: PlanOptions::default(),
        workspace: None,
        areas: Default::default(),
        deadline: None,
    }
}

fn line(key: &str, rank: i64, title: &str) -> NewItem {
    NewItem {
        key: Some(ItemKey::parse(key).unwrap()),
        rank: Some(rank),
        action: "raise-in-house".into(),
        title: title.into(),
        target_level: 4,
        level_at_start: Some(1.5),
    }
}

fn custom(title: &str) -> NewItem {
    NewItem {
        key: None,
        rank: None,
        action: "custom".into(),
        title: title.into(),
        target_level: 4,
        level_at_start: None,
    }
}

on_both_backends!(plan_items_are_made_changed_and_audited);

async fn plan_items_are_made_changed_and_audited(db: &Fresh) {
    let store = db.store().await;
    let id = store
        .create_assessment("isomm-2.1", &fields())
        .await
        .unwrap();
    let who = AuditEntry::new("user:1 a@example.jp", "127.0.0.1", "", "");
    // A change's lines carry the action it is given (a form's, a workbook's).
    let changer = AuditEntry {
        action: "plan.item.change".into(),
        ..who.clone()
    };
    let revision = store.revision(id).await.unwrap().unwrap();
    let added = store
        .add_plan_items(
            id,
            &[
                line("role:C-4:insource", 1, "C-4 を内製で引き上げる"),
                custom("年次訓練"),
                line("role:A-2:outsource", 2, "A-2 の委託先を管理する"),
                custom("手順書の棚卸し"),
            ],
            &who,
        )
        .await
        .unwrap();
    let keys: Vec<String> = match added {
        ItemsAdded::Added(keys) => keys.iter().map(|k| k.to_string()).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        keys,
        [
            "role:C-4:insource",
            "custom:1",
            "role:A-2:outsource",
            "custom:2"
        ]
    );
    assert!(store.revision(id).await.unwrap().unwrap() > revision);
    // Plan lines by rank, then the items added by hand.
    let items = store.plan_items(id).await.unwrap();
    let order: Vec<String> = items.iter().map(|i| i.item.key.to_string()).collect();
    assert_eq!(
        order,
        [
            "role:C-4:insource",
            "role:A-2:outsource",
            "custom:1",
            "custom:2"
        ]
    );
    assert!(
        items
            .iter()
            .all(|i| i.item.fields.status == ItemStatus::Todo)
    );
    assert_eq!(items[0].item.level_at_start, Some(1.5));
    // A key held already: nothing is written.
    assert_eq!(
        store
            .add_plan_items(
                id,
                &[custom("x"), line("role:C-4:insource", 9, "again")],
                &who
            )
            .await
            .unwrap(),
        ItemsAdded::Taken(ItemKey::parse("role:C-4:insource").unwrap())
    );
    assert_eq!(store.plan_items(id).await.unwrap().len(), 4);
    assert_eq!(
        store
            .add_plan_items(9_999, &[custom("x")], &who)
            .await
            .unwrap(),
        ItemsAdded::NoAssessment
    );

    // A change, as seen; then the same row again is stale: nothing written.
    let c4 = items[0].item.clone();
    let started = ItemFields {
        owner: Some("鈴木".into()),
        due: Some("2027-03-31".into()),
        status: ItemStatus::InProgress,
        ..c4.fields.clone()
    };
    let change = ItemChange {
        key: c4.key.clone(),
        fields: started.clone(),
        seen: Some(c4.updated_at),
    };
    assert_eq!(
        store
            .change_plan_items(id, std::slice::from_ref(&change), &changer)
            .await
            .unwrap(),
        ItemsChanged::Changed(1)
    );
    let after = store.plan_items(id).await.unwrap();
    assert_eq!(after[0].item.fields, started);
    assert!(after[0].item.updated_at > c4.updated_at);
    let done = ItemChange {
        fields: ItemFields {
            status: ItemStatus::Done,
            ..started.clone()
        },
        ..change.clone()
    };
    assert_eq!(
        store
            .change_plan_items(id, std::slice::from_ref(&done), &changer)
            .await
            .unwrap(),
        ItemsChanged::Stale(0)
    );
    assert_eq!(store.plan_items(id).await.unwrap()[0].item.fields, started);
    // All or nothing: a good change before an unknown key is not kept either.
    let a2 = after[1].item.clone();
    let unknown = ItemChange {
        key: ItemKey::parse("role:Z-9:insource").unwrap(),
        fields: a2.fields.clone(),
        seen: None,
    };
    let a2_done = ItemChange {
        key: a2.key.clone(),
        fields: ItemFields {
            status: ItemStatus::Done,
            ..a2.fields.clone()
        },
        seen: Some(a2.updated_at),
    };
    assert_eq!(
        store
            .change_plan_items(id, &[a2_done.clone(), unknown], &changer)
            .await
            .unwrap(),
        ItemsChanged::Unknown(1)
    );
    assert_eq!(
        store.plan_items(id).await.unwrap()[1].item.fields.status,
        ItemStatus::Todo
    );
    // Given as it is, an item changes nothing and writes no line.
    let same = ItemChange {
        key: a2.key.clone(),
        fields: a2.fields.clone(),
        seen: Some(a2.updated_at),
    };
    assert_eq!(
        store
            .change_plan_items(id, &[same], &changer)
            .await
            .unwrap(),
        ItemsChanged::Changed(0)
    );

    // The audit log: each item made, and the change with its old and new value.
    let log = store
        .audit_log(
            None,
            &AuditFilter {
                action_prefix: Some("plan.item.".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let adds = log
        .iter()
        .filter(|r| r.entry.action == "plan.item.add")
        .count();
    assert_eq!(adds, 4);
    let changes: Vec<&AuditEntry> = log
        .iter()
        .map(|r| &r.entry)
        .filter(|e| e.action == "plan.item.change")
        .collect();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        changes[0].subject,
        format!("assessment:{id} item:role:C-4:insource")
    );
    assert!(
        changes[0]
            .old_value
            .as_deref()
            .unwrap()
            .starts_with("status:todo")
    );
    let new = changes[0].new_value.as_deref().unwrap();
    assert!(
        new.contains("status:in_progress")
            && new.contains("owner:鈴木")
            && new.contains("due:2027-03-31"),
        "{new}"
    );

    // A-2 is done before the next round.
    let a2_now = store.plan_items(id).await.unwrap()[1].item.clone();
    let a2_done = ItemChange {
        seen: Some(a2_now.updated_at),
        ..a2_done
    };
    assert_eq!(
        store
            .change_plan_items(id, &[a2_done], &changer)
            .await
            .unwrap(),
        ItemsChanged::Changed(1)
    );

    // The next round of the series numbers its own items after the series' last.
    let close = ClosedRound {
        result: "{}".into(),
        counting: Counting::Submitted,
        model_hash: "00".repeat(32),
    };
    let NextRound::Started { id: next, .. } = store
        .start_next_round(id, &fields(), &close, false)
        .await
        .unwrap()
    else {
        panic!("not started")
    };
    // The open items continue in it under their keys, each pointing at the one it continues;
    // the done one stays in the round it was done in.
    let carried = store.plan_items(next).await.unwrap();
    let keys: Vec<String> = carried.iter().map(|p| p.item.key.to_string()).collect();
    assert_eq!(keys, ["role:C-4:insource", "custom:1", "custom:2"]);
    let old = store.plan_items(id).await.unwrap();
    assert_eq!(carried[0].carried_from, Some(old[0].id));
    assert_eq!(carried[0].item.fields, old[0].item.fields);
    assert_eq!(
        store
            .add_plan_items(next, &[custom("新しい項目")], &who)
            .await
            .unwrap(),
        ItemsAdded::Added(vec![ItemKey::Custom(3)])
    );
}
