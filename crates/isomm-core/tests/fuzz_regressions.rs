//! Inputs the fuzzers found (and hostile inputs written by hand), kept as regression tests: each must
//! be refused with an error or parsed, never panic. Files live in `fuzz/regressions/<target>/`.

use std::fs;
use std::path::Path;

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, Problem, TextFormat, evaluate};

fn each(target: &str, check: impl Fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        check(&bytes);
        count += 1;
    }
    count
}

fn answers(format: AnswersFormat, bytes: &[u8]) {
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("full-insource".into()),
        ..Overrides::default()
    };
    let overrides = if format == AnswersFormat::Csv {
        overrides
    } else {
        Overrides::default()
    };
    if let Ok(a) = answers::parse_bytes(bytes, format, Catalog::builtin(), &overrides) {
        evaluate(Catalog::builtin(), &a);
    }
}

#[test]
fn no_kept_input_panics() {
    let mut total = 0;
    total += each("answers_toml", |b| answers(AnswersFormat::Toml, b));
    total += each("answers_json", |b| answers(AnswersFormat::Json, b));
    total += each("answers_csv", |b| answers(AnswersFormat::Csv, b));
    total += each("xlsx", |b| answers(AnswersFormat::Xlsx, b));
    total += each("model", |b| {
        if let Ok(text) = std::str::from_utf8(b) {
            let _ = Catalog::parse(text, TextFormat::Json);
            let _ = Catalog::parse(text, TextFormat::Toml);
        }
    });
    assert!(total >= 5, "the regression inputs are missing");
}

#[test]
fn deeply_nested_and_huge_inputs_are_refused_not_overflowed() {
    let deep = "[".repeat(100_000);
    let err = answers::parse(
        &deep,
        AnswersFormat::Json,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap_err();
    assert!(
        matches!(*err.errors()[0].problem, Problem::TooDeep { .. }),
        "{err}"
    );
    let deep_toml = format!("a = {}", "[".repeat(100_000));
    assert!(
        answers::parse(
            &deep_toml,
            AnswersFormat::Toml,
            Catalog::builtin(),
            &Overrides::default()
        )
        .is_err()
    );
    let big = vec![b'x'; isomm_core::workbook::MAX_BYTES + 1];
    let err = answers::parse_bytes(
        &big,
        AnswersFormat::Xlsx,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("at most 8 MiB"), "{err}");
}
