//! One rounding rule in every format (issue 11): values whose binary form sits just below a half
//! (41/20 = 2.0499…, 23/20 = 1.1499…) and exact halves (2.25, 4.75) show the same digit in the
//! HTML report, the PDF report (read back with poppler's `pdftotext`) and the XLSX report as
//! LibreOffice displays its "0.0" cells (converted to CSV as shown) — half up, as Excel shows them.
//! The PDF and LibreOffice checks need those programs: ignored unless asked for ([`crate::tools`]).

use std::path::Path;

use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::{Assessment, Catalog, Lang};
use isomm_report::{Format, ReportOptions, write_report};

use crate::tools::{PDFTOTEXT, SOFFICE, TempDir};

/// Twenty respondents; in each of functions A–D one role is answered, the others are 0 (not
/// applicable), so that the function's maturity is that role's mean: A 41/20, B 23/20, C 45/20,
/// D 95/20.
fn assessment() -> Assessment {
    let mut text = String::from(
        "format = \"isomm-answers/1\"\norganization = \"Rounding\"\ntitle = \"Halves\"\n\
         current_pattern = \"hybrid\"\ntarget_pattern = \"hybrid\"\ntarget_level = 4\n",
    );
    let catalog = Catalog::builtin();
    for i in 0..20 {
        let first = [
            ("A", if i < 1 { 3 } else { 2 }),
            ("B", if i < 3 { 2 } else { 1 }),
            ("C", if i < 5 { 3 } else { 2 }),
            ("D", if i < 5 { 4 } else { 5 }),
        ];
        text.push_str(&format!(
            "[[respondents]]\nname = \"R{i}\"\nposition = \"staff\"\n[respondents.answers]\n"
        ));
        for (function, level) in first {
            let f = catalog.function_index(function).unwrap();
            for (k, r) in catalog.functions()[f].roles.clone().enumerate() {
                let value = if k == 0 { level } else { 0 };
                let id = &catalog.roles()[r].id;
                text.push_str(&format!("\"{id}\" = {{ insource = {value} }}\n"));
            }
        }
    }
    answers::parse(&text, AnswersFormat::Toml, catalog, &Overrides::default()).unwrap()
}

/// The function ids and the digits every format must show for their maturity.
const EXPECTED: [(&str, &str); 4] = [("A", "2.1"), ("B", "1.2"), ("C", "2.3"), ("D", "4.8")];

fn render(format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    write_report(
        &mut out,
        format,
        Catalog::builtin(),
        &assessment(),
        ReportOptions::new(Lang::En),
    )
    .unwrap();
    out
}

/// The first number shown after `id` in `line`, if the line is that function's row.
fn value_after(line: &str, id: &str, name: &str) -> Option<String> {
    let at = line.find(name)?;
    if !line[..at].trim_end().ends_with(&format!("{id}.")) {
        return None;
    }
    line[at + name.len()..]
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|w| w.contains('.') && w.len() >= 3)
        .map(str::to_string)
}

fn function_name(id: &str) -> String {
    let catalog = Catalog::builtin();
    let f = catalog.function_index(id).unwrap();
    catalog.functions()[f].name.get(Lang::En).to_string()
}

#[test]
fn html_shows_half_up() {
    let html = String::from_utf8(render(Format::Html)).unwrap();
    let table = html
        .split("<table class=\"functions\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    for (id, digits) in EXPECTED {
        let row = table
            .split("<tr>")
            .find(|r| r.starts_with(&format!("<td class=\"phrased\">{id}. ")))
            .unwrap_or_else(|| panic!("no row for {id}"));
        assert!(
            row.contains(&format!("<strong>{digits}</strong>")),
            "function {id} should show {digits}: {row}"
        );
    }
}

#[test]
#[ignore = "needs poppler-utils (pdftotext)"]
fn pdf_shows_half_up() {
    let dir = TempDir::new("rounding-pdf");
    let path = dir.0.join("report.pdf");
    std::fs::write(&path, render(Format::Pdf)).unwrap();
    let text = PDFTOTEXT.run(|c| c.args(["-layout", "-enc", "UTF-8"]).arg(&path).arg("-"));
    for (id, digits) in EXPECTED {
        let name = function_name(id);
        let shown = text
            .lines()
            .find_map(|l| value_after(l, id, &name))
            .unwrap_or_else(|| panic!("no row for {id} {name} in the PDF text:\n{text}"));
        assert_eq!(shown, digits, "function {id} in the PDF");
    }
}

/// LibreOffice converts every sheet to CSV "as shown" (the cells' number formats applied).
fn sheets_as_shown(xlsx: &Path, dir: &Path) -> Vec<String> {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    SOFFICE.run(|c| {
        c.env("HOME", &home)
            .args(["--headless", "--norestore", "--convert-to"])
            // Comma, quote, UTF-8, from line 1, …, save as shown, …, every sheet (-1).
            .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
            .arg("--outdir")
            .arg(dir)
            .arg(xlsx)
    });
    let mut sheets: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "csv").then(|| std::fs::read_to_string(path).unwrap())
        })
        .collect();
    sheets.sort();
    sheets
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn xlsx_shows_half_up_in_libreoffice() {
    let dir = TempDir::new("rounding-xlsx");
    let xlsx = dir.0.join("report.xlsx");
    std::fs::write(&xlsx, render(Format::Xlsx)).unwrap();
    let sheets = sheets_as_shown(&xlsx, &dir.0);
    assert!(!sheets.is_empty(), "LibreOffice wrote no CSV");
    for (id, digits) in EXPECTED {
        let name = function_name(id);
        // The function table: a row with the id, the name, then the maturity.
        let row = sheets
            .iter()
            .flat_map(|s| s.lines())
            .find(|l| {
                let cells: Vec<&str> = l.split(',').map(|c| c.trim_matches('"')).collect();
                cells.len() > 2 && cells[0] == id && cells[1] == name
            })
            .unwrap_or_else(|| panic!("no row for {id} {name} in {sheets:#?}"));
        let shown = row
            .split(',')
            .map(|c| c.trim_matches('"'))
            .skip(2)
            .find(|c| !c.is_empty())
            .unwrap();
        assert_eq!(shown, digits, "function {id} in the workbook: {row}");
    }
}
