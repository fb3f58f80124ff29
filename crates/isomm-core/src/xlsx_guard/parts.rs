//! The parts calamine reads, found as it finds them (`_rels/.rels` → the workbook → its
//! relationships → each sheet's part, names compared without regard to case), and the workbook
//! part itself: its sheets, at most [`MAX_SHEETS`], and its defined names.

use quick_xml::events::Event;

use crate::limits::{MAX_SHEETS, MAX_ZIP_ENTRIES};
use crate::problem::{InputError, OpenWhy, Problem};

use super::Guard;
use super::container::{not_opened, too_many_entries};
use super::part::{Part, open};
use super::syntax::{attributes, attributes_once, display_name};

/// The most defined names in `workbook.xml`.
pub(super) const MAX_DEFINED_NAMES: usize = 10_000;

/// A sheet as the workbook lists it.
struct SheetEntry {
    name: String,
    rel_id: String,
}

impl<'a> Guard<'a> {
    /// Follows the parts as calamine does: the package relationships name the workbook, which
    /// sits next to the shared strings, the styles and its own relationships, which name the
    /// sheets' parts.
    pub(super) fn check_parts(&mut self) -> Result<(), InputError> {
        let Some(target) = self.package_target()? else {
            return Ok(()); // calamine cannot open it either
        };
        let (dir, file) = match target.rfind('/') {
            Some(i) => target.split_at(i + 1),
            None => ("", target.as_str()),
        };
        let xl = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let workbook_name = if file.is_empty() {
            "workbook.xml"
        } else {
            file
        };

        if let Some(index) = self.find(&format!("{xl}sharedStrings.xml")) {
            self.shared_strings(index)?;
        }
        if let Some(index) = self.find(&format!("{xl}styles.xml")) {
            self.styles(index)?;
        }
        let sheets = match self.find(&format!("{xl}{workbook_name}")) {
            Some(index) => self.workbook(index)?,
            None => Vec::new(),
        };
        if sheets.is_empty() {
            return Ok(());
        }
        let targets = match self.find(&format!("{xl}_rels/{workbook_name}.rels")) {
            Some(index) => self.relationships(index, &sheets)?,
            None => return Ok(()), // calamine cannot open it without them
        };
        for (sheet, target) in sheets.iter().zip(targets) {
            let Some(target) = target else { continue };
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("{xl}{target}"),
            };
            if let Some(index) = self.find(&path) {
                self.sheet(index, &sheet.name)?;
            }
        }
        Ok(())
    }

    /// The index of the part calamine opens for `path`: names compared without regard to case
    /// and with `\` read as `/` (the last such entry wins), else the zip reader's own lookup.
    fn find(&self, path: &str) -> Option<usize> {
        let key = path.to_ascii_lowercase();
        let cached = self
            .zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|name| name.replace('\\', "/").to_ascii_lowercase() == key)
            .last()
            .map(|name| name.into_owned());
        self.zip.index_for_name(cached.as_deref().unwrap_or(path))
    }

    /// Opens a part for reading, counted against the limits.
    pub(super) fn open(
        &mut self,
        index: usize,
        label: Option<String>,
    ) -> Result<Part<'_, 'a>, InputError> {
        self.read[index] = true;
        open(&mut self.zip, self.unpacked, index, label)
    }

    /// `_rels/.rels`: the path of the workbook part (the last `officeDocument` relationship).
    fn package_target(&mut self) -> Result<Option<String>, InputError> {
        let Some(index) = self.find("_rels/.rels") else {
            return Ok(None);
        };
        let mut part = self.open(index, None)?;
        let mut inside = false;
        let mut target = None;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if !inside && e.local_name().as_ref() == "Relationships" => {
                    inside = true;
                }
                Event::Start(e) if inside && e.local_name().as_ref() == "Relationship" => {
                    let Some([kind, to]) = attributes_once(e.attributes_raw(), ["Type", "Target"])
                    else {
                        return Err(not_opened(OpenWhy::Parts));
                    };
                    if let (Some(kind), Some(to)) = (kind, to)
                        && kind.ends_with("/relationships/officeDocument")
                    {
                        match quick_xml::escape::unescape(to) {
                            Ok(to) => target = Some(to.into_owned()),
                            Err(_) => break, // calamine gives up here
                        }
                    }
                }
                Event::End(e) if inside && e.local_name().as_ref() == "Relationships" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        Ok(target)
    }

    /// `xl/workbook.xml`: the sheets (name and relationship id) and the number of defined names.
    fn workbook(&mut self, index: usize) -> Result<Vec<SheetEntry>, InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut sheets = Vec::new();
        let mut count = 0usize;
        let mut names = 0usize;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                    count += 1;
                    if count > MAX_SHEETS {
                        continue; // counted for the message below
                    }
                    let (mut name, mut rel_id) = (String::new(), None);
                    for (key, value) in attributes(e.attributes_raw()) {
                        if key == "name" {
                            name = display_name(value);
                        } else if key == "id" || key.ends_with(":id") {
                            rel_id = Some(value);
                        }
                    }
                    let Some(rel_id) = rel_id else { continue };
                    if rel_id.len() > 4096 {
                        return Err(not_opened(OpenWhy::Sheets));
                    }
                    sheets.push(SheetEntry {
                        name,
                        rel_id: rel_id.to_string(),
                    });
                }
                Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                    names += 1;
                    if names > MAX_DEFINED_NAMES {
                        return Err(InputError::whole(
                            "",
                            Problem::NamesTooMany {
                                part: label,
                                max: MAX_DEFINED_NAMES,
                            },
                        ));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "workbook" => break,
                _ => {}
            }
        }
        if count > MAX_SHEETS {
            // The same words as the reader's own check after opening.
            return Err(InputError::whole(
                "",
                Problem::TooManySheets {
                    count,
                    max: MAX_SHEETS,
                },
            ));
        }
        self.unpacked = part.finish()?;
        Ok(sheets)
    }

    /// The workbook's relationships: the target of each sheet (the last relationship with its
    /// id, as calamine keeps them in a map).
    fn relationships(
        &mut self,
        index: usize,
        sheets: &[SheetEntry],
    ) -> Result<Vec<Option<String>>, InputError> {
        let mut part = self.open(index, None)?;
        let label = part.label.clone();
        let mut targets: Vec<Option<String>> = vec![None; sheets.len()];
        let mut count = 0usize;
        while let Some(event) = part.next()? {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                    count += 1;
                    if count > MAX_ZIP_ENTRIES {
                        let _ = &label;
                        return Err(too_many_entries());
                    }
                    let Some([id, _, to]) =
                        attributes_once(e.attributes_raw(), ["Id", "Type", "Target"])
                    else {
                        return Err(not_opened(OpenWhy::Parts));
                    };
                    let Some(id) = id else { continue }; // calamine skips it too
                    let to = to.unwrap_or("");
                    if to.len() > 65_536 {
                        return Err(not_opened(OpenWhy::Parts));
                    }
                    for (sheet, target) in sheets.iter().zip(targets.iter_mut()) {
                        if sheet.rel_id == id {
                            *target = Some(to.to_string());
                        }
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
                _ => {}
            }
        }
        self.unpacked = part.finish()?;
        Ok(targets)
    }
}
