//! The trend of one organisation's rounds (`isomm trend`, `isomm-trend/1` of formats.md): the
//! rounds of one model in date order ([`Trend`]), as CSV, JSON, or an SVG of line charts (the
//! overall, then one small chart per function).
//!
//! Rounds are ordered by their date, then by the order given; a round without a date comes after
//! every dated one (its place in time is not known), in the order given. Numbers are unrounded in
//! CSV and JSON, absent values empty or `null`; the chart shows them rounded as every format does
//! ([`crate::view::one_decimal`]) and breaks its line at an absent value instead of drawing 0.

use std::io;

use askama::Template;
use isomm_core::compare::{self, Incomparable, Threshold};
use isomm_core::{Catalog, Lang};
use serde::Serialize;

use crate::chart::{self, Point};
use crate::read::RoundRecord;
use crate::view::one_decimal;

pub const TREND_FORMAT: &str = "isomm-trend/1";

/// The fewest rounds a trend shows.
pub const MIN_ROUNDS: usize = 2;

/// Why files do not make one trend.
#[derive(Clone, Debug, PartialEq)]
pub enum TrendProblem {
    /// Fewer than [`MIN_ROUNDS`] rounds.
    TooFew { given: usize },
    /// A round that is not of the first round's model (C1): both files, and what differs.
    Mixed {
        first: String,
        other: String,
        why: Incomparable,
    },
}

/// Rounds of one model, each with the name of the file it came from, in the trend's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    rounds: Vec<(String, RoundRecord)>,
}

impl Trend {
    /// The rounds as given (file name and record) checked and ordered: every round comparable with
    /// the first one given (C1: the same model, functions and roles), then sorted by date, those
    /// without a date last, the order given kept among equals.
    pub fn new(mut rounds: Vec<(String, RoundRecord)>) -> Result<Trend, TrendProblem> {
        if rounds.len() < MIN_ROUNDS {
            return Err(TrendProblem::TooFew {
                given: rounds.len(),
            });
        }
        let (first_file, first) = &rounds[0];
        for (file, r) in &rounds[1..] {
            if let Err(why) = compare::compare(&first.round, &r.round, Threshold::default()) {
                return Err(TrendProblem::Mixed {
                    first: first_file.clone(),
                    other: file.clone(),
                    why,
                });
            }
        }
        // A stable sort: equal dates, and every undated round, stay in the order given.
        rounds.sort_by(|(_, a), (_, b)| {
            let key = |r: &RoundRecord| (r.info.date.is_none(), r.info.date.clone());
            key(a).cmp(&key(b))
        });
        Ok(Trend { rounds })
    }

    /// A series of one round so far (its page and CSV list it; a chart needs two).
    pub fn single(round: (String, RoundRecord)) -> Trend {
        Trend {
            rounds: vec![round],
        }
    }

    /// File names and records, in the trend's order.
    pub fn rounds(&self) -> &[(String, RoundRecord)] {
        &self.rounds
    }
}

/// The trend document `isomm-trend/1`, field for field as formats.md shows it.
#[derive(Serialize, Debug, PartialEq)]
pub struct TrendDocument<'a> {
    pub format: &'static str,
    pub model: &'a str,
    pub rounds: Vec<TrendRound<'a>>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct TrendRound<'a> {
    pub date: Option<&'a str>,
    pub organization: &'a str,
    pub title: &'a str,
    pub respondents: usize,
    pub overall: Option<f64>,
    pub functions: Vec<FunctionPoint<'a>>,
    /// The round's target level: drawn in the chart, not a field of the document.
    #[serde(skip)]
    pub target_level: u8,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct FunctionPoint<'a> {
    pub id: &'a str,
    pub maturity: Option<f64>,
}

impl<'a> TrendDocument<'a> {
    pub fn new(trend: &'a Trend) -> TrendDocument<'a> {
        TrendDocument {
            format: TREND_FORMAT,
            model: trend
                .rounds
                .first()
                .map_or("", |(_, r)| r.round.model.as_str()),
            rounds: trend
                .rounds
                .iter()
                .map(|(_, r)| TrendRound {
                    date: r.info.date.as_deref(),
                    organization: &r.info.organization,
                    title: &r.info.title,
                    respondents: r.info.respondents,
                    overall: r.round.overall,
                    functions: r
                        .round
                        .functions
                        .iter()
                        .map(|f| FunctionPoint {
                            id: &f.id,
                            maturity: f.maturity,
                        })
                        .collect(),
                    target_level: r.info.target_level,
                })
                .collect(),
        }
    }

    /// The model's function ids, in catalog order (every round has the same).
    fn function_ids(&self) -> Vec<&'a str> {
        self.rounds
            .first()
            .map(|r| r.functions.iter().map(|f| f.id).collect())
            .unwrap_or_default()
    }
}

