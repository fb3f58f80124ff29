//! XLSX report: a workbook with native Excel charts, written with rust_xlsxwriter, at parity with
//! the PDF.
//!
//! Sheets in the report's language, in the PDF's order: the summary an executive reads first (the
//! verdict, the first actions, the change of pattern, strengths and weaknesses, who was counted,
//! the largest perception gap, the seed's advice beside the numbers; then the function table and
//! the radar), the roles (a chart per function: a bar per role coloured by sourcing, its word in the
//! bar's label, and the target), the action plan to fill in (owner, due date, status drop-down), the
//! perception gaps (a column per respondent, or per position when there are many) and the positions
//! compared function by function (when there are several respondents), the mismatches, the strong
//! and weak roles, every answer with its note (a reader of results, `Audience::Results`, gets no
//! answers sheet), and the advice. Numbers are the evaluation's own `f64`s, unrounded, shown with
//! one decimal; an absent value is an empty cell. The charts refer to the table cells, so they
//! follow the user's edits. Every sheet prints on A4, one page wide, with its title or header row
//! repeated.
//!
//! One font in every cell, chart and the theme, named by the language's messages (`font` in
//! `messages/*/xlsx.ftl`): Yu Gothic for Japanese, Calibri for English; [`font`] knows its
//! measures, and whether it has italics (a Japanese font has none: notes are only muted there).
//!
//! Where Excel's charts cannot do what the report's SVG does:
//! - The radar's target ring is a fourth series (a column of the target level, drawn dashed in the
//!   target colour); the SVG also fills the combined outline lightly, which a line radar cannot.
//! - Empty cells are gaps (`dispBlanksAs="gap"`): Excel and LibreOffice break the line there, as
//!   the SVG does.
//! - A bar chart has no vertical line across its categories, and a bar chart combined with a
//!   scatter series (the usual trick) is not drawn by LibreOffice. The target is therefore a second
//!   bar series, overlapping the level's bar, without fill and with a dashed border in the target
//!   colour: each role gets a dashed outline from 0 to the target, whose ends line up at the target.
//! - The bars' colours by sourcing are per point, fixed when the workbook is written (they do not
//!   follow edits), and a chart legend cannot list per-point colours: the colour key (with the
//!   sourcing words) is in cells under the table.
//! - A bar's label is the SVG's: the value, the sourcing word and the thin-evidence mark ("3.3 内
//!   *"), the texts of the table's columns D, L and F. It is written into the chart as text, not as
//!   a reference to cells: LibreOffice draws a label that refers to a cell as the bare value, and
//!   rust_xlsxwriter cannot write Excel's "value from cells"; so the labels do not follow edits.
//! - A role without a level has no bar, no label and no target box: its level and target cells
//!   are empty. The SVG writes "not applicable" there; the table's column L says so.
//! - One role chart per function, as the SVG; a function none of whose roles has a level has none.
//!   They stand under the table from a page of their own, as wide as the table (which sets the
//!   sheet's print scale), their words sized to print at about 8 points at that scale, the role
//!   names given the same share of every chart's width (LibreOffice cuts them otherwise, and the
//!   scales line up), and a page break before a chart that would not fit on its page. The page
//!   breaks assume Excel's row heights; LibreOffice draws rows and the charts anchored on them a
//!   little shorter.
//! - A chart names its font for Latin letters only (`<a:latin>`): its Japanese characters are
//!   drawn in the theme's East Asian font, which is therefore the workbook's font too.
//! - The positions' chart has its functions across, not down: Excel draws markers without lines
//!   only in a line chart, whose categories run along the horizontal axis. Each position keeps its
//!   marker shape and colour, and the target is a dashed line.
//! - Where nothing has been answered yet, the workbook shows no figures and no charts, as the PDF
//!   (R1 would make every role 1.0); the sheets keep their tables for the answers to come.

use std::collections::BTreeMap;
use std::io;

use isomm_core::answers::Side;
use isomm_core::rules::{Evaluation, respondent_level};
use isomm_core::{Assessment, Catalog, Lang};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartDataLabelPosition, ChartEmptyCells, ChartFont,
    ChartFormat, ChartLayout, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartPoint, ChartSolidFill, ChartType, Color, DataValidation, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use self::font::Font;
use crate::chart;
use crate::ui::{Ui, ui};
use crate::view::{ReportOptions, ReportView};

pub mod comparison;
mod font;
pub mod plan;

isomm_core::words! {
    /// Words only the workbook uses; the report's other words come from [`Ui`].
    pub(crate) struct Words {
        summary,
        roles,
        plan,
        gaps,
        positions,
        mismatches,
        strong_weak,
        advice,
        answers,
        id,
        name,
        unanswered,
        expected_current,
        expected_target,
        transition,
        yes,
        no,
        owner,
        due,
        status,
        plan_columns[17],
        respondent,
        respondent_level,
        note,
        thin,
        lowest_who,
        highest_who,
        list_separator,
        /// The font of every cell and chart ([`font`]).
        font,
    }
}

/// The message file of the workbook's own words in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Xlsx)
}

/// [`Words`] from the messages of one language.
fn fill(m: &mut isomm_core::messages::Messages) -> Words {
    Words::read(m)
}

pub(crate) fn words(lang: Lang) -> &'static Words {
    static WORDS: isomm_core::messages::PerLang<Words> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// Empty rows with the plan's formats and drop-down below the improvement points, for additions;
/// few, so that the printed plan has no pages of empty rows.
const PLAN_SPARE_ROWS: u32 = 10;
/// Widest column, in Excel's character units; longer texts wrap or overflow.
const MAX_WIDTH: f64 = 60.0;
/// Width of the columns of sentences (reasons, notes), which wrap.
const TEXT_WIDTH: f64 = 72.0;
/// The widest a column is made for its header; a longer head wraps.
const HEAD_WIDTH: f64 = 12.0;
/// The height of a sheet's title row (14 points) in lines of the font's 11 points.
const TITLE_LINES: f64 = 1.45;
/// Width of the summary's number columns, in character units.
const NUMBER_WIDTH: f64 = 10.0;
const NUMBER: &str = "0.0";
const DATE: &str = "yyyy-mm-dd";
/// The page footer: the sheet's name on the left, "page / pages" on the right.
const FOOTER: &str = "&L&A&R&P / &N";
/// Paper size 9 is A4 in the page setup.
const A4: u8 = 9;
/// The respondents' levels 0–5 as heat, as `.heat.h0`–`.h5` in `templates/report.css`.
const HEAT: [u32; 6] = [0xFDE0DD, 0xFFF3E0, 0xFFF8CC, 0xE8F5E9, 0xC8E6C9, 0xA5D6A7];
/// A perception gap's spread of 3, 4 and 5, as `.spread.s3`–`.s5` in `templates/report.css`.
const SPREAD: [u32; 3] = [0xFFF3E0, 0xFFE0B2, 0xFFCCBC];
/// Muted text (notes), as the SVG's axis labels.
const MUTED: u32 = 0x5B6570;

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
    let bytes =
        font::with_theme(&bytes, font::font(words(options.lang).font)).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// [`write_xlsx`] from a view made by the caller (a report with a "since the last round"
