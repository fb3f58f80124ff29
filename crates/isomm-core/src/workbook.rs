//! The offline check sheet as an Excel workbook: its layout (shared with the writer in
//! `isomm-report`) and the reader of a filled-in sheet.
//!
//! The layout: an assessment sheet with one field per row (label, value, key) whose `format` row
//! holds the marker `isomm-answers/1`, and an answers sheet with a header row (function, ID, role,
//! description, insource, outsource, note) and one row per role. The reader finds both by their
//! contents, not their names or positions, so it tolerates what spreadsheet programs do to a file:
//! numbers as floats or text, empty strings, extra sheets, reordered rows and columns.

use std::io::Cursor as IoCursor;

use calamine::{Data, Range, Reader, Xlsx};

use crate::answers::{
    ANSWERS_FORMAT, Answer, Assessment, Level, Overrides, Position, Respondent, TargetLevel,
};
use crate::catalog::Catalog;
use crate::limits::{TextBudget, TextKind};
use crate::problem::{
    Found, FoundKind, InputError, InputErrors, NotSheet, OpenWhy, Place, Problem,
};
use crate::{Lang, answers};

/// Workbooks larger than this are refused before they are opened.
pub const MAX_BYTES: usize = crate::limits::MAX_FILE_BYTES;
/// At most this many sheets are looked at.
pub use crate::limits::MAX_SHEETS;
/// At most this many rows are read from a sheet.
pub const MAX_ROWS: usize = crate::limits::MAX_SHEET_ROWS as usize;

crate::words! {
    /// The words of the workbook in one language.
    pub struct SheetWords {
        assessment_sheet,
        answers_sheet,
        title,
        instructions,
        field,
        value,
        key,
        /// Labels of the assessment fields, in the order of [`FIELD_KEYS`].
        labels[10],
        function,
        id,
        role,
        description,
        insource,
        outsource,
        note,
        level_error,
        target_level_error,
        date_error,
    }
}

/// The machine keys of the assessment fields, in column C of the assessment sheet.
pub const FIELD_KEYS: [&str; 10] = [
    "organization",
    "title",
    "date",
    "current_pattern",
    "target_pattern",
    "target_level",
    "respondent",
    "position",
    "model",
    "format",
];

/// The message file of the workbook's words in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    crate::messages::file(lang, crate::messages::File::Workbook)
}

/// [`SheetWords`] from the messages of one language.
fn fill(m: &mut crate::messages::Messages) -> SheetWords {
    SheetWords::read(m)
}

/// The workbook's words in `lang`, read from `messages/{lang}/workbook.ftl` the first time.
pub fn sheet_words(lang: Lang) -> &'static SheetWords {
    static WORDS: crate::messages::PerLang<SheetWords> = crate::messages::PerLang::new();
    WORDS.get(lang, source, fill)
}

/// The spreadsheet name of a cell: column letters and 1-based row (`E7`).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{}{}", letters.iter().rev().collect::<String>(), row + 1)
}

/// A sheet's cells with absolute positions, for reading and for naming cells in errors.
pub(crate) struct Sheet {
    pub(crate) name: String,
    range: Range<Data>,
}

impl Sheet {
    pub(crate) fn origin(&self) -> (u32, u32) {
        self.range.start().unwrap_or((0, 0))
    }

    /// The cell at an absolute position.
    pub(crate) fn at(&self, row: u32, col: u32) -> &Data {
        let (r0, c0) = self.origin();
        if row < r0 || col < c0 {
            return &Data::Empty;
        }
        self.range
            .get(((row - r0) as usize, (col - c0) as usize))
            .unwrap_or(&Data::Empty)
    }

    pub(crate) fn rows(&self) -> std::ops::Range<u32> {
        let (r0, _) = self.origin();
        let (h, _) = self.range.get_size();
        r0..r0 + (h.min(MAX_ROWS) as u32)
    }

    pub(crate) fn cols(&self) -> std::ops::Range<u32> {
        let (_, c0) = self.origin();
        let (_, w) = self.range.get_size();
        c0..c0 + (w.min(64) as u32)
    }

    pub(crate) fn error(&self, row: u32, col: u32, problem: Problem) -> InputError {
        InputError {
            place: Place::Cell {
                sheet: self.name.clone(),
                cell: cell_name(row, col),
            },
            path: String::new(),
            problem: Box::new(problem),
        }
    }