/// The trend document, pretty-printed, with a final newline.
pub fn write_json<W: io::Write>(out: &mut W, doc: &TrendDocument) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// The columns of `isomm trend --format csv` before the functions' (one per function id).
pub const CSV_COLUMNS: [&str; 5] = ["date", "organization", "title", "respondents", "overall"];

/// The trend as CSV (UTF-8 with BOM, unrounded, empty cells for null): one row per round, each
/// function's maturity in the column of its id.
pub fn write_csv<W: io::Write>(out: &mut W, doc: &TrendDocument) -> io::Result<()> {
    out.write_all(crate::sheet::UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.extend(doc.function_ids());
    w.write_record(crate::sheet::safe_record(&header))?;
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    for r in &doc.rounds {
        let mut cells = vec![
            r.date.unwrap_or_default().to_string(),
            r.organization.to_string(),
            r.title.to_string(),
            r.respondents.to_string(),
            number(r.overall),
        ];
        cells.extend(r.functions.iter().map(|f| number(f.maturity)));
        w.write_record(crate::sheet::safe_record(&cells))?;
    }
    w.flush()
}

isomm_core::words! {
    /// The chart's words, from the `trend-` messages of `report.ftl` (`no_date` from
    /// `trend-no-date`).
    pub struct TrendWords prefix "trend-" {
        /// The chart's title.
        heading,
        /// Under the chart: how to read it.
        note,
        /// Where a round has no date.
        no_date,
        /// Where a round has no value (said, not drawn).
        no_value,
        /// Between the charts in the text alternative.
        separator,
    }
}

/// The message file of the reports in `lang` (the trend's words are a section of it).
fn source(lang: Lang) -> &'static str {
    isomm_core::messages::file(lang, isomm_core::messages::File::Report)
}

fn fill(m: &mut isomm_core::messages::Messages) -> TrendWords {
    TrendWords::read(m)
}

/// Every message of the trend, asked for by the report's words' check ([`crate::ui`]), which owns
/// `report.ftl`.
pub(crate) fn ask(m: &mut isomm_core::messages::Messages) {
    let _ = fill(m);
    let _ = m.format("trend-round", &[("round", "1")]);
    let _ = m.format("trend-point", &[("round", "1"), ("value", "2.5")]);
    let _ = m.format(
        "trend-point-dated",
        &[("round", "1"), ("date", "2026-04-01"), ("value", "2.5")],
    );
}

/// The trend's words in `lang`.
pub fn words(lang: Lang) -> &'static TrendWords {
    static WORDS: isomm_core::messages::PerLang<TrendWords> = isomm_core::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

const WIDTH: f64 = 640.0;
const MAX_LEVEL: f64 = 5.0;
/// Small charts per row.
const COLUMNS: usize = 3;

/// Where a chart is drawn and how large its writing is.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    font: f64,
}

impl Frame {
    /// The height of `level` (clamped to 0–5).
    fn y(&self, level: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * level.clamp(0.0, MAX_LEVEL) / MAX_LEVEL
    }

    /// The middle of the `i`-th of `n` rounds' bands.
    fn x(&self, i: usize, n: usize) -> f64 {
        self.left + (self.right - self.left) * (i as f64 + 0.5) / n.max(1) as f64
    }

    /// The left edge of the `i`-th of `n` rounds' bands.
    fn band(&self, i: usize, n: usize) -> f64 {
        self.left + (self.right - self.left) * i as f64 / n.max(1) as f64
    }
}

/// A text placed at a point.
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// A gridline at a level, with the level written at its left.
pub struct Gridline {
    pub y: f64,
    pub level: u8,
}

