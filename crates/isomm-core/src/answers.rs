//! The answers of an assessment (`isomm-answers/1`): types that cannot hold an invalid value, and
//! their parsers for TOML, JSON and the CSV form.
//!
//! Every parser checks the input against a [`Catalog`] and reports every problem it finds (up to
//! [`crate::problem::MAX_REPORTED`]; a syntax error stops the reading) as [`InputErrors`], each with
//! its place (line and column, or CSV line and column name), its key path and what was expected.

use std::collections::BTreeMap;

use crate::catalog::{Area, Catalog};
use crate::doc::{self, Cursor, TextFormat};
use crate::limits::{
    Limits, MAX_FILE_BYTES, TextBudget, TextKind, file_too_large, too_many_respondents,
};
use crate::problem::{Found, FoundKind, InputError, InputErrors, Place, Problem};
use crate::{Lang, Text};

/// The format tag of an answers file.
pub const ANSWERS_FORMAT: &str = "isomm-answers/1";

/// A level 0..=5 given on one side of one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    pub const MAX: u8 = 5;

    pub fn new(value: i64) -> Option<Level> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= Level::MAX)
            .map(Level)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// A level as a person types it, in a form, a CSV cell or a workbook's text cell: empty (or
    /// blank) for no answer, else a whole number 0..5 — in ASCII or full-width digits (`０`–`５`,
    /// what a Japanese input method gives), optionally written with a zero fraction (`3.0`, as a
    /// spreadsheet may save it). The one parser of typed levels.
    pub fn parse_typed(text: &str) -> Result<Option<Level>, NotALevel> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        // Full-width digits and full stop to ASCII; anything else stays and fails below.
        let ascii: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                other => other,
            })
            .collect();
        let whole = ascii.parse::<i64>().ok().or_else(|| {
            let (int, fraction) = ascii.split_once('.')?;
            (!int.is_empty() && fraction.bytes().all(|b| b == b'0'))
                .then(|| int.parse::<i64>().ok())
                .flatten()
        });
        whole.and_then(Level::new).map(Some).ok_or(NotALevel)
    }
}

/// Typed text that is not a level ([`Level::parse_typed`]); each reader says where and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotALevel;

/// The level an assessment aims for, 1..=5 (default 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetLevel(u8);

impl TargetLevel {
    pub fn new(value: i64) -> Option<TargetLevel> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(TargetLevel)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for TargetLevel {
    fn default() -> Self {
        TargetLevel(4)
    }
}

/// A respondent's position; results are compared per position in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    Manager,
    Leader,
    Staff,
    Other,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Manager,
        Position::Leader,
        Position::Staff,
        Position::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Manager => "manager",
            Position::Leader => "leader",
            Position::Staff => "staff",
            Position::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let words = crate::messages::core_words(lang);
        match self {
            Position::Manager => words.positions[0],
            Position::Leader => words.positions[1],
            Position::Staff => words.positions[2],
            Position::Other => words.positions[3],
        }
    }
}

/// A sourcing side: done in-house, or by a specialist provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Insource,
    Outsource,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Insource => "insource",
            Side::Outsource => "outsource",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Insource => Side::Outsource,
            Side::Outsource => Side::Insource,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let words = crate::messages::core_words(lang);
        match self {
            Side::Insource => words.sides[0],
            Side::Outsource => words.sides[1],
        }
    }
}

/// One respondent's answer for one role. Both sides absent means unanswered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub insource: Option<Level>,
    pub outsource: Option<Level>,
    /// Free text, never scored.
    pub note: Option<String>,
}

impl Answer {
    pub fn side(&self, side: Side) -> Option<Level> {
        match side {
            Side::Insource => self.insource,
            Side::Outsource => self.outsource,
        }
    }

    pub fn is_answered(&self) -> bool {
        self.insource.is_some() || self.outsource.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Respondent {
    pub name: String,
    pub position: Position,
    /// One answer per catalog role, in catalog order.
    pub answers: Vec<Answer>,
}

impl Respondent {
    /// A respondent who has answered nothing yet.
    pub fn new(catalog: &Catalog, name: impl Into<String>, position: Position) -> Respondent {
        Respondent {
            name: name.into(),
            position,
            answers: vec![Answer::default(); catalog.roles().len()],
        }
    }

    /// Number of roles with at least one side answered.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_answered()).count()
    }
}

/// An assessment checked against a catalog: patterns and roles are indexes into that catalog, and
/// every respondent has one answer per role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub model: String,
    pub organization: String,
    pub title: String,
    /// `YYYY-MM-DD`, checked to be a calendar date.
    pub date: Option<String>,
    /// Index into [`Catalog::patterns`].
    pub current_pattern: usize,
    /// Index into [`Catalog::patterns`].
    pub target_pattern: usize,
    pub target_level: TargetLevel,
    /// Area per role (index into [`Catalog::roles`]) where it differs from the role's default.
    pub area_overrides: BTreeMap<usize, Area>,
    pub respondents: Vec<Respondent>,
}

