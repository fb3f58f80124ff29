//! Many respondents at once (issue 22): a list pasted into one form, one respondent per line —
//! `name, position` — read into respondents or into every problem with its line, never half of
//! each. Positions are read as people write them: their code (`staff`) or their word in any of
//! isomm's languages (担当者, Staff). Bounded before the work: the list's lines, each name's length
//! and characters; names must differ within the list (the store checks them against those
//! already there).

use crate::Lang;
use crate::answers::Position;
use crate::limits::{MAX_TEXT_CHARS, unsafe_in_name};

/// The most lines one list may hold (the most respondents an assessment has by default).
pub const MAX_LINES: usize = crate::limits::DEFAULT_MAX_RESPONDENTS;

/// One respondent of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRespondent {
    pub name: String,
    pub position: Position,
}

/// What is wrong with one line (1-based, as an editor counts), or with the whole list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterProblem {
    /// No line with a name.
    Empty,
    /// More than [`MAX_LINES`] lines with a name.
    TooManyLines { max: usize },
    /// A line with no name before its comma.
    NoName { line: usize },
    /// A name longer than [`MAX_TEXT_CHARS`].
    NameTooLong { line: usize, max: usize },
    /// A name holding a character no name holds ([`unsafe_in_name`]).
    NameCharacter { line: usize, character: char },
    /// A line without a position after its comma.
    NoPosition { line: usize },
    /// A position that is neither a code nor a word of any language.
    UnknownPosition { line: usize, given: String },
    /// The same name as an earlier line.
    DuplicateName { line: usize, first: usize },
}

/// Reads a pasted list: one respondent per line, `name, position` (a comma, a full-width comma 、
/// or ，, or a tab between them — as a spreadsheet's two columns paste). Blank lines are skipped.
/// Either every line is a respondent, or every problem is listed.
pub fn parse(text: &str) -> Result<Vec<NewRespondent>, Vec<RosterProblem>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(vec![RosterProblem::Empty]);
    }
    // The bound before the work: a list longer than any assessment is refused as a whole.
    if lines.len() > MAX_LINES {
        return Err(vec![RosterProblem::TooManyLines { max: MAX_LINES }]);
    }
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (line, text) in lines {
        let (name, position) = match text.rfind([',', '、', '，', '\t']) {
            Some(at) => {
                let separator = text[at..].chars().next().map_or(1, char::len_utf8);
                (text[..at].trim(), text[at + separator..].trim())
            }
            None => (text, ""),
        };
        let mut ok = true;
        if name.is_empty() {
            problems.push(RosterProblem::NoName { line });
            ok = false;
        } else if name.chars().count() > MAX_TEXT_CHARS {
            problems.push(RosterProblem::NameTooLong {
                line,
                max: MAX_TEXT_CHARS,
            });
            ok = false;
        } else if let Some(character) = unsafe_in_name(name) {
            problems.push(RosterProblem::NameCharacter { line, character });
            ok = false;
        }
        let position = if position.is_empty() {
            problems.push(RosterProblem::NoPosition { line });
            None
        } else {
            let read = position_of(position);
            if read.is_none() {
                problems.push(RosterProblem::UnknownPosition {
                    line,
                    given: position.chars().take(MAX_TEXT_CHARS).collect(),
                });
            }
            read
        };
        if let (true, Some(position)) = (ok, position) {
            if let Some(first) = found
                .iter()
                .find(|(_, r): &&(usize, NewRespondent)| r.name == name)
                .map(|(l, _)| *l)
            {
                problems.push(RosterProblem::DuplicateName { line, first });
            } else {
                found.push((
                    line,
                    NewRespondent {
                        name: name.to_string(),
                        position,
                    },
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(found.into_iter().map(|(_, r)| r).collect())
    } else {
        Err(problems)
    }
}

/// A position from its code or its word in any language, ignoring case and surrounding space.
pub fn position_of(text: &str) -> Option<Position> {
    let text = text.trim();
    Position::ALL.into_iter().find(|p| {
        p.as_str().eq_ignore_ascii_case(text)
            || Lang::ALL
                .into_iter()
                .any(|lang| p.name(lang).to_lowercase() == text.to_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterProblem::*;

    fn r(name: &str, position: Position) -> NewRespondent {
        NewRespondent {
            name: name.into(),
            position,
        }
    }

    /// Lists as people paste them, and what they give.
    #[test]
    fn a_list_gives_respondents_or_every_problem_with_its_line() {
        use Position::*;
        type Case = (
            &'static str,
            &'static str,
            Result<Vec<NewRespondent>, Vec<RosterProblem>>,
        );
        let cases: Vec<Case> = vec![
            (
                "codes, words of both languages, every separator, blank lines skipped",
                "佐藤 健, manager\n\n鈴木 美咲、リーダー\n高橋 翔\t担当者\nKim，Other\nLee, staff \n",
                Ok(vec![
                    r("佐藤 健", Manager),
                    r("鈴木 美咲", Leader),
                    r("高橋 翔", Staff),
                    r("Kim", Other),
                    r("Lee", Staff),
                ]),
            ),
            (
                "a name with a comma in it: the last separator divides",
                "Smith, John, Leader",
                Ok(vec![r("Smith, John", Leader)]),
            ),
            ("nothing but blank lines", "\n  \n", Err(vec![Empty])),
            (
                "every problem, each with its line; nothing taken",
                "佐藤, manager\n, staff\n鈴木\n高橋, boss\n佐藤, staff\n\u{202E}exe, staff",
                Err(vec![
                    NoName { line: 2 },
                    NoPosition { line: 3 },
                    UnknownPosition {
                        line: 4,
                        given: "boss".into(),
                    },
                    DuplicateName { line: 5, first: 1 },
                    NameCharacter {
                        line: 6,
                        character: '\u{202E}',
                    },
                ]),
            ),
        ];
        for (what, text, expected) in cases {
            assert_eq!(parse(text), expected, "{what}");
        }
    }

    #[test]
    fn a_list_is_bounded_before_it_is_read() {
        let long = format!("{}, staff", "あ".repeat(MAX_TEXT_CHARS + 1));
        assert_eq!(
            parse(&long),
            Err(vec![NameTooLong {
                line: 1,
                max: MAX_TEXT_CHARS
            }])
        );
        let many: String = (0..=MAX_LINES).map(|i| format!("R{i}, staff\n")).collect();
        assert_eq!(parse(&many), Err(vec![TooManyLines { max: MAX_LINES }]));
        let most: String = (0..MAX_LINES).map(|i| format!("R{i}, staff\n")).collect();
        assert_eq!(parse(&most).map(|r| r.len()), Ok(MAX_LINES));
    }

    #[test]
    fn positions_read_as_codes_or_words_of_any_language() {
        for p in Position::ALL {
            assert_eq!(position_of(p.as_str()), Some(p));
            assert_eq!(position_of(&p.as_str().to_uppercase()), Some(p));
            for lang in Lang::ALL {
                assert_eq!(position_of(p.name(lang)), Some(p), "{lang:?}");
            }
        }
        assert_eq!(position_of("CEO"), None);
    }
}
