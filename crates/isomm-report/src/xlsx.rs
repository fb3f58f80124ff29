//! XLSX report: a workbook with native Excel charts, written with rust_xlsxwriter.
//!
//! Four sheets in the report's language: the summary (header, function table, strengths and
//! weaknesses, a radar chart), the roles (one row per role, a bar chart), an action plan to fill in
//! (owner, due date, status drop-down) and every answer. Numbers are the evaluation's own `f64`s,
//! unrounded, shown with one decimal; an absent value is an empty cell. The charts refer to the
//! table cells, so they follow the user's edits.

use std::io;

use isomm_core::answers::Side;
use isomm_core::rules::{Evaluation, respondent_level};
use isomm_core::{Assessment, Catalog, Lang};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartEmptyCells, ChartFormat, ChartLegendPosition, ChartLine,
    ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Color, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::chart;
use crate::ui::{Ui, ui};
use crate::view::{ReportOptions, ReportView};

/// Words only the workbook uses; the report's other words come from [`Ui`].
struct Words {
    summary: &'static str,
    roles: &'static str,
    plan: &'static str,
    answers: &'static str,
    id: &'static str,
    name: &'static str,
    unanswered: &'static str,
    expected_current: &'static str,
    expected_target: &'static str,
    transition: &'static str,
    yes: &'static str,
    no: &'static str,
    owner: &'static str,
    due: &'static str,
    status: &'static str,
    statuses: [&'static str; 3],
    respondent: &'static str,
    respondent_level: &'static str,
    note: &'static str,
    list_separator: &'static str,
}

/// The message file of the workbook's own words in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Xlsx)
}

/// [`Words`] from the messages of one language.
fn fill(m: &mut isomm_core::messages::Messages) -> Words {
    Words {
        summary: m.get("summary"),
        roles: m.get("roles"),
        plan: m.get("plan"),
        answers: m.get("answers"),
        id: m.get("id"),
        name: m.get("name"),
        unanswered: m.get("unanswered"),
        expected_current: m.get("expected-current"),
        expected_target: m.get("expected-target"),
        transition: m.get("transition"),
        yes: m.get("yes"),
        no: m.get("no"),
        owner: m.get("owner"),
        due: m.get("due"),
        status: m.get("status"),
        statuses: [
            m.get("statuses-1"),
            m.get("statuses-2"),
            m.get("statuses-3"),
        ],
        respondent: m.get("respondent"),
        respondent_level: m.get("respondent-level"),
        note: m.get("note"),
        list_separator: m.get("list-separator"),
    }
}

fn words(lang: Lang) -> &'static Words {
    static WORDS: isomm_core::messages::PerLang<Words> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// Empty rows with the plan's formats and drop-down below the improvement points, for additions.
const PLAN_SPARE_ROWS: u32 = 20;
/// Widest column, in Excel's character units; longer texts wrap or overflow.
const MAX_WIDTH: f64 = 60.0;
/// Width of the columns of sentences (reasons, notes), which wrap.
const TEXT_WIDTH: f64 = 72.0;
/// Height of a line of wrapped text, in points.
const LINE_HEIGHT: f64 = 15.0;
const NUMBER: &str = "0.0";
const DATE: &str = "yyyy-mm-dd";

/// Writes the XLSX report of an evaluated assessment into `out`.
pub fn write_xlsx<W: io::Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &Assessment,
    evaluation: &Evaluation,
    options: ReportOptions,
) -> io::Result<()> {
    let bytes = workbook(catalog, assessment, evaluation, options)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The cell formats of the workbook.
struct Formats {
    title: Format,
    header: Format,
    label: Format,
    heading: Format,
    number: Format,
    integer: Format,
    /// A number in the summary's header, aligned with the texts above it.
    value: Format,
    value_text: Format,
    date: Format,
    wrap: Format,
    answered: Format,
    input: Format,
    input_date: Format,
}

impl Formats {
    fn new(role_count: usize) -> Formats {
        let input = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(0xBFBFBF);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_background_color(0xD9E1F2)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            label: Format::new().set_bold(),
            heading: Format::new().set_bold().set_font_size(12),
            number: Format::new()
                .set_num_format(NUMBER)
                .set_align(FormatAlign::Top),
            integer: Format::new().set_align(FormatAlign::Top),
            value_text: Format::new().set_align(FormatAlign::Left),
            value: Format::new()
                .set_num_format(NUMBER)
                .set_align(FormatAlign::Left),
            date: Format::new()
                .set_num_format(DATE)
                .set_align(FormatAlign::Left),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // The count stays a number; the total is only shown: `54/54`.
            answered: Format::new().set_num_format(format!("0\"/{role_count}\"")),
            input_date: input.clone().set_num_format(DATE),
            input,
        }
    }
}

