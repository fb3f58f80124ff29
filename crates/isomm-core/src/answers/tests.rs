//! Tests of the answers parsers: every kind of bad input gives its place, its path and what was expected.

use super::*;
use crate::limits::Limits;

const HEAD: &str = "format = \"isomm-answers/1\"\norganization = \"Example CSIRT\"\ntitle = \"FY2026\"\ncurrent_pattern = \"hybrid\"\ntarget_pattern = \"minimum-outsource\"\n";

fn parse_toml(text: &str) -> Result<Assessment, InputErrors> {
    parse(
        text,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
}

/// Every problem of `errors`, one per line: its place, its path and the problem itself (the words
/// of each problem are checked once, in `problem.rs`).
fn brief(errors: &InputErrors) -> String {
    let mut lines: Vec<String> = errors.errors().iter().map(brief_one).collect();
    if errors.more() {
        lines.push("…".into());
    }
    lines.join("\n")
}

fn brief_one(e: &InputError) -> String {
    let place = match &e.place {
        Place::Text { line, column } => format!("line {line}, column {column}: "),
        Place::Csv { line, column } => format!("line {line}, column {column}: "),
        Place::Cell { sheet, cell } => format!("sheet {sheet}, cell {cell}: "),
        Place::Whole => String::new(),
    };
    let path = if e.path.is_empty() {
        String::new()
    } else {
        format!("{}: ", e.path)
    };
    format!("{place}{path}{:?}", e.problem)
}

/// Compares the problems found with those expected; with `ISOMM_BLESS=file` set, writes what was
/// found (with the line of the call) to that file instead, for updating the expectations.
#[track_caller]
fn expect_problems(errors: &InputErrors, expected: &str) {
    let found = brief(errors);
    if let Ok(file) = std::env::var("ISOMM_BLESS") {
        use std::io::Write;
        let line = std::panic::Location::caller().line();
        let mut out = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(file)
            .unwrap();
        writeln!(out, "{line}\t{}", serde_json::to_string(&found).unwrap()).unwrap();
        return;
    }
    assert_eq!(found, expected);
}

/// Parses TOML made of HEAD and `body`, and compares the problems found.
#[track_caller]
fn check_toml_error(body: &str, expected: &str) {
    let err = parse_toml(&format!("{HEAD}{body}")).unwrap_err();
    expect_problems(&err, expected);
}

#[track_caller]
fn check_json_error(text: &str, expected: &str) {
    let err = parse(
        text,
        AnswersFormat::Json,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap_err();
    expect_problems(&err, expected);
}

#[track_caller]
fn check_csv_error(text: &str, expected: &str) {
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("full-insource".into()),
        ..Overrides::default()
    };
    let err = parse(text, AnswersFormat::Csv, Catalog::builtin(), &overrides).unwrap_err();
    expect_problems(&err, expected);
}

const ONE: &str =
    "[[respondents]]\nname = \"Sato\"\nposition = \"manager\"\n[respondents.answers]\n";

#[test]
fn the_example_of_formats_md_parses() {
    let text = r#"
format = "isomm-answers/1"
model = "isomm-2.1"                 # optional, this is the default
organization = "Example CSIRT"
title = "FY2026 self-check"
date = "2026-11-26"                 # optional
current_pattern = "hybrid"
target_pattern = "minimum-outsource"
target_level = 4                    # optional, 1..5, default 4

[areas]
"B-1" = "II"

[[respondents]]
name = "Sato"
position = "manager"

[respondents.answers]
"A-1" = { insource = 4, outsource = 2, note = "approved by the CISO in April" }
"B-1" = { outsource = 5 }
"C-3" = { insource = 0 }
"#;
    let a = parse_toml(text).unwrap();
    let c = Catalog::builtin();
    assert_eq!(a.organization, "Example CSIRT");
    assert_eq!(a.date.as_deref(), Some("2026-11-26"));
    assert_eq!(c.patterns()[a.current_pattern].id, "hybrid");
    assert_eq!(a.target_level.get(), 4);
    assert_eq!(a.area(c, c.role_index("B-1").unwrap()), Area::II);
    let sato = &a.respondents[0];
    assert_eq!(sato.position, Position::Manager);
    let a1 = &sato.answers[0];
    assert_eq!((a1.insource, a1.outsource), (Level::new(4), Level::new(2)));
    assert_eq!(a1.note.as_deref(), Some("approved by the CISO in April"));
    assert_eq!(sato.answered(), 3);
}

#[test]
fn json_and_toml_give_the_same_assessment() {
    let toml = format!(
        "{HEAD}target_level = 3\n{ONE}\"A-1\" = {{ insource = 4 }}\n\"C-3\" = {{ outsource = 0, note = \"n\" }}\n"
    );
    let json = r#"{"format": "isomm-answers/1", "organization": "Example CSIRT", "title": "FY2026",
      "current_pattern": "hybrid", "target_pattern": "minimum-outsource", "target_level": 3,
      "respondents": [{"name": "Sato", "position": "manager",
        "answers": {"A-1": {"insource": 4, "outsource": null}, "C-3": {"outsource": 0, "note": "n"}}}]}"#;
    let from_json = parse(
        json,
        AnswersFormat::Json,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    assert_eq!(parse_toml(&toml).unwrap(), from_json);
}

#[test]
fn bad_toml_is_located() {
    check_toml_error(
        &format!("{ONE}\"A-1\" = {{ insource = 7 }}\n"),
        "line 10, column 22: respondents[0].answers.\"A-1\".insource: BadLevel { found_kind: Integer, found: \"7\" }",
    );
    check_toml_error(
        &format!("{ONE}\"A-1\" = {{ outsource = 2.5 }}\n"),
        "line 10, column 23: respondents[0].answers.\"A-1\".outsource: BadLevel { found_kind: Number, found: \"2.5\" }",
    );
    check_toml_error(
        &format!("{ONE}\"A-1\" = {{ insource = \"3\" }}\n"),
        "line 10, column 22: respondents[0].answers.\"A-1\".insource: BadLevel { found_kind: String, found: \"3\" }",
    );
    check_toml_error(
        &format!("{ONE}\"Z-9\" = {{ insource = 3 }}\n"),
        "line 10, column 1: respondents[0].answers.\"Z-9\": UnknownRole { found: \"Z-9\", model: \"isomm-2.1\", first: \"A-1\", last: \"I-6\" }",
    );
    check_toml_error(
        &format!("{ONE}\"A-1\" = {{ insorce = 3 }}\n"),
        "line 10, column 11: respondents[0].answers.\"A-1\".insorce: UnknownKey { key: \"insorce\", allowed: \"insource, outsource, note\" }",
    );
    check_toml_error(
        "[[respondents]]\nname = \"Sato\"\nposition = \"boss\"\n",
        "line 8, column 12: respondents[0].position: UnknownPosition { found: \"boss\" }",
    );
    check_toml_error(
        &format!("{ONE}[[respondents]]\nname = \"Sato\"\nposition = \"staff\"\n"),
        "line 11, column 8: respondents[1].name: DuplicateName { name: \"Sato\" }",
    );
    check_toml_error(
        "respondents = []\n",
        "line 6, column 15: respondents: NoRespondents",
    );
    check_toml_error(
        &format!("target_level = 6\n{ONE}"),
        "line 6, column 16: target_level: BadTargetLevel { found: \"6\" }",
    );
    check_toml_error(
        &format!("target_level = 0\n{ONE}"),
        "line 6, column 16: target_level: BadTargetLevel { found: \"0\" }",
    );
    check_toml_error(
        &format!("colour = \"red\"\n{ONE}"),
        "line 6, column 1: colour: UnknownKey { key: \"colour\", allowed: \"format, model, organization, title, date, current_pattern, target_pattern, target_level, areas, respondents\" }",
    );
    check_toml_error(
        &format!("date = \"2026-02-30\"\n{ONE}"),
        "line 6, column 8: date: BadDate { found: \"2026-02-30\" }",
    );
    check_toml_error(
        &format!("[areas]\n\"B-1\" = \"V\"\n{ONE}"),
        "line 7, column 9: areas.\"B-1\": UnknownArea { found: \"V\" }",
    );
    check_toml_error(
        &format!("{ONE}\"A-1\" = {{ insource = 3 \n"),
        "line 10, column 23: TomlSyntax { detail: \"unclosed inline table, expected `}`\" }",
    );
}

#[test]
fn an_unquoted_toml_date_is_accepted() {
    let a = parse_toml(&format!("{HEAD}date = 2026-11-26\n{ONE}")).unwrap();
    assert_eq!(a.date.as_deref(), Some("2026-11-26"));
    let err = parse_toml(&format!("{HEAD}date = 2026-11-26T10:00:00\n{ONE}")).unwrap_err();
    expect_problems(
        &err,
        "line 6, column 8: date: BadDate { found: \"2026-11-26T10:00:00\" }",
    );
}

#[test]
fn an_unknown_pattern_and_missing_keys_are_located() {
    let err = parse_toml("format = \"isomm-answers/1\"\norganization = \"o\"\ntitle = \"t\"\ncurrent_pattern = \"half\"\ntarget_pattern = \"hybrid\"\n").unwrap_err();
    expect_problems(
        &err,
        "line 4, column 19: current_pattern: UnknownPattern { found: \"half\", allowed: \"minimum-insource, hybrid, minimum-outsource, full-insource\" }\nline 1, column 1: respondents: MissingKey { key: \"respondents\" }",
    );
    let err = parse_toml("format = \"isomm-answers/1\"\norganization = \"o\"\ntitle = \"t\"\ncurrent_pattern = \"hybrid\"\n").unwrap_err();
    expect_problems(
        &err,
        "line 1, column 1: target_pattern: MissingKey { key: \"target_pattern\" }\nline 1, column 1: respondents: MissingKey { key: \"respondents\" }",
    );
    let err = parse_toml("format = \"isomm-answers/2\"\n").unwrap_err();
    expect_problems(
        &err,
        "line 1, column 10: format: UnsupportedFormat { found: \"isomm-answers/2\", format: \"isomm-answers/1\" }",
    );
    let err = parse_toml(&format!("model = \"isomm-9\"\n{HEAD}")).unwrap_err();
    expect_problems(
        &err,
        "line 1, column 9: model: OtherModel { found: \"isomm-9\", loaded: \"isomm-2.1\" }",
    );
}

#[test]
fn bad_json_is_located() {
    let head = r#"{"format": "isomm-answers/1", "organization": "o", "title": "t", "current_pattern": "hybrid", "target_pattern": "hybrid","#;
    check_json_error(
        &format!(
            "{head}\n \"respondents\": [{{\"name\": \"a\", \"position\": \"staff\",\n  \"answers\": {{\"A-1\": {{\"insource\": -1}}}}}}]}}"
        ),
        "line 3, column 35: respondents[0].answers.\"A-1\".insource: BadLevel { found_kind: Integer, found: \"-1\" }",
    );
    check_json_error(
        &format!(
            "{head}\n \"respondents\": [{{\"name\": \"a\", \"position\": \"staff\"}}, {{\"name\": \"a\", \"position\": \"leader\"}}]}}"
        ),
        "line 2, column 63: respondents[1].name: DuplicateName { name: \"a\" }",
    );
    check_json_error(
        &format!("{head}\n \"respondents\": [}}"),
        "line 2, column 18: JsonSyntax { token: Value }",
    );
    check_json_error(
        &format!("{head} \"target_level\": 4.5, \"respondents\": []}}"),
        "line 1, column 139: target_level: BadTargetLevel { found: \"4.5\" }",
    );
}

#[test]
fn csv_form_parses_with_bom_and_options() {
    let text = "\u{feff}respondent,position,role,insource,outsource,note\nSato,manager,A-1,4,2,\"approved, in April\"\nSato,manager,B-1,,5,\nTanaka,staff,A-1,3.0,,\n";
    let overrides = Overrides {
        organization: Some("Example CSIRT".into()),
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("minimum-outsource".into()),
        target_level: Some(3),
        date: Some("2026-11-26".into()),
        ..Overrides::default()
    };
    let a = parse(text, AnswersFormat::Csv, Catalog::builtin(), &overrides).unwrap();
    assert_eq!(a.organization, "Example CSIRT");
    assert_eq!(a.target_level.get(), 3);
    assert_eq!(a.respondents.len(), 2);
    assert_eq!(
        a.respondents[0].answers[0].note.as_deref(),
        Some("approved, in April")
    );
    assert_eq!(a.respondents[1].answers[0].insource, Level::new(3));
    assert_eq!(a.respondents[1].position, Position::Staff);
}

#[test]
fn bad_csv_is_located() {
    let h = "respondent,position,role,insource,outsource,note\n";
    check_csv_error(
        &format!("{h}Sato,manager,A-1,6,,\n"),
        "line 2, column insource: BadLevel { found_kind: String, found: \"6\" }",
    );
    check_csv_error(
        &format!("{h}Sato,manager,A-1,,x,\n"),
        "line 2, column outsource: BadLevel { found_kind: String, found: \"x\" }",
    );
    check_csv_error(
        &format!("{h}Sato,manager,A-1,1,,\nSato,manager,X-1,1,,\n"),
        "line 3, column role: UnknownRole { found: \"X-1\", model: \"isomm-2.1\", first: \"A-1\", last: \"I-6\" }",
    );
    check_csv_error(
        &format!("{h}Sato,chief,A-1,1,,\n"),
        "line 2, column position: UnknownPosition { found: \"chief\" }",
    );
    check_csv_error(
        &format!("{h}Sato,manager,A-1,1,,\nSato,staff,A-2,1,,\n"),
        "line 3, column position: PositionChanged { name: \"Sato\", earlier: \"manager\" }",
    );
    check_csv_error(
        &format!("{h}Sato,manager,A-1,1,,\nSato,manager,A-1,2,,\n"),
        "line 3, column role: RoleAnsweredTwice { role: \"A-1\", name: \"Sato\", line: 2 }",
    );
    check_csv_error(
        &format!("{h}Sato,manager,A-1,1\n"),
        "line 2, column : CsvFieldCount { want: 6, found: 4 }",
    );
    check_csv_error(
        "respondent,position,role,level\n",
        "line 1, column level: UnknownColumn { column: \"level\", columns: \"respondent,position,role,insource,outsource,note\" }",
    );
    check_csv_error(
        "respondent,position,insource\n",
        "line 1, column role: MissingColumn { column: \"role\", columns: \"respondent,position,role,insource,outsource,note\" }",
    );
    check_csv_error(h, "NoRows");
    check_csv_error(" \n", "EmptyFile");
    check_toml_error(
        "",
        "line 1, column 1: respondents: MissingKey { key: \"respondents\" }",
    );
    check_csv_error(&format!("{h},,A-1,,,\n,,A-2,,,\n"), "NoRows");
    check_csv_error(
        &format!("{h},,A-1,3,,\n"),
        "line 2, column respondent: NoName\nline 2, column position: NoPosition",
    );
    let err = parse(
        &format!("{h}Sato,manager,A-1,1,,\n"),
        AnswersFormat::Csv,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap_err();
    expect_problems(
        &err,
        "--current-pattern: CsvNeedsOption { option: \"--current-pattern\" }\n--target-pattern: CsvNeedsOption { option: \"--target-pattern\" }",
    );
}

#[test]
fn an_unclosed_quote_in_csv_is_refused_at_its_line() {
    let h = "respondent,position,role,insource,outsource,note\n";
    check_csv_error(
        &format!("{h}a,staff,A-1,3,,\"unterminated\na,staff,A-2,2,,\n"),
        "line 2, column : CsvUnclosedQuote",
    );
    // Quotes that close, doubled quotes, and a quote inside an unquoted cell are fine.
    let ok =
        format!("{h}a,staff,A-1,3,,\"two\nlines, \"\"quoted\"\"\"\na,staff,A-2,2,,say \"hi\"\n");
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("hybrid".into()),
        ..Overrides::default()
    };
    let a = parse(&ok, AnswersFormat::Csv, Catalog::builtin(), &overrides).unwrap();
    assert_eq!(
        a.respondents[0].answers[0].note.as_deref(),
        Some("two\nlines, \"quoted\"")
    );
    assert_eq!(
        a.respondents[0].answers[1].note.as_deref(),
        Some("say \"hi\"")
    );
}

#[test]
fn merging_files_keeps_respondents_in_order_and_checks_fields() {
    let c = Catalog::builtin();
    let file = |name: &str, pattern: &str| {
        let text = format!(
            "format = \"isomm-answers/1\"\norganization = \"o\"\ntitle = \"t\"\ncurrent_pattern = \"{pattern}\"\ntarget_pattern = \"hybrid\"\n[[respondents]]\nname = \"{name}\"\nposition = \"staff\"\n[respondents.answers]\n\"A-1\" = {{ insource = 2 }}\n"
        );
        parse(&text, AnswersFormat::Toml, c, &Overrides::default()).unwrap()
    };
    let merged = merge(
        c,
        vec![
            ("a.toml".into(), file("A", "hybrid")),
            ("b.xlsx".into(), file("B", "hybrid")),
        ],
        &Limits::default(),
    )
    .unwrap();
    let names: Vec<&str> = merged.respondents.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    let err = merge(
        c,
        vec![
            ("a.toml".into(), file("A", "hybrid")),
            ("b.xlsx".into(), file("A", "hybrid")),
        ],
        &Limits::default(),
    )
    .unwrap_err();
    expect_problems(
        &err.into(),
        "respondents: RespondentInTwoFiles { name: \"A\", first: \"a.toml\", other: \"b.xlsx\" }",
    );
    let err = merge(
        c,
        vec![
            ("a.toml".into(), file("A", "hybrid")),
            ("b.xlsx".into(), file("B", "full-insource")),
        ],
        &Limits::default(),
    )
    .unwrap_err();
    expect_problems(
        &err.into(),
        "current_pattern: FilesDisagree { first: \"a.toml\", first_value: \"hybrid\", other: \"b.xlsx\", other_value: \"full-insource\", option: \"--current-pattern\" }",
    );
    assert!(merge(c, vec![], &Limits::default()).is_err());
    let two = merge(
        c,
        vec![
            ("a.toml".into(), file("A", "hybrid")),
            ("b.xlsx".into(), file("B", "hybrid")),
        ],
        &Limits { max_respondents: 1 },
    )
    .unwrap_err();
    assert_eq!(*two.problem, Problem::TooManyRespondents { max: 1 });
}

/// One TOML respondent block, named `name`.
fn respondent_block(name: &str) -> String {
    format!("[[respondents]]\nname = \"{name}\"\nposition = \"staff\"\n")
}

#[test]
fn limits_refuse_too_many_respondents_at_their_place() {
    let limits = Limits { max_respondents: 3 };
    let mut text = HEAD.to_string();
    for i in 0..4 {
        text.push_str(&respondent_block(&format!("r{i}")));
    }
    let c = Catalog::builtin();
    let err = parse_within(
        &text,
        AnswersFormat::Toml,
        c,
        &Overrides::default(),
        &limits,
    )
    .unwrap_err();
    let err = &err.errors()[0];
    assert_eq!(err.path, "respondents");
    assert!(matches!(err.place, Place::Text { .. }), "{err:?}");
    assert_eq!(*err.problem, Problem::TooManyRespondents { max: 3 });
    assert!(err.to_string().contains("--max-respondents"), "{err}");
    // Three are fine.
    let three = text.rsplit_once("[[respondents]]").unwrap().0;
    assert!(
        parse_within(
            three,
            AnswersFormat::Toml,
            c,
            &Overrides::default(),
            &limits
        )
        .is_ok()
    );

    // The CSV form stops at the row that would add the fourth respondent.
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("hybrid".into()),
        ..Overrides::default()
    };
    let mut csv = "respondent,position,role,insource,outsource,note\n".to_string();
    for i in 0..10 {
        csv.push_str(&format!("r{i},staff,A-1,1,,\n"));
    }
    let err = parse_within(&csv, AnswersFormat::Csv, c, &overrides, &limits).unwrap_err();
    assert_eq!(
        err.errors()[0].place,
        Place::Csv {
            line: 5,
            column: "respondent".into()
        }
    );
}

