//! Rules C1–C6 on small rounds built by hand: each case one rule's edge.

use super::*;

fn role(id: &str, level: Option<f64>) -> RoundRole {
    RoundRole {
        id: id.into(),
        function: id[..1].into(),
        level,
        insource: level,
        outsource: None,
        answering: 2,
        spread: Some(0),
    }
}

/// A round of functions A and B with these roles (each role's function is its letter).
fn round(roles: Vec<RoundRole>) -> Round {
    Round {
        model: "isomm-2.1".into(),
        target_level: 4,
        respondents: 2,
        overall: Some(3.0),
        functions: ["A", "B"]
            .iter()
            .map(|id| RoundFunction {
                id: (*id).into(),
                maturity: Some(3.0),
                insource: Some(3.0),
                outsource: None,
            })
            .collect(),
        roles,
        improvements: Vec::new(),
        plan: Vec::new(),
    }
}

fn t(text: &str) -> Threshold {
    Threshold::parse(text).unwrap()
}

/// C3, case by case: (earlier, later, threshold, status, the delta in tenths as shown).
#[test]
fn a_status_agrees_with_the_delta_people_read() {
    type Case = (Option<f64>, Option<f64>, &'static str, Status, Option<i64>);
    let cases: [Case; 11] = [
        (Some(3.0), Some(3.0), "0.5", Status::Unchanged, Some(0)),
        // −0.25 is shown −0.3: declined at 0.3, unchanged at 0.5.
        (Some(2.25), Some(2.0), "0.3", Status::Declined, Some(-3)),
        (Some(2.25), Some(2.0), "0.5", Status::Unchanged, Some(-3)),
        // 0.46 is shown 0.5: improved at 0.5.
        (Some(2.0), Some(2.46), "0.5", Status::Improved, Some(5)),
        // 4.1 − 3.6 is 0.4999999999999996 in binary, shown 0.5.
        (Some(3.6), Some(4.1), "0.5", Status::Improved, Some(5)),
        (Some(3.6), Some(4.1), "0.6", Status::Unchanged, Some(5)),
        (Some(1.0), Some(5.0), "5.0", Status::Unchanged, Some(40)),
        (Some(5.0), Some(1.0), "4.0", Status::Declined, Some(-40)),
        // Became applicable, was declined later, neither.
        (None, Some(2.0), "0.5", Status::New, None),
        (Some(2.0), None, "0.5", Status::Dropped, None),
        (None, None, "0.5", Status::None, None),
    ];
    for (earlier, later, threshold, status, shown) in cases {
        let c = compare(
            &round(vec![role("A-1", earlier)]),
            &round(vec![role("A-1", later)]),
            t(threshold),
        )
        .unwrap();
        let r = &c.roles[0];
        assert_eq!(
            (r.status, r.level.delta.map(tenths)),
            (status, shown),
            "{earlier:?} → {later:?} at {threshold}"
        );
    }
}

/// A role nobody answered in either round is `unanswered`, whatever its (default) levels say.
#[test]
fn a_role_nobody_answered_in_a_round_is_not_compared() {
    let mut nobody = role("A-1", Some(1.0));
    nobody.answering = 0;
    nobody.spread = None;
    for (earlier, later) in [
        (nobody.clone(), role("A-1", Some(4.0))),
        (role("A-1", Some(4.0)), nobody.clone()),
    ] {
        let c = compare(&round(vec![earlier]), &round(vec![later]), t("0.5")).unwrap();
        assert_eq!(c.roles[0].status, Status::Unanswered);
        assert_eq!(
            c.roles[0].level.delta.map(f64::abs),
            Some(3.0),
            "the delta is still given"
        );
        assert!(c.most_improved.is_empty() && c.most_declined.is_empty());
    }
}

/// C1: another model, other functions, or a role in another function is refused, named.
#[test]
fn results_of_different_models_are_refused_naming_what_differs() {
    let base = round(vec![role("A-1", Some(2.0)), role("B-1", Some(2.0))]);
    let mut other = base.clone();
    other.model = "isomm-3.0".into();
    assert_eq!(
        compare(&base, &other, t("0.5")),
        Err(Incomparable::Model {
            earlier: "isomm-2.1".into(),
            later: "isomm-3.0".into()
        })
    );
    let mut fewer = base.clone();
    fewer.functions.pop();
    assert!(matches!(
        compare(&base, &fewer, t("0.5")),
        Err(Incomparable::Functions { .. })
    ));
    let mut moved = base.clone();
    moved.roles[1].function = "A".into();
    assert_eq!(
        compare(&base, &moved, t("0.5")),
        Err(Incomparable::Role {
            role: "B-1".into(),
            earlier_function: Some("B".into()),
            later_function: Some("A".into())
        })
    );
    let mut extra = base.clone();
    extra.roles.push(role("B-2", Some(1.0)));
    assert_eq!(
        compare(&base, &extra, t("0.5")),
        Err(Incomparable::Role {
            role: "B-2".into(),
            earlier_function: None,
            later_function: Some("B".into())
        })
    );
}

/// C4: at most five each way, by the shown delta, ties in catalog order.
#[test]
fn most_improved_and_declined_are_ranked_by_the_shown_delta() {
    let earlier: Vec<RoundRole> = (1..=8)
        .map(|i| role(&format!("A-{i}"), Some(2.5)))
        .collect();
    let later_levels = [4.5, 3.0, 4.5, 3.5, 3.04, 1.0, 2.0, 3.46];
    let later: Vec<RoundRole> = later_levels
        .iter()
        .enumerate()
        .map(|(i, l)| role(&format!("A-{}", i + 1), Some(*l)))
        .collect();
    let c = compare(&round(earlier), &round(later), t("0.5")).unwrap();
    // +2.0 (A-1, A-3: a tie, catalog order), +1.0, +1.0 shown for 0.96, +0.5;
    // +0.54 shown 0.5 is the sixth and left out.
    assert_eq!(c.most_improved, ["A-1", "A-3", "A-4", "A-8", "A-2"]);
    assert_eq!(c.most_declined, ["A-6", "A-7"]);
}

/// C5: each earlier point, reached on the shown value, in the plan when it was shown.
#[test]
fn the_earlier_plan_is_followed_up_point_by_point() {
    let mut earlier = round(vec![
        role("A-1", Some(2.0)),
        role("A-2", Some(2.0)),
        role("B-1", Some(1.0)),
        role("B-2", Some(2.0)),
    ]);
    earlier.improvements = vec![
        RoundPoint {
            role: "A-1".into(),
            side: Side::Insource,
            level: 2.0,
        },
        RoundPoint {
            role: "A-2".into(),
            side: Side::Outsource,
            level: 1.0,
        },
        RoundPoint {
            role: "B-1".into(),
            side: Side::Insource,
            level: 1.0,
        },
        RoundPoint {
            role: "B-2".into(),
            side: Side::Insource,
            level: 2.0,
        },
    ];
    earlier.plan = vec![
        ("A-1".into(), Side::Insource),
        ("B-1".into(), Side::Insource),
    ];
    let later = round(vec![
        // 3.95 is shown 4.0: the target is reached.
        role("A-1", Some(3.95)),
        // No outsource value: counted 1, as in R10.
        role("A-2", Some(4.0)),
        // Not applicable any more.
        role("B-1", None),
        role("B-2", Some(3.94)),
    ]);
    let c = compare(&earlier, &round(later.roles.clone()), t("0.5")).unwrap();
    let seen: Vec<(&str, Option<f64>, bool, bool)> = c
        .plan_follow_up
        .iter()
        .map(|f| (f.role.as_str(), f.later_level, f.reached, f.in_plan))
        .collect();
    assert_eq!(
        seen,
        [
            ("A-1", Some(3.95), true, true),
            ("A-2", Some(1.0), false, false),
            ("B-1", None, false, true),
            ("B-2", Some(3.94), false, false),
        ]
    );
    assert!(c.plan_follow_up.iter().all(|f| f.target_level == 4));
}

/// C6: the roles whose spread is 2 or more in either round, with both spreads.
#[test]
fn perception_spreads_are_listed_then_and_now() {
    let with = |id: &str, spread: Option<u8>| RoundRole {
        spread,
        ..role(id, Some(3.0))
    };
    let earlier = round(vec![
        with("A-1", Some(3)),
        with("A-2", Some(1)),
        with("B-1", None),
    ]);
    let later = round(vec![
        with("A-1", Some(0)),
        with("A-2", Some(2)),
        with("B-1", Some(1)),
    ]);
    let c = compare(&earlier, &later, t("0.5")).unwrap();
    assert_eq!(
        c.perception,
        [
            PerceptionChange {
                role: "A-1".into(),
                earlier_spread: Some(3),
                later_spread: Some(0)
            },
            PerceptionChange {
                role: "A-2".into(),
                earlier_spread: Some(1),
                later_spread: Some(2)
            },
        ]
    );
}

/// The overall and each function are judged like roles (on the overall and on `maturity`).
#[test]
fn the_overall_and_the_functions_have_a_status_too() {
    let earlier = round(vec![role("A-1", Some(2.0))]);
    let mut later = earlier.clone();
    later.overall = Some(3.46);
    later.functions[0].maturity = Some(3.5);
    later.functions[1].maturity = None;
    let c = compare(&earlier, &later, t("0.5")).unwrap();
    assert_eq!(c.overall_status, Status::Improved);
    assert_eq!(c.overall.delta.map(tenths), Some(5));
    assert_eq!(
        c.functions.iter().map(|f| f.status).collect::<Vec<_>>(),
        [Status::Improved, Status::Dropped]
    );
}

#[test]
fn a_threshold_is_one_decimal_from_0_1_to_5_0() {
    for (text, tenths) in [("0.5", 5), ("1", 10), ("0,5", 5), (" 5.0 ", 50), ("0.1", 1)] {
        assert_eq!(
            Threshold::parse(text).map(Threshold::tenths),
            Some(tenths),
            "{text}"
        );
    }
    for text in [
        "0", "0.0", "5.1", "0.05", "-1", "", "one", "1.", ".5", "1e0",
    ] {
        assert_eq!(Threshold::parse(text), None, "{text}");
    }
    assert_eq!(Threshold::default().value(), 0.5);
}

/// A round compared with itself: every value unchanged (or none, or unanswered), nothing most
/// improved or declined, the plan's points followed up at their own levels.
#[test]
fn an_example_compared_with_itself_is_unchanged() {
    use crate::answers::{self, AnswersFormat, Overrides};
    let catalog = crate::Catalog::builtin();
    for name in [
        "hybrid-soc-mssp.toml",
        "inhouse-team-to-full-insource.toml",
        "large-soc-30-respondents.toml",
        "one-person-csirt.toml",
    ] {
        let source = std::fs::read_to_string(format!(
            "{}/../../examples/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let a =
            answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        let e = crate::evaluate(catalog, &a);
        let round = Round::of(catalog, &a, &e, crate::PlanOptions::default());
        assert_eq!(round.roles.len(), 54);
        let c = compare(&round, &round, Threshold::default()).unwrap();
        assert!(
            c.roles.iter().all(|r| matches!(
                r.status,
                Status::Unchanged | Status::None | Status::Unanswered
            )),
            "{name}"
        );
        assert!(c.most_improved.is_empty() && c.most_declined.is_empty());
        assert_eq!(c.plan_follow_up.len(), e.improvements.len());
        assert!(
            c.plan_follow_up
                .iter()
                .all(|f| f.later_level == Some(f.earlier_level)),
            "{name}: each point's later value is its own"
        );
        assert_eq!(
            c.plan_follow_up.iter().filter(|f| f.in_plan).count(),
            crate::plan::select(catalog, &e, crate::PlanOptions::default())
                .shown
                .len()
        );
    }
}