/// A worksheet being written, remembering the widest text per column for the column widths.
struct Sheet {
    ws: Worksheet,
    widths: Vec<f64>,
    /// The format of plain cells: aligned to the top, like wrapped texts in the same row.
    cell: Format,
}

/// Display width of a text in Excel's character units: East Asian characters count two.
fn text_width(s: &str) -> f64 {
    s.lines()
        .map(|line| {
            line.chars()
                .map(|c| if c.len_utf8() >= 3 { 2.0 } else { 1.0 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Width of a text when wrapped: East Asian characters are drawn a little narrower than two
/// digits, and an estimate too wide would leave an empty line.
fn wrapped_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.len_utf8() >= 3 { 1.8 } else { 1.0 })
        .sum()
}

impl Sheet {
    fn new(name: &str) -> Result<Sheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            cell: Format::new().set_align(FormatAlign::Top),
        })
    }

    fn fit(&mut self, col: u16, width: f64) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0.0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    fn text(
        &mut self,
        row: u32,
        col: u16,
        s: &str,
        format: Option<&Format>,
    ) -> Result<(), XlsxError> {
        self.fit(col, text_width(s));
        let format = format.unwrap_or(&self.cell);
        self.ws.write_string_with_format(row, col, s, format)?;
        Ok(())
    }

    /// A text that may be long: it does not widen its column.
    fn long_text(&mut self, row: u32, col: u16, s: &str, format: &Format) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(row, col, s, format)?;
        Ok(())
    }

    /// A text wrapped in a column of `width`: the row is made tall enough for its lines, since
    /// spreadsheet programs do not all fit row heights when they open a file.
    fn wrapped(
        &mut self,
        row: u32,
        col: u16,
        s: &str,
        width: f64,
        f: &Formats,
    ) -> Result<(), XlsxError> {
        self.fit(col, width);
        self.ws.write_string_with_format(row, col, s, &f.wrap)?;
        let lines = s
            .lines()
            .map(|line| (wrapped_width(line) / (width - 1.0)).ceil().max(1.0))
            .sum::<f64>();
        if lines > 1.0 {
            self.ws.set_row_height(row, LINE_HEIGHT * lines + 2.0)?;
        }
        Ok(())
    }

    fn header(&mut self, row: u32, heads: &[&str], f: &Formats) -> Result<(), XlsxError> {
        for (col, h) in (0u16..).zip(heads) {
            self.text(row, col, h, Some(&f.header))?;
        }
        Ok(())
    }

    /// A number, or an empty cell when there is none.
    fn number(
        &mut self,
        row: u32,
        col: u16,
        value: Option<f64>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.fit(col, 5.0);
        if let Some(v) = value {
            self.ws.write_number_with_format(row, col, v, format)?;
        }
        Ok(())
    }

    fn count(&mut self, row: u32, col: u16, value: usize) -> Result<(), XlsxError> {
        self.fit(col, 5.0);
        self.ws
            .write_number_with_format(row, col, value as f64, &self.cell)?;
        Ok(())
    }

    /// Sets every column's width from its widest text, and gives the sheet to the workbook.
    fn finish(mut self, workbook: &mut Workbook, max: f64) -> Result<(), XlsxError> {
        for (col, w) in (0u16..).zip(&self.widths) {
            if *w > 0.0 {
                self.ws.set_column_width(col, (w + 2.0).clamp(6.0, max))?;
            }
        }
        // Printed on A4 landscape, one page wide.
        self.ws
            .set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        workbook.push_worksheet(self.ws);
        Ok(())
    }
}

fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
}