/// One chart of the trend: a heading, levels 0–5, the target as a dashed line, the values as a
/// line with dots labelled with their value, and the rounds along the bottom.
pub struct Panel {
    pub left: f64,
    pub right: f64,
    pub font: f64,
    /// The heading's lines.
    pub heading: Vec<Label>,
    pub heading_font: f64,
    pub grid: Vec<Gridline>,
    /// The target level, a step per round (a straight line when every round has the same).
    pub target: String,
    /// The runs of neighbouring rounds that have a value, each an open line: a round without a
    /// value breaks the line (it is not 0).
    pub runs: Vec<String>,
    pub dots: Vec<Point>,
    /// Each value, rounded as shown, above its dot.
    pub values: Vec<Label>,
    /// Each round along the bottom, one or two lines.
    pub rounds: Vec<(f64, f64, Vec<String>)>,
    /// The chart's values in words (the group's `<title>`).
    pub described: String,
}

/// The trend chart: the overall over the rounds, then one small chart per function.
#[derive(Template)]
#[template(path = "trend.svg")]
pub struct TrendChart {
    pub width: f64,
    pub height: f64,
    /// `<title>` and the visible heading.
    pub title: String,
    /// Every value in words (`<desc>`).
    pub description: String,
    pub series_label: String,
    pub target_label: String,
    pub series_color: &'static str,
    pub target_color: &'static str,
    pub panels: Vec<Panel>,
    /// The note under the charts, in lines.
    pub note: Vec<Label>,
}

impl TrendChart {
    /// The chart of `doc`, its functions named from `catalog` (by id; the id alone when the
    /// catalog has no such function), its words in `lang`.
    pub fn new(doc: &TrendDocument, catalog: &Catalog, lang: Lang) -> TrendChart {
        let ui = crate::ui::ui(lang);
        let words = words(lang);
        let targets: Vec<u8> = doc.rounds.iter().map(|r| r.target_level).collect();
        // How a round is said: its number, and its date in the overall's chart.
        let said =
            |v: Option<f64>| v.map_or_else(|| words.no_value.to_string(), |v| one_decimal(Some(v)));
        let say_point = |i: usize, value: String, dated: bool| {
            let round = (i + 1).to_string();
            if dated {
                let date = doc.rounds[i].date.unwrap_or(words.no_date);
                let args = [("round", round.as_str()), ("date", date), ("value", &value)];
                crate::ui::say(lang, "trend-point-dated", &args)
            } else {
                let args = [("round", round.as_str()), ("value", value.as_str())];
                crate::ui::say(lang, "trend-point", &args)
            }
        };
        let describe = |name: &str, values: &[Option<f64>], dated: bool| {
            let points: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, v)| say_point(i, said(*v), dated))
                .collect();
            format!("{name}{}{}", ui.colon, points.join(ui.list_separator))
        };
        let target_said = if targets.windows(2).all(|w| w[0] == w[1]) {
            targets.first().map(u8::to_string).unwrap_or_default()
        } else {
            let points: Vec<String> = targets
                .iter()
                .enumerate()
                .map(|(i, t)| say_point(i, t.to_string(), false))
                .collect();
            points.join(ui.list_separator)
        };
        let target_said = format!("{}{}{target_said}", ui.legend_target, ui.colon);

        let mut panels = Vec::new();
        // The overall, large, each round named by its number and date.
        let overall: Vec<Option<f64>> = doc.rounds.iter().map(|r| r.overall).collect();
        let frame = Frame {
            left: 50.0,
            right: WIDTH - 20.0,
            top: 96.0,
            bottom: 266.0,
            font: 11.0,
        };
        let round_lines = |i: usize| {
            let round = (i + 1).to_string();
            vec![
                crate::ui::say(lang, "trend-round", &[("round", &round)]),
                doc.rounds[i].date.unwrap_or(words.no_date).to_string(),
            ]
        };
        panels.push(panel(
            frame,
            vec![Label {
                x: 20.0,
                y: 78.0,
                text: ui.overall.to_string(),
            }],
            13.0,
            &overall,
            &targets,
            round_lines,
            describe(ui.overall, &overall, true),
        ));
        let mut description = vec![panels[0].described.clone(), target_said];

        // One small chart per function, three to a row, each round by its number.
        let ids = doc.function_ids();
        let (first_row, row_height, column_width) = (330.0, 184.0, 200.0);
        for (k, id) in ids.iter().enumerate() {
            let values: Vec<Option<f64>> = doc
                .rounds
                .iter()
                .map(|r| r.functions.get(k).and_then(|f| f.maturity))
                .collect();
            let name = catalog
                .functions()
                .iter()
                .find(|f| f.id == *id)
                .map_or_else(
                    || id.to_string(),
                    |f| format!("{id} {}", f.name.phrased(lang)),
                );
            let x0 = 20.0 + column_width * (k % COLUMNS) as f64;
            let y0 = first_row + row_height * (k / COLUMNS) as f64;
            let mut lines = chart::wrap(&name, 30);
            if lines.len() > 3 {
                lines.truncate(3);
                lines[2].push('…');
            }
            let heading = lines
                .into_iter()
                .enumerate()
                .map(|(j, text)| Label {
                    x: x0,
                    y: y0 + 14.0 * (j as f64 + 1.0),
                    text,
                })
                .collect();
            let frame = Frame {
                left: x0 + 22.0,
                right: x0 + column_width - 12.0,
                top: y0 + 64.0,
                bottom: y0 + 154.0,
                font: 9.0,
            };
            let plain = name.replace(isomm_core::PHRASE_BREAK, "");
            let described = describe(&plain, &values, false);
            description.push(described.clone());
            panels.push(panel(
                frame,
                heading,
                11.0,
                &values,
                &targets,
                |i| vec![(i + 1).to_string()],
                described,
            ));
        }
        let below = first_row + row_height * ids.len().div_ceil(COLUMNS) as f64 + 6.0;
        let note: Vec<Label> = chart::wrap(words.note, 110)
            .into_iter()
            .enumerate()
            .map(|(j, text)| Label {
                x: 20.0,
                y: below + 14.0 * j as f64,
                text,
            })
            .collect();
        let height = below + 14.0 * note.len() as f64 + 10.0;
        TrendChart {
            width: WIDTH,
            height,
            title: words.heading.to_string(),
            description: description.join(words.separator),
            series_label: ui.maturity.to_string(),
            target_label: ui.legend_target.to_string(),
            series_color: chart::COMBINED,
            target_color: chart::TARGET,
            panels,
            note,
        }
    }
}

