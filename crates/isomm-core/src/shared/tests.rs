//! Data-driven tests of the shared-results rule: tables of sheets in, what may be seen out.

use super::*;
use crate::answers::{self, AnswersFormat, Level, Overrides};

/// A sheet for [`ready`]: (the viewer's own, submitted, gives a level).
fn state((viewer, submitted, gives_a_level): (bool, bool, bool)) -> SheetState {
    SheetState {
        viewer,
        submitted,
        gives_a_level,
    }
}

#[test]
fn results_wait_for_every_sheet_and_two_other_people_who_gave_a_level() {
    const V: bool = true; // the viewer's sheet
    const O: bool = false; // someone else's
    type Case = (
        &'static str,
        Vec<(bool, bool, bool)>,
        Result<(), (usize, usize)>,
    );
    let cases: [Case; 8] = [
        (
            "three submitted, all answered",
            vec![(V, true, true), (O, true, true), (O, true, true)],
            Ok(()),
        ),
        (
            "one sheet still open",
            vec![(V, true, true), (O, true, true), (O, false, true)],
            Err((2, 3)),
        ),
        (
            "the viewer's own sheet still open",
            vec![(V, false, true), (O, true, true), (O, true, true)],
            Err((2, 3)),
        ),
        (
            "a colleague's sheet adds nothing: the other colleague would be the totals",
            vec![(V, true, true), (O, true, false), (O, true, true)],
            Err((3, 3)),
        ),
        (
            "the viewer's own empty sheet does not matter",
            vec![(V, true, false), (O, true, true), (O, true, true)],
            Ok(()),
        ),
        (
            "two people in all are never enough",
            vec![(V, true, true), (O, true, true)],
            Err((2, 2)),
        ),
        ("nobody yet", vec![], Err((0, 0))),
        (
            "an outsider (no sheet of their own) sees it with two who answered among three",
            vec![(O, true, true), (O, true, false), (O, true, true)],
            Ok(()),
        ),
    ];
    for (what, sheets, expected) in cases {
        assert_eq!(ready(sheets.into_iter().map(state)), expected, "{what}");
    }
}

#[test]
fn a_sheet_gives_a_level_with_one_side_of_one_role_at_1_or_more() {
    let answer = |insource: Option<i64>, outsource: Option<i64>| Answer {
        insource: insource.map(|l| Level::new(l).unwrap()),
        outsource: outsource.map(|l| Level::new(l).unwrap()),
        ..Answer::default()
    };
    let cases: [(Vec<Answer>, bool); 6] = [
        (vec![], false),
        (vec![answer(None, None)], false),
        (vec![answer(Some(0), Some(0)), answer(Some(0), None)], false),
        (vec![answer(Some(0), Some(1))], true),
        (vec![answer(None, None), answer(Some(5), None)], true),
        (vec![answer(Some(3), Some(2))], true),
    ];
    for (answers, expected) in cases {
        assert_eq!(gives_a_level(&answers), expected, "{answers:?}");
    }
}

#[test]
fn a_snapshot_is_taken_first_then_after_three_more_sheets() {
    let cases: [(Option<usize>, usize, bool); 7] = [
        (None, 3, true),
        (Some(3), 3, false),
        (Some(3), 5, false),
        (Some(3), 6, true),
        (Some(3), 9, true),
        // Fewer sheets than counted (some removed): the snapshot stays until three more arrive.
        (Some(6), 4, false),
        (Some(6), 9, true),
    ];
    for (kept, submitted, due) in cases {
        assert_eq!(snapshot_due(kept, submitted), due, "{kept:?} {submitted}");
    }
}

/// Sheets from (respondent id, position, submitted at).
fn sheets(list: &[(i64, &str, i64)]) -> Vec<Sheet> {
    list.iter()
        .map(|(i, p, t)| (*i, p.to_string(), *t))
        .collect()
}

const THREE_AND_THREE: [(i64, &str, i64); 6] = [
    (1, "staff", 1),
    (2, "staff", 1),
    (3, "staff", 1),
    (4, "manager", 1),
    (5, "manager", 1),
    (6, "manager", 1),
];

