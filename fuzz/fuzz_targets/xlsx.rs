//! Fuzz target: any bytes as a filled-in check sheet (.xlsx); reading must return a value or an
//! error naming the sheet and cell, never panic, and whatever reads must score.
#![no_main]

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, evaluate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(assessment) = answers::parse_bytes(data, AnswersFormat::Xlsx, Catalog::builtin(), &Overrides::default()) {
        let _ = evaluate(Catalog::builtin(), &assessment);
    }
});
