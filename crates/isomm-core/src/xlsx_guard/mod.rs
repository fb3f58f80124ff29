//! The guard in front of calamine: it looks at an uploaded .xlsx workbook before calamine opens it
//! and refuses any workbook that could make calamine use more than a fixed amount of memory.
//!
//! An .xlsx file is a zip container of XML parts. Its size on the wire says little about what
//! reading it costs: a few hundred kilobytes can unpack to gigabytes (a decompression bomb), a
//! sheet with a value in A1 and another in XFD1048576 makes calamine allocate the whole rectangle
//! between them, and counts declared in the XML (`<sst uniqueCount=…>`) are reserved up front. The
//! guard reads the same parts calamine reads, in a single streaming pass whose own memory stays
//! small (a fixed read buffer, one XML token of at most [`MAX_XML_TOKEN_BYTES`], one length per
//! shared string), and refuses the workbook, with a message for people, when:
//!
//! - the zip container holds more than [`MAX_ZIP_ENTRIES`] files, cannot be opened, or a file in
//!   it does not match its recorded size or checksum;
//! - one part unpacks to more than [`MAX_PART_BYTES`], or all of them to more than
//!   [`MAX_UNCOMPRESSED_BYTES`] (the declared sizes are checked first, and the bytes are counted
//!   as they are unpacked: the zip reader stops at the declared size, the count is the bound);
//! - a part holds a single token (text, tag, comment) longer than [`MAX_XML_TOKEN_BYTES`], nests
//!   its elements deeper than [`MAX_XML_DEPTH`] or names one with more than
//!   [`MAX_XML_NAME_BYTES`] (the XML reader keeps the names of the open elements);
//! - a sheet has a value outside the first [`MAX_SHEET_ROWS`] rows and [`MAX_SHEET_COLUMNS`]
//!   columns (positions are followed as calamine follows them, also for cells without an `r`
//!   attribute), refers to a cell outside any spreadsheet (calamine's arithmetic would overflow),
//!   or records an impossible `<dimension>`. Cells without a value and rows without cells may lie
//!   anywhere on the grid: calamine keeps only cells with a value, and spreadsheet programs write
//!   formatted empty cells far outside the table;
//! - the rectangles from the first to the last value of each sheet (what calamine allocates) come to
//!   more than [`MAX_GRID_CELLS`] cells in all;
//! - the sheets have more than [`MAX_CELLS`] cells with a value in all, or the text of those cells
//!   comes to more than [`MAX_UNCOMPRESSED_BYTES`] (a shared string counts once for every cell
//!   that shows it: calamine copies it into each cell);
//! - the shared-string table declares or holds more than [`MAX_SHARED_STRINGS`] entries;
//! - the workbook has more than [`MAX_SHEETS`] sheets, [`MAX_DEFINED_NAMES`] defined names or
//!   [`MAX_ZIP_ENTRIES`] relationships, or styles that calamine would expand past
//!   [`MAX_STYLE_RECORDS`] records or [`MAX_UNCOMPRESSED_BYTES`] (it copies a font name and a
//!   number format into every cell format);
//! - it is not a zip at all but an encrypted workbook or an old .xls file (said in those words).
//!
//! Parts are found as calamine finds them (`_rels/.rels` → the workbook → its relationships →
//! each sheet's part, names compared without regard to case), so a sheet is named in messages by
//! its name (`sheet 回答, cell XFD1048576`). Where calamine would give up on a part (broken XML, an
//! unreadable cell reference) the guard stops reading that part too: what calamine never reads
//! cannot cost anything. Inside a cell or a shared string the guard is stricter than calamine (the
//! XML must nest properly) so that both agree on where each cell ends.
//!
//! Like the rest of this crate, it does no I/O: it works on the bytes it is given.
//!
//! One file per concern: [`container`] (the zip directory and the declared sizes), [`metered`]
//! (the bytes counted as they are unpacked), [`part`] (one part streamed as XML within its
//! bounds), [`parts`] (the parts calamine reads, found as it finds them; the workbook's sheets and
//! names), [`shared_strings`], [`styles`], [`sheet`] (cell positions, the sheet's dimension, the
//! cell, area and text budgets), [`nesting`] (the XML inside one cell or shared string) and
//! [`syntax`] (references, attributes and numbers as calamine reads them).
//!
//! [`MAX_ZIP_ENTRIES`]: crate::limits::MAX_ZIP_ENTRIES
//! [`MAX_PART_BYTES`]: crate::limits::MAX_PART_BYTES
//! [`MAX_UNCOMPRESSED_BYTES`]: crate::limits::MAX_UNCOMPRESSED_BYTES
//! [`MAX_SHEET_ROWS`]: crate::limits::MAX_SHEET_ROWS
//! [`MAX_SHEET_COLUMNS`]: crate::limits::MAX_SHEET_COLUMNS
//! [`MAX_GRID_CELLS`]: crate::limits::MAX_GRID_CELLS
//! [`MAX_CELLS`]: crate::limits::MAX_CELLS
//! [`MAX_SHARED_STRINGS`]: crate::limits::MAX_SHARED_STRINGS
//! [`MAX_SHEETS`]: crate::limits::MAX_SHEETS
//! [`MAX_XML_TOKEN_BYTES`]: part::MAX_XML_TOKEN_BYTES
//! [`MAX_XML_DEPTH`]: part::MAX_XML_DEPTH
//! [`MAX_XML_NAME_BYTES`]: part::MAX_XML_NAME_BYTES
//! [`MAX_DEFINED_NAMES`]: parts::MAX_DEFINED_NAMES
//! [`MAX_STYLE_RECORDS`]: styles::MAX_STYLE_RECORDS

mod container;
mod metered;
mod nesting;
mod part;
mod parts;
mod shared_strings;
mod sheet;
mod styles;
mod syntax;

use std::io::Cursor;

use zip::ZipArchive;

use crate::problem::InputError;
use shared_strings::SharedStrings;

/// Refuses a workbook that could make calamine exceed a fixed memory budget; see the module
/// documentation for what is checked.
pub(crate) fn check(bytes: &[u8]) -> Result<(), InputError> {
    let zip = container::open(bytes)?;
    let mut guard = Guard {
        read: vec![false; zip.len()],
        zip,
        unpacked: 0,
        cells: 0,
        area: 0,
        text: 0,
        strings: SharedStrings::default(),
    };
    guard.check_parts()?;
    // Whatever calamine does not read is still unpacked once and counted.
    for index in 0..guard.zip.len() {
        if !guard.read[index] {
            let part = guard.open(index, None)?;
            guard.unpacked = part.finish()?;
        }
    }
    Ok(())
}

/// The archive and what has been counted so far.
struct Guard<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Which entries have been unpacked at least once.
    read: Vec<bool>,
    /// Bytes unpacked so far, all parts together (a part read twice counts twice).
    unpacked: u64,
    /// Cells with a value, all sheets together.
    cells: usize,
    /// The areas calamine allocates: per sheet, the rectangle from the first to the last cell
    /// with a value; all sheets together.
    area: u64,
    /// Bytes of cell text, all sheets together, shared strings counted at every use.
    text: u64,
    strings: SharedStrings,
}
