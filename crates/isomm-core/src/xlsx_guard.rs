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

use std::io::{self, BufRead, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::limits::{
    MAX_CELLS, MAX_GRID_CELLS, MAX_PART_BYTES, MAX_SHARED_STRINGS, MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS, MAX_SHEETS, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, human_bytes,
};
use crate::problem::{InputError, Inside, OpenWhy, Place, Problem};
use crate::workbook::cell_name;

/// The longest single XML token (a run of text, a tag with its attributes, a comment) the guard
/// reads; it bounds the guard's own buffer. A spreadsheet cell holds at most 32,767 characters.
const MAX_XML_TOKEN_BYTES: u64 = 1024 * 1024;
/// The deepest nesting of elements in a part (spreadsheet programs write less than 20), and the
/// longest element name: the XML reader keeps the names of the open elements.
const MAX_XML_DEPTH: usize = 256;
const MAX_XML_NAME_BYTES: usize = 256;
/// The deepest nesting inside one cell or one shared string, and the longest element name there.
const MAX_INNER_DEPTH: usize = 32;
const MAX_INNER_NAME_BYTES: usize = 64;
/// The most style records (cell formats, fonts, fills, borders, number formats together) in
/// `styles.xml`; Excel itself allows 64,000 cell formats.
const MAX_STYLE_RECORDS: usize = 100_000;
/// The most defined names in `workbook.xml`.
const MAX_DEFINED_NAMES: usize = 10_000;
/// The last row and column any spreadsheet has (cell XFD1048576).
const GRID_ROWS: u64 = 1_048_576;
const GRID_COLUMNS: u64 = 16_384;
/// The size of the read buffer between the unzipper and the XML reader.
const READ_BUFFER_BYTES: usize = 8 * 1024;

/// Refuses a workbook that could make calamine exceed a fixed memory budget; see the module
/// documentation for what is checked.
pub(crate) fn check(bytes: &[u8]) -> Result<(), InputError> {
    // An encrypted workbook (or an old .xls file) is an OLE compound file, not a zip.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(not_opened(OpenWhy::Encrypted));
    }
    // Every file the zip reader lists has a central directory header starting with this
    // signature, so counting the signatures bounds the entries before the zip reader allocates
    // anything for them.
    let signatures = bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    if signatures > MAX_ZIP_ENTRIES {
        return Err(too_many_entries());
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_opened(OpenWhy::Damaged))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_many_entries());
    }

    // The declared sizes first: the zip reader refuses to unpack more than an entry declares, so
    // they bound what follows, and a bomb is refused here without unpacking anything.
    let mut declared_total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip
            .by_index_raw(index)
            .map_err(|_| not_opened(OpenWhy::Damaged))?;
        let size = entry.size();
        if size > MAX_PART_BYTES {
            return Err(part_too_big(&entry_name(&entry), Some(size)));
        }
        declared_total = declared_total.saturating_add(size);
    }
    if declared_total > MAX_UNCOMPRESSED_BYTES {
        return Err(total_too_big(Some(declared_total)));
    }

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

/// The length of every shared string, for counting what calamine copies into cells.
#[derive(Default)]
struct SharedStrings {
    lengths: Vec<u32>,
    longest: u64,
}

impl SharedStrings {
    /// What a cell of type `s` whose `<v>` starts with `index` costs: the length of that string,
    /// or of the longest one if the index is not a plain number calamine would find.
    fn cost(&self, index: &str) -> u64 {
        let plain = !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit());
        match index
            .parse::<usize>()
            .ok()
            .and_then(|i| self.lengths.get(i))
        {
            Some(len) if plain => u64::from(*len),
            _ => self.longest,
        }
    }
}

/// A sheet as the workbook lists it.
struct SheetEntry {
    name: String,
    rel_id: String,
}

