//! The XLSX report read back: sheets and cells with calamine, charts and validation in the zip's
//! XML, and the workbook opened by LibreOffice (ignored unless asked for: see [`crate::tools`]).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::rules::{Evaluation, respondent_level};
use isomm_core::{Assessment, Catalog, Lang, Level, evaluate};
use isomm_report::ui::ui;
use isomm_report::xlsx::write_xlsx;
use isomm_report::{ReportOptions, ReportView};

use crate::tools::{PDFTOTEXT, SOFFICE, TempDir};

const EXAMPLE: &str = include_str!("../../../../examples/hybrid-soc-mssp.toml");

fn example() -> Assessment {
    answers::parse(
        EXAMPLE,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .expect("the example parses")
}

fn build(assessment: &Assessment, e: &Evaluation, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    write_xlsx(
        &mut out,
        Catalog::builtin(),
        assessment,
        e,
        isomm_report::ReportOptions::new(lang),
    )
    .expect("write_xlsx");
    out
}

/// The workbook of the example, its assessment and evaluation.
fn example_workbook(lang: Lang) -> (Vec<u8>, Assessment, Evaluation) {
    let a = example();
    let e = evaluate(Catalog::builtin(), &a);
    (build(&a, &e, lang), a, e)
}

/// The report's sheets in order: the perception gaps and the positions only with several
/// respondents.
fn sheet_names(lang: Lang, several: bool) -> Vec<&'static str> {
    let all = match lang {
        Lang::Ja => [
            "サマリー",
            "役割別",
            "改善計画",
            "認識の差",
            "立場別",
            "不一致",
            "強い役割・弱い役割",
            "回答",
            "読み方の注意",
        ],
        Lang::En => [
            "Summary",
            "Roles",
            "Action plan",
            "Perception gaps",
            "Positions",
            "Mismatches",
            "Strong and weak roles",
            "Answers",
            "Advice",
        ],
    };
    all.iter()
        .enumerate()
        .filter(|(i, _)| several || !(3..5).contains(i))
        .map(|(_, n)| *n)
        .collect()
}

/// The example's sheet at `index` in the list above.
fn sheet(lang: Lang, index: usize) -> &'static str {
    sheet_names(lang, true)[index]
}

struct Book {
    xlsx: Xlsx<Cursor<Vec<u8>>>,
}

impl Book {
    fn open(bytes: &[u8]) -> Book {
        Book {
            xlsx: Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook"),
        }
    }

    fn sheet(&mut self, name: &str) -> Sheet {
        Sheet(
            self.xlsx
                .worksheet_range(name)
                .unwrap_or_else(|e| panic!("sheet {name}: {e}")),
        )
    }
}

struct Sheet(Range<Data>);

impl Sheet {
    /// The cell at an absolute (0-based) position; empty outside the used range.
    fn at(&self, row: usize, col: usize) -> Data {
        self.0
            .get_value((row as u32, col as u32))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    fn text(&self, row: usize, col: usize) -> String {
        match self.at(row, col) {
            Data::String(s) => s,
            other => panic!("({row}, {col}) is not a text: {other:?}"),
        }
    }

    /// The first row whose first cells are `heads`.
    fn find_row(&self, heads: &[&str]) -> usize {
        let last = self.0.end().map_or(0, |(r, _)| r as usize);
        (0..=last)
            .find(|r| {
                heads
                    .iter()
                    .enumerate()
                    .all(|(c, h)| self.at(*r, c) == Data::String(h.to_string()))
            })
            .unwrap_or_else(|| panic!("no row starts with {heads:?}"))
    }

    /// The first cell holding exactly `text`, as (row, column).
    fn find_text(&self, text: &str) -> (usize, usize) {
        self.0
            .used_cells()
            .find(|(_, _, cell)| **cell == Data::String(text.to_string()))
            .map(|(r, c, _)| (r, c))
            .unwrap_or_else(|| panic!("no cell holds {text:?}"))
    }

    /// The number of data rows under a header in row 0: rows until the first empty first cell.
    fn data_rows(&self) -> usize {
        (1..).take_while(|r| self.at(*r, 0) != Data::Empty).count()
    }
}

/// A number cell is exactly the evaluation's value, unrounded; an absent value is an empty cell.
fn assert_value(cell: Data, expected: Option<f64>, what: &str) {
    match (cell, expected) {
        (Data::Float(x), Some(y)) => {
            assert_eq!(x.to_bits(), y.to_bits(), "{what}: {x} != {y}")
        }
        (Data::Empty, None) => {}
        (cell, expected) => panic!("{what}: cell {cell:?}, expected {expected:?}"),
    }
}

/// One part of the xlsx package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("the xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

fn part_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("the xlsx is a zip");
    zip.file_names()
        .map(|n| n.expect("file name").into_owned())
        .collect()
}

#[test]
fn sheets_are_named_in_the_language() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, _, _) = example_workbook(lang);
        let book = Book::open(&bytes);
        assert_eq!(book.xlsx.sheet_names(), sheet_names(lang, true), "{lang:?}");
    }
    // One respondent: no perception gaps, no positions.
    let mut a = example();
    a.respondents.truncate(1);
    let e = evaluate(Catalog::builtin(), &a);
    for lang in [Lang::Ja, Lang::En] {
        let book = Book::open(&build(&a, &e, lang));
        assert_eq!(book.xlsx.sheet_names(), sheet_names(lang, false));
        assert_eq!(book.xlsx.sheet_names().len(), 7);
    }
}

/// An executive reads the verdict and the first action in the summary's first rows.
#[test]
fn summary_opens_with_the_verdict_and_the_first_actions() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, e) = example_workbook(lang);
        let u = ui(lang);
        let view =
            ReportView::from_evaluation(Catalog::builtin(), &a, &e, ReportOptions::new(lang));
        let s = Book::open(&bytes).sheet(sheet(lang, 0));
        let verdict = s.find_text(&view.summary.verdict);
        assert!(verdict.0 < 12 && verdict.1 == 0, "{verdict:?}");
        let overall = s.find_row(&[u.overall]);
        assert!(overall < verdict.0);
        assert_value(s.at(overall, 1), e.overall, "overall");

        let first = &view.plan.top[0];
        let actions = s.find_row(&[u.top_actions]);
        assert!(actions < 20, "the first actions at row {actions}");
        assert_value(s.at(actions + 1, 0), Some(first.rank as f64), "rank");
        assert_eq!(
            s.text(actions + 1, 1),
            format!("{} {}", first.id, first.name)
        );
        assert_eq!(s.text(actions + 1, 2), first.action_name);
        assert_eq!(s.text(actions + 2, 1), first.todo);

        for sentence in [
            &view.summary.pattern_change,
            &view.summary.mismatches,
            &view.summary.meaning,
            &view.summary.counted,
            &view.summary.largest_gap,
        ] {
            assert!(!sentence.is_empty());
            s.find_text(sentence);
        }
        // The seed's advice beside the numbers it is about.
        for advice in u.advice {
            s.find_text(advice);
        }
        let strengths = s.find_row(&[u.strengths]);
        for (i, f) in view.summary.strengths.iter().enumerate() {
            let row = strengths + 3 + i;
            assert_eq!(s.text(row, 0), f.id);
            assert_eq!(s.text(row, 3), f.remark, "the remark against the target");
        }
        let weaknesses = s.find_row(&[u.weaknesses]);
        assert!(weaknesses > strengths);
        for (i, f) in e.weaknesses.iter().enumerate() {
            let row = weaknesses + 3 + i;
            assert_eq!(s.text(row, 0), Catalog::builtin().functions()[*f].id);
            assert_value(s.at(row, 2), e.functions[*f].maturity, "maturity");
        }
    }
}

