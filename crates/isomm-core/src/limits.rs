//! The bounds on everything isomm reads, in one place: every path (the CLI, imports, uploads,
//! forms, the store) takes its limits from here, so the same thing has the same bound everywhere.
//!
//! Bounds are checked before the work they protect: the size of a file before it is parsed, the
//! parts of a workbook before it is decoded, the number of respondents while a file is read (not
//! after all of them have been built), the length of a text before it is stored.

use crate::problem::Problem;

/// The largest answers file, model file or uploaded sheet, in bytes (every format, every path).
/// An assessment of 1,000 respondents with notes fits in it.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The longest organisation, title or respondent name, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// The longest note on one answer, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// Passwords: at least this many characters (a long passphrase beats a clever short one)…
pub const MIN_PASSWORD_CHARS: usize = 12;
/// …and at most this many (hashing has a cost; nobody types more).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The most characters of text one assessment may hold in all (names, notes and fields added up).
pub const MAX_TOTAL_TEXT_CHARS: usize = 2_000_000;

/// The default bound on respondents per assessment (`--max-respondents` changes it).
pub const DEFAULT_MAX_RESPONDENTS: usize = 1000;

/// The most roles a model (`--model`) may define, and so the most answers per respondent.
pub const MAX_ROLES: usize = 500;

/// Workbooks: at most this many sheets are looked at.
pub const MAX_SHEETS: usize = 32;
/// Workbooks: the highest row number a sheet's cells may use (1-based, as spreadsheets count).
pub const MAX_SHEET_ROWS: u32 = 2000;
/// Workbooks: the highest column a sheet's cells may use (64 = column BL).
pub const MAX_SHEET_COLUMNS: u32 = 64;
/// Workbooks: the most cells with a value in all sheets together.
pub const MAX_CELLS: usize = 200_000;
/// Workbooks: the most cells of the rectangles calamine allocates (per sheet, from the first to
/// the last cell with a value), all sheets together: two full sheets of 2,000 × 64.
pub const MAX_GRID_CELLS: u64 = 2 * MAX_SHEET_ROWS as u64 * MAX_SHEET_COLUMNS as u64;
/// Workbooks: the most entries of the shared-string table.
pub const MAX_SHARED_STRINGS: usize = 200_000;
/// Workbooks: the most files inside the zip container.
pub const MAX_ZIP_ENTRIES: usize = 1000;
/// Workbooks: the largest uncompressed size of one part (a sheet's XML, the shared strings).
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Workbooks: the largest uncompressed size of all the parts that are read, together.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;

/// The limits that an operator may change; the rest are the constants above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Respondents per assessment.
    pub max_respondents: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_respondents: DEFAULT_MAX_RESPONDENTS,
        }
    }
}

/// What a text field is, for the message when it is too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Organisation or title: bounded on its own, not counted in the assessment's total (the store
    /// counts names and notes).
    Heading,
    /// A respondent's name.
    Field,
    /// A note on one answer.
    Note,
}

/// The first character a name may not hold, if any: a control character (a line break or a tab
/// included: a name is one line) or a bidirectional override or isolate (U+202A–U+202E,
/// U+2066–U+2069: they make `gpj.exe` read as `exe.jpg`). Organisation, title, respondents,
/// workspaces and people are names; notes may hold line breaks.
pub fn unsafe_in_name(text: &str) -> Option<char> {
    text.chars().find(|c| unsafe_char(*c))
}

/// Is `c` a character no name holds ([`unsafe_in_name`])? File names of downloads are built
/// without them too.
pub fn unsafe_char(c: char) -> bool {
    c.is_control()
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The problem of a name holding `c` ([`unsafe_in_name`]).
pub fn name_characters(c: char) -> Problem {
    Problem::NameCharacters {
        code: format!("U+{:04X}", u32::from(c)),
    }
}

impl TextKind {
    pub fn max_chars(self) -> usize {
        match self {
            TextKind::Heading | TextKind::Field => MAX_TEXT_CHARS,
            TextKind::Note => MAX_NOTE_CHARS,
        }
    }
}

/// Counts the text of one assessment as it is read (names and notes), against
/// [`MAX_TOTAL_TEXT_CHARS`], and checks each text against its own bound. Errors are problems for
/// the caller to place.
#[derive(Debug, Default)]
pub struct TextBudget {
    used: usize,
}

impl TextBudget {
    /// Takes one text: refused when it is longer than its kind allows, or when the assessment's
    /// text would then exceed the total.
    pub fn take(&mut self, text: &str, kind: TextKind) -> Result<(), Problem> {
        if text.contains('\0') {
            return Err(Problem::TextNul {});
        }
        if kind != TextKind::Note
            && let Some(c) = unsafe_in_name(text)
        {
            return Err(name_characters(c));
        }
        let chars = text.chars().count();
        let max = kind.max_chars();
        if chars > max {
            return Err(Problem::TextTooLong { chars, max });
        }
        if kind == TextKind::Heading {
            return Ok(());
        }
        self.used += chars;
        if self.used > MAX_TOTAL_TEXT_CHARS {
            return Err(Problem::TotalTextTooLong {
                max: MAX_TOTAL_TEXT_CHARS,
            });
        }
        Ok(())
    }
}

/// The problem of a file over [`MAX_FILE_BYTES`].
pub fn file_too_large(bytes: u64) -> Problem {
    Problem::FileTooLarge {
        size: human_bytes(bytes),
        max: human_bytes(MAX_FILE_BYTES as u64),
    }
}

/// The problem of more respondents than [`Limits::max_respondents`].
pub fn too_many_respondents(limits: &Limits) -> Problem {
    Problem::TooManyRespondents {
        max: limits.max_respondents,
    }
}

/// A size in bytes for people: "8 MiB", "512 KiB", "900 bytes".
pub fn human_bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= KIB {
        format!("{} KiB", n.div_ceil(KIB))
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(MAX_FILE_BYTES as u64), "8 MiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(12), "12 bytes");
    }

    #[test]
    fn texts_are_bounded_one_by_one_and_in_all() {
        let mut budget = TextBudget::default();
        assert!(
            budget
                .take(&"あ".repeat(MAX_TEXT_CHARS), TextKind::Field)
                .is_ok()
        );
        let err = budget
            .take(&"a".repeat(MAX_TEXT_CHARS + 1), TextKind::Field)
            .unwrap_err();
        assert_eq!(
            err,
            Problem::TextTooLong {
                chars: 201,
                max: 200
            }
        );
        assert!(
            budget
                .take(&"a".repeat(MAX_NOTE_CHARS), TextKind::Note)
                .is_ok()
        );
        let note = "n".repeat(MAX_NOTE_CHARS);
        let mut taken = 0;
        let err = loop {
            match budget.take(&note, TextKind::Note) {
                Ok(()) => taken += 1,
                Err(e) => break e,
            }
        };
        assert_eq!(taken, MAX_TOTAL_TEXT_CHARS / MAX_NOTE_CHARS - 2);
        assert_eq!(
            err,
            Problem::TotalTextTooLong {
                max: MAX_TOTAL_TEXT_CHARS
            }
        );
        let err = TextBudget::default()
            .take("a\0b", TextKind::Note)
            .unwrap_err();
        assert_eq!(err, Problem::TextNul {});
    }
}
