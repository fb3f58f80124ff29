//! A plan workbook (`plan.xlsx`) edited in Excel and uploaded, read as changes to the items: only
//! owner, due date, status, reason and note are read ([`super::EDITABLE_COLUMNS`]); every other
//! column is isomm's and is not read.
//!
//! The sheet is found by its row of the format's names (`key` … `updated`), not by its name or
//! position, so columns may be moved and rows sorted. Each row names its item by `key` and says
//! when the item was downloaded (`updated`). A row is refused, with its cell named, when its key is
//! not an item of the assessment (or is there twice), a value is not one the item takes, or it
//! would change an item that was changed in isomm after the download. A row that changes nothing
//! is not a change (however old it is); a row without a key and with nothing typed is skipped.
//! Either every row is good and the changes are returned, or the problems are (nothing is written).

use calamine::Data;

use super::{EDITABLE_COLUMNS, Item, ItemFields, ItemKey, ItemProblem, ItemStatus, RawItem};
use super::{PLAN_COLUMNS, parse_updated, updated_text};
use crate::problem::{Found, InputError, InputErrors, Place, Problem};
use crate::workbook::{Sheet, cell_name, date_from_serial, open, text};

/// A change an uploaded row asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub key: ItemKey,
    /// The item's fields with the row's values.
    pub fields: ItemFields,
    /// The item's `updated` time the row was downloaded with.
    pub seen: i64,
    /// The row's `updated` cell (where a change refused as stale is named).
    pub updated_cell: Place,
}

/// The columns read: the key, the time the row was downloaded with, and what a person may change.
const READ: [&str; 7] = ["key", "updated", "owner", "due", "status", "reason", "note"];

/// The changes a plan workbook asks of `items`, or every problem found in it (at most
/// [`crate::problem::MAX_REPORTED`]).
pub fn read_edits(bytes: &[u8], items: &[Item]) -> Result<Vec<Edit>, InputErrors> {
    let sheets = open(bytes)?;
    let (sheet, header, cols) = sheets
        .iter()
        .find_map(|s| header_row(s).map(|(r, cols)| (s, r, cols)))
        .ok_or_else(|| InputError::whole("", Problem::NotPlanFile {}))?;
    let col = |name: &str| cols[READ.iter().position(|n| *n == name).unwrap_or(0)];
    let mut found = Found::default();
    let mut edits = Vec::new();
    // Which row holds each key so far (1-based, as the sheet shows it).
    let mut seen_rows: Vec<(ItemKey, u32)> = Vec::new();
    for r in sheet.rows().filter(|r| *r > header) {
        let key_text = sheet.text(r, col("key"));
        let typed = |name: &str| sheet.text(r, col(name));
        if key_text.is_empty() {
            if EDITABLE_COLUMNS.iter().any(|c| !typed(c).is_empty()) {
                found.add(sheet.error(r, col("key"), Problem::ItemNoKey {}));
            }
            continue;
        }
        let Some(item) = ItemKey::parse(&key_text).and_then(|k| items.iter().find(|i| i.key == k))
        else {
            found.add(sheet.error(
                r,
                col("key"),
                Problem::ItemUnknown {
                    key: crate::doc::shorten(&key_text),
                },
            ));
            continue;
        };
        if let Some((_, first)) = seen_rows.iter().find(|(k, _)| *k == item.key) {
            found.add(sheet.error(
                r,
                col("key"),
                Problem::ItemTwice {
                    key: key_text,
                    row: *first,
                },
            ));
            continue;
        }
        seen_rows.push((item.key.clone(), r + 1));
        let updated_text_found = typed("updated");
        let Some(seen) = parse_updated(&updated_text_found) else {
            found.add(sheet.error(
                r,
                col("updated"),
                Problem::BadUpdated {
                    found: crate::doc::shorten(&updated_text_found),
                },
            ));
            continue;
        };
        let status_text = typed("status");
        let Some(status) = ItemStatus::from_word(&status_text) else {
            found.add(sheet.error(
                r,
                col("status"),
                Problem::NotStatus {
                    found: crate::doc::shorten(&status_text),
                },
            ));
            continue;
        };
        let due = due(sheet.at(r, col("due")));
        let (owner, reason, note) = (typed("owner"), typed("reason"), typed("note"));
        let f = &item.fields;
        let target = f.target_level.to_string();
        let raw = RawItem {
            title: &f.title,
            owner: &owner,
            due: &due,
            status: status.as_str(),
            reason: &reason,
            target_level: &target,
            evidence: f.evidence.as_deref().unwrap_or(""),
            note: &note,
        };
        let fields = match ItemFields::parse(&raw) {
            Ok(fields) => fields,
            Err(problems) => {
                for (field, problem) in problems {
                    let column = if READ.contains(&field) {
                        col(field)
                    } else {
                        col("key")
                    };
                    let value = sheet.text(r, column);
                    found.add(sheet.error(r, column, cell_problem(problem, &value)));
                }
                continue;
            }
        };
        if fields == item.fields {
            continue;
        }
        let updated_cell = Place::Cell {
            sheet: sheet.name.clone(),
            cell: cell_name(r, col("updated")),
        };
        if seen != item.updated_at {
            found.add(sheet.error(
                r,
                col("updated"),
                Problem::ItemStale {
                    key: key_text,
                    file: updated_text(seen),
                    now: updated_text(item.updated_at),
                },
            ));
            continue;
        }
        edits.push(Edit {
            key: item.key.clone(),
            fields,
            seen,
            updated_cell,
        });
    }
    found.finish(|| edits)
}

