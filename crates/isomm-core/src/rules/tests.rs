//! Data-driven tests of R1–R12: an answers file in, a readable summary of the evaluation out.

use super::*;
use crate::answers::{self, AnswersFormat, Level, Overrides};
use proptest::prelude::*;

fn num(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(x) => {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

/// A summary of the parts of an evaluation that concern the roles named in `text` (and the not applicable ones).
fn describe(catalog: &Catalog, text: &str, e: &Evaluation) -> String {
    let mentioned = |r: usize| {
        text.contains(&format!("\"{}\"", catalog.roles()[r].id)) || e.roles[r].level.is_none()
    };
    let roles: Vec<usize> = (0..catalog.roles().len())
        .filter(|r| mentioned(*r))
        .collect();
    let fid = |f: usize| catalog.functions()[f].id.as_str();
    let rid = |r: usize| catalog.roles()[r].id.as_str();
    let functions: Vec<usize> = (0..catalog.functions().len())
        .filter(|f| roles.iter().any(|r| catalog.roles()[*r].function == *f))
        .collect();
    let mut out = vec![format!("overall {}", num(e.overall))];
    for f in &functions {
        let r = &e.functions[*f];
        out.push(format!(
            "{} maturity {} in {} out {} counted {} na {}",
            fid(*f),
            num(r.maturity),
            num(r.insource),
            num(r.outsource),
            r.roles_counted,
            r.roles_not_applicable
        ));
    }
    for r in &roles {
        let x = &e.roles[*r];
        out.push(format!(
            "{} {} level {} in {} out {} unanswered {} {}>{}",
            rid(*r),
            x.area.as_str(),
            num(x.level),
            num(x.insource),
            num(x.outsource),
            x.unanswered,
            x.expected_current.as_str(),
            x.expected_target.as_str()
        ));
    }
    fn ids<'a>(v: &[usize], f: &dyn Fn(usize) -> &'a str) -> String {
        v.iter().map(|i| f(*i)).collect::<Vec<_>>().join(" ")
    }
    out.push(
        format!("strengths {}", ids(&e.strengths, &fid))
            .trim_end()
            .into(),
    );
    out.push(
        format!("weaknesses {}", ids(&e.weaknesses, &fid))
            .trim_end()
            .into(),
    );
    out.push(
        format!("strong {}", ids(&e.strong_roles, &rid))
            .trim_end()
            .into(),
    );
    let weak: Vec<usize> = e
        .weak_roles
        .iter()
        .copied()
        .filter(|r| roles.contains(r))
        .collect();
    out.push(format!("weak {}", ids(&weak, &rid)).trim_end().into());
    for m in &e.mismatches {
        out.push(format!(
            "mismatch {} expected {} actual {}",
            rid(m.role),
            m.expected.as_str(),
            m.actual.as_str()
        ));
    }
    for i in e.improvements.iter().filter(|i| roles.contains(&i.role)) {
        out.push(format!(
            "improve {} {} L {} gap {} {} priority {}",
            rid(i.role),
            i.side.as_str(),
            num(Some(i.level)),
            num(Some(i.gap)),
            if i.transition { "transition" } else { "same" },
            num(Some(i.priority))
        ));
    }
    for g in &e.perception_gaps {
        out.push(format!(
            "gap {} min {} max {} spread {}",
            rid(g.role),
            g.min,
            g.max,
            g.spread
        ));
    }
    for p in &e.positions {
        let fs: Vec<String> = functions
            .iter()
            .map(|f| format!("{} {}", fid(*f), num(p.functions[*f])))
            .collect();
        out.push(format!(
            "position {} ({}): {}",
            p.position.as_str(),
            p.respondents,
            fs.join(", ")
        ));
    }
    out.join("\n")
}

/// Evaluates `toml` (an answers file without the `format` line) and compares the summary.
fn check(toml: &str, expected: &str) {
    let catalog = Catalog::builtin();
    let text = format!("format = \"isomm-answers/1\"\norganization = \"t\"\ntitle = \"t\"\n{toml}");
    let assessment = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let got = describe(catalog, &text, &evaluate(catalog, &assessment));
    let expected: Vec<&str> = expected.trim().lines().map(str::trim).collect();
    assert_eq!(got, expected.join("\n"), "\n--- got ---\n{got}\n");
}

/// TOML lines answering every role of the given functions with `value` on both sides.
fn all_roles(functions: &str, value: u8) -> String {
    let catalog = Catalog::builtin();
    catalog
        .roles()
        .iter()
        .filter(|r| {
            functions
                .split(' ')
                .any(|f| f == catalog.functions()[r.function].id)
        })
        .map(|r| {
            format!(
                "\"{}\" = {{ insource = {value}, outsource = {value} }}\n",
                r.id
            )
        })
        .collect()
}

#[test]
fn worked_example_of_the_spec() {
    check(
        r#"
current_pattern = "hybrid"
target_pattern = "minimum-outsource"
target_level = 4
[[respondents]]
name = "p"
position = "manager"
[respondents.answers]
"C-1" = { outsource = 3 }
"C-2" = { insource = 0, outsource = 2 }
"C-3" = { insource = 0 }
"C-4" = {}
"C-5" = { insource = 4, outsource = 5 }
"#,
        "
        overall 1.132
        C maturity 2.75 in 4 out 3.333 counted 4 na 1
        C-1 III level 3 in - out 3 unanswered 0 outsource>outsource
        C-2 III level 2 in - out 2 unanswered 0 outsource>outsource
        C-3 III level - in - out - unanswered 0 outsource>outsource
        C-4 III level 1 in - out - unanswered 1 outsource>outsource
        C-5 II level 5 in 4 out 5 unanswered 0 insource>insource
        strengths C A B
        weaknesses D E F
        strong C-5
        weak C-2 C-4
        improve C-4 outsource L 1 gap 3 same priority 3
        improve C-2 outsource L 2 gap 2 same priority 2
        improve C-1 outsource L 3 gap 1 same priority 1
        position manager (1): C 2.75
        ",
    );
}

#[test]
fn every_respondent_at_zero_makes_a_role_and_a_function_not_applicable() {
    check(
        &format!(
            r#"
current_pattern = "hybrid"
target_pattern = "hybrid"
[[respondents]]
name = "a"
position = "staff"
[respondents.answers]
{}
[[respondents]]
name = "b"
position = "staff"
[respondents.answers]
{}"#,
            all_roles("H", 0),
            all_roles("H", 0)
        ),
        "
        overall 1
        H maturity - in - out - counted 0 na 3
        H-1 I level - in - out - unanswered 0 insource>insource
        H-2 II level - in - out - unanswered 0 insource>insource
        H-3 II level - in - out - unanswered 0 insource>insource
        strengths A B C
        weaknesses D E F
        strong
        weak
        position staff (2): H -
        ",
    );
}

#[test]
fn fewer_than_six_functions_with_values() {
    // Only A, B, C and D have values: three strengths, and the one left is the only weakness.
    let zeros = all_roles("E F G H I", 0);
    let answers = format!("{zeros}\"B-1\" = {{ outsource = 4 }}\n\"D-1\" = {{ insource = 2 }}\n");
    let e = {
        let catalog = Catalog::builtin();
        let text = format!(
            "format = \"isomm-answers/1\"\norganization = \"t\"\ntitle = \"t\"\ncurrent_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n[[respondents]]\nname = \"a\"\nposition = \"leader\"\n[respondents.answers]\n{answers}"
        );
        let a = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        evaluate(catalog, &a)
    };
    // B: (4 + 1*4)/5 = 1.6, D: (2 + 7)/8 = 1.125, A and C: 1.
    assert_eq!(e.strengths, [1, 3, 0]);
    assert_eq!(e.weaknesses, [2]);
    assert_eq!(e.functions[4].maturity, None);
    assert_eq!(
        e.functions.iter().filter(|f| f.maturity.is_none()).count(),
        5
    );
}

#[test]
fn ties_in_strengths_and_weaknesses_follow_catalog_order() {
    // F and I at 3 tie for the first place after G; B, E tie with the rest at 1.
    check(
        &format!(
            r#"
current_pattern = "full-insource"
target_pattern = "full-insource"
target_level = 3
[[respondents]]
name = "a"
position = "leader"
[respondents.answers]
{}{}{}"#,
            all_roles("G", 4),
            all_roles("I", 3),
            all_roles("F", 3)
        ),
        "
        overall 1.926
        F maturity 3 in 3 out 3 counted 4 na 0
        G maturity 4 in 4 out 4 counted 10 na 0
        I maturity 3 in 3 out 3 counted 6 na 0
        F-1 II level 3 in 3 out 3 unanswered 0 insource>insource
        F-2 IV level 3 in 3 out 3 unanswered 0 insource>insource
        F-3 II level 3 in 3 out 3 unanswered 0 insource>insource
        F-4 I level 3 in 3 out 3 unanswered 0 insource>insource
        G-1 IV level 4 in 4 out 4 unanswered 0 insource>insource
        G-2 III level 4 in 4 out 4 unanswered 0 insource>insource
        G-3 IV level 4 in 4 out 4 unanswered 0 insource>insource
        G-4 III level 4 in 4 out 4 unanswered 0 insource>insource
        G-5 III level 4 in 4 out 4 unanswered 0 insource>insource
        G-6 IV level 4 in 4 out 4 unanswered 0 insource>insource
        G-7 III level 4 in 4 out 4 unanswered 0 insource>insource
        G-8 IV level 4 in 4 out 4 unanswered 0 insource>insource
        G-9 III level 4 in 4 out 4 unanswered 0 insource>insource
        G-10 II level 4 in 4 out 4 unanswered 0 insource>insource
        I-1 I level 3 in 3 out 3 unanswered 0 insource>insource
        I-2 II level 3 in 3 out 3 unanswered 0 insource>insource
        I-3 I level 3 in 3 out 3 unanswered 0 insource>insource
        I-4 I level 3 in 3 out 3 unanswered 0 insource>insource
        I-5 I level 3 in 3 out 3 unanswered 0 insource>insource
        I-6 II level 3 in 3 out 3 unanswered 0 insource>insource
        strengths G F I
        weaknesses A B C
        strong G-1 G-2 G-3 G-4 G-5 G-6 G-7 G-8 G-9 G-10
        weak
        position leader (1): F 3, G 4, I 3
        ",
    );
}

#[test]
fn area_overrides_change_the_expected_side_and_the_mismatches() {
    // A-1 moves from I (in-house) to III (outsourced): answered on the insource side only, it is
    // now a mismatch. B-1 moves from IV to II: outsource only is a mismatch under hybrid.
    check(
        r#"
current_pattern = "hybrid"
target_pattern = "full-insource"
target_level = 3
[areas]
"A-1" = "III"
"B-1" = "II"
[[respondents]]
name = "a"
position = "manager"
[respondents.answers]
"A-1" = { insource = 3 }
"B-1" = { outsource = 4 }
"B-2" = { outsource = 2 }
"#,
        "
        overall 1.111
        A maturity 1.333 in 3 out - counted 6 na 0
        B maturity 1.8 in - out 3 counted 5 na 0
        A-1 III level 3 in 3 out - unanswered 0 outsource>insource
        B-1 II level 4 in - out 4 unanswered 0 insource>insource
        B-2 III level 2 in - out 2 unanswered 0 outsource>insource
        strengths B A C
        weaknesses D E F
        strong B-1
        weak B-2
        mismatch A-1 expected outsource actual insource
        mismatch B-1 expected insource actual outsource
        improve B-2 insource L 1 gap 2 transition priority 3
        improve B-1 insource L 1 gap 2 same priority 2
        position manager (1): A 1.333, B 1.8
        ",
    );
}

#[test]
fn target_level_one_gives_no_improvement_and_five_gives_many() {
    let file = |target: u8| {
        format!(
            "current_pattern = \"minimum-insource\"\ntarget_pattern = \"minimum-insource\"\ntarget_level = {target}\n[[respondents]]\nname = \"a\"\nposition = \"other\"\n[respondents.answers]\n\"A-1\" = {{ insource = 5 }}\n\"A-2\" = {{ insource = 4 }}\n"
        )
    };
    let catalog = Catalog::builtin();
    let text = format!(
        "format = \"isomm-answers/1\"\norganization = \"t\"\ntitle = \"t\"\n{}",
        file(1)
    );
    let a = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    assert!(evaluate(catalog, &a).improvements.is_empty());
    check(
        &file(1),
        "
        overall 1.13
        A maturity 2.167 in 4.5 out - counted 6 na 0
        A-1 I level 5 in 5 out - unanswered 0 insource>insource
        A-2 I level 4 in 4 out - unanswered 0 insource>insource
        strengths A B C
        weaknesses D E F
        strong A-1 A-2
        weak
        position other (1): A 2.167
        ",
    );
    check(
        &file(5),
        "
        overall 1.13
        A maturity 2.167 in 4.5 out - counted 6 na 0
        A-1 I level 5 in 5 out - unanswered 0 insource>insource
        A-2 I level 4 in 4 out - unanswered 0 insource>insource
        strengths A B C
        weaknesses D E F
        strong A-1 A-2
        weak
        improve A-2 insource L 4 gap 1 same priority 1
        position other (1): A 2.167
        ",
    );
}

#[test]
fn several_respondents_and_positions_disagreeing() {
    // E-3: 0 from one respondent and 5 from another: the 0 takes no part in the mean, the
    // unanswered third counts as 1 (level 3), and the 0 counts in the perception gap (spread 5).
    check(
        r#"
current_pattern = "hybrid"
target_pattern = "minimum-outsource"
[[respondents]]
name = "manager"
position = "manager"
[respondents.answers]
"E-3" = { insource = 5 }
"E-4" = { outsource = 4, insource = 2 }
[[respondents]]
name = "staff 1"
position = "staff"
[respondents.answers]
"E-3" = { insource = 0 }
"E-4" = { outsource = 2 }
[[respondents]]
name = "staff 2"
position = "staff"
[respondents.answers]
"E-4" = { outsource = 1 }
"#,
        "
        overall 1.062
        E maturity 1.476 in 3.5 out 2.333 counted 7 na 0
        E-3 II level 3 in 5 out - unanswered 1 insource>insource
        E-4 IV level 2.333 in 2 out 2.333 unanswered 0 outsource>insource
        strengths E A B
        weaknesses C D F
        strong
        weak
        improve E-4 insource L 2 gap 2 transition priority 3
        gap E-3 min 0 max 5 spread 5
        gap E-4 min 1 max 4 spread 3
        position manager (1): E 2
        position staff (2): E 1.071
        ",
    );
}

#[test]
fn an_empty_assessment_gives_null_results() {
    let catalog = Catalog::builtin();
    let assessment = Assessment {
        model: catalog.model().into(),
        organization: String::new(),
        title: String::new(),
        date: None,
        current_pattern: 0,
        target_pattern: 0,
        target_level: Default::default(),
        area_overrides: Default::default(),
        respondents: vec![],
    };
    let e = evaluate(catalog, &assessment);
    assert_eq!(e.overall, None);
    assert!(e.strengths.is_empty() && e.improvements.is_empty() && e.positions.is_empty());
}

fn arb_answer() -> impl Strategy<Value = Answer> {
    (proptest::option::of(0u8..=5), proptest::option::of(0u8..=5)).prop_map(|(i, o)| Answer {
        insource: i.map(|v| Level::new(v.into()).unwrap()),
        outsource: o.map(|v| Level::new(v.into()).unwrap()),
        note: None,
    })
}

pub(crate) fn arb_assessment() -> impl Strategy<Value = Assessment> {
    let catalog = Catalog::builtin();
    let n = catalog.roles().len();
    let respondent = (proptest::collection::vec(arb_answer(), n), 0usize..4);
    (
        proptest::collection::vec(respondent, 1..5),
        0usize..4,
        0usize..4,
        1i64..=5,
    )
        .prop_map(move |(rs, current, target, level)| Assessment {
            model: catalog.model().into(),
            organization: "o".into(),
            title: "t".into(),
            date: None,
            current_pattern: current,
            target_pattern: target,
            target_level: crate::TargetLevel::new(level).unwrap(),
            area_overrides: Default::default(),
            respondents: rs
                .into_iter()
                .enumerate()
                .map(|(i, (answers, p))| Respondent {
                    name: format!("r{i}"),
                    position: Position::ALL[p],
                    answers,
                })
                .collect(),
        })
}

fn all_means(e: &Evaluation) -> Vec<Option<f64>> {
    let mut v = vec![e.overall];
    for f in &e.functions {
        v.extend([f.maturity, f.insource, f.outsource]);
    }
    for r in &e.roles {
        v.extend([r.level, r.insource, r.outsource]);
    }
    for p in &e.positions {
        v.extend(p.functions.iter().copied());
    }
    v
}

fn assert_same_means(x: &Evaluation, y: &Evaluation) -> Result<(), TestCaseError> {
    let (x, y) = (all_means(x), all_means(y));
    prop_assert_eq!(x.len(), y.len());
    for (p, q) in x.iter().zip(&y) {
        match (p, q) {
            (Some(p), Some(q)) => prop_assert!((p - q).abs() < EPSILON, "{} {}", p, q),
            _ => prop_assert_eq!(p, q),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn one_respondents_functions_are_what_their_answers_alone_give(a in arb_assessment(), which in 0usize..5) {
        let catalog = Catalog::builtin();
        let r = &a.respondents[which % a.respondents.len()];
        let alone = Assessment { respondents: vec![r.clone()], ..a.clone() };
        let expected: Vec<Option<f64>> =
            evaluate(catalog, &alone).functions.iter().map(|f| f.maturity).collect();
        prop_assert_eq!(group_functions(catalog, &[r]), expected);
    }

    #[test]
    fn every_mean_is_null_or_within_0_and_5(a in arb_assessment()) {
        let e = evaluate(Catalog::builtin(), &a);
        for m in all_means(&e).into_iter().flatten() {
            prop_assert!((0.0..=5.0).contains(&m), "{m}");
        }
    }

    #[test]
    fn overall_lies_between_the_lowest_and_highest_role_level(a in arb_assessment()) {
        let e = evaluate(Catalog::builtin(), &a);
        let levels: Vec<f64> = e.roles.iter().filter_map(|r| r.level).collect();
        if let Some(overall) = e.overall {
            let lo = levels.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = levels.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(lo - EPSILON <= overall && overall <= hi + EPSILON);
        } else {
            prop_assert!(levels.is_empty());
        }
    }

    #[test]
    fn duplicating_a_respondent_under_a_new_name_changes_no_mean(a in arb_assessment(), which in 0usize..5) {
        let catalog = Catalog::builtin();
        // One respondent, then the same answers twice under two names.
        let alone = Assessment { respondents: vec![a.respondents[which % a.respondents.len()].clone()], ..a.clone() };
        let mut twice = alone.clone();
        let mut copy = alone.respondents[0].clone();
        copy.name.push_str(" (copy)");
        twice.respondents.push(copy);
        assert_same_means(&evaluate(catalog, &alone), &evaluate(catalog, &twice))?;
        // Every respondent duplicated under a new name: the weights stay the same.
        let mut doubled = a.clone();
        for r in &a.respondents {
            doubled.respondents.push(Respondent { name: format!("{} (copy)", r.name), ..r.clone() });
        }
        assert_same_means(&evaluate(catalog, &a), &evaluate(catalog, &doubled))?;
    }

    #[test]
    fn a_role_level_is_never_below_either_side_for_one_respondent(answers in proptest::collection::vec(arb_answer(), 54)) {
        let catalog = Catalog::builtin();
        let mut r = Respondent::new(catalog, "a", Position::Staff);
        r.answers = answers;
        let a = Assessment {
            model: catalog.model().into(), organization: "o".into(), title: "t".into(), date: None,
            current_pattern: 1, target_pattern: 2, target_level: Default::default(),
            area_overrides: Default::default(), respondents: vec![r.clone()],
        };
        let e = evaluate(catalog, &a);
        for (role, answer) in e.roles.iter().zip(&r.answers) {
            for side in [answer.insource, answer.outsource].into_iter().flatten() {
                if let Some(level) = role.level {
                    prop_assert!(level >= f64::from(side.get()));
                } else {
                    prop_assert_eq!(side.get(), 0);
                }
            }
        }
    }
}

/// R7 over a group: over everyone it is the overall; over one position, that position's own.
#[test]
fn group_overall_is_r7_over_the_group() {
    let catalog = Catalog::builtin();
    let text = "format = \"isomm-answers/1\"\norganization = \"t\"\ntitle = \"t\"\n\
        current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\n\
        [[respondents]]\nname = \"m\"\nposition = \"manager\"\n[respondents.answers]\n\
        \"A-1\" = { insource = 5 }\n\"A-2\" = { insource = 0 }\n\
        [[respondents]]\nname = \"s\"\nposition = \"staff\"\n[respondents.answers]\n\
        \"A-1\" = { insource = 2 }\n\"A-2\" = { insource = 0 }\n";
    let a = answers::parse(text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let everyone: Vec<&crate::Respondent> = a.respondents.iter().collect();
    assert_eq!(
        crate::rules::group_overall(catalog, &everyone),
        evaluate(catalog, &a).overall
    );
    // The manager alone: A-1 at 5, A-2 not applicable, the other 52 roles unanswered (1).
    let manager = crate::rules::group_overall(catalog, &everyone[..1]).unwrap();
    assert!((manager - (5.0 + 52.0) / 53.0).abs() < 1e-12, "{manager}");
    assert_eq!(crate::rules::group_overall(catalog, &[]), None);
}
