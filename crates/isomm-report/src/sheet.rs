//! Blank check sheets to fill offline (`isomm template`) and the readable catalog listing
//! (`isomm catalog --format text`).

use std::io::{self, Write};

use isomm_core::answers::{ANSWERS_FORMAT, CSV_COLUMNS, Position, Side};
use isomm_core::workbook::{FIELD_KEYS, sheet_words};
use isomm_core::{Catalog, Lang};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, XlsxError,
};

/// Values to pre-fill in a blank sheet.
#[derive(Clone, Debug, Default)]
pub struct SheetOptions {
    pub organization: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub current_pattern: Option<String>,
    pub target_pattern: Option<String>,
    pub target_level: Option<u8>,
    pub respondent: Option<String>,
    pub position: Option<String>,
    /// Role → area overrides as (role id, area) pairs.
    pub areas: Vec<(String, String)>,
    /// Answers to pre-fill (one per catalog role), for a respondent who already answered some.
    pub answers: Option<Vec<isomm_core::Answer>>,
    /// Where the filled-in sheet goes back (the xlsx sheet's instructions say how).
    pub back: SheetReturn,
    /// The respondent's drafts (前回値), shown in columns of their own beside the answer columns
    /// and never read back.
    pub drafts: Option<SheetDrafts>,
}

/// Drafts to show beside the answers: the headers of their columns (insource, outsource, note;
/// none of them a header the reader takes for an answer column) and one per catalog role.
#[derive(Clone, Debug, Default)]
pub struct SheetDrafts {
    pub headers: [String; 3],
    pub answers: Vec<Option<isomm_core::Answer>>,
}

/// Where a filled-in xlsx sheet goes back, as its instructions sheet tells the respondent.
#[derive(Clone, Debug, Default)]
pub enum SheetReturn {
    /// To whoever handed the sheet out, who reads it with `isomm report` (`isomm template`).
    #[default]
    Command,
    /// Uploaded on the web page it was downloaded from.
    Page(UploadPage),
}

/// The web page a sheet is uploaded on, in the words of that page.
#[derive(Clone, Debug, Default)]
pub struct UploadPage {
    /// The page's address, when it may be written into the file (not a respondent's private link).
    pub address: Option<String>,
    /// The heading of the page's section for sheets.
    pub section: String,
    /// The label of the file field.
    pub field: String,
    /// The label of the upload button.
    pub button: String,
}

/// A TOML (and JSON) string literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

isomm_core::words! {
    /// The words of the blank sheets and the catalog listing, each from the message of its name.
    struct Words {
        header,
        run,
        levels,
        organization,
        title,
        name,
        catalog_levels,
        catalog_patterns,
        catalog_in_house,
    }
}

/// The message file of the templates' words in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Template)
}

/// [`Words`] from the messages of one language.
fn fill(m: &mut isomm_core::messages::Messages) -> Words {
    Words::read(m)
}

fn words(lang: Lang) -> &'static Words {
    static WORDS: isomm_core::messages::PerLang<Words> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// A blank `isomm-answers/1` file in TOML, every role listed with its name as a comment.