impl Assessment {
    /// The area of a role in this assessment: its override, or the catalog's default.
    pub fn area(&self, catalog: &Catalog, role: usize) -> Area {
        self.area_overrides
            .get(&role)
            .copied()
            .unwrap_or(catalog.roles()[role].default_area)
    }
}

/// Assessment fields given outside the file (command-line options, a web form). For TOML and JSON
/// they override the file's values; the CSV form takes its assessment fields only from here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub organization: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub current_pattern: Option<String>,
    pub target_pattern: Option<String>,
    pub target_level: Option<i64>,
    /// Role → area overrides as (role id, area) pairs, added to the file's `[areas]`.
    pub areas: Vec<(String, String)>,
}

/// The input formats of answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswersFormat {
    Toml,
    Json,
    Csv,
    /// A check sheet made by `isomm template --format xlsx`, filled in.
    Xlsx,
}

impl AnswersFormat {
    /// Picks the format from a file name's extension.
    pub fn from_extension(name: &str) -> Option<AnswersFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(AnswersFormat::Toml),
            "json" => Some(AnswersFormat::Json),
            "csv" => Some(AnswersFormat::Csv),
            "xlsx" => Some(AnswersFormat::Xlsx),
            _ => None,
        }
    }
}

/// Parses answers in a text format against a catalog, applying `overrides`, within the default
/// [`Limits`].
pub fn parse(
    text: &str,
    format: AnswersFormat,
    catalog: &Catalog,
    overrides: &Overrides,
) -> Result<Assessment, InputErrors> {
    parse_within(text, format, catalog, overrides, &Limits::default())
}

/// Parses answers in a text format against a catalog, applying `overrides`, refusing input past
/// `limits` (and the fixed bounds of [`crate::limits`]) while it is read.
pub fn parse_within(
    text: &str,
    format: AnswersFormat,
    catalog: &Catalog,
    overrides: &Overrides,
    limits: &Limits,
) -> Result<Assessment, InputErrors> {
    if text.len() > MAX_FILE_BYTES {
        return Err(InputError::whole("", file_too_large(text.len() as u64)).into());
    }
    if format != AnswersFormat::Xlsx && text.trim().is_empty() {
        return Err(InputError::whole("", Problem::EmptyFile {}).into());
    }
    match format {
        AnswersFormat::Toml => parse_text(text, TextFormat::Toml, catalog, overrides, limits),
        AnswersFormat::Json => parse_text(text, TextFormat::Json, catalog, overrides, limits),
        AnswersFormat::Csv => parse_csv(text, catalog, overrides, limits),
        AnswersFormat::Xlsx => crate::workbook::parse_xlsx(text.as_bytes(), catalog, overrides),
    }
}

/// [`parse_bytes_within`] the default [`Limits`].
pub fn parse_bytes(
    bytes: &[u8],
    format: AnswersFormat,
    catalog: &Catalog,
    overrides: &Overrides,
) -> Result<Assessment, InputErrors> {
    parse_bytes_within(bytes, format, catalog, overrides, &Limits::default())
}

/// Parses the bytes of an answers file of any format: text formats must be UTF-8 (a leading BOM is
/// dropped); `.xlsx` is a filled-in check sheet. The size is checked first, then every bound while
/// the file is read.
pub fn parse_bytes_within(
    bytes: &[u8],
    format: AnswersFormat,
    catalog: &Catalog,
    overrides: &Overrides,
    limits: &Limits,
) -> Result<Assessment, InputErrors> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InputError::whole("", file_too_large(bytes.len() as u64)).into());
    }
    if format == AnswersFormat::Xlsx {
        return crate::workbook::parse_xlsx(bytes, catalog, overrides);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::whole(
            "",
            Problem::NotUtf8 {
                byte: e.valid_up_to() + 1,
            },
        )
    })?;
    parse_within(
        text.strip_prefix('\u{feff}').unwrap_or(text),
        format,
        catalog,
        overrides,
        limits,
    )
}