#[test]
fn positions_show_only_where_no_sheet_or_three_sheets_changed() {
    fn with(more: &[(i64, &'static str, i64)]) -> Vec<(i64, &'static str, i64)> {
        let mut all = THREE_AND_THREE.to_vec();
        all.extend_from_slice(more);
        all
    }
    let mut manager_again = with(&[(7, "staff", 2), (8, "staff", 2), (9, "staff", 2)]);
    manager_again[3].2 = 5;
    type Case = (&'static str, Vec<(i64, &'static str, i64)>, bool);
    let cases: [Case; 7] = [
        ("nothing changed", THREE_AND_THREE.to_vec(), true),
        (
            "three staff more, the managers as they were",
            with(&[(7, "staff", 2), (8, "staff", 2), (9, "staff", 2)]),
            true,
        ),
        (
            "two staff and one manager more: the managers changed by one",
            with(&[(7, "staff", 2), (8, "staff", 2), (9, "manager", 2)]),
            false,
        ),
        (
            "a manager submitted again: the old sheet out, the new one in (two)",
            manager_again,
            false,
        ),
        (
            "three staff more, one of them a new position",
            with(&[(7, "staff", 2), (8, "staff", 2), (9, "leader", 2)]),
            false,
        ),
        (
            "three managers more and three staff more",
            with(&[
                (7, "staff", 2),
                (8, "staff", 2),
                (9, "staff", 2),
                (10, "manager", 2),
                (11, "manager", 2),
                (12, "manager", 2),
            ]),
            true,
        ),
        (
            "one staff sheet removed",
            THREE_AND_THREE[1..].to_vec(),
            false,
        ),
    ];
    let before = sheets(&THREE_AND_THREE);
    for (what, now, expected) in cases {
        assert_eq!(
            positions_may_show(&before, &sheets(&now)),
            expected,
            "{what}"
        );
    }
}

/// An assessment of respondents (position, insource level of every role of function A).
fn assessment(respondents: &[(&str, i64)]) -> Assessment {
    let catalog = Catalog::builtin();
    let mut text = String::from(
        "format = \"isomm-answers/1\"\norganization = \"O\"\ntitle = \"T\"\n\
         current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n",
    );
    let a = catalog.function_index("A").unwrap();
    for (i, (position, level)) in respondents.iter().enumerate() {
        text.push_str(&format!(
            "[[respondents]]\nname = \"R{i}\"\nposition = \"{position}\"\n\
             [respondents.answers]\n"
        ));
        for r in catalog.functions()[a].roles.clone() {
            let id = &catalog.roles()[r].id;
            text.push_str(&format!("\"{id}\" = {{ insource = {level} }}\n"));
        }
    }
    answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap()
}

/// What a snapshot holds: the combined maturity in tenths as shown, and positions only when every
/// position has three sheets (and, in a replacement, changed by none or three).
#[test]
fn a_snapshot_holds_combined_tenths_and_positions_when_the_rules_allow() {
    type Case = (
        &'static str,
        Vec<(&'static str, i64)>,
        Option<Vec<(i64, &'static str, i64)>>,
        Option<i64>,
        Vec<(&'static str, usize, Option<i64>)>,
    );
    let staff = |level| ("staff", level);
    let cases: [Case; 5] = [
        (
            "three staff: function A is (4 + 4 + 1) / 3 = 3.0",
            vec![staff(4), staff(4), staff(1)],
            None,
            Some(30),
            vec![("staff", 3, Some(30))],
        ),
        (
            "a half shown rounded up: (3 + 3 + 2 + 1) / 4 = 2.25 → 2.3",
            vec![staff(3), staff(3), staff(2), staff(1)],
            None,
            Some(23),
            vec![("staff", 4, Some(23))],
        ),
        (
            "one manager: no figures by position",
            vec![staff(2), staff(2), staff(2), ("manager", 5)],
            None,
            Some(28),
            vec![],
        ),
        (
            "a replacement with one staff sheet more than the snapshot before: none by position",
            vec![staff(2), staff(2), staff(2), staff(2)],
            Some(vec![(1, "staff", 1), (2, "staff", 1), (3, "staff", 1)]),
            Some(20),
            vec![],
        ),
        (
            "a replacement with three staff sheets more: by position",
            vec![staff(2); 6],
            Some(vec![(1, "staff", 1), (2, "staff", 1), (3, "staff", 1)]),
            Some(20),
            vec![("staff", 6, Some(20))],
        ),
    ];
    let catalog = Catalog::builtin();
    let a = catalog.function_index("A").unwrap();
    for (what, respondents, earlier, function_a, positions) in cases {
        let assessment = assessment(&respondents);
        let now: Vec<Sheet> = respondents
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (i as i64 + 1, p.to_string(), 1))
            .collect();
        let earlier = earlier.map(|s| Figures {
            counted: s.len(),
            overall: None,
            functions: Vec::new(),
            positions: Vec::new(),
            sheets: sheets(&s),
        });
        let f = Figures::take(catalog, &assessment, now.clone(), earlier.as_ref());
        assert_eq!(f.counted, respondents.len(), "{what}");
        assert_eq!(f.sheets, now, "{what}");
        assert_eq!(f.functions.len(), catalog.functions().len(), "{what}");
        assert_eq!(f.functions[a], function_a, "{what}");
        // Unanswered roles count 1 (R1): the overall is below function A's level but present.
        assert!(f.overall.is_some(), "{what}");
        let shown: Vec<(&str, usize, Option<i64>)> = f
            .positions
            .iter()
            .map(|p| (p.position.as_str(), p.respondents, p.functions[a]))
            .collect();
        assert_eq!(shown, positions, "{what}");
    }
}

/// Snapshots are kept as JSON: the shape stays what the web application has always stored.
#[test]
fn a_snapshot_is_stored_in_the_shape_it_always_had() {
    let figures = Figures {
        counted: 3,
        overall: Some(23),
        functions: vec![Some(30), None],
        positions: vec![PositionFigures {
            position: "staff".into(),
            respondents: 3,
            functions: vec![Some(30), None],
        }],
        sheets: sheets(&[(7, "staff", 1_700_000_000)]),
    };
    let json = r#"{"counted":3,"overall":23,"functions":[30,null],"positions":[{"position":"staff","respondents":3,"functions":[30,null]}],"sheets":[[7,"staff",1700000000]]}"#;
    assert_eq!(serde_json::to_string(&figures).unwrap(), json);
    assert_eq!(serde_json::from_str::<Figures>(json).unwrap(), figures);
}

#[test]
fn a_chart_plots_the_number_shown() {
    for (tenths, plotted) in [(Some(23), Some(2.3)), (Some(0), Some(0.0)), (None, None)] {
        assert_eq!(Figures::plotted(tenths), plotted);
    }
}
