//! Two rounds compared (`examples/rounds/` 2025 and 2026), read back in every format: the
//! workbook's sheets with calamine (every number a number, equal to the comparison document's)
//! and its chart in the zip's XML, the PDF's text with pdftotext (ignored unless asked for).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::compare::{Threshold, compare};
use isomm_core::{Catalog, Lang, PlanOptions, evaluate};
use isomm_report::comparison::{ComparisonDocument, ComparisonView};
use isomm_report::read::RoundRecord;

use crate::tools::{PDFTOTEXT, SOFFICE, TempDir};

const EARLIER: &str = include_str!("../../../../examples/rounds/2025.toml");
const LATER: &str = include_str!("../../../../examples/rounds/2026.toml");

/// The text of a PDF's page 1, whitespace removed (words broken across lines still match).
fn page_1(path: &std::path::Path) -> String {
    PDFTOTEXT
        .run(|c| {
            c.args(["-f", "1", "-l", "1", "-enc", "UTF-8"])
                .arg(path)
                .arg("-")
        })
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The text of a whole PDF, whitespace removed.
fn pdf_text(path: &std::path::Path) -> String {
    PDFTOTEXT
        .run(|c| c.args(["-enc", "UTF-8"]).arg(path).arg("-"))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn record(text: &str) -> RoundRecord {
    let catalog = Catalog::builtin();
    let a = answers::parse(text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    RoundRecord::of(catalog, &a, &evaluate(catalog, &a), PlanOptions::default())
}

/// The comparison's document (as JSON) and its view in `lang`.
fn compared(lang: Lang) -> (serde_json::Value, ComparisonView) {
    let (e, l) = (record(EARLIER), record(LATER));
    let c = compare(&e.round, &l.round, Threshold::default()).unwrap();
    let doc = serde_json::to_value(ComparisonDocument::new(&e, &l, &c)).unwrap();
    (
        doc,
        ComparisonView::new(Catalog::builtin(), &e, &l, &c, lang),
    )
}

fn workbook(lang: Lang) -> (serde_json::Value, Vec<u8>) {
    let (doc, view) = compared(lang);
    let mut out = Vec::new();
    isomm_report::xlsx::comparison::write_comparison_xlsx(&mut out, &view, lang).unwrap();
    (doc, out)
}

#[test]
fn the_workbook_holds_every_change_as_a_number_and_both_rounds_on_one_radar() {
    for lang in [Lang::Ja, Lang::En] {
        let (doc, bytes) = workbook(lang);
        let mut book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names().len(), 4, "{lang:?}");
        let roles_sheet = book.sheet_names()[1].clone();
        let roles = book.worksheet_range(&roles_sheet).unwrap();
        // Two header rows, then the 54 roles: the levels unrounded, each change as shown (its
        // sign the sign people read beside the status).
        for (i, role) in doc["roles"].as_array().unwrap().iter().enumerate() {
            let row = (i + 2) as u32;
            let id = role["id"].as_str().unwrap();
            assert!(
                matches!(roles.get_value((row, 0)), Some(Data::String(s)) if s.starts_with(&format!("{id} "))),
                "{id}"
            );
            let shown = |v: &serde_json::Value| {
                v.as_f64()
                    .map(|d| isomm_core::rounding::tenths(d) as f64 / 10.0)
            };
            for (col, value) in [
                (3, role["level"]["earlier"].as_f64()),
                (4, role["level"]["later"].as_f64()),
                (5, shown(&role["level"]["delta"])),
                (8, shown(&role["insource"]["delta"])),
                (11, shown(&role["outsource"]["delta"])),
            ] {
                let cell = roles.get_value((row, col)).cloned();
                match value {
                    Some(v) => assert_eq!(cell, Some(Data::Float(v)), "{id} {col}"),
                    None => assert!(
                        matches!(cell, None | Some(Data::Empty)),
                        "{id} {col}: {cell:?}"
                    ),
                }
            }
        }
        // The radar: a native chart with the later round, the earlier one dashed, the target.
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/charts/chart1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("<c:radarChart>"));
        assert_eq!(xml.matches("<c:ser>").count(), 3);
        assert!(xml.contains("prstDash val=\"dash\""));
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn the_pdf_says_the_overall_change_and_the_most_improved_and_declined_on_page_1() {
    let (_, view) = compared(Lang::Ja);
    let mut pdf = Vec::new();
    isomm_report::pdf::write_comparison_pdf(&mut pdf, &view).unwrap();
    let dir = TempDir::new("compare-pdf");
    let path = dir.0.join("c.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let page1 = page_1(&path);
    for expected in [
        "2.6→2.9",
        "最も改善した役割",
        "A-4品質管理▲+2.0",
        "最も低下した役割",
        "G-4",
        "▼-1.2",
        "機能別の成熟度（前回と今回）",
    ] {
        assert!(
            page1.contains(expected),
            "{expected} not on page 1: {page1}"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn libreoffice_opens_the_comparison_workbook() {
    let (_, bytes) = workbook(Lang::Ja);
    let dir = TempDir::new("compare-xlsx");
    let path = dir.0.join("c.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let home = dir.0.join("home");
    std::fs::create_dir_all(&home).unwrap();
    // The first sheet as UTF-8 CSV (filter options: comma, double quote, UTF-8).
    SOFFICE.run(|c| {
        c.env("HOME", &home)
            .args(["--headless", "--norestore", "--convert-to"])
            .arg("csv:Text - txt - csv (StarCalc):44,34,76")
            .arg("--outdir")
            .arg(&dir.0)
            .arg(&path)
    });
    let csv = std::fs::read_to_string(dir.0.join("c.csv")).unwrap();
    assert!(
        csv.contains("2025年度") && csv.contains("2026年度"),
        "{csv}"
    );
}

/// `examples/rounds/`: the PDF of `isomm report 2026 --previous 2025` says on page 1 how the
/// overall changed and which roles improved and declined most.
#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn the_reports_page_1_says_what_changed_since_the_last_round() {
    let catalog = Catalog::builtin();
    let later = answers::parse(LATER, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let dir = TempDir::new("since-pdf");
    for (lang, expected) in [
        (
            Lang::Ja,
            [
                "前回からの変化",
                "総合成熟度は2.6から2.9へ",
                "最も改善した役割",
                "A-4品質管理▲+2.0",
                "最も低下した役割",
                "G-4",
            ],
        ),
        (
            Lang::En,
            [
                "Sincethelastround",
                "Theoverallmaturitywentfrom2.6to2.9",
                "Mostimprovedroles",
                "A-4",
                "Mostdeclinedroles",
                "G-4",
            ],
        ),
    ] {
        let mut pdf = Vec::new();
        isomm_report::write_report_since(
            &mut pdf,
            isomm_report::Format::Pdf,
            catalog,
            &later,
            isomm_report::ReportOptions::new(lang),
            &record(EARLIER),
            Threshold::default(),
        )
        .unwrap();
        let path = dir.0.join(format!("since-{lang:?}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        let page1 = page_1(&path);
        for e in expected {
            assert!(page1.contains(e), "{lang:?}: {e} not on page 1: {page1}");
        }
    }
}

/// The comparison's HTML printed by Chromium on A4: page 1 holds the overall's change and the
/// rounds. With `ISOMM_UPDATE_SCREENSHOTS=1`, its screenshot becomes the README's
/// (`docs/screenshots/compare.png`).
#[test]
#[ignore = "needs chromium and poppler-utils (pdftotext)"]
fn the_printed_comparison_opens_with_the_overall_change() {
    use crate::tools::CHROMIUM;
    let (_, view) = compared(Lang::Ja);
    let mut html = Vec::new();
    isomm_report::comparison::write_html(&mut html, &view).unwrap();
    let dir = TempDir::new("compare-print");
    let page = dir.0.join("compare.html");
    std::fs::write(&page, html).unwrap();
    let printed = dir.0.join("printed.pdf");
    let chromium = |extra: &[String]| {
        CHROMIUM.run(|c| {
            c.args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.0.join("profile").display()
            ))
            .args(extra)
            .arg(format!("file://{}", page.display()))
        })
    };
    chromium(&[format!("--print-to-pdf={}", printed.display())]);
    let page1 = page_1(&printed);
    for expected in [
        "2.6→2.9",
        "+0.3",
        "2025年度ISOMMセルフチェック",
        "前回",
        "今回",
    ] {
        assert!(
            page1.contains(expected),
            "{expected} not on page 1: {page1}"
        );
    }
    if std::env::var_os("ISOMM_UPDATE_SCREENSHOTS").is_some() {
        let shot = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/screenshots/compare.png"
        );
        chromium(&[
            format!("--screenshot={shot}"),
            "--window-size=1100,1500".to_string(),
            "--hide-scrollbars".to_string(),
        ]);
    }
}

/// The earlier round with an item tracking its first plan line: done, its owner, and a target
/// one below the round's.
fn with_an_item() -> (RoundRecord, RoundRecord, String) {
    use isomm_core::items::{Item, ItemFields, ItemKey, ItemStatus};
    let (mut e, l) = (record(EARLIER), record(LATER));
    let c = compare(&e.round, &l.round, Threshold::default()).unwrap();
    let first = c.plan_follow_up.iter().find(|f| f.in_plan).unwrap();
    let key = ItemKey::Role {
        role: first.role.clone(),
        side: first.side,
    };
    e.items.push(Item {
        key,
        rank: Some(1),
        action: "raise-in-house".into(),
        fields: ItemFields {
            title: "x".into(),
            owner: Some("鈴木".into()),
            due: None,
            status: ItemStatus::Done,
            reason: None,
            target_level: e.info.target_level - 1,
            evidence: None,
            note: None,
        },
        level_at_start: Some(first.earlier_level),
        updated_at: 0,
    });
    (e, l, first.role.clone())
}

#[test]
fn a_tracked_point_is_followed_up_with_its_items_target_status_and_owner_in_every_format() {
    let (e, l, role) = with_an_item();
    let c = isomm_report::comparison::compared(&e, &l, Threshold::default()).unwrap();
    let doc = serde_json::to_value(ComparisonDocument::new(&e, &l, &c)).unwrap();
    let tracked = doc["plan_follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == role.as_str())
        .unwrap();
    assert_eq!(
        tracked["target_level"].as_u64(),
        Some(u64::from(e.info.target_level - 1))
    );
    let other = doc["plan_follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] != role.as_str())
        .unwrap();
    assert_eq!(
        other["target_level"].as_u64(),
        Some(u64::from(e.info.target_level))
    );
    for (lang, word) in [(Lang::Ja, "完了（鈴木）"), (Lang::En, "Done (鈴木)")] {
        let view = ComparisonView::new(Catalog::builtin(), &e, &l, &c, lang);
        let row = view.follow_up.iter().find(|r| r.id == role).unwrap();
        assert_eq!(row.item, word);
        let own = match lang {
            Lang::Ja => {
                "対応項目として追跡した 1 件は、それぞれの項目の目標レベルで判定しています。"
            }
            Lang::En => "The one tracked as an item is checked against its own target level.",
        };
        assert!(
            view.follow_up_summary.contains(own),
            "{}",
            view.follow_up_summary
        );
        assert!(
            view.follow_up
                .iter()
                .filter(|r| r.id != role)
                .all(|r| r.item.is_empty())
        );
        let html = askama::Template::render(&isomm_report::comparison::ComparisonBody::new(&view))
            .unwrap();
        assert!(html.contains(&format!("<td>{word}</td>")), "{lang:?}");
        let mut out = Vec::new();
        isomm_report::xlsx::comparison::write_comparison_xlsx(&mut out, &view, lang).unwrap();
        let mut book = Xlsx::new(Cursor::new(out)).unwrap();
        let sheet = book.sheet_names()[2].clone();
        let follow = book.worksheet_range(&sheet).unwrap();
        let found = (0..follow.height() as u32)
            .any(|r| follow.get_value((r, 7)) == Some(&Data::String(word.to_string())));
        assert!(found, "{lang:?}: the follow-up sheet's item column");
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils)"]
fn the_pdf_shows_the_tracked_items_status_and_owner() {
    let (e, l, _) = with_an_item();
    let c = isomm_report::comparison::compared(&e, &l, Threshold::default()).unwrap();
    let view = ComparisonView::new(Catalog::builtin(), &e, &l, &c, Lang::Ja);
    let mut pdf = Vec::new();
    isomm_report::pdf::write_comparison_pdf(&mut pdf, &view).unwrap();
    let dir = TempDir::new("compare-pdf-item");
    let path = dir.0.join("c.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = pdf_text(&path);
    assert!(text.contains("完了（鈴木）"), "{text}");
    assert!(text.contains("対応項目"));
    assert!(text.contains("それぞれの項目の目標レベルで判定"), "{text}");

    // The later round's own report, "since the last round", says it too.
    let catalog = Catalog::builtin();
    let later = answers::parse(LATER, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap();
    let mut pdf = Vec::new();
    isomm_report::write_report_since(
        &mut pdf,
        isomm_report::Format::Pdf,
        catalog,
        &later,
        isomm_report::ReportOptions::new(Lang::Ja),
        &e,
        Threshold::default(),
    )
    .unwrap();
    let path = dir.0.join("since.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = pdf_text(&path);
    assert!(text.contains("完了（鈴木）"), "{text}");
}