#[test]
fn summary_has_the_header_and_the_unrounded_function_table() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, e) = example_workbook(lang);
        let u = ui(lang);
        let catalog = Catalog::builtin();
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet(lang, 0));

        assert_eq!(s.text(0, 0), u.report_title);
        let org = s.find_row(&[u.organization]);
        assert_eq!(s.text(org, 1), a.organization);
        let title = s.find_row(&[u.title]);
        assert_eq!(s.text(title, 1), a.title);
        let target = s.find_row(&[u.target_pattern]);
        assert_eq!(
            s.text(target, 1),
            catalog.patterns()[a.target_pattern].name.get(lang)
        );
        let current = s.find_row(&[u.current_pattern]);
        assert_eq!(
            s.text(current, 1),
            catalog.patterns()[a.current_pattern].name.get(lang)
        );
        let level = s.find_row(&[u.target_level]);
        assert_value(
            s.at(level, 1),
            Some(f64::from(a.target_level.get())),
            "target level",
        );

        let people = s.find_row(&[u.respondents, u.position, u.answered]);
        for (i, (p, answered)) in a.respondents.iter().zip(&e.answered).enumerate() {
            assert_eq!(s.text(people + 1 + i, 0), p.name);
            assert_eq!(s.text(people + 1 + i, 1), p.position.name(lang));
            assert_value(s.at(people + 1 + i, 2), Some(*answered as f64), "answered");
        }

        let head = s.find_row(&[
            "ID",
            u.function,
            u.maturity,
            u.insource,
            u.outsource,
            u.target_level,
        ]);
        for (i, (f, r)) in catalog.functions().iter().zip(&e.functions).enumerate() {
            let row = head + 1 + i;
            assert_eq!(s.text(row, 0), f.id);
            assert_eq!(s.text(row, 1), f.name.get(lang));
            assert_value(s.at(row, 2), r.maturity, &format!("{} maturity", f.id));
            assert_value(s.at(row, 3), r.insource, &format!("{} insource", f.id));
            assert_value(s.at(row, 4), r.outsource, &format!("{} outsource", f.id));
            assert_value(
                s.at(row, 5),
                Some(f64::from(a.target_level.get())),
                "target",
            );
            assert_value(s.at(row, 6), Some(r.roles_counted as f64), "roles counted");
        }

        // The radar's series refer to the table's cells (Excel rows are 1-based): the three
        // series and the target ring, dashed in the target colour; empty cells are gaps.
        let chart = part(&bytes, "xl/charts/chart1.xml");
        assert!(chart.contains("<c:radarChart>"), "{chart}");
        let (first, last) = (head + 2, head + catalog.functions().len() + 1);
        let sheet = sheet(lang, 0);
        for col in ["B", "C", "D", "E", "F"] {
            let reference = format!("<c:f>{sheet}!${col}${first}:${col}${last}</c:f>");
            assert!(chart.contains(&reference), "{reference} in {chart}");
        }
        assert_eq!(chart.matches("<c:ser>").count(), 4);
        let series: Vec<&str> = chart.split("<c:ser>").skip(1).collect();
        // Solid, dashed, dotted and dashed, as the SVG's series and target ring.
        for (xml, name, colour, dash) in [
            (series[0], u.series_combined, "0072B2", None),
            (series[1], u.series_insource, "009E73", Some("dash")),
            (series[2], u.series_outsource, "D55E00", Some("sysDot")),
            (series[3], u.legend_target, "B00020", Some("dash")),
        ] {
            assert!(xml.contains(&format!("<c:v>{name}</c:v>")), "{name}: {xml}");
            assert!(
                xml.contains(&format!("<a:srgbClr val=\"{colour}\"")),
                "{name}: {xml}"
            );
            match dash {
                Some(dash) => assert!(
                    xml.contains(&format!("<a:prstDash val=\"{dash}\"/>")),
                    "{name}: {xml}"
                ),
                None => assert!(!xml.contains("<a:prstDash"), "{name} is solid: {xml}"),
            }
        }
        assert!(
            series[3].contains("<c:symbol val=\"none\"/>"),
            "no markers on the target"
        );
        assert!(chart.contains("<c:dispBlanksAs val=\"gap\"/>"), "{chart}");
        assert!(chart.contains("<c:max val=\"5\"/>") && chart.contains("<c:min val=\"0\"/>"));
    }
}

/// The charts of the workbook (`xl/charts/chartN.xml`), in the order they were inserted: the
/// summary's radar, the roles' charts, the positions' chart.
fn charts(bytes: &[u8]) -> Vec<String> {
    let mut names: Vec<(usize, String)> = part_names(bytes)
        .into_iter()
        .filter_map(|n| {
            let number = n.strip_prefix("xl/charts/chart")?.strip_suffix(".xml")?;
            Some((number.parse().ok()?, n))
        })
        .collect();
    names.sort();
    names.into_iter().map(|(_, n)| part(bytes, &n)).collect()
}

/// The roles' charts: the bar charts, in order.
fn role_charts(bytes: &[u8]) -> Vec<String> {
    charts(bytes)
        .into_iter()
        .filter(|xml| xml.contains("<c:barChart>"))
        .collect()
}

/// The `<c:ser>` elements of a chart.
fn series(chart: &str) -> Vec<&str> {
    chart.split("<c:ser>").skip(1).collect()
}

