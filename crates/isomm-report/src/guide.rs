//! The instructions sheet, first in the offline check sheet: how to fill it in and score (the seed's
//! advice and FAQ), the level table of both sides in full, the four areas and the patterns, and how
//! the filled-in sheet goes back (to `isomm report`, or uploaded on the web page it came from).
//! Every word comes from `messages/{ja,en}/guide.ftl`, every level, area and pattern from the
//! catalog and the core.

use isomm_core::answers::Side;
use isomm_core::catalog::Area;
use isomm_core::messages::Messages;
use isomm_core::workbook::sheet_words;
use isomm_core::{Catalog, Lang};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::sheet::{SheetReturn, wrapped_lines};

/// The message file of the instructions sheet in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Guide)
}

/// What the messages of the guide are formatted with: names of the other sheets and their columns,
/// the catalog's counts and where the sheet goes back.
struct Args<'a> {
    functions: String,
    roles: String,
    assessment: &'a str,
    answers: &'a str,
    value: &'a str,
    insource: &'a str,
    outsource: &'a str,
    note: &'a str,
    back: &'a SheetReturn,
}

impl<'a> Args<'a> {
    fn new(catalog: &Catalog, lang: Lang, back: &'a SheetReturn) -> Args<'a> {
        let w = sheet_words(lang);
        Args {
            functions: catalog.functions().len().to_string(),
            roles: catalog.roles().len().to_string(),
            assessment: w.assessment_sheet,
            answers: w.answers_sheet,
            value: w.value,
            insource: w.insource,
            outsource: w.outsource,
            note: w.note,
            back,
        }
    }
}

/// The guide's texts in one language, every argument filled in.
pub(crate) struct Texts {
    /// The sheet's name.
    pub sheet: String,
    intro: String,
    steps_heading: String,
    /// The steps in order, the last one how the sheet goes back.
    steps: Vec<String>,
    scoring_heading: String,
    /// The advice on scoring (also in the TOML template's comments).
    pub scoring: Vec<String>,
    levels_heading: String,
    levels_intro: String,
    level: String,
    areas_heading: String,
    areas_intro: String,
    area: String,
    patterns_heading: String,
    patterns_intro: String,
    pattern: String,
    in_house: String,
    /// The input message of an answer cell: where the level table is.
    pub prompt: String,
    /// The line under the assessment sheet's title that points to this sheet.
    pub see_guide: String,
}

/// [`Texts`] from the messages of one language.
fn texts_from(m: &mut Messages, a: &Args) -> Texts {
    let sheets = [("assessment", a.assessment), ("answers", a.answers)];
    let sides = [("insource", a.insource), ("outsource", a.outsource)];
    let back = match a.back {
        SheetReturn::Command => m.format("back-command", &[]),
        SheetReturn::Page(page) => {
            let mut args = vec![
                ("section", page.section.as_str()),
                ("field", page.field.as_str()),
                ("button", page.button.as_str()),
            ];
            match &page.address {
                Some(address) => {
                    args.push(("address", address.as_str()));
                    m.format("back-address", &args)
                }
                None => m.format("back-page", &args),
            }
        }
    };
    Texts {
        sheet: m.get("sheet").to_string(),
        intro: m.format(
            "intro",
            &[
                ("functions", &a.functions),
                ("roles", &a.roles),
                sheets[0],
                sheets[1],
            ],
        ),
        steps_heading: m.format("steps-heading", &[]),
        steps: vec![
            m.format("steps-1", &[sheets[0], ("value", a.value)]),
            m.format("steps-2", &[sheets[1], sides[0], sides[1]]),
            m.format("steps-3", &[("note", a.note)]),
            back,
        ],
        scoring_heading: m.format("scoring-heading", &[]),
        scoring: vec![
            m.format("scoring-1", &[]),
            m.format("scoring-2", &[]),
            m.format("scoring-3", &sides),
            m.format("scoring-4", &[]),
            m.format("scoring-5", &[]),
        ],
        levels_heading: m.format("levels-heading", &[]),
        levels_intro: m.format("levels-intro", &sides),
        level: m.format("level", &[]),
        areas_heading: m.format("areas-heading", &[]),
        areas_intro: m.format("areas-intro", &[]),
        area: m.format("area", &[]),
        patterns_heading: m.format("patterns-heading", &[]),
        patterns_intro: m.format("patterns-intro", &[sheets[0], sides[0], sides[1]]),
        pattern: m.format("pattern", &[]),
        in_house: m.format("in-house", &[]),
        prompt: m.format("prompt", &[]),
        see_guide: m.format("see-guide", &[]),
    }
}

/// The guide's texts for a sheet of `catalog` in `lang` that goes back as `back` says.
pub(crate) fn texts(catalog: &Catalog, lang: Lang, back: &SheetReturn) -> Texts {
    texts_from(
        &mut Messages::new(lang, source(lang)),
        &Args::new(catalog, lang, back),
    )
}

/// The scoring advice (the seed's FAQ) in `lang`: the same words on the web's check sheet, in the
/// offline sheet's instructions and in the TOML template's comments. Read once per language.
pub fn scoring_advice(lang: Lang) -> &'static [String] {
    static ADVICE: isomm_core::messages::PerLang<Vec<String>> =
        isomm_core::messages::PerLang::new();
    ADVICE.get(lang, source, |m| {
        let w = sheet_words(m.lang());
        let sides = [("insource", w.insource), ("outsource", w.outsource)];
        vec![
            m.format("scoring-1", &[]),
            m.format("scoring-2", &[]),
            m.format("scoring-3", &sides),
            m.format("scoring-4", &[]),
            m.format("scoring-5", &[]),
        ]
    })
}