pub(crate) fn pattern_list(catalog: &Catalog) -> String {
    catalog
        .patterns()
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a `YYYY-MM-DD` calendar date.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Assessment fields before they are checked: the value and a function that places a problem.
struct Field<'a> {
    value: String,
    error: Box<dyn Fn(Problem) -> InputError + 'a>,
}

fn option_field(name: &'static str, value: &str) -> Field<'static> {
    Field {
        value: value.to_string(),
        error: Box::new(move |p| InputError::whole(name, p)),
    }
}

fn cursor_field<'a>(cursor: &Cursor<'a>) -> Result<Field<'a>, InputError> {
    let value = cursor.string()?.to_string();
    let cursor = cursor.clone();
    Ok(Field {
        value,
        error: Box::new(move |p| cursor.error(p)),
    })
}

fn check_pattern(catalog: &Catalog, field: &Field<'_>) -> Result<usize, InputError> {
    catalog.pattern_index(&field.value).ok_or_else(|| {
        (field.error)(Problem::UnknownPattern {
            found: doc::shorten(&field.value),
            allowed: pattern_list(catalog),
        })
    })
}

fn check_date(field: &Field<'_>) -> Result<String, InputError> {
    if valid_date(&field.value) {
        Ok(field.value.clone())
    } else {
        Err((field.error)(Problem::BadDate {
            found: doc::shorten(&field.value),
        }))
    }
}

fn check_target_level(
    value: i64,
    error: impl Fn(Problem) -> InputError,
) -> Result<TargetLevel, InputError> {
    TargetLevel::new(value).ok_or_else(|| {
        error(Problem::BadTargetLevel {
            found: value.to_string(),
        })
    })
}

fn check_level(cursor: &Cursor<'_>) -> Result<Option<Level>, InputError> {
    if *cursor.value() == doc::Value::Null {
        return Ok(None);
    }
    let expected = || {
        let (found_kind, found) = cursor.value().found();
        cursor.error(Problem::BadLevel { found_kind, found })
    };
    let value = cursor.integer().map_err(|_| expected())?;
    Level::new(value).map(Some).ok_or_else(expected)
}

/// Takes one text into the assessment's budget; a text over its bound is a problem at its place.
fn take_text(
    budget: &mut TextBudget,
    text: &str,
    kind: TextKind,
    error: impl FnOnce(Problem) -> InputError,
) -> Result<(), InputError> {
    budget.take(text, kind).map_err(error)
}

/// The value of `result`, or the end of the reading with every problem noted so far and this one:
/// for a problem after which the input cannot be read on.
macro_rules! or_stop {
    ($found:ident, $result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return Err($found.stop(error)),
        }
    };
}

