//! isomm's outputs: one view model ([`view::ReportView`]) and one renderer per format, each writing
//! into any `io::Write`.
//!
//! Architecture invariant: renderers never compute results; they lay out what
//! `isomm_core::evaluate` returned, or what a kept result document reads back as
//! ([`read::read_evaluation`]), through [`ResultDocument`] or [`view::ReportView`].

pub mod chart;
pub mod comparison;
pub mod guide;
pub mod items;
pub mod json;
pub mod numbers;
pub mod pdf;
pub mod plan;
pub mod read;
pub mod sheet;
pub mod trend;
pub mod ui;
pub mod view;
pub mod xlsx;

use std::io;

use askama::Template;
use isomm_core::rules::Evaluation;
use isomm_core::{Assessment, Catalog, Lang, evaluate};

pub use json::ResultDocument;
pub use plan::PlanOptions;
pub use view::{ReportOptions, ReportView};

/// The report's stylesheet, for pages that embed [`ReportBody`].
pub const REPORT_CSS: &str = include_str!("../templates/report.css");

/// The report formats of `isomm report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
    Pdf,
    Xlsx,
    Svg,
    Csv,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Html,
        Format::Pdf,
        Format::Xlsx,
        Format::Svg,
        Format::Csv,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

/// Evaluates the assessment and writes its report in `format`, for `options.audience`: a reader
/// of results gets the assessment without its notes ([`isomm_core::Audience::redact`]).
pub fn write_report<W: io::Write>(
    out: &mut W,
    format: Format,
    catalog: &Catalog,
    assessment: &Assessment,
    options: ReportOptions,
) -> io::Result<()> {
    let evaluation = evaluate(catalog, assessment);
    write_scored(
        out,
        format,
        catalog,
        assessment,
        &evaluation,
        options,
        None,
        &[],
    )
}

/// [`write_report`] with a "since the last round" section comparing `previous` (C1–C6, with the
/// threshold) with this round, in every format but the JSON result (the comparison has its own
/// document). Two rounds C1 refuses are an error: check them first
/// ([`isomm_core::compare::compare`]) to say why.
pub fn write_report_since<W: io::Write>(
    out: &mut W,
    format: Format,
    catalog: &Catalog,
    assessment: &Assessment,
    options: ReportOptions,
    previous: &read::RoundRecord,
    threshold: isomm_core::compare::Threshold,
) -> io::Result<()> {
    let evaluation = evaluate(catalog, assessment);
    let since = Some((previous, threshold));
    write_scored(
        out,
        format,
        catalog,
        assessment,
        &evaluation,
        options,
        since,
        &[],
    )
}

/// The report of an assessment with the evaluation given rather than made now: a closed round's
/// report lays out the evaluation it kept ([`read::read_evaluation`]), which must be of these
/// respondents ([`read::KeptResult::counts`]). With `since`, the "since the last round" section
/// ([`write_report_since`]). A reader of results gets the assessment without its notes. Each plan
/// line shows its tracked item from `items`, when it has one.
#[allow(clippy::too_many_arguments)]
pub fn write_scored<W: io::Write>(
    out: &mut W,
    format: Format,
    catalog: &Catalog,
    assessment: &Assessment,
    evaluation: &Evaluation,
    options: ReportOptions,
    since: Option<(&read::RoundRecord, isomm_core::compare::Threshold)>,
    items: &[isomm_core::items::Item],
) -> io::Result<()> {
    let redacted;
    let assessment = if options.audience.reads_notes() {
        assessment
    } else {
        redacted = options.audience.redact(assessment.clone());
        &redacted
    };
    let Some((previous, threshold)) = since else {
        let view = || {
            ReportView::from_evaluation(catalog, assessment, evaluation, options)
                .with_items(items, options.lang)
        };
        return match format {
            Format::Json => write_json(out, catalog, assessment, evaluation, options.plan),
            Format::Html => write_html(out, &view()),
            Format::Pdf => pdf::write_pdf(out, &view()),
            Format::Xlsx => {
                xlsx::write_xlsx_view(out, catalog, assessment, evaluation, options, view())
            }
            Format::Svg => view().radar.write_into(out),
            Format::Csv => write_csv(out, catalog, assessment, evaluation, options.lang),
        };
    };
    let now = read::RoundRecord::of(catalog, assessment, evaluation, options.plan);
    let c = comparison::compared(previous, &now, threshold)
        .map_err(|_| io::Error::other("the rounds cannot be compared"))?;
    let view = || {
        ReportView::from_evaluation(catalog, assessment, evaluation, options)
            .with_items(items, options.lang)
            .since(catalog, previous, &now, &c, options.lang)
    };
    match format {
        Format::Json => write_json(out, catalog, assessment, evaluation, options.plan),
        Format::Html => write_html(out, &view()),
        Format::Pdf => pdf::write_pdf(out, &view()),
        Format::Xlsx => {
            xlsx::write_xlsx_view(out, catalog, assessment, evaluation, options, view())
        }
        Format::Svg => view().radar.write_into(out),
        Format::Csv => {
            let v = view();
            write_csv_since(
                out,
                catalog,
                assessment,
                evaluation,
                options.lang,
                v.since.as_ref(),
            )
        }
    }
}