/// One chart in `frame`: `values` and `targets` one per round, `round_lines` the words under
/// each round.
fn panel(
    frame: Frame,
    heading: Vec<Label>,
    heading_font: f64,
    values: &[Option<f64>],
    targets: &[u8],
    round_lines: impl Fn(usize) -> Vec<String>,
    described: String,
) -> Panel {
    let n = values.len();
    let grid = (0..=5u8)
        .map(|level| Gridline {
            y: frame.y(f64::from(level)),
            level,
        })
        .collect();
    // The target: across each round's band at its level, joined by upright steps.
    let mut target = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        let y = frame.y(f64::from(*t));
        target.push(Point {
            x: frame.band(i, n),
            y,
        });
        target.push(Point {
            x: frame.band(i + 1, n),
            y,
        });
    }
    let mut runs = Vec::new();
    let mut run: Vec<Point> = Vec::new();
    let mut dots = Vec::new();
    let mut labels = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let p = Point {
                    x: frame.x(i, n),
                    y: frame.y(*v),
                };
                run.push(p);
                dots.push(p);
                labels.push(Label {
                    x: p.x,
                    y: p.y - 7.0,
                    text: one_decimal(Some(*v)),
                });
            }
            None => {
                if !run.is_empty() {
                    runs.push(points(&std::mem::take(&mut run)));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(points(&run));
    }
    let rounds = (0..n)
        .map(|i| {
            (
                frame.x(i, n),
                frame.bottom + frame.font + 5.0,
                round_lines(i),
            )
        })
        .collect();
    Panel {
        left: frame.left,
        right: frame.right,
        font: frame.font,
        heading,
        heading_font,
        grid,
        target: points(&target),
        runs,
        dots,
        values: labels,
        rounds,
        described,
    }
}