impl<'a> Guard<'a> {
    /// Follows the parts as calamine does: the package relationships name the workbook, which
    /// sits next to the shared strings, the styles and its own relationships, which name the
    /// sheets' parts.
    fn check_parts(&mut self) -> Result<(), InputError> {
        let Some(target) = self.package_target()? else {
            return Ok(()); // calamine cannot open it either
        };
        let (dir, file) = match target.rfind('/') {
            Some(i) => target.split_at(i + 1),
            None => ("", target.as_str()),
        };
        let xl = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let workbook_name = if file.is_empty() {
            "workbook.xml"
        } else {
            file
        };

        if let Some(index) = self.find(&format!("{xl}sharedStrings.xml")) {
            self.shared_strings(index)?;
        }
        if let Some(index) = self.find(&format!("{xl}styles.xml")) {
            self.styles(index)?;
        }
        let sheets = match self.find(&format!("{xl}{workbook_name}")) {
            Some(index) => self.workbook(index)?,
            None => Vec::new(),
        };
        if sheets.is_empty() {
            return Ok(());
        }
        let targets = match self.find(&format!("{xl}_rels/{workbook_name}.rels")) {
            Some(index) => self.relationships(index, &sheets)?,
            None => return Ok(()), // calamine cannot open it without them
        };
        for (sheet, target) in sheets.iter().zip(targets) {
            let Some(target) = target else { continue };
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("{xl}{target}"),
            };
            if let Some(index) = self.find(&path) {
                self.sheet(index, &sheet.name)?;
            }
        }
        Ok(())
    }

    /// The index of the part calamine opens for `path`: names compared without regard to case
    /// and with `\` read as `/` (the last such entry wins), else the zip reader's own lookup.
    fn find(&self, path: &str) -> Option<usize> {
        let key = path.to_ascii_lowercase();
        let cached = self
            .zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|name| name.replace('\\', "/").to_ascii_lowercase() == key)
            .last()
            .map(|name| name.into_owned());
        self.zip.index_for_name(cached.as_deref().unwrap_or(path))
    }

    /// Opens a part for reading, counted against the limits.
    fn open(&mut self, index: usize, label: Option<String>) -> Result<Part<'_, 'a>, InputError> {
        self.read[index] = true;
        open(&mut self.zip, self.unpacked, index, label)
    }

    /// `_rels/.rels`: the path of the workbook part (the last `officeDocument` relationship).
    fn package_target(&mut self) -> Result<Option<String>, InputError> {
        let Some(index) = self.find("_rels/.rels") else {
            return Ok(None);
        };
        let mut part = self.open(index, None)?;
        let mut inside = false;
        let mut target = None;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if !inside && e.local_name().as_ref() == "Relationships" => {
                    inside = true;
                }
                Event::Start(e) if inside && e.local_name().as_ref() == "Relationship" => {
                    let Some([kind, to]) = attributes_once(e.attributes_raw(), ["Type", "Target"])
                    else {
                        return Err(not_opened(OpenWhy::Parts));
                    };
                    if let (Some(kind), Some(to)) = (kind, to)
                        && kind.ends_with("/relationships/officeDocument")
                    {
                        match quick_xml::escape::unescape(to) {
                            Ok(to) => target = Some(to.into_owned()),
                            Err(_) => break, // calamine gives up here
                        }
                    }
                }
                Event::End(e) if inside && e.local_name().as_ref() == "Relationships" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        Ok(target)
    }

    /// `xl/sharedStrings.xml`: the declared count, the number of strings and their lengths.
    fn shared_strings(&mut self, index: usize) -> Result<(), InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut lengths = Vec::new();
        let mut longest = 0;
        let mut in_table = false;
        // The open string: its length so far and the elements open inside it.
        let mut string: Option<(u64, Inner)> = None;
        while let Some(event) = part.next()? {
            if let Some((len, inner)) = &mut string {
                match event {
                    Event::Start(e) => inner.start(e.name().as_ref(), &["si", "sst"])?,
                    Event::End(e) => {
                        let closed = inner.end(e.name().as_ref())?;
                        if closed {
                            let len = *len;
                            longest = longest.max(len);
                            lengths.push(u32::try_from(len).unwrap_or(u32::MAX));
                            string = None;
                        }
                    }
                    Event::Text(t) => *len += t.len() as u64,
                    Event::CData(t) => *len += t.len() as u64,
                    Event::GeneralRef(_) => *len += 4,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(e) if !in_table && e.local_name().as_ref() == "sst" => {
                    in_table = true;
                    for (key, value) in attributes(e.attributes_raw()) {
                        if (key == "count" || key == "uniqueCount")
                            && number(value).is_some_and(|n| n > MAX_SHARED_STRINGS as u64)
                        {
                            return Err(InputError::whole(
                                "",
                                Problem::SharedStringsDeclared {
                                    part: label,
                                    count: number(value).unwrap_or(u64::MAX),
                                    max: MAX_SHARED_STRINGS,
                                },
                            ));
                        }
                    }
                }
                Event::Start(e) if in_table && e.local_name().as_ref() == "si" => {
                    if lengths.len() >= MAX_SHARED_STRINGS {
                        return Err(InputError::whole(
                            "",
                            Problem::SharedStringsTooMany {
                                part: label,
                                max: MAX_SHARED_STRINGS,
                            },
                        ));
                    }
                    string = Some((0, Inner::new(e.name().as_ref(), label.clone(), false)?));
                }
                Event::End(e) if in_table && e.local_name().as_ref() == "sst" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        self.strings = SharedStrings { lengths, longest };
        Ok(())
    }

    /// `xl/styles.xml`: calamine builds a record for every format, font, fill and border, and
    /// copies a font name and a number format into the style of every cell format.
    fn styles(&mut self, index: usize) -> Result<(), InputError> {
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

    /// `xl/workbook.xml`: the sheets (name and relationship id) and the number of defined names.
    fn workbook(&mut self, index: usize) -> Result<Vec<SheetEntry>, InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut sheets = Vec::new();
        let mut count = 0usize;
        let mut names = 0usize;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                    count += 1;
                    if count > MAX_SHEETS {
                        continue; // counted for the message below
                    }
                    let (mut name, mut rel_id) = (String::new(), None);
                    for (key, value) in attributes(e.attributes_raw()) {
                        if key == "name" {
                            name = display_name(value);
                        } else if key == "id" || key.ends_with(":id") {
                            rel_id = Some(value);
                        }
                    }
                    let Some(rel_id) = rel_id else { continue };
                    if rel_id.len() > 4096 {
                        return Err(not_opened(OpenWhy::Sheets));
                    }
                    sheets.push(SheetEntry {
                        name,
                        rel_id: rel_id.to_string(),
                    });
                }
                Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                    names += 1;
                    if names > MAX_DEFINED_NAMES {
                        return Err(InputError::whole(
                            "",
                            Problem::NamesTooMany {
                                part: label,
                                max: MAX_DEFINED_NAMES,
                            },
                        ));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "workbook" => break,
                _ => {}
            }
        }
        if count > MAX_SHEETS {
            // The same words as the reader's own check after opening.
            return Err(InputError::whole(
                "",
                Problem::TooManySheets {
                    count,
                    max: MAX_SHEETS,
                },
            ));
        }
        self.unpacked = part.finish()?;
        Ok(sheets)
    }

    /// The workbook's relationships: the target of each sheet (the last relationship with its
    /// id, as calamine keeps them in a map).
    fn relationships(
        &mut self,
        index: usize,
        sheets: &[SheetEntry],
    ) -> Result<Vec<Option<String>>, InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut targets: Vec<Option<String>> = vec![None; sheets.len()];
        let mut count = 0usize;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    count += 1;
                    if count > MAX_ZIP_ENTRIES {
                        let _ = &label;
                        return Err(too_many_entries());
                    }
                    let Some([id, _, to]) =
                        attributes_once(e.attributes_raw(), ["Id", "Type", "Target"])
                    else {
                        return Err(not_opened(OpenWhy::Parts));
                    };
                    let Some(id) = id else { continue }; // calamine skips it too
                    let to = to.unwrap_or("");
                    if to.len() > 65_536 {
                        return Err(not_opened(OpenWhy::Parts));
                    }
                    for (sheet, target) in sheets.iter().zip(targets.iter_mut()) {
                        if sheet.rel_id == id {
                            *target = Some(to.to_string());
                        }
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        Ok(targets)
    }

    /// A sheet: the position of every cell as calamine computes it, the cells with a value and
    /// their text.
    fn sheet(&mut self, index: usize, name: &str) -> Result<(), InputError> {
        let part_name = self
            .zip
            .name_for_index(index)
            .and_then(Result::ok)
            .map(|n| n.into_owned())
            .unwrap_or_default();
        let label = if name.is_empty() {
            part_name.clone()
        } else {
            format!("{name} ({part_name})")
        };
        let place_name = if name.is_empty() {
            part_name.clone()
        } else {
            name.to_string()
        };
        self.read[index] = true;
        let mut part = open(&mut self.zip, self.unpacked, index, Some(label.clone()))?;
        let mut state = SheetState {
            sheet: place_name,
            label,
            phase: Phase::Head,
            row: 0,
            col: 0,
            bounds: None,
        };
        let mut counts = Counts {
            cells: self.cells,
            text: self.text,
            strings: &self.strings,
        };
        while let Some(event) = part.next()? {
            if !state.event(event, &mut counts)? {
                break;
            }
        }
        let (cells, text) = (counts.cells, counts.text);
        self.unpacked = part.finish()?;
        self.cells = cells;
        self.text = text;
        if let Some((top, left, bottom, right)) = state.bounds {
            self.area += (bottom - top + 1) * (right - left + 1);
            if self.area > MAX_GRID_CELLS {
                return Err(state.at(
                    bottom,
                    right,
                    Problem::GridTooBig {
                        max: MAX_GRID_CELLS,
                    },
                ));
            }
        }
        Ok(())
    }
}

