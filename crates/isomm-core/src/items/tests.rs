//! Plan items: keys, statuses, a person's edit and C5's verification, case by case.

use super::*;

#[test]
fn keys_read_back_as_written_and_nothing_else_is_a_key() {
    for text in [
        "role:C-4:insource",
        "role:A-1:outsource",
        "custom:1",
        "custom:42",
    ] {
        assert_eq!(ItemKey::parse(text).unwrap().to_string(), text);
    }
    assert_eq!(
        ItemKey::parse("role:C-4:insource").unwrap().point(),
        Some(("C-4", Side::Insource))
    );
    for text in [
        "",
        "role:C-4",
        "role::insource",
        "role:C-4:both",
        "role:C-4:insource:x",
        "role:C 4:insource",
        "custom:",
        "custom:0",
        "custom:-1",
        "custom:1a",
        "custom:9999999999",
        "Role:C-4:insource",
        "todo",
    ] {
        assert_eq!(ItemKey::parse(text), None, "{text:?}");
    }
}

#[test]
fn every_status_reads_back_and_only_done_and_wont_do_are_closed() {
    for s in ItemStatus::ALL {
        assert_eq!(ItemStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(ItemStatus::parse("Done"), None);
    let open: Vec<&str> = ItemStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    assert_eq!(open, ["todo", "in_progress", "on_hold"]);
}

fn raw<'a>(status: &'a str, reason: &'a str, evidence: &'a str) -> RawItem<'a> {
    RawItem {
        title: " 手順書を整備する ",
        owner: "鈴木",
        due: "2027-03-31",
        status,
        reason,
        target_level: "4",
        evidence,
        note: "",
    }
}

#[test]
fn an_edit_is_taken_trimmed_and_empty_fields_are_none() {
    let fields = ItemFields::parse(&raw("in_progress", "", "https://wiki.example/soc/c4")).unwrap();
    assert_eq!(fields.title, "手順書を整備する");
    assert_eq!(fields.owner.as_deref(), Some("鈴木"));
    assert_eq!(fields.due.as_deref(), Some("2027-03-31"));
    assert_eq!(fields.status, ItemStatus::InProgress);
    assert_eq!((fields.reason, fields.note), (None, None));
    assert_eq!(fields.target_level, 4);
}

#[test]
fn each_bad_field_is_named_with_what_is_wrong() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let cases: Vec<(RawItem, Vec<(&str, ItemProblem)>)> = vec![
        (
            RawItem {
                title: "  ",
                ..raw("todo", "", "")
            },
            vec![("title", ItemProblem::TitleEmpty)],
        ),
        (
            RawItem {
                title: &long,
                ..raw("todo", "", "")
            },
            vec![(
                "title",
                ItemProblem::TooLong {
                    max: MAX_TEXT_CHARS,
                },
            )],
        ),
        (
            RawItem {
                due: "2027-02-30",
                ..raw("todo", "", "")
            },
            vec![("due", ItemProblem::BadDate)],
        ),
        (
            RawItem {
                due: "31/03/2027",
                ..raw("todo", "", "")
            },
            vec![("due", ItemProblem::BadDate)],
        ),
        (
            raw("finished", "", ""),
            vec![("status", ItemProblem::BadStatus)],
        ),
        (
            raw("wont_do", " ", ""),
            vec![("reason", ItemProblem::ReasonRequired)],
        ),
        (
            RawItem {
                target_level: "6",
                ..raw("todo", "", "")
            },
            vec![("target_level", ItemProblem::BadTargetLevel)],
        ),
        (
            RawItem {
                target_level: "",
                ..raw("todo", "", "")
            },
            vec![("target_level", ItemProblem::BadTargetLevel)],
        ),
        (
            raw("todo", "", "see javascript:alert(1)"),
            vec![(
                "evidence",
                ItemProblem::BadLink {
                    link: "javascript:alert".into(),
                },
            )],
        ),
        (
            raw("todo", "", "ftp://files.example/x and https://ok.example"),
            vec![(
                "evidence",
                ItemProblem::BadLink {
                    link: "ftp://files.example/x".into(),
                },
            )],
        ),
        (
            raw("todo", "", "見て→file:///etc/passwd"),
            vec![(
                "evidence",
                ItemProblem::BadLink {
                    link: "見て→file:///etc/passwd".into(),
                },
            )],
        ),
    ];
    for (raw, expected) in cases {
        assert_eq!(ItemFields::parse(&raw).unwrap_err(), expected, "{raw:?}");
    }
    // A reason makes wont_do whole; text without a link is text.
    assert!(ItemFields::parse(&raw("wont_do", "外部委託に決めた", "議事録 2027-01 参照")).is_ok());
}

#[test]
fn web_links_are_found_for_the_page_to_link() {
    assert_eq!(
        web_links("手順書 https://wiki.example/soc/c4 と (http://x.example/a) 以上"),
        ["https://wiki.example/soc/c4", "http://x.example/a"]
    );
    assert!(web_links("https:// だけ").is_empty());
}

fn role(id: &str, level: Option<f64>, insource: Option<f64>, outsource: Option<f64>) -> RoundRole {
    RoundRole {
        id: id.into(),
        function: "C".into(),
        level,
        insource,
        outsource,
        answering: 3,
        spread: None,
    }
}