fn workbook(
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    options: ReportOptions,
) -> Result<Workbook, XlsxError> {
    let lang = options.lang;
    let v = ReportView::from_evaluation(catalog, assessment, e, options);
    let u = ui(lang);
    let w = words(lang);
    let f = Formats::new(catalog.roles().len());
    let mut workbook = Workbook::new();

    let mut properties = DocProperties::new()
        .set_title(format!("{} — {}", u.report_title, assessment.title))
        .set_subject(assessment.organization.as_str())
        .set_author("isomm")
        .set_comment(u.generated_by);
    // The assessment's date as the creation date keeps the bytes the same for the same input.
    if let Some(date) = assessment
        .date
        .as_deref()
        .and_then(|d| ExcelDateTime::parse_from_str(d).ok())
    {
        properties = properties.set_creation_datetime(&date);
    }
    workbook.set_properties(&properties);

    summary_sheet(&mut workbook, &v, e, u, w, &f)?;
    roles_sheet(&mut workbook, catalog, e, lang, u, w, &f)?;
    plan_sheet(&mut workbook, &v, e, u, w, &f)?;
    answers_sheet(&mut workbook, catalog, assessment, lang, u, w, &f)?;
    Ok(workbook)
}

fn summary_sheet(
    workbook: &mut Workbook,
    v: &ReportView,
    e: &Evaluation,
    u: &Ui,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(w.summary)?;
    s.long_text(0, 0, u.report_title, &f.title)?;
    s.ws.set_row_height(0, 22)?;

    let areas = |list: &[String]| {
        if list.is_empty() {
            u.none.to_string()
        } else {
            list.join(w.list_separator)
        }
    };
    let mut row = 2;
    let mut field = |s: &mut Sheet, label: &str, value: &str| -> Result<u32, XlsxError> {
        s.text(row, 0, label, Some(&f.label))?;
        s.long_text(row, 1, value, &f.value_text)?;
        row += 1;
        Ok(row - 1)
    };
    field(&mut s, u.organization, &v.organization)?;
    field(&mut s, u.title, &v.title)?;
    let date_row = field(&mut s, u.date, "")?;
    match v.date.as_deref().map(ExcelDateTime::parse_from_str) {
        Some(Ok(d)) => {
            s.ws.write_datetime_with_format(date_row, 1, &d, &f.date)?;
        }
        Some(Err(_)) => s.long_text(date_row, 1, v.date.as_deref().unwrap_or(""), &f.date)?,
        None => {
            s.ws.write_blank(date_row, 1, &f.date)?;
        }
    }
    field(&mut s, u.model, &v.model)?;
    field(&mut s, u.current_pattern, &v.current.name)?;
    field(&mut s, u.in_house_areas, &areas(&v.current.in_house))?;
    field(&mut s, u.target_pattern, &v.target.name)?;
    field(&mut s, u.in_house_areas, &areas(&v.target.in_house))?;
    let level_row = field(&mut s, u.target_level, "")?;
    s.ws.write_number_with_format(
        level_row,
        1,
        f64::from(v.target_level),
        &Format::new().set_align(FormatAlign::Left),
    )?;
    let overall_row = field(&mut s, u.overall, "")?;
    s.number(overall_row, 1, e.overall, &f.value)?;
    s.long_text(overall_row, 2, u.overall_note, &Format::new().set_italic())?;

    // Respondents.
    row += 1;
    s.header(row, &[u.respondents, u.position, u.answered], f)?;
    row += 1;
    for r in &v.respondents {
        s.text(row, 0, &r.name, None)?;
        s.text(row, 1, &r.position, None)?;
        s.ws.write_number_with_format(row, 2, r.answered as f64, &f.answered)?;
        row += 1;
    }

    // The function table, the radar's data.
    row += 1;
    s.long_text(row, 0, u.table_heading, &f.heading)?;
    row += 1;
    let table_head = row;
    s.header(
        row,
        &[
            w.id,
            u.function,
            u.maturity,
            u.insource,
            u.outsource,
            u.roles_counted,
            u.roles_not_applicable,
        ],
        f,
    )?;
    for (fr, r) in v.functions.iter().zip(&e.functions) {
        row += 1;
        s.text(row, 0, &fr.id, None)?;
        s.text(row, 1, &fr.name, None)?;
        s.number(row, 2, r.maturity, &f.number)?;
        s.number(row, 3, r.insource, &f.number)?;
        s.number(row, 4, r.outsource, &f.number)?;
        s.count(row, 5, r.roles_counted)?;
        s.count(row, 6, r.roles_not_applicable)?;
    }
    let (first, last) = (table_head + 1, row);
    row += 1;
    s.long_text(row, 0, u.radar_note, &Format::new().set_italic())?;

    // Strengths and weaknesses.
    for (heading, list) in [(u.strengths, &e.strengths), (u.weaknesses, &e.weaknesses)] {
        row += 2;
        s.long_text(row, 0, heading, &f.heading)?;
        row += 1;
        s.header(row, &[w.id, u.function, u.maturity], f)?;
        for i in list {
            row += 1;
            s.text(row, 0, &v.functions[*i].id, None)?;
            s.text(row, 1, &v.functions[*i].name, None)?;
            s.number(row, 2, e.functions[*i].maturity, &f.number)?;
        }
        if list.is_empty() {
            row += 1;
            s.text(row, 0, u.none_dash, None)?;
        }
    }

    // The radar: three series over the function table's cells.
    let mut radar = Chart::new(ChartType::RadarWithMarkers);
    radar.title().set_name(u.radar_heading);
    for (col, name, colour, marker) in [
        (
            2,
            u.series_combined,
            chart::COMBINED,
            ChartMarkerType::Circle,
        ),
        (
            3,
            u.series_insource,
            chart::INSOURCE,
            ChartMarkerType::Square,
        ),
        (
            4,
            u.series_outsource,
            chart::OUTSOURCE,
            ChartMarkerType::Diamond,
        ),
    ] {
        radar
            .add_series()
            .set_name(name)
            .set_categories((w.summary, first, 1, last, 1))
            .set_values((w.summary, first, col, last, col))
            .set_format(
                ChartFormat::new().set_line(ChartLine::new().set_color(rgb(colour)).set_width(2.0)),
            )
            .set_marker(ChartMarker::new().set_type(marker).set_size(6).set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(rgb(colour))),
            ));
    }
    radar.y_axis().set_min(0).set_max(5).set_major_unit(1);
    radar.legend().set_position(ChartLegendPosition::Bottom);
    radar.show_empty_cells_as(ChartEmptyCells::Zero);
    radar.set_width(720).set_height(540);
    radar.set_alt_text(u.radar_heading);
    s.ws.insert_chart(2, 8, &radar)?;
    s.finish(workbook, MAX_WIDTH)
}