/// The points' indices that have a value in a series' value cache.
fn cached_points(series: &str) -> Vec<usize> {
    let values = series.split("<c:val>").nth(1).unwrap_or_default();
    values
        .split("<c:pt idx=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next()?.parse().ok())
        .collect()
}

/// A series' custom data labels: point index and text.
fn custom_labels(series: &str) -> Vec<(usize, String)> {
    series
        .split("<c:dLbl>")
        .skip(1)
        .map(|l| {
            let idx = l
                .split("<c:idx val=\"")
                .nth(1)
                .and_then(|i| i.split('"').next())
                .and_then(|i| i.parse().ok())
                .expect("a label's index");
            let text = l
                .split("<a:t>")
                .nth(1)
                .and_then(|t| t.split("</a:t>").next())
                .unwrap_or_default()
                .to_string();
            (idx, text)
        })
        .collect()
}

/// The label the chart gives a role: its level as shown, its sourcing word and its thin-evidence
/// mark, all read from the roles sheet's row (columns D, L and F), as the SVG writes it.
fn label_from_row(s: &Sheet, row: usize) -> Option<String> {
    let Data::Float(level) = s.at(row, 3) else {
        return None;
    };
    let thin = if s.at(row, 5) == Data::Empty {
        ""
    } else {
        " *"
    };
    Some(format!(
        "{} {}{thin}",
        isomm_report::view::shown(level),
        s.text(row, 11)
    ))
}

#[test]
fn roles_sheet_has_every_role_in_catalog_order_and_a_chart_per_function() {
    // B-2 answered by one respondent of three: its level rests on thin evidence.
    let mut a = example();
    let catalog = Catalog::builtin();
    let thin_role = catalog.role_index("B-2").expect("B-2");
    for p in &mut a.respondents[1..] {
        p.answers[thin_role].insource = None;
        p.answers[thin_role].outsource = None;
    }
    let e = evaluate(catalog, &a);
    for lang in [Lang::Ja, Lang::En] {
        let bytes = build(&a, &e, lang);
        let u = ui(lang);
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet(lang, 1));
        assert_eq!(s.data_rows(), 54);
        assert_eq!(s.text(0, 11), u.sourcing);
        let mut thin = 0;
        for (i, (role, r)) in catalog.roles().iter().zip(&e.roles).enumerate() {
            let row = i + 1;
            assert_eq!(
                s.text(row, 0),
                format!("{} {}", role.id, role.name.get(lang))
            );
            assert_eq!(s.text(row, 1), catalog.functions()[role.function].id);
            assert_eq!(s.text(row, 2), r.area.as_str());
            assert_value(s.at(row, 3), r.level, &format!("{} level", role.id));
            assert_value(
                s.at(row, 4),
                Some(f64::from(a.target_level.get())),
                "target",
            );
            let marked = r.level.is_some() && isomm_report::plan::thin(&a, i);
            thin += usize::from(marked);
            match marked {
                true => assert_eq!(s.text(row, 5), "*"),
                false => assert_eq!(s.at(row, 5), Data::Empty),
            }
            assert_value(s.at(row, 6), r.insource, &format!("{} insource", role.id));
            assert_value(s.at(row, 7), r.outsource, &format!("{} outsource", role.id));
            assert_value(s.at(row, 8), Some(r.unanswered as f64), "unanswered");
            assert_eq!(s.text(row, 9), r.expected_current.name(lang));
            assert_eq!(s.text(row, 10), r.expected_target.name(lang));
            // The sourcing in the word the SVG writes after the value.
            let word = match (r.insource.is_some(), r.outsource.is_some()) {
                (true, true) => u.mark_both,
                (true, false) => u.mark_insourced,
                (false, true) => u.mark_outsourced,
                (false, false) => u.mark_unanswered,
            };
            assert_eq!(s.text(row, 11), word, "{} sourcing", role.id);
        }
        assert!(thin > 0, "a role on thin evidence");
        assert_eq!(s.text(thin_role + 1, 5), "*");
        // The colour key with the sourcing words, and the notes under the table.
        for (mark, key) in [
            (u.mark_insourced, u.legend_insourced),
            (u.mark_outsourced, u.legend_outsourced),
            (u.mark_both, u.legend_both),
            (u.mark_unanswered, u.legend_unanswered),
        ] {
            s.find_text(&format!("{mark} {key}"));
        }
        s.find_text(u.roles_note);
        s.find_text(u.thin_note);

        // A chart per function, each of its roles only (Excel rows are 1-based).
        let bars = role_charts(&bytes);
        assert_eq!(
            bars.len(),
            catalog.functions().len(),
            "a chart per function"
        );
        let sheet = sheet(lang, 1);
        let mut labelled = 0;
        for (function, chart) in catalog.functions().iter().zip(&bars) {
            assert!(chart.contains("<c:barDir val=\"bar\"/>"), "horizontal bars");
            let title = format!("<a:t>{} {}</a:t>", function.id, function.name.get(lang));
            assert!(chart.contains(&title), "{title} in {chart}");
            let series = series(chart);
            assert_eq!(series.len(), 2, "the levels and the target");
            let (first, last) = (function.roles.start + 2, function.roles.end + 1);
            for (xml, col) in [(series[0], "A"), (series[0], "D"), (series[1], "E")] {
                let range = format!("<c:f>{sheet}!${col}${first}:${col}${last}</c:f>");
                assert!(xml.contains(&range), "{range} in {xml}");
            }
            // One colour per bar by the sides answered, as the SVG's role chart.
            let points: Vec<&str> = series[0].split("<c:dPt>").skip(1).collect();
            assert_eq!(points.len(), function.roles.len());
            for (point, r) in points.iter().zip(&e.roles[function.roles.clone()]) {
                let colour = match (r.insource.is_some(), r.outsource.is_some()) {
                    (true, true) => "CC79A7",
                    (true, false) => "009E73",
                    (false, true) => "D55E00",
                    (false, false) => "9E9E9E",
                };
                assert!(
                    point.contains(&format!("<a:srgbClr val=\"{colour}\"")),
                    "{point}"
                );
            }
            // Each bar labelled with its value, its sourcing word and its thin mark: the texts of
            // its row in the table.
            let labels = custom_labels(series[0]);
            let expected: Vec<(usize, String)> = function
                .roles
                .clone()
                .enumerate()
                .filter_map(|(k, role)| Some((k, label_from_row(&s, role + 1)?)))
                .collect();
            assert_eq!(labels, expected, "{}", function.id);
            labelled += labels.len();
            // The target: its column, an outline without fill, dashed in the target colour, over
            // the level's bars.
            assert!(series[1].contains("<a:noFill/>"), "{}", series[1]);
            assert!(series[1].contains("<a:srgbClr val=\"B00020\""));
            assert!(series[1].contains("<a:prstDash val=\"dash\"/>"));
            assert!(chart.contains("<c:overlap val=\"100\"/>"), "{chart}");
            assert!(chart.contains("<c:max val=\"5\"/>") && chart.contains("<c:min val=\"0\"/>"));
        }
        assert_eq!(labelled, 54, "every role has a level and a label");
        let thin_label = custom_labels(series(&bars[1])[0])
            .into_iter()
            .find(|(k, _)| *k == thin_role - catalog.functions()[1].roles.start)
            .expect("B-2's label")
            .1;
        assert!(thin_label.ends_with(" *"), "{thin_label}");
    }
}

