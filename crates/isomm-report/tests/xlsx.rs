//! The XLSX report read back: sheets and cells with calamine, charts and validation in the zip's
//! XML, and the workbook opened by LibreOffice.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Range, Reader, Xlsx};
use isomm_core::answers::{self, AnswersFormat, Overrides};
use isomm_core::rules::{Evaluation, respondent_level};
use isomm_core::{Assessment, Catalog, Lang, Level, evaluate};
use isomm_report::ui::ui;
use isomm_report::xlsx::write_xlsx;
use isomm_report::{ReportOptions, ReportView};

const EXAMPLE: &str = include_str!("../../../examples/hybrid-soc-mssp.toml");

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

fn sheet_names(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Ja => ["サマリー", "役割別", "改善計画", "回答"],
        Lang::En => ["Summary", "Roles", "Action plan", "Answers"],
    }
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
        assert_eq!(book.xlsx.sheet_names(), sheet_names(lang), "{lang:?}");
    }
}

#[test]
fn summary_has_the_header_and_the_unrounded_function_table() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, a, e) = example_workbook(lang);
        let u = ui(lang);
        let catalog = Catalog::builtin();
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet_names(lang)[0]);

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
        let level = s.find_row(&[u.target_level]);
        assert_value(
            s.at(level, 1),
            Some(f64::from(a.target_level.get())),
            "target level",
        );
        let overall = s.find_row(&[u.overall]);
        assert_value(s.at(overall, 1), e.overall, "overall");

        let people = s.find_row(&[u.respondents, u.position, u.answered]);
        for (i, (p, answered)) in a.respondents.iter().zip(&e.answered).enumerate() {
            assert_eq!(s.text(people + 1 + i, 0), p.name);
            assert_eq!(s.text(people + 1 + i, 1), p.position.name(lang));
            assert_value(s.at(people + 1 + i, 2), Some(*answered as f64), "answered");
        }

        let head = s.find_row(&["ID", u.function, u.maturity, u.insource, u.outsource]);
        for (i, (f, r)) in catalog.functions().iter().zip(&e.functions).enumerate() {
            let row = head + 1 + i;
            assert_eq!(s.text(row, 0), f.id);
            assert_eq!(s.text(row, 1), f.name.get(lang));
            assert_value(s.at(row, 2), r.maturity, &format!("{} maturity", f.id));
            assert_value(s.at(row, 3), r.insource, &format!("{} insource", f.id));
            assert_value(s.at(row, 4), r.outsource, &format!("{} outsource", f.id));
            assert_value(s.at(row, 5), Some(r.roles_counted as f64), "roles counted");
        }

        let strengths = s.find_row(&[u.strengths]);
        for (i, f) in e.strengths.iter().enumerate() {
            assert_eq!(s.text(strengths + 2 + i, 0), catalog.functions()[*f].id);
        }
        let weaknesses = s.find_row(&[u.weaknesses]);
        for (i, f) in e.weaknesses.iter().enumerate() {
            assert_eq!(s.text(weaknesses + 2 + i, 0), catalog.functions()[*f].id);
        }

        // The radar's series refer to the table's cells (Excel rows are 1-based).
        let chart = part(&bytes, "xl/charts/chart1.xml");
        assert!(chart.contains("<c:radarChart>"), "{chart}");
        let (first, last) = (head + 2, head + catalog.functions().len() + 1);
        let sheet = sheet_names(lang)[0];
        for col in ["B", "C", "D", "E"] {
            let reference = format!("<c:f>{sheet}!${col}${first}:${col}${last}</c:f>");
            assert!(chart.contains(&reference), "{reference} in {chart}");
        }
        assert_eq!(chart.matches("<c:ser>").count(), 3);
        assert!(chart.contains("<c:max val=\"5\"/>") && chart.contains("<c:min val=\"0\"/>"));
    }
}