/// section: the comparison's summary, roles and follow-up sheets follow the report's).
pub fn write_xlsx_view<W: io::Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &Assessment,
    evaluation: &Evaluation,
    options: ReportOptions,
    v: ReportView,
) -> io::Result<()> {
    let bytes = workbook_of(catalog, assessment, evaluation, options, v)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(io::Error::other)?;
    let bytes =
        font::with_theme(&bytes, font::font(words(options.lang).font)).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

/// The cell formats of the workbook, every one in its font.
struct Formats {
    font: &'static Font,
    /// The font alone: the workbook's default format, and that of blank cells.
    base: Format,
    title: Format,
    header: Format,
    label: Format,
    heading: Format,
    number: Format,
    integer: Format,
    /// A number in the summary's header, aligned with the texts above it.
    value: Format,
    /// A whole number there: the target level, a rank.
    whole: Format,
    date: Format,
    wrap: Format,
    /// A sentence in bold: the verdict, the first actions.
    strong: Format,
    /// A value's remark beside its number ("0.4 below the target"), set off from it.
    remark: Format,
    /// A note in muted colour (and italics where the font has them): what a table means, the
    /// seed's advice.
    note: Format,
    answered: Format,
    input: Format,
    input_date: Format,
    /// A small number or mark in the middle of its cell.
    centred: Format,
    /// Respondents' levels 0–5, and spreads of 3–5.
    heat: [Format; 6],
    spread: [Format; 3],
    /// The colour key of the role chart: insource only, outsource only, both, unanswered.
    key: [Format; 4],
    /// The target's key: a dashed border in the target colour.
    target_key: Format,
}

impl Formats {
    fn new(role_count: usize, font: &'static Font) -> Formats {
        let base = Format::new()
            .set_font_name(font.name)
            .set_font_charset(font.charset);
        let new = || base.clone();
        let input = new()
            .set_border(FormatBorder::Thin)
            .set_border_color(0xBFBFBF);
        let wrap = new().set_text_wrap().set_align(FormatAlign::Top);
        let integer = new().set_align(FormatAlign::Top);
        let muted = wrap.clone().set_font_color(MUTED);
        let filled = |base: &Format, colour: u32| base.clone().set_background_color(colour);
        Formats {
            font,
            title: new().set_bold().set_font_size(14),
            header: new()
                .set_bold()
                .set_background_color(0xD9E1F2)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            label: new().set_bold().set_align(FormatAlign::Top),
            heading: new().set_bold().set_font_size(12),
            number: new().set_num_format(NUMBER).set_align(FormatAlign::Top),
            value: new()
                .set_num_format(NUMBER)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            whole: new()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            date: new().set_num_format(DATE).set_align(FormatAlign::Left),
            strong: wrap.clone().set_bold(),
            remark: wrap.clone().set_align(FormatAlign::Left).set_indent(1),
            note: if font.italic {
                muted.set_italic()
            } else {
                muted
            },
            // The count stays a number; the total is only shown: `54/54`.
            answered: new().set_num_format(format!("0\"/{role_count}\"")),
            input_date: input.clone().set_num_format(DATE),
            input,
            centred: integer.clone().set_align(FormatAlign::Center),
            heat: HEAT.map(|c| filled(&integer, c).set_align(FormatAlign::Center)),
            spread: SPREAD.map(|c| {
                filled(&integer, c)
                    .set_bold()
                    .set_align(FormatAlign::Center)
            }),
            key: [
                chart::INSOURCE,
                chart::OUTSOURCE,
                chart::BOTH,
                chart::UNANSWERED,
            ]
            .map(|c| new().set_background_color(rgb(c))),
            target_key: new()
                .set_border(FormatBorder::Dashed)
                .set_border_color(rgb(chart::TARGET)),
            integer,
            wrap,
            base,
        }
    }
}

/// How a sheet prints.
#[derive(Clone, Copy)]
struct Print {
    landscape: bool,
    /// The row repeated at the top of every page: the header row, or the sheet's title.
    repeat: u32,
}

/// A worksheet being written, remembering the widest text per column for the column widths.
struct Sheet {
    ws: Worksheet,
    widths: Vec<f64>,
    /// The widths are set before writing (the summary's layout), not taken from the texts.
    fixed: bool,
    /// The widest a column may be made from its texts.
    max: f64,
    /// Header cells, whose rows are made tall enough for them once the widths are known.
    heads: Vec<(u32, u16, String)>,
    /// Rows made taller for wrapped text, in points.
    heights: BTreeMap<u32, f64>,
    /// The format of plain cells: aligned to the top, like wrapped texts in the same row.
    cell: Format,
    /// The workbook's font, whose measures lay the sheet out.
    font: &'static Font,
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

/// The lines a text takes when wrapped in a column of `width`.
fn lines(s: &str, width: f64) -> f64 {
    s.lines()
        .map(|line| {
            (wrapped_width(line) / (width - 1.0).max(1.0))
                .ceil()
                .max(1.0)
        })
        .sum::<f64>()
        .max(1.0)
}

impl Font {
    /// A column's width in pixels, as Excel draws a width in character units.
    fn pixels(&self, width: f64) -> u32 {
        (width * self.digit + 5.0).round() as u32
    }

    /// The font on a chart, `size` points (or the chart's default size).
    fn chart(&self, size: Option<f64>) -> ChartFont {
        let mut font = ChartFont::new();
        font.set_name(self.name);
        if let Some(size) = size {
            font.set_size(size);
        }
        font
    }
}

impl Sheet {
    /// A sheet whose columns are as wide as their texts, up to `max`, its default format the
    /// workbook's.
    fn new(name: &'static str, max: f64, f: &Formats) -> Result<Sheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        ws.set_default_format(&f.base, f.font.row_pixels, f.font.column_pixels)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            fixed: false,
            max,
            heads: Vec::new(),
            heights: BTreeMap::new(),
            cell: f.base.clone().set_align(FormatAlign::Top),
            font: f.font,
        })
    }

    /// A sheet whose column widths are `widths`, whatever is written in them.
    fn with_widths(name: &'static str, widths: &[f64], f: &Formats) -> Result<Sheet, XlsxError> {
        let mut s = Sheet::new(name, MAX_WIDTH, f)?;
        s.widths = widths.to_vec();
        s.fixed = true;
        Ok(s)
    }

    fn fit(&mut self, col: u16, width: f64) {
        if self.fixed {
            return;
        }
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0.0);
        }
        self.widths[col] = self.widths[col].max(width);
    }

    /// The width of the columns `first..=last` as they will be set.
    fn width(&self, first: u16, last: u16) -> f64 {
        (first..=last)
            .map(|c| {
                let w = self.widths.get(usize::from(c)).copied().unwrap_or(0.0);
                if self.fixed {
                    w
                } else {
                    (w + 2.0).clamp(6.0, self.max)
                }
            })
            .sum()
    }

    /// Makes the first row tall enough for the sheet's title.
    fn title_row(&mut self) -> Result<(), XlsxError> {
        self.grow(0, (self.font.line * TITLE_LINES).round())
    }

    /// Makes `row` at least `height` points tall.
    fn grow(&mut self, row: u32, height: f64) -> Result<(), XlsxError> {
        let now = self.heights.get(&row).copied().unwrap_or(self.font.line);
        if height > now {
            self.heights.insert(row, height);
            self.ws.set_row_height(row, height)?;
        }
        Ok(())
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
        self.grow(row, self.font.line * lines(s, width) + 2.0)
    }

    /// A sentence over the columns `first..=last` of a sheet with fixed widths, wrapped, the row
    /// made tall enough for it.
    fn sentence(
        &mut self,
        row: u32,
        first: u16,
        last: u16,
        s: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if last > first {
            self.ws.merge_range(row, first, row, last, s, format)?;
        } else {
            self.ws.write_string_with_format(row, first, s, format)?;
        }
        let n = lines(s, self.width(first, last));
        if n > 1.0 {
            self.grow(row, self.font.line * n + 2.0)?;
        }
        Ok(())
    }

    /// A header row from column `first`. A head widens its column only up to [`HEAD_WIDTH`]; a
    /// longer one wraps, and the row grows to fit it once the widths are known.
    fn header_from(
        &mut self,
        row: u32,
        first: u16,
        heads: &[&str],
        f: &Formats,
    ) -> Result<(), XlsxError> {
        for (col, h) in (first..).zip(heads) {
            self.fit(col, text_width(h).min(HEAD_WIDTH));
            self.ws.write_string_with_format(row, col, *h, &f.header)?;
            self.heads.push((row, col, h.to_string()));
        }
        Ok(())
    }

    fn header(&mut self, row: u32, heads: &[&str], f: &Formats) -> Result<(), XlsxError> {
        self.header_from(row, 0, heads, f)
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

    /// The pixels from the left of the sheet to the right of column `last`.
    fn pixels_to(&self, last: u16) -> u32 {
        (0..=last).map(|c| self.font.pixels(self.width(c, c))).sum()
    }

    /// Sets every column's width and the header rows' heights, the page setup, and gives the
    /// sheet to the workbook.
    fn finish(mut self, workbook: &mut Workbook, print: Print) -> Result<(), XlsxError> {
        for col in 0..self.widths.len() as u16 {
            if self.fixed || self.widths[usize::from(col)] > 0.0 {
                self.ws.set_column_width(col, self.width(col, col))?;
            }
        }
        for (row, col, head) in std::mem::take(&mut self.heads) {
            // Bold heads are wider than the estimate: a character of slack.
            let n = lines(&head, self.width(col, col) - 1.0);
            if n > 1.0 {
                self.grow(row, self.font.line * n + 2.0)?;
            }
        }
        // A4, one page wide and as many pages tall as it takes, the title or header repeated.
        self.ws
            .set_paper_size(A4)
            .set_print_fit_to_pages(1, 0)
            .set_footer(FOOTER);
        if print.landscape {
            self.ws.set_landscape();
        } else {
            self.ws.set_portrait();
        }
        self.ws.set_repeat_rows(print.repeat, print.repeat)?;
        workbook.push_worksheet(self.ws);
        Ok(())
    }
}

