//! Hand-made SVG charts: the radar per function and the bar chart per role.
//!
//! Geometry is computed here; the SVG text comes from auto-escaping templates (`templates/*.svg`),
//! so labels with `<` or `&` stay text.

use askama::Template;
use isomm_core::rules::Evaluation;
use isomm_core::{Area, Assessment, Catalog, Lang, PHRASE_BREAK};
use serde::Serialize;

use crate::numbers::one_decimal;
use crate::ui::Ui;
use crate::view::separator;

// Colours from Okabe and Ito's palette, which people with any common colour vision deficiency
// tell apart; every series also has its own dash pattern, so that none rests on colour alone.
pub const COMBINED: &str = "#0072b2";
pub const INSOURCE: &str = "#009e73";
pub const OUTSOURCE: &str = "#d55e00";
pub const BOTH: &str = "#cc79a7";
pub const UNANSWERED: &str = "#9e9e9e";
/// An earlier round drawn behind the later one (dashed: a ghost, never told by colour alone).
pub const EARLIER: &str = "#5f6b77";
/// A change printed as improved or declined, and one that is neither (the text's colour): they
/// repeat a status's mark and word, never stand alone.
pub const IMPROVED: &str = "#006b4f";
pub const DECLINED: &str = "#a33a00";
pub const INK: &str = "#1d2733";
/// The target ring and line.
pub const TARGET: &str = "#b00020";

/// Colours for extra series (respondents, positions) in the web application: the eight of
/// Okabe–Ito's palette, yellow darkened to be seen on white.
pub const PALETTE: [&str; 8] = [
    "#000000", "#e69f00", "#56b4e9", "#009e73", "#b59b00", "#0072b2", "#d55e00", "#cc79a7",
];

/// Dash patterns (SVG `stroke-dasharray`, "" is solid), used in turn after the colours run out.
pub const DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];

/// The colour and dash of the `i`-th extra series: eight colours, then the same colours dashed.
pub fn style(i: usize) -> (&'static str, &'static str) {
    (
        PALETTE[i % PALETTE.len()],
        DASHES[(i / PALETTE.len()) % DASHES.len()],
    )
}

/// The radar's axis labels: each function's id and name.
pub fn function_labels(catalog: &Catalog, lang: Lang) -> Vec<String> {
    catalog
        .functions()
        .iter()
        .map(|f| format!("{} {}", f.id, f.name.phrased(lang)))
        .collect()
}

const MAX_LEVEL: f64 = 5.0;

/// A point of a chart, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One series of the radar: a name, a colour and one value per function (None where absent).
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub color: String,
    /// SVG `stroke-dasharray`; empty for a solid line.
    pub dash: String,
    pub values: Vec<Option<f64>>,
    /// A stable key for switching the series on and off in the web page.
    pub key: String,
    /// Drawn but not shown until switched on (the web page's extra series).
    pub hidden: bool,
    /// The closed outline when every value is present.
    pub points: String,
    /// Otherwise the runs of neighbouring axes that have values, each an open line: an axis without
    /// a value breaks the line instead of pulling it to the centre.
    pub segments: Vec<String>,
    pub dots: Vec<Point>,
    /// The values in words, for the chart's text alternative.
    pub described: String,
}

impl Series {
    pub fn new(name: &str, color: &str, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.to_string(),
            color: color.to_string(),
            dash: String::new(),
            values,
            key: String::new(),
            hidden: false,
            points: String::new(),
            segments: Vec::new(),
            dots: Vec::new(),
            described: String::new(),
        }
    }

    pub fn dashed(mut self, dash: &str) -> Series {
        self.dash = dash.to_string();
        self
    }

    pub fn with_key(mut self, key: impl Into<String>) -> Series {
        self.key = key.into();
        self
    }

    pub fn hidden(mut self) -> Series {
        self.hidden = true;
        self
    }
}

pub struct AxisLabel {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub lines: Vec<String>,
}

