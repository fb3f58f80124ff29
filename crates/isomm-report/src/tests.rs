//! Renderer tests: each format written into a `Vec<u8>` and checked for what a reader relies on.

use super::*;
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, Lang};

use crate::sheet::{SheetOptions, write_csv_template, write_toml_template};

const EXAMPLE: &str = r#"
format = "isomm-answers/1"
organization = "Example <CSIRT> & Co"
title = "FY2026 self-check"
date = "2026-11-26"
current_pattern = "hybrid"
target_pattern = "minimum-outsource"
[[respondents]]
name = "Sato <b>"
position = "manager"
[respondents.answers]
"A-1" = { insource = 4, outsource = 2, note = "approved" }
"B-1" = { outsource = 5 }
"C-3" = { insource = 0 }
[[respondents]]
name = "Tanaka"
position = "staff"
[respondents.answers]
"A-1" = { insource = 1 }
"B-1" = { outsource = 2 }
"C-3" = { outsource = 0 }
"#;

fn example() -> isomm_core::Assessment {
    answers::parse(
        EXAMPLE,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap()
}

fn render(format: Format, lang: Lang) -> String {
    let mut out = Vec::new();
    write_report(
        &mut out,
        format,
        Catalog::builtin(),
        &example(),
        ReportOptions::new(lang),
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn json_follows_the_result_document_field_for_field() {
    let doc: serde_json::Value = serde_json::from_str(&render(Format::Json, Lang::Ja)).unwrap();
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "format",
            "model",
            "organization",
            "title",
            "date",
            "current_pattern",
            "target_pattern",
            "target_level",
            "overall",
            "functions",
            "roles",
            "strengths",
            "weaknesses",
            "strong_roles",
            "weak_roles",
            "mismatches",
            "improvements",
            "perception_gaps",
            "positions",
            "respondents",
            "plan"
        ]
    );
    // The plan as people read it, after R10's full list: ranks 1..N, each an action code.
    let plan = doc["plan"].as_array().unwrap();
    assert!(!plan.is_empty());
    let mut ranks: Vec<u64> = plan.iter().map(|l| l["rank"].as_u64().unwrap()).collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=plan.len() as u64).collect::<Vec<_>>());
    for line in plan {
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "rank", "role", "side", "action", "gap", "priority", "folded"
            ]
        );
        assert!(
            isomm_core::plan::Action::ALL
                .iter()
                .any(|a| a.as_str() == line["action"]),
            "{line}"
        );
    }
    assert_eq!(doc["format"], "isomm-result/1");
    assert_eq!(doc["target_level"], 4);
    let role_keys: Vec<&str> = doc["roles"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        role_keys,
        [
            "id",
            "function",
            "area",
            "level",
            "insource",
            "outsource",
            "unanswered",
            "answering",
            "spread",
            "expected_current",
            "expected_target",
            "notes"
        ]
    );
    // C6: A-1 answered by both (4 and 1): a spread of 3; C-3 answered 0 by both: a spread of 0.
    assert_eq!(doc["roles"][0]["answering"], 2);
    assert_eq!(doc["roles"][0]["spread"], 3);
    assert_eq!(doc["roles"][doc_index("C-3")]["spread"], 0);
    assert_eq!(doc["roles"].as_array().unwrap().len(), 54);
    // A-1: manager 4, staff 1 → level 2.5; insource (4 + 1) / 2; outsource 2.
    assert_eq!(doc["roles"][0]["level"], 2.5);
    assert_eq!(doc["roles"][0]["insource"], 2.5);
    assert_eq!(doc["roles"][0]["outsource"], 2.0);
    assert_eq!(doc["roles"][0]["area"], "I");
    assert!(doc["roles"][doc_index("C-3")]["level"].is_null());
    assert_eq!(
        doc["perception_gaps"][0],
        serde_json::json!({"role": "A-1", "min": 1, "max": 4, "spread": 3})
    );
    assert_eq!(doc["positions"][0]["position"], "manager");
    assert_eq!(
        doc["positions"][1]["functions"][0],
        serde_json::json!({"id": "A", "maturity": 1.0})
    );
    assert_eq!(
        doc["respondents"][0],
        serde_json::json!({"name": "Sato <b>", "position": "manager", "answered": 3})
    );
    let improvement_keys: Vec<&str> = doc["improvements"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        improvement_keys,
        ["role", "side", "level", "gap", "transition", "priority"]
    );
}