#[test]
fn a_done_item_is_verified_against_its_own_target_level_rounded_as_shown() {
    let later = [
        role("C-4", Some(3.95), Some(3.95), None),
        role("C-5", Some(2.0), Some(2.0), None),
        role("C-6", None, None, None),
    ];
    let key = |text: &str| ItemKey::parse(text).unwrap();
    let cases = [
        // 3.95 is shown as 4.0: it reaches 4, not 5.
        (
            "role:C-4:insource",
            ItemStatus::Done,
            4,
            Some(Verified::Achieved),
        ),
        (
            "role:C-4:insource",
            ItemStatus::Done,
            5,
            Some(Verified::NotAchieved),
        ),
        // No outsource value: 1, as in R10.
        (
            "role:C-4:outsource",
            ItemStatus::Done,
            2,
            Some(Verified::NotAchieved),
        ),
        (
            "role:C-4:outsource",
            ItemStatus::Done,
            1,
            Some(Verified::Achieved),
        ),
        // Not applicable in the later round, or not in it at all: not reached.
        (
            "role:C-6:insource",
            ItemStatus::Done,
            1,
            Some(Verified::NotAchieved),
        ),
        (
            "role:Z-9:insource",
            ItemStatus::Done,
            1,
            Some(Verified::NotAchieved),
        ),
        // Only done items made from a point are verified.
        ("role:C-5:insource", ItemStatus::InProgress, 2, None),
        ("role:C-5:insource", ItemStatus::WontDo, 2, None),
        ("custom:1", ItemStatus::Done, 2, None),
    ];
    for (k, status, target, expected) in cases {
        assert_eq!(
            verify(&key(k), status, target, &later),
            expected,
            "{k} {status:?} {target}"
        );
    }
}

#[test]
fn the_updated_time_reads_back_to_the_millisecond() {
    for ms in [0, 1_764_579_600_000, 1_764_579_600_123] {
        assert_eq!(parse_updated(&updated_text(ms)), Some(ms));
    }
    assert_eq!(updated_text(1_764_579_600_123), "2025-12-01T09:00:00.123Z");
    assert_eq!(
        parse_updated("2026-12-01T09:00:00Z"),
        Some(1_796_115_600_000)
    );
    assert_eq!(parse_updated("yesterday"), None);
}

#[test]
fn a_tracked_point_is_followed_up_with_its_items_own_target() {
    use crate::compare::{Change, Comparison, FollowUp, Status, Threshold};
    let point = |role: &str, side, later_level| FollowUp {
        role: role.into(),
        side,
        earlier_level: 1.0,
        later_level,
        target_level: 4,
        reached: crate::compare::reaches(later_level, 4),
        in_plan: true,
    };
    let none = Change {
        earlier: None,
        later: None,
        delta: None,
    };
    let mut c = Comparison {
        threshold: Threshold::default(),
        overall: none,
        overall_status: Status::None,
        functions: Vec::new(),
        roles: Vec::new(),
        most_improved: Vec::new(),
        most_declined: Vec::new(),
        plan_follow_up: vec![
            point("C-4", Side::Insource, Some(3.0)),
            point("C-4", Side::Outsource, Some(3.0)),
            point("B-2", Side::Insource, Some(2.96)),
            point("A-1", Side::Insource, None),
        ],
        perception: Vec::new(),
    };
    let item = |key: &str, target_level| Item {
        key: ItemKey::parse(key).unwrap(),
        rank: Some(1),
        action: "raise-in-house".into(),
        fields: ItemFields {
            title: key.into(),
            owner: None,
            due: None,
            status: ItemStatus::Done,
            reason: None,
            target_level,
            evidence: None,
            note: None,
        },
        level_at_start: Some(1.0),
        updated_at: 0,
    };
    follow_up(
        &mut c,
        &[
            // 3.0 reaches the item's own 3, not the round's 4.
            item("role:C-4:insource", 3),
            // 2.96 is shown 3.0: it reaches 3.
            item("role:B-2:insource", 3),
            // Not applicable later: never reached.
            item("role:A-1:insource", 1),
            item("custom:1", 1),
        ],
    );
    let got: Vec<(&str, Side, u8, bool)> = c
        .plan_follow_up
        .iter()
        .map(|f| (f.role.as_str(), f.side, f.target_level, f.reached))
        .collect();
    assert_eq!(
        got,
        [
            ("C-4", Side::Insource, 3, true),
            // Untracked: the round's target.
            ("C-4", Side::Outsource, 4, false),
            ("B-2", Side::Insource, 3, true),
            ("A-1", Side::Insource, 1, false),
        ]
    );
}

#[test]
fn due_dates_are_read_as_people_type_them() {
    for (typed, read) in [
        ("2027-03-31", Some("2027-03-31")),
        ("2027/3/31", Some("2027-03-31")),
        ("2027-3-1", Some("2027-03-01")),
        (" 2027/03/31 ", Some("2027-03-31")),
        ("２０２７／３／３１", Some("2027-03-31")),
        ("2028-2-29", Some("2028-02-29")),
        ("2027-2-29", None),
        ("2027-13-01", None),
        ("27/3/31", None),
        ("2027.3.31", None),
        ("2027-003-01", None),
        ("来週", None),
    ] {
        assert_eq!(typed_date(typed).as_deref(), read, "{typed:?}");
    }
}