/// Opens entry `index` for reading as XML, its bytes counted against the limits (`unpacked`: the
/// bytes unpacked before it, all parts together).
fn open<'z, 'a>(
    zip: &'z mut ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
    index: usize,
    label: Option<String>,
) -> Result<Part<'z, 'a>, InputError> {
    let file = zip.by_index(index).map_err(|e| match e {
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            not_opened(OpenWhy::Packed)
        }
        _ => not_opened(OpenWhy::Damaged),
    })?;
    let label = label.unwrap_or_else(|| entry_name(&file));
    let mut reader = Reader::from_reader(Metered {
        inner: file,
        buf: vec![0; READ_BUFFER_BYTES].into_boxed_slice(),
        pos: 0,
        end: 0,
        read: 0,
        before: unpacked,
        token: 0,
        token_limit: MAX_XML_TOKEN_BYTES,
        overrun: None,
    });
    // The same settings as calamine's reader, so that both see the same events.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    Ok(Part {
        xml: reader,
        buf: Vec::new(),
        depth: 0,
        label,
    })
}

/// The workbook-wide counts a sheet adds to.
struct Counts<'s> {
    cells: usize,
    text: u64,
    strings: &'s SharedStrings,
}

/// Where the reading of a sheet is.
enum Phase {
    /// Before `<sheetData>`: only `<dimension>` matters.
    Head,
    /// Inside `<sheetData>`, between cells.
    Data,
    /// Inside a `<c>` element.
    Cell(Box<CellState>),
}