fn doc_index(id: &str) -> usize {
    Catalog::builtin().role_index(id).unwrap()
}

#[test]
fn html_is_self_contained_and_escapes_user_text() {
    let html = render(Format::Html, Lang::Ja);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("Example &#60;CSIRT&#62; &#38; Co")
            || html.contains("Example &lt;CSIRT&gt; &amp; Co"),
        "organisation escaped"
    );
    assert!(!html.contains("<b>"), "user text must not become markup");
    for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!html.contains(external), "{external}");
    }
    for section in [
        "id=\"radar\"",
        "id=\"strengths\"",
        "id=\"roles\"",
        "id=\"mismatches\"",
        "id=\"improvements\"",
        "id=\"perception-gaps\"",
        "id=\"positions\"",
        "id=\"advice\"",
    ] {
        assert!(html.contains(section), "{section}");
    }
    assert!(html.contains("機能別レーダーチャート"));
    assert!(html.contains("全体方針管理"));
    assert!(html.contains("管理職やリーダーの採点は高めに"));
    assert_eq!(
        html.matches("<svg").count(),
        14,
        "the radar (and its phone layout), the two patterns' diagrams, nine role charts and the \
         positions chart"
    );
}

#[test]
fn html_in_english() {
    let html = render(Format::Html, Lang::En);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Improvement points toward the target"));
    assert!(html.contains("Overall policy management"));
    assert!(!html.contains("機能別"));
}

#[test]
fn a_single_respondent_has_no_perception_section() {
    let mut a = example();
    a.respondents.truncate(1);
    let mut out = Vec::new();
    write_report(
        &mut out,
        Format::Html,
        Catalog::builtin(),
        &a,
        ReportOptions::new(Lang::Ja),
    )
    .unwrap();
    let html = String::from_utf8(out).unwrap();
    assert!(!html.contains("id=\"perception-gaps\""));
    assert!(html.contains("id=\"improvements\""));
}

#[test]
fn svg_is_the_radar_alone() {
    let svg = render(Format::Svg, Lang::En);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("class=\"series\"").count(), 3);
    assert!(svg.contains("Combined") && svg.contains("Insource") && svg.contains("Outsource"));
}

#[test]
fn csv_has_one_row_per_role() {
    let text = render(Format::Csv, Lang::Ja);
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), ROLE_CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 54);
    assert_eq!(&rows[0][0], "A-1");
    assert_eq!(&rows[0][3], "2.5");
    assert_eq!(&rows[0][9], "全体方針管理");
    assert_eq!(
        &rows[doc_index("C-3")][3],
        "",
        "null level is an empty cell"
    );
}

#[test]
fn toml_template_lists_every_role_and_reads_back_once_named() {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    let options = SheetOptions {
        respondent: Some("Sato \"S\"".into()),
        organization: Some("CSIRT".into()),
        ..Default::default()
    };
    write_toml_template(&mut out, catalog, Lang::Ja, &options).unwrap();
    let text = String::from_utf8(out).unwrap();
    for role in catalog.roles() {
        assert!(text.contains(&format!("\"{}\"", role.id)), "{}", role.id);
        assert!(text.contains(&role.name.ja), "{}", role.name.ja);
    }
    let a = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    assert_eq!(a.respondents[0].name, "Sato \"S\"");
    assert_eq!(a.respondents[0].answered(), 0);
    // Filling one line gives an answer.
    let filled = text.replace("\"A-1\"  = {}", "\"A-1\"  = { insource = 3 }");
    let a = answers::parse(&filled, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    assert_eq!(a.respondents[0].answered(), 1);
    // Unfilled, the respondent's name is asked for.
    let mut blank = Vec::new();
    write_toml_template(&mut blank, catalog, Lang::En, &SheetOptions::default()).unwrap();
    let err = answers::parse(
        std::str::from_utf8(&blank).unwrap(),
        AnswersFormat::Toml,
        catalog,
        &Overrides::default(),
    )
    .unwrap_err();
    assert_eq!(err.errors()[0].path, "respondents[0].name");
}

#[test]
fn csv_template_reads_back() {
    let catalog = Catalog::builtin();
    let mut out = Vec::new();
    let options = SheetOptions {
        respondent: Some("Sato".into()),
        position: Some("leader".into()),
        ..Default::default()
    };
    write_csv_template(&mut out, catalog, Lang::Ja, &options).unwrap();
    let text =
        String::from_utf8(out)
            .unwrap()
            .replacen("Sato,leader,A-1,,,", "Sato,leader,A-1,4,,", 1);
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("hybrid".into()),
        ..Default::default()
    };
    let a = answers::parse(&text, AnswersFormat::Csv, catalog, &overrides).unwrap();
    assert_eq!(a.respondents.len(), 1);
    assert_eq!(a.respondents[0].answered(), 1);
    assert_eq!(text.lines().count(), 55);
}

