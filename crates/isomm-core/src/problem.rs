//! Everything that can be wrong with input, as data: a [`Problem`] is one kind of mistake with its
//! arguments, an [`InputError`] puts it at a place (line and column, CSV line and column, sheet and
//! cell), and [`InputErrors`] holds every problem of one file, up to [`MAX_REPORTED`].
//!
//! The words are not here: each problem is a message of `messages/{lang}/input.ftl` (its key is
//! given beside the variant, its fields are the message's arguments), rendered in the reader's
//! language by [`InputError::text`]. A library's own error text never becomes an argument that is
//! shown; where one helps a developer it is kept in a field no message uses (`detail`), for logs.

use std::fmt;

use crate::Lang;
#[cfg(test)]
use crate::messages::Messages;

/// Declares [`Problem`]: each variant with its message key and its fields (the arguments, each
/// shown with `Display`), and the list of one of each for the test that walks them all.
macro_rules! problems {
    ($( $(#[$doc:meta])* $name:ident $key:literal { $($field:ident : $ty:ty),* $(,)? } )*) => {
        /// One kind of mistake in input, with what the message about it needs to say.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Problem {
            $( $(#[$doc])* $name { $($field: $ty),* }, )*
        }

        impl Problem {
            /// The key of this problem's message in `input.ftl`.
            pub fn key(&self) -> &'static str {
                match self { $( Problem::$name { .. } => $key, )* }
            }

            /// The message's arguments, by name.
            pub fn args(&self) -> Vec<(&'static str, String)> {
                match self {
                    $( #[allow(unused_variables)]
                    Problem::$name { $($field),* } => vec![$( (stringify!($field), $field.arg()) ),*], )*
                }
            }

            /// One problem of every kind, with empty arguments (for the tests).
            pub fn every() -> Vec<Problem> {
                vec![$( Problem::$name { $($field: Default::default()),* } ),*]
            }
        }
    };
}

problems! {
    // Files as a whole.
    FileTooLarge "file-too-large" { size: String, max: String }
    NotUtf8 "not-utf8" { byte: usize }
    NoFiles "no-files" {}
    EmptyFile "empty-file" {}

    // Syntax of TOML and JSON; `detail` is the parser's own text, for logs only.
    TomlSyntax "toml-syntax" { detail: String }
    JsonSyntax "json-syntax" { token: JsonToken }
    JsonNotNumber "json-not-number" { text: String }
    JsonUnterminated "json-unterminated" {}
    JsonBadString "json-bad-string" { detail: String }
    TooDeep "too-deep" { max: usize }
    IntegerOutOfRange "integer-out-of-range" {}
    DuplicateKey "duplicate-key" { key: String }

    // The shape of a TOML or JSON document.
    UnknownKey "unknown-key" { key: String, allowed: String }
    MissingKey "missing-key" { key: String }
    WrongType "wrong-type" { expected: Expected, found_kind: FoundKind, found: String }

    // Values of an answers file, whatever its format.
    UnsupportedFormat "unsupported-format" { found: String, format: String }
    OtherModel "other-model" { found: String, loaded: String }
    UnknownPattern "unknown-pattern" { found: String, allowed: String }
    NoPattern "no-pattern" { allowed: String }
    BadDate "bad-date" { found: String }
    BadTargetLevel "bad-target-level" { found: String }
    BadLevel "bad-level" { found_kind: FoundKind, found: String }
    UnknownArea "unknown-area" { found: String }
    UnknownRole "unknown-role" { found: String, model: String, first: String, last: String }
    UnknownPosition "unknown-position" { found: String }
    NoPosition "no-position" {}
    NoName "no-name" {}
    DuplicateName "duplicate-name" { name: String }
    NoRespondents "no-respondents" {}
    NoRows "no-rows" {}

    // Bounds (crate::limits).
    TextNul "text-nul" {}
    NameCharacters "name-characters" { code: String }
    TextTooLong "text-too-long" { chars: usize, max: usize }
    TotalTextTooLong "total-text-too-long" { max: usize }
    TooManyRespondents "too-many-respondents" { max: usize }

    // The CSV form.
    CsvFieldCount "csv-field-count" { want: usize, found: usize }
    CsvSyntax "csv-syntax" { detail: String }
    CsvUnclosedQuote "csv-unclosed-quote" {}
    UnknownColumn "unknown-column" { column: String, columns: String }
    DuplicateColumn "duplicate-column" { column: String }
    MissingColumn "missing-column" { column: String, columns: String }
    CsvNeedsOption "csv-needs-option" { option: String }
    PositionChanged "position-changed" { name: String, earlier: String }
    RoleAnsweredTwice "role-answered-twice" { role: String, name: String, line: usize }

    // Several files read as one assessment.
    FilesDisagree "files-disagree" { first: String, first_value: String, other: String, other_value: String, option: String }
    RespondentInTwoFiles "respondent-in-two-files" { name: String, first: String, other: String }

    // Workbooks: what they hold.
    NotCheckSheet "not-check-sheet" { lacks: NotSheet }
    MissingField "missing-field" { key: String, sheet: String }
    RoleTwice "role-twice" { role: String, row: u32 }
    NoRoleRows "no-role-rows" {}
    TooManyRows "too-many-rows" { rows: usize, max: usize }

    // Workbooks: the container and its parts, checked before they are decoded
    // (crate::xlsx_guard). `part` names a sheet or a file inside the workbook.
    CannotOpen "cannot-open" { why: OpenWhy, detail: String }
    TooManySheets "too-many-sheets" { count: usize, max: usize }
    TooManyParts "too-many-parts" { max: usize }
    PartTooBig "part-too-big" { part: String, size: String, max: String }
    UnpacksTooBig "unpacks-too-big" { size: String, max: String }
    PartMismatch "part-mismatch" { part: String }
    SharedStringsDeclared "shared-strings-declared" { part: String, count: u64, max: usize }
    SharedStringsTooMany "shared-strings-too-many" { part: String, max: usize }
    StylesTooMany "styles-too-many" { part: String, max: usize }
    StylesTooSlow "styles-too-slow" { part: String, budget: String, count: usize, longest: String }
    NamesTooMany "names-too-many" { part: String, max: usize }
    GridTooBig "grid-too-big" { max: u64 }
    RowBeyondGrid "row-beyond-grid" { part: String, row: u64, max: u64 }
    CellBeyondGrid "cell-beyond-grid" { part: String, cell: String }
    CellOutsideTable "cell-outside-table" { rows: u32, columns: u32, last: String }
    TooManyCells "too-many-cells" { max: usize }
    TooMuchText "too-much-text" { max: String }
    BadDimension "bad-dimension" { part: String, found: String }
    AttributeTwice "attribute-twice" { part: String, row: String }
    BadNesting "bad-nesting" { part: String, inside: Inside }
    TooDeepXml "too-deep-xml" { part: String, max: usize }
    NameTooLong "name-too-long" { part: String, max: usize }
    TokenTooLong "token-too-long" { part: String, max: String }

    // A plan workbook (`plan.xlsx`) edited and uploaded.
    NotPlanFile "not-plan-file" {}
    ItemNoKey "item-no-key" {}
    ItemUnknown "item-unknown" { key: String }
    ItemTwice "item-twice" { key: String, row: u32 }
    ItemStale "item-stale" { key: String, file: String, now: String }
    BadUpdated "bad-updated" { found: String }
    NotStatus "not-status" { found: String }
    ReasonRequired "reason-required" {}

    // A model file (`--model`).
    EmptyText "empty-text" {}
    DuplicateId "duplicate-id" { what: IdOf, id: String }
    TooManyRoles "too-many-roles" { max: usize }
    RoleOutsideFunction "role-outside-function" { role: String, function: String }
    FunctionWithoutRoles "function-without-roles" { function: String }
    NoFunctions "no-functions" {}
    LevelOutOfRange "level-out-of-range" { found: String }
    LevelTwice "level-twice" { level: String }
    LevelMissing "level-missing" { level: usize }
    NoPatterns "no-patterns" {}
    PhrasesDiffer "phrases-differ" { text: String }
}

/// An argument of a message as the reader sees it.
pub trait Arg {
    fn arg(&self) -> String;
}

impl Arg for String {
    fn arg(&self) -> String {
        self.clone()
    }
}

/// Numbers with their thousands grouped: "200,000" (as both languages write them).
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn arg(&self) -> String {
                let digits = self.to_string();
                let mut out = String::new();
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i).is_multiple_of(3) {
                        out.push(',');
                    }
                    out.push(c);
                }
                out
            }
        }
    )*};
}
number_arg!(usize, u64, u32);