#[test]
fn limits_refuse_long_texts_where_they_are() {
    let c = Catalog::builtin();
    let long = "x".repeat(1_000_000);
    let text = HEAD.replace("Example CSIRT", &long) + &respondent_block("a");
    let err = parse(&text, AnswersFormat::Toml, c, &Overrides::default()).unwrap_err();
    let err = &err.errors()[0];
    assert_eq!(err.path, "organization");
    assert_eq!(
        err.place,
        Place::Text {
            line: 2,
            column: 16
        }
    );
    assert_eq!(
        *err.problem,
        Problem::TextTooLong {
            chars: 1_000_000,
            max: 200
        }
    );

    // The same bound for an option, a name and a note, in JSON and CSV alike.
    let overrides = Overrides {
        title: Some("t".repeat(201)),
        ..Overrides::default()
    };
    let ok = HEAD.to_string() + &respondent_block("a");
    let err = parse(&ok, AnswersFormat::Toml, c, &overrides).unwrap_err();
    assert_eq!(err.errors()[0].path, "--title");

    let json = format!(
        r#"{{"format":"isomm-answers/1","organization":"o","title":"t","current_pattern":"hybrid","target_pattern":"hybrid",
"respondents":[{{"name":"a","position":"staff","answers":{{"A-1":{{"note":"{}"}}}}}}]}}"#,
        "n".repeat(2001)
    );
    let err = parse(&json, AnswersFormat::Json, c, &Overrides::default()).unwrap_err();
    expect_problems(
        &err,
        "line 2, column 72: respondents[0].answers.\"A-1\".note: TextTooLong { chars: 2001, max: 2000 }",
    );

    let csv_overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("hybrid".into()),
        ..Overrides::default()
    };
    let csv = format!(
        "respondent,position,role,insource,outsource,note\n{},staff,A-1,1,,\n",
        "名".repeat(201)
    );
    let err = parse(&csv, AnswersFormat::Csv, c, &csv_overrides).unwrap_err();
    assert_eq!(
        err.errors()[0].place,
        Place::Csv {
            line: 2,
            column: "respondent".into()
        }
    );
}