struct CellState {
    /// The position calamine gives the cell (0-based row and column).
    row: u64,
    col: u64,
    /// The cell's type is `s`: its `<v>` is an index into the shared strings.
    shared: bool,
    /// A child element was seen: calamine may read a value.
    counted: bool,
    /// The next event is the first inside a `<v>` of a shared-string cell.
    index_next: bool,
    inner: Inner,
}

struct SheetState {
    /// The sheet's name for `Place::Cell` (its part if it has none).
    sheet: String,
    label: String,
    phase: Phase,
    /// calamine's current row and column for cells without an `r` attribute (0-based).
    row: u64,
    col: u64,
    /// The first and last rows and columns with a value: (top, left, bottom, right).
    bounds: Option<(u64, u64, u64, u64)>,
}

impl SheetState {
    /// Takes one event; `false` when calamine stops reading the sheet here.
    fn event(&mut self, event: Event<'_>, counts: &mut Counts<'_>) -> Result<bool, InputError> {
        match &mut self.phase {
            Phase::Head => {
                if let Event::Start(e) = event {
                    match e.local_name().as_ref() {
                        "dimension" => {
                            for (key, value) in attributes(e.attributes_raw()) {
                                if key == "ref" {
                                    self.dimension(value)?;
                                }
                            }
                        }
                        "sheetData" => self.phase = Phase::Data,
                        _ => {}
                    }
                }
                Ok(true)
            }
            Phase::Data => match event {
                Event::Start(e) if e.local_name().as_ref() == "row" => {
                    let r = attributes(e.attributes_raw()).find(|(k, _)| *k == "r");
                    if let Some((_, r)) = r {
                        match reference(r) {
                            Ref::Bad => return Ok(false), // calamine gives up on the sheet
                            Ref::Outside => {
                                return Err(InputError::whole(
                                    "",
                                    Problem::RowBeyondGrid {
                                        part: self.label.clone(),
                                        row: number(r).unwrap_or(u64::MAX),
                                        max: GRID_ROWS,
                                    },
                                ));
                            }
                            Ref::At { row, .. } => self.row = row,
                        }
                    }
                    Ok(true)
                }
                Event::End(e) if e.local_name().as_ref() == "row" => {
                    self.row += 1;
                    self.col = 0;
                    Ok(true)
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    let Some([r, _, t]) = attributes_once(e.attributes_raw(), ["r", "s", "t"])
                    else {
                        return Err(InputError::whole(
                            "",
                            Problem::AttributeTwice {
                                part: self.label.clone(),
                                row: (self.row + 1).to_string(),
                            },
                        ));
                    };
                    let shared = t == Some("s");
                    let (row, col) = match r {
                        None => (self.row, self.col),
                        Some(r) => match reference(r) {
                            Ref::At {
                                row,
                                col: Some(col),
                            } => {
                                self.col = col;
                                (row, col)
                            }
                            Ref::At { col: None, .. } | Ref::Bad => return Ok(false),
                            Ref::Outside => return Err(self.outside(r)),
                        },
                    };
                    let inner = Inner::new(e.name().as_ref(), self.label.clone(), true)?;
                    self.phase = Phase::Cell(Box::new(CellState {
                        row,
                        col,
                        shared,
                        counted: false,
                        index_next: false,
                        inner,
                    }));
                    Ok(true)
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => Ok(false),
                _ => Ok(true),
            },
            Phase::Cell(cell) => {
                let index_next = std::mem::take(&mut cell.index_next);
                let text = match event {
                    Event::Start(e) => {
                        if cell.inner.depth() == 1 {
                            if !cell.counted {
                                cell.counted = true;
                                counts.cells += 1;
                                let (row, col) = (cell.row, cell.col);
                                if row >= u64::from(MAX_SHEET_ROWS)
                                    || col >= u64::from(MAX_SHEET_COLUMNS)
                                {
                                    return Err(self.at(
                                        row,
                                        col,
                                        Problem::CellOutsideTable {
                                            rows: MAX_SHEET_ROWS,
                                            columns: MAX_SHEET_COLUMNS,
                                            last: cell_name(
                                                MAX_SHEET_ROWS - 1,
                                                MAX_SHEET_COLUMNS - 1,
                                            ),
                                        },
                                    ));
                                }
                                self.bounds = Some(match self.bounds {
                                    None => (row, col, row, col),
                                    Some((t, l, b, r)) => {
                                        (t.min(row), l.min(col), b.max(row), r.max(col))
                                    }
                                });
                                if counts.cells > MAX_CELLS {
                                    return Err(self.at(
                                        row,
                                        col,
                                        Problem::TooManyCells { max: MAX_CELLS },
                                    ));
                                }
                            }
                            cell.index_next = cell.shared && e.local_name().as_ref() == "v";
                        }
                        cell.inner
                            .start(e.name().as_ref(), &["c", "row", "sheetData"])?;
                        0
                    }
                    Event::End(e) => {
                        if cell.inner.end(e.name().as_ref())? {
                            self.phase = Phase::Data;
                            self.col += 1;
                        }
                        0
                    }
                    Event::Text(t) => {
                        let shared = if index_next {
                            counts.strings.cost(&t)
                        } else {
                            0
                        };
                        t.len() as u64 + shared
                    }
                    Event::CData(t) => t.len() as u64,
                    Event::GeneralRef(_) => 4,
                    _ => 0,
                };
                if text > 0 {
                    counts.text = counts.text.saturating_add(text);
                    if counts.text > MAX_UNCOMPRESSED_BYTES
                        && let Phase::Cell(cell) = &self.phase
                    {
                        let (row, col) = (cell.row, cell.col);
                        return Err(self.at(
                            row,
                            col,
                            Problem::TooMuchText {
                                max: human_bytes(MAX_UNCOMPRESSED_BYTES),
                            },
                        ));
                    }
                }
                Ok(true)
            }
        }
    }

    /// `<dimension ref=…>`: calamine computes the size of the area it names, which must exist.
    fn dimension(&self, value: &str) -> Result<(), InputError> {
        let parts: Vec<Ref> = value.split(':').map(reference).collect();
        if let Some(r) = value
            .split(':')
            .zip(&parts)
            .find(|(_, p)| matches!(p, Ref::Outside))
        {
            return Err(self.outside(r.0));
        }
        if let [
            Ref::At {
                row: r0,
                col: Some(c0),
            },
            Ref::At {
                row: r1,
                col: Some(c1),
            },
        ] = parts[..]
            && (r1 < r0 || c1 < c0)
        {
            return Err(InputError::whole(
                "",
                Problem::BadDimension {
                    part: self.label.clone(),
                    found: shorten(value),
                },
            ));
        }
        Ok(())
    }

    fn at(&self, row: u64, col: u64, problem: Problem) -> InputError {
        InputError {
            place: Place::Cell {
                sheet: self.sheet.clone(),
                cell: cell_name(row as u32, col as u32),
            },
            path: String::new(),
            problem: Box::new(problem),
        }
    }

    fn outside(&self, r: &str) -> InputError {
        InputError::whole(
            "",
            Problem::CellBeyondGrid {
                part: self.label.clone(),
                cell: shorten(r),
            },
        )
    }
}

/// The elements open inside one cell or one shared string. There the guard asks more than
/// calamine does: every end tag closes the element opened last, and no cell, row or string starts
/// inside another, so that calamine and the guard end the cell (or string) at the same tag.
struct Inner {
    open: Vec<String>,
    label: String,
    /// In a cell (else in a shared string), for messages.
    cell: bool,
}

impl Inner {
    fn new(root: &str, label: String, cell: bool) -> Result<Inner, InputError> {
        let mut inner = Inner {
            open: Vec::new(),
            label,
            cell,
        };
        inner.push(root)?;
        Ok(inner)
    }

