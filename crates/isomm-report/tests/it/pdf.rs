//! The PDF report read back as a person reads it: its text extracted with poppler's `pdftotext`, its
//! fonts listed with `pdffonts` (those tests are ignored unless asked for: see [`crate::tools`]).

use std::path::{Path, PathBuf};

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Assessment, Catalog, Lang};
use isomm_report::ReportOptions;
use isomm_report::ReportView;
use isomm_report::pdf::write_pdf;

use crate::tools::{PDFFONTS, PDFINFO, PDFTOTEXT, Tool};

const HYBRID: &str = include_str!("../../../../examples/hybrid-soc-mssp.toml");

/// An organisation name made of everything typst markup would otherwise interpret.
const TRICKY_ORG: &str = r#"A#B $x$ *y* [z] <w> @v \u "q" `r` _s_ // t = u"#;
const TRICKY_NAME: &str = r#"#set text(red) 佐藤 [健] $1"#;

fn assessment(text: &str) -> Assessment {
    answers::parse(
        text,
        AnswersFormat::Toml,
        Catalog::builtin(),
        &Overrides::default(),
    )
    .unwrap()
}

fn pdf_of(assessment: &Assessment, lang: Lang) -> Vec<u8> {
    let view = ReportView::new(Catalog::builtin(), assessment, ReportOptions::new(lang));
    let mut pdf = Vec::new();
    write_pdf(&mut pdf, &view).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    pdf
}