#[test]
fn roles_sheet_has_every_role_in_catalog_order_and_a_bar_chart() {
    for lang in [Lang::Ja, Lang::En] {
        let (bytes, _, e) = example_workbook(lang);
        let catalog = Catalog::builtin();
        let mut book = Book::open(&bytes);
        let s = book.sheet(sheet_names(lang)[1]);
        assert_eq!(s.data_rows(), 54);
        for (i, (role, r)) in catalog.roles().iter().zip(&e.roles).enumerate() {
            let row = i + 1;
            assert_eq!(s.text(row, 0), role.id);
            assert_eq!(s.text(row, 1), role.name.get(lang));
            assert_eq!(s.text(row, 2), catalog.functions()[role.function].id);
            assert_eq!(s.text(row, 3), r.area.as_str());
            assert_value(s.at(row, 4), r.level, &format!("{} level", role.id));
            assert_value(s.at(row, 5), r.insource, &format!("{} insource", role.id));
            assert_value(s.at(row, 6), r.outsource, &format!("{} outsource", role.id));
            assert_value(s.at(row, 7), Some(r.unanswered as f64), "unanswered");
            assert_eq!(s.text(row, 8), r.expected_current.name(lang));
            assert_eq!(s.text(row, 9), r.expected_target.name(lang));
        }

        let names = part_names(&bytes);
        let bar = names
            .iter()
            .filter(|n| n.starts_with("xl/charts/chart"))
            .map(|n| part(&bytes, n))
            .find(|xml| xml.contains("<c:barChart>"))
            .expect("a bar chart");
        assert!(bar.contains("<c:barDir val=\"bar\"/>"), "horizontal bars");
        let sheet = sheet_names(lang)[1];
        assert!(
            bar.contains(&format!("<c:f>{sheet}!$E$2:$E$55</c:f>")),
            "{bar}"
        );
        assert!(
            bar.contains(&format!("<c:f>{sheet}!$A$2:$A$55</c:f>")),
            "{bar}"
        );
    }
}

#[test]
fn a_role_without_a_level_is_an_empty_cell() {
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
    let bytes = build(&a, &e, Lang::Ja);
    let s = Book::open(&bytes).sheet("役割別");
    assert_eq!(s.text(role + 1, 0), "C-3");
    assert_eq!(s.at(role + 1, 4), Data::Empty);
    assert_eq!(s.at(role + 1, 5), Data::Empty);
    assert_eq!(s.data_rows(), 54);
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
        assert_eq!(roles.at(i + 1, 4), Data::Empty);
    }
    assert_eq!(book.sheet("Answers").data_rows(), 0);
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
        let s = book.sheet(sheet_names(lang)[2]);
        let heads: Vec<String> = (0..13).map(|c| s.text(0, c)).collect();
        let (owner, due, status) = match lang {
            Lang::Ja => ("担当者", "期限", "状況"),
            Lang::En => ("Owner", "Due", "Status"),
        };
        assert_eq!(heads[10..], [owner, due, status]);
        // The plan's lines, group by group, then the folded ones: every point at least 0.5 below
        // the target (the JSON keeps the rest).
        let a = example();
        let view = ReportView::from_evaluation(catalog, &a, &e, ReportOptions::new(lang));
        let lines: Vec<_> = view
            .plan
            .groups
            .iter()
            .flat_map(|g| &g.lines)
            .chain(&view.plan.folded)
            .collect();
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
        }

        // The plan is the third sheet, xl/worksheets/sheet3.xml.
        let xml = part(&bytes, "xl/worksheets/sheet3.xml");
        let last = lines.len() + 21;
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
        let s = book.sheet(sheet_names(lang)[3]);
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

/// `soffice` or `libreoffice` on PATH.
fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("soffice"), dir.join("libreoffice")])
        .find(|p| p.is_file())
}

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("isomm-xlsx-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Converts `xlsx` to PDF with LibreOffice in `dir`; returns the PDF's path.
fn convert_to_pdf(soffice: &Path, dir: &Path, xlsx: &Path) -> PathBuf {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let mut child = Command::new(soffice)
        .env("HOME", &home)
        .arg("--headless")
        .arg("--norestore")
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start LibreOffice");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for LibreOffice") {
            assert!(status.success(), "LibreOffice failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "LibreOffice did not convert {} within 120 s",
                xlsx.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    xlsx.with_extension("pdf")
}

#[test]
fn libreoffice_opens_the_workbook() {
    let Some(soffice) = libreoffice() else {
        panic!(
            "LibreOffice (soffice) is not installed: run ./scripts/test, which installs \
             libreoffice-calc-nogui (or apt-get install libreoffice-calc-nogui)"
        );
    };
    for lang in [Lang::Ja, Lang::En] {
        let dir = TempDir::new(lang.code());
        let (bytes, _, _) = example_workbook(lang);
        let xlsx = dir.0.join(format!("report-{}.xlsx", lang.code()));
        std::fs::write(&xlsx, &bytes).expect("write the xlsx");
        let pdf = convert_to_pdf(&soffice, &dir.0, &xlsx);
        let size = std::fs::metadata(&pdf)
            .unwrap_or_else(|e| panic!("no PDF from LibreOffice at {}: {e}", pdf.display()))
            .len();
        assert!(size > 1000, "the PDF is {size} bytes");
        let head = std::fs::read(&pdf).expect("read the PDF");
        assert!(head.starts_with(b"%PDF"), "a PDF");
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
    for sheet in sheet_names(Lang::Ja) {
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