fn parse_text(
    text: &str,
    format: TextFormat,
    catalog: &Catalog,
    overrides: &Overrides,
    limits: &Limits,
) -> Result<Assessment, InputErrors> {
    let mut budget = TextBudget::default();
    let node = doc::parse(text, format)?;
    let root = Cursor::root(text, &node);
    let mut found = Found::default();
    let top = root.table_noting(
        &[
            "format",
            "model",
            "organization",
            "title",
            "date",
            "current_pattern",
            "target_pattern",
            "target_level",
            "areas",
            "respondents",
        ],
        &mut found,
    );
    let top = or_stop!(found, top);

    // Not an answers file, or one for another model: nothing else is worth reading.
    let format_cursor = or_stop!(found, top.required("format"));
    let format_tag = or_stop!(found, format_cursor.string());
    if format_tag != ANSWERS_FORMAT {
        return Err(found.stop(format_cursor.error(Problem::UnsupportedFormat {
            found: doc::shorten(format_tag),
            format: ANSWERS_FORMAT.into(),
        })));
    }
    let model = match top.optional("model") {
        Some(m) => {
            let given = or_stop!(found, m.string());
            if given != catalog.model() {
                return Err(found.stop(m.error(Problem::OtherModel {
                    found: doc::shorten(given),
                    loaded: catalog.model().into(),
                })));
            }
            given.to_string()
        }
        None => catalog.model().to_string(),
    };

    let mut string_field = |key: &'static str,
                            option: &'static str,
                            given: &Option<String>|
     -> Result<String, InputError> {
        match given {
            Some(v) => {
                take_text(&mut budget, v, TextKind::Heading, |p| {
                    InputError::whole(option, p)
                })?;
                Ok(v.clone())
            }
            None => {
                let c = top.required(key)?;
                let v = c.string()?;
                take_text(&mut budget, v, TextKind::Heading, |p| c.error(p))?;
                Ok(v.to_string())
            }
        }
    };
    let organization = found
        .check(string_field(
            "organization",
            "--organization",
            &overrides.organization,
        ))
        .unwrap_or_default();
    let title = found
        .check(string_field("title", "--title", &overrides.title))
        .unwrap_or_default();
    let date = match (&overrides.date, top.optional("date")) {
        (Some(d), _) => found.check(check_date(&option_field("--date", d))),
        (None, Some(c)) => {
            if let doc::Value::Datetime(d) = c.value() {
                // An unquoted TOML date: accept it when it is a plain date.
                found.check(check_date(&Field {
                    value: d.clone(),
                    error: Box::new(|p| c.error(p)),
                }))
            } else {
                found.check(cursor_field(&c).and_then(|f| check_date(&f)))
            }
        }
        (None, None) => None,
    };
    let pattern =
        |key: &str, option: &'static str, given: &Option<String>| -> Result<usize, InputError> {
            match given {
                Some(v) => check_pattern(catalog, &option_field(option, v)),
                None => check_pattern(catalog, &cursor_field(&top.required(key)?)?),
            }
        };
    let current_pattern = found
        .check(pattern(
            "current_pattern",
            "--current-pattern",
            &overrides.current_pattern,
        ))
        .unwrap_or_default();
    let target_pattern = found
        .check(pattern(
            "target_pattern",
            "--target-pattern",
            &overrides.target_pattern,
        ))
        .unwrap_or_default();
    let target_level = match (overrides.target_level, top.optional("target_level")) {
        (Some(v), _) => found.check(check_target_level(v, |p| {
            InputError::whole("--target-level", p)
        })),
        (None, Some(c)) => found.check(
            c.integer()
                .map_err(|_| {
                    let (_, text) = c.value().found();
                    c.error(Problem::BadTargetLevel { found: text })
                })
                .and_then(|v| check_target_level(v, |p| c.error(p))),
        ),
        (None, None) => None,
    }
    .unwrap_or_default();

    let mut area_overrides = BTreeMap::new();
    if let Some(areas) = top.optional("areas")
        && let Some(entries) = found.check(areas.entries())
    {
        for entry in entries {
            let role = found.check(
                catalog
                    .role_index(entry.key)
                    .ok_or_else(|| entry.key_error(unknown_role(catalog, entry.key))),
            );
            let area = found.check(entry.cursor.string().and_then(|value| {
                Area::parse(value).ok_or_else(|| {
                    entry.cursor.error(Problem::UnknownArea {
                        found: doc::shorten(value),
                    })
                })
            }));
            if let (Some(role), Some(area)) = (role, area) {
                area_overrides.insert(role, area);
            }
        }
    }
    option_areas(catalog, overrides, &mut area_overrides, &mut found);

    let respondents_cursor = or_stop!(found, top.required("respondents"));
    let entries = or_stop!(found, respondents_cursor.array());
    if entries.len() > limits.max_respondents {
        return Err(found.stop(respondents_cursor.error(too_many_respondents(limits))));
    }
    let mut respondents: Vec<Respondent> = Vec::with_capacity(entries.len());
    for r in entries {
        if found.full() {
            break;
        }
        let table = r.table_noting(&["name", "position", "answers"], &mut found);
        let Some(rt) = found.check(table) else {
            continue;
        };
        let name = found.check(rt.required("name").and_then(|c| {
            let name = c.string()?.trim().to_string();
            if name.is_empty() {
                return Err(c.error(Problem::NoName {}));
            }
            take_text(&mut budget, &name, TextKind::Field, |p| c.error(p))?;
            if respondents.iter().any(|p| p.name == name) {
                return Err(c.error(Problem::DuplicateName {
                    name: doc::shorten(&name),
                }));
            }
            Ok(name)
        }));
        let position = found.check(rt.required("position").and_then(|c| {
            let text = c.string()?;
            Position::parse(text).ok_or_else(|| c.error(position_problem(text)))
        }));
        let mut answers = vec![Answer::default(); catalog.roles().len()];
        if let Some(cursor) = rt.optional("answers")
            && let Some(entries) = found.check(cursor.entries())
        {
            for entry in entries {
                let role = found.check(
                    catalog
                        .role_index(entry.key)
                        .ok_or_else(|| entry.key_error(unknown_role(catalog, entry.key))),
                );
                let table = entry
                    .cursor
                    .table_noting(&["insource", "outsource", "note"], &mut found);
                let Some(at) = found.check(table) else {
                    continue;
                };
                let mut side = |key: &str| {
                    at.optional(key)
                        .and_then(|c| found.check(check_level(&c)))
                        .flatten()
                };
                let (insource, outsource) = (side("insource"), side("outsource"));
                let note = match at.optional("note") {
                    Some(c) if *c.value() == doc::Value::Null => None,
                    Some(c) => found
                        .check(c.string().and_then(|note| {
                            take_text(&mut budget, note, TextKind::Note, |p| c.error(p))?;
                            Ok(note.to_string())
                        }))
                        .filter(|n| !n.trim().is_empty()),
                    None => None,
                };
                if let Some(role) = role {
                    answers[role] = Answer {
                        insource,
                        outsource,
                        note,
                    };
                }
            }
        }
        if let (Some(name), Some(position)) = (name, position) {
            let mut respondent = Respondent::new(catalog, name, position);
            respondent.answers = answers;
            respondents.push(respondent);
        }
    }
    if respondents.is_empty() && found.is_empty() {
        found.add(respondents_cursor.error(Problem::NoRespondents {}));
    }

    found.finish(|| Assessment {
        model,
        organization,
        title,
        date,
        current_pattern,
        target_pattern,
        target_level,
        area_overrides,
        respondents,
    })
}

