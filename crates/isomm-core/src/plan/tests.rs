//! Data-driven tests of the plan's rules: tables of R10 points (or answers) in, the plan's choices
//! out.

use super::*;
use crate::Catalog;
use crate::answers::{self, AnswersFormat, Overrides};
use crate::rules::evaluate;

#[test]
fn options_are_bounded() {
    let max = PlanOptions::MAX_SIZE;
    // (size, min_gap) → (size, min_gap, min_gap in tenths), or refused.
    type Case = (usize, f64, Option<(usize, f64, u8)>);
    let cases: [Case; 10] = [
        (0, 0.5, None),
        (max + 1, 0.5, None),
        (10, -0.1, None),
        (10, 5.1, None),
        (10, f64::NAN, None),
        // One decimal at most, as every level and gap is shown.
        (10, 0.25, None),
        (10, 0.5, Some((10, 0.5, 5))),
        (1, 0.0, Some((1, 0.0, 0))),
        (max, 0.3, Some((500, 0.3, 3))),
        (max, 5.0, Some((500, 5.0, 50))),
    ];
    for (size, min_gap, expected) in cases {
        let o = PlanOptions::new(size, min_gap);
        assert_eq!(
            o.map(|o| (o.size(), o.min_gap(), o.min_gap_tenths())),
            expected,
            "{size} {min_gap}"
        );
    }
    assert_eq!(PlanOptions::new(10, 0.5), Some(PlanOptions::default()));
    // The store's columns (size, tenths) → (size, tenths), or refused.
    type Stored = ((i64, i64), Option<(usize, u8)>);
    let stored: [Stored; 4] = [
        ((500, 3), Some((500, 3))),
        ((-1, 3), None),
        ((10, 300), None),
        ((10, 51), None),
    ];
    for ((size, tenths), expected) in stored {
        assert_eq!(
            PlanOptions::from_stored(size, tenths).map(|o| (o.size(), o.min_gap_tenths())),
            expected,
            "{size} {tenths}"
        );
    }
}

/// An R10 point of role `role` with this gap, side and transition.
fn point(role: usize, gap: f64, side: Side, transition: bool) -> Improvement {
    Improvement {
        role,
        side,
        level: 4.0 - gap,
        gap,
        transition,
        priority: gap + if transition { 1.0 } else { 0.0 },
    }
}

/// Every point lands in exactly one of shown, folded and below, in R10's order; a gap a hair
/// below the threshold (as 4 − 3.5 may be computed) counts as equal to it.
#[test]
fn selection_cuts_by_threshold_then_size() {
    type Case = (
        &'static str,
        Vec<f64>,
        usize,
        f64,
        Vec<usize>,
        Vec<usize>,
        usize,
    );
    let cases: [Case; 7] = [
        ("nothing to improve", vec![], 10, 0.5, vec![], vec![], 0),
        (
            "all within size and threshold",
            vec![3.0, 2.0, 1.0],
            10,
            0.5,
            vec![0, 1, 2],
            vec![],
            0,
        ),
        (
            "folded past the size",
            vec![3.0, 2.0, 1.0],
            2,
            0.5,
            vec![0, 1],
            vec![2],
            0,
        ),
        (
            "below the threshold, wherever they are",
            vec![0.3, 3.0, 0.4, 1.0],
            10,
            0.5,
            vec![1, 3],
            vec![],
            2,
        ),
        (
            "threshold first, then size",
            vec![3.0, 0.2, 2.0, 1.0],
            2,
            0.5,
            vec![0, 2],
            vec![3],
            1,
        ),
        (
            "a hair below the threshold counts as on it",
            vec![0.5 - 1e-12, 0.5 - 1e-6],
            10,
            0.5,
            vec![0],
            vec![],
            1,
        ),
        (
            "a threshold of 0 keeps every point",
            vec![0.1, 0.05],
            1,
            0.0,
            vec![0],
            vec![1],
            0,
        ),
    ];
    for (what, gaps, size, min_gap, shown, folded, below) in cases {
        let points: Vec<Improvement> = gaps
            .iter()
            .enumerate()
            .map(|(i, g)| point(i, *g, Side::Insource, false))
            .collect();
        let distinct: Vec<usize> = (0..points.len()).collect();
        let s = cut(
            &points,
            &distinct,
            &[],
            PlanOptions::new(size, min_gap).unwrap(),
        );
        assert_eq!(
            s,
            Selection {
                shown,
                folded,
                below,
                reserved: vec![],
            },
            "{what}"
        );
        assert_eq!(s.shown.len() + s.folded.len() + s.below, points.len());
    }
}