/// Declares a small enum whose `Display` is the selector a message chooses its words by.
macro_rules! selector {
    ($(#[$doc:meta])* $name:ident { $first:ident = $first_text:literal $(, $variant:ident = $text:literal)* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub enum $name { #[default] $first, $($variant),* }

        impl $name {
            /// Every value (for the tests).
            pub const ALL: &[$name] = &[$name::$first, $($name::$variant),*];
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $name::$first => $first_text, $($name::$variant => $text),* })
            }
        }

        impl Arg for $name {
            fn arg(&self) -> String {
                self.to_string()
            }
        }
    };
}

selector! {
    /// What a JSON reader expected at a syntax error.
    JsonToken { Value = "value", End = "end", CommaBracket = "comma-bracket", CommaBrace = "comma-brace", Key = "key", Colon = "colon" }
}
selector! {
    /// The kind of value a document field was expected to hold.
    Expected { Table = "table", List = "list", String = "string", Integer = "integer" }
}
selector! {
    /// The kind of value found instead (its text is a separate argument).
    FoundKind { Null = "null", Bool = "bool", Integer = "integer", Number = "number", String = "string", Date = "date", List = "list", Table = "table", Empty = "empty", Other = "other" }
}
selector! {
    /// Why a workbook is not an isomm check sheet.
    NotSheet { NoMarker = "no-marker", NoHeader = "no-header" }
}
selector! {
    /// Why a workbook cannot be opened at all.
    OpenWhy { Damaged = "damaged", Encrypted = "encrypted", Parts = "parts", Sheets = "sheets", Packed = "packed", Unreadable = "unreadable" }
}
selector! {
    /// Where XML nests badly inside a workbook part.
    Inside { Cell = "cell", SharedText = "shared-text" }
}
selector! {
    /// Which kind of id of a model is duplicated.
    IdOf { Function = "function", Role = "role", Pattern = "pattern" }
}