/// Checks assessment options given on their own — the values a blank sheet is pre-filled with
/// (`isomm template`) — as they are checked when they override an answers file: the patterns, the
/// `--area` overrides, the position, the date and the target level. Every problem is told, each
/// naming its option.
pub fn check_options(
    catalog: &Catalog,
    overrides: &Overrides,
    position: Option<&str>,
) -> Result<(), InputErrors> {
    let mut found = Found::default();
    for (option, value) in [
        ("--current-pattern", &overrides.current_pattern),
        ("--target-pattern", &overrides.target_pattern),
    ] {
        if let Some(v) = value {
            found.check(check_pattern(catalog, &option_field(option, v)));
        }
    }
    option_areas(catalog, overrides, &mut BTreeMap::new(), &mut found);
    if let Some(p) = position
        && Position::parse(p).is_none()
    {
        found.add(InputError::whole("--position", position_problem(p)));
    }
    if let Some(d) = &overrides.date {
        found.check(check_date(&option_field("--date", d)));
    }
    if let Some(v) = overrides.target_level {
        found.check(check_target_level(v, |p| {
            InputError::whole("--target-level", p)
        }));
    }
    found.finish(|| ())
}

/// Adds the `--area ROLE=AREA` overrides given as options, noting those that are wrong.
pub(crate) fn option_areas(
    catalog: &Catalog,
    overrides: &Overrides,
    areas: &mut BTreeMap<usize, Area>,
    found: &mut Found,
) {
    for (role, area) in &overrides.areas {
        let option = format!("--area {}={}", doc::shorten(role), doc::shorten(area));
        let r = found.check(
            catalog
                .role_index(role)
                .ok_or_else(|| InputError::whole(option.clone(), unknown_role(catalog, role))),
        );
        let a = found.check(Area::parse(area).ok_or_else(|| {
            InputError::whole(
                option.clone(),
                Problem::UnknownArea {
                    found: doc::shorten(area),
                },
            )
        }));
        if let (Some(r), Some(a)) = (r, a) {
            areas.insert(r, a);
        }
    }
}

/// What is wrong with a position that is not one: none given, or an unknown one.
pub(crate) fn position_problem(text: &str) -> Problem {
    if text.trim().is_empty() {
        Problem::NoPosition {}
    } else {
        Problem::UnknownPosition {
            found: doc::shorten(text),
        }
    }
}

pub(crate) fn unknown_role(catalog: &Catalog, id: &str) -> Problem {
    let roles = catalog.roles();
    Problem::UnknownRole {
        found: doc::shorten(id),
        model: catalog.model().into(),
        first: roles[0].id.clone(),
        last: roles[roles.len() - 1].id.clone(),
    }
}

