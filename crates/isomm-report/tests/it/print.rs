//! The HTML report printed as people print it: Chromium's own print to PDF on A4 (its print
//! stylesheet), read back with poppler. Page 1 holds the summary (never the title alone), and the
//! printout is about as long as the PDF report's.

use std::path::PathBuf;

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Catalog, Lang};
use isomm_report::{Format, ReportOptions, ReportView, write_report};

use crate::tools::{CHROMIUM, PDFINFO, PDFTOTEXT};

fn pages(path: &std::path::Path) -> usize {
    let info = PDFINFO.run(|c| c.arg(path));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count from pdfinfo: {info}"))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
#[ignore = "needs chromium and poppler-utils (pdftotext, pdfinfo)"]
fn the_printed_html_report_opens_with_the_summary() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("isomm-print");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, source) in crate::EXAMPLES {
        for lang in [Lang::Ja, Lang::En] {
            let what = format!("{name} ({lang:?})");
            let a = answers::parse(
                source,
                AnswersFormat::Toml,
                Catalog::builtin(),
                &Overrides::default(),
            )
            .unwrap();
            let options = ReportOptions::new(lang);
            let render = |format| {
                let mut out = Vec::new();
                write_report(&mut out, format, Catalog::builtin(), &a, options).unwrap();
                out
            };
            let html = dir.join(format!("{name}-{lang:?}.html"));
            std::fs::write(&html, render(Format::Html)).unwrap();
            let printed = dir.join(format!("{name}-{lang:?}-printed.pdf"));
            let profile = dir.join(format!("profile-{name}-{lang:?}"));
            CHROMIUM.run(|c| {
                c.args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                ])
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--print-to-pdf={}", printed.display()))
                .arg(format!("file://{}", html.display()))
            });
            let typeset = dir.join(format!("{name}-{lang:?}.pdf"));
            std::fs::write(&typeset, render(Format::Pdf)).unwrap();
            let (printed_pages, typeset_pages) = (pages(&printed), pages(&typeset));
            assert!(
                printed_pages <= typeset_pages + 2,
                "{what}: the printout has {printed_pages} pages, the PDF report {typeset_pages}"
            );
            let page = |n: usize| {
                squeeze(&PDFTOTEXT.run(|c| {
                    c.args(["-f", &n.to_string(), "-l", &n.to_string(), "-enc", "UTF-8"])
                        .arg(&printed)
                        .arg("-")
                }))
            };
            let first = page(1);
            let v = ReportView::new(Catalog::builtin(), &a, options);
            for (part, text) in [
                ("the title", v.ui.report_title),
                ("the overall", v.overall.as_str()),
                ("the verdict", v.summary.verdict.as_str()),
                ("the mismatch count", v.summary.mismatches.as_str()),
                ("the first actions", v.ui.top_actions),
                ("who was counted", v.summary.counted.as_str()),
            ] {
                assert!(
                    first.contains(&squeeze(text)),
                    "{what}: page 1 of the printout lacks {part} {text:?}:\n{first}"
                );
            }
            for top in &v.plan.top {
                assert!(first.contains(&squeeze(&top.name)), "{what}: {}", top.id);
            }
            // The summary ends page 1: page 2 opens with what follows it.
            assert!(
                !page(2).contains(&squeeze(v.ui.summary_heading)),
                "{what}: the summary runs onto page 2"
            );
        }
    }
}