/// Where in the input an error was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A text file: 1-based line and column (columns count characters, not bytes).
    Text { line: usize, column: usize },
    /// A CSV file: 1-based line of the record, and the column's header name (empty for the line).
    Csv { line: usize, column: String },
    /// A cell of a workbook: the sheet's name and the cell's name (`E7`).
    Cell { sheet: String, cell: String },
    /// The input as a whole (for example "no respondents" in an empty CSV file).
    Whole,
}

/// A located input error: where, which field, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub place: Place,
    /// The key path of the offending field, such as `respondents[0].answers."A-1".insource`, or the
    /// command-line option that gave it (`--date`); may be empty.
    pub path: String,
    /// Boxed: a problem carries a few texts, and an error travels through many `Result`s.
    pub problem: Box<Problem>,
}

impl InputError {
    /// A problem of the input as a whole, or of one option or field given by `path`.
    pub fn whole(path: impl Into<String>, problem: Problem) -> InputError {
        InputError {
            place: Place::Whole,
            path: path.into(),
            problem: Box::new(problem),
        }
    }

    /// The message for a person in `lang`: the place, the field, what is wrong and what to do.
    pub fn text(&self, lang: Lang) -> String {
        let args = self.problem.args();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let message = say(lang, self.problem.key(), &args);
        let place = match &self.place {
            Place::Text { line, column } => say(
                lang,
                "place-text",
                &[("line", &line.arg()), ("column", &column.arg())],
            ),
            Place::Csv { line, column } if column.is_empty() => {
                say(lang, "place-line", &[("line", &line.arg())])
            }
            Place::Csv { line, column } => say(
                lang,
                "place-csv",
                &[("line", &line.arg()), ("column", column)],
            ),
            Place::Cell { sheet, cell } => {
                say(lang, "place-cell", &[("sheet", sheet), ("cell", cell)])
            }
            Place::Whole => String::new(),
        };
        match (place.is_empty(), self.path.is_empty()) {
            (true, true) => message,
            (true, false) => say(
                lang,
                "at-field",
                &[("field", &self.path), ("message", &message)],
            ),
            (false, true) => say(
                lang,
                "at-place",
                &[("place", &place), ("message", &message)],
            ),
            (false, false) => say(
                lang,
                "at-place-field",
                &[
                    ("place", &place),
                    ("field", &self.path),
                    ("message", &message),
                ],
            ),
        }
    }
}

