//! PDF report: the report laid out with typst on A4, Japanese font embedded.
//!
//! typst runs as a library in a small [`World`] that holds exactly three files and one font:
//!
//! - `/report.typ` — the layout (`templates/report.typ`, compiled into the binary);
//! - `/data.json` — the [`ReportView`] as JSON, which the template reads with `json(...)`. User text
//!   (organisation, title, respondents' names) reaches typst only as JSON strings, which typst shows
//!   as text: nothing typed by a user is ever parsed as typst markup, so no escaping is needed;
//! - `/radar.svg` — the radar chart, the same SVG as the HTML report's;
//! - the IPAexGothic font (`fonts/ipaexg.ttf`, included with `include_bytes!`), the only font, which
//!   typst subsets and embeds. No system font or file is read, and the clock is not asked: the same
//!   view gives the same bytes.

use std::io;
use std::sync::LazyLock;

use serde_json::{Value, json};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_pdf::PdfOptions;

use crate::view::ReportView;

/// The layout of the report.
const TEMPLATE: &str = include_str!("../templates/report.typ");

/// IPAexGothic (IPA Font License v1.0; see `fonts/README.md`).
static FONT: &[u8] = include_bytes!("../fonts/ipaexg.ttf");

/// What every compilation shares: the standard library and the font, loaded once.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = Font::iter(Bytes::new(FONT)).collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

fn file_id(path: &str) -> FileId {
    // The paths are constants of this module, all valid.
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The typst world of one report.
struct ReportWorld {
    main: Source,
    /// `/data.json` and the charts, by path.
    files: Vec<(FileId, Bytes)>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(self.file(id).map_or_else(|e| e, |_| FileError::NotSource))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The report shows the assessment's date, never today's.
        None
    }
}

fn other(message: String) -> io::Error {
    io::Error::other(message)
}

/// Writes the report as a PDF document.
pub fn write_pdf<W: io::Write>(out: &mut W, view: &ReportView) -> io::Result<()> {
    let (pdf, _warnings) = render(TEMPLATE, view)?;
    out.write_all(&pdf)
}

/// Lays out the report with a template and returns the PDF and typst's warnings (which do not
/// stop the PDF; the tests require there are none).
fn render(template: &str, view: &ReportView) -> io::Result<(Vec<u8>, Vec<String>)> {
    lay_out(
        ("/report.typ", template),
        data(view)?,
        vec![
            ("/radar.svg", svg(&view.radar)?),
            ("/current.svg", svg(&view.current_diagram)?),
            ("/target.svg", svg(&view.target_diagram)?),
            ("/positions.svg", svg(&view.positions_chart)?),
        ],
    )
}

/// A chart's SVG, as typst reads an image file.
fn svg(chart: &dyn askama::DynTemplate) -> io::Result<Bytes> {
    chart
        .dyn_render()
        .map(Bytes::from_string)
        .map_err(|e| other(format!("a chart could not be drawn: {e}")))
}

/// The layout of a comparison of two rounds.
const COMPARISON_TEMPLATE: &str = include_str!("../templates/comparison.typ");

/// Writes a comparison of two rounds as a PDF document.
pub fn write_comparison_pdf<W: io::Write>(
    out: &mut W,
    view: &crate::comparison::ComparisonView,
) -> io::Result<()> {
    let (pdf, _warnings) = render_comparison(COMPARISON_TEMPLATE, view)?;
    out.write_all(&pdf)
}

fn render_comparison(
    template: &str,
    view: &crate::comparison::ComparisonView,
) -> io::Result<(Vec<u8>, Vec<String>)> {
    let mut data = serde_json::to_value(view)
        .map_err(|e| other(format!("the PDF report's data could not be written: {e}")))?;
    if let Value::Object(map) = &mut data {
        let u = view.ui;
        map.insert(
            "document_title".into(),
            json!(format!("{} — {}", view.organization, u.heading)),
        );
        map.insert(
            "footer".into(),
            json!(format!("{} · {} {}", u.generated_by, u.model, view.model)),
        );
    }
    lay_out(
        ("/comparison.typ", template),
        data,
        vec![("/radar.svg", svg(&view.radar)?)],
    )
}

/// Compiles `template` (named by its path) with `/data.json` and the given files, and returns the
/// PDF and typst's warnings.
fn lay_out(
    (path, template): (&str, &str),
    data: Value,
    files: Vec<(&str, Bytes)>,
) -> io::Result<(Vec<u8>, Vec<String>)> {
    let data = serde_json::to_vec(&data)
        .map_err(|e| other(format!("the PDF report's data could not be written: {e}")))?;
    let mut files: Vec<(FileId, Bytes)> = files
        .into_iter()
        .map(|(path, bytes)| (file_id(path), bytes))
        .collect();
    files.push((file_id("/data.json"), Bytes::new(data)));
    let world = ReportWorld {
        main: Source::new(file_id(path), template.to_string()),
        files,
    };
    let compiled = typst::compile(&world);
    // Keep typst's memo caches from growing without bound in a long-running server.
    typst::comemo::evict(10);
    let warnings = compiled
        .warnings
        .iter()
        .map(|w| diagnostic(&world, w))
        .collect();
    let document = compiled.output.map_err(|errors| {
        other(format!(
            "the PDF report could not be laid out: {}",
            messages(&world, &errors)
        ))
    })?;
    let options = PdfOptions {
        creator: Smart::Custom(Some("isomm".to_string())),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| {
        other(format!(
            "the PDF report could not be written: {}",
            messages(&world, &errors)
        ))
    })?;
    Ok((pdf, warnings))
}