/// The role charts stand under the table from a page of their own, none across a page break
/// nor over another, as wide as the table, their words printing at about 8 points on A4.
#[test]
fn role_charts_print_legibly_on_a4_pages() {
    for (lang, digit) in [(Lang::Ja, 8.0), (Lang::En, 7.0)] {
        let (bytes, _, _) = example_workbook(lang);
        let xml = part(&bytes, "xl/worksheets/sheet2.xml");
        let drawing = part(&bytes, "xl/drawings/drawing2.xml");
        let breaks: Vec<usize> = xml
            .split("<brk id=\"")
            .skip(1)
            .filter_map(|b| b.split('"').next()?.parse().ok())
            .collect();
        let rows = |tag: &str| -> Vec<usize> {
            drawing
                .split(&format!("<xdr:{tag}>"))
                .skip(1)
                .filter_map(|a| a.split("<xdr:row>").nth(1)?.split('<').next()?.parse().ok())
                .collect()
        };
        let (from, to) = (rows("from"), rows("to"));
        assert_eq!(from.len(), 9, "a chart per function");
        assert_eq!(breaks.first(), from.first(), "the charts start a page");
        for (k, (f, t)) in from.iter().zip(&to).enumerate() {
            assert!(
                !breaks.iter().any(|b| f < b && b <= t),
                "chart {k} (rows {f}–{t}) across a page break: {breaks:?}"
            );
            if let Some(next) = from.get(k + 1) {
                assert!(t < next, "chart {k} over the next");
            }
        }
        assert!(breaks.len() > 1, "the charts take more than a page");
        // The sheet's width in pixels, from its columns: the charts are as wide.
        let width: f64 = xml
            .split("<col ")
            .skip(1)
            .map(|c| {
                let attr = |name: &str| -> f64 {
                    c.split(&format!("{name}=\""))
                        .nth(1)
                        .and_then(|v| v.split('"').next())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0.0)
                };
                (attr("max") - attr("min") + 1.0) * (attr("width") * digit).floor()
            })
            .sum();
        let last_col = drawing
            .split("<xdr:to><xdr:col>")
            .nth(1)
            .and_then(|c| c.split('<').next())
            .unwrap();
        assert_eq!(last_col, "12", "the charts end at the table's last column");
        // Printed one page wide on portrait A4 (6.87 inches between the margins, 96 pixels an
        // inch), the labels are about 8 points.
        let scale = (6.87 * 96.0 / width).min(1.0);
        for chart in role_charts(&bytes) {
            let sizes: Vec<f64> = chart
                .split(" sz=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse::<f64>().ok())
                .collect();
            assert!(!sizes.is_empty());
            for size in sizes {
                let printed = size / 100.0 * scale;
                assert!(
                    printed >= 7.5,
                    "{lang:?}: {size} prints at {printed:.1} points"
                );
            }
        }
    }
}

#[test]
fn a_role_without_a_level_is_an_empty_cell_and_has_no_bar_label_or_target() {
    let mut a = example();
    let catalog = Catalog::builtin();
    let role = catalog.role_index("C-3").expect("C-3");
    // Level 0 from everyone: the role is not applicable and has no level (R2).
    for p in &mut a.respondents {
        p.answers[role].insource = Level::new(0);
        p.answers[role].outsource = None;
    }
    let e = evaluate(catalog, &a);
    assert_eq!(e.roles[role].level, None);
    for lang in [Lang::Ja, Lang::En] {
        let bytes = build(&a, &e, lang);
        let s = Book::open(&bytes).sheet(sheet(lang, 1));
        assert!(s.text(role + 1, 0).starts_with("C-3 "));
        assert_eq!(s.at(role + 1, 3), Data::Empty, "level");
        assert_eq!(s.at(role + 1, 4), Data::Empty, "no target without a level");
        assert_eq!(
            s.at(role + 1, 5),
            Data::Empty,
            "no thin mark without a level"
        );
        assert_eq!(s.at(role + 1, 6), Data::Empty, "insource");
        assert_eq!(s.text(role + 1, 11), ui(lang).not_applicable);
        assert_eq!(s.data_rows(), 54);

        // In C's chart: no bar, no label and no target box for C-3; the others have all three.
        let c = catalog.functions()[catalog.roles()[role].function]
            .roles
            .clone();
        let chart = &role_charts(&bytes)[2];
        let series = series(chart);
        let k = role - c.start;
        let others: Vec<usize> = (0..c.len()).filter(|i| *i != k).collect();
        assert_eq!(cached_points(series[0]), others, "levels: {}", series[0]);
        assert_eq!(cached_points(series[1]), others, "targets: {}", series[1]);
        let labelled: Vec<usize> = custom_labels(series[0]).into_iter().map(|l| l.0).collect();
        assert_eq!(labelled, others);
    }
}

#[test]
fn an_assessment_without_answers_gives_empty_cells() {
    let mut a = example();
    a.respondents.clear();
    let catalog = Catalog::builtin();
    let e = evaluate(catalog, &a);
    let bytes = build(&a, &e, Lang::En);
    let mut book = Book::open(&bytes);
    let summary = book.sheet("Summary");
    let u = ui(Lang::En);
    assert_eq!(summary.at(summary.find_row(&[u.overall]), 1), Data::Empty);
    let head = summary.find_row(&["ID", u.function, u.maturity]);
    for i in 0..catalog.functions().len() {
        assert_eq!(summary.at(head + 1 + i, 2), Data::Empty);
    }
    let roles = book.sheet("Roles");
    assert_eq!(roles.data_rows(), 54);
    for i in 0..54 {
        assert_eq!(roles.at(i + 1, 3), Data::Empty);
    }
    assert_eq!(book.sheet("Answers").data_rows(), 0);
    summary.find_text(ui(Lang::En).advice[0]);
}

/// Respondents who have answered nothing yet: the workbook says so, as the PDF does, instead of
/// the 1.0 that R1 gives every unanswered role, and draws no empty charts.
#[test]
fn nothing_answered_yet_shows_no_figures_and_no_charts() {
    let mut a = example();
    for r in &mut a.respondents {
        for answer in &mut r.answers {
            *answer = answers::Answer::default();
        }
    }
    let catalog = Catalog::builtin();
    let e = evaluate(catalog, &a);
    assert_eq!(e.overall, Some(1.0), "R1 counts every unanswered role as 1");
    for lang in [Lang::Ja, Lang::En] {
        let u = ui(lang);
        let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
        let bytes = build(&a, &e, lang);
        let mut book = Book::open(&bytes);
        let summary = book.sheet(sheet(lang, 0));
        summary.find_text(&view.summary.verdict);
        assert_eq!(summary.at(summary.find_row(&[u.overall]), 1), Data::Empty);
        assert!(
            summary
                .0
                .used_cells()
                .all(|(_, _, c)| c != &Data::String(u.top_actions.into())),
            "no first actions"
        );
        let head = summary.find_row(&["ID", u.function, u.maturity]);
        for i in 0..catalog.functions().len() {
            for col in 2..5 {
                assert_eq!(summary.at(head + 1 + i, col), Data::Empty);
            }
        }
        let roles = book.sheet(sheet(lang, 1));
        for i in 0..54 {
            assert_eq!(roles.at(i + 1, 3), Data::Empty);
        }
        assert_eq!(book.sheet(sheet(lang, 2)).data_rows(), 0, "no plan");
        let positions = book.sheet(sheet(lang, 4));
        let top = positions.find_row(&[u.function]);
        assert_eq!(positions.at(top + 1, 1), Data::Empty);
        let charts = part_names(&bytes)
            .iter()
            .filter(|n| n.starts_with("xl/charts/"))
            .count();
        assert_eq!(charts, 0, "no empty charts");
    }
}

