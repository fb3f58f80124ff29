//! One part of the workbook streamed as XML, with the same reader settings as calamine, within
//! bounds of its own: the longest token, the deepest nesting and the longest element name.

use std::io::{BufRead, Cursor};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::limits::human_bytes;
use crate::problem::{InputError, OpenWhy, Problem};

use super::container::{entry_name, not_opened, part_too_big, total_too_big};
use super::metered::{Metered, Overrun};

/// The longest single XML token (a run of text, a tag with its attributes, a comment) the guard
/// reads; it bounds the guard's own buffer. A spreadsheet cell holds at most 32,767 characters.
pub(super) const MAX_XML_TOKEN_BYTES: u64 = 1024 * 1024;
/// The deepest nesting of elements in a part (spreadsheet programs write less than 20), and the
/// longest element name: the XML reader keeps the names of the open elements.
pub(super) const MAX_XML_DEPTH: usize = 256;
pub(super) const MAX_XML_NAME_BYTES: usize = 256;
/// The size of the read buffer between the unzipper and the XML reader.
const READ_BUFFER_BYTES: usize = 8 * 1024;

/// Opens entry `index` for reading as XML, its bytes counted against the limits (`unpacked`: the
/// bytes unpacked before it, all parts together).
pub(super) fn open<'z, 'a>(
    zip: &'z mut ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
    index: usize,
    label: Option<String>,
) -> Result<Part<'z, 'a>, InputError> {
    let file = zip.by_index(index).map_err(|e| match e {
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            not_opened(OpenWhy::Packed)
        }
        _ => not_opened(OpenWhy::Damaged),
    })?;
    let label = label.unwrap_or_else(|| entry_name(&file));
    let mut reader = Reader::from_reader(Metered {
        inner: file,
        buf: vec![0; READ_BUFFER_BYTES].into_boxed_slice(),
        pos: 0,
        end: 0,
        read: 0,
        before: unpacked,
        token: 0,
        token_limit: MAX_XML_TOKEN_BYTES,
        overrun: None,
    });
    // The same settings as calamine's reader, so that both see the same events.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    Ok(Part {
        xml: reader,
        buf: Vec::new(),
        depth: 0,
        label,
    })
}

/// One part being read as XML.
pub(super) struct Part<'z, 'a> {
    xml: Reader<Metered<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>>,
    buf: Vec<u8>,
    depth: usize,
    /// The part for messages: "xl/styles.xml", "回答 (xl/worksheets/sheet1.xml)".
    pub(super) label: String,
}

impl<'z, 'a> Part<'z, 'a> {
    /// The next event, or `None` at the end of the part or where calamine's reader (the same
    /// reader with the same settings) would fail on the XML.
    pub(super) fn next(&mut self) -> Result<Option<Event<'_>>, InputError> {
        self.buf.clear();
        self.xml.get_mut().token = 0;
        match self.xml.read_event_into(&mut self.buf) {
            Ok(Event::Eof) => Ok(None),
            Ok(event) => {
                match &event {
                    Event::Start(e) => {
                        self.depth += 1;
                        if e.name().as_ref().len() > MAX_XML_NAME_BYTES {
                            return Err(InputError::whole(
                                "",
                                Problem::NameTooLong {
                                    part: self.label.clone(),
                                    max: MAX_XML_NAME_BYTES,
                                },
                            ));
                        }
                    }
                    Event::End(_) => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
                if self.depth > MAX_XML_DEPTH {
                    return Err(InputError::whole(
                        "",
                        Problem::TooDeepXml {
                            part: self.label.clone(),
                            max: MAX_XML_DEPTH,
                        },
                    ));
                }
                Ok(Some(event))
            }
            Err(_) => match self.xml.get_ref().overrun {
                Some(why) => Err(overrun_error(why, &self.label)),
                None => Ok(None),
            },
        }
    }

    /// Unpacks the rest of the part, counting it; returns the bytes unpacked so far, all parts
    /// together.
    pub(super) fn finish(mut self) -> Result<u64, InputError> {
        let metered = self.xml.get_mut();
        metered.token_limit = u64::MAX;
        loop {
            let n = match metered.fill_buf() {
                Ok(available) => available.len(),
                Err(_) => {
                    let why = metered.overrun.unwrap_or(Overrun::Damaged);
                    return Err(overrun_error(why, &self.label));
                }
            };
            if n == 0 {
                break;
            }
            metered.consume(n);
        }
        Ok(metered.before + metered.read)
    }
}

fn overrun_error(why: Overrun, label: &str) -> InputError {
    match why {
        Overrun::Damaged => InputError::whole("", Problem::PartMismatch { part: label.into() }),
        Overrun::Part => part_too_big(label, None),
        Overrun::Total => total_too_big(None),
        Overrun::Token => InputError::whole(
            "",
            Problem::TokenTooLong {
                part: label.into(),
                max: human_bytes(MAX_XML_TOKEN_BYTES),
            },
        ),
    }
}