fn rgb(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
}

/// One line of a native radar: the column of its values, its name, colour, dash, width and
/// marker (the target ring has none).
pub(crate) struct RadarLine<'a> {
    col: u16,
    name: &'a str,
    colour: &'a str,
    dash: ChartLineDashType,
    width: f64,
    marker: Option<ChartMarkerType>,
}

impl<'a> RadarLine<'a> {
    /// A series drawn as the SVG draws it (`dash`: one of [`chart::DASHES`]).
    pub(crate) fn marked(
        col: u16,
        name: &'a str,
        colour: &'a str,
        dash: &str,
        width: f64,
    ) -> RadarLine<'a> {
        RadarLine {
            col,
            name,
            colour,
            dash: dash_type(dash),
            width,
            marker: None,
        }
    }

    pub(crate) fn with_marker(mut self, marker: ChartMarkerType) -> RadarLine<'a> {
        self.marker = Some(marker);
        self
    }

    /// The target ring: thin, dashed, in the target's colour, unmarked.
    pub(crate) fn target(col: u16, name: &'a str) -> RadarLine<'a> {
        RadarLine {
            col,
            name,
            colour: chart::TARGET,
            dash: ChartLineDashType::Dash,
            width: 1.25,
            marker: None,
        }
    }
}

/// A native radar of `lines` over the rows `first..=last` of `sheet` (its categories in column
/// `labels`): 0–5, the legend below, a gap where a cell is empty; sized and placed by the caller.
pub(crate) fn radar_chart(
    title: &str,
    font: &Font,
    (sheet, first, last, labels): (&str, u32, u32, u16),
    lines: &[RadarLine],
) -> Chart {
    let mut radar = Chart::new(ChartType::RadarWithMarkers);
    radar.title().set_name(title).set_font(&font.chart(None));
    for l in lines {
        let mut m = ChartMarker::new();
        match l.marker {
            Some(kind) => {
                m.set_type(kind).set_size(5).set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(rgb(l.colour)))
                        .set_no_border(),
                );
            }
            None => {
                m.set_none();
            }
        }
        radar
            .add_series()
            .set_name(l.name)
            .set_categories((sheet, first, labels, last, labels))
            .set_values((sheet, first, l.col, last, l.col))
            .set_format(&mut line_format(l.colour, l.width, l.dash))
            .set_marker(&m);
    }
    radar
        .y_axis()
        .set_min(0)
        .set_max(5)
        .set_major_unit(1)
        .set_font(&font.chart(None));
    radar.x_axis().set_font(&font.chart(None));
    radar
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font.chart(None));
    radar.show_empty_cells_as(ChartEmptyCells::Gaps);
    radar
}

/// A chart line in `colour`, `width` points wide, with a dash.
fn line_format(colour: &str, width: f64, dash: ChartLineDashType) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_line(
        ChartLine::new()
            .set_color(rgb(colour))
            .set_width(width)
            .set_dash_type(dash),
    );
    format
}

/// A role as the report names it: "A-1 name".
fn role_label(catalog: &Catalog, role: usize, lang: Lang) -> String {
    let r = &catalog.roles()[role];
    format!("{} {}", r.id, r.name.get(lang))
}

/// Everything a sheet is written from.
struct Input<'a> {
    catalog: &'a Catalog,
    assessment: &'a Assessment,
    e: &'a Evaluation,
    v: &'a ReportView,
    lang: Lang,
    u: &'static Ui,
    w: &'static Words,
    f: &'a Formats,
}

fn workbook(
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    options: ReportOptions,
) -> Result<Workbook, XlsxError> {
    let v = ReportView::from_evaluation(catalog, assessment, e, options);
    workbook_of(catalog, assessment, e, options, v)
}

fn workbook_of(
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    options: ReportOptions,
    v: ReportView,
) -> Result<Workbook, XlsxError> {
    let lang = options.lang;
    let u = ui(lang);
    let w = words(lang);
    let font = font::font(w.font);
    let f = Formats::new(catalog.roles().len(), font);
    let mut workbook = Workbook::new();
    workbook.set_default_format(&f.base, font.row_pixels, font.column_pixels)?;

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

    let input = Input {
        catalog,
        assessment,
        e,
        v: &v,
        lang,
        u,
        w,
        f: &f,
    };
    summary_sheet(&mut workbook, &input)?;
    roles_sheet(&mut workbook, &input)?;
    plan_sheet(&mut workbook, &input)?;
    if v.several {
        gaps_sheet(&mut workbook, &input)?;
        positions_sheet(&mut workbook, &input)?;
    }
    mismatches_sheet(&mut workbook, &input)?;
    strong_weak_sheet(&mut workbook, &input)?;
    if options.audience.reads_answers() {
        answers_sheet(&mut workbook, &input)?;
    }
    advice_sheet(&mut workbook, &input)?;
    if let Some(since) = &v.since {
        comparison::sheets(&mut workbook, since, &f)?;
    }
    Ok(workbook)
}