    fn depth(&self) -> usize {
        self.open.len()
    }

    fn push(&mut self, name: &str) -> Result<(), InputError> {
        if self.open.len() >= MAX_INNER_DEPTH || name.len() > MAX_INNER_NAME_BYTES {
            return Err(self.malformed());
        }
        self.open.push(name.to_string());
        Ok(())
    }

    fn start(&mut self, name: &str, forbidden: &[&str]) -> Result<(), InputError> {
        // The local name as the XML reader gives it: what follows the first `:`.
        let local = name.split_once(':').map_or(name, |(_, local)| local);
        if forbidden.contains(&local) {
            return Err(self.malformed());
        }
        self.push(name)
    }

    /// Closes the element opened last; `true` when that was the root.
    fn end(&mut self, name: &str) -> Result<bool, InputError> {
        match self.open.last() {
            Some(open) if open == name => {
                self.open.pop();
                Ok(self.open.is_empty())
            }
            _ => Err(self.malformed()),
        }
    }

    fn malformed(&self) -> InputError {
        InputError::whole(
            "",
            Problem::BadNesting {
                part: self.label.clone(),
                inside: if self.cell {
                    Inside::Cell
                } else {
                    Inside::SharedText
                },
            },
        )
    }
}

/// A cell or row reference as calamine reads it (`B7`, `b7`; a row alone for `<row r=…>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ref {
    /// calamine refuses it (and stops reading the sheet).
    Bad,
    /// Beyond XFD1048576: calamine's arithmetic would overflow.
    Outside,
    /// 0-based row, and column if the reference has letters.
    At { row: u64, col: Option<u64> },
}

