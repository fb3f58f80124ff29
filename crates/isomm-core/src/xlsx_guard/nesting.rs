//! The XML inside one cell or one shared string, where the guard asks more than calamine does so
//! that both end the cell (or string) at the same tag: proper nesting, bounded depth and names.

use crate::problem::{InputError, Inside, Problem};

/// The deepest nesting inside one cell or one shared string, and the longest element name there.
const MAX_INNER_DEPTH: usize = 32;
const MAX_INNER_NAME_BYTES: usize = 64;

/// The elements open inside one cell or one shared string. There the guard asks more than
/// calamine does: every end tag closes the element opened last, and no cell, row or string starts
/// inside another, so that calamine and the guard end the cell (or string) at the same tag.
pub(super) struct Inner {
    open: Vec<String>,
    label: String,
    /// In a cell (else in a shared string), for messages.
    cell: bool,
}

impl Inner {
    pub(super) fn new(root: &str, label: String, cell: bool) -> Result<Inner, InputError> {
        let mut inner = Inner {
            open: Vec::new(),
            label,
            cell,
        };
        inner.push(root)?;
        Ok(inner)
    }

    pub(super) fn depth(&self) -> usize {
        self.open.len()
    }

    fn push(&mut self, name: &str) -> Result<(), InputError> {
        if self.open.len() >= MAX_INNER_DEPTH || name.len() > MAX_INNER_NAME_BYTES {
            return Err(self.malformed());
        }
        self.open.push(name.to_string());
        Ok(())
    }

    pub(super) fn start(&mut self, name: &str, forbidden: &[&str]) -> Result<(), InputError> {
        // The local name as the XML reader gives it: what follows the first `:`.
        let local = name.split_once(':').map_or(name, |(_, local)| local);
        if forbidden.contains(&local) {
            return Err(self.malformed());
        }
        self.push(name)
    }

    /// Closes the element opened last; `true` when that was the root.
    pub(super) fn end(&mut self, name: &str) -> Result<bool, InputError> {
        match self.open.last() {
            Some(open) if open == name => {
                self.open.pop();
                Ok(self.open.is_empty())
            }
            _ => Err(self.malformed()),
        }
    }

    fn malformed(&self) -> InputError {
        InputError::whole(
            "",
            Problem::BadNesting {
                part: self.label.clone(),
                inside: if self.cell {
                    Inside::Cell
                } else {
                    Inside::SharedText
                },
            },
        )
    }
}