/// English, for logs, tests and `?` in code that has no reader: people get [`InputError::text`].
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// The most problems reported for one file: enough to fix a file in one go, few enough to read.
pub const MAX_REPORTED: usize = 20;

/// Every problem found in one input (at least one), at most [`MAX_REPORTED`] of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputErrors {
    errors: Vec<InputError>,
    /// More problems were found than are kept.
    more: bool,
}

impl InputErrors {
    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }

    pub fn first(&self) -> &InputError {
        &self.errors[0]
    }

    /// Whether problems were found beyond the [`MAX_REPORTED`] kept.
    pub fn more(&self) -> bool {
        self.more
    }

    /// One line per problem in `lang`, each after `file` when it is given (but for a problem of a
    /// command-line option, which is not the file's), and a last line when more were found than
    /// are shown.
    pub fn lines(&self, lang: Lang, file: Option<&str>) -> Vec<String> {
        let mut lines: Vec<String> = self
            .errors
            .iter()
            .map(|e| {
                let text = e.text(lang);
                match file {
                    Some(file) if !e.path.starts_with("--") => {
                        say(lang, "in-file", &[("file", file), ("message", &text)])
                    }
                    _ => text,
                }
            })
            .collect();
        if self.more {
            lines.push(say(
                lang,
                "more-problems",
                &[("shown", &MAX_REPORTED.to_string())],
            ));
        }
        lines
    }
}

impl From<InputError> for InputErrors {
    fn from(error: InputError) -> InputErrors {
        InputErrors {
            errors: vec![error],
            more: false,
        }
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines(Lang::En, None).join("\n"))
    }
}

impl std::error::Error for InputErrors {}

/// Collects the problems of one input while it is read on: each check that fails is noted and the
/// reading goes on with the next field, row or record.
#[derive(Debug, Default)]
pub struct Found {
    errors: Vec<InputError>,
    more: bool,
}

impl Found {
    /// Notes a problem.
    pub fn add(&mut self, error: InputError) {
        if self.errors.len() < MAX_REPORTED {
            self.errors.push(error);
        } else {
            self.more = true;
        }
    }

    /// The value of a check, or `None` after noting its problem.
    pub fn check<T>(&mut self, result: Result<T, InputError>) -> Option<T> {
        result.map_err(|e| self.add(e)).ok()
    }

    /// Whether the reading can stop: as many problems as will be shown were found.
    pub fn full(&self) -> bool {
        self.errors.len() >= MAX_REPORTED
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `value` when no problem was noted, else every problem noted.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, InputErrors> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(InputErrors {
                errors: self.errors,
                more: self.more,
            })
        }
    }

    /// Notes `error` and gives back every problem noted: for a problem after which the input
    /// cannot be read on.
    pub fn stop(mut self, error: InputError) -> InputErrors {
        self.add(error);
        InputErrors {
            errors: self.errors,
            more: self.more,
        }
    }
}

/// The message file of input problems in `lang`, compiled into the binary.
fn source(lang: Lang) -> &'static str {
    crate::messages::file(lang, crate::messages::File::Input)
}

/// The message `key` of `input.ftl` in `lang` with its arguments.
fn say(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    static MESSAGES: crate::messages::Live = crate::messages::Live::new();
    MESSAGES.format(lang, source, key, args)
}