fn reference(s: &str) -> Ref {
    let bytes = s.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = bytes[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if letters + digits != bytes.len() {
        return Ref::Bad;
    }
    let col = bytes[..letters].iter().fold(0u64, |c, b| {
        c.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = bytes[letters..].iter().fold(0u64, |r, b| {
        r.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    });
    if row > GRID_ROWS || col > GRID_COLUMNS {
        return Ref::Outside;
    }
    if row == 0 {
        return Ref::Bad;
    }
    Ref::At {
        row: row - 1,
        col: col.checked_sub(1),
    }
}

/// Attributes as calamine reads them: `key="value"` or `key='value'` pairs (the value not
/// unescaped), up to the first malformed one.
fn attributes(raw: &str) -> Attributes<'_> {
    Attributes { rest: raw }
}

struct Attributes<'s> {
    rest: &'s str,
}

impl<'s> Iterator for Attributes<'s> {
    type Item = (&'s str, &'s str);

    fn next(&mut self) -> Option<(&'s str, &'s str)> {
        let s = self
            .rest
            .trim_start_matches(|c: char| c.is_ascii_whitespace());
        self.rest = "";
        let (key, after) = s.split_once('=')?;
        let key = key.trim_end_matches(|c: char| c.is_ascii_whitespace());
        let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let body = &after[1..];
        match body.find(quote) {
            Some(end) => {
                self.rest = &body[end + 1..];
                Some((key, &body[..end]))
            }
            None => Some((key, body)),
        }
    }
}

/// The values of `keys` among an element's attributes, or `None` if one of them is given twice:
/// calamine takes such attributes in one pass that stops once it has seen as many as it wants, so
/// with a repeated key the guard could not tell which value it keeps (the XML is not well-formed
/// anyway).
fn attributes_once<'s, const N: usize>(
    raw: &'s str,
    keys: [&str; N],
) -> Option<[Option<&'s str>; N]> {
    let mut values = [None; N];
    for (key, value) in attributes(raw) {
        if let Some(i) = keys.iter().position(|k| *k == key) {
            if values[i].is_some() {
                return None;
            }
            values[i] = Some(value);
        }
    }
    Some(values)
}