#[test]
fn action_plan_lists_the_improvements_in_order_with_a_status_drop_down() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, _, e) = example_workbook(lang);
        let catalog = Catalog::builtin();
        assert!(
            !e.improvements.is_empty(),
            "the example has improvement points"
        );
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet(lang, 2));
        let heads: Vec<String> = (0..14).map(|c| s.text(0, c)).collect();
        let (owner, due, status) = match lang {
            Lang::Ja => ("担当者", "期限", "状況"),
            Lang::En => ("Owner", "Due", "Status"),
        };
        assert_eq!(heads[10..13], [owner, due, status]);
        assert_eq!(heads[13], ui(lang).notes);
        // The plan's lines, group by group, then the folded ones: every point at least 0.5 below
        // the target (the JSON keeps the rest).
        let a = example();
        let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
        // In rank order, 1..N, whatever group a line is in.
        let mut lines: Vec<_> = view
            .plan
            .groups
            .iter()
            .flat_map(|g| &g.lines)
            .chain(&view.plan.folded)
            .collect();
        lines.sort_by_key(|l| l.rank);
        assert!(lines.iter().enumerate().all(|(i, l)| l.rank == i + 1));
        let large = e.improvements.iter().filter(|p| p.gap >= 0.5).count();
        assert_eq!(lines.len(), large);
        assert_eq!(s.data_rows(), lines.len());
        for (i, l) in lines.iter().enumerate() {
            let row = i + 1;
            let p = &e.improvements[l.point];
            assert_value(s.at(row, 0), Some(l.rank as f64), "rank");
            assert_eq!(s.text(row, 1), l.action_name);
            assert_eq!(s.text(row, 2), catalog.roles()[p.role].id);
            assert_eq!(s.text(row, 4), p.side.name(lang));
            assert_value(s.at(row, 5), Some(p.level), "level");
            assert_value(s.at(row, 6), Some(p.gap), "gap");
            assert_value(s.at(row, 7), Some(p.priority), "priority");
            assert!(s.text(row, 9).starts_with(&l.todo), "what to do");
            assert_eq!(s.at(row, 10), Data::Empty);
            match l.notes.first() {
                Some(n) => assert!(s.text(row, 13).contains(&n.text), "the notes"),
                None => assert_eq!(s.at(row, 13), Data::Empty),
            }
        }
        assert!(
            lines.iter().any(|l| !l.notes.is_empty()),
            "the example has notes on plan lines"
        );

        // The plan is the third sheet, xl/worksheets/sheet3.xml.
        let xml = part(&bytes, "xl/worksheets/sheet3.xml");
        let last = lines.len() + 11;
        let statuses = match lang {
            Lang::Ja => "未着手,対応中,完了",
            Lang::En => "Not started,In progress,Done",
        };
        assert!(
            xml.contains(&format!("sqref=\"M2:M{last}\"")),
            "the drop-down covers every row of the plan and the spare rows: {xml}"
        );
        assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
        assert!(xml.contains(statuses), "{xml}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{xml}");
        assert!(xml.contains("state=\"frozen\""), "{xml}");
    }
}

#[test]
fn answers_sheet_has_one_row_per_respondent_and_role() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, _) = example_workbook(lang);
        let catalog = Catalog::builtin();
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet(lang, 7));
        assert_eq!(a.respondents.len(), 3);
        assert_eq!(s.data_rows(), 3 * 54);
        let mut row = 0;
        for p in &a.respondents {
            for (role, answer) in catalog.roles().iter().zip(&p.answers) {
                row += 1;
                assert_eq!(s.text(row, 0), p.name);
                assert_eq!(s.text(row, 1), p.position.name(lang));
                assert_eq!(s.text(row, 2), role.id);
                assert_eq!(s.text(row, 3), role.name.get(lang));
                let side = |l: Option<Level>| l.map(|l| f64::from(l.get()));
                assert_value(s.at(row, 4), side(answer.insource), "insource");
                assert_value(s.at(row, 5), side(answer.outsource), "outsource");
                let level = answer
                    .is_answered()
                    .then(|| f64::from(respondent_level(answer)));
                assert_value(s.at(row, 6), level, "level");
                match &answer.note {
                    Some(note) => assert_eq!(&s.text(row, 7), note),
                    None => assert_eq!(s.at(row, 7), Data::Empty),
                }
            }
        }
    }
}

/// The style index of cell `r` ("G5") in a worksheet's XML.
fn cell_style(xml: &str, r: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let cell = &xml[start..];
    let cell = &cell[..cell.find('>').unwrap_or(cell.len())];
    cell.split(" s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0")
        .to_string()
}

/// An Excel column name: 0 → A.
fn column(col: usize) -> String {
    let mut name = String::new();
    let mut n = col + 1;
    while n > 0 {
        name.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    name
}

#[test]
fn perception_gaps_have_who_scored_low_and_high_and_a_heat_per_respondent() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, e) = example_workbook(lang);
        let u = ui(lang);
        let view =
            ReportView::from_evaluation(Catalog::builtin(), &a, &e, ReportOptions::new(lang));
        assert!(!view.gaps.is_empty(), "the example has perception gaps");
        let s = Book::open(&bytes).sheet(sheet(lang, 3));
        assert_eq!(s.text(0, 0), u.gaps_heading);
        assert_eq!(s.text(1, 0), u.gaps_note);
        let head = s.find_row(&[u.role, u.spread, u.lowest]);
        assert_eq!(s.text(head, 4), u.highest);
        for (i, p) in a.respondents.iter().enumerate() {
            assert!(
                s.text(head, 6 + i).starts_with(&p.name),
                "a column per respondent"
            );
        }
        assert_eq!(s.text(head, 6 + a.respondents.len()), u.notes);
        let xml = part(&bytes, "xl/worksheets/sheet4.xml");
        let mut heat = std::collections::BTreeMap::new();
        for (i, g) in view.gaps.iter().enumerate() {
            let row = head + 1 + i;
            assert_eq!(s.text(row, 0), format!("{} {}", g.id, g.name));
            assert_value(s.at(row, 1), Some(f64::from(g.spread)), "spread");
            assert_value(s.at(row, 2), Some(f64::from(g.min)), "lowest");
            assert_eq!(s.text(row, 3), g.low);
            assert_value(s.at(row, 4), Some(f64::from(g.max)), "highest");
            assert_eq!(s.text(row, 5), g.high);
            for (j, cell) in g.cells.iter().enumerate() {
                assert_value(s.at(row, 6 + j), cell.level.map(f64::from), "level");
                if let Some(level) = cell.level {
                    let style = cell_style(&xml, &format!("{}{}", column(6 + j), row + 1));
                    let seen = heat.entry(level).or_insert_with(|| style.clone());
                    assert_eq!(*seen, style, "one heat per level");
                }
            }
            match g.notes.first() {
                Some(n) => assert!(s.text(row, 6 + g.cells.len()).contains(&n.text)),
                None => assert_eq!(s.at(row, 6 + g.cells.len()), Data::Empty),
            }
        }
        let styles: std::collections::BTreeSet<_> = heat.values().collect();
        assert_eq!(
            styles.len(),
            heat.len(),
            "a different heat per level: {heat:?}"
        );
        assert!(heat.len() >= 3, "{heat:?}");
        let fills = part(&bytes, "xl/styles.xml");
        // The report's heat: .heat.h0–h5 in report.css.
        let colours = ["FDE0DD", "FFF3E0", "FFF8CC", "E8F5E9", "C8E6C9", "A5D6A7"];
        for level in heat.keys() {
            let colour = colours[usize::from(*level)];
            assert!(
                fills.contains(&format!("rgb=\"FF{colour}\"")),
                "heat {colour}"
            );
        }
        assert!(view.gaps.iter().any(|g| !g.notes.is_empty()));
    }
}