/// The columns of the CSV form, in the order `isomm` writes them.
pub const CSV_COLUMNS: [&str; 6] = [
    "respondent",
    "position",
    "role",
    "insource",
    "outsource",
    "note",
];

/// The first characters that make a spreadsheet program read a CSV cell as a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn quoted_trigger(rest: &str) -> bool {
    rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'')
}

/// A cell as isomm writes it into a CSV file: text that a spreadsheet program would take for a
/// formula (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`, a leading tab or CR) gets a leading `'`, as OWASP
/// recommends, so it is shown as text. A cell that already starts with `'` before such a character
/// gets one too, so that [`csv_cell_in`] gives back exactly what was written.
pub fn csv_cell_out(text: &str) -> std::borrow::Cow<'_, str> {
    let needs =
        text.starts_with(FORMULA_STARTS) || text.strip_prefix('\'').is_some_and(quoted_trigger);
    if needs {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A cell as read from a CSV file: the `'` that [`csv_cell_out`] put before a formula character is
/// taken off again (and only that one).
pub fn csv_cell_in(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if quoted_trigger(rest) => rest,
        _ => text,
    }
}

/// Columns a blank CSV sheet carries for the reader's sake; ignored when read back.
pub const IGNORED_CSV_COLUMNS: [&str; 2] = ["function", "name"];

