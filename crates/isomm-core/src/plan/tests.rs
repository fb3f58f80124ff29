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

#[test]
fn actions_follow_side_and_transition() {
    let cases = [
        (Side::Insource, true, Action::BringInHouse),
        (Side::Outsource, true, Action::HandOver),
        (Side::Insource, false, Action::RaiseInHouse),
        (Side::Outsource, false, Action::ManageProvider),
    ];
    for (side, transition, action) in cases {
        assert_eq!(Action::of(&point(0, 1.0, side, transition)), action);
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
        let s = select(&points, PlanOptions::new(size, min_gap).unwrap());
        assert_eq!(
            s,
            Selection {
                shown,
                folded,
                below
            },
            "{what}"
        );
        assert_eq!(s.shown.len() + s.folded.len() + s.below, points.len());
    }
}

/// Groups come in the order of [`Action::ALL`], empty ones left out, each keeping R10's order;
/// folded points are in no group; the top actions are the first points shown.
#[test]
fn groups_follow_the_actions_then_r10s_order() {
    use Side::{Insource as In, Outsource as Out};
    type Case = (
        &'static str,
        Vec<(Side, bool)>,
        usize,
        Vec<(Action, Vec<usize>)>,
        Vec<usize>,
    );
    let cases: [Case; 4] = [
        ("no points", vec![], 10, vec![], vec![]),
        (
            "every action, interleaved in R10's order",
            vec![
                (Out, false),
                (In, true),
                (In, false),
                (Out, true),
                (In, true),
            ],
            10,
            vec![
                (Action::BringInHouse, vec![1, 4]),
                (Action::HandOver, vec![3]),
                (Action::RaiseInHouse, vec![2]),
                (Action::ManageProvider, vec![0]),
            ],
            vec![0, 1, 2],
        ),
        (
            "empty groups left out",
            vec![(Out, false), (Out, false)],
            10,
            vec![(Action::ManageProvider, vec![0, 1])],
            vec![0, 1],
        ),
        (
            "folded points in no group",
            vec![(In, false), (Out, false), (In, true), (In, false)],
            2,
            vec![
                (Action::RaiseInHouse, vec![0]),
                (Action::ManageProvider, vec![1]),
            ],
            vec![0, 1],
        ),
    ];
    for (what, kinds, size, groups, top) in cases {
        let points: Vec<Improvement> = kinds
            .iter()
            .enumerate()
            .map(|(i, (side, transition))| point(i, 2.0, *side, *transition))
            .collect();
        let s = select(&points, PlanOptions::new(size, 0.5).unwrap());
        let found: Vec<(Action, Vec<usize>)> = s
            .groups(&points)
            .into_iter()
            .map(|g| (g.action, g.points))
            .collect();
        assert_eq!(found, groups, "{what}");
        assert_eq!(s.top(), top.as_slice(), "{what}");
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
        &e.improvements,
        PlanOptions::new(PlanOptions::MAX_SIZE, 0.0).unwrap(),
    );
    assert_eq!(all.shown, (0..e.improvements.len()).collect::<Vec<_>>());
    let cut = select(&e.improvements, PlanOptions::new(3, 1.5).unwrap());
    assert_eq!((cut.shown.as_slice(), cut.below), (&[0, 1, 2][..], 1));
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