/// With more respondents than the table has room for, a column per position gives the range of
/// its levels ("2–4"), its heat that of their mean, as in the PDF.
#[test]
fn with_many_respondents_the_gaps_have_a_column_per_position() {
    let catalog = Catalog::builtin();
    let a = answers::parse(
        include_str!("../../../../examples/large-soc-30-respondents.toml"),
        AnswersFormat::Toml,
        catalog,
        &Overrides::default(),
    )
    .expect("the large example parses");
    assert!(a.respondents.len() > isomm_report::view::GAP_COLUMNS_PER_RESPONDENT);
    let e = evaluate(catalog, &a);
    let lang = Lang::En;
    let u = ui(lang);
    let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
    assert_eq!(view.gap_heads.len(), e.positions.len());
    let s = Book::open(&build(&a, &e, lang)).sheet(sheet(lang, 3));
    let head = s.find_row(&[u.role, u.spread, u.lowest]);
    for (k, (position, count)) in view.gap_heads.iter().enumerate() {
        assert_eq!(s.text(head, 6 + k), format!("{position}\n{count}"));
    }
    assert_eq!(s.text(head, 6 + view.gap_heads.len()), u.notes);
    let mut ranges = 0;
    for (i, g) in view.gaps.iter().enumerate() {
        let row = head + 1 + i;
        assert_eq!(s.text(row, 0), format!("{} {}", g.id, g.name));
        for (k, cell) in g.cells.iter().enumerate() {
            match (cell.level, cell.text.parse::<u8>()) {
                (None, _) => assert_eq!(s.at(row, 6 + k), Data::Empty),
                (Some(_), Ok(n)) => assert_value(s.at(row, 6 + k), Some(f64::from(n)), "level"),
                (Some(_), Err(_)) => {
                    ranges += 1;
                    assert_eq!(s.text(row, 6 + k), cell.text);
                }
            }
        }
    }
    assert!(
        ranges > 0,
        "positions whose respondents differ show a range"
    );
}

#[test]
fn positions_are_compared_function_by_function_with_a_marker_per_position() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, e) = example_workbook(lang);
        let u = ui(lang);
        let catalog = Catalog::builtin();
        let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
        let s = Book::open(&bytes).sheet(sheet(lang, 4));
        assert_eq!(s.text(0, 0), u.positions_heading);
        assert_eq!(s.text(1, 0), u.positions_note);
        assert!(!view.tendencies.is_empty(), "the example shows tendencies");
        for t in &view.tendencies {
            s.find_text(t);
        }
        // Functions down, positions across, as the PDF.
        let head = s.find_row(&[u.function]);
        assert!(e.positions.len() > 1);
        for (k, h) in view.position_heads.iter().enumerate() {
            assert_eq!(&s.text(head, 1 + k), h);
        }
        let target_col = 1 + e.positions.len();
        assert_eq!(s.text(head, target_col), u.target_level);
        for (j, f) in catalog.functions().iter().enumerate() {
            let row = head + 1 + j;
            assert_eq!(s.text(row, 0), format!("{} {}", f.id, f.name.get(lang)));
            for (k, p) in e.positions.iter().enumerate() {
                assert_value(s.at(row, 1 + k), p.functions[j], "position's maturity");
            }
            assert_value(
                s.at(row, target_col),
                Some(f64::from(a.target_level.get())),
                "target",
            );
        }
        // The chart: a marker per position, no line, and the target dashed.
        let dots = part_names(&bytes)
            .iter()
            .filter(|n| n.starts_with("xl/charts/chart"))
            .map(|n| part(&bytes, n))
            .find(|xml| xml.contains("<c:lineChart>"))
            .expect("the positions' chart");
        let series: Vec<&str> = dots.split("<c:ser>").skip(1).collect();
        assert_eq!(series.len(), e.positions.len() + 1);
        let shapes = ["circle", "square", "triangle", "diamond"];
        for (xml, p) in series.iter().zip(&e.positions) {
            let shape = shapes[p.position as usize];
            assert!(
                xml.contains(&format!("<c:symbol val=\"{shape}\"/>")),
                "{xml}"
            );
            let colour = isomm_report::chart::position_color(p.position)
                .trim_start_matches('#')
                .to_uppercase();
            assert!(
                xml.contains(&format!("<a:srgbClr val=\"{colour}\"")),
                "{xml}"
            );
            assert!(xml.contains("<a:ln><a:noFill/></a:ln>"), "no line: {xml}");
        }
        let target = series[e.positions.len()];
        assert!(target.contains("<a:srgbClr val=\"B00020\""), "{target}");
        assert!(target.contains("<a:prstDash val=\"dash\"/>"), "{target}");
        assert!(dots.contains("<c:dispBlanksAs val=\"gap\"/>"));
    }
}

#[test]
fn mismatches_and_strong_and_weak_roles_have_their_sheets() {
    // The example's respondents answer as its pattern expects: the mismatches are in a copy where
    // A-1, in-house under the current pattern, is answered on the outsource side only.
    let catalog = Catalog::builtin();
    let mut m = example();
    let role = catalog.role_index("A-1").expect("A-1");
    for p in &mut m.respondents {
        p.answers[role].insource = None;
        p.answers[role].outsource = Level::new(3);
    }
    let me = evaluate(catalog, &m);
    for lang in [Lang::Ja, Lang::En] {
        let u = ui(lang);
        let view = ReportView::from_evaluation(catalog, &m, &me, ReportOptions::new(lang));
        assert!(!view.mismatches.is_empty(), "A-1 is a mismatch");
        let s = Book::open(&build(&m, &me, lang)).sheet(sheet(lang, 5));
        assert_eq!(s.text(0, 0), u.mismatches_heading);
        assert_eq!(s.text(1, 0), u.mismatches_note);
        let head = s.find_row(&[u.role, u.expected, u.actual]);
        for (i, m) in view.mismatches.iter().enumerate() {
            assert_eq!(s.text(head + 1 + i, 0), format!("{} {}", m.id, m.name));
            assert_eq!(s.text(head + 1 + i, 1), m.expected);
            assert_eq!(s.text(head + 1 + i, 2), m.actual);
        }
        assert_eq!(s.at(head + 1 + view.mismatches.len(), 0), Data::Empty);

        let (bytes, a, e) = example_workbook(lang);
        let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
        let mut book = Book::open(&bytes);
        // Without mismatches, as in the example, the sheet says so.
        assert!(e.mismatches.is_empty());
        book.sheet(sheet(lang, 5)).find_text(u.mismatches_none);

        let s = book.sheet(sheet(lang, 6));
        for (title, named, list) in [
            (u.strong_roles, &view.strong_roles, &e.strong_roles),
            (u.weak_roles, &view.weak_roles, &e.weak_roles),
        ] {
            assert!(!list.is_empty(), "{title}");
            let at = s.find_row(&[title]);
            assert_eq!(s.text(at + 1, 0), u.role);
            for (i, (n, role)) in named.iter().zip(list).enumerate() {
                let row = at + 2 + i;
                assert_eq!(s.text(row, 0), format!("{} {}", n.id, n.name));
                assert_value(s.at(row, 1), e.roles[*role].level, "level");
                assert_eq!(s.text(row, 2), n.remark);
            }
        }
    }
}