/// A count written as decimal digits (leading zeros allowed), saturating.
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// A sheet name for messages: unescaped, and not longer than a sentence.
fn display_name(raw: &str) -> String {
    let name =
        quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |n| n.into_owned());
    shorten(&name)
}

/// At most 40 characters of a value from the file, for messages.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

fn entry_name<R: Read>(file: &zip::read::ZipFile<'_, R>) -> String {
    file.name()
        .map_or_else(|_| "?".to_string(), |n| shorten(&n))
}

fn not_opened(why: OpenWhy) -> InputError {
    InputError::whole(
        "",
        Problem::CannotOpen {
            why,
            detail: String::new(),
        },
    )
}

fn too_many_entries() -> InputError {
    InputError::whole(
        "",
        Problem::TooManyParts {
            max: MAX_ZIP_ENTRIES,
        },
    )
}

/// A size as found, or past `limit` when the reading stopped there.
fn size_or_more(size: Option<u64>, limit: u64) -> String {
    size.map_or_else(|| format!("> {}", human_bytes(limit)), human_bytes)
}

fn part_too_big(part: &str, size: Option<u64>) -> InputError {
    InputError::whole(
        "",
        Problem::PartTooBig {
            part: part.into(),
            size: size_or_more(size, MAX_PART_BYTES),
            max: human_bytes(MAX_PART_BYTES),
        },
    )
}

fn total_too_big(size: Option<u64>) -> InputError {
    InputError::whole(
        "",
        Problem::UnpacksTooBig {
            size: size_or_more(size, MAX_UNCOMPRESSED_BYTES),
            max: human_bytes(MAX_UNCOMPRESSED_BYTES),
        },
    )
}

/// Why the metered reader stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overrun {
    /// The unzipper failed: a damaged entry, or one larger than its declared size.
    Damaged,
    /// This part passed [`MAX_PART_BYTES`].
    Part,
    /// All parts together passed [`MAX_UNCOMPRESSED_BYTES`].
    Total,
    /// One XML token passed [`MAX_XML_TOKEN_BYTES`].
    Token,
}

/// A buffered reader over an unzipped entry that counts every byte it unpacks and stops with an
/// error past the limits, whatever the entry declares.
struct Metered<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    /// Bytes of this part unpacked so far.
    read: u64,
    /// Bytes of all parts unpacked before this one.
    before: u64,
    /// Bytes consumed since the XML reader started its current token.
    token: u64,
    token_limit: u64,
    overrun: Option<Overrun>,
}

impl<R: Read> Metered<R> {
    fn stop<T>(&mut self, why: Overrun) -> io::Result<T> {
        self.overrun = Some(why);
        Err(io::Error::other("a limit of the workbook guard"))
    }
}

impl<R: Read> BufRead for Metered<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(why) = self.overrun {
            return self.stop(why);
        }
        if self.token > self.token_limit {
            return self.stop(Overrun::Token);
        }
        if self.pos == self.end {
            let n = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => return self.stop(Overrun::Damaged),
                }
            };
            self.read += n as u64;
            if self.read > MAX_PART_BYTES {
                return self.stop(Overrun::Part);
            }
            if self.before + self.read > MAX_UNCOMPRESSED_BYTES {
                return self.stop(Overrun::Total);
            }
            self.pos = 0;
            self.end = n;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
        self.token += n as u64;
    }
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

/// One part being read as XML.
struct Part<'z, 'a> {
    xml: Reader<Metered<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>>,
    buf: Vec<u8>,
    depth: usize,
    /// The part for messages: "xl/styles.xml", "回答 (xl/worksheets/sheet1.xml)".
    label: String,
}