fn parse_csv(
    text: &str,
    catalog: &Catalog,
    overrides: &Overrides,
    limits: &Limits,
) -> Result<Assessment, InputErrors> {
    let mut found = Found::default();
    let mut budget = TextBudget::default();
    for (option, value) in [
        ("--organization", &overrides.organization),
        ("--title", &overrides.title),
    ] {
        if let Some(v) = value {
            found.check(take_text(&mut budget, v, TextKind::Heading, |p| {
                InputError::whole(option, p)
            }));
        }
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = unclosed_quote(text) {
        // The reader would take every later line into that text without a word.
        return Err(found.stop(InputError {
            place: Place::Csv {
                line,
                column: String::new(),
            },
            path: String::new(),
            problem: Box::new(Problem::CsvUnclosedQuote {}),
        }));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let problem = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => Problem::CsvFieldCount {
                want: *expected_len as usize,
                found: *len as usize,
            },
            csv::ErrorKind::Utf8 { pos, .. } => Problem::NotUtf8 {
                byte: pos.as_ref().map_or(0, |p| p.byte() as usize) + 1,
            },
            _ => Problem::CsvSyntax {
                detail: e.to_string(),
            },
        };
        InputError {
            place: Place::Csv {
                line,
                column: String::new(),
            },
            path: String::new(),
            problem: Box::new(problem),
        }
    };
    let headers = or_stop!(found, reader.headers().map_err(csv_error)).clone();
    let header_error = |column: &str, problem: Problem| InputError {
        place: Place::Csv {
            line: 1,
            column: doc::shorten(column),
        },
        path: String::new(),
        problem: Box::new(problem),
    };
    let columns = CSV_COLUMNS.join(",");
    let mut index = [usize::MAX; 6];
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim();
        if IGNORED_CSV_COLUMNS.contains(&h) {
            continue;
        }
        let Some(c) = CSV_COLUMNS.iter().position(|c| *c == h) else {
            found.add(header_error(
                h,
                Problem::UnknownColumn {
                    column: doc::shorten(h),
                    columns: columns.clone(),
                },
            ));
            continue;
        };
        if index[c] != usize::MAX {
            found.add(header_error(
                h,
                Problem::DuplicateColumn { column: h.into() },
            ));
        }
        index[c] = i;
    }
    for (c, name) in CSV_COLUMNS.iter().enumerate().take(3) {
        if index[c] == usize::MAX {
            found.add(header_error(
                name,
                Problem::MissingColumn {
                    column: name.to_string(),
                    columns: columns.clone(),
                },
            ));
        }
    }
    if !found.is_empty() {
        // Without its columns, no line can be read.
        return found.finish(|| unreachable!("problems were noted"));
    }

    let mut required = |option: &'static str, value: &Option<String>| {
        if value.is_none() {
            found.add(InputError::whole(
                option,
                Problem::CsvNeedsOption {
                    option: option.into(),
                },
            ));
        }
        value.clone().unwrap_or_default()
    };
    let (current, target) = (
        required("--current-pattern", &overrides.current_pattern),
        required("--target-pattern", &overrides.target_pattern),
    );
    let mut pattern = |option: &'static str, value: &str| {
        if value.is_empty() {
            return 0;
        }
        found
            .check(check_pattern(catalog, &option_field(option, value)))
            .unwrap_or_default()
    };
    let current_pattern = pattern("--current-pattern", &current);
    let target_pattern = pattern("--target-pattern", &target);
    let target_level = overrides
        .target_level
        .and_then(|v| {
            found.check(check_target_level(v, |p| {
                InputError::whole("--target-level", p)
            }))
        })
        .unwrap_or_default();
    let date = overrides
        .date
        .as_deref()
        .and_then(|d| found.check(check_date(&option_field("--date", d))));
    let mut area_overrides = BTreeMap::new();
    option_areas(catalog, overrides, &mut area_overrides, &mut found);

    let mut respondents: Vec<Respondent> = Vec::new();
    let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut first_line: Vec<BTreeMap<usize, usize>> = Vec::new();
    for record in reader.records() {
        if found.full() {
            break;
        }
        let Some(record) = found.check(record.map_err(csv_error)) else {
            continue;
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |c: usize| -> &str {
            if index[c] == usize::MAX {
                ""
            } else {
                csv_cell_in(record.get(index[c]).unwrap_or("").trim())
            }
        };
        let error = |c: usize, problem: Problem| InputError {
            place: Place::Csv {
                line,
                column: CSV_COLUMNS[c].to_string(),
            },
            path: String::new(),
            problem: Box::new(problem),
        };
        // Empty lines, and rows of a blank sheet that nobody filled in, carry no answer.
        if [0, 3, 4, 5].iter().all(|c| cell(*c).is_empty()) {
            continue;
        }
        let name = cell(0);
        if name.is_empty() {
            found.add(error(0, Problem::NoName {}));
        }
        let position = found
            .check(Position::parse(cell(1)).ok_or_else(|| error(1, position_problem(cell(1)))));
        let role = found.check(
            catalog
                .role_index(cell(2))
                .ok_or_else(|| error(2, unknown_role(catalog, cell(2)))),
        );
        let mut level = |c: usize| -> Option<Level> {
            let v = cell(c);
            found
                .check(Level::parse_typed(v).map_err(|NotALevel| {
                    error(
                        c,
                        Problem::BadLevel {
                            found_kind: FoundKind::String,
                            found: doc::shorten(v),
                        },
                    )
                }))
                .flatten()
        };
        let insource = level(3);
        let outsource = level(4);
        found.check(take_text(&mut budget, cell(5), TextKind::Note, |p| {
            error(5, p)
        }));
        let note = Some(cell(5).to_string()).filter(|n| !n.is_empty());
        let (Some(position), Some(role)) = (position, role) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }

        let r = match by_name.get(name).copied() {
            Some(r) => {
                if respondents[r].position != position {
                    found.add(error(
                        1,
                        Problem::PositionChanged {
                            name: doc::shorten(name),
                            earlier: respondents[r].position.as_str().into(),
                        },
                    ));
                    continue;
                }
                r
            }
            None => {
                if respondents.len() == limits.max_respondents {
                    return Err(found.stop(error(0, too_many_respondents(limits))));
                }
                found.check(take_text(&mut budget, name, TextKind::Field, |p| {
                    error(0, p)
                }));
                by_name.insert(name.to_string(), respondents.len());
                respondents.push(Respondent::new(catalog, name, position));
                first_line.push(BTreeMap::new());
                respondents.len() - 1
            }
        };
        if let Some(earlier) = first_line[r].insert(role, line) {
            found.add(error(
                2,
                Problem::RoleAnsweredTwice {
                    role: cell(2).into(),
                    name: doc::shorten(name),
                    line: earlier,
                },
            ));
            continue;
        }
        respondents[r].answers[role] = Answer {
            insource,
            outsource,
            note,
        };
    }
    if respondents.is_empty() && found.is_empty() {
        found.add(InputError::whole("", Problem::NoRows {}));
    }
    found.finish(|| Assessment {
        model: catalog.model().to_string(),
        organization: overrides.organization.clone().unwrap_or_default(),
        title: overrides.title.clone().unwrap_or_default(),
        date,
        current_pattern,
        target_pattern,
        target_level,
        area_overrides,
        respondents,
    })
}