/// The row of the format's names: its index and the column of each of [`READ`]. The row must
/// name every column of the format once; each of [`READ`] is found by its name.
fn header_row(sheet: &Sheet) -> Option<(u32, [u32; 7])> {
    sheet.rows().find_map(|r| {
        let named: Vec<(String, u32)> = sheet
            .cols()
            .map(|c| (sheet.text(r, c), c))
            .filter(|(t, _)| !t.is_empty())
            .collect();
        let at = |name: &str| {
            let mut hits = named.iter().filter(|(t, _)| t == name);
            match (hits.next(), hits.next()) {
                (Some((_, c)), None) => Some(*c),
                _ => None,
            }
        };
        if PLAN_COLUMNS.iter().any(|n| at(n).is_none()) {
            return None;
        }
        let mut cols = [0; 7];
        for (slot, name) in cols.iter_mut().zip(READ) {
            *slot = at(name)?;
        }
        Some((r, cols))
    })
}

/// A due date as a cell holds it: a date (or its serial number) as `YYYY-MM-DD`, else its text as
/// typed, which the items' check reads as people type dates (`2027/3/31`) or names.
fn due(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) => date_from_serial(d.as_f64()).unwrap_or_else(|| text(cell)),
        Data::Float(f) => date_from_serial(*f).unwrap_or_else(|| text(cell)),
        Data::Int(i) => date_from_serial(*i as f64).unwrap_or_else(|| text(cell)),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        _ => text(cell),
    }
}

/// An item's problem as a cell's.
fn cell_problem(problem: ItemProblem, value: &str) -> Problem {
    let found = crate::doc::shorten(value);
    match problem {
        ItemProblem::TooLong { max } => Problem::TextTooLong {
            chars: value.chars().count(),
            max,
        },
        ItemProblem::BadDate => Problem::BadDate { found },
        ItemProblem::BadStatus => Problem::NotStatus { found },
        ItemProblem::ReasonRequired => Problem::ReasonRequired {},
        // Not columns a person may change: what isomm holds cannot be wrong, and a file cannot
        // change it; named all the same.
        ItemProblem::TitleEmpty | ItemProblem::BadTargetLevel | ItemProblem::BadLink { .. } => {
            Problem::ItemUnknown { key: found }
        }
    }
}

// The workbooks themselves, written as isomm writes them and edited, are read in
// `isomm-report`'s tests (`tests/it/plan_xlsx.rs`), which has the writer.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_as_cells_hold_them() {
        for (cell, want) in [
            (Data::Float(46_477.0), "2027-03-31"),
            (Data::Int(46_477), "2027-03-31"),
            (Data::String("2027/3/31".into()), "2027/3/31"),
            (Data::String(" 2027-03-31 ".into()), "2027-03-31"),
            (
                Data::DateTimeIso("2027-03-31T00:00:00".into()),
                "2027-03-31",
            ),
            (Data::String("来週".into()), "来週"),
            (Data::Empty, ""),
        ] {
            assert_eq!(due(&cell), want, "{cell:?}");
        }
    }
}
