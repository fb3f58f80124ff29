//! Accounts, workspaces, sessions, failed logins and the audit log, each suite on both backends
//! (SQLite in a temporary folder, a fresh PostgreSQL database: see `main.rs`): the same behaviour
//! from the same statements.

use isomm_store::accounts::{
    Access, AccessChanged, AuditEntry, AuditFilter, Email, SheetState, UserAdded,
};
use isomm_store::testing::Fresh;

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

#[test]
fn e_mail_addresses_are_trimmed_lower_cased_and_checked() {
    assert_eq!(email("  Sato@Example.JP ").as_str(), "sato@example.jp");
    for bad in [
        "",
        "sato",
        "@example.jp",
        "sato@",
        "a@b@c",
        "sa to@example.jp",
        "a@\u{7}b",
    ] {
        assert_eq!(Email::parse(bad), None, "{bad:?}");
    }
    let long = format!("{}@example.jp", "a".repeat(250));
    assert_eq!(Email::parse(&long), None);
}

on_both_backends!(accounts_and_workspaces);

async fn accounts_and_workspaces(db: &Fresh) {
    let store = db.store().await;
    assert_eq!(store.user_count().await.unwrap(), 0, "{}", db.url);
    let UserAdded::User(sato) = store
        .add_user(&email("sato@example.jp"), "佐藤", "$argon2id$x", true)
        .await
        .unwrap()
    else {
        panic!("added")
    };
    assert_eq!(
        store
            .add_user(&email("SATO@example.jp"), "other", "h", false)
            .await
            .unwrap(),
        UserAdded::EmailTaken,
        "one account per address, whatever its case"
    );
    let UserAdded::User(suzuki) = store
        .add_user(&email("suzuki@example.jp"), "鈴木", "h2", false)
        .await
        .unwrap()
    else {
        panic!("added")
    };
    let (user, hash) = store
        .credentials(&email("sato@example.jp"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (user.id, user.name.as_str(), user.admin),
        (sato, "佐藤", true)
    );
    assert_eq!(hash, "$argon2id$x");
    assert!(store.set_password(sato, "new").await.unwrap());
    assert!(!store.set_password(9999, "new").await.unwrap());
    let (_, hash) = store
        .credentials(&email("sato@example.jp"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hash, "new");
    assert_eq!(
        store.credentials(&email("nobody@x.jp")).await.unwrap(),
        None
    );
    let users = store.users().await.unwrap();
    assert_eq!(
        users.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(),
        ["sato@example.jp", "suzuki@example.jp"]
    );
    assert_eq!(store.user(suzuki).await.unwrap().unwrap().name, "鈴木");

    // Workspaces: made once by name; the last owner stays.
    let soc = store.workspace_named("SOC", true).await.unwrap().unwrap();
    assert_eq!(
        store.workspace_named("SOC", true).await.unwrap().unwrap(),
        soc
    );
    assert_eq!(store.workspace_named("CSIRT", false).await.unwrap(), None);
    let csirt = store.workspace_named("CSIRT", true).await.unwrap().unwrap();
    assert_eq!(
        store
            .set_access(soc.id, sato, Some(Access::Owner))
            .await
            .unwrap(),
        AccessChanged::Done
    );
    assert_eq!(
        store
            .set_access(soc.id, sato, Some(Access::Viewer))
            .await
            .unwrap(),
        AccessChanged::LastOwner
    );
    assert_eq!(
        store.set_access(soc.id, sato, None).await.unwrap(),
        AccessChanged::LastOwner
    );
    assert_eq!(
        store.set_access(soc.id, suzuki, None).await.unwrap(),
        AccessChanged::NotMember
    );
    store
        .set_access(soc.id, suzuki, Some(Access::Owner))
        .await
        .unwrap();
    assert_eq!(
        store
            .set_access(soc.id, sato, Some(Access::Assessor))
            .await
            .unwrap(),
        AccessChanged::Done,
        "another owner remains"
    );
    store
        .set_access(csirt.id, sato, Some(Access::Viewer))
        .await
        .unwrap();
    let mine = store.memberships(sato).await.unwrap();
    assert_eq!(
        mine.iter()
            .map(|(w, a)| (w.name.as_str(), *a))
            .collect::<Vec<_>>(),
        [("CSIRT", Access::Viewer), ("SOC", Access::Assessor)]
    );
    let members = store.members(soc.id).await.unwrap();
    assert_eq!(
        members.iter().map(|(u, a)| (u.id, *a)).collect::<Vec<_>>(),
        [(sato, Access::Assessor), (suzuki, Access::Owner)]
    );
    assert_eq!(
        store
            .workspaces()
            .await
            .unwrap()
            .iter()
            .map(|w| w.name.as_str())
            .collect::<Vec<_>>(),
        ["CSIRT", "SOC"]
    );
}

on_both_backends!(sessions_expire_and_end_per_user);

async fn sessions_expire_and_end_per_user(db: &Fresh) {
    let store = db.store().await;
    let UserAdded::User(u) = store
        .add_user(&email("a@example.jp"), "A", "h", false)
        .await
        .unwrap()
    else {
        panic!()
    };
    store
        .save_session(b"one", Some(u), "{}", 2_000)
        .await
        .unwrap();
    store
        .save_session(b"two", Some(u), "{\"x\":1}", 2_000)
        .await
        .unwrap();
    store
        .save_session(b"anon", None, "{}", 2_000)
        .await
        .unwrap();
    store.save_session(b"old", None, "{}", 500).await.unwrap();
    assert_eq!(
        store.session(b"two", 1_000).await.unwrap().as_deref(),
        Some("{\"x\":1}")
    );
    assert_eq!(store.session(b"two", 2_000).await.unwrap(), None, "expired");
    store
        .save_session(b"two", Some(u), "{\"x\":2}", 3_000)
        .await
        .unwrap();
    assert_eq!(
        store.session(b"two", 2_500).await.unwrap().as_deref(),
        Some("{\"x\":2}")
    );
    // Ending the others keeps this one and anyone else's, and drops what expired.
    assert_eq!(store.end_sessions(u, Some(b"two"), 1_000).await.unwrap(), 2);
    assert_eq!(store.session(b"one", 1_000).await.unwrap(), None);
    assert!(store.session(b"two", 1_000).await.unwrap().is_some());
    assert!(store.session(b"anon", 1_000).await.unwrap().is_some());
    store.delete_session(b"two").await.unwrap();
    assert_eq!(store.session(b"two", 1_000).await.unwrap(), None);
    // A write to a session that ended does not bring it back.
    assert!(!store.update_session(b"two", "{}", 9_000).await.unwrap());
    assert_eq!(store.session(b"two", 1_000).await.unwrap(), None);
    assert!(
        store
            .update_session(b"anon", "{\"y\":1}", 9_000)
            .await
            .unwrap()
    );
    assert_eq!(
        store.session(b"anon", 5_000).await.unwrap().as_deref(),
        Some("{\"y\":1}")
    );
}

on_both_backends!(failed_logins_are_counted_per_key_and_forgotten);

async fn failed_logins_are_counted_per_key_and_forgotten(db: &Fresh) {
    let store = db.store().await;
    for at in [100, 200, 300] {
        store
            .record_failure(&["user:a@example.jp", "client:10.0.0.1"], at, at, 0)
            .await
            .unwrap();
    }
    // Another attempt in the same second, taken back: only its own rows go.
    store
        .record_failure(&["user:a@example.jp", "client:10.0.0.1"], 300, 7, 0)
        .await
        .unwrap();
    store
        .forget_attempt(&["user:a@example.jp", "client:10.0.0.1"], 7)
        .await
        .unwrap();
    assert_eq!(
        store
            .failures_since("user:a@example.jp", 150)
            .await
            .unwrap(),
        (2, Some(200)),
        "two failures since 150, the oldest at 200"
    );
    assert_eq!(
        store.failures_since("client:10.0.0.2", 0).await.unwrap(),
        (0, None)
    );
    store.clear_failures("user:a@example.jp").await.unwrap();
    assert_eq!(
        store
            .failures_since("user:a@example.jp", 0)
            .await
            .unwrap()
            .0,
        0
    );
    assert_eq!(
        store.failures_since("client:10.0.0.1", 0).await.unwrap().0,
        3
    );
    // Old failures are dropped when a new one is recorded.
    store
        .record_failure(&["client:10.0.0.1"], 400, 400, 250)
        .await
        .unwrap();
    assert_eq!(
        store.failures_since("client:10.0.0.1", 0).await.unwrap().0,
        2
    );
}

on_both_backends!(the_audit_log_is_read_per_workspace_newest_first);

async fn the_audit_log_is_read_per_workspace_newest_first(db: &Fresh) {
    let store = db.store().await;
    let ws = store.workspace_named("SOC", true).await.unwrap().unwrap();
    let other = store.workspace_named("Other", true).await.unwrap().unwrap();
    for (workspace, actor, action) in [
        (Some(ws.id), "user:1", "assessment.create"),
        (Some(ws.id), "link:7", "answer.save"),
        (Some(other.id), "user:2", "assessment.create"),
        (None, "user:1", "login"),
        (Some(ws.id), "user:1", "answer.save"),
    ] {
        store
            .audit(&AuditEntry {
                workspace,
                actor: actor.into(),
                actor_name: None,
                client: "127.0.0.1".into(),
                action: action.into(),
                subject: "assessment:1".into(),
                old_value: None,
                new_value: Some("4".into()),
            })
            .await
            .unwrap();
    }
    let all = store
        .audit_log(
            Some(ws.id),
            &AuditFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        all.iter()
            .map(|r| (r.entry.actor.as_str(), r.entry.action.as_str()))
            .collect::<Vec<_>>(),
        [
            ("user:1", "answer.save"),
            ("link:7", "answer.save"),
            ("user:1", "assessment.create")
        ]
    );
    let saves = store
        .audit_log(
            Some(ws.id),
            &AuditFilter {
                action_prefix: Some("answer.".into()),
                actor: Some("link:7".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].entry.new_value.as_deref(), Some("4"));
    let older = store
        .audit_log(
            Some(ws.id),
            &AuditFilter {
                before: Some(all[0].id),
                limit: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(older[0].id, all[1].id);
}

on_both_backends!(links_lead_to_their_respondent_and_sheets_are_submitted_and_reopened);

async fn links_lead_to_their_respondent_and_sheets_are_submitted_and_reopened(db: &Fresh) {
    use isomm_core::Limits;
    use isomm_core::answers::Position;
    use isomm_store::{Added, AssessmentFields};
    let store = db.store().await;
    let fields = AssessmentFields {
        organization: "Links".into(),
        title: "t".into(),
        date: None,
        current_pattern: "hybrid".into(),
        target_pattern: "hybrid".into(),
        target_level: 4,
        plan: Default::default(),
        areas: Default::default(),
        workspace: None,
        deadline: None,
    };
    let a = store.create_assessment("isomm-2.1", &fields).await.unwrap();
    let add = |name: &'static str| {
        let store = store.clone();
        async move {
            match store
                .add_respondent(a, name, Position::Staff, &Limits::default())
                .await
                .unwrap()
            {
                Added::Respondent(id) => id,
                other => panic!("{other:?}"),
            }
        }
    };
    let (r1, r2) = (add("one").await, add("two").await);
    assert!(store.set_link(a, r1, Some(b"hash-one")).await.unwrap());
    assert!(!store.set_link(a, 9999, Some(b"x")).await.unwrap());
    let target = store.link_target(b"hash-one").await.unwrap().unwrap();
    assert_eq!(
        (target.assessment, target.respondent, target.submitted_at),
        (a, r1, None)
    );
    assert_eq!(store.link_target(b"nothing").await.unwrap(), None);
    let before = store.revision(a).await.unwrap().unwrap();
    assert_eq!(
        store
            .set_submitted(a, r1, Some(1_000), Some("田中"))
            .await
            .unwrap(),
        isomm_store::Submission::Done
    );
    assert!(
        store.revision(a).await.unwrap().unwrap() > before,
        "results change"
    );
    assert_eq!(
        store
            .link_target(b"hash-one")
            .await
            .unwrap()
            .unwrap()
            .submitted_at,
        Some(1_000)
    );
    assert_eq!(
        store.sheet_states(a).await.unwrap(),
        [
            SheetState {
                id: r1,
                link: true,
                submitted_at: Some(1_000),
                submitted_by: Some("田中".into()),
            },
            SheetState {
                id: r2,
                link: false,
                submitted_at: None,
                submitted_by: None,
            }
        ]
    );
    assert_eq!(
        store.set_submitted(a, r1, None, None).await.unwrap(),
        isomm_store::Submission::Done
    );
    assert!(store.set_link(a, r1, None).await.unwrap());
    assert_eq!(store.link_target(b"hash-one").await.unwrap(), None);
    assert_eq!(
        store
            .sheet_states(a)
            .await
            .unwrap()
            .iter()
            .map(|s| (s.id, s.link, s.submitted_at, s.submitted_by.clone()))
            .collect::<Vec<_>>(),
        [(r1, false, None, None), (r2, false, None, None)],
        "reopened: neither when nor by whom"
    );
}

on_both_backends!(respondents_of_an_imported_file_arrive_submitted);

async fn respondents_of_an_imported_file_arrive_submitted(db: &Fresh) {
    use isomm_core::Catalog;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    let catalog = Catalog::builtin();
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hybrid-soc-mssp.toml"
    ))
    .unwrap();
    let parsed =
        answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let store = db.store().await;
    let id = store.import(None, catalog, &parsed).await.unwrap();
    let states = store.sheet_states(id).await.unwrap();
    assert_eq!(states.len(), parsed.respondents.len());
    assert!(
        states
            .iter()
            .all(|s| !s.link && s.submitted_at.is_some() && s.submitted_by.is_none()),
        "{states:?}"
    );
}

on_both_backends!(results_count_submitted_respondents_and_audited_saves_keep_old_and_new);

async fn results_count_submitted_respondents_and_audited_saves_keep_old_and_new(db: &Fresh) {
    use isomm_core::answers::{Answer, Position};
    use isomm_core::limits::Limits;
    use isomm_core::{Catalog, Level};
    use isomm_store::{Added, AssessmentFields, Counting, Edit, Saved};
    let catalog = Catalog::builtin();
    let level = |v| Some(Level::new(v).unwrap());
    let store = db.store().await;
    let ws = store
        .workspace_named("SOC", true)
        .await
        .unwrap()
        .unwrap()
        .id;
    let fields = AssessmentFields {
        workspace: Some(ws),
        deadline: None,
        organization: "SOC".into(),
        title: "t".into(),
        date: None,
        current_pattern: "hybrid".into(),
        target_pattern: "hybrid".into(),
        target_level: 3,
        plan: Default::default(),
        areas: Default::default(),
    };
    let id = store
        .create_assessment(catalog.model(), &fields)
        .await
        .unwrap();
    let mut rids = Vec::new();
    for name in ["a", "b"] {
        let Added::Respondent(r) = store
            .add_respondent(id, name, Position::Staff, &Limits::default())
            .await
            .unwrap()
        else {
            panic!("added")
        };
        rids.push(r);
    }
    let line = AuditEntry::new("link:1", "192.0.2.1", "answer.save", "respondent:1");
    let three = Answer {
        insource: level(3),
        ..Answer::default()
    };
    let four = Answer {
        insource: level(4),
        note: Some("夜間は MSSP".into()),
        ..Answer::default()
    };
    for a in [&three, &three, &four] {
        assert_eq!(
            store
                .save_answers(
                    id,
                    rids[0],
                    &[("A-1".into(), a.clone())],
                    Edit {
                        audit: Some(&line),
                        open_only: true,
                    },
                )
                .await
                .unwrap(),
            Saved::Answered(1),
            "{}",
            db.url
        );
        // Each save its own run of edits (a pause between them).
        store.flush_audit(isomm_store::Pending::All).await.unwrap();
    }
    // Unaudited saves write no line.
    store
        .save_answers(
            id,
            rids[1],
            &[("A-1".into(), three.clone())],
            Edit::default(),
        )
        .await
        .unwrap();
    let log = store
        .audit_log(
            Some(ws),
            &AuditFilter {
                limit: 100,
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    let values: Vec<(Option<&str>, Option<&str>)> = log
        .iter()
        .map(|r| (r.entry.old_value.as_deref(), r.entry.new_value.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            (Some("in:3 out:-"), Some("in:4 out:- note:夜間は MSSP")),
            (Some("in:- out:-"), Some("in:3 out:-")),
        ],
        "one line per change, newest first, in the assessment's workspace ({})",
        db.url
    );
    assert_eq!(log[0].entry.subject, "respondent:1 role:A-1");
    assert_eq!(log[0].entry.actor, "link:1");

    // Counting: nobody has submitted; then one has.
    let stored = store.assessment(id).await.unwrap().unwrap();
    assert!(stored.respondents.iter().all(|r| !r.submitted));
    let names = |c| -> Vec<String> {
        stored
            .counting(catalog, c)
            .unwrap()
            .respondents
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert!(names(Counting::Submitted).is_empty());
    assert_eq!(names(Counting::All), ["a", "b"]);
    store
        .set_submitted(id, rids[1], Some(1), None)
        .await
        .unwrap();
    let stored = store.assessment(id).await.unwrap().unwrap();
    assert_eq!(
        stored
            .counting(catalog, Counting::Submitted)
            .unwrap()
            .respondents
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["b"],
        "{}",
        db.url
    );
    // Through the link, a submitted sheet is not changed (checked in the save's transaction);
    // an assessor's save still changes it.
    let through_link = Edit {
        audit: None,
        open_only: true,
    };
    let four_only = [("A-1".to_string(), four.clone())];
    assert_eq!(
        store
            .save_answers(id, rids[1], &four_only, through_link)
            .await
            .unwrap(),
        Saved::Submitted,
        "{}",
        db.url
    );
    assert_eq!(
        store
            .save_answers(id, rids[1], &four_only, Edit::default())
            .await
            .unwrap(),
        Saved::Answered(1)
    );
}

on_both_backends!(invitations_lead_to_their_workspace_until_used_cancelled_replaced_or_expired);

async fn invitations_lead_to_their_workspace_until_used_cancelled_replaced_or_expired(db: &Fresh) {
    let store = db.store().await;
    let ws = store
        .workspace_named("Client A", true)
        .await
        .unwrap()
        .unwrap();
    let other = store
        .workspace_named("Client B", true)
        .await
        .unwrap()
        .unwrap();
    let tanaka = email("tanaka@example.jp");
    let first = store
        .invite(ws.id, &tanaka, Access::Assessor, b"first", 1_000)
        .await
        .unwrap();
    let found = store.invitation(b"first", 999).await.unwrap().unwrap();
    assert_eq!(
        (found.id, &found.workspace, &found.email, found.access),
        (first, &ws, &tanaka, Access::Assessor),
        "{}",
        db.url
    );
    assert_eq!(
        store.invitation(b"first", 1_000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.invitation(b"other", 999).await.unwrap(), None);
    // A new invitation of the same address replaces the first.
    let second = store
        .invite(ws.id, &tanaka, Access::Viewer, b"second", 2_000)
        .await
        .unwrap();
    assert_eq!(store.invitation(b"first", 999).await.unwrap(), None);
    assert_eq!(
        store
            .invitations(ws.id, 0)
            .await
            .unwrap()
            .iter()
            .map(|i| (i.id, i.access))
            .collect::<Vec<_>>(),
        [(second, Access::Viewer)]
    );
    assert!(store.invitations(ws.id, 2_000).await.unwrap().is_empty());
    // Another workspace cannot end it; its own can, once.
    assert!(!store.end_invitation(other.id, second).await.unwrap());
    assert!(store.end_invitation(ws.id, second).await.unwrap());
    assert!(!store.end_invitation(ws.id, second).await.unwrap());
    assert_eq!(store.invitation(b"second", 0).await.unwrap(), None);
    // Accepting takes an invitation once, and not after it expired.
    let third = store
        .invite(ws.id, &tanaka, Access::Owner, b"third", 3_000)
        .await
        .unwrap();
    assert_eq!(store.take_invitation(b"third", 3_000).await.unwrap(), None);
    let taken = store
        .take_invitation(b"third", 2_999)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (taken.id, taken.access, &taken.workspace),
        (third, Access::Owner, &ws)
    );
    assert_eq!(
        store.take_invitation(b"third", 0).await.unwrap(),
        None,
        "once"
    );
}

on_both_backends!(shared_snapshots_audit_batches_and_pruning);

/// Issue 19 on both backends: a snapshot of shared results is kept until one of at least three more
/// sheets is offered; audit lines are written many at once and pruned before a time, the pruning
/// itself a line.
async fn shared_snapshots_audit_batches_and_pruning(db: &Fresh) {
    let store = db.store().await;
    let fields = isomm_store::AssessmentFields {
        organization: "Org".into(),
        title: "T".into(),
        date: None,
        current_pattern: "hybrid".into(),
        target_pattern: "hybrid".into(),
        target_level: 4,
        plan: isomm_core::PlanOptions::default(),
        areas: Default::default(),
        workspace: None,
        deadline: None,
    };
    let id = store.create_assessment("isomm-2.1", &fields).await.unwrap();
    assert_eq!(store.shared_snapshot(id).await.unwrap(), None);
    let kept = store
        .offer_shared_snapshot(id, 3, "three", 3)
        .await
        .unwrap();
    assert_eq!(kept, (3, "three".to_string()), "the first is taken");
    let kept = store.offer_shared_snapshot(id, 5, "five", 3).await.unwrap();
    assert_eq!(
        kept,
        (3, "three".to_string()),
        "two more sheets are not enough"
    );
    let kept = store.offer_shared_snapshot(id, 6, "six", 3).await.unwrap();
    assert_eq!(kept, (6, "six".to_string()), "three more replace it");
    assert_eq!(
        store.shared_snapshot(id).await.unwrap(),
        Some((6, "six".to_string()))
    );
    // Deleting the assessment deletes its snapshot.
    assert!(store.delete_assessment(id).await.unwrap());
    assert_eq!(store.shared_snapshot(id).await.unwrap(), None);

    let lines: Vec<AuditEntry> = (0..300)
        .map(|i| AuditEntry::new("user:1", "cli", "export.json", format!("assessment:{i}")))
        .collect();
    store.audit_many(&lines).await.unwrap();
    let all = AuditFilter {
        limit: 1000,
        ..Default::default()
    };
    assert_eq!(store.audit_log(None, &all).await.unwrap().len(), 300);
    assert_eq!(
        store.prune_audit(0, "cli").await.unwrap(),
        0,
        "nothing before 1970"
    );
    let far = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 86_400;
    assert_eq!(store.prune_audit(far, "cli").await.unwrap(), 301);
    let left = store.audit_log(None, &all).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].entry.action, "audit.prune");
    assert_eq!(left[0].entry.new_value.as_deref(), Some("lines:301"));
}