#[test]
fn limits_refuse_a_file_over_the_size_bound_before_reading_it() {
    let c = Catalog::builtin();
    let big = vec![b' '; crate::limits::MAX_FILE_BYTES + 1];
    for format in [AnswersFormat::Toml, AnswersFormat::Csv, AnswersFormat::Xlsx] {
        let err = parse_bytes(&big, format, c, &Overrides::default()).unwrap_err();
        assert!(
            err.to_string().contains("at most 8 MiB"),
            "{format:?}: {err}"
        );
    }
}

#[test]
fn formulas_are_neutralised_in_csv_and_read_back_exactly() {
    for (text, written) in [
        (
            "=HYPERLINK(\"http://evil.example\")",
            "'=HYPERLINK(\"http://evil.example\")",
        ),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("+81 3", "'+81 3"),
        ("-1", "'-1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already", "''=already"),
        ("''", "'''"),
        ("'plain", "'plain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ] {
        assert_eq!(csv_cell_out(text), written, "{text:?}");
        assert_eq!(csv_cell_in(&csv_cell_out(text)), text, "{text:?}");
    }
}

#[test]
fn typed_levels_are_read_the_same_everywhere() {
    let level = |v| Ok(Some(Level::new(v).unwrap()));
    for (typed, expected) in [
        ("", Ok(None)),
        ("   ", Ok(None)),
        ("0", level(0)),
        (" 3 ", level(3)),
        ("5", level(5)),
        ("３", level(3)),
        ("０", level(0)),
        ("　４　", level(4)),
        ("3.0", level(3)),
        ("３．０", level(3)),
        ("6", Err(NotALevel)),
        ("６", Err(NotALevel)),
        ("-1", Err(NotALevel)),
        ("3.5", Err(NotALevel)),
        (".0", Err(NotALevel)),
        ("三", Err(NotALevel)),
        ("3a", Err(NotALevel)),
    ] {
        assert_eq!(Level::parse_typed(typed), expected, "{typed:?}");
    }
}
