//! Hostile workbooks, built here with the zip crate: small on the wire, huge or absurd once
//! unpacked. Each must be refused by `parse_xlsx` with a message that names the limit, and quickly,
//! before calamine gets to allocate, and by the plan workbook's reader (`read_edits`) with the same
//! message; a well-formed check sheet must still be read.

use std::io::Write;

use isomm_core::answers::Overrides;
use isomm_core::problem::OpenWhy;
use isomm_core::workbook::parse_xlsx;
use isomm_core::{Catalog, InputError, Place, Problem};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

/// The content of one part: pieces written one after the other, each repeated, so that a part of
/// hundreds of megabytes is never held in memory.
#[derive(Clone)]
pub(crate) struct Body(Vec<(String, usize)>);

impl Body {
    pub(crate) fn text(s: impl Into<String>) -> Body {
        Body(vec![(s.into(), 1)])
    }

    fn then(mut self, s: impl Into<String>, times: usize) -> Body {
        self.0.push((s.into(), times));
        self
    }
}

/// A zip container with these parts, deflated.
fn container(parts: Vec<(String, Body)>) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, body) in parts {
        zip.start_file(name, options).unwrap();
        for (piece, times) in &body.0 {
            // Write in blocks of about 1 MiB: fewer calls into the compressor.
            let per_block = (1 << 20) / piece.len().max(1);
            let block = piece.repeat(per_block.clamp(1, *times.max(&1)));
            let mut left = *times;
            while left > 0 {
                let n = per_block.clamp(1, left);
                zip.write_all(&block.as_bytes()[..n * piece.len()]).unwrap();
                left -= n;
            }
        }
    }
    zip.finish().unwrap().into_inner()
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// A workbook of these sheets (name, the sheet part's content), plus other parts.
pub(crate) fn workbook(sheets: Vec<(&str, Body)>, extra: Vec<(&str, Body)>) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            Body::text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels".to_string(),
            Body::text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
        ),
    ];
    let mut list = String::new();
    let mut rels = String::new();
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        list.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    parts.push((
        "xl/workbook.xml".to_string(),
        Body::text(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
        )),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".to_string(),
        Body::text(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        )),
    ));
    for (i, (_, body)) in sheets.into_iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), body));
    }
    for (name, body) in extra {
        parts.push((name.to_string(), body));
    }
    container(parts)
}

/// A raw DEFLATE stream (one block with the fixed Huffman codes) of `head`, `run` copies of the
/// byte `fill`, then `tail`. A run costs 13 bits per 258 bytes (a copy of the byte before, 258
/// long), which is how bombs are made: compressing 200 MB here would take seconds.
fn deflate_run(head: &[u8], fill: u8, run: usize, tail: &[u8]) -> Vec<u8> {
    #[derive(Default)]
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes are packed from their most significant bit.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, len);
        }
        fn literal(&mut self, b: u8) {
            match b {
                0..=143 => self.code(0x30 + u64::from(b), 8),
                _ => self.code(0x190 + u64::from(b - 144), 9),
            }
        }
    }
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    head.iter().for_each(|b| bits.literal(*b));
    if run > 0 {
        bits.literal(fill);
        for _ in 0..(run - 1) / 258 {
            bits.code(0b1100_0101, 8); // length 258
            bits.code(0, 5); // distance 1
        }
        (0..(run - 1) % 258).for_each(|_| bits.literal(fill));
    }
    tail.iter().for_each(|b| bits.literal(*b));
    bits.code(0, 7); // end of block
    bits.put(0, 7); // to a whole byte
    bits.out
}

/// CRC-32 as zip uses it.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, b| {
        (0..8).fold(crc ^ u32::from(*b), |c, _| {
            if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            }
        })
    })
}