fn roles_sheet(
    workbook: &mut Workbook,
    catalog: &Catalog,
    e: &Evaluation,
    lang: Lang,
    u: &Ui,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(w.roles)?;
    let heads = [
        w.id,
        w.name,
        u.function,
        u.area,
        u.level,
        u.insource,
        u.outsource,
        w.unanswered,
        w.expected_current,
        w.expected_target,
    ];
    s.header(0, &heads, f)?;
    let mut row = 0;
    for (role, r) in catalog.roles().iter().zip(&e.roles) {
        row += 1;
        s.text(row, 0, &role.id, None)?;
        s.text(row, 1, role.name.get(lang), None)?;
        s.text(row, 2, &catalog.functions()[role.function].id, None)?;
        s.text(row, 3, r.area.as_str(), None)?;
        s.number(row, 4, r.level, &f.number)?;
        s.number(row, 5, r.insource, &f.number)?;
        s.number(row, 6, r.outsource, &f.number)?;
        s.count(row, 7, r.unanswered)?;
        s.text(row, 8, r.expected_current.name(lang), None)?;
        s.text(row, 9, r.expected_target.name(lang), None)?;
    }
    let last_col = (heads.len() - 1) as u16;
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.set_repeat_rows(0, 0)?;
    s.ws.autofilter(0, 0, row.max(1), last_col)?;

    // Horizontal bars of the level per role, first role on top, beside the table.
    let mut bars = Chart::new(ChartType::Bar);
    bars.title().set_name(u.roles_heading);
    bars.add_series()
        .set_name(u.level)
        .set_categories((w.roles, 1, 0, row.max(1), 0))
        .set_values((w.roles, 1, 4, row.max(1), 4))
        .set_format(
            ChartFormat::new()
                .set_solid_fill(ChartSolidFill::new().set_color(rgb(chart::COMBINED))),
        )
        .set_gap(40);
    bars.x_axis().set_min(0).set_max(5).set_major_unit(1);
    bars.y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_label_interval(1);
    bars.legend().set_hidden();
    bars.set_width(560).set_height(18 * row.max(1) + 110);
    bars.set_alt_text(u.roles_heading);
    s.ws.insert_chart(1, last_col + 2, &bars)?;
    s.finish(workbook, MAX_WIDTH)
}

