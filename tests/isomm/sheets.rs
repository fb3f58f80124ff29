//! The offline check sheet (xlsx): written by `isomm template`, filled, read back by `isomm report`,
//! alone and several at once; what spreadsheet programs do to a file; and what is refused.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use calamine::{Reader, Xlsx};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, Lang};
use isomm_report::sheet::{SheetOptions, write_xlsx_template};
use rust_xlsxwriter::Workbook;

fn isomm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isomm"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

const EXAMPLE: &str = "examples/hybrid-soc-mssp.toml";

/// One pre-filled sheet per respondent of the example, as someone would fill them in.
fn filled_sheets(dir: &Path, lang: Lang) -> Vec<String> {
    let catalog = Catalog::builtin();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    let a = answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    a.respondents
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let options = SheetOptions {
                organization: Some(a.organization.clone()),
                title: Some(a.title.clone()),
                date: a.date.clone(),
                current_pattern: Some(catalog.patterns()[a.current_pattern].id.clone()),
                target_pattern: Some(catalog.patterns()[a.target_pattern].id.clone()),
                target_level: Some(a.target_level.get()),
                respondent: Some(r.name.clone()),
                position: Some(r.position.as_str().to_string()),
                areas: Vec::new(),
                answers: Some(r.answers.clone()),
                back: isomm_report::sheet::SheetReturn::Command,
                drafts: None,
            };
            let path = dir.join(format!("sheet-{i}.xlsx"));
            let mut bytes = Vec::new();
            write_xlsx_template(&mut bytes, catalog, lang, &options).unwrap();
            fs::write(&path, bytes).unwrap();
            path.display().to_string()
        })
        .collect()
}

/// A part of a workbook (its XML), read from the file.
fn part_of(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
    xml
}

