//! Fuzz target: any bytes as an answers file in TOML; parsing must return a value or a located
//! error, never panic, and whatever parses must score.
#![no_main]

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, evaluate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let overrides = Overrides::default();
    if let Ok(assessment) = answers::parse_bytes(data, AnswersFormat::Toml, Catalog::builtin(), &overrides) {
        let _ = evaluate(Catalog::builtin(), &assessment);
    }
});
