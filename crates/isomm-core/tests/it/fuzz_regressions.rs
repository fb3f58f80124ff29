//! Inputs the fuzzers found (and hostile inputs written by hand), kept in `fuzz/regressions/<target>/`
//! and replayed as the fuzz targets read them. Each row of [`kept`] says what its file must give:
//! refused with exactly these problems, where and in which words, or read, and what is read. A file
//! without a row, or a row without a file, fails the test.
//!
//! The workbooks kept under `xlsx/` that [`crate::workbook_bombs`] builds must be the bytes it
//! builds: `ISOMM_WRITE_REGRESSIONS=1 cargo test -p isomm-core --test it kept_workbooks` writes
//! them again after a builder changed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Assessment, Catalog, InputError, Place, TextFormat, evaluate};

use crate::workbook_bombs::{Body, assessment_sheet, check_sheet, formatted_far_away, workbook};

/// How a fuzz target reads its input.
#[derive(Clone, Copy, Debug)]
enum Reader {
    Answers(AnswersFormat),
    Model(TextFormat),
}

/// A problem as a reader sees it: where, which field, the message's key and its arguments as
/// shown. A library's own text (the argument `detail`) is left out: it is for logs, and changes
/// with the library.
#[derive(Debug, PartialEq)]
struct Seen {
    place: Place,
    path: String,
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Seen {
    fn of(error: &InputError) -> Seen {
        Seen {
            place: error.place.clone(),
            path: error.path.clone(),
            key: error.problem.key(),
            args: error
                .problem
                .args()
                .into_iter()
                .filter(|(name, _)| *name != "detail")
                .collect(),
        }
    }
}

/// An expected problem: (place, path, message key, arguments as shown).
type Problem = (
    Place,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// One answer read: (role, insource, outsource).
type Read = (&'static str, Option<u8>, Option<u8>);

/// What a kept input must give.
enum Expect {
    /// Refused with exactly these problems, in this order.
    Refused(Vec<Problem>),
    /// Read: each respondent's name with some of their answers.
    Read(Vec<(&'static str, Vec<Read>)>),
}

fn text(line: usize, column: usize) -> Place {
    Place::Text { line, column }
}

/// Every kept input: (target directory, file, how the target reads it, what it must give).
fn kept() -> Vec<(&'static str, &'static str, Reader, Expect)> {
    use Expect::{Read, Refused};
    vec![
        (
            "answers_toml",
            "nul-name.toml",
            Reader::Answers(AnswersFormat::Toml),
            // The name holding U+0000 is refused where it is written; the fields the fuzzer left
            // out are named too.
            Refused(vec![
                (
                    text(1, 1),
                    "organization",
                    "missing-key",
                    &[("key", "organization")],
                ),
                (text(1, 1), "title", "missing-key", &[("key", "title")]),
                (
                    text(1, 1),
                    "current_pattern",
                    "missing-key",
                    &[("key", "current_pattern")],
                ),
                (
                    text(1, 1),
                    "target_pattern",
                    "missing-key",
                    &[("key", "target_pattern")],
                ),
                (text(3, 8), "respondents[0].name", "text-nul", &[]),
                (
                    text(2, 1),
                    "respondents[0].position",
                    "missing-key",
                    &[("key", "position")],
                ),
            ]),
        ),
        (
            "answers_json",
            "huge-number.json",
            Reader::Answers(AnswersFormat::Json),
            // 1e400 is no f64: refused as a number, not read as infinity.
            Refused(vec![(
                text(1, 51),
                "",
                "json-not-number",
                &[("text", "1e400")],
            )]),
        ),
        (
            "answers_csv",
            "unterminated-quote.csv",
            Reader::Answers(AnswersFormat::Csv),
            Refused(vec![(
                Place::Csv {
                    line: 2,
                    column: String::new(),
                },
                "",
                "csv-unclosed-quote",
                &[],
            )]),
        ),
        (
            "xlsx",
            "truncated-zip.xlsx",
            Reader::Answers(AnswersFormat::Xlsx),
            Refused(vec![(
                Place::Whole,
                "",
                "cannot-open",
                &[("why", "damaged")],
            )]),
        ),
        (
            "xlsx",
            "value-in-XFD1048576.xlsx",
            Reader::Answers(AnswersFormat::Xlsx),
            // Refused before calamine would allocate the rectangle from A1 to XFD1048576.
            Refused(vec![(
                Place::Cell {
                    sheet: "回答".into(),
                    cell: "XFD1048576".into(),
                },
                "",
                "cell-outside-table",
                &[("rows", "2,000"), ("columns", "64"), ("last", "BL2000")],
            )]),
        ),
        (
            "xlsx",
            "sst-unique-count-1e9.xlsx",
            Reader::Answers(AnswersFormat::Xlsx),
            // Refused before calamine would reserve a billion strings.
            Refused(vec![(
                Place::Whole,
                "",
                "shared-strings-declared",
                &[
                    ("part", "xl/sharedStrings.xml"),
                    ("count", "1,000,000,000"),
                    ("max", "200,000"),
                ],
            )]),
        ),
        (
            "xlsx",
            "formatted-cell-in-XFD1048576.xlsx",
            Reader::Answers(AnswersFormat::Xlsx),
            // A formatted cell without a value costs calamine nothing: read, not refused.
            Read(vec![(
                "Sato",
                vec![("A-1", Some(3), Some(2)), ("A-2", None, None)],
            )]),
        ),
        (
            "model",
            "empty-suffix-role.json",
            Reader::Model(TextFormat::Json),
            // A role id "A-" has no number after its function's id.
            Refused(vec![(
                text(1, 91),
                "functions[0].roles[0].id",
                "role-outside-function",
                &[("role", "A-"), ("function", "A")],
            )]),
        ),
        (
            "model",
            "empty-suffix-role.json",
            Reader::Model(TextFormat::Toml),
            Refused(vec![(text(1, 1), "", "toml-syntax", &[])]),
        ),
    ]
}

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions")
}

/// Reads `bytes` as the fuzz target does (scoring what is read, as it does): the assessment, or
/// the problems.
fn read(reader: Reader, bytes: &[u8]) -> Result<Option<Assessment>, Vec<InputError>> {
    match reader {
        Reader::Answers(format) => {
            // A CSV file has no patterns of its own; the fuzz target gives them as options.
            let overrides = match format {
                AnswersFormat::Csv => Overrides {
                    current_pattern: Some("hybrid".into()),
                    target_pattern: Some("full-insource".into()),
                    ..Overrides::default()
                },
                _ => Overrides::default(),
            };
            let a = answers::parse_bytes(bytes, format, Catalog::builtin(), &overrides)
                .map_err(|e| e.errors().to_vec())?;
            evaluate(Catalog::builtin(), &a);
            Ok(Some(a))
        }
        Reader::Model(format) => {
            let text = std::str::from_utf8(bytes).expect("a kept model file is UTF-8");
            Catalog::parse(text, format)
                .map(|_| None)
                .map_err(|e| vec![e])
        }
    }
}

#[test]
fn every_kept_input_gives_what_its_row_says() {
    let rows = kept();
    for (target, file, reader, expect) in &rows {
        let what = format!("{target}/{file} read as {reader:?}");
        let bytes = std::fs::read(regressions().join(target).join(file))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        match (read(*reader, &bytes), expect) {
            (Err(errors), Expect::Refused(problems)) => {
                let seen: Vec<Seen> = errors.iter().map(Seen::of).collect();
                let expected: Vec<Seen> = problems
                    .iter()
                    .map(|(place, path, key, args)| Seen {
                        place: place.clone(),
                        path: path.to_string(),
                        key,
                        args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
                    })
                    .collect();
                assert_eq!(seen, expected, "{what}");
            }
            (Ok(Some(a)), Expect::Read(respondents)) => {
                let names: Vec<&str> = a.respondents.iter().map(|r| r.name.as_str()).collect();
                let expected: Vec<&str> = respondents.iter().map(|(name, _)| *name).collect();
                assert_eq!(names, expected, "{what}");
                for (r, (_, answers)) in a.respondents.iter().zip(respondents) {
                    for (role, insource, outsource) in answers {
                        let i = Catalog::builtin().role_index(role).unwrap();
                        let got = &r.answers[i];
                        assert_eq!(
                            (
                                got.insource.map(|l| l.get()),
                                got.outsource.map(|l| l.get())
                            ),
                            (*insource, *outsource),
                            "{what}: {} {role}",
                            r.name
                        );
                    }
                }
            }
            (Ok(_), Expect::Refused(_)) => panic!("{what}: read, but it must be refused"),
            (Ok(None), Expect::Read(_)) => panic!("{what}: a model was loaded, not answers"),
            (Err(errors), Expect::Read(_)) => {
                let seen: Vec<Seen> = errors.iter().map(Seen::of).collect();
                panic!("{what}: refused, but it must be read: {seen:#?}")
            }
        }
    }
    // Every file on disk has its row, and every row its file.
    let mut on_disk = BTreeSet::new();
    for target in [
        "answers_toml",
        "answers_json",
        "answers_csv",
        "xlsx",
        "model",
    ] {
        let dir = regressions().join(target);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let name = entry.unwrap().file_name().into_string().unwrap();
            on_disk.insert((target.to_string(), name));
        }
    }
    let in_table: BTreeSet<(String, String)> = rows
        .iter()
        .map(|(target, file, _, _)| (target.to_string(), file.to_string()))
        .collect();
    assert_eq!(on_disk, in_table, "fuzz/regressions/ and the table differ");
}

/// Inputs too deep or too large to keep as files: each refused with its own problem, never a
/// stack overflow or an allocation of its size.
#[test]
fn deeply_nested_and_huge_inputs_are_refused_not_overflowed() {
    let cases: [(&str, Vec<u8>, AnswersFormat, Problem); 3] = [
        (
            "100,000 nested JSON arrays",
            "[".repeat(100_000).into_bytes(),
            AnswersFormat::Json,
            (text(1, 66), "", "too-deep", &[("max", "64")]),
        ),
        (
            "100,000 nested TOML arrays (the TOML parser's own depth limit)",
            format!("a = {}", "[".repeat(100_000)).into_bytes(),
            AnswersFormat::Toml,
            (text(1, 85), "", "toml-syntax", &[]),
        ),
        (
            "a workbook one byte over the size limit",
            vec![b'x'; isomm_core::workbook::MAX_BYTES + 1],
            AnswersFormat::Xlsx,
            (
                Place::Whole,
                "",
                "file-too-large",
                &[("size", "8.0 MiB"), ("max", "8 MiB")],
            ),
        ),
    ];
    for (what, bytes, format, (place, path, key, args)) in cases {
        let errors =
            answers::parse_bytes(&bytes, format, Catalog::builtin(), &Overrides::default())
                .expect_err(what);
        let seen: Vec<Seen> = errors.errors().iter().map(Seen::of).collect();
        let expected = Seen {
            place,
            path: path.to_string(),
            key,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        };
        assert_eq!(seen, [expected], "{what}");
    }
}

/// The workbooks under `fuzz/regressions/xlsx/` that the bomb builders make, by name.
fn built_workbooks() -> [(&'static str, Vec<u8>); 3] {
    [
        (
            "value-in-XFD1048576.xlsx",
            check_sheet(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#),
        ),
        (
            "sst-unique-count-1e9.xlsx",
            workbook(
                vec![("評価", assessment_sheet())],
                vec![(
                    "xl/sharedStrings.xml",
                    Body::text(r#"<sst uniqueCount="1000000000"><si><t>x</t></si></sst>"#),
                )],
            ),
        ),
        ("formatted-cell-in-XFD1048576.xlsx", formatted_far_away()),
    ]
}

/// The kept workbooks are the ones the builders make now (or, with `ISOMM_WRITE_REGRESSIONS=1`,
/// are written again from them).
#[test]
fn kept_workbooks_are_the_ones_the_builders_make() {
    let write = std::env::var_os("ISOMM_WRITE_REGRESSIONS").is_some_and(|v| v == "1");
    let dir = regressions().join("xlsx");
    for (name, bytes) in built_workbooks() {
        assert!(bytes.len() < 100 * 1024, "{name}: {} bytes", bytes.len());
        let path = dir.join(name);
        if write {
            std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        let kept = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            kept == bytes,
            "{name} differs from what its builder makes: run with ISOMM_WRITE_REGRESSIONS=1 \
             to write it again"
        );
    }
}
