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
    for (text, tenths) in [
        ("0.5", 5),
        ("1", 10),
        ("0,5", 5),
        (" 5.0 ", 50),
        ("0.1", 1),
        ("0.10", 1),
        ("2.500", 25),
    ] {
        assert_eq!(
            Threshold::parse(text).map(Threshold::tenths),
            Some(tenths),
            "{text}"
        );
    }
    for text in [
        "0", "0.0", "5.1", "0.05", "-1", "", "one", "1.", ".5", "1e0", "0.15", "0.00",
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

// ---------------------------------------------------------------------------------------------
// C1–C6 written again from the assessments themselves (answers, not rounds), with their own
// rounding, and compared with `compare` on generated pairs.

mod oracle {
    use crate::answers::Side;
    use crate::rules::respondent_level;
    use crate::{Assessment, Catalog, Evaluation};

    /// A value in tenths as shown: 15 significant digits (from the decimal text), then half away
    /// from zero, by decimal arithmetic on that text.
    pub fn tenths(x: f64) -> i64 {
        let text = format!("{:.14e}", x.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap();
        let exponent: i32 = exponent.parse().unwrap();
        let digits: Vec<i64> = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| i64::from(b - b'0'))
            .collect();
        // The value is 0.d1d2…d15 × 10^(exponent + 1); tenths are the digits up to 10^-1.
        let keep = exponent + 2; // how many digits lie at or above the tenths place
        let (mut whole, next) = if keep <= 0 {
            (0, if keep == 0 { digits[0] } else { 0 })
        } else {
            let keep = keep as usize;
            let value = digits
                .iter()
                .chain(std::iter::repeat(&0))
                .take(keep)
                .fold(0i64, |v, d| v * 10 + d);
            (value, digits.get(keep).copied().unwrap_or(0))
        };
        if next >= 5 {
            whole += 1;
        }
        if x < 0.0 { -whole } else { whole }
    }

    pub fn unanswered_by_all(a: &Assessment, role: usize) -> bool {
        a.respondents
            .iter()
            .all(|p| p.answers[role].insource.is_none() && p.answers[role].outsource.is_none())
    }

    /// C6's spread of a role, from the answers.
    pub fn spread(a: &Assessment, role: usize) -> Option<u8> {
        let levels: Vec<u8> = a
            .respondents
            .iter()
            .map(|p| &p.answers[role])
            .filter(|x| x.insource.is_some() || x.outsource.is_some())
            .map(respondent_level)
            .collect();
        (levels.len() >= 2).then(|| levels.iter().max().unwrap() - levels.iter().min().unwrap())
    }

    pub fn status(
        earlier: Option<f64>,
        later: Option<f64>,
        t: i64,
        unanswered: bool,
    ) -> &'static str {
        if unanswered {
            return "unanswered";
        }
        match (earlier, later) {
            (Some(e), Some(l)) => {
                let d = tenths(l - e);
                if d >= t {
                    "improved"
                } else if d <= -t {
                    "declined"
                } else {
                    "unchanged"
                }
            }
            (None, Some(_)) => "new",
            (Some(_), None) => "dropped",
            (None, None) => "none",
        }
    }

    /// Everything C1–C6 say of two assessments, as plain values.
    #[derive(Debug, PartialEq)]
    pub struct Said {
        pub overall: (Option<f64>, &'static str),
        pub functions: Vec<(Option<f64>, &'static str)>,
        pub roles: Vec<(Option<f64>, &'static str)>,
        pub most_improved: Vec<String>,
        pub most_declined: Vec<String>,
        pub follow_up: Vec<(String, Side, Option<f64>, bool, bool)>,
        pub perception: Vec<(String, Option<u8>, Option<u8>)>,
    }

    pub fn said(
        catalog: &Catalog,
        (a, e): (&Assessment, &Evaluation),
        (b, l): (&Assessment, &Evaluation),
        plan: &[usize],
        t: i64,
    ) -> Said {
        let delta = |x: Option<f64>, y: Option<f64>| x.zip(y).map(|(x, y)| y - x);
        let roles: Vec<(Option<f64>, &'static str)> = (0..catalog.roles().len())
            .map(|r| {
                let unanswered = unanswered_by_all(a, r) || unanswered_by_all(b, r);
                (
                    delta(e.roles[r].level, l.roles[r].level),
                    status(e.roles[r].level, l.roles[r].level, t, unanswered),
                )
            })
            .collect();
        let most = |wanted: &str, sign: i64| {
            let mut found: Vec<(i64, usize)> = roles
                .iter()
                .enumerate()
                .filter(|(_, (_, s))| *s == wanted)
                .map(|(i, (d, _))| (sign * tenths(d.unwrap()), i))
                .collect();
            // d descending, then catalog order.
            found.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            found
                .iter()
                .take(5)
                .map(|(_, i)| catalog.roles()[*i].id.clone())
                .collect::<Vec<_>>()
        };
        Said {
            overall: (
                delta(e.overall, l.overall),
                status(e.overall, l.overall, t, false),
            ),
            functions: e
                .functions
                .iter()
                .zip(&l.functions)
                .map(|(x, y)| {
                    (
                        delta(x.maturity, y.maturity),
                        status(x.maturity, y.maturity, t, false),
                    )
                })
                .collect(),
            most_improved: most("improved", 1),
            most_declined: most("declined", -1),
            roles,
            follow_up: e
                .improvements
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let later = l.roles[p.role].level.map(|_| {
                        match p.side {
                            Side::Insource => l.roles[p.role].insource,
                            Side::Outsource => l.roles[p.role].outsource,
                        }
                        .unwrap_or(1.0)
                    });
                    let reached =
                        later.is_some_and(|v| tenths(v) >= i64::from(a.target_level.get()) * 10);
                    (
                        catalog.roles()[p.role].id.clone(),
                        p.side,
                        later,
                        reached,
                        plan.contains(&i),
                    )
                })
                .collect(),
            perception: (0..catalog.roles().len())
                .filter_map(|r| {
                    let (x, y) = (spread(a, r), spread(b, r));
                    (x.is_some_and(|s| s >= 2) || y.is_some_and(|s| s >= 2))
                        .then(|| (catalog.roles()[r].id.clone(), x, y))
                })
                .collect(),
        }
    }
}

/// What `compare` says, as the oracle's plain values.
fn said_by_compare(c: &Comparison) -> oracle::Said {
    oracle::Said {
        overall: (c.overall.delta, c.overall_status.as_str()),
        functions: c
            .functions
            .iter()
            .map(|f| (f.maturity.delta, f.status.as_str()))
            .collect(),
        roles: c
            .roles
            .iter()
            .map(|r| (r.level.delta, r.status.as_str()))
            .collect(),
        most_improved: c.most_improved.clone(),
        most_declined: c.most_declined.clone(),
        follow_up: c
            .plan_follow_up
            .iter()
            .map(|f| (f.role.clone(), f.side, f.later_level, f.reached, f.in_plan))
            .collect(),
        perception: c
            .perception
            .iter()
            .map(|p| (p.role.clone(), p.earlier_spread, p.later_spread))
            .collect(),
    }
}

fn check_pair(a: &crate::Assessment, b: &crate::Assessment, t: u8) -> Result<(), TestCaseError> {
    let catalog = crate::Catalog::builtin();
    let options = crate::PlanOptions::default();
    let (e, l) = (crate::evaluate(catalog, a), crate::evaluate(catalog, b));
    let threshold = Threshold::parse(&format!("{}.{}", t / 10, t % 10)).unwrap();
    let c = compare(
        &Round::of(catalog, a, &e, options),
        &Round::of(catalog, b, &l, options),
        threshold,
    )
    .unwrap();
    let plan = crate::plan::select(catalog, &e, options).shown;
    prop_assert_eq!(
        said_by_compare(&c),
        oracle::said(catalog, (a, &e), (b, &l), &plan, i64::from(t))
    );
    Ok(())
}

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

proptest! {
    #[test]
    fn compare_says_what_c1_to_c6_say_of_two_assessments(
        a in crate::rules::tests::arb_assessment(),
        b in crate::rules::tests::arb_assessment(),
        t in 1u8..=50,
    ) {
        check_pair(&a, &b, t)?;
    }

    /// A later round that differs from the earlier in a few answers: most roles unchanged, some
    /// on the threshold's edge.
    #[test]
    fn compare_says_what_c1_to_c6_say_of_a_round_and_its_next(
        a in crate::rules::tests::arb_assessment(),
        changes in proptest::collection::vec((0usize..54, 0usize..4, proptest::option::of(0u8..=5)), 0..12),
        t in 1u8..=50,
    ) {
        let mut b = a.clone();
        for (role, who, level) in changes {
            let n = b.respondents.len();
            let answer = &mut b.respondents[who % n].answers[role];
            answer.insource = level.map(|v| crate::Level::new(v.into()).unwrap());
        }
        check_pair(&a, &b, t)?;
    }
}

#[test]
fn the_oracle_rounds_as_people_read() {
    for (x, tenths) in [
        (0.46, 5),
        (-0.25, -3),
        (0.25, 3),
        (4.1 - 3.6, 5),
        (41.0 / 20.0, 21),
        (0.04, 0),
        (-0.05, -1),
        (5.0, 50),
        (0.0, 0),
    ] {
        assert_eq!(oracle::tenths(x), tenths, "{x}");
        assert_eq!(crate::rounding::tenths(x), tenths, "{x}");
    }
}