/// The summary's columns: A labels, ids and ranks; B names; C–H numbers (and the sentences over
/// B–H or A–H).
const SUMMARY_LAST: u16 = 7;

fn summary_widths(i: &Input) -> Vec<f64> {
    let (u, v) = (i.u, i.v);
    let labels = [
        u.organization,
        u.title,
        u.date,
        u.model,
        u.overall,
        u.target_level,
        u.current_pattern,
        u.target_pattern,
        u.in_house_areas,
    ]
    .into_iter()
    .map(text_width)
    .chain(v.respondents.iter().map(|r| text_width(&r.name)))
    .fold(8.0, f64::max);
    let names = v
        .functions
        .iter()
        .map(|f| text_width(&f.name))
        .chain(v.respondents.iter().map(|r| text_width(&r.position)))
        .fold(28.0, f64::max);
    let mut widths = vec![(labels + 2.0).min(24.0), (names + 2.0).min(40.0)];
    widths.resize(usize::from(SUMMARY_LAST) + 1, NUMBER_WIDTH);
    widths
}

fn summary_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, e, u, w, f) = (i.v, i.e, i.u, i.w, i.f);
    let mut s = Sheet::with_widths(w.summary, &summary_widths(i), f)?;
    let last = SUMMARY_LAST;
    s.ws.set_screen_gridlines(false);
    s.long_text(0, 0, u.report_title, &f.title)?;
    s.title_row()?;

    let areas = |list: &[String]| {
        if list.is_empty() {
            u.none.to_string()
        } else {
            list.join(w.list_separator)
        }
    };
    let mut row = 2;
    let field =
        |s: &mut Sheet, row: &mut u32, label: &str, value: &str| -> Result<u32, XlsxError> {
            s.text(*row, 0, label, Some(&f.label))?;
            s.sentence(*row, 1, last, value, &f.wrap)?;
            *row += 1;
            Ok(*row - 1)
        };
    field(&mut s, &mut row, u.organization, &v.organization)?;
    field(&mut s, &mut row, u.title, &v.title)?;
    let date_row = field(&mut s, &mut row, u.date, "")?;
    match v.date.as_deref().map(ExcelDateTime::parse_from_str) {
        Some(Ok(d)) => {
            s.ws.write_datetime_with_format(date_row, 1, &d, &f.date)?;
        }
        Some(Err(_)) => s.long_text(date_row, 1, v.date.as_deref().unwrap_or(""), &f.date)?,
        None => {
            s.ws.write_blank(date_row, 1, &f.date)?;
        }
    }
    field(&mut s, &mut row, u.model, &v.model)?;

    // The verdict: the overall maturity against the target level.
    row += 1;
    s.long_text(row, 0, u.summary_heading, &f.heading)?;
    row += 1;
    s.text(row, 0, u.overall, Some(&f.label))?;
    s.number(
        row,
        1,
        if v.summary.empty { None } else { e.overall },
        &f.value,
    )?;
    s.sentence(row, 2, last, u.overall_note, &f.note)?;
    row += 1;
    s.text(row, 0, u.target_level, Some(&f.label))?;
    s.ws.write_number_with_format(row, 1, f64::from(v.target_level), &f.whole)?;
    row += 1;
    s.sentence(row, 0, last, &v.summary.verdict, &f.strong)?;
    if !v.summary.meaning.is_empty() {
        row += 1;
        s.sentence(row, 0, last, &v.summary.meaning, &f.wrap)?;
    }
    if !v.summary.partial.is_empty() {
        row += 1;
        s.sentence(row, 0, last, &v.summary.partial, &f.wrap)?;
    }
    row += 1;
    s.sentence(row, 0, last, u.advice[0], &f.note)?;

    // The first actions.
    if !v.summary.empty {
        row += 2;
        s.long_text(row, 0, u.top_actions, &f.heading)?;
        if v.plan.top.is_empty() {
            row += 1;
            s.sentence(row, 0, last, u.improvements_none, &f.wrap)?;
        }
        // Each with its rank in the plan (the plan sheet's rank column).
        for l in &v.plan.top {
            row += 1;
            s.ws.write_number_with_format(row, 0, l.rank as f64, &f.whole)?;
            s.sentence(row, 1, 1, &format!("{} {}", l.id, l.name), &f.strong)?;
            s.sentence(row, 2, last, &l.action_name, &f.wrap)?;
            row += 1;
            s.sentence(row, 1, last, &l.todo, &f.wrap)?;
            if !l.strong.is_empty() {
                row += 1;
                s.sentence(row, 1, last, &l.strong, &f.note)?;
            }
        }
    }

    // The change of pattern.
    row += 2;
    s.long_text(row, 0, u.changes_heading, &f.heading)?;
    row += 1;
    field(&mut s, &mut row, u.current_pattern, &v.current.name)?;
    field(
        &mut s,
        &mut row,
        u.in_house_areas,
        &areas(&v.current.in_house),
    )?;
    field(&mut s, &mut row, u.target_pattern, &v.target.name)?;
    field(
        &mut s,
        &mut row,
        u.in_house_areas,
        &areas(&v.target.in_house),
    )?;
    s.sentence(row, 0, last, &v.summary.pattern_change, &f.wrap)?;
    if !v.summary.empty {
        row += 1;
        s.sentence(row, 0, last, &v.summary.mismatches, &f.wrap)?;
    }

    // Strengths and weaknesses, against the target.
    if !v.summary.empty {
        let lists = [
            (
                u.strengths,
                u.strengths_note,
                &v.summary.strengths,
                &e.strengths,
            ),
            (
                u.weaknesses,
                u.weaknesses_note,
                &v.summary.weaknesses,
                &e.weaknesses,
            ),
        ];
        for (heading, note, named, list) in lists {
            row += 2;
            s.long_text(row, 0, heading, &f.heading)?;
            row += 1;
            s.sentence(row, 0, last, note, &f.note)?;
            row += 1;
            s.header(row, &[w.id, u.function, u.maturity], f)?;
            s.ws.merge_range(row, 3, row, last, u.to_target, &f.header)?;
            for (n, index) in named.iter().zip(list) {
                row += 1;
                s.text(row, 0, &n.id, None)?;
                s.sentence(row, 1, 1, &n.name, &f.wrap)?;
                s.number(row, 2, e.functions[*index].maturity, &f.number)?;
                // Thin evidence: the `*` the other formats put beside the figure.
                let remark = if n.thin {
                    format!("* {}", n.remark)
                } else {
                    n.remark.clone()
                };
                s.sentence(row, 3, last, &remark, &f.remark)?;
            }
            if named.is_empty() {
                row += 1;
                s.text(row, 0, u.none_dash, None)?;
            }
        }
        for note in [
            if v.summary.thin { u.thin_note } else { "" },
            &v.summary.rounding,
        ] {
            if !note.is_empty() {
                row += 1;
                s.sentence(row, 0, last, note, &f.note)?;
            }
        }
        row += 1;
        s.sentence(row, 0, last, u.advice[2], &f.note)?;
    }

    // Who was counted, and where they disagree most.
    row += 2;
    s.long_text(row, 0, u.counted, &f.heading)?;
    row += 1;
    s.sentence(row, 0, last, &v.summary.counted, &f.wrap)?;
    if !v.summary.largest_gap.is_empty() {
        row += 2;
        s.long_text(row, 0, u.largest_gap, &f.heading)?;
        row += 1;
        s.sentence(row, 0, last, &v.summary.largest_gap, &f.wrap)?;
    }
    if v.several {
        row += 1;
        s.sentence(row, 0, last, u.advice[1], &f.note)?;
    }

    // The numbers on a page of their own: the respondents, the function table and the radar.
    row += 2;
    s.ws.set_page_breaks(&[row])?;
    s.header(row, &[u.respondents, u.position, u.answered], f)?;
    for r in &v.respondents {
        row += 1;
        s.text(row, 0, &r.name, None)?;
        s.text(row, 1, &r.position, None)?;
        s.ws.write_number_with_format(row, 2, r.answered as f64, &f.answered)?;
    }

    row += 2;
    s.long_text(row, 0, u.table_heading, &f.heading)?;
    row += 1;
    let table_head = row;
    // Nothing answered yet: no figures (R1 would make every role 1.0), as in the PDF.
    let answered = |x: Option<f64>| x.filter(|_| !v.summary.empty);
    s.header(
        row,
        &[
            w.id,
            u.function,
            u.maturity,
            u.insource,
            u.outsource,
            u.target_level,
            u.roles_counted,
            u.roles_not_applicable,
        ],
        f,
    )?;
    for (fr, r) in v.functions.iter().zip(&e.functions) {
        row += 1;
        s.text(row, 0, &fr.id, None)?;
        s.sentence(row, 1, 1, &fr.name, &f.wrap)?;
        s.number(row, 2, answered(r.maturity), &f.number)?;
        s.number(row, 3, answered(r.insource), &f.number)?;
        s.number(row, 4, answered(r.outsource), &f.number)?;
        s.number(row, 5, Some(f64::from(v.target_level)), &f.integer)?;
        s.count(row, 6, r.roles_counted)?;
        s.count(row, 7, r.roles_not_applicable)?;
    }
    let (first, last_function) = (table_head + 1, row);

    // The radar under the table: the three series and the target ring, over the table's cells.
    if !v.summary.empty {
        row += 2;
        // The series' colours and dashes as the SVG's (`chart.rs`), the target thinner, unmarked.
        let lines = [
            RadarLine::marked(
                2,
                u.series_combined,
                chart::COMBINED,
                chart::DASHES[0],
                2.25,
            )
            .with_marker(ChartMarkerType::Circle),
            RadarLine::marked(
                3,
                u.series_insource,
                chart::INSOURCE,
                chart::DASHES[1],
                1.75,
            )
            .with_marker(ChartMarkerType::Square),
            RadarLine::marked(
                4,
                u.series_outsource,
                chart::OUTSOURCE,
                chart::DASHES[2],
                1.75,
            )
            .with_marker(ChartMarkerType::Diamond),
            RadarLine::target(5, u.legend_target),
        ];
        let mut radar = radar_chart(
            u.radar_heading,
            s.font,
            (w.summary, first, last_function, 1),
            &lines,
        );
        let height = 26 * s.font.row_pixels;
        radar.set_width(s.pixels_to(last)).set_height(height);
        radar.set_alt_text(u.radar_heading);
        s.ws.insert_chart(row, 0, &radar)?;
        row += height.div_ceil(s.font.row_pixels) + 1;
        s.sentence(row, 0, last, u.radar_note, &f.note)?;
    }
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )
}

