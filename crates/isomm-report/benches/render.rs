//! Benchmarks of isomm-report: `write_report` into a `Vec<u8>` in every format (JSON, HTML, SVG,
//! CSV) for each example assessment, in Japanese. Parsing is done once, outside the timed part;
//! scoring is inside it, as `write_report` evaluates the assessment.
//!
//! Run with `cargo bench -p isomm-report --bench render`.

use std::sync::LazyLock;

use divan::{Bencher, black_box};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Assessment, Catalog, Lang};
use isomm_report::{Format, write_report};

fn main() {
    divan::main();
}

fn parse(text: &str) -> Assessment {
    answers::parse(
        text,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .expect("the example is valid")
}

static ONE_PERSON_CSIRT: LazyLock<Assessment> =
    LazyLock::new(|| parse(include_str!("../../../examples/one-person-csirt.toml")));
static HYBRID_SOC_MSSP: LazyLock<Assessment> =
    LazyLock::new(|| parse(include_str!("../../../examples/hybrid-soc-mssp.toml")));
static INHOUSE_TEAM_TO_FULL_INSOURCE: LazyLock<Assessment> = LazyLock::new(|| {
    parse(include_str!(
        "../../../examples/inhouse-team-to-full-insource.toml"
    ))
});

fn render(bencher: Bencher, format: Format, assessment: &Assessment) {
    let catalog = Catalog::builtin();
    bencher.bench(|| {
        let mut out = Vec::new();
        write_report(
            &mut out,
            black_box(format),
            catalog,
            black_box(assessment),
            isomm_report::ReportOptions::new(Lang::Ja),
        )
        .expect("writing into a Vec cannot fail");
        out
    });
}

/// examples/one-person-csirt.toml
#[divan::bench(args = Format::ALL)]
fn one_person_csirt(bencher: Bencher, format: Format) {
    render(bencher, format, &ONE_PERSON_CSIRT);
}

/// examples/hybrid-soc-mssp.toml
#[divan::bench(args = Format::ALL)]
fn hybrid_soc_mssp(bencher: Bencher, format: Format) {
    render(bencher, format, &HYBRID_SOC_MSSP);
}

/// examples/inhouse-team-to-full-insource.toml
#[divan::bench(args = Format::ALL)]
fn inhouse_team_to_full_insource(bencher: Bencher, format: Format) {
    render(bencher, format, &INHOUSE_TEAM_TO_FULL_INSOURCE);
}
