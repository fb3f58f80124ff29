//! The workbook of a comparison of two rounds: the summary with both rounds on one native radar,
//! every role's change (filterable by status), the earlier plan's follow-up and the perception
//! spreads. Laid out from [`ComparisonView`], every number a number.

use rust_xlsxwriter::{ChartMarkerType, DocProperties, Format, Workbook, XlsxError};

use super::{Formats, Print, RadarLine, Sheet, radar_chart, words};
use crate::chart;
use crate::comparison::ComparisonView;
use crate::comparison::view::ChangeRow;
use isomm_core::Lang;
use isomm_core::compare::Change;
use isomm_core::rounding::tenths;

/// A change as the workbook shows it: a sign, one decimal.
const SIGNED: &str = "+0.0;-0.0;0.0";

/// Writes the comparison's workbook.
pub fn write_comparison_xlsx<W: std::io::Write>(
    out: &mut W,
    v: &ComparisonView,
    lang: Lang,
) -> std::io::Result<()> {
    let font = super::font::font(words(lang).font);
    let bytes = workbook(v, lang)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(std::io::Error::other)?;
    let bytes = super::font::with_theme(&bytes, font).map_err(std::io::Error::other)?;
    out.write_all(&bytes)
}

/// Earlier, later and change of one value in three cells from `col`. The change is written as
/// shown (C2: the unrounded difference rounded to one decimal), so its sign is the sign people read
/// beside its status: an unrounded −0.03 would show "-0.0" beside "steady".
fn change_cells(
    s: &mut Sheet,
    row: u32,
    col: u16,
    c: &Change,
    f: &Formats,
    signed: &Format,
) -> Result<(), XlsxError> {
    s.number(row, col, c.earlier, &f.number)?;
    s.number(row, col + 1, c.later, &f.number)?;
    let shown = c.delta.map(|d| tenths(d) as f64 / 10.0);
    s.number(row, col + 2, shown, signed)
}

fn status_text(r: &ChangeRow) -> String {
    format!("{} {}", r.mark, r.status_word)
}

/// A function or role as the tables name it: "A. name", "A-1 name".
fn label(r: &ChangeRow, function: bool) -> String {
    if function {
        format!("{}. {}", r.id, r.name)
    } else {
        format!("{} {}", r.id, r.name)
    }
}

fn workbook(v: &ComparisonView, lang: Lang) -> Result<Workbook, XlsxError> {
    let u = v.ui;
    let font = super::font::font(words(lang).font);
    let f = Formats::new(v.roles.len(), font);
    let mut workbook = Workbook::new();
    workbook.set_default_format(&f.base, font.row_pixels, font.column_pixels)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {}", u.heading, v.rounds))
            .set_subject(v.organization.as_str())
            .set_author("isomm")
            .set_comment(u.generated_by),
    );
    sheets(&mut workbook, v, &f)?;
    perception_sheet(&mut workbook, v, &f)?;
    Ok(workbook)
}

