//! The core's integration tests, in one binary: hostile workbooks built in code
//! ([`workbook_bombs`]) and the inputs kept under `fuzz/regressions/` ([`fuzz_regressions`]),
//! each with what it must give. They need nothing but the Rust toolchain.

mod fuzz_regressions;
mod workbook_bombs;
