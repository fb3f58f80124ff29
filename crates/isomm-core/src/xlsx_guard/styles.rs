//! The styles part: calamine builds a record for every format, font, fill and border, and copies a
//! font name and a number format into the style of every cell format; both are bounded.

use quick_xml::events::Event;

use crate::limits::{MAX_UNCOMPRESSED_BYTES, human_bytes};
use crate::problem::{InputError, Problem};

use super::Guard;
use super::syntax::attributes;

/// The most style records (cell formats, fonts, fills, borders, number formats together) in
/// `styles.xml`; Excel itself allows 64,000 cell formats.
pub(super) const MAX_STYLE_RECORDS: usize = 100_000;

impl Guard<'_> {
    /// `xl/styles.xml`: calamine builds a record for every format, font, fill and border, and
    /// copies a font name and a number format into the style of every cell format.
    pub(super) fn styles(&mut self, index: usize) -> Result<(), InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let (mut records, mut formats) = (0usize, 0u64);
        let (mut longest_name, mut longest_code) = (0u64, 0u64);
        while let Some(event) = part.next()? {
            let Event::Start(e) = event else { continue };
            let local = e.local_name();
            match local.as_ref() {
                "xf" | "font" | "fill" | "border" | "numFmt" => {
                    records += 1;
                    if records > MAX_STYLE_RECORDS {
                        return Err(InputError::whole(
                            "",
                            Problem::StylesTooMany {
                                part: label,
                                max: MAX_STYLE_RECORDS,
                            },
                        ));
                    }
                    if local.as_ref() == "xf" {
                        formats += 1;
                    }
                    if local.as_ref() == "numFmt" {
                        for (key, value) in attributes(e.attributes_raw()) {
                            if key == "formatCode" {
                                longest_code = longest_code.max(value.len() as u64);
                            }
                        }
                    }
                }
                "name" => {
                    for (key, value) in attributes(e.attributes_raw()) {
                        if key == "val" {
                            longest_name = longest_name.max(value.len() as u64);
                        }
                    }
                }
                _ => {}
            }
            if formats.saturating_mul(longest_name + longest_code) > MAX_UNCOMPRESSED_BYTES {
                return Err(InputError::whole(
                    "",
                    Problem::StylesTooSlow {
                        part: label,
                        budget: human_bytes(MAX_UNCOMPRESSED_BYTES),
                        count: formats as usize,
                        longest: human_bytes(longest_name.max(longest_code)),
                    },
                ));
            }
        }
        self.unpacked = part.finish()?;
        Ok(())
    }
}