/// The line where a quoted CSV field opens and never closes, if one does. Quotes open a field only
/// at its start (as the CSV reader takes them); `""` inside is a quote.
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened) = (1, 0);
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            match b {
                b'"' if bytes.peek() == Some(&b'"') => {
                    bytes.next();
                }
                b'"' => quoted = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = true;
                opened = line;
            }
            b',' => field_start = true,
            b'\n' => {
                line += 1;
                field_start = true;
            }
            b'\r' => {}
            _ => field_start = false,
        }
    }
    quoted.then_some(opened)
}

/// Merges the respondents of several files (name, parsed assessment) into one assessment, in the
/// order given. The assessment fields must agree across the files (options given on the command
/// line were applied to every file, so they agree by then); a respondent may appear only once.
/// The merged assessment stays within `limits` (respondents, and text added up).
pub fn merge(
    catalog: &Catalog,
    files: Vec<(String, Assessment)>,
    limits: &Limits,
) -> Result<Assessment, InputError> {
    let mut files = files.into_iter();
    let Some((first_name, mut merged)) = files.next() else {
        return Err(InputError::whole("", Problem::NoFiles {}));
    };
    let mut budget = TextBudget::default();
    let mut take = |name: &str, a: &Assessment| -> Result<(), InputError> {
        let texts = a.respondents.iter().flat_map(|r| {
            std::iter::once((r.name.as_str(), TextKind::Field)).chain(
                r.answers
                    .iter()
                    .filter_map(|x| x.note.as_deref().map(|n| (n, TextKind::Note))),
            )
        });
        for (text, kind) in texts {
            take_text(&mut budget, text, kind, |p| InputError::whole(name, p))?;
        }
        Ok(())
    };
    take(&first_name, &merged)?;
    let mut owners: Vec<String> = vec![first_name.clone(); merged.respondents.len()];
    for (name, a) in files {
        let pattern = |p: usize| catalog.patterns()[p].id.clone();
        let areas = |a: &Assessment| {
            a.area_overrides
                .iter()
                .map(|(r, area)| format!("{}={}", catalog.roles()[*r].id, area.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let checks: [(&str, &str, String, String); 7] = [
            (
                "organization",
                "--organization",
                merged.organization.clone(),
                a.organization.clone(),
            ),
            ("title", "--title", merged.title.clone(), a.title.clone()),
            (
                "date",
                "--date",
                merged.date.clone().unwrap_or_default(),
                a.date.clone().unwrap_or_default(),
            ),
            (
                "current_pattern",
                "--current-pattern",
                pattern(merged.current_pattern),
                pattern(a.current_pattern),
            ),
            (
                "target_pattern",
                "--target-pattern",
                pattern(merged.target_pattern),
                pattern(a.target_pattern),
            ),
            (
                "target_level",
                "--target-level",
                merged.target_level.get().to_string(),
                a.target_level.get().to_string(),
            ),
            ("areas", "--area", areas(&merged), areas(&a)),
        ];
        for (field, option, ours, theirs) in checks {
            if ours != theirs {
                return Err(InputError::whole(
                    field,
                    Problem::FilesDisagree {
                        first: first_name.clone(),
                        first_value: doc::shorten(&ours),
                        other: name.clone(),
                        other_value: doc::shorten(&theirs),
                        option: option.into(),
                    },
                ));
            }
        }
        take(&name, &a)?;
        if merged.respondents.len() + a.respondents.len() > limits.max_respondents {
            return Err(InputError::whole(name, too_many_respondents(limits)));
        }
        for r in a.respondents {
            if let Some(i) = merged.respondents.iter().position(|p| p.name == r.name) {
                return Err(InputError::whole(
                    "respondents",
                    Problem::RespondentInTwoFiles {
                        name: doc::shorten(&r.name),
                        first: owners[i].clone(),
                        other: name,
                    },
                ));
            }
            owners.push(name.clone());
            merged.respondents.push(r);
        }
    }
    Ok(merged)
}

/// The names of a level's definitions on each side, for showing beside a choice.
pub fn level_definition(catalog: &Catalog, level: Level, side: Side) -> &Text {
    let d = &catalog.levels()[level.get() as usize];
    match side {
        Side::Insource => &d.insource,
        Side::Outsource => &d.outsource,
    }
}

#[cfg(test)]
mod tests;