#[test]
fn advice_sheet_has_the_seeds_advice_and_where_the_results_come_from() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, _, _) = example_workbook(lang);
        let u = ui(lang);
        let s = Book::open(&bytes).sheet(sheet(lang, 8));
        assert_eq!(s.text(0, 0), u.advice_heading);
        for (i, advice) in u.advice.iter().enumerate() {
            assert_eq!(s.text(2 + i, 0), *advice);
        }
        s.find_text(u.about_heading);
        s.find_text(u.about);
    }
}

/// Every sheet prints on A4, one page wide, with its title or header row on every page, and has
/// no formatted cells far from its data that would print as empty pages.
#[test]
fn every_sheet_prints_on_a4_with_its_titles_repeated() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, _, _) = example_workbook(lang);
        let workbook = part(&bytes, "xl/workbook.xml");
        let mut book = Book::open(&bytes);
        for (i, name) in sheet_names(lang, true).into_iter().enumerate() {
            let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
            assert!(xml.contains("paperSize=\"9\""), "{name}: {xml}");
            assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}");
            assert!(
                xml.contains("fitToHeight=\"0\""),
                "{name}: one page wide only"
            );
            assert!(
                workbook.contains(&format!(
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">"
                )),
                "{name}: {workbook}"
            );
            // The dimension (every written cell, formatted or not) ends near the last value.
            let dimension = xml
                .split("<dimension ref=\"")
                .nth(1)
                .and_then(|d| d.split('"').next())
                .expect("a dimension");
            let end = dimension.split(':').next_back().unwrap_or(dimension);
            let last_row: usize = end
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .expect("a row");
            let used = book.sheet(name).0.end().map_or(0, |(r, _)| r as usize + 1);
            assert!(
                last_row <= used + 10,
                "{name}: cells written down to row {last_row}, values to row {used}"
            );
        }
        let orientation = |i: usize| {
            let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
            xml.contains("orientation=\"landscape\"")
        };
        assert!(!orientation(0), "the summary is a portrait page");
        assert!(
            !orientation(1),
            "the roles, then their chart, on portrait pages"
        );
        assert!(
            orientation(2) && orientation(3),
            "the wide tables are landscape"
        );
    }
}

/// The values of attribute `name` in the elements of `xml` that start with `open`.
fn attributes<'a>(xml: &'a str, open: &str, name: &str) -> Vec<&'a str> {
    xml.split(open)
        .skip(1)
        .filter_map(|e| {
            let e = &e[..e.find('>').unwrap_or(e.len())];
            e.split(&format!("{name}=\"")).nth(1)?.split('"').next()
        })
        .collect()
}

/// One font in every cell, every chart and the theme: Yu Gothic in the Japanese workbook, with
/// nothing left in Calibri or ＭＳ Ｐゴシック and nothing in italics (a Japanese font has no italic
/// face: Excel would slant it); Calibri in the English one, whose notes are in italics.
#[test]
fn one_font_in_every_cell_chart_and_the_theme() {
    for (lang, font, italic, row_height) in [
        (Lang::Ja, "Yu Gothic", false, "18.75"),
        (Lang::En, "Calibri", true, "15"),
    ] {
        let (bytes, _, _) = example_workbook(lang);
        let styles = part(&bytes, "xl/styles.xml");
        let fonts: Vec<&str> = styles
            .split("<fonts ")
            .nth(1)
            .and_then(|f| f.split("</fonts>").next())
            .expect("the fonts")
            .split("<font>")
            .skip(1)
            .collect();
        assert!(fonts.len() > 2, "{styles}");
        for f in &fonts {
            assert!(
                f.contains(&format!("<name val=\"{font}\"/>")),
                "{lang:?}: {f}"
            );
            assert!(!f.contains("<scheme"), "not the theme's font: {f}");
        }
        // Every cell format, the default one and the cell styles' included, is in these fonts.
        assert_eq!(
            attributes(&styles, "<name ", "val"),
            vec![font; fonts.len()],
            "no other font in {styles}"
        );
        for id in attributes(&styles, "<xf ", "fontId") {
            assert!(id.parse::<usize>().unwrap() < fonts.len());
        }
        // The notes: muted, in italics only where the font has them.
        let muted: Vec<&&str> = fonts.iter().filter(|f| f.contains("FF5B6570")).collect();
        assert!(!muted.is_empty(), "the notes' font");
        assert!(
            muted.iter().all(|f| f.contains("<i/>") == italic),
            "{muted:?}"
        );
        assert_eq!(
            fonts.iter().any(|f| f.contains("<i/>")),
            italic,
            "{fonts:?}"
        );
        if lang == Lang::Ja {
            assert!(
                !styles.contains("Calibri") && !styles.contains("ＭＳ"),
                "{styles}"
            );
        }
        // The default row height is the font's, so that the charts are placed as Excel draws it.
        let roles = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(
            roles.contains(&format!("<sheetFormatPr defaultRowHeight=\"{row_height}\"")),
            "{lang:?}"
        );

        // The theme's fonts, which text without a font of its own is drawn in (a chart's Japanese
        // characters among them).
        let theme = part(&bytes, "xl/theme/theme1.xml");
        let latin = attributes(&theme, "<a:latin ", "typeface");
        assert_eq!(
            latin,
            vec![font; 2],
            "{lang:?}: the theme's major and minor fonts"
        );
        if lang == Lang::Ja {
            assert_eq!(attributes(&theme, "<a:ea ", "typeface"), vec![font; 2]);
            let jpan = attributes(&theme, "<a:font script=\"Jpan\"", "typeface");
            assert_eq!(jpan, vec![font; 2]);
            assert!(!theme.contains("ＭＳ") && !theme.contains("Calibri"));
        }

        // Every chart names the font for all its text: every text body (titles, axes, legends,
        // labels) carries it.
        let charts = charts(&bytes);
        assert_eq!(
            charts.len(),
            11,
            "the radar, nine role charts, the positions"
        );
        let named = format!("<a:latin typeface=\"{font}\"/>");
        for chart in &charts {
            let typefaces = attributes(chart, "<a:latin ", "typeface");
            assert!(typefaces.iter().all(|t| *t == font), "{typefaces:?}");
            let mut bodies = 0;
            for tag in ["c:txPr", "c:rich"] {
                for body in chart.split(&format!("<{tag}>")).skip(1) {
                    let body = &body[..body.find(&format!("</{tag}>")).expect("closed")];
                    assert!(body.contains(&named), "{lang:?}: {body}");
                    bodies += 1;
                }
            }
            assert!(bodies >= 3, "a title and two axes at least: {chart}");
            // Every part with words has a text body in the font, none left to the theme.
            for tag in ["c:title", "c:catAx", "c:valAx", "c:legend", "c:dLbls"] {
                for part in chart.split(&format!("<{tag}>")).skip(1) {
                    let part = &part[..part.find(&format!("</{tag}>")).expect("closed")];
                    assert!(part.contains(&named), "{lang:?}: <{tag}> {part}");
                }
            }
        }
    }
}