/// A zip container written by hand, for a part deflated by [`deflate_run`]: the other parts
/// stored, the big one with the checksum left at 0 (a zip reader compares it only once the
/// whole part has been unpacked, too late to matter for a bomb).
fn container_with_run(parts: Vec<(String, String)>, big: (&str, Vec<u8>, u32)) -> Vec<u8> {
    let (big_name, deflated, size) = big;
    let mut entries: Vec<(String, u16, u32, Vec<u8>, u32)> = parts
        .into_iter()
        .map(|(name, text)| {
            let len = text.len() as u32;
            (name, 0, crc32(text.as_bytes()), text.into_bytes(), len)
        })
        .collect();
    entries.push((big_name.to_string(), 8, 0, deflated, size));
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, method, crc, data, size) in &entries {
        let offset = out.len() as u32;
        let fields = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // time
            out.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        out.extend_from_slice(b"PK\x03\x04");
        fields(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        fields(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (at, len, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disks
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment
    out
}

/// The standard parts of a workbook with the sheets 評価 and 回答, as text, without 回答's part.
fn standard_parts() -> Vec<(String, String)> {
    let sheet = |n: usize| {
        format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        )
    };
    let mut assessment = String::new();
    for (piece, times) in assessment_sheet().0 {
        assessment.push_str(&piece.repeat(times));
    }
    vec![
        (
            "_rels/.rels".into(),
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml".into(),
            r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="評価" sheetId="1" r:id="rId1"/><sheet name="回答" sheetId="2" r:id="rId2"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels".into(),
            format!("<Relationships>{}{}</Relationships>", sheet(1), sheet(2)),
        ),
        ("xl/worksheets/sheet1.xml".into(), assessment),
    ]
}

/// The answers sheet's part: `head`, `run` copies of `fill`, `tail`, deflated by hand.
fn answers_run(head: &str, fill: u8, run: usize, tail: &str) -> Vec<u8> {
    let size = (head.len() + run + tail.len()) as u32;
    let deflated = deflate_run(head.as_bytes(), fill, run, tail.as_bytes());
    container_with_run(
        standard_parts(),
        ("xl/worksheets/sheet2.xml", deflated, size),
    )
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The assessment sheet of a filled-in check sheet: values in B, keys in C.
pub(crate) fn assessment_sheet() -> Body {
    let mut rows = String::new();
    for (i, (value, key)) in [
        ("hybrid", "current_pattern"),
        ("hybrid", "target_pattern"),
        ("Sato", "respondent"),
        ("staff", "position"),
        ("isomm-answers/1", "format"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = i + 1;
        rows.push_str(&format!(
            r#"<row r="{r}">{}{}</row>"#,
            inline(&format!("B{r}"), value),
            inline(&format!("C{r}"), key)
        ));
    }
    Body::text(format!("{SHEET_HEAD}{rows}{SHEET_TAIL}"))
}

/// The answers sheet's header row and one role: its rows as XML, for a sheet to be completed.
fn answers_rows() -> String {
    format!(
        r#"<row r="1">{}{}{}</row><row r="2">{}<c r="B2"><v>3</v></c><c r="C2"><v>2</v></c></row>"#,
        inline("A1", "ID"),
        inline("B1", "インソース"),
        inline("C1", "アウトソース"),
        inline("A2", "A-1"),
    )
}

/// A whole, well-formed check sheet whose answers sheet (回答) has `more` after its rows.
pub(crate) fn check_sheet(more: &str) -> Vec<u8> {
    workbook(
        vec![
            ("評価", assessment_sheet()),
            (
                "回答",
                Body::text(format!("{SHEET_HEAD}{}{more}{SHEET_TAIL}", answers_rows())),
            ),
        ],
        vec![],
    )
}

/// Reads the workbook; returns the refusal and checks it came quickly.
fn refused(bytes: &[u8]) -> InputError {
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "the bomb is {} bytes on the wire",
        bytes.len()
    );
    // Memory and time are bounded where it counts: tests/serve.rs runs the server and the command
    // line against bombs with a memory budget; here only the refusal and its words are checked.
    let errors = parse_xlsx(bytes, Catalog::builtin(), &Overrides::default())
        .expect_err("the workbook was read");
    assert_eq!(errors.errors().len(), 1, "a refusal stops the reading");
    // The plan's workbook (`plan.xlsx` uploaded back) is opened through the same guard: the same
    // refusal, in the same words.
    let plan =
        isomm_core::items::upload::read_edits(bytes, &[]).expect_err("the plan reader read it");
    assert_eq!(plan.errors(), errors.errors(), "the plan reader's refusal");
    errors.errors()[0].clone()
}

fn assert_words(err: &InputError, words: &[&str]) {
    for w in words {
        assert!(
            err.to_string().contains(w),
            "{err}\nexpected the words: {w}"
        );
    }
}

fn cell(sheet: &str, cell: &str) -> Place {
    Place::Cell {
        sheet: sheet.into(),
        cell: cell.into(),
    }
}

#[test]
fn a_well_formed_check_sheet_is_read() {
    let a = parse_xlsx(&check_sheet(""), Catalog::builtin(), &Overrides::default()).unwrap();
    assert_eq!(a.respondents.len(), 1);
    assert_eq!(a.respondents[0].name, "Sato");
    let role = Catalog::builtin().role_index("A-1").unwrap();
    assert_eq!(
        a.respondents[0].answers[role].insource.map(|l| l.get()),
        Some(3)
    );
}

/// A check sheet with what spreadsheet programs write and costs nothing: formatted empty cells far
/// away (one in XFD1048576), rows without cells, a used area that covers the whole grid, shared
/// strings, styles. Its role A-1 reads insource 3, outsource 2.
pub(crate) fn formatted_far_away() -> Vec<u8> {
    let answers = format!(
        r#"{SHEET_HEAD}{}<row r="5000" ht="30" customHeight="1"><c r="A5000" s="1"/></row><row r="1048576"><c r="XFD1048576" s="1"/></row>{SHEET_TAIL}"#,
        answers_rows()
    )
    .replace(
        "<sheetData>",
        r#"<dimension ref="A1:XFD1048576"/><sheetData>"#,
    )
    .replace(&inline("A2", "A-1"), r#"<c r="A2" t="s"><v>1</v></c>"#);
    workbook(
        vec![("評価", assessment_sheet()), ("回答", Body::text(answers))],
        vec![
            (
                "xl/sharedStrings.xml",
                Body::text(
                    r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>unused</t></si><si><r><t>A-</t></r><r><t>1</t></r></si></sst>"#,
                ),
            ),
            (
                "xl/styles.xml",
                Body::text(
                    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="0"/></cellXfs></styleSheet>"#,
                ),
            ),
        ],
    )
}

/// What spreadsheet programs write and costs nothing is still read.
#[test]
fn empty_formatted_cells_far_away_and_shared_strings_are_read() {
    let a = parse_xlsx(
        &formatted_far_away(),
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap();
    let role = Catalog::builtin().role_index("A-1").unwrap();
    assert_eq!(
        a.respondents[0].answers[role].outsource.map(|l| l.get()),
        Some(2)
    );
}

/// (a) A value in A1 and one in XFD1048576: calamine would allocate 17 billion cells.
#[test]
fn a_value_in_the_last_cell_is_refused_with_its_sheet_and_cell() {
    let err = refused(&check_sheet(
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    ));
    assert_eq!(err.place, cell("回答", "XFD1048576"));
    assert_words(
        &err,
        &[
            "holds a value",
            "at most 2,000 rows and 64 columns",
            "Delete what is outside the table",
        ],
    );
    // Just outside the table, too: a row below it, a column to its right.
    let err = refused(&check_sheet(
        r#"<row r="2001"><c r="A2001"><v>1</v></c></row>"#,
    ));
    assert_eq!(err.place, cell("回答", "A2001"));
    let err = refused(&check_sheet(r#"<row r="3"><c r="BM3"><v>1</v></c></row>"#));
    assert_eq!(err.place, cell("回答", "BM3"));
    // The same limit names the sheet by its name whatever the part is called.
    assert_eq!(
        err.to_string(),
        "sheet “回答”, cell BM3: This cell holds a value, but a check sheet uses at most 2,000 rows and 64 columns (A1 to BL2000). Delete what is outside the table."
    );
}

/// (b) 200 MB of whitespace inside a worksheet, 1.3 MB on the wire: refused by its size before
/// anything is unpacked.
#[test]
fn a_sheet_of_200_mb_of_whitespace_is_refused() {
    let bytes = answers_run(SHEET_HEAD, b' ', 200_000_000, SHEET_TAIL);
    let err = refused(&bytes);
    assert_eq!(err.place, Place::Whole);
    assert_words(
        &err,
        &[
            "xl/worksheets/sheet2.xml of the workbook unpacks to 190.7 MiB",
            "at most 32 MiB is read for one part",
        ],
    );
}

/// Whitespace under the part limit, in one run: refused by the bound on one token, so the guard's
/// own buffer stays small.
#[test]
fn one_run_of_20_mb_of_whitespace_is_refused() {
    let err = refused(&answers_run(SHEET_HEAD, b' ', 20 << 20, SHEET_TAIL));
    assert_words(
        &err,
        &[
            "回答 (xl/worksheets/sheet2.xml)",
            "one piece of text or markup longer than 1 MiB",
        ],
    );
}

/// (c) A 200 MB inline string: refused by its size; a 20 MB one by the bound on one token.
#[test]
fn huge_inline_strings_are_refused() {
    let bytes = answers_run(
        &format!(r#"{SHEET_HEAD}<row r="3"><c r="A3" t="inlineStr"><is><t>"#),
        b'x',
        200_000_000,
        &format!("</t></is></c></row>{SHEET_TAIL}"),
    );
    let err = refused(&bytes);
    assert_words(&err, &["unpacks to 190.7 MiB", "at most 32 MiB"]);

    let err = refused(&answers_run(
        &format!(r#"{SHEET_HEAD}<row r="3"><c r="A3" t="inlineStr"><is><t>"#),
        b'x',
        20 << 20,
        &format!("</t></is></c></row>{SHEET_TAIL}"),
    ));
    assert_words(&err, &["longer than 1 MiB", "32,767 characters"]);
}

/// (d) Two million small cells, all inside the table (the rows repeat).
#[test]
fn two_million_cells_are_refused() {
    let row = format!(r#"<row r="3">{}</row>"#, "<c><v>1</v></c>".repeat(64));
    let err = refused(&check_sheet(&row.repeat(2_000_000 / 64)));
    // The 200,001st cell of the workbook: the two sheets' first 16, then row 3 again and again.
    assert_eq!(err.place, cell("回答", "AW3"));
    assert_words(
        &err,
        &[
            "more than 200,000 cells with a value",
            "Delete what is outside the table",
        ],
    );
}

/// (e) A shared-string table of two million entries.
#[test]
fn two_million_shared_strings_are_refused() {
    let bytes = workbook(
        vec![("評価", assessment_sheet())],
        vec![(
            "xl/sharedStrings.xml",
            Body::text(
                r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            )
            .then("<si/>", 2_000_000)
            .then("</sst>", 1),
        )],
    );
    let err = refused(&bytes);
    assert_eq!(err.place, Place::Whole);
    assert_words(
        &err,
        &[
            "table of texts of the workbook (xl/sharedStrings.xml)",
            "more than 200,000 entries",
        ],
    );
}

/// (f) A declared count calamine would reserve up front.
#[test]
fn a_declared_billion_shared_strings_are_refused() {
    let bytes = workbook(
        vec![("評価", assessment_sheet())],
        vec![(
            "xl/sharedStrings.xml",
            Body::text(
                r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000"><si><t>x</t></si></sst>"#,
            ),
        )],
    );
    let err = refused(&bytes);
    assert_words(&err, &["declares 1,000,000,000 entries", "at most 200,000"]);
}

/// (g) Cells without an `r` attribute: calamine counts their columns itself.
#[test]
fn cells_without_positions_walking_right_are_refused_where_they_leave_the_table() {
    let err = refused(&check_sheet(&format!(
        r#"<row r="7">{}</row>"#,
        "<c><v>1</v></c>".repeat(20_000)
    )));
    assert_eq!(err.place, cell("回答", "BM7"));
    // Rows without `r` are counted too, and a column set by `r` carries on to the next cells.
    let err = refused(&check_sheet(&format!(
        r#"<row r="1990"><c r="A1990"/></row>{}"#,
        "<row><c><v>1</v></c></row>".repeat(20)
    )));
    assert_eq!(err.place, cell("回答", "A2001"));
    let err = refused(&check_sheet(
        r#"<row r="4"><c r="BK4"><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>"#,
    ));
    assert_eq!(err.place, cell("回答", "BM4"));
}

/// (h) More files in the container than a workbook needs.
#[test]
fn too_many_zip_entries_are_refused() {
    let parts = (0..1500)
        .map(|i| (format!("x/{i}.xml"), Body::text("<x/>")))
        .collect();
    let err = refused(&container(parts));
    assert_words(&err, &["holds more than 1,000 files inside"]);
}

/// Offsets of a zip entry's headers, found by its name: (local header, central directory header).
fn headers(zip: &[u8], name: &str) -> (usize, usize) {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([zip[at], zip[at + 1]]));
    let find = |signature: &[u8], name_len_at: usize, name_at: usize| {
        (0..zip.len() - 4)
            .find(|&at| {
                zip[at..].starts_with(signature)
                    && zip.get(at + name_at..at + name_at + name.len()) == Some(name.as_bytes())
                    && u16_at(at + name_len_at) == name.len()
            })
            .unwrap()
    };
    (find(b"PK\x03\x04", 26, 30), find(b"PK\x01\x02", 28, 46))
}

/// (i) A declared size that lies: 1,000 bytes declared, 50 MiB inside. The zip reader stops at
/// the declared size, and the guard reports the damage; calamine never sees it.
#[test]
fn a_part_larger_than_its_declared_size_is_refused() {
    let mut bytes = workbook(
        vec![
            ("評価", assessment_sheet()),
            (
                "回答",
                Body::text(SHEET_HEAD)
                    .then("<row/>", 50 << 20 >> 3)
                    .then(SHEET_TAIL, 1),
            ),
        ],
        vec![],
    );
    let (local, central) = headers(&bytes, "xl/worksheets/sheet2.xml");
    for at in [local + 22, central + 24] {
        bytes[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
    }
    let err = refused(&bytes);
    assert_words(
        &err,
        &[
            "The workbook is damaged",
            "回答 (xl/worksheets/sheet2.xml) does not match the size or checksum recorded for it",
        ],
    );
}

/// A part read several times (three sheets on one part) counts every time it is read: 25 MB of
/// comments, read three times, passes the bound on all parts together.
#[test]
fn a_part_read_again_and_again_counts_every_time() {
    let worksheet = |n: usize| {
        format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        )
    };
    let parts = vec![
        (
            "_rels/.rels".to_string(),
            Body::text(
                r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
        ),
        (
            "xl/workbook.xml".to_string(),
            Body::text(
                r#"<workbook xmlns:r="r"><sheets><sheet name="評価" r:id="rId1"/><sheet name="回答" r:id="rId2"/><sheet name="a" r:id="rId2"/><sheet name="b" r:id="rId2"/></sheets></workbook>"#,
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            Body::text(format!(
                "<Relationships>{}{}</Relationships>",
                worksheet(1),
                worksheet(2)
            )),
        ),
        ("xl/worksheets/sheet1.xml".to_string(), assessment_sheet()),
        (
            "xl/worksheets/sheet2.xml".to_string(),
            Body::text(SHEET_HEAD)
                .then(format!("<!--{}-->", "-".repeat(1000)), 25_000)
                .then(SHEET_TAIL, 1),
        ),
    ];
    let err = refused(&container(parts));
    assert_words(
        &err,
        &["unpacks to > 64 MiB in all", "at most 64 MiB is read"],
    );
}

/// A long shared string shown in many cells: calamine copies it into every one.
#[test]
fn a_long_shared_string_shown_in_many_cells_is_refused() {
    let cells = format!("<row>{}</row>", r#"<c t="s"><v>0</v></c>"#.repeat(60));
    let bytes = workbook(
        vec![
            ("評価", assessment_sheet()),
            (
                "回答",
                Body::text(format!("{SHEET_HEAD}{}", answers_rows()))
                    .then(cells, 2)
                    .then(SHEET_TAIL, 1),
            ),
        ],
        vec![(
            "xl/sharedStrings.xml",
            Body::text(format!(
                "<sst><si><t>{}</t></si></sst>",
                "x".repeat(1000 * 1000)
            )),
        )],
    );
    let err = refused(&bytes);
    // 1,000,001 bytes a cell (the string and the index): the 68th cell passes 64 MiB, the 8th
    // cell of row 4 (rows without `r` follow row 2).
    assert_eq!(err.place, cell("回答", "H4"));
    assert_words(&err, &["The cells hold more than 64 MiB of text in all"]);
}

#[test]
fn style_bombs_are_refused() {
    let styles = |body: Body| {
        workbook(
            vec![("評価", assessment_sheet())],
            vec![("xl/styles.xml", body)],
        )
    };
    let err = refused(&styles(
        Body::text("<styleSheet><cellXfs>")
            .then("<xf/>", 2_000_000)
            .then("</cellXfs></styleSheet>", 1),
    ));
    assert_words(
        &err,
        &[
            "styles of the workbook (xl/styles.xml)",
            "more than 100,000",
        ],
    );
    // Each cell format copies the font name: 1,000 formats × 100 KB.
    let err = refused(&styles(
        Body::text(format!(
            r#"<styleSheet><fonts><font><name val="{}"/></font></fonts><cellXfs>"#,
            "F".repeat(100_000)
        ))
        .then(r#"<xf fontId="0"/>"#, 1000)
        .then("</cellXfs></styleSheet>", 1),
    ));
    assert_words(&err, &["would take more than 64 MiB to read"]);
}

#[test]
fn references_outside_any_spreadsheet_and_impossible_areas_are_refused() {
    let err = refused(&check_sheet(r#"<row r="3"><c r="XFE3"/></row>"#));
    assert_words(
        &err,
        &[
            "回答 (xl/worksheets/sheet2.xml) refers to cell XFE3",
            "beyond the last cell of any spreadsheet",
        ],
    );
    let err = refused(&check_sheet(r#"<row r="99999999999"/>"#));
    assert_words(&err, &["refers to row 99,999,999,999"]);
    let bytes = workbook(
        vec![(
            "回答",
            Body::text(format!(
                r#"{}{SHEET_TAIL}"#,
                SHEET_HEAD.replace("<sheetData>", r#"<dimension ref="B2:A1"/><sheetData>"#)
            )),
        )],
        vec![],
    );
    let err = refused(&bytes);
    assert_words(
        &err,
        &["used area as “B2:A1”, which is not a range of cells"],
    );
}

#[test]
fn cells_that_do_not_nest_are_refused() {
    // calamine would end the first cell somewhere else than where it starts the next one.
    let err = refused(&check_sheet(
        r#"<row r="3"><c r="A3"><v>1</x></c><c><v>2</v></c></row>"#,
    ));
    assert_words(&err, &["the XML of a cell does not nest properly"]);
    let err = refused(&check_sheet(
        r#"<row r="3"><c r="A3"><v><c r="B3"/></v></c></row>"#,
    ));
    assert_words(&err, &["does not nest properly"]);
    let err = refused(&check_sheet(
        r#"<row r="3"><c r="A3" r="XFD3"><v>1</v></c></row>"#,
    ));
    assert_words(
        &err,
        &[
            "A cell of 回答 (xl/worksheets/sheet2.xml) in row 3 gives its position, style or type twice",
        ],
    );
    let err = refused(&check_sheet(&format!(
        "{}{}",
        "<x>".repeat(300),
        "</x>".repeat(300)
    )));
    assert_words(&err, &["nests its elements more than 256 deep"]);
}

#[test]
fn damaged_and_encrypted_containers_are_refused_in_words() {
    let err = refused(b"PK\x03\x04 not really a zip");
    assert_eq!(
        *err.problem,
        Problem::CannotOpen {
            why: OpenWhy::Damaged,
            detail: String::new()
        }
    );
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let err = refused(&ole);
    assert_words(
        &err,
        &["protected by a password, or it is an old .xls file"],
    );
}

/// Sheets that each use their whole table (values in A1 and BL2000) are read, but calamine keeps a
/// full grid for each: three of them are refused by the bound on the area of all sheets.
#[test]
fn the_areas_of_all_sheets_together_are_bounded() {
    let corners = Body::text(format!(
        r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="2000"><c r="BL2000"><v>1</v></c></row>{SHEET_TAIL}"#
    ));
    let two = workbook(vec![("a", corners.clone()), ("b", corners.clone())], vec![]);
    let err = parse_xlsx(&two, Catalog::builtin(), &Overrides::default()).unwrap_err();
    assert!(
        !err.to_string().contains("span more than"),
        "two full sheets are within the bound: {err}"
    );
    let three = workbook(
        vec![
            ("a", corners.clone()),
            ("b", corners.clone()),
            ("c", corners),
        ],
        vec![],
    );
    let err = refused(&three);
    assert_eq!(err.place, cell("c", "BL2000"));
    assert_words(&err, &["span more than 256,000 cells"]);
}