#[test]
fn a_line_starts_from_the_whole_level_reached_at_least_1() {
    // L → the level quoted. No value (nobody rated the side, some may have answered 0) is L = 1
    // (R10): the line starts from level 1, never from 0 beside a "counts as 1".
    let cases: [(f64, u8); 7] = [
        (2.0, 2),
        (2.9, 2),
        (3.0 - 1e-12, 3),
        (4.75, 4),
        (1.0, 1),
        (0.5, 1),
        (7.0, 5),
    ];
    for (level, expected) in cases {
        let mut p = point(0, 4.0 - level, Side::Insource, false);
        p.level = level;
        assert_eq!(from_level(&p), expected, "{level}");
    }
}

fn assessment(respondents: &str) -> Assessment {
    let text = format!(
        "format = \"isomm-answers/1\"\norganization = \"Org\"\ntitle = \"Plan\"\n\
         current_pattern = \"hybrid\"\ntarget_pattern = \"minimum-outsource\"\ntarget_level = 4\n\
         {respondents}"
    );
    answers::parse(
        &text,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap()
}

fn respondent(name: &str, answers: &str) -> String {
    format!(
        "[[respondents]]\nname = \"{name}\"\nposition = \"staff\"\n[respondents.answers]\n{answers}\n"
    )
}

/// Counting a role's answers: per side (1–5 against 0), how many gave it a level, and whether that
/// is too few to rest a level on.
#[test]
fn a_level_rests_on_the_respondents_who_gave_one() {
    type Case = (&'static str, Vec<String>, SideCount, SideCount, usize, bool);
    let count = |rated, declined| SideCount { rated, declined };
    let cases: [Case; 6] = [
        (
            "one respondent: never thin",
            vec![respondent("A", "\"A-1\" = { insource = 3 }")],
            count(1, 0),
            count(0, 0),
            1,
            false,
        ),
        (
            "two who gave a level",
            vec![
                respondent("A", "\"A-1\" = { insource = 3, outsource = 0 }"),
                respondent("B", "\"A-1\" = { outsource = 2 }"),
            ],
            count(1, 0),
            count(1, 1),
            2,
            false,
        ),
        (
            "one of two gave a level",
            vec![
                respondent("A", "\"A-1\" = { insource = 3 }"),
                respondent("B", ""),
            ],
            count(1, 0),
            count(0, 0),
            1,
            true,
        ),
        (
            "0 on both sides is no level",
            vec![
                respondent("A", "\"A-1\" = { insource = 0, outsource = 0 }"),
                respondent("B", "\"A-1\" = { insource = 4 }"),
            ],
            count(1, 1),
            count(0, 1),
            1,
            true,
        ),
        (
            "nobody answered",
            vec![
                respondent("A", ""),
                respondent("B", ""),
                respondent("C", ""),
            ],
            count(0, 0),
            count(0, 0),
            0,
            true,
        ),
        (
            "three, two of them on the same side",
            vec![
                respondent("A", "\"A-1\" = { insource = 1 }"),
                respondent("B", "\"A-1\" = { insource = 5 }"),
                respondent("C", "\"A-1\" = { outsource = 0 }"),
            ],
            count(2, 0),
            count(0, 1),
            2,
            false,
        ),
    ];
    let a1 = Catalog::builtin().role_index("A-1").unwrap();
    for (what, respondents, insource, outsource, answered, is_thin) in cases {
        let a = assessment(&respondents.concat());
        assert_eq!(side_count(&a, a1, Side::Insource), insource, "{what}");
        assert_eq!(side_count(&a, a1, Side::Outsource), outsource, "{what}");
        assert_eq!(evidence(&a, a1), answered, "{what}");
        assert_eq!(thin(&a, a1), is_thin, "{what}");
    }
}

/// The rules together on an evaluation: the threshold leaves C-1 (gap 1) out; the side of each
/// point has a value or not as R5 says.
#[test]
fn an_evaluation_is_cut_and_read_as_the_plan_reads_it() {
    let a = assessment(&respondent(
        "A",
        "\"C-1\" = { outsource = 3 }\n\"C-2\" = { outsource = 2 }\n\"A-1\" = { insource = 4 }",
    ));
    let e = evaluate(Catalog::builtin(), &a);
    let all = select(
        Catalog::builtin(),
        &e,
        PlanOptions::new(PlanOptions::MAX_SIZE, 0.0).unwrap(),
    );
    assert_eq!(all.shown, (0..e.improvements.len()).collect::<Vec<_>>());
    let cut = select(Catalog::builtin(), &e, PlanOptions::new(3, 1.5).unwrap());
    // Three lines, three weaknesses (the functions nobody answered): each keeps its highest point,
    // in R8's order, and the lines read in R10's order.
    assert_eq!((cut.shown.len(), cut.below, e.weaknesses.len()), (3, 1, 3));
    let mut kept = cut.reserved.clone();
    kept.sort_unstable();
    assert_eq!(kept, cut.shown);
    for (&f, &i) in e.weaknesses.iter().zip(&cut.reserved) {
        let first = e
            .improvements
            .iter()
            .position(|p| Catalog::builtin().roles()[p.role].function == f)
            .unwrap();
        assert_eq!(i, first);
    }
    let role = |id| Catalog::builtin().role_index(id).unwrap();
    let at = |id| {
        e.improvements
            .iter()
            .position(|p| p.role == role(id))
            .unwrap()
    };
    assert!(!cut.shown.contains(&at("C-1")) && !cut.folded.contains(&at("C-1")));
    let cases = [("C-1", true), ("C-2", true), ("B-1", false)];
    for (id, present) in cases {
        assert_eq!(side_present(&e, &e.improvements[at(id)]), present, "{id}");
    }
}

fn assessment_between(current: &str, target: &str, respondents: &str) -> Assessment {
    let text = format!(
        "format = \"isomm-answers/1\"\norganization = \"Org\"\ntitle = \"Plan\"\n\
         current_pattern = \"{current}\"\ntarget_pattern = \"{target}\"\ntarget_level = 4\n\
         {respondents}"
    );
    answers::parse(
        &text,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap()
}

/// The action of a role's point, read from the answers first: (what, patterns, the answers of two
/// respondents to one role, the role, the action). Hybrid → minimum-outsource moves area IV
/// (E-4) in-house and keeps III (C-1) outsourced and I in-house; hybrid → minimum-insource
/// moves area II to a provider.
#[test]
fn the_answers_decide_a_lines_action_before_the_patterns() {
    use Action::*;
    type Case = (
        &'static str,
        (&'static str, &'static str),
        [&'static str; 2],
        &'static str,
        Action,
    );
    const UP: (&str, &str) = ("hybrid", "minimum-outsource");
    const DOWN: (&str, &str) = ("hybrid", "minimum-insource");
    let cases: [Case; 14] = [
        (
            "nobody answered a role moving in-house",
            UP,
            ["", ""],
            "E-4",
            FindOut,
        ),
        (
            "nobody answered a role staying outsourced",
            UP,
            ["", ""],
            "C-1",
            FindOut,
        ),
        (
            "nobody answered a role moving out",
            DOWN,
            ["", ""],
            "A-4",
            FindOut,
        ),
        // Rule 2: the target's side has a value, R9 mismatch or not.
        (
            "done in-house already, though the pattern outsources it (R9)",
            UP,
            ["insource = 2", ""],
            "E-4",
            RaiseInHouse,
        ),
        (
            "in-house under both patterns",
            UP,
            ["insource = 1", "insource = 3"],
            "A-1",
            RaiseInHouse,
        ),
        (
            "outsourced under both",
            UP,
            ["outsource = 2", ""],
            "C-1",
            ManageProvider,
        ),
        (
            "outsourced already, though the pattern keeps it in-house (R9)",
            DOWN,
            ["outsource = 2", ""],
            "A-4",
            ManageProvider,
        ),
        // Rule 3: the answers contradict the current pattern, no value on the target's side.
        (
            "in-house though outsourced under both patterns",
            UP,
            ["insource = 2", ""],
            "C-1",
            ConfirmSourcing,
        ),
        (
            "outsourced though in-house under both",
            UP,
            ["outsource = 3", ""],
            "A-1",
            ConfirmSourcing,
        ),
        // Rule 4: no value on the target's side; the patterns move the role.
        (
            "the provider runs a role moving in-house",
            UP,
            ["outsource = 3", ""],
            "E-4",
            BringInHouse,
        ),
        (
            "declined in-house, provider runs it",
            UP,
            ["insource = 0, outsource = 3", ""],
            "E-4",
            BringInHouse,
        ),
        (
            "in-house now, moving to a provider",
            DOWN,
            ["insource = 2", ""],
            "A-4",
            HandOver,
        ),
        // Answered, but with 0s only: nothing contradicts, nothing to raise.
        (
            "declined in-house by one, unanswered by the other",
            UP,
            ["insource = 0", ""],
            "A-1",
            BringInHouse,
        ),
        (
            "declined by a provider by one, unanswered by the other",
            UP,
            ["outsource = 0", ""],
            "C-1",
            HandOver,
        ),
    ];
    for (what, (current, target), answers, role, expected) in cases {
        let respondents: String = answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let line = if a.is_empty() {
                    String::new()
                } else {
                    format!("\"{role}\" = {{ {a} }}")
                };
                respondent(&format!("R{i}"), &line)
            })
            .collect();
        let a = assessment_between(current, target, &respondents);
        let e = evaluate(Catalog::builtin(), &a);
        let r = Catalog::builtin().role_index(role).unwrap();
        let point = e
            .improvements
            .iter()
            .find(|p| p.role == r)
            .unwrap_or_else(|| panic!("{what}: {role} has a point"));
        assert_eq!(Action::of(&e, point), expected, "{what}");
    }
}

/// What each action promises holds for every point of any assessment.
fn check_actions(a: &Assessment) -> Result<(), proptest::test_runner::TestCaseError> {
    use proptest::prop_assert;
    let e = evaluate(Catalog::builtin(), a);
    for p in &e.improvements {
        let role = &e.roles[p.role];
        let answered_by_nobody = a
            .respondents
            .iter()
            .all(|r| r.answers[p.role].insource.is_none() && r.answers[p.role].outsource.is_none());
        let mismatch = e.mismatches.iter().any(|m| m.role == p.role);
        let value = match p.side {
            Side::Insource => role.insource,
            Side::Outsource => role.outsource,
        };
        let action = Action::of(&e, p);
        let fits = match action {
            Action::FindOut => answered_by_nobody,
            Action::RaiseInHouse => p.side == Side::Insource && role.insource.is_some(),
            Action::ManageProvider => p.side == Side::Outsource && role.outsource.is_some(),
            Action::ConfirmSourcing => mismatch && value.is_none(),
            Action::BringInHouse => p.side == Side::Insource && role.insource.is_none(),
            Action::HandOver => p.side == Side::Outsource && role.outsource.is_none(),
        };
        prop_assert!(fits, "{:?} for {:?} ({:?})", action, p, role);
        // A line that asks to take a role over never has answers already on that side, and a
        // role answered by nobody is never planned as if its sourcing were known.
        prop_assert!(!answered_by_nobody || action == Action::FindOut);
        prop_assert!(
            value.is_none() || matches!(action, Action::RaiseInHouse | Action::ManageProvider)
        );
    }
    Ok(())
}

/// The selection over any assessment: lines ⊆ points at or above the threshold, at most `size`,
/// every weakness with such a point has a line (when the size allows), ranks 1..N then folded on.
fn check_selection(
    a: &Assessment,
    options: PlanOptions,
) -> Result<(), proptest::test_runner::TestCaseError> {
    use proptest::{prop_assert, prop_assert_eq};
    let catalog = Catalog::builtin();
    let e = evaluate(catalog, a);
    let s = select(catalog, &e, options);
    let eligible: Vec<usize> = (0..e.improvements.len())
        .filter(|&i| e.improvements[i].gap + 1e-9 >= options.min_gap())
        .collect();
    prop_assert_eq!(s.shown.len(), eligible.len().min(options.size()));
    prop_assert_eq!(s.shown.len() + s.folded.len(), eligible.len());
    prop_assert_eq!(s.below, e.improvements.len() - eligible.len());
    prop_assert!(s.shown.windows(2).all(|w| w[0] < w[1]), "R10's order");
    let weak_with_points: Vec<usize> = e
        .weaknesses
        .iter()
        .copied()
        .filter(|&f| {
            eligible
                .iter()
                .any(|&i| catalog.roles()[e.improvements[i].role].function == f)
        })
        .collect();
    let covered = weak_with_points
        .iter()
        .filter(|&&f| {
            s.shown
                .iter()
                .any(|&i| catalog.roles()[e.improvements[i].role].function == f)
        })
        .count();
    prop_assert_eq!(covered, weak_with_points.len().min(options.size()));
    for (n, &i) in s.shown.iter().chain(&s.folded).enumerate() {
        prop_assert_eq!(s.rank(i), Some(n + 1));
    }
    let top = s.top(&e);
    let groups = s.groups(&e);
    prop_assert_eq!(top.len(), s.shown.len().min(TOP_ACTIONS));
    let distinct: std::collections::HashSet<Action> = top
        .iter()
        .map(|&i| Action::of(&e, &e.improvements[i]))
        .collect();
    prop_assert_eq!(distinct.len(), groups.len().min(top.len()));
    Ok(())
}

proptest::proptest! {
    #[test]
    fn every_action_fits_the_answers(a in crate::rules::tests::arb_assessment()) {
        check_actions(&a)?;
    }

    #[test]
    fn the_selection_keeps_its_promises(
        a in crate::rules::tests::arb_assessment(),
        size in 1usize..12,
        tenths in 0u8..30,
    ) {
        check_selection(&a, PlanOptions::new(size, f64::from(tenths) / 10.0).unwrap())?;
    }
}

/// R8's weaknesses each keep their highest point among the lines, in place of the lowest-ranked
/// lines not kept; with fewer lines than weaknesses, the lines are the weaknesses' in R8 order.
#[test]
fn the_weakest_functions_keep_a_line() {
    // (what, points as (function, gap), weaknesses, size) → (shown, folded, reserved)
    type Case = (
        &'static str,
        Vec<(usize, f64)>,
        Vec<usize>,
        usize,
        (Vec<usize>, Vec<usize>, Vec<usize>),
    );
    let cases: [Case; 6] = [
        (
            "no weaknesses: the first lines",
            vec![(0, 3.0), (1, 2.5), (2, 2.0)],
            vec![],
            2,
            (vec![0, 1], vec![2], vec![]),
        ),
        (
            "a weakness in view already keeps its line",
            vec![(0, 3.0), (7, 2.5), (2, 2.0)],
            vec![7],
            2,
            (vec![0, 1], vec![2], vec![1]),
        ),
        (
            "a folded weakness replaces the lowest line",
            vec![(0, 3.0), (1, 2.5), (2, 2.4), (7, 2.0), (7, 1.9)],
            vec![7],
            3,
            (vec![0, 1, 3], vec![2, 4], vec![3]),
        ),
        (
            "two weaknesses: the two lowest lines give way, in rank order",
            vec![(0, 3.0), (1, 2.5), (2, 2.4), (8, 2.2), (7, 2.0)],
            vec![7, 8],
            3,
            (vec![0, 3, 4], vec![1, 2], vec![4, 3]),
        ),
        (
            "fewer lines than weaknesses: theirs, in R8's order",
            vec![(0, 3.0), (8, 2.5), (7, 2.0), (6, 1.0)],
            vec![7, 8, 6],
            2,
            (vec![1, 2], vec![0, 3], vec![2, 1]),
        ),
        (
            "a weakness with no point at or above the threshold keeps nothing",
            vec![(0, 3.0), (1, 2.5), (7, 0.3)],
            vec![7],
            1,
            (vec![0], vec![1], vec![]),
        ),
    ];
    for (what, points, weaknesses, size, (shown, folded, reserved)) in cases {
        let list: Vec<Improvement> = points
            .iter()
            .enumerate()
            .map(|(i, (_, g))| point(i, *g, Side::Insource, false))
            .collect();
        let functions: Vec<usize> = points.iter().map(|(f, _)| *f).collect();
        let s = cut(
            &list,
            &functions,
            &weaknesses,
            PlanOptions::new(size, 0.5).unwrap(),
        );
        let below = points.iter().filter(|(_, g)| *g < 0.5).count();
        assert_eq!(
            s,
            Selection {
                shown,
                folded,
                below,
                reserved
            },
            "{what}"
        );
    }
}

/// The examples, as the issue read them: the one-person CSIRT's roles done in-house under a
/// pattern that outsources them are raised in-house, not brought in; large-soc's weaknesses each
/// have a line; and no line of any example contradicts its answers.
#[test]
fn the_examples_plans_fit_their_answers() {
    let read = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name);
        answers::parse(
            &std::fs::read_to_string(path).unwrap(),
            AnswersFormat::Toml,
            Catalog::builtin(),
            &Overrides::default(),
        )
        .unwrap()
    };
    let catalog = Catalog::builtin();
    let a = read("one-person-csirt.toml");
    let e = evaluate(catalog, &a);
    for id in ["A-4", "B-3", "C-5", "F-1", "F-3", "H-2"] {
        let r = catalog.role_index(id).unwrap();
        let p = e.improvements.iter().find(|p| p.role == r).unwrap();
        assert_eq!(Action::of(&e, p), Action::RaiseInHouse, "{id}");
    }
    for name in [
        "hybrid-soc-mssp.toml",
        "inhouse-team-to-full-insource.toml",
        "large-soc-30-respondents.toml",
        "one-person-csirt.toml",
    ] {
        let a = read(name);
        check_actions(&a).unwrap();
        check_selection(&a, PlanOptions::default()).unwrap();
        let e = evaluate(catalog, &a);
        let s = select(catalog, &e, PlanOptions::default());
        for &f in &e.weaknesses {
            assert!(
                s.shown
                    .iter()
                    .any(|&i| catalog.roles()[e.improvements[i].role].function == f),
                "{name}: weakness {} has no line",
                catalog.functions()[f].id
            );
        }
    }
}