#[test]
fn answers_csv_reads_back_equal() {
    let catalog = Catalog::builtin();
    let a = example();
    let mut out = Vec::new();
    crate::sheet::write_answers_csv(&mut out, catalog, &a).unwrap();
    assert!(out.starts_with(crate::sheet::UTF8_BOM));
    let overrides = Overrides {
        organization: Some(a.organization.clone()),
        title: Some(a.title.clone()),
        date: a.date.clone(),
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("minimum-outsource".into()),
        target_level: Some(4),
        areas: Vec::new(),
    };
    let back = answers::parse_bytes(&out, AnswersFormat::Csv, catalog, &overrides).unwrap();
    assert_eq!(back, a);
}

#[test]
fn csv_outputs_neutralise_formulas_and_read_back_exactly() {
    let catalog = Catalog::builtin();
    let mut a = example();
    a.respondents[0].name = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    a.respondents[1].name = "@SUM(1+1)".into();
    a.respondents[0].answers[0].note = Some("-2+3 and a tab\tinside".into());
    a.respondents[0].answers[1].note = Some("'=quoted already".into());
    let mut out = Vec::new();
    crate::sheet::write_answers_csv(&mut out, catalog, &a).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    // No line of data starts a cell with a formula character.
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {line:?}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK") && text.contains("'@SUM(1+1)"));
    let overrides = Overrides {
        organization: Some(a.organization.clone()),
        title: Some(a.title.clone()),
        date: a.date.clone(),
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("minimum-outsource".into()),
        target_level: Some(4),
        areas: Vec::new(),
    };
    let back = answers::parse_bytes(&out, AnswersFormat::Csv, catalog, &overrides).unwrap();
    assert_eq!(back, a, "the round trip stays exact");
}

/// Nothing answered yet: the report says so instead of an overall of 1.0 and empty charts, while
/// the result document keeps R1 (every unanswered role counts as 1).
#[test]
fn an_assessment_without_answers_says_what_is_missing() {
    let mut a = example();
    for r in &mut a.respondents {
        for answer in &mut r.answers {
            *answer = isomm_core::answers::Answer::default();
        }
    }
    let mut out = Vec::new();
    write_report(
        &mut out,
        Format::Html,
        Catalog::builtin(),
        &a,
        ReportOptions::new(Lang::En),
    )
    .unwrap();
    let html = String::from_utf8(out).unwrap();
    let u = ui::ui(Lang::En);
    assert!(html.contains("id=\"verdict\">No answers yet."), "{html}");
    assert!(html.contains("<div class=\"value\" id=\"overall\">—</div>"));
    for absent in [
        "id=\"radar\"",
        "id=\"roles\"",
        "id=\"improvements\"",
        u.top_actions,
    ] {
        assert!(!html.contains(absent), "{absent} shown without answers");
    }
    let mut json = Vec::new();
    write_report(
        &mut json,
        Format::Json,
        Catalog::builtin(),
        &a,
        ReportOptions::new(Lang::En),
    )
    .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["overall"], 1.0);
}