/// The dash of an SVG series ([`chart::DASHES`]) in Excel's terms.
fn dash_type(dash: &str) -> ChartLineDashType {
    match dash {
        "" => ChartLineDashType::Solid,
        d if d == chart::DASHES[1] => ChartLineDashType::Dash,
        d if d == chart::DASHES[2] => ChartLineDashType::RoundDot,
        _ => ChartLineDashType::DashDot,
    }
}

/// The printable area of a portrait A4 page with Excel's default margins (0.7 inches left and
/// right, 0.75 top and bottom), in inches: a sheet printed one page wide is scaled to its width.
const A4_PRINTABLE: (f64, f64) = (8.27 - 1.4, 11.69 - 1.5);
/// The size a role chart's labels print at, in points, at least.
const PRINTED_POINTS: f64 = 8.0;

/// How a sheet `width` pixels wide prints one page wide on portrait A4: the share of its size
/// that is printed (at most 1), and how tall a page is in the sheet's pixels.
fn a4_portrait(width: u32) -> (f64, f64) {
    let (w, h) = A4_PRINTABLE;
    let width = f64::from(width.max(1));
    ((w * 96.0 / width).min(1.0), width.max(w * 96.0) * h / w)
}

fn roles_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (catalog, e, lang, u, w, f) = (i.catalog, i.e, i.lang, i.u, i.w, i.f);
    let target = f64::from(i.v.target_level);
    let print = Print {
        landscape: false,
        repeat: 0,
    };
    // Nothing answered yet: no figures and no chart, as in the PDF.
    let answered = |x: Option<f64>| x.filter(|_| !i.v.summary.empty);
    // Each function's roles as the SVG draws them: the colour and the word of their sourcing, the
    // value as shown, the thin-evidence mark.
    let charts = chart::RoleChart::for_functions(catalog, i.assessment, e, lang, u);
    let mut s = Sheet::new(w.roles, MAX_WIDTH, f)?;
    let heads = [
        u.role,
        u.function,
        u.area,
        u.level,
        u.target_level,
        w.thin,
        u.insource,
        u.outsource,
        w.unanswered,
        w.expected_current,
        w.expected_target,
        u.sourcing,
    ];
    s.header(0, &heads, f)?;
    let mut row = 0;
    let bars = charts.iter().flat_map(|c| &c.bars);
    for (index, ((role, r), bar)) in catalog.roles().iter().zip(&e.roles).zip(bars).enumerate() {
        row += 1;
        s.text(row, 0, &role_label(catalog, index, lang), None)?;
        s.text(row, 1, &catalog.functions()[role.function].id, None)?;
        s.text(row, 2, r.area.as_str(), None)?;
        s.number(row, 3, answered(r.level), &f.number)?;
        // A role without a level has no target box on the chart either.
        s.number(row, 4, r.level.map(|_| target), &f.integer)?;
        if answered(r.level).is_some() && bar.thin {
            s.text(row, 5, "*", Some(&f.centred))?;
        }
        s.number(row, 6, answered(r.insource), &f.number)?;
        s.number(row, 7, answered(r.outsource), &f.number)?;
        s.count(row, 8, r.unanswered)?;
        s.text(row, 9, r.expected_current.name(lang), None)?;
        s.text(row, 10, r.expected_target.name(lang), None)?;
        if !i.v.summary.empty {
            let sourcing = if bar.not_applicable {
                u.not_applicable
            } else {
                bar.mark
            };
            s.text(row, 11, sourcing, Some(&f.centred))?;
        }
    }
    let last_row = row.max(1);
    let last_col = (heads.len() - 1) as u16;
    s.ws.set_freeze_panes(1, 1)?;
    s.ws.autofilter(0, 0, last_row, last_col)?;
    if i.v.summary.empty {
        return s.finish(workbook, print);
    }

    // Under the table: the colours and words of the bars, the target, and what the marks mean.
    row += 1;
    let keys = [
        (u.mark_insourced, u.legend_insourced),
        (u.mark_outsourced, u.legend_outsourced),
        (u.mark_both, u.legend_both),
        (u.mark_unanswered, u.legend_unanswered),
    ];
    for ((mark, key), format) in keys.into_iter().zip(&f.key) {
        row += 1;
        s.long_text(row, 0, &format!("{mark} {key}"), format)?;
    }
    row += 1;
    let target_name = format!("{} {}", u.legend_target, i.v.target_level);
    s.long_text(row, 0, &target_name, &f.target_key)?;
    row += 2;
    s.sentence(row, 0, last_col, u.roles_note, &f.note)?;
    row += 1;
    s.sentence(row, 0, last_col, u.thin_note, &f.note)?;

    // A chart per function, as the SVG, under the table from a new page: as wide as the table, so
    // that the sheet prints at the table's scale, its words large enough to print at
    // PRINTED_POINTS at that scale, and a page break before a chart that would not fit on the page.
    row += 2;
    let width = s.pixels_to(last_col);
    let (scale, page) = a4_portrait(width);
    // Less the header row, repeated on every page (up to two lines), and a row of slack.
    let page = page - f64::from(3 * s.font.row_pixels);
    let size = (PRINTED_POINTS / scale).ceil().clamp(9.0, 18.0);
    // The same share of the width for the names in every chart, so that their scales line up.
    let longest = charts
        .iter()
        .flat_map(|c| &c.bars)
        .map(|b| text_width(&format!("{} {}", b.id, b.name)))
        .fold(0.0, f64::max);
    let layout = Layout {
        size,
        width,
        longest,
    };
    let mut breaks = vec![row];
    let mut used = 0.0;
    let mut first = 1;
    for (function, c) in catalog.functions().iter().zip(&charts) {
        let rows = (first, first + function.roles.len() as u32 - 1);
        first = rows.1 + 1;
        // A function none of whose roles has a level (every one not applicable) has no bars.
        if c.bars.iter().all(|b| b.not_applicable) {
            continue;
        }
        let chart = role_chart(&s, c, rows, &layout, &target_name, i);
        let height = f64::from(chart.height);
        if used > 0.0 && used + height > page {
            breaks.push(row);
            used = 0.0;
        }
        s.ws.insert_chart(row, 0, &chart.chart)?;
        let spanned = chart.height.div_ceil(s.font.row_pixels) + 1;
        row += spanned;
        used += f64::from(spanned * s.font.row_pixels);
    }
    s.ws.set_page_breaks(&breaks)?;
    s.finish(workbook, print)
}