pub fn write_toml_template<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    lang: Lang,
    o: &SheetOptions,
) -> io::Result<()> {
    let w = words(lang);
    let patterns: Vec<&str> = catalog.patterns().iter().map(|p| p.id.as_str()).collect();
    let default_pattern = patterns.get(1).or(patterns.first()).copied().unwrap_or("");
    writeln!(out, "# {} ({})", w.header, catalog.model())?;
    writeln!(out, "# {}", w.run)?;
    writeln!(out, "#")?;
    writeln!(out, "# {}", w.levels)?;
    for (level, d) in catalog.levels().iter().enumerate() {
        writeln!(
            out,
            "#   {level}: {} ／ {}",
            d.insource.get(lang),
            d.outsource.get(lang)
        )?;
    }
    // The advice of the xlsx sheet's instructions, in the same words.
    for advice in crate::guide::texts(catalog, lang, &o.back).scoring {
        writeln!(out, "# {advice}")?;
    }
    writeln!(out)?;
    writeln!(out, "format = \"isomm-answers/1\"")?;
    writeln!(out, "model = {}", quoted(catalog.model()))?;
    writeln!(
        out,
        "organization = {}  # {}",
        quoted(o.organization.as_deref().unwrap_or("")),
        w.organization
    )?;
    writeln!(
        out,
        "title = {}  # {}",
        quoted(o.title.as_deref().unwrap_or("")),
        w.title
    )?;
    match &o.date {
        Some(d) => writeln!(out, "date = {}", quoted(d))?,
        None => writeln!(out, "# date = \"YYYY-MM-DD\"")?,
    }
    let pattern_help = patterns.join(" | ");
    writeln!(
        out,
        "current_pattern = {}  # {pattern_help}",
        quoted(o.current_pattern.as_deref().unwrap_or(default_pattern))
    )?;
    writeln!(
        out,
        "target_pattern = {}  # {pattern_help}",
        quoted(o.target_pattern.as_deref().unwrap_or(default_pattern))
    )?;
    writeln!(
        out,
        "target_level = {}  # 1..5",
        o.target_level.unwrap_or(4)
    )?;
    writeln!(out)?;
    if o.areas.is_empty() {
        writeln!(
            out,
            "# [areas]  # role → area overrides: \"B-1\" = \"II\"  (I | II | III | IV)"
        )?;
    } else {
        writeln!(out, "[areas]  # I | II | III | IV")?;
        for (role, area) in &o.areas {
            writeln!(out, "{} = {}", quoted(role), quoted(area))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "[[respondents]]")?;
    writeln!(
        out,
        "name = {}  # {}",
        quoted(o.respondent.as_deref().unwrap_or("")),
        w.name
    )?;
    writeln!(
        out,
        "position = {}  # manager | leader | staff | other",
        quoted(o.position.as_deref().unwrap_or("staff"))
    )?;
    writeln!(out)?;
    writeln!(out, "[respondents.answers]")?;
    writeln!(
        out,
        "# \"A-1\" = {{ insource = 3, outsource = 2, note = \"…\" }}"
    )?;
    for f in catalog.functions() {
        writeln!(out)?;
        writeln!(out, "# {}. {}", f.id, f.name.get(lang))?;
        for role in &catalog.roles()[f.roles.clone()] {
            let key = quoted(&role.id);
            let pad = " ".repeat(6usize.saturating_sub(key.len()));
            writeln!(out, "{key}{pad} = {{}}  # {}", role.name.get(lang))?;
        }
    }
    Ok(())
}

/// A blank CSV sheet (with a BOM for Excel): one row per role; the `function` and `name` columns are
/// ignored when read back.
pub fn write_csv_template<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    lang: Lang,
    o: &SheetOptions,
) -> io::Result<()> {
    out.write_all(UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.extend(["function", "name"]);
    w.write_record(&header)?;
    for role in catalog.roles() {
        let f = &catalog.functions()[role.function];
        let function = format!("{}. {}", f.id, f.name.get(lang));
        w.write_record(safe_record([
            o.respondent.as_deref().unwrap_or(""),
            o.position.as_deref().unwrap_or(""),
            &role.id,
            "",
            "",
            "",
            &function,
            role.name.get(lang),
        ]))?;
    }
    w.flush()
}

/// The catalog as a readable listing.
pub fn write_catalog_text<W: Write>(out: &mut W, catalog: &Catalog, lang: Lang) -> io::Result<()> {
    let w = words(lang);
    let (levels, patterns, in_house) = (w.catalog_levels, w.catalog_patterns, w.catalog_in_house);
    let functions = catalog.functions().len().to_string();
    let roles = catalog.roles().len().to_string();
    let heading = isomm_core::messages::Messages::new(lang, source(lang)).format(
        "catalog-heading",
        &[
            ("model", catalog.model()),
            ("functions", &functions),
            ("roles", &roles),
        ],
    );
    writeln!(out, "{heading}")?;
    for f in catalog.functions() {
        writeln!(out)?;
        writeln!(out, "{}. {}", f.id, f.name.get(lang))?;
        for role in &catalog.roles()[f.roles.clone()] {
            writeln!(
                out,
                "  {:<5} {}  [{}]",
                role.id,
                role.name.get(lang),
                role.default_area.as_str()
            )?;
            writeln!(out, "        {}", role.description.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{levels}")?;
    for (level, d) in catalog.levels().iter().enumerate() {
        writeln!(
            out,
            "  {level}  {} ／ {}",
            d.insource.get(lang),
            d.outsource.get(lang)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{patterns}")?;
    for p in catalog.patterns() {
        let areas: Vec<&str> = p.insourced_areas.iter().map(|a| a.as_str()).collect();
        writeln!(
            out,
            "  {:<18} {}  ({in_house}: {})",
            p.id,
            p.name.get(lang),
            areas.join(", ")
        )?;
    }
    Ok(())
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// The offline check sheet as an Excel workbook: first the instructions (how to score, the level
/// table, the areas and patterns, how the sheet goes back: `guide.rs`), then the assessment fields
/// (patterns and position as drop-downs), then one row per role with a 0–5 drop-down for each side
/// whose input message points to the level table. Everything but the cells to fill in is locked.
/// `isomm_core::workbook::parse_xlsx` reads it back.
pub fn write_xlsx_template<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    lang: Lang,
    o: &SheetOptions,
) -> io::Result<()> {
    let bytes = xlsx_template(catalog, lang, o).map_err(xlsx_error)?;
    out.write_all(&bytes)
}

fn xlsx_template(catalog: &Catalog, lang: Lang, o: &SheetOptions) -> Result<Vec<u8>, XlsxError> {
    let w = sheet_words(lang);
    let guide = crate::guide::texts(catalog, lang, &o.back);
    let mut book = Workbook::new();
    crate::guide::write_guide(&mut book, catalog, lang, &guide)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(w.title)
            .set_author("isomm")
            .set_comment(ANSWERS_FORMAT),
    );
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let input = Format::new()
        .set_unlocked()
        .set_background_color(Color::RGB(0xFFF8E1))
        .set_border(FormatBorder::Thin);
    let input_wrap = input.clone().set_text_wrap().set_align(FormatAlign::Top);
    let key = Format::new().set_font_color(Color::RGB(0x8A939C));
    let previous = Format::new()
        .set_background_color(Color::RGB(0xEEEEEE))
        .set_font_color(Color::RGB(0x4A3300))
        .set_border(FormatBorder::Thin);
    let previous_wrap = previous.clone().set_text_wrap().set_align(FormatAlign::Top);
    let previous_header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x7A4E00))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin);
    let pattern_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| catalog.pattern_index(id))
            .map(|p| catalog.patterns()[p].name.get(lang).to_string())
            .unwrap_or_default()
    };
    let pattern_names: Vec<String> = catalog
        .patterns()
        .iter()
        .map(|p| p.name.get(lang).to_string())
        .collect();
    let position_names: Vec<&str> = Position::ALL.iter().map(|p| p.name(lang)).collect();

    let sheet = book.add_worksheet();
    sheet.set_name(w.assessment_sheet)?;
    sheet.write_string_with_format(0, 0, w.title, &Format::new().set_bold().set_font_size(14))?;
    // What to fill in here, and where the instructions are (column C is hidden).
    let instructions = format!("{}\n{}", w.instructions, guide.see_guide);
    sheet.merge_range(1, 0, 1, 2, &instructions, &wrap)?;
    let lines: usize = instructions
        .lines()
        .map(|line| wrapped_lines(line, 26.0 + 44.0))
        .sum();
    sheet.set_row_height(1, 15.0 * lines as f64 + 4.0)?;
    for (col, text) in [w.field, w.value, w.key].into_iter().enumerate() {
        sheet.write_string_with_format(3, col as u16, text, &header)?;
    }
    let values: [String; 10] = [
        o.organization.clone().unwrap_or_default(),
        o.title.clone().unwrap_or_default(),
        o.date.clone().unwrap_or_default(),
        pattern_name(&o.current_pattern),
        pattern_name(&o.target_pattern),
        o.target_level.unwrap_or(4).to_string(),
        o.respondent.clone().unwrap_or_default(),
        o.position
            .as_deref()
            .and_then(Position::parse)
            .map(|p| p.name(lang).to_string())
            .unwrap_or_default(),
        catalog.model().to_string(),
        ANSWERS_FORMAT.to_string(),
    ];
    for (i, ((label, value), field_key)) in w.labels.iter().zip(&values).zip(FIELD_KEYS).enumerate()
    {
        let row = 4 + i as u32;
        sheet.write_string_with_format(row, 0, *label, &bold)?;
        // A sheet from the web goes back to one respondent's page, which takes its answers only:
        // the assessment's fields, the name and the position are shown, locked, not asked.
        let from_web = matches!(o.back, SheetReturn::Page(_));
        let locked = from_web || matches!(field_key, "model" | "format");
        match field_key {
            _ if locked => {
                sheet.write_string(row, 1, value)?;
            }
            // The target level is a number, 1 to 5, as Excel checks it.
            "target_level" => {
                sheet.write_number_with_format(row, 1, o.target_level.unwrap_or(4), &input)?;
                sheet.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(1, 5))
                        .set_error_message(w.target_level_error)?,
                )?;
            }
            // The date is a date (shown as YYYY-MM-DD), as Excel checks it.
            "date" => {
                let date_input = input.clone().set_num_format("yyyy-mm-dd");
                match o.date.as_deref().map(ExcelDateTime::parse_from_str) {
                    Some(Ok(d)) => {
                        sheet.write_datetime_with_format(row, 1, &d, &date_input)?;
                    }
                    _ => {
                        sheet.write_blank(row, 1, &date_input)?;
                    }
                }
                sheet.add_data_validation(
                    row,
                    1,
                    row,
                    1,
                    &DataValidation::new()
                        .allow_date(DataValidationRule::Between(
                            ExcelDateTime::from_ymd(2000, 1, 1)?,
                            ExcelDateTime::from_ymd(2099, 12, 31)?,
                        ))
                        .set_error_message(w.date_error)?,
                )?;
            }
            _ => {
                sheet.write_string_with_format(row, 1, value, &input)?;
            }
        }
        sheet.write_string_with_format(row, 2, field_key, &key)?;
        let list: Option<Vec<String>> = match field_key {
            "current_pattern" | "target_pattern" => Some(pattern_names.clone()),
            "position" => Some(position_names.iter().map(|p| p.to_string()).collect()),
            _ => None,
        };
        if let Some(list) = list.filter(|_| !locked) {
            sheet.add_data_validation(
                row,
                1,
                row,
                1,
                &DataValidation::new().allow_list_strings(&list)?,
            )?;
        }
    }
    sheet.set_column_width(0, 26)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 16)?;
    // The machine keys isomm reads the fields by: there, but not in the way.
    sheet.set_column_hidden(2)?;
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();

    let sheet = book.add_worksheet();
    sheet.set_name(w.answers_sheet)?;
    for (col, text) in [
        w.function,
        w.id,
        w.role,
        w.description,
        w.insource,
        w.outsource,
        w.note,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, text, &header)?;
    }
    let levels: Vec<String> = (0..=5).map(|l| l.to_string()).collect();
    for (side, col) in [(Side::Insource, 4u16), (Side::Outsource, 5u16)] {
        let validation = DataValidation::new()
            .allow_list_strings(&levels)?
            .set_input_title(side.name(lang))?
            .set_input_message(&guide.prompt)?
            .set_error_message(w.level_error)?;
        sheet.add_data_validation(1, col, catalog.roles().len() as u32, col, &validation)?;
    }
    for (i, role) in catalog.roles().iter().enumerate() {
        let row = 1 + i as u32;
        let f = &catalog.functions()[role.function];
        sheet.write_string_with_format(row, 0, format!("{}. {}", f.id, f.name.get(lang)), &wrap)?;
        sheet.write_string_with_format(row, 1, &role.id, &bold)?;
        sheet.write_string_with_format(row, 2, role.name.get(lang), &wrap)?;
        sheet.write_string_with_format(row, 3, role.description.get(lang), &wrap)?;
        let answer = o
            .answers
            .as_ref()
            .and_then(|a| a.get(i))
            .cloned()
            .unwrap_or_default();
        for (col, level) in [(4u16, answer.insource), (5u16, answer.outsource)] {
            match level {
                Some(l) => sheet.write_number_with_format(row, col, f64::from(l.get()), &input)?,
                None => sheet.write_blank(row, col, &input)?,
            };
        }
        match &answer.note {
            Some(n) => sheet.write_string_with_format(row, 6, n, &input_wrap)?,
            None => sheet.write_blank(row, 6, &input_wrap)?,
        };
        // The draft, locked and grey: something to look at, never an answer.
        if let Some(draft) = o
            .drafts
            .as_ref()
            .and_then(|d| d.answers.get(i))
            .cloned()
            .flatten()
        {
            for (col, level) in [(7u16, draft.insource), (8u16, draft.outsource)] {
                match level {
                    Some(l) => {
                        sheet.write_number_with_format(row, col, f64::from(l.get()), &previous)?
                    }
                    None => sheet.write_blank(row, col, &previous)?,
                };
            }
            match &draft.note {
                Some(n) => sheet.write_string_with_format(row, 9, n, &previous_wrap)?,
                None => sheet.write_blank(row, 9, &previous_wrap)?,
            };
        }
    }
    if let Some(drafts) = &o.drafts {
        for (i, text) in drafts.headers.iter().enumerate() {
            sheet.write_string_with_format(0, 7 + i as u16, text, &previous_header)?;
        }
        for (col, width) in [(7u16, 14.0), (8, 14.0), (9, 30.0)] {
            sheet.set_column_width(col, width)?;
        }
    }
    for (col, width) in [
        (0u16, 22.0),
        (1, 7.0),
        (2, 30.0),
        (3, 60.0),
        (4, 12.0),
        (5, 13.0),
        (6, 40.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    // Rows tall enough for their wrapped texts (protection forbids resizing them by hand).
    for (i, role) in catalog.roles().iter().enumerate() {
        let f = &catalog.functions()[role.function];
        let lines = [
            (format!("{}. {}", f.id, f.name.get(lang)), 22.0),
            (role.name.get(lang).to_string(), 30.0),
            (role.description.get(lang).to_string(), 60.0),
        ]
        .iter()
        .map(|(text, width)| wrapped_lines(text, *width))
        .max()
        .unwrap_or(1);
        sheet.set_row_height(1 + i as u32, 15.0 * lines as f64 + 4.0)?;
    }
    sheet.set_freeze_panes(1, 2)?;
    // On paper: A4 landscape, one page wide, the header row on every page.
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.protect();
    book.save_to_buffer()
}

/// How many lines `text` takes in a wrapped column `width` characters wide (a wide, Japanese
/// character counts two).
pub(crate) fn wrapped_lines(text: &str, width: f64) -> usize {
    let columns: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    // A little under the width: Excel breaks before a word or character that would not fit.
    columns.div_ceil((width * 0.9) as usize).max(1)
}

/// A CSV record with every cell neutralised against formula injection
/// ([`isomm_core::answers::csv_cell_out`]): every CSV isomm writes goes through this.
pub fn safe_record<'a, S: AsRef<str> + ?Sized + 'a>(
    cells: impl IntoIterator<Item = &'a S>,
) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| isomm_core::answers::csv_cell_out(c.as_ref()).into_owned())
        .collect()
}

