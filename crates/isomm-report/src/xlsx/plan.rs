//! The plan's tracked items as a workbook to edit in Excel (`plan.xlsx`): one row per item in the
//! columns of `isomm-plan/1`, under a row of column names in the reader's language and a row of
//! the format's own names (which an upload reads); status a drop-down of the five statuses, the
//! due date a date. Only owner, due date, status, reason and note are unlocked: the rest is
//! isomm's.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError,
};

use super::{font, words};
use crate::items::{PLAN_COLUMNS, row};
use isomm_core::Lang;
use isomm_core::compare::RoundRole;
use isomm_core::items::{Item, ItemStatus};

/// Whether a person may change column `c` (an index into [`PLAN_COLUMNS`]).
fn editable(c: usize) -> bool {
    isomm_core::items::EDITABLE_COLUMNS.contains(&PLAN_COLUMNS[c])
}
/// The first row of items (after the names in words and the format's names).
pub const FIRST_ROW: u32 = 2;

/// Writes the items' workbook.
pub fn write_plan_xlsx<W: std::io::Write>(
    out: &mut W,
    items: &[Item],
    now: &[RoundRole],
    later: Option<&[RoundRole]>,
    lang: Lang,
) -> std::io::Result<()> {
    let w = words(lang);
    let bytes = workbook(items, now, later, lang)
        .and_then(|mut b| b.save_to_buffer())
        .map_err(std::io::Error::other)?;
    let bytes = font::with_theme(&bytes, font::font(w.font)).map_err(std::io::Error::other)?;
    out.write_all(&bytes)
}

fn workbook(
    items: &[Item],
    now: &[RoundRole],
    later: Option<&[RoundRole]>,
    lang: Lang,
) -> Result<Workbook, XlsxError> {
    let w = words(lang);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(w.plan)
            .set_author("isomm")
            .set_comment("isomm-plan/1"),
    );
    let header = Format::new().set_bold().set_border(FormatBorder::Thin);
    let key = Format::new().set_font_color(rust_xlsxwriter::Color::RGB(0x8A939C));
    let input = Format::new()
        .set_unlocked()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xFFF8E1))
        .set_border(FormatBorder::Thin);
    let input_date = input.clone().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(w.plan)?;
    for (c, name) in PLAN_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, w.plan_columns[c], &header)?;
        sheet.write_string_with_format(1, c as u16, *name, &key)?;
    }
    let last = FIRST_ROW + items.len().max(1) as u32 - 1;
    for (i, item) in items.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        let cells = row(item, now, later);
        for (c, text) in cells.iter().enumerate() {
            let c16 = c as u16;
            match c {
                // The status in words, from the drop-down.
                8 => {
                    sheet.write_string_with_format(
                        r,
                        c16,
                        item.fields.status.name(lang),
                        &input,
                    )?;
                }
                7 => match ExcelDateTime::parse_from_str(text) {
                    Ok(date) if !text.is_empty() => {
                        sheet.write_datetime_with_format(r, c16, &date, &input_date)?;
                    }
                    _ => {
                        sheet.write_blank(r, c16, &input_date)?;
                    }
                },
                c if editable(c) => {
                    if text.is_empty() {
                        sheet.write_blank(r, c16, &input)?;
                    } else {
                        sheet.write_string_with_format(r, c16, text, &input)?;
                    }
                }
                1 | 10 | 11 | 12 if !text.is_empty() => {
                    match text.parse::<f64>() {
                        Ok(n) => sheet.write_number(r, c16, n)?,
                        Err(_) => sheet.write_string(r, c16, text)?,
                    };
                }
                _ => {
                    sheet.write_string(r, c16, text)?;
                }
            }
        }
    }
    let statuses: Vec<&str> = ItemStatus::ALL.iter().map(|s| s.name(lang)).collect();
    let list = DataValidation::new().allow_list_strings(&statuses)?;
    sheet.add_data_validation(FIRST_ROW, 8, last, 8, &list)?;
    for (c, width) in [
        (0u16, 20.0),
        (5, 40.0),
        (6, 14.0),
        (7, 12.0),
        (8, 12.0),
        (9, 24.0),
        (14, 30.0),
        (15, 30.0),
        (16, 24.0),
    ] {
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(FIRST_ROW, 1)?;
    sheet.protect();
    Ok(book)
}