/// A problem's message with its arguments.
#[cfg(test)]
fn render(m: &mut Messages, key: &'static str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    m.format(key, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message the walk below and [`InputError::text`] ask for, with example arguments.
    fn ask_all(m: &mut Messages) {
        for problem in Problem::every() {
            let mut args = problem.args();
            for (name, value) in &mut args {
                *value = format!("<{name}>");
            }
            render(m, problem.key(), &args);
        }
        let one = [
            ("line", "1"),
            ("column", "2"),
            ("sheet", "s"),
            ("cell", "A1"),
        ];
        for key in ["place-text", "place-line", "place-csv", "place-cell"] {
            m.format(key, &one);
        }
        let parts = [
            ("place", "p"),
            ("field", "f"),
            ("message", "m"),
            ("file", "x"),
        ];
        for key in ["at-field", "at-place", "at-place-field", "in-file"] {
            m.format(key, &parts);
        }
        m.format("more-problems", &[("shown", "20")]);
    }

    #[test]
    fn every_problem_has_its_message_in_every_language() {
        assert_eq!(
            crate::messages::problems(source, ask_all),
            Vec::<String>::new()
        );
    }

    /// Walks every problem, and every value of every selector it takes, in both languages: each
    /// message is there, uses the arguments it is given, and is written in its own language.
    #[test]
    fn every_problem_reads_in_both_languages() {
        fn words<T: ToString>(all: &[T]) -> Vec<String> {
            all.iter().map(ToString::to_string).collect()
        }
        let selectors: Vec<(&str, Vec<String>)> = vec![
            ("token", words(JsonToken::ALL)),
            ("expected", words(Expected::ALL)),
            ("found_kind", words(FoundKind::ALL)),
            ("lacks", words(NotSheet::ALL)),
            ("why", words(OpenWhy::ALL)),
            ("inside", words(Inside::ALL)),
            ("what", words(IdOf::ALL)),
        ];
        for lang in Lang::ALL {
            let mut m = Messages::new(lang, source(lang));
            let mut seen = std::collections::BTreeSet::new();
            for problem in Problem::every() {
                let key = problem.key();
                assert!(seen.insert(key), "{key} is the key of two problems");
                let base = problem.args();
                let mut variants = vec![base.clone()];
                for (name, values) in &selectors {
                    if base.iter().any(|(n, _)| n == name) {
                        variants = values
                            .iter()
                            .map(|v| {
                                base.iter()
                                    .map(|(n, x)| {
                                        (*n, if n == name { v.clone() } else { x.clone() })
                                    })
                                    .collect()
                            })
                            .collect();
                    }
                }
                let selector = |n: &str| selectors.iter().any(|(s, _)| *s == n);
                let mut shown = std::collections::BTreeSet::new();
                for args in variants {
                    let marked: Vec<(&'static str, String)> = args
                        .iter()
                        .map(|(n, v)| {
                            (
                                *n,
                                if selector(n) {
                                    v.clone()
                                } else {
                                    format!("⟨{n}⟩")
                                },
                            )
                        })
                        .collect();
                    let text = render(&mut m, key, &marked);
                    for (name, value) in &marked {
                        if !selector(name) && text.contains(value.as_str()) {
                            shown.insert(*name);
                        }
                    }
                    let japanese = text.chars().any(|c| {
                        ('\u{3040}'..='\u{30ff}').contains(&c)
                            || ('\u{4e00}'..='\u{9fff}').contains(&c)
                    });
                    assert_eq!(japanese, lang == Lang::Ja, "{}: {key}: {text}", lang.code());
                }
                // Every argument is shown (a selector's value picks the words instead), except a
                // library's text (`detail`), which is for logs, never for the reader.
                for (name, _) in &base {
                    if !selector(name) {
                        assert_eq!(
                            shown.contains(name),
                            *name != "detail",
                            "{}: {key} and ${name}",
                            lang.code()
                        );
                    }
                }
            }
            assert_eq!(m.problems, Vec::<String>::new(), "{}", lang.code());
        }
    }

    #[test]
    fn places_and_lists_read_as_sentences() {
        let e = InputError {
            place: Place::Cell {
                sheet: "回答".into(),
                cell: "E7".into(),
            },
            path: String::new(),
            problem: Box::new(Problem::BadLevel {
                found_kind: FoundKind::String,
                found: "６".into(),
            }),
        };
        let ja = e.text(Lang::Ja);
        assert!(ja.starts_with("シート「回答」のセル E7"), "{ja}");
        assert!(ja.contains("６"), "{ja}");
        let en = e.text(Lang::En);
        assert!(en.starts_with("sheet “回答”, cell E7"), "{en}");
        let mut found = Found::default();
        for i in 0..MAX_REPORTED + 3 {
            found.add(InputError::whole(format!("f{i}"), Problem::NoName {}));
        }
        let errors = found.finish(|| ()).unwrap_err();
        let lines = errors.lines(Lang::En, Some("a.csv"));
        assert_eq!(lines.len(), MAX_REPORTED + 1);
        assert!(lines[0].starts_with("a.csv: f0: "), "{}", lines[0]);
        assert!(
            lines[MAX_REPORTED].contains("20"),
            "{}",
            lines[MAX_REPORTED]
        );
    }
}