/// The measures every role chart shares: the size of its words in points, its width in pixels and
/// the width of the longest role name ([`text_width`]).
#[derive(Clone, Copy)]
struct Layout {
    size: f64,
    width: u32,
    longest: f64,
}

/// A function's role chart and its height in pixels.
struct FunctionChart {
    chart: Chart,
    height: u32,
}

/// The chart of one function's roles, in the table's rows `rows` (first and last): horizontal bars
/// of the level, first role on top, one colour per bar by sourcing and its word in the bar's label
/// (as the SVG's), and the target as a dashed outline over each bar (see the module's notes). The
/// role names get a fixed share of the width, which LibreOffice would otherwise cut.
fn role_chart(
    s: &Sheet,
    c: &chart::RoleChart,
    rows: (u32, u32),
    layout: &Layout,
    target_name: &str,
    i: &Input,
) -> FunctionChart {
    let (u, w) = (i.u, i.w);
    let Layout {
        size,
        width,
        longest,
    } = *layout;
    let font = s.font.chart(Some(size));
    // A line of text, in pixels, and the chart's parts around its bars.
    let line = size * 4.0 / 3.0;
    let (top, bottom) = (line * 3.0, line * 2.5);
    let pitch = line * 2.0;
    let height = (top + bottom + pitch * c.bars.len() as f64).ceil() as u32;
    let points: Vec<ChartPoint> = c
        .bars
        .iter()
        .map(|b| {
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(rgb(b.color))),
            )
        })
        .collect();
    // The bar's value as shown, the word of its sourcing and the thin-evidence mark: the SVG's
    // label, and the table's columns D, L and F. A role without a level has no label (a default
    // one, which shows the value, and there is none).
    let labels: Vec<ChartDataLabel> = c
        .bars
        .iter()
        .map(|b| {
            if b.not_applicable {
                return ChartDataLabel::default();
            }
            let text = format!("{} {}{}", b.value, b.mark, if b.thin { " *" } else { "" });
            ChartDataLabel::new()
                .set_value(text.as_str())
                .set_font(&font)
                .to_custom()
        })
        .collect();
    let mut label = ChartDataLabel::new();
    label
        .show_value()
        .set_num_format(NUMBER)
        .set_position(ChartDataLabelPosition::OutsideEnd)
        .set_font(&font);
    let (first, last) = rows;
    let mut bars = Chart::new(ChartType::Bar);
    bars.title()
        .set_name(&c.function)
        .set_font(s.font.chart(Some(size + 1.0)).set_bold());
    bars.add_series()
        .set_name(u.level)
        .set_categories((w.roles, first, 0, last, 0))
        .set_values((w.roles, first, 3, last, 3))
        .set_points(&points)
        .set_data_label(&label)
        .set_custom_data_labels(&labels)
        .set_overlap(100)
        .set_gap(40);
    bars.add_series()
        .set_name(target_name)
        .set_categories((w.roles, first, 0, last, 0))
        .set_values((w.roles, first, 4, last, 4))
        .set_format(line_format(chart::TARGET, 1.25, ChartLineDashType::Dash).set_no_fill());
    bars.x_axis()
        .set_min(0)
        .set_max(5)
        .set_major_unit(1)
        .set_font(&font);
    bars.y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_label_interval(1)
        .set_font(&font);
    // The colour key is in the cells above; a legend would name one colour only.
    bars.legend().set_hidden();
    // Room for the longest name on the left and the longest label on the right: a unit of
    // `text_width` is about 0.7 of the size in pixels.
    let unit = size * 0.7;
    let width_f = f64::from(width);
    let names = ((longest * unit + 24.0) / width_f).clamp(0.2, 0.5);
    let right = ((8.0 * unit + 12.0) / width_f).clamp(0.04, 0.2);
    let h = f64::from(height);
    bars.plot_area().set_layout(
        &ChartLayout::new()
            .set_offset(names, top / h)
            .set_dimensions(1.0 - names - right, 1.0 - (top + bottom) / h),
    );
    bars.show_empty_cells_as(ChartEmptyCells::Gaps);
    bars.set_width(width).set_height(height);
    bars.set_alt_text(format!("{}{}{}", c.function, u.colon, c.description));
    FunctionChart {
        chart: bars,
        height,
    }
}