fn messages(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| diagnostic(world, d))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One typst diagnostic in a line: the message, where in the template, and typst's hints.
fn diagnostic(world: &ReportWorld, d: &SourceDiagnostic) -> String {
    let mut text = d.message.to_string();
    if let Some(id) = d.span.id() {
        let place = world
            .range(d.span)
            .filter(|_| id == world.main.id())
            .and_then(|range| world.main.lines().byte_to_line(range.start));
        match place {
            Some(line) => text.push_str(&format!(
                " (templates{}, line {})",
                world.main.id().vpath().get_with_slash(),
                line + 1
            )),
            None => text.push_str(&format!(" ({})", id.vpath().get_without_slash())),
        }
    }
    for hint in &d.hints {
        text.push_str(&format!("; hint: {}", hint.v));
    }
    text
}

/// The view as the template reads it: the [`ReportView`] itself, and what only the PDF needs.
fn data(v: &ReportView) -> io::Result<Value> {
    let u = v.ui;
    let subtitle: Vec<&str> = [Some(v.title.as_str()), v.date.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let legend = [
        (crate::chart::INSOURCE, u.mark_insourced, u.legend_insourced),
        (
            crate::chart::OUTSOURCE,
            u.mark_outsourced,
            u.legend_outsourced,
        ),
        (crate::chart::BOTH, u.mark_both, u.legend_both),
        (
            crate::chart::UNANSWERED,
            u.mark_unanswered,
            u.legend_unanswered,
        ),
    ];
    let mut data = serde_json::to_value(v)
        .map_err(|e| other(format!("the PDF report's data could not be written: {e}")))?;
    let extra = [
        ("lang", json!(u.lang)),
        (
            "document_title",
            json!(format!("{} — {}", v.organization, u.report_title)),
        ),
        (
            "footer",
            json!(format!("{} · {} {}", u.generated_by, u.model, v.model)),
        ),
        (
            "list_separator",
            json!(if u.lang == "ja" { "、" } else { ", " }),
        ),
        ("subtitle", json!(subtitle.join(" · "))),
        (
            "legend",
            legend
                .iter()
                .map(|(color, mark, label)| json!({ "color": color, "label": format!("{mark} {label}") }))
                .collect(),
        ),
    ];
    if let Value::Object(map) = &mut data {
        for (key, value) in extra {
            map.insert(key.to_string(), value);
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isomm_core::answers::{self, AnswersFormat, Overrides};
    use isomm_core::{Catalog, Lang};

    const EXAMPLES: [&str; 4] = [
        include_str!("../../../examples/hybrid-soc-mssp.toml"),
        include_str!("../../../examples/inhouse-team-to-full-insource.toml"),
        include_str!("../../../examples/one-person-csirt.toml"),
        include_str!("../../../examples/large-soc-30-respondents.toml"),
    ];

    fn view(text: &str, lang: Lang) -> ReportView {
        let catalog = Catalog::builtin();
        let assessment =
            answers::parse(text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
        ReportView::new(catalog, &assessment, crate::ReportOptions::new(lang))
    }

    #[test]
    fn every_example_lays_out_without_warnings() {
        for text in EXAMPLES {
            for lang in [Lang::Ja, Lang::En] {
                let (pdf, warnings) = render(TEMPLATE, &view(text, lang)).unwrap();
                assert!(pdf.starts_with(b"%PDF"));
                assert!(warnings.is_empty(), "{warnings:?}");
            }
        }
    }

    #[test]
    fn an_assessment_without_answers_lays_out() {
        let text = r#"
format = "isomm-answers/1"
organization = "Empty"
title = "No answers"
current_pattern = "hybrid"
target_pattern = "full-insource"
[[respondents]]
name = "A"
position = "staff"
[[respondents]]
name = "B"
position = "manager"
"#;
        // Every role unanswered (counted as 1): every role is an improvement point, and the
        // summary says there are no answers yet.
        let view = view(text, Lang::En);
        assert_eq!(view.plan.total, view.role_count);
        let (pdf, warnings) = render(TEMPLATE, &view).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn typst_errors_become_io_errors_that_say_where() {
        let view = view(EXAMPLES[2], Lang::Ja);
        let template = format!("{TEMPLATE}\n#d.no_such_field\n");
        let line = template.lines().count();
        let error = render(&template, &view).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Other);
        let message = error.to_string();
        assert!(
            message.starts_with("the PDF report could not be laid out: ")
                && message.contains("no_such_field")
                && message.contains(&format!("templates/report.typ, line {line}")),
            "{message}"
        );
    }
}