/// Column widths of the guide (characters): a narrow one for numbers, two wide ones for the two
/// sides of the level table. A4 portrait, one page wide.
const WIDTHS: [f64; 3] = [8.0, 42.0, 42.0];

/// Height of a row of `lines` wrapped lines of body text, in points.
fn height(lines: usize) -> f64 {
    15.0 * lines as f64 + 4.0
}

/// Adds the instructions sheet to `book` (call it first, so that it is the first sheet).
pub(crate) fn write_guide(
    book: &mut Workbook,
    catalog: &Catalog,
    lang: Lang,
    t: &Texts,
) -> Result<(), XlsxError> {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let heading = Format::new()
        .set_bold()
        .set_font_size(12)
        .set_font_color(Color::RGB(0x1F4E79))
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(0x1F4E79));
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = text.clone().set_align(FormatAlign::Right).set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let cell = text.clone().set_border(FormatBorder::Thin);
    let key = cell
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top);

    let sheet = book.add_worksheet();
    sheet.set_name(&t.sheet)?;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    let all = WIDTHS.iter().sum::<f64>();
    let wide = WIDTHS[1] + WIDTHS[2];
    let mut row = 0u32;

    // A paragraph over the whole width.
    let paragraph = |sheet: &mut rust_xlsxwriter::Worksheet,
                     row: &mut u32,
                     s: &str,
                     format: &Format,
                     line: f64|
     -> Result<(), XlsxError> {
        sheet.merge_range(*row, 0, *row, 2, s, format)?;
        sheet.set_row_height(*row, line * wrapped_lines(s, all) as f64 + 4.0)?;
        *row += 1;
        Ok(())
    };
    let sw = sheet_words(lang);
    paragraph(sheet, &mut row, sw.title, &title, 20.0)?;
    paragraph(sheet, &mut row, &t.intro, &text, 15.0)?;

    // A section: a heading after a little space.
    let section =
        |sheet: &mut rust_xlsxwriter::Worksheet, row: &mut u32, s: &str| -> Result<(), XlsxError> {
            sheet.set_row_height(*row, 10.0)?;
            *row += 1;
            sheet.merge_range(*row, 0, *row, 2, s, &heading)?;
            sheet.set_row_height(*row, 20.0)?;
            *row += 1;
            Ok(())
        };
    // A numbered or bulleted list: the mark in the first column, the text over the others.
    let list = |sheet: &mut rust_xlsxwriter::Worksheet,
                row: &mut u32,
                items: &[String],
                numbered: bool|
     -> Result<(), XlsxError> {
        for (i, item) in items.iter().enumerate() {
            let mark = if numbered {
                format!("{}.", i + 1)
            } else {
                "•".to_string()
            };
            sheet.write_string_with_format(*row, 0, mark, &number)?;
            sheet.merge_range(*row, 1, *row, 2, item, &text)?;
            sheet.set_row_height(*row, height(wrapped_lines(item, wide)))?;
            *row += 1;
        }
        Ok(())
    };

    section(sheet, &mut row, &t.steps_heading)?;
    list(sheet, &mut row, &t.steps, true)?;
    section(sheet, &mut row, &t.scoring_heading)?;
    list(sheet, &mut row, &t.scoring, false)?;

    // The level table: both sides, every definition in full.
    section(sheet, &mut row, &t.levels_heading)?;
    paragraph(sheet, &mut row, &t.levels_intro, &text, 15.0)?;
    let sides = [Side::Insource.name(lang), Side::Outsource.name(lang)];
    sheet.write_string_with_format(row, 0, &t.level, &header)?;
    sheet.write_string_with_format(row, 1, sides[0], &header)?;
    sheet.write_string_with_format(row, 2, sides[1], &header)?;
    sheet.set_row_height(row, height(wrapped_lines(&t.level, WIDTHS[0])))?;
    row += 1;
    for (level, d) in catalog.levels().iter().enumerate() {
        let (insource, outsource) = (d.insource.get(lang), d.outsource.get(lang));
        sheet.write_number_with_format(row, 0, level as f64, &key)?;
        sheet.write_string_with_format(row, 1, insource, &cell)?;
        sheet.write_string_with_format(row, 2, outsource, &cell)?;
        let lines = wrapped_lines(insource, WIDTHS[1]).max(wrapped_lines(outsource, WIDTHS[2]));
        sheet.set_row_height(row, height(lines))?;
        row += 1;
    }

    // The four areas, then the patterns (which areas each does in-house), together on a page of
    // their own on paper.
    sheet.set_page_breaks(&[row])?;
    section(sheet, &mut row, &t.areas_heading)?;
    paragraph(sheet, &mut row, &t.areas_intro, &text, 15.0)?;
    sheet.write_string_with_format(row, 0, &t.area, &header)?;
    sheet.merge_range(row, 1, row, 2, "", &header)?;
    sheet.set_row_height(row, height(wrapped_lines(&t.area, WIDTHS[0])))?;
    row += 1;
    for area in Area::ALL {
        sheet.write_string_with_format(row, 0, area.as_str(), &key)?;
        sheet.merge_range(row, 1, row, 2, area.name(lang), &cell)?;
        sheet.set_row_height(row, height(wrapped_lines(area.name(lang), wide)))?;
        row += 1;
    }
    section(sheet, &mut row, &t.patterns_heading)?;
    paragraph(sheet, &mut row, &t.patterns_intro, &text, 15.0)?;
    sheet.merge_range(row, 0, row, 1, &t.pattern, &header)?;
    sheet.write_string_with_format(row, 2, &t.in_house, &header)?;
    row += 1;
    for p in catalog.patterns() {
        let areas: Vec<&str> = p.insourced_areas.iter().map(|a| a.as_str()).collect();
        let name = p.name.get(lang);
        sheet.merge_range(row, 0, row, 1, name, &cell)?;
        sheet.write_string_with_format(row, 2, areas.join(", "), &cell)?;
        sheet.set_row_height(row, height(wrapped_lines(name, WIDTHS[0] + WIDTHS[1])))?;
        row += 1;
    }

    // Read on screen as a document; on paper A4 portrait, one page wide.
    sheet.set_screen_gridlines(false);
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::UploadPage;

    #[test]
    fn every_guide_word_is_in_every_language() {
        // Every way back is asked for, each with its arguments.
        fn fill_all(m: &mut Messages) -> Vec<Texts> {
            let page = |address: Option<&str>| {
                SheetReturn::Page(UploadPage {
                    address: address.map(str::to_string),
                    section: "s".into(),
                    field: "f".into(),
                    button: "b".into(),
                })
            };
            [
                SheetReturn::Command,
                page(None),
                page(Some("https://isomm.example.org/a")),
            ]
            .iter()
            .map(|back| texts_from(m, &Args::new(Catalog::builtin(), Lang::Ja, back)))
            .collect()
        }
        assert_eq!(
            isomm_core::messages::problems(source, fill_all),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_input_message_fits_excels_limit_and_names_this_sheet() {
        for lang in Lang::ALL {
            let t = texts(Catalog::builtin(), lang, &SheetReturn::Command);
            assert!(t.prompt.encode_utf16().count() <= 255, "{}", t.prompt);
            assert!(t.prompt.contains(&t.sheet), "{}", t.prompt);
            assert!(t.see_guide.contains(&t.sheet), "{}", t.see_guide);
            assert!(t.sheet.chars().count() <= 31, "{}", t.sheet);
            assert!(
                t.steps.last().is_some_and(|s| s.contains("isomm report")),
                "{:?}",
                t.steps
            );
        }
        let page = SheetReturn::Page(UploadPage {
            address: Some("https://isomm.example.org/assessments/1/respondents/2".into()),
            section: "オフライン".into(),
            field: "ファイル".into(),
            button: "アップロード".into(),
        });
        let t = texts(Catalog::builtin(), Lang::Ja, &page);
        let back = t.steps.last().unwrap();
        for expected in [
            "https://isomm.example.org/assessments/1/respondents/2",
            "「オフライン」",
            "「ファイル」",
            "「アップロード」",
        ] {
            assert!(back.contains(expected), "{expected} in {back}");
        }
        assert!(!back.contains("isomm report"), "{back}");
    }
}