/// The `isomm-result/1` document, pretty-printed, with a final newline; its `plan` cut by `plan`.
pub fn write_json<W: io::Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    plan: PlanOptions,
) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &ResultDocument::new(catalog, assessment, e, plan),
    )?;
    out.write_all(b"\n")
}

/// The self-contained HTML report.
#[derive(Template)]
#[template(path = "report.html")]
struct HtmlReport<'a> {
    v: &'a ReportView,
    /// [`ReportBody`], rendered.
    body: String,
}

/// The page body of the report (header to advice), for embedding in the web application.
#[derive(Template)]
#[template(path = "report_body.html")]
pub struct ReportBody<'a> {
    pub v: &'a ReportView,
    pub radar_svg: String,
    /// The same radar laid out for a phone (shown instead of it on a narrow screen).
    pub radar_narrow_svg: String,
    pub role_svgs: Vec<String>,
    pub current_svg: String,
    pub target_svg: String,
    pub positions_svg: String,
    /// HTML shown beside the radar (the web page's series switches); empty in files.
    pub beside_radar: String,
}

impl<'a> ReportBody<'a> {
    pub fn new(v: &'a ReportView) -> ReportBody<'a> {
        ReportBody {
            v,
            radar_svg: render_svg(&v.radar),
            radar_narrow_svg: render_svg(&v.radar.narrow()),
            role_svgs: v.role_charts.iter().map(render_svg).collect(),
            current_svg: render_svg(&v.current_diagram),
            target_svg: render_svg(&v.target_diagram),
            positions_svg: render_svg(&v.positions_chart),
            beside_radar: String::new(),
        }
    }

    /// Puts trusted HTML (rendered by an auto-escaping template) beside the radar.
    pub fn beside_radar(mut self, html: String) -> ReportBody<'a> {
        self.beside_radar = html;
        self
    }
}

/// Renders an SVG template. Rendering into a `String` cannot fail for these templates: every value
/// they print is a plain string or number.
pub(crate) fn render_svg(t: &impl Template) -> String {
    t.render().unwrap_or_default()
}

pub fn write_html<W: io::Write>(out: &mut W, v: &ReportView) -> io::Result<()> {
    let body = ReportBody::new(v)
        .render()
        .map_err(|e| io::Error::other(format!("the report could not be laid out: {e}")))?;
    HtmlReport { v, body }.write_into(out)
}

/// Column names of `isomm report --format csv`: the fields of `roles[]`, then the role's name. The
/// file starts with a UTF-8 byte order mark, so that Excel shows Japanese correctly.
pub const ROLE_CSV_COLUMNS: [&str; 10] = [
    "id",
    "function",
    "area",
    "level",
    "insource",
    "outsource",
    "unanswered",
    "expected_current",
    "expected_target",
    "name",
];

pub fn write_csv<W: io::Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    lang: Lang,
) -> io::Result<()> {
    write_csv_since(out, catalog, assessment, e, lang, None)
}

/// The columns `isomm report --previous` adds to the CSV, after the name: the role's level in the
/// earlier round, its change (unrounded) and its status (C3).
pub const SINCE_CSV_COLUMNS: [&str; 3] = ["level_earlier", "level_delta", "status"];

fn write_csv_since<W: io::Write>(
    out: &mut W,
    catalog: &Catalog,
    assessment: &Assessment,
    e: &Evaluation,
    lang: Lang,
    since: Option<&comparison::ComparisonView>,
) -> io::Result<()> {
    let doc = ResultDocument::new(catalog, assessment, e, PlanOptions::default());
    out.write_all(sheet::UTF8_BOM)?;
    let mut w = csv::Writer::from_writer(out);
    let number = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    let mut head = ROLE_CSV_COLUMNS.to_vec();
    if since.is_some() {
        head.extend(SINCE_CSV_COLUMNS);
    }
    w.write_record(head)?;
    for (r, role) in doc.roles.iter().enumerate() {
        let mut cells = vec![
            role.id.to_string(),
            role.function.to_string(),
            role.area.as_str().to_string(),
            number(role.level),
            number(role.insource),
            number(role.outsource),
            role.unanswered.to_string(),
            role.expected_current.to_string(),
            role.expected_target.to_string(),
            catalog.roles()[r].name.get(lang).to_string(),
        ];
        cells = sheet::safe_record(&cells);
        // Numbers and codes of isomm's own, written as they are (a negative change is a number).
        if let Some(change) = since.and_then(|s| s.roles.iter().find(|c| c.id == role.id)) {
            let level = change.numbers[0];
            cells.extend([
                number(level.earlier),
                number(level.delta),
                change.status.to_string(),
            ]);
        }
        w.write_record(&cells)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests;