/// The comparison's summary, roles and follow-up sheets: the whole of a comparison's workbook but
/// the perception spreads, and a report's "since the last round" (`isomm report --previous`).
pub(super) fn sheets(
    workbook: &mut Workbook,
    v: &ComparisonView,
    f: &Formats,
) -> Result<(), XlsxError> {
    let u = v.ui;
    let font = f.font;
    let signed = f.number.clone().set_num_format(SIGNED);

    // The summary: both rounds, the overall and each function, the radar, most improved and
    // declined.
    let mut s = Sheet::new(u.sheet_summary, 40.0, f)?;
    s.text(0, 0, u.heading, Some(&f.title))?;
    s.title_row()?;
    s.long_text(1, 0, &format!("{} · {}", v.organization, v.rounds), &f.base)?;
    let mut row = 3;
    s.header(row, &["", u.earlier, u.later], f)?;
    let pairs: [(&str, &str, &str); 5] = [
        (u.round, &v.earlier.title, &v.later.title),
        (u.date, &v.earlier.date, &v.later.date),
        (
            u.current_pattern,
            &v.earlier.current_pattern,
            &v.later.current_pattern,
        ),
        (
            u.target_pattern,
            &v.earlier.target_pattern,
            &v.later.target_pattern,
        ),
        (u.respondents, "", ""),
    ];
    for (label, e, l) in pairs {
        row += 1;
        s.text(row, 0, label, Some(&f.label))?;
        if label == u.respondents {
            s.count(row, 1, v.earlier.respondent_count)?;
            s.count(row, 2, v.later.respondent_count)?;
        } else {
            s.text(row, 1, e, None)?;
            s.text(row, 2, l, None)?;
        }
    }
    row += 1;
    s.text(row, 0, u.target_level, Some(&f.label))?;
    s.count(row, 1, usize::from(v.earlier.target_level))?;
    s.count(row, 2, usize::from(v.later.target_level))?;
    if !v.people.is_empty() {
        row += 1;
        s.sentence(row, 0, 5, &v.people, &f.note)?;
    }

    row += 2;
    s.text(row, 0, u.functions_heading, Some(&f.heading))?;
    row += 1;
    s.header(
        row,
        &[
            u.function,
            u.earlier,
            u.later,
            u.change,
            u.status,
            u.target_level,
        ],
        f,
    )?;
    let first = row + 1;
    for r in &v.functions {
        row += 1;
        s.text(row, 0, &label(r, true), None)?;
        change_cells(&mut s, row, 1, &r.numbers[0], f, &signed)?;
        s.text(row, 4, &status_text(r), None)?;
        s.count(row, 5, usize::from(v.later.target_level))?;
    }
    let last = row;
    row += 1;
    s.text(row, 0, u.overall, Some(&f.label))?;
    change_cells(&mut s, row, 1, &v.overall.numbers[0], f, &signed)?;
    s.text(row, 4, &status_text(&v.overall), None)?;
    row += 1;
    s.sentence(row, 0, 5, &v.threshold_note, &f.note)?;

    // Both rounds on one radar: the later solid, the earlier dashed, the target ring.
    row += 2;
    let lines = [
        RadarLine::marked(2, u.later, chart::COMBINED, chart::DASHES[0], 2.25)
            .with_marker(ChartMarkerType::Circle),
        RadarLine::marked(1, u.earlier, chart::EARLIER, chart::DASHES[1], 1.75)
            .with_marker(ChartMarkerType::Square),
        RadarLine::target(5, u.target_level),
    ];
    let mut radar = radar_chart(
        u.radar_heading,
        font,
        (u.sheet_summary, first, last, 0),
        &lines,
    );
    radar.set_width(560).set_height(420);
    radar.set_alt_text(u.radar_heading);
    s.ws.insert_chart(row, 0, &radar)?;
    row += 420u32.div_ceil(font.row_pixels) + 1;
    s.sentence(row, 0, 5, u.radar_note, &f.note)?;

    for (title, rows, none) in [
        (u.most_improved, &v.most_improved, u.none_improved),
        (u.most_declined, &v.most_declined, u.none_declined),
    ] {
        row += 2;
        s.text(row, 0, title, Some(&f.heading))?;
        if rows.is_empty() {
            row += 1;
            s.long_text(row, 0, none, &f.base)?;
            continue;
        }
        row += 1;
        s.header(row, &[u.role, u.earlier, u.later, u.change], f)?;
        for r in rows.iter() {
            row += 1;
            s.text(row, 0, &label(r, false), None)?;
            change_cells(&mut s, row, 1, &r.numbers[0], f, &signed)?;
        }
    }
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )?;

    // Every role's change, filterable by status (Excel's own filter): two header rows, the
    // groups (maturity, insource, outsource) over their earlier, later and change.
    let mut s = Sheet::new(u.sheet_roles, 40.0, f)?;
    s.header(0, &[u.role, u.function, u.status], f)?;
    for (col, group) in [(3u16, u.maturity), (6, u.insource), (9, u.outsource)] {
        s.ws.merge_range(0, col, 0, col + 2, group, &f.header)?;
    }
    s.header(1, &["", "", ""], f)?;
    for col in [3u16, 6, 9] {
        s.header_from(1, col, &[u.earlier, u.later, u.change], f)?;
    }
    let mut row = 1;
    for r in &v.roles {
        row += 1;
        s.text(row, 0, &label(r, false), None)?;
        s.text(row, 1, &r.function, None)?;
        s.text(row, 2, &status_text(r), None)?;
        change_cells(&mut s, row, 3, &r.numbers[0], f, &signed)?;
        change_cells(&mut s, row, 6, &r.numbers[1], f, &signed)?;
        change_cells(&mut s, row, 9, &r.numbers[2], f, &signed)?;
    }
    s.ws.autofilter(1, 0, row, 11)?;
    s.ws.set_freeze_panes(2, 1)?;
    row += 2;
    s.sentence(row, 0, 11, &v.threshold_note, &f.note)?;
    s.finish(
        workbook,
        Print {
            landscape: true,
            repeat: 1,
        },
    )?;

    // The earlier plan's follow-up: its lines, then its other points.
    let mut s = Sheet::new(u.sheet_follow_up, 40.0, f)?;
    s.header(
        0,
        &[
            u.role,
            u.side,
            u.earlier_level,
            u.later_level,
            u.target_level,
            u.reached,
            u.in_plan,
            u.tracked_item,
        ],
        f,
    )?;
    let mut row = 0;
    for r in v.follow_up.iter().chain(&v.follow_up_other) {
        row += 1;
        s.text(row, 0, &format!("{} {}", r.id, r.name), None)?;
        s.text(row, 1, &r.side, None)?;
        s.number(row, 2, Some(r.numbers.0), &f.number)?;
        match r.numbers.1 {
            Some(level) => s.number(row, 3, Some(level), &f.number)?,
            None => s.text(row, 3, &r.later_level, None)?,
        }
        s.count(row, 4, usize::from(r.target_level))?;
        s.text(row, 5, r.reached_word, None)?;
        s.text(row, 6, r.in_plan_word, None)?;
        s.text(row, 7, &r.item, None)?;
    }
    if row > 0 {
        s.ws.autofilter(0, 0, row, 7)?;
    }
    row += 2;
    let summary = if v.follow_up_summary.is_empty() {
        u.follow_up_none
    } else {
        &v.follow_up_summary
    };
    s.sentence(row, 0, 6, summary, &f.wrap)?;
    s.sentence(row + 1, 0, 6, u.follow_up_note, &f.note)?;
    s.ws.set_freeze_panes(1, 0)?;
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )?;

    Ok(())
}

/// Perception spreads, then and now.
fn perception_sheet(
    workbook: &mut Workbook,
    v: &ComparisonView,
    f: &Formats,
) -> Result<(), XlsxError> {
    let u = v.ui;
    let mut s = Sheet::new(u.sheet_perception, 40.0, f)?;
    s.header(0, &[u.role, u.spread_earlier, u.spread_later], f)?;
    let mut row = 0;
    for p in &v.perception {
        row += 1;
        s.text(row, 0, &format!("{} {}", p.id, p.name), None)?;
        for (col, spread) in [(1, p.numbers.0), (2, p.numbers.1)] {
            match spread {
                Some(n) => s.count(row, col, usize::from(n))?,
                None => s.text(row, col, u.none_dash, None)?,
            }
        }
    }
    row += 2;
    let note = if v.perception.is_empty() {
        u.perception_none
    } else {
        u.perception_note
    };
    s.sentence(row, 0, 2, note, &f.note)?;
    if !v.spreads_missing.is_empty() {
        s.sentence(row + 1, 0, 2, &v.spreads_missing, &f.wrap)?;
    }
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )
}