#[test]
fn document_properties_and_no_external_references() {
    let (bytes, a, _) = example_workbook(Lang::Ja);
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:creator>isomm</dc:creator>"), "{core}");
    assert!(core.contains(&a.title), "{core}");
    assert!(
        !part_names(&bytes)
            .iter()
            .any(|n| n.contains("externalLink")),
        "no external links"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (one, _, _) = example_workbook(Lang::Ja);
    let (two, _, _) = example_workbook(Lang::Ja);
    assert!(one == two, "the workbook depends only on its input");
}

/// Converts `xlsx` to PDF with LibreOffice in `dir`; returns the PDF's path.
fn convert_to_pdf(dir: &Path, xlsx: &Path) -> PathBuf {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    SOFFICE.run(|c| {
        c.env("HOME", &home)
            .arg("--headless")
            .arg("--norestore")
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(xlsx)
    });
    xlsx.with_extension("pdf")
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn libreoffice_opens_the_workbook() {
    for lang in [Lang::Ja, Lang::En] {
        let dir = TempDir::new(&format!("xlsx-{}", lang.code()));
        let (bytes, _, _) = example_workbook(lang);
        let xlsx = dir.0.join(format!("report-{}.xlsx", lang.code()));
        std::fs::write(&xlsx, &bytes).expect("write the xlsx");
        let pdf = convert_to_pdf(&dir.0, &xlsx);
        let size = std::fs::metadata(&pdf)
            .unwrap_or_else(|e| panic!("no PDF from LibreOffice at {}: {e}", pdf.display()))
            .len();
        assert!(size > 1000, "the PDF is {size} bytes");
        let head = std::fs::read(&pdf).expect("read the PDF");
        assert!(head.starts_with(b"%PDF"), "a PDF");
    }
}

/// The roles' charts as LibreOffice prints them: on the roles sheet's pages, a chart per function
/// under its title, and each bar's label with its value, its sourcing word and its thin mark, as
/// the table's row gives them.
#[test]
#[ignore = "needs LibreOffice (soffice) and poppler-utils (pdftotext)"]
fn libreoffice_prints_the_role_charts_with_their_sourcing_words() {
    // B-2 answered by one respondent of three: its label carries the thin-evidence mark.
    let mut a = example();
    let catalog = Catalog::builtin();
    let thin_role = catalog.role_index("B-2").expect("B-2");
    for p in &mut a.respondents[1..] {
        p.answers[thin_role].insource = None;
        p.answers[thin_role].outsource = None;
    }
    let e = evaluate(catalog, &a);
    for lang in [Lang::Ja, Lang::En] {
        let dir = TempDir::new(&format!("xlsx-roles-{}", lang.code()));
        let bytes = build(&a, &e, lang);
        let xlsx = dir.0.join(format!("report-{}.xlsx", lang.code()));
        std::fs::write(&xlsx, &bytes).expect("write the xlsx");
        let pdf = convert_to_pdf(&dir.0, &xlsx);
        let text = PDFTOTEXT.run(|c| c.args(["-layout", "-enc", "UTF-8"]).arg(&pdf).arg("-"));
        // The roles sheet's pages, by their footer (the sheet's name), each line's spaces made one.
        let name = sheet(lang, 1);
        let pages: Vec<String> = text
            .split('\u{c}')
            .filter(|page| {
                page.lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| l.trim_start().starts_with(name))
            })
            .map(|page| {
                page.lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        assert!(
            pages.len() > 1,
            "{lang:?}: the table, then the charts: {text}"
        );
        let roles = pages.join("\n");
        for f in catalog.functions() {
            let title = format!("{} {}", f.id, f.name.get(lang));
            assert!(roles.contains(&title), "{lang:?}: no chart titled {title}");
        }
        let s = Book::open(&bytes).sheet(name);
        let mut labels = 0;
        for (i, role) in catalog.roles().iter().enumerate() {
            let label = label_from_row(&s, i + 1).expect("a level");
            assert!(
                roles.lines().any(|l| l.contains(&label)),
                "{lang:?}: no label {label} ({})",
                role.id
            );
            labels += 1;
        }
        assert_eq!(labels, 54);
        let thin = label_from_row(&s, thin_role + 1).unwrap();
        assert!(thin.ends_with(" *") && roles.contains(&thin), "{thin}");
    }
}

/// User text that looks like a formula stays text in the workbook: stored as a string, never as a
/// `<f>` element that Excel would evaluate.
#[test]
fn formulas_in_user_text_stay_text() {
    let mut a = example();
    a.organization = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    a.respondents[0].name = "@SUM(1+1)".into();
    a.respondents[0].answers[0].note = Some("=cmd|' /C calc'!A0".into());
    let e = evaluate(Catalog::builtin(), &a);
    let bytes = build(&a, &e, Lang::Ja);
    for name in part_names(&bytes) {
        if name.starts_with("xl/worksheets/") {
            let xml = part(&bytes, &name);
            for f in xml.split("<f>").skip(1) {
                let formula = f.split("</f>").next().unwrap_or("");
                assert!(
                    !formula.contains("HYPERLINK")
                        && !formula.contains("SUM(1+1)")
                        && !formula.contains("cmd|"),
                    "{name}: {formula}"
                );
            }
        }
    }
    let mut book = Book::open(&bytes);
    let mut found = 0;
    for sheet in sheet_names(Lang::Ja, true) {
        let range = book.xlsx.worksheet_range(sheet).unwrap();
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2
                && (s.starts_with("=HYPERLINK") || s == "@SUM(1+1)" || s.starts_with("=cmd"))
            {
                found += 1;
            }
        }
    }
    assert!(
        found >= 3,
        "the texts are in the workbook as strings ({found})"
    );
}

/// A sheet from the web goes back to one respondent's page, which takes its answers only: its
/// assessment fields, name and position are locked (no cell of the fields sheet asks for input),
/// where a sheet of `isomm template` asks for them; both read back the same.
#[test]
fn a_sheet_from_the_web_locks_what_its_page_does_not_take() {
    use isomm_report::sheet::{SheetOptions, SheetReturn, UploadPage, write_xlsx_template};
    let catalog = Catalog::builtin();
    let options = |back| SheetOptions {
        organization: Some("Example SOC".into()),
        title: Some("FY2026".into()),
        current_pattern: Some("hybrid".into()),
        target_pattern: Some("hybrid".into()),
        respondent: Some("Sato".into()),
        position: Some("staff".into()),
        back,
        ..SheetOptions::default()
    };
    let web = SheetReturn::Page(UploadPage {
        address: None,
        section: "s".into(),
        field: "f".into(),
        button: "b".into(),
    });
    for (back, editable) in [(SheetReturn::Command, true), (web, false)] {
        let mut bytes = Vec::new();
        write_xlsx_template(&mut bytes, catalog, Lang::Ja, &options(back)).unwrap();
        let fields = part(&bytes, "xl/worksheets/sheet2.xml");
        assert_eq!(fields.contains("<dataValidation "), editable, "{fields}");
        let read =
            answers::parse_bytes(&bytes, AnswersFormat::Xlsx, catalog, &Overrides::default())
                .unwrap();
        assert_eq!(
            (
                read.organization.as_str(),
                read.respondents[0].name.as_str()
            ),
            ("Example SOC", "Sato")
        );
    }
}
