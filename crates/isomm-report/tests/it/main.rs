//! The report crate's integration tests, in one binary: the PDF report read back ([`pdf`]), the
//! HTML report printed on A4 by Chromium ([`print`]), two rounds compared in every format
//! ([`compare`]), the plan's workbook edited and read back
//! ([`plan_xlsx`]), one rounding in every format ([`rounding`])
//! and the XLSX report read back ([`xlsx`]). The tests that
//! read a report with an outside program are ignored unless asked for (`cargo test -p
//! isomm-report -- --include-ignored`); [`tools`] runs those programs and fails loudly, naming the
//! Debian package, when one is missing.

mod compare;
mod pdf;
mod plan_xlsx;
mod print;
mod rounding;
mod tools;
mod xlsx;

/// The four examples of `examples/`, by name: what the page-1 and printing tests read.
pub const EXAMPLES: [(&str, &str); 4] = [
    (
        "hybrid-soc-mssp",
        include_str!("../../../../examples/hybrid-soc-mssp.toml"),
    ),
    (
        "inhouse-team-to-full-insource",
        include_str!("../../../../examples/inhouse-team-to-full-insource.toml"),
    ),
    (
        "large-soc-30-respondents",
        include_str!("../../../../examples/large-soc-30-respondents.toml"),
    ),
    (
        "one-person-csirt",
        include_str!("../../../../examples/one-person-csirt.toml"),
    ),
];