impl<'z, 'a> Part<'z, 'a> {
    /// The next event, or `None` at the end of the part or where calamine's reader (the same
    /// reader with the same settings) would fail on the XML.
    fn next(&mut self) -> Result<Option<Event<'_>>, InputError> {
        self.buf.clear();
        self.xml.get_mut().token = 0;
        match self.xml.read_event_into(&mut self.buf) {
            Ok(Event::Eof) => Ok(None),
            Ok(event) => {
                match &event {
                    Event::Start(e) => {
                        self.depth += 1;
                        if e.name().as_ref().len() > MAX_XML_NAME_BYTES {
                            return Err(InputError::whole(
                                "",
                                Problem::NameTooLong {
                                    part: self.label.clone(),
                                    max: MAX_XML_NAME_BYTES,
                                },
                            ));
                        }
                    }
                    Event::End(_) => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
                if self.depth > MAX_XML_DEPTH {
                    return Err(InputError::whole(
                        "",
                        Problem::TooDeepXml {
                            part: self.label.clone(),
                            max: MAX_XML_DEPTH,
                        },
                    ));
                }
                Ok(Some(event))
            }
            Err(_) => match self.xml.get_ref().overrun {
                Some(why) => Err(overrun_error(why, &self.label)),
                None => Ok(None),
            },
        }
    }

    /// Unpacks the rest of the part, counting it; returns the bytes unpacked so far, all parts
    /// together.
    fn finish(mut self) -> Result<u64, InputError> {
        let metered = self.xml.get_mut();
        metered.token_limit = u64::MAX;
        loop {
            let n = match metered.fill_buf() {
                Ok(available) => available.len(),
                Err(_) => {
                    let why = metered.overrun.unwrap_or(Overrun::Damaged);
                    return Err(overrun_error(why, &self.label));
                }
            };
            if n == 0 {
                break;
            }
            metered.consume(n);
        }
        Ok(metered.before + metered.read)
    }
}

fn overrun_error(why: Overrun, label: &str) -> InputError {
    match why {
        Overrun::Damaged => InputError::whole("", Problem::PartMismatch { part: label.into() }),
        Overrun::Part => part_too_big(label, None),
        Overrun::Total => total_too_big(None),
        Overrun::Token => InputError::whole(
            "",
            Problem::TokenTooLong {
                part: label.into(),
                max: human_bytes(MAX_XML_TOKEN_BYTES),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(
            reference("A1"),
            Ref::At {
                row: 0,
                col: Some(0)
            }
        );
        assert_eq!(
            reference("bl2000"),
            Ref::At {
                row: 1999,
                col: Some(63)
            }
        );
        assert_eq!(
            reference("XFD1048576"),
            Ref::At {
                row: 1_048_575,
                col: Some(16_383)
            }
        );
        assert_eq!(reference("7"), Ref::At { row: 6, col: None });
        assert_eq!(reference("XFE1"), Ref::Outside);
        assert_eq!(reference("A1048577"), Ref::Outside);
        assert_eq!(reference("AAAAAAAAAAAAAAAAAAAAAAAAAAAA1"), Ref::Outside);
        assert_eq!(reference("A99999999999999999999999999"), Ref::Outside);
        for bad in ["", "A", "A0", "1A", "A 1", "Ä1", "A1:B2", "-1"] {
            assert_eq!(reference(bad), Ref::Bad, "{bad}");
        }
    }

    #[test]
    fn attributes_are_split_as_calamine_splits_them() {
        let all = |raw| attributes(raw).collect::<Vec<_>>();
        assert_eq!(
            all(r#" r="A1" s = '3' t="s" "#),
            [("r", "A1"), ("s", "3"), ("t", "s")]
        );
        assert_eq!(
            all(r#" r="A1" broken t="s""#),
            [("r", "A1"), ("broken t", "s")]
        );
        assert_eq!(all(r#" r="A1" t=s"#), [("r", "A1")]);
        assert_eq!(all(r#" r="A1"#), [("r", "A1")]);
        assert_eq!(all(" r"), []);
    }

    #[test]
    fn counts_and_numbers_read_for_people() {
        assert_eq!(number("0001000"), Some(1000));
        assert_eq!(number("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(number("+5"), None);
        use crate::problem::Arg;
        assert_eq!(200_000usize.arg(), "200,000");
        assert_eq!(1_000u64.arg(), "1,000");
        assert_eq!(999u32.arg(), "999");
        assert_eq!(shorten(&"x".repeat(50)).chars().count(), 41);
    }

    #[test]
    fn a_shared_string_costs_its_length_or_the_longest() {
        let strings = SharedStrings {
            lengths: vec![3, 100, 7],
            longest: 100,
        };
        assert_eq!(strings.cost("0"), 3);
        assert_eq!(strings.cost("002"), 7);
        assert_eq!(strings.cost("3"), 100);
        assert_eq!(strings.cost(" 1"), 100);
        assert_eq!(strings.cost("99999999999999999999999"), 100);
    }
}