/// Part way through: the summary says who has not finished.
#[test]
fn a_partial_assessment_says_who_is_part_way() {
    let html = render(Format::Html, Lang::En);
    assert!(
        html.contains("Of 2 respondents, 2 are part way through, and unanswered roles count as 1."),
        "{html}"
    );
}

/// Respondents' notes explain the role chart they belong to (and are escaped there too).
#[test]
fn notes_appear_under_their_function_chart() {
    let html = render(Format::Html, Lang::En);
    let roles = html
        .split("<section id=\"roles\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(roles.contains("class=\"role-notes\""), "{roles}");
    assert!(
        roles.contains(
            "<strong>A-1</strong> <span class=\"muted\">Sato &#60;b&#62; (Manager): </span>approved"
        ) || roles.contains(
            "<strong>A-1</strong> <span class=\"muted\">Sato &lt;b&gt; (Manager): </span>approved"
        ),
        "{roles}"
    );
}

/// Beyond ten respondents the reports people read list the 15 largest perception gaps and count
/// the rest (the workbook and the JSON keep them all); a position's cell shows the range of levels
/// given and the decisions against the role (0) apart; the respondents go to an appendix.
#[test]
fn many_respondents_read_the_largest_gaps_and_a_count() {
    let a = answers::parse(
        include_str!("../../../examples/large-soc-30-respondents.toml"),
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    let e = isomm_core::evaluate(Catalog::builtin(), &a);
    assert!(a.respondents.len() > view::MANY_RESPONDENTS);
    assert!(e.perception_gaps.len() > view::GAP_ROWS_SHOWN);
    let v = ReportView::new(Catalog::builtin(), &a, ReportOptions::new(Lang::En));
    assert_eq!(
        v.gaps.len(),
        e.perception_gaps.len(),
        "the view keeps them all"
    );
    assert_eq!(v.gaps_shown, view::GAP_ROWS_SHOWN);
    let rest = e.perception_gaps.len() - view::GAP_ROWS_SHOWN;
    assert!(
        v.gaps_more
            .contains(&format!("{rest} more roles have a gap of 2 or more")),
        "{}",
        v.gaps_more
    );
    let mut html = Vec::new();
    write_report(
        &mut html,
        Format::Html,
        Catalog::builtin(),
        &a,
        ReportOptions::new(Lang::En),
    )
    .unwrap();
    let html = String::from_utf8(html).unwrap();
    assert_eq!(
        html.matches("<tr data-spread=").count(),
        view::GAP_ROWS_SHOWN
    );
    assert!(html.contains(&v.gaps_more));
    // H-1: some answered 0; their decisions are counted apart from the levels' range.
    let h1 = v.gaps.iter().find(|g| g.id == "H-1").expect("H-1 is a gap");
    assert!(
        h1.cells.iter().any(|c| c.text.contains("(0: ")),
        "{:?}",
        h1.cells.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    assert!(v.respondents_elsewhere.contains("30 respondents"));
    // Few respondents: every gap listed, nothing counted.
    let v = ReportView::new(Catalog::builtin(), &example(), ReportOptions::new(Lang::En));
    assert_eq!((v.gaps_shown, v.gaps_more.as_str()), (v.gaps.len(), ""));
}

/// The appendix of answers stops at 30 respondents and then says where they are; a reader of
/// results gets neither the answers nor that sentence.
#[test]
fn answers_beyond_thirty_respondents_are_in_the_workbook() {
    let one = |i: usize| {
        format!(
            "[[respondents]]\nname = \"R{i}\"\nposition = \"staff\"\n[respondents.answers]\n\"A-1\" = {{ insource = 3, note = \"n\" }}\n"
        )
    };
    let head = "format = \"isomm-answers/1\"\norganization = \"O\"\ntitle = \"T\"\ncurrent_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\ntarget_level = 4\n";
    for (count, listed) in [(30, true), (31, false)] {
        let text = format!("{head}{}", (0..count).map(one).collect::<String>());
        let a = answers::parse(
            &text,
            AnswersFormat::Toml,
            Catalog::builtin(),
            &Overrides::default(),
        )
        .unwrap();
        let v = ReportView::new(Catalog::builtin(), &a, ReportOptions::new(Lang::En));
        assert_eq!(v.answers.len(), if listed { count } else { 0 }, "{count}");
        assert_eq!(v.answers_elsewhere.is_empty(), listed, "{count}");
        if listed {
            assert_eq!(v.answers[0].cells.len(), 54);
            assert_eq!(
                v.answers[0].cells[0],
                ["A-1".to_string(), "3".into(), "—".into()]
            );
            assert_eq!(v.answers[0].notes, vec![["A-1".to_string(), "n".into()]]);
        }
        let results = ReportOptions {
            audience: isomm_core::Audience::Results,
            ..ReportOptions::new(Lang::En)
        };
        let v = ReportView::new(Catalog::builtin(), &a, results);
        assert!(
            v.answers.is_empty() && v.answers_elsewhere.is_empty(),
            "{count}"
        );
    }
}

/// No zero-width character reaches a text layer people copy from: names break between phrases
/// through `<wbr>` in HTML (boxes in the PDF; `tests/it/pdf.rs` reads its text back).
#[test]
fn no_zero_width_character_in_any_text_format() {
    let a = answers::parse(
        include_str!("../../../examples/large-soc-30-respondents.toml"),
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    for lang in [Lang::Ja, Lang::En] {
        for format in [Format::Html, Format::Svg, Format::Csv, Format::Json] {
            let mut out = Vec::new();
            write_report(
                &mut out,
                format,
                Catalog::builtin(),
                &a,
                ReportOptions::new(lang),
            )
            .unwrap();
            let text = String::from_utf8(out).unwrap();
            for c in ['\u{200B}', '\u{2060}', '\u{FEFF}'] {
                // The CSV opens with a byte order mark for Excel; nothing else may carry one.
                let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                assert!(!body.contains(c), "{lang:?} {format:?}: U+{:04X}", c as u32);
            }
        }
    }
    // The Japanese functions table breaks names at the model's phrases.
    let mut html = Vec::new();
    write_report(
        &mut html,
        Format::Html,
        Catalog::builtin(),
        &a,
        ReportOptions::new(Lang::Ja),
    )
    .unwrap();
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("セキュリティ対応<wbr>組織運営")
    );
}

/// A difference is the unrounded one, rounded as shown — as the workbook's cell of the same
/// difference shows it — and where that is 0.1 off the difference of the figures shown, the report
/// says why: a level of 2.25 (shown 2.3) is 1.8 from a target of 4, with the note.
#[test]
fn differences_are_taken_before_rounding_and_a_note_says_so() {
    assert_eq!(view::difference(4.0, 2.25), "1.8");
    assert!(!view::adds_up(4.0, 2.25));
    assert_eq!(view::difference(4.0, 2.3), "1.7");
    assert!(view::adds_up(4.0, 2.3));
    // Four respondents give A-1 in-house 2, 2, 2 and 3: 2.25.
    let head = "format = \"isomm-answers/1\"\norganization = \"O\"\ntitle = \"T\"\ncurrent_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\ntarget_level = 4\n";
    let respondents: String = [2, 2, 2, 3]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "[[respondents]]\nname = \"R{i}\"\nposition = \"staff\"\n[respondents.answers]\n\"A-1\" = {{ insource = {l} }}\n"
            )
        })
        .collect();
    let a = answers::parse(
        &format!("{head}{respondents}"),
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    let v = ReportView::new(Catalog::builtin(), &a, ReportOptions::new(Lang::En));
    let line = v
        .plan
        .groups
        .iter()
        .flat_map(|g| &g.lines)
        .chain(&v.plan.folded)
        .find(|l| l.id == "A-1")
        .expect("A-1 is in the plan");
    assert_eq!(line.gap, "1.8");
    assert!(line.now.contains("2.3"), "{}", line.now);
    assert!(
        v.plan.scope.contains(&view::rounding_note(Lang::En)),
        "{}",
        v.plan.scope
    );
}