/// A function rests on the respondents who gave any of its roles a level: two on different roles
/// are enough; 0s and unanswered roles are not evidence; one respondent alone is never marked.
#[test]
fn a_function_rests_on_the_respondents_who_rated_any_of_its_roles() {
    type Case = (&'static str, Vec<String>, usize, bool);
    let cases: [Case; 4] = [
        (
            "two respondents on two roles of A",
            vec![
                respondent("A", "\"A-1\" = { insource = 3 }"),
                respondent("B", "\"A-6\" = { outsource = 2 }"),
            ],
            2,
            false,
        ),
        (
            "one gave a level, the other only 0",
            vec![
                respondent("A", "\"A-1\" = { insource = 3 }"),
                respondent("B", "\"A-2\" = { insource = 0, outsource = 0 }"),
            ],
            1,
            true,
        ),
        (
            "the other answered another function only",
            vec![
                respondent("A", "\"A-1\" = { insource = 3 }"),
                respondent("B", "\"B-1\" = { insource = 3 }"),
            ],
            1,
            true,
        ),
        (
            "one respondent: never thin",
            vec![respondent("A", "\"A-1\" = { insource = 3 }")],
            1,
            false,
        ),
    ];
    let catalog = Catalog::builtin();
    for (what, respondents, answered, is_thin) in cases {
        let a = assessment(&respondents.concat());
        assert_eq!(function_evidence(catalog, &a, 0), answered, "{what}");
        assert_eq!(thin_function(catalog, &a, 0), is_thin, "{what}");
    }
}