    pub(crate) fn text(&self, row: u32, col: u32) -> String {
        text(self.at(row, col))
    }
}

/// A cell as text: numbers without a needless ".0", empty for empty cells.
pub(crate) fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date_from_serial(d.as_f64()).unwrap_or_else(|| d.as_f64().to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A date from an Excel serial number (1900 date system): `YYYY-MM-DD`.
pub(crate) fn date_from_serial(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01; Excel's day 25569 is 1970-01-01 (it counts a 29 February 1900 that never was).
    let days = serial.floor() as i64 - 25569;
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A level cell: empty, or a whole number 0..5 written as a number or as text
/// ([`Level::parse_typed`], full-width digits too).
fn level(d: &Data) -> Result<Option<Level>, ()> {
    let value = match d {
        Data::Empty => return Ok(None),
        Data::String(s) => return Level::parse_typed(s).map_err(|_| ()),
        Data::Int(i) => Some(*i),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => Some(*f as i64),
        _ => None,
    };
    value.and_then(Level::new).map(Some).ok_or(())
}

/// What a cell holds, as a problem quotes it.
pub(crate) fn describe(d: &Data) -> (FoundKind, String) {
    match d {
        Data::Empty => (FoundKind::Empty, String::new()),
        Data::String(s) => (FoundKind::String, crate::doc::shorten(s)),
        Data::Float(_) | Data::Int(_) => (FoundKind::Number, text(d)),
        other => (FoundKind::Other, crate::doc::shorten(&text(other))),
    }
}

/// Is `s` the header word `pick` of either language?
fn is_header(s: &str, pick: fn(&SheetWords) -> &'static str) -> bool {
    let s = s.trim();
    s.eq_ignore_ascii_case(pick(sheet_words(Lang::Ja)))
        || s.eq_ignore_ascii_case(pick(sheet_words(Lang::En)))
}

/// A pattern written as its id or as its name in either language.
fn pattern_of(catalog: &Catalog, s: &str) -> Option<usize> {
    catalog
        .patterns()
        .iter()
        .position(|p| p.id == s || p.name.ja == s || p.name.en.eq_ignore_ascii_case(s))
}

fn position_of(s: &str) -> Option<Position> {
    Position::ALL.into_iter().find(|p| {
        p.as_str() == s || p.name(Lang::Ja) == s || p.name(Lang::En).eq_ignore_ascii_case(s)
    })
}

/// The readable sheets of a workbook, once its size and its parts are checked (a hostile workbook
/// is refused before calamine decodes it).
pub(crate) fn open(bytes: &[u8]) -> Result<Vec<Sheet>, InputErrors> {
    if bytes.len() > MAX_BYTES {
        return Err(
            InputError::whole("", crate::limits::file_too_large(bytes.len() as u64)).into(),
        );
    }
    // Before calamine sees it: a hostile workbook could make it allocate without bound.
    crate::xlsx_guard::check(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(IoCursor::new(bytes)).map_err(|e| {
        InputError::whole(
            "",
            Problem::CannotOpen {
                why: OpenWhy::Unreadable,
                detail: e.to_string(),
            },
        )
    })?;
    let names = workbook.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(InputError::whole(
            "",
            Problem::TooManySheets {
                count: names.len(),
                max: MAX_SHEETS,
            },
        )
        .into());
    }
    let mut sheets = Vec::new();
    for name in names {
        // A sheet that cannot be read (a chart sheet, say) is not one of ours.
        if let Ok(range) = workbook.worksheet_range(&name) {
            sheets.push(Sheet { name, range });
        }
    }
    Ok(sheets)
}

/// Reads a filled-in check sheet made by `isomm template --format xlsx`: one respondent's answers,
/// or every problem found in it.
pub fn parse_xlsx(
    bytes: &[u8],
    catalog: &Catalog,
    overrides: &Overrides,
) -> Result<Assessment, InputErrors> {
    let not_isomm = |lacks| InputError::whole("", Problem::NotCheckSheet { lacks });
    let sheets = open(bytes)?;

    // The assessment sheet: the one whose key column has `format` = isomm-answers/1.
    let (info, key_col) = sheets
        .iter()
        .find_map(|s| {
            s.rows().find_map(|r| {
                s.cols()
                    .find(|c| {
                        *c > 0 && s.text(r, *c) == "format" && s.text(r, c - 1) == ANSWERS_FORMAT
                    })
                    .map(|c| (s, c))
            })
        })
        .ok_or_else(|| not_isomm(NotSheet::NoMarker))?;
    let value_col = key_col - 1;
    let field = |key: &str| {
        info.rows()
            .find(|r| info.text(*r, key_col) == key)
            .map(|r| (r, info.text(r, value_col)))
    };
    let field_error =
        |key: &str, problem: Problem| match info.rows().find(|r| info.text(*r, key_col) == key) {
            Some(r) => info.error(r, value_col, problem),
            None => InputError::whole(
                "",
                Problem::MissingField {
                    key: key.into(),
                    sheet: info.name.clone(),
                },
            ),
        };

    if let Some((r, model)) = field("model")
        && !model.is_empty()
        && model != catalog.model()
    {
        return Err(info
            .error(
                r,
                value_col,
                Problem::OtherModel {
                    found: crate::doc::shorten(&model),
                    loaded: catalog.model().into(),
                },
            )
            .into());
    }
    let mut found = Found::default();
    let string = |key: &str, given: &Option<String>| {
        given
            .clone()
            .unwrap_or_else(|| field(key).map(|(_, v)| v).unwrap_or_default())
    };
    let organization = string("organization", &overrides.organization);
    let title = string("title", &overrides.title);
    // The same bounds on text as every other path.
    let mut budget = TextBudget::default();
    for (key, option, value, given) in [
        (
            "organization",
            "--organization",
            &organization,
            &overrides.organization,
        ),
        ("title", "--title", &title, &overrides.title),
    ] {
        found.check(budget.take(value, TextKind::Heading).map_err(|p| {
            if given.is_some() {
                InputError::whole(option, p)
            } else {
                field_error(key, p)
            }
        }));
    }
    let date = match &overrides.date {
        Some(d) => Some(d.clone()),
        None => Some(string("date", &None)).filter(|d| !d.is_empty()),
    };
    if let Some(d) = &date
        && !answers::valid_date(d)
    {
        let problem = Problem::BadDate {
            found: crate::doc::shorten(d),
        };
        found.add(if overrides.date.is_some() {
            InputError::whole("--date", problem)
        } else {
            field_error("date", problem)
        });
    }
    let patterns = answers::pattern_list(catalog);
    let mut pattern = |key: &str, option: &'static str, given: &Option<String>| -> usize {
        let (value, from_option) = match given {
            Some(v) => (v.clone(), true),
            None => (string(key, &None), false),
        };
        found
            .check(pattern_of(catalog, &value).ok_or_else(|| {
                let problem = if value.is_empty() {
                    Problem::NoPattern {
                        allowed: patterns.clone(),
                    }
                } else {
                    Problem::UnknownPattern {
                        found: crate::doc::shorten(&value),
                        allowed: patterns.clone(),
                    }
                };
                if from_option {
                    InputError::whole(option, problem)
                } else {
                    field_error(key, problem)
                }
            }))
            .unwrap_or_default()
    };
    let current_pattern = pattern(
        "current_pattern",
        "--current-pattern",
        &overrides.current_pattern,
    );
    let target_pattern = pattern(
        "target_pattern",
        "--target-pattern",
        &overrides.target_pattern,
    );
    let target_level = match overrides.target_level {
        Some(v) => found.check(TargetLevel::new(v).ok_or_else(|| {
            InputError::whole(
                "--target-level",
                Problem::BadTargetLevel {
                    found: v.to_string(),
                },
            )
        })),
        None => match field("target_level") {
            Some((_, v)) if v.is_empty() => None,
            Some((r, v)) => found.check(
                Level::parse_typed(&v)
                    .ok()
                    .flatten()
                    .and_then(|l| TargetLevel::new(i64::from(l.get())))
                    .ok_or_else(|| {
                        info.error(
                            r,
                            value_col,
                            Problem::BadTargetLevel {
                                found: crate::doc::shorten(&v),
                            },
                        )
                    }),
            ),
            None => None,
        },
    }
    .unwrap_or_default();
    let name = string("respondent", &None);
    if name.is_empty() {
        found.add(field_error("respondent", Problem::NoName {}));
    } else {
        found.check(
            budget
                .take(&name, TextKind::Field)
                .map_err(|p| field_error("respondent", p)),
        );
    }
    let position_text = string("position", &None);
    let position = found.check(
        position_of(&position_text)
            .ok_or_else(|| field_error("position", answers::position_problem(&position_text))),
    );

    // The answers sheet: the one with a header row naming the ID, insource and outsource columns.
    let answers_sheet = sheets.iter().find_map(|s| {
        s.rows().take(10).find_map(|r| {
            let col = |pick: fn(&SheetWords) -> &'static str| {
                s.cols().find(|c| is_header(&s.text(r, *c), pick))
            };
            Some((
                s,
                r,
                col(|w| w.id)?,
                col(|w| w.insource)?,
                col(|w| w.outsource)?,
                col(|w| w.note),
            ))
        })
    });
    let Some((sheet, header, id_col, in_col, out_col, note_col)) = answers_sheet else {
        return Err(found.stop(not_isomm(NotSheet::NoHeader)));
    };
    let rows = sheet.range.get_size().0;
    if rows > MAX_ROWS {
        return Err(found.stop(sheet.error(
            header,
            id_col,
            Problem::TooManyRows {
                rows,
                max: MAX_ROWS,
            },
        )));
    }
    let mut answers = vec![Answer::default(); catalog.roles().len()];
    let mut seen: Vec<Option<u32>> = vec![None; catalog.roles().len()];
    for r in sheet.rows().filter(|r| *r > header) {
        if found.full() {
            break;
        }
        let id = sheet.text(r, id_col);
        if id.is_empty() {
            continue;
        }
        let Some(role) = found.check(
            catalog
                .role_index(&id)
                .ok_or_else(|| sheet.error(r, id_col, answers::unknown_role(catalog, &id))),
        ) else {
            continue;
        };
        if let Some(earlier) = seen[role] {
            found.add(sheet.error(
                r,
                id_col,
                Problem::RoleTwice {
                    role: id,
                    row: earlier + 1,
                },
            ));
            continue;
        }
        seen[role] = Some(r);
        let mut side = |col: u32| {
            found
                .check(level(sheet.at(r, col)).map_err(|()| {
                    let (found_kind, found) = describe(sheet.at(r, col));
                    sheet.error(r, col, Problem::BadLevel { found_kind, found })
                }))
                .flatten()
        };
        let (insource, outsource) = (side(in_col), side(out_col));
        let note = note_col.map(|c| sheet.text(r, c)).filter(|n| !n.is_empty());
        if let (Some(n), Some(c)) = (&note, note_col) {
            found.check(
                budget
                    .take(n, TextKind::Note)
                    .map_err(|p| sheet.error(r, c, p)),
            );
        }
        answers[role] = Answer {
            insource,
            outsource,
            note,
        };
    }
    if seen.iter().all(Option::is_none) && found.is_empty() {
        found.add(sheet.error(header, id_col, Problem::NoRoleRows {}));
    }

    let mut area_overrides = std::collections::BTreeMap::new();
    answers::option_areas(catalog, overrides, &mut area_overrides, &mut found);
    found.finish(|| {
        let mut respondent = Respondent::new(catalog, name, position.unwrap_or(Position::Other));
        respondent.answers = answers;
        Assessment {
            model: catalog.model().to_string(),
            organization,
            title,
            date,
            current_pattern,
            target_pattern,
            target_level,
            area_overrides,
            respondents: vec![respondent],
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_workbook_word_is_in_every_language() {
        assert_eq!(
            crate::messages::problems(source, fill),
            Vec::<String>::new()
        );
    }

    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 4), "E7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(date_from_serial(46352.0).as_deref(), Some("2026-11-26"));
        assert_eq!(date_from_serial(25569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(date_from_serial(0.5), None);
    }

    #[test]
    fn levels_from_cells() {
        assert_eq!(level(&Data::Float(3.0)), Ok(Level::new(3)));
        assert_eq!(level(&Data::Int(0)), Ok(Level::new(0)));
        assert_eq!(level(&Data::String(" 5 ".into())), Ok(Level::new(5)));
        assert_eq!(level(&Data::String("".into())), Ok(None));
        assert_eq!(level(&Data::Empty), Ok(None));
        assert_eq!(level(&Data::Float(2.5)), Err(()));
        assert_eq!(level(&Data::Int(6)), Err(()));
        assert_eq!(level(&Data::String("x".into())), Err(()));
    }

    #[test]
    fn not_a_workbook() {
        let err = parse_xlsx(b"hello", Catalog::builtin(), &Overrides::default()).unwrap_err();
        assert_eq!(
            *err.errors()[0].problem,
            Problem::CannotOpen {
                why: OpenWhy::Damaged,
                detail: String::new()
            }
        );
    }
}