/// The byte order mark that makes Excel read a CSV file as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Every respondent's answers in the CSV form of `isomm-answers/1` (one row per respondent and
/// answered role), with a BOM. Read back with the assessment's fields as options, it gives the same
/// assessment.
pub fn write_answers_csv<W: Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &isomm_core::Assessment,
) -> io::Result<()> {
    out.write_all(UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let level = |l: Option<isomm_core::Level>| l.map(|l| l.get().to_string()).unwrap_or_default();
    for r in &assessment.respondents {
        for (role, a) in catalog.roles().iter().zip(&r.answers) {
            if !a.is_answered() && a.note.is_none() {
                continue;
            }
            let (insource, outsource) = (level(a.insource), level(a.outsource));
            w.write_record(safe_record([
                r.name.as_str(),
                r.position.as_str(),
                role.id.as_str(),
                &insource,
                &outsource,
                a.note.as_deref().unwrap_or(""),
            ]))?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod words_tests {
    use super::*;

    #[test]
    fn every_template_word_is_in_every_language() {
        // The catalog's heading is formatted when it is written, with its counts as arguments.
        fn fill_all(m: &mut isomm_core::messages::Messages) -> (Words, String) {
            let heading = m.format(
                "catalog-heading",
                &[("model", "m"), ("functions", "9"), ("roles", "54")],
            );
            (fill(m), heading)
        }
        assert_eq!(
            isomm_core::messages::problems(source, fill_all),
            Vec::<String>::new()
        );
        for lang in Lang::ALL {
            let mut out = Vec::new();
            write_catalog_text(&mut out, isomm_core::Catalog::builtin(), lang).unwrap();
            let first = String::from_utf8(out).unwrap();
            let first = first.lines().next().unwrap();
            assert!(
                first.contains("isomm-2.1") && first.contains("54"),
                "{first}"
            );
        }
    }
}