/// Writes the PDF into the test's scratch directory.
fn save(name: &str, pdf: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("isomm-{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

/// Runs one of poppler's tools on the PDF at `path` (`pdftotext` writing to standard output).
fn poppler(tool: &Tool, args: &[&str], path: &Path) -> String {
    tool.run(|c| {
        c.args(args).arg(path);
        if tool.program == PDFTOTEXT.program {
            c.arg("-")
        } else {
            c
        }
    })
}

/// The text of the PDF laid out as on the page, with all whitespace removed so that words broken
/// across lines still match.
fn text_of(path: &Path) -> String {
    squeeze(&poppler(&PDFTOTEXT, &["-layout", "-enc", "UTF-8"], path))
}

/// The text in reading order (whitespace removed): a table cell of several lines stays in one piece,
/// where `-layout` interleaves it with the lines of the cells beside it.
fn reading_order_text(path: &Path) -> String {
    squeeze(&poppler(&PDFTOTEXT, &["-enc", "UTF-8"], path))
}

/// Whitespace and the phrase breaks of names (U+200B, where a name may wrap) removed.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != isomm_core::PHRASE_BREAK)
        .collect()
}

fn assert_contains(text: &str, wanted: &str, what: &str) {
    assert!(
        text.contains(&squeeze(wanted)),
        "the PDF does not show {what} {wanted:?}; its text:\n{text}"
    );
}

fn check_report(lang: Lang, name: &str) -> (PathBuf, String) {
    let assessment = assessment(HYBRID);
    let view = ReportView::new(Catalog::builtin(), &assessment, ReportOptions::new(lang));
    let path = save(name, &pdf_of(&assessment, lang));
    let text = text_of(&path);
    let ui = view.ui;
    assert_contains(&text, ui.report_title, "the report title");
    assert_contains(&text, &assessment.organization, "the organisation");
    assert_contains(&text, &assessment.title, "the title");
    assert_contains(&text, "2026-11-26", "the date");
    assert_contains(&text, &view.current.name, "the current pattern");
    assert_contains(&text, &view.target.name, "the target pattern");
    assert_contains(&text, ui.overall, "the overall heading");
    assert_contains(&text, &view.overall, "the overall value");
    for r in &view.respondents {
        assert_contains(&text, &r.name, "a respondent");
        assert_contains(&text, &format!("{} / 54", r.answered), "answered roles");
    }
    for heading in [
        ui.radar_heading,
        ui.table_heading,
        ui.strengths,
        ui.weaknesses,
        ui.roles_heading,
        ui.mismatches_heading,
        ui.improvements_heading,
        ui.gaps_heading,
        ui.positions_heading,
        ui.advice_heading,
        ui.about_heading,
        ui.generated_by,
    ] {
        assert_contains(&text, heading, "the heading");
    }
    for role in Catalog::builtin().roles() {
        assert_contains(&text, role.name.get(lang), "the role name");
        assert_contains(&text, &role.id, "the role id");
    }
    for f in &view.functions {
        assert_contains(&text, &format!("{}. {}", f.id, f.name), "the function row");
    }
    // The plan: each group's lines in their order, each saying what to do.
    let reading = reading_order_text(&path);
    assert!(!view.plan.groups.is_empty());
    let mut at = reading.find(&squeeze(ui.improvements_heading)).unwrap();
    for g in &view.plan.groups {
        let found = reading[at..].find(&squeeze(&g.title)).map(|p| p + at);
        at = found.unwrap_or_else(|| panic!("plan group {} missing or out of order", g.title));
        for l in &g.lines {
            let row = squeeze(&format!("{} {}", l.id, l.name));
            let found = reading[at..].find(&row).map(|p| p + at);
            at = found.unwrap_or_else(|| panic!("plan line {row} missing or out of order"));
            assert_contains(&reading[at..], &l.todo, "what to do");
        }
    }
    // Page 1 is the summary: the overall, the target and the first action's role.
    let first = squeeze(&poppler(
        &PDFTOTEXT,
        &["-f", "1", "-l", "1", "-enc", "UTF-8"],
        &path,
    ));
    assert_contains(&first, ui.summary_heading, "the summary on page 1");
    assert_contains(
        &first,
        &view.summary.verdict,
        "the overall against the target on page 1",
    );
    let action = &view.plan.top[0];
    assert_contains(&first, &action.name, "the first action's role on page 1");
    assert_contains(&reading, ui.about, "the about text");
    assert_contains(&text, "isomm-2.1", "the model id");
    (path, text)
}

#[test]
#[ignore = "needs poppler-utils (pdftotext, pdfinfo)"]
fn japanese_report_shows_every_role_and_the_results() {
    let (path, text) = check_report(Lang::Ja, "hybrid-ja");
    assert_contains(&text, "みなと信託銀行 SOC", "the organisation");
    assert_contains(&text, "将来に向けての改善点", "the improvement heading");
    // The radar's labels are drawn with the embedded font (they come from the SVG).
    assert_contains(&text, "1 / ", "the page number");
    let pages = poppler(&PDFINFO, &[], &path);
    assert!(pages.contains("Pages:"), "{pages}");
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn english_report_shows_every_role_and_the_results() {
    let (_, text) = check_report(Lang::En, "hybrid-en");
    assert_contains(&text, "Improvement points toward the target", "the heading");
    assert_contains(&text, "Made with isomm", "the footer");
}

#[test]
#[ignore = "needs poppler-utils (pdffonts)"]
fn the_font_is_embedded_and_subset() {
    let path = save("fonts", &pdf_of(&assessment(HYBRID), Lang::Ja));
    let fonts = poppler(&PDFFONTS, &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in the PDF:\n{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        let (tag, family) = name.split_once('+').unwrap_or(("", name));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "font {name} is not a subset:\n{fonts}"
        );
        assert!(family.starts_with("IPAexGothic"), "unexpected font {name}");
        // Columns: name, type(s), encoding, emb, sub, uni, object, id.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "emb/sub/uni:\n{fonts}");
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn user_text_is_printed_literally() {
    let text = HYBRID
        .replace(
            r#"organization = "みなと信託銀行 SOC""#,
            &format!("organization = '{TRICKY_ORG}'"),
        )
        .replace(r#"name = "佐藤 健""#, &format!("name = '{TRICKY_NAME}'"));
    let assessment = assessment(&text);
    assert_eq!(assessment.organization, TRICKY_ORG);
    for lang in [Lang::Ja, Lang::En] {
        let path = save(&format!("tricky-{lang:?}"), &pdf_of(&assessment, lang));
        let text = text_of(&path);
        assert_contains(&text, TRICKY_ORG, "the organisation, literally,");
        assert_contains(&text, TRICKY_NAME, "the respondent, literally,");
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let assessment = assessment(HYBRID);
    assert!(pdf_of(&assessment, Lang::En) == pdf_of(&assessment, Lang::En));
}

/// Page 1 of every example's PDF, in both languages, as an executive reads it: the overall, the
/// 0–5 scale with the target on it, the radar, the count of roles whose answers contradict the
/// current pattern, and up to three first actions that ask for different things — in a text layer
/// with no zero-width character and no line break inside "レベル 4".
#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn page_one_briefs_an_executive() {
    for (name, source) in crate::EXAMPLES {
        for lang in [Lang::Ja, Lang::En] {
            let what = format!("{name} ({lang:?})");
            let a = assessment(source);
            let view = ReportView::new(Catalog::builtin(), &a, ReportOptions::new(lang));
            let path = save(&format!("page1-{name}-{lang:?}"), &pdf_of(&a, lang));
            let raw = poppler(&PDFTOTEXT, &["-f", "1", "-l", "1", "-enc", "UTF-8"], &path);
            for zero_width in ['\u{200B}', '\u{2060}', '\u{FEFF}'] {
                assert!(
                    !poppler(&PDFTOTEXT, &["-enc", "UTF-8"], &path).contains(zero_width),
                    "{what}: U+{:04X} in the text layer",
                    zero_width as u32
                );
            }
            let page = squeeze(&raw);
            let ui = view.ui;
            assert_contains(&page, &view.overall, "the overall on page 1");
            let laid_out = squeeze(&poppler(
                &PDFTOTEXT,
                &["-f", "1", "-l", "1", "-layout", "-enc", "UTF-8"],
                &path,
            ));
            assert_contains(&laid_out, "012345", "the 0–5 scale on page 1");
            assert_contains(
                &page,
                &format!("{} {}", ui.legend_target, view.target_level),
                "the target on the scale",
            );
            assert_contains(
                &page,
                &view.summary.mismatches,
                "the mismatch count on page 1",
            );
            assert_contains(&page, &view.summary.meaning, "what the overall means");
            // The radar's axis names (its labels, drawn as text in the image).
            assert_contains(&page, ui.series_combined, "the radar's legend on page 1");
            let top = &view.plan.top;
            assert_eq!(top.len(), 3, "{what}: three first actions");
            let groups: std::collections::HashSet<_> = top.iter().map(|l| l.action).collect();
            let distinct_groups = view.plan.groups.len().min(3);
            assert_eq!(
                groups.len(),
                distinct_groups,
                "{what}: first actions from distinct groups"
            );
            for l in top {
                assert_contains(
                    &page,
                    &format!("{}. {} {}", l.rank, l.id, l.name),
                    "a first action with its rank",
                );
                // A strong role among them says why it is still an action.
                assert_contains(&page, &l.strong, "why a strong role is a first action");
            }
            // No page holds only a line or two: every page has at least five lines besides its
            // footer.
            let info = poppler(&PDFINFO, &[], &path);
            let pages: usize = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|n| n.trim().parse().ok())
                .expect("a page count");
            for n in 1..=pages {
                let text = poppler(
                    &PDFTOTEXT,
                    &[
                        "-f",
                        &n.to_string(),
                        "-l",
                        &n.to_string(),
                        "-layout",
                        "-enc",
                        "UTF-8",
                    ],
                    &path,
                );
                let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
                assert!(lines > 5, "{what}: page {n} holds {lines} lines:\n{text}");
            }
            // Lines may break between words, never inside these.
            for line in raw.lines() {
                let line = line.trim();
                assert!(
                    !(line.ends_with("レベ")
                        || line.ends_with("レベル")
                        || line.ends_with("回答な")
                        || line.starts_with('す') && line.starts_with("す。")),
                    "{what}: a line breaks inside a phrase: {line:?}\n{raw}"
                );
            }
        }
    }
}

/// The appendix lists every answer and note, respondent by respondent, to whoever may read the
/// answers; a reader of results gets neither the appendix nor a note.
#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn the_appendix_has_every_answer_and_note_for_those_who_read_answers() {
    let a = assessment(HYBRID);
    let note = a
        .respondents
        .iter()
        .flat_map(|p| p.answers.iter().filter_map(|x| x.note.clone()))
        .next()
        .expect("the example has notes");
    for (audience, shown) in [
        (isomm_core::Audience::Everything, true),
        (isomm_core::Audience::Results, false),
    ] {
        let options = ReportOptions {
            audience,
            ..ReportOptions::new(Lang::Ja)
        };
        let mut pdf = Vec::new();
        isomm_report::write_report(
            &mut pdf,
            isomm_report::Format::Pdf,
            Catalog::builtin(),
            &a,
            options,
        )
        .unwrap();
        let path = save(&format!("appendix-{audience:?}"), &pdf);
        let text = reading_order_text(&path);
        let ui = isomm_report::ui::ui(Lang::Ja);
        let heading = squeeze(&format!(
            "{}{}{}",
            ui.appendix, ui.colon, ui.answers_heading
        ));
        assert_eq!(text.contains(&heading), shown, "{audience:?}: the appendix");
        assert_eq!(
            text.contains(&squeeze(&note)),
            shown,
            "{audience:?}: a note"
        );
        if shown {
            for p in &a.respondents {
                assert_contains(&text, &p.name, "a respondent's answers");
            }
        }
    }
}
