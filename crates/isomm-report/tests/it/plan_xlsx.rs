//! The plan's workbook both ways: `plan.xlsx` as isomm writes it, edited as people edit it in
//! Excel (each case a table row: the cells typed, and the changes or the refused cells expected),
//! and read back by `isomm_core::items::upload`; and the same after LibreOffice saved it again
//! (ignored unless asked for: see [`crate::tools`]).

use isomm_core::Lang;
use isomm_core::answers::Side;
use isomm_core::compare::RoundRole;
use isomm_core::items::upload::{Edit, read_edits};
use isomm_core::items::{Item, ItemFields, ItemKey, ItemStatus, PLAN_COLUMNS, updated_text};
use isomm_core::problem::{InputErrors, Place};
use isomm_report::items::row;
use isomm_report::xlsx::plan::write_plan_xlsx;
use rust_xlsxwriter::{ExcelDateTime, Workbook};

use crate::tools::{SOFFICE, TempDir};

/// Three items as the store would give them: two from the plan's lines, one added by hand.
fn items() -> Vec<Item> {
    let item = |key: ItemKey, rank: Option<i64>, action: &str, title: &str, updated_at: i64| Item {
        key,
        rank,
        action: action.into(),
        fields: ItemFields {
            title: title.into(),
            owner: Some("鈴木".into()),
            due: Some("2027-03-31".into()),
            status: ItemStatus::Todo,
            reason: None,
            target_level: 4,
            evidence: Some("https://wiki.example/soc/c4".into()),
            note: None,
        },
        level_at_start: Some(1.0),
        updated_at,
    };
    vec![
        item(
            ItemKey::Role {
                role: "C-4".into(),
                side: Side::Insource,
            },
            Some(1),
            "raise-in-house",
            "C-4 インシデント対応: レベル 4 へ",
            1_764_579_600_123,
        ),
        item(
            ItemKey::Role {
                role: "B-2".into(),
                side: Side::Outsource,
            },
            Some(2),
            "manage-provider",
            "B-2 ログ監視: 委託先の管理",
            1_764_579_600_456,
        ),
        item(
            ItemKey::Custom(1),
            None,
            "custom",
            "年次訓練の計画",
            1_764_579_601_000,
        ),
    ]
}