/// A role's notes in one cell: "who: note" a line, and how many more there are.
fn notes_text(notes: &[crate::view::NoteView], more: usize) -> String {
    let mut lines: Vec<String> = notes
        .iter()
        .map(|n| format!("{}: {}", n.who, n.text))
        .collect();
    if more > 0 {
        lines.push(format!("+{more}"));
    }
    lines.join("\n")
}

fn plan_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, e, u, w, f) = (i.v, i.e, i.u, i.w, i.f);
    let mut s = Sheet::new(w.plan, TEXT_WIDTH, f)?;
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
        u.notes,
    ];
    s.header(0, &heads, f)?;
    let mut row = 0;
    // In rank order: the plan's lines (whatever their group), then the folded rest.
    let mut lines: Vec<&crate::plan::PlanLine> =
        v.plan.groups.iter().flat_map(|g| &g.lines).collect();
    lines.extend(&v.plan.folded);
    lines.sort_by_key(|l| l.rank);
    // Nothing answered yet: no plan, as in the PDF; the rows stay for the user's own.
    let shown = if v.summary.empty { 0 } else { usize::MAX };
    let mut tracked = Vec::new();
    for l in lines.into_iter().take(shown) {
        let p = &e.improvements[l.point];
        row += 1;
        if let Some(t) = &l.tracked {
            tracked.push((row, t));
        }
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
        if !l.notes.is_empty() {
            s.wrapped(
                row,
                13,
                &notes_text(&l.notes, l.more_notes),
                TEXT_WIDTH / 2.0,
                f,
            )?;
        }
    }
    let last = row + PLAN_SPARE_ROWS;
    for row in 1..=last {
        s.ws.write_blank(row, 10, &f.input)?;
        s.ws.write_blank(row, 11, &f.input_date)?;
        s.ws.write_blank(row, 12, &f.input)?;
    }
    // A line's tracked item: its owner, due date (a date) and status.
    for (row, t) in tracked {
        if !t.owner.is_empty() {
            s.ws.write_string_with_format(row, 10, &t.owner, &f.input)?;
        }
        match rust_xlsxwriter::ExcelDateTime::parse_from_str(&t.due) {
            Ok(date) if !t.due.is_empty() => {
                s.ws.write_datetime_with_format(row, 11, &date, &f.input_date)?;
            }
            _ => {}
        }
        s.ws.write_string_with_format(row, 12, &t.status, &f.input)?;
    }
    s.fit(10, 14.0);
    s.fit(11, 12.0);
    s.fit(12, 12.0);
    s.fit(13, TEXT_WIDTH / 2.0);
    let statuses: Vec<&str> = isomm_core::items::ItemStatus::ALL
        .iter()
        .map(|s| s.name(i.lang))
        .collect();
    let status = DataValidation::new().allow_list_strings(&statuses)?;
    s.ws.add_data_validation(1, 12, last, 12, &status)?;
    let last_col = (heads.len() - 1) as u16;
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.autofilter(0, 0, last, last_col)?;
    s.finish(
        workbook,
        Print {
            landscape: true,
            repeat: 0,
        },
    )
}

/// A report sheet's title in its first row; its note goes in the second, its table from the fourth.
fn heading(s: &mut Sheet, title: &str, f: &Formats) -> Result<u32, XlsxError> {
    s.long_text(0, 0, title, &f.title)?;
    s.title_row()?;
    Ok(3)
}

fn gaps_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, u, w, f) = (i.v, i.u, i.w, i.f);
    let mut s = Sheet::new(w.gaps, TEXT_WIDTH, f)?;
    let head = heading(&mut s, u.gaps_heading, f)?;
    let mut repeat = 0;
    let mut last_col = 0;
    if v.gaps.is_empty() {
        s.long_text(head, 0, u.gaps_none, &s.cell.clone())?;
    } else {
        repeat = head;
        s.header(
            head,
            &[
                u.role,
                u.spread,
                u.lowest,
                w.lowest_who,
                u.highest,
                w.highest_who,
            ],
            f,
        )?;
        // A column per respondent (name and position), or with many a column per position (and
        // how many), then the notes.
        let first = 6u16;
        let names: Vec<String> = v
            .gap_heads
            .iter()
            .map(|(head, sub)| format!("{head}\n{sub}"))
            .collect();
        let mut heads: Vec<&str> = names.iter().map(String::as_str).collect();
        heads.push(u.notes);
        s.header_from(head, first, &heads, f)?;
        let notes_col = first + v.gap_heads.len() as u16;
        last_col = notes_col;
        let mut row = head;
        for g in &v.gaps {
            row += 1;
            s.text(row, 0, &format!("{} {}", g.id, g.name), None)?;
            let spread = match g.spread {
                s @ 3..=5 => &f.spread[usize::from(s - 3)],
                _ => &f.centred,
            };
            s.number(row, 1, Some(f64::from(g.spread)), spread)?;
            s.number(row, 2, Some(f64::from(g.min)), &f.centred)?;
            s.wrapped(row, 3, &g.low, 24.0, f)?;
            s.number(row, 4, Some(f64::from(g.max)), &f.centred)?;
            s.wrapped(row, 5, &g.high, 24.0, f)?;
            // A respondent's level is a number; a position's range ("2–4") a text, its heat
            // that of its mean; nobody's answer an empty cell.
            for (col, cell) in (first..).zip(&g.cells) {
                if let Some(level) = cell.level {
                    let heat = &f.heat[usize::from(level.min(5))];
                    match cell.text.parse::<u8>() {
                        Ok(n) => s.number(row, col, Some(f64::from(n)), heat)?,
                        Err(_) => s.text(row, col, &cell.text, Some(heat))?,
                    }
                }
            }
            if !g.notes.is_empty() {
                let notes = notes_text(&g.notes, g.more_notes);
                s.wrapped(row, notes_col, &notes, TEXT_WIDTH, f)?;
            }
        }
        s.ws.set_freeze_panes(head + 1, 1)?;
        s.ws.autofilter(head, 0, row, notes_col)?;
    }
    s.sentence(1, 0, last_col, u.gaps_note, &f.note)?;
    s.finish(
        workbook,
        Print {
            landscape: true,
            repeat,
        },
    )
}

