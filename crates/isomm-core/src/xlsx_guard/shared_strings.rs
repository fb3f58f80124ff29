//! The shared-string table: its declared and actual number of strings, bounded by
//! [`MAX_SHARED_STRINGS`], and the length of each, for what calamine copies into every cell that
//! shows one.

use quick_xml::events::Event;

use crate::limits::MAX_SHARED_STRINGS;
use crate::problem::{InputError, Problem};

use super::Guard;
use super::nesting::Inner;
use super::syntax::{attributes, number};

/// The length of every shared string, for counting what calamine copies into cells.
#[derive(Default)]
pub(super) struct SharedStrings {
    lengths: Vec<u32>,
    longest: u64,
}

impl SharedStrings {
    /// What a cell of type `s` whose `<v>` starts with `index` costs: the length of that string,
    /// or of the longest one if the index is not a plain number calamine would find.
    pub(super) fn cost(&self, index: &str) -> u64 {
        let plain = !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit());
        match index
            .parse::<usize>()
            .ok()
            .and_then(|i| self.lengths.get(i))
        {
            Some(len) if plain => u64::from(*len),
            _ => self.longest,
        }
    }
}

impl Guard<'_> {
    /// `xl/sharedStrings.xml`: the declared count, the number of strings and their lengths.
    pub(super) fn shared_strings(&mut self, index: usize) -> Result<(), InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut lengths = Vec::new();
        let mut longest = 0;
        let mut in_table = false;
        // The open string: its length so far and the elements open inside it.
        let mut string: Option<(u64, Inner)> = None;
        while let Some(event) = part.next()? {
            if let Some((len, inner)) = &mut string {
                match event {
                    Event::Start(e) => inner.start(e.name().as_ref(), &["si", "sst"])?,
                    Event::End(e) => {
                        let closed = inner.end(e.name().as_ref())?;
                        if closed {
                            let len = *len;
                            longest = longest.max(len);
                            lengths.push(u32::try_from(len).unwrap_or(u32::MAX));
                            string = None;
                        }
                    }
                    Event::Text(t) => *len += t.len() as u64,
                    Event::CData(t) => *len += t.len() as u64,
                    Event::GeneralRef(_) => *len += 4,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(e) if !in_table && e.local_name().as_ref() == "sst" => {
                    in_table = true;
                    for (key, value) in attributes(e.attributes_raw()) {
                        if (key == "count" || key == "uniqueCount")
                            && number(value).is_some_and(|n| n > MAX_SHARED_STRINGS as u64)
                        {
                            return Err(InputError::whole(
                                "",
                                Problem::SharedStringsDeclared {
                                    part: label,
                                    count: number(value).unwrap_or(u64::MAX),
                                    max: MAX_SHARED_STRINGS,
                                },
                            ));
                        }
                    }
                }
                Event::Start(e) if in_table && e.local_name().as_ref() == "si" => {
                    if lengths.len() >= MAX_SHARED_STRINGS {
                        return Err(InputError::whole(
                            "",
                            Problem::SharedStringsTooMany {
                                part: label,
                                max: MAX_SHARED_STRINGS,
                            },
                        ));
                    }
                    string = Some((0, Inner::new(e.name().as_ref(), label.clone(), false)?));
                }
                Event::End(e) if in_table && e.local_name().as_ref() == "sst" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        self.strings = SharedStrings { lengths, longest };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_string_costs_its_length_or_the_longest() {
        let strings = SharedStrings {
            lengths: vec![3, 100, 7],
            longest: 100,
        };
        assert_eq!(strings.cost("0"), 3);
        assert_eq!(strings.cost("002"), 7);
        assert_eq!(strings.cost("3"), 100);
        assert_eq!(strings.cost(" 1"), 100);
        assert_eq!(strings.cost("99999999999999999999999"), 100);
    }
}