/// A cell as a person leaves it.
#[derive(Clone, Debug)]
enum Cell {
    Text(&'static str),
    Date(u16, u8, u8),
    Number(f64),
    Empty,
}

/// A plan workbook laid out as isomm writes it (a row of words, the row of names, a row per item,
/// each cell the item's text), with `typed` put over it: (item's row from 0, column name, cell).
/// `extra` rows come after the items; `order` lays the columns out in another order.
fn edited(
    items: &[Item],
    typed: &[(usize, &str, Cell)],
    extra: &[Vec<(&str, Cell)>],
    order: Option<&[&str]>,
) -> Vec<u8> {
    let order: Vec<&str> = order.map_or(PLAN_COLUMNS.to_vec(), <[&str]>::to_vec);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("改善計画").expect("name");
    let col = |name: &str| order.iter().position(|n| *n == name).expect("column") as u16;
    for (c, name) in order.iter().enumerate() {
        sheet
            .write_string(0, c as u16, format!("({name})"))
            .expect("words");
        sheet.write_string(1, c as u16, *name).expect("names");
    }
    let put = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, cell: &Cell| {
        match cell {
            Cell::Text(t) => sheet.write_string(r, c, *t).map(|_| ()),
            Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
            Cell::Date(y, m, d) => {
                let date = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                sheet
                    .write_datetime_with_format(r, c, &date, &format)
                    .map(|_| ())
            }
            Cell::Empty => Ok(()),
        }
        .expect("cell");
    };
    for (i, item) in items.iter().enumerate() {
        let r = 2 + i as u32;
        let cells = row(item, &[] as &[RoundRole], None);
        for (name, text) in PLAN_COLUMNS.iter().zip(cells) {
            if let Some((_, _, cell)) = typed.iter().find(|(at, n, _)| *at == i && n == name) {
                put(sheet, r, col(name), cell);
            } else if !text.is_empty() {
                sheet.write_string(r, col(name), text).expect("text");
            }
        }
    }
    for (j, cells) in extra.iter().enumerate() {
        let r = 2 + (items.len() + j) as u32;
        for (name, cell) in cells {
            put(sheet, r, col(name), cell);
        }
    }
    book.save_to_buffer().expect("save")
}

/// The problems of a refused workbook: (cell, message key).
fn refused(e: InputErrors) -> Vec<(String, &'static str)> {
    e.errors()
        .iter()
        .map(|e| {
            let cell = match &e.place {
                Place::Cell { cell, .. } => cell.clone(),
                other => format!("{other:?}"),
            };
            (cell, e.problem.key())
        })
        .collect()
}

/// The changes read: (key, owner, due, status, reason, note).
fn changes(edits: &[Edit]) -> Vec<(String, String, String, &'static str, String, String)> {
    edits
        .iter()
        .map(|e| {
            let f = &e.fields;
            let t = |v: &Option<String>| v.clone().unwrap_or_default();
            (
                e.key.to_string(),
                t(&f.owner),
                t(&f.due),
                f.status.as_str(),
                t(&f.reason),
                t(&f.note),
            )
        })
        .collect()
}

#[test]
fn the_workbook_isomm_writes_reads_back_as_no_change_in_either_language() {
    let items = items();
    for lang in Lang::ALL {
        let mut out = Vec::new();
        write_plan_xlsx(&mut out, &items, &[], None, lang).expect("write");
        let edits = read_edits(&out, &items).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        assert_eq!(
            edits,
            Vec::new(),
            "{lang:?}: nothing typed, nothing changed"
        );
    }
}

/// Each case: what was typed, and the changes read (as [`changes`] lists them) or the cells
/// refused with their message keys. Item rows are 3, 4 and 5; A is `key`, G `owner`, H `due`,
/// I `status`, J `reason`, P `note`, Q `updated`.
#[test]
fn edited_workbooks_give_their_changes_or_name_each_refused_cell() {
    /// A change read: key, owner, due, status, reason, note.
    type Change = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    type Expected = Result<Vec<Change>, Vec<(&'static str, &'static str)>>;
    /// What the case is, the cells typed over the items' rows, rows after them, what is read.
    type Case = (
        &'static str,
        Vec<(usize, &'static str, Cell)>,
        Vec<Vec<(&'static str, Cell)>>,
        Expected,
    );
    let items = items();
    let stale_time = updated_text(items[0].updated_at - 60_000);
    let stale: &'static str = Box::leak(stale_time.into_boxed_str());
    let cases: Vec<Case> = vec![
        (
            "owner, a due date as a date, the status in Japanese words and a note",
            vec![
                (0, "owner", Cell::Text("田中")),
                (0, "due", Cell::Date(2027, 6, 30)),
                (0, "status", Cell::Text("対応中")),
                (0, "note", Cell::Text("予算申請済み")),
            ],
            vec![],
            Ok(vec![(
                "role:C-4:insource",
                "田中",
                "2027-06-30",
                "in_progress",
                "",
                "予算申請済み",
            )]),
        ),
        (
            "English words in any case, a code, a date written with slashes, an owner emptied",
            vec![
                (0, "status", Cell::Text("DONE")),
                (1, "status", Cell::Text("on_hold")),
                (1, "due", Cell::Text("2027/01/15")),
                (2, "owner", Cell::Empty),
            ],
            vec![],
            Ok(vec![
                ("role:C-4:insource", "鈴木", "2027-03-31", "done", "", ""),
                (
                    "role:B-2:outsource",
                    "鈴木",
                    "2027-01-15",
                    "on_hold",
                    "",
                    "",
                ),
                ("custom:1", "", "2027-03-31", "todo", "", ""),
            ]),
        ),
        (
            "won't do with its reason",
            vec![
                (2, "status", Cell::Text("実施しない")),
                (2, "reason", Cell::Text("外部の訓練で代替")),
            ],
            vec![],
            Ok(vec![(
                "custom:1",
                "鈴木",
                "2027-03-31",
                "wont_do",
                "外部の訓練で代替",
                "",
            )]),
        ),
        (
            "a due date as a bare serial number (a date cell whose format was cleared)",
            vec![(0, "due", Cell::Number(46_478.0))],
            vec![],
            Ok(vec![(
                "role:C-4:insource",
                "鈴木",
                "2027-04-01",
                "todo",
                "",
                "",
            )]),
        ),
        (
            "columns only isomm writes are not read: a title, a target level, a level",
            vec![
                (0, "title", Cell::Text("別の題")),
                (0, "target_level", Cell::Number(5.0)),
                (0, "level_now", Cell::Number(5.0)),
            ],
            vec![],
            Ok(vec![]),
        ),
        (
            "a stale row that changes nothing is no change",
            vec![(0, "updated", Cell::Text(stale))],
            vec![],
            Ok(vec![]),
        ),
        (
            "a stale row that changes something is refused at its updated cell",
            vec![
                (0, "updated", Cell::Text(stale)),
                (0, "owner", Cell::Text("田中")),
                (1, "owner", Cell::Text("佐藤")),
            ],
            vec![],
            Err(vec![("Q3", "item-stale")]),
        ),
        (
            "bad values, each at its cell; the good row is not changed either",
            vec![
                (0, "status", Cell::Text("たぶん完了")),
                (1, "due", Cell::Text("来週")),
                (2, "status", Cell::Text("wont_do")),
                (2, "owner", Cell::Text("山田")),
            ],
            vec![],
            Err(vec![
                ("I3", "not-status"),
                ("H4", "bad-date"),
                ("J5", "reason-required"),
            ]),
        ),
        (
            "an unknown key, a key twice and a row without a key",
            vec![(1, "owner", Cell::Text("佐藤"))],
            vec![
                vec![
                    ("key", Cell::Text("role:Z-9:insource")),
                    ("owner", Cell::Text("x")),
                ],
                vec![
                    ("key", Cell::Text("custom:1")),
                    ("updated", Cell::Text(stale)),
                ],
                vec![
                    ("owner", Cell::Text("新しい人")),
                    ("status", Cell::Text("todo")),
                ],
                vec![],
            ],
            Err(vec![
                ("A6", "item-unknown"),
                ("A7", "item-twice"),
                ("A8", "item-no-key"),
            ]),
        ),
        (
            "an updated time that is not one isomm wrote",
            vec![
                (0, "updated", Cell::Text("昨日")),
                (0, "owner", Cell::Text("田中")),
            ],
            vec![],
            Err(vec![("Q3", "bad-updated")]),
        ),
        (
            "an owner longer than a name may be",
            vec![(
                0,
                "owner",
                Cell::Text(Box::leak("長".repeat(300).into_boxed_str())),
            )],
            vec![],
            Err(vec![("G3", "text-too-long")]),
        ),
    ];
    for (what, typed, extra, expected) in cases {
        let bytes = edited(&items, &typed, &extra, None);
        match (read_edits(&bytes, &items), expected) {
            (Ok(edits), Ok(want)) => {
                let want: Vec<_> = want
                    .into_iter()
                    .map(|(k, o, d, s, r, n)| (k.into(), o.into(), d.into(), s, r.into(), n.into()))
                    .collect();
                assert_eq!(changes(&edits), want, "{what}");
                for e in &edits {
                    let item = items.iter().find(|i| i.key == e.key).expect("an item");
                    assert_eq!(
                        e.seen, item.updated_at,
                        "{what}: the time it was downloaded with"
                    );
                    assert_eq!(
                        e.fields.title, item.fields.title,
                        "{what}: the title is isomm's"
                    );
                    assert_eq!(e.fields.target_level, item.fields.target_level, "{what}");
                    assert_eq!(e.fields.evidence, item.fields.evidence, "{what}");
                }
            }
            (Err(e), Err(want)) => {
                let want: Vec<(String, &str)> =
                    want.into_iter().map(|(c, k)| (c.to_string(), k)).collect();
                assert_eq!(refused(e.clone()), want, "{what}");
                for lang in Lang::ALL {
                    for line in e.lines(lang, Some("plan.xlsx")) {
                        assert!(
                            line.contains("改善計画"),
                            "{what}: the sheet is named: {line}"
                        );
                    }
                }
            }
            (got, _) => panic!("{what}: {got:?}"),
        }
    }
}

#[test]
fn moved_columns_are_found_by_their_names() {
    let items = items();
    let mut order = PLAN_COLUMNS.to_vec();
    order.reverse();
    let bytes = edited(
        &items,
        &[
            (1, "owner", Cell::Text("佐藤")),
            (1, "note", Cell::Text("見積り待ち")),
        ],
        &[],
        Some(&order),
    );
    let edits = read_edits(&bytes, &items).expect("read");
    assert_eq!(
        changes(&edits),
        vec![(
            "role:B-2:outsource".to_string(),
            "佐藤".to_string(),
            "2027-03-31".to_string(),
            "todo",
            String::new(),
            "見積り待ち".to_string()
        )]
    );
}

#[test]
fn a_workbook_that_is_not_the_plans_is_refused_as_a_whole() {
    let items = items();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "key").expect("cell");
    sheet.write_string(0, 1, "owner").expect("cell");
    let bytes = book.save_to_buffer().expect("save");
    let e = read_edits(&bytes, &items).expect_err("not a plan");
    assert_eq!(e.first().problem.key(), "not-plan-file");
    let e = read_edits(b"PK\x03\x04 not a zip", &items).expect_err("not a workbook");
    assert_eq!(e.first().problem.key(), "cannot-open");
}

/// LibreOffice opens `xlsx` and saves it as a workbook again (in `dir/out`); the bytes it wrote.
fn resaved(dir: &TempDir, name: &str, xlsx: &[u8]) -> Vec<u8> {
    let home = dir.0.join("home");
    let out = dir.0.join("out");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&out).expect("out");
    let path = dir.0.join(name);
    std::fs::write(&path, xlsx).expect("write");
    SOFFICE.run(|c| {
        c.env("HOME", &home)
            .arg("--headless")
            .arg("--norestore")
            .args(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
            .arg(&out)
            .arg(&path)
    });
    std::fs::read(out.join(name)).expect("LibreOffice wrote the workbook")
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn a_workbook_libreoffice_saved_again_reads_the_same() {
    let items = items();
    let dir = TempDir::new("plan-xlsx");
    for lang in Lang::ALL {
        let mut out = Vec::new();
        write_plan_xlsx(&mut out, &items, &[], None, lang).expect("write");
        let again = resaved(&dir, &format!("plan-{}.xlsx", lang.code()), &out);
        assert_ne!(again, out, "LibreOffice wrote its own file");
        let edits = read_edits(&again, &items).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        assert_eq!(edits, Vec::new(), "{lang:?}: unchanged after LibreOffice");
    }
    let typed = [
        (0, "owner", Cell::Text("田中")),
        (0, "due", Cell::Date(2027, 6, 30)),
        (0, "status", Cell::Text("完了")),
        (2, "status", Cell::Text("Won't do")),
        (2, "reason", Cell::Text("外部の訓練で代替")),
    ];
    let bytes = edited(&items, &typed, &[], None);
    let before = read_edits(&bytes, &items).expect("read");
    let again = resaved(&dir, "edited.xlsx", &bytes);
    let after = read_edits(&again, &items).expect("read after LibreOffice");
    assert_eq!(changes(&after), changes(&before));
    assert_eq!(after.len(), 2);
}
