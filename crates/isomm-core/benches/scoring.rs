//! Benchmarks of isomm-core: scoring (`evaluate`) on synthetic assessments of 1, 10 and 1,000
//! respondents, and parsing the example answers as TOML and as CSV.
//!
//! Run with `cargo bench -p isomm-core --bench scoring`.

use divan::{Bencher, black_box};
use isomm_core::answers::{self, Answer, AnswersFormat, Level, Overrides, Respondent};
use isomm_core::{Assessment, Catalog, Position, evaluate};

fn main() {
    divan::main();
}

const HYBRID_TOML: &str = include_str!("../../../examples/hybrid-soc-mssp.toml");
const HYBRID_CSV: &str = include_str!("../../../examples/hybrid-soc-mssp.csv");

/// The assessment fields; its one respondent is replaced by the synthetic ones.
const HEADER: &str = r#"
format = "isomm-answers/1"
organization = "Benchmark SOC"
title = "Synthetic assessment"
current_pattern = "hybrid"
target_pattern = "minimum-outsource"

[[respondents]]
name = "placeholder"
position = "staff"
"#;

/// A deterministic pseudo-random level or none: 0..=5 answered, 6 left blank.
fn level(state: &mut u64) -> Option<Level> {
    // Knuth's MMIX linear congruential generator; the high bits are the well-mixed ones.
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    Level::new(((*state >> 33) % 7) as i64)
}

/// An assessment of `n` respondents who answer every role of the catalog.
fn assessment(catalog: &Catalog, n: usize) -> Assessment {
    let mut assessment =
        answers::parse(HEADER, AnswersFormat::Toml, catalog, &Overrides::default())
            .expect("the benchmark header is valid");
    let mut state: u64 = 2026;
    assessment.respondents = (0..n)
        .map(|i| {
            let position = Position::ALL[i % Position::ALL.len()];
            let mut respondent = Respondent::new(catalog, format!("r{i}"), position);
            for role in 0..catalog.roles().len() {
                respondent.answers[role] = Answer {
                    insource: level(&mut state),
                    outsource: level(&mut state),
                    note: None,
                };
            }
            respondent
        })
        .collect();
    assessment
}

/// R1–R12 on `n` respondents × 54 roles.
#[divan::bench(args = [1, 10, 1000])]
fn evaluate_respondents(bencher: Bencher, n: usize) {
    let catalog = Catalog::builtin();
    let assessment = assessment(catalog, n);
    bencher.bench(|| evaluate(black_box(catalog), black_box(&assessment)));
}

/// Parsing examples/hybrid-soc-mssp.toml (3 respondents).
#[divan::bench]
fn parse_toml(bencher: Bencher) {
    let catalog = Catalog::builtin();
    let overrides = Overrides::default();
    bencher.bench(|| {
        answers::parse(
            black_box(HYBRID_TOML),
            AnswersFormat::Toml,
            catalog,
            &overrides,
        )
        .expect("the example is valid")
    });
}

/// Parsing examples/hybrid-soc-mssp.csv (the same answers), with the patterns given as overrides.
#[divan::bench]
fn parse_csv(bencher: Bencher) {
    let catalog = Catalog::builtin();
    let overrides = Overrides {
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("minimum-outsource".into()),
        ..Default::default()
    };
    bencher.bench(|| {
        answers::parse(
            black_box(HYBRID_CSV),
            AnswersFormat::Csv,
            catalog,
            &overrides,
        )
        .expect("the example is valid")
    });
}