/// The names of a workbook's sheets and every text cell of its first sheet.
fn first_sheet_texts(path: &Path) -> (Vec<String>, Vec<String>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = book.sheet_names();
    let first = book.worksheet_range(&names[0]).unwrap();
    let texts = first
        .used_cells()
        .filter_map(|(_, _, c)| match c {
            calamine::Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (names, texts)
}

/// The instructions sheet comes first, in `lang`, with every level definition of both sides in
/// full, every pattern and area, and says how the sheet goes back (`back`).
fn assert_instructions_first(path: &Path, lang: Lang, sheet_names: [&str; 3], back: &str) {
    let catalog = Catalog::builtin();
    let (names, texts) = first_sheet_texts(path);
    assert_eq!(names, sheet_names);
    let has = |text: &str| texts.iter().any(|t| t == text);
    for (level, d) in catalog.levels().iter().enumerate() {
        for definition in [d.insource.get(lang), d.outsource.get(lang)] {
            assert!(has(definition), "level {level} in full: {definition}");
        }
    }
    for p in catalog.patterns() {
        assert!(has(p.name.get(lang)), "pattern {}", p.id);
    }
    for area in isomm_core::catalog::Area::ALL {
        assert!(has(area.name(lang)), "area {}", area.as_str());
    }
    assert!(
        texts.iter().any(|t| t.contains(back)),
        "how the sheet goes back ({back}): {texts:?}"
    );
}

#[test]
fn the_template_is_a_workbook_with_one_row_per_role() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.xlsx");
    let o = isomm(&[
        "template",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "--organization",
        "Example CSIRT",
        "--respondent",
        "佐藤",
        "--position",
        "leader",
        "--current-pattern",
        "hybrid",
        "--target-pattern",
        "full-insource",
        "--date",
        "2026-11-27",
        "--target-level",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_instructions_first(
        &path,
        Lang::Ja,
        ["記入のしかた", "評価", "回答"],
        "isomm report",
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    // The target level is a number and the date a date, each checked by Excel; the keys isomm reads
    // the fields by are in a hidden column.
    let fields = book.worksheet_range("評価").unwrap();
    let value_of = |key: &str| {
        (0..fields.height())
            .find(|r| fields.get((*r, 2)).map(|c| c.to_string()) == Some(key.into()))
            .and_then(|r| fields.get((r, 1)).cloned())
            .unwrap()
    };
    assert_eq!(value_of("target_level"), calamine::Data::Float(3.0));
    assert!(
        matches!(value_of("date"), calamine::Data::DateTime(_)),
        "{:?}",
        value_of("date")
    );
    let sheet_xml = part_of(&path, "xl/worksheets/sheet2.xml");
    assert!(
        sheet_xml.contains("hidden=\"1\""),
        "the key column is hidden"
    );
    assert!(
        sheet_xml.contains("type=\"whole\"") && sheet_xml.contains("type=\"date\""),
        "validation of the level and the date"
    );
    // The answers sheet prints on A4 landscape, one page wide, its header row on every page; rows
    // are tall enough for their descriptions.
    let part = |name: &str| part_of(&path, name);
    let answers_xml = part("xl/worksheets/sheet3.xml");
    for expected in [
        "orientation=\"landscape\"",
        "paperSize=\"9\"",
        "fitToHeight=\"0\"",
        "fitToPage=\"1\"",
        "customHeight=\"1\"",
    ] {
        assert!(
            answers_xml.contains(expected),
            "{expected} in the answers sheet"
        );
    }
    assert!(
        part("xl/workbook.xml").contains("_xlnm.Print_Titles"),
        "the header row repeats on every page"
    );
    // The instructions print on A4 portrait, one page wide, rows as tall as their wrapped texts.
    let guide_xml = part("xl/worksheets/sheet1.xml");
    for expected in [
        "paperSize=\"9\"",
        "fitToHeight=\"0\"",
        "fitToPage=\"1\"",
        "customHeight=\"1\"",
        "<sheetProtection",
    ] {
        assert!(
            guide_xml.contains(expected),
            "{expected} in the instructions"
        );
    }
    assert!(
        !guide_xml.contains("landscape"),
        "the instructions are portrait"
    );
    // The input message of an answer cell is short and points to the level table: no definition
    // cut off.
    let prompts = input_messages(&answers_xml);
    assert_eq!(prompts.len(), 2, "one per side: {prompts:?}");
    for prompt in &prompts {
        assert!(
            prompt.contains("記入のしかた") && prompt.encode_utf16().count() <= 255,
            "{prompt}"
        );
        assert!(!prompt.contains('…'), "{prompt}");
    }
    let answers = book.worksheet_range("回答").unwrap();
    let header: Vec<String> = answers
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "機能",
            "ID",
            "役割",
            "説明",
            "インソース",
            "アウトソース",
            "備考"
        ]
    );
    assert_eq!(answers.rows().count(), 55);
    assert_eq!(answers.get((1, 1)).unwrap().to_string(), "A-1");
    assert_eq!(answers.get((1, 2)).unwrap().to_string(), "全体方針管理");
    // Blank, it reads back as the pre-filled assessment with nothing answered.
    let doc = json(&isomm(&[
        "report",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(doc["organization"], "Example CSIRT");
    assert_eq!(doc["target_pattern"], "full-insource");
    assert_eq!(doc["target_level"], 3);
    // The date cell reads back as the date (the result document has no date yet: issue 11).
    let html = isomm(&["report", path.to_str().unwrap(), "--format", "html"]);
    assert!(
        String::from_utf8_lossy(&html.stdout).contains("2026-11-27"),
        "{}",
        stderr(&html)
    );
    assert_eq!(
        doc["respondents"][0],
        serde_json::json!({"name": "佐藤", "position": "leader", "answered": 0})
    );
    // The English sheet has English names.
    let en = dir.path().join("check-en.xlsx");
    assert!(
        isomm(&[
            "template",
            "--format",
            "xlsx",
            "--lang",
            "en",
            "-o",
            en.to_str().unwrap()
        ])
        .status
        .success()
    );
    assert_instructions_first(
        &en,
        Lang::En,
        ["How to fill in", "Assessment", "Answers"],
        "isomm report",
    );
    for prompt in input_messages(&part_of(&en, "xl/worksheets/sheet3.xml")) {
        assert!(
            prompt.contains("How to fill in") && prompt.encode_utf16().count() <= 255,
            "{prompt}"
        );
        assert!(!prompt.contains('…'), "{prompt}");
    }
}

/// The input messages (`prompt` attributes) of a sheet's data validations, unescaped.
fn input_messages(sheet_xml: &str) -> Vec<String> {
    sheet_xml
        .split(" prompt=\"")
        .skip(1)
        .map(|rest| {
            rest.split('"')
                .next()
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn three_filled_sheets_give_the_result_of_one_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let expected = json(&isomm(&["report", EXAMPLE, "--format", "json"]));
    for lang in [Lang::Ja, Lang::En] {
        let sheets = filled_sheets(dir.path(), lang);
        let mut args: Vec<&str> = vec!["report"];
        args.extend(sheets.iter().map(String::as_str));
        // The example moves two roles to another area; a sheet carries no areas, so say it here.
        args.extend(["--format", "json", "--area", "B-1=II", "--area", "E-4=II"]);
        assert_eq!(json(&isomm(&args)), expected, "{lang:?}");
    }
    // One sheet alone is one respondent.
    let sheets = filled_sheets(dir.path(), Lang::Ja);
    let one = json(&isomm(&["report", &sheets[0], "--format", "json"]));
    assert_eq!(one["respondents"].as_array().unwrap().len(), 1);
    // Sheets and answers files mix.
    let o = isomm(&[
        "report",
        &sheets[0],
        "examples/one-person-csirt.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("The files disagree"), "{}", stderr(&o));
}

#[test]
fn a_name_in_two_files_is_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = filled_sheets(dir.path(), Lang::Ja);
    let o = isomm(&["report", &sheets[1], &sheets[1], "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let message = stderr(&o);
    assert!(
        message.contains("The respondent “鈴木 美咲” is in"),
        "{message}"
    );
    assert_eq!(message.matches("sheet-1.xlsx").count(), 2, "{message}");
}

/// A workbook written the way a spreadsheet program may leave it: an extra sheet first, columns in
/// another order, rows shuffled, numbers as floats or text, empty strings.
#[test]
fn reading_tolerates_what_spreadsheet_programs_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "our own notes")
        .unwrap();
    let info = book.add_worksheet().set_name("Settings").unwrap();
    for (row, (value, key)) in [
        ("Edited SOC", "organization"),
        ("ハイブリッド", "current_pattern"),
        ("Full insource", "target_pattern"),
        ("3", "target_level"),
        ("Tanaka", "respondent"),
        ("担当者", "position"),
        ("isomm-answers/1", "format"),
    ]
    .into_iter()
    .enumerate()
    {
        info.write_string(row as u32, 1, value)
            .unwrap()
            .write_string(row as u32, 2, key)
            .unwrap();
    }
    // A date typed in a spreadsheet program is a serial number with a date format.
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/mm/dd");
    info.write_number_with_format(7, 1, 46352.0, &date)
        .unwrap()
        .write_string(7, 2, "date")
        .unwrap();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    for (col, h) in ["Note", "Outsource", "ID", "Insource"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, h).unwrap();
    }
    sheet
        .write_string(1, 2, "C-1")
        .unwrap()
        .write_number(1, 1, 3.0)
        .unwrap()
        .write_string(1, 3, "")
        .unwrap();
    sheet
        .write_string(2, 2, "A-1")
        .unwrap()
        .write_string(2, 3, "4")
        .unwrap()
        .write_string(2, 0, "kept")
        .unwrap();
    sheet.write_string(3, 2, "").unwrap();
    sheet
        .write_string(4, 2, "B-2")
        .unwrap()
        .write_number(4, 3, 0.0)
        .unwrap();
    fs::write(&path, book.save_to_buffer().unwrap()).unwrap();

    let a = answers::parse_bytes(
        &fs::read(&path).unwrap(),
        AnswersFormat::Xlsx,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    let c = Catalog::builtin();
    assert_eq!(a.organization, "Edited SOC");
    assert_eq!(a.date.as_deref(), Some("2026-11-26"));
    assert_eq!(c.patterns()[a.current_pattern].id, "hybrid");
    assert_eq!(c.patterns()[a.target_pattern].id, "full-insource");
    assert_eq!(a.target_level.get(), 3);
    let r = &a.respondents[0];
    assert_eq!((r.name.as_str(), r.position.as_str()), ("Tanaka", "staff"));
    let answer = |id: &str| r.answers[c.role_index(id).unwrap()].clone();
    assert_eq!(answer("A-1").insource.map(|l| l.get()), Some(4));
    assert_eq!(answer("A-1").note.as_deref(), Some("kept"));
    assert_eq!(answer("C-1").outsource.map(|l| l.get()), Some(3));
    assert_eq!(answer("C-1").insource, None, "an empty string is no answer");
    assert_eq!(answer("B-2").insource.map(|l| l.get()), Some(0));
    assert_eq!(r.answered(), 3);
}

/// Writes a workbook with `edit` applied to a copy of a filled sheet's answers sheet.
fn check_refused(file_name: &str, bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file_name);
    fs::write(&path, bytes).unwrap();
    let out = dir.path().join("report.html");
    let o = isomm(&[
        "report",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(file_name), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(expected),
        "{}\nexpected: {expected}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn workbooks_that_are_not_isomm_sheets_or_hold_bad_values_are_refused_with_the_cell() {
    check_refused(
        "plain.xlsx",
        b"this is not a zip file",
        "The file cannot be opened as an .xlsx workbook: it is not a complete .xlsx (zip) file.",
    );
    let mut other = Workbook::new();
    other.add_worksheet().write_string(0, 0, "budget").unwrap();
    check_refused(
        "budget.xlsx",
        &other.save_to_buffer().unwrap(),
        "This workbook is not an isomm check sheet: it lacks the sheet with the assessment's fields.",
    );

    let catalog = Catalog::builtin();
    let with = |answers: Vec<(usize, Option<i64>)>, name: Option<&str>| {
        let mut filled = vec![isomm_core::Answer::default(); catalog.roles().len()];
        for (role, level) in answers {
            filled[role].insource = level.and_then(isomm_core::Level::new);
        }
        let options = SheetOptions {
            current_pattern: Some("hybrid".into()),
            target_pattern: Some("hybrid".into()),
            respondent: name.map(str::to_string),
            position: Some("staff".into()),
            answers: Some(filled),
            ..SheetOptions::default()
        };
        let mut bytes = Vec::new();
        write_xlsx_template(&mut bytes, catalog, Lang::Ja, &options).unwrap();
        bytes
    };
    check_refused(
        "noname.xlsx",
        &with(vec![], None),
        "sheet “評価”, cell B11: The respondent's name is empty.",
    );

    // A value outside 0..5: made with a hand-written answers sheet, since our template cannot hold one.
    let seven = hand_made(
        &[
            "機能",
            "ID",
            "役割",
            "説明",
            "インソース",
            "アウトソース",
            "備考",
        ],
        |sheet| {
            sheet
                .write_string(1, 1, "A-1")
                .unwrap()
                .write_number(1, 4, 3.0)
                .unwrap();
            sheet
                .write_string(2, 1, "A-2")
                .unwrap()
                .write_number(2, 5, 7.0)
                .unwrap();
        },
    );
    check_refused(
        "seven.xlsx",
        &seven,
        "sheet “回答”, cell F3: Expected a level: a whole number from 0 to 5, or nothing for “not answered”; found the number 7.",
    );
    sheet_with_unknown_role();
}

/// A hand-made check sheet: the assessment fields a reader needs, and an answers sheet with these
/// headers whose rows `rows` writes.
fn hand_made(headers: &[&str], rows: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let info = book.add_worksheet().set_name("評価").unwrap();
    for (row, (value, key)) in [
        ("hybrid", "current_pattern"),
        ("hybrid", "target_pattern"),
        ("Sato", "respondent"),
        ("staff", "position"),
        ("isomm-answers/1", "format"),
    ]
    .into_iter()
    .enumerate()
    {
        info.write_string(row as u32, 1, value)
            .unwrap()
            .write_string(row as u32, 2, key)
            .unwrap();
    }
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    rows(sheet);
    book.save_to_buffer().unwrap()
}

fn sheet_with_unknown_role() {
    let unknown = hand_made(&["ID", "インソース", "アウトソース"], |sheet| {
        sheet.write_string(1, 0, "Z-9").unwrap();
    });
    check_refused(
        "unknown.xlsx",
        &unknown,
        "sheet “回答”, cell A2: Unknown role “Z-9”.",
    );
}

/// The sheet saved again by LibreOffice (a real spreadsheet program) still reads back the same, in
/// both languages, its instructions still first with the level table.
#[test]
#[ignore = "needs LibreOffice (soffice, libreoffice-calc-nogui); ./scripts/test installs it"]
fn a_sheet_saved_by_libreoffice_reads_back_the_same() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok());
    let Some(soffice) = soffice else {
        panic!(
            "LibreOffice is not installed: run ./scripts/test, which installs libreoffice-calc-nogui"
        );
    };
    for (lang, names) in [
        (Lang::Ja, ["記入のしかた", "評価", "回答"]),
        (Lang::En, ["How to fill in", "Assessment", "Answers"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let sheets = filled_sheets(dir.path(), lang);
        let out = dir.path().join("resaved");
        let home = dir.path().join("home");
        fs::create_dir_all(&home).unwrap();
        let status = Command::new(soffice)
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
            ])
            .arg(&out)
            .arg(&sheets[0])
            .env("HOME", &home)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let resaved = out.join("sheet-0.xlsx");
        assert!(
            resaved.exists(),
            "LibreOffice wrote nothing: {}",
            String::from_utf8_lossy(&status.stdout)
        );
        assert_instructions_first(&resaved, lang, names, "isomm report");
        let original = json(&isomm(&["report", &sheets[0], "--format", "json"]));
        let again = json(&isomm(&[
            "report",
            resaved.to_str().unwrap(),
            "--format",
            "json",
        ]));
        assert_eq!(again, original, "{}", lang.code());
    }
}

#[test]
fn too_many_sheets_or_rows_are_refused() {
    let mut book = Workbook::new();
    for i in 0..33 {
        book.add_worksheet().set_name(format!("s{i}")).unwrap();
    }
    check_refused(
        "many.xlsx",
        &book.save_to_buffer().unwrap(),
        "The workbook has 33 sheets; a check sheet needs a few, and isomm reads at most 32.",
    );

    let long = hand_made(&["ID", "インソース", "アウトソース"], |sheet| {
        sheet.write_string(5000, 0, "A-1").unwrap();
    });
    check_refused(
        "long.xlsx",
        &long,
        "sheet “回答”, cell A5001: This cell holds a value, but a check sheet uses at most 2,000 rows and 64 columns",
    );
}

/// A sheet is bound by the same limits on text as every other path: organisation, title and name
/// (200 characters), notes (2,000), each refused at its cell.
#[test]
fn texts_in_a_sheet_are_bounded_like_everywhere_else() {
    let catalog = Catalog::builtin();
    let sheet = |organization: &str, name: &str, note: Option<String>| {
        let mut filled = vec![isomm_core::Answer::default(); catalog.roles().len()];
        filled[0].insource = isomm_core::Level::new(3);
        filled[0].note = note;
        let options = SheetOptions {
            organization: Some(organization.into()),
            current_pattern: Some("hybrid".into()),
            target_pattern: Some("hybrid".into()),
            respondent: Some(name.into()),
            position: Some("staff".into()),
            answers: Some(filled),
            ..SheetOptions::default()
        };
        let mut bytes = Vec::new();
        write_xlsx_template(&mut bytes, catalog, Lang::Ja, &options).unwrap();
        bytes
    };
    check_refused(
        "org.xlsx",
        &sheet(&"o".repeat(5000), "Sato", None),
        "The text is 5,000 characters long; at most 200 are kept.",
    );
    check_refused(
        "name.xlsx",
        &sheet("Org", &"n".repeat(201), None),
        "The text is 201 characters long; at most 200 are kept.",
    );
    check_refused(
        "note.xlsx",
        &sheet("Org", "Sato", Some("x".repeat(2001))),
        "The text is 2,001 characters long; at most 2,000 are kept.",
    );
    // At the bounds, the sheet is read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.xlsx");
    fs::write(
        &path,
        sheet(&"o".repeat(200), "Sato", Some("x".repeat(2000))),
    )
    .unwrap();
    let o = isomm(&["report", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