fn points(list: &[Point]) -> String {
    list.iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The trend chart of `doc` as an SVG file.
pub fn write_svg<W: io::Write>(
    out: &mut W,
    doc: &TrendDocument,
    catalog: &Catalog,
    lang: Lang,
) -> io::Result<()> {
    TrendChart::new(doc, catalog, lang).write_into(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::{PlanOptions, evaluate};

    /// The record of an example's answers, dated `date`.
    fn record(date: Option<&str>) -> RoundRecord {
        let catalog = Catalog::builtin();
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/one-person-csirt.toml"
        ))
        .unwrap();
        let a =
            answers::parse(&source, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        let mut r = RoundRecord::of(catalog, &a, &evaluate(catalog, &a), PlanOptions::default());
        r.info.date = date.map(str::to_string);
        r
    }

    fn named(rounds: &[(&str, RoundRecord)]) -> Vec<(String, RoundRecord)> {
        rounds
            .iter()
            .map(|(f, r)| (f.to_string(), r.clone()))
            .collect()
    }

    #[test]
    fn rounds_go_by_date_then_in_the_order_given_and_undated_ones_last() {
        let trend = Trend::new(named(&[
            ("a", record(Some("2026-04-01"))),
            ("b", record(None)),
            ("c", record(Some("2025-04-01"))),
            ("d", record(None)),
            ("e", record(Some("2025-04-01"))),
        ]))
        .unwrap();
        let files: Vec<&str> = trend.rounds().iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(files, ["c", "e", "a", "b", "d"]);
    }

    #[test]
    fn rounds_of_another_model_and_a_single_round_are_refused() {
        let mut other = record(Some("2026-04-01"));
        other.round.model = "isomm-9.9".to_string();
        let rounds = named(&[
            ("2025.json", record(Some("2025-04-01"))),
            ("2026.json", record(Some("2026-04-02"))),
            ("other.json", other),
        ]);
        assert_eq!(
            Trend::new(rounds),
            Err(TrendProblem::Mixed {
                first: "2025.json".to_string(),
                other: "other.json".to_string(),
                why: Incomparable::Model {
                    earlier: "isomm-2.1".to_string(),
                    later: "isomm-9.9".to_string(),
                },
            })
        );
        let mut fewer = record(None);
        fewer.round.functions.pop();
        let rounds = named(&[("a", record(None)), ("b", fewer)]);
        assert!(matches!(
            Trend::new(rounds),
            Err(TrendProblem::Mixed {
                why: Incomparable::Functions { .. },
                ..
            })
        ));
        assert_eq!(
            Trend::new(named(&[("a", record(None))])),
            Err(TrendProblem::TooFew { given: 1 })
        );
        assert_eq!(
            Trend::new(Vec::new()),
            Err(TrendProblem::TooFew { given: 0 })
        );
    }

    /// Three rounds, given out of order: April 2025 with a formula for an organisation, October
    /// 2025 whose overall and function B are absent, and one without a date.
    fn three() -> Trend {
        let mut first = record(Some("2025-04-01"));
        first.info.organization = "=HYPERLINK(\"x\")".to_string();
        first.round.overall = Some(2.25);
        let mut gap = record(Some("2025-10-01"));
        gap.round.overall = None;
        gap.round.functions[1].maturity = None;
        let mut last = record(None);
        last.round.overall = Some(1.0 / 3.0);
        Trend::new(named(&[
            ("gap.json", gap),
            ("undated.toml", last),
            ("2025.json", first),
        ]))
        .unwrap()
    }

    #[test]
    fn the_csv_has_one_row_per_round_unrounded_with_empty_cells_for_null() {
        let trend = three();
        let mut out = Vec::new();
        write_csv(&mut out, &TrendDocument::new(&trend)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "date,organization,title,respondents,overall,A,B,C,D,E,F,G,H,I"
        );
        assert_eq!(lines.len(), 4);
        let cells = |line: &str| -> Vec<String> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes())
                .records()
                .next()
                .unwrap()
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect()
        };
        let first = cells(lines[1]);
        assert_eq!(first[0], "2025-04-01");
        assert_eq!(first[1], "'=HYPERLINK(\"x\")", "neutralised");
        assert_eq!(first[3], "1");
        assert_eq!(first[4], "2.25");
        let gap = cells(lines[2]);
        assert_eq!((gap[0].as_str(), gap[4].as_str()), ("2025-10-01", ""));
        assert_eq!(gap[6], "", "function B has no value");
        assert!(!gap[5].is_empty());
        assert_eq!(gap.len(), 14);
        let undated = cells(lines[3]);
        assert_eq!(undated[0], "");
        assert_eq!(undated[4], (1.0f64 / 3.0).to_string(), "unrounded");
    }

    #[test]
    fn the_json_follows_formats_md_field_for_field() {
        let trend = three();
        let mut out = Vec::new();
        write_json(&mut out, &TrendDocument::new(&trend)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("}\n") && text.contains("\n  \"rounds\""));
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&doc), ["format", "model", "rounds"]);
        assert_eq!(doc["format"], "isomm-trend/1");
        assert_eq!(doc["model"], "isomm-2.1");
        let round = &doc["rounds"][0];
        assert_eq!(
            keys(round),
            [
                "date",
                "organization",
                "title",
                "respondents",
                "overall",
                "functions"
            ]
        );
        assert_eq!(keys(&round["functions"][0]), ["id", "maturity"]);
        assert_eq!(round["overall"], 2.25);
        assert_eq!(round["functions"].as_array().unwrap().len(), 9);
        let gap = &doc["rounds"][1];
        assert_eq!(gap["overall"], serde_json::Value::Null);
        assert_eq!(gap["functions"][1]["maturity"], serde_json::Value::Null);
        assert_eq!(doc["rounds"][2]["date"], serde_json::Value::Null);
    }

    #[test]
    fn the_chart_breaks_its_line_at_a_missing_value_and_says_every_value() {
        let trend = three();
        let doc = TrendDocument::new(&trend);
        let chart = TrendChart::new(&doc, Catalog::builtin(), Lang::En);
        assert_eq!(chart.panels.len(), 10, "the overall and nine functions");
        let overall = &chart.panels[0];
        // Round 2 has no overall: two runs of one point each, no dot drawn at 0.
        assert_eq!(overall.runs.len(), 2);
        assert_eq!(overall.dots.len(), 2);
        let shown: Vec<&str> = overall.values.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            shown,
            ["2.3", "0.3"],
            "rounded as isomm rounds (2.25 → 2.3)"
        );
        let b = &chart.panels[2];
        assert_eq!(b.dots.len(), 2);
        assert_eq!(b.runs.len(), 2);
        let a = &chart.panels[1];
        assert_eq!((a.dots.len(), a.runs.len()), (3, 1));
        assert!(
            chart.description.starts_with(
                "Overall maturity: round 1 (2025-04-01) 2.3, round 2 (2025-10-01) no value, \
                 round 3 (no date) 0.3; Target level: 3; A "
            ),
            "{}",
            chart.description
        );
        assert!(chart.description.contains("round 2 no value"));

        let mut out = Vec::new();
        write_svg(&mut out, &doc, Catalog::builtin(), Lang::En).unwrap();
        let svg = String::from_utf8(out).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<title id=\"trend-title\">Maturity over the rounds</title>"));
        assert!(svg.contains("<desc id=\"trend-desc\">Overall maturity: round 1"));
        assert_eq!(
            svg.matches("class=\"target\"").count(),
            10,
            "dashed targets"
        );
        assert!(svg.contains("stroke-dasharray=\"5 4\""));
        assert!(svg.contains(">no date</tspan>"));
        assert!(!svg.contains("{{") && !svg.contains("}}"));

        // The words of the other language, from its file.
        let mut out = Vec::new();
        write_svg(&mut out, &doc, Catalog::builtin(), Lang::Ja).unwrap();
        let svg = String::from_utf8(out).unwrap();
        assert!(svg.contains("成熟度の推移"));
        assert!(svg.contains("第2回（2025-10-01）値なし"));
        assert!(svg.contains("第3回（日付なし）0.3"));
    }

    #[test]
    fn a_target_that_changes_is_drawn_and_said_round_by_round() {
        let mut later = record(Some("2026-04-01"));
        later.info.target_level = 4;
        let trend = Trend::new(named(&[("a", record(Some("2025-04-01"))), ("b", later)])).unwrap();
        let doc = TrendDocument::new(&trend);
        let chart = TrendChart::new(&doc, Catalog::builtin(), Lang::En);
        assert!(
            chart
                .description
                .contains("Target level: round 1 3, round 2 4"),
            "{}",
            chart.description
        );
        // Two steps: four points, the second pair higher (smaller y).
        let p: Vec<f64> = chart.panels[0]
            .target
            .split(' ')
            .map(|xy| xy.split(',').nth(1).unwrap().parse().unwrap())
            .collect();
        assert_eq!(p.len(), 4);
        assert!(p[0] == p[1] && p[2] == p[3] && p[2] < p[0]);
    }
}