fn positions_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, e, u, w, f) = (i.v, i.e, i.u, i.w, i.f);
    // Functions down, positions across (as the PDF): the names fit, and positions never run off.
    let labels: Vec<String> = v
        .position_rows
        .iter()
        .map(|r| format!("{} {}", r.id, r.name))
        .collect();
    let label_width = labels.iter().map(|l| text_width(l)).fold(20.0, f64::max);
    let mut widths = vec![(label_width + 2.0).min(50.0)];
    widths.resize(1 + v.position_heads.len(), 14.0);
    widths.push(12.0);
    let target_col = v.position_heads.len() as u16 + 1;
    let mut s = Sheet::with_widths(w.positions, &widths, f)?;
    s.long_text(0, 0, u.positions_heading, &f.title)?;
    s.title_row()?;
    s.sentence(1, 0, target_col, u.positions_note, &f.note)?;
    // Whether the seed's tendencies show, in sentences.
    let mut row = 1;
    for t in &v.tendencies {
        row += 1;
        s.sentence(row, 0, target_col, t, &f.wrap)?;
    }
    row += 2;
    let head = row;
    let mut heads = vec![u.function];
    heads.extend(v.position_heads.iter().map(String::as_str));
    heads.push(u.target_level);
    s.header(head, &heads, f)?;
    for (index, label) in labels.iter().enumerate() {
        row += 1;
        s.sentence(row, 0, 0, label, &f.wrap)?;
        for (col, p) in (1u16..).zip(&e.positions) {
            let value = if v.summary.empty {
                None
            } else {
                p.functions[index]
            };
            s.number(row, col, value, &f.number)?;
        }
        s.number(row, target_col, Some(f64::from(v.target_level)), &f.centred)?;
    }
    let last = row;
    s.ws.set_freeze_panes(head + 1, 1)?;

    // A marker per position and function, each position its shape and colour as in the PDF's
    // chart, and the target as a dashed line: a line chart without lines, functions across.
    if !e.positions.is_empty() && !v.summary.empty {
        let shapes = [
            ChartMarkerType::Circle,
            ChartMarkerType::Square,
            ChartMarkerType::Triangle,
            ChartMarkerType::Diamond,
        ];
        let mut dots = Chart::new(ChartType::Line);
        dots.title()
            .set_name(u.positions_heading)
            .set_font(&s.font.chart(None));
        for (col, p) in (1u16..).zip(&e.positions) {
            let colour = chart::position_color(p.position);
            let mut marker = ChartMarker::new();
            marker
                .set_type(shapes[p.position as usize % shapes.len()])
                .set_size(8)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(rgb(colour)))
                        .set_no_border(),
                );
            dots.add_series()
                .set_name((w.positions, head, col))
                .set_categories((w.positions, head + 1, 0, last, 0))
                .set_values((w.positions, head + 1, col, last, col))
                .set_format(ChartFormat::new().set_no_line())
                .set_marker(&marker);
        }
        let mut none = ChartMarker::new();
        none.set_none();
        dots.add_series()
            .set_name((w.positions, head, target_col))
            .set_categories((w.positions, head + 1, 0, last, 0))
            .set_values((w.positions, head + 1, target_col, last, target_col))
            .set_format(&mut line_format(
                chart::TARGET,
                1.25,
                ChartLineDashType::Dash,
            ))
            .set_marker(&none);
        dots.y_axis()
            .set_min(0)
            .set_max(5)
            .set_major_unit(1)
            .set_font(&s.font.chart(None));
        dots.x_axis().set_font(&s.font.chart(Some(8.0)));
        dots.legend()
            .set_position(ChartLegendPosition::Bottom)
            .set_font(&s.font.chart(None));
        dots.show_empty_cells_as(ChartEmptyCells::Gaps);
        dots.set_width(s.pixels_to(target_col).max(640))
            .set_height(24 * s.font.row_pixels);
        dots.set_alt_text(u.positions_heading);
        s.ws.insert_chart(last + 2, 0, &dots)?;
    }
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: head,
        },
    )
}

fn mismatches_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, u, w, f) = (i.v, i.u, i.w, i.f);
    let mut s = Sheet::new(w.mismatches, MAX_WIDTH, f)?;
    let head = heading(&mut s, u.mismatches_heading, f)?;
    let mut repeat = 0;
    if v.mismatches.is_empty() {
        s.long_text(head, 0, u.mismatches_none, &s.cell.clone())?;
        s.fit(0, TEXT_WIDTH);
    } else {
        repeat = head;
        s.header(head, &[u.role, u.expected, u.actual], f)?;
        let mut row = head;
        for m in &v.mismatches {
            row += 1;
            s.text(row, 0, &format!("{} {}", m.id, m.name), None)?;
            s.text(row, 1, &m.expected, None)?;
            s.text(row, 2, &m.actual, None)?;
        }
        s.ws.set_freeze_panes(head + 1, 0)?;
        s.ws.autofilter(head, 0, row, 2)?;
    }
    let last = (s.widths.len().max(1) - 1) as u16;
    s.sentence(1, 0, last, u.mismatches_note, &f.note)?;
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat,
        },
    )
}

fn strong_weak_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (v, e, u, w, f) = (i.v, i.e, i.u, i.w, i.f);
    let mut s = Sheet::new(w.strong_weak, MAX_WIDTH, f)?;
    s.long_text(0, 0, w.strong_weak, &f.title)?;
    s.title_row()?;
    let mut row = 0;
    let lists = [
        (u.strong_roles, &v.strong_roles, &e.strong_roles),
        (u.weak_roles, &v.weak_roles, &e.weak_roles),
    ];
    for (title, named, list) in lists {
        row += 2;
        s.long_text(row, 0, title, &f.heading)?;
        row += 1;
        // Nothing answered yet: every role would be 1.0 (R1); none is listed, as in the PDF.
        if named.is_empty() || v.summary.empty {
            s.text(row, 0, u.none, None)?;
            continue;
        }
        s.header(row, &[u.role, u.maturity, u.to_target], f)?;
        for (n, index) in named.iter().zip(list) {
            row += 1;
            s.text(row, 0, &format!("{} {}", n.id, n.name), None)?;
            s.number(row, 1, e.roles[*index].level, &f.number)?;
            s.text(row, 2, &n.remark, Some(&f.remark))?;
        }
    }
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )
}

fn answers_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (catalog, assessment, lang, u, w, f) = (i.catalog, i.assessment, i.lang, i.u, i.w, i.f);
    let mut s = Sheet::new(w.answers, TEXT_WIDTH, f)?;
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
    s.ws.autofilter(0, 0, row.max(1), (heads.len() - 1) as u16)?;
    s.finish(
        workbook,
        Print {
            landscape: true,
            repeat: 0,
        },
    )
}

fn advice_sheet(workbook: &mut Workbook, i: &Input) -> Result<(), XlsxError> {
    let (u, w, f) = (i.u, i.w, i.f);
    // Four columns under the sentences, which span them: LibreOffice does not shrink a single
    // column wider than the page.
    let mut s = Sheet::with_widths(w.advice, &[TEXT_WIDTH / 4.0; 4], f)?;
    s.ws.set_screen_gridlines(false);
    s.long_text(0, 0, u.advice_heading, &f.title)?;
    s.title_row()?;
    let mut row = 1;
    for advice in u.advice {
        row += 1;
        s.sentence(row, 0, 3, advice, &f.wrap)?;
    }
    row += 2;
    s.long_text(row, 0, u.about_heading, &f.heading)?;
    row += 1;
    s.sentence(row, 0, 3, u.about, &f.wrap)?;
    row += 2;
    s.sentence(row, 0, 3, u.generated_by, &f.note)?;
    s.finish(
        workbook,
        Print {
            landscape: false,
            repeat: 0,
        },
    )
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

    /// Every language names a font whose measures the workbook knows.
    #[test]
    fn every_language_names_a_known_font() {
        for lang in Lang::ALL {
            let name = words(lang).font;
            assert!(
                font::KNOWN.iter().any(|f| f.name == name),
                "{lang:?}: {name}"
            );
            assert_eq!(font::font(name).name, name);
        }
    }
}