fn plan_sheet(
    workbook: &mut Workbook,
    v: &ReportView,
    e: &Evaluation,
    u: &Ui,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(w.plan)?;
    let heads = [
        u.rank,
        u.plan_all_points,
        w.id,
        w.name,
        u.side,
        u.now,
        u.gap,
        u.priority,
        w.transition,
        u.reason,
        w.owner,
        w.due,
        w.status,
    ];
    s.header(0, &heads, f)?;
    let mut row = 0;
    let lines = v.plan.groups.iter().flat_map(|g| &g.lines);
    for l in lines.chain(&v.plan.folded) {
        let p = &e.improvements[l.point];
        row += 1;
        s.count(row, 0, l.rank)?;
        s.text(row, 1, &l.action_name, None)?;
        s.text(row, 2, &l.id, None)?;
        s.text(row, 3, &l.name, None)?;
        s.text(row, 4, &l.side, None)?;
        s.number(row, 5, Some(p.level), &f.number)?;
        s.number(row, 6, Some(p.gap), &f.number)?;
        s.number(row, 7, Some(p.priority), &f.number)?;
        s.text(row, 8, if p.transition { w.yes } else { w.no }, None)?;
        let reason = if l.why.is_empty() {
            l.todo.clone()
        } else {
            format!("{} {}", l.todo, l.why)
        };
        s.wrapped(row, 9, &reason, TEXT_WIDTH, f)?;
    }
    let last = row + PLAN_SPARE_ROWS;
    for row in 1..=last {
        s.ws.write_blank(row, 10, &f.input)?;
        s.ws.write_blank(row, 11, &f.input_date)?;
        s.ws.write_blank(row, 12, &f.input)?;
    }
    s.fit(10, 14.0);
    s.fit(11, 12.0);
    s.fit(12, 12.0);
    let status = DataValidation::new().allow_list_strings(&w.statuses)?;
    s.ws.add_data_validation(1, 12, last, 12, &status)?;
    let last_col = (heads.len() - 1) as u16;
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.set_repeat_rows(0, 0)?;
    s.ws.autofilter(0, 0, last, last_col)?;
    s.finish(workbook, TEXT_WIDTH)
}

fn answers_sheet(
    workbook: &mut Workbook,
    catalog: &Catalog,
    assessment: &Assessment,
    lang: Lang,
    u: &Ui,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(w.answers)?;
    let heads = [
        w.respondent,
        u.position,
        w.id,
        w.name,
        u.insource,
        u.outsource,
        w.respondent_level,
        w.note,
    ];
    s.header(0, &heads, f)?;
    let mut row = 0;
    for p in &assessment.respondents {
        for (role, a) in catalog.roles().iter().zip(&p.answers) {
            row += 1;
            s.text(row, 0, &p.name, None)?;
            s.text(row, 1, p.position.name(lang), None)?;
            s.text(row, 2, &role.id, None)?;
            s.text(row, 3, role.name.get(lang), None)?;
            for (col, side) in [(4, Side::Insource), (5, Side::Outsource)] {
                s.number(
                    row,
                    col,
                    a.side(side).map(|l| f64::from(l.get())),
                    &f.integer,
                )?;
            }
            let level = a.is_answered().then(|| f64::from(respondent_level(a)));
            s.number(row, 6, level, &f.integer)?;
            if let Some(note) = &a.note {
                s.wrapped(row, 7, note, TEXT_WIDTH, f)?;
            }
        }
    }
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.set_repeat_rows(0, 0)?;
    s.ws.autofilter(0, 0, row.max(1), (heads.len() - 1) as u16)?;
    s.finish(workbook, TEXT_WIDTH)
}

#[cfg(test)]
mod words_tests {
    use super::*;

    #[test]
    fn every_workbook_report_word_is_in_every_language() {
        assert_eq!(
            isomm_core::messages::problems(source, fill),
            Vec::<String>::new()
        );
        assert_eq!(words(Lang::En).list_separator, ", ", "edges kept");
    }
}
