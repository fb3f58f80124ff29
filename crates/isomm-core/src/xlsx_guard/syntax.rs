//! The small syntax of a workbook's XML as calamine reads it: cell and row references, the
//! attributes of an element, counts written as digits, and values from the file shortened for
//! messages.

/// The last row and column any spreadsheet has (cell XFD1048576).
pub(super) const GRID_ROWS: u64 = 1_048_576;
const GRID_COLUMNS: u64 = 16_384;

/// A cell or row reference as calamine reads it (`B7`, `b7`; a row alone for `<row r=…>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ref {
    /// calamine refuses it (and stops reading the sheet).
    Bad,
    /// Beyond XFD1048576: calamine's arithmetic would overflow.
    Outside,
    /// 0-based row, and column if the reference has letters.
    At { row: u64, col: Option<u64> },
}

pub(super) fn reference(s: &str) -> Ref {
    let bytes = s.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = bytes[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if letters + digits != bytes.len() {
        return Ref::Bad;
    }
    let col = bytes[..letters].iter().fold(0u64, |c, b| {
        c.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = bytes[letters..].iter().fold(0u64, |r, b| {
        r.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    });
    if row > GRID_ROWS || col > GRID_COLUMNS {
        return Ref::Outside;
    }
    if row == 0 {
        return Ref::Bad;
    }
    Ref::At {
        row: row - 1,
        col: col.checked_sub(1),
    }
}

/// Attributes as calamine reads them: `key="value"` or `key='value'` pairs (the value not
/// unescaped), up to the first malformed one.
pub(super) fn attributes(raw: &str) -> Attributes<'_> {
    Attributes { rest: raw }
}

pub(super) struct Attributes<'s> {
    rest: &'s str,
}

impl<'s> Iterator for Attributes<'s> {
    type Item = (&'s str, &'s str);

    fn next(&mut self) -> Option<(&'s str, &'s str)> {
        let s = self
            .rest
            .trim_start_matches(|c: char| c.is_ascii_whitespace());
        self.rest = "";
        let (key, after) = s.split_once('=')?;
        let key = key.trim_end_matches(|c: char| c.is_ascii_whitespace());
        let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let body = &after[1..];
        match body.find(quote) {
            Some(end) => {
                self.rest = &body[end + 1..];
                Some((key, &body[..end]))
            }
            None => Some((key, body)),
        }
    }
}

/// The values of `keys` among an element's attributes, or `None` if one of them is given twice:
/// calamine takes such attributes in one pass that stops once it has seen as many as it wants, so
/// with a repeated key the guard could not tell which value it keeps (the XML is not well-formed
/// anyway).
pub(super) fn attributes_once<'s, const N: usize>(
    raw: &'s str,
    keys: [&str; N],
) -> Option<[Option<&'s str>; N]> {
    let mut values = [None; N];
    for (key, value) in attributes(raw) {
        if let Some(i) = keys.iter().position(|k| *k == key) {
            if values[i].is_some() {
                return None;
            }
            values[i] = Some(value);
        }
    }
    Some(values)
}

/// A count written as decimal digits (leading zeros allowed), saturating.
pub(super) fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// A sheet name for messages: unescaped, and not longer than a sentence.
pub(super) fn display_name(raw: &str) -> String {
    let name =
        quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |n| n.into_owned());
    shorten(&name)
}

/// At most 40 characters of a value from the file, for messages.
pub(super) fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(
            reference("A1"),
            Ref::At {
                row: 0,
                col: Some(0)
            }
        );
        assert_eq!(
            reference("bl2000"),
            Ref::At {
                row: 1999,
                col: Some(63)
            }
        );
        assert_eq!(
            reference("XFD1048576"),
            Ref::At {
                row: 1_048_575,
                col: Some(16_383)
            }
        );
        assert_eq!(reference("7"), Ref::At { row: 6, col: None });
        assert_eq!(reference("XFE1"), Ref::Outside);
        assert_eq!(reference("A1048577"), Ref::Outside);
        assert_eq!(reference("AAAAAAAAAAAAAAAAAAAAAAAAAAAA1"), Ref::Outside);
        assert_eq!(reference("A99999999999999999999999999"), Ref::Outside);
        for bad in ["", "A", "A0", "1A", "A 1", "Ä1", "A1:B2", "-1"] {
            assert_eq!(reference(bad), Ref::Bad, "{bad}");
        }
    }

    #[test]
    fn attributes_are_split_as_calamine_splits_them() {
        let all = |raw| attributes(raw).collect::<Vec<_>>();
        assert_eq!(
            all(r#" r="A1" s = '3' t="s" "#),
            [("r", "A1"), ("s", "3"), ("t", "s")]
        );
        assert_eq!(
            all(r#" r="A1" broken t="s""#),
            [("r", "A1"), ("broken t", "s")]
        );
        assert_eq!(all(r#" r="A1" t=s"#), [("r", "A1")]);
        assert_eq!(all(r#" r="A1"#), [("r", "A1")]);
        assert_eq!(all(" r"), []);
    }

    #[test]
    fn counts_and_numbers_read_for_people() {
        assert_eq!(number("0001000"), Some(1000));
        assert_eq!(number("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(number("+5"), None);
        use crate::problem::Arg;
        assert_eq!(200_000usize.arg(), "200,000");
        assert_eq!(1_000u64.arg(), "1,000");
        assert_eq!(999u32.arg(), "999");
        assert_eq!(shorten(&"x".repeat(50)).chars().count(), 41);
    }
}
