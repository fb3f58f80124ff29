//! The report crate's integration tests, in one binary: the PDF report read back ([`pdf`]), the
//! HTML report printed on A4 by Chromium ([`print`]), one rounding in every format ([`rounding`])
//! and the XLSX report read back ([`xlsx`]). The tests that
//! read a report with an outside program are ignored unless asked for (`cargo test -p
//! isomm-report -- --include-ignored`); [`tools`] runs those programs and fails loudly, naming the
//! Debian package, when one is missing.

mod pdf;
mod print;
mod rounding;
mod tools;
mod xlsx;