/// The radar chart: 0–5 on every axis, one axis per function.
#[derive(Template)]
#[template(path = "radar.svg")]
pub struct RadarChart {
    pub width: f64,
    pub height: f64,
    pub center: Point,
    pub rings: Vec<String>,
    pub ring_labels: Vec<(Point, u8)>,
    pub axes: Vec<Point>,
    pub labels: Vec<AxisLabel>,
    pub series: Vec<Series>,
    pub legend_y: f64,
    /// The target level's ring, when there is a target.
    pub target: Option<(u8, String)>,
    pub target_label: String,
    /// The chart's title and its values in words (`<title>`, `<desc>`).
    pub title: String,
    pub none: String,
    /// The axis labels on one line each, for the description.
    axis_names: Vec<String>,
    /// The axis labels as given (with their phrase breaks), to lay the chart out again.
    label_texts: Vec<String>,
    /// How it is laid out: wide, or narrow for a phone.
    pub layout: Layout,
}

/// How a radar is laid out, in the units of its 640-wide view box: the wide chart of a page or of
/// paper, and the narrow one a phone shows, whose axes are named by their letters, drawn larger so
/// that, scaled down to a phone's width (about 360 CSS pixels, a scale of 0.56), they stay at least
/// 11 pixels tall.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub radius: f64,
    /// Where the centre is, from the top.
    pub center_y: f64,
    /// From the outer ring to the legend (room for the labels below).
    pub legend_gap: f64,
    /// Columns of an axis label's line (a wide character is two).
    pub wrap: usize,
    pub font: f64,
    pub ring_font: f64,
    /// Between the lines of an axis label.
    pub line: f64,
    pub legend_columns: usize,
    pub legend_width: f64,
    pub legend_row: f64,
    /// The prefix of its ids (its title and description), unique on a page that shows both.
    pub id: &'static str,
}

impl Layout {
    pub const WIDE: Layout = Layout {
        radius: 170.0,
        center_y: 250.0,
        legend_gap: 80.0,
        wrap: 20,
        font: 12.0,
        ring_font: 10.0,
        line: 13.0,
        legend_columns: 3,
        legend_width: 200.0,
        legend_row: 20.0,
        id: "radar",
    };
    pub const NARROW: Layout = Layout {
        radius: 160.0,
        center_y: 215.0,
        legend_gap: 70.0,
        wrap: 12,
        font: 24.0,
        ring_font: 20.0,
        line: 23.0,
        legend_columns: 2,
        legend_width: 290.0,
        legend_row: 30.0,
        id: "radar-narrow",
    };
}

#[cfg(test)]
const RADIUS: f64 = Layout::WIDE.radius;

fn polar(center: Point, axis: usize, count: usize, radius: f64) -> Point {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * axis as f64 / count as f64;
    Point {
        x: center.x + radius * angle.cos(),
        y: center.y + radius * angle.sin(),
    }
}

fn points(list: &[Point]) -> String {
    list.iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Display width of a character: 2 for East Asian wide characters, 1 otherwise, 0 for a phrase
/// break.
fn char_width(c: char) -> usize {
    if c == PHRASE_BREAK {
        0
    } else if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) {
        1
    } else {
        2
    }
}

fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Splits a label into lines of at most `width` columns (a wide character is two). Lines break
/// between words, and between the phrases of a name ([`isomm_core::Text::phrased`] marks them with
/// [`PHRASE_BREAK`]); a word or phrase is cut between characters only when it is wider than a line
/// by itself (or, for a Japanese name without phrases, where the line is full).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let (mut line, mut used) = (String::new(), 0);
    for unit in text.split_inclusive([' ', PHRASE_BREAK]) {
        let w = text_width(unit.trim_end_matches([' ', PHRASE_BREAK]));
        let whole = unit.is_ascii() || unit.ends_with(PHRASE_BREAK) || text.contains(PHRASE_BREAK);
        if used + w <= width {
            line.push_str(unit);
            used += text_width(unit);
        } else if whole && w <= width {
            lines.push(std::mem::take(&mut line));
            line.push_str(unit);
            used = text_width(unit);
        } else {
            for c in unit.chars() {
                if used + char_width(c) > width && !line.trim().is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += char_width(c);
            }
        }
    }
    lines.push(line);
    lines
        .into_iter()
        .map(|l| l.replace(PHRASE_BREAK, "").trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The runs of neighbouring present points around the radar (the last axis neighbours the first).
fn runs(vertices: &[Option<Point>]) -> Vec<Vec<Point>> {
    let n = vertices.len();
    // Start after an absent axis, so that a run crossing from the last axis to the first stays whole.
    let Some(gap) = vertices.iter().position(Option::is_none) else {
        return vec![vertices.iter().flatten().copied().collect()];
    };
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for k in 1..=n {
        match vertices[(gap + k) % n] {
            Some(p) => run.push(p),
            None => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

impl RadarChart {
    /// A radar with one axis per label and the given series (values are clamped to 0..5; an absent
    /// value has no point, and the line breaks there).
    pub fn new(labels: &[String], series: Vec<Series>) -> RadarChart {
        RadarChart::laid_out(labels, series, Layout::WIDE)
    }

    /// The same chart laid out for a phone ([`Layout::NARROW`]): each axis named by its first
    /// word (the function's letter, which the table beside the chart names in full), large enough
    /// to read; the same series, target, title and description.
    pub fn narrow(&self) -> RadarChart {
        let letters: Vec<String> = self
            .axis_names
            .iter()
            .map(|name| name.split([' ', '.']).next().unwrap_or(name).to_string())
            .collect();
        let mut chart = RadarChart::laid_out(&letters, self.series.clone(), Layout::NARROW);
        chart.axis_names = self.axis_names.clone();
        chart.label_texts = self.label_texts.clone();
        chart.title = self.title.clone();
        chart.none = self.none.clone();
        match &self.target {
            Some((level, _)) => chart.with_target(*level, &self.target_label),
            None => chart,
        }
    }

    /// The same chart with one more series (an earlier round's ghost), laid out, targeted and
    /// described as this one.
    pub fn with_series(&self, extra: Series) -> RadarChart {
        let mut series = self.series.clone();
        series.push(extra);
        let chart = RadarChart::laid_out(&self.label_texts, series, self.layout);
        let chart = match &self.target {
            Some((level, _)) => chart.with_target(*level, &self.target_label),
            None => chart,
        };
        chart.described(&self.title, &self.none)
    }

    fn laid_out(labels: &[String], series: Vec<Series>, layout: Layout) -> RadarChart {
        let radius = layout.radius;
        let label_texts = labels.to_vec();
        let count = labels.len().max(3);
        let axis_names: Vec<String> = labels.iter().map(|l| l.replace(PHRASE_BREAK, "")).collect();
        let (width, center) = (
            640.0,
            Point {
                x: 320.0,
                y: layout.center_y,
            },
        );
        // Below the lowest labels (500 for the wide chart, as it always was).
        let legend_y = center.y + radius + layout.legend_gap;
        let rings = (1..=5)
            .map(|level| {
                let r = radius * f64::from(level) / MAX_LEVEL;
                points(
                    &(0..count)
                        .map(|i| polar(center, i, count, r))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let ring_labels = (1..=5u8)
            .map(|l| {
                (
                    Point {
                        x: center.x + 4.0,
                        y: center.y - radius * f64::from(l) / MAX_LEVEL + 4.0,
                    },
                    l,
                )
            })
            .collect();
        let axes = (0..count)
            .map(|i| polar(center, i, count, radius))
            .collect();
        let labels = labels
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let p = polar(center, i, count, radius + 16.0);
                let anchor = if (p.x - center.x).abs() < 8.0 {
                    "middle"
                } else if p.x < center.x {
                    "end"
                } else {
                    "start"
                };
                let lines = wrap(text, layout.wrap);
                // Labels above the centre grow upwards, the others downwards.
                let y = if p.y < center.y - 8.0 {
                    p.y - layout.line * (lines.len() as f64 - 1.0)
                } else {
                    p.y + layout.font * 0.7
                };
                AxisLabel {
                    x: p.x,
                    y,
                    anchor,
                    lines,
                }
            })
            .collect();
        let series = series
            .into_iter()
            .map(|mut s| {
                let vertices: Vec<Option<Point>> = (0..count)
                    .map(|i| {
                        let v = s.values.get(i).copied().flatten()?;
                        Some(polar(
                            center,
                            i,
                            count,
                            radius * v.clamp(0.0, MAX_LEVEL) / MAX_LEVEL,
                        ))
                    })
                    .collect();
                s.dots = vertices.iter().flatten().copied().collect();
                s.points.clear();
                s.segments.clear();
                if s.dots.len() == count {
                    s.points = points(&s.dots);
                } else {
                    s.segments = runs(&vertices).iter().map(|run| points(run)).collect();
                }
                s
            })
            .collect::<Vec<_>>();
        RadarChart {
            target: None,
            target_label: String::new(),
            title: String::new(),
            none: String::new(),
            axis_names,
            width,
            // Room for the legend: the series and the target ring, in rows.
            height: legend_y
                + 20.0
                + layout.legend_row
                    * ((series.len() + 1).div_ceil(layout.legend_columns) as f64 - 1.0).max(0.0),
            center,
            rings,
            ring_labels,
            axes,
            labels,
            legend_y,
            label_texts,
            layout,
            series,
        }
    }

    /// Draws the ring of the target level, named `label` in the legend.
    pub fn with_target(mut self, level: u8, label: &str) -> RadarChart {
        let count = self.axes.len();
        let r = self.layout.radius * f64::from(level).clamp(0.0, MAX_LEVEL) / MAX_LEVEL;
        let ring: Vec<Point> = (0..count)
            .map(|i| polar(self.center, i, count, r))
            .collect();
        self.target = Some((level, points(&ring)));
        self.target_label = label.to_string();
        self
    }

    /// Names the chart and says its values in words (`<title>` and `<desc>`, which screen readers
    /// read and axe-core asks for); `none` stands for an absent value.
    pub fn described(mut self, title: &str, none: &str) -> RadarChart {
        self.title = title.to_string();
        self.none = none.to_string();
        let names = self.axis_names.clone();
        for s in &mut self.series {
            let values = names
                .iter()
                .zip(s.values.iter().chain(std::iter::repeat(&None)))
                .map(|(axis, v)| {
                    let v = v.map_or_else(|| none.to_string(), |v| one_decimal(Some(v)));
                    format!("{} {v}", axis.split(' ').next().unwrap_or(axis))
                })
                .collect::<Vec<_>>()
                .join(", ");
            s.described = format!("{}: {values}", s.name);
        }
        self
    }

    /// The description of the chart: every visible series in words.
    pub fn description(&self) -> String {
        let mut lines: Vec<String> = self
            .series
            .iter()
            .filter(|s| !s.hidden)
            .map(|s| s.described.clone())
            .collect();
        if let Some((level, _)) = &self.target {
            lines.push(format!("{}: {level}", self.target_label));
        }
        lines.join("; ")
    }

    /// The legend entries laid out in rows (three, or two on a phone).
    pub fn legend(&self) -> Vec<(f64, f64, &Series)> {
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (x, y) = self.legend_place(i);
                (x, y, s)
            })
            .collect()
    }

    /// Where the target ring's legend entry goes: after the series.
    pub fn target_legend(&self) -> (f64, f64) {
        self.legend_place(self.series.len())
    }

    fn legend_place(&self, i: usize) -> (f64, f64) {
        let l = self.layout;
        (
            40.0 + l.legend_width * (i % l.legend_columns) as f64,
            self.legend_y + l.legend_row * (i / l.legend_columns) as f64,
        )
    }

    pub fn fmt(v: &f64) -> String {
        crate::view::shown(*v)
    }
}

/// The seed's four-area diagram of a pattern: specialist areas on the left (III, IV), own areas on
/// the right (II, I), in-house areas shaded; areas whose sourcing differs from another pattern (the
/// current one, for the target's diagram) outlined in the target colour.
#[derive(Template)]
#[template(path = "pattern.svg")]
pub struct PatternDiagram {
    pub quadrants: Vec<Quadrant>,
    pub outsource: &'static str,
    pub insource: &'static str,
    /// The pattern's name and its in-house areas, for screen readers.
    pub label: String,
}

pub struct Quadrant {
    pub x: f64,
    pub y: f64,
    pub shaded: bool,
    pub changed: bool,
    pub lines: Vec<String>,
}

impl PatternDiagram {
    pub fn new(
        catalog: &Catalog,
        pattern: usize,
        from: Option<usize>,
        lang: Lang,
    ) -> PatternDiagram {
        let p = &catalog.patterns()[pattern];
        let before = from.map(|f| &catalog.patterns()[f]);
        let ui = crate::ui::ui(lang);
        let place = [
            (Area::III, 0.0, 0.0),
            (Area::II, 110.0, 0.0),
            (Area::IV, 0.0, 62.0),
            (Area::I, 110.0, 62.0),
        ];
        let in_house: Vec<&str> = Area::ALL
            .into_iter()
            .filter(|a| p.insources(*a))
            .map(Area::as_str)
            .collect();
        PatternDiagram {
            quadrants: place
                .into_iter()
                .map(|(area, x, y)| Quadrant {
                    x,
                    y,
                    shaded: p.insources(area),
                    changed: before.is_some_and(|b| b.insources(area) != p.insources(area)),
                    lines: wrap(&format!("{}. {}", area.as_str(), area.name(lang)), 18),
                })
                .collect(),
            outsource: ui.axis_outsource,
            insource: ui.axis_insource,
            label: format!(
                "{}: {} {}",
                p.name.get(lang),
                ui.in_house_areas,
                if in_house.is_empty() {
                    ui.none.to_string()
                } else {
                    in_house.join(separator(lang))
                }
            ),
        }
    }
}

/// The colour of a position's series (the web page's radar switches use the same).
pub fn position_color(position: isomm_core::Position) -> &'static str {
    PALETTE[4 + position as usize]
}

/// One position's marker in the positions chart.
pub struct PositionMark {
    pub x: f64,
    pub y: f64,
    pub color: &'static str,
    /// 0 circle, 1 square, 2 triangle, 3 diamond: the shape tells positions apart without colour.
    pub shape: usize,
    pub value: String,
}

/// The per-position comparison: a row per function, a marker per position on the 0–5 scale.
#[derive(Template)]
#[template(path = "positions.svg")]
pub struct PositionChart {
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub scale: f64,
    pub ticks: Vec<(f64, u8)>,
    /// Each function's label, wrapped to fit the label column, with its row's y.
    pub rows: Vec<PositionRow>,
    pub marks: Vec<PositionMark>,
    /// Legend: (x, colour, shape, name).
    pub legend: Vec<(f64, &'static str, usize, String)>,
    pub legend_y: f64,
    pub target_x: f64,
    pub title: String,
    pub description: String,
}

/// A function's row of the positions chart: its label's lines (long names wrap, English ones
/// between words, Japanese ones between phrases), the row's y and the first line's baseline.
#[derive(Serialize)]
pub struct PositionRow {
    pub lines: Vec<String>,
    pub y: f64,
    pub text_y: f64,
}

/// Columns of the positions chart's label column (a wide character is two).
const POSITION_LABEL_COLUMNS: usize = 40;
/// The distance between the lines of a wrapped label.
const POSITION_LINE_HEIGHT: f64 = 11.0;

impl PositionChart {
    pub fn new(
        catalog: &Catalog,
        e: &Evaluation,
        target: u8,
        lang: Lang,
        ui: &Ui,
    ) -> PositionChart {
        let (label_width, scale, row, top) = (250.0, 80.0, 24.0, 30.0);
        let rows: Vec<PositionRow> = catalog
            .functions()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let y = top + row * i as f64;
                let lines = wrap(
                    &format!("{} {}", f.id, f.name.phrased(lang)),
                    POSITION_LABEL_COLUMNS,
                );
                // The lines centred on the row.
                let text_y = y + 4.0 - POSITION_LINE_HEIGHT * (lines.len() as f64 - 1.0) / 2.0;
                PositionRow { lines, y, text_y }
            })
            .collect();
        let mut marks = Vec::new();
        let mut described = Vec::new();
        for (k, p) in e.positions.iter().enumerate() {
            let color = position_color(p.position);
            let shape = p.position as usize;
            for (i, v) in p.functions.iter().enumerate() {
                if let Some(v) = v {
                    marks.push(PositionMark {
                        // Positions with equal values sit side by side, not on top of each other.
                        x: label_width + v.clamp(0.0, 5.0) * scale,
                        y: rows[i].y + 4.0 * k as f64 - 6.0,
                        color,
                        shape,
                        value: one_decimal(Some(*v)),
                    });
                }
            }
            described.push(format!(
                "{}: {}",
                p.position.name(lang),
                catalog
                    .functions()
                    .iter()
                    .zip(&p.functions)
                    .map(|(f, v)| format!(
                        "{} {}",
                        f.id,
                        v.map_or_else(|| ui.none_dash.to_string(), |v| one_decimal(Some(v)))
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let height = top + row * rows.len() as f64 + 34.0;
        PositionChart {
            width: label_width + 5.0 * scale + 30.0,
            height,
            label_width,
            scale,
            ticks: (0..=5u8)
                .map(|t| (label_width + f64::from(t) * scale, t))
                .collect(),
            marks,
            legend: e
                .positions
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    (
                        150.0 * k as f64,
                        position_color(p.position),
                        p.position as usize,
                        crate::view::who(p.position.name(lang), &p.respondents.to_string(), lang),
                    )
                })
                .collect(),
            legend_y: height - 10.0,
            target_x: label_width + f64::from(target) * scale,
            rows,
            title: ui.positions_heading.to_string(),
            description: described.join("; "),
        }
    }
}

#[derive(Serialize)]
pub struct RoleBar {
    pub id: String,
    pub name: String,
    pub y: f64,
    /// Width of the bar; 0 for a not applicable role.
    pub width: f64,
    pub color: &'static str,
    /// How the role is sourced, in a short word after the value (colour alone is lost in a
    /// black-and-white print).
    pub mark: &'static str,
    pub value: String,
    pub not_applicable: bool,
    /// The bar's share of the 0–5 scale.
    pub fraction: f64,
    /// The level rests on fewer than two answering respondents ([`crate::plan::thin`]).
    pub thin: bool,
}

/// The bar chart of one function's roles.
#[derive(Template, Serialize)]
#[template(path = "roles.svg")]
pub struct RoleChart {
    pub function: String,
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub scale: f64,
    pub ticks: Vec<(f64, u8)>,
    pub target_x: f64,
    pub bars: Vec<RoleBar>,
    pub not_applicable: &'static str,
    pub target_label: &'static str,
    pub target: u8,
    /// The chart's values in words, for screen readers.
    pub description: String,
    /// The respondents' notes on the function's roles, shown under the chart.
    pub notes: Vec<RoleNotes>,
}

/// The notes on one role (up to [`crate::view::NOTES_SHOWN`], the rest counted).
#[derive(Serialize)]
pub struct RoleNotes {
    pub id: String,
    pub name: String,
    pub notes: Vec<crate::view::NoteView>,
    pub more_notes_text: String,
}

const ROW: f64 = 20.0;
const TOP: f64 = 34.0;

impl RoleChart {
    /// One chart per function, so that a printed report can break pages between them.
    pub fn for_functions(
        catalog: &Catalog,
        assessment: &Assessment,
        e: &Evaluation,
        lang: Lang,
        ui: &'static Ui,
    ) -> Vec<RoleChart> {
        let target = assessment.target_level.get();
        let (label_width, scale) = (350.0, 60.0);
        catalog
            .functions()
            .iter()
            .map(|f| {
                let bars: Vec<RoleBar> = f
                    .roles
                    .clone()
                    .enumerate()
                    .map(|(i, r)| {
                        let role = &catalog.roles()[r];
                        let result = &e.roles[r];
                        let (color, mark) =
                            match (result.insource.is_some(), result.outsource.is_some()) {
                                (true, true) => (BOTH, ui.mark_both),
                                (true, false) => (INSOURCE, ui.mark_insourced),
                                (false, true) => (OUTSOURCE, ui.mark_outsourced),
                                (false, false) => (UNANSWERED, ui.mark_unanswered),
                            };
                        let level = result.level.unwrap_or(0.0).clamp(0.0, 5.0);
                        RoleBar {
                            id: role.id.clone(),
                            name: role.name.get(lang).to_string(),
                            y: TOP + ROW * i as f64,
                            width: level * scale,
                            color,
                            mark,
                            value: one_decimal(result.level),
                            not_applicable: result.level.is_none(),
                            fraction: level / 5.0,
                            thin: result.level.is_some() && crate::plan::thin(assessment, r),
                        }
                    })
                    .collect();
                let description = bars
                    .iter()
                    .map(|b| {
                        let value = if b.not_applicable {
                            ui.not_applicable
                        } else {
                            b.value.as_str()
                        };
                        format!("{} {value}", b.id)
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let notes = f
                    .roles
                    .clone()
                    .filter_map(|r| {
                        let (notes, more) = crate::view::notes_of(assessment, r, lang);
                        (!notes.is_empty()).then(|| RoleNotes {
                            id: catalog.roles()[r].id.clone(),
                            name: catalog.roles()[r].name.get(lang).to_string(),
                            notes,
                            more_notes_text: crate::view::more_notes_text(more, lang),
                        })
                    })
                    .collect();
                RoleChart {
                    notes,
                    target,
                    description: format!("{description}; {} {target}", ui.legend_target),
                    function: format!("{} {}", f.id, f.name.get(lang)),
                    width: label_width + 5.0 * scale + 50.0,
                    height: TOP + ROW * bars.len() as f64 + 6.0,
                    label_width,
                    scale,
                    ticks: (0..=5u8)
                        .map(|t| (label_width + f64::from(t) * scale, t))
                        .collect(),
                    target_x: label_width + f64::from(target) * scale,
                    bars,
                    not_applicable: ui.not_applicable,
                    target_label: ui.legend_target,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions chart's labels fit their column in both languages: long English names wrap
    /// between words (Japanese between phrases) into at most two lines, and nothing is lost.
    #[test]
    fn position_labels_wrap_to_their_column() {
        let catalog = Catalog::builtin();
        let a = isomm_core::answers::parse(
            include_str!("../../../examples/hybrid-soc-mssp.toml"),
            isomm_core::answers::AnswersFormat::Toml,
            catalog,
            &Default::default(),
        )
        .unwrap();
        let e = isomm_core::evaluate(catalog, &a);
        for lang in [Lang::Ja, Lang::En] {
            let chart = PositionChart::new(catalog, &e, 4, lang, crate::ui::ui(lang));
            for (row, f) in chart.rows.iter().zip(catalog.functions()) {
                assert!(
                    (1..=2).contains(&row.lines.len()),
                    "{lang:?} {:?}",
                    row.lines
                );
                for line in &row.lines {
                    assert!(
                        text_width(line) <= POSITION_LABEL_COLUMNS,
                        "{lang:?} {line}"
                    );
                }
                let joined: String = row.lines.join(" ");
                let whole = format!("{} {}", f.id, f.name.get(lang));
                let squeeze = |s: &str| s.replace(' ', "");
                assert_eq!(squeeze(&joined), squeeze(&whole), "{lang:?}");
            }
            // The longest English name wraps.
            if lang == Lang::En {
                assert!(chart.rows.iter().any(|r| r.lines.len() == 2));
            }
        }
    }

    #[test]
    fn wrap_splits_words_and_characters() {
        assert_eq!(
            wrap(
                "F Threat intelligence collection, analysis and evaluation",
                20
            ),
            [
                "F Threat",
                "intelligence",
                "collection, analysis",
                "and evaluation"
            ]
        );
        assert_eq!(
            wrap("F 脅威情報の収集および分析と評価", 20),
            ["F 脅威情報の収集およ", "び分析と評価"]
        );
        assert_eq!(wrap("A-1", 20), ["A-1"]);
        // With the model's phrases, a line breaks between phrases only.
        let f = &isomm_core::Catalog::builtin().functions()[5];
        let label = format!("{} {}", f.id, f.name.phrased(isomm_core::Lang::Ja));
        assert_eq!(wrap(&label, 20), ["F 脅威情報の", "収集および分析と評価"]);
        let a = &isomm_core::Catalog::builtin().functions()[0];
        let label = format!("{} {}", a.id, a.name.phrased(isomm_core::Lang::Ja));
        assert_eq!(wrap(&label, 20), ["A セキュリティ対応", "組織運営"]);
    }

    #[test]
    fn radar_vertices_sit_on_their_level() {
        let labels: Vec<String> = (0..4).map(|i| i.to_string()).collect();
        let chart = RadarChart::new(
            &labels,
            vec![Series::new(
                "s",
                COMBINED,
                vec![Some(5.0), Some(2.5), None, Some(9.0)],
            )],
        );
        let s = &chart.series[0];
        // Axis 0 points up: level 5 is a full radius above the centre.
        assert_eq!(
            s.dots[0],
            Point {
                x: 320.0,
                y: 250.0 - RADIUS
            }
        );
        // Axis 1 points right: 2.5 is half a radius. Absent values have no dot; 9 is clamped to 5.
        assert!((s.dots[1].x - (320.0 + RADIUS / 2.0)).abs() < 1e-9);
        assert_eq!(s.dots.len(), 3);
        assert!((s.dots[2].x - (320.0 - RADIUS)).abs() < 1e-9);
        let svg = chart.render().unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("320.0,80.0 "), "{svg}");
    }

    /// An absent value breaks the line: no point at the centre, the neighbours joined around it.
    #[test]
    fn absent_values_leave_a_gap_not_a_point_at_zero() {
        let labels: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        let chart = RadarChart::new(
            &labels,
            vec![
                Series::new(
                    "s",
                    OUTSOURCE,
                    vec![Some(3.0), None, Some(3.0), Some(3.0), None],
                ),
                Series::new("none", INSOURCE, vec![None; 5]),
            ],
        )
        .with_target(4, "target")
        .described("radar", "—");
        let svg = chart.render().unwrap();
        let centre = "320.0,250.0";
        assert!(!svg.contains(centre), "a point at the centre: {svg}");
        let s = &chart.series[0];
        assert!(s.points.is_empty(), "not a closed outline");
        // Axes 2 and 3 form one run; axis 0 stands alone between two gaps.
        assert_eq!(s.segments.len(), 2, "{:?}", s.segments);
        assert_eq!(s.dots.len(), 3);
        let empty = &chart.series[1];
        assert!(empty.dots.is_empty() && empty.segments.is_empty() && empty.points.is_empty());
        // The ring of the target level, and the values in words.
        assert!(svg.contains("class=\"target\""), "{svg}");
        assert!(
            chart.description().contains("s: 0 3.0, 1 —, 2 3.0"),
            "{}",
            chart.description()
        );
        assert!(
            chart.description().ends_with("target: 4"),
            "{}",
            chart.description()
        );
    }

    #[test]
    fn runs_wrap_around_the_last_axis() {
        let p = |x: f64| Some(Point { x, y: 0.0 });
        let runs = runs(&[p(0.0), p(1.0), None, p(3.0)]);
        assert_eq!(runs.len(), 1);
        assert_eq!(
            runs[0].iter().map(|q| q.x).collect::<Vec<_>>(),
            [3.0, 0.0, 1.0]
        );
    }

    /// Each bar says in a word how its role is sourced, in the chart's language: a print in black
    /// and white loses the colours.
    #[test]
    fn role_bars_name_their_sourcing_in_words() {
        let catalog = Catalog::builtin();
        let assessment = isomm_core::answers::parse(
            include_str!("../../../examples/hybrid-soc-mssp.toml"),
            isomm_core::answers::AnswersFormat::Toml,
            catalog,
            &isomm_core::answers::Overrides::default(),
        )
        .unwrap();
        let e = isomm_core::evaluate(catalog, &assessment);
        for lang in [Lang::Ja, Lang::En] {
            let ui = crate::ui::ui(lang);
            let charts = RoleChart::for_functions(catalog, &assessment, &e, lang, ui);
            let bar = |id: &str| {
                charts
                    .iter()
                    .flat_map(|c| &c.bars)
                    .find(|b| b.id == id)
                    .unwrap()
            };
            // The example: A-2 insourced only, A-4 both sides.
            assert_eq!(bar("A-2").mark, ui.mark_insourced);
            assert_eq!(bar("A-4").mark, ui.mark_both);
            let outsourced = charts
                .iter()
                .flat_map(|c| &c.bars)
                .find(|b| b.color == OUTSOURCE)
                .expect("the example has a role outsourced only");
            assert_eq!(outsourced.mark, ui.mark_outsourced);
            let svg = charts[0].render().unwrap();
            let label = format!("{} {}", bar("A-2").value, ui.mark_insourced);
            assert!(svg.contains(&label), "{label} in {svg}");
        }
        assert_eq!(crate::ui::ui(Lang::Ja).mark_outsourced, "外");
    }

    #[test]
    fn labels_are_escaped() {
        let chart = RadarChart::new(&["<b>&".to_string(), "b".into(), "c".into()], vec![]);
        let svg = chart.render().unwrap();
        assert!(
            svg.contains("&#60;b&#62;&#38;") || svg.contains("&lt;b&gt;&amp;"),
            "{svg}"
        );
    }
}
