//! Fuzz target: any bytes as a model file (JSON); loading must return a catalog or a located error.
#![no_main]

use isomm_core::{Catalog, TextFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Catalog::parse(text, TextFormat::Json);
        let _ = Catalog::parse(text, TextFormat::Toml);
    }
});
